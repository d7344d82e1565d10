#![allow(clippy::unwrap_used)]
//! Issue 13: the config file, units, completions and the man page, edits
//! that do not erase, the exact restore, and `status --check` / `--json`,
//! run as the real binary against temporary journals.

use std::fs;
use std::path::{Path, PathBuf};

use crate::kit::{Journal, mode};
use serde_json::Value;

/// Writes `text` as the config file the journal's commands read (through
/// `--config`, as a user would point at one).
fn with_config(j: &Journal, text: &str) -> PathBuf {
    let path = j.dir.path().join("config.toml");
    fs::write(&path, text).unwrap();
    path
}

/// `soleus --config FILE ARGS...`, which must succeed; returns stdout.
fn ok_with(j: &Journal, config: &Path, args: &[&str]) -> String {
    let out = j
        .cmd()
        .arg("--config")
        .arg(config)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// A config that must be refused: exit 2 and one line on stderr holding
/// every piece of `expected`.
fn refused_config(j: &Journal, text: &str, expected: &[&str]) {
    let path = with_config(j, text);
    let out = j
        .cmd()
        .arg("--config")
        .arg(&path)
        .arg("status")
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(&path.display().to_string()), "names the file: {stderr}");
    for part in expected {
        assert!(stderr.contains(part), "{stderr:?} should contain {part:?}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn config_path_show_and_init() {
    let j = Journal::new();
    let default = j.dir.path().join("config-home/soleus/config.toml");
    assert_eq!(j.ok(&["config", "path"]).trim(), default.display().to_string());
    let shown = j.ok(&["config", "show"]);
    assert!(shown.contains("does not exist: these are the defaults"), "{shown}");
    assert!(
        shown.contains("units = \"km\"") && shown.contains("week_start = \"monday\""),
        "{shown}"
    );
    assert!(j.ok(&["config", "init"]).contains("wrote"));
    let written = fs::read_to_string(&default).unwrap();
    for key in [
        "units",
        "week_start",
        "default_leg",
        "first_tab",
        "[theme]",
        "alert_urgent",
        "NO_COLOR",
    ] {
        assert!(written.contains(key), "init writes {key}");
    }
    assert!(written.lines().filter(|l| l.starts_with('#')).count() > 5, "commented");
    // init never overwrites; the written file reads as the defaults.
    j.cmd().args(["config", "init"]).assert().code(2);
    let shown = j.ok(&["config", "show"]);
    assert!(shown.starts_with(&format!("# from {}", default.display())), "{shown}");
    assert!(shown.contains("alert_urgent = \"red\""), "{shown}");
}

/// Issue 23 item 20: `config init` makes its folder and file owner-only
/// even under `umask 000` (before: the folder came out 0777).
#[test]
fn config_init_is_owner_only_under_umask_000() {
    let j = Journal::new();
    let home = j.dir.path().join("config-home");
    let out = std::process::Command::new("sh")
        .args(["-c", "umask 000; exec \"$0\" \"$@\"", env!("CARGO_BIN_EXE_soleus")])
        .args(["--db"])
        .arg(&j.db)
        .args(["config", "init"])
        .env_remove("SOLEUS_CONFIG")
        .env("XDG_CONFIG_HOME", &home)
        .env("SOLEUS_TODAY", "2026-06-20")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(mode(&home.join("soleus")), 0o700, "the folder");
    assert_eq!(mode(&home.join("soleus/config.toml")) & 0o077, 0, "the file");
}

#[test]
fn every_key_takes_effect() {
    let j = Journal::new();
    let config = with_config(
        &j,
        "units = \"mi\"\nweek_start = \"sunday\"\ndefault_leg = \"right\"\nfirst_tab = \"history\"\n\
         [theme]\nalert_urgent = \"light-magenta\"\n",
    );
    j.ok(&["profile", "--leg", "both"]);
    // An entry on Sunday the 14th, so the report's period holds a week.
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-14",
        "--leg",
        "right",
        "--pain-rest",
        "1",
        "--pain-walk",
        "1",
    ]);
    // default_leg: a check-in without --leg is for the right calf.
    let saved = ok_with(
        &j,
        &config,
        &["checkin", "--pain-rest", "1", "--pain-walk", "1", "--run-km", "5"],
    );
    assert!(saved.contains("saved the right calf check-in"), "{saved}");
    assert!(saved.contains("run: 3.1 mi (5 km stored)"), "{saved}");
    // units: the report shows the 5 km run as 3.1 mi.
    let report = ok_with(&j, &config, &["report", "--days", "7"]);
    assert!(report.contains("| mi run |"), "{report}");
    assert!(report.contains("| 3.1 |"), "{report}");
    // week_start: the report's weeks run Sunday to Saturday (the 20th is a
    // Saturday), so the last 7 days are one week.
    assert!(report.contains("| 14 Jun – 20 Jun |"), "{report}");
    let monday = j.ok(&["report", "--days", "7"]);
    assert!(
        monday.contains("| 15 Jun – 20 Jun |") && monday.contains("| 5.0 |"),
        "{monday}"
    );
    let html = ok_with(&j, &config, &["report", "--days", "7", "--format", "html"]);
    assert!(html.contains("Running (mi)") && html.contains("Distance mi"), "{html}");
    // week_start: 2026-06-20 is a Saturday; the week began on Sunday the 14th.
    let json: Value = serde_json::from_str(&ok_with(&j, &config, &["status", "--json"])).unwrap();
    assert_eq!(json["week_start"], "2026-06-14");
    let json: Value = serde_json::from_str(&j.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["week_start"], "2026-06-15", "Monday without the config");
    // first_tab and theme reach the app (checked on the app itself in
    // apply_config_sets_up_the_app); here the file is accepted.
    ok_with(&j, &config, &["config", "show"]);
}

