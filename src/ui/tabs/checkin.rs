//! Tab 1: the check-in form. Every field of a check-in (docs/storage.md) by
//! keyboard alone; the form keeps what was typed as text and hands it to the
//! same [`CheckInInput::validate`] the CLI uses, so both refuse the same
//! things.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::{CheckIn, CheckInInput, Run, Symptom, Symptoms, ValidationError};
use crate::units::Units;

use crate::ui::app::data::run_line;
use crate::ui::app::navigate::Pending;
use crate::ui::app::{Effect, View};
use crate::ui::dialogs::Modal;
use crate::ui::keys::{self, Command, Context, Input, When};
use crate::ui::tabs::history::also_removes;
use crate::ui::widgets::score::{self, DigitEntry};
use crate::ui::widgets::scroll::more;
use crate::ui::widgets::text_input::TextInput;
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap::{cut_line, pad, wrapped_rows};

/// The five scores: label, the field name validation uses, and a hint.
const SCORES: [(&str, &str, &str); 5] = [
    ("Pain at rest", "pain_rest", "sitting or lying still · required"),
    ("Pain walking", "pain_walk", "required"),
    ("Pain running", "pain_run", "worst pain while running · only if you ran"),
    ("Tightness", "tightness", "how tight the calf feels"),
    ("Morning pain/stiffness", "morning", "first minutes after waking"),
];

/// The five typed fields: label, field name, hint.
const TEXTS: [(&str, &str, &str); 5] = [
    ("Run distance (km)", "run_km", "e.g. 5.2 · blank if no run"),
    ("Run time (minutes)", "run_min", "whole minutes"),
    ("Walk-run intervals", "intervals", "e.g. 10x1/2 · blank if not"),
    ("Cross-training (min)", "cross_min", "cycling, swimming, other"),
    ("Note", "note", "anything else"),
];
/// Where the note is among the typed fields.
const NOTE: usize = 4;

/// The running-pain score's place in [`SCORES`].
const RUN_PAIN: usize = 2;
/// The hint beside running pain when a run is entered without it (short
/// enough for 80 columns; the light says the rest).
pub const RUN_PAIN_HINT: &str = "← you ran: how much did it hurt?";

const SYMPTOM_COUNT: usize = Symptom::ALL.len();
/// Every field, in form order: scores, symptoms, then the typed fields.
pub const FIELD_COUNT: usize = SCORES.len() + SYMPTOM_COUNT + TEXTS.len();
const LABEL_WIDTH: usize = 24;
/// How far PgUp/PgDn move the focus.
const PAGE: usize = 8;

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Score(usize),
    Symptom(Symptom),
    Text(usize),
}

/// The field at position `index` (clamped to the last field).
pub fn field(index: usize) -> Field {
    let index = index.min(FIELD_COUNT - 1);
    if index < SCORES.len() {
        Field::Score(index)
    } else if index < SCORES.len() + SYMPTOM_COUNT {
        Field::Symptom(Symptom::ALL[index - SCORES.len()])
    } else {
        Field::Text(index - SCORES.len() - SYMPTOM_COUNT)
    }
}

/// The field shown at `position`: the order of [`field`], except that on a
/// day with a run that has no running pain, "Pain running" comes first (see
/// docs/daily-use.md, the check-in form).
pub fn field_at(position: usize, run_first: bool) -> Field {
    match field(position) {
        Field::Score(i) if run_first && i <= RUN_PAIN => Field::Score(if i == 0 { RUN_PAIN } else { i - 1 }),
        other => other,
    }
}

/// Where the field at `index` (the order of [`field`]) is shown.
fn position_of(index: usize, run_first: bool) -> usize {
    match index {
        i if run_first && i == RUN_PAIN => 0,
        i if run_first && i < RUN_PAIN => i + 1,
        i => i,
    }
}

/// The position of the field that a validation error names.
fn field_named(name: &str) -> Option<usize> {
    if let Some(i) = SCORES.iter().position(|(_, n, _)| *n == name) {
        return Some(i);
    }
    if name == "symptom" {
        return Some(SCORES.len());
    }
    TEXTS
        .iter()
        .position(|(_, n, _)| *n == name)
        .map(|i| SCORES.len() + SYMPTOM_COUNT + i)
}

