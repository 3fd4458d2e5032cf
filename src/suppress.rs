//! Suppression directives: `//gofix:ignore CODES reason`, `//gofix:file-ignore CODES reason`
//! and golangci-lint's `//nolint`. [`apply`] runs after a file's passes: it drops the findings
//! a directive silences and reports the directives themselves when they give no reason, name
//! an unknown rule, or silence nothing (the meta rules GF901–GF903).
//!
//! Where a directive reaches:
//! - `//gofix:ignore` at the end of a line: that line; alone on its line: the first line after
//!   its comment block (so stacked directives all reach the same line).
//! - `//gofix:file-ignore` before the `package` clause: the whole file; after it: nothing.
//! - `//nolint` as golangci-lint reads it: the lines of its comment block and, when a node
//!   starts on the next line in the block's column, that whole node (a `//nolint` above a
//!   `func` covers the function; above `package`, the file).

use std::collections::HashSet;

use tree_sitter::{Node, Point};

use crate::config::select_rules;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::registry::{RULES, RuleEntry, by_code};
use crate::source::SourceFile;
use crate::syntax::NodeKind;
use crate::transforms::{
    suppression_without_reason, unknown_code_in_suppression, unused_suppression,
};

/// The meta rules: reported by this step, about directives, never by a pass.
pub const META_CODES: [&str; 3] = ["GF901", "GF902", "GF903"];

/// Whether `code` is one of the meta rules, which only a directive naming them silences.
pub fn is_meta(code: &str) -> bool {
    META_CODES.contains(&code)
}

/// Which directive a comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `//gofix:ignore`.
    Ignore,
    /// `//gofix:file-ignore`.
    FileIgnore,
    /// `//nolint`, bare or with a list of linters.
    Nolint,
}

/// One item of a directive's list: a code, a prefix, a rule name, `ALL`, or the `gofix` of a
/// `//nolint:` list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub text: String,
    pub range: TextRange,
    /// The rules it names; empty when it names none (an unknown code).
    pub codes: Vec<&'static str>,
}

/// The lines a directive reaches (0-based rows, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Rows(usize, usize),
    File,
    Nothing,
}

/// Why a directive that looks like ours does nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `//gofix:ignroe`: a verb gofix does not know.
    UnknownVerb(String),
    /// `// gofix:ignore`: a space after `//`, so not a directive.
    Spaced(&'static str),
    /// `//gofix:ignore` with no code after it.
    NoCodes(&'static str),
    /// `//gofix:file-ignore` after the `package` clause.
    Misplaced,
}

/// A suppression directive found in a file.
#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The whole comment.
    pub comment: TextRange,
    /// Its 0-based row.
    pub row: usize,
    /// Code precedes the comment on its line.
    pub trailing: bool,
    /// gofix's own directives and `//nolint:…gofix…`: checked for a reason, unknown codes and
    /// use. A bare `//nolint` or `//nolint:all` is golangci-lint's business: honoured only.
    pub checked: bool,
    /// Silences every rule (bare `//nolint`, `//nolint:all`), meta rules excepted.
    pub all: bool,
    pub entries: Vec<Entry>,
    /// A reason follows the codes (or `//` after a `//nolint:` list).
    pub has_reason: bool,
    pub scope: Scope,
    pub problem: Option<Problem>,
}

impl Directive {
    /// Whether this directive silences a `code` finding on 0-based `row`.
    pub fn silences(&self, code: &str, row: usize) -> bool {
        let in_scope = match self.scope {
            Scope::File => true,
            Scope::Rows(from, to) => (from..=to).contains(&row),
            Scope::Nothing => false,
        };
        in_scope && (self.all && !is_meta(code) || self.entry_for(code).is_some())
    }

    fn entry_for(&self, code: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.codes.contains(&code))
    }

    /// The directive as written, for messages: `//gofix:ignore`, `//nolint:gofix`.
    pub fn spelling(&self) -> &'static str {
        match self.kind {
            DirectiveKind::Ignore => "//gofix:ignore",
            DirectiveKind::FileIgnore => "//gofix:file-ignore",
            DirectiveKind::Nolint => "//nolint:gofix",
        }
    }
}

