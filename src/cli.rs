//! The command line of SPEC 4. Every command parses text into domain values
//! with the same validation as the TUI, then calls the store or the service
//! layer. A user mistake exits 2 with one line naming the field and what is
//! allowed, before anything is written.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::clinical;
use crate::domain::{
    self, CapacityTest, CheckInInput, Completion, InjuredLeg, Leg, Profile, Score, TestKind, ValidationError,
};
use crate::store::{self, Store, StoreError};
use crate::{demo, report, service};

/// A calf-recovery journal for runners: a 30-second morning check-in, an
/// exercise checklist, trends, and plain warnings when an entry carries a
/// red-flag sign. It does not diagnose: it tells you when to see someone.
#[derive(Debug, Parser)]
#[command(name = "soleus", version, about, long_about = None)]
pub struct Cli {
    /// Journal file [default: the platform data directory's soleus/journal.db]
    #[arg(long, global = true, env = "SOLEUS_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show or set the profile: injured leg, injury date, clot and cancer history
    Profile(ProfileArgs),
    /// Record (or replace) a day's check-in for one calf
    Checkin(CheckinArgs),
    /// Mark an exercise from the plan as done
    Done(DoneArgs),
    /// Record a single-leg heel-raise capacity test
    Test(TestArgs),
    /// Show warning signs and load guidance as of a date
    Flags(FlagsArgs),
    /// Record what came of an active warning: cleared, treating or not-seen
    Outcome(OutcomeArgs),
    /// One line for a shell prompt: today's check-in, streak, most urgent warning
    Status,
    /// Write the whole journal as JSON, or the check-ins as CSV
    Export(ExportArgs),
    /// Merge a JSON export (or a CSV of check-ins) into the journal
    Import(ImportArgs),
    /// A one-page summary for your physiotherapist or GP (Markdown or HTML)
    Report(ReportArgs),
    /// Fill an empty journal with a generated recovery, to explore the app
    Demo(DemoArgs),
    /// Write a consistent copy of the journal (safe while soleus is running)
    Backup(BackupArgs),
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Injured leg: left, right or both
    #[arg(long, value_name = "LEG")]
    leg: Option<String>,
    /// Day of the injury, YYYY-MM-DD
    #[arg(long, value_name = "D")]
    injury_date: Option<String>,
    /// Ever had a DVT or a clot on the lung: yes or no
    #[arg(long, value_name = "yes|no")]
    clot_history: Option<String>,
    /// Active cancer, or treatment in the last 6 months: yes or no
    #[arg(long, value_name = "yes|no")]
    cancer: Option<String>,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct CheckinArgs {
    /// Day the entry describes, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    date: Option<String>,
    /// Which calf [default: the profile's injured leg]
    #[arg(long, value_name = "left|right")]
    leg: Option<String>,
    /// Pain sitting or lying still, 0-10 (required)
    #[arg(long, value_name = "N")]
    pain_rest: Option<String>,
    /// Pain walking, 0-10 (required)
    #[arg(long, value_name = "N")]
    pain_walk: Option<String>,
    /// Worst pain while running, 0-10 (only if you ran)
    #[arg(long, value_name = "N")]
    pain_run: Option<String>,
    /// How tight the calf feels, 0-10
    #[arg(long, value_name = "N")]
    tightness: Option<String>,
    /// Pain or stiffness in the first minutes after waking, 0-10
    #[arg(long, value_name = "N")]
    morning: Option<String>,
    /// A sign seen that day; repeat or comma-separate (see `soleus checkin --help`)
    #[arg(long = "symptom", value_name = "NAME", long_help = symptom_help())]
    symptoms: Vec<String>,
    /// Distance run, km
    #[arg(long, value_name = "X")]
    run_km: Option<String>,
    /// Time run, minutes
    #[arg(long, value_name = "N")]
    run_min: Option<String>,
    /// Cycling, swimming or other cross-training, minutes
    #[arg(long, value_name = "N")]
    cross_min: Option<String>,
    /// Anything else worth remembering
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

fn symptom_help() -> String {
    let mut help = String::from("A sign seen that day. Repeat the flag or give a comma-separated list:\n");
    for s in domain::Symptom::ALL {
        help.push_str(&format!("  {:<16} {}\n", s.name(), s.question()));
    }
    help
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct DoneArgs {
    /// Exercise id from the catalogue (for example ankle-pumps)
    exercise: String,
    /// Day it was done, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    date: Option<String>,
    /// Sets done, 1-50
    #[arg(long, value_name = "N")]
    sets: Option<String>,
    /// Pain during the exercise, 0-10
    #[arg(long, value_name = "N")]
    pain: Option<String>,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct TestArgs {
    /// heel-raise-straight or heel-raise-bent
    test: String,
    /// Which leg was tested
    #[arg(long, value_name = "left|right")]
    leg: String,
    /// Single-leg heel raises done to fatigue, 0-500
    #[arg(long, value_name = "N")]
    reps: String,
    /// Day of the test, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    date: Option<String>,
}

#[derive(Debug, Args)]
pub struct FlagsArgs {
    /// Evaluate as of this day, using only entries up to it [default: today]
    #[arg(long, value_name = "D")]
    date: Option<String>,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
    /// Explain one rule instead: its level, exactly when it fires, and its source
    #[arg(long, value_name = "RULE", conflicts_with_all = ["date", "json"], long_help = explain_help())]
    explain: Option<String>,
}

fn explain_help() -> String {
    format!(
        "Explain one rule instead of evaluating: its level, exactly when it fires, why, and its source.\nRules: {}",
        clinical::RuleId::id_list()
    )
}

#[derive(Debug, Args)]
pub struct OutcomeArgs {
    /// The warning's rule id, as `soleus flags` shows it (for example dvt)
    rule: String,
    /// Which calf [default: the profile's injured leg]
    #[arg(long, value_name = "left|right")]
    leg: Option<String>,
    /// cleared (a clinician found nothing serious), treating (assessed and being treated) or
    /// not-seen (you close it without being assessed)
    #[arg(long, value_name = "cleared|treating|not-seen")]
    result: String,
    /// Day of the outcome, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    date: Option<String>,
    /// What the clinician said, or why you closed it
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json: the whole journal; csv: the check-ins, one row each
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write to this file (created owner-only) instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `soleus export` (JSON or CSV)
    file: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// How many days the report covers, ending today (1-3650)
    #[arg(long, value_name = "N", default_value_t = report::DEFAULT_DAYS)]
    days: u32,
    /// md: Markdown to paste into a message; html: one self-contained page to print
    #[arg(long, value_enum, default_value = "md")]
    format: ReportFormat,
    /// Write to this file (created owner-only) instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many days of recovery to generate, 1-36500
    #[arg(long, value_name = "N", default_value_t = demo::DEFAULT_DAYS)]
    days: u32,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy [default: JOURNAL.backup-YYYY-MM-DD beside the journal]
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Why a command failed, and so which exit code it gets.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The user gave something the journal cannot accept: exit 2.
    #[error("{0}")]
    Input(#[from] ValidationError),
    /// Anything else: exit 1.
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Input(_) => 2,
            CliError::Store(_) | CliError::Io { .. } => 1,
        }
    }
}

type CliResult = Result<(), CliError>;

/// The default journal path: `<data dir>/soleus/journal.db`.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "soleus").map(|dirs| dirs.data_dir().join("journal.db"))
}

/// Runs one command against the journal at `db`.
pub fn run(command: Command, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    // Validate what can be validated before the journal is even opened, so a
    // typo never creates or upgrades a file.
    match command {
        Command::Profile(args) => profile(args, db, today, out),
        Command::Checkin(args) => checkin(args, db, today, out),
        Command::Done(args) => done(args, db, today, out),
        Command::Test(args) => test(args, db, today, out),
        Command::Flags(args) => flags(args, db, today, out),
        Command::Outcome(args) => outcome(args, db, today, out),
        Command::Status => {
            let store = Store::open(db)?;
            let status = service::status(&store, today)?;
            writeln!(out, "{}", status.line()).map_err(stdout_err)
        }
        Command::Export(args) => export(args, db, out),
        Command::Import(args) => import(args, db, today, out),
        Command::Report(args) => report_cmd(args, db, today, out),
        Command::Demo(args) => demo_cmd(args, db, today, out),
        Command::Backup(args) => backup(args, db, today, out),
    }
}

fn stdout_err(source: io::Error) -> CliError {
    CliError::Io {
        path: PathBuf::from("standard output"),
        source,
    }
}

fn date_or_today(raw: Option<&str>, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    raw.map_or(Ok(today), |d| domain::parse_date("date", d, today))
}

/// `--leg`, or the profile's leg when that is left or right.
fn leg_or_profile(explicit: Option<Leg>, store: &Store) -> Result<Leg, CliError> {
    if let Some(leg) = explicit {
        return Ok(leg);
    }
    let profile_leg = store.profile()?.and_then(|p| p.leg.single());
    profile_leg.ok_or_else(|| {
        ValidationError::new(
            "leg",
            "left or right (required: the profile does not name one injured leg)",
            "nothing",
        )
        .into()
    })
}

fn profile(args: ProfileArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let leg = args.leg.as_deref().map(|l| InjuredLeg::parse("leg", l)).transpose()?;
    let injury_date = args
        .injury_date
        .as_deref()
        .map(|d| domain::parse_date("injury_date", d, today))
        .transpose()?;
    let clot_history = args
        .clot_history
        .as_deref()
        .map(|v| domain::parse_yes_no("clot_history", v))
        .transpose()?;
    let cancer = args
        .cancer
        .as_deref()
        .map(|v| domain::parse_yes_no("cancer", v))
        .transpose()?;
    let changes = leg.is_some() || injury_date.is_some() || clot_history.is_some() || cancer.is_some();

    let store = Store::open(db)?;
    // Read, merge and save as one write, so two profile changes at once
    // both count. Only showing the profile stays a plain read (it works on
    // a read-only journal).
    let tx = changes.then(|| store.begin_write()).transpose()?;
    let existing = store.profile()?;
    let Some(mut profile) = existing.clone().or_else(|| {
        leg.map(|leg| Profile {
            leg,
            ..Profile::default()
        })
    }) else {
        if changes {
            return Err(
                ValidationError::new("leg", "left, right or both (required for a new profile)", "nothing").into(),
            );
        }
        writeln!(
            out,
            "no profile yet: set one with `soleus profile --leg left|right|both`"
        )
        .map_err(stdout_err)?;
        return Ok(());
    };
    if let Some(leg) = leg {
        profile.leg = leg;
    }
    if injury_date.is_some() {
        profile.injury_date = injury_date;
    }
    if let Some(v) = clot_history {
        profile.clot_history = v;
    }
    if let Some(v) = cancer {
        profile.cancer = v;
    }
    if existing.as_ref() != Some(&profile) {
        store.save_profile(&profile)?;
    }
    if let Some(tx) = tx {
        tx.commit()?;
    }
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let injury = profile.injury_date.map_or("not set".to_owned(), |d| d.to_string());
    writeln!(
        out,
        "injured leg: {}\ninjury date: {}\nclot history: {}\ncancer: {}",
        profile.leg,
        injury,
        yes_no(profile.clot_history),
        yes_no(profile.cancer)
    )
    .map_err(stdout_err)
}

fn checkin(args: CheckinArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let date = date_or_today(args.date.as_deref(), today)?;
    let explicit_leg = args.leg.as_deref().map(|l| Leg::parse("leg", l)).transpose()?;
    let input = CheckInInput {
        pain_rest: args.pain_rest,
        pain_walk: args.pain_walk,
        pain_run: args.pain_run,
        tightness: args.tightness,
        morning: args.morning,
        symptoms: args.symptoms,
        run_km: args.run_km,
        run_min: args.run_min,
        cross_min: args.cross_min,
        note: args.note,
    };
    // Every value is checked before the file is opened; the leg may need
    // the profile, so it is filled in afterwards.
    let mut entry = input.validate(date, explicit_leg.unwrap_or(Leg::Left), today)?;
    let store = Store::open(db)?;
    let leg = leg_or_profile(explicit_leg, &store)?;
    entry.leg = leg;
    let tx = store.begin_write()?;
    let replaced = store.checkin(date, leg)?.is_some();
    store.save_checkin(&entry)?;
    tx.commit()?;
    let verb = if replaced { "replaced" } else { "saved" };
    writeln!(out, "{verb} the {leg} calf check-in for {date}").map_err(stdout_err)?;
    // As of the entry's own date, so a back-dated entry shows what it raised.
    let assessment = service::assess(&store, date)?;
    let new: Vec<&clinical::Flag> = assessment
        .flags
        .iter()
        .filter(|f| f.leg == leg && f.date == date)
        .collect();
    for flag in new {
        writeln!(out, "{}", clinical_line(flag)).map_err(stdout_err)?;
    }
    Ok(())
}

/// One warning as one readable line, the level word first; an open warning
/// says since when.
fn clinical_line(flag: &clinical::Flag) -> String {
    let when = if flag.since == flag.date {
        flag.date.to_string()
    } else {
        format!("since {}, latest {}", flag.since, flag.date)
    };
    format!(
        "{}: {} ({} calf, {when}). {}",
        flag.level.name().to_uppercase(),
        flag.title,
        flag.leg,
        flag.advice
    )
}

fn done(args: DoneArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let date = date_or_today(args.date.as_deref(), today)?;
    let sets = args
        .sets
        .as_deref()
        .map(|s| domain::parse_whole("sets", s, 1, domain::MAX_SETS))
        .transpose()?;
    let pain = args.pain.as_deref().map(|p| Score::parse("pain", p)).transpose()?;
    let store = Store::open(db)?;
    let catalogue = store.catalogue()?;
    let exercise = catalogue.require(&args.exercise)?;
    let completion = Completion {
        date,
        exercise: exercise.id.clone(),
        sets,
        pain,
    };
    completion.validate(today)?;
    store.save_completion(&completion)?;
    writeln!(out, "done: {} on {date}", exercise.name).map_err(stdout_err)?;
    let flags = service::assess(&store, date)?.flags;
    if let Some(flag) = clinical::paused_by(exercise, &flags) {
        writeln!(
            out,
            "note: {} is paused on {date} by the {} warning \"{}\" ({} calf): follow the warning's advice before doing it again",
            exercise.name, flag.level, flag.title, flag.leg
        )
        .map_err(stdout_err)?;
    }
    Ok(())
}

fn outcome(args: OutcomeArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let rule = clinical::RuleId::parse(&args.rule)
        .ok_or_else(|| ValidationError::new("rule", &format!("one of {}", clinical::RuleId::id_list()), &args.rule))?;
    let explicit_leg = args.leg.as_deref().map(|l| Leg::parse("leg", l)).transpose()?;
    let result = domain::OutcomeResult::parse("result", &args.result)?;
    let date = date_or_today(args.date.as_deref(), today)?;
    if let Some(note) = &args.note
        && note.chars().count() > domain::MAX_OUTCOME_NOTE
    {
        return Err(ValidationError::new(
            "note",
            &format!("at most {} characters", domain::MAX_OUTCOME_NOTE),
            &format!("{} characters", note.chars().count()),
        )
        .into());
    }
    let store = Store::open(db)?;
    let leg = leg_or_profile(explicit_leg, &store)?;
    let (flag, saved) = service::record_outcome(&store, rule, leg, result, date, args.note).map_err(|e| match e {
        service::OutcomeError::Input(e) => CliError::Input(e),
        service::OutcomeError::Store(e) => CliError::Store(e),
    })?;
    writeln!(
        out,
        "recorded for {} ({} calf, since {}): {} on {}, {}",
        flag.rule,
        leg,
        flag.since,
        saved.result,
        saved.date,
        saved.result.meaning()
    )
    .map_err(stdout_err)?;
    if !rule.is_single_entry() {
        writeln!(out, "this trend warning stays silent for 14 days from {date}").map_err(stdout_err)?;
    } else {
        writeln!(
            out,
            "the same signs will not warn again; a new sign, a higher level, or signs that come back after a check-in without them will"
        )
        .map_err(stdout_err)?;
    }
    Ok(())
}

fn test(args: TestArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let kind = TestKind::parse(&args.test)?;
    let leg = Leg::parse("leg", &args.leg)?;
    let reps = domain::parse_whole("reps", &args.reps, 0, domain::MAX_REPS)?;
    let date = date_or_today(args.date.as_deref(), today)?;
    let test = CapacityTest {
        date,
        leg,
        test: kind,
        reps,
    };
    test.validate(today)?;
    let store = Store::open(db)?;
    store.save_test(&test)?;
    writeln!(out, "recorded {} on the {leg} leg: {reps} reps on {date}", kind.label()).map_err(stdout_err)
}

fn flags(args: FlagsArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    if let Some(raw) = args.explain.as_deref() {
        let rule = clinical::RuleId::parse(raw)
            .ok_or_else(|| ValidationError::new("rule", &format!("one of {}", clinical::RuleId::id_list()), raw))?;
        return writeln!(out, "{}", clinical::explain(rule)).map_err(stdout_err);
    }
    let date = date_or_today(args.date.as_deref(), today)?;
    let store = Store::open(db)?;
    let assessment = service::assess(&store, date)?;
    if args.json {
        let json = serde_json::to_string_pretty(&assessment).map_err(|e| stdout_err(e.into()))?;
        return writeln!(out, "{json}").map_err(stdout_err);
    }
    writeln!(out, "{}", flags_text(&assessment)).map_err(stdout_err)
}

/// The readable form of `flags`: each warning with its level word first and
/// its reasons, then the load guidance, then the reminder that soleus does
/// not diagnose. Never a reassurance.
fn flags_text(assessment: &clinical::Assessment) -> String {
    let date = assessment.date;
    let mut lines = Vec::new();
    match assessment.flags.len() {
        0 => lines.push(format!("no warning signs in your entries up to {date}.")),
        1 => lines.push(format!("1 warning from your entries up to {date}:")),
        n => lines.push(format!(
            "{n} warnings from your entries up to {date}, most urgent first:"
        )),
    }
    for flag in &assessment.flags {
        lines.push(clinical_line(flag));
        lines.extend(flag.because.iter().map(|reason| format!("    because: {reason}")));
    }
    let guidance = &assessment.guidance;
    lines.push(format!(
        "load guidance: {}, {}",
        guidance.light.name().to_uppercase(),
        guidance.light.action()
    ));
    lines.extend(guidance.because.iter().map(|reason| format!("    because: {reason}")));
    lines.push("soleus does not diagnose: it shows what your entries contain and how soon to act. If you are worried, see a clinician.".to_owned());
    lines.join("\n")
}

fn export(args: ExportArgs, db: &Path, out: &mut dyn Write) -> CliResult {
    let store = Store::open(db)?;
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut bytes, &store.export()?).map_err(|e| stdout_err(e.into()))?;
            bytes.push(b'\n');
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut bytes);
            for c in &store.all_checkins()? {
                writer
                    .serialize(domain::import::CsvCheckIn::from(c))
                    .map_err(|e| stdout_err(e.into()))?;
            }
            writer.flush().map_err(stdout_err)?;
        }
    }
    match args.out {
        None => out.write_all(&bytes).map_err(stdout_err),
        Some(path) => write_private(db, &path, &bytes),
    }
}

