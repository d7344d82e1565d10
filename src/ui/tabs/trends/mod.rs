//! Tab 3 (see docs/daily-use.md): one measure over a chosen range with both
//! legs at once (the chosen leg solid, the other dotted), a strip of phase
//! starts and warning days, running and cross-training bars on the same
//! dates, this week against last week, and the heel-raise capacity with its
//! symmetry.
//!
//! [`series`] holds the pure steps and [`view`] the cache of what they
//! return; this file only handles keys and draws from the cache.

pub mod series;
pub mod view;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::{InjuredLeg, Leg, TestKind};

use crate::ui::app::{Effect, View as Screen};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::adherence;
use crate::ui::widgets::chart::{DateAxis, GUTTER, Look, Point, TimeChart, round_up};
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap::wrapped_rows;
use series::{Measure, RANGES, Week, range_label};
use view::View;

pub use view::Cache;

/// From this width the capacity panel gets a column of its own.
const WIDE: u16 = 110;
/// Vertical rules at phase starts, and the 90% symmetry line.
const PHASE_RULE: Look = Look::Rule('┊');
const NINETY_RULE: Look = Look::Level('┄');
/// The usual weekly distance before the injury, on the distance bars.
const USUAL_LINE: Look = Look::Level('┄');
/// Warning days: emergency or urgent, and soon or watch.
const SERIOUS: Look = Look::Mark('‼');
const WARNED: Look = Look::Mark('!');
/// The digits that mark phase starts on the strip.
const PHASE_DIGITS: [char; 5] = ['1', '2', '3', '4', '5'];

/// The user's choices. The leg starts unset: the profile's leg is solid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendsState {
    pub measure: usize,
    pub range: usize,
    /// The leg drawn solid; the other leg is drawn dotted beside it.
    pub leg: Option<Leg>,
    /// The 7-day rolling mean instead of daily values.
    pub mean: bool,
}

impl Default for TrendsState {
    fn default() -> Self {
        TrendsState {
            measure: 0,
            range: 1,
            leg: None,
            mean: false,
        }
    }
}

/// Keys on the trends tab. The cache follows at the end of `update`.
pub fn update(t: &mut TrendsState, input: Input, screen: &Screen) -> Vec<Effect> {
    match input.command {
        Command::Up => t.measure = (t.measure + Measure::ALL.len() - 1) % Measure::ALL.len(),
        Command::Down => t.measure = (t.measure + 1) % Measure::ALL.len(),
        Command::ShorterRange => t.range = t.range.saturating_sub(1),
        Command::LongerRange => t.range = (t.range + 1).min(RANGES.len() - 1),
        Command::ToggleMean => t.mean = !t.mean,
        Command::SwitchLeg => {
            let leg = t.leg.unwrap_or_else(|| screen.data.default_leg());
            t.leg = Some(leg.other());
        }
        _ => {}
    }
    Vec::new()
}

/// Widths of the main panel and the capacity panel (0 when narrow).
fn split(width: u16) -> (u16, u16) {
    if width >= WIDE {
        let side = (width * 3 / 10).clamp(40, 60);
        (width - side, side)
    } else {
        (width, 0)
    }
}

/// Plot columns on a terminal `width` wide: the main chart's and the
/// capacity panel's (0 without one). What the series are brought down to;
/// the same arithmetic as `render`.
pub fn chart_columns(width: u16) -> (u16, u16) {
    let (main, side) = split(width);
    let plot = |panel: u16| panel.saturating_sub(2 + GUTTER + 1);
    (plot(main).max(1), plot(side))
}

/// Draws the tab.
pub fn render(frame: &mut Frame, area: Rect, screen: &Screen, cache: &Cache) {
    let (main_width, side_width) = split(area.width);
    let [main_area, side_area] =
        Layout::horizontal([Constraint::Length(main_width), Constraint::Length(side_width)]).areas(area);
    let Some(view) = cache.view() else {
        let text = Paragraph::new("Reading the journal…").style(screen.theme.style(Meaning::Muted));
        frame.render_widget(text.block(screen.theme.panel(" Trends ")), main_area);
        return;
    };
    render_main(frame, main_area, screen, view, side_width > 0);
    if side_width > 0 {
        render_capacity(frame, side_area, screen.theme, view);
    }
}

/// The injured leg from the profile (left when there is none yet).
fn injured(screen: &Screen) -> InjuredLeg {
    screen.data.profile.as_ref().map_or(InjuredLeg::Left, |p| p.leg)
}

