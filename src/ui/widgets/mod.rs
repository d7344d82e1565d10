//! Shared pieces.

pub mod chart;
pub mod form;
pub mod score;
pub mod text_input;
pub mod theme;
pub mod warnings;
pub mod wrap;
