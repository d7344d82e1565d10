//! The clinician report v2 (issue 21): one A4 page in the issue's order, as
//! HTML and PDF, with every warning, the signs by day, the runs and their
//! pain. Each finding of the issue has a test here on a generated journal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

use crate::kit::{Journal, mode, on};
use scraper::{Html, Selector};

const TODAY: &str = "2026-06-20";

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn rows(html: &str, table: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(html);
    // Every table of that class (page 1 and the overflow page), without
    // their header rows.
    select(&doc, &format!("table.{table} tr"))
        .into_iter()
        .map(|row| {
            row.select(&Selector::parse("td").unwrap())
                .map(|td| td.text().collect::<String>().trim().to_owned())
                .collect::<Vec<String>>()
        })
        .filter(|cells| !cells.is_empty())
        .collect()
}

fn checkin(j: &Journal, date: &str, rest: &str, walk: &str, extra: &[&str]) {
    let mut args = vec!["checkin", "--date", date, "--pain-rest", rest, "--pain-walk", walk];
    args.extend(extra);
    on(j, TODAY, &args);
}

/// Three weeks of use as a new user would: a profile with a usual week,
/// daily check-ins from 2026-05-31, runs with running pain, a phase change,
/// a soon swelling warning closed at a GP visit with a note, an urgent one
/// closed without an assessment, heel-raise tests and a few notes.
fn three_weeks() -> Journal {
    let j = Journal::new();
    on(
        &j,
        TODAY,
        &[
            "profile",
            "--leg",
            "left",
            "--injury-date",
            "2026-05-30",
            "--baseline-km",
            "30",
        ],
    );
    for d in 0..21 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 5, 31).unwrap() + chrono::Days::new(d);
        let date = date.to_string();
        // Pain 0 on the swelling's day: with pain it would be the dvt rule.
        let (rest, walk) = match d {
            4 | 6 => ("0", "0"),
            0..7 => ("3", "5"),
            _ => ("1", "2"),
        };
        let mut extra: Vec<&str> = Vec::new();
        if d >= 10 && d % 3 == 0 {
            extra.extend(["--run-km", "4", "--run-min", "25", "--pain-run", "3"]);
        }
        if d == 4 {
            extra.extend(["--symptom", "swelling"]);
        }
        if d == 5 {
            extra.extend(["--note", "calf feels tight on stairs"]);
        }
        checkin(&j, &date, rest, walk, &extra);
    }
    // 2026-06-04: swelling (soon); the GP visit closes it the next day.
    on(
        &j,
        TODAY,
        &[
            "outcome",
            "swelling",
            "--result",
            "cleared",
            "--date",
            "2026-06-05",
            "--note",
            "Same GP visit: no clot",
        ],
    );
    // The swelling is back after the visit: the outcome covers it, so no
    // warning, but the signs still show by day.
    checkin(&j, "2026-06-06", "0", "0", &["--symptom", "swelling"]);
    on(&j, TODAY, &["phase", "set", "2", "--date", "2026-06-08"]);
    for (leg, reps) in [("left", "20"), ("right", "28")] {
        on(
            &j,
            TODAY,
            &[
                "test",
                "heel-raise-straight",
                "--leg",
                leg,
                "--reps",
                reps,
                "--date",
                "2026-06-15",
            ],
        );
    }
    j
}

#[test]
fn the_sections_come_in_the_issues_order_in_html_and_markdown() {
    let j = three_weeks();
    let html = on(&j, TODAY, &["report", "--format", "html"]);
    let doc = Html::parse_document(&html);
    let headings: Vec<String> = select(&doc, "h2").iter().map(|h| h.text().collect()).collect();
    assert_eq!(
        headings,
        [
            "Warnings in the period",
            "Signs by day",
            "Pain and tightness, left calf",
            "Running (km)",
            "Single-leg heel-raise tests",
            "Exercise plan and adherence",
            "Latest notes"
        ]
    );
    let md = on(&j, TODAY, &["report"]);
    let md_headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(md_headings, headings);
}

