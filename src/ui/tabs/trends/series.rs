//! The pure steps of the Trends tab: journal rows in, chart points out. No
//! drawing, no clock and no database, so every step is unit-tested here,
//! and the tab keeps what they return until the data or the user's choice
//! changes instead of redoing it every frame.
//!
//! x is "days since the first day shown" on every chart of the tab, so the
//! charts stacked under one another share one date axis.

use std::ops::Range;

use chrono::{Days, NaiveDate};

use crate::clinical::{self, History, Level, dated_between as dated};
use crate::domain::{CapacityTest, CheckIn, DayLoad, InjuredLeg, Leg, Outcome, PhaseChange, Profile, Run, TestKind};
use crate::ui::app::data::week_start;

/// A point on a chart: (days since the first day shown, value).
pub type Point = (f64, f64);

/// A mean needs this many days with a value, as the traffic light's do (see
/// docs/clinical-rules.md); fewer and there is no mean, rather than a shaky
/// one.
pub const MEAN_NEEDS: usize = 3;
/// Days in the rolling mean, and in each block of the week comparison.
pub const WEEK: usize = 7;

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
    pub fn of(self, c: &CheckIn) -> Option<f64> {
        let score = match self {
            Measure::PainRest => Some(c.pain_rest),
            Measure::PainWalk => Some(c.pain_walk),
            Measure::PainRun => c.pain_run,
            Measure::Tightness => c.tightness,
            Measure::Morning => c.morning,
        };
        score.map(|s| f64::from(s.value()))
    }
}

/// The ranges the tab offers, in days; `None` is the whole journal.
pub const RANGES: [Option<u32>; 5] = [Some(14), Some(30), Some(90), Some(365), None];

/// A range as the title shows it.
pub fn range_label(range: Option<u32>) -> String {
    match range {
        Some(days) => format!("last {days} days"),
        None => "all days".to_owned(),
    }
}

/// The first day a range shows: `days` back from `today`, or the first
/// check-in for "all".
pub fn range_start(range: Option<u32>, checkins: &[CheckIn], today: NaiveDate) -> NaiveDate {
    match range {
        Some(days) => back(today, u64::from(days.saturating_sub(1))),
        None => checkins.first().map_or(today, |c| c.date.min(today)),
    }
}

/// `date` minus `days`, stopping at the earliest date chrono knows.
fn back(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(NaiveDate::MIN)
}

/// Days from `from` to `date`: the x of `date`.
pub fn day_x(from: NaiveDate, date: NaiveDate) -> f64 {
    (date - from).num_days() as f64
}

/// One slot per day of `from..=to`: `value` of the day's check-in of `leg`,
/// or with `None` for the leg the highest value across legs (a run logged
/// on both calves counts once). A day without a check-in, or with the
/// question unanswered, is `None`: never 0.
/// The largest value any chart draws.
pub const CHART_LIMIT: f64 = 100_000.0;

pub fn daily(
    checkins: &[CheckIn],
    leg: Option<Leg>,
    from: NaiveDate,
    to: NaiveDate,
    value: impl Fn(&CheckIn) -> Option<f64>,
) -> Vec<Option<f64>> {
    let days = usize::try_from((to - from).num_days() + 1).unwrap_or(0);
    let mut slots = vec![None; days];
    for c in dated(checkins, |c| c.date, from, to) {
        if leg.is_some_and(|l| l != c.leg) {
            continue;
        }
        // Charts clamp: a value the journal should never hold (the store
        // refuses it on reading) still cannot reach the canvas unbounded.
        let Some(v) = value(c).filter(|v| v.is_finite()).map(|v| v.clamp(0.0, CHART_LIMIT)) else {
            continue;
        };
        let slot = usize::try_from((c.date - from).num_days())
            .ok()
            .and_then(|i| slots.get_mut(i));
        if let Some(slot) = slot {
            *slot = Some(slot.map_or(v, |old: f64| old.max(v)));
        }
    }
    slots
}

