//! Word report (Word 报告, DOCX): the sections of the HTML report as a document
//! a consultant finishes in Word or WPS — real headings (a navigable
//! outline), real tables, the two charts as PNG images, Chinese fonts named
//! (微软雅黑 / Microsoft YaHei, with 宋体 as Word's fallback), a running header
//! with the enterprise and page numbers in the footer.
//!
//! The text comes from the same view model as the HTML
//! ([`super::view::report_value`]); the charts are the same SVG, drawn to
//! PNG with resvg. docx-rs escapes every text it writes into the XML.

use super::view::{self, ReportInput};
use crate::lang::Lang;
use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, Header, NumPages, PageMargin, PageNum, Paragraph, Pic,
    Run, RunFonts, Shading, Style, StyleType, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableRow, WidthType,
};
use serde_json::Value;

mod levels;

/// Latin and CJK fonts named in the document. Word and WPS on Windows have
/// Microsoft YaHei; LibreOffice substitutes Noto Sans CJK where it is not.
const FONT_LATIN: &str = "Arial";
const FONT_CJK: &str = "Microsoft YaHei";

/// A4 in twips (1/20 pt) and margins of 2 cm.
const A4_W: u32 = 11_906;
const A4_H: u32 = 16_838;
const MARGIN: i32 = 1_134;
/// Text width in twips, for table columns.
const TEXT_W: usize = (A4_W as usize) - 2 * (MARGIN as usize);

/// EMU per pixel at 96 dpi (images are sized in EMU).
const EMU_PER_PX: u32 = 9_525;

/// Build the DOCX file of an assessment report.
pub fn render(r: &ReportInput) -> anyhow::Result<Vec<u8>> {
    let v = view::report_value(r);
    let w = Writer { v: &v, l: r.lang };
    let (radar, bars) = view::chart_svgs(r);
    let mut doc = base(&w);
    doc = w.title_block(doc);
    doc = w.overrides(doc);
    doc = w.exec(doc);
    doc = w.summary(doc);
    doc = w.levels(doc)?;
    doc = w.charts(doc, &radar, &bars)?;
    doc = w.criteria(doc);
    doc = w.roadmap(doc);
    doc = w.tracks(doc);
    doc = w.indicators(doc);
    doc = w.explain(doc);
    doc = w.warnings(doc);
    doc = w.audit(doc);
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| anyhow::anyhow!("DOCX: {e}"))?;
    Ok(buf.into_inner())
}

/// Page set-up, fonts, heading styles, header and footer.
fn base(w: &Writer) -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT_LATIN)
        .hi_ansi(FONT_LATIN)
        .east_asia(FONT_CJK)
        .hint("eastAsia");
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(size)
            .bold()
            .color("1F3A5F")
            .fonts(fonts.clone())
            .outline_lvl(level)
    };
    let mut header_text = format!("{} · {}", w.t("title"), w.s("/enterprise/name"));
    let secret = w.s("/profile/confidentiality");
    if !secret.is_empty() {
        header_text = format!("{secret} · {header_text}");
    }
    let footer = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(w.l.pick("第 ", "Page ")))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(w.l.pick(" 页，共 ", " of ")))
        .add_num_pages(NumPages::new())
        .add_run(Run::new().add_text(w.l.pick(" 页", "")))
        .size(18);
    Docx::new()
        .page_size(A4_W, A4_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts.clone())
        .default_size(21)
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 28, 1))
        .add_style(heading("Heading3", "heading 3", 24, 2))
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(Run::new().add_text(header_text).size(16).color("666666")),
            ),
        )
        .footer(Footer::new().add_paragraph(footer))
}

/// Lays the view model out.
struct Writer<'a> {
    v: &'a Value,
    l: Lang,
}

