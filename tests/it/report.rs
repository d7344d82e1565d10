//! `soleus report`: the HTML is parsed and its charts and tables checked
//! against the entries that went in.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::kit::{Journal, on};
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
    assert_eq!(svgs.len(), 1, "the pain chart (runs are a table)");

    // The pain-walking line has one point per check-in of the left calf in
    // the period (8); the legend's sample line has 2.
    let walk_lines: Vec<usize> = svgs[0]
        .select(&Selector::parse("polyline[stroke='#B22222']").unwrap())
        .map(|p| p.value().attr("points").unwrap().split_whitespace().count())
        .collect();
    assert!(walk_lines.contains(&8), "pain walking line points: {walk_lines:?}");

    // One row per run in the period (3), none for the run before it.
    let runs: Vec<Vec<String>> = select(&doc, "table.runs tr").into_iter().skip(1).map(cells).collect();
    assert_eq!(runs.len(), 3, "{runs:?}");

    // Weekly running by calendar week (Monday first): the period starts
    // on Sunday 7 June, then 8-14 and 15-20 June.
    let weeks: Vec<Vec<String>> = select(&doc, "table.weeks tr").into_iter().skip(1).map(cells).collect();
    assert_eq!(weeks.len(), 3);
    // Columns: week, km run, running minutes (no times typed), of the
    // usual week (none recorded), climb (none typed), cross-training.
    assert_eq!(weeks[0], ["7 Jun – 7 Jun", "0.0", "0", "–", "0", "0"]);
    assert_eq!(weeks[1], ["8 Jun – 14 Jun", "2.5", "0", "–", "0", "0"]);
    assert_eq!(weeks[2], ["15 Jun – 20 Jun", "7.5", "0", "–", "0", "0"]);

    let tests: Vec<Vec<String>> = select(&doc, "table.tests tr").into_iter().skip(1).map(cells).collect();
    assert_eq!(tests, [["2026-06-15", "heel raise, knee straight", "18", "30", "60%"]]);

    // The latest notes, newest first.
    let notes: Vec<Vec<String>> = select(&doc, "table.notes tr").into_iter().skip(1).map(cells).collect();
    assert_eq!(
        notes,
        [
            ["2026-06-19", "left", "felt good"],
            ["2026-06-07", "left", "early, <sore> & stiff"]
        ]
    );
    assert!(html.contains("early, &lt;sore&gt; &amp; stiff"), "notes are escaped");
    assert!(html.contains("<dt>Injury date</dt><dd>2026-05-20</dd>"));
}

