//! Running and walking in a recorded track. A walk-run session (8 x 1 min
//! running, 2 min walking) and a run with a warm-up walk are split from the
//! track's speed, so that running time counts the running only.
//!
//! How (described for users in docs/runs.md, "Running time"):
//!
//! 1. Speed at each point is the distance covered over a window of
//!    [`WINDOW_S`] seconds centred on it: GPS jitter of a few metres is
//!    smoothed away, a one-minute interval is not.
//! 2. A step between two points is *running* when that speed is at least
//!    [`RUN_SPEED`] (2.0 m/s, 7.2 km/h, a pace of 8:20 min/km or
//!    13:25 min/mile), *walking* when it is slower but still moving
//!    (0.5 m/s), and a pause otherwise; a step longer than [`MAX_GAP_S`]
//!    is a pause.
//! 3. Stretches shorter than [`MIN_STRETCH_S`] (a road crossing, a GPS
//!    jump) take the kind of the stretch before them.
//! 4. Two or more running stretches with walking between them make a
//!    walk-run; its intervals are the median running and walking
//!    stretches, to the quarter minute.

use crate::domain::Intervals;

/// Running is at least this fast, m/s (7.2 km/h).
pub const RUN_SPEED: f64 = 2.0;
/// Slower than this is standing still, m/s.
pub const MOVING_SPEED: f64 = 0.5;
/// The speed window, seconds.
pub const WINDOW_S: f64 = 20.0;
/// A stretch shorter than this is merged into the one before it, seconds.
pub const MIN_STRETCH_S: f64 = 20.0;
/// A gap longer than this between two points is a pause, seconds.
pub const MAX_GAP_S: f64 = 300.0;

/// One point of a track: seconds since its start and metres covered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub t: f64,
    pub m: f64,
}

/// What a track's speed says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    /// Seconds spent running.
    pub running_s: u32,
    /// Seconds spent walking (moving, slower than running).
    pub walking_s: u32,
    /// The walk-run intervals, when the track has two or more running
    /// stretches with walks between them.
    pub intervals: Option<Intervals>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Run,
    Walk,
    Pause,
}

/// Splits a track (samples in time order; a sample out of order or not
/// finite is skipped) into running and walking. `None` for a track too
/// short or too sparse to say.
pub fn split(samples: &[Sample]) -> Option<Split> {
    let points: Vec<Sample> = ordered(samples);
    if points.len() < 3 {
        return None;
    }
    let speeds = smoothed_speeds(&points);
    // Each step's kind, from the speed at its two ends.
    let mut stretches: Vec<(Kind, f64)> = Vec::new();
    for (i, w) in points.windows(2).enumerate() {
        let dt = w[1].t - w[0].t;
        let kind = if dt > MAX_GAP_S {
            Kind::Pause
        } else {
            let v = (speeds[i] + speeds[i + 1]) / 2.0;
            if v >= RUN_SPEED {
                Kind::Run
            } else if v >= MOVING_SPEED {
                Kind::Walk
            } else {
                Kind::Pause
            }
        };
        match stretches.last_mut() {
            Some((k, len)) if *k == kind => *len += dt,
            _ => stretches.push((kind, dt)),
        }
    }
    Some(summary(&merge_short(stretches)))
}

/// Running and walking from laps (`true` for a running lap, and its
/// seconds), as a watch that marks each lap's intensity records them.
pub fn from_laps(laps: &[(bool, f64)]) -> Split {
    let mut stretches: Vec<(Kind, f64)> = Vec::new();
    for (running, seconds) in laps.iter().filter(|(_, s)| s.is_finite() && *s > 0.0) {
        let kind = if *running { Kind::Run } else { Kind::Walk };
        match stretches.last_mut() {
            Some((k, len)) if *k == kind => *len += seconds,
            _ => stretches.push((kind, *seconds)),
        }
    }
    summary(&stretches)
}

