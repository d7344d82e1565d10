//! The outcome form of the warning list (`w`, then `o`): what came of an open
//! warning (see docs/clinical-rules.md, outcomes) — the result, whether it is
//! for this warning or for all open warnings of this calf (one clinician
//! visit), the day, an optional note. The form checks what it can (a result
//! chosen, the day inside the warning's days, the note's length); whether the
//! warning is still active on that day is the engine's answer, shown in the
//! form when it refuses. A `not-seen` close of an emergency or urgent warning
//! is confirmed first, with [`NOT_SEEN_CLOSE`] on screen.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::clinical::{Flag, Level, NOT_SEEN_CLOSE};
use crate::domain::{Leg, MAX_OUTCOME_NOTE, Outcome, OutcomeResult};

use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::dialogs::{Modal, Reply};
use crate::ui::keys::{self, Command, Context, Input, When};
use crate::ui::widgets::form::push_error;
use crate::ui::widgets::popup;
use crate::ui::widgets::text_input::TextInput;
use crate::ui::widgets::theme::Meaning;
use crate::ui::widgets::warnings::{badge, since_text};
use crate::ui::widgets::wrap::wrapped_rows;

/// The form's fields, in order.
const RESULT: usize = 0;
const SCOPE: usize = 1;
const DATE: usize = 2;
const NOTE: usize = 3;

/// The form's state while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeForm {
    /// The warning the outcome is for, as the list showed it.
    pub flag: Flag,
    /// The warning's row in the list, to go back to.
    pub row: usize,
    /// Nothing is chosen at first: the user says what happened.
    pub result: Option<OutcomeResult>,
    pub date: NaiveDate,
    pub note: TextInput,
    pub focus: usize,
    /// Why the last Enter recorded nothing (the form's check or the
    /// engine's refusal).
    pub error: Option<String>,
    /// Every active warning of the same calf, this one included, as the
    /// list showed them: what "all open warnings of this calf" covers.
    pub calf: Vec<Flag>,
    /// The outcome is for every open warning of this calf, not this one
    /// only.
    pub all: bool,
    /// Enter was pressed on a `not-seen` close of an emergency or urgent
    /// warning: the form asks to confirm before anything is written.
    pub confirming: bool,
}

impl OutcomeForm {
    /// A form for `flag`, dated `today` (the day the warnings are shown
    /// for).
    pub fn new(flag: Flag, row: usize, today: NaiveDate) -> OutcomeForm {
        OutcomeForm {
            date: today.max(flag.since),
            flag,
            row,
            result: None,
            note: TextInput::default(),
            focus: RESULT,
            error: None,
            calf: Vec::new(),
            all: false,
            confirming: false,
        }
    }

    /// The form with the calf's active warnings (this one among them), for
    /// "all open warnings of this calf".
    pub fn with_calf(mut self, calf: Vec<Flag>) -> OutcomeForm {
        self.calf = calf;
        self
    }

    /// How many active warnings "all open warnings of this calf" covers.
    fn calf_count(&self) -> usize {
        self.calf.len().max(1)
    }

    /// Whether recording `result` needs the not-seen confirmation: a
    /// `not-seen` close of an emergency or urgent warning, or of any of the
    /// calf's warnings when it is for all of them.
    pub fn needs_confirmation(&self, result: OutcomeResult) -> bool {
        let serious = |f: &Flag| matches!(f.level, Level::Emergency | Level::Urgent);
        result == OutcomeResult::NotSeen && (serious(&self.flag) || (self.all && self.calf.iter().any(serious)))
    }

    /// The confirmation's question: the sentence the CLI prints, then what
    /// would be written.
    pub fn confirmation(&self) -> String {
        let what = if self.all {
            format!(
                "every open warning of the {} calf ({})",
                self.flag.leg,
                self.calf_rules()
            )
        } else {
            format!(
                "the {} calf {} warning ({})",
                self.flag.leg,
                self.flag.rule,
                self.flag.level.name()
            )
        };
        format!(
            "{NOT_SEEN_CLOSE} Record not-seen for {what}, {}?",
            self.date.format("%-d %b")
        )
    }

    /// "rupture, bruising": the rules of the calf's active warnings.
    fn calf_rules(&self) -> String {
        if self.calf.is_empty() {
            return self.flag.rule.to_string();
        }
        self.calf.iter().map(|f| f.rule.id()).collect::<Vec<_>>().join(", ")
    }

