//! The guided session (issue 12): `g` on a Checklist exercise whose dose
//! has sets of reps or holds opens a full-screen timer. It shows the set,
//! counts holds and rests down, counts reps (with a tempo cue for eccentric
//! drops: up on both feet, 3 s down on one), pauses, and at the end records
//! the sets done and asks for the pain during (0–10).
//!
//! It starts with a get-ready countdown, rings the terminal bell at every
//! change between hold, rest and set (the shell writes the BEL bytes that
//! [`Session::take_bells`] hands it, unless the config says `bell = false`),
//! counts the reps of an exercise with a tempo by itself (Space still
//! counts one at once), and takes the rest and the tempo from the dose when
//! it gives them ("rest 1-2 min", "3 s down").
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
/// The get-ready countdown before the first set, in seconds.
pub const READY_SECONDS: u32 = 5;
/// The eccentric tempo when the dose does not say: this long lowering,
/// then this long up.
const DOWN_MS: u32 = 3000;
const UP_MS: u32 = 1000;

/// The longest rest and the longest part of a tempo a dose can give, in
/// seconds (a typed dose is the user's: never an overflow).
const MAX_REST: u32 = 3600;
const MAX_TEMPO: u32 = 60;

/// A rep's tempo: up, then down (lowering), in ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tempo {
    pub up: u32,
    pub down: u32,
}

impl Tempo {
    fn cycle(self) -> u32 {
        (self.up + self.down).max(1)
    }
}

/// The low end of "30", "30-45" or "1-2" (a range's first number).
fn low_end(word: &str) -> Option<u32> {
    let word = word.trim_end_matches([',', ';', ')', '.']);
    word.split(['-', '–']).next()?.parse().ok()
}

/// Seconds in a unit word: "s", "sec", "seconds", "min", "minutes".
fn unit_seconds(word: &str) -> Option<u32> {
    match word.trim_end_matches([',', ';', ')', '.']) {
        "s" | "sec" | "secs" | "seconds" => Some(1),
        "min" | "mins" | "minute" | "minutes" => Some(60),
        _ => None,
    }
}

/// The rest the dose gives between sets ("rest 1-2 min between": 60 s),
/// at its low end; `None` when it gives none.
pub fn dose_rest(dose: &str) -> Option<u32> {
    let words: Vec<&str> = dose.split_whitespace().collect();
    words.windows(3).find_map(|w| match w {
        [rest, n, unit] if rest.eq_ignore_ascii_case("rest") => {
            Some(low_end(n)?.saturating_mul(unit_seconds(unit)?).min(MAX_REST))
        }
        _ => None,
    })
}