/// "left calf (injured)" or "right calf".
fn leg_name(leg: Leg, injured: InjuredLeg) -> String {
    if injured.includes(leg) {
        format!("{leg} calf (injured)")
    } else {
        format!("{leg} calf")
    }
}

/// The chart, the marker strip, the bars and the summary line, in one
/// panel; charts stacked on one date axis.
fn render_main(frame: &mut Frame, area: Rect, screen: &Screen, view: &View, side_panel: bool) {
    let theme = screen.theme;
    let values = if view.mean { "7-day mean (3+ days)" } else { "daily" };
    let mut title = format!(" {} · {} · {values}", view.measure.label(), range_label(view.range));
    if view.bucket_days > 1 {
        title.push_str(&format!(" · low–high per {} days", view.bucket_days));
    }
    title.push(' ');
    let block = theme
        .panel(title)
        .title_bottom(legend(view, injured(screen), area.width >= 100, theme));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // The summary (and, when there is no room for the capacity panel, its
    // one-line form) wraps rather than being cut; the chart gets the rest.
    let mut text = vec![Line::raw(week_line(
        view,
        inner.width >= 120,
        screen.units,
        screen.data.week,
    ))];
    if !side_panel {
        text.push(Line::raw(capacity_line(view)));
    }
    let text_rows = wrapped_rows(&text, inner.width).min(inner.height / 4);
    // Distance bars get four rows from 80x24 up: half blocks give them
    // eight steps, so 2.1 and 3.9 a day stand apart on a tight scale.
    let (run_rows, cross_rows) = match inner.height {
        0..12 => (0, 0),
        12..20 => (4, 1),
        20..28 => (4, 2),
        28..36 => (4, 3),
        _ => (6, 4),
    };
    let bars = run_rows > 0;
    // Climb bars beside the distance, when the range holds any climb.
    let climb_rows = match (view.climb_m.is_empty(), inner.height) {
        (true, _) | (_, 0..20) => 0,
        (_, 20..36) => 2,
        _ => 3,
    };
    let [chart_area, strip_area, run_area, climb_area, cross_area, text_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(1 + if bars { 0 } else { 2 }),
        Constraint::Length(run_rows),
        Constraint::Length(climb_rows),
        Constraint::Length(if bars { cross_rows + 2 } else { 0 }),
        Constraint::Length(text_rows),
    ])
    .areas(inner);

    let axis = view.axis;
    if view.is_empty() {
        let text = format!(
            "No {} scores for either calf in this range. {}/{} changes the range, {}/{} the measure.",
            view.measure.label().to_lowercase(),
            keys::key(Context::Trends, Command::ShorterRange),
            keys::key(Context::Trends, Command::LongerRange),
            keys::key(Context::Trends, Command::Up),
            keys::key(Context::Trends, Command::Down)
        );
        let [_, message] = Layout::horizontal([Constraint::Length(GUTTER + 1), Constraint::Min(1)]).areas(chart_area);
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.style(Meaning::Muted))
                .wrap(Wrap { trim: true }),
            message,
        );
    } else {
        let mut chart = TimeChart::new(axis, theme, [0.0, 10.0], &["0", "5", "10"])
            .series(&view.phase_rules, PHASE_RULE, Meaning::Reference)
            .series(&view.other, Look::Dotted, Meaning::SeriesOther);
        for part in &view.line_parts {
            let points = view.line.get(part.clone()).unwrap_or_default();
            chart = chart.series(points, Look::Solid, Meaning::SeriesPrimary);
        }
        chart.render(frame, chart_area);
    }

    // Later series draw over earlier ones in a shared column: a phase digit
    // over a soon or watch day, an emergency or urgent day over both.
    let mut strip =
        TimeChart::new(axis, theme, [0.0, 1.0], &["", "events"]).series(&view.warned, WARNED, Meaning::AlertSoon);
    for (marks, digit) in view.phase_marks.iter().zip(PHASE_DIGITS) {
        strip = strip.series(marks, Look::Mark(digit), Meaning::Title);
    }
    strip = strip.series(&view.serious, SERIOUS, Meaning::AlertUrgent);
    if bars {
        strip.render(frame, strip_area);
        let per = per_days(view.bar_days);
        let units = screen.units;
        let run: Vec<(f64, f64)> = view.run_km.iter().map(|&(x, km)| (x, units.from_km(km))).collect();
        // The usual weekly distance before the injury, spread over a bar's
        // days: bars above the line are more than the old usual.
        let usual = view
            .baseline_km
            .map(|km| units.from_km(km) / 7.0 * view.bar_days as f64);
        let usual_line: Vec<Point> = usual.map_or_else(Vec::new, |y| vec![(0.0, y), (axis.span(), y)]);
        // The line goes under the bars: a bar over it stays whole.
        let max = run.iter().map(|p| p.1).fold(usual.unwrap_or(0.0) * 1.2, f64::max);
        let top = round_up(max, bar_step(max), 2.0);
        // The rows say in words what the bars are: "run", "km/2d".
        let labels = bar_labels("run", &format!("{}/{per}", units.name()), top, run_rows);
        TimeChart::new(axis, theme, [0.0, top], &labels)
            .series(&usual_line, USUAL_LINE, Meaning::Reference)
            .series(&run, Look::Bars, Meaning::SeriesLoad)
            .render(frame, run_area);
        if climb_rows > 0 {
            let climb: Vec<(f64, f64)> = view
                .climb_m
                .iter()
                .map(|&(x, m)| (x, crate::report::climb_in(units, m)))
                .collect();
            bar_chart(
                axis,
                theme,
                &climb,
                Meaning::SeriesOther,
                &format!("{} up", crate::report::climb_unit(units)),
                50.0,
            )
            .render(frame, climb_area);
        }
        let max = view.cross_min.iter().map(|p| p.1).fold(0.0, f64::max);
        let top = round_up(max, 5.0, 30.0);
        TimeChart::new(
            axis,
            theme,
            [0.0, top],
            &bar_labels("cross", &format!("min/{per}"), top, cross_rows),
        )
        .series(&view.cross_min, Look::Bars, Meaning::SeriesCross)
        .with_dates()
        .render(frame, cross_area);
    } else {
        strip.with_dates().render(frame, strip_area);
    }

    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), text_area);
}

