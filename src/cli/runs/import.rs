//! `soleus runs import PATH...`: reads every file first, then writes every
//! run it found in one transaction: a file that cannot be read whole is
//! named with its reason and contributes nothing, and a crash writes
//! nothing at all.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, TimeZone};

use super::super::{CliError, CliResult, stdout_err};
use crate::activity::{self, Activity, CsvKind, ExportRow, FileKind, Sport};
use crate::config::Config;
use crate::domain::{Run, RunSource, ValidationError};
use crate::service::{self, Applied, Change};
use crate::store::Store;
use crate::units::Units;

/// How deep a folder is searched.
const MAX_DEPTH: usize = 16;
/// What the skip line calls an activity whose file names no sport.
const NO_SPORT: &str = "no sport named";

/// One thing to read: a track file, a Garmin activity list, a Strava
/// export (its activities.csv) or a Garmin Connect data-export zip.
#[derive(Debug)]
enum Unit {
    Track(PathBuf, FileKind),
    Garmin(PathBuf),
    Strava(PathBuf),
    Zip(PathBuf),
}

/// What reading everything found.
#[derive(Debug, Default)]
struct Found {
    runs: Vec<Run>,
    refused: Vec<(String, String)>,
    not_runs: BTreeMap<String, usize>,
    ignored: usize,
    read: usize,
    /// `--sport run`: an activity whose file names no sport is a run.
    unnamed_are_runs: bool,
}

impl Found {
    fn refuse(&mut self, what: String, reason: impl Into<String>) {
        self.refused.push((what, reason.into()));
    }

    fn not_run(&mut self, sport: &Sport) {
        let name = match sport {
            Sport::Other(name) => name.replace('_', " "),
            Sport::Unknown => NO_SPORT.to_owned(),
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
            let unnamed_run = self.unnamed_are_runs && activity.sport == Sport::Unknown;
            if activity.sport != Sport::Running && !unnamed_run {
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

pub(super) fn import_runs<Tz: TimeZone>(
    paths: &[PathBuf],
    unnamed_are_runs: bool,
    db: &Path,
    today: NaiveDate,
    config: &Config,
    tz: &Tz,
    out: &mut dyn Write,
) -> CliResult {
    // Every path is checked before anything is read or the journal opened.
    let mut units = Vec::new();
    let mut found = Found {
        unnamed_are_runs,
        ..Found::default()
    };
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
                        "a .fit, .gpx or .tcx file (or one gzipped, .fit.gz), a .csv or .zip export, or a folder",
                        &path.display().to_string(),
                    )
                    .into());
                }
            }
        }
    }
    let mut tracks = read_tracks(&units);
    for (unit, track) in units.iter().zip(tracks.iter_mut()) {
        read_unit(unit, track.take(), today, config.units, tz, &mut found);
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
    if !written.deleted_earlier.is_empty() {
        let ids: Vec<String> = written.deleted_earlier.iter().map(i64::to_string).collect();
        lines.push(format!(
            "{} deleted earlier, not added again (`soleus runs restore ID` puts one back: {})",
            written.deleted_earlier.len(),
            ids.join(", ")
        ));
    }
    if !found.not_runs.is_empty() {
        let total: usize = found.not_runs.values().sum();
        let kinds: Vec<String> = found.not_runs.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let hint = if found.not_runs.contains_key(NO_SPORT) {
            " (`soleus runs import --sport run PATH...` takes those with no sport named as runs)"
        } else {
            ""
        };
        lines.push(format!(
            "skipped {total} other activities (not running): {}{hint}",
            kinds.join(", ")
        ));
    }
    lines.extend(super::pain::asks(&store, &written.added, config)?);
    if found.ignored > 0 {
        lines.push(format!(
            "ignored {} other file{} in the folders (not .fit, .gpx, .tcx, .zip or an activities CSV)",
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
        FileKind::Zip => Some(Unit::Zip(path.to_owned())),
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
    let bytes = activity::maybe_gunzip(read_file(path)?, kind.gzipped()).map_err(|e| e.to_string())?;
    kind.parse(&bytes).map_err(|e| e.to_string())
}

/// A track file's activities as [`read_track`] gives them, or `None` when
/// it was not read ahead.
type Track = Option<Decoded>;

/// A track file's activities, or why it cannot be read.
type Decoded = Result<Vec<Activity>, String>;

/// Reads the track files of `units` ahead on every core (one `Track` per
/// unit, `None` for the other kinds): decoding them is what an import of
/// many files spends its time in (1,000 FIT files: 6.9 s on one core), and
/// each file decodes on its own. The journal is written after, from the
/// main thread, in one transaction; a worker that panics leaves its files
/// to be read again there.
fn read_tracks(units: &[Unit]) -> Vec<Track> {
    let jobs: Vec<(usize, &Path, FileKind)> = units
        .iter()
        .enumerate()
        .filter_map(|(i, unit)| match unit {
            Unit::Track(path, kind) => Some((i, path.as_path(), *kind)),
            _ => None,
        })
        .collect();
    let mut tracks: Vec<Track> = units.iter().map(|_| None).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8)
        .min(jobs.len());
    if workers < 2 {
        return tracks;
    }
    let next = AtomicUsize::new(0);
    let read: Vec<Vec<(usize, Decoded)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    while let Some((i, path, kind)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        mine.push((*i, read_track(path, *kind)));
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    for (i, track) in read.into_iter().flatten() {
        if let Some(slot) = tracks.get_mut(i) {
            *slot = Some(track);
        }
    }
    tracks
}

fn read_unit<Tz: TimeZone>(unit: &Unit, track: Track, today: NaiveDate, units: Units, tz: &Tz, found: &mut Found) {
    match unit {
        Unit::Track(path, kind) => {
            found.read += 1;
            let label = path.display().to_string();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            match track.unwrap_or_else(|| read_track(path, *kind)) {
                Ok(activities) => found.take(label, activities, kind.source(), name, today, tz),
                Err(reason) => found.refuse(label, reason),
            }
        }
        Unit::Zip(path) => {
            found.read += 1;
            let label = path.display().to_string();
            let regular = fs::metadata(path).is_ok_and(|m| m.is_file());
            let entries = if regular {
                super::zip::read(path, &mut found.ignored).map_err(|e| e.to_string())
            } else {
                Err("not a regular file".to_owned())
            };
            match entries {
                Ok(entries) => {
                    for e in entries {
                        let what = format!("{label}: {}", e.label);
                        match e.activities {
                            Ok(a) => found.take(what, a, e.kind.source(), Some(e.name), today, tz),
                            Err(reason) => found.refuse(what, reason),
                        }
                    }
                }
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
