//! `soleus flags` as a user (and the outside acceptance checks) drive it:
//! entries made with `soleus checkin`, then the JSON and text it prints.

// The helpers below sit outside `#[test]` functions, where clippy's
// test allowance does not reach; a failed unwrap here is a failed test.
#![allow(clippy::unwrap_used)]

use std::fmt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use tempfile::TempDir;

const TODAY: &str = "2026-06-20";

/// A throw-away journal with "today" pinned.
struct Journal {
    _dir: TempDir,
    db: PathBuf,
}

impl Journal {
    fn new() -> Journal {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("j.db");
        Journal { _dir: dir, db }
    }

    fn cmd(&self) -> Command {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("soleus");
        cmd.env("SOLEUS_TODAY", TODAY).env("SOLEUS_DB", &self.db);
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn checkin(&self, args: &[&str]) -> String {
        let mut all = vec!["checkin"];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

/// A JSON object with its keys in the order they were printed.
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;
        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(OrderedVisitor)
    }
}

impl Ordered {
    fn keys(&self) -> Vec<&str> {
        self.0.iter().map(|(k, _)| k.as_str()).collect()
    }
}

/// The key order of each flag object and of the guidance, read from the raw
/// text (a `serde_json::Value` would sort them).
fn nested_key_orders(json: &str) -> (Vec<Vec<String>>, Vec<String>) {
    #[derive(serde::Deserialize)]
    struct Top {
        flags: Vec<Ordered>,
        guidance: Ordered,
    }
    let top: Top = serde_json::from_str(json).unwrap();
    let owned = |o: &Ordered| o.keys().into_iter().map(str::to_owned).collect::<Vec<_>>();
    (top.flags.iter().map(owned).collect(), owned(&top.guidance))
}

/// Two legs with warnings on different days:
/// - left, 2026-06-19: swelling and warmth (dvt, urgent), numbness (nerve, soon);
/// - right, 2026-06-20: pale-cold (circulation, emergency), walking pain 8 (severe-pain, soon).
fn two_leg_journal() -> Journal {
    let j = Journal::new();
    j.run(&["profile", "--leg", "left"]);
    j.checkin(&[
        "--date",
        "2026-06-19",
        "--pain-rest",
        "2",
        "--pain-walk",
        "3",
        "--symptom",
        "swelling,warmth",
        "--symptom",
        "numbness",
    ]);
    j.checkin(&[
        "--date",
        "2026-06-20",
        "--leg",
        "right",
        "--pain-rest",
        "1",
        "--pain-walk",
        "8",
        "--symptom",
        "pale-cold",
    ]);
    j
}

#[test]
fn json_has_the_exact_fields_in_order_most_urgent_first() {
    let j = two_leg_journal();
    let json = j.run(&["flags", "--json", "--date", "2026-06-20"]);
    let top: Ordered = serde_json::from_str(&json).unwrap();
    assert_eq!(top.keys(), ["date", "flags", "guidance"]);
    let (flag_keys, guidance_keys) = nested_key_orders(&json);
    assert_eq!(flag_keys.len(), 4);
    for keys in flag_keys {
        assert_eq!(
            keys,
            ["rule", "level", "leg", "date", "since", "title", "advice", "because"]
        );
    }
    assert_eq!(guidance_keys, ["light", "because", "run_cap_km"]);

    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["date"], "2026-06-20");
    let flags = value["flags"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str, &str)> = flags
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["level"].as_str().unwrap(),
                f["leg"].as_str().unwrap(),
                f["date"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("circulation", "emergency", "right", "2026-06-20"),
            ("dvt", "urgent", "left", "2026-06-19"),
            ("nerve", "soon", "left", "2026-06-19"),
            ("severe-pain", "soon", "right", "2026-06-20"),
        ]
    );
    let dvt = &flags[1];
    assert_eq!(
        dvt["because"][0],
        "swelling and warmth ticked in the left calf check-in of 2026-06-19"
    );
    assert!(dvt["advice"].as_str().unwrap().contains("today"));
    assert!(
        flags[0]["advice"]
            .as_str()
            .unwrap()
            .contains("emergency department now")
    );
    for flag in flags {
        assert!(!flag["title"].as_str().unwrap().is_empty());
        assert!(!flag["because"].as_array().unwrap().is_empty());
    }

    for flag in flags {
        assert_eq!(flag["since"], flag["date"], "no warning here began before its entry");
    }
    // Nothing contradicts a warning: with soon-or-higher flags the light is stop.
    assert_eq!(value["guidance"]["light"], "stop");
    assert!(value["guidance"]["because"].as_array().unwrap().len() >= 2);
}

