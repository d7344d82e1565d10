//! A report built from a small journal, for the tests of every part.

use chrono::NaiveDate;

use super::build::{Inputs, Reading, build};
use super::model::Report;
use crate::clinical::History;
use crate::domain::{
    CapacityTest, Catalogue, CheckIn, Completion, InjuredLeg, Leg, PhaseChange, PlanEntry, PlanSpan, Profile, Score,
    TestKind,
};

pub(super) fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(super) fn entry(date: &str, leg: Leg, rest: i64, walk: i64) -> CheckIn {
    CheckIn::new(
        day(date),
        leg,
        Score::new("", rest).unwrap(),
        Score::new("", walk).unwrap(),
    )
}

pub(super) fn sample() -> Report {
    let profile = Profile {
        leg: InjuredLeg::Left,
        injury_date: Some(day("2026-05-30")),
        clot_history: false,
        cancer: false,
        clot_risk: false,
        blood_thinners: false,
        baseline_km: None,
    };
    let mut checkins = vec![
        entry("2026-06-01", Leg::Left, 4, 6),
        entry("2026-06-02", Leg::Left, 3, 5),
        entry("2026-06-02", Leg::Right, 0, 0),
        entry("2026-06-05", Leg::Left, 2, 4),
        entry("2026-06-09", Leg::Left, 1, 2),
        entry("2026-06-10", Leg::Left, 1, 1),
    ];
    checkins[1].tightness = Some(Score::new("", 6).unwrap());
    checkins[1].note = Some("stairs <hard> & slow".into());
    checkins[4].run_km = Some(3.0);
    checkins[5].run_km = Some(2.5);
    // The other calf's entry of a day holds that day's run too (4 km,
    // larger than the left's): the day counts once, at its highest.
    let mut right = entry("2026-06-09", Leg::Right, 0, 0);
    right.run_km = Some(4.0);
    checkins.insert(5, right);
    let completions = vec![
        Completion {
            date: day("2026-06-09"),
            exercise: "ankle-pumps".into(),
            sets: None,
            pain: None,
            sessions: 1,
        },
        Completion {
            date: day("2026-06-10"),
            exercise: "ankle-pumps".into(),
            sets: None,
            pain: None,
            sessions: 1,
        },
        Completion {
            date: day("2026-06-10"),
            exercise: "not-planned".into(),
            sets: None,
            pain: None,
            sessions: 1,
        },
    ];
    let tests = vec![
        CapacityTest {
            date: day("2026-06-08"),
            leg: Leg::Left,
            test: TestKind::HeelRaiseStraight,
            reps: 18,
        },
        CapacityTest {
            date: day("2026-06-08"),
            leg: Leg::Right,
            test: TestKind::HeelRaiseStraight,
            reps: 30,
        },
    ];
    let phases = vec![
        PhaseChange {
            date: day("2026-05-30"),
            phase: 1,
        },
        PhaseChange {
            date: day("2026-06-06"),
            phase: 2,
        },
    ];
    let plan = vec![
        PlanEntry {
            exercise: "ankle-pumps".into(),
            dose: "x".into(),
            active: true,
            per_day: 1,
        },
        PlanEntry {
            exercise: "foam-roll".into(),
            dose: "x".into(),
            active: false,
            per_day: 1,
        },
    ];
    let inputs = Inputs {
        history: History {
            profile: &profile,
            checkins: &checkins,
            completions: &completions,
            tests: &tests,
            phases: &phases,
            outcomes: &[],
            runs: &[],
            loaded_from: None,
        },
        plan: &plan,
        plan_history: &spans_of(&plan),
        catalogue: &Catalogue::builtin(),
        first_entry: checkins.first().map(|c| c.date),
    };
    build(&inputs, day("2026-06-10"), 14, Reading::default())
}

/// A plan without history: each active entry counts from the start.
pub(super) fn spans_of(plan: &[PlanEntry]) -> Vec<PlanSpan> {
    plan.iter()
        .filter(|p| p.active)
        .map(|p| PlanSpan {
            exercise: p.exercise.clone(),
            start: day("1970-01-01"),
            end: None,
            dose: p.dose.clone(),
            per_day: p.per_day,
        })
        .collect()
}
