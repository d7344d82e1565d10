//! The recovery phase (see docs/clinical-rules.md, phases) as the checklist
//! shows it: one line saying where the recovery stands, and a popup with
//! every criterion for the next phase, the heel-raise symmetry and the
//! traffic light's reasons. The app only suggests moving on (every criterion
//! holds and today's light is green): the user asks with `m` in the popup and
//! then says yes. Without an offer, `m` still moves on by hand after a
//! confirmation that names the criteria that do not hold, except while an
//! emergency or urgent warning is active. Nothing here moves a phase by
//! itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::clinical::{PhaseInfo, PhaseStatus};
use crate::domain::PhaseChange;

use crate::ui::app::{Effect, View};
use crate::ui::dialogs::plan_diff::PlanDiff;
use crate::ui::dialogs::{Modal, Reply};
use crate::ui::keys::{self, Command, Context, Input};
use crate::ui::widgets::light::light_text;
use crate::ui::widgets::popup;
use crate::ui::widgets::theme::{Meaning, Theme};

/// The source of the last phase's criteria, named wherever they show.
const FULL_RETURN: &str = "full return (Green et al. 2022)";

/// The phase `m` moves to, which is what binds the key (`When::Offer`): the
/// offered move (every criterion holds on a green day), or else the next
/// phase by hand after a confirmation. None in the last phase, or while an
/// emergency or urgent warning is active.
pub fn offer(status: &PhaseStatus) -> Option<PhaseInfo> {
    status.offer.or(status.next.filter(|_| status.refused_by.is_empty()))
}

/// The question before a move by hand: the criteria that do not hold and
/// what else holds progress.
fn manual_question(status: &PhaseStatus, next: PhaseInfo) -> String {
    let unmet: Vec<String> = status.unmet().iter().map(|c| c.description.clone()).collect();
    let mut question = format!("Move to phase {} {} by hand, from today?", next.number, next.name);
    if !unmet.is_empty() {
        question.push_str(&format!(" These criteria do not hold: {}.", unmet.join("; ")));
    }
    if !status.holding.is_empty() {
        question.push_str(&format!(" Progress is held by: {}.", status.holding.join("; ")));
    }
    question
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
    match (status.next, status.offer) {
        (Some(_), Some(next)) => format!(
            "{head} · next: {}, {} — ready to move on: {} to review",
            next.name,
            criteria_count(status),
            keys::key(Context::Checklist, Command::ShowPhase)
        ),
        (Some(next), None) => format!("{head} · next: {}, {}", next.name, criteria_count(status)),
        (None, _) => format!("{head} · {FULL_RETURN}: {}", criteria_count(status)),
    }
}

/// Keys in the popup.
pub fn on_key(scroll: u16, input: Input, view: &View) -> Reply {
    match input.command {
        Command::Up => Reply::keep(Modal::Phase {
            scroll: scroll.min(view.scroll_limit).saturating_sub(1),
        }),
        Command::Down => Reply::keep(Modal::Phase {
            scroll: scroll.saturating_add(1).min(view.scroll_limit),
        }),
        Command::MoveOn => {
            let status = &view.data.phase;
            match (status.next, status.offer) {
                (_, Some(next)) => Reply::keep(Modal::PlanDiff(plan_for(view, next))),
                (None, None) => Reply::keep(Modal::Phase { scroll })
                    .with(Effect::info("This is the last phase: there is no next one to move to")),
                (Some(_), None) if !status.refused_by.is_empty() => {
                    Reply::keep(Modal::Phase { scroll }).with(Effect::info(format!(
                        "No move while an emergency or urgent warning is active: {}",
                        status.refused_by.join("; ")
                    )))
                }
                (Some(next), None) => Reply::keep(Modal::Confirm {
                    question: manual_question(status, next),
                    on_yes: Box::new(Effect::open(Modal::PlanDiff(plan_for(view, next)))),
                }),
            }
        }
        _ => Reply::close(),
    }
}

/// One view confirms the move and shows the new phase's plan, each line
/// to tick: nothing changes before Enter.
fn plan_for(view: &View, next: PhaseInfo) -> PlanDiff {
    let change = PhaseChange {
        date: view.today,
        phase: next.number,
    };
    PlanDiff::new(view.data, next.number, Some(change))
}

