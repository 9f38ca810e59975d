//! `zhizao serve` over real HTTP (issue 17): a server started in this
//! process on 127.0.0.1:0, spoken to by a plain HTTP/1.1 client on a TCP
//! socket (so hostile requests — a slow body, a huge length — can be sent
//! as they are). Answers are checked against the command line's own output
//! for the same input: the server must say exactly what `assess` and
//! `validate` say.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use zhizao::assess::Engine;
use zhizao::lang::Lang;
use zhizao::serve;

const DATE: &str = "2017-03-20";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    root().join("questionnaires/examples").join(name)
}

/// A server with `options`, running on its own thread until the tests end.
fn start(options: serve::Options) -> SocketAddr {
    // Reports carry the date; pin it so they equal the CLI's.
    std::env::set_var("ZHIZAO_REPORT_DATE", DATE);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            let app = serve::router(Arc::new(Engine::shipped()), options);
            serve::serve(listener, app, std::future::pending())
                .await
                .expect("serve");
        });
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("server started")
}

/// The shared server of these tests (English by default).
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| start(serve::Options::new(Lang::En)))
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One request on a fresh connection (`Connection: close`).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write head");
    // A peer that answers early (413) may close before the body is sent.
    let _ = s.write_all(body);
    read_reply(&mut s)
}

fn read_reply(s: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 4 + size..];
    }
}

fn post(path: &str, content_type: &str, body: &[u8]) -> Reply {
    request(
        server(),
        "POST",
        path,
        &[("Content-Type", content_type)],
        body,
    )
}

fn post_json(path: &str, v: &Value) -> Reply {
    post(path, "application/json", v.to_string().as_bytes())
}

fn get(path: &str) -> Reply {
    request(server(), "GET", path, &[], b"")
}

/// The binary with the report date pinned, in `dir`.
fn zhizao(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_zhizao"))
        .args(args)
        .current_dir(dir)
        .env("ZHIZAO_REPORT_DATE", DATE)
        .output()
        .expect("run zhizao")
}

