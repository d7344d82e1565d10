//! Runs: the ones typed into a check-in ("manual") and the ones imported
//! from a watch or an export (FIT, GPX, Strava, Garmin), walk-run intervals,
//! and a day's and a week's running load counted so that each run counts
//! once, whichever calf's check-in reported it.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::checkin::MAX_MINUTES;
use super::{CheckIn, Leg, MAX_RUN_KM, ValidationError, check_decimal, check_not_future};

/// Most climb one run may record, in metres (Everest from sea level is 8,849).
pub const MAX_CLIMB_M: f64 = 10_000.0;
/// Most repeats a walk-run session may have.
pub const MAX_REPEATS: u32 = 200;

/// Where a run came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunSource {
    /// Typed into a check-in.
    Manual,
    Fit,
    Gpx,
    Strava,
    Garmin,
}

impl RunSource {
    pub const ALL: [RunSource; 5] = [
        RunSource::Manual,
        RunSource::Fit,
        RunSource::Gpx,
        RunSource::Strava,
        RunSource::Garmin,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RunSource::Manual => "manual",
            RunSource::Fit => "fit",
            RunSource::Gpx => "gpx",
            RunSource::Strava => "strava",
            RunSource::Garmin => "garmin",
        }
    }

    pub fn parse(raw: &str) -> Result<RunSource, ValidationError> {
        RunSource::ALL
            .into_iter()
            .find(|s| s.name() == raw.trim())
            .ok_or_else(|| ValidationError::new("source", "manual, fit, gpx, strava or garmin", raw))
    }
}

impl fmt::Display for RunSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A walk-run session: `repeats` times `run_s` seconds running then
/// `walk_s` seconds walking. Written `10x1/2` (minutes; decimals allowed,
/// `8x1.5/1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Intervals {
    pub repeats: u32,
    pub run_s: u32,
    pub walk_s: u32,
}

impl Intervals {
    const ALLOWED: &'static str =
        "REPEATSxRUN/WALK in minutes, for example 10x1/2 (ten times 1 minute running, 2 walking)";

    pub fn parse(field: &'static str, raw: &str) -> Result<Intervals, ValidationError> {
        let bad = || ValidationError::new(field, Self::ALLOWED, raw);
        let text = raw.trim().to_ascii_lowercase().replace(' ', "");
        let (repeats, rest) = text.split_once(['x', '×']).ok_or_else(bad)?;
        let (run, walk) = rest.split_once('/').ok_or_else(bad)?;
        let repeats: u32 = repeats.parse().map_err(|_| bad())?;
        let seconds = |t: &str| -> Option<u32> {
            let minutes: f64 = t.parse().ok()?;
            (minutes.is_finite() && (0.0..=f64::from(MAX_MINUTES)).contains(&minutes))
                .then(|| (minutes * 60.0).round() as u32)
        };
        let (run_s, walk_s) = (seconds(run).ok_or_else(bad)?, seconds(walk).ok_or_else(bad)?);
        let intervals = Intervals { repeats, run_s, walk_s };
        if !(1..=MAX_REPEATS).contains(&repeats) || run_s == 0 || intervals.total_s() > u64::from(MAX_MINUTES) * 60 {
            return Err(ValidationError::new(
                field,
                &format!(
                    "1 to {MAX_REPEATS} repeats of at least some running, {MAX_MINUTES} minutes in all: {}",
                    Self::ALLOWED
                ),
                raw,
            ));
        }
        Ok(intervals)
    }

    /// Minutes spent running.
    pub fn running_min(&self) -> f64 {
        f64::from(self.repeats) * f64::from(self.run_s) / 60.0
    }

    /// The whole session, running and walking, in seconds.
    pub fn total_s(&self) -> u64 {
        u64::from(self.repeats) * (u64::from(self.run_s) + u64::from(self.walk_s))
    }

    /// The session's minutes, running and walking.
    pub fn total_min(&self) -> f64 {
        self.total_s() as f64 / 60.0
    }
}

