//! The load light of SPEC 5.3: the pain-monitoring model of Silbernagel
//! et al. 2007 (Achilles tendinopathy), borrowed for the calf and labelled
//! so. One light for the journal: each day takes the highest value across
//! legs.

use chrono::NaiveDate;

use super::{Flag, Guidance, History, Level, Light, days_before};

/// The label every light carries, so nobody mistakes it for a calf rule.
pub const LIGHT_SOURCE: &str = "pain-monitoring model borrowed from Achilles tendon research \
     (Silbernagel et al. 2007), not a rule made for calf injuries";

/// Days the light looks at: `D-13 ..= D`.
const WINDOW: usize = 14;
/// A mean needs this many days with a value, or its clause is skipped.
const MIN_DAYS_FOR_MEAN: u32 = 3;
/// Exercise pain above this is red; from `AMBER_FROM` up to it, amber.
const RED_ABOVE: u8 = 5;
const AMBER_FROM: u8 = 3;

/// Latest check-in pain that makes the light red: rest 4+, walking 6+.
const RED_REST: u8 = 4;
const RED_WALK: u8 = 6;
/// ... and amber: rest 1-3, walking 3-5.
const AMBER_REST: u8 = 1;
const AMBER_WALK: u8 = 3;

/// What the stop light asks. "No running" only when a warning in force
/// pauses running (SPEC 5.6), so the light and the checklist agree; a
/// warning that pauses no run (worried, nerve soon, both legs) still holds
/// every step up.
fn stop_line(holding: &[&Flag]) -> &'static str {
    let pauses_running = holding
        .iter()
        .any(|f| super::paused_tags(f).covers(&[crate::domain::ExerciseTag::Running]));
    if pauses_running {
        "follow the warning first: no running, no progression, and only the exercises it allows"
    } else {
        "follow the warning first: no progression until the warning is dealt with, and only the exercises it allows"
    }
}

