//! Turning rows into domain values. A value the domain would refuse is
//! reported as a conversion failure rather than loaded silently.

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::{FromSqlError, Type};

use crate::domain::{
    Acknowledgement, CapacityTest, CheckIn, Completion, Exercise, ExerciseKind, ExerciseTag, InjuredLeg, Intervals,
    Leg, Muscle, Outcome, OutcomeResult, PhaseChange, PlanEntry, PlanSpan, Presentation, Profile, Run, RunSource,
    Score, Symptoms, TestKind, ValidationError,
};

/// A check-in with its typed run (the manual run of its date and leg), in
/// the column order [`checkin`] reads; a macro so that whole queries can be
/// `concat!`-ed into constants. The check-in is `c`, its run `r`.
macro_rules! checkin_select {
    () => {
        "SELECT c.date, c.leg, c.pain_rest, c.pain_walk, c.pain_run, c.tightness, c.morning, c.symptoms, \
         r.km AS run_km, r.moving_s AS run_seconds, c.cross_min, c.note, r.intervals \
         FROM checkin c LEFT JOIN run r ON r.source = 'manual' AND r.date = c.date AND r.leg = c.leg"
    };
}
pub(crate) use checkin_select;

/// The run columns in the order [`run`] reads them.
pub const RUN_COLUMNS: &str = "id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg, running_s";

pub const EXERCISE_COLUMNS: &str = "id, name, muscle, phases, kind, dose, how_to, caution, tags";

pub const OUTCOME_COLUMNS: &str = "date, rule, leg, result, note, level, signs, highest_pain";

fn bad(column: usize, err: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, Box::new(err))
}

/// Validators need a "today"; a date in the file is never refused for
/// being in the future (the clock may have been wrong, or moved).
const NO_LIMIT: NaiveDate = NaiveDate::MAX;

/// A date column: exactly `YYYY-MM-DD`, as soleus writes it. Read as text
/// so a row written by something else is named, not skipped or misread.
fn date(row: &Row<'_>, column: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(column)?;
    iso_date(&text).ok_or_else(|| bad(column, ValidationError::new("date", "a YYYY-MM-DD date", &text)))
}

/// Exactly `YYYY-MM-DD`, as soleus writes dates, read without a format
/// parser: every row of the first frame has one.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |part: &[u8]| {
        part.iter()
            .try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let year = i32::try_from(number(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..10])?)
}

/// A whole-number column that must fit `u32` (minutes, sets, reps).
fn whole(row: &Row<'_>, column: usize, field: &str) -> rusqlite::Result<Option<u32>> {
    let value: Option<i64> = row.get(column)?;
    value
        .map(|v| {
            u32::try_from(v).map_err(|_| {
                bad(
                    column,
                    ValidationError::new(field, "a whole number from 0", &v.to_string()),
                )
            })
        })
        .transpose()
}

/// A record the domain refuses, reported against the row it came from.
/// Names the record a stored value that fails validation belongs to. The
/// name is written only on failure: every row read passes through here.
fn invalid(what: impl FnOnce() -> String) -> impl FnOnce(ValidationError) -> rusqlite::Error {
    move |e| bad(0, e.within(&what()))
}

fn leg(row: &Row<'_>, column: usize) -> rusqlite::Result<Leg> {
    let text: String = row.get(column)?;
    Leg::parse("leg", &text).map_err(|e| bad(column, e))
}

fn score(row: &Row<'_>, column: usize) -> rusqlite::Result<Score> {
    let value: i64 = row.get(column)?;
    Score::new("score", value).map_err(|e| bad(column, e))
}

