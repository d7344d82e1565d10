//! Every word the clinical engine shows: titles, advice, the plain name of
//! each sign, and the `flags --explain` text with each rule's source.
//!
//! House rules for this text: say what was seen, how urgent it is and what
//! to do; say "can mean" or "possible", never "you have"; never reassure
//! (no "all clear", no "you are fine").

use std::fmt;

use super::RuleId;
use crate::domain::{CheckIn, Symptom};

/// The sentence every emergency starts with.
macro_rules! call_now {
    () => {
        "Call your local emergency number (such as 112, 999 or 911) or go to an emergency department now."
    };
}

/// A rule whose wording depends on what else the entry showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Variant {
    Plain,
    /// `infection` with `fever`: the advice becomes "emergency department now".
    WithFever,
    /// `nerve` with `weakness`: urgent instead of soon.
    WithWeakness,
    /// `severe-pain` at its urgent level (rest pain 7+, walking pain 9+, or
    /// no weight on the leg).
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
        (RuleId::Compartment, _) => "Calf signs that can mean pressure is building in the muscle",
        (RuleId::Rhabdo, _) => "Dark urine after hard exercise",
        (RuleId::CaudaEquina, _) => "Numbness between the legs, bladder or bowel trouble, or both legs affected",
        (RuleId::Sepsis, _) => "Very unwell with a painful leg",
        (RuleId::Bleed, _) => "Calf signs on a blood thinner: possible bleed",
        (RuleId::Dvt, _) => "Calf signs that can come with a blood clot",
        (RuleId::Rupture, _) => "A pop, or no single-leg heel raise: possible tear",
        (RuleId::Infection, Variant::WithFever) => "Red, warm calf with fever: possible spreading infection",
        (RuleId::Infection, _) => "Red, warm calf: possible skin infection",
        (RuleId::Nerve, Variant::WithWeakness) => "A weak or dropping foot or ankle",
        (RuleId::Nerve, _) => "Numbness or tingling: a nerve may be irritated",
        (RuleId::SeverePain, Variant::Urgent) => "Severe pain, or no weight on the leg",
        (RuleId::SeverePain, _) => "Pain that limits walking or rest",
        (RuleId::Bone, _) => "Bone tenderness or night pain: possible bone stress",
        (RuleId::Bruising, _) => "Bruising: possible muscle tear",
        (RuleId::Redness, _) => "Red or discoloured skin on the calf",
        (RuleId::Swelling, _) => "A swollen calf",
        (RuleId::StretchPain, _) => "Sharp pain when the foot is pulled up",
        (RuleId::BothLegs, _) => "Both legs swollen",
        (RuleId::Worried, _) => "You are worried about this calf",
        (RuleId::Persistent, _) => "Pain is not settling",
        (RuleId::Recurring, _) => "Pain on every recent run",
        (RuleId::Worsening, _) => "Pain is rising",
        (RuleId::LoadSpike, _) => "Run much longer than your recent longest",
    }
}

