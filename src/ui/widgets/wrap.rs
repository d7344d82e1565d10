//! Text measured and fitted to the columns it gets: how many rows it takes
//! once wrapped, so a panel can be sized to its text before it is drawn
//! instead of cutting it off, and a line cut with "…" when it does not fit.

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

/// `text` within `width` columns: whole if it fits, else cut at the last
/// word that fits and ended with "…", so a cut never reads as the end of
/// the advice (`w` shows it whole).
pub fn cut_line(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let head: String = text.chars().take(width.saturating_sub(1)).collect();
    // Back to a word boundary when there is one not too far back.
    let at_word = match head.rfind(' ') {
        Some(i) if head[..i].chars().count() * 2 >= width => &head[..i],
        _ => head.as_str(),
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
}
