//! The model of The Elm Architecture: [`App`] holds the whole state of
//! the terminal app, and [`View`] is the read-only part every tab and
//! dialog draws from. The rest of the cycle lives beside it:
//!
//! - [`update()`] takes an [`Action`] (a key press, or the input it
//!   resolved to); the tab or dialog in view changes its own state and
//!   returns [`Effect`]s;
//! - [`App::apply`] (in `apply.rs`) alone carries them out: it is the one
//!   place that writes through [`Storage`], reloads, keeps the undo of each
//!   tab and sets the status line;
//! - [`navigate`] goes to another tab, day or leg, asking first when the
//!   form has unsaved changes.
//!
//! Nothing here draws or reads a clock: "today" and "now" are fields the
//! shell sets, so tests drive the whole app on an in-memory journal without
//! a terminal.

pub mod apply;
pub mod data;
pub mod effect;
pub mod navigate;
pub mod storage;
pub mod update;
pub mod write;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{CheckIn, Leg};
use crate::store::StoreError;
use crate::units::WeekStart;

use crate::ui::dialogs::Modal;
use crate::ui::dialogs::phase_details;
use crate::ui::dialogs::setup::SetupForm;
use crate::ui::keys::{Context, Focus, When};
use crate::ui::tabs::Tab;
use crate::ui::tabs::checkin::CheckinForm;
use crate::ui::tabs::checklist::{self, ChecklistState};
use crate::ui::tabs::history::HistoryState;
use crate::ui::tabs::trends::{self, TrendsState};
use crate::ui::widgets::theme::Theme;

use data::Data;
use effect::{Status, Tone};
use navigate::Pending;
use storage::Storage;

pub use effect::Effect;
pub use update::{Action, paste, update};

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
    /// Whether the guided session's changes ring the terminal bell
    /// (config `bell`, on by default).
    pub bell: bool,
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
    undo: [Option<write::Edit>; 5],
    /// The History row the form was opened from: saving it goes back there.
    return_to: Option<(NaiveDate, Leg)>,
    /// What the journal held for the form's date and leg when the form read
    /// it: a save is refused if the entry changed since (another soleus).
    form_read: Option<CheckIn>,
    /// How far the open scrolling dialog can scroll at the size it was last
    /// drawn (set while drawing; unlimited until then).
    pub scroll_limit: std::cell::Cell<u16>,
    /// The help overlay as last drawn: its page height and the first row
    /// it showed (paging needs them, and only the drawing knows them).
    pub help_drawn: std::cell::Cell<(u16, u16)>,
}

/// What every tab may read: the journal as last loaded, today, the theme.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub data: &'a Data,
    pub today: NaiveDate,
    pub theme: Theme,
    /// The unit distances are shown in (config `units`).
    pub units: crate::units::Units,
    /// A dialog covers the tab (so it places no terminal cursor).
    pub covered: bool,
    /// How far the open scrolling dialog can scroll, as last drawn.
    pub scroll_limit: u16,
    /// The help's page height and first row shown, as last drawn.
    pub help_drawn: (u16, u16),
}

/// The read-only view a tab gets, built from the fields themselves so the
/// tab's own state can be borrowed mutably beside it.
macro_rules! view {
    ($app:expr) => {
        $crate::ui::app::View {
            data: &$app.data,
            today: $app.today,
            theme: $app.theme,
            units: $app.units,
            covered: $app.modal.is_some(),
            scroll_limit: $app.scroll_limit.get(),
            help_drawn: $app.help_drawn.get(),
        }
    };
}
pub(crate) use view;

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
        let mut data = Data::load(&*storage, today, week, false)?;
        let day = storage.day(today)?;
        let leg = data.default_leg();
        let existing = day.checkin(leg).cloned();
        data.day = day.completions;
        data.day_date = Some(today);
        let setup = data.profile.is_none().then(SetupForm::new);
        // A record that cannot be read is left out of every screen: the
        // first status line says which, not only stderr at the end.
        let left_out = storage.left_out();
        let status = (!left_out.is_empty()).then(|| effect::Status {
            tone: effect::Tone::Error,
            text: crate::store::left_out_line(&left_out),
        });
        Ok(App {
            today,
            now,
            theme: Theme::default(),
            units: crate::units::Units::Km,
            bell: true,
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
            status,
            quit: false,
            undo: Default::default(),
            return_to: None,
            form_read: existing,
            scroll_limit: std::cell::Cell::new(u16::MAX),
            help_drawn: std::cell::Cell::new((1, 0)),
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
                Modal::Phase { .. } if phase_details::offer(&self.data.phase).is_some() => When::Offer,
                // A not-seen close of an emergency or urgent warning is
                // confirmed first (see docs/clinical-rules.md, outcomes): yes
                // or no, nothing else.
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
    pub(in crate::ui) fn say(&mut self, tone: Tone, text: impl Into<String>) {
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
        let mut data = Data::load(&*self.storage, self.today, self.data.week, self.tab.needs_checkins())?;
        data.load_day(&*self.storage, self.checklist.date)?;
        // The engine's words hold km; the app shows the config's unit.
        data.set_units(self.units);
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

    /// Whether the shell should send ticks: a guided session's timer is
    /// running. Otherwise the app waits for keys and draws nothing new.
    pub fn wants_ticks(&self) -> bool {
        matches!(&self.modal, Some(Modal::Session(session)) if session.running())
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
    pub(in crate::ui) fn load_form(&mut self, date: NaiveDate, leg: Leg) {
        if let Err(err) = self.read_form(date, leg) {
            self.failed("Could not read the check-in", &err);
        }
    }

    /// Shows the journal's entry for `date` and `leg` in the form, keeping
    /// the field in focus.
    fn read_form(&mut self, date: NaiveDate, leg: Leg) -> Result<(), StoreError> {
        let existing = self.storage.day(date)?.checkin(leg).cloned();
        let focus = self.form.focus;
        self.form = CheckinForm::load_in(date, leg, existing.as_ref(), self.units);
        self.form.focus = focus;
        self.form_read = existing;
        Ok(())
    }
}

/// The bells the guided session rang since the last call, for the shell
/// to write as BEL bytes; 0 when the config says `bell = false`.
pub fn take_bells(app: &mut App) -> u32 {
    match app.modal.as_mut() {
        Some(Modal::Session(session)) => {
            let bells = session.take_bells();
            if app.bell { bells } else { 0 }
        }
        _ => 0,
    }
}

/// The config file's part of the app, applied once at start: the theme
/// (NO_COLOR still wins), the distance unit, the leg the form opens on and
/// the first tab, and the week's first day.
pub fn apply_config(app: &mut App, config: &crate::config::Config) {
    use crate::config::FirstTab;
    app.theme = Theme::from_config(config);
    app.units = config.units;
    app.bell = config.bell.0;
    app.data.set_units(config.units);
    if config.week_start != app.data.week {
        app.data.week = config.week_start;
        // Read again with that week; a failure says so on the status line.
        if let Err(err) = app.reload() {
            app.say(Tone::Error, format!("✗ Could not read the journal: {err}"));
        }
    }
    let leg = config
        .default_leg
        .leg()
        .filter(|_| app.setup.is_none())
        .unwrap_or(app.form.leg);
    if leg != app.form.leg || app.units != app.form.units {
        app.load_form(app.today, leg);
    }
    let tab = match config.first_tab {
        FirstTab::Checkin => Tab::CheckIn,
        FirstTab::Checklist => Tab::Checklist,
        FirstTab::Trends => Tab::Trends,
        FirstTab::History => Tab::History,
    };
    if tab != app.tab {
        app.go(Pending::Tab(tab));
    }
}
