//! Every screen of the terminal app on ratatui's `TestBackend`, at 80×24
//! and 120×40, with a fixed today (2026-11-21) and the fixed demo journal.
//! The warning panel and modal use hand-made flags: the view takes data,
//! not the engine.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns may panic too

use crate::kit::*;
use ratatui::crossterm::event::KeyCode;
use soleus::clinical::{Level, RuleId};
use soleus::domain::Leg;
use soleus::store::Store;
use soleus::ui::app::{Action, App, update};
use soleus::ui::dialogs::Modal;
use soleus::ui::dialogs::alarm::Alarm;
use soleus::ui::tabs::Tab;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshots `app` at each size, telling it the size first as the shell
/// does (charts are brought down to the columns they get).
fn snapshot_at_sizes(name: &str, mut app: App) {
    for (width, height) in SIZES {
        update(&mut app, Action::Resize(width, height));
        let terminal = draw(&app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

/// [`snapshot_at_sizes`], and 200×60 too: the main screens at the size
/// of a large terminal, where the layouts give charts and text more room.
fn snapshot_at_sizes_and_wide(name: &str, mut app: App) {
    update(&mut app, Action::Resize(200, 60));
    let terminal = draw(&app, 200, 60);
    insta::assert_snapshot!(format!("{name}_200x60"), terminal.backend());
    snapshot_at_sizes(name, app);
}

fn with_flags(mut app: App) -> App {
    let day = today();
    app.data.assessment.flags = vec![
        flag(
            RuleId::PeSigns,
            Level::Emergency,
            Leg::Left,
            day,
            "Signs that a clot may have reached the lung",
            "Call the emergency number or go to an emergency department now.",
        ),
        flag(
            RuleId::Dvt,
            Level::Urgent,
            Leg::Left,
            day,
            "Possible deep vein thrombosis (clot)",
            "See a clinician today; ask whether an ultrasound scan is needed.",
        ),
        flag(
            RuleId::Bruising,
            Level::Soon,
            Leg::Right,
            day,
            "Bruising: possible muscle tear",
            "Book a clinician in the next few days.",
        ),
        flag(
            RuleId::LoadSpike,
            Level::Watch,
            Leg::Left,
            day,
            "Longest run jumped more than 10%",
            "Keep the next runs shorter.",
        ),
    ];
    app
}

#[test]
fn check_in_tab() {
    snapshot_at_sizes_and_wide("checkin", open(demo_store()));
}

#[test]
fn check_in_tab_copied_from_yesterday_with_unsaved_changes() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('y'));
    snapshot_at_sizes("checkin_copied", app);
}

#[test]
fn checklist_tab() {
    let mut app = on_tab(Tab::Checklist);
    code(&mut app, KeyCode::Char(' '));
    code(&mut app, KeyCode::Char('2')); // the pain of the row ticked: a data key
    code(&mut app, KeyCode::Down);
    snapshot_at_sizes_and_wide("checklist", app);
}

#[test]
fn trends_tab() {
    let mut app = on_tab(Tab::Trends);
    code(&mut app, KeyCode::Right); // 90 days
    code(&mut app, KeyCode::Down); // pain walking
    snapshot_at_sizes_and_wide("trends", app);
}

#[test]
fn trends_tab_whole_journal_as_7_day_means_right_leg_solid() {
    let mut app = on_tab(Tab::Trends);
    for _ in 0..3 {
        code(&mut app, KeyCode::Right); // all days
    }
    code(&mut app, KeyCode::Up); // morning pain/stiffness
    code(&mut app, KeyCode::Char('m'));
    code(&mut app, KeyCode::Char('l'));
    snapshot_at_sizes("trends_all_mean", app);
}

#[test]
fn phase_popup() {
    let mut app = on_tab(Tab::Checklist);
    code(&mut app, KeyCode::Char('p'));
    snapshot_at_sizes("phase_popup", app);
}

#[test]
fn phase_popup_ready_to_move_on() {
    let mut app = open(ready_store());
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Char('p'));
    snapshot_at_sizes("phase_popup_ready", app);
}

