//! Your own exercise and a plan item's dose, from the app (issue 12): `c` on
//! the Checklist opens the form for an exercise a physiotherapist gave (name,
//! tags that warnings pause by, phases, dose, how-to), `e` the dose of the
//! selected exercise (sets, reps or seconds, sessions a day, or words). Both
//! check what was typed with the same rules as the CLI.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::domain::plan::{DoseInput, NewExercise, new_exercise};
use crate::domain::{DoseShape, PlanEntry, ValidationError};

use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::dialogs::{Modal, Reply};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::form::{push_error, row};
use crate::ui::widgets::theme::Meaning;

/// Longest text a field takes.
const MAX_FIELD: usize = 2000;

/// What the form makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// A new exercise, added to the catalogue and the plan.
    NewExercise,
    /// A new dose for this plan entry.
    Dose(PlanEntry),
}

/// Why Enter saved nothing, in one line naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExerciseFormError {
    /// What the CLI refuses too: a tag, a phase, a dose that is wrong.
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    /// The catalogue has an exercise of this name (as `soleus exercise add`
    /// would say).
    #[error("name: an exercise called {0} exists already")]
    Exists(String),
    /// The dose form changes nothing.
    #[error("dose: type new sets, reps or seconds, sessions a day, or words")]
    Unchanged,
}

/// The form while it is open: labels and what was typed, one per field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseForm {
    pub kind: FormKind,
    pub fields: Vec<(&'static str, String)>,
    pub focus: usize,
    /// Why the last Enter saved nothing.
    pub error: Option<ExerciseFormError>,
}

impl ExerciseForm {
    pub fn new_exercise() -> ExerciseForm {
        let labels = [
            "Name",
            "Tags (comma-separated)",
            "Phases (e.g. 2,3)",
            "Sets",
            "Reps per set",
            "or seconds per hold",
            "Sessions a day",
            "How to do it",
        ];
        ExerciseForm {
            kind: FormKind::NewExercise,
            fields: labels.into_iter().map(|l| (l, String::new())).collect(),
            focus: 0,
            error: None,
        }
    }

    /// The dose form, filled with the entry's dose as numbers when it has
    /// them, else as words.
    pub fn dose(entry: &PlanEntry) -> ExerciseForm {
        let shape = DoseShape::read(&entry.dose);
        let num = |n: Option<u32>| n.map_or(String::new(), |n| n.to_string());
        let words = if shape.is_some() {
            String::new()
        } else {
            entry.dose.clone()
        };
        ExerciseForm {
            kind: FormKind::Dose(entry.clone()),
            fields: vec![
                ("Sets", num(shape.map(|s| s.sets))),
                ("Reps per set", num(shape.and_then(|s| s.reps))),
                ("or seconds per hold", num(shape.and_then(|s| s.seconds))),
                ("Sessions a day", entry.per_day.to_string()),
                ("or the dose in words", words),
            ],
            focus: 0,
            error: None,
        }
    }

    fn text(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|(l, _)| *l == label)
            .map_or(String::new(), |(_, t)| t.trim().to_owned())
    }

    fn dose_input(&self) -> DoseInput {
        let some = |label: &str| Some(self.text(label)).filter(|t| !t.is_empty());
        DoseInput {
            sets: some("Sets"),
            reps: some("Reps per set"),
            seconds: some("or seconds per hold"),
            per_day: some("Sessions a day"),
            words: some("or the dose in words"),
        }
    }
}

/// Keys in the form: every printable key is text.
pub fn on_key(mut form: ExerciseForm, input: Input, view: &View) -> Reply {
    let last = form.fields.len() - 1;
    match input.command {
        Command::Up => form.focus = form.focus.saturating_sub(1),
        Command::Down => form.focus = (form.focus + 1).min(last),
        Command::Type => {
            if let (Some(c), Some((_, text))) = (input.ch, form.fields.get_mut(form.focus))
                && text.chars().count() < MAX_FIELD
            {
                text.push(c);
                form.error = None;
            }
        }
        Command::DeleteBack => {
            if let Some((_, text)) = form.fields.get_mut(form.focus) {
                text.pop();
            }
        }
        Command::Save => match save(&form, view) {
            Ok(effect) => return Reply::close().with(effect),
            Err(error) => form.error = Some(error),
        },
        Command::Cancel => return Reply::close().with(Effect::info("Nothing changed")),
        _ => {}
    }
    Reply::keep(Modal::ExerciseForm(form))
}

