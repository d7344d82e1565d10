//! The model and `update` of The Elm Architecture. `update` takes an
//! [`Action`] (a key press, or the input it resolved to); the tab or dialog
//! in view changes its own state and returns [`Effect`]s, and
//! [`App::apply`] alone carries them out: it is the one place that writes
//! through [`Storage`], reloads, keeps the undo of each tab and sets the
//! status line. `update` draws nothing and reads no clock: "today" and
//! "now" are fields the shell sets, so tests drive the whole app on an
//! in-memory journal without a terminal.

pub mod data;
pub mod effect;
pub mod storage;

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyEvent, KeyEventKind};

use crate::clinical::RuleId;
use crate::domain::{CheckIn, Leg};
use crate::service::OutcomeError;
use crate::store::StoreError;
use crate::units::WeekStart;

use crate::ui::app::data::Data;
use crate::ui::app::storage::Storage;
use crate::ui::dialogs::setup::SetupForm;
use crate::ui::dialogs::{heel_raise_form as capacity, outcome_form as resolve, phase_details as phase, setup};
use crate::ui::keys::{self, Command, Context, Focus, When};
use crate::ui::tabs::checkin::CheckinForm;
use crate::ui::tabs::checklist::ChecklistState;
use crate::ui::tabs::history::HistoryState;
use crate::ui::tabs::trends::TrendsState;
use crate::ui::tabs::{checkin, checklist, history, trends};
use crate::ui::widgets::theme::Theme;
use crate::ui::widgets::warnings;

pub use crate::ui::app::effect::{
    Alarm, Change, Effect, Modal, Outcome, Pending, Picker, Status, Tab, Tone, View, Write,
};
pub use crate::ui::keys::Input;

impl Tab {
    /// "F1 Check-in": the key that reaches the tab and its name, as the tab
    /// bar and the help overlay show it.
    pub fn title(self) -> &'static str {
        self.context().title()
    }

    pub fn context(self) -> Context {
        match self {
            Tab::CheckIn => Context::CheckIn,
            Tab::Checklist => Context::Checklist,
            Tab::Trends => Context::Trends,
            Tab::History => Context::History,
        }
    }

    /// Tabs that draw from every check-in.
    fn needs_checkins(self) -> bool {
        matches!(self, Tab::Trends | Tab::History)
    }
}

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

/// A message to `update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A key press from the terminal; resolved through the key table.
    Key(KeyEvent),
    /// A key press resolved: the command and the character it carried.
    Run(Input),
    /// Re-read the journal (the terminal regained focus).
    Reload,
    /// The terminal's size in columns and rows: charts are brought down to
    /// the columns they get.
    Resize(u16, u16),
    /// This many milliseconds went by (sent only while a guided session's
    /// timer runs, see [`App::wants_ticks`]).
    Tick(u32),
}

impl Modal {
    fn context(&self) -> Context {
        match self {
            Modal::Help { .. } => Context::Help,
            Modal::WarningList { .. } => Context::WarningList,
            Modal::Confirm { .. } | Modal::Draft(_) => Context::Confirm,
            Modal::Unsaved(_) => Context::Unsaved,
            Modal::Alarm(_) => Context::Alarm,
            Modal::Picker(_) => Context::Picker,
            Modal::HowTo(_) => Context::HowTo,
            Modal::Phase { .. } => Context::Phase,
            Modal::PlanDiff(_) => Context::PlanDiff,
            Modal::Session(_) => Context::Session,
            Modal::ExerciseForm(_) => Context::ExerciseForm,
            Modal::Test(_) => Context::CapacityTest,
            Modal::Note { .. } => Context::Note,
            Modal::OutcomeForm(_) => Context::OutcomeForm,
        }
    }
}

