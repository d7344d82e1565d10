//! The terminal app driven by synthetic key presses through `update`, with
//! no terminal: every binding of the key table, and what the user sees
//! after the flows that matter (save, copy yesterday, unsaved changes,
//! delete and undo, the warning modal, first run).

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns may panic too

use std::collections::HashSet;

use crate::kit::*;
use chrono::Days;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use soleus::clinical::{Level, RuleId};
use soleus::domain::{CapacityTest, DiffKind, Leg, Symptom, TestKind};
use soleus::store::Store;
use soleus::ui::app::{Action, App, update};
use soleus::ui::dialogs::Modal;
use soleus::ui::dialogs::alarm::Alarm;
use soleus::ui::keys::{self, BINDINGS, Context, When};
use soleus::ui::tabs::Tab;
use soleus::ui::tabs::checkin::FIELD_COUNT;

fn yesterday() -> chrono::NaiveDate {
    today().checked_sub_days(Days::new(1)).unwrap()
}

/// An app whose keyboard is in `context`, on a field of kind `when`.
fn app_in(context: Context, when: When) -> App {
    match context {
        Context::Global | Context::History => on_tab(Tab::History),
        Context::CheckIn => {
            let mut app = open(demo_store());
            app.form.focus = match when {
                When::Symptom => 5,
                When::Text | When::LeftText => FIELD_COUNT - 1,
                _ => 0,
            };
            if when == When::LeftText {
                code(&mut app, KeyCode::Esc);
            }
            app
        }
        Context::Checklist => on_tab(Tab::Checklist),
        Context::Trends => on_tab(Tab::Trends),
        Context::Setup => {
            let mut app = open(Store::open_in_memory().unwrap());
            if when == When::Text {
                code(&mut app, KeyCode::Down);
            }
            app
        }
        Context::Help => {
            let mut app = open(demo_store());
            code(&mut app, KeyCode::Char('?'));
            app
        }
        Context::HelpFind => {
            let mut app = open(demo_store());
            typed(&mut app, "?/");
            app
        }
        Context::WarningList => {
            let mut app = on_tab(Tab::History);
            code(&mut app, KeyCode::Char('w'));
            app
        }
        Context::Confirm => {
            let mut app = on_tab(Tab::History);
            code(&mut app, KeyCode::Char('d'));
            app
        }
        Context::Unsaved => {
            let mut app = open(demo_store());
            typed(&mut app, "5l");
            app
        }
        Context::Alarm => {
            let mut app = open(demo_store());
            let f = flag(
                RuleId::Rupture,
                Level::Urgent,
                Leg::Left,
                today(),
                "Possible tear",
                "See a clinician today.",
            );
            app.modal = Some(Modal::Alarm(Alarm {
                flags: vec![f],
                then: None,
            }));
            app
        }
        Context::Picker => {
            let mut app = on_tab(Tab::Checklist);
            code(&mut app, KeyCode::Char('a'));
            app
        }
        Context::HowTo => {
            let mut app = on_tab(Tab::Checklist);
            code(&mut app, KeyCode::Char('i'));
            app
        }
        Context::CapacityTest => {
            let mut app = on_tab(Tab::Checklist);
            code(&mut app, KeyCode::Char('h'));
            app
        }
        Context::PlanDiff => {
            let mut app = on_tab(Tab::Checklist);
            code(&mut app, KeyCode::Char('s'));
            app
        }
        Context::Session => guided("isometric-hold-seated"),
        Context::ExerciseForm => {
            let mut app = on_tab(Tab::Checklist);
            code(&mut app, KeyCode::Char('c'));
            app
        }
        Context::Note => {
            let mut app = on_tab(Tab::History);
            code(&mut app, KeyCode::Char('n'));
            app
        }
        Context::OutcomeForm => {
            let mut app = open(warning_store());
            code(&mut app, KeyCode::Char('w'));
            code(&mut app, KeyCode::Char('o'));
            if when == When::Text {
                code(&mut app, KeyCode::Down);
                code(&mut app, KeyCode::Down);
                code(&mut app, KeyCode::Down);
            }
            app
        }
        Context::Phase => {
            // The offer exists only on a journal where the criteria hold.
            let mut app = if when == When::Offer {
                open(ready_store())
            } else {
                open(demo_store())
            };
            code(&mut app, KeyCode::Tab);
            code(&mut app, KeyCode::Char('p'));
            app
        }
    }
}

#[test]
fn every_binding_in_the_key_table_is_reachable_and_runs() {
    let mut exercised = HashSet::new();
    for (index, binding) in BINDINGS.iter().enumerate() {
        for key in binding.keys {
            let mut app = app_in(binding.context, binding.when);
            let event = key.example();
            let focus = app.focus();
            if binding.context == Context::Global {
                assert!(focus.context.takes_global(), "{binding:?}");
            } else {
                assert_eq!(focus.context, binding.context, "{binding:?}");
            }
            assert!(
                binding.when == When::Always || focus.field == binding.when,
                "{binding:?}"
            );
            let resolved = keys::resolve(app.focus(), event)
                .unwrap_or_else(|| panic!("{:?} in {:?} resolves to nothing", key, binding.context));
            assert!(
                std::ptr::eq(resolved, binding),
                "{key:?} in {:?} ran {:?}, not {:?}",
                binding.context,
                resolved.command,
                binding.command
            );
            send(&mut app, event);
            // Drawing after every binding: no state a key reaches may panic.
            let _ = screen(&app);
            exercised.insert(index);
        }
    }
    assert_eq!(exercised.len(), BINDINGS.len());
}

#[test]
fn copy_yesterday_then_save_takes_two_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let store = Store::open(&path).unwrap();
    store.import(&soleus::demo::generate(120, today(), 7)).unwrap();
    let mut app = open(store);
    assert!(!app.form.exists, "the demo leaves today open");
    send(&mut app, KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
    ctrl(&mut app, 's');
    assert!(
        screen(&app).contains("✓ Saved left calf for 2026-11-21"),
        "{}",
        screen(&app)
    );

    let check = Store::open(&path).unwrap();
    let saved = check.checkin(today(), Leg::Left).unwrap().unwrap();
    let before = check.checkin(yesterday(), Leg::Left).unwrap().unwrap();
    assert_eq!((saved.pain_rest, saved.pain_walk), (before.pain_rest, before.pain_walk));
    assert_eq!((saved.tightness, saved.morning), (before.tightness, before.morning));
    assert_eq!(
        (saved.pain_run, saved.run_km, saved.run_min, saved.cross_min),
        (None, None, None, None),
        "running pain, the run and cross-training describe that day: never copied"
    );
    assert!(
        saved.symptoms.is_empty(),
        "signs are never copied: they are asked fresh"
    );
    assert_eq!(saved.note, None, "nor is the note");
}

#[test]
fn every_field_by_keyboard_alone_and_blank_stays_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let store = Store::open(&path).unwrap();
    store
        .save_profile(&soleus::domain::Profile {
            leg: soleus::domain::InjuredLeg::Right,
            ..Default::default()
        })
        .unwrap();
    let mut app = open(store);
    assert_eq!(app.form.leg, Leg::Right, "the form starts on the profile's leg");
    typed(&mut app, "3");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "10"); // 1 then 0 gives 10
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down); // pain running left unanswered
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Right); // tightness 0 -> 1
    code(&mut app, KeyCode::Down); // morning left unanswered
    code(&mut app, KeyCode::Down); // swelling
    code(&mut app, KeyCode::Char(' '));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down); // warmth
    code(&mut app, KeyCode::Char(' '));
    for _ in 0..(FIELD_COUNT - 5) - 8 {
        code(&mut app, KeyCode::Char('j'));
    }
    typed(&mut app, "5.2");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "31");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "6x4/1");
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down); // cross-training left blank
    typed(&mut app, "stairs hurt");
    code(&mut app, KeyCode::Home);
    typed(&mut app, "q: ");
    code(&mut app, KeyCode::End);
    code(&mut app, KeyCode::Backspace);
    ctrl(&mut app, 's');
    assert!(
        screen(&app).contains("Saved right calf for 2026-11-21"),
        "{}",
        screen(&app)
    );

    let c = Store::open(&path)
        .unwrap()
        .checkin(today(), Leg::Right)
        .unwrap()
        .unwrap();
    assert_eq!((c.pain_rest.value(), c.pain_walk.value()), (3, 10));
    assert_eq!(c.pain_run, None);
    assert_eq!(c.tightness.map(|s| s.value()), Some(1));
    assert_eq!(c.morning, None);
    assert_eq!(
        c.symptoms.iter().collect::<Vec<_>>(),
        vec![Symptom::Swelling, Symptom::Warmth]
    );
    assert_eq!((c.run_km, c.run_min, c.cross_min), (Some(5.2), Some(31), None));
    assert_eq!(c.intervals.map(|i| i.to_string()).as_deref(), Some("6x4/1"));
    assert_eq!(c.note.as_deref(), Some("q: stairs hur"));
}

#[test]
fn validation_errors_show_beside_the_field_and_nothing_is_written() {
    let mut app = open(profile_store());
    ctrl(&mut app, 's');
    assert_eq!(app.form.error.as_ref().map(|e| e.field.as_str()), Some("pain_rest"));
    let text = screen(&app);
    assert!(
        text.contains("✗ Not saved: pain_rest: expected a whole number from 0 to 10 (required)"),
        "{text}"
    );
    assert!(text.contains("Pain at rest") && text.contains("✗ see below"), "{text}");

    typed(&mut app, "2");
    assert_eq!(app.form.error, None, "editing the field clears its error");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "2");
    app.form.focus = FIELD_COUNT - 5;
    typed(&mut app, "far");
    ctrl(&mut app, 's');
    assert_eq!(app.form.error.as_ref().map(|e| e.field.as_str()), Some("run_km"));
    assert!(screen(&app).contains("run_km: expected a number from 0 to 500"));
    assert!(app.form.is_dirty());
    assert!(app.data.assessment.flags.is_empty());
    code(&mut app, KeyCode::Char('q')); // types: the km field has focus
    assert!(!app.quit);
}

#[test]
fn unsaved_changes_ask_before_leaving_and_each_answer_does_what_it_says() {
    let mut app = open(demo_store());
    typed(&mut app, "4");
    code(&mut app, KeyCode::Char('l'));
    assert!(matches!(app.modal, Some(Modal::Unsaved(_))));
    let text = screen(&app);
    assert!(text.contains("has unsaved changes. Save them"), "{text}");
    assert!(text.contains("switch to the right calf?"), "{text}");
    assert!(text.contains("s: save    d: discard    c / Esc: cancel"), "{text}");
    code(&mut app, KeyCode::Esc);
    assert_eq!(
        (app.modal.is_none(), app.form.leg, app.form.score(0)),
        (true, Leg::Left, Some(4))
    );

    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Char('d'));
    assert_eq!(app.tab, Tab::Checklist, "discard goes on to where the user was going");
    assert!(!app.form.is_dirty());

    typed(&mut app, "1"); // digits are pain scores on the checklist...
    send(&mut app, KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)); // ...so Shift-Tab goes back
    assert_eq!(app.tab, Tab::CheckIn);
    typed(&mut app, "6");
    code(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.modal, Some(Modal::Unsaved(_))));
    code(&mut app, KeyCode::Char('s'));
    assert!(!app.quit, "an invalid form is not saved, so the app stays");
    assert_eq!(app.form.error.as_ref().map(|e| e.field.as_str()), Some("pain_walk"));
    code(&mut app, KeyCode::Down);
    typed(&mut app, "1q");
    code(&mut app, KeyCode::Char('s'));
    assert!(app.quit, "save, then quit");
    assert!(app.form.exists && !app.form.is_dirty());
}

#[test]
fn days_move_back_but_never_into_the_future() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char(']'));
    assert_eq!(app.form.date, today());
    assert!(screen(&app).contains("entries cannot be for the future"));
    code(&mut app, KeyCode::Char('['));
    assert_eq!(app.form.date, yesterday());
    assert!(app.form.exists, "yesterday's demo entry is loaded for editing");
    assert!(screen(&app).contains("Sat 2026-11-21") && screen(&app).contains("Fri 2026-11-20"));
    code(&mut app, KeyCode::Char('t'));
    assert_eq!(app.form.date, today());
}

#[test]
fn history_deletes_after_confirmation_and_undo_restores() {
    let mut app = on_tab(Tab::History);
    let count = app.data.checkins().len();
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Char('d'));
    assert!(screen(&app).contains("Delete the"));
    code(&mut app, KeyCode::Char('n'));
    assert_eq!(app.data.checkins().len(), count);
    // Delete means one thing (a field's data) and is no History command.
    code(&mut app, KeyCode::Delete);
    assert_eq!(app.modal, None, "Delete asks nothing on History");
    code(&mut app, KeyCode::Char('d'));
    code(&mut app, KeyCode::Char('y'));
    assert_eq!(app.data.checkins().len(), count - 1);
    assert!(screen(&app).contains("u undoes"));
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(app.data.checkins().len(), count);
    assert!(screen(&app).contains("↶ Undone: Deleted the"), "{}", screen(&app));
    code(&mut app, KeyCode::Char('u'));
    assert!(screen(&app).contains("Nothing to undo"));
}