impl Writer<'_> {
    /// A view text at a JSON pointer, in Chinese typography under zh.
    fn s(&self, ptr: &str) -> String {
        self.fin(self.v.pointer(ptr).and_then(Value::as_str).unwrap_or(""))
    }

    /// A label.
    fn t(&self, key: &str) -> String {
        self.s(&format!("/t/{key}"))
    }

    fn fin(&self, s: &str) -> String {
        match self.l {
            Lang::Zh => super::zh::punct(&super::fields::humanize(s, self.l)).into_owned(),
            Lang::En => s.to_string(),
        }
    }

    fn list(&self, ptr: &str) -> Vec<Value> {
        self.v
            .pointer(ptr)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }

    fn field(&self, item: &Value, key: &str) -> String {
        self.fin(item.get(key).and_then(Value::as_str).unwrap_or(""))
    }

    fn title_block(&self, doc: Docx) -> Docx {
        let e = |k: &str| self.s(&format!("/enterprise/{k}"));
        let rows = vec![
            (self.t("enterprise"), e("name")),
            (self.t("credit_code"), e("credit_code")),
            (self.t("sector"), e("sector")),
            (self.t("mode"), e("mode")),
            (
                self.t("data_year"),
                self.v
                    .pointer("/enterprise/data_year")
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
            ),
            (self.t("report_date"), self.s("/audit/date")),
        ];
        let rows = [rows, self.profile_rows()].concat();
        let doc = match self.logo() {
            Some(pic) => doc.add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic))),
            None => doc,
        };
        doc.add_paragraph(heading(1, &self.t("title")))
            .add_paragraph(para(&self.s("/subtitle")).size(20).color("555555"))
            .add_table(key_value_table(rows))
    }

    /// The executive summary on page 1: the three best actions.
    fn exec(&self, doc: Docx) -> Docx {
        let items = self.list("/exec");
        if items.is_empty() {
            return doc;
        }
        let mut rows = vec![vec![
            "#".to_string(),
            self.t("target"),
            self.t("cost"),
            self.t("exec_money"),
            self.t("exec_reaches"),
        ]];
        for x in &items {
            let funders = self.field(x, "by_funder");
            let money = if funders.is_empty() {
                self.field(x, "money")
            } else {
                format!("{}\n{funders}", self.field(x, "money"))
            };
            rows.push(vec![
                x.get("rank").map(|r| r.to_string()).unwrap_or_default(),
                self.field(x, "name"),
                self.field(x, "cost"),
                money,
                self.field(x, "reaches"),
            ]);
        }
        doc.add_paragraph(heading(2, &self.t("exec")))
            .add_table(grid(rows, &[1, 4, 3, 5, 5]))
            .add_paragraph(para(&self.t("exec_note")).size(18).color("555555"))
    }

    /// The consultant profile's label and value pairs.
    fn profile_rows(&self) -> Vec<(String, String)> {
        self.list("/profile/rows")
            .iter()
            .filter_map(|r| {
                let pair = r.as_array()?;
                let text = |i: usize| -> Option<String> { Some(self.fin(pair.get(i)?.as_str()?)) };
                Some((text(0)?, text(1)?))
            })
            .collect()
    }

    /// The profile's logo, 3 cm wide, from its data URI.
    fn logo(&self) -> Option<Pic> {
        use base64::Engine as _;
        let uri = self.v.pointer("/profile/logo")?.as_str()?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(uri.strip_prefix("data:image/png;base64,")?)
            .ok()?;
        let w = u32::from_be_bytes(png.get(16..20)?.try_into().ok()?);
        let h = u32::from_be_bytes(png.get(20..24)?.try_into().ok()?);
        let width_emu: u32 = 1_080_000;
        let height_emu = (u64::from(width_emu) * u64::from(h) / u64::from(w.max(1))) as u32;
        Some(Pic::new_with_dimensions(png, w, h).size(width_emu, height_emu))
    }

    fn summary(&self, mut doc: Docx) -> Docx {
        doc = doc.add_paragraph(heading(2, &self.t("summary")));
        let line = format!(
            "{}: {} {} ({}), {} {} — {}",
            self.t("maturity"),
            self.t("level"),
            self.s("/summary/level"),
            self.s("/summary/level_name"),
            self.t("score"),
            self.s("/summary/score"),
            self.t("not_certified")
        );
        doc = doc
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(self.fin(&line)).bold()));
        for n in self.list("/summary/notes") {
            doc = doc.add_paragraph(para(&self.fin(n.as_str().unwrap_or(""))));
        }
        let mut rows = vec![vec![self.t("verdicts"), self.t("result")]];
        for v in self.list("/summary/verdicts") {
            rows.push(vec![self.field(&v, "name"), self.field(&v, "status")]);
        }
        doc = doc.add_table(grid(rows, &[3, 2]));
        let mut rows = vec![vec![
            self.t("funder"),
            self.t("eligible"),
            self.t("potential"),
        ]];
        for m in self.list("/summary/money") {
            rows.push(vec![
                self.field(&m, "funder"),
                self.field(&m, "eligible"),
                self.field(&m, "potential"),
            ]);
        }
        doc = doc
            .add_paragraph(heading(3, &self.t("support")))
            .add_table(grid(rows, &[2, 3, 3]));
        let doc = doc.add_paragraph(para(&self.s("/summary/cap_note")).size(18));
        let note = self.s("/summary/money_note");
        if note.is_empty() {
            doc
        } else {
            doc.add_paragraph(para(&note).size(18).color("555555"))
        }
    }

    fn charts(&self, doc: Docx, radar: &str, bars: &str) -> anyhow::Result<Docx> {
        let mut doc = doc.add_paragraph(heading(2, &self.t("charts")));
        let captions = [self.t("radar_caption"), self.s("/bars_caption")];
        for (svg, caption) in [radar, bars].into_iter().zip(captions) {
            doc = chart(doc, svg, &caption)?;
        }
        Ok(doc)
    }

    fn criteria(&self, doc: Docx) -> Docx {
        let mut doc = doc.add_paragraph(heading(2, &self.t("criteria")));
        for c in self.list("/criteria") {
            let title = format!("{}: {}", self.field(&c, "name"), self.field(&c, "status"));
            doc = doc.add_paragraph(heading(3, &self.fin(&title)));
            let source = self.field(&c, "source");
            if !source.is_empty() {
                doc = doc.add_paragraph(
                    para(&self.fin(&format!("{}: {source}", self.t("source")))).size(18),
                );
            }
            let mut rows = vec![vec![
                self.t("check"),
                self.t("result"),
                self.t("actual"),
                self.t("required"),
                self.t("gap"),
            ]];
            for k in c
                .get("checks")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let reference = k.get("reference").and_then(Value::as_bool).unwrap_or(false);
                rows.push(vec![
                    format!(
                        "{}{}",
                        self.field(k, "name"),
                        if reference { " [R]" } else { "" }
                    ),
                    self.field(k, "status"),
                    self.field(k, "actual"),
                    self.field(k, "required"),
                    self.field(k, "gap"),
                ]);
            }
            doc = doc.add_table(grid(rows, &[3, 2, 2, 3, 5]));
        }
        doc.add_paragraph(para(&self.t("r_note")).size(18))
    }

    /// The roadmap's targets, then 等级提升 (the level part) when a level
    /// pack applied.
    fn roadmap(&self, doc: Docx) -> Docx {
        let doc = self.roadmap_targets(doc);
        self.level_plan(doc)
    }

    /// 等级提升 / Raising the level: each plan's title in bold, each list's
    /// head and its lines as dashed entries.
    fn level_plan(&self, doc: Docx) -> Docx {
        let groups = self.list("/roadmap/level_plan");
        if groups.is_empty() {
            return doc;
        }
        let mut doc = doc.add_paragraph(heading(3, &self.t("level_plan")));
        for g in groups {
            let title = Run::new().add_text(self.field(&g, "title")).bold();
            doc = doc.add_paragraph(Paragraph::new().keep_next(true).add_run(title));
            for x in g
                .get("lists")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                doc = doc.add_paragraph(para(&self.fin(&format!("{}:", self.field(x, "head")))));
                for line in x
                    .get("lines")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let text = format!("  – {}", self.fin(line.as_str().unwrap_or("")));
                    doc = doc.add_paragraph(para(&text).size(18));
                }
            }
        }
        doc
    }

    fn roadmap_targets(&self, doc: Docx) -> Docx {
        let mut doc = doc.add_paragraph(heading(2, &self.t("roadmap")));
        doc = doc.add_paragraph(para(&self.t("roadmap_intro")).size(18));
        let targets = self.list("/roadmap/targets");
        if targets.is_empty() {
            return doc.add_paragraph(para(&self.t("roadmap_none")));
        }
        for t in targets {
            let rank = t.get("rank").map(|x| x.to_string()).unwrap_or_default();
            doc = doc.add_paragraph(heading(3, &format!("{rank}. {}", self.field(&t, "name"))));
            let facts = [
                ("cost", "cost"),
                ("money_unlocked", "money"),
                ("ratio", "ratio"),
            ];
            for (label, key) in facts {
                let value = self.field(&t, key);
                if !value.is_empty() {
                    doc =
                        doc.add_paragraph(para(&self.fin(&format!("{}: {value}", self.t(label)))));
                }
            }
            let mut rows = vec![vec![
                self.t("action"),
                self.t("cost"),
                self.t("unlocks"),
                self.t("money_unlocked"),
            ]];
            for s in t
                .get("steps")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let tracks = self.field(s, "tracks");
                let unlocks = if tracks.is_empty() {
                    self.field(s, "unlocks")
                } else {
                    format!("{}\n{tracks}", self.field(s, "unlocks"))
                };
                rows.push(vec![
                    self.field(s, "what"),
                    self.field(s, "cost"),
                    unlocks,
                    self.field(s, "money"),
                ]);
            }
            if rows.len() > 1 {
                doc = doc.add_table(grid(rows, &[4, 3, 6, 3]));
            }
        }
        doc
    }

    fn tracks(&self, doc: Docx) -> Docx {
        let mut doc = doc.add_paragraph(heading(2, &self.t("tracks")));
        for g in self.list("/track_groups") {
            doc = doc.add_paragraph(heading(3, &self.field(&g, "status")));
            let strings = |v: Option<&Value>| -> Vec<String> {
                v.and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|c| self.fin(c.as_str().unwrap_or("")))
                    .collect()
            };
            let headers = strings(self.v.pointer("/funder_headers"));
            let mut rows = vec![[self.t("track"), self.t("clause"), self.t("amount")]
                .into_iter()
                .chain(headers.iter().cloned())
                .collect()];
            for x in g
                .get("tracks")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                // Title with its [S] mark, the document it rests on, the note.
                let title = [
                    format!("{}{}", self.field(x, "title"), self.field(x, "tag")),
                    self.field(x, "document"),
                    self.field(x, "note"),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
                rows.push(
                    [title, self.field(x, "clause"), self.field(x, "amount")]
                        .into_iter()
                        .chain(strings(x.get("funders")))
                        .collect(),
                );
            }
            // Track, clause, amount, then one narrow column per funder.
            let weights: Vec<usize> = [7, 2, 3]
                .into_iter()
                .chain(headers.iter().map(|_| 2))
                .collect();
            doc = doc.add_table(grid(rows, &weights));
        }
        // Each totals line under its label, as the HTML report shows them
        // (without it the two lines cannot be told apart); the cap line as is.
        for (key, label) in [
            ("totals_eligible", Some("eligible")),
            ("totals_potential", Some("potential")),
            ("cap_line", None),
        ] {
            let text = self.s(&format!("/{key}"));
            if text.is_empty() {
                continue;
            }
            let line = match label {
                Some(l) => format!("{}{}{text}", self.t(l), self.l.pick("：", ": ")),
                None => text,
            };
            doc = doc.add_paragraph(para(&line));
        }
        for x in self.list("/track_legend") {
            doc = doc.add_paragraph(para(&self.fin(x.as_str().unwrap_or(""))).size(18));
        }
        let others = self.list("/other_tracks");
        if !others.is_empty() {
            let names: Vec<String> = others
                .iter()
                .map(|o| self.fin(o.as_str().unwrap_or("")))
                .collect();
            let sep = self.l.pick("；", "; ");
            doc = doc.add_paragraph(
                para(&self.fin(&format!("{}: {}", self.t("other_tracks"), names.join(sep))))
                    .size(18),
            );
        }
        doc
    }

    fn indicators(&self, doc: Docx) -> Docx {
        let mut rows = vec![vec![
            self.t("indicator"),
            self.t("value"),
            self.t("computation"),
        ]];
        for i in self.list("/indicators") {
            rows.push(vec![
                self.field(&i, "name"),
                self.field(&i, "value"),
                self.field(&i, "computation"),
            ]);
        }
        doc.add_paragraph(heading(2, &self.t("indicators")))
            .add_table(grid(rows, &[4, 2, 6]))
    }

    /// The what-if box: values overridden with `--set` (paths as typed).
    fn overrides(&self, doc: Docx) -> Docx {
        let list = self.list("/overrides");
        if list.is_empty() {
            return doc;
        }
        let mut rows = vec![vec![self.t("path"), self.t("in_file"), self.t("set_to")]];
        for o in &list {
            let raw = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            rows.push(vec![raw("path"), raw("before"), raw("after")]);
        }
        doc.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(self.t("whatif")).bold().color("9B1C1C")),
        )
        .add_table(grid(rows, &[5, 3, 3]))
    }

    /// How each number was computed: level scores, domains, and every
    /// listed track's conditions and computation.
    fn explain(&self, doc: Docx) -> Docx {
        let mut doc = doc
            .add_paragraph(heading(2, &self.t("explain")))
            .add_paragraph(heading(3, &self.t("maturity_scores")));
        let scores: Vec<String> = self
            .list("/explain/level_scores")
            .iter()
            .map(|x| self.fin(x.as_str().unwrap_or("")))
            .collect();
        doc = doc.add_paragraph(para(&scores.join(" · ")).size(18));
        let mut rows = vec![vec![
            self.t("domain"),
            self.t("self_rated"),
            self.t("objective"),
            self.t("used"),
            self.t("next_fit"),
        ]];
        for d in self.list("/explain/domains") {
            rows.push(
                ["name", "self_rated", "objective", "used", "next"]
                    .iter()
                    .map(|k| self.field(&d, k))
                    .collect(),
            );
        }
        doc = doc.add_table(grid(rows, &[4, 2, 3, 2, 3]));
        doc = doc.add_paragraph(heading(3, &self.t("tracks")));
        for t in self.list("/explain/tracks") {
            let title = format!("{} — {}", self.field(&t, "title"), self.field(&t, "status"));
            doc = doc.add_paragraph(
                Paragraph::new()
                    .keep_next(true)
                    .add_run(Run::new().add_text(title).bold()),
            );
            for c in t
                .get("conditions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let line = format!(
                    "{} {} = {} ({} {})",
                    c.get("mark").and_then(Value::as_str).unwrap_or(""),
                    self.field(c, "label"),
                    self.field(c, "actual"),
                    self.t("required"),
                    self.field(c, "required")
                );
                doc = doc.add_paragraph(para(&self.fin(&line)).size(18));
            }
            for line in t
                .get("lines")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let text = format!("= {}", self.fin(line.as_str().unwrap_or("")));
                doc = doc.add_paragraph(para(&text).size(18).color("444444"));
            }
        }
        doc
    }

    fn warnings(&self, doc: Docx) -> Docx {
        let list = self.list("/warnings");
        if list.is_empty() {
            return doc;
        }
        let mut doc = doc.add_paragraph(heading(2, &self.t("warnings")));
        for w in list {
            doc = doc.add_paragraph(para(w.as_str().unwrap_or("")).size(18));
        }
        doc
    }

    fn audit(&self, doc: Docx) -> Docx {
        let a = |k: &str| self.s(&format!("/audit/{k}"));
        let rows = vec![
            (self.t("input_file"), a("file")),
            (self.t("sha256"), a("sha256")),
            (self.t("policy_pack"), a("policy")),
            (self.t("criteria_pack"), a("criteria")),
            (self.t("report_date"), a("date")),
            (self.t("tool"), a("tool")),
        ];
        let rows = [rows, self.profile_rows()].concat();
        let doc = doc
            .add_paragraph(heading(2, &self.t("audit")))
            .add_table(key_value_table(rows))
            .add_paragraph(para(&self.t("disclaimer")).size(18).color("555555"));
        let sign_off = self.s("/profile/sign_off");
        if sign_off.is_empty() {
            doc
        } else {
            doc.add_paragraph(para(&sign_off))
        }
    }
}

