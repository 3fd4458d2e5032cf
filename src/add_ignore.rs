//! `--add-ignore`: silence every current finding with a `//gofix:ignore CODES TODO: reason`
//! directive, so a large repository can adopt gofix at zero findings and fix its history
//! later (ruff's `--add-noqa`).
//!
//! Placement follows what `suppress` reads:
//! - The directive goes on a line of its own above the finding's line, indented like that
//!   line: it reaches the first line after its comment block, so it also works under an
//!   existing comment, and gofmt leaves such a line alone (a comment added at the end of a
//!   line could make gofmt realign its neighbours' comments).
//! - All the codes found on one line go in one directive, in code order.
//! - When a `//gofix:ignore` already reaches that line (for other codes), the new codes are
//!   added to its list and its reason kept, rather than stacking a second directive.
//! - A line starting inside a multi-line raw string or block comment gets the directive at
//!   its end instead, when that end is code; otherwise it gets none and the summary says so.
//!
//! Findings about directives themselves (GF901–GF903) get no directive: silencing a
//! complaint about a suppression with another suppression hides a mistake, and each has a
//! direct cure (a reason, a known code, `--write` for unused ones).
//!
//! The reason is `TODO: reason`, so the directives are no GF901 findings, easy to grep for,
//! and obviously waiting for a human. Running it again adds nothing: every finding it saw is
//! silenced.

mod align;

use std::collections::{BTreeMap, BTreeSet};

use tree_sitter::Node;

use crate::checker::error_ranges;
use crate::diagnostic::Diagnostic;
use crate::fix::Edit;
use crate::fix::engine::FileReport;
use crate::render::display_path;
use crate::source::SourceFile;
use crate::suppress::{self, DirectiveKind, Scope};
use crate::syntax::NodeKind;
use crate::write::write_atomically;

/// The reason every added directive gives.
pub const REASON: &str = "TODO: reason";

/// What `--add-ignore` did.
#[derive(Debug, Default)]
pub struct AddedIgnores {
    /// New directive comments written.
    pub directives: usize,
    /// Existing directives given more codes.
    pub extended: usize,
    /// Files rewritten.
    pub files: usize,
    /// Findings about directives themselves, left for a human.
    pub meta_left: usize,
    /// Findings whose line had no place for a directive.
    pub unplaced: usize,
    /// Files that could not be rewritten.
    pub errors: Vec<String>,
}

impl AddedIgnores {
    /// The summary line (and notes) for stderr.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut out = format!(
            "Added {}",
            plural(self.directives, "gofix:ignore directive")
        );
        if self.extended > 0 {
            let ones = if self.extended == 1 { "one" } else { "ones" };
            out.push_str(&format!(" and extended {} existing {ones}", self.extended));
        }
        out.push_str(&format!(" in {}.", plural(self.files, "file")));
        if self.meta_left > 0 {
            out.push_str(&format!(
                "\n{} about suppression directives (GF901-GF903) left as they are: give the reason, fix the code, or delete unused ones with --write.",
                plural(self.meta_left, "finding")
            ));
        }
        if self.unplaced > 0 {
            out.push_str(&format!(
                "\n{} on lines inside a multi-line string or comment got no directive.",
                plural(self.unplaced, "finding")
            ));
        }
        out
    }
}

