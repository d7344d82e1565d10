//! Files soleus writes at a path the user names (`export --out`,
//! `report --out`, `backup --out`) and the copies it makes beside the
//! journal.
//!
//! The rules, in order:
//! - The target's folder is resolved first, so the checks below see the
//!   real place however the path is spelled (`..`, a linked folder).
//! - The journal and each of its side files (`-wal`, `-shm`, `-journal`, the
//!   draft, the `backups` folder) are refused by resolved path and, when the
//!   target exists, by device and inode (a hard link is the same file).
//! - A symbolic link, a folder, or anything but a regular file is refused:
//!   soleus never writes through a link.
//! - An existing file that soleus did not write is refused unless `--force`;
//!   a soleus journal is never overwritten by an export or a report.
//! - The content goes to a new owner-only temporary file in the target's
//!   folder, created exclusively under an unpredictable name, then synced
//!   and renamed over the target (a rename replaces a name, it never
//!   follows a link). The temporary file is removed on every failure, and
//!   one left by a killed run is removed by the next run that writes into
//!   the same folder under the same name.

use std::fs::{self, File, Permissions};
use std::io::{self, ErrorKind, Read};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::domain::ValidationError;

/// Every temporary file ends with this, so a later run can recognise
/// leftovers and nothing else.
pub const TEMP_SUFFIX: &str = ".soleus-tmp";

/// Side files SQLite and soleus keep beside a journal.
pub const SIDE_SUFFIXES: [&str; 4] = ["-wal", "-shm", "-journal", ".draft"];

// ----- the journal on disk -----
//
// What this module must know of a journal to keep its writes off it: where
// its backups go and how its first bytes read. The store builds on these
// (and re-exports the public ones), so the dependency runs one way, from
// the store to this module.

/// `PRAGMA application_id` of a soleus journal: "SOLE" in ASCII.
pub const APPLICATION_ID: i32 = 0x534F_4C45;

/// The SQLite file magic: the first 16 bytes of every database.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The folder a journal lives in ("." for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// `<journal dir>/backups`.
pub fn backups_dir(journal: &Path) -> PathBuf {
    parent_dir(journal).join("backups")
}

/// The 100-byte database header of `file`, or `None` when the file is
/// shorter or does not start with the SQLite magic.
pub(crate) fn sqlite_header(file: &File) -> io::Result<Option<[u8; 100]>> {
    let mut header = [0u8; 100];
    let read = read_at_most(file, &mut header)?;
    Ok((read == header.len() && header.starts_with(SQLITE_MAGIC)).then_some(header))
}

/// True when `path` starts like a soleus journal (or a copy of one): the
/// SQLite magic and soleus's application id.
pub fn looks_like_journal(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    sqlite_header(&file).is_ok_and(|header| header.is_some_and(|h| h[68..72] == APPLICATION_ID.to_be_bytes()))
}

