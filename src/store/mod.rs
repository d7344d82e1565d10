//! The journal file. This is the only module that speaks SQL, and it only
//! ever passes values as bound parameters.
//!
//! Opening is careful by design: a file that is not a soleus journal (a text
//! file, another program's SQLite database, a journal from a newer soleus, a
//! journal cut short) is refused before anything is written to it, and an
//! existing journal is copied beside itself before its schema is upgraded.
//! Every multi-statement write is one `BEGIN IMMEDIATE` transaction, so a
//! crash, a panic or a second soleus never sees half of it.

mod file;
mod rows;

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, backup::StepResult, ffi,
    params,
};
use rusqlite_migration::{M, Migrations};

use crate::domain::{
    Acknowledgement, CapacityTest, Catalogue, CheckIn, Completion, Exercise, ExerciseTag, Journal, Leg, Outcome,
    PhaseChange, PlanEntry, PlanSpan, Profile, Run, TestKind,
};

pub use file::{DAILY_BACKUPS_KEPT, backups_dir, daily_backup_path, looks_like_journal, same_file};
use file::{JournalFile, SetupLock};

/// `PRAGMA application_id` of a soleus journal: "SOLE" in ASCII.
pub const APPLICATION_ID: i32 = 0x534F_4C45;

/// How long a write waits for another soleus process before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Every schema version, oldest first. Append; never edit a released one.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| Migrations::new(migration_list()));

fn migration_list() -> Vec<M<'static>> {
    vec![
        M::up_with_hook(include_str!("migrations/0001_journal.sql"), seed_plan),
        M::up(include_str!("migrations/0002_checkin_by_leg.sql")),
        M::up(include_str!("migrations/0003_capacity_by_leg_and_test.sql")),
        M::up(include_str!("migrations/0004_outcomes_and_exercise_tags.sql")),
        M::up(include_str!("migrations/0005_runs.sql")),
        M::up_with_hook(include_str!("migrations/0006_plan_history.sql"), twice_daily),
        M::up(include_str!("migrations/0007_clinical_v3.sql")),
    ]
}

/// A new journal's plan starts from the phase-1 exercises; done inside the
/// first migration's transaction so a crash cannot leave a journal without one.
fn seed_plan(tx: &Transaction) -> rusqlite_migration::HookResult {
    let mut insert = tx.prepare("INSERT INTO plan (exercise, dose, active) VALUES (?1, ?2, 1)")?;
    for exercise in Catalogue::builtin().for_phase(1) {
        insert.execute(params![exercise.id, exercise.dose])?;
    }
    Ok(())
}

/// The catalogue's twice-daily exercises ask two sessions a day from the
/// upgrade on, in the plan and in its open span.
fn twice_daily(tx: &Transaction) -> rusqlite_migration::HookResult {
    for exercise in Catalogue::builtin().all().iter().filter(|e| e.per_day > 1) {
        tx.execute(
            "UPDATE plan SET per_day = ?2 WHERE exercise = ?1",
            params![exercise.id, exercise.per_day],
        )?;
        tx.execute(
            "UPDATE plan_span SET per_day = ?2 WHERE exercise = ?1 AND end IS NULL",
            params![exercise.id, exercise.per_day],
        )?;
    }
    Ok(())
}

/// The newest schema version this binary knows.
pub fn latest_schema_version() -> usize {
    static LATEST: LazyLock<usize> = LazyLock::new(|| migration_list().len());
    *LATEST
}

// The queries behind the first frame and every reload. A test checks that
// SQLite answers each from an index, never by scanning a whole table.
const SQL_CHECKIN: &str = concat!(rows::checkin_select!(), " WHERE c.date = ?1 AND c.leg = ?2");
const SQL_CHECKINS_BETWEEN: &str = concat!(
    rows::checkin_select!(),
    " WHERE c.date BETWEEN ?1 AND ?2 ORDER BY c.date, c.leg"
);
// Whole tables for export: no date filter, so a row whose date is not
// YYYY-MM-DD text is read (and refused by name) instead of skipped.
const SQL_ALL_CHECKINS: &str = concat!(rows::checkin_select!(), " ORDER BY c.date, c.leg");
const SQL_ALL_COMPLETIONS: &str = "SELECT date, exercise, sets, pain, sessions FROM completion ORDER BY date, exercise";
const SQL_ALL_TESTS: &str = "SELECT date, leg, test, reps FROM capacity_test ORDER BY date, leg, test";
const SQL_PREVIOUS_CHECKIN: &str = concat!(
    rows::checkin_select!(),
    " WHERE c.leg = ?1 AND c.date < ?2 ORDER BY c.date DESC LIMIT 1"
);
const SQL_LEG_HAS_CHECKINS_BEFORE: &str = "SELECT 1 FROM checkin WHERE leg = ?1 AND date < ?2 LIMIT 1";
const SQL_CHECKIN_DATES_UNTIL: &str = "SELECT DISTINCT date FROM checkin WHERE date <= ?1 ORDER BY date DESC LIMIT ?2";
const SQL_LATEST_TEST: &str = "SELECT date, leg, test, reps FROM capacity_test
     WHERE leg = ?1 AND test = ?2 AND date <= ?3 ORDER BY date DESC LIMIT 1";
const SQL_COMPLETIONS_BETWEEN: &str =
    "SELECT date, exercise, sets, pain, sessions FROM completion WHERE date BETWEEN ?1 AND ?2 ORDER BY date, exercise";
/// Imported runs (typed ones come with their check-ins).
const SQL_IMPORTED_RUNS_BETWEEN: &str =
    "SELECT id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg
     FROM run WHERE date BETWEEN ?1 AND ?2 AND source <> 'manual' ORDER BY date, start";
/// An imported run that started within a minute and a half of ?1 (one
/// activity in two files, or in a file and a CSV, differs by a second or so).
const SQL_RUN_NEAR_START: &str = "SELECT id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg
     FROM run WHERE start BETWEEN ?1 AND ?2 ORDER BY start LIMIT 1";

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
    #[error("journal {path} holds a value this version cannot read: {detail}")]
    Corrupt { path: PathBuf, detail: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// SQLite's message without the statement it came from (an upgrade's
/// statements run to dozens of lines).
fn sqlite_summary(source: &rusqlite::Error) -> String {
    match source {
        rusqlite::Error::SqlInputError { msg, .. } => one_line(msg),
        other => one_line(&other.to_string()),
    }
}

/// The first line of a message from SQLite, which may hold many (its
/// integrity checks list every page they find wrong).
fn one_line(text: &str) -> String {
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
fn classify(path: &Path, source: rusqlite::Error) -> StoreError {
    let path = path.to_owned();
    if let rusqlite::Error::FromSqlConversionFailure(_, _, detail) = &source {
        return StoreError::Corrupt {
            path,
            detail: detail.to_string(),
        };
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

/// How far apart two start times may be and still be one run.
pub const SAME_START_SECONDS: i64 = 90;

/// What `runs import` wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunsAdded {
    /// The runs written, with their new ids.
    pub added: Vec<i64>,
    /// Each run not written because the journal (or an earlier file of the
    /// same import) already holds one that started at the same time.
    pub duplicates: usize,
}

/// What `import` did, so the user sees that nothing changed silently.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl ImportSummary {
    fn count(&mut self, before: Option<bool>) {
        match before {
            None => self.added += 1,
            Some(true) => self.unchanged += 1,
            Some(false) => self.updated += 1,
        }
    }
}

/// An open journal.
///
/// Open one `Store` per journal and process where you can; more are safe
/// (they share one file descriptor, see `file::JournalFile`).
pub struct Store {
    // Field order matters: the connection closes before the shared file
    // descriptor is released.
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    _file: Option<Arc<JournalFile>>,
}

/// A write transaction begun with `BEGIN IMMEDIATE`: it takes the write
/// lock before its first read (waiting up to the busy timeout for another
/// soleus), so a read-then-write sequence inside it cannot fail half-way
/// with "database is locked". Dropped without [`commit`](Self::commit), it
/// rolls back — also when a panic unwinds through it.
///
/// Begun inside another write transaction of the same connection, it is
/// part of that one: its commit does nothing and the outer commit decides
/// (so the service can wrap a whole change around store writes that each
/// open their own).
pub struct WriteTransaction<'a> {
    tx: Option<Transaction<'a>>,
    store: &'a Store,
}

impl WriteTransaction<'_> {
    pub fn commit(self) -> Result<()> {
        let store = self.store;
        match self.tx {
            Some(tx) => tx.commit().map_err(|e| store.sql(e)),
            None => Ok(()),
        }
    }
}