#[test]
fn markdown_report_and_file_output() {
    let j = journal();
    let md = j.ok(&["report", "--days", "14"]);
    assert!(
        md.starts_with("# Calf recovery report, 2026-06-07 to 2026-06-20"),
        "{md}"
    );
    assert!(md.contains("| 15 Jun – 20 Jun | 3 | 0.7 | 1.7 | – | – | – |"), "{md}");
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

/// A left-calf check-in on `date` with pain `rest`/`walk` and `signs` ticked.
fn signed(j: &Journal, today: &str, date: &str, pain: (&str, &str), signs: &str) {
    let (rest, walk) = pain;
    on(
        j,
        today,
        &[
            "checkin",
            "--date",
            date,
            "--pain-rest",
            rest,
            "--pain-walk",
            walk,
            "--symptom",
            signs,
        ],
    );
}

/// The warnings table of an HTML report, one row of cells per warning.
fn warning_rows(html: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(html);
    select(&doc, "table.warnings tr")
        .into_iter()
        .skip(1)
        .map(cells)
        .collect()
}

/// Two warnings, each closed by an outcome dated the day it fired (the
/// clinical review's reproduction), as of 2026-06-15.
fn closed_on_their_day() -> Journal {
    let j = Journal::new();
    let today = "2026-06-15";
    on(
        &j,
        today,
        &["profile", "--leg", "left", "--clot-history", "no", "--cancer", "no"],
    );
    signed(&j, today, "2026-06-10", ("2", "3"), "breathless");
    let cleared = [
        "--result",
        "cleared",
        "--date",
        "2026-06-10",
        "--note",
        "ED: nothing found",
    ];
    on(&j, today, &[&["outcome", "pe-signs"][..], &cleared].concat());
    signed(&j, today, "2026-06-12", ("0", "3"), "swelling,warmth");
    on(
        &j,
        today,
        &["outcome", "dvt", "--result", "not-seen", "--date", "2026-06-12"],
    );
    j
}

/// A pop on 2026-06-01, then 14 clean check-ins: the warning lapses on
/// 2026-06-15.
fn lapsed_pop(today: &str) -> Journal {
    let j = Journal::new();
    on(&j, today, &["profile", "--leg", "left"]);
    signed(&j, today, "2026-06-01", ("1", "1"), "pop");
    for d in 2..=15 {
        let date = format!("2026-06-{d:02}");
        on(
            &j,
            today,
            &["checkin", "--date", &date, "--pain-rest", "0", "--pain-walk", "0"],
        );
    }
    j
}

#[test]
fn warnings_closed_on_their_own_day_are_listed_with_their_outcome() {
    let j = closed_on_their_day();
    let md = on(&j, "2026-06-15", &["report", "--days", "14"]);
    assert!(!md.contains("No warning"), "{md}");
    let pe = md
        .lines()
        .find(|l| l.contains("(pe-signs)"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(pe.starts_with("| 2026-06-10 | **EMERGENCY** | left |"), "{pe}");
    assert!(
        pe.contains("| cleared on 2026-06-10") && pe.contains("ED: nothing found"),
        "{pe}"
    );
    let dvt = md
        .lines()
        .find(|l| l.contains("(dvt)"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(dvt.starts_with("| 2026-06-12 | **URGENT** | left |"), "{dvt}");
    assert!(
        dvt.contains("not-seen on 2026-06-12 (closed without being assessed)"),
        "{dvt}"
    );

    let html = on(&j, "2026-06-15", &["report", "--days", "14", "--format", "html"]);
    assert!(!html.contains("No warning"));
    let rows = warning_rows(&html);
    assert_eq!(rows.len(), 2, "{rows:?}");
    // Page 1 gives the days on one line, without the year.
    assert_eq!(rows[0][0], "10 Jun");
    assert!(rows[0][3].contains("pe-signs"), "{rows:?}");
    assert!(rows[0][5].starts_with("cleared on 2026-06-10"), "{rows:?}");
    assert_eq!(rows[1][0], "12 Jun");
    assert!(rows[1][5].starts_with("not-seen on 2026-06-12"), "{rows:?}");
}

#[test]
fn a_lapsed_warning_does_not_take_a_later_warnings_outcome() {
    let today = "2026-06-25";
    let j = lapsed_pop(today);
    signed(&j, today, "2026-06-20", ("1", "1"), "pop");
    let cleared = [
        "--result",
        "cleared",
        "--date",
        "2026-06-21",
        "--note",
        "physio: calf strain",
    ];
    on(&j, today, &[&["outcome", "rupture"][..], &cleared].concat());

    let md = on(&j, today, &["report", "--days", "40"]);
    let rupture: Vec<&str> = md.lines().filter(|l| l.contains("(rupture)")).collect();
    assert_eq!(rupture.len(), 2, "{md}");
    assert!(rupture[0].starts_with("| 2026-06-01 |"), "{}", rupture[0]);
    assert!(
        rupture[0].ends_with("| lapsed: signs absent on 14 check-ins, no outcome recorded |"),
        "{}",
        rupture[0]
    );
    assert!(rupture[1].starts_with("| 2026-06-20 |"), "{}", rupture[1]);
    assert!(rupture[1].contains("| cleared on 2026-06-21"), "{}", rupture[1]);

    let rows = warning_rows(&on(&j, today, &["report", "--days", "40", "--format", "html"]));
    let outcomes: Vec<&str> = rows.iter().map(|r| r[5].as_str()).collect();
    assert_eq!(
        outcomes,
        [
            "lapsed: signs absent on 14 check-ins, no outcome recorded",
            "cleared on 2026-06-21 (assessed by a clinician, nothing serious found): physio: calf strain"
        ]
    );
}

#[test]
fn warning_reasons_say_what_was_seen_not_what_to_type() {
    let today = "2026-06-25";
    let lapsed = lapsed_pop(today);
    let closed = closed_on_their_day();
    for (j, today, days) in [(&lapsed, today, "40"), (&closed, "2026-06-15", "14")] {
        for format in ["md", "html"] {
            let out = on(j, today, &["report", "--days", days, "--format", format]);
            assert!(!out.contains("so far"), "{out}");
            assert!(!out.contains("soleus outcome"), "{out}");
            assert!(!out.contains("days ago"), "{out}");
        }
    }
    let md = on(&lapsed, today, &["report", "--days", "40"]);
    let rupture = md.lines().find(|l| l.contains("(rupture)")).unwrap();
    assert!(rupture.contains("pop") && rupture.contains("2026-06-01"), "{rupture}");
    let md = on(&closed, "2026-06-15", &["report", "--days", "14"]);
    let dvt = md.lines().find(|l| l.contains("(dvt)")).unwrap();
    assert!(dvt.contains("swelling") && dvt.contains("2026-06-12"), "{dvt}");
}
