#![allow(clippy::unwrap_used)]
//! Every input path validates (docs/storage.md). Random argument vectors for the
//! writing commands, run as the real binary: either soleus exits 0 and the
//! journal holds only valid values, or it exits 2 with one or two lines and
//! the journal is unchanged. Never a panic, never exit 1.
//!
//! And a fuzz of the import parser, in process (see
//! `tests/it/kit/import_property.rs`; `fuzz/` runs the same property under
//! libFuzzer).
//!
//! `PROPTEST_CASES` overrides the case counts (64 process runs for the CLI,
//! 256 parses for each kind of import input).

use std::cell::Cell;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;

use crate::kit::{self, Journal, import_property};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use soleus::domain::{Catalogue, Journal as JournalData, Symptom};
use soleus::store::Store;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ----- values a person (or a script) might type -----

fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0i64..=10).prop_map(|n| n.to_string()),
        2 => (-20i64..600).prop_map(|n| n.to_string()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|f| f.to_string()),
        1 => (0.0f64..600.0).prop_map(|f| format!("{f:.2}")),
        1 => "[0-9]{11,40}",
        2 => prop::sample::select(vec![
            "", " ", " 5 ", "+5", "-0", "1e2", "1e400", "NaN", "inf", "-inf", "0x10", "5.", ".5", "٥", "５",
        ])
        .prop_map(str::to_owned),
    ]
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (1890i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (-12000i32..120_000, 0u32..15, 0u32..34).prop_map(|(y, m, d)| format!("{y}-{m}-{d}")),
        prop::sample::select(vec![
            "2026-06-20",
            "2026-06-21",
            "2024-02-29",
            "2025-02-29",
            "0000-03-01",
            "-0001-01-01",
            "+10000-01-01",
            "1899-12-31",
            "1900-01-01",
            "today",
            "20260620",
            "2026-6-1",
        ])
        .prop_map(str::to_owned),
    ]
}

fn word_text() -> impl Strategy<Value = String> {
    let names: Vec<String> = Symptom::ALL.iter().map(|s| s.name().to_owned()).collect();
    prop_oneof![
        prop::sample::select(names.clone()),
        prop::collection::vec(prop::sample::select(names), 1..4).prop_map(|v| v.join(",")),
        prop::sample::select(vec![
            "left",
            "right",
            "both",
            "LEFT",
            "l",
            "middle",
            "yes",
            "no",
            "Y",
            "maybe",
            "itchy",
            "heel_raise_fail",
            ",,",
            "swelling,,pop",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,24}",
        "[a-z-]{1,12}",
    ]
}

/// Any of the above, sometimes huge, sometimes not UTF-8 (never a NUL,
/// which no argument vector can hold).
fn value() -> impl Strategy<Value = OsString> {
    prop_oneof![
        6 => number_text().prop_map(OsString::from),
        3 => date_text().prop_map(OsString::from),
        4 => word_text().prop_map(OsString::from),
        1 => (3990usize..4010).prop_map(|n| OsString::from("é".repeat(n))),
        1 => prop::collection::vec(1u8..=255, 1..12).prop_map(OsString::from_vec),
    ]
}

/// `--flag VALUE` or `--flag=VALUE`, for a flag of `flags` (or an unknown one).
fn flag_args(flags: &'static [&'static str]) -> impl Strategy<Value = Vec<OsString>> {
    let flag = prop_oneof![
        12 => prop::sample::select(flags).prop_map(str::to_owned),
        1 => Just("--bogus".to_owned()),
    ];
    prop::collection::vec((flag, value(), any::<bool>()), 0..4).prop_map(|pairs| {
        let mut args = Vec::new();
        for (flag, value, joined) in pairs {
            if joined {
                let mut arg = OsString::from(format!("{flag}="));
                arg.push(value);
                args.push(arg);
            } else {
                args.push(OsString::from(flag));
                args.push(value);
            }
        }
        args
    })
}

fn score() -> impl Strategy<Value = String> {
    prop_oneof![3 => (0u8..=10).prop_map(|n| n.to_string()), 1 => number_text()]
}

