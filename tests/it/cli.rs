#![allow(clippy::unwrap_used)]
//! Every command of docs/command-line.md run as the real binary against a temporary journal.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::kit::{self, Journal, TODAY};
use predicates::prelude::*;
use serde_json::Value;

/// Runs a command that must be refused as bad input: exit 2, one line on
/// stderr that names `field`, and nothing written to the journal.
fn refused(j: &Journal, args: &[&str], field: &str) -> String {
    let before = j.db.exists().then(|| j.export_json());
    let out = j.cmd().args(args).assert().code(2).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line, got: {stderr}");
    assert!(stderr.contains(field), "{args:?}: {stderr:?} should name {field}");
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    if let Some(before) = before {
        assert_eq!(j.export_json(), before, "{args:?} changed the journal");
    }
    stderr
}

#[test]
fn help_reads_well_for_every_command() {
    let j = Journal::new();
    let top = j.ok(&["--help"]);
    for cmd in [
        "profile", "checkin", "done", "test", "flags", "status", "export", "import", "demo",
    ] {
        assert!(top.contains(cmd), "top-level help lists {cmd}");
        let help = j.ok(&[cmd, "--help"]);
        assert!(help.contains("Usage: soleus"), "{cmd} --help: {help}");
    }
    let checkin = j.ok(&["checkin", "--help"]);
    assert!(checkin.contains("heel-raise-fail") && checkin.contains("Cannot rise onto the toes"));
    assert!(!j.db.exists(), "--help creates no journal");
}

#[test]
fn profile_is_shown_set_and_merged() {
    let j = Journal::new();
    assert!(j.ok(&["profile"]).contains("no profile yet"));
    refused(&j, &["profile", "--cancer", "yes"], "leg");
    let shown = j.ok(&["profile", "--leg", "right", "--injury-date", "2026-06-01"]);
    assert!(shown.contains("injured leg: right") && shown.contains("injury date: 2026-06-01"));
    let shown = j.ok(&["profile", "--clot-history", "yes"]);
    assert!(shown.contains("injured leg: right"), "earlier fields kept: {shown}");
    assert!(shown.contains("clot history: yes"));
    refused(&j, &["profile", "--leg", "middle"], "leg");
    refused(&j, &["profile", "--cancer", "maybe"], "cancer");
    refused(&j, &["profile", "--injury-date", "2026-06-21"], "injury_date");
    let profile = &j.export_json()["profile"];
    assert_eq!(profile["leg"], "right");
    assert_eq!(profile["clot_history"], true);
    assert_eq!(profile["cancer"], false);
}

#[test]
fn profile_sets_and_shows_the_other_clot_risk_and_blood_thinners() {
    let j = Journal::new();
    let shown = j.ok(&["profile", "--leg", "left"]);
    assert!(shown.contains("other clot risk: no"), "a new profile says no: {shown}");
    assert!(shown.contains("blood thinners: no"), "{shown}");
    let shown = j.ok(&["profile", "--clot-risk", "yes"]);
    assert!(shown.contains("other clot risk: yes"), "{shown}");
    assert!(shown.contains("blood thinners: no"), "{shown}");
    let shown = j.ok(&["profile", "--blood-thinners", "yes", "--clot-risk", "no"]);
    assert!(
        shown.contains("other clot risk: no") && shown.contains("blood thinners: yes"),
        "{shown}"
    );
    // Each fact on its own line, in the order of the profile in docs/storage.md.
    let lines: Vec<&str> = shown.lines().collect();
    let at = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix)).unwrap();
    assert!(at("clot history:") < at("cancer:") && at("cancer:") < at("other clot risk:"));
    assert!(at("other clot risk:") < at("blood thinners:"), "{shown}");
    // Showing the profile keeps what was set.
    assert_eq!(j.ok(&["profile"]), shown);
    let profile = &j.export_json()["profile"];
    assert_eq!(profile["clot_risk"], false);
    assert_eq!(profile["blood_thinners"], true);
    assert_eq!(profile["leg"], "left", "earlier fields kept");

    refused(&j, &["profile", "--clot-risk", "maybe"], "clot_risk");
    let err = refused(&j, &["profile", "--blood-thinners", "2"], "blood_thinners");
    assert!(err.contains("yes or no"), "names what is allowed: {err}");
    refused(
        &j,
        &["profile", "--blood-thinners", "yes", "--clot-risk", "x"],
        "clot_risk",
    );
    assert_eq!(j.export_json()["profile"]["blood_thinners"], true, "nothing written");

    // A new profile needs a leg, whichever fact is given.
    let fresh = Journal::new();
    refused(&fresh, &["profile", "--clot-risk", "yes"], "leg");
    let shown = fresh.ok(&[
        "profile",
        "--leg",
        "both",
        "--clot-risk",
        "yes",
        "--blood-thinners",
        "no",
    ]);
    assert!(
        shown.contains("other clot risk: yes") && shown.contains("blood thinners: no"),
        "{shown}"
    );
}

