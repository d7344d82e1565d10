//! The plan for a phase as one view (issue 12): the exercises to add, to
//! drop and the doses that change, each line ticked or not, applied in one
//! step that `u` undoes. Confirming a phase move opens it (the move and the
//! plan are then one confirmation), and the Checklist opens it any time
//! with `s` ("suggest a plan for my phase").

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph, Wrap};

use crate::domain::{DiffKind, DiffLine, PhaseChange, PlanEntry, propose};

use crate::ui::app::data::Data;
use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::dialogs::{Modal, Reply};
use crate::ui::keys::{self, Command, Context, Focus, Input, When};
use crate::ui::widgets::paused::paused_mark;
use crate::ui::widgets::theme::Meaning;
use crate::ui::widgets::wrap::wrapped_rows;

/// The open view: the phase it is for, the move it confirms (if any), the
/// proposed lines and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDiff {
    pub phase: u8,
    /// The phase move this view confirms; `None` from the Checklist.
    pub change: Option<PhaseChange>,
    pub lines: Vec<DiffLine>,
    pub selected: usize,
    /// Exercises the user removed are proposed too.
    pub with_removed: bool,
}

impl PlanDiff {
    /// The proposal for `phase` against the plan in `data`.
    pub fn new(data: &Data, phase: u8, change: Option<PhaseChange>) -> PlanDiff {
        PlanDiff {
            phase,
            change,
            lines: propose(&data.catalogue, &data.plan, &data.plan_history, phase, false),
            selected: 0,
            with_removed: false,
        }
    }
}

/// What the ticked lines write: entries to save and exercises to remove,
/// with the phase move.
pub fn plan_write(lines: &[DiffLine], phase: Option<PhaseChange>) -> Option<Change> {
    let ticked = lines.iter().filter(|l| l.on);
    let mut save: Vec<PlanEntry> = Vec::new();
    let mut remove: Vec<String> = Vec::new();
    for line in ticked {
        match line.kind {
            DiffKind::Add | DiffKind::Dose => save.push(line.entry.clone()),
            DiffKind::Drop => remove.push(line.entry.exercise.clone()),
        }
    }
    (!save.is_empty() || !remove.is_empty() || phase.is_some()).then_some(Change::PlanChanges { save, remove, phase })
}

fn phase_name(phase: u8) -> &'static str {
    crate::clinical::PhaseInfo::of(phase).map_or("", |p| p.name)
}

/// "3 added, 2 dropped, 1 dose changed".
fn counts(lines: &[DiffLine]) -> String {
    let n = |kind: DiffKind| lines.iter().filter(|l| l.on && l.kind == kind).count();
    format!(
        "{} added, {} dropped, {} dose{} changed",
        n(DiffKind::Add),
        n(DiffKind::Drop),
        n(DiffKind::Dose),
        if n(DiffKind::Dose) == 1 { "" } else { "s" }
    )
}

/// The ticked additions, and the sessions a day they add: what adherence
/// will ask more of from today.
fn added(lines: &[DiffLine]) -> (Vec<&DiffLine>, u32) {
    let adds: Vec<&DiffLine> = lines.iter().filter(|l| l.on && l.kind == DiffKind::Add).collect();
    let sessions = adds.iter().map(|l| u32::from(l.entry.per_day.max(1))).sum();
    (adds, sessions)
}

/// What the additions do to adherence, in a few words: "adherence asks
/// 8 more sessions a day from 2026-11-21". Empty when nothing is added.
pub fn adherence_note(lines: &[DiffLine], from: chrono::NaiveDate) -> String {
    match added(lines) {
        (adds, _) if adds.is_empty() => String::new(),
        (_, 1) => format!("adherence asks 1 more session a day from {from}"),
        (_, n) => format!("adherence asks {n} more sessions a day from {from}"),
    }
}

/// Keys in the view.
pub fn on_key(mut diff: PlanDiff, input: Input, view: &View) -> Reply {
    let last = diff.lines.len().saturating_sub(1);
    match input.command {
        Command::Up => diff.selected = diff.selected.saturating_sub(1),
        Command::Down => diff.selected = (diff.selected + 1).min(last),
        Command::Toggle => {
            if let Some(line) = diff.lines.get_mut(diff.selected) {
                line.on = !line.on;
            }
        }
        Command::ShowRemoved => {
            diff.with_removed = !diff.with_removed;
            let kept: Vec<DiffLine> = diff.lines.clone();
            diff.lines = propose(
                &view.data.catalogue,
                &view.data.plan,
                &view.data.plan_history,
                diff.phase,
                diff.with_removed,
            );
            // Ticks already changed stay as the user left them.
            for line in &mut diff.lines {
                if let Some(old) = kept
                    .iter()
                    .find(|k| k.entry.exercise == line.entry.exercise && k.kind == line.kind)
                {
                    line.on = old.on;
                }
            }
            diff.selected = diff.selected.min(diff.lines.len().saturating_sub(1));
        }
        Command::Choose => {
            let moved = diff.change.as_ref().map_or(String::new(), |change| {
                format!(
                    "Phase {} {} from {} · ",
                    change.phase,
                    phase_name(change.phase),
                    change.date
                )
            });
            return match plan_write(&diff.lines, diff.change.clone()) {
                Some(write) => {
                    let plan = if moved.is_empty() { "Plan" } else { "plan" };
                    let note = match adherence_note(&diff.lines, view.today) {
                        n if n.is_empty() => n,
                        n => format!(" · {n}"),
                    };
                    let said = format!(
                        "✓ {moved}{plan} for phase {}: {}{note}",
                        diff.phase,
                        counts(&diff.lines)
                    );
                    Reply::close().with(Effect::write(write, said))
                }
                None => Reply::close().with(Effect::info("Nothing ticked: the plan stays as it is")),
            };
        }
        Command::Cancel => {
            let said = if diff.change.is_some() {
                "The phase and the plan stay as they are"
            } else {
                "The plan stays as it is"
            };
            return Reply::close().with(Effect::info(said));
        }
        _ => {}
    }
    Reply::keep(Modal::PlanDiff(diff))
}

