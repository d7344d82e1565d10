//! Helpers shared by the integration tests: run the real binary against a
//! journal in a temporary directory, with "today" pinned.
#![allow(dead_code, clippy::unwrap_used)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

/// The "today" every integration test runs on.
pub const TODAY: &str = "2026-06-20";

/// No child process may run longer than this: a hang fails the test
/// instead of stalling the suite.
pub const CHILD_TIMEOUT: Duration = Duration::from_secs(60);

/// A temporary directory holding one journal file.
pub struct Journal {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Journal {
    pub fn new() -> Journal {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        Journal { dir, db }
    }

    /// `soleus` with `--db` pointing at this journal.
    pub fn cmd(&self) -> Command {
        soleus_with_db(&self.db)
    }

    /// Runs `soleus ARGS...` and returns stdout, failing the test on error.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    /// `soleus checkin` with only the two required scores, on `date`, for
    /// `leg` (or the profile's leg).
    pub fn checkin(&self, date: &str, leg: Option<&str>, rest: &str, walk: &str) -> String {
        let mut args = vec!["checkin", "--date", date, "--pain-rest", rest, "--pain-walk", walk];
        if let Some(leg) = leg {
            args.extend(["--leg", leg]);
        }
        self.ok(&args)
    }

    /// The whole journal as parsed JSON.
    pub fn export_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.ok(&["export", "--format", "json"])).unwrap()
    }
}

/// Runs `soleus ARGS...` on `j` as if today were `today`; returns stdout.
pub fn on(j: &Journal, today: &str, args: &[&str]) -> String {
    let out = j.cmd().env("SOLEUS_TODAY", today).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// Runs `soleus ARGS...`, which must exit 2, and returns its stderr.
pub fn fails(j: &Journal, args: &[&str]) -> String {
    let out = j.cmd().args(args).assert().code(2);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// The permission bits of `path`.
pub fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The schema version (`PRAGMA user_version`) of the journal at `path`.
pub fn user_version(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

pub fn soleus_with_db(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_soleus"));
    // No config file but the one a test writes: the user's own must not
    // change what the tests see.
    let config_home = db.parent().unwrap_or(Path::new("/nonexistent")).join("config-home");
    cmd.env_remove("SOLEUS_DB")
        .env_remove("SOLEUS_CONFIG")
        .env("XDG_CONFIG_HOME", config_home)
        .env("SOLEUS_TODAY", TODAY)
        .env("NO_COLOR", "1")
        // Imported runs are dated by the local day they started.
        .env("TZ", "UTC")
        .timeout(CHILD_TIMEOUT)
        .arg("--db")
        .arg(db);
    cmd
}

pub mod fit;
pub mod import_property;
pub mod tui;
#[allow(unused_imports)]
pub use tui::*;