/// "day", or "5d" for bars of 5 days.
fn per_days(days: usize) -> String {
    if days <= 1 {
        "day".to_owned()
    } else {
        format!("{days}d")
    }
}

/// A round step for a bar scale topping `max`: small distances get a tight
/// scale (a 4 a day top, not 10), so nearby values stay apart.
fn bar_step(max: f64) -> f64 {
    match max {
        m if m <= 10.0 => 1.0,
        m if m <= 50.0 => 5.0,
        _ => 10.0,
    }
}

/// The gutter of a bar chart `rows` tall, bottom first: what the bars are
/// in words ("run", "cross"), then their unit ("km/2d", "min/2d"), then
/// the top of the scale. A single row names what the bars are.
fn bar_labels(what: &str, per: &str, top: f64, rows: u16) -> Vec<String> {
    let per = per.to_owned();
    match rows {
        0 | 1 => vec![String::new(), what.to_owned()],
        2 => vec![what.to_owned(), format!("{top:.0}")],
        3 => vec![per, what.to_owned(), format!("{top:.0}")],
        n => {
            let mut labels = vec![per, what.to_owned()];
            labels.extend(std::iter::repeat_n(String::new(), usize::from(n) - 3));
            labels.push(format!("{top:.0}"));
            labels
        }
    }
}

/// A bar chart on the shared axis: `unit` at the bottom of the gutter, the
/// top of the scale above it.
fn bar_chart<'a>(
    axis: DateAxis,
    theme: Theme,
    bars: &'a [Point],
    meaning: Meaning,
    unit: &str,
    floor: f64,
) -> TimeChart<'a> {
    let max = bars.iter().map(|p| p.1).fold(0.0, f64::max);
    let top = round_up(max, 5.0, floor);
    TimeChart::new(axis, theme, [0.0, top], &[unit.to_owned(), format!("{top:.0}")]).series(bars, Look::Bars, meaning)
}

/// The legend on the panel's bottom border: every mark in words, so the
/// chart reads without colour.
fn legend(view: &View, injured: InjuredLeg, wide: bool, theme: Theme) -> Line<'static> {
    let muted = theme.style(Meaning::Muted);
    let (solid, dotted) = if wide {
        (leg_name(view.primary, injured), leg_name(view.primary.other(), injured))
    } else {
        (view.primary.to_string(), view.primary.other().to_string())
    };
    let spans = vec![
        Span::raw(" "),
        Span::styled(Look::Solid.sample(), theme.style(Meaning::SeriesPrimary)),
        Span::raw(format!(" {solid}  ")),
        Span::styled(Look::Dotted.sample(), theme.style(Meaning::SeriesOther)),
        Span::raw(format!(" {dotted}  ")),
        Span::styled(PHASE_RULE.sample(), muted),
        Span::raw(if wide {
            " 2–5 phase start  "
        } else {
            "2 phase start  "
        }),
        Span::styled(SERIOUS.sample(), theme.style(Meaning::AlertUrgent)),
        Span::styled(WARNED.sample(), theme.style(Meaning::AlertSoon)),
        Span::raw(" warning day "),
    ];
    Line::from(spans).right_aligned()
}

