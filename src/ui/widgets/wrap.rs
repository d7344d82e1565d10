//! Text measured and fitted to the columns it gets: how many rows it takes
//! once wrapped, so a panel can be sized to its text before it is drawn
//! instead of cutting it off, and a line cut with "…" when it does not fit.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Columns `c` takes on the terminal: 2 for a wide character ("日"), 0 for
/// a combining mark or a control character (ratatui draws none).
pub fn char_width(c: char) -> usize {
    if c.is_control() { 0 } else { c.width().unwrap_or(0) }
}

/// Columns `text` takes on the terminal, which is not its length in
/// `char`s once a wide character or a combining mark is in it.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// The longest start of `text` that fits in `columns` columns.
pub fn take_columns(text: &str, columns: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += char_width(c);
        if used > columns {
            return &text[..at];
        }
    }
    text
}

/// `text` then spaces up to `columns` columns (as `{:<N}` does for text
/// one column a character).
pub fn pad(text: &str, columns: usize) -> String {
    let mut padded = text.to_owned();
    padded.push_str(&" ".repeat(columns.saturating_sub(width(text))));
    padded
}

/// Rows `lines` take when word-wrapped into `width` columns, wrapping as
/// the paragraph does: whole words, a word longer than the line cut.
pub fn wrapped_rows(lines: &[Line], columns: u16) -> u16 {
    let columns = usize::from(columns.max(1));
    let mut rows = 0usize;
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let mut used = 0usize;
        rows += 1;
        for word in text.split_whitespace() {
            let len = width(word);
            let needed = if used == 0 { len } else { used + 1 + len };
            if needed <= columns {
                used = needed;
            } else {
                rows += len.div_ceil(columns).max(1) - usize::from(used == 0);
                used = match len % columns {
                    0 => columns,
                    rest => rest,
                };
            }
        }
    }
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// `line` cut to `columns` columns, ending at a word with "…" when
/// anything was cut (as [`cut_line`] does), so a one-line summary never
/// looks complete when it is not, and never ends in half a word.
pub fn fit(line: Line<'static>, columns: u16) -> Line<'static> {
    let columns = usize::from(columns);
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if width(&text) <= columns || columns == 0 {
        return line;
    }
    let cut = cut_line(&text, columns);
    let mut left = width(&cut).saturating_sub(1);
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in line.spans {
        if left == 0 {
            break;
        }
        let taken = take_columns(&span.content, left);
        left -= width(taken);
        if taken.len() < span.content.len() {
            left = 0;
        }
        spans.push(Span::styled(taken.to_owned(), span.style));
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(line.style)
}

/// `text` within `columns` columns: whole if it fits, else cut at the last
/// word that fits and ended with "…", so a cut never reads as the end of
/// the advice (`w` shows it whole).
pub fn cut_line(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_owned();
    }
    let head = take_columns(text, columns.saturating_sub(1));
    // Back to a word boundary when there is one not too far back.
    let at_word = match head.rfind(' ') {
        Some(i) if width(&head[..i]) * 2 >= columns => &head[..i],
        _ => head,
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis_only_when_needed() {
        let line = Line::from(vec![
            ratatui::text::Span::raw("abc "),
            ratatui::text::Span::raw("defgh"),
        ]);
        assert_eq!(fit(line.clone(), 20), line);
        let cut = fit(line, 6);
        let text: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "abc…", "at a word, never half of one");
        let cut = fit(Line::raw("every hour or two while awake"), 13);
        let text: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "every hour…");
    }

    #[test]
    fn wrapped_rows_counts_word_wrapped_lines() {
        let lines = [Line::raw("aaa bbb ccc"), Line::raw(""), Line::raw("abcdefghij")];
        assert_eq!(wrapped_rows(&lines[..1], 11), 1);
        assert_eq!(wrapped_rows(&lines[..1], 7), 2, "aaa bbb / ccc");
        assert_eq!(wrapped_rows(&lines[..1], 5), 3);
        assert_eq!(wrapped_rows(&lines[1..2], 5), 1, "an empty line is a row");
        assert_eq!(wrapped_rows(&lines[2..], 4), 3, "a long word is cut");
    }

    #[test]
    fn a_cut_advice_line_ends_at_a_word_with_an_ellipsis() {
        let advice = "See a clinician today, at urgent care or an emergency department if no appointment is free.";
        assert_eq!(cut_line(advice, 200), advice, "fits: whole, no marker");
        let cut = cut_line(advice, 40);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= 40, "{cut}");
        assert_eq!(cut, "See a clinician today, at urgent care…");
        // One long word: cut inside it, still marked.
        assert_eq!(cut_line("abcdefghij", 5), "abcd…");
    }

    /// Two-column characters: counted in `char`s, each of these would be
    /// measured half as wide as the terminal draws it.
    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("日本"), 4);
        assert_eq!(width("e\u{301}"), 1, "a combining accent takes no column");
        let line = [Line::raw("日本語 日本語")];
        assert_eq!(wrapped_rows(&line, 7), 2, "6 + 1 + 6 columns do not fit in 7");
        let cut = fit(Line::raw("日本語のテキスト"), 7);
        let text: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "日本語…");
        assert_eq!(
            cut_line("日本語 の テキスト", 12),
            "日本語 の…",
            "11 chars but 18 columns"
        );
        assert_eq!(pad("日本", 6), "日本  ");
        assert_eq!(take_columns("日本", 3), "日");
    }
}
