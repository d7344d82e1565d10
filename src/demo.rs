//! A generated, realistic recovery so that a newcomer (and the benchmarks)
//! see every screen populated. Pure: the same `days`, `today` and `seed`
//! always give the same journal.
//!
//! The story: a left soleus strain on the first day. A painful first week
//! with one worrying day (a swollen, warm calf), then mobility, strength and
//! capacity tests, a walk-run return and easy running, with the plan
//! followed imperfectly, a few missed days and a load spike. Longer journals
//! go on with years of running and an occasional flare-up.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::clinical::{self, EpisodeEnd, History};
use crate::domain::{
    Acknowledgement, CapacityTest, Catalogue, CheckIn, Completion, ExerciseKind, InjuredLeg, Intervals, Journal, Leg,
    Outcome, OutcomeResult, PhaseChange, PlanEntry, PlanSpan, Profile, Run, RunSource, Score, Symptom, Symptoms,
    TestKind,
};

/// Default length of the demo journal, in days.
pub const DEFAULT_DAYS: u32 = 120;
/// Longest demo journal accepted.
pub const MAX_DAYS: u32 = 36_500;

/// Day (from the injury) on which each phase 2..=5 starts, scaled so that the
/// default 120-day demo ends in easy running.
const PHASE_STARTS: [(u32, u8); 4] = [(6, 2), (20, 3), (48, 4), (90, 5)];

/// The day of the worrying entry: swelling and warmth in the calf.
const BAD_DAY: u32 = 9;

fn score(value: f64) -> Score {
    // Clamped to 0..=10 first, so the conversion cannot fail.
    Score::new("score", value.round().clamp(0.0, 10.0) as i64).unwrap_or_default()
}

fn phase_on(day: u32) -> u8 {
    PHASE_STARTS
        .iter()
        .rev()
        .find(|(start, _)| day >= *start)
        .map_or(1, |(_, phase)| *phase)
}

