//! TCX files (Garmin Training Center, as Garmin Connect and Strava export
//! them), read as a stream of XML events with `quick-xml`: nothing but the
//! figures is kept, so a large file costs its points' times and distances
//! only. Each `Activity` is one activity: its `Sport` attribute, its start
//! (`Id`, else the first lap's `StartTime`), the laps' distance and time,
//! the climb from the track's altitudes, and the running time from the
//! laps' `Intensity` (`Resting` laps are walks) or else from the speed
//! along the track points ([`super::walkrun`]).

use chrono::{DateTime, Utc};
use quick_xml::Reader;
use quick_xml::events::Event;

use super::gpx::{MAX_DEPTH, MAX_POINTS, climb_of, first_line};
use super::walkrun::{self, Sample};
use super::{Activity, ActivityError, Sport};

/// What one `Activity` element held.
#[derive(Default)]
struct Reading {
    sport: Option<String>,
    id: Option<DateTime<Utc>>,
    first_lap: Option<DateTime<Utc>>,
    lap_m: f64,
    lap_s: f64,
    laps: Vec<(bool, f64)>,
    lap_resting: bool,
    lap_seconds: Option<f64>,
    points: Vec<Sample>,
    first_point: Option<DateTime<Utc>>,
    point_time: Option<DateTime<Utc>>,
    point_m: Option<f64>,
    altitudes: Vec<f64>,
}

