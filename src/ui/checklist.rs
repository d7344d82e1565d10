//! Tab 2: today's exercises from the plan, grouped by kind, with the week's
//! adherence, the streak, the traffic light and the phase. Every change is
//! written at once: there is nothing to lose here.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph, Wrap};

use crate::clinical::Light;
use crate::domain::{Completion, Exercise, ExerciseKind, PlanEntry, Score};

use super::app::{App, Deferred, Modal, Picker, Tone};
use super::capacity;
use super::data::{Data, week_start};
use super::keys::{self, Command};
use super::phase;
use super::score::{self, DigitEntry};
use super::theme::{Meaning, Theme};
use super::wrap::wrapped_rows;

/// Which row is selected, and the two-digit entry for pain scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChecklistState {
    pub selected: usize,
    digits: DigitEntry,
}

/// One exercise of today's list.
pub struct Row<'a> {
    pub exercise: &'a Exercise,
    pub entry: &'a PlanEntry,
    pub done: Option<&'a Completion>,
}

/// The active plan joined with the catalogue, grouped by kind in the
/// catalogue's kind order. Plan entries whose exercise is unknown are
/// skipped (an import can only add known ones).
pub fn rows<'a>(data: &'a Data, today: chrono::NaiveDate) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = data
        .plan
        .iter()
        .filter(|p| p.active)
        .filter_map(|entry| {
            let exercise = data.catalogue.get(&entry.exercise)?;
            let done = data
                .week
                .iter()
                .find(|c| c.date == today && c.exercise == entry.exercise);
            Some(Row { exercise, entry, done })
        })
        .collect();
    rows.sort_by_key(|r| ExerciseKind::ALL.iter().position(|k| *k == r.exercise.kind));
    rows
}

/// This week's adherence: (done, planned), counting each active exercise
/// once a day from Monday to today. Exercises an active warning pauses
/// today leave the count (SPEC 5.6).
pub fn adherence(data: &Data, today: chrono::NaiveDate) -> (usize, usize) {
    let days = (today - week_start(today)).num_days() as usize + 1;
    let flags = &data.assessment.flags;
    let mut active = data.active_exercises();
    active.retain(|id| {
        data.catalogue
            .get(id)
            .is_none_or(|e| crate::clinical::paused_by(e, flags).is_none())
    });
    let done = data
        .week
        .iter()
        .filter(|c| active.contains(&c.exercise.as_str()))
        .count();
    (done, active.len() * days)
}

/// Keys on the checklist tab.
pub fn update(app: &mut App, command: Command, key: KeyEvent) {
    if command != Command::SetScore {
        app.checklist.digits.reset();
    }
    let (count, current) = {
        let rows = rows(&app.data, app.today);
        let current = rows.get(app.checklist.selected).map(|r| {
            (
                r.exercise.id.clone(),
                r.exercise.name.clone(),
                r.done.map(|c| (c.sets, c.pain.map(|p| p.value()))),
            )
        });
        (rows.len(), current)
    };
    match command {
        Command::Up => app.checklist.selected = app.checklist.selected.saturating_sub(1),
        Command::Down => app.checklist.selected = (app.checklist.selected + 1).min(count.saturating_sub(1)),
        Command::AddExercise => open_picker(app),
        Command::ShowPhase => phase::open(app),
        Command::RecordTest => capacity::open(app),
        _ => {
            let Some((id, name, done)) = current else {
                app.say(Tone::Info, "The plan is empty: press a to add an exercise");
                return;
            };
            match command {
                Command::ToggleDone if done.is_some() => write(app, &id, None, &format!("{name}: not done")),
                Command::ToggleDone => write(app, &id, Some((None, None)), &format!("✓ {name}: done")),
                Command::SetScore | Command::ScoreDown | Command::ScoreUp | Command::ClearScore => {
                    let (sets, pain) = done.unwrap_or((None, None));
                    let pain = match command {
                        Command::SetScore => {
                            keys::digit(key).map(|d| app.checklist.digits.digit(app.checklist.selected, d))
                        }
                        Command::ClearScore => None,
                        _ => Some(score::step(pain, command == Command::ScoreUp)),
                    };
                    let said = match pain {
                        Some(p) => format!("✓ {name}: done, pain during {p}/10"),
                        None => format!("✓ {name}: done, pain not noted"),
                    };
                    write(app, &id, Some((sets, pain)), &said);
                }
                Command::ShowHowTo => app.modal = Some(Modal::HowTo(id)),
                Command::RemoveExercise => {
                    app.modal = Some(Modal::Confirm {
                        question: format!("Remove {name} from your plan? Its past completions stay in the journal."),
                        on_yes: Deferred::RemoveExercise(id),
                    });
                }
                _ => {}
            }
        }
    }
}

