//! The only list of rules: code, name, checklist item, severity (in each rule's metadata) and
//! the pass the walker dispatches to, with the node kinds it wants.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Rule;
use crate::prefilter::words::FileWords;
use crate::transforms::atomic_assigned_back::{self, AtomicAssignedBack};
use crate::transforms::double_checked_locking::{self, DoubleCheckedLocking};
use crate::transforms::global_written_in_goroutine::{self, GlobalWrittenInGoroutine};
use crate::transforms::goroutine_without_exit::{self, GoroutineWithoutExit};
use crate::transforms::lock_copied::{self, LockCopied};
use crate::transforms::lock_reentry::{self, LockReentry};
use crate::transforms::test_fatal_in_goroutine::{self, TestFatalInGoroutine};
use crate::transforms::time_after_in_loop::{self, TimeAfterInLoop};
use crate::transforms::time_tick_leak::{self, TimeTickLeak};
use crate::transforms::{
    FUNCTION_KINDS, defer_unlock_in_loop::DeferUnlockInLoop, deferred_lock::DeferredLock,
    empty_critical_section::EmptyCriticalSection, lock_held_on_return::LockHeldOnReturn,
    lock_without_deferred_unlock::LockWithoutDeferredUnlock,
    loop_variable_captured::LoopVariableCaptured, mismatched_unlock::MismatchedUnlock,
    redundant_loop_variable_copy::RedundantLoopVariableCopy,
};
use crate::transforms::{
    cancel_not_called::{self, CancelNotCalled},
    context_background_in_scope::{self, ContextBackgroundInScope},
    request_without_context::{self, RequestWithoutContext},
};
use crate::transforms::{
    channel_closed_by_many::{self, ChannelClosedByMany},
    oversized_channel_buffer::{self, OversizedChannelBuffer},
    producer_never_closes::{self, ProducerNeverCloses},
    receiver_closes_channel::{self, ReceiverClosesChannel},
    unbuffered_result_leak::{self, UnbufferedResultLeak},
    unbuffered_signal_channel::{self, UnbufferedSignalChannel},
};
use crate::transforms::{
    defer_unlock_in_loop, deferred_lock, empty_critical_section, lock_held_on_return,
    lock_without_deferred_unlock, loop_variable_captured, mismatched_unlock,
    redundant_loop_variable_copy,
};
use crate::transforms::{
    field_accessed_without_lock::{self, FieldAccessedWithoutLock},
    mutex_could_be_rwmutex::{self, MutexCouldBeRwmutex},
};
use crate::transforms::{
    suppression_without_reason::{self, SuppressionWithoutReason},
    unknown_code_in_suppression::{self, UnknownCodeInSuppression},
    unused_suppression::{self, UnusedSuppression},
};
use crate::transforms::{
    waitgroup_add_in_goroutine::{self, WaitgroupAddInGoroutine},
    waitgroup_by_value::{self, WaitgroupByValue},
    waitgroup_done_not_deferred::{self, WaitgroupDoneNotDeferred},
    waitgroup_wait_in_loop::{self, WaitgroupWaitInLoop},
};

/// A rule and its pass.
pub struct RuleEntry {
    pub rule: &'static Rule,
    /// Node kinds the pass is called on.
    pub kinds: &'static [&'static str],
    pub run: for<'a> fn(Node<'a>, &mut Checker<'a>),
    /// What a file must hold for the rule to fire in it, or for the file to feed the package
    /// facts the rule reads: any one of these conditions. The prefilter (src/prefilter.rs)
    /// parses only such files and the files linked to them (src/selection.rs). A trigger
    /// must be necessary, never just likely: when in doubt, broader.
    pub triggers: &'static [Triggers],
}

/// One prefilter condition of a rule (see [`RuleEntry::triggers`]), met by a file of a Go
/// version the rule judges that holds one of the words (with one of `with_words` and one of
/// `with_imports` when those are given), one of the raw strings, or the scanned shape.
#[derive(Clone, Copy)]
pub struct Triggers {
    /// Identifiers or keywords, outside comments and strings.
    pub words: &'static [&'static str],
    /// When not empty, a word from `words` counts only beside one of these.
    pub with_words: &'static [&'static str],
    /// When not empty, a word from `words` counts only in a file importing one of these
    /// paths (an aliased import still spells its path).
    pub with_imports: &'static [&'static str],
    /// Byte strings anywhere, comments included.
    pub raw: &'static [&'static str],
    /// A question to the lexed file, for shapes no fixed word pins down.
    pub scan: Option<fn(&FileWords<'_>) -> bool>,
    /// The files, by Go version, the rule judges at all.
    pub versions: Versions,
}

