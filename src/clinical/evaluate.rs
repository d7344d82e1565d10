//! The engine's entry points: every rule for both legs as of a date, the
//! load light beside them, and the warning an outcome would close. Each
//! leg's single-entry rules come from one replay of its history
//! ([`super::open`]), the trend rules from [`super::rules`].

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::assessment::{Assessment, Flag, Guidance};
use super::guidance::traffic_light;
use super::history::History;
use super::load::RunDays;
use super::{open, rules};
use crate::domain::{Leg, Level, Outcome, Presentation, RuleId};

/// Evaluates the red-flag rules and the traffic light as of `date`.
pub fn assess(history: &History<'_>, date: NaiveDate) -> Assessment {
    let (flags, held) = evaluate_with_held(history, date);
    let guidance = traffic_light(history, date, &flags, &held);
    let mut pausing: Vec<Flag> = flags.iter().cloned().chain(held).collect();
    pausing.sort_by_key(|f| (f.level, f.rule, f.leg));
    Assessment {
        date,
        flags,
        guidance,
        pausing,
    }
}

/// Every red-flag rule for both legs, most urgent first (level, then
/// table order, then left before right). Uses only entries up to `date`.
pub fn flags(history: &History<'_>, date: NaiveDate) -> Vec<Flag> {
    evaluate_with_held(history, date).0
}

/// The days the flags of each date of `dates` mark, each with its most
/// urgent level, oldest first: every flag of [`flags`] as of each date
/// `d`, from a history holding only the outcomes dated before `d`, marks
/// the day of the entry it came from (`Flag::date`). What Trends draws.
///
/// It gives what asking [`flags`] for each date gives, in one replay of
/// each leg instead of one per date: a journal whose pain keeps firing a
/// rule has no quiet run to cut each day's replay short.
pub fn warning_marks(history: &History<'_>, dates: &[NaiveDate]) -> Vec<(NaiveDate, Level)> {
    let mut outcomes: Vec<Outcome> = history.outcomes.to_vec();
    outcomes.sort_by_key(|o| o.date);
    let sorted = History {
        outcomes: &outcomes,
        ..*history
    };
    let mut days: BTreeMap<NaiveDate, Level> = BTreeMap::new();
    let mut mark = |day: NaiveDate, level: Level| {
        let most = days.entry(day).or_insert(level);
        *most = (*most).min(level);
    };
    for leg in Leg::BOTH {
        open::open_by_day(&sorted, leg, dates, |_, fired, level| mark(fired, level));
    }
    for &d in dates {
        let before = outcomes.partition_point(|o| o.date < d);
        let then = History {
            outcomes: &outcomes[..before],
            ..*history
        };
        let runs = RunDays::load(&then, d);
        for leg in Leg::BOTH {
            for flag in rules::trend_flags(&then, leg, d, &runs) {
                mark(flag.date, flag.level);
            }
        }
    }
    days.into_iter().collect()
}

/// The load light, one for the whole journal, as of `date` (see
/// docs/clinical-rules.md, the load light).
pub fn guidance(history: &History<'_>, date: NaiveDate) -> Guidance {
    let (flags, held) = evaluate_with_held(history, date);
    traffic_light(history, date, &flags, &held)
}

/// [`flags`] and [`open::held`] from one replay of each leg, each sorted
/// most urgent first.
pub(super) fn evaluate_with_held(history: &History<'_>, date: NaiveDate) -> (Vec<Flag>, Vec<Flag>) {
    let mut flags = Vec::new();
    let mut held = Vec::new();
    let runs = RunDays::load(history, date);
    for leg in Leg::BOTH {
        let (single, holds) = open::single_entry_flags(history, leg, date);
        flags.extend(single);
        held.extend(holds);
        flags.extend(rules::trend_flags(history, leg, date, &runs));
    }
    flags.sort_by_key(|f| (f.level, f.rule, f.leg));
    held.sort_by_key(|f| (f.level, f.rule, f.leg));
    (flags, held)
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
    let flag = flags(history, date)
        .into_iter()
        .find(|f| f.rule == rule && f.leg == leg)?;
    if !rule.is_single_entry() {
        return Some((flag, None));
    }
    Some((flag, open::presentation(history, leg, date, rule)))
}
