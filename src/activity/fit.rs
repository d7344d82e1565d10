//! FIT activity files (Garmin, Coros, Suunto, Wahoo, Polar...), read with
//! the `fitparser` crate. Each `session` message is one activity: its
//! sport, start time, total distance, timer (moving) time and ascent.

use std::collections::HashMap;

use chrono::Utc;
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};

use super::{Activity, ActivityError, Sport};

/// The activities (sessions) in a FIT file. A file that does not decode
/// whole (a bad checksum, a cut-off end) is refused whole.
pub fn parse(bytes: &[u8]) -> Result<Vec<Activity>, ActivityError> {
    check_headers(bytes)?;
    let records = fitparser::from_bytes(bytes).map_err(|e| ActivityError::FitDecode(short(&e.to_string())))?;
    let sessions: Vec<Activity> = records
        .iter()
        .filter(|r| r.kind() == MesgNum::Session)
        .map(session)
        .collect::<Result<_, _>>()?;
    if sessions.is_empty() {
        return Err(ActivityError::NoFitSession);
    }
    Ok(sessions)
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

fn session(record: &FitDataRecord) -> Result<Activity, ActivityError> {
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
    Ok(Activity {
        sport,
        start,
        km: number("total_distance").map(|m| m / 1000.0),
        moving_s: moving.filter(|s| *s < f64::from(u32::MAX)).map(|s| s.round() as u32),
        climb_m: number("total_ascent"),
    })
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