/// The whole state of the terminal app.
pub struct App {
    pub(super) storage: Box<dyn Storage>,
    /// The day the app treats as today; never read from a clock in here.
    pub today: NaiveDate,
    /// The wall-clock time stamped on acknowledgements, set by the shell.
    pub now: NaiveDateTime,
    pub theme: Theme,
    /// The unit distances are shown and typed in (config `units`).
    pub units: crate::units::Units,
    pub tab: Tab,
    pub modal: Option<Modal>,
    /// The first-run profile form, while there is no profile.
    pub setup: Option<SetupForm>,
    pub form: CheckinForm,
    pub checklist: ChecklistState,
    pub trends: TrendsState,
    /// The Trends tab's derived series, kept between frames.
    pub trends_cache: trends::Cache,
    /// The terminal's size (columns, rows), from `Action::Resize`.
    pub size: (u16, u16),
    pub history: HistoryState,
    pub data: Data,
    pub status: Option<Status>,
    pub quit: bool,
    /// For each tab, what `u` does: the inverse of the tab's last write;
    /// the last slot is the warning list's (an outcome recorded).
    undo: [Option<Change>; 5],
    /// The History row the form was opened from: saving it goes back there.
    return_to: Option<(NaiveDate, Leg)>,
    /// How far the open scrolling dialog can scroll at the size it was last
    /// drawn (set while drawing; unlimited until then).
    pub scroll_limit: std::cell::Cell<u16>,
}

/// The read-only view a tab gets, built from the fields themselves so the
/// tab's own state can be borrowed mutably beside it.
macro_rules! view {
    ($app:expr) => {
        View {
            data: &$app.data,
            today: $app.today,
            theme: $app.theme,
            units: $app.units,
            covered: $app.modal.is_some(),
            scroll_limit: $app.scroll_limit.get(),
        }
    };
}

impl App {
    /// Loads everything the first frame shows, so it already has real data.
    pub fn new(storage: Box<dyn Storage>, today: NaiveDate, now: NaiveDateTime) -> Result<App, StoreError> {
        App::with_week(storage, today, now, WeekStart::default())
    }

    /// [`App::new`] with the config's first day of the week, so the start
    /// reads the journal once whatever the week.
    pub fn with_week(
        storage: Box<dyn Storage>,
        today: NaiveDate,
        now: NaiveDateTime,
        week: WeekStart,
    ) -> Result<App, StoreError> {
        let mut data = Data::load(&*storage, today, week)?;
        data.load_day(&*storage, today)?;
        let leg = data.default_leg();
        let existing = storage.checkin(today, leg)?;
        let setup = data.profile.is_none().then(SetupForm::new);
        Ok(App {
            today,
            now,
            theme: Theme::default(),
            units: crate::units::Units::Km,
            tab: Tab::CheckIn,
            modal: None,
            setup,
            form: CheckinForm::load(today, leg, existing.as_ref()),
            checklist: ChecklistState::new(today),
            trends: TrendsState::default(),
            trends_cache: trends::Cache::default(),
            size: (80, 24),
            history: HistoryState::default(),
            data,
            status: None,
            quit: false,
            undo: Default::default(),
            return_to: None,
            scroll_limit: std::cell::Cell::new(u16::MAX),
            storage,
        })
    }

