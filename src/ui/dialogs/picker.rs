//! The exercise picker (`a` on the Checklist): catalogue exercises not in
//! the plan yet; Enter adds the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState};

use crate::domain::PlanEntry;

use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::paused::paused_mark;
use crate::ui::widgets::theme::Meaning;
use crate::ui::widgets::wrap::pad;

use super::{Modal, Reply};

/// The exercise picker: catalogue ids not in the plan yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub ids: Vec<String>,
    pub selected: usize,
}

/// Keys in the picker.
pub fn on_key(mut picker: Picker, input: Input, view: &View) -> Reply {
    match input.command {
        Command::Up => picker.selected = picker.selected.saturating_sub(1),
        Command::Down => picker.selected = (picker.selected + 1).min(picker.ids.len().saturating_sub(1)),
        Command::Choose => {
            let Some(exercise) = picker
                .ids
                .get(picker.selected)
                .and_then(|id| view.data.catalogue.get(id))
            else {
                return Reply::close();
            };
            let entry = PlanEntry {
                exercise: exercise.id.clone(),
                dose: exercise.dose.clone(),
                active: true,
                per_day: exercise.per_day,
            };
            let said = match crate::clinical::paused_by(exercise, &view.data.assessment.pausing) {
                Some(flag) => format!(
                    "✓ Added {} to your plan · paused while this warning is active: {} ({} calf)",
                    exercise.name, flag.title, flag.leg
                ),
                None => format!("✓ Added {} to your plan", exercise.name),
            };
            return Reply::close().with(Effect::write(Change::Plan(entry), said));
        }
        Command::Cancel => return Reply::close(),
        _ => {}
    }
    Reply::keep(Modal::Picker(picker))
}

/// The picker popup: catalogue exercises not in the plan.
pub fn render(frame: &mut Frame, area: Rect, view: &View, picker: &Picker) {
    let theme = view.theme;
    let popup = area.centered(Constraint::Percentage(80), Constraint::Percentage(80));
    frame.render_widget(Clear, popup);
    let items: Vec<ListItem> = picker
        .ids
        .iter()
        .filter_map(|id| view.data.catalogue.get(id))
        .map(|e| {
            let phases: Vec<String> = e.phases.iter().map(u8::to_string).collect();
            let mut spans = vec![Span::raw(format!("{} ", pad(&e.name, 36)))];
            // The pause first, so a narrow popup cuts the kind, not it.
            if let Some(mark) = paused_mark(e, &view.data.assessment, view.theme) {
                spans.push(mark);
                spans.push(Span::raw(" · "));
            }
            spans.push(Span::styled(
                format!("{} · phase {}", e.kind, phases.join("/")),
                theme.style(Meaning::Muted),
            ));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let list = List::new(items)
        .block(
            theme.panel(" Add an exercise to your plan ").title_bottom(
                Line::styled(
                    format!(
                        " {} adds · {} cancels ",
                        keys::key(Context::Picker, Command::Choose),
                        keys::key(Context::Picker, Command::Cancel)
                    ),
                    theme.style(Meaning::Muted),
                )
                .right_aligned(),
            ),
        )
        .highlight_symbol("▸ ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .highlight_style(theme.style(Meaning::Selected));
    let mut state = ListState::default().with_selected(Some(picker.selected));
    frame.render_stateful_widget(list, popup, &mut state);
}
