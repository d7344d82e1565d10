//! One day's entry for one calf.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::{Intervals, Symptoms, ValidationError, check_decimal, check_not_future, parse_decimal, parse_whole};

/// Longest run or cross-training session the journal accepts, in minutes.
pub const MAX_MINUTES: u32 = 1440;
/// Longest single run the journal accepts, in km.
pub const MAX_RUN_KM: f64 = 500.0;
/// Longest note, in characters; longer text is refused, never cut.
pub const MAX_NOTE_CHARS: usize = 4000;

/// Which calf an entry describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Leg {
    Left,
    Right,
}

impl Leg {
    pub const BOTH: [Leg; 2] = [Leg::Left, Leg::Right];

    pub fn name(self) -> &'static str {
        match self {
            Leg::Left => "left",
            Leg::Right => "right",
        }
    }

    pub fn other(self) -> Leg {
        match self {
            Leg::Left => Leg::Right,
            Leg::Right => Leg::Left,
        }
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<Leg, ValidationError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "left" | "l" => Ok(Leg::Left),
            "right" | "r" => Ok(Leg::Right),
            _ => Err(ValidationError::new(field, "left or right", raw)),
        }
    }
}

impl fmt::Display for Leg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A whole number on the 0–10 numeric rating scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Score(u8);

impl Score {
    pub const MAX: u8 = 10;

    /// A score from a number already known to be whole.
    pub fn new(field: &str, value: i64) -> Result<Score, ValidationError> {
        if (0..=i64::from(Self::MAX)).contains(&value) {
            Ok(Score(value as u8))
        } else {
            Err(ValidationError::new(
                field,
                "a whole number from 0 to 10",
                &value.to_string(),
            ))
        }
    }

    /// A score typed by the user ("7"); "7.5" and "x" are refused.
    pub fn parse(field: &'static str, raw: &str) -> Result<Score, ValidationError> {
        parse_whole(field, raw, 0, u32::from(Self::MAX)).map(|v| Score(v as u8))
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Score {
    type Error = ValidationError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Score::new("score", value)
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A validated check-in. Saving again for the same date and leg replaces it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub date: NaiveDate,
    pub leg: Leg,
    pub pain_rest: Score,
    pub pain_walk: Score,
    #[serde(default)]
    pub pain_run: Option<Score>,
    #[serde(default)]
    pub tightness: Option<Score>,
    #[serde(default)]
    pub morning: Option<Score>,
    #[serde(default)]
    pub symptoms: Symptoms,
    #[serde(default)]
    pub run_km: Option<f64>,
    #[serde(default)]
    pub run_min: Option<u32>,
    #[serde(default)]
    pub cross_min: Option<u32>,
    #[serde(default)]
    pub note: Option<String>,
    /// The typed run's walk-run intervals (`10x1/2`), if it was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervals: Option<Intervals>,
}

impl CheckIn {
    /// An entry with only the two required scores; the rest left unanswered.
    pub fn new(date: NaiveDate, leg: Leg, pain_rest: Score, pain_walk: Score) -> CheckIn {
        CheckIn {
            date,
            leg,
            pain_rest,
            pain_walk,
            pain_run: None,
            tightness: None,
            morning: None,
            symptoms: Symptoms::NONE,
            run_km: None,
            run_min: None,
            cross_min: None,
            note: None,
            intervals: None,
        }
    }

    /// The pain of a check-in is the worse of rest and walking: what the
    /// rules mean by "pain" (see docs/clinical-rules.md, words used).
    pub fn pain(&self) -> u8 {
        self.pain_rest.value().max(self.pain_walk.value())
    }

    /// A run is an entry with some distance or time run (a walk-run
    /// session counts), as the rules count runs.
    pub fn is_run(&self) -> bool {
        self.run_km.is_some_and(|km| km > 0.0) || self.run_min.is_some_and(|m| m > 0) || self.intervals.is_some()
    }

    /// Checks a check-in that arrived already typed (an import file): the
    /// same limits as typed input, so no path can store what the form refuses.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationError> {
        check_not_future("date", self.date, today)?;
        if let Some(km) = self.run_km {
            check_decimal("run_km", km, MAX_RUN_KM)?;
        }
        check_minutes("run_min", self.run_min)?;
        check_minutes("cross_min", self.cross_min)?;
        if let Some(note) = &self.note {
            check_note(note)?;
        }
        Ok(())
    }
}

fn check_minutes(field: &'static str, value: Option<u32>) -> Result<(), ValidationError> {
    match value {
        Some(m) if m > MAX_MINUTES => Err(ValidationError::new(
            field,
            &format!("a whole number of minutes from 0 to {MAX_MINUTES}"),
            &m.to_string(),
        )),
        _ => Ok(()),
    }
}

fn check_note(note: &str) -> Result<(), ValidationError> {
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(ValidationError::new(
            "note",
            &format!("at most {MAX_NOTE_CHARS} characters"),
            &format!("{chars} characters"),
        ));
    }
    Ok(())
}

