//! What the app needs from the journal, as a trait the model holds. `update`
//! writes through it and never touches a terminal, so tests drive the app on
//! an in-memory journal, or on a double that fails on purpose to check that
//! a failed save loses nothing.

use chrono::NaiveDate;

use crate::clinical::{Flag, RuleId};
use crate::domain::{
    Acknowledgement, CapacityTest, Catalogue, CheckIn, Completion, Leg, Outcome, OutcomeResult, PhaseChange, PlanEntry,
    Profile, Run,
};
use crate::service::{self, HistoryWindow};
use crate::store::{Result, Store};

/// The journal as the terminal app sees it. [`Store`] is the real one.
pub trait Storage {
    fn profile(&self) -> Result<Option<Profile>>;
    fn save_profile(&self, profile: &Profile) -> Result<()>;

    fn checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>>;
    fn previous_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>>;
    fn all_checkins(&self) -> Result<Vec<CheckIn>>;
    /// Every imported run dated up to `to`, by date (typed runs come with
    /// their check-ins).
    fn imported_runs(&self, to: NaiveDate) -> Result<Vec<Run>>;
    fn save_checkin(&self, checkin: &CheckIn) -> Result<()>;
    fn delete_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>>;

    fn catalogue(&self) -> Result<Catalogue>;
    fn plan(&self) -> Result<Vec<PlanEntry>>;
    /// Saves a plan entry from `on`, keeping the plan history.
    fn save_plan_entry(&self, entry: &PlanEntry, on: NaiveDate) -> Result<()>;
    /// Takes an exercise out of the plan on `on`; its history stays.
    fn remove_plan_entry(&self, exercise: &str, on: NaiveDate) -> Result<()>;
    /// When each exercise entered and left the plan.
    fn plan_history(&self) -> Result<Vec<crate::domain::PlanSpan>>;
    /// Adds a user's exercise to the catalogue and to the plan from `on`.
    fn add_exercise(&self, exercise: &crate::domain::Exercise, on: NaiveDate) -> Result<()>;
    /// Saves and removes plan entries from `on`, and records the phase
    /// move they come with, in one transaction.
    fn change_plan(
        &self,
        save: &[PlanEntry],
        remove: &[String],
        phase: Option<&PhaseChange>,
        on: NaiveDate,
    ) -> Result<()>;
    /// The journal's first check-in or completion date.
    fn first_entry(&self) -> Result<Option<NaiveDate>>;
    fn completions_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Completion>>;
    fn save_completion(&self, completion: &Completion) -> Result<()>;
    fn delete_completion(&self, date: NaiveDate, exercise: &str) -> Result<()>;

    fn acknowledgements(&self) -> Result<Vec<Acknowledgement>>;
    fn acknowledge(&self, ack: &Acknowledgement) -> Result<()>;
    fn phase_changes(&self) -> Result<Vec<PhaseChange>>;
    /// Records a phase the user confirmed; the app never calls this on its own.
    fn save_phase_change(&self, change: &PhaseChange) -> Result<()>;
    /// Every heel-raise test up to `to`, oldest first: a few rows a month,
    /// read whole for the capacity chart.
    fn capacity_tests(&self, to: NaiveDate) -> Result<Vec<CapacityTest>>;
    /// Records a heel-raise test; a second one of the same day, leg and
    /// test replaces it, as with the CLI.
    fn save_test(&self, test: &CapacityTest) -> Result<()>;
    /// Records the tests of one form together: all or none.
    fn save_tests(&self, tests: &[CapacityTest]) -> Result<()> {
        tests.iter().try_for_each(|t| self.save_test(t))
    }

    /// What the clinical engine reads for `date` (see [`HistoryWindow`]):
    /// the app derives flags, phase, this week's completions and the phase
    /// changes from this one read.
    fn window(&self, date: NaiveDate) -> Result<HistoryWindow>;
    /// Consecutive days with a check-in up to `today`.
    fn streak(&self, today: NaiveDate) -> Result<u32>;

    /// Every recorded outcome (see docs/clinical-rules.md, outcomes), by
    /// date: a handful of rows.
    fn outcomes(&self) -> Result<Vec<Outcome>>;
    /// Records what came of the active warning of `rule` on `leg` as of
    /// `date`, storing the presentation it closes (see
    /// [`service::record_outcome`]). Bad input, and nothing written, when no
    /// such warning is active on `date`. Returns the closed flag and the
    /// stored outcome, for the status line and undo.
    fn record_outcome(
        &self,
        rule: RuleId,
        leg: Leg,
        result: OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    ) -> std::result::Result<(Flag, Outcome), service::OutcomeError>;
    /// Records one clinician visit for every warning active on `leg` as of
    /// `date` ("all open warnings of this calf", see
    /// [`service::record_outcome_all`]), in one transaction. Bad input, and
    /// nothing written, when no warning of the leg is active on `date`.
    fn record_outcome_all(
        &self,
        leg: Leg,
        result: OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    ) -> std::result::Result<Vec<(Flag, Outcome)>, service::OutcomeError>;
    /// Deletes an outcome (undo); returns it if there was one.
    fn delete_outcome(&self, rule: &str, leg: Leg, date: NaiveDate) -> Result<Option<Outcome>>;
    /// Deletes several outcomes (the undo of one visit recorded for every
    /// warning of a calf), one after the other: the store has no
    /// transaction around several of its own deletes (each is one).
    fn delete_outcomes(&self, keys: &[(RuleId, Leg, NaiveDate)]) -> Result<()> {
        keys.iter()
            .try_for_each(|(rule, leg, date)| self.delete_outcome(rule.id(), *leg, *date).map(|_| ()))
    }
}

