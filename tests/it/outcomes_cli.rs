#![allow(clippy::unwrap_used)]
//! Open warnings and outcomes through the command line (docs/command-line.md, docs/clinical-rules.md):
//! `soleus outcome`, `since` in `flags --json`, `status`, `done` under a
//! warning, and outcomes in export/import.

use std::fs;

use crate::kit::Journal;
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
    // Closed, the warning is no longer open; the entry still has the sign,
    // so nothing says there are no signs.
    assert!(status.contains("no open warnings from your entries"), "{status}");
    assert!(!status.contains("no warning signs"), "{status}");
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
            "is paused on 2026-06-20 by the urgent warning \"A pop, a gap, or no single-leg heel raise: possible tear\""
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

#[test]
fn closed_as_not_seen_no_text_says_there_are_no_signs() {
    let j = breathless_journal();
    j.ok(&["outcome", "pe-signs", "--result", "not-seen"]);
    // The entry still carries the sign: say no warning is open, never that
    // the entries show no signs.
    let status = j.ok(&["status"]);
    assert!(status.contains("no open warnings from your entries"), "{status}");
    let text = j.ok(&["flags"]);
    assert!(text.starts_with("no open warnings from your entries up to"), "{text}");
    for said in [&status, &text] {
        assert!(!said.to_lowercase().contains("no warning signs"), "{said}");
    }
}

/// Runs `args`, which must be refused as bad input: exit 2, one line on
/// stderr naming `field`, nothing on stdout and nothing written.
fn refused(j: &Journal, args: &[&str], field: &str) -> String {
    let before = fs::read(&j.db).unwrap();
    let out = j.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{args:?}: one line, got {stderr}");
    assert!(stderr.contains(field), "{args:?}: {stderr} should name {field}");
    assert!(
        out.stdout.is_empty(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(fs::read(&j.db).unwrap(), before, "{args:?} wrote to the journal");
    stderr
}

/// The sentence docs/clinical-rules.md has the CLI print before a not-seen close of an
/// emergency or urgent warning is written.
const NOT_SEEN_CLOSE: &str = "Closed without an assessment: the next entry with these signs warns again.";

#[test]
fn the_cli_prints_the_engines_not_seen_sentence() {
    assert_eq!(soleus::clinical::NOT_SEEN_CLOSE, NOT_SEEN_CLOSE);
}

#[test]
fn outcome_takes_a_rule_or_all_never_both_nor_neither() {
    let j = breathless_journal();
    let err = refused(&j, &["outcome", "--result", "cleared"], "rule");
    assert!(err.contains("--all"), "says --all is the other way: {err}");
    let err = refused(&j, &["outcome", "pe-signs", "--all", "--result", "cleared"], "rule");
    assert!(err.contains("not both"), "{err}");
    refused(&j, &["outcome", "--all", "--result", "fine"], "result");
    refused(
        &j,
        &["outcome", "--all", "--result", "cleared", "--date", "2026-06-21"],
        "date",
    );
    // No warning on the right calf: nothing to close.
    let err = refused(
        &j,
        &["outcome", "--all", "--leg", "right", "--result", "cleared"],
        "--all",
    );
    assert!(err.contains("right calf"), "{err}");
    assert!(j.export_json()["outcomes"].as_array().unwrap().is_empty());
    let help = j.ok(&["outcome", "--help"]);
    assert!(help.contains("RULE|--all"), "{help}");
    assert!(help.contains("--all"), "{help}");
}

/// Breathless and a pop on the left calf, a bruise on the right, all on
/// 2026-06-19.
fn three_warnings() -> Journal {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-19",
        "--pain-rest",
        "2",
        "--pain-walk",
        "3",
        "--symptom",
        "breathless,pop",
    ]);
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-19",
        "--leg",
        "right",
        "--pain-rest",
        "1",
        "--pain-walk",
        "1",
        "--symptom",
        "bruising",
    ]);
    j
}

