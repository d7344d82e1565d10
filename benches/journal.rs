#![allow(clippy::expect_used)]
//! Storage and CLI-path benchmarks on a generated ten-year journal
//! (the same data `soleus demo --days 3650` writes), against SPEC 7.
//!
//! Run: `cargo bench --bench journal`.

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use soleus::domain::{CheckIn, Leg, Score};
use soleus::store::Store;
use soleus::{demo, report, service};

/// Days of journal to generate: ten years unless `SOLEUS_BENCH_DAYS` says
/// otherwise (BENCHMARKS.md compares one year with ten).
fn journal_days() -> u32 {
    std::env::var("SOLEUS_BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(3650)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
}

/// Creates the ten-year journal once per bench run.
fn ten_year_journal(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("ten-years.db");
    let mut store = Store::open(&path).expect("open bench journal");
    store
        .import(&demo::generate(journal_days(), today(), 1))
        .expect("fill bench journal");
    path
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = ten_year_journal(dir.path());

    c.bench_function("open + schema check + status", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            black_box(service::status(&store, today()).expect("status"))
        })
    });

    let store = Store::open(&path).expect("open");
    let mut pain = 0;
    c.bench_function("save check-in with fsync", |b| {
        b.iter(|| {
            pain = (pain + 1) % 11;
            let score = Score::new("pain", pain).expect("score");
            let entry = CheckIn::new(today(), Leg::Left, score, score);
            store.save_checkin(black_box(&entry)).expect("save")
        })
    });

    c.bench_function("assess today", |b| {
        b.iter(|| black_box(service::assess(&store, today()).expect("assess")))
    });

    c.bench_function("export json", |b| {
        b.iter(|| {
            let journal = store.export().expect("export");
            black_box(serde_json::to_vec(&journal).expect("json"))
        })
    });

    c.bench_function("report html, 28 days", |b| {
        b.iter(|| {
            let data = service::report(&store, today(), report::DEFAULT_DAYS).expect("report");
            black_box(report::to_html(&data))
        })
    });
}

criterion_group! {
    name = journal;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(journal);