#[test]
fn completions_offer_yes_and_no_for_the_new_profile_facts() {
    let j = Journal::new();
    let fish = j.ok(&["completions", "fish"]);
    for flag in ["clot-risk", "blood-thinners"] {
        let at = fish
            .find(&format!("__fish_soleus_using_subcommand profile\" -l {flag} "))
            .unwrap_or_else(|| panic!("{flag} is completed"));
        let offer: String = fish[at..].lines().take(2).collect();
        assert!(offer.contains("yes\\t") && offer.contains("no\\t"), "{offer}");
    }
    let cmd = soleus::cli::completions::command_for_completion();
    let profile = cmd.find_subcommand("profile").unwrap();
    for arg in ["clot_risk", "blood_thinners"] {
        let values: Vec<String> = profile
            .get_arguments()
            .find(|a| a.get_id() == arg)
            .unwrap()
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_owned())
            .collect();
        assert_eq!(values, ["yes", "no"], "{arg}");
    }
    let man = j.ok(&["man"]);
    assert!(
        man.contains("clot\\-risk") && man.contains("blood\\-thinners"),
        "the manual page lists them"
    );
}

#[test]
fn checkin_saves_replaces_and_defaults_leg_from_profile() {
    let j = Journal::new();
    // No profile and no --leg: the leg is required.
    refused(&j, &["checkin", "--pain-rest", "1", "--pain-walk", "2"], "leg");
    j.ok(&["profile", "--leg", "left"]);
    let out = j.ok(&[
        "checkin",
        "--pain-rest",
        "2",
        "--pain-walk",
        "4",
        "--tightness",
        "5",
        "--symptom",
        "cramping,swelling",
        "--symptom",
        "night-pain",
        "--run-km",
        "3.5",
        "--run-min",
        "21",
        "--note",
        "stairs hurt",
    ]);
    assert!(out.contains("saved the left calf check-in for 2026-06-20"), "{out}");
    let c = &j.export_json()["checkins"][0];
    assert_eq!(c["date"], TODAY);
    assert_eq!(c["leg"], "left");
    assert_eq!(c["pain_rest"], 2);
    assert_eq!(c["pain_walk"], 4);
    assert_eq!(c["tightness"], 5);
    assert_eq!(c["morning"], Value::Null, "unanswered stays null, never 0");
    assert_eq!(c["symptoms"], serde_json::json!(["swelling", "cramping", "night-pain"]));
    assert_eq!(c["run_km"], 3.5);
    assert_eq!(c["note"], "stairs hurt");

    // Saving again replaces the whole entry.
    let out = j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "1"]);
    assert!(out.contains("replaced"), "{out}");
    let journal = j.export_json();
    assert_eq!(journal["checkins"].as_array().unwrap().len(), 1);
    assert_eq!(journal["checkins"][0]["tightness"], Value::Null);
    assert_eq!(journal["checkins"][0]["symptoms"], serde_json::json!([]));

    j.checkin("2026-06-19", Some("right"), "0", "0");
    assert_eq!(j.export_json()["checkins"].as_array().unwrap().len(), 2);
}

