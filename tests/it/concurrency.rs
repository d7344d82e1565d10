#![allow(clippy::unwrap_used)]
//! docs/storage.md: "a second instance (TUI or CLI) works at the same time without
//! errors or lost writes". Several real soleus processes write and read one
//! journal at once; none may fail (in particular, "database is locked" must
//! never reach the user) and every write must be there afterwards.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use crate::kit::{self, Journal, TODAY};
use chrono::{Days, NaiveDate};
use serde_json::Value;

/// Runs soleus and fails the test on any error, naming the command.
fn run_ok(db: &Path, args: &[String]) -> String {
    let out = kit::soleus_with_db(db).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "soleus {args:?} failed ({:?}): {stderr}",
        out.status
    );
    String::from_utf8(out.stdout).unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn day(offset: u64) -> String {
    let today: NaiveDate = TODAY.parse().unwrap();
    (today - Days::new(offset)).to_string()
}

/// (date, leg) → (pain_rest, pain_walk, note) of every stored check-in.
fn checkins(j: &Journal) -> BTreeMap<(String, String), (u64, u64, String)> {
    j.export_json()["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
            (
                (text("date"), text("leg")),
                (
                    c["pain_rest"].as_u64().unwrap(),
                    c["pain_walk"].as_u64().unwrap(),
                    text("note"),
                ),
            )
        })
        .collect()
}

#[test]
fn writers_importers_and_readers_at_once_lose_nothing() {
    const WRITERS: u64 = 4;
    const PER_WRITER: u64 = 25;
    // The journal does not exist yet: the writers also race to create it.
    let j = Journal::new();
    let mut expected = BTreeMap::new();
    for w in 0..WRITERS {
        for i in 0..PER_WRITER {
            let key = (
                day((w / 2) * PER_WRITER + i),
                ["left", "right"][(w % 2) as usize].to_owned(),
            );
            expected.insert(key, ((w + i) % 11, (w * i) % 11, format!("writer {w} entry {i}")));
        }
    }
    // An import of 30 older check-ins, run three times while the writers
    // write: a read-then-write transaction that must wait, not fail.
    let mut csv = String::from("date,leg,pain_rest,pain_walk,note\n");
    for i in 0..30 {
        let date = day(400 + i);
        csv.push_str(&format!("{date},right,{},{},imported {i}\n", i % 11, (i + 3) % 11));
        expected.insert(
            (date, "right".to_owned()),
            (i % 11, (i + 3) % 11, format!("imported {i}")),
        );
    }
    let csv_file = j.dir.path().join("older.csv");
    std::fs::write(&csv_file, csv).unwrap();

    let writing_done = AtomicBool::new(false);
    let reads = thread::scope(|s| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let db = &j.db;
                s.spawn(move || {
                    for i in 0..PER_WRITER {
                        let leg = ["left", "right"][(w % 2) as usize];
                        let date = day((w / 2) * PER_WRITER + i);
                        run_ok(
                            db,
                            &args(&[
                                "checkin",
                                "--date",
                                &date,
                                "--leg",
                                leg,
                                "--pain-rest",
                                &((w + i) % 11).to_string(),
                                "--pain-walk",
                                &((w * i) % 11).to_string(),
                                "--note",
                                &format!("writer {w} entry {i}"),
                            ]),
                        );
                    }
                })
            })
            .collect();
        let importer = s.spawn(|| {
            for _ in 0..3 {
                run_ok(&j.db, &args(&["import", csv_file.to_str().unwrap()]));
            }
        });
        let readers: Vec<_> = [["status", ""], ["export", "--format=json"]]
            .into_iter()
            .map(|command| {
                let (db, done) = (&j.db, &writing_done);
                s.spawn(move || {
                    let mut reads = 0;
                    while !done.load(Ordering::SeqCst) {
                        let list: Vec<&str> = command.into_iter().filter(|a| !a.is_empty()).collect();
                        // A reader may start before any writer created the file.
                        if db.exists() {
                            run_ok(db, &args(&list));
                            reads += 1;
                        }
                    }
                    reads
                })
            })
            .collect();
        for handle in writers {
            handle.join().unwrap();
        }
        importer.join().unwrap();
        writing_done.store(true, Ordering::SeqCst);
        readers.into_iter().map(|h| h.join().unwrap()).sum::<usize>()
    });

    assert_eq!(checkins(&j), expected, "every write is there, with its values");
    println!(
        "{} check-ins from {WRITERS} writers, 3 imports of 30 and {reads} reads at the same time",
        WRITERS * PER_WRITER
    );
}

