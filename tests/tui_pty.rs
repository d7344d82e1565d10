//! End to end: the real `soleus` binary in a pseudo-terminal (portable-pty),
//! its screen read back through a terminal emulator (vt100), driven by the
//! bytes a keyboard sends. Every wait has a deadline, so a hang fails fast
//! instead of blocking CI.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const TODAY: &str = "2026-11-21";
const BIN: &str = env!("CARGO_BIN_EXE_soleus");
const WAIT: Duration = Duration::from_secs(5);

const DOWN: &str = "\x1b[B";
const CTRL_S: &str = "\x13";
const PG_UP: &str = "\x1b[5~";
const PG_DOWN: &str = "\x1b[6~";

/// The app running in a pseudo-terminal, and what its screen shows.
struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
}

impl Tui {
    fn start(db: &Path) -> Tui {
        Tui::start_sized(db, 24, 80)
    }

    fn start_sized(db: &Path, rows: u16, cols: u16) -> Tui {
        Tui::start_with(db, rows, cols, &[])
    }

    fn start_with(db: &Path, rows: u16, cols: u16, env: &[(&str, &Path)]) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.env("SOLEUS_DB", db);
        cmd.env("SOLEUS_TODAY", TODAY);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        // A developer's RUST_BACKTRACE would add the standard panic report.
        cmd.env_remove("RUST_BACKTRACE");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("soleus starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, output) = channel();
        thread::spawn(move || {
            let _master = pty.master; // keep the pty open while reading
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let size = |n| NonZeroU16::new(n).unwrap();
        Tui {
            child,
            writer,
            output,
            screen: vt100::Parser::new(size(rows), size(cols), 0),
        }
    }

    /// Feeds the emulator whatever output has arrived, without waiting.
    fn drain(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.screen.process(&bytes);
        }
    }

    /// SIGKILL, as a power cut or `kill -9` would end it.
    fn kill_hard(&mut self) {
        let pid = self.child.process_id().expect("a pid");
        let status = Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
        assert!(status.success());
        let _ = self.child.wait();
    }

    fn text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads output until the screen shows `wanted`, or fails at the deadline.
    fn wait_for(&mut self, wanted: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.text().contains(wanted) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.screen.process(&bytes),
                Err(_) => panic!("screen never showed {wanted:?}; it shows:\n{}", self.text()),
            }
        }
    }

    /// Sends keys one at a time, as a person types.
    fn keys(&mut self, keys: &[&str]) {
        for key in keys {
            self.writer.write_all(key.as_bytes()).unwrap();
            self.writer.flush().unwrap();
            thread::sleep(Duration::from_millis(15));
        }
    }

    /// Waits for the process to end, and checks it left the alternate
    /// screen (the terminal is restored).
    fn wait_exit(mut self) {
        let deadline = Instant::now() + WAIT;
        loop {
            while let Ok(bytes) = self.output.try_recv() {
                self.screen.process(&bytes);
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "soleus exited with {status:?}");
                break;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("soleus did not quit; screen:\n{}", self.text());
            }
            thread::sleep(Duration::from_millis(20));
        }
        thread::sleep(Duration::from_millis(50));
        while let Ok(bytes) = self.output.try_recv() {
            self.screen.process(&bytes);
        }
        assert!(
            !self.screen.screen().alternate_screen(),
            "the terminal was not restored"
        );
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn cli(db: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env("SOLEUS_DB", db)
        .env("SOLEUS_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "soleus {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn check_in_by_keyboard_is_saved_and_a_red_flag_opens_the_modal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["profile", "--leg", "left"]);

    let mut tui = Tui::start(&db);
    tui.wait_for("○ not saved yet");
    tui.wait_for("No warning signs in your entries. soleus does not diagnose.");
    // Pain at rest 3, walking 5, running skipped, tightness 4.
    tui.keys(&["3", DOWN, "5", DOWN, DOWN, "4"]);
    // Down to the ninth sign (cramping) and tick it.
    tui.keys(&[DOWN; 9]);
    tui.keys(&[" "]);
    tui.wait_for("[x] Cramps in the calf?");
    // The last field, the note, then up three to the run distance.
    tui.keys(&[PG_DOWN; 4]);
    tui.keys(&["e", "2", "e", " ", "q", "!"]);
    tui.keys(&["\x1b[A", "\x1b[A", "\x1b[A", "4", ".", "5"]);
    tui.wait_for("● unsaved changes");
    tui.keys(&[CTRL_S]);
    tui.wait_for("Saved left calf for 2026-11-21");
    tui.keys(&[PG_UP; 4]);
    tui.keys(&["q"]); // back to a score field, where q quits
    tui.wait_exit();

    let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
    let checkins = journal["checkins"].as_array().unwrap();
    assert_eq!(checkins.len(), 1, "{journal}");
    let c = &checkins[0];
    assert_eq!(c["date"], TODAY);
    assert_eq!(c["leg"], "left");
    assert_eq!((c["pain_rest"].as_u64(), c["pain_walk"].as_u64()), (Some(3), Some(5)));
    assert_eq!(c["tightness"].as_u64(), Some(4));
    assert!(
        c["pain_run"].is_null() && c["morning"].is_null(),
        "unanswered, not 0: {c}"
    );
    assert_eq!(c["symptoms"], serde_json::json!(["cramping"]));
    assert_eq!(c["run_km"].as_f64(), Some(4.5));
    assert_eq!(c["note"], "e2e q!");

    // Reopen: the entry is there; tick "short of breath" and save again.
    let mut tui = Tui::start(&db);
    tui.wait_for("✓ saved");
    let breathless = 5 + 16; // five scores, then the 17th sign
    tui.keys(&vec![DOWN; breathless]);
    tui.keys(&[" "]);
    tui.wait_for("[x] Short of breath");
    tui.keys(&[CTRL_S]);
    tui.wait_for("Saved left calf for 2026-11-21");

    let flags: serde_json::Value = serde_json::from_str(&cli(&db, &["flags", "--json"])).unwrap();
    let levels: Vec<(&str, &str)> = flags["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["level"].as_str().unwrap()))
        .collect();
    assert_eq!(levels, [("pe-signs", "emergency")]);
    // The modal must be up, and only an explicit key may close it.
    tui.wait_for("Enter / a: acknowledge");
    tui.keys(&["q", "\x1b"]);
    thread::sleep(Duration::from_millis(200));
    tui.wait_for("Enter / a: acknowledge");
    tui.keys(&["a"]);
    let deadline = Instant::now() + WAIT;
    let mut acks = Vec::new();
    while acks.is_empty() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
        let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
        acks = journal["acknowledgements"].as_array().cloned().unwrap_or_default();
    }
    assert_eq!(acks.len(), 1, "the acknowledgement was stored");
    assert_eq!(acks[0]["rule"], "pe-signs");
    assert_eq!(acks[0]["date"], "2026-11-21");
    tui.keys(&[PG_UP; 4]);
    tui.keys(&["q"]);
    tui.wait_exit();
}

#[test]
fn first_run_setup_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let mut tui = Tui::start(&db);
    tui.wait_for("Welcome to soleus");
    tui.wait_for("It does not diagnose");
    tui.keys(&["\x1b[C", "\r"]); // right leg, save
    tui.wait_for("[F1 Check-in]");
    tui.wait_for("right calf");
    tui.keys(&["q"]);
    tui.wait_exit();
    assert!(cli(&db, &["profile"]).contains("injured leg: right"));
}

