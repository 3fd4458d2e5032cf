//! The prefilter: a lexical scan that decides, before anything is parsed, which files of a
//! package can matter to the enabled rules.
//!
//! Parsing is most of gofix's cost, and most files of a large tree hold none of the
//! constructs the rules look at. Each rule declares in the registry what a file must hold
//! for the rule to fire in it or to feed the package facts it reads ([`Triggers`]): words
//! (identifiers and keywords, found by the lexer in [`words`], so `chan` in `changed` or in
//! a comment does not count), import paths, raw text, or a byte scan. A package with no
//! such file is skipped whole; in the others, the files with triggers are parsed first, and
//! then the files the package facts link to them (`crate::selection`).

pub mod words;

use std::sync::atomic::{AtomicUsize, Ordering};

use memchr::memmem;

use crate::discover::GoVersion;
use crate::registry::{RuleEntry, Triggers, Versions};
use words::FileWords;

/// Setting this environment variable to `1` prints how much the prefilter parsed.
pub const STATS_ENV: &str = "GOFIX_PREFILTER_STATS";

/// The triggers of a set of enabled rules, compiled once per run.
pub struct Prefilter {
    /// The distinct triggers of the enabled rules.
    triggers: Vec<Triggers>,
    /// Raw strings, searched once per file whatever rules ask for them.
    raw: Vec<memmem::Finder<'static>>,
    /// Files and bytes seen, wanted for their triggers, and parsed in the end.
    counts: [AtomicUsize; 6],
}

/// What the prefilter did with one package: (files, bytes) seen, wanted for triggers, parsed.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub seen: (usize, usize),
    pub triggered: (usize, usize),
    pub parsed: (usize, usize),
}

impl Prefilter {
    /// The prefilter for `rules`.
    pub fn new(rules: &[&RuleEntry]) -> Self {
        let mut triggers: Vec<Triggers> = Vec::new();
        for t in rules.iter().flat_map(|entry| entry.triggers) {
            if !triggers.iter().any(|known| known.same_as(t)) {
                triggers.push(*t);
            }
        }
        let mut raw: Vec<&'static str> = triggers
            .iter()
            .flat_map(|t| t.raw.iter().copied())
            .collect();
        raw.sort_unstable();
        raw.dedup();
        let raw = raw
            .into_iter()
            .map(|r| memmem::Finder::new(r.as_bytes()))
            .collect();
        Self {
            triggers,
            raw,
            counts: Default::default(),
        }
    }

    /// Add one package's counts to the run's.
    pub fn record(&self, c: Counts) {
        let values = [
            c.seen.0,
            c.seen.1,
            c.triggered.0,
            c.triggered.1,
            c.parsed.0,
            c.parsed.1,
        ];
        for (total, v) in self.counts.iter().zip(values) {
            total.fetch_add(v, Ordering::Relaxed);
        }
    }

    /// The run's counts so far, as a line for `GOFIX_PREFILTER_STATS=1`.
    pub fn summary(&self) -> String {
        let v: Vec<usize> = self
            .counts
            .iter()
            .map(|c| c.load(Ordering::Relaxed))
            .collect();
        let mb = |b: usize| b as f64 / 1e6;
        format!(
            "{} files ({:.1} MB) seen, {} ({:.1} MB) with triggers, {} ({:.1} MB) parsed",
            v[0],
            mb(v[1]),
            v[2],
            mb(v[3]),
            v[4],
            mb(v[5])
        )
    }

    /// Whether an enabled rule may fire in this file (its bytes and words), or needs it
    /// parsed for the package facts it reads.
    pub fn wants(&self, bytes: &[u8], words: &FileWords<'_>, version: Option<GoVersion>) -> bool {
        let raw_hit = || self.raw.iter().any(|f| f.find(bytes).is_some());
        let any_word = |list: &[&str]| list.iter().any(|w| words.has_word(w));
        self.triggers.iter().any(|t| {
            judges(t.versions, version)
                && ((any_word(t.words)
                    && (t.with_words.is_empty() || any_word(t.with_words))
                    && (t.with_imports.is_empty()
                        || t.with_imports.iter().any(|i| words.has_string(i))))
                    || (!t.raw.is_empty() && raw_hit())
                    || t.scan.is_some_and(|scan| scan(words)))
        })
    }
}

/// Whether a rule judging files of `versions` judges a file of `version`.
fn judges(versions: Versions, version: Option<GoVersion>) -> bool {
    let minor = version.map(|v| v.minor);
    match versions {
        Versions::Any => true,
        Versions::UnknownOrBelow(m) => minor.is_none_or(|v| v < m),
        Versions::KnownBelow(m) => minor.is_some_and(|v| v < m),
        Versions::KnownFrom(m) => minor.is_some_and(|v| v >= m),
    }
}

