//! End to end: the real `soleus` binary in a pseudo-terminal (portable-pty),
//! its screen read back through a terminal emulator (vt100), driven by the
//! bytes a keyboard sends. Every wait has a deadline, so a hang fails fast
//! instead of blocking CI.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::unix::fs::PermissionsExt;
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
    /// Every byte the app wrote, for what the emulator does not track.
    raw: Vec<u8>,
}

impl Tui {
    fn start(db: &Path) -> Tui {
        Tui::start_sized(db, 24, 80)
    }

    fn start_sized(db: &Path, rows: u16, cols: u16) -> Tui {
        Tui::start_with(db, rows, cols, &[])
    }

    fn start_with(db: &Path, rows: u16, cols: u16, env: &[(&str, &Path)]) -> Tui {
        Tui::spawn(db, rows, cols, env, &[BIN])
    }

    /// `sh -c SCRIPT` in the terminal, with `$0` the soleus binary.
    fn start_script(db: &Path, script: &str) -> Tui {
        Tui::spawn(db, 30, 200, &[], &["sh", "-c", script, BIN])
    }

    fn spawn(db: &Path, rows: u16, cols: u16, env: &[(&str, &Path)], argv: &[&str]) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::from_argv(argv.iter().map(Into::into).collect());
        cmd.env("SOLEUS_DB", db);
        cmd.env("SOLEUS_TODAY", TODAY);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        // Only a config file the test names: never the developer's own.
        cmd.env_remove("SOLEUS_CONFIG");
        cmd.env("XDG_CONFIG_HOME", db.with_file_name("config-home"));
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
            raw: Vec::new(),
        }
    }

    /// Feeds the emulator whatever output has arrived, without waiting.
    fn drain(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.screen.process(&bytes);
            self.raw.extend_from_slice(&bytes);
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
                Ok(bytes) => {
                    self.screen.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
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
    tui.wait_for("No open warnings from your entries. soleus does not diagnose.");
    // Pain at rest 3, walking 5, running skipped, tightness 4.
    tui.keys(&["3", DOWN, "5", DOWN, DOWN, "4"]);
    // Down to the ninth sign (cramping) and tick it.
    tui.keys(&[DOWN; 9]);
    tui.keys(&[" "]);
    tui.wait_for("[x] Cramps in the calf?");
    // The last field, the note, then up four to the run distance
    // (past cross-training and the walk-run intervals).
    tui.keys(&[PG_DOWN; 4]);
    tui.keys(&["e", "2", "e", " ", "q", "!"]);
    tui.keys(&["\x1b[A", "\x1b[A", "\x1b[A", "\x1b[A", "4", ".", "5"]);
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
    tui.wait_for("[x] New breathlessness");
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

/// The tab keys (docs/keys.md) as a real terminal sends them: F3 and F4
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
    // Every save attempted, confirmed or not, in order.
    let mut attempts: Vec<(String, usize)> = Vec::new();
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
        attempts.push((date.to_string(), round % 10));
        if tui.text().contains(&format!("Saved left calf for {date}")) {
            confirmed.push((attempts.len() - 1, date.to_string(), round % 10));
        }
        tui.kill_hard();
    }
    let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
    let checkins = journal["checkins"].as_array().unwrap();
    let mut lost = 0;
    // A later round may save the same day again: the last confirmed save of
    // a day must be in the journal, unless a later attempt on that day
    // (confirmed or not: a kill can land between the commit and the screen)
    // replaced it.
    let mut last: std::collections::BTreeMap<String, (usize, usize)> = std::collections::BTreeMap::new();
    for (round, date, pain) in &confirmed {
        last.insert(date.clone(), (*round, *pain));
    }
    for (date, (round, pain)) in &last {
        let stored = checkins
            .iter()
            .find(|c| c["date"] == date.as_str() && c["leg"] == "left" && c["pain_walk"] == 2)
            .and_then(|c| c["pain_rest"].as_u64());
        let later = |p: u64| attempts[round + 1..].iter().any(|(d, lp)| d == date && *lp as u64 == p);
        match stored {
            Some(p) if p == *pain as u64 || later(p) => {}
            other => {
                eprintln!("LOST {date}: confirmed pain {pain} in round {round}, journal has {other:?}");
                lost += 1;
            }
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

/// The config's theme colours the app; `NO_COLOR` turns them off again.
#[test]
fn the_config_theme_colours_the_app_and_no_color_wins() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["profile", "--leg", "left"]);
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "first_tab = \"history\"\n[theme]\ntitle = \"light-magenta\"\n").unwrap();
    // The app name at the top left is drawn in the `title` colour.
    let title_colour = |no_color: &str| {
        let mut tui = Tui::start_with(
            &db,
            24,
            80,
            &[("SOLEUS_CONFIG", &config), ("NO_COLOR", Path::new(no_color))],
        );
        tui.wait_for("[F4 History]");
        let colour = tui.screen.screen().cell(0, 2).unwrap().fgcolor();
        tui.keys(&["q"]);
        tui.wait_exit();
        colour
    };
    assert_eq!(title_colour(""), vt100::Color::Idx(13), "light magenta");
    assert_eq!(title_colour("1"), vt100::Color::Default, "NO_COLOR wins");
}