/// A questionnaire as the form sends it: its JSON (through `/api/load`).
fn form_json(file: &Path) -> Value {
    let r = post(
        "/api/load",
        "application/yaml",
        &std::fs::read(file).expect("example"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["questionnaire"].clone()
}

fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "zhizaoTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The JSON of `assess --format json` for a file, with its input name as the server's.
fn cli_json(file: &Path, server_name: &str) -> Value {
    let out = zhizao(
        root(),
        &[
            "assess",
            &file.display().to_string(),
            "--format",
            "json",
            "--lang",
            "en",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: Value = serde_json::from_slice(&out.stdout).expect("CLI JSON");
    v["input"]["file"] = Value::from(server_name);
    v
}

/// What an assessment concludes: every subsidy track and the totals.
fn outcome(v: &Value) -> Value {
    json!({ "subsidies": v["subsidies"], "totals": v["totals"] })
}

#[test]
fn assess_answers_the_cli_json_for_yaml_xlsx_and_multipart() {
    let file = example("electronics-smart-factory.yaml");
    let yaml = std::fs::read(&file).expect("example");
    let r = post("/api/assess", "application/yaml", &yaml);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json(), cli_json(&file, "questionnaire.yaml"));

    // The same questionnaire as a one-row workbook, raw and uploaded.
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("one.xlsx");
    let out = zhizao(
        root(),
        &[
            "convert",
            &file.display().to_string(),
            "-o",
            &xlsx.display().to_string(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&xlsx).expect("workbook");
    let from_xlsx = post("/api/assess", "application/octet-stream", &bytes);
    assert_eq!(from_xlsx.status, 200, "{}", from_xlsx.text());
    let totals = outcome;
    let via_yaml = r.json();
    assert_eq!(totals(&from_xlsx.json()), totals(&via_yaml));
    assert!(
        via_yaml["totals"].is_object() && via_yaml["subsidies"].is_array(),
        "{via_yaml}"
    );

    let (ctype, body) = multipart("申报表.xlsx", &bytes);
    let up = post("/api/assess", &ctype, &body);
    assert_eq!(up.status, 200, "{}", up.text());
    assert_eq!(totals(&up.json()), totals(&via_yaml));
    let (ctype, body) = multipart("factory.yaml", &yaml);
    let up = post("/api/assess", &ctype, &body);
    assert_eq!(up.json(), cli_json(&file, "questionnaire.yaml"));
}

#[test]
fn accept_html_gives_the_cli_html_report() {
    let file = example("licheng-footwear.yaml");
    let r = request(
        server(),
        "POST",
        "/api/assess?lang=zh",
        &[
            ("Accept", "text/html,application/xhtml+xml"),
            ("Content-Type", "application/yaml"),
        ],
        &std::fs::read(&file).expect("example"),
    );
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap_or("")
        .starts_with("text/html"));
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(&file, dir.path().join("questionnaire.yaml")).expect("copy");
    let out = zhizao(
        dir.path(),
        &[
            "assess",
            "questionnaire.yaml",
            "--format",
            "html",
            "--lang",
            "zh",
        ],
    );
    assert!(out.status.success());
    assert_eq!(r.text(), String::from_utf8(out.stdout).expect("UTF-8"));
}

#[test]
fn an_invalid_questionnaire_gets_422_with_the_validate_diagnostics() {
    let text = "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n  employees: 10\n  production_workers: 20\nprojects:\n  demo_lines:\n    - name: a\n      investment_wan: \"12x\"\n";
    let r = post("/api/assess", "application/yaml", text.as_bytes());
    assert_eq!(r.status, 422);
    let v = r.json();
    assert_eq!(v["valid"], false);
    let d = v["diagnostics"].as_array().expect("list");
    let paths: Vec<_> = d.iter().map(|x| x["path"].as_str().unwrap_or("")).collect();
    assert_eq!(
        paths,
        [
            "enterprise.production_workers",
            "projects.demo_lines[0].investment_wan"
        ]
    );
    assert_eq!(d[0]["code"], "consistency");
    assert_eq!(d[0]["line"], 7);
    assert!(
        d[0]["hint"]
            .as_str()
            .unwrap_or("")
            .contains("cannot exceed"),
        "{}",
        d[0]
    );
    // `text` is what `validate` prints for the same file, line for line.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("questionnaire.yaml"), text).expect("write");
    let out = zhizao(
        dir.path(),
        &["validate", "questionnaire.yaml", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(1));
    let printed = String::from_utf8(out.stderr).expect("UTF-8");
    for x in d {
        let t = x["text"].as_str().expect("text");
        assert!(printed.contains(t), "{t}\nnot in\n{printed}");
    }
    // /api/validate says the same with 200, in the language asked for.
    let zh = post("/api/validate?lang=zh", "application/yaml", text.as_bytes()).json();
    assert_eq!(zh["valid"], false);
    assert!(
        zh["diagnostics"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("大于"),
        "{zh}"
    );
}

#[test]
fn every_hostile_file_gets_the_cli_verdict() {
    #[derive(serde::Deserialize)]
    struct Expect {
        outcome: String,
        code: Option<String>,
        message: Option<String>,
        hint: Option<String>,
    }
    let dir = root().join("tests/hostile");
    let text = std::fs::read_to_string(dir.join("EXPECTED.yaml")).expect("EXPECTED.yaml");
    let expected: std::collections::BTreeMap<String, Expect> =
        zhizao::yaml::from_str(&text, "EXPECTED.yaml").expect("parses");
    assert!(expected.len() > 30);
    for (name, e) in &expected {
        let bytes = std::fs::read(dir.join(name)).expect("hostile file");
        let t = Instant::now();
        let r = post("/api/assess", "application/yaml", &bytes);
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "{name} took {:?}",
            t.elapsed()
        );
        if e.outcome == "valid" {
            assert_eq!(r.status, 200, "{name}: {}", r.text());
            continue;
        }
        assert_eq!(r.status, 422, "{name}: {}", r.text());
        let v = r.json();
        let first = v["diagnostics"]
            .as_array()
            .and_then(|d| d.iter().find(|x| x["severity"] == "error"))
            .unwrap_or_else(|| panic!("{name}: no error in {v}"));
        let has = |key: &str, want: &Option<String>| {
            if let Some(w) = want {
                let got = first[key].as_str().unwrap_or("");
                assert!(
                    got.contains(w.as_str()),
                    "{name}: {key} {got:?} lacks {w:?}"
                );
            }
        };
        assert_eq!(first["code"].as_str(), e.code.as_deref(), "{name}");
        has("message", &e.message);
        has("hint", &e.hint);
    }
}

#[test]
fn bodies_over_the_limits_get_413() {
    // Over the request limit: refused from its length, before it is read.
    let huge = vec![b'a'; serve::BODY_LIMIT + 1];
    let r = post("/api/assess", "application/yaml", &huge);
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"]["message"]["en"]
        .as_str()
        .unwrap_or("")
        .contains("size limit"));
    // Under it but over the CLI's 1 MiB questionnaire cap: the CLI's diagnostic.
    let mut big = b"schema_version: 1\n".to_vec();
    big.resize(zhizao::yaml::MAX_QUESTIONNAIRE_BYTES as usize + 10, b'#');
    let r = post("/api/assess", "application/yaml", &big);
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.json()["diagnostics"][0]["code"], "input.too_large");
    // A multipart upload over the limit too.
    let (ctype, body) = multipart("big.yaml", &huge);
    assert_eq!(post("/api/assess", &ctype, &body).status, 413);
}

#[test]
fn a_slow_request_is_cut_at_the_time_limit() {
    let mut o = serve::Options::new(Lang::En);
    o.time_limit = Duration::from_millis(800);
    let addr = start(o);
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let head = format!("POST /api/assess HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1000\r\nConnection: close\r\n\r\nschema_version: 1\n");
    s.write_all(head.as_bytes()).expect("write");
    let t = Instant::now();
    let r = read_reply(&mut s);
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}

#[test]
fn hostile_text_is_escaped_in_the_report() {
    let text = "schema_version: 1\nenterprise:\n  name: \"<script>alert(1)</script><img src=x onerror=alert(2)>\"\n  sector: other\n  data_year: 2017\n";
    let r = request(
        server(),
        "POST",
        "/api/assess",
        &[
            ("Accept", "text/html"),
            ("Content-Type", "application/yaml"),
        ],
        text.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(!html.contains("<script>alert"), "unescaped script");
    assert!(!html.contains("<img src=x"), "unescaped tag");
    assert!(html.contains("&lt;script&gt;alert(1)"), "name missing");
}

#[test]
fn downloads_are_attachments_that_read_back() {
    let file = example("autoparts-digital-workshop.yaml");
    let q = form_json(&file);
    let expected = cli_json(&file, "questionnaire.yaml");
    let want = |fmt: &str, ctype: &str| {
        let r = post_json(&format!("/api/report?format={fmt}"), &q);
        assert_eq!(r.status, 200, "{fmt}: {}", String::from_utf8_lossy(&r.body));
        assert!(
            r.header("content-type").unwrap_or("").starts_with(ctype),
            "{fmt}"
        );
        assert!(
            r.header("content-disposition")
                .unwrap_or("")
                .starts_with("attachment"),
            "{fmt}"
        );
        r
    };
    // The questionnaire as YAML and as the workbook: each assesses as the original.
    let yaml = want("yaml", "application/yaml");
    let again = post("/api/assess", "application/yaml", &yaml.body).json();
    assert_eq!(outcome(&again), outcome(&expected));
    let xlsx = want(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    assert!(xlsx.body.starts_with(b"PK\x03\x04"));
    let again = post("/api/assess", "application/octet-stream", &xlsx.body).json();
    assert_eq!(outcome(&again), outcome(&expected));
    // The reports.
    let json = want("json", "application/json").json();
    assert_eq!(outcome(&json), outcome(&expected));
    assert!(want("html", "text/html").text().contains("<html"));
    assert!(want("docx", "application/vnd.openxmlformats")
        .body
        .starts_with(b"PK\x03\x04"));
    // An unknown format, and a report of an invalid questionnaire.
    assert_eq!(post_json("/api/report?format=pdf", &q).status, 400);
    let mut bad = q.clone();
    bad["enterprise"]["data_year"] = json!("next year");
    assert_eq!(post_json("/api/report?format=html", &bad).status, 422);
    // The questionnaire as typed is still given back, to finish elsewhere.
    let kept = post_json("/api/report?format=yaml", &bad);
    assert_eq!(kept.status, 200);
    assert!(kept.text().contains("next year"));
}

#[test]
fn compare_shows_the_cli_comparison_of_a_what_if() {
    let file = example("autoparts-digital-workshop.yaml");
    let before = form_json(&file);
    let mut after = before.clone();
    let cnc = before["equipment"]["key_equipment_cnc"]
        .as_u64()
        .expect("cnc count");
    after["equipment"]["key_equipment_total"] = json!(cnc + 40);
    let r = post_json("/api/compare", &json!({ "before": before, "after": after }));
    assert_eq!(r.status, 200, "{}", r.text());
    // The CLI on the same two questionnaires, under the names the server gives them.
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, v) in [("before.yaml", &before), ("after.yaml", &after)] {
        let text = serde_yaml::to_string(v).expect("yaml");
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let out = zhizao(
        dir.path(),
        &[
            "compare",
            "before.yaml",
            "after.yaml",
            "--format",
            "html",
            "--lang",
            "en",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(r.text(), String::from_utf8(out.stdout).expect("UTF-8"));
    // An invalid side is named in the diagnostics.
    after["enterprise"]["employees"] = json!(-3);
    let bad = post_json("/api/compare", &json!({ "before": before, "after": after }));
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("after.yaml"), "{}", bad.text());
}

/// Every field of the questionnaire schema, by an independent walk.
fn schema_leaves(root: &Value, node: &Value, prefix: &str, out: &mut Vec<String>) {
    let resolve = |n: &Value| -> Value {
        let mut n = n.clone();
        for _ in 0..4 {
            if let Some(r) = n.get("$ref").and_then(Value::as_str) {
                n = root["$defs"][r.rsplit('/').next().unwrap_or("")].clone();
            } else if let Some(x) = n
                .get("anyOf")
                .and_then(Value::as_array)
                .and_then(|a| a.iter().find(|x| x["type"] != "null"))
            {
                n = x.clone();
            }
        }
        n
    };
    let node = resolve(node);
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        // A section with no fields yet (v2 `digital` …) shows nothing.
        if node["type"] != "object" {
            out.push(prefix.to_string());
        }
        return;
    };
    for (k, v) in props {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        if path == "schema_version" {
            continue;
        }
        let r = resolve(v);
        let items = r.get("items").map(&resolve);
        match items {
            Some(i) if i.get("properties").is_some() => {
                schema_leaves(root, &i, &format!("{path}[]"), out)
            }
            _ => schema_leaves(root, v, &path, out),
        }
    }
}

#[test]
fn the_form_has_every_field_of_the_schema() {
    let schema = zhizao::schema::schema(zhizao::schema::Which::Questionnaire);
    let mut leaves = Vec::new();
    schema_leaves(&schema, &schema, "", &mut leaves);
    let model = get("/api/form?lang=zh").json();
    let mut shown = Vec::new();
    for s in model["sections"].as_array().expect("sections") {
        for f in s["fields"].as_array().expect("fields") {
            let p = f["path"].as_str().expect("path").to_string();
            for i in f["items"].as_array().into_iter().flatten() {
                shown.push(format!("{p}[].{}", i["path"].as_str().expect("item path")));
            }
            shown.push(p);
        }
    }
    let missing: Vec<_> = leaves.iter().filter(|l| !shown.contains(l)).collect();
    assert!(missing.is_empty(), "not in the form: {missing:?}");
    assert!(leaves.len() > 100, "{}", leaves.len());
    // Every section has a Chinese label.
    for s in model["sections"].as_array().expect("sections") {
        let label = s["label"].as_str().unwrap_or("");
        assert!(
            label
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{s}"
        );
    }
}

#[test]
fn the_page_is_self_contained_and_guarded() {
    let r = get("/?lang=en");
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("<html lang=\"en\">"));
    // Nothing from elsewhere: every src/href is this server's.
    for attr in ["src=\"", "href=\""] {
        for (i, _) in html.match_indices(attr) {
            let v = &html[i + attr.len()..];
            assert!(
                v.starts_with('/') || v.starts_with('#'),
                "external {attr}: {}",
                &v[..40.min(v.len())]
            );
        }
    }
    let csp = r.header("content-security-policy").unwrap_or("");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let js = get("/assets/form.js");
    assert_eq!(js.status, 200);
    assert!(
        !js.text().contains("innerHTML"),
        "the script sets text, never markup"
    );
    assert!(!js.text().contains("http://") && !js.text().contains("https://"));
    assert_eq!(get("/assets/form.css").status, 200);
    // No path reaches the file system.
    for p in [
        "/../Cargo.toml",
        "/assets/../../Cargo.toml",
        "/etc/passwd",
        "/assets/form.js/..%2f..%2fCargo.toml",
        "/src/serve/mod.rs",
    ] {
        assert_eq!(get(p).status, 404, "{p}");
    }
}

#[test]
fn template_and_upload_fill_the_form() {
    let t = get("/api/template?lang=zh&sector=electronics_it").json();
    assert_eq!(t["questionnaire"]["enterprise"]["sector"], "electronics_it");
    // An invalid YAML upload still fills what could be read, with its errors…
    let text = "schema_version: 1\nenterprise:\n  name: 某鞋业\n  sector: other\n  data_year: 2017\nequipment:\n  key_equipment_total: 5\n  key_equipment_cnc: 6\n";
    let (ctype, body) = multipart("mine.yaml", text.as_bytes());
    let v = post("/api/load", &ctype, &body).json();
    assert_eq!(v["valid"], false);
    assert_eq!(v["questionnaire"]["enterprise"]["name"], "某鞋业");
    assert_eq!(v["diagnostics"][0]["path"], "equipment.key_equipment_cnc");
    // …but a hostile one is not parsed a second time.
    let bomb = std::fs::read(root().join("tests/hostile/billion-laughs.yaml")).expect("file");
    let v = post("/api/load", "application/yaml", &bomb).json();
    assert_eq!(v["questionnaire"], Value::Null);
    assert_eq!(v["diagnostics"][0]["code"], "yaml.alias");
    // A multipart body without a file part.
    let bare = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n";
    assert_eq!(
        post(
            "/api/load",
            "multipart/form-data; boundary=b",
            bare.as_bytes()
        )
        .status,
        400
    );
}

#[test]
fn a_foreign_host_name_is_refused() {
    // A page on evil.example whose name now resolves to 127.0.0.1 (DNS rebinding).
    let r = request(
        server(),
        "GET",
        "/api/form",
        &[("Host", "evil.example:8080")],
        b"",
    );
    assert_eq!(r.status, 421, "{}", r.text());
    let ok = request(server(), "GET", "/api/form", &[("Host", "localhost")], b"");
    assert_eq!(ok.status, 200);
}

#[test]
fn requests_share_no_state() {
    let a = std::fs::read(example("paper-equipment-maker.yaml")).expect("a");
    let b = std::fs::read(example("process-ceramics-plant.yaml")).expect("b");
    let first = post("/api/assess", "application/yaml", &a).text();
    let other = post("/api/assess", "application/yaml", &b).text();
    let again = post("/api/assess", "application/yaml", &a).text();
    assert_ne!(first, other);
    assert_eq!(first, again);
}
