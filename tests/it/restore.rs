//! The documented restore: `export --format json`, then `import` of that
//! file into a new journal, gives back the plan the user had, and the
//! merge lists what it changed in the plan.

#![allow(clippy::unwrap_used)]

use crate::kit::*;

/// A new user's journal (the default phase-1 plan) from which ankle pumps
/// were removed, exported to a file in its folder.
fn journal_without_ankle_pumps() -> (Journal, std::path::PathBuf) {
    let source = Journal::new();
    source.ok(&["profile", "--leg", "left"]);
    on(
        &source,
        "2026-06-01",
        &["checkin", "--leg", "left", "--pain-rest", "3", "--pain-walk", "4"],
    );
    on(&source, "2026-06-05", &["plan", "remove", "ankle-pumps"]);
    on(&source, "2026-06-05", &["plan", "add", "towel-stretch"]);
    source.checkin("2026-06-20", Some("left"), "2", "3");
    let file = source.dir.path().join("export.json");
    source.ok(&["export", "--format", "json", "--out", file.to_str().unwrap()]);
    (source, file)
}

fn plan_ids(j: &Journal) -> Vec<String> {
    let export = j.export_json();
    let mut ids: Vec<String> = export["plan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["active"].as_bool() != Some(false))
        .map(|p| p["exercise"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_merge_into_a_new_journal_gives_the_exports_plan_not_the_default_plus_it() {
    let (source, file) = journal_without_ankle_pumps();
    let restored = Journal::new();
    let said = restored.ok(&["import", file.to_str().unwrap()]);
    assert!(
        said.contains("its plan and plan history are now the file's, in place of the default plan"),
        "{said}"
    );
    assert!(said.contains("removed from the plan: ankle-pumps"), "{said}");
    assert!(said.contains("added to the plan: towel-stretch"), "{said}");
    assert_eq!(plan_ids(&restored), plan_ids(&source));
    assert!(!plan_ids(&restored).contains(&"ankle-pumps".to_owned()));
    // Adherence counts the same sessions asked in both journals.
    let head = |j: &Journal| j.ok(&["plan"]).lines().next().unwrap().to_owned();
    assert_eq!(head(&restored), head(&source));
    assert_eq!(
        restored.export_json()["plan_history"],
        source.export_json()["plan_history"],
        "the plan history comes back exactly"
    );
}

#[test]
fn a_merge_into_a_journal_with_entries_lists_what_it_changed_in_the_plan() {
    let (_source, file) = journal_without_ankle_pumps();
    let target = Journal::new();
    target.ok(&["profile", "--leg", "left"]);
    target.checkin("2026-06-10", Some("left"), "1", "1");
    let said = target.ok(&["import", file.to_str().unwrap()]);
    assert!(!said.contains("in place of the default plan"), "{said}");
    // A merge adds and never deletes: the journal's own plan stays, and the
    // summary lists what came in.
    assert!(said.contains("added to the plan: towel-stretch"), "{said}");
    assert!(!said.contains("removed from the plan"), "{said}");
    assert!(plan_ids(&target).contains(&"ankle-pumps".to_owned()));
    // The same file again: nothing to list.
    let again = target.ok(&["import", file.to_str().unwrap()]);
    assert!(again.contains("the plan is unchanged"), "{again}");
}
