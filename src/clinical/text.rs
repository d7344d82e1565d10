//! Every word the clinical engine shows: titles, advice, the plain name of
//! each sign, and the `flags --explain` text with each rule's source.
//!
//! House rules for this text: say what was seen, how urgent it is and what
//! to do; say "can mean" or "possible", never "you have"; never reassure
//! (no "all clear", no "you are fine"). Every "if X, do Y" sentence sends
//! the user at least as high as the rules' table (docs/clinical-rules.md,
//! the red-flag rules) would for X together with what the rule already saw
//! (the `no_advice_points_lower_than_the_table` test holds the texts to
//! that).

use std::fmt;

use crate::domain::{CheckIn, Level, RuleId, Symptom};

/// The sentence every emergency starts with.
macro_rules! call_now {
    () => {
        "Call your local emergency number (such as 112, 999 or 911) or go to an emergency department now."
    };
}

/// What a hard calf means in the v3 table when the rule's own signs do not
/// already make it an emergency: `tense` alone is urgent (`compartment`),
/// and with stretch pain, rest pain 5+, walking pain 8+, numbness or
/// weakness it is an emergency.
macro_rules! if_hard {
    () => {
        " If the calf turns swollen and hard as wood, see a clinician today, or call your emergency number now if it \
         also hurts 5 or more at rest or 8 or more when walking, pulling the foot up hurts sharply, or the foot goes \
         numb or weak."
    };
}

/// A rule whose wording depends on what else the entry showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Variant {
    Plain,
    /// `infection` at its emergency level: `fever` with `warmth` and
    /// `redness` or `swelling`.
    WithFever,
    /// `nerve` with `weakness`: urgent instead of soon.
    WithWeakness,
    /// `severe-pain` at its urgent level (rest pain 7+, walking pain 9+, or
    /// no weight on the leg); `compartment` at its urgent tier (`tense`
    /// alone, or `stretch-pain` with rest pain 5+ or with numbness or
    /// weakness).
    Urgent,
    /// `recurring` where rest and walking pain stayed low on the run days,
    /// the pattern of exertional compartment syndrome.
    SettlesAfterRuns,
}

/// A short headline that says what was seen.
pub(super) fn title(rule: RuleId, variant: Variant) -> &'static str {
    match (rule, variant) {
        (RuleId::PeSigns, _) => "Breathlessness or chest pain with a calf problem",
        (RuleId::Circulation, _) => "Pale, blue or cold foot",
        (RuleId::Compartment, Variant::Urgent) => "A hard calf, or stretch pain with rest pain or numbness",
        (RuleId::Compartment, _) => "Calf signs that can mean pressure is building in the muscle",
        (RuleId::Rhabdo, _) => "Dark urine or very little urine after hard exercise",
        (RuleId::CaudaEquina, _) => "Numbness between the legs, bladder or bowel trouble, or both legs affected",
        (RuleId::Sepsis, _) => "Very unwell with a painful leg",
        (RuleId::Dvt, _) => "Calf signs that can come with a blood clot",
        (RuleId::Infection, Variant::WithFever) => {
            "Fever with a warm, red or swollen calf: possible spreading infection"
        }
        (RuleId::Infection, _) => "Red, warm calf or fever with calf signs: possible infection",
        (RuleId::Rupture, _) => "A pop, a gap, or no single-leg heel raise: possible tear",
        (RuleId::Bleed, _) => "Calf signs on a blood thinner: possible bleed",
        (RuleId::Nerve, Variant::WithWeakness) => "A weak or dropping foot or ankle",
        (RuleId::Nerve, _) => "Numbness or tingling: a nerve may be irritated",
        (RuleId::SeverePain, Variant::Urgent) => "Severe pain, or no weight on the leg",
        (RuleId::SeverePain, _) => "Pain that limits walking or rest",
        (RuleId::Bone, _) => "Bone tenderness or night pain: possible bone stress",
        (RuleId::Bruising, _) => "Bruising: possible muscle tear",
        (RuleId::Redness, _) => "Red skin, or a warm calf that hurts",
        (RuleId::Swelling, _) => "A swollen calf",
        (RuleId::StretchPain, _) => "Sharp pain when the foot is pulled up",
        (RuleId::BothLegs, _) => "Both legs swollen",
        (RuleId::Worried, _) => "You are worried about this calf",
        (RuleId::Persistent, _) => "Pain is not settling",
        (RuleId::Recurring, _) => "Pain on every recent run",
        (RuleId::Worsening, _) => "Pain is rising",
        (RuleId::LoadSpike, _) => "A run much longer than your recent longest",
    }
}