/// What the form's fields hold.
#[derive(Debug, Clone, Default, PartialEq)]
struct Values {
    scores: [Option<u8>; 5],
    symptoms: Symptoms,
    texts: [TextInput; 5],
}

impl Values {
    /// What "copy yesterday" takes (see docs/daily-use.md): the scores of
    /// the calf (rest, walking, tightness, morning). Never running pain, the
    /// run or cross-training (they describe what was done that day, not a
    /// habit), never the signs (asked fresh each day) and never the note.
    fn fill_copied(&mut self, c: &CheckIn) {
        self.scores[0] = Some(c.pain_rest.value());
        self.scores[1] = Some(c.pain_walk.value());
        self.scores[3] = c.tightness.map(|s| s.value());
        self.scores[4] = c.morning.map(|s| s.value());
    }

    /// Every field of a saved entry but the signs and the note.
    fn fill_entry(&mut self, c: &CheckIn) {
        self.fill_copied(c);
        self.scores[RUN_PAIN] = c.pain_run.map(|s| s.value());
        let number = |n: Option<String>| TextInput::new(&n.unwrap_or_default());
        self.texts[0] = number(c.run_km.map(|km| km.to_string()));
        self.texts[1] = number(c.run_min.map(|m| m.to_string()));
        self.texts[2] = number(c.intervals.map(|i| i.to_string()));
        self.texts[3] = number(c.cross_min.map(|m| m.to_string()));
    }

    fn from_checkin(c: &CheckIn) -> Values {
        let mut values = Values::default();
        values.fill_entry(c);
        values.symptoms = c.symptoms;
        values.texts[NOTE] = TextInput::new(c.note.as_deref().unwrap_or_default());
        values
    }

    /// The fields as typed text: what validation reads and what change
    /// tracking compares (so moving a cursor is not a change).
    fn to_input(&self) -> CheckInInput {
        let score = |i: usize| self.scores[i].map(|v| v.to_string());
        CheckInInput {
            pain_rest: score(0),
            pain_walk: score(1),
            pain_run: score(2),
            tightness: score(3),
            morning: score(4),
            symptoms: self.symptoms.iter().map(|s| s.name().to_owned()).collect(),
            run_km: self.texts[0].answer(),
            run_min: self.texts[1].answer(),
            intervals: self.texts[2].answer(),
            cross_min: self.texts[3].answer(),
            note: self.texts[NOTE].answer(),
        }
    }
}

/// The form for one date and leg, and what it held when loaded, so that
/// unsaved changes are known exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinForm {
    pub date: NaiveDate,
    pub leg: crate::domain::Leg,
    values: Values,
    /// What the journal holds for this date and leg (blank if nothing).
    saved: Values,
    /// Whether the journal holds an entry for this date and leg.
    pub exists: bool,
    pub focus: usize,
    digits: DigitEntry,
    /// The last refusal from validation, shown beside its field.
    pub error: Option<ValidationError>,
    /// The unit the run distance is typed in (config `units`).
    pub units: Units,
    /// The saved entry's distance in km, kept exactly: a distance shown
    /// rounded in miles and left alone is saved as it was, not re-derived.
    saved_km: Option<f64>,
    /// "Pain running" is shown first: the day has a run and the entry has
    /// no running pain. Set from the day's runs on every key
    /// ([`CheckinForm::asks_run_pain`]).
    pub run_first: bool,
    /// Esc left the text field in focus: focus stays on it, but keys move
    /// and save instead of typing until Space types again.
    pub left_text: bool,
}

impl CheckinForm {
    /// The saved entry, or a blank form: blank scores are "not answered".
    pub fn load(date: NaiveDate, leg: crate::domain::Leg, existing: Option<&CheckIn>) -> CheckinForm {
        CheckinForm::load_in(date, leg, existing, Units::Km)
    }

