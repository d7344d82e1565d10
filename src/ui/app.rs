//! The model and `update` of The Elm Architecture. `update` takes an
//! [`Action`] (a key press, or the command it resolved to) and changes the
//! [`App`]; it draws nothing and reads no clock: "today" and "now" are
//! fields the shell sets. Writes go through [`Storage`], so tests drive the
//! whole app on an in-memory journal without a terminal.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyEvent, KeyEventKind};

use crate::clinical::Flag;
use crate::domain::{Acknowledgement, Leg, PhaseChange};
use crate::store::StoreError;

use super::capacity::TestForm;
use super::checkin::CheckinForm;
use super::checklist::ChecklistState;
use super::data::Data;
use super::history::HistoryState;
use super::keys::{self, Command, Context, Focus, When};
use super::setup::SetupForm;
use super::storage::Storage;
use super::theme::Theme;
use super::trends::TrendsState;
use super::{capacity, checkin, checklist, history, phase, setup, trends, warnings};

/// The four tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    CheckIn,
    Checklist,
    Trends,
    History,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::CheckIn, Tab::Checklist, Tab::Trends, Tab::History];

    /// "1 Check-in": the same heading the help overlay gives the tab.
    pub fn title(self) -> &'static str {
        self.context().title()
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    fn offset(self, by: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }

    fn context(self) -> Context {
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

/// A message to `update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A key press from the terminal; resolved through the key table.
    Key(KeyEvent),
    /// A command from the key table, with the key that triggered it.
    Run(Command, KeyEvent),
    /// Re-read the journal (the `r` key, or the terminal regained focus).
    Reload,
    /// The terminal's size in columns and rows: charts are brought down to
    /// the columns they get.
    Resize(u16, u16),
}

/// Where the user wants to go when unsaved changes stand in the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Tab(Tab),
    Day(NaiveDate),
    Leg(Leg),
    Open(NaiveDate, Leg),
    Quit,
}

/// A destructive step waiting for "yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deferred {
    DeleteCheckin(NaiveDate, Leg),
    RemoveExercise(String),
    /// Only ever built from the phase popup's offer, which exists only
    /// when every criterion holds.
    MovePhase(PhaseChange),
}

/// New emergency or urgent warnings waiting to be acknowledged, one at a
/// time, and where to go afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    pub flags: Vec<Flag>,
    pub then: Option<Pending>,
}

/// The exercise picker: catalogue ids not in the plan yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub ids: Vec<String>,
    pub selected: usize,
}

/// A window over the screen that takes the keys until it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    Help {
        scroll: u16,
    },
    WarningList {
        scroll: u16,
    },
    Confirm {
        question: String,
        on_yes: Deferred,
    },
    Unsaved(Pending),
    Alarm(Alarm),
    Picker(Picker),
    HowTo(String),
    Phase {
        scroll: u16,
    },
    /// The heel-raise test form of the Checklist tab.
    Test(TestForm),
}

impl Modal {
    fn context(&self) -> Context {
        match self {
            Modal::Help { .. } => Context::Help,
            Modal::WarningList { .. } => Context::WarningList,
            Modal::Confirm { .. } => Context::Confirm,
            Modal::Unsaved(_) => Context::Unsaved,
            Modal::Alarm(_) => Context::Alarm,
            Modal::Picker(_) => Context::Picker,
            Modal::HowTo(_) => Context::HowTo,
            Modal::Phase { .. } => Context::Phase,
            Modal::Test(_) => Context::CapacityTest,
        }
    }
}

/// How the status line reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

/// One line of feedback after a key press.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub tone: Tone,
    pub text: String,
}

/// The whole state of the terminal app.
pub struct App {
    pub(super) storage: Box<dyn Storage>,
    /// The day the app treats as today; never read from a clock in here.
    pub today: NaiveDate,
    /// The wall-clock time stamped on acknowledgements, set by the shell.
    pub now: NaiveDateTime,
    pub theme: Theme,
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
}

impl App {
    /// Loads everything the first frame shows, so it already has real data.
    pub fn new(storage: Box<dyn Storage>, today: NaiveDate, now: NaiveDateTime) -> Result<App, StoreError> {
        let data = Data::load(&*storage, today)?;
        let leg = data.default_leg();
        let existing = storage.checkin(today, leg)?;
        let setup = data.profile.is_none().then(SetupForm::new);
        Ok(App {
            today,
            now,
            theme: Theme::default(),
            tab: Tab::CheckIn,
            modal: None,
            setup,
            form: CheckinForm::load(today, leg, existing.as_ref()),
            checklist: ChecklistState::default(),
            trends: TrendsState::default(),
            trends_cache: trends::Cache::default(),
            size: (80, 24),
            history: HistoryState::default(),
            data,
            status: None,
            quit: false,
            storage,
        })
    }