/// This week (Monday to today) against last week (Monday to Sunday): the
/// measure's mean, km run and exercise adherence, with the direction in
/// words so it reads without the chart. It names a direction only: it
/// never judges.
fn week_line(view: &View, wide: bool, units: crate::units::Units, week: crate::units::WeekStart) -> String {
    let (first, last_day) = week.abbrev();
    let unit = units.name();
    let (this_run, last_run) = (units.from_km(view.weeks[0].km), units.from_km(view.weeks[1].km));
    let [this, last] = view.weeks;
    let mean = |w: Week| w.mean.map_or("–".to_owned(), |m| format!("{m:.1}"));
    let direction = match (this.mean, last.mean) {
        (Some(a), Some(b)) if a > b + 0.5 => "higher than last week",
        (Some(a), Some(b)) if a + 0.5 < b => "lower than last week",
        (Some(_), Some(_)) => "about the same as last week",
        (None, _) => "too few days this week to compare",
        (_, None) => "too few days last week to compare",
    };
    let percent = |w: Week| adherence::percent(w.done, w.planned);
    let measure = view.measure.label().to_lowercase();
    // Climb and the usual week before the injury, when there are any.
    let climb = if this.climb_m > 0.0 || last.climb_m > 0.0 {
        let height = crate::report::climb_unit(units);
        format!(
            ", climb {:.0} against {:.0} {height}",
            crate::report::climb_in(units, this.climb_m),
            crate::report::climb_in(units, last.climb_m)
        )
    } else {
        String::new()
    };
    // Running minutes: a walk-run counts its running parts only.
    let minutes = if this.running_min > 0.0 || last.running_min > 0.0 {
        format!(", running {:.0} against {:.0} min", this.running_min, last.running_min)
    } else {
        String::new()
    };
    let usual = view.baseline_km.map_or(String::new(), |km| {
        if wide {
            format!(
                " (usual before the injury: {:.0} {unit} a week, the ┄ line)",
                units.from_km(km)
            )
        } else {
            format!(" (usual {:.0})", units.from_km(km))
        }
    });
    if wide {
        format!(
            "This week ({first}–today) against last week ({first}–{last_day}): {measure} ({} calf) {} against {}, {direction} · \
             run {:.1} against {:.1} {unit}{usual}{minutes}{climb} · exercises {}/{} ({}) against {}/{} ({})",
            view.primary,
            mean(this),
            mean(last),
            this_run,
            last_run,
            this.done,
            this.planned,
            percent(this),
            last.done,
            last.planned,
            percent(last),
        )
    } else {
        format!(
            "This week against last: {measure} {} against {}, {direction} · run {:.1} against {:.1} {unit}{usual}{minutes}{climb} · \
             exercises {} against {}",
            mean(this),
            mean(last),
            this_run,
            last_run,
            percent(this),
            percent(last),
        )
    }
}

/// A latest value as text, "–" without one.
fn latest(value: Option<f64>, unit: &str) -> String {
    value.map_or("–".to_owned(), |v| format!("{v:.0}{unit}"))
}

/// The capacity panel squeezed into one line, for narrow screens.
fn capacity_line(view: &View) -> String {
    if !view.any_tests {
        return "Heel raises: no test recorded yet (soleus test ...).".to_owned();
    }
    // Left then right, whichever is drawn solid.
    let left_right = |[solid, dotted]: [Option<f64>; 2]| {
        let (left, right) = match view.primary {
            Leg::Left => (solid, dotted),
            Leg::Right => (dotted, solid),
        };
        format!("{}/{}", latest(left, ""), latest(right, ""))
    };
    let [straight, bent] = view.latest_reps;
    format!(
        "Heel raises L/R: straight {}, bent {} · symmetry {}, {} (90% wanted)",
        left_right(straight),
        left_right(bent),
        latest(view.latest_symmetry[0], "%"),
        latest(view.latest_symmetry[1], "%"),
    )
}

