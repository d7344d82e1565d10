//! The outcome form of the warning list (`w`, then `o`): what came of an
//! open warning (SPEC 5.2) — the result, the day, an optional note. The
//! form checks what it can (a result chosen, the day inside the warning's
//! days, the note's length); whether the warning is still active on that
//! day is the engine's answer, shown in the form when it refuses.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::clinical::Flag;
use crate::domain::{MAX_OUTCOME_NOTE, OutcomeResult};

use super::effect::{Effect, Modal, Outcome, View, Write};
use super::keys::{Command, Input, When};
use super::text::TextInput;
use super::theme::Meaning;

/// The form's fields, in order.
const RESULT: usize = 0;
const DATE: usize = 1;
const NOTE: usize = 2;

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
        }
    }

    /// What kind of field has the keyboard: the note takes every printable
    /// key as text.
    pub fn when(&self) -> When {
        if self.focus == NOTE { When::Text } else { When::Choice }
    }

    /// The write, or why it cannot be made (naming the field).
    pub fn write(&self, today: NaiveDate) -> Result<Write, String> {
        let Some(result) = self.result else {
            return Err("Result: choose cleared, treating or not-seen with ←/→".to_owned());
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
        Ok(Write::Outcome {
            rule: self.flag.rule,
            leg: self.flag.leg,
            result,
            date: self.date,
            note: self.note.answer().map(|n| n.trim().to_owned()),
        })
    }

    /// The status line's sentence when the outcome is recorded.
    pub fn said(&self, result: OutcomeResult) -> String {
        format!(
            "✓ Closed the {} calf {} warning: {}, {}",
            self.flag.leg,
            self.flag.rule,
            result,
            self.date.format("%-d %b")
        )
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

/// Keys in the form.
pub fn on_popup(mut form: OutcomeForm, input: Input, view: &View) -> Outcome {
    let command = input.command;
    if !matches!(command, Command::Save) {
        form.error = None;
    }
    match (command, form.focus) {
        (Command::Up, _) => form.focus = form.focus.saturating_sub(1),
        (Command::Down, _) => form.focus = (form.focus + 1).min(NOTE),
        (Command::LeaveField, _) => form.focus = DATE,
        (Command::ChoicePrev | Command::ChoiceNext, RESULT) => form.step_result(command == Command::ChoiceNext),
        (Command::ChoicePrev | Command::ChoiceNext, DATE) => {
            form.step_date(command == Command::ChoiceNext, view.today);
        }
        (Command::Type, NOTE) if form.note.text().chars().count() >= MAX_OUTCOME_NOTE => {
            form.error = Some(format!("Note: at most {MAX_OUTCOME_NOTE} characters"));
        }
        (_, NOTE) if form.note.edit(input) => {}
        (Command::Save, _) => match form.write(view.today) {
            Ok(write) => {
                let Write::Outcome { result, .. } = write else {
                    unreachable!("the form makes only outcomes")
                };
                let said = form.said(result);
                // The form stays until the engine has accepted the outcome:
                // a refusal is shown here, with what was typed kept.
                return Outcome::keep(Modal::OutcomeForm(form)).with(Effect::write(write, said));
            }
            Err(error) => form.error = Some(error),
        },
        (Command::Cancel, _) => {
            return Outcome::keep(Modal::WarningList { selected: form.row }).with(Effect::info("No outcome recorded"));
        }
        _ => {}
    }
    Outcome::keep(Modal::OutcomeForm(form))
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
    let (word, meaning) = super::warnings::badge(form.flag.level);
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
                super::warnings::since_text(&form.flag, view.today),
                form.flag.rule
            ),
            theme.style(Meaning::Muted),
        ),
        Line::raw(""),
    ];
    let chosen = form
        .result
        .map_or_else(|| "‹ choose with ←/→ ›".to_owned(), |r| format!("‹ {r} ›"));
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
    lines.push(focused(
        Line::from(vec![
            Span::raw(marker(DATE)),
            Span::raw(format!("{:<8}", "Date")),
            Span::raw(format!("‹ {} ›", day(form.date, view.today))),
        ]),
        DATE,
    ));
    let room = usize::from(width.saturating_sub(2 + 2 + 8 + 2)).max(8);
    let (shown, cursor) = form.note.window(room);
    let mut note = vec![Span::raw(marker(NOTE)), Span::raw(format!("{:<8}", "Note"))];
    if form.focus == NOTE {
        let split = shown.char_indices().nth(cursor).map_or(shown.len(), |(i, _)| i);
        let (before, after) = shown.split_at(split);
        let mut rest = after.chars();
        let at = rest.next().map_or(" ".to_owned(), String::from);
        note.push(Span::raw(before.to_owned()));
        note.push(Span::styled(
            at,
            theme
                .style(Meaning::Key)
                .add_modifier(ratatui::style::Modifier::REVERSED),
        ));
        note.push(Span::raw(rest.as_str().to_owned()));
    } else if shown.is_empty() {
        note.push(Span::styled(
            "optional: who saw you, what they said",
            theme.style(Meaning::Muted),
        ));
    } else {
        note.push(Span::raw(shown));
    }
    lines.push(focused(Line::from(note), NOTE));
    super::form::push_error(&mut lines, form.error.as_deref(), theme);
    let hint = if form.focus == NOTE {
        " Enter records · Esc leaves the note "
    } else {
        " ↑↓ field · ←→ change · Enter records · Esc cancels "
    };
    // As tall as its wrapped lines, so nothing is cut and no empty rows.
    let rows = super::wrap::wrapped_rows(&lines, width.saturating_sub(2));
    let popup = area.centered(Constraint::Length(width), Constraint::Length(rows.saturating_add(2)));
    frame.render_widget(Clear, popup);
    let block = theme
        .panel(" What came of this warning? ")
        .title_bottom(Line::styled(hint, theme.style(Meaning::Muted)).right_aligned());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::{Level, RuleId};

    fn form() -> OutcomeForm {
        let mut flag = super::super::warnings::tests::flag(RuleId::Dvt, Level::Urgent, "2026-11-20");
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
            Ok(Write::Outcome {
                result: OutcomeResult::NotSeen,
                ..
            })
        ));
        f.note = TextInput::new(&"x".repeat(MAX_OUTCOME_NOTE + 1));
        assert!(f.write(today).unwrap_err().starts_with("Note"));
    }
}