    /// [`CheckinForm::load`] with the run distance shown and typed in `units`.
    pub fn load_in(date: NaiveDate, leg: crate::domain::Leg, existing: Option<&CheckIn>, units: Units) -> CheckinForm {
        let mut values = existing.map(Values::from_checkin).unwrap_or_default();
        let saved_km = existing.and_then(|c| c.run_km);
        if let (Units::Mi, Some(km)) = (units, saved_km) {
            let miles = format!("{:.2}", units.from_km(km));
            values.texts[0] = TextInput::new(miles.trim_end_matches('0').trim_end_matches('.'));
        }
        CheckinForm {
            date,
            leg,
            saved: values.clone(),
            values,
            exists: existing.is_some(),
            focus: 0,
            digits: DigitEntry::default(),
            error: None,
            units,
            saved_km,
            run_first: false,
            left_text: false,
        }
    }

    /// "Copy yesterday" (see docs/daily-use.md): the scores of `previous`
    /// (rest, walking, tightness, morning). Running pain, the run,
    /// cross-training, the signs and the note on the form stay as they are:
    /// they describe this day (a sign is asked fresh each day; open warnings
    /// stay open by themselves).
    pub fn copy_from(&mut self, previous: &CheckIn) {
        self.values.fill_copied(previous);
        self.error = None;
    }

    /// Puts typed values back (a kept draft); the form then has unsaved
    /// changes. A value the form cannot hold is left blank.
    pub fn restore(&mut self, input: &CheckInInput) {
        let score = |v: &Option<String>| {
            v.as_deref()
                .and_then(|v| v.trim().parse::<u8>().ok())
                .filter(|v| *v <= 10)
        };
        self.values.scores = [
            score(&input.pain_rest),
            score(&input.pain_walk),
            score(&input.pain_run),
            score(&input.tightness),
            score(&input.morning),
        ];
        let names: Vec<&str> = input.symptoms.iter().map(String::as_str).collect();
        self.values.symptoms = Symptoms::parse_list(&names).unwrap_or_default();
        let text = |v: &Option<String>| TextInput::new(v.as_deref().unwrap_or_default());
        // A draft keeps the distance in km; the form shows it in its unit.
        let run = match (self.units, input.run_km.as_deref().map(|km| km.trim().parse::<f64>())) {
            (Units::Mi, Some(Ok(km))) if km.is_finite() => Some(format!("{:.2}", self.units.from_km(km))),
            _ => input.run_km.clone(),
        };
        self.values.texts = [
            text(&run),
            text(&input.run_min),
            text(&input.intervals),
            text(&input.cross_min),
            text(&input.note),
        ];
    }

    /// The form as a check-in, or the first field that is wrong.
    pub fn checkin(&self, today: NaiveDate) -> Result<CheckIn, ValidationError> {
        self.to_input().validate(self.date, self.leg, today)
    }

    /// The form as typed text, for validation: the distance always in km
    /// (miles typed are converted; text that is not a number is passed on
    /// for validation to refuse).
    pub fn to_input(&self) -> CheckInInput {
        let mut input = self.values.to_input();
        if self.units == Units::Mi
            && let Some(typed) = &input.run_km
        {
            if self.values.texts[0] == self.saved.texts[0]
                && let Some(km) = self.saved_km
            {
                input.run_km = Some(km.to_string());
            } else if let Ok(miles) = typed.trim().parse::<f64>()
                && miles.is_finite()
                && miles >= 0.0
            {
                input.run_km = Some(self.units.to_km(miles).to_string());
            }
        }
        input
    }

    pub fn is_dirty(&self) -> bool {
        self.values.to_input() != self.saved.to_input()
    }

    /// After a save: what is on screen is what the journal holds.
    pub fn mark_saved(&mut self) {
        self.saved = self.values.clone();
        self.exists = true;
        self.error = None;
    }

    /// Back to what was loaded.
    pub fn discard(&mut self) {
        self.values = self.saved.clone();
        self.error = None;
    }

    /// A run is entered (distance or time typed, or imported for the day)
    /// but its pain is not: the light reads `unknown` without it
    /// (docs/clinical-rules.md, the light), so the form asks.
    pub fn wants_run_pain(&self, imported: &[Run]) -> bool {
        let ran = !imported.is_empty() || self.values.texts[..2].iter().any(|t| !t.text().trim().is_empty());
        ran && self.score(RUN_PAIN).is_none()
    }

