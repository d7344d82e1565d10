//! The app's writes: [`Write`] is one change to the journal, and
//! [`Change`] a write with the sentence the status line says when it
//! worked. [`App::apply`](super::App::apply) performs them through
//! [`Storage`](super::storage::Storage); most have an inverse that `u`
//! applies.

use chrono::NaiveDate;

use crate::clinical::RuleId;
use crate::domain::{CapacityTest, CheckIn, Completion, Leg, OutcomeResult, PhaseChange, PlanEntry, Profile};

/// One change to the journal. [`Write::failure`] says how the status line
/// starts when it fails; most have an inverse that `u` applies.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    SaveCheckin(CheckIn),
    DeleteCheckin(NaiveDate, Leg),
    /// Marks `exercise` done on `date` (`Some((sets, pain))`) or not done.
    Completion {
        date: NaiveDate,
        exercise: String,
        done: Option<(Option<u32>, Option<u8>)>,
    },
    /// Records a day's completion whole: sets, pain and sessions (a
    /// twice-daily exercise's second session, or `u` putting one back).
    Done(Completion),
    /// Puts an exercise in the plan (or back, with its old dose).
    Plan(PlanEntry),
    /// A user's own exercise, into the catalogue and the plan.
    NewExercise(crate::domain::Exercise),
    RemoveFromPlan(String),
    /// Several plan changes in one transaction (the plan for a phase),
    /// with the phase move they come with, if any.
    PlanChanges {
        save: Vec<PlanEntry>,
        remove: Vec<String>,
        phase: Option<PhaseChange>,
    },
    Tests(Vec<CapacityTest>),
    Phase(PhaseChange),
    Profile(Profile),
    /// Records what came of the open warning of `rule` on `leg` (see
    /// docs/clinical-rules.md, outcomes).
    Outcome {
        rule: RuleId,
        leg: Leg,
        result: OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    },
    /// Takes a recorded outcome away again (the undo of [`Write::Outcome`]).
    DeleteOutcome {
        rule: RuleId,
        leg: Leg,
        date: NaiveDate,
    },
    /// One clinician visit for every warning active on `leg` as of `date`
    /// ("all open warnings of this calf": one clinician visit), in one
    /// transaction.
    OutcomeAll {
        leg: Leg,
        result: OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    },
    /// Takes the outcomes of one [`Write::OutcomeAll`] away again, together.
    DeleteOutcomes(Vec<(RuleId, Leg, NaiveDate)>),
}

impl Write {
    /// The start of the status line when the write fails.
    pub fn failure(&self) -> &'static str {
        match self {
            Write::SaveCheckin(_) => "Not saved",
            Write::DeleteCheckin(..) => "Not deleted",
            Write::Completion { .. } | Write::Done(_) => "Not saved",
            Write::Plan(_) | Write::NewExercise(_) => "Not added to the plan",
            Write::RemoveFromPlan(_) => "Not removed from the plan",
            Write::PlanChanges { phase: Some(_), .. } => "Not changed: neither the phase nor the plan",
            Write::PlanChanges { .. } => "The plan was not changed",
            Write::Tests(_) => "Test not recorded",
            Write::Phase(_) => "Phase not changed",
            Write::Profile(_) => "Profile not saved",
            Write::Outcome { .. } | Write::OutcomeAll { .. } => "Outcome not recorded",
            Write::DeleteOutcome { .. } | Write::DeleteOutcomes(_) => "Outcome not removed",
        }
    }
}

/// A write and the sentence the status line says when it worked.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub write: Write,
    pub said: String,
}

impl Change {
    pub fn new(write: Write, said: impl Into<String>) -> Change {
        Change {
            write,
            said: said.into(),
        }
    }
}
