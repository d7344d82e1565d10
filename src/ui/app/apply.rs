//! Carrying out effects: [`App::apply`] is the one place that applies a
//! [`Change`] (through [`Storage::apply`](super::storage::Storage::apply),
//! the service layer's one write path), reloads, keeps the undo of each tab
//! and sets the status line, by one rule: a failure is never overwritten by
//! a success. A change's inverse, read from the journal just before it, is
//! what `u` applies.

use chrono::NaiveDate;

use crate::domain::Leg;
use crate::service::{Applied, ChangeError, Expected};

use crate::ui::dialogs::alarm::{self, Alarm};
use crate::ui::dialogs::conflict::{Choice, Conflicted};
use crate::ui::dialogs::{Modal, draft, outcome_form};
use crate::ui::keys::{self, Command, Context};
use crate::ui::tabs::Tab;
use crate::ui::tabs::checkin::CheckinForm;

use super::App;
use super::effect::{Effect, Tone};
use super::navigate::Pending;
use super::write::{Change, Edit, failure};

/// The undo slot of the warning list, after the four tabs'.
const LIST_SLOT: usize = 4;

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
                self.write(*change);
            }
            Effect::SaveForm(then) => self.save_form(then),
            Effect::AskSaveForm(then) => {
                let effect = crate::ui::tabs::checkin::save(&self.form, &self.view(), Some(then));
                self.apply(effect);
            }
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
            Effect::Resolve(dialog, choice) => self.resolve(*dialog, choice),
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
    fn write(&mut self, change: Edit) -> bool {
        // What the journal held before, for `u`. If it cannot be read the
        // write still goes ahead: it just cannot be undone.
        let inverse = self.storage.inverse(&change.change).ok().flatten();
        let before = self.data.assessment.flags.clone();
        // Refused if the entry it replaces changed since this screen read
        // it: another soleus, or the command line, wrote it meanwhile.
        let guarded = change.change.clone().guarded(self.expectation(&change.change));
        let left;
        let change = match self.storage.apply(&guarded, self.today) {
            // The journal says better what one visit for every warning of
            // a calf did: which warnings it closed.
            Ok(Applied::Closed(closed)) if matches!(change.change, Change::OutcomeAll { .. }) => {
                let Change::OutcomeAll { leg, result, date, .. } = &change.change else {
                    return false;
                };
                let said = outcome_form::said_all(&closed, *leg, *result, *date);
                left = Vec::new();
                Edit::new(change.change, said)
            }
            Ok(applied) => {
                left = leaves(change.change.unguarded(), &applied);
                change
            }
            Err(ChangeError::Conflict(conflict)) => {
                self.conflicted(change, *conflict, None);
                return false;
            }
            Err(err) => {
                self.change_failed(failure(&change.change), err);
                return false;
            }
        };
        let change = Edit::new(change.change.unguarded().clone(), change.said);
        self.wrote(&change.change);
        let slot = self.undo_slot();
        let undoable = inverse.is_some()
            && (slot == LIST_SLOT || matches!(self.tab, Tab::CheckIn | Tab::Checklist | Tab::History));
        // Where `u` undoes this write, for the key the status line names.
        let undo_context = if slot == LIST_SLOT {
            Context::WarningList
        } else {
            self.tab.context()
        };
        if let Some(back) = inverse {
            let said = change.said.trim_start_matches("✓ ").to_owned();
            // `u` is refused too if the entry changed after this write.
            self.undo[slot] = Some(Edit::new(back.guarded(left), said));
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
        self.follow(&change.change);
        self.raise_alarms(&before);
        true
    }

    /// A change that did not happen (nothing was written): the journal
    /// failed, or refused the input as the user's mistake.
    fn change_failed(&mut self, what: &str, err: ChangeError) {
        match err {
            ChangeError::Store(err) => self.failed(what, &err),
            ChangeError::Refused(why) => self.refused(what, why.to_string()),
            ChangeError::Conflict(_) => self.say(Tone::Error, format!("✗ {what}: the entry was changed elsewhere")),
        }
    }

    /// What this screen read of the rows `change` replaces, for the
    /// service to check they are unchanged: the form's entry as it was
    /// loaded, History's row, the Checklist day's completion.
    fn expectation(&self, change: &Change) -> Vec<Expected> {
        match change {
            Change::SaveCheckin(c) if (c.date, c.leg) == (self.form.date, self.form.leg) => vec![Expected::Checkin {
                date: c.date,
                leg: c.leg,
                was: self.form_read.clone(),
            }],
            Change::DeleteCheckin(date, leg) => match &self.data.checkins {
                Some(all) => vec![Expected::Checkin {
                    date: *date,
                    leg: *leg,
                    was: all.iter().find(|c| c.date == *date && c.leg == *leg).cloned(),
                }],
                None => Vec::new(),
            },
            Change::Completion { date, exercise, .. }
            | Change::Session { date, exercise, .. }
            | Change::Done(crate::domain::Completion { date, exercise, .. })
                if self.data.day_date == Some(*date) =>
            {
                vec![Expected::Completion {
                    date: *date,
                    exercise: exercise.clone(),
                    was: self.data.day.iter().find(|c| &c.exercise == exercise).cloned(),
                }]
            }
            _ => Vec::new(),
        }
    }

    /// A write refused because its entry changed elsewhere: nothing was
    /// written; the dialog shows both versions.
    fn conflicted(&mut self, edit: Edit, conflict: crate::service::Conflict, undo: Option<usize>) {
        self.say(
            Tone::Error,
            format!(
                "✗ {}: the entry was changed elsewhere since this screen read it",
                failure(&edit.change)
            ),
        );
        self.scroll_limit.set(u16::MAX);
        self.modal = Some(Modal::Conflict(Box::new(Conflicted {
            edit: Edit::new(edit.change.unguarded().clone(), edit.said),
            conflict,
            then: None,
            undo,
        })));
    }

    /// The user's answer to a conflict.
    fn resolve(&mut self, dialog: Conflicted, choice: Choice) {
        let form_entry = match dialog.edit.change.unguarded() {
            Change::SaveCheckin(c) => (c.date, c.leg) == (self.form.date, self.form.leg) && dialog.undo.is_none(),
            _ => false,
        };
        match choice {
            Choice::KeepMine if form_entry => {
                // The form now stands on what the journal holds: saving it
                // replaces exactly the entry the dialog showed.
                if let crate::service::Stored::Checkin(now) = &dialog.conflict.now {
                    self.form_read = now.clone();
                }
                self.save_form(dialog.then);
            }
            Choice::KeepMine => {
                let edit = Edit::new(dialog.keep_mine(), dialog.edit.said.clone());
                match dialog.undo {
                    Some(slot) => {
                        self.undo[slot] = Some(edit);
                        self.undo();
                    }
                    None => {
                        self.write(edit);
                    }
                }
            }
            Choice::TakeTheirs => {
                if let Some(slot) = dialog.undo {
                    self.undo[slot] = None;
                }
                if form_entry {
                    self.form.discard();
                    self.load_form(self.form.date, self.form.leg);
                }
                if self.reload_or_say() {
                    self.say(
                        Tone::Info,
                        "Kept the entry as the journal holds it; yours was not saved",
                    );
                }
            }
        }
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

    /// What a write changes in the model besides the journal: a saved form
    /// is clean, a saved profile ends the setup, saved tests close their
    /// form.
    fn wrote(&mut self, write: &Change) {
        match write {
            // The form shows what was written (a save, or an undo putting
            // back the entry as it was), and is clean.
            Change::SaveCheckin(c) if c.date == self.form.date && c.leg == self.form.leg => {
                let focus = self.form.focus;
                self.form = CheckinForm::load(c.date, c.leg, Some(c));
                self.form.focus = focus;
                self.form_read = Some(c.clone());
            }
            Change::Tests(_) if matches!(self.modal, Some(Modal::Test(_))) => self.modal = None,
            // The outcome is recorded: back to the list, which no longer
            // holds the warning it closed.
            Change::Outcome { .. } | Change::OutcomeAll { .. } => {
                if let Some(Modal::OutcomeForm(form)) = &self.modal {
                    self.modal = Some(Modal::WarningList { selected: form.row });
                }
            }
            Change::Profile(_) => self.setup = None,
            _ => {}
        }
    }

    /// Keeps the selection on what was just written: the row added,
    /// restored, ticked or edited stays selected after the reload.
    fn follow(&mut self, write: &Change) {
        match write {
            Change::SaveCheckin(c) => self.history.selected.select((c.date, c.leg)),
            Change::Completion { exercise, .. }
            | Change::Session { exercise, .. }
            | Change::Done(crate::domain::Completion { exercise, .. }) => {
                self.checklist.selected.select(exercise.clone());
            }
            Change::Plan(entry) => self.checklist.selected.select(entry.exercise.clone()),
            Change::NewExercise(exercise) => self.checklist.selected.select(exercise.id.clone()),
            Change::Profile(_) => {
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
                let does = match change.change.unguarded() {
                    Change::DeleteCheckin(date, leg) => {
                        format!("This deletes the {leg} calf check-in of {date}, with any warning signs it carries.")
                    }
                    Change::SaveCheckin(old) => format!(
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
        if let Err(err) = self.storage.apply(&change.change, self.today) {
            match err {
                ChangeError::Store(err) => self.failed("Not undone", &err),
                ChangeError::Refused(why) => self.say(Tone::Error, format!("✗ Not undone: {why}")),
                ChangeError::Conflict(conflict) => {
                    self.conflicted(change.clone(), *conflict, Some(slot));
                    self.say(
                        Tone::Error,
                        "✗ Not undone: the entry was changed elsewhere after this write",
                    );
                }
            }
            self.undo[slot] = Some(change);
            return;
        }
        let change = Edit::new(change.change.unguarded().clone(), change.said);
        self.wrote(&change.change);
        if self.reload_or_say() {
            self.say(Tone::Success, format!("↶ Undone: {}", change.said));
        }
        self.follow(&change.change);
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
        if !self.write(Edit::new(Change::SaveCheckin(checkin), said)) {
            if let Some(Modal::Conflict(dialog)) = &mut self.modal {
                dialog.then = then;
            }
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
        // The window of today, as the reload after the save read it: the
        // engine reads the entry there, with what has closed its warning
        // since.
        let lines: Vec<String> = crate::clinical::stale_firings(&self.data.window.history(), leg, date, self.today)
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
                        "Copied {}: the scores (not running pain, the run, cross-training or signs) · {} saves",
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
        if let Err(err) = self.storage.apply(&Change::Acknowledge(ack.clone()), self.today) {
            // Keep the warning on screen: it has not been recorded.
            alarm.flags.insert(0, flag);
            self.change_failed("Could not record the acknowledgement", err);
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

/// What a write left in the rows it changed, for its undo to check they are
/// still so when `u` is pressed.
fn leaves(change: &Change, applied: &Applied) -> Vec<Expected> {
    match (change, applied) {
        (_, Applied::Checkin { after, .. }) => vec![Expected::Checkin {
            date: after.date,
            leg: after.leg,
            was: Some(after.clone()),
        }],
        (Change::DeleteCheckin(date, leg), _) => vec![Expected::Checkin {
            date: *date,
            leg: *leg,
            was: None,
        }],
        (_, Applied::Completion(c)) => vec![Expected::Completion {
            date: c.date,
            exercise: c.exercise.clone(),
            was: Some(c.clone()),
        }],
        (
            Change::Completion {
                date,
                exercise,
                done: None,
            },
            _,
        ) => vec![Expected::Completion {
            date: *date,
            exercise: exercise.clone(),
            was: None,
        }],
        _ => Vec::new(),
    }
}
