//! The report as one self-contained HTML page: inline CSS and inline SVG, no
//! scripts, no links to fetch, laid out to print on one A4 sheet.

use std::fmt::Write;

use html_escape::encode_text;

use super::cells::{phase_label, test_cells, week_cells};
use super::{Report, charts};

const STYLE: &str = "
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.35 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111; max-width: 190mm; margin: 0 auto; padding: 8px; }
h1 { font-size: 16pt; margin: 0 0 2px; }
h2 { font-size: 11.5pt; margin: 12px 0 4px; border-bottom: 1px solid #999; }
p.meta, p.note-disclaimer { margin: 0; color: #444; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.week { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.level-emergency, .level-urgent { font-weight: bold; }
figure { margin: 2px 0; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444; }
ul.notes { margin: 0; padding-left: 18px; font-size: 9.5pt; }
.cols { display: flex; gap: 12px; }
.cols > div { flex: 1; }
@media print { body { font-size: 9pt; padding: 0; } h2 { margin-top: 8px; break-after: avoid; } figure, table { break-inside: avoid; } }
";

/// Renders the whole page.
pub fn to_html(report: &Report) -> String {
    let mut h = String::new();
    let _ = write_page(&mut h, report);
    h
}

fn write_page(h: &mut String, r: &Report) -> std::fmt::Result {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(h, "<title>soleus report {} to {}</title>", r.from, r.today)?;
    writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(h, "<h1>Calf recovery report</h1>")?;
    writeln!(
        h,
        "<p class=\"meta\">{} to {} ({} days) · self-recorded by the patient in soleus · printed {}</p>",
        r.from,
        r.today,
        (r.today - r.from).num_days() + 1,
        r.today
    )?;
    writeln!(
        h,
        "<p class=\"note-disclaimer\">Self-reported scores on a 0–10 scale. The app does not diagnose; its warnings are prompts to seek assessment.</p>"
    )?;

    writeln!(h, "<div class=\"cols\"><div>\n<h2>Profile</h2>\n<table>")?;
    let injury = r
        .profile
        .injury_date
        .map_or("not recorded".to_owned(), |d| d.to_string());
    writeln!(h, "<tr><th>Injured leg</th><td>{}</td></tr>", r.profile.leg)?;
    writeln!(h, "<tr><th>Injury date</th><td>{injury}</td></tr>")?;
    writeln!(
        h,
        "<tr><th>Previous DVT or clot on the lung</th><td>{}</td></tr>",
        yes_no(r.profile.clot_history)
    )?;
    writeln!(
        h,
        "<tr><th>Active cancer (last 6 months)</th><td>{}</td></tr>",
        yes_no(r.profile.cancer)
    )?;
    writeln!(
        h,
        "<tr><th>Other clot risk (oestrogen pill or HRT, pregnancy or birth in the last 6 weeks, a clotting disorder)</th><td>{}</td></tr>",
        yes_no(r.profile.clot_risk)
    )?;
    writeln!(
        h,
        "<tr><th>Blood thinners (an anticoagulant)</th><td>{}</td></tr>",
        yes_no(r.profile.blood_thinners)
    )?;
    if let Some(usual) = r.usual_running() {
        writeln!(h, "<tr><th>Usual running before the injury</th><td>{usual}</td></tr>")?;
    }
    writeln!(h, "<tr><th>Current phase</th><td>{}</td></tr>", phase_label(r.phase))?;
    writeln!(h, "</table>\n</div><div>\n<h2>Exercise plan</h2>\n<table>")?;
    let percent = r.adherence.percent().map_or("–".to_owned(), |p| format!("{p:.0}%"));
    writeln!(
        h,
        "<tr><th>Exercises in the plan</th><td class=\"num\">{}</td></tr>",
        r.adherence.planned_per_day
    )?;
    writeln!(
        h,
        "<tr><th>Done in the period</th><td class=\"num\">{} of {}</td></tr>",
        r.adherence.done, r.adherence.possible
    )?;
    writeln!(h, "<tr><th>Adherence</th><td class=\"num\">{percent}</td></tr>")?;
    writeln!(h, "</table>\n</div></div>")?;
    writeln!(h, "<h2>Exercise plan and adherence</h2>")?;
    writeln!(
        h,
        "<table>\n<tr><th>Exercise</th><th>Dose</th><th>Done in the period</th><th>Paused days</th></tr>"
    )?;
    for line in &r.adherence.plan {
        let left = if line.current { "" } else { " (left the plan)" };
        writeln!(
            h,
            "<tr><td>{}{left}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            encode_text(&line.name),
            encode_text(&line.dose_text()),
            line.figure(),
            line.paused_days
        )?;
    }
    writeln!(h, "</table>")?;

    writeln!(h, "<h2>Warnings in the period</h2>")?;
    if r.warnings.is_empty() {
        writeln!(h, "<p>No warning signs were raised by the entries in this period.</p>")?;
    } else {
        writeln!(
            h,
            "<table class=\"warnings\">\n<tr><th>Dates</th><th>Level</th><th>Leg</th><th>Warning</th><th>Because</th><th>Outcome</th></tr>"
        )?;
        for w in &r.warnings {
            let dates = w.dates();
            writeln!(
                h,
                "<tr class=\"level-{level}\"><td>{dates}</td><td>{LEVEL}</td><td>{leg}</td><td>{title} <small>({rule})</small></td><td>{because}</td><td>{outcome}</td></tr>",
                level = w.level.name(),
                LEVEL = w.level.name().to_uppercase(),
                leg = w.leg,
                title = encode_text(&w.title),
                rule = w.rule,
                because = encode_text(&w.because.join("; ")),
                outcome = encode_text(&w.outcome),
            )?;
        }
        writeln!(h, "</table>")?;
    }

    writeln!(h, "<h2>Pain and tightness, {} calf</h2>", r.leg)?;
    figure(
        h,
        charts::pain_chart(r),
        "Daily scores 0–10; days without an entry are skipped, not read as 0.",
    )?;
    writeln!(h, "<h2>Running load, {} per day</h2>", r.units.name())?;
    figure(h, charts::load_chart(r), "")?;

    writeln!(h, "<h2>Weekly means, {} calf</h2>\n<table class=\"weeks\">", r.leg)?;
    writeln!(
        h,
        "<tr><th>Week</th><th>Entries</th><th>Pain at rest</th><th>Pain walking</th><th>Tightness</th><th>Morning</th><th>{} run</th><th>Running min</th><th>Climb {}</th><th>Cross-training min</th></tr>",
        r.units.name(),
        super::climb_unit(r.units)
    )?;
    for w in &r.weeks {
        row(h, &week_cells(w, r.units), 1)?;
    }
    writeln!(h, "</table>")?;

    writeln!(h, "<h2>Single-leg heel-raise tests</h2>")?;
    if r.tests.is_empty() {
        writeln!(h, "<p>No capacity tests in this period.</p>")?;
    } else {
        writeln!(
            h,
            "<table class=\"tests\">\n<tr><th>Date</th><th>Test</th><th>Injured leg</th><th>Other leg</th><th>Symmetry</th></tr>"
        )?;
        for t in &r.tests {
            row(h, &test_cells(t), 2)?;
        }
        writeln!(
            h,
            "</table>\n<p class=\"meta\">Symmetry = injured ÷ other × 100. Return-to-run target: 25+ raises and 90% or more; full return: 30+ raises, within 10%.</p>"
        )?;
    }

    writeln!(h, "<h2>Patient's notes</h2>")?;
    if r.notes.is_empty() {
        writeln!(h, "<p>No notes in this period.</p>")?;
    } else {
        writeln!(h, "<ul class=\"notes\">")?;
        for (date, leg, note) in &r.notes {
            writeln!(
                h,
                "<li><b>{date}</b> ({leg}): {}</li>",
                encode_text(&crate::sanitize::strip_controls(note))
            )?;
        }
        writeln!(h, "</ul>")?;
    }
    writeln!(h, "</body>\n</html>")
}

/// One table row; cells from `text_columns` on are numbers, right-aligned.
fn row(h: &mut String, cells: &[String], text_columns: usize) -> std::fmt::Result {
    h.push_str("<tr>");
    for (i, cell) in cells.iter().enumerate() {
        let class = match i {
            0 if text_columns == 1 => " class=\"week\"",
            i if i >= text_columns => " class=\"num\"",
            _ => "",
        };
        write!(h, "<td{class}>{}</td>", encode_text(cell))?;
    }
    h.push_str("</tr>\n");
    Ok(())
}

fn figure(h: &mut String, svg: Result<String, String>, caption: &str) -> std::fmt::Result {
    match svg {
        Ok(svg) if caption.is_empty() => writeln!(h, "<figure>\n{svg}\n</figure>"),
        Ok(svg) => writeln!(h, "<figure>\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>"),
        Err(e) => writeln!(h, "<p>(chart could not be drawn: {})</p>", encode_text(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::sample;
    use super::*;

    #[test]
    fn notes_are_escaped_and_no_scripts_or_links() {
        let html = to_html(&sample());
        assert!(html.contains("stairs &lt;hard&gt; &amp; slow"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("http://") && !html.contains("https://") || html.contains("xmlns"));
        assert!(html.contains("<svg"));
    }
}
