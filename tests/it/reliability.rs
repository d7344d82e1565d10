#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 15, the command line: output files that write only where they
//! should, hostile values already in a journal, truthful messages, and
//! imports that cannot exhaust memory. One test (or more) per numbered
//! item of the issue; the app's items are in tui_pty.rs.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::kit::{self, Journal, mode};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Exit 2, one line on stderr naming `--out`.
fn assert_out_refused(out: &Output, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: {err:?}");
    assert!(err.starts_with("soleus: out: "), "{what}: {err:?}");
}

/// Files in `dir` whose names mark them as soleus's temporary files.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.contains(".soleus-tmp") || name.contains(".partial")
        })
        .collect()
}

fn demo() -> Journal {
    let j = Journal::new();
    j.ok(&["demo", "--days", "60"]);
    j
}

fn run(j: &Journal, args: &[&str]) -> Output {
    j.cmd().args(args).output().unwrap()
}

/// Item 1: no symlink is followed, no predictable side file is used, an
/// existing file soleus did not write needs --force, and what is written
/// is owner-only.
#[test]
fn out_never_follows_links_or_reuses_side_files() {
    let j = demo();
    let dir = j.dir.path();
    let precious = dir.join("precious.txt");
    fs::write(&precious, "keep me").unwrap();
    // The v1 attack: a link where the side file used to be.
    symlink(&precious, dir.join("rep.html.partial")).unwrap();
    // Another user's pre-made, world-readable side file.
    let shared = dir.join("report.md.partial");
    fs::write(&shared, "").unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o666)).unwrap();

    j.ok(&[
        "report",
        "--format",
        "html",
        "--out",
        dir.join("rep.html").to_str().unwrap(),
    ]);
    j.ok(&["report", "--out", dir.join("report.md").to_str().unwrap()]);
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");
    assert_eq!(
        fs::read(&shared).unwrap(),
        b"",
        "the pre-made side file received nothing"
    );
    assert_eq!(mode(&dir.join("rep.html")), 0o600);
    assert_eq!(mode(&dir.join("report.md")), 0o600);

    // The target itself a link: refused, the link's target untouched.
    symlink(&precious, dir.join("link.md")).unwrap();
    let out = run(&j, &["report", "--out", dir.join("link.md").to_str().unwrap()]);
    assert_out_refused(&out, "a link");
    assert!(stderr(&out).contains("symbolic link"));
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");

    // A file soleus did not write: refused, then replaced with --force.
    let important = dir.join("important.txt");
    fs::write(&important, "mine").unwrap();
    fs::set_permissions(&important, fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&j, &["export", "--format", "csv", "--out", important.to_str().unwrap()]);
    assert_out_refused(&out, "a foreign file");
    assert!(stderr(&out).contains("--force"));
    assert_eq!(fs::read_to_string(&important).unwrap(), "mine");
    j.ok(&[
        "export",
        "--format",
        "csv",
        "--out",
        important.to_str().unwrap(),
        "--force",
    ]);
    assert!(fs::read_to_string(&important).unwrap().starts_with("date,leg,"));
    assert_eq!(mode(&important), 0o600, "the replacement is owner-only");

    // Its own earlier output is replaced without --force.
    let export = dir.join("e.json");
    j.ok(&["export", "--format", "json", "--out", export.to_str().unwrap()]);
    j.ok(&["export", "--format", "json", "--out", export.to_str().unwrap()]);
    // `-` is standard output.
    let json = j.ok(&["export", "--format", "json", "--out", "-"]);
    assert!(json.contains("\"soleus-journal\""));
    assert!(!dir.join("-").exists());
    assert!(
        temp_files(dir)
            .iter()
            .all(|p| p.ends_with("rep.html.partial") || p.ends_with("report.md.partial"))
    );
}