    /// Where the keyboard is right now.
    pub fn focus(&self) -> Focus {
        if let Some(modal) = &self.modal {
            let field = match modal {
                Modal::Phase { .. } if phase::offer(&self.data.phase).is_some() => When::Offer,
                _ => When::Always,
            };
            return Focus::new(modal.context(), field);
        }
        if let Some(setup) = &self.setup {
            return Focus::new(Context::Setup, setup.when());
        }
        let field = match self.tab {
            Tab::CheckIn => self.form.when(),
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

    pub(super) fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            tone,
            text: text.into(),
        });
    }

    pub(super) fn failed(&mut self, what: &str, err: &StoreError) {
        self.say(Tone::Error, format!("✗ {what}: {err}"));
    }

    /// Re-reads the journal after a write or on request. A form with
    /// unsaved changes is left alone; a clean one follows the journal, so
    /// an entry made with the CLI shows up.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let mut data = Data::load(&*self.storage, self.today)?;
        if self.tab.needs_checkins() {
            data.ensure_checkins(&*self.storage, self.today)?;
        }
        self.data = data;
        self.trends_cache.clear();
        self.refresh_trends();
        if !self.form.is_dirty() {
            self.read_form(self.form.date, self.form.leg)?;
        }
        self.history.clamp(self.data.checkins().len());
        Ok(())
    }

    /// Reloads, reporting a failure on the status line.
    pub(super) fn reload_or_say(&mut self) {
        if let Err(err) = self.reload() {
            self.failed("Could not read the journal", &err);
        }
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
            Pending::Day(date) => self.load_form(date, self.form.leg),
            Pending::Leg(leg) => self.load_form(self.form.date, leg),
            Pending::Open(date, leg) => {
                self.load_form(date, leg);
                self.switch_tab(Tab::CheckIn);
            }
            Pending::Quit => self.quit = true,
        }
    }

    fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        if tab.needs_checkins() {
            match self.data.ensure_checkins(&*self.storage, self.today) {
                Ok(true) => self.trends_cache.clear(),
                Ok(false) => {}
                Err(err) => self.failed("Could not read the check-ins", &err),
            }
        }
    }

    /// Brings the Trends tab's series up to date while it is showing; a
    /// no-op when nothing they depend on changed.
    pub(super) fn refresh_trends(&mut self) {
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
        self.form = CheckinForm::load(date, leg, existing.as_ref());
        self.form.focus = focus;
        Ok(())
    }

    /// Validates and saves the form. On success, compares the warnings
    /// before and after and opens the alarm for any new emergency or urgent
    /// one; `then` runs after it is acknowledged (or at once if none).
    pub(super) fn save_form(&mut self, then: Option<Pending>) {
        let checkin = match self.form.to_input().validate(self.form.date, self.form.leg, self.today) {
            Ok(checkin) => checkin,
            Err(err) => {
                self.say(Tone::Error, format!("✗ Not saved: {err}"));
                self.form.error = Some(err);
                return;
            }
        };
        if let Err(err) = self.storage.save_checkin(&checkin) {
            self.failed("Not saved", &err);
            return;
        }
        self.form.mark_saved();
        let before = self.data.assessment.flags.clone();
        self.reload_or_say();
        self.say(
            Tone::Success,
            format!("✓ Saved {} calf for {}", checkin.leg, checkin.date),
        );
        let fresh = warnings::new_alarms(&before, &self.data.assessment.flags, &self.data);
        if fresh.is_empty() {
            if let Some(pending) = then {
                self.perform(pending);
            }
        } else {
            self.modal = Some(Modal::Alarm(Alarm { flags: fresh, then }));
        }
    }

    /// Stores the acknowledgement of the alarm's first flag; shows the
    /// next, or closes and goes on.
    fn acknowledge(&mut self, mut alarm: Alarm) {
        if alarm.flags.is_empty() {
            return;
        }
        let flag = alarm.flags.remove(0);
        let ack = Acknowledgement {
            rule: flag.rule.id().to_owned(),
            leg: flag.leg,
            date: flag.since,
            acknowledged_at: self.now,
        };
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

/// The heart of the app: one message in, the state changed, and maybe a
/// follow-up message out (a key becomes its command). The shell loops until
/// this returns `None`.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    let next = step(app, action);
    app.refresh_trends();
    next
}

