//! The guided session (issue 12): `g` on a Checklist exercise whose dose
//! has sets of reps or holds opens a full-screen timer. It shows the set,
//! counts holds and rests down, counts reps (with a tempo cue for eccentric
//! drops: up on both feet, 3 s down on one), pauses, and at the end records
//! the sets done and asks for the pain during (0–10).
//!
//! Time comes in as ticks through `update` (the shell sends one a few
//! times a second while a session runs): nothing here reads a clock or
//! sleeps, so the timer is tested with synthetic ticks.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::domain::{Completion, DoseShape, ExerciseTag, PlanEntry, Score};

use crate::ui::app::write::Change;
use crate::ui::app::{Effect, View};
use crate::ui::dialogs::{Modal, Reply};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::theme::Meaning;

/// Rest between sets, in seconds, when the dose does not say.
pub const REST_SECONDS: u32 = 60;
/// The eccentric tempo: this long lowering, then one second up.
const DOWN_MS: u32 = 3000;
const UP_MS: u32 = 1000;

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A set under way: `elapsed` ms into it; `reps` counted so far.
    Work { elapsed: u32, reps: u32 },
    /// Rest before the next set, `left` ms to go.
    Rest { left: u32 },
    /// Every set done (or the session stopped): the pain during, then Enter.
    Pain,
}

/// A running session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub exercise: String,
    pub name: String,
    pub date: NaiveDate,
    pub sets: u32,
    /// Reps per set, for a counted exercise.
    pub reps: Option<u32>,
    /// Seconds per hold, for a timed one.
    pub hold: Option<u32>,
    pub rest: u32,
    /// Eccentric drops: show the tempo cue.
    pub eccentric: bool,
    /// The set under way, from 1.
    pub set: u32,
    pub stage: Stage,
    pub paused: bool,
    /// Sets finished.
    pub done: u32,
    pub pain: Option<u8>,
    /// Sessions a day the plan asks for, and those already done that day.
    pub per_day: u8,
    pub sessions_before: u8,
}

impl Session {
    /// A session for a plan entry whose dose has sets of reps or holds.
    pub fn start(
        entry: &PlanEntry,
        name: &str,
        tags: &[ExerciseTag],
        date: NaiveDate,
        sessions_before: u8,
    ) -> Option<Session> {
        let shape = DoseShape::read(&entry.dose)?;
        if shape.reps.is_none() && shape.seconds.is_none() {
            return None;
        }
        Some(Session {
            exercise: entry.exercise.clone(),
            name: name.to_owned(),
            date,
            sets: shape.sets,
            reps: shape.reps,
            hold: shape.seconds,
            rest: REST_SECONDS,
            eccentric: tags.contains(&ExerciseTag::Eccentric),
            set: 1,
            stage: Stage::Work { elapsed: 0, reps: 0 },
            paused: false,
            done: 0,
            pain: None,
            per_day: entry.per_day,
            sessions_before,
        })
    }

    /// A set is finished: rest, or the pain question after the last.
    fn finish_set(&mut self) {
        self.done = self.set;
        self.stage = if self.set >= self.sets {
            Stage::Pain
        } else {
            Stage::Rest { left: self.rest * 1000 }
        };
    }

    fn next_set(&mut self) {
        self.set += 1;
        self.stage = Stage::Work { elapsed: 0, reps: 0 };
    }

    /// `ms` milliseconds went by.
    pub fn tick(&mut self, ms: u32) {
        if self.paused {
            return;
        }
        match self.stage {
            Stage::Work { elapsed, reps } => {
                let elapsed = elapsed.saturating_add(ms);
                self.stage = Stage::Work { elapsed, reps };
                if self.hold.is_some_and(|hold| elapsed >= hold * 1000) {
                    self.finish_set();
                }
            }
            Stage::Rest { left } if left <= ms => self.next_set(),
            Stage::Rest { left } => self.stage = Stage::Rest { left: left - ms },
            Stage::Pain => {}
        }
    }

