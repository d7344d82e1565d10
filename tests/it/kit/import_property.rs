//! The property the import parser keeps for any input, shared by the
//! proptest fuzz in `tests/it/hostile_input.rs` and the cargo-fuzz target in
//! `fuzz/`: it never panics, and what it accepts the store takes whole,
//! takes again as unchanged, gives back in its export, and exports as a
//! journal that parses back to itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use soleus::domain::{Catalogue, import};
use soleus::store::Store;

pub const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 6, 20) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Returns whether the input was accepted, so callers can count.
pub fn check(bytes: &[u8]) -> bool {
    let catalogue = Catalogue::builtin();
    let known = |id: &str| catalogue.get(id).is_some();
    let Ok(journal) = import::parse(bytes, TODAY, known) else {
        return false;
    };
    let store = Store::open_in_memory().unwrap();
    store
        .import(&journal)
        .expect("a journal the parser accepted must import whole");
    let again = store.import(&journal).unwrap();
    assert_eq!(
        (again.added, again.updated),
        (0, 0),
        "importing the same file twice must change nothing"
    );
    let exported = store.export().unwrap();
    let kept = |found: bool, what: &str| assert!(found, "an accepted {what} is missing from the export");
    kept(
        journal.profile.is_none() || journal.profile == exported.profile,
        "profile",
    );
    kept(
        journal.checkins.iter().all(|r| exported.checkins.contains(r)),
        "check-in",
    );
    kept(
        journal.completions.iter().all(|r| exported.completions.contains(r)),
        "completion",
    );
    kept(
        journal
            .capacity_tests
            .iter()
            .all(|r| exported.capacity_tests.contains(r)),
        "test",
    );
    kept(journal.plan.iter().all(|r| exported.plan.contains(r)), "plan entry");
    kept(
        journal.exercises.iter().all(|r| exported.exercises.contains(r)),
        "exercise",
    );
    kept(
        journal
            .acknowledgements
            .iter()
            .all(|r| exported.acknowledgements.contains(r)),
        "acknowledgement",
    );
    kept(
        journal.phases.iter().all(|r| exported.phases.contains(r)),
        "phase change",
    );
    let text = serde_json::to_vec(&exported).unwrap();
    let reparsed = import::parse(&text, TODAY, known).expect("an export must parse back");
    assert_eq!(reparsed, exported, "an export must round-trip");
    true
}