/// Whether a file holds a self-copy `v := v` (GF321), as the lexer saw it.
pub fn has_self_copy(words: &FileWords<'_>) -> bool {
    words.self_copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{RULES, by_code};

    fn filter(codes: &[&str]) -> Prefilter {
        let rules: Vec<&RuleEntry> = codes.iter().map(|c| by_code(c).unwrap()).collect();
        Prefilter::new(&rules)
    }

    fn wants(filter: &Prefilter, src: &str, version: Option<u32>) -> bool {
        let words = FileWords::of(src.as_bytes());
        filter.wants(
            src.as_bytes(),
            &words,
            version.map(|minor| GoVersion { minor }),
        )
    }

    #[test]
    fn words_of_enabled_rules_only() {
        let locks = filter(&["GF101"]);
        assert!(wants(&locks, "func f() { mu.Lock() }", None));
        assert!(wants(
            &locks,
            "import \"sync\"\ntype T struct{ mu sync.Mutex }",
            None
        ));
        assert!(!wants(&locks, "package p\nfunc f() { go g() }", None));
        assert!(!wants(
            &locks,
            "package p // Lock\nvar s = \"Unlock\"\nvar Locked = 1",
            None
        ));
        let goroutines = filter(&["GF301"]);
        assert!(wants(&goroutines, "func f() { go g() }", None));
        assert!(wants(
            &goroutines,
            "func f() { g.Go(func() error { return nil }) }",
            None
        ));
        assert!(!wants(&goroutines, "func f() { mu.Lock() } // go on", None));
    }

    #[test]
    fn conditions_with_an_import_or_a_second_word_need_both() {
        // A lock type counts only where `sync` is imported; a lock call counts anywhere.
        let locks = filter(&["GF111"]);
        assert!(wants(&locks, "import s \"sync\"\nvar c s.Cond", None));
        assert!(!wants(
            &locks,
            "import \"go/ast\"\nfunc f(c ast.Cond) {}",
            None
        ));
        assert!(wants(&locks, "func f(l Locker) { l.Lock() }", None));
        // GF402: a cancel constructor of an imported `context`.
        let cancels = filter(&["GF402"]);
        assert!(wants(
            &cancels,
            "import c \"context\"\nvar _, f = c.WithCancel(p)",
            None
        ));
        assert!(!wants(
            &cancels,
            "import \"context\"\nfunc f(ctx context.Context) {}",
            None
        ));
        assert!(!wants(&cancels, "func WithCancel() {}", None));
        // Channel rules judge channels a function makes.
        let channels = filter(&["GF210"]);
        assert!(wants(&channels, "func f() { c := make(chan int) }", None));
        assert!(!wants(&channels, "func f(c chan int) { c <- 1 }", None));
    }

    #[test]
    fn directives_are_found_in_comments() {
        let directives = filter(&["GF902"]);
        assert!(wants(
            &directives,
            "var x = 1 //nolint:errcheck,gofix",
            None
        ));
        assert!(wants(
            &directives,
            "//gofix:ignore GF101 reason\nvar x = 1",
            None
        ));
        assert!(!wants(&directives, "var x = 1 //nolint:errcheck", None));
    }

    #[test]
    fn version_bound_rules_judge_only_their_versions() {
        let old_loops = filter(&["GF320"]);
        let src = "func f() { for _, v := range xs { defer func() { use(v) }() } }";
        assert!(wants(&old_loops, src, None));
        assert!(wants(&old_loops, src, Some(21)));
        assert!(!wants(&old_loops, src, Some(22)));
        let copies = filter(&["GF321"]);
        let src = "func f() { for _, v := range xs {\n\tv := v\n} }";
        assert!(!wants(&copies, src, None));
        assert!(!wants(&copies, src, Some(21)));
        assert!(wants(&copies, src, Some(22)));
        let ticks = filter(&["GF303"]);
        let src = "import \"time\"\nvar c = time.Tick(d)";
        assert!(wants(&ticks, src, Some(22)));
        assert!(!wants(&ticks, src, Some(23)));
        assert!(!wants(&ticks, src, None));
    }

    #[test]
    fn every_rule_declares_a_trigger() {
        for entry in RULES {
            assert!(
                !entry.triggers.is_empty(),
                "{} has no trigger",
                entry.rule.code
            );
            for t in entry.triggers {
                let any = !t.words.is_empty() || !t.raw.is_empty() || t.scan.is_some();
                assert!(any, "{} has an empty condition", entry.rule.code);
                let all = t.words.iter().chain(t.with_words).chain(t.with_imports);
                for w in all.chain(t.raw) {
                    assert!(!w.is_empty(), "{}", entry.rule.code);
                }
            }
        }
        let all: Vec<&RuleEntry> = RULES.iter().collect();
        let filter = Prefilter::new(&all);
        assert!(!wants(
            &filter,
            "package p\n\nfunc f() int { return 1 }\n",
            Some(27)
        ));
    }
}
