//! The activity lists of two bulk exports:
//!
//! - Strava's `activities.csv` (in the folder of a Strava bulk export): one
//!   row per activity with its id, date (UTC), type, the file of its track
//!   (`activities/123.fit.gz`, `.gpx`, `.tcx.gz`, or none), and its
//!   figures. Two columns are named `Distance`: the first in km as Strava
//!   shows it, the second in metres; the metres win when both are there.
//! - Garmin Connect's `Activities.csv` (the activity list exported from the
//!   web): type, local date and time, distance, moving time and ascent, in
//!   the units of the account (taken as the config's `units`).
//!
//! Each row is read on its own: a row that cannot be read is named by its
//! line and refused while the others import.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use super::{Activity, ActivityError, Sport, local_to_utc};
use crate::units::{KM_PER_MILE, Units};

const FEET_PER_METRE: f64 = 3.280_839_895;

/// Which export an activity list comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvKind {
    Strava,
    Garmin,
}

impl CsvKind {
    /// What its messages call the list: "Strava activities".
    pub fn activities(self) -> &'static str {
        match self {
            CsvKind::Strava => "Strava activities",
            CsvKind::Garmin => "Garmin activities",
        }
    }
}

/// Which export a CSV's header row belongs to, if either.
pub fn csv_kind(bytes: &[u8]) -> Option<CsvKind> {
    let headers = reader(bytes).headers().ok()?.clone();
    let has = |name: &str| headers.iter().any(|h| h.trim() == name);
    if has("Activity ID") && has("Activity Date") && has("Activity Type") {
        Some(CsvKind::Strava)
    } else if has("Activity Type") && has("Date") && has("Distance") {
        Some(CsvKind::Garmin)
    } else {
        None
    }
}

/// One row of an export's activity list.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    pub id: Option<String>,
    pub sport: Sport,
    /// The start, or why it could not be read.
    pub start: Result<DateTime<Utc>, ActivityError>,
    /// Strava: the track file, relative to the export's folder.
    pub filename: Option<String>,
    pub km: Option<f64>,
    pub moving_s: Option<u32>,
    pub climb_m: Option<f64>,
}

impl ExportRow {
    /// The activity the row describes by itself (no track file).
    pub fn to_activity(&self) -> Result<Activity, ActivityError> {
        let start = self.start.clone()?;
        Ok(Activity::new(
            self.sport.clone(),
            start,
            self.km,
            self.moving_s,
            self.climb_m,
        ))
    }
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    csv::ReaderBuilder::new().flexible(true).from_reader(bytes)
}

/// Column positions by header name; `nth` picks among repeated names.
struct Columns(Vec<String>);

impl Columns {
    fn all(&self, name: &str) -> Vec<usize> {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, h)| h.trim() == name)
            .map(|(i, _)| i)
            .collect()
    }

    fn first(&self, name: &str) -> Option<usize> {
        self.all(name).first().copied()
    }
}

fn cell(record: &csv::StringRecord, column: Option<usize>) -> Option<&str> {
    let text = record.get(column?)?.trim();
    (!text.is_empty() && text != "--").then_some(text)
}

/// A number as exports write it: `1,234.5`; negative or non-finite is none.
fn decimal(text: Option<&str>) -> Option<f64> {
    let value: f64 = text?.replace(',', "").parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some(value)
}

/// Seconds as a plain number (`2712`, `2712.0`) or a clock (`45:12`, `0:45:12`, `00:45:12.3`).
fn duration_s(text: Option<&str>) -> Option<u32> {
    let text = text?;
    if !text.contains(':') {
        return decimal(Some(text))
            .filter(|s| *s < f64::from(u32::MAX))
            .map(|s| s.round() as u32);
    }
    let mut seconds = 0.0;
    for part in text.split(':') {
        let value: f64 = part.trim().parse().ok()?;
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        seconds = seconds * 60.0 + value;
    }
    (seconds < f64::from(u32::MAX)).then(|| seconds.round() as u32)
}

