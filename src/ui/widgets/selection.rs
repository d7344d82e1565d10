//! A list's selection kept by identity, so a row stays selected when the
//! list around it changes.

/// A list selection kept by identity (an exercise id, a date and leg), so
/// the row just added, restored or edited stays selected after a reload;
/// `row` is where it was, for when the selected item is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection<K> {
    pub key: Option<K>,
    pub row: usize,
}

impl<K> Default for Selection<K> {
    fn default() -> Self {
        Selection { key: None, row: 0 }
    }
}

impl<K: PartialEq + Clone> Selection<K> {
    /// The row of the selected item in `keys`, following it if it moved;
    /// if it is gone, the row where it was (or the last one).
    pub fn sync(&mut self, keys: &[K]) -> usize {
        if let Some(row) = self.key.as_ref().and_then(|k| keys.iter().position(|x| x == k)) {
            self.row = row;
        } else {
            self.row = self.row.min(keys.len().saturating_sub(1));
            self.key = keys.get(self.row).cloned();
        }
        self.row
    }

    /// Moves `by` rows, staying inside the list.
    pub fn move_by(&mut self, by: isize, keys: &[K]) {
        let row = self.sync(keys) as isize + by;
        self.row = row.clamp(0, keys.len().saturating_sub(1) as isize) as usize;
        self.key = keys.get(self.row).cloned();
    }

    pub fn select(&mut self, key: K) {
        self.key = Some(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_follows_its_item_and_falls_back_to_its_row() {
        let mut s: Selection<&str> = Selection::default();
        assert_eq!(s.sync(&["a", "b", "c"]), 0);
        s.move_by(2, &["a", "b", "c"]);
        assert_eq!(s.key, Some("c"));
        assert_eq!(s.sync(&["x", "a", "b", "c"]), 3, "follows c after an insert above");
        assert_eq!(s.sync(&["x", "a", "b"]), 2, "c gone: the row where it was, clamped");
        assert_eq!(s.key, Some("b"));
        s.move_by(-10, &["x", "a", "b"]);
        assert_eq!((s.row, s.key), (0, Some("x")));
        assert_eq!(s.sync(&[]), 0);
    }
}
