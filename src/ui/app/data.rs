//! What the screens show, read from the journal once and kept until the
//! next write or reload. Views draw from this and never query the journal,
//! so a frame costs no database round trip.

use chrono::NaiveDate;

use crate::clinical::{self, Adherence, Assessment, PhaseStatus};
use crate::domain::{
    Acknowledgement, CapacityTest, Catalogue, CheckIn, Completion, Leg, Outcome, PhaseChange, PlanEntry, PlanSpan,
    Profile, Run,
};
use crate::service::{HistoryWindow, Snapshot};
use crate::store::Result;
use crate::units::WeekStart;

use crate::ui::app::storage::Storage;

/// A snapshot of the journal for drawing.
#[derive(Debug, Clone)]
pub struct Data {
    pub profile: Option<Profile>,
    /// Flags and guidance as of today.
    pub assessment: Assessment,
    pub acknowledgements: Vec<Acknowledgement>,
    pub streak: u32,
    pub catalogue: Catalogue,
    pub plan: Vec<PlanEntry>,
    /// Every phase change (a handful of rows, as the window holds them).
    pub phases: Vec<PhaseChange>,
    /// The phase and its criteria as of today (see docs/clinical-rules.md,
    /// phases). Cheap: the engine reads the same 30-day window as the
    /// assessment.
    pub phase: PhaseStatus,
    /// Every check-in, by date then leg. Loaded only when a tab that needs
    /// the whole journal (Trends, History) is open: a ten-year journal
    /// should not slow the first frame of the morning check-in.
    pub checkins: Option<Vec<CheckIn>>,
    /// Imported runs, oldest first; loaded with `checkins`.
    pub runs: Vec<Run>,
    /// Heel-raise tests, oldest first; loaded with `checkins`.
    pub tests: Vec<CapacityTest>,
    /// Every recorded outcome (a handful of rows); loaded with `checkins`,
    /// so the Trends' warning days are the engine's after outcomes.
    pub outcomes: Vec<Outcome>,
    /// The day the Checklist shows and what was done on it.
    pub day_date: Option<NaiveDate>,
    pub day: Vec<Completion>,
    /// When each exercise entered and left the plan.
    pub plan_history: Vec<PlanSpan>,
    /// Adherence of this week (Monday to today) and last week (Monday to
    /// Sunday): the one figure the Checklist and Trends show.
    pub adherence: [Adherence; 2],
    /// The week's first day (config `week_start`): the app's one week.
    pub week: WeekStart,
    /// What the engine read as of today, for what saving a past entry says.
    pub window: HistoryWindow,
}

impl Data {
    /// Reads one snapshot of the journal as of `today` and derives what the
    /// screens show from it; with `whole`, every check-in, run, test and
    /// outcome too. `week` is the config's first day of the week.
    pub fn load(storage: &dyn Storage, today: NaiveDate, week: WeekStart, whole: bool) -> Result<Data> {
        Ok(Data::from_snapshot(storage.snapshot(today, whole)?, today, week))
    }

    /// What the screens show, from one snapshot. The engine's window gives
    /// the flags, the phase, the phase changes and the completions of this
    /// week and last week (last Monday is always inside its 30 days).
    pub fn from_snapshot(snapshot: Snapshot, today: NaiveDate, week: WeekStart) -> Data {
        let Snapshot {
            window,
            profile,
            catalogue,
            plan,
            plan_history,
            first_entry,
            acknowledgements,
            streak,
            whole,
        } = snapshot;
        let history = window.history();
        let adherence =
            clinical::week_adherence(&history, &plan_history, &catalogue, first_entry, today, week.weekday());
        let assessment = clinical::assess(&history, today);
        let phase = clinical::phase_status(&history, today);
        let whole = whole.map_or((None, Vec::new(), Vec::new(), Vec::new()), |w| {
            (Some(w.checkins), w.runs, w.tests, w.outcomes)
        });
        Data {
            profile,
            assessment,
            phase,
            acknowledgements,
            streak,
            catalogue,
            plan,
            phases: window.phases.clone(),
            checkins: whole.0,
            runs: whole.1,
            tests: whole.2,
            outcomes: whole.3,
            day_date: None,
            day: Vec::new(),
            plan_history,
            adherence,
            week,
            window,
        }
    }

    /// Reads what was done on `date`, the day the Checklist shows.
    pub fn load_day(&mut self, storage: &dyn Storage, date: NaiveDate) -> Result<()> {
        self.day = storage.day(date)?.completions;
        self.day_date = Some(date);
        Ok(())
    }

    /// Loads the whole-journal part (every check-in, the capacity tests,
    /// the runs and the outcomes) if it is not loaded yet, with a fresh
    /// snapshot of the rest. Returns whether it read anything, so derived
    /// views know to start again.
    pub fn ensure_checkins(&mut self, storage: &dyn Storage, today: NaiveDate) -> Result<bool> {
        if self.checkins.is_some() {
            return Ok(false);
        }
        let mut data = Data::load(storage, today, self.week, true)?;
        data.day_date = self.day_date;
        data.day = std::mem::take(&mut self.day);
        *self = data;
        Ok(true)
    }

    pub fn checkins(&self) -> &[CheckIn] {
        self.checkins.as_deref().unwrap_or_default()
    }

    /// The leg a new form and the charts start on: the profile's injured
    /// leg, or left when both (or none) are injured.
    pub fn default_leg(&self) -> Leg {
        self.profile.as_ref().and_then(|p| p.leg.single()).unwrap_or(Leg::Left)
    }

    /// The ids of the exercises in the plan today: what adherence counts.
    pub fn active_exercises(&self) -> Vec<&str> {
        self.plan
            .iter()
            .filter(|p| p.active)
            .map(|p| p.exercise.as_str())
            .collect()
    }

    /// Whether this warning was acknowledged before.
    pub fn acknowledged(&self, rule: &str, leg: Leg, date: NaiveDate) -> bool {
        self.acknowledgements
            .iter()
            .any(|a| a.rule == rule && a.leg == leg && a.date == date)
    }
}

/// Monday of the week holding `today`: the app's one definition of a
/// week is Monday to Sunday (adherence, Trends' this week / last week).
pub fn week_start(today: NaiveDate, week: WeekStart) -> NaiveDate {
    week.first_day(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_starts_on_monday() {
        let saturday: NaiveDate = "2026-11-21".parse().unwrap();
        assert_eq!(
            week_start(saturday, WeekStart::Monday),
            "2026-11-16".parse::<NaiveDate>().unwrap()
        );
        let monday: NaiveDate = "2026-11-16".parse().unwrap();
        assert_eq!(week_start(monday, WeekStart::Monday), monday);
        assert_eq!(
            week_start(saturday, WeekStart::Sunday),
            "2026-11-15".parse::<NaiveDate>().unwrap()
        );
    }
}