/// Builds the journal for the `days` days ending on `today`. Today itself is
/// left without a check-in, so the user sees the form waiting for them.
pub fn generate(days: u32, today: NaiveDate, seed: u64) -> Journal {
    let mut rng = fastrand::Rng::with_seed(seed);
    // Climbs draw from their own stream, so the rest of the demo is the
    // same recovery it was before runs had climbs.
    let mut climb_rng = fastrand::Rng::with_seed(seed ^ 0xC11B);
    let days = days.clamp(1, MAX_DAYS);
    let start = today.checked_sub_days(Days::new(u64::from(days) - 1)).unwrap_or(today);
    let catalogue = Catalogue::builtin();
    let injured = Leg::Left;
    let mut journal = Journal {
        profile: Some(Profile {
            leg: InjuredLeg::Left,
            injury_date: Some(start),
            // Every clot and bleeding fact of the profile (docs/storage.md) is set,
            // and none holds: the demo's warnings come from its entries' signs.
            clot_history: false,
            cancer: false,
            clot_risk: false,
            blood_thinners: false,
            baseline_km: Some(30.0),
        }),
        ..Journal::default()
    };
    journal.phases.push(PhaseChange { date: start, phase: 1 });

    // Flare-ups after the first recovery: (first day, length, peak pain).
    let mut flares = Vec::new();
    let mut next = 150 + rng.u32(0..60);
    while next + 10 < days {
        flares.push((next, 5 + rng.u32(0..6), 3.0 + rng.f64() * 2.0));
        next += 120 + rng.u32(0..200);
    }
    let flare = |day: u32| -> f64 {
        flares
            .iter()
            .filter(|(first, len, _)| day >= *first && day < first + len)
            .map(|(first, len, peak)| {
                let x = f64::from(day - first) / f64::from(*len);
                peak * (1.0 - (2.0 * x - 1.0).abs())
            })
            .fold(0.0, f64::max)
    };

    let mut longest_recent_run = 0.0_f64;
    let mut run_day_parity = 0;
    for day in 0..days.saturating_sub(1) {
        let Some(date) = start.checked_add_days(Days::new(u64::from(day))) else {
            break;
        };
        let phase = phase_on(day);
        if day > 0 && PHASE_STARTS.iter().any(|(s, _)| *s == day) {
            journal.phases.push(PhaseChange { date, phase });
        }
        // Healing: steep early, with day-to-day noise and later flare-ups.
        let severity = (-f64::from(day) / 16.0).exp();
        let bump = flare(day);
        let missed = day > 2 && day != BAD_DAY && day + 3 < days && rng.f64() < 0.07;

        if !missed {
            let mut c = CheckIn::new(
                date,
                injured,
                score(4.0 * severity + (rng.f64() - 0.5) * 0.8 + bump * 0.4 - 0.2),
                score(7.0 * severity + (rng.f64() - 0.5) + bump * 0.8),
            );
            c.tightness = Some(score(6.0 * severity + 1.2 + (rng.f64() - 0.5) + bump * 0.6));
            c.morning = Some(score(5.0 * severity + 0.6 + (rng.f64() - 0.5) + bump * 0.7));
            if day < 4 {
                c.symptoms.insert(Symptom::Bruising);
                c.symptoms.insert(Symptom::Cramping);
            }
            if day == BAD_DAY {
                c.symptoms = [Symptom::Swelling, Symptom::Warmth].into_iter().collect::<Symptoms>();
                c.pain_rest = score(4.0);
                c.note = Some("Calf looked puffier than the right one and felt warm. Called the GP.".into());
            }
            if bump > 2.5 {
                c.symptoms.insert(Symptom::Cramping);
            }
            match phase {
                1..=3 if rng.f64() < 0.45 => c.cross_min = Some(20 + rng.u32(0..5) * 5),
                // Walk-run, typed in the check-in: every other day, the
                // running parts growing until 30 minutes run straight.
                4 => {
                    run_day_parity += 1;
                    if run_day_parity % 2 == 0 {
                        let session = (day.saturating_sub(48) / 2) as usize;
                        // Distance grows 4% a session: within the 10% a
                        // single session may grow without a load spike.
                        let km = (2.0 * 1.04_f64.powi(session as i32) * 10.0).round() / 10.0;
                        match WALK_RUN.get(session / 4) {
                            Some(&(repeats, run, walk)) => {
                                let intervals = Intervals {
                                    repeats,
                                    run_s: run * 60,
                                    walk_s: walk * 60,
                                };
                                c.run_min = Some((intervals.total_s() / 60) as u32);
                                c.run_km = Some(km);
                                c.intervals = Some(intervals);
                            }
                            None => {
                                c.run_min = Some(30);
                                c.run_km = Some(km);
                            }
                        }
                        c.pain_run = Some(score(2.0 * severity.max(0.4) + (rng.f64() - 0.5)));
                    }
                }
                // Running, recorded by the watch and imported: some hilly.
                5 if bump < 2.0 && rng.f64() < 0.5 => {
                    let base = 5.0 + (f64::from(day.min(400)) - 90.0) / 40.0;
                    let mut km = ((base + rng.f64() * 3.0) * 10.0).round() / 10.0;
                    if day == 100 || (day > 365 && rng.f64() < 0.01) {
                        km = (longest_recent_run * 1.3 * 10.0).round() / 10.0;
                    }
                    longest_recent_run = if day % 30 == 0 { km } else { longest_recent_run.max(km) };
                    let hills = if day % 23 == 5 { 3.0 } else { 1.0 };
                    let climb = (km * (4.0 + climb_rng.f64() * 6.0) * hills).round();
                    journal.runs.push(imported_run(date, km, climb, day));
                    c.pain_run = Some(score(0.6 + (rng.f64() - 0.5) + bump * 0.5));
                }
                _ => {}
            }
            if day % 11 == 3 {
                c.note = c.note.or(Some(demo_note(day, phase)));
            }
            journal.checkins.push(c);
        }

        // The other calf: logged most days, a little tight now and then.
        if day > 0 && rng.f64() < 0.75 {
            let mut other = CheckIn::new(date, injured.other(), score(0.0), score(rng.f64() * 0.9));
            other.tightness = Some(score(rng.f64() * 2.0));
            other.morning = Some(score(rng.f64() * 1.2));
            journal.checkins.push(other);
        }

        // The plan, followed on most days; running sessions on run days.
        let imported_today = journal.runs.last().is_some_and(|r| r.date == date);
        let ran = journal
            .checkins
            .last()
            .is_some_and(|c| c.date == date && c.leg == injured && (c.is_run() || imported_today));
        for exercise in catalogue.for_phase(phase) {
            let done = match exercise.kind {
                ExerciseKind::Running => ran,
                ExerciseKind::Recovery => rng.f64() < 0.5,
                _ => rng.f64() < 0.8,
            };
            if !done {
                continue;
            }
            let sets = 2 + rng.u32(0..3);
            journal.completions.push(Completion {
                date,
                exercise: exercise.id.clone(),
                // A tick records the dose's sets (a session done in full);
                // a dose without a count of sets gets a plausible one.
                sets: Some(crate::domain::DoseShape::read(&exercise.dose).map_or(sets, |d| d.sets)),
                pain: Some(score(3.0 * severity + bump * 0.5 + rng.f64() * 1.5)),
                // Twice-daily exercises: both sessions on most days.
                sessions: if day % 4 == 1 { 1 } else { exercise.per_day },
            });
        }

        // Capacity tests every two weeks from day 21.
        if day >= 21 && (day - 21) % 14 == 0 {
            let progress = (f64::from(day - 21) / 80.0).min(1.0);
            for (test, other_reps) in [(TestKind::HeelRaiseStraight, 32.0), (TestKind::HeelRaiseBent, 28.0)] {
                let injured_reps = 8.0 + progress * (other_reps - 6.0) + rng.f64() * 2.0;
                journal.capacity_tests.push(CapacityTest {
                    date,
                    leg: injured,
                    test,
                    reps: injured_reps as u32,
                });
                journal.capacity_tests.push(CapacityTest {
                    date,
                    leg: injured.other(),
                    test,
                    reps: (other_reps + rng.f64() * 3.0) as u32,
                });
            }
        }
    }

    // The user saw the worrying day's warning and said so.
    if let Some(date) = start.checked_add_days(Days::new(u64::from(BAD_DAY)))
        && BAD_DAY + 1 < days
    {
        journal.acknowledgements.push(Acknowledgement {
            rule: "dvt".into(),
            leg: injured,
            date,
            acknowledged_at: NaiveDateTime::new(date, NaiveTime::from_hms_opt(8, 5, 0).unwrap_or_default()),
        });
    }

    let phase = phase_on(days - 1);
    // Every catalogue exercise appears, active only if it belongs to the
    // current phase, so importing the demo also retires a new journal's
    // phase-1 plan.
    journal.plan = catalogue
        .all()
        .iter()
        .map(|e| PlanEntry {
            exercise: e.id.clone(),
            dose: e.dose.clone(),
            active: e.in_phase(phase),
            per_day: e.per_day,
        })
        .collect();
    journal.plan_history = plan_history(&catalogue, start, days);
    journal.sort();
    record_outcomes(&mut journal, today);
    journal.sort();
    journal
}

