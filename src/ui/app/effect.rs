//! What a tab or a dialog asks for, instead of doing it (after atuin's
//! `InputAction` and gitui's queue). A tab's `update` changes its own state,
//! reads the journal only through a [`View`](super::View), and returns
//! [`Effect`]s; a dialog returns one [`Reply`](crate::ui::dialogs::Reply).
//! [`App::apply`](super::App::apply) alone carries them out, and says on the
//! status line ([`Status`]) what happened.

use crate::ui::dialogs::Modal;
use crate::ui::dialogs::alarm::Alarm;
use crate::ui::dialogs::conflict::{Choice, Conflicted};
use crate::ui::dialogs::draft::Draft;

use super::navigate::Pending;
use super::write::{Change, Edit};

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

/// What a key asks the app to do after the tab changed its own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Say(Tone, String),
    Open(Box<Modal>),
    /// Go somewhere, asking first if the form has unsaved changes.
    Go(Pending),
    Write(Box<Edit>),
    /// Validate and save the check-in form, then go on.
    SaveForm(Option<Pending>),
    /// [`Effect::SaveForm`], but first ask when the save takes away an
    /// open warning, as `Ctrl-s` does (the unsaved-changes dialog's save).
    AskSaveForm(Pending),
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
    RestoreDraft(Box<Draft>),
    DeclineDraft(Box<Draft>),
    Reload,
    /// The user's answer to a write refused because its entry changed
    /// elsewhere: keep mine (write it over theirs) or take theirs.
    Resolve(Box<Conflicted>, Choice),
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

    pub fn write(write: Change, said: impl Into<String>) -> Effect {
        Effect::Write(Box::new(Edit::new(write, said)))
    }
}