/// A date and time as the exports write them.
fn date_time(text: &str) -> Option<NaiveDateTime> {
    // Newer Strava exports put a narrow no-break space before AM/PM.
    let text = text.replace(['\u{202f}', '\u{a0}'], " ");
    [
        "%b %d, %Y, %I:%M:%S %p",
        "%b %d, %Y %I:%M:%S %p",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text.trim(), format).ok())
}

fn records(bytes: &[u8], export: CsvKind) -> Result<(Columns, Vec<(usize, csv::StringRecord)>), ActivityError> {
    let mut reader = reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| ActivityError::CsvHeader {
            export,
            reason: e.to_string(),
        })?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| ActivityError::CsvLine {
            export,
            line,
            reason: e.to_string(),
        })?;
        rows.push((line, record));
    }
    Ok((Columns(headers), rows))
}

/// The rows of a Strava `activities.csv`. Strava writes its dates in UTC.
pub fn parse_strava(bytes: &[u8]) -> Result<Vec<ExportRow>, ActivityError> {
    let (columns, records) = records(bytes, CsvKind::Strava)?;
    let distances = columns.all("Distance");
    let (km_column, m_column) = match distances.as_slice() {
        [km, metres, ..] => (Some(*km), Some(*metres)),
        [km] => (Some(*km), None),
        [] => (None, None),
    };
    let (id, date, kind, file) = (
        columns.first("Activity ID"),
        columns.first("Activity Date"),
        columns.first("Activity Type"),
        columns.first("Filename"),
    );
    let moving = columns.first("Moving Time");
    let elapsed = columns.first("Elapsed Time");
    let climb = columns.first("Elevation Gain");
    Ok(records
        .into_iter()
        .map(|(line, r)| {
            let km = decimal(cell(&r, m_column))
                .map(|m| m / 1000.0)
                .or_else(|| decimal(cell(&r, km_column)));
            ExportRow {
                line,
                id: cell(&r, id).map(str::to_owned),
                sport: cell(&r, kind).map_or(Sport::Unknown, Sport::from_name),
                start: start(cell(&r, date), |t| Some(t.and_utc())),
                filename: cell(&r, file).map(str::to_owned),
                km,
                moving_s: duration_s(cell(&r, moving)).or_else(|| duration_s(cell(&r, elapsed))),
                climb_m: decimal(cell(&r, climb)),
            }
        })
        .collect())
}

/// The rows of a Garmin Connect `Activities.csv`. Its dates are local
/// (`tz`); its distances and ascent are in the account's units.
pub fn parse_garmin<Tz: TimeZone>(bytes: &[u8], units: Units, tz: &Tz) -> Result<Vec<ExportRow>, ActivityError> {
    let (columns, records) = records(bytes, CsvKind::Garmin)?;
    let (kind, date, distance) = (
        columns.first("Activity Type"),
        columns.first("Date"),
        columns.first("Distance"),
    );
    let moving = columns.first("Moving Time");
    let time = columns.first("Time").or_else(|| columns.first("Elapsed Time"));
    let ascent = columns.first("Total Ascent");
    Ok(records
        .into_iter()
        .map(|(line, r)| {
            let (km, climb_m) = match units {
                Units::Km => (decimal(cell(&r, distance)), decimal(cell(&r, ascent))),
                Units::Mi => (
                    decimal(cell(&r, distance)).map(|mi| mi * KM_PER_MILE),
                    decimal(cell(&r, ascent)).map(|ft| ft / FEET_PER_METRE),
                ),
            };
            ExportRow {
                line,
                id: None,
                sport: cell(&r, kind).map_or(Sport::Unknown, Sport::from_name),
                start: start(cell(&r, date), |t| local_to_utc(t, tz)),
                filename: None,
                km,
                moving_s: duration_s(cell(&r, moving)).or_else(|| duration_s(cell(&r, time))),
                climb_m,
            }
        })
        .collect())
}