    /// Whether "Pain running" comes first: the day has a run (imported, or
    /// typed into the saved entry) and the saved entry has no running pain.
    /// Read from what is saved, so the order does not change while typing.
    pub fn asks_run_pain(&self, imported: &[Run]) -> bool {
        let ran = !imported.is_empty() || self.saved.texts[..2].iter().any(|t| !t.text().trim().is_empty());
        ran && self.saved.scores[RUN_PAIN].is_none()
    }

    /// The field in focus.
    fn focused(&self) -> Field {
        field_at(self.focus, self.run_first)
    }

    pub fn score(&self, i: usize) -> Option<u8> {
        self.values.scores.get(i).copied().flatten()
    }

    pub fn text(&self, i: usize) -> &str {
        self.values.texts.get(i).map_or("", TextInput::text)
    }

    pub fn symptoms(&self) -> Symptoms {
        self.values.symptoms
    }

    /// The kind of the focused field, for the key table.
    pub fn when(&self) -> When {
        match self.focused() {
            Field::Score(_) => When::Score,
            Field::Symptom(_) => When::Symptom,
            // Left with Esc: the field keeps focus, the keys are those of
            // a field that is not typed in.
            Field::Text(_) if self.left_text => When::LeftText,
            Field::Text(_) => When::Text,
        }
    }

    /// Applies a command that only changes the form; returns whether it
    /// was one.
    pub fn edit(&mut self, input: Input) -> bool {
        let command = input.command;
        if command != Command::SetScore {
            self.digits.reset();
        }
        let focused = self.focused();
        if self.left_text && matches!(focused, Field::Text(_)) {
            match command {
                // Space types in the field again.
                Command::Toggle => {
                    self.left_text = false;
                    return true;
                }
                Command::Up | Command::Down | Command::PageUp | Command::PageDown => self.left_text = false,
                _ => return false,
            }
        }
        match (command, focused) {
            (Command::Up, _) => self.focus = self.focus.saturating_sub(1),
            (Command::Down, _) => self.focus = (self.focus + 1).min(FIELD_COUNT - 1),
            (Command::PageUp, _) => self.focus = self.focus.saturating_sub(PAGE),
            (Command::PageDown, _) => self.focus = (self.focus + PAGE).min(FIELD_COUNT - 1),
            (Command::LeaveField, Field::Text(_)) => self.left_text = true,
            (Command::SetScore, Field::Score(i)) => {
                if let Some(d) = input.digit() {
                    self.values.scores[i] = Some(self.digits.digit(i, d));
                }
            }
            (Command::ScoreDown | Command::ScoreUp, Field::Score(i)) => {
                self.values.scores[i] = Some(score::step(self.values.scores[i], command == Command::ScoreUp));
            }
            (Command::ClearScore, Field::Score(i)) => self.values.scores[i] = None,
            (Command::Toggle, Field::Symptom(s)) => self.values.symptoms.toggle(s),
            (_, Field::Text(i)) => return self.values.texts[i].edit(input),
            _ => return false,
        }
        true
    }
}

/// Keys on the check-in tab: the form changes itself; saving, moving to
/// another day or leg and copying are asked of the app.
pub fn update(form: &mut CheckinForm, input: Input, view: &View) -> Vec<Effect> {
    form.run_first = form.asks_run_pain(view.data.runs_on(form.date));
    let effect = match input.command {
        Command::Save => save(form, view, None),
        Command::PrevDay => match form.date.checked_sub_days(Days::new(1)) {
            Some(day) => Effect::Go(Pending::Day(day)),
            None => Effect::info("No earlier day"),
        },
        Command::NextDay => match form.date.checked_add_days(Days::new(1)) {
            Some(day) if day <= view.today => Effect::Go(Pending::Day(day)),
            _ => Effect::info("That is today: entries cannot be for the future"),
        },
        Command::Today => Effect::Go(Pending::Day(view.today)),
        Command::SwitchLeg => Effect::Go(Pending::Leg(form.leg.other())),
        Command::CopyPrevious => Effect::CopyPrevious,
        Command::Undo => Effect::AskUndo,
        command => {
            let before = form.focused();
            if form.edit(input)
                && let Some(err) = &form.error
                && field_named(&err.field).map(field) == Some(before)
                && !matches!(
                    command,
                    Command::Up | Command::Down | Command::PageUp | Command::PageDown | Command::LeaveField
                )
            {
                // The field the error was about changed: the old words no
                // longer apply.
                form.error = None;
            }
            return Vec::new();
        }
    };
    vec![effect]
}

