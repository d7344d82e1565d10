//! A theme of meanings, not colours (after atuin): views ask for
//! `Meaning::AlertUrgent`, and this one file decides what that looks like.
//! Every meaning also carries a modifier (bold, reverse, dim...) and every
//! state is drawn with a symbol or word as well, so the app reads the same
//! under `NO_COLOR`, where only the modifiers survive.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Block;

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

    fn index(self) -> usize {
        Meaning::ALL.iter().position(|m| *m == self).unwrap_or(0)
    }
}

/// Resolves meanings to styles. Built once by the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    colour: bool,
    /// Colours the config file chose instead of the built-in ones.
    chosen: [Option<Color>; Meaning::ALL.len()],
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            colour: true,
            chosen: [None; Meaning::ALL.len()],
        }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            colour: !no_color,
            ..Theme::default()
        }
    }

    /// The monochrome theme: modifiers only.
    pub fn plain() -> Theme {
        Theme {
            colour: false,
            ..Theme::default()
        }
    }

    /// This theme with the config file's colours for some meanings. Without
    /// colour (`NO_COLOR`) they are kept but never drawn: NO_COLOR wins.
    pub fn with_colours<'a>(mut self, colours: impl IntoIterator<Item = (&'a Meaning, &'a Color)>) -> Theme {
        for (meaning, colour) in colours {
            self.chosen[meaning.index()] = Some(*colour);
        }
        self
    }

    /// A bordered panel with a title: how every box in the app starts.
    pub fn panel<'a>(self, title: impl Into<std::borrow::Cow<'a, str>>) -> Block<'a> {
        Block::bordered()
            .border_style(self.style(Meaning::Border))
            .title(Span::styled(title, self.style(Meaning::Title)))
    }

    pub fn style(self, meaning: Meaning) -> Style {
        let (modifier, colour) = match meaning {
            Meaning::Normal => (Modifier::empty(), None),
            Meaning::Title => (Modifier::BOLD, Some(Color::Cyan)),
            Meaning::TabActive => (Modifier::BOLD | Modifier::REVERSED, None),
            Meaning::Muted => (Modifier::DIM, Some(Color::DarkGray)),
            Meaning::Selected => (Modifier::REVERSED, None),
            Meaning::Key => (Modifier::BOLD, Some(Color::Cyan)),
            Meaning::AlertEmergency => (Modifier::BOLD | Modifier::REVERSED, Some(Color::Red)),
            Meaning::AlertUrgent => (Modifier::BOLD, Some(Color::Red)),
            Meaning::AlertSoon => (Modifier::BOLD, Some(Color::Yellow)),
            Meaning::AlertWatch => (Modifier::empty(), Some(Color::Blue)),
            Meaning::Guidance => (Modifier::ITALIC, None),
            Meaning::Error => (Modifier::BOLD, Some(Color::Red)),
            Meaning::Success => (Modifier::BOLD, Some(Color::Green)),
            Meaning::Pending => (Modifier::BOLD, Some(Color::Yellow)),
            Meaning::LightGreen => (Modifier::BOLD, Some(Color::Green)),
            Meaning::LightAmber => (Modifier::BOLD, Some(Color::Yellow)),
            Meaning::LightRed => (Modifier::BOLD, Some(Color::Red)),
            Meaning::LightUnknown => (Modifier::empty(), None),
            Meaning::SeriesPrimary => (Modifier::BOLD, Some(Color::Cyan)),
            Meaning::SeriesOther => (Modifier::DIM, Some(Color::DarkGray)),
            Meaning::SeriesLoad => (Modifier::empty(), Some(Color::Green)),
            Meaning::SeriesCross => (Modifier::empty(), Some(Color::Magenta)),
            Meaning::Reference => (Modifier::DIM, Some(Color::DarkGray)),
            Meaning::Border => (Modifier::empty(), None),
        };
        let style = Style::default().add_modifier(modifier);
        match self.chosen[meaning.index()].or(colour) {
            Some(colour) if self.colour => style.fg(colour),
            _ => style,
        }
    }
}

/// The colour a meaning has unless the config file chooses another
/// (`None`: the terminal's own).
pub fn builtin_colour(meaning: Meaning) -> Option<Color> {
    Theme::default().style(meaning).fg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_theme_has_no_colour_but_keeps_modifiers() {
        let plain = Theme::plain();
        let style = plain.style(Meaning::AlertEmergency);
        assert_eq!(style.fg, None);
        assert!(style.add_modifier.contains(Modifier::REVERSED));
        assert!(plain.style(Meaning::Selected).add_modifier.contains(Modifier::REVERSED));
        assert_eq!(Theme::default().style(Meaning::AlertUrgent).fg, Some(Color::Red));
    }

    #[test]
    fn chosen_colours_apply_but_no_color_wins() {
        let chosen = [
            (Meaning::AlertUrgent, Color::LightMagenta),
            (Meaning::Border, Color::Blue),
        ];
        let themed = Theme::default().with_colours(chosen.iter().map(|(m, c)| (m, c)));
        assert_eq!(themed.style(Meaning::AlertUrgent).fg, Some(Color::LightMagenta));
        assert_eq!(themed.style(Meaning::Border).fg, Some(Color::Blue));
        assert_eq!(themed.style(Meaning::AlertSoon).fg, Some(Color::Yellow));
        let plain = Theme::plain().with_colours(chosen.iter().map(|(m, c)| (m, c)));
        assert_eq!(plain.style(Meaning::AlertUrgent).fg, None);
        assert!(plain.style(Meaning::AlertUrgent).add_modifier.contains(Modifier::BOLD));
    }
}
