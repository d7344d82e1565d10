//! The warning panel on every tab, the full list (`w`), and the modal that a
//! new emergency or urgent warning opens after a save. Each level carries a
//! symbol and a word so it reads without colour. The panel never reassures:
//! with no flags it says only that no warning is open.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::clinical::{Flag, Level};

use crate::ui::app::data::Data;
use crate::ui::app::effect::Alarm;
use crate::ui::widgets::theme::{Meaning, Theme};

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
/// the same rule and title is one line (SPEC 5.2, "both calves"), at the
/// more urgent level of the two, since the earlier `since`. The `bool` says
/// it stands for both calves. The warning list (`w`) keeps one row a calf:
/// each has its own outcome.
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

/// The emergency and urgent flags of `after` that open a warning (not in
/// `before` with the same rule, leg and `since`, and not acknowledged
/// before) or raise an open one's level.
pub fn new_alarms(before: &[Flag], after: &[Flag], data: &Data) -> Vec<Flag> {
    // An open warning keeps its `since` (SPEC 5.2): a save alarms again only
    // when it opens a new warning or raises the level of an open one.
    let earlier = |f: &Flag| {
        before
            .iter()
            .find(|b| b.rule == f.rule && b.leg == f.leg && b.since == f.since)
    };
    sorted(after)
        .into_iter()
        .filter(|f| matches!(f.level, Level::Emergency | Level::Urgent))
        .filter(|f| match earlier(f) {
            Some(b) => f.level < b.level,
            None => !data.acknowledged(f.rule.id(), f.leg, f.since),
        })
        .cloned()
        .collect()
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
/// warning (SPEC 5.2: it stays until an outcome closes it), "entry of
/// 12 Jun" for another sign, "as of 12 Jun" for a trend.
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
/// and rule. Within `width` columns the title is shortened first, so the
/// level and "since …, not yet seen" always show.
fn headline(flag: &Flag, today: NaiveDate, theme: Theme, width: Option<usize>, both: bool) -> Line<'static> {
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
    let fixed = word.chars().count() + 1 + since.content.chars().count();
    let title = match width {
        Some(width) => {
            let room = width.saturating_sub(fixed).max(12);
            let count = flag.title.chars().count();
            if count > room {
                let cut: String = flag.title.chars().take(room - 1).collect();
                format!("{}…", cut.trim_end())
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

/// `text` within `width` columns: whole if it fits, else cut at the last
/// word that fits and ended with "…", so a cut never reads as the end of
/// the advice (`w` shows it whole).
pub fn cut_line(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let head: String = text.chars().take(width.saturating_sub(1)).collect();
    // Back to a word boundary when there is one not too far back.
    let at_word = match head.rfind(' ') {
        Some(i) if head[..i].chars().count() * 2 >= width => &head[..i],
        _ => head.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':']))
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
                format!(" +{} more · w reads all ", list.len() - shown),
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

/// Every active warning in full, with the reasons (`w`). The selected one
/// (`o` records what came of it) is marked and kept in view.
pub fn render_list(
    frame: &mut Frame,
    area: Rect,
    flags: &[Flag],
    selected: usize,
    today: NaiveDate,
    theme: Theme,
) -> u16 {
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
                "    Seen by a clinician, or closing it yourself? o records what came of it.",
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
    let scroll = crate::ui::widgets::wrap::wrapped_rows(&lines[..top], popup.width.saturating_sub(2));
    let hint = if flags.is_empty() {
        " Esc closes "
    } else {
        " ↑↓ warning · o outcome · u undo · Esc closes "
    };
    crate::ui::dialogs::help::render_scrolling_with(frame, area, theme, " All warnings ", lines, scroll, hint)
}

/// The modal for a new emergency or urgent warning. Only Enter or `a`
/// closes it, so it cannot be dismissed by a stray key.
pub fn render_alarm(frame: &mut Frame, area: Rect, alarm: &Alarm, theme: Theme) {
    let Some(flag) = alarm.flags.first() else {
        return;
    };
    let (word, meaning) = badge(flag.level);
    let mut lines = vec![
        Line::styled(format!("{word}: {}", flag.level.action()), theme.style(meaning)),
        Line::raw(""),
        Line::styled(flag.title.clone(), theme.style(Meaning::Title)),
        Line::styled(
            format!("{} calf · entry of {} · rule {}", flag.leg, flag.date, flag.rule),
            theme.style(Meaning::Muted),
        ),
        Line::raw(""),
        Line::raw(flag.advice.clone()),
    ];
    for reason in &flag.because {
        lines.push(Line::styled(format!("because {reason}"), theme.style(Meaning::Muted)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "soleus does not diagnose. Press Enter or a to acknowledge you have read this.",
        theme.style(Meaning::Guidance),
    ));
    // Tall enough for every wrapped line, but leaving the status and key lines visible: this text
    // must be read whole, and the footer says how to close it.
    let width = area.width.min(72);
    let wrapped = usize::from(crate::ui::widgets::wrap::wrapped_rows(&lines, width.saturating_sub(2)));
    let height = u16::try_from(wrapped + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(4));
    let popup = area.centered(Constraint::Length(width), Constraint::Max(height));
    frame.render_widget(Clear, popup);
    let count = if alarm.flags.len() > 1 {
        format!(" New warning · {} more after this ", alarm.flags.len() - 1)
    } else {
        " New warning ".to_owned()
    };
    let block = Block::bordered()
        .border_type(ratatui::widgets::BorderType::Double)
        .border_style(theme.style(meaning))
        .title(Span::styled(count, theme.style(meaning)))
        .title_bottom(Line::styled(" Enter / a: acknowledge ", theme.style(Meaning::Key)).right_aligned());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_cut_advice_line_ends_at_a_word_with_an_ellipsis() {
        let advice = "See a clinician today, at urgent care or an emergency department if no appointment is free.";
        assert_eq!(cut_line(advice, 200), advice, "fits: whole, no marker");
        let cut = cut_line(advice, 40);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= 40, "{cut}");
        assert_eq!(cut, "See a clinician today, at urgent care…");
        // One long word: cut inside it, still marked.
        assert_eq!(cut_line("abcdefghij", 5), "abcd…");
    }
    use crate::clinical::{Assessment, Guidance, Light, RuleId};
    use crate::domain::{Acknowledgement, Catalogue, Leg, Profile};

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

    fn data(acks: Vec<Acknowledgement>) -> Data {
        Data {
            profile: None,
            assessment: Assessment {
                date: "2026-11-21".parse().unwrap(),
                flags: vec![],
                guidance: Guidance {
                    light: Light::Unknown,
                    because: vec![],
                },
                pausing: vec![],
            },
            acknowledgements: acks,
            streak: 0,
            catalogue: Catalogue::builtin(),
            plan: vec![],
            phases: vec![],
            phase: crate::clinical::phase_status(
                &crate::clinical::History {
                    profile: &Profile::default(),
                    checkins: &[],
                    completions: &[],
                    tests: &[],
                    phases: &[],
                    outcomes: &[],
                    runs: &[],
                    loaded_from: None,
                },
                "2026-11-21".parse().unwrap(),
            ),
            checkins: None,
            runs: Vec::new(),
            tests: vec![],
            plan_history: vec![],
            adherence: Default::default(),
            week: Default::default(),
            outcomes: vec![],
            day_date: None,
            day: vec![],
        }
    }

    #[test]
    fn only_new_unacknowledged_alarms_count() {
        let before = vec![flag(RuleId::Dvt, Level::Urgent, "2026-11-20")];
        let after = vec![
            flag(RuleId::SeverePain, Level::Soon, "2026-11-21"),
            flag(RuleId::Dvt, Level::Urgent, "2026-11-20"),
            flag(RuleId::Rupture, Level::Urgent, "2026-11-21"),
            flag(RuleId::PeSigns, Level::Emergency, "2026-11-21"),
        ];
        let fresh = new_alarms(&before, &after, &data(vec![]));
        let rules: Vec<RuleId> = fresh.iter().map(|f| f.rule).collect();
        assert_eq!(rules, vec![RuleId::PeSigns, RuleId::Rupture]);
        let ack = Acknowledgement {
            rule: "pe-signs".into(),
            leg: Leg::Left,
            date: "2026-11-21".parse().unwrap(),
            acknowledged_at: "2026-11-21T08:00:00".parse().unwrap(),
        };
        let fresh = new_alarms(&before, &after, &data(vec![ack]));
        assert_eq!(fresh.len(), 1);
        assert_eq!(fresh[0].rule, RuleId::Rupture);
    }

    #[test]
    fn an_open_warning_alarms_again_only_when_its_level_rises() {
        let mut open = flag(RuleId::Infection, Level::Urgent, "2026-11-21");
        open.since = "2026-11-19".parse().unwrap();
        let mut before = open.clone();
        before.date = "2026-11-19".parse().unwrap();
        // A later entry with the same sign moves `date`, not `since`: no alarm.
        assert!(new_alarms(&[before.clone()], &[open.clone()], &data(vec![])).is_empty());
        let mut raised = open.clone();
        raised.level = Level::Emergency;
        assert_eq!(new_alarms(&[before], &[raised], &data(vec![])).len(), 1);
        // Acknowledged by its first day: no alarm after a restart either.
        let ack = Acknowledgement {
            rule: "infection".into(),
            leg: Leg::Left,
            date: "2026-11-19".parse().unwrap(),
            acknowledged_at: "2026-11-19T08:00:00".parse().unwrap(),
        };
        assert!(new_alarms(&[], &[open], &data(vec![ack])).is_empty());
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
