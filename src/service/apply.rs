//! The one write path: [`apply`] carries out a [`Change`] in one
//! `BEGIN IMMEDIATE` transaction with the rules that go with it (a second
//! session counts up to the sessions a day, a pain score keeps them, an
//! outcome needs an active warning), and [`inverse`] reads what `u` needs to
//! put the journal back.

use chrono::NaiveDate;

use crate::clinical::{self, Flag, RuleId};
use crate::domain::{self, CheckIn, CheckInInput, Completion, Leg, Outcome, OutcomeResult, Profile, ValidationError};
use crate::store::{Store, StoreError};

use super::change::{Applied, Change, ChangeError, Conflict, Expected, ProfilePatch, Stored};
use super::read::HistoryWindow;

/// Applies `change` as of `today`, all or nothing: a refusal or a failure
/// in the middle rolls back whatever was written before it.
pub fn apply(store: &Store, change: &Change, today: NaiveDate) -> Result<Applied, ChangeError> {
    if let Change::Replace { journal, confirmed } = change {
        // The backup is a whole copy of the file: written before the
        // replacing transaction, which takes the journal's write lock.
        return replace(store, journal, *confirmed, today);
    }
    let tx = store.begin_write()?;
    let applied = apply_inside(store, change, today)?;
    tx.commit()?;
    Ok(applied)
}

fn apply_inside(store: &Store, change: &Change, today: NaiveDate) -> Result<Applied, ChangeError> {
    Ok(match change {
        Change::SaveCheckin(entry) => save_checkin(store, entry.clone())?,
        Change::UpdateCheckin { date, leg, given } => {
            let Some(old) = store.checkin(*date, *leg)? else {
                return Err(ValidationError::new(
                    "update",
                    &format!("an existing {leg} calf check-in for {date} (save one first without --update)"),
                    "no entry",
                )
                .into());
            };
            let entry = CheckInInput::from_checkin(&old)
                .updated_with(given.clone())
                .validate(*date, *leg, today)?;
            save_checkin(store, entry)?
        }
        Change::DeleteCheckin(date, leg) => Applied::DeletedCheckin(store.delete_checkin(*date, *leg)?),
        Change::Profile(profile) => {
            let before = store.profile()?;
            store.save_profile(profile)?;
            Applied::Profile {
                before,
                after: profile.clone(),
            }
        }
        Change::UpdateProfile(patch) => update_profile(store, patch)?,
        Change::Completion { date, exercise, done } => match done {
            Some((sets, pain)) => {
                let pain = pain.and_then(|p| domain::Score::new("pain", i64::from(p)).ok());
                // A pain score on a second session keeps the sessions.
                let sessions = day_completion(store, *date, exercise)?.map_or(1, |c| c.sessions);
                let completion = Completion {
                    date: *date,
                    exercise: exercise.clone(),
                    sets: *sets,
                    pain,
                    sessions,
                };
                save_completion(store, completion, today)?
            }
            None => {
                store.delete_completion(*date, exercise)?;
                Applied::Done
            }
        },
        Change::Session {
            date,
            exercise,
            sets,
            pain,
        } => {
            let per_day = sessions_a_day(store, exercise)?;
            let sessions = match day_completion(store, *date, exercise)? {
                Some(c) if c.sessions < per_day => c.sessions + 1,
                Some(c) => c.sessions,
                None => 1,
            };
            let completion = Completion {
                date: *date,
                exercise: exercise.clone(),
                sets: *sets,
                pain: *pain,
                sessions,
            };
            save_completion(store, completion, today)?
        }
        Change::Done(completion) => {
            store.save_completion(completion)?;
            Applied::Completion(completion.clone())
        }
        Change::Plan(entry) => {
            store.save_plan_entry(entry, today)?;
            Applied::Done
        }
        Change::NewExercise(exercise) => {
            store.add_exercise(exercise, today)?;
            Applied::Done
        }
        Change::SaveExercise(exercise) => {
            store.save_exercise(exercise)?;
            Applied::Done
        }
        Change::RemoveFromPlan(id) => {
            store.remove_plan_entry(id, today)?;
            Applied::Done
        }
        Change::PlanChanges { save, remove, phase } => {
            store.change_plan(save, remove, phase.as_ref(), today)?;
            Applied::Done
        }
        Change::Tests(tests) => {
            for test in tests {
                store.save_test(test)?;
            }
            Applied::Done
        }
        Change::Phase(phase) => {
            store.save_phase_change(phase)?;
            Applied::Done
        }
        Change::Acknowledge(ack) => {
            store.acknowledge(ack)?;
            Applied::Done
        }
        Change::Outcome {
            rule,
            leg,
            result,
            date,
            note,
        } => Applied::Closed(vec![record_outcome(store, *rule, *leg, *result, *date, note.clone())?]),
        Change::OutcomeAll {
            leg,
            result,
            date,
            note,
        } => Applied::Closed(record_outcome_all(store, *leg, *result, *date, note.clone())?),
        Change::DeleteOutcome { rule, leg, date } => {
            store.delete_outcome(rule.id(), *leg, *date)?;
            Applied::Done
        }
        Change::DeleteOutcomes(keys) => {
            for (rule, leg, date) in keys {
                store.delete_outcome(rule.id(), *leg, *date)?;
            }
            Applied::Done
        }
        Change::AddRuns(runs) => Applied::Runs(store.add_runs(runs)?),
        Change::DeleteRun(id) => Applied::DeletedRun(store.delete_run(*id)?),
        Change::Import(journal) => import(store, journal)?,
        Change::Demo(journal) => {
            if !store.has_no_entries()? {
                return Err(ValidationError::new(
                    "db",
                    "an empty journal (demo never mixes with real entries; pick a new file with --db)",
                    &store.path().display().to_string(),
                )
                .into());
            }
            Applied::Imported {
                summary: store.import(journal)?,
                new_profile: None,
            }
        }
        Change::Replace { .. } => {
            // `apply` takes it before any transaction; inside a batch it
            // would back up a journal the batch is changing.
            return Err(ValidationError::new("import --replace", "a change of its own", "part of several").into());
        }
        Change::Batch(changes) => Applied::Batch(
            changes
                .iter()
                .map(|c| apply_inside(store, c, today))
                .collect::<Result<_, _>>()?,
        ),
        Change::Guarded { expected, change } => {
            // Inside the write transaction: nobody can write between this
            // check and the change.
            for row in expected {
                check_unchanged(store, row)?;
            }
            apply_inside(store, change, today)?
        }
    })
}