/// `Ctrl-s` (and the unsaved-changes dialog's save, which then goes on to
/// `then`): saves, but first asks when saving a changed entry takes away
/// an open warning it opened (the signs untick; see docs/daily-use.md).
pub fn save(form: &CheckinForm, view: &View, then: Option<Pending>) -> Effect {
    if let (true, Ok(checkin)) = (form.exists, form.checkin(view.today)) {
        let gone = view.data.warnings_removed_by(form.date, form.leg, Some(&checkin));
        if !gone.is_empty() {
            return Effect::open(Modal::Confirm {
                question: format!(
                    "Save the {} calf check-in of {}? {}",
                    form.leg,
                    form.date,
                    also_removes(&gone).trim_end()
                ),
                on_yes: Box::new(Effect::SaveForm(then)),
            });
        }
    }
    Effect::SaveForm(then)
}

/// Draws the form and, when a typed field is focused (and nothing covers
/// it), places the terminal cursor in it.
pub fn render(frame: &mut Frame, area: Rect, view: &View, form: &CheckinForm) {
    let theme = view.theme;
    let imported = view.data.runs_on(form.date);
    let mut shown;
    let form = if form.asks_run_pain(imported) == form.run_first {
        form
    } else {
        // Reloaded since the last key: draw the order the next key reads.
        shown = form.clone();
        shown.run_first = !form.run_first;
        &shown
    };
    let day = if form.date == view.today {
        format!("{} (today)", form.date.format("%a %Y-%m-%d"))
    } else {
        form.date.format("%a %Y-%m-%d").to_string()
    };
    let (state, meaning) = if form.is_dirty() {
        ("● unsaved changes", Meaning::Pending)
    } else if form.exists {
        ("✓ saved", Meaning::Success)
    } else {
        ("○ not saved yet", Meaning::Muted)
    };
    let block = theme
        .panel(format!(" Check-in · {} calf · {day} ", form.leg))
        .title(Line::styled(format!(" {state} "), theme.style(meaning)).right_aligned());
    let inner = block.inner(area);
    // The focused field's whole question, however long (the back-bladder
    // question takes four rows at 80 columns), as long as the rows keep
    // half the room.
    let help = field_help(form, theme);
    let help_rows = wrapped_rows(std::slice::from_ref(&help), inner.width).clamp(2, (inner.height / 2).max(2));
    let [rows_area, help_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(help_rows)]).areas(inner);

    let (lines, focus_line) = lines(form, imported, view.units, rows_area.width as usize, theme);
    let height = rows_area.height as usize;
    let offset = scroll_offset(focus_line, lines.len(), height);
    let below = lines.len().saturating_sub(offset + height);
    let block = match more(offset, below) {
        Some(marker) => block.title_bottom(Line::styled(marker, theme.style(Meaning::Muted)).right_aligned()),
        None => block,
    };
    frame.render_widget(block, area);
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), rows_area);

    frame.render_widget(Paragraph::new(help).wrap(Wrap { trim: true }), help_area);

    if let Field::Text(i) = form.focused()
        && !view.covered
        && focus_line >= offset
        && focus_line < offset + height
    {
        let (_, cursor) = form.values.texts[i].window(input_width(rows_area.width as usize));
        let x = rows_area.x + (2 + LABEL_WIDTH + 1 + cursor) as u16;
        let y = rows_area.y + (focus_line - offset) as u16;
        if x < rows_area.right() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

/// Keeps the focused line in the middle of the window where possible.
fn scroll_offset(focus: usize, total: usize, height: usize) -> usize {
    if total <= height {
        return 0;
    }
    focus.saturating_sub(height / 2).min(total - height)
}

fn input_width(row_width: usize) -> usize {
    row_width.saturating_sub(2 + LABEL_WIDTH + 3).clamp(1, 60)
}

/// Every line of the form and the index of the focused one.
fn lines(
    form: &CheckinForm,
    imported: &[Run],
    units: Units,
    width: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, usize) {
    let mut out = Vec::with_capacity(FIELD_COUNT + 4 + imported.len());
    let mut focus_line = 0;
    let run_first = form.run_first;
    let error_at = form
        .error
        .as_ref()
        .and_then(|e| field_named(&e.field))
        .map(|i| position_of(i, run_first));
    let heading = |text: &str| Line::styled(text.to_owned(), theme.style(Meaning::Title));
    for index in 0..FIELD_COUNT {
        let this = field_at(index, run_first);
        match this {
            Field::Score(RUN_PAIN) if run_first => {
                let run = match imported {
                    [] => "your typed run".to_owned(),
                    [one] => run_line(one, units),
                    [one, more @ ..] => format!("{} (and {} more)", run_line(one, units), more.len()),
                };
                out.push(heading(&format!("You ran: {run} · no running pain yet")));
            }
            Field::Score(0) => out.push(heading("Scores 0–10")),
            Field::Symptom(s) if s == Symptom::ALL[0] => {
                out.push(heading(&format!("Signs seen today ({} ticks)", key(Command::Toggle))));
            }
            Field::Text(0) => {
                out.push(heading("Activity and note"));
                for run in imported {
                    out.push(Line::styled(
                        format!("  {} · imported, read-only", run_line(run, units)),
                        theme.style(Meaning::Muted),
                    ));
                }
            }
            _ => {}
        }
        let focused = index == form.focus;
        if focused {
            focus_line = out.len();
        }
        let marker = if focused { "▸ " } else { "  " };
        let mut spans = vec![Span::raw(marker)];
        let hint = match this {
            Field::Score(i) => {
                let (label, _, hint) = SCORES[i];
                spans.push(Span::raw(format!("{label:<LABEL_WIDTH$}")));
                let value = form.score(i);
                let style = if value.is_none() {
                    Meaning::Muted
                } else {
                    Meaning::Normal
                };
                spans.push(Span::styled(score::bar(value), theme.style(style)));
                hint
            }
            Field::Symptom(s) => {
                let ticked = form.symptoms().contains(s);
                spans.push(Span::raw(if ticked { "[x] " } else { "[ ] " }));
                // Cut at a word with "…" when it does not fit: the lines
                // under the form give the focused question whole.
                let room = width.saturating_sub(2 + 4);
                spans.push(Span::raw(cut_line(s.question(), room)));
                ""
            }
            Field::Text(i) => {
                let (label, _, hint) = TEXTS[i];
                let label = match (i, form.units) {
                    (0, Units::Mi) => "Run distance (mi)",
                    _ => label,
                };
                spans.push(Span::raw(format!("{label:<LABEL_WIDTH$}")));
                let w = input_width(width);
                let (shown, _) = form.values.texts[i].window(w);
                spans.push(Span::raw(format!("[{}]", pad(&shown, w))));
                hint
            }
        };
        if error_at == Some(index) {
            spans.push(Span::styled("  ✗ see below", theme.style(Meaning::Error)));
        } else if matches!(this, Field::Score(RUN_PAIN)) && form.wants_run_pain(imported) {
            spans.push(Span::styled(
                format!("  {RUN_PAIN_HINT}"),
                theme.style(Meaning::Guidance),
            ));
        } else if !hint.is_empty() {
            spans.push(Span::styled(format!("  {hint}"), theme.style(Meaning::Muted)));
        }
        let mut line = Line::from(spans);
        if focused {
            line = line.style(theme.style(Meaning::Selected));
        }
        out.push(line);
    }
    (out, focus_line)
}

/// The key of `command` on the form, as its hints name it.
fn key(command: Command) -> &'static str {
    keys::key(Context::CheckIn, command)
}

