//! The whole journal as one value: what `export` writes, `import` reads and
//! `demo` generates.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::import::UnreadableRecord;
use super::{
    CapacityTest, CheckIn, Completion, Exercise, Leg, Outcome, PlanEntry, PlanSpan, Profile, Run, RunSource,
    ValidationError,
};

/// Marks an export file as a soleus journal.
pub const JOURNAL_FORMAT: &str = "soleus-journal";
/// Version of the export file layout.
pub const JOURNAL_VERSION: u32 = 1;

/// The user saw a warning and said so. Stored so the same warning does not
/// interrupt them again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub rule: String,
    pub leg: Leg,
    /// The date of the flag that was acknowledged.
    pub date: NaiveDate,
    pub acknowledged_at: NaiveDateTime,
}

/// The user confirmed a move to a recovery phase (1–5) on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseChange {
    pub date: NaiveDate,
    pub phase: u8,
}

/// Everything one journal holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub profile: Option<Profile>,
    #[serde(default)]
    pub checkins: Vec<CheckIn>,
    #[serde(default)]
    pub completions: Vec<Completion>,
    #[serde(default)]
    pub capacity_tests: Vec<CapacityTest>,
    #[serde(default)]
    pub plan: Vec<PlanEntry>,
    #[serde(default)]
    pub exercises: Vec<Exercise>,
    #[serde(default)]
    pub acknowledgements: Vec<Acknowledgement>,
    #[serde(default)]
    pub phases: Vec<PhaseChange>,
    /// What came of warnings (see docs/clinical-rules.md, open warnings and
    /// outcomes).
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// Imported runs. A typed run travels in its check-in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<Run>,
    /// When each exercise entered and left the plan (issue 12).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_history: Vec<PlanSpan>,
    /// Rows of the journal that could not be read, as they are stored, so
    /// that an export loses nothing. Never imported: fix them by hand and
    /// import them as the records they are (see docs/storage.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableRecord>,
}

impl Default for Journal {
    fn default() -> Self {
        Journal {
            format: JOURNAL_FORMAT.to_owned(),
            version: JOURNAL_VERSION,
            profile: None,
            checkins: Vec::new(),
            completions: Vec::new(),
            capacity_tests: Vec::new(),
            plan: Vec::new(),
            exercises: Vec::new(),
            acknowledgements: Vec::new(),
            phases: Vec::new(),
            outcomes: Vec::new(),
            runs: Vec::new(),
            plan_history: Vec::new(),
            unreadable: Vec::new(),
        }
    }
}