impl Store {
    /// Opens the journal at `path`, creating it (mode 0600, in a 0700
    /// directory) if there is none, and upgrading an older schema after
    /// writing a backup copy beside it.
    ///
    /// A journal that cannot be written (file permissions, a read-only folder
    /// or file system) opens read-only: reading works, and any write fails
    /// with [`StoreError::ReadOnly`] without SQLite leaving files beside it.
    pub fn open(path: &Path) -> Result<Store> {
        let file = file::open_journal_file(path)?;
        if file.writable {
            let store = Store::connect(path, Arc::clone(&file), false)?;
            match store.identify() {
                Ok(version) => return store.prepare(version),
                // SQLite could not create its -wal/-shm files: the folder is
                // read-only. Fall back to reading the file as it is.
                Err(StoreError::ReadOnly { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Store::open_read_only(path, file)
    }

    fn connect(path: &Path, file: Arc<JournalFile>, read_only: bool) -> Result<Store> {
        let sql_err = |source| classify(path, source);
        let mut conn = if read_only {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(file::immutable_uri(path), flags)
        } else {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(path, flags)
        }
        .map_err(sql_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql_err)?;
        // Every transaction takes the write lock up front (see WriteTransaction).
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        Ok(Store {
            conn,
            path: path.to_owned(),
            read_only,
            _file: Some(file),
        })
    }

    /// Configures an identified journal and brings its schema up to date.
    /// Creating or upgrading happens under [`SetupLock`], after identifying
    /// the file again: another soleus may have done it while this one waited.
    fn prepare(mut self, version: usize) -> Result<Store> {
        if version == latest_schema_version() {
            self.configure()?;
            return Ok(self);
        }
        let _setup = SetupLock::acquire(&self.path)?;
        let version = self.identify()?;
        self.configure()?;
        if version > 0 && version < latest_schema_version() {
            self.backup_before_migration(version)?;
        }
        self.migrate()?;
        Ok(self)
    }

    /// Reads a journal that cannot be written, with SQLite's `immutable`
    /// flag so that nothing at all is created or changed beside it.
    fn open_read_only(path: &Path, file: Arc<JournalFile>) -> Result<Store> {
        let read_only = |reason: &str| StoreError::ReadOnly {
            path: path.to_owned(),
            reason: reason.to_owned(),
        };
        if file::side_file_has_data(path, "-wal") || file::side_file_has_data(path, "-journal") {
            return Err(read_only(
                "its last changes are still in the -wal or -journal file beside it, and finishing them needs write access",
            ));
        }
        let store = Store::connect(path, file, true)?;
        match store.identify()? {
            0 => Err(read_only("a new journal cannot be set up in it")),
            v if v < latest_schema_version() => Err(read_only(&format!(
                "it needs an upgrade to schema version {}, which needs write access",
                latest_schema_version()
            ))),
            _ => {
                store
                    .conn
                    .pragma_update(None, "foreign_keys", "ON")
                    .map_err(|e| store.sql(e))?;
                Ok(store)
            }
        }
    }

    /// A journal in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|source| classify(&path, source))?;
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        let mut store = Store {
            conn,
            path,
            read_only: false,
            _file: None,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Where the journal lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the journal was opened read-only (see [`Store::open`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Begins a write transaction; see [`WriteTransaction`].
    /// Refuses to write when the journal's path no longer names the file
    /// this store opened: the write would land in a file nobody sees.
    pub fn check_identity(&self) -> Result<()> {
        match &self._file {
            Some(file) if !file.still_at(&self.path) => Err(StoreError::Replaced {
                path: self.path.clone(),
            }),
            _ => Ok(()),
        }
    }

    pub fn begin_write(&self) -> Result<WriteTransaction<'_>> {
        self.check_identity()?;
        if !self.conn.is_autocommit() {
            return Ok(WriteTransaction { tx: None, store: self });
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).map_err(|e| self.sql(e))?;
        Ok(WriteTransaction {
            tx: Some(tx),
            store: self,
        })
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        classify(&self.path, source)
    }

    fn not_a_journal(&self, reason: &str) -> StoreError {
        StoreError::NotAJournal {
            path: self.path.clone(),
            reason: reason.to_owned(),
        }
    }

    /// Reads who wrote the file before anything is written to it. Returns the
    /// schema version (0 for a new, empty file).
    fn identify(&self) -> Result<usize> {
        // One statement, so one snapshot: read separately, another soleus
        // creating this journal could commit in between, and the file would
        // look like a stranger's (tables but no soleus stamp yet).
        let (app_id, objects, version): (i32, i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT application_id FROM pragma_application_id()),
                        (SELECT count(*) FROM sqlite_master),
                        (SELECT user_version FROM pragma_user_version())",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.sql(e))?;
        if app_id == 0 && objects == 0 {
            return Ok(0);
        }
        if app_id != APPLICATION_ID {
            return Err(self.not_a_journal("it is another program's SQLite database"));
        }
        let version = usize::try_from(version).unwrap_or(usize::MAX);
        if version > latest_schema_version() {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known: latest_schema_version(),
            });
        }
        Ok(version)
    }

    /// WAL for concurrent readers, FULL sync so an acknowledged save survives
    /// a power cut, and enforced foreign keys.
    fn configure(&self) -> Result<()> {
        let conn = &self.conn;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        if mode != "wal" && mode != "memory" {
            return Err(self.not_a_journal(&format!("it refused WAL mode ({mode})")));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|e| self.sql(e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        MIGRATIONS.to_latest(&mut self.conn).map_err(|source| match source {
            // A locked, read-only or full file reads as that.
            rusqlite_migration::Error::RusqliteError { err, .. } => match classify(&path, err) {
                StoreError::Sqlite { source, .. } => StoreError::Migration {
                    path,
                    reason: sqlite_summary(&source),
                },
                other => other,
            },
            source => StoreError::Migration {
                path,
                reason: one_line(&source.to_string()),
            },
        })
    }

    /// Copies the journal to `journal.db.v{version}.bak` (owner-only) with
    /// SQLite's online backup, so an upgrade can always be undone by hand.
    fn backup_before_migration(&self, version: usize) -> Result<PathBuf> {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".v{version}.bak"));
        let target = self.path.with_file_name(name);
        self.backup_to(&target)?;
        Ok(target)
    }

    /// Writes a consistent copy of the journal to `target` (mode 0600) with
    /// SQLite's online backup API. The copy is written beside `target`,
    /// checked with `PRAGMA quick_check`, synced, and only then renamed over
    /// it: `target` is never half-written, even if soleus is killed. The copy
    /// uses a rollback journal, so it is one self-contained file.
    /// Writes a verified copy of the journal to `target` (a resolved path)
    /// through an owner-only temporary file beside it (see
    /// [`crate::outfile`]): `target` is either what it was or the whole copy.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        let out_err = |e: crate::outfile::OutError| match e {
            crate::outfile::OutError::Io { path, source } => StoreError::Io { path, source },
            refused => StoreError::Io {
                path: target.to_owned(),
                source: std::io::Error::other(refused.to_string()),
            },
        };
        let temp = crate::outfile::Temp::create(target).map_err(out_err)?;
        self.copy_into(temp.path(), target)?;
        temp.persist().map_err(out_err)
    }

    fn copy_into(&self, partial: &Path, target: &Path) -> Result<()> {
        let dest_err = |source| classify(target, source);
        let mut dest = Connection::open_with_flags(partial, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(dest_err)?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dest).map_err(|e| self.sql(e))?;
            let deadline = Instant::now() + BUSY_TIMEOUT;
            loop {
                match backup.step(-1).map_err(|e| self.sql(e))? {
                    StepResult::Done => break,
                    _ if Instant::now() > deadline => {
                        return Err(StoreError::Busy {
                            path: self.path.clone(),
                        });
                    }
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        }
        let mode: String = dest
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
            .map_err(dest_err)?;
        let check: String = dest
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        if check != "ok" {
            // The copy is page for page the journal: the journal is damaged.
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                reason: format!("SQLite's check found: {}", one_line(&check)),
            });
        }
        if mode != "delete" {
            return Err(StoreError::WriteFailed {
                path: target.to_owned(),
                reason: format!("the copy stayed in journal mode {mode}"),
            });
        }
        dest.close().map_err(|(_, source)| dest_err(source))
    }

    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let target = daily_backup_path(&self.path, today);
        let is_a_daily_copy = file::parent_dir(&self.path).file_name() == Some("backups".as_ref());
        if self.read_only || is_a_daily_copy || target.exists() || self.has_no_entries()? {
            return Ok(None);
        }
        file::create_private_dir(&backups_dir(&self.path))?;
        self.backup_to(&target)?;
        file::prune_daily_backups(&self.path)?;
        Ok(Some(target))
    }