fn read_at_most(file: &File, buf: &mut [u8]) -> io::Result<usize> {
    use std::os::unix::fs::FileExt;
    let mut filled = 0;
    while filled < buf.len() {
        match file.read_at(&mut buf[filled..], filled as u64) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

// ----- writing a file at a path the user names -----

/// What may stand at the target already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An export or a report: it may replace an earlier export or report,
    /// never a journal or a backup.
    Document,
    /// A backup: it may replace an earlier soleus backup.
    Backup,
}

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutError {
    /// The target is not a place soleus may write to: exit 2.
    #[error("{0}")]
    Refused(#[from] ValidationError),
    #[error("{}: {source}; nothing was written", crate::sanitize::path(path))]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutError + '_ {
    move |source| OutError::Io {
        path: path.to_owned(),
        source,
    }
}

fn refuse(target: &Path, allowed: &str) -> OutError {
    OutError::Refused(ValidationError::new("out", allowed, &target.display().to_string()))
}

/// The folder of `path` ("." for a bare name) and its last component.
fn split(path: &Path) -> Option<(&Path, &std::ffi::OsStr)> {
    let name = path.file_name()?;
    Some((parent_dir(path), name))
}

/// `path` with its folder resolved (links and `..` followed), the last
/// component kept as given. `None` when the folder does not exist.
pub fn resolve(path: &Path) -> Option<PathBuf> {
    let (dir, name) = split(path)?;
    Some(fs::canonicalize(dir).ok()?.join(name))
}

/// The journal, its side files and its backups folder, resolved: beside
/// the path as given and, when that is a link, beside the file it names.
fn protected_paths(journal: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let spellings = [resolve(journal), fs::canonicalize(journal).ok()];
    for journal in spellings.into_iter().flatten() {
        paths.push(journal.clone());
        for suffix in SIDE_SUFFIXES {
            let mut name = journal.as_os_str().to_owned();
            name.push(suffix);
            paths.push(PathBuf::from(name));
        }
        paths.push(backups_dir(&journal));
    }
    paths
}

fn identity(meta: &fs::Metadata) -> (u64, u64) {
    (meta.dev(), meta.ino())
}

/// Checks `target` against the rules above and returns its resolved path.
pub fn check_target(target: &Path, journal: &Path, kind: Kind, force: bool) -> Result<PathBuf, OutError> {
    let Some((dir, _)) = split(target) else {
        return Err(refuse(target, "a file name, not a folder"));
    };
    let resolved = resolve(target).ok_or_else(|| {
        refuse(
            target,
            &format!(
                "a file in an existing folder ({} was not found)",
                crate::sanitize::path(dir)
            ),
        )
    })?;
    let journal_side =
        "a file that is not the journal, one of its -wal/-shm/-journal/.draft files or its backups folder";
    let protected = protected_paths(journal);
    let in_backups = protected
        .iter()
        .any(|p| p.file_name() == Some("backups".as_ref()) && resolved.starts_with(p));
    if protected.contains(&resolved) || in_backups {
        return Err(refuse(target, journal_side));
    }
    let meta = match fs::symlink_metadata(&resolved) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(resolved),
        Err(e) => return Err(io_err(target)(e)),
    };
    let id = identity(&meta);
    if protected
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .any(|m| identity(&m) == id)
    {
        return Err(refuse(target, journal_side));
    }
    if meta.file_type().is_symlink() {
        return Err(refuse(
            target,
            "a path that is not a symbolic link (soleus never writes through one)",
        ));
    }
    if meta.is_dir() {
        return Err(refuse(target, "a file name, not a folder"));
    }
    if !meta.is_file() {
        return Err(refuse(target, "a regular file (not a device, pipe or socket)"));
    }
    let journal_like = looks_like_journal(&resolved);
    match kind {
        Kind::Document if journal_like => {
            return Err(refuse(target, "a file that is not a soleus journal or backup"));
        }
        Kind::Backup if journal_like => return Ok(resolved),
        _ => {}
    }
    if force || (kind == Kind::Document && written_by_soleus(&resolved)) {
        return Ok(resolved);
    }
    Err(refuse(
        target,
        "a new file, or one soleus wrote (pass --force to replace any other file)",
    ))
}

/// Whether `path` starts like an export or a report soleus writes.
pub fn written_by_soleus(path: &Path) -> bool {
    let mut head = Vec::with_capacity(512);
    let read = File::open(path).and_then(|f| f.take(512).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let json = text.trim_start().starts_with('{') && text.contains("\"format\": \"soleus-journal\"");
    let csv = text.starts_with(CSV_HEADER);
    let markdown = text.starts_with("# Calf recovery report, ");
    let html = text.starts_with("<!DOCTYPE html>") && text.contains("<title>soleus report ");
    json || csv || markdown || html || is_soleus_pdf(path, &head)
}

/// A PDF report: the PDF header, and the report's title in the document's
/// metadata (krilla writes it near the end, so the tail is read too).
fn is_soleus_pdf(path: &Path, head: &[u8]) -> bool {
    use std::io::{Seek, SeekFrom};
    if !head.starts_with(b"%PDF-") {
        return false;
    }
    let mut tail = Vec::with_capacity(PDF_TAIL as usize);
    let read = File::open(path).and_then(|mut f| {
        let len = f.metadata()?.len();
        f.seek(SeekFrom::Start(len.saturating_sub(PDF_TAIL)))?;
        f.take(PDF_TAIL).read_to_end(&mut tail)
    });
    read.is_ok() && contains(&tail, PDF_MARK.as_bytes())
}

/// How much of a PDF's end is read to find [`PDF_MARK`].
const PDF_TAIL: u64 = 16 * 1024;
/// The title a soleus PDF report carries in its metadata.
const PDF_MARK: &str = "(soleus report ";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The first line `export --format csv` writes.
pub const CSV_HEADER: &str =
    "date,leg,pain_rest,pain_walk,pain_run,tightness,morning,symptoms,run_km,run_min,cross_min,note";

/// A temporary file beside its target, removed unless [`Temp::persist`]
/// renames it into place.
pub struct Temp {
    file: Option<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl Temp {
    /// Creates the temporary file for `target` (a resolved path), after
    /// removing any that a killed earlier run left for the same target.
    pub fn create(target: &Path) -> Result<Temp, OutError> {
        let (dir, name) = split(target).ok_or_else(|| refuse(target, "a file name, not a folder"))?;
        let prefix = format!(".{}.{}.", name.to_string_lossy(), std::process::id());
        let file = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(10)
            .permissions(Permissions::from_mode(0o600))
            .tempfile_in(dir)
            .map_err(io_err(target))?;
        remove_stale(dir, &format!("{}.", name.to_string_lossy()));
        Ok(Temp {
            file: Some(file),
            target: target.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        self.file.as_ref().map_or(Path::new(""), |f| f.path())
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes `bytes` into the temporary file.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), OutError> {
        use std::io::Write;
        match self.file.as_mut() {
            Some(file) => file.write_all(bytes).map_err(io_err(&self.target)),
            None => Ok(()),
        }
    }

    /// Syncs the content, renames it over the target and syncs the folder,
    /// so the target is either the old file or the whole new one.
    pub fn persist(mut self) -> Result<(), OutError> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        // The temporary file may have been written through another handle
        // (SQLite's backup): sync what is on disk under its name.
        File::open(file.path())
            .and_then(|f| f.sync_all())
            .map_err(io_err(&self.target))?;
        crate::panic::debug_fault("outfile-persist");
        let target = self.target.clone();
        file.persist(&target).map_err(|e| io_err(&target)(e.error))?;
        sync_folder(&target)
    }
}

/// Syncs the folder of `target`, so a rename into it is on disk.
fn sync_folder(target: &Path) -> Result<(), OutError> {
    if let Some((dir, _)) = split(target) {
        File::open(dir).and_then(|d| d.sync_all()).map_err(io_err(target))?;
    }
    Ok(())
}

impl Temp {
    /// [`Temp::persist`], but never over an existing file: the target is
    /// created whole or not at all, and a file already there (another
    /// process's) is an `AlreadyExists` error, left as it was.
    pub fn persist_new(mut self) -> Result<(), OutError> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        file.as_file().sync_all().map_err(io_err(&self.target))?;
        let target = self.target.clone();
        file.persist_noclobber(&target).map_err(|e| io_err(&target)(e.error))?;
        sync_folder(&target)
    }
}

impl OutError {
    /// The target was already there ([`Temp::persist_new`]).
    pub fn already_exists(&self) -> bool {
        matches!(self, OutError::Io { source, .. } if source.kind() == io::ErrorKind::AlreadyExists)
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            // SQLite's rollback journal of a copy in progress, if any.
            let mut side = file.path().as_os_str().to_owned();
            side.push("-journal");
            let _ = fs::remove_file(side);
            drop(file);
        }
    }
}

/// Removes temporary files in `dir` for targets whose name starts with
/// `name_prefix`, when their process is gone (or, where that cannot be
/// known, when they are over an hour old). Only the user's own files that
/// carry the soleus suffix; never one of this process.
pub fn remove_stale(dir: &Path, name_prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let owner = fs::metadata("/proc/self").map(|m| m.uid()).ok();
    let prefix = format!(".{name_prefix}");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !file_name.starts_with(&prefix) {
            continue;
        }
        // The copy itself, or a side file SQLite left beside it (a backup
        // killed while the copy was still in the journal's WAL mode leaves
        // -wal and -shm).
        let Some(rest) = file_name.strip_suffix(TEMP_SUFFIX).or_else(|| {
            ["-journal", "-wal", "-shm"]
                .iter()
                .find_map(|side| file_name.strip_suffix(&format!("{TEMP_SUFFIX}{side}")))
        }) else {
            continue;
        };
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() || owner.is_some_and(|uid| uid != meta.uid()) {
            continue;
        }
        // `.NAME.PID.RANDOM`: the process id is the second field from the end.
        let pid = rest.rsplit('.').nth(1).and_then(|p| p.parse::<u32>().ok());
        if is_stale(pid, &meta) {
            let _ = fs::remove_file(&path);
        }
    }
}

fn is_stale(pid: Option<u32>, meta: &fs::Metadata) -> bool {
    let procfs = Path::new("/proc/self").exists();
    match pid {
        Some(pid) if procfs => pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists(),
        _ => meta
            .modified()
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > Duration::from_secs(3600)),
    }
}