#[test]
fn history_enter_opens_the_entry_in_the_form() {
    let mut app = on_tab(Tab::History);
    code(&mut app, KeyCode::PageDown);
    let wanted = app.data.checkins().iter().rev().nth(10).cloned().unwrap();
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::CheckIn);
    assert_eq!((app.form.date, app.form.leg), (wanted.date, wanted.leg));
    assert_eq!(app.form.score(0), Some(wanted.pain_rest.value()));
    send(&mut app, KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.tab, Tab::History);
    code(&mut app, KeyCode::End);
    assert_eq!(app.history.selected.row, app.data.checkins().len() - 1);
    // g is the guided session on the Checklist: on History it is nothing.
    code(&mut app, KeyCode::Char('g'));
    assert_eq!(app.history.selected.row, app.data.checkins().len() - 1);
    code(&mut app, KeyCode::Home);
    assert_eq!(app.history.selected.row, 0);
}

#[test]
fn after_saving_a_past_entry_from_history_the_form_is_back_on_today() {
    let mut app = on_tab(Tab::History);
    code(&mut app, KeyCode::PageDown);
    let wanted = app.data.checkins().iter().rev().nth(10).cloned().unwrap();
    assert_ne!(wanted.date, today());
    code(&mut app, KeyCode::Enter);
    assert_eq!((app.form.date, app.form.leg), (wanted.date, wanted.leg));
    code(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    assert_eq!(app.tab, Tab::History, "{}", status(&app));
    assert!(status(&app).contains("back in History"), "{}", status(&app));
    code(&mut app, KeyCode::F(1));
    assert_eq!(app.tab, Tab::CheckIn);
    assert_eq!(
        (app.form.date, app.form.leg),
        (today(), app.data.default_leg()),
        "F1 after the save shows today's form, not the past day"
    );
    assert!(screen(&app).contains(&today().to_string()), "{}", screen(&app));
}

#[test]
fn exercises_offered_under_a_warning_say_they_are_paused() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('y'));
    app.form.focus = 5 + Symptom::ALL.iter().position(|s| *s == Symptom::Breathless).unwrap();
    code(&mut app, KeyCode::Char(' '));
    ctrl(&mut app, 's');
    code(&mut app, KeyCode::Char('a'));
    assert_eq!(app.modal, None);
    let title = "Breathlessness or chest pain";
    code(&mut app, KeyCode::F(2));
    // The catalogue picker marks what the emergency pauses.
    code(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.modal, Some(Modal::Picker(_))), "{:?}", app.modal);
    let text = screen(&app);
    assert!(text.contains(&format!("‖ paused: {title}")), "{text}");
    // Adding one says so.
    code(&mut app, KeyCode::Enter);
    assert!(status(&app).contains("✓ Added "), "{}", status(&app));
    assert!(
        status(&app).contains(&format!("paused while this warning is active: {title}")),
        "{}",
        status(&app)
    );
    // The how-to says it first.
    code(&mut app, KeyCode::Char('i'));
    assert!(matches!(app.modal, Some(Modal::HowTo(_))), "{:?}", app.modal);
    let text = screen(&app);
    assert!(text.contains(&format!("‖ paused: {title}")), "{text}");
    code(&mut app, KeyCode::Esc);
    // The plan for the phase marks additions a warning pauses: take a
    // phase exercise out, then ask for the plan with removed ones shown.
    code(&mut app, KeyCode::Up);
    if app.checklist.selected.key.as_deref() == Some("ankle-pumps") {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Char('x'));
    code(&mut app, KeyCode::Char('y'));
    code(&mut app, KeyCode::Char('s'));
    code(&mut app, KeyCode::Char('r'));
    let Some(Modal::PlanDiff(diff)) = &app.modal else {
        panic!("{:?}", app.modal)
    };
    assert!(diff.lines.iter().any(|l| l.kind == DiffKind::Add), "{diff:?}");
    let text = screen(&app);
    assert!(text.contains("‖ paused: Breathless"), "{text}");
}

#[test]
fn checklist_marks_done_scores_pain_adds_and_removes() {
    let mut app = on_tab(Tab::Checklist);
    let first = app.data.plan.iter().filter(|p| p.active).count();
    code(&mut app, KeyCode::Char(' '));
    assert!(screen(&app).contains("[x]"), "{}", screen(&app));
    assert!(app.data.day.iter().any(|c| c.date == today()));
    typed(&mut app, "3");
    assert!(screen(&app).contains("pain  3"), "{}", screen(&app));
    code(&mut app, KeyCode::Char(' '));
    assert!(!app.data.day.iter().any(|c| c.date == today()), "space again undoes it");

    code(&mut app, KeyCode::Char('a'));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.data.plan.iter().filter(|p| p.active).count(), first + 1);
    code(&mut app, KeyCode::Char('x'));
    code(&mut app, KeyCode::Char('y'));
    assert_eq!(app.data.plan.iter().filter(|p| p.active).count(), first);

    code(&mut app, KeyCode::Char('i'));
    let text = screen(&app);
    assert!(text.contains("How to") && text.contains("Caution"), "{text}");
    code(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none());
    let text = screen(&app);
    assert!(text.contains("borrowed from Achilles tendon research"), "{text}");
    assert!(text.contains("Load today: ● GREEN: progress a step"), "{text}");
}

/// The row of the trends screen whose gutter reads `caption`.
fn row_with<'a>(text: &'a str, caption: &str) -> &'a str {
    let row = text.lines().find(|l| l.starts_with(&format!("│{caption:>7}│")));
    assert!(row.is_some(), "no {caption:?} row in\n{text}");
    row.unwrap_or_default()
}

#[test]
fn trends_change_range_measure_mean_and_leg() {
    let mut app = on_tab(Tab::Trends);
    let text = screen(&app);
    assert!(text.contains("Pain at rest · last 30 days · daily"), "{text}");
    assert!(
        text.contains("⣀⣀ left calf (injured)  •• right calf"),
        "the injured leg solid, the other dotted, named so: {text}"
    );
    assert!(row_with(&text, "km/day").contains('█'), "run bars: {text}");
    code(&mut app, KeyCode::Right);
    assert!(screen(&app).contains("· last 90 days ·"));
    for _ in 0..3 {
        code(&mut app, KeyCode::Left);
    }
    assert!(screen(&app).contains("· last 14 days ·"), "14 is the shortest");
    for _ in 0..5 {
        code(&mut app, KeyCode::Right);
    }
    assert!(screen(&app).contains("Pain at rest · all days ·"), "{}", screen(&app));

    code(&mut app, KeyCode::Down);
    assert!(screen(&app).contains("Pain walking · all days · daily"));
    code(&mut app, KeyCode::Char('k'));
    code(&mut app, KeyCode::Up);
    assert!(screen(&app).contains("Morning pain/stiffness · all days"));

    code(&mut app, KeyCode::Char('m'));
    let text = screen(&app);
    assert!(
        text.contains("Morning pain/stiffness · all days · 7-day mean (3+ days)"),
        "{text}"
    );
    let view = app.trends_cache.view().unwrap();
    assert!(view.mean && view.line.iter().all(|p| (0.0..=10.0).contains(&p.1)));
    code(&mut app, KeyCode::Char('m'));
    assert!(screen(&app).contains("· daily"));

    code(&mut app, KeyCode::Char('l'));
    let text = screen(&app);
    assert!(
        text.contains("⣀⣀ right calf  •• left calf (injured)"),
        "l swaps which leg is solid: {text}"
    );
    assert_eq!(app.trends_cache.view().unwrap().primary, Leg::Right);
}

#[test]
fn trends_mark_phase_starts_and_warning_days_on_the_dates() {
    let mut app = on_tab(Tab::Trends);
    code(&mut app, KeyCode::Right); // 90 days: phases 4 and 5 start inside
    let text = screen(&app);
    let events = row_with(&text, "events");
    let four = events.find('4').expect("phase 4 start");
    let five = events.find('5').expect("phase 5 start");
    assert!(four < five, "{events}");
    assert!(!events.contains('‼'), "the worrying day is older: {events}");
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Right); // all days: the swollen, warm calf of day 10
    let text = screen(&app);
    assert!(row_with(&text, "events").contains('‼'), "{text}");
    assert!(text.contains("‼! warning day"), "the legend names the marks: {text}");
}

#[test]
fn trends_follow_a_new_check_in_and_compare_this_week_with_last() {
    let mut app = on_tab(Tab::Trends);
    let before = app.trends_cache.view().unwrap().clone();
    assert_ne!(before.line.last().map(|p| p.0), Some(29.0), "today has no entry yet");
    assert!(
        screen(&app).contains("This week against last: pain at rest 0.0 against 0.0, about the same as last week"),
        "{}",
        screen(&app)
    );

    code(&mut app, KeyCode::F(1));
    // Pain at rest 4, walking 6: below every single-entry red flag (rest 5+
    // or walking 7+ would raise severe-pain).
    typed(&mut app, "4");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "6");
    ctrl(&mut app, 's');
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Trends);
    let view = app.trends_cache.view().unwrap();
    assert_eq!(view.line.last(), Some(&(29.0, 4.0)), "the save reached the chart");
    let text = screen(&app);
    // This week is Monday to today, and a day without a check-in is missing,
    // never 0 (docs/clinical-rules.md): the demo's left calf has Monday, Thursday and
    // Friday at 0 (no entry on Tuesday or Wednesday) and Saturday's 4, so
    // 4 / 4 days = 1.0.
    assert!(
        text.contains("This week against last: pain at rest 1.0 against 0.0, higher than last week"),
        "{text}"
    );
    // Pain 6 on an injured leg 119 days after the injury date fires
    // `persistent` ("still painful six weeks on", docs/clinical-rules.md): a soon
    // warning, raised today, and today's column is marked.
    assert!(text.contains("SOON Pain is not settling"), "{text}");
    assert!(row_with(&text, "events").trim_end_matches('│').ends_with('!'), "{text}");
    // `worsening` (watch, "Pain is rising") needs the mean of D-2…D (0, 0
    // and 6: 2.0) to be 2 above that of D-9…D-3, which the demo's walking
    // pain 1 on Saturday 14 November puts at 0.2: it does not fire.
    assert!(!text.contains("Pain is rising"), "{text}");
}

#[test]
fn a_save_that_raises_an_emergency_opens_a_modal_that_only_an_explicit_key_closes() {
    let (double, _) = Double::new(demo_store());
    let mut app = open(double);
    code(&mut app, KeyCode::Char('y'));
    app.form.focus = 5 + Symptom::ALL.iter().position(|s| *s == Symptom::Breathless).unwrap();
    code(&mut app, KeyCode::Char(' '));
    ctrl(&mut app, 's');
    assert!(matches!(app.modal, Some(Modal::Alarm(_))), "{:?}", app.modal);
    let text = screen(&app);
    assert!(text.contains("‼ EMERGENCY"), "{text}");
    assert!(text.contains("Breathlessness or chest pain"), "{text}");
    for key in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char(' '), KeyCode::Char('x')] {
        code(&mut app, key);
        assert!(
            matches!(app.modal, Some(Modal::Alarm(_))),
            "{key:?} must not dismiss it"
        );
    }
    code(&mut app, KeyCode::Char('a'));
    assert!(app.modal.is_none());
    let acks: Vec<_> = app.data.acknowledgements.iter().filter(|a| a.date == today()).collect();
    assert_eq!(acks.len(), 1);
    assert_eq!((acks[0].rule.as_str(), acks[0].leg), ("pe-signs", Leg::Left));
    assert_eq!(acks[0].acknowledged_at, now());

    // Saving again: the flag is neither new nor unacknowledged.
    app.form.focus = 0;
    typed(&mut app, "2");
    ctrl(&mut app, 's');
    assert!(app.modal.is_none());
    assert!(screen(&app).contains("‼ EMERGENCY"), "the panel still shows it");
}

#[test]
fn a_failed_save_says_so_and_keeps_the_form() {
    let (double, fail) = Double::new(demo_store());
    let mut app = open(double);
    code(&mut app, KeyCode::Char('y'));
    fail.set(true);
    ctrl(&mut app, 's');
    assert!(
        screen(&app).contains("✗ Not saved: cannot open /test/journal.db: disk full"),
        "{}",
        screen(&app)
    );
    assert!(app.form.is_dirty() && !app.form.exists);
    fail.set(false);
    ctrl(&mut app, 's');
    assert!(app.form.exists && !app.form.is_dirty());
}

