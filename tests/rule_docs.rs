//! The committed rule documentation in `docs/rules/` is what the registry generates: one page
//! per rule and the index, nothing missing, stale or extra. `GOFIX_BLESS_DOCS=1` rewrites it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use gofix::registry::RULES;
use gofix::render::rule_docs::{self, REGENERATE};

fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/rules")
}

/// The Markdown files now in `docs/rules/`, by name.
fn committed() -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(docs_dir()) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn committed_rule_docs_match_the_registry() {
    let rules: Vec<_> = RULES.iter().map(|e| e.rule).collect();
    let expected: BTreeMap<String, String> = rule_docs::files(&rules).into_iter().collect();
    let actual = committed();

    if std::env::var("GOFIX_BLESS_DOCS").is_ok_and(|v| v == "1") {
        let dir = docs_dir();
        std::fs::create_dir_all(&dir).unwrap();
        for name in actual.keys().filter(|n| !expected.contains_key(*n)) {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
        for (name, text) in &expected {
            if actual.get(name) != Some(text) {
                std::fs::write(dir.join(name), text).unwrap();
            }
        }
        return;
    }

    let mut problems = Vec::new();
    for (name, text) in &expected {
        match actual.get(name) {
            None => problems.push(format!("missing: docs/rules/{name}")),
            Some(have) if have != text => problems.push(format!("out of date: docs/rules/{name}")),
            Some(_) => {}
        }
    }
    for name in actual.keys().filter(|n| !expected.contains_key(*n)) {
        problems.push(format!(
            "not generated (a renamed or removed rule?): docs/rules/{name}"
        ));
    }
    assert!(
        problems.is_empty(),
        "the rule docs differ from the rules' doc comments:\n  {}\nregenerate them with `{REGENERATE}` and commit docs/rules/",
        problems.join("\n  ")
    );
}

/// Every page carries the sections STYLE.md asks of a rule's doc comment, in order.
#[test]
fn every_rule_page_has_the_documented_sections() {
    let sections = [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "Use instead:",
        "## Fix safety",
        "## Known problems",
        "## References",
    ];
    for entry in RULES {
        let page = rule_docs::page(entry.rule);
        let mut from = 0;
        for section in sections {
            let Some(at) = page[from..].find(section) else {
                panic!("{}: no `{section}` after byte {from}", entry.rule.code);
            };
            from += at + section.len();
        }
        assert!(
            !rule_docs::summary(entry.rule).is_empty(),
            "{}: empty summary",
            entry.rule.code
        );
    }
}
