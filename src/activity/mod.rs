//! Reading activities recorded by a watch or a phone: FIT files, GPX files,
//! either gzipped, a Strava bulk export's `activities.csv` and a Garmin
//! Connect `Activities.csv`. Pure: bytes in, activities (or an
//! [`ActivityError`], one line saying why not) out; the shell finds the
//! files and writes the runs.

mod csv_exports;
mod error;
mod fit;
mod gpx;
mod tcx;
pub mod walkrun;

use std::io::Read;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::domain::{Intervals, Run, RunSource};

pub use csv_exports::{CsvKind, ExportRow, csv_kind, parse_garmin, parse_strava};
pub use error::ActivityError;
pub use fit::parse as parse_fit;
pub use gpx::parse as parse_gpx;
pub use tcx::parse as parse_tcx;

/// The largest file (and the largest a gzipped file may expand to) read.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// What kind of sport an activity says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sport {
    /// Running: road, trail, track or treadmill.
    Running,
    /// Anything else, by the name the file gives it ("cycling").
    Other(String),
    /// The file does not say.
    Unknown,
}

impl Sport {
    /// Sorts a sport name from a file or an export: anything with "run" in
    /// it (running, trail_running, Trail Run, Treadmill Running, Virtual Run)
    /// is running; Strava's numeric GPX type 9 is a run too.
    pub fn from_name(name: &str) -> Sport {
        let lower = name.trim().to_ascii_lowercase();
        if lower.is_empty() {
            Sport::Unknown
        } else if lower.contains("run") || lower == "9" {
            Sport::Running
        } else {
            Sport::Other(lower)
        }
    }
}

/// One recorded activity, before it becomes a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub sport: Sport,
    pub start: DateTime<Utc>,
    pub km: Option<f64>,
    pub moving_s: Option<u32>,
    pub climb_m: Option<f64>,
    /// Seconds spent running, when the track or the laps tell running from
    /// walking ([`walkrun`]).
    pub running_s: Option<u32>,
    /// The walk-run intervals the track or the laps show.
    pub intervals: Option<Intervals>,
    /// The file's own local time less UTC, seconds (a FIT file's
    /// `local_timestamp`): dates the run by the local day where it was run.
    pub local_offset_s: Option<i32>,
}

/// Most a local clock may differ from UTC, seconds (UTC+14 and UTC-12,
/// with some room).
const MAX_OFFSET_S: i32 = 15 * 3600;

impl Activity {
    /// An activity with its figures and nothing else known.
    pub fn new(
        sport: Sport,
        start: DateTime<Utc>,
        km: Option<f64>,
        moving_s: Option<u32>,
        climb_m: Option<f64>,
    ) -> Activity {
        Activity {
            sport,
            start,
            km,
            moving_s,
            climb_m,
            running_s: None,
            intervals: None,
            local_offset_s: None,
        }
    }

    /// Sets the running time and the intervals from a split of its track,
    /// the running time held to the moving time.
    pub fn with_split(mut self, split: Option<walkrun::Split>) -> Activity {
        if let Some(split) = split {
            self.running_s = Some(self.moving_s.map_or(split.running_s, |m| split.running_s.min(m)));
            self.intervals = split.intervals;
        }
        self
    }

    /// The run this activity is, dated by the local day it started: in the
    /// file's own local time when it carries one, else in `tz`.
    pub fn into_run<Tz: TimeZone>(self, source: RunSource, source_id: Option<String>, tz: &Tz) -> Run {
        let own = self
            .local_offset_s
            .filter(|o| o.abs() <= MAX_OFFSET_S)
            .and_then(chrono::FixedOffset::east_opt);
        let date = match own {
            Some(offset) => local_date(self.start, &offset),
            None => local_date(self.start, tz),
        };
        Run {
            km: self.km.map(round_metres),
            moving_s: self.moving_s,
            running_s: self.running_s,
            climb_m: self.climb_m.map(|m| m.round()),
            intervals: self.intervals,
            source_id,
            ..Run::imported(source, date, self.start)
        }
    }
}

/// The local calendar day of `t` in `tz`.
pub fn local_date<Tz: TimeZone>(t: DateTime<Utc>, tz: &Tz) -> NaiveDate {
    t.with_timezone(tz).date_naive()
}

/// A local wall-clock time in `tz` as UTC (the earlier one when a clock
/// change makes it ambiguous).
pub fn local_to_utc<Tz: TimeZone>(t: NaiveDateTime, tz: &Tz) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&t).earliest().map(|d| d.with_timezone(&Utc))
}

/// Kilometres to the metre, so a re-export that differs in the last
/// floating-point digit reads the same.
fn round_metres(km: f64) -> f64 {
    (km * 1000.0).round() / 1000.0
}

/// The file's contents, gunzipped when `gzipped`, refusing more than
/// [`MAX_FILE_BYTES`] either way.
pub fn maybe_gunzip(bytes: Vec<u8>, gzipped: bool) -> Result<Vec<u8>, ActivityError> {
    if !gzipped {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| ActivityError::Gzip(e.to_string()))?;
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(ActivityError::ExpandsTooFar);
    }
    Ok(out)
}

