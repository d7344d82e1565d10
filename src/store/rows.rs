//! Turning rows into domain values. A value the domain would refuse is
//! reported as a conversion failure rather than loaded silently.

use rusqlite::Row;
use rusqlite::types::{FromSqlError, Type};

use crate::domain::{
    Acknowledgement, CapacityTest, CheckIn, Completion, Exercise, ExerciseKind, ExerciseTag, InjuredLeg, Leg, Muscle,
    Outcome, OutcomeResult, PhaseChange, PlanEntry, Presentation, Profile, Score, Symptoms, TestKind,
};

/// The check-in columns in the order [`checkin`] reads them; a macro so
/// that whole queries can be `concat!`-ed into constants.
macro_rules! checkin_columns {
    () => {
        "date, leg, pain_rest, pain_walk, pain_run, tightness, morning, symptoms, run_km, run_min, cross_min, note"
    };
}
pub(crate) use checkin_columns;

pub const EXERCISE_COLUMNS: &str = "id, name, muscle, phases, kind, dose, how_to, caution, tags";

pub const OUTCOME_COLUMNS: &str = "date, rule, leg, result, note, level, signs";

fn bad(column: usize, err: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, Box::new(err))
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
    Ok(CheckIn {
        date: row.get(0)?,
        leg: leg(row, 1)?,
        pain_rest: score(row, 2)?,
        pain_walk: score(row, 3)?,
        pain_run: optional_score(row, 4)?,
        tightness: optional_score(row, 5)?,
        morning: optional_score(row, 6)?,
        symptoms: Symptoms::parse_list(&names).map_err(|e| bad(7, e))?,
        run_km: row.get(8)?,
        run_min: row.get(9)?,
        cross_min: row.get(10)?,
        note: row.get(11)?,
    })
}

pub fn profile(row: &Row<'_>) -> rusqlite::Result<Profile> {
    let leg: String = row.get(0)?;
    Ok(Profile {
        leg: InjuredLeg::parse("leg", &leg).map_err(|e| bad(0, e))?,
        injury_date: row.get(1)?,
        clot_history: row.get(2)?,
        cancer: row.get(3)?,
    })
}

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
    })
}

pub fn outcome(row: &Row<'_>) -> rusqlite::Result<Outcome> {
    let result: String = row.get(3)?;
    let level: Option<String> = row.get(5)?;
    let signs: String = row.get(6)?;
    Ok(Outcome {
        date: row.get(0)?,
        rule: row.get(1)?,
        leg: leg(row, 2)?,
        result: OutcomeResult::parse("result", &result).map_err(|e| bad(3, e))?,
        note: row.get(4)?,
        presentation: level.map(|level| Presentation {
            level,
            signs: signs.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        }),
    })
}

pub fn plan_entry(row: &Row<'_>) -> rusqlite::Result<PlanEntry> {
    Ok(PlanEntry {
        exercise: row.get(0)?,
        dose: row.get(1)?,
        active: row.get(2)?,
    })
}

pub fn completion(row: &Row<'_>) -> rusqlite::Result<Completion> {
    Ok(Completion {
        date: row.get(0)?,
        exercise: row.get(1)?,
        sets: row.get(2)?,
        pain: optional_score(row, 3)?,
    })
}

pub fn capacity_test(row: &Row<'_>) -> rusqlite::Result<CapacityTest> {
    let test: String = row.get(2)?;
    Ok(CapacityTest {
        date: row.get(0)?,
        leg: leg(row, 1)?,
        test: TestKind::parse(&test).map_err(|e| bad(2, e))?,
        reps: row.get(3)?,
    })
}

pub fn acknowledgement(row: &Row<'_>) -> rusqlite::Result<Acknowledgement> {
    Ok(Acknowledgement {
        rule: row.get(0)?,
        leg: leg(row, 1)?,
        date: row.get(2)?,
        acknowledged_at: row.get(3)?,
    })
}

pub fn phase_change(row: &Row<'_>) -> rusqlite::Result<PhaseChange> {
    Ok(PhaseChange {
        date: row.get(0)?,
        phase: row.get(1)?,
    })
}