#[test]
fn checkin_bad_input_names_the_field_and_writes_nothing() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "1"]);
    let base = ["checkin", "--pain-walk", "1"];
    for bad in ["11", "-1", "3.5", "x", ""] {
        let mut args = base.to_vec();
        args.extend(["--pain-rest", bad]);
        let msg = refused(&j, &args, "pain_rest");
        if !bad.is_empty() {
            assert!(msg.contains("0 to 10"), "{msg}");
        }
    }
    refused(&j, &["checkin", "--pain-rest", "1"], "pain_walk");
    let cases: [(&[&str], &str); 9] = [
        (&["--symptom", "itchy"], "symptom"),
        (&["--date", "2026-06-21"], "date"),
        (&["--date", "2026-02-30"], "date"),
        (&["--date", "yesterday"], "date"),
        (&["--run-km", "-3"], "run_km"),
        (&["--run-min", "2.5"], "run_min"),
        (&["--cross-min", "1441"], "cross_min"),
        (&["--leg", "middle"], "leg"),
        (&["--morning", "12"], "morning"),
    ];
    for (extra, field) in cases {
        let mut args = vec!["checkin", "--pain-rest", "1", "--pain-walk", "1"];
        args.extend(extra);
        refused(&j, &args, field);
    }
}

#[test]
fn bad_input_on_a_fresh_path_creates_no_file() {
    let j = Journal::new();
    refused(&j, &["checkin", "--pain-rest", "99", "--pain-walk", "1"], "pain_rest");
    refused(
        &j,
        &["test", "heel-raise-bent", "--leg", "left", "--reps", "many"],
        "reps",
    );
    assert!(!j.db.exists());
}

#[test]
fn done_records_and_replaces_completions() {
    let j = Journal::new();
    let out = j.ok(&["done", "heel-raise-single", "--sets", "3", "--pain", "2"]);
    assert!(out.contains("Heel raises, one leg"), "{out}");
    j.ok(&["done", "heel-raise-single", "--sets", "2"]);
    j.ok(&["done", "ankle-pumps", "--date", "2026-06-18"]);
    let completions = j.export_json()["completions"].clone();
    assert_eq!(completions.as_array().unwrap().len(), 2);
    assert_eq!(completions[1]["exercise"], "heel-raise-single");
    assert_eq!(completions[1]["sets"], 2);
    assert_eq!(completions[1]["pain"], Value::Null);
    refused(&j, &["done", "jumping-jacks"], "exercise");
    refused(&j, &["done", "ankle-pumps", "--sets", "0"], "sets");
    refused(&j, &["done", "ankle-pumps", "--pain", "11"], "pain");
    refused(&j, &["done", "ankle-pumps", "--date", "2030-01-01"], "date");
}

#[test]
fn test_records_capacity() {
    let j = Journal::new();
    let out = j.ok(&["test", "heel-raise-straight", "--leg", "left", "--reps", "18"]);
    assert!(out.contains("18 reps"), "{out}");
    j.ok(&[
        "test",
        "heel-raise-bent",
        "--leg",
        "right",
        "--reps",
        "30",
        "--date",
        "2026-06-19",
    ]);
    let tests = j.export_json()["capacity_tests"].clone();
    assert_eq!(tests[0]["test"], "heel-raise-bent");
    assert_eq!(tests[1]["reps"], 18);
    refused(&j, &["test", "plank", "--leg", "left", "--reps", "3"], "test");
    refused(&j, &["test", "heel-raise-bent", "--leg", "both", "--reps", "3"], "leg");
    refused(
        &j,
        &["test", "heel-raise-bent", "--leg", "left", "--reps", "501"],
        "reps",
    );
    refused(
        &j,
        &["test", "heel-raise-bent", "--leg", "left", "--reps", "-1"],
        "reps",
    );
}

#[test]
fn status_is_one_line_with_checkin_and_streak() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let line = j.ok(&["status"]);
    assert_eq!(line.lines().count(), 1);
    assert!(
        line.contains("check-in not done") && line.contains("streak 0 days"),
        "{line}"
    );
    j.checkin("2026-06-19", None, "1", "1");
    j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "1"]);
    let line = j.ok(&["status"]);
    assert!(
        line.contains("check-in done") && line.contains("streak 2 days"),
        "{line}"
    );
    assert!(!line.to_lowercase().contains("all clear"));
}

