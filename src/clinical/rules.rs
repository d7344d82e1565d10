//! The red-flag rules, evaluated per leg (see docs/clinical-rules.md, the
//! red-flag rules).
//!
//! The single-entry rules (`pe-signs` ... `worried`) judge one check-in on
//! its own fields: [`single_entry_hits`] gives, for an entry, the level and
//! the signs of each rule that fires (the give-way order applied), without
//! building any text. The replay of a leg's history runs them to keep
//! warnings open until an outcome or enough clean check-ins. The trend rules
//! (`persistent`, `recurring`, `worsening`, `load-spike`) read the leg's days
//! laid out by [`LegDays`] and carry the assessed date. Sources are named on
//! each rule and, for the user, in [`super::explain`].

use chrono::NaiveDate;

use super::assessment::Flag;
use super::days::LegDays;
use super::distance::km_text;
use super::history::{History, LOOKBACK_DAYS, dated_between, days_before};
use super::load::{RunDays, SPIKE_FACTOR};
use super::signs::{
    CANCER, CLOT, CLOT_RISK, PAIN_3, PAIN_RISE, REST_5, REST_7, RISK_PAIN, SWELLING_PAIN, Signs, TEST_0, THINNERS,
    WALK_7, WALK_8, WALK_9, bit, bits,
};
use super::text::{self, Variant, entry_name, signs_seen};
use crate::domain::{CapacityTest, CheckIn, InjuredLeg, Leg, Level, RuleId, Symptom};

/// Two distances within this many km are the same distance: a run exactly
/// 10% longer is not a spike, whatever binary floating point makes of 1.1.
const KM_TOLERANCE: f64 = 1e-9;

/// How many single-entry rules there are: they come first in [`RuleId::ALL`].
pub(super) const SINGLE: usize = RuleId::Persistent as usize;

/// Days an outcome silences a trend rule: `D <= outcome date + 13`.
const TREND_SILENCE_DAYS: i64 = 14;

/// The trend rules, in table order.
const TREND: [RuleId; 4] = [
    RuleId::Persistent,
    RuleId::Recurring,
    RuleId::Worsening,
    RuleId::LoadSpike,
];

/// The flags of the trend rules for `leg` as of `date`, unsorted. `runs`
/// are the days' runs of both legs, loaded once for both.
pub(super) fn trend_flags(history: &History<'_>, leg: Leg, date: NaiveDate, runs: &RunDays) -> Vec<Flag> {
    let days = LegDays::load(history, leg, date);
    TREND
        .into_iter()
        .filter(|rule| !trend_silenced(history, *rule, leg, date))
        .filter_map(|rule| check_trend(rule, &days, runs, history).map(|found| found.into_flag(rule, leg)))
        .collect()
}

/// A trend rule stays silent for 14 days after an outcome for it and the
/// leg (see docs/clinical-rules.md, open warnings and outcomes).
fn trend_silenced(history: &History<'_>, rule: RuleId, leg: Leg, date: NaiveDate) -> bool {
    history.outcomes.iter().any(|o| {
        o.leg == leg && o.rule == rule.id() && o.date <= date && (date - o.date).num_days() < TREND_SILENCE_DAYS
    })
}

/// What made a trend rule fire for one leg.
pub(super) struct Finding {
    level: Level,
    date: NaiveDate,
    variant: Variant,
    because: Vec<String>,
}

impl Finding {
    /// A finding at the rule's usual level and wording.
    fn new(rule: RuleId, date: NaiveDate, because: Vec<String>) -> Finding {
        Finding {
            level: rule.base_level(),
            date,
            variant: Variant::Plain,
            because,
        }
    }

    fn with_variant(mut self, variant: Variant) -> Finding {
        self.variant = variant;
        self
    }

    fn into_flag(self, rule: RuleId, leg: Leg) -> Flag {
        Flag {
            rule,
            level: self.level,
            leg,
            date: self.date,
            since: self.date,
            title: text::title(rule, self.variant).to_owned(),
            advice: text::advice(rule, self.variant).to_owned(),
            because: self.because,
            symptoms: Default::default(),
        }
    }
}

fn check_trend(rule: RuleId, days: &LegDays<'_>, runs: &RunDays, history: &History<'_>) -> Option<Finding> {
    match rule {
        RuleId::Persistent => persistent(days, history),
        RuleId::Recurring => recurring(days, runs),
        RuleId::Worsening => worsening(days),
        RuleId::LoadSpike => load_spike(days, runs),
        _ => None,
    }
}

/// One single-entry rule firing on one entry: how urgent, with which signs,
/// and which wording. No text is built until a flag is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub level: Level,
    pub signs: Signs,
    pub variant: Variant,
}

impl Hit {
    fn new(level: Level, signs: Signs) -> Hit {
        Hit {
            level,
            signs,
            variant: Variant::Plain,
        }
    }

    fn with(level: Level, signs: Signs, variant: Variant) -> Hit {
        Hit { level, signs, variant }
    }
}

/// The single-entry rules' results for one entry, indexed by `RuleId as usize`.
pub(super) type Hits = [Option<Hit>; SINGLE];

/// Days an `immobilised` tick counts for: the question asks about the last
/// 12 weeks, so a tick on `e` counts for entries dated `e ..= e+83`.
pub(super) const IMMOBILISED_DAYS: i64 = 84;

/// What the single-entry rules read besides the entry itself: the
/// profile's facts and the `immobilised` ticks of both legs.
#[derive(Debug, Clone)]
pub(super) struct Judge<'a> {
    /// The profile's risk factors ([`super::signs::profile_risk`]).
    risk: Signs,
    blood_thinners: bool,
    /// Every check-in of the slice (both legs, by date): an `immobilised`
    /// tick is looked up in the 12 weeks before an entry, since a long
    /// journey is not one calf's.
    checkins: &'a [CheckIn],
    /// The dates of those ticks in a range, when a replay asked for them
    /// ([`Judge::with_ticks`]): a binary search instead of a scan.
    ticks: Option<Vec<NaiveDate>>,
}

impl<'a> Judge<'a> {
    pub(super) fn new(history: &History<'a>) -> Judge<'a> {
        Judge {
            risk: super::signs::profile_risk(history.profile),
            blood_thinners: history.profile.blood_thinners,
            checkins: history.checkins,
            ticks: None,
        }
    }

    /// The same judge with the `immobilised` ticks that judge entries dated
    /// `from..=to` read once, for a replay over that range.
    pub(super) fn with_ticks(mut self, from: NaiveDate, to: NaiveDate) -> Judge<'a> {
        let first = days_before(from, (IMMOBILISED_DAYS - 1) as u64);
        let mut ticks: Vec<NaiveDate> = dated_between(self.checkins, |c| c.date, first, to)
            .iter()
            .filter(|c| c.symptoms.contains(Symptom::Immobilised))
            .map(|c| c.date)
            .collect();
        ticks.dedup();
        self.ticks = Some(ticks);
        self
    }

    /// The risk factors of an entry dated `date`: the profile's, and
    /// `immobilised` when ticked on either leg within the 12 weeks up to it.
    pub(super) fn risk_on(&self, date: NaiveDate) -> Signs {
        let from = days_before(date, (IMMOBILISED_DAYS - 1) as u64);
        let ticked = match &self.ticks {
            Some(ticks) => {
                let start = ticks.partition_point(|d| *d < from);
                ticks.get(start).is_some_and(|d| *d <= date)
            }
            None => dated_between(self.checkins, |c| c.date, from, date)
                .iter()
                .any(|c| c.symptoms.contains(Symptom::Immobilised)),
        };
        self.risk | if ticked { bit(Symptom::Immobilised) } else { 0 }
    }

    /// True when the entry fires any single-entry rule. Cheaper than
    /// [`Judge::hits`] with a risk factor in the profile: whether an
    /// `immobilised` tick adds to it cannot change whether anything fires.
    pub(super) fn fires_any(&self, entry: &CheckIn, previous: Option<&CheckIn>) -> bool {
        if self.risk == 0 {
            return self.hits(entry, previous).iter().any(Option::is_some);
        }
        let rise = previous.is_some_and(|p| entry.pain() >= p.pain().saturating_add(3));
        single_entry_hits(entry, self.risk, self.blood_thinners && rise, self.blood_thinners)
            .iter()
            .any(Option::is_some)
    }

