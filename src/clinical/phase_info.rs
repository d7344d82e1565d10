//! The five recovery phases by number and name (see docs/clinical-rules.md,
//! phases and return to running).

use serde::Serialize;

/// A recovery phase: its number (1-5) and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PhaseInfo {
    pub number: u8,
    pub name: &'static str,
}

impl PhaseInfo {
    pub const NAMES: [&'static str; 5] = ["Protect", "Mobility", "Strength", "Return to run", "Running"];
    /// Where every recovery starts, until the user confirms a move.
    pub const PROTECT: PhaseInfo = PhaseInfo {
        number: 1,
        name: Self::NAMES[0],
    };

    /// Phase `number`, or `None` outside 1-5.
    pub fn of(number: u8) -> Option<PhaseInfo> {
        let name = Self::NAMES.get(usize::from(number).checked_sub(1)?)?;
        Some(PhaseInfo { number, name })
    }

    pub(super) fn next(self) -> Option<PhaseInfo> {
        PhaseInfo::of(self.number.checked_add(1)?)
    }
}