#[test]
fn export_import_round_trip_is_stable_and_idempotent() {
    let source = Journal::new();
    source.ok(&["demo", "--days", "60"]);
    source.ok(&["profile", "--clot-history", "yes"]);
    let first = source.ok(&["export", "--format", "json"]);
    let file = source.dir.path().join("export.json");
    fs::write(&file, &first).unwrap();

    let target = Journal::new();
    let out = target.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains(" added,"), "{out}");
    let again = target.ok(&["import", file.to_str().unwrap()]);
    assert!(
        again.contains(" 0 added, 0 updated"),
        "second import changes nothing: {again}"
    );
    let second = target.ok(&["export", "--format", "json"]);
    assert_eq!(
        first, second,
        "export -> import -> import -> export gives the same journal"
    );
}

#[test]
fn import_merges_by_identity() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.checkin("2026-06-18", None, "5", "5");
    j.checkin("2026-06-19", None, "1", "1");
    let csv = "date,leg,pain_rest,pain_walk,pain_run,tightness,morning,symptoms,run_km,run_min,cross_min,note\n\
               2026-06-19,left,2,3,,,,\"swelling,warmth\",,,,\n\
               2026-06-20,left,0,1,,4,,,,,,from the notebook\n";
    let file = j.dir.path().join("in.csv");
    fs::write(&file, csv).unwrap();
    let out = j.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("1 added, 1 updated, 0 unchanged"), "{out}");
    let checkins = j.export_json()["checkins"].clone();
    assert_eq!(checkins.as_array().unwrap().len(), 3, "the 18th is kept");
    assert_eq!(checkins[0]["pain_rest"], 5);
    assert_eq!(checkins[1]["symptoms"], serde_json::json!(["swelling", "warmth"]));
    assert_eq!(checkins[2]["note"], "from the notebook");
}

