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
pub mod draft;
pub mod effect;
pub mod events;
pub mod exercise_form;
pub mod form;
pub mod help;
pub mod history;
pub mod input;
pub mod keys;
pub mod phase;
pub mod plan_diff;
pub mod resolve;
pub mod score;
pub mod session;
pub mod setup;
pub mod start;
pub mod storage;
pub mod text;
pub mod theme;
pub mod trends;
pub mod warnings;
pub mod wrap;

use std::io::{self, Write};

use chrono::NaiveDate;
use crossterm::event::{DisableFocusChange, EnableFocusChange};
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

/// Opens the full-screen app on the journal. Returns when the user quits,
/// or how the app was stopped (see [`events`]). Everything the first frame
/// shows is loaded before the terminal is touched, so a broken journal
/// reports a plain error instead of a blank screen, and the first frame
/// already holds real data.
pub fn run(store: Store, today: NaiveDate, config: &crate::config::Config) -> Result<start::Ended, start::AppError> {
    let journal = store.path().to_owned();
    let mut app = App::with_week(Box::new(store), today, now(), config.week_start)?;
    apply_config(&mut app, config);
    if let Some(kept) = draft::load(&journal) {
        draft::offer(&mut app, kept);
    }
    let mut events = events::Events::start().map_err(start::AppError::Terminal)?;
    // Focus reporting lets the app reload when the user comes back from a
    // shell where they ran the CLI. It must be turned off again even after
    // a panic: ratatui's hook (installed by `try_init`) restores the
    // terminal and then calls this one.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableFocusChange);
        previous(info);
    }));
    let mut terminal = ratatui::try_init().map_err(start::AppError::Terminal)?;
    let _ = execute!(io::stdout(), EnableFocusChange);
    let ended = match terminal.size() {
        Ok(size) => {
            app::update(&mut app, Action::Resize(size.width, size.height));
            event_loop(&mut terminal, &mut app, &mut events)
        }
        Err(e) => start::Ended::Gone(format!("the terminal failed: {e}")),
    };
    // Whatever ended the app, the form's unsaved edits are kept first, and
    // the terminal is put back as it was.
    let kept = match ended {
        start::Ended::Quit => Ok(None),
        _ => draft::keep(&app, &journal),
    };
    // Nothing here may print with `eprintln!`: with the terminal gone, a
    // failed write to stderr would panic.
    let _ = execute!(io::stdout(), DisableFocusChange);
    let _ = terminal.show_cursor();
    drop(terminal);
    if let Err(e) = ratatui::try_restore() {
        let _ = writeln!(io::stderr(), "soleus: the terminal could not be restored: {e}");
    }
    Ok(ended.with_draft(kept))
}