    /// Every single-entry rule on one check-in. `previous`
    /// is the leg's check-in before it (for `bleed`).
    pub(super) fn hits(&self, entry: &CheckIn, previous: Option<&CheckIn>) -> Hits {
        let pain = entry.pain();
        let rise = previous.is_some_and(|p| pain >= p.pain().saturating_add(3));
        // Most entries show nothing: no sign, moderate pain, no risk factor.
        let quiet = entry.symptoms.is_empty()
            && entry.pain_rest.value() < 5
            && entry.pain_walk.value() < 7
            && !(self.blood_thinners && rise);
        if quiet && pain == 0 {
            return [None; SINGLE];
        }
        let risk = self.risk_on(entry.date);
        if quiet && risk == 0 {
            return [None; SINGLE];
        }
        single_entry_hits(entry, risk, self.blood_thinners && rise, self.blood_thinners)
    }
}

/// Every single-entry rule on one check-in, with the
/// give-way order applied (`swelling` gives way to `dvt`; `redness` to
/// `infection` and `dvt`; `stretch-pain` to `compartment` and `dvt`;
/// `bruising` to `bleed`). `risk` holds the entry's risk factors
/// ([`Judge::risk_on`]); `rise` is true when the pain is at least 3 above
/// the leg's previous check-in and the profile records blood thinners.
pub(super) fn single_entry_hits(entry: &CheckIn, risk: Signs, rise: bool, thinners: bool) -> Hits {
    let mut hits: Hits = [None; SINGLE];
    let sym = Signs::from(entry.symptoms.bits());
    let rest = entry.pain_rest.value();
    let walk = entry.pain_walk.value();
    let pain = rest.max(walk);
    let has = |s: Symptom| sym & bit(s) != 0;
    let mut set = |rule: RuleId, hit: Hit| hits[rule as usize] = Some(hit);

    let emergency_sign = [
        (RuleId::PeSigns, Symptom::Breathless),
        (RuleId::Circulation, Symptom::PaleCold),
        (RuleId::Rhabdo, Symptom::DarkUrine),
        (RuleId::CaudaEquina, Symptom::BackBladder),
        (RuleId::Sepsis, Symptom::VeryUnwell),
    ];
    for (rule, symptom) in emergency_sign {
        if has(symptom) {
            set(rule, Hit::new(Level::Emergency, bit(symptom)));
        }
    }

    let compartment = compartment(sym, rest, walk);
    if let Some(hit) = compartment {
        set(RuleId::Compartment, hit);
    }

    // `pitting` counts as swelling (the question is about a swollen area).
    let swollen = sym & bits(&[Symptom::Swelling, Symptom::Pitting]);
    let swelling_with = sym
        & bits(&[
            Symptom::Pitting,
            Symptom::Redness,
            Symptom::Warmth,
            Symptom::StretchPain,
            Symptom::Fever,
            Symptom::Tense,
            Symptom::Cramping,
        ]);
    let dvt_by_swelling = if swollen != 0 && (pain >= 1 || swelling_with != 0 || risk != 0) {
        swollen | swelling_with | risk | flag_if(pain >= 1, SWELLING_PAIN)
    } else {
        0
    };
    let risk_with = sym & bits(&[Symptom::Cramping, Symptom::Tense, Symptom::Warmth]);
    let dvt_by_risk = if risk != 0 && (pain >= 1 || risk_with != 0) {
        risk | risk_with | flag_if(pain >= 1, RISK_PAIN)
    } else {
        0
    };
    let dvt = dvt_by_swelling | dvt_by_risk != 0;
    if dvt {
        set(RuleId::Dvt, Hit::new(Level::Urgent, dvt_by_swelling | dvt_by_risk));
    }

    let red_warm = has(Symptom::Redness) && has(Symptom::Warmth);
    let fever_with = flag_if(pain >= 3, PAIN_3) | (sym & bits(&[Symptom::Redness, Symptom::Warmth])) | swollen;
    let fever_infection = has(Symptom::Fever) && fever_with != 0;
    let infection = red_warm || fever_infection;
    if infection {
        let seen = sym & bits(&[Symptom::Redness, Symptom::Warmth, Symptom::Fever])
            | if fever_infection { fever_with } else { 0 };
        let emergency = has(Symptom::Fever) && has(Symptom::Warmth) && (has(Symptom::Redness) || swollen != 0);
        set(
            RuleId::Infection,
            if emergency {
                Hit::with(
                    Level::Emergency,
                    seen | (sym & bits(&[Symptom::Warmth])),
                    Variant::WithFever,
                )
            } else {
                Hit::new(Level::Urgent, seen)
            },
        );
    }

    let tear = sym & bits(&[Symptom::Pop, Symptom::HeelRaiseFail, Symptom::Gap]);
    if tear != 0 {
        set(RuleId::Rupture, Hit::new(Level::Urgent, tear));
    }

    let bleed_signs = sym & bits(&[Symptom::Swelling, Symptom::Pitting, Symptom::Bruising, Symptom::Tense]);
    let bleed = thinners && (bleed_signs != 0 || rise);
    if bleed {
        set(
            RuleId::Bleed,
            Hit::new(Level::Urgent, THINNERS | bleed_signs | flag_if(rise, PAIN_RISE)),
        );
    }

    let nerve = sym & bits(&[Symptom::Numbness, Symptom::Weakness]);
    if nerve != 0 {
        set(
            RuleId::Nerve,
            if has(Symptom::Weakness) {
                Hit::with(Level::Urgent, nerve, Variant::WithWeakness)
            } else {
                Hit::new(Level::Soon, nerve)
            },
        );
    }
    let no_weight = sym & bit(Symptom::NoWeight);
    let severe = flag_if(walk >= 7, WALK_7) | flag_if(rest >= 5, REST_5) | no_weight;
    if severe != 0 {
        let urgent = flag_if(rest >= 7, REST_7) | flag_if(walk >= 9, WALK_9) | no_weight;
        set(
            RuleId::SeverePain,
            if urgent != 0 {
                Hit::with(Level::Urgent, severe | urgent, Variant::Urgent)
            } else {
                Hit::new(Level::Soon, severe)
            },
        );
    }
    let bone = sym & bits(&[Symptom::BoneTender, Symptom::NightPain]);
    if bone != 0 {
        set(RuleId::Bone, Hit::new(Level::Soon, bone));
    }
    if has(Symptom::Bruising) && !bleed {
        set(RuleId::Bruising, Hit::new(Level::Soon, bit(Symptom::Bruising)));
    }
    let warm_and_painful = has(Symptom::Warmth) && pain >= 3;
    if (has(Symptom::Redness) || warm_and_painful) && !infection && !dvt {
        let seen = (sym & bit(Symptom::Redness))
            | if warm_and_painful {
                bit(Symptom::Warmth) | PAIN_3
            } else {
                0
            };
        set(RuleId::Redness, Hit::new(Level::Soon, seen));
    }
    if swollen != 0 && !dvt {
        set(RuleId::Swelling, Hit::new(Level::Soon, swollen));
    }
    if has(Symptom::StretchPain) && compartment.is_none() && !dvt {
        set(RuleId::StretchPain, Hit::new(Level::Soon, bit(Symptom::StretchPain)));
    }
    for (rule, symptom) in [
        (RuleId::BothLegs, Symptom::BothSwollen),
        (RuleId::Worried, Symptom::Worried),
    ] {
        if has(symptom) {
            set(rule, Hit::new(Level::Soon, bit(symptom)));
        }
    }
    hits
}

/// `compartment`: emergency when `tense` comes with
/// `stretch-pain`, rest pain 5+, walking pain 8+, numbness or weakness; or
/// `stretch-pain` with rest pain 7+ or walking pain 9+; or `stretch-pain`
/// with numbness or weakness and rest pain 5+. Urgent for `tense` alone,
/// or `stretch-pain` with rest pain 5+ or with numbness or weakness (BOAST
/// 10: pain out of proportion and pain on passive stretch come first;
/// counting a hard calf on its own is this app's choice).
fn compartment(sym: Signs, rest: u8, walk: u8) -> Option<Hit> {
    let tense = sym & bit(Symptom::Tense);
    let stretch = sym & bit(Symptom::StretchPain);
    let nerve = sym & bits(&[Symptom::Numbness, Symptom::Weakness]);
    let mut emergency: Signs = 0;
    if tense != 0 {
        let with = stretch | flag_if(rest >= 5, REST_5) | flag_if(walk >= 8, WALK_8) | nerve;
        if with != 0 {
            emergency |= tense | with;
        }
    }
    if stretch != 0 {
        let out_of_proportion = flag_if(rest >= 7, REST_7) | flag_if(walk >= 9, WALK_9);
        if out_of_proportion != 0 {
            emergency |= stretch | out_of_proportion;
        }
        if nerve != 0 && rest >= 5 {
            emergency |= stretch | nerve | REST_5;
        }
    }
    if emergency != 0 {
        return Some(Hit::new(Level::Emergency, emergency));
    }
    let urgent = tense
        | if stretch != 0 && (rest >= 5 || nerve != 0) {
            stretch | flag_if(rest >= 5, REST_5) | nerve
        } else {
            0
        };
    (urgent != 0).then(|| Hit::with(Level::Urgent, urgent, Variant::Urgent))
}

