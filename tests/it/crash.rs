#![allow(clippy::unwrap_used)]
//! docs/storage.md: "a save the app reported as done survives `kill -9` at any
//! moment", and a panic never leaves the journal half-written.
//!
//! The kill test runs the real `soleus checkin` and SIGKILLs it after a
//! random delay, from the first instant of a brand-new journal (inside the
//! file's creation and first migration) to the end of a save on an existing
//! one. After every kill, the next `soleus status` must work (a half-created
//! journal opens as a new one, never as a foreign file), `PRAGMA
//! integrity_check` must say ok, and every save that printed "saved" or
//! "replaced" before the kill must be there with its exact values.
//!
//! `SOLEUS_CRASH_KILLS` (default 150) sets how many kills to make, and
//! `SOLEUS_CRASH_SEED` the seed; run with `--nocapture` to see the counts.

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::kit::{self, Journal, TODAY};
use chrono::{Days, NaiveDate};

/// The values one `checkin` writes; the key is (date, leg).
#[derive(Debug, Clone, PartialEq)]
struct Values {
    pain_rest: u8,
    pain_walk: u8,
    tightness: u8,
    note: String,
}

type Key = (String, String);

/// What the journal may hold for one key: the last acknowledged save, and
/// every save attempted after it whose fate is unknown (killed before it
/// said anything, so it may or may not have been committed).
#[derive(Debug, Default)]
struct Expected {
    acknowledged: Option<Values>,
    unknown_since: Vec<Values>,
}

