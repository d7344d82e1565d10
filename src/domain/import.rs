//! Reading an import file: a JSON export, or a CSV of check-ins, turned into
//! a validated [`Journal`]. Pure (text in, value out), so that it can be
//! fuzzed; the CLI reads the file and the store merges the result.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CheckIn, CheckInInput, Journal, Leg, Score, ValidationError, parse_date};

/// The byte-order mark some spreadsheets put before a CSV file's header.
const BOM: char = '\u{feff}';

/// The latest date an import file may hold: the last a journal stores
/// (dates are four-digit ISO text). An export restores whole even when it
/// holds entries dated after today: written where the clock or the time
/// zone was ahead (a check-in under UTC+14, exported under UTC-11), they
/// are kept, and [`dated_after`] lists them so the user sees them.
pub const LATEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// Parses and validates an import file. `known_exercise` says whether an
/// exercise id exists outside the file (builtin or already in the journal).
/// Anything wrong is a [`ValidationError`] naming the record and field.
/// Dates after `today` are accepted (see [`LATEST_DATE`]).
pub fn parse(
    bytes: &[u8],
    _today: NaiveDate,
    known_exercise: impl Fn(&str) -> bool,
) -> Result<Journal, ValidationError> {
    let text = std::str::from_utf8(bytes).map_err(|e| file_error(&format!("text that is not UTF-8 ({e})")))?;
    let text = text.trim_start_matches(BOM);
    let journal = if text.trim_start().starts_with('{') {
        parse_json(text)?
    } else {
        parse_csv(text, LATEST_DATE).map_err(without_today)?
    };
    journal.validate(LATEST_DATE, known_exercise).map_err(without_today)?;
    Ok(journal)
}

/// "a date from 1900-01-01 to today (9999-12-31)" reads as the range it is.
fn without_today(mut e: ValidationError) -> ValidationError {
    e.allowed = e
        .allowed
        .replace(&format!("to today ({LATEST_DATE})"), &format!("to {LATEST_DATE}"));
    e
}

/// The records of `journal` dated after `today`, by name
/// (`check-in of 2026-06-21 left`), oldest first.
pub fn dated_after(journal: &Journal, today: NaiveDate) -> Vec<String> {
    let mut late: Vec<(NaiveDate, String)> = Vec::new();
    let mut add = |date: NaiveDate, name: String| {
        if date > today {
            late.push((date, name));
        }
    };
    for c in &journal.checkins {
        add(c.date, format!("check-in of {} {}", c.date, c.leg));
    }
    for c in &journal.completions {
        add(c.date, format!("exercise {} of {}", c.exercise, c.date));
    }
    for t in &journal.capacity_tests {
        add(t.date, format!("heel-raise test of {} {}", t.date, t.leg));
    }
    for r in &journal.runs {
        add(r.date, format!("run of {}", r.date));
    }
    for o in &journal.outcomes {
        add(o.date, format!("outcome of {} {}", o.rule, o.date));
    }
    for a in &journal.acknowledgements {
        add(a.date, format!("acknowledgement of {} {}", a.rule, a.date));
    }
    for p in &journal.phases {
        add(p.date, format!("phase change of {}", p.date));
    }
    for s in &journal.plan_history {
        add(s.start, format!("plan history of {} from {}", s.exercise, s.start));
    }
    if let Some(date) = journal.profile.as_ref().and_then(|p| p.injury_date) {
        add(date, format!("profile injury date {date}"));
    }
    late.sort();
    late.into_iter().map(|(_, name)| name).collect()
}

/// A stored row that holds a value soleus cannot read (an infinite
/// distance, a date of 30 February): left out of what needs it, named, and
/// carried by an export as it is stored (see [`Journal::unreadable`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnreadableRecord {
    /// The table it is stored in (`checkin`, `run`, ...).
    pub table: String,
    /// The record as the user knows it: `check-in of 2025-02-30 left`.
    pub record: String,
    /// What is wrong with it: the field and what it allows.
    pub problem: String,
    /// Its columns as stored.
    pub row: BTreeMap<String, serde_json::Value>,
}

fn file_error(detail: &str) -> ValidationError {
    ValidationError::new("import file", "a soleus JSON export or check-in CSV", detail)
}

fn parse_json(text: &str) -> Result<Journal, ValidationError> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        ValidationError::new(
            &format!("import file at {}", e.path()),
            "a valid soleus journal value",
            &e.inner().to_string(),
        )
    })
}

fn parse_csv(text: &str, today: NaiveDate) -> Result<Journal, ValidationError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut journal = Journal::default();
    for (i, row) in reader.deserialize::<CsvCheckIn>().enumerate() {
        let row = row.map_err(|e| file_error(&format!("row {}: {e}", i + 1)))?;
        let checkin = row
            .into_checkin(today)
            .map_err(|e| e.within(&format!("row {}", i + 1)))?;
        journal.checkins.push(checkin);
    }
    if journal.checkins.is_empty() {
        return Err(file_error("no check-ins found"));
    }
    Ok(journal)
}