    // ----- profile -----

    pub fn profile(&self) -> Result<Option<Profile>> {
        find_profile(&self.conn).map_err(|e| self.sql(e))
    }

    pub fn save_profile(&self, profile: &Profile) -> Result<()> {
        self.check_identity()?;
        save_profile(&self.conn, profile).map_err(|e| self.sql(e))
    }

    // ----- check-ins -----

    /// Saves a check-in, replacing that date and leg's entry whole.
    pub fn save_checkin(&self, checkin: &CheckIn) -> Result<()> {
        self.check_identity()?;
        save_checkin(&self.conn, checkin).map_err(|e| self.sql(e))
    }

    pub fn checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        find_checkin(&self.conn, date, leg).map_err(|e| self.sql(e))
    }

    /// Check-ins dated `from..=to`, by date then leg.
    pub fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        self.collect(SQL_CHECKINS_BETWEEN, params![from, to], rows::checkin)
    }

    /// Every check-in, by date then leg.
    pub fn all_checkins(&self) -> Result<Vec<CheckIn>> {
        self.collect(SQL_ALL_CHECKINS, [], rows::checkin)
    }

    /// The newest check-in of `leg` dated before `date` ("copy yesterday").
    pub fn previous_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        self.conn
            .prepare_cached(SQL_PREVIOUS_CHECKIN)
            .and_then(|mut stmt| stmt.query_row(params![leg.name(), date], rows::checkin))
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Deletes an entry (and its typed run) and returns it, so the caller
    /// can offer undo.
    pub fn delete_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        let tx = self.begin_write()?;
        let existing = self.checkin(date, leg)?;
        if existing.is_some() {
            self.conn
                .execute(
                    "DELETE FROM checkin WHERE date = ?1 AND leg = ?2",
                    params![date, leg.name()],
                )
                .and_then(|_| delete_typed_run(&self.conn, date, leg))
                .map_err(|e| self.sql(e))?;
        }
        tx.commit()?;
        Ok(existing)
    }

    /// Distinct dates with any check-in, newest first, not after `to`.
    pub fn checkin_dates_until(&self, to: NaiveDate, limit: usize) -> Result<Vec<NaiveDate>> {
        self.collect(
            SQL_CHECKIN_DATES_UNTIL,
            params![to, i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| r.get(0),
        )
    }

    pub fn checkin_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM checkin", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.sql(e))
    }

    // ----- runs -----

    /// Imported runs dated `from..=to`, by date then start. Typed runs come
    /// with their check-ins (`CheckIn::run_km`...).
    pub fn imported_runs_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Run>> {
        self.collect(SQL_IMPORTED_RUNS_BETWEEN, params![from, to], rows::run)
    }

    /// Every run, typed and imported, dated `from..=to`, by date, then start
    /// (typed runs first), then id: what `soleus runs` lists.
    pub fn runs_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Run>> {
        self.collect(
            &format!(
                "SELECT {} FROM run WHERE date BETWEEN ?1 AND ?2 ORDER BY date, start, leg, id",
                rows::RUN_COLUMNS
            ),
            params![from, to],
            rows::run,
        )
    }

    pub fn run(&self, id: i64) -> Result<Option<Run>> {
        self.conn
            .prepare_cached(&format!("SELECT {} FROM run WHERE id = ?1", rows::RUN_COLUMNS))
            .and_then(|mut stmt| stmt.query_row([id], rows::run).optional())
            .map_err(|e| self.sql(e))
    }

    /// Deletes one run and returns it. Deleting a typed run empties its
    /// check-in's run fields (the check-in itself stays).
    pub fn delete_run(&self, id: i64) -> Result<Option<Run>> {
        let tx = self.begin_write()?;
        let existing = self.run(id)?;
        if existing.is_some() {
            self.conn
                .execute("DELETE FROM run WHERE id = ?1", [id])
                .map_err(|e| self.sql(e))?;
        }
        tx.commit()?;
        Ok(existing)
    }

    /// Writes imported runs in one transaction, skipping each that started
    /// within [`SAME_START_SECONDS`] of a run already in the journal (or
    /// earlier in `runs`). The caller validates them first.
    pub fn add_runs(&self, runs: &[Run]) -> Result<RunsAdded> {
        let tx = self.begin_write()?;
        let write = || -> rusqlite::Result<RunsAdded> {
            let mut summary = RunsAdded::default();
            for run in runs {
                let duplicate = match run.start {
                    Some(start) => run_near(&self.conn, start)?.is_some(),
                    None => false,
                };
                if duplicate {
                    summary.duplicates += 1;
                } else {
                    summary.added.push(insert_run(&self.conn, run)?);
                }
            }
            Ok(summary)
        };
        let summary = write().map_err(|e| self.sql(e))?;
        crate::panic::debug_fault("runs import");
        tx.commit()?;
        Ok(summary)
    }

    /// How many runs of each source the journal holds, typed included.
    pub fn run_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM run", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.sql(e))
    }

    // ----- exercises, plan, completions, tests -----

    /// The shipped catalogue plus the user's own exercises.
    pub fn catalogue(&self) -> Result<Catalogue> {
        Ok(Catalogue::with_custom(&self.custom_exercises()?))
    }

    pub fn custom_exercises(&self) -> Result<Vec<Exercise>> {
        self.collect(
            &format!("SELECT {} FROM exercise ORDER BY id", rows::EXERCISE_COLUMNS),
            [],
            rows::exercise,
        )
    }

    pub fn save_exercise(&self, exercise: &Exercise) -> Result<()> {
        self.check_identity()?;
        save_exercise(&self.conn, exercise).map_err(|e| self.sql(e))
    }

    pub fn plan(&self) -> Result<Vec<PlanEntry>> {
        self.collect(
            "SELECT exercise, dose, active, per_day FROM plan ORDER BY exercise",
            [],
            rows::plan_entry,
        )
    }

    /// The journal's first day with a check-in or a completion: no day
    /// before it counts for adherence. Two index look-ups.
    pub fn first_entry(&self) -> Result<Option<NaiveDate>> {
        self.conn
            .query_row(
                "SELECT min(d) FROM (SELECT min(date) AS d FROM checkin UNION ALL SELECT min(date) FROM completion)",
                [],
                |r| r.get::<_, Option<NaiveDate>>(0),
            )
            .map_err(|e| self.sql(e))
    }

    /// When each exercise entered and left the plan, by exercise then start.
    pub fn plan_history(&self) -> Result<Vec<PlanSpan>> {
        self.collect(
            "SELECT exercise, start, end, dose, per_day FROM plan_span ORDER BY exercise, start",
            [],
            rows::plan_span,
        )
    }

    /// Puts an exercise in the plan (or changes its dose) from `on`, and
    /// records it in the plan history, in one transaction.
    pub fn save_plan_entry(&self, entry: &PlanEntry, on: NaiveDate) -> Result<()> {
        let tx = self.begin_write_unless_inside()?;
        save_plan_entry(&self.conn, entry)
            .and_then(|()| {
                if entry.active {
                    open_span(&self.conn, entry, on)
                } else {
                    close_span(&self.conn, &entry.exercise, on)
                }
            })
            .map_err(|e| self.sql(e))?;
        tx.map_or(Ok(()), WriteTransaction::commit)
    }

    /// A user's exercise into the catalogue and the plan from `on`, in one
    /// transaction.
    pub fn add_exercise(&self, exercise: &Exercise, on: NaiveDate) -> Result<()> {
        let tx = self.begin_write()?;
        save_exercise(&self.conn, exercise).map_err(|e| self.sql(e))?;
        let entry = PlanEntry {
            exercise: exercise.id.clone(),
            dose: exercise.dose.clone(),
            active: true,
            per_day: exercise.per_day,
        };
        self.save_plan_entry(&entry, on)?;
        tx.commit()
    }

    /// Saves and removes plan entries from `on`, and records the phase
    /// move they come with: all or none.
    pub fn change_plan(
        &self,
        save: &[PlanEntry],
        remove: &[String],
        phase: Option<&PhaseChange>,
        on: NaiveDate,
    ) -> Result<()> {
        let tx = self.begin_write()?;
        if let Some(change) = phase {
            save_phase_change(&self.conn, change).map_err(|e| self.sql(e))?;
        }
        for id in remove {
            self.remove_plan_entry(id, on)?;
        }
        for entry in save {
            self.save_plan_entry(entry, on)?;
        }
        tx.commit()
    }

    /// A write transaction, or `None` inside one already begun (a command
    /// that changes several plan entries at once).
    fn begin_write_unless_inside(&self) -> Result<Option<WriteTransaction<'_>>> {
        if self.conn.is_autocommit() {
            self.begin_write().map(Some)
        } else {
            self.check_identity().map(|()| None)
        }
    }

    /// Takes an exercise out of the plan on `on`. Its history stays: the
    /// days it was asked for keep counting.
    pub fn remove_plan_entry(&self, exercise: &str, on: NaiveDate) -> Result<()> {
        let tx = self.begin_write_unless_inside()?;
        self.conn
            .execute("DELETE FROM plan WHERE exercise = ?1", [exercise])
            .and_then(|_| close_span(&self.conn, exercise, on))
            .map_err(|e| self.sql(e))?;
        tx.map_or(Ok(()), WriteTransaction::commit)
    }

    /// Records an exercise as done, replacing that day's record of it.
    pub fn save_completion(&self, completion: &Completion) -> Result<()> {
        self.check_identity()?;
        save_completion(&self.conn, completion).map_err(|e| self.sql(e))
    }

    pub fn delete_completion(&self, date: NaiveDate, exercise: &str) -> Result<()> {
        self.check_identity()?;
        self.conn
            .execute(
                "DELETE FROM completion WHERE date = ?1 AND exercise = ?2",
                params![date, exercise],
            )
            .map(|_| ())
            .map_err(|e| self.sql(e))
    }

    pub fn completions_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Completion>> {
        self.collect(SQL_COMPLETIONS_BETWEEN, params![from, to], rows::completion)
    }

    /// Records a capacity test, replacing the same day, leg and test.
    pub fn save_test(&self, test: &CapacityTest) -> Result<()> {
        self.check_identity()?;
        save_test(&self.conn, test).map_err(|e| self.sql(e))
    }

    /// The newest test of each leg and kind dated up to `date`, by date:
    /// four index look-ups, however long the journal.
    pub fn latest_tests(&self, date: NaiveDate) -> Result<Vec<CapacityTest>> {
        let mut latest = Vec::with_capacity(4);
        for leg in Leg::BOTH {
            for test in TestKind::ALL {
                let found = self
                    .conn
                    .prepare_cached(SQL_LATEST_TEST)
                    .and_then(|mut stmt| {
                        stmt.query_row(params![leg.name(), test.name(), date], rows::capacity_test)
                            .optional()
                    })
                    .map_err(|e| self.sql(e))?;
                latest.extend(found);
            }
        }
        latest.sort_by_key(|t| (t.date, t.leg, t.test));
        Ok(latest)
    }

    pub fn tests_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CapacityTest>> {
        self.collect(
            "SELECT date, leg, test, reps FROM capacity_test WHERE date BETWEEN ?1 AND ?2 ORDER BY date, leg, test",
            params![from, to],
            rows::capacity_test,
        )
    }

    // ----- acknowledgements and phases -----

    pub fn acknowledgements(&self) -> Result<Vec<Acknowledgement>> {
        self.collect(
            "SELECT rule, leg, date, acknowledged_at FROM acknowledgement ORDER BY date, rule, leg",
            [],
            rows::acknowledgement,
        )
    }

    pub fn acknowledge(&self, ack: &Acknowledgement) -> Result<()> {
        self.check_identity()?;
        save_acknowledgement(&self.conn, ack).map_err(|e| self.sql(e))
    }

    pub fn phase_changes(&self) -> Result<Vec<PhaseChange>> {
        self.collect(
            "SELECT date, phase FROM phase_change ORDER BY date",
            [],
            rows::phase_change,
        )
    }

    pub fn save_phase_change(&self, change: &PhaseChange) -> Result<()> {
        self.check_identity()?;
        save_phase_change(&self.conn, change).map_err(|e| self.sql(e))
    }

    // ----- outcomes (SPEC 5.2) -----

    /// Every recorded outcome, by date, rule and leg: a handful of rows, read
    /// whole because an outcome of any age can still close a warning.
    pub fn outcomes(&self) -> Result<Vec<Outcome>> {
        self.collect(
            &format!("SELECT {} FROM outcome ORDER BY date, rule, leg", rows::OUTCOME_COLUMNS),
            [],
            rows::outcome,
        )
    }

    /// Records an outcome, replacing one of the same rule, leg and date.
    /// The caller checks that a matching warning is active (see
    /// `service::record_outcome`).
    pub fn save_outcome(&self, outcome: &Outcome) -> Result<()> {
        save_outcome(&self.conn, outcome).map_err(|e| self.sql(e))
    }

    /// Deletes an outcome (undo in the app); returns it if there was one.
    pub fn delete_outcome(&self, rule: &str, leg: Leg, date: NaiveDate) -> Result<Option<Outcome>> {
        let tx = self.begin_write()?;
        let existing = find_outcome(&self.conn, rule, leg, date).map_err(|e| self.sql(e))?;
        if existing.is_some() {
            self.conn
                .execute(
                    "DELETE FROM outcome WHERE rule = ?1 AND leg = ?2 AND date = ?3",
                    params![rule, leg.name(), date],
                )
                .map_err(|e| self.sql(e))?;
        }
        tx.commit()?;
        Ok(existing)
    }

    /// True when the journal has a check-in of `leg` dated before `date`:
    /// the history loader's cue to read further back. One index look-up.
    pub fn has_checkins_before(&self, leg: Leg, date: NaiveDate) -> Result<bool> {
        self.conn
            .prepare_cached(SQL_LEG_HAS_CHECKINS_BEFORE)
            .and_then(|mut stmt| stmt.query_row(params![leg.name(), date], |_| Ok(())).optional())
            .map(|found| found.is_some())
            .map_err(|e| self.sql(e))
    }

    // ----- whole journal -----

    /// Everything in the journal, in canonical order.
    pub fn export(&self) -> Result<Journal> {
        let mut journal = Journal {
            profile: self.profile()?,
            checkins: self.all_checkins()?,
            completions: self.collect(SQL_ALL_COMPLETIONS, [], rows::completion)?,
            capacity_tests: self.collect(SQL_ALL_TESTS, [], rows::capacity_test)?,
            plan: self.plan()?,
            exercises: self.custom_exercises()?,
            acknowledgements: self.acknowledgements()?,
            phases: self.phase_changes()?,
            outcomes: self.outcomes()?,
            runs: self.collect(
                &format!(
                    "SELECT {} FROM run WHERE source <> 'manual' ORDER BY date, start",
                    rows::RUN_COLUMNS
                ),
                [],
                rows::run,
            )?,
            plan_history: self.plan_history()?,
            ..Journal::default()
        };
        journal.sort();
        Ok(journal)
    }

    /// Merges `journal` into this one in a single transaction: a record with
    /// the same identity (a check-in's date and leg, a completion's date and
    /// exercise...) takes the imported values, everything else is added, and
    /// nothing is deleted. Importing the same file twice changes nothing.
    /// The caller validates `journal` first.
    pub fn import(&self, journal: &Journal) -> Result<ImportSummary> {
        let tx = self.begin_write()?;
        let summary = import_into(&self.conn, journal).map_err(|e| self.sql(e))?;
        crate::panic::debug_fault("import");
        tx.commit()?;
        Ok(summary)
    }

    /// The copy written before `import --replace`:
    /// `<backups dir>/<journal>.before-replace-YYYY-MM-DD[-N]`, never over an
    /// earlier one (two replaces on one day keep both) and never pruned.
    pub fn backup_before_replace(&self, today: NaiveDate) -> Result<PathBuf> {
        let dir = backups_dir(&self.path);
        file::create_private_dir(&dir)?;
        let name = self.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let mut target = dir.join(format!("{name}.before-replace-{today}"));
        let mut n = 2;
        while target.exists() {
            target = dir.join(format!("{name}.before-replace-{today}-{n}"));
            n += 1;
        }
        self.backup_to(&target)?;
        Ok(target)
    }

    /// Makes the journal equal to `journal` in one transaction: every row of
    /// every table is deleted, then the file's records are written. Nothing
    /// of the old journal stays (not the default plan either), so an export
    /// of the result is byte-identical to an export of the source. The caller
    /// validates `journal` and writes a backup first.
    pub fn replace_with(&self, journal: &Journal) -> Result<ImportSummary> {
        let tx = self.begin_write()?;
        let run = || -> rusqlite::Result<ImportSummary> {
            let tables: Vec<String> = self
                .conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            // Foreign keys are checked at commit, when every row is back.
            self.conn.pragma_update(None, "defer_foreign_keys", "ON")?;
            for table in tables {
                // A name from the schema, quoted: never user input.
                self.conn
                    .execute(&format!("DELETE FROM \"{}\"", table.replace('"', "\"\"")), [])?;
            }
            import_into(&self.conn, journal)
        };
        let summary = run().map_err(|e| self.sql(e))?;
        crate::panic::debug_fault("import");
        tx.commit()?;
        Ok(summary)
    }

    /// True when the journal holds no entries of any kind (a fresh file).
    pub fn has_no_entries(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM checkin) AND NOT EXISTS (SELECT 1 FROM completion)
                    AND NOT EXISTS (SELECT 1 FROM capacity_test) AND NOT EXISTS (SELECT 1 FROM run)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))
    }

    fn collect<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let run = || -> rusqlite::Result<Vec<T>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(params, map)?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }
}

