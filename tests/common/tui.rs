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
use soleus::domain::{
    Acknowledgement, CapacityTest, Catalogue, CheckIn, Completion, InjuredLeg, Leg, PhaseChange, PlanEntry, Profile,
};
use soleus::store::{Result, Store, StoreError};
use soleus::ui::app::storage::Storage;
use soleus::ui::app::{Action, App, update};

pub fn today() -> NaiveDate {
    "2026-11-21".parse().unwrap()
}

pub fn now() -> NaiveDateTime {
    "2026-11-21T07:30:00".parse().unwrap()
}

/// The 120-day demo recovery ending on `today()`.
pub fn demo_store() -> Store {
    let store = Store::open_in_memory().unwrap();
    store.import(&soleus::demo::generate(120, today(), 7)).unwrap();
    store
}

/// The demo journal with a pop felt in the left calf two days before
/// `today()`: a rupture warning (urgent) open since then, which pauses
/// every exercise but ice (SPEC 5.6).
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

    fn write<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if self.fail_writes.get() {
            return Err(StoreError::Io {
                path: "/test/journal.db".into(),
                source: std::io::Error::other("disk full"),
            });
        }
        f(&self.store)
    }
}

impl Storage for Double {
    fn profile(&self) -> Result<Option<Profile>> {
        self.store.profile()
    }
    fn save_profile(&self, profile: &Profile) -> Result<()> {
        self.write(|s| s.save_profile(profile))
    }
    fn checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        self.store.checkin(date, leg)
    }
    fn previous_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        self.store.previous_checkin(date, leg)
    }
    fn all_checkins(&self) -> Result<Vec<CheckIn>> {
        self.store.all_checkins()
    }
    fn save_checkin(&self, checkin: &CheckIn) -> Result<()> {
        self.write(|s| s.save_checkin(checkin))
    }
    fn delete_checkin(&self, date: NaiveDate, leg: Leg) -> Result<Option<CheckIn>> {
        self.write(|s| s.delete_checkin(date, leg))
    }
    fn catalogue(&self) -> Result<Catalogue> {
        self.store.catalogue()
    }
    fn plan(&self) -> Result<Vec<PlanEntry>> {
        self.store.plan()
    }
    fn save_plan_entry(&self, entry: &PlanEntry, on: NaiveDate) -> Result<()> {
        self.write(|s| s.save_plan_entry(entry, on))
    }
    fn remove_plan_entry(&self, exercise: &str, on: NaiveDate) -> Result<()> {
        self.write(|s| s.remove_plan_entry(exercise, on))
    }
    fn plan_history(&self) -> Result<Vec<soleus::domain::PlanSpan>> {
        self.store.plan_history()
    }
    fn add_exercise(&self, exercise: &soleus::domain::Exercise, on: NaiveDate) -> Result<()> {
        self.write(|s| s.add_exercise(exercise, on))
    }
    fn change_plan(
        &self,
        save: &[PlanEntry],
        remove: &[String],
        phase: Option<&PhaseChange>,
        on: NaiveDate,
    ) -> Result<()> {
        self.write(|s| s.change_plan(save, remove, phase, on))
    }
    fn first_entry(&self) -> Result<Option<NaiveDate>> {
        self.store.first_entry()
    }
    fn completions_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Completion>> {
        self.store.completions_between(from, to)
    }
    fn save_completion(&self, completion: &Completion) -> Result<()> {
        self.write(|s| s.save_completion(completion))
    }
    fn delete_completion(&self, date: NaiveDate, exercise: &str) -> Result<()> {
        self.write(|s| s.delete_completion(date, exercise))
    }
    fn acknowledgements(&self) -> Result<Vec<Acknowledgement>> {
        self.store.acknowledgements()
    }
    fn acknowledge(&self, ack: &Acknowledgement) -> Result<()> {
        self.write(|s| s.acknowledge(ack))
    }
    fn phase_changes(&self) -> Result<Vec<PhaseChange>> {
        self.store.phase_changes()
    }
    fn save_phase_change(&self, change: &PhaseChange) -> Result<()> {
        self.write(|s| s.save_phase_change(change))
    }
    fn capacity_tests(&self, to: NaiveDate) -> Result<Vec<CapacityTest>> {
        Storage::capacity_tests(&*self.store, to)
    }
    fn imported_runs(&self, to: NaiveDate) -> Result<Vec<soleus::domain::Run>> {
        Storage::imported_runs(&*self.store, to)
    }
    fn save_test(&self, test: &CapacityTest) -> Result<()> {
        self.write(|s| s.save_test(test))
    }
    fn window(&self, date: NaiveDate) -> Result<soleus::service::HistoryWindow> {
        if self.fail_reads.get() {
            return Err(StoreError::Io {
                path: "/test/journal.db".into(),
                source: std::io::Error::other("read error"),
            });
        }
        Storage::window(&*self.store, date)
    }
    fn streak(&self, today: NaiveDate) -> Result<u32> {
        Storage::streak(&*self.store, today)
    }
    fn outcomes(&self) -> Result<Vec<soleus::domain::Outcome>> {
        self.store.outcomes()
    }
    fn record_outcome(
        &self,
        rule: RuleId,
        leg: Leg,
        result: soleus::domain::OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    ) -> std::result::Result<(Flag, soleus::domain::Outcome), soleus::service::OutcomeError> {
        self.write(|_| Ok(()))?;
        Storage::record_outcome(&*self.store, rule, leg, result, date, note)
    }
    fn record_outcome_all(
        &self,
        leg: Leg,
        result: soleus::domain::OutcomeResult,
        date: NaiveDate,
        note: Option<String>,
    ) -> std::result::Result<Vec<(Flag, soleus::domain::Outcome)>, soleus::service::OutcomeError> {
        self.write(|_| Ok(()))?;
        Storage::record_outcome_all(&*self.store, leg, result, date, note)
    }
    fn delete_outcome(&self, rule: &str, leg: Leg, date: NaiveDate) -> Result<Option<soleus::domain::Outcome>> {
        self.write(|s| s.delete_outcome(rule, leg, date))
    }
    fn delete_outcomes(&self, keys: &[(RuleId, Leg, NaiveDate)]) -> Result<()> {
        self.write(|s| Storage::delete_outcomes(s, keys))
    }
}
