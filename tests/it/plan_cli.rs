#![allow(clippy::unwrap_used)]
//! Issue 12: the plan from the command line, `done` by name and for several
//! exercises, and a user's own exercise through export and import.

use crate::kit::{Journal, fails};

fn done_ids(j: &Journal) -> Vec<(String, u64)> {
    j.export_json()["completions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["exercise"].as_str().unwrap().to_owned(),
                c["sessions"].as_u64().unwrap_or(1),
            )
        })
        .collect()
}

#[test]
fn done_takes_names_prefixes_and_several_exercises() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    // The example: the name, as a user would type it.
    let out = j.ok(&["done", "pain-free-walking", "ANKLE", "isometric-hold-double"]);
    assert_eq!(
        out,
        "done: Pain-free walking on 2026-06-20\ndone: Ankle pumps on 2026-06-20\n\
         done: Isometric heel-raise hold, both legs on 2026-06-20\n"
    );
    assert_eq!(done_ids(&j).len(), 3);
    // The planned sets are the default: "5 holds of 30-45 s".
    let sets: Vec<u64> = j.export_json()["completions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["sets"].as_u64())
        .collect();
    assert_eq!(sets, vec![5]);
}

#[test]
fn an_ambiguous_or_unknown_exercise_writes_nothing() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let err = fails(&j, &["done", "ankle", "heel"]);
    assert!(
        err.contains("matches Heel raises, both legs (heel-raise-double), Heel raises, one leg (heel-raise-single)"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let err = fails(&j, &["done", "walkng"]);
    assert!(err.contains("the closest are"), "{err}");
    assert_eq!(err.matches(" (").count(), 3, "three names: {err}");
    assert!(done_ids(&j).is_empty(), "ankle pumps was not written either");
}

#[test]
fn spec_four_done_still_works_and_a_second_session_counts() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "done",
        "easy-walking",
        "--date",
        "2026-06-19",
        "--sets",
        "2",
        "--pain",
        "3",
    ]);
    let c = &j.export_json()["completions"][0];
    assert_eq!(
        (c["date"].as_str(), c["sets"].as_u64(), c["pain"].as_u64()),
        (Some("2026-06-19"), Some(2), Some(3))
    );
    j.ok(&["plan", "add", "eccentric-drop-straight"]);
    assert!(j.ok(&["done", "eccentric-drop-straight"]).contains("(session 1 of 2)"));
    assert!(j.ok(&["done", "eccentric-drop-straight"]).contains("(session 2 of 2)"));
    assert!(done_ids(&j).contains(&("eccentric-drop-straight".into(), 2)));
}

#[test]
fn plan_lists_adds_removes_and_changes_doses() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let listed = j.ok(&["plan"]);
    assert!(
        listed.starts_with("Plan: 7 exercises · this week (Mon–today) 0/7 (0%)"),
        "{listed}"
    );
    // docs/plan.md: ice and compression, and leg elevation as its own exercise.
    assert!(
        listed.contains("ice-compress-elevate   Ice and compression: 15-20 min")
            && listed.contains("leg-elevation          Leg elevation: 20-30 min, a few times a day"),
        "{listed}"
    );
    assert!(
        listed.contains("isometric-hold-double  Isometric heel-raise hold, both legs: 5 holds of 30-45 s"),
        "{listed}"
    );

    j.ok(&["plan", "add", "heel raises, b", "seated heel"]);
    j.ok(&["plan", "dose", "heel-raise-double", "--sets", "4", "--reps", "12"]);
    j.ok(&["plan", "dose", "seated-heel-raise", "--per-day", "2"]);
    j.ok(&["plan", "remove", "ankle-pumps"]);
    let listed = j.ok(&["plan"]);
    assert!(
        listed.contains("heel-raise-double      Heel raises, both legs: 4 x 12 ·"),
        "{listed}"
    );
    assert!(
        listed.contains("3 x 15; add weight on the knee as it gets easy · 2 sessions a day"),
        "{listed}"
    );
    assert!(!listed.contains("ankle-pumps"), "{listed}");

    // Bad input: nothing written, the field and range named.
    let err = fails(&j, &["plan", "dose", "heel-raise-double", "--sets", "0"]);
    assert!(err.contains("sets: expected a whole number from 1 to 50"), "{err}");
    let err = fails(&j, &["plan", "dose", "heel-raise-double", "--per-day", "5"]);
    assert!(err.contains("per_day: expected a whole number from 1 to 4"), "{err}");
    let err = fails(&j, &["plan", "add", "heel-raise-double"]);
    assert!(err.contains("not in the plan yet"), "{err}");
    let err = fails(&j, &["plan", "remove", "ankle-pumps"]);
    assert!(err.contains("an exercise in the plan"), "{err}");

    // The history keeps when each change was made.
    let history = j.export_json()["plan_history"].clone();
    let ankle: Vec<_> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["exercise"] == "ankle-pumps")
        .collect();
    assert_eq!(ankle.len(), 1);
    assert_eq!(
        ankle[0]["end"], "2026-06-19",
        "removed today, not done today: its last day was yesterday"
    );
}

#[test]
fn a_physios_exercise_fits_in_and_round_trips() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    let out = j.ok(&[
        "exercise",
        "add",
        "Banded ankle eversion",
        "--tags",
        "strength",
        "--phase",
        "2,3",
        "--sets",
        "3",
        "--reps",
        "12",
        "--how-to",
        "Loop a band round the forefoot and turn the sole outwards, slowly.",
    ]);
    assert_eq!(
        out,
        "added to the catalogue and the plan: Banded ankle eversion (banded-ankle-eversion), 3 x 12; tags strength\n"
    );
    assert!(j.ok(&["done", "banded"]).contains("done: Banded ankle eversion"));
    let err = fails(
        &j,
        &[
            "exercise",
            "add",
            "Banded ankle eversion",
            "--tags",
            "strength",
            "--phase",
            "2",
        ],
    );
    assert!(err.contains("an id no exercise has yet"), "{err}");
    let err = fails(&j, &["exercise", "add", "Hops", "--tags", "bouncy", "--phase", "4"]);
    assert!(err.contains("tags: expected one of mobility"), "{err}");
    let err = fails(&j, &["exercise", "add", "Hops", "--tags", "plyometric", "--phase", "6"]);
    assert!(err.contains("phase: expected a whole number from 1 to 5"), "{err}");

    let file = j.dir.path().join("export.json");
    j.ok(&["export", "--format", "json", "--out", file.to_str().unwrap()]);
    let other = Journal::new();
    other.ok(&["import", file.to_str().unwrap()]);
    let (a, b) = (j.export_json(), other.export_json());
    for key in ["exercises", "plan", "plan_history", "completions"] {
        assert_eq!(a[key], b[key], "{key} round-trips");
    }
    assert!(
        other
            .ok(&["plan"])
            .contains("banded-ankle-eversion  Banded ankle eversion: 3 x 12")
    );
    let again = other.ok(&["import", file.to_str().unwrap()]);
    assert!(again.contains("0 added, 0 updated"), "{again}");
}
