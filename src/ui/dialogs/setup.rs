//! First run: no profile yet, so ask the facts the rules need (see
//! docs/getting-started.md: injured leg, injury date, clot history, cancer,
//! other clot risk, blood thinners, and optionally the usual weekly running
//! distance before the injury) before anything else. Each row is a short
//! label; the focused row's whole question is written out under the rows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::domain::{self, InjuredLeg, MAX_BASELINE_KM, Profile, ValidationError};
use crate::units::Units;

use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::keys::{Command, Input, When};
use crate::ui::widgets::text_input::TextInput;
use crate::ui::widgets::theme::Meaning;
use crate::ui::widgets::wrap::pad;

const LEGS: [InjuredLeg; 3] = [InjuredLeg::Left, InjuredLeg::Right, InjuredLeg::Both];

/// The fields, in order.
const LEG: usize = 0;
const INJURY_DATE: usize = 1;
const CLOT_HISTORY: usize = 2;
const CANCER: usize = 3;
const CLOT_RISK: usize = 4;
const BLOOD_THINNERS: usize = 5;
const BASELINE: usize = 6;
const FIELDS: usize = 7;
const LABEL_WIDTH: usize = 41;
const INPUT_WIDTH: usize = 12;

/// Each field's short label and the whole question shown while it has the
/// keyboard.
const QUESTIONS: [(&str, &str); FIELDS] = [
    ("Injured leg", "Which calf is injured: left, right or both?"),
    (
        "Injury date (YYYY-MM-DD, optional)",
        "When did it start? Blank if you are not sure.",
    ),
    (
        "Ever had a DVT or a clot on the lung?",
        "Have you ever had a blood clot in a leg (DVT) or on the lung (pulmonary embolism)?",
    ),
    (
        "Active cancer, or treatment in 6 months?",
        "Do you have cancer now, or have you been treated for cancer in the last 6 months?",
    ),
    (
        "Pill, HRT, pregnancy or a clot disorder?",
        "Do you take oestrogen (the combined pill or HRT), are you pregnant or did you give birth in the last 6 weeks, or do you have a known clotting disorder?",
    ),
    (
        "Taking a blood thinner?",
        "Do you take an anticoagulant (a blood thinner such as warfarin, apixaban or rivaroxaban)?",
    ),
    (
        "Usual weekly running before (optional)",
        "How far did you usually run in a week before the injury? Blank if you did not run or are not sure.",
    ),
];

/// The profile being entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupForm {
    leg: usize,
    injury_date: TextInput,
    clot_history: bool,
    cancer: bool,
    clot_risk: bool,
    blood_thinners: bool,
    /// The usual weekly distance, in the app's unit (config `units`).
    baseline: TextInput,
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
            clot_risk: false,
            blood_thinners: false,
            baseline: TextInput::default(),
            focus: 0,
            error: None,
        }
    }

    pub fn when(&self) -> When {
        if matches!(self.focus, INJURY_DATE | BASELINE) {
            When::Text
        } else {
            When::Choice
        }
    }

    /// The profile, or the first field that is wrong (and where it is).
    /// The weekly distance is typed in `units` and kept in km.
    fn checked(&self, today: chrono::NaiveDate, units: Units) -> Result<Profile, (usize, ValidationError)> {
        let injury_date = match self.injury_date.answer() {
            Some(raw) => Some(domain::parse_date("injury_date", &raw, today).map_err(|e| (INJURY_DATE, e))?),
            None => None,
        };
        let baseline_km = match self.baseline.answer() {
            Some(raw) => {
                let max = units.from_km(MAX_BASELINE_KM).floor();
                let typed = domain::parse_decimal("baseline_km", &raw, max).map_err(|e| (BASELINE, e))?;
                Some(units.to_km(typed))
            }
            None => None,
        };
        Ok(Profile {
            leg: LEGS[self.leg % LEGS.len()],
            injury_date,
            clot_history: self.clot_history,
            cancer: self.cancer,
            clot_risk: self.clot_risk,
            blood_thinners: self.blood_thinners,
            baseline_km,
        })
    }

    /// The profile, or the first field that is wrong (distances in km).
    pub fn profile(&self, today: chrono::NaiveDate) -> Result<Profile, ValidationError> {
        self.checked(today, Units::Km).map_err(|(_, e)| e)
    }

    fn change(&mut self, forward: bool) {
        match self.focus {
            LEG => self.leg = (self.leg + if forward { 1 } else { LEGS.len() - 1 }) % LEGS.len(),
            CLOT_HISTORY => self.clot_history = !self.clot_history,
            CANCER => self.cancer = !self.cancer,
            CLOT_RISK => self.clot_risk = !self.clot_risk,
            BLOOD_THINNERS => self.blood_thinners = !self.blood_thinners,
            _ => {}
        }
    }

    /// The typed field in focus, if the focus is on one.
    fn text_mut(&mut self) -> Option<&mut TextInput> {
        match self.focus {
            INJURY_DATE => Some(&mut self.injury_date),
            BASELINE => Some(&mut self.baseline),
            _ => None,
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
        Command::Save => match form.checked(view.today, view.units) {
            Ok(profile) => {
                return vec![Effect::write(
                    Change::Profile(profile),
                    "✓ Profile saved. Today's check-in is below.",
                )];
            }
            Err((field, err)) => {
                form.focus = field;
                form.error = Some(err);
            }
        },
        _ => {
            if let Some(text) = form.text_mut()
                && text.edit(input)
            {
                form.error = None;
            }
        }
    }
    Vec::new()
}

