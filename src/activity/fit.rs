//! FIT activity files (Garmin, Coros, Suunto, Wahoo, Polar...), read with
//! the `fitparser` crate. Each `session` message is one activity: its
//! sport, start time, total distance, timer (moving) time and ascent. The
//! running time comes from the laps when the watch marked their intensity
//! (active laps run, rest, recovery, warm-up and cool-down laps walk), else
//! from the speed along the records ([`super::walkrun`]). The `activity`
//! message's local timestamp, when there is one, gives the local day.

use std::collections::HashMap;

use chrono::{DateTime, Local, TimeZone, Utc};
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};

use super::walkrun::{self, Sample};
use super::{Activity, ActivityError, Sport};

/// The FIT epoch, 1989-12-31T00:00:00Z, as a Unix time.
const FIT_EPOCH_UNIX: i64 = 631_065_600;

/// The activities (sessions) in a FIT file. A file that does not decode
/// whole (a bad checksum, a cut-off end) is refused whole.
pub fn parse(bytes: &[u8]) -> Result<Vec<Activity>, ActivityError> {
    check_headers(bytes)?;
    let records = fitparser::from_bytes(bytes).map_err(|e| ActivityError::FitDecode(short(&e.to_string())))?;
    let offset = local_offset(&records);
    let sessions: Vec<Activity> = records
        .iter()
        .filter(|r| r.kind() == MesgNum::Session)
        .map(|r| {
            let (activity, end) = session(r)?;
            let split =
                laps_split(&records, activity.start, end).or_else(|| track_split(&records, activity.start, end));
            Ok(Activity {
                local_offset_s: offset,
                ..activity.with_split(split)
            })
        })
        .collect::<Result<_, _>>()?;
    if sessions.is_empty() {
        return Err(ActivityError::NoFitSession);
    }
    Ok(sessions)
}

/// A timestamp field as seconds since the Unix epoch. `fitparser` reads a
/// local one as counted from the FIT epoch in the process's time zone;
/// that is undone so a local timestamp reads as its own wall clock.
fn unix_seconds(value: &Value) -> Option<i64> {
    match value {
        Value::Timestamp(t) => Some(t.timestamp()),
        _ => None,
    }
}

/// The file's local time less UTC, from its `activity` message.
fn local_offset(records: &[FitDataRecord]) -> Option<i32> {
    let activity = records.iter().find(|r| r.kind() == MesgNum::Activity)?;
    let field = |name: &str| activity.fields().iter().find(|f| f.name() == name).map(|f| f.value());
    let utc = unix_seconds(field("timestamp")?)?;
    let local = unix_seconds(field("local_timestamp")?)?;
    let reference = chrono::NaiveDate::from_ymd_opt(1989, 12, 31)?.and_hms_opt(0, 0, 0)?;
    let local_epoch = Local.from_local_datetime(&reference).earliest()?.timestamp();
    let offset = (local - local_epoch) - (utc - FIT_EPOCH_UNIX);
    i32::try_from(offset).ok()
}

/// Running and walking from laps whose intensity the watch recorded;
/// `None` when no lap of the session says it was a walk or a rest.
fn laps_split(records: &[FitDataRecord], start: DateTime<Utc>, end: DateTime<Utc>) -> Option<walkrun::Split> {
    let mut laps: Vec<(bool, f64)> = Vec::new();
    for lap in records.iter().filter(|r| r.kind() == MesgNum::Lap) {
        let (mut at, mut seconds, mut intensity) = (None, None, None);
        for f in lap.fields() {
            match f.name() {
                "start_time" => at = unix_seconds(f.value()),
                "total_timer_time" => seconds = number(f.value()),
                "intensity" => intensity = Some(f.value().to_string()),
                _ => {}
            }
        }
        if at.is_some_and(|t| t < start.timestamp() || t > end.timestamp()) {
            continue;
        }
        let running = !matches!(intensity.as_deref(), Some("rest" | "recovery" | "warmup" | "cooldown"));
        laps.push((running, seconds?));
    }
    laps.iter()
        .any(|(running, _)| !running)
        .then(|| walkrun::from_laps(&laps))
}

