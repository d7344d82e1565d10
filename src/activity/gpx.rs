//! GPX tracks, read with the `gpx` crate. A GPX file carries points, not a
//! summary, so the figures are worked out here: distance along the points
//! (great-circle), moving time (time between points while moving), and
//! climb (rises in elevation past a small noise threshold), and running
//! time from the speed along the points ([`super::walkrun`]).
//!
//! Before the reader sees a file, one linear pass over its bytes refuses
//! what would make it slow or large (found by the hostile-file audit: a
//! nesting 100,000 deep took 24 s, 2.7 million points 1 GiB): more than
//! [`MAX_DEPTH`] nested elements, or more than [`MAX_POINTS`] points.

use chrono::{DateTime, Utc};

use super::walkrun::{self, Sample};
use super::{Activity, ActivityError, Sport};

/// Most elements nested in one another (a GPX track point is 4 deep, its
/// extensions a few more).
pub const MAX_DEPTH: usize = 64;
/// Most track and route points in one file: over 27 hours of points one
/// second apart (a run is at most 24 hours). The `gpx` reader takes about
/// 75 microseconds a point, so the largest file reads in a few seconds.
pub const MAX_POINTS: usize = 100_000;

/// Mean Earth radius, metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;
/// Slower than this between two points is standing still, m/s.
const MOVING_SPEED: f64 = walkrun::MOVING_SPEED;
/// A gap longer than this between two points is a pause, seconds.
const MAX_GAP_S: i64 = walkrun::MAX_GAP_S as i64;
/// Elevation changes smaller than this are GPS or barometer noise, metres.
const CLIMB_NOISE_M: f64 = 3.0;

/// The activities (tracks with timed points) in a GPX file.
pub fn parse(bytes: &[u8]) -> Result<Vec<Activity>, ActivityError> {
    check_shape(bytes)?;
    let gpx = gpx::read(bytes).map_err(|e| ActivityError::Gpx(first_line(&e.to_string())))?;
    let mut activities = Vec::new();
    for track in &gpx.tracks {
        let sport = track.type_.as_deref().map_or(Sport::Unknown, Sport::from_name);
        let points: Vec<Point> = track
            .segments
            .iter()
            .enumerate()
            .flat_map(|(segment, s)| s.points.iter().map(move |p| (segment, p)))
            .filter_map(|(segment, p)| {
                let time = p.time.map(|t| {
                    let t: time::OffsetDateTime = t.into();
                    DateTime::<Utc>::from_timestamp(t.unix_timestamp(), 0)
                })?;
                let point = p.point();
                Some(Point {
                    segment,
                    lat: point.y(),
                    lon: point.x(),
                    elevation: p.elevation.filter(|e| e.is_finite()),
                    time: time?,
                })
            })
            .collect();
        let Some(first) = points.first() else {
            continue;
        };
        let activity = Activity::new(
            sport,
            first.time,
            Some(distance_m(&points) / 1000.0),
            Some(moving_s(&points)),
            climb_m(&points),
        );
        activities.push(activity.with_split(walkrun::split(&samples(&points))));
    }
    if activities.is_empty() {
        return Err(ActivityError::NoTimedTrack);
    }
    Ok(activities)
}

struct Point {
    segment: usize,
    lat: f64,
    lon: f64,
    elevation: Option<f64>,
    time: DateTime<Utc>,
}

/// Consecutive points of one segment.
fn steps(points: &[Point]) -> impl Iterator<Item = (&Point, &Point)> {
    points.windows(2).filter_map(|w| match w {
        [a, b] if a.segment == b.segment => Some((a, b)),
        _ => None,
    })
}

fn haversine_m(a: &Point, b: &Point) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    let d = 2.0 * EARTH_RADIUS_M * h.sqrt().clamp(0.0, 1.0).asin();
    if d.is_finite() { d } else { 0.0 }
}

fn distance_m(points: &[Point]) -> f64 {
    steps(points).map(|(a, b)| haversine_m(a, b)).sum()
}

/// Seconds since the first point and metres covered, for the split into
/// running and walking.
fn samples(points: &[Point]) -> Vec<Sample> {
    let Some(first) = points.first() else {
        return Vec::new();
    };
    let mut m = 0.0;
    let mut out = Vec::with_capacity(points.len());
    out.push(Sample { t: 0.0, m });
    for (a, b) in points.windows(2).filter_map(|w| match w {
        [a, b] => Some((a, b)),
        _ => None,
    }) {
        if a.segment == b.segment {
            m += haversine_m(a, b);
        }
        out.push(Sample {
            t: (b.time - first.time).num_milliseconds() as f64 / 1000.0,
            m,
        });
    }
    out
}

