//! Hostile input for the terminal app: random key sequences through
//! `update`, each state drawn at a random terminal size from 1×1 to
//! 300×100. Nothing may panic, the model's invariants must hold after every
//! key, and whatever the keys saved must be a valid journal.
//!
//! CI runs 2,000 sequences (a few tens of seconds); `PROPTEST_CASES=20000`
//! runs a longer search locally.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Double, draw, now, today};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use std::sync::OnceLock;

use soleus::domain::{Catalogue, Journal};
use soleus::store::Store;
use soleus::ui::app::{App, Modal, update};
use soleus::ui::checkin::FIELD_COUNT;

/// Keys a person can type, weighted towards the ones that do something.
fn key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        4 => prop::sample::select(vec![
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Tab, KeyCode::BackTab,
            KeyCode::Enter, KeyCode::Esc, KeyCode::Backspace, KeyCode::Delete, KeyCode::Home, KeyCode::End,
            KeyCode::PageUp, KeyCode::PageDown,
        ]),
        6 => prop::sample::select("0123456789 []lyaxidurwpgmhjk?1234.-é".chars().collect::<Vec<_>>()).prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        1 => (1u8..13).prop_map(KeyCode::F),
    ];
    let modifiers = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::ALT),
    ];
    (code, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

/// The demo journal, generated once for every case that wants one.
fn demo() -> &'static Journal {
    static DEMO: OnceLock<Journal> = OnceLock::new();
    DEMO.get_or_init(|| soleus::demo::generate(45, today(), 3))
}

fn check_invariants(app: &App) {
    assert!(app.form.date <= today(), "the form never reaches the future");
    assert!(app.form.focus < FIELD_COUNT, "focus {} out of range", app.form.focus);
    assert!(app.checklist.date <= today(), "the checklist never reaches the future");
    match &app.modal {
        Some(Modal::Alarm(alarm)) => assert!(!alarm.flags.is_empty(), "an alarm always has a warning to show"),
        Some(Modal::Test(form)) => assert!(form.focus < form.reps.len()),
        _ => {}
    }
}

proptest! {
    // PROPTEST_CASES raises the count for a longer local run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn random_keys_and_sizes_never_panic(
        keys in prop::collection::vec(key(), 1..32),
        sizes in prop::collection::vec((1u16..=300, 1u16..=100), 1..8),
        with_demo in any::<bool>(),
    ) {
        // An in-memory journal (no file system cost per case) that the
        // check below reads while the app still holds it.
        let store = Store::open_in_memory().unwrap();
        if with_demo {
            store.import(demo()).unwrap();
        }
        let (double, _) = Double::new(store);
        let journal = double.store.clone();
        let mut app = App::new(Box::new(double), today(), now()).unwrap();
        for (i, key) in keys.into_iter().enumerate() {
            let mut next = Some(soleus::ui::app::Action::Key(key));
            while let Some(action) = next {
                next = update(&mut app, action);
            }
            check_invariants(&app);
            let (w, h) = sizes[i % sizes.len()];
            draw(&app, w, h);
            if app.quit {
                break;
            }
        }
        let journal = journal.export().unwrap();
        let catalogue = Catalogue::builtin();
        prop_assert!(journal.validate(today(), |id| catalogue.get(id).is_some()).is_ok());
    }
}