/// Add directives for the findings of the target files in `reports` (a check run's: the
/// files as read) and write the files that changed.
pub fn add_ignores<'a>(reports: impl IntoIterator<Item = &'a FileReport>) -> AddedIgnores {
    let mut added = AddedIgnores::default();
    for report in reports {
        if !report.file.target || report.diagnostics.is_empty() {
            continue;
        }
        let path = display_path(&report.file.path);
        if report.file.is_changed() {
            // Only a check run's reports can be annotated: positions refer to the file as read.
            added.errors.push(format!(
                "{path}: changed by a fix in this run; --add-ignore needs the file as read"
            ));
            continue;
        }
        let mut file = match SourceFile::new(
            report.file.path.clone(),
            report.file.original().to_vec(),
            report.file.go_version,
            true,
        ) {
            Ok(file) => file,
            Err(e) => {
                added.errors.push(format!("{path}: {e}"));
                continue;
            }
        };
        let plan = plan(&file, &report.diagnostics);
        added.meta_left += plan.meta_left;
        added.unplaced += plan.unplaced;
        if plan.edits.is_empty() {
            continue;
        }
        let errors_before = error_ranges(&file).len();
        let applied = file.apply_edits(&plan.edits);
        if applied.is_err() || error_ranges(&file).len() > errors_before {
            added.errors.push(format!(
                "{path}: the directives would break this file's syntax; it was left unchanged (please report this)"
            ));
            continue;
        }
        match write_atomically(&file.path, report.file.original(), &file.contents()) {
            Ok(()) => {
                added.directives += plan.directives;
                added.extended += plan.extended;
                added.files += 1;
            }
            Err(e) => added.errors.push(e.to_string()),
        }
    }
    added
}

/// The edits that silence a file's findings.
#[derive(Debug, Default)]
struct Plan {
    /// Sorted, one per line at most.
    edits: Vec<Edit>,
    directives: usize,
    extended: usize,
    meta_left: usize,
    unplaced: usize,
}