#[test]
fn malformed_import_is_refused_whole() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "1"]);
    let write = |name: &str, text: &str| {
        let path = j.dir.path().join(name);
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let good = r#"{"date":"2026-06-01","leg":"left","pain_rest":1,"pain_walk":1}"#;
    let doc = |checkins: &str| format!(r#"{{"format":"soleus-journal","version":1,"checkins":[{good},{checkins}]}}"#);
    let cases = [
        (
            write(
                "a.json",
                &doc(r#"{"date":"2026-06-02","leg":"left","pain_rest":11,"pain_walk":1}"#),
            ),
            "checkins[1].pain_rest",
        ),
        (
            write(
                "b.json",
                &doc(r#"{"date":"2026-06-02","leg":"left","pain_rest":2.5,"pain_walk":1}"#),
            ),
            "checkins[1].pain_rest",
        ),
        (
            write(
                "c.json",
                &doc(r#"{"date":"1899-07-02","leg":"left","pain_rest":1,"pain_walk":1}"#),
            ),
            "checkins[1].date",
        ),
        (
            write(
                "d.json",
                &doc(r#"{"date":"2026-06-02","leg":"left","pain_rest":1,"pain_walk":1,"run_km":-1}"#),
            ),
            "checkins[1].run_km",
        ),
        (
            write(
                "e.json",
                &doc(r#"{"date":"2026-06-02","leg":"up","pain_rest":1,"pain_walk":1}"#),
            ),
            "checkins[1].leg",
        ),
        (
            write(
                "f.json",
                &doc(r#"{"date":"2026-06-02","leg":"left","pain_rest":1,"pain_walk":1,"symptoms":["itchy"]}"#),
            ),
            "checkins[1].symptoms",
        ),
        (
            write(
                "g.json",
                r#"{"format":"soleus-journal","version":1,"checkins":[{"date":"2026-06-02""#,
            ),
            "import file",
        ),
        (write("h.json", r#"{"format":"other","version":1}"#), "format"),
        (
            write(
                "i.json",
                r#"{"format":"soleus-journal","version":1,"completions":[{"date":"2026-06-02","exercise":"nope"}]}"#,
            ),
            "completions[0].exercise",
        ),
        (
            write(
                "j.csv",
                "date,leg,pain_rest,pain_walk\n2026-06-02,left,1,1\n2026-06-03,left,x,1\n",
            ),
            "row 2.pain_rest",
        ),
        (write("k.txt", "hello\n"), "import file"),
    ];
    for (file, field) in cases {
        refused(&j, &["import", &file], field);
    }
    let missing = j.dir.path().join("missing.json");
    j.cmd().args(["import", missing.to_str().unwrap()]).assert().code(1);
}

#[test]
fn csv_export_has_one_row_per_checkin() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--pain-rest",
        "1",
        "--pain-walk",
        "2",
        "--symptom",
        "pop,fever",
        "--note",
        "a, b",
    ]);
    let csv = j.ok(&["export", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "date,leg,pain_rest,pain_walk,pain_run,tightness,morning,symptoms,run_km,run_min,cross_min,note"
    );
    assert_eq!(
        lines.next().unwrap(),
        "2026-06-20,left,1,2,,,,\"pop,fever\",,,,\"a, b\""
    );
    assert_eq!(lines.next(), None);
}

#[test]
fn export_out_file_is_owner_only() {
    let j = Journal::new();
    j.ok(&["demo", "--days", "10"]);
    let out = j.dir.path().join("backup.json");
    j.ok(&["export", "--format", "json", "--out", out.to_str().unwrap()]);
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let parsed: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(parsed["format"], "soleus-journal");
}

#[test]
fn demo_fills_an_empty_journal_only() {
    let j = Journal::new();
    let out = j.ok(&["demo"]);
    assert!(out.contains("120 days"), "{out}");
    let journal = j.export_json();
    let checkins = journal["checkins"].as_array().unwrap();
    assert!(checkins.len() > 150, "{}", checkins.len());
    assert_eq!(journal["profile"]["leg"], "left");
    assert!(!journal["capacity_tests"].as_array().unwrap().is_empty());
    assert!(!journal["completions"].as_array().unwrap().is_empty());
    refused(&j, &["demo"], "db");
    refused(&Journal::new(), &["demo", "--days", "0"], "days");
}

#[test]
fn journal_and_directory_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested").join("journal.db");
    kit::soleus_with_db(&db)
        .args(["profile", "--leg", "left"])
        .assert()
        .success();
    let file_mode = fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    let dir_mode = fs::metadata(db.parent().unwrap()).unwrap().permissions().mode() & 0o777;
    assert_eq!(file_mode, 0o600);
    assert_eq!(dir_mode, 0o700);
}

#[test]
fn soleus_db_variable_picks_the_journal() {
    let j = Journal::new();
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_soleus"))
        .env("SOLEUS_DB", &j.db)
        .env("SOLEUS_TODAY", TODAY)
        .args(["profile", "--leg", "right"])
        .assert()
        .success();
    assert!(j.ok(&["profile"]).contains("injured leg: right"));
}

#[test]
fn foreign_files_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    fs::write(&text, "shopping list\nmilk\n".repeat(20)).unwrap();

    let foreign = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
        .unwrap();
    drop(conn);

    let stamped = dir.path().join("stamped.db");
    let conn = rusqlite::Connection::open(&stamped).unwrap();
    conn.execute_batch("PRAGMA application_id = 42; CREATE TABLE t (x);")
        .unwrap();
    drop(conn);

    for (path, reason) in [
        (&text, "not an SQLite database"),
        (&foreign, "another program's SQLite database"),
        (&stamped, "another program's SQLite database"),
    ] {
        let before = fs::read(path).unwrap();
        for args in [
            &["status"][..],
            &["checkin", "--leg", "left", "--pain-rest", "1", "--pain-walk", "1"],
        ] {
            kit::soleus_with_db(path)
                .args(args)
                .assert()
                .code(1)
                .stderr(predicate::str::contains("is not a soleus journal").and(predicate::str::contains(reason)));
        }
        assert_eq!(fs::read(path).unwrap(), before, "{} was modified", path.display());
    }
}

#[test]
fn journal_from_a_newer_soleus_is_refused() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let before = fs::read(&j.db).unwrap();
    j.cmd()
        .arg("status")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("newer soleus"));
    assert_eq!(fs::read(&j.db).unwrap(), before);
}

#[test]
fn unknown_flag_is_bad_input_in_two_plain_lines() {
    let j = Journal::new();
    let out = j
        .cmd()
        .args(["checkin", "--pain", "3"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.contains("--pain") && stderr.contains("soleus --help"),
        "{stderr}"
    );
    assert!(!j.db.exists());
}

#[test]
fn out_never_overwrites_a_journal() {
    let j = Journal::new();
    j.ok(&["demo", "--days", "10"]);
    let before = j.export_json();
    let backup = j.dir.path().join("copy.db");
    j.ok(&["backup", "--out", backup.to_str().unwrap()]);
    let copy = std::fs::read(&backup).unwrap();
    for target in [&j.db, &backup] {
        for args in [
            vec!["export", "--format", "json", "--out", target.to_str().unwrap()],
            vec!["report", "--out", target.to_str().unwrap()],
        ] {
            refused(&j, &args, "out");
        }
    }
    assert_eq!(j.export_json(), before, "the journal is intact");
    assert_eq!(std::fs::read(&backup).unwrap(), copy, "the other journal is intact");
}

/// Issue 23, item 7: a check-in saved where it is already tomorrow
/// (Kiritimati, UTC+14) and exported where it is still today (Pago Pago,
/// UTC-11). Import and import --replace restore the export whole, and say
/// which entries are dated after today.
#[test]
fn an_export_with_entries_dated_after_today_imports_whole_and_lists_them() {
    let ahead = Journal::new();
    kit::on(
        &ahead,
        TODAY,
        &["checkin", "--leg", "left", "--pain-rest", "2", "--pain-walk", "3"],
    );
    kit::on(
        &ahead,
        "2026-06-21",
        &[
            "checkin",
            "--leg",
            "left",
            "--pain-rest",
            "1",
            "--pain-walk",
            "2",
            "--note",
            "ahead",
        ],
    );
    kit::on(&ahead, "2026-06-21", &["done", "ankle-pumps"]);
    let text = ahead.ok(&["export", "--format", "json"]);
    let file = ahead.dir.path().join("export.json");
    fs::write(&file, &text).unwrap();
    let exported: Value = serde_json::from_str(&text).unwrap();

    let merged = Journal::new();
    let said = merged.ok(&["import", file.to_str().unwrap()]);
    assert!(
        said.contains("kept 2 entries dated after today (2026-06-20): check-in of 2026-06-21 left; exercise ankle-pumps of 2026-06-21"),
        "{said}"
    );
    assert_eq!(merged.export_json()["checkins"], exported["checkins"]);
    assert_eq!(merged.export_json()["completions"], exported["completions"]);

    let replaced = Journal::new();
    replaced.checkin("2026-06-01", Some("right"), "5", "5");
    let said = replaced.ok(&["import", "--replace", "--yes", file.to_str().unwrap()]);
    assert!(said.contains("kept 2 entries dated after today"), "{said}");
    assert_eq!(replaced.export_json(), exported, "the export restored whole");

    // A CSV export too.
    let csv = ahead.ok(&["export", "--format", "csv"]);
    let csv_file = ahead.dir.path().join("export.csv");
    fs::write(&csv_file, csv).unwrap();
    let from_csv = Journal::new();
    let said = from_csv.ok(&["import", csv_file.to_str().unwrap()]);
    assert!(
        said.contains("kept 1 entry dated after today (2026-06-20): check-in of 2026-06-21 left"),
        "{said}"
    );
}

/// Issue 23, item 8: a demo ending on an early today would start before
/// the first date a journal holds. It is refused in one line, writing
/// nothing; one that fits is written and reads back.
#[test]
fn demo_never_writes_what_soleus_cannot_read() {
    let j = Journal::new();
    let out = j
        .cmd()
        .env("SOLEUS_TODAY", "1900-01-01")
        .args(["demo"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("days: expected a whole number from 1 to 1"), "{stderr}");
    assert!(!j.db.exists() || j.export_json()["checkins"].as_array().is_none_or(Vec::is_empty));
    kit::on(&j, "1900-02-09", &["demo", "--days", "40"]);
    for args in [
        &["status"][..],
        &["flags"],
        &["report"],
        &["export", "--format", "json"],
    ] {
        let out = j
            .cmd()
            .env("SOLEUS_TODAY", "1900-02-09")
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        assert_eq!(String::from_utf8(out.stderr).unwrap(), "", "{args:?}");
    }
}
