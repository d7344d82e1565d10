//! The traffic light in words.

use crate::clinical::Light;

use crate::ui::widgets::theme::Meaning;

/// The light as a symbol, a word and what it asks, so it reads without colour.
pub fn light_text(light: Light) -> (&'static str, Meaning) {
    match light {
        Light::Green => ("● GREEN: progress a step", Meaning::LightGreen),
        Light::Amber => ("◐ AMBER: hold the load", Meaning::LightAmber),
        Light::Red => ("■ RED: back off a step", Meaning::LightRed),
        Light::Unknown => ("○ UNKNOWN: not enough recent pain scores", Meaning::LightUnknown),
        Light::Stop => ("■ STOP: follow the warning first", Meaning::LightRed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_light_has_a_word() {
        for light in [Light::Green, Light::Amber, Light::Red, Light::Unknown] {
            let (text, _) = light_text(light);
            assert!(text.contains(&light.name().to_uppercase()), "{text}");
        }
    }
}