/// Makes today's daily backup of the journal at `path` if it is due (see
/// [`Store::daily_backup`]). Costs one `stat` when today's copy exists, and
/// never creates a journal.
pub fn ensure_daily_backup(path: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    if !path.is_file() || daily_backup_path(path, today).exists() {
        return Ok(None);
    }
    Store::open(path)?.daily_backup(today)
}

fn save_profile(conn: &Connection, p: &Profile) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO profile (id, leg, injury_date, clot_history, cancer, baseline_km, clot_risk, blood_thinners)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        p.leg.name(),
        p.injury_date,
        p.clot_history,
        p.cancer,
        p.baseline_km,
        p.clot_risk,
        p.blood_thinners
    ])
    .map(|_| ())
}

/// Runs `write` inside a savepoint: all of it or none, whether or not the
/// caller has a transaction open.
fn in_savepoint<T>(conn: &Connection, write: impl FnOnce() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    conn.execute_batch("SAVEPOINT soleus_write")?;
    match write() {
        Ok(value) => {
            conn.execute_batch("RELEASE soleus_write")?;
            Ok(value)
        }
        Err(e) => {
            // The error that matters is the write's; a failed rollback
            // leaves the outer transaction to roll back.
            let _ = conn.execute_batch("ROLLBACK TO soleus_write; RELEASE soleus_write");
            Err(e)
        }
    }
}

