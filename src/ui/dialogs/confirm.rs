//! "Are you sure?": a question before a step that deletes, removes or
//! undoes something, with the effect to carry out on yes.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::keys;
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::Theme;

/// Draws the question.
pub fn render(frame: &mut Frame, area: Rect, theme: Theme, question: &str) {
    popup::render_question(
        frame,
        area,
        theme,
        "Are you sure?",
        question,
        &keys::yes_no("yes", "no"),
    );
}
