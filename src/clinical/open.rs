//! Open warnings and outcomes (SPEC 5.2), computed afresh from the entries
//! and the outcomes every time: nothing about a warning is stored but the
//! outcome, so editing or deleting the entry that fired changes the warning.
//!
//! For each leg the leg's check-ins, its 0-rep heel-raise tests and its
//! outcomes are replayed in date order (an outcome after the entries of its
//! own day) through a small state machine per single-entry rule:
//!
//! - an entry firing at emergency or urgent level opens a warning unless one
//!   is open, or an outcome's presentation still covers it (nothing new);
//! - an open warning takes every later firing entry (level = highest,
//!   `date` = latest) and lapses after 14 check-ins that do not fire;
//! - an outcome closes the open warning when its stored presentation covers
//!   it, and keeps covering later entries until a check-in that does not
//!   fire (the signs went and came back).
//!
//! Replaying ten years would cost more than it tells: the replay starts at
//! the leg's latest run of 14 check-ins in a row that fire no single-entry
//! rule at all. Before such a run every warning has lapsed and every
//! outcome has stopped covering, so the result is the same as replaying
//! everything (a property test checks it). [`history_is_complete`] tells a
//! loader whether the slice it read reaches back to such a run.

use chrono::NaiveDate;

use super::rules::{self, Hit, Hits, SINGLE, single_entry_hits, test_hit};
use super::signs::{self, Signs};
use super::text::{self, Variant};
use super::{Flag, History, Level, RuleId, dated_between};
use crate::domain::{CapacityTest, CheckIn, Leg, Outcome, OutcomeResult, Presentation};

/// Check-ins in a row without the sign that close a warning (SPEC 5.2).
pub const LAPSE_CHECKINS: u32 = 14;

/// A single-entry flag older than this many days says how old its entry is.
const STALE_AFTER_DAYS: i64 = 2;

/// One warning from opening to closing, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Episode {
    pub rule: RuleId,
    pub leg: Leg,
    pub level: Level,
    pub since: NaiveDate,
    /// The latest entry that fired it.
    pub last_fired: NaiveDate,
    pub title: String,
    pub end: EpisodeEnd,
}

/// How a warning ended, or that it has not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EpisodeEnd {
    Open,
    /// 14 check-ins without the sign; the date of the 14th.
    Lapsed(NaiveDate),
    Outcome {
        date: NaiveDate,
        result: OutcomeResult,
        note: Option<String>,
    },
}

/// Where an entry came from: a check-in or a capacity test.
#[derive(Debug, Clone, Copy)]
enum Source<'a> {
    CheckIn(&'a CheckIn),
    Test(&'a CapacityTest),
}

impl Source<'_> {
    fn date(&self) -> NaiveDate {
        match self {
            Source::CheckIn(c) => c.date,
            Source::Test(t) => t.date,
        }
    }

    fn because(&self, hit: &Hit) -> Vec<String> {
        match self {
            Source::CheckIn(c) => rules::check_in_because(hit, c),
            Source::Test(t) => rules::test_because(t),
        }
    }
}

/// One step of the replay.
#[derive(Debug, Clone, Copy)]
enum Event<'a> {
    Entry(Source<'a>),
    Outcome(&'a Outcome, RuleId),
}

impl Event<'_> {
    /// Sort key: by date; check-ins, then tests, then outcomes of that date.
    fn key(&self) -> (NaiveDate, u8) {
        match self {
            Event::Entry(Source::CheckIn(c)) => (c.date, 0),
            Event::Entry(Source::Test(t)) => (t.date, 1),
            Event::Outcome(o, _) => (o.date, 2),
        }
    }
}

/// An open warning of one rule.
#[derive(Debug, Clone, Copy)]
struct Open<'a> {
    since: NaiveDate,
    /// Index of the opening event, to look back at when an outcome covers
    /// only part of the warning.
    start: usize,
    level: Level,
    signs: Signs,
    latest: (Source<'a>, Hit),
    /// The wording of the most urgent entry (the latest of those).
    variant: Variant,
    clean: u32,
}