#[test]
fn first_run_asks_for_the_profile_and_then_opens_the_form() {
    let mut app = open(Store::open_in_memory().unwrap());
    let text = screen(&app);
    assert!(text.contains("does not diagnose"), "{text}");
    assert!(!text.contains("F1 Check-in"), "no tabs before the profile");
    code(&mut app, KeyCode::Right); // left -> right
    code(&mut app, KeyCode::Down);
    typed(&mut app, "2026-12-01");
    code(&mut app, KeyCode::Enter);
    assert!(
        screen(&app).contains("injury_date: expected a date from 1900-01-01 to today"),
        "{}",
        screen(&app)
    );
    for _ in 0..5 {
        code(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "11-01");
    assert!(app.setup.is_some());
    code(&mut app, KeyCode::Backspace);
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Right);
    typed(&mut app, "2");
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Char(' ')); // clot history: yes
    ctrl(&mut app, 's');
    assert!(app.setup.is_none(), "{}", screen(&app));
    let profile = app.data.profile.clone().unwrap();
    assert_eq!(profile.leg, soleus::domain::InjuredLeg::Right);
    assert_eq!(profile.injury_date, Some("2026-11-02".parse().unwrap()));
    assert!(profile.clot_history && !profile.cancer);
    assert_eq!(app.form.leg, Leg::Right);
    assert!(screen(&app).contains("[F1 Check-in]"));
}

#[test]
fn quitting_the_first_run_writes_nothing() {
    let mut app = open(Store::open_in_memory().unwrap());
    code(&mut app, KeyCode::Esc);
    assert!(app.quit);
    assert!(app.data.profile.is_none());
}

#[test]
fn releases_and_unbound_keys_do_nothing() {
    let mut app = open(demo_store());
    let before = app.form.clone();
    let mut release = KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    send(&mut app, release);
    code(&mut app, KeyCode::F(5));
    code(&mut app, KeyCode::Char('z'));
    assert_eq!(app.form, before);
    assert!(app.modal.is_none() && !app.quit);
}

#[test]
fn reload_picks_up_entries_made_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let store = Store::open(&path).unwrap();
    store.import(&soleus::demo::generate(30, today(), 7)).unwrap();
    let mut app = open(store);
    assert!(!app.form.exists);
    let cli = Store::open(&path).unwrap();
    let mut entry = cli.checkin(yesterday(), Leg::Left).unwrap().unwrap();
    entry.date = today();
    cli.save_checkin(&entry).unwrap();
    code(&mut app, KeyCode::Char('r'));
    assert!(app.form.exists, "a clean form follows the journal");
    assert!(screen(&app).contains("✓ saved"));
}

#[test]
fn help_is_generated_from_the_key_table() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('?'));
    let text = screen(&app);
    assert!(text.contains("F1 Check-in"));
    assert!(
        text.contains("copy the scores (rest, walking, tightness, morning)"),
        "{text}"
    );
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Up);
    code(&mut app, KeyCode::Char('?'));
    assert!(app.modal.is_none());
}

#[test]
fn the_terminal_cursor_sits_in_the_focused_text_field() {
    let mut app = open(demo_store());
    app.form.focus = FIELD_COUNT - 1;
    typed(&mut app, "ab");
    let mut terminal = draw(&app, 100, 30);
    let cursor = terminal.get_cursor_position().unwrap();
    let row: String = (0..100)
        .map(|x| terminal.backend().buffer()[(x, cursor.y)].symbol().to_owned())
        .collect();
    assert!(row.contains("Note") && row.contains("[ab"), "{row}");
    assert_eq!(terminal.backend().buffer()[(cursor.x - 1, cursor.y)].symbol(), "b");
}

#[test]
fn the_phase_popup_lists_criteria_symmetry_and_reasons_and_offers_nothing_when_not_ready() {
    let mut app = on_tab(Tab::Checklist);
    let text = screen(&app);
    assert!(
        text.contains("Phase 5 Running since 2026-10-23 · full return (Green et al. 2022):"),
        "{text}"
    );
    assert!(!text.contains("ready to move on"), "{text}");
    code(&mut app, KeyCode::Char('p'));
    assert_eq!(app.modal, Some(Modal::Phase { scroll: 0 }));
    let text = screen(&app);
    assert!(text.contains("This is the last phase"), "{text}");
    assert!(
        text.contains("Criteria for a full return (Green et al. 2022): 5 of 5 criteria met"),
        "{text}"
    );
    // The latest tests of each kind and leg on or after the injury date
    // (docs/clinical-rules.md, phases) are the demo's of 2026-11-07: bent knee 30 left
    // (injured) against 29 right, 103%, within 10% either way.
    assert!(
        text.contains("✓ sides within 10% of each other, heel raise, knee bent"),
        "{text}"
    );
    assert!(
        text.contains("103%: 30 reps left (2026-11-07) / 29 reps right (2026-11-07)"),
        "{text}"
    );
    assert!(
        text.contains("30 or more single-leg heel raises, heel raise, knee straight"),
        "{text}"
    );
    assert!(text.contains("✓") || text.contains("✗"), "{text}");
    assert!(text.contains("Heel-raise symmetry"), "{text}");
    assert!(text.contains("Load today: ● GREEN"), "{text}");
    assert!(!text.contains("m move on"), "no offer in the last phase: {text}");
    // The reasons further down are a scroll away.
    for _ in 0..20 {
        code(&mut app, KeyCode::Down);
    }
    assert!(screen(&app).contains("Silbernagel"), "{}", screen(&app));
    // `m` does nothing in the last phase: there is no next one to move to.
    code(&mut app, KeyCode::Char('m'));
    assert!(matches!(app.modal, Some(Modal::Phase { .. })));
    code(&mut app, KeyCode::Esc);
    assert_eq!(app.modal, None);
    assert_eq!(app.tab, Tab::Checklist);

    // Criteria not met: the count shows, no offer, and `m` moves on only by
    // hand after a confirmation naming what does not hold (docs/clinical-rules.md, phases).
    let store = ready_store();
    let sore = soleus::domain::CheckIn::new(
        today(),
        Leg::Left,
        soleus::domain::Score::new("", 1).unwrap(),
        Default::default(),
    );
    store.save_checkin(&sore).unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::Tab); // digits are scores on the form
    assert!(
        screen(&app).contains("Phase 2 Mobility since 2026-11-01 · next: Strength, 0 of 1 criterion met"),
        "{}",
        screen(&app)
    );
    code(&mut app, KeyCode::Char('p'));
    let text = screen(&app);
    assert!(
        text.contains("✗ pain at rest and walking 0/10 for 3 days in a row"),
        "{text}"
    );
    assert!(
        text.contains("soleus suggests moving on only when every criterion holds"),
        "{text}"
    );
    assert!(
        text.contains("m moves on by hand after a confirmation that names what does not hold."),
        "{text}"
    );
    code(&mut app, KeyCode::Char('m'));
    match &app.modal {
        Some(Modal::Confirm { question, .. }) => assert!(
            question.starts_with(
                "Move to phase 3 Strength by hand, from today? These criteria do not hold: \
                 pain at rest and walking 0/10 for 3 days in a row. Progress is held by: \
                 today's load light is amber"
            ),
            "{question}"
        ),
        other => panic!("a confirmation first: {other:?}"),
    }
    // No: nothing moves.
    code(&mut app, KeyCode::Char('n'));
    assert_eq!(app.modal, None);
    assert_eq!(app.data.phase.current.number, 2);
}

#[test]
fn moving_on_when_ready_takes_an_explicit_key_and_a_yes() {
    let (double, fail) = Double::new(ready_store());
    let mut app = open(double);
    code(&mut app, KeyCode::Tab);
    let text = screen(&app);
    assert!(
        text.contains("Phase 2 Mobility since 2026-11-01 · next: Strength, 1 of 1 criterion met — ready to move on"),
        "{text}"
    );
    code(&mut app, KeyCode::Char('p'));
    let text = screen(&app);
    assert!(
        text.contains("✓ pain at rest and walking 0/10 for 3 days in a row"),
        "{text}"
    );
    assert!(text.contains("Press m to move to phase 3 Strength"), "{text}");
    assert!(text.contains("m move on"), "the footer offers it: {text}");

    // Esc: nothing is written.
    code(&mut app, KeyCode::Char('m'));
    assert!(screen(&app).contains("Move to phase 3 Strength from today, 2026-11-21?"));
    code(&mut app, KeyCode::Esc);
    assert_eq!(app.modal, None);
    assert_eq!(app.data.phase.current.number, 2);

    // A failed write says so and changes nothing.
    code(&mut app, KeyCode::Char('p'));
    code(&mut app, KeyCode::Char('m'));
    fail.set(true);
    code(&mut app, KeyCode::Enter);
    assert!(
        screen(&app).contains("✗ Not changed: neither the phase nor the plan"),
        "{}",
        screen(&app)
    );
    assert_eq!(app.data.phase.current.number, 2);
    fail.set(false);

    // Enter: the phase and the proposed plan in one step, the phase dated
    // today; u puts the plan back as it was.
    code(&mut app, KeyCode::Char('p'));
    code(&mut app, KeyCode::Char('m'));
    let plan_before = app.data.plan.clone();
    let Some(Modal::PlanDiff(diff)) = app.modal.clone() else {
        panic!("m opens the plan for the new phase: {:?}", app.modal);
    };
    let adds = diff.lines.iter().filter(|l| l.kind == DiffKind::Add && l.on).count();
    assert!(adds > 1, "the fixture plan lacks some phase-3 exercises");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.modal, None);
    let last = app.data.phases.last().cloned().unwrap();
    assert_eq!((last.date, last.phase), (today(), 3));
    let active = app.data.active_exercises();
    assert!(
        app.data.catalogue.for_phase(3).all(|e| active.contains(&e.id.as_str())),
        "every phase-3 exercise is in the plan: {active:?}"
    );
    let text = screen(&app);
    assert!(
        text.contains(&format!(
            "✓ Phase 3 Strength from 2026-11-21 · plan for phase 3: {adds} added"
        )),
        "{text}"
    );
    assert!(
        text.contains("Phase 3 Strength since 2026-11-21 · next: Return to run"),
        "{text}"
    );
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(app.data.plan, plan_before, "u puts the plan back");
    assert_eq!(app.data.phase.current.number, 3, "the phase move stays");
}

#[test]
fn the_plan_for_a_phase_leaves_out_what_the_user_removed_unless_asked() {
    let mut app = open(ready_store());
    code(&mut app, KeyCode::Tab);
    // The user took ankle pumps out of the plan on purpose.
    app.checklist.selected.select("ankle-pumps".to_owned());
    code(&mut app, KeyCode::Char('x'));
    code(&mut app, KeyCode::Char('y'));
    assert!(!app.data.active_exercises().contains(&"ankle-pumps"));
    // Phase 2 (Mobility) holds ankle pumps, so the suggestion would add it.
    code(&mut app, KeyCode::Char('s'));
    let lines = |app: &App| match &app.modal {
        Some(Modal::PlanDiff(diff)) => diff.lines.clone(),
        other => panic!("not the plan view: {other:?}"),
    };
    assert!(
        !lines(&app).iter().any(|l| l.entry.exercise == "ankle-pumps"),
        "not proposed again"
    );
    code(&mut app, KeyCode::Char('r'));
    let again = lines(&app);
    let ankle = again
        .iter()
        .position(|l| l.entry.exercise == "ankle-pumps")
        .expect("proposed when asked");
    // Untick everything but ankle pumps, then apply.
    for (i, line) in again.iter().enumerate() {
        if line.on != (i == ankle) {
            app.modal = match app.modal.take() {
                Some(Modal::PlanDiff(mut diff)) => {
                    diff.selected = i;
                    Some(Modal::PlanDiff(diff))
                }
                other => other,
            };
            code(&mut app, KeyCode::Char(' '));
        }
    }
    code(&mut app, KeyCode::Enter);
    assert!(app.data.active_exercises().contains(&"ankle-pumps"));
    assert!(
        screen(&app).contains("✓ Plan for phase 2: 1 added, 0 dropped, 0 doses changed"),
        "{}",
        screen(&app)
    );
}

#[test]
fn trends_bridge_a_few_missing_days_but_break_at_a_longer_absence() {
    let store = profile_store();
    let days_back = (15..=20).chain(9..=11).chain(0..=3);
    for back in days_back {
        let date = today().checked_sub_days(Days::new(back)).unwrap();
        let pain = soleus::domain::Score::new("", 3).unwrap();
        store
            .save_checkin(&soleus::domain::CheckIn::new(date, Leg::Left, pain, pain))
            .unwrap();
    }
    let mut app = open(store);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    let view = app.trends_cache.view().unwrap();
    // 12-14 days back (3 missing) are bridged; 4-8 days back (5) break it.
    assert_eq!(view.line_parts.len(), 2, "{:?}", view.line_parts);
    assert_eq!(
        view.line[view.line_parts[1].start].0, 26.0,
        "the line starts again 3 days back"
    );
    assert!(view.line.iter().all(|p| p.1 == 3.0), "no day became 0");
}