/// What a file name says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Fit {
        gzipped: bool,
    },
    Gpx {
        gzipped: bool,
    },
    Tcx {
        gzipped: bool,
    },
    Csv,
    /// A zip archive (a Garmin Connect data export).
    Zip,
}

impl FileKind {
    /// By extension, case-insensitively: `.fit`, `.fit.gz`, `.gpx`,
    /// `.gpx.gz`, `.tcx`, `.tcx.gz`, `.csv`, `.zip`.
    pub fn of(name: &str) -> Option<FileKind> {
        let lower = name.to_ascii_lowercase();
        let (stem, gzipped) = match lower.strip_suffix(".gz") {
            Some(stem) => (stem, true),
            None => (lower.as_str(), false),
        };
        if stem.ends_with(".fit") {
            Some(FileKind::Fit { gzipped })
        } else if stem.ends_with(".gpx") {
            Some(FileKind::Gpx { gzipped })
        } else if stem.ends_with(".tcx") {
            Some(FileKind::Tcx { gzipped })
        } else if stem.ends_with(".csv") && !gzipped {
            Some(FileKind::Csv)
        } else if stem.ends_with(".zip") && !gzipped {
            Some(FileKind::Zip)
        } else {
            None
        }
    }

    /// Whether the file is gzipped.
    pub fn gzipped(self) -> bool {
        matches!(
            self,
            FileKind::Fit { gzipped: true } | FileKind::Gpx { gzipped: true } | FileKind::Tcx { gzipped: true }
        )
    }

    /// The source a run read from this kind of file is recorded as (a
    /// TCX file is Garmin's format: `garmin`, with the file's name).
    pub fn source(self) -> RunSource {
        match self {
            FileKind::Gpx { .. } => RunSource::Gpx,
            FileKind::Tcx { .. } => RunSource::Garmin,
            _ => RunSource::Fit,
        }
    }

    /// Reads the activities in a FIT, GPX or TCX file's (already
    /// gunzipped) bytes.
    pub fn parse(self, bytes: &[u8]) -> Result<Vec<Activity>, ActivityError> {
        match self {
            FileKind::Fit { .. } => parse_fit(bytes),
            FileKind::Gpx { .. } => parse_gpx(bytes),
            FileKind::Tcx { .. } => parse_tcx(bytes),
            FileKind::Csv | FileKind::Zip => Err(ActivityError::CsvHoldsNoTrack),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sports_are_sorted_by_name() {
        for run in [
            "running",
            "Trail Run",
            "Treadmill Running",
            "trail_running",
            "Virtual Run",
            "9",
        ] {
            assert_eq!(Sport::from_name(run), Sport::Running, "{run}");
        }
        assert_eq!(Sport::from_name("Cycling"), Sport::Other("cycling".into()));
        assert_eq!(Sport::from_name(" "), Sport::Unknown);
    }

    #[test]
    fn file_kinds_by_extension() {
        assert_eq!(FileKind::of("a.FIT"), Some(FileKind::Fit { gzipped: false }));
        assert_eq!(FileKind::of("123.fit.gz"), Some(FileKind::Fit { gzipped: true }));
        assert_eq!(FileKind::of("x.gpx.gz"), Some(FileKind::Gpx { gzipped: true }));
        assert_eq!(FileKind::of("Activities.csv"), Some(FileKind::Csv));
        assert_eq!(FileKind::of("x.tcx.gz"), Some(FileKind::Tcx { gzipped: true }));
        assert_eq!(FileKind::of("export.ZIP"), Some(FileKind::Zip));
        assert_eq!(FileKind::of("x.zip.gz"), None);
        assert_eq!(FileKind::of("notes.txt"), None);
    }

    #[test]
    fn a_files_own_local_time_dates_the_run() {
        // 23:30 UTC on 1 June is already 2 June in Sydney (UTC+10).
        let start = DateTime::<Utc>::from_timestamp(1_780_356_600, 0).unwrap();
        let mut a = Activity::new(Sport::Running, start, Some(5.0), Some(1800), None);
        assert_eq!(
            a.clone().into_run(RunSource::Fit, None, &Utc).date.to_string(),
            "2026-06-01"
        );
        a.local_offset_s = Some(10 * 3600);
        assert_eq!(
            a.clone().into_run(RunSource::Fit, None, &Utc).date.to_string(),
            "2026-06-02"
        );
        a.local_offset_s = Some(40 * 3600);
        assert_eq!(
            a.into_run(RunSource::Fit, None, &Utc).date.to_string(),
            "2026-06-01",
            "nonsense ignored"
        );
    }

    #[test]
    fn a_split_never_runs_longer_than_the_moving_time() {
        let start = DateTime::<Utc>::from_timestamp(1_780_356_600, 0).unwrap();
        let a = Activity::new(Sport::Running, start, None, Some(600), None).with_split(Some(walkrun::Split {
            running_s: 700,
            walking_s: 0,
            intervals: None,
        }));
        assert_eq!(a.running_s, Some(600));
    }

    #[test]
    fn gunzip_refuses_garbage() {
        assert!(maybe_gunzip(b"not gzip".to_vec(), true).unwrap_err().contains("gzip"));
        assert_eq!(maybe_gunzip(b"plain".to_vec(), false).unwrap(), b"plain");
    }
}
