//! Runs: imported from the watch, or typed with a check-in.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, rows, unreadable};
use crate::domain::{Leg, Run};

/// What [`Store::delete_run`] took away.
#[derive(Debug, Clone, PartialEq)]
pub enum GoneRun {
    Run(Run),
    /// A row that could not be read (a value no soleus path writes).
    Unreadable,
}

/// Imported runs (typed ones come with their check-ins).
const SQL_IMPORTED_RUNS_BETWEEN: &str =
    "SELECT id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg, running_s
     FROM run WHERE date BETWEEN ?1 AND ?2 AND source <> 'manual' ORDER BY date, start";
/// An imported run that started within a minute and a half of ?1 (one
/// activity in two files, or in a file and a CSV, differs by a second or so).
const SQL_RUN_NEAR_START: &str =
    "SELECT id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg, running_s
     FROM run WHERE start BETWEEN ?1 AND ?2 ORDER BY start LIMIT 1";
/// A deleted run, in the column order of [`rows::run`] (`leg` is always
/// NULL: only imported runs are kept when deleted).
const DELETED_COLUMNS: &str = "id, date, start, km, moving_s, climb_m, source, source_id, intervals, NULL, running_s";
/// The ID of a deleted run that started within a minute and a half of ?1.
const SQL_DELETED_NEAR_START: &str = "SELECT id FROM run_deleted WHERE start BETWEEN ?1 AND ?2 ORDER BY start LIMIT 1";

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
    /// The IDs of the runs not written because the user deleted a run that
    /// started at the same time (`soleus runs restore ID` puts one back).
    pub deleted_earlier: Vec<i64>,
}

impl Store {
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

    /// A deleted imported run, by the ID it had.
    pub fn deleted_run(&self, id: i64) -> Result<Option<Run>> {
        self.conn
            .prepare_cached(&format!("SELECT {DELETED_COLUMNS} FROM run_deleted WHERE id = ?1"))
            .and_then(|mut stmt| stmt.query_row([id], rows::run).optional())
            .map_err(|e| self.sql(e))
    }

    /// Deletes one run and returns it. Deleting a typed run empties its
    /// check-in's run fields (the check-in itself stays); an imported run is
    /// kept in `run_deleted`, so importing its file again does not bring it
    /// back and `soleus runs restore ID` can. A run whose row cannot be read
    /// (docs/storage.md, "Values already in the file") is deleted as it
    /// is, with no copy kept: what it holds is not a run soleus can show.
    pub fn delete_run(&self, id: i64) -> Result<Option<GoneRun>> {
        let tx = self.begin_write()?;
        let found = self
            .conn
            .prepare_cached(&format!("SELECT {} FROM run WHERE id = ?1", rows::RUN_COLUMNS))
            .and_then(|mut stmt| stmt.query_row([id], rows::run).optional());
        let existing = match found {
            Ok(run) => run,
            Err(e) if unreadable::is_unreadable(&e) => {
                self.conn
                    .execute("DELETE FROM run WHERE id = ?1", [id])
                    .map_err(|e| self.sql(e))?;
                tx.commit()?;
                return Ok(Some(GoneRun::Unreadable));
            }
            Err(e) => return Err(self.sql(e)),
        };
        if let Some(run) = &existing {
            let keep = || -> rusqlite::Result<()> {
                if run.source != crate::domain::RunSource::Manual {
                    self.conn.execute(
                        "INSERT OR REPLACE INTO run_deleted
                         (id, date, start, km, moving_s, running_s, climb_m, source, source_id, intervals, deleted_at)
                         SELECT id, date, start, km, moving_s, running_s, climb_m, source, source_id, intervals,
                                strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                         FROM run WHERE id = ?1",
                        [id],
                    )?;
                }
                self.conn.execute("DELETE FROM run WHERE id = ?1", [id]).map(|_| ())
            };
            keep().map_err(|e| self.sql(e))?;
        }
        tx.commit()?;
        Ok(existing.map(GoneRun::Run))
    }

