//! The report computed from the journal's rows (pure: the rows come in
//! [`Inputs`]).

use chrono::{Days, NaiveDate};

use super::MAX_DAYS;
use super::model::{Adherence, DayPoint, PlanLine, Report, RunCap, RunRow, SignDay, TestRow, WarningSpan, WeekSummary};
use crate::clinical::{self, EpisodeEnd, History, Level, RuleId};
use crate::domain::{
    CapacityTest, Catalogue, CheckIn, DayLoad, ExerciseKind, Leg, OutcomeResult, PlanEntry, PlanSpan, Run, RunSource,
    day_loads,
};
use crate::units::{Units, WeekStart};

/// The journal rows a report reads: check-ins and completions from 30 days
/// before the period (so the rules see their windows), tests, plan, phases.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub history: History<'a>,
    pub plan: &'a [PlanEntry],
    /// When each exercise entered and left the plan.
    pub plan_history: &'a [PlanSpan],
    pub catalogue: &'a Catalogue,
    /// The journal's first check-in or completion.
    pub first_entry: Option<NaiveDate>,
}

/// How the reader wants distances and weeks shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reading {
    pub units: Units,
    pub week_start: WeekStart,
    /// The full per-exercise adherence table (`report --detail`).
    pub detail: bool,
}

/// Builds the report for the `days` days ending on `today`.
pub fn build(inputs: &Inputs<'_>, today: NaiveDate, days: u32, reading: Reading) -> Report {
    let history = inputs.history;
    let days = days.clamp(1, MAX_DAYS);
    // Never before the journal's first entry: days before it hold nothing.
    let asked_from = today.checked_sub_days(Days::new(u64::from(days) - 1)).unwrap_or(today);
    let from = match inputs.first_entry {
        Some(first) if first > asked_from => first.min(today),
        _ => asked_from,
    };
    let leg = history.profile.leg.single().unwrap_or(Leg::Left);
    let in_period = |d: NaiveDate| d >= from && d <= today;
    let period_checkins: Vec<&CheckIn> = history.checkins.iter().filter(|c| in_period(c.date)).collect();

    // The engine's words hold km: the report reads in the config's unit,
    // warning rows included.
    let warnings: Vec<WarningSpan> = warning_spans(&history, from, today)
        .into_iter()
        .map(|mut w| {
            w.title = clinical::in_units(&w.title, reading.units).into_owned();
            w.because = w
                .because
                .iter()
                .map(|b| clinical::in_units(b, reading.units).into_owned())
                .collect();
            w
        })
        .collect();
    let all_loads = day_loads(history.checkins, history.runs);
    let run_cap = run_cap(&history, today);
    let loads: Vec<DayLoad> = all_loads.into_iter().filter(|d| in_period(d.date)).collect();
    let km_on = |date: NaiveDate| loads.iter().find(|d| d.date == date).map_or(0.0, |d| d.km);

    let days_points: Vec<DayPoint> = period_checkins
        .iter()
        .filter(|c| c.leg == leg)
        .map(|c| DayPoint {
            date: c.date,
            pain_rest: c.pain_rest.value(),
            pain_walk: c.pain_walk.value(),
            tightness: c.tightness.map(|s| s.value()),
            morning: c.morning.map(|s| s.value()),
            pain_run: c.pain_run.map(|s| s.value()),
            run_km: km_on(c.date),
        })
        .collect();

    let status = clinical::phase_status(&history, today);
    let phase_changes = history
        .phases
        .iter()
        .filter(|p| in_period(p.date))
        .map(|p| (p.date, p.phase))
        .collect();

    let adherence = adherence(inputs, from, today);

    Report {
        today,
        from,
        profile: history.profile.clone(),
        leg,
        units: reading.units,
        phase: status.current.number,
        phase_since: status.since,
        phase_changes,
        light: status.light,
        detail: reading.detail,
        warnings,
        weeks: weeks(&period_checkins, &loads, leg, from, today, reading.week_start),
        adherence,
        tests: test_rows(history.tests, leg, from, today),
        days: days_points,
        loads,
        notes: period_checkins
            .iter()
            .filter_map(|c| c.note.as_ref().map(|n| (c.date, c.leg, n.clone())))
            .collect(),
        sign_days: period_checkins
            .iter()
            .filter(|c| !c.symptoms.is_empty())
            .map(|c| SignDay {
                date: c.date,
                leg: c.leg,
                signs: c.symptoms.iter().map(|s| s.name()).collect(),
            })
            .collect(),
        runs: run_rows(&period_checkins, history.runs, leg, from, today),
        run_cap,
    }
}