/// The directives of a file, in order.
pub fn directives(file: &SourceFile) -> Vec<Directive> {
    let text = file.text();
    let root = file.root();
    let package_start = package_clause(root).map(|p| p.start_byte());
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for needle in ["gofix:", "nolint"] {
        for (at, _) in text.match_indices(needle) {
            let Some(comment) = root.descendant_for_byte_range(at, at) else {
                continue;
            };
            if comment.kind_name() != "comment" || !seen.insert(comment.start_byte()) {
                continue;
            }
            if let Some(d) = parse(file, comment, package_start) {
                out.push(d);
            }
        }
    }
    out.sort_by_key(|d| d.comment.start);
    out
}

/// Drop the findings the file's directives silence and add the meta findings about the
/// directives. `enabled` are the rules this run checked the file with: a directive is only
/// called unused for rules that ran. `complete` is false when part of the file went
/// unchecked (syntax gofix cannot parse), so an unused directive may only look unused.
pub fn apply(
    file: &SourceFile,
    diagnostics: Vec<Diagnostic>,
    enabled: &[&'static RuleEntry],
    complete: bool,
) -> Vec<Diagnostic> {
    let text = file.text();
    // Cheap filter first: most files hold no directive at all.
    if !text.contains("gofix:") && !text.contains("nolint") {
        return diagnostics;
    }
    let directives = directives(file);
    if directives.is_empty() {
        return diagnostics;
    }
    let rows = LineIndex::new(text);
    let is_enabled = |code: &str| enabled.iter().any(|e| e.rule.code == code);

    // 1. Silence findings; every directive entry that silences one is used.
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.entries.len()])
        .collect();
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let row = rows.row(diagnostic.range.start);
        let code = diagnostic.rule.code;
        let mut silenced = false;
        for (d, used) in directives.iter().zip(used.iter_mut()) {
            if d.silences(code, row) {
                silenced = true;
                if let Some(i) = d.entry_for(code) {
                    used[i] = true;
                }
            }
        }
        if !silenced {
            kept.push(diagnostic);
        }
    }

    // 2. Findings about the directives themselves.
    let mut meta = Vec::new();
    for (d, used) in directives.iter().zip(&used) {
        if !d.checked {
            continue;
        }
        if let Some(problem) = &d.problem {
            match problem {
                Problem::Misplaced => meta.push(unused_suppression::misplaced(file, d)),
                _ => meta.push(unknown_code_in_suppression::malformed(d, problem)),
            }
            continue;
        }
        for entry in d.entries.iter().filter(|e| e.codes.is_empty()) {
            meta.push(unknown_code_in_suppression::unknown(entry));
        }
        // An entry can be judged unused only when every rule it names ran on the file.
        let judged =
            |e: &Entry| !e.codes.is_empty() && e.codes.iter().all(|c| !is_meta(c) && is_enabled(c));
        let unused: Vec<&Entry> = d
            .entries
            .iter()
            .zip(used)
            .filter(|(e, used)| !**used && judged(e))
            .map(|(e, _)| e)
            .collect();
        let wholly_unused = complete
            && !unused.is_empty()
            && d.entries
                .iter()
                .zip(used)
                .all(|(e, used)| !used && (judged(e) || e.codes.is_empty()));
        if wholly_unused {
            meta.push(unused_suppression::whole(file, d));
            continue;
        }
        if complete {
            for entry in unused {
                meta.push(unused_suppression::entry(file, d, entry));
            }
        }
        if !d.has_reason {
            meta.push(suppression_without_reason::diagnostic(d));
        }
    }

    // 3. Meta findings are silenced only by a directive naming them (`GF903`, `GF9`).
    meta.retain(|m| {
        is_enabled(m.rule.code)
            && !directives
                .iter()
                .any(|d| d.silences(m.rule.code, rows.row(m.range.start)))
    });
    kept.extend(meta);
    kept
}