/// A check-in and its typed run (kept in the run table, as a manual run
/// of that date and leg, with the same row id when it is edited).
fn save_checkin(conn: &Connection, c: &CheckIn) -> rusqlite::Result<()> {
    in_savepoint(conn, || {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO checkin (date, leg, pain_rest, pain_walk, pain_run, tightness, morning,
                symptoms, cross_min, note, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%S', 'now'))",
        )?
        .execute(params![
            c.date,
            c.leg.name(),
            c.pain_rest.value(),
            c.pain_walk.value(),
            c.pain_run.map(|s| s.value()),
            c.tightness.map(|s| s.value()),
            c.morning.map(|s| s.value()),
            c.symptoms.to_names(),
            c.cross_min,
            c.note,
        ])?;
        match Run::from_checkin(c) {
            Some(run) => conn
                .prepare_cached(
                    "INSERT INTO run (date, km, moving_s, source, leg, intervals) VALUES (?1, ?2, ?3, 'manual', ?4, ?5)
                     ON CONFLICT (date, leg) WHERE source = 'manual'
                     DO UPDATE SET km = excluded.km, moving_s = excluded.moving_s, intervals = excluded.intervals",
                )?
                .execute(params![
                    run.date,
                    run.km,
                    run.moving_s,
                    c.leg.name(),
                    run.intervals.map(|i| i.to_string())
                ])?,
            None => delete_typed_run(conn, c.date, c.leg)?,
        };
        Ok(())
    })
}

