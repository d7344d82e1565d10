//! SPEC 7: evaluating every rule over a generated 10-year journal must take
//! well under 1 ms. Three shapes of the same question:
//! - `window`: the slices the service loads (30 days of check-ins);
//! - `full-history`: all ten years in the slices, found by binary search;
//! - `phase-status`: the phase criteria over the full history.

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
    }
}

fn rules(c: &mut Criterion) {
    let (journal, today) = ten_year_journal();
    let profile = journal.profile.clone().unwrap_or_default();
    // The demo leaves today blank; assess the last day with entries.
    let date = today.checked_sub_days(Days::new(1)).unwrap_or(today);
    let full = history(&journal, &profile);

    let from = date
        .checked_sub_days(Days::new(clinical::LOOKBACK_DAYS as u64))
        .unwrap_or(date);
    let recent = Journal {
        checkins: journal.checkins.iter().filter(|e| e.date >= from).cloned().collect(),
        completions: journal.completions.iter().filter(|e| e.date >= from).cloned().collect(),
        ..journal.clone()
    };
    let window = history(&recent, &profile);
    assert_eq!(clinical::assess(&full, date), clinical::assess(&window, date));

    c.bench_function("assess/window", |b| {
        b.iter(|| clinical::assess(black_box(&window), black_box(date)))
    });
    c.bench_function("assess/full-history", |b| {
        b.iter(|| clinical::assess(black_box(&full), black_box(date)))
    });
    c.bench_function("phase-status/full-history", |b| {
        b.iter(|| clinical::phase_status(black_box(&full), black_box(date)))
    });
}

criterion_group!(benches, rules);
criterion_main!(benches);