#[test]
fn plan_for_the_next_phase() {
    let mut app = open(ready_store());
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Char('p'));
    code(&mut app, KeyCode::Char('m'));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Char(' '));
    snapshot_at_sizes("plan_for_the_next_phase", app);
}

#[test]
fn guided_session() {
    let store = demo_store();
    let e = soleus::domain::Catalogue::builtin()
        .get("eccentric-drop-straight")
        .cloned()
        .unwrap();
    store
        .save_plan_entry(
            &soleus::domain::PlanEntry {
                exercise: e.id.clone(),
                dose: e.dose.clone(),
                active: true,
                per_day: e.per_day,
            },
            today(),
        )
        .unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::F(2));
    app.checklist.selected.select(e.id.clone());
    code(&mut app, KeyCode::Char('g'));
    for _ in 0..4 {
        code(&mut app, KeyCode::Char(' '));
    }
    for _ in 0..6 {
        update(&mut app, Action::Tick(250));
    }
    snapshot_at_sizes_and_wide("guided_session", app);
}

#[test]
fn own_exercise_form() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::F(2));
    code(&mut app, KeyCode::Char('c'));
    typed(&mut app, "Banded ankle eversion");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "strength");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "9");
    code(&mut app, KeyCode::Enter);
    snapshot_at_sizes("own_exercise_form", app);
}

#[test]
fn heel_raise_test_popup() {
    let mut app = on_tab(Tab::Checklist);
    code(&mut app, KeyCode::Char('h'));
    code(&mut app, KeyCode::Down);
    typed(&mut app, "24");
    update(&mut app, Action::Resize(80, 24));
    insta::assert_snapshot!("heel_raise_test_80x24", draw(&app, 80, 24).backend());
    // A refused number: the reason shows in the popup.
    typed(&mut app, "99");
    code(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("heel_raise_test_refused_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn history_tab() {
    snapshot_at_sizes_and_wide("history", on_tab(Tab::History));
}

#[test]
fn history_note_read_only() {
    let store = demo_store();
    let mut entry = store
        .checkin(today(), Leg::Left)
        .unwrap()
        .unwrap_or_else(|| store.previous_checkin(today(), Leg::Left).unwrap().unwrap());
    entry.note = Some(
        "Ran the river loop; calf tight on the hill.\nStairs at work fine. Stretched twice before bed and \
         the morning stiffness went in about ten minutes."
            .to_owned(),
    );
    entry.cross_min = Some(30);
    store.save_checkin(&entry).unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::F(4));
    let row = app
        .data
        .checkins()
        .iter()
        .rev()
        .position(|c| (c.date, c.leg) == (entry.date, entry.leg));
    for _ in 0..row.unwrap() {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Char('n'));
    snapshot_at_sizes("history_note", app);
}

/// A plan with every exercise of the catalogue: the list has more rows
/// than fit, so it scrolls and says how many more there are, and at 80×24
/// still shows at least eight exercises.
#[test]
fn checklist_long_plan_on_a_past_day() {
    let store = demo_store();
    for exercise in soleus::domain::Catalogue::builtin().all() {
        store
            .save_plan_entry(
                &soleus::domain::PlanEntry {
                    exercise: exercise.id.clone(),
                    dose: exercise.dose.clone(),
                    active: true,
                    per_day: exercise.per_day,
                },
                today(),
            )
            .unwrap();
    }
    let mut app = open(store);
    code(&mut app, KeyCode::F(2));
    code(&mut app, KeyCode::Char('['));
    code(&mut app, KeyCode::Char(' '));
    snapshot_at_sizes("checklist_long_plan", app);
}

#[test]
fn help_overlay() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('?'));
    snapshot_at_sizes_and_wide("help", app);
}

#[test]
fn first_run_setup() {
    snapshot_at_sizes("setup", open(Store::open_in_memory().unwrap()));
}

#[test]
fn warning_panel() {
    snapshot_at_sizes_and_wide("warnings_panel", with_flags(open(demo_store())));
}