fn delete_typed_run(conn: &Connection, date: NaiveDate, leg: Leg) -> rusqlite::Result<usize> {
    conn.prepare_cached("DELETE FROM run WHERE source = 'manual' AND date = ?1 AND leg = ?2")?
        .execute(params![date, leg.name()])
}

fn insert_run(conn: &Connection, r: &Run) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO run (date, start, km, moving_s, climb_m, source, source_id, intervals, leg)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        r.date,
        r.start.map(|s| s.format(rows::START_FORMAT).to_string()),
        r.km,
        r.moving_s,
        r.climb_m,
        r.source.name(),
        r.source_id,
        r.intervals.map(|i| i.to_string()),
        r.leg.map(Leg::name),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The imported run that started within [`SAME_START_SECONDS`] of `start`.
fn run_near(conn: &Connection, start: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<Option<Run>> {
    let window = chrono::TimeDelta::seconds(SAME_START_SECONDS);
    let text = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.format(rows::START_FORMAT).to_string());
    conn.prepare_cached(SQL_RUN_NEAR_START)?
        .query_row(
            params![
                text(start.checked_sub_signed(window)),
                text(start.checked_add_signed(window))
            ],
            rows::run,
        )
        .optional()
}

fn save_exercise(conn: &Connection, e: &Exercise) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO exercise (id, name, muscle, phases, kind, dose, how_to, caution, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        e.id,
        e.name,
        rows::muscle_name(e.muscle),
        rows::phases_text(&e.phases),
        e.kind.name(),
        e.dose,
        e.how_to,
        e.caution,
        ExerciseTag::to_names(&e.tags),
    ])
    .map(|_| ())
}

fn save_plan_entry(conn: &Connection, p: &PlanEntry) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO plan (exercise, dose, active, per_day) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![p.exercise, p.dose, p.active, p.per_day])
        .map(|_| ())
}

fn save_completion(conn: &Connection, c: &Completion) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO completion (date, exercise, sets, pain, sessions) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        c.date,
        c.exercise,
        c.sets,
        c.pain.map(|s| s.value()),
        c.sessions
    ])
    .map(|_| ())
}

fn open_span_of(conn: &Connection, exercise: &str) -> rusqlite::Result<Option<PlanSpan>> {
    conn.prepare_cached(
        "SELECT exercise, start, end, dose, per_day FROM plan_span WHERE exercise = ?1 AND end IS NULL",
    )?
    .query_row([exercise], rows::plan_span)
    .optional()
}

/// The plan history after `entry` is saved on `on`: a new span, the open
/// one with a new dose from `on`, or a span closed on `on` or the day
/// before opened again (so `u` after a removal leaves no gap).
fn open_span(conn: &Connection, entry: &PlanEntry, on: NaiveDate) -> rusqlite::Result<()> {
    if let Some(open) = open_span_of(conn, &entry.exercise)? {
        if open.dose == entry.dose && open.per_day == entry.per_day {
            return Ok(());
        }
        if open.start >= on {
            return conn
                .prepare_cached("UPDATE plan_span SET dose = ?3, per_day = ?4 WHERE exercise = ?1 AND start = ?2")?
                .execute(params![entry.exercise, open.start, entry.dose, entry.per_day])
                .map(|_| ());
        }
        conn.prepare_cached("UPDATE plan_span SET end = ?3 WHERE exercise = ?1 AND start = ?2")?
            .execute(params![entry.exercise, open.start, on.pred_opt().unwrap_or(on)])?;
    } else {
        let yesterday = on.pred_opt().unwrap_or(on);
        let reopened = conn
            .prepare_cached(
                "UPDATE plan_span SET end = NULL, dose = ?3, per_day = ?4
                 WHERE exercise = ?1 AND end >= ?2 AND start = (SELECT max(start) FROM plan_span WHERE exercise = ?1)",
            )?
            .execute(params![entry.exercise, yesterday, entry.dose, entry.per_day])?;
        if reopened > 0 {
            return Ok(());
        }
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO plan_span (exercise, start, end, dose, per_day) VALUES (?1, ?2, NULL, ?3, ?4)",
    )?
    .execute(params![entry.exercise, on, entry.dose, entry.per_day])
    .map(|_| ())
}

/// Ends the open span of `exercise` on `on`: its last day is `on` when the
/// exercise was done that day (a removal never drops a tick), else the day
/// before. A span that would hold no day at all is deleted.
fn close_span(conn: &Connection, exercise: &str, on: NaiveDate) -> rusqlite::Result<()> {
    let Some(open) = open_span_of(conn, exercise)? else {
        return Ok(());
    };
    let done_today = conn
        .prepare_cached("SELECT 1 FROM completion WHERE date = ?1 AND exercise = ?2")?
        .query_row(params![on, exercise], |_| Ok(()))
        .optional()?
        .is_some();
    let last = if done_today { on } else { on.pred_opt().unwrap_or(on) };
    if last < open.start {
        conn.prepare_cached("DELETE FROM plan_span WHERE exercise = ?1 AND start = ?2")?
            .execute(params![exercise, open.start])?;
    } else {
        conn.prepare_cached("UPDATE plan_span SET end = ?3 WHERE exercise = ?1 AND start = ?2")?
            .execute(params![exercise, open.start, last])?;
    }
    Ok(())
}

fn save_plan_span(conn: &Connection, s: &PlanSpan) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO plan_span (exercise, start, end, dose, per_day) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![s.exercise, s.start, s.end, s.dose, s.per_day])
    .map(|_| ())
}

fn save_test(conn: &Connection, t: &CapacityTest) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO capacity_test (date, leg, test, reps) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![t.date, t.leg.name(), t.test.name(), t.reps])
        .map(|_| ())
}

fn save_acknowledgement(conn: &Connection, a: &Acknowledgement) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO acknowledgement (rule, leg, date, acknowledged_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![a.rule, a.leg.name(), a.date, a.acknowledged_at])
    .map(|_| ())
}