fn plan(file: &SourceFile, diagnostics: &[Diagnostic]) -> Plan {
    let text = file.text();
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let row_of = |byte: usize| line_starts.partition_point(|&s| s <= byte) - 1;

    let mut plan = Plan::default();
    // 0-based row -> the codes found on it.
    let mut rows: BTreeMap<usize, BTreeSet<&'static str>> = BTreeMap::new();
    for d in diagnostics {
        if suppress::is_meta(d.rule.code) {
            plan.meta_left += 1;
            continue;
        }
        rows.entry(row_of(d.range.start))
            .or_default()
            .insert(d.rule.code);
    }
    if rows.is_empty() {
        return plan;
    }
    let directives = suppress::directives(file);
    let line_end = |row: usize| {
        let start = line_starts[row];
        line_starts.get(row + 1).map_or(text.len(), |&next| {
            start + text[start..next].trim_end_matches(['\n', '\r']).len()
        })
    };
    // At the end of its line, a directive must follow code, not a comment or a string; and
    // where gofmt aligns comments in columns, no neighbour may have one to align with.
    let can_trail = |row: usize| {
        let end = line_end(row);
        !inside_token(file, end) && !ends_with_comment(file, end)
    };
    let commented = |row: usize| row < line_starts.len() && ends_with_comment(file, line_end(row));
    let trail_alone =
        |row: usize| can_trail(row) && !commented(row.wrapping_sub(1)) && !commented(row + 1);

    let mut placed: Vec<(usize, Vec<&str>, Place)> = Vec::new();
    // Struct bodies whose alignment a directive line splits: their rows, decided together.
    let mut split_structs: BTreeMap<usize, (Node<'_>, Vec<usize>)> = BTreeMap::new();
    for (row, codes) in rows {
        let codes: Vec<&str> = codes.into_iter().collect();
        // An ignore directive already reaching this line, for other codes: extend its list.
        let existing = directives.iter().find(|d| {
            d.kind == DirectiveKind::Ignore
                && d.problem.is_none()
                && matches!(d.scope, Scope::Rows(from, to) if (from..=to).contains(&row))
        });
        if let Some(d) = existing
            && let Some(last) = d.entries.last()
        {
            let list = &text[d.entries[0].range.start..last.range.end];
            let separator = if list.contains(", ") { ", " } else { "," };
            let more: String = codes.iter().map(|c| format!("{separator}{c}")).collect();
            plan.edits.push(Edit::insertion(last.range.end, more));
            plan.extended += 1;
            continue;
        }
        let start = line_starts[row];
        let place = if inside_token(file, start) {
            // The line starts inside a multi-line string or comment.
            if can_trail(row) {
                Place::Trailing
            } else {
                Place::Unplaced
            }
        } else {
            match aligned_block(file, start) {
                // One-line declarations in a row are aligned by gofmt, and a directive line
                // would need a blank line before it: at the end of the line instead.
                None if top_level(file, start).is_some_and(|d| {
                    d.start_position().row == d.end_position().row
                        && doc_prefix(text, &line_starts, row) == "\n"
                }) && trail_alone(row) =>
                {
                    Place::Trailing
                }
                None => Place::Above,
                Some(list) if list.kind_name() == "field_declaration_list" => {
                    split_structs
                        .entry(list.id())
                        .or_insert_with(|| (list, Vec::new()))
                        .1
                        .push(row);
                    Place::Undecided
                }
                // A line of its own would make gofmt realign the block; a comment at the end
                // of the line does not.
                Some(_) if trail_alone(row) => Place::Trailing,
                Some(_) => Place::Above,
            }
        };
        placed.push((row, codes, place));
    }
    // In a struct, the fields around the new lines are re-padded as gofmt pads them. When
    // the model declines, each line falls back to the end of the line or, failing that, a
    // line above that gofmt will want to realign.
    for (list, rows) in split_structs.values() {
        // Codes added to an existing directive inside a re-padded line would clash with it.
        let repadded = align::realign(file, *list, rows).filter(|edits| {
            !edits.iter().any(|r| {
                plan.edits
                    .iter()
                    .any(|e| (r.range.start..=r.range.end).contains(&e.range.start))
            })
        });
        for (row, _, place) in placed.iter_mut().filter(|(r, _, _)| rows.contains(r)) {
            *place = if repadded.is_some() || !trail_alone(*row) {
                Place::Above
            } else {
                Place::Trailing
            };
        }
        plan.edits.extend(repadded.unwrap_or_default());
    }
    // Directives at the ends of consecutive lines form a comment column, which gofmt aligns
    // one space after the longest line (the lines before them are aligned already).
    let trailing: Vec<usize> = placed
        .iter()
        .filter(|(_, _, p)| matches!(p, Place::Trailing))
        .map(|(row, _, _)| *row)
        .collect();
    let width = |row: usize| text[line_starts[row]..line_end(row)].chars().count();
    let mut column: BTreeMap<usize, usize> = BTreeMap::new();
    for run in trailing.chunk_by(|a, b| a + 1 == *b) {
        let widest = run.iter().map(|&r| width(r)).max().unwrap_or(0);
        for &row in run {
            column.insert(row, widest);
        }
    }
    for (row, codes, place) in placed {
        let directive = format!("//gofix:ignore {} {REASON}", codes.join(","));
        let start = line_starts[row];
        match place {
            Place::Above | Place::Undecided => {
                let mut indent = file.indentation(start).to_owned();
                // gofmt indents a comment before a closing brace like the block's statements.
                if text[start + indent.len()..].starts_with('}') {
                    indent.push('\t');
                }
                // Above a top-level declaration the directive is a doc comment, which gofmt
                // separates from code by a blank line and from doc text by a `//` line.
                let prefix = match top_level(file, start) {
                    Some(_) if indent.is_empty() => doc_prefix(text, &line_starts, row),
                    _ => "",
                };
                plan.edits.push(Edit::insertion(
                    start,
                    format!("{prefix}{indent}{directive}\n"),
                ));
                plan.directives += 1;
            }
            Place::Trailing => {
                let pad = column.get(&row).map_or(0, |widest| widest - width(row));
                let spaces = " ".repeat(pad + 1);
                plan.edits.push(Edit::insertion(
                    line_end(row),
                    format!("{spaces}{directive}"),
                ));
                plan.directives += 1;
            }
            Place::Unplaced => plan.unplaced += codes.len(),
        }
    }
    plan.edits.sort();
    plan
}

/// Where a finding's directive goes.
enum Place {
    /// On a line of its own above the finding's line.
    Above,
    /// At the end of the finding's line.
    Trailing,
    /// Above, if the struct's fields around it can be re-padded (decided per struct).
    Undecided,
    /// Nowhere: the line starts and ends inside multi-line strings or comments.
    Unplaced,
}

/// The block gofmt aligns in columns that a comment line inserted before the line starting
/// at `start` would split: the struct body, parenthesized `var` or `const` block or composite
/// literal whose element begins the line, when the element before it ends on the line just
/// above.
fn aligned_block(file: &SourceFile, start: usize) -> Option<Node<'_>> {
    let text = file.text();
    let first = start + (text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len());
    let mut node = file.root().descendant_for_byte_range(first, first)?;
    loop {
        let parent = node.up()?;
        let aligned = matches!(
            parent.kind_name(),
            "field_declaration_list" | "var_spec_list" | "const_declaration" | "literal_value"
        );
        if aligned && node.is_named() {
            // The element before, past a comment at the end of its line.
            let mut prev = node.prev_named_sibling();
            if let Some(comment) = prev.filter(|p| p.kind_name() == "comment")
                && let Some(before) = comment.prev_named_sibling()
                && before.end_position().row == comment.start_position().row
            {
                prev = Some(before);
            }
            let follows = prev.is_some_and(|prev| {
                prev.kind_name() != "comment"
                    && prev.end_position().row + 1 == node.start_position().row
            });
            return (node.start_byte() == first && follows).then_some(parent);
        }
        if parent.start_byte() != first && node.start_byte() != first {
            return None;
        }
        node = parent;
    }
}

