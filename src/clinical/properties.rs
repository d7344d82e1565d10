//! Properties the whole engine keeps, over generated journals: it only ever
//! escalates, and it never reads the future.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::testkit::{Build, D, EntryExt, Fixture, day, entry, score};
use super::{Level, Light, RuleId, assess, flags, paused_by, phase_status};
use crate::domain::{Catalogue, CheckIn, ExerciseTag, InjuredLeg, Leg, Outcome, OutcomeResult, Symptom};

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

prop_compose! {
    /// 200 days of mostly quiet entries on both legs, with rare signs and
    /// rare outcomes: long enough for the loader's quiet run.
    fn arb_long_journal()(
        slots in proptest::collection::vec(
            proptest::option::weighted(
                0.9,
                (prop_oneof![4 => Just(0u8), 1 => 0u8..=3], prop_oneof![4 => Just(0u8), 1 => 0u8..=4], any::<u32>()),
            ),
            400,
        ),
        clot_history in any::<bool>(),
    ) -> Fixture {
        let mut fx = Fixture::default();
        fx.profile.clot_history = clot_history;
        for (i, slot) in slots.into_iter().enumerate() {
            if let Some((rest, walk, r)) = slot {
                let mut e = entry((i / 2) as u64, Leg::BOTH[i % 2], rest, walk);
                // One entry in 25 carries one sign.
                if r % 25 == 0 {
                    e.symptoms.insert(Symptom::ALL[(r / 25) as usize % Symptom::ALL.len()]);
                }
                fx.add(e);
            }
        }
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

    /// Nothing on screen contradicts a warning (the load light).
    #[test]
    fn the_light_is_stop_whenever_a_soon_or_higher_flag_is_active(journal in arb_journal()) {
        let a = assess(&journal.history(), D);
        let holding = a.flags.iter().any(|f| f.level <= Level::Soon) || !super::held(&journal.history(), D).is_empty();
        prop_assert_eq!(a.guidance.light == Light::Stop, holding);
    }

    /// A watch flag holds the load: nothing shown contradicts an active
    /// flag.
    #[test]
    fn the_light_is_never_green_while_a_watch_or_higher_flag_is_active(journal in arb_journal()) {
        let a = assess(&journal.history(), D);
        if !a.flags.is_empty() {
            prop_assert_ne!(a.guidance.light, Light::Green, "{:#?}", a.flags);
        }
    }

    /// Stop means no running and no plyometric work (exercises under a
    /// warning).
    #[test]
    fn running_and_plyometric_work_are_paused_whenever_the_light_is_stop(journal in arb_journal()) {
        let a = assess(&journal.history(), D);
        if a.guidance.light == Light::Stop {
            let catalogue = Catalogue::builtin();
            for exercise in catalogue.all() {
                if exercise.tags.iter().any(|t| matches!(t, ExerciseTag::Running | ExerciseTag::Plyometric)) {
                    prop_assert!(
                        paused_by(exercise, &a.pausing).is_some(),
                        "{} offered under stop: {:#?}", exercise.id, a.guidance
                    );
                }
            }
        }
    }
}

/// An emergency or urgent sign of each kind, to open a warning.
const URGENT_SIGNS: [Symptom; 11] = [
    Symptom::Breathless,
    Symptom::PaleCold,
    Symptom::Tense,
    Symptom::DarkUrine,
    Symptom::BackBladder,
    Symptom::VeryUnwell,
    Symptom::Pop,
    Symptom::Gap,
    Symptom::Weakness,
    Symptom::NoWeight,
    Symptom::HeelRaiseFail,
];

prop_compose! {
    /// A warning opened on D-20 and closed by an outcome on D-20 .. D-15,
    /// then later entries with random signs (some of them urgent).
    fn arb_after_outcome()(
        opening in 0usize..URGENT_SIGNS.len(),
        closed_on in 15u64..=20,
        result in prop_oneof![Just(OutcomeResult::Cleared), Just(OutcomeResult::Treating), Just(OutcomeResult::NotSeen)],
        later in proptest::collection::vec(
            proptest::option::weighted(0.8, (0u8..=9, 0u8..=9, 0usize..URGENT_SIGNS.len(), any::<u32>(), any::<u32>())),
            15,
        ),
        clot_history in any::<bool>(),
    ) -> (Fixture, OutcomeResult, u64) {
        let mut fx = Fixture::default();
        fx.profile.clot_history = clot_history;
        fx.add(entry(20, Leg::Left, 2, 3).signs(&[URGENT_SIGNS[opening]]));
        let flags_then = flags(&fx.history(), day(closed_on));
        for flag in flags_then.iter().filter(|f| f.leg == Leg::Left) {
            if let Some((_, presentation)) = super::presentation_of(&fx.history(), day(closed_on), flag.rule, Leg::Left) {
                fx.outcomes.push(Outcome {
                    date: day(closed_on),
                    rule: flag.rule.id().to_owned(),
                    leg: Leg::Left,
                    result,
                    note: None,
                    presentation,
                });
            }
        }
        for (k, slot) in later.into_iter().enumerate() {
            if let Some((rest, walk, sign, m1, m2)) = slot {
                let mut c = entry(k as u64, Leg::Left, rest, walk);
                // Now and then the urgent sign; now and then a random few.
                if m1 % 3 == 0 {
                    c.symptoms.insert(URGENT_SIGNS[sign]);
                }
                c.symptoms = c.symptoms.iter().chain(symptoms(m1 & m2 & (m1 >> 7))).collect();
                fx.add(c);
            }
        }
        (fx, result, closed_on)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Re-warning test 1: after a not-seen close, every entry that fires
    /// a rule at emergency or urgent level warns; test 2: an emergency entry
    /// dated after its outcome always warns, whatever the result.
    #[test]
    fn after_an_outcome_urgent_entries_warn_as_the_re_warning_tests_say(case in arb_after_outcome()) {
        let (fx, result, closed_on) = case;
        let history = fx.history();
        let judge = super::rules::Judge::new(&history);
        let left: Vec<&CheckIn> = fx.checkins.iter().filter(|c| c.leg == Leg::Left).collect();
        for (i, c) in left.iter().enumerate() {
            if c.date <= day(closed_on) || c.date > D {
                continue;
            }
            let hits = judge.hits(c, i.checked_sub(1).map(|p| left[p]));
            let active = flags(&history, c.date);
            for (r, hit) in hits.iter().enumerate() {
                let Some(hit) = hit else { continue };
                let rule = RuleId::ALL[r];
                let must = hit.level == Level::Emergency
                    || (result == OutcomeResult::NotSeen && hit.level <= Level::Urgent);
                if must {
                    prop_assert!(
                        active.iter().any(|f| f.rule == rule && f.leg == Leg::Left && f.date == c.date),
                        "{} at {} on {} after a {} outcome did not warn: {:#?}",
                        rule, hit.level, c.date, result.name(), active
                    );
                }
            }
        }
    }
}

/// The emergency and urgent single-entry signs, one per rule, to open a warning.
const OPENING: [(crate::domain::Symptom, RuleId); 8] = [
    (Symptom::Breathless, RuleId::PeSigns),
    (Symptom::PaleCold, RuleId::Circulation),
    (Symptom::DarkUrine, RuleId::Rhabdo),
    (Symptom::BackBladder, RuleId::CaudaEquina),
    (Symptom::VeryUnwell, RuleId::Sepsis),
    (Symptom::Tense, RuleId::Compartment),
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

    /// Entries without the sign never close an open emergency or
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

    /// A slice that the loader accepts as complete (a quiet run of 28
    /// check-ins and 12 weeks before it) gives the flags the whole journal
    /// gives: the window the app reads is enough.
    #[test]
    fn a_complete_slice_gives_the_flags_of_the_whole_journal(journal in arb_long_journal()) {
        let whole = flags(&journal.history(), D);
        let mut cut = journal.clone();
        // Cuts 10 days apart, newest first: the first complete one is what a
        // loader would stop at.
        for back in (0..=200u64).step_by(10) {
            let from = day(back);
            cut.checkins = journal.checkins.iter().filter(|c| c.date >= from).cloned().collect();
            if super::history_is_complete(&cut.history(), D) {
                prop_assert_eq!(&flags(&cut.history(), D), &whole);
                break;
            }
        }
    }
}

prop_compose! {
    /// 300 days of both legs in stretches: noisy ones whose pain keeps
    /// firing rules, so that no run of 28 quiet check-ins cuts a replay
    /// short, and quiet ones long enough for that cut; signs now and then,
    /// `immobilised` among them, and outcomes recorded for active warnings
    /// as the service records them.
    fn arb_noisy_journal()(
        stretches in proptest::collection::vec((any::<bool>(), 5usize..70), 4..12),
        slots in proptest::collection::vec(
            proptest::option::weighted(0.85, (0u8..=10, 0u8..=10, any::<u32>())),
            600,
        ),
        closes in proptest::collection::vec(
            (0u64..300, 0usize..RuleId::ALL.len(), any::<bool>(), prop_oneof![
                Just(OutcomeResult::Cleared), Just(OutcomeResult::Treating), Just(OutcomeResult::NotSeen)
            ]),
            0..10,
        ),
        clot_history in any::<bool>(),
    ) -> Fixture {
        let mut fx = Fixture::default();
        fx.profile.clot_history = clot_history;
        let noisy: Vec<bool> = stretches
            .iter()
            .flat_map(|(noisy, days)| std::iter::repeat_n(*noisy, *days))
            .chain(std::iter::repeat(false))
            .take(300)
            .collect();
        for (i, slot) in slots.into_iter().enumerate() {
            let Some((rest, walk, r)) = slot else { continue };
            let index = i / 2;
            let (rest, walk) = if noisy[index] { (rest, walk) } else { (rest % 3, walk % 3) };
            let mut e = entry(299 - index as u64, Leg::BOTH[i % 2], rest, walk);
            if r % 15 == 0 {
                e.symptoms.insert(Symptom::ALL[(r / 15) as usize % Symptom::ALL.len()]);
            }
            fx.add(e);
        }
        let mut closes = closes;
        closes.sort_by_key(|c| std::cmp::Reverse(c.0));
        for (days_before, rule, right, result) in closes {
            let leg = if right { Leg::Right } else { Leg::Left };
            let date = day(days_before);
            if let Some((_, presentation)) = super::presentation_of(&fx.history(), date, RuleId::ALL[rule], leg) {
                fx.outcomes.push(Outcome {
                    date,
                    rule: RuleId::ALL[rule].id().to_owned(),
                    leg,
                    result,
                    note: None,
                    presentation,
                });
            }
        }
        fx
    }
}

/// What Trends marks, the slow way: the flags as of each check-in day, from
/// the outcomes before it, each marking the day of its entry.
fn marks_one_day_at_a_time(fx: &Fixture) -> Vec<(NaiveDate, Level)> {
    let history = fx.history();
    let mut dates: Vec<NaiveDate> = fx.checkins.iter().map(|c| c.date).collect();
    dates.dedup();
    let mut days: std::collections::BTreeMap<NaiveDate, Level> = std::collections::BTreeMap::new();
    for d in dates {
        let before = fx.outcomes.partition_point(|o| o.date < d);
        let then = super::History {
            outcomes: &fx.outcomes[..before],
            ..history
        };
        for flag in flags(&then, d) {
            let most = days.entry(flag.date).or_insert(flag.level);
            *most = (*most).min(flag.level);
        }
    }
    days.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Trends' one pass marks the days that asking the engine day by day
    /// marks, on noisy journals (no quiet run to cut the replay), quiet
    /// ones (a cut that moves every day) and the switch between them.
    #[test]
    fn warning_marks_are_the_flags_of_each_day(journal in arb_noisy_journal()) {
        let mut dates: Vec<NaiveDate> = journal.checkins.iter().map(|c| c.date).collect();
        dates.dedup();
        prop_assert_eq!(super::warning_marks(&journal.history(), &dates), marks_one_day_at_a_time(&journal));
    }

    /// The same on the short journals with entries after `D`, completions
    /// and both kinds of profile.
    #[test]
    fn warning_marks_are_the_flags_of_each_day_on_short_journals(journal in arb_journal()) {
        let mut dates: Vec<NaiveDate> = journal.checkins.iter().map(|c| c.date).collect();
        dates.dedup();
        prop_assert_eq!(super::warning_marks(&journal.history(), &dates), marks_one_day_at_a_time(&journal));
    }
}

/// An outcome from before the replay's cut covers nothing after it, on
/// Trends as in the flags: the same ache, back after a quiet half-year, is
/// marked the day it comes back.
#[test]
fn warning_marks_drop_an_outcome_from_before_the_cut_as_the_flags_do() {
    let mut fx = Fixture::default();
    fx.add(entry(200, Leg::Left, 6, 8));
    let opened = flags(&fx.history(), day(200));
    assert!(!opened.is_empty(), "rest 6, walk 8 fires a rule");
    for flag in &opened {
        fx.outcome(199, flag.rule, Leg::Left, OutcomeResult::Cleared);
    }
    for days_before in 20..=198 {
        fx.add(entry(days_before, Leg::Left, 1, 1));
    }
    fx.add(entry(10, Leg::Left, 6, 8));
    let mut dates: Vec<NaiveDate> = fx.checkins.iter().map(|c| c.date).collect();
    dates.dedup();
    let marks = super::warning_marks(&fx.history(), &dates);
    assert_eq!(marks, marks_one_day_at_a_time(&fx));
    assert!(marks.iter().any(|(d, _)| *d == day(10)), "{marks:?}");
}
