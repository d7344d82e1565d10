//! The layer both shells stand on. Reads load what the pure core needs
//! from the store and hand back plain values ([`read`]); every write is a
//! [`Change`] that [`apply`] carries out in one transaction, with
//! [`inverse`] for undo. The command line and the terminal app build
//! changes; only this module and `store` write to the journal.

mod apply;
mod change;
mod read;
mod snapshot;

pub use apply::{apply, inverse};
pub use change::{Applied, Change, ChangeError, ProfilePatch};
pub use read::{HistoryWindow, Status, assess, report, stale_firings, status, streak};
pub use snapshot::{Day, Snapshot, WholeJournal, day, snapshot};

// ----- until the terminal app applies changes itself -----

/// Why an outcome could not be recorded.
#[derive(Debug, thiserror::Error)]
pub enum OutcomeError {
    #[error("{0}")]
    Input(#[from] crate::domain::ValidationError),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

impl From<ChangeError> for OutcomeError {
    fn from(err: ChangeError) -> OutcomeError {
        match err {
            ChangeError::Refused(e) => OutcomeError::Input(e),
            ChangeError::Store(e) => OutcomeError::Store(e),
        }
    }
}

pub fn record_outcome(
    store: &crate::store::Store,
    rule: crate::clinical::RuleId,
    leg: crate::domain::Leg,
    result: crate::domain::OutcomeResult,
    date: chrono::NaiveDate,
    note: Option<String>,
) -> Result<(crate::clinical::Flag, crate::domain::Outcome), OutcomeError> {
    let change = Change::Outcome {
        rule,
        leg,
        result,
        date,
        note,
    };
    match apply(store, &change, date)? {
        Applied::Closed(mut closed) if closed.len() == 1 => Ok(closed.remove(0)),
        _ => unreachable!(),
    }
}

pub fn record_outcome_all(
    store: &crate::store::Store,
    leg: crate::domain::Leg,
    result: crate::domain::OutcomeResult,
    date: chrono::NaiveDate,
    note: Option<String>,
) -> Result<Vec<(crate::clinical::Flag, crate::domain::Outcome)>, OutcomeError> {
    let change = Change::OutcomeAll {
        leg,
        result,
        date,
        note,
    };
    match apply(store, &change, date)? {
        Applied::Closed(closed) => Ok(closed),
        _ => Ok(Vec::new()),
    }
}
