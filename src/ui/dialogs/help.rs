//! The `?` overlay: every binding of the key table, the current screen's
//! first. It is generated from the table, so it can never disagree with
//! what the keys do. It pages (PgUp/PgDn/Home/End) and finds: `/` opens a
//! one-line field at the bottom, every line that holds the words typed is
//! highlighted, the view jumps to the first, and `n` / `N` go from match to
//! match (docs/daily-use.md, help).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::ui::app::{App, View};
use crate::ui::dialogs::{Modal, Reply};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::wrap::{take_columns, width};

/// The help with a search: what was typed, whether the field still takes
/// the keys, and the match in view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Find {
    /// How far the text is scrolled, when no match holds the view.
    pub scroll: u16,
    pub query: String,
    /// The find field takes the keys (after `/`, until Enter or Esc).
    pub typing: bool,
    /// Which match is current, in the order of the lines.
    pub current: usize,
    /// The view starts at the current match (after a jump); a scroll key
    /// lets go of it.
    pub anchored: bool,
}

/// The lines of the help, the `current` context's keys first.
fn lines(current: Context, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (context, bindings) in keys::help_sections(current) {
        lines.push(Line::styled(context.title(), theme.style(Meaning::Title)));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18} ", b.label), theme.style(Meaning::Key)),
                Span::raw(b.does),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let alt = |tab: u8| {
        keys::names(Context::Global, Command::GoTab(tab))
            .get(1)
            .copied()
            .unwrap_or_default()
    };
    lines.push(Line::styled(
        format!(
            "Digits are data keys only (a score, an exercise's pain, reps): tabs switch with {}, {} or {}–{}. \
             Scores: a digit sets 0–9; type 1 then 0 for 10. Blank means not answered, never 0.",
            keys::key(Context::Global, Command::NextTab),
            keys::footer_key(Context::Global, Command::GoTab(0)),
            alt(0),
            alt(3)
        ),
        theme.style(Meaning::Muted),
    ));
    lines.push(Line::styled(
        "The guided session rings the terminal bell at every change between hold, rest and set \
         (bell = false in the config turns it off).",
        theme.style(Meaning::Muted),
    ));
    lines
}

/// Whether a line holds the query, ignoring ASCII case.
fn holds(line: &Line, query: &str) -> bool {
    let query = query.to_ascii_lowercase();
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    !query.is_empty() && text.to_ascii_lowercase().contains(&query)
}

/// The indices of the lines that hold the query.
fn matches(lines: &[Line], query: &str) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| holds(l, query))
        .map(|(i, _)| i)
        .collect()
}

/// How many lines hold the query (the same whatever screen is first).
fn count(query: &str) -> usize {
    matches(&lines(Context::Global, Theme::default()), query).len()
}