/// A heel-raise capacity test of 0 reps fires `rupture` on its leg.
pub(super) fn test_hit(test: &CapacityTest) -> Option<Hit> {
    (test.reps == 0).then(|| Hit::new(Level::Urgent, TEST_0))
}

fn flag_if(condition: bool, sign: Signs) -> Signs {
    if condition { sign } else { 0 }
}

/// The reasons of a single-entry flag: the signs of `hit` as the entry
/// showed them, in plain words.
pub(super) fn check_in_because(hit: &Hit, entry: &CheckIn) -> Vec<String> {
    let symptoms: Vec<Symptom> = Symptom::ALL.into_iter().filter(|s| hit.signs & bit(*s) != 0).collect();
    let mut because: Vec<String> = signs_seen(entry, &symptoms).into_iter().collect();
    if hit.signs & (REST_7 | REST_5) != 0 {
        because.push(pain_at_rest(entry));
    }
    if hit.signs & (WALK_9 | WALK_8 | WALK_7) != 0 {
        because.push(format!("walking pain {}/10 in {}", entry.pain_walk, entry_name(entry)));
    }
    if hit.signs & (SWELLING_PAIN | PAIN_3) != 0
        && hit.signs & (RISK_PAIN | REST_7 | REST_5 | WALK_9 | WALK_8 | WALK_7) == 0
    {
        because.push(format!(
            "pain {}/10 (the worse of rest and walking) in {}",
            entry.pain(),
            entry_name(entry)
        ));
    }
    if hit.signs & PAIN_RISE != 0 {
        because.push(format!(
            "pain {}/10 in {}, at least 3 above the calf's check-in before it",
            entry.pain(),
            entry_name(entry)
        ));
    }
    if hit.signs & THINNERS != 0 {
        because.push("your profile records that you take a blood thinner (an anticoagulant)".to_owned());
    }
    if hit.signs & CLOT_RISK != 0 {
        because.push(
            "your profile records another clot risk (oestrogen as the pill or HRT, a pregnancy or recent birth, \
             or a clotting disorder)"
                .to_owned(),
        );
    }
    if hit.signs & RISK_PAIN != 0 {
        because.push(format!(
            "pain {}/10 (the worse of rest and walking) in {}, with a risk factor for clots",
            entry.pain(),
            entry_name(entry)
        ));
    }
    if hit.signs & bit(Symptom::Immobilised) != 0 && !entry.symptoms.contains(Symptom::Immobilised) {
        because.push(
            "surgery, a cast or boot, bed rest or a long journey ticked on a check-in of the 12 weeks before"
                .to_owned(),
        );
    }
    if hit.signs & CLOT != 0 {
        because.push("your profile records a past DVT or clot on the lung".to_owned());
    }
    if hit.signs & CANCER != 0 {
        because.push("your profile records active cancer or cancer treatment in the last 6 months".to_owned());
    }
    because
}

/// The reason of a `rupture` flag raised by a capacity test.
pub(super) fn test_because(test: &CapacityTest) -> Vec<String> {
    vec![format!(
        "a single-leg {} test of 0 reps on the {} leg on {}",
        test.test.label(),
        test.leg,
        test.date
    )]
}

fn pain_at_rest(entry: &CheckIn) -> String {
    format!("pain at rest {}/10 in {}", entry.pain_rest, entry_name(entry))
}

/// Lowest pain (the worse of rest and walking) that counts as painful for
/// `persistent`.
const PAINFUL: u8 = 3;
/// Days after the injury from which pain is "still there six weeks on".
const SIX_WEEKS: i64 = 42;

/// `persistent` (soon), three ways, robust to missing days:
/// of the check-ins dated D-6..D (C), at least 4 painful and the latest
/// painful and not lower than the earliest; or of those dated D-13..D, at
/// least 8 painful, at least 70% of them, the latest painful; or six weeks
/// after the injury date, the injured leg's latest check-in of D-6..D
/// painful. Not better after ~5 days of care, painful most logged days for
/// two weeks, or still painful six weeks on (NHS; Yamato et al. 2015).
fn persistent(days: &LegDays<'_>, history: &History<'_>) -> Option<Finding> {
    let date = days.date;
    let leg = days.leg;
    let mut because = Vec::new();

    let week: Vec<&CheckIn> = days.between(0, 6).collect();
    let painful_week = week.iter().filter(|c| c.pain() >= PAINFUL).count();
    if let (Some(latest), Some(earliest)) = (week.first(), week.last())
        && painful_week >= 4
        && latest.pain() >= PAINFUL
        && latest.pain() >= earliest.pain()
    {
        because.push(format!(
            "pain {PAINFUL} or more on {painful_week} of the {} {leg} calf check-ins from {} to {date}",
            week.len(),
            days_before(date, 6)
        ));
        because.push(format!(
            "the latest ({}, {}/10) is not lower than the earliest ({}, {}/10)",
            latest.date,
            latest.pain(),
            earliest.date,
            earliest.pain()
        ));
    }

    let fortnight: Vec<&CheckIn> = days.between(0, 13).collect();
    let painful = fortnight.iter().filter(|c| c.pain() >= PAINFUL).count();
    if let Some(latest) = fortnight.first()
        && painful >= 8
        && painful * 10 >= fortnight.len() * 7
        && latest.pain() >= PAINFUL
    {
        because.push(format!(
            "pain {PAINFUL} or more on {painful} of the {} {leg} calf check-ins from {} to {date}, {}/10 on the latest ({})",
            fortnight.len(),
            days_before(date, 13),
            latest.pain(),
            latest.date
        ));
    }

    let injured = match history.profile.leg {
        InjuredLeg::Both => true,
        other => other.single() == Some(leg),
    };
    if let Some(injury) = history.profile.injury_date
        && injured
        && (date - injury).num_days() >= SIX_WEEKS
        && let Some(latest) = week.first().filter(|c| c.pain() >= PAINFUL)
    {
        because.push(format!(
            "{}/10 on {} in the {leg} calf, {} days after the injury date ({injury})",
            latest.pain(),
            latest.date,
            (date - injury).num_days()
        ));
    }

    (!because.is_empty()).then(|| Finding::new(RuleId::Persistent, date, because))
}

/// Lowest running pain that counts for `recurring`.
const PAINFUL_RUN: u8 = 4;
/// Rest and walking pain at or below this on a run day suggest the running
/// pain settles after stopping.
const SETTLED: u8 = 2;

/// `recurring` (soon): 3+ runs within D-20..D and the last 3 each had
/// running pain >= 4 (no running-pain score counts as below 4). Pain with
/// every run needs a professional look; the advice names exertional
/// compartment syndrome, and insists on it when rest and walking pain stayed
/// low on those days (the pain settles after stopping).
///
/// The runs are the days with running (typed on either calf's check-in or
/// imported, each day once); the running pain is this calf's check-in of
/// that day, and a run day without one counts as below 4.
fn recurring(days: &LegDays<'_>, run_days: &RunDays) -> Option<Finding> {
    let date = days.date;
    let runs: Vec<(NaiveDate, Option<&CheckIn>)> = run_days
        .between(0, 20)
        .filter(|d| d.is_run())
        .map(|d| {
            (
                d.date,
                days.on(usize::try_from((date - d.date).num_days()).unwrap_or(usize::MAX)),
            )
        })
        .collect();
    let last_three = runs.get(..3)?;
    let pain_of = |run: &(NaiveDate, Option<&CheckIn>)| run.1.and_then(|c| c.pain_run).map(|p| p.value());
    if !last_three.iter().all(|r| pain_of(r).is_some_and(|p| p >= PAINFUL_RUN)) {
        return None;
    }
    let listed: Vec<String> = last_three
        .iter()
        .rev()
        .map(|r| format!("{} ({}/10)", r.0, pain_of(r).unwrap_or(0)))
        .collect();
    let mut because = vec![
        format!(
            "{} runs with the {} calf from {} to {date}",
            runs.len(),
            days.leg,
            days_before(date, 20)
        ),
        format!(
            "running pain {PAINFUL_RUN} or more on each of the last three: {}",
            listed.join(", ")
        ),
    ];
    let settles = last_three.iter().all(|r| {
        r.1.is_some_and(|c| c.pain_rest.value() <= SETTLED && c.pain_walk.value() <= SETTLED)
    });
    let finding = if settles {
        because.push(format!(
            "pain at rest and walking stayed at {SETTLED}/10 or below on those days"
        ));
        Finding::new(RuleId::Recurring, date, because).with_variant(Variant::SettlesAfterRuns)
    } else {
        Finding::new(RuleId::Recurring, date, because)
    };
    Some(finding)
}