/// Each run of the period once, as `day_loads` counts them: a day's
/// imported runs, else its typed run (the injured calf's check-in first).
/// Running minutes come only from [`Run::running_min`].
fn run_rows(checkins: &[&CheckIn], imported: &[Run], leg: Leg, from: NaiveDate, today: NaiveDate) -> Vec<RunRow> {
    let pain_on = |date: NaiveDate, calf: Leg| {
        checkins
            .iter()
            .find(|c| c.date == date && c.leg == calf)
            .and_then(|c| c.pain_run.map(|s| s.value()))
    };
    let watch: Vec<&Run> = imported
        .iter()
        .filter(|r| r.source != RunSource::Manual && r.date >= from && r.date <= today)
        .collect();
    let mut rows: Vec<RunRow> = watch
        .iter()
        .map(|r| RunRow {
            date: r.date,
            km: r.km,
            running_min: r.running_min(),
            pain_run: pain_on(r.date, leg).or_else(|| pain_on(r.date, leg.other())),
            source: r.source,
        })
        .collect();
    let mut typed: Vec<(Run, Option<u8>)> = Vec::new();
    for c in checkins {
        let Some(run) = Run::from_checkin(c) else { continue };
        if watch.iter().any(|w| w.date == c.date) {
            continue;
        }
        let pain = c.pain_run.map(|s| s.value());
        match typed.iter_mut().find(|(r, _)| r.date == c.date) {
            // Both calves' check-ins describe the same run: the injured calf's.
            Some(slot) if c.leg == leg => *slot = (run, pain),
            Some(_) => {}
            None => typed.push((run, pain)),
        }
    }
    rows.extend(typed.into_iter().map(|(r, pain)| RunRow {
        date: r.date,
        km: r.km,
        running_min: r.running_min(),
        pain_run: pain,
        source: r.source,
    }));
    rows.sort_by_key(|r| r.date);
    rows
}

/// The cap on the next run, as the engine computes it for the load light
/// and the Checklist ([`clinical::run_cap_km`]: 1.1 × the longest day of
/// running of `today-30 ..= today-1`), with the run it comes from.
fn run_cap(history: &History<'_>, today: NaiveDate) -> Option<RunCap> {
    let (longest_km, longest_on) = clinical::longest_run_before(history, today)?;
    Some(RunCap {
        cap_km: clinical::run_cap_km(history, today)?,
        longest_km,
        longest_on,
    })
}

/// The plan done in the period ([`clinical::adherence`]), with each
/// exercise's dose and figures.
fn adherence(inputs: &Inputs<'_>, from: NaiveDate, today: NaiveDate) -> Adherence {
    let figures = clinical::adherence(
        &inputs.history,
        inputs.plan_history,
        inputs.catalogue,
        from,
        today,
        inputs.first_entry,
    );
    let name = |id: &str| inputs.catalogue.get(id).map_or(id.to_owned(), |e| e.name.clone());
    let kind = |id: &str| inputs.catalogue.get(id).map(|e| e.kind);
    let active: Vec<&PlanEntry> = inputs.plan.iter().filter(|p| p.active).collect();
    let mut plan: Vec<PlanLine> = active
        .iter()
        .map(|entry| {
            let row = figures.by_exercise.iter().find(|r| r.exercise == entry.exercise);
            PlanLine {
                name: name(&entry.exercise),
                kind: kind(&entry.exercise),
                dose: entry.dose.clone(),
                per_day: entry.per_day,
                current: true,
                done: row.map_or(0, |r| r.done),
                asked: row.map_or(0, |r| r.asked),
                paused_days: row.map_or(0, |r| r.paused_days),
            }
        })
        .collect();
    for row in &figures.by_exercise {
        if active.iter().any(|p| p.exercise == row.exercise) {
            continue;
        }
        let last = inputs
            .plan_history
            .iter()
            .filter(|s| s.exercise == row.exercise)
            .max_by_key(|s| s.start);
        plan.push(PlanLine {
            name: name(&row.exercise),
            kind: kind(&row.exercise),
            dose: last.map_or(String::new(), |s| s.dose.clone()),
            per_day: last.map_or(1, |s| s.per_day),
            current: false,
            done: row.done,
            asked: row.asked,
            paused_days: row.paused_days,
        });
    }
    plan.sort_by(|a, b| (!a.current, &a.name).cmp(&(!b.current, &b.name)));
    let kinds = ExerciseKind::ALL
        .into_iter()
        .map(|k| {
            let of_kind = plan.iter().filter(|l| l.kind == Some(k));
            (k, of_kind.clone().map(|l| l.done).sum(), of_kind.map(|l| l.asked).sum())
        })
        .filter(|(_, _, asked)| *asked > 0)
        .collect();
    Adherence {
        planned_per_day: active.len(),
        done: figures.done as usize,
        possible: figures.asked as usize,
        kinds,
        plan,
    }
}

