//! What the engine says about a date: the warnings (flags), the load light
//! and its reasons, and the two together as one assessment.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Leg, Level, RuleId, Symptoms};

/// One warning: which rule, for which leg, from which entry, and what to do.
/// Field order is the JSON order of `soleus flags --json` (see
/// docs/command-line.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub rule: RuleId,
    pub level: Level,
    pub leg: Leg,
    /// The latest entry that showed the sign (`D` for trend rules).
    pub date: NaiveDate,
    /// The first day of the open warning (see docs/clinical-rules.md, open
    /// warnings and outcomes); `date` otherwise.
    pub since: NaiveDate,
    pub title: String,
    pub advice: String,
    pub because: Vec<String>,
    /// The symptoms of the entries that fired it (not in the JSON): what
    /// the pauses of exercises under a warning read (`severe-pain` with
    /// `no-weight` pauses walking too; see docs/clinical-rules.md,
    /// exercises under a warning).
    #[serde(skip)]
    pub symptoms: Symptoms,
}

impl Flag {
    /// True when the flag is an open warning (see docs/clinical-rules.md,
    /// open warnings and outcomes): any
    /// single-entry rule, which stays until an outcome is recorded or enough
    /// check-ins come without it (14, 28 for `bone`, 7 for other soon ones).
    pub fn is_open_warning(&self) -> bool {
        self.rule.is_single_entry()
    }
}

/// The load light (see docs/clinical-rules.md, the load light).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Amber,
    Red,
    Unknown,
    /// A warning of level soon or higher is active: follow it first.
    Stop,
}

impl Light {
    pub fn name(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Amber => "amber",
            Light::Red => "red",
            Light::Unknown => "unknown",
            Light::Stop => "stop",
        }
    }

    /// What the light asks of the next session (Silbernagel et al. 2007).
    pub fn action(self) -> &'static str {
        match self {
            Light::Green => "progress one step",
            Light::Amber => "hold the load where it is",
            Light::Red => "back off one step",
            Light::Unknown => "not enough recent entries to judge the load",
            Light::Stop => "follow the warning first: no running and no progression",
        }
    }
}

/// The load guidance with the reasons behind it (see
/// docs/clinical-rules.md, the load light).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guidance {
    pub light: Light,
    pub because: Vec<String>,
}

/// What `flags --json` prints (see docs/command-line.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub date: NaiveDate,
    pub flags: Vec<Flag>,
    pub guidance: Guidance,
    /// What pauses exercises on `date` (not in the JSON; see
    /// docs/clinical-rules.md, exercises under a warning): the
    /// active flags and, after a `not-seen` close of an emergency or urgent
    /// warning, the closed warning until a clean check-in of its leg
    /// ([`held`](super::held)), most urgent first. Pass this,
    /// not `flags`, to [`paused_by`](super::paused_by).
    #[serde(skip)]
    pub pausing: Vec<Flag>,
}

impl Assessment {
    /// The most urgent warning, if any.
    pub fn most_urgent(&self) -> Option<&Flag> {
        self.flags.first()
    }
}