/// A whole command line after `soleus --db PATH`.
fn command_line() -> impl Strategy<Value = Vec<OsString>> {
    let exercises: Vec<String> = Catalogue::builtin().all().iter().map(|e| e.id.clone()).collect();
    let checkin = (
        score(),
        score(),
        flag_args(&[
            "--date",
            "--leg",
            "--pain-rest",
            "--pain-walk",
            "--pain-run",
            "--tightness",
            "--morning",
            "--symptom",
            "--run-km",
            "--run-min",
            "--cross-min",
            "--note",
        ]),
    )
        .prop_map(|(rest, walk, more)| {
            let mut args: Vec<OsString> = ["checkin", "--pain-rest", &rest, "--pain-walk", &walk]
                .map(OsString::from)
                .to_vec();
            args.extend(more);
            args
        });
    let done = (
        prop_oneof![3 => prop::sample::select(exercises), 1 => word_text()],
        flag_args(&["--date", "--sets", "--pain"]),
    )
        .prop_map(|(id, more)| {
            let mut args = vec![OsString::from("done"), OsString::from(id)];
            args.extend(more);
            args
        });
    let test = (
        prop_oneof![
            3 => prop::sample::select(vec!["heel-raise-straight", "heel-raise-bent"]).prop_map(str::to_owned),
            1 => word_text(),
        ],
        prop::sample::select(vec!["left", "right", "both", "x"]),
        number_text(),
        flag_args(&["--date", "--leg", "--reps"]),
    )
        .prop_map(|(kind, leg, reps, more)| {
            let mut args: Vec<OsString> = ["test", &kind, "--leg", leg, "--reps", &reps]
                .map(OsString::from)
                .to_vec();
            args.extend(more);
            args
        });
    let profile = flag_args(&["--leg", "--injury-date", "--clot-history", "--cancer"]).prop_map(|more| {
        let mut args = vec![OsString::from("profile")];
        args.extend(more);
        args
    });
    prop_oneof![4 => checkin, 2 => done, 2 => test, 2 => profile]
}

// ----- what the journal may hold -----

fn journal_now(db: &Path) -> JournalData {
    Store::open(db).unwrap().export().unwrap()
}

/// Checks the stored values against the data model (docs/storage.md) directly, not through the
/// validation code under test.
fn assert_valid(journal: &JournalData) {
    let today = kit::TODAY;
    let json = serde_json::to_value(journal).unwrap();
    let score_ok = |v: &Value| v.is_null() || v.as_u64().is_some_and(|n| n <= 10);
    let date_ok = |v: &Value| {
        v.as_str()
            .is_some_and(|d| d.len() == 10 && ("1900-01-01"..=today).contains(&d))
    };
    for c in json["checkins"].as_array().unwrap() {
        assert!(date_ok(&c["date"]), "{c}");
        assert!(["left", "right"].contains(&c["leg"].as_str().unwrap()), "{c}");
        for field in ["pain_rest", "pain_walk"] {
            assert!(!c[field].is_null() && score_ok(&c[field]), "{field}: {c}");
        }
        for field in ["pain_run", "tightness", "morning"] {
            assert!(score_ok(&c[field]), "{field}: {c}");
        }
        let km = &c["run_km"];
        assert!(
            km.is_null() || km.as_f64().is_some_and(|k| (0.0..=500.0).contains(&k)),
            "{c}"
        );
        for field in ["run_min", "cross_min"] {
            assert!(
                c[field].is_null() || c[field].as_u64().is_some_and(|m| m <= 1440),
                "{c}"
            );
        }
        assert!(
            c["note"]
                .as_str()
                .is_none_or(|n| n.chars().count() <= 4000 && !n.trim().is_empty())
        );
        for s in c["symptoms"].as_array().unwrap() {
            assert!(Symptom::ALL.iter().any(|k| k.name() == s.as_str().unwrap()), "{s}");
        }
    }
    for d in json["completions"].as_array().unwrap() {
        assert!(date_ok(&d["date"]), "{d}");
        assert!(
            Catalogue::builtin().get(d["exercise"].as_str().unwrap()).is_some(),
            "{d}"
        );
        assert!(d["sets"].is_null() || d["sets"].as_u64().is_some_and(|n| (1..=50).contains(&n)));
        assert!(score_ok(&d["pain"]), "{d}");
    }
    for t in json["capacity_tests"].as_array().unwrap() {
        assert!(date_ok(&t["date"]), "{t}");
        assert!(t["reps"].as_u64().is_some_and(|n| n <= 500), "{t}");
    }
    if let Some(date) = json["profile"].get("injury_date").filter(|d| !d.is_null()) {
        assert!(date_ok(date), "{date}");
    }
}

