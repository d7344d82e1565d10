//! Running load as the rules and the load light read it (issue 14): each
//! day's running from the check-ins' typed runs and the imported runs, each
//! run counted once whichever calf's check-in reported it
//! ([`crate::domain::day_loads`]).
//!
//! Runs belong to the runner, not to one calf, so the load findings
//! (`load-spike`, the hills line) are given to the calves being followed:
//! the profile's injured legs that have a check-in in the 30 days read,
//! else the legs that have one, else the injured legs. `recurring` stays a
//! rule of each leg: it reads that calf's running pain on the run days.

use chrono::NaiveDate;

use super::history::{History, LOADED_DAYS, LOOKBACK_DAYS, dated_between, days_before};
use crate::domain::{CheckIn, DayLoad, Intervals, Leg, RunSource, day_loads};

/// `D`, `D-1`, ... `D-31` (`load-spike` on a run of `D-1` reads 30 days before it).
const SLOTS: usize = LOADED_DAYS as usize + 1;

/// A climb more than this many times the largest of the 30 days before
/// gets a `watch` line in the load light (issue 14).
pub const CLIMB_FACTOR: f64 = 1.5;
/// Climbs smaller than this are never called out, metres: a few metres of
/// a bridge are not hill training, whatever the ratio.
pub const CLIMB_FLOOR_M: f64 = 20.0;

/// Each day's running for the `LOOKBACK_DAYS + 1` days ending on `date`.
pub(super) struct RunDays {
    by_days_before: [Option<DayLoad>; SLOTS],
    /// The calves the load findings are given to.
    pub legs: Vec<Leg>,
}

impl RunDays {
    pub fn load(history: &History<'_>, date: NaiveDate) -> RunDays {
        let from = days_before(date, LOADED_DAYS as u64);
        let checkins = history.checkins_between(from, date);
        let runs = dated_between(history.runs, |r| r.date, from, date);
        let mut by_days_before = [None; SLOTS];
        for day in day_loads(checkins, runs) {
            let k = (date - day.date).num_days();
            if let Some(slot) = usize::try_from(k).ok().and_then(|k| by_days_before.get_mut(k)) {
                *slot = Some(day);
            }
        }
        RunDays {
            by_days_before,
            legs: followed_legs(history, checkins),
        }
    }

    /// The running of `date - days_before`, if any.
    pub fn on(&self, days_before: usize) -> Option<&DayLoad> {
        self.by_days_before.get(days_before).and_then(Option::as_ref)
    }

    /// The days with running dated `date - oldest ..= date - newest`, newest
    /// first.
    pub fn between(&self, newest: usize, oldest: usize) -> impl Iterator<Item = &DayLoad> + '_ {
        let end = oldest.saturating_add(1).min(SLOTS);
        self.by_days_before
            .get(newest.min(end)..end)
            .unwrap_or_default()
            .iter()
            .flatten()
    }
}

/// The calves whose load is followed (see the module's documentation).
fn followed_legs(history: &History<'_>, checkins: &[CheckIn]) -> Vec<Leg> {
    let injured = |leg: &Leg| history.profile.leg.includes(*leg);
    let logged = |leg: &Leg| checkins.iter().any(|c| c.leg == *leg);
    let both = Leg::BOTH.into_iter();
    let mut legs: Vec<Leg> = both.clone().filter(|l| injured(l) && logged(l)).collect();
    if legs.is_empty() {
        legs = both.clone().filter(logged).collect();
    }
    if legs.is_empty() {
        legs = both.filter(injured).collect();
    }
    legs
}

use super::distance::km_text;

/// How much longer than the longest run of the 30 days before a run may be
/// without counting as a spike (Frandsen et al. 2025; see
/// docs/clinical-rules.md, load-spike).
pub const SPIKE_FACTOR: f64 = 1.1;

/// Today's run cap, km: 1.1 × the longest day of running of `date - 30 ..=
/// date - 1`, or `None` when those days hold no run with a distance. A run
/// on `date` up to it is no `load-spike`.
pub fn run_cap_km(history: &History<'_>, date: NaiveDate) -> Option<f64> {
    longest_run_before(history, date).map(|(km, _)| SPIKE_FACTOR * km)
}

/// The lines the load light adds about running (issue 14): a climb far
/// above the recent ones, and the last seven days against the usual
/// weekly distance before the injury.
pub(super) fn light_lines(history: &History<'_>, date: NaiveDate) -> Vec<String> {
    let mut lines = Vec::new();
    lines.extend(hills_line(history, date));
    lines.extend(baseline_line(history, date));
    lines
}

