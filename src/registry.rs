//! The only list of rules: code, name, checklist item, severity (in each rule's metadata) and
//! the pass the walker dispatches to, with the node kinds it wants.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Rule;
use crate::transforms::{
    FUNCTION_KINDS, defer_unlock_in_loop::DeferUnlockInLoop, deferred_lock::DeferredLock,
    empty_critical_section::EmptyCriticalSection, lock_held_on_return::LockHeldOnReturn,
    lock_without_deferred_unlock::LockWithoutDeferredUnlock, mismatched_unlock::MismatchedUnlock,
};
use crate::transforms::{
    defer_unlock_in_loop, deferred_lock, empty_critical_section, lock_held_on_return,
    lock_without_deferred_unlock, mismatched_unlock,
};

/// A rule and its pass.
pub struct RuleEntry {
    pub rule: &'static Rule,
    /// Node kinds the pass is called on.
    pub kinds: &'static [&'static str],
    pub run: for<'a> fn(Node<'a>, &mut Checker<'a>),
}

/// Every rule, in code order. Fixes are preferred in this order when they collide.
pub static RULES: &[RuleEntry] = &[
    RuleEntry {
        rule: &LockWithoutDeferredUnlock::RULE,
        kinds: FUNCTION_KINDS,
        run: lock_without_deferred_unlock::check,
    },
    RuleEntry {
        rule: &LockHeldOnReturn::RULE,
        kinds: FUNCTION_KINDS,
        run: lock_held_on_return::check,
    },
    RuleEntry {
        rule: &EmptyCriticalSection::RULE,
        kinds: FUNCTION_KINDS,
        run: empty_critical_section::check,
    },
    RuleEntry {
        rule: &DeferredLock::RULE,
        kinds: &["defer_statement"],
        run: deferred_lock::check,
    },
    RuleEntry {
        rule: &DeferUnlockInLoop::RULE,
        kinds: &["defer_statement"],
        run: defer_unlock_in_loop::check,
    },
    RuleEntry {
        rule: &MismatchedUnlock::RULE,
        kinds: FUNCTION_KINDS,
        run: mismatched_unlock::check,
    },
];

/// The rule with this code, case-insensitively.
pub fn by_code(code: &str) -> Option<&'static RuleEntry> {
    RULES
        .iter()
        .find(|e| e.rule.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::path::Path;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for entry in RULES {
            let rule = entry.rule;
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(rule.code.len() == 5 && rule.code.starts_with("GF"));
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
            assert!((1..=10).contains(&rule.checklist_item));
        }
    }

    #[test]
    fn every_rule_is_documented_with_the_house_sections() {
        for entry in RULES {
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead:",
                "## Fix safety",
                "## Known problems",
                "## References",
            ] {
                assert!(
                    entry.rule.doc.contains(section),
                    "{} lacks {section}",
                    entry.rule.code
                );
            }
        }
    }

    #[test]
    fn every_rule_has_fixtures_and_snapshots() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in RULES {
            let code = entry.rule.code;
            let dir = root.join("transforms").join(code);
            let fixtures: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|_| panic!("{code} has no fixture folder {}", dir.display()))
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "go"))
                .collect();
            assert!(!fixtures.is_empty(), "{code} has no fixtures");
            for fixture in fixtures {
                let stem = fixture
                    .path()
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let snap = root
                    .join("snapshots")
                    .join(format!("fixtures__{code}__{stem}.snap"));
                assert!(
                    snap.exists(),
                    "{code}/{stem}.go has no snapshot {}",
                    snap.display()
                );
            }
        }
    }
}
