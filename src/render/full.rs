//! `--output-format full`: each finding's line, then its source with a caret under the range
//! and the fix title, as rustc and ruff show them.
//!
//! ```text
//! p/store.go:17:2: GF102 [critical] `s.mu` is still locked when … [*]
//!    |
//! 17 |     s.mu.Lock()
//!    |     ^^^^^^^^^^^
//!    |
//!    = fix: Defer `s.mu.Unlock()` right after `s.mu.Lock()`
//! ```

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use crate::diagnostic::{Diagnostic, TextRange};
use crate::fix::Applicability;
use crate::render::text::{Style, finding_line, severity_color};
use crate::source::SourceFile;

/// Go source is indented with tabs; they are shown this wide.
const TAB_WIDTH: usize = 4;

/// One source line of the snippet and the byte range (within the line) to underline.
struct Row<'a> {
    number: usize,
    text: &'a str,
    underline: std::ops::Range<usize>,
}

/// The finding, its snippet and its fix title, ending with a newline.
pub fn finding(path: &str, file: &SourceFile, d: &Diagnostic, style: Style) -> String {
    let mut out = finding_line(path, file, d, style);
    out.push('\n');
    let rows = rows(file, d.range);
    let width = rows.last().map_or(1, |r| r.number.to_string().len());
    let gutter = |label: &str| style.paint("1;34", &format!("{label:>width$} |"));
    let _ = writeln!(out, "{}", gutter(""));
    let mut previous = None;
    for row in &rows {
        if previous.is_some_and(|p| row.number > p + 1) {
            let _ = writeln!(out, "{} ...", gutter(""));
        }
        previous = Some(row.number);
        let _ = writeln!(
            out,
            "{} {}",
            gutter(&row.number.to_string()),
            expand_tabs(row.text)
        );
        let before = display_width(&row.text[..row.underline.start]);
        let carets = display_width(&row.text[row.underline.clone()]).max(1);
        let _ = writeln!(
            out,
            "{} {}{}",
            gutter(""),
            " ".repeat(before),
            style.paint(severity_color(d.severity), &"^".repeat(carets))
        );
    }
    if let Some(fix) = &d.fix {
        let label = match fix.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "unsafe fix (--unsafe-fixes)",
            Applicability::DisplayOnly => "suggestion",
        };
        let _ = writeln!(out, "{}", gutter(""));
        let _ = writeln!(
            out,
            "{:width$} {} {}",
            "",
            style.paint("1", &format!("= {label}:")),
            fix.title
        );
    }
    out
}

/// The lines the range covers: one line underlined from start to end; a longer range
/// shows its first line (underlined to the line's end) and its last line (underlined from
/// its indentation), with `...` between them when lines are left out.
fn rows(file: &SourceFile, range: TextRange) -> Vec<Row<'_>> {
    let text = file.text();
    let first = file.line_range(range.start);
    // A range that ends with a line break ends on the line the break belongs to.
    let end_anchor = if range.end > range.start && text[..range.end].ends_with('\n') {
        range.end - 1
    } else {
        range.end
    };
    let last = file.line_range(end_anchor);
    let first_number = file.location(first.start).0;
    let content = |line: TextRange| {
        text[line.start..line.end]
            .trim_end_matches('\n')
            .trim_end_matches('\r')
    };
    let first_text = content(first);
    let start = range.start - first.start;
    if last.start == first.start {
        let end = (range.end - first.start).clamp(start, first_text.len());
        return vec![Row {
            number: first_number,
            text: first_text,
            underline: start..end,
        }];
    }
    let last_text = content(last);
    let indent = last_text.len() - last_text.trim_start().len();
    let end = (range.end - last.start).min(last_text.len()).max(indent);
    vec![
        Row {
            number: first_number,
            text: first_text,
            underline: start.min(first_text.len())..first_text.trim_end().len().max(start),
        },
        Row {
            number: file.location(last.start).0,
            text: last_text,
            underline: indent..end,
        },
    ]
}

fn expand_tabs(text: &str) -> String {
    text.replace('\t', &" ".repeat(TAB_WIDTH))
}

/// Terminal columns of `text` as printed (tabs expanded, wide characters counted twice).
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\t' => TAB_WIDTH,
            c => c.width().unwrap_or(0),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::registry::RULES;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(PathBuf::from("a.go"), text.as_bytes().to_vec(), None, true).unwrap()
    }

    fn render(text: &str, needle: &str, len: usize) -> String {
        let f = file(text);
        let start = f.text().find(needle).unwrap();
        let d = Diagnostic::new(RULES[0].rule, TextRange::new(start, start + len), "message");
        finding("a.go", &f, &d, Style { color: false })
    }

    #[test]
    fn caret_under_a_tab_indented_range() {
        let out = render("package p\n\nfunc f() {\n\tmu.Lock()\n}\n", "mu.Lock()", 9);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "  |");
        assert_eq!(lines[2], "4 |     mu.Lock()");
        assert_eq!(lines[3], "  |     ^^^^^^^^^");
        assert_eq!(lines.len(), 4, "no fix, no fix line:\n{out}");
    }

    #[test]
    fn multi_line_range_shows_first_and_last_line() {
        let text = "package p\n\nfunc f() {\n\tgo func() {\n\t\tx()\n\t\ty()\n\t}()\n}\n";
        let start = text.find("go func").unwrap();
        let len = text.find("}()").unwrap() + 3 - start;
        let out = render(text, "go func", len);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "4 |     go func() {");
        assert_eq!(lines[3], "  |     ^^^^^^^^^^^");
        assert_eq!(lines[4], "  | ...");
        assert_eq!(lines[5], "7 |     }()");
        assert_eq!(lines[6], "  |     ^^^");
    }

    #[test]
    fn empty_range_gets_one_caret_and_wide_characters_count_twice() {
        let out = render("package p\n\nvar s = \"日本\" + x\n", "x", 0);
        let lines: Vec<&str> = out.lines().collect();
        // `var s = "` is 9 columns, 日本 4, `" + ` 4: the caret sits in column 18.
        assert_eq!(lines[3], format!("  | {}^", " ".repeat(17)), "{out}");
    }
}