/// Each exercise in the plan while its phase lasts: one span per run of
/// days in one of its phases, the last one open.
fn plan_history(catalogue: &crate::domain::Catalogue, start: NaiveDate, days: u32) -> Vec<PlanSpan> {
    let mut spans = Vec::new();
    for exercise in catalogue.all() {
        let mut first: Option<u32> = None;
        for day in 0..=days {
            let inside = day < days && exercise.in_phase(phase_on(day));
            match (first, inside) {
                (None, true) => first = Some(day),
                (Some(from), false) => {
                    let on = |d: u32| start.checked_add_days(Days::new(u64::from(d))).unwrap_or(start);
                    spans.push(PlanSpan {
                        exercise: exercise.id.clone(),
                        start: on(from),
                        end: (day < days).then(|| on(day - 1)),
                        dose: exercise.dose.clone(),
                        per_day: exercise.per_day,
                    });
                    first = None;
                }
                _ => {}
            }
        }
    }
    spans
}

/// What a real user records after being seen, in turn.
const OUTCOME_NOTES: [(OutcomeResult, &str); 2] = [
    (
        OutcomeResult::Cleared,
        "GP examined the calf the next day and found nothing that needed treatment; keep to the plan.",
    ),
    (
        OutcomeResult::Treating,
        "Physiotherapist assessed it and changed the loading plan; follow-up in two weeks.",
    ),
];