/// Records today's completion (`Some((sets, pain))`) or removes it.
fn write(app: &mut App, id: &str, done: Option<(Option<u32>, Option<u8>)>, said: &str) {
    let result = match done {
        Some((sets, pain)) => {
            let pain = pain.and_then(|p| Score::new("pain", i64::from(p)).ok());
            app.storage.save_completion(&Completion {
                date: app.today,
                exercise: id.to_owned(),
                sets,
                pain,
            })
        }
        None => app.storage.delete_completion(app.today, id),
    };
    match result {
        Ok(()) => {
            app.reload_or_say();
            if app.status.is_none() {
                app.say(Tone::Success, said);
            }
        }
        Err(err) => app.failed("Not saved", &err),
    }
}

fn open_picker(app: &mut App) {
    let in_plan = app.data.active_exercises();
    let ids: Vec<String> = app
        .data
        .catalogue
        .all()
        .iter()
        .filter(|e| !in_plan.contains(&e.id.as_str()))
        .map(|e| e.id.clone())
        .collect();
    if ids.is_empty() {
        app.say(Tone::Info, "Every exercise of the catalogue is already in your plan");
    } else {
        app.modal = Some(Modal::Picker(Picker { ids, selected: 0 }));
    }
}

/// Keys in the picker; the modal was taken out of `app`.
pub fn on_picker(app: &mut App, mut picker: Picker, command: Command) {
    match command {
        Command::Up => picker.selected = picker.selected.saturating_sub(1),
        Command::Down => picker.selected = (picker.selected + 1).min(picker.ids.len().saturating_sub(1)),
        Command::Choose => {
            let Some(exercise) = picker
                .ids
                .get(picker.selected)
                .and_then(|id| app.data.catalogue.get(id))
                .cloned()
            else {
                return;
            };
            let entry = PlanEntry {
                exercise: exercise.id.clone(),
                dose: exercise.dose.clone(),
                active: true,
            };
            match app.storage.save_plan_entry(&entry) {
                Ok(()) => {
                    app.reload_or_say();
                    app.say(Tone::Success, format!("✓ Added {} to your plan", exercise.name));
                    if let Some(i) = rows(&app.data, app.today)
                        .iter()
                        .position(|r| r.exercise.id == exercise.id)
                    {
                        app.checklist.selected = i;
                    }
                }
                Err(err) => app.failed("Not added", &err),
            }
            return;
        }
        _ => return,
    }
    app.modal = Some(Modal::Picker(picker));
}

/// The confirmed removal of an exercise from the plan.
pub fn remove(app: &mut App, id: &str) {
    match app.storage.remove_plan_entry(id) {
        Ok(()) => {
            app.reload_or_say();
            let count = rows(&app.data, app.today).len();
            app.checklist.selected = app.checklist.selected.min(count.saturating_sub(1));
            app.say(Tone::Success, "✓ Removed from your plan");
        }
        Err(err) => app.failed("Not removed", &err),
    }
}

/// The light as a symbol, a word and what it asks, so it reads without colour.
pub fn light_text(light: Light) -> (&'static str, Meaning) {
    match light {
        Light::Green => ("● GREEN: progress a step", Meaning::LightGreen),
        Light::Amber => ("◐ AMBER: hold the load", Meaning::LightAmber),
        Light::Red => ("■ RED: back off a step", Meaning::LightRed),
        Light::Unknown => ("○ UNKNOWN: not enough recent pain scores", Meaning::LightUnknown),
        Light::Stop => ("■ STOP: follow the warning first", Meaning::LightRed),
    }
}

/// Draws the tab.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    // The light's reason, the model's label and the phase line are long:
    // the panel grows to hold them wrapped rather than cut them, up to half
    // the tab.
    let summary = summary_lines(app, theme);
    let wrapped = wrapped_rows(&summary, area.width.saturating_sub(2));
    let summary_height = (wrapped + 2).min(area.height / 2);
    let [summary_area, list_area] =
        Layout::vertical([Constraint::Length(summary_height), Constraint::Min(3)]).areas(area);
    let block = theme.panel(" Progress ");
    frame.render_widget(
        Paragraph::new(summary).wrap(Wrap { trim: true }).block(block),
        summary_area,
    );

    let rows = rows(&app.data, app.today);
    let mut items = Vec::with_capacity(rows.len() + 5);
    let mut selected_item = None;
    let mut last_kind = None;
    for (i, row) in rows.iter().enumerate() {
        if last_kind != Some(row.exercise.kind) {
            last_kind = Some(row.exercise.kind);
            items.push(ListItem::new(Line::styled(
                row.exercise.kind.name().to_uppercase(),
                theme.style(Meaning::Title),
            )));
        }
        if i == app.checklist.selected {
            selected_item = Some(items.len());
        }
        let check = if row.done.is_some() { "[x]" } else { "[ ]" };
        let pain = match row.done.and_then(|c| c.pain) {
            Some(p) => format!("pain {:>2}", p.value()),
            None if row.done.is_some() => "pain  –".to_owned(),
            None => String::new(),
        };
        // Room for the border, the marker, the box, the pain and some dose.
        let name_width = (list_area.width as usize).saturating_sub(4 + 4 + 8 + 24).clamp(12, 40);
        items.push(ListItem::new(Line::from(vec![
            Span::raw(format!("{check} {:<name_width$.name_width$} ", row.exercise.name)),
            Span::raw(format!("{pain:<7} ")),
            Span::styled(row.entry.dose.clone(), theme.style(Meaning::Muted)),
        ])));
    }
    let today = app.today.format("%a %Y-%m-%d");
    let block = theme.panel(format!(" Today's exercises · {today} "));
    if items.is_empty() {
        let empty = Paragraph::new("Your plan is empty. Press a to add an exercise from the catalogue.")
            .style(theme.style(Meaning::Muted))
            .block(block);
        frame.render_widget(empty, list_area);
        return;
    }
    let list = List::new(items)
        .block(block)
        .highlight_symbol("▸ ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .highlight_style(theme.style(Meaning::Selected));
    let mut state = ListState::default().with_selected(selected_item);
    frame.render_stateful_widget(list, list_area, &mut state);
}

