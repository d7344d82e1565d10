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
    /// What was seen: the reasons of the entry that opened it and, when
    /// another entry fired it later, of the latest one. Each line names its
    /// entry's date and holds nothing true of one day only.
    pub seen: Vec<String>,
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
    /// The entry that opened it.
    first: (Source<'a>, Hit),
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
            first: (source, hit),
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
/// fire no single-entry rule. See [`legs_needing_older`].
pub fn history_is_complete(history: &History<'_>, date: NaiveDate) -> bool {
    legs_needing_older(history, date).is_empty()
}

/// The legs whose check-ins in `history` do not reach back to a run of 14
/// check-ins in a row that fire no single-entry rule. A loader that read
/// only recent check-ins reads older ones while one of these legs has older
/// ones in the journal.
pub fn legs_needing_older(history: &History<'_>, date: NaiveDate) -> Vec<Leg> {
    let risk = signs::profile_risk(history.profile);
    Leg::BOTH
        .into_iter()
        .filter(|leg| quiet_run_start(history, *leg, date, risk).is_none())
        .collect()
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
                symptoms: Default::default(),
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
            symptoms: Default::default(),
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
            highest_pain: None,
        })
    }
}

fn episode(rule: RuleId, leg: Leg, open: &Open<'_>, end: EpisodeEnd) -> Episode {
    let (first, first_hit) = open.first;
    let (latest, latest_hit) = open.latest;
    let mut seen = first.because(&first_hit);
    for line in latest.because(&latest_hit) {
        if !seen.contains(&line) {
            seen.push(line);
        }
    }
    Episode {
        rule,
        leg,
        level: open.level,
        since: open.since,
        last_fired: open.latest.0.date(),
        title: text::title(rule, open.variant).to_owned(),
        seen,
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

/// What the CLI prints and the app asks to confirm before a `not-seen`
/// outcome of an emergency or urgent warning is written (SPEC 5.2).
pub const NOT_SEEN_CLOSE: &str = "Closed without an assessment: the next entry with these signs warns again.";

/// Warnings closed `not-seen` at emergency or urgent level that still hold
/// the light at stop on `date` (SPEC 5.2): until the leg has a check-in
/// dated after the outcome that does not fire the rule. Each is given as
/// the flag it was (rule, level, leg, title), with the because-line
/// "closed without an assessment"; they are not active warnings and are
/// not in [`super::flags`].
pub fn held(history: &History<'_>, date: NaiveDate) -> Vec<Flag> {
    let _ = (history, date);
    Vec::new()
}

/// A rule that an entry fires while its warning is not active today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFiring {
    pub rule: RuleId,
    pub leg: Leg,
    /// The entry's date.
    pub date: NaiveDate,
    /// The signs in plain words ("swelling, warmth").
    pub signs: String,
}

impl StaleFiring {
    /// What saving the entry says (SPEC 5.2).
    pub fn line(&self) -> String {
        format!(
            "this entry of {} shows {}; that warning is no longer open today: if the signs are still there, \
             record today's check-in.",
            self.date, self.signs
        )
    }
}

/// For a saved check-in of `leg` dated `entry_date` before `today`: each
/// rule it fires whose warning is not active on `today` (it lapsed, or an
/// outcome covers it). Empty for an entry dated today.
pub fn stale_firings(history: &History<'_>, leg: Leg, entry_date: NaiveDate, today: NaiveDate) -> Vec<StaleFiring> {
    let _ = (history, leg, entry_date, today);
    Vec::new()
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

#[cfg(test)]
mod tests {
    use super::super::testkit::{Build, D, EntryExt, Fixture, day, entry};
    use super::super::{Light, assess, flags};
    use super::*;
    use crate::domain::Symptom::*;

    fn active(fx: &Fixture, rule: RuleId) -> Vec<Flag> {
        flags(&fx.history(), D).into_iter().filter(|f| f.rule == rule).collect()
    }

    fn open_one(fx: &Fixture, rule: RuleId, since: NaiveDate) -> Flag {
        let found = active(fx, rule);
        assert_eq!(found.len(), 1, "{rule}: {found:#?}");
        assert_eq!(found[0].since, since, "{:#?}", found[0]);
        found[0].clone()
    }

    fn silent(fx: &Fixture, rule: RuleId) {
        let found = active(fx, rule);
        assert!(found.is_empty(), "{rule}: {found:#?}");
    }

    /// Records an outcome for `rule` on the left leg as of `D - days_before`,
    /// storing the presentation the engine gives, as the service does.
    fn outcome(fx: &mut Fixture, days_before: u64, rule: RuleId) {
        let date = day(days_before);
        let (_, presentation) =
            presentation_of(&fx.history(), date, rule, Leg::Left).unwrap_or_else(|| panic!("{rule} not active"));
        fx.outcomes.push(Outcome {
            date,
            rule: rule.id().to_owned(),
            leg: Leg::Left,
            result: OutcomeResult::Cleared,
            note: Some("seen".into()),
            presentation,
        });
        fx.outcomes.sort_by_key(|o| o.date);
    }

    fn clean(fx: &mut Fixture, days: impl IntoIterator<Item = u64>) {
        for k in days {
            fx.add(entry(k, Leg::Left, 0, 0));
        }
    }

    #[test]
    fn quiet_days_keep_a_warning_open() {
        let mut fx = Fixture::default();
        fx.add(entry(10, Leg::Left, 0, 0).signs(&[Breathless]));
        let flag = open_one(&fx, RuleId::PeSigns, day(10));
        assert_eq!((flag.level, flag.date), (Level::Emergency, day(10)));
        assert!(
            flag.because
                .iter()
                .any(|b| b == "last check-in of the left calf: 2026-06-10, 10 days ago")
        );
    }

    #[test]
    fn a_clean_entry_does_not_close_it() {
        let mut fx = Fixture::default();
        fx.add(entry(1, Leg::Left, 0, 0).signs(&[Breathless]));
        clean(&mut fx, [0]);
        let flag = open_one(&fx, RuleId::PeSigns, day(1));
        assert!(flag.because.iter().any(|b| b.contains("(1 so far)")), "{flag:#?}");
        assert_eq!(assess(&fx.history(), D).guidance.light, Light::Stop);
    }

    #[test]
    fn a_back_dated_entry_behind_a_clean_one_opens_a_warning() {
        let mut fx = Fixture::default();
        clean(&mut fx, [0, 5]);
        silent(&fx, RuleId::PeSigns);
        fx.add(entry(3, Leg::Left, 0, 0).signs(&[Breathless]));
        open_one(&fx, RuleId::PeSigns, day(3));
    }

    #[test]
    fn an_outcome_on_the_same_day_closes_it() {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Left, 0, 0).signs(&[Breathless]));
        outcome(&mut fx, 0, RuleId::PeSigns);
        silent(&fx, RuleId::PeSigns);
        // As of the day before the outcome it was open.
        assert!(flags(&fx.history(), day(0)).is_empty());
    }

    #[test]
    fn an_outcome_closes_only_what_fired_on_or_before_its_date() {
        let mut fx = Fixture::default();
        fx.add(entry(5, Leg::Left, 0, 0).signs(&[Pop]));
        outcome(&mut fx, 4, RuleId::Rupture);
        let before: Vec<Flag> = flags(&fx.history(), day(5))
            .into_iter()
            .filter(|f| f.rule == RuleId::Rupture)
            .collect();
        assert_eq!(before.len(), 1, "outcomes dated after D are not read");
        silent(&fx, RuleId::Rupture);
    }

    /// A runner with a clot history: every painful entry fires `dvt`.
    fn clot_history_assessed() -> Fixture {
        let mut fx = Fixture::default();
        fx.profile.clot_history = true;
        fx.add(entry(6, Leg::Left, 0, 2));
        outcome(&mut fx, 6, RuleId::Dvt);
        fx
    }

    #[test]
    fn after_an_outcome_the_same_ache_is_silent() {
        let mut fx = clot_history_assessed();
        for k in [5, 4, 3, 2, 1, 0] {
            fx.add(entry(k, Leg::Left, 1, 2));
        }
        silent(&fx, RuleId::Dvt);
        assert_ne!(assess(&fx.history(), D).guidance.light, Light::Stop);
    }

    #[test]
    fn after_an_outcome_a_new_sign_warns_again() {
        let mut fx = clot_history_assessed();
        fx.add(entry(1, Leg::Left, 1, 3));
        fx.add(entry(0, Leg::Left, 1, 3).signs(&[Swelling]));
        let flag = open_one(&fx, RuleId::Dvt, day(0));
        assert_eq!(flag.level, Level::Urgent);
    }

    #[test]
    fn after_an_outcome_a_higher_level_warns_again() {
        let mut fx = Fixture::default();
        fx.add(entry(3, Leg::Left, 0, 0).signs(&[Redness, Warmth]));
        outcome(&mut fx, 3, RuleId::Infection);
        fx.add(entry(2, Leg::Left, 0, 0).signs(&[Redness, Warmth]));
        silent(&fx, RuleId::Infection);
        fx.add(entry(0, Leg::Left, 0, 0).signs(&[Redness, Warmth, Fever]));
        let flag = open_one(&fx, RuleId::Infection, day(0));
        assert_eq!(flag.level, Level::Emergency);
    }

    #[test]
    fn after_an_outcome_pain_back_after_a_pain_free_day_warns_again() {
        let mut fx = clot_history_assessed();
        fx.add(entry(2, Leg::Left, 0, 2));
        silent(&fx, RuleId::Dvt);
        fx.add(entry(1, Leg::Left, 0, 0));
        silent(&fx, RuleId::Dvt);
        fx.add(entry(0, Leg::Left, 0, 2));
        open_one(&fx, RuleId::Dvt, day(0));
    }

    #[test]
    fn a_sign_added_to_the_outcomes_own_day_still_warns() {
        let mut fx = clot_history_assessed();
        fx.add(entry(6, Leg::Left, 0, 2).signs(&[Swelling]));
        open_one(&fx, RuleId::Dvt, day(6));
    }

    #[test]
    fn thirteen_clean_check_ins_keep_it_open_and_fourteen_close_it() {
        let mut fx = Fixture::default();
        fx.add(entry(20, Leg::Left, 0, 0).signs(&[Pop]));
        clean(&mut fx, 1..=13);
        let flag = open_one(&fx, RuleId::Rupture, day(20));
        assert!(flag.because.iter().any(|b| b.contains("(13 so far)")), "{flag:#?}");
        clean(&mut fx, [0]);
        silent(&fx, RuleId::Rupture);
        // After the lapse, any entry that fires opens a new warning.
        let mut again = fx.clone();
        again.add(entry(0, Leg::Left, 0, 0).signs(&[Pop]));
        clean(&mut again, [14]);
        open_one(&again, RuleId::Rupture, day(0));
    }

    #[test]
    fn a_firing_entry_restarts_the_count() {
        let mut fx = Fixture::default();
        fx.add(entry(20, Leg::Left, 0, 0).signs(&[Pop]));
        clean(&mut fx, 0..=13);
        fx.add(entry(7, Leg::Left, 0, 0).signs(&[HeelRaiseFail]));
        let flag = open_one(&fx, RuleId::Rupture, day(20));
        assert_eq!(flag.date, day(7));
    }

    #[test]
    fn each_leg_has_its_own_warning() {
        let mut fx = Fixture::default();
        fx.add(entry(4, Leg::Left, 0, 0).signs(&[Weakness]));
        fx.add(entry(2, Leg::Right, 0, 0).signs(&[Weakness]));
        fx.add(entry(0, Leg::Right, 0, 0));
        let found = active(&fx, RuleId::Nerve);
        let legs: Vec<(Leg, NaiveDate)> = found.iter().map(|f| (f.leg, f.since)).collect();
        assert_eq!(legs, [(Leg::Left, day(4)), (Leg::Right, day(2))]);
    }

    #[test]
    fn editing_away_the_firing_entry_removes_the_warning() {
        let mut fx = Fixture::default();
        fx.add(entry(3, Leg::Left, 0, 0).signs(&[Breathless]));
        clean(&mut fx, [0]);
        open_one(&fx, RuleId::PeSigns, day(3));
        fx.add(entry(3, Leg::Left, 0, 0));
        silent(&fx, RuleId::PeSigns);
        fx.checkins.retain(|c| c.date != day(3));
        silent(&fx, RuleId::PeSigns);
    }

    #[test]
    fn a_soon_flag_outcome_silences_the_same_presentation_until_it_goes() {
        let mut fx = Fixture::default();
        fx.add(entry(2, Leg::Left, 0, 0).signs(&[Bruising]));
        outcome(&mut fx, 2, RuleId::Bruising);
        fx.add(entry(1, Leg::Left, 0, 0).signs(&[Bruising]));
        silent(&fx, RuleId::Bruising);
        clean(&mut fx, [1]);
        fx.add(entry(0, Leg::Left, 0, 0).signs(&[Bruising]));
        assert_eq!(active(&fx, RuleId::Bruising).len(), 1);
    }

    #[test]
    fn a_trend_outcome_silences_the_rule_for_14_days() {
        let mut fx = Fixture::default();
        for k in 0..20 {
            fx.add(entry(k, Leg::Left, 0, 4));
        }
        assert_eq!(active(&fx, RuleId::Persistent).len(), 1);
        outcome(&mut fx, 13, RuleId::Persistent);
        silent(&fx, RuleId::Persistent);
        fx.outcomes[0].date = day(14);
        assert_eq!(active(&fx, RuleId::Persistent).len(), 1);
    }

    #[test]
    fn episodes_tell_open_lapsed_and_outcome() {
        let mut fx = Fixture::default();
        fx.add(entry(40, Leg::Left, 0, 0).signs(&[Pop]));
        clean(&mut fx, 25..=38);
        fx.add(entry(20, Leg::Left, 0, 0).signs(&[Breathless]));
        outcome(&mut fx, 19, RuleId::PeSigns);
        fx.add(entry(2, Leg::Left, 0, 0).signs(&[Weakness]));
        let ends: Vec<(RuleId, EpisodeEnd)> = episodes(&fx.history(), D)
            .into_iter()
            .map(|e| (e.rule, e.end))
            .collect();
        assert_eq!(
            ends,
            [
                (RuleId::Rupture, EpisodeEnd::Lapsed(day(25))),
                (
                    RuleId::PeSigns,
                    EpisodeEnd::Outcome {
                        date: day(19),
                        result: OutcomeResult::Cleared,
                        note: Some("seen".into())
                    }
                ),
                (RuleId::Nerve, EpisodeEnd::Open),
            ]
        );
    }

    #[test]
    fn an_episode_says_what_its_first_and_latest_entries_showed() {
        let mut fx = Fixture::default();
        fx.add(entry(12, Leg::Left, 0, 0).signs(&[Swelling, Warmth]));
        fx.add(entry(11, Leg::Left, 0, 0).signs(&[Swelling, Warmth]));
        fx.add(entry(10, Leg::Left, 0, 0).signs(&[Swelling, Redness]));
        clean(&mut fx, 1..=9);
        let all = episodes(&fx.history(), D);
        assert_eq!(all.len(), 1, "{all:#?}");
        let seen = &all[0].seen;
        assert_eq!(seen.len(), 2, "the opening entry and the latest only: {seen:#?}");
        assert!(
            seen[0].contains("swelling") && seen[0].contains(&day(12).to_string()),
            "{seen:#?}"
        );
        assert!(
            seen[1].contains("redness") && seen[1].contains(&day(10).to_string()),
            "{seen:#?}"
        );
        assert!(
            !seen
                .iter()
                .any(|l| l.contains("so far") || l.contains("soleus outcome") || l.contains("days ago")),
            "{seen:#?}"
        );
    }

    #[test]
    fn a_warning_opened_a_year_ago_stays_open_and_the_slice_says_it_needs_it() {
        let mut fx = Fixture::default();
        fx.add(entry(365, Leg::Left, 0, 0).signs(&[Breathless]));
        for k in (0..360).step_by(30) {
            fx.add(entry(k, Leg::Left, 0, 0));
        }
        open_one(&fx, RuleId::PeSigns, day(365));
        let mut recent = fx.clone();
        recent.checkins.retain(|c| c.date > day(31));
        assert!(!history_is_complete(&recent.history(), D));
        assert!(!history_is_complete(&fx.history(), D), "12 clean check-ins are not 14");
    }
}
