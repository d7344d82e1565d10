//! Check-ins: one entry per date and leg, with its typed run.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::unreadable::absent_if_unreadable;
use super::{Result, Store, in_savepoint, rows};
use crate::domain::{CheckIn, Leg, Run};

// The queries behind the first frame and every reload. A test in mod.rs
// (`hot_queries_use_indexes`) checks that SQLite answers each from an
// index, never by scanning a whole table.
const SQL_CHECKIN: &str = concat!(rows::checkin_select!(), " WHERE c.date = ?1 AND c.leg = ?2");
pub(super) const SQL_CHECKINS_BETWEEN: &str = concat!(
    rows::checkin_select!(),
    " WHERE c.date BETWEEN ?1 AND ?2 ORDER BY c.date, c.leg"
);
pub(super) const SQL_PREVIOUS_CHECKIN: &str = concat!(
    rows::checkin_select!(),
    " WHERE c.leg = ?1 AND c.date < ?2 ORDER BY c.date DESC LIMIT 1"
);
pub(super) const SQL_LEG_HAS_CHECKINS_BEFORE: &str = "SELECT 1 FROM checkin WHERE leg = ?1 AND date < ?2 LIMIT 1";
pub(super) const SQL_CHECKIN_DATES_UNTIL: &str =
    "SELECT DISTINCT date FROM checkin WHERE date <= ?1 ORDER BY date DESC LIMIT ?2";
// Whole tables for export: no date filter, so a row whose date is not
// YYYY-MM-DD text is read (and refused by name) instead of skipped.
const SQL_ALL_CHECKINS: &str = concat!(rows::checkin_select!(), " ORDER BY c.date, c.leg");

impl Store {
    /// Saves a check-in, replacing that date and leg's entry whole.
    pub fn save_checkin(&self, checkin: &CheckIn) -> Result<()> {
        self.check_identity()?;
        save_checkin(&self.conn, checkin).map_err(|e| self.sql(e))?;
        self.forget("checkin", &format!("check-in of {} {}", checkin.date, checkin.leg));
        Ok(())
    }

    /// The entry of `date` and `leg`; one stored that cannot be read is
    /// left out (see [`Store::left_out`]), so that a new one can replace it.
    pub fn checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        self.one(SQL_CHECKIN, params![date, leg.name()], rows::checkin)
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
        self.one(SQL_PREVIOUS_CHECKIN, params![leg.name(), date], rows::checkin)
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

    /// True when the journal has a check-in of `leg` dated before `date`:
    /// the history loader's cue to read further back. One index look-up.
    pub fn has_checkins_before(&self, leg: Leg, date: NaiveDate) -> Result<bool> {
        self.conn
            .prepare_cached(SQL_LEG_HAS_CHECKINS_BEFORE)
            .and_then(|mut stmt| stmt.query_row(params![leg.name(), date], |_| Ok(())).optional())
            .map(|found| found.is_some())
            .map_err(|e| self.sql(e))
    }
}

/// A check-in and its typed run (kept in the run table, as a manual run
/// of that date and leg, with the same row id when it is edited).
pub(super) fn save_checkin(conn: &Connection, c: &CheckIn) -> rusqlite::Result<()> {
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

/// The entry about to be written over (one stored that cannot be read
/// counts as none, and the write replaces it).
pub(super) fn find_checkin(conn: &Connection, date: NaiveDate, leg: Leg) -> rusqlite::Result<Option<CheckIn>> {
    absent_if_unreadable(
        conn.prepare_cached(SQL_CHECKIN)?
            .query_row(params![date, leg.name()], rows::checkin)
            .optional(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::{day, sample};

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
}
