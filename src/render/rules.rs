//! `gofix rules` and `gofix rule CODE`.

use serde::Serialize;

use crate::diagnostic::Rule;

/// One line per rule: code, name, checklist item, severity, fix availability.
pub fn table(rules: &[&Rule]) -> String {
    let mut out = format!(
        "{:<6} {:<30} {:>4}  {:<9} {}\n",
        "code", "name", "item", "severity", "fix"
    );
    for rule in rules {
        out.push_str(&format!(
            "{:<6} {:<30} {:>4}  {:<9} {}\n",
            rule.code,
            rule.name,
            item(rule),
            rule.severity.as_str(),
            rule.fix.as_str()
        ));
    }
    out
}

#[derive(Serialize)]
struct JsonRule<'a> {
    code: &'a str,
    name: &'a str,
    checklist_item: u8,
    severity: &'a str,
    fix: &'a str,
}

pub fn json(rules: &[&Rule]) -> String {
    let rows: Vec<JsonRule> = rules
        .iter()
        .map(|r| JsonRule {
            code: r.code,
            name: r.name,
            checklist_item: r.checklist_item,
            severity: r.severity.as_str(),
            fix: r.fix.as_str(),
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

/// A rule's documentation: a title line, then its doc comment as Markdown.
pub fn documentation(rule: &Rule) -> String {
    let body: Vec<&str> = rule
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let about = match rule.checklist_item {
        0 => format!("meta rule, {}", rule.severity.as_str()),
        n => format!("checklist item {n}, {}", rule.severity.as_str()),
    };
    format!(
        "# {} {} ({about})\n\n{}\n",
        rule.code,
        rule.name,
        body.join("\n").trim_end()
    )
}

/// The checklist item, or `-` for the meta rules about suppressions (item 0).
fn item(rule: &Rule) -> String {
    match rule.checklist_item {
        0 => "-".to_owned(),
        n => n.to_string(),
    }
}
