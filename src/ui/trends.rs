//! Tab 3: one measure over a chosen range, daily values and a 7-day mean,
//! with a table of every measure's recent means beside it. [`series`] is the
//! pure data step (check-ins in, points out) so the chart can grow (both
//! legs, run load, warning days) without touching the drawing.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use crate::domain::{CheckIn, Leg};

use super::app::App;
use super::keys::Command;
use super::theme::Meaning;

/// What the chart can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    PainRest,
    PainWalk,
    PainRun,
    Tightness,
    Morning,
}

impl Measure {
    pub const ALL: [Measure; 5] = [
        Measure::PainRest,
        Measure::PainWalk,
        Measure::PainRun,
        Measure::Tightness,
        Measure::Morning,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Measure::PainRest => "Pain at rest",
            Measure::PainWalk => "Pain walking",
            Measure::PainRun => "Pain running",
            Measure::Tightness => "Tightness",
            Measure::Morning => "Morning pain/stiffness",
        }
    }

    /// The value of a check-in, if that question was answered.
    pub fn of(self, c: &CheckIn) -> Option<u8> {
        match self {
            Measure::PainRest => Some(c.pain_rest.value()),
            Measure::PainWalk => Some(c.pain_walk.value()),
            Measure::PainRun => c.pain_run.map(|s| s.value()),
            Measure::Tightness => c.tightness.map(|s| s.value()),
            Measure::Morning => c.morning.map(|s| s.value()),
        }
    }
}

/// The ranges the chart offers, in days; `None` is the whole journal.
pub const RANGES: [Option<u32>; 5] = [Some(14), Some(30), Some(90), Some(365), None];

/// A range as the title shows it.
pub fn range_label(range: Option<u32>) -> String {
    match range {
        Some(days) => format!("last {days} days"),
        None => "all days".to_owned(),
    }
}

/// The chart's choices. The leg starts unset: the profile's leg is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendsState {
    pub measure: usize,
    pub range: usize,
    pub leg: Option<Leg>,
}

impl Default for TrendsState {
    fn default() -> Self {
        TrendsState {
            measure: 0,
            range: 1,
            leg: None,
        }
    }
}

/// A mean needs this many days with a value, as in SPEC 5.2.
const MEAN_NEEDS: usize = 3;

/// Points for a chart: x is days since `from`, y the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub daily: Vec<(f64, f64)>,
    /// Mean of the 7 days ending on each day, where 3+ of them have a value.
    pub mean7: Vec<(f64, f64)>,
}

