//! One leg's check-ins laid out by "days before the assessed date", so that
//! the rules can say "D-4" as plainly as the spec does, and a missing day is
//! an empty slot (never pain 0).

use chrono::NaiveDate;

use super::history::{History, LOOKBACK_DAYS, days_before};
use crate::domain::{CheckIn, Leg};

/// Slots for `D`, `D-1`, ... `D-LOOKBACK_DAYS`.
const SLOTS: usize = LOOKBACK_DAYS as usize + 1;

/// The check-ins of one leg for the `LOOKBACK_DAYS + 1` days ending on `date`.
#[derive(Debug, Clone)]
pub(super) struct LegDays<'a> {
    pub leg: Leg,
    pub date: NaiveDate,
    /// `by_days_before[k]` is the entry dated `date - k`, if there is one.
    by_days_before: [Option<&'a CheckIn>; SLOTS],
}

impl<'a> LegDays<'a> {
    /// Reads `leg`'s entries dated `date - LOOKBACK_DAYS ..= date`; anything
    /// after `date` in the history is never looked at.
    pub fn load(history: &History<'a>, leg: Leg, date: NaiveDate) -> LegDays<'a> {
        let mut by_days_before = [None; SLOTS];
        let from = days_before(date, LOOKBACK_DAYS as u64);
        for checkin in history.checkins_between(from, date).iter().filter(|c| c.leg == leg) {
            let k = (date - checkin.date).num_days();
            if let Some(slot) = usize::try_from(k).ok().and_then(|k| by_days_before.get_mut(k)) {
                *slot = Some(checkin);
            }
        }
        LegDays {
            leg,
            date,
            by_days_before,
        }
    }

    /// The entry dated `date - days_before`, if any.
    pub fn on(&self, days_before: usize) -> Option<&'a CheckIn> {
        self.by_days_before.get(days_before).copied().flatten()
    }

    /// The entries dated `date - oldest ..= date - newest`, newest first.
    pub fn between(&self, newest: usize, oldest: usize) -> impl Iterator<Item = &'a CheckIn> + '_ {
        let end = oldest.saturating_add(1).min(SLOTS);
        self.by_days_before
            .get(newest.min(end)..end)
            .unwrap_or_default()
            .iter()
            .flatten()
            .copied()
    }

    /// The newest entry dated `date - oldest ..= date`.
    pub fn latest_within(&self, oldest: usize) -> Option<&'a CheckIn> {
        self.between(0, oldest).next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Profile, Score};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn entry(date: &str, leg: Leg, rest: u8) -> CheckIn {
        CheckIn::new(
            d(date),
            leg,
            Score::new("pain_rest", rest.into()).unwrap(),
            Score::default(),
        )
    }

    #[test]
    fn slots_hold_only_the_leg_and_the_window() {
        let profile = Profile::default();
        let checkins = [
            entry("2026-05-20", Leg::Left, 9), // D-31: outside
            entry("2026-05-21", Leg::Left, 1), // D-30
            entry("2026-06-18", Leg::Left, 2),
            entry("2026-06-18", Leg::Right, 7),
            entry("2026-06-20", Leg::Left, 3),
            entry("2026-06-21", Leg::Left, 4), // after D: ignored
        ];
        let history = History {
            profile: &profile,
            checkins: &checkins,
            completions: &[],
            tests: &[],
            phases: &[],
            outcomes: &[],
            runs: &[],
            loaded_from: None,
        };
        let days = LegDays::load(&history, Leg::Left, d("2026-06-20"));
        assert_eq!(days.on(0).unwrap().pain_rest.value(), 3);
        assert!(days.on(1).is_none());
        assert_eq!(days.on(2).unwrap().pain_rest.value(), 2);
        assert_eq!(days.on(30).unwrap().pain_rest.value(), 1);
        assert!(days.on(31).is_none());
        let rests: Vec<u8> = days.between(0, 40).map(|c| c.pain_rest.value()).collect();
        assert_eq!(rests, [3, 2, 1]);
        assert_eq!(days.between(1, 2).count(), 1);
        assert_eq!(days.latest_within(2).unwrap().date, d("2026-06-20"));
        assert!(days.between(5, 3).next().is_none());
    }
}