/// The profile a journal without one takes from an import that has none:
/// the legs its check-ins are for (left, right or both), nothing else set.
/// `None` when there are no check-ins.
pub fn profile_from_legs(checkins: &[CheckIn]) -> Option<super::Profile> {
    let has = |leg: Leg| checkins.iter().any(|c| c.leg == leg);
    let leg = match (has(Leg::Left), has(Leg::Right)) {
        (true, true) => super::InjuredLeg::Both,
        (true, false) => super::InjuredLeg::Left,
        (false, true) => super::InjuredLeg::Right,
        (false, false) => return None,
    };
    Some(super::Profile {
        leg,
        ..super::Profile::default()
    })
}

/// One check-in as a CSV row, as `export --format csv` writes it. Every
/// field is text so the same parser (and the same validation) serves the
/// form, the flags and the file.
#[derive(Debug, Serialize, Deserialize)]
pub struct CsvCheckIn {
    date: String,
    leg: String,
    pain_rest: Option<String>,
    pain_walk: Option<String>,
    pain_run: Option<String>,
    tightness: Option<String>,
    morning: Option<String>,
    symptoms: Option<String>,
    run_km: Option<String>,
    run_min: Option<String>,
    cross_min: Option<String>,
    note: Option<String>,
}

impl From<&CheckIn> for CsvCheckIn {
    fn from(c: &CheckIn) -> Self {
        let text = |v: Option<u8>| v.map(|v| v.to_string());
        CsvCheckIn {
            date: c.date.to_string(),
            leg: c.leg.name().to_owned(),
            pain_rest: Some(c.pain_rest.to_string()),
            pain_walk: Some(c.pain_walk.to_string()),
            pain_run: text(c.pain_run.map(Score::value)),
            tightness: text(c.tightness.map(Score::value)),
            morning: text(c.morning.map(Score::value)),
            symptoms: Some(c.symptoms.to_names()),
            run_km: c.run_km.map(|v| v.to_string()),
            run_min: c.run_min.map(|v| v.to_string()),
            cross_min: c.cross_min.map(|v| v.to_string()),
            note: c.note.clone(),
        }
    }
}

impl CsvCheckIn {
    /// The same row with `f` applied to every cell (export uses it to
    /// neutralise formulas).
    pub fn map_text(self, f: impl Fn(&str) -> String) -> CsvCheckIn {
        let g = |v: Option<String>| v.map(|v| f(&v));
        CsvCheckIn {
            date: f(&self.date),
            leg: f(&self.leg),
            pain_rest: g(self.pain_rest),
            pain_walk: g(self.pain_walk),
            pain_run: g(self.pain_run),
            tightness: g(self.tightness),
            morning: g(self.morning),
            symptoms: g(self.symptoms),
            run_km: g(self.run_km),
            run_min: g(self.run_min),
            cross_min: g(self.cross_min),
            note: g(self.note),
        }
    }

    fn into_checkin(self, today: NaiveDate) -> Result<CheckIn, ValidationError> {
        // Undo the `'` export puts before a cell a spreadsheet would run.
        let row = self.map_text(|cell| crate::sanitize::restore_formula(cell).to_owned());
        row.validated(today)
    }

    fn validated(self, today: NaiveDate) -> Result<CheckIn, ValidationError> {
        let date = parse_date("date", &self.date, today)?;
        let leg = Leg::parse("leg", &self.leg)?;
        CheckInInput {
            pain_rest: self.pain_rest,
            pain_walk: self.pain_walk,
            pain_run: self.pain_run,
            tightness: self.tightness,
            morning: self.morning,
            symptoms: self.symptoms.into_iter().collect(),
            run_km: self.run_km,
            run_min: self.run_min,
            cross_min: self.cross_min,
            note: self.note,
            intervals: None,
        }
        .validate(date, leg, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2026-06-20".parse().unwrap()
    }

    #[test]
    fn csv_with_a_byte_order_mark_imports() {
        let csv = "\u{feff}date,leg,pain_rest,pain_walk\n2026-06-01,left,1,2\n";
        let journal = parse(csv.as_bytes(), today(), |_| true).unwrap();
        assert_eq!(journal.checkins.len(), 1);
    }

    #[test]
    fn a_neutralised_formula_imports_as_it_was_typed() {
        let csv = "date,leg,pain_rest,pain_walk,note\n2026-06-01,left,1,2,'=1+2\n2026-06-02,left,1,2,'plain\n";
        let journal = parse(csv.as_bytes(), today(), |_| true).unwrap();
        assert_eq!(journal.checkins[0].note.as_deref(), Some("=1+2"));
        assert_eq!(journal.checkins[1].note.as_deref(), Some("'plain"));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_bad_input() {
        let err = parse(b"\xff\xfe{", today(), |_| true).unwrap_err();
        assert_eq!(err.field, "import file");
    }
}
