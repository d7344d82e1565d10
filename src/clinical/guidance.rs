//! The load light (see docs/clinical-rules.md, the load light): the
//! pain-monitoring model of Silbernagel et al. 2007 (Achilles
//! tendinopathy), borrowed for the calf and labelled so. One light for the
//! journal: each day takes the highest value across legs.

use chrono::NaiveDate;

use super::assessment::{Flag, Guidance, Light};
use super::distance::km_text;
use super::history::{History, days_before};
use super::phase_info::PhaseInfo;
use crate::domain::{CheckIn, DayLoad, Leg, Level, RuleId};

/// The label every light carries: whose model it is, what the
/// model itself holds, and which clauses this app added.
pub const LIGHT_SOURCE: &str = "pain-monitoring model borrowed from Achilles tendon research (Silbernagel et al. \
     2007): the exercise-pain, next-morning and week-to-week rules are the model's; the +1 thresholds, the check-in \
     pain clauses and the phase and warning clauses are this app's additions";

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

/// What the stop light asks: running and plyometric work are always
/// paused under stop (see docs/clinical-rules.md, exercises under a
/// warning), so the light and the checklist agree.
const STOP_LINE: &str =
    "follow the warning first: no running, no hopping or bounding, no progression, and only the exercises it allows";

/// The running step: what "a step" means when a run's pain decided the light.
const RUNNING_STEP: &str = "shorten the next run, or go back one walk-run step";
/// The step while running comes before phase 4.
const NO_RUNNING_YET: &str = "no running until the return-to-run criteria hold";

/// Which kind of clause decided red or amber, for the step it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decided {
    /// A clause of the phase's own load: the phase's step.
    Phase,
    /// The pain of a run (`pain_run`): a running step.
    RunPain,
    /// A run before phase 4.
    EarlyRun,
    /// `load-spike`: the next run no longer than the cap.
    Spike,
}

