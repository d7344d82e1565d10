//! Recovery phases and return to running (see docs/clinical-rules.md,
//! phases and return to running): which phase the user is in, which
//! criteria for the next one hold, and the heel-raise limb symmetry. The
//! app only suggests moving on; the user confirms.
//!
//! The journal records no walk durations and no "continuous" flag on runs,
//! so two criteria are derived from what it does hold:
//!
//! - *30 minutes of brisk walking without pain*: walking pain 0/10 on every
//!   check-in of the injured leg over the last 7 days (`D-6 ..= D`), with at
//!   least 3 such check-ins. Everyday walking that has stayed pain-free for
//!   a week; the detail asks the user to confirm the 30 brisk minutes.
//! - *walk-run reached 30 minutes continuous with no red light*: a check-in
//!   of the injured leg in the last 14 days (`D-13 ..= D`) with `run_min` of
//!   30 or more, and a traffic light that is not red on the day of that run
//!   nor on `D`. Fourteen days keep the light of that day computable from
//!   the 30 days the service loads.
//!
//! With both legs injured, every criterion must hold on each leg, and the
//! symmetry compares the weaker leg with the stronger one.
//!
//! In phase 5 there is no next phase; the criteria shown are the clinicians'
//! criteria for full return from the interview study of Green et al. 2022
//! (30+ single-leg raises, at most 10% side difference, 0/10 pain) and
//! `ready` says whether they hold.
//!
//! The criteria count only check-ins (and imported runs) dated after the
//! current phase began, and of the capacity tests the latest of each kind
//! and leg dated on or after the profile's `injury_date`, so
//! each phase's load is shown to be tolerated before the next is offered.
//! A move is offered one phase at a time and only on a green day; on any
//! other day `holding` names what holds progress (the warning under stop).
//! A move by hand is refused while an emergency or urgent warning is
//! active (`refused_by`).

use chrono::NaiveDate;
use serde::Serialize;

use super::assessment::{Flag, Light};
use super::days::LegDays;
use super::evaluate::{self, evaluate_with_held};
use super::guidance::traffic_light;
use super::history::{History, LOOKBACK_DAYS, dated_between, days_before};
use super::phase_info::PhaseInfo;
use crate::domain::{CheckIn, InjuredLeg, Leg, Level, Symptom, TestKind};

/// Single-leg heel raises needed on the injured leg before running.
const RAISES_TO_RUN: u32 = 25;
/// Single-leg heel raises of the clinicians' full-return criteria (Green et al. 2022 interview study).
const RAISES_FULL_RETURN: u32 = 30;
/// Lowest limb symmetry index, in percent, for running and full return.
const SYMMETRY_PERCENT: f64 = 90.0;
/// Highest walking pain for the mobility phase.
const MOBILITY_WALK_PAIN: u8 = 2;
/// Highest tightness on the last 3 check-ins before running.
const LOOSE_TIGHTNESS: u8 = 2;
/// Minutes of running that count as the end of the walk-run progression.
const CONTINUOUS_RUN_MIN: u32 = 30;

/// One criterion for moving on, whether it holds, and the values behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    pub description: String,
    pub met: bool,
    pub detail: String,
}

/// Heel-raise limb symmetry for one test, from each leg's latest test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Symmetry {
    pub test: TestKind,
    /// Reps of the injured leg (the weaker one when both are injured).
    pub injured_reps: Option<u32>,
    /// Reps of the other leg (the stronger one when both are injured).
    pub other_reps: Option<u32>,
    /// `injured / other x 100`; `None` without both tests or with 0 other reps.
    pub percent: Option<f64>,
    /// The values in words, for a status line.
    pub detail: String,
}

/// Where the recovery stands as of a date, for the checklist and trends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseStatus {
    pub date: NaiveDate,
    pub current: PhaseInfo,
    /// When the user confirmed the current phase; `None` for the default.
    pub since: Option<NaiveDate>,
    /// `None` in the last phase.
    pub next: Option<PhaseInfo>,
    /// Criteria for `next` (in phase 5: for full return).
    pub criteria: Vec<Criterion>,
    /// Every criterion holds.
    pub ready: bool,
    /// The move the app offers: `next`, when every criterion holds and
    /// today's light is green.
    pub offer: Option<PhaseInfo>,
    /// Today's load light.
    pub light: Light,
    /// What holds progress when the light is not green: the warnings under
    /// stop, or the light and its first reason. Empty on a green day.
    pub holding: Vec<String>,
    /// The emergency or urgent warnings (active, or held by a not-seen
    /// close) that refuse a move forward by hand. Empty when none.
    pub refused_by: Vec<String>,
    pub symmetry: Vec<Symmetry>,
}

impl PhaseStatus {
    /// The descriptions of the criteria that do not hold.
    pub fn unmet(&self) -> Vec<&Criterion> {
        self.criteria.iter().filter(|c| !c.met).collect()
    }
}