#[test]
fn years_of_heel_raise_tests_are_brought_down_to_the_panel_but_captions_show_the_latest() {
    let store = profile_store();
    // A test of each leg every 3 days for three years; the newest left one
    // (27) is neither the lowest (24) nor the highest (30) of its days.
    for back in (0..1095u64).step_by(3) {
        let date = today().checked_sub_days(Days::new(back)).unwrap();
        for (leg, reps) in [(Leg::Left, 24 + ((back + 3) % 7) as u32), (Leg::Right, 30)] {
            let test = soleus::domain::CapacityTest {
                date,
                leg,
                test: soleus::domain::TestKind::HeelRaiseBent,
                reps,
            };
            store.save_test(&test).unwrap();
        }
    }
    store
        .save_checkin(&soleus::domain::CheckIn::new(
            today().checked_sub_days(Days::new(1094)).unwrap(),
            Leg::Left,
            Default::default(),
            Default::default(),
        ))
        .unwrap();
    let mut app = open(store);
    send_resize(&mut app, 120, 40);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    for _ in 0..3 {
        code(&mut app, KeyCode::Right); // all days
    }
    let view = app.trends_cache.view().unwrap();
    let [left, right] = &view.reps[1];
    assert!(left.len() <= 2 * 2 * 30 && !left.is_empty(), "{} points", left.len());
    assert!(left.iter().any(|p| p.1 == 30.0), "each bucket keeps its highest");
    assert_eq!(right.len(), right.iter().filter(|p| p.1 == 30.0).count());
    let mut terminal = draw(&app, 120, 40);
    let text = format!("{}", terminal.backend_mut());
    assert!(text.contains("Knee bent ⣀⣀ left 27 •• right 30"), "{text}");
    assert!(text.contains("bent 90%"), "27 ÷ 30: {text}");
}

#[test]
fn a_heel_raise_test_is_recorded_from_the_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let (double, _fail) = Double::new(ready_store_at(&path));
    let mut app = open(double);
    code(&mut app, KeyCode::Tab);
    assert!(
        keys::footer(app.focus()).contains(&"h heel test"),
        "the footer offers it"
    );
    code(&mut app, KeyCode::Char('h'));
    let text = screen(&app);
    assert!(text.contains("Single-leg heel-raise tests"), "{text}");
    assert!(text.contains("2026-11-21 · empty = not tested"), "{text}");
    for row in [
        "left   knee straight",
        "left   knee bent",
        "right  knee straight",
        "right  knee bent",
    ] {
        assert!(text.contains(row), "{row}: {text}");
    }

    // Left straight 24 (a typo fixed), left bent empty, right straight 0.
    typed(&mut app, "245");
    code(&mut app, KeyCode::Backspace);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    typed(&mut app, "0");
    let text = screen(&app);
    assert!(text.contains("[  24]") && text.contains("[   0]"), "{text}");
    code(&mut app, KeyCode::Enter);
    // 0 reps on the right opens an urgent warning: the save raises the
    // alarm, as a check-in's save does (docs/clinical-rules.md), until acknowledged.
    assert!(matches!(app.modal, Some(Modal::Alarm(_))), "{:?}", app.modal);
    let text = screen(&app);
    assert!(text.contains("! URGENT") && text.contains("rupture"), "{text}");
    assert!(
        status(&app).contains("✓ Heel raises 2026-11-21 (knee straight/bent): left 24/–, right 0/–"),
        "{}",
        status(&app)
    );
    code(&mut app, KeyCode::Esc);
    assert!(matches!(app.modal, Some(Modal::Alarm(_))), "Esc must not dismiss it");
    code(&mut app, KeyCode::Char('a'));
    assert_eq!(app.modal, None);
    assert!(
        app.data
            .acknowledgements
            .iter()
            .any(|a| a.rule == "rupture" && a.leg == Leg::Right),
        "{:?}",
        app.data.acknowledgements
    );

    let stored = Store::open(&path)
        .unwrap()
        .tests_between(soleus::domain::EARLIEST_DATE, today())
        .unwrap();
    let test = |leg, test, reps| CapacityTest {
        date: today(),
        leg,
        test,
        reps,
    };
    assert_eq!(
        stored,
        vec![
            test(Leg::Left, TestKind::HeelRaiseStraight, 24),
            test(Leg::Right, TestKind::HeelRaiseStraight, 0),
        ],
        "empty counts are not recorded"
    );
    // Reloaded: the phase popup's symmetry and the Trends tab show it.
    code(&mut app, KeyCode::Char('p'));
    let text = screen(&app);
    assert!(
        text.contains("heel raise, knee bent — no heel-raise-bent test recorded"),
        "{text}"
    );
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Trends);
    assert_eq!(app.data.tests, stored);
}

#[test]
fn a_heel_raise_test_out_of_range_or_blank_is_refused_and_esc_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let (double, fail) = Double::new(ready_store_at(&path));
    let mut app = open(double);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Char('h'));
    code(&mut app, KeyCode::Down);
    typed(&mut app, "501");
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.modal, Some(Modal::Test(_))), "the popup stays open");
    let text = screen(&app);
    assert!(
        text.contains("✗ heel raise, knee bent, left leg: reps: expected a whole"),
        "{text}"
    );

    // Nothing typed: a reason, not a zero.
    for _ in 0..3 {
        code(&mut app, KeyCode::Backspace);
    }
    code(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("✗ Type at least one count"), "{}", screen(&app));
    // Typing stops at four digits.
    typed(&mut app, "123456");
    assert!(screen(&app).contains("[1234]"), "{}", screen(&app));

    // A failed write keeps the popup, what was typed, and says so.
    for _ in 0..4 {
        code(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "30");
    fail.set(true);
    code(&mut app, KeyCode::Enter);
    assert!(matches!(&app.modal, Some(Modal::Test(form)) if form.reps[1] == "30"));
    assert!(screen(&app).contains("✗ Test not recorded"), "{}", screen(&app));
    fail.set(false);

    code(&mut app, KeyCode::Esc);
    assert_eq!(app.modal, None);
    assert!(screen(&app).contains("No test recorded"), "{}", screen(&app));
    assert!(
        Store::open(&path)
            .unwrap()
            .tests_between(soleus::domain::EARLIEST_DATE, today())
            .unwrap()
            .is_empty()
    );
}

// ---- Keys v2 (docs/keys.md) and the effects the tabs return (issue 11) ----

/// The status line as text ("" when empty).
fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

/// How many exercises the plan holds.
fn planned(app: &App) -> usize {
    app.data.plan.iter().filter(|p| p.active).count()
}

#[test]
fn three_on_the_checklist_is_a_pain_score_that_says_so_never_a_tab() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let store = Store::open(&path).unwrap();
    store.import(&soleus::demo::generate(120, today(), 7)).unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::F(2));
    let row = soleus::ui::tabs::checklist::rows(&app.data, today())
        .iter()
        .position(|r| r.done.is_none())
        .unwrap();
    for _ in 0..row {
        code(&mut app, KeyCode::Down);
    }
    let name = soleus::ui::tabs::checklist::rows(&app.data, today())[row]
        .exercise
        .name
        .clone();
    let id = soleus::ui::tabs::checklist::rows(&app.data, today())[row]
        .exercise
        .id
        .clone();
    for digit in ['3', '4'] {
        code(&mut app, KeyCode::Char(digit));
        assert_eq!(app.tab, Tab::Checklist, "{digit} never changes tab");
        assert_eq!(
            status(&app),
            format!("✓ {name}: done today, pain during {digit}/10 · u undoes"),
            "a digit that writes says what it wrote"
        );
        let stored = Store::open(&path)
            .unwrap()
            .completions_between(today(), today())
            .unwrap();
        let c = stored.iter().find(|c| c.exercise == id).unwrap();
        assert_eq!(c.pain.map(|p| p.value()), digit.to_digit(10).map(|d| d as u8));
    }
}

#[test]
fn three_on_the_check_in_form_is_a_score_or_nothing_never_a_tab() {
    let mut app = open(demo_store());
    let before = app.data.checkins().len();
    code(&mut app, KeyCode::Char('3'));
    assert_eq!(app.tab, Tab::CheckIn);
    assert_eq!(app.form.score(0), Some(3), "a score row takes the digit");
    assert!(app.form.is_dirty(), "held in the form, not written");
    // On a sign row a digit does nothing at all.
    app.form.focus = 5;
    let form = app.form.clone();
    for digit in ['3', '4'] {
        code(&mut app, KeyCode::Char(digit));
        assert_eq!(app.tab, Tab::CheckIn, "{digit} on a sign row never changes tab");
    }
    assert_eq!(app.form, form);
    assert_eq!(app.data.checkins().len(), before);
    assert!(app.status.is_none(), "nothing was written, so nothing is said");
    // The keys that do switch tabs still do, from the form.
    code(&mut app, KeyCode::F(3));
    assert!(
        matches!(app.modal, Some(Modal::Unsaved(_))),
        "asks first: the form has the 3"
    );
}

#[test]
fn three_four_q_from_the_first_screen_quits_once_the_form_is_clean() {
    // The reported slip: 3, 4 then q left an unsaved-changes prompt. The
    // digits are scores now, so the prompt is right; d discards and quits.
    let mut app = open(demo_store());
    typed(&mut app, "34q");
    assert!(matches!(
        app.modal,
        Some(Modal::Unsaved(soleus::ui::app::navigate::Pending::Quit))
    ));
    code(&mut app, KeyCode::Char('d'));
    assert!(app.quit);
    // With nothing typed, q quits at once.
    let mut app = open(demo_store());
    code(&mut app, KeyCode::F(3));
    code(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn undo_after_tick_pain_add_remove_and_delete() {
    let mut app = on_tab(Tab::Checklist);
    let id = |app: &App| app.checklist.selected.key.clone().unwrap();
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Up);
    let first = id(&app);
    let done = |app: &App, id: &str| {
        soleus::ui::tabs::checklist::rows(&app.data, today())
            .iter()
            .find(|r| r.exercise.id == id)
            .and_then(|r| r.done.map(|c| c.pain.map(|p| p.value())))
    };
    let was = done(&app, &first);

    // Tick (or untick), then undo.
    code(&mut app, KeyCode::Char(' '));
    assert_ne!(done(&app, &first), was);
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(done(&app, &first), was, "u undid the tick");
    assert!(status(&app).starts_with("↶ Undone: "), "{}", status(&app));

    // Pain, then undo back to what it was.
    code(&mut app, KeyCode::Char('7'));
    assert_eq!(done(&app, &first), Some(Some(7)));
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(done(&app, &first), was, "u undid the pain score");

    // Add from the picker, then undo: out of the plan again.
    let count = planned(&app);
    code(&mut app, KeyCode::Char('a'));
    code(&mut app, KeyCode::Enter);
    let added = id(&app);
    assert_eq!(planned(&app), count + 1);
    assert!(status(&app).contains("Added") && status(&app).ends_with("u undoes"));
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(planned(&app), count);
    assert!(!app.data.active_exercises().contains(&added.as_str()));

    // Remove (after a yes), then undo: back in the plan with its dose.
    let dose = app.data.plan.iter().find(|p| p.exercise == first).unwrap().dose.clone();
    while id(&app) != first {
        code(&mut app, KeyCode::Up);
    }
    code(&mut app, KeyCode::Char('x'));
    code(&mut app, KeyCode::Char('y'));
    assert!(!app.data.active_exercises().contains(&first.as_str()));
    code(&mut app, KeyCode::Char('u'));
    let back = app.data.plan.iter().find(|p| p.exercise == first).unwrap();
    assert!(back.active && back.dose == dose, "restored as it was");
    assert_eq!(id(&app), first, "and selected again");

    // History: delete, then undo restores the entry and selects it.
    code(&mut app, KeyCode::F(4));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    let wanted = app.history.selected.key.unwrap();
    let count = app.data.checkins().len();
    code(&mut app, KeyCode::Char('d'));
    code(&mut app, KeyCode::Char('y'));
    assert_eq!(app.data.checkins().len(), count - 1);
    code(&mut app, KeyCode::Up);
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(app.data.checkins().len(), count);
    assert_eq!(app.history.selected.key, Some(wanted), "the restored row is selected");
    // One undo per write: History's is spent now.
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(status(&app), "Nothing to undo on this tab");
}

#[test]
fn a_failed_write_keeps_its_error_on_screen_and_a_failed_reload_is_never_overwritten() {
    let store = demo_store();
    let (double, fail) = Double::new(store);
    let reads = double.fail_reads.clone();
    let mut app = open(double);
    code(&mut app, KeyCode::F(2));
    fail.set(true);
    code(&mut app, KeyCode::Char(' '));
    let text = screen(&app);
    assert!(
        text.contains("✗ Not saved: cannot open /test/journal.db: disk full"),
        "{text}"
    );
    assert!(!text.contains("u undoes"));
    fail.set(false);
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(
        status(&app),
        "Nothing to undo on this tab",
        "a failed write leaves no undo"
    );

    // The write works but the reload after it fails: the error stays, not
    // a "✓" that would claim the screen shows the journal.
    reads.set(true);
    code(&mut app, KeyCode::Char(' '));
    let text = screen(&app);
    assert!(text.contains("✗ Could not read the journal"), "{text}");
    assert!(!status(&app).contains('✓'), "{}", status(&app));
    reads.set(false);
    code(&mut app, KeyCode::Char('r'));
    assert_eq!(status(&app), "Reloaded the journal");
}

#[test]
fn selection_follows_identity_after_add_restore_and_edit() {
    // Add: the exercise just added is the selected row, wherever it sorts.
    let mut app = on_tab(Tab::Checklist);
    code(&mut app, KeyCode::Char('a'));
    for _ in 0..3 {
        code(&mut app, KeyCode::Down);
    }
    let Some(Modal::Picker(picker)) = &app.modal else {
        panic!("no picker")
    };
    let chosen = picker.ids[picker.selected].clone();
    code(&mut app, KeyCode::Enter);
    let rows = soleus::ui::tabs::checklist::rows(&app.data, today());
    let row = app.checklist.row(&rows);
    assert_eq!(rows[row].exercise.id, chosen);

    // Edit from History: back on that row after the save.
    let mut app = on_tab(Tab::History);
    for _ in 0..5 {
        code(&mut app, KeyCode::Down);
    }
    let (date, leg) = app.history.selected.key.unwrap();
    code(&mut app, KeyCode::Enter);
    assert_eq!((app.tab, app.form.date, app.form.leg), (Tab::CheckIn, date, leg));
    code(&mut app, KeyCode::Right); // pain at rest one higher
    ctrl(&mut app, 's');
    assert_eq!(app.tab, Tab::History, "saving goes back to History");
    assert_eq!(app.history.selected.key, Some((date, leg)));
    let checkins = app.data.checkins().to_vec();
    assert_eq!(app.history.row(&checkins), 5, "on that row, not the top");
    assert!(status(&app).contains("back in History"), "{}", status(&app));

    // Restore: a new entry above does not move the selection off it.
    let mut app = on_tab(Tab::History);
    code(&mut app, KeyCode::Down);
    let kept = app.history.selected.key.unwrap();
    code(&mut app, KeyCode::F(1));
    typed(&mut app, "1");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "1");
    ctrl(&mut app, 's');
    code(&mut app, KeyCode::F(4));
    assert_eq!(
        app.history.selected.key,
        Some((today(), Leg::Left)),
        "the entry just saved"
    );
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    assert_eq!(app.history.selected.key, Some(kept));
}

