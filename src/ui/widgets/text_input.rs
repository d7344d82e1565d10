//! A one-line text editor with a cursor, for the number fields, the note
//! and the injury date. Positions count characters, so the cursor never
//! lands inside a multi-byte character; what shows of the text is measured
//! in terminal columns, so a wide character ("日") takes the two it draws.

use crate::ui::keys::{Command, Input};
use crate::ui::widgets::wrap::char_width;

/// Text being typed and where the cursor is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Cursor, in characters from the start.
    cursor: usize,
}

impl TextInput {
    /// A field holding `text`, cursor at its end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text, or `None` when blank: blank means "not answered".
    pub fn answer(&self) -> Option<String> {
        if self.text.trim().is_empty() {
            None
        } else {
            Some(self.text.clone())
        }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies an editing command; returns whether it was one.
    pub fn edit(&mut self, input: Input) -> bool {
        let len = self.text.chars().count();
        match input.command {
            Command::Type => {
                if let Some(c) = input.ch {
                    let at = self.byte_at(self.cursor);
                    self.text.insert(at, c);
                    self.cursor += 1;
                }
            }
            Command::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Command::CursorRight => self.cursor = (self.cursor + 1).min(len),
            Command::CursorHome => self.cursor = 0,
            Command::CursorEnd => self.cursor = len,
            Command::DeleteBack => {
                if self.cursor > 0 {
                    let at = self.byte_at(self.cursor - 1);
                    self.text.remove(at);
                    self.cursor -= 1;
                }
            }
            Command::DeleteForward => {
                if self.cursor < len {
                    let at = self.byte_at(self.cursor);
                    self.text.remove(at);
                }
            }
            _ => return false,
        }
        true
    }

    /// The part of the text that fits in `width` columns with the cursor
    /// visible, and the cursor's column within it.
    pub fn window(&self, width: usize) -> (String, usize) {
        let (before, after) = self.split_window(width);
        let column = before.chars().map(char_width).sum();
        (before + &after, column)
    }

    /// [`TextInput::window`] cut at the cursor: the text shown before it,
    /// and from it on.
    pub fn split_window(&self, width: usize) -> (String, String) {
        if width == 0 {
            return (String::new(), String::new());
        }
        let chars: Vec<char> = self.text.chars().collect();
        let cursor = self.cursor.min(chars.len());
        // Back from the cursor as far as fits, keeping a column for the
        // cursor itself.
        let mut start = cursor;
        let mut columns = 0;
        for &c in chars[..cursor].iter().rev() {
            if columns + char_width(c) > width - 1 {
                break;
            }
            columns += char_width(c);
            start -= 1;
        }
        let before: String = chars[start..cursor].iter().collect();
        let mut after = String::new();
        for &c in &chars[cursor..] {
            if columns + char_width(c) > width {
                break;
            }
            columns += char_width(c);
            after.push(c);
        }
        (before, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> Input {
        Input::new(Command::Type, Some(c))
    }

    #[test]
    fn edits_at_the_cursor_with_multibyte_text() {
        let mut t = TextInput::new("café");
        t.edit(Input::command(Command::CursorLeft));
        t.edit(key('x'));
        assert_eq!(t.text(), "cafxé");
        t.edit(Input::command(Command::DeleteForward));
        assert_eq!(t.text(), "cafx");
        t.edit(Input::command(Command::CursorHome));
        t.edit(Input::command(Command::DeleteBack));
        t.edit(Input::command(Command::DeleteForward));
        assert_eq!(t.text(), "afx");
        t.edit(Input::command(Command::CursorEnd));
        t.edit(Input::command(Command::DeleteBack));
        assert_eq!((t.text(), t.cursor()), ("af", 2));
        assert!(!t.edit(Input::command(Command::Save)));
    }

    #[test]
    fn blank_is_not_answered_and_window_follows_cursor() {
        assert_eq!(TextInput::new("  ").answer(), None);
        let t = TextInput::new("abcdefgh");
        assert_eq!(t.window(4), ("fgh".to_owned(), 3));
        assert_eq!(TextInput::new("ab").window(10), ("ab".to_owned(), 2));
    }

    #[test]
    fn the_window_counts_columns_so_wide_text_keeps_the_cursor_in_view() {
        // "日本語" takes six columns: counted in chars it would take three,
        // and a four-column field would show all of it with the cursor at 3.
        let t = TextInput::new("日本語");
        assert_eq!(t.window(4), ("語".to_owned(), 2));
        assert_eq!(t.window(7), ("日本語".to_owned(), 6));
        let mut t = TextInput::new("ab日本cd");
        t.edit(Input::command(Command::CursorHome));
        t.edit(Input::command(Command::CursorRight));
        t.edit(Input::command(Command::CursorRight));
        assert_eq!(t.split_window(5), ("ab".to_owned(), "日".to_owned()));
        assert_eq!(t.window(5), ("ab日".to_owned(), 2));
    }
}
