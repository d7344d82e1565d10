//! One single-entry rule's warning as the replay of a leg's history
//! carries it: the entry it came from, the warning while it is open and
//! when it lapses, and what an outcome covers afterwards with the four
//! tests that make an entry warn again (see docs/clinical-rules.md, open
//! warnings and outcomes).

use chrono::NaiveDate;

use super::rules::{self, Hit, Hits, Judge, SINGLE, test_hit};
use super::signs::{SYMPTOMS, Signs, bit};
use super::text::Variant;
use crate::domain::{CapacityTest, CheckIn, Level, OutcomeResult, RuleId, Symptom, Symptoms};

/// Check-ins in a row without the sign that close an emergency or urgent
/// warning.
pub(super) const LAPSE_CHECKINS: u32 = 14;
/// ... a `bone` warning: a stress fracture is not shown to have healed by a
/// week under a light that forbids running.
pub(super) const LAPSE_BONE: u32 = 28;
/// ... any other soon warning.
pub(super) const LAPSE_SOON: u32 = 7;

/// How many clean check-ins close a warning of `rule` at `level`.
pub(super) fn lapse_after(rule: RuleId, level: Level) -> u32 {
    if level <= Level::Urgent {
        LAPSE_CHECKINS
    } else if rule == RuleId::Bone {
        LAPSE_BONE
    } else {
        LAPSE_SOON
    }
}

/// Check-ins in a row after an outcome that did not fire the rule, after
/// which a named sign back warns again (the third re-warning test).
pub(super) const CLEAN_BEFORE_RETURN: u32 = 3;

/// A pain at least this much above the highest an outcome covered is
/// something new (the third re-warning test).
const PAIN_STEP: u8 = 3;

/// Where an entry came from: a check-in or a capacity test.
#[derive(Debug, Clone, Copy)]
pub(super) enum Source<'a> {
    CheckIn(&'a CheckIn),
    Test(&'a CapacityTest),
}

impl Source<'_> {
    pub(super) fn date(&self) -> NaiveDate {
        match self {
            Source::CheckIn(c) => c.date,
            Source::Test(t) => t.date,
        }
    }

    pub(super) fn because(&self, hit: &Hit) -> Vec<String> {
        match self {
            Source::CheckIn(c) => rules::check_in_because(hit, c),
            Source::Test(t) => rules::test_because(t),
        }
    }

    /// The entry's pain (the worse of rest and walking); none for a test.
    pub(super) fn pain(&self) -> Option<u8> {
        match self {
            Source::CheckIn(c) => Some(c.pain()),
            Source::Test(_) => None,
        }
    }

    pub(super) fn symptoms(&self) -> Symptoms {
        match self {
            Source::CheckIn(c) => c.symptoms,
            Source::Test(_) => Symptoms::NONE,
        }
    }
}

impl<'a> Source<'a> {
    /// What the entry fires.
    pub(super) fn hits(&self, judge: &Judge<'_>, previous: Option<&CheckIn>) -> Hits {
        match self {
            Source::CheckIn(c) => judge.hits(c, previous),
            Source::Test(t) => {
                let mut hits = [None; SINGLE];
                hits[RuleId::Rupture as usize] = test_hit(t);
                hits
            }
        }
    }
}

