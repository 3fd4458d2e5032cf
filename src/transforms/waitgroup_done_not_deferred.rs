use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::package::import_name;
use crate::syntax::started_by_go;
use crate::syntax::waitgroups::{Known, calls_method, declared_in, method_calls, root_identifier};
use crate::syntax::{
    MethodCall, enclosing_function, is_function, previous_statement, squeeze, statement_call,
    statements, walk_subtree,
};

use super::lines::{StatementLine, delete_line, insert_at_block_start};
use super::range;
use super::waitgroup_add_in_goroutine::{comment_above, ends_in_comment};
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `wg.Done()` written as the last statement of a goroutine (or of a function
    /// handed the WaitGroup) that can leave earlier: a `return` (in a branch, a `switch`, a
    /// loop), an explicit `panic`, or `runtime.Goexit()`, with no `Done` right before it.
    /// The fix defers the `Done` as the first statement.
    ///
    /// ## Why is this bad?
    /// On the early path the `Done` never runs, the counter never gets back to zero, and
    /// `wg.Wait()` blocks forever: the program hangs, or a goroutine leaks with everything it
    /// holds. It looks fine in review because the happy path reaches the end.
    ///
    /// ## Example
    /// ```go
    /// go func() {
    ///     v, err := fetch(u)
    ///     if err != nil {
    ///         log.Print(err)
    ///         return
    ///     }
    ///     results <- v
    ///     wg.Done()
    /// }()
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// go func() {
    ///     defer wg.Done()
    ///     v, err := fetch(u)
    ///     if err != nil {
    ///         log.Print(err)
    ///         return
    ///     }
    ///     results <- v
    /// }()
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the WaitGroup is declared as a `sync.WaitGroup` in the package and `Done`
    /// appears exactly once in the goroutine: on the path that reached the end, `Done` still
    /// runs once, when the goroutine finishes; on the early paths it now runs too, which is
    /// the fix. A trailing comment moves with the call. Unsafe when the receiver is only
    /// guessed to be a WaitGroup (from `Add` or `Wait` on it around the goroutine), when a
    /// comment line right above the call would stay behind, or when another `defer` of the
    /// goroutine can block (a channel operation, `Wait`, `Lock`): deferred calls run before
    /// the deferred `Done`, where before they ran after it. No fix when `Done` appears more
    /// than once, when the WaitGroup's variable is declared or assigned in the body (the
    /// deferred call would name another one, or none), or the body is written on one line.
    ///
    /// ## Known problems
    /// Silent when a `defer` already calls `Done`, when the goroutine recovers its own panic
    /// (its recovery code decides), and when every early exit calls `Done` right before it.
    /// Function literals are only looked into when a `go` statement starts them; declared
    /// functions and methods only when they take the WaitGroup as a parameter or a `go`
    /// statement of the package starts one of that name, and the WaitGroup is declared in
    /// the package (elsewhere a trailing `Done` may release a count taken for something
    /// else, behind a guard against releasing it twice). Exits through
    /// `os.Exit`/`log.Fatal` end the program and are not counted.
    ///
    /// ## References
    /// - Checklist item 10, "Use WaitGroup for Goroutine Coordination"
    /// - <https://pkg.go.dev/sync#WaitGroup>
    /// - <https://go.dev/ref/spec#Defer_statements>
    pub struct WaitgroupDoneNotDeferred {
        code: "GF311",
        name: "waitgroup-done-not-deferred",
        item: 10,
        severity: High,
        fix: Sometimes,
    }
}

