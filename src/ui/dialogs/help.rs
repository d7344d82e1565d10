//! The `?` overlay, the footer and the small yes/no dialogs. The overlay
//! and the footer are both generated from the key table, so they can never
//! disagree with what the keys do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::ui::app::{App, Pending, Tab};
use crate::ui::keys::{self, Focus};
use crate::ui::tabs::checkin::more;
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap::wrapped_rows;

/// The help overlay, the current screen's keys first. Returns how far it
/// can scroll (see [`render_scrolling_with`]).
pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: u16) -> u16 {
    let theme = app.theme;
    let mut lines = Vec::new();
    for (context, bindings) in keys::help_sections(app.screen_context()) {
        lines.push(Line::styled(context.title(), theme.style(Meaning::Title)));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18} ", b.label), theme.style(Meaning::Key)),
                Span::raw(b.does),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Digits are data keys only (a score, an exercise's pain, reps): tabs switch with Tab, F1–F4 or Alt-1–Alt-4. \
         Scores: a digit sets 0–9; type 1 then 0 for 10. Blank means not answered, never 0.",
        theme.style(Meaning::Muted),
    ));
    render_scrolling(frame, area, theme, " Keys ", lines, scroll)
}

/// A large popup of wrapped text that ↑/↓ scroll: the help and the full
/// warning list.
pub fn render_scrolling(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    title: &str,
    lines: Vec<Line>,
    scroll: u16,
) -> u16 {
    render_scrolling_with(frame, area, theme, title, lines, scroll, " ↑↓ scroll · Esc closes ")
}

/// The same popup with its own key hint on the bottom border. Returns the
/// furthest it can scroll at this size, which the app keeps so `↓` stops
/// at the last page.
pub fn render_scrolling_with(
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

/// The bottom line: the keys that work right now, as many as fit. `q quit`
/// and `? help` keep their places at the end at any width (when they work
/// here), since one leaves and the other leads to everything else.
pub fn footer(width: u16, focus: Focus, theme: Theme) -> Line<'static> {
    let hints = keys::footer(focus);
    let pinned: Vec<&str> = keys::PINNED.into_iter().filter(|p| hints.contains(p)).collect();
    let cost = |hint: &str| hint.chars().count() + 2;
    let mut budget = (width as usize).saturating_sub(pinned.iter().map(|p| cost(p)).sum());
    let mut shown: Vec<&str> = Vec::new();
    for hint in hints.iter().filter(|h| !pinned.contains(h)) {
        if cost(hint) > budget {
            break;
        }
        budget -= cost(hint);
        shown.push(hint);
    }
    shown.extend(pinned);
    let mut spans = Vec::with_capacity(shown.len() * 2);
    for hint in shown {
        let (key, does) = hint.split_once(' ').unwrap_or((hint, ""));
        spans.push(Span::styled(key.to_owned(), theme.style(Meaning::Key)));
        spans.push(Span::raw(format!(" {does}  ")));
    }
    Line::from(spans)
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
    let rows = crate::ui::widgets::wrap::wrapped_rows(&lines, width.saturating_sub(2)).max(5);
    let popup = area.centered(Constraint::Length(width), Constraint::Max(rows.saturating_add(2)));
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.style(Meaning::Pending))
        .title(Span::styled(format!(" {title} "), theme.style(Meaning::Title)));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
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
