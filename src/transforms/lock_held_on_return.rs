use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::syntax::flow::{Successor, successor};
use crate::syntax::locks::{Release, ReleaseKind};

use super::defer_unlock_fix::defer_unlock_fix;
use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds a path from `X.Lock()` (or `X.RLock()`) to a `return`, a `panic` or the end of
    /// the function on which the lock is never released, in a function that does release it
    /// on its other paths.
    ///
    /// ## Why is this bad?
    /// The mutex stays locked after the function returns: the next `Lock` on it blocks
    /// forever. This is the classic early-return bug the checklist's "always defer" rule
    /// exists to prevent.
    ///
    /// ## Example
    /// ```go
    /// func (s *Store) Put(k string, v int) error {
    ///     s.mu.Lock()
    ///     if s.closed {
    ///         return errClosed // s.mu is still locked
    ///     }
    ///     s.m[k] = v
    ///     s.mu.Unlock()
    ///     return nil
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (s *Store) Put(k string, v int) error {
    ///     s.mu.Lock()
    ///     defer s.mu.Unlock()
    ///     if s.closed {
    ///         return errClosed
    ///     }
    ///     s.m[k] = v
    ///     return nil
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix is offered only when, besides the leaking paths, every unlock is the last
    /// thing the function does, so deferring it changes nothing on those paths and releases
    /// the lock on the leaking ones. Safe or Unsafe by the same rules as GF101; a lock inside
    /// a loop, or with work after one of its unlocks, is reported without a fix.
    ///
    /// ## Known problems
    /// Only functions that release the lock on some path are checked: a function that takes
    /// a lock and hands it to its caller is a pattern, not a leak. A path that passes a call
    /// whose name mentions "unlock", or hands the lock to a call, is not followed.
    ///
    /// ## References
    /// - Checklist item 3, "Always Defer Mutex Unlock"
    /// - <https://pkg.go.dev/sync#Mutex.Lock>
    pub struct LockHeldOnReturn {
        code: "GF102",
        name: "lock-held-on-return",
        item: 3,
        severity: Critical,
        fix: Sometimes,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let sites = checker.lock_sites(func);
    for site in sites.iter() {
        let Some(leak) = site.leaks.first() else {
            continue;
        };
        // Without a release before some exit, the lock may be meant for the caller to
        // release (an unlock that only leads round a retry loop is no such proof).
        if !site.releases.iter().any(releases_before_exit) {
            continue;
        }
        let src = checker.text();
        let receiver = &src[site.call.receiver.byte_range()];
        let method = if site.read { "RLock" } else { "Lock" };
        let exit = match leak.exit {
            Some(exit) => {
                let line = checker.file.location(exit.start_byte()).0;
                if exit.kind_name() == "return_statement" {
                    format!("at the `return` on line {line}")
                } else {
                    format!("when it panics on line {line}")
                }
            }
            None => "at the end of the function".to_owned(),
        };
        let message = format!("`{receiver}.{method}()` is still held {exit}");
        let fix = defer_unlock_fix(checker, site);
        checker.report(
            Diagnostic::new(&LockHeldOnReturn::RULE, range(site.stmt), message).with_fix(fix),
        );
    }
}

/// A release after which the function goes on towards an exit, rather than round its loop.
fn releases_before_exit(release: &Release<'_>) -> bool {
    match release.kind {
        ReleaseKind::Deferred | ReleaseKind::DeferredClosure => true,
        ReleaseKind::Explicit(_) => !matches!(
            successor(release.stmt),
            Successor::LoopBack(_) | Successor::Unknown
        ),
    }
}
