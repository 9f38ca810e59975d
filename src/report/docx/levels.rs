//! 数字化水平与智能工厂梯度 in the Word report: the level sections of the
//! view model ([`crate::report::view`] `levels`) as headings, the score chart
//! as a PNG (drawn from the same SVG as the HTML, like the other charts), and
//! tables: points by item, the scene ladder, the ladder's steps and gates.

use super::{chart, grid, grid_filled, heading, para, Writer};
use docx_rs::{Docx, Paragraph, Run};
use serde_json::Value;

impl Writer<'_> {
    /// The level sections; nothing when no level pack applied.
    pub(super) fn levels(&self, doc: Docx) -> anyhow::Result<Docx> {
        let sheets = self.list("/levels/sheets");
        let ladders = self.list("/levels/ladders");
        if sheets.is_empty() && ladders.is_empty() {
            return Ok(doc);
        }
        let mut doc = doc.add_paragraph(heading(2, &self.t("levels")));
        for s in &sheets {
            doc = self.sheet(doc, s)?;
        }
        for d in &ladders {
            doc = self.ladder(doc, d);
        }
        for x in self.list("/levels/legend") {
            doc = doc.add_paragraph(para(&self.fin(x.as_str().unwrap_or(""))).size(18));
        }
        Ok(doc)
    }

    /// Strings of an array under `key` of `item`.
    fn texts(&self, item: &Value, key: &str) -> Vec<String> {
        item.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|x| self.fin(x.as_str().unwrap_or("")))
            .collect()
    }

    fn items<'v>(&self, item: &'v Value, key: &str) -> impl Iterator<Item = &'v Value> {
        item.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
    }

    /// A gap list under its heading, and the data to fill in.
    fn gaps(&self, mut doc: Docx, item: &Value, head: &str, list: &str) -> Docx {
        let heading_text = self.field(item, head);
        if !heading_text.is_empty() {
            doc = doc.add_paragraph(para(&self.fin(&format!("{heading_text}:"))).bold());
            for g in self.texts(item, list) {
                doc = doc.add_paragraph(para(&format!("• {g}")).size(18));
            }
        }
        let missing = self.field(item, "missing");
        if missing.is_empty() {
            doc
        } else {
            doc.add_paragraph(para(&missing).size(18).color("B26A00"))
        }
    }

    fn sheet(&self, mut doc: Docx, s: &Value) -> anyhow::Result<Docx> {
        doc = doc
            .add_paragraph(heading(3, &self.t("digital_level")))
            .add_paragraph(para(&self.field(s, "cite")).size(18).color("555555"));
        let line = format!(
            "{}: {} · {} {}",
            self.t("level"),
            self.field(s, "level"),
            self.t("score"),
            self.field(s, "score")
        );
        doc = doc
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(self.fin(&line)).bold()));
        let decided = self.field(s, "decided_by");
        if !decided.is_empty() {
            let text = self.fin(&format!("{}: {decided}", self.t("decided_by")));
            doc = doc.add_paragraph(para(&text));
        }
        doc = self.gaps(doc, s, "next_heading", "gaps");
        let svg = s.get("chart").and_then(Value::as_str).unwrap_or("");
        doc = chart(doc, svg, &self.t("score_chart_caption"))?;
        let mut rows = vec![vec![
            self.t("dimension"),
            self.t("item"),
            self.t("points"),
            self.t("max_points"),
            self.t("answer"),
        ]];
        for d in self.items(s, "dimensions") {
            rows.push(vec![
                self.field(d, "name"),
                String::new(),
                self.field(d, "points"),
                self.field(d, "max"),
                String::new(),
            ]);
            for i in self.items(d, "items") {
                rows.push(
                    ["group", "name", "points", "max", "answer"]
                        .iter()
                        .map(|k| self.field(i, k))
                        .collect(),
                );
            }
        }
        doc = doc.add_table(grid(rows, &[3, 5, 2, 2, 5]));
        Ok(self.scenes(doc, s))
    }

    /// The scene ladder: each scene, its group, one cell per level 1–4
    /// (filled blue when reached, as in the HTML) and its level in words.
    fn scenes(&self, doc: Docx, s: &Value) -> Docx {
        let head = format!(
            "{}: {}",
            self.field(s, "scene_head"),
            self.field(s, "scene_counts")
        );
        let mut doc = doc
            .add_paragraph(heading(3, &self.t("scene_ladder")))
            .add_paragraph(para(&self.fin(&head)).size(18));
        let level_heads = self.texts(s, "level_heads");
        let mut rows = vec![[self.t("scene"), self.t("scene_group")]
            .into_iter()
            .chain(level_heads.iter().cloned())
            .chain([self.t("level")])
            .collect::<Vec<String>>()];
        // Which cells are reached, by row of the table (after the header).
        let mut reached: Vec<Vec<bool>> = vec![Vec::new()];
        for g in self.items(s, "scene_groups") {
            for x in self.items(g, "scenes") {
                let star = x.get("constraint").and_then(Value::as_bool) == Some(true);
                let cells: Vec<bool> = self
                    .items(x, "cells")
                    .map(|c| c.as_bool() == Some(true))
                    .collect();
                rows.push(
                    [
                        format!("{}{}", self.field(x, "name"), if star { " ★" } else { "" }),
                        self.field(g, "name"),
                    ]
                    .into_iter()
                    .chain(cells.iter().map(|_| String::new()))
                    .chain([self.field(x, "level")])
                    .collect(),
                );
                reached.push(cells);
            }
        }
        let levels = level_heads.len();
        let fill = |row: usize, col: usize| {
            let on = col >= 2 && reached.get(row).and_then(|r| r.get(col - 2)) == Some(&true);
            on.then_some("1F6FB2")
        };
        let weights: Vec<usize> = [4, 5]
            .into_iter()
            .chain(std::iter::repeat_n(1, levels))
            .chain([2])
            .collect();
        doc = doc.add_table(grid_filled(rows, &weights, &fill));
        doc.add_paragraph(para(&self.t("binding_mark")).size(18).color("555555"))
    }

    /// The ladder: the highest step, a table of the steps, each step's gates.
    fn ladder(&self, mut doc: Docx, d: &Value) -> Docx {
        let mut line = format!("{}: {}", self.t("highest_level"), self.field(d, "level"));
        let action = self.field(d, "action");
        if !action.is_empty() {
            line = format!("{line} · {action}");
        }
        doc = doc
            .add_paragraph(heading(3, &self.t("smart_factory")))
            .add_paragraph(para(&self.field(d, "cite")).size(18).color("555555"))
            .add_paragraph(para(&self.field(d, "edition")).size(18).color("555555"))
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(self.fin(&line)).bold()));
        let mut rows = vec![vec![
            self.t("step"),
            self.t("recognised_by"),
            self.t("standing"),
            self.t("gates_met"),
        ]];
        let rank = |st: &Value| st.get("rank").map(|r| r.to_string()).unwrap_or_default();
        for st in self.items(d, "steps") {
            rows.push(vec![
                format!("{}. {}", rank(st), self.field(st, "name")),
                self.field(st, "recognised_by"),
                self.field(st, "standing"),
                self.field(st, "gates_met"),
            ]);
        }
        doc = doc.add_table(grid(rows, &[3, 5, 3, 2]));
        for st in self.items(d, "steps") {
            let title = format!("{}. {}", rank(st), self.field(st, "name"));
            doc = doc.add_paragraph(
                Paragraph::new()
                    .keep_next(true)
                    .add_run(Run::new().add_text(title).bold()),
            );
            for g in self.items(st, "gates") {
                let text = format!(
                    "{} {}: {} ({} {})",
                    g.get("mark").and_then(Value::as_str).unwrap_or(""),
                    self.field(g, "label"),
                    self.field(g, "actual"),
                    self.t("required"),
                    self.field(g, "required")
                );
                doc = doc.add_paragraph(para(&self.fin(&text)).size(18));
            }
            let not_found = self.field(st, "not_found");
            if !not_found.is_empty() {
                let text = format!("… {not_found}");
                doc = doc.add_paragraph(para(&text).size(18).color("B26A00"));
            }
        }
        self.gaps(doc, d, "next_heading", "next_missing")
    }
}
