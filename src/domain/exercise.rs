//! Exercises, the plan, completions and capacity tests.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::LazyLock;

use super::{Leg, Score, ValidationError, check_not_future};

/// Most sets a completion may record.
pub const MAX_SETS: u32 = 50;
/// Most repetitions a capacity test may record.
pub const MAX_REPS: u32 = 500;

/// What an exercise does for the calf; the checklist groups by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExerciseKind {
    Mobility,
    Stretch,
    Strength,
    Running,
    Recovery,
}

impl ExerciseKind {
    pub const ALL: [ExerciseKind; 5] = [
        ExerciseKind::Mobility,
        ExerciseKind::Stretch,
        ExerciseKind::Strength,
        ExerciseKind::Running,
        ExerciseKind::Recovery,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExerciseKind::Mobility => "mobility",
            ExerciseKind::Stretch => "stretch",
            ExerciseKind::Strength => "strength",
            ExerciseKind::Running => "running",
            ExerciseKind::Recovery => "recovery",
        }
    }
}

impl fmt::Display for ExerciseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an exercise asks of the calf, for pausing it under a warning (see
/// docs/clinical-rules.md, exercises under a warning). Every shipped
/// exercise carries one or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExerciseTag {
    Mobility,
    Walking,
    Stretch,
    SoftTissue,
    Isometric,
    Strength,
    Eccentric,
    Plyometric,
    Running,
    CrossTraining,
    Ice,
    /// The leg raised above the heart (its own tag, apart from ice and
    /// compression).
    Elevation,
}

impl ExerciseTag {
    pub const ALL: [ExerciseTag; 12] = [
        ExerciseTag::Mobility,
        ExerciseTag::Walking,
        ExerciseTag::Stretch,
        ExerciseTag::SoftTissue,
        ExerciseTag::Isometric,
        ExerciseTag::Strength,
        ExerciseTag::Eccentric,
        ExerciseTag::Plyometric,
        ExerciseTag::Running,
        ExerciseTag::CrossTraining,
        ExerciseTag::Ice,
        ExerciseTag::Elevation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExerciseTag::Mobility => "mobility",
            ExerciseTag::Walking => "walking",
            ExerciseTag::Stretch => "stretch",
            ExerciseTag::SoftTissue => "soft-tissue",
            ExerciseTag::Isometric => "isometric",
            ExerciseTag::Strength => "strength",
            ExerciseTag::Eccentric => "eccentric",
            ExerciseTag::Plyometric => "plyometric",
            ExerciseTag::Running => "running",
            ExerciseTag::CrossTraining => "cross-training",
            ExerciseTag::Ice => "ice",
            ExerciseTag::Elevation => "elevation",
        }
    }

    pub fn parse(raw: &str) -> Result<ExerciseTag, ValidationError> {
        ExerciseTag::ALL
            .into_iter()
            .find(|t| t.name() == raw.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = ExerciseTag::ALL.iter().map(|t| t.name()).collect();
                ValidationError::new("exercise.tags", &format!("one of {}", names.join(", ")), raw)
            })
    }

    /// Comma-separated names; how the database stores a list.
    pub fn to_names(tags: &[ExerciseTag]) -> String {
        tags.iter().map(|t| t.name()).collect::<Vec<_>>().join(",")
    }

    /// Parses what [`ExerciseTag::to_names`] wrote.
    pub fn parse_names(text: &str) -> Result<Vec<ExerciseTag>, ValidationError> {
        text.split(',')
            .filter(|part| !part.trim().is_empty())
            .map(ExerciseTag::parse)
            .collect()
    }
}

impl fmt::Display for ExerciseTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which calf muscle an exercise loads most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Muscle {
    Gastrocnemius,
    Soleus,
    Both,
    None,
}

/// One entry of the catalogue (see docs/plan.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub muscle: Muscle,
    /// Recovery phases (1–5) in which this exercise belongs.
    pub phases: Vec<u8>,
    pub kind: ExerciseKind,
    pub dose: String,
    pub how_to: String,
    pub caution: String,
    /// What the exercise asks of the calf. A user's exercise
    /// without tags is paused by every warning that pauses "all" exercises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<ExerciseTag>,
    /// Sessions a day the catalogue suggests (eccentric drops: twice daily).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub per_day: u8,
}