/// Every warning of the period (see docs/clinical-rules.md, open warnings
/// and outcomes), oldest first.
///
/// Open warnings (emergency and urgent single-entry rules) come from the
/// replay of [`clinical::episodes`], which knows each one's first and last
/// firing entry and how it ended, so one closed by an outcome on its own day
/// is listed too. The other flags (soon and watch, trend rules) come from
/// the days of the period, consecutive days of one rule and leg merged.
fn warning_spans(history: &History<'_>, from: NaiveDate, today: NaiveDate) -> Vec<WarningSpan> {
    let mut spans: Vec<WarningSpan> = clinical::episodes(history, today)
        .into_iter()
        .filter(|e| episode_end(&e.end, today) >= from)
        .map(|e| WarningSpan {
            rule: e.rule,
            level: e.level,
            leg: e.leg,
            first: e.since,
            last: e.last_fired,
            title: e.title,
            because: e.seen,
            not_assessed: matches!(
                e.end,
                EpisodeEnd::Outcome {
                    result: OutcomeResult::NotSeen,
                    ..
                }
            ),
            outcome: episode_outcome(&e.end, e.rule, e.level),
        })
        .collect();
    let mut other: Vec<WarningSpan> = Vec::new();
    for day in from.iter_days().take_while(|d| *d <= today) {
        // Only flags raised by an entry of the period; a single-entry flag
        // is first seen on its entry's own day, so its reasons carry no
        // "days ago".
        let raised = clinical::flags(history, day)
            .into_iter()
            .filter(|f| !f.is_open_warning() && f.date >= from);
        for flag in raised {
            let extends = other.iter_mut().find(|s| {
                s.rule == flag.rule && s.leg == flag.leg && s.last.succ_opt().is_some_and(|next| next >= flag.date)
            });
            match extends {
                Some(span) => {
                    span.last = span.last.max(flag.date);
                    span.level = span.level.min(flag.level);
                }
                None => other.push(WarningSpan {
                    rule: flag.rule,
                    level: flag.level,
                    leg: flag.leg,
                    first: flag.date,
                    last: flag.date,
                    title: flag.title,
                    because: flag.because,
                    outcome: String::new(),
                    not_assessed: false,
                }),
            }
        }
    }
    let still_active = clinical::flags(history, today);
    for i in 0..other.len() {
        let span = &other[i];
        let next = other[i + 1..]
            .iter()
            .find(|s| s.rule == span.rule && s.leg == span.leg)
            .map(|s| s.first);
        let (outcome, not_assessed) = flag_outcome(history, span, next, &still_active, today);
        other[i].outcome = outcome;
        other[i].not_assessed = not_assessed;
    }
    spans.extend(other);
    spans.sort_by_key(|s| (s.first, s.level, s.rule, s.leg));
    spans
}

/// The last day an open warning was active: today while it is open.
fn episode_end(end: &EpisodeEnd, today: NaiveDate) -> NaiveDate {
    match end {
        EpisodeEnd::Open => today,
        EpisodeEnd::Lapsed(date) | EpisodeEnd::Outcome { date, .. } => *date,
    }
}

/// How an open warning ended, in the words of docs/clinical-rules.md
/// (open warnings and outcomes).
fn episode_outcome(end: &EpisodeEnd, rule: RuleId, level: Level) -> String {
    match end {
        EpisodeEnd::Open => "open".to_owned(),
        EpisodeEnd::Lapsed(_) => lapsed(rule, level),
        EpisodeEnd::Outcome { date, result, note } => outcome_text(*result, *date, note.as_deref()),
    }
}

