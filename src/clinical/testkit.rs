//! Small builders for the clinical tests: entries placed by "days before D",
//! so a test reads like the spec ("pain 3 on D-4").

use chrono::{Days, NaiveDate};

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

/// A journal under construction: the service's owned history, so that
/// `history()` hands it to the engine exactly as the app does.
pub use crate::service::HistoryWindow as Fixture;

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
    fn outcome(&mut self, days_before: u64, rule: super::RuleId, leg: Leg, result: OutcomeResult);
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

    fn outcome(&mut self, days_before: u64, rule: super::RuleId, leg: Leg, result: OutcomeResult) {
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
