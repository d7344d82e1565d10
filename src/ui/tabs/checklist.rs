//! Tab 2: the planned exercises of one day (today, or a missed day reached
//! with `[` / `]`), grouped by kind, with the week's adherence, the streak,
//! the traffic light and the phase. Every tick and pain score is a write
//! that says what it wrote and that `u` undoes.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::domain::{Completion, DoseShape, Exercise, ExerciseKind, PlanEntry};

use crate::ui::app::data::Data;
use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::dialogs::Modal;
use crate::ui::dialogs::exercise_form::ExerciseForm;
use crate::ui::dialogs::guided_session::Session;
use crate::ui::dialogs::heel_raise_form::TestForm;
use crate::ui::dialogs::phase_details;
use crate::ui::dialogs::picker::Picker;
use crate::ui::dialogs::plan_diff::PlanDiff;
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::adherence;
use crate::ui::widgets::light::light_text;
use crate::ui::widgets::paused::paused_mark;
use crate::ui::widgets::score::{self, DigitEntry};
use crate::ui::widgets::scroll::{more, window_offset};
use crate::ui::widgets::selection::Selection;
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap::{cut_line, fit, pad, take_columns, width, wrapped_rows};

/// The day shown, which row is selected (by exercise id), and the
/// two-digit entry for pain scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistState {
    pub date: NaiveDate,
    pub selected: Selection<String>,
    digits: DigitEntry,
}

impl ChecklistState {
    pub fn new(today: NaiveDate) -> ChecklistState {
        ChecklistState {
            date: today,
            selected: Selection::default(),
            digits: DigitEntry::default(),
        }
    }

    /// The selected row's index in `rows`, following the exercise.
    pub fn row(&mut self, rows: &[Row]) -> usize {
        self.selected.sync(&ids(rows))
    }
}

/// One exercise of the day's list.
pub struct Row<'a> {
    pub exercise: &'a Exercise,
    pub entry: &'a PlanEntry,
    pub done: Option<&'a Completion>,
}

/// The active plan joined with the catalogue, grouped by kind in the
/// catalogue's kind order, with what was done on `date` (read from
/// `data.day`, the completions of the day the tab shows). Plan entries
/// whose exercise is unknown are skipped (an import can only add known
/// ones).
pub fn rows(data: &Data, date: NaiveDate) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = data
        .plan
        .iter()
        .filter(|p| p.active)
        .filter_map(|entry| {
            let exercise = data.catalogue.get(&entry.exercise)?;
            let done = completion_of(&data.day, date, &entry.exercise);
            Some(Row { exercise, entry, done })
        })
        .collect();
    rows.sort_by_key(|r| ExerciseKind::ALL.iter().position(|k| *k == r.exercise.kind));
    rows
}

/// The completion of `exercise` on `date` among `completions`.
pub fn completion_of<'a>(completions: &'a [Completion], date: NaiveDate, exercise: &str) -> Option<&'a Completion> {
    completions.iter().find(|c| c.date == date && c.exercise == exercise)
}

fn ids(rows: &[Row]) -> Vec<String> {
    rows.iter().map(|r| r.exercise.id.clone()).collect()
}

/// This week's adherence (Monday to today): sessions done of sessions
/// asked, from [`crate::clinical::adherence`] like every other surface.
pub fn adherence(data: &Data) -> (usize, usize) {
    let week = &data.adherence[0];
    (week.done as usize, week.asked as usize)
}

/// "today" or "Thu 19 Nov": how the status line names the day.
fn day_words(date: NaiveDate, today: NaiveDate) -> String {
    if date == today {
        "today".to_owned()
    } else {
        format!("on {}", date.format("%a %-d %b"))
    }
}