/// The rule a meta finding reports, as the registry holds it.
pub(crate) fn meta_rule(code: &str) -> &'static crate::diagnostic::Rule {
    by_code(code)
        .map(|e| e.rule)
        .expect("meta rules are registered")
}

/// Parse one comment; `None` when it is no directive of interest.
fn parse(file: &SourceFile, comment: Node<'_>, package_start: Option<usize>) -> Option<Directive> {
    let text = file.text();
    let start = comment.start_byte();
    let raw = text[start..comment.end_byte()].trim_end_matches(['\r', '\n']);
    let range = TextRange::new(start, start + raw.len());
    let row = comment.start_position().row;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let trailing = !only_block_comments(&text[line_start..start]);
    let base = Directive {
        kind: DirectiveKind::Ignore,
        comment: range,
        row,
        trailing,
        checked: true,
        all: false,
        entries: Vec::new(),
        has_reason: false,
        scope: Scope::Nothing,
        problem: None,
    };
    if let Some(rest) = raw.strip_prefix("//gofix:") {
        let verb_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (kind, verb) = match &rest[..verb_end] {
            "ignore" => (DirectiveKind::Ignore, "//gofix:ignore"),
            "file-ignore" => (DirectiveKind::FileIgnore, "//gofix:file-ignore"),
            other => {
                return Some(Directive {
                    problem: Some(Problem::UnknownVerb(other.to_owned())),
                    ..base
                });
            }
        };
        let after_verb = start + "//gofix:".len() + verb_end;
        let (entries, reason) = parse_codes(&text[after_verb..range.end], after_verb);
        let problem = if entries.is_empty() {
            Some(Problem::NoCodes(verb))
        } else if kind == DirectiveKind::FileIgnore && package_start.is_none_or(|p| start > p) {
            Some(Problem::Misplaced)
        } else {
            None
        };
        let scope = match (kind, &problem) {
            (_, Some(_)) => Scope::Nothing,
            (DirectiveKind::FileIgnore, None) => Scope::File,
            _ if trailing => Scope::Rows(row, row),
            _ => {
                let (_, end_row, _) = comment_block(text, comment);
                Scope::Rows(row, end_row + 1)
            }
        };
        return Some(Directive {
            kind,
            entries,
            has_reason: !reason.is_empty(),
            scope,
            problem,
            ..base
        });
    }
    for verb in ["ignore", "file-ignore"] {
        let spaced = raw
            .strip_prefix("//")
            .filter(|r| r.starts_with([' ', '\t']))
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix("gofix:"))
            .and_then(|r| r.strip_prefix(verb))
            .is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace));
        if spaced {
            let spelling = if verb == "ignore" {
                "//gofix:ignore"
            } else {
                "//gofix:file-ignore"
            };
            return Some(Directive {
                problem: Some(Problem::Spaced(spelling)),
                ..base
            });
        }
    }
    parse_nolint(file, comment, raw, base)
}

