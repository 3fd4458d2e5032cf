use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, TextRange};

define_rule! {
    /// ## What it does
    /// For a struct type with a mutex field: finds a field that one method reads or writes
    /// while holding the mutex and another method touches without it.
    ///
    /// ## Why is this bad?
    /// Locking in one place and not the other is a data race: the unlocked access can see a
    /// half-written value, and the race detector only catches it when both run at once in a
    /// test. The method that takes the lock shows the author meant the field to be guarded.
    ///
    /// ## Example
    /// ```go
    /// func (c *Counter) Inc() {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     c.n++
    /// }
    ///
    /// func (c *Counter) Value() int {
    ///     return c.n // read without c.mu
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (c *Counter) Value() int {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     return c.n
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: where the lock should be taken, and whether the caller already holds it, is
    /// the author's call.
    ///
    /// ## Known problems
    /// Not reported: methods named `init…`/`new…` (they run before the value is shared),
    /// `…Locked`/`…locked` (the convention for "caller holds the lock"), methods only ever
    /// called from inside a section of the lock or from a constructor, fields only written
    /// by such code (set once, then read), fields never accessed under the lock, and
    /// `sync`/`atomic`/channel fields. Accesses are matched through the method receiver.
    ///
    /// ## References
    /// - Checklist item 1, "Protect Shared State with Mutexes"
    /// - <https://go.dev/ref/mem>
    pub struct FieldAccessedWithoutLock {
        code: "GF120",
        name: "field-accessed-without-lock",
        item: 1,
        severity: Critical,
        fix: None,
    }
}

pub fn check<'a>(method: Node<'a>, checker: &mut Checker<'a>) {
    let within = TextRange::new(method.start_byte(), method.end_byte());
    let found: Vec<(TextRange, String)> = checker
        .package
        .locks()
        .unguarded
        .iter()
        .filter(|u| {
            u.file == checker.file.path
                && u.range.start >= within.start
                && u.range.end <= within.end
        })
        .map(|u| (u.range, u.message.clone()))
        .collect();
    for (at, message) in found {
        checker.report(Diagnostic::new(
            &FieldAccessedWithoutLock::RULE,
            at,
            message,
        ));
    }
}