/// "lapsed: signs absent on N check-ins, no outcome recorded": 14 for an
/// emergency or urgent warning, 28 for `bone`, 7 for another soon one.
fn lapsed(rule: RuleId, level: Level) -> String {
    let n = match (level, rule) {
        (Level::Emergency | Level::Urgent, _) => 14,
        (_, RuleId::Bone) => 28,
        _ => 7,
    };
    format!("lapsed: signs absent on {n} check-ins, no outcome recorded")
}

/// "cleared on 2026-06-10 (assessed by a clinician, nothing serious found): note".
fn outcome_text(result: OutcomeResult, date: NaiveDate, note: Option<&str>) -> String {
    let note = note.map(|n| format!(": {n}")).unwrap_or_default();
    format!("{result} on {date} ({}){note}", result.meaning())
}

/// What came of a flag that is not an open warning: the first outcome for
/// its rule and leg dated from its first day up to the day before the next
/// flag of that rule and leg (or today), else "open" while it is active
/// today, else that the entries stopped raising it.
fn flag_outcome(
    history: &History<'_>,
    span: &WarningSpan,
    next: Option<NaiveDate>,
    active: &[clinical::Flag],
    today: NaiveDate,
) -> (String, bool) {
    let recorded = history.outcomes.iter().find(|o| {
        o.rule == span.rule.id()
            && o.leg == span.leg
            && o.date >= span.first
            && o.date <= today
            && next.is_none_or(|n| o.date < n)
    });
    if let Some(o) = recorded {
        return (
            outcome_text(o.result, o.date, o.note.as_deref()),
            o.result == OutcomeResult::NotSeen,
        );
    }
    if next.is_none() && active.iter().any(|f| f.rule == span.rule && f.leg == span.leg) {
        return ("open".to_owned(), false);
    }
    let text = if span.rule.is_single_entry() {
        lapsed(span.rule, span.level)
    } else {
        "no longer raised by the entries, no outcome recorded".to_owned()
    };
    (text, false)
}

