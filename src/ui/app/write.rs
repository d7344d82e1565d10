//! The app's writes: an [`Edit`] is a [`Change`] of the service layer with
//! the sentence the status line says when it worked.
//! [`App::apply`](super::App::apply) hands the change to
//! [`Storage::apply`](super::storage::Storage::apply); most have an inverse
//! that `u` applies.

pub use crate::service::Change;

/// A change and the sentence the status line says when it worked.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub change: Change,
    pub said: String,
}

impl Edit {
    pub fn new(change: Change, said: impl Into<String>) -> Edit {
        Edit {
            change,
            said: said.into(),
        }
    }
}

/// The start of the status line when `change` fails.
pub fn failure(change: &Change) -> &'static str {
    match change {
        Change::SaveCheckin(_) | Change::UpdateCheckin { .. } => "Not saved",
        Change::DeleteCheckin(..) => "Not deleted",
        Change::Completion { .. } | Change::Session { .. } | Change::Done(_) => "Not saved",
        Change::Plan(_) | Change::NewExercise(_) => "Not added to the plan",
        Change::SaveExercise(_) => "Not added to the catalogue",
        Change::RemoveFromPlan(_) => "Not removed from the plan",
        Change::PlanChanges { phase: Some(_), .. } => "Not changed: neither the phase nor the plan",
        Change::PlanChanges { .. } => "The plan was not changed",
        Change::Tests(_) => "Test not recorded",
        Change::Phase(_) => "Phase not changed",
        Change::Profile(_) | Change::UpdateProfile(_) => "Profile not saved",
        Change::Acknowledge(_) => "Could not record the acknowledgement",
        Change::Outcome { .. } | Change::OutcomeAll { .. } => "Outcome not recorded",
        Change::DeleteOutcome { .. } | Change::DeleteOutcomes(_) => "Outcome not removed",
        Change::AddRuns(_) => "Runs not added",
        Change::DeleteRun(_) => "Run not deleted",
        Change::Import(_) | Change::Replace { .. } | Change::Demo(_) => "Not imported",
        Change::Batch(_) => "Nothing was changed",
        Change::Guarded { change, .. } => failure(change),
    }
}
