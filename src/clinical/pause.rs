//! Exercises under a warning (SPEC 5.6): which exercise tags each active
//! flag pauses, and which flag pauses a given exercise. Pure: the checklist,
//! the adherence count and the CLI's `done` all ask here.

use super::{Flag, Level, RuleId};
use crate::domain::{Exercise, ExerciseTag};

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

/// What `flag` pauses, by its rule and the level it fired at.
pub fn paused_tags(flag: &Flag) -> Pause {
    use ExerciseTag::*;
    if flag.level == Level::Emergency {
        return Pause::All;
    }
    match (flag.rule, flag.level) {
        (RuleId::Dvt, _) => Pause::AllBut(&[Mobility, Walking]),
        (RuleId::Rupture, _) => Pause::AllBut(&[Ice]),
        (RuleId::Infection | RuleId::Nerve | RuleId::SeverePain, Level::Urgent) => {
            Pause::AllBut(&[Mobility, Walking, Ice])
        }
        (RuleId::Bone | RuleId::Persistent | RuleId::Recurring | RuleId::SeverePain, _) => {
            Pause::Only(&[Running, Plyometric])
        }
        (RuleId::Bruising | RuleId::Redness | RuleId::Swelling | RuleId::StretchPain, _) => {
            Pause::Only(&[Stretch, SoftTissue])
        }
        _ => Pause::Nothing,
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
/// sorted most urgent first, as [`super::flags`] returns them.
pub fn paused_by<'f>(exercise: &Exercise, flags: &'f [Flag]) -> Option<&'f Flag> {
    flags.iter().find(|f| paused_tags(f).covers(&exercise.tags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Catalogue, Leg};

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

    /// SPEC 5.5: every shipped id and its tags, exactly.
    const SHIPPED: [(&str, &[&str]); 21] = [
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
        ("cross-training", &["cross-training"]),
    ];

    #[test]
    fn every_shipped_exercise_carries_the_tags_of_spec_5_5() {
        let catalogue = Catalogue::builtin();
        let mut ids: Vec<&str> = catalogue.all().iter().map(|e| e.id.as_str()).collect();
        let mut expected: Vec<&str> = SHIPPED.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        expected.sort_unstable();
        assert_eq!(ids, expected, "shipped ids differ from SPEC 5.5");
        for (id, tags) in SHIPPED {
            let exercise = catalogue.get(id).unwrap_or_else(|| unreachable!());
            let names: Vec<&str> = exercise.tags.iter().map(|t| t.name()).collect();
            assert_eq!(names, tags, "{id}");
        }
    }

    #[test]
    fn the_ice_exercise_carries_its_own_caution() {
        let catalogue = Catalogue::builtin();
        let ice = catalogue.get("ice-compress-elevate").unwrap_or_else(|| unreachable!());
        for words in ["pale, cold or numb foot", "tense, rock-hard calf"] {
            assert!(ice.caution.contains(words), "{}", ice.caution);
        }
    }

    /// The ids paused by one flag, in catalogue order.
    fn paused(rule: RuleId, level: Level) -> Vec<String> {
        let flags = [flag(rule, level)];
        Catalogue::builtin()
            .all()
            .iter()
            .filter(|e| paused_by(e, &flags).is_some())
            .map(|e| e.id.clone())
            .collect()
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

    #[test]
    fn emergencies_pause_everything_ice_included() {
        for rule in [
            RuleId::PeSigns,
            RuleId::Circulation,
            RuleId::Compartment,
            RuleId::Infection,
        ] {
            assert_eq!(paused(rule, Level::Emergency), all_ids(), "{rule}");
        }
    }

    #[test]
    fn dvt_keeps_only_mobility_and_walking_and_never_the_foam_roller() {
        let dvt = paused(RuleId::Dvt, Level::Urgent);
        assert_eq!(dvt, all_but(&["ankle-pumps", "easy-walking"]));
        assert!(dvt.contains(&"foam-roll".to_owned()));
    }

    #[test]
    fn rupture_keeps_only_ice() {
        assert_eq!(
            paused(RuleId::Rupture, Level::Urgent),
            all_but(&["ice-compress-elevate"])
        );
    }

    #[test]
    fn urgent_infection_nerve_and_severe_pain_keep_mobility_walking_and_ice() {
        for rule in [RuleId::Infection, RuleId::Nerve, RuleId::SeverePain] {
            assert_eq!(
                paused(rule, Level::Urgent),
                all_but(&["ankle-pumps", "easy-walking", "ice-compress-elevate"]),
                "{rule}"
            );
        }
    }

    #[test]
    fn bone_and_trend_rules_pause_running_and_hops() {
        for (rule, level) in [
            (RuleId::Bone, Level::Soon),
            (RuleId::Persistent, Level::Soon),
            (RuleId::Recurring, Level::Soon),
            (RuleId::SeverePain, Level::Soon),
        ] {
            assert_eq!(
                paused(rule, level),
                ["quick-rebound-raise", "pogo-hops", "walk-run", "easy-run"],
                "{rule}"
            );
        }
    }

    #[test]
    fn skin_and_swelling_signs_pause_stretching_and_rolling() {
        for rule in [RuleId::Bruising, RuleId::Redness, RuleId::Swelling, RuleId::StretchPain] {
            assert_eq!(
                paused(rule, Level::Soon),
                [
                    "wall-stretch-straight",
                    "towel-stretch",
                    "wall-stretch-bent",
                    "foam-roll"
                ],
                "{rule}"
            );
        }
    }

    #[test]
    fn some_flags_pause_nothing() {
        for (rule, level) in [
            (RuleId::Nerve, Level::Soon),
            (RuleId::BothLegs, Level::Soon),
            (RuleId::Worried, Level::Soon),
            (RuleId::Worsening, Level::Watch),
            (RuleId::LoadSpike, Level::Watch),
        ] {
            assert!(paused(rule, level).is_empty(), "{rule}");
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