#[test]
fn random_command_lines_are_saved_valid_or_refused_whole() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let mut runner = TestRunner::new(Config {
        cases: cases(64),
        failure_persistence: None,
        ..Config::default()
    });
    let outcomes = [Cell::new(0usize), Cell::new(0)];
    runner
        .run(&command_line(), |args| {
            let before = journal_now(&j.db);
            let out = j.cmd().args(&args).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => {
                    outcomes[0].set(outcomes[0].get() + 1);
                    assert_valid(&journal_now(&j.db));
                }
                Some(2) => {
                    outcomes[1].set(outcomes[1].get() + 1);
                    let lines = stderr.lines().count();
                    prop_assert!((1..=2).contains(&lines), "{args:?}: {stderr}");
                    prop_assert_eq!(journal_now(&j.db), before, "{:?} was refused but wrote", args);
                }
                code => prop_assert!(false, "{args:?} exited {code:?}: {stderr}"),
            }
            prop_assert!(!stderr.contains("internal error") && !stderr.contains("panicked"));
            Ok(())
        })
        .unwrap();
    let [saved, refused] = outcomes.map(Cell::into_inner);
    println!("random command lines: {saved} saved, {refused} refused as bad input");
    assert!(saved > 0 && refused > 0, "both outcomes are exercised");
}

// ----- the import parser -----

/// A real export to mutate: ten days of the demo journal.
fn seed_export() -> String {
    let journal = soleus::demo::generate(10, import_property::TODAY, 7);
    serde_json::to_string_pretty(&journal).unwrap()
}

fn fuzz(name: &str, strategy: impl Strategy<Value = Vec<u8>>) {
    let mut runner = TestRunner::new(Config {
        cases: cases(256),
        failure_persistence: None,
        ..Config::default()
    });
    let accepted = Cell::new(0usize);
    runner
        .run(&strategy, |bytes| {
            accepted.set(accepted.get() + usize::from(import_property::check(&bytes)));
            Ok(())
        })
        .unwrap();
    println!(
        "import fuzz, {name}: {} inputs, {} accepted",
        runner.config().cases,
        accepted.get()
    );
}

#[test]
fn import_parser_survives_arbitrary_bytes() {
    fuzz(
        "arbitrary bytes",
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..300),
            "\\PC{0,300}".prop_map(String::into_bytes),
            "[{}\\[\\]\",:0-9a-z\\- ]{0,200}".prop_map(|s| format!("{{{s}").into_bytes()),
        ],
    );
}

#[test]
fn import_parser_survives_mutated_exports() {
    let seed = seed_export().into_bytes();
    let len = seed.len();
    let edit = (0..len, 0usize..40, value());
    fuzz(
        "mutated exports",
        prop::collection::vec(edit, 1..5).prop_map(move |edits| {
            let mut bytes = seed.clone();
            for (at, cut, insert) in edits {
                let at = at.min(bytes.len());
                let end = (at + cut).min(bytes.len());
                bytes.splice(at..end, insert.into_vec());
            }
            bytes
        }),
    );
}

/// One JSON value of the kind a field may hold, or of a wrong kind.
fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (-3i64..20).prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        2 => (-10.0f64..600.0).prop_map(Value::from),
        1 => any::<f64>().prop_filter("JSON has no NaN or infinity", |f| f.is_finite()).prop_map(Value::from),
        3 => date_text().prop_map(Value::from),
        2 => word_text().prop_map(Value::from),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
        1 => prop::collection::vec(word_text().prop_map(Value::from), 0..3).prop_map(Value::from),
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?".prop_map(Value::from),
    ]
}

