//! What the engine reads: a journal's lists for a span of dates, borrowed
//! ([`History`]) or owned ([`OwnedHistory`]), and the date arithmetic every
//! rule shares.

use chrono::{Days, NaiveDate};

use crate::domain::{CapacityTest, CheckIn, Completion, Outcome, PhaseChange, Profile, Run};

/// The slices of a journal the engine reads. Every slice is sorted by date
/// (check-ins by date then leg). It may hold entries after the assessed
/// date; the engine ignores them.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    pub profile: &'a Profile,
    pub checkins: &'a [CheckIn],
    pub completions: &'a [Completion],
    pub tests: &'a [CapacityTest],
    pub phases: &'a [PhaseChange],
    /// Recorded outcomes, sorted by date.
    pub outcomes: &'a [Outcome],
    /// Imported runs, by date (typed runs are in the check-ins). The load
    /// rules and the load light read both, each run once (`day_loads`).
    pub runs: &'a [Run],
    /// The date from which `checkins` holds every check-in of the journal,
    /// when older ones exist and were not read (a loader's window); `None`
    /// when the slices reach the journal's start. An outcome dated before
    /// it closes what it closed but covers nothing after it: the slice
    /// cannot show whether a warning opened and lapsed since (see
    /// docs/clinical-rules.md, open warnings and outcomes).
    pub loaded_from: Option<NaiveDate>,
}

impl<'a> History<'a> {
    /// Check-ins dated `from..=to`. A binary search, so ten years of entries
    /// cost the same as one month.
    pub(super) fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> &'a [CheckIn] {
        dated_between(self.checkins, |c| c.date, from, to)
    }

    /// Exercise completions dated `from..=to`.
    pub(super) fn completions_between(&self, from: NaiveDate, to: NaiveDate) -> &'a [Completion] {
        dated_between(self.completions, |c| c.date, from, to)
    }

    /// Capacity tests dated no later than `to`.
    pub(super) fn tests_until(&self, to: NaiveDate) -> &'a [CapacityTest] {
        dated_between(self.tests, |t| t.date, NaiveDate::MIN, to)
    }

    /// Phase changes dated no later than `to`.
    pub(super) fn phases_until(&self, to: NaiveDate) -> &'a [PhaseChange] {
        dated_between(self.phases, |p| p.date, NaiveDate::MIN, to)
    }
}

/// A history that owns its lists: what a loader fills from the journal and
/// what the tests build by hand. [`OwnedHistory::history`] lends it to the
/// engine. Keep each list sorted as [`History`] says.
#[derive(Debug, Clone, Default)]
pub struct OwnedHistory {
    pub profile: Profile,
    pub checkins: Vec<CheckIn>,
    pub completions: Vec<Completion>,
    pub tests: Vec<CapacityTest>,
    pub phases: Vec<PhaseChange>,
    pub outcomes: Vec<Outcome>,
    /// Imported runs of the same dates (typed runs are in the check-ins).
    pub runs: Vec<Run>,
    /// Set when older check-ins exist than those read ([`History::loaded_from`]).
    pub loaded_from: Option<NaiveDate>,
}

impl OwnedHistory {
    /// The engine's view of these lists.
    pub fn history(&self) -> History<'_> {
        History {
            profile: &self.profile,
            checkins: &self.checkins,
            completions: &self.completions,
            tests: &self.tests,
            phases: &self.phases,
            outcomes: &self.outcomes,
            runs: &self.runs,
            loaded_from: self.loaded_from,
        }
    }
}

/// The part of a date-sorted slice dated `from..=to`: a binary search, so
/// a short window of a ten-year journal costs what a short journal does.
/// Public for the trends charts, which slice the same sorted lists.
pub fn dated_between<T>(items: &[T], date_of: impl Fn(&T) -> NaiveDate, from: NaiveDate, to: NaiveDate) -> &[T] {
    let start = items.partition_point(|item| date_of(item) < from);
    let end = items.partition_point(|item| date_of(item) <= to).max(start);
    &items[start..end]
}

/// `date` minus `days`, saturating at the earliest date chrono knows, so a
/// window near the start of the calendar shrinks instead of panicking.
pub(super) fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(NaiveDate::MIN)
}

/// How many days before the assessed date the trend rules, the light and
/// the phase criteria look back. The single-entry rules and open warnings
/// may need older check-ins: a loader reads `date - LOOKBACK_DAYS ..= date`
/// first and reads further back while
/// [`history_is_complete`](super::history_is_complete) says so
/// (the service's loader does this).
pub const LOOKBACK_DAYS: i64 = 30;

/// How many days before the assessed date a loader reads at least: one
/// more than [`LOOKBACK_DAYS`], since `load-spike` on a run of `D-1` reads
/// the 30 days before that run.
pub const LOADED_DAYS: i64 = LOOKBACK_DAYS + 1;