/// Keys on the checklist tab.
pub fn update(state: &mut ChecklistState, input: Input, view: &View) -> Vec<Effect> {
    let command = input.command;
    if command != Command::SetScore {
        state.digits.reset();
    }
    let rows = rows(view.data, state.date);
    let keys = ids(&rows);
    let row = state.selected.sync(&keys);
    let day = |date: Option<NaiveDate>, state: &mut ChecklistState| match date {
        Some(date) if date <= view.today => {
            state.date = date;
            Vec::new()
        }
        Some(_) => vec![Effect::info("That is today: exercises cannot be ticked for the future")],
        None => vec![Effect::info("No earlier day")],
    };
    match command {
        Command::Up => state.selected.move_by(-1, &keys),
        Command::Down => state.selected.move_by(1, &keys),
        Command::PrevDay => return day(state.date.checked_sub_days(Days::new(1)), state),
        Command::NextDay => return day(state.date.checked_add_days(Days::new(1)), state),
        Command::Today => state.date = view.today,
        Command::AddExercise => return vec![open_picker(view.data)],
        Command::ShowPhase => return vec![Effect::open(Modal::Phase { scroll: 0 })],
        Command::NewExercise => return vec![Effect::open(Modal::ExerciseForm(ExerciseForm::new_exercise()))],
        Command::SuggestPlan => {
            let phase = view.data.phase.current.number;
            return vec![Effect::open(Modal::PlanDiff(PlanDiff::new(view.data, phase, None)))];
        }
        Command::RecordTest => return vec![Effect::open(Modal::Test(TestForm::new(state.date)))],
        Command::Undo => return vec![Effect::Undo],
        Command::TickAll => return tick_all(&rows, None, state.date, view),
        Command::TickKind => {
            let kind = rows.get(row).map(|r| r.exercise.kind);
            return match kind {
                Some(kind) => tick_all(&rows, Some(kind), state.date, view),
                None => Vec::new(),
            };
        }
        _ => {
            let Some(r) = rows.get(row) else {
                return vec![Effect::info(format!(
                    "The plan is empty: press {} to add an exercise",
                    key(Command::AddExercise)
                ))];
            };
            let (id, name) = (r.exercise.id.clone(), r.exercise.name.clone());
            let done = r.done.map(|c| (c.sets, c.pain.map(|p| p.value())));
            let per_day = r.entry.per_day;
            let planned_sets = DoseShape::read(&r.entry.dose).map(|d| d.sets);
            let when = day_words(state.date, view.today);
            // Marking a paused exercise done asks first, and the status line
            // says which warning paused it (docs/clinical-rules.md, pauses).
            let paused = r
                .done
                .is_none()
                .then(|| crate::clinical::paused_by(r.exercise, &view.data.assessment.pausing))
                .flatten();
            let tick = |done: Option<(Option<u32>, Option<u8>)>, said: String| {
                let write = Change::Completion {
                    date: state.date,
                    exercise: id.clone(),
                    done,
                };
                match (paused, done) {
                    (Some(flag), Some(_)) => vec![Effect::open(Modal::Confirm {
                        question: format!(
                            "{name} is paused while this warning is active: {} ({} calf). Mark it done {when} anyway?",
                            flag.title, flag.leg
                        ),
                        on_yes: Box::new(Effect::write(
                            write,
                            // The rule's id keeps it on an 80-column line;
                            // the question named the warning in full.
                            format!("{said} · paused by the {} calf {} warning", flag.leg, flag.rule),
                        )),
                    })],
                    _ => vec![Effect::write(write, said)],
                }
            };
            match command {
                // A twice-daily exercise: Space records the next session,
                // and clears the day once all are done.
                Command::Toggle if r.done.is_some_and(|c| c.sessions < per_day) => {
                    let Some(c) = r.done else { return Vec::new() };
                    // The service counts the session (the next, up to the
                    // sessions a day); the sets and pain stay as they were.
                    let next = Change::Session {
                        date: c.date,
                        exercise: c.exercise.clone(),
                        sets: c.sets,
                        pain: c.pain,
                    };
                    let said = format!("✓ {name}: session {} of {per_day} done {when}", c.sessions + 1);
                    let write = Effect::write(next, said);
                    return match crate::clinical::paused_by(r.exercise, &view.data.assessment.pausing) {
                        Some(flag) => vec![Effect::open(Modal::Confirm {
                            question: format!(
                                "{name} is paused while this warning is active: {} ({} calf). Record another session {when} anyway?",
                                flag.title, flag.leg
                            ),
                            on_yes: Box::new(write),
                        })],
                        None => vec![write],
                    };
                }
                Command::Toggle if done.is_some() => return tick(None, format!("{name}: not done {when}")),
                Command::Toggle => {
                    let sets = planned_sets.map_or(String::new(), |n| format!(", {n} sets"));
                    let session = if per_day > 1 {
                        format!(" (session 1 of {per_day})")
                    } else {
                        String::new()
                    };
                    return tick(
                        Some((planned_sets, None)),
                        format!("✓ {name}: done {when}{sets}{session}"),
                    );
                }
                Command::SetScore | Command::ScoreDown | Command::ScoreUp | Command::ClearScore => {
                    let (sets, pain) = done.unwrap_or((None, None));
                    let pain = match command {
                        Command::SetScore => input.digit().map(|d| state.digits.digit(row, d)),
                        Command::ClearScore => None,
                        _ => Some(score::step(pain, command == Command::ScoreUp)),
                    };
                    let said = match pain {
                        Some(p) => format!("✓ {name}: done {when}, pain during {p}/10"),
                        None => format!("✓ {name}: done {when}, pain not noted"),
                    };
                    return tick(Some((sets, pain)), said);
                }
                Command::Open => return vec![Effect::open(Modal::HowTo(id))],
                Command::EditDose => return vec![Effect::open(Modal::ExerciseForm(ExerciseForm::dose(r.entry)))],
                Command::Guide => {
                    let before = r.done.map_or(0, |c| c.sessions);
                    let paused = crate::clinical::paused_by(r.exercise, &view.data.assessment.pausing);
                    return match Session::start(r.entry, &name, &r.exercise.tags, state.date, before) {
                        // A session ends by recording the exercise: a
                        // paused one asks first, as ticking it does.
                        Some(session) => match paused {
                            Some(flag) => vec![Effect::open(Modal::Confirm {
                                question: format!(
                                    "{name} is paused while this warning is active: {} ({} calf). Start a guided session anyway?",
                                    flag.title, flag.leg
                                ),
                                on_yes: Box::new(Effect::open(Modal::Session(session))),
                            })],
                            None => vec![Effect::open(Modal::Session(session))],
                        },
                        None => vec![Effect::info(format!(
                            "{name}: the dose has no sets of reps or holds to time (\"{}\")",
                            r.entry.dose
                        ))],
                    };
                }
                Command::Delete => {
                    return vec![Effect::open(Modal::Confirm {
                        question: format!(
                            "Remove {name} from your plan? Its past completions stay in the journal; {} puts it back.",
                            key(Command::Undo)
                        ),
                        on_yes: Box::new(Effect::write(
                            Change::RemoveFromPlan(id),
                            format!("✓ Removed {name} from your plan"),
                        )),
                    })];
                }
                _ => {}
            }
        }
    }
    Vec::new()
}

