//! `zhizao convert INPUTS -o OUT`: YAML questionnaires ↔ workbook rows.

use super::init::refuse_existing;
use super::validate::print_row_diags;
use crate::cli::args::ConvertArgs;
use crate::cli::{CliError, CliResult, Settings};
use std::path::Path;
use zhizao::workbook::{convert, read};

/// Convert in the direction the extension of `-o` names; invalid inputs
/// are listed and not converted (exit 1), nothing is overwritten (exit 2).
pub fn exec(args: ConvertArgs, s: &Settings) -> CliResult {
    let l = s.lang;
    let (inputs, out) = (&args.inputs, args.output.as_path());
    let to_workbook = read::is_workbook(out);
    let outcome = if to_workbook {
        refuse_existing(out)?;
        if let Some(wb) = inputs.iter().find(|i| read::is_workbook(Path::new(i))) {
            return Err(CliError::usage(
                wb,
                "已是工作簿; 输出为 .xlsx 时输入应为 YAML",
                "is a workbook already; with a .xlsx output the inputs are YAML",
            ));
        }
        convert::yaml_to_workbook(inputs, out, l)?
    } else {
        let [one] = inputs.as_slice() else {
            return Err(CliError::usage(
                "",
                "输出为文件夹或 .yaml 时只能输入一个 .xlsx 工作簿",
                "a folder or .yaml output takes exactly one .xlsx workbook",
            ));
        };
        if !read::is_workbook(Path::new(one)) {
            return Err(CliError::usage(
                "",
                "YAML 转换为工作簿时 -o 须以 .xlsx 结尾",
                "to convert YAML into a workbook, -o must end in .xlsx",
            ));
        }
        convert::workbook_to_yaml(Path::new(one), out)?
    };
    print_row_diags(&outcome.errors, l);
    for w in &outcome.written {
        let shown = zhizao::textsafe::echo(&w.display().to_string());
        eprintln!("{} {shown}", l.pick("已写入", "written:"));
    }
    if to_workbook && !outcome.errors.is_empty() {
        eprintln!(
            "{}",
            l.pick(
                "有无效的问卷, 未写出工作簿",
                "some questionnaires are invalid; no workbook written"
            )
        );
    }
    match outcome.errors.is_empty() {
        true => Ok(()),
        false => Err(CliError::code(1)),
    }
}