/// The popup's text: criteria with ✓/✗ and their values, the symmetry per
/// test, every reason behind today's light, and what `m` would do.
pub fn details(view: &View) -> Vec<Line<'static>> {
    let theme = view.theme;
    let status = &view.data.phase;
    // The offer (or what holds progress) first, so it shows without scrolling.
    let mut lines = offer_lines(status, theme);
    lines.push(Line::raw(""));
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

/// The first lines: the offer, or what holds progress and whether a move
/// by hand is possible.
fn offer_lines(status: &PhaseStatus, theme: Theme) -> Vec<Line<'static>> {
    let muted = theme.style(Meaning::Muted);
    match (status.next, status.offer) {
        (_, Some(next)) => vec![Line::styled(
            format!(
                "Every criterion holds and today's light is green. Press {} to move to phase {} {} from today (you confirm first).",
                keys::key(Context::Phase, Command::MoveOn),
                next.number,
                next.name
            ),
            theme.style(Meaning::Success),
        )],
        (Some(_), None) => {
            let mut lines = Vec::new();
            if !status.holding.is_empty() {
                lines.push(Line::styled("What holds progress:", theme.style(Meaning::Title)));
                for held in &status.holding {
                    lines.push(Line::raw(format!("  - {held}")));
                }
            }
            lines.push(Line::styled(
                "soleus suggests moving on only when every criterion holds on a green day; until then the phase stays.",
                muted,
            ));
            lines.push(if status.refused_by.is_empty() {
                Line::styled(
                    format!(
                        "{} moves on by hand after a confirmation that names what does not hold.",
                        keys::key(Context::Phase, Command::MoveOn)
                    ),
                    muted,
                )
            } else {
                Line::styled(
                    "No move by hand while an emergency or urgent warning is active: deal with it first.",
                    theme.style(Meaning::Pending),
                )
            });
            lines
        }
        (None, None) => vec![Line::styled(
            "This is the last phase: the criteria below are clinicians' criteria for a full return (an interview study).",
            muted,
        )],
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
        format!(
            " {} scroll · {} move on · {} closes ",
            keys::footer_key(Context::Phase, Command::Up),
            keys::key(Context::Phase, Command::MoveOn),
            keys::key(Context::Phase, Command::Close)
        )
    } else {
        keys::scroll_hint(Context::Phase)
    };
    popup::render_scrolling(frame, area, view.theme, &title, details(view), scroll, &hint)
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
            offer: PhaseInfo::of(current.number + 1).filter(|_| !met.is_empty() && met.iter().all(|m| *m)),
            light: crate::clinical::Light::Green,
            holding: Vec::new(),
            refused_by: Vec::new(),
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
        assert_eq!(not_yet.offer, None);
        assert!(!summary(&not_yet).contains("ready"));
        // No criteria at all is never "ready".
        assert_eq!(status(2, None, &[]).offer, None);
    }

    #[test]
    fn last_phase_shows_the_full_return_consensus_and_offers_nothing() {
        let mut last = status(5, Some("2026-10-23"), &[true, true]);
        last.next = None;
        last.offer = None;
        assert_eq!(offer(&last), None);
        assert_eq!(
            summary(&last),
            "Phase 5 Running since 2026-10-23 · full return (Green et al. 2022): 2 of 2 criteria met"
        );
    }

    #[test]
    fn m_moves_by_hand_after_naming_what_does_not_hold_never_past_an_urgent_warning() {
        let mut s = status(2, Some("2026-11-01"), &[true, false]);
        s.light = crate::clinical::Light::Amber;
        s.holding = vec!["today's load light is amber: x".into()];
        assert_eq!(s.offer, None);
        assert_eq!(offer(&s).map(|p| p.number), Some(3), "m is bound for a move by hand");
        assert_eq!(
            manual_question(&s, PhaseInfo::of(3).unwrap()),
            "Move to phase 3 Strength by hand, from today? These criteria do not hold: something. \
             Progress is held by: today's load light is amber: x."
        );
        s.refused_by = vec!["possible tear (urgent warning, left calf, since 2026-11-20)".into()];
        assert_eq!(offer(&s), None, "never while an urgent warning is active");
    }
}
