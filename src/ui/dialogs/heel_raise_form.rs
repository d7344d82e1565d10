//! The heel-raise test form of the Checklist tab: both legs and both knee
//! positions in one form, dated the day the Checklist shows. Counts left
//! empty are not recorded; each one typed is the same record the CLI's
//! `soleus test` writes.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::domain::{CapacityTest, Leg, MAX_REPS, TestKind};

use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::dialogs::{Modal, Reply};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::form::{push_error, row};
use crate::ui::widgets::theme::Meaning;

/// At most this many digits: enough to type a number past the limit and
/// be told so, never enough to overflow.
const MAX_DIGITS: usize = 4;

/// The four counts, in form order.
pub const FIELDS: [(Leg, TestKind); 4] = [
    (Leg::Left, TestKind::HeelRaiseStraight),
    (Leg::Left, TestKind::HeelRaiseBent),
    (Leg::Right, TestKind::HeelRaiseStraight),
    (Leg::Right, TestKind::HeelRaiseBent),
];

/// The form's state while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestForm {
    pub date: NaiveDate,
    /// The reps as typed, digits only, one per entry of [`FIELDS`].
    pub reps: [String; 4],
    pub focus: usize,
    /// Why the last Enter saved nothing.
    pub error: Option<String>,
}

impl TestForm {
    pub fn new(date: NaiveDate) -> TestForm {
        TestForm {
            date,
            reps: Default::default(),
            focus: 0,
            error: None,
        }
    }

    /// The tests typed, or why they cannot be saved (naming the count).
    pub fn tests(&self, today: NaiveDate) -> Result<Vec<CapacityTest>, String> {
        let mut tests = Vec::new();
        for (typed, (leg, test)) in self.reps.iter().zip(FIELDS) {
            if typed.is_empty() {
                continue;
            }
            let name = format!("{}, {leg} leg", test.label());
            let Ok(reps) = typed.parse::<u32>() else {
                return Err(format!("{name}: a whole number from 0 to {MAX_REPS}"));
            };
            let record = CapacityTest {
                date: self.date,
                leg,
                test,
                reps,
            };
            record.validate(today).map_err(|err| format!("{name}: {err}"))?;
            tests.push(record);
        }
        if tests.is_empty() {
            return Err(format!(
                "Type at least one count: whole reps from 0 to {MAX_REPS}; counts left empty are not recorded"
            ));
        }
        Ok(tests)
    }
}

/// Keys in the form.
pub fn on_key(mut form: TestForm, input: Input, view: &View) -> Reply {
    let field = &mut form.reps[form.focus.min(FIELDS.len() - 1)];
    match input.command {
        Command::Up => form.focus = form.focus.saturating_sub(1),
        Command::Down => form.focus = (form.focus + 1).min(FIELDS.len() - 1),
        Command::Type => {
            if let Some(d) = input.digit()
                && field.len() < MAX_DIGITS
            {
                field.push(char::from(b'0' + d));
                form.error = None;
            }
        }
        Command::DeleteBack => {
            field.pop();
        }
        Command::Save => match form.tests(view.today) {
            Ok(tests) => {
                // Short enough for an 80-column status line: straight/bent
                // per leg, "–" where nothing was recorded.
                let reps = |leg: Leg, test: TestKind| {
                    tests
                        .iter()
                        .find(|t| t.leg == leg && t.test == test)
                        .map_or("–".to_owned(), |t| t.reps.to_string())
                };
                let pair = |leg| {
                    format!(
                        "{}/{}",
                        reps(leg, TestKind::HeelRaiseStraight),
                        reps(leg, TestKind::HeelRaiseBent)
                    )
                };
                let said = format!(
                    "✓ Heel raises {} (knee straight/bent): left {}, right {}",
                    form.date,
                    pair(Leg::Left),
                    pair(Leg::Right)
                );
                // The form stays open until the write is known to have
                // worked: a failure keeps what was typed.
                return Reply::keep(Modal::Test(form)).with(Effect::write(Change::Tests(tests), said));
            }
            Err(error) => form.error = Some(error),
        },
        Command::Cancel => return Reply::close().with(Effect::info("No test recorded")),
        _ => {}
    }
    Reply::keep(Modal::Test(form))
}

fn short(test: TestKind) -> &'static str {
    match test {
        TestKind::HeelRaiseStraight => "knee straight",
        TestKind::HeelRaiseBent => "knee bent",
    }
}

/// Draws the form.
pub fn render(frame: &mut Frame, area: Rect, view: &View, form: &TestForm) {
    let theme = view.theme;
    let popup = area.centered(Constraint::Max(64), Constraint::Max(12));
    frame.render_widget(Clear, popup);
    let mut lines = vec![Line::styled(
        format!("Reps to fatigue (0–{MAX_REPS}), {} · empty = not tested", form.date),
        theme.style(Meaning::Muted),
    )];
    for (i, (typed, (leg, test))) in form.reps.iter().zip(FIELDS).enumerate() {
        let focused = i == form.focus;
        let shown = if typed.is_empty() { "_" } else { typed.as_str() };
        lines.push(row(
            focused,
            vec![
                Span::raw(format!("{:<6} {:<14}", leg.name(), short(test))),
                Span::styled(format!("[{shown:>4}]"), theme.style(Meaning::Normal)),
            ],
            theme,
        ));
    }
    push_error(&mut lines, form.error.as_deref(), theme);
    let block = theme.panel(" Single-leg heel-raise tests ").title_bottom(
        Line::styled(
            format!(
                " {} count · {} saves · {} cancels ",
                keys::footer_key(Context::CapacityTest, Command::Up),
                keys::key(Context::CapacityTest, Command::Save),
                keys::key(Context::CapacityTest, Command::Cancel)
            ),
            theme.style(Meaning::Muted),
        )
        .right_aligned(),
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_counts_are_not_recorded_and_a_bad_one_is_named() {
        let today: NaiveDate = "2026-11-21".parse().unwrap();
        let mut form = TestForm::new(today);
        assert!(form.tests(today).is_err(), "nothing typed");
        form.reps[0] = "12".into();
        form.reps[3] = "9".into();
        let tests = form.tests(today).unwrap();
        assert_eq!(tests.len(), 2);
        assert_eq!(
            (tests[0].leg, tests[0].test, tests[0].reps),
            (Leg::Left, TestKind::HeelRaiseStraight, 12)
        );
        assert_eq!(
            (tests[1].leg, tests[1].test, tests[1].reps),
            (Leg::Right, TestKind::HeelRaiseBent, 9)
        );
        form.reps[1] = "9999".into();
        let err = form.tests(today).unwrap_err();
        assert!(err.contains("left leg"), "{err}");
    }
}
