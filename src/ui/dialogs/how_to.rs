//! An exercise's how-to and cautions (Enter or `i` on the Checklist).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::ui::app::View;
use crate::ui::keys::{self, Command, Context};
use crate::ui::widgets::paused::paused_mark;
use crate::ui::widgets::theme::Meaning;

/// Draws the how-to of the exercise `id`.
pub fn render(frame: &mut Frame, area: Rect, view: &View, id: &str) {
    let theme = view.theme;
    let Some(e) = view.data.catalogue.get(id) else {
        return;
    };
    let popup = area.centered(Constraint::Percentage(80), Constraint::Percentage(80));
    frame.render_widget(Clear, popup);
    let phases: Vec<String> = e.phases.iter().map(u8::to_string).collect();
    let mut lines = vec![
        Line::styled(format!("Dose: {}", e.dose), theme.style(Meaning::Normal)),
        Line::styled(
            format!("Kind: {} · phases {}", e.kind, phases.join(", ")),
            theme.style(Meaning::Muted),
        ),
        Line::raw(""),
        Line::styled("How to", theme.style(Meaning::Title)),
        Line::raw(e.how_to.clone()),
        Line::raw(""),
        Line::styled("! Caution", theme.style(Meaning::AlertSoon)),
        Line::raw(e.caution.clone()),
    ];
    // Under a warning that pauses it, that comes first.
    if let Some(mark) = paused_mark(e, &view.data.assessment, view.theme) {
        lines.insert(0, Line::from(mark));
    }
    let block = theme.panel(format!(" {} ", e.name)).title_bottom(
        Line::styled(
            format!(" {} closes ", keys::key(Context::HowTo, Command::Close)),
            theme.style(Meaning::Muted),
        )
        .right_aligned(),
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
}