/// The totals and the intervals of a track's stretches.
fn summary(stretches: &[(Kind, f64)]) -> Split {
    let total = |kind: Kind| -> f64 { stretches.iter().filter(|(k, _)| *k == kind).map(|(_, s)| s).sum() };
    let seconds = |s: f64| s.round().clamp(0.0, f64::from(u32::MAX)) as u32;
    Split {
        running_s: seconds(total(Kind::Run)),
        walking_s: seconds(total(Kind::Walk)),
        intervals: intervals(stretches),
    }
}

/// The samples in strictly increasing time, finite, starting at 0.
fn ordered(samples: &[Sample]) -> Vec<Sample> {
    let mut out: Vec<Sample> = Vec::with_capacity(samples.len());
    for s in samples.iter().filter(|s| s.t.is_finite() && s.m.is_finite()) {
        if out.last().is_none_or(|last| s.t > last.t) {
            out.push(*s);
        }
    }
    out
}

/// Speed at each sample over [`WINDOW_S`] centred on it (two pointers:
/// linear in the samples).
fn smoothed_speeds(points: &[Sample]) -> Vec<f64> {
    let half = WINDOW_S / 2.0;
    let (mut lo, mut hi) = (0, 0);
    points
        .iter()
        .map(|p| {
            while points[lo].t < p.t - half {
                lo += 1;
            }
            while hi + 1 < points.len() && points[hi + 1].t <= p.t + half {
                hi += 1;
            }
            let (a, b) = (points[lo], points[hi]);
            let dt = b.t - a.t;
            if dt > 0.0 { ((b.m - a.m) / dt).max(0.0) } else { 0.0 }
        })
        .collect()
}

/// Stretches shorter than [`MIN_STRETCH_S`] take the kind of the one
/// before them (the first keeps its own), and neighbours of one kind join.
fn merge_short(stretches: Vec<(Kind, f64)>) -> Vec<(Kind, f64)> {
    let mut out: Vec<(Kind, f64)> = Vec::with_capacity(stretches.len());
    for (kind, len) in stretches {
        let kind = match out.last() {
            Some((before, _)) if len < MIN_STRETCH_S => *before,
            _ => kind,
        };
        match out.last_mut() {
            Some((k, l)) if *k == kind => *l += len,
            _ => out.push((kind, len)),
        }
    }
    out
}

