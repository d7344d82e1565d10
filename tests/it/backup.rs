#![allow(clippy::unwrap_used)]
//! `soleus backup`, the rotating daily backups, and the restore that the
//! README describes.

use std::fs;
use std::path::Path;

use crate::kit::{self, Journal, TODAY, mode};
use chrono::{Days, NaiveDate};

/// The export of the journal at `path`, through soleus.
fn export_of(path: &Path) -> String {
    let out = kit::soleus_with_db(path)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn backup_writes_a_private_copy_that_opens_as_the_same_journal() {
    let j = Journal::new();
    j.ok(&["demo", "--days", "40"]);
    let out = j.ok(&["backup"]);
    let default = j.dir.path().join(format!("journal.db.backup-{TODAY}"));
    assert!(out.contains(&default.display().to_string()), "{out}");
    assert_eq!(mode(&default), 0o600);
    assert_eq!(export_of(&default), export_of(&j.db));

    // An earlier backup is replaced; the copy is never half-written, so no
    // partial file is left beside it.
    j.ok(&[
        "checkin",
        "--pain-rest",
        "7",
        "--pain-walk",
        "7",
        "--date",
        "2026-06-19",
    ]);
    let custom = j.dir.path().join("copy.db");
    j.ok(&["backup", "--out", custom.to_str().unwrap()]);
    j.ok(&["backup", "--out", custom.to_str().unwrap()]);
    assert_eq!(export_of(&custom), export_of(&j.db));
    let leftovers: Vec<_> = fs::read_dir(j.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn backup_never_overwrites_another_file_or_the_journal() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let notes = j.dir.path().join("notes.txt");
    fs::write(&notes, "my notes").unwrap();
    for target in [&notes, &j.db] {
        let before = fs::read(target).unwrap();
        let out = j
            .cmd()
            .args(["backup", "--out", target.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("out"));
        assert_eq!(fs::read(target).unwrap(), before);
    }
}

#[test]
fn daily_backups_are_made_once_a_day_and_the_last_seven_kept() {
    let j = Journal::new();
    let backups = j.dir.path().join("backups");
    // A journal without entries has nothing worth keeping.
    j.ok(&["profile", "--leg", "left"]);
    assert!(!backups.exists());
    j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "2"]);
    let first = backups.join(format!("journal.db.{TODAY}"));
    assert_eq!(mode(&backups), 0o700);
    assert_eq!(mode(&first), 0o600);
    assert_eq!(
        export_of(&first),
        export_of(&j.db),
        "taken after the day's first command"
    );

    // The same day again: the copy is not rewritten.
    let written = fs::metadata(&first).unwrap().modified().unwrap();
    j.ok(&["checkin", "--pain-rest", "5", "--pain-walk", "5"]);
    assert_eq!(fs::metadata(&first).unwrap().modified().unwrap(), written);

    let today: NaiveDate = TODAY.parse().unwrap();
    for later in 1..=9 {
        let day = today + Days::new(later);
        j.cmd()
            .env("SOLEUS_TODAY", day.to_string())
            .arg("status")
            .assert()
            .success();
    }
    let mut kept: Vec<String> = fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    let expected: Vec<String> = (3..=9)
        .map(|later| format!("journal.db.{}", today + Days::new(later)))
        .collect();
    assert_eq!(kept, expected);
}

#[test]
fn restoring_a_backup_is_copying_it_over_the_journal() {
    let j = Journal::new();
    j.ok(&["demo", "--days", "20"]);
    let saved = export_of(&j.db);
    let copy = j.dir.path().join("journal.db.backup");
    j.ok(&["backup", "--out", copy.to_str().unwrap()]);
    j.ok(&["checkin", "--pain-rest", "9", "--pain-walk", "9", "--note", "a mistake"]);
    assert_ne!(export_of(&j.db), saved);

    // What the README says: with soleus not running, copy the backup over
    // the journal.
    fs::copy(&copy, &j.db).unwrap();
    assert_eq!(export_of(&j.db), saved);
    j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "1"]);
}

/// Issue 23, item 4: a week run with the clock in 2099 left seven copies
/// dated then. Back on the right date, today's copy is written and kept
/// (the 2099 ones no longer crowd it out), and the user is told once.
#[test]
fn copies_dated_after_today_never_crowd_out_the_real_ones() {
    let j = Journal::new();
    let backups = j.dir.path().join("backups");
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "2"]);
    let ahead: NaiveDate = "2099-03-01".parse().unwrap();
    for later in 0..7 {
        j.cmd()
            .env("SOLEUS_TODAY", (ahead + Days::new(later)).to_string())
            .arg("status")
            .assert()
            .success();
    }
    let today: NaiveDate = TODAY.parse().unwrap();
    for later in 1..=3 {
        let day = today + Days::new(later);
        let out = j
            .cmd()
            .env("SOLEUS_TODAY", day.to_string())
            .arg("status")
            .assert()
            .success()
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(
                "7 daily copies dated after today (the newest 2099-03-07) lie beside it: the clock was ahead"
            ),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(backups.join(format!("journal.db.{day}")).exists(), "{day} kept");
        // Once a day: the copy exists, nothing more is said.
        let again = j
            .cmd()
            .env("SOLEUS_TODAY", day.to_string())
            .arg("status")
            .assert()
            .success();
        assert_eq!(String::from_utf8(again.get_output().stderr.clone()).unwrap(), "");
    }
    let kept = fs::read_dir(&backups).unwrap().count();
    // While the clock said 2099, those days were today and the first real
    // copy was the oldest of eight: the seven ahead and three real days.
    assert_eq!(kept, 7 + 3);
}

/// Issue 23, item 16: a daily copy that cannot be written is a warning that
/// names the copy and says the entry was saved, never "nothing was saved".
#[test]
fn a_failed_daily_copy_names_the_copy_and_says_the_entry_was_saved() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--pain-rest",
        "1",
        "--pain-walk",
        "2",
        "--date",
        "2026-06-19",
    ]);
    // Today's copy cannot be written: a file stands where its folder goes.
    let backups = j.dir.path().join("backups");
    fs::remove_dir_all(&backups).unwrap();
    fs::write(&backups, "not a folder").unwrap();
    let out = j
        .cmd()
        .args(["checkin", "--pain-rest", "3", "--pain-walk", "4"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("could not write the daily copy"), "{stderr}");
    assert!(stderr.contains(&format!("journal.db.{TODAY}")), "{stderr}");
    assert!(stderr.contains("what this command saved is saved"), "{stderr}");
    assert!(!stderr.contains("nothing was saved"), "{stderr}");
    assert_eq!(
        j.export_json()["checkins"].as_array().unwrap().len(),
        2,
        "the entry was saved"
    );
}
