//! One builder for every time chart of the app (after bottom's): the date
//! axis, the y labels, how each kind of series is drawn and its legend
//! sample are decided here once. Charts stacked under one another line up
//! because each reserves the same gutter for its y labels, so a single date
//! axis under the last one serves the whole stack.
//!
//! ratatui's canvas colours only the foreground, and `NO_COLOR` drops even
//! that, so every kind of series has its own marker: a solid braille line,
//! dots, bars, or a character of its own. A chart reads without colour.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType};

use crate::ui::widgets::theme::{Meaning, Theme};

/// Columns every time chart keeps left of its y axis for labels and
/// captions: wide enough for "450 min" and for the first date label.
pub const GUTTER: u16 = 7;

/// A point: (days since the axis starts, value).
pub type Point = (f64, f64);

/// The date axis a stack of charts shares: x is days since `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateAxis {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateAxis {
    /// The x of `to`; at least 1, so a one-day range still has a width.
    pub fn span(self) -> f64 {
        (self.to - self.from).num_days().max(1) as f64
    }

    /// First, middle and last date. Short ranges name the day, long ones
    /// the month; both fit the gutter.
    pub fn labels(self) -> [String; 3] {
        let days = (self.to - self.from).num_days().max(1);
        let middle = self
            .from
            .checked_add_days(chrono::Days::new(days.unsigned_abs() / 2))
            .unwrap_or(self.from);
        let format = if days > 300 { "%Y-%m" } else { "%d %b" };
        [self.from, middle, self.to].map(|d| d.format(format).to_string())
    }
}

/// How a series is drawn; each has its own marker and legend sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// A solid braille line: the series that matters most.
    Solid,
    /// Dots, one per cell: the series to compare with.
    Dotted,
    /// Bars up from 0, one cell wide.
    Bars,
    /// A reference: a vertical line at each point (from 0 up to its y)
    /// drawn with this character; add it first, under everything else.
    Rule(char),
    /// A reference level: a line through the points drawn with this
    /// character (a horizontal line from two points at one height).
    Level(char),
    /// This character at each point: markers on a strip.
    Mark(char),
}

impl Look {
    /// What the legend shows for a series drawn this way.
    pub fn sample(self) -> String {
        match self {
            Look::Solid => "⣀⣀".to_owned(),
            Look::Dotted => "••".to_owned(),
            Look::Bars => "▄█".to_owned(),
            Look::Rule(c) | Look::Level(c) | Look::Mark(c) => c.to_string(),
        }
    }

    fn marker(self) -> Marker {
        match self {
            Look::Solid => Marker::Braille,
            Look::Dotted => Marker::Dot,
            Look::Bars => Marker::HalfBlock,
            Look::Rule(c) | Look::Level(c) | Look::Mark(c) => Marker::Custom(c),
        }
    }

    fn graph(self) -> GraphType {
        match self {
            Look::Solid | Look::Level(_) => GraphType::Line,
            Look::Bars | Look::Rule(_) => GraphType::Bar,
            Look::Dotted | Look::Mark(_) => GraphType::Scatter,
        }
    }
}

/// A chart on a [`DateAxis`], built series by series, drawn once.
pub struct TimeChart<'a> {
    axis: DateAxis,
    theme: Theme,
    y_bounds: [f64; 2],
    y_labels: Vec<String>,
    datasets: Vec<Dataset<'a>>,
    dates: bool,
}

