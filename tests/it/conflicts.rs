#![allow(clippy::unwrap_used)]
//! Issue 23, items 1 and 5, in process: two apps (or an app and a second
//! handle standing for the CLI) on one journal file. A save, a tick or an
//! undo that would replace a row changed since the app read it is refused
//! with both versions shown; the user keeps theirs, takes the journal's, or
//! cancels. Two apps stopped with unsaved forms keep both drafts.

use ratatui::crossterm::event::KeyCode;
use soleus::domain::{CheckInInput, Leg};
use soleus::service::{self, Change};
use soleus::store::Store;
use soleus::ui::app::App;
use soleus::ui::dialogs::{Modal, draft};
use soleus::ui::tabs::Tab;

use crate::kit::{self, today};

/// The demo journal in a file, and the file's path.
fn demo_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let store = Store::open(&db).unwrap();
    store.import(&soleus::demo::generate(30, today(), 7)).unwrap();
    (dir, db)
}

fn app_on(db: &std::path::Path, tab: Tab) -> App {
    let mut app = kit::open(Store::open(db).unwrap());
    app.tab = tab;
    app.reload().unwrap();
    app
}

/// What the "CLI" saves: a red-flag sign and a note.
fn cli_saves(db: &std::path::Path, date: chrono::NaiveDate) {
    let input = CheckInInput {
        pain_rest: Some("7".into()),
        pain_walk: Some("8".into()),
        symptoms: vec!["swelling".into()],
        note: Some("cli".into()),
        ..CheckInInput::default()
    };
    let entry = input.validate(date, Leg::Left, today()).unwrap();
    service::apply(&Store::open(db).unwrap(), &Change::SaveCheckin(entry), today()).unwrap();
}

fn stored_note(db: &std::path::Path, date: chrono::NaiveDate) -> Option<String> {
    Store::open(db)
        .unwrap()
        .checkin(date, Leg::Left)
        .unwrap()
        .and_then(|c| c.note)
}

/// Types the two required scores into the form.
fn scores(app: &mut App, rest: &str, walk: &str) {
    kit::typed(app, rest);
    kit::code(app, KeyCode::Down);
    kit::typed(app, walk);
}

fn conflict_shown(app: &App) -> bool {
    matches!(app.modal, Some(Modal::Conflict(_)))
}

/// Both apps type into the form of the same day; the first saves, the
/// second's Ctrl-s is refused; `d` takes theirs, and the form shows it.
#[test]
fn two_apps_on_one_day_and_take_theirs() {
    let (_dir, db) = demo_file();
    let mut a = app_on(&db, Tab::CheckIn);
    let mut b = app_on(&db, Tab::CheckIn);
    assert_eq!(a.form.leg, Leg::Left);
    scores(&mut b, "2", "2");
    cli_saves(&db, today());
    scores(&mut a, "5", "6");
    kit::ctrl(&mut a, 's');
    assert!(conflict_shown(&a), "a: {:?}", a.status);
    assert_eq!(stored_note(&db, today()).as_deref(), Some("cli"));
    // Cancel: nothing changes, the form keeps the edits.
    kit::code(&mut a, KeyCode::Esc);
    assert!(a.modal.is_none());
    assert!(a.form.is_dirty());
    assert_eq!(stored_note(&db, today()).as_deref(), Some("cli"));
    // Again, and take theirs: the form shows the journal's entry, clean.
    kit::ctrl(&mut a, 's');
    assert!(conflict_shown(&a));
    kit::typed(&mut a, "d");
    assert!(!a.form.is_dirty());
    assert_eq!(a.form.text(4), "cli", "the form shows the entry saved elsewhere");
    assert_eq!(stored_note(&db, today()).as_deref(), Some("cli"));
    // b too is refused, and keeps its own on `s`, knowingly.
    kit::ctrl(&mut b, 's');
    assert!(conflict_shown(&b));
    kit::typed(&mut b, "s");
    assert!(
        b.modal.is_none() || matches!(b.modal, Some(Modal::Alarm(_))),
        "{:?}",
        b.modal
    );
    let stored = Store::open(&db).unwrap().checkin(today(), Leg::Left).unwrap().unwrap();
    assert_eq!(stored.pain_rest.value(), 2, "b's entry, kept on purpose");
    assert!(b.status.as_ref().unwrap().text.contains("Saved"), "{:?}", b.status);
}

