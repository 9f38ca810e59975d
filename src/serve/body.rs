//! A request body → the bytes of one questionnaire, in the form the CLI's
//! reader ([`crate::input::from_bytes`]) takes: YAML text, or the bytes of
//! an Excel workbook. JSON (what the form sends) is turned into YAML, so
//! the form's answers are read, checked and reported exactly as a file.

use super::api::Problem;
use crate::lang::Text;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, HeaderMap};
use serde_json::Value;

/// What an upload is, decided by its content, its declared type or its
/// file name — never used to open a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// YAML text (JSON included).
    Yaml,
    /// An Excel workbook (.xlsx) of one enterprise row.
    Xlsx,
}

/// One questionnaire as received.
#[derive(Debug, Clone)]
pub struct Upload {
    /// YAML text or workbook bytes.
    pub bytes: Vec<u8>,
    /// Which of the two.
    pub kind: Kind,
    /// The name diagnostics show; its extension is how the reader tells a
    /// workbook. A fixed name: it names no file on disk, and no name a
    /// client sends is used.
    pub name: &'static str,
}

impl Upload {
    fn new(bytes: Vec<u8>, kind: Kind) -> Upload {
        let name = match kind {
            Kind::Yaml => "questionnaire.yaml",
            Kind::Xlsx => "questionnaire.xlsx",
        };
        Upload { bytes, kind, name }
    }

    /// A questionnaire given as a JSON value (the form's): its YAML text.
    pub fn from_json(v: &Value) -> Upload {
        Upload::new(yaml_text(v).into_bytes(), Kind::Yaml)
    }
}

/// The YAML text of a JSON value (never fails for a value parsed from
/// JSON; an empty document otherwise, which the reader reports as empty).
pub fn yaml_text(v: &Value) -> String {
    serde_yaml::to_string(v).unwrap_or_default()
}

/// The questionnaire of a request: a multipart upload (its first file
/// part), or the whole body as YAML, JSON or a workbook.
pub async fn read(req: Request) -> Result<Upload, Problem> {
    let headers = req.headers().clone();
    if content_type(&headers).starts_with("multipart/form-data") {
        return multipart(req).await;
    }
    let bytes = Bytes::from_request(req, &())
        .await
        .map_err(|e| Problem::from_status(e.status()))?;
    Ok(classify(bytes.to_vec(), &content_type(&headers), None))
}

/// A JSON body (the form's requests), parsed.
pub async fn json(req: Request) -> Result<Value, Problem> {
    let bytes = Bytes::from_request(req, &())
        .await
        .map_err(|e| Problem::from_status(e.status()))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Problem::bad_request(Text::new(
            format!("请求不是有效的 JSON: {e}"),
            format!("the request is not valid JSON: {e}"),
        ))
    })
}

async fn multipart(req: Request) -> Result<Upload, Problem> {
    let mut parts = Multipart::from_request(req, &())
        .await
        .map_err(|e| Problem::from_status(e.status()))?;
    while let Some(part) = parts
        .next_field()
        .await
        .map_err(|e| Problem::from_status(e.status()))?
    {
        if part.file_name().is_none() && part.name() != Some("file") {
            continue;
        }
        let name = part.file_name().map(str::to_string);
        let ctype = part.content_type().unwrap_or("").to_string();
        let bytes = part
            .bytes()
            .await
            .map_err(|e| Problem::from_status(e.status()))?;
        return Ok(classify(bytes.to_vec(), &ctype, name.as_deref()));
    }
    Err(Problem::bad_request(Text::new(
        "上传内容中没有文件; 请以 file 字段上传一份问卷 (YAML 或 XLSX)",
        "the upload holds no file; send one questionnaire (YAML or XLSX) as the `file` part",
    )))
}

/// A workbook by its zip signature, its declared type or its name; YAML
/// otherwise (JSON bodies become YAML text).
fn classify(bytes: Vec<u8>, ctype: &str, name: Option<&str>) -> Upload {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let xlsx_type = ctype.contains("spreadsheetml");
    let xlsx_name = name.is_some_and(|n| n.to_ascii_lowercase().ends_with(".xlsx"));
    if zip || xlsx_type || xlsx_name {
        return Upload::new(bytes, Kind::Xlsx);
    }
    if ctype.starts_with("application/json") {
        // Malformed JSON is read as YAML below, which says where it breaks.
        if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
            return Upload::from_json(&v);
        }
    }
    Upload::new(bytes, Kind::Yaml)
}

fn content_type(h: &HeaderMap) -> String {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_is_told_by_signature_type_or_name() {
        let k = |b: &[u8], t: &str, n: Option<&str>| classify(b.to_vec(), t, n).kind;
        assert_eq!(k(b"PK\x03\x04rest", "", None), Kind::Xlsx);
        assert_eq!(
            k(
                b"x",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                None
            ),
            Kind::Xlsx
        );
        assert_eq!(k(b"x", "", Some("申报表.XLSX")), Kind::Xlsx);
        assert_eq!(k(b"a: 1", "text/yaml", Some("a.yaml")), Kind::Yaml);
    }

    #[test]
    fn json_becomes_yaml_and_bad_json_stays_as_sent() {
        let u = classify(
            br#"{"enterprise": {"name": "A"}}"#.to_vec(),
            "application/json",
            None,
        );
        let text = String::from_utf8(u.bytes).unwrap();
        assert_eq!(text, "enterprise:\n  name: A\n");
        let bad = classify(b"{oops".to_vec(), "application/json", None);
        assert_eq!(bad.bytes, b"{oops");
    }
}
