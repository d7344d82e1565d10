//! Every active warning in full, with the reasons (`w`). ↑/↓ select a
//! warning, `o` opens the outcome form for it, `u` undoes the last
//! outcome recorded.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

use crate::clinical::Flag;

use crate::ui::app::{Effect, View};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::warnings::{NO_WARNINGS, headline, sorted};
use crate::ui::widgets::wrap::wrapped_rows;

use super::outcome_form::OutcomeForm;
use super::{Modal, Reply};

/// Keys in the list.
pub fn on_key(selected: usize, input: Input, view: &View) -> Reply {
    let flags = sorted(&view.data.assessment.flags);
    let last = flags.len().saturating_sub(1);
    let selected = selected.min(last);
    let keep = |selected| Reply::keep(Modal::WarningList { selected });
    match input.command {
        Command::Up => keep(selected.saturating_sub(1)),
        Command::Down => keep((selected + 1).min(last)),
        Command::RecordOutcome => match flags.get(selected) {
            Some(flag) => Reply::keep(Modal::OutcomeForm(
                OutcomeForm::new((*flag).clone(), selected, view.today).with_calf(
                    view.data
                        .assessment
                        .flags
                        .iter()
                        .filter(|f| f.leg == flag.leg)
                        .cloned()
                        .collect(),
                ),
            )),
            None => keep(selected).with(Effect::info("No active warning to record an outcome for")),
        },
        Command::Undo => keep(selected).with(Effect::Undo),
        _ => Reply::close(),
    }
}

/// Draws the list; the selected warning (`o` records what came of it) is
/// marked and kept in view.
pub fn render(frame: &mut Frame, area: Rect, flags: &[Flag], selected: usize, today: NaiveDate, theme: Theme) -> u16 {
    let mut lines = Vec::new();
    let mut top = 0;
    if flags.is_empty() {
        lines.push(Line::styled(NO_WARNINGS, theme.style(Meaning::Guidance)));
    }
    let list = sorted(flags);
    let selected = selected.min(list.len().saturating_sub(1));
    for (i, flag) in list.into_iter().enumerate() {
        let mut head = headline(flag, today, theme, None, false);
        if i == selected {
            top = lines.len();
            head.spans.insert(0, Span::styled("▸ ", theme.style(Meaning::Key)));
            head = head.style(theme.style(Meaning::Selected));
        } else {
            head.spans.insert(0, Span::raw("  "));
        }
        lines.push(head);
        lines.push(Line::raw(format!("    What to do: {}", flag.advice)));
        for reason in &flag.because {
            lines.push(Line::styled(
                format!("    because {reason}"),
                theme.style(Meaning::Muted),
            ));
        }
        if i == selected {
            lines.push(Line::styled(
                format!(
                    "    Seen by a clinician, or closing it yourself? {} records what came of it.",
                    key(Command::RecordOutcome)
                ),
                theme.style(Meaning::Guidance),
            ));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "soleus does not diagnose. If you are worried, contact a clinician whatever this list says.",
        theme.style(Meaning::Guidance),
    ));
    // The window starts at the selected warning (as far as the text goes),
    // counted in rows as wrapped inside the popup (see render_scrolling).
    let popup = area.centered(Constraint::Percentage(90), Constraint::Percentage(90));
    let scroll = wrapped_rows(&lines[..top], popup.width.saturating_sub(2));
    let hint = if flags.is_empty() {
        format!(" {} closes ", key(Command::Close))
    } else {
        format!(
            " {} warning · {} outcome · {} undo · {} closes ",
            keys::footer_key(Context::WarningList, Command::Up),
            key(Command::RecordOutcome),
            key(Command::Undo),
            key(Command::Close)
        )
    };
    popup::render_scrolling(frame, area, theme, " All warnings ", lines, scroll, &hint)
}

/// The key of `command` in the list, as its hints name it.
fn key(command: Command) -> &'static str {
    keys::key(Context::WarningList, command)
}