/// Refuses with [`ChangeError::Conflict`] when `row` no longer holds what
/// the shell read.
fn check_unchanged(store: &Store, row: &Expected) -> Result<(), ChangeError> {
    let now = match row {
        Expected::Checkin { date, leg, was } => {
            let now = store.checkin(*date, *leg)?;
            if now == *was {
                return Ok(());
            }
            Stored::Checkin(now)
        }
        Expected::Completion { date, exercise, was } => {
            let now = day_completion(store, *date, exercise)?;
            if now == *was {
                return Ok(());
            }
            Stored::Completion(now)
        }
    };
    Err(ChangeError::Conflict(Box::new(Conflict {
        expected: row.clone(),
        now,
    })))
}

/// Saves `entry` unless the journal already holds exactly it; says what
/// was there before.
fn save_checkin(store: &Store, entry: CheckIn) -> Result<Applied, ChangeError> {
    let before = store.checkin(entry.date, entry.leg)?;
    if before.as_ref() != Some(&entry) {
        store.save_checkin(&entry)?;
        // Tests inject a panic here (SOLEUS_DEBUG_PANIC=tui-save): the save
        // must roll back whole.
        crate::panic::debug_fault("tui-save");
    }
    Ok(Applied::Checkin { before, after: entry })
}

/// Reads, merges and saves the profile in one transaction, so two profile
/// changes at once both count.
fn update_profile(store: &Store, patch: &ProfilePatch) -> Result<Applied, ChangeError> {
    let before = store.profile()?;
    let Some(mut profile) = before.clone().or_else(|| {
        patch.leg.map(|leg| Profile {
            leg,
            ..Profile::default()
        })
    }) else {
        return Err(ValidationError::new("leg", "left, right or both (required for a new profile)", "nothing").into());
    };
    if let Some(leg) = patch.leg {
        profile.leg = leg;
    }
    if patch.injury_date.is_some() {
        profile.injury_date = patch.injury_date;
    }
    if let Some(v) = patch.clot_history {
        profile.clot_history = v;
    }
    if let Some(v) = patch.cancer {
        profile.cancer = v;
    }
    if let Some(v) = patch.clot_risk {
        profile.clot_risk = v;
    }
    if let Some(v) = patch.blood_thinners {
        profile.blood_thinners = v;
    }
    if let Some(km) = patch.baseline_km {
        profile.baseline_km = km;
    }
    if before.as_ref() != Some(&profile) {
        store.save_profile(&profile)?;
    }
    Ok(Applied::Profile { before, after: profile })
}