/// An object with the fields a record of the export has, each a valid
/// value; [`mutate`] then breaks a few of them.
type Field = (&'static str, fn() -> BoxedStrategy<Value>);

fn record(fields: &'static [Field]) -> BoxedStrategy<Value> {
    let parts: Vec<BoxedStrategy<(String, Value)>> = fields
        .iter()
        .map(|(name, valid)| valid().prop_map(move |v| ((*name).to_owned(), v)).boxed())
        .collect();
    parts
        .prop_map(|fields| Value::Object(fields.into_iter().collect()))
        .boxed()
}

/// Every leaf of a JSON value, as a JSON pointer.
fn leaves(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
        Value::Array(list) => list
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// Replaces (or, for `None`, nulls) the leaves that `edits` pick.
fn mutate(mut value: Value, edits: Vec<(prop::sample::Index, Option<Value>)>) -> Value {
    let mut all = Vec::new();
    leaves(&value, String::new(), &mut all);
    for (pick, replacement) in edits {
        if let Some(leaf) = (!all.is_empty())
            .then(|| pick.get(&all))
            .and_then(|p| value.pointer_mut(p))
        {
            *leaf = replacement.unwrap_or(Value::Null);
        }
    }
    value
}

/// One of a few fixed words.
fn one_of(words: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop::sample::select(words).prop_map(Value::from).boxed()
}
fn day() -> BoxedStrategy<Value> {
    (0u64..40)
        .prop_map(|back| Value::from((import_property::TODAY - chrono::Days::new(back)).to_string()))
        .boxed()
}
fn leg() -> BoxedStrategy<Value> {
    one_of(&["left", "right"])
}
fn score_value() -> BoxedStrategy<Value> {
    (0u64..=10).prop_map(Value::from).boxed()
}
fn sets() -> BoxedStrategy<Value> {
    (1u64..=50).prop_map(Value::from).boxed()
}
fn minutes() -> BoxedStrategy<Value> {
    (0u64..=1440).prop_map(Value::from).boxed()
}
fn km() -> BoxedStrategy<Value> {
    (0.0f64..=500.0).prop_map(Value::from).boxed()
}
fn builtin_exercise() -> BoxedStrategy<Value> {
    let ids: Vec<String> = Catalogue::builtin().all().iter().map(|e| e.id.clone()).collect();
    prop::sample::select(ids).prop_map(Value::from).boxed()
}
fn new_exercise_id() -> BoxedStrategy<Value> {
    prop_oneof!["[a-z][a-z0-9-]{0,12}".prop_map(Value::from), builtin_exercise()].boxed()
}
fn symptoms() -> BoxedStrategy<Value> {
    let names: Vec<&str> = Symptom::ALL.iter().map(|s| s.name()).collect();
    prop::collection::vec(prop::sample::select(names), 0..4)
        .prop_map(Value::from)
        .boxed()
}
fn text() -> BoxedStrategy<Value> {
    "\\PC{0,12}".prop_map(Value::from).boxed()
}
fn name() -> BoxedStrategy<Value> {
    "[A-Za-z][a-z ]{0,12}".prop_map(Value::from).boxed()
}
fn phase() -> BoxedStrategy<Value> {
    (1u64..=5).prop_map(Value::from).boxed()
}
fn phases() -> BoxedStrategy<Value> {
    prop::collection::vec(1u64..=5, 1..4).prop_map(Value::from).boxed()
}
fn kind() -> BoxedStrategy<Value> {
    one_of(&["mobility", "stretch", "strength", "running", "recovery"])
}
fn muscle() -> BoxedStrategy<Value> {
    one_of(&["soleus", "gastrocnemius", "both", "none"])
}
fn test_kind() -> BoxedStrategy<Value> {
    one_of(&["heel-raise-straight", "heel-raise-bent"])
}
fn profile_leg() -> BoxedStrategy<Value> {
    one_of(&["left", "right", "both"])
}
fn moment() -> BoxedStrategy<Value> {
    "2026-0[1-6]-[01][1-9]T[01][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?"
        .prop_map(Value::from)
        .boxed()
}
fn flag() -> BoxedStrategy<Value> {
    any::<bool>().prop_map(Value::from).boxed()
}

/// Whole journals of valid records with up to three values replaced by
/// random ones: this is where a value that validation lets through but the
/// store refuses (or cannot give back) would show.
fn structured_journal() -> impl Strategy<Value = Vec<u8>> {
    let checkin = record(&[
        ("date", day),
        ("leg", leg),
        ("pain_rest", score_value),
        ("pain_walk", score_value),
        ("pain_run", score_value),
        ("tightness", score_value),
        ("morning", score_value),
        ("symptoms", symptoms),
        ("run_km", km),
        ("run_min", minutes),
        ("cross_min", minutes),
        ("note", text),
    ]);
    let completion = record(&[
        ("date", day),
        ("exercise", builtin_exercise),
        ("sets", sets),
        ("pain", score_value),
    ]);
    let test = record(&[("date", day), ("leg", leg), ("test", test_kind), ("reps", minutes)]);
    let plan = record(&[("exercise", builtin_exercise), ("dose", text), ("active", flag)]);
    let exercise = record(&[
        ("id", new_exercise_id),
        ("name", name),
        ("muscle", muscle),
        ("phases", phases),
        ("kind", kind),
        ("dose", text),
        ("how_to", text),
        ("caution", text),
    ]);
    let ack = record(&[("rule", text), ("leg", leg), ("date", day), ("acknowledged_at", moment)]);
    let phase = record(&[("date", day), ("phase", phase)]);
    let profile = record(&[
        ("leg", profile_leg),
        ("injury_date", day),
        ("clot_history", flag),
        ("cancer", flag),
    ]);
    let list = |s: BoxedStrategy<Value>| prop::collection::vec(s, 0..3).prop_map(Value::from);
    let journal = (
        prop::option::of(profile),
        list(checkin),
        list(completion),
        list(test),
        list(plan),
        list(exercise),
        list(ack),
        list(phase),
    )
        .prop_map(
            |(profile, checkins, completions, tests, plan, exercises, acks, phases)| {
                serde_json::json!({
                    "format": "soleus-journal",
                    "version": 1,
                    "profile": profile,
                    "checkins": checkins,
                    "completions": completions,
                    "capacity_tests": tests,
                    "plan": plan,
                    "exercises": exercises,
                    "acknowledgements": acks,
                    "phases": phases,
                })
            },
        );
    let edits = prop::collection::vec((any::<prop::sample::Index>(), prop::option::of(json_value())), 0..3);
    (journal, edits).prop_map(|(journal, edits)| mutate(journal, edits).to_string().into_bytes())
}

#[test]
fn import_parser_keeps_its_promises_on_structured_journals() {
    fuzz("structured journals", structured_journal());
}

#[test]
fn import_parser_keeps_its_promises_on_csv() {
    fn cell(value: Value) -> String {
        value.as_str().map_or_else(|| value.to_string(), str::to_owned)
    }
    let optional = |s: BoxedStrategy<Value>| prop_oneof![Just(String::new()), s.prop_map(cell)];
    let names: Vec<&str> = Symptom::ALL.iter().map(|s| s.name()).collect();
    let symptom_list = prop::collection::vec(prop::sample::select(names), 0..4).prop_map(|v| v.join(","));
    let row = (
        (day().prop_map(cell), leg().prop_map(cell)),
        (score_value().prop_map(cell), score_value().prop_map(cell)),
        (
            optional(score_value()),
            optional(score_value()),
            optional(score_value()),
        ),
        symptom_list,
        (optional(km()), optional(minutes()), optional(minutes())),
        optional(text()),
    )
        .prop_map(
            |((date, leg), (rest, walk), (run, tight, morning), symptoms, (km, run_min, cross), note)| {
                vec![
                    date, leg, rest, walk, run, tight, morning, symptoms, km, run_min, cross, note,
                ]
            },
        );
    let edit = (
        0usize..12,
        prop_oneof![score(), date_text(), word_text(), Just(String::new())],
    );
    let table = (
        prop::collection::vec(row, 1..5),
        prop::collection::vec((any::<prop::sample::Index>(), edit), 0..3),
    );
    fuzz(
        "check-in CSV",
        table.prop_map(|(mut rows, edits)| {
            for (which, (column, cell)) in edits {
                let row = which.index(rows.len());
                rows[row][column] = cell;
            }
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer
                .write_record([
                    "date",
                    "leg",
                    "pain_rest",
                    "pain_walk",
                    "pain_run",
                    "tightness",
                    "morning",
                    "symptoms",
                    "run_km",
                    "run_min",
                    "cross_min",
                    "note",
                ])
                .unwrap();
            for row in rows {
                writer.write_record(row).unwrap();
            }
            writer.into_inner().unwrap()
        }),
    );
}
