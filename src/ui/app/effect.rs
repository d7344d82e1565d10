//! What a tab or a dialog asks for, instead of doing it (after atuin's
//! `InputAction` and gitui's queue). A tab's `update` changes its own state,
//! reads the journal only through a [`View`], and returns [`Effect`]s; a
//! dialog returns one [`Outcome`]. [`App::apply`](crate::ui::app::App::apply)
//! alone performs writes through `Storage`, reloads and sets the status
//! line, by one rule: a failure is never overwritten by a success.

use chrono::NaiveDate;

use crate::clinical::{Flag, RuleId};
use crate::domain::{
    Acknowledgement, CapacityTest, CheckIn, Completion, Leg, OutcomeResult, PhaseChange, PlanEntry, Profile,
};

use crate::ui::app::data::Data;
use crate::ui::dialogs::heel_raise_form::TestForm;
use crate::ui::dialogs::outcome_form::OutcomeForm;
use crate::ui::widgets::theme::Theme;

/// The four tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    CheckIn,
    Checklist,
    Trends,
    History,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::CheckIn, Tab::Checklist, Tab::Trends, Tab::History];

    /// The tab's name, as the tab bar shows it after its key.
    pub fn name(self) -> &'static str {
        match self {
            Tab::CheckIn => "Check-in",
            Tab::Checklist => "Checklist",
            Tab::Trends => "Trends",
            Tab::History => "History",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn offset(self, by: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

/// What every tab may read: the journal as last loaded, today, the theme.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub data: &'a Data,
    pub today: NaiveDate,
    pub theme: Theme,
    /// The unit distances are shown in (config `units`).
    pub units: crate::units::Units,
    /// A dialog covers the tab (so it places no terminal cursor).
    pub covered: bool,
    /// How far the open scrolling dialog can scroll, as last drawn.
    pub scroll_limit: u16,
}

/// How the status line reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

/// One line of feedback after a key press.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub tone: Tone,
    pub text: String,
}

/// Where the user wants to go when unsaved changes stand in the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Tab(Tab),
    Day(NaiveDate),
    Leg(Leg),
    /// Edit this entry from History; saving it goes back to that row.
    Open(NaiveDate, Leg),
    Quit,
}

/// One change to the journal. Each says, in [`Write::done`]'s words, what
/// it wrote; most have an inverse that `u` applies.
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
    /// Records what came of the open warning of `rule` on `leg` (SPEC 5.2).
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
    /// ("all open warnings of this calf", SPEC 5.2), in one transaction.
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

/// What a key asks the app to do after the tab changed its own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Say(Tone, String),
    Open(Box<Modal>),
    /// Go somewhere, asking first if the form has unsaved changes.
    Go(Pending),
    Write(Change),
    /// Validate and save the check-in form, then go on.
    SaveForm(Option<Pending>),
    /// Throw the form's changes away, then go on.
    Discard(Pending),
    /// Fill the form from the previous check-in of its leg.
    CopyPrevious,
    /// Undo the last write made on the tab in view.
    Undo,
    /// Ask first, naming what `u` would undo, then [`Effect::Undo`] on yes
    /// (the Check-in tab: undoing a save can take a warning sign away).
    AskUndo,
    /// Store the acknowledgement of the alarm's first warning.
    Acknowledge(Alarm),
    /// Put a kept draft back in the form (unsaved), or throw it away.
    RestoreDraft(Box<crate::ui::dialogs::draft::Draft>),
    DeclineDraft(Box<crate::ui::dialogs::draft::Draft>),
    Reload,
    Quit,
}

impl Effect {
    pub fn say(tone: Tone, text: impl Into<String>) -> Effect {
        Effect::Say(tone, text.into())
    }

    pub fn info(text: impl Into<String>) -> Effect {
        Effect::Say(Tone::Info, text.into())
    }

    pub fn open(modal: Modal) -> Effect {
        Effect::Open(Box::new(modal))
    }

    pub fn write(write: Write, said: impl Into<String>) -> Effect {
        Effect::Write(Change::new(write, said))
    }
}

/// What every dialog's key handler returns: the dialog to show next
/// (`None` closes it) and what should happen (after tui-journal's
/// `PopupReturn`).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub modal: Option<Modal>,
    pub effects: Vec<Effect>,
}

impl Outcome {
    /// The dialog stays (with its new state).
    pub fn keep(modal: Modal) -> Outcome {
        Outcome {
            modal: Some(modal),
            effects: Vec::new(),
        }
    }

    /// The dialog closes.
    pub fn close() -> Outcome {
        Outcome {
            modal: None,
            effects: Vec::new(),
        }
    }