fn one() -> u8 {
    1
}

fn is_one(n: &u8) -> bool {
    *n == 1
}

/// The most sessions a day a plan may ask for.
pub const MAX_PER_DAY: u8 = 4;

impl Exercise {
    pub fn in_phase(&self, phase: u8) -> bool {
        self.phases.contains(&phase)
    }

    /// Checks an exercise defined by the user (import file).
    pub fn validate(&self) -> Result<(), ValidationError> {
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return Err(ValidationError::new(
                "exercise.id",
                "1 to 40 characters of a-z, 0-9 and -",
                &self.id,
            ));
        }
        if self.name.trim().is_empty() {
            return Err(ValidationError::new("exercise.name", "a non-empty name", &self.name));
        }
        if self.phases.is_empty() || self.phases.iter().any(|p| !(1..=5).contains(p)) {
            return Err(ValidationError::new(
                "exercise.phases",
                "a list of phases from 1 to 5",
                &format!("{:?}", self.phases),
            ));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct CatalogueFile {
    exercise: Vec<Exercise>,
}

/// The shipped exercises plus any the user added.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    exercises: Vec<Exercise>,
}

impl Catalogue {
    /// The catalogue compiled into the binary from `assets/exercises.toml`,
    /// parsed once per process.
    pub fn builtin() -> Catalogue {
        static BUILTIN: LazyLock<Catalogue> = LazyLock::new(|| {
            const TOML: &str = include_str!("../../assets/exercises.toml");
            // The asset is part of the binary and covered by a test, so a
            // parse failure here can only be a build defect.
            #[allow(clippy::expect_used)]
            let file: CatalogueFile = toml::from_str(TOML).expect("assets/exercises.toml is valid");
            Catalogue {
                exercises: file.exercise,
            }
        });
        BUILTIN.clone()
    }

    /// The builtin catalogue with user exercises added; a user exercise with
    /// a builtin id replaces it.
    pub fn with_custom(custom: &[Exercise]) -> Catalogue {
        let mut catalogue = Catalogue::builtin();
        for exercise in custom {
            match catalogue.exercises.iter_mut().find(|e| e.id == exercise.id) {
                // A changed shipped exercise keeps its tags unless it names its own.
                Some(slot) => {
                    let tags = if exercise.tags.is_empty() {
                        std::mem::take(&mut slot.tags)
                    } else {
                        exercise.tags.clone()
                    };
                    *slot = Exercise {
                        tags,
                        ..exercise.clone()
                    };
                }
                None => catalogue.exercises.push(exercise.clone()),
            }
        }
        catalogue
    }

    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    pub fn all(&self) -> &[Exercise] {
        &self.exercises
    }

    /// An exercise id the user typed, or an error listing the known ids.
    pub fn require(&self, id: &str) -> Result<&Exercise, ValidationError> {
        self.get(id).ok_or_else(|| {
            let ids: Vec<&str> = self.exercises.iter().map(|e| e.id.as_str()).collect();
            ValidationError::new("exercise", &format!("one of {}", ids.join(", ")), id)
        })
    }

    /// The exercises a new plan starts with in `phase`.
    pub fn for_phase(&self, phase: u8) -> impl Iterator<Item = &Exercise> {
        self.exercises.iter().filter(move |e| e.in_phase(phase))
    }
}

/// An exercise in the user's plan, with the dose they were given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    pub exercise: String,
    pub dose: String,
    pub active: bool,
    /// Sessions a day (1–4): an exercise asked twice daily counts twice.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub per_day: u8,
}

/// An exercise done on a day. Recording it again replaces the day's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub date: NaiveDate,
    pub exercise: String,
    #[serde(default)]
    pub sets: Option<u32>,
    /// Pain during the exercise, 0–10.
    #[serde(default)]
    pub pain: Option<Score>,
    /// Sessions done that day (1–4): the second of a twice-daily exercise.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub sessions: u8,
}

impl Completion {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationError> {
        check_not_future("date", self.date, today)?;
        if let Some(sets) = self.sets
            && !(1..=MAX_SETS).contains(&sets)
        {
            return Err(ValidationError::new(
                "sets",
                &format!("a whole number from 1 to {MAX_SETS}"),
                &sets.to_string(),
            ));
        }
        if !(1..=MAX_PER_DAY).contains(&self.sessions) {
            return Err(ValidationError::new(
                "sessions",
                &format!("a whole number from 1 to {MAX_PER_DAY}"),
                &self.sessions.to_string(),
            ));
        }
        Ok(())
    }
}