/// What to do and how soon, then what was seen and why, in plain words.
pub(super) fn advice(rule: RuleId, variant: Variant) -> &'static str {
    match (rule, variant) {
        (RuleId::PeSigns, _) => concat!(
            call_now!(),
            " New breathlessness at rest or on light effort, chest pain, coughing blood, fainting or a racing",
            " heart at rest, alongside a calf problem, can mean a clot has travelled to the lung. Do not drive",
            " yourself."
        ),
        (RuleId::Circulation, _) => concat!(
            call_now!(),
            " A foot that stays pale, blue or colder than the other one can mean its blood supply is blocked,",
            " which needs treatment within hours. Do not ice, compress or raise the leg while you get help."
        ),
        (RuleId::Compartment, Variant::Urgent) => concat!(
            "See a clinician today, at an emergency department if no appointment is free: a calf that is",
            " swollen and hard as wood, or sharp pain when the foot is pulled up together with pain at rest,",
            " numbness or weakness, can mean pressure is building inside the muscle, and that is checked the",
            " same day. Loosen anything tight, keep the leg at the level of your heart, and do not ice, compress",
            " or raise it. If the pain keeps rising or reaches 5 at rest or 8 when walking, the calf turns hard,",
            " or the foot goes numb or weak, call your emergency number now."
        ),
        (RuleId::Compartment, _) => concat!(
            call_now!(),
            " A calf that is swollen and hard as wood together with pain on stretch, strong pain, numbness or",
            " weakness, or sharp pain when the foot is pulled up together with severe pain, can mean pressure is",
            " building inside the muscle (compartment syndrome), which needs treatment within hours. Loosen",
            " anything tight around the leg, keep it at the level of your heart, and do not ice or raise it."
        ),
        (RuleId::Rhabdo, _) => concat!(
            call_now!(),
            " Urine as dark as tea or cola, or very little urine, after hard exercise can mean muscle is breaking",
            " down, which can harm the kidneys and needs hospital tests now. Do not exercise until a clinician",
            " has assessed you."
        ),
        (RuleId::CaudaEquina, _) => concat!(
            call_now!(),
            " Numbness or pins and needles between the legs or around the bottom, new trouble passing or holding",
            " urine or stool, or sciatica or weakness in both legs, with or without back pain, can mean the nerves",
            " at the base of the spine are squeezed, which needs treatment within hours."
        ),
        (RuleId::Sepsis, _) => concat!(
            call_now!(),
            " Feeling very unwell, confused, breathing fast or having blotchy or mottled skin while the leg hurts,",
            " or pain far worse than the calf looks, can mean sepsis or a fast-spreading infection, which needs",
            " treatment within hours."
        ),
        (RuleId::Dvt, _) => concat!(
            "See a doctor today: call your GP, an urgent care service or a health helpline and say you are",
            " worried about a blood clot in the leg (DVT); when a clot is likely, a scan is usually arranged",
            " within hours. A swollen calf that hurts or shows other signs, or calf pain, cramps, warmth or a",
            " hard calf with a risk factor for clots (a past clot, cancer, the pill or HRT, pregnancy or a recent",
            " birth, a clotting disorder, or recent surgery, a cast, bed rest or a long journey), can come with a",
            " clot. Do not massage the calf. If you become short of breath, have chest pain or faint, call your",
            " emergency number now. If the calf is hard as wood and also hurts 5 or more at rest or 8 or more",
            " when walking, pulling the foot up hurts sharply, or the foot goes numb or weak, call your emergency",
            " number now."
        ),
        (RuleId::Infection, Variant::WithFever) => concat!(
            call_now!(),
            " A fever or shivers together with a calf that is warm and red or swollen can be an infection",
            " spreading under the skin or through the body, which needs treatment straight away. Do not ice or",
            " compress the leg."
        ),
        (RuleId::Infection, _) => concat!(
            "See a clinician today: a red and warm calf, or a fever or shivers with calf pain, redness, warmth",
            " or swelling, can be an infection of the skin (cellulitis) or of the muscle that needs treatment.",
            " Raise the leg when you sit, but do not ice, compress or massage it. If you have a fever or shivers",
            " and the calf is warm and red or swollen, or you feel very unwell or confused, call your emergency",
            " number now."
        ),
        (RuleId::Rupture, _) => concat!(
            "See a clinician today, at urgent care or an emergency department if no appointment is free: a pop",
            " or a kick-like pain at the back of the leg, a dent or gap you can feel, or not being able to rise",
            " onto your toes on this leg alone can mean a torn calf muscle or Achilles tendon, even though you",
            " may still be able to walk. Keep weight off the leg as much as you can, and do not stretch or run until it has",
            " been examined: a tear is best treated early.",
            if_hard!()
        ),
        (RuleId::Bleed, _) => concat!(
            "See a clinician today: on a blood thinner, swelling, bruising, a hard calf or pain that has risen",
            " by 3 or more since your last check-in can mean bleeding into the calf, and a bleed can raise the",
            " pressure inside it. Follow your anticoagulant's own advice on bleeding (its leaflet, or the clinic",
            " that prescribes it), and do not change a dose unless a clinician tells you to. If the calf is hard",
            " as wood and also hurts 5 or more at rest or 8 or more when walking, pulling the foot up hurts",
            " sharply, or the foot goes numb, weak, pale or cold, call your emergency number now."
        ),
        (RuleId::Nerve, Variant::WithWeakness) => concat!(
            "See a clinician today: a weak foot or ankle, or a foot that drops or slaps when you walk, can mean",
            " a nerve is being squeezed, and nerves recover best when treated early. Do not ice the leg. If the",
            " calf also turns hard as wood, or pulling the foot up hurts sharply while the pain at rest is 5 or",
            " more, call your emergency number now. If both legs feel weak or numb, or you get numbness between",
            " the legs or new bladder or bowel trouble, call your emergency number now."
        ),
        (RuleId::Nerve, _) => concat!(
            "Book a clinician in the next few days: numbness, tingling or burning in the calf or foot can mean",
            " a nerve is irritated or squeezed. Do not run until then, and do not ice a numb leg. If the foot or ankle becomes weak or",
            " starts to drop, see a clinician today. If the calf turns hard as wood, call your emergency number",
            " now. If pulling the foot up hurts sharply, see a clinician today, or call your emergency number",
            " now if the pain at rest is 5 or more. If both legs are affected, or you get numbness between the",
            " legs or new bladder or bowel trouble, call your emergency number now."
        ),
        (RuleId::SeverePain, Variant::Urgent) => concat!(
            "See a clinician today, at urgent care or an emergency department if no appointment is free: pain",
            " of 7 or more at rest, 9 or more when walking, or a leg you cannot put weight on or take four steps",
            " on needs an examination the same day. Do not run, and walk only as much as you must. If the calf",
            " also turns hard as wood, or pulling the foot up hurts sharply, call your emergency number now."
        ),
        (RuleId::SeverePain, _) => concat!(
            "Book a clinician in the next few days: pain of 7 or more when walking, or 5 or more at rest, needs",
            " an examination. Until then walk only as much as daily life needs, and do not run. If you cannot",
            " put weight on the leg or take four steps on it, or the pain reaches 7 at rest or 9 when walking,",
            " see a clinician today. If the calf turns hard as wood, or pulling the foot up hurts sharply, see a",
            " clinician today, or call your emergency number now if the pain is 5 or more at rest or 8 or more",
            " when walking, or the foot goes numb or weak."
        ),
        (RuleId::Bone, _) => concat!(
            "Stop running and book a clinician in the next few days: pinpoint tenderness on the bone, or pain",
            " at rest or at night that wakes you, can be a bone stress injury, which needs checking (sometimes",
            " with a scan) before you run again. If you cannot put weight on the leg or take four steps on it,",
            " see a clinician today."
        ),
        (RuleId::Bruising, _) => concat!(
            "Book a clinician in the next few days: bruising on the calf or ankle can mean a torn muscle. Hold",
            " off running, stretching and massage until then. If the calf also swells, you feel a pop or a gap,",
            " or you cannot rise onto your toes on this leg, see a clinician today. If you take a blood",
            " thinner, see a clinician today.",
            if_hard!()
        ),
        (RuleId::Redness, _) => concat!(
            "Book a clinician in the next few days: red or discoloured skin on the calf, or a calf that stays",
            " warmer than the other one while it hurts, needs a look for infection, a clot or a tear. Do not",
            " run until then, and do not ice, compress or massage it. If the skin is both red and warm, or the calf also swells, see a",
            " clinician today. If you get a fever or shivers, see a clinician today, or call your emergency",
            " number now if the calf is also warm and red or swollen."
        ),
        (RuleId::Swelling, _) => concat!(
            "Book a clinician in the next few days and ask whether a scan is needed: a swollen calf needs an",
            " examination. Do not run until then, and do not massage it. If it starts to hurt, turns red or warm, or a dent stays when you",
            " press it, see a clinician today. If you become short of breath or have chest pain, call your",
            " emergency number now.",
            if_hard!()
        ),
        (RuleId::StretchPain, _) => concat!(
            "Book a clinician in the next few days: sharp pain when someone else pulls the foot up needs an",
            " examination. Hold off stretching and running until then. If the calf turns hard as wood, or the",
            " pain reaches 7 at rest or 9 when walking, call your emergency number now. If the pain at rest",
            " reaches 5, or the foot goes numb or weak, see a clinician today, or call your emergency number",
            " now if both happen. If the calf swells, see a clinician today."
        ),
        (RuleId::BothLegs, _) => concat!(
            "Book a GP appointment in the next few days: both ankles or calves swollen can come from the heart,",
            " kidneys, liver or medicines rather than the calf, and needs checking. Do not run until then. If one calf is more swollen",
            " and painful than the other, see a clinician today. If you are also short of breath or have chest",
            " pain, call your emergency number now."
        ),
        (RuleId::Worried, _) => concat!(
            "Book a clinician in the next few days, or call your doctor today if you would rather: being",
            " worried about the calf is reason enough to ask, whatever the scores say, and they can say what",
            " they recommend. Do not run until then. Tick any sign you notice in your check-in, so the app can say how soon to act."
        ),
        (RuleId::Persistent, _) => concat!(
            "Book a GP or physiotherapist in the next few days: pain that has not eased after about five days",
            " of care, that is there on most logged days for two weeks, or that is still there six weeks after",
            " the injury needs a professional look. Until then do not run, and keep to activity that does not",
            " raise the pain."
        ),
        (RuleId::Recurring, Variant::SettlesAfterRuns) => concat!(
            "Book a clinician in the next few days and pause running until then: pain of 4 or more on each of",
            " your last three runs needs a professional look. Your entries show little pain at rest and walking",
            " on those days, so the pain seems to settle after running: ask about exertional compartment",
            " syndrome, which has that pattern, especially if the pain starts at the same point in each run.",
            " Say so too if the foot turns cold, pale or numb during runs (a trapped artery can do that), and",
            " call your emergency number now if it stays pale, blue or cold after you stop."
        ),
        (RuleId::Recurring, _) => concat!(
            "Book a clinician in the next few days and pause running until then: pain of 4 or more on each of",
            " your last three runs needs a professional look. If the pain starts at the same point in each run",
            " and settles soon after you stop, say so: that pattern can come with exertional compartment",
            " syndrome. Say so too if the foot turns cold, pale or numb during runs (a trapped artery can do",
            " that), and call your emergency number now if it stays pale, blue or cold after you stop."
        ),
        (RuleId::Worsening, _) => concat!(
            "Adjust your own load: your pain over the last three days is 2 or more points above the week",
            " before, and your latest check-in is no better than the one before it. Go back to the last level",
            " of activity that did not raise your pain and hold it for a few days, with no progression. If the",
            " pain keeps rising, book a clinician in the next few days."
        ),
        (RuleId::LoadSpike, _) => concat!(
            "Adjust your own load: a run of yesterday or today was more than 10% longer than your longest run",
            " of the 30 days before it. Keep your next runs no longer than about 1.1 times that longest run, and",
            " watch the pain during the run and the next morning."
        ),
    }
}