fn optional_score(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Score>> {
    let value: Option<i64> = row.get(column)?;
    value
        .map(|v| Score::new("score", v).map_err(|e| bad(column, e)))
        .transpose()
}

pub fn checkin(row: &Row<'_>) -> rusqlite::Result<CheckIn> {
    let symptoms: String = row.get(7)?;
    let names: Vec<&str> = symptoms.split(',').collect();
    let checkin = CheckIn {
        date: date(row, 0)?,
        leg: leg(row, 1)?,
        pain_rest: score(row, 2)?,
        pain_walk: score(row, 3)?,
        pain_run: optional_score(row, 4)?,
        tightness: optional_score(row, 5)?,
        morning: optional_score(row, 6)?,
        symptoms: Symptoms::parse_list(&names).map_err(|e| bad(7, e))?,
        run_km: row.get(8)?,
        run_min: typed_minutes(row, 9)?,
        cross_min: whole(row, 10, "cross_min")?,
        note: row.get(11)?,
        intervals: intervals(row, 12)?,
    };
    // The same limits as typed input: a value no soleus path can write
    // (an infinite distance, a ten-day run) is refused, never drawn.
    checkin
        .validate(NO_LIMIT)
        .map_err(invalid(|| format!("check-in of {} {}", checkin.date, checkin.leg)))?;
    Ok(checkin)
}

/// A typed run's minutes, stored as seconds (60 times whole minutes).
fn typed_minutes(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<u32>> {
    Ok(whole(row, column, "run_min")?.map(|s| s / 60))
}

fn intervals(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Intervals>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| Intervals::parse("intervals", &t).map_err(|e| bad(column, e)))
        .transpose()
}

pub fn profile(row: &Row<'_>) -> rusqlite::Result<Profile> {
    let leg: String = row.get(0)?;
    let profile = Profile {
        leg: InjuredLeg::parse("leg", &leg).map_err(|e| bad(0, e))?,
        injury_date: row.get::<_, Option<String>>(1)?.map(|_| date(row, 1)).transpose()?,
        clot_history: row.get(2)?,
        cancer: row.get(3)?,
        clot_risk: row.get(5)?,
        blood_thinners: row.get(6)?,
        baseline_km: row.get(4)?,
    };
    profile.validate().map_err(invalid(|| "profile".to_owned()))?;
    Ok(profile)
}

/// A run; `start` is read as exactly the text soleus writes.
pub fn run(row: &Row<'_>) -> rusqlite::Result<Run> {
    let start = row
        .get::<_, Option<String>>(2)?
        .map(|text| {
            chrono::NaiveDateTime::parse_from_str(&text, START_FORMAT)
                .map(|t| t.and_utc())
                .map_err(|_| {
                    bad(
                        2,
                        ValidationError::new("start", "a UTC time as YYYY-MM-DDTHH:MM:SSZ", &text),
                    )
                })
        })
        .transpose()?;
    let source: String = row.get(6)?;
    let leg = row.get::<_, Option<String>>(9)?.map(|_| leg(row, 9)).transpose()?;
    let run = Run {
        id: row.get(0)?,
        date: date(row, 1)?,
        start,
        km: row.get(3)?,
        moving_s: whole(row, 4, "moving_s")?,
        climb_m: row.get(5)?,
        source: RunSource::parse(&source).map_err(|e| bad(6, e))?,
        source_id: row.get(7)?,
        intervals: intervals(row, 8)?,
        leg,
        running_s: whole(row, 10, "running_s")?,
    };
    run.validate(NO_LIMIT)
        .map_err(invalid(|| format!("run of {}", run.date)))?;
    Ok(run)
}

/// How a run's start is stored: UTC, to the second.
pub const START_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

pub fn muscle_name(muscle: Muscle) -> &'static str {
    match muscle {
        Muscle::Gastrocnemius => "gastrocnemius",
        Muscle::Soleus => "soleus",
        Muscle::Both => "both",
        Muscle::None => "none",
    }
}

pub fn phases_text(phases: &[u8]) -> String {
    phases.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
}

pub fn exercise(row: &Row<'_>) -> rusqlite::Result<Exercise> {
    let muscle: String = row.get(2)?;
    let muscle = [Muscle::Gastrocnemius, Muscle::Soleus, Muscle::Both, Muscle::None]
        .into_iter()
        .find(|m| muscle_name(*m) == muscle)
        .ok_or_else(|| bad(2, FromSqlError::InvalidType))?;
    let phases: String = row.get(3)?;
    let phases = phases
        .split(',')
        .map(str::parse::<u8>)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(3, e))?;
    let kind: String = row.get(4)?;
    let kind = ExerciseKind::ALL
        .into_iter()
        .find(|k| k.name() == kind)
        .ok_or_else(|| bad(4, FromSqlError::InvalidType))?;
    Ok(Exercise {
        id: row.get(0)?,
        name: row.get(1)?,
        muscle,
        phases,
        kind,
        dose: row.get(5)?,
        how_to: row.get(6)?,
        caution: row.get(7)?,
        tags: ExerciseTag::parse_names(&row.get::<_, String>(8)?).map_err(|e| bad(8, e))?,
        per_day: 1,
    })
}