#[derive(Debug, Default)]
struct Counts {
    attempts: usize,
    kills: usize,
    kills_on_new_journal: usize,
    kills_before_setup_committed: usize,
    acknowledged: usize,
    killed_after_acknowledging: usize,
    lost: usize,
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn checkin_command(db: &Path, key: &Key, v: &Values) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_soleus"));
    cmd.env_remove("SOLEUS_DB")
        .env("SOLEUS_TODAY", TODAY)
        .arg("--db")
        .arg(db)
        .args(["checkin", "--date", &key.0, "--leg", &key.1])
        .args(["--pain-rest", &v.pain_rest.to_string()])
        .args(["--pain-walk", &v.pain_walk.to_string()])
        .args(["--tightness", &v.tightness.to_string()])
        .args(["--note", &v.note])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// How long an uninterrupted checkin takes on a new and on an existing
/// journal here, so that the kill delays cover the whole run on any machine.
fn calibrate() -> (Duration, Duration) {
    let mut fresh = Vec::new();
    let mut existing = Vec::new();
    for i in 0..3 {
        let j = Journal::new();
        let v = Values {
            pain_rest: 1,
            pain_walk: 1,
            tightness: 1,
            note: format!("calibration {i}"),
        };
        for times in [&mut fresh, &mut existing] {
            let start = Instant::now();
            let out = assert_cmd::Command::from_std(checkin_command(&j.db, &(TODAY.to_owned(), "left".to_owned()), &v))
                .timeout(kit::CHILD_TIMEOUT)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            times.push(start.elapsed());
        }
    }
    fresh.sort();
    existing.sort();
    (fresh[1], existing[1])
}

/// The committed schema version, read from a copy of the journal and its
/// side files, so that the original is not recovered by this look.
fn committed_schema_version(db: &Path) -> Option<i64> {
    if !db.exists() {
        return None;
    }
    let scratch = tempfile::tempdir().unwrap();
    let copy = scratch.path().join("copy.db");
    std::fs::copy(db, &copy).unwrap();
    for suffix in ["-wal", "-journal"] {
        let side = db.with_file_name(format!("journal.db{suffix}"));
        if side.exists() {
            std::fs::copy(&side, scratch.path().join(format!("copy.db{suffix}"))).unwrap();
        }
    }
    let conn = rusqlite::Connection::open(&copy).unwrap();
    Some(conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap())
}

/// The check-ins as the journal holds them, read with SQLite directly.
fn stored_checkins(db: &Path) -> BTreeMap<Key, Values> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "integrity_check");
    let mut stmt = conn
        .prepare("SELECT date, leg, pain_rest, pain_walk, tightness, note FROM checkin")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            (r.get(0)?, r.get(1)?),
            Values {
                pain_rest: r.get(2)?,
                pain_walk: r.get(3)?,
                tightness: r.get(4)?,
                note: r.get(5)?,
            },
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The next soleus after a kill must work on whatever the kill left.
fn next_status_works(db: &Path) {
    let out = kit::soleus_with_db(db).arg("status").output().unwrap();
    assert!(
        out.status.success(),
        "soleus status after a kill: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Checks every key against the model; returns the acknowledged saves that
/// are missing or changed.
fn lost_saves(expected: &BTreeMap<Key, Expected>, stored: &BTreeMap<Key, Values>) -> Vec<String> {
    let mut lost = Vec::new();
    for (key, e) in expected {
        let actual = stored.get(key);
        let plausible = match actual {
            None => e.acknowledged.is_none(),
            Some(v) => e.acknowledged.as_ref() == Some(v) || e.unknown_since.contains(v),
        };
        assert!(
            plausible || e.acknowledged.is_some(),
            "{key:?} holds {actual:?}, which no save wrote"
        );
        if let (false, Some(acknowledged)) = (plausible, &e.acknowledged) {
            eprintln!("LOST {key:?}: expected {acknowledged:?}, found {actual:?}");
            lost.push(acknowledged.note.clone());
        }
    }
    lost
}

#[test]
fn acknowledged_saves_survive_kill_9_at_any_moment() {
    let target_kills = env_number("SOLEUS_CRASH_KILLS", 150) as usize;
    let seed = env_number("SOLEUS_CRASH_SEED", 0x5013_1e55);
    let mut rng = fastrand::Rng::with_seed(seed);
    let (fresh_time, save_time) = calibrate();
    let today: NaiveDate = TODAY.parse().unwrap();
    let mut counts = Counts::default();
    let mut lost = std::collections::BTreeSet::new();
    let started = Instant::now();

    while counts.kills < target_kills {
        // A new journal every few attempts: the first attempt on it is
        // killed somewhere in its creation and first migration.
        let j = Journal::new();
        let mut expected: BTreeMap<Key, Expected> = BTreeMap::new();
        for attempt in 0..5 {
            assert!(
                counts.attempts < target_kills * 4,
                "too few runs were killed: {counts:?}"
            );
            counts.attempts += 1;
            let new_journal = attempt == 0;
            let date = today - Days::new(rng.u64(0..6));
            let key = (date.to_string(), ["left", "right"][rng.usize(0..2)].to_owned());
            let values = Values {
                pain_rest: rng.u8(0..=10),
                pain_walk: rng.u8(0..=10),
                tightness: rng.u8(0..=10),
                note: format!("attempt {} of seed {seed}", counts.attempts),
            };
            // On a new journal, most kills go early: the set-up (file, WAL
            // switch, first migration) is a short stretch at the start of
            // a run that also saves, evaluates and makes the daily backup.
            let delay = if new_journal {
                fresh_time.mul_f64(rng.f64().powi(2) * 1.1)
            } else {
                save_time.mul_f64(rng.f64() * 1.1)
            };

            let mut child = checkin_command(&j.db, &key, &values).spawn().unwrap();
            std::thread::sleep(delay);
            let _ = child.kill();
            let status = child.wait().unwrap();
            let mut stdout = String::new();
            child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
            let mut stderr = String::new();
            child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();

            let killed = status.signal() == Some(9);
            assert!(
                killed || status.success(),
                "checkin failed by itself: {status:?} {stderr}"
            );
            let acknowledged = stdout.contains(&format!("saved the {} calf check-in for {}", key.1, key.0))
                || stdout.contains(&format!("replaced the {} calf check-in for {}", key.1, key.0));
            assert!(killed || acknowledged, "finished without saying so: {stdout}");
            let entry = expected.entry(key).or_default();
            if acknowledged {
                counts.acknowledged += 1;
                entry.acknowledged = Some(values);
                entry.unknown_since.clear();
            } else {
                entry.unknown_since.push(values);
            }
            if killed {
                counts.kills += 1;
                counts.killed_after_acknowledging += usize::from(acknowledged);
                if new_journal {
                    counts.kills_on_new_journal += 1;
                    if committed_schema_version(&j.db).is_none_or(|v| v == 0) {
                        counts.kills_before_setup_committed += 1;
                    }
                }
            }

            next_status_works(&j.db);
            lost.extend(lost_saves(&expected, &stored_checkins(&j.db)));
            counts.lost = lost.len();
        }
    }
    println!(
        "kill -9 test (seed {seed}): {} kills in {} runs ({} on a new journal, {} of them before its \
         set-up was committed; {} after the save was acknowledged), {} acknowledged saves, {} lost, \
         {:.1} s (an uninterrupted checkin took {fresh_time:?} on a new journal, {save_time:?} on an \
         existing one)",
        counts.kills,
        counts.attempts,
        counts.kills_on_new_journal,
        counts.kills_before_setup_committed,
        counts.killed_after_acknowledging,
        counts.acknowledged,
        counts.lost,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(counts.lost, 0, "{counts:?}");
    assert!(counts.acknowledged > 0, "no save was ever acknowledged: {counts:?}");
    assert!(
        counts.kills_before_setup_committed > 0,
        "no kill landed inside a new journal's set-up: {counts:?}"
    );
}

#[test]
#[cfg(debug_assertions)]
fn a_panic_in_the_middle_of_an_import_writes_nothing_and_prints_one_line() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&["checkin", "--pain-rest", "3", "--pain-walk", "4"]);
    let before = j.export_json();
    let file = j.dir.path().join("more.csv");
    std::fs::write(
        &file,
        "date,leg,pain_rest,pain_walk\n2026-06-18,left,1,1\n2026-06-19,left,2,2\n2026-06-20,left,9,9\n",
    )
    .unwrap();
    let state = tempfile::tempdir().unwrap();

    let out = j
        .cmd()
        .env("SOLEUS_DEBUG_PANIC", "import")
        .env("XDG_STATE_HOME", state.path())
        .env_remove("RUST_BACKTRACE")
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();

    let log = state.path().join("soleus").join("panic.log");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        format!("soleus: internal error; details were written to {}\n", log.display())
    );
    let report = std::fs::read_to_string(&log).unwrap();
    assert!(report.contains("fault injected at import"), "{report}");
    assert!(
        report.contains("src/store/mod.rs"),
        "the location is the caller: {report}"
    );
    assert!(report.contains("backtrace:"), "{report}");
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&log), 0o600);
    assert_eq!(mode(log.parent().unwrap()), 0o700);

    assert_eq!(
        j.export_json(),
        before,
        "the rows written before the panic were rolled back"
    );
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}