/// The activities in a TCX file.
pub fn parse(bytes: &[u8]) -> Result<Vec<Activity>, ActivityError> {
    let mut reader = Reader::from_reader(bytes);
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut current: Option<Reading> = None;
    let mut activities = Vec::new();
    let mut points = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ActivityError::Tcx(first_line(&e.to_string())))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().as_bytes().to_vec();
                if path.len() >= MAX_DEPTH {
                    return Err(ActivityError::TcxTooDeep(MAX_DEPTH));
                }
                match name.as_slice() {
                    b"Activity" => {
                        let sport = e
                            .try_get_attribute("Sport")
                            .ok()
                            .flatten()
                            .map(|a| a.value.into_owned());
                        current = Some(Reading {
                            sport,
                            ..Reading::default()
                        });
                    }
                    b"Lap" => {
                        if let Some(r) = current.as_mut() {
                            let start = e
                                .try_get_attribute("StartTime")
                                .ok()
                                .flatten()
                                .and_then(|a| time(a.value.as_bytes()));
                            r.first_lap = r.first_lap.or(start);
                            (r.lap_resting, r.lap_seconds) = (false, None);
                        }
                    }
                    b"Trackpoint" => {
                        points += 1;
                        if points > MAX_POINTS {
                            return Err(ActivityError::TcxTooManyPoints(MAX_POINTS));
                        }
                        if let Some(r) = current.as_mut() {
                            (r.point_time, r.point_m) = (None, None);
                        }
                    }
                    _ => {}
                }
                path.push(name);
            }
            Event::End(_) => {
                let Some(name) = path.pop() else {
                    continue;
                };
                let Some(r) = current.as_mut() else {
                    continue;
                };
                match name.as_slice() {
                    b"Trackpoint" => r.end_point(),
                    b"Lap" => {
                        if let Some(s) = r.lap_seconds {
                            r.laps.push((!r.lap_resting, s));
                        }
                    }
                    b"Activity" => {
                        if let Some(activity) = current.take().and_then(Reading::finish) {
                            activities.push(activity);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(text) => {
                let (Some(r), Some(name)) = (current.as_mut(), path.last()) else {
                    continue;
                };
                let parent = path.len().checked_sub(2).and_then(|i| path.get(i)).map(Vec::as_slice);
                let value = text.trim();
                r.text(name, parent, value);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if activities.is_empty() {
        return Err(ActivityError::NoTimedTrack);
    }
    Ok(activities)
}

impl Reading {
    /// The text of element `name` inside `parent`.
    fn text(&mut self, name: &[u8], parent: Option<&[u8]>, value: &str) {
        let number = || value.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0);
        match (parent, name) {
            (Some(b"Activity"), b"Id") => self.id = time(value.as_bytes()),
            (Some(b"Lap"), b"TotalTimeSeconds") => {
                self.lap_seconds = number();
                self.lap_s += number().unwrap_or(0.0);
            }
            (Some(b"Lap"), b"DistanceMeters") => self.lap_m += number().unwrap_or(0.0),
            (Some(b"Lap"), b"Intensity") => self.lap_resting = value.eq_ignore_ascii_case("resting"),
            (Some(b"Trackpoint"), b"Time") => self.point_time = time(value.as_bytes()),
            (Some(b"Trackpoint"), b"DistanceMeters") => self.point_m = number(),
            (Some(b"Trackpoint"), b"AltitudeMeters") => {
                if let Ok(a) = value.parse::<f64>()
                    && a.is_finite()
                {
                    self.altitudes.push(a);
                }
            }
            _ => {}
        }
    }

    /// A track point ended: keep its time and distance.
    fn end_point(&mut self) {
        let (Some(t), Some(m)) = (self.point_time, self.point_m) else {
            return;
        };
        let first = *self.first_point.get_or_insert(t);
        self.points.push(Sample {
            t: (t - first).num_milliseconds() as f64 / 1000.0,
            m,
        });
    }

    fn finish(self) -> Option<Activity> {
        let start = self.id.or(self.first_lap).or(self.first_point)?;
        let sport = self.sport.as_deref().map_or(Sport::Unknown, Sport::from_name);
        let moving = (self.lap_s > 0.0).then(|| self.lap_s.min(f64::from(u32::MAX)).round() as u32);
        let km = (self.lap_m > 0.0).then_some(self.lap_m / 1000.0);
        let split = if self.laps.iter().any(|(running, _)| !running) {
            Some(walkrun::from_laps(&self.laps))
        } else {
            walkrun::split(&self.points)
        };
        let activity = Activity::new(sport, start, km, moving, climb_of(self.altitudes.iter().copied()));
        Some(activity.with_split(split))
    }
}

/// An ISO 8601 time with its offset, as TCX writes them.
fn time(text: &[u8]) -> Option<DateTime<Utc>> {
    let text = std::str::from_utf8(text).ok()?.trim();
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TCX file of `laps` (seconds, m/s, resting), a point every 5 s.
    pub(crate) fn tcx(sport: &str, laps: &[(u32, f64, bool)]) -> String {
        let start = DateTime::<Utc>::from_timestamp(1_763_000_000, 0).unwrap();
        let (mut t, mut m) = (0u32, 0.0);
        let mut body = String::new();
        for (seconds, speed, resting) in laps {
            let lap_start = start + chrono::TimeDelta::seconds(i64::from(t));
            body.push_str(&format!(
                "<Lap StartTime=\"{}\"><TotalTimeSeconds>{seconds}</TotalTimeSeconds><DistanceMeters>{}</DistanceMeters>\
                 <Intensity>{}</Intensity><Track>",
                lap_start.to_rfc3339(),
                f64::from(*seconds) * speed,
                if *resting { "Resting" } else { "Active" }
            ));
            for _ in 0..seconds / 5 {
                t += 5;
                m += speed * 5.0;
                let at = start + chrono::TimeDelta::seconds(i64::from(t));
                body.push_str(&format!(
                    "<Trackpoint><Time>{}</Time><AltitudeMeters>100</AltitudeMeters><DistanceMeters>{m}</DistanceMeters></Trackpoint>",
                    at.to_rfc3339()
                ));
            }
            body.push_str("</Track></Lap>");
        }
        format!(
            "<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">\
             <Activities><Activity Sport=\"{sport}\"><Id>{}</Id>{body}</Activity></Activities></TrainingCenterDatabase>",
            start.to_rfc3339()
        )
    }

    #[test]
    fn laps_give_distance_time_and_running() {
        let mut laps = vec![(300, 1.4, true)];
        for _ in 0..8 {
            laps.extend([(60, 2.8, false), (120, 1.4, true)]);
        }
        let a = &parse(tcx("Running", &laps).as_bytes()).unwrap()[0];
        assert_eq!(a.sport, Sport::Running);
        assert_eq!(a.moving_s, Some(300 + 8 * 180));
        assert_eq!(a.running_s, Some(480));
        assert_eq!(a.intervals.unwrap().to_string(), "8x1/2");
        assert_eq!(a.climb_m, Some(0.0));
        assert_eq!(a.start.timestamp(), 1_763_000_000);
    }

    #[test]
    fn without_intensity_the_speed_splits_the_track() {
        let laps = [(300, 1.4, false), (1800, 2.8, false), (300, 1.4, false)];
        let a = &parse(tcx("Other", &laps).as_bytes()).unwrap()[0];
        assert_eq!(a.sport, Sport::Other("other".into()));
        let running = f64::from(a.running_s.unwrap()) / 60.0;
        assert!((running - 30.0).abs() <= 1.0, "{running}");
        assert_eq!(a.intervals, None);
    }

    #[test]
    fn bad_and_hostile_files_are_refused() {
        assert!(parse(b"<a><b></a>").is_err());
        assert_eq!(
            parse(b"<TrainingCenterDatabase/>").unwrap_err(),
            ActivityError::NoTimedTrack
        );
        let deep = "<a>".repeat(100_000);
        assert_eq!(
            parse(deep.as_bytes()).unwrap_err(),
            ActivityError::TcxTooDeep(MAX_DEPTH)
        );
    }
}
