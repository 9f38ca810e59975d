//! The HTTP handlers: the form's model and template, checking, assessing,
//! report downloads and the what-if comparison. Each reads its request
//! into an [`Upload`], runs the library on a blocking thread (a panic there
//! is a 500, never a dead server) and answers JSON, HTML or a file.

use super::body::{self, Kind, Upload};
use super::App;
use crate::assess::{Assessment, Engine, InputInfo};
use crate::diag::{Code, Diagnostic};
use crate::input::{self, Loaded};
use crate::lang::{Lang, Text};
use crate::report;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};

/// What a request may say in its query string.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// `zh` or `en`; anything else is the server's language.
    lang: Option<String>,
    /// Download format of `/api/report`.
    format: Option<String>,
    /// Sector of `/api/template`, as `init --sector`.
    sector: Option<String>,
}

impl Params {
    pub(super) fn lang(&self, app: &App) -> Lang {
        match self.lang.as_deref() {
            Some("zh") => Lang::Zh,
            Some("en") => Lang::En,
            _ => app.options.lang,
        }
    }
}

/// Why a request got no answer of its own: a status with a message, or
/// diagnostics of the questionnaire (the same as `validate` prints).
#[derive(Debug)]
pub enum Problem {
    /// A status and what to tell the user.
    Status(StatusCode, Text),
    /// The questionnaire's diagnostics (422; 413 when it is too large).
    Invalid(StatusCode, Value),
}

impl Problem {
    /// The body was over the size limit (413).
    pub fn too_large() -> Problem {
        Problem::Status(
            StatusCode::PAYLOAD_TOO_LARGE,
            Text::new(
                "上传内容超过大小上限; 一份问卷通常只有几十 KB",
                "the upload is over the size limit; a questionnaire is a few tens of KB",
            ),
        )
    }

    /// The request took longer than the time limit (503).
    pub fn timeout() -> Problem {
        Problem::Status(
            StatusCode::SERVICE_UNAVAILABLE,
            Text::new(
                "请求超过时间上限, 已中止; 请稍后再试",
                "the request went over the time limit and was stopped; try again",
            ),
        )
    }

    /// A request addressed to another host name (421): see
    /// [`super::Options::local_hosts_only`].
    pub fn foreign_host() -> Problem {
        Problem::Status(
            StatusCode::MISDIRECTED_REQUEST,
            Text::new(
                "此服务只接受发往本机 (localhost、127.0.0.1) 的请求",
                "this server answers requests addressed to this machine (localhost, 127.0.0.1) only",
            ),
        )
    }

    /// A request sent by a page of another site (403): a web page the user
    /// opens must not be able to post questionnaires to this form.
    pub fn cross_site() -> Problem {
        Problem::Status(
            StatusCode::FORBIDDEN,
            Text::new(
                "此服务不接受其他网站页面发来的请求",
                "this server does not answer requests sent by pages of other sites",
            ),
        )
    }

    /// A request the API cannot use (400).
    pub fn bad_request(t: Text) -> Problem {
        Problem::Status(StatusCode::BAD_REQUEST, t)
    }

    /// A failure of the server itself (500), said without its details.
    fn internal() -> Problem {
        Problem::Status(
            StatusCode::INTERNAL_SERVER_ERROR,
            Text::new("服务器内部错误", "internal server error"),
        )
    }

    /// A rejection of axum's body readers, by its status.
    pub fn from_status(s: StatusCode) -> Problem {
        match s {
            StatusCode::PAYLOAD_TOO_LARGE => Problem::too_large(),
            s if s.is_server_error() => Problem::internal(),
            s => Problem::Status(s, Text::new("请求无法读取", "the request cannot be read")),
        }
    }

