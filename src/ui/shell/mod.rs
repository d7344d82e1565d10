//! The shell: the only part of the app that touches the terminal, the
//! clock and the signals, and the only part not driven by tests without a
//! terminal. [`start`] checks there is a terminal and opens the journal,
//! [`terminal`] sets the terminal up and puts it back, [`event_loop`] runs
//! the Elm loop, [`events`] waits on the keyboard and the signals at once,
//! and [`decode`] turns the terminal's bytes into keys.

pub mod decode;
pub mod event_loop;
pub mod events;
pub mod start;
pub mod terminal;