/// Writes health data to a file only its owner can read. Never onto the
/// journal itself or another soleus journal (a typo in `--out` must not
/// destroy one), and through a side file renamed into place, so `path` is
/// either the old file or the whole new one.
fn write_private(db: &Path, path: &Path, bytes: &[u8]) -> CliResult {
    if store::same_file(db, path) || store::looks_like_journal(path) {
        return Err(ValidationError::new(
            "out",
            "a file that is not a soleus journal",
            &path.display().to_string(),
        )
        .into());
    }
    let io_err = |source| CliError::Io {
        path: path.to_owned(),
        source,
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&partial)
        .map_err(io_err)?;
    file.write_all(bytes).map_err(io_err)?;
    file.sync_all().map_err(io_err)?;
    fs::rename(&partial, path).map_err(io_err)
}

fn import(args: ImportArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let bytes = fs::read(&args.file).map_err(|source| CliError::Io {
        path: args.file.clone(),
        source,
    })?;
    // Everything but the exercise ids is checked before the journal is
    // opened; those need its catalogue.
    let journal = domain::import::parse(&bytes, today, |_| true)?;
    let store = Store::open(db)?;
    let catalogue = store.catalogue()?;
    journal.check_exercise_ids(|id| catalogue.get(id).is_some())?;
    let summary = store.import(&journal)?;
    writeln!(
        out,
        "imported {}: {} added, {} updated, {} unchanged",
        args.file.display(),
        summary.added,
        summary.updated,
        summary.unchanged
    )
    .map_err(stdout_err)
}

