//! The terminal app (SPEC 3), in The Elm Architecture: [`app`] holds the
//! model and `update`, [`keys`] the one key table, and one file per tab and
//! panel draws from the model. This file is the shell: it owns the terminal,
//! the clock and the event loop, and is the only part not driven by tests
//! without a terminal.

pub mod app;
pub mod capacity;
pub mod chart;
pub mod checkin;
pub mod checklist;
pub mod data;
pub mod effect;
pub mod help;
pub mod history;
pub mod keys;
pub mod phase;
pub mod score;
pub mod setup;
pub mod storage;
pub mod text;
pub mod theme;
pub mod trends;
pub mod warnings;
pub mod wrap;

use std::io;

use chrono::NaiveDate;
use crossterm::event::{self, DisableFocusChange, EnableFocusChange, Event};
use crossterm::execute;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::store::Store;

use app::{Action, App, Modal, Tab, Tone};
use theme::{Meaning, Theme};

/// Below this size the layout cannot show a form and the warnings at once.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Why the app could not start or stopped: the journal or the terminal,
/// so the message names the real source.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The journal could not be read before the first frame.
    #[error(transparent)]
    Journal(#[from] crate::store::StoreError),
    /// The terminal could not be set up, drawn on or read from.
    #[error("terminal: {0}")]
    Terminal(#[from] io::Error),
}

/// Opens the full-screen app on the journal. Returns when the user quits.
/// Everything the first frame shows is loaded before the terminal is
/// touched, so a broken journal reports a plain error instead of a blank
/// screen, and the first frame already holds real data.
pub fn run(store: Store, today: NaiveDate) -> Result<(), RunError> {
    let mut app = App::new(Box::new(store), today, now())?;
    app.theme = Theme::from_env();
    // Focus reporting lets the app reload when the user comes back from a
    // shell where they ran the CLI. It must be turned off again even after
    // a panic: ratatui's hook (installed by `try_init`) restores the
    // terminal and then calls this one.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableFocusChange);
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableFocusChange);
    let size = terminal.size()?;
    app::update(&mut app, Action::Resize(size.width, size.height));
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(io::stdout(), DisableFocusChange);
    ratatui::restore();
    Ok(result?)
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> io::Result<()> {
    while !app.quit {
        terminal.draw(|frame| render(frame, app))?;
        let action = match event::read()? {
            Event::Key(key) => Action::Key(key),
            Event::FocusGained => Action::Reload,
            Event::Resize(columns, rows) => Action::Resize(columns, rows),
            // Anything else (mouse, paste) changes nothing.
            _ => continue,
        };
        app.now = now();
        let mut next = Some(action);
        while let Some(action) = next {
            next = app::update(app, action);
        }
    }
    Ok(())
}

/// Draws the whole screen from the model.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = app.theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
    }
    let view = app.view();
    if let Some(form) = &app.setup {
        let [body, footer] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        setup::render(frame, body, &view, form);
        frame.render_widget(help::footer(footer.width, app.focus(), theme), footer);
        if let Some(status) = &app.status {
            frame.render_widget(
                status_line(status, theme),
                Rect::new(body.x, body.bottom() - 1, body.width, 1),
            );
        }
        return;
    }
    let flags = &app.data.assessment.flags;
    let [tabs, warnings_area, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(warnings::panel_height(flags, area.height)),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(tab_bar(app), tabs);
    warnings::render_panel(frame, warnings_area, flags, theme);
    match app.tab {
        Tab::CheckIn => checkin::render(frame, body, &view, &app.form),
        Tab::Checklist => checklist::render(frame, body, &view, &app.checklist),
        Tab::Trends => trends::render(frame, body, &view, &app.trends_cache),
        Tab::History => history::render(frame, body, &view, &app.history),
    }
    if let Some(s) = &app.status {
        frame.render_widget(status_line(s, theme), status);
    }
    frame.render_widget(help::footer(footer.width, app.focus(), theme), footer);
    render_modal(frame, area, app);
}

fn render_modal(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let view = app.view();
    match &app.modal {
        None => {}
        Some(Modal::Help { scroll }) => app.scroll_limit.set(help::render(frame, area, app, *scroll)),
        Some(Modal::WarningList { scroll }) => app.scroll_limit.set(warnings::render_list(
            frame,
            area,
            &app.data.assessment.flags,
            *scroll,
            theme,
        )),
        Some(Modal::Confirm { question, .. }) => {
            help::render_question(
                frame,
                area,
                theme,
                "Are you sure?",
                question,
                "y / Enter: yes    n / Esc: no",
            );
        }
        Some(Modal::Unsaved(pending)) => {
            let question = format!(
                "The {} calf check-in of {} has unsaved changes. Save them before you {}?",
                app.form.leg,
                app.form.date,
                help::pending_text(*pending)
            );
            help::render_question(
                frame,
                area,
                theme,
                "Unsaved changes",
                &question,
                "s: save    d: discard    c / Esc: cancel",
            );
        }
        Some(Modal::Alarm(alarm)) => warnings::render_alarm(frame, area, alarm, theme),
        Some(Modal::Picker(picker)) => checklist::render_picker(frame, area, &view, picker),
        Some(Modal::HowTo(id)) => checklist::render_how_to(frame, area, &view, id),
        Some(Modal::Phase { scroll }) => app.scroll_limit.set(phase::render(frame, area, &view, *scroll)),
        Some(Modal::Test(form)) => capacity::render(frame, area, &view, form),
        Some(Modal::Note { date, leg, scroll }) => {
            app.scroll_limit
                .set(history::render_note(frame, area, &view, *date, *leg, *scroll));
        }
    }
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

fn status_line(status: &app::Status, theme: Theme) -> Paragraph<'static> {
    let meaning = match status.tone {
        Tone::Info => Meaning::Normal,
        Tone::Success => Meaning::Success,
        Tone::Error => Meaning::Error,
    };
    Paragraph::new(Line::styled(status.text.clone(), theme.style(meaning)))
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: need at least {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), area);
}
