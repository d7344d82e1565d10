//! `soleus runs`: list the journal's runs, import them from a watch's files
//! or an export (`runs import PATH...`), delete one (`runs delete ID`).
//!
//! Import reads every file first, then writes every run it found in one
//! transaction: a file that cannot be read whole is named with its reason
//! and contributes nothing, and a crash writes nothing at all.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use chrono::{Days, Local, NaiveDate, TimeZone};
use clap::{Args, Subcommand};

use super::{CliError, CliResult, stdout_err};
use crate::activity::{self, Activity, CsvKind, ExportRow, FileKind, Sport};
use crate::config::Config;
use crate::domain::{Run, RunSource, ValidationError};
use crate::service::{self, Applied, Change};
use crate::store::Store;
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
    /// Import runs from .fit/.gpx files (or .fit.gz/.gpx.gz), folders, a Strava
    /// bulk export folder or a Garmin Connect Activities.csv
    Import(ImportRunsArgs),
    /// Delete one run, by the ID `soleus runs` shows
    Delete(DeleteRunArgs),
}

#[derive(Debug, Args)]
pub struct ImportRunsArgs {
    /// Files or folders; a folder is searched (sub-folders too) for .fit,
    /// .gpx and Garmin CSV files, and a folder holding a Strava
    /// activities.csv is read as a Strava bulk export
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DeleteRunArgs {
    /// The run's ID, as `soleus runs` lists it
    id: String,
}

const MAX_LIST_DAYS: u32 = 36_500;
/// How deep a folder is searched.
const MAX_DEPTH: usize = 16;

pub fn run(args: RunsArgs, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    match args.action {
        Some(RunsAction::Import(import)) => import_runs(&import.paths, db, today, config, &Local, out),
        Some(RunsAction::Delete(delete)) => delete_run(&delete.id, db, today, config, out),
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
    let runs = store.runs_between(from, last)?;
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
        "climb_m": r.climb_m,
        "source": r.source,
        "source_id": r.source_id,
        "intervals": r.intervals.map(|i| i.to_string()),
        "leg": r.leg,
    })
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
    let mut rows = vec![[
        "ID".to_owned(),
        "date".to_owned(),
        "start".to_owned(),
        "distance".to_owned(),
        "time".to_owned(),
        "climb".to_owned(),
        "walk-run".to_owned(),
        "from".to_owned(),
    ]];
    let (mut km, mut climb) = (0.0, 0.0);
    for r in runs {
        km += r.km.unwrap_or(0.0);
        climb += r.climb_m.unwrap_or(0.0);
        let from = match (r.source, r.leg, &r.source_id) {
            (RunSource::Manual, Some(leg), _) => format!("typed ({leg} check-in)"),
            (source, _, Some(id)) => format!("{source} {}", crate::sanitize::strip_controls(id)),
            (source, _, None) => source.to_string(),
        };
        rows.push([
            r.id.map_or(String::new(), |id| id.to_string()),
            r.date.to_string(),
            r.start
                .map_or("-".to_owned(), |s| s.with_timezone(tz).format("%H:%M").to_string()),
            r.km.map_or("-".to_owned(), |k| units.show(k)),
            r.moving_s.map_or("-".to_owned(), clock),
            r.climb_m.map_or("-".to_owned(), |m| climb_text(units, m)),
            r.intervals
                .map_or("-".to_owned(), |i| format!("{i} ({:.0} min running)", i.running_min())),
            from,
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut text = String::new();
    for row in &rows {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| match c {
                0 | 3 | 4 | 5 => format!("{cell:>w$}", w = widths[c]),
                _ => format!("{cell:<w$}", w = widths[c]),
            })
            .collect();
        text.push_str(line.join("  ").trim_end());
        text.push('\n');
    }
    let count = runs.len();
    text.push_str(&format!(
        "{count} run{}, {} in all, {} of climb (a run typed in both calves' check-ins is listed for each and counted once in the load)\n",
        if count == 1 { "" } else { "s" },
        units.show(km),
        climb_text(units, climb)
    ));
    text
}

// ----- deleting -----

fn delete_run(raw: &str, db: &Path, today: NaiveDate, config: &Config, out: &mut dyn Write) -> CliResult {
    let bad = || ValidationError::new("id", "a run ID as `soleus runs` lists it (a whole number from 1)", raw);
    let id: i64 = raw.trim().parse().map_err(|_| bad())?;
    if id < 1 {
        return Err(bad().into());
    }
    let store = Store::open(db)?;
    let Applied::DeletedRun(Some(gone)) = service::apply(&store, &Change::DeleteRun(id), today)? else {
        return Err(ValidationError::new("id", "the ID of a run in the journal (see `soleus runs`)", raw).into());
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
            "deleted run {id} ({}{distance}, from {}); importing the same file again would bring it back",
            gone.date, gone.source
        ),
    }
    .map_err(stdout_err)
}

// ----- importing -----

/// One thing to read: a track file, a Garmin activity list or a Strava
/// export (its activities.csv).
#[derive(Debug)]
enum Unit {
    Track(PathBuf, FileKind),
    Garmin(PathBuf),
    Strava(PathBuf),
}

/// What reading everything found.
#[derive(Debug, Default)]
struct Found {
    runs: Vec<Run>,
    refused: Vec<(String, String)>,
    not_runs: BTreeMap<String, usize>,
    ignored: usize,
    read: usize,
}

impl Found {
    fn refuse(&mut self, what: String, reason: impl Into<String>) {
        self.refused.push((what, reason.into()));
    }