#[test]
fn a_bad_config_is_one_line_naming_file_line_key_and_allowed_values() {
    let j = Journal::new();
    refused_config(
        &j,
        "# mine\nunits = \"miles\"\n",
        &["line 2", "units", "\"km\" or \"mi\"", "miles"],
    );
    refused_config(
        &j,
        "week_start = 1\n",
        &["line 1", "week_start", "\"monday\" or \"sunday\""],
    );
    refused_config(
        &j,
        "default_leg = \"both\"\n",
        &["default_leg", "\"injured\"", "\"left\" or \"right\""],
    );
    refused_config(
        &j,
        "first_tab = \"stats\"\n",
        &["first_tab", "\"checklist\", \"trends\" or \"history\""],
    );
    refused_config(
        &j,
        "\n\nunit = \"mi\"\n",
        &["line 3", "unit", "a key among units, week_start"],
    );
    refused_config(
        &j,
        "[theme]\nalert_urgent = \"sky\"\n",
        &["line 2", "theme.alert_urgent", "#rrggbb", "sky"],
    );
    refused_config(&j, "[theme]\nurgent = \"red\"\n", &["theme.urgent", "alert_urgent"]);
    refused_config(&j, "units = [\n", &["line", "(syntax)"]);
    assert!(!j.db.exists(), "a bad config writes nothing");
}

#[test]
fn a_missing_default_config_is_the_defaults_a_missing_named_one_is_refused() {
    let j = Journal::new();
    j.ok(&["status"]);
    let missing = j.dir.path().join("nope.toml");
    let out = j.cmd().arg("--config").arg(&missing).arg("status").assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("nope.toml"), "{stderr}");
    // SOLEUS_CONFIG works like --config.
    let config = with_config(&j, "units = \"mi\"\n");
    let out = j
        .cmd()
        .env("SOLEUS_CONFIG", &config)
        .args(["report", "--days", "7"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("mi run"));
}