/// The capacity panel: single-leg heel raises of both legs for each test,
/// and the limb symmetry against the 90% line, on the main chart's dates.
fn render_capacity(frame: &mut Frame, area: Rect, theme: Theme, view: &View) {
    let block = theme.panel(" Heel raises, single leg ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if !view.any_tests {
        let text = "No heel-raise test recorded yet. Record one per leg with\nsoleus test heel-raise-straight --leg LEG --reps N\nand the same with heel-raise-bent.";
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.style(Meaning::Muted))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let [straight_caption, straight, bent_caption, bent, lsi_caption, lsi] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let axis = view.axis;
    let top = view.reps.iter().flatten().flatten().map(|p| p.1).fold(0.0, f64::max);
    let top = round_up(top, 10.0, 40.0);
    let reps_labels = ["0".to_owned(), format!("{top:.0}")];
    for (i, (kind, (caption_area, chart_area))) in TestKind::ALL
        .iter()
        .zip([(straight_caption, straight), (bent_caption, bent)])
        .enumerate()
    {
        let [solid, dotted] = &view.reps[i];
        let [solid_latest, dotted_latest] = view.latest_reps[i];
        let name = match kind {
            TestKind::HeelRaiseStraight => "Knee straight",
            TestKind::HeelRaiseBent => "Knee bent",
        };
        frame.render_widget(
            caption(
                theme,
                name,
                &[
                    (
                        Look::Solid,
                        Meaning::SeriesPrimary,
                        format!("{} {}", view.primary, latest(solid_latest, "")),
                    ),
                    (
                        Look::Dotted,
                        Meaning::SeriesOther,
                        format!("{} {}", view.primary.other(), latest(dotted_latest, "")),
                    ),
                ],
            ),
            caption_area,
        );
        TimeChart::new(axis, theme, [0.0, top], &reps_labels)
            .series(dotted, Look::Dotted, Meaning::SeriesOther)
            .series(solid, Look::Solid, Meaning::SeriesPrimary)
            .render(frame, chart_area);
    }
    let [straight_lsi, bent_lsi] = &view.symmetry;
    frame.render_widget(
        caption(
            theme,
            "Symmetry",
            &[
                (
                    Look::Solid,
                    Meaning::SeriesPrimary,
                    format!("straight {}", latest(view.latest_symmetry[0], "%")),
                ),
                (
                    Look::Dotted,
                    Meaning::SeriesOther,
                    format!("bent {}", latest(view.latest_symmetry[1], "%")),
                ),
            ],
        ),
        lsi_caption,
    );
    // A label every 30% puts one on the 90% line; only 0, 90 and the top
    // are written.
    let lsi_top = round_up(
        view.symmetry.iter().flatten().map(|p| p.1).fold(0.0, f64::max),
        30.0,
        120.0,
    );
    let lsi_labels: Vec<String> = (0..=(lsi_top / 30.0) as u32)
        .map(|i| match i * 30 {
            0 => "0%".to_owned(),
            90 => "90%".to_owned(),
            v if f64::from(v) >= lsi_top => format!("{v}%"),
            _ => String::new(),
        })
        .collect();
    let ninety = [(0.0, 90.0), (axis.span(), 90.0)];
    TimeChart::new(axis, theme, [0.0, lsi_top], &lsi_labels)
        .with_dates()
        .series(&ninety, NINETY_RULE, Meaning::Reference)
        .series(bent_lsi, Look::Dotted, Meaning::SeriesOther)
        .series(straight_lsi, Look::Solid, Meaning::SeriesPrimary)
        .render(frame, lsi);
}

/// A caption row: a name, then each series' sample and text.
fn caption(theme: Theme, name: &str, items: &[(Look, Meaning, String)]) -> Paragraph<'static> {
    let mut spans = vec![Span::styled(name.to_owned(), theme.style(Meaning::Title))];
    for (look, meaning, text) in items {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(look.sample(), theme.style(*meaning)));
        spans.push(Span::raw(format!(" {text}")));
    }
    Paragraph::new(Line::from(spans))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_rows_say_what_they_are_in_words() {
        assert_eq!(
            bar_labels("run", "km/2d", 4.0, 4),
            ["km/2d", "run", "", "4"],
            "bottom first: four rows, one label each"
        );
        // One row: both labels land on it and the last wins, so it is the word.
        assert_eq!(
            bar_labels("cross", "min/2d", 30.0, 1).last().map(String::as_str),
            Some("cross")
        );
    }

    #[test]
    fn small_distances_get_a_tight_scale() {
        assert_eq!(round_up(3.9, bar_step(3.9), 2.0), 4.0);
        assert_eq!(round_up(12.0, bar_step(12.0), 2.0), 15.0);
        assert_eq!(
            round_up(0.0, bar_step(0.0), 2.0),
            2.0,
            "an empty range still has a scale"
        );
    }
}
