//! Reading a journal that cannot be written while its last changes are
//! still in the `-wal` beside it (a copy on a read-only disk, a folder
//! without write access), or while the disk is too full for SQLite's
//! `-shm` file: SQLite must write to finish those changes, so the journal
//! and its `-wal` are copied to a private temporary folder, opened there,
//! and loaded into memory. Nothing beside the journal is created or
//! changed, and the copy in memory refuses writes (see docs/storage.md).

use std::fs::{self, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use super::error::classify;
use super::file::{side_file, side_file_has_data};
use super::{Result, StoreError};

/// The journal at `path` with its `-wal` applied, in memory, read-only.
/// Fails as [`StoreError::ReadOnly`] (saying `reason`) when no copy can be
/// made: no room in the temporary folder either.
pub(super) fn load_into_memory(path: &Path, reason: &str) -> Result<Connection> {
    let refused = |why: String| StoreError::ReadOnly {
        path: path.to_owned(),
        reason: format!("{reason}, and reading it through a temporary copy failed: {why}"),
    };
    let dir = tempfile::Builder::new()
        .prefix("soleus-read-")
        .tempdir()
        .map_err(|e| refused(e.to_string()))?;
    let copy = dir.path().join("journal.db");
    private_copy(path, &copy).map_err(|e| refused(e.to_string()))?;
    if side_file_has_data(path, "-wal") {
        private_copy(&side_file(path, "-wal"), &side_file(&copy, "-wal")).map_err(|e| refused(e.to_string()))?;
    }
    let sql = |e: rusqlite::Error| match classify(path, e) {
        StoreError::Sqlite { source, .. } => refused(super::error::sqlite_summary(&source)),
        other => other,
    };
    let source = Connection::open(&copy).map_err(sql)?;
    let mut memory = Connection::open_in_memory().map_err(sql)?;
    {
        let backup = rusqlite::backup::Backup::new(&source, &mut memory).map_err(sql)?;
        backup
            .run_to_completion(1024, Duration::from_millis(0), None)
            .map_err(sql)?;
    }
    drop(source);
    drop(dir);
    // Writes to the copy would be lost: refuse them as SQLite refuses a
    // read-only file.
    memory.pragma_update(None, "query_only", "ON").map_err(sql)?;
    memory.pragma_update(None, "foreign_keys", "ON").map_err(sql)?;
    Ok(memory)
}

/// Copies `from` to a new owner-only file `to`.
fn private_copy(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = fs::File::open(from)?;
    let mut target = OpenOptions::new().write(true).create_new(true).mode(0o600).open(to)?;
    io::copy(&mut source, &mut target)?;
    Ok(())
}
