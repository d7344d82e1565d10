#![allow(clippy::unwrap_used)]
//! Issue 12: one adherence figure, right and the same everywhere. The
//! journal of `clinical::adherence`'s hand-computed test is written through
//! the real store and the real CLI, then read back from the four surfaces:
//! the Checklist, Trends, `status` and the report.
//!
//! Week of Monday 16 to Sunday 22 November 2026, journal started Tuesday 17:
//! easy-walking 4 of 6 days; eccentric-drop-straight (twice daily, added
//! Thursday) 5 of 8 sessions; wall-stretch-bent (removed Saturday, paused
//! by a swelling warning on Friday) 2 of 3 days. 11 of 17 sessions.

use crate::kit::{Journal, code, on, screen};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use soleus::domain::{Catalogue, PlanEntry};
use soleus::store::Store;
use soleus::ui::app::App;

const SUNDAY: &str = "2026-11-22";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn entry(id: &str) -> PlanEntry {
    let e = Catalogue::builtin().get(id).unwrap().clone();
    PlanEntry {
        exercise: e.id,
        dose: e.dose,
        active: true,
        per_day: e.per_day,
    }
}

/// The test week, written with the CLI on each day (plan changes are
/// dated the day they are made).
fn test_week() -> Journal {
    let j = Journal::new();
    let tuesday = "2026-11-17";
    on(&j, tuesday, &["profile", "--leg", "left"]);
    // A new journal's plan is the phase-1 exercises; this user keeps only
    // the walking and adds the bent-knee stretch on Tuesday.
    let seeded: Vec<String> = Store::open(&j.db)
        .unwrap()
        .plan()
        .unwrap()
        .into_iter()
        .map(|p| p.exercise)
        .filter(|id| id != "easy-walking")
        .collect();
    let mut remove = vec!["plan", "remove"];
    remove.extend(seeded.iter().map(String::as_str));
    on(&j, tuesday, &remove);
    on(&j, tuesday, &["plan", "add", "wall-stretch-bent"]);
    on(&j, tuesday, &["checkin", "--pain-rest", "1", "--pain-walk", "2"]);
    on(&j, tuesday, &["done", "pain-free walking", "Wall stretch, knee b"]);
    on(&j, "2026-11-18", &["done", "easy-walking", "wall-stretch-bent"]);
    on(&j, "2026-11-19", &["plan", "add", "eccentric-drop-straight"]);
    on(&j, "2026-11-19", &["done", "eccentric-drop-straight"]);
    on(&j, "2026-11-19", &["done", "eccentric-drop-straight"]);
    // Friday: a swollen calf without pain, which pauses stretching (SPEC
    // 5.6; with any pain, v3 makes it a `dvt` warning, which pauses more).
    on(
        &j,
        "2026-11-20",
        &[
            "checkin",
            "--pain-rest",
            "0",
            "--pain-walk",
            "0",
            "--symptom",
            "swelling",
        ],
    );
    on(
        &j,
        "2026-11-20",
        &["done", "easy-walking", "eccentric-drop-straight", "wall-stretch-bent"],
    );
    on(&j, "2026-11-21", &["plan", "remove", "wall-stretch-bent"]);
    on(&j, "2026-11-21", &["done", "eccentric-drop-straight"]);
    // A session recorded late, from the next day.
    on(&j, SUNDAY, &["done", "eccentric-drop-straight", "--date", "2026-11-21"]);
    on(&j, SUNDAY, &["done", "easy-walking"]);
    j
}

fn app_on(j: &Journal, date: &str) -> App {
    let store = Store::open(&j.db).unwrap();
    App::new(Box::new(store), day(date), day(date).and_hms_opt(8, 0, 0).unwrap()).unwrap()
}

#[test]
fn the_four_surfaces_show_the_hand_computed_week() {
    let j = test_week();

    // status
    let status: serde_json::Value = serde_json::from_str(&on(&j, SUNDAY, &["status", "--json"])).unwrap();
    assert_eq!(
        (status["exercises_done"].as_u64(), status["exercises_asked"].as_u64()),
        (Some(11), Some(17))
    );
    assert!(on(&j, SUNDAY, &["status"]).contains("exercises 11/17 this week"));

    // the report, over the same seven days
    let report = on(&j, SUNDAY, &["report", "--days", "7"]);
    assert!(
        report.contains("11 of 17 sessions asked in the period done (64%)"),
        "{report}"
    );
    // The table per exercise comes with --detail (issue 21).
    let report = on(&j, SUNDAY, &["report", "--days", "7", "--detail"]);
    assert!(report.contains("| Pain-free walking | "), "{report}");
    assert!(report.contains(" | 4/6 (66%) | 0 |"), "{report}");
    assert!(report.contains(" | 5/8 (62%) | 0 |"), "{report}");
    assert!(
        report.contains("(left the plan) | 2-4 x 30 s, daily | 2/3 (66%) | 1 |"),
        "{report}"
    );

    // the Checklist
    let mut app = app_on(&j, SUNDAY);
    code(&mut app, KeyCode::F(2));
    let checklist = screen(&app);
    assert!(
        checklist.contains("This week (Mon–today) 11/17 done (64%)"),
        "{checklist}"
    );

    // Trends
    code(&mut app, KeyCode::F(3));
    let trends = screen(&app);
    assert!(trends.contains("exercises 64% against –"), "{trends}");
    assert_eq!(app.data.adherence[0].done, 11);
    assert_eq!(app.data.adherence[0].asked, 17);
}

#[test]
fn a_plan_change_never_rewrites_past_figures() {
    let j = test_week();
    let status = |date: &str| {
        let v: serde_json::Value = serde_json::from_str(&on(&j, date, &["status", "--json"])).unwrap();
        (
            v["exercises_done"].as_u64().unwrap(),
            v["exercises_asked"].as_u64().unwrap(),
        )
    };
    let before = status(SUNDAY);
    // Removing walking on Sunday after doing it keeps Sunday's tick; adding
    // five exercises on Sunday asks five more sessions, not five a day.
    let store = Store::open(&j.db).unwrap();
    store.remove_plan_entry("easy-walking", day(SUNDAY)).unwrap();
    assert_eq!(status(SUNDAY), before, "a removal keeps what was done");
    // (Not a stretch: Friday's swelling warning is still open and pauses those.)
    for id in [
        "heel-raise-double",
        "seated-heel-raise",
        "heel-raise-single",
        "isometric-hold-seated",
        "ankle-pumps",
    ] {
        store.save_plan_entry(&entry(id), day(SUNDAY)).unwrap();
    }
    assert_eq!(status(SUNDAY), (before.0, before.1 + 5));
}

#[test]
fn day_one_of_a_new_journal_asks_for_one_day() {
    let j = Journal::new();
    on(&j, SUNDAY, &["profile", "--leg", "left"]);
    let mut app = app_on(&j, SUNDAY);
    code(&mut app, KeyCode::F(2));
    let planned = Store::open(&j.db).unwrap().plan().unwrap().len();
    let text = screen(&app);
    assert!(
        text.contains(&format!("This week (Mon–today) 0/{planned} done")),
        "{text}"
    );
}
