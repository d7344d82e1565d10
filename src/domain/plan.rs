//! Plan history (issue 12): when each exercise entered the plan and left it,
//! with the dose it had then. Adherence counts against this, so a plan
//! change never rewrites past figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ValidationError;
use super::exercise::MAX_PER_DAY;
use super::exercise::{Catalogue, Exercise, PlanEntry};

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

/// Text as the user might type a name: lower case, every run of other
/// characters one `-` ("Pain-free walking" → "pain-free-walking").
fn simplified(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// "Pain-free walking (easy-walking)": how an error names an exercise.
fn label(e: &Exercise) -> String {
    format!("{} ({})", crate::sanitize::strip_controls(&e.name), e.id)
}

/// The exercise `typed` names: its id, its name, or the start of either
/// (case and punctuation ignored) when only one exercise starts so. An
/// ambiguous start lists the exercises it matches; an unknown name lists
/// the three closest.
pub fn find_exercise<'c>(catalogue: &'c Catalogue, typed: &str) -> Result<&'c Exercise, ValidationError> {
    if let Some(e) = catalogue.get(typed.trim()) {
        return Ok(e);
    }
    let wanted = simplified(typed);
    let all = catalogue.all();
    if !wanted.is_empty() {
        if let Some(e) = all.iter().find(|e| simplified(&e.name) == wanted) {
            return Ok(e);
        }
        let starts: Vec<&Exercise> = all
            .iter()
            .filter(|e| simplified(&e.name).starts_with(&wanted) || e.id.starts_with(&wanted))
            .collect();
        match starts.as_slice() {
            [one] => return Ok(one),
            [] => {}
            many => {
                let names: Vec<String> = many.iter().map(|e| label(e)).collect();
                return Err(ValidationError::new(
                    "exercise",
                    &format!(
                        "one exercise, but it matches {}: type more of the name, or the id",
                        names.join(", ")
                    ),
                    typed,
                ));
            }
        }
    }
    // Closest: most typed words that start a word of the name or id
    // ("ecc-drop-s"), then fewest edits ("walkng").
    let words: Vec<&str> = wanted.split('-').filter(|w| !w.is_empty()).collect();
    let mut closest: Vec<(usize, usize, &Exercise)> = all
        .iter()
        .map(|e| {
            let name = simplified(&e.name);
            let theirs: Vec<&str> = name.split('-').chain(e.id.split('-')).collect();
            let shared = words
                .iter()
                .filter(|w| theirs.iter().any(|t| t.starts_with(*w)))
                .count();
            let edits = distance(&wanted, &name).min(distance(&wanted, &e.id));
            (usize::MAX - shared, edits, e)
        })
        .collect();
    closest.sort_by_key(|(shared, edits, e)| (*shared, *edits, e.id.clone()));
    let names: Vec<String> = closest.iter().take(3).map(|(_, _, e)| label(e)).collect();
    Err(ValidationError::new(
        "exercise",
        &format!(
            "an exercise id or the start of its name; the closest are {}",
            names.join(", ")
        ),
        typed,
    ))
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// An id for a user's exercise from its name ("Stair calf raise" →
/// "stair-calf-raise"), at most 40 characters of a-z, 0-9 and `-`.
pub fn id_from_name(name: &str) -> String {
    let ascii: String = simplified(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let mut id = String::new();
    for part in ascii.split('-').filter(|p| !p.is_empty()) {
        if id.len() + part.len() + 1 > 40 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(part);
    }
    id
}

/// The shape of a dose, read from its text where it says so: "3 x 15",
/// "5 holds of 30-45 s", "2-4 x 30 s". What the guided session and the
/// default sets done use; a dose in free words has no shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoseShape {
    pub sets: u32,
    /// Repetitions per set (the low end of a range).
    pub reps: Option<u32>,
    /// Seconds a hold lasts (the low end of a range).
    pub seconds: Option<u32>,
}

impl DoseShape {
    /// The shape of `dose`, or `None` when it does not start with a count
    /// of sets.
    pub fn read(dose: &str) -> Option<DoseShape> {
        let words: Vec<&str> = dose.split_whitespace().collect();
        let sets = low_end(words.first()?)?;
        let rest = words.get(1..).unwrap_or_default();
        let (count, unit) = match rest {
            [x, n, unit, ..] if *x == "x" || *x == "×" => (low_end(n)?, *unit),
            [x, n] if *x == "x" || *x == "×" => (low_end(n)?, ""),
            ["holds", "of", n, unit, ..] => (low_end(n)?, *unit),
            _ => return None,
        };
        let timed = matches!(unit.trim_end_matches([',', ';']), "s" | "sec" | "seconds");
        Some(DoseShape {
            sets,
            reps: (!timed).then_some(count),
            seconds: timed.then_some(count),
        })
    }

