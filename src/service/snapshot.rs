//! What the terminal app reads, each in one read transaction so that a
//! command-line write at the same moment never gives it half of one state
//! and half of another: the [`Snapshot`] the screens draw from, and a
//! [`Day`].

use chrono::NaiveDate;

use crate::domain::{
    Acknowledgement, CapacityTest, Catalogue, CheckIn, Completion, Leg, Outcome, PlanEntry, PlanSpan, Profile, Run,
};
use crate::store::{Result, Store};

use super::read::{HistoryWindow, streak};

/// The journal as the screens need it as of one day.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// What the clinical engine reads as of the day.
    pub window: HistoryWindow,
    pub profile: Option<Profile>,
    pub catalogue: Catalogue,
    pub plan: Vec<PlanEntry>,
    pub plan_history: Vec<PlanSpan>,
    /// The journal's first check-in or completion date.
    pub first_entry: Option<NaiveDate>,
    pub acknowledgements: Vec<Acknowledgement>,
    pub streak: u32,
    /// Every check-in, run, test and outcome, when asked for.
    pub whole: Option<WholeJournal>,
}

/// What the tabs that draw the whole journal (Trends, History) add.
#[derive(Debug, Clone, Default)]
pub struct WholeJournal {
    /// By date then leg.
    pub checkins: Vec<CheckIn>,
    /// Imported runs, oldest first (typed runs are in the check-ins).
    pub runs: Vec<Run>,
    /// Heel-raise tests, oldest first.
    pub tests: Vec<CapacityTest>,
    pub outcomes: Vec<Outcome>,
}

/// One date: its check-ins (one per leg at most) and what was done.
#[derive(Debug, Clone, Default)]
pub struct Day {
    pub checkins: Vec<CheckIn>,
    pub completions: Vec<Completion>,
}

impl Day {
    pub fn checkin(&self, leg: Leg) -> Option<&CheckIn> {
        self.checkins.iter().find(|c| c.leg == leg)
    }
}

/// Reads the snapshot of the journal as of `today`; with `whole`, every
/// check-in, run, test and outcome too.
pub fn snapshot(store: &Store, today: NaiveDate, whole: bool) -> Result<Snapshot> {
    let _read = store.begin_read()?;
    let whole = if whole {
        Some(WholeJournal {
            checkins: store.all_checkins()?,
            runs: store.imported_runs_between(crate::domain::EARLIEST_DATE, today)?,
            tests: store.tests_between(crate::domain::EARLIEST_DATE, today)?,
            outcomes: store.outcomes()?,
        })
    } else {
        None
    };
    Ok(Snapshot {
        window: HistoryWindow::load(store, today)?,
        profile: store.profile()?,
        catalogue: store.catalogue()?,
        plan: store.plan()?,
        plan_history: store.plan_history()?,
        first_entry: store.first_entry()?,
        acknowledgements: store.acknowledgements()?,
        streak: streak(store, today)?,
        whole,
    })
}

/// Reads the check-ins and completions of `date`.
pub fn day(store: &Store, date: NaiveDate) -> Result<Day> {
    let _read = store.begin_read()?;
    Ok(Day {
        checkins: store.checkins_between(date, date)?,
        completions: store.completions_between(date, date)?,
    })
}
