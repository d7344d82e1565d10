//! The terminal app on a ten-year journal, against the budgets of
//! BENCHMARKS.md: one keystroke's update + redraw, and each tab's render, at
//! 120×40 and 200×60 on ratatui's TestBackend. The journal is the data
//! `soleus demo --days 3650` writes.
//!
//! Run: `cargo bench --bench tui`.
#![allow(clippy::expect_used)]

mod common;

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDateTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use soleus::store::Store;
use soleus::ui::app::{Action, App, update};

use common::{demo_journal, today};

fn now() -> NaiveDateTime {
    today().and_hms_opt(7, 30, 0).expect("time")
}

fn press(app: &mut App, code: KeyCode) {
    let mut next = Some(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    while let Some(action) = next {
        next = update(app, action);
    }
}

/// The app on a ten-year journal, switched to tab `n` (0-based) with Tab.
fn app_on_tab(path: &std::path::Path, n: usize) -> App {
    let store = Store::open(path).expect("open");
    let mut app = App::new(Box::new(store), today(), now()).expect("app");
    for _ in 0..n {
        press(&mut app, KeyCode::Tab);
    }
    app
}

const TABS: [&str; 4] = ["check-in", "checklist", "trends", "history"];
const SIZES: [(u16, u16); 2] = [(120, 40), (200, 60)];

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = demo_journal(dir.path());

    let mut render = c.benchmark_group("render");
    for (tab_index, tab) in TABS.iter().enumerate() {
        let app = app_on_tab(&path, tab_index);
        for (w, h) in SIZES {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            render.bench_with_input(BenchmarkId::new(*tab, format!("{w}x{h}")), &app, |b, app| {
                b.iter(|| {
                    terminal.draw(|frame| soleus::ui::render(frame, app)).expect("draw");
                })
            });
        }
    }
    render.finish();

    // A key that changes what is shown (the selection moves down and back
    // up), then the redraw: what the user waits for after each key.
    let mut keystroke = c.benchmark_group("keystroke update + render");
    for (tab_index, tab) in TABS.iter().enumerate() {
        let mut app = app_on_tab(&path, tab_index);
        for (w, h) in SIZES {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            let mut down = true;
            keystroke.bench_function(BenchmarkId::new(*tab, format!("{w}x{h}")), |b| {
                b.iter(|| {
                    press(&mut app, if down { KeyCode::Down } else { KeyCode::Up });
                    down = !down;
                    terminal.draw(|frame| soleus::ui::render(frame, &app)).expect("draw");
                })
            });
        }
    }
    keystroke.finish();

    // Ten years on the Trends tab: step the range to its widest ("all").
    let mut app = app_on_tab(&path, 2);
    for _ in 0..6 {
        press(&mut app, KeyCode::Right);
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    c.bench_function("trends, all range, render 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| soleus::ui::render(frame, black_box(&app)))
                .expect("draw");
        })
    });

    let mut down = true;
    c.bench_function("trends, all range, keystroke (next measure) + render 200x60", |b| {
        b.iter(|| {
            press(&mut app, if down { KeyCode::Down } else { KeyCode::Up });
            down = !down;
            terminal.draw(|frame| soleus::ui::render(frame, &app)).expect("draw");
        })
    });

    c.bench_function("open + first frame model", |b| {
        b.iter(|| black_box(app_on_tab(&path, 0)))
    });
}

criterion_group! {
    name = tui;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    targets = benches
}
criterion_main!(tui);
