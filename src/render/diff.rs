//! Unified diffs that `git apply` accepts.

use std::fmt::Write as _;
use std::ops::Range;

use similar::{DiffOp, TextDiff};

/// The diff from `old` to `new` with `a/PATH` and `b/PATH` headers; empty when equal.
///
/// Lines end at `\n` only, as git and patch see them: Go treats a lone `\r` as white space,
/// and a differ that broke lines there (similar's own line splitting does) would count hunk
/// lines that git rejects as a corrupt patch. So similar only compares the lines; the hunks
/// are written here.
pub fn unified(path: &str, old: &[u8], new: &[u8]) -> String {
    if old == new {
        return String::new();
    }
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = TextDiff::configure().diff_slices(&old_lines, &new_lines);
    // `a//abs/path` would not apply; `a/abs/path` does, from the root.
    let path = path.trim_start_matches('/');
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for group in diff.grouped_ops(3) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let olds = first.old_range().start..last.old_range().end;
        let news = first.new_range().start..last.new_range().end;
        let _ = writeln!(out, "@@ -{} +{} @@", span(&olds), span(&news));
        for op in &group {
            if let DiffOp::Equal { .. } = op {
                push_lines(&mut out, ' ', &old_lines[op.old_range()]);
            } else {
                push_lines(&mut out, '-', &old_lines[op.old_range()]);
                push_lines(&mut out, '+', &new_lines[op.new_range()]);
            }
        }
    }
    out
}

/// `start,count` of a hunk side, 1-based; an empty side names the line before it.
fn span(lines: &Range<usize>) -> String {
    let count = lines.len();
    let start = if count == 0 {
        lines.start
    } else {
        lines.start + 1
    };
    format!("{start},{count}")
}

fn push_lines(out: &mut String, sign: char, lines: &[&str]) {
    for line in lines {
        out.push(sign);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_hunks() {
        let d = unified("p/x.go", b"a\nb\nc\n", b"a\nB\nc\n");
        assert!(d.starts_with("--- a/p/x.go\n+++ b/p/x.go\n@@ -1,3 +1,3 @@\n"));
        assert!(d.contains("-b\n+B\n"));
        assert_eq!(unified("x", b"same", b"same"), "");
    }

    #[test]
    fn a_lone_carriage_return_does_not_end_a_line() {
        let d = unified("x.go", b"a\n\r// c\nb\n", b"a\n\r// c\nB\n");
        assert!(
            d.contains("@@ -1,3 +1,3 @@\n a\n \r// c\n-b\n+B\n"),
            "{d:?}"
        );
    }

    #[test]
    fn missing_final_newline_is_marked() {
        let d = unified("x.go", b"a\nb", b"a\nc");
        assert!(d.contains("\\ No newline at end of file"), "{d}");
    }
}
