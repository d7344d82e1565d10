//! The dialogs.

pub mod draft;
pub mod exercise_form;
pub mod guided_session;
pub mod heel_raise_form;
pub mod help;
pub mod outcome_form;
pub mod phase_details;
pub mod plan_diff;
pub mod setup;
