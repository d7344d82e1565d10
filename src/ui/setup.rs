//! First run: no profile yet, so ask the four facts the rules need (injured
//! leg, injury date, clot history, cancer) before anything else.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::domain::{self, InjuredLeg, Profile, ValidationError};

use super::effect::{Effect, View, Write};
use super::keys::{Command, Input, When};
use super::text::TextInput;
use super::theme::Meaning;

const LEGS: [InjuredLeg; 3] = [InjuredLeg::Left, InjuredLeg::Right, InjuredLeg::Both];
const FIELDS: usize = 4;
const LABEL_WIDTH: usize = 41;

/// The profile being entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupForm {
    leg: usize,
    injury_date: TextInput,
    clot_history: bool,
    cancer: bool,
    focus: usize,
    error: Option<ValidationError>,
}

impl SetupForm {
    pub fn new() -> SetupForm {
        SetupForm {
            leg: 0,
            injury_date: TextInput::default(),
            clot_history: false,
            cancer: false,
            focus: 0,
            error: None,
        }
    }

    pub fn when(&self) -> When {
        if self.focus == 1 { When::Text } else { When::Choice }
    }

    /// The profile, or the first field that is wrong.
    pub fn profile(&self, today: chrono::NaiveDate) -> Result<Profile, ValidationError> {
        let injury_date = match self.injury_date.answer() {
            Some(raw) => Some(domain::parse_date("injury_date", &raw, today)?),
            None => None,
        };
        Ok(Profile {
            leg: LEGS[self.leg % LEGS.len()],
            injury_date,
            clot_history: self.clot_history,
            cancer: self.cancer,
            clot_risk: false,
            blood_thinners: false,
            baseline_km: None,
        })
    }

    fn change(&mut self, forward: bool) {
        match self.focus {
            0 => self.leg = (self.leg + if forward { 1 } else { LEGS.len() - 1 }) % LEGS.len(),
            2 => self.clot_history = !self.clot_history,
            3 => self.cancer = !self.cancer,
            _ => {}
        }
    }
}

impl Default for SetupForm {
    fn default() -> Self {
        SetupForm::new()
    }
}

/// Keys on the setup screen.
pub fn update(form: &mut SetupForm, input: Input, view: &View) -> Vec<Effect> {
    match input.command {
        Command::Up => form.focus = form.focus.saturating_sub(1),
        Command::Down => form.focus = (form.focus + 1).min(FIELDS - 1),
        Command::ChoicePrev => form.change(false),
        Command::ChoiceNext => form.change(true),
        Command::Quit => return vec![Effect::Quit],
        Command::Save => match form.profile(view.today) {
            Ok(profile) => {
                return vec![Effect::write(
                    Write::Profile(profile),
                    "✓ Profile saved. Today's check-in is below.",
                )];
            }
            Err(err) => {
                form.focus = 1;
                form.error = Some(err);
            }
        },
        _ => {
            if form.injury_date.edit(input) {
                form.error = None;
            }
        }
    }
    Vec::new()
}

/// Draws the setup screen over the whole area.
pub fn render(frame: &mut Frame, area: Rect, view: &View, form: &SetupForm) {
    let theme = view.theme;
    let popup = area.centered(Constraint::Max(76), Constraint::Max(14));
    frame.render_widget(Clear, popup);
    let block = theme.panel(" Welcome to soleus: your profile ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let yes_no = |b: bool| if b { "[x] yes" } else { "[ ] no" };
    let values = [
        format!("◂ {} ▸", LEGS[form.leg % LEGS.len()]),
        String::new(),
        yes_no(form.clot_history).to_owned(),
        yes_no(form.cancer).to_owned(),
    ];
    let labels = [
        "Injured leg",
        "Injury date (YYYY-MM-DD, optional)",
        "Ever had a DVT or a clot on the lung?",
        "Active cancer, or treatment in 6 months?",
    ];
    let date_width = 12;
    let [intro_area, fields_area, note_area] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(FIELDS as u16 + 1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let intro = "soleus is a journal. It does not diagnose: it shows what your entries say and how urgently to see a clinician.";
    frame.render_widget(
        Paragraph::new(Line::styled(intro, theme.style(Meaning::Guidance))).wrap(Wrap { trim: true }),
        intro_area,
    );
    let mut lines = Vec::with_capacity(FIELDS);
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let focused = form.focus == i;
        let marker = if focused { "▸ " } else { "  " };
        let value = if i == 1 {
            let (shown, _) = form.injury_date.window(date_width);
            format!("[{shown:<date_width$}]")
        } else {
            value
        };
        let mut line = Line::from(vec![
            Span::raw(marker),
            Span::raw(format!("{label:<LABEL_WIDTH$} ")),
            Span::raw(value),
        ]);
        if focused {
            line = line.style(theme.style(Meaning::Selected));
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), fields_area);
    let note = match &form.error {
        Some(err) => Line::styled(format!("✗ {err}"), theme.style(Meaning::Error)),
        None => Line::styled(
            "The clot and cancer answers change how the clot warning is judged. Change any of this later with `soleus profile`.",
            theme.style(Meaning::Muted),
        ),
    };
    frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), note_area);
    if form.focus == 1 && !view.covered {
        let (_, cursor) = form.injury_date.window(date_width);
        let x = fields_area.x + (2 + LABEL_WIDTH + 1 + 1 + cursor) as u16;
        let y = fields_area.y + 1;
        if x < fields_area.right() && y < fields_area.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_profile_and_refuses_future_dates() {
        let today: chrono::NaiveDate = "2026-11-21".parse().unwrap();
        let mut form = SetupForm::new();
        form.change(true);
        form.focus = 2;
        form.change(true);
        let p = form.profile(today).unwrap();
        assert_eq!(
            (p.leg, p.clot_history, p.cancer, p.injury_date),
            (InjuredLeg::Right, true, false, None)
        );
        form.injury_date = TextInput::new("2026-11-22");
        assert_eq!(form.profile(today).unwrap_err().field, "injury_date");
        form.focus = 0;
        form.change(false);
        form.change(false);
        assert_eq!(LEGS[form.leg], InjuredLeg::Both);
    }
}