/// A check-in as typed: every value still text. Shared by the CLI flags and
/// the TUI form so both refuse exactly the same things with the same words.
/// Serialisable so the app can keep an unsaved form as a draft;
/// a field missing from a draft reads as not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckInInput {
    pub pain_rest: Option<String>,
    pub pain_walk: Option<String>,
    pub pain_run: Option<String>,
    pub tightness: Option<String>,
    pub morning: Option<String>,
    pub symptoms: Vec<String>,
    pub run_km: Option<String>,
    pub run_min: Option<String>,
    pub cross_min: Option<String>,
    pub note: Option<String>,
    /// Walk-run intervals, `10x1/2`.
    pub intervals: Option<String>,
}

impl CheckInInput {
    /// Turns typed text into a check-in, or names the first field that is wrong.
    pub fn validate(&self, date: NaiveDate, leg: Leg, today: NaiveDate) -> Result<CheckIn, ValidationError> {
        check_not_future("date", date, today)?;
        let required = |field: &'static str, raw: &Option<String>| match raw.as_deref().map(str::trim) {
            None | Some("") => Err(ValidationError::new(
                field,
                "a whole number from 0 to 10 (required)",
                "nothing",
            )),
            Some(text) => Score::parse(field, text),
        };
        let score = |field: &'static str, raw: &Option<String>| optional(raw, |t| Score::parse(field, t));
        let minutes =
            |field: &'static str, raw: &Option<String>| optional(raw, |t| parse_whole(field, t, 0, MAX_MINUTES));
        let note = match self.note.as_deref() {
            Some(text) if !text.trim().is_empty() => {
                check_note(text)?;
                Some(text.to_owned())
            }
            _ => None,
        };
        Ok(CheckIn {
            date,
            leg,
            pain_rest: required("pain_rest", &self.pain_rest)?,
            pain_walk: required("pain_walk", &self.pain_walk)?,
            pain_run: score("pain_run", &self.pain_run)?,
            tightness: score("tightness", &self.tightness)?,
            morning: score("morning", &self.morning)?,
            symptoms: Symptoms::parse_list(&self.symptoms)?,
            run_km: optional(&self.run_km, |t| parse_decimal("run_km", t, MAX_RUN_KM))?,
            run_min: minutes("run_min", &self.run_min)?,
            cross_min: minutes("cross_min", &self.cross_min)?,
            note,
            intervals: optional(&self.intervals, |t| Intervals::parse("intervals", t))?,
        })
    }
}

impl CheckInInput {
    /// A saved entry as text, so typed changes can be laid over it.
    pub fn from_checkin(c: &CheckIn) -> CheckInInput {
        CheckInInput {
            pain_rest: Some(c.pain_rest.to_string()),
            pain_walk: Some(c.pain_walk.to_string()),
            pain_run: c.pain_run.map(|s| s.to_string()),
            tightness: c.tightness.map(|s| s.to_string()),
            morning: c.morning.map(|s| s.to_string()),
            symptoms: c.symptoms.iter().map(|s| s.name().to_owned()).collect(),
            run_km: c.run_km.map(|v| v.to_string()),
            run_min: c.run_min.map(|v| v.to_string()),
            cross_min: c.cross_min.map(|v| v.to_string()),
            note: c.note.clone(),
            intervals: c.intervals.map(|i| i.to_string()),
        }
    }

