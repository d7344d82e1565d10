//! What came of a warning (see docs/clinical-rules.md, open warnings and
//! outcomes): a clinician cleared it, it is being treated, or the user
//! closed it without being seen. The outcome keeps the presentation it
//! closed, so the same ache does not warn again every day while a new sign
//! or a higher level does.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::{Leg, Score, ValidationError, check_not_future};

/// Longest note an outcome keeps.
pub const MAX_OUTCOME_NOTE: usize = 2000;

/// The result of a warning, as the user records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeResult {
    /// A clinician assessed it and found nothing serious.
    Cleared,
    /// Assessed, and being treated: follow the clinician.
    Treating,
    /// Closed by the user without being assessed.
    NotSeen,
}

impl OutcomeResult {
    pub const ALL: [OutcomeResult; 3] = [OutcomeResult::Cleared, OutcomeResult::Treating, OutcomeResult::NotSeen];

    pub fn name(self) -> &'static str {
        match self {
            OutcomeResult::Cleared => "cleared",
            OutcomeResult::Treating => "treating",
            OutcomeResult::NotSeen => "not-seen",
        }
    }

    /// What the result means, in a few words, for lists and the report.
    pub fn meaning(self) -> &'static str {
        match self {
            OutcomeResult::Cleared => "assessed by a clinician, nothing serious found",
            OutcomeResult::Treating => "assessed by a clinician and being treated",
            OutcomeResult::NotSeen => "closed without being assessed",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<OutcomeResult, ValidationError> {
        let wanted = raw.trim().to_ascii_lowercase().replace('_', "-");
        OutcomeResult::ALL
            .into_iter()
            .find(|r| r.name() == wanted)
            .ok_or_else(|| ValidationError::new(field, "cleared, treating or not-seen", raw))
    }
}

impl fmt::Display for OutcomeResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The warning an outcome closed, as it stood when the outcome was
/// recorded: its level and every sign of the entries it covered (symptom
/// names and rule clauses such as `pain_walk>=9`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presentation {
    pub level: String,
    pub signs: Vec<String>,
    /// The highest pain (the worse of rest and walking) of the entries it
    /// covered. `None` for outcomes recorded before version 3 of the rules
    /// stored it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "highest_pain_from_file"
    )]
    pub highest_pain: Option<u8>,
}

/// A file's `highest_pain` is read as a pain score, so a value off the
/// 0–10 scale is refused the way a check-in's `pain_rest` is.
fn highest_pain_from_file<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<u8>, D::Error> {
    Ok(Option::<Score>::deserialize(de)?.map(Score::value))
}

/// One recorded outcome. One per rule, leg and date; a later one for the
/// same rule and leg replaces the earlier one's presentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub date: NaiveDate,
    pub rule: String,
    pub leg: Leg,
    pub result: OutcomeResult,
    #[serde(default)]
    pub note: Option<String>,
    /// `None` for trend rules, which have no presentation: they stay silent
    /// for 14 days instead.
    #[serde(default)]
    pub presentation: Option<Presentation>,
}

impl Outcome {
    /// Checks the fields a file or a form can get wrong. The rule id and the
    /// presentation's names are checked by the clinical engine's parser
    /// (`is_rule`, `is_sign`), which the domain does not know.
    pub fn validate(
        &self,
        today: NaiveDate,
        is_rule: impl Fn(&str) -> bool,
        is_sign: impl Fn(&str) -> bool,
    ) -> Result<(), ValidationError> {
        check_not_future("date", self.date, today)?;
        if !is_rule(&self.rule) {
            return Err(ValidationError::new("rule", "a rule id of soleus flags", &self.rule));
        }
        if let Some(note) = &self.note
            && note.chars().count() > MAX_OUTCOME_NOTE
        {
            return Err(ValidationError::new(
                "note",
                &format!("at most {MAX_OUTCOME_NOTE} characters"),
                &format!("{} characters", note.chars().count()),
            ));
        }
        if let Some(p) = &self.presentation {
            if !["emergency", "urgent", "soon", "watch"].contains(&p.level.as_str()) {
                return Err(ValidationError::new(
                    "presentation.level",
                    "emergency, urgent, soon or watch",
                    &p.level,
                ));
            }
            if let Some(pain) = p.highest_pain
                && pain > Score::MAX
            {
                return Err(ValidationError::new(
                    "presentation.highest_pain",
                    "a whole number from 0 to 10",
                    &pain.to_string(),
                ));
            }
            if let Some(bad) = p.signs.iter().find(|s| !is_sign(s)) {
                return Err(ValidationError::new(
                    "presentation.signs",
                    "symptom names and rule clauses as soleus writes them",
                    bad,
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_parse_by_name() {
        for r in OutcomeResult::ALL {
            assert_eq!(OutcomeResult::parse("result", r.name()).unwrap(), r);
        }
        assert_eq!(
            OutcomeResult::parse("result", "NOT_SEEN").unwrap(),
            OutcomeResult::NotSeen
        );
        let err = OutcomeResult::parse("result", "fine").unwrap_err();
        assert_eq!(err.field, "result");
        assert!(err.allowed.contains("not-seen"));
    }

    #[test]
    fn validate_names_the_field() {
        let today: NaiveDate = "2026-06-20".parse().unwrap();
        let mut o = Outcome {
            date: today,
            rule: "dvt".into(),
            leg: Leg::Left,
            result: OutcomeResult::Cleared,
            note: None,
            presentation: Some(Presentation {
                level: "urgent".into(),
                signs: vec!["swelling".into()],
                highest_pain: None,
            }),
        };
        assert!(o.validate(today, |r| r == "dvt", |_| true).is_ok());
        assert_eq!(o.validate(today, |_| false, |_| true).unwrap_err().field, "rule");
        assert_eq!(
            o.validate(today, |_| true, |_| false).unwrap_err().field,
            "presentation.signs"
        );
        o.presentation.as_mut().unwrap().highest_pain = Some(11);
        let err = o.validate(today, |_| true, |_| true).unwrap_err();
        assert_eq!(err.field, "presentation.highest_pain");
        assert_eq!(err.allowed, "a whole number from 0 to 10");
        o.presentation.as_mut().unwrap().highest_pain = Some(10);
        assert!(o.validate(today, |_| true, |_| true).is_ok());
        o.date = today.succ_opt().unwrap();
        assert_eq!(o.validate(today, |_| true, |_| true).unwrap_err().field, "date");
    }

    #[test]
    fn highest_pain_is_optional_and_read_as_a_score() {
        let old: Presentation = serde_json::from_str(r#"{"level":"urgent","signs":["swelling"]}"#).unwrap();
        assert_eq!(old.highest_pain, None);
        assert_eq!(
            serde_json::to_string(&old).unwrap(),
            r#"{"level":"urgent","signs":["swelling"]}"#
        );
        let new: Presentation =
            serde_json::from_str(r#"{"level":"urgent","signs":["swelling"],"highest_pain":4}"#).unwrap();
        assert_eq!(new.highest_pain, Some(4));
        assert!(serde_json::to_string(&new).unwrap().ends_with(r#","highest_pain":4}"#));
        for bad in ["11", "-1", "300", "2.5", "\"4\""] {
            let text = format!(r#"{{"level":"urgent","signs":[],"highest_pain":{bad}}}"#);
            assert!(serde_json::from_str::<Presentation>(&text).is_err(), "{bad}");
        }
    }
}
