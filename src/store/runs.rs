//! Runs: imported from the watch, or typed with a check-in.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, rows};
use crate::domain::{Leg, Run};

/// Imported runs (typed ones come with their check-ins).
const SQL_IMPORTED_RUNS_BETWEEN: &str =
    "SELECT id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg
     FROM run WHERE date BETWEEN ?1 AND ?2 AND source <> 'manual' ORDER BY date, start";
/// An imported run that started within a minute and a half of ?1 (one
/// activity in two files, or in a file and a CSV, differs by a second or so).
const SQL_RUN_NEAR_START: &str = "SELECT id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg
     FROM run WHERE start BETWEEN ?1 AND ?2 ORDER BY start LIMIT 1";

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
pub(super) fn run_near(conn: &Connection, start: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<Option<Run>> {
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