#[test]
fn the_header_has_the_period_leg_injury_phase_with_its_date_and_the_light() {
    let j = three_weeks();
    let html = on(&j, TODAY, &["report", "--format", "html"]);
    let doc = Html::parse_document(&html);
    let facts: Vec<(String, String)> = select(&doc, "dl.facts dt")
        .iter()
        .zip(select(&doc, "dl.facts dd"))
        .map(|(dt, dd)| (dt.text().collect(), dd.text().collect()))
        .collect();
    let fact = |label: &str| {
        facts
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{label}: {facts:?}"))
    };
    // 28 days asked, but the journal starts on 2026-05-31.
    assert!(
        fact("Period").starts_with("2026-05-31 to 2026-06-20 (21 days"),
        "{facts:?}"
    );
    assert_eq!(fact("Injured leg"), "left");
    assert_eq!(fact("Injury date"), "2026-05-30");
    assert_eq!(fact("Phase"), "2 – Mobility, since 2026-06-08");
    let light = fact("Today's light");
    assert!(
        ["GREEN", "AMBER", "RED", "UNKNOWN", "STOP"]
            .iter()
            .any(|l| light.starts_with(l)),
        "{light}"
    );
}

#[test]
fn the_period_starts_at_the_first_entry_so_no_week_opens_empty() {
    let j = three_weeks();
    let md = on(&j, TODAY, &["report", "--days", "60"]);
    assert!(
        md.starts_with("# Calf recovery report, 2026-05-31 to 2026-06-20"),
        "{md}"
    );
    let html = on(&j, TODAY, &["report", "--days", "60", "--format", "html"]);
    let weeks = rows(&html, "weeks");
    // Monday weeks from Sunday 31 May: the first has that one day.
    assert_eq!(weeks[0][0], "31 May – 31 May", "{weeks:?}");
    assert_eq!(weeks.len(), 4, "{weeks:?}");
}

#[test]
fn every_warning_is_listed_with_its_outcome_note_and_a_close_without_assessment_is_marked() {
    let j = three_weeks();
    checkin(&j, "2026-06-18", "1", "2", &["--symptom", "pop"]);
    on(
        &j,
        TODAY,
        &["outcome", "rupture", "--result", "not-seen", "--date", "2026-06-18"],
    );
    let html = on(&j, TODAY, &["report", "--format", "html"]);
    let warnings = rows(&html, "warnings");
    let swelling = warnings
        .iter()
        .find(|r| r[3].contains("(swelling)"))
        .unwrap_or_else(|| panic!("the soon swelling warning: {warnings:?}"));
    assert_eq!(swelling[0], "4 Jun", "one line on page 1");
    assert_eq!(swelling[1], "SOON");
    assert!(swelling[5].starts_with("cleared on 2026-06-05"), "{swelling:?}");
    assert!(swelling[5].ends_with("Same GP visit: no clot"), "{swelling:?}");
    let rupture = warnings.iter().find(|r| r[3].contains("(rupture)")).unwrap();
    assert!(rupture[5].contains("CLOSED WITHOUT AN ASSESSMENT"), "{rupture:?}");
    assert!(!swelling[5].contains("CLOSED WITHOUT"), "{swelling:?}");

    let md = on(&j, TODAY, &["report"]);
    let line = md.lines().find(|l| l.contains("(swelling)")).unwrap();
    assert!(
        line.contains("| SOON |") && line.contains("Same GP visit: no clot"),
        "{line}"
    );
}

#[test]
fn signs_an_outcome_silenced_still_show_by_day() {
    let j = three_weeks();
    let html = on(&j, TODAY, &["report", "--format", "html"]);
    let signs = rows(&html, "signs");
    assert_eq!(
        signs,
        [["2026-06-04", "left", "swelling"], ["2026-06-06", "left", "swelling"]]
    );
}