/// `A` (every kind) or `K` (one kind): one session of each exercise of
/// the day not done yet, with its planned sets, in one write that `u`
/// undoes whole. An exercise a warning pauses is left as it is: ticking it
/// asks first, one by one (docs/daily-use.md, the Checklist).
fn tick_all(rows: &[Row], only: Option<ExerciseKind>, date: NaiveDate, view: &View) -> Vec<Effect> {
    let mut sessions = Vec::new();
    let mut paused = 0;
    for r in rows.iter().filter(|r| only.is_none_or(|k| r.exercise.kind == k)) {
        if crate::clinical::paused_by(r.exercise, &view.data.assessment.pausing).is_some() {
            paused += 1;
            continue;
        }
        let (sets, pain) = match r.done {
            Some(c) if c.sessions >= r.entry.per_day => continue,
            // The next session of a twice-daily exercise keeps its sets
            // and pain, as Space does.
            Some(c) => (c.sets, c.pain),
            None => (DoseShape::read(&r.entry.dose).map(|d| d.sets), None),
        };
        sessions.push(Change::Session {
            date,
            exercise: r.exercise.id.clone(),
            sets,
            pain,
        });
    }
    let what = match only {
        Some(kind) => format!("{} exercises", kind.name().to_lowercase()),
        None => "exercises".to_owned(),
    };
    let when = day_words(date, view.today);
    let left = match paused {
        0 => String::new(),
        1 => " · 1 paused by a warning left as it was".to_owned(),
        n => format!(" · {n} paused by a warning left as they were"),
    };
    match sessions.len() {
        0 => vec![Effect::info(format!("No {what} left to mark {when}{left}"))],
        n => {
            let counted = if n == 1 {
                "1 exercise".to_owned()
            } else {
                format!("{n} exercises")
            };
            let said = format!("✓ Marked {counted} done {when} with the planned sets{left}");
            vec![Effect::write(Change::Batch(sessions), said)]
        }
    }
}

