//! The report as a PDF: A4, the same blocks in the same order as the HTML
//! (see [`super::doc`]), text in the shipped DejaVu Sans Condensed (embedded
//! and subset by krilla, so no system font is needed), the chart drawn as
//! vector paths by the same plotters code as the SVG. What does not fit on
//! page 1 goes on the next pages, which say so; nothing is clipped.

use std::sync::OnceLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Rect, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use plotters::prelude::IntoDrawingArea;

use super::Report;
use super::charts;
use super::doc::{Block, Table, blocks};
use super::pdf_chart::Canvas;

/// DejaVu Sans Condensed, subset to Latin and the symbols the report uses
/// (assets/fonts/README.md says how, and its licence is beside it).
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold.ttf");

/// A4 in points, and the margin.
const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 24.0;
const WIDTH: f32 = PAGE.0 - 2.0 * MARGIN;

/// Font sizes, points.
const TITLE: f32 = 13.0;
const HEADING: f32 = 9.4;
const BODY: f32 = 7.2;
const CELL: f32 = 6.5;
const SMALL: f32 = 6.8;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.25;
const CELL_PAD: f32 = 2.0;

/// The title the PDF's metadata carries; `outfile` recognises a report by it.
pub const PDF_TITLE_PREFIX: &str = "soleus report ";

/// The two faces, for drawing (krilla) and for measuring (ttf-parser).
pub(super) struct Fonts {
    pub regular: Font,
    pub bold: Font,
    regular_face: ttf_parser::Face<'static>,
    bold_face: ttf_parser::Face<'static>,
}

impl Fonts {
    /// The embedded fonts, parsed once.
    pub fn get() -> Option<&'static Fonts> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Some(Fonts {
                    regular: Font::new(REGULAR.into(), 0)?,
                    bold: Font::new(BOLD.into(), 0)?,
                    regular_face: ttf_parser::Face::parse(REGULAR, 0).ok()?,
                    bold_face: ttf_parser::Face::parse(BOLD, 0).ok()?,
                })
            })
            .as_ref()
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold_face } else { &self.regular_face };
        let per_em = f32::from(face.units_per_em());
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(u32::from(per_em as u16) / 2, u32::from)
            })
            .sum();
        units as f32 / per_em * size
    }

    /// How far the baseline sits below the top of a line of `size`.
    pub fn ascent(&self, size: f32) -> f32 {
        let face = &self.regular_face;
        f32::from(face.ascender()) / f32::from(face.units_per_em()) * size
    }
}

/// One thing to draw, in page coordinates (points from the top left).
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: bool,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: (u8, u8, u8),
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        grey: u8,
    },
    Chart {
        x: f32,
        y: f32,
        w: f32,
    },
}

/// The pages laid out as drawing operations, before krilla writes them.
struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Layout<'a> {
    fn new(fonts: &'a Fonts) -> Layout<'a> {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > PAGE.1 - MARGIN && self.y > MARGIN {
            self.new_page();
            let note = format!("continued: page {}", self.pages.len());
            self.text_line(&note, SMALL, false, true);
        }
    }

    /// Words of `text` in lines no wider than `width`.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || self.fonts.width(&candidate, size, bold) <= width {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_owned();
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn text_line(&mut self, text: &str, size: f32, bold: bool, grey: bool) {
        let y = self.y + self.fonts.ascent(size);
        self.ops().push(Op::Text {
            x: MARGIN,
            y,
            size,
            bold,
            grey,
            text: text.to_owned(),
        });
        self.y += size * LEADING;
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool, grey: bool) {
        for line in self.wrap(text, size, bold, WIDTH) {
            self.room(size * LEADING);
            self.text_line(&line, size, bold, grey);
        }
        self.y += 1.5;
    }

    fn heading(&mut self, text: &str) {
        // A heading never ends a page: keep room for it and a few lines.
        self.room(HEADING * LEADING + 4.0 + 3.0 * CELL * LEADING);
        self.y += 3.0;
        self.text_line(text, HEADING, true, false);
        let y = self.y;
        self.ops().push(Op::Line {
            x1: MARGIN,
            y1: y,
            x2: MARGIN + WIDTH,
            y2: y,
            grey: 0x99,
        });
        self.y += 2.0;
    }

    fn facts(&mut self, facts: &[(String, String)]) {
        let label_w = 128.0;
        for (label, value) in facts {
            let lines = self.wrap(value, BODY, false, WIDTH - label_w);
            self.room(lines.len() as f32 * BODY * LEADING);
            let top = self.y;
            let ascent = self.fonts.ascent(BODY);
            self.ops().push(Op::Text {
                x: MARGIN,
                y: top + ascent,
                size: BODY,
                bold: true,
                grey: false,
                text: label.clone(),
            });
            for (i, line) in lines.into_iter().enumerate() {
                self.ops().push(Op::Text {
                    x: MARGIN + label_w,
                    y: top + ascent + i as f32 * BODY * LEADING,
                    size: BODY,
                    bold: false,
                    grey: false,
                    text: line,
                });
            }
            self.y = top + (self.wrap(value, BODY, false, WIDTH - label_w).len() as f32) * BODY * LEADING;
        }
        self.y += 2.0;
    }

    /// One row of cells at the current line; returns its height.
    fn row(&mut self, cells: &[String], widths: &[f32], numeric_from: usize, bold: bool, head: bool) -> f32 {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| self.wrap(c, CELL, bold, w - 2.0 * CELL_PAD))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * CELL * LEADING + 2.0;
        let top = self.y;
        if head {
            self.ops().push(Op::Rect {
                x: MARGIN,
                y: top,
                w: WIDTH,
                h: height,
                fill: (0xEE, 0xEE, 0xEE),
            });
        }
        let ascent = self.fonts.ascent(CELL);
        let mut x = MARGIN;
        for (i, (cell, w)) in wrapped.into_iter().zip(widths).enumerate() {
            for (n, line) in cell.into_iter().enumerate() {
                let tx = if i >= numeric_from && !head {
                    x + w - CELL_PAD - self.fonts.width(&line, CELL, bold)
                } else {
                    x + CELL_PAD
                };
                self.ops().push(Op::Text {
                    x: tx,
                    y: top + 1.0 + ascent + n as f32 * CELL * LEADING,
                    size: CELL,
                    bold,
                    grey: false,
                    text: line,
                });
            }
            x += w;
        }
        self.ops().push(Op::Line {
            x1: MARGIN,
            y1: top + height,
            x2: MARGIN + WIDTH,
            y2: top + height,
            grey: 0xBB,
        });
        self.y += height;
        height
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.widths.iter().sum();
        let widths: Vec<f32> = t.widths.iter().map(|w| w / total * WIDTH).collect();
        self.room(4.0 * CELL * LEADING);
        self.row(&t.head, &widths, t.numeric_from, true, true);
        for (row, strong) in t.rows.iter().zip(&t.strong) {
            let lines = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| self.wrap(c, CELL, *strong, w - 2.0 * CELL_PAD).len())
                .max()
                .unwrap_or(1);
            let height = lines as f32 * CELL * LEADING + 2.0;
            if self.y + height > PAGE.1 - MARGIN {
                self.room(height + CELL * LEADING * 2.0);
                self.row(&t.head, &widths, t.numeric_from, true, true);
            }
            self.row(row, &widths, t.numeric_from, *strong, false);
        }
        self.y += 3.0;
    }

    fn chart(&mut self) {
        let height = WIDTH * charts::SIZE.1 as f32 / charts::SIZE.0 as f32;
        self.room(height);
        let y = self.y;
        self.ops().push(Op::Chart { x: MARGIN, y, w: WIDTH });
        self.y += height + 2.0;
    }
}

