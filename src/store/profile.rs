//! The profile: the injured leg, the injury date and the facts the rules read.

use rusqlite::{Connection, OptionalExtension, params};

use super::unreadable::absent_if_unreadable;
use super::{Result, Store, rows};
use crate::domain::Profile;

impl Store {
    pub fn profile(&self) -> Result<Option<Profile>> {
        self.one(SQL_PROFILE, [], rows::profile)
    }

    pub fn save_profile(&self, profile: &Profile) -> Result<()> {
        self.check_identity()?;
        save_profile(&self.conn, profile).map_err(|e| self.sql(e))
    }
}

pub(super) fn save_profile(conn: &Connection, p: &Profile) -> rusqlite::Result<()> {
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

const SQL_PROFILE: &str =
    "SELECT leg, injury_date, clot_history, cancer, baseline_km, clot_risk, blood_thinners FROM profile WHERE id = 1";

/// The profile about to be written over (a stored one that cannot be read
/// counts as none).
pub(super) fn find_profile(conn: &Connection) -> rusqlite::Result<Option<Profile>> {
    absent_if_unreadable(
        conn.prepare_cached(SQL_PROFILE)?
            .query_row([], rows::profile)
            .optional(),
    )
}
