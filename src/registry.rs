//! The only list of rules: code, name, checklist item, severity (in each rule's metadata) and
//! the pass the walker dispatches to, with the node kinds it wants.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Rule;
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
    /// What must occur in the bytes of some file of a package for the rule to be able to
    /// fire there; the prefilter (src/prefilter.rs) skips parsing packages where no enabled
    /// rule's triggers occur. A trigger must be necessary, never just likely: when in doubt,
    /// broader.
    pub triggers: Triggers,
}

/// A rule's prefilter condition (see [`RuleEntry::triggers`]).
#[derive(Clone, Copy)]
pub enum Triggers {
    /// Any of these byte strings, anywhere in some file of the package (comments included:
    /// a false hit only costs a parse).
    Tokens(&'static [&'static str]),
    /// A byte scan of one file, for shapes no fixed token pins down.
    Scan(fn(&[u8]) -> bool),
}

/// Lock rules (GF101–GF130). Every lock call is `Lock`, `Unlock`, `RLock`, `RUnlock`,
/// `TryLock`… (all contain `Lock`), and every lock the package declares (a field, variable or
/// parameter of `sync.Mutex`, `RWMutex`, `WaitGroup`, `Once`, `Cond`, or a type holding one)
/// needs the import path `"sync"` in the file declaring it. GF110 and GF120 need every file
/// of such a package, which the prefilter guarantees by deciding per package.
const LOCKS: Triggers = Triggers::Tokens(&["Lock", "sync"]);

/// Channel rules: they only judge channels a function makes (`make(chan …)`), or in GF212
/// the `make(chan …)` itself.
const CHANNELS: Triggers = Triggers::Tokens(&["chan"]);

/// GF211 asks `signal.Notify` (import path `"os/signal"`) about a channel.
const SIGNALS: Triggers = Triggers::Tokens(&["signal"]);

/// Goroutine rules (GF301, GF304): a body runs as a goroutine only when a `go` statement or
/// an `X.Go(…)` call starts it. `go` may be followed by any white space, `(` or a comment.
const GOROUTINES: Triggers =
    Triggers::Tokens(&["go ", "go\t", "go\n", "go\r", "go(", "go/", "Go("]);

/// GF302 is about `time.After`, whatever the import is named.
const TIME_AFTER: Triggers = Triggers::Tokens(&["After"]);

/// GF303 is about `time.Tick`.
const TIME_TICK: Triggers = Triggers::Tokens(&["Tick"]);

/// GF305: `t.Fatal`, `t.Fatalf`, `t.FailNow`, `t.Skip`, `t.Skipf`, `t.SkipNow`.
const TEST_STOPS: Triggers = Triggers::Tokens(&["Fatal", "FailNow", "Skip"]);

/// GF306 needs the import path `"sync/atomic"`.
const ATOMICS: Triggers = Triggers::Tokens(&["atomic"]);

/// WaitGroup rules: `X.Add(` (GF310), `X.Done()` (GF311), a `sync.WaitGroup` type (GF312,
/// which needs the `"sync"` import), `X.Wait()` (GF313).
const WAITGROUPS: Triggers = Triggers::Tokens(&["Add", "Done", "sync", "Wait"]);

/// GF320: a closure that runs after its iteration is started by `go`, `defer`, `X.Go(…)` or
/// a parallel subtest (`t.Parallel()`).
const LATE_CLOSURES: Triggers = Triggers::Tokens(&[
    "go ", "go\t", "go\n", "go\r", "go(", "go/", "Go(", "defer", "Parallel",
]);

/// GF321: `v := v` (or `k, v := k, v`) at the top of a loop body; no token names it, so the
/// prefilter looks for the shape itself.
const SELF_COPIES: Triggers = Triggers::Scan(crate::prefilter::has_self_copy);

/// GF401 is about `net/http` requests (the import path `"net/http"`).
const HTTP: Triggers = Triggers::Tokens(&["http"]);

/// GF402, GF403: they need the `"context"` import.
const CONTEXTS: Triggers = Triggers::Tokens(&["context"]);

/// GF901–GF903 judge `//gofix:ignore` and `//gofix:file-ignore` directives.
const DIRECTIVES: Triggers = Triggers::Tokens(&["gofix:"]);

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
        triggers: LOCKS,
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
        triggers: SIGNALS,
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
        triggers: TEST_STOPS,
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
        triggers: CONTEXTS,
        kinds: FUNCTION_KINDS,
        run: cancel_not_called::check,
    },
    RuleEntry {
        rule: &ContextBackgroundInScope::RULE,
        triggers: CONTEXTS,
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