/// The key of `command` on the tab, as its hints name it.
fn key(command: Command) -> &'static str {
    keys::key(Context::Checklist, command)
}

fn open_picker(data: &Data) -> Effect {
    let in_plan = data.active_exercises();
    let ids: Vec<String> = data
        .catalogue
        .all()
        .iter()
        .filter(|e| !in_plan.contains(&e.id.as_str()))
        .map(|e| e.id.clone())
        .collect();
    if ids.is_empty() {
        Effect::info("Every exercise of the catalogue is already in your plan")
    } else {
        Effect::open(Modal::Picker(Picker { ids, selected: 0 }))
    }
}

/// Exercise rows the list keeps room for before the summary panel may
/// grow (an 80×24 terminal shows at least this many).
const MIN_ROWS: u16 = 8;

/// Draws the tab.
pub fn render(frame: &mut Frame, area: Rect, view: &View, state: &ChecklistState) {
    let theme = view.theme;
    // The light's reason, the model's label and the phase line are long:
    // the panel grows to hold them wrapped when there is room; on a short
    // terminal it keeps one line each and the list keeps its rows.
    let room = area.height.saturating_sub(MIN_ROWS + 2);
    let full = summary_lines(view, theme, true);
    let wrapped = wrapped_rows(&full, area.width.saturating_sub(2)) + 2;
    let (summary, summary_height, wrap) = if wrapped <= room.min(area.height / 2) {
        (full, wrapped, true)
    } else {
        let inner = area.width.saturating_sub(2);
        let short: Vec<Line> = summary_lines(view, theme, false)
            .into_iter()
            .map(|l| fit(l, inner))
            .collect();
        let height = (short.len() as u16 + 2).min(room.max(3));
        (short, height, false)
    };
    let [summary_area, list_area] =
        Layout::vertical([Constraint::Length(summary_height), Constraint::Min(3)]).areas(area);
    let mut paragraph = Paragraph::new(summary).block(theme.panel(" Load, week and phase "));
    if wrap {
        paragraph = paragraph.wrap(Wrap { trim: true });
    }
    frame.render_widget(paragraph, summary_area);

    let rows = rows(view.data, state.date);
    let selected = {
        let mut s = state.selected.clone();
        s.sync(&ids(&rows))
    };
    let date = state.date.format("%a %Y-%m-%d");
    let title = if state.date == view.today {
        format!(" Exercises · {date} (today) ")
    } else {
        format!(" Exercises · {date} · not today: {} goes back ", key(Command::Today))
    };
    let block = theme.panel(cut_line(&title, usize::from(list_area.width.saturating_sub(2))));
    if rows.is_empty() {
        let empty = Paragraph::new(format!(
            "Your plan is empty. Press {} to add an exercise from the catalogue.",
            key(Command::AddExercise)
        ))
        .style(theme.style(Meaning::Muted))
        .block(block);
        frame.render_widget(empty, list_area);
        return;
    }
    let height = list_area.height.saturating_sub(2) as usize;
    let kinds = {
        let mut k: Vec<ExerciseKind> = rows.iter().map(|r| r.exercise.kind).collect();
        k.dedup();
        k.len()
    };
    // Headings for each kind when everything fits; otherwise the kind is a
    // short tag on the row, so no row is given up to a heading.
    let headings = rows.len() + kinds <= height;
    let mut items = Vec::with_capacity(rows.len() + kinds);
    let mut selected_item = 0;
    let mut last_kind = None;
    // Room for the border, the marker, the box, the pain and some dose; no
    // wider than the longest name, so the dose gets the rest.
    let longest = rows.iter().map(|r| width(&r.exercise.name)).max().unwrap_or(12);
    let name_width = (list_area.width as usize)
        .saturating_sub(4 + 4 + 8 + 24)
        .clamp(12, 40)
        .min(longest);
    for (i, row) in rows.iter().enumerate() {
        if headings && last_kind != Some(row.exercise.kind) {
            last_kind = Some(row.exercise.kind);
            items.push(Line::styled(
                row.exercise.kind.name().to_uppercase(),
                theme.style(Meaning::Title),
            ));
        }
        if i == selected {
            selected_item = items.len();
        }
        // A twice-daily exercise shows its sessions: "1/2".
        // A session stopped early shows its sets, never a tick: "1/5 sets".
        let partial = row.done.and_then(|c| crate::clinical::partial_sets(c, &row.entry.dose));
        let check = match (row.entry.per_day, row.done, partial) {
            (1, _, Some((done, planned))) => format!("{done}/{planned} sets"),
            (1, Some(_), None) => "[x]".to_owned(),
            (1, None, _) => "[ ]".to_owned(),
            (n, done, partial) => {
                let sessions = format!("{}/{n}", done.map_or(0, |c| c.sessions.min(n)));
                match partial {
                    Some((done, planned)) => format!("{sessions} {done}/{planned} sets"),
                    None => sessions,
                }
            }
        };
        let pain = match row.done.and_then(|c| c.pain) {
            Some(p) => format!("pain {:>2}", p.value()),
            None if row.done.is_some() => "pain  –".to_owned(),
            None => String::new(),
        };
        let mut spans = vec![
            Span::raw(format!(
                "{check} {} ",
                pad(take_columns(&row.exercise.name, name_width), name_width)
            )),
            Span::raw(format!("{pain:<7} ")),
        ];
        if !headings {
            let kind: String = row.exercise.kind.name().chars().take(8).collect();
            spans.push(Span::styled(format!("{kind:<9}"), theme.style(Meaning::Muted)));
        }
        match paused_mark(row.exercise, &view.data.assessment, theme) {
            Some(mark) => spans.push(mark),
            None => spans.push(Span::styled(row.entry.dose.clone(), theme.style(Meaning::Muted))),
        }
        // Borders and the marker take 4 columns; what does not fit ends at
        // a word with "…" (`i` shows the dose whole).
        items.push(fit(Line::from(spans), list_area.width.saturating_sub(4)));
    }
    let offset = window_offset(selected_item, items.len(), height);
    let below = items.len().saturating_sub(offset + height);
    let block = match more(offset, below) {
        Some(marker) => block.title_bottom(Line::styled(marker, theme.style(Meaning::Muted)).right_aligned()),
        None => block,
    };
    let shown: Vec<ListItem> = items.into_iter().skip(offset).take(height).map(ListItem::new).collect();
    let list = List::new(shown)
        .block(block)
        .highlight_symbol("▸ ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .highlight_style(theme.style(Meaning::Selected));
    let mut list_state = ListState::default().with_selected(Some(selected_item - offset));
    frame.render_stateful_widget(list, list_area, &mut list_state);
}

/// The summary panel ("Load, week and phase"; never "progress", which a
/// STOP light would contradict): today's light and why, the model's label, the
/// week and streak, and the phase. `full` adds the model's source line.
fn summary_lines(view: &View, theme: Theme, full: bool) -> Vec<Line<'static>> {
    let (done, planned) = adherence(view.data);
    let days = match view.data.streak {
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    };
    let guidance = &view.data.assessment.guidance;
    let (light, meaning) = light_text(guidance.light);
    // The engine's last reason names the model it borrows from; the first
    // is the one that decided the light. The rest are one key away.
    let (first, source) = match guidance.because.as_slice() {
        [] => ("", ""),
        [only] => (only.as_str(), ""),
        [first, .., last] => (first.as_str(), last.as_str()),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Load today: "),
            Span::styled(light, theme.style(meaning)),
            Span::styled(format!(" — {first}"), theme.style(Meaning::Normal)),
        ]),
        Line::raw(if planned == 0 && !view.data.active_exercises().is_empty() {
            // Everything in the plan is paused: no count to show.
            format!("This week: every exercise in the plan is paused by a warning · streak {days}")
        } else {
            format!(
                "This week ({}–today) {done}/{planned} done ({}) · streak {days}",
                view.data.week.abbrev().0,
                adherence::percent(done, planned)
            )
        }),
        Line::raw(phase_details::summary(&view.data.phase)),
    ];
    if full && !source.is_empty() {
        lines.insert(1, Line::styled(source.to_owned(), theme.style(Meaning::Muted)));
    }
    // Today's run cap (Frandsen et al. 2025), in the config's unit.
    if full && let Some(cap) = view.data.run_cap_line(view.units) {
        lines.push(Line::raw(cap));
    }
    lines
}
