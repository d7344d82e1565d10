//! What several screens draw or edit the same way. A widget reads its
//! arguments, never the app: the theme, the charts, the warning panel, the
//! popups, the footer, text input and score entry, wrapping and scrolling,
//! and the few phrases (the light, a pause, adherence) said alike
//! everywhere.

pub mod adherence;
pub mod chart;
pub mod footer;
pub mod form;
pub mod light;
pub mod paused;
pub mod popup;
pub mod score;
pub mod scroll;
pub mod selection;
pub mod text_input;
pub mod theme;
pub mod warnings;
pub mod wrap;
