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

/// `text` with every character a terminal would act on written out as an
/// escape (`\x1b`, `\u{202e}`), so a file name shows what it is without
/// doing anything: for paths and other names the user did not type as text.
/// Line breaks and tabs are escaped too: a name is one line.
pub fn escaped(text: &str) -> Cow<'_, str> {
    escape_if(text, |c| is_hostile(c) || c == '\n' || c == '\t')
}

/// A message for the terminal (stderr): [`escaped`], but its own line
/// breaks and tabs kept. Whatever a message quotes (a path, a value from a
/// file) cannot act on the terminal.
pub fn escaped_message(text: &str) -> Cow<'_, str> {
    escape_if(text, is_hostile)
}

fn escape_if(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !escape(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// A path for a message: lossy UTF-8, controls escaped (see [`escaped`]).
pub fn path(path: &std::path::Path) -> String {
    escaped(&path.to_string_lossy()).into_owned()
}

/// A number for a message, briefly: as typed when it is of a sane size
/// (up to 12 significant places), else in scientific notation
/// (`1e308`, not 309 digits); `NaN` and infinities by name.
pub fn brief_number(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN".to_owned()
        } else if value > 0.0 {
            "infinity".to_owned()
        } else {
            "-infinity".to_owned()
        };
    }
    let magnitude = value.abs();
    if magnitude == 0.0 || (1e-6..1e12).contains(&magnitude) {
        let text = format!("{value:.6}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        if text == "-0" { "0".to_owned() } else { text.to_owned() }
    } else {
        format!("{value:e}")
    }
}

/// A date for a message: `YYYY-MM-DD` for years 1 to 9999, else the year
/// alone, marked (`year +262142`), never a padded 6-digit date.
pub fn brief_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = date.year();
    if (1..=9999).contains(&year) {
        date.format("%Y-%m-%d").to_string()
    } else {
        format!("a date in the year {year:+}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_shows_controls_and_keeps_the_rest() {
        assert_eq!(escaped("plain.db"), "plain.db");
        assert_eq!(escaped("a\u{1b}]0;x\u{7}b"), "a\\x1b]0;x\\x07b");
        assert_eq!(escaped("\u{202e}txt"), "\\u{202e}txt");
        assert_eq!(escaped("é\n"), "é\\x0a");
        assert_eq!(escaped("\u{9b}31m"), "\\x9b31m");
        assert_eq!(escaped_message("a\n\u{1b}[2Jb"), "a\n\\x1b[2Jb");
    }

    #[test]
    fn numbers_and_dates_print_briefly() {
        assert_eq!(brief_number(1e308), "1e308");
        assert_eq!(brief_number(12.5), "12.5");
        assert_eq!(brief_number(0.0), "0");
        assert_eq!(brief_number(-3.0), "-3");
        assert_eq!(brief_number(f64::NAN), "NaN");
        assert_eq!(brief_number(f64::INFINITY), "infinity");
        assert!(brief_number(-1e300).len() < 12);
        assert_eq!(
            brief_date(chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()),
            "2026-03-04"
        );
        assert_eq!(brief_date(chrono::NaiveDate::MAX), "a date in the year +262142");
        assert_eq!(brief_date(chrono::NaiveDate::MIN), "a date in the year -262143");
    }

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