/// The phase status as of `date`, using only entries up to it.
pub fn phase_status(history: &History<'_>, date: NaiveDate) -> PhaseStatus {
    let confirmed = history.phases_until(date).last();
    let current = confirmed
        .and_then(|p| PhaseInfo::of(p.phase))
        .unwrap_or(PhaseInfo::PROTECT);
    let since = confirmed.map(|p| p.date);
    // One replay gives both the active flags and the not-seen holds.
    let (flags, held) = evaluate_with_held(history, date);
    let light = traffic_light(history, date, &flags, &held);
    // The criteria read only what came after the current phase began.
    let after = since.and_then(|d| d.succ_opt());
    let mut phase_history = *history;
    if let Some(after) = after {
        phase_history.checkins = dated_between(history.checkins, |c| c.date, after, date);
        phase_history.runs = dated_between(history.runs, |r| r.date, after, date);
    }
    let legs = Injured::new(&phase_history, history, date, light.light);
    let symmetry: Vec<Symmetry> = TestKind::ALL.iter().map(|t| legs.symmetry(*t)).collect();
    let next = current.next();
    let criteria = match current.number {
        1 => vec![legs.walking_pain_low()],
        2 => vec![legs.pain_free_three_days()],
        3 => {
            let mut criteria: Vec<Criterion> = TestKind::ALL
                .iter()
                .map(|t| legs.heel_raises(*t, RAISES_TO_RUN))
                .collect();
            criteria.extend(symmetry.iter().map(symmetry_criterion));
            criteria.push(legs.pain_free_walking_week());
            criteria.push(legs.last_three_loose());
            criteria
        }
        4 => legs.continuous_run_without_red(),
        _ => {
            let mut criteria: Vec<Criterion> = TestKind::ALL
                .iter()
                .map(|t| legs.heel_raises(*t, RAISES_FULL_RETURN))
                .collect();
            criteria.extend(symmetry.iter().map(full_return_symmetry));
            criteria.push(legs.no_pain_now());
            criteria
        }
    };
    let ready = !criteria.is_empty() && criteria.iter().all(|c| c.met);
    let describe = |f: &Flag| format!("{} ({} warning, {} calf, since {})", f.title, f.level, f.leg, f.since);
    let describe_held = |f: &Flag| {
        format!(
            "{} ({} warning, {} calf, closed without an assessment)",
            f.title, f.level, f.leg
        )
    };
    let holding = match light.light {
        Light::Green => Vec::new(),
        Light::Stop => flags
            .iter()
            .filter(|f| f.level <= Level::Soon)
            .map(describe)
            .chain(held.iter().map(describe_held))
            .collect(),
        other => {
            let first = light.because.first().map_or(String::new(), |b| format!(": {b}"));
            vec![format!(
                "today's load light is {}{first}; a move is offered only on a green day",
                other.name()
            )]
        }
    };
    let refused_by = flags
        .iter()
        .filter(|f| f.level <= Level::Urgent)
        .map(describe)
        .chain(held.iter().filter(|f| f.level <= Level::Urgent).map(describe_held))
        .collect();
    PhaseStatus {
        date,
        current,
        since,
        next,
        offer: next.filter(|_| ready && light.light == Light::Green),
        light: light.light,
        holding,
        refused_by,
        criteria,
        ready,
        symmetry,
    }
}

fn symmetry_criterion(symmetry: &Symmetry) -> Criterion {
    Criterion {
        description: format!(
            "limb symmetry {SYMMETRY_PERCENT:.0}% or more, {}",
            symmetry.test.label()
        ),
        met: symmetry.percent.is_some_and(|p| p >= SYMMETRY_PERCENT),
        detail: symmetry.detail.clone(),
    }
}

/// Full return (Green et al. 2022) asks for at most 10% difference between
/// the sides, in either direction: an injured leg far stronger than the
/// other is a difference too.
fn full_return_symmetry(symmetry: &Symmetry) -> Criterion {
    let max_gap = 100.0 - SYMMETRY_PERCENT;
    Criterion {
        description: format!("sides within {max_gap:.0}% of each other, {}", symmetry.test.label()),
        met: symmetry.percent.is_some_and(|p| (p - 100.0).abs() <= max_gap),
        detail: symmetry.detail.clone(),
    }
}

/// The limb symmetry index: injured ÷ other × 100, or weaker ÷
/// stronger when both legs are injured; `None` when the other side has 0.
/// The one formula the phase criteria and the Trends chart share.
pub fn limb_symmetry(injured: InjuredLeg, left: u32, right: u32) -> Option<f64> {
    let (part, whole) = match injured {
        InjuredLeg::Left => (left, right),
        InjuredLeg::Right => (right, left),
        InjuredLeg::Both => (left.min(right), left.max(right)),
    };
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// The injured leg(s) with their recent days, and the rest of the history.
struct Injured<'a> {
    /// What the criteria read: check-ins and runs after the phase began.
    history: History<'a>,
    /// The whole history, for the light of an earlier day.
    full: History<'a>,
    date: NaiveDate,
    /// Today's light.
    today: Light,
    injured: InjuredLeg,
    legs: Vec<LegDays<'a>>,
}

