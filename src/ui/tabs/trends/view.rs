//! What the Trends tab draws, derived from the journal and the user's
//! choices once and kept in the model. A frame only reads it: a key press
//! that changes nothing costs no series work, and a ten-year journal draws
//! as fast as a fortnight because every series is already brought down to
//! the chart's width. The cache starts again when the journal is reloaded
//! (a write, `r`, focus) and when a choice or the chart's width changes.

use std::ops::Range;

use chrono::{Days, NaiveDate};

use crate::clinical::Level;
use crate::domain::{CheckIn, DayLoad, Leg, Profile, TestKind, day_loads};

use super::TrendsState;
use super::series::{self, Measure, RANGES, WEEK, Week};
use crate::ui::app::data::Data;
use crate::ui::widgets::chart::{DateAxis, Point};

/// At most this many separate lines per leg: each costs the chart a layer.
const MAX_LINES: usize = 8;
/// Lines bridge up to 3 days without an entry (x 4 apart), so someone who
/// checks in every other or third day still sees a line; a longer absence
/// (a holiday, a week off) breaks it.
const BRIDGE_DAYS: f64 = 4.0;

/// Everything a view depends on besides the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    today: NaiveDate,
    range: usize,
    measure: usize,
    leg: Leg,
    mean: bool,
    /// Plot columns of the main chart and of the capacity panel.
    columns: (u16, u16),
}

/// The derived series of one view of the tab.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    key: Key,
    pub axis: DateAxis,
    pub measure: Measure,
    pub range: Option<u32>,
    pub mean: bool,
    /// The leg drawn solid; the other is dotted.
    pub primary: Leg,
    /// Days per point of the lines and per bar.
    pub bucket_days: usize,
    pub bar_days: usize,
    /// The solid leg's points, and the runs of them joined by lines.
    pub line: Vec<Point>,
    pub line_parts: Vec<Range<usize>>,
    /// The other leg's points.
    pub other: Vec<Point>,
    /// Distance run per bar (each run once: typed on either calf or
    /// imported), and the metres climbed on runs.
    pub run_km: Vec<Point>,
    pub climb_m: Vec<Point>,
    /// The profile's usual weekly distance before the injury, km.
    pub baseline_km: Option<f64>,
    pub cross_min: Vec<Point>,
    /// Vertical rules at phase starts, across the main chart (y = 10).
    pub phase_rules: Vec<Point>,
    /// Phase starts by phase number 1-5 (index 0-4), on the marker strip.
    pub phase_marks: [Vec<Point>; 5],
    /// Days whose entries raised an emergency or urgent warning, and the
    /// days with only a soon or watch one, on the marker strip.
    pub serious: Vec<Point>,
    pub warned: Vec<Point>,
    /// Heel raises by test, `[solid leg, other leg]`.
    pub reps: [[Vec<Point>; 2]; 2],
    /// Limb symmetry by test, in percent.
    pub symmetry: [Vec<Point>; 2],
    /// The latest test in range of each of those (before they were brought
    /// down to the panel's width), for the captions.
    pub latest_reps: [[Option<f64>; 2]; 2],
    pub latest_symmetry: [Option<f64>; 2],
    /// Whether the journal holds any heel-raise test at all.
    pub any_tests: bool,
    /// This week and last week.
    pub weeks: [Week; 2],
}

impl View {
    /// Whether there is anything to draw for either leg.
    pub fn is_empty(&self) -> bool {
        self.line.is_empty() && self.other.is_empty()
    }
}

/// The model's cache of derived series.
#[derive(Debug, Clone, Default)]
pub struct Cache {
    /// Warning days of the whole journal: one pass of the rules per load.
    warnings: Option<Vec<(NaiveDate, Level)>>,
    view: Option<View>,
}

impl Cache {
    /// Forgets everything: the journal was read again.
    pub fn clear(&mut self) {
        *self = Cache::default();
    }

    /// The current view, if one was derived.
    pub fn view(&self) -> Option<&View> {
        self.view.as_ref()
    }

    /// Brings the view up to date with the journal and the choices; does
    /// nothing when neither changed. Needs the whole journal loaded.
    pub fn refresh(&mut self, data: &Data, state: &TrendsState, today: NaiveDate, columns: (u16, u16)) {
        let Some(checkins) = data.checkins.as_deref() else {
            return;
        };
        let key = Key {
            today,
            range: state.range % RANGES.len(),
            measure: state.measure % Measure::ALL.len(),
            leg: state.leg.unwrap_or_else(|| data.default_leg()),
            mean: state.mean,
            columns,
        };
        if self.view.as_ref().is_some_and(|v| v.key == key) {
            return;
        }
        let profile = data.profile.clone().unwrap_or_default();
        let warnings = self
            .warnings
            .get_or_insert_with(|| series::warning_days(&profile, checkins, &data.outcomes, &data.runs));
        self.view = Some(derive(key, data, warnings));
    }
}