/// A chart: the SVG drawn to PNG, centred, fitted to the text width (17 cm
/// ≈ 642 px at 96 dpi, never enlarged), with its caption.
fn chart(doc: Docx, svg: &str, caption: &str) -> anyhow::Result<Docx> {
    let (png, w, h) = svg_to_png(svg)?;
    let max_px = 640.0;
    let scale = (max_px / f64::from(w)).min(1.0);
    let (dw, dh) = (
        (f64::from(w) * scale) as u32 * EMU_PER_PX,
        (f64::from(h) * scale) as u32 * EMU_PER_PX,
    );
    let pic = Pic::new_with_dimensions(png, w, h).size(dw, dh);
    Ok(doc
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_image(pic)),
        )
        .add_paragraph(
            para(caption)
                .align(AlignmentType::Center)
                .size(18)
                .color("555555"),
        ))
}

/// A heading paragraph of level 1–3 (Word styles Heading1–3, with an outline
/// level, so Word's navigation pane lists it).
fn heading(level: usize, text: &str) -> Paragraph {
    Paragraph::new()
        .style(&format!("Heading{level}"))
        .outline_lvl(level - 1)
        .keep_next(true)
        .line_spacing(docx_rs::LineSpacing::new().before(240).after(80))
        .add_run(Run::new().add_text(text))
}

