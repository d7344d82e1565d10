//! The dialog a new emergency or urgent warning opens after a write: it
//! covers the screen until it is acknowledged, one warning at a time, and
//! only Enter or `a` closes it, so a stray key cannot dismiss it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::clinical::{Flag, Level};
use crate::domain::Acknowledgement;

use crate::ui::app::data::Data;
use crate::ui::app::navigate::Pending;
use crate::ui::keys::{self, Command, Context};
use crate::ui::widgets::theme::{Meaning, Theme};
use crate::ui::widgets::warnings::{badge, sorted};
use crate::ui::widgets::wrap::wrapped_rows;

/// New emergency or urgent warnings waiting to be acknowledged, one at a
/// time, and where to go afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    pub flags: Vec<Flag>,
    pub then: Option<Pending>,
}

/// The emergency and urgent flags of `after` that open a warning (not in
/// `before` with the same rule, leg and `since`, and not acknowledged
/// before) or raise an open one's level.
pub fn new_alarms(before: &[Flag], after: &[Flag], data: &Data) -> Vec<Flag> {
    // An open warning keeps its `since` (see docs/clinical-rules.md, open
    // warnings): a save alarms again only when it opens a new warning or
    // raises the level of an open one.
    let earlier = |f: &Flag| {
        before
            .iter()
            .find(|b| b.rule == f.rule && b.leg == f.leg && b.since == f.since)
    };
    sorted(after)
        .into_iter()
        .filter(|f| matches!(f.level, Level::Emergency | Level::Urgent))
        .filter(|f| match earlier(f) {
            Some(b) => f.level < b.level,
            None => !data.acknowledged(f.rule.id(), f.leg, f.since),
        })
        .cloned()
        .collect()
}

/// The acknowledgement an alarm's flag turns into.
pub fn acknowledgement(flag: &Flag, now: chrono::NaiveDateTime) -> Acknowledgement {
    Acknowledgement {
        rule: flag.rule.id().to_owned(),
        leg: flag.leg,
        // Keyed by the open warning's first day, so a warning that stays
        // open alarms once, not on every save.
        date: flag.since,
        acknowledged_at: now,
    }
}

