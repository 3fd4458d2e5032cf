//! The prefilter: a byte scan that decides, before anything is parsed, whether a package can
//! produce a finding for the enabled rules.
//!
//! Parsing is most of gofix's cost, and most packages of a large tree hold none of the
//! constructs the rules look at. Each rule declares in the registry what must occur in its
//! package for it to fire ([`Triggers`]); a package none of whose files holds a trigger of
//! an enabled rule is skipped whole. The decision is per package, not per file: package-wide
//! rules (GF110, GF120) need every file of a package that declares a lock, including files
//! that never say `Lock`.

use aho_corasick::AhoCorasick;
use memchr::memmem;

use crate::registry::{RuleEntry, Triggers};

/// The triggers of a set of enabled rules, compiled once per run.
pub struct Prefilter {
    /// Every token of every enabled rule; `None` when no enabled rule has tokens.
    tokens: Option<AhoCorasick>,
    /// The byte scans of enabled rules that have one.
    scans: Vec<fn(&[u8]) -> bool>,
}

impl Prefilter {
    /// The prefilter for `rules`; `None` if the token automaton cannot be built (then
    /// nothing is skipped).
    pub fn new(rules: &[&RuleEntry]) -> Option<Self> {
        let mut tokens: Vec<&str> = Vec::new();
        let mut scans: Vec<fn(&[u8]) -> bool> = Vec::new();
        for entry in rules {
            match entry.triggers {
                Triggers::Tokens(t) => tokens.extend_from_slice(t),
                Triggers::Scan(scan) => {
                    if !scans.iter().any(|s| std::ptr::fn_addr_eq(*s, scan)) {
                        scans.push(scan);
                    }
                }
            }
        }
        tokens.sort_unstable();
        tokens.dedup();
        let tokens = if tokens.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&tokens).ok()?)
        };
        Some(Self { tokens, scans })
    }

    /// Whether an enabled rule could fire in a package one of whose files is `bytes`. A
    /// package is kept when this holds for any of its files.
    pub fn may_fire(&self, bytes: &[u8]) -> bool {
        self.tokens.as_ref().is_some_and(|ac| ac.is_match(bytes))
            || self.scans.iter().any(|scan| scan(bytes))
    }

    /// Whether some file of a package (its bytes, in any order) may let a rule fire.
    pub fn keeps<'b>(&self, files: impl IntoIterator<Item = &'b [u8]>) -> bool {
        files.into_iter().any(|bytes| self.may_fire(bytes))
    }
}

/// Whether `src` may hold a self-copy `a, b := a, b` (GF321): some `:=` with the same
/// identifier list on both sides, white space aside. The right side only has to start with
/// the left side's names (`v := v.Clone()` passes too): a false hit costs a parse, a miss
/// would lose a finding.
pub fn has_self_copy(src: &[u8]) -> bool {
    memmem::find_iter(src, b":=").any(|at| {
        let left = names_before(&src[..at]);
        !left.is_empty() && names_after(&src[at + 2..]).starts_with(&left)
    })
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The identifier list ending just before `:=`, white space dropped (`k,v`). A line break
/// belongs to the list only right after a comma (Go inserts no semicolon there).
fn names_before(src: &[u8]) -> Vec<u8> {
    let mut start = src.len();
    while start > 0 {
        let b = src[start - 1];
        if is_name_byte(b) || matches!(b, b',' | b' ' | b'\t') {
            start -= 1;
        } else if matches!(b, b'\n' | b'\r') {
            let before = src[..start - 1]
                .iter()
                .rposition(|&c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
            match before {
                Some(i) if src[i] == b',' => start = i + 1,
                _ => break,
            }
        } else {
            break;
        }
    }
    squeeze(&src[start..])
}

/// The identifier list starting just after `:=`, white space dropped; as in
/// [`names_before`], a line break only continues the list after a comma.
fn names_after(src: &[u8]) -> Vec<u8> {
    let mut end = 0;
    let mut after_comma = false;
    while let Some(&b) = src.get(end) {
        if is_name_byte(b) || matches!(b, b',' | b' ' | b'\t') {
            if b == b',' {
                after_comma = true;
            } else if is_name_byte(b) {
                after_comma = false;
            }
        } else if !(after_comma && matches!(b, b'\n' | b'\r')) {
            break;
        }
        end += 1;
    }
    squeeze(&src[..end])
}

fn squeeze(s: &[u8]) -> Vec<u8> {
    s.iter()
        .copied()
        .filter(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{RULES, by_code};

    fn filter(codes: &[&str]) -> Prefilter {
        let rules: Vec<&RuleEntry> = codes.iter().map(|c| by_code(c).unwrap()).collect();
        Prefilter::new(&rules).unwrap()
    }

    #[test]
    fn self_copies_are_seen_in_every_spelling() {
        for src in [
            "for _, v := range xs {\n\tv := v\n}",
            "for k, v := range m {\n\t\tk, v := k, v\n}",
            "for k,v := range m { k,v:=k,v; use(k) }",
            "for _, v := range xs {\n\tv := v.Clone()\n}",
            "for a, b := range m {\n\ta,\n\t\tb := a,\n\t\tb\n}",
        ] {
            assert!(has_self_copy(src.as_bytes()), "{src:?}");
        }
        for src in [
            "x := y\n",
            "for i := 0; i < n; i++ {\n\tj := i\n}",
            "v := w\nvv := v\n",
            "k, v := v, k\n",
            "package p\n",
            "for _, v := range xs {\n\tbreak\n\tv := w\n}",
            "break\nv := breakv\n",
        ] {
            assert!(!has_self_copy(src.as_bytes()), "{src:?}");
        }
    }

    #[test]
    fn tokens_of_enabled_rules_only() {
        let locks = filter(&["GF101"]);
        assert!(locks.may_fire(b"func f() { mu.Lock() }"));
        assert!(locks.may_fire(b"import \"sync\"\ntype T struct{ mu Mutex }"));
        assert!(!locks.may_fire(b"package p\nfunc f() { go g() }"));
        let goroutines = filter(&["GF301"]);
        assert!(goroutines.may_fire(b"func f() { go g() }"));
        assert!(goroutines.may_fire(b"func f() { g.Go(func() error { return nil }) }"));
        assert!(!goroutines.may_fire(b"func f() { mu.Lock() }"));
        // A package is kept when any one of its files holds a trigger.
        let files: [&[u8]; 2] = [b"package p\ntype T struct{ n int }", b"import \"sync\""];
        assert!(locks.keeps(files));
        assert!(!goroutines.keeps(files));
    }

    #[test]
    fn every_rule_declares_a_trigger() {
        for entry in RULES {
            match entry.triggers {
                Triggers::Tokens(tokens) => {
                    assert!(!tokens.is_empty(), "{} has no tokens", entry.rule.code);
                    assert!(tokens.iter().all(|t| !t.is_empty()), "{}", entry.rule.code);
                }
                Triggers::Scan(_) => {}
            }
        }
        let all: Vec<&RuleEntry> = RULES.iter().collect();
        assert!(
            !Prefilter::new(&all)
                .unwrap()
                .may_fire(b"package p\n\nfunc f() int { return 1 }\n")
        );
    }
}