fn mean(values: impl Iterator<Item = u8>) -> Option<f64> {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

/// Calendar weeks starting on `week_start`, oldest first; the first and the
/// last (ending today) may be shorter.
fn weeks(
    checkins: &[&CheckIn],
    loads: &[DayLoad],
    leg: Leg,
    from: NaiveDate,
    today: NaiveDate,
    week_start: WeekStart,
) -> Vec<WeekSummary> {
    let mut blocks = Vec::new();
    let mut to = today;
    while to >= from {
        let start = week_start.first_day(to).max(from);
        let inside: Vec<&&CheckIn> = checkins
            .iter()
            .filter(|c| c.leg == leg && c.date >= start && c.date <= to)
            .collect();
        // Running load counts each run once (see `day_loads`); cross-training
        // logged on both calves is one session: each day's highest value.
        let week = loads.iter().filter(|d| d.date >= start && d.date <= to);
        // fold from +0.0: an empty f64 `sum` is -0.0, printed "-0.0".
        let run_km = week.clone().fold(0.0, |s, d| s + d.km);
        let running_min = week.clone().fold(0.0, |s, d| s + d.running_min);
        let climb_m = week.fold(0.0, |s, d| s + d.climb_m);
        let mut cross_min = 0;
        let mut day = start;
        while day <= to {
            cross_min += checkins
                .iter()
                .filter(|c| c.date == day)
                .filter_map(|c| c.cross_min)
                .max()
                .unwrap_or(0);
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        blocks.push(WeekSummary {
            from: start,
            to,
            entries: inside.len(),
            pain_rest: mean(inside.iter().map(|c| c.pain_rest.value())),
            pain_walk: mean(inside.iter().map(|c| c.pain_walk.value())),
            pain_run: mean(inside.iter().filter_map(|c| c.pain_run.map(|s| s.value()))),
            tightness: mean(inside.iter().filter_map(|c| c.tightness.map(|s| s.value()))),
            morning: mean(inside.iter().filter_map(|c| c.morning.map(|s| s.value()))),
            run_km,
            running_min,
            climb_m,
            cross_min,
        });
        match start.pred_opt() {
            Some(prev) => to = prev,
            None => break,
        }
    }
    blocks.reverse();
    blocks
}

/// Capacity tests in the period, one row per date and test, both legs side by side.
fn test_rows(tests: &[CapacityTest], injured: Leg, from: NaiveDate, today: NaiveDate) -> Vec<TestRow> {
    let mut rows: Vec<TestRow> = Vec::new();
    for t in tests.iter().filter(|t| t.date >= from && t.date <= today) {
        let row = match rows.iter_mut().find(|r| r.date == t.date && r.test == t.test) {
            Some(row) => row,
            None => {
                rows.push(TestRow {
                    date: t.date,
                    test: t.test,
                    injured: None,
                    other: None,
                });
                let last = rows.len() - 1;
                &mut rows[last]
            }
        };
        if t.leg == injured {
            row.injured = Some(t.reps);
        } else {
            row.other = Some(t.reps);
        }
    }
    rows.sort_by_key(|r| (r.date, r.test));
    rows
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{day, entry, sample, spans_of};
    use super::super::to_markdown;
    use super::*;
    use crate::clinical::RuleId;
    use crate::domain::{Completion, Profile};

    #[test]
    fn the_warnings_table_says_what_came_of_each_warning() {
        use crate::domain::{Outcome, OutcomeResult, Symptom};
        let profile = Profile::default();
        let signed = |date: &str, sign: Symptom| {
            let mut c = entry(date, Leg::Left, 0, 0);
            c.symptoms.insert(sign);
            c
        };
        let mut checkins = vec![signed("2026-05-20", Symptom::Pop)];
        for d in 21..=31 {
            checkins.push(entry(&format!("2026-05-{d}"), Leg::Left, 0, 0));
        }
        for d in 1..=3 {
            checkins.push(entry(&format!("2026-06-0{d}"), Leg::Left, 0, 0));
        }
        checkins.push(signed("2026-06-04", Symptom::Breathless));
        checkins.push(signed("2026-06-08", Symptom::Weakness));
        checkins.push(entry("2026-06-09", Leg::Left, 0, 0));
        let outcomes = vec![Outcome {
            date: day("2026-06-05"),
            rule: "pe-signs".into(),
            leg: Leg::Left,
            result: OutcomeResult::Cleared,
            note: Some("scan clear".into()),
            presentation: Some(crate::domain::Presentation {
                level: "emergency".into(),
                signs: vec!["breathless".into()],
                highest_pain: None,
            }),
        }];
        let inputs = Inputs {
            history: History {
                profile: &profile,
                checkins: &checkins,
                completions: &[],
                tests: &[],
                phases: &[],
                outcomes: &outcomes,
                runs: &[],
                loaded_from: None,
            },
            plan: &[],
            plan_history: &[],
            catalogue: &Catalogue::builtin(),
            first_entry: checkins.first().map(|c| c.date),
        };
        let r = build(&inputs, day("2026-06-10"), 28, Reading::default());
        let table: Vec<(RuleId, String)> = r.warnings.iter().map(|w| (w.rule, w.outcome.clone())).collect();
        assert_eq!(
            table,
            [
                (
                    RuleId::Rupture,
                    "lapsed: signs absent on 14 check-ins, no outcome recorded".to_owned()
                ),
                (
                    RuleId::PeSigns,
                    "cleared on 2026-06-05 (assessed by a clinician, nothing serious found): scan clear".to_owned()
                ),
                (RuleId::Nerve, "open".to_owned()),
            ]
        );
        let md = to_markdown(&r);
        assert!(md.contains("| open |"), "{md}");
    }

    #[test]
    fn period_weeks_and_phase() {
        let r = sample();
        // 14 days asked back to 2026-05-28, but the journal starts on 2026-06-01.
        assert_eq!(r.from, day("2026-06-01"));
        assert_eq!(r.phase, 2);
        assert_eq!(r.phase_since, Some(day("2026-06-06")));
        assert_eq!(r.phase_changes, [(day("2026-06-06"), 2)]);
        // Monday weeks: 1-7 June, Mon 8 to Wed 10 June; none opens empty.
        let spans: Vec<(NaiveDate, NaiveDate)> = r.weeks.iter().map(|w| (w.from, w.to)).collect();
        assert_eq!(
            spans,
            [
                (day("2026-06-01"), day("2026-06-07")),
                (day("2026-06-08"), day("2026-06-10"))
            ]
        );
        let last = &r.weeks[1];
        assert_eq!(last.entries, 2);
        assert_eq!(last.pain_walk, Some((2.0 + 1.0) / 2.0));
        assert_eq!(last.tightness, None);
        assert_eq!(
            last.run_km, 6.5,
            "4 km on the 9th (both calves' entries), 2.5 on the 10th"
        );
        assert_eq!(r.weeks[0].tightness, Some(6.0));
        assert_eq!(r.weeks[0].entries, 3);
    }

    #[test]
    fn runs_are_listed_once_with_the_injured_calfs_pain_and_the_cap() {
        let r = sample();
        let runs: Vec<(NaiveDate, Option<f64>)> = r.runs.iter().map(|run| (run.date, run.km)).collect();
        // The 9th's run is on both calves' check-ins: listed once, the left's 3 km.
        assert_eq!(runs, [(day("2026-06-09"), Some(3.0)), (day("2026-06-10"), Some(2.5))]);
        // The cap: 1.1 x the longest day of the 30 days before the 10th (the 9th, 4 km).
        let cap = r.run_cap.unwrap();
        assert_eq!((cap.longest_km, cap.longest_on), (4.0, day("2026-06-09")));
        assert!((cap.cap_km - 4.4).abs() < 1e-9);
    }

    #[test]
    fn weeks_can_start_on_sunday_and_distances_show_in_miles() {
        let mut r = sample();
        let checkins = [
            entry("2026-06-06", Leg::Left, 1, 1),
            entry("2026-06-07", Leg::Left, 2, 2),
        ];
        let refs: Vec<&CheckIn> = checkins.iter().collect();
        let sunday = weeks(
            &refs,
            &[],
            Leg::Left,
            day("2026-06-01"),
            day("2026-06-10"),
            WeekStart::Sunday,
        );
        let spans: Vec<(NaiveDate, NaiveDate)> = sunday.iter().map(|w| (w.from, w.to)).collect();
        assert_eq!(
            spans,
            [
                (day("2026-06-01"), day("2026-06-06")),
                (day("2026-06-07"), day("2026-06-10"))
            ]
        );
        assert_eq!((sunday[0].entries, sunday[1].entries), (1, 1));
        r.weeks[1].run_km = 5.0;
        r.units = Units::Mi;
        assert!(
            to_markdown(&r).contains("| 8 Jun – 10 Jun | 3.1 |"),
            "{}",
            to_markdown(&r)
        );
        r.units = Units::Km;
        assert!(to_markdown(&r).contains("| 8 Jun – 10 Jun | 5.0 |"));
    }

    #[test]
    fn adherence_counts_active_plan_only() {
        let r = sample();
        assert_eq!(r.adherence.planned_per_day, 1);
        assert_eq!(r.adherence.done, 2);
        // Not before the journal's first entry (2026-06-01): 10 days.
        assert_eq!(r.adherence.possible, 10);
    }

    #[test]
    fn exercises_paused_by_a_warning_leave_the_adherence_count() {
        let profile = Profile::default();
        let mut popped = entry("2026-06-08", Leg::Left, 0, 0);
        popped.symptoms.insert(crate::domain::Symptom::Pop);
        let checkins = vec![entry("2026-06-01", Leg::Left, 0, 0), popped];
        let plan = ["wall-stretch-bent", "ice-compress-elevate"].map(|id| PlanEntry {
            exercise: id.into(),
            dose: "x".into(),
            active: true,
            per_day: 1,
        });
        let completions = vec![Completion {
            date: day("2026-06-09"),
            exercise: "wall-stretch-bent".into(),
            sets: None,
            pain: None,
            sessions: 1,
        }];
        let inputs = Inputs {
            history: History {
                profile: &profile,
                checkins: &checkins,
                completions: &completions,
                tests: &[],
                phases: &[],
                outcomes: &[],
                runs: &[],
                loaded_from: None,
            },
            plan: &plan,
            plan_history: &spans_of(&plan),
            catalogue: &Catalogue::builtin(),
            first_entry: checkins.first().map(|c| c.date),
        };
        let r = build(&inputs, day("2026-06-10"), 10, Reading::default());
        // 10 days x 2 exercises, less the stretch on the 3 days of the
        // rupture warning (2026-06-08 to 2026-06-10); the stretch done
        // under it does not count either.
        assert_eq!((r.adherence.done, r.adherence.possible), (0, 17));
    }

    #[test]
    fn tests_pair_legs_with_symmetry() {
        let r = sample();
        assert_eq!(r.tests.len(), 1);
        assert_eq!(r.tests[0].symmetry(), Some(60.0));
    }

    #[test]
    fn chart_points_are_the_injured_leg_only() {
        let r = sample();
        assert_eq!(r.days.len(), 5);
        assert!(r.days.iter().all(|d| d.date >= r.from));
        assert_eq!(r.notes.len(), 1);
    }
}