/// The walk-run intervals: running stretches that have a walk after them
/// before the next one.
fn intervals(stretches: &[(Kind, f64)]) -> Option<Intervals> {
    let moving: Vec<(Kind, f64)> = stretches.iter().copied().filter(|(k, _)| *k != Kind::Pause).collect();
    let first_run = moving.iter().position(|(k, _)| *k == Kind::Run)?;
    let last_run = moving.iter().rposition(|(k, _)| *k == Kind::Run)?;
    let runs: Vec<f64> = moving[first_run..=last_run]
        .iter()
        .filter(|(k, _)| *k == Kind::Run)
        .map(|(_, s)| *s)
        .collect();
    let walks: Vec<f64> = moving[first_run..=last_run]
        .iter()
        .filter(|(k, _)| *k == Kind::Walk)
        .map(|(_, s)| *s)
        .collect();
    if runs.len() < 2 || walks.is_empty() {
        return None;
    }
    let repeats = u32::try_from(runs.len()).ok()?;
    let quarter_minutes = |s: f64| ((s / 15.0).round() * 15.0).max(15.0) as u32;
    let text = format!(
        "{repeats}x{}/{}",
        f64::from(quarter_minutes(median(runs))) / 60.0,
        f64::from(quarter_minutes(median(walks))) / 60.0
    );
    Intervals::parse("intervals", &text).ok()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated track: (seconds, m/s) stretches, a sample every `step`
    /// seconds, with a deterministic GPS jitter of up to 3 m.
    pub(crate) fn track(stretches: &[(u32, f64)], step: f64) -> Vec<Sample> {
        let mut out = vec![Sample { t: 0.0, m: 0.0 }];
        let (mut t, mut m, mut seed) = (0.0, 0.0, 7u64);
        for (seconds, speed) in stretches {
            let end = t + f64::from(*seconds);
            while t + step <= end + 1e-9 {
                t += step;
                m += speed * step;
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let jitter = ((seed >> 33) as f64 / f64::from(u32::MAX) - 0.5) * 6.0;
                out.push(Sample { t, m: m + jitter });
            }
        }
        out
    }

    const RUN: f64 = 2.8;
    const WALK: f64 = 1.4;

    fn walk_run(repeats: u32, run_s: u32, walk_s: u32) -> Vec<(u32, f64)> {
        let mut s = vec![(300, WALK)];
        for _ in 0..repeats {
            s.push((run_s, RUN));
            s.push((walk_s, WALK));
        }
        s
    }

    fn within_a_minute(split: &Split, truth_min: f64) {
        let found = f64::from(split.running_s) / 60.0;
        assert!(
            (found - truth_min).abs() <= 1.0,
            "{found} running minutes, truth {truth_min}"
        );
    }

    #[test]
    fn eight_by_one_two_is_eight_minutes_of_running() {
        for step in [1.0, 3.0, 5.0] {
            let split = split(&track(&walk_run(8, 60, 120), step)).unwrap();
            within_a_minute(&split, 8.0);
            assert_eq!(split.intervals.unwrap().to_string(), "8x1/2", "step {step}");
        }
    }

    #[test]
    fn ten_by_two_one_is_twenty_minutes_of_running() {
        for step in [1.0, 5.0] {
            let split = split(&track(&walk_run(10, 120, 60), step)).unwrap();
            within_a_minute(&split, 20.0);
            assert_eq!(split.intervals.unwrap().to_string(), "10x2/1", "step {step}");
        }
    }

    #[test]
    fn a_continuous_run_leaves_out_its_warm_up_walks() {
        let stretches = [(300, WALK), (1800, RUN), (300, WALK)];
        for step in [1.0, 5.0] {
            let split = split(&track(&stretches, step)).unwrap();
            within_a_minute(&split, 30.0);
            assert_eq!(split.intervals, None, "one running stretch is a continuous run");
            assert!((f64::from(split.walking_s) / 60.0 - 10.0).abs() <= 1.0);
        }
        let plain = split(&track(&[(2400, 3.2)], 1.0)).unwrap();
        within_a_minute(&plain, 40.0);
        assert_eq!(plain.walking_s, 0);
    }

    #[test]
    fn a_slow_jog_is_running_and_a_brisk_walk_is_not() {
        let jog = split(&track(&[(600, 2.2)], 1.0)).unwrap();
        within_a_minute(&jog, 10.0);
        let walk = split(&track(&[(600, 1.8)], 1.0)).unwrap();
        assert_eq!(walk.running_s, 0);
    }

    #[test]
    fn laps_marked_active_and_rest_give_the_intervals() {
        let mut laps = vec![(false, 300.0)];
        for _ in 0..10 {
            laps.extend([(true, 120.0), (false, 60.0)]);
        }
        let split = from_laps(&laps);
        assert_eq!(split.running_s, 1200);
        assert_eq!(split.intervals.unwrap().to_string(), "10x2/1");
    }

    #[test]
    fn pauses_and_nonsense_are_no_running() {
        assert_eq!(split(&[]), None);
        let mut still = track(&[(600, 0.0)], 1.0);
        still.push(Sample { t: f64::NAN, m: 1.0 });
        assert_eq!(split(&still).unwrap().running_s, 0);
        // A long gap (the watch paused) counts as neither.
        let gap = [
            Sample { t: 0.0, m: 0.0 },
            Sample { t: 10.0, m: 30.0 },
            Sample { t: 2000.0, m: 60.0 },
            Sample { t: 2010.0, m: 90.0 },
        ];
        assert!(split(&gap).unwrap().running_s <= 20);
    }
}
