//! The clinician report: a one-page summary of a period, as Markdown (to
//! paste into a message) or as one self-contained HTML file with inline SVG
//! charts (to print on A4). Building the data is pure; rendering is pure;
//! only [`crate::service::report`] touches the store.
//!
//! `model` is what the report shows, `build` computes it from the journal's
//! rows, `cells` turns its rows into the table cells both formats share, and
//! `markdown`, `html` and `charts` render it.

mod build;
mod cells;
mod charts;
#[cfg(test)]
mod fixture;
mod html;
mod markdown;
mod model;

pub use build::{Inputs, Reading, build};
pub use cells::{climb_in, climb_unit};
pub use html::to_html;
pub use markdown::to_markdown;
pub use model::{Adherence, DayPoint, PlanLine, Report, TestRow, WarningSpan, WeekSummary};

/// Default length of the report period, in days: four weeks is what a
/// physiotherapist usually asks about.
pub const DEFAULT_DAYS: u32 = 28;
/// Longest period a report covers.
pub const MAX_DAYS: u32 = 3650;