/// Which files a rule judges, by their Go version (see `discover::GoVersion`).
#[derive(Clone, Copy, PartialEq)]
pub enum Versions {
    Any,
    /// Files below this minor version, or of unknown version.
    UnknownOrBelow(u32),
    /// Files known to be below this minor version.
    KnownBelow(u32),
    /// Files known to be at this minor version or later.
    KnownFrom(u32),
}

impl Triggers {
    /// Whether two conditions are one (rules of a family share their constants).
    pub fn same_as(&self, other: &Triggers) -> bool {
        self.words == other.words
            && self.with_words == other.with_words
            && self.with_imports == other.with_imports
            && self.raw == other.raw
            && self.versions == other.versions
            && match (self.scan, other.scan) {
                (Some(a), Some(b)) => std::ptr::fn_addr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }

    pub const fn words(words: &'static [&'static str]) -> Self {
        Triggers {
            words,
            with_words: &[],
            with_imports: &[],
            raw: &[],
            scan: None,
            versions: Versions::Any,
        }
    }

    /// `words`, counted only in a file importing one of `imports`.
    const fn imported(words: &'static [&'static str], imports: &'static [&'static str]) -> Self {
        Triggers {
            with_imports: imports,
            ..Triggers::words(words)
        }
    }
}

/// Every lock call: `Lock`, `RLock`, `Unlock`, `RUnlock`, `TryLock`, `TryRLock`.
const LOCK_CALLS: Triggers =
    Triggers::words(&["Lock", "RLock", "Unlock", "RUnlock", "TryLock", "TryRLock"]);

/// Every lock a package declares (a field, variable or parameter) names its `sync` type,
/// one of `lock_types::LOCK_TYPES`, in a file importing `"sync"`.
const SYNC_TYPES: Triggers = Triggers::imported(
    &["Mutex", "RWMutex", "WaitGroup", "Once", "Cond"],
    &["sync"],
);

/// A goroutine start: a `go` statement or an `X.Go(…)` call. A named function it starts, in
/// another file, comes by the package facts' links.
const GOROUTINE_STARTS: Triggers = Triggers::words(&["go", "Go"]);

/// Lock rules (GF101–GF120): lock calls and lock declarations. The types holding locks, and
/// the methods and files using their fields (GF110, GF111, GF120), come by links.
const LOCKS: &[Triggers] = &[LOCK_CALLS, SYNC_TYPES];

/// GF130: a lock, or the unsynchronised check-then-set in code a goroutine runs.
const DOUBLE_CHECKS: &[Triggers] = &[LOCK_CALLS, SYNC_TYPES, GOROUTINE_STARTS];

/// Channel rules: they only judge channels a function makes (`make(chan …)`), or in GF212
/// the `make(chan …)` itself; GF211's `signal.Notify` channel too.
const CHANNELS: &[Triggers] = &[Triggers {
    with_words: &["make"],
    ..Triggers::words(&["chan"])
}];

/// Goroutine rules (GF301, GF304, GF305).
const GOROUTINES: &[Triggers] = &[GOROUTINE_STARTS];

/// GF302 is about `time.After`.
const TIME_AFTER: &[Triggers] = &[Triggers::imported(&["After"], &["time"])];

/// GF303 is about `time.Tick`, in files known to be older than Go 1.23.
const TIME_TICK: &[Triggers] = &[Triggers {
    versions: Versions::KnownBelow(23),
    ..Triggers::imported(&["Tick"], &["time"])
}];

/// GF306 needs the import path `"sync/atomic"`.
const ATOMICS: &[Triggers] = &[Triggers {
    raw: &["sync/atomic"],
    ..Triggers::words(&[])
}];

/// WaitGroup rules: GF310, GF311 and GF313 judge goroutines and the WaitGroups the package
/// declares; GF312 judges `WaitGroup` parameters and copies, and reaches the call sites by
/// links.
const WAITGROUPS: &[Triggers] = &[
    GOROUTINE_STARTS,
    Triggers::imported(&["WaitGroup"], &["sync"]),
];

/// GF320 (files below Go 1.22, or of unknown version): a closure that runs after its
/// iteration is started by `go`, `defer`, `X.Go(…)` or a parallel subtest (`t.Parallel()`).
const LATE_CLOSURES: &[Triggers] = &[Triggers {
    versions: Versions::UnknownOrBelow(22),
    ..Triggers::words(&["go", "Go", "defer", "Parallel"])
}];

/// GF321 (files known to be Go 1.22 or later): `v := v` (or `k, v := k, v`) at the top of a
/// loop body; no word names it, so the prefilter looks for the shape itself.
const SELF_COPIES: &[Triggers] = &[Triggers {
    scan: Some(crate::prefilter::has_self_copy),
    versions: Versions::KnownFrom(22),
    ..Triggers::words(&[])
}];

