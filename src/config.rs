//! The effective settings of a run: which rules are on and how far fixes may go.
//!
//! They come from the command line merged over `gofix.toml` (see [`crate::config_file`]).

use std::path::Path;

use thiserror::Error;

use crate::config_file::PerFileIgnores;
use crate::registry::{RULES, RuleEntry};

/// Settings every pass and the fix engine read.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The enabled rules, in registry order.
    pub rules: Vec<&'static RuleEntry>,
    /// Apply Unsafe fixes too.
    pub unsafe_fixes: bool,
    /// GF101 leaves straight-line sections (no branch, loop or call) alone.
    pub allow_straight_line: bool,
    /// GF212 reports constant channel buffers of this size or more.
    pub max_channel_buffer: u64,
    /// GF110 upgrades a mutex when read-only sections ≥ this many times the writing ones.
    pub rwmutex_min_ratio: f64,
    /// `per-file-ignores` of gofix.toml: codes whose findings are dropped in some files.
    pub per_file_ignores: PerFileIgnores,
}

/// The default of `--rwmutex-min-ratio`: at least as many readers as writers.
pub const DEFAULT_RWMUTEX_MIN_RATIO: f64 = 1.0;

/// The default of `--max-channel-buffer`.
pub const DEFAULT_MAX_CHANNEL_BUFFER: u64 = 10_000;

impl Default for Settings {
    fn default() -> Self {
        Self {
            rules: RULES.iter().collect(),
            unsafe_fixes: false,
            allow_straight_line: false,
            max_channel_buffer: DEFAULT_MAX_CHANNEL_BUFFER,
            rwmutex_min_ratio: DEFAULT_RWMUTEX_MIN_RATIO,
            per_file_ignores: PerFileIgnores::default(),
        }
    }
}

impl Settings {
    /// Whether findings of `code` in `path` are dropped by `per-file-ignores`: neither
    /// reported nor fixed.
    pub fn ignored(&self, path: &Path, code: &str) -> bool {
        self.per_file_ignores.ignores(path, code)
    }
}

impl std::fmt::Debug for RuleEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.rule.code)
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum SelectorError {
    #[error(
        "unknown rule selector `{selector}` in --{flag}: use a code (GF101), a code prefix (GF1) or a rule name (lock-held-on-return); `gofix rules` lists them"
    )]
    Unknown {
        flag: &'static str,
        selector: String,
    },
}

/// The rules `--select` and `--ignore` leave on. Selectors are codes, code prefixes, rule
/// names or `ALL`; an empty `select` means all rules.
pub fn select_rules(
    select: &[String],
    ignore: &[String],
) -> Result<Vec<&'static RuleEntry>, SelectorError> {
    let chosen = if select.is_empty() {
        RULES.iter().collect()
    } else {
        matching("select", select)?
    };
    let ignored = matching("ignore", ignore)?;
    Ok(chosen
        .into_iter()
        .filter(|e| !ignored.iter().any(|i| std::ptr::eq(*i, *e)))
        .collect())
}

fn matching(
    flag: &'static str,
    selectors: &[String],
) -> Result<Vec<&'static RuleEntry>, SelectorError> {
    let mut out: Vec<&'static RuleEntry> = Vec::new();
    for selector in selectors {
        let selector = selector.trim();
        let hits: Vec<&'static RuleEntry> = RULES
            .iter()
            .filter(|e| {
                selector.eq_ignore_ascii_case("ALL")
                    || e.rule.name == selector
                    || e.rule
                        .code
                        .to_ascii_uppercase()
                        .starts_with(&selector.to_ascii_uppercase())
                        && selector.len() >= 3
            })
            .collect();
        if hits.is_empty() {
            return Err(SelectorError::Unknown {
                flag,
                selector: selector.to_owned(),
            });
        }
        for hit in hits {
            if !out.iter().any(|e| std::ptr::eq(*e, hit)) {
                out.push(hit);
            }
        }
    }
    out.sort_by_key(|e| e.rule.code);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(rules: &[&RuleEntry]) -> Vec<&'static str> {
        rules.iter().map(|e| e.rule.code).collect()
    }

    #[test]
    fn select_by_code_prefix_and_name() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            codes(&select_rules(&s(&["GF101"]), &[]).unwrap()),
            ["GF101"]
        );
        assert_eq!(
            codes(&select_rules(&s(&["gf104", "lock-held-on-return"]), &[]).unwrap()),
            ["GF102", "GF104"]
        );
        assert!(
            codes(&select_rules(&s(&["GF1"]), &s(&["GF103"])).unwrap())
                .iter()
                .all(|c| *c != "GF103")
        );
        assert_eq!(select_rules(&[], &[]).unwrap().len(), RULES.len());
    }

    #[test]
    fn unknown_selectors_are_errors() {
        let err = select_rules(&["GF999".to_owned()], &[]).unwrap_err();
        assert!(err.to_string().contains("`GF999` in --select"));
        assert!(select_rules(&[], &["nope".to_owned()]).is_err());
        // "G" alone is too vague to be a prefix.
        assert!(select_rules(&["G".to_owned()], &[]).is_err());
    }
}
