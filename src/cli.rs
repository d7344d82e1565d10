//! The command line of SPEC 4. Every command parses text into domain values
//! with the same validation as the TUI, then calls the store or the service
//! layer. A user mistake exits 2 with one line naming the field and what is
//! allowed, before anything is written.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::clinical;
use crate::config::Config;
use crate::domain::{self, CapacityTest, CheckInInput, InjuredLeg, Leg, Profile, TestKind, ValidationError};
use crate::store::{Store, StoreError};
use crate::units::{KM_PER_MILE, Units};
use crate::{demo, report, service};

mod ecosystem;
mod phase;
mod plan;
mod runs;
pub use ecosystem::{CompletionsArgs, ConfigAction, ConfigArgs, StatusArgs, load_config};
use ecosystem::{config_cmd, replace, status};
pub use plan::{DoneArgs, ExerciseArgs, PlanArgs};
use plan::{done, exercise_cmd, plan_cmd};

/// A calf-recovery journal for runners: a 30-second morning check-in, an
/// exercise checklist, trends, and plain warnings when an entry carries a
/// red-flag sign. It does not diagnose: it tells you when to see someone.
#[derive(Debug, Parser)]
#[command(name = "soleus", version, about, long_about = None)]
pub struct Cli {
    /// Journal file [default: the platform data directory's soleus/journal.db]
    #[arg(long, global = true, env = "SOLEUS_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Config file [default: the platform config directory's soleus/config.toml]
    #[arg(long, global = true, env = "SOLEUS_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

// Parsed once per process: the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show or set the profile: injured leg, injury date, clot and cancer history, other clot risk, blood thinners
    Profile(ProfileArgs),
    /// Record (or replace) a day's check-in for one calf
    Checkin(CheckinArgs),
    /// Mark exercises as done (by id or the start of the name)
    Done(DoneArgs),
    /// Show the plan with doses, or change it: add, remove, dose
    Plan(PlanArgs),
    /// Add your own exercise to the catalogue and the plan
    Exercise(ExerciseArgs),
    /// Record a single-leg heel-raise capacity test
    Test(TestArgs),
    /// List runs; `runs import PATH...` reads FIT, GPX, Strava and Garmin exports; `runs delete ID`
    Runs(runs::RunsArgs),
    /// Show warning signs and load guidance as of a date
    Flags(FlagsArgs),
    /// Record what came of an active warning: cleared, treating or not-seen
    Outcome(OutcomeArgs),
    /// Show the recovery phase and the criteria for the next; `phase set N` records a change
    Phase(phase::PhaseArgs),
    /// One line for a shell prompt: today's check-in, streak, most urgent warning
    Status(StatusArgs),
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
    /// Where the config file is, what it sets, or write a commented one
    Config(ConfigArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man`
    Man,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
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
    /// Other clot risk: oestrogen as the pill or HRT, pregnant or given birth in the last 6 weeks,
    /// or a known clotting disorder: yes or no
    #[arg(long, value_name = "yes|no")]
    clot_risk: Option<String>,
    /// Taking a blood thinner (an anticoagulant such as warfarin, apixaban or rivaroxaban): yes or no
    #[arg(long, value_name = "yes|no")]
    blood_thinners: Option<String>,
    /// Usual weekly running distance before the injury, km ("none" clears it)
    #[arg(long, value_name = "X", conflicts_with = "baseline_mi")]
    baseline_km: Option<String>,
    /// The same in miles (the journal stores km)
    #[arg(long, value_name = "X")]
    baseline_mi: Option<String>,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct CheckinArgs {
    /// Day the entry describes, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    date: Option<String>,
    /// Which calf [default: the config's default_leg, else the profile's injured leg]
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
    #[arg(long, value_name = "X", conflicts_with = "run_mi")]
    run_km: Option<String>,
    /// Distance run, miles (the journal stores it as km)
    #[arg(long, value_name = "X")]
    run_mi: Option<String>,
    /// Time run, minutes
    #[arg(long, value_name = "N")]
    run_min: Option<String>,
    /// Walk-run intervals: REPEATSxRUN/WALK in minutes, e.g. 10x1/2 (ten times 1 min running, 2 walking)
    #[arg(long, value_name = "NxR/W")]
    intervals: Option<String>,
    /// Cycling, swimming or other cross-training, minutes
    #[arg(long, value_name = "N")]
    cross_min: Option<String>,
    /// Anything else worth remembering
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Change only the fields given on the day's existing entry (an empty
    /// value, such as --note "" or --symptom "", clears that field)
    #[arg(long)]
    update: bool,
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
#[command(
    override_usage = "soleus outcome <RULE|--all> [--leg left|right] --result <cleared|treating|not-seen> \
                            [--date D] [--note TEXT]"
)]
pub struct OutcomeArgs {
    /// The warning's rule id, as `soleus flags` shows it (for example dvt); or --all
    #[arg(value_name = "RULE")]
    rule: Option<String>,
    /// Every warning active on the calf instead of one rule: one clinician visit dealt with all of them
    #[arg(long)]
    all: bool,
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
    /// Write to this file (created owner-only) instead of standard output; `-` is standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE even if soleus did not write it
    #[arg(long)]
    force: bool,
    /// CSV: write cells exactly as stored (no `'` before =, +, -, @; control characters kept)
    #[arg(long)]
    raw: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `soleus export` (JSON or CSV)
    file: PathBuf,
    /// Make the journal exactly the JSON export instead of merging (a backup is written first)
    #[arg(long)]
    replace: bool,
    /// With --replace: replace a journal that holds entries
    #[arg(long, requires = "replace")]
    yes: bool,
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
    /// Write to this file (created owner-only) instead of standard output; `-` is standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE even if soleus did not write it
    #[arg(long)]
    force: bool,
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
    /// Replace FILE even if it is not an earlier soleus backup
    #[arg(long)]
    force: bool,
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
    /// A check the user asked for did not hold (`status --check`): exit 1.
    #[error("{0}")]
    Unmet(String),
    /// An output file was refused (exit 2) or could not be written (exit 1).
    #[error("{0}")]
    Out(#[from] crate::outfile::OutError),
    /// The write was committed; what came after it failed.
    #[error("{done}, but {after}")]
    AfterSave { done: String, after: String },
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Input(_) | CliError::Out(crate::outfile::OutError::Refused(_)) => 2,
            CliError::Store(_)
            | CliError::Io { .. }
            | CliError::Unmet(_)
            | CliError::Out(_)
            | CliError::AfterSave { .. } => 1,
        }
    }

