//! The exercise plan and its history, the user's own exercises, what was
//! done of them (completions) and the heel-raise capacity tests.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::phases::save_phase_change;
use super::{Result, Store, WriteTransaction, rows};
use crate::domain::{
    CapacityTest, Catalogue, Completion, Exercise, ExerciseTag, Leg, PhaseChange, PlanEntry, PlanSpan, TestKind,
};

// The queries behind the first frame and every reload. A test in mod.rs
// (`hot_queries_use_indexes`) checks that SQLite answers each from an
// index, never by scanning a whole table.
const SQL_LATEST_TEST: &str = "SELECT date, leg, test, reps FROM capacity_test
     WHERE leg = ?1 AND test = ?2 AND date <= ?3 ORDER BY date DESC LIMIT 1";
pub(super) const SQL_COMPLETIONS_BETWEEN: &str =
    "SELECT date, exercise, sets, pain, sessions FROM completion WHERE date BETWEEN ?1 AND ?2 ORDER BY date, exercise";

impl Store {
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
        let first = self
            .conn
            .query_row(
                "SELECT min(d) FROM (SELECT min(date) AS d FROM checkin UNION ALL SELECT min(date) FROM completion)",
                [],
                |r| r.get::<_, Option<NaiveDate>>(0),
            )
            .map_err(|e| self.sql(e));
        match first {
            // The first date is not a date (30 February, written by another
            // program): the first that is, the slow way.
            Err(super::StoreError::Corrupt { .. }) => self
                .conn
                .query_row(
                    "SELECT min(d) FROM (SELECT date AS d FROM checkin UNION ALL SELECT date FROM completion)
                     WHERE date(d, '+0 days') IS d",
                    [],
                    |r| r.get::<_, Option<NaiveDate>>(0),
                )
                .map_err(|e| self.sql(e)),
            other => other,
        }
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
                let found = self.one(
                    SQL_LATEST_TEST,
                    params![leg.name(), test.name(), date],
                    rows::capacity_test,
                )?;
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
}

pub(super) fn save_exercise(conn: &Connection, e: &Exercise) -> rusqlite::Result<()> {
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

pub(super) fn save_plan_entry(conn: &Connection, p: &PlanEntry) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO plan (exercise, dose, active, per_day) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![p.exercise, p.dose, p.active, p.per_day])
        .map(|_| ())
}

pub(super) fn save_completion(conn: &Connection, c: &Completion) -> rusqlite::Result<()> {
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

pub(super) fn save_plan_span(conn: &Connection, s: &PlanSpan) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO plan_span (exercise, start, end, dose, per_day) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![s.exercise, s.start, s.end, s.dose, s.per_day])
    .map(|_| ())
}

pub(super) fn save_test(conn: &Connection, t: &CapacityTest) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO capacity_test (date, leg, test, reps) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![t.date, t.leg.name(), t.test.name(), t.reps])
        .map(|_| ())
}
