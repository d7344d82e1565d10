//! What the app needs from the journal, as a trait the model holds: a
//! snapshot to draw from, a day, the previous check-in, and the service's
//! [`apply`](service::apply) and [`inverse`](service::inverse). `update`
//! writes only through [`Storage::apply`] and never touches a terminal, so
//! tests drive the app on an in-memory journal, or on a double that wraps
//! `apply` and fails on purpose to check that a failed save loses nothing.

use chrono::NaiveDate;

use crate::domain::import::UnreadableRecord;
use crate::domain::{CheckIn, Leg};
use crate::service::{self, Applied, Change, ChangeError, Day, Snapshot};
use crate::store::{Result, Store};

/// The journal as the terminal app sees it. [`Store`] is the real one.
pub trait Storage {
    /// What the screens show as of `today`, in one read transaction; with
    /// `whole`, every check-in, run, test and outcome too (Trends, History).
    fn snapshot(&self, today: NaiveDate, whole: bool) -> Result<Snapshot>;
    /// The check-ins and completions of `date`.
    fn day(&self, date: NaiveDate) -> Result<Day>;
    /// The newest check-in of `leg` before `date` ("copy yesterday").
    fn previous_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>>;
    /// Applies one change in one transaction (see [`service::apply`]).
    fn apply(&self, change: &Change, today: NaiveDate) -> std::result::Result<Applied, ChangeError>;
    /// What would put the journal back after `change` (see
    /// [`service::inverse`]), read just before it is applied.
    fn inverse(&self, change: &Change) -> Result<Option<Change>>;
    /// The records left out of what was read because they cannot be read
    /// (docs/storage.md, "Values already in the file"); none by default.
    fn left_out(&self) -> Vec<UnreadableRecord> {
        Vec::new()
    }
}

impl Storage for Store {
    fn snapshot(&self, today: NaiveDate, whole: bool) -> Result<Snapshot> {
        service::snapshot(self, today, whole)
    }
    fn day(&self, date: NaiveDate) -> Result<Day> {
        service::day(self, date)
    }
    fn previous_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        Store::previous_checkin(self, date, leg)
    }
    fn apply(&self, change: &Change, today: NaiveDate) -> std::result::Result<Applied, ChangeError> {
        service::apply(self, change, today)
    }
    fn inverse(&self, change: &Change) -> Result<Option<Change>> {
        service::inverse(self, change)
    }
    fn left_out(&self) -> Vec<UnreadableRecord> {
        Store::left_out(self)
    }
}
