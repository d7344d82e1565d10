//! Reads: load what the pure core needs from the store, call it, and hand
//! back plain values. Nothing here writes, draws or prints.

use chrono::{Days, NaiveDate};

use crate::clinical::{self, Assessment};
use crate::domain::{CapacityTest, Leg};
use crate::store::{Result, Store};

/// The part of a journal the clinical engine needs for one date: the
/// core's own owned history, which this module loads.
pub use crate::clinical::OwnedHistory as HistoryWindow;

impl HistoryWindow {
    /// Loads what the engine needs as of `date`: check-ins and completions
    /// of `date - LOOKBACK_DAYS ..= date`, then older check-ins while the
    /// open warnings need them ([`clinical::history_is_complete`]: a
    /// warning opened a year ago stays open), the latest capacity test of
    /// each leg and kind however old plus the tests of the period (a 0-rep
    /// test opens a `rupture` warning), every phase change and every
    /// outcome (a handful of rows each).
    pub fn load(store: &Store, date: NaiveDate) -> Result<HistoryWindow> {
        let from = date
            .checked_sub_days(Days::new(clinical::LOADED_DAYS as u64))
            .unwrap_or(date);
        let mut window = HistoryWindow::read(store, from, date, Vec::new())?;
        window.reach_back(store, from, date)?;
        Ok(window)
    }

    /// Reads older check-ins (and tests), four times further back each time,
    /// until the open warnings as of `date` are fully known or the legs that
    /// need more have no older entries. On most journals this costs one
    /// index look-up per leg.
    pub(super) fn reach_back(&mut self, store: &Store, mut from: NaiveDate, date: NaiveDate) -> Result<()> {
        let mut span = clinical::LOADED_DAYS as u64;
        loop {
            let mut older_needed = false;
            for leg in clinical::legs_needing_older(&self.history(), date) {
                older_needed |= store.has_checkins_before(leg, from)?;
            }
            if !older_needed {
                break;
            }
            span = span.saturating_mul(4);
            let older_from = date.checked_sub_days(Days::new(span)).unwrap_or(NaiveDate::MIN);
            let until = from.pred_opt().unwrap_or(from);
            let mut older = store.checkins_between(older_from, until)?;
            older.append(&mut self.checkins);
            self.checkins = older;
            from = older_from;
        }
        self.tests = tests_for(store, from, date)?;
        let mut older = false;
        for leg in Leg::BOTH {
            older |= store.has_checkins_before(leg, from)?;
        }
        self.loaded_from = older.then_some(from);
        Ok(())
    }

    /// Check-ins and completions of `from..=to`, the profile, every phase
    /// change and outcome, with the capacity tests the caller chose.
    pub(super) fn read(
        store: &Store,
        from: NaiveDate,
        to: NaiveDate,
        tests: Vec<CapacityTest>,
    ) -> Result<HistoryWindow> {
        Ok(HistoryWindow {
            profile: store.profile()?.unwrap_or_default(),
            checkins: store.checkins_between(from, to)?,
            completions: store.completions_between(from, to)?,
            tests,
            phases: store.phase_changes()?,
            outcomes: store.outcomes()?,
            runs: store.imported_runs_between(from, to)?,
            loaded_from: None,
        })
    }
}

