//! The open warnings an edit would take away: deleting a check-in that
//! opened a warning, or saving it again without the signs, removes the
//! warning with it (see docs/daily-use.md, History). The shells say so
//! before (the app) or after (the command line).

use chrono::NaiveDate;

use super::assessment::Flag;
use super::evaluate::flags;
use super::history::OwnedHistory;
use crate::domain::{CheckIn, Leg};

/// The flags of `before` that `after` no longer holds (by rule and leg),
/// most urgent first as `before` has them.
pub fn removed<'a>(before: &'a [Flag], after: &[Flag]) -> Vec<&'a Flag> {
    before
        .iter()
        .filter(|b| !after.iter().any(|a| a.rule == b.rule && a.leg == b.leg))
        .collect()
}

/// The open warnings as of `today` that go if the check-in of `date` and
/// `leg` is replaced by `replacement` (or deleted, with `None`).
pub fn removed_by_edit(
    window: &OwnedHistory,
    current: &[Flag],
    date: NaiveDate,
    leg: Leg,
    replacement: Option<&CheckIn>,
    today: NaiveDate,
) -> Vec<Flag> {
    if current.is_empty() {
        return Vec::new();
    }
    let mut edited = window.clone();
    edited.checkins.retain(|c| !(c.date == date && c.leg == leg));
    if let Some(c) = replacement {
        let at = edited.checkins.partition_point(|o| (o.date, o.leg) < (c.date, c.leg));
        edited.checkins.insert(at, c.clone());
    }
    let after = flags(&edited.history(), today);
    removed(current, &after).into_iter().cloned().collect()
}

/// "this also removes the URGENT clot warning open since 15 Jun", naming
/// each; `None` when nothing goes. `verb` is "removes" or "removed".
pub fn removed_line(flags: &[&Flag], verb: &str) -> Option<String> {
    if flags.is_empty() {
        return None;
    }
    let each: Vec<String> = flags
        .iter()
        .map(|f| {
            format!(
                "the {} {} warning of the {} calf open since {}",
                f.level.name().to_uppercase(),
                f.rule,
                f.leg,
                f.since.format("%-d %b %Y")
            )
        })
        .collect();
    Some(format!("this also {verb} {}", each.join(" and ")))
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Build, D, Fixture, entry};
    use super::*;
    use crate::domain::Symptom;

    #[test]
    fn deleting_or_cleaning_the_entry_that_opened_a_warning_names_it() {
        let mut fx = Fixture::default();
        let mut c = entry(0, Leg::Left, 2, 2);
        c.symptoms.insert(Symptom::Swelling);
        c.symptoms.insert(Symptom::Warmth);
        c.symptoms.insert(Symptom::Immobilised);
        fx.add(c.clone());
        fx.profile.leg = crate::domain::InjuredLeg::Left;
        let window = fx;
        let current = flags(&window.history(), D);
        assert!(!current.is_empty(), "the fixture opens a warning");
        let gone = removed_by_edit(&window, &current, D, Leg::Left, None, D);
        assert_eq!(gone.len(), current.len(), "{gone:#?}");
        let line = removed_line(&gone.iter().collect::<Vec<_>>(), "removes").unwrap();
        assert!(line.starts_with("this also removes the "), "{line}");
        assert!(
            line.contains("warning of the left calf open since 20 Jun 2026"),
            "{line}"
        );

        let clean = entry(0, Leg::Left, 2, 2);
        assert_eq!(
            removed_by_edit(&window, &current, D, Leg::Left, Some(&clean), D).len(),
            current.len()
        );
        assert!(removed_by_edit(&window, &current, D, Leg::Left, Some(&c), D).is_empty());
        assert_eq!(removed_line(&[], "removes"), None);
    }
}
