//! The journal file. This is the only module that speaks SQL, and it only
//! ever passes values as bound parameters.
//!
//! Opening is careful by design: a file that is not a soleus journal (a text
//! file, another program's SQLite database, a journal from a newer soleus) is
//! refused before anything is written to it, and an existing journal is
//! copied beside itself before its schema is upgraded.

mod rows;

use std::fs::{self, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};
use rusqlite_migration::{M, Migrations};

use crate::domain::{
    Acknowledgement, CapacityTest, Catalogue, CheckIn, Completion, Exercise, Journal, Leg, PhaseChange, PlanEntry,
    Profile,
};

/// `PRAGMA application_id` of a soleus journal: "SOLE" in ASCII.
pub const APPLICATION_ID: i32 = 0x534F_4C45;

/// Bounds for "every date": dates are stored as ISO text, so these must
/// format as four-digit years to compare correctly.
const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("valid date");
const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");

/// How long a write waits for another soleus process before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Every schema version, oldest first. Append; never edit a released one.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| Migrations::new(migration_list()));

fn migration_list() -> Vec<M<'static>> {
    vec![
        M::up_with_hook(include_str!("migrations/0001_journal.sql"), seed_plan),
        M::up(include_str!("migrations/0002_checkin_by_leg.sql")),
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

/// The newest schema version this binary knows.
pub fn latest_schema_version() -> usize {
    static LATEST: LazyLock<usize> = LazyLock::new(|| migration_list().len());
    *LATEST
}

/// Why the journal could not be used. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a soleus journal ({reason}); it was left untouched")]
    NotAJournal { path: PathBuf, reason: String },
    #[error(
        "{path} was written by a newer soleus (schema version {found}, this one knows up to {known}); it was left untouched"
    )]
    TooNew { path: PathBuf, found: usize, known: usize },
    #[error("cannot open {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("journal {path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("journal {path}: upgrading the schema failed: {source}")]
    Migration {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
    #[error("journal {path} holds a value this version cannot read: {detail}")]
    Corrupt { path: PathBuf, detail: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

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
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the journal at `path`, creating it (mode 0600, in a 0700
    /// directory) if there is none, and upgrading an older schema after
    /// writing a backup copy beside it.
    pub fn open(path: &Path) -> Result<Store> {
        let io_err = |source| StoreError::Io {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io_err)?;
        }
        match OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => check_header(path)?,
            Err(e) => return Err(io_err(e)),
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        store.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| store.sql(e))?;
        let version = store.identify()?;
        store.configure()?;
        if version > 0 && version < latest_schema_version() {
            store.backup_before_migration(version)?;
        }
        store.migrate()?;
        Ok(store)
    }

    /// A journal in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Sqlite {
            path: path.clone(),
            source,
        })?;
        let mut store = Store { conn, path };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Where the journal lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        match source {
            rusqlite::Error::FromSqlConversionFailure(_, _, detail) => StoreError::Corrupt {
                path: self.path.clone(),
                detail: detail.to_string(),
            },
            source => StoreError::Sqlite {
                path: self.path.clone(),
                source,
            },
        }
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
        let unreadable = |e: rusqlite::Error| self.not_a_journal(&format!("unreadable: {e}"));
        let app_id: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(unreadable)?;
        let objects: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(unreadable)?;
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(unreadable)?;
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
        MIGRATIONS
            .to_latest(&mut self.conn)
            .map_err(|source| StoreError::Migration {
                path: self.path.clone(),
                source,
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

    /// Writes a consistent copy of the journal to `target` (mode 0600).
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        let io_err = |source| StoreError::Io {
            path: target.to_owned(),
            source,
        };
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(target)
            .map_err(io_err)?;
        fs::set_permissions(target, fs::Permissions::from_mode(0o600)).map_err(io_err)?;
        self.conn
            .backup(rusqlite::MAIN_DB, target, None)
            .map_err(|source| StoreError::Sqlite {
                path: target.to_owned(),
                source,
            })
    }

    // ----- profile -----

    pub fn profile(&self) -> Result<Option<Profile>> {
        self.conn
            .query_row(
                "SELECT leg, injury_date, clot_history, cancer FROM profile WHERE id = 1",
                [],
                rows::profile,
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    pub fn save_profile(&self, profile: &Profile) -> Result<()> {
        save_profile(&self.conn, profile).map_err(|e| self.sql(e))
    }

    // ----- check-ins -----

    /// Saves a check-in, replacing that date and leg's entry whole.
    pub fn save_checkin(&self, checkin: &CheckIn) -> Result<()> {
        save_checkin(&self.conn, checkin).map_err(|e| self.sql(e))
    }

    pub fn checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {} FROM checkin WHERE date = ?1 AND leg = ?2",
                    rows::CHECKIN_COLUMNS
                ),
                params![date, leg.name()],
                rows::checkin,
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Check-ins dated `from..=to`, by date then leg.
    pub fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        let sql = format!(
            "SELECT {} FROM checkin WHERE date BETWEEN ?1 AND ?2 ORDER BY date, leg",
            rows::CHECKIN_COLUMNS
        );
        self.collect(&sql, params![from, to], rows::checkin)
    }

    /// Every check-in, by date then leg.
    pub fn all_checkins(&self) -> Result<Vec<CheckIn>> {
        self.checkins_between(FIRST_DAY, LAST_DAY)
    }

    /// The newest check-in of `leg` dated before `date` ("copy yesterday").
    pub fn previous_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        let sql = format!(
            "SELECT {} FROM checkin WHERE leg = ?1 AND date < ?2 ORDER BY date DESC LIMIT 1",
            rows::CHECKIN_COLUMNS
        );
        self.conn
            .query_row(&sql, params![leg.name(), date], rows::checkin)
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Deletes an entry and returns it, so the caller can offer undo.
    pub fn delete_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        let existing = self.checkin(date, leg)?;
        if existing.is_some() {
            self.conn
                .execute(
                    "DELETE FROM checkin WHERE date = ?1 AND leg = ?2",
                    params![date, leg.name()],
                )
                .map_err(|e| self.sql(e))?;
        }
        Ok(existing)
    }

    /// Distinct dates with any check-in, newest first, not after `to`.
    pub fn checkin_dates_until(&self, to: NaiveDate, limit: usize) -> Result<Vec<NaiveDate>> {
        self.collect(
            "SELECT DISTINCT date FROM checkin WHERE date <= ?1 ORDER BY date DESC LIMIT ?2",
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
        save_exercise(&self.conn, exercise).map_err(|e| self.sql(e))
    }

    pub fn plan(&self) -> Result<Vec<PlanEntry>> {
        self.collect(
            "SELECT exercise, dose, active FROM plan ORDER BY exercise",
            [],
            rows::plan_entry,
        )
    }

    pub fn save_plan_entry(&self, entry: &PlanEntry) -> Result<()> {
        save_plan_entry(&self.conn, entry).map_err(|e| self.sql(e))
    }

    pub fn remove_plan_entry(&self, exercise: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM plan WHERE exercise = ?1", [exercise])
            .map(|_| ())
            .map_err(|e| self.sql(e))
    }

    /// Records an exercise as done, replacing that day's record of it.
    pub fn save_completion(&self, completion: &Completion) -> Result<()> {
        save_completion(&self.conn, completion).map_err(|e| self.sql(e))
    }

    pub fn delete_completion(&self, date: NaiveDate, exercise: &str) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM completion WHERE date = ?1 AND exercise = ?2",
                params![date, exercise],
            )
            .map(|_| ())
            .map_err(|e| self.sql(e))
    }

    pub fn completions_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Completion>> {
        self.collect(
            "SELECT date, exercise, sets, pain FROM completion WHERE date BETWEEN ?1 AND ?2 ORDER BY date, exercise",
            params![from, to],
            rows::completion,
        )
    }

    /// Records a capacity test, replacing the same day, leg and test.
    pub fn save_test(&self, test: &CapacityTest) -> Result<()> {
        save_test(&self.conn, test).map_err(|e| self.sql(e))
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
        save_phase_change(&self.conn, change).map_err(|e| self.sql(e))
    }

    // ----- whole journal -----

    /// Everything in the journal, in canonical order.
    pub fn export(&self) -> Result<Journal> {
        let mut journal = Journal {
            profile: self.profile()?,
            checkins: self.all_checkins()?,
            completions: self.completions_between(FIRST_DAY, LAST_DAY)?,
            capacity_tests: self.tests_between(FIRST_DAY, LAST_DAY)?,
            plan: self.plan()?,
            exercises: self.custom_exercises()?,
            acknowledgements: self.acknowledgements()?,
            phases: self.phase_changes()?,
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
    pub fn import(&mut self, journal: &Journal) -> Result<ImportSummary> {
        let path = self.path.clone();
        let sql_err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql_err)?;
        let summary = import_into(&tx, journal).map_err(sql_err)?;
        tx.commit().map_err(sql_err)?;
        Ok(summary)
    }

    /// True when the journal holds no entries of any kind (a fresh file).
    pub fn has_no_entries(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM checkin) AND NOT EXISTS (SELECT 1 FROM completion)
                    AND NOT EXISTS (SELECT 1 FROM capacity_test)",
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

/// Reads the first 100 bytes: the SQLite magic and nothing else decides
/// whether SQLite may open the file at all. An empty file counts as new.
fn check_header(path: &Path) -> Result<()> {
    let io_err = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = fs::File::open(path).map_err(io_err)?;
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header).map_err(io_err)?;
    if header.is_empty() {
        return Ok(());
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(StoreError::NotAJournal {
            path: path.to_owned(),
            reason: "it is not an SQLite database".to_owned(),
        });
    }
    Ok(())
}

