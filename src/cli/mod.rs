//! The command line (docs/command-line.md). Every command parses text into
//! domain values with the same validation as the terminal app, builds a
//! [`Change`](crate::service::Change) when it writes, applies it through the
//! service layer and prints what happened. A user mistake exits 2 with one
//! line naming the field and what is allowed, before anything is written.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::domain::{self, Leg, ValidationError};
use crate::store::Store;

mod args;
pub mod completions;
mod ecosystem;
mod entries;
mod error;
mod journal;
mod outcome;
mod phase;
mod plan;
mod runs;

pub use args::{
    BackupArgs, CheckinArgs, DemoArgs, ExportArgs, ExportFormat, FlagsArgs, ImportArgs, OutcomeArgs, ProfileArgs,
    ReportArgs, ReportFormat, TestArgs,
};
pub use ecosystem::{CompletionsArgs, ConfigAction, ConfigArgs, StatusArgs, load_config};
use ecosystem::{config_cmd, status};
use entries::{checkin, flags_in, profile, test};
pub use error::CliError;
use error::CliResult;
use journal::{backup, demo_cmd, export, import, report_cmd};
use outcome::outcome;
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
    /// A one-page summary for your physiotherapist or GP (Markdown, HTML or PDF)
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
        Command::Flags(args) => flags_in(args, db, today, config.units, out),
        Command::Outcome(args) => outcome(args, db, today, &config, out),
        Command::Phase(args) => phase::phase_cmd(args, db, today, out),
        Command::Status(args) => status(args, db, today, &config, out),
        Command::Export(args) => export(args, db, &config, out),
        Command::Import(args) => import(args, db, today, out),
        Command::Report(args) => report_cmd(args, db, today, &config, out),
        Command::Demo(args) => demo_cmd(args, db, today, out),
        Command::Backup(args) => backup(args, db, today, out),
        Command::Config(args) => config_cmd(args.action, config_path, out),
        Command::Completions(args) => completions::write(args.shell, out).map_err(stdout_err),
        Command::Man => completions::man_page(out).map_err(stdout_err),
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
