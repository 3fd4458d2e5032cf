use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::locks::method_on;
use crate::syntax::{
    MethodCall, enclosing_function, is_function, previous_statement, squeeze, statement_call,
    walk_subtree,
};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `X.Lock()` followed by `defer X.Lock()` (and `defer X.RLock()` after
    /// `X.RLock()`): a typo for `defer X.Unlock()`.
    ///
    /// ## Why is this bad?
    /// The deferred call locks the mutex a second time when the function returns. Go
    /// mutexes are not re-entrant, so the function deadlocks on its way out.
    ///
    /// ## Example
    /// ```go
    /// c.mu.Lock()
    /// defer c.mu.Lock()
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// c.mu.Lock()
    /// defer c.mu.Unlock()
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the original deadlocks on every call, so no correct program relies on it. No
    /// fix when the function also unlocks explicitly later: the deferred unlock would then
    /// unlock twice and panic.
    ///
    /// ## Known problems
    /// `mu.Unlock(); defer mu.Lock()` (release now, take it back on the way out) is
    /// deliberate and not reported.
    ///
    /// ## References
    /// - Checklist item 3, "Always Defer Mutex Unlock"
    /// - staticcheck SA2003 (deferred Lock right after locking)
    pub struct DeferredLock {
        code: "GF104",
        name: "deferred-lock",
        item: 3,
        severity: Critical,
        fix: Sometimes,
    }
}

pub fn check<'a>(defer: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    let Some(call) = statement_call(defer).and_then(MethodCall::of) else {
        return;
    };
    let method = &src[call.method.byte_range()];
    if !(call.has_no_arguments() && (method == "Lock" || method == "RLock")) {
        return;
    }
    let receiver = squeeze(&src[call.receiver.byte_range()]);
    // Only right after the same Lock: `mu.Unlock(); defer mu.Lock()` is deliberate.
    let locked_before = previous_statement(defer)
        .filter(|prev| prev.kind_name() == "expression_statement")
        .and_then(statement_call)
        .and_then(|prev| method_on(prev, &receiver, src))
        == Some(method);
    if !locked_before {
        return;
    }
    let unlock = if method == "RLock" {
        "RUnlock"
    } else {
        "Unlock"
    };
    let shown = &src[call.receiver.byte_range()];
    // With an explicit unlock later as well, the deferred one would unlock twice and panic.
    let fix = (!unlocked_later(defer, &receiver, unlock, src)).then(|| {
        Fix::new(
            format!("Defer `{shown}.{unlock}()` instead"),
            Applicability::Safe,
            vec![Edit::replacement(
                call.method.start_byte(),
                call.method.end_byte(),
                unlock,
            )],
        )
    });
    let message = format!(
        "`defer {shown}.{method}()` locks again on return and deadlocks; the unlock was meant"
    );
    checker.report(Diagnostic::new(&DeferredLock::RULE, range(defer), message).with_fix(fix));
}

/// Whether the function holding `defer` also calls `receiver.unlock()` itself after it.
fn unlocked_later(defer: Node<'_>, receiver: &str, unlock: &str, src: &str) -> bool {
    let Some(body) = enclosing_function(defer).and_then(|f| f.field("body")) else {
        return false;
    };
    let mut found = false;
    walk_subtree(body, |n| {
        if found || is_function(n.kind_name()) {
            return false;
        }
        if n.kind_name() == "expression_statement"
            && n.start_byte() > defer.end_byte()
            && statement_call(n).and_then(|c| method_on(c, receiver, src)) == Some(unlock)
        {
            found = true;
        }
        !found
    });
    found
}
