//! The rule documentation under `docs/rules/`: one Markdown page per rule, drawn from its doc
//! comment and metadata, and an index table. `tests/rule_docs.rs` checks the committed pages
//! against these and rewrites them with `GOFIX_BLESS_DOCS=1`.

use std::fmt::Write as _;

use crate::diagnostic::{FixAvailability, Rule};

/// The command that regenerates the pages, named in each page and in the test's failure.
pub const REGENERATE: &str = "GOFIX_BLESS_DOCS=1 cargo test --test rule_docs";

/// The index page's file name.
pub const INDEX: &str = "README.md";

/// One rule's page name: `GF102-lock-held-on-return.md`.
pub fn file_name(rule: &Rule) -> String {
    format!("{}-{}.md", rule.code, rule.name)
}

/// Every generated file, as (file name, contents): the rules' pages in the order given, then
/// the index.
pub fn files(rules: &[&Rule]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = rules.iter().map(|r| (file_name(r), page(r))).collect();
    out.push((INDEX.to_owned(), index(rules)));
    out
}

/// One rule's page: a title with code and name, its metadata, then its doc comment.
pub fn page(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: {}", rule.code, rule.name);
    out.push('\n');
    let _ = writeln!(out, "{}", generated_note());
    out.push('\n');
    let _ = writeln!(out, "- **Checklist item:** {}", checklist_item(rule));
    let _ = writeln!(out, "- **Severity:** {}", rule.severity.as_str());
    let _ = writeln!(out, "- **Fix:** {}", fix_text(rule.fix));
    out.push('\n');
    out.push_str(&body(rule));
    out.push('\n');
    out
}

/// The index: a table of every rule, linking to its page.
pub fn index(rules: &[&Rule]) -> String {
    let mut out = String::from("# gofix rules\n\n");
    let _ = writeln!(out, "{}", generated_note());
    out.push('\n');
    out.push_str(
        "`gofix rules` lists the same table in the terminal and `gofix rule CODE` prints one \
         page. A fix marked *safe* is applied by `--write`; an *unsafe* one needs \
         `--unsafe-fixes`; a suggestion is shown, never applied (see each page's \
         \"Fix safety\").\n\n",
    );
    out.push_str("| code | name | checklist item | severity | fix | what it finds |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for rule in rules {
        let _ = writeln!(
            out,
            "| [{}]({}) | {} | {} | {} | {} | {} |",
            rule.code,
            file_name(rule),
            rule.name,
            checklist_item(rule),
            rule.severity.as_str(),
            rule.fix.as_str(),
            summary(rule).replace('|', "\\|")
        );
    }
    out
}

fn generated_note() -> String {
    format!(
        "<!-- Generated from the rule's doc comment in src/transforms/ by `{REGENERATE}`; \
         do not edit by hand. -->"
    )
}

/// The checklist item's number; the meta rules (item 0) check gofix's own directives.
fn checklist_item(rule: &Rule) -> String {
    match rule.checklist_item {
        0 => "— (meta)".to_owned(),
        n => n.to_string(),
    }
}

fn fix_text(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::Always => "always offered (see *Fix safety* for when it is safe)",
        FixAvailability::Sometimes => "sometimes offered (see *Fix safety*)",
        FixAvailability::DisplayOnly => "suggestion only, never applied",
        FixAvailability::None => "none",
    }
}

/// The doc comment as Markdown: rustdoc's one leading space per line removed.
fn body(rule: &Rule) -> String {
    let lines: Vec<&str> = rule
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    lines.join("\n").trim().to_owned()
}

/// The first clause of the "What it does" section that says what the rule finds: up to the
/// first `: ` or `. ` outside code spans after the word "finds", without the closing period.
/// Empty when the section is missing.
pub fn summary(rule: &Rule) -> String {
    let body = body(rule);
    let Some(start) = body.find("## What it does") else {
        return String::new();
    };
    let paragraph: Vec<&str> = body[start..]
        .lines()
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let paragraph = paragraph.join(" ");
    let mut in_code = false;
    let mut end = paragraph.len();
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        match c {
            '`' => in_code = !in_code,
            ':' | '.' if !in_code => {
                let next = chars.get(i + 1).map(|&(_, n)| n);
                if next.is_none_or(char::is_whitespace)
                    && paragraph[..at].to_lowercase().contains("finds")
                {
                    end = at;
                    break;
                }
            }
            _ => {}
        }
    }
    paragraph[..end].trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    const DOC: &str = " ## What it does\n Finds `a.b()` calls: the bad ones.\n More text.\n\n ## Why is this bad?\n Because.\n";

    fn rule(doc: &'static str) -> Rule {
        Rule {
            code: "GF999",
            name: "made-up-rule",
            checklist_item: 4,
            severity: Severity::High,
            fix: FixAvailability::Sometimes,
            doc,
        }
    }

    #[test]
    fn page_has_title_metadata_and_doc() {
        let page = page(&rule(DOC));
        assert!(page.starts_with("# GF999: made-up-rule\n"), "{page}");
        assert!(page.contains("- **Checklist item:** 4\n"), "{page}");
        assert!(page.contains("- **Severity:** high\n"), "{page}");
        assert!(page.contains("- **Fix:** sometimes offered"), "{page}");
        assert!(
            page.contains("\n## What it does\nFinds `a.b()` calls: the bad ones.\n"),
            "{page}"
        );
        assert!(page.ends_with("Because.\n"), "{page}");
    }

    #[test]
    fn summary_stops_at_the_first_clause_outside_code() {
        assert_eq!(summary(&rule(DOC)), "Finds `a.b()` calls");
        let r = rule(" ## What it does\n Finds `x: y. z` here.\n");
        assert_eq!(summary(&r), "Finds `x: y. z` here");
        let r = rule(" ## What it does\n Finds `sync.Mutex` (1.5 times) in\n a file\n");
        assert_eq!(summary(&r), "Finds `sync.Mutex` (1.5 times) in a file");
        let r = rule(" ## What it does\n For a type: finds a field. More.\n");
        assert_eq!(summary(&r), "For a type: finds a field");
        assert_eq!(summary(&rule(" ## Why is this bad?\n x\n")), "");
    }

    #[test]
    fn index_links_every_page_and_escapes_pipes() {
        let r = rule(" ## What it does\n Finds `a || b` here.\n");
        let index = index(&[&r]);
        assert!(
            index.contains(
                "| [GF999](GF999-made-up-rule.md) | made-up-rule | 4 | high | sometimes | Finds `a \\|\\| b` here |"
            ),
            "{index}"
        );
        let meta = Rule {
            checklist_item: 0,
            ..rule("")
        };
        assert!(page(&meta).contains("- **Checklist item:** — (meta)\n"));
        let names: Vec<String> = files(&[&r]).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["GF999-made-up-rule.md", "README.md"]);
    }
}