    fn not_run(&mut self, sport: &Sport) {
        let name = match sport {
            Sport::Other(name) => name.replace('_', " "),
            Sport::Unknown => "no sport named".to_owned(),
            Sport::Running => "running".to_owned(),
        };
        *self.not_runs.entry(name).or_default() += 1;
    }

    /// Keeps the runs among `activities` if they are valid; a file with
    /// one invalid run is refused whole.
    fn take<Tz: TimeZone>(
        &mut self,
        label: String,
        activities: Vec<Activity>,
        source: RunSource,
        source_id: Option<String>,
        today: NaiveDate,
        tz: &Tz,
    ) {
        let mut runs = Vec::new();
        for activity in activities {
            if activity.sport != Sport::Running {
                self.not_run(&activity.sport);
                continue;
            }
            let run = activity.into_run(source, source_id.clone(), tz);
            if let Err(err) = run.validate(today) {
                return self.refuse(label, err.to_string());
            }
            runs.push(run);
        }
        self.runs.extend(runs);
    }
}

fn import_runs<Tz: TimeZone>(
    paths: &[PathBuf],
    db: &Path,
    today: NaiveDate,
    config: &Config,
    tz: &Tz,
    out: &mut dyn Write,
) -> CliResult {
    // Every path is checked before anything is read or the journal opened.
    let mut units = Vec::new();
    let mut found = Found::default();
    for path in paths {
        let meta = fs::metadata(path)
            .map_err(|_| ValidationError::new("PATH", "an existing file or folder", &path.display().to_string()))?;
        if meta.is_dir() {
            collect(path, 0, &mut units, &mut found);
        } else {
            match unit_of_file(path) {
                Some(unit) => units.push(unit),
                None => {
                    return Err(ValidationError::new(
                        "PATH",
                        "a .fit, .fit.gz, .gpx, .gpx.gz or .csv file, or a folder",
                        &path.display().to_string(),
                    )
                    .into());
                }
            }
        }
    }
    for unit in &units {
        read_unit(unit, today, config.units, tz, &mut found);
    }
    let store = Store::open(db)?;
    let Applied::Runs(written) = service::apply(&store, &Change::AddRuns(found.runs.clone()), today)? else {
        return Ok(());
    };
    let mut lines = Vec::new();
    lines.push(format!(
        "runs import: {} added, {} duplicate{} (already in the journal), {} refused",
        written.added.len(),
        written.duplicates,
        if written.duplicates == 1 { "" } else { "s" },
        found.refused.len()
    ));
    if !found.not_runs.is_empty() {
        let total: usize = found.not_runs.values().sum();
        let kinds: Vec<String> = found.not_runs.iter().map(|(k, n)| format!("{k} {n}")).collect();
        lines.push(format!(
            "skipped {total} other activities (not running): {}",
            kinds.join(", ")
        ));
    }
    if found.ignored > 0 {
        lines.push(format!(
            "ignored {} other file{} in the folders (not .fit, .gpx or an activities CSV)",
            found.ignored,
            if found.ignored == 1 { "" } else { "s" }
        ));
    }
    if found.read == 0 && found.refused.is_empty() {
        lines.push("no activity files were found at the paths given".to_owned());
    }
    writeln!(out, "{}", lines.join("\n")).map_err(stdout_err)?;
    if found.refused.is_empty() {
        return Ok(());
    }
    let mut stderr = std::io::stderr().lock();
    for (what, reason) in &found.refused {
        let _ = writeln!(
            stderr,
            "soleus: refused {}: {}",
            crate::sanitize::strip_controls(what),
            crate::sanitize::strip_controls(reason)
        );
    }
    Err(CliError::Unmet(format!(
        "{} refused (named above); nothing was written for {}, and the rest was imported",
        plural(found.refused.len(), "file or row", "files or rows"),
        if found.refused.len() == 1 { "it" } else { "them" }
    )))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A file named on the command line or met in a folder.
fn unit_of_file(path: &Path) -> Option<Unit> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    match FileKind::of(&name)? {
        FileKind::Csv => Some(csv_unit(path)),
        kind => Some(Unit::Track(path.to_owned(), kind)),
    }
}

/// A CSV is read as a Strava or Garmin activity list by its header; one
/// that is neither is refused when read.
fn csv_unit(path: &Path) -> Unit {
    let head = read_head(path);
    match head.as_deref().and_then(activity::csv_kind) {
        Some(CsvKind::Strava) => Unit::Strava(path.to_owned()),
        _ => Unit::Garmin(path.to_owned()),
    }
}

/// The first 64 KiB of a file, for its header row.
fn read_head(path: &Path) -> Option<Vec<u8>> {
    let mut head = Vec::new();
    fs::File::open(path).ok()?.take(64 << 10).read_to_end(&mut head).ok()?;
    // Only whole lines: a header cut in the middle would read as another.
    let end = head.iter().rposition(|b| *b == b'\n').map_or(head.len(), |i| i + 1);
    head.truncate(end);
    Some(head)
}

/// Walks a folder, sorted by name. A folder with a Strava `activities.csv`
/// is a Strava export: its CSV says which files are runs, so the files
/// themselves are not read on their own. Symbolic links to folders are not
/// followed (a loop would never end).
fn collect(dir: &Path, depth: usize, units: &mut Vec<Unit>, found: &mut Found) {
    let Ok(entries) = fs::read_dir(dir) else {
        found.refuse(dir.display().to_string(), "the folder cannot be read");
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let strava = paths.iter().find(|p| {
        p.file_name().is_some_and(|n| n.eq_ignore_ascii_case("activities.csv"))
            && read_head(p).as_deref().and_then(activity::csv_kind) == Some(CsvKind::Strava)
    });
    if let Some(csv) = strava {
        units.push(Unit::Strava(csv.clone()));
        return;
    }
    for path in paths {
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                collect(&path, depth + 1, units, found);
            }
            continue;
        }
        let is_file = meta.is_file() || (meta.file_type().is_symlink() && path.is_file());
        match unit_of_file(&path).filter(|_| is_file) {
            Some(Unit::Garmin(p)) => {
                // Other CSVs in a folder (a spreadsheet of anything) are not
                // activity lists: leave them be.
                if read_head(&p).as_deref().and_then(activity::csv_kind) == Some(CsvKind::Garmin) {
                    units.push(Unit::Garmin(p));
                } else {
                    found.ignored += 1;
                }
            }
            Some(unit) => units.push(unit),
            None => found.ignored += 1,
        }
    }
}