/// `--days N` of `report` and `demo`: a whole number from 1 to `max`.
fn check_days(days: u32, max: u32) -> Result<(), ValidationError> {
    if (1..=max).contains(&days) {
        return Ok(());
    }
    Err(ValidationError::new(
        "days",
        &format!("a whole number from 1 to {max}"),
        &days.to_string(),
    ))
}

fn report_cmd(args: ReportArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    check_days(args.days, report::MAX_DAYS)?;
    let store = Store::open(db)?;
    let data = service::report(&store, today, args.days)?;
    let text = match args.format {
        ReportFormat::Md => report::to_markdown(&data),
        ReportFormat::Html => report::to_html(&data),
    };
    match args.out {
        None => out.write_all(text.as_bytes()).map_err(stdout_err),
        Some(path) => {
            write_private(db, &path, text.as_bytes())?;
            writeln!(out, "report written to {}", path.display()).map_err(stdout_err)
        }
    }
}

fn demo_cmd(args: DemoArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    check_days(args.days, demo::MAX_DAYS)?;
    let store = Store::open(db)?;
    if !store.has_no_entries()? {
        return Err(ValidationError::new(
            "db",
            "an empty journal (demo never mixes with real entries; pick a new file with --db)",
            &db.display().to_string(),
        )
        .into());
    }
    let journal = demo::generate(args.days, today, 0x5013_u64);
    let summary = store.import(&journal)?;
    writeln!(
        out,
        "demo journal written to {}: {} days, {} records",
        db.display(),
        args.days,
        summary.added
    )
    .map_err(stdout_err)
}

/// `soleus backup`: SQLite's online backup, so it is consistent even while
/// another soleus writes. It replaces an earlier copy, never another file.
fn backup(args: BackupArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let target = args.out.unwrap_or_else(|| {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".backup-{today}"));
        db.with_file_name(name)
    });
    let refuse = |allowed: &str| -> CliResult {
        Err(ValidationError::new("out", allowed, &target.display().to_string()).into())
    };
    if store::same_file(db, &target) {
        return refuse("a file other than the journal itself");
    }
    if target.exists() && !store::looks_like_journal(&target) {
        return refuse("a new file, or an earlier soleus backup to replace");
    }
    let store = Store::open(db)?;
    store.backup_to(&target)?;
    writeln!(
        out,
        "backed up {} ({} check-ins) to {}",
        db.display(),
        store.checkin_count()?,
        target.display()
    )
    .map_err(stdout_err)
}