#[test]
fn the_checklist_ticks_a_missed_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let store = Store::open(&path).unwrap();
    store.import(&soleus::demo::generate(120, today(), 7)).unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::F(2));
    code(&mut app, KeyCode::Char(']'));
    assert!(status(&app).contains("cannot be ticked for the future"));
    for _ in 0..3 {
        code(&mut app, KeyCode::Char('['));
    }
    let day = today().checked_sub_days(Days::new(3)).unwrap();
    assert_eq!(app.checklist.date, day);
    assert!(screen(&app).contains(&format!("{}", day.format("%a %Y-%m-%d"))));
    let before = Store::open(&path).unwrap().completions_between(day, day).unwrap().len();
    let row = soleus::ui::tabs::checklist::rows(&app.data, day)
        .iter()
        .position(|r| r.done.is_none())
        .unwrap();
    for _ in 0..row {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Char(' '));
    assert!(
        status(&app).contains(&format!("done on {}", day.format("%a %-d %b"))),
        "{}",
        status(&app)
    );
    let after = Store::open(&path).unwrap().completions_between(day, day).unwrap().len();
    assert_eq!(after, before + 1, "written for that day, not today");
    code(&mut app, KeyCode::Char('t'));
    assert_eq!(app.checklist.date, today());
}

#[test]
fn history_shows_run_and_cross_training_minutes_and_a_note_read_only() {
    let store = demo_store();
    // An entry a few rows down: the first Down moves off the top row.
    let before = today().checked_sub_days(chrono::Days::new(3)).unwrap();
    let mut entry = store.previous_checkin(before, Leg::Left).unwrap().unwrap();
    entry.cross_min = Some(35);
    entry.run_min = Some(42);
    entry.note = Some("first line\nsecond line that is long enough to be cut off in the table".into());
    store.save_checkin(&entry).unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::F(4));
    while app.history.selected.key != Some((entry.date, entry.leg)) {
        code(&mut app, KeyCode::Down);
    }
    let text = screen(&app);
    let row = text.lines().find(|l| l.contains("▸")).unwrap();
    // The day's imported run gives the day's running (35 min, strava).
    assert!(row.contains("  35") && row.contains("strava"), "{row}");
    code(&mut app, KeyCode::Char('n'));
    let text = screen(&app);
    assert!(text.contains("note (read-only)"), "{text}");
    assert!(
        text.contains("first line") && text.contains("second line that is long enough"),
        "{text}"
    );
    // Read-only: typing does not change the note.
    typed(&mut app, "xyz");
    assert!(
        matches!(app.modal, Some(Modal::Note { .. })),
        "unbound letters do nothing here"
    );
    code(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none());
    assert_eq!(
        app.data
            .checkins()
            .iter()
            .find(|c| c.date == entry.date && c.leg == entry.leg)
            .unwrap()
            .note,
        entry.note
    );
}

#[test]
fn in_the_note_every_printable_key_is_text_and_esc_leaves() {
    let mut app = open(demo_store());
    app.form.focus = FIELD_COUNT - 1;
    let printable: String = (' '..='~').collect();
    typed(&mut app, &printable);
    assert_eq!(app.tab, Tab::CheckIn);
    assert!(!app.quit && app.modal.is_none());
    assert_eq!(app.form.text(4), printable);
    code(&mut app, KeyCode::Esc);
    assert_eq!(app.focus().field, When::LeftText, "Esc leaves the field");
    code(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.modal, Some(Modal::Unsaved(_))), "q is a command again");
}

#[test]
fn the_docs_key_list_is_the_key_table() {
    let page = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md"));
    let start = page
        .find("<!-- keys:start -->\n")
        .expect("docs/keys.md marks the key list")
        + 20;
    let end = page
        .find("<!-- keys:end -->")
        .expect("docs/keys.md marks the key list's end");
    let expected = keys::markdown();
    assert!(
        page[start..end] == expected,
        "docs/keys.md's key list differs from the key table; put this between the markers:\n{expected}"
    );
    // The help overlay is built from the same table: its first section, at
    // a size where it fits, shows every binding of the screen in view in
    // the words of docs/keys.md.
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('?'));
    let terminal = draw(&app, 250, 80);
    let text: String = terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect();
    for binding in BINDINGS.iter().filter(|b| b.context == Context::CheckIn) {
        assert!(
            text.contains(binding.does),
            "{} is not in the help overlay",
            binding.does
        );
        assert!(expected.contains(&format!("`{}` {}", binding.label, binding.does)));
    }
}

#[test]
fn u_on_check_in_undoes_the_last_save_and_the_form_shows_the_journal() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('['));
    let before = app.form.score(0).unwrap();
    code(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    assert_eq!(app.form.score(0), Some((before + 1).min(10)));
    assert!(!app.form.is_dirty());
    // With unsaved edits, u asks for them to be dealt with first.
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Char('u'));
    assert!(status(&app).contains("save or discard"), "{}", status(&app));
    code(&mut app, KeyCode::Left);
    assert!(keys::footer(app.focus()).contains(&"u undo"), "the footer offers it");
    // u asks first, naming what it will do; n keeps the save.
    code(&mut app, KeyCode::Char('u'));
    let Some(Modal::Confirm { question, .. }) = &app.modal else {
        panic!("u must ask first: {:?}", app.modal)
    };
    assert!(
        question.contains("Undo “Saved left calf for 2026-11-20”")
            && question.contains("back as it was before that save"),
        "{question}"
    );
    assert!(screen(&app).contains("Saved left calf for 2026-11-20"));
    code(&mut app, KeyCode::Char('n'));
    assert_eq!(app.modal, None);
    assert_eq!(app.form.score(0), Some((before + 1).min(10)), "n changes nothing");
    code(&mut app, KeyCode::Char('u'));
    code(&mut app, KeyCode::Char('y'));
    assert!(
        status(&app).starts_with("↶ Undone: Saved left calf for 2026-11-20"),
        "{}",
        status(&app)
    );
    assert_eq!(app.form.score(0), Some(before), "the form shows the entry as it was");
    assert!(!app.form.is_dirty());
    // The first save of a day is undone by removing the entry.
    code(&mut app, KeyCode::Char('t'));
    assert!(!app.form.exists);
    typed(&mut app, "2");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "2");
    ctrl(&mut app, 's');
    assert!(app.form.exists);
    code(&mut app, KeyCode::Char('u'));
    assert!(matches!(app.modal, Some(Modal::Confirm { .. })), "{:?}", app.modal);
    code(&mut app, KeyCode::Char('y'));
    assert!(
        !app.form.exists && app.form.score(0).is_none(),
        "back to no entry today"
    );
}

#[test]
fn u_on_check_in_never_takes_an_emergency_away_without_asking() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('y'));
    app.form.focus = 5 + Symptom::ALL.iter().position(|s| *s == Symptom::Breathless).unwrap();
    code(&mut app, KeyCode::Char(' '));
    ctrl(&mut app, 's');
    code(&mut app, KeyCode::Char('a'));
    assert!(screen(&app).contains("‼ EMERGENCY"));
    code(&mut app, KeyCode::Char('u'));
    let Some(Modal::Confirm { question, .. }) = &app.modal else {
        panic!("u must ask first: {:?}", app.modal)
    };
    assert!(question.contains("signs"), "{question}");
    code(&mut app, KeyCode::Esc);
    assert!(
        screen(&app).contains("‼ EMERGENCY"),
        "Esc keeps the entry and its warning"
    );
    assert!(app.data.assessment.flags.iter().any(|f| f.level == Level::Emergency));
}

#[test]
fn a_scrolling_dialog_stops_at_its_last_page_and_says_what_is_below() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('?'));
    let text = screen(&app);
    assert!(text.contains("↓") && text.contains("more"), "{text}");
    for _ in 0..500 {
        code(&mut app, KeyCode::Down);
        let _ = screen(&app);
    }
    let Some(Modal::Help { scroll: bottom }) = app.modal else {
        panic!("help closed")
    };
    assert!(bottom < 500, "stopped at the last page, at {bottom}");
    let text = screen(&app);
    let below = text
        .split("↓ ")
        .skip(1)
        .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    assert!(text.contains(" more ") && !below, "only rows above now: {text}");
    code(&mut app, KeyCode::Up);
    assert!(
        matches!(app.modal, Some(Modal::Help { scroll }) if scroll == bottom - 1),
        "one ↑ moves at once"
    );
}

/// Selects the warning of `rule` in the open warning list.
fn select_warning(app: &mut App, rule: RuleId) {
    let sorted = soleus::ui::widgets::warnings::sorted(&app.data.assessment.flags);
    let row = sorted.iter().position(|f| f.rule == rule).unwrap();
    for _ in 0..row {
        code(app, KeyCode::Down);
    }
    assert_eq!(app.modal, Some(Modal::WarningList { selected: row }));
}

fn rupture_open(app: &App) -> bool {
    app.data.assessment.flags.iter().any(|f| f.rule == RuleId::Rupture)
}

#[test]
fn an_outcome_recorded_from_the_warning_list_closes_the_warning_and_u_brings_it_back() {
    let mut app = open(warning_store());
    assert!(rupture_open(&app));
    let title = app
        .data
        .assessment
        .flags
        .iter()
        .find(|f| f.rule == RuleId::Rupture)
        .unwrap()
        .title
        .clone();
    let shown = screen(&app);
    assert!(shown.contains("since 19 Nov, not yet seen"), "{shown}");
    code(&mut app, KeyCode::Char('w'));
    select_warning(&mut app, RuleId::Rupture);
    code(&mut app, KeyCode::Char('o'));
    assert!(matches!(app.modal, Some(Modal::OutcomeForm(_))));
    let form = screen(&app);
    for result in soleus::domain::OutcomeResult::ALL {
        assert!(
            form.contains(result.meaning()),
            "{} is explained:\n{form}",
            result.name()
        );
    }

    // Nothing chosen yet: Enter names the field and records nothing.
    code(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.modal, Some(Modal::OutcomeForm(f)) if f.error.as_deref().is_some_and(|e| e.starts_with("Result")))
    );
    assert!(rupture_open(&app));

    // cleared, a day earlier, a note with letters that are keys elsewhere.
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Down);
    typed(&mut app, "GP saw it; q w u o y");
    let Some(Modal::OutcomeForm(f)) = &app.modal else {
        panic!("letters in the note are text: {:?}", app.modal)
    };
    assert_eq!(f.note.text(), "GP saw it; q w u o y");
    assert_eq!(f.date, today().pred_opt().unwrap());
    code(&mut app, KeyCode::Esc);
    assert!(
        matches!(&app.modal, Some(Modal::OutcomeForm(f)) if f.focus == 2),
        "Esc leaves the note for the date"
    );
    code(&mut app, KeyCode::Enter);

    assert!(matches!(app.modal, Some(Modal::WarningList { .. })), "{:?}", app.modal);
    assert!(
        status(&app).starts_with("✓ Closed the left calf rupture warning: cleared, 20 Nov"),
        "{}",
        status(&app)
    );
    assert!(status(&app).ends_with("u undoes"), "{}", status(&app));
    assert!(!rupture_open(&app), "the outcome closed the warning");
    code(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains(&title), "the panel no longer shows it");

    // u in the warning list takes the outcome back: the warning is open again.
    code(&mut app, KeyCode::Char('w'));
    code(&mut app, KeyCode::Char('u'));
    assert!(
        status(&app).starts_with("↶ Undone: Closed the left calf rupture warning"),
        "{}",
        status(&app)
    );
    assert!(rupture_open(&app));
    code(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains(&title));
}