#[test]
fn outcome_all_records_one_visit_for_every_warning_of_the_calf() {
    let j = three_warnings();
    let before: Vec<(String, String, String, String)> = rules_with_since(&flags(&j, None));
    let left: Vec<&(String, String, String, String)> = before.iter().filter(|f| f.1 == "left").collect();
    assert!(left.len() >= 2, "{before:?}");
    let out = j.ok(&[
        "outcome",
        "--all",
        "--result",
        "cleared",
        "--note",
        "seen in ED, all clear",
    ]);
    // Each warning it closed, on its own line.
    for (rule, _, _, since) in &left {
        assert!(
            out.contains(&format!(
                "recorded for {rule} (left calf, since {since}): cleared on 2026-06-20"
            )),
            "{out}"
        );
    }
    assert_eq!(out.matches("recorded for ").count(), left.len(), "{out}");
    assert!(!out.contains(NOT_SEEN_CLOSE), "{out}");
    // The right calf's warning is untouched.
    let after = rules_with_since(&flags(&j, None));
    assert!(after.iter().all(|f| f.1 == "right"), "{after:?}");
    assert!(after.iter().any(|f| f.0 == "bruising"), "{after:?}");
    // One outcome per warning: the same result, date and note, each with
    // its own presentation.
    let outcomes = j.export_json()["outcomes"].as_array().unwrap().clone();
    assert_eq!(outcomes.len(), left.len());
    for o in &outcomes {
        assert_eq!(
            (o["leg"].as_str(), o["date"].as_str()),
            (Some("left"), Some("2026-06-20"))
        );
        assert_eq!(o["result"], "cleared");
        assert_eq!(o["note"], "seen in ED, all clear");
    }
    let signs = |rule: &str| {
        outcomes.iter().find(|o| o["rule"] == rule).unwrap()["presentation"]["signs"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert_eq!(signs("pe-signs"), [serde_json::json!("breathless")]);
    assert!(signs("rupture").contains(&serde_json::json!("pop")));
    // Nothing is left to close on the left calf.
    refused(&j, &["outcome", "--all", "--result", "cleared"], "--all");
}

#[test]
fn not_seen_of_an_emergency_or_urgent_warning_says_it_warns_again_before_it_is_written() {
    let j = breathless_journal();
    let out = j.ok(&["outcome", "pe-signs", "--result", "not-seen", "--note", "felt better"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], NOT_SEEN_CLOSE, "first, before the record: {out}");
    assert!(
        lines[1].starts_with("recorded for pe-signs (left calf, since 2026-06-15): not-seen"),
        "{out}"
    );
    assert!(
        !out.contains("will not warn again"),
        "a not-seen emergency warns again: {out}"
    );
    assert!(out.contains("STOP"), "the light stays at stop: {out}");

    // Through --all, once, before the records.
    let j = three_warnings();
    let out = j.ok(&["outcome", "--all", "--result", "not-seen"]);
    assert_eq!(out.matches(NOT_SEEN_CLOSE).count(), 1, "{out}");
    assert!(out.starts_with(NOT_SEEN_CLOSE), "{out}");

    // A soon warning closed not-seen: nothing is said that SPEC keeps for
    // emergency and urgent ones.
    let out = j.ok(&["outcome", "bruising", "--leg", "right", "--result", "not-seen"]);
    assert!(!out.contains(NOT_SEEN_CLOSE), "{out}");
    assert!(out.starts_with("recorded for bruising (right calf"), "{out}");

    // Cleared, nothing of the kind either; refused, nothing at all.
    let j = breathless_journal();
    refused(&j, &["outcome", "dvt", "--result", "not-seen"], "rule");
    let out = j.ok(&["outcome", "pe-signs", "--result", "cleared"]);
    assert!(!out.contains(NOT_SEEN_CLOSE), "{out}");
}

#[test]
fn an_outcome_of_an_emergency_does_not_promise_silence_for_the_same_signs() {
    let j = breathless_journal();
    let out = j.ok(&["outcome", "pe-signs", "--result", "cleared", "--date", "2026-06-19"]);
    assert!(!out.contains("will not warn again"), "{out}");
    assert!(out.contains("dated after 2026-06-19"), "{out}");
}

#[test]
fn import_refuses_a_highest_pain_off_the_scale_and_writes_nothing() {
    let j = breathless_journal();
    for (i, bad) in ["11", "-1", "2.5", "\"4\"", "300"].into_iter().enumerate() {
        let file = j.dir.path().join(format!("bad{i}.json"));
        fs::write(
            &file,
            format!(
                r#"{{"format":"soleus-journal","version":1,"outcomes":[{{"date":"2026-06-16","rule":"pe-signs","leg":"left","result":"cleared","presentation":{{"level":"emergency","signs":["breathless"],"highest_pain":{bad}}}}}]}}"#
            ),
        )
        .unwrap();
        let err = refused(
            &j,
            &["import", file.to_str().unwrap()],
            "outcomes[0].presentation.highest_pain",
        );
        // A whole number off the scale names the range; a value of the wrong
        // type names the type, as for a check-in's pain_rest.
        if ["11", "-1", "300"].contains(&bad) {
            assert!(err.contains("0 to 10"), "names the range: {err}");
        }
    }
    for (i, bad) in [r#""yes""#, "1", "null"].into_iter().enumerate() {
        let file = j.dir.path().join(format!("profile{i}.json"));
        fs::write(
            &file,
            format!(r#"{{"format":"soleus-journal","version":1,"profile":{{"leg":"left","blood_thinners":{bad}}}}}"#),
        )
        .unwrap();
        refused(&j, &["import", file.to_str().unwrap()], "profile.blood_thinners");
    }
    assert!(j.export_json()["outcomes"].as_array().unwrap().is_empty());
}

#[test]
fn export_import_carries_the_profile_facts_and_highest_pain_byte_for_byte() {
    let j = breathless_journal();
    j.ok(&["profile", "--clot-risk", "yes", "--blood-thinners", "yes"]);
    // An outcome with a highest pain, as a v3 soleus records it.
    let file = j.dir.path().join("outcome.json");
    fs::write(
        &file,
        r#"{"format":"soleus-journal","version":1,"outcomes":[{"date":"2026-06-16","rule":"pe-signs","leg":"left","result":"treating","note":"anticoagulant changed","presentation":{"level":"emergency","signs":["breathless"],"highest_pain":7}}]}"#,
    )
    .unwrap();
    j.ok(&["import", file.to_str().unwrap()]);
    let exported = j.ok(&["export", "--format", "json"]);
    let value: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(value["profile"]["clot_risk"], true);
    assert_eq!(value["profile"]["blood_thinners"], true);
    assert_eq!(value["outcomes"][0]["presentation"]["highest_pain"], 7);
    let export = j.dir.path().join("export.json");
    fs::write(&export, &exported).unwrap();

    let other = Journal::new();
    other.ok(&["import", "--replace", export.to_str().unwrap()]);
    assert_eq!(
        other.ok(&["export", "--format", "json"]),
        exported,
        "byte-identical after --replace"
    );
    let again = other.ok(&["import", export.to_str().unwrap()]);
    assert!(again.contains(": 0 added, 0 updated, "), "{again}");
    assert_eq!(other.ok(&["export", "--format", "json"]), exported, "and after a merge");
    let profile = other.ok(&["profile"]);
    assert!(
        profile.contains("other clot risk: yes") && profile.contains("blood thinners: yes"),
        "{profile}"
    );
}

// ----- expected to pass once the v3 engine lands (issue 18) -----

#[test]
fn an_outcome_stores_the_highest_pain_it_covered() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-18",
        "--pain-rest",
        "3",
        "--pain-walk",
        "6",
        "--symptom",
        "pop",
    ]);
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-19",
        "--pain-rest",
        "2",
        "--pain-walk",
        "4",
        "--symptom",
        "pop",
    ]);
    j.ok(&["outcome", "rupture", "--result", "cleared"]);
    let outcomes = j.export_json()["outcomes"].clone();
    assert_eq!(outcomes[0]["presentation"]["highest_pain"], 6, "{outcomes}");
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let stored: Option<i64> = conn
        .query_row("SELECT highest_pain FROM outcome WHERE rule = 'rupture'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stored, Some(6));
}

