//! `soleus runs`: list the journal's runs, import them from a watch's files
//! or an export (`runs import PATH...`, in `runs/import.rs`), delete one
//! (`runs delete ID`) and put a deleted one back (`runs restore ID`).

mod import;
mod pain;
mod zip;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Days, Local, NaiveDate, TimeZone};
use clap::{Args, Subcommand};

use super::{CliResult, stdout_err};
use crate::config::Config;
use crate::domain::{Run, RunSource, ValidationError};
use crate::service::{self, Applied, Change};
use crate::store::{GoneRun, Store};
use crate::units::Units;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RunsArgs {
    #[command(subcommand)]
    action: Option<RunsAction>,
    /// List only the runs of the last N days, today included (1-36500) [default: all]
    #[arg(long, value_name = "N")]
    days: Option<u32>,
    /// Print the runs as a JSON array
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RunsAction {
    /// Import runs from .fit/.gpx/.tcx files (or .fit.gz/.gpx.gz/.tcx.gz), folders,
    /// a Strava bulk export folder, a Garmin Connect Activities.csv or a Garmin
    /// Connect data-export .zip
    Import(ImportRunsArgs),
    /// Delete one run, by the ID `soleus runs` shows
    Delete(DeleteRunArgs),
    /// Put back a deleted run, by the ID it had (`runs delete` and `runs import` name it)
    Restore(DeleteRunArgs),
}

#[derive(Debug, Args)]
pub struct ImportRunsArgs {
    /// Files or folders; a folder is searched (sub-folders too) for .fit,
    /// .gpx, .tcx, .zip and Garmin CSV files, and a folder holding a Strava
    /// activities.csv is read as a Strava bulk export
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Take the activities whose file names no sport as runs (`run`, the one
    /// value); files that name another sport are still skipped
    #[arg(long, value_name = "SPORT")]
    sport: Option<String>,
}

#[derive(Debug, Args)]
pub struct DeleteRunArgs {
    /// The run's ID, as `soleus runs` lists it
    id: String,
}

const MAX_LIST_DAYS: u32 = 36_500;

pub fn run(args: RunsArgs, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    match args.action {
        Some(RunsAction::Import(args)) => {
            let unnamed_are_runs = match args.sport.as_deref().map(str::trim) {
                None => false,
                Some("run" | "running") => true,
                Some(other) => return Err(ValidationError::new("sport", "run", other).into()),
            };
            import::import_runs(&args.paths, unnamed_are_runs, db, today, config, &Local, out)
        }
        Some(RunsAction::Delete(delete)) => delete_run(&delete.id, db, today, config, out),
        Some(RunsAction::Restore(restore)) => restore_run(&restore.id, db, today, config, out),
        None => list(args.days, args.json, db, today, config, out),
    }
}

// ----- listing -----

fn list(days: Option<u32>, json: bool, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    if let Some(days) = days
        && !(1..=MAX_LIST_DAYS).contains(&days)
    {
        return Err(ValidationError::new(
            "days",
            &format!("a whole number from 1 to {MAX_LIST_DAYS}"),
            &days.to_string(),
        )
        .into());
    }
    let from = match days {
        Some(n) => today.checked_sub_days(Days::new(u64::from(n) - 1)).unwrap_or(today),
        None => crate::domain::EARLIEST_DATE,
    };
    let store = Store::open(db)?;
    // Not NaiveDate::MAX: dates compare as text, and its year has a sign.
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(today);
    let runs = described(store.runs_between(from, last)?);
    if json {
        let rows: Vec<serde_json::Value> = runs.iter().map(run_json).collect();
        let text = serde_json::to_string_pretty(&rows).map_err(|e| stdout_err(e.into()))?;
        return writeln!(out, "{text}").map_err(stdout_err);
    }
    if runs.is_empty() {
        let span = days.map_or(String::new(), |n| format!(" in the last {n} days"));
        return writeln!(
            out,
            "no runs{span}: type one in a check-in (--run-km, --run-min, --intervals) or `soleus runs import PATH`"
        )
        .map_err(stdout_err);
    }
    let text = table(&runs, config.units, &Local);
    out.write_all(text.as_bytes()).map_err(stdout_err)
}

fn run_json(r: &Run) -> serde_json::Value {
    serde_json::json!({
        "id": r.id,
        "date": r.date,
        "start": r.start,
        "km": r.km,
        "moving_s": r.moving_s,
        "running_s": r.running_s,
        "climb_m": r.climb_m,
        "source": r.source,
        "source_id": r.source_id,
        "intervals": r.intervals.map(|i| i.to_string()),
        "leg": r.leg,
    })
}

/// The runs as the load counts them: walk-run intervals typed on the day
/// of an imported run describe that run (see `Run::with_typed_intervals`).
fn described(runs: Vec<Run>) -> Vec<Run> {
    let typed: Vec<(NaiveDate, crate::domain::Intervals)> = runs
        .iter()
        .filter(|r| r.source == RunSource::Manual)
        .filter_map(|r| r.intervals.map(|i| (r.date, i)))
        .collect();
    if typed.is_empty() {
        return runs;
    }
    Run::described_by_typed(typed, &runs)
}

/// `m:ss` under an hour, else `h:mm:ss`.
fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Climb in the units' height: metres, or feet with miles.
pub fn climb_text(units: Units, metres: f64) -> String {
    match units {
        Units::Km => format!("{metres:.0} m"),
        Units::Mi => format!("{:.0} ft", metres * 3.280_839_895),
    }
}

fn table<Tz: TimeZone>(runs: &[Run], units: Units, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let header = [
        "ID", "date", "start", "distance", "time", "running", "climb", "walk-run", "from",
    ];
    let mut rows = vec![header.map(str::to_owned)];
    let watch_days: std::collections::BTreeSet<NaiveDate> = runs
        .iter()
        .filter(|r| r.source != RunSource::Manual)
        .map(|r| r.date)
        .collect();
    for r in runs {
        let from = match (r.source, r.leg, &r.source_id) {
            (RunSource::Manual, Some(leg), _) if watch_days.contains(&r.date) => {
                format!("typed ({leg} check-in): the imported run of that day")
            }
            (RunSource::Manual, Some(leg), _) => format!("typed ({leg} check-in)"),
            (source, _, Some(id)) => format!("{source} {}", crate::sanitize::strip_controls(id)),
            (source, _, None) => source.to_string(),
        };
        let running = r.running_min().map(|m| (m * 60.0).round() as u32);
        rows.push([
            r.id.map_or(String::new(), |id| id.to_string()),
            r.date.to_string(),
            r.start
                .map_or("-".to_owned(), |s| s.with_timezone(tz).format("%H:%M").to_string()),
            r.km.map_or("-".to_owned(), |k| units.show(k)),
            r.moving_s.map_or("-".to_owned(), clock),
            running.map_or("-".to_owned(), clock),
            r.climb_m.map_or("-".to_owned(), |m| climb_text(units, m)),
            match r.intervals {
                Some(i) => format!("{i} ({:.0} min running)", r.running_min().unwrap_or(i.running_min())),
                None => "-".to_owned(),
            },
            from,
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut text = String::new();
    for row in &rows {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| match c {
                0 | 3 | 4 | 5 | 6 => format!("{cell:>w$}", w = widths[c]),
                _ => format!("{cell:<w$}", w = widths[c]),
            })
            .collect();
        text.push_str(line.join("  ").trim_end());
        text.push('\n');
    }
    let (count, km, climb, running) = totals(runs, &watch_days);
    text.push_str(&format!(
        "{count} run{}, {} in all, {:.0} min running, {} of climb (each run counted once: a typed run is one \
         run for both calves' check-ins, and the imported run of its day when there is one)\n",
        if count == 1 { "" } else { "s" },
        units.show(km),
        running,
        climb_text(units, climb)
    ));
    text
}

/// How many runs, km, climb and running minutes, each run once: imported
/// runs add up; a day's typed runs (one per calf) are one run, the larger
/// figures, and none on a day that has an imported run.
fn totals(runs: &[Run], watch_days: &std::collections::BTreeSet<NaiveDate>) -> (usize, f64, f64, f64) {
    let mut typed: std::collections::BTreeMap<NaiveDate, (f64, f64)> = std::collections::BTreeMap::new();
    let (mut count, mut km, mut climb, mut running) = (0, 0.0, 0.0, 0.0);
    for r in runs {
        if r.source == RunSource::Manual {
            if !watch_days.contains(&r.date) {
                let day = typed.entry(r.date).or_default();
                day.0 = day.0.max(r.km.unwrap_or(0.0));
                day.1 = day.1.max(r.running_min().unwrap_or(0.0));
            }
            continue;
        }
        count += 1;
        km += r.km.unwrap_or(0.0);
        climb += r.climb_m.unwrap_or(0.0);
        running += r.running_min().unwrap_or(0.0);
    }
    count += typed.len();
    km += typed.values().map(|d| d.0).sum::<f64>();
    running += typed.values().map(|d| d.1).sum::<f64>();
    (count, km, climb, running)
}

// ----- deleting -----

fn delete_run(raw: &str, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    let bad = || ValidationError::new("id", "a run ID as `soleus runs` lists it (a whole number from 1)", raw);
    let id: i64 = raw.trim().parse().map_err(|_| bad())?;
    if id < 1 {
        return Err(bad().into());
    }
    let store = Store::open(db)?;
    let gone = match service::apply(&store, &Change::DeleteRun(id), today)? {
        Applied::DeletedRun(Some(GoneRun::Run(gone))) => gone,
        Applied::DeletedRun(Some(GoneRun::Unreadable)) => {
            return writeln!(
                out,
                "deleted run {id}, which could not be read; no copy is kept (the daily backup still has it)"
            )
            .map_err(stdout_err);
        }
        _ => {
            return Err(ValidationError::new("id", "the ID of a run in the journal (see `soleus runs`)", raw).into());
        }
    };
    let distance = gone
        .km
        .map_or(String::new(), |km| format!(", {}", config.units.show(km)));
    match (gone.source, gone.leg) {
        (RunSource::Manual, Some(leg)) => writeln!(
            out,
            "deleted run {id} ({}{distance}): it was typed in the {leg} calf check-in of that day, \
             whose run distance, time and intervals are now empty",
            gone.date
        ),
        _ => writeln!(
            out,
            "deleted run {id} ({}{distance}, from {}); importing its file again will not bring it back, \
             `soleus runs restore {id}` will",
            gone.date, gone.source
        ),
    }
    .map_err(stdout_err)
}

/// Puts a deleted imported run back under its old ID.
fn restore_run(raw: &str, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    let bad = || ValidationError::new("id", "the ID of a deleted run (a whole number from 1)", raw);
    let id: i64 = raw.trim().parse().map_err(|_| bad())?;
    if id < 1 {
        return Err(bad().into());
    }
    let store = Store::open(db)?;
    let Some(run) = store.deleted_run(id)? else {
        let why = if store.run(id)?.is_some() {
            "the ID of a deleted run (run {id} is in the journal, not deleted)"
        } else {
            "the ID of a deleted imported run (`runs delete` and `runs import` name them)"
        };
        return Err(ValidationError::new("id", &why.replace("{id}", &id.to_string()), raw).into());
    };
    // A run that carries its old ID is a restore (see `Store::add_runs`).
    let Applied::Runs(written) = service::apply(&store, &Change::AddRuns(vec![run.clone()]), today)? else {
        return Ok(());
    };
    if written.added.is_empty() {
        return Err(ValidationError::new(
            "id",
            "a deleted run whose start no run in the journal has (one was imported again since)",
            raw,
        )
        .into());
    }
    let distance = run
        .km
        .map_or(String::new(), |km| format!(", {}", config.units.show(km)));
    writeln!(out, "restored run {id} ({}{distance}, from {})", run.date, run.source).map_err(stdout_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_climb_text() {
        assert_eq!(clock(59), "0:59");
        assert_eq!(clock(31 * 60), "31:00");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(climb_text(Units::Km, 42.4), "42 m");
        assert_eq!(climb_text(Units::Mi, 100.0), "328 ft");
    }
}