/// What to do and how soon, then why, in plain words.
pub(super) fn advice(rule: RuleId, variant: Variant) -> &'static str {
    match (rule, variant) {
        (RuleId::PeSigns, _) => concat!(
            call_now!(),
            " Shortness of breath, chest pain or coughing blood alongside a calf problem can mean a clot has",
            " travelled to the lung. Do not drive yourself."
        ),
        (RuleId::Circulation, _) => concat!(
            call_now!(),
            " A pale, blue or cold foot can mean its blood supply is blocked, which needs treatment within hours."
        ),
        (RuleId::Compartment, Variant::Urgent) => concat!(
            "See a clinician today, at an emergency department if no appointment is free: a calf that is",
            " swollen and hard, or sharp pain when the foot is pulled up with strong pain, numbness or weakness,",
            " can mean pressure is building inside the muscle. Keep the leg at the level of your heart, loosen",
            " anything tight, and call your emergency number if the pain keeps rising."
        ),
        (RuleId::Compartment, _) => concat!(
            call_now!(),
            " A tense or rock-hard calf, or sharp pain when the foot is pulled up, together with severe pain,",
            " numbness or weakness, can mean pressure is building inside the muscle (compartment syndrome), which needs treatment",
            " within hours. Loosen anything tight around the leg and do not raise it high while you get help."
        ),
        (RuleId::Rhabdo, _) => concat!(
            call_now!(),
            " Urine as dark as tea or cola, or very little urine, after hard exercise can mean muscle is breaking",
            " down, which can harm the kidneys and needs hospital tests now."
        ),
        (RuleId::CaudaEquina, _) => concat!(
            call_now!(),
            " Numbness between the legs or around the bottom, new trouble with the bladder or bowel, or symptoms",
            " in both legs can mean the nerves at the base of the spine are squeezed; they need treatment within hours."
        ),
        (RuleId::Sepsis, _) => concat!(
            call_now!(),
            " Feeling very unwell, confused or breathing fast with a painful leg, or pain far worse than the skin",
            " looks, can be sepsis or a fast-spreading infection."
        ),
        (RuleId::Bleed, _) => concat!(
            "See a clinician today: on a blood thinner, swelling, bruising, a hard calf or a sudden rise in pain",
            " can be bleeding into the muscle. Follow your anticoagulant's own advice on bleeding, and call your",
            " emergency number if the calf turns hard as wood or the foot goes numb or pale."
        ),
        (RuleId::Dvt, _) => concat!(
            "See a doctor today: call your GP, an urgent care service or a health helpline and say you are",
            " worried about a blood clot in the leg (DVT); a scan is usually arranged within hours. Do not",
            " massage the calf. If you become short of breath or have chest pain, call your emergency number at once."
        ),
        (RuleId::Rupture, _) => concat!(
            "See a clinician today, at urgent care or an emergency department if no appointment is free. A pop,",
            " or not being able to rise onto your toes on this leg alone, can mean a torn calf muscle or Achilles",
            " tendon, even if you can still walk. Keep weight off the leg and do not stretch or run until it has",
            " been checked: early treatment gives a better result."
        ),
        (RuleId::Infection, Variant::WithFever) => concat!(
            call_now!(),
            " Red, warm skin together with a fever or shivers can be a spreading infection that needs",
            " treatment straight away."
        ),
        (RuleId::Infection, _) => concat!(
            "See a clinician today: red, warm skin can be a skin infection (cellulitis) that needs treatment.",
            " If you get a fever or shivers, or feel unwell, go to an emergency department now."
        ),
        (RuleId::Nerve, Variant::WithWeakness) => concat!(
            "See a clinician today: a weak, dropping or slapping foot, or an ankle that is hard to move, can mean",
            " a nerve is being compressed, and nerves recover best when treated early. If the calf is also tense",
            " and very painful, call your emergency number now."
        ),
        (RuleId::Nerve, _) => concat!(
            "Book a clinician in the next few days: numbness, tingling or burning can mean a nerve is irritated",
            " or squeezed. If the foot or ankle becomes weak or the numbness spreads, get seen the same day."
        ),
        (RuleId::SeverePain, Variant::Urgent) => concat!(
            "See a clinician today, at urgent care if no appointment is free: pain of 7 or more at rest, 9 or",
            " more when walking, or a leg you cannot put weight on needs a same-day examination. Do not run,",
            " and walk only as much as you must until then."
        ),
        (RuleId::SeverePain, _) => concat!(
            "Book a clinician in the next few days: pain of 7 or more when walking, or 5 or more at rest, needs",
            " an examination. Until then walk only as much as daily life needs and do not run. If you cannot put",
            " weight on the leg at all, get seen today."
        ),
        (RuleId::Bone, _) => concat!(
            "Stop running and book a clinician in the next few days: pinpoint tenderness on the bone or pain",
            " that wakes you at night can be a bone stress injury, which needs checking (sometimes with a scan)",
            " before you run again."
        ),
        (RuleId::Bruising, _) => concat!(
            "Book a clinician in the next few days: bruising after calf pain can mean a torn muscle. Hold off",
            " running and hard stretching until then. If the calf also swells or gets warm, or you cannot rise",
            " onto your toes, get seen today."
        ),
        (RuleId::Redness, _) => concat!(
            "Book a clinician in the next few days: red or discoloured skin on the calf needs a look. If it also",
            " turns warm or swollen, or you get a fever, get seen today."
        ),
        (RuleId::Swelling, _) => concat!(
            "Book a clinician in the next few days and ask whether a scan is needed: a swollen calf needs an",
            " examination. Do not massage it. If it also turns red, warm or very painful, or you become short",
            " of breath, get help today."
        ),
        (RuleId::StretchPain, _) => concat!(
            "Book a clinician in the next few days: sharp pain when someone else pulls the foot up needs an",
            " examination. Hold off stretching until then. If the calf turns tense or rock-hard, or the pain",
            " becomes severe, call your emergency number now."
        ),
        (RuleId::BothLegs, _) => concat!(
            "Book a GP appointment in the next few days: swelling of both ankles or calves can come from the",
            " heart, kidneys, liver or medicines rather than the calf, and needs checking. If you are also short",
            " of breath, call your emergency number now."
        ),
        (RuleId::Worried, _) => concat!(
            "Book a clinician in the next few days, or call your doctor now if you would rather: being worried",
            " is reason enough to ask, and they can say what they recommend."
        ),
        (RuleId::Persistent, _) => concat!(
            "Book a GP or physiotherapist in the next few days: pain that has not eased after about five days",
            " of care, or that is still there most days two weeks on, needs a professional look. Until then keep",
            " to activity that does not raise the pain."
        ),
        (RuleId::Recurring, Variant::SettlesAfterRuns) => concat!(
            "Book a clinician in the next few days and pause running until then: pain of 4 or more on each of",
            " your last three runs needs a professional look. Your entries show little pain at rest and walking",
            " on those days, so the pain seems to settle after running: ask about exertional compartment",
            " syndrome, which has that pattern, especially if the pain starts at the same point in each run."
        ),
        (RuleId::Recurring, _) => concat!(
            "Book a clinician in the next few days and pause running until then: pain of 4 or more on each of",
            " your last three runs needs a professional look. If the pain starts at the same point in each run",
            " and settles soon after you stop, say so: that pattern can come with exertional compartment syndrome."
        ),
        (RuleId::Worsening, _) => concat!(
            "Adjust your own load: go back to the last level of activity that did not raise your pain and hold",
            " it for a few days. If the pain keeps rising or new signs appear, book a clinician."
        ),
        (RuleId::LoadSpike, _) => concat!(
            "Adjust your own load: keep your next runs within about 10% of your longest run of the past month,",
            " and watch the pain during the run and the next morning."
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
        Symptom::BackBladder => "numbness between the legs, new bladder or bowel trouble, or symptoms in both legs",
        Symptom::VeryUnwell => "feeling very unwell, confused or breathing fast, or pain far worse than the calf looks",
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
    /// Where the rule comes from.
    pub source: &'static str,
}

/// What a single-entry rule reads (SPEC 5.1).
const LATEST_ENTRY: &str = "the leg's latest check-in, however old (when it is older than 2 days the warning \
     says so). At emergency or urgent level the warning then stays open, whatever later check-ins say, until \
     you record what came of it (soleus outcome) or 14 check-ins of the leg in a row come without it";

/// The explanation of `rule`, for `soleus flags --explain RULE`.
pub fn explain(rule: RuleId) -> Explanation {
    let (level, reads, fires_when, why, source) = match rule {
        RuleId::PeSigns => (
            "emergency",
            LATEST_ENTRY,
            "'breathless' is ticked: short of breath, chest pain, or coughing blood.",
            "A clot from the leg may have reached the lung (pulmonary embolism), which needs emergency care.",
            "NICE guideline NG158, Venous thromboembolic diseases: diagnosis, management and thrombophilia \
             testing (2020, updated 2023), which lists these as signs of a possible pulmonary embolism.",
        ),
        RuleId::Circulation => (
            "emergency",
            LATEST_ENTRY,
            "'pale-cold' is ticked: the foot is pale, blue or cold.",
            "The blood supply to the foot may be blocked (acute limb ischaemia); a limb can only be saved \
             within hours.",
            "European Society for Vascular Surgery 2020 clinical practice guidelines on acute limb \
             ischaemia (Bjorck et al., Eur J Vasc Endovasc Surg 2020).",
        ),
        RuleId::Compartment => (
            "emergency",
            LATEST_ENTRY,
            "'tense' or 'stretch-pain' is ticked, together with at least one of: pain at rest 7 or more, \
             walking pain 9 or more, 'numbness', 'weakness'.",
            "Acute compartment syndrome: pain out of proportion to the injury plus pain on passive stretch \
             are the early signs; numbness and weakness come late, so the rule does not wait for the rest.",
            "British Orthopaedic Association standard (BOAST): diagnosis and management of compartment \
             syndrome of the limbs (2016).",
        ),
        RuleId::Rhabdo => (
            "emergency",
            LATEST_ENTRY,
            "'dark-urine' is ticked.",
            "Muscle breaking down after hard exercise can harm the kidneys.",
            "NHS on rhabdomyolysis.",
        ),
        RuleId::CaudaEquina => (
            "emergency",
            LATEST_ENTRY,
            "'back-bladder' is ticked.",
            "The nerves at the base of the spine may be squeezed (cauda equina syndrome).",
            "NHS on cauda equina syndrome.",
        ),
        RuleId::Sepsis => (
            "emergency",
            LATEST_ENTRY,
            "'very-unwell' is ticked.",
            "Sepsis or a fast-spreading infection.",
            "NICE NG51 on sepsis; NICE NG141.",
        ),
        RuleId::Bleed => (
            "urgent",
            LATEST_ENTRY,
            "the profile records blood thinners and 'swelling', 'bruising' or 'tense' is ticked, or pain is at \
             least 3 above the leg's previous check-in.",
            "On an anticoagulant a strain can bleed into the calf (this app's rule).",
            "This app's rule.",
        ),
        RuleId::Infection => (
            "urgent; emergency when 'fever' is ticked too",
            LATEST_ENTRY,
            "'redness' and 'warmth' are both ticked.",
            "Red, warm skin can be cellulitis, a skin infection that can spread; with a fever it may be \
             spreading through the body.",
            "NICE guideline NG141, Cellulitis and erysipelas: antimicrobial prescribing (2019), which asks \
             for urgent admission when cellulitis comes with signs of illness through the body.",
        ),
        RuleId::Dvt => (
            "urgent",
            LATEST_ENTRY,
            "'swelling' is ticked together with at least one of 'pitting', 'redness', 'warmth', \
             'stretch-pain', 'fever' or a risk factor; or pain (the worse of rest and walking) is 1 or more \
             with a risk factor. A risk factor is 'immobilised' on the check-in, or clot history or cancer \
             in the profile (profile facts count on every date).",
            "A calf clot (deep vein thrombosis) needs a scan within hours when it is likely; the seed \
             articles add that with a history of clots any calf pain needs prompt attention, and that \
             swelling with pain on passive stretch is a reason to call the doctor.",
            "Wells et al. 2003 (N Engl J Med 349:1227) is a scoring rule that clinicians apply after \
             examining the leg, not a list of signs to check at home: soleus only borrows some of its items \
             (swelling, recent immobilisation or surgery, active cancer, a past clot) as reasons to get \
             examined. NICE NG158 asks for an ultrasound within 4 hours when a DVT is likely.",
        ),
        RuleId::Rupture => (
            "urgent",
            "the leg's latest check-in, at any age; and the leg's heel-raise capacity tests dated D-2 to D",
            "'pop' or 'heel-raise-fail' is ticked, or a single-leg heel-raise test of 0 reps was recorded for \
             the leg.",
            "An Achilles or calf tear: people can often still walk, so not being able to rise onto the toes \
             on one leg is the key sign.",
            "American Academy of Orthopaedic Surgeons clinical practice guideline on the diagnosis and \
             treatment of acute Achilles tendon rupture (AAOS 2009).",
        ),
        RuleId::Nerve => (
            "soon; urgent when 'weakness' is ticked",
            LATEST_ENTRY,
            "'numbness' or 'weakness' is ticked.",
            "Numbness, tingling or burning point to a nerve being irritated or squeezed; a weak, dropping or \
             slapping foot means the nerve is not working properly. The seed articles say difficulty moving \
             the ankle or foot needs medical advice immediately, and numbness or tingling needs assessment.",
            "The seed articles; general clinical guidance on nerve compression in the lower leg (no single \
             guideline): foot drop is assessed promptly.",
        ),
        RuleId::SeverePain => (
            "soon; urgent when pain at rest is 7 or more, walking pain 9 or more, or 'no-weight' is ticked",
            LATEST_ENTRY,
            "walking pain is 7 or more, pain at rest 5 or more, or 'no-weight' is ticked (cannot put weight \
             on the leg or take four steps on it).",
            "Pain that limits walking needs a doctor; a leg that cannot bear weight needs a same-day look.",
            "The seed articles; NHS advice on leg pain and on sprains and strains (get help when the pain is \
             severe or you cannot put weight on the leg); the Ottawa ankle rules use 'cannot take four \
             steps' as the reason to examine.",
        ),
        RuleId::Bone => (
            "soon",
            LATEST_ENTRY,
            "'bone-tender' or 'night-pain' is ticked.",
            "Pinpoint bone tenderness or pain at night can be a bone stress injury; running on it can turn \
             it into a fracture, so stop running until seen.",
            "Warden, Davis and Fredericson 2014, Management and prevention of bone stress injuries in \
             long-distance runners (J Orthop Sports Phys Ther 44:749).",
        ),
        RuleId::Bruising => (
            "soon",
            LATEST_ENTRY,
            "'bruising' is ticked.",
            "Bruising after calf pain can mean a muscle tear, which a clinician should examine and grade.",
            "The seed articles; general clinical teaching on calf muscle strains (no single guideline).",
        ),
        RuleId::Redness => (
            "soon",
            LATEST_ENTRY,
            "'redness' is ticked, and neither 'infection' nor 'dvt' fires on the same check-in.",
            "Red or discoloured skin needs a look; with warmth or swelling the higher rules take over.",
            "The seed articles: swelling, bruising or redness need medical attention.",
        ),
        RuleId::Swelling => (
            "soon",
            LATEST_ENTRY,
            "'swelling' is ticked, and 'dvt' does not fire on the same check-in.",
            "A swollen calf needs an examination, and sometimes a scan.",
            "The seed articles: swelling is a reason to call the doctor, who decides whether a scan is needed.",
        ),
        RuleId::StretchPain => (
            "soon",
            LATEST_ENTRY,
            "'stretch-pain' is ticked, and neither 'compartment' nor 'dvt' fires on the same check-in.",
            "Sharp pain when someone else brings the foot up needs an examination.",
            "The seed articles: pain on passively bringing the foot up is a reason to call the doctor.",
        ),
        RuleId::BothLegs => (
            "soon",
            LATEST_ENTRY,
            "'both-swollen' is ticked.",
            "Swelling of both legs has causes beyond the calf (heart, kidneys, liver, medicines) that a GP \
             should check; with breathlessness 'pe-signs' already calls for help.",
            "General medical guidance on swollen legs (for example the NHS pages on oedema); no single \
             guideline.",
        ),
        RuleId::Worried => (
            "soon",
            LATEST_ENTRY,
            "'worried' is ticked.",
            "Being worried is reason enough to ask a clinician, whatever the scores say.",
            "The seed articles: if you are simply worried, call your doctor and see what they recommend.",
        ),
        RuleId::Persistent => (
            "soon",
            "the leg's check-ins of the last 14 days (D-13 to D), and the profile's injury date; a day \
             without a check-in is missing, never pain 0",
            "pain = the worse of rest and walking. Either: of the check-ins dated D-6 to D, at least 4 have \
             pain 3 or more, and the latest of them has pain 3 or more and not lower than the earliest; or: \
             of those dated D-13 to D, at least 8 have pain 3 or more, they are at least 70% of them, and \
             the latest has pain 3 or more; or: the injury date is 42 or more days before D, the leg is an \
             injured leg, and its latest check-in dated D-6 to D has pain 3 or more.",
            "Pain not better after about five days of care, painful on most logged days for two weeks, or \
             still there six weeks after the injury deserves a professional look.",
            "NHS advice on sprains and strains (see a GP if not better after self-care); Yamato, Saragiotto \
             and Lopes 2015, a consensus definition of running-related injury (J Orthop Sports Phys Ther \
             45:375); the recovery times in the seed articles.",
        ),
        RuleId::Recurring => (
            "soon",
            "the leg's runs of the last 21 days (D-20 to D): check-ins with km or minutes run above 0",
            "the leg has 3 or more runs within D-20 to D, and the last 3 of them each had running pain 4 or \
             more. A run without a running-pain score counts as below 4.",
            "Pain with every run needs a professional look. Pain that starts at the same point of each run \
             and settles soon after stopping is the pattern of chronic exertional compartment syndrome, so \
             the advice mentions it.",
            "General sports medicine guidance on running pain and on chronic exertional compartment \
             syndrome (pain at a consistent point of exercise that eases with rest).",
        ),
        RuleId::Worsening => (
            "watch",
            "the leg's check-ins of the last 10 days (D-9 to D)",
            "the mean pain of the check-ins dated D-2 to D is at least 2 points above the mean pain of those \
             dated D-9 to D-3. Each window needs 2 or more check-ins.",
            "A change of about 2 points on the 0-10 scale is the smallest that people feel as meaningful; \
             a rise despite care means the load is too high.",
            "Farrar et al. 2001, Clinical importance of changes in chronic pain intensity measured on an \
             11-point numerical pain rating scale (Pain 94:149).",
        ),
        RuleId::LoadSpike => (
            "watch",
            "the leg's check-ins of the last 31 days (D-30 to D)",
            "the km run on D is more than 1.1 times the longest run in km dated D-30 to D-1. Needs at least \
             one run with a distance in those 30 days.",
            "Single runs more than 10% longer than the longest run of the previous 30 days were followed by \
             more running injuries, and larger spikes by more still.",
            "Frandsen et al. 2025, the Garmin-RUNSAFE running health study, an observational cohort of over \
             5,000 runners (Br J Sports Med): it shows an association, not a proven cause.",
        ),
    };
    Explanation {
        rule,
        level,
        reads,
        fires_when,
        why,
        source,
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

    /// Every variant of every rule, so the text checks cover all of it.
    fn all_texts() -> Vec<(RuleId, &'static str, &'static str)> {
        let variants = [
            Variant::Plain,
            Variant::WithFever,
            Variant::WithWeakness,
            Variant::Urgent,
            Variant::SettlesAfterRuns,
        ];
        RuleId::ALL
            .into_iter()
            .flat_map(|r| variants.map(|v| (r, title(r, v), advice(r, v))))
            .collect()
    }

    /// No reassuring word or phrase, and no diagnosis stated as fact.
    fn assert_never_reassures(what: &str, text: &str) {
        let text = text.to_lowercase();
        for phrase in ["all clear", "you are fine", "nothing to worry", "no need to"] {
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
                !["safe", "safely", "fine", "normal", "harmless"].contains(&word),
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
        for (rule, _, advice) in all_texts() {
            if rule.base_level() == super::super::Level::Emergency {
                assert!(advice.contains("emergency department now"), "{rule}: {advice}");
                assert!(advice.contains("emergency number"), "{rule}: {advice}");
            }
        }
        assert!(advice(RuleId::Infection, Variant::WithFever).contains("emergency department now"));
        assert!(!advice(RuleId::Infection, Variant::Plain).starts_with("Call"));
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

    #[test]
    fn recurring_always_names_exertional_compartment_syndrome() {
        for variant in [Variant::Plain, Variant::SettlesAfterRuns] {
            assert!(advice(RuleId::Recurring, variant).contains("exertional compartment syndrome"));
        }
    }

    #[test]
    fn every_rule_names_a_source() {
        for rule in RuleId::ALL {
            let e = explain(rule);
            assert!(e.source.len() > 20, "{rule}");
            let shown = e.to_string();
            assert!(shown.starts_with(rule.id()), "{shown}");
            assert!(shown.contains("source: "), "{shown}");
            assert!(shown.contains(&format!("level: {}", rule.base_level())), "{shown}");
        }
        assert!(explain(RuleId::Dvt).source.contains("Wells"));
        // SPEC 5.1: describe each source truthfully.
        assert!(
            explain(RuleId::Dvt)
                .source
                .contains("scoring rule that clinicians apply")
        );
        assert!(!explain(RuleId::Dvt).source.contains("home sign"));
        assert!(explain(RuleId::LoadSpike).source.contains("Frandsen"));
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
    }
}
