//! Hostile input for the terminal app: random key sequences through
//! `update`, each state drawn at a random terminal size from 1×1 to
//! 300×100. Nothing may panic, the model's invariants must hold after every
//! key, and whatever the keys saved must be a valid journal.
//!
//! CI runs 2,000 sequences (a few tens of seconds); `PROPTEST_CASES=20000`
//! runs a longer search locally.
#![allow(clippy::unwrap_used)]

use crate::kit::{self, Double, draw, now, today};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::OnceLock;

use soleus::domain::{Catalogue, Journal};
use soleus::store::Store;
use soleus::ui::app::{App, update};
use soleus::ui::dialogs::Modal;
use soleus::ui::tabs::checkin::FIELD_COUNT;

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

/// Raw terminal bytes, weighted towards escape sequences and their parts:
/// stray CSI/SS3 prefixes, report and mouse introducers, parameters, final
/// bytes, control bytes and UTF-8.
fn raw_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            &b"\x1b"[..], b"\x1b[", b"\x1b[<", b"\x1b[?", b"\x1b[>", b"\x1b[=", b"\x1bO", b"\x1b[1;5",
            b"\x1b[?2026;2$y", b"\x1b[<0;10;5M", b"\x1b[I", b"\x1b[O", b"\x1b[200~", b"\x1b]0;t\x07",
            b"\x1b[A", b"\x1b[B", b"\x1b[Z", b"\x1b[5~", b"\x13", b"\r", b"\t", b"\x7f", b"\xc3\xa9",
        ]).prop_map(<[u8]>::to_vec),
        2 => prop::sample::select(b"0123456789;:$<>?[]mMucqj ".to_vec()).prop_map(|b| vec![b]),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ];
    prop::collection::vec(piece, 1..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(32)
    ))]

    /// crossterm issue 1104 and its kind: whatever bytes arrive, in
    /// whatever bursts, the parser ends, the app does not panic, and after
    /// a pause a typed `q` reaches the app as a plain `q` (which quits
    /// wherever `q` quits).
    #[test]
    fn raw_escape_bytes_never_swallow_q(
        bytes in raw_bytes(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        demo in any::<bool>(),
    ) {
        use soleus::ui::shell::decode::{Input, Parser};
        let store = if demo { kit::demo_store() } else { kit::ready_store() };
        let mut app = App::new(Box::new(store), today(), now()).unwrap();
        let mut parser = Parser::default();
        let mut bursts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        bursts.sort_unstable();
        let mut start = 0;
        let mut inputs = Vec::new();
        for end in bursts.into_iter().chain([bytes.len()]) {
            inputs.extend(parser.feed(&bytes[start..end]));
            inputs.extend(parser.flush()); // a pause between bursts
            start = end;
        }
        for input in inputs {
            if let Input::Key(key) = input {
                let mut next = Some(soleus::ui::app::Action::Key(key));
                while let Some(action) = next {
                    next = update(&mut app, action);
                }
                check_invariants(&app);
            }
        }
        draw(&app, 80, 24);
        prop_assert!(!parser.is_pending());
        let q = parser.feed(b"q");
        prop_assert_eq!(q, vec![Input::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))]);
    }
}

/// On a clean form, `q` after any of the stray prefixes quits the app.
#[test]
fn q_quits_the_app_after_stray_prefixes() {
    use soleus::ui::shell::decode::{Input, Parser};
    for prefix in [
        &b"\x1b[<"[..],
        b"\x1b[?",
        b"\x1b[?1;",
        b"\x1b[<35;1",
        b"\x1bO",
        b"\x1b[1;",
    ] {
        let mut app = App::new(Box::new(kit::ready_store()), today(), now()).unwrap();
        let mut parser = Parser::default();
        let mut inputs = parser.feed(prefix);
        inputs.extend(parser.flush());
        inputs.extend(parser.feed(b"q"));
        for input in inputs {
            if let Input::Key(key) = input {
                let mut next = Some(soleus::ui::app::Action::Key(key));
                while let Some(action) = next {
                    next = update(&mut app, action);
                }
            }
        }
        assert!(app.quit, "{prefix:?} then q did not quit");
    }
}

/// What terminals send back unasked or in answer to a query: OSC colour
/// and clipboard replies, DCS, APC, PM and SOS strings (ended by ST or BEL),
/// device and mode reports, cursor positions, CSI of any length, SS3 cut
/// off by an ESC. Payloads are digits, spaces and letters the app binds.
fn reply() -> impl Strategy<Value = Vec<u8>> {
    let payload = prop::collection::vec(
        prop::sample::select(b"0123456789 ;:/?$rgbyduxsq\x13\xc3\xa9".to_vec()),
        0..90,
    );
    let string = (
        prop::sample::select(vec![&b"\x1b]"[..], b"\x1bP", b"\x1b_", b"\x1b^", b"\x1bX"]),
        payload.clone(),
        prop::sample::select(vec![&b"\x1b\\"[..], b"\x07"]),
    )
        .prop_map(|(start, body, end)| [start, &body[..], end].concat());
    let csi = (
        prop::sample::select(vec![&b""[..], b"?", b">", b"="]),
        prop::collection::vec(prop::sample::select(b"0123456789;:".to_vec()), 0..100),
        prop::sample::select(b"cnyt$xu".to_vec()),
    )
        .prop_map(|(lead, params, last)| [&b"\x1b["[..], lead, &params[..], &[last]].concat());
    let cursor = (2u16..500, 1u16..500).prop_map(|(r, c)| format!("\x1b[{r};{c}R").into_bytes());
    let ss3 = prop::sample::select(b"0123456789 yd".to_vec()).prop_map(|b| vec![0x1b, b'O', 0x1b, b]);
    prop::collection::vec(prop_oneof![4 => string, 3 => csi, 1 => cursor, 1 => ss3], 1..6)
        .prop_map(|replies| replies.concat())
}