/// Minutes as written in `10x1/2`: whole when whole, else up to two decimals.
fn minutes_text(seconds: u32) -> String {
    if seconds.is_multiple_of(60) {
        (seconds / 60).to_string()
    } else {
        let text = format!("{:.2}", f64::from(seconds) / 60.0);
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl fmt::Display for Intervals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}x{}/{}",
            self.repeats,
            minutes_text(self.run_s),
            minutes_text(self.walk_s)
        )
    }
}

impl Serialize for Intervals {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Intervals {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Intervals::parse("intervals", &text).map_err(serde::de::Error::custom)
    }
}

/// One run. A manual run belongs to the check-in of its date and leg (the
/// check-in's `run_km`, `run_min` and `intervals`); an imported run has a
/// start time, by which a second import of the same file is recognised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// The journal's row id (shown by `soleus runs`); not exported.
    #[serde(skip)]
    pub id: Option<i64>,
    /// The local day the run started.
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub km: Option<f64>,
    /// Moving time (the watch's timer time), seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moving_s: Option<u32>,
    /// Time spent running, seconds: the moving time less walk intervals
    /// and warm-up or cool-down walks (from the track's speed, or the
    /// watch's laps). `None` when nothing split the run (a typed run, an
    /// export row without a track).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running_s: Option<u32>,
    /// Elevation gain, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub climb_m: Option<f64>,
    pub source: RunSource,
    /// The source's own name for it: a file name, a Strava activity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervals: Option<Intervals>,
    /// The calf whose check-in reported a manual run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leg: Option<Leg>,
}

/// Longest source id kept (a file name), in characters.
pub const MAX_SOURCE_ID_CHARS: usize = 255;

impl Run {
    /// An imported run with nothing but its start and source.
    pub fn imported(source: RunSource, date: NaiveDate, start: DateTime<Utc>) -> Run {
        Run {
            id: None,
            date,
            start: Some(start),
            km: None,
            moving_s: None,
            running_s: None,
            climb_m: None,
            source,
            source_id: None,
            intervals: None,
            leg: None,
        }
    }

    /// The run a check-in reports, if it reports one.
    pub fn from_checkin(c: &CheckIn) -> Option<Run> {
        if c.run_km.is_none() && c.run_min.is_none() && c.intervals.is_none() {
            return None;
        }
        Some(Run {
            id: None,
            date: c.date,
            start: None,
            km: c.run_km,
            moving_s: c.run_min.map(|m| m * 60),
            running_s: None,
            climb_m: None,
            source: RunSource::Manual,
            source_id: None,
            intervals: c.intervals,
            leg: Some(c.leg),
        })
    }

    /// Minutes of the session (moving time, else the intervals' length).
    pub fn minutes(&self) -> Option<f64> {
        self.moving_s
            .map(|s| f64::from(s) / 60.0)
            .or_else(|| self.intervals.map(|i| i.total_min()))
    }

    /// Minutes spent running, THE figure every running total reads (Trends,
    /// the report, the weekly comparisons, the phase criteria): the
    /// measured running time, else the running part of typed walk-run
    /// intervals, else the moving time.
    pub fn running_min(&self) -> Option<f64> {
        self.running_s
            .map(|s| f64::from(s) / 60.0)
            .or_else(|| self.intervals.map(|i| i.running_min()))
            .or_else(|| self.moving_s.map(|s| f64::from(s) / 60.0))
    }

    /// A walk-run session (typed intervals, or running and walking found in
    /// the track), not a continuous run.
    pub fn is_walk_run(&self) -> bool {
        self.intervals.is_some()
    }

    /// The minutes of continuous running this run holds: its running time
    /// when it was not a walk-run (a warm-up walk left out), else `None`.
    pub fn continuous_min(&self) -> Option<f64> {
        if self.is_walk_run() { None } else { self.running_min() }
    }

