//! The target (BENCHMARKS.md): evaluating every rule over a generated 10-year journal must take
//! well under 1 ms. Four shapes of the same question:
//! - `window`: the slices the service loads (30 days of check-ins, and older
//!   ones while the open warnings need them);
//! - `full-history`: all ten years in the slices, found by binary search;
//! - `full-history-clot-history`: the same journal with a clot history in the
//!   profile, so every painful entry fires `dvt` and the open-warning replay
//!   has no quiet run to start from: the worst case, all ten years replayed;
//! - `phase-status`: the phase criteria over the full history;
//! - `trends-warning-marks`: the flags of every check-in day of the worst
//!   case, as the Trends tab marks them (one pass, not one replay a day).

mod common;

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use soleus::clinical::{self, History};
use soleus::demo;
use soleus::domain::Journal;

use common::journal_days;

fn ten_year_journal() -> (Journal, NaiveDate) {
    let today = NaiveDate::from_ymd_opt(2026, 6, 20).unwrap_or_default();
    (demo::generate(journal_days(), today, 1), today)
}

fn history<'a>(journal: &'a Journal, profile: &'a soleus::domain::Profile) -> History<'a> {
    History {
        profile,
        checkins: &journal.checkins,
        completions: &journal.completions,
        tests: &journal.capacity_tests,
        phases: &journal.phases,
        outcomes: &journal.outcomes,
        runs: &journal.runs,
        loaded_from: None,
    }
}

fn rules(c: &mut Criterion) {
    let (journal, today) = ten_year_journal();
    let profile = journal.profile.clone().unwrap_or_default();
    // The demo leaves today blank; assess the last day with entries.
    let date = today.checked_sub_days(Days::new(1)).unwrap_or(today);
    let full = history(&journal, &profile);

    // What `service::HistoryWindow::load` reads: 30 days, then four times
    // further back while the open warnings need older check-ins.
    let mut span = clinical::LOOKBACK_DAYS as u64;
    let recent = loop {
        let from = date.checked_sub_days(Days::new(span)).unwrap_or(NaiveDate::MIN);
        let recent = Journal {
            checkins: journal.checkins.iter().filter(|e| e.date >= from).cloned().collect(),
            completions: journal.completions.iter().filter(|e| e.date >= from).cloned().collect(),
            ..journal.clone()
        };
        if clinical::history_is_complete(&history(&recent, &profile), date) || from <= journal.checkins[0].date {
            break recent;
        }
        span *= 4;
    };
    let window = history(&recent, &profile);
    assert_eq!(clinical::assess(&full, date), clinical::assess(&window, date));

    let clot_profile = soleus::domain::Profile {
        clot_history: true,
        ..profile.clone()
    };
    let worst = history(&journal, &clot_profile);
    assert!(
        clinical::assess(&worst, date)
            .flags
            .iter()
            .any(|f| f.rule == clinical::RuleId::Dvt),
        "the worst case keeps a dvt warning open"
    );

    c.bench_function("assess/window", |b| {
        b.iter(|| clinical::assess(black_box(&window), black_box(date)))
    });
    c.bench_function("assess/full-history", |b| {
        b.iter(|| clinical::assess(black_box(&full), black_box(date)))
    });
    c.bench_function("assess/full-history-clot-history", |b| {
        b.iter(|| clinical::assess(black_box(&worst), black_box(date)))
    });
    // What Trends marks on its charts: the flags of every check-in day. The
    // clot-history profile keeps a warning open all ten years, so no quiet
    // run cuts a day's replay short (issue 23: this was quadratic).
    let mut dates: Vec<NaiveDate> = journal.checkins.iter().map(|c| c.date).collect();
    dates.dedup();
    c.bench_function("trends-warning-marks/full-history-clot-history", |b| {
        b.iter(|| clinical::warning_marks(black_box(&worst), black_box(&dates)))
    });
    c.bench_function("phase-status/full-history", |b| {
        b.iter(|| clinical::phase_status(black_box(&full), black_box(date)))
    });
}

criterion_group!(benches, rules);
criterion_main!(benches);
