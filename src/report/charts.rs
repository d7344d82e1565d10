//! The report's chart of pain and tightness by day, drawn by plotters on any
//! backend: SVG for the HTML, PDF vectors for the PDF (`pdf::Canvas`).
//! Colours are paired with line width and markers so a black and white
//! print still tells the series apart. The legend is a strip above the
//! plot, never over the data; warnings are a band along the top of the
//! plot (one mark per level) and phase changes a grey line with the
//! phase's number.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DayPoint, Report};
use crate::clinical::Level;

/// Width and height of the chart in SVG pixels; the page scales it.
pub const SIZE: (u32, u32) = (760, 170);

/// Line colours: dark enough to print, distinct for colour-blind readers.
const WALK: RGBColor = RGBColor(0xB2, 0x22, 0x22);
const REST: RGBColor = RGBColor(0x1F, 0x4E, 0x99);
const RUN: RGBColor = RGBColor(0x6A, 0x1B, 0x9A);
const TIGHT: RGBColor = RGBColor(0x2E, 0x7D, 0x32);
const MORNING: RGBColor = RGBColor(0x8E, 0x5A, 0x00);
const PHASE: RGBColor = RGBColor(0x60, 0x60, 0x60);

/// The band's colour and letter for a warning's level.
fn level_mark(level: Level) -> (RGBColor, &'static str) {
    match level {
        Level::Emergency => (RGBColor(0x8B, 0x00, 0x00), "E"),
        Level::Urgent => (RGBColor(0xD3, 0x2F, 0x2F), "U"),
        Level::Soon => (RGBColor(0xEF, 0x8A, 0x00), "S"),
        Level::Watch => (RGBColor(0xB0, 0xA0, 0x00), "W"),
    }
}

type ChartResult<T> = Result<T, String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// The legend strip's height, above the plot.
const LEGEND: u32 = 22;
/// Top of the y axis: the scores end at 10, the warnings' band sits above.
const Y_TOP: f64 = 12.0;
const BAND: (f64, f64) = (10.7, 11.8);

/// Pain at rest, walking and running, tightness and the morning score
/// over the period, as an SVG string.
pub fn pain_chart(report: &Report) -> ChartResult<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw_pain(&root, report)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

type Pick = fn(&DayPoint) -> Option<u8>;

/// The series: label, colour, width, whether each point gets a dot.
const SERIES: [(&str, RGBColor, u32, bool, Pick); 5] = [
    ("pain walking", WALK, 3, false, |d| Some(d.pain_walk)),
    ("pain at rest", REST, 2, false, |d| Some(d.pain_rest)),
    ("running pain", RUN, 2, true, |d| d.pain_run),
    ("tightness", TIGHT, 1, false, |d| d.tightness),
    ("morning", MORNING, 1, false, |d| d.morning),
];

/// Draws the chart on `root`, whatever the backend.
pub fn draw_pain<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, report: &Report) -> ChartResult<()>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(err)?;
    let (legend, plot) = root.split_vertically(LEGEND);
    draw_legend(&legend)?;

    let to = report.today.succ_opt().unwrap_or(report.today);
    let mut chart = ChartBuilder::on(&plot)
        .margin(6)
        .margin_right(24)
        .x_label_area_size(24)
        .y_label_area_size(44)
        .build_cartesian_2d(report.from..to, 0f64..Y_TOP)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(6)
        .label_style(("sans-serif", 13))
        .x_label_formatter(&|d: &NaiveDate| d.format("%d %b").to_string())
        .y_label_formatter(&|v: &f64| if *v <= 10.0 { format!("{v:.0}") } else { String::new() })
        .y_desc("0–10")
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(err)?;

    // Phase changes: a grey line and the phase's number.
    for (date, phase) in &report.phase_changes {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(*date, 0.0), (*date, BAND.0 - 0.1)],
                PHASE.stroke_width(1),
            )))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("P{phase}"),
                (*date, 10.4),
                ("sans-serif", 12).into_font().color(&PHASE),
            )))
            .map_err(err)?;
    }

    // Warnings: a band from first to last day, with the level's letter.
    for w in &report.warnings {
        let first = w.first.max(report.from);
        let last = w.last.min(report.today).succ_opt().unwrap_or(w.last);
        if last <= first {
            continue;
        }
        let (color, letter) = level_mark(w.level);
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(first, BAND.0), (last, BAND.1)],
                color.mix(0.85).filled(),
            )))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                letter,
                (first, BAND.1 - 0.05),
                ("sans-serif", 11).into_font().color(&WHITE),
            )))
            .map_err(err)?;
    }

    for (_, color, width, dots, pick) in SERIES {
        let points: Vec<(NaiveDate, f64)> = report
            .days
            .iter()
            .filter_map(|d| pick(d).map(|v| (d.date, f64::from(v))))
            .collect();
        if points.is_empty() {
            continue;
        }
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(width)))
            .map_err(err)?;
        if dots {
            chart
                .draw_series(points.into_iter().map(|p| Circle::new(p, 3, color.filled())))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// The legend, in its own strip: each series' line sample and name, then
/// the marks.
fn draw_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> ChartResult<()>
where
    DB::ErrorType: 'static,
{
    let font = ("sans-serif", 13).into_font();
    let y = 11;
    let mut x = 40;
    // About 7 px a character at 13 px: enough room for each label.
    let step = |label: &str| 28 + 6 * label.chars().count() as i32;
    for (label, color, width, dots, _) in SERIES {
        area.draw(&PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(width)))
            .map_err(err)?;
        if dots {
            area.draw(&Circle::new((x + 10, y), 3, color.filled())).map_err(err)?;
        }
        area.draw(&Text::new(label, (x + 24, y - 7), font.clone()))
            .map_err(err)?;
        x += step(label);
    }
    area.draw(&PathElement::new(
        vec![(x + 4, y - 8), (x + 4, y + 8)],
        PHASE.stroke_width(1),
    ))
    .map_err(err)?;
    area.draw(&Text::new("phase change", (x + 10, y - 7), font.clone()))
        .map_err(err)?;
    x += step("phase change") + 4;
    let (color, _) = level_mark(Level::Urgent);
    area.draw(&Rectangle::new([(x, y - 6), (x + 18, y + 6)], color.mix(0.85).filled()))
        .map_err(err)?;
    area.draw(&Text::new("warning: E, U, S, W", (x + 22, y - 7), font))
        .map_err(err)?;
    Ok(())
}
