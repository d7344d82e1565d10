//! Adherence (issue 12): how much of what the plan asked was done. One pure
//! function serves the Checklist, Trends, `status` and the report, so they
//! agree.
//!
//! A day counts for an exercise only while the plan history holds it (from
//! the day it joined, never before the journal's first entry, to the day it
//! left); not on a day a warning paused it (see docs/clinical-rules.md,
//! exercises under a warning); and an exercise asked `n` times a day counts
//! `n` sessions.
//!
//! A session stopped early counts as partial, never as done (issue 22): a
//! completion whose recorded `sets` fall short of the sets the day's dose
//! asks ("3 x 15" asks 3) counts its last session as not done, so one
//! session asked and 1 of 5 sets recorded is 0 of 1. A plain tick (no sets
//! recorded), sets at or above the dose's, or a dose without a count of
//! sets counts in full. Counts stay whole sessions, so every surface's
//! percent is sessions done in full out of sessions asked.

use chrono::{Datelike, Days, NaiveDate};

use super::assessment::Flag;
use super::evaluate::evaluate_with_held;
use super::history::{History, dated_between};
use super::pause::paused_by;
use crate::domain::{Catalogue, Completion, DoseShape, PlanSpan};

/// One exercise's figures over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseAdherence {
    pub exercise: String,
    /// Sessions done on the days that counted.
    pub done: u32,
    /// Sessions the plan asked for on those days.
    pub asked: u32,
    /// Days a warning paused it (left out of both counts).
    pub paused_days: u32,
}

/// Sessions done out of sessions asked over a period, in total and per
/// exercise (by exercise id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adherence {
    pub done: u32,
    pub asked: u32,
    pub by_exercise: Vec<ExerciseAdherence>,
}

impl Adherence {
    /// Whole percent, rounded down; `None` when nothing was asked.
    pub fn percent(&self) -> Option<u32> {
        (self.done * 100).checked_div(self.asked)
    }

    /// "10/18 (55%)", or "0/0" when nothing was asked.
    pub fn fraction(&self) -> String {
        match self.percent() {
            Some(p) => format!("{}/{} ({p}%)", self.done, self.asked),
            None => "0/0".to_owned(),
        }
    }
}

/// Adherence over `from..=to`, with each day's flags evaluated from
/// `history` (which must hold the days the rules look back on).
/// `first_entry` is the journal's first check-in or completion: no day
/// before it counts (a journal with none counts only `to`).
pub fn adherence(
    history: &History<'_>,
    spans: &[PlanSpan],
    catalogue: &Catalogue,
    from: NaiveDate,
    to: NaiveDate,
    first_entry: Option<NaiveDate>,
) -> Adherence {
    // What pauses on each day: the active flags and the warnings a
    // not-seen close still holds, as `assess` gives them
    // in `pausing`, without the light it would also work out.
    let flags_on = |day: NaiveDate| {
        if history.checkins.is_empty() && history.tests.is_empty() {
            Vec::new()
        } else {
            pausing_on(history, day)
        }
    };
    adherence_with(spans, history.completions, catalogue, from, to, first_entry, flags_on)
}

/// The flags that pause exercises on `day`: the active flags and the
/// held ones, most urgent first (the order of `Assessment::pausing`).
fn pausing_on(history: &History<'_>, day: NaiveDate) -> Vec<Flag> {
    // One replay of each leg gives both.
    let (mut pausing, held) = evaluate_with_held(history, day);
    pausing.extend(held);
    pausing.sort_by_key(|f| (f.level, f.rule, f.leg));
    pausing
}

/// This week's (its first day, `first_day`, to `today`) and last week's
/// (seven days) adherence: what the Checklist, Trends and `status` show.
/// `history` must reach back to last week's first day (the engine's 30-day
/// window does).
pub fn week_adherence(
    history: &History<'_>,
    spans: &[PlanSpan],
    catalogue: &Catalogue,
    first_entry: Option<NaiveDate>,
    today: NaiveDate,
    first_day: chrono::Weekday,
) -> [Adherence; 2] {
    let back = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
    let monday = back(u64::from(today.weekday().days_since(first_day)));
    let last_monday = monday.checked_sub_days(Days::new(7)).unwrap_or(monday);
    let last_sunday = monday.pred_opt().unwrap_or(monday);
    [
        adherence(history, spans, catalogue, monday, today, first_entry),
        // With no entry at all, last week holds nothing.
        adherence(
            history,
            spans,
            catalogue,
            last_monday,
            last_sunday,
            first_entry.or(Some(today)),
        ),
    ]
}