/// `//nolint`, `//nolint:a,b // reason`, read as golangci-lint reads it: leading `/` and
/// spaces trimmed, then `nolint` followed by a space, a colon or nothing.
fn parse_nolint(
    file: &SourceFile,
    comment: Node<'_>,
    raw: &str,
    base: Directive,
) -> Option<Directive> {
    if !raw.starts_with("//") {
        return None;
    }
    let body = raw.trim_start_matches(['/', ' ']);
    let body_start = base.comment.start + (raw.len() - body.len());
    let rest = body.strip_prefix("nolint")?;
    if !(rest.is_empty() || rest.starts_with([' ', ':'])) {
        return None;
    }
    let scope = nolint_scope(file, comment);
    let everything = Directive {
        kind: DirectiveKind::Nolint,
        checked: false,
        all: true,
        scope,
        ..base.clone()
    };
    let Some(list) = rest.strip_prefix(':') else {
        return Some(everything);
    };
    if list.starts_with("all") {
        return Some(everything);
    }
    let list_start = body_start + "nolint:".len();
    let (list, reason) = match list.find("//") {
        Some(i) => (&list[..i], list[i + 2..].trim()),
        None => (list, ""),
    };
    let mut gofix = None;
    let mut offset = 0;
    for item in list.split(',') {
        let name = item.trim().to_ascii_lowercase();
        if name == "all" {
            return Some(everything);
        }
        if name == "gofix" && gofix.is_none() {
            let lead = item.len() - item.trim_start().len();
            let at = list_start + offset + lead;
            gofix = Some(TextRange::new(at, at + "gofix".len()));
        }
        offset += item.len() + 1;
    }
    let gofix = gofix?;
    Some(Directive {
        kind: DirectiveKind::Nolint,
        entries: vec![Entry {
            text: "gofix".to_owned(),
            range: gofix,
            codes: every_rule(),
        }],
        has_reason: !reason.is_empty(),
        scope,
        ..base
    })
}

/// The codes after a `//gofix:` verb, comma-separated (a space may follow a comma), and the
/// reason after them (a leading `//` dropped). `offset` is where `rest` starts in the file.
fn parse_codes(rest: &str, offset: usize) -> (Vec<Entry>, &str) {
    let mut entries = Vec::new();
    let mut at = rest.len() - rest.trim_start().len();
    loop {
        let tail = &rest[at..];
        let len = tail.find(char::is_whitespace).unwrap_or(tail.len());
        // `//gofix:ignore // reason`: a `//` starts the reason, never a code.
        if len == 0 || tail.starts_with("//") {
            break;
        }
        let token = &tail[..len];
        let mut item_at = at;
        for item in token.split(',') {
            if !item.is_empty() {
                let start = offset + item_at;
                entries.push(Entry {
                    text: item.to_owned(),
                    range: TextRange::new(start, start + item.len()),
                    codes: codes_named(item),
                });
            }
            item_at += item.len() + 1;
        }
        at += len;
        // `GF101, GF102`: a token ending in a comma continues the list.
        if !token.ends_with(',') {
            break;
        }
        at += rest[at..].len() - rest[at..].trim_start().len();
    }
    let reason = rest[at..].trim();
    let reason = reason.strip_prefix("//").unwrap_or(reason).trim();
    (entries, reason)
}

/// The rules a code, prefix, name or `ALL` names, as `--select` reads it; `ALL` leaves the
/// meta rules out (they are silenced only by name).
fn codes_named(item: &str) -> Vec<&'static str> {
    if item.eq_ignore_ascii_case("ALL") {
        return every_rule();
    }
    select_rules(&[item.to_owned()], &[])
        .map(|rules| rules.into_iter().map(|e| e.rule.code).collect())
        .unwrap_or_default()
}

/// Every rule but the meta ones.
fn every_rule() -> Vec<&'static str> {
    RULES
        .iter()
        .map(|e| e.rule.code)
        .filter(|c| !is_meta(c))
        .collect()
}

/// The comment block holding `comment` as go/ast groups comments: neighbours with no token
/// between and at most one line break, except that a comment after code on its line groups
/// only with comments on that same line. Its first row, last row and first column.
fn comment_block(text: &str, comment: Node<'_>) -> (usize, usize, usize) {
    let after_code = |n: Node<'_>| {
        let line_start = text[..n.start_byte()].rfind('\n').map_or(0, |i| i + 1);
        !only_block_comments(&text[line_start..n.start_byte()])
    };
    let joins = |earlier: Node<'_>, later: Node<'_>| {
        let (end, start) = (earlier.end_position().row, later.start_position().row);
        earlier.kind_name() == "comment"
            && later.kind_name() == "comment"
            && (end == start || end + 1 == start && !after_code(earlier))
    };
    let mut first = comment;
    while let Some(prev) = first.prev_sibling().filter(|&p| joins(p, first)) {
        first = prev;
    }
    let mut last = comment;
    while let Some(next) = last.next_sibling().filter(|&n| joins(last, n)) {
        last = next;
    }
    (
        first.start_position().row,
        last.end_position().row,
        first.start_position().column,
    )
}