/// The mean of the [`WEEK`] days ending on each day, over the days that
/// have a value; `None` where fewer than [`MEAN_NEEDS`] do. A missing day is
/// left out of the mean, never counted as 0. `values` starts `lead` days
/// before the first day wanted (`WEEK - 1` gives the first day a whole
/// week); the result has one slot per day after the lead.
pub fn rolling_mean(values: &[Option<f64>], lead: usize) -> Vec<Option<f64>> {
    let mut sum = 0.0;
    let mut count = 0usize;
    let mut means = Vec::with_capacity(values.len().saturating_sub(lead));
    for (i, value) in values.iter().enumerate() {
        if let Some(v) = value {
            sum += v;
            count += 1;
        }
        if let Some(Some(old)) = i.checked_sub(WEEK).and_then(|j| values.get(j)) {
            sum -= old;
            count -= 1;
        }
        if i >= lead {
            means.push((count >= MEAN_NEEDS).then(|| sum / count as f64));
        }
    }
    means
}

/// Days per bucket so that `days` days fit into `buckets` buckets (at
/// least 1): how a long range is brought down to the chart's width.
pub fn bucket_size(days: usize, buckets: usize) -> usize {
    days.div_ceil(buckets.max(1)).max(1)
}

/// The buckets of `size` days over `values`, each with its first index.
fn buckets(values: &[Option<f64>], size: usize) -> impl Iterator<Item = (usize, &[Option<f64>])> {
    values
        .chunks(size.max(1))
        .enumerate()
        .map(move |(i, chunk)| (i * size.max(1), chunk))
}

/// The x a bucket is drawn at: its middle day.
fn middle(start: usize, len: usize) -> f64 {
    start as f64 + (len.saturating_sub(1) as f64) / 2.0
}

/// Line points, brought down to the chart's width: per bucket of `size`
/// days, the lowest and the highest value in the order they came, at the
/// bucket's middle (one point when they are equal); nothing for a bucket
/// without values. With `size` 1 this is one point per day with a value.
/// Peaks survive however long the range: a bad day in ten years still shows.
pub fn min_max(values: &[Option<f64>], size: usize) -> Vec<Point> {
    let mut points = Vec::with_capacity(values.len().min(2 * values.len().div_ceil(size.max(1))));
    for (start, chunk) in buckets(values, size) {
        let mut low: Option<(usize, f64)> = None;
        let mut high: Option<(usize, f64)> = None;
        for (i, v) in chunk.iter().enumerate() {
            let Some(v) = *v else { continue };
            if low.is_none_or(|(_, l)| v < l) {
                low = Some((i, v));
            }
            if high.is_none_or(|(_, h)| v > h) {
                high = Some((i, v));
            }
        }
        let (Some((low_at, low)), Some((high_at, high))) = (low, high) else {
            continue;
        };
        let x = middle(start, chunk.len());
        if low == high {
            points.push((x, low));
        } else if low_at < high_at {
            points.extend([(x, low), (x, high)]);
        } else {
            points.extend([(x, high), (x, low)]);
        }
    }
    points
}

/// One slot per day of a range of `days` from points one per day at most
/// (x a whole number of days), so sparse points can be bucketed like daily
/// values. Points outside the range are left out.
pub fn slots(points: &[Point], days: usize) -> Vec<Option<f64>> {
    let mut slots = vec![None; days];
    for (x, y) in points {
        if let Some(slot) = (*x >= 0.0).then(|| slots.get_mut(*x as usize)).flatten() {
            *slot = Some(*y);
        }
    }
    slots
}

/// One value of each day's running (`DayLoad`), `from..=to`, as daily
/// slots for [`sums`]; a day without running has none.
pub fn load_days(loads: &[DayLoad], from: NaiveDate, to: NaiveDate, value: fn(&DayLoad) -> f64) -> Vec<Option<f64>> {
    let days = usize::try_from((to - from).num_days() + 1).unwrap_or(0);
    let mut slots = vec![None; days];
    for d in dated(loads, |d| d.date, from, to) {
        let v = value(d);
        let slot = usize::try_from((d.date - from).num_days())
            .ok()
            .and_then(|i| slots.get_mut(i));
        if let (Some(slot), true) = (slot, v.is_finite() && v > 0.0) {
            *slot = Some(v.min(CHART_LIMIT));
        }
    }
    slots
}

