//! The whole screen drawn from the model: the tab bar, the warning panel,
//! the tab in view, the status line, the keys, and any dialog on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::app::App;
use crate::ui::app::effect::{Status, Tone};
use crate::ui::dialogs::{self, setup};
use crate::ui::tabs::{Tab, checkin, checklist, history, trends};
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::{footer, warnings, wrap};

/// Below this size the layout cannot show a form and the warnings at once.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Draws the whole screen from the model.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = app.theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area, &app.data.assessment.flags);
        return;
    }
    let view = app.view();
    if let Some(form) = &app.setup {
        let [body, keys_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        setup::render(frame, body, &view, form);
        frame.render_widget(
            footer::render_with(
                keys_area.width,
                app.focus(),
                !app.data.assessment.flags.is_empty(),
                theme,
            ),
            keys_area,
        );
        if let Some(status) = &app.status {
            frame.render_widget(
                status_line(status, theme),
                Rect::new(body.x, body.bottom() - 1, body.width, 1),
            );
        }
        return;
    }
    let flags = &app.data.assessment.flags;
    // A long status (a back-dated save's "that warning is no longer open
    // today") wraps onto up to three rows instead of being cut.
    let status_rows = app.status.as_ref().map_or(1, |s| {
        wrap::wrapped_rows(&[Line::raw(s.text.clone())], area.width).clamp(1, 3)
    });
    let [tabs, warnings_area, body, status, keys_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(warnings::panel_height(flags, app.today, area.width, area.height)),
        Constraint::Min(5),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(tab_bar(app), tabs);
    warnings::render_panel(frame, warnings_area, flags, app.today, theme);
    match app.tab {
        Tab::CheckIn => checkin::render(frame, body, &view, &app.form),
        Tab::Checklist => checklist::render(frame, body, &view, &app.checklist),
        Tab::Trends => trends::render(frame, body, &view, &app.trends_cache),
        Tab::History => history::render(frame, body, &view, &app.history),
    }
    if let Some(s) = &app.status {
        frame.render_widget(status_line(s, theme), status);
    }
    frame.render_widget(
        footer::render_with(
            keys_area.width,
            app.focus(),
            !app.data.assessment.flags.is_empty(),
            theme,
        ),
        keys_area,
    );
    dialogs::render(frame, area, app);
}

/// The tabs with the keys that reach them (F1–F4 work on every tab, in a
/// text field too); the active one is bracketed as well as reversed, so it
/// shows without colour and in plain-text snapshots.
fn tab_bar(app: &App) -> Line<'static> {
    let theme = app.theme;
    let mut spans = vec![Span::styled(" soleus ", theme.style(Meaning::Title))];
    for tab in Tab::ALL {
        if tab == app.tab {
            spans.push(Span::styled(
                format!("[{}]", tab.title()),
                theme.style(Meaning::TabActive),
            ));
        } else {
            spans.push(Span::raw(format!(" {} ", tab.title())));
        }
    }
    spans.push(Span::styled(
        format!("  today {}", app.today.format("%a %Y-%m-%d")),
        theme.style(Meaning::Muted),
    ));
    Line::from(spans)
}

fn status_line(status: &Status, theme: Theme) -> Paragraph<'static> {
    let meaning = match status.tone {
        Tone::Info => Meaning::Normal,
        Tone::Success => Meaning::Success,
        Tone::Error => Meaning::Error,
    };
    Paragraph::new(Line::styled(status.text.clone(), theme.style(meaning))).wrap(ratatui::widgets::Wrap { trim: true })
}

/// Below the minimum size the most urgent open warning's level and action
/// are the text itself; the size the app needs comes after them.
fn render_too_small(frame: &mut Frame, area: Rect, flags: &[crate::clinical::Flag]) {
    let size = format!(
        "Terminal too small: need at least {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
        area.width, area.height
    );
    let text = warnings::too_small_text(flags, &size);
    frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), area);
}