/// A sign as a reason reads it ("swelling", "a pop or snap").
fn sign_phrase(symptom: Symptom) -> &'static str {
    match symptom {
        Symptom::Swelling => "swelling",
        Symptom::Pitting => "pitting (a dent that stays)",
        Symptom::Redness => "redness",
        Symptom::Warmth => "warmth",
        Symptom::Bruising => "bruising",
        Symptom::Numbness => "numbness or tingling",
        Symptom::Weakness => "a weak foot or ankle",
        Symptom::Cramping => "cramps",
        Symptom::Pop => "a pop or snap",
        Symptom::HeelRaiseFail => "no single-leg heel raise",
        Symptom::StretchPain => "sharp pain when the foot is pulled up",
        Symptom::Tense => "a tense, hard calf",
        Symptom::PaleCold => "a pale, blue or cold foot",
        Symptom::NightPain => "pain that wakes you at night",
        Symptom::BoneTender => "pinpoint bone tenderness",
        Symptom::Fever => "fever or shivers",
        Symptom::Breathless => "new breathlessness, chest pain, coughing blood, fainting or a racing heart",
        Symptom::Immobilised => "surgery, a cast, bed rest or a long journey in the last 12 weeks",
        Symptom::NoWeight => "no weight on the leg, or fewer than four steps on it",
        Symptom::BothSwollen => "both legs swollen",
        Symptom::Worried => "worried about this calf",
        Symptom::Gap => "a dent or gap felt in the calf or above the heel",
        Symptom::DarkUrine => "dark, tea- or cola-coloured urine, or very little urine",
        Symptom::BackBladder => {
            "numbness between the legs, new bladder or bowel trouble, or sciatica or weakness in both legs"
        }
        Symptom::VeryUnwell => {
            "feeling very unwell, confused, breathing fast or mottled skin, or pain far worse than the calf looks"
        }
    }
}

/// Which entry a reason comes from: "the left calf check-in of 2026-06-15".
pub(super) fn entry_name(entry: &CheckIn) -> String {
    format!("the {} calf check-in of {}", entry.leg, entry.date)
}

/// "swelling and warmth ticked in the left calf check-in of 2026-06-15",
/// naming those of `signs` that the entry has; `None` when it has none.
pub(super) fn signs_seen(entry: &CheckIn, signs: &[Symptom]) -> Option<String> {
    let phrases: Vec<&str> = signs
        .iter()
        .filter(|s| entry.symptoms.contains(**s))
        .map(|s| sign_phrase(*s))
        .collect();
    let (last, rest) = phrases.split_last()?;
    let list = if rest.is_empty() {
        (*last).to_owned()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    Some(format!("{list} ticked in {}", entry_name(entry)))
}

/// The `flags --explain` text of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub rule: RuleId,
    /// The level, with the condition under which it changes.
    pub level: &'static str,
    /// Which entries the rule reads.
    pub reads: &'static str,
    /// The exact firing condition in plain words.
    pub fires_when: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// Where the rule comes from, what that source is, and which clauses
    /// are this app's own choice.
    pub source: &'static str,
    /// How its warning stays open, closes and warns again,
    /// in words true for the levels it fires at.
    pub open: String,
}

/// What a single-entry rule reads.
const EACH_ENTRY: &str = "each check-in of the leg on its own, all of its fields (a day without a check-in is \
     missing, never pain 0, and never a sign that has gone); when the leg's latest check-in is more than 2 days \
     old, the warning says so";

/// The levels a rule can fire at, most urgent first.
fn levels(rule: RuleId) -> &'static [Level] {
    match rule {
        RuleId::PeSigns | RuleId::Circulation | RuleId::Rhabdo | RuleId::CaudaEquina | RuleId::Sepsis => {
            &[Level::Emergency]
        }
        RuleId::Compartment | RuleId::Infection => &[Level::Emergency, Level::Urgent],
        RuleId::Dvt | RuleId::Rupture | RuleId::Bleed => &[Level::Urgent],
        RuleId::Nerve | RuleId::SeverePain => &[Level::Urgent, Level::Soon],
        RuleId::Worsening | RuleId::LoadSpike => &[Level::Watch],
        _ => &[Level::Soon],
    }
}

/// How many clean check-ins close a warning of `rule` at `level` without
/// an outcome.
fn lapse_after(rule: RuleId, level: Level) -> u8 {
    match (rule, level) {
        (_, Level::Emergency | Level::Urgent) => 14,
        (RuleId::Bone, _) => 28,
        _ => 7,
    }
}