/// Bars: per bucket of `size` days, the sum of the values at the bucket's
/// middle; a bucket with nothing (or 0) gives no bar.
pub fn sums(values: &[Option<f64>], size: usize) -> Vec<Point> {
    buckets(values, size)
        .filter_map(|(start, chunk)| {
            let total: f64 = chunk.iter().flatten().sum();
            (total > 0.0).then(|| (middle(start, chunk.len()), total))
        })
        .collect()
}

/// Which runs of `points` to join with lines. A gap wider than `max_gap`
/// in x starts a new line, so days without entries show as a break rather
/// than a made-up slope. At most `max_lines` runs: beyond that only the
/// widest gaps break, since each line costs the chart a drawing layer.
pub fn segments(points: &[Point], max_gap: f64, max_lines: usize) -> Vec<Range<usize>> {
    if points.is_empty() {
        return Vec::new();
    }
    let mut gaps: Vec<(usize, f64)> = points
        .windows(2)
        .enumerate()
        .map(|(i, pair)| (i + 1, pair[1].0 - pair[0].0))
        .filter(|(_, gap)| *gap > max_gap)
        .collect();
    let keep = max_lines.max(1) - 1;
    if gaps.len() > keep {
        gaps.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        gaps.truncate(keep);
        gaps.sort_by_key(|(at, _)| *at);
    }
    let mut lines = Vec::with_capacity(gaps.len() + 1);
    let mut start = 0;
    for (at, _) in gaps {
        lines.push(start..at);
        start = at;
    }
    lines.push(start..points.len());
    lines
}

/// Points at the x of each date, for markers (warnings, phase starts).
pub fn marks<'a>(dates: impl IntoIterator<Item = &'a NaiveDate>, from: NaiveDate, to: NaiveDate, y: f64) -> Vec<Point> {
    dates
        .into_iter()
        .filter(|d| **d >= from && **d <= to)
        .map(|d| (day_x(from, *d), y))
        .collect()
}

/// Each phase start in `from..=to`, by phase number 1-5 (index 0-4).
pub fn phase_starts(phases: &[PhaseChange], from: NaiveDate, to: NaiveDate) -> [Vec<NaiveDate>; 5] {
    let mut starts: [Vec<NaiveDate>; 5] = Default::default();
    for change in dated(phases, |p| p.date, from, to) {
        if let Some(list) = usize::from(change.phase).checked_sub(1).and_then(|i| starts.get_mut(i)) {
            list.push(change.date);
        }
    }
    starts
}

/// The days the red-flag rules fire on, each with its most urgent level:
/// the rules run as of every day that has a check-in, and each flag marks
/// the day of the entry it came from. The rules read the profile, the
/// check-ins, the imported runs and the outcomes recorded before that day:
/// an outcome silences the same ache later (see docs/clinical-rules.md,
/// outcomes), so those days are not marked, while the day the warning fired
/// keeps its mark even when the outcome is dated that same day. One pass
/// over the journal ([`clinical::warning_marks`]), done once per load:
/// ranges then only look days up.
pub fn warning_days(
    profile: &Profile,
    checkins: &[CheckIn],
    outcomes: &[Outcome],
    runs: &[Run],
) -> Vec<(NaiveDate, Level)> {
    let mut dates: Vec<NaiveDate> = checkins.iter().map(|c| c.date).collect();
    dates.dedup();
    let history = History {
        profile,
        checkins,
        completions: &[],
        tests: &[],
        phases: &[],
        outcomes,
        runs,
        loaded_from: None,
    };
    clinical::warning_marks(&history, &dates)
}

/// One leg's reps of one heel-raise test dated `from..=to`.
pub fn reps(tests: &[CapacityTest], leg: Leg, kind: TestKind, from: NaiveDate, to: NaiveDate) -> Vec<Point> {
    dated(tests, |t| t.date, from, to)
        .iter()
        .filter(|t| t.leg == leg && t.test == kind)
        .map(|t| (day_x(from, t.date), f64::from(t.reps)))
        .collect()
}

