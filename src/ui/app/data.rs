//! What the screens show, read from the journal once and kept until the
//! next write or reload. Views draw from this and never query the journal,
//! so a frame costs no database round trip.

use chrono::NaiveDate;

use crate::clinical::{self, Adherence, Assessment, Flag, PhaseStatus};
use crate::domain::{
    Acknowledgement, CapacityTest, Catalogue, CheckIn, Completion, Leg, Outcome, PhaseChange, PlanEntry, PlanSpan,
    Profile, Run,
};
use crate::service::{HistoryWindow, Snapshot};
use crate::store::Result;
use crate::units::{Units, WeekStart};

use crate::ui::app::storage::Storage;

/// A snapshot of the journal for drawing.
#[derive(Debug, Clone)]
pub struct Data {
    pub profile: Option<Profile>,
    /// Flags and guidance as of today.
    pub assessment: Assessment,
    pub acknowledgements: Vec<Acknowledgement>,
    pub streak: u32,
    pub catalogue: Catalogue,
    pub plan: Vec<PlanEntry>,
    /// Every phase change (a handful of rows, as the window holds them).
    pub phases: Vec<PhaseChange>,
    /// The phase and its criteria as of today (see docs/clinical-rules.md,
    /// phases). Cheap: the engine reads the same 30-day window as the
    /// assessment.
    pub phase: PhaseStatus,
    /// Every check-in, by date then leg. Loaded only when a tab that needs
    /// the whole journal (Trends, History) is open: a ten-year journal
    /// should not slow the first frame of the morning check-in.
    pub checkins: Option<Vec<CheckIn>>,
    /// Imported runs, oldest first; loaded with `checkins`.
    pub runs: Vec<Run>,
    /// Heel-raise tests, oldest first; loaded with `checkins`.
    pub tests: Vec<CapacityTest>,
    /// Every recorded outcome (a handful of rows); loaded with `checkins`,
    /// so the Trends' warning days are the engine's after outcomes.
    pub outcomes: Vec<Outcome>,
    /// The day the Checklist shows and what was done on it.
    pub day_date: Option<NaiveDate>,
    pub day: Vec<Completion>,
    /// When each exercise entered and left the plan.
    pub plan_history: Vec<PlanSpan>,
    /// Adherence of this week (Monday to today) and last week (Monday to
    /// Sunday): the one figure the Checklist and Trends show.
    pub adherence: [Adherence; 2],
    /// The week's first day (config `week_start`): the app's one week.
    pub week: WeekStart,
    /// What the engine read as of today, for what saving a past entry says.
    pub window: HistoryWindow,
}

impl Data {
    /// Reads one snapshot of the journal as of `today` and derives what the
    /// screens show from it; with `whole`, every check-in, run, test and
    /// outcome too. `week` is the config's first day of the week.
    pub fn load(storage: &dyn Storage, today: NaiveDate, week: WeekStart, whole: bool) -> Result<Data> {
        Ok(Data::from_snapshot(storage.snapshot(today, whole)?, today, week))
    }

    /// What the screens show, from one snapshot. The engine's window gives
    /// the flags, the phase, the phase changes and the completions of this
    /// week and last week (last Monday is always inside its 30 days).
    pub fn from_snapshot(snapshot: Snapshot, today: NaiveDate, week: WeekStart) -> Data {
        let Snapshot {
            window,
            profile,
            catalogue,
            plan,
            plan_history,
            first_entry,
            acknowledgements,
            streak,
            whole,
        } = snapshot;
        let history = window.history();
        let adherence =
            clinical::week_adherence(&history, &plan_history, &catalogue, first_entry, today, week.weekday());
        let assessment = clinical::assess(&history, today);
        let phase = clinical::phase_status(&history, today);
        let whole = whole.map_or((None, Vec::new(), Vec::new(), Vec::new()), |w| {
            (Some(w.checkins), w.runs, w.tests, w.outcomes)
        });
        Data {
            profile,
            assessment,
            phase,
            acknowledgements,
            streak,
            catalogue,
            plan,
            phases: window.phases.clone(),
            checkins: whole.0,
            runs: whole.1,
            tests: whole.2,
            outcomes: whole.3,
            day_date: None,
            day: Vec::new(),
            plan_history,
            adherence,
            week,
            window,
        }
    }

    /// Reads what was done on `date`, the day the Checklist shows.
    pub fn load_day(&mut self, storage: &dyn Storage, date: NaiveDate) -> Result<()> {
        self.day = storage.day(date)?.completions;
        self.day_date = Some(date);
        Ok(())
    }

