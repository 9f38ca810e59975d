//! `zhizao serve` (本地网页表单): the questionnaire as a web form and an HTTP
//! API, served by the same engine, messages and reports as the command line.
//!
//! - [`form`]: the form's model, generated from the questionnaire's JSON
//!   Schema (the workbook's column list), so a field added to the
//!   questionnaire appears in the form without a second list to keep.
//! - [`page`]: the one HTML page and its script and style, embedded in the
//!   binary (no CDN, no build step).
//! - [`body`]: a request body (YAML, JSON, an Excel workbook, a multipart
//!   upload) → the bytes the CLI's reader takes, under the size limit.
//! - [`api`]: the handlers: validate, assess, report downloads, compare.
//!
//! Safe by construction: nothing from a request names a file (the server
//! reads no file after start), bodies are capped ([`Options::body_limit`]),
//! every request has a time limit ([`Options::time_limit`]), and the only
//! state is the read-only [`Engine`] loaded at start: users share nothing.

mod api;
mod body;
pub mod form;
mod page;

use crate::assess::Engine;
use crate::lang::Lang;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// The largest request body (2 MiB): a questionnaire is capped at 1 MiB
/// (as on the command line) and a one-enterprise workbook is tens of KB;
/// a comparison carries two questionnaires.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024 + 64 * 1024;

/// The longest a request may take, from its first byte to the last of
/// the answer (a full assessment takes milliseconds; a DOCX report about
/// a second on a busy machine).
pub const TIME_LIMIT: Duration = Duration::from_secs(30);

/// How a server runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The language of the form and of answers when a request names none (`?lang=`).
    pub lang: Lang,
    /// The largest request body, in bytes; larger ones get 413.
    pub body_limit: usize,
    /// The time limit of one request; slower ones get 503.
    pub time_limit: Duration,
    /// Answer only requests addressed to this machine by name (`Host:`
    /// localhost, 127.0.0.1, [::1]): a web page elsewhere cannot reach a
    /// server on loopback through a DNS name of its own (DNS rebinding).
    /// Set when the server listens on loopback.
    pub local_hosts_only: bool,
}

impl Options {
    /// The limits above, in language `lang`.
    pub fn new(lang: Lang) -> Options {
        Options {
            lang,
            body_limit: BODY_LIMIT,
            time_limit: TIME_LIMIT,
            local_hosts_only: true,
        }
    }
}

/// What every handler reads: the engine (read-only) and the options.
#[derive(Clone)]
struct App {
    engine: Arc<Engine>,
    options: Options,
}

/// The routes of the form and the API, with the limits and the safety
/// headers on every answer.
pub fn router(engine: Arc<Engine>, options: Options) -> Router {
    let app = App { engine, options };
    Router::new()
        .route("/", get(page::index))
        .route("/assets/form.js", get(page::script))
        .route("/assets/form.css", get(page::style))
        .route("/api/form", get(api::form))
        .route("/api/template", get(api::template))
        .route("/api/load", post(api::load_upload))
        .route("/api/validate", post(api::validate))
        .route("/api/assess", post(api::assess_api))
        .route("/api/report", post(api::report))
        .route("/api/compare", post(api::compare))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(options.body_limit))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            time_limit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            local_host,
        ))
        .layer(axum::middleware::from_fn(safety_headers))
        .with_state(app)
}

/// Serve `app` on `listener` until `shutdown` completes; requests under way
/// then finish before this returns.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Whether only this machine can reach `addr` (127.0.0.0/8, ::1); any
/// other address exposes the form to the network, which `serve` warns of.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// A request that takes longer than the limit (a slow upload included)
/// is answered 503 and dropped.
async fn time_limit(State(app): State<App>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(app.options.time_limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => api::Problem::timeout().into_response(),
    }
}

/// With [`Options::local_hosts_only`], a request whose `Host` is not this
/// machine's name is refused (421) before any handler runs.
async fn local_host(State(app): State<App>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if app.options.local_hosts_only && !is_local_host(host) {
        return api::Problem::foreign_host().into_response();
    }
    if is_cross_site(req.headers(), host) {
        return api::Problem::cross_site().into_response();
    }
    next.run(req).await
}

/// A browser's request from a page of another site: it says so
/// (`Sec-Fetch-Site: cross-site`), or its `Origin` names another host than
/// the one addressed. Programs (curl, a bureau's system) send neither.
fn is_cross_site(h: &axum::http::HeaderMap, host: &str) -> bool {
    let text = |name: &str| h.get(name).and_then(|v| v.to_str().ok());
    if text("sec-fetch-site") == Some("cross-site") {
        return true;
    }
    let origin_host = text("origin")
        .and_then(|o| o.split_once("://"))
        .map(|(_, rest)| rest);
    origin_host.is_some_and(|o| !o.eq_ignore_ascii_case(host))
}

/// `localhost`, `127.x.y.z` or `[::1]`, with or without a port.
fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Every answer: no MIME sniffing, no caching (answers hold an enterprise's
/// figures), no referrer, and a content policy that allows only this
/// server's own script and nothing from elsewhere. Reports shown in the
/// page are in a sandboxed frame that runs no script.
async fn safety_headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data: blob:; connect-src 'self'; frame-src 'self' blob:; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
        ),
    ];
    for (name, value) in fixed {
        h.insert(name, HeaderValue::from_static(value));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_from_other_sites_are_cross_site() {
        let h = |pairs: &[(&'static str, &'static str)]| {
            let mut m = axum::http::HeaderMap::new();
            for (k, v) in pairs {
                m.insert(*k, HeaderValue::from_static(v));
            }
            m
        };
        let host = "127.0.0.1:8080";
        assert!(!is_cross_site(&h(&[]), host));
        assert!(!is_cross_site(
            &h(&[("origin", "http://127.0.0.1:8080")]),
            host
        ));
        assert!(!is_cross_site(
            &h(&[("sec-fetch-site", "same-origin")]),
            host
        ));
        assert!(is_cross_site(
            &h(&[("origin", "https://evil.example")]),
            host
        ));
        assert!(is_cross_site(&h(&[("sec-fetch-site", "cross-site")]), host));
        assert!(is_cross_site(
            &h(&[("origin", "http://127.0.0.1:9999")]),
            host
        ));
    }

    #[test]
    fn only_this_machine_names_are_local_hosts() {
        for h in [
            "localhost:8080",
            "127.0.0.1:8080",
            "127.1.2.3",
            "[::1]:9000",
            "LOCALHOST",
        ] {
            assert!(is_local_host(h), "{h}");
        }
        for h in [
            "evil.example:8080",
            "localhost.evil.example",
            "10.0.0.2:8080",
            "",
            "[::2]:80",
        ] {
            assert!(!is_local_host(h), "{h}");
        }
    }
}