#[test]
fn runs_are_listed_with_running_minutes_running_pain_weekly_totals_and_the_cap() {
    let j = three_weeks();
    let html = on(&j, TODAY, &["report", "--format", "html"]);
    let runs = rows(&html, "runs");
    // Runs 12, 15 and 18 days after 31 May: on 12, 15 and 18 June.
    assert_eq!(runs.len(), 3, "{runs:?}");
    assert_eq!(runs[0], ["2026-06-12", "4.0", "25", "3", "manual"]);
    let weeks = rows(&html, "weeks");
    let last = weeks.last().unwrap();
    // 15-20 June: runs on the 15th and 18th, 8 km of a usual 30.
    assert_eq!(last[..4], ["15 Jun – 20 Jun", "8.0", "50", "27%"], "{weeks:?}");
    assert!(
        html.contains("Run cap (1.1 × the longest run of the 30 days before 2026-06-20): 4.4 km (longest 4.0 km on"),
        "{html}"
    );
    // Running pain is a series of the chart: a polyline in its colour.
    let doc = Html::parse_document(&html);
    let svg = select(&doc, "figure svg");
    assert_eq!(svg.len(), 1);
    let run_lines = svg[0]
        .select(&Selector::parse("polyline[stroke='#6A1B9A']").unwrap())
        .count();
    assert!(run_lines >= 1, "a running-pain line");
}

