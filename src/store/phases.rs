//! Acknowledged warnings and the phase moves of the plan.

use rusqlite::{Connection, params};

use super::{Result, Store, rows};
use crate::domain::{Acknowledgement, PhaseChange};

impl Store {
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
}

pub(super) fn save_acknowledgement(conn: &Connection, a: &Acknowledgement) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO acknowledgement (rule, leg, date, acknowledged_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![a.rule, a.leg.name(), a.date, a.acknowledged_at])
    .map(|_| ())
}

pub(super) fn save_phase_change(conn: &Connection, p: &PhaseChange) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO phase_change (date, phase) VALUES (?1, ?2)")?
        .execute(params![p.date, p.phase])
        .map(|_| ())
}
