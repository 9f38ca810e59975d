//! The Word report (DOCX): unzipped and read back — headings with outline
//! levels, real tables, the charts as PNG images, Chinese fonts named, page
//! numbers and a running header, and the Chinese text with the money of the
//! footwear example computed by hand from the notice.

use assert_cmd::Command;
use std::io::Read;

const FOOTWEAR: &str = "questionnaires/examples/licheng-footwear.yaml";

/// The DOCX of `file` in `lang`, as (part name → bytes).
fn docx(file: &str, lang: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.docx");
    Command::cargo_bin("zhizao")
        .unwrap()
        .args(["assess", file, "--format", "docx", "--lang", lang, "-o"])
        .arg(&out)
        .env("ZHIZAO_REPORT_DATE", "2024-01-01")
        .assert()
        .success();
    let bytes = std::fs::read(&out).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        parts.insert(f.name().expect("a UTF-8 part name").to_string(), buf);
    }
    parts
}

fn text(parts: &std::collections::BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts.get(name).cloned().unwrap_or_default()).expect("UTF-8 XML")
}

/// The document's visible text: the content of every `<w:t>`.
fn visible(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        let after = &rest[i..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        if after[..open_end].ends_with('/') {
            rest = &after[open_end..];
            continue;
        }
        let body = &after[open_end + 1..];
        let end = body.find("</w:t>").unwrap_or(body.len());
        out.push_str(&body[..end]);
        out.push('\n');
        rest = &body[end..];
    }
    out
}

#[test]
fn docx_has_headings_tables_images_fonts_and_page_numbers() {
    let parts = docx(FOOTWEAR, "zh");
    let doc = text(&parts, "word/document.xml");
    // Headings: styles with outline levels, used by the sections.
    let styles = text(&parts, "word/styles.xml");
    for level in 1..=3 {
        assert!(
            styles.contains(&format!("w:styleId=\"Heading{level}\"")),
            "{styles}"
        );
    }
    assert!(doc.matches("<w:pStyle w:val=\"Heading2\"").count() >= 6);
    assert!(doc.matches("<w:pStyle w:val=\"Heading3\"").count() >= 3);
    assert!(doc.contains("<w:outlineLvl w:val=\"0\""));
    // Real tables, not text laid out with spaces.
    assert!(doc.matches("<w:tbl>").count() >= 8, "tables");
    // Two charts, each a PNG in the package that the text refers to.
    let pngs: Vec<&String> = parts
        .keys()
        .filter(|k| k.starts_with("word/media/") && k.ends_with(".png"))
        .collect();
    assert_eq!(pngs.len(), 2, "{pngs:?}");
    for p in &pngs {
        let png = &parts[*p];
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{p} is a PNG");
        assert!(png.len() > 10_000, "{p} has content");
    }
    assert_eq!(doc.matches("<pic:pic").count(), 2);
    // Chinese fonts named for East Asian text.
    assert!(
        styles.contains("w:eastAsia=\"Microsoft YaHei\""),
        "{styles}"
    );
    // Running header with the enterprise; footer with page X of Y.
    let header = text(&parts, "word/header1.xml");
    assert!(header.contains("泉州市鲤城区华履鞋业有限公司"), "{header}");
    let footer = text(&parts, "word/footer1.xml");
    assert!(footer.contains("PAGE"), "{footer}");
    assert!(footer.contains("NUMPAGES"), "{footer}");
}

#[test]
fn docx_text_is_the_report_in_chinese_with_the_money_by_hand() {
    let parts = docx(FOOTWEAR, "zh");
    let t = visible(&text(&parts, "word/document.xml"));
    for heading in [
        "智能制造评估报告",
        "概要",
        "图表",
        "评估标准与差距",
        "升级路线图",
        "扶持政策",
        "指标",
        "审计信息",
    ] {
        assert!(t.contains(heading), "missing {heading}");
    }
    // 二(五)2: 6 local 数控一代 machines for 168万 (ex tax), 1–10 units → 20%
    // = 33.6万, split city 30% (10.08万) / district 70% (23.52万); brand award
    // 三(二)2 5万 from the district. District 28.52万, total 38.60万.
    for money in [
        "33.60万元",
        "10.08万元",
        "23.52万元",
        "28.52万元",
        "38.60万元",
    ] {
        assert!(t.contains(money), "missing {money}");
    }
    // Each totals line under its label, as in the HTML report: city 10.08万,
    // district 28.52万, total 38.60万 (no candidates here, so both lines agree).
    for label in ["符合项：", "含候选项："] {
        let line = format!("{label}省 0.00万元 · 市 10.08万元 · 区 28.52万元 · 合计 38.60万元");
        assert!(t.contains(&line), "missing {line}");
    }
    assert!(
        !t.contains("local-cnc-purchase"),
        "track id in Chinese text"
    );
    assert!(t.contains("问卷") || t.contains("questionnaires/examples/licheng-footwear.yaml"));
}

#[test]
fn docx_needs_an_output_file_and_follows_the_extension() {
    Command::cargo_bin("zhizao")
        .unwrap()
        .args(["assess", FOOTWEAR, "--format", "docx"])
        .assert()
        .code(2);
    // `-o report.docx` without --format writes a DOCX (a zip), and
    // `-o report.html` an HTML file, not terminal text.
    let dir = tempfile::tempdir().unwrap();
    for (name, magic) in [("r.docx", &b"PK"[..]), ("r.html", &b"<!DOCTYPE html>"[..])] {
        let out = dir.path().join(name);
        Command::cargo_bin("zhizao")
            .unwrap()
            .args(["assess", FOOTWEAR, "-o"])
            .arg(&out)
            .assert()
            .success();
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(magic), "{name}");
    }
}