    /// What kind of field has the keyboard: the note takes every printable
    /// key as text.
    pub fn when(&self) -> When {
        if self.focus == NOTE { When::Text } else { When::Choice }
    }

    /// The write, or why it cannot be made (naming the field).
    pub fn write(&self, today: NaiveDate) -> Result<Change, String> {
        let Some(result) = self.result else {
            return Err(format!(
                "Result: choose cleared, treating or not-seen with {}",
                choice_keys()
            ));
        };
        if self.date > today {
            return Err(format!("Date: from {} to today, never later", self.flag.since));
        }
        if self.date < self.flag.since {
            return Err(format!(
                "Date: on or after {}, the warning's first day, and not after today",
                self.flag.since
            ));
        }
        let length = self.note.text().chars().count();
        if length > MAX_OUTCOME_NOTE {
            return Err(format!("Note: at most {MAX_OUTCOME_NOTE} characters (it has {length})"));
        }
        let note = self.note.answer().map(|n| n.trim().to_owned());
        if self.all {
            return Ok(Change::OutcomeAll {
                leg: self.flag.leg,
                result,
                date: self.date,
                note,
            });
        }
        Ok(Change::Outcome {
            rule: self.flag.rule,
            leg: self.flag.leg,
            result,
            date: self.date,
            note,
        })
    }

    /// The status line's sentence when the outcome is recorded (for all of
    /// the calf's warnings, [`said_all`] says which the journal closed).
    pub fn said(&self, result: OutcomeResult) -> String {
        if self.all {
            return format!(
                "✓ Outcome {result}, {} for every open warning of the {} calf",
                self.date.format("%-d %b"),
                self.flag.leg
            );
        }
        format!(
            "✓ Closed the {} calf {} warning: {}, {}",
            self.flag.leg,
            self.flag.rule,
            result,
            self.date.format("%-d %b")
        )
    }

    /// This warning only, or all open warnings of this calf.
    fn step_scope(&mut self) {
        if self.calf_count() > 1 {
            self.all = !self.all;
        } else {
            self.all = false;
            self.error = Some(format!("This is the only open warning of the {} calf", self.flag.leg));
        }
    }

    fn step_result(&mut self, forward: bool) {
        let all = OutcomeResult::ALL;
        let next = match self.result.and_then(|r| all.iter().position(|x| *x == r)) {
            None if forward => 0,
            None => all.len() - 1,
            Some(i) if forward => (i + 1) % all.len(),
            Some(i) => (i + all.len() - 1) % all.len(),
        };
        self.result = Some(all[next]);
    }

    /// Moves the day by one inside the warning's days (its first day to
    /// today); says why not at either end.
    fn step_date(&mut self, forward: bool, today: NaiveDate) {
        let next = if forward {
            self.date.checked_add_days(Days::new(1)).filter(|d| *d <= today)
        } else {
            self.date
                .checked_sub_days(Days::new(1))
                .filter(|d| *d >= self.flag.since)
        };
        match next {
            Some(date) => self.date = date,
            None if forward => self.error = Some("Date: today at the latest, never a future day".to_owned()),
            None => {
                self.error = Some(format!(
                    "Date: not before {}, the day the warning opened",
                    self.flag.since
                ));
            }
        }
    }
}

/// What the status line says when one visit was recorded for every
/// warning of a calf: which warnings the journal closed.
pub fn said_all(closed: &[(Flag, Outcome)], leg: Leg, result: OutcomeResult, date: NaiveDate) -> String {
    let rules: Vec<&str> = closed.iter().map(|(f, _)| f.rule.id()).collect();
    let count = match rules.len() {
        1 => "1 warning".to_owned(),
        n => format!("{n} warnings"),
    };
    format!(
        "✓ Closed {count} of the {leg} calf ({}): {result}, {}",
        rules.join(", "),
        date.format("%-d %b")
    )
}

/// The write of the form, with what the status line says when it is done;
/// the form stays until the engine has accepted it.
fn record(form: OutcomeForm, write: Change) -> Reply {
    let (Change::Outcome { result, .. } | Change::OutcomeAll { result, .. }) = &write else {
        unreachable!("the form makes only outcomes")
    };
    let said = form.said(*result);
    // The form stays until the engine has accepted the outcome: a refusal
    // is shown here, with what was typed kept.
    Reply::keep(Modal::OutcomeForm(form)).with(Effect::write(write, said))
}

