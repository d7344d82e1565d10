//! Exercises under a warning (see docs/clinical-rules.md, exercises under
//! a warning): which exercise tags each active flag pauses, and which flag
//! pauses a given exercise. Pure: the checklist, the adherence count and
//! the CLI's `done` all ask here.

use super::assessment::Flag;
use crate::domain::{Exercise, ExerciseTag, Level, RuleId};

/// Which tags a flag pauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// Every exercise, whatever its tags (emergencies: ice included).
    All,
    /// Every exercise except those whose tags are all in this list.
    AllBut(&'static [ExerciseTag]),
    /// Exercises with any of these tags.
    Only(&'static [ExerciseTag]),
    /// Nothing.
    Nothing,
}

/// What `flag` pauses, by its rule and the level it fired at (the table
/// in docs/clinical-rules.md, exercises under a warning). Every flag of
/// level soon or higher pauses `running` and `plyometric` (the light is
/// stop, and stop means no running); the
/// rows that pause `ice` are those where its own caution says not to use
/// it, and the rows that pause `elevation` those where raising the leg is
/// unsafe (blood supply or pressure in doubt).
pub fn paused_tags(flag: &Flag) -> Pause {
    use ExerciseTag::*;
    if flag.level == Level::Emergency {
        // Do not compress or raise a limb whose blood supply or pressure
        // is in doubt: ice and elevation too.
        return Pause::All;
    }
    let no_weight = flag.symptoms.contains(crate::domain::Symptom::NoWeight);
    match (flag.rule, flag.level) {
        // Keep the leg at heart level, no compression.
        (RuleId::Compartment, _) => Pause::AllBut(&[Mobility, Walking]),
        // Never massage or foam-roll a calf that may hold a clot.
        (RuleId::Dvt, _) => Pause::AllBut(&[Mobility, Walking, Elevation]),
        (RuleId::Bleed, _) => Pause::AllBut(&[Mobility, Walking]),
        (RuleId::Rupture, _) => Pause::AllBut(&[Ice, Elevation]),
        // Raising an infected leg helps; no ice or compression on it.
        (RuleId::Infection, _) => Pause::AllBut(&[Mobility, Walking, Elevation]),
        // Not ice on a numb or weak foot.
        (RuleId::Nerve, Level::Urgent) => Pause::AllBut(&[Mobility, Walking]),
        (RuleId::SeverePain, Level::Urgent) if no_weight => Pause::AllBut(&[Mobility, Ice]),
        (RuleId::SeverePain, Level::Urgent) => Pause::AllBut(&[Mobility, Walking, Ice]),
        (RuleId::Nerve, _) => Pause::Only(&[Running, Plyometric, Ice]),
        (RuleId::SeverePain, _) => Pause::Only(&[Running, Plyometric, Eccentric]),
        (RuleId::Bruising | RuleId::Swelling | RuleId::StretchPain, _) => {
            Pause::Only(&[Stretch, SoftTissue, Running, Plyometric])
        }
        (RuleId::Redness, _) => Pause::Only(&[Stretch, SoftTissue, Running, Plyometric, Ice]),
        // The light holds the load at amber.
        (RuleId::Worsening | RuleId::LoadSpike, Level::Watch) => Pause::Nothing,
        // bone, persistent, recurring, both-legs, worried, and any other
        // flag of level soon or higher: no running, no hops.
        (_, Level::Urgent | Level::Soon) => Pause::Only(&[Running, Plyometric]),
        (_, _) => Pause::Nothing,
    }
}

impl Pause {
    /// True when this pause covers an exercise with `tags`. An exercise
    /// without tags (a user's own, not tagged) is paused by the warnings that
    /// pause everything but a few kinds: soleus cannot tell what it asks.
    pub fn covers(self, tags: &[ExerciseTag]) -> bool {
        match self {
            Pause::All => true,
            Pause::AllBut(allowed) => tags.is_empty() || tags.iter().any(|t| !allowed.contains(t)),
            Pause::Only(paused) => tags.iter().any(|t| paused.contains(t)),
            Pause::Nothing => false,
        }
    }
}

/// The most urgent active flag that pauses `exercise`, if any. `flags` are
/// sorted most urgent first, as [`flags`](super::flags) returns them.
pub fn paused_by<'f>(exercise: &Exercise, flags: &'f [Flag]) -> Option<&'f Flag> {
    flags.iter().find(|f| paused_tags(f).covers(&exercise.tags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Catalogue, Leg, Symptom};

    fn flag(rule: RuleId, level: Level) -> Flag {
        let date = "2026-06-20".parse().unwrap_or_default();
        Flag {
            rule,
            level,
            leg: Leg::Left,
            date,
            since: date,
            title: format!("{rule} title"),
            advice: String::new(),
            because: Vec::new(),
            symptoms: Default::default(),
        }
    }

    /// Every shipped id and its tags, exactly (see docs/plan.md).
    const SHIPPED: [(&str, &[&str]); 22] = [
        ("ankle-pumps", &["mobility"]),
        ("easy-walking", &["walking"]),
        ("isometric-hold-double", &["isometric"]),
        ("isometric-hold-single", &["isometric"]),
        ("isometric-hold-seated", &["isometric"]),
        ("wall-stretch-straight", &["stretch"]),
        ("towel-stretch", &["stretch"]),
        ("wall-stretch-bent", &["stretch"]),
        ("foam-roll", &["soft-tissue"]),
        ("heel-raise-double", &["strength"]),
        ("heel-raise-single", &["strength"]),
        ("seated-heel-raise", &["strength"]),
        ("eccentric-drop-straight", &["eccentric"]),
        ("eccentric-drop-bent", &["eccentric"]),
        ("step-drop-straighten", &["eccentric", "strength"]),
        ("quick-rebound-raise", &["plyometric"]),
        ("pogo-hops", &["plyometric"]),
        ("walk-run", &["running"]),
        ("easy-run", &["running"]),
        ("ice-compress-elevate", &["ice"]),
        ("leg-elevation", &["elevation"]),
        ("cross-training", &["cross-training"]),
    ];

    #[test]
    fn every_shipped_exercise_carries_the_tags_of_spec_5_5() {
        let catalogue = Catalogue::builtin();
        let mut ids: Vec<&str> = catalogue.all().iter().map(|e| e.id.as_str()).collect();
        let mut expected: Vec<&str> = SHIPPED.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        expected.sort_unstable();
        assert_eq!(ids, expected, "shipped ids differ from docs/plan.md");
        for (id, tags) in SHIPPED {
            let exercise = catalogue.get(id).unwrap_or_else(|| unreachable!());
            let names: Vec<&str> = exercise.tags.iter().map(|t| t.name()).collect();
            assert_eq!(names, tags, "{id}");
        }
    }

    #[test]
    fn the_ice_and_elevation_exercises_carry_their_own_cautions() {
        let catalogue = Catalogue::builtin();
        let ice = catalogue.get("ice-compress-elevate").unwrap_or_else(|| unreachable!());
        assert_eq!(ice.name, "Ice and compression");
        for words in [
            "pale, cold or numb foot",
            "hard and swollen",
            "red, hot or looks infected",
        ] {
            assert!(ice.caution.contains(words), "{words}: {}", ice.caution);
        }
        let raise = catalogue.get("leg-elevation").unwrap_or_else(|| unreachable!());
        assert!(raise.how_to.contains("higher than your heart"), "{}", raise.how_to);
        assert_eq!(raise.dose, "20-30 min, a few times a day");
        for words in ["pale or cold", "hard and swollen"] {
            assert!(raise.caution.contains(words), "{words}: {}", raise.caution);
        }
        // Offered wherever ice is (every phase).
        assert_eq!(raise.phases, ice.phases);
    }

    /// The ids paused by one flag, in catalogue order.
    fn paused_by_flag(flag: Flag) -> Vec<String> {
        let flags = [flag];
        Catalogue::builtin()
            .all()
            .iter()
            .filter(|e| paused_by(e, &flags).is_some())
            .map(|e| e.id.clone())
            .collect()
    }

    fn paused(rule: RuleId, level: Level) -> Vec<String> {
        paused_by_flag(flag(rule, level))
    }

    fn all_ids() -> Vec<String> {
        Catalogue::builtin().all().iter().map(|e| e.id.clone()).collect()
    }

    fn all_but(kept: &[&str]) -> Vec<String> {
        all_ids()
            .into_iter()
            .filter(|id| !kept.contains(&id.as_str()))
            .collect()
    }

    const RUN_AND_HOPS: [&str; 4] = ["quick-rebound-raise", "pogo-hops", "walk-run", "easy-run"];
    const STRETCH_ROLL: [&str; 4] = [
        "wall-stretch-straight",
        "towel-stretch",
        "wall-stretch-bent",
        "foam-roll",
    ];

    #[test]
    fn emergencies_pause_everything_ice_and_elevation_included() {
        for rule in [
            RuleId::PeSigns,
            RuleId::Circulation,
            RuleId::Compartment,
            RuleId::Rhabdo,
            RuleId::CaudaEquina,
            RuleId::Sepsis,
            RuleId::Infection,
        ] {
            let all = paused(rule, Level::Emergency);
            assert_eq!(all, all_ids(), "{rule}");
            assert!(all.contains(&"leg-elevation".to_owned()) && all.contains(&"ice-compress-elevate".to_owned()));
        }
    }

    #[test]
    fn urgent_compartment_keeps_only_mobility_and_walking() {
        let p = paused(RuleId::Compartment, Level::Urgent);
        assert_eq!(p, all_but(&["ankle-pumps", "easy-walking"]));
        assert!(p.contains(&"ice-compress-elevate".to_owned()) && p.contains(&"leg-elevation".to_owned()));
    }

    #[test]
    fn dvt_keeps_mobility_walking_and_elevation_and_never_the_foam_roller() {
        let dvt = paused(RuleId::Dvt, Level::Urgent);
        assert_eq!(dvt, all_but(&["ankle-pumps", "easy-walking", "leg-elevation"]));
        assert!(dvt.contains(&"foam-roll".to_owned()));
        assert!(dvt.contains(&"ice-compress-elevate".to_owned()));
    }

    #[test]
    fn bleed_keeps_only_mobility_and_walking() {
        assert_eq!(
            paused(RuleId::Bleed, Level::Urgent),
            all_but(&["ankle-pumps", "easy-walking"])
        );
    }

    #[test]
    fn rupture_keeps_only_ice_and_elevation() {
        assert_eq!(
            paused(RuleId::Rupture, Level::Urgent),
            all_but(&["ice-compress-elevate", "leg-elevation"])
        );
    }

    #[test]
    fn urgent_infection_keeps_mobility_walking_and_elevation_not_ice() {
        let p = paused(RuleId::Infection, Level::Urgent);
        assert_eq!(p, all_but(&["ankle-pumps", "easy-walking", "leg-elevation"]));
        assert!(p.contains(&"ice-compress-elevate".to_owned()));
    }

    #[test]
    fn urgent_nerve_keeps_mobility_and_walking_not_ice() {
        assert_eq!(
            paused(RuleId::Nerve, Level::Urgent),
            all_but(&["ankle-pumps", "easy-walking"])
        );
    }

    #[test]
    fn urgent_severe_pain_keeps_mobility_walking_and_ice_and_walking_goes_with_no_weight() {
        assert_eq!(
            paused(RuleId::SeverePain, Level::Urgent),
            all_but(&["ankle-pumps", "easy-walking", "ice-compress-elevate"])
        );
        let mut no_weight = flag(RuleId::SeverePain, Level::Urgent);
        no_weight.symptoms = [Symptom::NoWeight].into_iter().collect();
        assert_eq!(
            paused_by_flag(no_weight),
            all_but(&["ankle-pumps", "ice-compress-elevate"])
        );
        // Another symptom on the entry does not pause walking.
        let mut other = flag(RuleId::SeverePain, Level::Urgent);
        other.symptoms = [Symptom::Cramping].into_iter().collect();
        assert!(!paused_by_flag(other).contains(&"easy-walking".to_owned()));
    }

    #[test]
    fn nerve_at_soon_pauses_running_hops_and_ice() {
        let mut expected = vec!["ice-compress-elevate"];
        expected.splice(0..0, RUN_AND_HOPS);
        assert_eq!(paused(RuleId::Nerve, Level::Soon), expected);
    }

    #[test]
    fn severe_pain_at_soon_pauses_running_hops_and_eccentrics() {
        assert_eq!(
            paused(RuleId::SeverePain, Level::Soon),
            [
                "eccentric-drop-straight",
                "eccentric-drop-bent",
                "step-drop-straighten",
                "quick-rebound-raise",
                "pogo-hops",
                "walk-run",
                "easy-run"
            ]
        );
    }

    #[test]
    fn bone_trend_both_legs_and_worried_pause_running_and_hops() {
        for rule in [
            RuleId::Bone,
            RuleId::Persistent,
            RuleId::Recurring,
            RuleId::BothLegs,
            RuleId::Worried,
        ] {
            assert_eq!(paused(rule, Level::Soon), RUN_AND_HOPS, "{rule}");
        }
    }

    #[test]
    fn skin_and_swelling_signs_pause_stretching_rolling_running_and_hops() {
        let mut expected: Vec<&str> = STRETCH_ROLL.to_vec();
        expected.extend(RUN_AND_HOPS);
        for rule in [RuleId::Bruising, RuleId::Swelling, RuleId::StretchPain] {
            assert_eq!(paused(rule, Level::Soon), expected, "{rule}");
        }
        // Swelling keeps ice and elevation.
        let swelling = paused(RuleId::Swelling, Level::Soon);
        assert!(!swelling.contains(&"leg-elevation".to_owned()));
        assert!(!swelling.contains(&"ice-compress-elevate".to_owned()));
    }

    #[test]
    fn redness_pauses_ice_too() {
        let mut expected: Vec<&str> = STRETCH_ROLL.to_vec();
        expected.extend(RUN_AND_HOPS);
        expected.push("ice-compress-elevate");
        assert_eq!(paused(RuleId::Redness, Level::Soon), expected);
    }

    #[test]
    fn watch_flags_pause_nothing() {
        for rule in [RuleId::Worsening, RuleId::LoadSpike] {
            assert!(paused(rule, Level::Watch).is_empty(), "{rule}");
        }
    }

    #[test]
    fn every_flag_of_level_soon_or_higher_pauses_running_and_hops() {
        let catalogue = Catalogue::builtin();
        for rule in RuleId::ALL {
            for level in [Level::Emergency, Level::Urgent, Level::Soon] {
                let flags = [flag(rule, level)];
                for id in RUN_AND_HOPS {
                    let exercise = catalogue.get(id).unwrap_or_else(|| unreachable!());
                    assert!(paused_by(exercise, &flags).is_some(), "{rule} at {level}: {id}");
                }
            }
        }
    }

    #[test]
    fn the_most_urgent_pausing_flag_is_named_and_untagged_exercises_are_careful() {
        let flags = [flag(RuleId::Dvt, Level::Urgent), flag(RuleId::Bruising, Level::Soon)];
        let catalogue = Catalogue::builtin();
        let foam = catalogue.get("foam-roll").unwrap_or_else(|| unreachable!());
        assert_eq!(paused_by(foam, &flags).map(|f| f.rule), Some(RuleId::Dvt));
        let mut own = foam.clone();
        own.tags.clear();
        assert_eq!(paused_by(&own, &flags).map(|f| f.rule), Some(RuleId::Dvt));
        assert!(paused_by(&own, &[flag(RuleId::Bruising, Level::Soon)]).is_none());
    }
}
