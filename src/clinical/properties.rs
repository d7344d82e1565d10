//! Properties the whole engine keeps, over generated journals: it only ever
//! escalates, and it never reads the future.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::testkit::{Build, D, Fixture, day, score};
use super::{Level, assess, phase_status};
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
}
