//! Every write the command line or the terminal app makes, as a value. A
//! shell builds a [`Change`] from what the user typed and hands it to
//! [`apply`](super::apply); nothing else writes to the journal.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::clinical::{Flag, RuleId};
use crate::domain::{
    Acknowledgement, CapacityTest, CheckIn, CheckInInput, Completion, Exercise, InjuredLeg, Journal, Leg, Outcome,
    OutcomeResult, PhaseChange, PlanEntry, Profile, Run, Score, ValidationError,
};
use crate::store::{GoneRun, ImportSummary, RunsAdded, StoreError};

/// One change to the journal, applied whole or not at all.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Saves a check-in whole, replacing the one of its date and leg.
    SaveCheckin(CheckIn),
    /// Changes only the fields given of the check-in of `date` and `leg`,
    /// which must exist (`soleus checkin --update`).
    UpdateCheckin {
        date: NaiveDate,
        leg: Leg,
        given: CheckInInput,
    },
    DeleteCheckin(NaiveDate, Leg),
    /// Saves the profile whole.
    Profile(Profile),
    /// Changes only the profile fields given; a new profile needs its leg.
    UpdateProfile(ProfilePatch),
    /// Marks `exercise` done on `date` (`Some((sets, pain))`) or not done.
    /// A pain score added to a twice-daily exercise keeps its sessions.
    Completion {
        date: NaiveDate,
        exercise: String,
        done: Option<(Option<u32>, Option<u8>)>,
    },
    /// Records a session of `exercise` on `date`: the first, or the next of
    /// an exercise done more than once a day, up to its sessions a day.
    Session {
        date: NaiveDate,
        exercise: String,
        sets: Option<u32>,
        pain: Option<Score>,
    },
    /// Records a day's completion whole: sets, pain and sessions (`u`
    /// putting one back as it was).
    Done(Completion),
    /// Puts an exercise in the plan from today (or back, with its old dose).
    Plan(PlanEntry),
    /// A user's own exercise, into the catalogue and the plan from today.
    NewExercise(Exercise),
    /// A user's own exercise, into the catalogue only.
    SaveExercise(Exercise),
    /// Takes an exercise out of the plan from today; its history stays.
    RemoveFromPlan(String),
    /// Several plan changes (the plan for a phase), with the phase move
    /// they come with, if any.
    PlanChanges {
        save: Vec<PlanEntry>,
        remove: Vec<String>,
        phase: Option<PhaseChange>,
    },
    /// Heel-raise tests; a second of the same day, leg and test replaces it.
    Tests(Vec<CapacityTest>),
    /// A phase the user confirmed; soleus never moves a phase on its own.
    Phase(PhaseChange),
    Acknowledge(Acknowledgement),
    /// Records what came of the open warning of `rule` on `leg`, storing
    /// the presentation it closes. Refused when no such warning is active
    /// on `date`.
    Outcome {
        rule: RuleId,
        leg: Leg,
        result: OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    },
    /// One clinician visit for every warning active on `leg` as of `date`.
    /// Refused when none is.
    OutcomeAll {
        leg: Leg,
        result: OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    },
    /// Takes a recorded outcome away again (the undo of [`Change::Outcome`]).
    DeleteOutcome {
        rule: RuleId,
        leg: Leg,
        date: NaiveDate,
    },
    /// Takes the outcomes of one [`Change::OutcomeAll`] away again, together.
    DeleteOutcomes(Vec<(RuleId, Leg, NaiveDate)>),
    /// Imported runs; one already in the journal is counted, not added.
    AddRuns(Vec<Run>),
    DeleteRun(i64),
    /// Merges a journal file in. The file's exercise ids must be known; a
    /// journal with no profile takes the file's, or one for the legs its
    /// check-ins are for.
    Import(Box<Journal>),
    /// The journal becomes the file, after a backup beside it. A journal
    /// that holds entries is replaced only when `confirmed`.
    Replace {
        journal: Box<Journal>,
        confirmed: bool,
    },
    /// The demo journal, into a journal with no entries (refused otherwise).
    Demo(Box<Journal>),
    /// Several changes in one transaction: all or none.
    Batch(Vec<Change>),
    /// `change`, only if every row in `expected` still holds what the shell
    /// read before the user edited it; else [`ChangeError::Conflict`] and
    /// nothing written (another process, or another app, wrote it since).
    Guarded {
        expected: Vec<Expected>,
        change: Box<Change>,
    },
}

