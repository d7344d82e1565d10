//! Going somewhere: another tab, day or leg, an entry from History, or
//! away. When that would drop unsaved changes in the form, the app asks
//! first ([`Modal::Unsaved`]) and goes on once they are saved or discarded.

use chrono::NaiveDate;

use crate::domain::Leg;

use crate::ui::dialogs::Modal;
use crate::ui::keys::{self, Command, Context};
use crate::ui::tabs::Tab;

use super::App;
use super::effect::Tone;

/// Where the user wants to go when unsaved changes stand in the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Tab(Tab),
    Day(NaiveDate),
    Leg(Leg),
    /// Edit this entry from History; saving it goes back to that row.
    Open(NaiveDate, Leg),
    Quit,
}

impl App {
    /// Goes where `pending` says, asking first when that would drop
    /// unsaved changes in the form.
    pub(in crate::ui) fn go(&mut self, pending: Pending) {
        let leaves_form = match pending {
            Pending::Tab(tab) => tab != Tab::CheckIn,
            Pending::Day(_) | Pending::Leg(_) | Pending::Open(..) | Pending::Quit => true,
        };
        if leaves_form && self.form.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.perform(pending);
        }
    }

    pub(super) fn perform(&mut self, pending: Pending) {
        match pending {
            Pending::Tab(tab) => self.switch_tab(tab),
            Pending::Day(date) => {
                self.return_to = None;
                self.load_form(date, self.form.leg);
            }
            Pending::Leg(leg) => {
                self.return_to = None;
                self.load_form(self.form.date, leg);
            }
            Pending::Open(date, leg) => {
                self.load_form(date, leg);
                self.switch_tab(Tab::CheckIn);
                self.return_to = Some((date, leg));
                self.say(
                    Tone::Info,
                    format!(
                        "Editing the {leg} calf check-in of {date} · {} saves and goes back to History",
                        keys::key(Context::CheckIn, Command::Save)
                    ),
                );
            }
            Pending::Quit => self.quit = true,
        }
    }

    fn switch_tab(&mut self, tab: Tab) {
        if tab != Tab::CheckIn {
            self.return_to = None;
        }
        self.tab = tab;
        if tab.needs_checkins() {
            match self.data.ensure_checkins(&*self.storage, self.today) {
                Ok(true) => {
                    self.data.set_units(self.units);
                    self.trends_cache.clear();
                }
                Ok(false) => {}
                Err(err) => self.failed("Could not read the check-ins", &err),
            }
        }
    }
}
