#![allow(clippy::expect_used)]
//! Storage and CLI-path benchmarks on a generated ten-year journal
//! (the same data `soleus demo --days 3650` writes), against the performance targets in BENCHMARKS.md.
//!
//! Run: `cargo bench --bench journal`.

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use soleus::domain::{CheckIn, Leg, Score};
use soleus::store::Store;
use soleus::{report, service};

use common::{demo_journal, today};

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = demo_journal(dir.path());

    c.bench_function("open + schema check + status", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            black_box(service::status(&store, today(), Default::default()).expect("status"))
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
            let data =
                service::report(&store, today(), report::DEFAULT_DAYS, report::Reading::default()).expect("report");
            black_box(report::to_html(&data))
        })
    });

    c.bench_function("report pdf, 28 days", |b| {
        b.iter(|| {
            let data =
                service::report(&store, today(), report::DEFAULT_DAYS, report::Reading::default()).expect("report");
            black_box(report::to_pdf(&data).expect("pdf"))
        })
    });

    // The whole journal: every section's overflow on the following pages.
    c.bench_function("report pdf, 3650 days", |b| {
        b.iter(|| {
            let data = service::report(&store, today(), report::MAX_DAYS, report::Reading::default()).expect("report");
            black_box(report::to_pdf(&data).expect("pdf"))
        })
    });
}

criterion_group! {
    name = journal;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(journal);
