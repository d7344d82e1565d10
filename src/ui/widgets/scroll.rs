//! Lists longer than their window: which part shows, and the marker that
//! says how much is above and below it.

/// The "more" marker of a list that does not fit: how many rows are above
/// and below the window, for the bottom border.
pub fn more(above: usize, below: usize) -> Option<String> {
    match (above, below) {
        (0, 0) => None,
        (0, b) => Some(format!(" ↓ {b} more ")),
        (a, 0) => Some(format!(" ↑ {a} more ")),
        (a, b) => Some(format!(" ↑ {a} more · ↓ {b} more ")),
    }
}

/// The first item shown so that `selected` is on screen, scrolling as
/// little as possible.
pub fn window_offset(selected: usize, total: usize, height: usize) -> usize {
    if height == 0 || total <= height {
        return 0;
    }
    selected.saturating_sub(height - 1).min(total - height)
}
