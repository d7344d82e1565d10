//! The names the warnings go by, which the journal's validation needs: the
//! rule ids, their levels and the names of the signs an outcome's
//! presentation stores. The rules themselves live in the clinical engine;
//! see docs/clinical-rules.md.

use serde::Serialize;
use std::fmt;

use super::Symptom;

/// How soon the user should act. Ordered most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Call the emergency number or go to an emergency department now.
    Emergency,
    /// See a clinician today.
    Urgent,
    /// Book a clinician in the next few days.
    Soon,
    /// Adjust your own load.
    Watch,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Emergency => "emergency",
            Level::Urgent => "urgent",
            Level::Soon => "soon",
            Level::Watch => "watch",
        }
    }
}

impl Level {
    /// What the user should do at this level, in a few words (see
    /// docs/clinical-rules.md, levels).
    pub fn action(self) -> &'static str {
        match self {
            Level::Emergency => "call the emergency number or go to an emergency department now",
            Level::Urgent => "see a clinician today",
            Level::Soon => "book a clinician in the next few days",
            Level::Watch => "adjust your own load",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The red-flag rules, in table order (which is also the order within a
/// level; see docs/clinical-rules.md, the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    PeSigns,
    Circulation,
    Compartment,
    Rhabdo,
    CaudaEquina,
    Sepsis,
    Dvt,
    Infection,
    Rupture,
    Bleed,
    Nerve,
    SeverePain,
    Bone,
    Bruising,
    Redness,
    Swelling,
    StretchPain,
    BothLegs,
    Worried,
    Persistent,
    Recurring,
    Worsening,
    LoadSpike,
}

impl RuleId {
    pub const ALL: [RuleId; 23] = [
        RuleId::PeSigns,
        RuleId::Circulation,
        RuleId::Compartment,
        RuleId::Rhabdo,
        RuleId::CaudaEquina,
        RuleId::Sepsis,
        RuleId::Dvt,
        RuleId::Infection,
        RuleId::Rupture,
        RuleId::Bleed,
        RuleId::Nerve,
        RuleId::SeverePain,
        RuleId::Bone,
        RuleId::Bruising,
        RuleId::Redness,
        RuleId::Swelling,
        RuleId::StretchPain,
        RuleId::BothLegs,
        RuleId::Worried,
        RuleId::Persistent,
        RuleId::Recurring,
        RuleId::Worsening,
        RuleId::LoadSpike,
    ];

    /// The stable id, as the command line, the JSON and stored outcomes
    /// spell it.
    pub fn id(self) -> &'static str {
        match self {
            RuleId::PeSigns => "pe-signs",
            RuleId::Circulation => "circulation",
            RuleId::Compartment => "compartment",
            RuleId::Rhabdo => "rhabdo",
            RuleId::CaudaEquina => "cauda-equina",
            RuleId::Sepsis => "sepsis",
            RuleId::Dvt => "dvt",
            RuleId::Infection => "infection",
            RuleId::Rupture => "rupture",
            RuleId::Bleed => "bleed",
            RuleId::Nerve => "nerve",
            RuleId::SeverePain => "severe-pain",
            RuleId::Bone => "bone",
            RuleId::Bruising => "bruising",
            RuleId::Redness => "redness",
            RuleId::Swelling => "swelling",
            RuleId::StretchPain => "stretch-pain",
            RuleId::BothLegs => "both-legs",
            RuleId::Worried => "worried",
            RuleId::Persistent => "persistent",
            RuleId::Recurring => "recurring",
            RuleId::Worsening => "worsening",
            RuleId::LoadSpike => "load-spike",
        }
    }

    pub fn parse(raw: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.id() == raw.trim())
    }

    /// The level the rule usually fires at. `infection` goes up to
    /// emergency with fever, `compartment` down to urgent on its urgent
    /// clauses, `nerve` and `severe-pain` up to urgent; the flag itself
    /// carries the level it fired at.
    pub fn base_level(self) -> Level {
        match self {
            RuleId::PeSigns
            | RuleId::Circulation
            | RuleId::Compartment
            | RuleId::Rhabdo
            | RuleId::CaudaEquina
            | RuleId::Sepsis => Level::Emergency,
            RuleId::Dvt | RuleId::Rupture | RuleId::Infection | RuleId::Bleed => Level::Urgent,
            RuleId::Nerve | RuleId::SeverePain | RuleId::Bone | RuleId::Bruising => Level::Soon,
            RuleId::Redness | RuleId::Swelling | RuleId::StretchPain | RuleId::BothLegs | RuleId::Worried => {
                Level::Soon
            }
            RuleId::Persistent | RuleId::Recurring => Level::Soon,
            RuleId::Worsening | RuleId::LoadSpike => Level::Watch,
        }
    }

    /// True for the rules that read one check-in (`pe-signs` ... `worried`);
    /// false for the trend rules (`persistent` ... `load-spike`).
    pub fn is_single_entry(self) -> bool {
        self < RuleId::Persistent
    }

    /// Every id, comma-separated: what an unknown id is told to choose from.
    pub fn id_list() -> String {
        RuleId::ALL.map(RuleId::id).join(", ")
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// True when `raw` is exactly a rule's id (import validation).
pub fn is_rule_id(raw: &str) -> bool {
    RuleId::parse(raw).is_some_and(|r| r.id() == raw)
}

/// The names of the rule clauses an outcome's presentation stores beside
/// symptom names ("pain_walk>=9", "clot-history"). The clinical engine
/// gives each its bit, in this order.
pub const CLAUSE_NAMES: [&str; 14] = [
    "pain_rest>=7",
    "pain_walk>=9",
    "pain>=1-with-risk-factor",
    "clot-history",
    "cancer",
    "pain_walk>=7",
    "pain_rest>=5",
    "heel-raise-test-0-reps",
    "clot-risk",
    "pain_walk>=8",
    "pain>=1-with-swelling",
    "pain>=3",
    "pain-3-above-previous",
    "blood-thinners",
];

/// True when `raw` names a sign as an outcome's presentation stores it: a
/// symptom's name or one of [`CLAUSE_NAMES`].
pub fn is_sign_name(raw: &str) -> bool {
    CLAUSE_NAMES.contains(&raw) || Symptom::ALL.into_iter().any(|s| s.name() == raw)
}