/// A body paragraph; a newline in `text` becomes a line break.
fn para(text: &str) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    Paragraph::new().add_run(run)
}

fn borders() -> TableBorders {
    let b = |p| {
        TableBorder::new(p)
            .size(4)
            .color("BBBBBB")
            .border_type(BorderType::Single)
    };
    TableBorders::new()
        .set(b(TableBorderPosition::Top))
        .set(b(TableBorderPosition::Bottom))
        .set(b(TableBorderPosition::Left))
        .set(b(TableBorderPosition::Right))
        .set(b(TableBorderPosition::InsideH))
        .set(b(TableBorderPosition::InsideV))
}

/// A table whose first row is a shaded header; rows are not split across pages;
/// column widths in proportion to `weights`.
fn grid(rows: Vec<Vec<String>>, weights: &[usize]) -> Table {
    grid_filled(rows, weights, &|_, _| None)
}

/// As [`grid`], each body cell filled with the colour `fill(row, column)`
/// gives (hex RGB), if any: a chart drawn in table cells.
fn grid_filled(
    rows: Vec<Vec<String>>,
    weights: &[usize],
    fill: &dyn Fn(usize, usize) -> Option<&'static str>,
) -> Table {
    let total: usize = weights.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = weights.iter().map(|w| TEXT_W * w / total).collect();
    let rows: Vec<TableRow> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let cells = r
                .into_iter()
                .enumerate()
                .map(|(j, text)| {
                    let p = para(&text).size(18);
                    let p = if i == 0 { p.bold() } else { p };
                    let mut c = TableCell::new()
                        .add_paragraph(p)
                        .width(widths.get(j).copied().unwrap_or(1000), WidthType::Dxa);
                    let colour = if i == 0 { Some("E8EEF5") } else { fill(i, j) };
                    if let Some(colour) = colour {
                        c = c.shading(Shading::new().fill(colour));
                    }
                    c
                })
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    Table::new(rows)
        .set_grid(widths.clone())
        .width(TEXT_W, WidthType::Dxa)
        .set_borders(borders())
}

