//! The yes/no signs a check-in records (see docs/storage.md, what a day
//! holds). The CLI, the JSON and the form all use these names.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use super::ValidationError;

/// One yes/no sign. The order here is the order of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Symptom {
    Swelling,
    Pitting,
    Redness,
    Warmth,
    Bruising,
    Numbness,
    Weakness,
    Cramping,
    Pop,
    HeelRaiseFail,
    StretchPain,
    Tense,
    PaleCold,
    NightPain,
    BoneTender,
    Fever,
    Breathless,
    Immobilised,
    NoWeight,
    BothSwollen,
    Worried,
    Gap,
    DarkUrine,
    BackBladder,
    VeryUnwell,
}

impl Symptom {
    /// Every symptom, in form order.
    pub const ALL: [Symptom; 25] = [
        Symptom::Swelling,
        Symptom::Pitting,
        Symptom::Redness,
        Symptom::Warmth,
        Symptom::Bruising,
        Symptom::Numbness,
        Symptom::Weakness,
        Symptom::Cramping,
        Symptom::Pop,
        Symptom::HeelRaiseFail,
        Symptom::StretchPain,
        Symptom::Tense,
        Symptom::PaleCold,
        Symptom::NightPain,
        Symptom::BoneTender,
        Symptom::Fever,
        Symptom::Breathless,
        Symptom::Immobilised,
        Symptom::NoWeight,
        Symptom::BothSwollen,
        Symptom::Worried,
        Symptom::Gap,
        Symptom::DarkUrine,
        Symptom::BackBladder,
        Symptom::VeryUnwell,
    ];

