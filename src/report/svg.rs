//! Inline SVG charts (图表) for the HTML report: a radar of the maturity
//! domains and bars of the key indicators against their thresholds.
//!
//! Charts are drawn from `f64` copies of the exact indicator values (drawing
//! only; every number printed in the report comes from the exact values).
//! Every text in a chart goes through [`esc`], so the SVG is well-formed XML
//! whatever the labels contain.

use std::fmt::Write as _;

/// Escape text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// One radar axis.
#[derive(Debug, Clone)]
pub struct RadarAxis {
    /// Label.
    pub label: String,
    /// Effective value 0–5 (level in full plus the share of the next).
    pub value: f64,
    /// Self-rated level, when the objective indicator capped it.
    pub self_rated: Option<f64>,
}

/// Legend texts of the radar.
#[derive(Debug, Clone)]
pub struct RadarLegend {
    /// The effective rating.
    pub effective: String,
    /// The self-rating where capped.
    pub self_rated: String,
    /// The next level ring.
    pub target: String,
    /// Accessible title.
    pub title: String,
}

const C_MAIN: &str = "#1f6fb2";
const C_SELF: &str = "#d98b0b";
const C_TARGET: &str = "#c0392b";
const C_GRID: &str = "#c9ced6";
const C_TEXT: &str = "#263238";

fn polygon(cx: f64, cy: f64, r_of: impl Fn(usize) -> f64, n: usize) -> String {
    (0..n)
        .map(|i| {
            let a = -std::f64::consts::FRAC_PI_2 + (i as f64) * std::f64::consts::TAU / n as f64;
            let r = r_of(i);
            format!("{:.1},{:.1}", cx + r * a.cos(), cy + r * a.sin())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Radar chart of the maturity domains, levels 0–5.
pub fn radar(axes: &[RadarAxis], target: Option<u8>, legend: &RadarLegend) -> String {
    let (w, h) = (640.0, 450.0);
    let (cx, cy, rmax) = (320.0, 205.0, 150.0);
    let n = axes.len().max(3);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}" class="chart radar"><title>{t}</title>"#,
        t = esc(&legend.title)
    );
    for l in 1..=5 {
        let r = rmax * l as f64 / 5.0;
        let _ = write!(
            s,
            r#"<polygon points="{}" fill="none" stroke="{C_GRID}" stroke-width="1"/>"#,
            polygon(cx, cy, |_| r, n)
        );
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#78909c">{l}</text>"##,
            cx + 3.0,
            cy - r + 11.0
        );
    }
    for i in 0..n {
        let a = -std::f64::consts::FRAC_PI_2 + (i as f64) * std::f64::consts::TAU / n as f64;
        let _ = write!(
            s,
            r#"<line x1="{cx}" y1="{cy}" x2="{:.1}" y2="{:.1}" stroke="{C_GRID}" stroke-width="1"/>"#,
            cx + rmax * a.cos(),
            cy + rmax * a.sin()
        );
    }
    if let Some(t) = target.filter(|t| (1..=5).contains(t)) {
        let r = rmax * f64::from(t) / 5.0;
        let _ = write!(
            s,
            r#"<polygon points="{}" fill="none" stroke="{C_TARGET}" stroke-width="1.5" stroke-dasharray="6 4"/>"#,
            polygon(cx, cy, |_| r, n)
        );
    }
    let val = |v: f64| rmax * v.clamp(0.0, 5.0) / 5.0;
    if axes.iter().any(|a| a.self_rated.is_some()) {
        let _ = write!(
            s,
            r#"<polygon points="{}" fill="none" stroke="{C_SELF}" stroke-width="1.5" stroke-dasharray="2 3"/>"#,
            polygon(
                cx,
                cy,
                |i| val(axes
                    .get(i)
                    .map(|a| a.self_rated.unwrap_or(a.value))
                    .unwrap_or(0.0)),
                n
            )
        );
    }
    let _ = write!(
        s,
        r#"<polygon points="{}" fill="{C_MAIN}" fill-opacity="0.22" stroke="{C_MAIN}" stroke-width="2"/>"#,
        polygon(
            cx,
            cy,
            |i| val(axes.get(i).map(|a| a.value).unwrap_or(0.0)),
            n
        )
    );
    for (i, ax) in axes.iter().enumerate() {
        let a = -std::f64::consts::FRAC_PI_2 + (i as f64) * std::f64::consts::TAU / n as f64;
        let r = val(ax.value);
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{C_MAIN}"/>"#,
            cx + r * a.cos(),
            cy + r * a.sin()
        );
        let (lx, ly) = (cx + (rmax + 16.0) * a.cos(), cy + (rmax + 16.0) * a.sin());
        let anchor = if a.cos() > 0.2 {
            "start"
        } else if a.cos() < -0.2 {
            "end"
        } else {
            "middle"
        };
        let dy = if a.sin() > 0.5 {
            10.0
        } else if a.sin() < -0.5 {
            -2.0
        } else {
            4.0
        };
        let _ = write!(
            s,
            r#"<text x="{lx:.1}" y="{:.1}" font-size="12" text-anchor="{anchor}" fill="{C_TEXT}">{} <tspan font-weight="bold">{}</tspan></text>"#,
            ly + dy,
            esc(&ax.label),
            esc(&trim_num(ax.value))
        );
    }
    // Legend.
    let y = h - 28.0;
    let mut x = 20.0;
    let mut item = |s: &mut String, stroke: &str, dash: &str, fill: &str, text: &str| {
        let _ = write!(
            s,
            r#"<rect x="{x}" y="{:.1}" width="18" height="10" fill="{fill}" fill-opacity="0.22" stroke="{stroke}" stroke-width="1.5" stroke-dasharray="{dash}"/><text x="{:.1}" y="{:.1}" font-size="11" fill="{C_TEXT}">{}</text>"#,
            y - 9.0,
            x + 24.0,
            y,
            esc(text)
        );
        x += 24.0 + text_width(text, 11.0) + 18.0;
    };
    item(&mut s, C_MAIN, "none", C_MAIN, &legend.effective);
    if axes.iter().any(|a| a.self_rated.is_some()) {
        item(&mut s, C_SELF, "2 3", "none", &legend.self_rated);
    }
    if target.is_some() {
        item(&mut s, C_TARGET, "6 4", "none", &legend.target);
    }
    s.push_str("</svg>");
    s
}

