//! The shell.

pub mod decode;
pub mod events;
pub mod start;
