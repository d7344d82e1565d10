//! The signs of an entry, as bits: each symptom and each clause of a rule's
//! condition ("`pain_walk` >= 9", "pain >= 1 with a risk factor") that is
//! true on the entry (see docs/clinical-rules.md, the red-flag rules).
//! Open warnings compare these sets with the presentation an outcome
//! stored; a different score above the same threshold is the same sign.

use crate::domain::{CLAUSE_NAMES, Profile, Symptom};

/// A set of signs: symptoms in the low bits, rule clauses from bit 32 up.
pub(super) type Signs = u64;

pub(super) const REST_7: Signs = 1 << 32;
pub(super) const WALK_9: Signs = 1 << 33;
pub(super) const RISK_PAIN: Signs = 1 << 34;
pub(super) const CLOT: Signs = 1 << 35;
pub(super) const CANCER: Signs = 1 << 36;
pub(super) const WALK_7: Signs = 1 << 37;
pub(super) const REST_5: Signs = 1 << 38;
pub(super) const TEST_0: Signs = 1 << 39;
/// Profile `clot_risk`: oestrogen, pregnancy or a recent birth, a clotting
/// disorder (see docs/storage.md, the profile).
pub(super) const CLOT_RISK: Signs = 1 << 40;
/// `pain_walk` >= 8 (with `tense`, a compartment emergency).
pub(super) const WALK_8: Signs = 1 << 41;
/// Pain >= 1 with swelling (`dvt`).
pub(super) const SWELLING_PAIN: Signs = 1 << 42;
/// Pain >= 3 (`infection` with fever, `redness` with warmth).
pub(super) const PAIN_3: Signs = 1 << 43;
/// Pain at least 3 above the leg's previous check-in (`bleed`).
pub(super) const PAIN_RISE: Signs = 1 << 44;
/// Profile `blood_thinners` (`bleed`).
pub(super) const THINNERS: Signs = 1 << 45;

/// Every symptom bit: the low bits.
pub(super) const SYMPTOMS: Signs = (1 << 32) - 1;

/// The clause bits, in the order of [`CLAUSE_NAMES`].
const CLAUSE_BITS: [Signs; 14] = [
    REST_7,
    WALK_9,
    RISK_PAIN,
    CLOT,
    CANCER,
    WALK_7,
    REST_5,
    TEST_0,
    CLOT_RISK,
    WALK_8,
    SWELLING_PAIN,
    PAIN_3,
    PAIN_RISE,
    THINNERS,
];

/// The clause bits with the names an outcome's presentation stores
/// ("pain_walk>=9"); the names are the domain's, which validates them.
const CLAUSES: [(Signs, &str); 14] = {
    let mut clauses = [(0, ""); 14];
    let mut i = 0;
    while i < clauses.len() {
        clauses[i] = (CLAUSE_BITS[i], CLAUSE_NAMES[i]);
        i += 1;
    }
    clauses
};

/// The bit of one symptom.
pub(super) fn bit(symptom: Symptom) -> Signs {
    1 << (symptom as u32)
}

/// The bits of several symptoms.
pub(super) fn bits(symptoms: &[Symptom]) -> Signs {
    symptoms.iter().fold(0, |acc, s| acc | bit(*s))
}

/// The profile's clot risk factors as clause bits (`clot_history`,
/// `cancer`, `clot_risk`); `immobilised` is a risk factor of an entry's
/// date, added by the rules.
pub(super) fn profile_risk(profile: &Profile) -> Signs {
    (if profile.clot_history { CLOT } else { 0 })
        | (if profile.cancer { CANCER } else { 0 })
        | (if profile.clot_risk { CLOT_RISK } else { 0 })
}

/// The names of a set, symptoms in form order, then clauses.
pub(super) fn names(signs: Signs) -> Vec<String> {
    let symptoms = Symptom::ALL
        .into_iter()
        .filter(|s| signs & bit(*s) != 0)
        .map(|s| s.name().to_owned());
    let clauses = CLAUSES
        .into_iter()
        .filter(|(b, _)| signs & b != 0)
        .map(|(_, n)| n.to_owned());
    symptoms.chain(clauses).collect()
}

/// One stored name back to its bit.
pub(super) fn parse_sign(name: &str) -> Option<Signs> {
    if let Some((b, _)) = CLAUSES.iter().find(|(_, n)| *n == name) {
        return Some(*b);
    }
    Symptom::ALL.into_iter().find(|s| s.name() == name).map(bit)
}

/// A stored list back to a set; unknown names (validated on import) are
/// skipped rather than trusted.
pub(super) fn parse_all(names: &[String]) -> Signs {
    names.iter().filter_map(|n| parse_sign(n)).fold(0, |acc, b| acc | b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let all = Symptom::ALL.iter().fold(0, |acc, s| acc | bit(*s)) | CLAUSES.iter().fold(0, |acc, (b, _)| acc | b);
        let listed = names(all);
        assert_eq!(listed.len(), Symptom::ALL.len() + CLAUSES.len());
        assert_eq!(parse_all(&listed), all);
        assert_eq!(parse_sign("nope"), None);
        assert_eq!(names(bit(Symptom::Swelling) | WALK_9), ["swelling", "pain_walk>=9"]);
    }
}