#[test]
fn an_outcome_the_engine_refuses_keeps_the_form_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut app = open(warning_store_at(&path));
    code(&mut app, KeyCode::Char('w'));
    select_warning(&mut app, RuleId::Rupture);
    code(&mut app, KeyCode::Char('o'));
    code(&mut app, KeyCode::Right);
    // Meanwhile the entry that fired loses its sign (the CLI, another
    // window): the warning is no longer active, so the engine refuses.
    let other = Store::open(&path).unwrap();
    let before = other.outcomes().unwrap();
    let mut entry = other.checkin(pop_day(), Leg::Left).unwrap().unwrap();
    entry.symptoms.remove(Symptom::Pop);
    other.save_checkin(&entry).unwrap();
    code(&mut app, KeyCode::Enter);
    let Some(Modal::OutcomeForm(form)) = &app.modal else {
        panic!("the form stays open: {:?}", app.modal)
    };
    let error = form
        .error
        .clone()
        .unwrap_or_else(|| panic!("the refusal is shown in the form"));
    assert!(error.contains("rule"), "{error}");
    assert!(screen(&app).contains("✗ rule"), "{}", screen(&app));
    assert!(status(&app).starts_with("✗ Outcome not recorded"), "{}", status(&app));
    assert_eq!(other.outcomes().unwrap(), before, "nothing was written");
    // Esc cancels: back to the list, still nothing written.
    code(&mut app, KeyCode::Esc);
    assert!(matches!(app.modal, Some(Modal::WarningList { .. })));
    assert_eq!(other.outcomes().unwrap(), before);
}

#[test]
fn marking_a_paused_exercise_done_asks_and_says_it_was_paused() {
    let mut app = open(warning_store());
    code(&mut app, KeyCode::F(2));
    let paused = soleus::ui::tabs::checklist::rows(&app.data, today())
        .iter()
        .position(|r| r.done.is_none() && soleus::clinical::paused_by(r.exercise, &app.data.assessment.flags).is_some())
        .unwrap_or_else(|| panic!("the rupture warning pauses an exercise not done today"));
    for _ in 0..paused {
        code(&mut app, KeyCode::Down);
    }
    let id = soleus::ui::tabs::checklist::rows(&app.data, today())[paused]
        .exercise
        .id
        .clone();
    let done = |app: &App| {
        soleus::ui::tabs::checklist::rows(&app.data, today())
            .iter()
            .any(|r| r.exercise.id == id && r.done.is_some())
    };
    assert!(screen(&app).contains("paused: "), "{}", screen(&app));
    code(&mut app, KeyCode::Char(' '));
    let Some(Modal::Confirm { question, .. }) = &app.modal else {
        panic!("marking a paused exercise asks first: {:?}", app.modal)
    };
    assert!(question.contains("paused"), "{question}");
    code(&mut app, KeyCode::Char('n'));
    assert!(!done(&app), "no writes nothing");
    assert_eq!(status(&app), "Nothing changed");
    code(&mut app, KeyCode::Char('3'));
    assert!(
        matches!(app.modal, Some(Modal::Confirm { .. })),
        "a pain score asks too"
    );
    code(&mut app, KeyCode::Char('y'));
    assert!(done(&app), "yes writes");
    assert!(
        status(&app).contains("paused by the left calf rupture warning"),
        "{}",
        status(&app)
    );
    // Already done: unticking asks nothing.
    code(&mut app, KeyCode::Char(' '));
    assert!(app.modal.is_none());
    assert!(!done(&app));
}

#[test]
fn the_running_pain_hint_shows_only_with_a_run_and_no_running_pain() {
    let hint = "you ran: how much did it hurt?";
    let mut app = open(profile_store());
    app.form.focus = 2;
    assert!(!screen(&app).contains(hint), "no run, no hint");
    app.form.focus = 0;
    typed(&mut app, "2");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "3");
    // The run distance.
    app.form.focus = FIELD_COUNT - 4;
    typed(&mut app, "5");
    app.form.focus = 2;
    assert!(screen(&app).contains(hint), "{}", screen(&app));
    // A hint, not an error: the save works and the light then asks.
    ctrl(&mut app, 's');
    assert!(status(&app).starts_with("✓ Saved"), "{}", status(&app));
    assert!(screen(&app).contains(hint), "still missing after the save");
    // Saved with a run and no running pain: its row now comes first.
    app.form.focus = 0;
    typed(&mut app, "2");
    assert!(!screen(&app).contains(hint), "{}", screen(&app));
}

#[test]
fn a_twice_daily_exercise_takes_two_sessions_and_records_the_planned_sets() {
    let store = demo_store();
    let drops = soleus::domain::Catalogue::builtin()
        .get("eccentric-drop-straight")
        .cloned()
        .unwrap();
    store
        .save_plan_entry(
            &soleus::domain::PlanEntry {
                exercise: drops.id.clone(),
                dose: drops.dose.clone(),
                active: true,
                per_day: drops.per_day,
            },
            today(),
        )
        .unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::F(2));
    app.checklist.selected.select(drops.id.clone());
    let row = |app: &App| {
        screen(app)
            .lines()
            .find(|l| l.contains("Eccentric heel drop, knee straight"))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(row(&app).contains("0/2"), "{}", row(&app));
    code(&mut app, KeyCode::Char(' '));
    assert!(row(&app).contains("1/2"), "{}", row(&app));
    assert!(
        screen(&app).contains("done today, 3 sets (session 1 of 2)"),
        "{}",
        screen(&app)
    );
    let done = |app: &App| app.data.day.iter().find(|c| c.exercise == drops.id).cloned();
    assert_eq!(done(&app).map(|c| (c.sets, c.sessions)), Some((Some(3), 1)));
    typed(&mut app, "2");
    code(&mut app, KeyCode::Char(' '));
    assert!(row(&app).contains("2/2"), "{}", row(&app));
    assert_eq!(
        done(&app).map(|c| (c.sessions, c.pain.map(|p| p.value()))),
        Some((2, Some(2))),
        "the pain score stays with the second session"
    );
    code(&mut app, KeyCode::Char(' '));
    assert!(row(&app).contains("0/2"), "{}", row(&app));
    code(&mut app, KeyCode::Char('u'));
    assert_eq!(done(&app).map(|c| c.sessions), Some(2), "u puts both sessions back");
}

/// The demo journal with `id` in the plan, on the Checklist, its guided
/// session started with `g`.
fn guided(id: &str) -> App {
    let store = demo_store();
    let exercise = soleus::domain::Catalogue::builtin().get(id).cloned().unwrap();
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
    let mut app = open(store);
    code(&mut app, KeyCode::F(2));
    app.checklist.selected.select(exercise.id.clone());
    code(&mut app, KeyCode::Char('g'));
    assert!(matches!(app.modal, Some(Modal::Session(_))), "{}", screen(&app));
    assert!(screen(&app).contains("GET READY 0:05"), "{}", screen(&app));
    // Space skips the get-ready countdown (tests/it/daily_loop.rs times it).
    code(&mut app, KeyCode::Char(' '));
    app
}

fn tick(app: &mut App, seconds: u32) {
    for _ in 0..seconds * 4 {
        update(app, Action::Tick(250));
    }
}

#[test]
fn the_guided_session_times_holds_and_rests_pauses_and_records_the_sets() {
    // "5 holds of 30-45 s": 30 s holds, 60 s rests.
    let mut app = guided("isometric-hold-seated");
    assert!(app.wants_ticks());
    let text = screen(&app);
    assert!(text.contains("Seated isometric hold (soleus) · set 1 of 5"), "{text}");
    assert!(text.contains("HOLD 0:30"), "{text}");
    tick(&mut app, 10);
    assert!(screen(&app).contains("HOLD 0:20"), "{}", screen(&app));
    // Paused: ticks change nothing, and the shell stops sending them.
    code(&mut app, KeyCode::Char('p'));
    assert!(!app.wants_ticks());
    tick(&mut app, 30);
    assert!(
        screen(&app).contains("HOLD 0:20") && screen(&app).contains("PAUSED"),
        "{}",
        screen(&app)
    );
    code(&mut app, KeyCode::Char('p'));
    // A resize in the middle: the timer goes on where it was.
    send_resize(&mut app, 80, 24);
    tick(&mut app, 20);
    let text = screen(&app);
    assert!(text.contains("REST 1:00") && text.contains("set 1 of 5"), "{text}");
    tick(&mut app, 59);
    assert!(screen(&app).contains("REST 0:01"), "{}", screen(&app));
    tick(&mut app, 1);
    assert!(
        screen(&app).contains("set 2 of 5") && screen(&app).contains("HOLD 0:30"),
        "{}",
        screen(&app)
    );
    // Space skips a rest; Esc stops early with the sets finished so far.
    tick(&mut app, 30);
    code(&mut app, KeyCode::Char(' '));
    assert!(screen(&app).contains("set 3 of 5"), "{}", screen(&app));
    code(&mut app, KeyCode::Esc);
    assert!(!app.wants_ticks());
    let text = screen(&app);
    assert!(text.contains("2 of 5 sets done"), "{text}");
    typed(&mut app, "3");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.modal, None);
    let done = app
        .data
        .day
        .iter()
        .find(|c| c.exercise == "isometric-hold-seated")
        .cloned()
        .unwrap();
    assert_eq!(
        (done.sets, done.pain.map(|p| p.value()), done.sessions),
        (Some(2), Some(3), 1)
    );
    assert!(
        screen(&app).contains("✓ Seated isometric hold (soleus): 2 of 5 sets done, pain during 3/10"),
        "{}",
        screen(&app)
    );
    code(&mut app, KeyCode::Char('u'));
    assert!(
        !app.data.day.iter().any(|c| c.exercise == "isometric-hold-seated"),
        "u undoes it"
    );
}

#[test]
fn the_guided_session_counts_reps_with_a_tempo_cue_for_eccentric_drops() {
    let mut app = guided("eccentric-drop-straight");
    let text = screen(&app);
    assert!(
        text.contains("REP 0 of 15") && text.contains("UP on both feet"),
        "{text}"
    );
    assert!(text.contains("session 1 of 2"), "{text}");
    tick(&mut app, 2);
    assert!(
        screen(&app).contains("DOWN slowly on one leg… 0:02"),
        "{}",
        screen(&app)
    );
    for _ in 0..15 {
        code(&mut app, KeyCode::Char(' '));
    }
    assert!(screen(&app).contains("REST 1:00"), "{}", screen(&app));
    tick(&mut app, 60);
    for _ in 0..2 {
        code(&mut app, KeyCode::Enter); // end sets 2 and 3 early
        code(&mut app, KeyCode::Char(' '));
    }
    assert!(screen(&app).contains("3 of 3 sets done"), "{}", screen(&app));
    code(&mut app, KeyCode::Enter);
    let done = app
        .data
        .day
        .iter()
        .find(|c| c.exercise == "eccentric-drop-straight")
        .cloned()
        .unwrap();
    assert_eq!((done.sets, done.sessions), (Some(3), 1));
    // The second session of the day is the second one recorded.
    code(&mut app, KeyCode::Char('g'));
    assert!(screen(&app).contains("session 2 of 2"), "{}", screen(&app));
}

#[test]
fn g_on_an_exercise_without_sets_says_why_not() {
    let mut app = on_tab(Tab::Checklist);
    let walk = app
        .data
        .plan
        .iter()
        .find(|p| p.active && soleus::domain::DoseShape::read(&p.dose).is_none())
        .cloned();
    let Some(walk) = walk else { return };
    app.checklist.selected.select(walk.exercise.clone());
    code(&mut app, KeyCode::Char('g'));
    assert_eq!(app.modal, None);
    assert!(
        screen(&app).contains("the dose has no sets of reps or holds to time"),
        "{}",
        screen(&app)
    );
}