const STALE_TAIL: &str = "that warning is no longer open today: if the signs are still there, record today's check-in.";

#[test]
fn a_back_dated_entry_whose_warning_is_closed_says_so_when_saved() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-15",
        "--pain-rest",
        "2",
        "--pain-walk",
        "3",
        "--symptom",
        "pop",
    ]);
    j.ok(&["outcome", "rupture", "--result", "cleared", "--date", "2026-06-16"]);
    // The same sign on a day the outcome covers, saved after it: no new
    // warning, and the save says the warning is no longer open.
    let out = j.ok(&[
        "checkin",
        "--date",
        "2026-06-14",
        "--pain-rest",
        "2",
        "--pain-walk",
        "3",
        "--symptom",
        "pop",
    ]);
    let line = out
        .lines()
        .find(|l| l.starts_with("this entry of 2026-06-14 shows "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.ends_with(STALE_TAIL), "{line}");
    assert!(
        line.contains("pop") || line.to_lowercase().contains("snap"),
        "names the sign: {line}"
    );
    // After the save line.
    assert!(out.starts_with("saved the left calf check-in for 2026-06-14"), "{out}");
    // Today's entry never says it; nor does a back-dated clean one.
    let today = j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "1"]);
    assert!(!today.contains("no longer open"), "{today}");
    let clean = j.ok(&[
        "checkin",
        "--date",
        "2026-06-13",
        "--pain-rest",
        "1",
        "--pain-walk",
        "1",
    ]);
    assert!(!clean.contains("no longer open"), "{clean}");
}