/// The config file's part of the app, applied once at start: the theme
/// (NO_COLOR still wins), the distance unit, the leg the form opens on and
/// the first tab, and the week's first day.
pub fn apply_config(app: &mut App, config: &crate::config::Config) {
    use crate::config::FirstTab;
    app.theme = config.theme();
    app.units = config.units;
    if config.week_start != app.data.week {
        app.data.week = config.week_start;
        // Read again with that week; a failure says so on the status line.
        if let Err(err) = app.reload() {
            app.say(app::Tone::Error, format!("✗ Could not read the journal: {err}"));
        }
    }
    let leg = config
        .default_leg
        .leg()
        .filter(|_| app.setup.is_none())
        .unwrap_or(app.form.leg);
    if leg != app.form.leg || app.units != app.form.units {
        app.load_form(app.today, leg);
    }
    let tab = match config.first_tab {
        FirstTab::Checkin => Tab::CheckIn,
        FirstTab::Checklist => Tab::Checklist,
        FirstTab::Trends => Tab::Trends,
        FirstTab::History => Tab::History,
    };
    if tab != app.tab {
        app.go(app::Pending::Tab(tab));
    }
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, events: &mut events::Events) -> start::Ended {
    use events::Event;
    use input::Input;
    // While a guided session's timer runs the screen is redrawn four times
    // a second; otherwise the loop sleeps until a key or a signal.
    const TICK: std::time::Duration = std::time::Duration::from_millis(250);
    let mut last_tick = std::time::Instant::now();
    while !app.quit {
        if let Err(e) = terminal.draw(|frame| render(frame, app)) {
            return start::Ended::Gone(format!("writing to the terminal failed: {e}"));
        }
        let ticking = app.wants_ticks();
        if !ticking {
            last_tick = std::time::Instant::now();
        }
        // Keys typed fast must not hold the timer back: time is sent as it
        // passes, whatever woke the loop.
        let event = events.wait_at_most(ticking.then_some(TICK));
        if ticking && (event.is_none() || last_tick.elapsed() >= TICK) {
            let elapsed = last_tick.elapsed();
            last_tick += elapsed;
            let ms = u32::try_from(elapsed.as_millis()).unwrap_or(u32::MAX);
            app::update(app, Action::Tick(ms));
        }
        let Some(event) = event else {
            continue;
        };
        let action = match event {
            Event::Input(Input::Key(key)) => Action::Key(key),
            Event::Input(Input::FocusGained) => Action::Reload,
            Event::Input(Input::FocusLost) => continue,
            Event::Resize => match terminal.size() {
                Ok(size) => Action::Resize(size.width, size.height),
                Err(e) => return start::Ended::Gone(format!("the terminal failed: {e}")),
            },
            Event::Stop(signal) => return start::Ended::Stopped(signal),
            Event::Gone(reason) => return start::Ended::Gone(reason),
        };
        app.now = now();
        let mut next = Some(action);
        while let Some(action) = next {
            next = app::update(app, action);
        }
    }
    start::Ended::Quit
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
    // A long status (a back-dated save's "that warning is no longer open
    // today") wraps onto up to three rows instead of being cut.
    let status_rows = app.status.as_ref().map_or(1, |s| {
        wrap::wrapped_rows(&[Line::raw(s.text.clone())], area.width).clamp(1, 3)
    });
    let [tabs, warnings_area, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(warnings::panel_height(flags, area.height)),
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
    frame.render_widget(help::footer(footer.width, app.focus(), theme), footer);
    render_modal(frame, area, app);
}

fn render_modal(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let view = app.view();
    match &app.modal {
        None => {}
        Some(Modal::Help { scroll }) => app.scroll_limit.set(help::render(frame, area, app, *scroll)),
        // The list leaves the status line and the keys in view: what an
        // outcome recorded (or why not) is said there.
        Some(Modal::WarningList { selected }) => {
            let above = Rect {
                height: area.height.saturating_sub(2),
                ..area
            };
            warnings::render_list(frame, above, &app.data.assessment.flags, *selected, app.today, theme);
        }
        Some(Modal::OutcomeForm(form)) => {
            let above = Rect {
                height: area.height.saturating_sub(2),
                ..area
            };
            warnings::render_list(frame, above, &app.data.assessment.flags, form.row, app.today, theme);
            resolve::render(frame, above, &view, form);
        }
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
        Some(Modal::Draft(draft)) => {
            help::render_question(
                frame,
                area,
                theme,
                "Unsaved changes were kept",
                &draft.question(),
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
        Some(Modal::PlanDiff(diff)) => plan_diff::render(frame, area, &view, diff),
        Some(Modal::ExerciseForm(form)) => exercise_form::render(frame, area, &view, form),
        // Full screen but the footer, which keeps showing the keys.
        Some(Modal::Session(session)) => {
            let above_footer = Rect {
                height: area.height.saturating_sub(1),
                ..area
            };
            session::render(frame, above_footer, &view, session);
        }
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
    Paragraph::new(Line::styled(status.text.clone(), theme.style(meaning))).wrap(ratatui::widgets::Wrap { trim: true })
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: need at least {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), area);
}