#[test]
fn a_physios_exercise_and_a_new_dose_from_the_app() {
    let mut app = on_tab(Tab::Checklist);
    code(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.modal, Some(Modal::ExerciseForm(_))));
    // Every printable key is text here: q, digits and space do not escape.
    typed(&mut app, "Banded ankle eversion");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "strength");
    code(&mut app, KeyCode::Tab);
    typed(&mut app, "7");
    code(&mut app, KeyCode::Enter);
    assert!(
        screen(&app).contains("✗ phase: expected a whole number from 1 to 5"),
        "{}",
        screen(&app)
    );
    code(&mut app, KeyCode::Backspace);
    typed(&mut app, "2,3");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "3");
    code(&mut app, KeyCode::Down);
    typed(&mut app, "12");
    for _ in 0..3 {
        code(&mut app, KeyCode::Down);
    }
    typed(&mut app, "Loop a band round the forefoot; turn the sole out.");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.modal, None, "{}", screen(&app));
    assert!(
        screen(&app).contains("✓ Added Banded ankle eversion (3 x 12) to the catalogue and your plan"),
        "{}",
        screen(&app)
    );
    let exercise = app.data.catalogue.get("banded-ankle-eversion").cloned().unwrap();
    assert_eq!(exercise.tags, vec![soleus::domain::ExerciseTag::Strength]);
    assert!(app.data.active_exercises().contains(&"banded-ankle-eversion"));

    // Its dose: 4 sets, twice a day, from today.
    app.checklist.selected.select("banded-ankle-eversion".to_owned());
    code(&mut app, KeyCode::Char('e'));
    code(&mut app, KeyCode::Backspace);
    typed(&mut app, "4");
    for _ in 0..3 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Backspace);
    typed(&mut app, "2");
    code(&mut app, KeyCode::Enter);
    let entry = app
        .data
        .plan
        .iter()
        .find(|p| p.exercise == "banded-ankle-eversion")
        .cloned()
        .unwrap();
    assert_eq!((entry.dose.as_str(), entry.per_day), ("4 x 12", 2));
    assert!(screen(&app).contains("0/2 Banded ankle eversion"), "{}", screen(&app));
    code(&mut app, KeyCode::Char('u'));
    let entry = app
        .data
        .plan
        .iter()
        .find(|p| p.exercise == "banded-ankle-eversion")
        .cloned()
        .unwrap();
    assert_eq!(
        (entry.dose.as_str(), entry.per_day),
        ("3 x 12", 1),
        "u puts the dose back"
    );
}

#[test]
fn a_guided_session_of_a_paused_exercise_asks_first() {
    let mut app = open(warning_store());
    code(&mut app, KeyCode::F(2));
    let rows = soleus::ui::tabs::checklist::rows(&app.data, today());
    let paused = rows
        .iter()
        .position(|r| {
            soleus::clinical::paused_by(r.exercise, &app.data.assessment.flags).is_some()
                && soleus::ui::dialogs::guided_session::Session::start(r.entry, "x", &r.exercise.tags, today(), 0)
                    .is_some()
        })
        .unwrap_or_else(|| panic!("the rupture warning pauses a timed exercise"));
    for _ in 0..paused {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Char('g'));
    let Some(Modal::Confirm { question, .. }) = &app.modal else {
        panic!("a paused exercise asks before its session: {:?}", app.modal)
    };
    assert!(question.contains("paused"), "{question}");
    code(&mut app, KeyCode::Char('n'));
    assert!(app.modal.is_none());
    code(&mut app, KeyCode::Char('g'));
    code(&mut app, KeyCode::Char('y'));
    assert!(matches!(app.modal, Some(Modal::Session(_))), "{:?}", app.modal);
}

// ---- Clinical engine v3 in the app (issue 18) ----

/// The screen at `width`×`height` as plain text, one line per row.
fn screen_at(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .chunks(usize::from(width))
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>().trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text inside the panels' borders, words joined by single spaces:
/// a question wrapped over several rows reads as one sentence again.
fn words_of(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_matches(|c: char| ('\u{2500}'..='\u{257f}').contains(&c) || c == '▸' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn at_80x24_every_field_of_the_form_is_reached_and_each_sign_asks_its_whole_v3_question() {
    let mut app = open(demo_store());
    send_resize(&mut app, 80, 24);
    for s in [
        Symptom::Gap,
        Symptom::DarkUrine,
        Symptom::BackBladder,
        Symptom::VeryUnwell,
    ] {
        assert!(Symptom::ALL.contains(&s), "{} is on the form", s.name());
    }
    for index in 0..FIELD_COUNT {
        assert_eq!(app.form.focus, index);
        let text = screen_at(&app, 80, 24);
        assert_eq!(
            text.matches('▸').count(),
            1,
            "field {index}: the focused row is in view\n{text}"
        );
        if let soleus::ui::tabs::checkin::Field::Symptom(s) = soleus::ui::tabs::checkin::field(index) {
            let words = words_of(&text);
            assert!(
                words.contains(&format!("{} ({})", s.question(), s.name())),
                "field {index}: the whole question of {} under the form\n{text}",
                s.name()
            );
            // Space ticks it, and the row says so.
            code(&mut app, KeyCode::Char(' '));
            assert!(app.form.symptoms().contains(s));
            assert!(screen_at(&app, 80, 24).contains("▸ [x]"), "{}", s.name());
            code(&mut app, KeyCode::Char(' '));
        }
        code(&mut app, KeyCode::Down);
    }
    assert_eq!(app.form.focus, FIELD_COUNT - 1, "the note is the last field");
    // PgUp goes back up a page at a time to the first field.
    for _ in 0..FIELD_COUNT {
        code(&mut app, KeyCode::PageUp);
    }
    assert_eq!(app.form.focus, 0);
    // A question too long for its row is cut at a word, with "…".
    app.form.focus = 5 + Symptom::ALL.iter().position(|s| *s == Symptom::Swelling).unwrap();
    let text = screen_at(&app, 80, 24);
    assert!(
        text.lines()
            .any(|l| l.contains("[ ] Numbness, tingling") && l.contains('…')),
        "{text}"
    );
}

#[test]
fn first_run_asks_the_v3_profile_facts_and_the_usual_weekly_distance() {
    let mut app = open(Store::open_in_memory().unwrap());
    send_resize(&mut app, 80, 24);
    let text = screen_at(&app, 80, 24);
    for label in [
        "Injured leg",
        "Injury date",
        "Ever had a DVT or a clot on the lung?",
        "Active cancer, or treatment in 6 months?",
        "Pill, HRT, pregnancy or a clot disorder?",
        "Taking a blood thinner?",
        "Usual weekly running before (optional)",
        "does not diagnose",
    ] {
        assert!(text.contains(label), "{label}\n{text}");
    }
    for _ in 0..4 {
        code(&mut app, KeyCode::Down);
    }
    // The focused row's whole question is written out.
    assert!(
        words_of(&screen_at(&app, 80, 24)).contains("did you give birth in the last 6 weeks"),
        "{}",
        screen_at(&app, 80, 24)
    );
    code(&mut app, KeyCode::Char(' ')); // other clot risk: yes
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Right); // blood thinners: yes
    code(&mut app, KeyCode::Down);
    typed(&mut app, "3o");
    code(&mut app, KeyCode::Enter);
    assert!(app.setup.is_some(), "a distance that is not a number is refused");
    assert!(
        screen_at(&app, 80, 24).contains("✗ baseline_km"),
        "{}",
        screen_at(&app, 80, 24)
    );
    code(&mut app, KeyCode::Backspace);
    typed(&mut app, "0");
    code(&mut app, KeyCode::Enter);
    assert!(app.setup.is_none(), "{}", screen(&app));
    let profile = app.data.profile.clone().unwrap();
    assert_eq!(profile.baseline_km, Some(30.0));
    assert!(!profile.clot_history && !profile.cancer);
    // Read back from the journal: needs the store's v3 profile columns.
    assert!(profile.clot_risk && profile.blood_thinners, "{profile:?}");
}

/// The demo journal with a pop felt in the left calf two days ago and
/// "worried" ticked today: an urgent `rupture` and a soon `worried`
/// warning on that calf.
fn two_warning_store() -> Store {
    let store = warning_store();
    let mut entry = store
        .checkin(today(), Leg::Left)
        .unwrap()
        .unwrap_or_else(|| soleus::domain::CheckIn::new(today(), Leg::Left, Default::default(), Default::default()));
    entry.symptoms.insert(Symptom::Worried);
    store.save_checkin(&entry).unwrap();
    store
}

#[allow(clippy::panic)] // a test helper: the wrong dialog stops the test
fn form_of(app: &App) -> &soleus::ui::dialogs::outcome_form::OutcomeForm {
    match &app.modal {
        Some(Modal::OutcomeForm(form)) => form,
        other => panic!("the outcome form: {other:?}"),
    }
}

#[test]
fn not_seen_for_an_urgent_warning_asks_first_and_writes_nothing_until_yes() {
    let (double, _) = Double::new(warning_store());
    let store = double.store.clone();
    let mut app = open(double);
    let before = store.outcomes().unwrap();
    code(&mut app, KeyCode::Char('w'));
    select_warning(&mut app, RuleId::Rupture);
    code(&mut app, KeyCode::Char('o'));
    code(&mut app, KeyCode::Left); // from nothing back to the last: not-seen
    assert_eq!(form_of(&app).result, Some(soleus::domain::OutcomeResult::NotSeen));
    for no in [KeyCode::Char('n'), KeyCode::Esc, KeyCode::Char('x')] {
        code(&mut app, KeyCode::Enter);
        assert!(form_of(&app).confirming);
        let text = screen_at(&app, 80, 24);
        assert!(
            words_of(&text).contains(soleus::clinical::NOT_SEEN_CLOSE),
            "the sentence is shown before anything is written\n{text}"
        );
        assert_eq!(store.outcomes().unwrap(), before, "nothing written while asking");
        code(&mut app, no);
        if no == KeyCode::Char('x') {
            // Not an answer: the question stays.
            assert!(form_of(&app).confirming);
            code(&mut app, KeyCode::Char('n'));
        }
        assert!(!form_of(&app).confirming, "{no:?} goes back to the form");
        assert_eq!(store.outcomes().unwrap(), before, "{no:?} writes nothing");
        assert!(rupture_open(&app));
    }
    assert!(status(&app).contains("Nothing recorded"), "{}", status(&app));
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Char('y'));
    assert!(matches!(app.modal, Some(Modal::WarningList { .. })), "{:?}", app.modal);
    let after = store.outcomes().unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        after
            .iter()
            .any(|o| o.rule == "rupture" && o.result == soleus::domain::OutcomeResult::NotSeen)
    );
    assert!(
        status(&app).starts_with("✓ Closed the left calf rupture warning: not-seen"),
        "{}",
        status(&app)
    );
}

#[test]
fn not_seen_for_a_soon_warning_is_written_without_the_question() {
    let (double, _) = Double::new(two_warning_store());
    let store = double.store.clone();
    let mut app = open(double);
    code(&mut app, KeyCode::Char('w'));
    select_warning(&mut app, RuleId::Worried);
    code(&mut app, KeyCode::Char('o'));
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.modal, Some(Modal::WarningList { .. })), "{:?}", app.modal);
    assert!(store.outcomes().unwrap().iter().any(|o| o.rule == "worried"));
}

#[test]
fn one_visit_for_all_open_warnings_of_this_calf_is_one_write_and_one_undo() {
    let (double, _) = Double::new(two_warning_store());
    let store = double.store.clone();
    let mut app = open(double);
    let left: Vec<RuleId> = app
        .data
        .assessment
        .flags
        .iter()
        .filter(|f| f.leg == Leg::Left)
        .map(|f| f.rule)
        .collect();
    assert!(
        left.len() >= 2 && left.contains(&RuleId::Rupture) && left.contains(&RuleId::Worried),
        "{left:?}"
    );
    let before = store.outcomes().unwrap();
    code(&mut app, KeyCode::Char('w'));
    select_warning(&mut app, RuleId::Worried);
    code(&mut app, KeyCode::Char('o'));
    code(&mut app, KeyCode::Right); // cleared
    code(&mut app, KeyCode::Down);
    let text = screen_at(&app, 80, 24);
    assert!(text.contains(&format!("{} open on this calf", left.len())), "{text}");
    code(&mut app, KeyCode::Right);
    assert!(form_of(&app).all);
    let text = screen_at(&app, 80, 24);
    assert!(
        text.contains(&format!("all open warnings of this calf ({})", left.len())),
        "{text}"
    );
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    typed(&mut app, "Physio");
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.modal, Some(Modal::WarningList { .. })), "{:?}", app.modal);
    let after = store.outcomes().unwrap();
    let written: Vec<_> = after.iter().filter(|o| !before.contains(o)).collect();
    assert_eq!(written.len(), left.len(), "{written:?}");
    assert!(written.iter().all(|o| o.leg == Leg::Left
        && o.date == today()
        && o.result == soleus::domain::OutcomeResult::Cleared
        && o.note.as_deref() == Some("Physio")));
    assert!(
        status(&app).starts_with(&format!("✓ Closed {} warnings of the left calf (", left.len())),
        "{}",
        status(&app)
    );
    assert!(status(&app).ends_with("u undoes"), "{}", status(&app));
    assert!(app.data.assessment.flags.iter().all(|f| f.leg != Leg::Left));
    // One u takes the whole visit back.
    code(&mut app, KeyCode::Char('u'));
    assert!(status(&app).starts_with("↶ Undone: Closed"), "{}", status(&app));
    assert_eq!(store.outcomes().unwrap(), before);
    assert!(rupture_open(&app));
}

