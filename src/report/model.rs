//! What the report shows: its period, warnings, weekly means, plan,
//! capacity tests and chart points.

use chrono::{Days, NaiveDate};

use crate::clinical::{Level, Light, RuleId};
use crate::domain::{DayLoad, ExerciseKind, Leg, Profile, RunSource, TestKind};
use crate::units::Units;

/// Everything the report shows, computed from the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub today: NaiveDate,
    pub from: NaiveDate,
    pub profile: Profile,
    /// The leg whose values the charts and weekly table show.
    pub leg: Leg,
    /// The unit distances are shown in (the data stays in km).
    pub units: Units,
    pub phase: u8,
    /// When the current phase began (`None`: never confirmed, the default).
    pub phase_since: Option<NaiveDate>,
    /// Phase changes dated in the period, for the chart's markers.
    pub phase_changes: Vec<(NaiveDate, u8)>,
    /// Today's load light.
    pub light: Light,
    /// Show the full per-exercise adherence table (`--detail`).
    pub detail: bool,
    pub warnings: Vec<WarningSpan>,
    pub weeks: Vec<WeekSummary>,
    pub adherence: Adherence,
    pub tests: Vec<TestRow>,
    /// The chosen leg's check-ins in the period, by date (chart data).
    pub days: Vec<DayPoint>,
    /// Each day's running in the period, each run counted once (both
    /// calves' check-ins and imported runs together).
    pub loads: Vec<DayLoad>,
    pub notes: Vec<(NaiveDate, Leg, String)>,
    /// Every check-in of the period that carried a sign, both calves.
    pub sign_days: Vec<SignDay>,
    /// Every run of the period, each counted once, oldest first.
    pub runs: Vec<RunRow>,
    /// The load light's cap on the next run, as of the report's end date.
    pub run_cap: Option<RunCap>,
}

impl Report {
    /// The profile's usual weekly distance before the injury, with the
    /// last full week's running against it: "30.0 km a week (last 7 days:
    /// 12.5 km, 42%)".
    pub fn usual_running(&self) -> Option<String> {
        let usual = self.profile.baseline_km.filter(|km| *km > 0.0)?;
        let from = self.today.checked_sub_days(Days::new(6)).unwrap_or(self.today);
        let km = self
            .loads
            .iter()
            .filter(|d| d.date >= from)
            .fold(0.0, |total, d| total + d.km);
        Some(format!(
            "{} a week (last 7 days: {}, {:.0}%)",
            self.units.show(usual),
            self.units.show(km),
            km / usual * 100.0
        ))
    }
}

/// One check-in that carried signs (symptoms ticked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignDay {
    pub date: NaiveDate,
    pub leg: Leg,
    pub signs: Vec<&'static str>,
}

/// One run of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRow {
    pub date: NaiveDate,
    pub km: Option<f64>,
    /// Minutes spent running ([`crate::domain::Run::running_min`]).
    pub running_min: Option<f64>,
    /// The check-in's `pain_run` of that day and calf.
    pub pain_run: Option<u8>,
    pub source: RunSource,
}

/// 1.1 × the longest day of running of the 30 days before the report's
/// end date (see docs/clinical-rules.md, the load light).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunCap {
    pub cap_km: f64,
    pub longest_km: f64,
    pub longest_on: NaiveDate,
}

/// One warning rule that fired for a leg on one or more consecutive days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningSpan {
    pub rule: RuleId,
    pub level: Level,
    pub leg: Leg,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub title: String,
    pub because: Vec<String>,
    /// What came of it (see docs/clinical-rules.md, open warnings and
    /// outcomes): "open", "lapsed: ...", or the outcome's result and note.
    pub outcome: String,
    /// Closed by a `not-seen` outcome: without an assessment.
    pub not_assessed: bool,
}

impl WarningSpan {
    /// "2026-06-10" or "2026-06-10 to 2026-06-14".
    pub fn dates(&self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{} to {}", self.first, self.last)
        }
    }
}

/// Means over one calendar week of the period (the first and last may be
/// shorter: the last ends today).
#[derive(Debug, Clone, PartialEq)]
pub struct WeekSummary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub entries: usize,
    pub pain_rest: Option<f64>,
    pub pain_walk: Option<f64>,
    /// Mean `pain_run` of the check-ins that have one.
    pub pain_run: Option<f64>,
    pub tightness: Option<f64>,
    pub morning: Option<f64>,
    pub run_km: f64,
    /// Minutes spent running (the running part of walk-run sessions).
    pub running_min: f64,
    pub climb_m: f64,
    pub cross_min: u32,
}

/// How much of the exercise plan was done in the period
/// ([`clinical::adherence`], the figure every surface shows), and the plan
/// exercise by exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct Adherence {
    /// Exercises in the plan today.
    pub planned_per_day: usize,
    /// Sessions done of sessions asked over the period.
    pub done: usize,
    pub possible: usize,
    /// Sessions done of asked, one line per exercise kind, in
    /// [`ExerciseKind::ALL`] order; kinds with nothing asked left out.
    pub kinds: Vec<(ExerciseKind, u32, u32)>,
    /// Today's plan first (by name), then exercises that left it during
    /// the period.
    pub plan: Vec<PlanLine>,
}

/// One exercise of the plan in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLine {
    pub name: String,
    /// The catalogue's kind (`None` for an id the catalogue lacks).
    pub kind: Option<ExerciseKind>,
    pub dose: String,
    pub per_day: u8,
    /// Still in the plan today.
    pub current: bool,
    pub done: u32,
    pub asked: u32,
    pub paused_days: u32,
}

impl PlanLine {
    /// "5/8 (62%)", or "–" when nothing was asked in the period.
    pub fn figure(&self) -> String {
        match (self.done * 100).checked_div(self.asked) {
            Some(p) => format!("{}/{} ({p}%)", self.done, self.asked),
            None => "–".to_owned(),
        }
    }

    /// The dose with the sessions a day when more than one.
    pub fn dose_text(&self) -> String {
        match self.per_day {
            1 => self.dose.clone(),
            n => format!("{} ({n} sessions a day)", self.dose),
        }
    }
}

impl Adherence {
    /// Whole percent rounded down, as every other surface shows it.
    pub fn percent(&self) -> Option<f64> {
        (self.done * 100).checked_div(self.possible).map(|p| p as f64)
    }
}

/// One capacity-test date for one test, both legs, with the symmetry index.
#[derive(Debug, Clone, PartialEq)]
pub struct TestRow {
    pub date: NaiveDate,
    pub test: TestKind,
    pub injured: Option<u32>,
    pub other: Option<u32>,
}

impl TestRow {
    /// Limb symmetry index, injured ÷ other × 100 (see
    /// docs/clinical-rules.md, phases and return to running).
    pub fn symmetry(&self) -> Option<f64> {
        match (self.injured, self.other) {
            (Some(i), Some(o)) if o > 0 => Some(100.0 * f64::from(i) / f64::from(o)),
            _ => None,
        }
    }
}

/// One day's values for the charts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayPoint {
    pub date: NaiveDate,
    pub pain_rest: u8,
    pub pain_walk: u8,
    pub tightness: Option<u8>,
    pub morning: Option<u8>,
    pub pain_run: Option<u8>,
    pub run_km: f64,
}
