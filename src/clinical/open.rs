//! Open warnings and outcomes, computed afresh from the
//! entries and the outcomes every time: nothing about a warning is stored
//! but the outcome, so editing or deleting the entry that fired changes the
//! warning.
//!
//! For each leg the leg's check-ins, its 0-rep heel-raise tests and its
//! outcomes are replayed in date order (an outcome after the entries of its
//! own day) through a small state machine per single-entry rule (one
//! rule's state is in [`super::warning`]):
//!
//! - an entry firing the rule at any level opens a warning unless one is
//!   open, or an earlier outcome still covers it (none of the four
//!   re-warning tests holds);
//! - an open warning takes every later firing entry (level = highest,
//!   `date` = latest) and lapses after 14 check-ins that do not fire it
//!   (emergency and urgent), 28 (`bone`) or 7 (any other soon one);
//! - an outcome closes the open warning and keeps covering later entries
//!   until a warning of the rule opens again; a lapse ends it.
//!
//! The replay reads every check-in of the slice it is given. A loader
//! reads recent check-ins first and older ones while
//! [`legs_needing_older`] says the slice does not reach back to a run of 28
//! check-ins in a row that fire no single-entry rule, and 12 weeks before
//! it (an `immobilised` tick counts for 12 weeks): before such a run every
//! warning has lapsed. Every outcome is read (a handful of rows); one dated
//! before the window ([`History::loaded_from`]) closes what it closed but
//! covers nothing after it, since the window cannot show whether a warning
//! opened and lapsed since: the next firing entry warns (the safe way).
//!
//! See docs/clinical-rules.md, open warnings and outcomes.

use chrono::NaiveDate;

use super::assessment::Flag;
use super::history::{History, dated_between, days_before};
use super::rules::{self, Hit, IMMOBILISED_DAYS, Judge, SINGLE};
use super::signs;
use super::text::{self, Variant};
use super::warning::{Cover, LAPSE_BONE, Open, RuleState, Source, lapse_after};
use crate::domain::{CheckIn, Leg, Level, Outcome, OutcomeResult, Presentation, RuleId, Symptoms};

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
    /// Enough check-ins without the sign (14, 28 for `bone`, 7 for other
    /// soon warnings); the date of the last of them.
    Lapsed(NaiveDate),
    Outcome {
        date: NaiveDate,
        result: OutcomeResult,
        note: Option<String>,
    },
}

/// One step of the replay.
#[derive(Debug, Clone, Copy)]
enum Event<'a> {
    /// An entry, with the leg's check-in before it (for `bleed`).
    Entry(Source<'a>, Option<&'a CheckIn>),
    Outcome(&'a Outcome, RuleId),
}

impl Event<'_> {
    /// Sort key: by date; check-ins, then tests, then outcomes of that date.
    fn key(&self) -> (NaiveDate, u8) {
        match self {
            Event::Entry(Source::CheckIn(c), _) => (c.date, 0),
            Event::Entry(Source::Test(t), _) => (t.date, 1),
            Event::Outcome(o, _) => (o.date, 2),
        }
    }
}

/// The replay of one leg as of a date.
struct LegReplay<'a> {
    leg: Leg,
    date: NaiveDate,
    /// The leg's newest check-in dated on or before `date`.
    latest: Option<&'a CheckIn>,
    rules: [RuleState<'a>; SINGLE],
    /// Bit `r` set while rule `r` has an open warning or a cover still
    /// counting clean check-ins ([`RuleState::is_live`]).
    live: u32,
    loaded_from: Option<NaiveDate>,
    episodes: Option<Vec<Episode>>,
}

/// The leg's check-ins up to `date`, newest first.
fn leg_checkins<'a>(history: &History<'a>, leg: Leg, date: NaiveDate) -> impl Iterator<Item = &'a CheckIn> + 'a {
    dated_between(history.checkins, |c| c.date, NaiveDate::MIN, date)
        .iter()
        .rev()
        .filter(move |c| c.leg == leg)
}

/// Check-ins in a row that fire no single-entry rule, after which every
/// warning has lapsed (the longest lapse, `bone`'s).
const QUIET_RUN: u32 = LAPSE_BONE;