// Issue 15: signals, a terminal that goes away, a journal replaced under
// the app, and stray escape bytes.

impl Tui {
    /// The pid of the soleus that `sh` (the pty's process) started.
    fn soleus_pid(&self) -> u32 {
        let sh = self.child.process_id().expect("a pid");
        let deadline = Instant::now() + WAIT;
        loop {
            let children = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap_or_default();
            if let Some(pid) = children.split_whitespace().next() {
                return pid.parse().unwrap();
            }
            assert!(Instant::now() < deadline, "sh started no soleus");
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the pty's process to end.
    fn wait_end(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            self.drain();
            if let Some(status) = self.child.try_wait().unwrap() {
                thread::sleep(Duration::from_millis(50));
                self.drain();
                return status;
            }
            assert!(Instant::now() < deadline, "did not end; screen:\n{}", self.text());
            thread::sleep(Duration::from_millis(20));
        }
    }
}

fn draft_of(db: &Path) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}.draft", db.display()))
}

/// Items 5 and 4: each stop signal restores the terminal (main screen,
/// cursor shown, echo and line editing back, focus reporting off), keeps
/// the unsaved form as a draft, and ends with 128 + the signal; the next
/// start offers the draft back.
#[test]
fn stop_signals_restore_the_terminal_and_keep_the_form() {
    for (signal, number) in [("TERM", 15), ("INT", 2), ("HUP", 1), ("QUIT", 3)] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        cli(&db, &["profile", "--leg", "left"]);
        let mut tui = Tui::start_script(&db, "\"$0\"; echo \"exit=$?\"; stty -a");
        tui.wait_for("Check-in · left calf");
        tui.keys(&["3", DOWN, "6"]);
        tui.wait_for("● unsaved changes");
        let pid = tui.soleus_pid();
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status();
        assert!(sent.unwrap().success());
        tui.wait_for(&format!("exit={}", 128 + number));
        tui.wait_for("speed");
        tui.wait_end();
        let text = tui.text();
        let screen = tui.screen.screen();
        assert!(!screen.alternate_screen(), "SIG{signal}: still on the alternate screen");
        assert!(!screen.hide_cursor(), "SIG{signal}: the cursor stayed hidden");
        assert!(text.contains(&format!("soleus: stopped by SIG{signal}")), "{text}");
        assert!(text.contains("the next start offers to restore it"), "{text}");
        assert!(
            text.contains(" icanon") && !text.contains("-icanon"),
            "SIG{signal}: raw mode left on\n{text}"
        );
        assert!(
            text.contains(" echo ") && !text.contains("-echo "),
            "SIG{signal}: echo left off\n{text}"
        );
        let raw = String::from_utf8_lossy(&tui.raw);
        assert!(
            raw.rfind("\x1b[?1004l") > raw.rfind("\x1b[?1004h"),
            "SIG{signal}: focus reporting left on"
        );
        assert!(draft_of(&db).exists(), "SIG{signal}: no draft");
        assert_eq!(
            std::fs::metadata(draft_of(&db)).unwrap().permissions().mode() & 0o777,
            0o600
        );

        let mut tui = Tui::start(&db);
        tui.wait_for("Put them back in the form?");
        if signal == "INT" {
            tui.keys(&["n"]);
            tui.wait_for("The kept changes were discarded");
            tui.wait_for("○ not saved yet");
        } else {
            tui.keys(&["y"]);
            tui.wait_for("restored: Ctrl-s saves them");
            tui.wait_for("● unsaved changes");
            tui.keys(&[CTRL_S]);
            tui.wait_for("Saved left calf for 2026-11-21");
        }
        assert!(!draft_of(&db).exists(), "an answered draft is removed");
        tui.keys(&["q"]);
        tui.wait_exit();
        let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
        let saved = journal["checkins"].as_array().unwrap();
        if signal == "INT" {
            assert!(saved.is_empty());
        } else {
            assert_eq!(
                (saved[0]["pain_rest"].as_u64(), saved[0]["pain_walk"].as_u64()),
                (Some(3), Some(6))
            );
        }
    }
}