/// The limb symmetry index (injured ÷ other × 100) of one test on each day
/// of `from..=to` with a test of that kind, from each leg's latest test so
/// far, as the phase criteria compute it; with both legs injured, weaker ÷
/// stronger. No point without both legs' tests or with 0 other reps.
pub fn symmetry(
    tests: &[CapacityTest],
    kind: TestKind,
    injured: InjuredLeg,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Point> {
    let mut latest: [Option<u32>; 2] = [None, None];
    let mut points: Vec<Point> = Vec::new();
    for t in tests.iter().filter(|t| t.test == kind && t.date <= to) {
        latest[usize::from(t.leg == Leg::Right)] = Some(t.reps);
        let [Some(left), Some(right)] = latest else { continue };
        let Some(percent) = crate::clinical::limb_symmetry(injured, left, right) else {
            continue;
        };
        if t.date < from {
            continue;
        }
        let point = (day_x(from, t.date), percent);
        // Both legs are usually tested the same day: keep that day's last.
        match points.last_mut() {
            Some(last) if last.0 == point.0 => *last = point,
            _ => points.push(point),
        }
    }
    points
}

/// One calendar week (Monday to Sunday, this one up to today) of the
/// summary line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Week {
    /// Mean of the measure over the block, with [`MEAN_NEEDS`] days or more.
    pub mean: Option<f64>,
    /// Kilometres run (a run logged on both calves counts once; imported
    /// runs added).
    pub km: f64,
    /// Minutes spent running (the running part of walk-run sessions).
    pub running_min: f64,
    /// Metres climbed on runs.
    pub climb_m: f64,
    /// Sessions done and asked for over the week ([`crate::clinical::adherence`]).
    pub done: usize,
    pub planned: usize,
}

