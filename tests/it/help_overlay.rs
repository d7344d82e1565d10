//! The `?` help pages and finds (docs/daily-use.md, help): synthetic keys
//! through `update`, and what the screen then shows.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns may panic too

use crate::kit::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use soleus::ui::app::{Action, App, update};

/// The app with the help open and drawn once (paging needs the height).
fn help() -> App {
    let mut app = open(demo_store());
    code(&mut app, KeyCode::Char('?'));
    let _ = screen(&app);
    app
}

/// The help's rows as `screen` draws them: the text inside its border,
/// and the bottom border (the find field sits just above it).
fn popup(app: &App) -> (Vec<String>, String) {
    let text = screen(app);
    let rows: Vec<Vec<char>> = text.lines().map(|r| r.chars().collect()).collect();
    let top = rows
        .iter()
        .position(|r| r.iter().collect::<String>().contains(" Keys "))
        .unwrap();
    let left = rows[top].iter().position(|&c| c == '┌').unwrap();
    let right = left + rows[top][left..].iter().position(|&c| c == '┐').unwrap();
    let bottom = top + rows[top..].iter().position(|r| r.get(left) == Some(&'└')).unwrap();
    let inside = rows[top + 1..bottom]
        .iter()
        .map(|r| r[left + 1..right].iter().collect::<String>().trim().to_owned())
        .collect();
    (inside, rows[bottom][left..=right].iter().collect())
}

fn window(app: &App) -> Vec<String> {
    popup(app).0
}

fn border(app: &App) -> String {
    popup(app).1
}

/// Whether the border says rows are below ("↓ 12 more").
fn below(border: &str) -> bool {
    border
        .split("↓ ")
        .skip(1)
        .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

fn find(app: &mut App, words: &str) {
    code(app, KeyCode::Char('/'));
    typed(app, words);
    code(app, KeyCode::Enter);
}

#[test]
fn pgdn_moves_a_whole_page_and_pgup_comes_back() {
    let mut app = help();
    let first = window(&app);
    let page = first.len();
    code(&mut app, KeyCode::PageDown);
    let second = window(&app);
    assert_ne!(first, second);
    assert!(
        border(&app).contains(&format!("↑ {page} more")),
        "a page of {page} rows is above: {}",
        border(&app)
    );
    code(&mut app, KeyCode::PageUp);
    assert_eq!(window(&app), first, "PgUp comes back to the top");
}

#[test]
fn end_shows_the_last_line_and_home_the_first() {
    let mut app = help();
    let first = window(&app);
    code(&mut app, KeyCode::End);
    let text = window(&app).join(" ");
    assert!(text.contains("turns it off)."), "{text}");
    assert!(!below(&border(&app)), "nothing below: {}", border(&app));
    code(&mut app, KeyCode::Home);
    assert_eq!(window(&app), first);
}

#[test]
fn finding_bell_shows_its_line_highlighted() {
    let mut app = help();
    assert!(
        !window(&app).join(" ").contains("terminal bell"),
        "not in view at first"
    );
    find(&mut app, "bell");
    let rows = window(&app);
    // The match is the last line: the view goes as far as it can.
    assert!(rows.iter().any(|r| r.contains("terminal bell")), "{rows:?}");
    assert!(
        rows.iter().any(|r| r.contains("/bell") && r.contains("match 1 of 1")),
        "{rows:?}"
    );
    // The word itself is drawn highlighted.
    let terminal = draw(&app, 100, 30);
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    let cells: Vec<_> = buffer.content.chunks(width).collect();
    let row = cells
        .iter()
        .find(|row| {
            let text: String = row.iter().map(|c| c.symbol()).collect();
            text.contains("terminal bell")
        })
        .unwrap();
    let text: Vec<&str> = row.iter().map(|c| c.symbol()).collect();
    let at = (0..text.len() - 4)
        .find(|&i| text[i..i + 4].concat() == "bell")
        .unwrap();
    for cell in &row[at..at + 4] {
        assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    }
    assert!(!row[at - 2].modifier.contains(Modifier::REVERSED), "only the word");
}

#[test]
fn n_goes_to_the_next_match_and_shift_n_back() {
    let mut app = help();
    find(&mut app, "close");
    let field = |app: &App| window(app).into_iter().find(|r| r.starts_with("/close")).unwrap();
    assert!(field(&app).contains("match 1 of"), "{}", field(&app));
    let at_first = window(&app);
    code(&mut app, KeyCode::Char('n'));
    assert!(field(&app).contains("match 2 of"), "{}", field(&app));
    let at_second = window(&app);
    assert_ne!(at_first, at_second, "the view moved to the next match");
    assert!(
        at_second[..2].join(" ").to_lowercase().contains("close"),
        "the view starts at the match: {at_second:?}"
    );
    code(&mut app, KeyCode::Char('N'));
    assert!(field(&app).contains("match 1 of"));
    assert_eq!(window(&app), at_first);
}

#[test]
fn letters_type_into_the_field_and_esc_ends_the_search_then_closes() {
    let mut app = help();
    code(&mut app, KeyCode::Char('/'));
    typed(&mut app, "q?n");
    assert!(app.modal.is_some(), "q and ? type while the field is open");
    assert!(window(&app).iter().any(|r| r.starts_with("/q?n")));
    code(&mut app, KeyCode::Esc);
    assert!(
        window(&app)
            .iter()
            .any(|r| r.starts_with("/q?n") && r.contains("no line"))
    );
    code(&mut app, KeyCode::Esc);
    assert!(app.modal.is_some(), "the first Esc after typing ends the search");
    assert!(!window(&app).iter().any(|r| r.starts_with('/')), "the field is gone");
    code(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none(), "with no search, Esc closes as before");
}

#[test]
fn esc_with_no_query_closes_help() {
    let mut app = help();
    code(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none());
    let mut app = help();
    code(&mut app, KeyCode::Char('/'));
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);
    assert!(app.modal.is_none(), "an empty search is no search");
}

#[test]
fn help_with_a_search_at_80x24() {
    let mut app = open(demo_store());
    update(&mut app, Action::Resize(80, 24));
    code(&mut app, KeyCode::Char('?'));
    let _ = draw(&app, 80, 24);
    find(&mut app, "bell");
    let terminal = draw(&app, 80, 24);
    insta::assert_snapshot!("help_find_80x24", terminal.backend());
}
