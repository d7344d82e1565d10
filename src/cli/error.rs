//! Why a command failed, and so which exit code it gets.

use std::io;
use std::path::PathBuf;

use crate::domain::ValidationError;
use crate::service::ChangeError;
use crate::store::StoreError;

/// Why a command failed, and so which exit code it gets.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The user gave something the journal cannot accept: exit 2.
    #[error("{0}")]
    Input(#[from] ValidationError),
    /// Anything else: exit 1.
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{}: {source}", crate::sanitize::path(path))]
    Io { path: PathBuf, source: io::Error },
    /// A check the user asked for did not hold (`status --check`): exit 1.
    #[error("{0}")]
    Unmet(String),
    /// An output file was refused (exit 2) or could not be written (exit 1).
    #[error("{0}")]
    Out(#[from] crate::outfile::OutError),
    /// The write was committed; what came after it failed.
    #[error("{done}, but {after}")]
    AfterSave { done: String, after: String },
}

impl From<ChangeError> for CliError {
    fn from(err: ChangeError) -> CliError {
        match err {
            ChangeError::Refused(err) => CliError::Input(err),
            ChangeError::Store(err) => CliError::Store(err),
            // The CLI guards no write; should one be, it is said as it is.
            err @ ChangeError::Conflict(_) => CliError::Unmet(err.to_string()),
        }
    }
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Input(_) | CliError::Out(crate::outfile::OutError::Refused(_)) => 2,
            CliError::Store(_)
            | CliError::Io { .. }
            | CliError::Unmet(_)
            | CliError::Out(_)
            | CliError::AfterSave { .. } => 1,
        }
    }

    /// Standard output was closed by its reader (`soleus export | head`):
    /// not a failure of soleus, which then ends quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

pub(super) type CliResult = Result<(), CliError>;
