//! The plan from the command line (issue 12): `soleus plan` lists it with
//! doses and this week's figures, `plan add|remove|dose` change it (dated
//! today, so past figures never move), `exercise add` brings in a
//! physiotherapist's exercise, and `done` takes several exercises by id or
//! by the start of their name.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{CliResult, date_or_today, stdout_err};
use crate::clinical;
use crate::domain::plan::{DoseChange, DoseInput, NewExercise, new_exercise};
use crate::domain::{
    self, Catalogue, Completion, DoseShape, Exercise, ExerciseTag, PlanEntry, Score, ValidationError, find_exercise,
};
use crate::sanitize::strip_controls;
use crate::service::{self, Applied, Change};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    action: Option<PlanAction>,
}

#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// Put exercises in the plan from today (by id or the start of the name)
    Add(PlanAddArgs),
    /// Take exercises out of the plan from today; what was done stays counted
    Remove(PlanRemoveArgs),
    /// Change an exercise's dose from today: sets, reps or seconds, sessions a day
    Dose(PlanDoseArgs),
}

#[derive(Debug, Args)]
pub struct PlanAddArgs {
    /// Exercise ids or the start of their names (for example ankle-pumps "heel raises, both")
    #[arg(required = true, value_name = "EXERCISE")]
    exercises: Vec<String>,
    #[command(flatten)]
    dose: DoseFlags,
}

#[derive(Debug, Args)]
pub struct PlanRemoveArgs {
    /// Exercise ids or the start of their names
    #[arg(required = true, value_name = "EXERCISE")]
    exercises: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PlanDoseArgs {
    /// Exercise id or the start of its name
    exercise: String,
    #[command(flatten)]
    dose: DoseFlags,
}

/// A dose given as numbers or as words.
#[derive(Debug, Args, Default)]
#[command(allow_negative_numbers = true)]
pub struct DoseFlags {
    /// Sets (or holds), 1-50
    #[arg(long, value_name = "N")]
    sets: Option<String>,
    /// Repetitions per set, 1-500
    #[arg(long, value_name = "N", conflicts_with = "seconds")]
    reps: Option<String>,
    /// Seconds per hold, 1-3600
    #[arg(long, value_name = "N")]
    seconds: Option<String>,
    /// Sessions a day, 1-4 (eccentric drops: 2)
    #[arg(long, value_name = "N")]
    per_day: Option<String>,
    /// The dose in your own words instead (for example "20 min easy walking")
    #[arg(long = "dose", value_name = "TEXT", conflicts_with_all = ["sets", "reps", "seconds"])]
    text: Option<String>,
}

impl DoseFlags {
    /// The flags as the domain reads them.
    fn read(&self, current: &str) -> Result<DoseChange, ValidationError> {
        DoseInput {
            sets: self.sets.clone(),
            reps: self.reps.clone(),
            seconds: self.seconds.clone(),
            per_day: self.per_day.clone(),
            words: self.text.clone(),
        }
        .read(current)
    }
}

#[derive(Debug, Args)]
pub struct ExerciseArgs {
    #[command(subcommand)]
    action: ExerciseAction,
}

#[derive(Debug, Subcommand)]
pub enum ExerciseAction {
    /// Add your own exercise (one your physiotherapist gave you) and put it in the plan
    Add(ExerciseAddArgs),
}

#[derive(Debug, Args)]
pub struct ExerciseAddArgs {
    /// Its name, as you call it
    name: String,
    /// What it asks of the calf, comma-separated: mobility, walking, stretch,
    /// soft-tissue, isometric, strength, eccentric, plyometric, running,
    /// cross-training, ice (warnings pause exercises by these)
    #[arg(long, value_name = "TAGS", required = true)]
    tags: Vec<String>,
    /// Recovery phases it belongs to, 1-5, comma-separated
    #[arg(long, value_name = "N", required = true)]
    phase: String,
    /// How to do it
    #[arg(long, value_name = "TEXT")]
    how_to: Option<String>,
    /// Muscle it works most: gastrocnemius, soleus, both or none
    #[arg(long, value_name = "MUSCLE", default_value = "both")]
    muscle: String,
    /// Id to use [default: from the name]
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Only add it to the catalogue, not to the plan
    #[arg(long)]
    no_plan: bool,
    #[command(flatten)]
    dose: DoseFlags,
}

/// `soleus plan [add|remove|dose]`.
pub fn plan_cmd(
    args: PlanArgs,
    db: &Path,
    today: NaiveDate,
    week: crate::units::WeekStart,
    out: &mut dyn Write,
) -> CliResult {
    match args.action {
        None => list(db, today, week, out),
        Some(PlanAction::Add(args)) => add(args, db, today, out),
        Some(PlanAction::Remove(args)) => remove(args, db, today, out),
        Some(PlanAction::Dose(args)) => dose(args, db, today, out),
    }
}

/// Exercises the user named, each found once, in the order given.
fn find_all<'c>(catalogue: &'c Catalogue, typed: &[String]) -> Result<Vec<&'c Exercise>, ValidationError> {
    let mut found: Vec<&Exercise> = Vec::new();
    for text in typed {
        let exercise = find_exercise(catalogue, text)?;
        if !found.iter().any(|e| e.id == exercise.id) {
            found.push(exercise);
        }
    }
    Ok(found)
}