impl<'a> TimeChart<'a> {
    /// A chart with `y_labels` spread evenly from the bottom of `y_bounds`
    /// to the top. A label is cut to the gutter, so stacks stay aligned.
    pub fn new<S: AsRef<str>>(axis: DateAxis, theme: Theme, y_bounds: [f64; 2], y_labels: &[S]) -> TimeChart<'a> {
        let width = usize::from(GUTTER);
        TimeChart {
            axis,
            theme,
            y_bounds,
            y_labels: y_labels
                .iter()
                .map(|l| {
                    let cut: String = l.as_ref().chars().take(width).collect();
                    format!("{cut:>width$}")
                })
                .collect(),
            datasets: Vec::new(),
            dates: false,
        }
    }

    /// Puts the date labels and the x axis line under this chart: the last
    /// chart of a stack. Takes two rows.
    pub fn with_dates(mut self) -> TimeChart<'a> {
        self.dates = true;
        self
    }

    /// Adds a series. An empty one adds nothing (each series costs the
    /// canvas a layer).
    pub fn series(mut self, points: &'a [Point], look: Look, meaning: Meaning) -> TimeChart<'a> {
        if !points.is_empty() {
            self.datasets.push(
                Dataset::default()
                    .data(points)
                    .marker(look.marker())
                    .graph_type(look.graph())
                    .style(self.theme.style(meaning)),
            );
        }
        self
    }

    /// Draws the chart into `area`.
    pub fn render(self, frame: &mut Frame, area: Rect) {
        let axis_style = self.theme.style(Meaning::Muted);
        let x_axis = Axis::default().bounds([0.0, self.axis.span()]).style(axis_style);
        let x_axis = if self.dates {
            x_axis.labels(self.axis.labels())
        } else {
            x_axis
        };
        let y_axis = Axis::default()
            .bounds(self.y_bounds)
            .labels(self.y_labels)
            .labels_alignment(Alignment::Right)
            .style(axis_style);
        let chart = Chart::new(self.datasets)
            .legend_position(None)
            .x_axis(x_axis)
            .y_axis(y_axis);
        frame.render_widget(chart, area);
    }
}

/// A round top for a y axis holding `max`: the next multiple of `step`
/// above it, and never below `floor`.
pub fn round_up(max: f64, step: f64, floor: f64) -> f64 {
    // Never an infinite or absurd axis: it would stall or break the canvas.
    let max = if max.is_finite() { max.min(1e6) } else { floor };
    ((max / step).ceil() * step).max(floor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn axis(from: &str, to: &str) -> DateAxis {
        DateAxis {
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
        }
    }

    #[test]
    fn date_labels_fit_the_gutter() {
        let short = axis("2026-08-24", "2026-11-21");
        assert_eq!(short.labels(), ["24 Aug", "07 Oct", "21 Nov"]);
        assert_eq!(short.span(), 89.0);
        let long = axis("2016-11-24", "2026-11-21");
        assert_eq!(long.labels(), ["2016-11", "2021-11", "2026-11"]);
        for label in long.labels().iter().chain(short.labels().iter()) {
            assert!(label.chars().count() <= usize::from(GUTTER));
        }
        assert_eq!(axis("2026-11-21", "2026-11-21").span(), 1.0);
    }

    #[test]
    fn stacked_charts_share_one_y_axis_column() {
        let a = axis("2026-11-01", "2026-11-21");
        let points = [(0.0, 1.0), (20.0, 9.0)];
        let mut terminal = Terminal::new(TestBackend::new(40, 9)).unwrap();
        terminal
            .draw(|frame| {
                let area = frame.area();
                let top = Rect { height: 4, ..area };
                let bottom = Rect {
                    y: 4,
                    height: 5,
                    ..area
                };
                TimeChart::new(a, Theme::plain(), [0.0, 10.0], &["0", "10"])
                    .series(&points, Look::Solid, Meaning::SeriesPrimary)
                    .render(frame, top);
                TimeChart::new(a, Theme::plain(), [0.0, 10.0], &["run", "a long caption"])
                    .with_dates()
                    .series(&points, Look::Bars, Meaning::SeriesLoad)
                    .render(frame, bottom);
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        let axis_x = GUTTER;
        for y in 0..7 {
            let symbol = buffer[(axis_x, y)].symbol();
            assert!(symbol == "│" || symbol == "└", "row {y}: {symbol:?}");
        }
        let row = |y: u16| (0..40).map(|x| buffer[(x, y)].symbol()).collect::<String>();
        assert!(row(0).starts_with("     10│"), "{}", row(0));
        assert!(row(4).starts_with("a long │"), "captions are cut: {}", row(4));
        assert!(
            row(8).contains("01 Nov") && row(8).trim_end().ends_with("21 Nov"),
            "{}",
            row(8)
        );
    }

    #[test]
    fn every_look_has_a_sample_for_the_legend() {
        for look in [
            Look::Solid,
            Look::Dotted,
            Look::Bars,
            Look::Rule('┊'),
            Look::Level('┄'),
            Look::Mark('!'),
        ] {
            assert!(!look.sample().trim().is_empty());
        }
        assert_eq!(round_up(33.0, 10.0, 40.0), 40.0);
        assert_eq!(round_up(43.0, 10.0, 40.0), 50.0);
        assert_eq!(round_up(f64::INFINITY, 10.0, 40.0), 40.0);
        assert_eq!(round_up(1e308, 10.0, 40.0), 1e6);
    }
}