    /// Standard output was closed by its reader (`soleus export | head`):
    /// not a failure of soleus, which then ends quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

type CliResult = Result<(), CliError>;

/// The default journal path: `<data dir>/soleus/journal.db`.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "soleus").map(|dirs| dirs.data_dir().join("journal.db"))
}

/// Runs one command against the journal at `db`. `config_path` is
/// `--config`; the file is read only by commands that use it.
pub fn run(
    command: Command,
    db: &Path,
    today: NaiveDate,
    config_path: Option<&Path>,
    out: &mut dyn Write,
) -> CliResult {
    let config = match &command {
        Command::Config(_) | Command::Completions(_) | Command::Man => Config::default(),
        _ => load_config(config_path)?,
    };
    // Validate what can be validated before the journal is even opened, so a
    // typo never creates or upgrades a file.
    match command {
        Command::Profile(args) => profile(args, db, today, &config, out),
        Command::Runs(args) => runs::run(args, db, today, &config, out),
        Command::Checkin(args) => checkin(args, db, today, &config, out),
        Command::Done(args) => done(args, db, today, out),
        Command::Plan(args) => plan_cmd(args, db, today, config.week_start, out),
        Command::Exercise(args) => exercise_cmd(args, db, today, out),
        Command::Test(args) => test(args, db, today, out),
        Command::Flags(args) => flags(args, db, today, out),
        Command::Outcome(args) => outcome(args, db, today, &config, out),
        Command::Phase(args) => phase::phase_cmd(args, db, today, out),
        Command::Status(args) => status(args, db, today, &config, out),
        Command::Export(args) => export(args, db, &config, out),
        Command::Import(args) => import(args, db, today, out),
        Command::Report(args) => report_cmd(args, db, today, &config, out),
        Command::Demo(args) => demo_cmd(args, db, today, out),
        Command::Backup(args) => backup(args, db, today, out),
        Command::Config(args) => config_cmd(args.action, config_path, out),
        Command::Completions(args) => crate::completions::write(args.shell, out).map_err(stdout_err),
        Command::Man => crate::completions::man_page(out).map_err(stdout_err),
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

/// `--leg`, or the config's `default_leg`, or the profile's leg when that
/// is left or right.
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

/// `--baseline-km` / `--baseline-mi`: km, `Some(None)` to clear.
fn baseline(args: &ProfileArgs) -> Result<Option<Option<f64>>, ValidationError> {
    let (field, raw, units) = match (&args.baseline_km, &args.baseline_mi) {
        (Some(km), _) => ("baseline_km", km, Units::Km),
        (None, Some(mi)) => ("baseline_mi", mi, Units::Mi),
        (None, None) => return Ok(None),
    };
    let text = raw.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(Some(None));
    }
    let max = (units.from_km(domain::MAX_BASELINE_KM) * 10.0).floor() / 10.0;
    let value = domain::parse_decimal(field, text, max)?;
    Ok(Some(Some(units.to_km(value))))
}

fn profile(args: ProfileArgs, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    let baseline = baseline(&args)?;
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
    let clot_risk = args
        .clot_risk
        .as_deref()
        .map(|v| domain::parse_yes_no("clot_risk", v))
        .transpose()?;
    let blood_thinners = args
        .blood_thinners
        .as_deref()
        .map(|v| domain::parse_yes_no("blood_thinners", v))
        .transpose()?;
    let changes = leg.is_some()
        || injury_date.is_some()
        || clot_history.is_some()
        || cancer.is_some()
        || clot_risk.is_some()
        || blood_thinners.is_some()
        || baseline.is_some();

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
    if let Some(v) = clot_risk {
        profile.clot_risk = v;
    }
    if let Some(v) = blood_thinners {
        profile.blood_thinners = v;
    }
    if let Some(km) = baseline {
        profile.baseline_km = km;
    }
    if existing.as_ref() != Some(&profile) {
        store.save_profile(&profile)?;
    }
    if let Some(tx) = tx {
        tx.commit()?;
    }
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let injury = profile.injury_date.map_or("not set".to_owned(), |d| d.to_string());
    let usual = profile
        .baseline_km
        .map_or("not set (--baseline-km X)".to_owned(), |km| {
            format!("{} a week", config.units.show(km))
        });
    writeln!(
        out,
        "injured leg: {}\ninjury date: {}\nclot history: {}\ncancer: {}\nother clot risk: {}\nblood thinners: {}\n\
         usual running before the injury: {usual}",
        profile.leg,
        injury,
        yes_no(profile.clot_history),
        yes_no(profile.cancer),
        yes_no(profile.clot_risk),
        yes_no(profile.blood_thinners)
    )
    .map_err(stdout_err)
}

fn checkin(args: CheckinArgs, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    let date = date_or_today(args.date.as_deref(), today)?;
    let explicit_leg = args.leg.as_deref().map(|l| Leg::parse("leg", l)).transpose()?;
    // A distance is km or miles by its flag, never by the config's units.
    let run_km = match args.run_mi.as_deref().map(str::trim) {
        Some(miles) if !miles.is_empty() => {
            let max_miles = (domain::MAX_RUN_KM / KM_PER_MILE * 10.0).floor() / 10.0;
            let miles = domain::parse_decimal("run_mi", miles, max_miles)?;
            Some(Units::Mi.to_km(miles).to_string())
        }
        Some(_) => Some(String::new()),
        None => args.run_km,
    };
    let given = CheckInInput {
        pain_rest: args.pain_rest,
        pain_walk: args.pain_walk,
        pain_run: args.pain_run,
        tightness: args.tightness,
        morning: args.morning,
        symptoms: args.symptoms,
        run_km,
        run_min: args.run_min,
        cross_min: args.cross_min,
        note: args.note,
        intervals: args.intervals,
    };
    // Every value is checked before the file is opened (an update's given
    // fields over stand-in scores); the leg may need the profile, so it is
    // filled in afterwards.
    let check = if args.update {
        let stand_in = CheckInInput {
            pain_rest: Some("0".into()),
            pain_walk: Some("0".into()),
            ..CheckInInput::default()
        };
        stand_in.updated_with(given.clone())
    } else {
        given.clone()
    };
    let mut entry = check.validate(date, explicit_leg.unwrap_or(Leg::Left), today)?;
    let store = Store::open(db)?;
    let leg = leg_or_profile(explicit_leg.or(config.default_leg.leg()), &store)?;
    entry.leg = leg;
    let tx = store.begin_write()?;
    let existing = store.checkin(date, leg)?;
    if args.update {
        let Some(old) = &existing else {
            return Err(ValidationError::new(
                "update",
                &format!("an existing {leg} calf check-in for {date} (save one first without --update)"),
                "no entry",
            )
            .into());
        };
        entry = CheckInInput::from_checkin(old)
            .updated_with(given)
            .validate(date, leg, today)?;
    }
    if existing.as_ref() != Some(&entry) {
        store.save_checkin(&entry)?;
    }
    tx.commit()?;
    // From here on the entry is in the journal: a later failure must not
    // read as if it were not.
    let verb = match (&existing, args.update) {
        (None, _) => "saved",
        (Some(old), _) if *old == entry => "left unchanged",
        (Some(_), true) => "updated",
        (Some(_), false) => "replaced",
    };
    writeln!(out, "{verb} the {leg} calf check-in for {date}").map_err(stdout_err)?;
    if let Some(old) = existing.as_ref().filter(|_| !args.update) {
        let cleared = domain::cleared_fields(old, &entry);
        if !cleared.is_empty() {
            writeln!(
                out,
                "cleared (not given this time): {}; use --update to change only the fields you give",
                cleared.join(", ")
            )
            .map_err(stdout_err)?;
        }
    }
    if let Some(km) = entry.run_km.filter(|_| config.units == Units::Mi) {
        writeln!(out, "run: {} ({km} km stored)", config.units.show(km)).map_err(stdout_err)?;
    }
    // As of the entry's own date, so a back-dated entry shows what it raised.
    let assessment = service::assess(&store, date).map_err(|err| CliError::AfterSave {
        done: format!("the check-in was {verb}"),
        after: format!("its warnings could not be checked: {}", err.after_write()),
    })?;
    let new: Vec<&clinical::Flag> = assessment
        .flags
        .iter()
        .filter(|f| f.leg == leg && f.date == date)
        .collect();
    for flag in new {
        writeln!(out, "{}", clinical_line(flag)).map_err(stdout_err)?;
    }
    stale_lines(&store, leg, date, today, &format!("the check-in was {verb}"), out)
}

/// After saving an entry dated before today: each rule it fires whose
/// warning is no longer open today, in the words of SPEC 5.2.
fn stale_lines(
    store: &Store,
    leg: Leg,
    date: NaiveDate,
    today: NaiveDate,
    done: &str,
    out: &mut dyn Write,
) -> CliResult {
    let stale = service::stale_firings(store, leg, date, today).map_err(|err| CliError::AfterSave {
        done: done.to_owned(),
        after: format!(
            "whether its warnings are still open today could not be checked: {}",
            err.after_write()
        ),
    })?;
    for firing in stale {
        writeln!(out, "{}", firing.line()).map_err(stdout_err)?;
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

fn outcome(args: OutcomeArgs, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    let rule = match (args.rule.as_deref(), args.all) {
        (Some(raw), false) => Some(
            clinical::RuleId::parse(raw)
                .ok_or_else(|| ValidationError::new("rule", &format!("one of {}", clinical::RuleId::id_list()), raw))?,
        ),
        (None, true) => None,
        (Some(raw), true) => {
            return Err(ValidationError::new("rule", "a rule id or --all, not both", &format!("{raw} --all")).into());
        }
        (None, false) => {
            return Err(ValidationError::new(
                "rule",
                "a rule id as `soleus flags` shows it (for example dvt), or --all",
                "nothing",
            )
            .into());
        }
    };
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
    let leg = leg_or_profile(explicit_leg.or(config.default_leg.leg()), &store)?;
    let input = |e| match e {
        service::OutcomeError::Input(e) => CliError::Input(e),
        service::OutcomeError::Store(e) => CliError::Store(e),
    };
    // SPEC 5.2: a not-seen close of an emergency or urgent warning says
    // that it will warn again before it is written.
    let warned = result == domain::OutcomeResult::NotSeen && {
        let active = service::assess(&store, date)?.flags;
        active
            .iter()
            .filter(|f| f.leg == leg && rule.is_none_or(|r| f.rule == r))
            .any(|f| f.level <= clinical::Level::Urgent)
    };
    if warned {
        writeln!(out, "{}", clinical::NOT_SEEN_CLOSE).map_err(stdout_err)?;
    }
    let closed = match rule {
        Some(rule) => vec![service::record_outcome(&store, rule, leg, result, date, args.note).map_err(input)?],
        None => service::record_outcome_all(&store, leg, result, date, args.note).map_err(input)?,
    };
    for (flag, saved) in &closed {
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
    }
    for line in after_outcome_lines(&closed, date) {
        writeln!(out, "{line}").map_err(stdout_err)?;
    }
    Ok(())
}

/// What each recorded outcome means for the entries that come after it
/// (SPEC 5.2), one line for each kind of warning closed: a trend rule is
/// silent for 14 days; an emergency warns again on any later day; a
/// not-seen emergency or urgent warning (already said before the write)
/// warns again on the next entry with its signs; any other warns again on
/// something new.
fn after_outcome_lines(closed: &[(clinical::Flag, domain::Outcome)], date: NaiveDate) -> Vec<String> {
    let mut lines: Vec<(String, Vec<&str>)> = Vec::new();
    for (flag, saved) in closed {
        let line = if !flag.rule.is_single_entry() {
            format!("this trend warning stays silent for 14 days from {date}")
        } else if saved.result == domain::OutcomeResult::NotSeen && flag.level <= clinical::Level::Urgent {
            format!(
                "load guidance stays STOP, and what the warning pauses stays paused, until a {} calf check-in dated \
                 after {date} comes without these signs",
                flag.leg
            )
        } else if flag.level == clinical::Level::Emergency {
            format!(
                "an entry dated after {date} with these signs warns again: an emergency changes by the hour, and \
                 this outcome covers only what was assessed"
            )
        } else if flag.rule == clinical::RuleId::Compartment {
            "an entry whose pain is not below what was assessed warns again, and so does a new sign or a higher level"
                .to_owned()
        } else {
            "the same signs will not warn again; a new sign, a higher level, pain 3 or more above what was assessed, \
             or signs that come back after 3 check-ins without them will"
                .to_owned()
        };
        match lines.iter_mut().find(|(text, _)| *text == line) {
            Some((_, rules)) => rules.push(flag.rule.id()),
            None => lines.push((line, vec![flag.rule.id()])),
        }
    }
    // With more than one warning closed, each line names the ones it is for.
    if closed.len() > 1 {
        return lines
            .into_iter()
            .map(|(line, rules)| format!("{}: {line}", rules.join(", ")))
            .collect();
    }
    lines.into_iter().map(|(line, _)| line).collect()
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
    let done = format!("recorded {} on the {leg} leg: {reps} reps on {date}", kind.label());
    writeln!(out, "{done}").map_err(stdout_err)?;
    // A test of 0 reps is an entry that fires `rupture` (SPEC 5.1): say so
    // at once, as a check-in does.
    let assessment = service::assess(&store, date).map_err(|err| CliError::AfterSave {
        done: done.clone(),
        after: format!("its warnings could not be checked: {}", err.after_write()),
    })?;
    let raised = |f: &&clinical::Flag| f.rule == clinical::RuleId::Rupture && f.leg == leg && f.date == date;
    for flag in assessment.flags.iter().filter(raised) {
        writeln!(out, "{}", clinical_line(flag)).map_err(stdout_err)?;
    }
    stale_lines(&store, leg, date, today, &done, out)
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
        // Not "no warning signs": a warning closed as not-seen keeps its sign.
        0 => lines.push(format!("no open warnings from your entries up to {date}.")),
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

fn export(args: ExportArgs, db: &Path, config: &Config, out: &mut dyn Write) -> CliResult {
    let target = out_file(args.out.as_deref());
    // The target is checked before the journal is read, so a refused path
    // costs nothing and writes nothing.
    if let Some(path) = target {
        crate::outfile::check_target(path, db, crate::outfile::Kind::Document, args.force)?;
    }
    if config.units != Units::Km {
        // On stderr, so the file or the pipe gets only the export.
        eprintln!("soleus: note: exports keep distances in km (run_km), whatever `units` says");
    }
    let store = Store::open(db)?;
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut bytes, &store.export()?).map_err(|e| stdout_err(e.into()))?;
            bytes.push(b'\n');
        }
        ExportFormat::Csv => {
            // A spreadsheet must not run a note as a formula, and a terminal
            // must not run one as a control sequence; --raw keeps both.
            let to_terminal = target.is_none();
            let mut writer = csv::Writer::from_writer(&mut bytes);
            for c in &store.all_checkins()? {
                let mut row = domain::import::CsvCheckIn::from(c);
                if !args.raw {
                    row = row.map_text(|cell| {
                        let cell = crate::sanitize::neutralise_formula(cell);
                        if to_terminal {
                            crate::sanitize::strip_controls(&cell).into_owned()
                        } else {
                            cell.into_owned()
                        }
                    });
                }
                writer.serialize(row).map_err(|e| stdout_err(e.into()))?;
            }
            writer.flush().map_err(stdout_err)?;
        }
    }
    match target {
        None => out.write_all(&bytes).map_err(stdout_err),
        Some(path) => write_private(db, path, args.force, &bytes),
    }
}

/// `--out FILE`, with `-` meaning standard output (`None`).
fn out_file(out: Option<&Path>) -> Option<&Path> {
    out.filter(|path| path.as_os_str() != "-")
}

/// Writes health data to a file only its owner can read, by the rules of
/// [`crate::outfile`]: never onto the journal, its side files or a file
/// soleus did not write (unless `force`), never through a link, and
/// through a temporary file renamed into place.
fn write_private(db: &Path, path: &Path, force: bool, bytes: &[u8]) -> CliResult {
    Ok(crate::outfile::write(
        path,
        db,
        crate::outfile::Kind::Document,
        force,
        bytes,
    )?)
}

/// Import files larger than this are refused before they are read.
pub const MAX_IMPORT_BYTES: u64 = 64 << 20;

/// Reads an import file: a regular file of at most [`MAX_IMPORT_BYTES`],
/// read through a limit so that a file growing meanwhile cannot take more.
fn read_import_file(path: &Path) -> Result<Vec<u8>, CliError> {
    use std::io::Read;
    let io_err = |source| CliError::Io {
        path: path.to_owned(),
        source,
    };
    let refuse = |allowed: &str| -> CliError {
        ValidationError::new("import file", allowed, &path.display().to_string()).into()
    };
    // Checked before opening: opening a pipe would wait for a writer.
    let not_regular = || refuse("a regular file (not a folder, device, pipe or socket)");
    if !fs::metadata(path).map_err(io_err)?.is_file() {
        return Err(not_regular());
    }
    let file = fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let too_big = || refuse(&format!("a file of at most {} MiB", MAX_IMPORT_BYTES >> 20));
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

fn import(args: ImportArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let bytes = read_import_file(&args.file)?;
    // Everything but the exercise ids is checked before the journal is
    // opened; those need its catalogue.
    let mut journal = domain::import::parse(&bytes, today, |_| true)?;
    let is_csv = !String::from_utf8_lossy(&bytes)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{');
    if args.replace {
        if is_csv {
            return Err(ValidationError::new(
                "import --replace",
                "a JSON export (a CSV holds only check-ins; import it without --replace to merge)",
                &args.file.display().to_string(),
            )
            .into());
        }
        return replace(&args, db, today, &journal, out);
    }
    let store = Store::open(db)?;
    let catalogue = store.catalogue()?;
    journal.check_exercise_ids(|id| catalogue.get(id).is_some())?;
    // A journal with no profile takes one from the file, or else the legs
    // its check-ins are for, so that `status` asks for the right calves.
    let new_profile = match (&journal.profile, store.profile()?) {
        (None, None) => domain::import::profile_from_legs(&journal.checkins),
        _ => None,
    };
    if new_profile.is_some() {
        journal.profile.clone_from(&new_profile);
    }
    let summary = store.import(&journal)?;
    writeln!(
        out,
        "imported {}: {} added, {} updated, {} unchanged",
        args.file.display(),
        summary.added,
        summary.updated,
        summary.unchanged
    )
    .map_err(stdout_err)?;
    if let Some(profile) = new_profile {
        writeln!(
            out,
            "the journal had no profile: injured leg set to {} (the legs in the file), clot history, cancer, other \
             clot risk and blood thinners to no; correct them with `soleus profile --leg ... --clot-history yes|no \
             --cancer yes|no --clot-risk yes|no --blood-thinners yes|no`",
            profile.leg
        )
        .map_err(stdout_err)?;
    }
    Ok(())
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

fn report_cmd(args: ReportArgs, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    check_days(args.days, report::MAX_DAYS)?;
    let target = out_file(args.out.as_deref());
    if let Some(path) = target {
        crate::outfile::check_target(path, db, crate::outfile::Kind::Document, args.force)?;
    }
    let store = Store::open(db)?;
    let reading = report::Reading {
        units: config.units,
        week_start: config.week_start,
    };
    let data = service::report(&store, today, args.days, reading)?;
    let text = match args.format {
        ReportFormat::Md => report::to_markdown(&data),
        ReportFormat::Html => report::to_html(&data),
    };
    match target {
        None => out.write_all(text.as_bytes()).map_err(stdout_err),
        Some(path) => {
            write_private(db, path, args.force, text.as_bytes())?;
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
    let resolved = crate::outfile::check_target(&target, db, crate::outfile::Kind::Backup, args.force)?;
    // A copy a killed `backup` left half-written beside the journal.
    if let (Some(dir), Some(name)) = (resolved.parent(), db.file_name()) {
        crate::outfile::remove_stale(dir, &format!("{}.backup-", name.to_string_lossy()));
    }
    let store = Store::open(db)?;
    store.backup_to(&resolved)?;
    writeln!(
        out,
        "backed up {} ({} check-ins) to {}",
        db.display(),
        store.checkin_count()?,
        target.display()
    )
    .map_err(stdout_err)
}
