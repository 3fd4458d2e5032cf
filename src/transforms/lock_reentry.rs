use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, TextRange};

define_rule! {
    /// ## What it does
    /// Finds, inside a critical section of a method, a call that takes the same lock again:
    /// `c.mu.Lock()` a second time, or a method of the same type that locks `c.mu` itself
    /// (directly or through the methods it calls).
    ///
    /// ## Why is this bad?
    /// Go's mutexes are not re-entrant. Locking a `sync.Mutex` the goroutine already holds
    /// blocks forever; an `RLock` taken while holding the write lock does too; and an
    /// `RLock` taken twice deadlocks as soon as a writer starts waiting between the two.
    ///
    /// ## Example
    /// ```go
    /// func (c *Cache) Summary() string {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     return fmt.Sprint(c.Len()) // Len locks c.mu again
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (c *Cache) Summary() string {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     return fmt.Sprint(c.lenLocked())
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the usual cure is a `…Locked` variant of the called method that expects the
    /// lock to be held, which is a design change.
    ///
    /// ## Known problems
    /// Only calls on the method's receiver, to methods of the same type, are followed, and
    /// only before the first explicit unlock in the source (after it, the lock may already be
    /// released on the path that reaches the call).
    ///
    /// ## References
    /// - Checklist item 3, "Always Defer Mutex Unlock"
    /// - <https://pkg.go.dev/sync#Mutex>
    pub struct LockReentry {
        code: "GF107",
        name: "lock-reentry",
        item: 3,
        severity: Critical,
        fix: None,
    }
}

pub fn check<'a>(method: Node<'a>, checker: &mut Checker<'a>) {
    let within = TextRange::new(method.start_byte(), method.end_byte());
    let mut found: Vec<(TextRange, String)> = Vec::new();
    let locks = checker.package.locks();
    for &(field, at) in &locks.reentrant {
        let section = &locks.fields[field].sections[at];
        if section.file != checker.file.path
            || section.lock_method.start < within.start
            || section.lock_method.end > within.end
        {
            continue;
        }
        let (row, _) = checker.file.location(section.lock_method.start);
        let outcome = if section.read_lock {
            "deadlocks once a writer waits between the two"
        } else {
            "deadlocks: Go mutexes are not re-entrant"
        };
        for (at, what) in &section.reentries {
            found.push((
                *at,
                format!("{what} while it is held (locked on line {row}); this {outcome}"),
            ));
        }
    }
    for (at, message) in found {
        checker.report(Diagnostic::new(&LockReentry::RULE, at, message));
    }
}
