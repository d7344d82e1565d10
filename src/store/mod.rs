//! The journal file. This is the only module that speaks SQL, and it only
//! ever passes values as bound parameters.
//!
//! Opening is careful by design: a file that is not a soleus journal (a text
//! file, another program's SQLite database, a journal from a newer soleus, a
//! journal cut short) is refused before anything is written to it, and an
//! existing journal is copied beside itself before its schema is upgraded.
//! Every multi-statement write is one `BEGIN IMMEDIATE` transaction, so a
//! crash, a panic or a second soleus never sees half of it, and
//! [`Store::begin_read`] gives a reader one snapshot of the file.
//!
//! This file holds the [`Store`] itself: opening, identifying and upgrading
//! the file, and its transactions. `impl Store` goes on by subject, one file
//! each: `profile`, `checkins`, `runs`, `plan` (exercises, plan, completions,
//! tests), `phases` (acknowledgements and phases), `outcomes`, `journal`
//! (export, import, replace) and `backup`. `error` says what went wrong in
//! the user's terms, `file` is the journal as a file on disk, and `rows`
//! turns rows into values.

mod backup;
mod checkins;
mod error;
mod file;
mod journal;
mod outcomes;
mod phases;
mod plan;
mod profile;
mod read_copy;
mod rows;
mod runs;
mod unreadable;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};

use crate::domain::Catalogue;
use crate::domain::import::UnreadableRecord;

pub use crate::outfile::{APPLICATION_ID, backups_dir, looks_like_journal};
pub use backup::ensure_daily_backup;
pub use error::{Result, StoreError};
use error::{classify, one_line, sqlite_summary};
pub use file::{DAILY_BACKUPS_KEPT, daily_backup_path, same_file};
use file::{JournalFile, SetupLock};
pub use journal::{ImportSummary, PlanDiff};
pub use runs::{GoneRun, RunsAdded, SAME_START_SECONDS};

/// Why a journal on a full disk opens read-only.
const DISK_FULL: &str = "the disk is full";

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
        M::up(include_str!("migrations/0008_runs_running.sql")),
        M::up(include_str!("migrations/0009_checks.sql")),
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
    /// Why a read-only journal is read-only, for the refusal of a write.
    read_only_why: String,
    /// Rows left out of what was read because they cannot be read (see
    /// `unreadable`), each once.
    left_out: Mutex<Vec<UnreadableRecord>>,
    _file: Option<Arc<JournalFile>>,
}

impl Drop for Store {
    /// Names, on stderr, the records left out of what this store read, so
    /// that no command leaves one out silently. The app's own screens say so
    /// too; by the time a store is dropped the terminal is the user's again.
    fn drop(&mut self) {
        let left_out = self.left_out();
        if left_out.is_empty() || self._file.is_none() {
            return;
        }
        let _ = writeln!(std::io::stderr(), "soleus: {}", left_out_line(&left_out));
    }
}

/// `1 record could not be read and was left out: check-in of 2025-02-30
/// left (date: expected a YYYY-MM-DD date, got 2025-02-30)`.
pub fn left_out_line(left_out: &[UnreadableRecord]) -> String {
    let named: Vec<String> = left_out
        .iter()
        .take(3)
        .map(|r| format!("{} ({})", r.record, r.problem))
        .collect();
    let more = match left_out.len() {
        n if n > 3 => format!("; and {} more", n - 3),
        _ => String::new(),
    };
    let (count, verb, them) = match left_out.len() {
        1 => ("1 record".to_owned(), "was", "it"),
        n => (format!("{n} records"), "were", "them"),
    };
    format!(
        "{count} could not be read and {verb} left out: {}{more}; `soleus export --format json` carries {them} as stored (docs/storage.md)",
        named.join("; ")
    )
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

/// A read snapshot begun with [`Store::begin_read`]: every read through the
/// store until it is dropped (or [`finish`](Self::finish)ed) sees the
/// journal as it was when it began, so a write that another soleus commits
/// meanwhile (the command line while the app loads its data) cannot give
/// half the old journal and half the new. Ending it never fails: a read
/// leaves nothing to commit.
///
/// Write nothing through the store while one is open: a write inside a read
/// snapshot fails as busy when another soleus wrote since the snapshot
/// began. Writes take [`Store::begin_write`].
pub struct ReadTransaction<'a> {
    /// `None` when the store was already inside a transaction, whose reads
    /// are one snapshot already.
    _tx: Option<Transaction<'a>>,
}

