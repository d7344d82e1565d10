//! `soleus phase [--json]` and `soleus phase set N [--date D]` (docs/clinical-rules.md, phases):
//! where the recovery stands, each criterion of the next phase with its
//! value, whether a move is offered, and recording a change by hand.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::{CliError, CliResult, date_or_today, stdout_err};
use crate::clinical::{self, PhaseInfo, PhaseStatus};
use crate::domain::{self, PhaseChange, ValidationError};
use crate::service::{self, Change, HistoryWindow};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct PhaseArgs {
    #[command(subcommand)]
    action: Option<PhaseAction>,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PhaseAction {
    /// Record a change of phase (1 Protect ... 5 Running)
    Set(PhaseSetArgs),
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct PhaseSetArgs {
    /// The phase, 1-5
    phase: String,
    /// Day of the change, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "D")]
    date: Option<String>,
}

/// What `phase --json` prints (docs/command-line.md).
#[derive(Debug, Serialize)]
struct PhaseJson {
    phase: u8,
    since: Option<NaiveDate>,
    offer: Option<u8>,
    criteria: Vec<CriterionJson>,
}

#[derive(Debug, Serialize)]
struct CriterionJson {
    name: String,
    holds: bool,
    value: String,
}

pub fn phase_cmd(args: PhaseArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    match args.action {
        None => show(db, today, args.json, out),
        Some(PhaseAction::Set(set)) => set_phase(set, db, today, out),
    }
}

fn status_on(store: &Store, date: NaiveDate) -> Result<PhaseStatus, CliError> {
    let window = HistoryWindow::load(store, date)?;
    Ok(clinical::phase_status(&window.history(), date))
}

fn show(db: &Path, today: NaiveDate, json: bool, out: &mut dyn Write) -> CliResult {
    let store = Store::open(db)?;
    let status = status_on(&store, today)?;
    if json {
        let value = PhaseJson {
            phase: status.current.number,
            since: status.since,
            offer: status.offer.map(|p| p.number),
            criteria: status
                .criteria
                .iter()
                .map(|c| CriterionJson {
                    name: c.description.clone(),
                    holds: c.met,
                    value: c.detail.clone(),
                })
                .collect(),
        };
        let text = serde_json::to_string_pretty(&value).map_err(|e| stdout_err(e.into()))?;
        return writeln!(out, "{text}").map_err(stdout_err);
    }
    writeln!(out, "{}", text(&status)).map_err(stdout_err)
}

/// The readable form: the phase and since when, each criterion of the next
/// phase with its value, and the offer or what holds progress.
fn text(status: &PhaseStatus) -> String {
    let current = status.current;
    let since = status
        .since
        .map_or("(the starting phase: none recorded yet)".to_owned(), |d| {
            format!("since {d}")
        });
    let mut lines = vec![format!("phase {} {} {since}", current.number, current.name)];
    lines.push(match status.next {
        Some(next) => format!("criteria for phase {} {}:", next.number, next.name),
        None => "criteria for a full return (Green et al. 2022, an interview study of clinicians):".to_owned(),
    });
    for c in &status.criteria {
        let mark = if c.met { "holds" } else { "does not hold" };
        lines.push(format!("  [{mark}] {}: {}", c.description, c.detail));
    }
    match (status.next, status.offer) {
        (_, Some(next)) => lines.push(format!(
            "move offered: phase {} {} (record it with `soleus phase set {}`)",
            next.number, next.name, next.number
        )),
        (Some(_), None) => {
            lines.push("no move offered".to_owned());
            for held in &status.holding {
                lines.push(format!("  held by: {held}"));
            }
        }
        (None, None) => {}
    }
    lines.join("\n")
}

fn set_phase(args: PhaseSetArgs, db: &Path, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let phase = domain::parse_whole("phase", &args.phase, 1, 5)? as u8;
    let Some(target) = PhaseInfo::of(phase) else {
        return Err(ValidationError::new("phase", "a whole number from 1 to 5", &args.phase).into());
    };
    let date = date_or_today(args.date.as_deref(), today)?;
    let store = Store::open(db)?;
    let status = status_on(&store, date)?;
    let forward = phase > status.current.number;
    if forward && !status.refused_by.is_empty() {
        return Err(ValidationError::new(
            "phase",
            &format!(
                "{} or lower while an emergency or urgent warning is active ({}); deal with the warning first",
                status.current.number,
                status.refused_by.join("; ")
            ),
            &args.phase,
        )
        .into());
    }
    let mut lines = Vec::new();
    if forward && status.offer.map(|p| p.number) != Some(phase) {
        lines.push(format!(
            "no move to phase {} {} is offered as of {date}; recording it as you asked.",
            target.number, target.name
        ));
        if phase > status.current.number + 1 {
            lines.push(format!(
                "  this skips phase {} ({} criteria are judged one phase at a time)",
                status.current.number + 1,
                status.next.map_or("?", |p| p.name)
            ));
        }
        for c in status.unmet() {
            lines.push(format!("  does not hold: {}: {}", c.description, c.detail));
        }
        for held in &status.holding {
            lines.push(format!("  held by: {held}"));
        }
    }
    service::apply(&store, &Change::Phase(PhaseChange { date, phase }), today)?;
    lines.push(format!("recorded: phase {} {} from {date}", target.number, target.name));
    writeln!(out, "{}", lines.join("\n")).map_err(stdout_err)
}