/// The demo user records what came of each past emergency or urgent
/// warning (docs/clinical-rules.md) the day after it opened, as a real user would; a
/// warning of the last few days stays open, so the app shows one.
fn record_outcomes(journal: &mut Journal, today: NaiveDate) {
    let profile = journal.profile.clone().unwrap_or_default();
    let recent = today.checked_sub_days(Days::new(3)).unwrap_or(today);
    // Each outcome changes the warnings after it: record them oldest first.
    for turn in 0..500 {
        let history = History {
            profile: &profile,
            checkins: &journal.checkins,
            completions: &journal.completions,
            tests: &journal.capacity_tests,
            phases: &journal.phases,
            outcomes: &journal.outcomes,
            runs: &journal.runs,
            loaded_from: None,
        };
        let next = clinical::episodes(&history, today)
            .into_iter()
            .filter(|e| !matches!(e.end, EpisodeEnd::Outcome { .. }) && e.since < recent)
            .find_map(|e| {
                let date = e.since.succ_opt()?.min(today);
                let (_, presentation) = clinical::presentation_of(&history, date, e.rule, e.leg)?;
                Some((e, date, presentation))
            });
        let Some((episode, date, presentation)) = next else {
            return;
        };
        let (result, note) = OUTCOME_NOTES[turn % OUTCOME_NOTES.len()];
        journal.outcomes.push(Outcome {
            date,
            rule: episode.rule.id().to_owned(),
            leg: episode.leg,
            result,
            note: Some(note.to_owned()),
            presentation,
        });
        journal.outcomes.sort_by_key(|o| o.date);
    }
}

/// The walk-run progression of phase 4, four sessions each: repeats,
/// minutes running, minutes walking.
const WALK_RUN: [(u32, u32, u32); 5] = [(10, 1, 2), (8, 2, 1), (6, 3, 1), (5, 5, 1), (3, 9, 1)];

/// A run as a watch records it, imported from a FIT file or a Strava export.
/// Started at noon UTC, which is the same calendar day in every time zone
/// from UTC-11 to UTC+11.
fn imported_run(date: NaiveDate, km: f64, climb_m: f64, day: u32) -> Run {
    let start = date
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        .and_utc();
    let (source, source_id) = if day.is_multiple_of(3) {
        (RunSource::Strava, format!("{}", 9_000_000_000_u64 + u64::from(day)))
    } else {
        (RunSource::Fit, format!("{}-run.fit", date.format("%Y-%m-%d")))
    };
    Run {
        km: Some(km),
        moving_s: Some((km * 5.8 * 60.0).round() as u32),
        climb_m: Some(climb_m),
        source_id: Some(source_id),
        ..Run::imported(source, date, start)
    }
}