/// The tempo the dose gives ("3 s down, 1 s up"), each part defaulting to
/// `default`'s; `None` when it names neither.
pub fn dose_tempo(dose: &str, default: Tempo) -> Option<Tempo> {
    let words: Vec<&str> = dose.split_whitespace().collect();
    let part = |which: &str| {
        words.windows(3).find_map(|w| match w {
            [n, unit, dir] if dir.trim_end_matches([',', ';', ')', '.']) == which => {
                Some(low_end(n)?.saturating_mul(unit_seconds(unit)?).min(MAX_TEMPO) * 1000)
            }
            _ => None,
        })
    };
    let (up, down) = (part("up"), part("down"));
    (up.is_some() || down.is_some()).then(|| Tempo {
        up: up.unwrap_or(default.up),
        down: down.unwrap_or(default.down),
    })
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The get-ready countdown before the first set, `left` ms to go.
    Ready { left: u32 },
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
    /// A rep's tempo, when the exercise has one: reps then count by
    /// themselves.
    pub tempo: Option<Tempo>,
    /// Ms into the rep under way (for the tempo's count and cue).
    pub into_rep: u32,
    /// Bells rung and not yet handed to the shell.
    pub bells: u32,
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
        let eccentric = tags.contains(&ExerciseTag::Eccentric);
        let default = Tempo {
            up: UP_MS,
            down: DOWN_MS,
        };
        let tempo = match dose_tempo(&entry.dose, default) {
            Some(tempo) => Some(tempo),
            None => eccentric.then_some(default),
        };
        Some(Session {
            exercise: entry.exercise.clone(),
            name: name.to_owned(),
            date,
            sets: shape.sets,
            reps: shape.reps,
            hold: shape.seconds,
            rest: dose_rest(&entry.dose).unwrap_or(REST_SECONDS),
            eccentric,
            tempo: tempo.filter(|_| shape.reps.is_some()),
            into_rep: 0,
            bells: 0,
            set: 1,
            stage: Stage::Ready {
                left: READY_SECONDS * 1000,
            },
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
        self.bells += 1;
        self.stage = if self.set >= self.sets {
            Stage::Pain
        } else {
            Stage::Rest { left: self.rest * 1000 }
        };
    }

    /// The next set starts (the first, after the countdown).
    fn next_set(&mut self) {
        if !matches!(self.stage, Stage::Ready { .. }) {
            self.set += 1;
        }
        self.bells += 1;
        self.into_rep = 0;
        self.stage = Stage::Work { elapsed: 0, reps: 0 };
    }

    /// A rep counted (by the tempo or by Space); the set ends at the
    /// dose's count.
    fn count_rep(&mut self, elapsed: u32, reps: u32) {
        self.into_rep = 0;
        self.stage = Stage::Work {
            elapsed,
            reps: reps + 1,
        };
        if self.reps.is_some_and(|target| reps + 1 >= target) {
            self.finish_set();
        }
    }

    /// The bells rung since the last call, for the shell to write (one BEL
    /// byte each) and forget.
    pub fn take_bells(&mut self) -> u32 {
        std::mem::take(&mut self.bells)
    }

    /// `ms` milliseconds went by.
    pub fn tick(&mut self, ms: u32) {
        if self.paused {
            return;
        }
        match self.stage {
            Stage::Ready { left } if left <= ms => self.next_set(),
            Stage::Ready { left } => self.stage = Stage::Ready { left: left - ms },
            Stage::Work { elapsed, reps } => {
                let elapsed = elapsed.saturating_add(ms);
                self.stage = Stage::Work { elapsed, reps };
                if self.hold.is_some_and(|hold| elapsed >= hold * 1000) {
                    self.finish_set();
                } else if let Some(tempo) = self.tempo {
                    // The tempo counts a rep at the end of each cycle.
                    self.into_rep = self.into_rep.saturating_add(ms);
                    while self.into_rep >= tempo.cycle() {
                        let left = self.into_rep - tempo.cycle();
                        let Stage::Work { reps, .. } = self.stage else { break };
                        self.count_rep(elapsed, reps);
                        self.into_rep = left;
                    }
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
        // Space counts a rep (the set ends at the dose's count; with a
        // tempo, the count goes on from it), ends a rest or the countdown.
        (Command::Toggle, Stage::Work { elapsed, reps }) if s.reps.is_some() && !s.paused => s.count_rep(elapsed, reps),
        (Command::Toggle, Stage::Rest { .. } | Stage::Ready { .. }) => s.next_set(),
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
        (Command::Cancel, Stage::Ready { .. }) => {
            return Reply::close().with(Effect::info("Session closed: nothing recorded"));
        }
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
        Stage::Ready { left } => (
            format!("GET READY {}", clock(left)),
            format!(
                "The first set starts by itself; {} starts it now.",
                key(Command::Toggle)
            ),
        ),
        Stage::Work { elapsed, reps } => match (s.hold, s.reps) {
            (Some(hold), _) => (
                format!("HOLD {}", clock((hold * 1000).saturating_sub(elapsed))),
                "Hold the position; the set ends by itself.".to_owned(),
            ),
            (None, Some(target)) if s.tempo.is_some() => {
                let tempo = s.tempo.unwrap_or(Tempo {
                    up: UP_MS,
                    down: DOWN_MS,
                });
                let within = s.into_rep % tempo.cycle();
                let (up, down) = if s.eccentric {
                    ("UP on both feet", "DOWN slowly on one leg…")
                } else {
                    ("UP", "DOWN slowly…")
                };
                let cue = if within < tempo.up {
                    up.to_owned()
                } else {
                    format!("{down} {}", clock(tempo.cycle() - within))
                };
                (
                    format!("REP {reps} of {target}"),
                    format!(
                        "{cue} · reps count by themselves ({} s down, {} s up); {} counts one now",
                        tempo.down / 1000,
                        tempo.up / 1000,
                        key(Command::Toggle)
                    ),
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
    } else if matches!(s.stage, Stage::Ready { .. }) {
        format!("{} sets", s.sets)
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
        assert_eq!(s.stage, Stage::Ready { left: 5000 }, "a get-ready countdown first");
        s.tick(4750);
        assert_eq!((s.stage, s.take_bells()), (Stage::Ready { left: 250 }, 0));
        s.tick(250);
        assert_eq!(s.take_bells(), 1, "a bell when the first set starts");
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
        assert_eq!((s.done, s.take_bells()), (1, 1), "hold to rest rings");
        s.tick(60_000);
        assert_eq!((s.set, s.stage), (2, Stage::Work { elapsed: 0, reps: 0 }));
        assert_eq!(s.take_bells(), 1, "rest to set rings");
        s.tick(30_000);
        assert_eq!(s.stage, Stage::Pain);
        assert_eq!((s.done, s.take_bells()), (2, 1));
    }

    #[test]
    fn rest_and_tempo_come_from_the_dose_where_it_gives_them() {
        assert_eq!(dose_rest("5 holds of 30-45 s, rest 1-2 min between"), Some(60));
        assert_eq!(dose_rest("3 x 15, rest 90 s"), Some(90));
        assert_eq!(dose_rest("3 x 15, twice daily (Alfredson 1998)"), None);
        assert_eq!(dose_rest("3 x 15, rest 99999999999 min"), None, "not a number we take");
        assert_eq!(dose_rest("3 x 15, rest 4000000 min"), Some(3600), "never past an hour");
        let default = Tempo { up: 1000, down: 3000 };
        assert_eq!(
            dose_tempo("3 x 15, 4 s down", default),
            Some(Tempo { up: 1000, down: 4000 })
        );
        assert_eq!(dose_tempo("3 x 15", default), None);
        let s = Session::start(
            &entry("5 holds of 30-45 s, rest 1-2 min between", 1),
            "Hold",
            &[],
            day(),
            0,
        )
        .unwrap();
        assert_eq!(s.rest, 60);
        let s = Session::start(&entry("3 x 10, rest 45 s, 2 s down, 2 s up", 1), "Raise", &[], day(), 0).unwrap();
        assert_eq!((s.rest, s.tempo), (45, Some(Tempo { up: 2000, down: 2000 })));
    }

    #[test]
    fn a_tempo_counts_the_reps_by_itself_and_space_counts_one_now() {
        let eccentric = [ExerciseTag::Eccentric];
        let mut s = Session::start(&entry("2 x 3", 1), "Drop", &eccentric, day(), 0).unwrap();
        s.tick(5000);
        s.tick(3999);
        assert_eq!(s.stage, Stage::Work { elapsed: 3999, reps: 0 });
        s.tick(1);
        assert_eq!(
            s.stage,
            Stage::Work { elapsed: 4000, reps: 1 },
            "one 4 s cycle, one rep"
        );
        let mut space = s.clone(); // Space pressed instead, at the same moment
        s.tick(8000);
        assert_eq!(s.stage, Stage::Rest { left: 60_000 }, "3 reps end the set");
        space.count_rep(4000, 1);
        assert_eq!(
            space.stage,
            Stage::Work { elapsed: 4000, reps: 2 },
            "Space counts one at once"
        );
        assert_eq!(space.into_rep, 0, "and the tempo starts again from it");
    }

    #[test]
    fn a_dose_in_words_has_no_session() {
        assert!(Session::start(&entry("short walks through the day", 1), "Walk", &[], day(), 0).is_none());
    }
}