    /// `self` with every field `changes` gives laid over it; the rest kept
    /// (`checkin --update`). Symptoms count as given when any `--symptom`
    /// was, so `--symptom ""` clears them.
    pub fn updated_with(self, changes: CheckInInput) -> CheckInInput {
        CheckInInput {
            pain_rest: changes.pain_rest.or(self.pain_rest),
            pain_walk: changes.pain_walk.or(self.pain_walk),
            pain_run: changes.pain_run.or(self.pain_run),
            tightness: changes.tightness.or(self.tightness),
            morning: changes.morning.or(self.morning),
            symptoms: if changes.symptoms.is_empty() {
                self.symptoms
            } else {
                changes.symptoms
            },
            run_km: changes.run_km.or(self.run_km),
            run_min: changes.run_min.or(self.run_min),
            cross_min: changes.cross_min.or(self.cross_min),
            note: changes.note.or(self.note),
            intervals: changes.intervals.or(self.intervals),
        }
    }
}

/// What replacing `old` with `new` erased: each optional field that held a
/// value and now holds none, and each sign that was set and no longer is,
/// with the value it had ("run_km 5", "symptom swelling").
pub fn cleared_fields(old: &CheckIn, new: &CheckIn) -> Vec<String> {
    let mut cleared = Vec::new();
    let mut field = |name: &str, before: Option<String>, after: bool| {
        if let (Some(value), false) = (before, after) {
            cleared.push(format!("{name} {value}"));
        }
    };
    field("pain_run", old.pain_run.map(|s| s.to_string()), new.pain_run.is_some());
    field(
        "tightness",
        old.tightness.map(|s| s.to_string()),
        new.tightness.is_some(),
    );
    field("morning", old.morning.map(|s| s.to_string()), new.morning.is_some());
    field("run_km", old.run_km.map(|v| v.to_string()), new.run_km.is_some());
    field("run_min", old.run_min.map(|v| v.to_string()), new.run_min.is_some());
    field(
        "cross_min",
        old.cross_min.map(|v| v.to_string()),
        new.cross_min.is_some(),
    );
    field("note", old.note.as_ref().map(|n| format!("{n:?}")), new.note.is_some());
    field(
        "intervals",
        old.intervals.map(|i| i.to_string()),
        new.intervals.is_some(),
    );
    for symptom in old.symptoms.iter().filter(|s| !new.symptoms.contains(*s)) {
        cleared.push(format!("symptom {}", symptom.name()));
    }
    cleared
}

