//! The report as a list of blocks in the page's order, shared by the
//! Markdown, the HTML and the PDF so that the three say the same things in
//! the same order (see docs/report.md). Text is raw here: each format
//! escapes it its own way.
//!
//! On a paged format, what does not fit on the first A4 page goes to an
//! overflow part after a page break, and the first page says so: a section
//! keeps its newest rows on page 1 and moves the older ones. Nothing is
//! dropped.

use chrono::NaiveDate;

use super::Report;
use super::cells::{climb_in, climb_unit, phase_label, test_cells, week_label};
use super::model::{RunRow, WarningSpan, WeekSummary};

/// One piece of the report.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    /// The page's title.
    Title(String),
    /// A small line under the title.
    Meta(String),
    /// Label and value pairs (the header).
    Facts(Vec<(String, String)>),
    Heading(String),
    Text(String),
    Table(Table),
    /// The pain and tightness chart.
    Chart,
    /// Rows of the section above continue in the overflow part.
    More(String),
    /// The overflow part starts here (a new page).
    Overflow(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Table {
    /// The HTML class the tests select by.
    pub class: &'static str,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns from this one on are numbers (right-aligned).
    pub numeric_from: usize,
    /// Per row: drawn bold (an emergency or urgent warning).
    pub strong: Vec<bool>,
    /// Relative column widths for the PDF.
    pub widths: Vec<f32>,
}

impl Table {
    fn new(class: &'static str, head: &[&str], numeric_from: usize, widths: &[f32]) -> Table {
        Table {
            class,
            head: head.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            numeric_from,
            strong: Vec::new(),
            widths: widths.to_vec(),
        }
    }

    fn push(&mut self, row: Vec<String>, strong: bool) {
        self.rows.push(row);
        self.strong.push(strong);
    }
}

/// Rows of each section on the first page; the older ones overflow.
pub(super) const FIRST_PAGE_WARNINGS: usize = 6;
pub(super) const FIRST_PAGE_SIGN_DAYS: usize = 6;
pub(super) const FIRST_PAGE_RUNS: usize = 8;
pub(super) const FIRST_PAGE_WEEKS: usize = 5;
pub(super) const FIRST_PAGE_TESTS: usize = 4;
pub(super) const FIRST_PAGE_NOTES: usize = 4;

/// Splits `rows` (oldest first) into the first page's newest `limit` and
/// the older rest; unpaged, everything stays on the first.
fn split<T: Clone>(rows: &[T], limit: usize, paged: bool) -> (Vec<T>, Vec<T>) {
    if !paged || rows.len() <= limit {
        return (rows.to_vec(), Vec::new());
    }
    let cut = rows.len() - limit;
    (rows[cut..].to_vec(), rows[..cut].to_vec())
}

/// The blocks of the whole report; `paged` moves what does not fit on one
/// A4 page to the overflow part.
pub(super) fn blocks(r: &Report, paged: bool) -> Vec<Block> {
    let mut page = Vec::new();
    let mut rest: Vec<Block> = Vec::new();

    // 1. The header.
    page.push(Block::Title("Calf recovery report".to_owned()));
    page.push(Block::Meta(
        "Self-recorded by the patient in soleus; scores 0–10. The app does not diagnose; its warnings are prompts \
         to seek assessment."
            .to_owned(),
    ));
    page.push(Block::Facts(header(r)));

    // 2. Warnings, whatever their level.
    page.push(Block::Heading("Warnings in the period".to_owned()));
    if r.warnings.is_empty() {
        page.push(Block::Text(
            "No warning signs were raised by the entries in this period.".to_owned(),
        ));
    } else {
        let (first, older) = split(&r.warnings, FIRST_PAGE_WARNINGS, paged);
        page.push(Block::Table(warning_table(&first, paged, r.today)));
        if paged && first.iter().any(|w| w.because.len() > 1 || first_clause(&w.because).1) {
            page.push(Block::Meta(
                "Reasons are cut at their first clause (…); the Markdown report (soleus report) and the app give them in \
                 full."
                    .to_owned(),
            ));
        }
        let n = older.len();
        more(
            &mut page,
            &mut rest,
            "warnings",
            n,
            "Warnings in the period",
            vec![Block::Table(warning_table(&older, false, r.today))],
        );
    }

    // 3. The check-ins that carried signs.
    page.push(Block::Heading("Signs by day".to_owned()));
    if r.sign_days.is_empty() {
        page.push(Block::Text("No check-in of the period carried a sign.".to_owned()));
    } else {
        let (first, older) = split(&r.sign_days, FIRST_PAGE_SIGN_DAYS, paged);
        let table = |days: &[super::model::SignDay]| {
            let mut t = Table::new("signs", &["Date", "Calf", "Signs"], 3, &[1.2, 0.8, 6.0]);
            for d in days {
                t.push(vec![d.date.to_string(), d.leg.to_string(), d.signs.join(", ")], false);
            }
            Block::Table(t)
        };
        page.push(table(&first));
        more(
            &mut page,
            &mut rest,
            "check-ins with signs",
            older.len(),
            "Signs by day",
            vec![table(&older)],
        );
    }

    // 4. Pain and tightness.
    page.push(Block::Heading(format!("Pain and tightness, {} calf", r.leg)));
    page.push(Block::Chart);
    if !paged {
        page.push(Block::Table(pain_week_table(&r.weeks)));
    }
    page.push(Block::Meta(phase_marks(r)));

    // 5. Running.
    page.push(Block::Heading(format!("Running ({})", r.units.name())));
    let (runs, older_runs) = split(&r.runs, FIRST_PAGE_RUNS, paged);
    if r.runs.is_empty() {
        page.push(Block::Text("No runs in this period.".to_owned()));
    } else {
        page.push(Block::Table(run_table(r, &runs)));
    }
    let (weeks, older_weeks) = split(&r.weeks, FIRST_PAGE_WEEKS, paged);
    page.push(Block::Table(run_week_table(r, &weeks)));
    page.push(Block::Text(cap_line(r)));
    more(
        &mut page,
        &mut rest,
        "runs",
        older_runs.len(),
        "Runs",
        vec![Block::Table(run_table(r, &older_runs))],
    );
    more(
        &mut page,
        &mut rest,
        "weeks",
        older_weeks.len(),
        "Weekly running",
        vec![Block::Table(run_week_table(r, &older_weeks))],
    );

    // 6. Heel-raise tests.
    page.push(Block::Heading("Single-leg heel-raise tests".to_owned()));
    if r.tests.is_empty() {
        page.push(Block::Text("No capacity tests in this period.".to_owned()));
    } else {
        let table = |rows: &[super::TestRow]| {
            let mut t = Table::new(
                "tests",
                &["Date", "Test", "Injured leg", "Other leg", "Symmetry"],
                2,
                &[1.2, 2.6, 1.0, 1.0, 1.0],
            );
            for row in rows {
                t.push(test_cells(row).to_vec(), false);
            }
            Block::Table(t)
        };
        let (first, older) = split(&r.tests, FIRST_PAGE_TESTS, paged);
        page.push(table(&first));
        page.push(Block::Meta(
            "Symmetry = injured ÷ other × 100. Return-to-run target: 25+ raises and 90% or more; full return: 30+ \
             raises, within 10%."
                .to_owned(),
        ));
        more(
            &mut page,
            &mut rest,
            "tests",
            older.len(),
            "Heel-raise tests",
            vec![table(&older)],
        );
    }

    // 7. Adherence.
    page.push(Block::Heading("Exercise plan and adherence".to_owned()));
    page.push(Block::Text(adherence_line(r)));
    let mut kinds = Table::new("kinds", &["Kind", "Done of asked"], 1, &[2.0, 2.0]);
    for (kind, done, asked) in &r.adherence.kinds {
        kinds.push(vec![kind.to_string(), figure(*done, *asked)], false);
    }
    if !kinds.rows.is_empty() {
        page.push(Block::Table(kinds));
    }
    if r.detail {
        let mut t = Table::new(
            "plan",
            &["Exercise", "Dose", "Done in the period", "Paused days"],
            2,
            &[3.0, 3.0, 1.4, 1.0],
        );
        for line in &r.adherence.plan {
            let left = if line.current { "" } else { " (left the plan)" };
            t.push(
                vec![
                    format!("{}{left}", line.name),
                    line.dose_text(),
                    line.figure(),
                    line.paused_days.to_string(),
                ],
                false,
            );
        }
        let block = Block::Table(t);
        if paged {
            rest.push(Block::Heading("Exercise plan, exercise by exercise".to_owned()));
            rest.push(block);
            page.push(Block::More(
                "The plan exercise by exercise is on the next page.".to_owned(),
            ));
        } else {
            page.push(block);
        }
    }

    // 8. The latest notes, newest first.
    page.push(Block::Heading("Latest notes".to_owned()));
    if r.notes.is_empty() {
        page.push(Block::Text("No notes in this period.".to_owned()));
    } else {
        let (first, older) = split(&r.notes, FIRST_PAGE_NOTES, paged);
        let table = |notes: &[(NaiveDate, crate::domain::Leg, String)]| {
            let mut t = Table::new("notes", &["Date", "Calf", "Note"], 3, &[1.2, 0.8, 6.0]);
            for (date, leg, note) in notes.iter().rev() {
                t.push(
                    vec![
                        date.to_string(),
                        leg.to_string(),
                        crate::sanitize::strip_controls(note).into_owned(),
                    ],
                    false,
                );
            }
            Block::Table(t)
        };
        page.push(table(&first));
        more(&mut page, &mut rest, "notes", older.len(), "Notes", vec![table(&older)]);
    }

    if !rest.is_empty() {
        page.push(Block::Overflow(
            "Page 2 onwards: what did not fit on page 1 (page 1 keeps the newest rows of each section).".to_owned(),
        ));
        page.extend(rest);
    }
    page
}

/// Says on page 1 that `n` older rows of a section are on the next page,
/// and puts them there under the section's heading.
fn more(page: &mut Vec<Block>, rest: &mut Vec<Block>, what: &str, n: usize, heading: &str, extra: Vec<Block>) {
    if n > 0 {
        page.push(Block::More(format!("{n} earlier {what} on the next page.")));
        rest.push(Block::Heading(format!("{heading} (continued: the earlier ones)")));
        rest.extend(extra);
    }
}

/// Section 1: the period, the leg, the injury, the phase and the light.
fn header(r: &Report) -> Vec<(String, String)> {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let days = (r.today - r.from).num_days() + 1;
    let mut facts = vec![
        (
            "Period".to_owned(),
            format!("{} to {} ({days} days; printed {})", r.from, r.today, r.today),
        ),
        ("Injured leg".to_owned(), r.profile.leg.to_string()),
        (
            "Injury date".to_owned(),
            r.profile
                .injury_date
                .map_or("not recorded".to_owned(), |d| d.to_string()),
        ),
        (
            "Phase".to_owned(),
            match r.phase_since {
                Some(since) => format!("{}, since {since}", phase_label(r.phase)),
                None => format!("{} (no phase recorded yet)", phase_label(r.phase)),
            },
        ),
        (
            "Today's light".to_owned(),
            format!("{}: {}", r.light.name().to_uppercase(), r.light.action()),
        ),
        (
            "Clot and bleeding facts".to_owned(),
            format!(
                "previous DVT or clot on the lung: {}; active cancer (last 6 months): {}; other clot risk (oestrogen \
                 pill or HRT, pregnancy or birth in the last 6 weeks, a clotting disorder): {}; blood thinners: {}",
                yes_no(r.profile.clot_history),
                yes_no(r.profile.cancer),
                yes_no(r.profile.clot_risk),
                yes_no(r.profile.blood_thinners)
            ),
        ),
    ];
    if let Some(usual) = r.usual_running() {
        facts.push(("Usual running before the injury".to_owned(), usual));
    }
    facts
}

/// The first reason up to its first comma outside brackets, and whether
/// anything of it was cut there.
fn first_clause(because: &[String]) -> (&str, bool) {
    let Some(first) = because.first() else {
        return ("", false);
    };
    let mut depth = 0i32;
    for (i, c) in first.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => return (&first[..i], true),
            _ => {}
        }
    }
    (first, false)
}

