//! Tab 4: every check-in, newest first, with the day's running (imported
//! runs, else the typed one) and cross-training beside the scores. Enter edits one in the form (saving comes back to
//! it), `n` reads its whole note, and a delete asks first and `u` undoes it.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::clinical::{self, Flag};
use crate::domain::{CheckIn, Leg, Score};

use crate::ui::app::navigate::Pending;
use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::dialogs::Modal;
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::scroll::more;
use crate::ui::widgets::selection::Selection;
use crate::ui::widgets::theme::Meaning;

/// How far PgUp/PgDn move.
const PAGE: isize = 10;

/// The selected entry, by date and leg.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryState {
    pub selected: Selection<(NaiveDate, Leg)>,
}

/// The rows' identities, newest first.
fn keys(checkins: &[CheckIn]) -> Vec<(NaiveDate, Leg)> {
    checkins.iter().rev().map(|c| (c.date, c.leg)).collect()
}

impl HistoryState {
    /// The selected row (0 = newest), following the entry after a reload.
    pub fn row(&mut self, checkins: &[CheckIn]) -> usize {
        self.selected.sync(&keys(checkins))
    }
}

/// Keys on the history tab.
pub fn update(state: &mut HistoryState, input: Input, view: &View) -> Vec<Effect> {
    let checkins = view.data.checkins();
    let keys = keys(checkins);
    let s = &mut state.selected;
    match input.command {
        Command::Up => s.move_by(-1, &keys),
        Command::Down => s.move_by(1, &keys),
        Command::PageUp => s.move_by(-PAGE, &keys),
        Command::PageDown => s.move_by(PAGE, &keys),
        Command::First => s.move_by(-(keys.len() as isize), &keys),
        Command::Last => s.move_by(keys.len() as isize, &keys),
        Command::Undo => return vec![Effect::Undo],
        Command::Open | Command::Delete | Command::ReadNote => {
            let row = s.sync(&keys);
            let Some(&(date, leg)) = keys.get(row) else {
                return vec![Effect::info("No check-ins yet")];
            };
            let effect = match input.command {
                Command::Open => Effect::Go(Pending::Open(date, leg)),
                Command::ReadNote => Effect::open(Modal::Note { date, leg, scroll: 0 }),
                _ => Effect::open(Modal::Confirm {
                    question: format!(
                        "Delete the {leg} calf check-in of {date}? {}{} undoes it afterwards.",
                        also_removes(&view.data.warnings_removed_by(date, leg, None)),
                        keys::key(Context::History, Command::Undo)
                    ),
                    on_yes: Box::new(Effect::write(
                        Change::DeleteCheckin(date, leg),
                        format!("✓ Deleted the {leg} calf check-in of {date}"),
                    )),
                }),
            };
            return vec![effect];
        }
        _ => {}
    }
    Vec::new()
}

/// "This also removes the URGENT clot warning of the left calf open since
/// 15 Jun 2026. ", or nothing when no open warning goes with the edit.
pub fn also_removes(gone: &[Flag]) -> String {
    let refs: Vec<&Flag> = gone.iter().collect();
    clinical::removed_line(&refs, "removes").map_or(String::new(), |line| {
        let mut chars = line.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
        format!("{first}{}. ", chars.as_str())
    })
}

fn score(s: Option<Score>) -> String {
    s.map_or("–".to_owned(), |s| s.to_string())
}

/// Draws the table.
pub fn render(frame: &mut Frame, area: Rect, view: &View, state: &HistoryState) {
    let theme = view.theme;
    let checkins = view.data.checkins();
    let title = match checkins.len() {
        1 => " History · 1 check-in ".to_owned(),
        n => format!(" History · {n} check-ins, newest first "),
    };
    let block = theme.panel(title);
    if checkins.is_empty() {
        let empty = Paragraph::new(format!(
            "No check-ins yet. The form on the Check-in tab ({}) makes the first one.",
            keys::key(Context::Global, Command::GoTab(0))
        ))
        .style(theme.style(Meaning::Muted))
        .block(block);
        frame.render_widget(empty, area);
        return;
    }
    let (unit, units) = (view.units.name(), view.units);
    let selected = state.selected.clone().sync(&keys(checkins));
    let header = Row::new([
        "Date", "Leg", "Rest", "Walk", "Run", "Tight", "Morn", unit, "Run'", "Up m", "From", "Xtr'", "Signs", "Note",
    ])
    .style(theme.style(Meaning::Title));
    // Only the rows that can be on screen are built: a ten-year journal
    // has thousands.
    let visible = area.height.saturating_sub(3) as usize;
    let first = selected.saturating_sub(visible.saturating_sub(1));
    let below = checkins.len().saturating_sub(first + visible.max(1));
    let rows = checkins.iter().rev().skip(first).take(visible.max(1)).map(|c| {
        let signs = match c.symptoms.len() {
            0 => String::new(),
            n => format!("{n} {}", c.symptoms.to_names()),
        };
        let minutes = |m: Option<u32>| m.map_or(String::new(), |m| format!("{m:>4}"));
        let note = c.note.as_deref().unwrap_or_default().replace('\n', " ");
        let run = view.data.day_run(c.date, Some(c));
        let figure = |value: Option<f64>, show: &dyn Fn(f64) -> String| value.map_or(String::new(), show);
        let (km, running, climb, from) = match &run {
            Some(r) => (
                // Several runs summed are marked with "+".
                figure(r.km, &|km| {
                    format!("{:>4.1}{}", units.from_km(km), if r.runs > 1 { "+" } else { "" })
                }),
                figure(r.running_min, &|m| format!("{m:>4.0}")),
                figure(r.climb_m, &|m| format!("{m:>4.0}")),
                r.source.clone(),
            ),
            None => Default::default(),
        };
        Row::new([
            Cell::from(c.date.to_string()),
            Cell::from(c.leg.name()),
            Cell::from(format!("{:>4}", c.pain_rest.value())),
            Cell::from(format!("{:>4}", c.pain_walk.value())),
            Cell::from(format!("{:>3}", score(c.pain_run))),
            Cell::from(format!("{:>5}", score(c.tightness))),
            Cell::from(format!("{:>4}", score(c.morning))),
            Cell::from(km),
            Cell::from(running),
            Cell::from(climb),
            Cell::from(from),
            Cell::from(minutes(c.cross_min)),
            Cell::from(signs),
            Cell::from(note),
        ])
    });
    let widths = [
        Constraint::Length(10),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(3),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(6),
        Constraint::Length(4),
        Constraint::Fill(1),
        Constraint::Fill(2),
    ];
    let mut bottom = format!(
        " Run' = min running · + = summed · {} reads a note ",
        keys::key(Context::History, Command::ReadNote)
    );
    if let Some(marker) = more(first, below) {
        bottom = format!("{marker}·{bottom}");
    }
    let block = block.title_bottom(Line::styled(bottom, theme.style(Meaning::Muted)).right_aligned());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme.style(Meaning::Selected))
        .highlight_symbol("▸ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut table_state = TableState::default().with_selected(Some(selected - first));
    frame.render_stateful_widget(table, area, &mut table_state);
}