fn day_completion(store: &Store, date: NaiveDate, exercise: &str) -> Result<Option<Completion>, StoreError> {
    Ok(store
        .completions_between(date, date)?
        .into_iter()
        .find(|c| c.exercise == exercise))
}

/// How many sessions a day the plan asks of `exercise` (the catalogue's
/// number when it is not in the plan).
fn sessions_a_day(store: &Store, exercise: &str) -> Result<u8, StoreError> {
    if let Some(entry) = store.plan()?.into_iter().find(|p| p.exercise == exercise && p.active) {
        return Ok(entry.per_day);
    }
    Ok(store.catalogue()?.get(exercise).map_or(1, |e| e.per_day))
}

fn save_completion(store: &Store, completion: Completion, today: NaiveDate) -> Result<Applied, ChangeError> {
    completion.validate(today)?;
    store.save_completion(&completion)?;
    Ok(Applied::Completion(completion))
}

/// Records what came of the active warning of `rule` on `leg` as of `date`,
/// storing the presentation it closes. With no such warning active on
/// `date`, it is bad input. Returns the flag closed and the outcome stored.
fn record_outcome(
    store: &Store,
    rule: RuleId,
    leg: Leg,
    result: OutcomeResult,
    date: NaiveDate,
    note: Option<String>,
) -> Result<(Flag, Outcome), ChangeError> {
    let window = HistoryWindow::load(store, date)?;
    let Some((flag, presentation)) = clinical::presentation_of(&window.history(), date, rule, leg) else {
        let active: Vec<String> = clinical::flags(&window.history(), date)
            .iter()
            .map(|f| format!("{} {}", f.rule, f.leg))
            .collect();
        let allowed = if active.is_empty() {
            format!("a warning active on {date} (none is)")
        } else {
            format!("a warning active on {date}: {}", active.join(", "))
        };
        return Err(ValidationError::new("rule", &allowed, &format!("{rule} {leg}")).into());
    };
    let outcome = Outcome {
        date,
        rule: rule.id().to_owned(),
        leg,
        result,
        note: note.filter(|n| !n.trim().is_empty()),
        presentation,
    };
    outcome.validate(date, clinical::is_rule_id, clinical::is_sign_name)?;
    store.save_outcome(&outcome)?;
    Ok((flag, outcome))
}

/// One clinician visit for every warning active on `leg` as of `date`: the
/// same result, date and note for each, each with its own presentation.
fn record_outcome_all(
    store: &Store,
    leg: Leg,
    result: OutcomeResult,
    date: NaiveDate,
    note: Option<String>,
) -> Result<Vec<(Flag, Outcome)>, ChangeError> {
    let window = HistoryWindow::load(store, date)?;
    let history = window.history();
    let rules: Vec<RuleId> = clinical::flags(&history, date)
        .iter()
        .filter(|f| f.leg == leg)
        .map(|f| f.rule)
        .collect();
    if rules.is_empty() {
        return Err(ValidationError::new(
            "--all",
            &format!("a leg with a warning active on {date}"),
            &format!("the {leg} calf (no warning is active)"),
        )
        .into());
    }
    let mut closed = Vec::with_capacity(rules.len());
    for rule in rules {
        // Each presentation as it stands before this visit was recorded.
        let Some((flag, presentation)) = clinical::presentation_of(&history, date, rule, leg) else {
            continue;
        };
        let outcome = Outcome {
            date,
            rule: rule.id().to_owned(),
            leg,
            result,
            note: note.clone().filter(|n| !n.trim().is_empty()),
            presentation,
        };
        outcome.validate(date, clinical::is_rule_id, clinical::is_sign_name)?;
        store.save_outcome(&outcome)?;
        closed.push((flag, outcome));
    }
    Ok(closed)
}