/// Blank text means "not answered", not zero.
fn optional<T>(
    raw: &Option<String>,
    parse: impl FnOnce(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse(text).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Symptom;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn input(rest: &str, walk: &str) -> CheckInInput {
        CheckInInput {
            pain_rest: Some(rest.into()),
            pain_walk: Some(walk.into()),
            ..Default::default()
        }
    }

    #[test]
    fn minimal_check_in_is_valid() {
        let c = input("2", "4")
            .validate(day("2026-06-01"), Leg::Left, day("2026-06-01"))
            .unwrap();
        assert_eq!(c.pain(), 4);
        assert_eq!(c.tightness, None);
        assert!(!c.is_run());
    }

    #[test]
    fn scores_must_be_whole_and_in_range() {
        let today = day("2026-06-01");
        for bad in ["11", "-1", "3.5", "x", "1e1"] {
            let err = input(bad, "1").validate(today, Leg::Left, today).unwrap_err();
            assert_eq!(err.field, "pain_rest", "{bad}");
            assert!(err.to_string().contains("0 to 10"), "{err}");
        }
        for good in ["0", "10", " 7 "] {
            assert!(input(good, "1").validate(today, Leg::Left, today).is_ok(), "{good}");
        }
    }

    #[test]
    fn required_scores_are_named_when_missing() {
        let today = day("2026-06-01");
        let err = CheckInInput {
            pain_rest: Some("1".into()),
            ..Default::default()
        }
        .validate(today, Leg::Left, today)
        .unwrap_err();
        assert_eq!(err.field, "pain_walk");
    }

    #[test]
    fn future_date_is_refused_today_is_not() {
        let today = day("2026-06-01");
        assert!(input("1", "1").validate(today, Leg::Right, today).is_ok());
        let err = input("1", "1")
            .validate(day("2026-06-02"), Leg::Right, today)
            .unwrap_err();
        assert_eq!(err.field, "date");
    }

    #[test]
    fn distances_and_minutes_are_checked() {
        let today = day("2026-06-01");
        let mut i = input("1", "1");
        i.run_km = Some("-2".into());
        assert_eq!(i.validate(today, Leg::Left, today).unwrap_err().field, "run_km");
        i.run_km = Some("5.25".into());
        i.run_min = Some("30.5".into());
        assert_eq!(i.validate(today, Leg::Left, today).unwrap_err().field, "run_min");
        i.run_min = Some("31".into());
        i.cross_min = Some("1441".into());
        assert_eq!(i.validate(today, Leg::Left, today).unwrap_err().field, "cross_min");
        i.cross_min = Some("".into());
        let c = i.validate(today, Leg::Left, today).unwrap();
        assert_eq!(c.run_km, Some(5.25));
        assert!(c.is_run());
        assert_eq!(c.cross_min, None);
    }

    #[test]
    fn symptoms_parse_and_unknown_is_refused() {
        let today = day("2026-06-01");
        let mut i = input("1", "1");
        i.symptoms = vec!["swelling,warmth".into()];
        let c = i.validate(today, Leg::Left, today).unwrap();
        assert!(c.symptoms.contains(Symptom::Warmth));
        i.symptoms.push("itchy".into());
        assert_eq!(i.validate(today, Leg::Left, today).unwrap_err().field, "symptom");
    }

    #[test]
    fn long_notes_are_refused_not_cut() {
        let today = day("2026-06-01");
        let mut i = input("1", "1");
        i.note = Some("a".repeat(MAX_NOTE_CHARS + 1));
        assert_eq!(i.validate(today, Leg::Left, today).unwrap_err().field, "note");
        i.note = Some("  ".into());
        assert_eq!(i.validate(today, Leg::Left, today).unwrap().note, None);
    }

    #[test]
    fn typed_check_in_validation_matches_the_form() {
        let today = day("2026-06-01");
        let mut c = CheckIn::new(today, Leg::Left, Score::default(), Score::default());
        c.run_km = Some(f64::NAN);
        assert_eq!(c.validate(today).unwrap_err().field, "run_km");
        c.run_km = Some(3.0);
        c.date = day("2026-06-02");
        assert_eq!(c.validate(today).unwrap_err().field, "date");
    }

    #[test]
    fn an_update_keeps_what_it_does_not_name() {
        let today = day("2026-06-01");
        let mut saved = input("2", "3").validate(today, Leg::Left, today).unwrap();
        saved.run_km = Some(5.0);
        saved.tightness = Some(Score::new("", 4).unwrap());
        saved.note = Some("hills".into());
        saved.symptoms.insert(Symptom::Cramping);
        let changes = CheckInInput {
            morning: Some("2".into()),
            ..Default::default()
        };
        let updated = CheckInInput::from_checkin(&saved)
            .updated_with(changes)
            .validate(today, Leg::Left, today)
            .unwrap();
        assert_eq!(updated.morning, Some(Score::new("", 2).unwrap()));
        let mut expected = saved.clone();
        expected.morning = updated.morning;
        assert_eq!(updated, expected);
        assert!(cleared_fields(&saved, &updated).is_empty());
        let clear_signs = CheckInInput {
            symptoms: vec![String::new()],
            ..Default::default()
        };
        let updated = CheckInInput::from_checkin(&saved)
            .updated_with(clear_signs)
            .validate(today, Leg::Left, today)
            .unwrap();
        assert!(updated.symptoms.is_empty());
    }

    #[test]
    fn a_replacement_lists_what_it_cleared() {
        let today = day("2026-06-01");
        let mut old = input("2", "3").validate(today, Leg::Left, today).unwrap();
        old.run_km = Some(5.0);
        old.run_min = Some(30);
        old.note = Some("easy".into());
        old.symptoms.insert(Symptom::Swelling);
        let mut new = input("0", "0").validate(today, Leg::Left, today).unwrap();
        new.run_min = Some(25);
        assert_eq!(
            cleared_fields(&old, &new),
            ["run_km 5", "note \"easy\"", "symptom swelling"]
        );
    }

    #[test]
    fn score_json_refuses_out_of_range() {
        assert!(serde_json::from_str::<Score>("11").is_err());
        assert!(serde_json::from_str::<Score>("2.5").is_err());
        assert_eq!(serde_json::from_str::<Score>("10").unwrap().value(), 10);
    }
}
