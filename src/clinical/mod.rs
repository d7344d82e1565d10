//! The clinical engine (SPEC 5): red-flag rules, the traffic light and the
//! recovery phases. Pure functions of a journal's history and a date: no I/O,
//! no clock. It only ever escalates; it never reassures.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::fmt;

use crate::domain::{CapacityTest, CheckIn, Completion, Leg, Outcome, PhaseChange, Profile, Run, Symptoms};

mod adherence;
mod days;
mod guidance;
mod load;
mod open;
mod pause;
mod phases;
#[cfg(test)]
mod properties;
mod rules;
mod signs;
#[cfg(test)]
mod testkit;
mod text;

pub use adherence::{Adherence, ExerciseAdherence, adherence, adherence_with, week_adherence};
pub use guidance::LIGHT_SOURCE;
pub use open::{
    Episode, EpisodeEnd, NOT_SEEN_CLOSE, StaleFiring, episodes, held, history_is_complete, legs_needing_older,
    presentation_of, stale_firings,
};
pub use pause::{Pause, paused_by, paused_tags};
pub use phases::{Criterion, PhaseInfo, PhaseStatus, Symmetry, limb_symmetry, phase_status};
pub use text::{Explanation, explain};

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
    /// What the user should do at this level, in a few words (SPEC 5).
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

/// The rules of SPEC 5.1, in table order (which is also the order within a level).
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

    /// The stable id of SPEC 5.1.
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

/// True when `raw` is a rule id of SPEC 5.1 (import validation).
pub fn is_rule_id(raw: &str) -> bool {
    RuleId::parse(raw).is_some_and(|r| r.id() == raw)
}

/// True when `raw` names a sign as an outcome's presentation stores it.
pub fn is_sign_name(raw: &str) -> bool {
    signs::parse_sign(raw).is_some()
}

/// One warning: which rule, for which leg, from which entry, and what to do.
/// Field order is the JSON order of SPEC 4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub rule: RuleId,
    pub level: Level,
    pub leg: Leg,
    /// The latest entry that showed the sign (`D` for trend rules).
    pub date: NaiveDate,
    /// The first day of the open warning (SPEC 5.2); `date` otherwise.
    pub since: NaiveDate,
    pub title: String,
    pub advice: String,
    pub because: Vec<String>,
    /// The symptoms of the entries that fired it (not in the JSON): what
    /// the pauses of SPEC 5.6 read (`severe-pain` with `no-weight` pauses
    /// walking too).
    #[serde(skip)]
    pub symptoms: Symptoms,
}

impl Flag {
    /// True when the flag is an open warning (SPEC 5.2 v3): any
    /// single-entry rule, which stays until an outcome is recorded or enough
    /// check-ins come without it (14, 28 for `bone`, 7 for other soon ones).
    pub fn is_open_warning(&self) -> bool {
        self.rule.is_single_entry()
    }
}

/// The load light of SPEC 5.3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Amber,
    Red,
    Unknown,
    /// A warning of level soon or higher is active: follow it first.
    Stop,
}

impl Light {
    pub fn name(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Amber => "amber",
            Light::Red => "red",
            Light::Unknown => "unknown",
            Light::Stop => "stop",
        }
    }

    /// What the light asks of the next session (Silbernagel et al. 2007).
    pub fn action(self) -> &'static str {
        match self {
            Light::Green => "progress one step",
            Light::Amber => "hold the load where it is",
            Light::Red => "back off one step",
            Light::Unknown => "not enough recent entries to judge the load",
            Light::Stop => "follow the warning first: no running and no progression",
        }
    }
}

/// The load guidance of SPEC 5.3 with the reasons behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guidance {
    pub light: Light,
    pub because: Vec<String>,
}

/// What `flags --json` prints (SPEC 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub date: NaiveDate,
    pub flags: Vec<Flag>,
    pub guidance: Guidance,
    /// What pauses exercises on `date` (SPEC 5.6; not in the JSON): the
    /// active flags and, after a `not-seen` close of an emergency or urgent
    /// warning, the closed warning until a clean check-in of its leg
    /// ([`held`]), most urgent first. Pass this, not `flags`, to
    /// [`paused_by`].
    #[serde(skip)]
    pub pausing: Vec<Flag>,
}

impl Assessment {
    /// The most urgent warning, if any.
    pub fn most_urgent(&self) -> Option<&Flag> {
        self.flags.first()
    }
}