fn save_profile(conn: &Connection, p: &Profile) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO profile (id, leg, injury_date, clot_history, cancer) VALUES (1, ?1, ?2, ?3, ?4)",
    )?
    .execute(params![p.leg.name(), p.injury_date, p.clot_history, p.cancer])
    .map(|_| ())
}

fn save_checkin(conn: &Connection, c: &CheckIn) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO checkin (date, leg, pain_rest, pain_walk, pain_run, tightness, morning,
            symptoms, run_km, run_min, cross_min, note, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, strftime('%Y-%m-%dT%H:%M:%S', 'now'))",
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
        c.run_km,
        c.run_min,
        c.cross_min,
        c.note,
    ])
    .map(|_| ())
}

fn save_exercise(conn: &Connection, e: &Exercise) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO exercise (id, name, muscle, phases, kind, dose, how_to, caution)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
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
    ])
    .map(|_| ())
}

fn save_plan_entry(conn: &Connection, p: &PlanEntry) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO plan (exercise, dose, active) VALUES (?1, ?2, ?3)")?
        .execute(params![p.exercise, p.dose, p.active])
        .map(|_| ())
}

fn save_completion(conn: &Connection, c: &Completion) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO completion (date, exercise, sets, pain) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![c.date, c.exercise, c.sets, c.pain.map(|s| s.value())])
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

