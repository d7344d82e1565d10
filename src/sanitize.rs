//! Making the user's own text safe for where it goes: a spreadsheet (no
//! formulas), a terminal (no control sequences) or Markdown (no links or
//! images). Pure functions; the journal always keeps the text as typed.

use std::borrow::Cow;

/// First characters that make a spreadsheet read a cell as a formula
/// (OWASP's CSV injection list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell would be read as a formula, or is one already
/// neutralised (so that neutralising is undone exactly on import).
fn needs_quote(cell: &str) -> bool {
    match cell.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) => true,
        Some('\'') => needs_quote(&cell[1..]),
        _ => false,
    }
}

/// A CSV cell a spreadsheet shows as text: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`.
pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralise_formula`], for `import` of a CSV soleus wrote.
pub fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// Whether `c` may change what a terminal does rather than show a
/// character: C0 and C1 controls (ESC, BEL, CSI…) and the bidirectional
/// overrides that reorder text on screen. Newline and tab are kept.
fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` without control characters, for a terminal or a Markdown file.
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_hostile) {
        Cow::Owned(text.chars().filter(|c| !is_hostile(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The user's text as literal Markdown on one line: no control characters,
/// and every character that could start a link, an image, an autolink, raw
/// HTML, emphasis, code or a table cell is escaped.
pub fn markdown_text(text: &str) -> String {
    let clean = strip_controls(text);
    let mut out = String::with_capacity(clean.len());
    for (i, word) in clean.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            if "\\`*_[]<>|~&".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_restored_exactly() {
        for cell in [
            "=1+2", "+1", "-3", "@SUM(A1)", "\tx", "'=x", "''-y", "plain", "'plain", "", "'",
        ] {
            let out = neutralise_formula(cell);
            assert!(
                !matches!(out.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "{out:?}"
            );
            assert_eq!(restore_formula(&out), cell);
        }
        assert_eq!(neutralise_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_formula("tight"), "tight");
    }

    #[test]
    fn control_characters_are_stripped() {
        assert_eq!(strip_controls("a\x1b]0;pwned\x07b\u{9b}2Jc"), "a]0;pwnedb2Jc");
        assert_eq!(strip_controls("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(strip_controls("x\u{202e}y"), "xy");
    }

    #[test]
    fn markdown_links_and_images_are_inert() {
        let md = markdown_text("![img](http://evil/x.png) [go](javascript:alert(1)) <http://x> *b*");
        assert_eq!(
            md,
            "!\\[img\\](http://evil/x.png) \\[go\\](javascript:alert(1)) \\<http://x\\> \\*b\\*"
        );
        assert_eq!(markdown_text("a\nb  c\x1b[31m 5.2 km"), "a b c\\[31m 5.2 km");
    }
}
