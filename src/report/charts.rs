//! The report's two charts, drawn by plotters into SVG strings that the HTML
//! inlines. Colours are paired with line width and markers so a black and
//! white print still tells the series apart.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::{DayPoint, Report};
use crate::domain::DayLoad;

/// Width and height of each chart in SVG pixels; the page scales them.
const SIZE: (u32, u32) = (760, 175);

/// Line colours: dark enough to print, distinct for colour-blind readers.
const WALK: RGBColor = RGBColor(0xB2, 0x22, 0x22);
const REST: RGBColor = RGBColor(0x1F, 0x4E, 0x99);
const TIGHT: RGBColor = RGBColor(0x2E, 0x7D, 0x32);
const MORNING: RGBColor = RGBColor(0x8E, 0x5A, 0x00);
/// Bar colour of the load chart; tests find the bars by it.
pub const LOAD_FILL: RGBColor = RGBColor(0x45, 0x6B, 0x8C);

type ChartResult<T> = Result<T, String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A chart over the report's dates, with its axes, labels and fonts
/// decided here once for both charts.
type DateChart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedDate<NaiveDate>, RangedCoordf64>>;

/// Draws one chart into an SVG string `height` pixels tall.
fn svg(height: u32, draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> ChartResult<()>) -> ChartResult<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (SIZE.0, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        draw(&root)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// The date axis of the period against `0..y_max`, with the mesh drawn.
fn date_chart<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    report: &Report,
    y_max: f64,
    y_labels: usize,
    y_desc: &str,
) -> ChartResult<DateChart<'a, 'b>> {
    let to = report.today.succ_opt().unwrap_or(report.today);
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .margin_right(28)
        .x_label_area_size(26)
        .y_label_area_size(30)
        .build_cartesian_2d(report.from..to, 0f64..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(y_labels)
        .label_style(("sans-serif", 13))
        .x_label_formatter(&|d: &NaiveDate| d.format("%d %b").to_string())
        .y_label_formatter(&|v: &f64| format!("{v:.0}"))
        .y_desc(y_desc)
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(err)?;
    Ok(chart)
}

/// Pain at rest, pain walking, tightness and morning score over the period.
pub fn pain_chart(report: &Report) -> ChartResult<String> {
    svg(SIZE.1, |root| {
        let mut chart = date_chart(root, report, 10.5, 6, "0–10")?;
        type Pick = fn(&DayPoint) -> Option<u8>;
        let series: [(&str, RGBColor, u32, Pick); 4] = [
            ("pain walking", WALK, 3, |d| Some(d.pain_walk)),
            ("pain at rest", REST, 2, |d| Some(d.pain_rest)),
            ("tightness", TIGHT, 1, |d| d.tightness),
            ("morning", MORNING, 1, |d| d.morning),
        ];
        for (label, color, width, pick) in series {
            let points: Vec<(NaiveDate, f64)> = report
                .days
                .iter()
                .filter_map(|d| pick(d).map(|v| (d.date, f64::from(v))))
                .collect();
            if points.is_empty() {
                continue;
            }
            chart
                .draw_series(LineSeries::new(points, color.stroke_width(width)))
                .map_err(err)?
                .label(label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(width)));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(("sans-serif", 13))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(err)
    })
}

/// Distance run per day over the period (each run once, imported runs
/// included), as bars, in the report's unit.
pub fn load_chart(report: &Report) -> ChartResult<String> {
    svg(SIZE.1 - 65, |root| {
        let units = report.units;
        // Clamped: an axis to infinity would never finish drawing.
        let km = |d: &DayLoad| {
            if d.km.is_finite() { d.km.clamp(0.0, 500.0) } else { 0.0 }
        };
        let max = report
            .loads
            .iter()
            .map(|d| units.from_km(km(d)))
            .fold(0.0, f64::max)
            .max(5.0);
        let caption = format!("{} run", units.name());
        let mut chart = date_chart(root, report, max * 1.1, 4, &caption)?;
        chart
            .draw_series(report.loads.iter().filter(|d| km(d) > 0.0).map(|d| {
                let next = d.date.succ_opt().unwrap_or(d.date);
                Rectangle::new([(d.date, 0.0), (next, units.from_km(km(d)))], LOAD_FILL.filled())
            }))
            .map_err(err)?;
        Ok(())
    })
}
