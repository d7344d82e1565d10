//! The bottom line of the screen: the keys that work right now, from the
//! key table.

use ratatui::text::{Line, Span};

use crate::ui::keys::{self, Focus};
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap;

/// The footer's hint for the warning list, first whenever a warning is open.
pub const WARNINGS: &str = "w warnings";
/// The last hint when the footer could not hold every key: `?` lists them all.
pub const MORE: &str = "? more";

/// The bottom line: the keys that work right now, as many as fit. `q quit`
/// and `? help` keep their places at the end at any width (when they work
/// here), since one leaves and the other leads to everything else.
pub fn render(width: u16, focus: Focus, theme: Theme) -> Line<'static> {
    render_with(width, focus, false, theme)
}

/// [`render`], knowing whether a warning is open: then `w warnings` comes
/// first on every tab (the warning list is where its outcome is recorded).
pub fn render_with(width: u16, focus: Focus, warning_open: bool, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for hint in hints(width, focus, warning_open) {
        let (key, does) = hint.split_once(' ').unwrap_or((hint, ""));
        spans.push(Span::styled(key.to_owned(), theme.style(Meaning::Key)));
        spans.push(Span::raw(format!(" {does}  ")));
    }
    Line::from(spans)
}

/// The hints the footer shows at `width` columns, in order: `w warnings`
/// first while a warning is open, then the keys of the context in the key
/// table's order (most used first) as many as fit, then `q quit` and
/// `? help`, which becomes `? more` when a hint had to be left out.
pub fn hints(width: u16, focus: Focus, warning_open: bool) -> Vec<&'static str> {
    let mut all = keys::footer(focus);
    let first = warning_open && all.contains(&WARNINGS);
    all.retain(|h| *h != WARNINGS);
    let pinned: Vec<&str> = keys::PINNED.into_iter().filter(|p| all.contains(p)).collect();
    let cost = |hint: &str| wrap::width(hint) + 2;
    let mut budget = (width as usize).saturating_sub(pinned.iter().map(|p| cost(p)).sum());
    let mut shown: Vec<&'static str> = Vec::new();
    if first {
        budget = budget.saturating_sub(cost(WARNINGS));
        shown.push(WARNINGS);
    }
    let rest: Vec<&'static str> = all.iter().copied().filter(|h| !pinned.contains(h)).collect();
    let mut cut = false;
    for hint in &rest {
        if cost(hint) > budget {
            cut = true;
            break;
        }
        budget -= cost(hint);
        shown.push(hint);
    }
    for p in pinned {
        shown.push(if cut && p == "? help" { MORE } else { p });
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keys::{Context, When};

    #[test]
    fn an_open_warning_puts_w_first_on_every_tab() {
        for context in [Context::CheckIn, Context::Checklist, Context::Trends, Context::History] {
            // In a text field `w` types: the footer never promises it there.
            for &field in context.fields().iter().filter(|f| **f != When::Text) {
                let focus = Focus::new(context, field);
                for width in [40, 80, 200] {
                    let shown = hints(width, focus, true);
                    assert_eq!(shown.first(), Some(&WARNINGS), "{context:?} {field:?} at {width}");
                    assert_ne!(hints(width, focus, false).first(), Some(&WARNINGS));
                }
            }
        }
    }

    #[test]
    fn a_footer_that_cannot_hold_every_key_ends_with_more() {
        let focus = Focus::new(Context::Checklist, When::Score);
        let narrow = hints(80, focus, false);
        assert_eq!(narrow.last(), Some(&MORE), "{narrow:?}");
        let used: usize = narrow.iter().map(|h| wrap::width(h) + 2).sum();
        assert!(used <= 80, "{used}: {narrow:?}");
        assert_eq!(narrow.first(), Some(&"↑↓ move"), "the most used keys stay: {narrow:?}");
        assert!(
            narrow.contains(&"A all done") && narrow.contains(&"Space done"),
            "{narrow:?}"
        );
        let wide = hints(300, focus, false);
        assert_eq!(wide.last(), Some(&"? help"), "everything fits: {wide:?}");
    }
}
