//! Entering a 0–10 score from the keyboard, shared by the check-in form and
//! the checklist's pain-during score.
//!
//! A digit sets the score at once. To reach 10 without a timer, `0` typed
//! right after `1` on the same field gives 10; typing `0` again gives 0.
//! No clock means no surprises over a slow SSH link, and tests stay exact.

/// Remembers the last digit typed, and where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DigitEntry {
    last: Option<(usize, u8)>,
}

impl DigitEntry {
    /// The score after typing `digit` on field `slot`.
    pub fn digit(&mut self, slot: usize, digit: u8) -> u8 {
        let value = if digit == 0 && self.last == Some((slot, 1)) {
            10
        } else {
            digit.min(9)
        };
        self.last = (value != 10).then_some((slot, digit));
        value
    }

    /// Any other key ends a two-digit entry.
    pub fn reset(&mut self) {
        self.last = None;
    }
}

/// One step up or down; from "not answered" either way starts at 0.
pub fn step(value: Option<u8>, up: bool) -> u8 {
    match value {
        None => 0,
        Some(v) if up => (v + 1).min(10),
        Some(v) => v.saturating_sub(1),
    }
}

/// A score as the form shows it: the number and a ten-cell bar, or a dash
/// for "not answered" so it never reads as 0.
pub fn bar(value: Option<u8>) -> String {
    match value {
        None => "  –  ··········".to_owned(),
        Some(v) => {
            let v = usize::from(v.min(10));
            format!("{v:>3}  {}{}", "■".repeat(v), "·".repeat(10 - v))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_then_zero_is_ten_then_zero_again_is_zero() {
        let mut e = DigitEntry::default();
        assert_eq!(e.digit(0, 1), 1);
        assert_eq!(e.digit(0, 0), 10);
        assert_eq!(e.digit(0, 0), 0);
        assert_eq!(e.digit(0, 1), 1);
        e.reset();
        assert_eq!(e.digit(0, 0), 0);
        assert_eq!(e.digit(1, 1), 1);
        assert_eq!(e.digit(2, 0), 0, "another field starts afresh");
    }

    #[test]
    fn steps_stay_in_range_and_start_from_not_answered() {
        assert_eq!(step(None, true), 0);
        assert_eq!(step(None, false), 0);
        assert_eq!(step(Some(10), true), 10);
        assert_eq!(step(Some(0), false), 0);
        assert_eq!(step(Some(4), true), 5);
        assert_eq!(bar(Some(3)), "  3  ■■■·······");
        assert!(bar(None).contains('–'));
    }
}
