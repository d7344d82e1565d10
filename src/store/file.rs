//! The journal as a file on disk, before and beside SQLite: refusing what is
//! not a journal (or is cut short) before SQLite may touch it, one descriptor
//! per journal per process, the lock that serialises setting a journal up,
//! and the owner-only files and folders that backups go to.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant, SystemTime};

use super::{BUSY_TIMEOUT, Result, StoreError};
use crate::outfile::{backups_dir, parent_dir, sqlite_header};

/// A journal file held open by this process.
///
/// POSIX locks belong to a process, not to a descriptor: closing *any*
/// descriptor of a file drops every lock the process holds on it, including
/// SQLite's (the "POSIX advisory locks cancelled by close()" corruption in
/// SQLite's own documentation). So the descriptor used to check the header
/// is shared by every [`super::Store`] of the same file in this process and
/// closed only after the last one's connection.
pub(super) struct JournalFile {
    file: File,
    /// False when the file or the file system refuses writing: the journal
    /// is then opened read-only, without SQLite's side files.
    pub writable: bool,
}

impl JournalFile {
    /// Whether `path` still names this very file: not removed, not renamed
    /// away, not replaced by another file (a restored backup, a sync tool).
    pub(super) fn still_at(&self, path: &Path) -> bool {
        let Ok(open) = self.file.metadata() else {
            return false;
        };
        open.nlink() > 0 && fs::metadata(path).is_ok_and(|m| m.dev() == open.dev() && m.ino() == open.ino())
    }
}

type FileId = (u64, u64);

static OPEN_FILES: Mutex<Vec<(FileId, Weak<JournalFile>)>> = Mutex::new(Vec::new());

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Creates the folder (mode 0700) and everything above it that is missing.
pub(super) fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(io_error(dir))
}

/// Opens (or creates, owner-only) the journal file and checks that it is an
/// SQLite database in one piece, or empty. Nothing is written to an
/// existing file.
pub(super) fn open_journal_file(path: &Path) -> Result<Arc<JournalFile>> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    let mut open = OPEN_FILES.lock().unwrap_or_else(PoisonError::into_inner);
    open.retain(|(_, file)| file.strong_count() > 0);
    let shared = fs::metadata(path).ok().and_then(|meta| {
        let id = (meta.dev(), meta.ino());
        open.iter()
            .find(|(key, _)| *key == id)
            .and_then(|(_, file)| file.upgrade())
    });
    let journal = match shared {
        Some(journal) => journal,
        None => {
            let journal = Arc::new(open_new_descriptor(path)?);
            let meta = journal.file.metadata().map_err(io_error(path))?;
            open.push(((meta.dev(), meta.ino()), Arc::downgrade(&journal)));
            journal
        }
    };
    drop(open);
    check_header(&journal.file, path)?;
    Ok(journal)
}

fn open_new_descriptor(path: &Path) -> Result<JournalFile> {
    let created = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path);
    match created {
        Ok(file) => return Ok(JournalFile { file, writable: true }),
        Err(e) if e.kind() != ErrorKind::AlreadyExists => return Err(io_error(path)(e)),
        Err(_) => {}
    }
    match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => Ok(JournalFile { file, writable: true }),
        Err(e) if matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem) => {
            let file = File::open(path).map_err(io_error(path))?;
            Ok(JournalFile { file, writable: false })
        }
        Err(e) => Err(io_error(path)(e)),
    }
}

/// Reads the header: the SQLite magic decides whether SQLite may open the
/// file at all, and the page size and page count whether it is whole. An
/// empty file counts as new.
fn check_header(file: &File, path: &Path) -> Result<()> {
    let meta = file.metadata().map_err(io_error(path))?;
    let not_a_journal = |reason: &str| StoreError::NotAJournal {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_owned(),
        reason,
    };
    if !meta.is_file() {
        return Err(not_a_journal("it is not a regular file"));
    }
    let len = meta.len();
    if len == 0 {
        return Ok(());
    }
    let Some(header) = sqlite_header(file).map_err(io_error(path))? else {
        return Err(not_a_journal("it is not an SQLite database"));
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(damaged(format!(
            "its header names an impossible page size, {page_size}"
        )));
    }
    if len < page_size {
        return Err(damaged(format!(
            "it is cut short: {len} bytes, less than one {page_size}-byte page"
        )));
    }
    // While a -wal or -journal file holds data, SQLite completes or undoes the
    // last write from it, and the main file may legitimately be shorter.
    if side_file_has_data(path, "-wal") || side_file_has_data(path, "-journal") {
        return Ok(());
    }
    let word = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    let (change_counter, pages, valid_for) = (word(24), word(28), word(92));
    let expected = u64::from(pages) * page_size;
    if pages > 0 && change_counter == valid_for && len < expected {
        // Another process may be checkpointing right now: it writes the
        // header's page count before the file has grown, then empties the
        // -wal. Look again before calling the file damaged.
        // The side files first: once they are empty, the file is whole.
        let busy = side_file_has_data(path, "-wal") || side_file_has_data(path, "-journal");
        let now = fs::metadata(path).map_err(io_error(path))?.len();
        if now < expected && !busy {
            return Err(damaged(format!("it is cut short: {now} of {expected} bytes")));
        }
    }
    Ok(())
}

/// `journal.db` + `-wal`, for example.
pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

pub(super) fn side_file_has_data(path: &Path, suffix: &str) -> bool {
    fs::metadata(side_file(path, suffix)).is_ok_and(|m| m.len() > 0)
}