/// Sum and count of the pain of some check-ins; compared in whole numbers so
/// "at least 2 more" is exact.
#[derive(Debug, Clone, Copy)]
struct PainSum {
    total: u32,
    entries: u32,
}

impl PainSum {
    fn of<'a>(entries: impl Iterator<Item = &'a CheckIn>) -> PainSum {
        entries.fold(PainSum { total: 0, entries: 0 }, |sum, c| PainSum {
            total: sum.total + u32::from(c.pain()),
            entries: sum.entries + 1,
        })
    }

    fn mean(self) -> f64 {
        f64::from(self.total) / f64::from(self.entries.max(1))
    }
}

/// `worsening` (watch): mean pain of D-2..D >= mean pain of D-9..D-3 + 2,
/// each window with 2+ entries, and the latest check-in of D-2..D not
/// better than the check-in before it (never said on a better day). A rise
/// despite care; the 2-point threshold is this app's choice (Farrar et al.
/// 2001 measured what change in chronic pain matters to patients).
fn worsening(days: &LegDays<'_>) -> Option<Finding> {
    let date = days.date;
    let recent = PainSum::of(days.between(0, 2));
    let earlier = PainSum::of(days.between(3, 9));
    if recent.entries < 2 || earlier.entries < 2 {
        return None;
    }
    // recent/r >= earlier/e + 2, multiplied out by r*e.
    let rising = recent.total * earlier.entries >= (earlier.total + 2 * earlier.entries) * recent.entries;
    let mut newest_first = days.between(0, LOOKBACK_DAYS as usize);
    let latest = newest_first.next()?;
    let before = newest_first.next()?;
    let not_better = latest.pain() >= before.pain();
    (rising && not_better).then(|| {
        let because = format!(
            "mean pain {:.1} over {} to {date} ({} {} calf check-ins), up from {:.1} over {} to {} ({} check-ins)",
            recent.mean(),
            days_before(date, 2),
            recent.entries,
            days.leg,
            earlier.mean(),
            days_before(date, 9),
            days_before(date, 3),
            earlier.entries
        );
        let latest_line = format!(
            "the latest ({}, {}/10) is not lower than the check-in before it ({}, {}/10)",
            latest.date,
            latest.pain(),
            before.date,
            before.pain()
        );
        Finding::new(RuleId::Worsening, date, vec![because, latest_line])
    })
}

/// `load-spike` (watch): a run dated D-1 or D with km > 1.1 x the longest
/// run (km) of the 30 days before that run's date, which must hold at least
/// one run with a distance. It shows the morning after too, when the
/// check-in is made. Single-session spikes over 10% raised injury rates
/// (Frandsen et al. 2025, Garmin-RUNSAFE; an association).
///
/// A day's km counts each run once, typed on either calf or imported
/// ([`RunDays`]); the finding goes to the calves being followed.
fn load_spike(days: &LegDays<'_>, runs: &RunDays) -> Option<Finding> {
    if !runs.legs.contains(&days.leg) {
        return None;
    }
    let spike_on = |offset: usize| {
        let run = runs.on(offset).filter(|d| d.km > 0.0)?;
        let longest = runs
            .between(offset + 1, offset + 30)
            .filter(|d| d.km > 0.0)
            .map(|d| (d.km, d.date))
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        (run.km > SPIKE_FACTOR * longest.0 + KM_TOLERANCE).then_some((run.km, run.date, longest))
    };
    let (km, run_date, longest) = spike_on(0).or_else(|| spike_on(1))?;
    let percent = format!("{:.1}", (km / longest.0 - 1.0) * 100.0);
    let percent = percent.trim_end_matches(".0");
    let because = format!(
        "{} run on {run_date} with the {} calf, {percent}% more than the longest run of the 30 days before ({} on {}); more than 10% counts as a spike",
        km_text(km),
        days.leg,
        km_text(longest.0),
        longest.1,
    );
    let mut lines = vec![because];
    // Today's cap reads the 30 days before today, the spike's run included.
    let today_longest = runs
        .between(1, 30)
        .filter(|d| d.km > 0.0)
        .map(|d| d.km)
        .max_by(f64::total_cmp);
    if let Some(longest) = today_longest {
        lines.push(super::distance::run_cap_line(
            SPIKE_FACTOR * longest,
            crate::units::Units::Km,
        ));
    }
    Some(Finding::new(RuleId::LoadSpike, days.date, lines))
}

#[cfg(test)]
mod tests {
    use super::super::distance::format_km;
    use super::super::flags as evaluate;
    use super::super::testkit::{Build, D, EntryExt, Fixture, active, day, entry, outcome, silent};
    use super::*;
    use crate::domain::Symptom::*;