#[test]
fn warning_list() {
    let mut app = with_flags(on_tab(Tab::History));
    code(&mut app, KeyCode::Char('w'));
    snapshot_at_sizes("warnings_list", app);
}

#[test]
fn warning_modal() {
    let mut app = with_flags(open(demo_store()));
    let flags = app.data.assessment.flags[..2].to_vec();
    app.modal = Some(Modal::Alarm(Alarm { flags, then: None }));
    snapshot_at_sizes("warning_modal", app);
}

#[test]
fn no_warnings_never_reassures() {
    let text = screen(&open(demo_store()));
    assert!(text.contains("No open warnings from your entries. soleus does not diagnose."));
    for forbidden in ["all clear", "you're fine", "you are fine"] {
        assert!(!text.to_lowercase().contains(forbidden));
    }
}

#[test]
fn terminal_too_small() {
    let app = open(demo_store());
    for (width, height) in [(59, 24), (80, 19), (20, 5)] {
        let terminal = draw(&app, width, height);
        insta::assert_snapshot!(format!("too_small_{width}x{height}"), terminal.backend());
    }
    // Every size down to nothing draws without a panic.
    for width in 0..70 {
        for height in [0, 1, 3, 19, 20] {
            let _ = draw(&app, width, height);
        }
    }
    let _ = draw(&app, 60, 20);
}

#[test]
fn trends_draw_at_every_size_without_a_panic() {
    let mut app = on_tab(Tab::Trends);
    for range in 0..5 {
        for width in (60..=210).step_by(11) {
            for height in [20, 23, 31, 44, 60] {
                update(&mut app, Action::Resize(width, height));
                let _ = draw(&app, width, height);
            }
        }
        let change = if range % 2 == 0 { 'm' } else { 'j' };
        code(&mut app, KeyCode::Char(change));
        code(&mut app, KeyCode::Right);
    }
}

/// The engine's own open warning (a pop two days ago): the panel says
/// since when it has stood and that no outcome closed it.
#[test]
fn warning_panel_with_an_open_warning() {
    let app = open(warning_store());
    assert!(screen(&app).contains("since 19 Nov, not yet seen"));
    snapshot_at_sizes("warnings_panel_open", app);
}

#[test]
fn warning_list_with_the_outcome_form() {
    let mut app = open(warning_store());
    code(&mut app, KeyCode::Char('w'));
    let row = soleus::ui::widgets::warnings::sorted(&app.data.assessment.flags)
        .iter()
        .position(|f| f.rule == RuleId::Rupture)
        .unwrap();
    for _ in 0..row {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Char('o'));
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    typed(&mut app, "Physio on Friday");
    snapshot_at_sizes("warnings_outcome_form", app);
}

/// `not-seen` for the urgent rupture warning: the question, with the
/// sentence of docs/clinical-rules.md (outcomes), before anything is written.
#[test]
fn warning_outcome_not_seen_asks_first() {
    let mut app = open(warning_store());
    code(&mut app, KeyCode::Char('w'));
    let row = soleus::ui::widgets::warnings::sorted(&app.data.assessment.flags)
        .iter()
        .position(|f| f.rule == RuleId::Rupture)
        .unwrap();
    for _ in 0..row {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Char('o'));
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Enter);
    snapshot_at_sizes("warnings_not_seen_confirm", app);
}

/// The same warning on both calves is one panel line.
#[test]
fn warning_panel_both_calves() {
    let mut app = open(demo_store());
    let day = today();
    let title = "Calf signs that can come with a blood clot";
    let advice = "See a doctor today: call your GP or an urgent care service.";
    app.data.assessment.flags = vec![
        flag(RuleId::Dvt, Level::Urgent, Leg::Left, day, title, advice),
        flag(RuleId::Dvt, Level::Urgent, Leg::Right, day, title, advice),
    ];
    snapshot_at_sizes("warnings_panel_both_calves", app);
}

#[test]
fn checklist_with_paused_exercises() {
    let mut app = open(warning_store());
    code(&mut app, KeyCode::F(2));
    snapshot_at_sizes("checklist_paused", app);
}