/// Builds a view: every series of the chosen range, leg and measure.
fn derive(key: Key, data: &Data, warnings: &[(NaiveDate, Level)]) -> View {
    let checkins = data.checkins();
    let range = RANGES[key.range];
    let measure = Measure::ALL[key.measure];
    let (today, primary) = (key.today, key.leg);
    let from = series::range_start(range, checkins, today);
    let axis = DateAxis { from, to: today };
    let days = usize::try_from((today - from).num_days() + 1).unwrap_or(1);
    // Braille has two dots a column for lines; bars take whole columns.
    let (main_columns, side_columns) = (usize::from(key.columns.0.max(1)), usize::from(key.columns.1.max(1)));
    let bucket_days = series::bucket_size(days, 2 * main_columns);
    let bar_days = series::bucket_size(days, main_columns);

    let values = |leg: Leg| {
        if key.mean {
            let lead = WEEK - 1;
            let early = from.checked_sub_days(Days::new(lead as u64)).unwrap_or(from);
            let raw = series::daily(checkins, Some(leg), early, today, |c| measure.of(c));
            series::rolling_mean(&raw, from.signed_duration_since(early).num_days() as usize)
        } else {
            series::daily(checkins, Some(leg), from, today, |c| measure.of(c))
        }
    };
    let line = series::min_max(&values(primary), bucket_days);
    // On long ranges, one empty bucket is bridged; two or more break it.
    let line_parts = series::segments(&line, BRIDGE_DAYS.max(2.0 * bucket_days as f64), MAX_LINES);
    let other = series::min_max(&values(primary.other()), bucket_days);
    let load =
        |value: fn(&CheckIn) -> Option<f64>| series::sums(&series::daily(checkins, None, from, today, value), bar_days);
    let loads = day_loads(checkins, &data.runs);
    let running = |value: fn(&DayLoad) -> f64| series::sums(&series::load_days(&loads, from, today, value), bar_days);

    let starts = series::phase_starts(&data.phases, from, today);
    let phase_rules = series::marks(starts.iter().flatten(), from, today, 10.0);
    let phase_marks = starts.map(|dates| series::marks(&dates, from, today, 0.5));
    let in_range = crate::clinical::dated_between(warnings, |w| w.0, from, today);
    let warned_with = |serious: bool| {
        let dates: Vec<NaiveDate> = in_range
            .iter()
            .filter(|(_, level)| matches!(level, Level::Emergency | Level::Urgent) == serious)
            .map(|(date, _)| *date)
            .collect();
        series::marks(&dates, from, today, 0.5)
    };

    let injured = data.profile.as_ref().map_or_else(|| Profile::default().leg, |p| p.leg);
    let tests = &data.tests;
    // Tests every fortnight for ten years are hundreds of points for a
    // panel a few dozen columns wide: brought down like the main chart.
    let side_days = series::bucket_size(days, 2 * side_columns);
    let thin = |points: Vec<Point>| series::min_max(&series::slots(&points, days), side_days);
    let last = |points: &Vec<Point>| points.last().map(|p| p.1);
    let reps =
        TestKind::ALL.map(|kind| [primary, primary.other()].map(|leg| series::reps(tests, leg, kind, from, today)));
    let symmetry = TestKind::ALL.map(|kind| series::symmetry(tests, kind, injured, from, today));
    let latest_reps = reps.each_ref().map(|legs| legs.each_ref().map(last));
    let latest_symmetry = symmetry.each_ref().map(last);
    let (reps, symmetry) = (reps.map(|legs| legs.map(thin)), symmetry.map(thin));
    let weeks = series::weeks(
        checkins,
        &loads,
        primary,
        measure,
        data.adherence.each_ref().map(|a| (a.done as usize, a.asked as usize)),
        today,
        data.week,
    );

    View {
        key,
        axis,
        measure,
        range,
        mean: key.mean,
        primary,
        bucket_days,
        bar_days,
        line,
        line_parts,
        other,
        run_km: running(|d| d.km),
        climb_m: running(|d| d.climb_m),
        baseline_km: data.profile.as_ref().and_then(|p| p.baseline_km),
        cross_min: load(|c| c.cross_min.map(f64::from)),
        phase_rules,
        phase_marks,
        serious: warned_with(true),
        warned: warned_with(false),
        reps,
        symmetry,
        latest_reps,
        latest_symmetry,
        any_tests: !tests.is_empty(),
        weeks,
    }
}