/// `watch`: the climb of a run on `D-1` or `D` is more than 1.5 × the
/// largest daily climb of the 30 days before it (at least one run with a
/// recorded climb there, and at least [`CLIMB_FLOOR_M`]).
fn hills_line(history: &History<'_>, date: NaiveDate) -> Option<String> {
    let climbs = |from: NaiveDate, to: NaiveDate| -> Vec<(NaiveDate, f64)> {
        let mut days: Vec<(NaiveDate, f64)> = Vec::new();
        for run in dated_between(history.runs, |r| r.date, from, to) {
            let (Some(climb), false) = (run.climb_m.filter(|c| c.is_finite()), run.source == RunSource::Manual) else {
                continue;
            };
            match days.last_mut() {
                Some((day, total)) if *day == run.date => *total += climb,
                _ => days.push((run.date, climb)),
            }
        }
        days
    };
    let (day, climb) = climbs(days_before(date, 1), date)
        .into_iter()
        .rev()
        .find(|(_, c)| *c > 0.0)?;
    let before = climbs(days_before(day, LOOKBACK_DAYS as u64), days_before(day, 1));
    let (largest_day, largest) = before.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    (climb >= CLIMB_FLOOR_M && climb > CLIMB_FACTOR * largest).then(|| {
        format!(
            "watch: {climb:.0} m of climb on {day}, more than {CLIMB_FACTOR} × the most of the 30 days before \
             ({largest:.0} m on {largest_day}); hills load the calf hard, so keep the next runs flatter until it \
             settles"
        )
    })
}

/// The last seven days' running against the profile's usual weekly
/// distance before the injury, while it is below it (the first runs back)
/// or when it goes past it.
fn baseline_line(history: &History<'_>, date: NaiveDate) -> Option<String> {
    let usual = history.profile.baseline_km.filter(|km| *km > 0.0)?;
    let from = days_before(date, 6);
    let week = day_loads(
        history.checkins_between(from, date),
        dated_between(history.runs, |r| r.date, from, date),
    );
    if week.is_empty() {
        return None;
    }
    let km: f64 = week.iter().fold(0.0, |total, d| total + d.km);
    let percent = km / usual * 100.0;
    let runs = week.iter().map(|d| d.runs).sum::<u32>();
    let plural = if runs == 1 { "" } else { "s" };
    let head = format!(
        "running from {from} to {date}: {} in {runs} run{plural}, {percent:.0}% of your usual {} a week before \
         the injury",
        km_text(km),
        km_text(usual)
    );
    Some(if km > usual {
        format!("{head}: above it; build back to it before going past it")
    } else {
        head
    })
}