/// This week (Monday to today) and last week (the Monday to Sunday
/// before): the one week of the app, the same as the Checklist's
/// adherence, which the caller passes as (done, asked) for each week.
pub fn weeks(
    checkins: &[CheckIn],
    loads: &[DayLoad],
    leg: Leg,
    measure: Measure,
    adherence: [(usize, usize); 2],
    today: NaiveDate,
    week: crate::units::WeekStart,
) -> [Week; 2] {
    let monday = week_start(today, week);
    let block = |from: NaiveDate, to: NaiveDate, (done, planned): (usize, usize)| {
        let values: Vec<f64> = daily(checkins, Some(leg), from, to, |c| measure.of(c))
            .into_iter()
            .flatten()
            .collect();
        let mean = (values.len() >= MEAN_NEEDS).then(|| values.iter().sum::<f64>() / values.len() as f64);
        // A fold from 0.0: an empty f64 sum is -0.0, which prints as "-0.0".
        let week = dated(loads, |d| d.date, from, to);
        let km = week.iter().fold(0.0, |total, d| total + d.km);
        let running_min = week.iter().fold(0.0, |total, d| total + d.running_min);
        let climb_m = week.iter().fold(0.0, |total, d| total + d.climb_m);
        Week {
            mean,
            km,
            running_min,
            climb_m,
            done,
            planned,
        }
    };
    [
        block(monday, today, adherence[0]),
        block(back(monday, WEEK as u64), back(monday, 1), adherence[1]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Score, Symptom};

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

    fn rest(c: &CheckIn) -> Option<f64> {
        Measure::PainRest.of(c)
    }

    #[test]
    fn daily_clamps_values_no_chart_could_draw() {
        let mut checkins = vec![entry("2026-11-01", Leg::Left, 1), entry("2026-11-02", Leg::Left, 1)];
        checkins[0].run_km = Some(1e308);
        checkins[1].run_km = Some(f64::INFINITY);
        let km = daily(&checkins, None, day("2026-11-01"), day("2026-11-02"), |c| c.run_km);
        assert_eq!(km, [Some(CHART_LIMIT), None]);
    }

    #[test]
    fn daily_keeps_gaps_and_the_leg_apart() {
        let checkins = vec![
            entry("2026-11-01", Leg::Left, 6),
            entry("2026-11-03", Leg::Left, 4),
            entry("2026-11-03", Leg::Right, 9),
            entry("2026-11-09", Leg::Left, 1),
        ];
        let from = day("2026-11-01");
        let to = day("2026-11-05");
        assert_eq!(
            daily(&checkins, Some(Leg::Left), from, to, rest),
            [Some(6.0), None, Some(4.0), None, None]
        );
        assert_eq!(
            daily(&checkins, None, from, to, rest)[2],
            Some(9.0),
            "highest across legs"
        );
        let unanswered = daily(&checkins, Some(Leg::Left), from, to, |c| Measure::Morning.of(c));
        assert!(unanswered.iter().all(Option::is_none), "unanswered is not zero");
    }

    #[test]
    fn rolling_mean_leaves_missing_days_out_and_needs_three() {
        // Lead of 6 days: 2, 4 and 6 fall in the lead, then a gap.
        let mut values = vec![None; 14];
        values[0] = Some(2.0);
        values[2] = Some(4.0);
        values[6] = Some(6.0);
        values[13] = Some(8.0);
        let means = rolling_mean(&values, 6);
        assert_eq!(means.len(), 8);
        assert_eq!(means[0], Some(4.0), "2, 4, 6 over 7 days: missing days are not zeros");
        // Day 7's window (1..=7) holds 4 and 6 only: no mean.
        assert_eq!(means[1], None);
        assert_eq!(means[7], None, "a lone 8 is not a mean");
        let full: Vec<Option<f64>> = (0..10).map(|v| Some(f64::from(v))).collect();
        assert_eq!(rolling_mean(&full, 6), [Some(3.0), Some(4.0), Some(5.0), Some(6.0)]);
        assert_eq!(rolling_mean(&full, 0)[2], Some(1.0), "3 days are enough");
        assert_eq!(rolling_mean(&full, 0)[1], None);
    }

    #[test]
    fn buckets_keep_the_lowest_and_highest_in_order() {
        let values = [Some(3.0), Some(9.0), None, Some(1.0), None, None, Some(5.0), Some(5.0)];
        assert_eq!(bucket_size(values.len(), 2), 4);
        assert_eq!(
            min_max(&values, 4),
            [(1.5, 9.0), (1.5, 1.0), (5.5, 5.0)],
            "9 came before 1 in the first bucket; the second is flat"
        );
        assert_eq!(
            min_max(&[Some(2.0), Some(7.0)], 2),
            [(0.5, 2.0), (0.5, 7.0)],
            "rising: low first"
        );
        assert_eq!(min_max(&values, 1).len(), 5, "size 1: every day with a value");
        assert_eq!(min_max(&[None, None, None], 2), []);
        // A last, shorter bucket is centred on its own days.
        assert_eq!(
            min_max(&[Some(1.0), None, None, Some(4.0)], 3),
            [(1.0, 1.0), (3.0, 4.0)]
        );
        // Ten years into 300 buckets: bounded, and the one bad day survives.
        let mut long = vec![Some(1.0); 3650];
        long[1234] = Some(9.0);
        let size = bucket_size(long.len(), 300);
        assert_eq!(size, 13);
        let points = min_max(&long, size);
        assert!(points.len() <= 2 * 300, "{}", points.len());
        assert!(points.contains(&(94.0 * 13.0 + 6.0, 9.0)), "{points:?}");
    }

    #[test]
    fn sparse_points_become_daily_slots_to_bucket() {
        let points = [(0.0, 30.0), (14.0, 32.0), (28.0, 31.0), (99.0, 5.0)];
        let slots = slots(&points, 30);
        assert_eq!(
            (slots[0], slots[14], slots[28], slots[1]),
            (Some(30.0), Some(32.0), Some(31.0), None)
        );
        assert_eq!(min_max(&slots, 30), [(14.5, 30.0), (14.5, 32.0)]);
        assert_eq!(min_max(&slots, 1), points[..3]);
    }

    #[test]
    fn sums_make_bars_per_bucket_and_skip_empty_ones() {
        let km = [Some(5.0), None, Some(3.0), None, None, None, Some(0.0)];
        assert_eq!(sums(&km, 1), [(0.0, 5.0), (2.0, 3.0)]);
        assert_eq!(sums(&km, 3), [(1.0, 8.0)]);
    }

    #[test]
    fn lines_break_at_wide_gaps_and_only_at_the_widest_when_there_are_many() {
        let points = [
            (0.0, 1.0),
            (1.0, 2.0),
            (2.0, 1.0),
            (6.0, 3.0),
            (7.0, 3.0),
            (9.0, 2.0),
            (20.0, 1.0),
        ];
        assert_eq!(segments(&points, 2.0, 10), [0..3, 3..6, 6..7]);
        assert_eq!(segments(&points, 2.0, 2), [0..6, 6..7], "the 11-day gap breaks first");
        let whole = || Range { start: 0, end: 7 };
        assert_eq!(segments(&points, 2.0, 1), [whole()]);
        assert_eq!(segments(&points, 20.0, 10), [whole()]);
        assert!(segments(&[], 1.0, 3).is_empty());
    }

    #[test]
    fn ranges_start_where_expected() {
        let today = day("2026-11-21");
        assert_eq!(range_start(Some(14), &[], today), day("2026-11-08"));
        let checkins = vec![entry("2025-01-02", Leg::Left, 1)];
        assert_eq!(range_start(None, &checkins, today), day("2025-01-02"));
        assert_eq!(range_start(None, &[], today), today);
        assert_eq!(range_label(Some(90)), "last 90 days");
    }

    #[test]
    fn weeks_run_monday_to_sunday_this_one_up_to_today() {
        let today = day("2026-11-21");
        let mut checkins = Vec::new();
        for (date, pain) in [
            ("2026-11-07", 9),
            ("2026-11-09", 4),
            ("2026-11-10", 4),
            ("2026-11-12", 7),
        ] {
            checkins.push(entry(date, Leg::Left, pain));
        }
        for date in ["2026-11-16", "2026-11-18", "2026-11-21"] {
            let mut c = entry(date, Leg::Left, 1);
            c.run_km = Some(5.0);
            checkins.push(c);
        }
        // The same run logged on the other calf counts once.
        let mut twin = entry("2026-11-21", Leg::Right, 0);
        twin.run_km = Some(5.0);
        checkins.push(twin);
        checkins.sort_by_key(|c| (c.date, c.leg));
        let loads = crate::domain::day_loads(&checkins, &[]);
        let [this, last] = weeks(
            &checkins,
            &loads,
            Leg::Left,
            Measure::PainRest,
            [(1, 6), (0, 7)],
            today,
            Default::default(),
        );
        assert_eq!(
            this,
            Week {
                mean: Some(1.0),
                km: 15.0,
                running_min: 0.0,
                climb_m: 0.0,
                done: 1,
                planned: 6
            }
        );
        // Today is a Saturday: last week is Mon 11-09 to Sun 11-15, so 11-07
        // is outside both. 4, 4, 7 remain.
        assert_eq!(last.mean, Some(5.0));
        assert_eq!((last.km, last.done, last.planned), (0.0, 0, 7));
        let [sparse, _] = weeks(
            &checkins,
            &loads,
            Leg::Right,
            Measure::PainRest,
            [(0, 0); 2],
            today,
            Default::default(),
        );
        assert_eq!(sparse.mean, None, "one value is not a mean");
        let [empty, _] = weeks(
            &[],
            &[],
            Leg::Left,
            Measure::PainRest,
            [(0, 0); 2],
            today,
            Default::default(),
        );
        assert!(empty.km.is_sign_positive(), "no runs is 0 km, not -0");
    }

    #[test]
    fn warning_days_mark_the_entry_that_fired_with_its_most_urgent_level() {
        let profile = Profile::default();
        let mut bad = entry("2026-11-10", Leg::Left, 2);
        bad.symptoms.insert(Symptom::Breathless);
        let mut bruise = entry("2026-11-10", Leg::Right, 1);
        bruise.symptoms.insert(Symptom::Bruising);
        let checkins = vec![
            entry("2026-11-09", Leg::Left, 1),
            bad,
            bruise,
            entry("2026-11-11", Leg::Left, 1),
        ];
        assert_eq!(
            warning_days(&profile, &checkins, &[], &[]),
            [(day("2026-11-10"), Level::Emergency)],
            "the next day's check still points at the day of the entry"
        );
        assert!(warning_days(&profile, &[], &[], &[]).is_empty());
    }

    #[test]
    fn warning_days_leave_out_the_same_ache_after_an_outcome() {
        let profile = Profile::default();
        let popped = |date: &str| {
            let mut c = entry(date, Leg::Left, 1);
            c.symptoms.insert(Symptom::Pop);
            c
        };
        let checkins = vec![popped("2026-11-10"), popped("2026-11-12")];
        let before = warning_days(&profile, &checkins, &[], &[]);
        assert_eq!(before.len(), 2, "without an outcome both entries warn: {before:?}");
        // Cleared on the 10th: the same pop on the 12th is the presentation
        // the outcome stored, so the engine stays silent and no mark is made.
        let history = History {
            profile: &profile,
            checkins: &checkins[..1],
            completions: &[],
            tests: &[],
            phases: &[],
            outcomes: &[],
            runs: &[],
            loaded_from: None,
        };
        let (_, presentation) =
            clinical::presentation_of(&history, day("2026-11-10"), clinical::RuleId::Rupture, Leg::Left).unwrap();
        let outcome = Outcome {
            date: day("2026-11-10"),
            rule: "rupture".into(),
            leg: Leg::Left,
            result: crate::domain::OutcomeResult::Cleared,
            note: None,
            presentation,
        };
        assert_eq!(
            warning_days(&profile, &checkins, &[outcome], &[]),
            [(day("2026-11-10"), Level::Urgent)]
        );
    }

    #[test]
    fn capacity_points_and_symmetry_follow_each_legs_latest_test() {
        let test = |date: &str, leg, reps| CapacityTest {
            date: day(date),
            leg,
            test: TestKind::HeelRaiseBent,
            reps,
        };
        let tests = vec![
            test("2026-10-01", Leg::Left, 10),
            test("2026-10-01", Leg::Right, 20),
            test("2026-10-15", Leg::Left, 18),
            test("2026-10-15", Leg::Right, 20),
            test("2026-11-01", Leg::Left, 19),
        ];
        let from = day("2026-10-10");
        let to = day("2026-11-21");
        assert_eq!(
            reps(&tests, Leg::Left, TestKind::HeelRaiseBent, from, to),
            [(5.0, 18.0), (22.0, 19.0)]
        );
        assert!(reps(&tests, Leg::Left, TestKind::HeelRaiseStraight, from, to).is_empty());
        assert_eq!(
            symmetry(&tests, TestKind::HeelRaiseBent, InjuredLeg::Left, from, to),
            [(5.0, 90.0), (22.0, 95.0)],
            "the right leg's 20 from 10-15 still stands on 11-01"
        );
        let both = symmetry(&tests, TestKind::HeelRaiseBent, InjuredLeg::Both, day("2026-09-01"), to);
        assert_eq!(both[0], (30.0, 50.0));
        assert_eq!(
            symmetry(&tests, TestKind::HeelRaiseBent, InjuredLeg::Right, from, to)[0].1,
            20.0 * 100.0 / 18.0
        );
    }

    #[test]
    fn phase_starts_and_marks_land_on_their_day() {
        let phases = vec![
            PhaseChange {
                date: day("2026-09-01"),
                phase: 1,
            },
            PhaseChange {
                date: day("2026-11-10"),
                phase: 3,
            },
        ];
        let from = day("2026-11-01");
        let starts = phase_starts(&phases, from, day("2026-11-21"));
        assert!(starts[0].is_empty(), "before the range");
        assert_eq!(starts[2], [day("2026-11-10")]);
        assert_eq!(marks(&starts[2], from, day("2026-11-21"), 0.5), [(9.0, 0.5)]);
    }
}