#[test]
fn miles_on_the_command_line_are_stored_as_km_and_never_guessed() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&["checkin", "--pain-rest", "1", "--pain-walk", "1", "--run-mi", "5"]);
    let json = j.export_json();
    let km = json["checkins"][0]["run_km"].as_f64().unwrap();
    assert!((km - 8.04672).abs() < 1e-9, "{km}");
    // Both flags at once is refused; a mile value out of range names run_mi.
    j.cmd()
        .args([
            "checkin",
            "--pain-rest",
            "1",
            "--pain-walk",
            "1",
            "--run-km",
            "5",
            "--run-mi",
            "3",
        ])
        .assert()
        .code(2);
    let out = j
        .cmd()
        .args(["checkin", "--pain-rest", "1", "--pain-walk", "1", "--run-mi", "400"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("run_mi"));
    // Export keeps km whatever the config says, and says so on stderr.
    let config = with_config(&j, "units = \"mi\"\n");
    let out = j
        .cmd()
        .arg("--config")
        .arg(&config)
        .args(["export", "--format", "csv"])
        .assert()
        .success();
    let output = out.get_output();
    assert!(String::from_utf8_lossy(&output.stdout).contains("8.04672"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("km"));
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let j = Journal::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = j.ok(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        assert!(script.contains("soleus"), "{shell}");
    }
    let bash = j.ok(&["completions", "bash"]);
    assert!(bash.contains("ankle-pumps"), "bash completes exercise ids");
    assert!(bash.contains("heel-raise-fail"), "bash completes symptom names");
    assert!(
        bash.contains("pe-signs") && bash.contains("load-spike"),
        "bash completes rule ids"
    );
    let zsh = j.ok(&["completions", "zsh"]);
    assert!(
        zsh.contains("ankle-pumps") && zsh.contains("Ankle pumps"),
        "zsh shows names too"
    );
    // clap's fish script completes option values, not positionals.
    let fish = j.ok(&["completions", "fish"]);
    assert!(fish.contains("heel-raise-fail"));
    j.cmd().args(["completions", "tcsh"]).assert().code(2);
    let man = j.ok(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH soleus"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("checkin") && man.contains("SOLEUS_CONFIG"));
    assert!(!j.db.exists(), "completions and man create no journal");
}

/// A check-in with every kind of field set, on today for the profile's leg.
const FULL_ENTRY: &[&str] = &[
    "checkin",
    "--pain-rest",
    "3",
    "--pain-walk",
    "4",
    "--tightness",
    "5",
    "--run-km",
    "6.5",
    "--run-min",
    "40",
    "--note",
    "hills",
    "--symptom",
    "cramping",
];

#[test]
fn checkin_update_changes_only_the_fields_given() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let refused = j
        .cmd()
        .args(["checkin", "--update", "--morning", "2"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&refused).contains("update"));
    assert!(
        j.export_json()["checkins"].as_array().unwrap().is_empty(),
        "nothing written"
    );
    j.ok(FULL_ENTRY);
    let out = j.ok(&["checkin", "--update", "--morning", "2"]);
    assert!(out.contains("updated the left calf check-in for 2026-06-20"), "{out}");
    assert!(!out.contains("cleared"), "{out}");
    let c = &j.export_json()["checkins"][0];
    assert_eq!(c["morning"], 2);
    assert_eq!((c["pain_rest"].clone(), c["pain_walk"].clone()), (3.into(), 4.into()));
    assert_eq!((c["tightness"].clone(), c["run_km"].clone()), (5.into(), 6.5.into()));
    assert_eq!((c["run_min"].clone(), c["note"].clone()), (40.into(), "hills".into()));
    assert_eq!(c["symptoms"], serde_json::json!(["cramping"]));
    // A bad value in an update is refused and writes nothing.
    j.cmd()
        .args(["checkin", "--update", "--tightness", "11"])
        .assert()
        .code(2);
    assert_eq!(j.export_json()["checkins"][0]["tightness"], 5);
}

#[test]
fn a_plain_checkin_says_what_it_cleared() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(FULL_ENTRY);
    let out = j.ok(&["checkin", "--pain-rest", "0", "--pain-walk", "0", "--morning", "2"]);
    assert!(out.contains("replaced the left calf check-in"), "{out}");
    let cleared = out.lines().find(|l| l.starts_with("cleared")).unwrap();
    for field in [
        "tightness 5",
        "run_km 6.5",
        "run_min 40",
        "note \"hills\"",
        "symptom cramping",
        "--update",
    ] {
        assert!(cleared.contains(field), "{cleared}");
    }
    let again = j.ok(&["checkin", "--pain-rest", "0", "--pain-walk", "0", "--morning", "2"]);
    assert!(!again.contains("cleared"), "nothing left to clear: {again}");
}

