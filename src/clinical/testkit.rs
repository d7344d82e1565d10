//! Small builders for the clinical tests: entries placed by "days before D",
//! so a test reads like the spec ("pain 3 on D-4").

use chrono::{Days, NaiveDate};

use super::{Flag, RuleId, flags};
use crate::domain::{
    CapacityTest, CheckIn, Completion, Leg, Outcome, OutcomeResult, PhaseChange, Score, Symptom, TestKind,
};

/// The assessed date of every test.
pub const D: NaiveDate = NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();

/// `D - days_before`.
pub fn day(days_before: u64) -> NaiveDate {
    D.checked_sub_days(Days::new(days_before)).unwrap()
}

pub fn score(value: u8) -> Score {
    Score::new("score", value.into()).unwrap()
}

/// An entry on `D - days_before` with the two required scores.
pub fn entry(days_before: u64, leg: Leg, rest: u8, walk: u8) -> CheckIn {
    CheckIn::new(day(days_before), leg, score(rest), score(walk))
}

/// Adds optional fields to an entry, builder style.
pub trait EntryExt {
    fn signs(self, signs: &[Symptom]) -> CheckIn;
    fn ran(self, km: f64, pain_run: Option<u8>) -> CheckIn;
    fn morning(self, morning: u8) -> CheckIn;
}

impl EntryExt for CheckIn {
    fn signs(mut self, signs: &[Symptom]) -> CheckIn {
        self.symptoms = signs.iter().copied().collect();
        self
    }

    fn ran(mut self, km: f64, pain_run: Option<u8>) -> CheckIn {
        self.run_km = Some(km);
        self.pain_run = pain_run.map(score);
        self
    }

    fn morning(mut self, morning: u8) -> CheckIn {
        self.morning = Some(score(morning));
        self
    }
}

/// A journal under construction: the engine's owned history, which holds
/// what the app's loader reads, so that `history()` hands it to the engine
/// exactly as the app does.
pub use super::history::OwnedHistory as Fixture;

/// Builders that keep each list in the order the engine expects.
pub trait Build {
    /// Adds or replaces (same date and leg) an entry.
    fn add(&mut self, checkin: CheckIn);
    fn done(&mut self, days_before: u64, exercise: &str, pain: u8);
    fn test(&mut self, days_before: u64, leg: Leg, test: TestKind, reps: u32);
    fn phase(&mut self, days_before: u64, phase: u8);
    /// Records an outcome for the warning of `rule` on `leg` active on
    /// `D - days_before`, storing the presentation the engine gives, as the
    /// service does. Panics when no such warning is active.
    fn outcome(&mut self, days_before: u64, rule: RuleId, leg: Leg, result: OutcomeResult);
}

impl Build for Fixture {
    fn add(&mut self, checkin: CheckIn) {
        self.checkins.retain(|c| (c.date, c.leg) != (checkin.date, checkin.leg));
        self.checkins.push(checkin);
        self.checkins.sort_by_key(|c| (c.date, c.leg));
    }

    fn done(&mut self, days_before: u64, exercise: &str, pain: u8) {
        self.completions.push(Completion {
            date: day(days_before),
            exercise: exercise.to_owned(),
            sets: Some(3),
            pain: Some(score(pain)),
            sessions: 1,
        });
        self.completions.sort_by_key(|c| c.date);
    }

    fn test(&mut self, days_before: u64, leg: Leg, test: TestKind, reps: u32) {
        self.tests.push(CapacityTest {
            date: day(days_before),
            leg,
            test,
            reps,
        });
        self.tests.sort_by_key(|t| (t.date, t.leg, t.test));
    }

    fn outcome(&mut self, days_before: u64, rule: RuleId, leg: Leg, result: OutcomeResult) {
        let date = day(days_before);
        let (_, presentation) = super::presentation_of(&self.history(), date, rule, leg)
            .unwrap_or_else(|| panic!("{rule} is not active for the {leg} calf on {date}"));
        self.outcomes.push(Outcome {
            date,
            rule: rule.id().to_owned(),
            leg,
            result,
            note: Some("seen".into()),
            presentation,
        });
        self.outcomes.sort_by_key(|o| o.date);
    }

    fn phase(&mut self, days_before: u64, phase: u8) {
        self.phases.push(PhaseChange {
            date: day(days_before),
            phase,
        });
        self.phases.sort_by_key(|p| p.date);
    }
}

// ---- open warnings: what the open and warning tests share ----

/// The active flags of `rule` as of `D`.
pub fn active(fx: &Fixture, rule: RuleId) -> Vec<Flag> {
    flags(&fx.history(), D).into_iter().filter(|f| f.rule == rule).collect()
}

/// The one active flag of `rule`, open since `since`.
pub fn open_one(fx: &Fixture, rule: RuleId, since: NaiveDate) -> Flag {
    let found = active(fx, rule);
    assert_eq!(found.len(), 1, "{rule}: {found:#?}");
    assert_eq!(found[0].since, since, "{:#?}", found[0]);
    found[0].clone()
}

/// No flag of `rule` is active as of `D`.
pub fn silent(fx: &Fixture, rule: RuleId) {
    let found = active(fx, rule);
    assert!(found.is_empty(), "{rule}: {found:#?}");
}

/// Records an outcome for `rule` on the left leg as of `D - days_before`,
/// storing the presentation the engine gives, as the service does.
pub fn outcome(fx: &mut Fixture, days_before: u64, rule: RuleId) {
    outcome_with(fx, days_before, rule, OutcomeResult::Cleared);
}

/// [`outcome`] with another result.
pub fn outcome_with(fx: &mut Fixture, days_before: u64, rule: RuleId, result: OutcomeResult) {
    fx.outcome(days_before, rule, Leg::Left, result);
}

/// A left-calf check-in with no pain and no sign on each of `days` (days before `D`).
pub fn clean(fx: &mut Fixture, days: impl IntoIterator<Item = u64>) {
    for k in days {
        fx.add(entry(k, Leg::Left, 0, 0));
    }
}

/// A runner with a clot history: every painful entry fires `dvt`.
pub fn clot_history_assessed() -> Fixture {
    let mut fx = Fixture::default();
    fx.profile.clot_history = true;
    fx.add(entry(6, Leg::Left, 0, 2));
    outcome(&mut fx, 6, RuleId::Dvt);
    fx
}
