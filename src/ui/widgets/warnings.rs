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
    // The calf and rule last: cut at a word with "…" when the line is full,
    // never by the terminal's edge.
    let tail = match columns {
        Some(columns) => {
            let room = columns.saturating_sub(fixed + width(&title));
            if width(&tail) <= room {
                tail
            } else if room >= 6 {
                cut_line(&tail, room)
            } else {
                String::new()
            }
        }
        None => tail,
    };
    Line::from(vec![
        Span::styled(word, theme.style(meaning)),
        Span::raw(" "),
        Span::styled(title, theme.style(Meaning::Title)),
        since,
        Span::styled(tail, theme.style(Meaning::Muted)),
    ])
}

/// True for the levels whose title, "since" and first action sentence the
/// panel always shows whole: an emergency or urgent warning must never be
/// read as "…".
pub fn must_read(level: Level) -> bool {
    matches!(level, Level::Emergency | Level::Urgent)
}

/// The advice's first sentence: what to do, and how soon ("See a doctor
/// today: …"). It ends at the first full stop followed by a space and a
/// capital, or at the end of the advice.
pub fn first_sentence(advice: &str) -> &str {
    let bytes = advice.as_bytes();
    for (i, _) in advice.match_indices(". ") {
        if bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase) {
            return &advice[..=i];
        }
    }
    advice
}

/// A span cut into one span a word, each keeping the span's style: the
/// units [`wrap_units`] may break a line between.
fn words(span: Span<'static>) -> impl Iterator<Item = Span<'static>> {
    let style = span.style;
    span.content
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| Span::styled(w.to_owned(), style))
        .collect::<Vec<_>>()
        .into_iter()
}

/// `units` laid into lines of at most `columns` columns, one space between
/// two units, a line breaking only between units. The first line starts
/// with `first` spaces, the others with `indent`. A unit longer than a line
/// is cut across lines, as the paragraph does.
fn wrap_units(units: Vec<Span<'static>>, columns: usize, first: usize, indent: usize) -> Vec<Line<'static>> {
    let columns = columns.max(first.max(indent) + 1);
    let lead = |n: usize| {
        if n == 0 {
            Vec::new()
        } else {
            vec![Span::raw(" ".repeat(n))]
        }
    };
    let mut lines = Vec::new();
    let mut line = lead(first);
    let mut used = first;
    let mut fresh = true;
    for unit in units {
        let mut text: &str = &unit.content;
        while !text.is_empty() {
            let sep = usize::from(!fresh);
            if used + sep + width(text) <= columns {
                if !fresh {
                    line.push(Span::raw(" "));
                }
                line.push(Span::styled(text.to_owned(), unit.style));
                used += sep + width(text);
                fresh = false;
                break;
            }
            if fresh {
                // Longer than a whole line: cut it.
                let mut head = take_columns(text, columns - used);
                if head.is_empty() {
                    head = &text[..text.chars().next().map_or(text.len(), char::len_utf8)];
                }
                line.push(Span::styled(head.to_owned(), unit.style));
                text = text[head.len()..].trim_start();
            }
            lines.push(Line::from(std::mem::replace(&mut line, lead(indent))));
            used = indent;
            fresh = true;
        }
    }
    if !fresh {
        lines.push(Line::from(line));
    }
    lines
}

/// One row of the panel as lines `columns` wide. An emergency or urgent
/// row is wrapped whole: the level, the title, "since" and the first
/// action sentence (see [`must_read`]); `compact` leaves out what the
/// warning list shows anyway ("not yet seen", the rule id) when the screen
/// is short. Any other row takes two lines, cut at a word with "…".
fn row_lines(
    flag: &Flag,
    both: bool,
    today: NaiveDate,
    theme: Theme,
    columns: usize,
    compact: bool,
) -> Vec<Line<'static>> {
    if !must_read(flag.level) {
        return vec![
            headline(flag, today, theme, Some(columns), both),
            Line::raw(format!("  {}", cut_line(&flag.advice, columns.saturating_sub(2)))),
        ];
    }
    let (word, meaning) = badge(flag.level);
    let calves = if both {
        "both calves".to_owned()
    } else {
        format!("{} calf", flag.leg)
    };
    let since = if compact {
        format!("since {}", short_date(flag.since, today))
    } else {
        since_text(flag, today)
    };
    // The level, then the title a word at a time; "since …", the calves and
    // the rule each stay whole on a line.
    let mut head = vec![Span::styled(word, theme.style(meaning))];
    head.extend(words(Span::styled(flag.title.clone(), theme.style(Meaning::Title))));
    // As on one line: "both calves" before "since", one calf after it.
    let since = Span::styled(format!("· {since}"), theme.style(meaning));
    let calves = Span::styled(format!("· {calves}"), theme.style(Meaning::Muted));
    if both {
        head.extend([calves, since]);
    } else {
        head.extend([since, calves]);
    }
    if !compact {
        head.push(Span::styled(format!("· {}", flag.rule), theme.style(Meaning::Muted)));
    }
    let mut lines = wrap_units(head, columns, 0, 2);
    let action = Span::styled(first_sentence(&flag.advice).to_owned(), theme.style(meaning));
    lines.extend(wrap_units(words(action).collect(), columns, 2, 2));
    lines
}