/// One measure of one leg from `from` to `to`. Pure. `checkins` must be
/// sorted by date (the store returns them so); days with no value are gaps,
/// never zero. Values before `from` still count towards the first means.
pub fn series(checkins: &[CheckIn], leg: Leg, measure: Measure, from: NaiveDate, to: NaiveDate) -> Series {
    let window_start = from.checked_sub_days(Days::new(6)).unwrap_or(from);
    let values: Vec<(NaiveDate, f64)> = checkins
        .iter()
        .filter(|c| c.leg == leg && c.date >= window_start && c.date <= to)
        .filter_map(|c| measure.of(c).map(|v| (c.date, f64::from(v))))
        .collect();
    let x = |date: NaiveDate| (date - from).num_days() as f64;
    let daily = values
        .iter()
        .filter(|(d, _)| *d >= from)
        .map(|(d, v)| (x(*d), *v))
        .collect();
    let mut mean7 = Vec::new();
    let mut day = from;
    let mut start = 0;
    let mut end = 0;
    while day <= to {
        let first = day.checked_sub_days(Days::new(6)).unwrap_or(day);
        while end < values.len() && values[end].0 <= day {
            end += 1;
        }
        while start < end && values[start].0 < first {
            start += 1;
        }
        let window = &values[start..end];
        if window.len() >= MEAN_NEEDS {
            let mean = window.iter().map(|(_, v)| v).sum::<f64>() / window.len() as f64;
            mean7.push((x(day), mean));
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    Series { from, to, daily, mean7 }
}

/// The first day a range shows: `days` back from `today`, or the first
/// check-in for "all".
pub fn range_start(range: Option<u32>, checkins: &[CheckIn], today: NaiveDate) -> NaiveDate {
    match range {
        Some(days) => today
            .checked_sub_days(Days::new(u64::from(days.saturating_sub(1))))
            .unwrap_or(today),
        None => checkins.first().map_or(today, |c| c.date.min(today)),
    }
}

/// Mean of the values dated `from..=to`, if there are 3+.
pub fn mean(checkins: &[CheckIn], leg: Leg, measure: Measure, from: NaiveDate, to: NaiveDate) -> Option<f64> {
    let values: Vec<f64> = checkins
        .iter()
        .filter(|c| c.leg == leg && c.date >= from && c.date <= to)
        .filter_map(|c| measure.of(c).map(f64::from))
        .collect();
    (values.len() >= MEAN_NEEDS).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Keys on the trends tab.
pub fn update(app: &mut App, command: Command) {
    let t = &mut app.trends;
    match command {
        Command::Up => t.measure = (t.measure + Measure::ALL.len() - 1) % Measure::ALL.len(),
        Command::Down => t.measure = (t.measure + 1) % Measure::ALL.len(),
        Command::ShorterRange => t.range = t.range.saturating_sub(1),
        Command::LongerRange => t.range = (t.range + 1).min(RANGES.len() - 1),
        Command::SwitchLeg => {
            let leg = t.leg.unwrap_or_else(|| app.data.default_leg());
            t.leg = Some(leg.other());
        }
        _ => {}
    }
}

/// Draws the tab.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let state = app.trends;
    let checkins = app.data.checkins();
    let leg = state.leg.unwrap_or_else(|| app.data.default_leg());
    let measure = Measure::ALL[state.measure % Measure::ALL.len()];
    let range = RANGES[state.range % RANGES.len()];
    let from = range_start(range, checkins, app.today);
    let data = series(checkins, leg, measure, from, app.today);

    let side = if area.width >= 100 { 38 } else { 0 };
    let [chart_area, table_area] = Layout::horizontal([Constraint::Min(20), Constraint::Length(side)]).areas(area);

    let title = format!(" {} · {leg} calf · {} ", measure.label(), range_label(range));
    let block = theme
        .panel(title)
        .title_bottom(Line::styled(" • daily  ⣀ 7-day mean (3+ days) ", theme.style(Meaning::Muted)).right_aligned());
    if data.daily.is_empty() {
        let text = format!(
            "No {} scores for the {leg} calf in this range. ←/→ changes the range, ↑/↓ the measure, l the leg.",
            measure.label().to_lowercase()
        );
        frame.render_widget(
            Paragraph::new(text).style(theme.style(Meaning::Muted)).block(block),
            chart_area,
        );
    } else {
        let span = (data.to - data.from).num_days().max(1) as f64;
        let mid = data
            .from
            .checked_add_days(Days::new((span / 2.0) as u64))
            .unwrap_or(data.from);
        let datasets = vec![
            Dataset::default()
                .name("daily")
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(theme.style(Meaning::SeriesDaily))
                .data(&data.daily),
            Dataset::default()
                .name("7-day mean")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.style(Meaning::SeriesMean))
                .data(&data.mean7),
        ];
        let chart = Chart::new(datasets)
            .block(block)
            .legend_position(None)
            .x_axis(
                Axis::default()
                    .bounds([0.0, span])
                    .labels([data.from, mid, data.to].map(|d| axis_date(d, span))),
            )
            .y_axis(Axis::default().bounds([0.0, 10.0]).labels(["0", "5", "10"]));
        frame.render_widget(chart, chart_area);
    }
    if side > 0 {
        render_table(frame, table_area, app, leg);
    }
}

/// A short date for the x axis, so the y axis keeps its room.
fn axis_date(date: NaiveDate, span_days: f64) -> String {
    let format = if span_days > 300.0 { "%b %Y" } else { "%d %b" };
    date.format(format).to_string()
}

/// Every measure's mean over the last 7 days and the 7 before, with an
/// arrow, so the direction reads without the chart or colour.
fn render_table(frame: &mut Frame, area: Rect, app: &App, leg: Leg) {
    let theme = app.theme;
    let checkins = app.data.checkins();
    let back = |n: u64| app.today.checked_sub_days(Days::new(n)).unwrap_or(app.today);
    let mut lines = vec![Line::styled(
        format!("{:<22} {:>5} {:>5}", "7-day mean", "now", "prev"),
        theme.style(Meaning::Title),
    )];
    for (i, m) in Measure::ALL.iter().enumerate() {
        let now = mean(checkins, leg, *m, back(6), app.today);
        let prev = mean(checkins, leg, *m, back(13), back(7));
        let show = |v: Option<f64>| v.map_or("  –".to_owned(), |v| format!("{v:.1}"));
        let arrow = match (now, prev) {
            (Some(a), Some(b)) if a > b + 0.5 => "↑ worse",
            (Some(a), Some(b)) if a + 0.5 < b => "↓ better",
            (Some(_), Some(_)) => "= same",
            _ => "",
        };
        let marker = if i == app.trends.measure { "▸" } else { " " };
        lines.push(Line::raw(format!(
            "{marker}{:<21} {:>5} {:>5}  {arrow}",
            m.label(),
            show(now),
            show(prev)
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Higher is worse on every measure.",
        theme.style(Meaning::Muted),
    ));
    let block = theme.panel(" Summary ");
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Score;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn entry(date: &str, leg: Leg, rest: i64) -> CheckIn {
        CheckIn::new(
            day(date),
            leg,
            Score::new("", rest).unwrap(),
            Score::new("", 1).unwrap(),
        )
    }

    #[test]
    fn gaps_stay_gaps_and_other_leg_is_ignored() {
        let checkins = vec![
            entry("2026-11-01", Leg::Left, 6),
            entry("2026-11-03", Leg::Left, 4),
            entry("2026-11-03", Leg::Right, 9),
        ];
        let s = series(
            &checkins,
            Leg::Left,
            Measure::PainRest,
            day("2026-11-01"),
            day("2026-11-05"),
        );
        assert_eq!(s.daily, vec![(0.0, 6.0), (2.0, 4.0)]);
        assert!(s.mean7.is_empty(), "two values are not enough for a mean");
        let none = series(
            &checkins,
            Leg::Left,
            Measure::Morning,
            day("2026-11-01"),
            day("2026-11-05"),
        );
        assert!(none.daily.is_empty(), "unanswered is not zero");
    }

    #[test]
    fn mean_uses_the_seven_days_ending_each_day_including_before_the_range() {
        let checkins = vec![
            entry("2026-10-30", Leg::Left, 2),
            entry("2026-10-31", Leg::Left, 4),
            entry("2026-11-01", Leg::Left, 6),
            entry("2026-11-08", Leg::Left, 8),
        ];
        let s = series(
            &checkins,
            Leg::Left,
            Measure::PainRest,
            day("2026-11-01"),
            day("2026-11-08"),
        );
        assert_eq!(s.mean7[0], (0.0, 4.0));
        // On 11-05 the window 10-30..11-05 still holds all three.
        assert!(s.mean7.contains(&(4.0, 4.0)));
        // On 11-06 only 10-31 and 11-01 remain: no mean.
        assert!(!s.mean7.iter().any(|(x, _)| *x == 5.0));
        assert_eq!(s.mean7.last().map(|p| p.0), Some(4.0));
    }

    #[test]
    fn ranges_start_where_expected() {
        let today = day("2026-11-21");
        assert_eq!(range_start(Some(14), &[], today), day("2026-11-08"));
        let checkins = vec![entry("2025-01-02", Leg::Left, 1)];
        assert_eq!(range_start(None, &checkins, today), day("2025-01-02"));
        assert_eq!(range_start(None, &[], today), today);
        assert_eq!(
            mean(&checkins, Leg::Left, Measure::PainRest, day("2025-01-01"), today),
            None
        );
    }
}