    /// Dose text for sets of reps or of holds: "3 x 15", "5 x 30 s".
    pub fn text(self) -> String {
        match (self.reps, self.seconds) {
            (_, Some(seconds)) => format!("{} x {seconds} s", self.sets),
            (Some(reps), None) => format!("{} x {reps}", self.sets),
            (None, None) => format!("{} sets", self.sets),
        }
    }
}

/// Longest dose or how-to text.
pub const MAX_DOSE: usize = 200;
pub const MAX_HOW_TO: usize = 2000;
pub const MAX_SECONDS: u32 = 3600;

/// A dose as the user typed it (CLI flags or the app's form): numbers,
/// or words instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoseInput {
    pub sets: Option<String>,
    pub reps: Option<String>,
    pub seconds: Option<String>,
    pub per_day: Option<String>,
    pub words: Option<String>,
}

/// A dose change read from a [`DoseInput`]: the new text (if any) and
/// sessions a day (if given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DoseChange {
    pub text: Option<String>,
    pub per_day: Option<u8>,
}

impl DoseInput {
    /// Validates every field (empty ones are not given); `current` is the
    /// dose the numbers change (its sets kept when only reps or seconds
    /// are given).
    pub fn read(&self, current: &str) -> Result<DoseChange, ValidationError> {
        fn given(raw: &Option<String>) -> Option<&str> {
            raw.as_deref().map(str::trim).filter(|r| !r.is_empty())
        }
        let whole =
            |field, raw: &Option<String>, max| given(raw).map(|r| super::parse_whole(field, r, 1, max)).transpose();
        let sets = whole("sets", &self.sets, super::MAX_SETS)?;
        let reps = whole("reps", &self.reps, super::MAX_REPS)?;
        let seconds = whole("seconds", &self.seconds, MAX_SECONDS)?;
        if reps.is_some() && seconds.is_some() {
            return Err(ValidationError::new(
                "reps",
                "reps or seconds, not both",
                &format!("{reps:?} and {seconds:?}"),
            ));
        }
        let per_day = whole("per_day", &self.per_day, u32::from(MAX_PER_DAY))?.and_then(|n| u8::try_from(n).ok());
        let text = if let Some(words) = given(&self.words) {
            let words = crate::sanitize::strip_controls(words).into_owned();
            if words.chars().count() > MAX_DOSE {
                return Err(ValidationError::new(
                    "dose",
                    &format!("1 to {MAX_DOSE} characters"),
                    &words,
                ));
            }
            Some(words)
        } else if sets.is_none() && reps.is_none() && seconds.is_none() {
            None
        } else {
            let known = DoseShape::read(current);
            let sets = sets.or(known.map(|k| k.sets)).ok_or_else(|| {
                ValidationError::new(
                    "sets",
                    "a whole number from 1 to 50 (the dose has no sets to keep)",
                    "nothing",
                )
            })?;
            let (reps, seconds) = match (reps, seconds) {
                (None, None) => (known.and_then(|k| k.reps), known.and_then(|k| k.seconds)),
                given => given,
            };
            Some(DoseShape { sets, reps, seconds }.text())
        };
        Ok(DoseChange { text, per_day })
    }
}

/// A user's exercise as typed (CLI or the app's form).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewExercise {
    pub name: String,
    /// Comma-separated exercise tags (see [`super::ExerciseTag`]).
    pub tags: String,
    /// Comma-separated phases, 1-5.
    pub phases: String,
    pub muscle: String,
    pub how_to: String,
    pub id: Option<String>,
    pub dose: DoseChange,
}