fn step(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Key(key) => {
            if key.kind != KeyEventKind::Press {
                return None;
            }
            let binding = keys::resolve(app.focus(), key)?;
            app.status = None;
            Some(Action::Run(binding.command, key))
        }
        Action::Reload => {
            app.reload_or_say();
            None
        }
        Action::Resize(columns, rows) => {
            app.size = (columns, rows);
            None
        }
        Action::Run(command, key) => {
            if let Some(modal) = app.modal.take() {
                on_modal(app, modal, command, key);
            } else if app.setup.is_some() {
                setup::update(app, command, key);
            } else if !on_global(app, command, key) {
                match app.tab {
                    Tab::CheckIn => checkin::update(app, command, key),
                    Tab::Checklist => checklist::update(app, command, key),
                    Tab::Trends => trends::update(app, command),
                    Tab::History => history::update(app, command),
                }
            }
            None
        }
    }
}

/// The global bindings; returns whether `command` was one.
fn on_global(app: &mut App, command: Command, key: KeyEvent) -> bool {
    match command {
        Command::GoTab => {
            let tab = keys::digit(key)
                .and_then(|d| Tab::ALL.get(usize::from(d).wrapping_sub(1)))
                .copied();
            if let Some(tab) = tab {
                app.go(Pending::Tab(tab));
            }
        }
        Command::NextTab => app.go(Pending::Tab(app.tab.offset(1))),
        Command::PrevTab => app.go(Pending::Tab(app.tab.offset(-1))),
        Command::Help => app.modal = Some(Modal::Help { scroll: 0 }),
        Command::ShowWarnings => app.modal = Some(Modal::WarningList { scroll: 0 }),
        Command::Reload => {
            app.reload_or_say();
            if app.status.is_none() {
                app.say(Tone::Info, "Reloaded the journal");
            }
        }
        Command::Quit => app.go(Pending::Quit),
        _ => return false,
    }
    true
}

/// Keys while a modal is open. The modal was taken out of `app`; put it
/// back unless the command closes it.
fn on_modal(app: &mut App, modal: Modal, command: Command, key: KeyEvent) {
    let scrolled = |scroll: u16| match command {
        Command::Up => Some(scroll.saturating_sub(1)),
        Command::Down => Some(scroll.saturating_add(1)),
        _ => None,
    };
    app.modal = match (modal, command) {
        (Modal::Help { scroll }, _) => scrolled(scroll).map(|scroll| Modal::Help { scroll }),
        (Modal::WarningList { scroll }, _) => scrolled(scroll).map(|scroll| Modal::WarningList { scroll }),
        (Modal::Phase { scroll }, Command::Up | Command::Down) => {
            scrolled(scroll).map(|scroll| Modal::Phase { scroll })
        }
        (Modal::Confirm { on_yes, .. }, Command::Yes) => {
            run_deferred(app, on_yes);
            None
        }
        (Modal::Confirm { .. }, _) => {
            app.say(Tone::Info, "Nothing changed");
            None
        }
        (Modal::Unsaved(pending), Command::SaveAndContinue) => {
            app.save_form(Some(pending));
            return;
        }
        (Modal::Unsaved(pending), Command::Discard) => {
            app.form.discard();
            app.perform(pending);
            return;
        }
        (Modal::Unsaved(_), _) => None,
        (Modal::Alarm(alarm), Command::Acknowledge) => {
            app.acknowledge(alarm);
            return;
        }
        (modal @ Modal::Alarm(_), _) => Some(modal),
        (Modal::Picker(picker), command) => return checklist::on_picker(app, picker, command),
        (Modal::HowTo(_), _) => None,
        (Modal::Phase { scroll }, command) => phase::on_popup(app, scroll, command),
        (Modal::Test(form), command) => capacity::on_popup(app, form, command, key),
    };
}

fn run_deferred(app: &mut App, deferred: Deferred) {
    match deferred {
        Deferred::DeleteCheckin(date, leg) => history::delete(app, date, leg),
        Deferred::RemoveExercise(id) => checklist::remove(app, &id),
        Deferred::MovePhase(change) => phase::move_on(app, &change),
    }
}