    /// Whether the timer needs ticks now.
    pub fn running(&self) -> bool {
        !self.paused && self.stage != Stage::Pain
    }

    /// The completion the session records.
    fn completion(&self) -> Completion {
        Completion {
            date: self.date,
            exercise: self.exercise.clone(),
            sets: (self.done > 0).then_some(self.done),
            pain: self.pain.and_then(|p| Score::new("pain", i64::from(p)).ok()),
            sessions: (self.sessions_before + 1).min(self.per_day.max(1)),
        }
    }
}

/// Keys in the session.
pub fn on_key(mut s: Session, input: Input, _view: &View) -> Reply {
    match (input.command, s.stage) {
        (Command::Pause, _) if s.stage != Stage::Pain => s.paused = !s.paused,
        // Space counts a rep (the set ends at the dose's count) or ends a rest.
        (Command::Toggle, Stage::Work { elapsed, reps }) if s.reps.is_some() && !s.paused => {
            s.stage = Stage::Work {
                elapsed,
                reps: reps + 1,
            };
            if s.reps.is_some_and(|target| reps + 1 >= target) {
                s.finish_set();
            }
        }
        (Command::Toggle, Stage::Rest { .. }) => s.next_set(),
        (Command::Choose, Stage::Work { .. }) => s.finish_set(),
        (Command::SetScore, Stage::Pain) => {
            // One digit, or 1 then 0 for 10.
            s.pain = match (s.pain, input.digit()) {
                (Some(1), Some(0)) => Some(10),
                (_, digit) => digit,
            };
        }
        (Command::ClearScore, Stage::Pain) => s.pain = None,
        (Command::Choose, Stage::Pain) => {
            if s.done == 0 {
                return Reply::close().with(Effect::info("No set finished: nothing recorded"));
            }
            let c = s.completion();
            let pain = c
                .pain
                .map_or("pain not noted".to_owned(), |p| format!("pain during {}/10", p.value()));
            let said = format!("✓ {}: {} of {} sets done, {pain}", s.name, s.done, s.sets);
            return Reply::close().with(Effect::write(Change::Done(c), said));
        }
        // Esc stops: the sets finished so far are offered for recording.
        (Command::Cancel, Stage::Work { .. } | Stage::Rest { .. }) => {
            s.paused = false;
            s.stage = Stage::Pain;
        }
        (Command::Cancel, Stage::Pain) => {
            return Reply::close().with(Effect::info("Session closed: nothing recorded"));
        }
        _ => {}
    }
    Reply::keep(Modal::Session(s))
}

/// "0:45".
fn clock(ms: u32) -> String {
    let seconds = ms.div_ceil(1000);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The key of `command` in the session, as its hints name it.
fn key(command: Command) -> &'static str {
    keys::key(Context::Session, command)
}

/// What the big line says now.
fn headline(s: &Session) -> (String, String) {
    match s.stage {
        Stage::Work { elapsed, reps } => match (s.hold, s.reps) {
            (Some(hold), _) => (
                format!("HOLD {}", clock((hold * 1000).saturating_sub(elapsed))),
                "Hold the position; the set ends by itself.".to_owned(),
            ),
            (None, Some(target)) if s.eccentric => {
                let within = elapsed % (DOWN_MS + UP_MS);
                let cue = if within < UP_MS {
                    "UP on both feet".to_owned()
                } else {
                    format!("DOWN slowly on one leg… {}", clock(DOWN_MS + UP_MS - within))
                };
                (
                    format!("REP {reps} of {target}"),
                    format!("{cue} · {} counts a rep (3 s down, 1 s up)", key(Command::Toggle)),
                )
            }
            (None, Some(target)) => (
                format!("REP {reps} of {target}"),
                format!(
                    "{} counts a rep; {} ends the set.",
                    key(Command::Toggle),
                    key(Command::Choose)
                ),
            ),
            (None, None) => (String::new(), String::new()),
        },
        Stage::Rest { left } => (
            format!("REST {}", clock(left)),
            format!("{} starts the next set now.", key(Command::Toggle)),
        ),
        Stage::Pain => (
            format!("{} of {} sets done", s.done, s.sets),
            format!(
                "Pain during, 0–10 (type it), then {} records; {} records nothing.",
                key(Command::Choose),
                key(Command::Cancel)
            ),
        ),
    }
}

