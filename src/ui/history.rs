//! Tab 4: every check-in, newest first. Enter edits one in the form; a
//! delete asks first and the last one can be undone.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::domain::{CheckIn, Leg, Score};

use super::app::{App, Deferred, Modal, Pending, Tone};
use super::keys::Command;
use super::theme::Meaning;

/// How far PgUp/PgDn move.
const PAGE: usize = 10;

/// The selected row (0 = newest) and the entry the last delete removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryState {
    pub selected: usize,
    pub undo: Option<CheckIn>,
}

impl HistoryState {
    /// Keeps the selection on a row after the list shrank.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

/// The check-in on row `index`, newest first.
fn nth_newest(app: &App, index: usize) -> Option<&CheckIn> {
    app.data.checkins().iter().rev().nth(index)
}

/// Keys on the history tab.
pub fn update(app: &mut App, command: Command) {
    let len = app.data.checkins().len();
    let last = len.saturating_sub(1);
    let h = &mut app.history;
    match command {
        Command::Up => h.selected = h.selected.saturating_sub(1),
        Command::Down => h.selected = (h.selected + 1).min(last),
        Command::PageUp => h.selected = h.selected.saturating_sub(PAGE),
        Command::PageDown => h.selected = (h.selected + PAGE).min(last),
        Command::First => h.selected = 0,
        Command::Last => h.selected = last,
        Command::Undo => undo(app),
        Command::Open | Command::Delete => {
            let Some(c) = nth_newest(app, app.history.selected) else {
                app.say(Tone::Info, "No check-ins yet");
                return;
            };
            let (date, leg) = (c.date, c.leg);
            if command == Command::Open {
                app.go(Pending::Open(date, leg));
            } else {
                app.modal = Some(Modal::Confirm {
                    question: format!("Delete the {leg} calf check-in of {date}? u undoes it afterwards."),
                    on_yes: Deferred::DeleteCheckin(date, leg),
                });
            }
        }
        _ => {}
    }
}

/// The confirmed delete; keeps the entry for undo.
pub fn delete(app: &mut App, date: NaiveDate, leg: Leg) {
    match app.storage.delete_checkin(date, leg) {
        Ok(removed) => {
            app.history.undo = removed;
            app.reload_or_say();
            app.say(
                Tone::Success,
                format!("✓ Deleted the {leg} calf check-in of {date} · u undoes"),
            );
        }
        Err(err) => app.failed("Not deleted", &err),
    }
}

fn undo(app: &mut App) {
    let Some(entry) = app.history.undo.take() else {
        app.say(Tone::Info, "Nothing to undo");
        return;
    };
    match app.storage.save_checkin(&entry) {
        Ok(()) => {
            app.reload_or_say();
            let row = app
                .data
                .checkins()
                .iter()
                .rev()
                .position(|c| c.date == entry.date && c.leg == entry.leg);
            if let Some(row) = row {
                app.history.selected = row;
            }
            app.say(
                Tone::Success,
                format!("✓ Restored the {} calf check-in of {}", entry.leg, entry.date),
            );
        }
        Err(err) => {
            app.failed("Not restored", &err);
            app.history.undo = Some(entry);
        }
    }
}

fn score(s: Option<Score>) -> String {
    s.map_or("–".to_owned(), |s| s.to_string())
}

/// Draws the table.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let checkins = app.data.checkins();
    let title = match checkins.len() {
        1 => " History · 1 check-in ".to_owned(),
        n => format!(" History · {n} check-ins, newest first "),
    };
    let block = theme.panel(title);
    if checkins.is_empty() {
        let empty = Paragraph::new("No check-ins yet. The form on tab 1 makes the first one.")
            .style(theme.style(Meaning::Muted))
            .block(block);
        frame.render_widget(empty, area);
        return;
    }
    let (unit, units) = (app.units.name(), app.units);
    let distance = |km: f64| format!("{:>4.1}", units.from_km(km));
    let header = Row::new([
        "Date", "Leg", "Rest", "Walk", "Run", "Tight", "Morn", "Signs", unit, "Note",
    ])
    .style(theme.style(Meaning::Title));
    // Only the rows that can be on screen are built: a ten-year journal
    // has thousands.
    let visible = area.height.saturating_sub(3) as usize;
    let first = app.history.selected.saturating_sub(visible.saturating_sub(1));
    let rows = checkins.iter().rev().skip(first).take(visible.max(1)).map(|c| {
        let signs = match c.symptoms.len() {
            0 => String::new(),
            n => format!("{n} {}", c.symptoms.to_names()),
        };
        Row::new([
            Cell::from(c.date.to_string()),
            Cell::from(c.leg.name()),
            Cell::from(format!("{:>4}", c.pain_rest.value())),
            Cell::from(format!("{:>4}", c.pain_walk.value())),
            Cell::from(format!("{:>3}", score(c.pain_run))),
            Cell::from(format!("{:>5}", score(c.tightness))),
            Cell::from(format!("{:>4}", score(c.morning))),
            Cell::from(signs),
            Cell::from(c.run_km.map_or(String::new(), distance)),
            Cell::from(c.note.as_deref().unwrap_or_default().replace('\n', " ")),
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
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Fill(2),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme.style(Meaning::Selected))
        .highlight_symbol("▸ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(Some(app.history.selected - first));
    frame.render_stateful_widget(table, area, &mut state);
    if let Some(undo) = &app.history.undo {
        let hint = Line::styled(
            format!(" u restores the {} calf check-in of {} ", undo.leg, undo.date),
            theme.style(Meaning::Muted),
        )
        .right_aligned();
        let bottom = Rect::new(
            area.x + 1,
            area.bottom().saturating_sub(1),
            area.width.saturating_sub(2),
            1,
        );
        frame.render_widget(hint, bottom);
    }
}