fn save_outcome(conn: &Connection, o: &Outcome) -> rusqlite::Result<()> {
    let (level, signs, highest_pain) = match &o.presentation {
        Some(p) => (Some(p.level.as_str()), p.signs.join(","), p.highest_pain),
        None => (None, String::new(), None),
    };
    conn.prepare_cached(
        "INSERT OR REPLACE INTO outcome (date, rule, leg, result, note, level, signs, highest_pain)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        o.date,
        o.rule,
        o.leg.name(),
        o.result.name(),
        o.note,
        level,
        signs,
        highest_pain
    ])
    .map(|_| ())
}

fn find_outcome(conn: &Connection, rule: &str, leg: Leg, date: NaiveDate) -> rusqlite::Result<Option<Outcome>> {
    conn.prepare_cached(&format!(
        "SELECT {} FROM outcome WHERE rule = ?1 AND leg = ?2 AND date = ?3",
        rows::OUTCOME_COLUMNS
    ))?
    .query_row(params![rule, leg.name(), date], rows::outcome)
    .optional()
}

fn save_phase_change(conn: &Connection, p: &PhaseChange) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO phase_change (date, phase) VALUES (?1, ?2)")?
        .execute(params![p.date, p.phase])
        .map(|_| ())
}

/// One record of an import: look up what is there, count, then write.
fn merge<T: PartialEq>(
    summary: &mut ImportSummary,
    existing: Option<T>,
    incoming: &T,
    write: impl FnOnce() -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let same = existing.as_ref().map(|e| e == incoming);
    summary.count(same);
    if same != Some(true) {
        write()?;
    }
    Ok(())
}

fn find_profile(conn: &Connection) -> rusqlite::Result<Option<Profile>> {
    conn.prepare_cached(
        "SELECT leg, injury_date, clot_history, cancer, baseline_km, clot_risk, blood_thinners FROM profile WHERE id = 1",
    )?
        .query_row([], rows::profile)
        .optional()
}

fn find_checkin(conn: &Connection, date: NaiveDate, leg: Leg) -> rusqlite::Result<Option<CheckIn>> {
    conn.prepare_cached(SQL_CHECKIN)?
        .query_row(params![date, leg.name()], rows::checkin)
        .optional()
}

