//! The report as Markdown, for pasting into a message to a clinician.

use std::fmt::Write;

use super::Report;
use super::cells::{phase_label, test_cells, week_cells};

/// Renders the report; tables use GitHub-flavoured pipes.
pub fn to_markdown(report: &Report) -> String {
    let mut m = String::new();
    let _ = write_markdown(&mut m, report);
    m
}

fn write_markdown(m: &mut String, r: &Report) -> std::fmt::Result {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    writeln!(m, "# Calf recovery report, {} to {}", r.from, r.today)?;
    writeln!(m)?;
    writeln!(
        m,
        "Self-reported in soleus (scores 0–10). The app does not diagnose; its warnings are prompts to seek assessment."
    )?;
    writeln!(m)?;
    let injury = r
        .profile
        .injury_date
        .map_or("not recorded".to_owned(), |d| d.to_string());
    writeln!(m, "- Injured leg: {}; injury date: {injury}", r.profile.leg)?;
    writeln!(
        m,
        "- Previous DVT or clot on the lung: {}; active cancer: {}",
        yes_no(r.profile.clot_history),
        yes_no(r.profile.cancer)
    )?;
    writeln!(
        m,
        "- Other clot risk (oestrogen pill or HRT, pregnant or given birth in the last 6 weeks, a clotting disorder): {}; blood thinners (an anticoagulant): {}",
        yes_no(r.profile.clot_risk),
        yes_no(r.profile.blood_thinners)
    )?;
    if let Some(usual) = r.usual_running() {
        writeln!(m, "- Usual running before the injury: {usual}")?;
    }
    writeln!(m, "- Current phase: {}", phase_label(r.phase))?;
    let percent = r.adherence.percent().map_or("–".to_owned(), |p| format!("{p:.0}%"));
    writeln!(
        m,
        "- Exercise plan: {} exercises, {} of {} sessions done ({percent})",
        r.adherence.planned_per_day, r.adherence.done, r.adherence.possible
    )?;
    writeln!(m)?;
    writeln!(m, "## Exercise plan and adherence")?;
    writeln!(m)?;
    writeln!(
        m,
        "Sessions done of sessions asked, counting each exercise only while it was in the plan \
         and not on days a warning paused it."
    )?;
    writeln!(m)?;
    writeln!(m, "| Exercise | Dose | Done in the period | Paused days |")?;
    writeln!(m, "|---|---|---|---|")?;
    for line in &r.adherence.plan {
        let name = if line.current {
            crate::sanitize::markdown_text(&line.name)
        } else {
            format!("{} (left the plan)", crate::sanitize::markdown_text(&line.name))
        };
        writeln!(
            m,
            "| {name} | {} | {} | {} |",
            crate::sanitize::markdown_text(&line.dose_text()),
            line.figure(),
            line.paused_days
        )?;
    }
    writeln!(m)?;

    writeln!(m, "## Warnings in the period")?;
    writeln!(m)?;
    if r.warnings.is_empty() {
        writeln!(m, "No warning signs were raised by the entries in this period.")?;
    }
    for w in &r.warnings {
        let dates = w.dates();
        writeln!(
            m,
            "- **{}** {dates}, {} calf: {} ({}) — {} — outcome: {}",
            w.level.name().to_uppercase(),
            w.leg,
            w.title,
            w.rule,
            w.because.join("; "),
            w.outcome
        )?;
    }
    writeln!(m)?;

    writeln!(m, "## Weekly means, {} calf", r.leg)?;
    writeln!(m)?;
    writeln!(
        m,
        "| Week | Entries | Rest | Walking | Tightness | Morning | {} run | Running min | Climb {} | Cross-training min |",
        r.units.name(),
        super::climb_unit(r.units)
    )?;
    writeln!(m, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")?;
    for w in &r.weeks {
        writeln!(m, "| {} |", week_cells(w, r.units).join(" | "))?;
    }
    writeln!(m)?;

    writeln!(m, "## Single-leg heel-raise tests")?;
    writeln!(m)?;
    if r.tests.is_empty() {
        writeln!(m, "No capacity tests in this period.")?;
    } else {
        writeln!(m, "| Date | Test | Injured | Other | Symmetry |")?;
        writeln!(m, "|---|---|--:|--:|--:|")?;
        for t in &r.tests {
            writeln!(m, "| {} |", test_cells(t).join(" | "))?;
        }
    }
    writeln!(m)?;

    writeln!(m, "## Notes")?;
    writeln!(m)?;
    if r.notes.is_empty() {
        writeln!(m, "No notes in this period.")?;
    }
    for (date, leg, note) in &r.notes {
        writeln!(m, "- {date} ({leg}): {}", crate::sanitize::markdown_text(note))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixture::sample;
    use super::*;

    #[test]
    fn markdown_has_every_section_and_values() {
        let md = to_markdown(&sample());
        for heading in [
            "# Calf recovery report, 2026-05-28 to 2026-06-10",
            "## Warnings",
            "## Weekly means, left calf",
            "## Single-leg heel-raise tests",
            "## Notes",
        ] {
            assert!(md.contains(heading), "missing {heading}:\n{md}");
        }
        assert!(
            md.contains("| 8 Jun – 10 Jun | 2 | 1.0 | 1.5 | – | – | 6.5 | 0 |"),
            "{md}"
        );
        assert!(
            md.contains("| 2026-06-08 | heel raise, knee straight | 18 | 30 | 60% |"),
            "{md}"
        );
        assert!(md.contains("- 2026-06-02 (left): stairs \\<hard\\> \\& slow"), "{md}");
        assert!(md.contains("Current phase: 2 – Mobility"));
        // 14 days asked, but the journal starts on 2026-06-01: 10 count.
        assert!(md.contains("2 of 10 sessions done (20%)"), "{md}");
        assert!(md.contains("| Ankle pumps | x | 2/10 (20%) | 0 |"), "{md}");
    }
}