impl<'a> Injured<'a> {
    fn new(history: &History<'a>, full: &History<'a>, date: NaiveDate, today: Light) -> Injured<'a> {
        let legs = match history.profile.leg {
            InjuredLeg::Left => vec![Leg::Left],
            InjuredLeg::Right => vec![Leg::Right],
            InjuredLeg::Both => Leg::BOTH.to_vec(),
        };
        Injured {
            history: *history,
            full: *full,
            date,
            today,
            injured: history.profile.leg,
            legs: legs.into_iter().map(|l| LegDays::load(history, l, date)).collect(),
        }
    }

    /// One criterion that holds when `check` holds on every injured leg;
    /// the detail joins each leg's own words.
    fn each_leg(&self, description: String, check: impl Fn(&LegDays<'a>) -> (bool, String)) -> Criterion {
        let results: Vec<(bool, String)> = self.legs.iter().map(check).collect();
        Criterion {
            description,
            met: results.iter().all(|(met, _)| *met),
            detail: results.into_iter().map(|(_, d)| d).collect::<Vec<_>>().join("; "),
        }
    }

    /// Mobility: walking pain <= 2 on the leg's latest check-in of D-2..D.
    fn walking_pain_low(&self) -> Criterion {
        self.each_leg(
            format!("walking pain {MOBILITY_WALK_PAIN}/10 or less"),
            |days| match days.latest_within(2) {
                Some(c) => (
                    c.pain_walk.value() <= MOBILITY_WALK_PAIN,
                    format!("{} calf: walking pain {}/10 on {}", c.leg, c.pain_walk, c.date),
                ),
                None => (false, no_recent_checkin(days)),
            },
        )
    }

    /// Strength: rest and walking pain 0 on 3 days in a row, ending on D,
    /// or on D-1 while D has no check-in yet (the morning before checking in).
    fn pain_free_three_days(&self) -> Criterion {
        self.each_leg("pain at rest and walking 0/10 for 3 days in a row".to_owned(), |days| {
            let newest = usize::from(days.on(0).is_none());
            for k in newest..newest + 3 {
                match days.on(k) {
                    None => {
                        let missing = days_before(days.date, k as u64);
                        return (false, format!("{} calf: no check-in on {missing}", days.leg));
                    }
                    Some(c) if c.pain() > 0 => {
                        return (false, format!("{} calf: {} on {}", c.leg, rest_and_walk(c), c.date));
                    }
                    Some(_) => {}
                }
            }
            let from = days_before(days.date, newest as u64 + 2);
            let to = days_before(days.date, newest as u64);
            (true, format!("{} calf: 0/10 every day from {from} to {to}", days.leg))
        })
    }

    /// Return to run: pain-free everyday walking for a week (see the module
    /// comment for why this stands in for "30 minutes of brisk walking").
    fn pain_free_walking_week(&self) -> Criterion {
        self.each_leg("30 minutes of brisk walking without pain".to_owned(), |days| {
            let week: Vec<&CheckIn> = days.between(0, 6).collect();
            let from = days_before(days.date, 6);
            if let Some(painful) = week.iter().find(|c| c.pain_walk.value() > 0) {
                let detail = format!(
                    "{} calf: walking pain {}/10 on {}",
                    days.leg, painful.pain_walk, painful.date
                );
                return (false, detail);
            }
            if week.len() < 3 {
                let detail = format!(
                    "{} calf: only {} check-ins from {from} to {}, 3 needed",
                    days.leg,
                    week.len(),
                    days.date
                );
                return (false, detail);
            }
            let detail = format!(
                "{} calf: walking pain 0/10 on all {} check-ins from {from} to {} (soleus does not time walks: \
                 check that 30 brisk minutes are pain-free)",
                days.leg,
                week.len(),
                days.date
            );
            (true, detail)
        })
    }

    /// Running: a 30-minute run in D-13..D, with no red light that day or on D.
    /// A run counts when it was continuous: typed on an injured calf's
    /// check-in without walk-run intervals, or imported without them.
    fn continuous_run_without_red(&self) -> Vec<Criterion> {
        let from = days_before(self.date, 13);
        let typed = self
            .legs
            .iter()
            .flat_map(|days| days.between(0, 13))
            .filter(|c| c.intervals.is_none())
            .filter_map(|c| c.run_min.map(|m| (c.date, m, format!("{} calf", c.leg))));
        let imported = dated_between(self.history.runs, |r| r.date, from, self.date)
            .iter()
            // Running time, not moving time: a warm-up walk is left out, and
            // a walk-run (typed or found in the track) is not continuous.
            .filter_map(|r| {
                r.continuous_min()
                    .map(|m| (r.date, m as u32, format!("from {}", r.source)))
            });
        let runs: Vec<(NaiveDate, u32, String)> = typed.chain(imported).collect();
        let long_run = runs
            .iter()
            .filter(|(_, m, _)| *m >= CONTINUOUS_RUN_MIN)
            .max_by_key(|(date, _, _)| *date);
        let longest = runs.iter().map(|(_, m, _)| *m).max();
        let run = Criterion {
            description: format!("walk-run progression reached {CONTINUOUS_RUN_MIN} minutes of continuous running"),
            met: long_run.is_some(),
            detail: match (long_run, longest) {
                (Some((date, minutes, whose)), _) => format!("{minutes} min run on {date} ({whose})"),
                (None, Some(m)) => format!(
                    "longest continuous run from {} to {}: {m} min (walk-run sessions do not count)",
                    days_before(self.date, 13),
                    self.date
                ),
                (None, None) => format!(
                    "no continuous run recorded from {} to {}",
                    days_before(self.date, 13),
                    self.date
                ),
            },
        };
        let long_run = long_run.map(|(date, _, _)| *date);
        let today = self.today;
        let run_day = long_run.map(|date| {
            let light = if date == self.date {
                today
            } else {
                evaluate::guidance(&self.full, date).light
            };
            (date, light)
        });
        let no_red = Criterion {
            description: "no red light on the day of that run or today".to_owned(),
            met: today != Light::Red && run_day.is_some_and(|(_, light)| light != Light::Red),
            detail: match run_day {
                Some((day, light)) if day != self.date => {
                    format!("light on {day}: {}; today: {}", light.name(), today.name())
                }
                _ => format!("light today: {}", today.name()),
            },
        };
        vec![run, no_red]
    }

    /// Return to run: on the leg's last 3 check-ins (within the
    /// 30 days read), tightness 2/10 or less with no cramps and no pain on
    /// passive stretch. A check-in without a tightness score cannot show it.
    fn last_three_loose(&self) -> Criterion {
        self.each_leg(
            format!("last 3 check-ins: tightness {LOOSE_TIGHTNESS}/10 or less, no cramps, no pain on passive stretch"),
            |days| {
                let last: Vec<&CheckIn> = days.between(0, LOOKBACK_DAYS as usize).take(3).collect();
                if last.len() < 3 {
                    return (
                        false,
                        format!("{} calf: only {} check-ins in the last 30 days", days.leg, last.len()),
                    );
                }
                let problem = last.iter().find_map(|c| match c.tightness {
                    None => Some(format!("no tightness score on {}", c.date)),
                    Some(t) if t.value() > LOOSE_TIGHTNESS => Some(format!("tightness {t}/10 on {}", c.date)),
                    _ if c.symptoms.contains(Symptom::Cramping) => Some(format!("cramps on {}", c.date)),
                    _ if c.symptoms.contains(Symptom::StretchPain) => {
                        Some(format!("pain on passive stretch on {}", c.date))
                    }
                    _ => None,
                });
                match problem {
                    Some(p) => (false, format!("{} calf: {p}", days.leg)),
                    None => (
                        true,
                        format!(
                            "{} calf: tightness {LOOSE_TIGHTNESS}/10 or less, no cramps or stretch pain from {} to {}",
                            days.leg, last[2].date, last[0].date
                        ),
                    ),
                }
            },
        )
    }

    /// Full return: 0/10 pain on the latest check-in of D-2..D.
    fn no_pain_now(&self) -> Criterion {
        self.each_leg("pain 0/10 at rest and walking".to_owned(), |days| {
            match days.latest_within(2) {
                Some(c) => (
                    c.pain() == 0,
                    format!("{} calf: {} on {}", c.leg, rest_and_walk(c), c.date),
                ),
                None => (false, no_recent_checkin(days)),
            }
        })
    }

    /// The latest test of `kind` on `leg` dated no later than D and on or
    /// after the profile's injury date (any date without one): a test from
    /// before the injury says nothing about the injured calf.
    fn latest_reps(&self, leg: Leg, kind: TestKind) -> Option<(u32, NaiveDate)> {
        let from = self.history.profile.injury_date.unwrap_or(NaiveDate::MIN);
        self.history
            .tests_until(self.date)
            .iter()
            .rev()
            .find(|t| t.leg == leg && t.test == kind && t.date >= from)
            .map(|t| (t.reps, t.date))
    }

    /// At least `needed` single-leg raises on each injured leg's latest test.
    fn heel_raises(&self, kind: TestKind, needed: u32) -> Criterion {
        self.each_leg(
            format!("{needed} or more single-leg heel raises, {}", kind.label()),
            |days| match self.latest_reps(days.leg, kind) {
                Some((reps, date)) => (reps >= needed, format!("{} leg: {reps} on {date}", days.leg)),
                None => (false, format!("{} leg: no {} test recorded", days.leg, kind.name())),
            },
        )
    }

    /// Injured ÷ other × 100 from each leg's latest test; with both legs
    /// injured, weaker ÷ stronger.
    fn symmetry(&self, kind: TestKind) -> Symmetry {
        let left = self.latest_reps(Leg::Left, kind);
        let right = self.latest_reps(Leg::Right, kind);
        let right_is_injured = match (self.injured, left, right) {
            (InjuredLeg::Right, _, _) => true,
            (InjuredLeg::Both, Some(l), Some(r)) => r.0 < l.0,
            _ => false,
        };
        let (injured_leg, injured, other) = if right_is_injured {
            (Leg::Right, right, left)
        } else {
            (Leg::Left, left, right)
        };
        let percent = match (left, right) {
            (Some((l, _)), Some((r, _))) => limb_symmetry(self.injured, l, r),
            _ => None,
        };
        let other_leg = injured_leg.other();
        let detail = match (injured, other, percent) {
            (Some((inj, d1)), Some((oth, d2)), Some(p)) => {
                format!("{p:.0}%: {inj} reps {injured_leg} ({d1}) / {oth} reps {other_leg} ({d2})")
            }
            (Some(_), Some(_), None) => format!("no symmetry: the {other_leg} leg's latest test shows 0 reps"),
            (None, _, _) => format!("no {} test recorded for the {injured_leg} leg", kind.name()),
            (_, None, _) => format!("no {} test recorded for the {other_leg} leg", kind.name()),
        };
        Symmetry {
            test: kind,
            injured_reps: injured.map(|(r, _)| r),
            other_reps: other.map(|(r, _)| r),
            percent,
            detail,
        }
    }
}

