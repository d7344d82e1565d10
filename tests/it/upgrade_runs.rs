#![allow(clippy::unwrap_used)]
//! The runs migration (0005): a journal written by the version before it
//! upgrades with every typed run moved, unchanged, into the run table, and
//! an owner-only backup of the old file beside it.
//!
//! `tests/fixtures/journal-v3-runs.db` was made by the binary built from main
//! at 9df6388 (schema version 3, before the run table), then exported:
//!
//! ```text
//! SOLEUS_TODAY=2026-06-20 soleus --db journal-v3-runs.db demo --days 30
//! soleus checkin --date 2026-06-19 --leg left  --pain-rest 1 --pain-walk 2 --pain-run 3 --run-km 5.2 --run-min 31 --note "same run, both calves"
//! soleus checkin --date 2026-06-19 --leg right --pain-rest 0 --pain-walk 1 --pain-run 1 --run-km 5.2 --run-min 31
//! soleus checkin --date 2026-06-18 --leg left  --pain-rest 1 --pain-walk 1 --run-km 4 --run-min 26
//! soleus checkin --date 2026-06-18 --leg right --pain-rest 0 --pain-walk 0 --run-km 4.5 --run-min 27 --note "typed a different distance"
//! soleus checkin --date 2026-06-17 --leg left  --pain-rest 1 --pain-walk 1 --run-km 0 --note "zero km kept as zero"
//! soleus checkin --date 2026-06-16 --leg left  --pain-rest 1 --pain-walk 1 --run-min 20 --note "minutes only"
//! soleus checkin --date 2026-06-15 --leg right --pain-rest 2 --pain-walk 2 --run-km 3.33 --note "km only"
//! soleus --db journal-v3-runs.db export --format json > journal-v3-runs.json
//! ```

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::kit::{Journal, user_version};

const V3_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v3-runs.db");
const V3_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v3-runs.json");

/// `(date, leg, km, moving_s, source)` of a row of the run table.
type RunRow = (String, String, Option<f64>, Option<i64>, String);

