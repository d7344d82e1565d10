#![allow(clippy::unwrap_used)]
//! Open warnings and outcomes through the command line (SPEC 4, 5.2):
//! `soleus outcome`, `since` in `flags --json`, `status`, `done` under a
//! warning, and outcomes in export/import.

mod common;

use std::fs;

use common::Journal;
use serde_json::Value;

fn flags(j: &Journal, date: Option<&str>) -> Value {
    let mut args = vec!["flags", "--json"];
    if let Some(d) = date {
        args.extend(["--date", d]);
    }
    serde_json::from_str(&j.ok(&args)).unwrap()
}

fn rules_with_since(value: &Value) -> Vec<(String, String, String, String)> {
    value["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_owned();
            (s("rule"), s("leg"), s("date"), s("since"))
        })
        .collect()
}

/// Breathless on 2026-06-15, clean entries after it.
fn breathless_journal() -> Journal {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-15",
        "--pain-rest",
        "1",
        "--pain-walk",
        "2",
        "--symptom",
        "breathless",
    ]);
    j.checkin("2026-06-18", None, "0", "0");
    j.checkin("2026-06-20", None, "0", "0");
    j
}

#[test]
fn an_open_warning_stays_with_its_since_after_clean_entries() {
    let j = breathless_journal();
    let value = flags(&j, None);
    assert_eq!(
        rules_with_since(&value),
        [(
            "pe-signs".into(),
            "left".into(),
            "2026-06-15".into(),
            "2026-06-15".into()
        )]
    );
    assert_eq!(value["guidance"]["light"], "stop");
    let status = j.ok(&["status"]);
    assert!(
        status.contains("EMERGENCY: Breathlessness or chest pain with a calf problem (left pe-signs, since 2026-06-15, not yet seen)"),
        "{status}"
    );
}

#[test]
fn outcome_closes_the_warning_and_is_kept() {
    let j = breathless_journal();
    let out = j.ok(&[
        "outcome",
        "pe-signs",
        "--result",
        "cleared",
        "--date",
        "2026-06-19",
        "--note",
        "scan clear, seen in ED",
    ]);
    assert!(
        out.starts_with("recorded for pe-signs (left calf, since 2026-06-15): cleared on 2026-06-19"),
        "{out}"
    );
    assert!(rules_with_since(&flags(&j, None)).is_empty());
    // As of a date before the outcome, the warning was open.
    assert_eq!(rules_with_since(&flags(&j, Some("2026-06-18"))).len(), 1);
    let status = j.ok(&["status"]);
    assert!(status.contains("no warning signs in your entries"), "{status}");
    let journal = j.export_json();
    let outcomes = journal["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0]["rule"], "pe-signs");
    assert_eq!(outcomes[0]["result"], "cleared");
    assert_eq!(outcomes[0]["note"], "scan clear, seen in ED");
    assert_eq!(outcomes[0]["presentation"]["level"], "emergency");
    assert_eq!(outcomes[0]["presentation"]["signs"], serde_json::json!(["breathless"]));
}

#[test]
fn outcome_without_a_matching_active_warning_is_bad_input_and_writes_nothing() {
    let j = breathless_journal();
    let before = fs::read(&j.db).unwrap();
    for args in [
        vec!["outcome", "dvt", "--result", "cleared"],
        vec!["outcome", "pe-signs", "--leg", "right", "--result", "cleared"],
        vec!["outcome", "pe-signs", "--result", "cleared", "--date", "2026-06-14"],
        vec!["outcome", "pe-signs", "--result", "fine"],
        vec!["outcome", "clot", "--result", "cleared"],
        vec!["outcome", "pe-signs", "--result", "cleared", "--date", "2026-06-21"],
    ] {
        let out = j.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(fs::read(&j.db).unwrap(), before, "nothing written");
    assert!(j.export_json()["outcomes"].as_array().unwrap().is_empty());
}

#[test]
fn after_an_outcome_a_new_sign_warns_again() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left", "--clot-history", "yes"]);
    j.checkin("2026-06-17", None, "1", "2");
    j.ok(&["outcome", "dvt", "--result", "treating", "--date", "2026-06-17"]);
    j.checkin("2026-06-18", None, "1", "2");
    assert!(rules_with_since(&flags(&j, None)).is_empty(), "the same ache is silent");
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-20",
        "--pain-rest",
        "1",
        "--pain-walk",
        "2",
        "--symptom",
        "swelling",
    ]);
    assert_eq!(
        rules_with_since(&flags(&j, None)),
        [("dvt".into(), "left".into(), "2026-06-20".into(), "2026-06-20".into())]
    );
}

#[test]
fn done_under_a_warning_records_it_and_says_what_pauses_it() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "2", "--symptom", "pop"]);
    let out = j.ok(&["done", "wall-stretch-bent", "--pain", "2"]);
    assert!(out.starts_with("done: Wall stretch, knee bent on 2026-06-20"), "{out}");
    assert!(
        out.contains(
            "is paused on 2026-06-20 by the urgent warning \"A pop, or no single-leg heel raise: possible tear\""
        ),
        "{out}"
    );
    assert_eq!(j.export_json()["completions"].as_array().unwrap().len(), 1);
    let ice = j.ok(&["done", "ice-compress-elevate"]);
    assert!(!ice.contains("paused"), "{ice}");
}

#[test]
fn export_import_round_trips_outcomes_byte_for_byte_and_merges_idempotently() {
    let j = breathless_journal();
    j.ok(&["outcome", "pe-signs", "--result", "not-seen", "--note", "felt better"]);
    let exported = j.ok(&["export", "--format", "json"]);
    let file = j.dir.path().join("export.json");
    fs::write(&file, &exported).unwrap();

    let other = Journal::new();
    let first = other.ok(&["import", file.to_str().unwrap()]);
    assert!(first.contains("added"), "{first}");
    assert_eq!(
        other.ok(&["export", "--format", "json"]),
        exported,
        "byte-identical round trip"
    );
    let again = other.ok(&["import", file.to_str().unwrap()]);
    assert!(again.contains(": 0 added, 0 updated, "), "{again}");
    assert_eq!(other.ok(&["export", "--format", "json"]), exported);
    assert!(
        rules_with_since(&flags(&other, None)).is_empty(),
        "the imported outcome closes it"
    );
}

#[test]
fn import_refuses_an_outcome_with_an_unknown_rule() {
    let j = Journal::new();
    let file = j.dir.path().join("bad.json");
    fs::write(
        &file,
        r#"{"format":"soleus-journal","version":1,"outcomes":[{"date":"2026-06-01","rule":"clot","leg":"left","result":"cleared"}]}"#,
    )
    .unwrap();
    let out = j.cmd().args(["import", file.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("outcomes[0].rule"), "{stderr}");
}
