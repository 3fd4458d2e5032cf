use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;

use super::lock_without_deferred_unlock::is_empty_section;
use super::range;

define_rule! {
    /// ## What it does
    /// Finds `X.Lock()` directly followed by `X.Unlock()` (and the `RLock` twin).
    ///
    /// ## Why is this bad?
    /// An empty critical section protects nothing. It is sometimes a deliberate barrier
    /// ("wait until whoever holds the lock is done"), but more often a leftover from a
    /// refactoring that moved the protected code away.
    ///
    /// ## Example
    /// ```go
    /// c.mu.Lock()
    /// c.mu.Unlock()
    /// c.n++
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// c.mu.Lock()
    /// c.n++
    /// c.mu.Unlock()
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the author knows whether the barrier is meant.
    ///
    /// ## Known problems
    /// A deliberate barrier is reported too; suppress it with a comment saying why.
    ///
    /// ## References
    /// - Checklist item 3, "Always Defer Mutex Unlock"
    /// - staticcheck SA2001 (empty critical section)
    pub struct EmptyCriticalSection {
        code: "GF103",
        name: "empty-critical-section",
        item: 3,
        severity: Medium,
        fix: None,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let sites = checker.lock_sites(func);
    for site in sites.iter() {
        if !is_empty_section(site, checker.text()) {
            continue;
        }
        let receiver = &checker.text()[site.call.receiver.byte_range()];
        let message =
            format!("Empty critical section: `{receiver}` is unlocked right after it is locked");
        checker.report(Diagnostic::new(
            &EmptyCriticalSection::RULE,
            range(site.stmt),
            message,
        ));
    }
}