/// Draws the session over the whole screen.
pub fn render(frame: &mut Frame, area: Rect, view: &View, s: &Session) {
    let theme = view.theme;
    frame.render_widget(Clear, area);
    let dose = match (s.hold, s.reps) {
        (Some(hold), _) => format!("{} holds of {hold} s, {} s rest", s.sets, s.rest),
        (None, Some(reps)) => format!("{} sets of {reps}, {} s rest", s.sets, s.rest),
        (None, None) => String::new(),
    };
    let session = if s.per_day > 1 {
        format!(" · session {} of {}", (s.sessions_before + 1).min(s.per_day), s.per_day)
    } else {
        String::new()
    };
    let set = if s.stage == Stage::Pain {
        "finished".to_owned()
    } else {
        format!("set {} of {}", s.set, s.sets)
    };
    let (big, cue) = headline(s);
    let paused = if s.paused {
        format!("PAUSED · {} resumes", key(Command::Pause))
    } else {
        String::new()
    };
    let pain = match (s.stage, s.pain) {
        (Stage::Pain, Some(p)) => format!("pain during: {p}/10"),
        (Stage::Pain, None) => "pain during: –".to_owned(),
        _ => String::new(),
    };
    let lines = vec![
        Line::styled(format!("{} · {set}{session}", s.name), theme.style(Meaning::Title)),
        Line::styled(dose, theme.style(Meaning::Muted)),
        Line::raw(""),
        Line::styled(big, theme.style(Meaning::Success)),
        Line::raw(cue),
        Line::styled(paused, theme.style(Meaning::AlertSoon)),
        Line::raw(pain),
    ];
    let block = theme.panel(" Guided session ").title_bottom(
        Line::styled(
            format!(
                " {} rep / skip rest · {} end set · {} pause · {} stop ",
                key(Command::Toggle),
                key(Command::Choose),
                key(Command::Pause),
                key(Command::Cancel)
            ),
            theme.style(Meaning::Muted),
        )
        .right_aligned(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = (lines.len() as u16).min(inner.height);
    let [_, middle, _] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(height), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(dose: &str, per_day: u8) -> PlanEntry {
        PlanEntry {
            exercise: "x".into(),
            dose: dose.into(),
            active: true,
            per_day,
        }
    }

    fn day() -> NaiveDate {
        "2026-11-21".parse().unwrap_or_default()
    }

    #[test]
    fn holds_count_down_then_rest_then_the_next_set() {
        let mut s = Session::start(&entry("2 holds of 30-45 s", 1), "Hold", &[], day(), 0).unwrap();
        assert_eq!((s.sets, s.hold), (2, Some(30)));
        for _ in 0..119 {
            s.tick(250);
        }
        assert_eq!(
            s.stage,
            Stage::Work {
                elapsed: 29_750,
                reps: 0
            }
        );
        s.tick(250);
        assert_eq!(s.stage, Stage::Rest { left: 60_000 });
        assert_eq!(s.done, 1);
        s.tick(60_000);
        assert_eq!((s.set, s.stage), (2, Stage::Work { elapsed: 0, reps: 0 }));
        s.tick(30_000);
        assert_eq!(s.stage, Stage::Pain);
        assert_eq!(s.done, 2);
    }

    #[test]
    fn a_dose_in_words_has_no_session() {
        assert!(Session::start(&entry("short walks through the day", 1), "Walk", &[], day(), 0).is_none());
    }
}
