//! What came of a warning (see docs/clinical-rules.md, open warnings and
//! outcomes).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, rows};
use crate::domain::{Leg, Outcome};

impl Store {
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
}

pub(super) fn save_outcome(conn: &Connection, o: &Outcome) -> rusqlite::Result<()> {
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

pub(super) fn find_outcome(
    conn: &Connection,
    rule: &str,
    leg: Leg,
    date: NaiveDate,
) -> rusqlite::Result<Option<Outcome>> {
    conn.prepare_cached(&format!(
        "SELECT {} FROM outcome WHERE rule = ?1 AND leg = ?2 AND date = ?3",
        rows::OUTCOME_COLUMNS
    ))?
    .query_row(params![rule, leg.name(), date], rows::outcome)
    .optional()
}