fn import_into(tx: &Transaction, j: &Journal) -> rusqlite::Result<ImportSummary> {
    let mut s = ImportSummary::default();
    if let Some(profile) = &j.profile {
        let existing = tx
            .query_row(
                "SELECT leg, injury_date, clot_history, cancer FROM profile",
                [],
                rows::profile,
            )
            .optional()?;
        merge(&mut s, existing, profile, || save_profile(tx, profile))?;
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
    let checkin_sql = format!(
        "SELECT {} FROM checkin WHERE date = ?1 AND leg = ?2",
        rows::CHECKIN_COLUMNS
    );
    for c in &j.checkins {
        let existing = tx
            .prepare_cached(&checkin_sql)?
            .query_row(params![c.date, c.leg.name()], rows::checkin)
            .optional()?;
        merge(&mut s, existing, c, || save_checkin(tx, c))?;
    }
    for c in &j.completions {
        let existing = tx
            .prepare_cached("SELECT date, exercise, sets, pain FROM completion WHERE date = ?1 AND exercise = ?2")?
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
            .prepare_cached("SELECT exercise, dose, active FROM plan WHERE exercise = ?1")?
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
    for p in &j.phases {
        let existing = tx
            .prepare_cached("SELECT date, phase FROM phase_change WHERE date = ?1")?
            .query_row([p.date], rows::phase_change)
            .optional()?;
        merge(&mut s, existing, p, || save_phase_change(tx, p))?;
    }
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
    fn migrations_validate() {
        MIGRATIONS.validate().unwrap();
        assert_eq!(latest_schema_version(), 2);
    }

    #[test]
    fn previous_checkin_uses_the_leg_index() {
        let store = Store::open_in_memory().unwrap();
        let plan: String = store
            .conn
            .query_row(
                &format!(
                    "EXPLAIN QUERY PLAN SELECT {} FROM checkin WHERE leg = ?1 AND date < ?2 ORDER BY date DESC LIMIT 1",
                    rows::CHECKIN_COLUMNS
                ),
                params!["left", "2026-06-01"],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("checkin_by_leg"), "{plan}");
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
    fn import_merges_and_is_idempotent() {
        let mut store = Store::open_in_memory().unwrap();
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