/// Reads a whole regular file of at most [`activity::MAX_FILE_BYTES`].
fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot be opened ({e})"))?;
    let meta = file.metadata().map_err(|e| format!("cannot be read ({e})"))?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    if meta.len() > activity::MAX_FILE_BYTES {
        return Err(format!("larger than {} MiB", activity::MAX_FILE_BYTES >> 20));
    }
    let mut bytes = Vec::new();
    file.take(activity::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read ({e})"))?;
    if bytes.len() as u64 > activity::MAX_FILE_BYTES {
        return Err(format!("larger than {} MiB", activity::MAX_FILE_BYTES >> 20));
    }
    Ok(bytes)
}

/// A track file's activities.
fn read_track(path: &Path, kind: FileKind) -> Result<Vec<Activity>, String> {
    let gzipped = matches!(kind, FileKind::Fit { gzipped: true } | FileKind::Gpx { gzipped: true });
    let bytes = activity::maybe_gunzip(read_file(path)?, gzipped).map_err(|e| e.to_string())?;
    kind.parse(&bytes).map_err(|e| e.to_string())
}

fn read_unit<Tz: TimeZone>(unit: &Unit, today: NaiveDate, units: Units, tz: &Tz, found: &mut Found) {
    match unit {
        Unit::Track(path, kind) => {
            found.read += 1;
            let label = path.display().to_string();
            let source = match kind {
                FileKind::Gpx { .. } => RunSource::Gpx,
                _ => RunSource::Fit,
            };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            match read_track(path, *kind) {
                Ok(activities) => found.take(label, activities, source, name, today, tz),
                Err(reason) => found.refuse(label, reason),
            }
        }
        Unit::Garmin(path) => {
            found.read += 1;
            let label = path.display().to_string();
            let rows = read_file(path).and_then(|bytes| {
                if activity::csv_kind(&bytes) != Some(CsvKind::Garmin) {
                    return Err("not a Strava activities.csv or a Garmin Connect Activities.csv \
                                (its header row names neither export's columns)"
                        .to_owned());
                }
                activity::parse_garmin(&bytes, units, tz).map_err(|e| e.to_string())
            });
            match rows {
                Ok(rows) => {
                    for row in rows {
                        let what = format!("{label} line {}", row.line);
                        match row.to_activity().map_err(|e| e.to_string()) {
                            Ok(a) => found.take(what, vec![a], RunSource::Garmin, None, today, tz),
                            Err(reason) if row.sport == Sport::Running => found.refuse(what, reason),
                            Err(_) => found.not_run(&row.sport),
                        }
                    }
                }
                Err(reason) => found.refuse(label, reason),
            }
        }
        Unit::Strava(csv) => {
            found.read += 1;
            let label = csv.display().to_string();
            match read_file(csv).and_then(|b| activity::parse_strava(&b).map_err(|e| e.to_string())) {
                Ok(rows) => {
                    let folder = csv.parent().unwrap_or(Path::new("."));
                    for row in rows {
                        strava_row(folder, &label, row, today, tz, found);
                    }
                }
                Err(reason) => found.refuse(label, reason),
            }
        }
    }
}

