//! Carrying out effects: [`App::apply`] is the one place that writes
//! through [`Storage`](super::storage::Storage), reloads, keeps the undo of each tab and sets the
//! status line, by one rule: a failure is never overwritten by a success.
//! A write's inverse, read from the journal just before it, is what `u`
//! applies.

use chrono::NaiveDate;

use crate::clinical::RuleId;
use crate::domain::{CheckIn, Leg};
use crate::service::OutcomeError;
use crate::store::StoreError;

use crate::ui::dialogs::alarm::{self, Alarm};
use crate::ui::dialogs::{Modal, draft, outcome_form};
use crate::ui::keys::{self, Command, Context};
use crate::ui::tabs::Tab;
use crate::ui::tabs::checkin::CheckinForm;

use super::App;
use super::effect::{Effect, Tone};
use super::navigate::Pending;
use super::write::{Change, Write};

/// The undo slot of the warning list, after the four tabs'.
const LIST_SLOT: usize = 4;

/// Why a write did not happen: the journal failed, or it refused the input
/// as the user's mistake (nothing written; say why where it was typed).
enum WriteError {
    Store(StoreError),
    Refused(String),
}

impl From<StoreError> for WriteError {
    fn from(err: StoreError) -> WriteError {
        WriteError::Store(err)
    }
}