/// An open warning of one rule.
#[derive(Debug, Clone, Copy)]
pub(super) struct Open<'a> {
    pub(super) since: NaiveDate,
    /// Index of the opening event, to look back at when an outcome covers
    /// only part of the warning.
    pub(super) start: usize,
    pub(super) level: Level,
    pub(super) signs: Signs,
    /// The highest pain of its check-ins.
    pub(super) highest_pain: Option<u8>,
    pub(super) symptoms: Symptoms,
    /// The entry that opened it.
    pub(super) first: (Source<'a>, Hit),
    pub(super) latest: (Source<'a>, Hit),
    /// The wording of the most urgent entry (the latest of those).
    pub(super) variant: Variant,
    pub(super) clean: u32,
}

impl<'a> Open<'a> {
    pub(super) fn new(start: usize, source: Source<'a>, hit: Hit) -> Open<'a> {
        Open {
            since: source.date(),
            start,
            level: hit.level,
            signs: hit.signs,
            highest_pain: source.pain(),
            symptoms: source.symptoms(),
            first: (source, hit),
            latest: (source, hit),
            variant: hit.variant,
            clean: 0,
        }
    }

    pub(super) fn fired(&mut self, source: Source<'a>, hit: Hit) {
        if hit.level <= self.level {
            self.variant = hit.variant;
        }
        self.level = self.level.min(hit.level);
        self.signs |= hit.signs;
        self.highest_pain = self.highest_pain.max(source.pain());
        self.symptoms = source.symptoms().iter().fold(self.symptoms, |mut all, s| {
            all.insert(s);
            all
        });
        self.latest = (source, hit);
        self.clean = 0;
    }
}

/// What an outcome covers from its date on.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cover {
    pub(super) date: NaiveDate,
    pub(super) result: OutcomeResult,
    pub(super) level: Level,
    pub(super) signs: Signs,
    /// The highest pain of the entries it covered; `None` for an outcome
    /// recorded before v3 stored it.
    pub(super) highest_pain: Option<u8>,
    /// Check-ins in a row dated after the outcome that did not fire the rule.
    pub(super) clean_after: u32,
    /// A check-in dated after the outcome did not fire the rule: a
    /// `not-seen` close no longer holds the light.
    pub(super) released: bool,
    /// The warning it closed, for a `not-seen` hold.
    pub(super) variant: Variant,
    pub(super) symptoms: Symptoms,
}

impl Cover {
    /// Test 3's first part, for any entry: a sign not in the presentation,
    /// a higher level, or pain at least 3 above the highest it covered.
    pub(super) fn shows_something_new(&self, hit: &Hit, pain: Option<u8>) -> bool {
        hit.signs & !self.signs != 0
            || hit.level < self.level
            || matches!((pain, self.highest_pain), (Some(p), Some(h)) if p >= h.saturating_add(PAIN_STEP))
    }

    /// The four re-warning tests for an entry dated after the outcome that
    /// fires `rule`.
    pub(super) fn warns_again(&self, rule: RuleId, hit: &Hit, pain: Option<u8>) -> bool {
        let above_highest = matches!((pain, self.highest_pain), (Some(p), Some(h)) if p > h);
        // 1. Nobody has looked: every emergency or urgent entry warns.
        (self.result == OutcomeResult::NotSeen && hit.level <= Level::Urgent)
            // 2. An emergency changes by the hour.
            || hit.level == Level::Emergency
            // 3. Something new, or a named sign back after 3 clean check-ins.
            || self.shows_something_new(hit, pain)
            || (self.clean_after >= CLEAN_BEFORE_RETURN
                && (hit.signs & SYMPTOMS & !bit(Symptom::Cramping) & !bit(Symptom::Immobilised) != 0 || above_highest))
            // 4. Compartment pain that is not falling after an assessment.
            || (rule == RuleId::Compartment && pain.is_some_and(|p| self.highest_pain.is_none_or(|h| p >= h)))
    }

    /// True while a `not-seen` close of an emergency or urgent warning
    /// holds the light at stop.
    pub(super) fn holds(&self) -> bool {
        self.result == OutcomeResult::NotSeen && self.level <= Level::Urgent && !self.released
    }
}

/// Where one rule stands in a replay: its open warning, and the outcome
/// that covers it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RuleState<'a> {
    pub(super) open: Option<Open<'a>>,
    pub(super) cover: Option<Cover>,
}

