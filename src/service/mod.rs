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
pub use change::{Applied, Change, ChangeError, Conflict, Expected, ProfilePatch, Stored};
pub use read::{HistoryWindow, Status, assess, report, stale_firings, status, streak};
pub use snapshot::{Day, Snapshot, WholeJournal, day, snapshot};