/// The light as of `date` (SPEC 5.3): stop, then red, unknown, amber,
/// green. `flags` are the active flags as of `date`; `held` the warnings
/// closed `not-seen` that still hold the light at stop ([`super::held`]).
pub(super) fn traffic_light(history: &History<'_>, date: NaiveDate, flags: &[Flag], held: &[Flag]) -> Guidance {
    let _ = held;
    let phase = current_phase(history, date);
    let holding: Vec<&Flag> = flags.iter().filter(|f| f.level <= Level::Soon).collect();
    if !holding.is_empty() {
        let mut because: Vec<String> = holding
            .iter()
            .map(|f| {
                format!(
                    "{} warning active for the {} calf: {} ({})",
                    f.level, f.leg, f.title, f.rule
                )
            })
            .collect();
        because.push(stop_line(&holding).to_owned());
        because.push(step_line(Light::Stop, phase, None));
        because.push(LIGHT_SOURCE.to_owned());
        return Guidance {
            light: Light::Stop,
            because,
        };
    }

    let mornings = Mornings::load(history, date);
    let exercise = ExercisePain::highest(history, date);
    let latest = LatestCheckIn::of(history, date);
    let dates = |newest: u64, oldest: u64| format!("{} to {}", days_before(date, oldest), days_before(date, newest));

    let mut red = Vec::new();
    let mut notes = Vec::new();
    if let Some(ex) = exercise.as_ref().filter(|e| e.pain > RED_ABOVE) {
        red.push(format!("exercise pain {} is above {RED_ABOVE}", ex.describe()));
    }
    match (mornings.on(0), mornings.mean(1, 7)) {
        (Some(today), Some(baseline)) => {
            let line = format!(
                "morning score {today}/10 on {date}, against a mean of {:.1} over {}",
                baseline.value(),
                dates(1, 7)
            );
            if Mean::single(today).at_least_one_above(baseline) {
                red.push(format!("{line}: at least 1 above"));
            } else {
                notes.push(format!("{line}: less than 1 above"));
            }
        }
        (None, _) => notes.push(format!(
            "no morning score on {date}: the comparison with your usual mornings was skipped"
        )),
        (Some(_), None) => notes.push(format!(
            "fewer than {MIN_DAYS_FOR_MEAN} morning scores over {}: the comparison with your usual mornings was skipped",
            dates(1, 7)
        )),
    }
    match (mornings.mean(0, 6), mornings.mean(7, 13)) {
        (Some(this_week), Some(last_week)) => {
            let line = format!(
                "mean morning score {:.1} this week ({}) against {:.1} last week ({})",
                this_week.value(),
                dates(0, 6),
                last_week.value(),
                dates(7, 13)
            );
            if this_week.at_least_one_above(last_week) {
                red.push(format!("{line}: at least 1 above"));
            } else {
                notes.push(format!("{line}: less than 1 above"));
            }
        }
        _ => notes.push(format!(
            "fewer than {MIN_DAYS_FOR_MEAN} morning scores this week or last week: the weekly comparison was skipped"
        )),
    }
    if let Some(latest) = &latest
        && (latest.rest >= RED_REST || latest.walk >= RED_WALK)
    {
        red.push(format!(
            "{}: {RED_REST}+ at rest or {RED_WALK}+ walking is red",
            latest.describe()
        ));
    }

    // A day with running (typed on either calf, or imported) and no
    // running pain on any check-in of that day.
    let recent = history.checkins_between(days_before(date, 1), date);
    let unrated_run = crate::domain::day_loads(
        recent,
        super::dated_between(history.runs, |r| r.date, days_before(date, 1), date),
    )
    .into_iter()
    .rev()
    .find(|d| d.is_run() && !recent.iter().any(|c| c.date == d.date && c.pain_run.is_some()));
    let (light, mut because) = if !red.is_empty() {
        (Light::Red, red)
    } else if latest.is_none() {
        let line = format!(
            "no check-in on {} or {date}: record one to judge the load",
            days_before(date, 1)
        );
        (Light::Unknown, vec![line])
    } else if let Some(run) = unrated_run {
        let whose = match recent.iter().find(|c| c.date == run.date && c.is_run()) {
            Some(typed) => format!("{} calf", typed.leg),
            None => "imported".to_owned(),
        };
        let line = format!(
            "the run on {} ({whose}) has no running pain score: add it to judge the load",
            run.date
        );
        (Light::Unknown, vec![line])
    } else {
        let mut amber = Vec::new();
        let mut fine = Vec::new();
        match &exercise {
            Some(ex) if ex.pain >= AMBER_FROM => amber.push(format!(
                "exercise pain {} is between {AMBER_FROM} and {RED_ABOVE}",
                ex.describe()
            )),
            Some(ex) => fine.push(format!("exercise pain {} is below {AMBER_FROM}", ex.describe())),
            None => fine.push(format!(
                "no exercise pain recorded on {} or {date} (counts as 0)",
                days_before(date, 1)
            )),
        }
        if let Some(latest) = &latest {
            let line = latest.describe();
            if latest.rest >= AMBER_REST || latest.walk >= AMBER_WALK {
                amber.push(format!(
                    "{line}: {AMBER_REST}-{} at rest or {AMBER_WALK}-{} walking is amber",
                    RED_REST - 1,
                    RED_WALK - 1
                ));
            } else {
                fine.push(format!("{line}: below amber"));
            }
        }
        let light = if amber.is_empty() { Light::Green } else { Light::Amber };
        let mut because = amber;
        because.append(&mut fine);
        because.append(&mut notes);
        (light, because)
    };
    because.extend(super::load::light_lines(history, date));
    because.push(step_line(light, phase, super::load::latest_walk_run(history, date)));
    because.push(LIGHT_SOURCE.to_owned());
    Guidance { light, because }
}

/// The phase the user confirmed last, as of `date` (1 without one).
fn current_phase(history: &History<'_>, date: NaiveDate) -> u8 {
    history.phases_until(date).last().map_or(1, |p| p.phase.clamp(1, 5))
}