/// Keys in the form.
pub fn on_key(mut form: OutcomeForm, input: Input, view: &View) -> Reply {
    let command = input.command;
    if form.confirming {
        // Yes writes; anything else goes back to the form, nothing written.
        form.confirming = false;
        return match (command, form.write(view.today)) {
            (Command::Yes, Ok(write)) => record(form, write),
            (Command::Yes, Err(error)) => {
                form.error = Some(error);
                Reply::keep(Modal::OutcomeForm(form))
            }
            _ => Reply::keep(Modal::OutcomeForm(form)).with(Effect::info("Nothing recorded: not-seen not confirmed")),
        };
    }
    if !matches!(command, Command::Save) {
        form.error = None;
    }
    match (command, form.focus) {
        (Command::Up, _) => form.focus = form.focus.saturating_sub(1),
        (Command::Down, _) => form.focus = (form.focus + 1).min(NOTE),
        (Command::LeaveField, _) => form.focus = DATE,
        (Command::ChoicePrev | Command::ChoiceNext, RESULT) => form.step_result(command == Command::ChoiceNext),
        (Command::ChoicePrev | Command::ChoiceNext, SCOPE) => form.step_scope(),
        (Command::ChoicePrev | Command::ChoiceNext, DATE) => {
            form.step_date(command == Command::ChoiceNext, view.today);
        }
        (Command::Type, NOTE) if form.note.text().chars().count() >= MAX_OUTCOME_NOTE => {
            form.error = Some(format!("Note: at most {MAX_OUTCOME_NOTE} characters"));
        }
        (_, NOTE) if form.note.edit(input) => {}
        (Command::Save, _) => match form.write(view.today) {
            Ok(_) if form.result.is_some_and(|r| form.needs_confirmation(r)) => form.confirming = true,
            Ok(write) => return record(form, write),
            Err(error) => form.error = Some(error),
        },
        (Command::Cancel, _) => {
            return Reply::keep(Modal::WarningList { selected: form.row }).with(Effect::info("No outcome recorded"));
        }
        _ => {}
    }
    Reply::keep(Modal::OutcomeForm(form))
}

/// The key of `command` in the form, as its hints name it.
fn key(command: Command) -> &'static str {
    keys::key(Context::OutcomeForm, command)
}

/// "←/→": the keys that change a choice.
fn choice_keys() -> String {
    format!("{}/{}", key(Command::ChoicePrev), key(Command::ChoiceNext))
}

/// The day as the form shows it: "Sat 21 Nov 2026 (today)".
fn day(date: NaiveDate, today: NaiveDate) -> String {
    let shown = date.format("%a %-d %b %Y").to_string();
    if date == today {
        format!("{shown} (today)")
    } else {
        shown
    }
}