/// [`adherence`] with the flags of each day given by `flags_on`.
pub fn adherence_with(
    spans: &[PlanSpan],
    completions: &[Completion],
    catalogue: &Catalogue,
    from: NaiveDate,
    to: NaiveDate,
    first_entry: Option<NaiveDate>,
    flags_on: impl Fn(NaiveDate) -> Vec<Flag>,
) -> Adherence {
    let first = first_entry.unwrap_or(to);
    if first > to {
        return Adherence::default();
    }
    let start = from.max(first);
    let mut ids: Vec<&str> = spans
        .iter()
        .filter(|s| s.start <= to && s.end.is_none_or(|end| end >= start))
        .map(|s| s.exercise.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut by_exercise: Vec<ExerciseAdherence> = ids
        .iter()
        .map(|id| ExerciseAdherence {
            exercise: (*id).to_owned(),
            done: 0,
            asked: 0,
            paused_days: 0,
        })
        .collect();
    for day in start.iter_days().take_while(|d| *d <= to) {
        let mut flags: Option<Vec<Flag>> = None;
        let done_today = dated_between(completions, |c| c.date, day, day);
        for row in &mut by_exercise {
            // Overlapping spans (an import) count the day once, at the
            // newest dose.
            let Some(span) = spans
                .iter()
                .filter(|s| s.exercise == row.exercise && s.covers(day))
                .max_by_key(|s| s.start)
            else {
                continue;
            };
            let flags = flags.get_or_insert_with(|| flags_on(day));
            let paused = catalogue
                .get(&row.exercise)
                .is_some_and(|e| paused_by(e, flags).is_some());
            if paused {
                row.paused_days += 1;
                continue;
            }
            let per_day = u32::from(span.per_day.max(1));
            let sessions = done_today
                .iter()
                .find(|c| c.exercise == row.exercise)
                .map_or(0, |c| sessions_done(c, &span.dose));
            row.asked += per_day;
            row.done += sessions.min(per_day);
        }
    }
    by_exercise.retain(|r| r.asked > 0 || r.paused_days > 0);
    Adherence {
        done: by_exercise.iter().map(|r| r.done).sum(),
        asked: by_exercise.iter().map(|r| r.asked).sum(),
        by_exercise,
    }
}

/// Whether a completion stopped short of the dose's sets: `Some((done,
/// planned))` when it records fewer sets than `dose` asks, else `None` (a
/// plain tick, full sets, or a dose without a count of sets).
pub fn partial_sets(completion: &Completion, dose: &str) -> Option<(u32, u32)> {
    let planned = DoseShape::read(dose)?.sets;
    let done = completion.sets?;
    (done < planned).then_some((done, planned))
}

/// The sessions a completion counts for adherence: its sessions, less the
/// last one when that stopped short of the dose's sets.
fn sessions_done(completion: &Completion, dose: &str) -> u32 {
    let sessions = u32::from(completion.sessions.max(1));
    match partial_sets(completion, dose) {
        Some(_) => sessions - 1,
        None => sessions,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Level, RuleId};
    use super::*;
    use crate::domain::Leg;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    fn span(id: &str, start: &str, end: Option<&str>, per_day: u8) -> PlanSpan {
        PlanSpan {
            exercise: id.to_owned(),
            start: day(start),
            end: end.map(day),
            dose: String::new(),
            per_day,
        }
    }

    fn done(date: &str, id: &str, sessions: u8) -> Completion {
        Completion {
            date: day(date),
            exercise: id.to_owned(),
            sets: None,
            pain: None,
            sessions,
        }
    }

    fn swelling(date: NaiveDate) -> Flag {
        Flag {
            rule: RuleId::Swelling,
            level: Level::Soon,
            leg: Leg::Left,
            date,
            since: date,
            title: "Swelling".into(),
            advice: String::new(),
            because: Vec::new(),
            symptoms: Default::default(),
        }
    }

    /// The week of docs/plan.md and the report: Monday 16 to Sunday 22
    /// November 2026, journal started on Tuesday 17.
    ///
    /// - easy-walking (walking), in the plan all along, done Tue, Wed, Fri, Sun.
    /// - eccentric-drop-straight (eccentric, twice daily), added Thursday:
    ///   2 sessions Thu, 1 Fri, 2 Sat, none Sun.
    /// - wall-stretch-bent (stretch), removed on Saturday (last day Friday),
    ///   done Tue, Wed and on Friday, when a swelling warning paused it.
    ///
    /// By hand: walking 4 of 6 days; drops 5 of 8 sessions (Thu–Sun × 2);
    /// stretch 2 of 3 (Tue–Thu; Friday paused, Sat–Sun out of the plan):
    /// 11 of 17.
    pub(crate) fn week() -> (Vec<PlanSpan>, Vec<Completion>) {
        let spans = vec![
            span("easy-walking", "1970-01-01", None, 1),
            span("eccentric-drop-straight", "2026-11-19", None, 2),
            span("wall-stretch-bent", "1970-01-01", Some("2026-11-20"), 1),
        ];
        let completions = vec![
            done("2026-11-17", "easy-walking", 1),
            done("2026-11-17", "wall-stretch-bent", 1),
            done("2026-11-18", "easy-walking", 1),
            done("2026-11-18", "wall-stretch-bent", 1),
            done("2026-11-19", "eccentric-drop-straight", 2),
            done("2026-11-20", "easy-walking", 1),
            done("2026-11-20", "eccentric-drop-straight", 1),
            done("2026-11-20", "wall-stretch-bent", 1),
            done("2026-11-21", "eccentric-drop-straight", 2),
            done("2026-11-22", "easy-walking", 1),
        ];
        (spans, completions)
    }

    fn figures(a: &Adherence) -> Vec<(&str, u32, u32, u32)> {
        a.by_exercise
            .iter()
            .map(|r| (r.exercise.as_str(), r.done, r.asked, r.paused_days))
            .collect()
    }

    #[test]
    fn the_hand_computed_week() {
        let (spans, completions) = week();
        let flags_on = |d: NaiveDate| {
            if d == day("2026-11-20") {
                vec![swelling(d)]
            } else {
                Vec::new()
            }
        };
        let a = adherence_with(
            &spans,
            &completions,
            &Catalogue::builtin(),
            day("2026-11-16"),
            day("2026-11-22"),
            Some(day("2026-11-17")),
            flags_on,
        );
        assert_eq!(
            figures(&a),
            vec![
                ("easy-walking", 4, 6, 0),
                ("eccentric-drop-straight", 5, 8, 0),
                ("wall-stretch-bent", 2, 3, 1),
            ]
        );
        assert_eq!((a.done, a.asked), (11, 17));
        assert_eq!(a.fraction(), "11/17 (64%)");
    }

    #[test]
    fn day_one_counts_one_day_not_the_whole_week() {
        // A new journal on a Sunday, six exercises, nothing done yet: the
        // old count said "Week 0/42".
        let ids = [
            "ankle-pumps",
            "easy-walking",
            "isometric-hold-double",
            "isometric-hold-seated",
            "ice-compress-elevate",
            "cross-training",
        ];
        let spans: Vec<PlanSpan> = ids.iter().map(|id| span(id, "1970-01-01", None, 1)).collect();
        let a = adherence_with(
            &spans,
            &[],
            &Catalogue::builtin(),
            day("2026-11-16"),
            day("2026-11-22"),
            None,
            |_| Vec::new(),
        );
        assert_eq!((a.done, a.asked), (0, 6));
    }

    #[test]
    fn removing_an_exercise_keeps_what_was_done() {
        let (mut spans, completions) = week();
        let run = |spans: &[PlanSpan]| {
            adherence_with(
                spans,
                &completions,
                &Catalogue::builtin(),
                day("2026-11-16"),
                day("2026-11-22"),
                Some(day("2026-11-17")),
                |_| Vec::new(),
            )
        };
        let before = run(&spans);
        // Walking leaves the plan on Sunday after being done: Sunday stays.
        spans[0].end = Some(day("2026-11-22"));
        assert_eq!(run(&spans).done, before.done);
    }

    #[test]
    fn a_second_session_counts_only_when_asked_for() {
        let spans = [span("easy-walking", "2026-11-20", None, 1)];
        let completions = [done("2026-11-20", "easy-walking", 2)];
        let a = adherence_with(
            &spans,
            &completions,
            &Catalogue::builtin(),
            day("2026-11-20"),
            day("2026-11-20"),
            Some(day("2026-11-20")),
            |_| Vec::new(),
        );
        assert_eq!((a.done, a.asked), (1, 1));
    }

    /// A journal with a dvt warning on D-2 (swelling with pain) closed
    /// `not-seen` on D-1 and no check-in since: the close still holds, so
    /// the foam roll is paused on D and leaves the count.
    fn not_seen_dvt() -> super::super::testkit::Fixture {
        use super::super::testkit::{Build, EntryExt, Fixture, entry};
        use crate::domain::{InjuredLeg, OutcomeResult, Symptom};
        let mut fx = Fixture::default();
        fx.profile.leg = InjuredLeg::Left;
        fx.add(entry(2, Leg::Left, 2, 3).signs(&[Symptom::Swelling]));
        fx.outcome(1, RuleId::Dvt, Leg::Left, OutcomeResult::NotSeen);
        fx
    }

    #[test]
    fn held_days_use_what_pauses_not_only_the_active_flags() {
        // Through adherence_with: a held flag supplied for the day pauses.
        let spans = [span("foam-roll", "2026-11-20", None, 1)];
        let mut held = swelling(day("2026-11-20"));
        held.rule = RuleId::Dvt;
        held.level = Level::Urgent;
        let a = adherence_with(
            &spans,
            &[],
            &Catalogue::builtin(),
            day("2026-11-20"),
            day("2026-11-20"),
            Some(day("2026-11-20")),
            |_| vec![held.clone()],
        );
        assert_eq!(figures(&a), vec![("foam-roll", 0, 0, 1)]);
    }

    #[test]
    fn a_day_held_by_a_not_seen_close_leaves_the_count() {
        use super::super::testkit::{D, day as back};
        let fx = not_seen_dvt();
        assert!(
            super::super::flags(&fx.history(), D)
                .iter()
                .all(|f| f.rule != RuleId::Dvt)
        );
        let spans = [span("foam-roll", "2026-01-01", None, 1)];
        let a = adherence(&fx.history(), &spans, &Catalogue::builtin(), D, D, Some(back(2)));
        assert_eq!(figures(&a), vec![("foam-roll", 0, 0, 1)]);
    }

    /// One day of `dose` (asked `per_day` times) with `completion` recorded.
    fn one_day(dose: &str, per_day: u8, completion: Completion) -> (u32, u32) {
        let mut spans = span("eccentric-drop-straight", "2026-11-20", None, per_day);
        spans.dose = dose.to_owned();
        let a = adherence_with(
            &[spans],
            &[completion],
            &Catalogue::builtin(),
            day("2026-11-20"),
            day("2026-11-20"),
            Some(day("2026-11-20")),
            |_| Vec::new(),
        );
        (a.done, a.asked)
    }

    fn with_sets(sessions: u8, sets: Option<u32>) -> Completion {
        Completion {
            sets,
            ..done("2026-11-20", "eccentric-drop-straight", sessions)
        }
    }

    #[test]
    fn a_session_stopped_early_counts_as_partial_not_done() {
        let c = with_sets(1, Some(1));
        assert_eq!(partial_sets(&c, "5 x 15"), Some((1, 5)));
        assert_eq!(one_day("5 x 15", 1, c), (0, 1));
        // Twice a day, the second session stopped early: the first counts.
        assert_eq!(one_day("3 x 15", 2, with_sets(2, Some(2))), (1, 2));
    }

    #[test]
    fn full_sets_and_plain_ticks_count_in_full() {
        assert_eq!(one_day("3 x 15", 1, with_sets(1, Some(3))), (1, 1));
        assert_eq!(one_day("3 x 15", 1, with_sets(1, None)), (1, 1));
        assert_eq!(partial_sets(&with_sets(1, None), "3 x 15"), None);
        // A dose in words has no count of sets to fall short of.
        assert_eq!(one_day("as able", 1, with_sets(1, Some(1))), (1, 1));
        assert_eq!(one_day("3 x 15", 2, with_sets(2, Some(3))), (2, 2));
    }

    #[test]
    fn sets_above_the_plan_count_once() {
        assert_eq!(partial_sets(&with_sets(1, Some(8)), "3 x 15"), None);
        assert_eq!(one_day("3 x 15", 1, with_sets(1, Some(8))), (1, 1));
        assert_eq!(one_day("3 x 15", 1, with_sets(3, Some(8))), (1, 1));
    }
}