pub fn outcome(row: &Row<'_>) -> rusqlite::Result<Outcome> {
    let result: String = row.get(3)?;
    let level: Option<String> = row.get(5)?;
    let signs: String = row.get(6)?;
    let highest_pain = optional_score(row, 7)?.map(|s| s.value());
    Ok(Outcome {
        date: row.get(0)?,
        rule: row.get(1)?,
        leg: leg(row, 2)?,
        result: OutcomeResult::parse("result", &result).map_err(|e| bad(3, e))?,
        note: row.get(4)?,
        presentation: level.map(|level| Presentation {
            level,
            signs: signs.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            highest_pain,
        }),
    })
}

pub fn plan_entry(row: &Row<'_>) -> rusqlite::Result<PlanEntry> {
    Ok(PlanEntry {
        exercise: row.get(0)?,
        dose: row.get(1)?,
        active: row.get(2)?,
        per_day: row.get(3)?,
    })
}

pub fn completion(row: &Row<'_>) -> rusqlite::Result<Completion> {
    let completion = Completion {
        date: date(row, 0)?,
        exercise: row.get(1)?,
        sets: whole(row, 2, "sets")?,
        pain: optional_score(row, 3)?,
        sessions: row.get(4)?,
    };
    completion.validate(NO_LIMIT).map_err(invalid(|| {
        format!("exercise {} of {}", completion.exercise, completion.date)
    }))?;
    Ok(completion)
}

pub fn capacity_test(row: &Row<'_>) -> rusqlite::Result<CapacityTest> {
    let test: String = row.get(2)?;
    let capacity_test = CapacityTest {
        date: date(row, 0)?,
        leg: leg(row, 1)?,
        test: TestKind::parse(&test).map_err(|e| bad(2, e))?,
        reps: whole(row, 3, "reps")?.unwrap_or_default(),
    };
    capacity_test
        .validate(NO_LIMIT)
        .map_err(invalid(|| format!("heel-raise test of {}", capacity_test.date)))?;
    Ok(capacity_test)
}

pub fn acknowledgement(row: &Row<'_>) -> rusqlite::Result<Acknowledgement> {
    Ok(Acknowledgement {
        rule: row.get(0)?,
        leg: leg(row, 1)?,
        date: date(row, 2)?,
        acknowledged_at: row.get(3)?,
    })
}

pub fn phase_change(row: &Row<'_>) -> rusqlite::Result<PhaseChange> {
    let phase: i64 = row.get(1)?;
    Ok(PhaseChange {
        date: date(row, 0)?,
        phase: u8::try_from(phase)
            .ok()
            .filter(|p| (1..=5).contains(p))
            .ok_or_else(|| {
                bad(
                    1,
                    ValidationError::new("phase", "a phase from 1 to 5", &phase.to_string()),
                )
            })?,
    })
}

pub fn plan_span(row: &Row<'_>) -> rusqlite::Result<PlanSpan> {
    let span = PlanSpan {
        exercise: row.get(0)?,
        start: date(row, 1)?,
        end: row.get::<_, Option<String>>(2)?.map(|_| date(row, 2)).transpose()?,
        dose: row.get(3)?,
        per_day: row.get(4)?,
    };
    span.validate()
        .map_err(invalid(|| format!("plan history of {}", span.exercise)))?;
    Ok(span)
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn stored_dates_are_read_exactly_as_yyyy_mm_dd() {
        assert_eq!(iso_date("2026-11-21"), chrono::NaiveDate::from_ymd_opt(2026, 11, 21));
        for bad in [
            "2026-11-1",
            "2026-13-01",
            "2026-02-30",
            "2026/11/21",
            "+026-11-21",
            "2026-11-21 ",
            "",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }
}