/// One row of a Strava export: its track file when it has a FIT or GPX one,
/// else the figures of the row itself (a TCX file, or an activity typed
/// into Strava).
fn strava_row<Tz: TimeZone>(folder: &Path, csv: &str, row: ExportRow, today: NaiveDate, tz: &Tz, found: &mut Found) {
    if row.sport != Sport::Running {
        return found.not_run(&row.sport);
    }
    let what = format!("{csv} line {}", row.line);
    let track = row.filename.as_deref().and_then(|name| {
        let kind = FileKind::of(name).filter(|k| *k != FileKind::Csv)?;
        Some((name, kind))
    });
    let activity = match track {
        Some((name, kind)) => {
            let relative = Path::new(name);
            // The export names files inside itself; anything else is refused.
            if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
                return found.refuse(what, format!("names a file outside the export: {name}"));
            }
            let path = folder.join(relative);
            match read_track(&path, kind) {
                Ok(activities) => match activities.into_iter().next() {
                    Some(a) => Ok(Activity {
                        sport: Sport::Running,
                        km: a.km.or(row.km),
                        moving_s: a.moving_s.or(row.moving_s),
                        climb_m: a.climb_m.or(row.climb_m),
                        ..a
                    }),
                    None => Err(format!("{name}: holds no activity")),
                },
                // A file the CSV names but the export lacks: the row's own
                // figures still describe the run.
                Err(_) if !path.exists() => row.to_activity().map_err(|e| e.to_string()),
                Err(reason) => Err(format!("{name}: {reason}")),
            }
        }
        None => row.to_activity().map_err(|e| e.to_string()),
    };
    match activity {
        Ok(a) => found.take(what, vec![a], RunSource::Strava, row.id.clone(), today, tz),
        Err(reason) => found.refuse(what, reason),
    }
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