/// Exports `j` as JSON to a file and returns its bytes.
fn export_file(j: &Journal, name: &str) -> (PathBuf, Vec<u8>) {
    let path = j.dir.path().join(name);
    j.ok(&["export", "--format", "json", "--out", path.to_str().unwrap()]);
    let bytes = fs::read(&path).unwrap();
    (path, bytes)
}

/// Export → `import --replace` into a fresh journal → export: same bytes.
fn assert_round_trip(source: &Journal) {
    let (file, before) = export_file(source, "source.json");
    let fresh = Journal::new();
    let out = fresh.ok(&["import", "--replace", file.to_str().unwrap()]);
    assert!(out.contains("replaced"), "{out}");
    let (_, after) = export_file(&fresh, "copy.json");
    assert!(before == after, "the restored journal exports differently");
}

#[test]
fn replace_restores_the_demo_journal_byte_for_byte() {
    let demo = Journal::new();
    demo.ok(&["demo", "--days", "200"]);
    // The user removed an exercise from the plan: a merge into a fresh
    // journal would bring it back, a replace does not.
    let conn = rusqlite::Connection::open(&demo.db).unwrap();
    conn.execute("DELETE FROM plan WHERE exercise = (SELECT min(exercise) FROM plan)", [])
        .unwrap();
    drop(conn);
    assert_round_trip(&demo);
}

#[test]
fn replace_restores_the_v1_fixture_byte_for_byte() {
    let v1 = Journal::new();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-v1.db"),
        &v1.db,
    )
    .unwrap();
    assert_round_trip(&v1);
}

#[test]
fn replace_restores_the_upgraded_v6_fixture_byte_for_byte() {
    let v6 = Journal::new();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-v6.db"),
        &v6.db,
    )
    .unwrap();
    assert_round_trip(&v6);
}

#[test]
fn replace_restores_the_v3_profile_facts_and_outcomes_byte_for_byte() {
    let demo = Journal::new();
    demo.ok(&["demo", "--days", "60"]);
    demo.ok(&["profile", "--clot-risk", "yes", "--blood-thinners", "yes"]);
    let (file, bytes) = export_file(&demo, "source.json");
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("\"clot_risk\": true") && text.contains("\"blood_thinners\": true"),
        "{text}"
    );
    // The demo user records outcomes for its past warnings; give one a
    // highest pain, as a v3 soleus stores it, then round-trip the file.
    let mut journal: serde_json::Value = serde_json::from_str(&text).unwrap();
    let outcomes = journal["outcomes"].as_array_mut().unwrap();
    let at = outcomes
        .iter()
        .position(|o| o["presentation"].is_object())
        .expect("the demo records outcomes with a presentation");
    outcomes[at]["presentation"]["highest_pain"] = serde_json::json!(5);
    fs::write(&file, serde_json::to_string_pretty(&journal).unwrap()).unwrap();
    let fresh = Journal::new();
    fresh.ok(&["import", "--replace", file.to_str().unwrap()]);
    assert_eq!(fresh.export_json()["outcomes"][at]["presentation"]["highest_pain"], 5);
    assert_round_trip(&fresh);
}