/// The panel's content: the lines of the rows that fit in `room` lines,
/// most urgent first, and how many rows did not fit. Emergency and urgent
/// rows come first and whole; a row is never shown in part.
fn panel_content(
    flags: &[Flag],
    today: NaiveDate,
    theme: Theme,
    columns: usize,
    room: usize,
) -> (Vec<Line<'static>>, usize) {
    let rows = panel_rows(flags);
    let whole: usize = rows
        .iter()
        .filter(|(f, _)| must_read(f.level))
        .map(|(f, both)| row_lines(f, *both, today, theme, columns, false).len())
        .sum();
    let compact = whole > room;
    let mut lines = Vec::new();
    let mut shown = 0;
    for (flag, both) in &rows {
        let row = row_lines(flag, *both, today, theme, columns, compact);
        if lines.len() + row.len() > room && shown > 0 {
            break;
        }
        lines.extend(row);
        shown += 1;
    }
    lines.truncate(room.max(1));
    (lines, rows.len() - shown)
}

/// Rows of the screen the rest of the layout needs: the tab bar, the
/// smallest tab body, the status line and the keys.
const OTHER_ROWS: u16 = 8;

/// Lines the panel's content may take at this screen height. With an
/// emergency or urgent warning open: every row, as far as the screen holds
/// them and the tab below keeps its minimum. Otherwise up to a third of the
/// screen.
fn content_room(flags: &[Flag], today: NaiveDate, area_width: u16, screen_height: u16) -> usize {
    let columns = usize::from(area_width.saturating_sub(4));
    let most = usize::from(screen_height.saturating_sub(OTHER_ROWS + 2)).max(1);
    let third = usize::from((screen_height / 3).saturating_sub(2).max(1));
    let theme = Theme::plain();
    let rows = panel_rows(flags);
    let all: usize = rows
        .iter()
        .map(|(f, both)| row_lines(f, *both, today, theme, columns, false).len())
        .sum();
    if rows.iter().any(|(f, _)| must_read(f.level)) {
        all.min(most)
    } else {
        all.min(third)
    }
}

/// Height of the panel on a screen `area_width` × `screen_height`, borders
/// included: one line when no warning is open, else the rows that fit (see
/// [`content_room`]).
pub fn panel_height(flags: &[Flag], today: NaiveDate, area_width: u16, screen_height: u16) -> u16 {
    if flags.is_empty() {
        return 3;
    }
    let room = content_room(flags, today, area_width, screen_height);
    let columns = usize::from(area_width.saturating_sub(4));
    let (lines, _) = panel_content(flags, today, Theme::plain(), columns, room);
    u16::try_from(lines.len()).unwrap_or(u16::MAX).max(1) + 2
}