/// One pass over the bytes: refuses nesting deeper than [`MAX_DEPTH`] and
/// more than [`MAX_POINTS`] points, before a reader builds anything.
/// Comments, CDATA, processing instructions and declarations are skipped
/// whole; quoted attribute values may hold `>`.
fn check_shape(bytes: &[u8]) -> Result<(), ActivityError> {
    let (mut depth, mut points, mut at) = (0usize, 0usize, 0usize);
    while let Some(open) = bytes[at..].iter().position(|b| *b == b'<') {
        let start = at + open + 1;
        let rest = &bytes[start..];
        let skip_to = |end: &[u8]| find(rest, end).map_or(bytes.len(), |e| start + e + end.len());
        if rest.starts_with(b"!--") {
            at = skip_to(b"-->");
        } else if rest.starts_with(b"![CDATA[") {
            at = skip_to(b"]]>");
        } else if rest.starts_with(b"?") {
            at = skip_to(b"?>");
        } else if rest.starts_with(b"!") || rest.starts_with(b"/") {
            if rest.starts_with(b"/") {
                depth = depth.saturating_sub(1);
            }
            at = skip_to(b">");
        } else {
            let end = tag_end(bytes, start);
            let name_end = rest
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
            if local == b"trkpt" || local == b"rtept" {
                points += 1;
                if points > MAX_POINTS {
                    return Err(ActivityError::GpxTooManyPoints(MAX_POINTS));
                }
            }
            let self_closing = end > start && bytes.get(end - 1) == Some(&b'/');
            if !self_closing {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ActivityError::GpxTooDeep(MAX_DEPTH));
                }
            }
            at = end + 1;
        }
        if at >= bytes.len() {
            break;
        }
    }
    Ok(())
}

/// Where the start tag that begins at `start` ends (its `>`), quotes kept
/// whole; the file's length when it never does.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    let mut quote = None;
    for (i, b) in bytes.iter().enumerate().skip(start) {
        match quote {
            Some(q) if *b == q => quote = None,
            Some(_) => {}
            None if *b == b'"' || *b == b'\'' => quote = Some(*b),
            None if *b == b'>' => return i,
            None => {}
        }
    }
    bytes.len()
}

/// Where `needle` first starts in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn moving_s(points: &[Point]) -> u32 {
    let seconds: i64 = steps(points)
        .filter_map(|(a, b)| {
            let dt = (b.time - a.time).num_seconds();
            (dt > 0 && dt <= MAX_GAP_S && haversine_m(a, b) / dt as f64 >= MOVING_SPEED).then_some(dt)
        })
        .sum();
    u32::try_from(seconds).unwrap_or(u32::MAX)
}

/// Total rise, counting a rise only once it passes the noise threshold
/// above the lowest point since the last counted one.
fn climb_m(points: &[Point]) -> Option<f64> {
    climb_of(points.iter().filter_map(|p| p.elevation))
}

/// [`climb_m`] over elevations in order (TCX altitudes too).
pub(super) fn climb_of(mut elevations: impl Iterator<Item = f64>) -> Option<f64> {
    let mut reference = elevations.next()?;
    let mut climb = 0.0;
    for e in elevations {
        if e > reference + CLIMB_NOISE_M {
            climb += e - reference;
            reference = e;
        } else if e < reference {
            reference = e;
        }
    }
    Some(climb)
}

pub(super) fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_and_too_many_points_are_refused_in_one_pass() {
        let deep = format!("<gpx>{}{}</gpx>", "<a>".repeat(200_000), "</a>".repeat(200_000));
        assert_eq!(
            parse(deep.as_bytes()).unwrap_err(),
            ActivityError::GpxTooDeep(MAX_DEPTH)
        );
        let many = format!(
            "<gpx><trk><trkseg>{}</trkseg></trk></gpx>",
            "<trkpt lat=\"0\" lon=\"0\"/>".repeat(MAX_POINTS + 1)
        );
        assert_eq!(
            parse(many.as_bytes()).unwrap_err(),
            ActivityError::GpxTooManyPoints(MAX_POINTS)
        );
        // Self-closing tags, closing tags, comments and quoted `>` keep the depth.
        let flat = format!(
            "<?xml version=\"1.0\"?><!-- <a><a> --><gpx>{}<x a=\"<b>\"/></gpx>",
            "<a/><b></b><![CDATA[<c><c>]]>".repeat(1000)
        );
        assert!(check_shape(flat.as_bytes()).is_ok());
    }

    fn point(segment: usize, lat: f64, seconds: i64, elevation: f64) -> Point {
        Point {
            segment,
            lat,
            lon: 0.0,
            elevation: Some(elevation),
            time: DateTime::<Utc>::from_timestamp(1_750_000_000 + seconds, 0).unwrap(),
        }
    }

    #[test]
    fn distance_time_and_climb_from_points() {
        // 0.001 degree of latitude is about 111 m; 30 s per step.
        let points: Vec<Point> = (0..10)
            .map(|i| point(0, f64::from(i) * 0.001, i64::from(i) * 30, 100.0 + f64::from(i) * 2.0))
            .collect();
        assert!((distance_m(&points) - 1000.8).abs() < 1.0, "{}", distance_m(&points));
        assert_eq!(moving_s(&points), 270);
        // 18 m of steady rise, counted in steps past the 3 m threshold.
        assert_eq!(climb_m(&points), Some(16.0));
    }

    #[test]
    fn pauses_and_noise_are_not_counted() {
        let points = [
            point(0, 0.0, 0, 100.0),
            point(0, 0.0, 60, 101.0),    // standing still, 1 m of noise
            point(0, 0.001, 90, 99.0),   // moving
            point(1, 0.002, 2000, 99.0), // a new segment after a long pause
        ];
        assert_eq!(moving_s(&points), 30);
        assert_eq!(climb_m(&points), Some(0.0));
        assert!((distance_m(&points) - 111.2).abs() < 0.5);
    }
}
