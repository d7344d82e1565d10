//! The pure domain: what a day, a profile and an exercise plan are, and every
//! rule about which values are allowed. No I/O and no clock: callers pass
//! "today" in, so the CLI, the TUI and the tests all validate the same way.

mod checkin;
mod error;
mod exercise;
pub mod import;
mod journal;
mod outcome;
pub mod plan;
mod profile;
mod rule;
mod run;
mod symptom;

pub use checkin::{CheckIn, CheckInInput, Leg, MAX_RUN_KM, Score, cleared_fields};
pub use error::ValidationError;
pub use exercise::{
    CapacityTest, Catalogue, Completion, Exercise, ExerciseKind, ExerciseTag, MAX_PER_DAY, MAX_REPS, MAX_SETS, Muscle,
    PlanEntry, TestKind,
};
pub use journal::{Acknowledgement, JOURNAL_FORMAT, JOURNAL_VERSION, Journal, PhaseChange};
pub use outcome::{MAX_OUTCOME_NOTE, Outcome, OutcomeResult, Presentation};
pub use plan::{DiffKind, DiffLine, DoseShape, PlanSpan, find_exercise, id_from_name, propose};
pub use profile::{InjuredLeg, MAX_BASELINE_KM, Profile};
pub use rule::{CLAUSE_NAMES, Level, RuleId, is_rule_id, is_sign_name};
pub use run::{DayLoad, Intervals, MAX_CLIMB_M, Run, RunSource, WeekLoad, day_loads, week_loads};
pub use symptom::{Symptom, Symptoms};

use chrono::NaiveDate;

/// Parses a `YYYY-MM-DD` date that is not after `today`.
pub fn parse_date(field: &'static str, raw: &str, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| ValidationError::new(field, "a real calendar date as YYYY-MM-DD", raw))?;
    check_not_future(field, date, today)?;
    Ok(date)
}

/// The earliest date the journal accepts. Dates are stored as ISO text and
/// compared as text, which only orders four-digit years correctly; a
/// recovery journal has no use for earlier ones.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Dates in the journal describe what already happened, from
/// [`EARLIEST_DATE`] on.
pub fn check_not_future(field: &'static str, date: NaiveDate, today: NaiveDate) -> Result<(), ValidationError> {
    if date > today || date < EARLIEST_DATE {
        return Err(ValidationError::new(
            field,
            &format!("a date from {EARLIEST_DATE} to today ({today})"),
            &date.to_string(),
        ));
    }
    Ok(())
}

/// Parses a yes/no answer the way people type it.
pub fn parse_yes_no(field: &'static str, raw: &str) -> Result<bool, ValidationError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(ValidationError::new(field, "yes or no", raw)),
    }
}

/// Parses a whole number within `min..=max`.
pub fn parse_whole(field: &'static str, raw: &str, min: u32, max: u32) -> Result<u32, ValidationError> {
    let allowed = format!("a whole number from {min} to {max}");
    let value: u32 = raw
        .trim()
        .parse()
        .map_err(|_| ValidationError::new(field, &allowed, raw))?;
    if !(min..=max).contains(&value) {
        return Err(ValidationError::new(field, &allowed, raw));
    }
    Ok(value)
}

/// Parses a non-negative decimal up to `max`.
pub fn parse_decimal(field: &'static str, raw: &str, max: f64) -> Result<f64, ValidationError> {
    let allowed = format!("a number from 0 to {max}");
    let value: f64 = raw
        .trim()
        .parse()
        .map_err(|_| ValidationError::new(field, &allowed, raw))?;
    check_decimal(field, value, max)?;
    Ok(value)
}

/// Checks a decimal that arrived already typed (from an import file).
pub fn check_decimal(field: &'static str, value: f64, max: f64) -> Result<(), ValidationError> {
    if !value.is_finite() || !(0.0..=max).contains(&value) {
        return Err(ValidationError::new(
            field,
            &format!("a number from 0 to {max}"),
            &value.to_string(),
        ));
    }
    Ok(())
}

/// Consecutive days with an entry, ending today or, if today has none yet,
/// yesterday. `dates_desc` holds distinct dates, newest first.
pub fn streak(dates_desc: &[NaiveDate], today: NaiveDate) -> u32 {
    let mut expected = if dates_desc.first() == Some(&today) {
        today
    } else {
        match today.pred_opt() {
            Some(d) => d,
            None => return 0,
        }
    };
    let start = expected;
    let mut count = 0;
    for &date in dates_desc.iter().skip_while(|d| **d > start) {
        if date != expected {
            break;
        }
        count += 1;
        match expected.pred_opt() {
            Some(d) => expected = d,
            None => break,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn streak_counts_back_from_today_or_yesterday() {
        let today = d("2026-06-10");
        assert_eq!(streak(&[], today), 0);
        assert_eq!(streak(&[d("2026-06-10"), d("2026-06-09"), d("2026-06-07")], today), 2);
        assert_eq!(streak(&[d("2026-06-09"), d("2026-06-08")], today), 2);
        assert_eq!(streak(&[d("2026-06-08")], today), 0);
    }

    #[test]
    fn parse_helpers_name_the_field() {
        let today = d("2026-06-10");
        assert_eq!(parse_date("date", "2026-02-30", today).unwrap_err().field, "date");
        assert_eq!(parse_date("date", "2026-06-11", today).unwrap_err().field, "date");
        // Years before 1 would sort before every stored date and vanish
        // from exports; the journal starts in 1900.
        for early in ["-0001-01-01", "0000-03-01", "1899-12-31"] {
            assert_eq!(parse_date("date", early, today).unwrap_err().field, "date", "{early}");
        }
        assert!(parse_date("date", "1900-01-01", today).is_ok());
        assert!(parse_date("date", "2026-06-10", today).is_ok());
        assert!(parse_yes_no("cancer", "yes").unwrap());
        assert!(parse_yes_no("cancer", "maybe").is_err());
        assert!(parse_whole("reps", "12", 0, 500).is_ok());
        assert!(parse_decimal("run_km", "inf", 500.0).is_err());
    }
}
