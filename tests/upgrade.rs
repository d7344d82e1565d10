#![allow(clippy::unwrap_used)]
//! A journal written by an earlier schema version opens, upgrades with every
//! row intact, and leaves an owner-only backup of the old file beside it.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::Journal;

const V1_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v1.db");
const V1_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v1.json");

fn user_version(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

#[test]
fn v1_journal_upgrades_with_every_row_intact() {
    let j = Journal::new();
    fs::copy(V1_DB, &j.db).unwrap();
    let original = fs::read(&j.db).unwrap();
    assert_eq!(user_version(&j.db), 1);

    let exported = j.ok(&["export", "--format", "json"]);
    let expected = fs::read_to_string(V1_JSON).unwrap();
    assert_eq!(exported, expected, "every row of the v1 journal survives the upgrade");
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
    assert_eq!(exported, expected, "every row of the v3 journal survives the upgrade");

    let mut after = row_counts(&j.db);
    // Version 4 adds the outcome table; version 5 the run table (typed runs
    // move there from the check-ins, tests/upgrade_runs.rs) and SQLite's
    // sqlite_sequence for its AUTOINCREMENT ids.
    after.retain(|(t, _)| !["outcome", "run", "sqlite_sequence"].contains(&t.as_str()));
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
