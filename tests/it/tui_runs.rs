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

/// A journal whose Thursday has a check-in without a run typed and an
/// imported 8 km, 48-minute fit run with 240 m of climb (no running pain).
fn store_with_a_watch_run() -> (Store, chrono::NaiveDate) {
    let store = store_with_runs();
    let thursday = today().checked_sub_days(Days::new(2)).unwrap();
    for leg in Leg::BOTH {
        store
            .save_checkin(&CheckIn::new(thursday, leg, Default::default(), Default::default()))
            .unwrap();
    }
    (store, thursday)
}

fn row_of(text: &str, date: chrono::NaiveDate) -> &str {
    let date = date.to_string();
    text.lines()
        .find(|l| l.contains('│') && l.contains(&date))
        .unwrap_or_default()
}

#[test]
fn history_rows_show_the_days_runs_in_the_configs_unit() {
    let (store, thursday) = store_with_a_watch_run();
    let mut app = open(store);
    code(&mut app, KeyCode::F(4));
    let text = draw(&app, 120, 30).backend().to_string();
    let row = row_of(&text, thursday);
    for part in [" 8.0 ", "  48 ", " 240 ", "fit"] {
        assert!(row.contains(part), "{part:?} in {row:?}");
    }
    // Today's walk-run typed on the check-ins: 3 km, 10 running minutes.
    let row = row_of(&text, today());
    assert!(
        row.contains(" 3.0 ") && row.contains("  10 ") && row.contains("typed"),
        "{row:?}"
    );

    app.units = soleus::units::Units::Mi;
    let text = draw(&app, 120, 30).backend().to_string();
    assert!(text.contains(" mi "), "the column says the unit: {text}");
    assert!(row_of(&text, thursday).contains(" 5.0 "), "8 km is 5.0 mi: {text}");
}

#[test]
fn several_runs_on_a_day_are_summed_and_marked() {
    let (store, thursday) = store_with_a_watch_run();
    let second = Run {
        km: Some(2.0),
        moving_s: Some(12 * 60),
        ..Run::imported(
            RunSource::Gpx,
            thursday,
            thursday.and_hms_opt(18, 0, 0).unwrap().and_utc(),
        )
    };
    store.add_runs(&[second]).unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::F(4));
    let text = draw(&app, 120, 30).backend().to_string();
    let row = row_of(&text, thursday);
    assert!(
        row.contains("10.0+") && row.contains("  60 ") && row.contains("2 runs"),
        "{row:?}"
    );
}

#[test]
fn the_note_view_gives_the_days_watch_run() {
    let (store, thursday) = store_with_a_watch_run();
    let mut app = open(store);
    code(&mut app, KeyCode::F(4));
    let row = app
        .data
        .checkins()
        .iter()
        .rev()
        .position(|c| c.date == thursday)
        .unwrap();
    for _ in 0..row {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Char('n'));
    let text = draw(&app, 100, 30).backend().to_string();
    assert!(text.contains("run 8.0 km in 48 min running"), "{text}");
    assert!(
        text.contains("fit run: 8.0 km · 48 min running · 240 m climb"),
        "{text}"
    );
    assert!(!text.contains("run – in –"), "{text}");
}

#[test]
fn the_form_shows_the_days_imported_run_and_asks_its_pain_first() {
    let (store, thursday) = store_with_a_watch_run();
    let mut app = open(store);
    // Two days back: `[` twice.
    code(&mut app, KeyCode::Char('['));
    code(&mut app, KeyCode::Char('['));
    assert_eq!(app.form.date, thursday);
    let text = draw(&app, 100, 70).backend().to_string();
    let lines: Vec<&str> = text.lines().collect();
    let asked = lines
        .iter()
        .position(|l| l.contains("You ran: fit run: 8.0 km · 48 min running"))
        .unwrap();
    assert!(lines[asked + 1].contains("▸ Pain running"), "the first row: {text}");
    let rest = lines.iter().position(|l| l.contains("Pain at rest")).unwrap();
    assert!(rest > asked + 1, "{text}");
    assert!(
        text.contains("fit run: 8.0 km · 48 min running · 240 m climb · imported, read-only"),
        "{text}"
    );
    // A digit on the first row is the running pain.
    code(&mut app, KeyCode::Char('3'));
    assert_eq!(app.form.to_input().pain_run.as_deref(), Some("3"));
    assert_eq!(app.form.to_input().pain_rest.as_deref(), Some("0"));
}

#[test]
fn a_day_without_a_run_keeps_the_usual_order() {
    let app = open(ready_store());
    let text = draw(&app, 100, 40).backend().to_string();
    assert!(!text.contains("You ran:"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let rest = lines.iter().position(|l| l.contains("▸ Pain at rest")).unwrap();
    let run = lines.iter().position(|l| l.contains("Pain running")).unwrap();
    assert!(rest < run, "{text}");
}

#[test]
fn a_saved_typed_run_without_its_pain_is_asked_first_too() {
    let app = open(store_with_runs());
    let text = draw(&app, 100, 40).backend().to_string();
    let lines: Vec<&str> = text.lines().collect();
    let asked = lines
        .iter()
        .position(|l| l.contains("You ran: your typed run · no running pain yet"))
        .unwrap();
    assert!(lines[asked + 1].contains("▸ Pain running"), "{text}");
}