/// The "stays open" paragraph of `rule` (see docs/clinical-rules.md, open
/// warnings and outcomes).
fn stays_open(rule: RuleId) -> String {
    if !rule.is_single_entry() {
        return "A trend rule is not a warning that stays open: it is worked out afresh for each day from \
                the entries of its window, and shows on the days its condition holds. An outcome recorded for it \
                (soleus outcome) keeps it silent for 14 days, the outcome's date and the 13 days after; a later \
                outcome for the same rule and leg replaces the earlier one."
            .to_owned();
    }
    let levels = levels(rule);
    let emergency = levels.contains(&Level::Emergency);
    let urgent_or_higher = emergency || levels.contains(&Level::Urgent);
    let several = levels.len() > 1;
    let lapse = match levels {
        [only] => format!("{} check-ins", lapse_after(rule, *only)),
        _ if !levels.contains(&Level::Soon) => "14 check-ins".to_owned(),
        _ => format!(
            "14 check-ins if it reached urgent level, {} check-ins if it stayed at soon",
            lapse_after(rule, Level::Soon)
        ),
    };
    let opens = if several {
        "Every check-in that fires it, at whatever level, opens a warning for the leg or adds to the one already \
         open, whose level is the highest any of its entries reached."
    } else {
        "Every check-in that fires it opens a warning for the leg or adds to the one already open."
    };
    let mut text = format!(
        "{opens} It stays open whatever later check-ins say, and however many days pass without one, until you \
         record an outcome for it (soleus outcome: cleared, treating or not-seen) or it lapses: {lapse} of the \
         leg, dated after the last one that fired it, that do not fire it (one that fires starts the count again)."
    );
    if rule == RuleId::Bone {
        text.push_str(" A bone stress injury is not shown to have healed by a week of clean check-ins under a light that forbids running.");
    }
    if urgent_or_higher {
        text.push_str(if several {
            " Closing it as not-seen at emergency or urgent level keeps the light at stop, and its pauses, until \
             the leg has a check-in dated after the outcome that does not fire it."
        } else {
            " Closing it as not-seen keeps the light at stop, and its pauses, until the leg has a check-in dated \
             after the outcome that does not fire it."
        });
    }
    let mut tests: Vec<String> = Vec::new();
    if urgent_or_higher {
        tests.push(if levels.contains(&Level::Soon) {
            "the outcome was not-seen and the entry fires it at urgent level (nobody has looked)".to_owned()
        } else {
            "the outcome was not-seen (nobody has looked, so every such entry warns)".to_owned()
        });
    }
    if emergency {
        tests.push(if several {
            "the entry fires it at emergency level and is dated after the outcome (an emergency changes by the \
             hour: an earlier assessment does not cover it)"
                .to_owned()
        } else {
            "the entry is dated after the outcome (an emergency changes by the hour: an earlier assessment does \
             not cover it)"
                .to_owned()
        });
    }
    let new_sign = if rule == RuleId::Dvt {
        "a sign not in it (a risk factor that did not hold on the outcome's date, such as a first 'immobilised' \
         tick or a profile change, is one; ticking 'immobilised' again for the same journey is not)"
    } else {
        "a sign not in it"
    };
    let higher = if several { ", a higher level" } else { "" };
    tests.push(format!(
        "it shows something new against what the outcome covered: {new_sign}{higher}, pain at least 3 above \
         the highest pain of the entries it covered, or, dated after the outcome and after 3 check-ins in a \
         row without it, a sign of the rule other than cramps or pain above that highest pain (the signs went \
         and came back, not only the same ache)"
    ));
    if rule == RuleId::Compartment {
        tests.push(
            "the entry is saved after the outcome (one dated on the outcome's day included) and its pain is \
             not below the highest pain the outcome covered (pain that is not falling after an assessment \
             needs another)"
                .to_owned(),
        );
    }
    let last = tests.pop().unwrap_or_default();
    let list = if tests.is_empty() {
        last
    } else {
        format!("{}; or {last}", tests.join("; "))
    };
    text.push_str(&format!(
        " After an outcome, an entry that fires it opens a new warning when any of these holds: {list}. An entry of the outcome's \
         day or earlier that is saved or edited after it is judged the same way. After a lapse, any entry \
         that fires opens a new warning."
    ));
    if !urgent_or_higher {
        text.push_str(" A not-seen outcome of this soon warning is judged like any other outcome.");
    }
    text
}