impl App {
    /// Carries out one effect. The only place that writes, reloads and
    /// sets the status line.
    pub fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::Say(tone, text) => self.say(tone, text),
            // An alarm just raised by a write stays on top until acknowledged.
            Effect::Open(_) if matches!(self.modal, Some(Modal::Alarm(_))) => {}
            Effect::Open(modal) => {
                // A new dialog: its scroll limit is known once it is drawn.
                self.scroll_limit.set(u16::MAX);
                self.modal = Some(*modal);
            }
            Effect::Go(pending) => self.go(pending),
            Effect::Write(change) => {
                self.write(change);
            }
            Effect::SaveForm(then) => self.save_form(then),
            Effect::Discard(pending) => {
                self.form.discard();
                self.perform(pending);
            }
            Effect::CopyPrevious => self.copy_previous(),
            Effect::Undo => self.undo(),
            Effect::AskUndo => self.ask_undo(),
            Effect::Acknowledge(alarm) => self.acknowledge(alarm),
            Effect::RestoreDraft(draft) => draft::restore(self, &draft),
            Effect::DeclineDraft(draft) => self.say(Tone::Info, draft::decline(&draft)),
            Effect::Reload => {
                if self.reload_or_say() {
                    self.say(Tone::Info, "Reloaded the journal");
                }
            }
            Effect::Quit => self.quit = true,
        }
    }

    /// Performs a write, reloads, and says what was written (or why not).
    /// Keeps the write's inverse as the tab's undo. Returns whether the
    /// write reached the journal.
    fn write(&mut self, change: Change) -> bool {
        // What the journal held before, for `u`. If it cannot be read the
        // write still goes ahead: it just cannot be undone.
        let inverse = self.inverse(&change.write).ok().flatten();
        let before = self.data.assessment.flags.clone();
        let change = match self.perform_write(&change.write) {
            Ok(None) => change,
            // The write says better what it did (which warnings one visit closed).
            Ok(Some(said)) => Change::new(change.write, said),
            Err(err) => {
                match err {
                    WriteError::Store(err) => self.failed(change.write.failure(), &err),
                    WriteError::Refused(why) => self.refused(change.write.failure(), why),
                }
                return false;
            }
        };
        self.wrote(&change.write);
        let slot = self.undo_slot();
        let undoable = inverse.is_some()
            && (slot == LIST_SLOT || matches!(self.tab, Tab::CheckIn | Tab::Checklist | Tab::History));
        // Where `u` undoes this write, for the key the status line names.
        let undo_context = if slot == LIST_SLOT {
            Context::WarningList
        } else {
            self.tab.context()
        };
        if let Some(write) = inverse {
            let said = change.said.trim_start_matches("✓ ").to_owned();
            self.undo[slot] = Some(Change::new(write, said));
        }
        match self.reload() {
            Ok(()) => {
                let said = if undoable {
                    format!("{} · {} undoes", change.said, keys::key(undo_context, Command::Undo))
                } else {
                    change.said
                };
                self.say(Tone::Success, said);
            }
            // The write is committed: say so, and separately what failed.
            Err(err) => self.say(
                Tone::Error,
                format!(
                    "✗ Could not read the journal back: {} (the change was saved: {})",
                    err.after_write(),
                    change.said.trim_start_matches("✓ ")
                ),
            ),
        }
        self.follow(&change.write);
        self.raise_alarms(&before);
        true
    }

    /// After a write: any emergency or urgent warning it opened (or raised)
    /// covers the screen until acknowledged, whichever write opened it. Where
    /// to go afterwards is the caller's to add.
    fn raise_alarms(&mut self, before: &[crate::clinical::Flag]) {
        let fresh = alarm::new_alarms(before, &self.data.assessment.flags, &self.data);
        if !fresh.is_empty() {
            self.modal = Some(Modal::Alarm(Alarm {
                flags: fresh,
                then: None,
            }));
        }
    }

    /// Which undo slot `u` uses now: the warning list's while it (or its
    /// outcome form) is open, else the tab's.
    fn undo_slot(&self) -> usize {
        match self.modal {
            Some(Modal::WarningList { .. } | Modal::OutcomeForm(_)) => LIST_SLOT,
            _ => self.tab.index(),
        }
    }

    /// A write the journal refused as bad input (nothing was written):
    /// the open form shows why, and so does the status line.
    fn refused(&mut self, what: &str, why: String) {
        self.say(Tone::Error, format!("✗ {what}: {why}"));
        if let Some(Modal::OutcomeForm(form)) = &mut self.modal {
            form.error = Some(why);
        }
    }

    /// The one call per kind of write. `Some` is what the status line
    /// should say instead of the change's own words, when only the journal
    /// knows (which warnings one clinician visit closed).
    fn perform_write(&mut self, write: &Write) -> Result<Option<String>, WriteError> {
        let s = &*self.storage;
        if let Write::OutcomeAll {
            leg,
            result,
            date,
            note,
        } = write
        {
            return match s.record_outcome_all(*leg, *result, *date, note.clone()) {
                Ok(closed) => Ok(Some(outcome_form::said_all(&closed, *leg, *result, *date))),
                Err(OutcomeError::Input(err)) => Err(WriteError::Refused(err.to_string())),
                Err(OutcomeError::Store(err)) => Err(WriteError::Store(err)),
            };
        }
        if let Write::Outcome {
            rule,
            leg,
            result,
            date,
            note,
        } = write
        {
            return match s.record_outcome(*rule, *leg, *result, *date, note.clone()) {
                Ok(_) => Ok(None),
                Err(OutcomeError::Input(err)) => Err(WriteError::Refused(err.to_string())),
                Err(OutcomeError::Store(err)) => Err(WriteError::Store(err)),
            };
        }
        Ok(match write {
            Write::SaveCheckin(c) => s.save_checkin(c),
            Write::DeleteCheckin(date, leg) => s.delete_checkin(*date, *leg).map(|_| ()),
            Write::Completion { date, exercise, done } => match done {
                Some((sets, pain)) => {
                    // A pain score on a second session keeps the sessions.
                    let day = s.completions_between(*date, *date)?;
                    let sessions = day.iter().find(|c| &c.exercise == exercise).map_or(1, |c| c.sessions);
                    s.save_completion(&crate::domain::Completion {
                        date: *date,
                        exercise: exercise.clone(),
                        sets: *sets,
                        pain: pain.and_then(|p| crate::domain::Score::new("pain", i64::from(p)).ok()),
                        sessions,
                    })
                }
                None => s.delete_completion(*date, exercise),
            },
            Write::Done(completion) => s.save_completion(completion),
            Write::NewExercise(exercise) => s.add_exercise(exercise, self.today),
            Write::Plan(entry) => s.save_plan_entry(entry, self.today),
            Write::RemoveFromPlan(id) => s.remove_plan_entry(id, self.today),
            Write::PlanChanges { save, remove, phase } => s.change_plan(save, remove, phase.as_ref(), self.today),
            Write::Tests(tests) => s.save_tests(tests),
            Write::Phase(change) => s.save_phase_change(change),
            Write::Profile(profile) => s.save_profile(profile),
            Write::DeleteOutcome { rule, leg, date } => s.delete_outcome(rule.id(), *leg, *date).map(|_| ()),
            Write::DeleteOutcomes(keys) => s.delete_outcomes(keys),
            Write::Outcome { .. } | Write::OutcomeAll { .. } => Ok(()),
        }
        .map(|()| None)?)
    }

    /// The write that puts back what `write` is about to change, read from
    /// the journal just before; `None` for writes `u` does not undo.
    fn inverse(&self, write: &Write) -> Result<Option<Write>, StoreError> {
        let s = &*self.storage;
        let restore = |old: Option<CheckIn>, date, leg| match old {
            Some(old) => Some(Write::SaveCheckin(old)),
            None => Some(Write::DeleteCheckin(date, leg)),
        };
        Ok(match write {
            Write::SaveCheckin(c) => restore(s.checkin(c.date, c.leg)?, c.date, c.leg),
            Write::DeleteCheckin(date, leg) => s.checkin(*date, *leg)?.map(Write::SaveCheckin),
            Write::Completion { date, exercise, .. }
            | Write::Done(crate::domain::Completion { date, exercise, .. }) => {
                let old = s.completions_between(*date, *date)?;
                // Put back exactly what was there (sessions included), or nothing.
                Some(match old.into_iter().find(|c| &c.exercise == exercise) {
                    Some(old) => Write::Done(old),
                    None => Write::Completion {
                        date: *date,
                        exercise: exercise.clone(),
                        done: None,
                    },
                })
            }
            Write::Plan(entry) => Some(match s.plan()?.into_iter().find(|p| p.exercise == entry.exercise) {
                Some(old) => Write::Plan(old),
                None => Write::RemoveFromPlan(entry.exercise.clone()),
            }),
            Write::RemoveFromPlan(id) => s.plan()?.into_iter().find(|p| &p.exercise == id).map(Write::Plan),
            // An outcome is undone by deleting it, unless it replaced one of
            // the same day, which deleting would not bring back.
            Write::Outcome { rule, leg, date, .. } => {
                let replaces = s
                    .outcomes()?
                    .iter()
                    .any(|o| o.rule == rule.id() && o.leg == *leg && o.date == *date);
                (!replaces).then_some(Write::DeleteOutcome {
                    rule: *rule,
                    leg: *leg,
                    date: *date,
                })
            }
            // One visit for every warning of a calf: undone together, by
            // deleting each outcome it records (the warnings active on the
            // leg as of its date, as the journal will find them), unless
            // one replaces an outcome of the same day.
            Write::OutcomeAll { leg, date, .. } => {
                let window = s.window(*date)?;
                let rules: Vec<RuleId> = crate::clinical::flags(&window.history(), *date)
                    .iter()
                    .filter(|f| f.leg == *leg)
                    .map(|f| f.rule)
                    .collect();
                let outcomes = s.outcomes()?;
                let replaces = outcomes
                    .iter()
                    .any(|o| o.leg == *leg && o.date == *date && rules.iter().any(|r| r.id() == o.rule));
                (!replaces && !rules.is_empty())
                    .then(|| Write::DeleteOutcomes(rules.into_iter().map(|r| (r, *leg, *date)).collect()))
            }
            // `u` takes it out of the plan; it stays in the catalogue (a adds it back).
            Write::NewExercise(exercise) => Some(Write::RemoveFromPlan(exercise.id.clone())),
            Write::PlanChanges { save, remove, .. } => {
                // Back as it was: entries changed get their old dose, new
                // ones go, removed ones come back.
                let plan = s.plan()?;
                let old = |id: &str| plan.iter().find(|p| p.exercise == id).cloned();
                let mut back_save: Vec<crate::domain::PlanEntry> = remove.iter().filter_map(|id| old(id)).collect();
                let mut back_remove = Vec::new();
                for entry in save {
                    match old(&entry.exercise) {
                        Some(was) => back_save.push(was),
                        None => back_remove.push(entry.exercise.clone()),
                    }
                }
                back_save.retain(|p| p.active);
                // The phase move stays: `u` undoes the plan change.
                Some(Write::PlanChanges {
                    save: back_save,
                    remove: back_remove,
                    phase: None,
                })
            }
            Write::Tests(_)
            | Write::Phase(_)
            | Write::Profile(_)
            | Write::DeleteOutcome { .. }
            | Write::DeleteOutcomes(_) => None,
        })
    }

    /// What a write changes in the model besides the journal: a saved form
    /// is clean, a saved profile ends the setup, saved tests close their
    /// form.
    fn wrote(&mut self, write: &Write) {
        match write {
            // The form shows what was written (a save, or an undo putting
            // back the entry as it was), and is clean.
            Write::SaveCheckin(c) if c.date == self.form.date && c.leg == self.form.leg => {
                let focus = self.form.focus;
                self.form = CheckinForm::load(c.date, c.leg, Some(c));
                self.form.focus = focus;
            }
            Write::Tests(_) if matches!(self.modal, Some(Modal::Test(_))) => self.modal = None,
            // The outcome is recorded: back to the list, which no longer
            // holds the warning it closed.
            Write::Outcome { .. } | Write::OutcomeAll { .. } => {
                if let Some(Modal::OutcomeForm(form)) = &self.modal {
                    self.modal = Some(Modal::WarningList { selected: form.row });
                }
            }
            Write::Profile(_) => self.setup = None,
            _ => {}
        }
    }

    /// Keeps the selection on what was just written: the row added,
    /// restored, ticked or edited stays selected after the reload.
    fn follow(&mut self, write: &Write) {
        match write {
            Write::SaveCheckin(c) => self.history.selected.select((c.date, c.leg)),
            Write::Completion { exercise, .. } | Write::Done(crate::domain::Completion { exercise, .. }) => {
                self.checklist.selected.select(exercise.clone());
            }
            Write::Plan(entry) => self.checklist.selected.select(entry.exercise.clone()),
            Write::NewExercise(exercise) => self.checklist.selected.select(exercise.id.clone()),
            Write::Profile(_) => {
                let leg = self.data.default_leg();
                self.load_form(self.today, leg);
            }
            _ => {}
        }
    }

    /// `u` on the Check-in tab: names what undoing the last save will do
    /// and asks first; an entry's signs, and the warnings they opened, may
    /// go with it.
    fn ask_undo(&mut self) {
        let slot = self.undo_slot();
        let question = match &self.undo[slot] {
            Some(change) if !self.form.is_dirty() => {
                let does = match &change.write {
                    Write::DeleteCheckin(date, leg) => {
                        format!("This deletes the {leg} calf check-in of {date}, with any warning signs it carries.")
                    }
                    Write::SaveCheckin(old) => format!(
                        "This puts the {} calf check-in of {} back as it was before that save, signs included.",
                        old.leg, old.date
                    ),
                    _ => String::new(),
                };
                format!("Undo “{}”? {does}", change.said)
            }
            // Nothing to undo, or unsaved edits: `undo` says why not.
            _ => return self.undo(),
        };
        self.modal = Some(Modal::Confirm {
            question,
            on_yes: Box::new(Effect::Undo),
        });
    }

    /// `u`: applies the inverse of the tab's last write.
    fn undo(&mut self) {
        let slot = self.undo_slot();
        if slot == Tab::CheckIn.index() && self.form.is_dirty() && self.undo[slot].is_some() {
            // Undoing the last save would overwrite the entry under edits
            // that are not saved: one thing at a time.
            self.say(
                Tone::Info,
                format!(
                    "The form has unsaved changes: save or discard them before {}",
                    keys::key(Context::CheckIn, Command::Undo)
                ),
            );
            return;
        }
        let Some(change) = self.undo[slot].take() else {
            self.say(Tone::Info, "Nothing to undo on this tab");
            return;
        };
        let before = self.data.assessment.flags.clone();
        if let Err(err) = self.perform_write(&change.write) {
            match err {
                WriteError::Store(err) => self.failed("Not undone", &err),
                WriteError::Refused(why) => self.say(Tone::Error, format!("✗ Not undone: {why}")),
            }
            self.undo[slot] = Some(change);
            return;
        }
        self.wrote(&change.write);
        if self.reload_or_say() {
            self.say(Tone::Success, format!("↶ Undone: {}", change.said));
        }
        self.follow(&change.write);
        self.raise_alarms(&before);
    }

    /// Validates and saves the form. On success, compares the warnings
    /// before and after and opens the alarm for any new emergency or urgent
    /// one; `then` runs after it is acknowledged (or at once if none). An
    /// entry opened from History goes back there.
    fn save_form(&mut self, then: Option<Pending>) {
        let checkin = match self.form.checkin(self.today) {
            Ok(checkin) => checkin,
            Err(err) => {
                self.say(Tone::Error, format!("✗ Not saved: {err}"));
                self.form.error = Some(err);
                return;
            }
        };
        let (date, leg) = (checkin.date, checkin.leg);
        let said = format!("✓ Saved {leg} calf for {date}");
        if !self.write(Change::new(Write::SaveCheckin(checkin), said)) {
            return;
        }
        let back = self.return_to.take_if(|r| *r == (date, leg)).is_some();
        if back {
            // Done with the past day: F1 opens today's form again.
            let leg = self.data.default_leg();
            self.load_form(self.today, leg);
        }
        let then = match then {
            None if back => {
                self.say(
                    Tone::Success,
                    format!("✓ Saved {leg} calf for {date} · back in History"),
                );
                Some(Pending::Tab(Tab::History))
            }
            then => then,
        };
        // `write` raised the alarm of a warning the save opened: go on
        // once it is acknowledged.
        match &mut self.modal {
            Some(Modal::Alarm(alarm)) => alarm.then = then,
            _ => {
                if let Some(pending) = then {
                    self.perform(pending);
                }
            }
        }
        self.say_stale(date, leg);
    }

    /// After saving an entry of a past day: each rule it fires whose
    /// warning is no longer open today is said on the status line, after
    /// what the save said ("this entry of DATE shows SIGNS; that warning is
    /// no longer open today …", see docs/clinical-rules.md, open warnings).
    fn say_stale(&mut self, date: NaiveDate, leg: Leg) {
        if date >= self.today {
            return;
        }
        // The window of today: the engine reads the entry there, with what
        // has closed its warning since. A read that fails was already said
        // by the reload after the save.
        let Ok(window) = self.storage.window(self.today) else {
            return;
        };
        let lines: Vec<String> = crate::clinical::stale_firings(&window.history(), leg, date, self.today)
            .iter()
            .map(crate::clinical::StaleFiring::line)
            .collect();
        if lines.is_empty() {
            return;
        }
        let said = match &self.status {
            Some(status) if status.tone == Tone::Error => return,
            Some(status) => format!("{} · {}", status.text, lines.join(" ")),
            None => lines.join(" "),
        };
        self.say(Tone::Info, said);
    }

    /// "Copy yesterday": fills the form from the previous check-in of its
    /// leg (scores, run, cross-training; never the signs).
    fn copy_previous(&mut self) {
        match self.storage.previous_checkin(self.form.date, self.form.leg) {
            Ok(Some(previous)) => {
                self.form.copy_from(&previous);
                self.say(
                    Tone::Info,
                    format!(
                        "Copied {}: scores, run, cross-training; not signs · {} saves",
                        previous.date,
                        keys::key(Context::CheckIn, Command::Save)
                    ),
                );
            }
            Ok(None) => self.say(
                Tone::Info,
                format!("No earlier {} calf check-in to copy", self.form.leg),
            ),
            Err(err) => self.failed("Could not read the previous check-in", &err),
        }
    }

    /// Stores the acknowledgement of the alarm's first flag; shows the
    /// next, or closes and goes on.
    fn acknowledge(&mut self, mut alarm: Alarm) {
        if alarm.flags.is_empty() {
            return;
        }
        let flag = alarm.flags.remove(0);
        let ack = alarm::acknowledgement(&flag, self.now);
        if let Err(err) = self.storage.acknowledge(&ack) {
            // Keep the warning on screen: it has not been recorded.
            alarm.flags.insert(0, flag);
            self.failed("Could not record the acknowledgement", &err);
            self.modal = Some(Modal::Alarm(alarm));
            return;
        }
        self.data.acknowledgements.push(ack);
        self.say(Tone::Info, format!("Acknowledged: {} ({} calf)", flag.title, flag.leg));
        if alarm.flags.is_empty() {
            if let Some(pending) = alarm.then {
                self.perform(pending);
            }
        } else {
            self.modal = Some(Modal::Alarm(alarm));
        }
    }
}