/// A two-column table of label and value.
fn key_value_table(rows: Vec<(String, String)>) -> Table {
    let rows: Vec<TableRow> = rows
        .into_iter()
        .map(|(k, v)| {
            TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(para(&k).bold().size(18))
                    .width(TEXT_W / 4, WidthType::Dxa)
                    .shading(Shading::new().fill("F3F5F8")),
                TableCell::new()
                    .add_paragraph(para(&v).size(18))
                    .width(TEXT_W * 3 / 4, WidthType::Dxa),
            ])
        })
        .collect();
    Table::new(rows)
        .set_grid(vec![TEXT_W / 4, TEXT_W * 3 / 4])
        .width(TEXT_W, WidthType::Dxa)
        .set_borders(borders())
}

/// An SVG chart drawn to PNG at twice its size (sharp in print), with the
/// system's fonts and a CJK sans-serif for its labels: (png, width, height)
/// in pixels of the PNG.
pub fn svg_to_png(svg: &str) -> anyhow::Result<(Vec<u8>, u32, u32)> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options {
        font_family: "Noto Sans CJK SC".to_string(),
        ..usvg::Options::default()
    };
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    db.set_sans_serif_family("Noto Sans CJK SC");
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| anyhow::anyhow!("chart SVG: {e}"))?;
    let size = tree.size();
    let scale = 2.0;
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap =
        tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or_else(|| anyhow::anyhow!("chart size"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let png = pixmap
        .encode_png()
        .map_err(|e| anyhow::anyhow!("chart PNG: {e}"))?;
    Ok((png, w, h))
}