/// The date of the oldest check-in of the leg's latest run of
/// [`QUIET_RUN`] quiet check-ins. `None` when the slice holds no such run.
fn quiet_run_start(history: &History<'_>, judge: &Judge<'_>, leg: Leg, date: NaiveDate) -> Option<NaiveDate> {
    let mut quiet = 0;
    let mut newer = leg_checkins(history, leg, date).peekable();
    while let Some(c) = newer.next() {
        let previous = newer.peek().copied();
        if judge.fires_any(c, previous) {
            quiet = 0;
        } else {
            quiet += 1;
            if quiet == QUIET_RUN {
                return Some(c.date);
            }
        }
    }
    None
}

/// True when the check-ins of `history` reach back far enough for the open
/// warnings as of `date`. See [`legs_needing_older`].
pub fn history_is_complete(history: &History<'_>, date: NaiveDate) -> bool {
    legs_needing_older(history, date).is_empty()
}

/// The legs whose check-ins in `history` do not reach back to a run of 28
/// check-ins in a row that fire no single-entry rule, and 12 weeks before
/// it (the `immobilised` ticks of both legs that judge those entries). A
/// loader that read only recent check-ins reads older ones while one of
/// these legs has older ones in the journal.
pub fn legs_needing_older(history: &History<'_>, date: NaiveDate) -> Vec<Leg> {
    let judge = Judge::new(history);
    let first = history.checkins.first().map(|c| c.date);
    let short: Vec<Leg> = Leg::BOTH
        .into_iter()
        .filter(|leg| {
            quiet_run_start(history, &judge, *leg, date)
                .is_none_or(|start| first.is_none_or(|f| f > days_before(start, (IMMOBILISED_DAYS - 1) as u64)))
        })
        .collect();
    if short.is_empty() {
        short
    } else {
        // The other leg's older ticks judge this leg's entries too.
        Leg::BOTH.to_vec()
    }
}

/// Where a replay of a leg whose latest run of [`QUIET_RUN`] quiet
/// check-ins starts on `quiet_start` may begin: 12 weeks before it (the
/// `immobilised` ticks that judge those entries). `None` when there is no
/// such run, or the journal holds nothing before that date to leave out.
fn cut_for(history: &History<'_>, quiet_start: Option<NaiveDate>) -> Option<NaiveDate> {
    quiet_start
        .map(|start| days_before(start, (IMMOBILISED_DAYS - 1) as u64))
        .filter(|cut| history.checkins.first().is_some_and(|c| c.date < *cut))
}

/// The first date a replay's outcomes cover anything after: the later of
/// the loader's window and the replay's own cut.
fn window_start(loaded_from: Option<NaiveDate>, cut: Option<NaiveDate>) -> Option<NaiveDate> {
    match (loaded_from, cut) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The events of one leg up to `date`, in replay order: its check-ins and
/// 0-rep tests dated from `start`, each check-in with the one before it,
/// and every outcome of its single-entry rules; and the leg's newest
/// check-in up to `date`.
fn leg_events<'a>(
    history: &History<'a>,
    leg: Leg,
    start: NaiveDate,
    date: NaiveDate,
) -> (Vec<Event<'a>>, Option<&'a CheckIn>) {
    let checkins = dated_between(history.checkins, |c| c.date, NaiveDate::MIN, date);
    let mut events: Vec<Event<'a>> = Vec::new();
    let mut previous: Option<&'a CheckIn> = None;
    for c in checkins.iter().filter(|c| c.leg == leg) {
        if c.date >= start {
            events.push(Event::Entry(Source::CheckIn(c), previous));
        }
        previous = Some(c);
    }
    events.extend(
        dated_between(history.tests, |t| t.date, start, date)
            .iter()
            .filter(|t| t.leg == leg && t.reps == 0)
            .map(|t| Event::Entry(Source::Test(t), None)),
    );
    events.extend(
        dated_between(history.outcomes, |o| o.date, NaiveDate::MIN, date)
            .iter()
            .filter(|o| o.leg == leg)
            .filter_map(|o| {
                let rule = RuleId::parse(&o.rule)?;
                rule.is_single_entry().then_some(Event::Outcome(o, rule))
            }),
    );
    // Stable, so check-ins keep their order within a day.
    events.sort_by_key(Event::key);
    (events, previous)
}

