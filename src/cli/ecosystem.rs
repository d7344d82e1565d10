//! The commands and flags that fit soleus into a shell: the config file
//! (`config path|show|init`), `status --check` / `--json` for cron and
//! status bars, and `import --replace`, the exact restore.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{CliError, CliResult, ImportArgs, stdout_err};
use crate::config::{Config, Location};
use crate::domain::{self, ValidationError};
use crate::service::{self, Applied, Change};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Exit 1 when today's check-in is missing for an injured leg (for cron)
    #[arg(long)]
    check: bool,
    /// Print the same facts as one JSON object
    #[arg(long)]
    json: bool,
    /// One short line for a shell prompt, at most 40 characters:
    /// "✓ 12d ● AMBER", "○ check in · ‼ URGENT"
    #[arg(long, conflicts_with = "json")]
    short: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub(super) action: ConfigAction,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum ConfigAction {
    /// Print the config file's path (whether or not it exists yet)
    Path,
    /// Print the settings in force
    Show,
    /// Write a commented config file with every key at its default
    Init,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub(super) shell: clap_complete::Shell,
}

/// Reads the config file `--config` / `SOLEUS_CONFIG` names, or the
/// default one (defaults when that does not exist). A bad file is exit 2.
pub fn load_config(explicit: Option<&Path>) -> Result<Config, CliError> {
    match Location::find(explicit) {
        Some(location) => Ok(location.load()?),
        None => Ok(Config::default()),
    }
}

pub(super) fn status(args: StatusArgs, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    let store = Store::open(db)?;
    let mut status = service::status(&store, today, config.week_start)?;
    // The engine's words hold km; the user reads the config's unit.
    status.assessment = status.assessment.in_units(config.units);
    if args.short {
        writeln!(out, "{}", short_line(&status)).map_err(stdout_err)?;
    } else if args.json {
        let mut json = status.to_json(config.week_start);
        json["run_cap_km"] = serde_json::json!(status.run_cap_km);
        json["run_cap"] = serde_json::json!(
            status
                .run_cap_km
                .map(|cap| crate::clinical::run_cap_line(cap, config.units))
        );
        let json = serde_json::to_string_pretty(&json).map_err(|e| stdout_err(e.into()))?;
        writeln!(out, "{json}").map_err(stdout_err)?;
    } else {
        writeln!(out, "{}", status.line()).map_err(stdout_err)?;
    }
    let missing = status.missing();
    if args.check && !missing.is_empty() {
        let legs: Vec<&str> = missing.iter().map(|l| l.name()).collect();
        return Err(CliError::Unmet(format!(
            "today's check-in ({today}) is missing for the {} calf",
            legs.join(" and ")
        )));
    }
    Ok(())
}

/// Longest `status --short` line, in characters.
pub const SHORT_MAX: usize = 40;

/// `status --short`: today's check-in (✓ and the streak in days, or ○ and
/// what is missing), then the most urgent warning's level, or else the load
/// light. At most [`SHORT_MAX`] characters, for a shell prompt
/// (docs/command-line.md, status).
pub fn short_line(status: &service::Status) -> String {
    let missing: Vec<&str> = status
        .expected
        .iter()
        .filter(|l| !status.done.contains(l))
        .map(|l| l.name())
        .collect();
    let (checkin, gap) = if missing.is_empty() {
        (format!("✓ {}d", status.streak), " ")
    } else if status.done.is_empty() {
        ("○ check in".to_owned(), " · ")
    } else {
        (format!("◐ check in {}", missing.join("+")), " · ")
    };
    let mark = match status.assessment.most_urgent() {
        Some(flag) => {
            let symbol = match flag.level {
                crate::clinical::Level::Emergency | crate::clinical::Level::Urgent => "‼",
                crate::clinical::Level::Soon => "!",
                crate::clinical::Level::Watch => "·",
            };
            format!("{symbol} {}", flag.level.name().to_uppercase())
        }
        None => match status.assessment.guidance.light {
            crate::clinical::Light::Unknown => String::new(),
            light => format!("● {}", light.name().to_uppercase()),
        },
    };
    let line = if mark.is_empty() {
        checkin
    } else {
        format!("{checkin}{gap}{mark}")
    };
    line.chars().take(SHORT_MAX).collect()
}

/// `soleus config path|show|init`.
pub(super) fn config_cmd(action: ConfigAction, explicit: Option<&Path>, out: &mut dyn Write) -> CliResult {
    let Some(location) = Location::find(explicit) else {
        return Err(CliError::Unmet(
            "cannot find a config directory; pass --config PATH or set SOLEUS_CONFIG".to_owned(),
        ));
    };
    let path = &location.path;
    let io_err = |source| CliError::Io {
        path: path.clone(),
        source,
    };
    match action {
        ConfigAction::Path => writeln!(out, "{}", crate::sanitize::path(path)).map_err(stdout_err),
        ConfigAction::Show => {
            let config = location.load()?;
            let origin = if path.exists() {
                format!("# from {}", crate::sanitize::path(path))
            } else {
                format!(
                    "# {} does not exist: these are the defaults",
                    crate::sanitize::path(path)
                )
            };
            writeln!(
                out,
                "{origin}
{}",
                config.to_toml().trim_end()
            )
            .map_err(stdout_err)
        }
        ConfigAction::Init => {
            if path.exists() {
                return Err(ValidationError::new(
                    "config",
                    "a path with no file yet (init never overwrites; edit the file or remove it first)",
                    &crate::sanitize::path(path),
                )
                .into());
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::config::create_folder(dir).map_err(io_err)?;
            }
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .map_err(io_err)?;
            file.write_all(crate::config::commented_default().as_bytes())
                .map_err(io_err)?;
            writeln!(out, "wrote {}", crate::sanitize::path(path)).map_err(stdout_err)
        }
    }
}

/// `import --replace`: the journal becomes the file, after a backup. Only
/// a journal with no entries is replaced without `--yes`.
pub(super) fn replace(
    args: &ImportArgs,
    db: &Path,
    today: NaiveDate,
    journal: &domain::Journal,
    out: &mut dyn Write,
) -> CliResult {
    let store = Store::open(db)?;
    let change = Change::Replace {
        journal: Box::new(journal.clone()),
        confirmed: args.yes,
    };
    let Applied::Replaced { summary, held, backup } = service::apply(&store, &change, today)? else {
        return Ok(());
    };
    writeln!(
        out,
        "replaced {} with {}: {} records (the journal held {held} check-ins; backup at {})",
        crate::sanitize::path(db),
        crate::sanitize::path(&args.file),
        summary.added,
        crate::sanitize::path(&backup)
    )
    .map_err(stdout_err)
}