    /// This imported run as typed walk-run intervals describe it: the
    /// user's intervals, and the running time they give, stand for what
    /// the track showed.
    pub fn described_by(&self, typed: Intervals) -> Run {
        let running = u64::from(typed.repeats) * u64::from(typed.run_s);
        Run {
            intervals: Some(typed),
            running_s: Some(u32::try_from(running).unwrap_or(u32::MAX)),
            ..self.clone()
        }
    }

    /// The imported runs with the walk-run intervals typed in the check-ins of
    /// their day applied to the run they describe (one per day, the closest in
    /// length), so a typed `--intervals 8x1/2` on the day of a watch run
    /// counts that run's running time, never a second run. `imported` is
    /// sorted by date, as the store returns it.
    pub fn with_typed_intervals(checkins: &[CheckIn], imported: &[Run]) -> Vec<Run> {
        Run::described_by_typed(
            checkins.iter().filter_map(|c| c.intervals.map(|i| (c.date, i))),
            imported,
        )
    }

    /// [`Run::with_typed_intervals`] from typed intervals by date (the
    /// longest of a day counts): `runs` may hold typed runs too, which are
    /// left as they are.
    pub fn described_by_typed(typed: impl IntoIterator<Item = (NaiveDate, Intervals)>, runs: &[Run]) -> Vec<Run> {
        let watch: Vec<&Run> = runs.iter().filter(|r| r.source != RunSource::Manual).collect();
        let mut by_day: BTreeMap<NaiveDate, Intervals> = BTreeMap::new();
        for (date, i) in typed {
            let slot = by_day.entry(date).or_insert(i);
            *slot = Some(*slot).max_by_total(Some(i)).unwrap_or(i);
        }
        let mut out: Vec<Run> = runs.to_vec();
        for (date, intervals) in by_day {
            if let Some(at) = described_run(&watch, date, intervals)
                && let Some(run) = out.iter_mut().find(|r| same(r, watch[at]))
            {
                *run = run.described_by(intervals);
            }
        }
        out
    }

    /// The same limits as typed input, so no import can store what the
    /// form refuses. An imported run needs a start time and some distance
    /// or time.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationError> {
        check_not_future("date", self.date, today)?;
        if let Some(km) = self.km {
            check_decimal("distance_km", km, MAX_RUN_KM)?;
        }
        if let Some(climb) = self.climb_m {
            check_decimal("climb_m", climb, MAX_CLIMB_M)?;
        }
        if let Some(s) = self.moving_s
            && s > MAX_MINUTES * 60
        {
            return Err(ValidationError::new(
                "moving_time",
                &format!("at most {MAX_MINUTES} minutes"),
                &format!("{} minutes", s / 60),
            ));
        }
        if let Some(s) = self.running_s
            && (s > MAX_MINUTES * 60 || self.moving_s.is_some_and(|m| s > m))
        {
            return Err(ValidationError::new(
                "running_time",
                &format!("at most the moving time and at most {MAX_MINUTES} minutes"),
                &format!("{} minutes", s / 60),
            ));
        }
        if self
            .source_id
            .as_ref()
            .is_some_and(|id| id.chars().count() > MAX_SOURCE_ID_CHARS)
        {
            return Err(ValidationError::new(
                "source_id",
                &format!("at most {MAX_SOURCE_ID_CHARS} characters"),
                "a longer name",
            ));
        }
        match (self.source, self.start, self.leg) {
            (RunSource::Manual, _, None) => {
                Err(ValidationError::new("leg", "left or right for a typed run", "nothing"))
            }
            (RunSource::Manual, _, Some(_)) => Ok(()),
            (_, None, _) => Err(ValidationError::new("start", "the run's start time", "nothing")),
            (_, _, Some(leg)) => Err(ValidationError::new("leg", "no leg for an imported run", leg.name())),
            (_, Some(_), None) if self.km.is_none_or(|k| k <= 0.0) && self.moving_s.is_none_or(|s| s == 0) => {
                Err(ValidationError::new("run", "some distance or moving time", "neither"))
            }
            _ => Ok(()),
        }
    }
}

