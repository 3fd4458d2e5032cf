use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::source::SourceFile;
use crate::suppress::{Directive, DirectiveKind, Entry, meta_rule};
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds a suppression directive that silenced nothing in this run: `//gofix:ignore`,
    /// `//gofix:file-ignore` or `//nolint:gofix` with no finding of the rules it names where
    /// it reaches, a code of a `//gofix:ignore` list that silenced nothing while the others
    /// did, and a `//gofix:file-ignore` placed after the `package` clause, where it has no
    /// effect.
    ///
    /// A directive is judged only for rules that ran: with `--select GF2`, a
    /// `//gofix:ignore GF101` is left alone, and so is a `//gofix:ignore GF1` unless every
    /// GF1 rule ran. A bare `//nolint` is never reported (other linters may be using it), nor
    /// is anything in a file where gofix had to skip syntax it cannot parse.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the code it was written for. Once the lock is deferred or the
    /// goroutine gets its exit path, the directive silences nothing today but will silence
    /// the next real bug on that line, without anyone deciding to.
    ///
    /// ## Example
    /// ```go
    /// mu.Lock() //gofix:ignore GF101 the caller unlocks
    /// defer mu.Unlock()
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// mu.Lock()
    /// defer mu.Unlock()
    /// ```
    ///
    /// ## Fix safety
    /// Safe: deleting a comment cannot change what the program does, and the directive
    /// silenced nothing. The fix deletes the comment at the end of a line, or the whole line
    /// when the directive stands alone (with the blank line or empty `//` line gofmt would
    /// otherwise remove), or only the unused code of a list (only `gofix` of a `//nolint:`
    /// list naming other linters). It is offered only when the result is gofmt-clean: not for
    /// a trailing directive next to a line with its own trailing comment, whose alignment
    /// gofmt would redo, and not for a misplaced `//gofix:file-ignore`, which wants moving.
    ///
    /// ## Known problems
    /// "Unused" is judged with this run's options: a directive silencing a GF101 finding that
    /// `--allow-straight-line` hides, or a GF320 finding of an older Go version than
    /// `--go-version` gives, is reported and, with `--write`, deleted.
    ///
    /// ## References
    /// - A meta rule: it checks gofix's own suppression directives, not a checklist item
    /// - ruff's `unused-noqa` (RUF100): <https://docs.astral.sh/ruff/rules/unused-noqa/>
    /// - golangci-lint's `nolintlint` `allow-unused`:
    ///   <https://golangci-lint.run/docs/linters/configuration/#nolintlint>
    pub struct UnusedSuppression {
        code: "GF903",
        name: "unused-suppression",
        item: 0,
        severity: Low,
        fix: Sometimes,
    }
}

/// Never called by the tree walk (registered with no node kinds): the suppression step in
/// `src/suppress.rs` reports this rule.
pub fn check<'a>(_node: Node<'a>, _checker: &mut Checker<'a>) {}

/// A directive none of whose entries silenced anything.
pub(crate) fn whole(file: &SourceFile, directive: &Directive) -> Diagnostic {
    let text = file.text();
    let (message, fix) = match directive.kind {
        DirectiveKind::Nolint => {
            let message = "Unused `//nolint:gofix`: gofix reports nothing here".to_owned();
            let gofix = &directive.entries[0];
            // `//nolint:errcheck,gofix`: other linters keep their part of the directive.
            let fix = match delete_entry(text, gofix) {
                Some(edit) => Some(Fix::new(
                    "Remove `gofix` from the `//nolint` list",
                    Applicability::Safe,
                    vec![edit],
                )),
                None => delete_comment(file, directive).map(|edits| {
                    Fix::new(
                        "Remove the unused `//nolint:gofix`",
                        Applicability::Safe,
                        edits,
                    )
                }),
            };
            (message, fix)
        }
        _ => {
            let named: Vec<String> = directive
                .entries
                .iter()
                .filter(|e| !e.codes.is_empty())
                .map(|e| format!("`{}`", e.text))
                .collect();
            let place = match directive.kind {
                DirectiveKind::FileIgnore => "in this file",
                _ => "here",
            };
            let message = format!(
                "Unused suppression: no {} finding {place}",
                named.join(" or ")
            );
            let fix = delete_comment(file, directive)
                .map(|edits| Fix::new("Remove the unused suppression", Applicability::Safe, edits));
            (message, fix)
        }
    };
    Diagnostic::new(meta_rule("GF903"), directive.comment, message).with_fix(fix)
}