#[test]
fn a_back_dated_entry_whose_warning_lapsed_says_so_and_an_open_one_does_not() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-01",
        "--pain-rest",
        "1",
        "--pain-walk",
        "2",
        "--symptom",
        "bruising",
    ]);
    // Still open: a back-dated entry with the same sign says nothing stale.
    let open = j.ok(&[
        "checkin",
        "--date",
        "2026-05-31",
        "--pain-rest",
        "1",
        "--pain-walk",
        "2",
        "--symptom",
        "bruising",
    ]);
    assert!(!open.contains("no longer open"), "{open}");
    // Seven clean check-ins lapse a soon warning (docs/clinical-rules.md).
    for day in 2..=8 {
        j.checkin(&format!("2026-06-{day:02}"), None, "0", "1");
    }
    assert!(rules_with_since(&flags(&j, None)).is_empty(), "lapsed");
    let out = j.ok(&[
        "checkin",
        "--date",
        "2026-06-01",
        "--pain-rest",
        "1",
        "--pain-walk",
        "2",
        "--symptom",
        "bruising",
    ]);
    let line = out
        .lines()
        .find(|l| l.starts_with("this entry of 2026-06-01 shows "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.ends_with(STALE_TAIL), "{line}");
}

#[test]
fn a_back_dated_zero_rep_test_after_a_clear_says_the_warning_is_no_longer_open() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "test",
        "heel-raise-straight",
        "--leg",
        "left",
        "--reps",
        "0",
        "--date",
        "2026-06-10",
    ]);
    j.ok(&["outcome", "rupture", "--result", "cleared", "--date", "2026-06-11"]);
    let out = j.ok(&[
        "test",
        "heel-raise-bent",
        "--leg",
        "left",
        "--reps",
        "0",
        "--date",
        "2026-06-09",
    ]);
    assert!(out.starts_with("recorded "), "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with("this entry of 2026-06-09 shows "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.ends_with(STALE_TAIL), "{line}");
}