    /// Writes imported runs in one transaction, skipping each that started
    /// within [`SAME_START_SECONDS`] of a run already in the journal (or
    /// earlier in `runs`), and each that the user deleted (a start kept in
    /// `run_deleted`). A run that carries an `id` is a deleted run put back:
    /// it is written under that ID and leaves `run_deleted` (a run read from
    /// a file never has one). The caller validates them first.
    pub fn add_runs(&self, runs: &[Run]) -> Result<RunsAdded> {
        let tx = self.begin_write()?;
        let write = || -> rusqlite::Result<RunsAdded> {
            let mut summary = RunsAdded::default();
            for run in runs {
                if let Some(id) = run.id {
                    if restore_run(&self.conn, id, run)? {
                        summary.added.push(id);
                    }
                    continue;
                }
                let Some(start) = run.start else {
                    summary.added.push(insert_run(&self.conn, run)?);
                    continue;
                };
                if run_near(&self.conn, start)?.is_some() {
                    summary.duplicates += 1;
                } else if let Some(id) = deleted_near(&self.conn, start)? {
                    summary.deleted_earlier.push(id);
                } else {
                    summary.added.push(insert_run(&self.conn, run)?);
                }
            }
            Ok(summary)
        };
        let summary = write().map_err(|e| self.sql(e))?;
        super::fault_point("runs import");
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
}

pub(super) fn insert_run(conn: &Connection, r: &Run) -> rusqlite::Result<i64> {
    insert_with_id(conn, None, r)
}

/// Inserts `r`, under `id` when given (a restore), else under a new one.
fn insert_with_id(conn: &Connection, id: Option<i64>, r: &Run) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO run (id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg, running_s)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        r.date,
        r.start.map(|s| s.format(rows::START_FORMAT).to_string()),
        r.km,
        r.moving_s,
        r.climb_m,
        r.source.name(),
        r.source_id,
        r.intervals.map(|i| i.to_string()),
        r.leg.map(Leg::name),
        r.running_s,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Puts the deleted run `id` back as `r` (what [`Store::deleted_run`]
/// read), unless it is no longer deleted or a run with its start came in
/// since. True when it was put back.
fn restore_run(conn: &Connection, id: i64, r: &Run) -> rusqlite::Result<bool> {
    let deleted = conn
        .prepare_cached("SELECT 1 FROM run_deleted WHERE id = ?1")?
        .exists([id])?;
    let taken = match r.start {
        Some(start) => run_near(conn, start)?.is_some(),
        None => true,
    };
    if !deleted || taken {
        return Ok(false);
    }
    insert_with_id(conn, Some(id), r)?;
    conn.execute("DELETE FROM run_deleted WHERE id = ?1", [id])?;
    Ok(true)
}

/// The ID of a deleted run that started within [`SAME_START_SECONDS`] of `start`.
fn deleted_near(conn: &Connection, start: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<Option<i64>> {
    let (from, to) = window(start);
    conn.prepare_cached(SQL_DELETED_NEAR_START)?
        .query_row(params![from, to], |row| row.get(0))
        .optional()
}

/// The start times [`SAME_START_SECONDS`] either side of `start`, as stored.
fn window(start: chrono::DateTime<chrono::Utc>) -> (Option<String>, Option<String>) {
    let window = chrono::TimeDelta::seconds(SAME_START_SECONDS);
    let text = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.format(rows::START_FORMAT).to_string());
    (
        text(start.checked_sub_signed(window)),
        text(start.checked_add_signed(window)),
    )
}

/// The imported run that started within [`SAME_START_SECONDS`] of `start`.
pub(super) fn run_near(conn: &Connection, start: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<Option<Run>> {
    let (from, to) = window(start);
    conn.prepare_cached(SQL_RUN_NEAR_START)?
        .query_row(params![from, to], rows::run)
        .optional()
}