/// A warning's days, short enough for one line: "4 Jun", "8–17 Jun",
/// "31 May–1 Jun"; the year only when the span leaves the year of `today`.
fn short_dates(first: NaiveDate, last: NaiveDate, today: NaiveDate) -> String {
    use chrono::Datelike;
    let year = if first.year() != today.year() || last.year() != today.year() {
        " %Y"
    } else {
        ""
    };
    let last_text = last.format(&format!("%-d %b{year}")).to_string();
    if first == last {
        last_text
    } else if (first.year(), first.month()) == (last.year(), last.month()) {
        format!("{}–{last_text}", first.format("%-d"))
    } else {
        format!("{}–{last_text}", first.format(&format!("%-d %b{year}")))
    }
}

/// The warnings; `short` (page 1 of a paged format) gives each its dates on
/// one line and only the first clause of its reasons.
fn warning_table(warnings: &[WarningSpan], short: bool, today: NaiveDate) -> Table {
    let mut t = Table::new(
        "warnings",
        &["Dates", "Level", "Leg", "Warning", "Because", "Outcome"],
        6,
        &[1.1, 0.75, 0.5, 2.1, 2.6, 3.4],
    );
    for w in warnings {
        let outcome = if w.not_assessed {
            format!("{} — CLOSED WITHOUT AN ASSESSMENT", w.outcome)
        } else {
            w.outcome.clone()
        };
        let (dates, because) = if short {
            let (clause, cut) = first_clause(&w.because);
            let more = if cut || w.because.len() > 1 { "…" } else { "" };
            (short_dates(w.first, w.last, today), format!("{clause}{more}"))
        } else {
            (w.dates(), w.because.join("; "))
        };
        t.push(
            vec![
                dates,
                w.level.name().to_uppercase(),
                w.leg.to_string(),
                format!("{} ({})", w.title, w.rule),
                because,
                outcome,
            ],
            w.level <= crate::clinical::Level::Urgent,
        );
    }
    t
}