/// The light as of `date`: stop, then red, unknown, amber,
/// green. `flags` are the active flags as of `date`; `held` the warnings
/// closed `not-seen` that still hold the light at stop ([`held`](super::held)).
pub(super) fn traffic_light(history: &History<'_>, date: NaiveDate, flags: &[Flag], held: &[Flag]) -> Guidance {
    let phase = current_phase(history, date);
    let holding: Vec<&Flag> = flags.iter().filter(|f| f.level <= Level::Soon).collect();
    if !holding.is_empty() || !held.is_empty() {
        let mut because: Vec<String> = holding
            .iter()
            .map(|f| {
                format!(
                    "{} warning active for the {} calf: {} ({})",
                    f.level, f.leg, f.title, f.rule
                )
            })
            .collect();
        because.extend(held.iter().map(|f| {
            format!(
                "{} warning for the {} calf closed without an assessment: {} ({}); it holds until a check-in of \
                 that calf without these signs",
                f.level, f.leg, f.title, f.rule
            )
        }));
        because.push(STOP_LINE.to_owned());
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
    let runs = super::load::runs_of_last_two_days(history, date);
    let watch = |rule: RuleId| flags.iter().filter(move |f| f.rule == rule);

    let mut red: Vec<(String, Decided)> = Vec::new();
    let mut notes = Vec::new();
    if let Some(ex) = exercise.as_ref().filter(|e| e.pain > RED_ABOVE) {
        red.push((
            format!("exercise pain {} is above {RED_ABOVE}", ex.describe()),
            ex.decided(),
        ));
    }
    match (mornings.on(0), mornings.mean(1, 7)) {
        (Some(today), Some(baseline)) => {
            let line = format!(
                "morning score {today}/10 on {date}, against a mean of {:.1} over {}",
                baseline.value(),
                dates(1, 7)
            );
            if Mean::single(today).at_least_one_above(baseline) {
                red.push((format!("{line}: at least 1 above"), Decided::Phase));
            } else {
                notes.push(format!("{line}: less than 1 above"));
            }
        }
        (None, _) => notes.push(format!(
            "no morning score on {date}: the comparison with your usual mornings was skipped"
        )),
        (Some(_), None) => notes.push(format!(
            "fewer than {MIN_DAYS_FOR_MEAN} morning scores over {}{}: the comparison with your usual mornings was skipped",
            dates(1, 7),
            mornings.since_injury()
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
                red.push((format!("{line}: at least 1 above"), Decided::Phase));
            } else {
                notes.push(format!("{line}: less than 1 above"));
            }
        }
        _ => notes.push(format!(
            "fewer than {MIN_DAYS_FOR_MEAN} morning scores this week or last week{}: the weekly comparison was skipped",
            mornings.since_injury()
        )),
    }
    if let Some(latest) = &latest
        && (latest.rest >= RED_REST || latest.walk >= RED_WALK)
    {
        red.push((
            format!(
                "{}: {RED_REST}+ at rest or {RED_WALK}+ walking is red",
                latest.describe()
            ),
            Decided::Phase,
        ));
    }
    for f in watch(RuleId::Worsening) {
        red.push((
            format!(
                "pain is rising on the {} calf: {} ({} flag, {})",
                f.leg, f.title, f.level, f.rule
            ),
            Decided::Phase,
        ));
    }
    if phase < RUNNING_PHASE
        && let Some(run) = runs.first()
    {
        let name = PhaseInfo::of(phase).map_or("?", |p| p.name);
        red.push((
            format!(
                "a run on {} while in phase {phase} ({name}): running comes back in phase {RUNNING_PHASE} (Return to run)",
                run.date
            ),
            Decided::EarlyRun,
        ));
    }

    // A day with running (typed on either calf, or imported) and no
    // running pain on any check-in of that day.
    let recent = history.checkins_between(days_before(date, 1), date);
    let missing = latest
        .as_ref()
        .map_or_else(|| injured_legs(history), |l| l.missing.clone());
    let unrated_run = runs
        .iter()
        .find(|d| !recent.iter().any(|c| c.date == d.date && c.pain_run.is_some()));
    let (light, decided, mut because) = if !red.is_empty() {
        let decided = if red.iter().any(|(_, d)| *d == Decided::EarlyRun) {
            Decided::EarlyRun
        } else {
            red[0].1
        };
        (
            Light::Red,
            vec![decided],
            red.into_iter().map(|(line, _)| line).collect(),
        )
    } else if !missing.is_empty() || latest.is_none() {
        let mut lines: Vec<String> = missing
            .iter()
            .map(|leg| {
                format!(
                    "no check-in of the {leg} calf on {} or {date}: record one to judge the load",
                    days_before(date, 1)
                )
            })
            .collect();
        if lines.is_empty() {
            lines.push(format!(
                "no check-in on {} or {date}: record one to judge the load",
                days_before(date, 1)
            ));
        }
        lines.extend(unrated_run.map(|run| unrated_line(run, recent)));
        (Light::Unknown, Vec::new(), lines)
    } else if let Some(run) = unrated_run {
        (Light::Unknown, Vec::new(), vec![unrated_line(run, recent)])
    } else {
        let mut amber: Vec<(String, Decided)> = Vec::new();
        let mut fine = Vec::new();
        match &exercise {
            Some(ex) if ex.pain >= AMBER_FROM => amber.push((
                format!(
                    "exercise pain {} is between {AMBER_FROM} and {RED_ABOVE}",
                    ex.describe()
                ),
                ex.decided(),
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
                amber.push((
                    format!(
                        "{line}: {AMBER_REST}-{} at rest or {AMBER_WALK}-{} walking is amber",
                        RED_REST - 1,
                        RED_WALK - 1
                    ),
                    Decided::Phase,
                ));
            } else {
                fine.push(format!("{line}: below amber"));
            }
        }
        let cap = cap_line(history, date);
        for f in watch(RuleId::LoadSpike) {
            amber.push((
                format!(
                    "{} on the {} calf ({} flag, {}): {cap}",
                    f.title, f.leg, f.level, f.rule
                ),
                Decided::Spike,
            ));
        }
        // Never green beside an active flag (nothing shown contradicts an
        // active flag): any flag not already counted holds the load.
        for f in flags
            .iter()
            .filter(|f| !matches!(f.rule, RuleId::LoadSpike | RuleId::Worsening))
        {
            amber.push((
                format!(
                    "{} flag active for the {} calf: {} ({}): hold the load",
                    f.level, f.leg, f.title, f.rule
                ),
                Decided::Phase,
            ));
        }
        let light = if amber.is_empty() { Light::Green } else { Light::Amber };
        let mut decided: Vec<Decided> = Vec::new();
        if let Some((_, first)) = amber.first() {
            decided.push(*first);
        }
        if amber.iter().any(|(_, d)| *d == Decided::Spike) && !decided.contains(&Decided::Spike) {
            decided.push(Decided::Spike);
        }
        let mut because: Vec<String> = amber.into_iter().map(|(line, _)| line).collect();
        because.append(&mut fine);
        because.append(&mut notes);
        (light, decided, because)
    };
    because.extend(super::load::light_lines(history, date));
    because.push(decided_step(light, phase, &decided, history, date));
    because.push(LIGHT_SOURCE.to_owned());
    Guidance { light, because }
}

/// The light's line for a day of running with no running pain on any
/// check-in of that day: it names the run (its distance, and the calf it
/// was typed on or "imported") and where its pain goes.
fn unrated_line(run: &DayLoad, recent: &[CheckIn]) -> String {
    let whose = match recent.iter().find(|c| c.date == run.date && c.is_run()) {
        Some(typed) => format!("{} calf", typed.leg),
        None => "imported".to_owned(),
    };
    let what = match (run.km > 0.0, run.runs) {
        (true, 1) => format!("the {} run", km_text(run.km)),
        (true, n) => format!("the {n} runs ({})", km_text(run.km)),
        (false, _) => "the run".to_owned(),
    };
    format!(
        "{what} on {} ({whose}) has no running pain score: add \"Pain running\" to that day's check-in to judge the \
         load",
        run.date
    )
}

/// The phase from which running is part of the plan (see
/// docs/clinical-rules.md, phases and return to running).
const RUNNING_PHASE: u8 = 4;

/// The profile's injured legs (both for `both`).
fn injured_legs(history: &History<'_>) -> Vec<Leg> {
    Leg::BOTH
        .into_iter()
        .filter(|l| history.profile.leg.includes(*l))
        .collect()
}

/// "next run no longer than the cap": 1.1 × the longest run of the 30
/// days before `date`.
fn cap(history: &History<'_>, date: NaiveDate) -> Option<(f64, f64, NaiveDate)> {
    super::load::longest_run_before(history, date).map(|(km, day)| (SPIKE_CAP * km, km, day))
}

/// How much longer than the longest recent run the next one may be.
const SPIKE_CAP: f64 = super::load::SPIKE_FACTOR;

fn cap_line(history: &History<'_>, date: NaiveDate) -> String {
    match cap(history, date) {
        Some((cap, longest, day)) => format!(
            "next run no longer than the cap of {} ({SPIKE_CAP} × the longest run of the 30 days before {date}, {} on {day})",
            km_text(cap),
            km_text(longest)
        ),
        None => "next run no longer than your longest run of the last 30 days, plus 10%".to_owned(),
    }
}

/// The step line for the clauses that decided the light: a running step
/// when a run's pain decided it, the cap after a spike, no running before
/// phase 4, and otherwise the phase's own step.
fn decided_step(light: Light, phase: u8, decided: &[Decided], history: &History<'_>, date: NaiveDate) -> String {
    let name = PhaseInfo::of(phase).map_or("?", |p| p.name);
    let head = format!("in phase {phase} ({name}), a step means");
    let steps: Vec<String> = decided
        .iter()
        .filter_map(|d| match d {
            Decided::Phase => None,
            Decided::RunPain => Some(RUNNING_STEP.to_owned()),
            Decided::EarlyRun => Some(NO_RUNNING_YET.to_owned()),
            Decided::Spike => Some(match cap(history, date) {
                Some((cap, _, _)) => format!("next run no longer than the cap ({})", km_text(cap)),
                None => "next run no longer than the cap".to_owned(),
            }),
        })
        .collect();
    if steps.is_empty() || matches!(light, Light::Green | Light::Unknown | Light::Stop) {
        return step_line(light, phase, super::load::latest_walk_run(history, date));
    }
    format!("{head}: {}", steps.join("; and "))
}

/// The phase the user confirmed last, as of `date` (1 without one).
fn current_phase(history: &History<'_>, date: NaiveDate) -> u8 {
    history.phases_until(date).last().map_or(1, |p| p.phase.clamp(1, 5))
}

/// What "a step" means for this light in this phase.
/// In phase 4 a green step is one more walk-run interval or one more
/// running minute in each, named from the latest session (`walk_run`).
pub(super) fn step_line(light: Light, phase: u8, walk_run: Option<crate::domain::Intervals>) -> String {
    if let (Light::Green, 4) = (light, phase) {
        let name = PhaseInfo::of(phase).map_or("?", |p| p.name);
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
    let name = PhaseInfo::of(phase).map_or("?", |p| p.name);
    format!("in phase {phase} ({name}), a step means: {step}")
}

/// Each leg's latest check-in dated `D-1 ..= D`, taking the highest value
/// of each field across them, so an older painful entry of one
/// calf is not hidden by a newer clean one of the other.
struct LatestCheckIn {
    /// Each leg's latest entry's date.
    dates: Vec<(Leg, NaiveDate)>,
    rest: u8,
    walk: u8,
    /// Injured legs with no check-in dated `D-1 ..= D`.
    missing: Vec<Leg>,
}

impl LatestCheckIn {
    fn of(history: &History<'_>, date: NaiveDate) -> Option<LatestCheckIn> {
        let recent = history.checkins_between(days_before(date, 1), date);
        let latest: Vec<&crate::domain::CheckIn> = Leg::BOTH
            .into_iter()
            .filter_map(|leg| recent.iter().rev().find(|c| c.leg == leg))
            .collect();
        if latest.is_empty() {
            return None;
        }
        let missing = injured_legs(history)
            .into_iter()
            .filter(|leg| !latest.iter().any(|c| c.leg == *leg))
            .collect();
        Some(LatestCheckIn {
            dates: latest.iter().map(|c| (c.leg, c.date)).collect(),
            rest: latest.iter().map(|c| c.pain_rest.value()).max().unwrap_or(0),
            walk: latest.iter().map(|c| c.pain_walk.value()).max().unwrap_or(0),
            missing,
        })
    }

    fn describe(&self) -> String {
        let which: Vec<String> = self
            .dates
            .iter()
            .map(|(leg, day)| format!("{leg} calf {day}"))
            .collect();
        let noun = if self.dates.len() == 1 { "check-in" } else { "check-ins" };
        format!(
            "latest {noun} ({}): pain at rest {}/10, walking {}/10",
            which.join(", "),
            self.rest,
            self.walk
        )
    }
}

/// The highest morning score of each day (across legs), `D-13 ..= D`.
/// Days before the profile's `injury_date` are left out: the
/// mornings before the injury are not this recovery's baseline.
struct Mornings {
    by_days_before: [Option<u8>; WINDOW],
    /// The injury date, when it cut the window.
    cut: Option<NaiveDate>,
}

impl Mornings {
    fn load(history: &History<'_>, date: NaiveDate) -> Mornings {
        let mut by_days_before = [None; WINDOW];
        let window_from = days_before(date, WINDOW as u64 - 1);
        let injury = history.profile.injury_date.filter(|d| *d > window_from);
        let from = injury.map_or(window_from, |d| d.min(date));
        for checkin in history.checkins_between(from, date) {
            let k = (date - checkin.date).num_days();
            let slot = usize::try_from(k).ok().and_then(|k| by_days_before.get_mut(k));
            if let (Some(slot), Some(morning)) = (slot, checkin.morning) {
                *slot = (*slot).max(Some(morning.value()));
            }
        }
        Mornings {
            by_days_before,
            cut: injury,
        }
    }

    /// " (counting from the injury date, D)" when the injury date cut the
    /// window, for the line that says a comparison was skipped.
    fn since_injury(&self) -> String {
        self.cut
            .map_or_else(String::new, |d| format!(" (counting from the injury date, {d})"))
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
    /// A run's pain (`pain_run`), not an exercise's.
    from_run: bool,
}

impl ExercisePain {
    fn highest(history: &History<'_>, date: NaiveDate) -> Option<ExercisePain> {
        let from = days_before(date, 1);
        let running = history.checkins_between(from, date).iter().filter_map(|c| {
            c.pain_run.map(|p| ExercisePain {
                pain: p.value(),
                date: c.date,
                during: format!("while running ({} calf)", c.leg),
                from_run: true,
            })
        });
        let exercises = history.completions_between(from, date).iter().filter_map(|c| {
            c.pain.map(|p| ExercisePain {
                pain: p.value(),
                date: c.date,
                during: format!("during {}", c.exercise),
                from_run: false,
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

    fn decided(&self) -> Decided {
        if self.from_run {
            Decided::RunPain
        } else {
            Decided::Phase
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::RuleId;
    use super::super::testkit::{Build, D, EntryExt, Fixture, day, entry, score};
    use super::*;
    use crate::domain::{InjuredLeg, Leg};

    /// A left-injured journal in phase 4 since D-60, so a run on its own
    /// does not make the light red.
    fn fx() -> Fixture {
        let mut fx = Fixture::default();
        fx.profile.leg = InjuredLeg::Left;
        fx.phase(60, 4);
        fx
    }

    fn light(fx: &Fixture) -> Guidance {
        traffic_light(&fx.history(), D, &super::super::flags(&fx.history(), D), &[])
    }

    fn flag(rule: RuleId, level: Level) -> Flag {
        Flag {
            rule,
            level,
            leg: Leg::Left,
            date: D,
            since: D,
            title: format!("{rule} title"),
            advice: String::new(),
            because: Vec::new(),
            symptoms: Default::default(),
        }
    }

    /// Mornings on the given days before D (left calf, pain 0).
    fn mornings(values: &[(u64, u8)]) -> Fixture {
        let mut fx = fx();
        for (k, m) in values {
            fx.add(entry(*k, Leg::Left, 0, 0).morning(*m));
        }
        fx
    }

    fn run_pain(fx: &mut Fixture, days_before: u64, leg: Leg, pain: u8) {
        fx.add(entry(days_before, leg, 0, 0).ran(5.0, Some(pain)));
    }

    fn step(g: &Guidance) -> &str {
        g.because[g.because.len() - 2].as_str()
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
            let mut fx = fx();
            run_pain(&mut fx, 1, Leg::Left, pain);
            let g = light(&fx);
            assert_eq!(g.light, expected, "pain {pain}: {g:#?}");
            assert!(
                g.because[0].starts_with(&format!(
                    "exercise pain {pain}/10 while running (left calf) on 2026-06-19"
                )),
                "{g:#?}"
            );
        }
    }

    #[test]
    fn completion_pain_counts_on_d_and_d_minus_1_only() {
        let mut fx = fx();
        fx.done(0, "heel-raise-single", 6);
        let g = light(&fx);
        assert_eq!(g.light, Light::Red);
        assert_eq!(
            g.because[0],
            "exercise pain 6/10 during heel-raise-single on 2026-06-20 is above 5"
        );
        let mut fx = self::fx();
        fx.done(2, "heel-raise-single", 9);
        assert_eq!(light(&fx).light, Light::Unknown);
    }

    #[test]
    fn highest_exercise_pain_wins_across_legs_and_sources() {
        let mut fx = fx();
        run_pain(&mut fx, 0, Leg::Left, 2);
        run_pain(&mut fx, 0, Leg::Right, 4);
        fx.done(1, "pogo-hops", 3);
        assert_eq!(light(&fx).light, Light::Amber);
        fx.done(1, "walk-run", 6);
        assert_eq!(light(&fx).light, Light::Red);
    }

    #[test]
    fn a_run_pain_that_decides_gives_a_running_step_other_pain_the_phase_step() {
        // Red from a run's pain: the running step.
        let mut fx = fx();
        run_pain(&mut fx, 0, Leg::Left, 6);
        let g = light(&fx);
        assert_eq!(g.light, Light::Red);
        assert_eq!(
            step(&g),
            "in phase 4 (Return to run), a step means: shorten the next run, or go back one walk-run step"
        );
        // Amber from a run's pain: the running step too.
        let mut fx = self::fx();
        run_pain(&mut fx, 0, Leg::Left, 4);
        let g = light(&fx);
        assert_eq!(g.light, Light::Amber);
        assert!(step(&g).ends_with(RUNNING_STEP), "{g:#?}");
        // Red from an exercise's pain: the phase's own step.
        let mut fx = self::fx();
        fx.add(entry(0, Leg::Left, 0, 0));
        fx.done(0, "heel-raise-single", 6);
        let g = light(&fx);
        assert_eq!(g.light, Light::Red);
        assert_eq!(
            step(&g),
            "in phase 4 (Return to run), a step means: back to the last walk-run that did not hurt, or walking only"
        );
        // Amber from check-in pain: the phase's hold.
        let mut fx = self::fx();
        fx.add(entry(0, Leg::Left, 2, 0));
        let g = light(&fx);
        assert_eq!(g.light, Light::Amber);
        assert_eq!(
            step(&g),
            "in phase 4 (Return to run), a step means: hold: repeat today's load"
        );
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
    fn baseline_and_week_means_count_only_days_from_the_injury_date() {
        // Mornings 0 on D-7..D-5, 1 on D: red against the baseline.
        let mut fx = mornings(&[(7, 0), (6, 0), (5, 0), (0, 1)]);
        assert_eq!(light(&fx).light, Light::Red);
        // Injured on D-4: those mornings came before it, the clause is skipped.
        fx.profile.injury_date = Some(day(4));
        let g = light(&fx);
        assert_eq!(g.light, Light::Green, "{g:#?}");
        assert!(
            g.because.iter().any(|b| b
                .contains("morning scores over 2026-06-13 to 2026-06-19 (counting from the injury date, 2026-06-16)")),
            "{g:#?}"
        );
        // Injured on D-7: the day of the injury counts.
        fx.profile.injury_date = Some(day(7));
        assert_eq!(light(&fx).light, Light::Red);
        // The weekly comparison too: last week 1, 1, 1 and this week 2, 2, 2
        // is red, but not when the injury came on D-6.
        let mut fx = mornings(&[(13, 1), (10, 1), (7, 1), (6, 2), (5, 2), (4, 2)]);
        assert_eq!(light(&fx).light, Light::Red);
        fx.profile.injury_date = Some(day(6));
        assert_ne!(light(&fx).light, Light::Red);
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
    fn unknown_without_a_recent_check_in_of_the_injured_calf() {
        let g = light(&mornings(&[(2, 0), (3, 0)]));
        assert_eq!(g.light, Light::Unknown);
        assert_eq!(
            g.because[0],
            "no check-in of the left calf on 2026-06-19 or 2026-06-20: record one to judge the load"
        );
        assert_eq!(light(&fx()).light, Light::Unknown);
        // A check-in on D-1 is enough to judge: green (no exercise pain counts as 0).
        let g = light(&mornings(&[(1, 0)]));
        assert_eq!(g.light, Light::Green);
        assert_eq!(
            g.because[0],
            "no exercise pain recorded on 2026-06-19 or 2026-06-20 (counts as 0)"
        );
    }

    #[test]
    fn the_uninjured_calf_alone_never_makes_the_light_green() {
        // Issue 18 case 9: GREEN from the uninjured leg's entry.
        let mut fx = fx();
        fx.add(entry(0, Leg::Right, 0, 0));
        let g = light(&fx);
        assert_eq!(g.light, Light::Unknown, "{g:#?}");
        assert_eq!(
            g.because[0],
            "no check-in of the left calf on 2026-06-19 or 2026-06-20: record one to judge the load"
        );
        fx.add(entry(1, Leg::Left, 0, 0));
        assert_eq!(light(&fx).light, Light::Green);
        // Both calves injured: each needs one, and each missing one is named.
        let mut both = self::fx();
        both.profile.leg = InjuredLeg::Both;
        both.add(entry(0, Leg::Right, 0, 0));
        let g = light(&both);
        assert_eq!(g.light, Light::Unknown);
        assert_eq!(g.because.len(), 3, "only the left calf is missing: {g:#?}");
        assert!(g.because[0].contains("of the left calf"), "{g:#?}");
        let mut none = self::fx();
        none.profile.leg = InjuredLeg::Both;
        let g = light(&none);
        assert!(g.because[0].contains("of the left calf") && g.because[1].contains("of the right calf"));
    }

    #[test]
    fn each_calf_reads_its_own_latest_check_in_highest_field_wins() {
        for ((rest, walk), expected) in [
            ((4, 0), Light::Red),
            ((3, 0), Light::Amber),
            ((1, 0), Light::Amber),
            ((0, 6), Light::Red),
            ((0, 5), Light::Amber),
            ((0, 3), Light::Amber),
            ((0, 2), Light::Green),
        ] {
            let mut fx = fx();
            fx.add(entry(1, Leg::Left, rest, walk));
            assert_eq!(light(&fx).light, expected, "rest {rest} walk {walk}");
        }
        // Within a calf the latest date wins: D beats D-1.
        let mut fx = fx();
        fx.add(entry(1, Leg::Left, 0, 6));
        fx.add(entry(0, Leg::Left, 0, 0));
        fx.add(entry(0, Leg::Right, 2, 0));
        let g = light(&fx);
        assert_eq!(g.light, Light::Amber);
        assert!(
            g.because[0].starts_with(
                "latest check-ins (left calf 2026-06-20, right calf 2026-06-20): pain at rest 2/10, walking 0/10"
            ),
            "{g:#?}"
        );
        // An older painful entry of one calf is not hidden by a newer clean
        // one of the other: left walking 6 on D-1, right clean on D.
        let mut fx = self::fx();
        fx.add(entry(1, Leg::Left, 0, 6));
        fx.add(entry(0, Leg::Right, 0, 0));
        let g = light(&fx);
        assert_eq!(g.light, Light::Red, "{g:#?}");
        assert!(
            g.because[0].contains("(left calf 2026-06-19, right calf 2026-06-20)"),
            "{g:#?}"
        );
    }

    #[test]
    fn worsening_is_red() {
        // Pain 0 on D-9 and D-8, walking 2 on D-1 and D: the mean rose by 2.
        let mut fx = fx();
        for k in [9, 8] {
            fx.add(entry(k, Leg::Left, 0, 0));
        }
        for k in [1, 0] {
            fx.add(entry(k, Leg::Left, 0, 2));
        }
        let g = light(&fx);
        assert_eq!(g.light, Light::Red, "{g:#?}");
        assert!(g.because[0].starts_with("pain is rising on the left calf: "), "{g:#?}");
        // Walking 1 then 2: the mean rose by 1.5, no flag, green.
        fx.add(entry(1, Leg::Left, 0, 1));
        assert_eq!(light(&fx).light, Light::Green);
        // The flag on its own decides it.
        let mut quiet = self::fx();
        quiet.add(entry(0, Leg::Left, 0, 0));
        let g = traffic_light(&quiet.history(), D, &[flag(RuleId::Worsening, Level::Watch)], &[]);
        assert_eq!(g.light, Light::Red);
        assert!(g.because[0].contains("(watch flag, worsening)"), "{g:#?}");
    }

    #[test]
    fn a_run_before_phase_4_is_red_and_the_step_is_no_running() {
        let mut fx = fx();
        fx.phases.clear();
        fx.phase(10, 3);
        run_pain(&mut fx, 0, Leg::Left, 0);
        let g = light(&fx);
        assert_eq!(g.light, Light::Red, "{g:#?}");
        assert_eq!(
            g.because[0],
            "a run on 2026-06-20 while in phase 3 (Strength): running comes back in phase 4 (Return to run)"
        );
        assert_eq!(
            step(&g),
            "in phase 3 (Strength), a step means: no running until the return-to-run criteria hold"
        );
        // Also with the run's pain above 5: no running still decides the step.
        run_pain(&mut fx, 0, Leg::Left, 7);
        assert!(step(&light(&fx)).ends_with(NO_RUNNING_YET));
        // A run on D-2 is outside D-1..D.
        let mut old = self::fx();
        old.phases.clear();
        old.add(entry(2, Leg::Left, 0, 0).ran(5.0, Some(0)));
        old.add(entry(0, Leg::Left, 0, 0));
        assert_eq!(light(&old).light, Light::Green);
        // In phase 4 the same run is fine.
        let mut four = self::fx();
        run_pain(&mut four, 0, Leg::Left, 0);
        assert_eq!(light(&four).light, Light::Green);
    }

    #[test]
    fn a_load_spike_is_amber_with_the_cap_as_the_step() {
        let mut fx = fx();
        fx.add(entry(5, Leg::Left, 0, 0).ran(5.0, Some(0)));
        fx.add(entry(0, Leg::Left, 0, 0).ran(6.0, Some(0)));
        let g = light(&fx);
        assert_eq!(g.light, Light::Amber, "{g:#?}");
        assert!(
            g.because[0].ends_with(
                "next run no longer than the cap of 5.5 km (1.1 × the longest run of the 30 days before 2026-06-20, 5 km on 2026-06-15)"
            ),
            "{g:#?}"
        );
        assert_eq!(
            step(&g),
            "in phase 4 (Return to run), a step means: next run no longer than the cap (5.5 km)"
        );
        // 5.5 km is not a spike: green.
        fx.add(entry(0, Leg::Left, 0, 0).ran(5.5, Some(0)));
        assert_eq!(light(&fx).light, Light::Green);
    }

    #[test]
    fn never_green_while_a_flag_is_active() {
        let mut fx = fx();
        fx.add(entry(0, Leg::Left, 0, 0));
        assert_eq!(light(&fx).light, Light::Green);
        let g = traffic_light(&fx.history(), D, &[flag(RuleId::LoadSpike, Level::Watch)], &[]);
        assert_eq!(g.light, Light::Amber, "{g:#?}");
        // Any other watch flag (none exists yet) holds the load as well.
        let g = traffic_light(&fx.history(), D, &[flag(RuleId::Persistent, Level::Watch)], &[]);
        assert_eq!(g.light, Light::Amber, "{g:#?}");
        for level in [Level::Emergency, Level::Urgent, Level::Soon] {
            let g = traffic_light(&fx.history(), D, &[flag(RuleId::Worried, level)], &[]);
            assert_eq!(g.light, Light::Stop, "{level}");
        }
    }

    #[test]
    fn every_light_is_labelled_with_the_model_and_this_apps_additions() {
        for fx in [fx(), mornings(&[(0, 1)])] {
            let g = light(&fx);
            let label = g.because.last().unwrap();
            assert!(label.contains("Silbernagel et al. 2007"), "{g:#?}");
            assert!(
                label.contains("exercise-pain, next-morning and week-to-week rules are the model's"),
                "{label}"
            );
            assert!(
                label.contains("the +1 thresholds, the check-in pain clauses and the phase and warning clauses are this app's additions"),
                "{label}"
            );
        }
    }

    #[test]
    fn entries_after_d_do_not_count() {
        let mut fx = fx();
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
    fn stop_always_says_no_running_and_names_the_warning() {
        let fx = fx();
        for rule in [
            RuleId::Nerve,
            RuleId::Worried,
            RuleId::BothLegs,
            RuleId::Bruising,
            RuleId::Bone,
        ] {
            let g = traffic_light(&fx.history(), D, &[flag(rule, Level::Soon)], &[]);
            assert_eq!(g.light, Light::Stop, "{g:#?}");
            assert_eq!(
                g.because[0],
                format!("soon warning active for the left calf: {rule} title ({rule})")
            );
            assert!(g.because.iter().any(|b| b == STOP_LINE), "{g:#?}");
        }
    }

    #[test]
    fn a_not_seen_close_holds_the_light_at_stop() {
        let mut fx = fx();
        fx.add(entry(0, Leg::Left, 0, 0));
        let held = [flag(RuleId::Dvt, Level::Urgent)];
        let g = traffic_light(&fx.history(), D, &[], &held);
        assert_eq!(g.light, Light::Stop, "{g:#?}");
        assert_eq!(
            g.because[0],
            "urgent warning for the left calf closed without an assessment: dvt title (dvt); it holds until a \
             check-in of that calf without these signs"
        );
        assert!(g.because.iter().any(|b| b == STOP_LINE));
        // Nothing held: the light is judged as usual.
        assert_eq!(traffic_light(&fx.history(), D, &[], &[]).light, Light::Green);
    }

    #[test]
    fn stop_comes_first() {
        let mut fx = mornings(&[(1, 0)]);
        fx.add(entry(0, Leg::Right, 0, 0).signs(&[crate::domain::Symptom::Bruising]));
        let g = light(&fx);
        assert_eq!(g.light, Light::Stop, "{g:#?}");
        assert!(
            g.because[0].starts_with("soon warning active for the right calf: "),
            "{g:#?}"
        );
    }

    #[test]
    fn a_run_without_its_pain_is_unknown_and_asks_for_it() {
        let mut fx = fx();
        fx.add(entry(0, Leg::Left, 0, 0).ran(5.0, None));
        let g = light(&fx);
        assert_eq!(g.light, Light::Unknown);
        assert_eq!(
            g.because[0],
            "the 5 km run on 2026-06-20 (left calf) has no running pain score: add \"Pain running\" to that day's \
             check-in to judge the load"
        );
        fx.add(entry(0, Leg::Left, 0, 0).ran(5.0, Some(1)));
        assert_eq!(light(&fx).light, Light::Green);
    }

    #[test]
    fn each_light_says_what_a_step_means_in_the_phase() {
        let mut fx = fx();
        fx.add(entry(0, Leg::Left, 0, 0));
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

    #[test]
    fn the_light_stays_stop_after_a_not_seen_close_until_a_clean_check_in() {
        use crate::domain::{OutcomeResult, Symptom};
        let mut fx = fx();
        fx.add(entry(2, Leg::Left, 2, 3).signs(&[Symptom::Swelling]));
        fx.outcome(1, RuleId::Dvt, Leg::Left, OutcomeResult::NotSeen);
        let g = super::super::assess(&fx.history(), D).guidance;
        assert_eq!(g.light, Light::Stop, "{g:#?}");
        assert!(g.because[0].contains("closed without an assessment"), "{g:#?}");
        // A check-in after the outcome without the signs lets it go.
        fx.add(entry(0, Leg::Left, 0, 0));
        assert_ne!(super::super::assess(&fx.history(), D).guidance.light, Light::Stop);
    }
}