#[test]
fn replace_needs_yes_on_a_journal_with_entries_and_backs_up_first() {
    let source = Journal::new();
    source.ok(&["profile", "--leg", "right"]);
    source.checkin("2026-06-19", None, "2", "2");
    let (file, bytes) = export_file(&source, "source.json");
    let target = Journal::new();
    target.ok(&["profile", "--leg", "left"]);
    target.checkin("2026-06-01", None, "5", "5");
    let before = target.export_json();
    let out = target
        .cmd()
        .args(["import", "--replace", file.to_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("--yes"));
    assert_eq!(target.export_json(), before, "nothing replaced without --yes");
    let out = target.ok(&["import", "--replace", "--yes", file.to_str().unwrap()]);
    let (_, after) = export_file(&target, "after.json");
    assert!(after == bytes, "the journal is the file");
    let backup = target.dir.path().join("backups/journal.db.before-replace-2026-06-20");
    assert!(backup.exists(), "{out}");
    let old = rusqlite::Connection::open(&backup).unwrap();
    let n: i64 = old
        .query_row("SELECT count(*) FROM checkin WHERE date = '2026-06-01'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 1, "the backup holds the old journal");
    // A CSV cannot replace a journal: it holds only check-ins.
    let csv = target.dir.path().join("c.csv");
    target.ok(&["export", "--format", "csv", "--out", csv.to_str().unwrap()]);
    target
        .cmd()
        .args(["import", "--replace", "--yes", csv.to_str().unwrap()])
        .assert()
        .code(2);
}

#[test]
fn a_csv_import_into_a_journal_without_profile_sets_the_legs_it_holds() {
    let j = Journal::new();
    let csv = j.dir.path().join("c.csv");
    fs::write(
        &csv,
        "date,leg,pain_rest,pain_walk\n2026-06-19,right,1,2\n2026-06-20,right,1,1\n",
    )
    .unwrap();
    let out = j.ok(&["import", csv.to_str().unwrap()]);
    assert!(out.contains("injured leg set to right"), "{out}");
    assert_eq!(j.export_json()["profile"]["leg"], "right");
    let status = j.ok(&["status"]);
    assert!(status.contains("check-in done"), "{status}");
    j.cmd().args(["status", "--check"]).assert().success();
    // Both legs in the file: both.
    let k = Journal::new();
    let csv = k.dir.path().join("c.csv");
    fs::write(
        &csv,
        "date,leg,pain_rest,pain_walk\n2026-06-20,right,1,2\n2026-06-20,left,1,1\n",
    )
    .unwrap();
    k.ok(&["import", csv.to_str().unwrap()]);
    assert_eq!(k.export_json()["profile"]["leg"], "both");
    assert!(k.ok(&["status"]).contains("check-in done"));
}

#[test]
fn status_check_exit_codes_and_json() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.checkin("2026-06-19", None, "1", "1");
    let out = j
        .cmd()
        .args(["status", "--check"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stdout).contains("check-in not done"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing for the left calf"));
    let out = j
        .cmd()
        .args(["status", "--json", "--check"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["checkin_done"], false);
    assert_eq!(json["legs_missing"], serde_json::json!(["left"]));
    assert_eq!(json["streak"], 1);
    assert_eq!(json["date"], "2026-06-20");
    j.checkin("2026-06-20", None, "1", "1");
    j.cmd().args(["status", "--check"]).assert().success();
    let json: Value = serde_json::from_str(&j.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["checkin_done"], true);
    assert_eq!(json["legs_done"], serde_json::json!(["left"]));
    assert_eq!(json["streak"], 2);
    assert_eq!(json["week_checkin_days"], 2);
    assert_eq!(json["most_urgent"], Value::Null);
    assert_eq!(json["line"], j.ok(&["status"]).trim_end());
    // A red flag on the right calf shows as the most urgent warning, and
    // the check still holds only for the injured leg.
    j.ok(&[
        "checkin",
        "--leg",
        "right",
        "--pain-rest",
        "1",
        "--pain-walk",
        "1",
        "--symptom",
        "pale-cold",
    ]);
    let json: Value = serde_json::from_str(&j.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["most_urgent"]["leg"], "right");
    assert_eq!(json["most_urgent"]["level"], "emergency");
    j.cmd().args(["status", "--check"]).assert().success();
}
