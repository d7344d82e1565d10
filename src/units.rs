//! How the user reads distances and weeks: kilometres or miles, and the
//! day a week starts on. The journal always stores kilometres; these only
//! change what is shown and which unit a typed distance is read in. Pure.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Kilometres in one international mile.
pub const KM_PER_MILE: f64 = 1.609_344;

/// The unit distances are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    #[default]
    Km,
    Mi,
}

impl Units {
    /// "km" or "mi": the unit's name after a number.
    pub fn name(self) -> &'static str {
        match self {
            Units::Km => "km",
            Units::Mi => "mi",
        }
    }

    /// A stored distance (km) in this unit.
    pub fn from_km(self, km: f64) -> f64 {
        match self {
            Units::Km => km,
            Units::Mi => km / KM_PER_MILE,
        }
    }

    /// A distance given in this unit, in km for storage.
    pub fn to_km(self, value: f64) -> f64 {
        match self {
            Units::Km => value,
            Units::Mi => value * KM_PER_MILE,
        }
    }

    /// "3.1 mi": a stored distance with one decimal and the unit.
    pub fn show(self, km: f64) -> String {
        format!("{:.1} {}", self.from_km(km), self.name())
    }
}

/// The first day of a week: adherence, weekly tables and "this week" count
/// from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    pub fn name(self) -> &'static str {
        match self {
            WeekStart::Monday => "monday",
            WeekStart::Sunday => "sunday",
        }
    }

    pub fn weekday(self) -> Weekday {
        match self {
            WeekStart::Monday => Weekday::Mon,
            WeekStart::Sunday => Weekday::Sun,
        }
    }

    /// The first day of the week holding `day`.
    /// The first and last day of the week, as the app writes them
    /// ("Mon", "Sun").
    pub fn abbrev(self) -> (&'static str, &'static str) {
        match self {
            WeekStart::Monday => ("Mon", "Sun"),
            WeekStart::Sunday => ("Sun", "Sat"),
        }
    }

    pub fn first_day(self, day: NaiveDate) -> NaiveDate {
        let back = u64::from(day.weekday().days_since(self.weekday()));
        day.checked_sub_days(Days::new(back)).unwrap_or(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn five_km_is_three_point_one_miles() {
        assert_eq!(Units::Mi.show(5.0), "3.1 mi");
        assert_eq!(Units::Km.show(5.0), "5.0 km");
        assert!((Units::Mi.to_km(3.0) - 4.828_032).abs() < 1e-9);
        assert!((Units::Mi.from_km(Units::Mi.to_km(7.25)) - 7.25).abs() < 1e-12);
    }

    #[test]
    fn weeks_start_on_the_chosen_day() {
        let saturday = day("2026-11-21");
        assert_eq!(WeekStart::Monday.first_day(saturday), day("2026-11-16"));
        assert_eq!(WeekStart::Sunday.first_day(saturday), day("2026-11-15"));
        let sunday = day("2026-11-22");
        assert_eq!(WeekStart::Monday.first_day(sunday), day("2026-11-16"));
        assert_eq!(WeekStart::Sunday.first_day(sunday), sunday);
        let monday = day("2026-11-16");
        assert_eq!(WeekStart::Monday.first_day(monday), monday);
        assert_eq!(WeekStart::Sunday.first_day(monday), day("2026-11-15"));
    }
}
