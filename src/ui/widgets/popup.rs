//! The two popups the dialogs are made of: a large one of wrapped text
//! that ↑/↓ scroll, and a small centred question with its answers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::ui::widgets::scroll::more;
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap::wrapped_rows;

/// A large popup of wrapped text that ↑/↓ scroll (the help, the warning
/// list, a note, the phase details), with its key hint on the bottom
/// border. Returns the furthest it can scroll at this size, which the app
/// keeps so `↓` stops at the last page.
pub fn render_scrolling(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    title: &str,
    lines: Vec<Line>,
    scroll: u16,
    hint: &str,
) -> u16 {
    let popup = area.centered(Constraint::Percentage(90), Constraint::Percentage(90));
    frame.render_widget(Clear, popup);
    // Scrolling stops at the last page, and the border says how much text
    // is above and below the window.
    let height = popup.height.saturating_sub(2);
    let total = wrapped_rows(&lines, popup.width.saturating_sub(2));
    let limit = total.saturating_sub(height);
    let scroll = scroll.min(limit);
    let below = total.saturating_sub(scroll + height);
    let mut block = theme
        .panel(title)
        .title_bottom(Line::styled(hint, theme.style(Meaning::Muted)).right_aligned());
    if let Some(marker) = more(usize::from(scroll), usize::from(below)) {
        block = block.title_bottom(Line::styled(marker, theme.style(Meaning::Muted)).left_aligned());
    }
    let text = Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0));
    frame.render_widget(text.block(block), popup);
    limit
}

/// A centred question with its answers.
pub fn render_question(frame: &mut Frame, area: Rect, theme: Theme, title: &str, question: &str, answers: &str) {
    let lines = vec![
        Line::raw(question.to_owned()),
        Line::raw(""),
        Line::styled(answers.to_owned(), theme.style(Meaning::Key)),
    ];
    // As tall as the wrapped question (at least the old five rows), so a
    // long one is read whole.
    let width = area.width.min(72);
    let rows = wrapped_rows(&lines, width.saturating_sub(2)).max(5);
    let popup = area.centered(Constraint::Length(width), Constraint::Max(rows.saturating_add(2)));
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.style(Meaning::Pending))
        .title(Span::styled(format!(" {title} "), theme.style(Meaning::Title)));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
}