/// Whether `candidate` is the very file `journal` names (also through a
/// link or another spelling of the path).
pub fn same_file(journal: &Path, candidate: &Path) -> bool {
    match (fs::metadata(journal), fs::metadata(candidate)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Held while a journal is created or upgraded, so that two soleus processes
/// starting on the same new (or old) file at once do not both set it up: the
/// second waits, then finds it done. A lock on the folder, not on the file:
/// see [`JournalFile`] for why soleus never closes a second descriptor of
/// the journal itself.
pub(super) struct SetupLock {
    _dir: File,
}

impl SetupLock {
    pub(super) fn acquire(journal: &Path) -> Result<SetupLock> {
        let dir = parent_dir(journal);
        let handle = File::open(dir).map_err(io_error(dir))?;
        let deadline = Instant::now() + BUSY_TIMEOUT;
        loop {
            match handle.try_lock() {
                Ok(()) => return Ok(SetupLock { _dir: handle }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Busy {
                        path: journal.to_owned(),
                    });
                }
                // A file system without flock: SQLite's own locking still
                // keeps the file consistent; only the rare double set-up
                // race is no longer ruled out.
                Err(TryLockError::Error(_)) => return Ok(SetupLock { _dir: handle }),
            }
        }
    }
}

/// How many daily backups are kept.
pub const DAILY_BACKUPS_KEPT: usize = 7;

/// `<journal dir>/backups/<journal name>.YYYY-MM-DD`.
pub fn daily_backup_path(journal: &Path, day: chrono::NaiveDate) -> PathBuf {
    let mut name = journal.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{day}"));
    backups_dir(journal).join(name)
}

/// Deletes all but the newest [`DAILY_BACKUPS_KEPT`] daily backups of
/// `journal` dated up to `today`, and copies left half-written by a killed
/// soleus more than an hour ago. Other files in the folder are never
/// touched. Copies dated after `today` (made while the clock was wrong) are
/// kept and not counted, so they never crowd out the real ones; their dates
/// are returned, newest first, for the caller to say so.
pub(super) fn prune_daily_backups(journal: &Path, today: chrono::NaiveDate) -> Result<Vec<chrono::NaiveDate>> {
    let dir = backups_dir(journal);
    let prefix = format!("{}.", journal.file_name().unwrap_or_default().to_string_lossy());
    let mut dated = Vec::new();
    for entry in fs::read_dir(&dir).map_err(io_error(&dir))? {
        let entry = entry.map_err(io_error(&dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        if let Ok(day) = chrono::NaiveDate::parse_from_str(rest, "%Y-%m-%d")
            && rest.len() == 10
        {
            dated.push((day, entry.path()));
        } else if rest.contains(".partial-") && is_stale(&entry.path()) {
            // Left by an earlier version killed mid-copy.
            let _ = fs::remove_file(entry.path());
        }
    }
    // Copies of any day that a killed soleus left half-written.
    crate::outfile::remove_stale(&dir, &prefix);
    dated.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    let (ahead, up_to_today): (Vec<_>, Vec<_>) = dated.into_iter().partition(|(day, _)| *day > today);
    for (_, old) in up_to_today.into_iter().skip(DAILY_BACKUPS_KEPT) {
        match fs::remove_file(&old) {
            Err(e) if e.kind() != ErrorKind::NotFound => return Err(io_error(&old)(e)),
            _ => {}
        }
    }
    Ok(ahead.into_iter().map(|(day, _)| day).collect())
}

fn is_stale(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > Duration::from_secs(3600))
}

/// `file:` URI of `path` with `immutable=1`: SQLite then reads the file
/// without locks and without creating `-wal`/`-shm` files beside it.
pub(super) fn immutable_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immutable_uri_escapes_what_uris_reserve() {
        assert_eq!(
            immutable_uri(Path::new("/tmp/a b/j?#%.db")),
            "file:/tmp/a%20b/j%3F%23%25.db?immutable=1"
        );
    }

    #[test]
    fn prune_keeps_the_newest_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.db");
        fs::create_dir(backups_dir(&journal)).unwrap();
        let start: chrono::NaiveDate = "2026-01-01".parse().unwrap();
        for i in 0..10 {
            let day = start + chrono::Days::new(i);
            fs::write(daily_backup_path(&journal, day), "x").unwrap();
        }
        fs::write(backups_dir(&journal).join("notes.txt"), "mine").unwrap();
        fs::write(backups_dir(&journal).join("journal.db.2026-01-01.partial-1-0"), "").unwrap();
        assert_eq!(
            prune_daily_backups(&journal, "2026-06-20".parse().unwrap()).unwrap(),
            []
        );
        let mut left: Vec<String> = fs::read_dir(backups_dir(&journal))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), DAILY_BACKUPS_KEPT + 2, "{left:?}");
        assert_eq!(
            left[0], "journal.db.2026-01-01.partial-1-0",
            "a fresh partial copy is kept"
        );
        assert_eq!(left[1], "journal.db.2026-01-04");
        assert!(left.contains(&"notes.txt".to_owned()));
    }

    #[test]
    fn copies_dated_after_today_never_crowd_out_todays() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.db");
        fs::create_dir(backups_dir(&journal)).unwrap();
        let ahead: chrono::NaiveDate = "2099-01-01".parse().unwrap();
        for i in 0..10 {
            fs::write(daily_backup_path(&journal, ahead + chrono::Days::new(i)), "x").unwrap();
        }
        let today: chrono::NaiveDate = "2026-06-20".parse().unwrap();
        fs::write(daily_backup_path(&journal, today), "x").unwrap();
        let found = prune_daily_backups(&journal, today).unwrap();
        assert_eq!(found.len(), 10);
        assert_eq!(found[0], ahead + chrono::Days::new(9), "newest first");
        assert!(daily_backup_path(&journal, today).exists(), "today's real copy stays");
        assert_eq!(
            fs::read_dir(backups_dir(&journal)).unwrap().count(),
            11,
            "nothing deleted"
        );
    }
}