    /// Diagnostics of a questionnaire that cannot be assessed: 413 when
    /// it is over the questionnaire size cap, 422 otherwise.
    fn invalid(diags: &[Diagnostic], source: Option<&str>, lang: Lang) -> Problem {
        let too_large = diags.iter().any(|d| d.code == Code::InputTooLarge);
        let status = if too_large {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        Problem::Invalid(status, checked(false, diags, source, lang))
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        match self {
            Problem::Status(s, t) => {
                let body = json!({ "error": { "status": s.as_u16(), "message": t } });
                json_response(s, &body)
            }
            Problem::Invalid(s, body) => json_response(s, &body),
        }
    }
}

/// `{valid, diagnostics}`: each diagnostic with its code, place, field
/// path, message and hint in `lang`, and `text`, the lines `validate` prints.
fn checked(valid: bool, diags: &[Diagnostic], source: Option<&str>, lang: Lang) -> Value {
    let list: Vec<Value> = diags
        .iter()
        .map(|d| {
            json!({
                "severity": d.severity,
                "code": d.code,
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "message": d.message.get(lang),
                "hint": d.hint.as_ref().map(|h| h.get(lang)),
                "text": d.render(lang, source),
            })
        })
        .collect();
    json!({ "valid": valid, "diagnostics": list })
}

fn json_response(status: StatusCode, v: &Value) -> Response {
    let text = serde_json::to_string(v).unwrap_or_default();
    typed(status, "application/json", text.into_bytes())
}

fn typed(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// Run library work off the async threads; a panic there is a 500.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| Err(Problem::internal()))
}

/// Read and check one questionnaire as `validate` does (a YAML body over
/// the CLI's 1 MiB cap is refused as the CLI refuses such a file).
fn load(u: &Upload) -> Result<Loaded, (Vec<Diagnostic>, Option<String>)> {
    if u.kind == Kind::Yaml {
        let cap = crate::yaml::MAX_QUESTIONNAIRE_BYTES;
        crate::yaml::read_reader_capped(u.bytes.as_slice(), u.name, cap)
            .map_err(|d| (vec![d], None))?;
    }
    input::from_bytes(&u.bytes, u.name)
}

/// As [`load`], with the diagnostics as the answer (422 / 413).
fn load_or_problem(u: &Upload, lang: Lang) -> Result<Loaded, Problem> {
    load(u).map_err(|(d, s)| Problem::invalid(&d, s.as_deref(), lang))
}

fn assess(engine: &Engine, u: &Upload, l: &Loaded) -> Assessment {
    engine.assess(
        &l.questionnaire,
        InputInfo {
            file: u.name.to_string(),
            sha256: l.sha256.clone(),
        },
        l.warnings.clone(),
    )
}

fn report_input<'a>(
    a: &'a Assessment,
    roadmap: &'a crate::roadmap::Roadmap,
    lang: Lang,
    date: &'a str,
) -> report::view::ReportInput<'a> {
    report::view::ReportInput {
        assessment: a,
        roadmap,
        overrides: &[],
        lang,
        date,
        profile: None,
    }
}

/// The form's model (`form::model`) in the language asked for.
pub async fn form(State(app): State<App>, Query(p): Query<Params>) -> Response {
    json_response(StatusCode::OK, super::form::model(p.lang(&app)))
}

/// `init`'s template as the form's JSON (nulls dropped: blank fields).
pub async fn template(State(app): State<App>, Query(p): Query<Params>) -> Response {
    let text = match p.lang(&app) {
        Lang::Zh => include_str!("../templates/questionnaire.zh.yaml"),
        Lang::En => include_str!("../templates/questionnaire.en.yaml"),
    };
    let mut v: Value = serde_yaml::from_str(text).unwrap_or(Value::Null);
    let sector = p
        .sector
        .as_deref()
        .filter(|s| crate::questionnaire::Sector::from_id(s).is_some());
    if let (Some(s), Some(e)) = (sector, v.get_mut("enterprise")) {
        e["sector"] = Value::from(s);
    }
    drop_nulls(&mut v);
    json_response(StatusCode::OK, &json!({ "questionnaire": v }))
}

fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// An uploaded questionnaire (YAML or XLSX) as the form's JSON, with its
/// diagnostics. A YAML file with errors still fills the form with what
/// could be read, unless the YAML itself is broken or hostile.
pub async fn load_upload(
    State(app): State<App>,
    Query(p): Query<Params>,
    req: Request,
) -> Response {
    let lang = p.lang(&app);
    let run = async move {
        let u = body::read(req).await?;
        blocking(move || {
            Ok(match load(&u) {
                Ok(l) => {
                    let mut v = checked(true, &l.warnings, Some(&l.source), lang);
                    v["questionnaire"] = serde_json::to_value(&l.questionnaire).unwrap_or_default();
                    v
                }
                Err((diags, source)) => {
                    let mut v = checked(false, &diags, source.as_deref(), lang);
                    v["questionnaire"] = partial(&diags, source.as_deref());
                    v
                }
            })
        })
        .await
    };
    match run.await {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(p) => p.into_response(),
    }
}

/// What could be read of an invalid YAML questionnaire: its tree, when the
/// problems are in the values only (a syntax error, an alias, a too-deep
/// or too-large file is not parsed a second time).
fn partial(diags: &[Diagnostic], source: Option<&str>) -> Value {
    let structural = diags.iter().any(|d| {
        let id = d.code.as_str();
        id.starts_with("yaml") || id.starts_with("input") || id == "io"
    });
    match source {
        Some(s) if !structural => serde_yaml::from_str(s).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// Check a questionnaire: `{valid, diagnostics}` (200 either way).
pub async fn validate(State(app): State<App>, Query(p): Query<Params>, req: Request) -> Response {
    let lang = p.lang(&app);
    let run = async move {
        let u = body::read(req).await?;
        blocking(move || {
            Ok(match load(&u) {
                Ok(l) => checked(true, &l.warnings, Some(&l.source), lang),
                Err((d, s)) => {
                    let too_large = d.iter().any(|x| x.code == Code::InputTooLarge);
                    if too_large {
                        return Err(Problem::invalid(&d, s.as_deref(), lang));
                    }
                    checked(false, &d, s.as_deref(), lang)
                }
            })
        })
        .await
    };
    match run.await {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(p) => p.into_response(),
    }
}

/// `POST /api/assess`: the assessment as JSON (the `assess --format json`
/// document), or the HTML report when the request accepts `text/html`.
pub async fn assess_api(
    State(app): State<App>,
    Query(p): Query<Params>,
    headers: HeaderMap,
    req: Request,
) -> Response {
    let lang = p.lang(&app);
    let html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    let format = if html { Download::Html } else { Download::Json };
    answer(app, req, format, lang, false).await
}

/// `POST /api/report?format=html|docx|json|yaml|xlsx`: a download of the
/// report or of the questionnaire itself.
pub async fn report(State(app): State<App>, Query(p): Query<Params>, req: Request) -> Response {
    let lang = p.lang(&app);
    let Some(format) = p.format.as_deref().and_then(Download::from_id) else {
        return Problem::bad_request(Text::new(
            "format 须为 html、docx、json、yaml 或 xlsx",
            "format must be html, docx, json, yaml or xlsx",
        ))
        .into_response();
    };
    answer(app, req, format, lang, true).await
}

/// What `/api/report` can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Download {
    Html,
    Docx,
    Json,
    Yaml,
    Xlsx,
}

impl Download {
    fn from_id(s: &str) -> Option<Download> {
        Some(match s {
            "html" => Download::Html,
            "docx" => Download::Docx,
            "json" => Download::Json,
            "yaml" => Download::Yaml,
            "xlsx" => Download::Xlsx,
            _ => return None,
        })
    }

    /// Content type and the fixed file name offered (no user text goes
    /// into a header).
    fn file(self) -> (&'static str, &'static str) {
        match self {
            Download::Html => ("text/html; charset=utf-8", "zhizao-report.html"),
            Download::Docx => (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "zhizao-report.docx",
            ),
            Download::Json => ("application/json", "zhizao-report.json"),
            Download::Yaml => ("application/yaml; charset=utf-8", "questionnaire.yaml"),
            Download::Xlsx => (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "questionnaire.xlsx",
            ),
        }
    }
}

async fn answer(app: App, req: Request, format: Download, lang: Lang, attach: bool) -> Response {
    let run = async move {
        let u = body::read(req).await?;
        let engine = app.engine.clone();
        blocking(move || render(&engine, &u, format, lang)).await
    };
    match run.await {
        Ok(bytes) => {
            let (ctype, name) = format.file();
            let mut r = (StatusCode::OK, bytes).into_response();
            let h = r.headers_mut();
            if let Ok(v) = HeaderValue::from_str(ctype) {
                h.insert(header::CONTENT_TYPE, v);
            }
            if attach {
                let d = format!("attachment; filename=\"{name}\"");
                if let Ok(v) = HeaderValue::from_str(&d) {
                    h.insert(header::CONTENT_DISPOSITION, v);
                }
            }
            r
        }
        Err(p) => p.into_response(),
    }
}

fn render(engine: &Engine, u: &Upload, format: Download, lang: Lang) -> Result<Vec<u8>, Problem> {
    let l = match (load(u), format, u.kind) {
        (Ok(l), _, _) => l,
        // The questionnaire as typed, errors and all, to finish elsewhere.
        (Err(_), Download::Yaml, Kind::Yaml) if u.bytes.len() <= BODY_YAML_CAP => {
            return Ok(u.bytes.clone())
        }
        (Err((d, s)), _, _) => return Err(Problem::invalid(&d, s.as_deref(), lang)),
    };
    let fail = |_| Problem::internal();
    match format {
        Download::Yaml => Ok(crate::workbook::yamlout::to_yaml(&l.questionnaire).into_bytes()),
        Download::Xlsx => {
            crate::workbook::template::to_bytes(lang, &[l.questionnaire]).map_err(fail)
        }
        Download::Json => Ok(report::json(&assess(engine, u, &l)).into_bytes()),
        Download::Html | Download::Docx => {
            let a = assess(engine, u, &l);
            let roadmap = crate::roadmap::build(engine, &l.questionnaire, &a);
            let date = report::date::report_date();
            let r = report_input(&a, &roadmap, lang, &date);
            if format == Download::Docx {
                report::docx::render(&r).map_err(fail)
            } else {
                report::html::render(&r)
                    .map(String::into_bytes)
                    .map_err(fail)
            }
        }
    }
}

/// An invalid questionnaire is given back as typed only within the CLI's cap.
const BODY_YAML_CAP: usize = crate::yaml::MAX_QUESTIONNAIRE_BYTES as usize;

/// `POST /api/compare` with `{"before": …, "after": …}` (the form's JSON):
/// the comparison as HTML, the `compare --format html` view.
pub async fn compare(State(app): State<App>, Query(p): Query<Params>, req: Request) -> Response {
    let lang = p.lang(&app);
    let run = async move {
        let v = body::json(req).await?;
        let engine = app.engine.clone();
        blocking(move || {
            let side = |key: &'static str| -> Result<Assessment, Problem> {
                let mut u = Upload::from_json(v.get(key).unwrap_or(&Value::Null));
                u.name = if key == "before" {
                    "before.yaml"
                } else {
                    "after.yaml"
                };
                let l = load_or_problem(&u, lang)?;
                Ok(assess(&engine, &u, &l))
            };
            let (b, a) = (side("before")?, side("after")?);
            let c = crate::compare::compare(&b, &a);
            let date = report::date::report_date();
            report::compare::html(&c, &b, &a, lang, &date).map_err(|_| Problem::internal())
        })
        .await
    };
    match run.await {
        Ok(html) => typed(
            StatusCode::OK,
            "text/html; charset=utf-8",
            html.into_bytes(),
        ),
        Err(p) => p.into_response(),
    }
}

/// 404 for any path that is not a route (no path is read from disk).
pub async fn not_found() -> Response {
    Problem::Status(
        StatusCode::NOT_FOUND,
        Text::new("没有这个地址", "no such address"),
    )
    .into_response()
}
