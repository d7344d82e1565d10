//! The four tabs.

pub mod checkin;
pub mod checklist;
pub mod history;
pub mod trends;
