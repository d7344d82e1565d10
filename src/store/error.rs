//! Why the journal could not be used, in the user's terms.

use std::path::{Path, PathBuf};

use rusqlite::{ErrorCode, ffi};

use super::{BUSY_TIMEOUT, backups_dir};

/// Why the journal could not be used. Every variant names the file, and
/// each says in one line what happened and whether anything was written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a soleus journal ({reason}); it was left untouched")]
    NotAJournal { path: PathBuf, reason: String },
    #[error(
        "{path} is damaged ({reason}); it was left untouched. Restore the newest copy from {}",
        backups_dir(path).display()
    )]
    Damaged { path: PathBuf, reason: String },
    #[error(
        "{path} was written by a newer soleus (schema version {found}, this one knows up to {known}); it was left untouched"
    )]
    TooNew { path: PathBuf, found: usize, known: usize },
    #[error("{path} is read-only ({reason}); nothing was written")]
    ReadOnly { path: PathBuf, reason: String },
    #[error(
        "{path} is busy: another soleus has kept it locked for over {} seconds; try again",
        BUSY_TIMEOUT.as_secs()
    )]
    Busy { path: PathBuf },
    #[error("could not write {path} ({reason}); nothing was saved")]
    WriteFailed { path: PathBuf, reason: String },
    #[error("cannot open {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("journal {path}: {}", sqlite_summary(.source))]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error(
        "{path} could not be upgraded ({reason}): its tables are not those of a soleus version this one knows; its rows were not changed"
    )]
    Migration { path: PathBuf, reason: String },
    #[error(
        "{path} was removed or replaced by another file while soleus had it open; nothing was written. Quit and start soleus again to use the file now at that path"
    )]
    Replaced { path: PathBuf },
    /// Today's daily copy could not be written; the journal is as the
    /// command left it.
    #[error(
        "could not write the daily copy {backup} ({reason}); the journal itself is not affected, and what this command saved is saved"
    )]
    DailyBackup { backup: PathBuf, reason: String },
    /// Today's daily copy was written, and copies dated after today lie
    /// beside it: the clock was wrong when they were made, or is now.
    #[error(
        "wrote {backup}, but {count} daily {} dated after today (the newest {newest}) {} beside it: the clock was ahead when {} made, or today's date is wrong now. They are kept and do not count among the {} daily copies kept",
        if *.count == 1 { "copy" } else { "copies" },
        if *.count == 1 { "lies" } else { "lie" },
        if *.count == 1 { "it was" } else { "they were" },
        super::DAILY_BACKUPS_KEPT
    )]
    ClockAhead {
        backup: PathBuf,
        newest: chrono::NaiveDate,
        count: usize,
    },
    #[error("journal {path} holds a value this version cannot read: {detail}")]
    Corrupt { path: PathBuf, detail: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// SQLite's message without the statement it came from (an upgrade's
/// statements run to dozens of lines).
pub(super) fn sqlite_summary(source: &rusqlite::Error) -> String {
    match source {
        rusqlite::Error::SqlInputError { msg, .. } => one_line(msg),
        other => one_line(&other.to_string()),
    }
}

/// The first line of a message from SQLite, which may hold many (its
/// integrity checks list every page they find wrong).
pub(super) fn one_line(text: &str) -> String {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or_default().trim().to_owned();
    match lines.count() {
        0 => first,
        n => format!("{first} (and {n} more)"),
    }
}

impl StoreError {
    /// The error as one line for after a write was committed: the parts
    /// that claim nothing was written are left out, because something was.
    pub fn after_write(&self) -> String {
        match self {
            StoreError::Damaged { path, reason } => format!(
                "{} is damaged ({reason}); restore the newest copy from {}",
                path.display(),
                backups_dir(path).display()
            ),
            other => other
                .to_string()
                .replace("; it was left untouched", "")
                .replace("; nothing was written", "")
                .replace("; nothing was saved", ""),
        }
    }
}

/// Names what went wrong in the user's terms: a locked, read-only, full or
/// damaged file reads as that, not as an SQLite error code.
pub(super) fn classify(path: &Path, source: rusqlite::Error) -> StoreError {
    let path = path.to_owned();
    if let rusqlite::Error::FromSqlConversionFailure(_, _, detail) = &source {
        let detail = match detail.downcast_ref::<crate::domain::ValidationError>() {
            // A stored 1e308 is not printed as 309 digits.
            Some(e) => {
                crate::domain::ValidationError::new(&e.field, &e.allowed, &super::unreadable::short(&e.got)).to_string()
            }
            None => detail.to_string(),
        };
        return StoreError::Corrupt { path, detail };
    }
    // A value of the wrong type (text where a number belongs) or size.
    match &source {
        rusqlite::Error::InvalidColumnType(_, name, kind) => {
            return StoreError::Corrupt {
                path,
                detail: format!("{name} holds {kind}, not the value it should"),
            };
        }
        rusqlite::Error::IntegralValueOutOfRange(_, value) => {
            return StoreError::Corrupt {
                path,
                detail: format!("a whole number out of range, {value}"),
            };
        }
        _ => {}
    }
    let (code, extended) = match &source {
        rusqlite::Error::SqliteFailure(e, _) => (e.code, e.extended_code),
        _ => return StoreError::Sqlite { path, source },
    };
    let write_failed = |reason: &str| StoreError::WriteFailed {
        path: path.clone(),
        reason: reason.to_owned(),
    };
    match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy { path },
        ErrorCode::ReadOnly => StoreError::ReadOnly {
            path,
            reason: "the file, its folder or its -wal/-shm files cannot be written".to_owned(),
        },
        ErrorCode::DatabaseCorrupt => StoreError::Damaged {
            path,
            reason: one_line(&source.to_string()),
        },
        ErrorCode::NotADatabase => StoreError::NotAJournal {
            path,
            reason: "it is not an SQLite database".to_owned(),
        },
        ErrorCode::DiskFull => write_failed("the disk is full"),
        ErrorCode::SystemIoFailure
            if [
                ffi::SQLITE_IOERR_WRITE,
                ffi::SQLITE_IOERR_FSYNC,
                ffi::SQLITE_IOERR_TRUNCATE,
                ffi::SQLITE_IOERR_SHMSIZE,
            ]
            .contains(&extended) =>
        {
            write_failed("the disk refused the write: it may be full, or the file too large")
        }
        _ => StoreError::Sqlite { path, source },
    }
}