fn rest_and_walk(c: &CheckIn) -> String {
    format!("pain at rest {}/10, walking {}/10", c.pain_rest, c.pain_walk)
}

fn no_recent_checkin(days: &LegDays<'_>) -> String {
    format!(
        "{} calf: no check-in from {} to {}",
        days.leg,
        days_before(days.date, 2),
        days.date
    )
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Build, D, EntryExt, Fixture, day, entry};
    use super::*;

    #[test]
    fn limb_symmetry_is_injured_over_other_or_weaker_over_stronger() {
        assert_eq!(limb_symmetry(InjuredLeg::Left, 18, 30), Some(60.0));
        assert_eq!(limb_symmetry(InjuredLeg::Right, 18, 30), Some(30.0 * 100.0 / 18.0));
        assert_eq!(limb_symmetry(InjuredLeg::Both, 30, 18), Some(60.0));
        assert_eq!(limb_symmetry(InjuredLeg::Left, 18, 0), None);
    }
    use crate::domain::Profile;

    fn left_injured() -> Fixture {
        Fixture {
            profile: Profile {
                leg: InjuredLeg::Left,
                ..Profile::default()
            },
            ..Fixture::default()
        }
    }

    fn status(fx: &Fixture) -> PhaseStatus {
        phase_status(&fx.history(), D)
    }

    fn met(status: &PhaseStatus) -> Vec<bool> {
        status.criteria.iter().map(|c| c.met).collect()
    }

    #[test]
    fn phase_defaults_to_protect_and_follows_the_latest_change_up_to_d() {
        let mut fx = left_injured();
        let s = status(&fx);
        assert_eq!((s.current.number, s.current.name, s.since), (1, "Protect", None));
        assert_eq!(s.next, PhaseInfo::of(2));
        fx.phase(10, 2);
        fx.phase(3, 3);
        let mut later = fx.phases.last().unwrap().clone();
        later.date = D.succ_opt().unwrap();
        later.phase = 4;
        fx.phases.push(later);
        let s = status(&fx);
        assert_eq!(
            (s.current.number, s.current.name, s.since),
            (3, "Strength", Some(day(3)))
        );
        assert_eq!(s.next.unwrap().name, "Return to run");
    }

    #[test]
    fn mobility_needs_walking_pain_2_or_less_recently() {
        let mut fx = left_injured();
        fx.add(entry(1, Leg::Left, 2, 2));
        fx.add(entry(0, Leg::Right, 0, 6));
        let s = status(&fx);
        assert!(s.ready, "{s:#?}");
        assert_eq!(s.criteria[0].detail, "left calf: walking pain 2/10 on 2026-06-19");
        fx.add(entry(0, Leg::Left, 0, 3));
        assert!(!status(&fx).ready);
        let mut stale = left_injured();
        stale.add(entry(3, Leg::Left, 0, 0));
        let s = status(&stale);
        assert!(!s.ready);
        assert_eq!(
            s.criteria[0].detail,
            "left calf: no check-in from 2026-06-18 to 2026-06-20"
        );
    }

    #[test]
    fn strength_needs_three_pain_free_days_in_a_row() {
        let mut fx = left_injured();
        fx.phase(20, 2);
        for k in 0..3 {
            fx.add(entry(k, Leg::Left, 0, 0));
        }
        let s = status(&fx);
        assert!(s.ready, "{s:#?}");
        assert_eq!(
            s.criteria[0].detail,
            "left calf: 0/10 every day from 2026-06-18 to 2026-06-20"
        );
        // Pain 1 on one of them: not yet.
        fx.add(entry(1, Leg::Left, 1, 0));
        let s = status(&fx);
        assert!(!s.ready);
        assert_eq!(
            s.criteria[0].detail,
            "left calf: pain at rest 1/10, walking 0/10 on 2026-06-19"
        );
        // A missing day is not pain 0.
        let mut gap = left_injured();
        gap.phase(20, 2);
        for k in [0, 2, 3] {
            gap.add(entry(k, Leg::Left, 0, 0));
        }
        assert_eq!(status(&gap).criteria[0].detail, "left calf: no check-in on 2026-06-19");
        // Before today's check-in, the three days end yesterday.
        let mut morning = left_injured();
        morning.phase(20, 2);
        for k in 1..4 {
            morning.add(entry(k, Leg::Left, 0, 0));
        }
        assert!(status(&morning).ready);
    }

    fn tests(fx: &mut Fixture, straight: (u32, u32), bent: (u32, u32)) {
        fx.test(5, Leg::Left, TestKind::HeelRaiseStraight, straight.0);
        fx.test(5, Leg::Right, TestKind::HeelRaiseStraight, straight.1);
        fx.test(5, Leg::Left, TestKind::HeelRaiseBent, bent.0);
        fx.test(5, Leg::Right, TestKind::HeelRaiseBent, bent.1);
    }

    fn walking_week(fx: &mut Fixture) {
        for k in [0, 2, 4] {
            let mut c = entry(k, Leg::Left, 0, 0);
            c.tightness = Some(crate::domain::Score::new("tightness", 2).unwrap());
            fx.add(c);
        }
    }

    #[test]
    fn return_to_run_needs_25_raises_90_percent_symmetry_and_pain_free_walking() {
        let mut fx = left_injured();
        fx.phase(30, 3);
        tests(&mut fx, (27, 30), (25, 27));
        walking_week(&mut fx);
        let s = status(&fx);
        assert!(s.ready, "{s:#?}");
        assert_eq!(s.criteria.len(), 6);
        assert_eq!(s.symmetry[0].percent, Some(90.0));
        assert_eq!(
            s.symmetry[0].detail,
            "90%: 27 reps left (2026-06-15) / 30 reps right (2026-06-15)"
        );
        assert_eq!(
            s.criteria[0].description,
            "25 or more single-leg heel raises, heel raise, knee straight"
        );

        // 24 bent raises: that criterion alone fails.
        let mut fx24 = left_injured();
        fx24.phase(30, 3);
        tests(&mut fx24, (27, 30), (24, 26));
        walking_week(&mut fx24);
        assert_eq!(met(&status(&fx24)), [true, false, true, true, true, true]);

        // Symmetry 89.7%: fails; the latest test counts, not an older better one.
        let mut asym = left_injured();
        asym.phase(30, 3);
        asym.test(9, Leg::Left, TestKind::HeelRaiseStraight, 40);
        tests(&mut asym, (26, 29), (25, 25));
        walking_week(&mut asym);
        let s = status(&asym);
        assert_eq!(met(&s), [true, true, false, true, true, true], "{s:#?}");
        assert_eq!(s.symmetry[0].injured_reps, Some(26));

        // Walking pain 1 during the week: fails; only 2 check-ins: fails.
        let mut sore = left_injured();
        sore.phase(30, 3);
        tests(&mut sore, (30, 30), (30, 30));
        walking_week(&mut sore);
        sore.add(entry(6, Leg::Left, 0, 1));
        assert_eq!(met(&status(&sore)), [true, true, true, true, false, true]);
        let mut few = left_injured();
        few.phase(30, 3);
        tests(&mut few, (30, 30), (30, 30));
        few.add(entry(0, Leg::Left, 0, 0));
        few.add(entry(6, Leg::Left, 0, 0));
        few.add(entry(7, Leg::Left, 0, 0));
        let s = status(&few);
        assert_eq!(met(&s), [true, true, true, true, false, false]);
        assert_eq!(
            s.criteria[4].detail,
            "left calf: only 2 check-ins from 2026-06-14 to 2026-06-20, 3 needed"
        );
    }

    #[test]
    fn return_to_run_needs_the_last_three_check_ins_loose_without_cramps_or_stretch_pain() {
        let ready = || {
            let mut fx = left_injured();
            fx.phase(30, 3);
            tests(&mut fx, (30, 30), (30, 30));
            walking_week(&mut fx);
            fx
        };
        assert!(status(&ready()).ready);
        let tight = |t: u8, signs: &[crate::domain::Symptom]| {
            let mut fx = ready();
            let mut c = entry(0, Leg::Left, 0, 0).signs(signs);
            c.tightness = Some(crate::domain::Score::new("tightness", t.into()).unwrap());
            fx.add(c);
            status(&fx)
        };
        assert!(tight(2, &[]).ready);
        let s = tight(3, &[]);
        assert!(!s.ready);
        assert_eq!(s.criteria[5].detail, "left calf: tightness 3/10 on 2026-06-20");
        assert!(!tight(0, &[crate::domain::Symptom::Cramping]).ready);
        // Stretch pain is also a soon warning: held by it as well.
        let s = tight(0, &[crate::domain::Symptom::StretchPain]);
        assert!(!s.ready);
        assert_eq!(s.offer, None);
        assert!(
            s.holding[0].starts_with("Sharp pain when the foot is pulled up"),
            "{s:#?}"
        );
    }

    #[test]
    fn no_move_is_offered_while_a_warning_holds_progress() {
        let mut fx = left_injured();
        fx.add(entry(1, Leg::Left, 0, 0).signs(&[crate::domain::Symptom::Pop]));
        fx.add(entry(0, Leg::Left, 0, 1));
        let s = status(&fx);
        assert!(s.ready, "{s:#?}");
        assert_eq!((s.light, s.offer), (Light::Stop, None));
        assert!(
            s.holding[0].contains("possible tear (urgent warning, left calf, since 2026-06-19)"),
            "{s:#?}"
        );
        // An urgent warning refuses a move by hand too.
        assert_eq!(s.refused_by, s.holding);
        // A soon warning holds progress but does not refuse a move by hand.
        let mut soon = left_injured();
        soon.add(entry(0, Leg::Left, 0, 1).signs(&[crate::domain::Symptom::Bruising]));
        let s = status(&soon);
        assert_eq!((s.light, s.offer), (Light::Stop, None));
        assert_eq!(s.holding.len(), 1, "{s:#?}");
        assert!(s.refused_by.is_empty(), "{s:#?}");
        // No warning, a green day: offered.
        let mut green = left_injured();
        green.add(entry(0, Leg::Left, 0, 1));
        let s = status(&green);
        assert_eq!((s.light, s.offer, s.holding.len()), (Light::Green, PhaseInfo::of(2), 0));
    }

    #[test]
    fn a_move_is_offered_only_on_a_green_day() {
        // Walking pain 2 on D holds the mobility criterion; rest 1 makes it amber.
        let mut fx = left_injured();
        fx.add(entry(0, Leg::Left, 1, 2));
        let s = status(&fx);
        assert!(s.ready, "{s:#?}");
        assert_eq!((s.light, s.offer), (Light::Amber, None));
        assert!(
            s.holding[0].starts_with("today's load light is amber: latest check-in (left calf 2026-06-20)"),
            "{s:#?}"
        );
        assert!(s.refused_by.is_empty());
    }

    #[test]
    fn no_offer_beside_pain_is_rising_nor_from_the_uninjured_calf() {
        // Issue 18 case 9: "Pain is rising" (watch) beside "GREEN, progress
        // one step" and "press m to move to phase 2".
        let mut fx = left_injured();
        for k in [9, 8] {
            fx.add(entry(k, Leg::Left, 0, 0));
        }
        for k in [1, 0] {
            fx.add(entry(k, Leg::Left, 0, 2));
        }
        let s = status(&fx);
        assert!(s.ready, "{s:#?}");
        assert_eq!((s.light, s.offer), (Light::Red, None), "{s:#?}");
        assert!(s.holding[0].contains("pain is rising"), "{s:#?}");
        // GREEN from the uninjured leg's entry: now unknown, and no offer.
        let mut other = left_injured();
        other.add(entry(0, Leg::Right, 0, 0));
        other.add(entry(3, Leg::Left, 0, 0));
        let s = status(&other);
        assert_eq!((s.light, s.offer), (Light::Unknown, None), "{s:#?}");
    }

    #[test]
    fn criteria_count_only_check_ins_after_the_phase_began() {
        let mut fx = left_injured();
        for k in 0..4 {
            fx.add(entry(k, Leg::Left, 0, 0));
        }
        // Phase 2 since D-2: D-2 itself does not count, so only two days.
        fx.phase(2, 2);
        let s = status(&fx);
        assert!(!s.ready, "{s:#?}");
        assert_eq!(s.criteria[0].detail, "left calf: no check-in on 2026-06-18");
        // Since D-3: D-2, D-1 and D count.
        fx.phases.clear();
        fx.phase(3, 2);
        let s = status(&fx);
        assert!(s.ready, "{s:#?}");
        assert_eq!(s.offer, PhaseInfo::of(3));
        // Phase 1 confirmed on D: nothing after it yet.
        let mut today = left_injured();
        today.add(entry(0, Leg::Left, 0, 0));
        today.phase(0, 1);
        assert!(!status(&today).ready);
    }

    #[test]
    fn capacity_tests_count_only_from_the_injury_date() {
        let mut fx = left_injured();
        fx.phase(30, 3);
        fx.test(20, Leg::Left, TestKind::HeelRaiseStraight, 30);
        fx.test(20, Leg::Right, TestKind::HeelRaiseStraight, 30);
        let s = status(&fx);
        assert!(s.criteria[0].met, "no injury date: any date counts");
        fx.profile.injury_date = Some(day(10));
        let s = status(&fx);
        assert!(!s.criteria[0].met, "{s:#?}");
        assert_eq!(s.criteria[0].detail, "left leg: no heel-raise-straight test recorded");
        assert_eq!(s.symmetry[0].percent, None);
        // A test on the injury date counts; the latest one on or after it wins.
        fx.test(10, Leg::Left, TestKind::HeelRaiseStraight, 26);
        fx.test(10, Leg::Right, TestKind::HeelRaiseStraight, 28);
        let s = status(&fx);
        assert!(s.criteria[0].met, "{s:#?}");
        assert_eq!(s.symmetry[0].injured_reps, Some(26));
    }

    #[test]
    fn symmetry_is_injured_over_other_and_missing_without_both_tests() {
        let mut fx = Fixture {
            profile: Profile {
                leg: InjuredLeg::Right,
                ..Profile::default()
            },
            ..Fixture::default()
        };
        fx.test(1, Leg::Right, TestKind::HeelRaiseBent, 15);
        fx.test(1, Leg::Left, TestKind::HeelRaiseBent, 20);
        fx.test(1, Leg::Right, TestKind::HeelRaiseStraight, 15);
        let s = status(&fx);
        assert_eq!(s.symmetry[1].percent, Some(75.0));
        assert_eq!(
            (s.symmetry[1].injured_reps, s.symmetry[1].other_reps),
            (Some(15), Some(20))
        );
        assert_eq!(s.symmetry[0].percent, None);
        assert_eq!(
            s.symmetry[0].detail,
            "no heel-raise-straight test recorded for the left leg"
        );
        // Both legs injured: weaker over stronger.
        fx.profile.leg = InjuredLeg::Both;
        let s = status(&fx);
        assert_eq!(s.symmetry[1].percent, Some(75.0));
        fx.test(0, Leg::Left, TestKind::HeelRaiseBent, 10);
        let s = status(&fx);
        assert_eq!(s.symmetry[1].percent, Some(1000.0 / 15.0));
        assert_eq!(
            s.symmetry[1].detail,
            "67%: 10 reps left (2026-06-20) / 15 reps right (2026-06-19)"
        );
    }

    #[test]
    fn running_needs_a_30_minute_run_and_no_red_light() {
        let mut fx = left_injured();
        fx.phase(40, 4);
        let mut run = entry(3, Leg::Left, 0, 0).ran(5.0, Some(2));
        run.run_min = Some(30);
        fx.add(run.clone().morning(1));
        fx.add(entry(0, Leg::Left, 0, 0).morning(1));
        let s = status(&fx);
        assert!(s.ready, "{s:#?}");
        assert_eq!(s.criteria[0].detail, "30 min run on 2026-06-17 (left calf)");
        assert_eq!(s.criteria[1].detail, "light on 2026-06-17: green; today: green");

        // 29 minutes: not yet.
        let mut short = fx.checkins.clone();
        short[0].run_min = Some(29);
        let mut fx29 = left_injured();
        fx29.phase(40, 4);
        for c in short {
            fx29.add(c);
        }
        let s = status(&fx29);
        assert_eq!(met(&s), [false, false]);
        assert_eq!(
            s.criteria[0].detail,
            "longest continuous run from 2026-06-07 to 2026-06-20: 29 min (walk-run sessions do not count)"
        );

        // A walk-run session of 30 minutes is not continuous running; an
        // imported 32-minute run is.
        let mut walk_run = left_injured();
        walk_run.phase(40, 4);
        let mut session = entry(3, Leg::Left, 0, 0).ran(3.0, Some(1)).morning(1);
        session.run_min = Some(30);
        session.intervals = Some(crate::domain::Intervals::parse("i", "10x1/2").unwrap());
        walk_run.add(session);
        walk_run.add(entry(0, Leg::Left, 0, 0).morning(1));
        assert_eq!(met(&status(&walk_run)), [false, false]);
        let start = day(2).and_hms_opt(7, 0, 0).unwrap().and_utc();
        walk_run.runs.push(crate::domain::Run {
            km: Some(5.0),
            moving_s: Some(32 * 60),
            ..crate::domain::Run::imported(crate::domain::RunSource::Fit, day(2), start)
        });
        let mut rated = entry(2, Leg::Left, 0, 0).morning(1);
        rated.pain_run = Some(crate::domain::Score::new("pain_run", 1).unwrap());
        walk_run.add(rated);
        let s = status(&walk_run);
        assert_eq!(s.criteria[0].detail, "32 min run on 2026-06-18 (from fit)");
        assert!(s.ready, "{s:#?}");

        // Running pain 6 on that run: red that day.
        let mut red = left_injured();
        red.phase(40, 4);
        red.add(entry(3, Leg::Left, 0, 0).ran(5.0, Some(6)).morning(1));
        red.checkins[0].run_min = Some(35);
        red.add(entry(0, Leg::Left, 0, 0).morning(1));
        assert_eq!(met(&status(&red)), [true, false]);

        // A run 14 days ago is too old.
        let mut old = left_injured();
        old.phase(40, 4);
        let mut run = entry(14, Leg::Left, 0, 0).ran(6.0, Some(1));
        run.run_min = Some(40);
        old.add(run);
        assert_eq!(met(&status(&old)), [false, false]);
    }

    #[test]
    fn last_phase_shows_the_full_return_consensus() {
        let mut fx = left_injured();
        fx.phase(60, 5);
        tests(&mut fx, (30, 31), (30, 33));
        fx.add(entry(0, Leg::Left, 0, 0));
        let s = status(&fx);
        assert_eq!(s.next, None);
        assert!(s.ready, "{s:#?}");
        assert_eq!(
            s.criteria[0].description,
            "30 or more single-leg heel raises, heel raise, knee straight"
        );
        fx.add(entry(0, Leg::Left, 0, 1));
        assert_eq!(met(&status(&fx)), [true, true, true, true, false]);
    }
}