impl Journal {
    /// Checks every record against the same limits as typed input, naming
    /// the record (`checkins[4].run_km`) so a bad file can be fixed by hand.
    /// `known_exercise` says whether an exercise id exists (builtin or in
    /// this file).
    pub fn validate(&self, today: NaiveDate, known_exercise: impl Fn(&str) -> bool) -> Result<(), ValidationError> {
        if self.format != JOURNAL_FORMAT {
            return Err(ValidationError::new(
                "format",
                &format!("\"{JOURNAL_FORMAT}\""),
                &self.format,
            ));
        }
        if self.version != JOURNAL_VERSION {
            return Err(ValidationError::new(
                "version",
                &JOURNAL_VERSION.to_string(),
                &self.version.to_string(),
            ));
        }
        if let Some(profile) = &self.profile {
            if let Some(date) = profile.injury_date {
                super::check_not_future("profile.injury_date", date, today)?;
            }
            profile.validate().map_err(|err| err.within("profile"))?;
        }
        for (i, r) in self.runs.iter().enumerate() {
            let at = format!("runs[{i}]");
            if r.source == RunSource::Manual {
                return Err(ValidationError::new(
                    &format!("{at}.source"),
                    "fit, gpx, strava or garmin (a typed run travels in its check-in)",
                    "manual",
                ));
            }
            r.validate(today).map_err(|err| err.within(&at))?;
        }
        for (i, e) in self.exercises.iter().enumerate() {
            e.validate().map_err(|err| err.within(&format!("exercises[{i}]")))?;
        }
        for (i, c) in self.checkins.iter().enumerate() {
            c.validate(today).map_err(|err| err.within(&format!("checkins[{i}]")))?;
        }
        for (i, c) in self.completions.iter().enumerate() {
            c.validate(today)
                .map_err(|err| err.within(&format!("completions[{i}]")))?;
        }
        self.check_exercise_ids(&known_exercise)?;
        for (i, t) in self.capacity_tests.iter().enumerate() {
            t.validate(today)
                .map_err(|err| err.within(&format!("capacity_tests[{i}]")))?;
        }
        for (i, a) in self.acknowledgements.iter().enumerate() {
            super::check_not_future("date", a.date, today)
                .map_err(|err| err.within(&format!("acknowledgements[{i}]")))?;
        }
        for (i, o) in self.outcomes.iter().enumerate() {
            o.validate(today, super::is_rule_id, super::is_sign_name)
                .map_err(|err| err.within(&format!("outcomes[{i}]")))?;
        }
        for (i, p) in self.plan.iter().enumerate() {
            if !(1..=super::exercise::MAX_PER_DAY).contains(&p.per_day) {
                return Err(ValidationError::new(
                    &format!("plan[{i}].per_day"),
                    &format!("a whole number from 1 to {}", super::exercise::MAX_PER_DAY),
                    &p.per_day.to_string(),
                ));
            }
        }
        for (i, s) in self.plan_history.iter().enumerate() {
            let at = format!("plan_history[{i}]");
            s.validate().map_err(|err| err.within(&at))?;
            super::check_not_future("start", s.start, today).map_err(|err| err.within(&at))?;
            // An open span is the plan entry's history: the file must hold
            // that entry, active, and only one open span for it.
            let active = self.plan.iter().any(|p| p.exercise == s.exercise && p.active);
            let open_twice = self
                .plan_history
                .iter()
                .filter(|o| o.exercise == s.exercise && o.end.is_none())
                .count()
                > 1;
            if s.end.is_none() && (!active || open_twice) {
                return Err(ValidationError::new(
                    &format!("{at}.end"),
                    "a date: only the one span of an exercise active in the plan is open",
                    "null",
                ));
            }
        }
        self.check_unique()?;
        for (i, p) in self.phases.iter().enumerate() {
            let at = format!("phases[{i}]");
            super::check_not_future("date", p.date, today).map_err(|err| err.within(&at))?;
            if !(1..=5).contains(&p.phase) {
                return Err(ValidationError::new(
                    &format!("{at}.phase"),
                    "a phase from 1 to 5",
                    &p.phase.to_string(),
                ));
            }
        }
        Ok(())
    }

    /// One record per identity (a check-in's date and leg, a completion's
    /// date and exercise...): the store keeps one, so a file with two would
    /// import differently each time it is imported.
    fn check_unique(&self) -> Result<(), ValidationError> {
        unique("checkins", &self.checkins, "date and leg", |c| (c.date, c.leg))?;
        unique("completions", &self.completions, "date and exercise", |c| {
            (c.date, c.exercise.as_str())
        })?;
        unique("capacity_tests", &self.capacity_tests, "date, leg and test", |t| {
            (t.date, t.leg, t.test)
        })?;
        unique("plan", &self.plan, "exercise", |p| p.exercise.as_str())?;
        unique("plan_history", &self.plan_history, "exercise and start", |s| {
            (s.exercise.as_str(), s.start)
        })?;
        unique("exercises", &self.exercises, "id", |e| e.id.as_str())?;
        unique("acknowledgements", &self.acknowledgements, "rule, leg and date", |a| {
            (a.rule.as_str(), a.leg, a.date)
        })?;
        unique("outcomes", &self.outcomes, "rule, leg and date", |o| {
            (o.rule.as_str(), o.leg, o.date)
        })?;
        unique("phases", &self.phases, "date", |p| p.date)?;
        unique("runs", &self.runs, "start time", |r| r.start)
    }

