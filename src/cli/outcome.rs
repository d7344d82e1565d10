//! `soleus outcome`: what came of an active warning.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::args::OutcomeArgs;
use super::{CliResult, date_or_today, leg_or_profile, stdout_err};
use crate::clinical;
use crate::config::Config;
use crate::domain::{self, Leg, ValidationError};
use crate::service::{self, Applied, Change};
use crate::store::Store;

pub(super) fn outcome(
    args: OutcomeArgs,
    db: &Path,
    today: NaiveDate,
    config: &Config,
    out: &mut dyn Write,
) -> CliResult {
    let rule = match (args.rule.as_deref(), args.all) {
        (Some(raw), false) => Some(
            clinical::RuleId::parse(raw)
                .ok_or_else(|| ValidationError::new("rule", &format!("one of {}", clinical::RuleId::id_list()), raw))?,
        ),
        (None, true) => None,
        (Some(raw), true) => {
            return Err(ValidationError::new("rule", "a rule id or --all, not both", &format!("{raw} --all")).into());
        }
        (None, false) => {
            return Err(ValidationError::new(
                "rule",
                "a rule id as `soleus flags` shows it (for example dvt), or --all",
                "nothing",
            )
            .into());
        }
    };
    let explicit_leg = args.leg.as_deref().map(|l| Leg::parse("leg", l)).transpose()?;
    let result = domain::OutcomeResult::parse("result", &args.result)?;
    let date = date_or_today(args.date.as_deref(), today)?;
    if let Some(note) = &args.note
        && note.chars().count() > domain::MAX_OUTCOME_NOTE
    {
        return Err(ValidationError::new(
            "note",
            &format!("at most {} characters", domain::MAX_OUTCOME_NOTE),
            &format!("{} characters", note.chars().count()),
        )
        .into());
    }
    let store = Store::open(db)?;
    let leg = leg_or_profile(explicit_leg.or(config.default_leg.leg()), &store)?;
    // A not-seen close of an emergency or urgent warning says
    // that it will warn again before it is written.
    let warned = result == domain::OutcomeResult::NotSeen && {
        let active = service::assess(&store, date)?.flags;
        active
            .iter()
            .filter(|f| f.leg == leg && rule.is_none_or(|r| f.rule == r))
            .any(|f| f.level <= clinical::Level::Urgent)
    };
    if warned {
        writeln!(out, "{}", clinical::NOT_SEEN_CLOSE).map_err(stdout_err)?;
    }
    let change = match rule {
        Some(rule) => Change::Outcome {
            rule,
            leg,
            result,
            date,
            note: args.note,
        },
        None => Change::OutcomeAll {
            leg,
            result,
            date,
            note: args.note,
        },
    };
    let Applied::Closed(closed) = service::apply(&store, &change, today)? else {
        return Ok(());
    };
    for (flag, saved) in &closed {
        writeln!(
            out,
            "recorded for {} ({} calf, since {}): {} on {}, {}",
            flag.rule,
            leg,
            flag.since,
            saved.result,
            saved.date,
            saved.result.meaning()
        )
        .map_err(stdout_err)?;
    }
    for line in after_outcome_lines(&closed, date) {
        writeln!(out, "{line}").map_err(stdout_err)?;
    }
    Ok(())
}

/// What each recorded outcome means for the entries that come after it
/// (docs/clinical-rules.md, outcomes), one line for each kind of warning closed: a trend rule is
/// silent for 14 days; an emergency warns again on any later day; a
/// not-seen emergency or urgent warning (already said before the write)
/// warns again on the next entry with its signs; any other warns again on
/// something new.
fn after_outcome_lines(closed: &[(clinical::Flag, domain::Outcome)], date: NaiveDate) -> Vec<String> {
    let mut lines: Vec<(String, Vec<&str>)> = Vec::new();
    for (flag, saved) in closed {
        let line = if !flag.rule.is_single_entry() {
            format!("this trend warning stays silent for 14 days from {date}")
        } else if saved.result == domain::OutcomeResult::NotSeen && flag.level <= clinical::Level::Urgent {
            format!(
                "load guidance stays STOP, and what the warning pauses stays paused, until a {} calf check-in dated \
                 after {date} comes without these signs",
                flag.leg
            )
        } else if flag.level == clinical::Level::Emergency {
            format!(
                "an entry dated after {date} with these signs warns again: an emergency changes by the hour, and \
                 this outcome covers only what was assessed"
            )
        } else if flag.rule == clinical::RuleId::Compartment {
            "an entry whose pain is not below what was assessed warns again, and so does a new sign or a higher level"
                .to_owned()
        } else {
            "the same signs will not warn again; a new sign, a higher level, pain 3 or more above what was assessed, \
             or signs that come back after 3 check-ins without them will"
                .to_owned()
        };
        match lines.iter_mut().find(|(text, _)| *text == line) {
            Some((_, rules)) => rules.push(flag.rule.id()),
            None => lines.push((line, vec![flag.rule.id()])),
        }
    }
    // With more than one warning closed, each line names the ones it is for.
    if closed.len() > 1 {
        return lines
            .into_iter()
            .map(|(line, rules)| format!("{}: {line}", rules.join(", ")))
            .collect();
    }
    lines.into_iter().map(|(line, _)| line).collect()
}
