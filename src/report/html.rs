//! The report as one self-contained HTML page: inline CSS and inline SVG, no
//! scripts, no links to fetch, laid out to print on one A4 sheet.

use std::fmt::Write;

use html_escape::encode_text;

use super::doc::{Block, Table, blocks};
use super::{Report, charts};

const STYLE: &str = "
@page { size: A4; margin: 10mm 11mm; }
* { box-sizing: border-box; }
body { font: 8.6pt/1.28 'DejaVu Sans Condensed', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #111; max-width: 188mm; margin: 0 auto; padding: 0; }
h1 { font-size: 13pt; margin: 0; }
h2 { font-size: 9.6pt; margin: 5px 0 2px; border-bottom: 1px solid #999; break-after: avoid; }
p { margin: 1px 0; }
p.meta, p.more { color: #444; font-size: 7.8pt; }
p.more { font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; margin: 3px 0 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 7.8pt; break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1px 4px; text-align: left; vertical-align: top; }
th { background: #eee; }
table.warnings td:first-child { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.strong td { font-weight: bold; }
figure { margin: 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
.cols { display: flex; gap: 8px; break-inside: avoid; }
.cols > div { flex: 1; }
section.overflow { break-before: page; }
section.overflow h2.part { font-size: 11pt; }
@media screen { body { padding: 8px; } }
@media print {
  body { font-size: 7.6pt; line-height: 1.22; }
  h1 { font-size: 12pt; }
  h2 { font-size: 8.8pt; margin: 4px 0 1px; }
  table { font-size: 7pt; }
  p.meta, p.more { font-size: 7pt; }
}
";

/// Renders the whole page.
pub fn to_html(report: &Report) -> String {
    let mut h = String::new();
    let _ = write_page(&mut h, report);
    h
}

fn write_page(h: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(h, "<title>soleus report {} to {}</title>", r.from, r.today)?;
    writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>")?;
    let blocks = blocks(r, true);
    let mut i = 0;
    while i < blocks.len() {
        // The runs and the weekly totals side by side.
        if let (Block::Table(a), Some(Block::Table(b))) = (&blocks[i], blocks.get(i + 1))
            && a.class == "runs"
            && b.class == "weeks"
        {
            writeln!(h, "<div class=\"cols\"><div>")?;
            table(h, a)?;
            writeln!(h, "</div><div>")?;
            table(h, b)?;
            writeln!(h, "</div></div>")?;
            i += 2;
            continue;
        }
        block(h, r, &blocks[i])?;
        i += 1;
    }
    if blocks.iter().any(|b| matches!(b, Block::Overflow(_))) {
        writeln!(h, "</section>")?;
    }
    writeln!(h, "</body>\n</html>")
}

fn block(h: &mut String, r: &Report, block: &Block) -> std::fmt::Result {
    match block {
        Block::Title(title) => writeln!(h, "<h1>{}</h1>", encode_text(title)),
        Block::Meta(line) => writeln!(h, "<p class=\"meta\">{}</p>", encode_text(line)),
        Block::Text(line) => writeln!(h, "<p>{}</p>", encode_text(line)),
        Block::More(line) => writeln!(h, "<p class=\"more\">{}</p>", encode_text(line)),
        Block::Heading(heading) => writeln!(h, "<h2>{}</h2>", encode_text(heading)),
        Block::Facts(facts) => {
            writeln!(h, "<dl class=\"facts\">")?;
            for (label, value) in facts {
                writeln!(h, "<dt>{}</dt><dd>{}</dd>", encode_text(label), encode_text(value))?;
            }
            writeln!(h, "</dl>")
        }
        Block::Table(t) => table(h, t),
        Block::Chart => match charts::pain_chart(r) {
            Ok(svg) => writeln!(h, "<figure>\n{svg}\n</figure>"),
            Err(e) => writeln!(h, "<p>(chart could not be drawn: {})</p>", encode_text(&e)),
        },
        Block::Overflow(line) => writeln!(
            h,
            "<section class=\"overflow\">\n<h2 class=\"part\">{}</h2>",
            encode_text(line)
        ),
    }
}

fn table(h: &mut String, t: &Table) -> std::fmt::Result {
    writeln!(h, "<table class=\"{}\">", t.class)?;
    // The PDF's relative widths, so both lay a table out alike.
    let total: f32 = t.widths.iter().sum();
    if total > 0.0 {
        h.push_str("<colgroup>");
        for w in &t.widths {
            write!(h, "<col style=\"width: {:.1}%\">", w / total * 100.0)?;
        }
        h.push_str("</colgroup>\n");
    }
    h.push_str("<tr>");
    for head in &t.head {
        write!(h, "<th>{}</th>", encode_text(head))?;
    }
    h.push_str("</tr>\n");
    for (row, strong) in t.rows.iter().zip(&t.strong) {
        h.push_str(if *strong { "<tr class=\"strong\">" } else { "<tr>" });
        for (i, cell) in row.iter().enumerate() {
            let class = if i >= t.numeric_from { " class=\"num\"" } else { "" };
            write!(h, "<td{class}>{}</td>", encode_text(cell))?;
        }
        h.push_str("</tr>\n");
    }
    writeln!(h, "</table>")
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