/// A way out of the function that skips its trailing `Done`.
struct Exit<'a> {
    node: Node<'a>,
    what: &'static str,
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    let Some(body) = func.field("body") else {
        return;
    };
    // Cheap filter: no `.Done()` at all.
    if !src[body.byte_range()].contains(".Done()") {
        return;
    }
    // A literal counts when a `go` statement starts it.
    let goroutine = func.kind_name() == "func_literal";
    if goroutine && !started_by_go(func) {
        return;
    }
    // The last statement is `X.Done()`.
    let Some(&last) = statements(body).last() else {
        return;
    };
    let Some(done) = trailing_done(last, src) else {
        return;
    };
    let receiver = squeeze(&src[done.receiver.byte_range()]);
    // A declared function counts when it is the worker: handed the WaitGroup as a
    // parameter, or started by a `go` statement of the package. Elsewhere a trailing `Done`
    // may release a count taken for something else, and an early return may be a guard
    // against releasing it twice.
    if !goroutine {
        let handed = root_identifier(done.receiver)
            .is_some_and(|root| declared_in(root, func, src) == Some(true));
        let started = func.field("name").is_some_and(|n| {
            checker
                .package
                .waitgroups()
                .is_started(&src[n.byte_range()])
        });
        if !(handed || started) {
            return;
        }
    }
    // Already deferred (alone or in a deferred closure), or the goroutine recovers its own
    // panics and decides there what to do.
    if defers_done(body, &receiver, src) || recovers(body, src) {
        return;
    }
    // An exit that does not call `Done` right before it.
    let exits = exits_skipping(body, &receiver, src);
    let Some(first) = exits.first() else {
        return;
    };
    let sync = import_name(checker.file, "sync");
    let known = checker
        .package
        .waitgroups()
        .known(done.receiver, src, sync.as_deref());
    let guessed = match known {
        Known::WaitGroup(_) => false,
        Known::Other => return,
        // Not declared in view: a goroutine literal whose starter adds or waits on it.
        Known::Unknown => {
            let protocol = goroutine
                && enclosing_function(func).is_some_and(|outer| {
                    calls_method(outer, &receiver, "Wait", src)
                        || calls_method(outer, &receiver, "Add", src)
                });
            if !protocol {
                return;
            }
            true
        }
    };
    let line = checker.file.location(first.node.start_byte()).0;
    let who = if goroutine {
        "this goroutine"
    } else {
        "this function"
    };
    let message = format!(
        "`{receiver}.Done()` is skipped when {who} {} at line {line}: `{receiver}.Wait()` then waits forever",
        first.what
    );
    let fix = defer_fix(func, body, last, done, guessed, checker);
    checker.report(
        Diagnostic::new(&WaitgroupDoneNotDeferred::RULE, range(done.call), message).with_fix(fix),
    );
}

/// `X.Done()` as an expression statement.
fn trailing_done<'a>(stmt: Node<'a>, src: &str) -> Option<MethodCall<'a>> {
    if stmt.kind_name() != "expression_statement" {
        return None;
    }
    let call = MethodCall::of(statement_call(stmt)?)?;
    (&src[call.method.byte_range()] == "Done" && call.has_no_arguments()).then_some(call)
}

/// Whether a `defer` in the body (not in a nested function) calls `X.Done()`, directly or
/// from a deferred closure.
fn defers_done(body: Node<'_>, receiver: &str, src: &str) -> bool {
    let mut found = false;
    walk_subtree(body, |n| {
        if found || is_function(n.kind_name()) {
            return false;
        }
        if n.kind_name() == "defer_statement" {
            found = calls_method(n, receiver, "Done", src);
            return false;
        }
        !found
    });
    found
}

/// Whether the body defers a closure that calls `recover()`.
fn recovers(body: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(body, |n| {
        if found {
            return false;
        }
        if n.kind_name() == "defer_statement" {
            walk_subtree(n, |d| {
                if d.kind_name() == "call_expression"
                    && d.field("function")
                        .is_some_and(|f| &src[f.byte_range()] == "recover")
                {
                    found = true;
                }
                !found
            });
            return false;
        }
        !is_function(n.kind_name())
    });
    found
}

/// The `return`s, `panic`s and `runtime.Goexit()`s of the body (not of nested functions)
/// not preceded by `X.Done()`, in source order.
fn exits_skipping<'a>(body: Node<'a>, receiver: &str, src: &str) -> Vec<Exit<'a>> {
    let mut out = Vec::new();
    walk_subtree(body, |n| {
        if is_function(n.kind_name()) {
            return false;
        }
        let exit = match n.kind_name() {
            "return_statement" => Some((n, "returns")),
            "call_expression" => {
                n.field("function")
                    .and_then(|f| match squeeze(&src[f.byte_range()]).as_str() {
                        "panic" => n.up().map(|s| (s, "panics")),
                        "runtime.Goexit" => n.up().map(|s| (s, "exits")),
                        _ => None,
                    })
            }
            _ => None,
        };
        if let Some((stmt, what)) = exit {
            let covered = previous_statement(stmt)
                .and_then(|p| trailing_done(p, src))
                .is_some_and(|d| squeeze(&src[d.receiver.byte_range()]) == receiver);
            if !covered {
                out.push(Exit { node: stmt, what });
            }
        }
        true
    });
    out
}

