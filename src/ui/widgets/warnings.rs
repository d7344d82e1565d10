//! How a warning reads wherever it shows, and the warning panel on every
//! tab. Each level carries a symbol and a word so it reads without colour.
//! The panel never reassures: with no flags it says only that no warning
//! is open.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::clinical::{Flag, Level};

use crate::ui::keys::{self, Command, Context};
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap::{cut_line, take_columns, width};

/// What the panel says when no warning is open. Deliberately not "all
/// clear", and not "no warning signs" either: a warning closed as
/// `not-seen` leaves its sign in the entry.
pub const NO_WARNINGS: &str = "No open warnings from your entries. soleus does not diagnose.";

/// The symbol and word for a level, and how it is styled.
pub fn badge(level: Level) -> (&'static str, Meaning) {
    match level {
        Level::Emergency => ("‼ EMERGENCY", Meaning::AlertEmergency),
        Level::Urgent => ("! URGENT", Meaning::AlertUrgent),
        Level::Soon => ("• SOON", Meaning::AlertSoon),
        Level::Watch => ("· WATCH", Meaning::AlertWatch),
    }
}

/// Flags most urgent first; the sort is stable, so the engine's order
/// within a level (table order, then left before right) is kept.
pub fn sorted(flags: &[Flag]) -> Vec<&Flag> {
    let mut list: Vec<&Flag> = flags.iter().collect();
    list.sort_by_key(|f| f.level);
    list
}

/// The panel's lines, most urgent first: a flag active on both calves with
/// the same rule and title is one line ("both calves"), at the more urgent
/// level of the two, since the earlier `since`. The `bool` says it stands for
/// both calves. The warning list (`w`) keeps one row a calf: each has its own
/// outcome.
pub fn panel_rows(flags: &[Flag]) -> Vec<(Flag, bool)> {
    let mut rows: Vec<(Flag, bool)> = Vec::new();
    for flag in sorted(flags) {
        let twin = rows
            .iter_mut()
            .find(|(row, both)| !*both && row.rule == flag.rule && row.title == flag.title && row.leg != flag.leg);
        match twin {
            Some((row, both)) => {
                *both = true;
                row.level = row.level.min(flag.level);
                row.since = row.since.min(flag.since);
                row.date = row.date.max(flag.date);
            }
            None => rows.push((flag.clone(), false)),
        }
    }
    rows
}

/// Height of the panel: two lines a flag up to a third of the screen.
pub fn panel_height(flags: &[Flag], screen_height: u16) -> u16 {
    let rows = panel_rows(flags).len();
    let wanted = if rows == 0 { 1 } else { 2 * rows as u16 };
    let cap = (screen_height / 3).saturating_sub(2).max(1);
    wanted.min(cap) + 2
}

/// "12 Jun", with the year when it is not the year of `today`.
fn short_date(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%-d %b").to_string()
    } else {
        date.format("%-d %b %Y").to_string()
    }
}

/// How long a warning has stood: "since 12 Jun, not yet seen" for an open
/// warning (it stays until an outcome closes it), "entry of 12 Jun" for
/// another sign, "as of 12 Jun" for a trend.
pub fn since_text(flag: &Flag, today: NaiveDate) -> String {
    if flag.is_open_warning() {
        format!("since {}, not yet seen", short_date(flag.since, today))
    } else if flag.rule.is_single_entry() {
        format!("entry of {}", short_date(flag.date, today))
    } else {
        // A trend rule: what the entries up to this day show together.
        format!("as of {}", short_date(flag.date, today))
    }
}

