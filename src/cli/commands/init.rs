//! `zhizao init`: a blank questionnaire to fill in (YAML, or the workbook).

use crate::cli::args::{FileFormat, InitArgs};
use crate::cli::io::{self, Out};
use crate::cli::{CliError, CliResult, Settings};
use std::path::Path;
use zhizao::lang::Lang;

/// Write the template of `args.format` to `-o` (never over a file) or stdout.
pub fn exec(args: InitArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    if args.format == FileFormat::Xlsx {
        return workbook(&args, lang);
    }
    let template = match lang {
        Lang::Zh => include_str!("../../templates/questionnaire.zh.yaml"),
        Lang::En => include_str!("../../templates/questionnaire.en.yaml"),
    };
    // The sections the hand-written template does not cover (the v2 ones),
    // commented out, generated from the schema.
    let template = format!(
        "{template}{}",
        zhizao::schema::missing_sections(template, lang)
    );
    let text = match &args.sector {
        None => template,
        Some(sector) => {
            if zhizao::questionnaire::Sector::from_id(sector).is_none() {
                let choices = "textile_footwear_apparel, electronics_it, machinery_auto_parts, paper_product_equipment, other";
                return Err(CliError::localized(
                    format!("未知产业 `{sector}`; 可选: {choices}"),
                    format!("unknown sector `{sector}`; choose one of: {choices}"),
                    2,
                ));
            }
            template.replacen("  sector: other", &format!("  sector: {sector}"), 1)
        }
    };
    if let Some(p) = &args.output {
        refuse_existing(p)?;
    }
    io::emit(&mut Out::stdout(), &text, args.output.as_deref())
}

/// `zhizao init --format xlsx -o FILE`: the empty 申报表.
fn workbook(args: &InitArgs, lang: Lang) -> CliResult {
    if args.sector.is_some() {
        // The workbook's sector is a dropdown in each enterprise's row.
        return Err(CliError::usage(
            "--sector",
            "只用于 YAML 模板; 申报表中请从下拉列表选择产业",
            "applies to the YAML template; in the workbook, pick the sector from the dropdown",
        ));
    }
    let Some(out) = &args.output else {
        return Err(CliError::usage(
            "",
            "--format xlsx 需要 -o 文件.xlsx",
            "--format xlsx needs -o FILE.xlsx",
        ));
    };
    refuse_existing(out)?;
    zhizao::workbook::template::write(out, lang, &[])?;
    let shown = zhizao::textsafe::echo(&out.display().to_string());
    eprintln!("{} {shown}", lang.pick("已写入", "written:"));
    Ok(())
}

/// An output that exists is never replaced (usage error, 2).
pub fn refuse_existing(p: &Path) -> CliResult {
    if p.exists() {
        return Err(CliError::usage(
            p.display(),
            "已存在, 不会覆盖",
            "already exists; it will not be overwritten",
        ));
    }
    Ok(())
}
