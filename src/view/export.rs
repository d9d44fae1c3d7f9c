//! The diagram as a standalone SVG picture, drawn as the canvas draws it (boxes,
//! pictograms, arrows and their labels), without the toolbar or panels.

use crate::editor::geometry::{bounds, edge_point, node_rect, NODE_HEIGHT, NODE_WIDTH};
use super::look::{glyph, kind_colour};
use crate::model::Diagram;
use std::fmt::Write;

/// Escapes text for XML: names are the learner's, never markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

const STYLE: &str = "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}\
.box{fill:#fff;stroke:#c6ccd2;stroke-width:1.2}.name{font-size:13.5px;font-weight:600;fill:#16191f}\
.kind{font-size:11.5px;fill:#545b64}.line{stroke:#687078;stroke-width:1.6;fill:none;stroke-dasharray:6 4}\
.sync{stroke:#414750;stroke-dasharray:none}.fail{stroke:#c33d2e}.label rect{fill:#fff;stroke:#d5dbdb}\
.label text{font-size:10.5px;fill:#545b64}";

/// The whole diagram with a margin, or a small empty picture.
pub fn to_svg(diagram: &Diagram) -> String {
    let margin = 40.0;
    let area = bounds(diagram).unwrap_or(crate::editor::geometry::Rect { x: 0.0, y: 0.0, width: 200.0, height: 100.0 });
    let (x0, y0) = (area.x - margin, area.y - margin);
    let (w, h) = (area.width + 2.0 * margin, area.height + 2.0 * margin);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1} {y0:.1} {w:.1} {h:.1}" width="{w:.0}" height="{h:.0}"><style>{STYLE}</style><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#687078"/></marker></defs><rect x="{x0:.1}" y="{y0:.1}" width="{w:.1}" height="{h:.1}" fill="#f4f6f8"/>"##
    );
    for c in diagram.connections() {
        let (Some(from), Some(to)) = (diagram.component(c.from), diagram.component(c.to)) else { continue };
        let (a, b) = (node_rect(from), node_rect(to));
        let (s, e) = (edge_point(&a, b.center()), edge_point(&b, a.center()));
        let mut class = String::from("line");
        if c.kind.is_synchronous() {
            class.push_str(" sync");
        }
        if matches!(c.kind, crate::model::ConnectionKind::Redrive | crate::model::ConnectionKind::OnFailure) {
            class.push_str(" fail");
        }
        let label = c.kind.label();
        let lw = label.chars().count() as f64 * 6.2 + 12.0;
        let (mx, my) = ((s.x + e.x) / 2.0, (s.y + e.y) / 2.0);
        let _ = write!(
            out,
            r#"<path class="{class}" d="M{:.1} {:.1}L{:.1} {:.1}" marker-end="url(#arrow)"/><g class="label" transform="translate({mx:.1} {my:.1})"><rect x="{:.1}" y="-9" width="{lw:.1}" height="18" rx="9"/><text y="4" text-anchor="middle">{}</text></g>"#,
            s.x,
            s.y,
            e.x,
            e.y,
            -lw / 2.0,
            escape(label)
        );
    }
    for c in diagram.components() {
        let kind = c.kind();
        let name: String = if c.name.chars().count() > 19 { format!("{}…", c.name.chars().take(18).collect::<String>()) } else { c.name.clone() };
        let _ = write!(
            out,
            r##"<g transform="translate({:.1} {:.1})"><title>{}</title><rect class="box" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="10"/><g transform="translate(14 14) scale(1.3333)"><rect width="24" height="24" rx="5" fill="{}"/><g transform="translate(3 3) scale(0.75)"><path d="{}" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></g></g><text class="name" x="56" y="27">{}</text><text class="kind" x="56" y="45">{}</text></g>"##,
            c.position.x,
            c.position.y,
            escape(&c.name),
            kind_colour(kind),
            glyph(kind),
            escape(&name),
            escape(c.spec.aws_name())
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ComponentKind, Point};

    #[test]
    fn the_picture_holds_every_box_and_arrow_with_names_escaped() {
        let mut d = Diagram::new();
        let a = d.add_component(ComponentKind::Client, "Shop <script>", Point { x: 0.0, y: 0.0 });
        let b = d.add_component(ComponentKind::Queue, "Orders & more", Point { x: 300.0, y: 0.0 });
        d.connect(a, b).unwrap();
        let svg = to_svg(&d);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(svg.matches("class=\"box\"").count(), 2);
        assert_eq!(svg.matches("marker-end").count(), 1);
        assert!(svg.contains("Shop &lt;script&gt;") && !svg.contains("<script>"));
        assert!(svg.contains("Orders &amp; more"));
        assert!(svg.contains(">send</text>"));
    }
}