/// What "a step" means for this light in this phase (SPEC 5.3).
/// In phase 4 a green step is one more walk-run interval or one more
/// running minute in each, named from the latest session (`walk_run`).
pub(super) fn step_line(light: Light, phase: u8, walk_run: Option<crate::domain::Intervals>) -> String {
    if let (Light::Green, 4) = (light, phase) {
        let name = super::PhaseInfo::of(phase).map_or("?", |p| p.name);
        return format!(
            "in phase {phase} ({name}), a step means: {}",
            super::load::walk_run_step(walk_run)
        );
    }
    let step = match (light, phase) {
        (Light::Stop, _) => "hold everything the warning pauses; no step up until it is dealt with",
        (Light::Unknown, _) => "hold: repeat your last load until the light can be judged",
        (Light::Amber, _) => "hold: repeat today's load",
        (Light::Green, 1) => "add a few minutes to your pain-free walks, or one more isometric hold",
        (Light::Green, 2) => "add one set, or 10 seconds to each stretch or hold",
        (Light::Green, 3) => "add one set, or a few repetitions, or a little weight (one change at a time)",
        (Light::Green, _) => "add no more than 10% to your longest run, and never distance and speed together",
        (Light::Red, 1) => "shorter, easier walks and fewer holds",
        (Light::Red, 2) => "one set fewer, and gentler stretches",
        (Light::Red, 3) => "one set fewer, or less weight, or back to both legs",
        (Light::Red, 4) => "back to the last walk-run that did not hurt, or walking only",
        (Light::Red, _) => "a shorter, easier run, or a rest day",
    };
    let name = super::PhaseInfo::of(phase).map_or("?", |p| p.name);
    format!("in phase {phase} ({name}), a step means: {step}")
}

/// The latest check-in of any leg dated `D-1 ..= D`, highest values across
/// legs on that date.
struct LatestCheckIn {
    date: NaiveDate,
    rest: u8,
    walk: u8,
}

impl LatestCheckIn {
    fn of(history: &History<'_>, date: NaiveDate) -> Option<LatestCheckIn> {
        let recent = history.checkins_between(days_before(date, 1), date);
        let newest = recent.last()?.date;
        let on_day = recent.iter().filter(|c| c.date == newest);
        Some(LatestCheckIn {
            date: newest,
            rest: on_day.clone().map(|c| c.pain_rest.value()).max().unwrap_or(0),
            walk: on_day.map(|c| c.pain_walk.value()).max().unwrap_or(0),
        })
    }

    fn describe(&self) -> String {
        format!(
            "latest check-in ({}): pain at rest {}/10, walking {}/10",
            self.date, self.rest, self.walk
        )
    }
}

/// The highest morning score of each day (across legs), `D-13 ..= D`.
struct Mornings {
    by_days_before: [Option<u8>; WINDOW],
}

impl Mornings {
    fn load(history: &History<'_>, date: NaiveDate) -> Mornings {
        let mut by_days_before = [None; WINDOW];
        let from = days_before(date, WINDOW as u64 - 1);
        for checkin in history.checkins_between(from, date) {
            let k = (date - checkin.date).num_days();
            let slot = usize::try_from(k).ok().and_then(|k| by_days_before.get_mut(k));
            if let (Some(slot), Some(morning)) = (slot, checkin.morning) {
                *slot = (*slot).max(Some(morning.value()));
            }
        }
        Mornings { by_days_before }
    }

    fn on(&self, days_before: usize) -> Option<u8> {
        self.by_days_before.get(days_before).copied().flatten()
    }

    /// Mean over `D-oldest ..= D-newest`, if enough days have a value.
    fn mean(&self, newest: usize, oldest: usize) -> Option<Mean> {
        let values = self.by_days_before.get(newest..=oldest)?.iter().flatten();
        let mean = values.fold(Mean { sum: 0, days: 0 }, |m, v| Mean {
            sum: m.sum + u32::from(*v),
            days: m.days + 1,
        });
        (mean.days >= MIN_DAYS_FOR_MEAN).then_some(mean)
    }
}

/// A mean kept as sum and count, so "at least 1 above" is exact.
#[derive(Debug, Clone, Copy)]
struct Mean {
    sum: u32,
    days: u32,
}

impl Mean {
    fn single(value: u8) -> Mean {
        Mean {
            sum: u32::from(value),
            days: 1,
        }
    }

    fn value(self) -> f64 {
        f64::from(self.sum) / f64::from(self.days.max(1))
    }

    /// `self >= other + 1`, multiplied out by both counts.
    fn at_least_one_above(self, other: Mean) -> bool {
        self.sum * other.days >= (other.sum + other.days) * self.days
    }
}

/// The highest pain during exercise on `D-1` or `D`: running pain from any
/// leg's check-in, or pain during a completed exercise.
struct ExercisePain {
    pain: u8,
    date: NaiveDate,
    during: String,
}

