//! The recovery phase (SPEC 5.3) as the checklist shows it: one line saying
//! where the recovery stands, and a popup with every criterion for the next
//! phase, the heel-raise symmetry and the traffic light's reasons. The app
//! only suggests moving on: the user asks with `m` in the popup and then
//! says yes. Nothing here moves a phase by itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::clinical::{PhaseInfo, PhaseStatus};
use crate::domain::PhaseChange;

use super::checklist::light_text;
use super::effect::{Effect, Modal, Outcome, View};
use super::help;
use super::keys::{Command, Input};
use super::plan_diff::PlanDiff;
use super::theme::{Meaning, Theme};

/// The source of the last phase's criteria, named wherever they show.
const FULL_RETURN: &str = "full return (Green et al. 2022)";

/// The next phase, when every criterion for it holds: the only time the
/// app offers to move on.
pub fn offer(status: &PhaseStatus) -> Option<PhaseInfo> {
    status.next.filter(|_| status.ready)
}

/// "3 of 5 criteria met", with the noun in the right number.
fn criteria_count(status: &PhaseStatus) -> String {
    let met = status.criteria.iter().filter(|c| c.met).count();
    let total = status.criteria.len();
    let noun = if total == 1 { "criterion" } else { "criteria" };
    format!("{met} of {total} {noun} met")
}

/// Where the phase started, or that nobody confirmed one yet.
fn since(status: &PhaseStatus) -> String {
    match status.since {
        Some(date) => format!("since {date}"),
        None => "(the starting phase: none confirmed yet)".to_owned(),
    }
}

/// The checklist's phase line: the phase, since when, and how far the
/// criteria for the next one are. When they all hold it says so and names
/// the key, since moving on is the user's call.
pub fn summary(status: &PhaseStatus) -> String {
    let current = status.current;
    let head = format!("Phase {} {} {}", current.number, current.name, since(status));
    match (status.next, offer(status)) {
        (Some(_), Some(next)) => format!(
            "{head} · next: {}, {} — ready to move on: p to review",
            next.name,
            criteria_count(status)
        ),
        (Some(next), None) => format!("{head} · next: {}, {}", next.name, criteria_count(status)),
        (None, _) => format!("{head} · {FULL_RETURN}: {}", criteria_count(status)),
    }
}

/// Keys in the popup.
pub fn on_popup(scroll: u16, input: Input, view: &View) -> Outcome {
    match input.command {
        Command::Up => Outcome::keep(Modal::Phase {
            scroll: scroll.min(view.scroll_limit).saturating_sub(1),
        }),
        Command::Down => Outcome::keep(Modal::Phase {
            scroll: scroll.saturating_add(1).min(view.scroll_limit),
        }),
        Command::MoveOn => match offer(&view.data.phase) {
            Some(next) => {
                let change = PhaseChange {
                    date: view.today,
                    phase: next.number,
                };
                // One view confirms the move and shows the new phase's
                // plan, each line to tick: nothing changes before Enter.
                Outcome::keep(Modal::PlanDiff(PlanDiff::new(view.data, next.number, Some(change))))
            }
            None => Outcome::keep(Modal::Phase { scroll })
                .with(Effect::info("Not every criterion holds yet: the phase stays as it is")),
        },
        _ => Outcome::close(),
    }
}

/// The popup's text: criteria with ✓/✗ and their values, the symmetry per
/// test, every reason behind today's light, and what `m` would do.
pub fn details(view: &View) -> Vec<Line<'static>> {
    let theme = view.theme;
    let status = &view.data.phase;
    // The offer (or why there is none) first, so it shows without scrolling.
    let mut lines = vec![offer_line(status, theme), Line::raw("")];
    let heading = match status.next {
        Some(next) => format!(
            "Criteria for phase {} {}: {}",
            next.number,
            next.name,
            criteria_count(status)
        ),
        None => format!("Criteria for a {FULL_RETURN}: {}", criteria_count(status)),
    };
    lines.push(Line::styled(heading, theme.style(Meaning::Title)));
    if status.criteria.is_empty() {
        lines.push(Line::styled("  none", theme.style(Meaning::Muted)));
    }
    for criterion in &status.criteria {
        let (mark, meaning) = if criterion.met {
            ("✓", Meaning::Success)
        } else {
            ("✗", Meaning::Pending)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark} "), theme.style(meaning)),
            Span::raw(criterion.description.clone()),
        ]));
        lines.push(Line::styled(
            format!("      {}", criterion.detail),
            theme.style(Meaning::Muted),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Heel-raise symmetry (injured ÷ other × 100; 90% or more wanted)",
        theme.style(Meaning::Title),
    ));
    for symmetry in &status.symmetry {
        lines.push(Line::raw(format!("  {} — {}", symmetry.test.label(), symmetry.detail)));
    }
    lines.push(Line::raw(""));
    let (light, meaning) = light_text(view.data.assessment.guidance.light);
    lines.push(Line::from(vec![
        Span::styled("Load today: ", theme.style(Meaning::Title)),
        Span::styled(light, theme.style(meaning)),
    ]));
    for reason in &view.data.assessment.guidance.because {
        lines.push(Line::raw(format!("  - {reason}")));
    }
    lines
}

