//! Facts about the person that hold on every date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::{Leg, ValidationError};

/// Which calf is being rehabilitated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InjuredLeg {
    Left,
    Right,
    Both,
}

impl InjuredLeg {
    pub fn name(self) -> &'static str {
        match self {
            InjuredLeg::Left => "left",
            InjuredLeg::Right => "right",
            InjuredLeg::Both => "both",
        }
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<InjuredLeg, ValidationError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "left" | "l" => Ok(InjuredLeg::Left),
            "right" | "r" => Ok(InjuredLeg::Right),
            "both" | "b" => Ok(InjuredLeg::Both),
            _ => Err(ValidationError::new(field, "left, right or both", raw)),
        }
    }

    /// The single leg to default to, when there is exactly one.
    pub fn single(self) -> Option<Leg> {
        match self {
            InjuredLeg::Left => Some(Leg::Left),
            InjuredLeg::Right => Some(Leg::Right),
            InjuredLeg::Both => None,
        }
    }

    /// Whether `leg` is (one of) the injured leg(s).
    pub fn includes(self, leg: Leg) -> bool {
        self.single().is_none_or(|l| l == leg)
    }
}

/// The largest usual weekly distance the profile accepts, km.
pub const MAX_BASELINE_KM: f64 = 1000.0;

impl Profile {
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let Some(km) = self.baseline_km {
            super::check_decimal("baseline_km", km, MAX_BASELINE_KM)?;
        }
        Ok(())
    }
}

impl fmt::Display for InjuredLeg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One per journal. `clot_history`, `cancer` and `clot_risk` are DVT risk factors that the
/// clinical rules apply on every date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub leg: InjuredLeg,
    #[serde(default)]
    pub injury_date: Option<NaiveDate>,
    #[serde(default)]
    pub clot_history: bool,
    #[serde(default)]
    pub cancer: bool,
    /// Oestrogen as the pill or HRT, pregnant or given birth in the last 6
    /// weeks, or a known clotting disorder: a clot risk factor (see
    /// docs/clinical-rules.md, the red-flag rules).
    #[serde(default)]
    pub clot_risk: bool,
    /// Taking an anticoagulant: read by the `bleed` rule.
    #[serde(default)]
    pub blood_thinners: bool,
    /// The usual weekly running distance before the injury, km: what the
    /// first runs back are measured against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_km: Option<f64>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            leg: InjuredLeg::Both,
            injury_date: None,
            clot_history: false,
            cancer: false,
            clot_risk: false,
            blood_thinners: false,
            baseline_km: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_leg_default() {
        assert_eq!(InjuredLeg::Left.single(), Some(Leg::Left));
        assert_eq!(InjuredLeg::Both.single(), None);
        assert!(InjuredLeg::Both.includes(Leg::Right));
        assert!(!InjuredLeg::Left.includes(Leg::Right));
    }

    #[test]
    fn parse_refuses_unknown() {
        assert_eq!(InjuredLeg::parse("leg", "BOTH").unwrap(), InjuredLeg::Both);
        let err = InjuredLeg::parse("leg", "middle").unwrap_err();
        assert!(err.to_string().contains("left, right or both"));
    }
}