/// The top-level declaration starting at the first token of the line at `start`, if any.
fn top_level(file: &SourceFile, start: usize) -> Option<Node<'_>> {
    let text = file.text();
    let first = start + (text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len());
    let mut node = file.root().descendant_for_byte_range(first, first)?;
    while node.start_byte() == first {
        let parent = node.up()?;
        if parent.kind_name() == "source_file" {
            return Some(node);
        }
        node = parent;
    }
    None
}

/// What goes before a directive line inserted above 0-based `row`, the first line of a
/// top-level declaration, for gofmt to leave the doc comment it joins as it is: a blank line
/// when code ends on the line above; a `//` line when a doc comment of text (and no
/// directives yet) ends there, since gofmt puts directives after the text and a `//` line.
fn doc_prefix(text: &str, line_starts: &[usize], row: usize) -> &'static str {
    let line = |r: usize| {
        let end = line_starts.get(r + 1).map_or(text.len(), |&e| e);
        text[line_starts[r]..end].trim_end_matches(['\n', '\r'])
    };
    if row == 0 || line(row - 1).trim().is_empty() {
        return "";
    }
    if !line(row - 1).starts_with("//") {
        return if line(row - 1).starts_with("/*") || line(row - 1).ends_with("*/") {
            ""
        } else {
            "\n"
        };
    }
    let mut has_text = false;
    let mut has_directives = false;
    for r in (0..row).rev() {
        let Some(body) = line(r).strip_prefix("//") else {
            break;
        };
        if is_go_directive(body) {
            has_directives = true;
        } else {
            has_text = true;
        }
    }
    if has_text && !has_directives {
        "//\n"
    } else {
        ""
    }
}

/// A comment go/printer keeps apart from doc text (`//go:noinline`, `//gofix:ignore`,
/// `//line`, `//export`, `//extern`), the `//` removed.
fn is_go_directive(body: &str) -> bool {
    if ["line ", "extern ", "export "]
        .iter()
        .any(|p| body.starts_with(p))
    {
        return true;
    }
    let Some(colon) = body.find(':').filter(|&c| c > 0) else {
        return false;
    };
    let bytes = body.as_bytes();
    colon + 1 < bytes.len()
        && (0..=colon + 1)
            .filter(|&i| i != colon)
            .all(|i| bytes[i].is_ascii_lowercase() || bytes[i].is_ascii_digit())
}

/// Whether byte `at` lies strictly inside a string literal or comment (one that spans
/// lines): text inserted there would change the token, not add a directive.
fn inside_token(file: &SourceFile, at: usize) -> bool {
    let Some(mut node) = file.root().descendant_for_byte_range(at, at) else {
        return false;
    };
    loop {
        let kind = node.kind_name();
        let token = kind == "comment" || kind.ends_with("string_literal");
        if token && node.start_byte() < at && at < node.end_byte() {
            return true;
        }
        match node.up() {
            Some(parent) => node = parent,
            None => return false,
        }
    }
}

