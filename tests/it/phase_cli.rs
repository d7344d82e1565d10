#![allow(clippy::unwrap_used)]
//! Phases (docs/clinical-rules.md): `soleus phase [--json]` and `soleus phase set N [--date D]`.

use crate::kit::{Journal, fails};

fn json(j: &Journal) -> serde_json::Value {
    serde_json::from_str(&j.ok(&["phase", "--json"])).unwrap()
}

fn phases(j: &Journal) -> Vec<(String, u64)> {
    j.export_json()["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["date"].as_str().unwrap().to_owned(), p["phase"].as_u64().unwrap()))
        .collect()
}

#[test]
fn phase_shows_the_phase_the_criteria_and_the_offer() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let text = j.ok(&["phase"]);
    assert!(text.starts_with("phase 1 Protect (the starting phase"), "{text}");
    assert!(text.contains("criteria for phase 2 Mobility:"), "{text}");
    assert!(text.contains("no move offered"), "{text}");
    let v = json(&j);
    assert_eq!(v["phase"], 1);
    assert!(v["since"].is_null());
    assert!(v["offer"].is_null());
    let criteria = v["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 1);
    assert_eq!(criteria[0]["name"], "walking pain 2/10 or less");
    assert_eq!(criteria[0]["holds"], false);
    assert!(criteria[0]["value"].as_str().unwrap().contains("no check-in"));
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["criteria", "offer", "phase", "since"]);

    // A pain-free check-in of the injured calf: green, and the move is offered.
    j.checkin("2026-06-20", Some("left"), "0", "1");
    let v = json(&j);
    assert_eq!(v["offer"], 2, "{v}");
    assert_eq!(v["criteria"][0]["holds"], true);
    assert!(j.ok(&["phase"]).contains("move offered: phase 2 Mobility"));
}

#[test]
fn phase_set_records_the_change_through_the_journal() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.checkin("2026-06-20", Some("left"), "0", "0");
    let out = j.ok(&["phase", "set", "2"]);
    assert_eq!(out, "recorded: phase 2 Mobility from 2026-06-20\n");
    assert_eq!(phases(&j), [("2026-06-20".to_owned(), 2)]);
    let v = json(&j);
    assert_eq!(
        (v["phase"].as_u64(), v["since"].as_str()),
        (Some(2), Some("2026-06-20"))
    );
    // The check-in of the day the phase began does not count for the next.
    assert!(v["offer"].is_null(), "{v}");
    // Back to an earlier phase: always recorded (the same day's change is replaced).
    assert_eq!(
        j.ok(&["phase", "set", "1"]),
        "recorded: phase 1 Protect from 2026-06-20\n"
    );
    assert_eq!(phases(&j), [("2026-06-20".to_owned(), 1)]);
}

#[test]
fn moving_forward_without_an_offer_says_what_does_not_hold_and_records_it() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.checkin("2026-06-20", Some("left"), "0", "4");
    let out = j.ok(&["phase", "set", "3", "--date", "2026-06-20"]);
    assert!(
        out.starts_with("no move to phase 3 Strength is offered as of 2026-06-20"),
        "{out}"
    );
    assert!(out.contains("this skips phase 2"), "{out}");
    assert!(
        out.contains("does not hold: walking pain 2/10 or less: left calf: walking pain 4/10 on 2026-06-20"),
        "{out}"
    );
    assert!(out.ends_with("recorded: phase 3 Strength from 2026-06-20\n"), "{out}");
    assert_eq!(phases(&j), [("2026-06-20".to_owned(), 3)]);
}

#[test]
fn moving_forward_while_an_urgent_warning_is_active_is_refused() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--leg",
        "left",
        "--pain-rest",
        "1",
        "--pain-walk",
        "2",
        "--symptom",
        "pop",
    ]);
    let err = fails(&j, &["phase", "set", "2"]);
    assert!(
        err.starts_with("soleus: phase: expected 1 or lower while an emergency or urgent warning is active"),
        "{err}"
    );
    assert!(err.contains("urgent warning, left calf"), "{err}");
    assert!(phases(&j).is_empty(), "nothing written");
    // The phase view names the warning that holds progress.
    let text = j.ok(&["phase"]);
    assert!(text.contains("held by: "), "{text}");
    // Staying in (or going back to) a phase is still recorded.
    j.ok(&["phase", "set", "1"]);
    assert_eq!(phases(&j).len(), 1);
}

#[test]
fn a_bad_phase_or_date_names_the_field_and_writes_nothing() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    for bad in ["0", "6", "-1", "two", "2.5"] {
        let err = fails(&j, &["phase", "set", bad]);
        assert!(
            err.starts_with("soleus: phase: expected a whole number from 1 to 5"),
            "{bad}: {err}"
        );
    }
    let err = fails(&j, &["phase", "set", "2", "--date", "2026-06-21"]);
    assert!(err.starts_with("soleus: date:"), "{err}");
    assert!(phases(&j).is_empty());
}

#[test]
fn no_offer_beside_a_rising_pain_flag() {
    // Issue 18 case 9: "Pain is rising" beside "press m to move to phase 2".
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    for date in ["2026-06-11", "2026-06-12"] {
        j.checkin(date, Some("left"), "0", "0");
    }
    for date in ["2026-06-19", "2026-06-20"] {
        j.checkin(date, Some("left"), "0", "2");
    }
    let v = json(&j);
    assert_eq!(v["criteria"][0]["holds"], true, "{v}");
    assert!(v["offer"].is_null(), "{v}");
    let text = j.ok(&["phase"]);
    assert!(
        text.contains("held by: today's load light is red: pain is rising"),
        "{text}"
    );
}
