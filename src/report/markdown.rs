//! The report as Markdown, for pasting into a message to a clinician.

use std::fmt::Write;

use super::Report;
use super::doc::{Block, blocks};

/// Renders the report in the page's order (see [`super::doc`]), every
/// row of every section: Markdown has no pages. Every cell is escaped, so
/// the user's text is literal.
pub fn to_markdown(report: &Report) -> String {
    let mut m = String::new();
    let _ = write_markdown(&mut m, report);
    m
}

fn write_markdown(m: &mut String, r: &Report) -> std::fmt::Result {
    let text = crate::sanitize::markdown_text;
    for block in blocks(r, false) {
        match block {
            Block::Title(title) => writeln!(m, "# {title}, {} to {}\n", r.from, r.today)?,
            Block::Meta(line) | Block::Text(line) | Block::More(line) => writeln!(m, "{}\n", text(&line))?,
            Block::Facts(facts) => {
                for (label, value) in facts {
                    writeln!(m, "- {}: {}", text(&label), text(&value))?;
                }
                writeln!(m)?;
            }
            Block::Heading(heading) => writeln!(m, "## {}\n", text(&heading))?,
            Block::Table(table) => {
                writeln!(
                    m,
                    "| {} |",
                    table.head.iter().map(|h| text(h)).collect::<Vec<_>>().join(" | ")
                )?;
                let rule: Vec<&str> = (0..table.head.len())
                    .map(|i| if i >= table.numeric_from { "--:" } else { "---" })
                    .collect();
                writeln!(m, "|{}|", rule.join("|"))?;
                for (row, strong) in table.rows.iter().zip(&table.strong) {
                    let cells: Vec<String> = row
                        .iter()
                        .enumerate()
                        .map(|(i, c)| match (i, strong) {
                            (1, true) => format!("**{}**", text(c)),
                            _ => text(c),
                        })
                        .collect();
                    writeln!(m, "| {} |", cells.join(" | "))?;
                }
                writeln!(m)?;
            }
            Block::Chart | Block::Overflow(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixture::sample;
    use super::*;

    #[test]
    fn markdown_has_every_section_in_the_pages_order() {
        let md = to_markdown(&sample());
        let mut at = 0;
        for heading in [
            "# Calf recovery report, 2026-06-01 to 2026-06-10",
            "## Warnings in the period",
            "## Signs by day",
            "## Pain and tightness, left calf",
            "## Running (km)",
            "## Single-leg heel-raise tests",
            "## Exercise plan and adherence",
            "## Latest notes",
        ] {
            let found = md[at..]
                .find(heading)
                .unwrap_or_else(|| panic!("missing or out of order {heading}:\n{md}"));
            at += found;
        }
        assert!(md.contains("| 8 Jun – 10 Jun | 2 | 1.0 | 1.5 | – | – | – |"), "{md}");
        assert!(
            md.contains("| 2026-06-08 | heel raise, knee straight | 18 | 30 | 60% |"),
            "{md}"
        );
        assert!(
            md.contains("| 2026-06-02 | left | stairs \\<hard\\> \\& slow |"),
            "{md}"
        );
        assert!(md.contains("- Phase: 2 – Mobility, since 2026-06-06"), "{md}");
        // 14 days asked, but the journal starts on 2026-06-01: 10 count.
        assert!(md.contains("2 of 10 sessions asked in the period done (20%)"), "{md}");
        assert!(md.contains("| mobility | 2/10 (20%) |"), "{md}");
        assert!(
            !md.contains("| Ankle pumps |"),
            "the full table only under --detail:\n{md}"
        );
    }

    #[test]
    fn the_full_plan_table_comes_with_detail() {
        let mut r = sample();
        r.detail = true;
        let md = to_markdown(&r);
        assert!(md.contains("| Ankle pumps | x | 2/10 (20%) | 0 |"), "{md}");
    }
}
