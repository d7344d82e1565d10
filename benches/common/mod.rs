//! What the benchmarks share: the date they run on and the generated
//! journal they measure.
#![allow(dead_code, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use soleus::demo;
use soleus::store::Store;

/// Days of journal to generate: ten years unless `SOLEUS_BENCH_DAYS` says
/// otherwise (BENCHMARKS.md compares one year with ten).
pub fn journal_days() -> u32 {
    std::env::var("SOLEUS_BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(3650)
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("a real date")
}

/// Writes the journal `soleus demo --days N` would, once per bench run.
pub fn demo_journal(dir: &Path) -> PathBuf {
    let path = dir.join("journal.db");
    let store = Store::open(&path).expect("open bench journal");
    store
        .import(&demo::generate(journal_days(), today(), 1))
        .expect("fill bench journal");
    path
}
