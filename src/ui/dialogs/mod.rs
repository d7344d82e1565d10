//! The dialogs: a window over the screen that takes the keys until it
//! closes. [`Modal`] is the one open, with its state. Each dialog's file
//! has its key handler, which returns a [`Reply`] (the dialog to show next
//! and the effects to carry out, after tui-journal's `PopupReturn`), and
//! its `render`; [`update`] and [`render`] dispatch to the one in view.
//! The first-run [`setup`] screen is here too: a form over the whole
//! screen until the profile is saved.

pub mod alarm;
pub mod confirm;
pub mod conflict;
pub mod draft;
pub mod exercise_form;
pub mod guided_session;
pub mod heel_raise_form;
pub mod help;
pub mod how_to;
pub mod note;
pub mod outcome_form;
pub mod phase_details;
pub mod picker;
pub mod plan_diff;
pub mod setup;
pub mod unsaved;
pub mod warning_list;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Leg;

use crate::ui::app::navigate::Pending;
use crate::ui::app::{App, Effect, View};
use crate::ui::keys::{Command, Context, Input};

use alarm::Alarm;
use draft::Draft;
use exercise_form::ExerciseForm;
use guided_session::Session;
use heel_raise_form::TestForm;
use outcome_form::OutcomeForm;
use picker::Picker;
use plan_diff::PlanDiff;

/// A window over the screen that takes the keys until it closes.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// The key list (`?`), before any search.
    Help {
        scroll: u16,
    },
    /// The key list with a search (see [`help`]).
    HelpFind(Box<help::Find>),
    /// Every active warning in full (`w`); `selected` is the warning `o`
    /// records an outcome for, in the list's order (most urgent first).
    WarningList {
        selected: usize,
    },
    /// The outcome form over the warning list.
    OutcomeForm(OutcomeForm),
    Confirm {
        question: String,
        on_yes: Box<Effect>,
    },
    Unsaved(Pending),
    /// A write refused because its entry changed elsewhere (see
    /// [`conflict`]): keep mine, take theirs, or cancel.
    Conflict(Box<conflict::Conflicted>),
    /// Unsaved edits kept when the app was last stopped (see
    /// [`draft`]): put them back, yes or no.
    Draft(Box<Draft>),
    Alarm(Alarm),
    Picker(Picker),
    HowTo(String),
    Phase {
        scroll: u16,
    },
    /// The plan for a phase: add, drop, dose lines (see [`plan_diff`]).
    PlanDiff(PlanDiff),
    /// The guided session's timer (see [`guided_session`]).
    Session(Session),
    /// A user's own exercise, or a plan item's dose (see [`exercise_form`]).
    ExerciseForm(ExerciseForm),
    /// The heel-raise test form of the Checklist tab.
    Test(TestForm),
    /// One check-in's note, whole and read-only, from History.
    Note {
        date: NaiveDate,
        leg: Leg,
        scroll: u16,
    },
}