/// GF401: `http.NewRequest`, `http.Get`, `Head`, `Post`, `PostForm`.
const HTTP: &[Triggers] = &[Triggers::imported(
    &["NewRequest", "Get", "Head", "Post", "PostForm"],
    &["net/http"],
)];

/// GF402: the cancel of `context.WithCancel` and its siblings.
const CANCELS: &[Triggers] = &[Triggers::imported(
    crate::syntax::contexts::CANCEL_CONSTRUCTORS,
    &["context"],
)];

/// GF403: `context.Background()` and `context.TODO()`.
const BACKGROUNDS: &[Triggers] = &[Triggers::imported(&["Background", "TODO"], &["context"])];

/// GF901–GF903 judge `//gofix:ignore`, `//gofix:file-ignore` and `//nolint:…gofix`
/// directives, which live in comments.
const DIRECTIVES: &[Triggers] = &[Triggers {
    raw: &["gofix"],
    ..Triggers::words(&[])
}];

/// Every rule, in code order. Fixes are preferred in this order when they collide.
pub static RULES: &[RuleEntry] = &[
    RuleEntry {
        rule: &LockWithoutDeferredUnlock::RULE,
        triggers: LOCKS,
        kinds: FUNCTION_KINDS,
        run: lock_without_deferred_unlock::check,
    },
    RuleEntry {
        rule: &LockHeldOnReturn::RULE,
        triggers: LOCKS,
        kinds: FUNCTION_KINDS,
        run: lock_held_on_return::check,
    },
    RuleEntry {
        rule: &EmptyCriticalSection::RULE,
        triggers: LOCKS,
        kinds: FUNCTION_KINDS,
        run: empty_critical_section::check,
    },
    RuleEntry {
        rule: &DeferredLock::RULE,
        triggers: LOCKS,
        kinds: &["defer_statement"],
        run: deferred_lock::check,
    },
    RuleEntry {
        rule: &DeferUnlockInLoop::RULE,
        triggers: LOCKS,
        kinds: &["defer_statement"],
        run: defer_unlock_in_loop::check,
    },
    RuleEntry {
        rule: &MismatchedUnlock::RULE,
        triggers: LOCKS,
        kinds: FUNCTION_KINDS,
        run: mismatched_unlock::check,
    },
    RuleEntry {
        rule: &LockReentry::RULE,
        triggers: LOCKS,
        kinds: &["method_declaration"],
        run: lock_reentry::check,
    },
    RuleEntry {
        rule: &MutexCouldBeRwmutex::RULE,
        triggers: LOCKS,
        kinds: &["field_declaration"],
        run: mutex_could_be_rwmutex::check,
    },
    RuleEntry {
        rule: &LockCopied::RULE,
        triggers: LOCKS,
        kinds: FUNCTION_KINDS,
        run: lock_copied::check,
    },
    RuleEntry {
        rule: &FieldAccessedWithoutLock::RULE,
        triggers: LOCKS,
        kinds: &["method_declaration"],
        run: field_accessed_without_lock::check,
    },
    RuleEntry {
        rule: &DoubleCheckedLocking::RULE,
        triggers: DOUBLE_CHECKS,
        kinds: &["if_statement"],
        run: double_checked_locking::check,
    },
    RuleEntry {
        rule: &ProducerNeverCloses::RULE,
        triggers: CHANNELS,
        kinds: FUNCTION_KINDS,
        run: producer_never_closes::check,
    },
    RuleEntry {
        rule: &ReceiverClosesChannel::RULE,
        triggers: CHANNELS,
        kinds: FUNCTION_KINDS,
        run: receiver_closes_channel::check,
    },
    RuleEntry {
        rule: &ChannelClosedByMany::RULE,
        triggers: CHANNELS,
        kinds: FUNCTION_KINDS,
        run: channel_closed_by_many::check,
    },
    RuleEntry {
        rule: &UnbufferedResultLeak::RULE,
        triggers: CHANNELS,
        kinds: FUNCTION_KINDS,
        run: unbuffered_result_leak::check,
    },
    RuleEntry {
        rule: &UnbufferedSignalChannel::RULE,
        triggers: CHANNELS,
        kinds: FUNCTION_KINDS,
        run: unbuffered_signal_channel::check,
    },
    RuleEntry {
        rule: &OversizedChannelBuffer::RULE,
        triggers: CHANNELS,
        kinds: &["call_expression"],
        run: oversized_channel_buffer::check,
    },
    RuleEntry {
        rule: &GoroutineWithoutExit::RULE,
        triggers: GOROUTINES,
        kinds: FUNCTION_KINDS,
        run: goroutine_without_exit::check,
    },
    RuleEntry {
        rule: &TimeAfterInLoop::RULE,
        triggers: TIME_AFTER,
        kinds: &["call_expression"],
        run: time_after_in_loop::check,
    },
    RuleEntry {
        rule: &TimeTickLeak::RULE,
        triggers: TIME_TICK,
        kinds: &["call_expression"],
        run: time_tick_leak::check,
    },
    RuleEntry {
        rule: &GlobalWrittenInGoroutine::RULE,
        triggers: GOROUTINES,
        kinds: &[
            "assignment_statement",
            "inc_statement",
            "dec_statement",
            "for_statement",
        ],
        run: global_written_in_goroutine::check,
    },
    RuleEntry {
        rule: &TestFatalInGoroutine::RULE,
        triggers: GOROUTINES,
        kinds: &["call_expression"],
        run: test_fatal_in_goroutine::check,
    },
    RuleEntry {
        rule: &AtomicAssignedBack::RULE,
        triggers: ATOMICS,
        kinds: &["assignment_statement"],
        run: atomic_assigned_back::check,
    },
    RuleEntry {
        rule: &WaitgroupAddInGoroutine::RULE,
        triggers: WAITGROUPS,
        kinds: &["go_statement"],
        run: waitgroup_add_in_goroutine::check,
    },
    RuleEntry {
        rule: &WaitgroupDoneNotDeferred::RULE,
        triggers: WAITGROUPS,
        kinds: FUNCTION_KINDS,
        run: waitgroup_done_not_deferred::check,
    },
    RuleEntry {
        rule: &WaitgroupByValue::RULE,
        triggers: WAITGROUPS,
        kinds: &[
            "function_declaration",
            "method_declaration",
            "func_literal",
            "short_var_declaration",
            "assignment_statement",
            "var_spec",
        ],
        run: waitgroup_by_value::check,
    },
    RuleEntry {
        rule: &WaitgroupWaitInLoop::RULE,
        triggers: WAITGROUPS,
        kinds: &["call_expression"],
        run: waitgroup_wait_in_loop::check,
    },
    RuleEntry {
        rule: &LoopVariableCaptured::RULE,
        triggers: LATE_CLOSURES,
        kinds: &["for_statement"],
        run: loop_variable_captured::check,
    },
    RuleEntry {
        rule: &RedundantLoopVariableCopy::RULE,
        triggers: SELF_COPIES,
        kinds: &["for_statement"],
        run: redundant_loop_variable_copy::check,
    },
    RuleEntry {
        rule: &RequestWithoutContext::RULE,
        triggers: HTTP,
        kinds: &["call_expression"],
        run: request_without_context::check,
    },
    RuleEntry {
        rule: &CancelNotCalled::RULE,
        triggers: CANCELS,
        kinds: FUNCTION_KINDS,
        run: cancel_not_called::check,
    },
    RuleEntry {
        rule: &ContextBackgroundInScope::RULE,
        triggers: BACKGROUNDS,
        kinds: &["call_expression"],
        run: context_background_in_scope::check,
    },
    // Meta rules: reported by the suppression step (src/suppress.rs), never by the walk.
    RuleEntry {
        rule: &SuppressionWithoutReason::RULE,
        triggers: DIRECTIVES,
        kinds: &[],
        run: suppression_without_reason::check,
    },
    RuleEntry {
        rule: &UnknownCodeInSuppression::RULE,
        triggers: DIRECTIVES,
        kinds: &[],
        run: unknown_code_in_suppression::check,
    },
    RuleEntry {
        rule: &UnusedSuppression::RULE,
        triggers: DIRECTIVES,
        kinds: &[],
        run: unused_suppression::check,
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
            // Meta rules (GF9xx, about suppressions) come from no checklist item.
            let meta = rule.code.starts_with("GF9") && rule.checklist_item == 0;
            assert!(meta || (1..=10).contains(&rule.checklist_item));
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

    /// The `.go` files below `dir`, case folders included, as paths relative to `base`.
    fn go_files(dir: &Path, base: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                go_files(&path, base, out);
            } else if path.extension().is_some_and(|x| x == "go") {
                out.push(path.strip_prefix(base).unwrap().with_extension(""));
            }
        }
    }

    #[test]
    fn every_rule_has_fixtures_and_snapshots() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let transforms = root.join("transforms");
        for entry in RULES {
            let code = entry.rule.code;
            let dir = transforms.join(code);
            assert!(
                dir.is_dir(),
                "{code} has no fixture folder {}",
                dir.display()
            );
            let mut fixtures = Vec::new();
            go_files(&dir, &transforms, &mut fixtures);
            assert!(!fixtures.is_empty(), "{code} has no fixtures");
            for fixture in fixtures {
                let name = fixture.to_string_lossy().replace(['/', '\\'], "__");
                let snap = root
                    .join("snapshots")
                    .join(format!("fixtures__{name}.snap"));
                assert!(
                    snap.exists(),
                    "{}.go has no snapshot {}",
                    fixture.display(),
                    snap.display()
                );
            }
        }
    }
}