fn name(e: &Exercise) -> String {
    strip_controls(&e.name).into_owned()
}

fn list(db: &Path, today: NaiveDate, week_start: crate::units::WeekStart, out: &mut dyn Write) -> CliResult {
    let store = Store::open(db)?;
    let catalogue = store.catalogue()?;
    let plan: Vec<PlanEntry> = store.plan()?.into_iter().filter(|p| p.active).collect();
    let status = service::status(&store, today, week_start)?;
    let week = &status.adherence;
    let write = |out: &mut dyn Write, line: String| writeln!(out, "{line}").map_err(stdout_err);
    if plan.is_empty() {
        return write(
            out,
            "The plan is empty: `soleus plan add EXERCISE` puts one in.".to_owned(),
        );
    }
    write(
        out,
        format!(
            "Plan: {} exercises · this week ({}–today) {}",
            plan.len(),
            week_start.abbrev().0,
            week.fraction()
        ),
    )?;
    let id_width = plan.iter().map(|p| p.exercise.len()).max().unwrap_or(0);
    for entry in &plan {
        let exercise = catalogue.get(&entry.exercise);
        let shown = exercise.map_or_else(|| entry.exercise.clone(), name);
        let sessions = match entry.per_day {
            1 => String::new(),
            n => format!(" · {n} sessions a day"),
        };
        let figure = week
            .by_exercise
            .iter()
            .find(|r| r.exercise == entry.exercise)
            .map_or(String::new(), |r| format!(" · this week {}/{}", r.done, r.asked));
        let paused = exercise
            .and_then(|e| clinical::paused_by(e, &status.assessment.pausing))
            .map_or(String::new(), |f| {
                format!(" · paused by the {} warning \"{}\"", f.level, f.title)
            });
        write(
            out,
            format!(
                "  {:<id_width$}  {shown}: {}{sessions}{figure}{paused}",
                entry.exercise,
                strip_controls(&entry.dose)
            ),
        )?;
    }
    Ok(())
}

fn add(args: PlanAddArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let store = Store::open(db)?;
    let catalogue = store.catalogue()?;
    let exercises = find_all(&catalogue, &args.exercises)?;
    let plan = store.plan()?;
    let mut entries = Vec::new();
    for exercise in &exercises {
        let change = args.dose.read(&exercise.dose)?;
        if plan.iter().any(|p| p.exercise == exercise.id && p.active) {
            return Err(ValidationError::new(
                "exercise",
                "an exercise not in the plan yet (`soleus plan dose` changes its dose)",
                &exercise.id,
            )
            .into());
        }
        entries.push(PlanEntry {
            exercise: exercise.id.clone(),
            dose: change.text.unwrap_or_else(|| exercise.dose.clone()),
            active: true,
            per_day: change.per_day.unwrap_or(exercise.per_day),
        });
    }
    let adds = entries.iter().cloned().map(Change::Plan).collect();
    service::apply(&store, &Change::Batch(adds), today)?;
    for (entry, exercise) in entries.iter().zip(&exercises) {
        writeln!(
            out,
            "added to the plan from {today}: {} ({})",
            name(exercise),
            entry.dose
        )
        .map_err(stdout_err)?;
    }
    Ok(())
}

fn remove(args: PlanRemoveArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let store = Store::open(db)?;
    let catalogue = store.catalogue()?;
    let exercises = find_all(&catalogue, &args.exercises)?;
    let plan = store.plan()?;
    for exercise in &exercises {
        if !plan.iter().any(|p| p.exercise == exercise.id && p.active) {
            return Err(
                ValidationError::new("exercise", "an exercise in the plan (see `soleus plan`)", &exercise.id).into(),
            );
        }
    }
    let removes = exercises.iter().map(|e| Change::RemoveFromPlan(e.id.clone())).collect();
    service::apply(&store, &Change::Batch(removes), today)?;
    for exercise in &exercises {
        writeln!(
            out,
            "removed from the plan from {today}: {} (what you did before stays counted)",
            name(exercise)
        )
        .map_err(stdout_err)?;
    }
    Ok(())
}

