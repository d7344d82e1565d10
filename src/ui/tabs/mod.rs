//! The four tabs. Each keeps its own state, changes it in its `update`
//! from a key and the read-only [`View`](crate::ui::app::View), returns
//! [`Effect`](crate::ui::app::Effect)s for the app to carry out, and draws
//! itself in `render`: no tab takes `&mut App`.

pub mod checkin;
pub mod checklist;
pub mod history;
pub mod trends;

use crate::ui::keys::Context;

/// The four tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    CheckIn,
    Checklist,
    Trends,
    History,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::CheckIn, Tab::Checklist, Tab::Trends, Tab::History];

    /// The tab's name, as the tab bar shows it after its key.
    pub fn name(self) -> &'static str {
        match self {
            Tab::CheckIn => "Check-in",
            Tab::Checklist => "Checklist",
            Tab::Trends => "Trends",
            Tab::History => "History",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn offset(self, by: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }

    /// "F1 Check-in": the key that reaches the tab and its name, as the tab
    /// bar and the help overlay show it.
    pub fn title(self) -> &'static str {
        self.context().title()
    }

    pub fn context(self) -> Context {
        match self {
            Tab::CheckIn => Context::CheckIn,
            Tab::Checklist => Context::Checklist,
            Tab::Trends => Context::Trends,
            Tab::History => Context::History,
        }
    }

    /// Tabs that draw from every check-in.
    pub(crate) fn needs_checkins(self) -> bool {
        matches!(self, Tab::Trends | Tab::History)
    }
}
