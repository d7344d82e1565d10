//! The terminal app (see docs/daily-use.md), in The Elm Architecture:
//!
//! - [`app`]: the model, `update`, and the one place that carries out
//!   effects (writes, reloads, undo, the status line);
//! - [`tabs`]: the four tabs, each with its state, `update` and `render`;
//! - [`dialogs`]: the windows over the screen and the first-run setup;
//! - [`widgets`]: the pieces several screens draw the same way (the theme,
//!   charts, the warning panel, text input, wrapping...);
//! - [`keys`]: the one key table behind the keys, the footer and the help;
//! - [`screen`]: the whole screen drawn from the model ([`render`]);
//! - [`shell`]: the terminal, the clock, the signals and the event loop.
//!
//! Everything but the shell runs without a terminal, so tests drive the
//! whole app on an in-memory journal.

pub mod app;
pub mod dialogs;
pub mod keys;
pub mod screen;
pub mod shell;
pub mod tabs;
pub mod widgets;

pub use screen::render;