impl<'a> Open<'a> {
    fn new(start: usize, source: Source<'a>, hit: Hit) -> Open<'a> {
        Open {
            since: source.date(),
            start,
            level: hit.level,
            signs: hit.signs,
            latest: (source, hit),
            variant: hit.variant,
            clean: 0,
        }
    }

    fn fired(&mut self, source: Source<'a>, hit: Hit) {
        if hit.level <= self.level {
            self.variant = hit.variant;
        }
        self.level = self.level.min(hit.level);
        self.signs |= hit.signs;
        self.latest = (source, hit);
        self.clean = 0;
    }
}

/// What an outcome stored, as bits.
#[derive(Debug, Clone, Copy)]
struct Cover {
    level: Level,
    signs: Signs,
}

impl Cover {
    /// True when `hit` shows something new: a sign not covered, or a
    /// higher level.
    fn is_new(&self, hit: &Hit) -> bool {
        hit.signs & !self.signs != 0 || hit.level < self.level
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct RuleState<'a> {
    open: Option<Open<'a>>,
    cover: Option<Cover>,
}

/// The replay of one leg as of a date.
struct LegReplay<'a> {
    leg: Leg,
    date: NaiveDate,
    /// The leg's newest check-in dated on or before `date`.
    latest: Option<&'a CheckIn>,
    latest_hits: Hits,
    rules: [RuleState<'a>; SINGLE],
    episodes: Option<Vec<Episode>>,
}

/// The leg's check-ins up to `date`, newest first.
fn leg_checkins<'a>(history: &History<'a>, leg: Leg, date: NaiveDate) -> impl Iterator<Item = &'a CheckIn> + 'a {
    dated_between(history.checkins, |c| c.date, NaiveDate::MIN, date)
        .iter()
        .rev()
        .filter(move |c| c.leg == leg)
}

/// The date the replay of `leg` may start from: the oldest check-in of the
/// leg's latest run of [`LAPSE_CHECKINS`] quiet check-ins. `None` when the
/// slice holds no such run (then everything in it is replayed).
fn quiet_run_start(history: &History<'_>, leg: Leg, date: NaiveDate, risk: Signs) -> Option<NaiveDate> {
    let mut quiet = 0;
    for c in leg_checkins(history, leg, date) {
        if single_entry_hits(c, risk).iter().any(Option::is_some) {
            quiet = 0;
        } else {
            quiet += 1;
            if quiet == LAPSE_CHECKINS {
                return Some(c.date);
            }
        }
    }
    None
}

/// True when the check-ins of `history` reach back far enough for the open
/// warnings as of `date`: on each leg a run of 14 check-ins in a row that
/// fire no single-entry rule. A loader that read only recent check-ins reads
/// older ones while this is false and the journal has older ones.
pub fn history_is_complete(history: &History<'_>, date: NaiveDate) -> bool {
    let risk = signs::profile_risk(history.profile);
    Leg::BOTH
        .into_iter()
        .all(|leg| quiet_run_start(history, leg, date, risk).is_some())
}

impl<'a> LegReplay<'a> {
    fn run(history: &History<'a>, leg: Leg, date: NaiveDate, from_start: bool) -> LegReplay<'a> {
        let risk = signs::profile_risk(history.profile);
        let start = if from_start {
            NaiveDate::MIN
        } else {
            quiet_run_start(history, leg, date, risk).unwrap_or(NaiveDate::MIN)
        };
        let mut events: Vec<Event<'a>> = dated_between(history.checkins, |c| c.date, start, date)
            .iter()
            .filter(|c| c.leg == leg)
            .map(|c| Event::Entry(Source::CheckIn(c)))
            .collect();
        events.extend(
            dated_between(history.tests, |t| t.date, start, date)
                .iter()
                .filter(|t| t.leg == leg && t.reps == 0)
                .map(|t| Event::Entry(Source::Test(t))),
        );
        events.extend(
            dated_between(history.outcomes, |o| o.date, start, date)
                .iter()
                .filter(|o| o.leg == leg)
                .filter_map(|o| {
                    let rule = RuleId::parse(&o.rule)?;
                    rule.is_single_entry().then_some(Event::Outcome(o, rule))
                }),
        );
        // Stable, so check-ins keep their order within a day.
        events.sort_by_key(Event::key);

        let latest = leg_checkins(history, leg, date).next();
        let mut replay = LegReplay {
            leg,
            date,
            latest,
            latest_hits: latest.map_or([None; SINGLE], |c| single_entry_hits(c, risk)),
            rules: [RuleState::default(); SINGLE],
            episodes: from_start.then(Vec::new),
        };
        for (i, event) in events.iter().enumerate() {
            match *event {
                Event::Entry(source) => {
                    let hits = match source {
                        Source::CheckIn(c) => single_entry_hits(c, risk),
                        Source::Test(t) => {
                            let mut hits = [None; SINGLE];
                            hits[RuleId::Rupture as usize] = test_hit(t);
                            hits
                        }
                    };
                    for (r, hit) in hits.iter().enumerate() {
                        match hit {
                            Some(hit) => replay.fired(r, i, source, *hit),
                            None if matches!(source, Source::CheckIn(_)) => replay.clean(r, source.date()),
                            None => {}
                        }
                    }
                }
                Event::Outcome(outcome, rule) => replay.outcome(&events, i, outcome, rule, risk),
            }
        }
        if let Some(episodes) = replay.episodes.as_mut() {
            for (r, state) in replay.rules.iter().enumerate() {
                if let Some(open) = &state.open {
                    episodes.push(episode(RuleId::ALL[r], leg, open, EpisodeEnd::Open));
                }
            }
        }
        replay
    }

    fn fired(&mut self, r: usize, index: usize, source: Source<'a>, hit: Hit) {
        let state = &mut self.rules[r];
        let new = state.cover.is_none_or(|cover| cover.is_new(&hit));
        if let Some(open) = state.open.as_mut() {
            open.fired(source, hit);
        } else if new && hit.level <= Level::Urgent {
            state.open = Some(Open::new(index, source, hit));
            state.cover = None;
        }
    }

    /// A check-in that does not fire rule `r`.
    fn clean(&mut self, r: usize, date: NaiveDate) {
        let state = &mut self.rules[r];
        // Events come in date order with outcomes last on their day, so this
        // check-in is dated after any outcome seen so far: the signs went.
        state.cover = None;
        if let Some(open) = state.open.as_mut() {
            open.clean += 1;
            if open.clean >= LAPSE_CHECKINS {
                let open = *open;
                state.open = None;
                if let Some(episodes) = self.episodes.as_mut() {
                    episodes.push(episode(RuleId::ALL[r], self.leg, &open, EpisodeEnd::Lapsed(date)));
                }
            }
        }
    }

    fn outcome(&mut self, events: &[Event<'a>], index: usize, outcome: &Outcome, rule: RuleId, risk: Signs) {
        let r = rule as usize;
        let state = &mut self.rules[r];
        let cover = match &outcome.presentation {
            Some(p) => Cover {
                level: parse_level(&p.level),
                signs: signs::parse_all(&p.signs),
            },
            // No stored presentation (a hand-made import): it covers what is
            // open now, or nothing.
            None => state.open.map_or(
                Cover {
                    level: Level::Watch,
                    signs: 0,
                },
                |open| Cover {
                    level: open.level,
                    signs: open.signs,
                },
            ),
        };
        if let Some(open) = state.open.take() {
            // Entries of the warning that show something the outcome did not
            // see were saved or edited after it: they stay a warning.
            let mut rest: Option<Open<'a>> = None;
            for (i, event) in events.iter().enumerate().take(index).skip(open.start) {
                let Event::Entry(source) = *event else { continue };
                let hit = match source {
                    Source::CheckIn(c) => single_entry_hits(c, risk)[r],
                    Source::Test(t) if rule == RuleId::Rupture => test_hit(t),
                    Source::Test(_) => None,
                };
                match (hit, rest.as_mut()) {
                    (Some(hit), Some(open)) => open.fired(source, hit),
                    (Some(hit), None) if cover.is_new(&hit) && hit.level <= Level::Urgent => {
                        rest = Some(Open::new(i, source, hit));
                    }
                    (None, Some(open)) if matches!(source, Source::CheckIn(_)) => open.clean += 1,
                    _ => {}
                }
            }
            if rest.is_none()
                && let Some(episodes) = self.episodes.as_mut()
            {
                let end = EpisodeEnd::Outcome {
                    date: outcome.date,
                    result: outcome.result,
                    note: outcome.note.clone(),
                };
                episodes.push(episode(rule, self.leg, &open, end));
            }
            state.open = rest;
        }
        state.cover = Some(cover);
    }

    /// The flag of single-entry rule `r` as of the replay's date, if any.
    fn flag(&self, r: usize) -> Option<Flag> {
        let rule = RuleId::ALL[r];
        let state = &self.rules[r];
        let stale = self.stale_line();
        if let Some(open) = &state.open {
            let (source, hit) = open.latest;
            let mut because = source.because(&hit);
            because.push(format!(
                "open since {}: it stays until you record what came of it (soleus outcome {}) or until {} {} calf \
                 check-ins in a row come without it ({} so far)",
                open.since, rule, LAPSE_CHECKINS, self.leg, open.clean
            ));
            because.extend(stale);
            return Some(Flag {
                rule,
                level: open.level,
                leg: self.leg,
                date: source.date(),
                since: open.since,
                title: text::title(rule, open.variant).to_owned(),
                advice: text::advice(rule, open.variant).to_owned(),
                because,
            });
        }
        let entry = self.latest?;
        let hit = self.latest_hits[r]?;
        if state.cover.is_some_and(|cover| !cover.is_new(&hit)) {
            return None;
        }
        let mut because = rules::check_in_because(&hit, entry);
        because.extend(stale);
        Some(Flag {
            rule,
            level: hit.level,
            leg: self.leg,
            date: entry.date,
            since: entry.date,
            title: text::title(rule, hit.variant).to_owned(),
            advice: text::advice(rule, hit.variant).to_owned(),
            because,
        })
    }

    /// "last check-in of the left calf: 2026-06-10, 5 days ago" when the
    /// leg's latest check-in is older than `D-2`.
    fn stale_line(&self) -> Option<String> {
        let latest = self.latest?;
        let age = (self.date - latest.date).num_days();
        (age > STALE_AFTER_DAYS).then(|| {
            format!(
                "last check-in of the {} calf: {}, {age} days ago",
                self.leg, latest.date
            )
        })
    }

    /// The presentation an outcome for rule `r` would store now.
    fn presentation(&self, r: usize) -> Option<Presentation> {
        let state = &self.rules[r];
        let (level, signs) = match &state.open {
            Some(open) => (open.level, open.signs),
            None => {
                let hit = self.latest_hits[r]?;
                (hit.level, hit.signs)
            }
        };
        Some(Presentation {
            level: level.name().to_owned(),
            signs: signs::names(signs),
        })
    }
}

fn episode(rule: RuleId, leg: Leg, open: &Open<'_>, end: EpisodeEnd) -> Episode {
    Episode {
        rule,
        leg,
        level: open.level,
        since: open.since,
        last_fired: open.latest.0.date(),
        title: text::title(rule, open.variant).to_owned(),
        end,
    }
}

fn parse_level(name: &str) -> Level {
    match name {
        "emergency" => Level::Emergency,
        "urgent" => Level::Urgent,
        "soon" => Level::Soon,
        _ => Level::Watch,
    }
}

/// The single-entry flags of one leg as of `date` (SPEC 5.1, 5.2).
pub(super) fn single_entry_flags(history: &History<'_>, leg: Leg, date: NaiveDate) -> Vec<Flag> {
    let replay = LegReplay::run(history, leg, date, false);
    (0..SINGLE).filter_map(|r| replay.flag(r)).collect()
}

/// The flag of `rule` for `leg` active on `date` and the presentation an
/// outcome recorded now would store (`None` for trend rules); `None` when
/// no such flag is active, which makes an outcome bad input.
pub fn presentation_of(
    history: &History<'_>,
    date: NaiveDate,
    rule: RuleId,
    leg: Leg,
) -> Option<(Flag, Option<Presentation>)> {
    let flag = super::flags(history, date)
        .into_iter()
        .find(|f| f.rule == rule && f.leg == leg)?;
    if !rule.is_single_entry() {
        return Some((flag, None));
    }
    let replay = LegReplay::run(history, leg, date, false);
    let presentation = replay.presentation(rule as usize);
    Some((flag, presentation))
}

/// Every emergency and urgent warning of the history as of `date`, both
/// legs, oldest first: for the report's warning table.
pub fn episodes(history: &History<'_>, date: NaiveDate) -> Vec<Episode> {
    let mut all: Vec<Episode> = Leg::BOTH
        .into_iter()
        .flat_map(|leg| LegReplay::run(history, leg, date, true).episodes.unwrap_or_default())
        .collect();
    all.sort_by_key(|e| (e.since, e.level, e.rule, e.leg));
    all
}
