//! GPX tracks, read with the `gpx` crate. A GPX file carries points, not a
//! summary, so the figures are worked out here: distance along the points
//! (great-circle), moving time (time between points while moving), and
//! climb (rises in elevation past a small noise threshold).

use chrono::{DateTime, Utc};

use super::{Activity, ActivityError, Sport};

/// Mean Earth radius, metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;
/// Slower than this between two points is standing still, m/s.
const MOVING_SPEED: f64 = 0.5;
/// A gap longer than this between two points is a pause, seconds.
const MAX_GAP_S: i64 = 300;
/// Elevation changes smaller than this are GPS or barometer noise, metres.
const CLIMB_NOISE_M: f64 = 3.0;

/// The activities (tracks with timed points) in a GPX file.
pub fn parse(bytes: &[u8]) -> Result<Vec<Activity>, ActivityError> {
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
        activities.push(Activity {
            sport,
            start: first.time,
            km: Some(distance_m(&points) / 1000.0),
            moving_s: Some(moving_s(&points)),
            climb_m: climb_m(&points),
        });
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
    let mut elevations = points.iter().filter_map(|p| p.elevation);
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

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
