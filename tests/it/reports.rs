//! Report tests: Markdown and HTML snapshots of every shipped example in zh
//! and en, escaping of questionnaire strings, well-formed SVG, no external
//! resources, `--set` (what-if) and `compare`, atomic `-o`.

use assert_cmd::Command;
use std::path::Path;

/// The report date is fixed so that snapshots are stable.
const DATE: &str = "2024-01-01";

fn zhizao() -> Command {
    let mut c = Command::cargo_bin("zhizao").expect("binary builds");
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("ZHIZAO_REPORT_DATE", DATE);
    c
}

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("questionnaires/examples")
        .expect("examples folder")
        .flatten()
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    v.sort();
    v
}

fn stem(p: &str) -> String {
    Path::new(p)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string()
}

fn run_ok(args: &[&str]) -> String {
    let out = zhizao().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const AUTOPARTS: &str = "questionnaires/examples/autoparts-digital-workshop.yaml";
const PAPER: &str = "questionnaires/examples/paper-equipment-maker.yaml";

// ─── a tiny XML well-formedness checker ─────────────────────────────────────

/// Checks that `s` is well-formed XML (elements, attributes, text, entity
/// references, comments, no DTD): every tag closes in order, attribute
/// values are quoted and free of `<`, text has no bare `<` or `&`.
fn check_xml(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut stack: Vec<String> = Vec::new();
    let mut seen_root = false;
    let name_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b':' | b'.');
    let check_text = |t: &str, at: usize| -> Result<(), String> {
        let mut rest = t;
        while let Some(p) = rest.find('&') {
            let after = &rest[p + 1..];
            let end = after.find(';').ok_or_else(|| format!("bare & at {at}"))?;
            let ent = &after[..end];
            let ok = matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos")
                || (ent.starts_with("#x")
                    && ent.len() > 2
                    && ent[2..].chars().all(|c| c.is_ascii_hexdigit()))
                || (ent.starts_with('#')
                    && ent.len() > 1
                    && ent[1..].chars().all(|c| c.is_ascii_digit()));
            if !ok {
                return Err(format!("bad entity &{ent}; at {at}"));
            }
            rest = &after[end + 1..];
        }
        if t.contains('>') && t.contains("]]>") {
            return Err(format!("]]> in text at {at}"));
        }
        Ok(())
    };
    while i < b.len() {
        if b[i] != b'<' {
            let next = s[i..].find('<').map(|p| i + p).unwrap_or(b.len());
            let text = &s[i..next];
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root at {i}"));
            }
            check_text(text, i)?;
            i = next;
            continue;
        }
        if s[i..].starts_with("<!--") {
            let end = s[i..].find("-->").ok_or("unclosed comment")?;
            i += end + 3;
            continue;
        }
        if s[i..].starts_with("<?") || s[i..].starts_with("<!") {
            return Err(format!("processing instruction or DTD at {i}"));
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let mut j = i + 1 + usize::from(closing);
        let start = j;
        while j < b.len() && name_char(b[j]) {
            j += 1;
        }
        let name = &s[start..j];
        if name.is_empty() || !(b[start].is_ascii_alphabetic() || b[start] == b'_') {
            return Err(format!("bad tag name at {i}"));
        }
        if closing {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if b.get(j) != Some(&b'>') {
                return Err(format!("bad closing tag at {i}"));
            }
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?} at {i}")),
            }
            i = j + 1;
            continue;
        }
        // Attributes.
        let mut names: Vec<&str> = Vec::new();
        loop {
            let ws = j;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                Some(b'>') => {
                    if stack.is_empty() && seen_root {
                        return Err("second root".into());
                    }
                    stack.push(name.to_string());
                    seen_root = true;
                    j += 1;
                    break;
                }
                Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                    if stack.is_empty() && seen_root {
                        return Err("second root".into());
                    }
                    seen_root = true;
                    j += 2;
                    break;
                }
                Some(_) if ws == j => return Err(format!("no space before attribute at {j}")),
                Some(_) => {
                    let a = j;
                    while j < b.len() && name_char(b[j]) {
                        j += 1;
                    }
                    let an = &s[a..j];
                    if an.is_empty() {
                        return Err(format!("bad attribute at {j} in <{name}>"));
                    }
                    if names.contains(&an) {
                        return Err(format!("duplicate attribute {an} in <{name}>"));
                    }
                    names.push(an);
                    if b.get(j) != Some(&b'=') {
                        return Err(format!("attribute {an} without value in <{name}>"));
                    }
                    let q = *b.get(j + 1).ok_or("eof")?;
                    if q != b'"' && q != b'\'' {
                        return Err(format!("unquoted attribute {an} in <{name}>"));
                    }
                    let vstart = j + 2;
                    let vend = s[vstart..]
                        .find(q as char)
                        .map(|p| vstart + p)
                        .ok_or("unclosed attribute")?;
                    let v = &s[vstart..vend];
                    if v.contains('<') {
                        return Err(format!("< in attribute {an} of <{name}>"));
                    }
                    check_text(v, vstart)?;
                    j = vend + 1;
                }
                None => return Err("eof in tag".into()),
            }
        }
        i = j;
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements {stack:?}"));
    }
    if !seen_root {
        return Err("no root element".into());
    }
    Ok(())
}

fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(p) = rest.find("<svg") {
        let end = rest[p..].find("</svg>").expect("svg closes") + p + 6;
        out.push(&rest[p..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn the_xml_checker_rejects_what_it_should() {
    assert!(check_xml(r#"<svg a="1"><g><text>x &amp; y</text></g></svg>"#).is_ok());
    for bad in [
        "<svg><g></svg>",
        "<svg a=1></svg>",
        "<svg><text>a < b</text></svg>",
        "<svg><text>a & b</text></svg>",
        r#"<svg a="1" a="2"></svg>"#,
        "<svg></svg><svg></svg>",
        r#"<svg a="x<y"></svg>"#,
    ] {
        assert!(check_xml(bad).is_err(), "{bad}");
    }
}

// ─── snapshots ──────────────────────────────────────────────────────────────

#[test]
fn snapshots_of_every_example_markdown_and_html() {
    for ex in examples() {
        let name = stem(&ex);
        for lang in ["zh", "en"] {
            let md = run_ok(&["assess", &ex, "--format", "markdown", "--lang", lang]);
            insta::assert_snapshot!(format!("markdown_{lang}_{name}"), md);
            let html = run_ok(&["assess", &ex, "--format", "html", "--lang", lang]);
            // Every chart is well-formed XML.
            let charts = svgs(&html);
            // The radar and the indicator bars; a third, the points by
            // dimension, when a score sheet applied (data from 2024 on).
            let json = run_ok(&["assess", &ex, "--format", "json"]);
            let v: serde_json::Value = serde_json::from_str(&json).expect("json");
            let sheets = v.pointer("/levels/sheets").and_then(|s| s.as_array());
            let expected = 2 + usize::from(sheets.is_some_and(|s| !s.is_empty()));
            assert_eq!(charts.len(), expected, "{name}: radar, bars, dimensions");
            for svg in charts {
                if let Err(e) = check_xml(svg) {
                    panic!("{name} {lang}: SVG is not well-formed: {e}");
                }
            }
            insta::assert_snapshot!(format!("html_{lang}_{name}"), html);
        }
    }
}

#[test]
fn html_is_self_contained_and_audit_ready() {
    for lang in ["zh", "en"] {
        let html = run_ok(&["assess", AUTOPARTS, "--format", "html", "--lang", lang]);
        let lower = html.to_lowercase();
        for banned in [
            "http://", "https://", "<script", "<link", "@import", "url(", "<iframe", "<img",
        ] {
            // The SVG namespace is an identifier, not a resource.
            let n = lower.matches(banned).count()
                - if banned == "http://" {
                    lower
                        .matches("xmlns=\"http://www.w3.org/2000/svg\"")
                        .count()
                } else {
                    0
                };
            assert_eq!(n, 0, "{lang}: {banned} found");
        }
        assert!(html.contains("@page {\n  size: A4"), "print CSS");
        // Page numbers in the page margin, not the browser's file:// footer.
        assert!(html.contains("counter(page)") && html.contains("counter(pages)"));
        assert!(html.contains("Noto Sans CJK SC") && html.contains("Microsoft YaHei"));
        // Audit trail: file, full SHA-256, packs, date.
        let sha = "0ffed46e748486564af0907e69e0f884b67ca98d164c0da643b0d81c0f89d934";
        assert!(html.contains(sha));
        assert!(html.contains(&AUTOPARTS.replace('/', "&#x2f;")));
        assert!(html.contains("licheng-2016 2016.2"));
        assert!(html.contains(DATE));
        assert!(html.contains(&format!(
            "<html lang=\"{}\"",
            if lang == "zh" { "zh-CN" } else { "en" }
        )));
    }
}

#[test]
fn report_date_defaults_to_today() {
    let out = Command::cargo_bin("zhizao")
        .unwrap()
        .env_remove("ZHIZAO_REPORT_DATE")
        .args(["assess", AUTOPARTS, "--format", "markdown", "--lang", "en"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    let line = md
        .lines()
        .find(|l| l.starts_with("| Report date |"))
        .expect("date row");
    let date = line
        .trim_start_matches("| Report date |")
        .trim()
        .trim_end_matches('|')
        .trim();
    assert_eq!(date.len(), 10, "{date}");
    let year: i32 = date[..4].parse().unwrap();
    assert!(year >= 2024, "{date}");
    assert_eq!(&date[4..5], "-");
}

#[test]
fn report_date_is_local_and_can_be_given() {
    // 2016-07-29 23:30 UTC is already 07-30 in Quanzhou (UTC+8): the local
    // date, not UTC's.
    let md = |envs: &[(&str, &str)], args: &[&str]| {
        let mut c = Command::cargo_bin("zhizao").unwrap();
        c.env_remove("ZHIZAO_REPORT_DATE");
        for (k, v) in envs {
            c.env(k, v);
        }
        let out = c
            .args(["assess", AUTOPARTS, "--format", "markdown", "--lang", "en"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (_, text) = md(&[], &["--date", "2017-03-20"]);
    assert!(text.contains("| Report date | 2017-03-20 |"), "{text}");
    let (code, _) = md(&[], &["--date", "2017-02-30"]);
    assert_eq!(code, Some(2), "not a calendar date");
    // The local date follows the time zone (TZ): each is today's date at
    // that zone's offset (Shanghai UTC+8, Honolulu UTC−10, no daylight
    // saving in either), which differ from the UTC date for part of the day.
    let day = |tz: &str| {
        let (_, t) = md(&[("TZ", tz)], &[]);
        let line = t
            .lines()
            .find(|l| l.starts_with("| Report date |"))
            .unwrap()
            .to_string();
        line.trim_start_matches("| Report date |")
            .trim()
            .trim_end_matches('|')
            .trim()
            .to_string()
    };
    let at = |hours: i32| {
        let offset = chrono::FixedOffset::east_opt(hours * 3600).unwrap();
        chrono::Utc::now()
            .with_timezone(&offset)
            .format("%Y-%m-%d")
            .to_string()
    };
    assert_eq!(day("Asia/Shanghai"), at(8));
    assert_eq!(day("Pacific/Honolulu"), at(-10));
}

#[test]
fn profile_shows_on_the_cover_and_in_the_audit_block() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("logo.png");
    // A 1×1 PNG (signature, IHDR with width 1 and height 1, IDAT, IEND).
    let bytes: [u8; 67] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0A, 0x49, 0x44,
        0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0,
        0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    std::fs::write(&png, bytes).unwrap();
    let profile = dir.path().join("consultant.yaml");
    std::fs::write(
        &profile,
        "firm: 泉州智造咨询 <b>有限</b>公司\nconsultant: 林晓\nvisit_date: 2017-03-15\nlogo: logo.png\nconfidentiality: 内部资料\nsign_off: 顾问签字：____\n",
    )
    .unwrap();
    let p = profile.display().to_string();
    let html = run_ok(&["assess", AUTOPARTS, "--format", "html", "--profile", &p]);
    assert!(
        html.contains("泉州智造咨询 &lt;b&gt;有限&lt;&#x2f;b&gt;公司"),
        "escaped firm"
    );
    assert_eq!(html.matches("林晓").count(), 2, "cover and audit block");
    assert!(html.contains("src=\"data:image&#x2f;png;base64,iVBORw0KGgo"));
    assert!(html.contains("内部资料") && html.contains("顾问签字"));
    let md = run_ok(&["assess", AUTOPARTS, "--format", "markdown", "--profile", &p]);
    assert!(md.contains("- 顾问：林晓"), "{md}");
    assert!(md.contains("| 顾问 | 林晓 |"));
    // A typo in the profile is refused with its line.
    std::fs::write(&profile, "firm: x\nconsultent: 林晓\n").unwrap();
    let out = Command::cargo_bin("zhizao")
        .unwrap()
        .args([
            "assess",
            AUTOPARTS,
            "--format",
            "html",
            "--lang",
            "en",
            "--profile",
            &p,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(":2:") && err.contains("consultent"), "{err}");
}

#[test]
fn executive_summary_opens_the_report() {
    // Footwear: reaching 智能工厂 also reaches 数字化车间; both awards are
    // city-paid ceilings (二(三)3: up to 100万 and up to 50万), so the top
    // action unlocks 0 – 150万 from the city.
    let md = run_ok(&[
        "assess",
        "questionnaires/examples/licheng-footwear.yaml",
        "--format",
        "markdown",
    ]);
    let exec = md.find("## 执行摘要").expect("executive summary");
    assert!(exec < md.find("## 概要").unwrap());
    let first = md[exec..].lines().find(|l| l.starts_with("| 1 |")).unwrap();
    assert!(first.contains("智能工厂"), "{first}");
    assert!(first.contains("市 最多 +150.00万元"), "{first}");
}

// ─── escaping ───────────────────────────────────────────────────────────────

/// Occurrences of `pat` not escaped by a backslash (Markdown).
fn unescaped(md: &str, pat: &str) -> usize {
    md.match_indices(pat)
        .filter(|(i, _)| !md[..*i].ends_with('\\'))
        .count()
}

const HOSTILE: &str = r#"schema_version: 1
enterprise:
  name: "<script>alert(\"x\")</script> & 'Q' | *bold* <img src=x onerror=alert(1)>"
  sector: machinery_auto_parts
  data_year: 2017
  production_workers: 100
equipment:
  key_equipment_total: 10
  key_equipment_cnc: 5
projects:
  demo_lines:
    - name: "</td><script>alert(2)</script>"
      with_research_institute: true
      listed_as_key_demo: true
      investment_wan: 100
"#;

#[test]
fn questionnaire_strings_come_out_inert_in_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("hostile \"<u>\".yaml");
    std::fs::write(&f, HOSTILE).unwrap();
    let f = f.display().to_string();
    for lang in ["zh", "en"] {
        let html = run_ok(&["assess", &f, "--format", "html", "--lang", lang]);
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "raw <script> in HTML");
        assert!(!lower.contains("<img"), "raw <img> in HTML");
        assert!(!html.contains("alert(\"x\")"), "unescaped quotes in HTML");
        assert!(!html.contains("'Q'"), "unescaped apostrophes in HTML");
        assert!(!html.contains("<u>"), "file name unescaped");
        assert!(html.contains("&lt;u&gt;"), "file name shown");
        assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2f;script&gt;"));
        assert!(html.contains("&amp; &#x27;Q&#x27;"));
        // Still one well-formed document around the charts.
        for svg in svgs(&html) {
            check_xml(svg).unwrap();
        }
        let md = run_ok(&["assess", &f, "--format", "markdown", "--lang", lang]);
        assert_eq!(unescaped(&md, "<script"), 0, "raw <script> in Markdown");
        assert_eq!(unescaped(&md, "<img"), 0, "raw <img> in Markdown");
        // Escaped only where markup could start: tags, pipes, emphasis.
        assert!(md.contains(r#"\<script>alert("x")\</script> & 'Q' \| \*bold\*"#));
        // The name in a table cell does not split the row.
        let row = md
            .lines()
            .find(|l| l.starts_with("| \\<script"))
            .expect("enterprise row");
        assert_eq!(row.matches(" | ").count(), 6, "{row}");
    }
}

// ─── what-if (--set) ────────────────────────────────────────────────────────

#[test]
fn set_overrides_values_and_the_report_says_so() {
    // The paper-equipment maker misses the digital workshop only on automatic
    // data collection (9 of 14 key processes); all 14 reach it.
    let base = run_ok(&["assess", PAPER, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&base).unwrap();
    let dw = |v: &serde_json::Value| {
        v["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "digital_workshop")
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(dw(&v), "not_met");
    assert!(v.get("overrides").is_none());
    let set = "equipment.key_processes_auto_data_collection=14";
    let out = run_ok(&["assess", PAPER, "--format", "json", "--set", set]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(dw(&v), "met");
    assert_eq!(
        v["overrides"][0]["path"],
        "equipment.key_processes_auto_data_collection"
    );
    assert_eq!(v["overrides"][0]["after"], "14");
    // The input hash stays that of the file.
    let plain: serde_json::Value = serde_json::from_str(&base).unwrap();
    assert_eq!(v["input"]["sha256"], plain["input"]["sha256"]);
    let term = run_ok(&["assess", PAPER, "--lang", "en", "--set", set]);
    assert!(term.starts_with("What-if: these values were overridden with --set"));
    assert!(term.contains("equipment.key_processes_auto_data_collection: 9 → 14"));
    let md = run_ok(&[
        "assess", PAPER, "--format", "markdown", "--lang", "en", "--set", set,
    ]);
    assert!(md.contains("| `equipment.key_processes_auto_data_collection` | 9 | **14** |"));
    let html = run_ok(&[
        "assess", PAPER, "--format", "html", "--lang", "zh", "--set", set,
    ]);
    assert!(html.contains("class=\"whatif\""));
    assert!(html.contains("<code>equipment.key_processes_auto_data_collection</code>"));
    // Several overrides, lists and absent fields.
    let out = run_ok(&[
        "assess",
        AUTOPARTS,
        "--format",
        "json",
        "--set",
        "informatization.systems=[erp, mes, wms, qms, plm, scada]",
        "--set",
        "cost_estimates.robot_wan=null",
        "--set",
        "robots.industrial_robots=5",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["overrides"].as_array().unwrap().len(), 3);
    assert_eq!(v["overrides"][0]["before"], "[erp, mes, wms, qms]");
}

fn set_fails(set: &str, lang: &str) -> String {
    let out = zhizao()
        .args(["assess", AUTOPARTS, "--lang", lang, "--set", set])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{set}: exit code");
    assert!(out.stdout.is_empty(), "{set}: no report on error");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn set_with_a_bad_path_is_a_usage_error_with_a_hint() {
    let e = set_fails("equipment.key_equipment_cn=130", "en");
    assert!(e.contains("unknown field `key_equipment_cn`"), "{e}");
    assert!(e.contains("key_equipment_cnc"), "did-you-mean: {e}");
    assert!(e.contains("--set"), "{e}");
    let e = set_fails("equipmnt.key_equipment_cnc=130", "zh");
    assert!(e.contains("未知字段 `equipmnt`"), "{e}");
    assert!(e.contains("equipment"), "{e}");
    let e = set_fails("enterprise.name.first=x", "en");
    assert!(e.contains("is a value, not a section"), "{e}");
    let e = set_fails("projects.first_set_equipment[5].name=x", "en");
    assert!(e.contains("out of range"), "{e}");
    let e = set_fails("Equipment.X=1", "en");
    assert!(e.contains("not a field name"), "{e}");
    let e = set_fails("equipment.key_equipment_cnc", "en");
    assert!(e.contains("path=value"), "{e}");
}

#[test]
fn set_with_a_bad_value_is_a_usage_error() {
    // Wrong type.
    let e = set_fails("equipment.key_equipment_cnc=many", "en");
    assert!(e.contains("equipment.key_equipment_cnc"), "{e}");
    // Out of range for the type.
    let e = set_fails("robots.industrial_robots=-3", "en");
    assert!(e.contains("robots.industrial_robots"), "{e}");
    // Inconsistent with the rest of the file: more CNC machines than machines.
    let e = set_fails("equipment.key_equipment_cnc=999", "en");
    assert!(e.contains("equipment.key_equipment_cnc"), "{e}");
    // Not YAML, and no value.
    let e = set_fails("equipment.key_equipment_cnc=[1, 2", "en");
    assert!(e.contains("not a valid YAML value"), "{e}");
    let e = set_fails("equipment.key_equipment_cnc=", "en");
    assert!(e.contains("no value"), "{e}");
    // Unknown enum value gets the allowed values.
    let e = set_fails("enterprise.sector=steel", "en");
    assert!(e.contains("unknown value `steel`"), "{e}");
}

// ─── compare ────────────────────────────────────────────────────────────────

fn upgraded(dir: &Path) -> String {
    let text = std::fs::read_to_string(AUTOPARTS)
        .unwrap()
        .replace("key_equipment_cnc: 120", "key_equipment_cnc: 130")
        .replace(
            "production_equipment_networked: 180",
            "production_equipment_networked: 215",
        )
        .replace("industrial_robots: 3 ", "industrial_robots: 6 ")
        .replace(
            "systems: [erp, mes, wms, qms]",
            "systems: [erp, mes, wms, qms, plm, scada]",
        )
        .replace(
            "    - [mes, qms]\n",
            "    - [mes, qms]\n    - [mes, scada]\n    - [plm, erp]\n",
        )
        .replace(
            "operating_cost_change_pct: -12",
            "operating_cost_change_pct: -21",
        )
        .replace("rd_cycle_change_pct: -10", "rd_cycle_change_pct: -22")
        .replace(
            "production_efficiency_change_pct: 18",
            "production_efficiency_change_pct: 25",
        )
        .replace(
            "energy_utilisation_change_pct: 3",
            "energy_utilisation_change_pct: 5",
        )
        .replace("{level: 2, next: ", "{level: 3, next: ");
    let p = dir.join("after.yaml");
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn compare_shows_changes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let after = upgraded(dir.path());
    let term = run_ok(&["compare", AUTOPARTS, &after, "--lang", "en"]);
    assert!(term.contains("Key-equipment CNC ratio"));
    assert!(term.contains("▲ +6.2pp"), "{term}");
    assert!(term.contains("not met (75%)") && term.contains("met (81.2%)"));
    let json = run_ok(&["compare", AUTOPARTS, &after, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in [
        "before",
        "after",
        "same_enterprise",
        "indicators",
        "criteria",
        "maturity",
        "tracks",
        "eligible",
        "potential",
    ] {
        assert!(v.get(key).is_some(), "JSON lacks {key}");
    }
    assert_eq!(v["same_enterprise"], true);
    let cnc = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "cnc_ratio")
        .unwrap();
    assert_eq!(cnc["direction"], "better");
    let checks = v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "smart_factory")
        .unwrap()["checks"]
        .as_array()
        .unwrap()
        .clone();
    let robots = checks.iter().find(|k| k["id"] == "robot_density").unwrap();
    assert_eq!(
        (robots["before"].as_str(), robots["after"].as_str()),
        (Some("not_met"), Some("met"))
    );
    for lang in ["zh", "en"] {
        let md = run_ok(&[
            "compare", AUTOPARTS, &after, "--format", "markdown", "--lang", lang,
        ]);
        assert!(!md.contains('<'), "no raw HTML in Markdown");
        let md = md.replace(&after, "AFTER.yaml");
        insta::assert_snapshot!(format!("compare_markdown_{lang}"), md);
        let html = run_ok(&[
            "compare", AUTOPARTS, &after, "--format", "html", "--lang", lang,
        ]);
        let charts = svgs(&html);
        assert_eq!(charts.len(), 1);
        check_xml(charts[0]).unwrap();
        assert!(!html.to_lowercase().contains("<script"));
    }
    // A file compared with itself: nothing changed.
    let same = run_ok(&["compare", AUTOPARTS, AUTOPARTS, "--lang", "en"]);
    assert!(
        same.contains("Subsidy tracks that changed\nno change"),
        "{same}"
    );
}

#[test]
fn compare_warns_about_different_enterprises() {
    let out = run_ok(&["compare", AUTOPARTS, PAPER, "--lang", "en"]);
    assert!(out.contains("name different enterprises"), "{out}");
}

#[test]
fn compare_errors_have_the_usual_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    // Missing file: I/O error, 2.
    zhizao()
        .args(["compare", AUTOPARTS, "no-such-file.yaml"])
        .assert()
        .code(2);
    // Invalid questionnaire: 1, with the diagnostics.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\nequipment:\n  key_equipment_total: 5\n  key_equipment_cnc: 6\n",
    )
    .unwrap();
    let out = zhizao()
        .args([
            "compare",
            &bad.display().to_string(),
            AUTOPARTS,
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("key_equipment_cnc"));
    // Usage: one file only, or an unknown format.
    zhizao().args(["compare", AUTOPARTS]).assert().code(2);
    zhizao()
        .args(["compare", AUTOPARTS, AUTOPARTS, "--format", "pdf"])
        .assert()
        .code(2);
}

// ─── -o: atomic ─────────────────────────────────────────────────────────────

#[test]
fn output_files_are_replaced_only_by_a_complete_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    std::fs::write(&out, "old").unwrap();
    let o = out.display().to_string();
    // A failing run (bad --set) leaves the old file alone.
    zhizao()
        .args([
            "assess", AUTOPARTS, "--format", "html", "-o", &o, "--set", "x.y=1",
        ])
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    // A good run replaces it with the whole report and leaves no temporary file.
    zhizao()
        .args(["assess", AUTOPARTS, "--format", "html", "-o", &o])
        .assert()
        .success()
        .stdout("");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let md = dir.path().join("compare.md");
    zhizao()
        .args([
            "compare",
            AUTOPARTS,
            AUTOPARTS,
            "--format",
            "markdown",
            "-o",
            &md.display().to_string(),
        ])
        .assert()
        .success();
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));
}

// ─── roadmap ────────────────────────────────────────────────────────────────

#[test]
fn roadmap_names_actions_their_size_cost_and_what_they_unlock() {
    let md = run_ok(&["assess", PAPER, "--format", "markdown", "--lang", "en"]);
    let road = &md[md.find("## Upgrade roadmap").unwrap()..md.find("## Subsidy tracks").unwrap()];
    // The digital workshop is one step away: +5 key processes with data collection.
    assert!(road.contains("Digital workshop"), "{road}");
    assert!(
        road.contains("+5 key processes with automatic data collection"),
        "{road}"
    );
    assert!(road.contains("digital-workshop-award"), "{road}");
    assert!(road.contains("up to +CNY 500,000"), "{road}");
    // Default unit costs are labelled as estimates.
    let zh = run_ok(&[
        "assess",
        "questionnaires/examples/process-ceramics-plant.yaml",
        "--format",
        "markdown",
        "--lang",
        "zh",
    ]);
    assert!(zh.contains("升级路线图"));
}

#[test]
fn a_footnote_says_where_wan_figures_are_rounded() {
    // Autoparts: the district cap (12万) cuts the tech-center award to
    // 11,162.79 元, shown as 1.12万元: rounded, so the note is there.
    // Footwear: 336,000 / 100,800 / 235,200 / 50,000 元 are whole hundreds.
    let note = "部分金额有舍入";
    let autoparts = run_ok(&["assess", AUTOPARTS, "--format", "markdown"]);
    assert!(autoparts.contains(note));
    let footwear = run_ok(&[
        "assess",
        "questionnaires/examples/licheng-footwear.yaml",
        "--format",
        "markdown",
    ]);
    assert!(!footwear.contains(note));
    // English shows CNY to the fen: no note.
    let en = run_ok(&["assess", AUTOPARTS, "--format", "markdown", "--lang", "en"]);
    assert!(!en.contains(note) && en.contains("CNY 11,162.79"));
}

/// Issue 11 item 5, review: one eligible district award (a new national
/// technology centre, 500,000, 二(四)3) and one candidate with a district
/// share (smart-equipment-rd, up to 300,000, 二(三)1) under a cap of
/// 200,000. The candidate is not an award yet, so the eligible 500,000 is
/// due uncapped (one award: the literal trigger is not met), and only the
/// total with candidates is capped to 200,000. The cap line must say both.
#[test]
fn the_cap_line_tells_the_eligible_run_from_the_run_with_candidates() {
    let q = "schema_version: 1
enterprise:
  name: 测试企业
  sector: machinery_auto_parts
  production_mode: discrete
  above_designated_size: true
  cnc_smart_manufacturing_enterprise: true
  data_year: 2017
  headquartered_in_district: true
  main_revenue_wan: 20000
  industrial_output_wan: 22000
  employees: 400
  production_workers: 300
  new_tax_district_retained_wan: 20
projects:
  smart_equipment_rd: true
  smart_equipment_rd_supported_by_province_or_city: false
recognitions:
  tech_centers:
  - {kind: enterprise_tech_center, level: national, year: 2017}
";
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("q.yaml");
    std::fs::write(&f, q).unwrap();
    for (lang, heads, due, capped, eligible_line) in [
        ("zh", ["符合项合计", "含候选项合计"], "区 50.00万元", "区 20.00万元", "仅计符合项（候选项尚不是奖励）：区级份额 50.00万元 → 50.00万元"),
        ("en", ["Eligible total", "Incl. candidates"], "district CNY 500,000", "district CNY 200,000", "Eligible tracks alone (a candidate is not an award yet): district shares CNY 500,000 → CNY 500,000"),
    ] {
        let out = Command::cargo_bin("zhizao")
            .unwrap()
            .env("COLUMNS", "200")
            .args(["assess", "--lang", lang])
            .arg(&f)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let eligible = text.lines().find(|l| l.starts_with(heads[0])).unwrap_or("");
        assert!(eligible.contains(due), "{text}");
        let potential = text.lines().find(|l| l.starts_with(heads[1])).unwrap_or("");
        assert!(potential.contains(capped), "{text}");
        assert!(text.contains(eligible_line), "{text}");
    }
}

#[test]
fn a_missing_cap_figure_reads_the_same_in_the_terminal_and_the_reports() {
    // Without enterprise.new_tax_district_retained_wan the district cap
    // (五(五) 末段) cannot be applied: every output says so in one wording.
    let text = std::fs::read_to_string(AUTOPARTS).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.contains("new_tax_district_retained_wan"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("q.yaml");
    std::fs::write(&f, text).unwrap();
    let f = f.display().to_string();
    for (lang, line) in [
        ("zh", "区级奖励上限：缺少 当年新增税收区留成财力，区级金额未封顶"),
        ("en", "District cap: enterprise.new_tax_district_retained_wan is missing; district amounts are shown uncapped"),
    ] {
        let term = zhizao()
            .env("COLUMNS", "200")
            .args(["assess", "--lang", lang, &f])
            .output()
            .unwrap();
        let term = String::from_utf8_lossy(&term.stdout).to_string();
        assert!(term.lines().any(|l| l == line), "{term}");
        let html = run_ok(&["assess", "--lang", lang, "--format", "html", &f]);
        assert!(html.contains(line), "{lang} html");
        let md = run_ok(&["assess", "--lang", lang, "--format", "markdown", &f]);
        // Markdown escapes the underscores of the field path.
        assert!(md.contains(&line.replace('_', "\\_")), "{lang} markdown");
    }
}

#[test]
fn criteria_sources_are_in_the_reports_language() {
    // A Chinese report cites each criterion's source in Chinese (source_zh),
    // an English one in English; the criteria pack has both.
    let path = "questionnaires/examples/electronics-smart-factory.yaml";
    let zh = run_ok(&["assess", path, "--format", "html", "--lang", "zh"]);
    assert!(zh.contains("通知只给目标"), "zh source missing");
    assert!(
        !zh.contains("the notice names the target"),
        "English source in a zh report"
    );
    let en = run_ok(&["assess", path, "--format", "html", "--lang", "en"]);
    assert!(
        en.contains("the notice names the target"),
        "en source missing"
    );
}