/// Drives `app` with whatever `bytes` decode to (pastes too), fed in
/// bursts cut at `cuts` with no pause between them (a reply comes in one
/// burst), then a pause.
fn drive(app: &mut App, bytes: &[u8], cuts: &[prop::sample::Index]) -> Vec<soleus::ui::shell::decode::Input> {
    use soleus::ui::shell::decode::{Input, Parser};
    let mut parser = Parser::default();
    let mut bursts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
    bursts.sort_unstable();
    let mut start = 0;
    let mut inputs = Vec::new();
    for end in bursts.into_iter().chain([bytes.len()]) {
        inputs.extend(parser.feed(&bytes[start..end]));
        start = end;
    }
    inputs.extend(parser.flush());
    for input in &inputs {
        match input {
            Input::Key(key) => {
                let mut next = Some(soleus::ui::app::Action::Key(*key));
                while let Some(action) = next {
                    next = update(app, action);
                }
            }
            Input::Paste(text) => soleus::ui::app::paste(app, text),
            _ => {}
        }
        check_invariants(app);
    }
    inputs
}

/// An app on a fresh copy of the demo journal, on `tab`, with the form's
/// note in focus when `in_note`; and the journal, to compare afterwards.
fn demo_app(tab: usize, in_note: bool) -> (App, std::rc::Rc<Store>) {
    let store = Store::open_in_memory().unwrap();
    store.import(demo()).unwrap();
    let (double, _) = Double::new(store);
    let journal = double.store.clone();
    let mut app = App::new(Box::new(double), today(), now()).unwrap();
    app.tab = soleus::ui::tabs::Tab::ALL[tab % 4];
    app.reload().unwrap();
    if in_note {
        app.form.focus = FIELD_COUNT - 1;
    }
    (app, journal)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
    ))]

    /// Issue 23, item 3: replies are never keys, so they never write (they
    /// recorded a pain score on the Checklist 10 times out of 10).
    #[test]
    fn terminal_replies_never_write(
        bytes in reply(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        tab in 0usize..4,
    ) {
        let (mut app, journal) = demo_app(tab, false);
        let before = journal.export().unwrap();
        let inputs = drive(&mut app, &bytes, &cuts);
        // A cut SS3 followed by `ESC x` is read as Alt-x (docs/storage.md):
        // no text, no score, no write key.
        let keys: Vec<_> = inputs
            .iter()
            .filter(|i| matches!(i, soleus::ui::shell::decode::Input::Key(k)
                if !k.modifiers.contains(KeyModifiers::ALT)))
            .collect();
        prop_assert!(keys.is_empty(), "{:?} became keys {:?}", String::from_utf8_lossy(&bytes), keys);
        prop_assert_eq!(journal.export().unwrap(), before);
        prop_assert!(!app.form.is_dirty());
    }

    /// Issue 23, item 2: a paste is text. In the note it is typed there and
    /// nothing is saved; anywhere else it is dropped with a status line.
    /// Pasted "dry" deleted a check-in on History; "yells" saved a copy.
    #[test]
    fn a_paste_never_runs_commands(
        text in prop_oneof![
            prop::sample::select(vec!["dry", "yells", "ddd yyy uuu", "3 4 5\r\n\x13q", "\x1b[A\x1b[201", "d\ny\ns"])
                .prop_map(str::to_owned),
            "[ -~\n\t]{0,200}",
        ],
        tab in 0usize..4,
        in_note in any::<bool>(),
    ) {
        let (mut app, journal) = demo_app(tab, in_note);
        let before = journal.export().unwrap();
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend(text.as_bytes());
        bytes.extend(b"\x1b[201~");
        drive(&mut app, &bytes, &[]);
        prop_assert_eq!(journal.export().unwrap(), before, "a paste wrote");
        prop_assert!(!app.quit);
        let in_text = app.tab == soleus::ui::tabs::Tab::CheckIn && in_note;
        let printable: String = text
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        if in_text {
            prop_assert!(app.form.text(4).ends_with(&printable), "note {:?}", app.form.text(4));
        } else if !text.is_empty() {
            let said = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
            prop_assert!(said.starts_with("Paste dropped"), "{said}");
        }
    }
}