impl Modal {
    pub(crate) fn context(&self) -> Context {
        match self {
            Modal::HelpFind(find) if find.typing => Context::HelpFind,
            Modal::Help { .. } | Modal::HelpFind(_) => Context::Help,
            Modal::WarningList { .. } => Context::WarningList,
            Modal::Confirm { .. } | Modal::Draft(_) => Context::Confirm,
            Modal::Unsaved(_) | Modal::Conflict(_) => Context::Unsaved,
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

/// What every dialog's key handler returns: the dialog to show next
/// (`None` closes it) and what should happen (after tui-journal's
/// `PopupReturn`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub modal: Option<Modal>,
    pub effects: Vec<Effect>,
}

impl Reply {
    /// The dialog stays (with its new state).
    pub fn keep(modal: Modal) -> Reply {
        Reply {
            modal: Some(modal),
            effects: Vec::new(),
        }
    }

    /// The dialog closes.
    pub fn close() -> Reply {
        Reply {
            modal: None,
            effects: Vec::new(),
        }
    }

    pub fn with(mut self, effect: Effect) -> Reply {
        self.effects.push(effect);
        self
    }
}

/// Keys while a dialog is open: each dialog answers with a [`Reply`].
pub fn update(view: &View, modal: Modal, input: Input) -> Reply {
    let scrolled = |scroll: u16| match input.command {
        Command::Up => Some(scroll.min(view.scroll_limit).saturating_sub(1)),
        Command::Down => Some(scroll.saturating_add(1).min(view.scroll_limit)),
        _ => None,
    };
    match (modal, input.command) {
        (Modal::Help { scroll }, _) => help::on_key(
            help::Find {
                scroll,
                ..help::Find::default()
            },
            input,
            view,
        ),
        (Modal::HelpFind(find), _) => help::on_key(*find, input, view),
        (Modal::WarningList { selected }, _) => warning_list::on_key(selected, input, view),
        (Modal::OutcomeForm(form), _) => outcome_form::on_key(form, input, view),
        (Modal::Note { date, leg, scroll }, _) => {
            scrolled(scroll).map_or_else(Reply::close, |scroll| Reply::keep(Modal::Note { date, leg, scroll }))
        }
        (Modal::Confirm { on_yes, .. }, Command::Yes) => Reply::close().with(*on_yes),
        (Modal::Confirm { .. }, _) => Reply::close().with(Effect::info("Nothing changed")),
        (Modal::Draft(draft), Command::Yes) => Reply::close().with(Effect::RestoreDraft(draft)),
        (Modal::Draft(draft), _) => Reply::close().with(Effect::DeclineDraft(draft)),
        (Modal::Unsaved(pending), Command::SaveAndContinue) => Reply::close().with(Effect::AskSaveForm(pending)),
        (Modal::Unsaved(pending), Command::Discard) => Reply::close().with(Effect::Discard(pending)),
        (Modal::Unsaved(_), _) => Reply::close(),
        (Modal::Conflict(dialog), _) => conflict::on_key(dialog, input, view),
        (Modal::Alarm(alarm), Command::Acknowledge) => Reply::close().with(Effect::Acknowledge(alarm)),
        (modal @ Modal::Alarm(_), _) => Reply::keep(modal),
        (Modal::Picker(picker), _) => picker::on_key(picker, input, view),
        (Modal::HowTo(_), _) => Reply::close(),
        (Modal::Phase { scroll }, _) => phase_details::on_key(scroll, input, view),
        (Modal::PlanDiff(diff), _) => plan_diff::on_key(diff, input, view),
        (Modal::Session(session), _) => guided_session::on_key(session, input, view),
        (Modal::ExerciseForm(form), _) => exercise_form::on_key(form, input, view),
        (Modal::Test(form), _) => heel_raise_form::on_key(form, input, view),
    }
}

/// Draws the dialog in view, if any, over the screen. A scrolling one
/// keeps how far it can scroll at this size.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let view = app.view();
    match &app.modal {
        None => {}
        Some(Modal::Help { scroll }) => {
            let find = help::Find {
                scroll: *scroll,
                ..help::Find::default()
            };
            help::render(frame, area, app, &find);
        }
        Some(Modal::HelpFind(find)) => help::render(frame, area, app, find),
        // The list leaves the status line and the keys in view: what an
        // outcome recorded (or why not) is said there.
        Some(Modal::WarningList { selected }) => {
            let above = Rect {
                height: area.height.saturating_sub(2),
                ..area
            };
            warning_list::render(frame, above, &app.data.assessment.flags, *selected, app.today, theme);
        }
        Some(Modal::OutcomeForm(form)) => {
            let above = Rect {
                height: area.height.saturating_sub(2),
                ..area
            };
            warning_list::render(frame, above, &app.data.assessment.flags, form.row, app.today, theme);
            outcome_form::render(frame, above, &view, form);
        }
        Some(Modal::Confirm { question, .. }) => confirm::render(frame, area, theme, question),
        Some(Modal::Draft(draft)) => draft::render(frame, area, theme, draft),
        Some(Modal::Unsaved(pending)) => unsaved::render(frame, area, theme, &app.form, *pending),
        Some(Modal::Conflict(dialog)) => conflict::render(frame, area, theme, dialog),
        Some(Modal::Alarm(alarm)) => alarm::render(frame, area, alarm, theme),
        Some(Modal::Picker(picker)) => picker::render(frame, area, &view, picker),
        Some(Modal::HowTo(id)) => how_to::render(frame, area, &view, id),
        Some(Modal::Phase { scroll }) => app.scroll_limit.set(phase_details::render(frame, area, &view, *scroll)),
        Some(Modal::PlanDiff(diff)) => plan_diff::render(frame, area, &view, diff),
        Some(Modal::ExerciseForm(form)) => exercise_form::render(frame, area, &view, form),
        // Full screen but the footer, which keeps showing the keys.
        Some(Modal::Session(session)) => {
            let above_footer = Rect {
                height: area.height.saturating_sub(1),
                ..area
            };
            guided_session::render(frame, above_footer, &view, session);
        }
        Some(Modal::Test(form)) => heel_raise_form::render(frame, area, &view, form),
        Some(Modal::Note { date, leg, scroll }) => {
            app.scroll_limit
                .set(note::render(frame, area, &view, *date, *leg, *scroll));
        }
    }
}