fn import_into(tx: &Connection, j: &Journal) -> rusqlite::Result<ImportSummary> {
    let mut s = ImportSummary::default();
    if let Some(profile) = &j.profile {
        merge(&mut s, find_profile(tx)?, profile, || save_profile(tx, profile))?;
    }
    for e in &j.exercises {
        let existing = tx
            .query_row(
                &format!("SELECT {} FROM exercise WHERE id = ?1", rows::EXERCISE_COLUMNS),
                [&e.id],
                rows::exercise,
            )
            .optional()?;
        merge(&mut s, existing, e, || save_exercise(tx, e))?;
    }
    for c in &j.checkins {
        merge(&mut s, find_checkin(tx, c.date, c.leg)?, c, || save_checkin(tx, c))?;
    }
    for c in &j.completions {
        let existing = tx
            .prepare_cached(
                "SELECT date, exercise, sets, pain, sessions FROM completion WHERE date = ?1 AND exercise = ?2",
            )?
            .query_row(params![c.date, c.exercise], rows::completion)
            .optional()?;
        merge(&mut s, existing, c, || save_completion(tx, c))?;
    }
    for t in &j.capacity_tests {
        let existing = tx
            .prepare_cached(
                "SELECT date, leg, test, reps FROM capacity_test WHERE date = ?1 AND leg = ?2 AND test = ?3",
            )?
            .query_row(params![t.date, t.leg.name(), t.test.name()], rows::capacity_test)
            .optional()?;
        merge(&mut s, existing, t, || save_test(tx, t))?;
    }
    for p in &j.plan {
        let existing = tx
            .prepare_cached("SELECT exercise, dose, active, per_day FROM plan WHERE exercise = ?1")?
            .query_row([&p.exercise], rows::plan_entry)
            .optional()?;
        merge(&mut s, existing, p, || save_plan_entry(tx, p))?;
    }
    for a in &j.acknowledgements {
        let existing = tx
            .prepare_cached(
                "SELECT rule, leg, date, acknowledged_at FROM acknowledgement WHERE rule = ?1 AND leg = ?2 AND date = ?3",
            )?
            .query_row(params![a.rule, a.leg.name(), a.date], rows::acknowledgement)
            .optional()?;
        merge(&mut s, existing, a, || save_acknowledgement(tx, a))?;
    }
    for o in &j.outcomes {
        merge(&mut s, find_outcome(tx, &o.rule, o.leg, o.date)?, o, || {
            save_outcome(tx, o)
        })?;
    }
    for p in &j.phases {
        let existing = tx
            .prepare_cached("SELECT date, phase FROM phase_change WHERE date = ?1")?
            .query_row([p.date], rows::phase_change)
            .optional()?;
        merge(&mut s, existing, p, || save_phase_change(tx, p))?;
    }
    // An imported run is known by its start time.
    for r in &j.runs {
        let Some(start) = r.start else { continue };
        let existing = run_near(tx, start)?;
        let id = existing.as_ref().and_then(|e| e.id);
        let existing = existing.map(|e| Run { id: None, ..e });
        merge(&mut s, existing, r, || {
            if let Some(id) = id {
                tx.execute("DELETE FROM run WHERE id = ?1", [id])?;
            }
            insert_run(tx, r).map(|_| ())
        })?;
    }
    for span in &j.plan_history {
        // The file knows when this exercise joined: a "since the start"
        // span from an upgrade or a new journal's seed gives way to it.
        tx.prepare_cached(
            "DELETE FROM plan_span WHERE exercise = ?1 AND start = '1970-01-01' AND end IS NULL AND ?2 <> '1970-01-01'",
        )?
        .execute(params![span.exercise, span.start])?;
        let existing = tx
            .prepare_cached(
                "SELECT exercise, start, end, dose, per_day FROM plan_span WHERE exercise = ?1 AND start = ?2",
            )?
            .query_row(params![span.exercise, span.start], rows::plan_span)
            .optional()?;
        merge(&mut s, existing, span, || save_plan_span(tx, span))?;
    }
    // An exercise the plan no longer holds has no open span: it ends on
    // its last completion (or the day it started).
    tx.execute(
        "UPDATE plan_span SET end = max(start, COALESCE((SELECT max(c.date) FROM completion c WHERE c.exercise = plan_span.exercise), start))
         WHERE end IS NULL AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.exercise = plan_span.exercise AND p.active = 1)",
        [],
    )?;
    // A file without plan history (an export of an older soleus): its
    // active plan counts from the day after its last span, or from the
    // journal's start.
    tx.execute(
        "INSERT INTO plan_span (exercise, start, end, dose, per_day)
         SELECT p.exercise,
                COALESCE((SELECT date(max(end), '+1 day') FROM plan_span o WHERE o.exercise = p.exercise), '1970-01-01'),
                NULL, p.dose, p.per_day
         FROM plan p
         WHERE p.active = 1 AND NOT EXISTS (SELECT 1 FROM plan_span o WHERE o.exercise = p.exercise AND o.end IS NULL)",
        [],
    )?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Score, Symptom, Symptoms};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sample(date: &str, leg: Leg) -> CheckIn {
        let mut c = CheckIn::new(day(date), leg, Score::new("", 3).unwrap(), Score::new("", 5).unwrap());
        c.symptoms = [Symptom::Swelling, Symptom::HeelRaiseFail]
            .into_iter()
            .collect::<Symptoms>();
        c.run_km = Some(4.2);
        c.note = Some("tight after stairs".into());
        c
    }

    #[test]
    fn writes_are_refused_once_the_journal_is_replaced_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let store = Store::open(&path).unwrap();
        store.save_checkin(&sample("2026-06-01", Leg::Left)).unwrap();
        let copy = dir.path().join("copy.db");
        std::fs::copy(&path, &copy).unwrap();
        std::fs::rename(&copy, &path).unwrap();
        let err = store.save_checkin(&sample("2026-06-02", Leg::Left)).unwrap_err();
        assert!(matches!(err, StoreError::Replaced { .. }), "{err}");
        assert!(store.begin_write().is_err());
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(
            store.save_test(&CapacityTest {
                date: day("2026-06-02"),
                leg: Leg::Left,
                test: TestKind::HeelRaiseBent,
                reps: 3
            }),
            Err(StoreError::Replaced { .. })
        ));
    }

    #[test]
    fn migrations_validate() {
        MIGRATIONS.validate().unwrap();
        assert_eq!(latest_schema_version(), 7);
    }

    /// Every step of `EXPLAIN QUERY PLAN` for `sql`.
    fn query_plan(store: &Store, sql: &str, params: impl rusqlite::Params) -> Vec<String> {
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        stmt.query_map(params, |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn hot_queries_use_indexes() {
        let store = Store::open_in_memory().unwrap();
        let d = "2026-06-01";
        let plans = [
            (
                SQL_CHECKINS_BETWEEN,
                query_plan(&store, SQL_CHECKINS_BETWEEN, params![d, d]),
                "PRIMARY KEY",
            ),
            (
                SQL_PREVIOUS_CHECKIN,
                query_plan(&store, SQL_PREVIOUS_CHECKIN, params!["left", d]),
                "checkin_by_leg",
            ),
            (
                SQL_CHECKIN_DATES_UNTIL,
                query_plan(&store, SQL_CHECKIN_DATES_UNTIL, params![d, 64]),
                "PRIMARY KEY",
            ),
            (
                SQL_LEG_HAS_CHECKINS_BEFORE,
                query_plan(&store, SQL_LEG_HAS_CHECKINS_BEFORE, params!["left", d]),
                "checkin_by_leg",
            ),
            (
                SQL_COMPLETIONS_BETWEEN,
                query_plan(&store, SQL_COMPLETIONS_BETWEEN, params![d, d]),
                "PRIMARY KEY",
            ),
        ];
        for (sql, plan, index) in plans {
            let text = plan.join(" | ");
            assert!(text.contains(index), "{sql}: {text}");
            assert!(text.starts_with("SEARCH"), "{sql} scans: {text}");
            assert!(!text.contains("TEMP B-TREE"), "{sql} sorts rows itself: {text}");
        }
    }

    #[test]
    fn new_journal_has_a_phase_one_plan() {
        let store = Store::open_in_memory().unwrap();
        let plan = store.plan().unwrap();
        let catalogue = Catalogue::builtin();
        assert_eq!(plan.len(), catalogue.for_phase(1).count());
        assert!(plan.iter().all(|p| catalogue.get(&p.exercise).unwrap().in_phase(1)));
    }

    #[test]
    fn checkin_round_trips_and_replaces() {
        let store = Store::open_in_memory().unwrap();
        let c = sample("2026-06-01", Leg::Left);
        store.save_checkin(&c).unwrap();
        assert_eq!(store.checkin(c.date, Leg::Left).unwrap(), Some(c.clone()));
        let mut edited = c.clone();
        edited.note = None;
        store.save_checkin(&edited).unwrap();
        assert_eq!(store.all_checkins().unwrap(), vec![edited]);
    }

    #[test]
    fn previous_and_delete() {
        let store = Store::open_in_memory().unwrap();
        store.save_checkin(&sample("2026-06-01", Leg::Left)).unwrap();
        store.save_checkin(&sample("2026-06-03", Leg::Left)).unwrap();
        store.save_checkin(&sample("2026-06-04", Leg::Right)).unwrap();
        let prev = store.previous_checkin(day("2026-06-05"), Leg::Left).unwrap().unwrap();
        assert_eq!(prev.date, day("2026-06-03"));
        assert_eq!(
            store.checkin_dates_until(day("2026-06-03"), 10).unwrap(),
            vec![day("2026-06-03"), day("2026-06-01")]
        );
        let gone = store.delete_checkin(day("2026-06-03"), Leg::Left).unwrap();
        assert!(gone.is_some());
        assert_eq!(store.checkin_count().unwrap(), 2);
    }

    #[test]
    fn a_panic_inside_a_write_transaction_rolls_it_back() {
        let store = Store::open_in_memory().unwrap();
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _tx = store.begin_write().unwrap();
            store.save_checkin(&sample("2026-06-01", Leg::Left)).unwrap();
            panic!("a bug between two writes");
        }));
        assert!(unwound.is_err());
        assert_eq!(store.checkin_count().unwrap(), 0);
    }

    #[test]
    fn stores_of_one_file_share_one_descriptor() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let first = Store::open(&path).unwrap();
        let second = Store::open(&dir.path().join(".").join("journal.db")).unwrap();
        let (a, b) = (first._file.as_ref().unwrap(), second._file.as_ref().unwrap());
        assert!(
            Arc::ptr_eq(a, b),
            "closing a second descriptor would drop SQLite's locks"
        );
        drop(first);
        second.save_checkin(&sample("2026-06-01", Leg::Left)).unwrap();
    }

    #[test]
    fn replace_leaves_exactly_the_file() {
        let store = Store::open_in_memory().unwrap();
        store.save_checkin(&sample("2026-06-01", Leg::Left)).unwrap();
        let source = Store::open_in_memory().unwrap();
        source
            .remove_plan_entry(&source.plan().unwrap()[0].exercise, day("2026-06-02"))
            .unwrap();
        source.save_checkin(&sample("2026-06-02", Leg::Right)).unwrap();
        let journal = source.export().unwrap();
        store.replace_with(&journal).unwrap();
        assert_eq!(store.export().unwrap(), journal);
        assert_eq!(store.checkin_count().unwrap(), 1);
    }

    #[test]
    fn import_merges_and_is_idempotent() {
        let store = Store::open_in_memory().unwrap();
        store.save_checkin(&sample("2026-06-01", Leg::Left)).unwrap();
        let mut changed = sample("2026-06-01", Leg::Left);
        changed.pain_rest = Score::new("", 6).unwrap();
        let journal = Journal {
            checkins: vec![changed.clone(), sample("2026-06-02", Leg::Left)],
            ..Journal::default()
        };
        let first = store.import(&journal).unwrap();
        assert_eq!((first.added, first.updated, first.unchanged), (1, 1, 0));
        let second = store.import(&journal).unwrap();
        assert_eq!((second.added, second.updated, second.unchanged), (0, 0, 2));
        assert_eq!(store.checkin(changed.date, Leg::Left).unwrap(), Some(changed));
    }
}