/// The panel shown on every tab. It names the key that reads every
/// warning whole (`w`), since a panel line may stop at "…".
pub fn render_panel(frame: &mut Frame, area: Rect, flags: &[Flag], today: NaiveDate, theme: Theme) {
    let list = panel_rows(flags);
    let border = list.first().map_or(Meaning::Border, |(f, _)| badge(f.level).1);
    let title = match flags.len() {
        0 => " Warnings ".to_owned(),
        1 => " Warnings · 1 active ".to_owned(),
        n => format!(" Warnings · {n} active "),
    };
    let block = Block::bordered()
        .padding(ratatui::widgets::Padding::horizontal(1))
        .border_style(theme.style(border))
        .title(Span::styled(title, theme.style(Meaning::Title)));
    if list.is_empty() {
        let text = Paragraph::new(Line::styled(NO_WARNINGS, theme.style(Meaning::Guidance))).block(block);
        frame.render_widget(text, area);
        return;
    }
    let room = usize::from(area.height.saturating_sub(2));
    let columns = usize::from(area.width.saturating_sub(4));
    let (lines, hidden) = panel_content(flags, today, theme, columns, room);
    let key = keys::key(Context::Global, Command::ShowWarnings);
    let more = match hidden {
        0 => format!(" {key} reads every warning whole "),
        n => format!(" +{n} more · {key} reads all "),
    };
    let block = block.title_bottom(Line::styled(more, theme.style(Meaning::Muted)).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The text shown when the terminal is below the minimum size. With a
/// warning open it is the most urgent warning's level, title and first
/// action sentence, so no size hides what to do; `size` comes after.
pub fn too_small_text(flags: &[Flag], size: &str) -> String {
    let Some(flag) = sorted(flags).first().copied() else {
        return size.to_owned();
    };
    let rest = match flags.len() {
        1 => "Make the terminal larger, or run `soleus flags`, to read it whole.".to_owned(),
        n => format!("{n} warnings are open: make the terminal larger, or run `soleus flags`, to read them all."),
    };
    format!(
        "{} · {} · {} calf\n{}\n\n{rest}\n{size}",
        badge(flag.level).0,
        flag.title,
        flag.leg,
        first_sentence(&flag.advice),
    )
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

    const DAY: &str = "2026-11-21";

    fn today() -> NaiveDate {
        DAY.parse().unwrap()
    }

    #[test]
    fn other_levels_grow_the_panel_up_to_a_third_of_the_screen() {
        assert_eq!(panel_height(&[], today(), 80, 24), 3);
        let flags = vec![flag(RuleId::Bruising, Level::Soon, "2026-11-20"); 6];
        assert_eq!(panel_height(&flags[..1], today(), 80, 24), 4);
        assert_eq!(panel_height(&flags, today(), 80, 24), 8);
        assert_eq!(panel_height(&flags, today(), 80, 60), 14);
    }

    #[test]
    fn urgent_rows_grow_the_panel_past_a_third_but_leave_the_tab_its_minimum() {
        let flags = vec![flag(RuleId::Dvt, Level::Urgent, "2026-11-20"); 6];
        assert_eq!(panel_height(&flags, today(), 80, 24), 14, "6 rows of 2 lines, whole");
        assert_eq!(panel_height(&flags, today(), 80, 20), 12, "20 - 8 rows for the rest");
    }

    #[test]
    fn an_urgent_rows_title_and_first_sentence_wrap_instead_of_being_cut() {
        let mut urgent = flag(RuleId::Dvt, Level::Urgent, DAY);
        urgent.title = "Calf signs that can come with a blood clot".into();
        urgent.advice = "See a doctor today: call your GP, an urgent care service or a health helpline and say you \
                         are worried about a blood clot in the leg (DVT). A swollen calf can come with a clot."
            .into();
        let lines = row_lines(&urgent, true, today(), Theme::plain(), 56, false);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert!(text.iter().all(|l| width(l) <= 56 && !l.contains('…')), "{text:#?}");
        let joined = text.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        assert!(joined.contains("! URGENT Calf signs that can come with a blood clot · both calves · since 21 Nov"));
        assert!(
            joined.ends_with("worried about a blood clot in the leg (DVT)."),
            "{joined}"
        );
        assert!(
            !joined.contains("A swollen calf"),
            "only the first sentence: the rest is behind `w`"
        );
    }

    #[test]
    fn a_soon_row_keeps_two_lines_cut_at_a_word() {
        let mut soon = flag(RuleId::Bruising, Level::Soon, DAY);
        soon.advice =
            "Book a clinician in the next few days: bruising on the calf or ankle can mean a torn muscle.".into();
        let lines = row_lines(&soon, false, today(), Theme::plain(), 40, false);
        assert_eq!(lines.len(), 2);
        let advice: String = lines[1].spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(advice.ends_with('…'), "{advice}");
    }

    #[test]
    fn the_first_sentence_ends_at_a_full_stop_before_a_capital() {
        assert_eq!(
            first_sentence("Call your local emergency number (such as 112, 999 or 911) now. Do not drive."),
            "Call your local emergency number (such as 112, 999 or 911) now."
        );
        assert_eq!(first_sentence("See a clinician today."), "See a clinician today.");
        assert_eq!(first_sentence("no stop at all"), "no stop at all");
        assert_eq!(first_sentence("Rest 1-2 days. then go on"), "Rest 1-2 days. then go on");
    }

    #[test]
    fn a_long_word_is_cut_across_lines_and_nothing_is_lost() {
        let lines = wrap_units(words(Span::raw("ab abcdefghijkl cd")).collect(), 6, 0, 2);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text, ["ab", "  abcd", "  efgh", "  ijkl", "  cd"]);
    }

    #[test]
    fn too_small_is_the_most_urgent_warnings_level_and_action() {
        let mut soon = flag(RuleId::Bruising, Level::Soon, DAY);
        soon.advice = "Book a clinician in the next few days.".into();
        let mut emergency = flag(RuleId::PeSigns, Level::Emergency, DAY);
        emergency.title = "Breathlessness or chest pain with a calf problem".into();
        emergency.advice = "Call your local emergency number now. Do not drive yourself.".into();
        let text = too_small_text(&[soon, emergency], "Terminal too small");
        assert!(
            text.starts_with(
                "‼ EMERGENCY · Breathlessness or chest pain with a calf problem · left calf\nCall your local emergency number now.\n"
            ),
            "{text}"
        );
        assert!(text.contains("2 warnings are open") && text.ends_with("Terminal too small"));
        assert_eq!(too_small_text(&[], "Terminal too small"), "Terminal too small");
    }
}