#[test]
fn a_miles_config_shows_miles_in_the_runs_and_weeks() {
    let j = three_weeks();
    let config = j.dir.path().join("config.toml");
    fs::write(&config, "units = \"mi\"\n").unwrap();
    let out = j
        .cmd()
        .env("SOLEUS_TODAY", TODAY)
        .arg("--config")
        .arg(&config)
        .args(["report", "--format", "html"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).unwrap();
    let doc = Html::parse_document(&html);
    let heads: Vec<String> = select(&doc, "table.runs th")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(heads[1], "Distance mi");
    assert_eq!(rows(&html, "runs")[0][1], "2.5", "4 km in miles");
    assert!(html.contains("Running (mi)"));
    assert!(html.contains("2.7 mi (longest 2.5 mi on"), "the cap in miles");
}

#[test]
fn the_chart_legend_sits_outside_the_data_and_marks_warnings_and_phases() {
    let j = three_weeks();
    let html = on(&j, TODAY, &["report", "--format", "html"]);
    let doc = Html::parse_document(&html);
    let svg = select(&doc, "figure svg")[0];
    let texts: Vec<(String, f64)> = svg
        .select(&Selector::parse("text").unwrap())
        .map(|t| {
            let y = t.value().attr("y").and_then(|y| y.parse().ok()).unwrap_or(f64::NAN);
            (t.text().collect::<String>().trim().to_owned(), y)
        })
        .collect();
    let legend_y = texts
        .iter()
        .find(|(t, _)| t == "pain walking")
        .map(|(_, y)| *y)
        .unwrap();
    // The legend strip is the top 22 px; the plot starts below it.
    assert!(legend_y < 22.0, "{texts:?}");
    assert!(
        texts.iter().any(|(t, y)| t == "P2" && *y > 22.0),
        "the phase change: {texts:?}"
    );
    assert!(
        texts.iter().any(|(t, y)| t == "S" && *y > 22.0),
        "the soon warning: {texts:?}"
    );
}

#[test]
fn adherence_is_one_line_per_kind_and_the_full_table_only_with_detail() {
    let j = three_weeks();
    // Ankle pumps are in the starting plan.
    on(&j, TODAY, &["done", "ankle-pumps", "--date", "2026-06-19"]);
    let html = on(&j, TODAY, &["report", "--format", "html"]);
    assert!(rows(&html, "plan").is_empty(), "no per-exercise table by default");
    let kinds = rows(&html, "kinds");
    assert!(kinds.iter().any(|k| k[0] == "mobility"), "{kinds:?}");
    let detailed = on(&j, TODAY, &["report", "--format", "html", "--detail"]);
    let plan = rows(&detailed, "plan");
    assert!(plan.iter().any(|p| p[0] == "Ankle pumps"), "{plan:?}");
}

/// The page count and the text of a PDF, parsed back.
fn read_pdf(bytes: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    (pages.len(), text)
}

#[test]
fn the_pdf_is_one_a4_page_with_the_sections_and_fonts_embedded() {
    let j = three_weeks();
    let out = j.dir.path().join("report.pdf");
    let said = on(
        &j,
        TODAY,
        &["report", "--format", "pdf", "--out", out.to_str().unwrap()],
    );
    assert!(said.contains("report written to"), "{said}");
    assert_eq!(mode(&out), 0o600);
    let bytes = fs::read(&out).unwrap();
    let (pages, text) = read_pdf(&bytes);
    assert_eq!(pages, 1, "{text}");
    for expected in [
        "Calf recovery report",
        "Warnings in the period",
        "Signs by day",
        "Running (km)",
        "Same GP visit: no clot",
        "Latest notes",
        "calf feels tight on stairs",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap();
    let size: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
    assert!(
        (size[2] - 595.28).abs() < 0.5 && (size[3] - 841.89).abs() < 0.5,
        "A4: {size:?}"
    );
    let fonts = doc.get_page_fonts(page).unwrap();
    assert!(!fonts.is_empty());
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/FontFile2"), "the font is embedded");

    // The same path again replaces the report soleus wrote, without --force.
    on(
        &j,
        TODAY,
        &["report", "--format", "pdf", "--out", out.to_str().unwrap()],
    );
    // A file soleus did not write is refused.
    let other = j.dir.path().join("other.pdf");
    fs::write(&other, b"%PDF-1.4 someone else's").unwrap();
    j.cmd()
        .env("SOLEUS_TODAY", TODAY)
        .args(["report", "--format", "pdf", "--out", other.to_str().unwrap()])
        .assert()
        .code(2);
    assert_eq!(fs::read(&other).unwrap(), b"%PDF-1.4 someone else's");
}

/// Many warnings and notes: what does not fit goes on a next page that
/// says so, in the PDF and the printed HTML; nothing is dropped.
#[test]
fn overflow_goes_to_a_second_page_that_says_so() {
    let j = three_weeks();
    // Seven more soon warnings (pain 0, so no higher rule takes them).
    let signs = [
        "worried",
        "bruising",
        "both-swollen",
        "bone-tender",
        "redness",
        "stretch-pain",
        "numbness",
    ];
    for d in 1..=12 {
        let date = format!("2026-06-{:02}", d + 7);
        let note = format!("note number {d}");
        let mut extra = vec!["--note", &note];
        if let Some(sign) = signs.get(d - 1) {
            extra.extend(["--symptom", sign]);
        }
        checkin(&j, &date, "0", "0", &extra);
    }
    let out = j.dir.path().join("long.pdf");
    on(
        &j,
        TODAY,
        &["report", "--format", "pdf", "--out", out.to_str().unwrap()],
    );
    let (pages, text) = read_pdf(&fs::read(&out).unwrap());
    assert!(pages >= 2, "{pages} pages");
    assert!(text.contains("earlier warnings on the next page"), "{text}");
    assert!(text.contains("earlier notes on the next page"), "{text}");
    assert!(text.contains("Page 2 onwards"), "{text}");
    for d in 1..=12 {
        assert!(text.contains(&format!("note number {d}")), "note {d} kept:\n{text}");
    }

    let html = on(&j, TODAY, &["report", "--format", "html"]);
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "section.overflow").len(), 1);
    assert!(html.contains("earlier warnings on the next page."));
    let all_notes: usize = rows(&html, "notes").len();
    assert_eq!(all_notes, 13, "every note, on one page or the other");
    // Markdown has no pages: everything in one list, nothing said of pages.
    let md = on(&j, TODAY, &["report"]);
    assert!(!md.contains("next page"), "{md}");
}

/// Issue 20 finding 5: with `units = "mi"` the report's warning rows speak
/// miles too, not only its tables (the engine's words hold km; the report
/// turns them into the config's unit).
#[test]
fn warning_rows_follow_the_config_s_units() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    for (date, km, min) in [("2026-06-10", "5", "30"), ("2026-06-12", "8", "48")] {
        j.ok(&[
            "checkin",
            "--date",
            date,
            "--leg",
            "left",
            "--pain-rest",
            "1",
            "--pain-walk",
            "1",
            "--pain-run",
            "1",
            "--run-km",
            km,
            "--run-min",
            min,
        ]);
    }
    let config = j.dir.path().join("config.toml");
    std::fs::write(&config, "units = \"mi\"\n").unwrap();
    let md = j.ok(&["--config", config.to_str().unwrap(), "report", "--days", "14"]);
    let row = md.lines().find(|l| l.contains("(load-spike)")).expect(&md);
    assert!(row.contains("4.97 mi run on 2026-06-12"), "{row}");
    assert!(row.contains("(3.11 mi on 2026-06-10)"), "{row}");
    assert!(!row.contains(" km"), "{row}");
}