    /// What the tabs read.
    pub fn view(&self) -> View<'_> {
        view!(self)
    }

    /// Where the keyboard is right now.
    pub fn focus(&self) -> Focus {
        if let Some(modal) = &self.modal {
            let field = match modal {
                Modal::Phase { .. } if phase::offer(&self.data.phase).is_some() => When::Offer,
                // A not-seen close of an emergency or urgent warning is
                // confirmed first (SPEC 5.2): yes or no, nothing else.
                Modal::OutcomeForm(form) if form.confirming => {
                    return Focus::new(Context::Confirm, When::Always);
                }
                Modal::OutcomeForm(form) => form.when(),
                Modal::ExerciseForm(_) => When::Text,
                _ => When::Always,
            };
            return Focus::new(modal.context(), field);
        }
        if let Some(setup) = &self.setup {
            return Focus::new(Context::Setup, setup.when());
        }
        let field = match self.tab {
            Tab::CheckIn => self.form.when(),
            Tab::Checklist if !checklist::rows(&self.data, self.checklist.date).is_empty() => When::Score,
            _ => When::Always,
        };
        Focus::new(self.tab.context(), field)
    }

    /// The context under any modal, for the help overlay.
    pub fn screen_context(&self) -> Context {
        if self.setup.is_some() {
            Context::Setup
        } else {
            self.tab.context()
        }
    }

    /// Sets the status line, by the one rule: an error stays until the
    /// next key press; nothing said after it in the same step replaces it.
    pub(super) fn say(&mut self, tone: Tone, text: impl Into<String>) {
        if tone != Tone::Error && self.status.as_ref().is_some_and(|s| s.tone == Tone::Error) {
            return;
        }
        self.status = Some(Status {
            tone,
            text: text.into(),
        });
    }

    fn failed(&mut self, what: &str, err: &StoreError) {
        self.say(Tone::Error, format!("✗ {what}: {err}"));
    }

    /// Re-reads the journal after a write or on request. A form with
    /// unsaved changes is left alone; a clean one follows the journal, so
    /// an entry made with the CLI shows up.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let mut data = Data::load(&*self.storage, self.today, self.data.week)?;
        if self.tab.needs_checkins() {
            data.ensure_checkins(&*self.storage, self.today)?;
        }
        data.load_day(&*self.storage, self.checklist.date)?;
        self.data = data;
        self.trends_cache.clear();
        self.refresh_trends();
        if !self.form.is_dirty() {
            self.read_form(self.form.date, self.form.leg)?;
        }
        Ok(())
    }

    /// Reloads, reporting a failure on the status line; says whether it
    /// worked.
    fn reload_or_say(&mut self) -> bool {
        match self.reload() {
            Ok(()) => true,
            Err(err) => {
                self.failed("Could not read the journal", &err);
                false
            }
        }
    }

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
            Effect::RestoreDraft(draft) => crate::ui::dialogs::draft::restore(self, &draft),
            Effect::DeclineDraft(draft) => self.say(Tone::Info, crate::ui::dialogs::draft::decline(&draft)),
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
        if let Some(write) = inverse {
            let said = change.said.trim_start_matches("✓ ").to_owned();
            self.undo[slot] = Some(Change::new(write, said));
        }
        match self.reload() {
            Ok(()) => {
                let said = if undoable {
                    format!("{} · u undoes", change.said)
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
    /// covers the screen until acknowledged (SPEC 5.2), whichever write
    /// opened it. Where to go afterwards is the caller's to add.
    fn raise_alarms(&mut self, before: &[crate::clinical::Flag]) {
        let fresh = warnings::new_alarms(before, &self.data.assessment.flags, &self.data);
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
                Ok(closed) => Ok(Some(resolve::said_all(&closed, *leg, *result, *date))),
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

    /// Whether the shell should send ticks: a guided session's timer is
    /// running. Otherwise the app waits for keys and draws nothing new.
    pub fn wants_ticks(&self) -> bool {
        matches!(&self.modal, Some(Modal::Session(session)) if session.running())
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
                "The form has unsaved changes: save or discard them before u",
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

    /// Goes where `pending` says, asking first when that would drop
    /// unsaved changes in the form.
    pub(super) fn go(&mut self, pending: Pending) {
        let leaves_form = match pending {
            Pending::Tab(tab) => tab != Tab::CheckIn,
            Pending::Day(_) | Pending::Leg(_) | Pending::Open(..) | Pending::Quit => true,
        };
        if leaves_form && self.form.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.perform(pending);
        }
    }

    fn perform(&mut self, pending: Pending) {
        match pending {
            Pending::Tab(tab) => self.switch_tab(tab),
            Pending::Day(date) => {
                self.return_to = None;
                self.load_form(date, self.form.leg);
            }
            Pending::Leg(leg) => {
                self.return_to = None;
                self.load_form(self.form.date, leg);
            }
            Pending::Open(date, leg) => {
                self.load_form(date, leg);
                self.switch_tab(Tab::CheckIn);
                self.return_to = Some((date, leg));
                self.say(
                    Tone::Info,
                    format!("Editing the {leg} calf check-in of {date} · Ctrl-s saves and goes back to History"),
                );
            }
            Pending::Quit => self.quit = true,
        }
    }

    fn switch_tab(&mut self, tab: Tab) {
        if tab != Tab::CheckIn {
            self.return_to = None;
        }
        self.tab = tab;
        if tab.needs_checkins() {
            match self.data.ensure_checkins(&*self.storage, self.today) {
                Ok(true) => self.trends_cache.clear(),
                Ok(false) => {}
                Err(err) => self.failed("Could not read the check-ins", &err),
            }
        }
    }

    /// Brings the Trends tab's series up to date while it is showing, and
    /// the Checklist's day's completions when its day changed; a no-op
    /// when nothing they depend on changed.
    fn refresh(&mut self) {
        if self.data.day_date != Some(self.checklist.date)
            && let Err(err) = self.data.load_day(&*self.storage, self.checklist.date)
        {
            self.failed("Could not read that day's exercises", &err);
        }
        self.refresh_trends();
    }

    fn refresh_trends(&mut self) {
        if self.tab == Tab::Trends {
            let columns = trends::chart_columns(self.size.0);
            self.trends_cache.refresh(&self.data, &self.trends, self.today, columns);
        }
    }

    /// Puts the entry of `date` and `leg` (or a blank form) in the form.
    pub(super) fn load_form(&mut self, date: NaiveDate, leg: Leg) {
        if let Err(err) = self.read_form(date, leg) {
            self.failed("Could not read the check-in", &err);
        }
    }

    /// Shows the journal's entry for `date` and `leg` in the form, keeping
    /// the field in focus.
    fn read_form(&mut self, date: NaiveDate, leg: Leg) -> Result<(), StoreError> {
        let existing = self.storage.checkin(date, leg)?;
        let focus = self.form.focus;
        self.form = CheckinForm::load_in(date, leg, existing.as_ref(), self.units);
        self.form.focus = focus;
        Ok(())
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
    /// what the save said (SPEC 5.2: "this entry of DATE shows SIGNS; that
    /// warning is no longer open today …").
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
                        "Copied {}: scores, run, cross-training; not signs · Ctrl-s saves",
                        previous.date
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
        let ack = crate::ui::app::effect::acknowledgement(&flag, self.now);
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

    /// The global bindings, as effects; `None` when `input` is not one.
    fn global(&self, input: Input) -> Option<Effect> {
        Some(match input.command {
            Command::GoTab(i) => Effect::Go(Pending::Tab(*Tab::ALL.get(usize::from(i))?)),
            Command::NextTab => Effect::Go(Pending::Tab(self.tab.offset(1))),
            Command::PrevTab => Effect::Go(Pending::Tab(self.tab.offset(-1))),
            Command::Help => Effect::open(Modal::Help { scroll: 0 }),
            Command::ShowWarnings => Effect::open(Modal::WarningList { selected: 0 }),
            Command::Reload => Effect::Reload,
            Command::Quit => Effect::Go(Pending::Quit),
            _ => return None,
        })
    }
}

/// The heart of the app: one message in, the state changed, and maybe a
/// follow-up message out (a key becomes its input). The shell loops until
/// this returns `None`.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    let next = step(app, action);
    app.refresh();
    next
}

fn step(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Key(key) => {
            if key.kind != KeyEventKind::Press {
                return None;
            }
            let input = keys::input(app.focus(), key)?;
            app.status = None;
            Some(Action::Run(input))
        }
        Action::Reload => {
            app.reload_or_say();
            None
        }
        Action::Resize(columns, rows) => {
            app.size = (columns, rows);
            None
        }
        Action::Tick(ms) => {
            if let Some(Modal::Session(session)) = app.modal.as_mut() {
                session.tick(ms);
            }
            None
        }
        Action::Run(input) => {
            let effects = if let Some(modal) = app.modal.take() {
                let outcome = on_modal(&view!(app), modal, input);
                app.modal = outcome.modal;
                outcome.effects
            } else if let Some(form) = app.setup.as_mut() {
                setup::update(form, input, &view!(app))
            } else if let Some(effect) = app.global(input) {
                vec![effect]
            } else {
                let view = view!(app);
                match app.tab {
                    Tab::CheckIn => checkin::update(&mut app.form, input, &view),
                    Tab::Checklist => checklist::update(&mut app.checklist, input, &view),
                    Tab::Trends => trends::update(&mut app.trends, input, &view),
                    Tab::History => history::update(&mut app.history, input, &view),
                }
            };
            for effect in effects {
                app.apply(effect);
            }
            None
        }
    }
}

/// Keys while a dialog is open: each dialog answers with an [`Outcome`].
fn on_modal(view: &View, modal: Modal, input: Input) -> Outcome {
    let scrolled = |scroll: u16| match input.command {
        Command::Up => Some(scroll.min(view.scroll_limit).saturating_sub(1)),
        Command::Down => Some(scroll.saturating_add(1).min(view.scroll_limit)),
        _ => None,
    };
    match (modal, input.command) {
        (Modal::Help { scroll }, _) => {
            scrolled(scroll).map_or_else(Outcome::close, |scroll| Outcome::keep(Modal::Help { scroll }))
        }
        (Modal::WarningList { selected }, _) => on_warning_list(view, selected, input),
        (Modal::OutcomeForm(form), _) => resolve::on_popup(form, input, view),
        (Modal::Note { date, leg, scroll }, _) => scrolled(scroll).map_or_else(Outcome::close, |scroll| {
            Outcome::keep(Modal::Note { date, leg, scroll })
        }),
        (Modal::Confirm { on_yes, .. }, Command::Yes) => Outcome::close().with(*on_yes),
        (Modal::Confirm { .. }, _) => Outcome::close().with(Effect::info("Nothing changed")),
        (Modal::Draft(draft), Command::Yes) => Outcome::close().with(Effect::RestoreDraft(draft)),
        (Modal::Draft(draft), _) => Outcome::close().with(Effect::DeclineDraft(draft)),
        (Modal::Unsaved(pending), Command::SaveAndContinue) => Outcome::close().with(Effect::SaveForm(Some(pending))),
        (Modal::Unsaved(pending), Command::Discard) => Outcome::close().with(Effect::Discard(pending)),
        (Modal::Unsaved(_), _) => Outcome::close(),
        (Modal::Alarm(alarm), Command::Acknowledge) => Outcome::close().with(Effect::Acknowledge(alarm)),
        (modal @ Modal::Alarm(_), _) => Outcome::keep(modal),
        (Modal::Picker(picker), _) => checklist::on_picker(picker, input, view),
        (Modal::HowTo(_), _) => Outcome::close(),
        (Modal::Phase { scroll }, _) => phase::on_popup(scroll, input, view),
        (Modal::PlanDiff(diff), _) => crate::ui::dialogs::plan_diff::on_key(diff, input, view),
        (Modal::Session(session), _) => crate::ui::dialogs::guided_session::on_key(session, input, view),
        (Modal::ExerciseForm(form), _) => crate::ui::dialogs::exercise_form::on_key(form, input, view),
        (Modal::Test(form), _) => capacity::on_popup(form, input, view),
    }
}

/// Keys in the warning list: ↑/↓ select a warning, `o` opens the outcome
/// form for it, `u` undoes the last outcome recorded.
fn on_warning_list(view: &View, selected: usize, input: Input) -> Outcome {
    let flags = warnings::sorted(&view.data.assessment.flags);
    let last = flags.len().saturating_sub(1);
    let selected = selected.min(last);
    let keep = |selected| Outcome::keep(Modal::WarningList { selected });
    match input.command {
        Command::Up => keep(selected.saturating_sub(1)),
        Command::Down => keep((selected + 1).min(last)),
        Command::RecordOutcome => match flags.get(selected) {
            Some(flag) => Outcome::keep(Modal::OutcomeForm(
                resolve::OutcomeForm::new((*flag).clone(), selected, view.today).with_calf(
                    view.data
                        .assessment
                        .flags
                        .iter()
                        .filter(|f| f.leg == flag.leg)
                        .cloned()
                        .collect(),
                ),
            )),
            None => keep(selected).with(Effect::info("No active warning to record an outcome for")),
        },
        Command::Undo => keep(selected).with(Effect::Undo),
        _ => Outcome::close(),
    }
}
