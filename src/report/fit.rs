//! Terminal width (终端宽度): tables and lines that fit the reader's terminal.
//!
//! Widths are display columns, not characters or bytes: a CJK character
//! takes two columns, and colour codes take none (tabled's `ansi` feature and
//! textwrap both skip ANSI escape sequences when they measure).

use std::io::IsTerminal;
use tabled::settings::Style;
use tabled::{builder::Builder, Table};

/// Width used when output goes to a pipe or a file and `COLUMNS` is unset:
/// wide enough for the tables, narrow enough for a report or an e-mail.
pub const PIPE_WIDTH: usize = 100;

/// Narrowest width we lay out for; below it, lines would break into single
/// characters and help nobody.
pub const MIN_WIDTH: usize = 40;

/// The width to lay out for: `COLUMNS` when it is set to a number (shells
/// export it, and tests set it), else the terminal's width when stdout is a
/// terminal, else [`PIPE_WIDTH`].
pub fn width() -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok());
    let from_tty = || {
        std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
            .flatten()
    };
    from_env
        .or_else(from_tty)
        .unwrap_or(PIPE_WIDTH)
        .max(MIN_WIDTH)
}

/// Display width of one line: CJK counts two columns, colour codes none.
pub fn display_width(line: &str) -> usize {
    textwrap::core::display_width(line)
}

/// A rounded table of `rows` (the first row is the header) no wider than
/// `width`: the widest column gives up a column at a time until the table
/// fits, and each cell is wrapped to its column (at spaces where possible,
/// never inside a character: tabled's own wrap can split a CJK character at
/// an odd column).
pub fn table(rows: Vec<Vec<String>>, width: usize) -> String {
    table_keeping(rows, width, &[])
}

/// As [`table`], with the longest word of each column in `keep` (ids a
/// reader copies into a command) never broken.
pub fn table_keeping(rows: Vec<Vec<String>>, width: usize, keep: &[usize]) -> String {
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![1usize; ncols];
    let mut words = vec![4usize; ncols];
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            let w = c.lines().map(display_width).max().unwrap_or(0);
            widths[i] = widths[i].max(w);
            let word = c.split_whitespace().map(display_width).max().unwrap_or(0);
            words[i] = words[i].max(word);
        }
    }
    // Borders and one column of padding either side: 3 per column, plus 1.
    let frame = 3 * ncols + 1;
    // A column is not squeezed below its longest word (an id, a figure) as
    // long as the longest words of all columns fit, so ids stay whole and
    // copyable; the longest words give way first when they do not.
    let mut cap = width;
    while cap > 4 && words.iter().map(|w| (*w).min(cap)).sum::<usize>() + frame > width {
        cap -= 1;
    }
    let floors: Vec<usize> = words
        .iter()
        .enumerate()
        .map(|(i, w)| if keep.contains(&i) { *w } else { (*w).min(cap) })
        .collect();
    while widths.iter().sum::<usize>() + frame > width {
        // Above the floors first; when every column is at its floor, below.
        let widest = (0..ncols)
            .filter(|&i| widths[i] > floors[i])
            .max_by_key(|&i| widths[i])
            .or_else(|| {
                (0..ncols)
                    .filter(|&i| widths[i] > 4 && !keep.contains(&i))
                    .max_by_key(|&i| widths[i])
            });
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    let mut b = Builder::default();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| wrap_cell(c, widths[i]))
            .collect();
        b.push_record(cells);
    }
    let mut t: Table = b.build();
    t.with(Style::rounded());
    t.to_string()
}

/// A cell's text wrapped to `width` display columns.
fn wrap_cell(text: &str, width: usize) -> String {
    if text.lines().all(|l| display_width(l) <= width) {
        return text.to_string();
    }
    let opts = textwrap::Options::new(width.max(2))
        .break_words(true)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    text.lines()
        .flat_map(|l| textwrap::wrap(l, &opts))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every line of `text` that is wider than `width` wrapped onto continuation
/// lines indented two columns deeper than the line itself. Lines that fit
/// (tables laid out by [`table`] among them) are left as they are.
pub fn lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if display_width(body) <= width {
            out.push_str(line);
            continue;
        }
        let indent = body.len() - body.trim_start_matches(' ').len();
        let next = " ".repeat((indent + 2).min(width / 2));
        let opts = textwrap::Options::new(width)
            .subsequent_indent(&next)
            .break_words(true)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        out.push_str(&textwrap::wrap(body, opts).join("\n"));
        out.push_str(nl);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_columns_and_colour_codes_none() {
        assert_eq!(display_width("智造"), 4);
        assert_eq!(display_width("\x1b[32m达到\x1b[0m"), 4);
        assert_eq!(display_width("ERP 达到"), 8);
    }

    #[test]
    fn a_wide_table_is_wrapped_to_the_width() {
        let rows = vec![
            vec!["指标".to_string(), "差距".to_string()],
            vec![
                "关键装备数控化率".to_string(),
                "关键装备数控化率 35% < 80%: 还需 54 台数控关键装备 (共 120 台关键装备)".repeat(2),
            ],
        ];
        let t = table(rows, 40);
        assert!(t.lines().all(|l| display_width(l) <= 40), "{t}");
        // Nothing is lost: the wrapped text still holds every character.
        let kept = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '│')
                .collect::<String>()
        };
        let body: String = t
            .lines()
            .map(|l| kept(l.split('│').nth(2).unwrap_or("")))
            .collect();
        assert!(
            body.contains("还需54台数控关键装备(共120台关键装备)关键装备数控化率"),
            "{t}"
        );
    }

    #[test]
    fn coloured_cells_do_not_break_the_borders() {
        let red = |s: &str| format!("\x1b[31m{s}\x1b[0m");
        let rows = vec![
            vec!["检查项".to_string(), "结论".to_string()],
            vec!["关键装备数控化率".to_string(), red("未达到")],
            vec!["使用 ERP".to_string(), "\x1b[32m达到\x1b[0m".to_string()],
        ];
        let t = table(rows, 80);
        let widths: Vec<usize> = t.lines().map(display_width).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{t}\n{widths:?}");
        assert!(t.contains(&red("未达到")), "colour kept: {t}");
    }

    #[test]
    fn long_lines_wrap_with_an_indent_and_short_ones_stay() {
        let text =
            "短行\n  符合项合计: 省 0 万元 · 市 10.08 万元 · 区 28.52 万元 · 合计 38.60 万元\n";
        let out = lines(text, 30);
        assert!(out.lines().all(|l| display_width(l) <= 30), "{out}");
        assert!(out.starts_with("短行\n  符合项合计"), "{out}");
        assert!(out.lines().nth(2).is_some_and(|l| l.starts_with("    ")));
    }
}