    pub fn with(mut self, effect: Effect) -> Outcome {
        self.effects.push(effect);
        self
    }
}

/// New emergency or urgent warnings waiting to be acknowledged, one at a
/// time, and where to go afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    pub flags: Vec<Flag>,
    pub then: Option<Pending>,
}

/// The exercise picker: catalogue ids not in the plan yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub ids: Vec<String>,
    pub selected: usize,
}

/// A window over the screen that takes the keys until it closes.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Help {
        scroll: u16,
    },
    /// Every active warning in full (`w`); `selected` is the warning `o`
    /// records an outcome for, in the list's order (most urgent first).
    WarningList {
        selected: usize,
    },
    /// The outcome form over the warning list.
    OutcomeForm(OutcomeForm),
    Confirm {
        question: String,
        on_yes: Box<Effect>,
    },
    Unsaved(Pending),
    /// Unsaved edits kept when the app was last stopped (see
    /// [`crate::ui::dialogs::draft`]): put them back, yes or no.
    Draft(Box<crate::ui::dialogs::draft::Draft>),
    Alarm(Alarm),
    Picker(Picker),
    HowTo(String),
    Phase {
        scroll: u16,
    },
    /// The plan for a phase: add, drop, dose lines (see [`crate::ui::dialogs::plan_diff`]).
    PlanDiff(crate::ui::dialogs::plan_diff::PlanDiff),
    /// The guided session's timer (see [`crate::ui::dialogs::guided_session`]).
    Session(crate::ui::dialogs::guided_session::Session),
    /// A user's own exercise, or a plan item's dose (see [`crate::ui::dialogs::exercise_form`]).
    ExerciseForm(crate::ui::dialogs::exercise_form::ExerciseForm),
    /// The heel-raise test form of the Checklist tab.
    Test(TestForm),
    /// One check-in's note, whole and read-only, from History.
    Note {
        date: NaiveDate,
        leg: Leg,
        scroll: u16,
    },
}

/// A list selection kept by identity (an exercise id, a date and leg), so
/// the row just added, restored or edited stays selected after a reload;
/// `row` is where it was, for when the selected item is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection<K> {
    pub key: Option<K>,
    pub row: usize,
}

impl<K> Default for Selection<K> {
    fn default() -> Self {
        Selection { key: None, row: 0 }
    }
}

impl<K: PartialEq + Clone> Selection<K> {
    /// The row of the selected item in `keys`, following it if it moved;
    /// if it is gone, the row where it was (or the last one).
    pub fn sync(&mut self, keys: &[K]) -> usize {
        if let Some(row) = self.key.as_ref().and_then(|k| keys.iter().position(|x| x == k)) {
            self.row = row;
        } else {
            self.row = self.row.min(keys.len().saturating_sub(1));
            self.key = keys.get(self.row).cloned();
        }
        self.row
    }

    /// Moves `by` rows, staying inside the list.
    pub fn move_by(&mut self, by: isize, keys: &[K]) {
        let row = self.sync(keys) as isize + by;
        self.row = row.clamp(0, keys.len().saturating_sub(1) as isize) as usize;
        self.key = keys.get(self.row).cloned();
    }

    pub fn select(&mut self, key: K) {
        self.key = Some(key);
    }
}

/// The completion of `exercise` on `date` among `completions`.
pub fn completion_of<'a>(completions: &'a [Completion], date: NaiveDate, exercise: &str) -> Option<&'a Completion> {
    completions.iter().find(|c| c.date == date && c.exercise == exercise)
}

/// The acknowledgement an alarm's flag turns into.
pub fn acknowledgement(flag: &Flag, now: chrono::NaiveDateTime) -> Acknowledgement {
    Acknowledgement {
        rule: flag.rule.id().to_owned(),
        leg: flag.leg,
        // Keyed by the open warning's first day, so a warning that stays
        // open alarms once, not on every save (SPEC 5.2).
        date: flag.since,
        acknowledged_at: now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_follows_its_item_and_falls_back_to_its_row() {
        let mut s: Selection<&str> = Selection::default();
        assert_eq!(s.sync(&["a", "b", "c"]), 0);
        s.move_by(2, &["a", "b", "c"]);
        assert_eq!(s.key, Some("c"));
        assert_eq!(s.sync(&["x", "a", "b", "c"]), 3, "follows c after an insert above");
        assert_eq!(s.sync(&["x", "a", "b"]), 2, "c gone: the row where it was, clamped");
        assert_eq!(s.key, Some("b"));
        s.move_by(-10, &["x", "a", "b"]);
        assert_eq!((s.row, s.key), (0, Some("x")));
        assert_eq!(s.sync(&[]), 0);
    }
}
