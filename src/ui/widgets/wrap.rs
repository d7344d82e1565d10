//! How many rows text takes once wrapped, so a panel can be sized to its
//! text before it is drawn instead of cutting it off.

use ratatui::text::Line;

/// Rows `lines` take when word-wrapped into `width` columns, wrapping as
/// the paragraph does: whole words, a word longer than the line cut.
pub fn wrapped_rows(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut rows = 0usize;
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let mut used = 0usize;
        rows += 1;
        for word in text.split_whitespace() {
            let len = word.chars().count();
            let needed = if used == 0 { len } else { used + 1 + len };
            if needed <= width {
                used = needed;
            } else {
                rows += len.div_ceil(width).max(1) - usize::from(used == 0);
                used = match len % width {
                    0 => width,
                    rest => rest,
                };
            }
        }
    }
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// `line` cut to `width` columns, ending in "…" when anything was cut, so
/// a one-line summary never looks complete when it is not.
pub fn fit(line: Line<'static>, width: u16) -> Line<'static> {
    let width = usize::from(width);
    let total: usize = line.spans.iter().map(|s| s.content.chars().count()).sum();
    if total <= width || width == 0 {
        return line;
    }
    let mut left = width - 1;
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in line.spans {
        if left == 0 {
            break;
        }
        let taken: String = span.content.chars().take(left).collect();
        left -= taken.chars().count();
        spans.push(ratatui::text::Span::styled(taken, span.style));
    }
    spans.push(ratatui::text::Span::raw("…"));
    Line::from(spans).style(line.style)
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
        assert_eq!(text, "abc d…");
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
}