/// Item 2: the journal and each of its side files, however named, are
/// refused for export, report and backup.
#[test]
fn out_refuses_the_journal_and_its_side_files() {
    let j = demo();
    let dir = j.dir.path();
    // Keep a connection open so -wal and -shm exist, as with the app open.
    let store = soleus::store::Store::open(&j.db).unwrap();
    fs::create_dir(dir.join("sub")).unwrap();
    fs::hard_link(&j.db, dir.join("hard.db")).unwrap();
    let wal = format!("{}-wal", j.db.display());
    let before_wal = fs::metadata(&wal).map(|m| m.len()).ok();
    let names = [
        j.db.display().to_string(),
        wal.clone(),
        format!("{}-shm", j.db.display()),
        format!("{}-journal", j.db.display()),
        format!("{}/sub/../journal.db-shm", dir.display()),
        format!("{}/hard.db", dir.display()),
        format!("{}/backups/copy.json", dir.display()),
        format!("{}/backups", dir.display()),
    ];
    for name in &names {
        for args in [
            &["report", "--out", name.as_str()][..],
            &["export", "--format", "json", "--out", name.as_str(), "--force"],
            &["backup", "--out", name.as_str(), "--force"],
        ] {
            let out = run(&j, args);
            assert!(matches!(out.status.code(), Some(2)), "{args:?}: {}", stderr(&out));
        }
    }
    assert_eq!(fs::metadata(&wal).map(|m| m.len()).ok(), before_wal);
    // Saves after all of that are all there.
    for day in 1..=5 {
        j.checkin(&format!("2026-06-{day:02}"), Some("left"), "1", "2");
    }
    drop(store);
    let checkins = j.export_json()["checkins"].as_array().unwrap().clone();
    for day in 1..=5 {
        let date = format!("2026-06-{day:02}");
        assert!(
            checkins
                .iter()
                .any(|c| c["date"] == date.as_str() && c["pain_walk"] == 2)
        );
    }
}

/// Sets one column of the newest check-in to `value`, as another program
/// (or a damaged sync) could.
/// The checks soleus's own writes meet (migration 0009) are dropped first:
/// another program need not keep them.
fn poke(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_update(None, "ignore_check_constraints", true).unwrap();
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|t| t.unwrap())
        .collect();
    for t in triggers {
        conn.execute(&format!("DROP TRIGGER \"{t}\""), []).unwrap();
    }
    conn.execute(sql, []).unwrap();
}

/// Item 3: a value already in the file that the CLI would refuse is named
/// by the existing line; nothing panics or spins.
#[test]
fn hostile_values_in_the_file_are_refused_not_drawn() {
    for value in ["1e308", "9e999", "-1", "'lots'"] {
        let j = demo();
        poke(
            &j.db,
            // A typed run lives in the run table since schema version 5.
            &format!("UPDATE run SET km = {value} WHERE id = (SELECT max(id) FROM run WHERE source = 'manual')"),
        );
        for args in [
            &["report", "--format", "html", "--days", "3650"][..],
            &["report", "--format", "md"],
            &["export", "--format", "csv"],
            &["status"],
        ] {
            // Issue 23 item 6: the record is left out and named in one
            // line; the journal is not locked out.
            let out = run(&j, args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(0), "{value} {args:?}: {err}");
            assert!(err.contains("1 record could not be read and was left out"), "{err}");
            assert!(err.contains("run_km"), "{err}");
            assert!(!err.contains("0000000000"), "no 309-digit number: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
        // The app loads the same rows through the same store, and opens.
        let store = soleus::store::Store::open(&j.db).unwrap();
        let today = kit::TODAY.parse().unwrap();
        assert!(soleus::ui::app::App::new(Box::new(store), today, kit::now()).is_ok());
    }
    let j = demo();
    poke(
        &j.db,
        "UPDATE run SET moving_s = 6000000 WHERE id = (SELECT min(id) FROM run WHERE source = 'manual')",
    );
    let out = run(&j, &["export", "--format", "json"]);
    assert!(stderr(&out).contains("run_min"), "{}", stderr(&out));
}

/// The pages of `table` in `db`, from SQLite's own page map.
fn pages_of(db: &Path, table: &str) -> Vec<u64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT pageno FROM dbstat WHERE name = ?1").unwrap();
    stmt.query_map([table], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(|p| p.unwrap() as u64)
        .collect()
}

/// Overwrites every page of the completion table: a journal whose
/// check-ins can still be written but whose warnings cannot be read.
fn damage_completions(db: &Path) {
    let pages = pages_of(db, "completion");
    assert!(!pages.is_empty());
    let size = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0))
        .unwrap() as u64;
    let mut bytes = fs::read(db).unwrap();
    for page in pages {
        let start = ((page - 1) * size) as usize;
        bytes[start..start + size as usize].fill(0xff);
    }
    fs::write(db, bytes).unwrap();
}

