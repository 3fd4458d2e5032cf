use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::fix::{Applicability, Edit, Fix};
use crate::package::import_name;
use crate::syntax::NodeKind;
use crate::syntax::flow::contains_call;
use crate::syntax::squeeze;

define_rule! {
    /// ## What it does
    /// Finds the result of a `sync/atomic` read-modify-write function assigned back to the
    /// variable it just updated: `x = atomic.AddInt64(&x, 1)`,
    /// `s.n = atomic.AddUint32(&s.n, d)`, `*p = atomic.AddInt64(p, d)`, and the same with
    /// `Swap…` (and the Go 1.23 `And…` and `Or…` forms).
    ///
    /// ## Why is this bad?
    /// The atomic call updates the variable; the assignment then writes it again with a plain,
    /// non-atomic store. That store races with every other goroutine's atomic update of the
    /// variable, and can overwrite (lose) the updates made in between. For `Swap`, `And` and
    /// `Or` it is worse: they return the *old* value, so the write-back undoes the operation.
    ///
    /// ## Example
    /// ```go
    /// hits = atomic.AddInt64(&hits, 1)
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// atomic.AddInt64(&hits, 1)
    /// ```
    ///
    /// ## Fix safety
    /// For the `Add` functions the fix is Safe: the call has already stored the value the
    /// assignment writes, so dropping the assignment only removes the racy second store.
    /// For `Swap`, `And` and `Or` it is Unsafe: the assignment writes back the old value, so
    /// without it the variable keeps the new one — surely what was meant, but a change of
    /// behaviour. A comment inside the deleted `x = ` also makes the fix Unsafe. In a tuple
    /// assignment (`x, y = atomic.AddInt64(&x, 1), 0`) there is no fix.
    ///
    /// ## Known problems
    /// Operands are compared as text with whitespace removed: `&(x)` against `x` is not
    /// recognised, and a target holding a call (`a[next()]`) is left alone, since the two
    /// calls may pick different variables. A dot-imported `sync/atomic` is not seen.
    ///
    /// ## References
    /// - Checklist item 4, "Use Channels for Goroutine Communication" (fail: goroutines share
    ///   state without proper sync)
    /// - <https://pkg.go.dev/sync/atomic>
    /// - go vet `atomic` ("direct assignment to atomic value"), which reports the `Add` forms
    ///   but offers no fix
    pub struct AtomicAssignedBack {
        code: "GF306",
        name: "atomic-assigned-back",
        item: 4,
        severity: Critical,
        fix: Always,
    }
}

/// The `sync/atomic` functions that update a variable and return a value of its type: the
/// new value (`Add…`) or the old one (`Swap…`, `And…`, `Or…`).
const RETURNS_NEW: &[&str] = &[
    "AddInt32",
    "AddInt64",
    "AddUint32",
    "AddUint64",
    "AddUintptr",
];
const RETURNS_OLD: &[&str] = &[
    "SwapInt32",
    "SwapInt64",
    "SwapUint32",
    "SwapUint64",
    "SwapUintptr",
    "SwapPointer",
    "AndInt32",
    "AndInt64",
    "AndUint32",
    "AndUint64",
    "AndUintptr",
    "OrInt32",
    "OrInt64",
    "OrUint32",
    "OrUint64",
    "OrUintptr",
];

pub fn check<'a>(stmt: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // `target = call`, one on each side.
    if stmt
        .field("operator")
        .is_none_or(|op| &src[op.byte_range()] != "=")
    {
        return;
    }
    let (Some(left), Some(right)) = (stmt.field("left"), stmt.field("right")) else {
        return;
    };
    // Each target against the value assigned to it: `x = f(&x)`, or `x, y = f(&x), 0`.
    let targets: Vec<Node<'a>> = left.named_children(&mut left.walk()).collect();
    let values: Vec<Node<'a>> = right.named_children(&mut right.walk()).collect();
    if targets.len() != values.len() {
        return;
    }
    let single = targets.len() == 1;
    for (target, value) in targets.into_iter().zip(values) {
        check_pair(target, value, single, checker);
    }
}

fn check_pair<'a>(target: Node<'a>, call: Node<'a>, single: bool, checker: &mut Checker<'a>) {
    let src = checker.text();
    // `pkg.Func(first, …)` with `Func` one of the update functions.
    let Some(function) = call.field("function").filter(|f| {
        call.kind_name() == "call_expression" && f.kind_name() == "selector_expression"
    }) else {
        return;
    };
    let (Some(package), Some(func)) = (function.field("operand"), function.field("field")) else {
        return;
    };
    let func_name = &src[func.byte_range()];
    let returns_old = RETURNS_OLD.contains(&func_name);
    if !returns_old && !RETURNS_NEW.contains(&func_name) {
        return;
    }
    // The package is `sync/atomic` under this file's name for it.
    if package.kind_name() != "identifier"
        || import_name(checker.file, "sync/atomic").as_deref() != Some(&src[package.byte_range()])
    {
        return;
    }
    let Some(first) = call.field("arguments").and_then(|a| a.named_child(0)) else {
        return;
    };
    // The first argument points at the target: `x` / `&x`, or `*p` / `p`. A call in the
    // target could pick a different variable each time.
    if !points_at(first, target, src) || contains_call(target) {
        return;
    }
    let shown = squeeze(&src[target.byte_range()]);
    let package_name = &src[package.byte_range()];
    let message = if returns_old {
        format!(
            "`{shown}` is assigned the old value `{package_name}.{func_name}` returns: the plain write undoes the update and races with other atomic updates"
        )
    } else {
        format!(
            "`{shown}` is written back non-atomically with the result of `{package_name}.{func_name}`: the plain write races with other atomic updates and can lose them"
        )
    };
    // Only a single assignment turns into the bare call; in a tuple assignment the other
    // targets would need rewriting too.
    let fix = single.then(|| {
        let deleted = &src[target.start_byte()..call.start_byte()];
        let applicability = if returns_old || deleted.contains("//") || deleted.contains("/*") {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        Fix::new(
            format!("Drop the assignment and keep the `{package_name}.{func_name}` call"),
            applicability,
            vec![Edit::deletion(target.start_byte(), call.start_byte())],
        )
    });
    checker.report(
        Diagnostic::new(
            &AtomicAssignedBack::RULE,
            TextRange::new(target.start_byte(), call.end_byte()),
            message,
        )
        .with_fix(fix),
    );
}

/// Whether the atomic's pointer argument `arg` points at `target`: `&x` for `x`, `p` for `*p`.
fn points_at(arg: Node<'_>, target: Node<'_>, src: &str) -> bool {
    let text = |n: Node<'_>| squeeze(&src[n.byte_range()]);
    if let Some(x) = unary_operand(arg, "&") {
        return text(x) == text(target);
    }
    unary_operand(target, "*").is_some_and(|p| text(p) == text(arg))
}

/// The operand of a unary expression with operator `op`.
fn unary_operand<'t>(n: Node<'t>, op: &str) -> Option<Node<'t>> {
    (n.kind_name() == "unary_expression"
        && n.field("operator").is_some_and(|o| o.kind_name() == op))
    .then(|| n.field("operand"))
    .flatten()
}
