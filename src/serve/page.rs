//! The one page of `zhizao serve` and its script and style, embedded in the
//! binary with `include_str!` (no CDN, no npm, nothing fetched elsewhere).
//! The page carries the form's model as inert JSON; the script draws the
//! form from it.

use super::api::Params;
use super::App;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/form.js");
const STYLE: &str = include_str!("assets/form.css");

/// `GET /` (`?lang=zh|en`): the form page.
pub async fn index(State(app): State<App>, Query(p): Query<Params>) -> Response {
    let lang = p.lang(&app);
    let model = super::form::model(lang).to_string();
    let html = PAGE
        .replace("{{lang}}", lang.pick("zh-CN", "en"))
        .replace(
            "{{title}}",
            lang.pick(
                "智能制造自评表 · zhizao",
                "Smart-manufacturing self-assessment · zhizao",
            ),
        )
        .replace("{{model}}", &inert_json(&model));
    asset(html, "text/html; charset=utf-8")
}

/// `GET /assets/form.js`.
pub async fn script() -> Response {
    asset(SCRIPT.to_string(), "text/javascript; charset=utf-8")
}

/// `GET /assets/form.css`.
pub async fn style() -> Response {
    asset(STYLE.to_string(), "text/css; charset=utf-8")
}

fn asset(body: String, content_type: &'static str) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// JSON inside a `<script type="application/json">` element: `<`, `>` and
/// `&` as JSON escapes, so no text in it can end the element.
fn inert_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_element() {
        let s = inert_json(r#"{"a":"</script><b>&"}"#);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["a"], "</script><b>&");
    }
}