/// What one day's running adds up to, each run counted once.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DayLoad {
    pub date: NaiveDate,
    pub km: f64,
    /// Session minutes, walking breaks included.
    pub minutes: f64,
    pub running_min: f64,
    pub climb_m: f64,
    /// How many runs the day holds.
    pub runs: u32,
    /// A walk-run session that day (the largest, when several).
    pub intervals: Option<Intervals>,
}

impl DayLoad {
    pub fn is_run(&self) -> bool {
        self.km > 0.0 || self.minutes > 0.0 || self.running_min > 0.0
    }
}

/// Each day's running, oldest first, from the check-ins' typed runs and the
/// imported runs.
///
/// Each run counts once: typed runs are per calf, so the left and right
/// check-ins of one day describe the same run and the day takes the larger
/// of each figure; imported runs are distinct runs (they have different
/// start times) and add up. A day with an imported run takes the imported
/// figures alone: the typed run is that same run, typed from the watch, and
/// typed walk-run intervals describe it (see [`Run::with_typed_intervals`]).
pub fn day_loads(checkins: &[CheckIn], imported: &[Run]) -> Vec<DayLoad> {
    let mut typed: BTreeMap<NaiveDate, DayLoad> = BTreeMap::new();
    for run in checkins.iter().filter_map(Run::from_checkin) {
        let day = typed.entry(run.date).or_insert_with(|| DayLoad {
            date: run.date,
            ..DayLoad::default()
        });
        day.km = day.km.max(finite(run.km));
        day.minutes = day.minutes.max(finite(run.minutes()));
        day.running_min = day.running_min.max(finite(run.running_min()));
        day.runs = 1;
        day.intervals = day.intervals.max_by_total(run.intervals);
    }
    let mut watch: BTreeMap<NaiveDate, DayLoad> = BTreeMap::new();
    let imported: Vec<&Run> = imported.iter().filter(|r| r.source != RunSource::Manual).collect();
    for (at, run) in imported.iter().enumerate() {
        let described;
        let run = match typed.get(&run.date).and_then(|d| d.intervals) {
            Some(typed) if described_run(&imported, run.date, typed) == Some(at) => {
                described = run.described_by(typed);
                &described
            }
            _ => *run,
        };
        let day = watch.entry(run.date).or_insert_with(|| DayLoad {
            date: run.date,
            ..DayLoad::default()
        });
        day.km += finite(run.km);
        day.minutes += finite(run.minutes());
        day.running_min += finite(run.running_min());
        day.climb_m += finite(run.climb_m);
        day.runs += 1;
        day.intervals = day.intervals.max_by_total(run.intervals);
    }
    typed.append(&mut watch);
    typed.into_values().filter(DayLoad::is_run).collect()
}

/// Which of `runs` (sorted by date) typed intervals of `date` describe: the
/// run of that day whose session is closest in length to theirs (the first
/// such, by start), or `None` when the day has no imported run.
fn described_run(runs: &[&Run], date: NaiveDate, typed: Intervals) -> Option<usize> {
    let first = runs.partition_point(|r| r.date < date);
    let target = typed.total_s() as f64;
    runs[first..]
        .iter()
        .take_while(|r| r.date == date)
        .enumerate()
        .min_by(|(_, a), (_, b)| {
            let gap = |r: &Run| (finite(r.minutes()) * 60.0 - target).abs();
            gap(a).total_cmp(&gap(b))
        })
        .map(|(i, _)| first + i)
}

/// The same imported run (by start and source).
fn same(a: &Run, b: &Run) -> bool {
    a.start.is_some() && a.start == b.start && a.source == b.source
}

/// A figure for adding up: missing, negative or non-finite counts as 0.
fn finite(value: Option<f64>) -> f64 {
    value.filter(|v| v.is_finite() && *v > 0.0).unwrap_or(0.0)
}

trait LongerSession {
    fn max_by_total(self, other: Option<Intervals>) -> Option<Intervals>;
}

