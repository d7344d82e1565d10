//! The terminal app (SPEC 3), in The Elm Architecture: [`app`] holds the
//! model and `update`, [`keys`] the one key table, and one file per tab and
//! panel draws from the model. This file is the shell: it owns the terminal,
//! the clock and the event loop, and is the only part not driven by tests
//! without a terminal.

pub mod app;
pub mod dialogs;
pub mod keys;
pub mod screen;
pub mod shell;
pub mod tabs;
pub mod widgets;

pub use screen::render;

use std::io::{self, Write};

use chrono::NaiveDate;
use crossterm::event::{DisableFocusChange, EnableFocusChange};
use crossterm::execute;

use crate::store::Store;

use app::{Action, App, Tab};
use dialogs::draft;
use shell::{decode as input, events, start};

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
