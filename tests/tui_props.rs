//! Hostile input for the terminal app: random key sequences through
//! `update`, each state drawn at a random terminal size from 1×1 to
//! 300×100. Nothing may panic, the model's invariants must hold after every
//! key, and whatever the keys saved must be a valid journal.
#![allow(clippy::unwrap_used)]

mod common;

use common::{draw, now, today};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use soleus::domain::Catalogue;
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

fn check_invariants(app: &App) {
    assert!(app.form.date <= today(), "the form never reaches the future");
    assert!(app.form.focus < FIELD_COUNT, "focus {} out of range", app.form.focus);
    if let Some(Modal::Alarm(alarm)) = &app.modal {
        assert!(!alarm.flags.is_empty(), "an alarm always has a warning to show");
    }
}

proptest! {
    // PROPTEST_CASES raises the count for a longer local run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(32)
    ))]

    #[test]
    fn random_keys_and_sizes_never_panic(
        keys in prop::collection::vec(key(), 1..60),
        sizes in prop::collection::vec((1u16..=300, 1u16..=100), 1..8),
        demo in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let store = Store::open(&path).unwrap();
        if demo {
            store.import(&soleus::demo::generate(45, today(), 3)).unwrap();
        }
        let mut app = App::new(Box::new(store), today(), now()).unwrap();
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
        drop(app);
        let journal = Store::open(&path).unwrap().export().unwrap();
        let catalogue = Catalogue::builtin();
        prop_assert!(journal.validate(today(), |id| catalogue.get(id).is_some()).is_ok());
    }
}