impl ReadTransaction<'_> {
    /// Ends the read; the same as dropping it.
    pub fn finish(self) {}
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
                // The same with a -wal beside the journal: SQLite cannot
                // create the -shm that goes with it.
                Err(StoreError::Sqlite {
                    source: rusqlite::Error::SqliteFailure(e, _),
                    ..
                }) if e.code == rusqlite::ErrorCode::CannotOpen && file::side_file_has_data(path, "-wal") => {}
                // The disk is too full for the -shm file that even a read
                // needs: read without it; a write then fails as read-only.
                Err(StoreError::WriteFailed { .. }) => {
                    drop(store);
                    return Store::open_read_only(path, file, DISK_FULL);
                }
                Err(e) => return Err(e),
            }
        }
        Store::open_read_only(path, file, "it cannot be written")
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
        // A transaction that does not name its kind takes the write lock
        // up front (see WriteTransaction); a read snapshot names Deferred.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        Ok(Store {
            conn,
            path: path.to_owned(),
            read_only,
            read_only_why: String::new(),
            left_out: Mutex::default(),
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

    /// Reads a journal that cannot be written (`why`), with SQLite's
    /// `immutable` flag so that nothing at all is created or changed beside
    /// it; one whose last changes are still in its -wal is read through a
    /// copy in memory (see `read_copy`).
    fn open_read_only(path: &Path, file: Arc<JournalFile>, why: &str) -> Result<Store> {
        let read_only = |reason: &str| StoreError::ReadOnly {
            path: path.to_owned(),
            reason: reason.to_owned(),
        };
        if file::side_file_has_data(path, "-journal") {
            return Err(read_only(
                "its last write was cut short and undoing it from the -journal file beside it needs write access",
            ));
        }
        let store = if file::side_file_has_data(path, "-wal") {
            let conn = read_copy::load_into_memory(
                path,
                &format!("{why}, and its last changes are still in the -wal file beside it"),
            )?;
            Store {
                conn,
                path: path.to_owned(),
                read_only: true,
                read_only_why: String::new(),
                left_out: Mutex::default(),
                _file: Some(file),
            }
        } else {
            Store::connect(path, file, true)?
        };
        let mut store = store;
        if why == DISK_FULL {
            store.read_only_why = format!("{why}: it was opened for reading only");
        }
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
            read_only_why: String::new(),
            left_out: Mutex::default(),
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

    /// Begins a write transaction; see [`WriteTransaction`].
    pub fn begin_write(&self) -> Result<WriteTransaction<'_>> {
        self.check_identity()?;
        if self.read_only && !self.read_only_why.is_empty() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: self.read_only_why.clone(),
            });
        }
        if !self.conn.is_autocommit() {
            return Ok(WriteTransaction { tx: None, store: self });
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).map_err(|e| self.sql(e))?;
        Ok(WriteTransaction {
            tx: Some(tx),
            store: self,
        })
    }

    /// Begins a read snapshot; see [`ReadTransaction`]. Inside a transaction
    /// already open on this store (a write, or another read) it does
    /// nothing, and that transaction goes on as it was.
    pub fn begin_read(&self) -> Result<ReadTransaction<'_>> {
        if !self.conn.is_autocommit() {
            return Ok(ReadTransaction { _tx: None });
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred).map_err(|e| self.sql(e))?;
        // A deferred transaction takes its snapshot at its first read: read
        // now, so that the snapshot is the journal as it is at this call.
        self.conn
            .prepare_cached("SELECT count(*) FROM sqlite_master")
            .and_then(|mut stmt| stmt.query_row([], |_| Ok(())))
            .map_err(|e| self.sql(e))?;
        Ok(ReadTransaction { _tx: Some(tx) })
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        classify(&self.path, source)
    }

    /// Runs `sql` and maps every row with `map`. A row that cannot be read
    /// is left out and remembered (see [`Store::left_out`]), so that one bad
    /// value never locks the rest of the journal away.
    fn collect<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        mut map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let run = || -> rusqlite::Result<Vec<T>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params)?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                match map(row) {
                    Ok(value) => out.push(value),
                    Err(e) if unreadable::is_unreadable(&e) => self.leave_out(unreadable::describe(sql, row, &e)),
                    Err(e) => return Err(e),
                }
            }
            Ok(out)
        };
        run().map_err(|e| self.sql(e))
    }

    /// Runs `sql`, which names at most one row, and maps it with `map`; a
    /// row that cannot be read is left out as in [`Store::collect`].
    fn one<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        Ok(self.collect(sql, params, map)?.into_iter().next())
    }

    fn leave_out(&self, record: UnreadableRecord) {
        let mut left_out = self.left_out.lock().unwrap_or_else(PoisonError::into_inner);
        // The same row read by two queries (a whole row, then only its
        // date) is one record: the fuller description stays.
        let same = |r: &UnreadableRecord| {
            r.table == record.table
                && (r.record.starts_with(record.record.trim_end()) || record.record.starts_with(r.record.trim_end()))
        };
        match left_out.iter_mut().find(|r| same(r)) {
            Some(known) if known.row.len() < record.row.len() => *known = record,
            Some(_) => {}
            None => left_out.push(record),
        }
    }

    /// A record left out earlier and since written over: no longer left out.
    fn forget(&self, table: &str, record: &str) {
        let mut left_out = self.left_out.lock().unwrap_or_else(PoisonError::into_inner);
        left_out.retain(|r| r.table != table || r.record != record);
    }

    /// The records this store left out of what it read because they cannot
    /// be read, oldest first, each once.
    pub fn left_out(&self) -> Vec<UnreadableRecord> {
        self.left_out.lock().unwrap_or_else(PoisonError::into_inner).clone()
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
}