    /// Loads the whole-journal part (every check-in, the capacity tests,
    /// the runs and the outcomes) if it is not loaded yet, with a fresh
    /// snapshot of the rest. Returns whether it read anything, so derived
    /// views know to start again.
    pub fn ensure_checkins(&mut self, storage: &dyn Storage, today: NaiveDate) -> Result<bool> {
        if self.checkins.is_some() {
            return Ok(false);
        }
        let mut data = Data::load(storage, today, self.week, true)?;
        data.day_date = self.day_date;
        data.day = std::mem::take(&mut self.day);
        *self = data;
        Ok(true)
    }

    pub fn checkins(&self) -> &[CheckIn] {
        self.checkins.as_deref().unwrap_or_default()
    }

    /// The leg a new form and the charts start on: the profile's injured
    /// leg, or left when both (or none) are injured.
    pub fn default_leg(&self) -> Leg {
        self.profile.as_ref().and_then(|p| p.leg.single()).unwrap_or(Leg::Left)
    }

    /// The ids of the exercises in the plan today: what adherence counts.
    pub fn active_exercises(&self) -> Vec<&str> {
        self.plan
            .iter()
            .filter(|p| p.active)
            .map(|p| p.exercise.as_str())
            .collect()
    }

    /// The imported runs of `date`, oldest first, from the part of the
    /// journal that is loaded: every run once History or Trends has been
    /// open, else the engine's window (the last 30 days or so).
    pub fn runs_on(&self, date: NaiveDate) -> &[Run] {
        let runs = if self.checkins.is_some() {
            &self.runs
        } else {
            &self.window.runs
        };
        let start = runs.partition_point(|r| r.date < date);
        let end = runs.partition_point(|r| r.date <= date).max(start);
        &runs[start..end]
    }

    /// The day's running beside the check-in of `date` and `leg`
    /// ([`DayRun::of`]).
    pub fn day_run(&self, date: NaiveDate, checkin: Option<&CheckIn>) -> Option<DayRun> {
        DayRun::of(checkin, self.runs_on(date))
    }

    /// Shows the engine's words (flags, the light's reasons, what pauses
    /// exercises) with their distances in `units` (config `units`; the
    /// engine writes km, see docs/clinical-rules.md, units). Call after every
    /// load: a fresh [`Data`] holds km.
    pub fn set_units(&mut self, units: Units) {
        if units != Units::Km {
            self.assessment = self.assessment.in_units(units);
        }
    }

    /// Today's run cap in km: 1.1 × the longest run of the 30 days before
    /// today, `None` without one (see docs/clinical-rules.md, load-spike).
    pub fn run_cap_km(&self) -> Option<f64> {
        clinical::run_cap_km(&self.window.history(), self.assessment.date)
    }

    /// "longest run today without a spike: 6.84 mi", in `units`: the line
    /// the Checklist's load panel shows under the light.
    pub fn run_cap_line(&self, units: Units) -> Option<String> {
        self.run_cap_km().map(|cap| clinical::run_cap_line(cap, units))
    }

    /// The open warnings that go if the check-in of `date` and `leg` is
    /// deleted (`None`) or saved as `replacement`: what the delete
    /// confirmation and the form's save name first.
    pub fn warnings_removed_by(&self, date: NaiveDate, leg: Leg, replacement: Option<&CheckIn>) -> Vec<Flag> {
        let today = self.assessment.date;
        let open: Vec<Flag> = self
            .assessment
            .flags
            .iter()
            .filter(|f| f.leg == leg && f.is_open_warning())
            .cloned()
            .collect();
        clinical::removed_by_edit(&self.window, &open, date, leg, replacement, today)
    }

    /// Whether this warning was acknowledged before.
    pub fn acknowledged(&self, rule: &str, leg: Leg, date: NaiveDate) -> bool {
        self.acknowledgements
            .iter()
            .any(|a| a.rule == rule && a.leg == leg && a.date == date)
    }
}

/// What one day's running comes to, as the screens show it beside a
/// check-in: the imported runs of the day summed, else the run typed into
/// the check-in (a typed run on a day with an imported one is that same
/// run, typed from the watch; see docs/daily-use.md).
#[derive(Debug, Clone, PartialEq)]
pub struct DayRun {
    pub km: Option<f64>,
    /// Minutes spent running ([`Run::running_min`]: walk breaks left out).
    pub running_min: Option<f64>,
    pub climb_m: Option<f64>,
    /// How many runs the figures add up.
    pub runs: usize,
    /// Where the figures come from: a source's name ("fit", "gpx", ...),
    /// "typed", or "N runs" when several are summed.
    pub source: String,
}