/// The two single-leg heel-raise tests (see docs/storage.md, what a day
/// holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TestKind {
    #[serde(rename = "heel-raise-straight")]
    HeelRaiseStraight,
    #[serde(rename = "heel-raise-bent")]
    HeelRaiseBent,
}

impl TestKind {
    pub const ALL: [TestKind; 2] = [TestKind::HeelRaiseStraight, TestKind::HeelRaiseBent];

    pub fn name(self) -> &'static str {
        match self {
            TestKind::HeelRaiseStraight => "heel-raise-straight",
            TestKind::HeelRaiseBent => "heel-raise-bent",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TestKind::HeelRaiseStraight => "heel raise, knee straight",
            TestKind::HeelRaiseBent => "heel raise, knee bent",
        }
    }

    pub fn parse(raw: &str) -> Result<TestKind, ValidationError> {
        TestKind::ALL
            .into_iter()
            .find(|t| t.name() == raw.trim())
            .ok_or_else(|| ValidationError::new("test", "heel-raise-straight or heel-raise-bent", raw))
    }
}

impl fmt::Display for TestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Single-leg heel raises to fatigue on one day; recording again replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityTest {
    pub date: NaiveDate,
    pub leg: Leg,
    pub test: TestKind,
    pub reps: u32,
}

impl CapacityTest {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationError> {
        check_not_future("date", self.date, today)?;
        if self.reps > MAX_REPS {
            return Err(ValidationError::new(
                "reps",
                &format!("a whole number from 0 to {MAX_REPS}"),
                &self.reps.to_string(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_covers_spec_5_4() {
        let c = Catalogue::builtin();
        assert!(c.all().len() >= 14, "only {} exercises", c.all().len());
        for e in c.all() {
            e.validate().unwrap();
            assert!(!e.how_to.trim().is_empty(), "{} has no how-to", e.id);
            assert!(!e.caution.trim().is_empty(), "{} has no caution", e.id);
            assert!(!e.dose.trim().is_empty(), "{} has no dose", e.id);
        }
        let mut ids: Vec<&str> = c.all().iter().map(|e| e.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), c.all().len(), "duplicate ids");
        for phase in 1..=5 {
            assert!(c.for_phase(phase).count() > 0, "phase {phase} is empty");
        }
        for kind in ExerciseKind::ALL {
            assert!(c.all().iter().any(|e| e.kind == kind), "no {kind} exercise");
        }
    }

    #[test]
    fn unknown_exercise_lists_ids() {
        let err = Catalogue::builtin().require("jumping-jacks").unwrap_err();
        assert_eq!(err.field, "exercise");
        assert!(err.allowed.contains("ankle-pumps"));
    }

    #[test]
    fn custom_exercise_extends_and_overrides() {
        let mut custom = Catalogue::builtin().get("ankle-pumps").unwrap().clone();
        custom.dose = "20 every hour".into();
        let mut extra = custom.clone();
        extra.id = "my-drill".into();
        let c = Catalogue::with_custom(&[custom, extra]);
        assert_eq!(c.get("ankle-pumps").unwrap().dose, "20 every hour");
        assert!(c.get("my-drill").is_some());
    }

    #[test]
    fn completion_and_test_limits() {
        let today: NaiveDate = "2026-06-01".parse().unwrap();
        let mut done = Completion {
            date: today,
            exercise: "x".into(),
            sets: Some(0),
            pain: None,
            sessions: 1,
        };
        assert_eq!(done.validate(today).unwrap_err().field, "sets");
        done.sets = Some(3);
        assert!(done.validate(today).is_ok());
        let test = CapacityTest {
            date: today,
            leg: Leg::Left,
            test: TestKind::HeelRaiseBent,
            reps: 501,
        };
        assert_eq!(test.validate(today).unwrap_err().field, "reps");
        assert_eq!(TestKind::parse("heel-raise-bent").unwrap(), TestKind::HeelRaiseBent);
        assert!(TestKind::parse("plank").is_err());
    }
}
