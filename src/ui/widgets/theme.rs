//! A theme of meanings, not colours (after atuin): views ask for
//! `Meaning::AlertUrgent`, and this one file decides what that looks like
//! in the terminal. The meanings, their built-in colours and the colours a
//! config file may give them live in [`crate::config::theme`], which needs
//! no terminal library; this file adds the modifiers and turns colours into
//! ratatui's. Every meaning also carries a modifier (bold, reverse, dim...)
//! and every state is drawn with a symbol or word as well, so the app reads
//! the same under `NO_COLOR`, where only the modifiers survive.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Block;

use crate::config::Config;
use crate::config::theme::Color as ConfigColor;

pub use crate::config::theme::Meaning;

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

    /// The theme for the terminal app: the built-in one, the config file's
    /// colours on top, and no colour at all under `NO_COLOR`.
    pub fn from_config(config: &Config) -> Theme {
        let chosen: Vec<(Meaning, Color)> = config.theme.iter().map(|(m, c)| (*m, terminal(c.0))).collect();
        Theme::from_env().with_colours(chosen.iter().map(|(m, c)| (m, c)))
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
        let modifier = match meaning {
            Meaning::Normal
            | Meaning::AlertWatch
            | Meaning::LightUnknown
            | Meaning::SeriesLoad
            | Meaning::SeriesCross
            | Meaning::Border => Modifier::empty(),
            Meaning::Title
            | Meaning::Key
            | Meaning::AlertUrgent
            | Meaning::AlertSoon
            | Meaning::Error
            | Meaning::Success
            | Meaning::Pending
            | Meaning::LightGreen
            | Meaning::LightAmber
            | Meaning::LightRed
            | Meaning::SeriesPrimary => Modifier::BOLD,
            Meaning::TabActive | Meaning::AlertEmergency => Modifier::BOLD | Modifier::REVERSED,
            Meaning::Muted | Meaning::SeriesOther | Meaning::Reference => Modifier::DIM,
            Meaning::Selected => Modifier::REVERSED,
            Meaning::Guidance => Modifier::ITALIC,
        };
        let style = Style::default().add_modifier(modifier);
        match self.chosen[meaning.index()].or(meaning.builtin_colour().map(terminal)) {
            Some(colour) if self.colour => style.fg(colour),
            _ => style,
        }
    }
}

/// A colour as ratatui draws it.
pub fn terminal(colour: ConfigColor) -> Color {
    match colour {
        ConfigColor::Reset => Color::Reset,
        ConfigColor::Black => Color::Black,
        ConfigColor::Red => Color::Red,
        ConfigColor::Green => Color::Green,
        ConfigColor::Yellow => Color::Yellow,
        ConfigColor::Blue => Color::Blue,
        ConfigColor::Magenta => Color::Magenta,
        ConfigColor::Cyan => Color::Cyan,
        ConfigColor::Gray => Color::Gray,
        ConfigColor::DarkGray => Color::DarkGray,
        ConfigColor::LightRed => Color::LightRed,
        ConfigColor::LightGreen => Color::LightGreen,
        ConfigColor::LightYellow => Color::LightYellow,
        ConfigColor::LightBlue => Color::LightBlue,
        ConfigColor::LightMagenta => Color::LightMagenta,
        ConfigColor::LightCyan => Color::LightCyan,
        ConfigColor::White => Color::White,
        ConfigColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
        ConfigColor::Indexed(i) => Color::Indexed(i),
    }
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
