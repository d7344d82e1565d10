//! The clinical engine: red-flag rules, the traffic light and the recovery
//! phases (see docs/clinical-rules.md). Pure functions of a journal's
//! history and a date: no I/O, no clock. It only ever escalates; it never
//! reassures.
//!
//! This file only names the modules and what they export. Each module uses
//! only `domain` and the modules listed before it here:
//!
//! - `history`, `assessment`, `signs`, `text`, `phase_info`, `distance`: what
//!   the engine reads and says, the words it says it in, and its distances
//!   in the config's unit;
//! - `days`, `load`: a leg's check-ins by day, and the runs by day;
//! - `rules`: the red-flag rules on one entry and the trend rules;
//! - `warning`, then `open`: one rule's open warning and outcome, and the
//!   replay of a leg's history that keeps warnings open;
//! - `guidance`: the load light, given the flags;
//! - `evaluate`: every rule for both legs, and the light beside them;
//! - `pause`, `phases`, `adherence`: what the flags pause, the phase
//!   criteria, and how much of the plan was done;
//! - `removed`: the open warnings an edit of a check-in takes away.

mod adherence;
mod assessment;
mod days;
mod distance;
mod evaluate;
mod guidance;
mod history;
mod load;
mod open;
mod pause;
mod phase_info;
mod phases;
#[cfg(test)]
mod properties;
mod removed;
mod rules;
mod signs;
#[cfg(test)]
mod testkit;
mod text;
mod warning;

/// The rule ids, levels and sign names live in `domain`, which validates
/// stored outcomes with them; they are the engine's words too.
pub use crate::domain::{Level, RuleId, is_rule_id, is_sign_name};

pub use adherence::{Adherence, ExerciseAdherence, adherence, adherence_with, partial_sets, week_adherence};
pub use assessment::{Assessment, Flag, Guidance, Light};
pub use distance::{format_km, in_units, km_text, run_cap_line};
pub use evaluate::{assess, flags, guidance, presentation_of, warning_marks};
pub use guidance::LIGHT_SOURCE;
pub use history::{History, LOADED_DAYS, LOOKBACK_DAYS, OwnedHistory, dated_between};
pub use load::{longest_run_before, run_cap_km};
pub use open::{
    Episode, EpisodeEnd, NOT_SEEN_CLOSE, StaleFiring, episodes, held, history_is_complete, legs_needing_older,
    stale_firings,
};
pub use pause::{Pause, paused_by, paused_tags};
pub use phase_info::PhaseInfo;
pub use phases::{Criterion, PhaseStatus, Symmetry, limb_symmetry, phase_status};
pub use removed::{removed, removed_by_edit, removed_line};
pub use text::{Explanation, explain};
