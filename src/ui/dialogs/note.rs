//! One check-in's note, whole and read-only, with the entry's numbers
//! (`n` on History).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::domain::{Leg, Score};

use crate::ui::app::View;
use crate::ui::app::data::run_line;
use crate::ui::keys::{self, Context};
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::Meaning;

/// The whole of one entry's note, read-only, with the entry's numbers.
pub fn render(frame: &mut Frame, area: Rect, view: &View, date: NaiveDate, leg: Leg, scroll: u16) -> u16 {
    let theme = view.theme;
    let entry = view.data.checkins().iter().find(|c| c.date == date && c.leg == leg);
    let mut lines = Vec::new();
    match entry {
        Some(c) => {
            lines.push(Line::styled(
                format!(
                    "rest {} · walk {} · run {} · tightness {} · morning {}",
                    c.pain_rest,
                    c.pain_walk,
                    score(c.pain_run),
                    score(c.tightness),
                    score(c.morning)
                ),
                theme.style(Meaning::Muted),
            ));
            // The day's running: the imported runs, else the typed one
            // (see docs/daily-use.md, the note).
            let run = view.data.day_run(date, Some(c));
            let km = run
                .as_ref()
                .and_then(|r| r.km)
                .map_or("–".to_owned(), |km| view.units.show(km));
            let running = run
                .as_ref()
                .and_then(|r| r.running_min)
                .map_or("–".to_owned(), |m| format!("{m:.0} min running"));
            let minutes = |m: Option<u32>| m.map_or("–".to_owned(), |m| format!("{m} min"));
            lines.push(Line::styled(
                format!("run {km} in {running} · cross-training {}", minutes(c.cross_min)),
                theme.style(Meaning::Muted),
            ));
            for imported in view.data.runs_on(date) {
                lines.push(Line::styled(
                    format!("  {} (imported, read-only)", run_line(imported, view.units)),
                    theme.style(Meaning::Muted),
                ));
            }
            lines.push(Line::raw(""));
            match c.note.as_deref() {
                Some(note) => lines.extend(note.lines().map(|l| Line::raw(l.to_owned()))),
                None => lines.push(Line::styled("No note on this entry.", theme.style(Meaning::Muted))),
            }
        }
        None => lines.push(Line::styled(
            "This entry is no longer in the journal.",
            theme.style(Meaning::Muted),
        )),
    }
    let title = format!(" {leg} calf · {date} · note (read-only) ");
    let hint = keys::scroll_hint(Context::Note);
    popup::render_scrolling(frame, area, theme, &title, lines, scroll, &hint)
}

fn score(s: Option<Score>) -> String {
    s.map_or("–".to_owned(), |s| s.to_string())
}
