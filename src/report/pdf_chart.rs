//! A plotters backend that draws onto a krilla PDF surface as vector paths
//! and real text, so the PDF's chart is the HTML's chart, not a picture.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};

use super::pdf::Fonts;

/// Never returned: drawing on a surface cannot fail.
#[derive(Debug)]
pub struct CanvasError;

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PDF drawing failed")
    }
}

impl std::error::Error for CanvasError {}

/// The chart's pixel space on a PDF surface (the caller scales it).
pub struct Canvas<'a, 'b> {
    surface: &'a mut Surface<'b>,
    fonts: &'a Fonts,
    size: (u32, u32),
}

impl<'a, 'b> Canvas<'a, 'b> {
    pub fn new(surface: &'a mut Surface<'b>, fonts: &'a Fonts, size: (u32, u32)) -> Canvas<'a, 'b> {
        Canvas { surface, fonts, size }
    }

    fn fill(&mut self, color: BackendColor) {
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Fill {
            paint: paint(color),
            opacity: opacity(color),
            rule: FillRule::NonZero,
        }));
    }

    fn stroke(&mut self, color: BackendColor, width: u32) {
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke {
            paint: paint(color),
            width: width.max(1) as f32,
            line_cap: LineCap::Round,
            line_join: LineJoin::Round,
            opacity: opacity(color),
            ..Stroke::default()
        }));
    }

    /// Draws `points` as one path, stroked or (closed) filled.
    fn path(&mut self, points: &[(f32, f32)], close: bool) {
        let mut pb = PathBuilder::new();
        for (i, (x, y)) in points.iter().enumerate() {
            if i == 0 {
                pb.move_to(*x, *y);
            } else {
                pb.line_to(*x, *y);
            }
        }
        if close {
            pb.close();
        }
        if let Some(path) = pb.finish() {
            self.surface.draw_path(&path);
        }
    }
}

fn paint(color: BackendColor) -> krilla::paint::Paint {
    let (r, g, b) = color.rgb;
    rgb::Color::new(r, g, b).into()
}

fn opacity(color: BackendColor) -> NormalizedF32 {
    NormalizedF32::new(color.alpha.clamp(0.0, 1.0) as f32).unwrap_or(NormalizedF32::ONE)
}

fn at(p: BackendCoord) -> (f32, f32) {
    (p.0 as f32, p.1 as f32)
}

type Drawn = Result<(), DrawingErrorKind<CanvasError>>;

impl DrawingBackend for Canvas<'_, '_> {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        if color.alpha > 0.0 {
            self.fill(color);
            let (x, y) = at(point);
            self.path(&[(x, y), (x + 1.0, y), (x + 1.0, y + 1.0), (x, y + 1.0)], true);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Drawn {
        if style.color().alpha > 0.0 {
            self.stroke(style.color(), style.stroke_width());
            self.path(&[at(from), at(to)], false);
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let ((x0, y0), (x1, y1)) = (at(upper_left), at(bottom_right));
        if fill {
            self.fill(style.color());
        } else {
            self.stroke(style.color(), style.stroke_width());
        }
        self.path(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)], true);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Drawn {
        if style.color().alpha > 0.0 {
            let points: Vec<(f32, f32)> = path.into_iter().map(at).collect();
            self.stroke(style.color(), style.stroke_width());
            self.path(&points, false);
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Drawn {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (cx, cy) = at(center);
        let r = radius as f32;
        let points: Vec<(f32, f32)> = (0..24)
            .map(|i| {
                let a = i as f32 / 24.0 * std::f32::consts::TAU;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        if fill {
            self.fill(style.color());
        } else {
            self.stroke(style.color(), style.stroke_width());
        }
        self.path(&points, true);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Drawn {
        if style.color().alpha > 0.0 {
            let points: Vec<(f32, f32)> = vert.into_iter().map(at).collect();
            self.fill(style.color());
            self.path(&points, true);
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Drawn {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        let size = style.size() as f32;
        let width = self.fonts.width(text, size, false);
        let ascent = self.fonts.ascent(size);
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Right => -width,
            HPos::Center => -width / 2.0,
        };
        let dy = match anchor.v_pos {
            VPos::Top => ascent,
            VPos::Center => ascent / 2.0,
            VPos::Bottom => 0.0,
        };
        let angle = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        let (x, y) = at(pos);
        self.fill(color);
        self.surface.push_transform(&Transform::from_rotate_at(angle, x, y));
        self.surface.draw_text(
            Point::from_xy(x + dx, y + dy),
            self.fonts.regular.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
        self.surface.pop();
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let size = style.size() as f32;
        Ok((self.fonts.width(text, size, false).ceil() as u32, size.ceil() as u32))
    }
}
