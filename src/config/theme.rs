//! The theme as the config file names it, without the terminal library:
//! the meanings the app's text has ([`Meaning`], `alert_urgent` in the
//! `[theme]` table), the colours a meaning can be given ([`Color`], as the
//! file spells them), and the colour each meaning has unless the file
//! chooses another. How a meaning is drawn (bold, reverse, dim, and the
//! colour in the terminal's terms) is the terminal app's business:
//! `ui::widgets::theme`.

use std::str::FromStr;

use serde::{Serialize, Serializer};

/// What a piece of text means to the user. The config file's `[theme]`
/// table names these in snake_case (`alert_urgent = "light-red"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    /// Plain text.
    Normal,
    /// Headings and the app name.
    Title,
    /// The active tab.
    TabActive,
    /// Hints, units, "not answered".
    Muted,
    /// The row or field that keys act on.
    Selected,
    /// A key name in the footer and the help.
    Key,
    AlertEmergency,
    AlertUrgent,
    AlertSoon,
    AlertWatch,
    /// The quiet "no warning signs" line and other guidance.
    Guidance,
    /// Something went wrong or a field was refused.
    Error,
    /// A save or another write went through.
    Success,
    /// Unsaved changes.
    Pending,
    LightGreen,
    LightAmber,
    LightRed,
    LightUnknown,
    /// The series a chart is about: the chosen leg, drawn solid.
    SeriesPrimary,
    /// The series to compare with: the other leg, drawn dotted.
    SeriesOther,
    /// Running load bars.
    SeriesLoad,
    /// Cross-training bars.
    SeriesCross,
    /// Reference lines: phase starts, the 90% symmetry line.
    Reference,
    /// Popup and panel borders.
    Border,
}

impl Meaning {
    /// Every meaning, in the order the config file lists them.
    pub const ALL: [Meaning; 24] = [
        Meaning::Normal,
        Meaning::Title,
        Meaning::TabActive,
        Meaning::Muted,
        Meaning::Selected,
        Meaning::Key,
        Meaning::AlertEmergency,
        Meaning::AlertUrgent,
        Meaning::AlertSoon,
        Meaning::AlertWatch,
        Meaning::Guidance,
        Meaning::Error,
        Meaning::Success,
        Meaning::Pending,
        Meaning::LightGreen,
        Meaning::LightAmber,
        Meaning::LightRed,
        Meaning::LightUnknown,
        Meaning::SeriesPrimary,
        Meaning::SeriesOther,
        Meaning::SeriesLoad,
        Meaning::SeriesCross,
        Meaning::Reference,
        Meaning::Border,
    ];

    /// The meaning's place in [`Meaning::ALL`].
    pub fn index(self) -> usize {
        Meaning::ALL.iter().position(|m| *m == self).unwrap_or(0)
    }

    /// The colour the meaning has unless the config file chooses another
    /// (`None`: the terminal's own).
    pub fn builtin_colour(self) -> Option<Color> {
        match self {
            Meaning::Title | Meaning::Key | Meaning::SeriesPrimary => Some(Color::Cyan),
            Meaning::Muted | Meaning::SeriesOther | Meaning::Reference => Some(Color::DarkGray),
            Meaning::AlertEmergency | Meaning::AlertUrgent | Meaning::Error | Meaning::LightRed => Some(Color::Red),
            Meaning::AlertSoon | Meaning::Pending | Meaning::LightAmber => Some(Color::Yellow),
            Meaning::AlertWatch => Some(Color::Blue),
            Meaning::Success | Meaning::LightGreen | Meaning::SeriesLoad => Some(Color::Green),
            Meaning::SeriesCross => Some(Color::Magenta),
            Meaning::Normal
            | Meaning::TabActive
            | Meaning::Selected
            | Meaning::Guidance
            | Meaning::LightUnknown
            | Meaning::Border => None,
        }
    }
}

/// The colour a meaning has unless the config file chooses another
/// (`None`: the terminal's own).
pub fn builtin_colour(meaning: Meaning) -> Option<Color> {
    meaning.builtin_colour()
}

/// A meaning's key in `[theme]`: `alert_urgent`.
pub fn meaning_key(meaning: Meaning) -> String {
    toml::Value::try_from(meaning)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A terminal colour: the terminal's own (`Reset`, "default" in the file),
/// one of the sixteen named colours, an index 0-255 or an RGB value. The
/// colours a terminal draws, named here so the config file needs no
/// terminal library; the app turns them into the terminal's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    Rgb(u8, u8, u8),
    Indexed(u8),
}