/// The exercise `input` describes, validated field by field.
pub fn new_exercise(input: &NewExercise) -> Result<Exercise, ValidationError> {
    let tags = super::ExerciseTag::parse_names(&input.tags)?;
    if tags.is_empty() {
        return Err(ValidationError::new(
            "tags",
            "one or more of mobility, walking, stretch, soft-tissue, isometric, strength, eccentric, plyometric, running, cross-training, ice, elevation",
            "",
        ));
    }
    let phases = input
        .phases
        .split(',')
        .map(|p| super::parse_whole("phase", p, 1, 5).map(|n| n as u8))
        .collect::<Result<Vec<u8>, _>>()?;
    let muscle = match input.muscle.trim() {
        "gastrocnemius" => super::Muscle::Gastrocnemius,
        "soleus" => super::Muscle::Soleus,
        "both" | "" => super::Muscle::Both,
        "none" => super::Muscle::None,
        other => {
            return Err(ValidationError::new(
                "muscle",
                "gastrocnemius, soleus, both or none",
                other,
            ));
        }
    };
    let how_to = crate::sanitize::strip_controls(input.how_to.trim()).into_owned();
    if how_to.chars().count() > MAX_HOW_TO {
        return Err(ValidationError::new(
            "how_to",
            &format!("at most {MAX_HOW_TO} characters"),
            "a longer text",
        ));
    }
    let name = crate::sanitize::strip_controls(input.name.trim()).into_owned();
    let exercise = Exercise {
        id: input.id.clone().unwrap_or_else(|| id_from_name(&name)),
        name,
        muscle,
        phases,
        kind: kind_of(&tags),
        dose: input
            .dose
            .text
            .clone()
            .unwrap_or_else(|| "as your physiotherapist gave it".to_owned()),
        how_to,
        caution: String::new(),
        tags,
        per_day: input.dose.per_day.unwrap_or(1),
    };
    exercise.validate()?;
    Ok(exercise)
}

/// The checklist group of a user's exercise, from its first tag.
fn kind_of(tags: &[super::ExerciseTag]) -> super::ExerciseKind {
    use super::ExerciseKind as K;
    use super::ExerciseTag::*;
    match tags.first() {
        Some(Mobility | Walking) => K::Mobility,
        Some(Stretch | SoftTissue) => K::Stretch,
        Some(Running) => K::Running,
        Some(Ice | Elevation | CrossTraining) => K::Recovery,
        _ => K::Strength,
    }
}

