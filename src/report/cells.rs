//! The report's rows as table cells, shared by the Markdown and the HTML.

use chrono::NaiveDate;

use super::model::TestRow;
use crate::clinical;
use crate::units::Units;

/// Climb in the units' height: metres with km, feet with miles.
pub fn climb_in(units: Units, metres: f64) -> f64 {
    match units {
        Units::Km => metres,
        Units::Mi => metres * FEET_PER_METRE,
    }
}

/// The height unit that goes with `units`.
pub fn climb_unit(units: Units) -> &'static str {
    match units {
        Units::Km => "m",
        Units::Mi => "ft",
    }
}

const FEET_PER_METRE: f64 = 3.280_839_895;

/// A capacity-test row as table cells, shared by both formats.
pub(super) fn test_cells(t: &TestRow) -> [String; 5] {
    let reps = |v: Option<u32>| v.map_or("–".to_owned(), |v| v.to_string());
    [
        t.date.to_string(),
        t.test.label().to_owned(),
        reps(t.injured),
        reps(t.other),
        t.symmetry().map_or("–".to_owned(), |s| format!("{s:.0}%")),
    ]
}

/// A week's dates, short enough for a table cell: "7 Jun – 13 Jun".
pub(super) fn week_label(from: NaiveDate, to: NaiveDate) -> String {
    format!("{} – {}", from.format("%-d %b"), to.format("%-d %b"))
}

/// Phase number with its name.
pub(super) fn phase_label(phase: u8) -> String {
    let name = clinical::PhaseInfo::of(phase).map_or("?", |p| p.name);
    format!("{phase} – {name}")
}