impl ExercisePain {
    fn highest(history: &History<'_>, date: NaiveDate) -> Option<ExercisePain> {
        let from = days_before(date, 1);
        let running = history.checkins_between(from, date).iter().filter_map(|c| {
            c.pain_run.map(|p| ExercisePain {
                pain: p.value(),
                date: c.date,
                during: format!("while running ({} calf)", c.leg),
            })
        });
        let exercises = history.completions_between(from, date).iter().filter_map(|c| {
            c.pain.map(|p| ExercisePain {
                pain: p.value(),
                date: c.date,
                during: format!("during {}", c.exercise),
            })
        });
        running
            .chain(exercises)
            .fold(None, |best: Option<ExercisePain>, next| match best {
                Some(best) if best.pain >= next.pain => Some(best),
                _ => Some(next),
            })
    }

    fn describe(&self) -> String {
        format!("{}/10 {} on {}", self.pain, self.during, self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Build, D, EntryExt, Fixture, entry, score};
    use super::*;
    use crate::clinical::RuleId;
    use crate::domain::Leg;

    fn light(fx: &Fixture) -> Guidance {
        traffic_light(&fx.history(), D, &super::super::flags(&fx.history(), D), &[])
    }

    /// Mornings on the given days before D (left calf, pain 0).
    fn mornings(values: &[(u64, u8)]) -> Fixture {
        let mut fx = Fixture::default();
        for (k, m) in values {
            fx.add(entry(*k, Leg::Left, 0, 0).morning(*m));
        }
        fx
    }

    fn run_pain(fx: &mut Fixture, days_before: u64, leg: Leg, pain: u8) {
        fx.add(entry(days_before, leg, 0, 0).ran(5.0, Some(pain)));
    }

    #[test]
    fn exercise_pain_above_5_is_red_3_to_5_amber_below_green() {
        for (pain, expected) in [
            (6, Light::Red),
            (5, Light::Amber),
            (3, Light::Amber),
            (2, Light::Green),
            (0, Light::Green),
        ] {
            let mut fx = Fixture::default();
            run_pain(&mut fx, 1, Leg::Right, pain);
            let g = light(&fx);
            assert_eq!(g.light, expected, "pain {pain}: {g:#?}");
            assert!(
                g.because[0].starts_with(&format!(
                    "exercise pain {pain}/10 while running (right calf) on 2026-06-19"
                )),
                "{g:#?}"
            );
        }
    }

    #[test]
    fn completion_pain_counts_on_d_and_d_minus_1_only() {
        let mut fx = Fixture::default();
        fx.done(0, "heel-raise-single", 6);
        let g = light(&fx);
        assert_eq!(g.light, Light::Red);
        assert_eq!(
            g.because[0],
            "exercise pain 6/10 during heel-raise-single on 2026-06-20 is above 5"
        );
        let mut fx = Fixture::default();
        fx.done(2, "heel-raise-single", 9);
        assert_eq!(light(&fx).light, Light::Unknown);
    }

    #[test]
    fn highest_exercise_pain_wins_across_legs_and_sources() {
        let mut fx = Fixture::default();
        run_pain(&mut fx, 0, Leg::Left, 2);
        run_pain(&mut fx, 0, Leg::Right, 4);
        fx.done(1, "pogo-hops", 3);
        assert_eq!(light(&fx).light, Light::Amber);
        fx.done(1, "walk-run", 6);
        assert_eq!(light(&fx).light, Light::Red);
    }

    #[test]
    fn morning_one_above_the_baseline_is_red() {
        // Baseline 2, 2, 3 (mean 2.33): 4 is red, 3 is not.
        let base = [(1, 2), (4, 2), (7, 3)];
        let mut fx = mornings(&base);
        fx.add(entry(0, Leg::Left, 0, 0).morning(4));
        let g = light(&fx);
        assert_eq!(g.light, Light::Red, "{g:#?}");
        assert_eq!(
            g.because[0],
            "morning score 4/10 on 2026-06-20, against a mean of 2.3 over 2026-06-13 to 2026-06-19: at least 1 above"
        );
        fx.add(entry(0, Leg::Left, 0, 0).morning(3));
        assert_eq!(light(&fx).light, Light::Green);
        // Exactly +1 is red: baseline 2, 2, 2 and morning 3.
        let mut fx = mornings(&[(1, 2), (2, 2), (3, 2), (0, 3)]);
        assert_eq!(light(&fx).light, Light::Red);
        // A baseline day at D-8 is outside: only 2 days left, clause skipped.
        fx = mornings(&[(1, 2), (2, 2), (8, 2), (0, 9)]);
        let g = light(&fx);
        assert_eq!(g.light, Light::Green, "{g:#?}");
        assert!(
            g.because
                .iter()
                .any(|b| b.starts_with("fewer than 3 morning scores over 2026-06-13 to 2026-06-19"))
        );
    }

    #[test]
    fn morning_takes_the_higher_leg() {
        let mut fx = mornings(&[(1, 1), (2, 1), (3, 1)]);
        fx.add(entry(0, Leg::Left, 0, 0).morning(1));
        fx.add(entry(0, Leg::Right, 0, 0).morning(2));
        assert_eq!(light(&fx).light, Light::Red);
    }

    #[test]
    fn this_week_one_above_last_week_is_red() {
        // Last week (D-13..D-7): 1, 1, 1. This week (D-6..D): 2, 2, 2 -> red.
        let weeks = [(13, 1), (10, 1), (7, 1), (6, 2), (5, 2), (4, 2)];
        let g = light(&mornings(&weeks));
        assert_eq!(g.light, Light::Red, "{g:#?}");
        assert!(
            g.because[0]
                .starts_with("mean morning score 2.0 this week (2026-06-14 to 2026-06-20) against 1.0 last week")
        );
        // This week 2, 2, 1 (1.67): less than 1 above -> not red.
        let g = light(&mornings(&[(13, 1), (10, 1), (7, 1), (6, 2), (5, 2), (4, 1)]));
        assert_ne!(g.light, Light::Red, "{g:#?}");
        // Last week with 2 values: skipped.
        let g = light(&mornings(&[(13, 1), (7, 1), (6, 5), (5, 5), (4, 5)]));
        assert_ne!(g.light, Light::Red, "{g:#?}");
        // This week with 2 values: skipped.
        let g = light(&mornings(&[(13, 1), (10, 1), (7, 1), (6, 5), (5, 5)]));
        assert_ne!(g.light, Light::Red, "{g:#?}");
    }

    #[test]
    fn red_beats_unknown() {
        // No morning or exercise pain on D-1..D, but the weekly clause is red.
        let g = light(&mornings(&[(13, 1), (10, 1), (8, 1), (6, 3), (4, 3), (2, 3)]));
        assert_eq!(g.light, Light::Red, "{g:#?}");
    }

    #[test]
    fn unknown_without_recent_exercise_pain_or_morning() {
        let g = light(&mornings(&[(2, 0), (3, 0)]));
        assert_eq!(g.light, Light::Unknown);
        assert_eq!(
            g.because[0],
            "no check-in on 2026-06-19 or 2026-06-20: record one to judge the load"
        );
        assert_eq!(light(&Fixture::default()).light, Light::Unknown);
        // A morning on D-1 is enough to judge: green (no exercise pain counts as 0).
        let g = light(&mornings(&[(1, 0)]));
        assert_eq!(g.light, Light::Green);
        assert_eq!(
            g.because[0],
            "no exercise pain recorded on 2026-06-19 or 2026-06-20 (counts as 0)"
        );
    }

    #[test]
    fn every_light_is_labelled_as_borrowed_from_tendon_research() {
        for fx in [Fixture::default(), mornings(&[(0, 1)])] {
            let g = light(&fx);
            assert!(g.because.last().unwrap().contains("Silbernagel et al. 2007"), "{g:#?}");
        }
    }

    #[test]
    fn entries_after_d_do_not_count() {
        let mut fx = Fixture::default();
        let mut later = entry(0, Leg::Left, 0, 0).ran(5.0, Some(9));
        later.date = D.succ_opt().unwrap();
        fx.add(later);
        fx.completions.push(crate::domain::Completion {
            date: D.succ_opt().unwrap(),
            exercise: "walk-run".into(),
            sets: None,
            pain: Some(score(9)),
            sessions: 1,
        });
        assert_eq!(light(&fx).light, Light::Unknown);
    }

    #[test]
    fn stop_says_no_running_only_when_a_warning_pauses_running() {
        let flag = |rule, level| Flag {
            rule,
            level,
            leg: Leg::Left,
            date: D,
            since: D,
            title: format!("{rule}"),
            advice: String::new(),
            because: Vec::new(),
            symptoms: Default::default(),
        };
        let fx = Fixture::default();
        let said = |flags: &[Flag]| {
            let g = traffic_light(&fx.history(), D, flags, &[]);
            assert_eq!(g.light, Light::Stop, "{g:#?}");
            g.because.join("\n")
        };
        // Bone stress pauses running: no running.
        let bone = said(&[flag(RuleId::Bone, Level::Soon)]);
        assert!(bone.contains("no running, no progression"), "{bone}");
        // A nerve warning at soon pauses nothing: still stop, never "no running".
        for rule in [RuleId::Nerve, RuleId::Worried, RuleId::BothLegs] {
            let text = said(&[flag(rule, Level::Soon)]);
            assert!(!text.contains("no running"), "{rule}: {text}");
            assert!(
                text.contains("no progression until the warning is dealt with"),
                "{rule}: {text}"
            );
        }
        // Any one warning that pauses running is enough.
        let both = said(&[flag(RuleId::Nerve, Level::Soon), flag(RuleId::Bone, Level::Soon)]);
        assert!(both.contains("no running"), "{both}");
    }

    #[test]
    fn stop_comes_first_and_names_the_warning() {
        let mut fx = mornings(&[(1, 0)]);
        fx.add(entry(0, Leg::Right, 0, 0).signs(&[crate::domain::Symptom::Bruising]));
        let g = light(&fx);
        assert_eq!(g.light, Light::Stop, "{g:#?}");
        assert_eq!(
            g.because[0],
            "soon warning active for the right calf: Bruising: possible muscle tear (bruising)"
        );
        // Bruising pauses stretches, not the run: the light says no step
        // up, not "no running" (the checklist leaves the run unpaused).
        assert!(
            g.because
                .iter()
                .any(|b| b.contains("no progression until the warning is dealt with")),
            "{g:#?}"
        );
        assert!(!g.because.iter().any(|b| b.contains("no running")), "{g:#?}");
        // A watch flag does not stop: a run 10% longer than the longest.
        let mut watch = Fixture::default();
        watch.add(entry(5, Leg::Left, 0, 0).ran(5.0, Some(0)));
        watch.add(entry(0, Leg::Left, 0, 0).ran(6.0, Some(0)));
        assert_eq!(light(&watch).light, Light::Green);
    }

    #[test]
    fn latest_check_in_rest_4_or_walking_6_is_red_below_is_amber() {
        for ((rest, walk), expected) in [
            ((4, 0), Light::Red),
            ((3, 0), Light::Amber),
            ((1, 0), Light::Amber),
            ((0, 6), Light::Red),
            ((0, 5), Light::Amber),
            ((0, 3), Light::Amber),
            ((0, 2), Light::Green),
        ] {
            let mut fx = Fixture::default();
            fx.add(entry(1, Leg::Left, rest, walk));
            assert_eq!(light(&fx).light, expected, "rest {rest} walk {walk}");
        }
        // The latest date wins, highest across legs on it: D beats D-1.
        let mut fx = Fixture::default();
        fx.add(entry(1, Leg::Left, 0, 6));
        fx.add(entry(0, Leg::Left, 0, 0));
        fx.add(entry(0, Leg::Right, 2, 0));
        assert_eq!(light(&fx).light, Light::Amber);
    }

    #[test]
    fn a_run_without_its_pain_is_unknown_and_asks_for_it() {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Left, 0, 0).ran(5.0, None));
        let g = light(&fx);
        assert_eq!(g.light, Light::Unknown);
        assert_eq!(
            g.because[0],
            "the run on 2026-06-20 (left calf) has no running pain score: add it to judge the load"
        );
        fx.add(entry(0, Leg::Left, 0, 0).ran(5.0, Some(1)));
        assert_eq!(light(&fx).light, Light::Green);
    }

    #[test]
    fn each_light_says_what_a_step_means_in_the_phase() {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Left, 0, 0));
        fx.phase(3, 4);
        let g = light(&fx);
        assert_eq!(g.light, Light::Green);
        assert!(
            g.because.contains(&"in phase 4 (Return to run), a step means: one more interval, or one more running minute in each interval of the walk-run".to_owned()),
            "{g:#?}"
        );
        for (light, phase) in [
            (Light::Amber, 2),
            (Light::Red, 3),
            (Light::Stop, 1),
            (Light::Unknown, 5),
        ] {
            assert!(step_line(light, phase, None).starts_with(&format!("in phase {phase} (")));
        }
    }
}