/// Draws the form over the warning list.
pub fn render(frame: &mut Frame, area: Rect, view: &View, form: &OutcomeForm) {
    let theme = view.theme;
    let width = area.width.min(76);
    let (word, meaning) = badge(form.flag.level);
    let marker = |field: usize| if form.focus == field { "▸ " } else { "  " };
    let focused = |line: Line<'static>, field: usize| {
        if form.focus == field {
            line.style(theme.style(Meaning::Selected))
        } else {
            line
        }
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(word, theme.style(meaning)),
            Span::raw(" "),
            Span::styled(form.flag.title.clone(), theme.style(Meaning::Title)),
        ]),
        Line::styled(
            format!(
                "{} calf · {} · {}",
                form.flag.leg,
                since_text(&form.flag, view.today),
                form.flag.rule
            ),
            theme.style(Meaning::Muted),
        ),
        Line::raw(""),
    ];
    let chosen = form
        .result
        .map_or_else(|| format!("‹ choose with {} ›", choice_keys()), |r| format!("‹ {r} ›"));
    lines.push(focused(
        Line::from(vec![
            Span::raw(marker(RESULT)),
            Span::raw(format!("{:<8}", "Result")),
            Span::raw(chosen),
        ]),
        RESULT,
    ));
    for result in OutcomeResult::ALL {
        let picked = form.result == Some(result);
        let style = if picked { Meaning::Normal } else { Meaning::Muted };
        lines.push(Line::styled(
            format!(
                "          {} {:<9} {}",
                if picked { "●" } else { "○" },
                result.name(),
                result.meaning()
            ),
            theme.style(style),
        ));
    }
    let scope = if form.all {
        format!("‹ all open warnings of this calf ({}) ›", form.calf_count())
    } else if form.calf_count() > 1 {
        format!("‹ this warning only › · {} open on this calf", form.calf_count())
    } else {
        "‹ this warning only ›".to_owned()
    };
    lines.push(focused(
        Line::from(vec![
            Span::raw(marker(SCOPE)),
            Span::raw(format!("{:<8}", "For")),
            Span::raw(scope),
        ]),
        SCOPE,
    ));
    if form.all {
        lines.push(Line::styled(
            // Not indented: it may wrap, and the form is sized by its
            // wrapped words.
            format!("One visit: the same result, date and note for {}.", form.calf_rules()),
            theme.style(Meaning::Muted),
        ));
    }
    lines.push(focused(
        Line::from(vec![
            Span::raw(marker(DATE)),
            Span::raw(format!("{:<8}", "Date")),
            Span::raw(format!("‹ {} ›", day(form.date, view.today))),
        ]),
        DATE,
    ));
    let room = usize::from(width.saturating_sub(2 + 2 + 8 + 2)).max(8);
    let (before, after) = form.note.split_window(room);
    let mut note = vec![Span::raw(marker(NOTE)), Span::raw(format!("{:<8}", "Note"))];
    if form.focus == NOTE {
        let mut rest = after.chars();
        let at = rest.next().map_or(" ".to_owned(), String::from);
        note.push(Span::raw(before));
        note.push(Span::styled(
            at,
            theme
                .style(Meaning::Key)
                .add_modifier(ratatui::style::Modifier::REVERSED),
        ));
        note.push(Span::raw(rest.as_str().to_owned()));
    } else if before.is_empty() && after.is_empty() {
        note.push(Span::styled(
            "optional: who saw you, what they said",
            theme.style(Meaning::Muted),
        ));
    } else {
        note.push(Span::raw(before + &after));
    }
    lines.push(focused(Line::from(note), NOTE));
    push_error(&mut lines, form.error.as_deref(), theme);
    let hint = if form.focus == NOTE {
        format!(
            " {} records · {} leaves the note ",
            key(Command::Save),
            key(Command::LeaveField)
        )
    } else {
        format!(
            " {} field · {} change · {} records · {} cancels ",
            keys::footer_key(Context::OutcomeForm, Command::Up),
            keys::footer_key(Context::OutcomeForm, Command::ChoicePrev),
            key(Command::Save),
            key(Command::Cancel)
        )
    };
    // As tall as its wrapped lines, so nothing is cut and no empty rows.
    let rows = wrapped_rows(&lines, width.saturating_sub(2));
    let popup = area.centered(Constraint::Length(width), Constraint::Length(rows.saturating_add(2)));
    frame.render_widget(Clear, popup);
    let block = theme
        .panel(" What came of this warning? ")
        .title_bottom(Line::styled(hint, theme.style(Meaning::Muted)).right_aligned());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
    if form.confirming {
        popup::render_question(
            frame,
            area,
            theme,
            "Close without an assessment?",
            &form.confirmation(),
            &keys::yes_no("yes, record not-seen", "no, go back"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::{Level, RuleId};

    fn form() -> OutcomeForm {
        let mut flag = crate::ui::widgets::warnings::tests::flag(RuleId::Dvt, Level::Urgent, "2026-11-20");
        flag.since = "2026-11-18".parse().unwrap();
        OutcomeForm::new(flag, 0, "2026-11-21".parse().unwrap())
    }

    #[test]
    fn a_result_must_be_chosen_and_the_day_stays_inside_the_warning() {
        let today: NaiveDate = "2026-11-21".parse().unwrap();
        let mut f = form();
        assert!(f.write(today).unwrap_err().starts_with("Result"));
        f.step_result(true);
        assert_eq!(f.result, Some(OutcomeResult::Cleared));
        f.step_result(false);
        assert_eq!(f.result, Some(OutcomeResult::NotSeen));
        f.step_date(true, today);
        assert_eq!(f.date, today, "never a future day");
        assert!(f.error.take().unwrap().contains("never a future"));
        for _ in 0..5 {
            f.step_date(false, today);
        }
        assert_eq!(f.date, f.flag.since, "never before the warning opened");
        assert!(matches!(
            f.write(today),
            Ok(Change::Outcome {
                result: OutcomeResult::NotSeen,
                ..
            })
        ));
        f.note = TextInput::new(&"x".repeat(MAX_OUTCOME_NOTE + 1));
        assert!(f.write(today).unwrap_err().starts_with("Note"));
    }
}