    /// The stable name used by the CLI, the database and the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Symptom::Swelling => "swelling",
            Symptom::Pitting => "pitting",
            Symptom::Redness => "redness",
            Symptom::Warmth => "warmth",
            Symptom::Bruising => "bruising",
            Symptom::Numbness => "numbness",
            Symptom::Weakness => "weakness",
            Symptom::Cramping => "cramping",
            Symptom::Pop => "pop",
            Symptom::HeelRaiseFail => "heel-raise-fail",
            Symptom::StretchPain => "stretch-pain",
            Symptom::Tense => "tense",
            Symptom::PaleCold => "pale-cold",
            Symptom::NightPain => "night-pain",
            Symptom::BoneTender => "bone-tender",
            Symptom::Fever => "fever",
            Symptom::Breathless => "breathless",
            Symptom::Immobilised => "immobilised",
            Symptom::NoWeight => "no-weight",
            Symptom::BothSwollen => "both-swollen",
            Symptom::Worried => "worried",
            Symptom::Gap => "gap",
            Symptom::DarkUrine => "dark-urine",
            Symptom::BackBladder => "back-bladder",
            Symptom::VeryUnwell => "very-unwell",
        }
    }

    /// The question the check-in form asks for this sign.
    pub fn question(self) -> &'static str {
        match self {
            Symptom::Swelling => "Calf visibly swollen compared with the other leg?",
            Symptom::Pitting => "Pressing the swollen area leaves a dent that stays?",
            Symptom::Redness => "Skin red or discoloured?",
            Symptom::Warmth => "Calf warmer than the other one, not just after running, a bath or heat?",
            Symptom::Bruising => "Bruising on the calf or ankle?",
            Symptom::Numbness => "Numbness, tingling or burning in calf or foot, not only during or just after ice?",
            Symptom::Weakness => "Foot or ankle weak, or the foot drops/slaps?",
            Symptom::Cramping => "Cramps in the calf?",
            Symptom::Pop => "Sudden pop or snap, or felt like a kick to the back of the leg?",
            Symptom::HeelRaiseFail => "Cannot rise onto the toes standing on this leg alone?",
            Symptom::StretchPain => "Sharp pain when someone else pulls the toes/foot up?",
            Symptom::Tense => "Calf swollen and hard as wood when you press it, not your usual tightness?",
            Symptom::PaleCold => "Foot pale, blue or colder than the other one, still so 30 minutes after any ice?",
            Symptom::NightPain => "Pain at night or at rest that wakes you?",
            Symptom::BoneTender => "Pinpoint tenderness on the shin bone?",
            Symptom::Fever => "Temperature of 38 °C or more, or shivers?",
            Symptom::Breathless => {
                "New breathlessness at rest or on light effort (not the usual breathlessness of running), chest pain, coughing blood, fainting, or a racing heart at rest?"
            }
            Symptom::Immobilised => {
                "In the last 12 weeks: surgery, a cast or boot, 3+ days in bed, or a journey over 4 hours?"
            }
            Symptom::NoWeight => "Cannot put weight on this leg, or cannot take four steps on it?",
            Symptom::BothSwollen => "Both ankles or calves swollen, not only this one?",
            Symptom::Worried => "Worried about this calf, whatever the scores say?",
            Symptom::Gap => "A dent or gap you can feel in the calf or just above the heel?",
            Symptom::DarkUrine => "Urine dark brown like tea or cola, or very little urine, after hard exercise?",
            Symptom::BackBladder => {
                "Numbness or pins and needles between the legs or around the bottom (not just after cycling), new \
                 trouble passing or holding urine or stool, or sciatica or weakness in both legs, with or without \
                 back pain?"
            }
            Symptom::VeryUnwell => {
                "Very unwell, confused, breathing fast, blotchy or mottled skin, or pain far worse than the calf looks?"
            }
        }
    }

    /// Parses one name, case-insensitively; `_` is accepted for `-`.
    pub fn parse(raw: &str) -> Result<Symptom, ValidationError> {
        let wanted = raw.trim().to_ascii_lowercase().replace('_', "-");
        Symptom::ALL
            .into_iter()
            .find(|s| s.name() == wanted)
            .ok_or_else(|| ValidationError::new("symptom", &Self::allowed_list(), raw))
    }

    fn allowed_list() -> String {
        let names: Vec<&str> = Symptom::ALL.iter().map(|s| s.name()).collect();
        format!("one of {}", names.join(", "))
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for Symptom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of symptoms, stored as bits so that the clinical rules can test
/// membership over ten years of entries without allocating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Symptoms(u32);

impl Symptoms {
    pub const NONE: Symptoms = Symptoms(0);

    pub fn contains(self, symptom: Symptom) -> bool {
        self.0 & symptom.bit() != 0
    }

    pub fn insert(&mut self, symptom: Symptom) {
        self.0 |= symptom.bit();
    }

    pub fn remove(&mut self, symptom: Symptom) {
        self.0 &= !symptom.bit();
    }

    pub fn toggle(&mut self, symptom: Symptom) {
        self.0 ^= symptom.bit();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The set as bits, one per [`Symptom::ALL`] position: what the clinical
    /// engine compares presentations with.
    pub fn bits(self) -> u32 {
        self.0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The symptoms present, in form order.
    pub fn iter(self) -> impl Iterator<Item = Symptom> {
        Symptom::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    /// Parses repeated or comma-separated names (`--symptom a,b --symptom c`).
    pub fn parse_list<S: AsRef<str>>(raws: &[S]) -> Result<Symptoms, ValidationError> {
        let mut set = Symptoms::NONE;
        for raw in raws {
            for part in raw.as_ref().split(',') {
                if part.trim().is_empty() {
                    continue;
                }
                set.insert(Symptom::parse(part)?);
            }
        }
        Ok(set)
    }

    /// Comma-separated names in form order; how the database stores the set.
    pub fn to_names(self) -> String {
        self.iter().map(Symptom::name).collect::<Vec<_>>().join(",")
    }
}

impl FromIterator<Symptom> for Symptoms {
    fn from_iter<I: IntoIterator<Item = Symptom>>(iter: I) -> Self {
        let mut set = Symptoms::NONE;
        for s in iter {
            set.insert(s);
        }
        set
    }
}

impl Serialize for Symptoms {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Symptom::name))
    }
}

impl<'de> Deserialize<'de> for Symptoms {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(deserializer)?;
        Symptoms::parse_list(&names).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for s in Symptom::ALL {
            assert_eq!(Symptom::parse(s.name()).unwrap(), s);
        }
        let set: Symptoms = Symptom::ALL.into_iter().collect();
        assert_eq!(set.len(), 25);
    }

    #[test]
    fn parse_list_accepts_repeats_and_commas() {
        let set = Symptoms::parse_list(&["swelling,warmth", "pop"]).unwrap();
        assert_eq!(set.to_names(), "swelling,warmth,pop");
    }

    #[test]
    fn unknown_symptom_names_the_field_and_choices() {
        let err = Symptom::parse("sore").unwrap_err();
        assert_eq!(err.field, "symptom");
        assert!(err.allowed.contains("heel-raise-fail"));
        assert!(err.to_string().contains("\"sore\""));
    }

    #[test]
    fn toggle_and_remove() {
        let mut set = Symptoms::NONE;
        set.toggle(Symptom::Fever);
        assert!(set.contains(Symptom::Fever));
        set.toggle(Symptom::Fever);
        assert!(set.is_empty());
        set.insert(Symptom::Pop);
        set.remove(Symptom::Pop);
        assert!(set.is_empty());
    }
}