/// Draws the view over the screen.
pub fn render(frame: &mut Frame, area: Rect, view: &View, diff: &PlanDiff) {
    let theme = view.theme;
    let popup = area.centered(Constraint::Percentage(90), Constraint::Percentage(90));
    frame.render_widget(Clear, popup);
    let name = |id: &str| view.data.catalogue.get(id).map_or(id.to_owned(), |e| e.name.clone());
    let intro = match &diff.change {
        Some(change) => format!(
            "Move to phase {} {} from today, {}? soleus suggests it because every criterion holds; the decision \
             is yours. {} moves on and applies the ticked lines below; {} undoes the plan change.",
            change.phase,
            phase_name(change.phase),
            change.date,
            keys::key(Context::PlanDiff, Command::Choose),
            keys::key(Context::Checklist, Command::Undo)
        ),
        None => format!(
            "The plan the catalogue suggests for phase {}. {} applies the ticked lines; {} undoes it.",
            diff.phase,
            keys::key(Context::PlanDiff, Command::Choose),
            keys::key(Context::Checklist, Command::Undo)
        ),
    };
    let shown_with = keys::key(Context::PlanDiff, Command::ShowRemoved);
    let removed = if diff.with_removed {
        format!("exercises you removed are proposed again ({shown_with} hides them)")
    } else {
        format!("exercises you removed are not proposed ({shown_with} shows them)")
    };
    // What the additions ask, before they are confirmed: the days before
    // keep what was asked then, so a fall in the week's figure is named.
    let (adds, _) = added(&diff.lines);
    let adding = if adds.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = adds
            .iter()
            .map(|l| match l.entry.per_day {
                1 => name(&l.entry.exercise),
                n => format!("{} ({n} a day)", name(&l.entry.exercise)),
            })
            .collect();
        format!(
            "Adding {}: {}. Then {} (today); the days before count what was asked then, so this week's figure \
             can fall at once.",
            adds.len(),
            names.join(", "),
            adherence_note(&diff.lines, view.today)
        )
    };
    let mut items: Vec<ListItem> = Vec::new();
    for line in &diff.lines {
        let mark = if line.on { "[x]" } else { "[ ]" };
        let (sign, meaning) = match line.kind {
            DiffKind::Add => ("+ add ", Meaning::Success),
            DiffKind::Drop => ("- drop", Meaning::AlertSoon),
            DiffKind::Dose => ("~ dose", Meaning::Pending),
        };
        let what = match line.kind {
            DiffKind::Dose => format!(
                "{}: {} → {}",
                name(&line.entry.exercise),
                line.was.as_deref().unwrap_or(""),
                line.entry.dose
            ),
            _ => format!("{} ({})", name(&line.entry.exercise), line.entry.dose),
        };
        let mut spans = vec![
            Span::raw(format!("{mark} ")),
            Span::styled(sign, theme.style(meaning)),
            Span::raw(format!(" {what}")),
        ];
        // An exercise a warning pauses says so before it is added.
        if line.kind != DiffKind::Drop
            && let Some(paused) = view
                .data
                .catalogue
                .get(&line.entry.exercise)
                .and_then(|e| paused_mark(e, &view.data.assessment, theme))
        {
            spans.push(Span::raw(" "));
            spans.push(paused);
        }
        items.push(ListItem::new(Line::from(spans)));
    }
    if items.is_empty() {
        items.push(ListItem::new(Line::styled(
            "The plan already matches this phase: nothing to add, drop or change.",
            theme.style(Meaning::Muted),
        )));
    }
    let title = format!(" Plan for phase {} · {} ", diff.phase, counts(&diff.lines));
    let block = theme.panel(title).title_bottom(
        // The view's own footer hints, as the key table gives them.
        Line::styled(
            format!(
                " {} ",
                keys::footer(Focus::new(Context::PlanDiff, When::Always)).join(" · ")
            ),
            theme.style(Meaning::Muted),
        )
        .right_aligned(),
    );
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let mut intro_lines = vec![Line::raw(intro)];
    if !adding.is_empty() {
        intro_lines.push(Line::styled(adding, theme.style(Meaning::Pending)));
    }
    intro_lines.push(Line::styled(removed, theme.style(Meaning::Muted)));
    let intro_height = wrapped_rows(&intro_lines, inner.width).min(inner.height / 2);
    let [top, list_area] =
        ratatui::layout::Layout::vertical([Constraint::Length(intro_height), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(intro_lines).wrap(Wrap { trim: true }), top);
    let list = List::new(items)
        .highlight_symbol("▸ ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .highlight_style(theme.style(Meaning::Selected));
    let selected = (!diff.lines.is_empty()).then_some(diff.selected);
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, list_area, &mut state);
}