#[test]
fn json_uses_only_entries_up_to_the_date() {
    let j = two_leg_journal();
    let value: Value = serde_json::from_str(&j.run(&["flags", "--json", "--date", "2026-06-19"])).unwrap();
    let rules: Vec<&str> = value["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["dvt", "nerve"]);
    // A newer left entry without signs closes nothing: the urgent dvt
    // warning and the soon nerve warning stay open with their first day
    // (docs/clinical-rules.md: every single-entry warning stays open).
    j.checkin(&["--date", "2026-06-20", "--pain-rest", "0", "--pain-walk", "0"]);
    let value: Value = serde_json::from_str(&j.run(&["flags", "--json"])).unwrap();
    let found: Vec<(&str, &str, &str, &str)> = value["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["leg"].as_str().unwrap(),
                f["date"].as_str().unwrap(),
                f["since"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("circulation", "right", "2026-06-20", "2026-06-20"),
            ("dvt", "left", "2026-06-19", "2026-06-19"),
            ("nerve", "left", "2026-06-19", "2026-06-19"),
            ("severe-pain", "right", "2026-06-20", "2026-06-20"),
        ]
    );
}

#[test]
fn text_puts_the_level_word_first_with_reasons_and_guidance() {
    let j = two_leg_journal();
    let text = j.run(&["flags", "--date", "2026-06-20"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "4 warnings from your entries up to 2026-06-20, most urgent first:"
    );
    assert!(
        lines[1].starts_with(
            "EMERGENCY: Pale, blue or cold foot (right calf, 2026-06-20). Call your local emergency number"
        ),
        "{text}"
    );
    assert_eq!(
        lines[2],
        "    because: a pale, blue or cold foot ticked in the right calf check-in of 2026-06-20"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("URGENT: Calf signs that can come with a blood clot (left calf, 2026-06-19).")),
        "{text}"
    );
    assert!(
        text.contains("    because: open since 2026-06-20: it stays until you record what came of it"),
        "{text}"
    );
    assert!(text.contains("\nSOON: "), "{text}");
    assert!(text.contains("\nload guidance: "), "{text}");
    assert!(text.contains("Silbernagel et al. 2007"), "{text}");
    assert!(
        text.trim_end().ends_with("If you are worried, see a clinician."),
        "{text}"
    );
}

#[test]
fn no_warnings_says_so_without_reassuring() {
    let j = Journal::new();
    j.run(&["profile", "--leg", "right"]);
    j.checkin(&["--pain-rest", "0", "--pain-walk", "1", "--morning", "1"]);
    let text = j.run(&["flags"]);
    assert!(
        text.starts_with("no open warnings from your entries up to 2026-06-20."),
        "{text}"
    );
    assert!(text.contains("soleus does not diagnose"), "{text}");
    let lower = text.to_lowercase();
    for banned in ["all clear", "you are fine", " safe", " fine"] {
        assert!(!lower.contains(banned), "{banned:?} in {text}");
    }
    let value: Value = serde_json::from_str(&j.run(&["flags", "--json"])).unwrap();
    assert_eq!(value["flags"], Value::Array(vec![]));
    assert_eq!(value["guidance"]["light"], "green");
}

#[test]
fn explain_prints_the_rule_its_condition_and_source() {
    let j = Journal::new();
    let text = j.run(&["flags", "--explain", "dvt"]);
    assert!(text.starts_with("dvt: "), "{text}");
    assert!(text.contains("level: urgent"), "{text}");
    assert!(
        text.contains("fires when: 'swelling' is ticked together with"),
        "{text}"
    );
    assert!(text.contains("source: Wells et al. 2003"), "{text}");
    assert!(text.contains("scoring rule that clinicians apply"), "{text}");
    let nerve = j.run(&["flags", "--explain", "nerve"]);
    assert!(
        nerve.contains("level: soon; urgent when 'weakness' is ticked"),
        "{nerve}"
    );
    assert!(!j.db.exists(), "--explain needs no journal");
}

#[test]
fn explain_with_an_unknown_rule_exits_2_and_lists_the_ids() {
    let j = Journal::new();
    let out = j.cmd().args(["flags", "--explain", "clot"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "rule: expected one of pe-signs, circulation, compartment, rhabdo, cauda-equina, sepsis, dvt, infection, rupture, bleed,"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("load-spike"), "{stderr}");
    assert!(stderr.contains("\"clot\""), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!Path::new(&j.db).exists());
}

#[test]
fn checkin_and_status_show_the_warning() {
    let j = Journal::new();
    j.run(&["profile", "--leg", "left", "--cancer", "yes"]);
    let saved = j.checkin(&["--pain-rest", "3", "--pain-walk", "3"]);
    assert!(
        saved.contains("\nURGENT: Calf signs that can come with a blood clot (left calf, 2026-06-20)."),
        "{saved}"
    );
    let status = j.run(&["status"]);
    assert!(
        status.contains("URGENT: Calf signs that can come with a blood clot"),
        "{status}"
    );
}

#[test]
fn a_future_date_is_bad_input() {
    let j = Journal::new();
    let out = j.cmd().args(["flags", "--date", "2026-06-21"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A heel-raise test of 0 reps fires `rupture` (docs/clinical-rules.md): `soleus test`
/// says so at once, as a check-in does; a test with reps says nothing more.
#[test]
fn a_zero_rep_heel_raise_test_says_it_raised_a_warning() {
    let j = Journal::new();
    j.run(&["profile", "--leg", "left"]);
    let some = j.run(&["test", "heel-raise-straight", "--leg", "left", "--reps", "12"]);
    assert!(!some.contains("URGENT"), "{some}");
    let none = j.run(&["test", "heel-raise-bent", "--leg", "left", "--reps", "0"]);
    assert!(none.starts_with("recorded "), "{none}");
    assert!(none.contains("URGENT:") && none.contains("left calf"), "{none}");
}

/// A journal with a 5 km run on 2026-06-10 and a 6 km run today
/// (2026-06-20): a spike of 20%.
fn spike_journal() -> Journal {
    let j = Journal::new();
    j.run(&["profile", "--leg", "left"]);
    for (date, km, pain) in [
        ("2026-06-10", "5", "1"),
        ("2026-06-19", "2", "1"),
        ("2026-06-20", "6", "1"),
    ] {
        j.checkin(&[
            "--date",
            date,
            "--pain-rest",
            "0",
            "--pain-walk",
            "0",
            "--run-km",
            km,
            "--run-min",
            "30",
            "--pain-run",
            pain,
        ]);
    }
    j
}

/// A config file at `path` with `units = "mi"`.
fn miles_config(j: &Journal) -> PathBuf {
    let path = j.db.with_file_name("config.toml");
    std::fs::write(&path, "units = \"mi\"\n").unwrap();
    path
}

#[test]
fn guidance_gives_todays_run_cap_in_km_or_null() {
    let j = spike_journal();
    let value: Value = serde_json::from_str(&j.run(&["flags", "--json"])).unwrap();
    // 1.1 x the longest run of 2026-05-21 ... 2026-06-19 (5 km).
    let cap = value["guidance"]["run_cap_km"].as_f64().unwrap();
    assert!((cap - 5.5).abs() < 1e-9, "{cap}");
    let spike = value["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "load-spike")
        .unwrap();
    let because: Vec<&str> = spike["because"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert!(
        because.contains(&"longest run today without a spike: 5.5 km"),
        "{because:?}"
    );

    let empty = Journal::new();
    empty.run(&["profile", "--leg", "left"]);
    empty.checkin(&["--pain-rest", "0", "--pain-walk", "0"]);
    let value: Value = serde_json::from_str(&empty.run(&["flags", "--json"])).unwrap();
    assert!(value["guidance"]["run_cap_km"].is_null(), "{value}");
}

#[test]
fn status_gives_the_run_cap_and_warning_words_in_the_configs_unit() {
    let j = spike_journal();
    let config = miles_config(&j);
    let out = j
        .cmd()
        .arg("--config")
        .arg(&config)
        .args(["status", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["run_cap"], "longest run today without a spike: 3.42 mi");
    assert!((value["run_cap_km"].as_f64().unwrap() - 5.5).abs() < 1e-9);
    // In km without a config.
    let value: Value = serde_json::from_str(&j.run(&["status", "--json"])).unwrap();
    assert_eq!(value["run_cap"], "longest run today without a spike: 5.5 km");
}

#[test]
fn replacing_a_check_in_that_opened_a_warning_says_the_warning_went_with_it() {
    let j = Journal::new();
    j.run(&["profile", "--leg", "left"]);
    j.checkin(&["--pain-rest", "2", "--pain-walk", "3", "--symptom", "swelling,warmth"]);
    let replaced = j.checkin(&["--pain-rest", "2", "--pain-walk", "3"]);
    assert!(
        replaced.starts_with("replaced the left calf check-in for 2026-06-20"),
        "{replaced}"
    );
    assert!(
        replaced.contains("this also removed the URGENT dvt warning of the left calf open since 20 Jun 2026"),
        "{replaced}"
    );
    // Replacing it with the signs again removes nothing and says nothing.
    j.checkin(&["--pain-rest", "2", "--pain-walk", "3", "--symptom", "swelling,warmth"]);
    let again = j.checkin(&["--pain-rest", "3", "--pain-walk", "3", "--symptom", "swelling,warmth"]);
    assert!(!again.contains("this also removed"), "{again}");
}