fn demo_note(day: u32, phase: u8) -> String {
    let notes: [&str; 5] = match phase {
        1 => [
            "Limping to the kitchen. Kept the leg up in the evening.",
            "Stairs are the worst part of the day.",
            "Iced twice, slept through.",
            "Bruise spreading towards the ankle.",
            "Walked to the corner shop without limping.",
        ],
        2 | 3 => [
            "Stretches feel less sharp than last week.",
            "Heel drops burn on the last set, settles in an hour.",
            "Bike commute, calf quiet afterwards.",
            "Tight first thing, loosens after ten minutes.",
            "Physio says keep going with the loading.",
        ],
        _ => [
            "Walk-run felt easy, no pain next morning.",
            "Slight pull at minute 12, eased while walking.",
            "New record on single-leg raises.",
            "Easy run on the flat, calf fine.",
            "Tight after the long run, gone by lunch.",
        ],
    };
    notes[(day as usize / 11) % notes.len()].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2026-11-21".parse().unwrap()
    }

    #[test]
    fn demo_is_valid_and_deterministic() {
        let a = generate(DEFAULT_DAYS, today(), 7);
        let b = generate(DEFAULT_DAYS, today(), 7);
        assert_eq!(a, b);
        let catalogue = Catalogue::builtin();
        a.validate(today(), |id| catalogue.get(id).is_some()).unwrap();
    }

    #[test]
    fn demo_profile_names_every_clot_and_bleeding_fact() {
        let j = generate(DEFAULT_DAYS, today(), 7);
        let json = serde_json::to_value(&j).unwrap();
        let profile = &json["profile"];
        for fact in ["clot_history", "cancer", "clot_risk", "blood_thinners"] {
            assert_eq!(profile[fact], false, "{fact} is written, and no");
        }
    }

    #[test]
    fn demo_records_outcomes_for_its_past_warnings() {
        let j = generate(DEFAULT_DAYS, today(), 1);
        assert!(!j.outcomes.is_empty(), "the worrying day's warning has an outcome");
        let profile = j.profile.clone().unwrap_or_default();
        let history = History {
            profile: &profile,
            checkins: &j.checkins,
            completions: &j.completions,
            tests: &j.capacity_tests,
            phases: &j.phases,
            outcomes: &j.outcomes,
            runs: &j.runs,
            loaded_from: None,
        };
        let recent = today().checked_sub_days(Days::new(3)).unwrap();
        for e in clinical::episodes(&history, today()) {
            assert!(
                matches!(e.end, EpisodeEnd::Outcome { .. }) || e.since >= recent,
                "a past warning without an outcome: {e:#?}"
            );
        }
    }

    #[test]
    fn demo_tells_a_recovery() {
        let j = generate(DEFAULT_DAYS, today(), 7);
        let left: Vec<&CheckIn> = j.checkins.iter().filter(|c| c.leg == Leg::Left).collect();
        let first_week: f64 = left.iter().take(5).map(|c| f64::from(c.pain())).sum::<f64>() / 5.0;
        let last_week: f64 = left.iter().rev().take(5).map(|c| f64::from(c.pain())).sum::<f64>() / 5.0;
        assert!(first_week >= 4.0 && last_week <= 2.0, "{first_week} -> {last_week}");
        assert!(left.iter().any(|c| c.symptoms.contains(Symptom::Swelling)));
        assert!(left.iter().any(|c| c.is_run()));
        assert!(!j.capacity_tests.is_empty());
        assert!(j.phases.len() == 5, "{:?}", j.phases);
        assert!(
            j.checkins.iter().all(|c| c.date < today()),
            "today is left for the user"
        );
        assert!(left.len() < DEFAULT_DAYS as usize - 1, "some days are missed");
    }

    #[test]
    fn ten_years_generate() {
        let j = generate(3650, today(), 1);
        assert!(j.checkins.len() > 6000, "{}", j.checkins.len());
        let catalogue = Catalogue::builtin();
        j.validate(today(), |id| catalogue.get(id).is_some()).unwrap();
    }

    #[test]
    fn one_day_demo_is_empty_but_valid() {
        let j = generate(1, today(), 1);
        assert!(j.checkins.is_empty());
        assert!(j.profile.is_some());
    }
}