/// Before:
/// ```go
/// go func() {
///     if err := step(); err != nil {
///         return
///     }
///     wg.Done()
/// }()
/// ```
/// After:
/// ```go
/// go func() {
///     defer wg.Done()
///     if err := step(); err != nil {
///         return
///     }
/// }()
/// ```
fn defer_fix(
    func: Node<'_>,
    body: Node<'_>,
    last: Node<'_>,
    done: MethodCall<'_>,
    guessed: bool,
    checker: &Checker<'_>,
) -> Option<Fix> {
    let src = checker.text();
    let receiver = squeeze(&src[done.receiver.byte_range()]);
    // The deferred call names the same WaitGroup from the first line on: its variable is
    // not a local declared further down, nor assigned anywhere in the body.
    let root = root_identifier(done.receiver)?;
    if declared_in(root, func, src) == Some(false) || assigns(body, &src[root.byte_range()], src) {
        return None;
    }
    // Exactly one `Done`: deleting the trailing call leaves no other path counting twice.
    if method_calls(body, &receiver, "Done", src) != 1 {
        return None;
    }
    let first = *statements(body).first()?;
    let indent = checker.file.indentation(first.start_byte());
    let shown = &src[done.call.byte_range()];
    if shown.contains('\n') {
        return None;
    }
    let line = StatementLine::of(src, last.start_byte(), last.end_byte())?;
    // A trailing comment moves with the call; on its own line when a neighbour has a
    // trailing comment too (gofmt would line them up).
    let comment = src[last.end_byte()..line.content_end].trim();
    let deferred = if comment.is_empty() {
        format!("{indent}defer {shown}\n")
    } else if ends_in_comment(src, body.start_byte()) || ends_in_comment(src, first.start_byte()) {
        format!("{indent}{comment}\n{indent}defer {shown}\n")
    } else {
        format!("{indent}defer {shown} {comment}\n")
    };
    let insert = insert_at_block_start(src, body.start_byte(), deferred)?;
    let orphan = comment_above(src, line.start, body);
    let applicability = if guessed || orphan || blocking_defer(body, src) {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    Some(Fix::new(
        format!("Defer `{shown}` as the first statement"),
        applicability,
        vec![insert, delete_trailing(src, line.start, line.end)],
    ))
}

/// Whether the body (closures included) assigns to the variable `name`.
fn assigns(body: Node<'_>, name: &str, src: &str) -> bool {
    let mut found = false;
    walk_subtree(body, |n| {
        if found {
            return false;
        }
        if matches!(
            n.kind_name(),
            "assignment_statement" | "short_var_declaration"
        ) && let Some(left) = n.field("left")
        {
            let mut cursor = left.walk();
            found = left
                .named_children(&mut cursor)
                .any(|t| t.kind_name() == "identifier" && &src[t.byte_range()] == name);
        }
        !found
    });
    found
}

/// Delete the trailing statement's line, and a blank line before it: the block must not end
/// on an empty line.
fn delete_trailing(src: &str, start: usize, end: usize) -> Edit {
    let before = &src[..start];
    let previous = before
        .strip_suffix('\n')
        .map(|b| b.strip_suffix('\r').unwrap_or(b));
    match previous {
        // The line before is empty: it goes too.
        Some(b) if b.ends_with('\n') => Edit::deletion(b.len(), end),
        _ => delete_line(src, start, end),
    }
}

/// Whether another `defer` of the body may block: a channel operation, `select`, `Wait`,
/// `Lock` or `RLock` in what it runs.
fn blocking_defer(body: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(body, |n| {
        if found {
            return false;
        }
        if n.kind_name() == "defer_statement" {
            walk_subtree(n, |d| {
                found |= match d.kind_name() {
                    "send_statement" | "select_statement" | "receive_statement" => true,
                    "unary_expression" => d.child(0).is_some_and(|op| op.kind_name() == "<-"),
                    _ => MethodCall::of(d).is_some_and(|c| {
                        matches!(&src[c.method.byte_range()], "Wait" | "Lock" | "RLock")
                    }),
                };
                !found
            });
            return false;
        }
        !is_function(n.kind_name())
    });
    found
}
