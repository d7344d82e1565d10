//! `soleus report`: the HTML is parsed and its charts and tables checked
//! against the entries that went in.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::Journal;
use scraper::{Html, Selector};

/// Eight check-ins of the left calf in the last 14 days (three of them runs),
/// one of the right, and a pair of capacity tests.
fn journal() -> Journal {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left", "--injury-date", "2026-05-20"]);
    let entries = [
        ("2026-06-07", "5", "7", None, Some("early, <sore> & stiff")),
        ("2026-06-08", "4", "6", None, None),
        ("2026-06-10", "3", "5", None, None),
        ("2026-06-12", "2", "4", Some("2.5"), None),
        ("2026-06-14", "2", "3", None, None),
        ("2026-06-16", "1", "2", Some("3"), None),
        ("2026-06-18", "1", "2", None, None),
        ("2026-06-19", "0", "1", Some("4.5"), Some("felt good")),
    ];
    for (date, rest, walk, km, note) in entries {
        let mut args = vec!["checkin", "--date", date, "--pain-rest", rest, "--pain-walk", walk];
        if let Some(km) = km {
            args.extend(["--run-km", km]);
        }
        if let Some(note) = note {
            args.extend(["--note", note]);
        }
        j.ok(&args);
    }
    // Outside the period: must not appear.
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-01",
        "--pain-rest",
        "9",
        "--pain-walk",
        "9",
        "--run-km",
        "1",
    ]);
    j.checkin("2026-06-19", Some("right"), "0", "0");
    j.ok(&[
        "test",
        "heel-raise-straight",
        "--leg",
        "left",
        "--reps",
        "18",
        "--date",
        "2026-06-15",
    ]);
    j.ok(&[
        "test",
        "heel-raise-straight",
        "--leg",
        "right",
        "--reps",
        "30",
        "--date",
        "2026-06-15",
    ]);
    j
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn cells(row: scraper::ElementRef<'_>) -> Vec<String> {
    row.select(&Selector::parse("td").unwrap())
        .map(|td| td.text().collect::<String>().trim().to_owned())
        .collect()
}

#[test]
fn html_report_charts_and_tables_hold_the_entries() {
    let j = journal();
    let html = j.ok(&["report", "--days", "14", "--format", "html"]);
    let doc = Html::parse_document(&html);

    assert!(select(&doc, "script").is_empty(), "no scripts");
    assert!(select(&doc, "link, img, iframe").is_empty(), "nothing fetched");
    let svgs = select(&doc, "figure svg");
    assert_eq!(svgs.len(), 2, "a pain chart and a load chart");

    // The pain-walking line has one point per check-in of the left calf in
    // the period (8); the legend's sample line has 2.
    let walk_lines: Vec<usize> = svgs[0]
        .select(&Selector::parse("polyline[stroke='#B22222']").unwrap())
        .map(|p| p.value().attr("points").unwrap().split_whitespace().count())
        .collect();
    assert!(walk_lines.contains(&8), "pain walking line points: {walk_lines:?}");

    // One bar per run in the period (3), none for the run before it.
    let bars = svgs[1]
        .select(&Selector::parse("rect[fill='#456B8C']").unwrap())
        .count();
    assert_eq!(bars, 3);

    // Weekly means of the left calf by calendar week (Monday first): the
    // period starts on Sunday 7 June, then 8-14 and 15-20 June.
    let weeks: Vec<Vec<String>> = select(&doc, "table.weeks tr").into_iter().skip(1).map(cells).collect();
    assert_eq!(weeks.len(), 3);
    // Columns: week, entries, rest, walking, tightness, morning, km run,
    // running minutes (no times typed), climb (none typed), cross-training.
    assert_eq!(
        weeks[0],
        ["7 Jun – 7 Jun", "1", "5.0", "7.0", "–", "–", "0.0", "0", "0", "0"]
    );
    assert_eq!(
        weeks[1],
        ["8 Jun – 14 Jun", "4", "2.8", "4.5", "–", "–", "2.5", "0", "0", "0"]
    );
    assert_eq!(
        weeks[2],
        ["15 Jun – 20 Jun", "3", "0.7", "1.7", "–", "–", "7.5", "0", "0", "0"]
    );

    let tests: Vec<Vec<String>> = select(&doc, "table.tests tr").into_iter().skip(1).map(cells).collect();
    assert_eq!(tests, [["2026-06-15", "heel raise, knee straight", "18", "30", "60%"]]);

    let notes: Vec<String> = select(&doc, "ul.notes li")
        .iter()
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(
        notes,
        [
            "2026-06-07 (left): early, <sore> & stiff",
            "2026-06-19 (left): felt good"
        ]
    );
    assert!(html.contains("early, &lt;sore&gt; &amp; stiff"), "notes are escaped");
    assert!(html.contains("Injury date</th><td>2026-05-20"));
}

#[test]
fn markdown_report_and_file_output() {
    let j = journal();
    let md = j.ok(&["report", "--days", "14"]);
    assert!(
        md.starts_with("# Calf recovery report, 2026-06-07 to 2026-06-20"),
        "{md}"
    );
    assert!(
        md.contains("| 15 Jun – 20 Jun | 3 | 0.7 | 1.7 | – | – | 7.5 | 0 |"),
        "{md}"
    );
    assert!(!md.contains("you are fine") && !md.to_lowercase().contains("all clear"));

    let out = j.dir.path().join("report.html");
    let said = j.ok(&["report", "--format", "html", "--out", out.to_str().unwrap()]);
    assert!(said.contains("report written to"));
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(fs::read_to_string(&out).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn report_days_out_of_range_is_bad_input() {
    let j = journal();
    for days in ["0", "3651"] {
        let out = j
            .cmd()
            .args(["report", "--days", days])
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(String::from_utf8(out.stderr).unwrap().contains("days"));
    }
}