fn import(store: &Store, journal: &domain::Journal) -> Result<Applied, ChangeError> {
    let catalogue = store.catalogue()?;
    journal.check_exercise_ids(|id| catalogue.get(id).is_some())?;
    // A journal with no profile takes one from the file, or else the legs
    // its check-ins are for, so that `status` asks for the right calves.
    let new_profile = match (&journal.profile, store.profile()?) {
        (None, None) => domain::import::profile_from_legs(&journal.checkins),
        _ => None,
    };
    let summary = match &new_profile {
        Some(profile) => {
            let mut journal = journal.clone();
            journal.profile = Some(profile.clone());
            store.import(&journal)?
        }
        None => store.import(journal)?,
    };
    Ok(Applied::Imported { summary, new_profile })
}

fn replace(
    store: &Store,
    journal: &domain::Journal,
    confirmed: bool,
    today: NaiveDate,
) -> Result<Applied, ChangeError> {
    // The file's own exercises count; the journal's custom ones are replaced.
    journal.check_exercise_ids(|id| domain::Catalogue::builtin().get(id).is_some())?;
    let held = store.checkin_count()?;
    if !confirmed && !store.has_no_entries()? {
        return Err(ValidationError::new(
            "yes",
            &format!("--yes to replace a journal that holds entries ({held} check-ins; a backup is written first)"),
            "no --yes",
        )
        .into());
    }
    let backup = store.backup_before_replace(today)?;
    let summary = store.replace_with(journal)?;
    Ok(Applied::Replaced { summary, held, backup })
}