/// golangci-lint's reach of a `//nolint`: its comment block, widened to the node starting on
/// the next line in the block's column; the whole file when that node is the package clause.
fn nolint_scope(file: &SourceFile, comment: Node<'_>) -> Scope {
    let (from, to, column) = comment_block(file.text(), comment);
    let at = Point::new(to + 1, column);
    let root = file.root();
    let Some(mut node) = root.descendant_for_point_range(at, at) else {
        return Scope::Rows(from, to);
    };
    if node.start_position() != at {
        return Scope::Rows(from, to);
    }
    while let Some(parent) = node.up() {
        // `statement_list` has no go/ast counterpart (and ends after the line break).
        if parent.start_position() != at
            || matches!(parent.kind_name(), "source_file" | "statement_list")
        {
            break;
        }
        node = parent;
    }
    if node.kind_name() == "package_clause" {
        return Scope::File;
    }
    Scope::Rows(from, node.end_position().row.max(to))
}

/// Whether the text before a comment on its line is blank or block comments only: the
/// directive then stands alone on its line.
fn only_block_comments(mut prefix: &str) -> bool {
    loop {
        prefix = prefix.trim_start();
        if prefix.is_empty() {
            return true;
        }
        let Some(rest) = prefix.strip_prefix("/*") else {
            return false;
        };
        let Some(end) = rest.find("*/") else {
            return false;
        };
        prefix = &rest[end + 2..];
    }
}

fn package_clause(root: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = root.walk();
    root.named_children(&mut cursor)
        .find(|n| n.kind_name() == "package_clause")
}

