//! Usage errors and help pages, which clap reports before a command runs:
//! in Chinese under `--lang zh` or a Chinese locale.

use super::help_zh;
use zhizao::lang::Lang;

/// Print clap's error, help page or version (in `lang`); the exit code:
/// 0 for help and version, 2 for a usage error.
pub fn print_parse_error(e: &clap::Error, lang: Lang) -> i32 {
    let code = if e.use_stderr() { 2 } else { 0 };
    let help = matches!(
        e.kind(),
        clap::error::ErrorKind::DisplayHelp
            | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    match usage_error_zh(e).filter(|_| lang == Lang::Zh) {
        Some(text) => eprintln!("{}", zhizao::textsafe::terminal_safe(&text)),
        // Help in Chinese: clap's own words translated (help_zh).
        None if help && lang == Lang::Zh => {
            let text = help_zh::localize(&e.render().to_string());
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
        }
        None => {
            let _ = e.print();
        }
    }
    code
}

/// A usage error (from clap, which writes English) in Chinese, with clap's
/// usage line; `None` for help and version output, which are not errors.
pub fn usage_error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| -> Option<String> {
        e.get(k).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(v) => v.join(", "),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(v) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            _ => String::new(),
        })
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let msg = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidValue => format!(
            "参数 {arg} 的取值 `{}` 无效",
            ctx(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => format!("未知参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "未知命令 `{}`",
            ctx(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少必填参数: {arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::NoEquals => format!("参数 {arg} 需要用 = 连接取值"),
        ErrorKind::ValueValidation => format!(
            "参数 {arg} 的取值 `{}` 无效",
            ctx(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的取值个数不对")
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与其他参数同时使用"),
        _ => "命令行用法有误".to_string(),
    };
    let mut out = format!("错误: {msg}");
    for k in [ContextKind::ValidValue, ContextKind::ValidSubcommand] {
        if let Some(v) = ctx(k).filter(|v| !v.is_empty()) {
            out.push_str(&format!("\n  = 可选: {v}"));
        }
    }
    for k in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg] {
        if let Some(s) = ctx(k).filter(|s| !s.is_empty()) {
            out.push_str(&format!("\n  = 提示: 是不是想写 `{s}`?"));
        }
    }
    let rendered = e.render().to_string();
    if let Some(usage) = rendered.lines().find(|l| l.starts_with("Usage:")) {
        out.push_str(&format!(
            "\n\n用法: {}",
            usage.trim_start_matches("Usage:").trim()
        ));
    }
    out.push_str("\n\n用 `zhizao --help` 或 `zhizao <命令> --help` 查看说明和示例。");
    Some(out)
}
