//! A save or an undo that would replace an entry written elsewhere since
//! the app read it (another soleus, or the command line): refused by the
//! service, and shown here with both versions. The user keeps theirs,
//! takes the journal's, or cancels (see docs/storage.md, two at once).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::{CheckIn, Completion};
use crate::service::{Conflict, Expected, Stored};

use crate::ui::app::navigate::Pending;
use crate::ui::app::write::{Change, Edit};
use crate::ui::app::{Effect, View};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::Theme;

use super::Reply;

/// What the conflict was about, and what each choice does.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflicted {
    /// The write that was refused, without its guard.
    pub edit: Edit,
    /// What the journal holds now.
    pub conflict: Conflict,
    /// Where a form save was going on to.
    pub then: Option<Pending>,
    /// The refused write was `u` (the tab's undo slot).
    pub undo: Option<usize>,
}

/// The user's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Write mine over theirs, now knowingly.
    KeepMine,
    /// Leave the journal's entry as it is; drop what I typed or undid.
    TakeTheirs,
}

impl Conflicted {
    /// The change again, guarded by what the journal holds now: keeping
    /// mine replaces exactly the entry the dialog showed.
    pub fn keep_mine(&self) -> Change {
        let expected = match (&self.conflict.expected, &self.conflict.now) {
            (Expected::Checkin { date, leg, .. }, Stored::Checkin(now)) => Expected::Checkin {
                date: *date,
                leg: *leg,
                was: now.clone(),
            },
            (Expected::Completion { date, exercise, .. }, Stored::Completion(now)) => Expected::Completion {
                date: *date,
                exercise: exercise.clone(),
                was: now.clone(),
            },
            (expected, _) => expected.clone(),
        };
        self.edit.change.unguarded().clone().guarded(vec![expected])
    }

    /// What the dialog says: whose entry, then both versions.
    pub fn question(&self) -> String {
        let (what, theirs) = match (&self.conflict.expected, &self.conflict.now) {
            (Expected::Checkin { date, leg, .. }, Stored::Checkin(now)) => (
                format!("The {leg} calf check-in of {date}"),
                now.as_ref().map_or("no entry (deleted)".to_owned(), checkin_line),
            ),
            (Expected::Completion { date, exercise, .. }, Stored::Completion(now)) => {
                (format!("“{exercise}” on {date}"), completion_line(now.as_ref()))
            }
            (_, _) => ("This entry".to_owned(), "something else".to_owned()),
        };
        let action = if self.undo.is_some() { "Your undo" } else { "Yours" };
        format!(
            "{what} was changed elsewhere (another soleus or the command line) after this screen read it. \
             Nothing was saved.  Journal now: {theirs}.  {action}: {}.",
            mine_line(self.edit.change.unguarded())
        )
    }
}

/// Keys: `s` keeps mine, `d` takes theirs, `c`/Esc cancels.
pub fn on_key(dialog: Box<Conflicted>, input: Input, _view: &View) -> Reply {
    match input.command {
        Command::SaveAndContinue => Reply::close().with(Effect::Resolve(dialog, Choice::KeepMine)),
        Command::Discard => Reply::close().with(Effect::Resolve(dialog, Choice::TakeTheirs)),
        Command::Cancel => Reply::close().with(Effect::info(
            "Nothing saved: the journal keeps the other entry, and the screen keeps yours",
        )),
        _ => Reply::keep(super::Modal::Conflict(dialog)),
    }
}

/// Draws the question with both versions and the three answers.
pub fn render(frame: &mut Frame, area: Rect, theme: Theme, dialog: &Conflicted) {
    popup::render_question(
        frame,
        area,
        theme,
        "Changed elsewhere",
        &dialog.question(),
        &format!(
            "{}: keep mine    {}: take theirs    {}: cancel",
            keys::label(Context::Unsaved, Command::SaveAndContinue),
            keys::label(Context::Unsaved, Command::Discard),
            keys::label(Context::Unsaved, Command::Cancel)
        ),
    );
}

fn mine_line(change: &Change) -> String {
    match change {
        Change::SaveCheckin(c) => checkin_line(c),
        Change::DeleteCheckin(..) => "delete it".to_owned(),
        Change::Done(c) => completion_line(Some(c)),
        Change::Completion { done: None, .. } => "not done".to_owned(),
        Change::Completion {
            done: Some((sets, pain)),
            ..
        } => done_line(*sets, pain.map(|p| p.to_string()), 1),
        Change::Session { .. } => "one more session".to_owned(),
        _ => "your change".to_owned(),
    }
}

/// One check-in on one line: scores, signs, run, note.
pub fn checkin_line(c: &CheckIn) -> String {
    let mut parts = vec![format!("rest {} · walk {}", c.pain_rest, c.pain_walk)];
    let optional = [("run pain", c.pain_run), ("tight", c.tightness), ("morning", c.morning)];
    for (name, score) in optional {
        if let Some(score) = score {
            parts.push(format!("{name} {score}"));
        }
    }
    if !c.symptoms.is_empty() {
        parts.push(format!("signs: {}", c.symptoms.to_names()));
    }
    if let Some(km) = c.run_km {
        parts.push(format!("ran {}", crate::sanitize::brief_number(km)));
    }
    if let Some(note) = &c.note {
        let note: String = crate::sanitize::strip_controls(note).chars().take(40).collect();
        parts.push(format!("note “{note}”"));
    }
    parts.join(" · ")
}

fn completion_line(c: Option<&Completion>) -> String {
    c.map_or("not done".to_owned(), |c| {
        done_line(c.sets, c.pain.map(|p| p.to_string()), c.sessions)
    })
}

fn done_line(sets: Option<u32>, pain: Option<String>, sessions: u8) -> String {
    let mut line = "done".to_owned();
    if let Some(sets) = sets {
        line.push_str(&format!(", {sets} sets"));
    }
    if let Some(pain) = pain {
        line.push_str(&format!(", pain {pain}"));
    }
    if sessions > 1 {
        line.push_str(&format!(", {sessions} sessions"));
    }
    line
}