/// One entry of a list that silenced nothing while another entry did.
pub(crate) fn entry(file: &SourceFile, directive: &Directive, entry: &Entry) -> Diagnostic {
    let fix = delete_entry(file.text(), entry).map(|edit| {
        Fix::new(
            format!("Remove `{}` from the suppression", entry.text),
            Applicability::Safe,
            vec![edit],
        )
    });
    Diagnostic::new(
        meta_rule("GF903"),
        entry.range,
        format!(
            "`{}` in this `{}` silences nothing",
            entry.text,
            directive.spelling()
        ),
    )
    .with_fix(fix)
}

/// A `//gofix:file-ignore` after the package clause.
pub(crate) fn misplaced(_file: &SourceFile, directive: &Directive) -> Diagnostic {
    Diagnostic::new(
        meta_rule("GF903"),
        directive.comment,
        "`//gofix:file-ignore` after the `package` clause has no effect; move it above `package`",
    )
}

/// Delete one item of a comma-separated list with one of its commas: `GF101, GF102` loses
/// `GF101, ` or `, GF102`. `None` when the item stands alone.
fn delete_entry(text: &str, entry: &Entry) -> Option<Edit> {
    let after = &text[entry.range.end..];
    let spaces_after = after.len() - after.trim_start_matches([' ', '\t']).len();
    if after[spaces_after..].starts_with(',') {
        let rest = &after[spaces_after + 1..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        return Some(Edit::deletion(
            entry.range.start,
            entry.range.end + spaces_after + 1 + spaces,
        ));
    }
    let before = text[..entry.range.start].trim_end_matches([' ', '\t']);
    before
        .strip_suffix(',')
        .map(|kept| Edit::deletion(kept.len(), entry.range.end))
}

/// Delete a directive's comment, or its line when it stands alone, leaving the file as
/// gofmt would have it; `None` when that cannot be promised.
fn delete_comment(file: &SourceFile, directive: &Directive) -> Option<Vec<Edit>> {
    let text = file.text();
    let comment = directive.comment;
    let line = file.line_range(comment.start);
    // Code or a block comment before it: only the comment goes.
    if !text[line.start..comment.start].trim().is_empty() {
        // gofmt aligns the trailing comments of neighbouring lines: removing this one could
        // move theirs.
        let row = directive.row;
        if has_trailing_comment(file, row.checked_sub(1))
            || has_trailing_comment(file, Some(row + 1))
        {
            return None;
        }
        let code_end = line.start + text[line.start..comment.start].trim_end().len();
        return Some(vec![Edit::deletion(code_end, comment.end)]);
    }
    let mut start = line.start;
    let mut end = line.end;
    let prev = (start > 0).then(|| file.line_range(start - 1));
    let next = (end < text.len()).then(|| file.line_range(end));
    let content = |r: Option<crate::diagnostic::TextRange>| r.map(|r| text[r.start..r.end].trim());
    let next_is_comment = content(next).is_some_and(|t| t.starts_with("//") || t.starts_with("/*"));
    // `// F does.` / `//` / `//gofix:ignore …`: gofmt's doc-comment layout puts directives
    // after an empty `//` line, and drops that line when nothing follows it.
    if content(prev) == Some("//") && !next_is_comment {
        start = prev.map_or(start, |p| p.start);
    }
    let prev_blank = start == 0 || content(Some(file.line_range(start - 1))) == Some("");
    let next_blank = content(next) == Some("");
    if prev_blank && next_blank {
        // Two blank lines (or a blank first line) would be left: take one with it.
        end = next.map_or(end, |n| n.end);
    } else if next.is_none() && start > 0 && prev_blank {
        // A blank last line would be left.
        start = file.line_range(start - 1).start;
    }
    Some(vec![Edit::deletion(start, end)])
}

/// Whether 0-based `row` holds a comment after code.
fn has_trailing_comment(file: &SourceFile, row: Option<usize>) -> bool {
    let Some(row) = row else {
        return false;
    };
    let text = file.text();
    let Some(line_start) = nth_line_start(text, row) else {
        return false;
    };
    let line = file.line_range(line_start);
    let root = file.root();
    let slice = &text[line.start..line.end];
    ["//", "/*"].iter().any(|open| {
        slice.match_indices(open).any(|(i, _)| {
            let at = line.start + i;
            root.descendant_for_byte_range(at, at).is_some_and(|n| {
                n.kind_name() == "comment"
                    && n.start_byte() == at
                    && !text[line.start..at].trim().is_empty()
            })
        })
    })
}

fn nth_line_start(text: &str, row: usize) -> Option<usize> {
    if row == 0 {
        return Some(0);
    }
    text.match_indices('\n')
        .nth(row - 1)
        .map(|(i, _)| i + 1)
        .filter(|&s| s < text.len())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::config::Settings;
    use crate::fix::engine::run_package;
    use crate::source::SourceFile;

    /// `src` after `--write`.
    fn fixed(src: &str) -> String {
        let file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let report = run_package(vec![file], &Settings::default(), true)
            .pop()
            .unwrap();
        report.file.text().to_owned()
    }

    #[test]
    fn a_trailing_directive_goes_with_the_space_before_it() {
        assert_eq!(
            fixed("package p\n\nvar x = 1 //gofix:ignore GF304 old\n"),
            "package p\n\nvar x = 1\n"
        );
        // After a block comment, the block comment stays.
        assert_eq!(
            fixed("package p\n\nvar x = 1 /* one */ //gofix:ignore GF304 old\n"),
            "package p\n\nvar x = 1 /* one */\n"
        );
    }

    #[test]
    fn a_trailing_directive_among_aligned_comments_is_not_deleted() {
        let src = "package p\n\nvar x = 1 //gofix:ignore GF304 old\nvar y = 2 // two\n";
        assert_eq!(fixed(src), src);
    }

    #[test]
    fn a_directive_alone_on_its_line_goes_with_its_line_and_spare_blank_lines() {
        assert_eq!(
            fixed("//gofix:file-ignore GF2 old\n\npackage p\n"),
            "package p\n"
        );
        assert_eq!(
            fixed("package p\n\nvar x = 1\n\n//gofix:ignore GF304 old\n\nvar y = 2\n"),
            "package p\n\nvar x = 1\n\nvar y = 2\n"
        );
        assert_eq!(
            fixed("package p\n\nvar x = 1\n\n//gofix:ignore GF304 old\n"),
            "package p\n\nvar x = 1\n"
        );
        assert_eq!(
            fixed("package p\n\n// F does.\n//\n//gofix:ignore GF102 old\nfunc F() {}\n"),
            "package p\n\n// F does.\nfunc F() {}\n"
        );
        // A directive that is not last in its comment block keeps the `//` line.
        assert_eq!(
            fixed(
                "package p\n\n// F does.\n//\n//gofix:ignore GF102 old\n//go:noinline\nfunc F() {}\n"
            ),
            "package p\n\n// F does.\n//\n//go:noinline\nfunc F() {}\n"
        );
    }

    #[test]
    fn only_the_unused_code_of_a_list_goes() {
        let lock = "\tmu.Lock()\n\tif x {\n\t\treturn\n\t}\n\tmu.Unlock()\n";
        let src = |directive: &str| {
            let lock = lock.replacen("mu.Lock()", &format!("mu.Lock() {directive}"), 1);
            format!("package p\n\nfunc f() {{\n{lock}}}\n")
        };
        assert_eq!(
            fixed(&src("//gofix:ignore GF201, GF102 old")),
            src("//gofix:ignore GF102 old")
        );
        assert_eq!(
            fixed(&src("//gofix:ignore GF102,GF201 old")),
            src("//gofix:ignore GF102 old")
        );
        // `gofix` of a //nolint list naming other linters.
        assert_eq!(
            fixed("package p\n\nvar x = 1 //nolint:errcheck, gofix // old\n"),
            "package p\n\nvar x = 1 //nolint:errcheck // old\n"
        );
        assert_eq!(
            fixed("package p\n\nvar x = 1 //nolint:gofix,errcheck // old\n"),
            "package p\n\nvar x = 1 //nolint:errcheck // old\n"
        );
    }
}
