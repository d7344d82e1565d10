//! The mark of an exercise a warning pauses, said the same way on the
//! Checklist row, in the picker, the how-to and the plan for a phase.

use ratatui::text::Span;

use crate::clinical::{Assessment, Flag, paused_by};
use crate::domain::Exercise;

use crate::ui::widgets::theme::Theme;
use crate::ui::widgets::warnings::badge;

/// `‖ paused: <warning title>` in the warning's style, when an active
/// warning pauses `exercise` (see docs/clinical-rules.md, pauses).
pub fn paused_mark(exercise: &Exercise, assessment: &Assessment, theme: Theme) -> Option<Span<'static>> {
    paused_by(exercise, &assessment.pausing).map(|flag| paused_span(flag, assessment, theme))
}

/// [`paused_text`] in the style of the warning's level.
pub fn paused_span(flag: &Flag, assessment: &Assessment, theme: Theme) -> Span<'static> {
    Span::styled(paused_text(flag, assessment), theme.style(badge(flag.level).1))
}

/// `‖ paused: <title>`, and, for a warning closed `not-seen` that still
/// holds its pauses until a clean check-in (it is not in the panel), why:
/// "closed without an assessment".
pub fn paused_text(flag: &Flag, assessment: &Assessment) -> String {
    let active = assessment
        .flags
        .iter()
        .any(|f| f.rule == flag.rule && f.leg == flag.leg);
    if active {
        format!("‖ paused: {}", flag.title)
    } else {
        format!("‖ paused: {} (closed without an assessment)", flag.title)
    }
}