#[test]
fn all_open_warnings_with_an_urgent_one_among_them_asks_before_not_seen() {
    let (double, _) = Double::new(two_warning_store());
    let store = double.store.clone();
    let mut app = open(double);
    let before = store.outcomes().unwrap();
    code(&mut app, KeyCode::Char('w'));
    select_warning(&mut app, RuleId::Worried); // soon itself
    code(&mut app, KeyCode::Char('o'));
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Enter);
    assert!(form_of(&app).confirming, "rupture among them is urgent");
    assert!(words_of(&screen_at(&app, 80, 24)).contains(soleus::clinical::NOT_SEEN_CLOSE));
    code(&mut app, KeyCode::Esc);
    assert_eq!(store.outcomes().unwrap(), before);
}

#[test]
fn a_warning_on_both_calves_with_the_same_title_is_one_panel_line() {
    let mut app = open(demo_store());
    let title = "Calf signs that can come with a blood clot";
    app.data.assessment.flags = vec![
        flag(
            RuleId::Dvt,
            Level::Urgent,
            Leg::Left,
            today(),
            title,
            "See a doctor today.",
        ),
        flag(
            RuleId::Dvt,
            Level::Urgent,
            Leg::Right,
            yesterday(),
            title,
            "See a doctor today.",
        ),
        flag(
            RuleId::Bruising,
            Level::Soon,
            Leg::Right,
            today(),
            "Bruising",
            "Book a clinician.",
        ),
    ];
    let text = screen_at(&app, 80, 24);
    assert_eq!(text.matches("Calf signs that can com").count(), 1, "{text}");
    assert!(
        words_of(&text).contains("both calves · since 20 Nov, not yet seen"),
        "{text}"
    );
    assert!(text.contains("Warnings · 3 active"), "{text}");
    // The list keeps one row a calf: each has its own outcome.
    code(&mut app, KeyCode::Char('w'));
    let text = screen(&app);
    assert_eq!(text.matches(title).count(), 2, "{text}");
}

#[test]
fn a_long_status_wraps_instead_of_being_cut() {
    let mut app = open(demo_store());
    let end = "record today's check-in.";
    app.apply(soleus::ui::app::Effect::info(format!(
        "✓ Saved left calf for 2026-11-11 · this entry of 2026-11-11 shows bruising; that warning is no longer open today: if the signs are still there, {end}"
    )));
    let text = screen_at(&app, 80, 24);
    assert!(words_of(&text).contains(end), "{text}");
}

/// A bruise on the left calf ten days ago, cleared by a clinician that
/// day.
fn cleared_bruise_store() -> (Store, chrono::NaiveDate) {
    let store = demo_store();
    let day = today().checked_sub_days(Days::new(10)).unwrap();
    let mut entry = store
        .checkin(day, Leg::Left)
        .unwrap()
        .unwrap_or_else(|| soleus::domain::CheckIn::new(day, Leg::Left, Default::default(), Default::default()));
    entry.symptoms.insert(Symptom::Bruising);
    store.save_checkin(&entry).unwrap();
    soleus::service::apply(
        &store,
        &soleus::service::Change::Outcome {
            rule: RuleId::Bruising,
            leg: Leg::Left,
            result: soleus::domain::OutcomeResult::Cleared,
            date: day,
            note: None,
        },
        day,
    )
    .unwrap();
    (store, day)
}

/// Expected to pass once the v3 engine's `stale_firings` lands.
#[test]
fn a_back_dated_save_says_which_warning_it_fires_that_is_no_longer_open() {
    let (store, day) = cleared_bruise_store();
    let mut app = open(store);
    for _ in 0..10 {
        code(&mut app, KeyCode::Char('['));
    }
    assert_eq!(app.form.date, day);
    app.form.focus = 0;
    code(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    let said = status(&app);
    assert!(said.starts_with(&format!("✓ Saved left calf for {day}")), "{said}");
    assert!(
        said.contains(&format!("this entry of {day} shows")) && said.contains("that warning is no longer open today"),
        "{said}"
    );
    assert!(
        words_of(&screen_at(&app, 80, 24)).contains("record today's check-in."),
        "the whole line shows"
    );
}

#[test]
fn a_back_dated_save_of_an_entry_without_signs_says_only_that_it_saved() {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('['));
    app.form.focus = 0;
    code(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    assert!(!status(&app).contains("no longer open"), "{}", status(&app));
    assert!(
        status(&app).starts_with(&format!("✓ Saved left calf for {}", yesterday())),
        "{}",
        status(&app)
    );
}

/// Saves the left calf's pain at rest and walking for `day`, as if it were
/// today; says whether the acknowledgement modal came up (and acknowledges
/// it).
fn save_day(app: &mut App, day: chrono::NaiveDate, pain: u8) -> bool {
    app.today = day;
    app.reload().unwrap();
    app.form = soleus::ui::tabs::checkin::CheckinForm::load(day, Leg::Left, None);
    typed(app, &pain.to_string());
    code(app, KeyCode::Down);
    typed(app, &pain.to_string());
    ctrl(app, 's');
    let alarmed = matches!(app.modal, Some(Modal::Alarm(_)));
    while matches!(app.modal, Some(Modal::Alarm(_))) {
        code(app, KeyCode::Char('a'));
    }
    alarmed
}

/// Issue 18, case 10: a clot-history runner cleared by a scan, whose pain
/// then moves between 0 and 2 (never above the day that was assessed) for
/// 28 days, sees the acknowledgement modal once, on the first day, and
/// never again for the same ache. Expected to pass once the v3 engine
/// lands (v2 re-warned on 10 of 28 days).
#[test]
fn the_same_ache_after_a_clinician_cleared_it_never_raises_the_modal_again() {
    let store = Store::open_in_memory().unwrap();
    store
        .save_profile(&soleus::domain::Profile {
            leg: soleus::domain::InjuredLeg::Left,
            clot_history: true,
            ..Default::default()
        })
        .unwrap();
    let (double, _) = Double::new(store);
    let journal = double.store.clone();
    let start = today().checked_sub_days(Days::new(28)).unwrap();
    let mut app = soleus::ui::app::App::new(Box::new(double), start, now()).unwrap();
    assert!(save_day(&mut app, start, 2), "the first day's warning raises the modal");
    soleus::service::apply(
        &journal,
        &soleus::service::Change::Outcome {
            rule: RuleId::Dvt,
            leg: Leg::Left,
            result: soleus::domain::OutcomeResult::Cleared,
            date: start,
            note: Some("scan negative".into()),
        },
        start,
    )
    .unwrap();
    let pains = [
        1u8, 0, 2, 1, 0, 0, 1, 2, 0, 1, 1, 0, 2, 0, 0, 0, 1, 2, 1, 0, 1, 0, 0, 2, 1, 1, 0, 1,
    ];
    let mut modals = Vec::new();
    for (i, pain) in pains.iter().enumerate() {
        let day = start.checked_add_days(Days::new(i as u64 + 1)).unwrap();
        if save_day(&mut app, day, *pain) {
            modals.push(day);
        }
    }
    assert!(
        modals.is_empty(),
        "the modal came back on {} of 28 days: {modals:?}",
        modals.len()
    );
}

#[test]
fn copy_yesterday_on_a_day_without_a_run_saves_no_running_pain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let store = ready_store_at(&path);
    let score = |n| soleus::domain::Score::new("", n).unwrap();
    let mut before = soleus::domain::CheckIn::new(yesterday(), Leg::Left, score(2), score(3));
    before.pain_run = Some(score(2));
    before.run_km = Some(5.0);
    before.run_min = Some(31);
    before.cross_min = Some(40);
    before.morning = Some(score(1));
    store.save_checkin(&before).unwrap();
    let mut app = open(store);
    code(&mut app, KeyCode::Char('y'));
    ctrl(&mut app, 's');
    assert!(screen(&app).contains("✓ Saved left calf"), "{}", screen(&app));
    let saved = Store::open(&path)
        .unwrap()
        .checkin(today(), Leg::Left)
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.pain_rest, saved.pain_walk, saved.morning),
        (score(2), score(3), Some(score(1)))
    );
    assert_eq!(saved.pain_run, None, "no \"Pain running\" on a day without a run");
    assert_eq!((saved.run_km, saved.run_min, saved.cross_min), (None, None, None));
}

/// Moves the History selection to the check-in of `date` and `leg`.
fn select_on_history(app: &mut App, date: chrono::NaiveDate, leg: Leg) {
    let row = app
        .data
        .checkins()
        .iter()
        .rev()
        .position(|c| c.date == date && c.leg == leg)
        .unwrap();
    code(app, KeyCode::Home);
    for _ in 0..row {
        code(app, KeyCode::Down);
    }
}

fn question(app: &App) -> String {
    match &app.modal {
        Some(Modal::Confirm { question, .. }) => question.clone(),
        other => format!("no confirmation: {other:?}"),
    }
}

#[test]
fn deleting_the_entry_that_opened_a_warning_names_the_warning_first() {
    let mut app = open(warning_store());
    app.tab = Tab::History;
    app.reload().unwrap();
    select_on_history(&mut app, pop_day(), Leg::Left);
    code(&mut app, KeyCode::Char('d'));
    let asked = question(&app);
    let since = pop_day().format("%-d %b %Y").to_string();
    assert!(
        asked.contains(&format!(
            "This also removes the URGENT rupture warning of the left calf open since {since}."
        )),
        "{asked}"
    );
    code(&mut app, KeyCode::Char('n'));
    assert_eq!(app.modal, None);
}

/// The app on the warning journal with the entry of the pop day opened
/// from History and its `pop` sign (the sign that opened its rupture
/// warning) unticked, unsaved.
fn the_pop_entry_with_pop_unticked() -> App {
    let mut app = open(warning_store());
    app.tab = Tab::History;
    app.reload().unwrap();
    select_on_history(&mut app, pop_day(), Leg::Left);
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.form.date, pop_day());
    let pop = FIELD_COUNT - 5 - soleus::domain::Symptom::ALL.len()
        + soleus::domain::Symptom::ALL
            .iter()
            .position(|s| *s == Symptom::Pop)
            .unwrap();
    app.form.focus = pop;
    code(&mut app, KeyCode::Char(' '));
    app
}

/// The unsaved-changes dialog's `s` asks first too, as `Ctrl-s` does, when
/// the save would take away an open warning (before: saved at once).
#[test]
fn saving_from_the_unsaved_changes_dialog_asks_about_the_warning_it_removes() {
    let mut app = the_pop_entry_with_pop_unticked();
    code(&mut app, KeyCode::F(2));
    assert!(matches!(app.modal, Some(Modal::Unsaved(_))), "{:?}", app.modal);
    code(&mut app, KeyCode::Char('s'));
    let asked = question(&app);
    assert!(
        asked.contains("This also removes the URGENT rupture warning"),
        "{asked}"
    );
    code(&mut app, KeyCode::Char('n'));
    assert!(app.form.is_dirty(), "nothing saved");
    assert!(app.data.assessment.flags.iter().any(|f| f.rule == RuleId::Rupture));
    code(&mut app, KeyCode::F(2));
    code(&mut app, KeyCode::Char('s'));
    code(&mut app, KeyCode::Char('y'));
    assert!(
        !app.data.assessment.flags.iter().any(|f| f.rule == RuleId::Rupture),
        "saved: the warning went with the sign"
    );
    assert_eq!(app.tab, Tab::Checklist, "and then went where F2 asked");
}

#[test]
fn saving_the_entry_without_its_signs_asks_and_names_the_warning() {
    let mut app = the_pop_entry_with_pop_unticked();
    assert!(!app.form.symptoms().contains(Symptom::Pop));
    ctrl(&mut app, 's');
    let asked = question(&app);
    assert!(
        asked.starts_with(&format!("Save the left calf check-in of {}?", pop_day())),
        "{asked}"
    );
    assert!(
        asked.contains("This also removes the URGENT rupture warning"),
        "{asked}"
    );
    code(&mut app, KeyCode::Char('n'));
    assert!(app.form.is_dirty(), "nothing saved");
    ctrl(&mut app, 's');
    code(&mut app, KeyCode::Char('y'));
    assert!(
        !app.data.assessment.flags.iter().any(|f| f.rule == RuleId::Rupture),
        "saved: the warning went with the sign"
    );
}