fn trim_num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Rough width of a text: CJK characters are square, Latin about half.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if (c as u32) > 0x2e80 {
                size
            } else {
                size * 0.56
            }
        })
        .sum()
}

/// A marker on an indicator bar (a criterion threshold or a district target).
#[derive(Debug, Clone)]
pub struct Marker {
    /// Value on the bar's scale.
    pub value: f64,
    /// Series index into the legend (colour).
    pub series: usize,
    /// Tooltip.
    pub title: String,
}

/// One indicator bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Indicator name.
    pub label: String,
    /// Value (None = unknown).
    pub value: Option<f64>,
    /// Value as shown.
    pub shown: String,
    /// Full scale of the bar.
    pub max: f64,
    /// Scale end as shown.
    pub max_shown: String,
    /// Markers.
    pub markers: Vec<Marker>,
    /// A second value drawn as a thin bar (the "before" of a comparison).
    pub before: Option<f64>,
}

/// Marker series: (legend text, colour, dashed).
pub const SERIES_COLOURS: [(&str, bool); 4] = [
    ("#78909c", false),
    ("#ef8a00", false),
    ("#8e44ad", false),
    ("#c0392b", true),
];

/// Horizontal bars with threshold markers; `legend` names the marker series
/// (in [`SERIES_COLOURS`] order) and, for comparisons, the two bar series.
pub fn bars(title: &str, rows: &[Bar], legend: &[String], bar_legend: &[String]) -> String {
    let label_w = rows
        .iter()
        .map(|b| text_width(&b.label, 12.0))
        .fold(120.0, f64::max)
        .min(360.0)
        + 10.0;
    let w = label_w + 440.0;
    let bar_x = label_w + 10.0;
    let bar_w = 330.0;
    let row_h = 40.0;
    let top = 40.0;
    let h = top + row_h * rows.len() as f64 + 10.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}" class="chart bars"><title>{t}</title>"#,
        t = esc(title)
    );
    // Legend.
    let mut x = 10.0;
    for (i, text) in bar_legend.iter().enumerate() {
        let (fill, op) = if i == 0 && bar_legend.len() > 1 {
            ("#b0bec5", "1")
        } else {
            (C_MAIN, "0.85")
        };
        let _ = write!(
            s,
            r#"<rect x="{x:.1}" y="8" width="16" height="10" fill="{fill}" fill-opacity="{op}"/><text x="{:.1}" y="17" font-size="11" fill="{C_TEXT}">{}</text>"#,
            x + 21.0,
            esc(text)
        );
        x += 21.0 + text_width(text, 11.0) + 16.0;
    }
    for (i, text) in legend.iter().enumerate() {
        let (colour, dashed) = SERIES_COLOURS[i.min(SERIES_COLOURS.len() - 1)];
        if dashed {
            // The district target: a triangle pointing down at the value.
            let _ = write!(
                s,
                r#"<path d="M{:.1},7 L{:.1},7 L{x:.1},17 Z" fill="{colour}"/>"#,
                x - 5.0,
                x + 5.0
            );
        } else {
            let _ = write!(
                s,
                r#"<line x1="{x:.1}" y1="6" x2="{x:.1}" y2="20" stroke="{colour}" stroke-width="3"/>"#
            );
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="17" font-size="11" fill="{C_TEXT}">{}</text>"#,
            x + 9.0,
            esc(text)
        );
        x += 9.0 + text_width(text, 11.0) + 16.0;
    }
    for (i, b) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let by = y + 8.0;
        let bh = 16.0;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="{C_TEXT}">{}</text>"#,
            label_w,
            by + 12.0,
            esc(&b.label)
        );
        let _ = write!(
            s,
            r##"<rect x="{bar_x}" y="{by}" width="{bar_w}" height="{bh}" fill="#eef1f5"/>"##
        );
        let scale = |v: f64| bar_w * (v / b.max).clamp(0.0, 1.0);
        if let Some(v) = b.before {
            let _ = write!(
                s,
                r##"<rect x="{bar_x}" y="{by}" width="{:.1}" height="{:.1}" fill="#b0bec5"/>"##,
                scale(v),
                bh / 2.0
            );
        }
        match b.value {
            Some(v) => {
                let (yy, hh) = if b.before.is_some() {
                    (by + bh / 2.0, bh / 2.0)
                } else {
                    (by, bh)
                };
                let _ = write!(
                    s,
                    r#"<rect x="{bar_x}" y="{yy:.1}" width="{:.1}" height="{hh:.1}" fill="{C_MAIN}" fill-opacity="0.85"/>"#,
                    scale(v)
                );
            }
            None => {
                let _ = write!(
                    s,
                    r##"<rect x="{bar_x}" y="{by}" width="{bar_w}" height="{bh}" fill="none" stroke="#b0bec5" stroke-dasharray="4 3"/>"##
                );
            }
        }
        for m in &b.markers {
            let (colour, dashed) = SERIES_COLOURS[m.series.min(SERIES_COLOURS.len() - 1)];
            let mx = bar_x + scale(m.value);
            if dashed {
                let _ = write!(
                    s,
                    r##"<g><title>{}</title><line x1="{mx:.1}" y1="{by:.1}" x2="{mx:.1}" y2="{:.1}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="3 2"/><path d="M{:.1},{:.1} L{:.1},{:.1} L{mx:.1},{:.1} Z" fill="{colour}" stroke="#fff" stroke-width="1"/></g>"##,
                    esc(&m.title),
                    by + bh,
                    mx - 6.0,
                    by - 11.0,
                    mx + 6.0,
                    by - 11.0,
                    by - 1.0
                );
            } else {
                let _ = write!(
                    s,
                    r##"<g><title>{}</title><line x1="{mx:.1}" y1="{:.1}" x2="{mx:.1}" y2="{:.1}" stroke="#fff" stroke-width="5"/><line x1="{mx:.1}" y1="{:.1}" x2="{mx:.1}" y2="{:.1}" stroke="{colour}" stroke-width="2.5"/></g>"##,
                    esc(&m.title),
                    by - 4.0,
                    by + bh + 4.0,
                    by - 4.0,
                    by + bh + 4.0
                );
            }
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" fill="{C_TEXT}">{}</text>"#,
            bar_x + bar_w + 8.0,
            by + 12.0,
            esc(&b.shown)
        );
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="end" fill="#90a4ae">{}</text>"##,
            bar_x + bar_w,
            by + bh + 12.0,
            esc(&b.max_shown)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            esc("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39; "
        );
    }
}
