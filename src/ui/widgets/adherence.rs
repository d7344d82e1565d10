//! A week's adherence in words, said the same way on the Checklist and on
//! Trends (and as the report says it): sessions done of sessions asked,
//! with the percent, or "–" when the plan asked for nothing.

/// "62%", or "–" when nothing was asked (never a made-up 0%).
pub fn percent(done: usize, asked: usize) -> String {
    (done * 100)
        .checked_div(asked)
        .map_or_else(|| "–".to_owned(), |p| format!("{p}%"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_asked_is_a_dash_not_zero() {
        assert_eq!(percent(5, 8), "62%");
        assert_eq!(percent(0, 4), "0%");
        assert_eq!(percent(0, 0), "–");
    }
}