/// Writes `bytes` to `target` by the rules above.
pub fn write(target: &Path, journal: &Path, kind: Kind, force: bool, bytes: &[u8]) -> Result<(), OutError> {
    let resolved = check_target(target, journal, kind, force)?;
    let mut temp = Temp::create(&resolved)?;
    temp.write_all(bytes)?;
    temp.persist()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temp_files_of_dead_processes_go_and_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(format!(".e.json.{}.abc{TEMP_SUFFIX}", u32::MAX - 1));
        let alive = dir.path().join(format!(".e.json.1.abc{TEMP_SUFFIX}"));
        let other = dir.path().join(".f.json.999999999.abc.soleus-tmp");
        let mine = dir.path().join("e.json.partial");
        for p in [&dead, &alive, &other, &mine] {
            fs::write(p, "x").unwrap();
        }
        let temp = Temp::create(&dir.path().join("e.json")).unwrap();
        assert!(!dead.exists(), "a dead process's leftover is removed");
        assert!(alive.exists(), "pid 1 is running: its file stays");
        assert!(other.exists() && mine.exists(), "other names are never touched");
        let mode = fs::metadata(temp.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let path = temp.path().to_owned();
        drop(temp);
        assert!(!path.exists(), "an unpersisted temp file is removed");
    }
}