    /// Every exercise a completion or the plan names exists: builtin (as
    /// `known_exercise` says) or defined in this file. Split out so an
    /// import can check ids against the journal's catalogue after the rest
    /// of the file was validated without it.
    pub fn check_exercise_ids(&self, known_exercise: impl Fn(&str) -> bool) -> Result<(), ValidationError> {
        let known = |id: &str| known_exercise(id) || self.exercises.iter().any(|e| e.id == id);
        let named = self
            .completions
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("completions[{i}].exercise"), &c.exercise))
            .chain(
                self.plan
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (format!("plan[{i}].exercise"), &p.exercise)),
            );
        for (field, id) in named {
            if !known(id) {
                return Err(ValidationError::new(&field, "a known exercise id", id));
            }
        }
        Ok(())
    }

    /// Puts every list in its canonical order, so two exports of the same
    /// journal are byte-identical.
    pub fn sort(&mut self) {
        self.checkins.sort_by_key(|c| (c.date, c.leg));
        self.completions
            .sort_by(|a, b| (a.date, &a.exercise).cmp(&(b.date, &b.exercise)));
        self.capacity_tests.sort_by_key(|t| (t.date, t.leg, t.test));
        self.plan.sort_by(|a, b| a.exercise.cmp(&b.exercise));
        self.exercises.sort_by(|a, b| a.id.cmp(&b.id));
        self.acknowledgements
            .sort_by(|a, b| (a.date, &a.rule, a.leg).cmp(&(b.date, &b.rule, b.leg)));
        self.phases.sort_by_key(|p| p.date);
        self.plan_history
            .sort_by(|a, b| (&a.exercise, a.start).cmp(&(&b.exercise, b.start)));
        self.outcomes
            .sort_by(|a, b| (a.date, &a.rule, a.leg).cmp(&(b.date, &b.rule, b.leg)));
        self.runs.sort_by_key(|r| (r.date, r.start));
    }
}

fn unique<'a, T, K: Ord>(
    list: &str,
    items: &'a [T],
    identity: &str,
    key: impl Fn(&'a T) -> K,
) -> Result<(), ValidationError> {
    let mut seen = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(first) = seen.insert(key(item), i) {
            return Err(ValidationError::new(
                &format!("{list}[{i}]"),
                &format!("one record per {identity}"),
                &format!("the same {identity} as {list}[{first}]"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Score, TestKind};

    fn today() -> NaiveDate {
        "2026-06-10".parse().unwrap()
    }

    #[test]
    fn names_the_bad_record() {
        let mut j = Journal::default();
        j.checkins
            .push(CheckIn::new(today(), Leg::Left, Score::default(), Score::default()));
        let mut bad = CheckIn::new(today(), Leg::Right, Score::default(), Score::default());
        bad.run_km = Some(-1.0);
        j.checkins.push(bad);
        let err = j.validate(today(), |_| true).unwrap_err();
        assert_eq!(err.field, "checkins[1].run_km");
    }

    #[test]
    fn refuses_unknown_exercise_and_wrong_format() {
        let mut j = Journal::default();
        j.completions.push(Completion {
            date: today(),
            exercise: "nope".into(),
            sets: None,
            pain: None,
            sessions: 1,
        });
        assert_eq!(
            j.validate(today(), |_| false).unwrap_err().field,
            "completions[0].exercise"
        );
        let j = Journal {
            format: "other".into(),
            ..Journal::default()
        };
        assert_eq!(j.validate(today(), |_| true).unwrap_err().field, "format");
    }

    #[test]
    fn refuses_two_records_with_one_identity() {
        let mut j = Journal::default();
        let c = CheckIn::new(today(), Leg::Left, Score::default(), Score::default());
        j.checkins.push(c.clone());
        j.checkins
            .push(CheckIn::new(today(), Leg::Right, Score::default(), Score::default()));
        assert!(j.validate(today(), |_| true).is_ok());
        j.checkins.push(c);
        let err = j.validate(today(), |_| true).unwrap_err();
        assert_eq!(err.field, "checkins[2]");
        assert!(err.to_string().contains("checkins[0]"), "{err}");
    }

    #[test]
    fn refuses_future_test_and_bad_phase() {
        let mut j = Journal::default();
        j.capacity_tests.push(CapacityTest {
            date: today().succ_opt().unwrap(),
            leg: Leg::Left,
            test: TestKind::HeelRaiseBent,
            reps: 10,
        });
        assert_eq!(
            j.validate(today(), |_| true).unwrap_err().field,
            "capacity_tests[0].date"
        );
        j.capacity_tests.clear();
        j.phases.push(PhaseChange {
            date: today(),
            phase: 6,
        });
        assert_eq!(j.validate(today(), |_| true).unwrap_err().field, "phases[0].phase");
    }
}