/// Where a test makes soleus panic inside a write transaction, after its
/// statements and before its commit (`SOLEUS_DEBUG_PANIC=<point>`, debug
/// builds only). Every write of the store reaches it here, so the panic log
/// names this file as the place, whichever file the write is in.
fn fault_point(point: &str) {
    crate::panic::debug_fault(point);
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

#[cfg(test)]
mod tests {
    use super::checkins::{
        SQL_CHECKIN_DATES_UNTIL, SQL_CHECKINS_BETWEEN, SQL_LEG_HAS_CHECKINS_BEFORE, SQL_PREVIOUS_CHECKIN,
    };
    use super::plan::SQL_COMPLETIONS_BETWEEN;
    use super::*;
    use crate::domain::{CapacityTest, CheckIn, Leg, Score, Symptom, Symptoms, TestKind};
    use chrono::NaiveDate;

    pub(super) fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub(super) fn sample(date: &str, leg: Leg) -> CheckIn {
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
        assert_eq!(latest_schema_version(), 9);
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
    fn a_read_sees_one_snapshot_until_it_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let reader = Store::open(&path).unwrap();
        let writer = Store::open(&path).unwrap();
        writer.save_checkin(&sample("2026-06-01", Leg::Left)).unwrap();
        let read = reader.begin_read().unwrap();
        // Written after the read began and before its first query.
        writer.save_checkin(&sample("2026-06-02", Leg::Left)).unwrap();
        assert_eq!(reader.checkin_count().unwrap(), 1);
        // Written between two queries of the read.
        writer.save_checkin(&sample("2026-06-03", Leg::Left)).unwrap();
        assert_eq!(reader.checkin(day("2026-06-03"), Leg::Left).unwrap(), None);
        assert_eq!(reader.all_checkins().unwrap().len(), 1);
        drop(read);
        assert_eq!(reader.checkin_count().unwrap(), 3);
        let read = reader.begin_read().unwrap();
        writer.save_checkin(&sample("2026-06-04", Leg::Left)).unwrap();
        assert_eq!(reader.checkin_count().unwrap(), 3);
        read.finish();
        assert_eq!(reader.checkin_count().unwrap(), 4);
    }

    #[test]
    fn a_read_inside_a_write_does_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let store = Store::open(&path).unwrap();
        let other = Store::open(&path).unwrap();
        let tx = store.begin_write().unwrap();
        store.save_checkin(&sample("2026-06-01", Leg::Left)).unwrap();
        let read = store.begin_read().unwrap();
        assert_eq!(store.checkin_count().unwrap(), 1, "the write's own rows");
        store.save_checkin(&sample("2026-06-02", Leg::Left)).unwrap();
        drop(read);
        assert!(!store.conn.is_autocommit(), "the write goes on");
        store.save_checkin(&sample("2026-06-03", Leg::Left)).unwrap();
        assert_eq!(other.checkin_count().unwrap(), 0, "nothing committed yet");
        tx.commit().unwrap();
        assert_eq!(other.checkin_count().unwrap(), 3);
        assert!(store.conn.is_autocommit());
    }
}