#[test]
fn processes_creating_one_new_journal_at_once_all_succeed() {
    for round in 0..6 {
        let j = Journal::new();
        thread::scope(|s| {
            for i in 0..4u64 {
                let db = &j.db;
                s.spawn(move || {
                    let date = day(i);
                    run_ok(
                        db,
                        &args(&[
                            "checkin",
                            "--leg",
                            "left",
                            "--date",
                            &date,
                            "--pain-rest",
                            "1",
                            "--pain-walk",
                            "2",
                        ]),
                    );
                });
            }
        });
        assert_eq!(checkins(&j).len(), 4, "round {round}");
    }
}

#[test]
fn processes_upgrading_one_old_journal_at_once_all_succeed() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/journal-v1.db");
    for round in 0..3 {
        let j = Journal::new();
        std::fs::copy(fixture, &j.db).unwrap();
        let exports: Vec<String> = thread::scope(|s| {
            let handles: Vec<_> = (0..3)
                .map(|_| s.spawn(|| run_ok(&j.db, &args(&["export", "--format", "json"]))))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(exports.windows(2).all(|w| w[0] == w[1]), "round {round}");
        let backup = j.dir.path().join("journal.db.v1.bak");
        let conn = rusqlite::Connection::open(&backup).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, 1, "round {round}: the pre-upgrade copy is of the old schema");
    }
}

#[test]
fn two_profile_changes_at_once_both_count() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    for round in 0..5 {
        thread::scope(|s| {
            s.spawn(|| run_ok(&j.db, &args(&["profile", "--clot-history", "yes"])));
            s.spawn(|| run_ok(&j.db, &args(&["profile", "--cancer", "yes"])));
        });
        let profile: Value = j.export_json()["profile"].clone();
        assert_eq!(
            (&profile["clot_history"], &profile["cancer"]),
            (&Value::Bool(true), &Value::Bool(true)),
            "round {round}"
        );
        j.ok(&["profile", "--clot-history", "no", "--cancer", "no"]);
    }
}

/// Issue 23, item 1: the app's form was read, another process (the CLI)
/// then saved the same check-in with a red-flag sign and a note, and the
/// app's Ctrl-s said "✓ Saved" and wiped it (40 of 40 trials). Now the
/// save is refused with both versions shown: 0 silent overwrites, and the
/// CLI's entry is in the journal after every trial.
#[test]
fn a_stale_form_never_silently_overwrites_another_process_s_entry() {
    use ratatui::crossterm::event::KeyCode;
    use soleus::domain::{InjuredLeg, Leg, Profile};
    use soleus::store::Store;
    use soleus::ui::dialogs::Modal;

    const TRIALS: usize = 40;
    let (mut silent, mut refused) = (0, 0);
    for trial in 0..TRIALS {
        let j = Journal::new();
        let store = Store::open(&j.db).unwrap();
        store
            .save_profile(&Profile {
                leg: InjuredLeg::Left,
                ..Profile::default()
            })
            .unwrap();
        if trial % 2 == 1 {
            // Half the trials edit an entry that already exists.
            j.cmd()
                .env("SOLEUS_TODAY", kit::today().to_string())
                .args(["checkin", "--leg", "left", "--pain-rest", "1", "--pain-walk", "1"])
                .assert()
                .success();
        }
        let mut app = kit::open(store);
        kit::typed(&mut app, "3");
        kit::code(&mut app, KeyCode::Down);
        kit::typed(&mut app, "4");
        j.cmd()
            .env("SOLEUS_TODAY", kit::today().to_string())
            .args([
                "checkin",
                "--leg",
                "left",
                "--pain-rest",
                "7",
                "--pain-walk",
                "8",
                "--symptom",
                "swelling",
                "--note",
                "cli",
            ])
            .assert()
            .success();
        kit::ctrl(&mut app, 's');
        let said_saved = app.status.as_ref().is_some_and(|s| s.text.starts_with("✓ Saved"));
        let stored = Store::open(&j.db)
            .unwrap()
            .checkin(kit::today(), Leg::Left)
            .unwrap()
            .unwrap();
        if stored.note.as_deref() != Some("cli") {
            silent += 1;
        }
        assert!(!said_saved, "trial {trial}: ✓ Saved over the CLI's entry");
        if let Some(Modal::Conflict(dialog)) = &app.modal {
            refused += 1;
            let question = dialog.question();
            assert!(question.contains("signs: swelling"), "theirs is shown: {question}");
            assert!(question.contains("rest 3 · walk 4"), "mine is shown: {question}");
            let screen = kit::screen(&app);
            assert!(screen.contains("Changed elsewhere"), "{screen}");
        }
    }
    assert_eq!(silent, 0, "silent overwrites in {TRIALS} trials");
    assert_eq!(refused, TRIALS, "each stale save is refused with both versions");
}