/// Draws the alarm's first warning.
pub fn render(frame: &mut Frame, area: Rect, alarm: &Alarm, theme: Theme) {
    let Some(flag) = alarm.flags.first() else {
        return;
    };
    let (word, meaning) = badge(flag.level);
    let mut lines = vec![
        Line::styled(format!("{word}: {}", flag.level.action()), theme.style(meaning)),
        Line::raw(""),
        Line::styled(flag.title.clone(), theme.style(Meaning::Title)),
        Line::styled(
            format!("{} calf · entry of {} · rule {}", flag.leg, flag.date, flag.rule),
            theme.style(Meaning::Muted),
        ),
        Line::raw(""),
        Line::raw(flag.advice.clone()),
    ];
    for reason in &flag.because {
        lines.push(Line::styled(format!("because {reason}"), theme.style(Meaning::Muted)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "soleus does not diagnose. Press {} to acknowledge you have read this.",
            keys::names(Context::Alarm, Command::Acknowledge).join(" or ")
        ),
        theme.style(Meaning::Guidance),
    ));
    // Tall enough for every wrapped line, but leaving the status and key lines visible: this text
    // must be read whole, and the footer says how to close it.
    let width = area.width.min(72);
    let wrapped = usize::from(wrapped_rows(&lines, width.saturating_sub(2)));
    let height = u16::try_from(wrapped + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(4));
    let popup = area.centered(Constraint::Length(width), Constraint::Max(height));
    frame.render_widget(Clear, popup);
    let count = if alarm.flags.len() > 1 {
        format!(" New warning · {} more after this ", alarm.flags.len() - 1)
    } else {
        " New warning ".to_owned()
    };
    let block = Block::bordered()
        .border_type(ratatui::widgets::BorderType::Double)
        .border_style(theme.style(meaning))
        .title(Span::styled(count, theme.style(meaning)))
        .title_bottom(
            Line::styled(
                format!(" {}: acknowledge ", keys::label(Context::Alarm, Command::Acknowledge)),
                theme.style(Meaning::Key),
            )
            .right_aligned(),
        );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::{Assessment, Guidance, Light, RuleId};
    use crate::domain::{Catalogue, Leg, Profile};
    use crate::ui::widgets::warnings::tests::flag;

    fn data(acks: Vec<Acknowledgement>) -> Data {
        Data {
            profile: None,
            assessment: Assessment {
                date: "2026-11-21".parse().unwrap(),
                flags: vec![],
                guidance: Guidance {
                    light: Light::Unknown,
                    because: vec![],
                },
                pausing: vec![],
            },
            acknowledgements: acks,
            streak: 0,
            catalogue: Catalogue::builtin(),
            plan: vec![],
            phases: vec![],
            phase: crate::clinical::phase_status(
                &crate::clinical::History {
                    profile: &Profile::default(),
                    checkins: &[],
                    completions: &[],
                    tests: &[],
                    phases: &[],
                    outcomes: &[],
                    runs: &[],
                    loaded_from: None,
                },
                "2026-11-21".parse().unwrap(),
            ),
            checkins: None,
            runs: Vec::new(),
            tests: vec![],
            plan_history: vec![],
            window: Default::default(),
            adherence: Default::default(),
            week: Default::default(),
            outcomes: vec![],
            day_date: None,
            day: vec![],
        }
    }

    #[test]
    fn only_new_unacknowledged_alarms_count() {
        let before = vec![flag(RuleId::Dvt, Level::Urgent, "2026-11-20")];
        let after = vec![
            flag(RuleId::SeverePain, Level::Soon, "2026-11-21"),
            flag(RuleId::Dvt, Level::Urgent, "2026-11-20"),
            flag(RuleId::Rupture, Level::Urgent, "2026-11-21"),
            flag(RuleId::PeSigns, Level::Emergency, "2026-11-21"),
        ];
        let fresh = new_alarms(&before, &after, &data(vec![]));
        let rules: Vec<RuleId> = fresh.iter().map(|f| f.rule).collect();
        assert_eq!(rules, vec![RuleId::PeSigns, RuleId::Rupture]);
        let ack = Acknowledgement {
            rule: "pe-signs".into(),
            leg: Leg::Left,
            date: "2026-11-21".parse().unwrap(),
            acknowledged_at: "2026-11-21T08:00:00".parse().unwrap(),
        };
        let fresh = new_alarms(&before, &after, &data(vec![ack]));
        assert_eq!(fresh.len(), 1);
        assert_eq!(fresh[0].rule, RuleId::Rupture);
    }

    #[test]
    fn an_open_warning_alarms_again_only_when_its_level_rises() {
        let mut open = flag(RuleId::Infection, Level::Urgent, "2026-11-21");
        open.since = "2026-11-19".parse().unwrap();
        let mut before = open.clone();
        before.date = "2026-11-19".parse().unwrap();
        // A later entry with the same sign moves `date`, not `since`: no alarm.
        assert!(new_alarms(&[before.clone()], &[open.clone()], &data(vec![])).is_empty());
        let mut raised = open.clone();
        raised.level = Level::Emergency;
        assert_eq!(new_alarms(&[before], &[raised], &data(vec![])).len(), 1);
        // Acknowledged by its first day: no alarm after a restart either.
        let ack = Acknowledgement {
            rule: "infection".into(),
            leg: Leg::Left,
            date: "2026-11-19".parse().unwrap(),
            acknowledged_at: "2026-11-19T08:00:00".parse().unwrap(),
        };
        assert!(new_alarms(&[], &[open], &data(vec![ack])).is_empty());
    }
}
