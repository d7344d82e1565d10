#![allow(clippy::unwrap_used)]
//! The config file's part of the terminal app, applied at start through
//! `ui::apply_config`: first tab, the leg the form opens on, the theme, and
//! distances in miles on History and Trends.

use crate::kit::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use soleus::config::{Config, Location};
use soleus::domain::{CheckIn, InjuredLeg, Leg, Profile};
use soleus::store::Store;
use soleus::ui::tabs::Tab;
use soleus::ui::widgets::theme::{Meaning, Theme};

fn config(text: &str) -> Config {
    soleus::config::parse(text, std::path::Path::new("test.toml")).unwrap()
}

/// Both calves injured, a 5 km run logged on the right today.
fn store_with_a_run() -> Store {
    let store = Store::open_in_memory().unwrap();
    store
        .save_profile(&Profile {
            leg: InjuredLeg::Both,
            ..Profile::default()
        })
        .unwrap();
    let mut run = CheckIn::new(today(), Leg::Right, Default::default(), Default::default());
    run.run_km = Some(5.0);
    store.save_checkin(&run).unwrap();
    store
}

#[test]
fn apply_config_sets_up_the_app() {
    let mut app = open(store_with_a_run());
    let config = config(
        "units = \"mi\"\ndefault_leg = \"right\"\nfirst_tab = \"history\"\n[theme]\nalert_urgent = \"light-magenta\"\n",
    );
    soleus::ui::app::apply_config(&mut app, &config);
    assert_eq!(app.tab, Tab::History);
    assert_eq!(app.form.leg, Leg::Right);
    let expected = Theme::from_env().with_colours([(&Meaning::AlertUrgent, &Color::LightMagenta)]);
    assert_eq!(app.theme, expected);
    let history = screen(&app);
    let header = history.lines().find(|l| l.contains("Date")).unwrap();
    assert!(header.contains(" mi ") && !header.contains(" km "), "{header}");
    assert!(history.contains(" 3.1 "), "5 km shows as 3.1 mi:\n{history}");
}

#[test]
fn trends_show_miles() {
    let mut app = open(store_with_a_run());
    soleus::ui::app::apply_config(&mut app, &config("units = \"mi\"\nfirst_tab = \"trends\"\n"));
    assert_eq!(app.tab, Tab::Trends);
    send_resize(&mut app, 200, 60);
    app.trends.leg = Some(Leg::Right);
    code(&mut app, KeyCode::Char('r'));
    let terminal = draw(&app, 200, 60);
    let text: String = terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect();
    assert!(text.contains("mi/"), "the load bars are labelled in miles");
    assert!(text.contains("run 3.1") && text.contains("against 0.0 mi"), "{text}");
}

#[test]
fn the_defaults_change_nothing() {
    let mut app = open(store_with_a_run());
    let before_leg = app.form.leg;
    soleus::ui::app::apply_config(&mut app, &Config::default());
    assert_eq!(app.tab, Tab::CheckIn);
    assert_eq!(app.form.leg, before_leg);
    soleus::ui::app::apply_config(&mut app, &config("first_tab = \"history\""));
    let history = screen(&app);
    assert!(
        history.lines().any(|l| l.contains("Date") && l.contains(" km ")),
        "{history}"
    );
    assert!(history.contains(" 5.0 "), "{history}");
    // A missing default file is the defaults.
    let dir = tempfile::tempdir().unwrap();
    let location = Location {
        path: dir.path().join("config.toml"),
        explicit: false,
    };
    assert_eq!(location.load().unwrap(), Config::default());
}

#[test]
fn the_form_takes_miles_and_the_journal_keeps_km() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let mut app = open(ready_store_at(&path));
    soleus::ui::app::apply_config(&mut app, &config("units = \"mi\"\n"));
    // Pain at rest 1, walking 1, then down to the run distance: 5 miles.
    code(&mut app, KeyCode::Char('1'));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Char('1'));
    while app.form.focus < 5 + soleus::domain::Symptom::ALL.len() {
        code(&mut app, KeyCode::Down);
    }
    assert!(screen(&app).contains("Run distance (mi)"), "{}", screen(&app));
    typed(&mut app, "5");
    ctrl(&mut app, 's');
    assert!(screen(&app).contains("Saved"), "{}", screen(&app));
    let stored = Store::open(&path)
        .unwrap()
        .checkin(today(), Leg::Left)
        .unwrap()
        .unwrap();
    assert!((stored.run_km.unwrap() - 8.04672).abs() < 1e-9, "{:?}", stored.run_km);
    // Shown again in miles, and saving it untouched keeps the km exactly.
    assert_eq!(app.form.text(0), "5");
}

/// `week_start = "sunday"`: the app's one week starts on Sunday, on the
/// Checklist and on Trends.
#[test]
fn the_week_starts_on_the_configured_day_in_the_app() {
    let mut app = open(store_with_a_run());
    soleus::ui::app::apply_config(
        &mut app,
        &config("week_start = \"sunday\"\nfirst_tab = \"checklist\"\n"),
    );
    assert_eq!(app.tab, Tab::Checklist);
    let text = screen(&app);
    assert!(text.contains("This week (Sun–today)"), "{text}");
    code(&mut app, KeyCode::F(3));
    send_resize(&mut app, 200, 60);
    let terminal = draw(&app, 200, 60);
    let trends: String = terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect();
    assert!(
        trends.contains("This week (Sun–today) against last week (Sun–Sat)"),
        "{trends}"
    );
}
