//! The whole journal at once: export, import (merge) and replace.

use rusqlite::{Connection, OptionalExtension, params};

use super::checkins::{find_checkin, save_checkin};
use super::outcomes::{find_outcome, save_outcome};
use super::phases::{save_acknowledgement, save_phase_change};
use super::plan::{save_completion, save_exercise, save_plan_entry, save_plan_span, save_test};
use super::profile::{find_profile, save_profile};
use super::runs::{insert_run, run_near};
use super::unreadable::absent_if_unreadable;
use super::{Result, Store, rows};
use crate::domain::{Journal, Run};
use chrono::NaiveDate;

// Whole tables for export: no date filter, so a row whose date is not
// YYYY-MM-DD text is read (and refused by name) instead of skipped.
const SQL_ALL_COMPLETIONS: &str = "SELECT date, exercise, sets, pain, sessions FROM completion ORDER BY date, exercise";
const SQL_ALL_TESTS: &str = "SELECT date, leg, test, reps FROM capacity_test ORDER BY date, leg, test";

/// What `import` did, so the user sees that nothing changed silently.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// What the import changed in the active plan (see [`PlanDiff`]).
    pub plan: PlanDiff,
    /// True when the journal had no entries, so the file's plan and plan
    /// history took the place of the default plan instead of joining it.
    pub plan_taken: bool,
}

/// The active plan before and after an import, by exercise id.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PlanDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Still in the plan, with another dose or sessions a day.
    pub changed: Vec<String>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    fn between(before: &[(String, String, i64)], after: &[(String, String, i64)]) -> PlanDiff {
        let find = |list: &[(String, String, i64)], id: &str| list.iter().find(|(e, _, _)| e == id).cloned();
        PlanDiff {
            added: after
                .iter()
                .filter(|(e, _, _)| find(before, e).is_none())
                .map(|(e, _, _)| e.clone())
                .collect(),
            removed: before
                .iter()
                .filter(|(e, _, _)| find(after, e).is_none())
                .map(|(e, _, _)| e.clone())
                .collect(),
            changed: after
                .iter()
                .filter(|a| find(before, &a.0).is_some_and(|b| b != **a))
                .map(|(e, _, _)| e.clone())
                .collect(),
        }
    }
}

/// The active plan as (exercise, dose, sessions a day), by exercise id.
fn active_plan(tx: &Connection) -> rusqlite::Result<Vec<(String, String, i64)>> {
    tx.prepare_cached("SELECT exercise, dose, per_day FROM plan WHERE active = 1 ORDER BY exercise")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

/// True when the journal holds no entries of any kind.
fn no_entries(tx: &Connection) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM checkin) AND NOT EXISTS (SELECT 1 FROM completion)
            AND NOT EXISTS (SELECT 1 FROM capacity_test) AND NOT EXISTS (SELECT 1 FROM run)",
        [],
        |r| r.get(0),
    )
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

impl Store {
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
        // What could not be read goes along as it is stored, marked.
        journal.unreadable = self.left_out();
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
        super::fault_point("import");
        tx.commit()?;
        Ok(summary)
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
        super::fault_point("import");
        tx.commit()?;
        Ok(summary)
    }

    /// True when the journal holds no entries of any kind (a fresh file).
    pub fn has_no_entries(&self) -> Result<bool> {
        no_entries(&self.conn).map_err(|e| self.sql(e))
    }
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

fn import_into(tx: &Connection, j: &Journal) -> rusqlite::Result<ImportSummary> {
    let mut s = ImportSummary::default();
    let before = active_plan(tx)?;
    // A journal with no entries yet holds only the default plan: a restore
    // into it gives the export's plan and plan history, not the default plan
    // plus the export's (an exercise the user had removed would come back and
    // count in adherence).
    // Only what the file does not hold goes, so importing the same file
    // again changes nothing.
    if !j.plan.is_empty() && no_entries(tx)? {
        let mut gone = 0;
        let ids: Vec<String> = tx
            .prepare("SELECT exercise FROM plan")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids.iter().filter(|id| !j.plan.iter().any(|p| &p.exercise == *id)) {
            gone += tx.execute("DELETE FROM plan WHERE exercise = ?1", [id])?;
        }
        if !j.plan_history.is_empty() {
            let spans: Vec<(String, NaiveDate)> = tx
                .prepare("SELECT exercise, start FROM plan_span")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (exercise, start) in spans {
                if !j
                    .plan_history
                    .iter()
                    .any(|h| h.exercise == exercise && h.start == start)
                {
                    gone += tx.execute(
                        "DELETE FROM plan_span WHERE exercise = ?1 AND start = ?2",
                        params![exercise, start],
                    )?;
                }
            }
        }
        s.plan_taken = gone > 0;
    }
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
            .optional();
        let existing = absent_if_unreadable(existing)?;
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
            .optional();
        let existing = absent_if_unreadable(existing)?;
        merge(&mut s, existing, c, || save_completion(tx, c))?;
    }
    for t in &j.capacity_tests {
        let existing = tx
            .prepare_cached(
                "SELECT date, leg, test, reps FROM capacity_test WHERE date = ?1 AND leg = ?2 AND test = ?3",
            )?
            .query_row(params![t.date, t.leg.name(), t.test.name()], rows::capacity_test)
            .optional();
        let existing = absent_if_unreadable(existing)?;
        merge(&mut s, existing, t, || save_test(tx, t))?;
    }
    for p in &j.plan {
        let existing = tx
            .prepare_cached("SELECT exercise, dose, active, per_day FROM plan WHERE exercise = ?1")?
            .query_row([&p.exercise], rows::plan_entry)
            .optional();
        let existing = absent_if_unreadable(existing)?;
        merge(&mut s, existing, p, || save_plan_entry(tx, p))?;
    }
    for a in &j.acknowledgements {
        let existing = tx
            .prepare_cached(
                "SELECT rule, leg, date, acknowledged_at FROM acknowledgement WHERE rule = ?1 AND leg = ?2 AND date = ?3",
            )?
            .query_row(params![a.rule, a.leg.name(), a.date], rows::acknowledgement)
            .optional();
        let existing = absent_if_unreadable(existing)?;
        merge(&mut s, existing, a, || save_acknowledgement(tx, a))?;
    }
    for o in &j.outcomes {
        let existing = absent_if_unreadable(find_outcome(tx, &o.rule, o.leg, o.date))?;
        merge(&mut s, existing, o, || save_outcome(tx, o))?;
    }
    for p in &j.phases {
        let existing = tx
            .prepare_cached("SELECT date, phase FROM phase_change WHERE date = ?1")?
            .query_row([p.date], rows::phase_change)
            .optional();
        let existing = absent_if_unreadable(existing)?;
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
            .optional();
        let existing = absent_if_unreadable(existing)?;
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
    s.plan = PlanDiff::between(&before, &active_plan(tx)?);
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_diff_names_what_came_went_and_changed() {
        let e = |id: &str, dose: &str, per_day: i64| (id.to_owned(), dose.to_owned(), per_day);
        let before = [e("ankle-pumps", "10", 1), e("wall-stretch", "3 x 30 s", 1)];
        let after = [e("towel-stretch", "3 x 30 s", 1), e("wall-stretch", "3 x 30 s", 2)];
        let diff = PlanDiff::between(&before, &after);
        assert_eq!(diff.added, ["towel-stretch"]);
        assert_eq!(diff.removed, ["ankle-pumps"]);
        assert_eq!(diff.changed, ["wall-stretch"]);
        assert!(PlanDiff::between(&before, &before).is_empty());
    }
    use crate::domain::{Leg, Score};
    use crate::store::tests::{day, sample};

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