    fn fired(fx: &Fixture, rule: RuleId) -> Vec<Flag> {
        evaluate(&fx.history(), D)
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// The one flag of `rule` for the left leg, with its level and date checked.
    fn one(fx: &Fixture, rule: RuleId, level: Level, date: NaiveDate) -> Flag {
        let flags = fired(fx, rule);
        assert_eq!(flags.len(), 1, "{rule}: {flags:#?}");
        let flag = flags.into_iter().next().unwrap();
        assert_eq!((flag.level, flag.date), (level, date), "{flag:#?}");
        flag
    }

    fn none(fx: &Fixture, rule: RuleId) {
        let flags = fired(fx, rule);
        assert!(flags.is_empty(), "{rule} fired: {flags:#?}");
    }

    /// A fixture with one left-calf entry on `days_before` carrying `signs`.
    fn signs(days_before: u64, rest: u8, walk: u8, signs: &[Symptom]) -> Fixture {
        let mut fx = Fixture::default();
        fx.add(entry(days_before, Leg::Left, rest, walk).signs(signs));
        fx
    }

    // ---- single-entry rules: the latest check-in at any age ----

    #[test]
    fn single_entry_rules_read_the_latest_check_in_at_any_age_and_say_when_it_is_old() {
        let fresh = one(&signs(2, 0, 0, &[Bruising]), RuleId::Bruising, Level::Soon, day(2));
        assert!(
            !fresh.because.iter().any(|b| b.starts_with("last check-in")),
            "{fresh:#?}"
        );
        let old = one(&signs(3, 0, 0, &[Bruising]), RuleId::Bruising, Level::Soon, day(3));
        assert_eq!(
            old.because.last().map(String::as_str),
            Some("last check-in of the left calf: 2026-06-17, 3 days ago")
        );
        one(&signs(40, 0, 0, &[Bruising]), RuleId::Bruising, Level::Soon, day(40));
    }

    #[test]
    fn a_newer_clean_check_in_keeps_a_soon_warning_open() {
        // v3: every single-entry warning stays open until an outcome or 7
        // clean check-ins (the case 7 for `bone`, 28).
        let mut fx = signs(1, 0, 0, &[Bruising, Worried]);
        fx.add(entry(0, Leg::Left, 0, 0).signs(&[Worried]));
        let flag = one(&fx, RuleId::Bruising, Level::Soon, day(1));
        assert_eq!(flag.since, day(1));
        one(&fx, RuleId::Worried, Level::Soon, day(0));
    }

    #[test]
    fn entries_after_d_are_ignored() {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Left, 0, 0));
        fx.add(entry_after_d(&[Breathless]));
        none(&fx, RuleId::PeSigns);
    }

    fn entry_after_d(signs: &[Symptom]) -> CheckIn {
        let mut c = entry(0, Leg::Left, 0, 0).signs(signs);
        c.date = D.succ_opt().unwrap();
        c
    }

    // ---- emergency ----

    #[test]
    fn pe_signs_fires_on_breathless_only() {
        let flag = one(
            &signs(0, 0, 0, &[Breathless]),
            RuleId::PeSigns,
            Level::Emergency,
            day(0),
        );
        assert!(
            flag.because[0].ends_with("ticked in the left calf check-in of 2026-06-20"),
            "{flag:#?}"
        );
        assert!(flag.advice.contains("emergency department now"));
        none(&signs(0, 10, 10, &[Swelling, Tense, Fever]), RuleId::PeSigns);
    }

    #[test]
    fn circulation_fires_on_pale_cold_only() {
        let flag = one(
            &signs(0, 0, 0, &[PaleCold]),
            RuleId::Circulation,
            Level::Emergency,
            day(0),
        );
        assert!(flag.because[0].ends_with("ticked in the left calf check-in of 2026-06-20"));
        none(&signs(0, 0, 0, &[Numbness, Weakness]), RuleId::Circulation);
    }

    #[test]
    fn rhabdo_cauda_equina_and_sepsis_fire_on_their_sign_at_emergency() {
        for (sign, rule) in [
            (DarkUrine, RuleId::Rhabdo),
            (BackBladder, RuleId::CaudaEquina),
            (VeryUnwell, RuleId::Sepsis),
        ] {
            let flag = one(&signs(0, 0, 0, &[sign]), rule, Level::Emergency, day(0));
            assert!(flag.advice.contains("emergency department now"), "{flag:#?}");
            none(&signs(0, 10, 10, &[Swelling, Fever, Numbness, Weakness]), rule);
        }
    }

    /// The level `compartment` fires at on one entry, if it fires.
    fn compartment_level(rest: u8, walk: u8, s: &[Symptom]) -> Option<Level> {
        let found = fired(&signs(0, rest, walk, s), RuleId::Compartment);
        assert!(found.len() <= 1);
        found.first().map(|f| f.level)
    }

    #[test]
    fn compartment_tense_with_a_second_sign_is_an_emergency() {
        use Level::*;
        // tense with stretch-pain (the case 2), rest 5, walking 8,
        // numbness or weakness.
        assert_eq!(compartment_level(5, 7, &[Tense, StretchPain]), Some(Emergency));
        assert_eq!(compartment_level(0, 0, &[Tense, StretchPain]), Some(Emergency));
        assert_eq!(compartment_level(5, 0, &[Tense]), Some(Emergency));
        assert_eq!(compartment_level(4, 0, &[Tense]), Some(Urgent));
        assert_eq!(compartment_level(0, 8, &[Tense]), Some(Emergency));
        assert_eq!(compartment_level(0, 7, &[Tense]), Some(Urgent));
        assert_eq!(compartment_level(0, 0, &[Tense, Numbness]), Some(Emergency));
        assert_eq!(compartment_level(0, 0, &[Tense, Weakness]), Some(Emergency));
        let flag = one(&signs(0, 5, 0, &[Tense]), RuleId::Compartment, Emergency, day(0));
        assert!(
            flag.because
                .contains(&"pain at rest 5/10 in the left calf check-in of 2026-06-20".to_owned()),
            "{flag:#?}"
        );
    }

    #[test]
    fn compartment_stretch_pain_thresholds() {
        use Level::*;
        assert_eq!(compartment_level(7, 0, &[StretchPain]), Some(Emergency));
        assert_eq!(compartment_level(0, 9, &[StretchPain]), Some(Emergency));
        assert_eq!(compartment_level(5, 0, &[StretchPain, Numbness]), Some(Emergency));
        assert_eq!(compartment_level(5, 0, &[StretchPain, Weakness]), Some(Emergency));
        assert_eq!(compartment_level(4, 0, &[StretchPain, Numbness]), Some(Urgent));
        assert_eq!(compartment_level(6, 8, &[StretchPain]), Some(Urgent));
        assert_eq!(compartment_level(5, 0, &[StretchPain]), Some(Urgent));
        assert_eq!(compartment_level(4, 8, &[StretchPain]), None);
        assert_eq!(compartment_level(0, 0, &[StretchPain, Weakness]), Some(Urgent));
    }

    #[test]
    fn compartment_urgent_for_tense_alone_and_never_without_tense_or_stretch_pain() {
        let flag = one(&signs(0, 0, 0, &[Tense]), RuleId::Compartment, Level::Urgent, day(0));
        assert!(flag.advice.starts_with("See a clinician today"), "{flag:#?}");
        assert_eq!(compartment_level(9, 9, &[Numbness, Weakness]), None);
        assert_eq!(compartment_level(10, 10, &[]), None);
    }

    #[test]
    fn infection_urgent_on_redness_with_warmth_or_fever_with_a_second_sign() {
        none(&signs(0, 0, 0, &[Redness]), RuleId::Infection);
        none(&signs(0, 2, 2, &[Fever]), RuleId::Infection);
        none(&signs(0, 0, 0, &[Warmth]), RuleId::Infection);
        let plain = one(
            &signs(0, 0, 0, &[Redness, Warmth]),
            RuleId::Infection,
            Level::Urgent,
            day(0),
        );
        assert!(plain.advice.starts_with("See a clinician today"));
        // The case 6: fever with calf pain 4/5 and no redness.
        one(&signs(0, 4, 5, &[Fever]), RuleId::Infection, Level::Urgent, day(0));
        one(&signs(0, 3, 0, &[Fever]), RuleId::Infection, Level::Urgent, day(0));
        one(
            &signs(0, 0, 0, &[Fever, Redness]),
            RuleId::Infection,
            Level::Urgent,
            day(0),
        );
        one(
            &signs(0, 0, 0, &[Fever, Swelling]),
            RuleId::Infection,
            Level::Urgent,
            day(0),
        );
    }

    #[test]
    fn infection_is_an_emergency_with_fever_warmth_and_redness_or_swelling() {
        for second in [Redness, Swelling, Pitting] {
            let fever = one(
                &signs(0, 0, 0, &[Fever, Warmth, second]),
                RuleId::Infection,
                Level::Emergency,
                day(0),
            );
            assert!(fever.advice.contains("emergency department now"), "{fever:#?}");
        }
        one(
            &signs(0, 0, 0, &[Fever, Warmth]),
            RuleId::Infection,
            Level::Urgent,
            day(0),
        );
        one(
            &signs(0, 6, 6, &[Fever, Redness]),
            RuleId::Infection,
            Level::Urgent,
            day(0),
        );
    }

    // ---- urgent ----

    #[test]
    fn dvt_swelling_with_any_pain_or_a_companion() {
        one(&signs(0, 1, 0, &[Swelling]), RuleId::Dvt, Level::Urgent, day(0));
        one(&signs(0, 0, 1, &[Swelling]), RuleId::Dvt, Level::Urgent, day(0));
        none(&signs(0, 0, 0, &[Swelling]), RuleId::Dvt);
        for second in [
            Pitting,
            Redness,
            Warmth,
            StretchPain,
            Fever,
            Tense,
            Cramping,
            Immobilised,
        ] {
            let flag = one(&signs(0, 0, 0, &[Swelling, second]), RuleId::Dvt, Level::Urgent, day(0));
            assert!(flag.because[0].starts_with("swelling"), "{flag:#?}");
        }
        none(&signs(0, 0, 0, &[Redness, Warmth, Cramping]), RuleId::Dvt);
    }

    #[test]
    fn pitting_counts_as_swelling() {
        one(&signs(0, 2, 0, &[Pitting]), RuleId::Dvt, Level::Urgent, day(0));
        // Pitting alone is swelling with pitting: the Wells item.
        one(&signs(0, 0, 0, &[Pitting]), RuleId::Dvt, Level::Urgent, day(0));
        none(&signs(0, 0, 0, &[Pitting]), RuleId::Swelling);
    }

    #[test]
    fn dvt_with_a_risk_factor_on_pain_cramping_tense_or_warmth() {
        // The case 5: a clot history with tightness and cramping but pain 0.
        for (rest, walk, s) in [
            (0, 1, &[][..]),
            (0, 0, &[Cramping][..]),
            (0, 0, &[Tense][..]),
            (0, 0, &[Warmth][..]),
        ] {
            let mut fx = signs(0, rest, walk, s);
            fx.profile.clot_history = true;
            let flag = one(&fx, RuleId::Dvt, Level::Urgent, day(0));
            assert!(
                flag.because
                    .iter()
                    .any(|b| b.starts_with("your profile records a past DVT")),
                "{flag:#?}"
            );
        }
        let mut calm = signs(0, 0, 0, &[Bruising, NightPain]);
        calm.profile.clot_history = true;
        none(&calm, RuleId::Dvt);
        none(&signs(0, 3, 3, &[Cramping, Warmth]), RuleId::Dvt);
    }

    #[test]
    fn dvt_risk_factors_are_the_profile_facts_and_immobilised() {
        let with = |edit: fn(&mut crate::domain::Profile)| {
            let mut fx = signs(0, 1, 0, &[]);
            edit(&mut fx.profile);
            fx
        };
        let flag = one(&with(|p| p.cancer = true), RuleId::Dvt, Level::Urgent, day(0));
        assert!(flag.because.iter().any(|b| b.contains("active cancer")), "{flag:#?}");
        let flag = one(&with(|p| p.clot_risk = true), RuleId::Dvt, Level::Urgent, day(0));
        assert!(
            flag.because.iter().any(|b| b.contains("another clot risk")),
            "{flag:#?}"
        );
        none(&with(|p| p.blood_thinners = true), RuleId::Dvt);
        let flag = one(&signs(0, 0, 1, &[Immobilised]), RuleId::Dvt, Level::Urgent, day(0));
        assert!(
            flag.because.iter().any(|b| b.contains("with a risk factor for clots")),
            "{flag:#?}"
        );
        none(&signs(0, 0, 0, &[Immobilised]), RuleId::Dvt);
        none(&signs(0, 1, 1, &[]), RuleId::Dvt);
    }

    #[test]
    fn an_immobilised_tick_counts_for_84_days_from_either_leg() {
        // The case 5: the tick counted only on its own day.
        let mut fx = Fixture::default();
        fx.add(entry(83, Leg::Right, 0, 0).signs(&[Immobilised]));
        fx.add(entry(0, Leg::Left, 0, 2));
        let flag = one(&fx, RuleId::Dvt, Level::Urgent, day(0));
        assert!(flag.because.iter().any(|b| b.contains("12 weeks before")), "{flag:#?}");
        let mut old = Fixture::default();
        old.add(entry(84, Leg::Right, 0, 0).signs(&[Immobilised]));
        old.add(entry(0, Leg::Left, 0, 2));
        none(&old, RuleId::Dvt);
    }

    #[test]
    fn rupture_fires_on_pop_failed_heel_raise_gap_or_a_zero_rep_test() {
        one(&signs(0, 0, 0, &[Pop]), RuleId::Rupture, Level::Urgent, day(0));
        one(
            &signs(1, 0, 0, &[HeelRaiseFail]),
            RuleId::Rupture,
            Level::Urgent,
            day(1),
        );
        one(&signs(0, 0, 0, &[Gap]), RuleId::Rupture, Level::Urgent, day(0));
        none(&signs(0, 8, 8, &[Bruising, Cramping]), RuleId::Rupture);
        let mut fx = signs(0, 0, 0, &[]);
        fx.test(2, Leg::Left, crate::domain::TestKind::HeelRaiseStraight, 0);
        let flag = one(&fx, RuleId::Rupture, Level::Urgent, day(2));
        assert_eq!(
            flag.because[0],
            "a single-leg heel raise, knee straight test of 0 reps on the left leg on 2026-06-18"
        );
        let mut fx = signs(0, 0, 0, &[]);
        fx.test(0, Leg::Left, crate::domain::TestKind::HeelRaiseStraight, 1);
        none(&fx, RuleId::Rupture);
    }

    #[test]
    fn bleed_needs_blood_thinners_with_swelling_bruising_tense_or_a_pain_rise() {
        let on_thinners = |fx: &mut Fixture| fx.profile.blood_thinners = true;
        for sign in [Swelling, Bruising, Tense, Pitting] {
            let mut fx = signs(0, 0, 0, &[sign]);
            none(&fx, RuleId::Bleed);
            on_thinners(&mut fx);
            let flag = one(&fx, RuleId::Bleed, Level::Urgent, day(0));
            assert!(flag.because.iter().any(|b| b.contains("blood thinner")), "{flag:#?}");
        }
        // Pain at least 3 above the leg's previous check-in.
        let mut fx = Fixture::default();
        on_thinners(&mut fx);
        fx.add(entry(5, Leg::Left, 1, 2));
        fx.add(entry(0, Leg::Left, 0, 5));
        let flag = one(&fx, RuleId::Bleed, Level::Urgent, day(0));
        assert!(flag.because.iter().any(|b| b.contains("at least 3 above")), "{flag:#?}");
        fx.add(entry(0, Leg::Left, 0, 4));
        none(&fx, RuleId::Bleed);
        // The other leg's check-in is not the previous one.
        let mut fx = Fixture::default();
        on_thinners(&mut fx);
        fx.add(entry(1, Leg::Right, 0, 0));
        fx.add(entry(0, Leg::Left, 4, 4));
        none(&fx, RuleId::Bleed);
    }

    #[test]
    fn bruising_gives_way_to_bleed() {
        let mut fx = signs(0, 0, 0, &[Bruising]);
        fx.profile.blood_thinners = true;
        none(&fx, RuleId::Bruising);
    }

    #[test]
    fn nerve_is_soon_with_numbness_and_urgent_with_weakness_alone() {
        let soon = one(&signs(0, 0, 0, &[Numbness]), RuleId::Nerve, Level::Soon, day(0));
        assert!(soon.advice.starts_with("Book a clinician in the next few days"));
        let urgent = one(&signs(0, 0, 0, &[Weakness]), RuleId::Nerve, Level::Urgent, day(0));
        assert!(urgent.advice.starts_with("See a clinician today"));
        one(
            &signs(0, 0, 0, &[Numbness, Weakness]),
            RuleId::Nerve,
            Level::Urgent,
            day(0),
        );
        none(&signs(0, 5, 5, &[Cramping]), RuleId::Nerve);
    }

    #[test]
    fn severe_pain_soon_thresholds_walking_7_and_rest_5() {
        let flag = one(&signs(0, 0, 7, &[]), RuleId::SeverePain, Level::Soon, day(0));
        assert_eq!(
            flag.because[0],
            "walking pain 7/10 in the left calf check-in of 2026-06-20"
        );
        none(&signs(0, 4, 6, &[]), RuleId::SeverePain);
        one(&signs(0, 5, 0, &[]), RuleId::SeverePain, Level::Soon, day(0));
    }

    #[test]
    fn severe_pain_urgent_thresholds_rest_7_walking_9_and_no_weight() {
        one(&signs(0, 7, 0, &[]), RuleId::SeverePain, Level::Urgent, day(0));
        one(&signs(0, 6, 8, &[]), RuleId::SeverePain, Level::Soon, day(0));
        one(&signs(0, 0, 9, &[]), RuleId::SeverePain, Level::Urgent, day(0));
        let flag = one(&signs(0, 0, 0, &[NoWeight]), RuleId::SeverePain, Level::Urgent, day(0));
        assert!(flag.because[0].starts_with("no weight on the leg"), "{flag:#?}");
        assert!(flag.symptoms.contains(NoWeight), "the pauses read it: {flag:#?}");
    }

    // ---- soon ----

    #[test]
    fn bone_fires_on_bone_tenderness_or_night_pain() {
        one(&signs(0, 0, 0, &[BoneTender]), RuleId::Bone, Level::Soon, day(0));
        one(&signs(0, 0, 0, &[NightPain]), RuleId::Bone, Level::Soon, day(0));
        none(&signs(0, 4, 5, &[Cramping]), RuleId::Bone);
    }

    #[test]
    fn bruising_fires_on_bruising() {
        one(&signs(2, 0, 0, &[Bruising]), RuleId::Bruising, Level::Soon, day(2));
        none(&signs(0, 0, 0, &[Swelling]), RuleId::Bruising);
    }

    #[test]
    fn redness_fires_on_redness_or_warmth_with_pain_3() {
        one(&signs(0, 0, 0, &[Redness]), RuleId::Redness, Level::Soon, day(0));
        let warm = one(&signs(0, 3, 0, &[Warmth]), RuleId::Redness, Level::Soon, day(0));
        assert!(warm.because.iter().any(|b| b.contains("pain 3/10")), "{warm:#?}");
        none(&signs(0, 2, 2, &[Warmth]), RuleId::Redness);
    }

    #[test]
    fn redness_gives_way_to_infection_and_dvt() {
        none(&signs(0, 0, 0, &[Redness, Warmth]), RuleId::Redness);
        none(&signs(0, 0, 0, &[Redness, Swelling]), RuleId::Redness);
        one(
            &signs(0, 0, 0, &[Redness, Swelling, Warmth]),
            RuleId::Dvt,
            Level::Urgent,
            day(0),
        );
    }

    #[test]
    fn swelling_alone_fires_and_gives_way_to_dvt() {
        one(&signs(0, 0, 0, &[Swelling]), RuleId::Swelling, Level::Soon, day(0));
        none(&signs(0, 1, 0, &[Swelling]), RuleId::Swelling);
        none(&signs(0, 0, 0, &[Swelling, Pitting]), RuleId::Swelling);
        let mut fx = signs(0, 0, 0, &[Swelling]);
        fx.profile.clot_history = true;
        none(&fx, RuleId::Swelling);
    }

    #[test]
    fn stretch_pain_alone_fires_and_gives_way_to_compartment_and_dvt() {
        one(
            &signs(0, 0, 0, &[StretchPain]),
            RuleId::StretchPain,
            Level::Soon,
            day(0),
        );
        none(&signs(0, 5, 0, &[StretchPain]), RuleId::StretchPain);
        none(&signs(0, 0, 0, &[StretchPain, Swelling]), RuleId::StretchPain);
        none(&signs(0, 0, 0, &[StretchPain, Tense]), RuleId::StretchPain);
        one(
            &signs(0, 4, 8, &[StretchPain]),
            RuleId::StretchPain,
            Level::Soon,
            day(0),
        );
    }

    #[test]
    fn both_legs_and_worried_fire_on_their_sign() {
        one(&signs(0, 0, 0, &[BothSwollen]), RuleId::BothLegs, Level::Soon, day(0));
        none(&signs(0, 0, 0, &[Swelling]), RuleId::BothLegs);
        let flag = one(&signs(0, 0, 0, &[Worried]), RuleId::Worried, Level::Soon, day(0));
        assert!(flag.advice.contains("call your doctor"));
        none(&signs(0, 9, 9, &[]), RuleId::Worried);
    }

    // ---- persistent ----

    /// Left-calf entries with pain (walk) `pains[k]` on D-k; `None` is a missing day.
    fn pains(pains: &[Option<u8>]) -> Fixture {
        let mut fx = Fixture::default();
        for (k, pain) in pains.iter().enumerate() {
            if let Some(p) = pain {
                fx.add(entry(k as u64, Leg::Left, 0, *p));
            }
        }
        fx
    }

    #[test]
    fn persistent_four_painful_check_ins_in_a_week_not_easing() {
        // Gaps are missing days, not pain 0: 4 painful of 4 entries.
        let flag = one(
            &pains(&[Some(3), None, Some(4), None, Some(5), None, Some(3)]),
            RuleId::Persistent,
            Level::Soon,
            day(0),
        );
        assert_eq!(
            flag.because[0],
            "pain 3 or more on 4 of the 4 left calf check-ins from 2026-06-14 to 2026-06-20"
        );
        // Only 3 painful: no.
        none(
            &pains(&[Some(3), None, Some(4), None, Some(5), None, Some(2)]),
            RuleId::Persistent,
        );
        // Latest below the earliest: no.
        none(&pains(&[Some(3), Some(4), Some(4), Some(4)]), RuleId::Persistent);
        // Latest below 3: no.
        none(
            &pains(&[Some(2), Some(4), Some(4), Some(4), Some(2)]),
            RuleId::Persistent,
        );
    }

    #[test]
    fn persistent_eight_painful_of_fourteen_days_at_70_percent() {
        // 8 painful of 11 (73%), easing, latest painful: fires.
        let days = [
            Some(3),
            Some(2),
            Some(2),
            Some(9),
            None,
            Some(8),
            Some(2),
            None,
            Some(8),
            Some(8),
            None,
            Some(9),
            Some(9),
            Some(9),
        ];
        let flag = one(&pains(&days), RuleId::Persistent, Level::Soon, day(0));
        assert!(
            flag.because
                .iter()
                .any(|b| b.starts_with("pain 3 or more on 8 of the 11")),
            "{flag:#?}"
        );
        // 8 painful of 12 (67%): no.
        let mut twelve = days;
        twelve[4] = Some(1);
        none(&pains(&twelve), RuleId::Persistent);
        // 7 painful: no.
        let mut seven = days;
        seven[13] = Some(1);
        none(&pains(&seven), RuleId::Persistent);
    }

    #[test]
    fn persistent_six_weeks_after_the_injury_on_an_injured_leg() {
        let mut fx = pains(&[None, None, None, Some(3)]);
        fx.profile.leg = crate::domain::InjuredLeg::Left;
        fx.profile.injury_date = Some(day(42));
        let flag = one(&fx, RuleId::Persistent, Level::Soon, day(0));
        assert!(flag.because[0].contains("42 days after the injury date"), "{flag:#?}");
        fx.profile.injury_date = Some(day(41));
        none(&fx, RuleId::Persistent);
        fx.profile.injury_date = Some(day(42));
        fx.profile.leg = crate::domain::InjuredLeg::Right;
        none(&fx, RuleId::Persistent);
        fx.profile.leg = crate::domain::InjuredLeg::Both;
        one(&fx, RuleId::Persistent, Level::Soon, day(0));
        let mut low = pains(&[Some(2)]);
        low.profile = fx.profile.clone();
        none(&low, RuleId::Persistent);
        // Latest painful check-in at D-7 is outside D-6..D: no.
        let mut old = pains(&[None, None, None, None, None, None, None, Some(5)]);
        old.profile = fx.profile.clone();
        none(&old, RuleId::Persistent);
    }

    // ---- recurring ----

    /// Left-calf runs on the given days before D with `pain_run`.
    fn runs(runs: &[(u64, Option<u8>)]) -> Fixture {
        let mut fx = Fixture::default();
        for (k, pain) in runs {
            fx.add(entry(*k, Leg::Left, 1, 1).ran(5.0, *pain));
        }
        fx
    }

    #[test]
    fn recurring_three_painful_runs_within_21_days() {
        let flag = one(
            &runs(&[(20, Some(4)), (10, Some(6)), (0, Some(5))]),
            RuleId::Recurring,
            Level::Soon,
            day(0),
        );
        assert_eq!(
            flag.because,
            [
                "3 runs with the left calf from 2026-05-31 to 2026-06-20",
                "running pain 4 or more on each of the last three: 2026-05-31 (4/10), 2026-06-10 (6/10), 2026-06-20 (5/10)",
                "pain at rest and walking stayed at 2/10 or below on those days"
            ]
        );
        assert!(flag.advice.contains("exertional compartment syndrome"));
        // Only 2 runs inside D-20..D: no.
        none(&runs(&[(21, Some(4)), (10, Some(6)), (0, Some(5))]), RuleId::Recurring);
        none(&runs(&[(10, Some(6)), (0, Some(5))]), RuleId::Recurring);
        // One of the last three at 3: no.
        none(&runs(&[(20, Some(3)), (10, Some(6)), (0, Some(5))]), RuleId::Recurring);
        // A run without a running-pain score counts as below 4.
        none(&runs(&[(20, Some(9)), (10, None), (0, Some(5))]), RuleId::Recurring);
        // An older painless run does not matter: only the last three count.
        one(
            &runs(&[(15, Some(0)), (12, Some(4)), (6, Some(4)), (1, Some(4))]),
            RuleId::Recurring,
            Level::Soon,
            day(0),
        );
        // The newest run painless: no.
        none(
            &runs(&[(15, Some(4)), (12, Some(4)), (6, Some(4)), (1, Some(2))]),
            RuleId::Recurring,
        );
    }

    #[test]
    fn recurring_counts_minutes_only_runs_and_names_ecs_either_way() {
        let mut fx = Fixture::default();
        for k in [0, 2, 4] {
            let mut c = entry(k, Leg::Left, 3, 4).ran(0.0, Some(6));
            c.run_min = Some(25);
            fx.add(c);
        }
        let flag = one(&fx, RuleId::Recurring, Level::Soon, day(0));
        assert_eq!(flag.because.len(), 2, "rest/walk pain not low: {flag:#?}");
        assert!(flag.advice.contains("exertional compartment syndrome"));
        assert!(flag.advice.contains("If the pain starts at the same point"));
        // Entries without any running are not runs.
        let mut fx = Fixture::default();
        for k in [0, 2, 4] {
            let mut c = entry(k, Leg::Left, 1, 1);
            c.pain_run = Some(crate::domain::Score::new("pain_run", 6).unwrap());
            fx.add(c);
        }
        none(&fx, RuleId::Recurring);
    }

    // ---- worsening ----

    #[test]
    fn worsening_mean_of_last_three_days_two_above_the_week_before() {
        // Earlier 2, 2 -> recent 4, 4: exactly +2 fires.
        let fx = pains(&[Some(4), None, Some(4), Some(2), None, None, None, None, None, Some(2)]);
        let flag = one(&fx, RuleId::Worsening, Level::Watch, day(0));
        assert_eq!(
            flag.because,
            [
                "mean pain 4.0 over 2026-06-18 to 2026-06-20 (2 left calf check-ins), up from 2.0 over 2026-06-11 to 2026-06-17 (2 check-ins)",
                "the latest (2026-06-20, 4/10) is not lower than the check-in before it (2026-06-18, 4/10)"
            ]
        );
        // +1.5: no.
        none(&pains(&[Some(4), Some(3), None, Some(2), Some(2)]), RuleId::Worsening);
        // Recent window with one entry: no.
        none(&pains(&[Some(9), None, None, Some(2), Some(2)]), RuleId::Worsening);
        // Earlier window with one entry (the other at D-10 is outside): no.
        none(
            &pains(&[
                Some(9),
                Some(9),
                None,
                Some(2),
                None,
                None,
                None,
                None,
                None,
                None,
                Some(0),
            ]),
            RuleId::Worsening,
        );
        // Means are compared exactly, not rounded: 3.5 against 1.6 (+1.9)
        // does not fire, 3.5 against 1.4 (+2.1) does.
        none(
            &pains(&[Some(4), Some(3), None, Some(2), Some(2), Some(2), Some(1), Some(1)]),
            RuleId::Worsening,
        );
        one(
            &pains(&[Some(4), Some(3), None, Some(2), Some(2), Some(1), Some(1), Some(1)]),
            RuleId::Worsening,
            Level::Watch,
            day(0),
        );
        // D-3 belongs to the earlier window (else that window would hold one entry).
        one(
            &pains(&[Some(5), Some(5), None, Some(5), Some(1)]),
            RuleId::Worsening,
            Level::Watch,
            day(0),
        );
    }

    // ---- load-spike ----

    fn km_runs(runs: &[(u64, f64)]) -> Fixture {
        let mut fx = Fixture::default();
        for (k, km) in runs {
            fx.add(entry(*k, Leg::Left, 0, 0).ran(*km, None));
        }
        fx
    }

    #[test]
    fn load_spike_more_than_ten_percent_over_the_longest_of_30_days() {
        let flag = one(
            &km_runs(&[(30, 10.0), (5, 8.0), (0, 11.01)]),
            RuleId::LoadSpike,
            Level::Watch,
            day(0),
        );
        assert_eq!(
            flag.because,
            [
                "11.01 km run on 2026-06-20 with the left calf, 10.1% more than the longest run of the 30 days before (10 km on 2026-05-21); more than 10% counts as a spike",
                "longest run today without a spike: 11 km"
            ]
        );
        none(&km_runs(&[(30, 10.0), (0, 11.0)]), RuleId::LoadSpike);
        // 1.1 × 9.04 is 9.944 exactly, which binary floating point puts a
        // hair below: a run of exactly 9.944 km is not more than 10% above.
        none(&km_runs(&[(3, 9.04), (0, 9.944)]), RuleId::LoadSpike);
        one(
            &km_runs(&[(3, 9.04), (0, 9.945)]),
            RuleId::LoadSpike,
            Level::Watch,
            day(0),
        );
        none(&km_runs(&[(3, 5.0), (0, 5.5)]), RuleId::LoadSpike);
        one(&km_runs(&[(3, 5.0), (0, 5.6)]), RuleId::LoadSpike, Level::Watch, day(0));
        // The longer run at D-31 is outside the window; at D-30 it is not.
        one(
            &km_runs(&[(31, 20.0), (2, 5.0), (0, 6.0)]),
            RuleId::LoadSpike,
            Level::Watch,
            day(0),
        );
        none(&km_runs(&[(30, 20.0), (2, 5.0), (0, 6.0)]), RuleId::LoadSpike);
    }

    #[test]
    fn load_spike_needs_a_prior_run_with_km_and_km_on_d() {
        none(&km_runs(&[(0, 12.0)]), RuleId::LoadSpike);
        let mut fx = km_runs(&[(0, 12.0)]);
        let mut minutes_only = entry(4, Leg::Left, 0, 0);
        minutes_only.run_min = Some(40);
        fx.add(minutes_only);
        none(&fx, RuleId::LoadSpike);
        // The spike is on D-2: no.
        none(&km_runs(&[(5, 5.0), (2, 12.0)]), RuleId::LoadSpike);
    }

    #[test]
    fn load_spike_shows_the_morning_after_a_run_of_d_1() {
        let flag = one(
            &km_runs(&[(5, 5.0), (1, 12.0)]),
            RuleId::LoadSpike,
            Level::Watch,
            day(0),
        );
        assert!(flag.because[0].contains("run on 2026-06-19"), "{flag:#?}");
        // Its 30 days are those before D-1: D-31 counts, D-32 does not.
        none(&km_runs(&[(31, 20.0), (1, 12.0)]), RuleId::LoadSpike);
        one(
            &km_runs(&[(32, 20.0), (5, 5.0), (1, 12.0)]),
            RuleId::LoadSpike,
            Level::Watch,
            day(0),
        );
    }

    #[test]
    fn worsening_is_never_said_on_a_day_better_than_the_one_before() {
        // Earlier 2, 2; recent 6 then 5: the mean is up, but today is better.
        none(&pains(&[Some(5), Some(6), None, Some(2), Some(2)]), RuleId::Worsening);
        one(
            &pains(&[Some(6), Some(6), None, Some(2), Some(2)]),
            RuleId::Worsening,
            Level::Watch,
            day(0),
        );
    }

    // ---- legs and order ----

    #[test]
    fn each_leg_is_evaluated_on_its_own() {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Left, 0, 0).signs(&[Swelling]));
        fx.add(entry(0, Leg::Right, 0, 0).signs(&[Warmth]));
        none(&fx, RuleId::Dvt);
        fx.add(entry(0, Leg::Right, 0, 0).signs(&[Pop]));
        let flags = fired(&fx, RuleId::Rupture);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].leg, Leg::Right);
        assert!(flags[0].because[0].contains("right calf"), "{:?}", flags[0].because);
    }

    #[test]
    fn flags_are_ordered_by_level_then_table_then_left_before_right() {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Right, 0, 8).signs(&[Bruising, Pop, Breathless]));
        fx.add(entry(1, Leg::Left, 0, 8).signs(&[Bruising, Pop, Numbness]));
        let order: Vec<(RuleId, Leg, Level)> = evaluate(&fx.history(), D)
            .iter()
            .map(|f| (f.rule, f.leg, f.level))
            .collect();
        assert_eq!(
            order,
            [
                (RuleId::PeSigns, Leg::Right, Level::Emergency),
                (RuleId::Rupture, Leg::Left, Level::Urgent),
                (RuleId::Rupture, Leg::Right, Level::Urgent),
                (RuleId::Nerve, Leg::Left, Level::Soon),
                (RuleId::SeverePain, Leg::Left, Level::Soon),
                (RuleId::SeverePain, Leg::Right, Level::Soon),
                (RuleId::Bruising, Leg::Left, Level::Soon),
                (RuleId::Bruising, Leg::Right, Level::Soon),
            ]
        );
    }

    #[test]
    fn urgent_nerve_sorts_among_the_urgent_ones_after_infection() {
        let mut fx = Fixture::default();
        fx.add(entry(0, Leg::Left, 0, 0).signs(&[Numbness, Weakness, Redness, Warmth]));
        let order: Vec<RuleId> = evaluate(&fx.history(), D).iter().map(|f| f.rule).collect();
        assert_eq!(order, [RuleId::Infection, RuleId::Nerve]);
    }

    #[test]
    fn an_empty_journal_has_no_flags() {
        assert!(evaluate(&Fixture::default().history(), D).is_empty());
    }

    #[test]
    fn km_is_shown_without_trailing_zeros() {
        assert_eq!(format_km(10.0), "10");
        assert_eq!(format_km(5.25), "5.25");
        assert_eq!(format_km(11.000000000000002), "11");
        assert_eq!(format_km(12.5), "12.5");
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
}