/// The slices of a journal the engine reads. Every slice is sorted by date
/// (check-ins by date then leg). It may hold entries after the assessed
/// date; the engine ignores them.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    pub profile: &'a Profile,
    pub checkins: &'a [CheckIn],
    pub completions: &'a [Completion],
    pub tests: &'a [CapacityTest],
    pub phases: &'a [PhaseChange],
    /// Recorded outcomes (SPEC 5.2), sorted by date.
    pub outcomes: &'a [Outcome],
    /// Imported runs, by date (typed runs are in the check-ins). The load
    /// rules and the load light read both, each run once (`day_loads`).
    pub runs: &'a [Run],
    /// The date from which `checkins` holds every check-in of the journal,
    /// when older ones exist and were not read (a loader's window); `None`
    /// when the slices reach the journal's start. An outcome dated before
    /// it closes what it closed but covers nothing after it: the slice
    /// cannot show whether a warning opened and lapsed since (SPEC 5.2).
    pub loaded_from: Option<NaiveDate>,
}

impl<'a> History<'a> {
    /// Check-ins dated `from..=to`. A binary search, so ten years of entries
    /// cost the same as one month.
    fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> &'a [CheckIn] {
        dated_between(self.checkins, |c| c.date, from, to)
    }

    /// Exercise completions dated `from..=to`.
    fn completions_between(&self, from: NaiveDate, to: NaiveDate) -> &'a [Completion] {
        dated_between(self.completions, |c| c.date, from, to)
    }

    /// Capacity tests dated no later than `to`.
    fn tests_until(&self, to: NaiveDate) -> &'a [CapacityTest] {
        dated_between(self.tests, |t| t.date, NaiveDate::MIN, to)
    }

    /// Phase changes dated no later than `to`.
    fn phases_until(&self, to: NaiveDate) -> &'a [PhaseChange] {
        dated_between(self.phases, |p| p.date, NaiveDate::MIN, to)
    }
}

/// The part of a date-sorted slice dated `from..=to`: a binary search, so
/// a short window of a ten-year journal costs what a short journal does.
/// Public for the trends charts, which slice the same sorted lists.
pub fn dated_between<T>(items: &[T], date_of: impl Fn(&T) -> NaiveDate, from: NaiveDate, to: NaiveDate) -> &[T] {
    let start = items.partition_point(|item| date_of(item) < from);
    let end = items.partition_point(|item| date_of(item) <= to).max(start);
    &items[start..end]
}

/// `date` minus `days`, saturating at the earliest date chrono knows, so a
/// window near the start of the calendar shrinks instead of panicking.
fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(NaiveDate::MIN)
}

/// How many days before the assessed date the trend rules, the light and
/// the phase criteria look back. The single-entry rules and open warnings
/// (SPEC 5.2) may need older check-ins: a loader reads
/// `date - LOOKBACK_DAYS ..= date` first and reads further back while
/// [`history_is_complete`] says so (see `service::HistoryWindow::load`).
pub const LOOKBACK_DAYS: i64 = 30;

/// How many days before the assessed date a loader reads at least: one
/// more than [`LOOKBACK_DAYS`], since `load-spike` on a run of `D-1` reads
/// the 30 days before that run.
pub const LOADED_DAYS: i64 = LOOKBACK_DAYS + 1;

/// Evaluates the red-flag rules and the traffic light as of `date`.
pub fn assess(history: &History<'_>, date: NaiveDate) -> Assessment {
    let (flags, held) = rules::evaluate_with_held(history, date);
    let guidance = guidance::traffic_light(history, date, &flags, &held);
    let mut pausing: Vec<Flag> = flags.iter().cloned().chain(held).collect();
    pausing.sort_by_key(|f| (f.level, f.rule, f.leg));
    Assessment {
        date,
        flags,
        guidance,
        pausing,
    }
}

/// Every rule of SPEC 5.1 for both legs, most urgent first (level, then
/// table order, then left before right). Uses only entries up to `date`.
pub fn flags(history: &History<'_>, date: NaiveDate) -> Vec<Flag> {
    rules::evaluate(history, date)
}

/// The load light of SPEC 5.3, one for the whole journal, as of `date`.
pub fn guidance(history: &History<'_>, date: NaiveDate) -> Guidance {
    let (flags, held) = rules::evaluate_with_held(history, date);
    guidance::traffic_light(history, date, &flags, &held)
}
