//! The terminal, set up and put back: everything the first frame shows is
//! loaded before the terminal is touched, and whatever ends the app, the
//! form's unsaved edits are kept first and the terminal is restored.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableFocusChange, EnableBracketedPaste, EnableFocusChange};
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
    // The form as it was after the last step, for a stop signal the loop is
    // too busy to take: the signal thread keeps it and ends the app.
    let prepared: Arc<Mutex<Option<draft::Draft>>> = Arc::default();
    let on_hang = {
        let prepared = Arc::clone(&prepared);
        let journal = journal.clone();
        Box::new(move |signal: i32| {
            let draft = prepared.lock().unwrap_or_else(PoisonError::into_inner).clone();
            let kept = draft.map_or(Ok(None), |d| draft::keep_draft(&d, &journal).map(Some));
            let _ = execute!(io::stdout(), DisableBracketedPaste, DisableFocusChange);
            let _ = ratatui::try_restore();
            let err = AppError::Ended(Ended::Stopped(signal).with_draft(kept));
            let _ = writeln!(
                io::stderr(),
                "soleus: {} (it was busy and did not wait)",
                crate::sanitize::escaped_message(&err.to_string())
            );
            std::process::exit(i32::from(err.exit_code()));
        })
    };
    let mut events = Events::start(on_hang).map_err(AppError::Terminal)?;
    // Focus reporting lets the app reload when the user comes back from a
    // shell where they ran the CLI; bracketed paste makes a paste text, not
    // keys. Both must be turned off again even after a panic: ratatui's hook
    // (installed by `try_init`) restores the terminal and then calls this one.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableFocusChange);
        previous(info);
    }));
    // `try_init` enters raw mode and the alternate screen and installs the
    // hook that restores them; the app then draws through a larger buffer.
    drop(ratatui::try_init().map_err(AppError::Terminal)?);
    let backend = ratatui::backend::CrosstermBackend::new(io::BufWriter::with_capacity(1 << 16, io::stdout()));
    let mut terminal: Screen = ratatui::Terminal::new(backend).map_err(AppError::Terminal)?;
    let _ = execute!(io::stdout(), EnableFocusChange, EnableBracketedPaste);
    let ended = match terminal.size() {
        Ok(size) => {
            app::update(&mut app, Action::Resize(size.width, size.height));
            event_loop(&mut terminal, &mut app, &mut events, &prepared)
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
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableFocusChange);
    let _ = terminal.show_cursor();
    drop(terminal);
    if let Err(e) = ratatui::try_restore() {
        let _ = writeln!(io::stderr(), "soleus: the terminal could not be restored: {e}");
    }
    Ok(ended.with_draft(kept))
}
