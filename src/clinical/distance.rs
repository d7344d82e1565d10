//! Distances in what the engine says. The engine reads and writes the
//! journal's unit, kilometres, and writes every distance as "N km"
//! ([`km_text`]); the shells show its words in the config's unit with
//! [`in_units`] (and [`Assessment::in_units`], [`Flag::in_units`]), so the
//! core stays a pure function of the journal and the rule ids, JSON field
//! names and numbers stay in km (see docs/clinical-rules.md, units).

use std::borrow::Cow;

use crate::units::Units;

use super::assessment::{Assessment, Flag, Guidance};

/// A distance with at most two decimals and no trailing zeros ("10", "5.25").
pub fn format_km(km: f64) -> String {
    let text = format!("{km:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// "5.25 km": a distance as the engine writes it.
pub fn km_text(km: f64) -> String {
    format!("{} km", format_km(km))
}

/// `text` with every "N km" (a number, a space, "km" and no letter after)
/// in `units`, with at most two decimals: "9.46 km run" becomes "5.88 mi
/// run" in miles. Unchanged in kilometres.
pub fn in_units(text: &str, units: Units) -> Cow<'_, str> {
    if units == Units::Km || !text.contains(" km") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" km") {
        let after = &rest[at + 3..];
        let word_ends = !after.chars().next().is_some_and(char::is_alphanumeric);
        let before = &rest[..at];
        let start = number_start(before);
        match (word_ends, before[start..].parse::<f64>()) {
            (true, Ok(km)) if start < before.len() && km.is_finite() => {
                out.push_str(&before[..start]);
                out.push_str(&format!("{} {}", format_km(units.from_km(km)), units.name()));
            }
            _ => {
                out.push_str(before);
                out.push_str(" km");
            }
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where the number that ends `text` starts (digits and one point; `text.len()`
/// when it ends in none).
fn number_start(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut start = bytes.len();
    while start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b'.') {
        start -= 1;
    }
    // "on 2026-06-15." or a lone point is no distance.
    while start < bytes.len() && bytes[start] == b'.' {
        start += 1;
    }
    start
}

fn all_in_units(lines: &[String], units: Units) -> Vec<String> {
    lines.iter().map(|l| in_units(l, units).into_owned()).collect()
}

impl Flag {
    /// The flag with its words' distances in `units`.
    pub fn in_units(&self, units: Units) -> Flag {
        Flag {
            title: in_units(&self.title, units).into_owned(),
            advice: in_units(&self.advice, units).into_owned(),
            because: all_in_units(&self.because, units),
            ..self.clone()
        }
    }
}

impl Guidance {
    /// The light with its reasons' distances in `units`.
    pub fn in_units(&self, units: Units) -> Guidance {
        Guidance {
            light: self.light,
            because: all_in_units(&self.because, units),
        }
    }
}

impl Assessment {
    /// Every text of the assessment (flags, the light's reasons, what
    /// pauses exercises) with its distances in `units`; the numbers and ids
    /// stay as they are.
    pub fn in_units(&self, units: Units) -> Assessment {
        if units == Units::Km {
            return self.clone();
        }
        Assessment {
            date: self.date,
            flags: self.flags.iter().map(|f| f.in_units(units)).collect(),
            guidance: self.guidance.in_units(units),
            pausing: self.pausing.iter().map(|f| f.in_units(units)).collect(),
        }
    }
}

/// The line that gives today's run cap ([`super::run_cap_km`]) in `units`:
/// "longest run today without a spike: 6.84 mi".
pub fn run_cap_line(cap_km: f64, units: Units) -> String {
    in_units(
        &format!("longest run today without a spike: {}", km_text(cap_km)),
        units,
    )
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_shown_in_miles_and_nothing_else_changes() {
        let text = "9.46 km run on 2026-06-20 with the left calf, 52.6% more than the longest run of the 30 days \
                    before (6.2 km on 2026-06-01); 43% of your usual 40.23 km a week";
        assert_eq!(in_units(text, Units::Km), text);
        assert_eq!(
            in_units(text, Units::Mi),
            "5.88 mi run on 2026-06-20 with the left calf, 52.6% more than the longest run of the 30 days \
             before (3.85 mi on 2026-06-01); 43% of your usual 25 mi a week"
        );
        assert_eq!(in_units("the cap of 10 km.", Units::Mi), "the cap of 6.21 mi.");
        assert_eq!(in_units("5 km", Units::Mi), "3.11 mi");
    }

    #[test]
    fn only_a_number_before_km_is_a_distance() {
        for text in ["the longest run in km of", "a kmh", "5 kms", "at . km", "no km", " km"] {
            assert_eq!(in_units(text, Units::Mi), text);
        }
        assert_eq!(in_units("(12 km)", Units::Mi), "(7.46 mi)");
    }

    #[test]
    fn the_run_cap_line_is_in_the_unit() {
        assert_eq!(
            run_cap_line(5.5, Units::Km),
            "longest run today without a spike: 5.5 km"
        );
        assert_eq!(
            run_cap_line(11.0, Units::Mi),
            "longest run today without a spike: 6.84 mi"
        );
    }
}