fn dose(args: PlanDoseArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let store = Store::open(db)?;
    let catalogue = store.catalogue()?;
    let exercise = find_exercise(&catalogue, &args.exercise)?;
    let Some(mut entry) = store
        .plan()?
        .into_iter()
        .find(|p| p.exercise == exercise.id && p.active)
    else {
        return Err(
            ValidationError::new("exercise", "an exercise in the plan (see `soleus plan`)", &exercise.id).into(),
        );
    };
    let change = args.dose.read(&entry.dose)?;
    if change.text.is_none() && change.per_day.is_none() {
        return Err(
            ValidationError::new("dose", "--sets, --reps, --seconds, --per-day or --dose TEXT", "nothing").into(),
        );
    }
    entry.dose = change.text.unwrap_or(entry.dose);
    entry.per_day = change.per_day.unwrap_or(entry.per_day);
    service::apply(&store, &Change::Plan(entry.clone()), today)?;
    let sessions = match entry.per_day {
        1 => String::new(),
        n => format!(", {n} sessions a day"),
    };
    writeln!(out, "dose from {today}: {}: {}{sessions}", name(exercise), entry.dose).map_err(stdout_err)
}

/// `soleus exercise add`.
pub fn exercise_cmd(args: ExerciseArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let ExerciseAction::Add(args) = args.action;
    let exercise = new_exercise(&NewExercise {
        name: args.name.clone(),
        tags: args.tags.join(","),
        phases: args.phase.clone(),
        muscle: args.muscle.clone(),
        how_to: args.how_to.clone().unwrap_or_default(),
        id: args.id.clone(),
        dose: args.dose.read("")?,
    })?;
    let store = Store::open(db)?;
    if store.catalogue()?.get(&exercise.id).is_some() {
        return Err(ValidationError::new("id", "an id no exercise has yet (give one with --id)", &exercise.id).into());
    }
    let change = if args.no_plan {
        Change::SaveExercise(exercise.clone())
    } else {
        Change::NewExercise(exercise.clone())
    };
    service::apply(&store, &change, today)?;
    let where_ = if args.no_plan {
        "to the catalogue"
    } else {
        "to the catalogue and the plan"
    };
    writeln!(
        out,
        "added {where_}: {} ({}), {}; tags {}",
        name(&exercise),
        exercise.id,
        exercise.dose,
        ExerciseTag::to_names(&exercise.tags)
    )
    .map_err(stdout_err)
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct DoneArgs {
    /// Exercise ids or the start of their names, case-insensitive (for example ankle-pumps pain-free)
    #[arg(required = true, value_name = "EXERCISE")]
    exercises: Vec<String>,
    /// Day it was done, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    date: Option<String>,
    /// Sets done, 1-50 [default: the planned sets, when the dose says]
    #[arg(long, value_name = "N")]
    sets: Option<String>,
    /// Pain during the exercise, 0-10
    #[arg(long, value_name = "N")]
    pain: Option<String>,
}

/// `soleus done`: every exercise named is found and checked before any is
/// written, then all are written in one transaction. Doing a twice-daily
/// exercise again the same day records its second session.
pub fn done(args: DoneArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let date = date_or_today(args.date.as_deref(), today)?;
    let sets = args
        .sets
        .as_deref()
        .map(|s| domain::parse_whole("sets", s, 1, domain::MAX_SETS))
        .transpose()?;
    let pain = args.pain.as_deref().map(|p| Score::parse("pain", p)).transpose()?;
    let store = Store::open(db)?;
    let catalogue = store.catalogue()?;
    let exercises = find_all(&catalogue, &args.exercises)?;
    let plan = store.plan()?;
    let mut sessions = Vec::new();
    let mut per_days = Vec::new();
    for exercise in &exercises {
        let entry = plan.iter().find(|p| p.exercise == exercise.id && p.active);
        let dose = entry.map_or(exercise.dose.as_str(), |p| p.dose.as_str());
        per_days.push(entry.map_or(exercise.per_day, |p| p.per_day));
        // The service counts the session: the next of a twice-daily one.
        sessions.push(Change::Session {
            date,
            exercise: exercise.id.clone(),
            sets: sets.or_else(|| DoseShape::read(dose).map(|d| d.sets)),
            pain,
        });
    }
    let Applied::Batch(done) = service::apply(&store, &Change::Batch(sessions), today)? else {
        return Ok(());
    };
    let writes: Vec<(Completion, u8)> = done
        .into_iter()
        .zip(per_days)
        .filter_map(|(applied, per_day)| match applied {
            Applied::Completion(c) => Some((c, per_day)),
            _ => None,
        })
        .collect();
    let flags = service::assess(&store, date)?.pausing;
    for ((completion, per_day), exercise) in writes.iter().zip(&exercises) {
        let shown = name(exercise);
        let session = match per_day {
            1 => String::new(),
            n => format!(" (session {} of {n})", completion.sessions),
        };
        writeln!(out, "done: {shown} on {date}{session}").map_err(stdout_err)?;
        if let Some(flag) = clinical::paused_by(exercise, &flags) {
            writeln!(
                out,
                "note: {shown} is paused on {date} by the {} warning \"{}\" ({} calf): follow the warning's advice before doing it again",
                flag.level, flag.title, flag.leg
            )
            .map_err(stdout_err)?;
        }
    }
    Ok(())
}