impl RuleState<'_> {
    /// True while a quiet check-in changes this state: an open warning
    /// counts towards its lapse; a cover counts up to the clean check-ins
    /// test 3 asks for and the release of a not-seen hold.
    pub(super) fn is_live(&self) -> bool {
        self.open.is_some()
            || self
                .cover
                .is_some_and(|c| !(c.released && c.clean_after >= CLEAN_BEFORE_RETURN))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{
        Build, D, EntryExt, Fixture, active, clean, clot_history_assessed, day, entry, open_one, outcome, outcome_with,
        silent,
    };
    use super::super::{EpisodeEnd, Light, assess, episodes, flags};
    use super::*;
    use crate::domain::Leg;
    use crate::domain::Symptom::*;

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
    fn after_an_outcome_the_same_ache_after_a_pain_free_day_is_silent() {
        let mut fx = clot_history_assessed();
        fx.add(entry(2, Leg::Left, 0, 2));
        fx.add(entry(1, Leg::Left, 0, 0));
        fx.add(entry(0, Leg::Left, 0, 2));
        silent(&fx, RuleId::Dvt);
    }

    #[test]
    fn after_an_outcome_pain_above_the_highest_after_three_clean_check_ins_warns() {
        let mut fx = clot_history_assessed();
        clean(&mut fx, [3, 2, 1]);
        fx.add(entry(0, Leg::Left, 0, 2));
        silent(&fx, RuleId::Dvt);
        fx.add(entry(0, Leg::Left, 0, 3));
        open_one(&fx, RuleId::Dvt, day(0));
        // Two clean check-ins are not three.
        let mut two = clot_history_assessed();
        clean(&mut two, [2, 1]);
        two.add(entry(0, Leg::Left, 0, 3));
        silent(&two, RuleId::Dvt);
    }

    #[test]
    fn after_an_outcome_pain_3_above_the_highest_warns_at_once() {
        let mut fx = clot_history_assessed();
        fx.add(entry(1, Leg::Left, 0, 4));
        silent(&fx, RuleId::Dvt);
        fx.add(entry(0, Leg::Left, 0, 5));
        open_one(&fx, RuleId::Dvt, day(0));
    }

    #[test]
    fn after_an_outcome_a_named_sign_back_after_three_clean_check_ins_warns_but_cramping_does_not() {
        let mut fx = Fixture::default();
        fx.profile.clot_history = true;
        fx.add(entry(6, Leg::Left, 0, 2).signs(&[Cramping, Warmth]));
        outcome(&mut fx, 6, RuleId::Dvt);
        clean(&mut fx, [5, 4, 3]);
        fx.add(entry(2, Leg::Left, 0, 0).signs(&[Cramping]));
        silent(&fx, RuleId::Dvt);
        clean(&mut fx, [1]);
        fx.add(entry(0, Leg::Left, 0, 0).signs(&[Warmth]));
        // Only one clean check-in since the cramping: still the same ache.
        silent(&fx, RuleId::Dvt);
        let mut back = fx.clone();
        back.add(entry(2, Leg::Left, 0, 0));
        back.add(entry(1, Leg::Left, 0, 0));
        open_one(&back, RuleId::Dvt, day(0));
    }

    #[test]
    fn a_soon_warning_after_its_outcome_warns_again_when_the_sign_comes_back_after_three_clean_days() {
        let mut fx = Fixture::default();
        fx.add(entry(5, Leg::Left, 0, 0).signs(&[Bruising]));
        outcome(&mut fx, 5, RuleId::Bruising);
        fx.add(entry(4, Leg::Left, 0, 0).signs(&[Bruising]));
        silent(&fx, RuleId::Bruising);
        clean(&mut fx, [3, 2, 1]);
        fx.add(entry(0, Leg::Left, 0, 0).signs(&[Bruising]));
        assert_eq!(active(&fx, RuleId::Bruising).len(), 1);
    }

    // ---- v3: what the clinician saw (issue 18) ----

    #[test]
    fn case_1_breathless_after_a_not_seen_close_warns_again() {
        let mut fx = Fixture::default();
        fx.add(entry(3, Leg::Left, 0, 0).signs(&[Breathless]));
        outcome_with(&mut fx, 3, RuleId::PeSigns, OutcomeResult::NotSeen);
        fx.add(entry(2, Leg::Left, 0, 0).signs(&[Breathless]));
        let flag = open_one(&fx, RuleId::PeSigns, day(2));
        assert_eq!(flag.level, Level::Emergency);
        fx.add(entry(1, Leg::Left, 0, 0).signs(&[Breathless]));
        open_one(&fx, RuleId::PeSigns, day(2));
        assert_eq!(assess(&fx.history(), D).guidance.light, Light::Stop);
    }

    #[test]
    fn case_1_an_emergency_the_day_after_a_cleared_outcome_warns_again() {
        let mut fx = Fixture::default();
        fx.add(entry(2, Leg::Left, 0, 0).signs(&[Breathless]));
        outcome(&mut fx, 2, RuleId::PeSigns);
        silent(&fx, RuleId::PeSigns);
        fx.add(entry(1, Leg::Left, 0, 0).signs(&[Breathless]));
        open_one(&fx, RuleId::PeSigns, day(1));
    }

    #[test]
    fn case_3_compartment_signs_after_yesterdays_clearance_warn_again() {
        // Emergency: test 2.
        let mut fx = Fixture::default();
        fx.add(entry(1, Leg::Left, 6, 6).signs(&[Tense, StretchPain]));
        outcome(&mut fx, 1, RuleId::Compartment);
        fx.add(entry(0, Leg::Left, 6, 6).signs(&[Tense, StretchPain]));
        open_one(&fx, RuleId::Compartment, day(0));
        // Urgent (tense alone): test 4, pain not falling.
        let mut urgent = Fixture::default();
        urgent.add(entry(1, Leg::Left, 3, 4).signs(&[Tense]));
        outcome(&mut urgent, 1, RuleId::Compartment);
        urgent.add(entry(0, Leg::Left, 2, 3).signs(&[Tense]));
        silent(&urgent, RuleId::Compartment);
        urgent.add(entry(0, Leg::Left, 2, 4).signs(&[Tense]));
        let flag = open_one(&urgent, RuleId::Compartment, day(0));
        assert_eq!(flag.level, Level::Urgent);
    }

    #[test]
    fn case_4_a_clot_history_dvt_closed_not_seen_warns_on_every_painful_entry() {
        let mut fx = Fixture::default();
        fx.profile.clot_history = true;
        fx.add(entry(3, Leg::Left, 0, 2));
        outcome_with(&mut fx, 3, RuleId::Dvt, OutcomeResult::NotSeen);
        fx.add(entry(2, Leg::Left, 0, 2));
        let flag = open_one(&fx, RuleId::Dvt, day(2));
        assert_eq!(flag.level, Level::Urgent);
    }

    #[test]
    fn case_7_a_bone_warning_stays_open_for_28_clean_check_ins() {
        let mut fx = Fixture::default();
        fx.add(entry(30, Leg::Left, 0, 0).signs(&[BoneTender]));
        clean(&mut fx, [29]);
        open_one(&fx, RuleId::Bone, day(30));
        assert_eq!(assess(&fx.history(), D).guidance.light, Light::Stop);
        clean(&mut fx, 3..=28);
        let flag = open_one(&fx, RuleId::Bone, day(30));
        assert!(
            flag.because
                .iter()
                .any(|b| b.contains("28 left calf check-ins in a row")),
            "{flag:#?}"
        );
        clean(&mut fx, [2]);
        silent(&fx, RuleId::Bone);
    }

    #[test]
    fn a_soon_warning_lapses_after_7_clean_check_ins() {
        let mut fx = Fixture::default();
        fx.add(entry(10, Leg::Left, 0, 0).signs(&[Swelling]));
        clean(&mut fx, 4..=9);
        open_one(&fx, RuleId::Swelling, day(10));
        clean(&mut fx, [3]);
        silent(&fx, RuleId::Swelling);
        let all = episodes(&fx.history(), D);
        assert_eq!(all[0].end, EpisodeEnd::Lapsed(day(3)));
    }

    #[test]
    fn a_nerve_warning_that_reached_urgent_lapses_after_14() {
        let mut fx = Fixture::default();
        fx.add(entry(20, Leg::Left, 0, 0).signs(&[Numbness]));
        fx.add(entry(19, Leg::Left, 0, 0).signs(&[Weakness]));
        clean(&mut fx, 8..=18);
        let flag = open_one(&fx, RuleId::Nerve, day(20));
        assert_eq!(flag.level, Level::Urgent);
    }

    /// A runner with a clot history, cleared by a scan, then `days` days of
    /// pain drawn from 0..=2 by a fixed generator: how many times a dvt
    /// warning opens again (the case 10 and its alarm-fatigue figure).
    fn reopenings(seed: u64, days: u64) -> usize {
        let mut fx = Fixture::default();
        fx.profile.clot_history = true;
        fx.add(entry(days + 1, Leg::Left, 1, 2));
        outcome(&mut fx, days + 1, RuleId::Dvt);
        let mut state = seed;
        let mut opened = 0;
        for k in (0..=days).rev() {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pain = ((state >> 33) % 3) as u8;
            fx.add(entry(k, Leg::Left, pain.min(1), pain));
            let today = day(k);
            if flags(&fx.history(), today)
                .iter()
                .any(|f| f.rule == RuleId::Dvt && f.since == today)
            {
                opened += 1;
            }
        }
        opened
    }

    #[test]
    fn case_10_the_same_ache_after_a_negative_scan_never_reopens_the_warning() {
        let total: usize = (1..=200).map(|seed| reopenings(seed, 28)).sum();
        assert_eq!(total, 0, "urgent warnings reopened over 200 simulated 28-day runs");
    }

    #[test]
    fn a_first_immobilised_tick_after_an_outcome_is_new_and_a_second_is_not() {
        let mut fx = clot_history_assessed();
        fx.add(entry(4, Leg::Left, 0, 2).signs(&[Immobilised]));
        let flag = open_one(&fx, RuleId::Dvt, day(4));
        outcome(&mut fx, 4, RuleId::Dvt);
        silent(&fx, RuleId::Dvt);
        assert_eq!(flag.level, Level::Urgent);
        fx.add(entry(0, Leg::Left, 0, 2).signs(&[Immobilised]));
        silent(&fx, RuleId::Dvt);
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
}