/// Draws the setup screen over the whole area.
pub fn render(frame: &mut Frame, area: Rect, view: &View, form: &SetupForm) {
    let theme = view.theme;
    let popup = area.centered(Constraint::Max(76), Constraint::Max(20));
    frame.render_widget(Clear, popup);
    let block = theme.panel(" Welcome to soleus: your profile ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let yes_no = |b: bool| if b { "[x] yes" } else { "[ ] no" };
    let unit = match view.units {
        Units::Km => "km",
        Units::Mi => "mi",
    };
    let [intro_area, fields_area, question_area, note_area] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(FIELDS as u16 + 1),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(inner);
    let intro = "soleus is a journal. It does not diagnose: it shows what your entries say and how urgently to see a clinician.";
    frame.render_widget(
        Paragraph::new(Line::styled(intro, theme.style(Meaning::Guidance))).wrap(Wrap { trim: true }),
        intro_area,
    );
    let mut lines = Vec::with_capacity(FIELDS);
    for (i, (label, _)) in QUESTIONS.iter().enumerate() {
        let focused = form.focus == i;
        let marker = if focused { "▸ " } else { "  " };
        let value = match i {
            LEG => format!("◂ {} ▸", LEGS[form.leg % LEGS.len()]),
            INJURY_DATE => format!("[{}]", pad(&form.injury_date.window(INPUT_WIDTH).0, INPUT_WIDTH)),
            CLOT_HISTORY => yes_no(form.clot_history).to_owned(),
            CANCER => yes_no(form.cancer).to_owned(),
            CLOT_RISK => yes_no(form.clot_risk).to_owned(),
            BLOOD_THINNERS => yes_no(form.blood_thinners).to_owned(),
            _ => format!(
                "[{}] {unit}/week",
                pad(&form.baseline.window(INPUT_WIDTH).0, INPUT_WIDTH)
            ),
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
    let question = match &form.error {
        Some(err) => Line::styled(format!("✗ {err}"), theme.style(Meaning::Error)),
        None => Line::styled(QUESTIONS[form.focus % FIELDS].1, theme.style(Meaning::Normal)),
    };
    frame.render_widget(Paragraph::new(question).wrap(Wrap { trim: true }), question_area);
    let note = Line::styled(
        "The clot, cancer and blood-thinner answers change how the clot and bleeding warnings are judged. Change any of this later with `soleus profile`.",
        theme.style(Meaning::Muted),
    );
    frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), note_area);
    if let (INJURY_DATE | BASELINE, false) = (form.focus, view.covered) {
        let text = if form.focus == INJURY_DATE {
            &form.injury_date
        } else {
            &form.baseline
        };
        let (_, cursor) = text.window(INPUT_WIDTH);
        let x = fields_area.x + (2 + LABEL_WIDTH + 1 + 1 + cursor) as u16;
        let y = fields_area.y + form.focus as u16;
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

    #[test]
    fn asks_the_v3_clot_facts_and_the_usual_weekly_distance() {
        let today: chrono::NaiveDate = "2026-11-21".parse().unwrap();
        let mut form = SetupForm::new();
        assert!(QUESTIONS.iter().all(|(label, _)| label.chars().count() <= LABEL_WIDTH));
        form.focus = CLOT_RISK;
        form.change(true);
        form.focus = BLOOD_THINNERS;
        form.change(true);
        form.baseline = TextInput::new("20");
        let p = form.checked(today, Units::Mi).unwrap();
        assert!(p.clot_risk && p.blood_thinners && !p.clot_history && !p.cancer);
        assert!((p.baseline_km.unwrap() - 32.186_88).abs() < 1e-3, "{:?}", p.baseline_km);
        form.baseline = TextInput::new("lots");
        let (field, err) = form.checked(today, Units::Km).unwrap_err();
        assert_eq!((field, err.field.as_str()), (BASELINE, "baseline_km"));
    }
}
