#![allow(clippy::unwrap_used)]
//! Runs on the Trends tab: distance bars count a run typed on both calves
//! once and add imported runs, climb bars appear with imported climbs, and
//! the week line gives running minutes (walk-run: the running parts), the
//! climb and the usual week before the injury.

use crate::kit::*;
use chrono::Days;
use ratatui::crossterm::event::KeyCode;
use soleus::domain::{CheckIn, InjuredLeg, Intervals, Leg, Profile, Run, RunSource};
use soleus::store::Store;

fn store_with_runs() -> Store {
    let store = Store::open_in_memory().unwrap();
    store
        .save_profile(&Profile {
            leg: InjuredLeg::Left,
            baseline_km: Some(30.0),
            ..Profile::default()
        })
        .unwrap();
    // Today (Saturday 2026-11-21): a 10x1/2 walk-run of 3 km typed on both
    // calves' check-ins, one run.
    for leg in Leg::BOTH {
        let mut c = CheckIn::new(today(), leg, Default::default(), Default::default());
        c.run_km = Some(3.0);
        c.intervals = Some(Intervals::parse("intervals", "10x1/2").unwrap());
        store.save_checkin(&c).unwrap();
    }
    // Thursday: an imported 8 km hilly run of 48 minutes.
    let thursday = today().checked_sub_days(Days::new(2)).unwrap();
    let run = Run {
        km: Some(8.0),
        moving_s: Some(48 * 60),
        climb_m: Some(240.0),
        ..Run::imported(
            RunSource::Fit,
            thursday,
            thursday.and_hms_opt(12, 0, 0).unwrap().and_utc(),
        )
    };
    store.add_runs(&[run]).unwrap();
    store
}

#[test]
fn trends_count_each_run_once_and_show_climb_running_minutes_and_the_usual_week() {
    let mut app = open(store_with_runs());
    code(&mut app, KeyCode::F(3));
    let view = app.trends_cache.view().unwrap().clone();
    let km: f64 = view.run_km.iter().map(|p| p.1).sum();
    assert_eq!(
        km, 11.0,
        "3 km typed on both calves once, 8 km imported: {:?}",
        view.run_km
    );
    assert_eq!(view.climb_m.iter().map(|p| p.1).sum::<f64>(), 240.0);
    assert_eq!(view.baseline_km, Some(30.0));
    assert_eq!(
        view.weeks[0].running_min, 58.0,
        "10 minutes of the walk-run, 48 of the run"
    );
    let text = draw(&app, 200, 60).backend().to_string();
    // The week line wraps inside the chart's panel: read it as one line.
    let words: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .flat_map(str::split_whitespace)
        .collect();
    let joined = words.join(" ");
    assert!(
        joined.contains("run 11.0 against 0.0 km (usual before the injury: 30 km a week, the ┄ line), running 58 against 0 min, climb 240 against 0 m"),
        "{joined}"
    );
    assert!(text.contains("m up"), "climb bars: {text}");
    assert!(text.contains('┄'), "the usual week's line: {text}");
}
