//! Properties the whole engine keeps, over generated journals: it only ever
//! escalates, and it never reads the future.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::testkit::{Build, D, EntryExt, Fixture, day, entry, score};
use super::{Level, Light, RuleId, assess, flags, phase_status};
use crate::domain::{CheckIn, InjuredLeg, Leg, Symptom};

/// Days generated: `D-24 ..= D+5`, so some entries lie after `D`.
const FIRST: i64 = -5;
const LAST: i64 = 24;

fn symptoms(mask: u32) -> impl Iterator<Item = Symptom> {
    Symptom::ALL
        .into_iter()
        .enumerate()
        .filter(move |(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| s)
}

prop_compose! {
    fn arb_entry()(
        // Mostly low pain, so that single signs decide the outcome often.
        rest in prop_oneof![3 => 0u8..=3, 1 => 0u8..=10],
        walk in prop_oneof![3 => 0u8..=3, 1 => 0u8..=10],
        pain_run in proptest::option::of(0u8..=10),
        morning in proptest::option::of(0u8..=10),
        // Four masks and-ed: about one sign in sixteen, like real entries.
        masks in (any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>()),
        km in proptest::option::weighted(0.4, 0.0f64..25.0),
        minutes in proptest::option::weighted(0.3, 0u32..120),
    ) -> CheckIn {
        let mut c = CheckIn::new(D, Leg::Left, score(rest), score(walk));
        c.pain_run = pain_run.map(score);
        c.morning = morning.map(score);
        c.symptoms = symptoms(masks.0 & masks.1 & masks.2 & masks.3).collect();
        c.run_km = km.map(|k| (k * 10.0).round() / 10.0);
        c.run_min = minutes;
        c
    }
}

prop_compose! {
    /// A journal around `D`: each day and leg has an entry with probability
    /// 0.7, some of them dated after `D`.
    fn arb_journal()(
        slots in proptest::collection::vec(proptest::option::weighted(0.7, arb_entry()), ((LAST - FIRST + 1) * 2) as usize),
        clot_history in any::<bool>(),
        cancer in any::<bool>(),
        leg in prop_oneof![Just(InjuredLeg::Left), Just(InjuredLeg::Right), Just(InjuredLeg::Both)],
        completion_pains in proptest::collection::vec((FIRST..=LAST, 0u8..=10), 0..6),
    ) -> Fixture {
        let mut fx = Fixture::default();
        fx.profile.clot_history = clot_history;
        fx.profile.cancer = cancer;
        fx.profile.leg = leg;
        for (i, slot) in slots.into_iter().enumerate() {
            if let Some(mut c) = slot {
                c.date = date_at(FIRST + (i / 2) as i64);
                c.leg = Leg::BOTH[i % 2];
                fx.add(c);
            }
        }
        for (days_before, pain) in completion_pains {
            fx.done(0, "walk-run", pain);
            if let Some(last) = fx.completions.last_mut() {
                last.date = date_at(days_before);
            }
        }
        fx.completions.sort_by_key(|c| c.date);
        fx
    }
}

/// `D - days_before`; negative means after `D`.
fn date_at(days_before: i64) -> NaiveDate {
    if days_before >= 0 {
        day(days_before as u64)
    } else {
        D + chrono::Days::new(days_before.unsigned_abs())
    }
}

/// The most urgent level as a rank: 0 emergency ... 3 watch, 4 nothing.
fn urgency_rank(fx: &Fixture) -> u8 {
    assess(&fx.history(), D).most_urgent().map_or(4, |f| match f.level {
        Level::Emergency => 0,
        Level::Urgent => 1,
        Level::Soon => 2,
        Level::Watch => 3,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Tried with every sign on the latest entry of each leg, so that rare
    /// combinations (numbness alone, then weakness) come up often.
    #[test]
    fn adding_a_sign_to_the_latest_entry_never_lowers_urgency(journal in arb_journal()) {
        let before = urgency_rank(&journal);
        for leg in Leg::BOTH {
            let Some(latest) = journal.checkins.iter().rposition(|c| c.leg == leg && c.date <= D) else {
                continue;
            };
            for sign in Symptom::ALL {
                let mut more = journal.clone();
                more.checkins[latest].symptoms.insert(sign);
                prop_assert!(urgency_rank(&more) <= before, "adding {} on the {} leg", sign, leg);
            }
        }
    }

    #[test]
    fn nothing_after_d_changes_the_assessment(journal in arb_journal()) {
        let mut past_only = Fixture {
            profile: journal.profile.clone(),
            ..Fixture::default()
        };
        past_only.checkins = journal.checkins.iter().filter(|c| c.date <= D).cloned().collect();
        past_only.completions = journal.completions.iter().filter(|c| c.date <= D).cloned().collect();
        prop_assert_eq!(assess(&journal.history(), D), assess(&past_only.history(), D));
        prop_assert_eq!(phase_status(&journal.history(), D), phase_status(&past_only.history(), D));
    }

    /// SPEC 5.3: nothing on screen contradicts a warning.
    #[test]
    fn the_light_is_stop_whenever_a_soon_or_higher_flag_is_active(journal in arb_journal()) {
        let a = assess(&journal.history(), D);
        let holding = a.flags.iter().any(|f| f.level <= Level::Soon);
        prop_assert_eq!(a.guidance.light == Light::Stop, holding);
    }
}

/// The emergency and urgent single-entry signs, one per rule, to open a warning.
const OPENING: [(crate::domain::Symptom, RuleId); 4] = [
    (Symptom::Breathless, RuleId::PeSigns),
    (Symptom::PaleCold, RuleId::Circulation),
    (Symptom::Pop, RuleId::Rupture),
    (Symptom::Weakness, RuleId::Nerve),
];

prop_compose! {
    /// Up to 13 later check-ins that show no sign at all, on random days.
    fn arb_clean_days()(days in proptest::collection::btree_set(0u64..40, 0..14),
                        pains in proptest::collection::vec((0u8..=2, 0u8..=2), 14)) -> Vec<(u64, u8, u8)> {
        days.into_iter().zip(pains).map(|(k, (r, w))| (k, r, w)).collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// SPEC 5.2: entries without the sign never close an open emergency or
    /// urgent warning before 14 clean check-ins.
    #[test]
    fn clean_entries_never_close_an_open_warning_before_fourteen(
        which in 0usize..OPENING.len(),
        clean in arb_clean_days(),
    ) {
        let (sign, rule) = OPENING[which];
        let mut fx = Fixture::default();
        fx.add(entry(41, Leg::Left, 0, 0).signs(&[sign]));
        for (k, rest, walk) in &clean {
            fx.add(entry(*k, Leg::Left, *rest, *walk));
        }
        let open: Vec<_> = flags(&fx.history(), D).into_iter().filter(|f| f.rule == rule).collect();
        prop_assert_eq!(open.len(), 1, "{} closed after {} clean check-ins", rule, clean.len());
        prop_assert_eq!(open[0].since, day(41));
        prop_assert!(open[0].level <= Level::Urgent);
    }

    /// Starting the replay at the latest quiet run gives what replaying
    /// everything gives (the shortcut that keeps ten years under 1 ms).
    #[test]
    fn the_quiet_run_shortcut_matches_a_full_replay(journal in arb_journal()) {
        let full: Vec<_> = super::open::episodes(&journal.history(), D)
            .into_iter()
            .filter(|e| e.end == super::EpisodeEnd::Open)
            .map(|e| (e.rule, e.leg, e.since, e.level, e.last_fired))
            .collect();
        let mut shortcut: Vec<_> = flags(&journal.history(), D)
            .into_iter()
            .filter(|f| f.is_open_warning())
            .map(|f| (f.rule, f.leg, f.since, f.level, f.date))
            .collect();
        let mut full = full;
        full.sort();
        shortcut.sort();
        prop_assert_eq!(full, shortcut);
    }
}
