//! Plan history (issue 12): when each exercise entered the plan and left it,
//! with the dose it had then. Adherence counts against this, so a plan
//! change never rewrites past figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ValidationError;
use super::exercise::MAX_PER_DAY;

/// One stretch of days an exercise was in the plan with one dose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSpan {
    pub exercise: String,
    /// The first day it was asked for.
    pub start: NaiveDate,
    /// The last day it was asked for; `None` while it is in the plan.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    pub dose: String,
    /// Sessions a day (1–4).
    pub per_day: u8,
}

impl PlanSpan {
    /// True when the plan asked for this exercise on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|end| day <= end)
    }

    pub fn validate(&self) -> Result<(), ValidationError> {
        if !(1..=MAX_PER_DAY).contains(&self.per_day) {
            return Err(ValidationError::new(
                "per_day",
                &format!("a whole number from 1 to {MAX_PER_DAY}"),
                &self.per_day.to_string(),
            ));
        }
        if let Some(end) = self.end
            && end < self.start
        {
            return Err(ValidationError::new(
                "end",
                "a date on or after the span's start",
                &end.to_string(),
            ));
        }
        Ok(())
    }
}

/// Exercises the user took out of the plan and has not put back: a phase
/// suggestion leaves them out unless asked.
pub fn removed_by_user<'a>(spans: &'a [PlanSpan], active: &[&str]) -> Vec<&'a str> {
    let mut removed: Vec<&str> = spans
        .iter()
        .filter(|s| s.end.is_some())
        .map(|s| s.exercise.as_str())
        .filter(|id| !active.contains(id))
        .filter(|id| !spans.iter().any(|s| s.exercise == *id && s.end.is_none()))
        .collect();
    removed.sort_unstable();
    removed.dedup();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    fn span(id: &str, start: &str, end: Option<&str>) -> PlanSpan {
        PlanSpan {
            exercise: id.to_owned(),
            start: day(start),
            end: end.map(day),
            dose: String::new(),
            per_day: 1,
        }
    }

    #[test]
    fn a_span_covers_its_first_and_last_day() {
        let s = span("a", "2026-11-17", Some("2026-11-20"));
        assert!(!s.covers(day("2026-11-16")));
        assert!(s.covers(day("2026-11-17")));
        assert!(s.covers(day("2026-11-20")));
        assert!(!s.covers(day("2026-11-21")));
        assert!(span("a", "2026-11-17", None).covers(day("2030-01-01")));
    }

    #[test]
    fn removed_lists_only_exercises_not_back_in_the_plan() {
        let spans = [
            span("gone", "2026-11-01", Some("2026-11-10")),
            span("back", "2026-11-01", Some("2026-11-05")),
            span("back", "2026-11-08", None),
        ];
        assert_eq!(removed_by_user(&spans, &["back"]), vec!["gone"]);
    }
}