/// Renders the report as PDF bytes.
pub fn to_pdf(report: &Report) -> Result<Vec<u8>, String> {
    let fonts = Fonts::get().ok_or("the embedded font could not be read")?;
    let mut layout = Layout::new(fonts);
    for block in blocks(report, true) {
        match block {
            Block::Title(title) => {
                let title = format!("{title}, {} to {}", report.from, report.today);
                layout.text_line(&title, TITLE, true, false);
                layout.y += 1.0;
            }
            Block::Meta(line) => layout.paragraph(&line, SMALL, false, true),
            Block::Text(line) => layout.paragraph(&line, BODY, false, false),
            Block::More(line) => layout.paragraph(&line, SMALL, true, true),
            Block::Facts(facts) => layout.facts(&facts),
            Block::Heading(heading) => layout.heading(&heading),
            Block::Table(table) => layout.table(&table),
            Block::Chart => layout.chart(),
            Block::Overflow(line) => {
                layout.new_page();
                layout.text_line(&line, HEADING + 1.0, true, false);
            }
        }
    }
    write(report, fonts, layout.pages)
}

fn color(c: (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn write(report: &Report, fonts: &Fonts, pages: Vec<Vec<Op>>) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{PDF_TITLE_PREFIX}{} to {}", report.from, report.today))
            .creator("soleus".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE.0, PAGE.1).ok_or("the page size")?;
    let count = pages.len();
    for (n, ops) in pages.into_iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, fonts, report, op)?;
        }
        if count > 1 {
            let label = format!("page {} of {count}", n + 1);
            let x = PAGE.0 - MARGIN - fonts.width(&label, SMALL, false);
            draw(
                &mut surface,
                fonts,
                report,
                Op::Text {
                    x,
                    y: PAGE.1 - MARGIN / 2.0,
                    size: SMALL,
                    bold: false,
                    grey: true,
                    text: label,
                },
            )?;
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| e.to_string())
}

fn fill_of(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: color(c).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(x, y, w.max(0.01), h.max(0.01))?);
    pb.finish()
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, report: &Report, op: Op) -> Result<(), String> {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold,
            grey,
            text,
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill_of(if grey {
                (0x44, 0x44, 0x44)
            } else {
                (0x11, 0x11, 0x11)
            })));
            let font = if bold { &fonts.bold } else { &fonts.regular };
            surface.draw_text(
                Point::from_xy(x, y),
                font.clone(),
                size,
                &text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect { x, y, w, h, fill } => {
            if let Some(path) = rect_path(x, y, w, h) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill_of(fill)));
                surface.draw_path(&path);
            }
        }
        Op::Line { x1, y1, x2, y2, grey } => {
            let mut pb = PathBuilder::new();
            pb.move_to(x1, y1);
            pb.line_to(x2, y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color((grey, grey, grey)).into(),
                    width: 0.5,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Chart { x, y, w } => {
            let scale = w / charts::SIZE.0 as f32;
            surface.push_transform(&Transform::from_row(scale, 0.0, 0.0, scale, x, y));
            let result = {
                let canvas = Canvas::new(surface, fonts, charts::SIZE);
                let root = canvas.into_drawing_area();
                charts::draw_pain(&root, report)
            };
            surface.pop();
            result?;
        }
    }
    Ok(())
}
