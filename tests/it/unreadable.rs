//! One value soleus cannot read (issue 23, item 6): a run of 1e308 km, a
//! check-in dated 30 February, written by another program or an older
//! version. The record is named in one line and left out of what needs it;
//! everything else reads, the export carries it as stored, and a new entry
//! can replace it.
#![allow(clippy::unwrap_used)]

use std::fs;

use crate::kit::Journal;

const V7_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v7.db");

/// A journal of the schema before the checks, with one typed run of
/// 1e308 km and one check-in dated 2025-02-30 written behind soleus's back.
fn journal_with_bad_rows() -> Journal {
    let j = Journal::new();
    fs::copy(V7_DB, &j.db).unwrap();
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let changed = conn
        .execute(
            "UPDATE run SET km = 1e308 WHERE source = 'manual' AND date = '2026-06-19' AND leg = 'right'",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    conn.execute(
        "UPDATE checkin SET date = '2025-02-30' WHERE date = '2026-05-12' AND leg = 'left'",
        [],
    )
    .unwrap();
    drop(conn);
    j
}

fn run(j: &Journal, args: &[&str]) -> (String, String) {
    let out = j.cmd().args(args).assert().success().get_output().clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_read_works_and_names_what_it_left_out() {
    let j = journal_with_bad_rows();
    for args in [
        &["status"][..],
        &["flags"],
        &["report"],
        &["plan"],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
    ] {
        let (_, stderr) = run(&j, args);
        assert!(
            stderr.contains("2 records could not be read and were left out"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("check-in of 2025-02-30 left"), "{args:?}: {stderr}");
        assert!(stderr.contains("check-in of 2026-06-19 right"), "{args:?}: {stderr}");
        assert!(stderr.contains("got 1e308"), "{args:?}: {stderr}");
        assert!(!stderr.contains("0000000000"), "no 309-digit number: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: one line: {stderr}");
    }
}

#[test]
fn runs_lists_the_others_and_names_the_unreadable_run() {
    let j = journal_with_bad_rows();
    let (listed, stderr) = run(&j, &["runs"]);
    assert!(!listed.is_empty());
    assert!(
        stderr.contains("1 record could not be read and was left out: run 3 of 2026-06-19 (distance_km: expected a number from 0 to 500, got 1e308)"),
        "{stderr}"
    );
}

#[test]
fn the_export_carries_the_unreadable_rows_marked_and_an_import_says_it_skips_them() {
    let j = journal_with_bad_rows();
    let (text, _) = run(&j, &["export", "--format", "json"]);
    let export: serde_json::Value = serde_json::from_str(&text).unwrap();
    let unreadable = export["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 2, "{unreadable:?}");
    let km = unreadable
        .iter()
        .find(|r| r["record"] == "check-in of 2026-06-19 right")
        .unwrap();
    assert_eq!(km["table"], "checkin");
    assert_eq!(km["row"]["run_km"], 1e308);
    assert_eq!(km["row"]["note"], "typed run, right calf");
    assert!(
        km["problem"]
            .as_str()
            .unwrap()
            .starts_with("run_km: expected a number from 0 to 500")
    );
    let date = unreadable
        .iter()
        .find(|r| r["record"] == "check-in of 2025-02-30 left")
        .unwrap();
    assert_eq!(date["row"]["date"], "2025-02-30");

    // Merged into another journal, and into itself: what is readable goes
    // in, and the skipped records are named.
    let file = j.dir.path().join("export.json");
    fs::write(&file, &text).unwrap();
    let other = Journal::new();
    let (said, _) = run(&other, &["import", file.to_str().unwrap()]);
    assert!(
        said.contains("not imported: 2 records the file marks as unreadable (check-in of 2025-02-30 left; check-in of 2026-06-19 right)"),
        "{said}"
    );
    let (said, _) = run(&j, &["import", file.to_str().unwrap()]);
    assert!(said.contains("0 added, 0 updated"), "{said}");
}

#[test]
fn a_new_checkin_replaces_the_unreadable_one() {
    let j = journal_with_bad_rows();
    let (said, _) = run(
        &j,
        &[
            "checkin",
            "--date",
            "2026-06-19",
            "--leg",
            "right",
            "--pain-rest",
            "1",
            "--pain-walk",
            "2",
            "--run-km",
            "5.2",
            "--run-min",
            "31",
        ],
    );
    assert!(said.contains("saved"), "{said}");
    let (_, stderr) = run(&j, &["status"]);
    assert!(
        stderr.contains("1 record could not be read and was left out: check-in of 2025-02-30 left"),
        "{stderr}"
    );
    let export = j.export_json();
    let replaced = export["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["date"] == "2026-06-19" && c["leg"] == "right")
        .unwrap();
    assert_eq!(replaced["run_km"], 5.2);
}

#[test]
fn the_checks_refuse_what_soleus_cannot_read_back() {
    let j = Journal::new();
    j.checkin("2026-06-20", Some("left"), "1", "2");
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let err = conn
        .execute("UPDATE checkin SET date = '2025-02-30'", [])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("checkin.date: expected a YYYY-MM-DD calendar date"),
        "{err}"
    );
    let err = conn
        .execute(
            "INSERT INTO run (date, km, source, leg) VALUES ('2026-06-20', 1e308, 'manual', 'right')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("run.km: expected a number from 0 to 500"), "{err}");
}

/// `runs delete` takes away the run that cannot be read, by the ID the
/// left-out line names (before: refused, with a 309-digit number).
#[test]
fn runs_delete_removes_the_unreadable_run() {
    let j = journal_with_bad_rows();
    let (_, stderr) = run(&j, &["runs"]);
    let id = stderr
        .split("run ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .unwrap()
        .to_owned();
    let (said, _) = run(&j, &["runs", "delete", &id]);
    assert!(
        said.contains(&format!("deleted run {id}, which could not be read")),
        "{said}"
    );
    assert!(!said.contains("0000000000"), "{said}");
    let (_, stderr) = run(&j, &["status"]);
    assert!(
        stderr.contains("1 record could not be read and was left out: check-in of 2025-02-30 left"),
        "{stderr}"
    );
    let out = j.cmd().args(["runs", "delete", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a second delete names the ID as unknown");
}

/// The app says on its first screen which record it left out, not only on
/// stderr once the terminal is the user's again.
#[test]
fn the_app_names_the_left_out_records_on_its_first_screen() {
    let j = journal_with_bad_rows();
    let store = soleus::store::Store::open(&j.db).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    let app = soleus::ui::app::App::new(Box::new(store), today, today.and_hms_opt(7, 30, 0).unwrap()).unwrap();
    let status = app.status.as_ref().expect("a status line");
    assert!(
        status
            .text
            .starts_with("2 records could not be read and were left out: "),
        "{}",
        status.text
    );
    let screen = format!("{:?}", crate::kit::draw(&app, 120, 40).backend());
    assert!(screen.contains("2 records could not be read"), "{screen}");
}