/// The explanation of `rule`, for `soleus flags --explain RULE`.
pub fn explain(rule: RuleId) -> Explanation {
    let (level, reads, fires_when, why, source) = match rule {
        RuleId::PeSigns => (
            "emergency",
            EACH_ENTRY,
            "'breathless' is ticked: new breathlessness at rest or on light effort (not the usual breathlessness \
             of running), chest pain, coughing blood, fainting, or a racing heart at rest.",
            "A clot from the leg may have travelled to the lung (pulmonary embolism), which needs emergency care.",
            "NICE guideline NG158, Venous thromboembolic diseases: diagnosis, management and thrombophilia \
             testing (2020), written for clinicians: it sets out how a suspected pulmonary embolism is assessed \
             and tested for. The list of symptoms in the question, and sending every tick to the emergency \
             number whatever the calf shows, are this app's choices.",
        ),
        RuleId::Circulation => (
            "emergency",
            EACH_ENTRY,
            "'pale-cold' is ticked: the foot is pale, blue or colder than the other one, still so 30 minutes \
             after any ice.",
            "The blood supply to the foot may be blocked (acute limb ischaemia); muscle and nerves survive only \
             hours without it.",
            "European Society for Vascular Surgery 2020 clinical practice guidelines on the management of acute \
             limb ischaemia (Bjorck et al., Eur J Vasc Endovasc Surg 2020), written for vascular specialists. \
             Asking about the foot 30 minutes after ice, and treating the sign on its own as an emergency, are \
             this app's choices.",
        ),
        RuleId::Compartment => (
            "emergency, or urgent on its urgent clauses",
            EACH_ENTRY,
            "emergency: 'tense' with any of 'stretch-pain', pain at rest 5 or more, walking pain 8 or more, \
             'numbness', 'weakness'; or 'stretch-pain' with pain at rest 7 or more or walking pain 9 or more; \
             or 'stretch-pain' with 'numbness' or 'weakness' and pain at rest 5 or more. Urgent: 'tense' on its \
             own; or 'stretch-pain' with pain at rest 5 or more, or with 'numbness' or 'weakness'.",
            "Acute compartment syndrome: pressure building inside the muscle can cut off its blood supply within \
             hours. Pain out of proportion to the injury and pain when the muscle is passively stretched are \
             the early signs; numbness and weakness come later, so the rule does not wait for them.",
            "British Orthopaedic Association Standard for Trauma BOAST 10, Diagnosis and management of \
             compartment syndrome of the limbs (2014). It is written for injured and operated limbs in \
             hospital, not for a runner at home: it names pain out of proportion and pain on passive stretch \
             as the early signs. Counting a hard, swollen calf ('tense') as a sign, the pain thresholds, and \
             sending a hard calf on its own to a clinician the same day are this app's choices.",
        ),
        RuleId::Rhabdo => (
            "emergency",
            EACH_ENTRY,
            "'dark-urine' is ticked: urine dark brown like tea or cola, or very little urine, after hard exercise.",
            "Muscle breaking down after hard exercise (rhabdomyolysis) releases what can harm the kidneys; \
             dark urine or very little urine with aching muscles needs hospital tests now.",
            "The NHS page on rhabdomyolysis: dark urine or very little urine with aching or weak muscles \
             after intense exercise or an injury needs assessment in hospital straight away. Treating the tick on its own as an \
             emergency, whatever the calf scores say, is this app's choice.",
        ),
        RuleId::CaudaEquina => (
            "emergency",
            EACH_ENTRY,
            "'back-bladder' is ticked: numbness or pins and needles between the legs or around the bottom (not \
             just after cycling), new trouble passing or holding urine or stool, or sciatica or weakness in both \
             legs, with or without back pain.",
            "The nerves at the base of the spine may be squeezed (cauda equina syndrome), which needs emergency \
             assessment, and often surgery within hours, to protect bladder, bowel and leg function. Pain from the back can be felt in the calf, \
             which is why the check-in asks.",
            "The NHS page on cauda equina syndrome, which treats these symptoms as an emergency. The question's \
             wording is this app's.",
        ),
        RuleId::Sepsis => (
            "emergency",
            EACH_ENTRY,
            "'very-unwell' is ticked: very unwell, confused, breathing fast, blotchy or mottled skin, or pain \
             far worse than the calf looks.",
            "Feeling very unwell with a painful leg can be sepsis; pain far worse than the skin looks can be a \
             fast-spreading infection of the deeper tissues (necrotising fasciitis). Both need treatment \
             within hours.",
            "NICE guideline NG51, Sepsis: recognition, diagnosis and early management, written for clinicians, \
             which counts new confusion, fast breathing and mottled skin among its high-risk signs; NICE \
             guideline NG141 (cellulitis and erysipelas, 2019), which refers people to hospital for severe \
             illness or suspected sepsis or necrotising fasciitis. The question's wording, and treating the \
             tick on its own as an emergency, are this app's choices.",
        ),
        RuleId::Dvt => (
            "urgent",
            "each check-in of the leg on its own, all of its fields; the profile's clot history, cancer and clot \
             risk; and 'immobilised' on a check-in of either leg dated in the 84 days up to and including the \
             entry's date (the question asks about 12 weeks, and a long journey is not one calf's). A day without a check-in is \
             missing, never pain 0; when the leg's latest check-in is more than 2 days old, the warning says so",
            "'swelling' is ticked together with pain of 1 or more (the worse of rest and walking) or with any of \
             'pitting', 'redness', 'warmth', 'stretch-pain', 'fever', 'tense', 'cramping' or a risk factor; or, \
             with a risk factor and no swelling needed, pain of 1 or more, 'cramping', 'tense' or 'warmth'. \
             'pitting' counts as swelling. A risk factor is the profile's clot history or cancer, its clot risk \
             (oestrogen as the pill or HRT, pregnancy or a birth in the last 6 weeks, or a known clotting \
             disorder), or 'immobilised' as above. 'swelling' and 'redness' give way to this rule on the same \
             check-in.",
            "A clot in a deep calf vein (deep vein thrombosis) needs a scan within hours when it is likely, \
             because it can travel to the lung.",
            "Wells et al. 2003 (N Engl J Med 349:1227) is a scoring rule that clinicians apply after examining \
             the leg, not a list of signs to check at home: soleus borrows some of its items (calf swelling, \
             pitting oedema, recent immobilisation or surgery, active cancer, a previous clot) only as reasons \
             to get examined. The NHS page on DVT: pain, swelling and warm, red or darkened skin in one leg \
             need an urgent appointment. NICE guideline NG158 (2020) asks for a scan within 4 hours when a DVT \
             is likely. Oestrogen, pregnancy and clotting disorders are known to raise the risk of clots. The \
             seed articles: with a history of clots, calf pain needs prompt attention. Swelling with any pain, \
             and pain, cramps, a hard calf or warmth with a risk factor, are this app's choices.",
        ),
        RuleId::Infection => (
            "urgent; emergency when 'fever' comes with 'warmth' and with 'redness' or 'swelling'",
            EACH_ENTRY,
            "emergency: 'fever' with 'warmth' and with 'redness' or 'swelling' (or 'pitting'). Urgent \
             otherwise, when 'redness' and 'warmth' are both ticked, or 'fever' comes with any of pain 3 or more \
             (the worse of rest and walking), 'redness', 'warmth' or 'swelling'. 'redness' gives way to this \
             rule on the same check-in.",
            "Cellulitis, an infection of the skin, or an infection of the muscle. Redness is harder to see on \
             darker skin, so a fever with a warm or swollen calf counts without it.",
            "NICE guideline NG141, Cellulitis and erysipelas: antimicrobial prescribing (2019), written for \
             clinicians choosing antibiotics, which refers to hospital anyone with severe illness or suspected \
             sepsis or necrotising fasciitis. The combinations, the pain threshold and the emergency level for \
             a fever with a warm, red or swollen calf are this app's choices.",
        ),
        RuleId::Rupture => (
            "urgent",
            "each check-in of the leg on its own, all of its fields, and the leg's single-leg heel-raise \
             capacity tests (a test of 0 reps is an entry of its date); when the leg's latest check-in is more \
             than 2 days old, the warning says so",
            "'pop', 'heel-raise-fail' or 'gap' is ticked, or a single-leg heel-raise test of 0 reps was recorded \
             for the leg.",
            "A pop or a kick-like pain at the back of the leg is the typical story of a calf or Achilles tear, \
             and people can often still walk on it; a clinician confirms a tear by examining the leg.",
            "American Academy of Orthopaedic Surgeons clinical practice guideline on the diagnosis and treatment \
             of acute Achilles tendon rupture (AAOS 2009). It is about the Achilles tendon, and names as its \
             examination signs the calf-squeeze (Thompson) test, weak push-off, a palpable gap and more ankle \
             movement than the other side, asking for two of them; it does not name the heel raise. The seed \
             articles: not being able to stand on your toes needs a doctor straight away. Counting each sign on \
             its own, and a heel-raise test of 0 reps, are this app's choices.",
        ),
        RuleId::Bleed => (
            "urgent",
            "each check-in of the leg on its own, all of its fields, with the leg's previous check-in (for the \
             rise in pain), and the profile's blood thinners; when the leg's latest check-in is more than 2 days \
             old, the warning says so",
            "the profile records an anticoagulant ('blood_thinners'), and 'swelling' (or 'pitting'), 'bruising' \
             or 'tense' is ticked, or the pain (the worse of rest and walking) is at least 3 above the leg's \
             previous check-in. 'bruising' gives way to this rule on the same check-in.",
            "On an anticoagulant a strain can bleed into the calf, and a bleed can raise the pressure inside it.",
            "This app's rule, with no guideline behind its thresholds: follow the anticoagulant's own advice on \
             bleeding (its leaflet, or the clinic that prescribes it).",
        ),
        RuleId::Nerve => (
            "soon; urgent when 'weakness' is ticked",
            EACH_ENTRY,
            "'numbness' or 'weakness' is ticked.",
            "Numbness, tingling or burning can mean a nerve is irritated or squeezed; a weak, dropping or \
             slapping foot can mean a nerve is not working properly.",
            "The seed articles: difficulty moving the ankle or foot needs medical advice immediately, and \
             numbness, tingling or burning needs assessment. No guideline is cited; making weakness urgent and \
             numbness soon is this app's reading of them.",
        ),
        RuleId::SeverePain => (
            "soon; urgent when pain at rest is 7 or more, walking pain 9 or more, or 'no-weight' is ticked",
            EACH_ENTRY,
            "walking pain is 7 or more, pain at rest 5 or more, or 'no-weight' is ticked (cannot put weight on \
             the leg or take four steps on it).",
            "Pain that limits walking needs a doctor; a leg that cannot bear weight needs a look the same day.",
            "The seed articles: pain that limits walking or daily life needs a doctor. Not being able to bear \
             weight or take four steps is a common reason clinicians give for same-day assessment (the Ottawa \
             ankle rules use it). The pain thresholds are this app's choice.",
        ),
        RuleId::Bone => (
            "soon",
            EACH_ENTRY,
            "'bone-tender' or 'night-pain' is ticked.",
            "Pinpoint tenderness on the bone, or pain at rest or at night, can be a bone stress injury; running \
             on it can turn it into a fracture, so running stops until it is seen.",
            "Warden, Davis and Fredericson 2014, Management and prevention of bone stress injuries in \
             long-distance runners (J Orthop Sports Phys Ther 44:749), a clinical review. Counting either sign \
             on its own, and the 28 check-ins before the warning lapses, are this app's choices.",
        ),
        RuleId::Bruising => (
            "soon",
            EACH_ENTRY,
            "'bruising' is ticked, and 'bleed' does not fire on the same check-in.",
            "Bruising after calf pain can mean a muscle tear, which a clinician should examine.",
            "The seed articles: visible bruising can mean a strain or tear, and swelling, bruising or redness \
             need medical attention. No guideline; the level is this app's choice.",
        ),
        RuleId::Redness => (
            "soon",
            EACH_ENTRY,
            "'redness' is ticked, or 'warmth' with pain 3 or more (the worse of rest and walking), and neither \
             'infection' nor 'dvt' fires on the same check-in.",
            "Red or discoloured skin, or a calf that stays warmer than the other one while it hurts, is checked \
             for infection, a clot or a tear; with more signs the higher rules take over.",
            "The seed articles: swelling, bruising or redness need medical attention. Counting warmth with pain \
             3 or more is this app's rule.",
        ),
        RuleId::Swelling => (
            "soon",
            EACH_ENTRY,
            "'swelling' (or 'pitting') is ticked, and 'dvt' does not fire on the same check-in (so only a \
             swollen calf without pain or other signs reaches this rule).",
            "A swollen calf needs an examination, and sometimes a scan.",
            "The seed articles: swelling is a reason to call the doctor, who decides whether a scan is needed.",
        ),
        RuleId::StretchPain => (
            "soon",
            EACH_ENTRY,
            "'stretch-pain' is ticked, and neither 'compartment' nor 'dvt' fires on the same check-in.",
            "Sharp pain when someone else brings the foot up needs an examination; with a hard calf, strong \
             pain, numbness or weakness, 'compartment' takes over.",
            "The seed articles: pain when someone else brings the foot up is a reason to call the doctor.",
        ),
        RuleId::BothLegs => (
            "soon",
            EACH_ENTRY,
            "'both-swollen' is ticked.",
            "Swelling of both legs has causes beyond the calf (heart, kidneys, liver, medicines) that a GP \
             should check; with breathlessness 'pe-signs' already calls for help.",
            "General medical guidance on swollen legs (such as the NHS page on oedema); no single guideline. \
             The level is this app's choice.",
        ),
        RuleId::Worried => (
            "soon",
            EACH_ENTRY,
            "'worried' is ticked.",
            "Being worried is reason enough to ask a clinician, whatever the scores say.",
            "The seed articles: if you are simply worried, call your doctor and see what they recommend.",
        ),
        RuleId::Persistent => (
            "soon",
            "the leg's check-ins dated D-13 to D, and the profile's injury date and injured leg; a day without \
             a check-in is missing, never pain 0",
            "pain = the worse of rest and walking. Either: of the check-ins dated D-6 to D, at least 4 have pain \
             3 or more, and the latest of them has pain 3 or more and not lower than the earliest; or: of those \
             dated D-13 to D, at least 8 have pain 3 or more, they are at least 70% of them, and the latest has \
             pain 3 or more; or: the injury date is 42 or more days before D, the leg is an injured leg, and its \
             latest check-in dated D-6 to D has pain 3 or more.",
            "Pain not better after about five days of care, painful on most logged days for two weeks, or \
             still there six weeks after the injury deserves a professional look.",
            "NHS advice on sprains and strains (see a GP when self-care is not helping), and the recovery times \
             in the seed articles. The thresholds are this app's choice: Yamato, Saragiotto and Lopes 2015 (J \
             Orthop Sports Phys Ther 45:375) only defines what counts as a running-related injury.",
        ),
        RuleId::Recurring => (
            "soon",
            "the runs of the journal dated D-20 to D (typed on a check-in or imported from a watch, each counted \
             once), with the running pain of the leg's check-in of that day",
            "the leg has 3 or more runs within D-20 to D, and the last 3 of them each had running pain 4 or \
             more. A run without a running-pain score counts as below 4.",
            "Pain with every run needs a professional look. Pain that starts at the same point of each run and \
             settles soon after stopping is the pattern of chronic exertional compartment syndrome, and a foot \
             that goes cold, pale or numb while running can come with a trapped artery, so the advice names both.",
            "General sports medicine teaching on exercise-related leg pain; no single guideline. The thresholds \
             (3 runs in 21 days, running pain 4 or more) are this app's choice.",
        ),
        RuleId::Worsening => (
            "watch",
            "the leg's check-ins dated D-9 to D",
            "the mean pain of the check-ins dated D-2 to D is at least 2 above the mean pain of those dated D-9 \
             to D-3 (each window needs 2 or more check-ins), and the latest check-in of D-2 to D has pain no \
             lower than the check-in before it, so it is never said on a day better than the one before.",
            "A rise in pain despite care means the load is too high for now.",
            "Farrar et al. 2001 (Pain 94:149) measured what change on the 0-10 pain scale people with chronic \
             pain felt as meaningful (about 2 points, or 30%); it is not a study of rising pain after an injury. \
             The 2-point threshold and the windows are this app's choice.",
        ),
        RuleId::LoadSpike => (
            "watch",
            "the runs of the journal dated D-31 to D (typed on a check-in or imported from a watch, each \
             counted once)",
            "a run dated D-1 or D has a distance more than 1.1 times the longest run in km of the 30 days before \
             that run's date; it needs at least one run with a distance there. The reason gives the increase in \
             percent and the run's date; it shows the morning after too, when the check-in is made.",
            "Single runs more than 10% longer than the longest run of the previous 30 days were followed by \
             more running injuries, and larger spikes by more still.",
            "Frandsen et al. 2025, the Garmin-RUNSAFE running health study, an observational cohort of over \
             5,000 runners (Br J Sports Med): it shows an association, not a proven cause. Holding the load at \
             watch level is this app's choice.",
        ),
    };
    Explanation {
        rule,
        level,
        reads,
        fires_when,
        why,
        source,
        open: stays_open(rule),
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.rule, title(self.rule, Variant::Plain))?;
        writeln!(f, "level: {}", self.level)?;
        writeln!(f, "reads (each leg on its own): {}", self.reads)?;
        writeln!(f, "fires when: {}", self.fires_when)?;
        writeln!(f, "why: {}", self.why)?;
        writeln!(f, "source: {}", self.source)?;
        writeln!(f, "stays open: {}", self.open)?;
        write!(
            f,
            "soleus does not diagnose: a warning says what your entries show and how soon to act."
        )
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Leg, Score, Symptoms};

    const VARIANTS: [Variant; 5] = [
        Variant::Plain,
        Variant::WithFever,
        Variant::WithWeakness,
        Variant::Urgent,
        Variant::SettlesAfterRuns,
    ];

    /// Every variant of every rule, so the text checks cover all of it.
    fn all_texts() -> Vec<(RuleId, &'static str, &'static str)> {
        RuleId::ALL
            .into_iter()
            .flat_map(|r| VARIANTS.map(|v| (r, title(r, v), advice(r, v))))
            .collect()
    }

    /// The (rule, variant) pairs the engine uses, with the level each fires
    /// at (the rules' table, written out here on its own so the test does
    /// not read the code it checks).
    fn fired() -> Vec<(RuleId, Variant, Level)> {
        let mut pairs: Vec<(RuleId, Variant, Level)> = RuleId::ALL
            .into_iter()
            .map(|r| {
                let level = match r {
                    RuleId::PeSigns
                    | RuleId::Circulation
                    | RuleId::Compartment
                    | RuleId::Rhabdo
                    | RuleId::CaudaEquina
                    | RuleId::Sepsis => Level::Emergency,
                    RuleId::Dvt | RuleId::Infection | RuleId::Rupture | RuleId::Bleed => Level::Urgent,
                    RuleId::Worsening | RuleId::LoadSpike => Level::Watch,
                    _ => Level::Soon,
                };
                (r, Variant::Plain, level)
            })
            .collect();
        pairs.extend([
            (RuleId::Compartment, Variant::Urgent, Level::Urgent),
            (RuleId::Infection, Variant::WithFever, Level::Emergency),
            (RuleId::Nerve, Variant::WithWeakness, Level::Urgent),
            (RuleId::SeverePain, Variant::Urgent, Level::Urgent),
            (RuleId::Recurring, Variant::SettlesAfterRuns, Level::Soon),
        ]);
        pairs
    }

    /// No reassuring word or phrase, and no diagnosis stated as fact.
    fn assert_never_reassures(what: &str, text: &str) {
        let text = text.to_lowercase();
        for phrase in [
            "all clear",
            "you are fine",
            "nothing to worry",
            "no need to",
            "nothing serious",
        ] {
            assert!(!text.contains(phrase), "{what}: {phrase:?} in {text}");
        }
        // A diagnosis stated as fact: "you have ..." (only "if you have ..."
        // is allowed), "this is ...", "it is a ...".
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        for (i, pair) in words.windows(2).enumerate() {
            let conditional = i > 0 && ["if", "when", "unless"].contains(&words[i - 1]);
            assert!(
                (conditional || pair != ["you", "have"]) && pair != ["this", "is"],
                "{what}: states a diagnosis ({pair:?}) in {text}"
            );
        }
        for word in text.split(|c: char| !c.is_alphabetic()) {
            assert!(
                !["safe", "safely", "fine", "normal", "harmless", "reassuring"].contains(&word),
                "{what}: {word:?} in {text}"
            );
        }
    }

    #[test]
    fn nothing_reassures_or_diagnoses() {
        for (rule, title, advice) in all_texts() {
            assert_never_reassures(rule.id(), &format!("{title} {advice}"));
        }
        for rule in RuleId::ALL {
            assert_never_reassures(rule.id(), &explain(rule).to_string());
        }
    }

    #[test]
    fn emergencies_say_call_now() {
        for (rule, variant, level) in fired() {
            let text = advice(rule, variant);
            if level == Level::Emergency {
                assert!(text.starts_with(call_now!()), "{rule} {variant:?}: {text}");
                assert!(text.contains("emergency number"), "{rule}: {text}");
            } else {
                assert!(!text.starts_with("Call"), "{rule} {variant:?}: {text}");
            }
        }
    }

    #[test]
    fn every_advice_says_how_soon() {
        for (rule, _, advice) in all_texts() {
            // Whole words, so "know" does not count as "now".
            let words: Vec<&str> = advice.split(|c: char| !c.is_alphabetic()).collect();
            let soon = words.contains(&"now")
                || words.contains(&"today")
                || advice.contains("next few days")
                || advice.starts_with("Adjust your own load");
            assert!(soon, "{rule}: {advice}");
        }
    }

    /// The first sentence (up to its colon) says the level the flag fired
    /// at, in the words of docs/clinical-rules.md (levels), and no other.
    #[test]
    fn every_advice_opens_with_its_own_level() {
        for (rule, variant, level) in fired() {
            let text = advice(rule, variant);
            let head = text.split(':').next().unwrap();
            let ok = match level {
                Level::Emergency => text.starts_with(call_now!()),
                Level::Urgent => head.contains("today") && !head.contains("next few days"),
                Level::Soon => head.contains("next few days"),
                Level::Watch => head == "Adjust your own load",
            };
            assert!(ok, "{rule} {variant:?} ({level}): {text}");
        }
    }

    /// The most urgent action a clause of advice names.
    fn action_level(clause: &str) -> Option<Level> {
        let clause = clause.to_lowercase();
        if clause.contains("emergency number") || clause.contains("emergency department now") {
            Some(Level::Emergency)
        } else if clause.contains("today") || clause.contains("same day") {
            Some(Level::Urgent)
        } else if clause.contains("next few days") {
            Some(Level::Soon)
        } else {
            None
        }
    }

    /// The lowest level the v3 table gives a sign named in an "if" clause,
    /// on its own or with any pain: a text must never send lower.
    const SIGN_MIN: &[(&str, Level)] = &[
        ("short of breath", Level::Emergency),
        ("chest pain", Level::Emergency),
        ("faint", Level::Emergency),
        ("pale", Level::Emergency),
        ("cold", Level::Emergency),
        ("very unwell", Level::Emergency),
        ("confused", Level::Emergency),
        ("bladder", Level::Emergency),
        ("bowel", Level::Emergency),
        ("between the legs", Level::Emergency),
        ("both legs", Level::Emergency),
        ("hard", Level::Urgent),
        ("weak", Level::Urgent),
        ("weight", Level::Urgent),
        ("four steps", Level::Urgent),
        ("toes", Level::Urgent),
        ("pop", Level::Urgent),
        ("gap", Level::Urgent),
        ("swell", Level::Urgent),
        ("swollen", Level::Urgent),
        ("fever", Level::Urgent),
        ("shivers", Level::Urgent),
        ("blood thinner", Level::Urgent),
        ("red and warm", Level::Urgent),
        ("7 at rest", Level::Urgent),
        ("9 when walking", Level::Urgent),
        ("numb", Level::Soon),
        ("red", Level::Soon),
        ("warm", Level::Soon),
        ("foot up", Level::Soon),
        ("pain keeps rising", Level::Soon),
    ];

    /// Where the rule's own signs raise a sign's level: what the flag saw
    /// plus the named sign (the combinations in the rules' table).
    const CONTEXT_MIN: &[(RuleId, &str, Level)] = &[
        // stretch-pain with tense, rest 7+ or walking 9+ is a compartment
        // emergency; with rest 5+ or numbness, urgent; with swelling, dvt.
        (RuleId::StretchPain, "hard", Level::Emergency),
        (RuleId::StretchPain, "7 at rest", Level::Emergency),
        (RuleId::StretchPain, "9 when walking", Level::Emergency),
        (RuleId::StretchPain, "numb", Level::Urgent),
        // numbness or weakness with tense is a compartment emergency; with
        // stretch pain, urgent.
        (RuleId::Nerve, "hard", Level::Emergency),
        (RuleId::Nerve, "foot up", Level::Urgent),
        // tense alone, or stretch pain with rest 5+ or numbness: one more
        // sign makes it an emergency.
        (RuleId::Compartment, "hard", Level::Emergency),
        (RuleId::Compartment, "numb", Level::Emergency),
        (RuleId::Compartment, "weak", Level::Emergency),
        (RuleId::Compartment, "pain keeps rising", Level::Emergency),
        // redness with warmth is infection; fever with warmth and redness
        // or swelling is an emergency.
        (RuleId::Redness, "warm", Level::Urgent),
        (RuleId::Infection, "fever", Level::Emergency),
        // swelling with any pain, redness, warmth or pitting is dvt.
        (RuleId::Swelling, "hurt", Level::Urgent),
        (RuleId::Swelling, "red", Level::Urgent),
        (RuleId::Swelling, "warm", Level::Urgent),
        (RuleId::Swelling, "dent", Level::Urgent),
        // severe pain with stretch pain can be compartment (rest 5+).
        (RuleId::SeverePain, "foot up", Level::Urgent),
    ];

    /// " word word " of a clause, so that a sign matches at a word start.
    fn words_of(clause: &str) -> String {
        let words: String = clause
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        format!(" {} ", words.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    #[test]
    fn no_advice_points_lower_than_the_table() {
        let mut checked = 0;
        for (rule, variant, _) in fired() {
            let text = advice(rule, variant);
            for clause in text.split(['.', ';', ':']) {
                let words = words_of(clause);
                if !words.contains(" if ") {
                    continue;
                }
                let named = SIGN_MIN
                    .iter()
                    .map(|(sign, level)| (*sign, *level))
                    .chain(
                        CONTEXT_MIN
                            .iter()
                            .filter(|(r, ..)| *r == rule)
                            .map(|(_, sign, level)| (*sign, *level)),
                    )
                    .filter(|(sign, _)| words.contains(&format!(" {sign}")));
                // Level orders Emergency first, so the minimum is the most urgent.
                let Some(needed) = named.map(|(_, level)| level).min() else {
                    continue;
                };
                let said = action_level(clause);
                assert!(
                    said.is_some_and(|said| said <= needed),
                    "{rule} {variant:?}: {clause:?} names a sign the table puts at {needed}, but says {said:?}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 25, "only {checked} clauses checked");
    }

    /// Issue 18 case 2: the stretch-pain text sent a tense calf to the
    /// emergency number while the table said soon; v3 makes tense with
    /// stretch pain an emergency, and the text must say so.
    #[test]
    fn stretch_pain_sends_a_hard_calf_to_the_emergency_number() {
        let text = advice(RuleId::StretchPain, Variant::Plain);
        let clause = text.split(['.', ';']).find(|c| c.contains("hard as wood")).unwrap();
        assert_eq!(action_level(clause), Some(Level::Emergency), "{clause}");
        let urgent = advice(RuleId::Compartment, Variant::Urgent);
        assert!(urgent.starts_with("See a clinician today"), "{urgent}");
    }

    #[test]
    fn recurring_always_names_exertional_compartment_syndrome() {
        for variant in [Variant::Plain, Variant::SettlesAfterRuns] {
            assert!(advice(RuleId::Recurring, variant).contains("exertional compartment syndrome"));
            assert!(advice(RuleId::Recurring, variant).contains("trapped artery"));
        }
    }

    #[test]
    fn bleed_defers_to_the_anticoagulants_own_advice() {
        assert!(advice(RuleId::Bleed, Variant::Plain).contains("anticoagulant's own advice on bleeding"));
        assert!(
            explain(RuleId::Bleed)
                .source
                .contains("anticoagulant's own advice on bleeding")
        );
    }

    #[test]
    fn every_rule_names_a_source() {
        for rule in RuleId::ALL {
            let e = explain(rule);
            assert!(e.source.len() > 20, "{rule}");
            let shown = e.to_string();
            assert!(shown.starts_with(rule.id()), "{shown}");
            assert!(shown.contains("source: "), "{shown}");
            assert!(shown.contains("stays open: "), "{shown}");
            assert!(shown.contains(&format!("level: {}", rule.base_level())), "{shown}");
        }
    }

    /// Describe each source truthfully.
    #[test]
    fn sources_are_described_truthfully() {
        let source = |rule: RuleId| explain(rule).source;
        assert!(source(RuleId::Dvt).starts_with("Wells et al. 2003"));
        assert!(source(RuleId::Dvt).contains("scoring rule that clinicians apply"));
        assert!(source(RuleId::Dvt).contains("not a list of signs to check at home"));
        assert!(source(RuleId::Dvt).contains("NHS"));
        assert!(source(RuleId::Dvt).contains("NG158"));
        let aaos = source(RuleId::Rupture);
        for said in [
            "AAOS 2009",
            "Achilles tendon",
            "calf-squeeze",
            "weak push-off",
            "palpable gap",
            "more ankle movement",
            "does not name the heel raise",
        ] {
            assert!(aaos.contains(said), "rupture: {said:?} in {aaos}");
        }
        assert!(source(RuleId::Worsening).contains("Farrar et al. 2001"));
        assert!(source(RuleId::Worsening).contains("chronic pain"));
        assert!(source(RuleId::Worsening).contains("this app's choice"));
        for rule in [RuleId::Infection, RuleId::Sepsis] {
            assert!(
                source(rule).contains("severe illness or suspected sepsis or necrotising fasciitis"),
                "{rule}"
            );
        }
        assert!(source(RuleId::Compartment).contains("BOAST 10"));
        assert!(source(RuleId::Compartment).contains("(2014)"));
        assert!(source(RuleId::Compartment).contains("injured and operated limbs"));
        assert!(source(RuleId::Rhabdo).contains("NHS page on rhabdomyolysis"));
        assert!(source(RuleId::CaudaEquina).contains("NHS page on cauda equina"));
        assert!(source(RuleId::Sepsis).contains("NG51"));
        assert!(source(RuleId::LoadSpike).contains("Frandsen"));
        assert!(source(RuleId::LoadSpike).contains("association, not a proven cause"));
        assert!(source(RuleId::Bleed).starts_with("This app's rule"));
        // Each source with a clause of this app's own says so.
        for rule in RuleId::ALL {
            let own = source(rule).contains("this app's") || source(rule).contains("This app's");
            let seed_only = [RuleId::Swelling, RuleId::StretchPain, RuleId::Worried].contains(&rule);
            assert!(own || seed_only, "{rule}: {}", source(rule));
        }
    }

    /// Each explanation names the lapse count of the levels
    /// its rule fires at, and no other; trend rules their 14 silent days.
    #[test]
    fn every_explanation_names_its_levels_lapse_count() {
        for rule in RuleId::ALL {
            let open = explain(rule).open;
            let (named, not_named): (&[u8], &[u8]) = match rule {
                RuleId::Nerve | RuleId::SeverePain => (&[14, 7], &[28]),
                RuleId::Bone => (&[28], &[14, 7]),
                RuleId::Bruising
                | RuleId::Redness
                | RuleId::Swelling
                | RuleId::StretchPain
                | RuleId::BothLegs
                | RuleId::Worried => (&[7], &[14, 28]),
                RuleId::Persistent | RuleId::Recurring | RuleId::Worsening | RuleId::LoadSpike => {
                    assert!(open.contains("silent for 14 days"), "{rule}: {open}");
                    assert!(!open.contains("check-ins of the leg"), "{rule}: {open}");
                    continue;
                }
                _ => (&[14], &[7, 28]),
            };
            for n in named {
                assert!(open.contains(&format!("{n} check-ins")), "{rule}: {n} in {open}");
            }
            for n in not_named {
                assert!(!open.contains(&format!("{n} check-ins")), "{rule}: {n} in {open}");
            }
        }
    }

    /// The re-warning tests an explanation names are those of
    /// its levels.
    #[test]
    fn every_explanation_names_its_rewarning_tests() {
        for rule in RuleId::ALL.into_iter().filter(|r| r.is_single_entry()) {
            let open = explain(rule).open;
            assert!(open.contains("something new"), "{rule}: {open}");
            assert!(open.contains("pain at least 3 above"), "{rule}: {open}");
            assert!(open.contains("after 3 check-ins in a row"), "{rule}: {open}");
            let emergency = matches!(
                rule,
                RuleId::PeSigns
                    | RuleId::Circulation
                    | RuleId::Compartment
                    | RuleId::Rhabdo
                    | RuleId::CaudaEquina
                    | RuleId::Sepsis
                    | RuleId::Infection
            );
            let urgent = emergency
                || matches!(
                    rule,
                    RuleId::Dvt | RuleId::Rupture | RuleId::Bleed | RuleId::Nerve | RuleId::SeverePain
                );
            assert_eq!(
                open.contains("an emergency changes by the hour"),
                emergency,
                "{rule}: {open}"
            );
            assert_eq!(open.contains("the outcome was not-seen"), urgent, "{rule}: {open}");
            assert_eq!(open.contains("keeps the light at stop"), urgent, "{rule}: {open}");
            assert_eq!(
                open.contains("judged like any other outcome"),
                !urgent,
                "{rule}: {open}"
            );
            assert_eq!(
                open.contains("not falling"),
                rule == RuleId::Compartment,
                "{rule}: {open}"
            );
        }
        assert!(explain(RuleId::Dvt).open.contains("first 'immobilised'"));
    }

    #[test]
    fn signs_are_listed_in_plain_words() {
        let mut entry = CheckIn::new(
            "2026-06-15".parse().unwrap(),
            Leg::Left,
            Score::default(),
            Score::default(),
        );
        assert_eq!(signs_seen(&entry, &[Symptom::Swelling]), None);
        entry.symptoms = [Symptom::Swelling, Symptom::Warmth, Symptom::Redness]
            .into_iter()
            .collect::<Symptoms>();
        assert_eq!(
            signs_seen(&entry, &[Symptom::Swelling, Symptom::Warmth]).unwrap(),
            "swelling and warmth ticked in the left calf check-in of 2026-06-15"
        );
        assert_eq!(
            signs_seen(&entry, &[Symptom::Swelling, Symptom::Redness, Symptom::Warmth]).unwrap(),
            "swelling, redness and warmth ticked in the left calf check-in of 2026-06-15"
        );
        for symptom in Symptom::ALL {
            assert!(!sign_phrase(symptom).is_empty(), "{symptom:?}");
        }
    }
}