/// The tab keys of SPEC 3 (v2) as a real terminal sends them: F3 and F4
/// (xterm's escape sequences), Alt-2 (ESC then "2"), and `q` leaves with
/// exit 0 and nothing written: the journal file is byte for byte the same.
#[test]
fn function_and_alt_keys_switch_tabs_and_q_quits_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["demo", "--days", "30"]);
    let before = std::fs::read(&db).unwrap();
    let mut tui = Tui::start(&db);
    tui.wait_for("[F1 Check-in]");
    tui.keys(&["\x1bOR"]); // F3
    tui.wait_for("[F3 Trends]");
    tui.wait_for("↑↓ measure");
    tui.keys(&["\x1bOS"]); // F4
    tui.wait_for("[F4 History]");
    tui.wait_for("Enter edit");
    tui.keys(&["\x1b2"]); // Alt-2
    tui.wait_for("[F2 Checklist]");
    tui.wait_for("Space done");
    tui.keys(&["q"]);
    tui.wait_exit();
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing was written");
}

#[test]
fn a_tiny_terminal_gets_a_plain_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["profile", "--leg", "left"]);
    let mut small = Tui::start_sized(&db, 15, 50);
    small.wait_for("50×15");
    assert!(small.text().contains("Terminal too small: need at least 60×20, have"));
    small.keys(&["q"]);
    small.wait_exit();
}

