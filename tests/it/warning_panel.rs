//! The warning panel with real warnings from the engine: an emergency, an
//! urgent warning on both calves and a soon one, open together. At 80×24
//! every emergency and urgent warning shows its level, title, "since" and
//! its whole first action sentence; at 60×20 as many as fit, whole, with the
//! key that reads the rest; below the minimum size the most urgent one's
//! level and action are the text itself.

#![allow(clippy::unwrap_used)]

use crate::kit::*;
use soleus::domain::{CheckIn, InjuredLeg, Leg, Profile, Score, Symptom};
use soleus::store::Store;
use soleus::ui::app::{Action, App, update};

const EMERGENCY_ACTION: &str =
    "Call your local emergency number (such as 112, 999 or 911) or go to an emergency department now.";
const URGENT_ACTION: &str = "See a doctor today: call your GP, an urgent care service or a health helpline and say \
                             you are worried about a blood clot in the leg (DVT); when a clot is likely, a scan is \
                             usually arranged within hours.";

fn entry(date: &str, leg: Leg, rest: i64, walk: i64, signs: &[Symptom]) -> CheckIn {
    let mut c = CheckIn::new(
        date.parse().unwrap(),
        leg,
        Score::new("pain_rest", rest).unwrap(),
        Score::new("pain_walk", walk).unwrap(),
    );
    for s in signs {
        c.symptoms.insert(*s);
    }
    c
}

/// Breathlessness with swelling and warmth in the left calf (emergency and
/// urgent), swelling and warmth in the right (urgent), and bruising in the
/// left the day before (soon).
fn three_levels() -> App {
    let store = Store::open_in_memory().unwrap();
    store
        .save_profile(&Profile {
            leg: InjuredLeg::Both,
            ..Profile::default()
        })
        .unwrap();
    use Symptom::*;
    store
        .save_checkin(&entry("2026-11-20", Leg::Left, 2, 2, &[Bruising]))
        .unwrap();
    store
        .save_checkin(&entry("2026-11-21", Leg::Left, 3, 4, &[Swelling, Warmth, Breathless]))
        .unwrap();
    store
        .save_checkin(&entry("2026-11-21", Leg::Right, 2, 3, &[Swelling, Warmth]))
        .unwrap();
    let mut app = open(store);
    app.reload().unwrap();
    app
}

fn at(app: &mut App, width: u16, height: u16) -> String {
    update(app, Action::Resize(width, height));
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The panel's text with its wrapping undone: the lines between its
/// borders, trimmed and joined with spaces.
fn panel_text(screen: &str) -> String {
    screen
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn at_80x24_every_emergency_and_urgent_warning_is_read_whole() {
    let mut app = three_levels();
    let screen = at(&mut app, 80, 24);
    let panel = panel_text(&screen);
    assert!(
        panel.contains("‼ EMERGENCY Breathlessness or chest pain with a calf problem · since 21 Nov"),
        "{screen}"
    );
    assert!(panel.contains(EMERGENCY_ACTION), "{screen}");
    assert!(
        panel.contains("! URGENT Calf signs that can come with a blood clot · both calves · since 21 Nov"),
        "{screen}"
    );
    assert!(panel.contains(URGENT_ACTION), "{screen}");
    assert!(panel.contains("• SOON Bruising"), "{screen}");
    assert!(screen.contains("w reads every warning whole"), "{screen}");
    insta::assert_snapshot!("warning_panel_three_levels_80x24", screen);
}

#[test]
fn at_60x20_the_most_urgent_come_whole_and_the_panel_names_the_key_for_the_rest() {
    let mut app = three_levels();
    let screen = at(&mut app, 60, 20);
    let panel = panel_text(&screen);
    assert!(panel.contains(EMERGENCY_ACTION), "{screen}");
    assert!(panel.contains(URGENT_ACTION), "{screen}");
    assert!(screen.contains("+1 more · w reads all"), "{screen}");
    insta::assert_snapshot!("warning_panel_three_levels_60x20", screen);
}

#[test]
fn below_the_minimum_size_the_most_urgent_action_is_the_text() {
    let mut app = three_levels();
    let screen = at(&mut app, 59, 20);
    let text = screen.lines().map(str::trim_end).collect::<Vec<_>>().join(" ");
    assert!(
        text.starts_with("‼ EMERGENCY · Breathlessness or chest pain"),
        "{screen}"
    );
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(EMERGENCY_ACTION), "{screen}");
    assert!(
        words.contains("Terminal too small: need at least 60×20, have 59×20"),
        "{screen}"
    );
}
