//! The update of The Elm Architecture. A key press is resolved through the
//! key table into an [`Input`]; the dialog on top, the first-run setup, the
//! global keys or the tab in view then answer it with [`Effect`]s, which
//! [`App::apply`] carries out.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::ui::dialogs::{self, Modal, setup};
use crate::ui::keys::{self, Command, Input, When};
use crate::ui::tabs::{Tab, checkin, checklist, history, trends};

use super::navigate::Pending;
use super::{App, Effect, view};

/// A message to `update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A key press from the terminal; resolved through the key table.
    Key(KeyEvent),
    /// A key press resolved: the command and the character it carried.
    Run(Input),
    /// Re-read the journal (the terminal regained focus).
    Reload,
    /// The terminal's size in columns and rows: charts are brought down to
    /// the columns they get.
    Resize(u16, u16),
    /// This many milliseconds went by (sent only while a guided session's
    /// timer runs, see [`App::wants_ticks`]).
    Tick(u32),
}

/// The heart of the app: one message in, the state changed, and maybe a
/// follow-up message out (a key becomes its input). The shell loops until
/// this returns `None`.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    let next = step(app, action);
    app.refresh();
    next
}

/// Text pasted into the terminal (a bracketed paste): typed into the text
/// field in focus as text, character by character, and never read as keys,
/// so a pasted "dry" deletes nothing. Line breaks and tabs become spaces,
/// other control characters are dropped. Where no text field has the focus,
/// the paste is dropped and the status line says so.
pub fn paste(app: &mut App, text: &str) {
    app.status = None;
    let mut typed = 0usize;
    for c in text.chars() {
        let c = match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        let focus = app.focus();
        if focus.field != When::Text {
            break;
        }
        let Some(input) = keys::input(focus, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)) else {
            continue;
        };
        if !matches!(input.command, Command::Type) {
            break;
        }
        step(app, Action::Run(input));
        typed += 1;
    }
    if typed == 0 && !text.is_empty() {
        app.say(
            super::effect::Tone::Info,
            "Paste dropped: paste goes only into a text field (the note, a run); keys were not pressed",
        );
    }
    app.refresh();
}

fn step(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Key(key) => {
            if key.kind != KeyEventKind::Press {
                return None;
            }
            let input = keys::input(app.focus(), key)?;
            app.status = None;
            Some(Action::Run(input))
        }
        Action::Reload => {
            app.reload_or_say();
            None
        }
        Action::Resize(columns, rows) => {
            app.size = (columns, rows);
            None
        }
        Action::Tick(ms) => {
            if let Some(Modal::Session(session)) = app.modal.as_mut() {
                session.tick(ms);
            }
            None
        }
        Action::Run(input) => {
            let effects = if let Some(modal) = app.modal.take() {
                let reply = dialogs::update(&view!(app), modal, input);
                app.modal = reply.modal;
                reply.effects
            } else if let Some(form) = app.setup.as_mut() {
                setup::update(form, input, &view!(app))
            } else if let Some(effect) = app.global(input) {
                vec![effect]
            } else {
                let view = view!(app);
                match app.tab {
                    Tab::CheckIn => checkin::update(&mut app.form, input, &view),
                    Tab::Checklist => checklist::update(&mut app.checklist, input, &view),
                    Tab::Trends => trends::update(&mut app.trends, input, &view),
                    Tab::History => history::update(&mut app.history, input, &view),
                }
            };
            for effect in effects {
                app.apply(effect);
            }
            None
        }
    }
}

impl App {
    /// The global bindings, as effects; `None` when `input` is not one.
    fn global(&self, input: Input) -> Option<Effect> {
        Some(match input.command {
            Command::GoTab(i) => Effect::Go(Pending::Tab(*Tab::ALL.get(usize::from(i))?)),
            Command::NextTab => Effect::Go(Pending::Tab(self.tab.offset(1))),
            Command::PrevTab => Effect::Go(Pending::Tab(self.tab.offset(-1))),
            Command::Help => Effect::open(Modal::Help { scroll: 0 }),
            Command::ShowWarnings => Effect::open(Modal::WarningList { selected: 0 }),
            Command::Reload => Effect::Reload,
            Command::Quit => Effect::Go(Pending::Quit),
            _ => return None,
        })
    }
}
