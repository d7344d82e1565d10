//! The heel-raise test popup of the Checklist tab: which test, which leg
//! and how many reps, dated the app's today, the same record the CLI's
//! `soleus test` writes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::domain::{CapacityTest, Leg, MAX_REPS, TestKind};

use super::app::{App, Modal, Tone};
use super::keys::{self, Command};
use super::theme::Meaning;

/// At most this many digits: enough to type a number past the limit and
/// be told so, never enough to overflow.
const MAX_DIGITS: usize = 4;

/// The popup's state while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestForm {
    pub test: TestKind,
    pub leg: Leg,
    /// The reps as typed: digits only.
    pub reps: String,
    /// Why the last Enter saved nothing.
    pub error: Option<String>,
}

impl TestForm {
    pub fn new(leg: Leg) -> TestForm {
        TestForm {
            test: TestKind::HeelRaiseStraight,
            leg,
            reps: String::new(),
            error: None,
        }
    }
}

/// Opens the popup on the injured leg (the form's default).
pub fn open(app: &mut App) {
    app.modal = Some(Modal::Test(TestForm::new(app.data.default_leg())));
}

/// Keys in the popup; the modal was taken out of `app`. Returns what to
/// put back (`None` closes it).
pub fn on_popup(app: &mut App, mut form: TestForm, command: Command, key: crossterm::event::KeyEvent) -> Option<Modal> {
    match command {
        Command::ChoiceNext => {
            form.test = match form.test {
                TestKind::HeelRaiseStraight => TestKind::HeelRaiseBent,
                TestKind::HeelRaiseBent => TestKind::HeelRaiseStraight,
            };
        }
        Command::SwitchLeg => form.leg = form.leg.other(),
        Command::Type => {
            if let Some(d) = keys::digit(key)
                && form.reps.len() < MAX_DIGITS
            {
                form.reps.push(char::from(b'0' + d));
            }
        }
        Command::DeleteBack => {
            form.reps.pop();
        }
        Command::Save => return save(app, form),
        Command::Cancel => {
            app.say(Tone::Info, "No test recorded");
            return None;
        }
        _ => {}
    }
    Some(Modal::Test(form))
}

/// Validates and stores the test; on any error the popup stays open with
/// the reason.
fn save(app: &mut App, mut form: TestForm) -> Option<Modal> {
    let Ok(reps) = form.reps.parse::<u32>() else {
        form.error = Some(format!("Type the reps: a whole number from 0 to {MAX_REPS}"));
        return Some(Modal::Test(form));
    };
    let test = CapacityTest {
        date: app.today,
        leg: form.leg,
        test: form.test,
        reps,
    };
    if let Err(err) = test.validate(app.today) {
        form.error = Some(err.to_string());
        return Some(Modal::Test(form));
    }
    if let Err(err) = app.storage.save_test(&test) {
        form.error = Some(format!("Not saved: {err}"));
        app.failed("Test not recorded", &err);
        return Some(Modal::Test(form));
    }
    app.reload_or_say();
    if app.status.is_none() {
        app.say(
            Tone::Success,
            format!("✓ Recorded {}, {} leg: {} reps", test.test.label(), test.leg, test.reps),
        );
    }
    None
}

/// Draws the popup.
pub fn render(frame: &mut Frame, area: Rect, app: &App, form: &TestForm) {
    let theme = app.theme;
    let popup = area.centered(Constraint::Max(60), Constraint::Max(9));
    frame.render_widget(Clear, popup);
    let choice = |on: bool, text: &str| {
        if on {
            Span::styled(format!("[{text}]"), theme.style(Meaning::Selected))
        } else {
            Span::raw(format!(" {text} "))
        }
    };
    let reps = if form.reps.is_empty() { "_" } else { form.reps.as_str() };
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Test  "),
            choice(form.test == TestKind::HeelRaiseStraight, "knee straight"),
            Span::raw(" "),
            choice(form.test == TestKind::HeelRaiseBent, "knee bent"),
        ]),
        Line::from(vec![
            Span::raw("Leg   "),
            choice(form.leg == Leg::Left, "left"),
            Span::raw(" "),
            choice(form.leg == Leg::Right, "right"),
        ]),
        Line::from(vec![
            Span::raw("Reps  "),
            Span::styled(reps.to_owned(), theme.style(Meaning::Normal)),
            Span::styled(format!("  (0–{MAX_REPS}, to fatigue)"), theme.style(Meaning::Muted)),
        ]),
        Line::raw(format!("Date  {}", app.today)),
    ];
    if let Some(error) = &form.error {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("✗ {error}"), theme.style(Meaning::Error)));
    }
    let block = theme
        .panel(" Single-leg heel-raise test ")
        .title_bottom(Line::styled(" Enter saves · Esc cancels ", theme.style(Meaning::Muted)).right_aligned());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
}