/// The TUI's save path killed with SIGKILL at random moments around
/// Ctrl-s: every save the screen confirmed is in the journal afterwards,
/// and the journal passes SQLite's integrity check.
#[test]
fn tui_saves_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["profile", "--leg", "left"]);
    let mut rng = fastrand::Rng::with_seed(0x50_1e05);
    let rounds = std::env::var("SOLEUS_TUI_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let mut confirmed = Vec::new();
    for round in 0..rounds {
        let mut tui = Tui::start(&db);
        tui.wait_for("Check-in · left calf");
        // A different past day each round: `[` steps back one day.
        let back = round % 28;
        tui.keys(&vec!["["; back]);
        let pain = (round % 10).to_string();
        tui.keys(&[pain.as_str(), DOWN, "2", CTRL_S]);
        thread::sleep(Duration::from_micros(rng.u64(0..4000)));
        tui.drain();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .checked_sub_days(chrono::Days::new(back as u64))
            .unwrap();
        if tui.text().contains(&format!("Saved left calf for {date}")) {
            confirmed.push((date.to_string(), round % 10));
        }
        tui.kill_hard();
    }
    let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
    let checkins = journal["checkins"].as_array().unwrap();
    let mut lost = 0;
    // A later round may save the same day again; the last confirmation wins.
    let mut last: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (date, pain) in &confirmed {
        last.insert(date.clone(), *pain);
    }
    for (date, pain) in &last {
        let found = checkins.iter().any(|c| {
            c["date"] == date.as_str() && c["leg"] == "left" && c["pain_rest"] == *pain && c["pain_walk"] == 2
        });
        if !found {
            lost += 1;
        }
    }
    eprintln!(
        "tui kills: {rounds}, confirmed saves: {}, lost: {lost}",
        confirmed.len()
    );
    assert_eq!(lost, 0, "confirmed saves missing after SIGKILL");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

/// A panic in the middle of the TUI's save: the terminal is restored, one
/// line says where the details are, the exit code is 1, and the half-done
/// save is rolled back.
#[test]
fn a_panic_mid_save_restores_the_terminal_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let state = dir.path().join("state");
    cli(&db, &["profile", "--leg", "left"]);
    let mut tui = Tui::start_with(
        &db,
        24,
        80,
        &[
            ("SOLEUS_DEBUG_PANIC", Path::new("tui-save")),
            ("XDG_STATE_HOME", &state),
        ],
    );
    tui.wait_for("Check-in · left calf");
    tui.keys(&["4", DOWN, "5", CTRL_S]);
    let deadline = Instant::now() + WAIT;
    let status = loop {
        tui.drain();
        if let Some(status) = tui.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "soleus did not exit after the panic");
        thread::sleep(Duration::from_millis(20));
    };
    thread::sleep(Duration::from_millis(50));
    tui.drain();
    assert_eq!(status.exit_code(), 1);
    assert!(!tui.screen.screen().alternate_screen(), "the terminal was not restored");
    let log = state.join("soleus").join("panic.log");
    let text = tui.text();
    assert!(
        text.contains("soleus: internal error; details were written to") && text.contains("panic.log"),
        "{text}"
    );
    assert!(std::fs::read_to_string(&log).unwrap().contains("tui-save"));
    let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
    assert_eq!(
        journal["checkins"].as_array().unwrap().len(),
        0,
        "the save was rolled back"
    );
}

/// The app open while CLI commands write to the same journal: every CLI
/// write succeeds (no "database is locked"), the app's own save goes
/// through in the middle of them, and the app shows the CLI's entries.
#[test]
fn the_app_and_the_cli_write_one_journal_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["profile", "--leg", "left"]);
    let mut tui = Tui::start_sized(&db, 30, 100);
    tui.wait_for("Check-in · left calf");
    let writer = {
        let db = db.clone();
        thread::spawn(move || {
            for back in 1..=15u64 {
                let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
                    .unwrap()
                    .checked_sub_days(chrono::Days::new(back))
                    .unwrap()
                    .to_string();
                // `cli` asserts success and an empty error stream.
                cli(
                    &db,
                    &["checkin", "--date", &date, "--pain-rest", "1", "--pain-walk", "3"],
                );
            }
        })
    };
    tui.keys(&["2", DOWN, "4", CTRL_S]);
    tui.wait_for("Saved left calf for 2026-11-21");
    writer.join().unwrap();
    // History shows what the CLI wrote once the app reloads (r).
    tui.keys(&["\t", "\t", "\t", "r"]);
    tui.wait_for("2026-11-06");
    let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
    assert_eq!(journal["checkins"].as_array().unwrap().len(), 16);
    tui.keys(&["q"]);
    tui.wait_exit();
}

/// A journal that opens but cannot be read names itself at start-up: the
/// error used to come out as "terminal: …". Nothing touches the terminal
/// before the first read, so this runs without one.
#[test]
fn a_journal_that_cannot_be_read_says_so_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["profile", "--leg", "left"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO checkin (date, leg, pain_rest, pain_walk, symptoms, saved_at) \
         VALUES ('2026-11-20', 'left', 1, 1, 'teleportation', '2026-11-20T08:00:00')",
        [],
    )
    .unwrap();
    drop(conn);
    let out = Command::new(BIN)
        .env("SOLEUS_DB", &db)
        .env("SOLEUS_TODAY", TODAY)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(!stderr.contains("terminal"), "{stderr}");
    assert!(stderr.starts_with("soleus: "), "{stderr}");
    assert!(
        stderr.contains("journal.db") || stderr.contains("teleportation"),
        "{stderr}"
    );
}