/// A row as a shell last read it, before a change that replaces it.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// The check-in of a date and leg (`None`: there was none).
    Checkin {
        date: NaiveDate,
        leg: Leg,
        was: Option<CheckIn>,
    },
    /// The completion of an exercise on a date (`None`: not done).
    Completion {
        date: NaiveDate,
        exercise: String,
        was: Option<Completion>,
    },
}

/// A row changed since the shell read it: what it read, and what the
/// journal holds now.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub expected: Expected,
    /// The row as it is in the journal now (`None`: it was deleted).
    pub now: Stored,
}

/// A row as the journal holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    Checkin(Option<CheckIn>),
    Completion(Option<Completion>),
}

impl Change {
    /// `self`, refused if any of `expected` changed meanwhile (nothing to
    /// guard: `self` as it is).
    pub fn guarded(self, expected: Vec<Expected>) -> Change {
        match self {
            Change::Guarded {
                change,
                expected: mut more,
            } => {
                more.extend(expected);
                Change::Guarded { expected: more, change }
            }
            change if expected.is_empty() => change,
            change => Change::Guarded {
                expected,
                change: Box::new(change),
            },
        }
    }

    /// The change itself, without its guard.
    pub fn unguarded(&self) -> &Change {
        match self {
            Change::Guarded { change, .. } => change.unguarded(),
            change => change,
        }
    }
}

/// The profile fields a `soleus profile` call gives; `None` keeps a field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfilePatch {
    pub leg: Option<InjuredLeg>,
    pub injury_date: Option<NaiveDate>,
    pub clot_history: Option<bool>,
    pub cancer: Option<bool>,
    pub clot_risk: Option<bool>,
    pub blood_thinners: Option<bool>,
    /// `Some(None)` clears the usual weekly distance.
    pub baseline_km: Option<Option<f64>>,
}

impl ProfilePatch {
    /// Whether the call changes anything at all (else it only shows).
    pub fn is_empty(&self) -> bool {
        *self == ProfilePatch::default()
    }
}

/// What a change did, for the shell to say.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    Done,
    /// A check-in as it was and as it is now (the same when nothing changed).
    Checkin {
        before: Option<CheckIn>,
        after: CheckIn,
    },
    /// The check-in deleted, if there was one.
    DeletedCheckin(Option<CheckIn>),
    Profile {
        before: Option<Profile>,
        after: Profile,
    },
    /// The completion as recorded (its session number included).
    Completion(Completion),
    /// The warnings an outcome closed, each with the outcome stored for it.
    Closed(Vec<(Flag, Outcome)>),
    Runs(RunsAdded),
    /// The run deleted, if there was one of that id.
    DeletedRun(Option<GoneRun>),
    Imported {
        summary: ImportSummary,
        /// The profile a journal without one took from the file's legs.
        new_profile: Option<Profile>,
    },
    Replaced {
        summary: ImportSummary,
        /// Check-ins the journal held before.
        held: usize,
        backup: PathBuf,
    },
    Batch(Vec<Applied>),
}

/// Why a change was not applied. Either way nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// The user's mistake: the field and what it allows.
    #[error("{0}")]
    Refused(#[from] ValidationError),
    /// The journal could not be read or written.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A row the change would replace was changed since it was read.
    #[error("the entry was changed elsewhere since it was read (by another soleus)")]
    Conflict(Box<Conflict>),
}