fn start(
    text: Option<&str>,
    to_utc: impl FnOnce(NaiveDateTime) -> Option<DateTime<Utc>>,
) -> Result<DateTime<Utc>, ActivityError> {
    let text = text.ok_or(ActivityError::NoDate)?;
    date_time(text)
        .and_then(to_utc)
        .ok_or_else(|| ActivityError::BadDate(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRAVA: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Moving Time,Distance,Elevation Gain\n\
        101,\"Nov 3, 2024, 7:12:45 AM\",Morning Run,Run,,1900,5.02,activities/101.fit.gz,1800.0,5020.5,42.0\n\
        102,\"Nov 4, 2024, 6:00:00\u{202f}PM\",Ride,Ride,,3600,20.1,activities/102.gpx,3500,20100,120\n\
        103,yesterday,Run,Run,,100,1.0,,,,\n";

    #[test]
    fn strava_rows_read_metres_seconds_and_utc() {
        assert_eq!(csv_kind(STRAVA.as_bytes()), Some(CsvKind::Strava));
        let rows = parse_strava(STRAVA.as_bytes()).unwrap();
        assert_eq!(rows.len(), 3);
        let run = &rows[0];
        assert_eq!(run.id.as_deref(), Some("101"));
        assert_eq!(run.sport, Sport::Running);
        assert_eq!(run.start.as_ref().unwrap().to_rfc3339(), "2024-11-03T07:12:45+00:00");
        assert_eq!(run.filename.as_deref(), Some("activities/101.fit.gz"));
        assert_eq!(
            (run.km, run.moving_s, run.climb_m),
            (Some(5.0205), Some(1800), Some(42.0))
        );
        assert_eq!(rows[1].sport, Sport::Other("ride".into()));
        assert_eq!(
            rows[1].start.as_ref().unwrap().to_rfc3339(),
            "2024-11-04T18:00:00+00:00"
        );
        assert!(rows[2].start.as_ref().unwrap_err().contains("yesterday"));
        assert_eq!(rows[2].line, 4);
    }

    const GARMIN: &str = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Total Ascent,Total Descent,Moving Time\n\
        Trail Running,2024-11-03 07:12:45,false,Hills,\"10.50\",\"812\",01:05:10,150,\"1,234\",1200,01:02:00\n\
        Cycling,2024-11-04 08:00:00,false,Ride,30.00,900,01:00:00,130,200,200,00:58:00\n\
        Treadmill Running,2024-11-05 18:30:00,false,Treadmill,5.00,400,00:30:00,140,--,--,--\n";

    #[test]
    fn garmin_rows_read_local_times_and_the_accounts_units() {
        assert_eq!(csv_kind(GARMIN.as_bytes()), Some(CsvKind::Garmin));
        let rows = parse_garmin(GARMIN.as_bytes(), Units::Km, &Utc).unwrap();
        assert_eq!(rows[0].sport, Sport::Running);
        assert_eq!(
            (rows[0].km, rows[0].moving_s, rows[0].climb_m),
            (Some(10.5), Some(3720), Some(1234.0))
        );
        assert_eq!(
            rows[2].moving_s,
            Some(1800),
            "treadmill: no moving time, the time instead"
        );
        assert_eq!(rows[2].climb_m, None);
        let offset = chrono::FixedOffset::east_opt(3600).unwrap();
        let rows = parse_garmin(GARMIN.as_bytes(), Units::Mi, &offset).unwrap();
        assert_eq!(
            rows[0].start.as_ref().unwrap().to_rfc3339(),
            "2024-11-03T06:12:45+00:00"
        );
        assert!((rows[0].km.unwrap() - 16.898).abs() < 0.001);
        assert!((rows[0].climb_m.unwrap() - 376.1).abs() < 0.1);
    }

    #[test]
    fn other_csvs_are_neither() {
        assert_eq!(csv_kind(b"date,leg,pain_rest\n2026-01-01,left,1\n"), None);
        assert_eq!(csv_kind(b""), None);
    }

    #[test]
    fn durations() {
        assert_eq!(duration_s(Some("45:12")), Some(2712));
        assert_eq!(duration_s(Some("1:00:00.4")), Some(3600));
        assert_eq!(duration_s(Some("2712.0")), Some(2712));
        assert_eq!(duration_s(Some("x")), None);
        assert_eq!(duration_s(Some("-5")), None);
    }
}
