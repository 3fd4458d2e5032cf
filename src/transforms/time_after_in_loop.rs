use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::package::import_name;
use crate::syntax::MethodCall;
use crate::syntax::goroutines::{enclosing_loop, is_event_loop, leaves_loop};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `case <-time.After(d):` in a `select` that runs in an event loop (`for { … }`,
    /// `for cond { … }`), where another case of that `select` (or its `default`) goes round
    /// the loop again.
    ///
    /// ## Why is this bad?
    /// `time.After` makes a new timer each time the `select` is reached. When another case
    /// keeps firing, the timeout starts over on every iteration and may never fire at all,
    /// although the loop reads as if it had one deadline; and before Go 1.23 every one of
    /// those timers stays in memory until it expires, so a busy loop with a long timeout piles
    /// them up.
    ///
    /// ## Example
    /// ```go
    /// for {
    ///     select {
    ///     case msg := <-in:
    ///         handle(msg)
    ///     case <-time.After(time.Minute):
    ///         return errIdle
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// timer := time.NewTimer(time.Minute)
    /// defer timer.Stop()
    /// for {
    ///     select {
    ///     case msg := <-in:
    ///         handle(msg)
    ///         timer.Reset(time.Minute) // if the timeout is meant per message
    ///     case <-timer.C:
    ///         return errIdle
    ///     }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: whether the timeout is meant for the whole loop or per message decides where
    /// the timer is made and whether it is reset.
    ///
    /// ## Known problems
    /// When every other case leaves the loop (`return`, a `break` out of it), the timer fires
    /// or the loop ends, so nothing piles up: such a `select` (a poll or back-off wait) is
    /// not reported. Neither is a `select` in a counting or `range` loop, which waits for one
    /// thing per iteration and usually means a timeout per item. A `time.After` stored in a
    /// variable inside the loop is not followed.
    ///
    /// ## References
    /// - Checklist item 9, "Avoid Goroutine Leaks"
    /// - <https://pkg.go.dev/time#After>
    /// - <https://go.dev/doc/go1.23#timer-changes>
    pub struct TimeAfterInLoop {
        code: "GF302",
        name: "time-after-in-loop",
        item: 9,
        severity: Medium,
        fix: None,
    }
}

pub fn check<'a>(call: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // Cheap filter: `X.After(…)` where `X` is the file's name for `time`.
    let Some(m) = MethodCall::of(call) else {
        return;
    };
    if &src[m.method.byte_range()] != "After" || m.receiver.kind_name() != "identifier" {
        return;
    }
    let Some(time) = import_name(checker.file, "time") else {
        return;
    };
    if src[m.receiver.byte_range()] != time {
        return;
    }
    // `case <-time.After(d):` or `case v := <-time.After(d):`.
    let Some(case) = receive_case(call) else {
        return;
    };
    let Some(select) = case.up().filter(|s| s.kind_name() == "select_statement") else {
        return;
    };
    // The `select` runs in an event loop of its own function: a counting or ranging loop
    // that waits for one thing per iteration wants a fresh timeout each time.
    let Some(loop_) = enclosing_loop(select).filter(|l| is_event_loop(*l)) else {
        return;
    };
    // Another case goes round the loop again: the timer is made anew without firing.
    let mut cursor = select.walk();
    let loops_again = select.named_children(&mut cursor).any(|c| {
        c.id() != case.id()
            && matches!(c.kind_name(), "communication_case" | "default_case")
            && !leaves_loop(loop_, c, src)
    });
    if !loops_again {
        return;
    }
    checker.report(Diagnostic::new(
        &TimeAfterInLoop::RULE,
        range(call),
        format!(
            "`{time}.After` in a `select` inside a loop makes a new timer on every iteration: the timeout restarts whenever another case fires; make one `{time}.NewTimer` outside the loop"
        ),
    ));
}

/// The `select` case whose communication receives from `call`.
fn receive_case(call: Node<'_>) -> Option<Node<'_>> {
    let recv = call
        .up()
        .filter(|u| u.kind_name() == "unary_expression")
        .filter(|u| u.field("operator").is_some_and(|op| op.kind_name() == "<-"))?;
    let stmt = recv.up().filter(|s| {
        s.kind_name() == "receive_statement"
            && s.field("right").is_some_and(|r| r.id() == recv.id())
    });
    // `case <-time.After(d):` may parse with the unary receive as the communication itself.
    let comm = stmt.unwrap_or(recv);
    comm.up().filter(|c| {
        c.kind_name() == "communication_case"
            && c.field("communication")
                .is_some_and(|x| x.id() == comm.id())
    })
}
