//! `--output-format sarif`: one SARIF 2.1.0 log with one run, for code-scanning dashboards
//! (GitHub code scanning, the SARIF viewers of editors).
//!
//! The driver lists every rule with its documentation; each result carries its rule, level,
//! message, location and, when the finding has a safe or unsafe fix, that fix as
//! replacements. Columns count Unicode code points (`columnKind`), as gofix's do; URIs are
//! relative to the current directory (`%SRCROOT%`).

use std::path::Path;

use serde_json::{Value, json};

use crate::diagnostic::{Rule, Severity};
use crate::fix::Applicability;
use crate::registry::RULES;
use crate::render::json::{JsonEdit, Location};
use crate::render::output::Finding;
use crate::render::rules::documentation;

/// The schema the output is validated against (tests/output_formats.rs).
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// The base the relative URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

pub fn render(findings: &[Finding]) -> String {
    let mut run = json!({
        "tool": { "driver": driver() },
        "columnKind": "unicodeCodePoints",
        "results": findings.iter().map(result).collect::<Vec<_>>(),
    });
    if let Ok(cwd) = std::env::current_dir() {
        run["originalUriBaseIds"] = json!({ SRCROOT: { "uri": directory_uri(&cwd) } });
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

fn driver() -> Value {
    let mut driver = json!({
        "name": "gofix",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": RULES.iter().map(|e| rule(e.rule)).collect::<Vec<_>>(),
    });
    // Where to read about gofix: the package's homepage or repository, once Cargo.toml
    // names one.
    let home = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty());
    if let Some(home) = home {
        driver["informationUri"] = home.into();
    }
    driver
}

/// A rule's `reportingDescriptor`: its documentation, as `gofix rule CODE` prints it.
fn rule(rule: &Rule) -> Value {
    let what = section(rule.doc, "What it does");
    let why = section(rule.doc, "Why is this bad?");
    let short = first_sentence(&what).unwrap_or(rule.name).to_owned();
    let full = [what.as_str(), why.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let help = documentation(rule);
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": short },
        "fullDescription": { "text": if full.is_empty() { short.clone() } else { full } },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "severity": rule.severity.as_str(),
            "checklistItem": rule.checklist_item,
            "fix": rule.fix.as_str(),
            "tags": ["concurrency"],
        },
    })
}

fn result(f: &Finding) -> Value {
    let d = &f.json;
    let mut result = json!({
        "ruleId": d.code,
        "level": level(f.severity),
        "message": { "text": d.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&d.filename),
                "region": region(&d.location, &d.end_location),
            },
        }],
        "properties": { "severity": f.severity.as_str() },
    });
    if let Some(index) = RULES.iter().position(|e| e.rule.code == d.code) {
        result["ruleIndex"] = index.into();
    }
    let applies = matches!(
        f.applicability,
        Some(Applicability::Safe | Applicability::Unsafe)
    );
    if let (true, Some(fix)) = (applies, &d.fix) {
        result["fixes"] = json!([{
            "description": { "text": fix.message },
            "artifactChanges": artifact_changes(&d.filename, &fix.edits),
            "properties": { "applicability": fix.applicability },
        }]);
    }
    result
}

/// The fix's edits, grouped per file in the order the files first appear.
fn artifact_changes(path: &str, edits: &[JsonEdit]) -> Vec<Value> {
    let mut files: Vec<(&str, Vec<Value>)> = Vec::new();
    for edit in edits {
        let file = edit.filename.as_deref().unwrap_or(path);
        let replacement = json!({
            "deletedRegion": region(&edit.location, &edit.end_location),
            "insertedContent": { "text": edit.content },
        });
        match files.iter_mut().find(|(f, _)| *f == file) {
            Some((_, replacements)) => replacements.push(replacement),
            None => files.push((file, vec![replacement])),
        }
    }
    files
        .into_iter()
        .map(|(file, replacements)| {
            json!({
                "artifactLocation": artifact_location(file),
                "replacements": replacements,
            })
        })
        .collect()
}

/// An empty region (start = end) is an insertion point.
fn region(start: &Location, end: &Location) -> Value {
    json!({
        "startLine": start.row,
        "startColumn": start.column,
        "endLine": end.row,
        "endColumn": end.column,
    })
}

/// A path relative to the current directory, resolved against `%SRCROOT%`; a path outside
/// it as a `file:` URI.
fn artifact_location(path: &str) -> Value {
    if Path::new(path).is_absolute() {
        json!({ "uri": format!("file://{}", encode(path)) })
    } else {
        json!({ "uri": encode(path), "uriBaseId": SRCROOT })
    }
}

fn directory_uri(dir: &Path) -> String {
    let path = dir.to_string_lossy().replace('\\', "/");
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    let mut uri = format!("file://{}", encode(&path));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encode everything but unreserved characters and `/` (RFC 3986), so a path with
/// spaces or non-ASCII letters is still a valid URI reference.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// SARIF's levels: critical and high findings are errors, medium ones warnings, low ones
/// notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// The text of a `## title` section of a rule's doc comment, joined into one paragraph.
fn section(doc: &str, title: &str) -> String {
    let mut lines = doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end());
    let heading = format!("## {title}");
    if !lines.any(|l| l == heading) {
        return String::new();
    }
    lines
        .take_while(|l| !l.starts_with("## ") && *l != "Use instead:" && !l.starts_with("```"))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first sentence of a paragraph: up to a period followed by a space and a capital
/// letter, or the whole paragraph.
fn first_sentence(text: &str) -> Option<&str> {
    if text.is_empty() {
        return None;
    }
    let bytes = text.as_bytes();
    let end = text
        .match_indices(". ")
        .map(|(i, _)| i)
        .find(|&i| bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase))
        .map_or(text.len(), |i| i + 1);
    Some(&text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encodes_paths() {
        assert_eq!(encode("a b/é.go"), "a%20b/%C3%A9.go");
        assert_eq!(encode("p/x_y-z.go"), "p/x_y-z.go");
    }

    #[test]
    fn sections_of_a_rule_doc() {
        let doc = " ## What it does\n Finds a thing. Then more.\n and more\n\n ## Why is this bad?\n Because.\n";
        assert_eq!(
            section(doc, "What it does"),
            "Finds a thing. Then more. and more"
        );
        assert_eq!(section(doc, "Why is this bad?"), "Because.");
        assert_eq!(section(doc, "Known problems"), "");
        assert_eq!(
            first_sentence("Finds `x.Lock()`. Then more."),
            Some("Finds `x.Lock()`.")
        );
        assert_eq!(first_sentence("e.g. one"), Some("e.g. one"));
    }

    #[test]
    fn every_rule_has_a_short_description() {
        for entry in RULES {
            let what = section(entry.rule.doc, "What it does");
            assert!(
                first_sentence(&what).is_some(),
                "{} has no `## What it does`",
                entry.rule.code
            );
        }
    }
}