/// The capacity tests of `from..=to` plus the newest of each leg and kind
/// however old, by date.
fn tests_for(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Vec<CapacityTest>> {
    let mut tests = store.tests_between(from, to)?;
    for latest in store.latest_tests(to)? {
        if !tests.contains(&latest) {
            tests.push(latest);
        }
    }
    tests.sort_by_key(|t| (t.date, t.leg, t.test));
    Ok(tests)
}

/// For a check-in or capacity test of `leg` saved with a date before
/// `today`: each rule the entry fires whose warning is not active today (it
/// lapsed, or an outcome covers it), which saving it says (docs/clinical-rules.md, open warnings). Reads
/// the journal from before the entry up to `today`. Empty for an entry
/// dated today (or later).
pub fn stale_firings(
    store: &Store,
    leg: Leg,
    entry_date: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<clinical::StaleFiring>> {
    if entry_date >= today {
        return Ok(Vec::new());
    }
    let lookback = Days::new(clinical::LOOKBACK_DAYS as u64);
    let from = entry_date.checked_sub_days(lookback).unwrap_or(entry_date);
    let mut window = HistoryWindow::read(store, from, today, Vec::new())?;
    window.reach_back(store, from, today)?;
    Ok(clinical::stale_firings(&window.history(), leg, entry_date, today))
}

/// Flags and guidance as of `date`.
pub fn assess(store: &Store, date: NaiveDate) -> Result<Assessment> {
    let window = HistoryWindow::load(store, date)?;
    Ok(clinical::assess(&window.history(), date))
}

/// Consecutive days with at least one check-in, counting back from `today`
/// (or from yesterday when today is not done yet, so a morning streak does
/// not read 0 before breakfast).
pub fn streak(store: &Store, today: NaiveDate) -> Result<u32> {
    // Read a few weeks of dates first; only a streak that reaches the end of
    // what was read needs more. Start-up stays cheap on a ten-year journal.
    let mut limit = 64;
    loop {
        let dates = store.checkin_dates_until(today, limit)?;
        let streak = crate::domain::streak(&dates, today);
        if dates.len() < limit || (streak as usize) + 1 < dates.len() {
            return Ok(streak);
        }
        limit *= 4;
    }
}

/// What `soleus status` knows about today.
#[derive(Debug, Clone)]
pub struct Status {
    pub today: NaiveDate,
    pub done: Vec<Leg>,
    pub expected: Vec<Leg>,
    pub streak: u32,
    pub assessment: Assessment,
    /// Distinct dates with a check-in in the engine's window (30 days up to
    /// today), oldest first: enough to count this week's.
    pub recent_dates: Vec<NaiveDate>,
    /// This week's exercise adherence (Monday to today), as the Checklist
    /// shows it.
    pub adherence: clinical::Adherence,
    /// Today's run cap, km ([`clinical::run_cap_km`]), when the 30 days
    /// before today hold a run with a distance.
    pub run_cap_km: Option<f64>,
}

/// `week` is the config's first day of the week, for this week's adherence.
pub fn status(store: &Store, today: NaiveDate, week: crate::units::WeekStart) -> Result<Status> {
    // One read of the window serves the profile, today's entries and the flags.
    let window = HistoryWindow::load(store, today)?;
    let done = window
        .checkins
        .iter()
        .filter(|c| c.date == today)
        .map(|c| c.leg)
        .collect();
    let expected = match window.profile.leg.single() {
        Some(leg) => vec![leg],
        None => Leg::BOTH.to_vec(),
    };
    let [adherence, _] = clinical::week_adherence(
        &window.history(),
        &store.plan_history()?,
        &store.catalogue()?,
        store.first_entry()?,
        today,
        week.weekday(),
    );
    Ok(Status {
        adherence,
        today,
        done,
        expected,
        streak: streak(store, today)?,
        assessment: clinical::assess(&window.history(), today),
        run_cap_km: clinical::run_cap_km(&window.history(), today),
        recent_dates: {
            let mut dates: Vec<NaiveDate> = window.checkins.iter().map(|c| c.date).collect();
            dates.dedup();
            dates
        },
    })
}

impl Status {
    /// The injured legs (or both, without a profile that names one) with no
    /// check-in today: what `status --check` fails on.
    pub fn missing(&self) -> Vec<Leg> {
        self.expected
            .iter()
            .copied()
            .filter(|l| !self.done.contains(l))
            .collect()
    }

    /// The facts of [`Status::line`] as one JSON object (`status --json`),
    /// with this week's check-in days counted from `week_start`.
    pub fn to_json(&self, week_start: crate::units::WeekStart) -> serde_json::Value {
        let names = |legs: &[Leg]| legs.iter().map(|l| l.name()).collect::<Vec<_>>();
        let first = week_start.first_day(self.today);
        let week_days = self
            .recent_dates
            .iter()
            .filter(|d| **d >= first && **d <= self.today)
            .count();
        let most_urgent = self.assessment.most_urgent().map(|flag| {
            serde_json::json!({
                "rule": flag.rule,
                "level": flag.level,
                "leg": flag.leg,
                "date": flag.date,
                "title": flag.title,
            })
        });
        serde_json::json!({
            "date": self.today,
            "checkin_done": self.missing().is_empty(),
            "legs_expected": names(&self.expected),
            "legs_done": names(&self.done),
            "legs_missing": names(&self.missing()),
            "streak": self.streak,
            "week_start": first,
            "week_checkin_days": week_days,
            "week_days_so_far": (self.today - first).num_days() + 1,
            "warnings": self.assessment.flags.len(),
            "most_urgent": most_urgent,
            "light": self.assessment.guidance.light,
            "exercises_done": self.adherence.done,
            "exercises_asked": self.adherence.asked,
            "line": self.line(),
        })
    }

    /// One line for a shell prompt: today's check-in, the streak, and the
    /// most urgent warning.
    pub fn line(&self) -> String {
        let checkin = if self.expected.iter().all(|l| self.done.contains(l)) {
            "check-in done".to_owned()
        } else if self.done.is_empty() {
            "check-in not done".to_owned()
        } else {
            let missing: Vec<&str> = self
                .expected
                .iter()
                .filter(|l| !self.done.contains(l))
                .map(|l| l.name())
                .collect();
            format!("check-in missing {}", missing.join("+"))
        };
        let streak = match self.streak {
            1 => "streak 1 day".to_owned(),
            n => format!("streak {n} days"),
        };
        let warning = match self.assessment.most_urgent() {
            Some(flag) if flag.is_open_warning() => format!(
                "{}: {} ({} {}, since {}, not yet seen)",
                flag.level.name().to_uppercase(),
                flag.title,
                flag.leg,
                flag.rule,
                flag.since
            ),
            Some(flag) => format!(
                "{}: {} ({} {})",
                flag.level.name().to_uppercase(),
                flag.title,
                flag.leg,
                flag.rule
            ),
            // Not "no warning signs": a warning closed as not-seen keeps its sign.
            None => "no open warnings from your entries".to_owned(),
        };
        let exercises = match self.adherence.asked {
            0 => String::new(),
            asked => format!("exercises {}/{asked} this week · ", self.adherence.done),
        };
        format!("soleus: {checkin} · {streak} · {exercises}{warning}")
    }
}

/// The clinician report for the `days` days ending on `today`.
pub fn report(
    store: &Store,
    today: NaiveDate,
    days: u32,
    reading: crate::report::Reading,
) -> Result<crate::report::Report> {
    let lookback = u64::from(days.min(crate::report::MAX_DAYS)) + clinical::LOOKBACK_DAYS as u64;
    let from = today.checked_sub_days(Days::new(lookback)).unwrap_or(today);
    // The period's tests for the table, plus the newest of each kind however
    // old, so the phase shown matches the app's; older check-ins while the
    // open warnings need them.
    let mut window = HistoryWindow::read(store, from, today, Vec::new())?;
    window.reach_back(store, from, today)?;
    let plan = store.plan()?;
    let plan_history = store.plan_history()?;
    let catalogue = store.catalogue()?;
    let inputs = crate::report::Inputs {
        history: window.history(),
        plan: &plan,
        plan_history: &plan_history,
        catalogue: &catalogue,
        first_entry: store.first_entry()?,
    };
    Ok(crate::report::build(&inputs, today, days, reading))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CheckIn, Score};

    #[test]
    fn long_streaks_are_counted_past_the_first_read() {
        let store = Store::open_in_memory().unwrap();
        let today: NaiveDate = "2026-06-20".parse().unwrap();
        for back in 1..=300u64 {
            let date = today.checked_sub_days(Days::new(back)).unwrap();
            let zero = Score::default();
            store.save_checkin(&CheckIn::new(date, Leg::Left, zero, zero)).unwrap();
        }
        assert_eq!(streak(&store, today).unwrap(), 300);
        store
            .delete_checkin(today.checked_sub_days(Days::new(70)).unwrap(), Leg::Left)
            .unwrap();
        assert_eq!(streak(&store, today).unwrap(), 69);
    }
}

#[cfg(test)]
mod window_tests {
    use super::*;
    use crate::domain::{CheckIn, TestKind};

    #[test]
    fn the_window_reaches_back_to_a_warning_opened_a_year_ago() {
        use crate::domain::{Score, Symptom};
        let store = Store::open_in_memory().unwrap();
        let today: NaiveDate = "2026-06-20".parse().unwrap();
        let zero = Score::default();
        let mut old = CheckIn::new(today.checked_sub_days(Days::new(365)).unwrap(), Leg::Left, zero, zero);
        old.symptoms.insert(Symptom::Breathless);
        store.save_checkin(&old).unwrap();
        // Monthly clean check-ins since: 12, fewer than the 14 that lapse it.
        for month in 0..12u64 {
            let date = today.checked_sub_days(Days::new(month * 30)).unwrap();
            store.save_checkin(&CheckIn::new(date, Leg::Left, zero, zero)).unwrap();
        }
        let window = HistoryWindow::load(&store, today).unwrap();
        assert_eq!(window.checkins.first().map(|c| c.date), Some(old.date));
        let flags = assess(&store, today).unwrap().flags;
        assert_eq!(flags.len(), 1, "{flags:#?}");
        assert_eq!((flags[0].rule, flags[0].since), (clinical::RuleId::PeSigns, old.date));

        // Two more clean check-ins lapse it, and a quiet journal reads only
        // as far back as it needs.
        for date in ["2026-06-18", "2026-06-19"] {
            store
                .save_checkin(&CheckIn::new(date.parse().unwrap(), Leg::Left, zero, zero))
                .unwrap();
        }
        assert!(assess(&store, today).unwrap().flags.is_empty());
    }

    #[test]
    fn the_window_holds_the_latest_test_of_each_kind_however_old() {
        let store = Store::open_in_memory().unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let test = |date: &str, leg, test, reps| CapacityTest {
            date: day(date),
            leg,
            test,
            reps,
        };
        for t in [
            test("2020-01-01", Leg::Left, TestKind::HeelRaiseBent, 10),
            test("2021-01-01", Leg::Left, TestKind::HeelRaiseBent, 20),
            test("2021-01-01", Leg::Right, TestKind::HeelRaiseBent, 30),
            test("2026-07-01", Leg::Left, TestKind::HeelRaiseBent, 99),
        ] {
            store.save_test(&t).unwrap();
        }
        let window = HistoryWindow::load(&store, day("2026-06-20")).unwrap();
        let reps: Vec<u32> = window.tests.iter().map(|t| t.reps).collect();
        assert_eq!(reps, [20, 30], "newest of each leg, nothing after the date");
    }
}
