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