/// `(date, leg, km, minutes)` of every check-in that holds a run value.
fn typed_runs(json: &serde_json::Value) -> Vec<(String, String, Option<f64>, Option<u64>)> {
    json["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["run_km"].is_null() || !c["run_min"].is_null())
        .map(|c| {
            (
                c["date"].as_str().unwrap().to_owned(),
                c["leg"].as_str().unwrap().to_owned(),
                c["run_km"].as_f64(),
                c["run_min"].as_u64(),
            )
        })
        .collect()
}

#[test]
fn typed_runs_move_into_the_run_table_with_every_value_kept() {
    let j = Journal::new();
    fs::copy(V3_DB, &j.db).unwrap();
    assert_eq!(user_version(&j.db), 3);
    let old = rusqlite::Connection::open(&j.db).unwrap();
    let old_checkins: i64 = old.query_row("SELECT count(*) FROM checkin", [], |r| r.get(0)).unwrap();
    drop(old);

    let mut expected: serde_json::Value = serde_json::from_str(&fs::read_to_string(V3_JSON).unwrap()).unwrap();
    // Version 4 (issue 10) adds outcomes, empty in an upgraded journal.
    expected["outcomes"] = serde_json::json!([]);
    let mut exported = j.export_json();
    assert_eq!(user_version(&j.db), soleus::store::latest_schema_version() as i64);
    // Version 7 (issue 18) adds two profile facts, "no" for an older journal.
    let profile = exported["profile"].as_object_mut().unwrap();
    for fact in ["clot_risk", "blood_thinners"] {
        assert_eq!(profile.remove(fact), Some(serde_json::json!(false)), "{fact}");
    }
    // What the runs migration touches is the same field for field; the
    // plan and completion rows go on through migration 0006 (issue 12),
    // whose own upgrade test covers them.
    for key in [
        "profile",
        "checkins",
        "capacity_tests",
        "acknowledgements",
        "phases",
        "exercises",
        "outcomes",
    ] {
        assert_eq!(
            exported[key], expected[key],
            "{key}: the export is the same, field for field"
        );
    }
    assert_eq!(typed_runs(&exported), typed_runs(&expected));
    assert_eq!(typed_runs(&expected).len(), 7, "the fixture holds typed runs");

    // In the new table: one manual run per check-in that held run values,
    // zero km included; none without.
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let runs: Vec<RunRow> = conn
        .prepare("SELECT date, leg, km, moving_s, source FROM run ORDER BY date, leg")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(runs.len(), 7);
    assert!(runs.iter().all(|r| r.4 == "manual"));
    let zero = runs.iter().find(|r| r.0 == "2026-06-17").unwrap();
    assert_eq!((zero.2, zero.3), (Some(0.0), None));
    let minutes_only = runs.iter().find(|r| r.0 == "2026-06-16").unwrap();
    assert_eq!((minutes_only.2, minutes_only.3), (None, Some(20 * 60)));
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('checkin')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!columns.iter().any(|c| c == "run_km" || c == "run_min"), "{columns:?}");
    let checkins: i64 = conn
        .query_row("SELECT count(*) FROM checkin", [], |r| r.get(0))
        .unwrap();
    assert_eq!(checkins, old_checkins);
    drop(conn);

    let backup = j.dir.path().join("journal.db.v3.bak");
    assert!(backup.exists(), "backup written before migrating");
    assert_eq!(fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(user_version(&backup), 3, "the backup is the old schema");

    // The two calves' check-ins of 2026-06-19 report one run: it is listed
    // twice (one typed run per check-in) but the week counts it once.
    let list = j.ok(&["runs", "--days", "7"]);
    assert!(list.contains("5.2 km"), "{list}");
    let flags = j.ok(&["flags", "--date", "2026-06-19", "--json"]);
    assert!(flags.contains("\"light\""), "{flags}");
}

#[test]
fn the_runs_fixture_is_really_version_three() {
    let bytes = fs::read(V3_DB).unwrap();
    assert_eq!(&bytes[60..64], &3u32.to_be_bytes(), "user_version in the header");
    assert_eq!(&bytes[68..72], &soleus::store::APPLICATION_ID.to_be_bytes());
}

// ----- migration 0008 (issue 20): running time and deleted runs -----

/// `tests/fixtures/journal-v7-runs.db` was made by the binary built from
/// main at 159d4ba (schema version 7, before migration 0008), with three GPX
/// tracks (an 8x1/2 walk-run, a steady run, one deleted afterwards), then
/// exported:
///
/// ```text
/// export SOLEUS_TODAY=2026-06-20 TZ=UTC
/// soleus --db journal-v7-runs.db demo --days 40
/// soleus --db journal-v7-runs.db checkin --date 2026-06-19 --leg left --pain-rest 1 --pain-walk 1 --pain-run 2 --intervals 8x1/2
/// soleus --db journal-v7-runs.db checkin --date 2026-06-15 --leg left --pain-rest 1 --pain-walk 1 --pain-run 2 --intervals 8x1/2
/// soleus --db journal-v7-runs.db runs import walkrun.gpx steady.gpx deleted.gpx
/// soleus --db journal-v7-runs.db runs delete 5
/// soleus --db journal-v7-runs.db export --format json > journal-v7-runs.json
/// ```
const V7_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v7-runs.db");
const V7_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v7-runs.json");

/// Every column of every run row, as SQLite holds it.
fn run_rows(db: &std::path::Path, columns: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let n = columns.split(',').count();
    conn.prepare(&format!("SELECT {columns} FROM run ORDER BY id"))
        .unwrap()
        .query_map([], |r| (0..n).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_v7_journal_keeps_every_run_and_gains_running_time_and_tombstones() {
    let j = Journal::new();
    fs::copy(V7_DB, &j.db).unwrap();
    assert_eq!(user_version(&j.db), 7);
    let old_columns = "id, date, start, km, moving_s, climb_m, source, source_id, intervals, leg";
    let before = run_rows(&j.db, old_columns);
    assert_eq!(before.len(), 4, "two typed and two imported runs");

    let exported = j.export_json();
    assert_eq!(user_version(&j.db), soleus::store::latest_schema_version() as i64);
    let expected: serde_json::Value = serde_json::from_str(&fs::read_to_string(V7_JSON).unwrap()).unwrap();
    for key in ["profile", "checkins", "runs", "completions", "plan", "outcomes"] {
        assert_eq!(exported[key], expected[key], "{key}: the same, field for field");
    }
    assert_eq!(run_rows(&j.db, old_columns), before, "every value of every run kept");
    let running: Vec<Vec<rusqlite::types::Value>> = run_rows(&j.db, "running_s");
    assert!(
        running.iter().all(|r| r[0] == rusqlite::types::Value::Null),
        "no running time for runs imported before: their moving time counts"
    );
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let tombstones: i64 = conn
        .query_row("SELECT count(*) FROM run_deleted", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tombstones, 0, "a run deleted before version 8 left no trace to keep");
    drop(conn);
    let backup = j.dir.path().join("journal.db.v7.bak");
    assert_eq!(user_version(&backup), 7, "the backup is the old schema");
    assert_eq!(fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);

    // The typed intervals of 2026-06-15 now describe the GPX run of that
    // day: one run, not two.
    let list = j.ok(&["runs"]);
    assert!(list.contains("3 runs,"), "{list}");
    assert!(list.contains("the imported run of that day"), "{list}");
    // And the upgraded journal takes new runs, deletes and restores them.
    let run = j.dir.path().join("new.gpx");
    fs::write(
        &run,
        crate::kit::fit::gpx_track(1_781_852_400, Some("running"), &[(0, 0.0, 1.0), (600, 1700.0, 1.0)]),
    )
    .unwrap();
    assert!(j.ok(&["runs", "import", run.to_str().unwrap()]).contains("1 added"));
    assert!(j.ok(&["runs", "delete", "6"]).contains("runs restore 6"));
    assert!(j.ok(&["runs", "restore", "6"]).contains("restored run 6"));
}

#[test]
fn the_v7_runs_fixture_is_really_version_seven() {
    let bytes = fs::read(V7_DB).unwrap();
    assert_eq!(&bytes[60..64], &7u32.to_be_bytes(), "user_version in the header");
}