/// For each date `d` of `dates` (oldest first), the single-entry warnings
/// of `leg` open as of `d`, as [`single_entry_flags`] finds them when the
/// history holds only the outcomes dated before `d`: `mark(d, fired,
/// level)` for each, `fired` being the date of the latest entry that fired
/// it. `history.outcomes` must be sorted by date.
///
/// One pass, where asking [`single_entry_flags`] for every day replays the
/// leg from its start each day while no run of 28 quiet check-ins cuts the
/// replay short (a journal whose pain keeps firing a rule): the events are
/// read once, and each day's replay takes up where the day before left
/// off. Where the day's cut moves (quiet check-ins), its replay starts at
/// the new cut, which lies a bounded way back.
pub(super) fn open_by_day(
    history: &History<'_>,
    leg: Leg,
    dates: &[NaiveDate],
    mut mark: impl FnMut(NaiveDate, NaiveDate, Level),
) {
    let Some(&last) = dates.last() else {
        return;
    };
    let judge = Judge::new(history).with_ticks(NaiveDate::MIN, last);
    let (events, _) = leg_events(history, leg, NaiveDate::MIN, last);
    let checkins: Vec<&CheckIn> = dated_between(history.checkins, |c| c.date, NaiveDate::MIN, last)
        .iter()
        .filter(|c| c.leg == leg)
        .collect();
    // The latest run of QUIET_RUN quiet check-ins, as quiet_run_start
    // finds it, kept up to date one check-in at a time.
    let (mut seen, mut quiet, mut quiet_start) = (0usize, 0u32, None);
    let mut whole = (LegReplay::fresh(leg, last, history.loaded_from, false), 0usize);
    let mut window: Option<(NaiveDate, LegReplay<'_>, usize)> = None;
    for &d in dates {
        while let Some(c) = checkins.get(seen).filter(|c| c.date <= d) {
            let previous = seen.checked_sub(1).and_then(|p| checkins.get(p)).copied();
            if judge.fires_any(c, previous) {
                quiet = 0;
            } else {
                quiet += 1;
                if quiet >= QUIET_RUN {
                    quiet_start = checkins.get(seen + 1 - QUIET_RUN as usize).map(|c| c.date);
                }
            }
            seen += 1;
        }
        let cut = cut_for(history, quiet_start);
        let (replay, next) = match cut {
            None => (&mut whole.0, &mut whole.1),
            Some(cut) => {
                if window.as_ref().is_some_and(|(at, ..)| *at != cut) {
                    window = None;
                }
                let (_, replay, next) = window.get_or_insert_with(|| {
                    let from = events.partition_point(|e| e.key().0 < cut);
                    let fresh = LegReplay::fresh(leg, last, window_start(history.loaded_from, Some(cut)), false);
                    (cut, fresh, from)
                });
                (replay, next)
            }
        };
        // Entries up to `d`, outcomes before it.
        while events.get(*next).is_some_and(|e| e.key() < (d, 2)) {
            replay.step(&events, *next, &judge);
            *next += 1;
        }
        for state in &replay.rules {
            if let Some(open) = &state.open {
                mark(d, open.latest.0.date(), open.level);
            }
        }
    }
}

impl<'a> LegReplay<'a> {
    fn run(history: &History<'a>, leg: Leg, date: NaiveDate, with_episodes: bool) -> LegReplay<'a> {
        let judge = Judge::new(history);
        // The flags of a date need only what a loader's window holds: from
        // 12 weeks before the leg's latest run of 28 quiet check-ins, with
        // outcomes before that covering nothing (as for a loaded window),
        // so each day of a ten-year journal costs what a month does. The
        // report's episodes replay everything.
        let cut = if with_episodes {
            None
        } else {
            cut_for(history, quiet_run_start(history, &judge, leg, date))
        };
        let start = cut.unwrap_or(NaiveDate::MIN);
        let judge = judge.with_ticks(start, date);
        let loaded_from = window_start(history.loaded_from, cut);
        let (events, latest) = leg_events(history, leg, start, date);
        let mut replay = LegReplay::fresh(leg, date, loaded_from, with_episodes);
        replay.latest = latest;
        for i in 0..events.len() {
            replay.step(&events, i, &judge);
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

    /// A replay of `leg` that has seen nothing yet.
    fn fresh(leg: Leg, date: NaiveDate, loaded_from: Option<NaiveDate>, with_episodes: bool) -> LegReplay<'a> {
        LegReplay {
            leg,
            date,
            latest: None,
            rules: [RuleState::default(); SINGLE],
            live: 0,
            loaded_from,
            episodes: with_episodes.then(Vec::new),
        }
    }

    /// Takes event `i` of `events`, in order.
    fn step(&mut self, events: &[Event<'a>], i: usize, judge: &Judge<'_>) {
        match events[i] {
            Event::Entry(source, previous) => {
                let hits = source.hits(judge, previous);
                let is_check_in = matches!(source, Source::CheckIn(_));
                if hits.iter().all(Option::is_none) {
                    // A quiet check-in changes only the rules whose state
                    // still counts clean check-ins: ten years of quiet days
                    // cost a mask test each.
                    let mut live = if is_check_in { self.live } else { 0 };
                    while live != 0 {
                        let r = live.trailing_zeros() as usize;
                        live &= live - 1;
                        self.clean(r, source.date());
                    }
                    return;
                }
                for (r, hit) in hits.iter().enumerate() {
                    match hit {
                        Some(hit) => self.fired(r, i, source, *hit),
                        None if is_check_in => self.clean(r, source.date()),
                        None => {}
                    }
                }
            }
            Event::Outcome(outcome, rule) => self.outcome(events, i, outcome, rule, judge),
        }
    }

    fn fired(&mut self, r: usize, index: usize, source: Source<'a>, hit: Hit) {
        let rule = RuleId::ALL[r];
        let state = &mut self.rules[r];
        if let Some(open) = state.open.as_mut() {
            open.fired(source, hit);
            self.live |= 1 << r;
            return;
        }
        let opens = match state.cover.as_mut() {
            None => true,
            Some(cover) => {
                // Events come in date order with outcomes last on their
                // day, so this entry is dated after the outcome.
                let again = cover.warns_again(rule, &hit, source.pain());
                cover.clean_after = 0;
                again
            }
        };
        if opens {
            state.open = Some(Open::new(index, source, hit));
            state.cover = None;
        }
        self.refresh(r);
    }

    /// Keeps the bit of rule `r` in `live` in step with its state.
    fn refresh(&mut self, r: usize) {
        if self.rules[r].is_live() {
            self.live |= 1 << r;
        } else {
            self.live &= !(1 << r);
        }
    }

    /// A check-in that does not fire rule `r`.
    fn clean(&mut self, r: usize, date: NaiveDate) {
        let rule = RuleId::ALL[r];
        let state = &mut self.rules[r];
        if let Some(cover) = state.cover.as_mut()
            && date > cover.date
        {
            cover.clean_after += 1;
            cover.released = true;
        }
        if let Some(open) = state.open.as_mut() {
            open.clean += 1;
            if open.clean >= lapse_after(rule, open.level) {
                let open = *open;
                state.open = None;
                // After a lapse, any entry that fires opens a new warning.
                state.cover = None;
                if let Some(episodes) = self.episodes.as_mut() {
                    episodes.push(episode(rule, self.leg, &open, EpisodeEnd::Lapsed(date)));
                }
            }
        }
        self.refresh(r);
    }

    fn outcome(&mut self, events: &[Event<'a>], index: usize, outcome: &Outcome, rule: RuleId, judge: &Judge<'_>) {
        let r = rule as usize;
        let state = &mut self.rules[r];
        let (level, signs, highest_pain, variant, symptoms) = match (&outcome.presentation, &state.open) {
            (Some(p), open) => (
                parse_level(&p.level),
                signs::parse_all(&p.signs),
                p.highest_pain,
                open.map_or(Variant::Plain, |o| o.variant),
                open.map_or(Symptoms::NONE, |o| o.symptoms),
            ),
            // No stored presentation (a hand-made import): it covers what is
            // open now, or nothing.
            (None, Some(open)) => (open.level, open.signs, open.highest_pain, open.variant, open.symptoms),
            (None, None) => (Level::Watch, 0, None, Variant::Plain, Symptoms::NONE),
        };
        let cover = Cover {
            date: outcome.date,
            result: outcome.result,
            level,
            // What it assessed, as stored: a risk factor it did not see (an
            // `immobilised` tick saved later, even one dated on or before
            // its day) is a new sign.
            signs,
            highest_pain,
            clean_after: 0,
            released: false,
            variant,
            symptoms,
        };
        if let Some(open) = state.open.take() {
            // Entries of the warning that show something the outcome did not
            // see were saved or edited after it: they stay a warning.
            let mut rest: Option<Open<'a>> = None;
            for (i, event) in events.iter().enumerate().take(index).skip(open.start) {
                let Event::Entry(source, previous) = *event else {
                    continue;
                };
                match (source.hits(judge, previous)[r], rest.as_mut()) {
                    (Some(hit), Some(open)) => open.fired(source, hit),
                    (Some(hit), None) if cover.shows_something_new(&hit, source.pain()) => {
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
        // An outcome from before a loader's window covers nothing after it.
        state.cover = self
            .loaded_from
            .is_none_or(|from| outcome.date >= from)
            .then_some(cover);
        self.refresh(r);
    }

    /// The flag of single-entry rule `r` as of the replay's date, if any.
    fn flag(&self, r: usize) -> Option<Flag> {
        let rule = RuleId::ALL[r];
        let open = self.rules[r].open.as_ref()?;
        let (source, hit) = open.latest;
        let mut because = source.because(&hit);
        because.push(format!(
            "open since {}: it stays until you record what came of it (soleus outcome {}) or until {} {} calf \
             check-ins in a row come without it ({} so far)",
            open.since,
            rule,
            lapse_after(rule, open.level),
            self.leg,
            open.clean
        ));
        because.extend(self.stale_line());
        Some(Flag {
            rule,
            level: open.level,
            leg: self.leg,
            date: source.date(),
            since: open.since,
            title: text::title(rule, open.variant).to_owned(),
            advice: text::advice(rule, open.variant).to_owned(),
            because,
            symptoms: open.symptoms,
        })
    }

    /// The warning of rule `r` closed `not-seen` that still holds the light.
    fn held(&self, r: usize) -> Option<Flag> {
        let rule = RuleId::ALL[r];
        let state = &self.rules[r];
        let cover = state.cover.filter(|c| c.holds() && state.open.is_none())?;
        Some(Flag {
            rule,
            level: cover.level,
            leg: self.leg,
            date: cover.date,
            since: cover.date,
            title: text::title(rule, cover.variant).to_owned(),
            advice: text::advice(rule, cover.variant).to_owned(),
            because: vec![format!(
                "closed without an assessment on {}: until a {} calf check-in comes without these signs, no running \
                 and no progression",
                cover.date, self.leg
            )],
            symptoms: cover.symptoms,
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
        let open = self.rules[r].open.as_ref()?;
        Some(Presentation {
            level: open.level.name().to_owned(),
            signs: signs::names(open.signs),
            highest_pain: open.highest_pain,
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
/// outcome of an emergency or urgent warning is written.
pub const NOT_SEEN_CLOSE: &str = "Closed without an assessment: the next entry with these signs warns again.";

/// Warnings closed `not-seen` at emergency or urgent level that still hold
/// the light at stop on `date`: until the leg has a check-in
/// dated after the outcome that does not fire the rule. Each is given as
/// the flag it was (rule, level, leg, title), with the because-line
/// "closed without an assessment"; they are not active warnings and are
/// not in [`flags`](super::flags).
pub fn held(history: &History<'_>, date: NaiveDate) -> Vec<Flag> {
    let mut held: Vec<Flag> = Leg::BOTH
        .into_iter()
        .flat_map(|leg| single_entry_flags(history, leg, date).1)
        .collect();
    held.sort_by_key(|f| (f.level, f.rule, f.leg));
    held
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
    /// What saving the entry says.
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
/// outcome covers it). Empty for an entry dated today, or for none.
pub fn stale_firings(history: &History<'_>, leg: Leg, entry_date: NaiveDate, today: NaiveDate) -> Vec<StaleFiring> {
    if entry_date >= today {
        return Vec::new();
    }
    let judge = Judge::new(history);
    let mut before = leg_checkins(history, leg, entry_date);
    // The check-in of that date and the 0-rep tests of that date: both are
    // entries of the leg.
    let mut fired: Vec<(RuleId, String)> = Vec::new();
    if let Some(entry) = before.next().filter(|c| c.date == entry_date) {
        let hits = judge.hits(entry, before.next());
        for (r, hit) in hits.iter().enumerate() {
            if let Some(hit) = hit {
                fired.push((RuleId::ALL[r], rules::check_in_because(hit, entry).join("; ")));
            }
        }
    }
    for test in dated_between(history.tests, |t| t.date, entry_date, entry_date) {
        if test.leg == leg && test.reps == 0 && !fired.iter().any(|(rule, _)| *rule == RuleId::Rupture) {
            fired.push((RuleId::Rupture, rules::test_because(test).join("; ")));
        }
    }
    if fired.is_empty() {
        return Vec::new();
    }
    // Only single-entry rules fire on one entry, so the leg's single-entry
    // flags of `today` are all the active flags that matter here.
    let (active, _) = single_entry_flags(history, leg, today);
    fired
        .into_iter()
        .filter(|(rule, _)| !active.iter().any(|f| f.rule == *rule && f.leg == leg))
        .map(|(rule, signs)| StaleFiring {
            rule,
            leg,
            date: entry_date,
            signs,
        })
        .collect()
}

/// The single-entry flags of one leg as of `date` (open warnings), and
/// the warnings a not-seen close still holds ([`held`]): one replay.
pub(super) fn single_entry_flags(history: &History<'_>, leg: Leg, date: NaiveDate) -> (Vec<Flag>, Vec<Flag>) {
    let replay = LegReplay::run(history, leg, date, false);
    (
        (0..SINGLE).filter_map(|r| replay.flag(r)).collect(),
        (0..SINGLE).filter_map(|r| replay.held(r)).collect(),
    )
}

/// The presentation an outcome for single-entry `rule` on `leg` would
/// store as of `date`: what its open warning showed. `None` when no
/// warning of it is open.
pub(super) fn presentation(history: &History<'_>, leg: Leg, date: NaiveDate, rule: RuleId) -> Option<Presentation> {
    LegReplay::run(history, leg, date, false).presentation(rule as usize)
}

/// Every warning of the history as of `date`, any level, both legs, oldest
/// first: for the report's warning table.
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
    use super::super::testkit::{
        Build, D, EntryExt, Fixture, active, clean, clot_history_assessed, day, entry, open_one, outcome, outcome_with,
        silent,
    };
    use super::super::{Light, assess, flags, presentation_of};
    use super::*;
    use crate::domain::Symptom::*;

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

    #[test]
    fn the_presentation_stores_the_highest_pain_of_the_warning() {
        let mut fx = Fixture::default();
        fx.add(entry(2, Leg::Left, 1, 4).signs(&[Swelling]));
        fx.add(entry(1, Leg::Left, 2, 6).signs(&[Swelling]));
        fx.add(entry(0, Leg::Left, 0, 3).signs(&[Swelling]));
        let (_, presentation) = presentation_of(&fx.history(), D, RuleId::Dvt, Leg::Left).unwrap();
        let presentation = presentation.unwrap();
        assert_eq!(presentation.highest_pain, Some(6));
        assert_eq!(presentation.level, "urgent");
        assert!(presentation.signs.contains(&"swelling".to_owned()));
    }

    #[test]
    fn an_immobilised_tick_saved_on_the_outcomes_day_after_it_is_new() {
        // Review finding: the tick was folded into what the outcome covered.
        let mut fx = Fixture::default();
        fx.add(entry(1, Leg::Left, 0, 0).signs(&[Swelling, Warmth]));
        outcome(&mut fx, 1, RuleId::Dvt);
        silent(&fx, RuleId::Dvt);
        fx.add(entry(1, Leg::Left, 0, 0).signs(&[Swelling, Warmth, Immobilised]));
        open_one(&fx, RuleId::Dvt, day(1));
    }

    #[test]
    fn an_outcome_before_the_window_covers_nothing_after_it() {
        // Review finding: a clot-history runner cleared in January, a new
        // warning that lapsed, months of quiet days on the other calf:
        // the same ache in June warns (after a lapse, any entry that fires
        // opens a new warning), whichever slice is read.
        let mut fx = Fixture::default();
        fx.profile.clot_history = true;
        fx.add(entry(170, Leg::Left, 2, 2));
        outcome(&mut fx, 170, RuleId::Dvt);
        fx.add(entry(169, Leg::Left, 2, 2).signs(&[Cramping]));
        clean(&mut fx, 150..=168);
        for k in 1..140 {
            fx.add(entry(k, Leg::Right, 0, 0));
        }
        fx.add(entry(0, Leg::Left, 2, 2));
        open_one(&fx, RuleId::Dvt, day(0));
        let mut window = fx.clone();
        window.checkins.retain(|c| c.date >= day(130));
        window.loaded_from = Some(day(130));
        open_one(&window, RuleId::Dvt, day(0));
    }

    #[test]
    fn a_not_seen_close_holds_the_light_until_a_clean_check_in() {
        let mut fx = Fixture::default();
        fx.add(entry(1, Leg::Left, 0, 0).signs(&[Pop]));
        outcome_with(&mut fx, 1, RuleId::Rupture, OutcomeResult::NotSeen);
        silent(&fx, RuleId::Rupture);
        let held = held(&fx.history(), D);
        assert_eq!(held.len(), 1, "{held:#?}");
        assert_eq!((held[0].rule, held[0].level), (RuleId::Rupture, Level::Urgent));
        assert!(held[0].because[0].starts_with("closed without an assessment"));
        let guidance = assess(&fx.history(), D).guidance;
        assert_eq!(guidance.light, Light::Stop, "{guidance:#?}");
        clean(&mut fx, [0]);
        assert!(super::held(&fx.history(), D).is_empty());
        // A cleared outcome holds nothing.
        let mut cleared = Fixture::default();
        cleared.add(entry(1, Leg::Left, 0, 0).signs(&[Pop]));
        outcome(&mut cleared, 1, RuleId::Rupture);
        assert!(super::held(&cleared.history(), D).is_empty());
    }

    #[test]
    fn a_back_dated_entry_whose_warning_is_closed_today_says_so() {
        let mut fx = Fixture::default();
        fx.add(entry(5, Leg::Left, 0, 0).signs(&[Swelling]));
        outcome(&mut fx, 3, RuleId::Swelling);
        clean(&mut fx, [2, 1, 0]);
        let stale = stale_firings(&fx.history(), Leg::Left, day(5), D);
        assert_eq!(stale.len(), 1, "{stale:#?}");
        assert!(
            stale[0].line().starts_with("this entry of 2026-06-15 shows swelling"),
            "{}",
            stale[0].line()
        );
        assert!(stale_firings(&fx.history(), Leg::Left, day(2), D).is_empty());
        // An entry whose warning is still open says nothing.
        let mut open = Fixture::default();
        open.add(entry(5, Leg::Left, 0, 0).signs(&[Swelling]));
        assert!(stale_firings(&open.history(), Leg::Left, day(5), D).is_empty());
    }

    #[test]
    fn a_sign_added_to_the_outcomes_own_day_still_warns() {
        let mut fx = clot_history_assessed();
        fx.add(entry(6, Leg::Left, 0, 2).signs(&[Swelling]));
        open_one(&fx, RuleId::Dvt, day(6));
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