/// The write the form asks for, or why not.
fn save(form: &ExerciseForm, view: &View) -> Result<Effect, ExerciseFormError> {
    match &form.kind {
        FormKind::NewExercise => {
            let dose = form.dose_input().read("")?;
            let exercise = new_exercise(&NewExercise {
                name: form.text("Name"),
                tags: form.text("Tags (comma-separated)"),
                phases: form.text("Phases (e.g. 2,3)"),
                muscle: String::new(),
                how_to: form.text("How to do it"),
                id: None,
                dose,
            })?;
            if view.data.catalogue.get(&exercise.id).is_some() {
                return Err(ExerciseFormError::Exists(exercise.name));
            }
            let said = format!(
                "✓ Added {} ({}) to the catalogue and your plan",
                exercise.name, exercise.dose
            );
            Ok(Effect::write(Change::NewExercise(exercise), said))
        }
        FormKind::Dose(entry) => {
            let change = form.dose_input().read(&entry.dose)?;
            let mut new = entry.clone();
            new.dose = change.text.unwrap_or(new.dose);
            new.per_day = change.per_day.unwrap_or(new.per_day);
            if &new == entry {
                return Err(ExerciseFormError::Unchanged);
            }
            let name = view
                .data
                .catalogue
                .get(&entry.exercise)
                .map_or(entry.exercise.clone(), |e| e.name.clone());
            let sessions = if new.per_day > 1 {
                format!(", {} sessions a day", new.per_day)
            } else {
                String::new()
            };
            let said = format!("✓ {name}: dose from today {}{sessions}", new.dose);
            Ok(Effect::write(Change::Plan(new), said))
        }
    }
}

/// Draws the form.
pub fn render(frame: &mut Frame, area: Rect, view: &View, form: &ExerciseForm) {
    let theme = view.theme;
    let popup = area.centered(Constraint::Max(76), Constraint::Max(form.fields.len() as u16 + 8));
    frame.render_widget(Clear, popup);
    let intro = match &form.kind {
        FormKind::NewExercise => "An exercise your physiotherapist gave you. Tags: mobility, walking, stretch, \
                                  soft-tissue, isometric, strength, eccentric, plyometric, running, cross-training, ice \
                                  (warnings pause exercises by these)."
            .to_owned(),
        FormKind::Dose(entry) => format!("Now: {} · the new dose counts from today", entry.dose),
    };
    let mut lines = vec![Line::styled(intro, theme.style(Meaning::Muted)), Line::raw("")];
    for (i, (label, text)) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let cursor = if focused { "▏" } else { "" };
        lines.push(row(
            focused,
            vec![
                Span::raw(format!("{label:<22} ")),
                Span::styled(format!("{text}{cursor}"), theme.style(Meaning::Normal)),
            ],
            theme,
        ));
    }
    push_error(&mut lines, form.error.as_ref(), theme);
    let title = match &form.kind {
        FormKind::NewExercise => " Your own exercise ".to_owned(),
        FormKind::Dose(entry) => {
            let name = view
                .data
                .catalogue
                .get(&entry.exercise)
                .map_or(entry.exercise.as_str(), |e| e.name.as_str());
            format!(" Dose of {name} ")
        }
    };
    let block = theme.panel(title).title_bottom(
        Line::styled(
            format!(
                " {} field · {} saves · {} cancels ",
                keys::footer_key(Context::ExerciseForm, Command::Up),
                keys::key(Context::ExerciseForm, Command::Save),
                keys::key(Context::ExerciseForm, Command::Cancel)
            ),
            theme.style(Meaning::Muted),
        )
        .right_aligned(),
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}