impl Storage for Store {
    fn profile(&self) -> Result<Option<Profile>> {
        Store::profile(self)
    }
    fn save_profile(&self, profile: &Profile) -> Result<()> {
        Store::save_profile(self, profile)
    }
    fn checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        Store::checkin(self, date, leg)
    }
    fn previous_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        Store::previous_checkin(self, date, leg)
    }
    fn all_checkins(&self) -> Result<Vec<CheckIn>> {
        Store::all_checkins(self)
    }
    fn imported_runs(&self, to: NaiveDate) -> Result<Vec<Run>> {
        Store::imported_runs_between(self, crate::domain::EARLIEST_DATE, to)
    }
    fn save_checkin(&self, checkin: &CheckIn) -> Result<()> {
        // One write transaction: a panic before the commit (tests inject
        // one with SOLEUS_DEBUG_PANIC=tui-save) rolls the save back whole.
        let tx = self.begin_write()?;
        Store::save_checkin(self, checkin)?;
        crate::panic::debug_fault("tui-save");
        tx.commit()
    }
    fn delete_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        Store::delete_checkin(self, date, leg)
    }
    fn catalogue(&self) -> Result<Catalogue> {
        Store::catalogue(self)
    }
    fn plan(&self) -> Result<Vec<PlanEntry>> {
        Store::plan(self)
    }
    fn save_plan_entry(&self, entry: &PlanEntry, on: NaiveDate) -> Result<()> {
        Store::save_plan_entry(self, entry, on)
    }
    fn remove_plan_entry(&self, exercise: &str, on: NaiveDate) -> Result<()> {
        Store::remove_plan_entry(self, exercise, on)
    }
    fn plan_history(&self) -> Result<Vec<crate::domain::PlanSpan>> {
        Store::plan_history(self)
    }
    fn add_exercise(&self, exercise: &crate::domain::Exercise, on: NaiveDate) -> Result<()> {
        Store::add_exercise(self, exercise, on)
    }
    fn change_plan(
        &self,
        save: &[PlanEntry],
        remove: &[String],
        phase: Option<&PhaseChange>,
        on: NaiveDate,
    ) -> Result<()> {
        Store::change_plan(self, save, remove, phase, on)
    }
    fn first_entry(&self) -> Result<Option<NaiveDate>> {
        Store::first_entry(self)
    }
    fn completions_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Completion>> {
        Store::completions_between(self, from, to)
    }
    fn save_completion(&self, completion: &Completion) -> Result<()> {
        Store::save_completion(self, completion)
    }
    fn delete_completion(&self, date: NaiveDate, exercise: &str) -> Result<()> {
        Store::delete_completion(self, date, exercise)
    }
    fn acknowledgements(&self) -> Result<Vec<Acknowledgement>> {
        Store::acknowledgements(self)
    }
    fn acknowledge(&self, ack: &Acknowledgement) -> Result<()> {
        Store::acknowledge(self, ack)
    }
    fn phase_changes(&self) -> Result<Vec<PhaseChange>> {
        Store::phase_changes(self)
    }
    fn save_phase_change(&self, change: &PhaseChange) -> Result<()> {
        Store::save_phase_change(self, change)
    }
    fn capacity_tests(&self, to: NaiveDate) -> Result<Vec<CapacityTest>> {
        Store::tests_between(self, crate::domain::EARLIEST_DATE, to)
    }
    fn save_test(&self, test: &CapacityTest) -> Result<()> {
        Store::save_test(self, test)
    }
    fn save_tests(&self, tests: &[CapacityTest]) -> Result<()> {
        let tx = self.begin_write()?;
        for test in tests {
            Store::save_test(self, test)?;
        }
        tx.commit()
    }
    fn window(&self, date: NaiveDate) -> Result<HistoryWindow> {
        HistoryWindow::load(self, date)
    }
    fn streak(&self, today: NaiveDate) -> Result<u32> {
        service::streak(self, today)
    }
    fn outcomes(&self) -> Result<Vec<Outcome>> {
        Store::outcomes(self)
    }
    fn record_outcome(
        &self,
        rule: RuleId,
        leg: Leg,
        result: OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    ) -> std::result::Result<(Flag, Outcome), service::OutcomeError> {
        service::record_outcome(self, rule, leg, result, date, note)
    }
    fn record_outcome_all(
        &self,
        leg: Leg,
        result: OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    ) -> std::result::Result<Vec<(Flag, Outcome)>, service::OutcomeError> {
        service::record_outcome_all(self, leg, result, date, note)
    }
    fn delete_outcome(&self, rule: &str, leg: Leg, date: NaiveDate) -> Result<Option<Outcome>> {
        Store::delete_outcome(self, rule, leg, date)
    }
}
