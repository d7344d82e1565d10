//! Helpers for the terminal-app tests: a fixed "today", journals to open
//! the app on, key presses, and the screen as text.
// Test helpers may panic: a broken fixture should stop the test at once.
#![allow(dead_code, clippy::unwrap_used)]

use std::cell::Cell;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use soleus::clinical::{Flag, Level, RuleId};
use soleus::domain::{CheckIn, InjuredLeg, Leg, PhaseChange, Profile};
use soleus::service::Snapshot;
use soleus::service::{Applied, Change, ChangeError, Day};
use soleus::store::{Result, Store, StoreError};
use soleus::ui::app::storage::Storage;
use soleus::ui::app::{Action, App, update};
use soleus::ui::tabs::Tab;

pub fn today() -> NaiveDate {
    "2026-11-21".parse().unwrap()
}

pub fn now() -> NaiveDateTime {
    "2026-11-21T07:30:00".parse().unwrap()
}

/// An app on the demo journal, showing `tab`.
pub fn on_tab(tab: Tab) -> App {
    let mut app = open(demo_store());
    app.tab = tab;
    app.reload().unwrap();
    app
}

/// The 120-day demo recovery ending on `today()`.
pub fn demo_store() -> Store {
    let store = Store::open_in_memory().unwrap();
    store.import(&soleus::demo::generate(120, today(), 7)).unwrap();
    store
}

/// The demo journal with a pop felt in the left calf two days before
/// `today()`: a rupture warning (urgent) open since then, which pauses
/// every exercise but ice (see docs/clinical-rules.md, pauses).
pub fn warning_store() -> Store {
    warning_in(demo_store())
}

/// `warning_store` in a file at `path`.
pub fn warning_store_at(path: &std::path::Path) -> Store {
    let store = Store::open(path).unwrap();
    store.import(&soleus::demo::generate(120, today(), 7)).unwrap();
    warning_in(store)
}

/// The day the pop of [`warning_store`] was felt.
pub fn pop_day() -> NaiveDate {
    today().checked_sub_days(chrono::Days::new(2)).unwrap()
}

fn warning_in(store: Store) -> Store {
    let mut entry = store
        .checkin(pop_day(), Leg::Left)
        .unwrap()
        .unwrap_or_else(|| CheckIn::new(pop_day(), Leg::Left, Default::default(), Default::default()));
    entry.symptoms.insert(soleus::domain::Symptom::Pop);
    store.save_checkin(&entry).unwrap();
    store
}

/// A journal with only a profile (left calf).
pub fn profile_store() -> Store {
    let store = Store::open_in_memory().unwrap();
    store
        .save_profile(&Profile {
            leg: InjuredLeg::Left,
            ..Profile::default()
        })
        .unwrap();
    store
}

/// A left-calf journal in phase 2 (Mobility, since 2026-11-01) whose
/// last three days were pain-free: every criterion for phase 3 holds.
pub fn ready_store() -> Store {
    make_ready(profile_store())
}

/// `ready_store` in a file at `path`, so a test can open it a second
/// time to read what the app wrote.
pub fn ready_store_at(path: &std::path::Path) -> Store {
    let store = Store::open(path).unwrap();
    store
        .save_profile(&Profile {
            leg: InjuredLeg::Left,
            ..Profile::default()
        })
        .unwrap();
    make_ready(store)
}

fn make_ready(store: Store) -> Store {
    store
        .save_phase_change(&PhaseChange {
            date: "2026-11-01".parse().unwrap(),
            phase: 2,
        })
        .unwrap();
    for back in 0..3 {
        let date = today().checked_sub_days(chrono::Days::new(back)).unwrap();
        store
            .save_checkin(&CheckIn::new(date, Leg::Left, Default::default(), Default::default()))
            .unwrap();
    }
    store
}

pub fn open(storage: impl Storage + 'static) -> App {
    App::new(Box::new(storage), today(), now()).unwrap()
}

/// Sends one key through `update`, following the actions it returns, as
/// the shell does.
pub fn send(app: &mut App, key: KeyEvent) {
    let mut next = Some(Action::Key(key));
    while let Some(action) = next {
        next = update(app, action);
    }
}

/// Tells the app the terminal's size, as the shell does at start and on
/// every resize.
pub fn send_resize(app: &mut App, width: u16, height: u16) {
    update(app, Action::Resize(width, height));
}

pub fn code(app: &mut App, code: KeyCode) {
    send(app, KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    send(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Types each character as a key press.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        code(app, KeyCode::Char(c));
    }
}

/// Draws the app at `width`×`height` and returns the terminal, for snapshots.
pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| soleus::ui::render(frame, app)).unwrap();
    terminal
}

/// The screen as plain text, one line per row.
pub fn screen(app: &App) -> String {
    let terminal = draw(app, 100, 30);
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>().trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A hand-made warning, for views drawn from a fixed assessment.
pub fn flag(rule: RuleId, level: Level, leg: Leg, date: NaiveDate, title: &str, advice: &str) -> Flag {
    Flag {
        rule,
        level,
        leg,
        date,
        since: date,
        title: title.to_owned(),
        advice: advice.to_owned(),
        because: vec![format!("{rule} fired on the entry of {date}")],
        symptoms: Default::default(),
    }
}

/// A journal double: the real store and clinical engine underneath, with
/// writes that can be told to fail.
pub struct Double {
    /// Shared, so a test can read the journal while the app holds it.
    pub store: Rc<Store>,
    pub fail_writes: Rc<Cell<bool>>,
    /// Makes the journal unreadable for the reload after a write (the
    /// engine's window is the first thing a reload reads).
    pub fail_reads: Rc<Cell<bool>>,
}

impl Double {
    pub fn new(store: Store) -> (Double, Rc<Cell<bool>>) {
        let fail = Rc::new(Cell::new(false));
        (
            Double {
                store: Rc::new(store),
                fail_writes: fail.clone(),
                fail_reads: Rc::new(Cell::new(false)),
            },
            fail,
        )
    }
}

fn disk_full() -> StoreError {
    StoreError::Io {
        path: "/test/journal.db".into(),
        source: std::io::Error::other("disk full"),
    }
}

impl Storage for Double {
    fn snapshot(&self, today: NaiveDate, whole: bool) -> Result<Snapshot> {
        // The snapshot is the first thing a reload reads.
        if self.fail_reads.get() {
            return Err(StoreError::Io {
                path: "/test/journal.db".into(),
                source: std::io::Error::other("read error"),
            });
        }
        Storage::snapshot(&*self.store, today, whole)
    }
    fn day(&self, date: NaiveDate) -> Result<Day> {
        Storage::day(&*self.store, date)
    }
    fn previous_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        Storage::previous_checkin(&*self.store, date, leg)
    }
    fn apply(&self, change: &Change, today: NaiveDate) -> std::result::Result<Applied, ChangeError> {
        if self.fail_writes.get() {
            return Err(ChangeError::Store(disk_full()));
        }
        Storage::apply(&*self.store, change, today)
    }
    fn inverse(&self, change: &Change) -> Result<Option<Change>> {
        Storage::inverse(&*self.store, change)
    }
}