/// The named colours, as the file spells them.
const NAMED: [(Color, &str); 16] = [
    (Color::Black, "black"),
    (Color::Red, "red"),
    (Color::Green, "green"),
    (Color::Yellow, "yellow"),
    (Color::Blue, "blue"),
    (Color::Magenta, "magenta"),
    (Color::Cyan, "cyan"),
    (Color::Gray, "gray"),
    (Color::DarkGray, "dark-gray"),
    (Color::LightRed, "light-red"),
    (Color::LightGreen, "light-green"),
    (Color::LightYellow, "light-yellow"),
    (Color::LightBlue, "light-blue"),
    (Color::LightMagenta, "light-magenta"),
    (Color::LightCyan, "light-cyan"),
    (Color::White, "white"),
];

impl FromStr for Color {
    type Err = ();

    /// A colour as people write it: "light-red", "Light Red", "bright_red",
    /// "grey", "reset", an index "244" or "#rrggbb" (the names terminal
    /// libraries accept, spelt in any of their ways).
    fn from_str(text: &str) -> Result<Color, ()> {
        let squashed = text
            .to_lowercase()
            .replace([' ', '-', '_'], "")
            .replace("bright", "light")
            .replace("grey", "gray")
            .replace("silver", "gray")
            .replace("lightblack", "darkgray")
            .replace("lightwhite", "white")
            .replace("lightgray", "white");
        if squashed == "reset" {
            return Ok(Color::Reset);
        }
        if let Some((colour, _)) = NAMED.iter().find(|(_, name)| name.replace('-', "") == squashed) {
            return Ok(*colour);
        }
        if let Ok(index) = text.parse::<u8>() {
            return Ok(Color::Indexed(index));
        }
        hex(text).map(|(r, g, b)| Color::Rgb(r, g, b)).ok_or(())
    }
}

/// "#rrggbb".
fn hex(text: &str) -> Option<(u8, u8, u8)> {
    if !text.starts_with('#') || text.len() != 7 {
        return None;
    }
    let byte = |at: std::ops::Range<usize>| u8::from_str_radix(text.get(at)?, 16).ok();
    Some((byte(1..3)?, byte(3..5)?, byte(5..7)?))
}

/// A colour from the `[theme]` table, kept with the name it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colour(pub Color);

/// What a colour may be, for error messages and the commented file.
pub const COLOUR_ALLOWED: &str =
    "a colour: \"default\", a name (red, light-blue, dark-gray...), an index 0-255 or \"#rrggbb\"";

impl Colour {
    /// "light-red", "#ff8800", "default": the spelling the file uses.
    pub fn name(&self) -> String {
        match self.0 {
            Color::Reset => "default".to_owned(),
            Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
            Color::Indexed(i) => i.to_string(),
            named => NAMED
                .iter()
                .find(|(colour, _)| *colour == named)
                .map_or_else(String::new, |(_, name)| (*name).to_owned()),
        }
    }
}

impl FromStr for Colour {
    type Err = ();
    fn from_str(text: &str) -> Result<Colour, ()> {
        match text.trim().to_ascii_lowercase().as_str() {
            "default" | "none" => Ok(Colour(Color::Reset)),
            other => Color::from_str(other).map(Colour),
        }
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_as_terminal_libraries_spell_them_and_print_as_the_file_does() {
        for (text, colour) in [
            ("light-red", Color::LightRed),
            ("Light Red", Color::LightRed),
            ("bright_blue", Color::LightBlue),
            ("grey", Color::Gray),
            ("dark-grey", Color::DarkGray),
            ("light-gray", Color::White),
            ("reset", Color::Reset),
            ("244", Color::Indexed(244)),
            ("#11aAff", Color::Rgb(0x11, 0xaa, 0xff)),
        ] {
            assert_eq!(text.parse::<Color>(), Ok(colour), "{text}");
        }
        for bad in ["sky", "256", "#12345", "#1234567", "-1"] {
            assert_eq!(bad.parse::<Color>(), Err(()), "{bad}");
        }
        assert_eq!(Colour(Color::DarkGray).name(), "dark-gray");
        assert_eq!(Colour(Color::Rgb(1, 2, 255)).name(), "#0102ff");
        assert_eq!(" None ".parse::<Colour>().map(|c| c.name()), Ok("default".to_owned()));
    }
}