impl LongerSession for Option<Intervals> {
    fn max_by_total(self, other: Option<Intervals>) -> Option<Intervals> {
        match (self, other) {
            (Some(a), Some(b)) => Some(if b.total_s() > a.total_s() { b } else { a }),
            (a, b) => a.or(b),
        }
    }
}

/// Seven days of running from `first` on.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WeekLoad {
    pub first: NaiveDate,
    pub km: f64,
    pub running_min: f64,
    pub climb_m: f64,
    pub runs: u32,
}

/// Sums `days` into weeks of seven days ending on `last` (so the last
/// week is `last-6 ..= last`), oldest first, `weeks` of them.
pub fn week_loads(days: &[DayLoad], last: NaiveDate, weeks: u32) -> Vec<WeekLoad> {
    (0..weeks)
        .rev()
        .filter_map(|back| {
            let end = last.checked_sub_days(Days::new(7 * u64::from(back)))?;
            let first = end.checked_sub_days(Days::new(6))?;
            let mut week = WeekLoad {
                first,
                ..WeekLoad::default()
            };
            for d in days.iter().filter(|d| d.date >= first && d.date <= end) {
                week.km += d.km;
                week.running_min += d.running_min;
                week.climb_m += d.climb_m;
                week.runs += d.runs;
            }
            Some(week)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Score;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn typed(date: &str, leg: Leg, km: Option<f64>, min: Option<u32>) -> CheckIn {
        let mut c = CheckIn::new(day(date), leg, Score::default(), Score::default());
        c.run_km = km;
        c.run_min = min;
        c
    }

    fn watch(date: &str, hour: u32, km: f64, climb: f64) -> Run {
        let start = day(date).and_hms_opt(hour, 0, 0).unwrap().and_utc();
        Run {
            km: Some(km),
            moving_s: Some((km * 360.0) as u32),
            climb_m: Some(climb),
            ..Run::imported(RunSource::Fit, day(date), start)
        }
    }

    #[test]
    fn intervals_parse_and_print() {
        let i = Intervals::parse("intervals", "10x1/2").unwrap();
        assert_eq!((i.repeats, i.run_s, i.walk_s), (10, 60, 120));
        assert_eq!(i.to_string(), "10x1/2");
        assert_eq!(i.running_min(), 10.0);
        assert_eq!(i.total_min(), 30.0);
        assert_eq!(Intervals::parse("i", " 8 X 1.5/0.5 ").unwrap().to_string(), "8x1.5/0.5");
        assert_eq!(Intervals::parse("i", "6x2/1").unwrap().running_min(), 12.0);
        for bad in [
            "",
            "10",
            "10x1",
            "x1/2",
            "0x1/2",
            "10x0/2",
            "10x-1/2",
            "10x1/nan",
            "201x1/1",
            "100x10/10",
            "1.5x1/2",
        ] {
            let err = Intervals::parse("intervals", bad).unwrap_err();
            assert_eq!(err.field, "intervals", "{bad}");
            assert!(err.to_string().contains("10x1/2"), "{bad}: {err}");
        }
    }

    #[test]
    fn two_calves_logging_one_run_count_it_once() {
        let checkins = [
            typed("2026-06-01", Leg::Left, Some(5.0), Some(30)),
            typed("2026-06-01", Leg::Right, Some(5.0), Some(30)),
            typed("2026-06-02", Leg::Left, Some(4.0), None),
            typed("2026-06-02", Leg::Right, Some(4.5), Some(28)),
        ];
        let days = day_loads(&checkins, &[]);
        assert_eq!(days.len(), 2);
        assert_eq!((days[0].km, days[0].minutes, days[0].runs), (5.0, 30.0, 1));
        assert_eq!((days[1].km, days[1].minutes), (4.5, 28.0), "the larger of each figure");
        let week = week_loads(&days, day("2026-06-07"), 1);
        assert_eq!(week[0].km, 9.5);
        assert_eq!(week[0].runs, 2);
    }

    #[test]
    fn imported_runs_add_up_and_stand_for_the_typed_one() {
        let checkins = [
            typed("2026-06-01", Leg::Left, Some(5.0), Some(30)),
            typed("2026-06-02", Leg::Left, Some(3.0), None),
        ];
        let imported = [watch("2026-06-01", 7, 5.2, 40.0), watch("2026-06-01", 18, 3.0, 10.0)];
        let days = day_loads(&checkins, &imported);
        assert_eq!(days.len(), 2);
        assert!((days[0].km - 8.2).abs() < 1e-9, "{}", days[0].km);
        assert_eq!((days[0].climb_m, days[0].runs), (50.0, 2));
        assert_eq!(days[1].km, 3.0);
    }

    #[test]
    fn walk_run_counts_running_minutes() {
        let mut c = typed("2026-06-01", Leg::Left, None, None);
        c.intervals = Some(Intervals::parse("i", "10x1/2").unwrap());
        let days = day_loads(&[c], &[]);
        assert_eq!((days[0].running_min, days[0].minutes), (10.0, 30.0));
        assert_eq!(days[0].intervals.unwrap().to_string(), "10x1/2");
    }

    #[test]
    fn running_time_comes_first_then_typed_intervals_then_moving_time() {
        let mut run = watch("2026-06-01", 7, 3.0, 0.0);
        run.moving_s = Some(29 * 60);
        assert_eq!(run.running_min(), Some(29.0), "moving time when nothing split it");
        run.intervals = Some(Intervals::parse("i", "8x1/2").unwrap());
        assert_eq!(run.running_min(), Some(8.0));
        run.running_s = Some(7 * 60 + 30);
        assert_eq!(run.running_min(), Some(7.5), "measured running time first");
        assert_eq!(run.continuous_min(), None, "a walk-run is not continuous");
        run.running_s = Some(30 * 60);
        assert_eq!(run.validate(day("2026-06-10")).unwrap_err().field, "running_time");
    }

    #[test]
    fn typed_intervals_on_an_imported_runs_day_describe_it() {
        let mut c = typed("2026-06-01", Leg::Left, None, None);
        c.intervals = Some(Intervals::parse("i", "8x1/2").unwrap());
        let mut short = watch("2026-06-01", 7, 3.0, 0.0);
        short.moving_s = Some(29 * 60);
        let long = watch("2026-06-01", 18, 10.0, 0.0);
        let days = day_loads(std::slice::from_ref(&c), &[short.clone(), long.clone()]);
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].runs, 2, "two sessions, not three");
        assert_eq!(days[0].running_min, 8.0 + 60.0, "the 29-minute run is the 8x1/2");
        let described = Run::with_typed_intervals(&[c], &[short, long]);
        assert_eq!(described[0].running_s, Some(480));
        assert_eq!(described[1].intervals, None);
    }

    #[test]
    fn a_day_without_distance_or_time_is_no_run() {
        let days = day_loads(&[typed("2026-06-01", Leg::Left, Some(0.0), None)], &[]);
        assert!(days.is_empty());
    }

    #[test]
    fn imported_runs_need_a_start_and_some_distance() {
        let today = day("2026-06-10");
        let ok = watch("2026-06-01", 7, 5.0, 10.0);
        assert!(ok.validate(today).is_ok());
        let mut empty = ok.clone();
        (empty.km, empty.moving_s) = (None, Some(0));
        assert_eq!(empty.validate(today).unwrap_err().field, "run");
        let mut far = ok.clone();
        far.km = Some(900.0);
        assert_eq!(far.validate(today).unwrap_err().field, "distance_km");
        let mut high = ok.clone();
        high.climb_m = Some(f64::NAN);
        assert_eq!(high.validate(today).unwrap_err().field, "climb_m");
        let mut future = ok;
        future.date = day("2026-06-11");
        assert_eq!(future.validate(today).unwrap_err().field, "date");
    }
}
