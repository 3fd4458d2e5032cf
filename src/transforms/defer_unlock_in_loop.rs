use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::flow::{Successor, successor};
use crate::syntax::locks::is_release_method;
use crate::syntax::{MethodCall, is_function, squeeze, statement_call, walk_subtree};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `defer X.Unlock()` (or `RUnlock`) inside a `for` loop body of the same function.
    ///
    /// ## Why is this bad?
    /// Deferred calls run when the function returns, not at the end of the iteration. The
    /// first iteration's unlock is postponed, so the second iteration's `Lock` blocks on the
    /// lock the function itself still holds: a self-deadlock.
    ///
    /// ## Example
    /// ```go
    /// for _, k := range keys {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     c.m[k]++
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// for _, k := range keys {
    ///     func() {
    ///         c.mu.Lock()
    ///         defer c.mu.Unlock()
    ///         c.m[k]++
    ///     }()
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Display only: wrapping the body in a function literal changes what `return`,
    /// `break` and `continue` inside it mean, so the suggestion is never applied, and it is
    /// not shown at all when the body holds such a jump.
    ///
    /// ## Known problems
    /// Not reported: an iteration that returns after the defer (the loop never goes round
    /// with it pending), and a receiver bound anew each iteration (`for _, m := range mus {
    /// m.Lock(); defer m.Unlock() }` deliberately holds every lock until the return).
    ///
    /// ## References
    /// - Checklist item 3, "Always Defer Mutex Unlock"
    /// - <https://go.dev/ref/spec#Defer_statements>
    pub struct DeferUnlockInLoop {
        code: "GF105",
        name: "defer-unlock-in-loop",
        item: 3,
        severity: Critical,
        fix: DisplayOnly,
    }
}

pub fn check<'a>(defer: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    let Some(call) = statement_call(defer).and_then(MethodCall::of) else {
        return;
    };
    let method = &src[call.method.byte_range()];
    if !(call.has_no_arguments() && is_release_method(method)) {
        return;
    }
    // The innermost loop of the same function holding the defer.
    let Some(for_stmt) = enclosing_loop(defer) else {
        return;
    };
    // `for _, m := range mus { m.Lock(); defer m.Unlock() }` holds a different lock each
    // iteration until the function returns: deliberate, not a self-deadlock.
    let receiver = squeeze(&src[call.receiver.byte_range()]);
    let root = receiver.split(['.', '[', '(']).next().unwrap_or_default();
    if declared_per_iteration(for_stmt, defer, root, src) {
        return;
    }
    // After the defer the iteration returns: the loop does not go round with it pending.
    if returns_before_next_iteration(defer) {
        return;
    }
    let shown = &src[call.receiver.byte_range()];
    let message = format!(
        "`defer {shown}.{method}()` in a loop runs only when the function returns; the next iteration deadlocks"
    );
    let Some(body) = for_stmt.field("body") else {
        return;
    };
    // A body that leaves the loop or the function would mean something else, or not
    // compile, inside a function literal: then the finding comes without a suggestion.
    let fix = (!crate::syntax::flow::jumps_out_of(body)).then(|| {
        Fix::new(
            "Wrap the loop body in a function literal so the unlock runs every iteration",
            Applicability::DisplayOnly,
            vec![Edit::replacement(
                body.start_byte(),
                body.end_byte(),
                wrapped_body(
                    &src[body.byte_range()],
                    checker.file.indentation(for_stmt.start_byte()),
                ),
            )],
        )
    });
    checker.report(Diagnostic::new(&DeferUnlockInLoop::RULE, range(defer), message).with_fix(fix));
}

/// The loop body `{ … }` rewritten as `{ func() { … }() }`, laid out as gofmt would: the
/// old lines move one tab in, between the new `func() {` and `}()` lines.
fn wrapped_body(block: &str, indent: &str) -> String {
    let inner = block[1..block.len() - 1].trim_end();
    let inner = inner.trim_start_matches([' ', '\t', '\r']);
    let inner = inner.strip_prefix('\n').unwrap_or(inner);
    let mut out = format!("{{\n{indent}\tfunc() {{\n");
    for line in inner.lines() {
        if !line.trim().is_empty() {
            out.push('\t');
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str(&format!("{indent}\t}}()\n{indent}}}"));
    out
}

/// The innermost `for` statement of the same function around `node`.
fn enclosing_loop(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        if is_function(n.kind_name()) {
            return None;
        }
        if n.kind_name() == "for_statement" {
            return Some(n);
        }
        cur = n.up();
    }
    None
}

/// Whether `name` is bound anew each iteration: by the loop header, or by a declaration in
/// the body before `defer`.
fn declared_per_iteration(for_stmt: Node<'_>, defer: Node<'_>, name: &str, src: &str) -> bool {
    let mut found = false;
    walk_subtree(for_stmt, |n| {
        if n.start_byte() >= defer.start_byte() {
            return false;
        }
        let binds = match n.kind_name() {
            "range_clause" | "short_var_declaration" => n.field("left"),
            "var_spec" => n.field("name"),
            _ => None,
        };
        if let Some(left) = binds {
            walk_subtree(left, |id| {
                found |= id.kind_name() == "identifier" && &src[id.byte_range()] == name;
                !found
            });
        }
        !found && !is_function(n.kind_name())
    });
    found
}

/// Following the statements after `defer` (without entering branches) reaches a `return`
/// before the loop goes round, and none of them holds a `continue`.
fn returns_before_next_iteration(defer: Node<'_>) -> bool {
    let mut cur = defer;
    loop {
        match successor(cur) {
            Successor::Statement(next) => {
                if next.kind_name() == "return_statement" {
                    return true;
                }
                let mut continues = false;
                walk_subtree(next, |n| {
                    continues |= n.kind_name() == "continue_statement";
                    !continues && !is_function(n.kind_name())
                });
                if continues {
                    return false;
                }
                cur = next;
            }
            Successor::FunctionEnd => return true,
            Successor::LoopBack(_) | Successor::Unknown => return false,
        }
    }
}
