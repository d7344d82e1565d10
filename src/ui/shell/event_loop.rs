//! The event loop: draw, wait for a key, a signal or the timer's tick,
//! turn it into an [`Action`] and run `update` until it has nothing more
//! to do. The only place that reads the clock.

use crate::ui::app::{self, Action, App};
use crate::ui::dialogs::draft::{self, Draft};
use crate::ui::render;

use super::decode::Input;
use super::events::{Event, Events};
use super::start::Ended;

pub(super) fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The form as a draft, ready for a stop signal the loop cannot take.
fn keep_ready(app: &App, prepared: &std::sync::Mutex<Option<Draft>>) {
    let draft = draft::prepare(app);
    *prepared.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = draft;
}

/// Runs the app until it quits or is stopped.
pub(super) fn event_loop(
    terminal: &mut super::terminal::Screen,
    app: &mut App,
    events: &mut Events,
    prepared: &std::sync::Mutex<Option<Draft>>,
) -> Ended {
    // While a guided session's timer runs the screen is redrawn four times
    // a second; otherwise the loop sleeps until a key or a signal.
    const TICK: std::time::Duration = std::time::Duration::from_millis(250);
    let mut last_tick = std::time::Instant::now();
    while !app.quit {
        if let Err(e) = terminal.draw(|frame| render(frame, app)) {
            return Ended::Gone(format!("writing to the terminal failed: {e}"));
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
            ring(terminal, app);
        }
        let Some(event) = event else {
            continue;
        };
        let action = match event {
            Event::Input(Input::Key(key)) => Action::Key(key),
            Event::Input(Input::FocusGained) => Action::Reload,
            Event::Input(Input::FocusLost) => continue,
            Event::Input(Input::Paste(text)) => {
                app.now = now();
                app::paste(app, &text);
                keep_ready(app, prepared);
                continue;
            }
            Event::Resize => match terminal.size() {
                Ok(size) => Action::Resize(size.width, size.height),
                Err(e) => return Ended::Gone(format!("the terminal failed: {e}")),
            },
            Event::Stop(signal) => return Ended::Stopped(signal),
            Event::Gone(reason) => return Ended::Gone(reason),
        };
        app.now = now();
        let mut next = Some(action);
        while let Some(action) = next {
            next = app::update(app, action);
        }
        ring(terminal, app);
        keep_ready(app, prepared);
    }
    Ended::Quit
}

/// Writes one BEL byte for each change of the guided session (hold, rest,
/// set) since the last call, so a runner on a step hears the rest end. A
/// terminal that cannot take it only stays silent.
fn ring(terminal: &mut super::terminal::Screen, app: &mut App) {
    use std::io::Write;
    let bells = app::take_bells(app);
    if bells > 0 {
        let backend = terminal.backend_mut();
        let _ = backend.write_all(&vec![0x07; bells.min(3) as usize]);
        let _ = backend.flush();
    }
}