/// The line with each occurrence of the query in `style`.
fn highlight(line: Line<'static>, query: &str, style: Style) -> Line<'static> {
    let needle = query.to_ascii_lowercase();
    let mut spans = Vec::new();
    for span in line.spans {
        let text = span.content.into_owned();
        let lower = text.to_ascii_lowercase();
        let mut at = 0;
        while let Some(found) = lower[at..].find(&needle).map(|i| i + at) {
            spans.push(Span::styled(text[at..found].to_owned(), span.style));
            let end = found + needle.len();
            spans.push(Span::styled(text[found..end].to_owned(), span.style.patch(style)));
            at = end;
        }
        spans.push(Span::styled(text[at..].to_owned(), span.style));
    }
    Line::from(spans).style(line.style)
}

/// `text` in rows of at most `columns` columns, broken at spaces (a word
/// longer than a row is cut).
fn wrap_words(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        while !word.is_empty() {
            let gap = usize::from(!row.is_empty());
            if width(&row) + gap + width(word) <= columns {
                if gap == 1 {
                    row.push(' ');
                }
                row.push_str(word);
                break;
            }
            if row.is_empty() {
                // A word longer than a row: as much as fits (one
                // character at least), the rest on the next row.
                let fits = take_columns(word, columns).len();
                let cut = if fits > 0 {
                    fits
                } else {
                    word.chars().next().map_or(word.len(), char::len_utf8)
                };
                row.push_str(&word[..cut]);
                word = &word[cut..];
            }
            rows.push(std::mem::take(&mut row));
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// A line of the help folded into rows that fit `columns`, so the drawn
/// rows are exactly these (the paragraph never wraps them itself) and a
/// match's row is known. A binding's description wraps under itself.
fn fold(line: Line<'static>, columns: usize) -> Vec<Line<'static>> {
    if let [label, does] = line.spans.as_slice() {
        let indent = width(&label.content);
        if columns >= indent + 20 {
            return wrap_words(&does.content, columns - indent)
                .into_iter()
                .enumerate()
                .map(|(i, row)| {
                    let head = if i == 0 {
                        label.clone()
                    } else {
                        Span::raw(" ".repeat(indent))
                    };
                    Line::from(vec![head, Span::styled(row, does.style)])
                })
                .collect();
        }
    }
    let style = line.spans.first().map_or(line.style, |s| line.style.patch(s.style));
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if text.is_empty() {
        return vec![Line::raw("")];
    }
    wrap_words(&text, columns)
        .into_iter()
        .map(|row| Line::styled(row, style))
        .collect()
}

/// The help overlay, the current screen's keys first, with the find field
/// at the bottom while there is a search. Tells the app how far it can
/// scroll (see [`popup::render_scrolling`]), its page height and the row
/// it showed first: the keys page by them.
pub fn render(frame: &mut Frame, area: Rect, app: &App, find: &Find) {
    let theme = app.theme;
    let logical = lines(app.screen_context(), theme);
    let searching = find.typing || !find.query.is_empty();
    let found = matches(&logical, &find.query);
    let current = found.get(find.current.min(found.len().saturating_sub(1))).copied();
    // The same box as the popup draws.
    let popup_area = area.centered(Constraint::Percentage(90), Constraint::Percentage(90));
    let width = popup_area.width.saturating_sub(2);
    let height = popup_area.height.saturating_sub(2);
    let matched = theme.style(Meaning::Selected);
    let current_style = matched.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut start = None;
    for (i, line) in logical.into_iter().enumerate() {
        if Some(i) == current {
            start = u16::try_from(rows.len()).ok();
        }
        let hit = found.contains(&i);
        let style = if Some(i) == current { current_style } else { matched };
        rows.extend(
            fold(line, usize::from(width)).into_iter().map(
                |row| {
                    if hit { highlight(row, &find.query, style) } else { row }
                },
            ),
        );
    }
    if searching {
        // The field covers the last row: a blank one keeps the text above it.
        rows.push(Line::raw(""));
    }
    let total = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    let limit = total.saturating_sub(height);
    let scroll = match start {
        Some(row) if find.anchored => row,
        _ => find.scroll,
    }
    .min(limit);
    let page = height.saturating_sub(u16::from(searching)).max(1);
    app.help_drawn.set((page, scroll));
    let hint = format!(
        " ↑↓ PgUp PgDn scroll · {} find · {} closes ",
        keys::key(Context::Help, Command::Find),
        keys::key(Context::Help, Command::Close)
    );
    app.scroll_limit.set(popup::render_scrolling(
        frame, area, theme, " Keys ", rows, scroll, &hint,
    ));
    if searching && height > 0 {
        let row = Rect {
            x: popup_area.x + 1,
            y: popup_area.y + popup_area.height.saturating_sub(2),
            width,
            height: 1,
        };
        frame.render_widget(Clear, row);
        frame.render_widget(Paragraph::new(field(find, found.len(), theme)), row);
    }
}

/// The find field: the query, and then how many lines match and the keys.
fn field(find: &Find, found: usize, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(format!("/{}", find.query), theme.style(Meaning::Key))];
    if find.typing {
        spans.push(Span::styled("▏", theme.style(Meaning::Key)));
        spans.push(Span::styled(
            format!("   {} ends typing", keys::label(Context::HelpFind, Command::LeaveField)),
            theme.style(Meaning::Muted),
        ));
    } else if found == 0 {
        spans.push(Span::styled("   no line has these words", theme.style(Meaning::Muted)));
    } else {
        spans.push(Span::styled(
            format!(
                "   match {} of {found} · {} next · {} previous · {} ends the search",
                find.current.min(found - 1) + 1,
                keys::key(Context::Help, Command::NextMatch),
                keys::key(Context::Help, Command::PrevMatch),
                keys::key(Context::Help, Command::Close)
            ),
            theme.style(Meaning::Muted),
        ));
    }
    if found == 0 && find.typing && !find.query.is_empty() {
        spans.push(Span::styled(" · no line has these words", theme.style(Meaning::Muted)));
    }
    Line::from(spans)
}

/// The help without a search keeps its old shape, so opening it costs
/// nothing; with one, it carries the [`Find`].
fn modal(find: Find) -> Modal {
    if find.typing || !find.query.is_empty() {
        Modal::HelpFind(Box::new(find))
    } else {
        Modal::Help { scroll: find.scroll }
    }
}

/// Keys in the help: scroll, page, find, go from match to match, close.
pub fn on_key(mut find: Find, input: Input, view: &View) -> Reply {
    let limit = view.scroll_limit;
    let (page, shown) = view.help_drawn;
    // A scroll key starts from what is in view.
    let from = if find.anchored { shown } else { find.scroll.min(limit) };
    let scroll_to = |find: &mut Find, to: u16| {
        find.scroll = to.min(limit);
        find.anchored = false;
    };
    match input.command {
        Command::Up => scroll_to(&mut find, from.saturating_sub(1)),
        Command::Down => scroll_to(&mut find, from.saturating_add(1)),
        Command::PageUp => scroll_to(&mut find, from.saturating_sub(page)),
        Command::PageDown => scroll_to(&mut find, from.saturating_add(page)),
        Command::First => scroll_to(&mut find, 0),
        Command::Last => scroll_to(&mut find, limit),
        Command::Find => {
            find.scroll = from;
            find.query.clear();
            find.typing = true;
            find.current = 0;
            find.anchored = false;
        }
        Command::Type => {
            if let Some(c) = input.ch {
                find.query.push(c);
            }
            jump(&mut find, 0, from);
        }
        Command::DeleteBack => {
            find.query.pop();
            jump(&mut find, 0, from);
        }
        Command::LeaveField => find.typing = false,
        Command::NextMatch | Command::PrevMatch => {
            let n = count(&find.query);
            if n > 0 {
                let now = find.current.min(n - 1);
                let next = if input.command == Command::NextMatch {
                    (now + 1) % n
                } else {
                    (now + n - 1) % n
                };
                jump(&mut find, next, from);
            }
        }
        Command::Close if !find.query.is_empty() => {
            find = Find {
                scroll: from,
                ..Find::default()
            };
        }
        Command::Close => return Reply::close(),
        _ => {}
    }
    Reply::keep(modal(find))
}

/// Makes match `to` current and the view start at it; with no match, the
/// view stays where it is.
fn jump(find: &mut Find, to: usize, from: u16) {
    find.current = to;
    find.scroll = from;
    find.anchored = count(&find.query) > 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the folded help fits its width and keeps every word,
    /// so the popup never wraps a row itself and `End` shows the last line.
    #[test]
    fn folded_rows_fit_and_keep_every_word() {
        let text = |lines: &[Line]| -> Vec<String> {
            lines
                .iter()
                .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()).collect::<Vec<_>>())
                .flat_map(|s| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
                .collect()
        };
        for columns in [8, 20, 40, 70, 118] {
            let logical = lines(Context::CheckIn, Theme::default());
            let folded: Vec<Line> = logical.iter().cloned().flat_map(|l| fold(l, columns)).collect();
            for row in &folded {
                assert!(row.width() <= columns, "{row:?} is wider than {columns}");
            }
            if columns >= 20 {
                assert_eq!(text(&folded), text(&logical), "at {columns}");
            }
        }
    }

    #[test]
    fn a_highlight_marks_each_occurrence_whatever_its_case() {
        let line = highlight(
            Line::raw("Close the close"),
            "close",
            Style::new().add_modifier(Modifier::REVERSED),
        );
        let marked: Vec<&str> = line
            .spans
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::REVERSED))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, ["Close", "close"]);
    }
}