fn mean(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

/// The weekly means of the chart's scores: the Markdown's text for the chart.
fn pain_week_table(weeks: &[WeekSummary]) -> Table {
    let mut t = Table::new(
        "pain-weeks",
        &[
            "Week",
            "Entries",
            "Rest",
            "Walking",
            "Running pain",
            "Tightness",
            "Morning",
        ],
        1,
        &[1.6, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    );
    for w in weeks {
        t.push(
            vec![
                week_label(w.from, w.to),
                w.entries.to_string(),
                mean(w.pain_rest),
                mean(w.pain_walk),
                mean(w.pain_run),
                mean(w.tightness),
                mean(w.morning),
            ],
            false,
        );
    }
    t
}

/// What the chart marks: each phase change and the warnings' first days.
fn phase_marks(r: &Report) -> String {
    let phases: Vec<String> = r
        .phase_changes
        .iter()
        .map(|(date, phase)| format!("{date} phase {}", phase_label(*phase)))
        .collect();
    let phases = if phases.is_empty() {
        "no phase change in the period".to_owned()
    } else {
        format!("phase changes: {}", phases.join("; "))
    };
    format!(
        "Days without an entry are skipped, not read as 0. Marked on the chart: warnings (a band at the top, by \
         level) and {phases}."
    )
}

fn run_table(r: &Report, runs: &[RunRow]) -> Table {
    let unit = r.units.name();
    let mut t = Table::new(
        "runs",
        &[
            "Date",
            &format!("Distance {unit}"),
            "Running min",
            "Running pain",
            "From",
        ],
        1,
        &[1.2, 1.0, 1.0, 1.0, 1.0],
    );
    for run in runs {
        t.push(
            vec![
                run.date.to_string(),
                run.km
                    .map_or("–".to_owned(), |km| format!("{:.1}", r.units.from_km(km))),
                run.running_min.map_or("–".to_owned(), |m| format!("{m:.0}")),
                run.pain_run.map_or("–".to_owned(), |p| p.to_string()),
                run.source.name().to_owned(),
            ],
            false,
        );
    }
    t
}

fn run_week_table(r: &Report, weeks: &[WeekSummary]) -> Table {
    let unit = r.units.name();
    let usual = r.profile.baseline_km.filter(|km| *km > 0.0);
    let mut t = Table::new(
        "weeks",
        &[
            "Week",
            &format!("{unit} run"),
            "Running min",
            "Of the usual week",
            &format!("Climb {}", climb_unit(r.units)),
            "Cross-training min",
        ],
        1,
        &[1.6, 1.0, 1.0, 1.2, 1.0, 1.2],
    );
    for w in weeks {
        t.push(
            vec![
                week_label(w.from, w.to),
                format!("{:.1}", r.units.from_km(w.run_km)),
                format!("{:.0}", w.running_min),
                usual.map_or("–".to_owned(), |u| format!("{:.0}%", w.run_km / u * 100.0)),
                format!("{:.0}", climb_in(r.units, w.climb_m)),
                w.cross_min.to_string(),
            ],
            false,
        );
    }
    t
}

fn cap_line(r: &Report) -> String {
    let usual = match r.profile.baseline_km.filter(|km| *km > 0.0) {
        Some(km) => format!("Usual week before the injury: {}.", r.units.show(km)),
        None => "Usual week before the injury: not recorded.".to_owned(),
    };
    let cap = match r.run_cap {
        Some(cap) => format!(
            "Run cap (1.1 × the longest run of the 30 days before {}): {} (longest {} on {}).",
            r.today,
            r.units.show(cap.cap_km),
            r.units.show(cap.longest_km),
            cap.longest_on
        ),
        None => format!(
            "Run cap: none (no run with a distance in the 30 days before {}).",
            r.today
        ),
    };
    format!("{usual} {cap}")
}

fn figure(done: u32, asked: u32) -> String {
    match (done * 100).checked_div(asked) {
        Some(p) => format!("{done}/{asked} ({p}%)"),
        None => "–".to_owned(),
    }
}

fn adherence_line(r: &Report) -> String {
    let percent = r.adherence.percent().map_or("–".to_owned(), |p| format!("{p:.0}%"));
    let detail = if r.detail {
        ""
    } else {
        " The plan exercise by exercise: soleus report --detail."
    };
    format!(
        "{} exercises in the plan today; {} of {} sessions asked in the period done ({percent}), counting each \
         exercise only while it was in the plan and not on days a warning paused it.{detail}",
        r.adherence.planned_per_day, r.adherence.done, r.adherence.possible
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixture::day;
    use super::*;

    #[test]
    fn page_one_dates_fit_one_line() {
        let today = day("2026-06-20");
        assert_eq!(short_dates(day("2026-06-04"), day("2026-06-04"), today), "4 Jun");
        assert_eq!(short_dates(day("2026-06-08"), day("2026-06-17"), today), "8–17 Jun");
        assert_eq!(short_dates(day("2026-05-31"), day("2026-06-01"), today), "31 May–1 Jun");
        assert_eq!(
            short_dates(day("2025-12-30"), day("2026-01-02"), day("2026-01-05")),
            "30 Dec 2025–2 Jan 2026"
        );
    }

    #[test]
    fn page_one_reasons_stop_at_their_first_clause() {
        let because = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            first_clause(&because(&[
                "pain 3 or more on 8 (of 8, all), 5/10 on the latest",
                "more"
            ])),
            ("pain 3 or more on 8 (of 8, all)", true)
        );
        assert_eq!(first_clause(&because(&["swelling ticked"])), ("swelling ticked", false));
        assert_eq!(first_clause(&[]), ("", false));
    }
}