/// Running and walking from the speed along the session's records.
fn track_split(records: &[FitDataRecord], start: DateTime<Utc>, end: DateTime<Utc>) -> Option<walkrun::Split> {
    let (from, to) = (start.timestamp(), end.timestamp());
    let mut samples: Vec<Sample> = Vec::new();
    let mut integrated = 0.0;
    for record in records.iter().filter(|r| r.kind() == MesgNum::Record) {
        let (mut t, mut distance, mut speed) = (None, None, None);
        for f in record.fields() {
            match f.name() {
                "timestamp" => t = unix_seconds(f.value()),
                "distance" => distance = number(f.value()),
                "enhanced_speed" => speed = number(f.value()),
                "speed" if speed.is_none() => speed = number(f.value()),
                _ => {}
            }
        }
        let Some(t) = t.filter(|t| (from..=to).contains(t)) else {
            continue;
        };
        let t = (t - from) as f64;
        let m = match (distance, speed, samples.last()) {
            (Some(d), _, _) => d,
            (None, Some(v), Some(last)) => {
                integrated += v * (t - last.t).min(walkrun::MAX_GAP_S);
                integrated
            }
            (None, Some(_), None) => 0.0,
            (None, None, _) => continue,
        };
        samples.push(Sample { t, m });
    }
    walkrun::split(&samples)
}

/// Walks the chain of FIT headers (a file may hold several FIT files one
/// after the other) before the decoder sees them: `fitparser` 0.11 slices
/// by the sizes a header declares without checking them, and panics on a
/// header that claims more bytes than the file has (found by the property
/// tests in tests/it/fuzz_activity.rs).
fn check_headers(bytes: &[u8]) -> Result<(), ActivityError> {
    let mut at = 0;
    while at < bytes.len() {
        let header = &bytes[at..];
        if header.len() < 12 || &header[8..12] != b".FIT" {
            return Err(if at == 0 {
                ActivityError::NotFit
            } else {
                ActivityError::FitStrayBytes(header.len())
            });
        }
        let header_size = usize::from(header[0]);
        if header_size != 12 && header_size != 14 {
            return Err(ActivityError::FitHeaderSize(header_size));
        }
        let data_size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let end = header_size.saturating_add(data_size).saturating_add(2);
        if header.len() < end {
            return Err(ActivityError::FitCutShort {
                bytes: header.len(),
                announced: end,
            });
        }
        at += end;
    }
    Ok(())
}

/// A session's activity, and when it ended (its start and elapsed time).
fn session(record: &FitDataRecord) -> Result<(Activity, DateTime<Utc>), ActivityError> {
    let fields: HashMap<&str, &Value> = record.fields().iter().map(|f| (f.name(), f.value())).collect();
    let start = match fields.get("start_time").or_else(|| fields.get("timestamp")) {
        Some(Value::Timestamp(t)) => t.with_timezone(&Utc),
        _ => return Err(ActivityError::NoStartTime),
    };
    let sport = match fields.get("sport") {
        Some(Value::String(name)) => Sport::from_name(name),
        Some(other) => Sport::Other(format!("sport {other}")),
        None => Sport::Unknown,
    };
    let number = |name: &str| fields.get(name).and_then(|v| number(v));
    let moving = number("total_timer_time").or_else(|| number("total_elapsed_time"));
    let elapsed = number("total_elapsed_time")
        .or(moving)
        .unwrap_or(0.0)
        .min(f64::from(u32::MAX));
    let end = start
        .checked_add_signed(chrono::TimeDelta::seconds(elapsed.round() as i64 + 1))
        .unwrap_or(start);
    let activity = Activity::new(
        sport,
        start,
        number("total_distance").map(|m| m / 1000.0),
        moving.filter(|s| *s < f64::from(u32::MAX)).map(|s| s.round() as u32),
        number("total_ascent"),
    );
    Ok((activity, end))
}

/// A numeric field, or `None` for the FIT "invalid" marker.
fn number(value: &Value) -> Option<f64> {
    let n = match value {
        Value::Byte(v) | Value::Enum(v) | Value::UInt8(v) | Value::UInt8z(v) => f64::from(*v),
        Value::SInt8(v) => f64::from(*v),
        Value::SInt16(v) => f64::from(*v),
        Value::UInt16(v) | Value::UInt16z(v) => f64::from(*v),
        Value::SInt32(v) => f64::from(*v),
        Value::UInt32(v) | Value::UInt32z(v) => f64::from(*v),
        Value::SInt64(v) => *v as f64,
        Value::UInt64(v) | Value::UInt64z(v) => *v as f64,
        Value::Float32(v) => f64::from(*v),
        Value::Float64(v) => *v,
        _ => return None,
    };
    (n.is_finite() && n >= 0.0).then_some(n)
}

/// The decoder's message, cut to one short line.
fn short(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    match line.char_indices().nth(120) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line.to_owned(),
    }
}