/// The change that puts back what `change` is about to change, read from
/// the journal just before it is applied; `None` for changes `u` does not
/// undo.
pub fn inverse(store: &Store, change: &Change) -> Result<Option<Change>, StoreError> {
    let restore = |old: Option<CheckIn>, date, leg| match old {
        Some(old) => Some(Change::SaveCheckin(old)),
        None => Some(Change::DeleteCheckin(date, leg)),
    };
    Ok(match change {
        Change::Guarded { change, .. } => inverse(store, change)?,
        Change::SaveCheckin(c) => restore(store.checkin(c.date, c.leg)?, c.date, c.leg),
        Change::UpdateCheckin { date, leg, .. } => store.checkin(*date, *leg)?.map(Change::SaveCheckin),
        Change::DeleteCheckin(date, leg) => store.checkin(*date, *leg)?.map(Change::SaveCheckin),
        Change::Completion { date, exercise, .. }
        | Change::Session { date, exercise, .. }
        | Change::Done(Completion { date, exercise, .. }) => {
            // Put back exactly what was there (sessions included), or nothing.
            Some(match day_completion(store, *date, exercise)? {
                Some(old) => Change::Done(old),
                None => Change::Completion {
                    date: *date,
                    exercise: exercise.clone(),
                    done: None,
                },
            })
        }
        Change::Plan(entry) => Some(match store.plan()?.into_iter().find(|p| p.exercise == entry.exercise) {
            Some(old) => Change::Plan(old),
            None => Change::RemoveFromPlan(entry.exercise.clone()),
        }),
        Change::RemoveFromPlan(id) => store.plan()?.into_iter().find(|p| &p.exercise == id).map(Change::Plan),
        // An outcome is undone by deleting it, unless it replaced one of
        // the same day, which deleting would not bring back.
        Change::Outcome { rule, leg, date, .. } => {
            let replaces = store
                .outcomes()?
                .iter()
                .any(|o| o.rule == rule.id() && o.leg == *leg && o.date == *date);
            (!replaces).then_some(Change::DeleteOutcome {
                rule: *rule,
                leg: *leg,
                date: *date,
            })
        }
        // One visit for every warning of a calf: undone together, by
        // deleting each outcome it records (the warnings active on the leg
        // as of its date, as the journal will find them), unless one
        // replaces an outcome of the same day.
        Change::OutcomeAll { leg, date, .. } => {
            let window = HistoryWindow::load(store, *date)?;
            let rules: Vec<RuleId> = clinical::flags(&window.history(), *date)
                .iter()
                .filter(|f| f.leg == *leg)
                .map(|f| f.rule)
                .collect();
            let outcomes = store.outcomes()?;
            let replaces = outcomes
                .iter()
                .any(|o| o.leg == *leg && o.date == *date && rules.iter().any(|r| r.id() == o.rule));
            (!replaces && !rules.is_empty())
                .then(|| Change::DeleteOutcomes(rules.into_iter().map(|r| (r, *leg, *date)).collect()))
        }
        // `u` takes it out of the plan; it stays in the catalogue.
        Change::NewExercise(exercise) => Some(Change::RemoveFromPlan(exercise.id.clone())),
        Change::PlanChanges { save, remove, .. } => {
            // Back as it was: entries changed get their old dose, new ones
            // go, removed ones come back.
            let plan = store.plan()?;
            let old = |id: &str| plan.iter().find(|p| p.exercise == id).cloned();
            let mut back_save: Vec<domain::PlanEntry> = remove.iter().filter_map(|id| old(id)).collect();
            let mut back_remove = Vec::new();
            for entry in save {
                match old(&entry.exercise) {
                    Some(was) => back_save.push(was),
                    None => back_remove.push(entry.exercise.clone()),
                }
            }
            back_save.retain(|p| p.active);
            // The phase move stays: `u` undoes the plan change.
            Some(Change::PlanChanges {
                save: back_save,
                remove: back_remove,
                phase: None,
            })
        }
        Change::Profile(_)
        | Change::UpdateProfile(_)
        | Change::SaveExercise(_)
        | Change::Tests(_)
        | Change::Phase(_)
        | Change::Acknowledge(_)
        | Change::DeleteOutcome { .. }
        | Change::DeleteOutcomes(_)
        | Change::AddRuns(_)
        | Change::DeleteRun(_)
        | Change::Import(_)
        | Change::Replace { .. }
        | Change::Demo(_) => None,
        // Each part's inverse is read before the batch, so it puts back
        // what the journal held then; applied last to first, the inverse of
        // the first change to a row is the one that stays. A batch with a
        // part `u` does not undo is not undone at all.
        Change::Batch(changes) => {
            let mut back = Vec::with_capacity(changes.len());
            for change in changes.iter().rev() {
                match inverse(store, change)? {
                    Some(undo) => back.push(undo),
                    None => return Ok(None),
                }
            }
            Some(Change::Batch(back))
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;
    use crate::domain::{InjuredLeg, PlanEntry, Score};

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn twice_daily(store: &Store, today: NaiveDate) {
        let entry = PlanEntry {
            exercise: "ankle-pumps".into(),
            dose: "20 reps".into(),
            active: true,
            per_day: 2,
        };
        apply(store, &Change::Plan(entry), today).unwrap();
    }

    fn session(date: NaiveDate) -> Change {
        Change::Session {
            date,
            exercise: "ankle-pumps".into(),
            sets: None,
            pain: None,
        }
    }

    fn sessions(applied: Applied) -> u8 {
        match applied {
            Applied::Completion(c) => c.sessions,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_session_counts_up_to_the_sessions_a_day_and_no_further() {
        let store = Store::open_in_memory().unwrap();
        let today = day("2026-11-21");
        twice_daily(&store, today);
        assert_eq!(sessions(apply(&store, &session(today), today).unwrap()), 1);
        assert_eq!(sessions(apply(&store, &session(today), today).unwrap()), 2);
        assert_eq!(sessions(apply(&store, &session(today), today).unwrap()), 2);
    }

    #[test]
    fn a_pain_score_keeps_the_sessions_of_the_day() {
        let store = Store::open_in_memory().unwrap();
        let today = day("2026-11-21");
        twice_daily(&store, today);
        apply(&store, &session(today), today).unwrap();
        apply(&store, &session(today), today).unwrap();
        let pain = Change::Completion {
            date: today,
            exercise: "ankle-pumps".into(),
            done: Some((None, Some(3))),
        };
        let applied = apply(&store, &pain, today).unwrap();
        let Applied::Completion(c) = applied else { panic!() };
        assert_eq!((c.sessions, c.pain), (2, Some(Score::new("pain", 3).unwrap())));
    }

    #[test]
    fn a_refused_change_in_a_batch_writes_nothing_of_the_batch() {
        let store = Store::open_in_memory().unwrap();
        let today = day("2026-11-21");
        let tomorrow = day("2026-11-22");
        let batch = Change::Batch(vec![session(today), session(tomorrow)]);
        let err = apply(&store, &batch, today).unwrap_err();
        assert!(matches!(err, ChangeError::Refused(ref e) if e.field == "date"), "{err}");
        assert!(store.completions_between(today, tomorrow).unwrap().is_empty());
    }

    #[test]
    fn a_batch_is_undone_whole_even_when_two_parts_touch_one_row() {
        let store = Store::open_in_memory().unwrap();
        let today = day("2026-11-21");
        twice_daily(&store, today);
        apply(&store, &session(today), today).unwrap();
        let before = store.completions_between(today, today).unwrap();
        let batch = Change::Batch(vec![session(today), session(today)]);
        let back = inverse(&store, &batch).unwrap().unwrap();
        apply(&store, &batch, today).unwrap();
        assert_ne!(store.completions_between(today, today).unwrap(), before);
        apply(&store, &back, today).unwrap();
        assert_eq!(store.completions_between(today, today).unwrap(), before);
    }

    #[test]
    fn an_update_needs_the_check_in_it_changes() {
        let store = Store::open_in_memory().unwrap();
        let today = day("2026-11-21");
        let change = Change::UpdateCheckin {
            date: today,
            leg: Leg::Left,
            given: CheckInInput::default(),
        };
        let err = apply(&store, &change, today).unwrap_err();
        assert!(
            matches!(err, ChangeError::Refused(ref e) if e.field == "update"),
            "{err}"
        );
        assert_eq!(store.checkin_count().unwrap(), 0);
    }

    #[test]
    fn a_new_profile_needs_its_leg_and_a_patch_keeps_what_it_does_not_give() {
        let store = Store::open_in_memory().unwrap();
        let today = day("2026-11-21");
        let cancer = ProfilePatch {
            cancer: Some(true),
            ..ProfilePatch::default()
        };
        let err = apply(&store, &Change::UpdateProfile(cancer.clone()), today).unwrap_err();
        assert!(matches!(err, ChangeError::Refused(ref e) if e.field == "leg"), "{err}");
        assert_eq!(store.profile().unwrap(), None);
        let leg = ProfilePatch {
            leg: Some(InjuredLeg::Right),
            ..ProfilePatch::default()
        };
        apply(&store, &Change::UpdateProfile(leg), today).unwrap();
        apply(&store, &Change::UpdateProfile(cancer), today).unwrap();
        let profile = store.profile().unwrap().unwrap();
        assert_eq!((profile.leg, profile.cancer), (InjuredLeg::Right, true));
    }

    #[test]
    fn the_inverse_of_a_session_puts_the_day_back_as_it_was() {
        let store = Store::open_in_memory().unwrap();
        let today = day("2026-11-21");
        twice_daily(&store, today);
        apply(&store, &session(today), today).unwrap();
        let back = inverse(&store, &session(today)).unwrap().unwrap();
        apply(&store, &session(today), today).unwrap();
        apply(&store, &back, today).unwrap();
        let day = store.completions_between(today, today).unwrap();
        assert_eq!(day.iter().map(|c| c.sessions).collect::<Vec<_>>(), vec![1]);
    }
}
