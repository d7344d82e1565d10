//! soleus: a calf-recovery journal for runners. The library holds everything
//! the `soleus` binary does, so that tests and benchmarks drive the same code.
//!
//! - [`domain`]: what the journal holds and which values are allowed (pure).
//! - [`clinical`]: the red-flag rules, traffic light and phases (pure).
//! - [`store`]: the SQLite file; the only module that speaks SQL.
//! - [`service`]: what both shells stand on: reads for the pure core, and
//!   every write as a `Change` applied in one transaction.
//! - [`cli`] and [`ui`]: the two shells.
//! - [`activity`], [`report`], [`config`]: activity files, the clinician
//!   report, the config file.
//!
//! ARCHITECTURE.md has the module map, the write path and where a new
//! field goes; `tests/it/architecture.rs` checks the layering.
//! - [`mod@panic`]: one line and a log file instead of a backtrace.
//! - [`outfile`]: files written at a path the user names, safely.
//! - [`sanitize`]: the user's text made inert for spreadsheets, terminals
//!   and Markdown.

pub mod activity;
pub mod cli;
pub mod clinical;
pub mod config;
pub mod demo;
pub mod domain;
pub mod outfile;
pub mod panic;
pub mod report;
pub mod sanitize;
pub mod service;
pub mod store;
pub mod ui;
pub mod units;

use chrono::NaiveDate;

/// "Today" for the whole process, read once at start-up. `SOLEUS_TODAY`
/// (YYYY-MM-DD) pins it, so tests and demos are reproducible.
pub fn today_from_env() -> NaiveDate {
    std::env::var("SOLEUS_TODAY")
        .ok()
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