impl DayRun {
    /// The day's running beside `checkin` (whose typed run counts only
    /// when the day has no imported run), or `None` when there was none.
    pub fn of(checkin: Option<&CheckIn>, imported: &[Run]) -> Option<DayRun> {
        if imported.is_empty() {
            let run = checkin.and_then(Run::from_checkin)?;
            return Some(DayRun {
                km: run.km,
                running_min: run.running_min(),
                climb_m: None,
                runs: 1,
                source: "typed".to_owned(),
            });
        }
        let sum = |figure: &dyn Fn(&Run) -> Option<f64>| {
            imported
                .iter()
                .filter_map(figure)
                .filter(|v| v.is_finite())
                .fold(None, |total: Option<f64>, v| Some(total.unwrap_or(0.0) + v))
        };
        let source = match imported {
            [one] => one.source.name().to_owned(),
            many => format!("{} runs", many.len()),
        };
        Some(DayRun {
            km: sum(&|r| r.km),
            running_min: sum(&Run::running_min),
            climb_m: sum(&|r| r.climb_m),
            runs: imported.len(),
            source,
        })
    }
}

/// One imported run in words, read-only: "gpx run: 9.5 km · 62 min
/// running · 40 m climb".
pub fn run_line(run: &Run, units: Units) -> String {
    let mut parts = Vec::new();
    if let Some(km) = run.km.filter(|k| k.is_finite()) {
        parts.push(units.show(km));
    }
    if let Some(min) = run.running_min().filter(|m| m.is_finite()) {
        parts.push(format!("{min:.0} min running"));
    }
    if let Some(climb) = run.climb_m.filter(|c| c.is_finite()) {
        parts.push(format!("{climb:.0} m climb"));
    }
    if let Some(i) = run.intervals {
        parts.push(format!("walk-run {i}"));
    }
    let figures = if parts.is_empty() {
        "no distance or time".to_owned()
    } else {
        parts.join(" · ")
    };
    format!("{} run: {figures}", run.source.name())
}

/// Monday of the week holding `today`: the app's one definition of a
/// week is Monday to Sunday (adherence, Trends' this week / last week).
pub fn week_start(today: NaiveDate, week: WeekStart) -> NaiveDate {
    week.first_day(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(km: f64, min: u32, source: crate::domain::RunSource) -> Run {
        let date: NaiveDate = "2026-11-19".parse().unwrap();
        Run {
            km: Some(km),
            moving_s: Some(min * 60),
            climb_m: Some(10.0),
            ..Run::imported(source, date, date.and_hms_opt(7, 0, 0).unwrap().and_utc())
        }
    }

    #[test]
    fn a_day_takes_its_imported_runs_summed_else_the_typed_one() {
        use crate::domain::{RunSource, Score};
        let date: NaiveDate = "2026-11-19".parse().unwrap();
        let mut typed = CheckIn::new(date, Leg::Left, Score::default(), Score::default());
        typed.run_km = Some(4.0);
        typed.run_min = Some(25);
        let day = DayRun::of(Some(&typed), &[]).unwrap();
        assert_eq!(
            (day.km, day.running_min, day.source.as_str()),
            (Some(4.0), Some(25.0), "typed")
        );
        let one = DayRun::of(Some(&typed), &[run(8.0, 48, RunSource::Fit)]).unwrap();
        assert_eq!(
            (one.km, one.running_min, one.climb_m),
            (Some(8.0), Some(48.0), Some(10.0))
        );
        assert_eq!(one.source, "fit");
        let two = DayRun::of(None, &[run(8.0, 48, RunSource::Fit), run(2.0, 12, RunSource::Gpx)]).unwrap();
        assert_eq!((two.km, two.running_min, two.runs), (Some(10.0), Some(60.0), 2));
        assert_eq!(two.source, "2 runs");
        let rest = CheckIn::new(date, Leg::Left, Score::default(), Score::default());
        assert_eq!(DayRun::of(Some(&rest), &[]), None);
        assert_eq!(
            run_line(&run(8.0, 48, RunSource::Fit), Units::Mi),
            "fit run: 5.0 mi · 48 min running · 10 m climb"
        );
    }

    #[test]
    fn week_starts_on_monday() {
        let saturday: NaiveDate = "2026-11-21".parse().unwrap();
        assert_eq!(
            week_start(saturday, WeekStart::Monday),
            "2026-11-16".parse::<NaiveDate>().unwrap()
        );
        let monday: NaiveDate = "2026-11-16".parse().unwrap();
        assert_eq!(week_start(monday, WeekStart::Monday), monday);
        assert_eq!(
            week_start(saturday, WeekStart::Sunday),
            "2026-11-15".parse::<NaiveDate>().unwrap()
        );
    }
}