/// The header line of a flag: badge, title, how long it has stood, leg
/// and rule. Within `columns` columns the title is shortened first, so the
/// level and "since …, not yet seen" always show.
pub fn headline(flag: &Flag, today: NaiveDate, theme: Theme, columns: Option<usize>, both: bool) -> Line<'static> {
    let (word, meaning) = badge(flag.level);
    // "both calves" is kept with the level and the days, which a narrow
    // panel never cuts: it is what the merged line means.
    let (since, tail) = if both {
        (
            format!(" · both calves · {}", since_text(flag, today)),
            format!(" · {}", flag.rule),
        )
    } else {
        (
            format!(" · {}", since_text(flag, today)),
            format!(" · {} calf · {}", flag.leg, flag.rule),
        )
    };
    let since = if flag.is_open_warning() {
        Span::styled(since, theme.style(meaning))
    } else {
        Span::styled(since, theme.style(Meaning::Muted))
    };
    let fixed = width(word) + 1 + width(&since.content);
    let title = match columns {
        Some(columns) => {
            let room = columns.saturating_sub(fixed).max(12);
            if width(&flag.title) > room {
                format!("{}…", take_columns(&flag.title, room - 1).trim_end())
            } else {
                flag.title.clone()
            }
        }
        None => flag.title.clone(),
    };
    Line::from(vec![
        Span::styled(word, theme.style(meaning)),
        Span::raw(" "),
        Span::styled(title, theme.style(Meaning::Title)),
        since,
        Span::styled(tail, theme.style(Meaning::Muted)),
    ])
}

/// The panel shown on every tab.
pub fn render_panel(frame: &mut Frame, area: Rect, flags: &[Flag], today: NaiveDate, theme: Theme) {
    let list = panel_rows(flags);
    let border = list.first().map_or(Meaning::Border, |(f, _)| badge(f.level).1);
    let title = match flags.len() {
        0 => " Warnings ".to_owned(),
        1 => " Warnings · 1 active ".to_owned(),
        n => format!(" Warnings · {n} active "),
    };
    let mut block = Block::bordered()
        .padding(ratatui::widgets::Padding::horizontal(1))
        .border_style(theme.style(border))
        .title(Span::styled(title, theme.style(Meaning::Title)));
    if list.is_empty() {
        let text = Paragraph::new(Line::styled(NO_WARNINGS, theme.style(Meaning::Guidance))).block(block);
        frame.render_widget(text, area);
        return;
    }
    let room = area.height.saturating_sub(2) as usize;
    let shown = (room / 2).max(1).min(list.len());
    if shown < list.len() {
        block = block.title_bottom(
            Line::styled(
                format!(
                    " +{} more · {} reads all ",
                    list.len() - shown,
                    keys::key(Context::Global, Command::ShowWarnings)
                ),
                theme.style(Meaning::Muted),
            )
            .right_aligned(),
        );
    }
    let mut lines = Vec::with_capacity(shown * 2);
    for (flag, both) in list.iter().take(shown) {
        let inner = usize::from(area.width.saturating_sub(4));
        lines.push(headline(flag, today, theme, Some(inner), *both));
        lines.push(Line::raw(format!(
            "  {}",
            cut_line(&flag.advice, inner.saturating_sub(2))
        )));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    use crate::clinical::RuleId;
    use crate::domain::Leg;

    pub(crate) fn flag(rule: RuleId, level: Level, date: &str) -> Flag {
        Flag {
            rule,
            level,
            leg: Leg::Left,
            date: date.parse().unwrap(),
            since: date.parse().unwrap(),
            title: format!("{rule} title"),
            advice: format!("{rule} advice"),
            because: vec![format!("{rule} because")],
            symptoms: Default::default(),
        }
    }

    #[test]
    fn every_level_reads_without_colour() {
        for level in [Level::Emergency, Level::Urgent, Level::Soon, Level::Watch] {
            let (word, _) = badge(level);
            assert!(word.contains(&level.name().to_uppercase()));
            assert!(!word.starts_with(char::is_alphanumeric), "{word} has a symbol first");
        }
        let panel = NO_WARNINGS.to_lowercase();
        for forbidden in ["all clear", "you're fine", "you are fine", "healthy"] {
            assert!(!panel.contains(forbidden));
        }
    }

    #[test]
    fn panel_grows_with_flags_but_not_past_a_third() {
        assert_eq!(panel_height(&[], 24), 3);
        let flags = vec![flag(RuleId::Dvt, Level::Urgent, "2026-11-20"); 6];
        assert_eq!(panel_height(&flags[..1], 24), 4);
        assert_eq!(panel_height(&flags, 24), 8);
        assert_eq!(panel_height(&flags, 60), 14);
    }
}
