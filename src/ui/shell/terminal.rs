//! The terminal, set up and put back: everything the first frame shows is
//! loaded before the terminal is touched, and whatever ends the app, the
//! form's unsaved edits are kept first and the terminal is restored.

use std::io::{self, Write};

use chrono::NaiveDate;
use ratatui::crossterm::event::{DisableFocusChange, EnableFocusChange};
use ratatui::crossterm::execute;

use crate::store::Store;
use crate::ui::app::{self, Action, App};
use crate::ui::dialogs::draft;

use super::event_loop::{event_loop, now};
use super::events::Events;
use super::start::{AppError, Ended};

/// The terminal the app draws on. A frame goes out in one write: stdout's
/// own buffer is 1 KiB, which sent a 120×40 frame as eight writes.
pub type Screen = ratatui::Terminal<ratatui::backend::CrosstermBackend<io::BufWriter<io::Stdout>>>;

/// Opens the full-screen app on the journal. Returns when the user quits,
/// or how the app was stopped (see [`super::events`]). Everything the first frame
/// shows is loaded before the terminal is touched, so a broken journal
/// reports a plain error instead of a blank screen, and the first frame
/// already holds real data.
pub fn run(store: Store, today: NaiveDate, config: &crate::config::Config) -> Result<Ended, AppError> {
    let journal = store.path().to_owned();
    let mut app = App::with_week(Box::new(store), today, now(), config.week_start)?;
    app::apply_config(&mut app, config);
    if let Some(kept) = draft::load(&journal) {
        draft::offer(&mut app, kept);
    }
    let mut events = Events::start().map_err(AppError::Terminal)?;
    // Focus reporting lets the app reload when the user comes back from a
    // shell where they ran the CLI. It must be turned off again even after
    // a panic: ratatui's hook (installed by `try_init`) restores the
    // terminal and then calls this one.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableFocusChange);
        previous(info);
    }));
    // `try_init` enters raw mode and the alternate screen and installs the
    // hook that restores them; the app then draws through a larger buffer.
    drop(ratatui::try_init().map_err(AppError::Terminal)?);
    let backend = ratatui::backend::CrosstermBackend::new(io::BufWriter::with_capacity(1 << 16, io::stdout()));
    let mut terminal: Screen = ratatui::Terminal::new(backend).map_err(AppError::Terminal)?;
    let _ = execute!(io::stdout(), EnableFocusChange);
    let ended = match terminal.size() {
        Ok(size) => {
            app::update(&mut app, Action::Resize(size.width, size.height));
            event_loop(&mut terminal, &mut app, &mut events)
        }
        Err(e) => Ended::Gone(format!("the terminal failed: {e}")),
    };
    // Whatever ended the app, the form's unsaved edits are kept first, and
    // the terminal is put back as it was.
    let kept = match ended {
        Ended::Quit => Ok(None),
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
