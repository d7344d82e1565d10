//! The bottom line of the screen: the keys that work right now, from the
//! key table.

use ratatui::text::{Line, Span};

use crate::ui::keys::{self, Focus};
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap;

/// The bottom line: the keys that work right now, as many as fit. `q quit`
/// and `? help` keep their places at the end at any width (when they work
/// here), since one leaves and the other leads to everything else.
pub fn render(width: u16, focus: Focus, theme: Theme) -> Line<'static> {
    let hints = keys::footer(focus);
    let pinned: Vec<&str> = keys::PINNED.into_iter().filter(|p| hints.contains(p)).collect();
    let cost = |hint: &str| wrap::width(hint) + 2;
    let mut budget = (width as usize).saturating_sub(pinned.iter().map(|p| cost(p)).sum());
    let mut shown: Vec<&str> = Vec::new();
    for hint in hints.iter().filter(|h| !pinned.contains(h)) {
        if cost(hint) > budget {
            break;
        }
        budget -= cost(hint);
        shown.push(hint);
    }
    shown.extend(pinned);
    let mut spans = Vec::with_capacity(shown.len() * 2);
    for hint in shown {
        let (key, does) = hint.split_once(' ').unwrap_or((hint, ""));
        spans.push(Span::styled(key.to_owned(), theme.style(Meaning::Key)));
        spans.push(Span::raw(format!(" {does}  ")));
    }
    Line::from(spans)
}
