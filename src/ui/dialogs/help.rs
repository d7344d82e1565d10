//! The `?` overlay: every binding of the key table, the current screen's
//! first. It is generated from the table, so it can never disagree with
//! what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::app::App;
use crate::ui::keys::{self, Command, Context};
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::Meaning;

/// The help overlay, the current screen's keys first. Returns how far it
/// can scroll (see [`popup::render_scrolling`]).
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
    let alt = |tab: u8| {
        keys::names(Context::Global, Command::GoTab(tab))
            .get(1)
            .copied()
            .unwrap_or_default()
    };
    lines.push(Line::styled(
        format!(
            "Digits are data keys only (a score, an exercise's pain, reps): tabs switch with {}, {} or {}–{}. \
             Scores: a digit sets 0–9; type 1 then 0 for 10. Blank means not answered, never 0.",
            keys::key(Context::Global, Command::NextTab),
            keys::footer_key(Context::Global, Command::GoTab(0)),
            alt(0),
            alt(3)
        ),
        theme.style(Meaning::Muted),
    ));
    let hint = keys::scroll_hint(Context::Help);
    popup::render_scrolling(frame, area, theme, " Keys ", lines, scroll, &hint)
}