/// Whether a comment ends at byte `at` (the end of a line): a directive after it would be
/// part of that comment.
fn ends_with_comment(file: &SourceFile, at: usize) -> bool {
    at > 0
        && file
            .root()
            .descendant_for_byte_range(at - 1, at)
            .is_some_and(|n| n.kind_name() == "comment" && n.end_byte() == at)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::Settings;
    use crate::fix::engine::run_package;

    /// The text after adding directives to `src`'s findings (checked with every rule).
    fn annotated(src: &str) -> (String, Plan) {
        let file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let report = run_package(vec![file], &Settings::default(), false)
            .pop()
            .unwrap();
        let mut file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let plan = plan(&file, &report.diagnostics);
        file.apply_edits(&plan.edits).unwrap();
        (String::from_utf8(file.contents()).unwrap(), plan)
    }

    /// The findings left after the directives.
    fn left(src: &str) -> Vec<&'static str> {
        let file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let report = run_package(vec![file], &Settings::default(), false)
            .pop()
            .unwrap();
        report.diagnostics.iter().map(|d| d.rule.code).collect()
    }

    const LEAK: &str = "package p

import \"sync\"

var mu sync.Mutex

func f(x bool) {
\tmu.Lock()
\tif x {
\t\treturn
\t}
\tmu.Unlock()
}
";

    #[test]
    fn a_directive_above_the_line_indented_like_it_silences_the_finding() {
        assert_eq!(left(LEAK), ["GF102"]);
        let (text, plan) = annotated(LEAK);
        assert_eq!(plan.directives, 1);
        assert!(
            text.contains("\n\t//gofix:ignore GF102 TODO: reason\n\tmu.Lock()\n"),
            "{text}"
        );
        assert!(left(&text).is_empty(), "{text}");
        // Again: nothing more to add.
        let (again, plan) = annotated(&text);
        assert_eq!(again, text);
        assert!(plan.edits.is_empty());
    }

    #[test]
    fn crlf_files_get_crlf_lines() {
        let src = LEAK.replace('\n', "\r\n");
        let (text, _) = annotated(&src);
        assert!(
            text.contains("\r\n\t//gofix:ignore GF102 TODO: reason\r\n\tmu.Lock()\r\n"),
            "{text:?}"
        );
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert!(left(&text).is_empty());
    }

    #[test]
    fn an_existing_directive_for_another_code_is_extended_and_keeps_its_reason() {
        let src = LEAK.replace(
            "\tmu.Lock()\n",
            "\t// Explained here.\n\t//gofix:ignore GF101, GF103 measured\n\tmu.Lock()\n",
        );
        // GF101 and GF103 do not fire here: the directive is partly unused (GF903) and the
        // leak is reported.
        let before = left(&src);
        assert!(before.contains(&"GF102"), "{before:?}");
        let (text, plan) = annotated(&src);
        assert_eq!((plan.directives, plan.extended), (0, 1));
        assert!(
            text.contains("\t//gofix:ignore GF101, GF103, GF102 measured\n\tmu.Lock()\n"),
            "{text}"
        );
        assert_eq!(plan.meta_left, before.len() - 1);
        assert!(!left(&text).contains(&"GF102"));
    }

    #[test]
    fn several_codes_on_one_line_share_one_directive() {
        // Two rules on one line: the empty section (GF103) and the leak of `mu2` (GF102).
        let src = "package p

import \"sync\"

var mu, mu2 sync.Mutex

func f(x bool) {
\tmu.Lock(); mu.Unlock(); mu2.Lock()
\tif x {
\t\treturn
\t}
\tmu2.Unlock()
}
";
        let mut found = left(src);
        found.sort();
        assert_eq!(found, ["GF102", "GF103"]);
        let (text, plan) = annotated(src);
        assert_eq!(plan.directives, 1);
        assert!(
            text.contains("\t//gofix:ignore GF102,GF103 TODO: reason\n\tmu.Lock(); mu.Unlock()"),
            "{text}"
        );
        assert!(left(&text).is_empty(), "{text}");
    }

    #[test]
    fn a_line_starting_inside_a_raw_string_gets_the_directive_at_its_end() {
        let src = "package p

import \"sync\"

var mu sync.Mutex

var s = `a
` + g(func(x bool) int { mu.Lock(); if x { return 1 }; mu.Unlock(); return 0 })

func g(func(bool) int) string { return \"\" }
";
        let found = left(src);
        assert_eq!(found, ["GF102"], "{found:?}");
        let (text, plan) = annotated(src);
        assert_eq!(plan.directives, 1);
        assert!(
            text.contains("return 0 }) //gofix:ignore GF102 TODO: reason\n"),
            "{text}"
        );
        assert!(text.contains("var s = `a\n`"), "the string is unchanged");
        assert!(left(&text).is_empty(), "{text}");
    }

    /// Checked with gofmt: the directive joins a doc comment after a `//` line, comes after
    /// a blank line when code ends just above, and goes at the ends of one-line methods
    /// aligned in a row (their comments aligned too).
    #[test]
    fn directives_above_top_level_declarations_are_doc_comments_gofmt_keeps() {
        let src = "package p\n\nimport \"sync\"\n\ntype T struct {\n\tmu sync.Mutex\n\tn  int\n}\n\n// Get returns n.\nfunc (t T) Get() int { return t.n }\n\nfunc (t T) A() int      { return t.n }\nfunc (t T) Bbbbbb() int { return t.n }\nfunc (t T) C() int      { return t.n }\nfunc (t *T) Put(v int) {\n\tt.n = v\n}\nfunc (t T) Put2(v int) {\n\tt.n = v\n}\n\n// Done says.\n//\n//go:noinline\nfunc (t T) Done() bool {\n\treturn t.n > 0\n}\n";
        let want = "package p\n\nimport \"sync\"\n\ntype T struct {\n\tmu sync.Mutex\n\tn  int\n}\n\n// Get returns n.\n//\n//gofix:ignore GF111 TODO: reason\nfunc (t T) Get() int { return t.n }\n\n//gofix:ignore GF111 TODO: reason\nfunc (t T) A() int      { return t.n }\nfunc (t T) Bbbbbb() int { return t.n } //gofix:ignore GF111 TODO: reason\nfunc (t T) C() int      { return t.n } //gofix:ignore GF111 TODO: reason\nfunc (t *T) Put(v int) {\n\tt.n = v\n}\n\n//gofix:ignore GF111 TODO: reason\nfunc (t T) Put2(v int) {\n\tt.n = v\n}\n\n// Done says.\n//\n//go:noinline\n//gofix:ignore GF111 TODO: reason\nfunc (t T) Done() bool {\n\treturn t.n > 0\n}\n";
        let (text, plan) = annotated(src);
        assert_eq!(plan.directives, 6);
        assert_eq!(text, want);
        assert!(left(&text).is_empty(), "{text}");
    }

    #[test]
    fn directives_among_doc_text() {
        assert!(is_go_directive("go:noinline"));
        assert!(is_go_directive("gofix:ignore GF101 x"));
        assert!(is_go_directive("line x.go:3"));
        assert!(!is_go_directive(" Note: this"));
        assert!(!is_go_directive("TODO: x"));
        assert!(!is_go_directive("x:"));
    }

    #[test]
    fn summaries() {
        let mut added = AddedIgnores {
            directives: 12,
            files: 5,
            ..AddedIgnores::default()
        };
        assert_eq!(
            added.summary(),
            "Added 12 gofix:ignore directives in 5 files."
        );
        added = AddedIgnores {
            directives: 1,
            extended: 1,
            files: 1,
            meta_left: 2,
            ..AddedIgnores::default()
        };
        assert_eq!(
            added.summary(),
            "Added 1 gofix:ignore directive and extended 1 existing one in 1 file.\n\
             2 findings about suppression directives (GF901-GF903) left as they are: give the reason, fix the code, or delete unused ones with --write."
        );
        assert_eq!(
            AddedIgnores::default().summary(),
            "Added 0 gofix:ignore directives in 0 files."
        );
    }
}