/// The last line: the offer, or why there is none.
fn offer_line(status: &PhaseStatus, theme: Theme) -> Line<'static> {
    match (status.next, offer(status)) {
        (_, Some(next)) => Line::styled(
            format!(
                "Every criterion holds. Press m to move to phase {} {} from today (you confirm first).",
                next.number, next.name
            ),
            theme.style(Meaning::Success),
        ),
        (Some(_), None) => Line::styled(
            "soleus suggests moving on only when every criterion holds; until then the phase stays.",
            theme.style(Meaning::Muted),
        ),
        (None, None) => Line::styled(
            "This is the last phase: the criteria below are clinicians' criteria for a full return (an interview study).",
            theme.style(Meaning::Muted),
        ),
    }
}

/// Draws the popup over the screen.
pub fn render(frame: &mut Frame, area: Rect, view: &View, scroll: u16) -> u16 {
    let status = &view.data.phase;
    let title = format!(
        " Phase {} {} {} ",
        status.current.number,
        status.current.name,
        since(status)
    );
    let hint = if offer(status).is_some() {
        " ↑↓ scroll · m move on · Esc closes "
    } else {
        " ↑↓ scroll · Esc closes "
    };
    help::render_scrolling_with(frame, area, view.theme, &title, details(view), scroll, hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::{Criterion, Symmetry};
    use crate::domain::TestKind;

    fn criterion(met: bool) -> Criterion {
        Criterion {
            description: "something".into(),
            met,
            detail: "values".into(),
        }
    }

    fn status(current: u8, since: Option<&str>, met: &[bool]) -> PhaseStatus {
        let current = PhaseInfo::of(current).unwrap();
        PhaseStatus {
            date: "2026-11-21".parse().unwrap(),
            current,
            since: since.map(|d| d.parse().unwrap()),
            next: PhaseInfo::of(current.number + 1),
            criteria: met.iter().map(|m| criterion(*m)).collect(),
            ready: !met.is_empty() && met.iter().all(|m| *m),
            symmetry: vec![Symmetry {
                test: TestKind::HeelRaiseBent,
                injured_reps: None,
                other_reps: None,
                percent: None,
                detail: "no test".into(),
            }],
        }
    }

    #[test]
    fn summary_counts_the_criteria_for_the_next_phase() {
        assert_eq!(
            summary(&status(3, Some("2026-08-14"), &[true, false, true, false])),
            "Phase 3 Strength since 2026-08-14 · next: Return to run, 2 of 4 criteria met"
        );
        assert_eq!(
            summary(&status(1, None, &[false])),
            "Phase 1 Protect (the starting phase: none confirmed yet) · next: Mobility, 0 of 1 criterion met"
        );
    }

    #[test]
    fn summary_says_ready_only_when_every_criterion_holds() {
        let ready = status(2, Some("2026-11-01"), &[true]);
        assert_eq!(offer(&ready).map(|p| p.number), Some(3));
        assert_eq!(
            summary(&ready),
            "Phase 2 Mobility since 2026-11-01 · next: Strength, 1 of 1 criterion met — ready to move on: p to review"
        );
        let not_yet = status(2, Some("2026-11-01"), &[true, false]);
        assert_eq!(offer(&not_yet), None);
        assert!(!summary(&not_yet).contains("ready"));
        // No criteria at all is never "ready".
        assert_eq!(offer(&status(2, None, &[])), None);
    }

    #[test]
    fn last_phase_shows_the_full_return_consensus_and_offers_nothing() {
        let mut last = status(5, Some("2026-10-23"), &[true, true]);
        last.next = None;
        assert_eq!(offer(&last), None);
        assert_eq!(
            summary(&last),
            "Phase 5 Running since 2026-10-23 · full return (Green et al. 2022): 2 of 2 criteria met"
        );
    }
}
