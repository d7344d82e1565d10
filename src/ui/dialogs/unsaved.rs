//! The dialog that stands between unsaved changes in the check-in form and
//! leaving them: save, discard, or stay.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::app::navigate::Pending;
use crate::ui::keys::{self, Command, Context};
use crate::ui::tabs::Tab;
use crate::ui::tabs::checkin::CheckinForm;
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::Theme;

/// Draws the question, naming the entry and what the user was about to do.
pub fn render(frame: &mut Frame, area: Rect, theme: Theme, form: &CheckinForm, pending: Pending) {
    let question = format!(
        "The {} calf check-in of {} has unsaved changes. Save them before you {}?",
        form.leg,
        form.date,
        pending_text(pending)
    );
    popup::render_question(
        frame,
        area,
        theme,
        "Unsaved changes",
        &question,
        &format!(
            "{}: save    {}: discard    {}: cancel",
            keys::label(Context::Unsaved, Command::SaveAndContinue),
            keys::label(Context::Unsaved, Command::Discard),
            keys::label(Context::Unsaved, Command::Cancel)
        ),
    );
}

/// What the unsaved-changes dialog says the user was about to do.
pub fn pending_text(pending: Pending) -> String {
    match pending {
        Pending::Tab(tab) => format!("go to {}", tab_name(tab)),
        Pending::Day(date) => format!("open {date}"),
        Pending::Leg(leg) => format!("switch to the {leg} calf"),
        Pending::Open(date, leg) => format!("open the {leg} calf check-in of {date}"),
        Pending::Quit => "quit".to_owned(),
    }
}

fn tab_name(tab: Tab) -> &'static str {
    tab.name()
}