/// "←/→ Home End": the keys that move the cursor in a typed field.
fn cursor_keys() -> String {
    format!(
        "{}/{} {} {}",
        key(Command::CursorLeft),
        key(Command::CursorRight),
        key(Command::CursorHome),
        key(Command::CursorEnd)
    )
}

/// The lines under the form: the error for the focused field, or what the
/// field asks, in full.
fn field_help(form: &CheckinForm, theme: Theme) -> Line<'static> {
    if let Some(err) = &form.error {
        return Line::styled(format!("✗ {err}"), theme.style(Meaning::Error));
    }
    let text = match form.focused() {
        Field::Score(_) => format!(
            "0 = none, 10 = worst imaginable. Digits set it (1 then 0 = 10), {}/{} step, {} = not answered.",
            key(Command::ScoreDown),
            key(Command::ScoreUp),
            key(Command::ClearScore)
        ),
        Field::Symptom(s) => format!(
            "{} ({}) · {} ticks or unticks",
            s.question(),
            s.name(),
            key(Command::Toggle)
        ),
        Field::Text(NOTE) => format!(
            "Free text · {} move · {}/{} erase · blank = no note",
            cursor_keys(),
            key(Command::DeleteBack),
            key(Command::DeleteForward)
        ),
        Field::Text(2) => {
            "A walk-run session: REPEATSxRUN/WALK in minutes, 10x1/2 = ten times 1 min running, 2 walking".to_owned()
        }
        Field::Text(_) => format!(
            "Blank means not answered, never 0 · {} move · {} erases",
            cursor_keys(),
            key(Command::DeleteBack)
        ),
    };
    Line::styled(text, theme.style(Meaning::Muted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Leg, Score};

    fn day() -> NaiveDate {
        "2026-11-21".parse().unwrap()
    }

    fn key(command: Command, c: char) -> Input {
        Input::new(command, Some(c))
    }

    #[test]
    fn miles_are_shown_typed_and_saved_as_km() {
        let mut saved = CheckIn::new(day(), Leg::Left, Score::default(), Score::default());
        saved.run_km = Some(5.0);
        let form = CheckinForm::load_in(day(), Leg::Left, Some(&saved), Units::Mi);
        assert_eq!(form.text(0), "3.11");
        assert!(!form.is_dirty());
        assert_eq!(
            form.to_input().run_km.as_deref(),
            Some("5"),
            "untouched: the km kept exactly"
        );
        let mut form = CheckinForm::load_in(day(), Leg::Left, None, Units::Mi);
        form.focus = SCORES.len() + SYMPTOM_COUNT;
        form.edit(key(Command::Type, '3'));
        form.values.scores[0] = Some(0);
        form.values.scores[1] = Some(0);
        let c = form.to_input().validate(day(), Leg::Left, day()).unwrap();
        assert!((c.run_km.unwrap() - 4.828_032).abs() < 1e-9, "{:?}", c.run_km);
        let (lines, _) = lines(&form, &[], Units::Mi, 100, Theme::plain());
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert!(text.iter().any(|l| l.contains("Run distance (mi)")), "{text:?}");
    }

    #[test]
    fn every_field_is_reachable_and_named_errors_map_back() {
        let names = SCORES.iter().chain(TEXTS.iter()).map(|(_, n, _)| *n);
        for name in names {
            let index = field_named(name).unwrap();
            assert!(index < FIELD_COUNT);
        }
        assert_eq!(field(FIELD_COUNT + 5), Field::Text(NOTE));
        assert_eq!(field(5), Field::Symptom(Symptom::Swelling));
    }

    #[test]
    fn blank_stays_not_answered_and_edits_are_tracked() {
        let mut form = CheckinForm::load(day(), Leg::Left, None);
        assert!(!form.is_dirty());
        form.edit(key(Command::SetScore, '3'));
        form.edit(key(Command::Down, ' '));
        form.edit(key(Command::ScoreUp, ' '));
        assert!(form.is_dirty());
        let c = form.to_input().validate(day(), Leg::Left, day()).unwrap();
        assert_eq!((c.pain_rest.value(), c.pain_walk.value()), (3, 0));
        assert_eq!((c.tightness, c.morning, c.run_km, c.note), (None, None, None, None));
        form.mark_saved();
        assert!(!form.is_dirty());
    }

    #[test]
    fn discard_returns_to_the_saved_entry() {
        let mut saved = CheckIn::new(
            day(),
            Leg::Right,
            Score::new("", 2).unwrap(),
            Score::new("", 5).unwrap(),
        );
        saved.run_km = Some(4.5);
        saved.note = Some("stairs".into());
        saved.symptoms.insert(Symptom::Cramping);
        let mut form = CheckinForm::load(day(), Leg::Right, Some(&saved));
        let original = form.clone();
        form.edit(key(Command::ClearScore, ' '));
        form.focus = FIELD_COUNT - 1;
        form.edit(key(Command::Type, '!'));
        assert!(form.is_dirty());
        form.discard();
        assert!(!form.is_dirty());
        form.focus = 0;
        assert_eq!(form, original);
    }

    #[test]
    fn copy_takes_only_the_scores_never_running_pain_run_cross_training_signs_or_note() {
        let mut previous = CheckIn::new(day(), Leg::Left, Score::new("", 4).unwrap(), Score::new("", 6).unwrap());
        previous.run_km = Some(8.0);
        previous.run_min = Some(50);
        previous.cross_min = Some(30);
        previous.pain_run = Some(Score::new("", 2).unwrap());
        previous.tightness = Some(Score::new("", 5).unwrap());
        previous.morning = Some(Score::new("", 3).unwrap());
        previous.symptoms.insert(Symptom::Swelling);
        previous.note = Some("sore".into());
        let mut form = CheckinForm::load(day(), Leg::Left, None);
        form.copy_from(&previous);
        let input = form.to_input();
        assert_eq!(input.pain_rest.as_deref(), Some("4"));
        assert_eq!(input.pain_walk.as_deref(), Some("6"));
        assert_eq!(input.tightness.as_deref(), Some("5"));
        assert_eq!(input.morning.as_deref(), Some("3"));
        assert_eq!(input.pain_run, None, "running pain describes that day's run");
        assert_eq!((input.run_km, input.run_min, input.intervals), (None, None, None));
        assert_eq!(input.cross_min, None);
        assert!(input.symptoms.is_empty(), "signs are asked fresh each day");
        assert_eq!(input.note, None);
    }

    #[test]
    fn copy_leaves_what_the_form_holds_of_this_day() {
        let previous = CheckIn::new(day(), Leg::Left, Score::new("", 1).unwrap(), Score::new("", 1).unwrap());
        let mut form = CheckinForm::load(day(), Leg::Left, None);
        form.values.scores[RUN_PAIN] = Some(4);
        form.values.texts[0] = TextInput::new("5");
        form.copy_from(&previous);
        let input = form.to_input();
        assert_eq!(input.pain_run.as_deref(), Some("4"));
        assert_eq!(input.run_km.as_deref(), Some("5"));
    }

    #[test]
    fn esc_leaves_a_text_field_and_keeps_focus_on_it() {
        let mut form = CheckinForm::load(day(), Leg::Left, None);
        form.focus = FIELD_COUNT - 1;
        assert_eq!(form.when(), When::Text);
        form.edit(Input::command(Command::LeaveField));
        assert_eq!(form.focus, FIELD_COUNT - 1, "focus stays on the field");
        assert_eq!(form.when(), When::LeftText, "keys no longer type");
        assert!(form.edit(Input::command(Command::Toggle)), "Space types again");
        assert_eq!(form.when(), When::Text);
        form.edit(Input::command(Command::LeaveField));
        form.edit(Input::command(Command::Up));
        assert_eq!(form.focus, FIELD_COUNT - 2, "↑ moves on from it");
        assert!(!form.left_text);
    }

    #[test]
    fn scroll_keeps_focus_visible() {
        assert_eq!(scroll_offset(3, 10, 20), 0);
        assert_eq!(scroll_offset(30, 31, 10), 21);
        assert_eq!(scroll_offset(15, 31, 10), 10);
    }
}