/// App B's Space on a Checklist row it read before app A scored it would
/// have wiped A's pain: refused.
#[test]
fn a_stale_checklist_tick_never_wipes_a_pain_score() {
    let (_dir, db) = demo_file();
    let mut a = app_on(&db, Tab::Checklist);
    let mut b = app_on(&db, Tab::Checklist);
    // Both on the first row of today, which is not done yet.
    let first = soleus::ui::tabs::checklist::rows(&a.data, today())[0]
        .exercise
        .id
        .clone();
    service::apply(
        &Store::open(&db).unwrap(),
        &Change::Completion {
            date: today(),
            exercise: first.clone(),
            done: None,
        },
        today(),
    )
    .unwrap();
    a.reload().unwrap();
    b.reload().unwrap();
    kit::typed(&mut a, "3");
    let pain = |db| {
        Store::open(db)
            .unwrap()
            .completions_between(today(), today())
            .unwrap()
            .into_iter()
            .find(|c| c.exercise == first)
            .and_then(|c| c.pain)
            .map(|p| p.value())
    };
    assert_eq!(pain(&db), Some(3), "a scored it: {:?}", a.status);
    kit::typed(&mut b, " ");
    assert!(conflict_shown(&b), "b: {:?}", b.status);
    assert_eq!(pain(&db), Some(3), "a's pain is still there");
}

/// `u` after a CLI `--update` would put back the entry from before the
/// app's save, losing the update: refused.
#[test]
fn undo_after_a_cli_update_is_refused() {
    let (_dir, db) = demo_file();
    let mut app = app_on(&db, Tab::CheckIn);
    scores(&mut app, "4", "4");
    kit::ctrl(&mut app, 's');
    if matches!(app.modal, Some(Modal::Alarm(_))) {
        kit::typed(&mut app, "a");
    }
    assert!(app.status.as_ref().unwrap().text.contains("Saved"), "{:?}", app.status);
    service::apply(
        &Store::open(&db).unwrap(),
        &Change::UpdateCheckin {
            date: today(),
            leg: Leg::Left,
            given: CheckInInput {
                note: Some("from the cli".into()),
                ..CheckInInput::default()
            },
        },
        today(),
    )
    .unwrap();
    kit::typed(&mut app, "u");
    if matches!(app.modal, Some(Modal::Confirm { .. })) {
        kit::typed(&mut app, "y");
    }
    assert!(conflict_shown(&app), "{:?} {:?}", app.modal, app.status);
    assert_eq!(stored_note(&db, today()).as_deref(), Some("from the cli"));
    kit::typed(&mut app, "d");
    assert_eq!(stored_note(&db, today()).as_deref(), Some("from the cli"));
}

/// An undo nobody interfered with still works (the guard is what the save
/// left, exactly).
#[test]
fn undo_of_an_untouched_save_still_works() {
    let (_dir, db) = demo_file();
    let mut app = app_on(&db, Tab::CheckIn);
    let before = Store::open(&db).unwrap().checkin(today(), Leg::Left).unwrap();
    scores(&mut app, "4", "4");
    kit::ctrl(&mut app, 's');
    if matches!(app.modal, Some(Modal::Alarm(_))) {
        kit::typed(&mut app, "a");
    }
    kit::typed(&mut app, "u");
    if matches!(app.modal, Some(Modal::Confirm { .. })) {
        kit::typed(&mut app, "y");
    }
    assert!(!conflict_shown(&app), "{:?}", app.status);
    assert_eq!(Store::open(&db).unwrap().checkin(today(), Leg::Left).unwrap(), before);
}

/// Item 5: two apps stopped with unsaved forms (other calves, or the same
/// one) keep one draft each; each start offers one, and the other stays.
#[test]
fn two_stopped_apps_keep_two_drafts() {
    let (_dir, db) = demo_file();
    let mut a = app_on(&db, Tab::CheckIn);
    let mut b = app_on(&db, Tab::CheckIn);
    kit::typed(&mut a, "6");
    kit::typed(&mut b, "1");
    let kept_a = draft::keep(&a, &db).unwrap().unwrap();
    let kept_b = draft::keep(&b, &db).unwrap().unwrap();
    assert_ne!(kept_a, kept_b, "one file each");
    // Keeping the same form again writes no third file.
    assert_eq!(draft::keep(&a, &db).unwrap().unwrap(), kept_a);
    let first = draft::load(&db).unwrap();
    assert_eq!(first.input.pain_rest.as_deref(), Some("6"));
    draft::decline(&first);
    let second = draft::load(&db).unwrap();
    assert_eq!(second.input.pain_rest.as_deref(), Some("1"));
    draft::decline(&second);
    assert!(draft::load(&db).is_none());
}