/// 0-based row of a byte offset.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    fn row(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte) - 1
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::Settings;
    use crate::package::PackageIndex;

    fn file(src: &str) -> SourceFile {
        SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap()
    }

    fn only(src: &str) -> Directive {
        let mut found = directives(&file(src));
        assert_eq!(found.len(), 1, "{found:?}");
        found.pop().unwrap()
    }

    fn texts(d: &Directive) -> Vec<&str> {
        d.entries.iter().map(|e| e.text.as_str()).collect()
    }

    /// Findings, as `code@line` (1-based), of `src` checked with every rule or `select`.
    fn findings(src: &str, select: &[&str]) -> Vec<String> {
        let file = file(src);
        let index = PackageIndex::build([&file]);
        let select: Vec<String> = select.iter().map(|s| s.to_string()).collect();
        let settings = Settings {
            rules: select_rules(&select, &[]).unwrap(),
            ..Settings::default()
        };
        let check = crate::checker::check_file(&file, &index, &settings, &settings.rules);
        check
            .diagnostics
            .iter()
            .map(|d| format!("{}@{}", d.rule.code, file.location(d.range.start).0))
            .collect()
    }

    const LEAK: &str = "\tmu.Lock()\n\tif x {\n\t\treturn\n\t}\n\tmu.Unlock()\n";

    fn leak_with(before: &str, trailing: &str) -> String {
        let lock = LEAK.replacen("mu.Lock()", &format!("mu.Lock(){trailing}"), 1);
        format!("package p\n\nfunc f() {{\n{before}{lock}}}\n")
    }

    #[test]
    fn ignore_with_codes_and_reason() {
        let d = only("package p\n\nvar x = 1 //gofix:ignore GF101,GF2 the caller unlocks\n");
        assert_eq!(d.kind, DirectiveKind::Ignore);
        assert_eq!(texts(&d), ["GF101", "GF2"]);
        assert!(d.has_reason && d.trailing && d.checked && d.problem.is_none());
        assert_eq!(d.scope, Scope::Rows(2, 2));
        assert_eq!(d.entries[0].codes, ["GF101"]);
        assert!(d.entries[1].codes.iter().all(|c| c.starts_with("GF2")));
        assert!(d.entries[1].codes.len() >= 3);
    }

    #[test]
    fn codes_may_be_spaced_after_commas_and_reasons_may_follow_slashes() {
        let src =
            "package p\n\n//gofix:ignore GF101, lock-held-on-return // legacy code\nvar x = 1\n";
        let d = only(src);
        assert_eq!(texts(&d), ["GF101", "lock-held-on-return"]);
        assert_eq!(d.entries[1].codes, ["GF102"]);
        assert!(d.has_reason);
        assert_eq!(
            &src[d.entries[1].range.start..d.entries[1].range.end],
            "lock-held-on-return"
        );
        // Alone on its line: reaches the next line.
        assert!(!d.trailing);
        assert_eq!(d.scope, Scope::Rows(2, 3));
    }

    #[test]
    fn missing_reason_unknown_codes_and_names() {
        let d = only("package p\n\nvar x = 1 //gofix:ignore gf101\n");
        assert!(!d.has_reason);
        assert_eq!(d.entries[0].codes, ["GF101"], "codes are case-insensitive");
        let d = only("package p\n\nvar x = 1 //gofix:ignore GF999,G reason\n");
        assert!(d.entries.iter().all(|e| e.codes.is_empty()));
        let d = only("package p\n\nvar x = 1 //gofix:ignore ALL reason\n");
        assert!(d.entries[0].codes.contains(&"GF101"));
        assert!(
            !d.entries[0].codes.contains(&"GF903"),
            "ALL leaves meta rules out"
        );
        let d = only("package p\n\nvar x = 1 //gofix:ignore\n");
        assert_eq!(d.problem, Some(Problem::NoCodes("//gofix:ignore")));
        let d = only("package p\n\nvar x = 1 //gofix:ignore // some reason\n");
        assert_eq!(d.problem, Some(Problem::NoCodes("//gofix:ignore")));
        assert_eq!(d.scope, Scope::Nothing);
    }

    #[test]
    fn malformed_directives_are_recognised_but_do_nothing() {
        let d = only("package p\n\nvar x = 1 //gofix:ignroe GF101 reason\n");
        assert_eq!(d.problem, Some(Problem::UnknownVerb("ignroe".into())));
        let d = only("package p\n\nvar x = 1 // gofix:ignore GF101 reason\n");
        assert_eq!(d.problem, Some(Problem::Spaced("//gofix:ignore")));
        // Prose mentioning gofix is no directive.
        assert!(directives(&file("package p\n\n// OK for gofix: fine\nvar x = 1\n")).is_empty());
        assert!(directives(&file("package p\n\nvar s = \"//gofix:ignore GF101\"\n")).is_empty());
    }

    #[test]
    fn stacked_directives_reach_the_first_line_after_the_comment_block() {
        let src =
            "package p\n\nfunc f() {\n\t//gofix:ignore GF101 a\n\t//nolint:gofix // b\n\tg()\n}\n";
        let found = directives(&file(src));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].scope, Scope::Rows(3, 5));
        assert_eq!(found[1].scope, Scope::Rows(3, 5));
    }

    #[test]
    fn file_ignore_only_before_the_package_clause() {
        let d = only("// Copyright.\n\n//gofix:file-ignore GF1 generated by hand\npackage p\n");
        assert_eq!(d.kind, DirectiveKind::FileIgnore);
        assert_eq!(d.scope, Scope::File);
        assert!(d.silences("GF105", 40));
        assert!(!d.silences("GF201", 40));
        let d = only("package p\n\n//gofix:file-ignore GF1 too late\nvar x = 1\n");
        assert_eq!(d.problem, Some(Problem::Misplaced));
        assert_eq!(d.scope, Scope::Nothing);
    }

    #[test]
    fn nolint_forms() {
        let bare = only("package p\n\nvar x = 1 //nolint\n");
        assert!(bare.all && !bare.checked && bare.entries.is_empty());
        let spaced = only("package p\n\nvar x = 1 // nolint // legacy\n");
        assert!(spaced.all && !spaced.checked);
        let all = only("package p\n\nvar x = 1 //nolint:all\n");
        assert!(all.all && !all.checked);
        let src = "package p\n\nvar x = 1 //nolint:errcheck, GoFix // why\n";
        let listed = only(src);
        assert!(!listed.all && listed.checked && listed.has_reason);
        assert_eq!(
            &src[listed.entries[0].range.start..listed.entries[0].range.end],
            "GoFix"
        );
        assert!(listed.silences("GF101", 2));
        assert!(!listed.silences("GF903", 2), "meta rules only by name");
        let no_reason = only("package p\n\nvar x = 1 //nolint:gofix\n");
        assert!(no_reason.checked && !no_reason.has_reason);
        // Other linters only, and words that merely start with nolint: not ours.
        assert!(directives(&file("package p\n\nvar x = 1 //nolint:errcheck\n")).is_empty());
        assert!(directives(&file("package p\n\nvar x = 1 // nolintish\n")).is_empty());
    }

    #[test]
    fn nolint_above_a_node_reaches_the_whole_node_as_golangci_lint_does() {
        let src = "package p\n\n//nolint:gofix // legacy\nfunc f() {\n\tg()\n}\n\nfunc h() {}\n";
        assert_eq!(only(src).scope, Scope::Rows(2, 5));
        let src = "package p\n\n// F does.\n//\n//nolint:gofix // legacy\nfunc F() {\n\tg()\n}\n";
        assert_eq!(
            only(src).scope,
            Scope::Rows(2, 7),
            "from the doc comment's first line"
        );
        let src = "//nolint:gofix // all of it\npackage p\n\nfunc f() {}\n";
        assert_eq!(only(src).scope, Scope::File);
        // Not in the node's column: the comment's own line only.
        let src = "package p\n\nfunc f() {\n//nolint:gofix // x\n\tg()\n}\n";
        assert_eq!(only(src).scope, Scope::Rows(3, 3));
        // A blank line ends the block: nothing more.
        let src = "package p\n\n//nolint:gofix // x\n\nfunc f() {}\n";
        assert_eq!(only(src).scope, Scope::Rows(2, 2));
    }

    #[test]
    fn an_ignore_silences_exactly_its_line_and_codes() {
        assert_eq!(findings(&leak_with("", ""), &[]), ["GF102@4"]);
        // Same line.
        assert!(findings(&leak_with("", " //gofix:ignore GF102 caller unlocks"), &[]).is_empty());
        // Line above.
        assert!(
            findings(
                &leak_with("\t//gofix:ignore GF102 caller unlocks\n", ""),
                &[]
            )
            .is_empty()
        );
        // By name and by prefix.
        assert!(findings(&leak_with("", " //gofix:ignore lock-held-on-return x"), &[]).is_empty());
        assert!(findings(&leak_with("", " //gofix:ignore GF1 x"), &[]).is_empty());
        // Another code silences nothing and is itself reported unused.
        assert_eq!(
            findings(&leak_with("", " //gofix:ignore GF201 x"), &[]),
            ["GF102@4", "GF903@4"]
        );
        // Two lines above: too far.
        assert_eq!(
            findings(&leak_with("\t//gofix:ignore GF102 x\n\n", ""), &[]),
            ["GF903@4", "GF102@6"]
        );
    }

    #[test]
    fn meta_findings() {
        // No reason.
        assert_eq!(
            findings(&leak_with("", " //gofix:ignore GF102"), &[]),
            ["GF901@4"]
        );
        assert_eq!(
            findings(&leak_with("", " //nolint:gofix"), &[]),
            ["GF901@4"]
        );
        // A bare //nolint needs no reason and is never called unused.
        assert!(findings(&leak_with("", " //nolint"), &[]).is_empty());
        assert!(findings("package p\n\nvar x = 1 //nolint\n", &[]).is_empty());
        // Unknown code, next to a used one.
        assert_eq!(
            findings(&leak_with("", " //gofix:ignore GF102,GF199 x"), &[]),
            ["GF902@4"]
        );
        // Unused, in part: the unused code is reported.
        assert_eq!(
            findings(&leak_with("", " //gofix:ignore GF102,GF201 x"), &[]),
            ["GF903@4"]
        );
        // Unused //nolint:gofix.
        assert_eq!(
            findings("package p\n\nvar x = 1 //nolint:gofix // x\n", &[]),
            ["GF903@3"]
        );
        // Meta findings are silenced by naming them.
        assert!(
            findings(
                &leak_with("", " //gofix:ignore GF102,GF903,GF201 keep"),
                &[]
            )
            .is_empty()
        );
        assert!(
            findings(
                &format!(
                    "//gofix:file-ignore GF9 migrating\n{}",
                    leak_with("", " //gofix:ignore GF201")
                ),
                &[]
            )
            .iter()
            .all(|f| f.starts_with("GF102"))
        );
    }

    #[test]
    fn unused_is_judged_only_for_rules_that_ran() {
        let src = leak_with("", " //gofix:ignore GF102 x");
        // GF102 did not run: the directive may well be needed.
        assert!(findings(&src, &["GF2", "GF9"]).is_empty());
        // Meta rules that are not selected are not reported either.
        assert_eq!(
            findings(&leak_with("", " //gofix:ignore GF201 x"), &["GF1"]),
            ["GF102@4"]
        );
        // A prefix is judged only when every rule it names ran.
        assert!(
            findings(
                &leak_with("", " //gofix:ignore GF2 x"),
                &["GF102", "GF201", "GF9"]
            )
            .iter()
            .all(|f| f.starts_with("GF102"))
        );
    }

    #[test]
    fn nothing_is_called_unused_in_a_file_partly_skipped() {
        // Go 1.26 `new(expr)` does not parse yet: that function is skipped.
        let src =
            "package p\n\nfunc f() {\n\tp := new(uint64(1)) //gofix:ignore GF101 x\n\t_ = p\n}\n";
        assert!(findings(src, &[]).is_empty());
    }

    #[test]
    fn a_directive_after_block_comments_only_stands_alone() {
        let d = only("package p\n\nfunc f() {\n\t/* note */ //gofix:ignore GF101 x\n\tg()\n}\n");
        assert!(!d.trailing);
        assert_eq!(d.scope, Scope::Rows(3, 4));
        let d = only("package p\n\nfunc f() {\n\tg() /* note */ //gofix:ignore GF101 x\n}\n");
        assert!(d.trailing);
    }

    #[test]
    fn a_comment_after_code_does_not_join_the_next_lines_block() {
        // As go/parser groups them: `// note` is a line comment of its own.
        let src = "package p\n\nfunc f() {\n\tx := 1 // note\n\t//nolint:gofix // y\n\tg(x)\n}\n";
        assert_eq!(only(src).scope, Scope::Rows(4, 5));
        let src =
            "package p\n\nfunc f() {\n\tx := 1 // note\n\t//gofix:ignore GF101 y\n\tg(x)\n}\n";
        assert_eq!(only(src).scope, Scope::Rows(4, 5));
        // A trailing //nolint reaches its own line only, whatever follows.
        let src = "package p\n\nfunc f() {\n\tx := 1 //nolint:gofix // y\n\t// more\n\tg(x)\n}\n";
        assert_eq!(only(src).scope, Scope::Rows(3, 3));
    }

    #[test]
    fn rows_of_bytes() {
        let index = LineIndex::new("a\nbc\n\nd");
        assert_eq!(
            [0, 1, 2, 3, 4, 5, 6].map(|b| index.row(b)),
            [0, 0, 1, 1, 1, 2, 3]
        );
    }
}