/// "30-45" → 30, "15," → 15.
fn low_end(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod finding {
    use super::*;

    fn found(typed: &str) -> Result<String, String> {
        find_exercise(&Catalogue::builtin(), typed)
            .map(|e| e.id.clone())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn ids_names_and_unambiguous_starts_find_an_exercise() {
        assert_eq!(found("easy-walking"), Ok("easy-walking".into()));
        assert_eq!(found("pain-free-walking"), Ok("easy-walking".into()));
        assert_eq!(found("Pain-free walking"), Ok("easy-walking".into()));
        assert_eq!(found("PAIN"), Ok("easy-walking".into()));
        assert_eq!(found("ankle"), Ok("ankle-pumps".into()));
        assert_eq!(found("foam"), Ok("foam-roll".into()));
    }

    #[test]
    fn an_ambiguous_start_lists_what_it_matches() {
        let err = found("eccentric").unwrap_err();
        assert!(
            err.contains("eccentric-drop-straight") && err.contains("eccentric-drop-bent"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_name_lists_the_three_closest() {
        let err = found("walkng").unwrap_err();
        assert!(err.contains("closest are"), "{err}");
        assert_eq!(err.matches(" (").count(), 3, "{err}");
        assert!(err.contains("easy-walking") || err.contains("walk-run"), "{err}");
        let err = found("ecc-drop-s").unwrap_err();
        assert!(
            err.contains("the closest are Eccentric heel drop, knee straight"),
            "{err}"
        );
    }

    #[test]
    fn doses_with_a_count_of_sets_have_a_shape() {
        let shape = |d: &str| DoseShape::read(d);
        assert_eq!(
            shape("3 x 15, twice daily (Alfredson 1998)"),
            Some(DoseShape {
                sets: 3,
                reps: Some(15),
                seconds: None
            })
        );
        assert_eq!(
            shape("5 holds of 30-45 s, rest 1-2 min between"),
            Some(DoseShape {
                sets: 5,
                reps: None,
                seconds: Some(30)
            })
        );
        assert_eq!(
            shape("2-4 x 30 s, daily"),
            Some(DoseShape {
                sets: 2,
                reps: None,
                seconds: Some(30)
            })
        );
        assert_eq!(shape("short walks through the day"), None);
        assert_eq!(
            DoseShape {
                sets: 5,
                reps: None,
                seconds: Some(30)
            }
            .text(),
            "5 x 30 s"
        );
    }

    #[test]
    fn ids_come_from_names() {
        assert_eq!(id_from_name("Stair calf raise!"), "stair-calf-raise");
        assert_eq!(id_from_name("Bänd  stretch"), "b-nd-stretch");
    }
}

/// What a line of a proposed plan change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffKind {
    Add,
    Drop,
    /// The plan's dose differs from the catalogue's for this phase.
    Dose,
}

/// One proposed change to the plan, ticked (`on`) or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: DiffKind,
    /// What the entry becomes (add, dose) or is now (drop).
    pub entry: PlanEntry,
    /// The dose now, for a dose change.
    pub was: Option<String>,
    pub on: bool,
}

/// The plan for `phase` against the plan now: the phase's catalogue
/// exercises not in it (not those the user removed, unless
/// `with_removed`), the plan's exercises outside the phase, and plan doses
/// that differ from the catalogue's. Adds and drops of shipped exercises
/// start ticked; dropping the user's own exercise and resetting a dose
/// they changed start unticked: those were someone's decision.
pub fn propose(
    catalogue: &Catalogue,
    plan: &[PlanEntry],
    spans: &[PlanSpan],
    phase: u8,
    with_removed: bool,
) -> Vec<DiffLine> {
    let active: Vec<&PlanEntry> = plan.iter().filter(|p| p.active).collect();
    let ids: Vec<&str> = active.iter().map(|p| p.exercise.as_str()).collect();
    let removed = removed_by_user(spans, &ids);
    let builtin = Catalogue::builtin();
    let mut lines = Vec::new();
    for exercise in catalogue.for_phase(phase) {
        if ids.contains(&exercise.id.as_str()) || (!with_removed && removed.contains(&exercise.id.as_str())) {
            continue;
        }
        lines.push(DiffLine {
            kind: DiffKind::Add,
            entry: PlanEntry {
                exercise: exercise.id.clone(),
                dose: exercise.dose.clone(),
                active: true,
                per_day: exercise.per_day,
            },
            was: None,
            on: true,
        });
    }
    for entry in &active {
        let Some(exercise) = catalogue.get(&entry.exercise) else {
            continue;
        };
        let shipped = builtin.get(&exercise.id).is_some();
        if !exercise.in_phase(phase) {
            lines.push(DiffLine {
                kind: DiffKind::Drop,
                entry: (*entry).clone(),
                was: None,
                on: shipped,
            });
        } else if entry.dose != exercise.dose || entry.per_day != exercise.per_day {
            lines.push(DiffLine {
                kind: DiffKind::Dose,
                entry: PlanEntry {
                    dose: exercise.dose.clone(),
                    per_day: exercise.per_day,
                    ..(*entry).clone()
                },
                was: Some(entry.dose.clone()),
                on: false,
            });
        }
    }
    lines
}

#[cfg(test)]
mod proposing {
    use super::*;

    fn entry(id: &str) -> PlanEntry {
        let e = Catalogue::builtin()
            .get(id)
            .cloned()
            .unwrap_or_else(|| Catalogue::builtin().all()[0].clone());
        PlanEntry {
            exercise: e.id,
            dose: e.dose,
            active: true,
            per_day: e.per_day,
        }
    }

    #[test]
    fn a_move_to_strength_adds_drops_and_leaves_out_what_the_user_removed() {
        let catalogue = Catalogue::builtin();
        // Phase 2 plan; the user took the foam roll out on purpose.
        let plan: Vec<PlanEntry> = [
            "ankle-pumps",
            "easy-walking",
            "wall-stretch-bent",
            "ice-compress-elevate",
        ]
        .into_iter()
        .map(entry)
        .collect();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap_or_default();
        let spans = vec![PlanSpan {
            exercise: "foam-roll".into(),
            start: day("2026-05-01"),
            end: Some(day("2026-05-10")),
            dose: String::new(),
            per_day: 1,
        }];
        let mut dosed = plan.clone();
        dosed[1].dose = "20 min".into();
        let lines = propose(&catalogue, &dosed, &spans, 3, false);
        let of = |kind: DiffKind| -> Vec<&str> {
            lines
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| l.entry.exercise.as_str())
                .collect()
        };
        let adds = of(DiffKind::Add);
        assert!(
            adds.contains(&"heel-raise-double") && adds.contains(&"eccentric-drop-straight"),
            "{adds:?}"
        );
        assert!(!adds.contains(&"foam-roll"), "removed by the user: not proposed");
        assert!(!adds.contains(&"easy-walking"), "already in the plan");
        assert_eq!(of(DiffKind::Drop), vec!["ankle-pumps"]);
        assert_eq!(of(DiffKind::Dose), vec!["easy-walking"]);
        assert!(lines.iter().filter(|l| l.kind != DiffKind::Dose).all(|l| l.on));
        assert!(!lines.iter().find(|l| l.kind == DiffKind::Dose).is_some_and(|l| l.on));
        // Asked for: the removed one is proposed again.
        let again = propose(&catalogue, &dosed, &spans, 3, true);
        assert!(
            again
                .iter()
                .any(|l| l.entry.exercise == "foam-roll" && l.kind == DiffKind::Add)
        );
    }
}