/// Item 4: the terminal closes under the app (its window, an ssh session):
/// the app ends promptly instead of spinning, and keeps the unsaved form.
#[test]
fn the_app_ends_when_its_terminal_goes_away() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["profile", "--leg", "left"]);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new("sh");
    // As under nohup: SIGHUP ignored when soleus starts.
    cmd.args(["-c", "trap '' HUP; exec \"$0\"", BIN]);
    cmd.env("SOLEUS_DB", &db);
    cmd.env("SOLEUS_TODAY", TODAY);
    cmd.env("TERM", "xterm-256color");
    let state = dir.path().join("state");
    cmd.env("XDG_STATE_HOME", &state);
    cmd.env_remove("RUST_BACKTRACE");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    // Read until the form is up, then stop reading and close every handle.
    let started = thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains("not saved yet") {
            match reader.read(&mut buf) {
                Ok(n) if n > 0 => seen.extend_from_slice(&buf[..n]),
                _ => return false,
            }
        }
        true
    });
    let deadline = Instant::now() + WAIT;
    while !started.is_finished() {
        assert!(Instant::now() < deadline, "the app never showed its form");
        thread::sleep(Duration::from_millis(20));
    }
    assert!(started.join().unwrap());
    writer.write_all(b"4").unwrap();
    writer.flush().unwrap();
    thread::sleep(Duration::from_millis(300));
    drop(writer);
    drop(pty.master);
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("soleus kept running after its terminal went away");
        }
        thread::sleep(Duration::from_millis(20));
    };
    // SIGHUP (129) or the lost input (1); never a panic on the way out.
    assert!(matches!(status.exit_code(), 129 | 1), "{status:?}");
    assert!(
        !state.join("soleus").join("panic.log").exists(),
        "soleus panicked on the way out"
    );
    assert!(draft_of(&db).exists(), "the unsaved form was kept");
}

/// Item 7: a journal removed or replaced while the app is open is refused
/// with a message; the app never claims a save that is not in the file.
#[test]
fn a_replaced_or_removed_journal_is_refused() {
    for replace in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        cli(&db, &["profile", "--leg", "left"]);
        let copy = dir.path().join("restored.db");
        cli(&db, &["backup", "--out", copy.to_str().unwrap()]);
        let mut tui = Tui::start(&db);
        tui.wait_for("Check-in · left calf");
        tui.keys(&["2", DOWN, "3"]);
        tui.wait_for("● unsaved changes");
        if replace {
            std::fs::rename(&copy, &db).unwrap();
        } else {
            std::fs::remove_file(&db).unwrap();
        }
        tui.keys(&[CTRL_S]);
        tui.wait_for("was removed or replaced");
        assert!(!tui.text().contains("✓ Saved"), "{}", tui.text());
        tui.keys(&["\x1b[5~", "q", "d"]);
        tui.wait_exit();
        if replace {
            let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
            assert!(journal["checkins"].as_array().unwrap().is_empty());
        }
    }
}

/// Item 8: after a stray escape prefix (crossterm issue 1104), `q` and
/// Ctrl-c still quit.
#[test]
fn q_quits_after_a_stray_escape_prefix() {
    for (prefix, quit) in [
        ("\x1b[<", "q"),
        ("\x1b[?", "q"),
        ("\x1b[?2026;2$", "\x03"),
        ("\x1b[<0;3", "q"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        cli(&db, &["profile", "--leg", "left"]);
        let mut tui = Tui::start(&db);
        tui.wait_for("Check-in · left calf");
        tui.keys(&[prefix]);
        thread::sleep(Duration::from_millis(300));
        tui.keys(&[quit]);
        tui.wait_exit();
    }
}

/// Item 12: `soleus > file` from a terminal refuses to start, says what to
/// use instead, and writes no escape codes into the file.
#[test]
fn the_app_with_output_redirected_writes_no_escape_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let out = dir.path().join("out.txt");
    let script = format!("\"$0\" > '{}'; echo \"exit=$?\"", out.display());
    let mut tui = Tui::start_script(&db, &script);
    tui.wait_for("exit=1");
    tui.wait_end();
    assert!(
        tui.text()
            .contains("the app needs a terminal on standard input and output"),
        "{}",
        tui.text()
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"");
    assert!(!db.exists());
}

/// Item 12: an error at start-up is the journal's own one line, not
/// "terminal: …", and the terminal is left as it was.
#[test]
fn a_start_up_error_names_the_journal_not_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "not a journal\n").unwrap();
    let mut tui = Tui::start_script(&db, "\"$0\"; echo \"exit=$?\"");
    tui.wait_for("exit=1");
    tui.wait_end();
    let text = tui.text();
    assert!(
        text.contains("soleus: ") && text.contains("is not a soleus journal"),
        "{text}"
    );
    assert!(!text.contains("terminal:"), "{text}");
    assert!(!tui.screen.screen().alternate_screen());
}

