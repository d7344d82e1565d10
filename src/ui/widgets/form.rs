//! What every form dialog draws the same way: a field row marked `▸` and
//! drawn selected when it has focus, and the form's refusal under a blank
//! line. One place, so the heel-raise, outcome and exercise forms agree.

use ratatui::text::{Line, Span};

use crate::ui::widgets::theme::{Meaning, Theme};

/// A field row: `▸ ` and the selected style when it has focus.
pub fn row(focused: bool, spans: Vec<Span<'static>>, theme: Theme) -> Line<'static> {
    let mut all = vec![Span::raw(if focused { "▸ " } else { "  " })];
    all.extend(spans);
    let line = Line::from(all);
    if focused {
        line.style(theme.style(Meaning::Selected))
    } else {
        line
    }
}

/// The form's refusal, if any, under a blank line.
pub fn push_error(lines: &mut Vec<Line<'static>>, error: Option<impl std::fmt::Display>, theme: Theme) {
    if let Some(error) = error {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("✗ {error}"), theme.style(Meaning::Error)));
    }
}
