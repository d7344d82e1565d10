//! The clinician report: a one-page summary of a period, as Markdown (to
//! paste into a message), as one self-contained HTML file with an inline
//! SVG chart, or as a PDF (both to print on one A4 page). Building the data
//! is pure; rendering is pure; only [`crate::service::report`] touches the
//! store.
//!
//! `model` is what the report shows, `build` computes it from the journal's
//! rows, `doc` lays it out as blocks in the page's order (shared by every
//! format), `cells` holds cell texts, and `markdown`, `html`, `pdf` and
//! `charts` (with `pdf_chart`, its PDF backend) render it.

mod build;
mod cells;
mod charts;
mod doc;
#[cfg(test)]
mod fixture;
mod html;
mod markdown;
mod model;
mod pdf;
mod pdf_chart;

pub use build::{Inputs, Reading, build};
pub use cells::{climb_in, climb_unit};
pub use html::to_html;
pub use markdown::to_markdown;
pub use model::{Adherence, DayPoint, PlanLine, Report, RunCap, RunRow, SignDay, TestRow, WarningSpan, WeekSummary};
pub use pdf::{PDF_TITLE_PREFIX, to_pdf};

/// Default length of the report period, in days: four weeks is what a
/// physiotherapist usually asks about.
pub const DEFAULT_DAYS: u32 = 28;
/// Longest period a report covers.
pub const MAX_DAYS: u32 = 3650;