/// The Progress panel: today's light and why, the model's label, the
/// week and streak, and the phase.
fn summary_lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let (done, planned) = adherence(&app.data, app.today);
    let percent = (done * 100).checked_div(planned).unwrap_or(0);
    let days = match app.data.streak {
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    };
    let guidance = &app.data.assessment.guidance;
    let (light, meaning) = light_text(guidance.light);
    // The engine's last reason names the model it borrows from; the first
    // is the one that decided the light. The rest are one key away.
    let (first, source) = match guidance.because.as_slice() {
        [] => ("", ""),
        [only] => (only.as_str(), ""),
        [first, .., last] => (first.as_str(), last.as_str()),
    };
    vec![
        Line::from(vec![
            Span::raw("Load today: "),
            Span::styled(light, theme.style(meaning)),
            Span::styled(format!(" — {first}"), theme.style(Meaning::Normal)),
        ]),
        Line::styled(source.to_owned(), theme.style(Meaning::Muted)),
        Line::raw(format!("Week {done}/{planned} done ({percent}%) · streak {days}")),
        Line::raw(phase::summary(&app.data.phase)),
    ]
}

/// The how-to popup for one exercise.
pub fn render_how_to(frame: &mut Frame, area: Rect, app: &App, id: &str) {
    let theme = app.theme;
    let Some(e) = app.data.catalogue.get(id) else {
        return;
    };
    let popup = area.centered(Constraint::Percentage(80), Constraint::Percentage(80));
    frame.render_widget(Clear, popup);
    let phases: Vec<String> = e.phases.iter().map(u8::to_string).collect();
    let lines = vec![
        Line::styled(format!("Dose: {}", e.dose), theme.style(Meaning::Normal)),
        Line::styled(
            format!("Kind: {} · phases {}", e.kind, phases.join(", ")),
            theme.style(Meaning::Muted),
        ),
        Line::raw(""),
        Line::styled("How to", theme.style(Meaning::Title)),
        Line::raw(e.how_to.clone()),
        Line::raw(""),
        Line::styled("! Caution", theme.style(Meaning::AlertSoon)),
        Line::raw(e.caution.clone()),
    ];
    let block = theme
        .panel(format!(" {} ", e.name))
        .title_bottom(Line::styled(" Esc closes ", theme.style(Meaning::Muted)).right_aligned());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
}

/// The picker popup: catalogue exercises not in the plan.
pub fn render_picker(frame: &mut Frame, area: Rect, app: &App, picker: &Picker) {
    let theme = app.theme;
    let popup = area.centered(Constraint::Percentage(80), Constraint::Percentage(80));
    frame.render_widget(Clear, popup);
    let items: Vec<ListItem> = picker
        .ids
        .iter()
        .filter_map(|id| app.data.catalogue.get(id))
        .map(|e| {
            let phases: Vec<String> = e.phases.iter().map(u8::to_string).collect();
            ListItem::new(Line::from(vec![
                Span::raw(format!("{:<36} ", e.name)),
                Span::styled(
                    format!("{} · phase {}", e.kind, phases.join("/")),
                    theme.style(Meaning::Muted),
                ),
            ]))
        })
        .collect();
    let list = List::new(items)
        .block(
            theme
                .panel(" Add an exercise to your plan ")
                .title_bottom(Line::styled(" Enter adds · Esc cancels ", theme.style(Meaning::Muted)).right_aligned()),
        )
        .highlight_symbol("▸ ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .highlight_style(theme.style(Meaning::Selected));
    let mut state = ListState::default().with_selected(Some(picker.selected));
    frame.render_stateful_widget(list, popup, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_light_has_a_word() {
        for light in [Light::Green, Light::Amber, Light::Red, Light::Unknown] {
            let (text, _) = light_text(light);
            assert!(text.contains(&light.name().to_uppercase()), "{text}");
        }
    }
}
