//! Starting and ending the app, as the user sees it: it starts only on a
//! terminal, and each way it can end has one truthful line and exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::store::{Store, StoreError};

use super::events::signal_name;

/// How the app ended.
#[derive(Debug)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A stop signal (its number).
    Stopped(i32),
    /// The terminal went away (why).
    Gone(String),
    /// One of the two above, after unsaved edits were (or could not be)
    /// kept as a draft.
    After {
        how: Box<Ended>,
        draft: Result<Option<PathBuf>, String>,
    },
}

impl Ended {
    pub(crate) fn with_draft(self, kept: std::io::Result<Option<PathBuf>>) -> Ended {
        match self {
            Ended::Quit => Ended::Quit,
            how => Ended::After {
                how: Box::new(how),
                draft: kept.map_err(|e| e.to_string()),
            },
        }
    }
}

/// Why the app did not run, or ended other than by the user quitting.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(
        "the app needs a terminal on standard input and output; from a script, a pipe or a file use the commands instead (`soleus status`, `soleus checkin`, `soleus export`…; see `soleus --help`)"
    )]
    NoTerminal,
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("the terminal could not be set up: {0}")]
    Terminal(std::io::Error),
    #[error("{}", ended_text(.0))]
    Ended(Ended),
}

impl AppError {
    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::Ended(ended) => ended_code(ended),
            _ => 1,
        }
    }
}

fn ended_code(ended: &Ended) -> u8 {
    match ended {
        // The shell convention: 128 + the signal's number.
        Ended::Stopped(signal) => u8::try_from(128 + signal).unwrap_or(1),
        Ended::After { how, .. } => ended_code(how),
        Ended::Quit | Ended::Gone(_) => 1,
    }
}

fn ended_text(ended: &Ended) -> String {
    match ended {
        Ended::Quit => "quit".to_owned(),
        Ended::Stopped(signal) => format!("stopped by {}", signal_name(*signal)),
        Ended::Gone(reason) => format!("the terminal went away ({reason})"),
        Ended::After { how, draft } => {
            let kept = match draft {
                Ok(None) => "no unsaved changes were lost".to_owned(),
                Ok(Some(path)) => format!(
                    "the unsaved check-in was kept in {} and the next start offers to restore it",
                    crate::sanitize::path(path)
                ),
                Err(e) => format!("the unsaved check-in could not be kept ({e})"),
            };
            format!("{}; {kept}", ended_text(how))
        }
    }
}

/// Opens the app on the journal at `db`, after checking that there is a
/// terminal to open it on (before the journal is even opened, so nothing
/// is created by a call from a script).
pub fn open(db: &Path, today: NaiveDate, config: &crate::config::Config) -> Result<(), AppError> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(AppError::NoTerminal);
    }
    let store = Store::open(db)?;
    match super::terminal::run(store, today, config)? {
        Ended::Quit => Ok(()),
        ended => Err(AppError::Ended(ended)),
    }
}