/// Item 6: a check-in committed to a damaged journal says it was saved;
/// the damage is reported separately; "untouched" is never claimed.
#[test]
fn a_save_into_a_damaged_journal_says_it_was_saved() {
    let j = Journal::new();
    j.ok(&["demo", "--days", "365"]);
    damage_completions(&j.db);
    let out = run(
        &j,
        &["checkin", "--leg", "left", "--pain-rest", "1", "--pain-walk", "7"],
    );
    let (stdout, err) = (String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(stdout.contains("the left calf check-in for 2026-06-20"), "{stdout}");
    let saved = err.contains("the check-in was saved") || err.contains("the check-in was replaced");
    assert!(saved && err.contains("is damaged"), "{err}");
    assert!(!err.contains("untouched") && !err.contains("nothing was"), "{err}");
    let conn = rusqlite::Connection::open(&j.db).unwrap();
    let walk: i64 = conn
        .query_row(
            "SELECT pain_walk FROM checkin WHERE date = '2026-06-20' AND leg = 'left'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(walk, 7, "the row the message calls saved is in the file");
}

/// Item 9: formulas neutralised (unless --raw), control characters kept
/// off the terminal and out of Markdown, links and images inert.
#[test]
fn notes_cannot_inject_formulas_escapes_or_links() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let hostile = [
        ("2026-06-10", "=HYPERLINK(\"http://evil\",\"x\")"),
        ("2026-06-11", "+1"),
        ("2026-06-12", "-2+3"),
        ("2026-06-13", "@SUM(A1)"),
        ("2026-06-14", "a\x1b]0;owned\x07b\x1b[2J"),
        ("2026-06-15", "![img](http://evil/x.png) [click](javascript:alert(1))"),
    ];
    for (date, note) in hostile {
        j.ok(&[
            "checkin",
            "--date",
            date,
            "--pain-rest",
            "1",
            "--pain-walk",
            "1",
            &format!("--note={note}"),
        ]);
    }
    let csv = j.ok(&["export", "--format", "csv"]);
    for line in csv.lines().skip(1) {
        let note = line.rsplit(',').next().unwrap().trim_start_matches('"');
        assert!(!note.starts_with(['=', '+', '-', '@']), "{line}");
    }
    assert!(csv.contains("'=HYPERLINK") && csv.contains("'@SUM"), "{csv}");
    assert!(!csv.contains('\x1b') && !csv.contains('\x07'), "{csv:?}");
    let raw = j.ok(&["export", "--format", "csv", "--raw"]);
    assert!(
        raw.contains(",\"=HYPERLINK") && raw.contains('\x1b'),
        "--raw writes cells as stored"
    );
    // A neutralised file imports back to exactly what was typed.
    let file = j.dir.path().join("c.csv");
    j.ok(&["export", "--format", "csv", "--out", file.to_str().unwrap()]);
    let other = Journal::new();
    other.ok(&["import", file.to_str().unwrap()]);
    let notes: Vec<String> = other.export_json()["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["note"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(notes, hostile.map(|(_, n)| n.to_owned()));

    let md = j.ok(&["report", "--days", "30"]);
    assert!(!md.contains('\x1b') && !md.contains('\x07'), "{md:?}");
    assert!(!md.contains("![img]("), "{md}");
    assert!(!md.contains("[click](javascript"), "{md}");
    assert!(md.contains("\\[click\\]"), "{md}");
    let html = j.ok(&["report", "--format", "html", "--days", "30"]);
    assert!(!html.contains('\x1b') && !html.contains('\x07'), "HTML to a terminal");
}

/// Item 10: no leftovers after a refused or failed write, a killed backup
/// or a write the disk refuses.
#[test]
fn failed_and_killed_writes_leave_nothing_behind() {
    let j = demo();
    let dir = j.dir.path();
    let folder = dir.join("out");
    fs::create_dir(&folder).unwrap();
    let out = run(&j, &["export", "--format", "json", "--out", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(temp_files(dir).is_empty(), "{:?}", temp_files(dir));

    // The disk refuses the write (a file size limit stands in for a full
    // disk): an error, and no temporary file.
    let target = dir.join("e.json");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" --db \"$1\" export --format json --out \"$2\"")
        .arg(env!("CARGO_BIN_EXE_soleus"))
        .arg(&j.db)
        .arg(&target)
        .env("SOLEUS_TODAY", kit::TODAY)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1), "{}", stderr(&status));
    assert!(!target.exists());
    assert!(temp_files(dir).is_empty(), "{:?}", temp_files(dir));

    // A backup killed part-way: whatever it left, the next backup removes.
    let big = Journal::new();
    big.ok(&["demo", "--days", "3650"]);
    for delay_ms in [0u64, 5, 20, 60] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_soleus"))
            .args(["--db", big.db.to_str().unwrap(), "backup"])
            .env("SOLEUS_TODAY", kit::TODAY)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    // A leftover of a process that is gone, as a kill at the worst moment leaves.
    let stale = big.dir.path().join(format!(
        ".journal.db.backup-2026-06-20.{}.abcdefghij.soleus-tmp",
        u32::MAX - 7
    ));
    fs::write(&stale, vec![0u8; 4096]).unwrap();
    big.ok(&["backup"]);
    assert!(
        temp_files(big.dir.path()).is_empty(),
        "{:?}",
        temp_files(big.dir.path())
    );
    assert!(big.dir.path().join("journal.db.backup-2026-06-20").exists());
}

/// Item 11: import refuses devices, pipes, folders and files over 64 MiB
/// with one line, before reading them.
#[test]
fn import_refuses_what_is_not_a_small_regular_file() {
    let j = Journal::new();
    let big = j.dir.path().join("big.json");
    let file = fs::File::create(&big).unwrap();
    file.set_len((64 << 20) + 1).unwrap(); // sparse: costs no disk
    let fifo = j.dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (path, says) in [
        (Path::new("/dev/zero"), "regular file"),
        (fifo.as_path(), "regular file"),
        (j.dir.path(), "regular file"),
        (big.as_path(), "64 MiB"),
    ] {
        let out = run(&j, &["import", path.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{err}");
    }
    assert!(!j.db.exists(), "nothing was created");
}

/// Item 12: each smaller case gets one truthful line, or behaves as a user
/// would expect.
#[test]
fn smaller_cases_get_one_truthful_line() {
    // An old-format file: one line, no SQL.
    let j = Journal::new();
    {
        let conn = rusqlite::Connection::open(&j.db).unwrap();
        conn.execute_batch("PRAGMA application_id = 1397705797; CREATE TABLE checkin (date TEXT);")
            .unwrap();
    }
    let out = run(&j, &["status"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("could not be upgraded") && !err.contains("CREATE"),
        "{err}"
    );

    // `backup` of a damaged journal: one line, naming the journal's
    // backups folder (never backups/backups).
    let j = Journal::new();
    j.ok(&["demo", "--days", "365"]);
    damage_completions(&j.db);
    let out = run(&j, &["backup"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is damaged") && !err.contains("backups/backups"), "{err}");
    assert!(temp_files(j.dir.path()).is_empty());
    // The daily copy after a command that worked: one warning line, the
    // journal's own backups folder.
    fs::remove_dir_all(j.dir.path().join("backups")).unwrap();
    let out = run(&j, &["profile"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("today's backup was not made") && err.contains("is damaged"),
        "{err}"
    );
    assert!(!err.contains("backups/backups"), "{err}");
    let backups = j.dir.path().join("backups");
    assert!(!backups.exists() || temp_files(&backups).is_empty());

    // No terminal: the app does not start, says what to use, and writes
    // no escape codes into a redirected output.
    let j = Journal::new();
    let out = j.cmd().output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no escape codes: {:?}", out.stdout);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("needs a terminal") && err.contains("soleus status"),
        "{err}"
    );
    assert!(!err.contains("No such device") && !err.contains("terminal:"), "{err}");
    assert!(!j.db.exists(), "nothing was created");

    // A row whose date is not YYYY-MM-DD is named, not silently skipped.
    let j = demo();
    poke(
        &j.db,
        "INSERT INTO checkin (date, leg, pain_rest, pain_walk, saved_at) VALUES ('June 1', 'left', 1, 1, 'x')",
    );
    // Issue 23 item 6: it is left out and named in one line, and the
    // rest of the journal still exports.
    let out = run(&j, &["export", "--format", "csv"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("could not be read and was left out"), "{err}");
    assert!(err.contains("June 1") && err.contains("YYYY-MM-DD"), "{err}");

    // A reader that stops early: quiet, exit 0.
    let j = Journal::new();
    j.ok(&["demo", "--days", "365"]);
    let status = std::process::Command::new("bash")
        .arg("-c")
        .arg("\"$0\" --db \"$1\" export --format json | head -c1 >/dev/null; exit ${PIPESTATUS[0]}")
        .arg(env!("CARGO_BIN_EXE_soleus"))
        .arg(&j.db)
        .env("SOLEUS_TODAY", kit::TODAY)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    assert!(stderr(&status).is_empty(), "{}", stderr(&status));
}

// ----- issue 23: processes and input -----

/// Issue 23, item 13: `--config /dev/zero` grew to 2.3 GiB and a FIFO
/// config blocked forever. The config is checked as `import` checks its
/// file: one line, exit 2, at once.
#[test]
fn a_config_that_is_not_a_small_regular_file_is_refused_at_once() {
    let j = Journal::new();
    let fifo = j.dir.path().join("fifo.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let big = j.dir.path().join("big.toml");
    fs::File::create(&big).unwrap().set_len((1 << 20) + 1).unwrap();
    for (path, says) in [
        (Path::new("/dev/zero"), "a device"),
        (fifo.as_path(), "a pipe"),
        (j.dir.path(), "a folder"),
        (big.as_path(), "at most 1 MiB"),
    ] {
        // A hang would fail on the kit's child timeout.
        let out = j.cmd().arg("--config").arg(path).arg("status").output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(says) && err.contains("regular file") || err.contains(says),
            "{err}"
        );
    }
    assert!(!j.db.exists(), "nothing was created");
}

/// Items 17 and 19: escape codes in a file name are shown escaped; an
/// invalid SOLEUS_TODAY is exit 2 with one line, never the clock.
#[test]
fn file_names_are_shown_escaped_and_a_bad_today_is_refused() {
    let j = Journal::new();
    // A "folder" that is a file: the journal cannot be opened there.
    let not_a_folder = j.dir.path().join("no\x1b]0;pwned\x07such");
    fs::write(&not_a_folder, "").unwrap();
    let hostile = not_a_folder.join("j.db");
    let out = kit::soleus_with_db(&hostile).arg("status").output().unwrap();
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        !err.contains('\x1b') && !err.contains('\x07'),
        "raw escape codes: {err:?}"
    );
    assert!(err.contains("\\x1b]0;pwned\\x07"), "{err:?}");
    let out = j
        .cmd()
        .arg("import")
        .arg(j.dir.path().join("x\x1b[2J.json"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!err.contains('\x1b'), "raw escape codes: {err:?}");
    let out = j
        .cmd()
        .arg("--config")
        .arg("/nonexistent/\x1b[31mred.toml")
        .arg("status")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains('\x1b'), "raw escape codes: {err:?}");
    // On stdout too: `config path` and the line a written report prints.
    let config = j.dir.path().join("c\x1b]0;pwned\x07.toml");
    let out = j
        .cmd()
        .arg("--config")
        .arg(&config)
        .args(["config", "path"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !said.contains('\x1b') && !said.contains('\x07'),
        "raw escape codes: {said:?}"
    );
    assert!(said.contains("\\x1b]0;pwned\\x07"), "{said:?}");
    run(&j, &["demo", "--days", "5"]);
    let report = j.dir.path().join("r\x1b[2J.md");
    let out = j.cmd().args(["report", "--out"]).arg(&report).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(report.exists() && !said.contains('\x1b'), "raw escape codes: {said:?}");

    for bad in [
        "2025-02-30",
        "+262142-12-31",
        "tomorrow",
        "2026-6-1",
        "",
        "20260620",
        "0000-03-01",
    ] {
        let out = j.cmd().env("SOLEUS_TODAY", bad).arg("status").output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("soleus: SOLEUS_TODAY: "), "{err}");
    }
}

/// Item 15: soleus panicked when stderr could not be written (a closed
/// pipe, /dev/full): a check-in that saved its row exited 1 and logged a
/// panic. Now it exits 0 and logs nothing.
#[test]
fn an_unwritable_stderr_never_panics() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let state = j.dir.path().join("state");
    // The daily backup's warning goes to stderr: make it fail to be made.
    fs::write(j.dir.path().join("backups"), "not a folder").unwrap();
    let full_stderr = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_soleus"))
            .env_remove("SOLEUS_CONFIG")
            .env("XDG_CONFIG_HOME", j.dir.path().join("config-home"))
            .env("XDG_STATE_HOME", &state)
            .env("SOLEUS_TODAY", kit::TODAY)
            .arg("--db")
            .arg(&j.db)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
            .status()
            .unwrap()
    };
    let status = full_stderr(&["checkin", "--pain-rest", "2", "--pain-walk", "3"]);
    assert_eq!(status.code(), Some(0));
    assert!(!state.join("soleus/panic.log").exists(), "no panic was logged");
    assert_eq!(j.export_json()["checkins"].as_array().unwrap().len(), 1);
    // A mistake with stderr full: still exit 2, no panic.
    let status = full_stderr(&["checkin", "--pain-rest", "11", "--pain-walk", "3"]);
    assert_eq!(status.code(), Some(2));
    assert!(!state.join("soleus/panic.log").exists(), "no panic was logged");
}
