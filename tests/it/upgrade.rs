#![allow(clippy::unwrap_used)]
//! A journal written by an earlier schema version opens, upgrades with every
//! row intact, and leaves an owner-only backup of the old file beside it.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::kit::{Journal, user_version};

const V1_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v1.db");
const V1_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v1.json");

#[test]
fn v1_journal_upgrades_with_every_row_intact() {
    let j = Journal::new();
    fs::copy(V1_DB, &j.db).unwrap();
    let original = fs::read(&j.db).unwrap();
    assert_eq!(user_version(&j.db), 1);

    let exported: serde_json::Value = serde_json::from_str(&j.ok(&["export", "--format", "json"])).unwrap();
    let expected: serde_json::Value = serde_json::from_str(&fs::read_to_string(V1_JSON).unwrap()).unwrap();
    assert_eq!(
        as_before_plan_history(exported),
        expected,
        "every row of the v1 journal survives the upgrade"
    );
    assert_eq!(user_version(&j.db), soleus::store::latest_schema_version() as i64);

    let backup = j.dir.path().join("journal.db.v1.bak");
    assert!(backup.exists(), "backup written before migrating");
    assert_eq!(fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(user_version(&backup), 1, "the backup is the old schema");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM checkin", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 33);
    drop(conn);
    assert_ne!(fs::read(&j.db).unwrap(), original, "the journal itself was upgraded");

    // Opening again neither migrates nor backs up again.
    fs::remove_file(&backup).unwrap();
    j.ok(&["status"]);
    assert!(!backup.exists());
}

#[test]
fn the_fixture_is_really_version_one() {
    // Guards the fixture itself: if it were rewritten by a newer soleus, the
    // upgrade test above would prove nothing.
    let bytes = fs::read(V1_DB).unwrap();
    assert_eq!(&bytes[60..64], &1u32.to_be_bytes(), "user_version in the header");
    assert_eq!(&bytes[68..72], &soleus::store::APPLICATION_ID.to_be_bytes());
}

const V3_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v3.db");
const V3_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v3.json");

/// Row counts of every table of a journal, by table name.
fn row_counts(path: &std::path::Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn v3_journal_made_by_the_previous_version_upgrades_with_every_row_intact() {
    let j = Journal::new();
    fs::copy(V3_DB, &j.db).unwrap();
    assert_eq!(user_version(&j.db), 3);
    let before = row_counts(&j.db);
    assert!(
        before.iter().all(|(_, n)| *n > 0),
        "the fixture fills every table: {before:?}"
    );

    let exported: serde_json::Value = serde_json::from_str(&j.ok(&["export", "--format", "json"])).unwrap();
    assert_eq!(user_version(&j.db), soleus::store::latest_schema_version() as i64);
    let mut expected: serde_json::Value = serde_json::from_str(&fs::read_to_string(V3_JSON).unwrap()).unwrap();
    // Version 4 adds outcomes, empty in an upgraded journal.
    expected["outcomes"] = serde_json::json!([]);
    assert_eq!(
        as_before_plan_history(exported),
        expected,
        "every row of the v3 journal survives the upgrade"
    );

    let mut after = row_counts(&j.db);
    // Version 4 adds the outcome table; version 5 the run table (typed runs
    // move there from the check-ins, tests/upgrade_runs.rs) and SQLite's
    // sqlite_sequence for its AUTOINCREMENT ids; version 6 the plan history.
    after.retain(|(t, _)| !["outcome", "run", "sqlite_sequence", "plan_span", "run_deleted"].contains(&t.as_str()));
    assert_eq!(after, before, "same rows in every earlier table");

    let backup = j.dir.path().join("journal.db.v3.bak");
    assert!(backup.exists(), "backup written before migrating");
    assert_eq!(fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(user_version(&backup), 3, "the backup is the old schema");
    assert_eq!(row_counts(&backup), before);

    // The upgraded journal takes outcomes at once.
    let flags: serde_json::Value = serde_json::from_str(&j.ok(&["flags", "--json"])).unwrap();
    let rupture = flags["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rupture" && f["leg"] == "right")
        .expect("the fixture's 0-rep test opens a rupture warning");
    assert_eq!(rupture["since"], "2026-06-19");
    j.ok(&[
        "outcome",
        "rupture",
        "--leg",
        "right",
        "--result",
        "cleared",
        "--note",
        "strength test redone",
    ]);
    assert_eq!(j.export_json()["outcomes"].as_array().unwrap().len(), 1);
}

#[test]
fn the_v3_fixture_is_really_version_three() {
    let bytes = fs::read(V3_DB).unwrap();
    assert_eq!(&bytes[60..64], &3u32.to_be_bytes(), "user_version in the header");
    assert_eq!(&bytes[68..72], &soleus::store::APPLICATION_ID.to_be_bytes());
}

/// An export without what version 6 (issue 12) adds: the plan history, the
/// sessions a day of the twice-daily exercises and the sessions done (1,
/// and so not written, for every older completion). Checks on the way that
/// the history opens one span per active plan entry, counting from the
/// journal's start.
fn as_before_plan_history(mut export: serde_json::Value) -> serde_json::Value {
    export = as_before_v3_profile_facts(export);
    let history = export.as_object_mut().unwrap().remove("plan_history").unwrap();
    let active: Vec<&str> = export["plan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["active"] == true)
        .map(|p| p["exercise"].as_str().unwrap())
        .collect();
    let spans: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .inspect(|s| {
            assert_eq!(s["start"], "1970-01-01");
            assert!(s["end"].is_null());
        })
        .map(|s| s["exercise"].as_str().unwrap())
        .collect();
    assert_eq!(spans, active, "one open span per active plan entry");
    for entry in export["plan"].as_array_mut().unwrap() {
        let per_day = entry.as_object_mut().unwrap().remove("per_day");
        let twice = entry["exercise"].as_str().unwrap().starts_with("eccentric-drop");
        assert_eq!(per_day.is_some(), twice, "{entry}");
    }
    for c in export["completions"].as_array().unwrap() {
        assert!(c.get("sessions").is_none(), "older completions are one session");
    }
    export
}

const V4_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v4.db");
const V4_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v4.json");

#[test]
fn v4_journal_made_by_the_previous_version_keeps_every_plan_and_completion_row() {
    let j = Journal::new();
    fs::copy(V4_DB, &j.db).unwrap();
    assert_eq!(user_version(&j.db), 4);
    let before = row_counts(&j.db);
    assert!(
        before.iter().all(|(_, n)| *n > 0),
        "the fixture fills every table: {before:?}"
    );

    let exported: serde_json::Value = serde_json::from_str(&j.ok(&["export", "--format", "json"])).unwrap();
    assert_eq!(user_version(&j.db), soleus::store::latest_schema_version() as i64);
    let expected: serde_json::Value = serde_json::from_str(&fs::read_to_string(V4_JSON).unwrap()).unwrap();
    assert_eq!(
        as_before_plan_history(exported),
        expected,
        "every row survives the upgrade"
    );

    let mut after = row_counts(&j.db);
    // Version 5 adds the run table (with sqlite_sequence for its ids),
    // version 6 the plan history.
    after.retain(|(t, _)| !["plan_span", "run", "sqlite_sequence", "run_deleted"].contains(&t.as_str()));
    assert_eq!(after, before, "same rows in every earlier table");

    let backup = j.dir.path().join("journal.db.v4.bak");
    assert!(backup.exists(), "backup written before migrating");
    assert_eq!(fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(user_version(&backup), 4, "the backup is the old schema");
    assert_eq!(row_counts(&backup), before);
}

#[test]
fn the_v4_fixture_is_really_version_four() {
    let bytes = fs::read(V4_DB).unwrap();
    assert_eq!(&bytes[60..64], &4u32.to_be_bytes(), "user_version in the header");
}

/// An export without what version 7 (issue 18) adds to the profile: the
/// two facts an older journal never asked, which it holds as "no".
fn as_before_v3_profile_facts(mut export: serde_json::Value) -> serde_json::Value {
    if let Some(profile) = export.get_mut("profile").and_then(|p| p.as_object_mut()) {
        for fact in ["clot_risk", "blood_thinners"] {
            assert_eq!(
                profile.remove(fact),
                Some(serde_json::json!(false)),
                "{fact} of an older journal"
            );
        }
    }
    export
}

const V6_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v6.db");
const V6_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v6.json");

/// Every row of every table, by table: the columns a version-6 journal
/// has, in a fixed order, each value as SQLite holds it.
fn table_rows(path: &std::path::Path) -> Vec<(String, Vec<Vec<rusqlite::types::Value>>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'run_deleted' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let v6_columns = |table: &str| -> Vec<String> {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // What versions 7 and 8 add is compared on its own.
        columns
            .into_iter()
            .filter(|c| !["clot_risk", "blood_thinners", "highest_pain", "running_s"].contains(&c.as_str()))
            .collect()
    };
    tables
        .into_iter()
        .map(|t| {
            let columns = v6_columns(&t);
            let list = columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt = conn
                .prepare(&format!("SELECT {list} FROM \"{t}\" ORDER BY {list}"))
                .unwrap();
            let rows = stmt
                .query_map([], |r| {
                    (0..columns.len()).map(|i| r.get(i)).collect::<Result<Vec<_>, _>>()
                })
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            (t, rows)
        })
        .collect()
}

#[test]
fn v6_journal_made_by_the_previous_version_keeps_every_row_of_every_table() {
    let j = Journal::new();
    fs::copy(V6_DB, &j.db).unwrap();
    assert_eq!(user_version(&j.db), 6);
    let before = row_counts(&j.db);
    assert!(
        before.iter().all(|(_, n)| *n > 0),
        "the fixture fills every table: {before:?}"
    );
    assert_eq!(before.len(), 12, "every table of schema 6: {before:?}");
    let rows_before = table_rows(&j.db);

    let exported = j.export_json();
    assert_eq!(user_version(&j.db), soleus::store::latest_schema_version() as i64);
    let expected: serde_json::Value = serde_json::from_str(&fs::read_to_string(V6_JSON).unwrap()).unwrap();
    assert_eq!(
        as_before_v3_profile_facts(exported.clone()),
        expected,
        "every record of the v6 journal survives the upgrade, field for field"
    );
    // Outcomes recorded before v3 have no highest pain, and say none.
    for o in exported["outcomes"].as_array().unwrap() {
        assert!(o["presentation"].get("highest_pain").is_none(), "{o}");
    }

    // Migration 0007 adds columns only: the same tables, the same rows,
    // every old column's value as it was.
    // (0008 adds the empty run_deleted table.)
    let mut after = row_counts(&j.db);
    after.retain(|(t, _)| t != "run_deleted");
    assert_eq!(after, before, "same rows in every table");
    assert_eq!(table_rows(&j.db), rows_before, "every value of every row kept");
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let facts: (i64, i64) = conn
        .query_row("SELECT clot_risk, blood_thinners FROM profile", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(facts, (0, 0), "an older journal's new profile facts are no");
    let pains: Vec<Option<i64>> = conn
        .prepare("SELECT highest_pain FROM outcome ORDER BY date")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pains, [None, None]);
    drop(conn);

    // The backup was written before the upgrade: the old schema, the old rows.
    let backup = j.dir.path().join("journal.db.v6.bak");
    assert!(backup.exists(), "backup written before migrating");
    assert_eq!(fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(user_version(&backup), 6, "the backup is the old schema");
    assert_eq!(row_counts(&backup), before);
    assert_eq!(table_rows(&backup), rows_before);
    let old = rusqlite::Connection::open(&backup).unwrap();
    let columns: Vec<String> = old
        .prepare("SELECT name FROM pragma_table_info('profile')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!columns.iter().any(|c| c == "clot_risk"), "{columns:?}");
    drop(old);

    // What the user sees: the profile names both facts, as no.
    let profile = j.ok(&["profile"]);
    assert!(profile.contains("clot history: yes"), "{profile}");
    assert!(profile.contains("other clot risk: no"), "{profile}");
    assert!(profile.contains("blood thinners: no"), "{profile}");
    // And the upgraded journal takes them, and keeps the rest.
    j.ok(&["profile", "--clot-risk", "yes", "--blood-thinners", "yes"]);
    let after = j.export_json();
    assert_eq!(after["profile"]["clot_risk"], true);
    assert_eq!(after["profile"]["blood_thinners"], true);
    assert_eq!(after["profile"]["clot_history"], true);
    assert_eq!(after["checkins"], expected["checkins"]);

    // Opening again neither migrates nor backs up again.
    fs::remove_file(&backup).unwrap();
    j.ok(&["status"]);
    assert!(!backup.exists());
}

#[test]
fn the_v6_fixture_is_really_version_six() {
    let bytes = fs::read(V6_DB).unwrap();
    assert_eq!(&bytes[60..64], &6u32.to_be_bytes(), "user_version in the header");
    assert_eq!(&bytes[68..72], &soleus::store::APPLICATION_ID.to_be_bytes());
}

const V7_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v7.db");
const V7_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v7.json");

#[test]
fn the_v7_fixture_is_really_version_seven() {
    let bytes = fs::read(V7_DB).unwrap();
    assert_eq!(&bytes[60..64], &7u32.to_be_bytes(), "user_version in the header");
    assert_eq!(&bytes[68..72], &soleus::store::APPLICATION_ID.to_be_bytes());
}

/// The checks migration (0009, issue 23) adds triggers only: a version-7
/// journal keeps every row of every table, value for value, and what it
/// refuses from then on is what soleus cannot read back.
#[test]
fn v7_journal_keeps_every_row_and_then_refuses_values_soleus_cannot_read() {
    let j = Journal::new();
    fs::copy(V7_DB, &j.db).unwrap();
    assert_eq!(user_version(&j.db), 7);
    let before = row_counts(&j.db);
    assert!(
        before.iter().all(|(_, n)| *n > 0),
        "the fixture fills every table: {before:?}"
    );
    let rows_before = table_rows(&j.db);
    // A row another program wrote before the upgrade stays, and is left
    // out by name rather than locking the journal away.
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    conn.execute(
        "UPDATE checkin SET date = '2025-02-30' WHERE date = '2026-05-12' AND leg = 'left'",
        [],
    )
    .unwrap();
    drop(conn);
    let rows_with_bad = table_rows(&j.db);
    assert_ne!(rows_with_bad, rows_before);

    let out = j.cmd().args(["status"]).assert().success().get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("1 record could not be read and was left out: check-in of 2025-02-30 left"),
        "{stderr}"
    );
    assert_eq!(user_version(&j.db), soleus::store::latest_schema_version() as i64);
    assert_eq!(table_rows(&j.db), rows_with_bad, "every value of every row kept");
    assert!(
        j.dir.path().join("journal.db.v7.bak").exists(),
        "backup written before migrating"
    );

    let mut exported = j.export_json();
    let unreadable = exported.as_object_mut().unwrap().remove("unreadable").unwrap();
    assert_eq!(unreadable[0]["record"], "check-in of 2025-02-30 left");
    assert_eq!(unreadable[0]["row"]["date"], "2025-02-30");
    let mut expected: serde_json::Value = serde_json::from_str(&fs::read_to_string(V7_JSON).unwrap()).unwrap();
    expected["checkins"]
        .as_array_mut()
        .unwrap()
        .retain(|c| !(c["date"] == "2026-05-12" && c["leg"] == "left"));
    assert_eq!(
        exported, expected,
        "every other record survives the upgrade, field for field"
    );

    let conn = rusqlite::Connection::open(&j.db).unwrap();
    for (sql, refused) in [
        ("UPDATE run SET km = 1e308", "run.km"),
        ("UPDATE checkin SET date = '2026-02-30'", "checkin.date"),
        ("UPDATE checkin SET date = '1899-12-31'", "checkin.date"),
        (
            "UPDATE checkin SET cross_min = 100000 WHERE date = '2026-06-19'",
            "checkin.cross_min",
        ),
        (
            "UPDATE checkin SET pain_rest = 2.5 WHERE date = '2026-06-19'",
            "checkin.pain_rest",
        ),
        ("UPDATE run SET moving_s = -1", "run.moving_s"),
        (
            "UPDATE run SET start = '2026-02-30T10:00:00Z' WHERE start IS NOT NULL",
            "run.start",
        ),
        ("UPDATE completion SET date = '20260101'", "completion.date"),
        ("UPDATE capacity_test SET reps = 501", "capacity_test.reps"),
        ("UPDATE plan_span SET end = 'soon'", "plan_span.end"),
        ("UPDATE profile SET injury_date = '2026-13-01'", "profile.injury_date"),
        ("UPDATE phase_change SET date = 'x'", "phase_change.date"),
        ("UPDATE outcome SET date = ''", "outcome.date"),
        ("UPDATE acknowledgement SET date = '2026-04-31'", "acknowledgement.date"),
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains(refused), "{sql}: {err}");
    }
    drop(conn);
    assert_eq!(table_rows(&j.db), rows_with_bad, "nothing refused was written");
    // What soleus writes still goes in.
    j.checkin("2026-06-20", Some("left"), "1", "2");
}