/// A journal that opens but cannot be read names itself at start-up: the
/// error used to come out as "terminal: …". Nothing touches the terminal
/// before the first read.
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
    // Issue 23 item 6: the record is left out, the app opens, and the line
    // that names it is printed when it ends.
    let mut tui = Tui::start_script(&db, "\"$0\"; echo \"exit=$?\"");
    tui.wait_for("Check-in · left calf");
    tui.keys(&["q"]);
    tui.wait_for("exit=0");
    tui.wait_end();
    let text = tui.text();
    assert!(text.contains("could not be read and was left out"), "{text}");
    assert!(text.contains("teleportation"), "{text}");
}

/// An outcome recorded in a real terminal: `w`, `o`, a result, a note,
/// Enter; then `flags --json` no longer lists the warning and the export
/// holds the outcome with its note.
#[test]
fn an_outcome_is_recorded_from_the_warning_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    cli(&db, &["profile", "--leg", "left"]);
    cli(
        &db,
        &[
            "checkin",
            "--date",
            "2026-11-20",
            "--pain-rest",
            "2",
            "--pain-walk",
            "3",
            "--symptom",
            "pop",
        ],
    );
    let flags: serde_json::Value = serde_json::from_str(&cli(&db, &["flags", "--json"])).unwrap();
    assert_eq!(flags["flags"][0]["rule"], "rupture", "{flags}");

    let mut tui = Tui::start(&db);
    tui.wait_for("since 20 Nov, not yet seen");
    tui.keys(&["w"]);
    tui.wait_for("o outcome");
    tui.keys(&["o"]);
    tui.wait_for("What came of this warning?");
    // Result: → twice is "treating"; down three times (past "For" and the
    // date) to the note, where q is text.
    tui.keys(&["\x1b[C", "\x1b[C", DOWN, DOWN, DOWN]);
    tui.keys(&["G", "P", " ", "q", "!"]);
    tui.wait_for("GP q!");
    tui.keys(&["\r"]);
    tui.wait_for("Closed the left calf rupture warning: treating, 21 Nov");
    tui.keys(&["\x1b"]); // close the list
    tui.wait_for("Ctrl-s save");
    tui.keys(&["q"]);
    tui.wait_exit();

    let flags: serde_json::Value = serde_json::from_str(&cli(&db, &["flags", "--json"])).unwrap();
    assert_eq!(flags["flags"], serde_json::json!([]), "the outcome closed it: {flags}");
    let journal: serde_json::Value = serde_json::from_str(&cli(&db, &["export", "--format", "json"])).unwrap();
    let outcomes = journal["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 1, "{journal}");
    assert_eq!(outcomes[0]["rule"], "rupture");
    assert_eq!(outcomes[0]["leg"], "left");
    assert_eq!(outcomes[0]["result"], "treating");
    assert_eq!(outcomes[0]["date"], TODAY);
    assert_eq!(outcomes[0]["note"], "GP q!");
}

/// Issue 22: the guided session rings the terminal bell (one BEL byte) when
/// the get-ready countdown gives way to the first hold, and `bell = false`
/// in the config keeps it silent.
#[test]
fn the_guided_session_rings_the_bell_when_a_hold_starts() {
    for (bell, rings) in [("true", true), ("false", false)] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        cli(&db, &["profile", "--leg", "left"]);
        let config = dir.path().join("config.toml");
        std::fs::write(&config, format!("bell = {bell}\n")).unwrap();
        let mut tui = Tui::spawn(&db, 24, 80, &[], &[BIN, "--config", config.to_str().unwrap()]);
        tui.wait_for("[F1 Check-in]");
        tui.keys(&["\x1bOQ"]); // F2
        tui.wait_for("Isometric heel-raise hold");
        tui.keys(&["j", "j"]);
        tui.keys(&["g"]);
        tui.wait_for("GET READY");
        let before = tui.raw.iter().filter(|&&b| b == 0x07).count();
        tui.keys(&[" "]);
        tui.wait_for("HOLD ");
        // The bell goes out with the frame that shows the hold.
        std::thread::sleep(std::time::Duration::from_millis(300));
        tui.drain();
        let after = tui.raw.iter().filter(|&&b| b == 0x07).count();
        assert_eq!(after > before, rings, "bell = {bell}: {before} then {after} BEL bytes");
        tui.keys(&["\x1b", "q"]);
    }
}