/// The longest day of running of the 30 days before `date` (`D-30 ..=
/// D-1`) with a distance, and its date: the base of the load light's cap
/// after a `load-spike` (the load light asks that the next run be no
/// longer than 1.1 × it).
pub fn longest_run_before(history: &History<'_>, date: NaiveDate) -> Option<(f64, NaiveDate)> {
    RunDays::load(history, date)
        .between(1, LOOKBACK_DAYS as usize)
        .filter(|d| d.km > 0.0)
        .map(|d| (d.km, d.date))
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// The days with running dated `D-1 ..= D` (typed or imported, each run
/// once), newest first.
pub(super) fn runs_of_last_two_days(history: &History<'_>, date: NaiveDate) -> Vec<DayLoad> {
    let from = days_before(date, 1);
    let mut days: Vec<DayLoad> = day_loads(
        history.checkins_between(from, date),
        dated_between(history.runs, |r| r.date, from, date),
    )
    .into_iter()
    .filter(DayLoad::is_run)
    .collect();
    days.reverse();
    days
}

/// The latest walk-run session dated `D-13 ..= D`, for the phase-4 step.
pub(super) fn latest_walk_run(history: &History<'_>, date: NaiveDate) -> Option<Intervals> {
    let from = days_before(date, 13);
    let typed = history
        .checkins_between(from, date)
        .iter()
        .filter_map(|c| c.intervals.map(|i| (c.date, i)));
    let imported = dated_between(history.runs, |r| r.date, from, date)
        .iter()
        .filter_map(|r| r.intervals.map(|i| (r.date, i)));
    typed
        .chain(imported)
        .max_by_key(|(day, i)| (*day, i.total_s()))
        .map(|(_, i)| i)
}

/// The next step of a walk-run: one more interval, or one more running
/// minute in each.
pub(super) fn walk_run_step(last: Option<Intervals>) -> String {
    match last {
        Some(i) => {
            let more = Intervals {
                repeats: i.repeats + 1,
                ..i
            };
            let longer = Intervals {
                run_s: i.run_s + 60,
                ..i
            };
            format!("one more interval ({i} becomes {more}) or one more running minute in each ({longer})")
        }
        None => "one more interval, or one more running minute in each interval of the walk-run".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::domain::{InjuredLeg, Run};

    fn imported(days_before: u64, km: f64, climb: Option<f64>) -> Run {
        let date = day(days_before);
        Run {
            km: Some(km),
            moving_s: Some((km * 360.0) as u32),
            climb_m: climb,
            ..Run::imported(RunSource::Fit, date, date.and_hms_opt(7, 0, 0).unwrap().and_utc())
        }
    }

    fn fixture(runs: Vec<Run>) -> Fixture {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Left, 0, 0));
        fx.runs = runs;
        fx
    }

    #[test]
    fn hills_line_fires_above_one_and_a_half_times_the_largest_climb() {
        let fx = fixture(vec![imported(10, 8.0, Some(100.0)), imported(0, 8.0, Some(151.0))]);
        let line = hills_line(&fx.history(), D).unwrap();
        assert!(
            line.starts_with("watch: 151 m of climb on 2026-06-20, more than 1.5 × the most"),
            "{line}"
        );
        assert!(line.contains("(100 m on 2026-06-10)"), "{line}");
        let fx = fixture(vec![imported(10, 8.0, Some(100.0)), imported(0, 8.0, Some(150.0))]);
        assert_eq!(hills_line(&fx.history(), D), None, "exactly 1.5 × is not more");
    }

    #[test]
    fn hills_line_needs_a_recorded_climb_before_and_a_real_hill() {
        let fx = fixture(vec![imported(0, 8.0, Some(300.0))]);
        assert_eq!(
            hills_line(&fx.history(), D),
            None,
            "no climb recorded in the 30 days before"
        );
        let fx = fixture(vec![imported(31, 8.0, Some(10.0)), imported(0, 8.0, Some(300.0))]);
        assert_eq!(
            hills_line(&fx.history(), D),
            None,
            "the earlier climb is more than 30 days before"
        );
        let fx = fixture(vec![imported(5, 8.0, Some(5.0)), imported(0, 8.0, Some(15.0))]);
        assert_eq!(hills_line(&fx.history(), D), None, "under the 20 m floor");
        let fx = fixture(vec![imported(5, 8.0, Some(5.0)), imported(1, 8.0, Some(40.0))]);
        assert!(hills_line(&fx.history(), D).is_some(), "a run on D-1 counts");
        let fx = fixture(vec![imported(5, 8.0, Some(5.0)), imported(2, 8.0, Some(40.0))]);
        assert_eq!(hills_line(&fx.history(), D), None, "a run on D-2 does not");
    }

    #[test]
    fn baseline_line_compares_the_last_seven_days_with_the_usual_week() {
        let mut fx = fixture(vec![imported(1, 5.0, None)]);
        let mut left = entry(3, Leg::Left, 0, 0).ran(3.0, Some(1));
        left.run_min = Some(20);
        fx.add(left.clone());
        left.leg = Leg::Right;
        fx.add(left);
        assert_eq!(baseline_line(&fx.history(), D), None, "no baseline set");
        fx.profile.baseline_km = Some(32.0);
        assert_eq!(
            baseline_line(&fx.history(), D).unwrap(),
            "running from 2026-06-14 to 2026-06-20: 8 km in 2 runs, 25% of your usual 32 km a week before the injury",
            "the run typed on both calves counts once"
        );
        fx.profile.baseline_km = Some(6.0);
        assert!(
            baseline_line(&fx.history(), D)
                .unwrap()
                .ends_with("above it; build back to it before going past it")
        );
        let fx = fixture(vec![imported(7, 5.0, None)]);
        let mut fx = fx;
        fx.profile.baseline_km = Some(30.0);
        assert_eq!(baseline_line(&fx.history(), D), None, "no run in the last seven days");
    }

    #[test]
    fn load_findings_go_to_the_followed_calves() {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Left, 0, 0));
        fx.add(entry(0, Leg::Right, 0, 0));
        assert_eq!(RunDays::load(&fx.history(), D).legs, [Leg::Left, Leg::Right]);
        fx.profile.leg = InjuredLeg::Right;
        assert_eq!(RunDays::load(&fx.history(), D).legs, [Leg::Right]);
        let mut fx = Fixture::default();
        fx.profile.leg = InjuredLeg::Right;
        fx.add(entry(0, Leg::Left, 0, 0));
        assert_eq!(
            RunDays::load(&fx.history(), D).legs,
            [Leg::Left],
            "the only calf logged"
        );
        let mut fx = Fixture::default();
        fx.profile.leg = InjuredLeg::Right;
        assert_eq!(
            RunDays::load(&fx.history(), D).legs,
            [Leg::Right],
            "nothing logged: the injured calf"
        );
    }

    #[test]
    fn walk_run_step_names_the_next_session() {
        let i = Intervals::parse("i", "10x1/2").unwrap();
        assert_eq!(
            walk_run_step(Some(i)),
            "one more interval (10x1/2 becomes 11x1/2) or one more running minute in each (10x2/2)"
        );
        let mut fx = Fixture::default();
        let mut c = entry(3, Leg::Left, 0, 0);
        c.intervals = Some(i);
        fx.add(c);
        let mut later = entry(1, Leg::Left, 0, 0);
        later.intervals = Some(Intervals::parse("i", "8x2/1").unwrap());
        fx.add(later);
        assert_eq!(latest_walk_run(&fx.history(), D).unwrap().to_string(), "8x2/1");
    }

    fn fired(fx: &Fixture, rule: super::super::RuleId) -> Vec<super::super::Flag> {
        super::super::flags(&fx.history(), D)
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    #[test]
    fn load_spike_reads_imported_runs_and_counts_a_run_typed_on_both_calves_once() {
        use super::super::RuleId;
        // 8 km imported on D-10, 9 km on D: 12.5% more.
        let mut fx = fixture(vec![imported(10, 8.0, None), imported(0, 9.0, None)]);
        fx.profile.leg = InjuredLeg::Left;
        let flags = fired(&fx, RuleId::LoadSpike);
        assert_eq!(flags.len(), 1, "{flags:#?}");
        assert_eq!(flags[0].leg, Leg::Left);
        assert!(flags[0].because[0].contains("12.5% more than the longest run of the 30 days before (8 km"));
        // The longest earlier run typed on the right calf's check-in only
        // still counts for the left calf's load: 9 km is not a spike over 10.
        let mut right = entry(5, Leg::Right, 0, 0).ran(10.0, Some(0));
        right.run_min = Some(60);
        fx.add(right);
        assert!(fired(&fx, RuleId::LoadSpike).is_empty());
        // A run typed on both calves (5 km each) is one 5 km run, not 10.
        let mut fx = Fixture::default();
        fx.profile.leg = InjuredLeg::Left;
        for leg in Leg::BOTH {
            fx.add(entry(3, leg, 0, 0).ran(5.0, Some(0)));
            fx.add(entry(0, leg, 0, 0).ran(5.6, Some(0)));
        }
        let flags = fired(&fx, RuleId::LoadSpike);
        assert_eq!(flags.len(), 1, "the injured calf only: {flags:#?}");
        assert!(flags[0].because[0].contains("12% more"), "{:?}", flags[0].because);
    }

    #[test]
    fn recurring_reads_imported_runs_with_the_calfs_running_pain() {
        use super::super::RuleId;
        let mut fx = fixture(vec![
            imported(12, 5.0, None),
            imported(6, 5.0, None),
            imported(0, 5.0, None),
        ]);
        for back in [12, 6, 0] {
            let mut c = entry(back, Leg::Left, 3, 3);
            c.pain_run = Some(score(5));
            fx.add(c);
        }
        let flags = fired(&fx, RuleId::Recurring);
        assert_eq!(flags.len(), 1, "{flags:#?}");
        assert_eq!(flags[0].leg, Leg::Left);
        // Without the calf's running pain on one of those days: below 4.
        fx.add(entry(6, Leg::Left, 3, 3));
        assert!(fired(&fx, RuleId::Recurring).is_empty());
    }

    #[test]
    fn the_light_says_hills_baseline_and_the_walk_run_step() {
        let mut fx = fixture(vec![imported(10, 8.0, Some(60.0)), imported(0, 8.0, Some(200.0))]);
        fx.profile.leg = InjuredLeg::Left;
        fx.profile.baseline_km = Some(40.0);
        let mut c = entry(0, Leg::Left, 0, 0);
        c.pain_run = Some(score(0));
        fx.add(c);
        let g = super::super::assess(&fx.history(), D).guidance;
        assert!(
            g.because.iter().any(|b| b.starts_with("watch: 200 m of climb")),
            "{g:#?}"
        );
        assert!(
            g.because
                .iter()
                .any(|b| b.contains("8 km in 1 run, 20% of your usual 40 km a week")),
            "{g:#?}"
        );
        fx.phase(20, 4);
        let mut walk_run = entry(0, Leg::Left, 0, 0);
        walk_run.pain_run = Some(score(0));
        walk_run.intervals = Some(Intervals::parse("i", "6x3/1").unwrap());
        fx.add(walk_run);
        let g = super::super::assess(&fx.history(), D).guidance;
        assert!(
            g.because.iter().any(|b| b.ends_with(
                "a step means: one more interval (6x3/1 becomes 7x3/1) or one more running minute in each (6x4/1)"
            )),
            "{g:#?}"
        );
    }
}
