use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::package::import_name;
use crate::syntax::channels::goroutine_literal;
use crate::syntax::reach::goroutine_start;
use crate::syntax::waitgroups::{Known, calls_method};
use crate::syntax::{MethodCall, is_function, squeeze, walk_subtree};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `wg.Wait()` as a statement of the loop body that starts the goroutine it waits
    /// for: the one `go` statement (or `wg.Go`) of the same iteration, counted by that
    /// WaitGroup (it calls `wg.Done()`, is handed `wg`, or the loop body calls `wg.Add`).
    ///
    /// ## Why is this bad?
    /// Each iteration starts its goroutines and then waits for them before the next one
    /// begins, so the work runs one batch at a time: the goroutines buy nothing but overhead,
    /// and a loop meant to fan out runs serially. Usually the `Wait` belongs after the loop.
    ///
    /// ## Example
    /// ```go
    /// for _, f := range files {
    ///     wg.Add(1)
    ///     go func() {
    ///         defer wg.Done()
    ///         compress(f)
    ///     }()
    ///     wg.Wait()
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// for _, f := range files {
    ///     wg.Add(1)
    ///     go func() {
    ///         defer wg.Done()
    ///         compress(f)
    ///     }()
    /// }
    /// wg.Wait()
    /// ```
    ///
    /// ## Fix safety
    /// No fix: moving the `Wait` out of the loop lets iterations overlap, which may race on
    /// whatever the loop body shares with its goroutines (a buffer reused per iteration, a
    /// result read right after the `Wait`).
    ///
    /// ## Known problems
    /// Left alone, as likely on purpose: goroutines started by an inner loop (batching:
    /// start a batch, wait for it, go on), several goroutines started per iteration (a
    /// barrier), a `Wait` under a condition (`if sequential { wg.Wait() }`), and test files,
    /// where a goroutine per iteration is often the thing under test. A single goroutine per
    /// iteration that is meant to run alone (for its own stack, or `runtime.Goexit`) is
    /// reported all the same.
    ///
    /// ## References
    /// - Checklist item 10, "Use WaitGroup for Goroutine Coordination"
    /// - <https://pkg.go.dev/sync#WaitGroup.Wait>
    pub struct WaitgroupWaitInLoop {
        code: "GF313",
        name: "waitgroup-wait-in-loop",
        item: 10,
        severity: High,
        fix: None,
    }
}

pub fn check<'a>(node: Node<'a>, checker: &mut Checker<'a>) {
    // `X.Wait()` as a statement.
    let Some(call) = MethodCall::of(node) else {
        return;
    };
    let src = checker.text();
    if &src[call.method.byte_range()] != "Wait" || !call.has_no_arguments() {
        return;
    }
    // Tests run a goroutine per iteration on purpose, to test just that.
    if checker.file.path.to_string_lossy().ends_with("_test.go") {
        return;
    }
    // A statement of the loop body itself: under a condition, the waiting is a choice.
    let Some(stmt) = node
        .up()
        .filter(|p| p.kind_name() == "expression_statement")
    else {
        return;
    };
    let Some(for_stmt) = loop_of_body_statement(stmt) else {
        return;
    };
    let Some(body) = for_stmt.field("body") else {
        return;
    };
    let receiver = squeeze(&src[call.receiver.byte_range()]);
    // The one goroutine this iteration starts (several, waited for together, are a
    // barrier), counted by the same WaitGroup.
    let starts = direct_starts(body, src);
    if starts.len() != 1 {
        return;
    }
    let added_here = direct_calls(body, &receiver, "Add", src);
    let counted = added_here || starts.iter().any(|s| counted_by(*s, &receiver, src));
    if !counted {
        return;
    }
    // Declared as something else: not a WaitGroup.
    let sync = import_name(checker.file, "sync");
    if checker
        .package
        .waitgroups()
        .known(call.receiver, src, sync.as_deref())
        == Known::Other
    {
        return;
    }
    let message = format!(
        "`{receiver}.Wait()` inside the loop that starts the goroutine it waits for: each iteration waits for its own before the next one starts, so they never overlap"
    );
    checker.report(Diagnostic::new(
        &WaitgroupWaitInLoop::RULE,
        range(node),
        message,
    ));
}

/// The `for` statement whose body holds `stmt` directly.
fn loop_of_body_statement(stmt: Node<'_>) -> Option<Node<'_>> {
    let list = stmt.up().filter(|p| p.kind_name() == "statement_list")?;
    let block = list.up().filter(|b| b.kind_name() == "block")?;
    block.up().filter(|f| f.kind_name() == "for_statement")
}

/// The goroutine starts (`go …` statements and `X.Go(…)` calls) of a loop body itself: not
/// of inner loops, not of closures.
fn direct_starts<'a>(body: Node<'a>, src: &str) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    walk_subtree(body, |n| {
        if n.id() != body.id() && (n.kind_name() == "for_statement" || is_function(n.kind_name())) {
            return false;
        }
        if goroutine_start(n, src).is_some() {
            out.push(n);
            return false;
        }
        true
    });
    out
}

/// Whether the loop body itself (not an inner loop or closure) calls `method` on `receiver`.
fn direct_calls(body: Node<'_>, receiver: &str, method: &str, src: &str) -> bool {
    let mut found = false;
    walk_subtree(body, |n| {
        if found
            || (n.id() != body.id()
                && (n.kind_name() == "for_statement" || is_function(n.kind_name())))
        {
            return false;
        }
        if let Some(call) = MethodCall::of(n) {
            found = &src[call.method.byte_range()] == method
                && squeeze(&src[call.receiver.byte_range()]) == receiver;
        }
        !found
    });
    found
}

/// Whether a goroutine start is counted by `receiver`: `receiver.Go(…)`, a literal calling
/// `receiver.Done()`, or `receiver` / `&receiver` among the arguments.
fn counted_by(start: Node<'_>, receiver: &str, src: &str) -> bool {
    if start.kind_name() == "call_expression" {
        return MethodCall::of(start)
            .is_some_and(|c| squeeze(&src[c.receiver.byte_range()]) == receiver);
    }
    if let Some(lit) = goroutine_literal(start)
        && calls_method(lit, receiver, "Done", src)
    {
        return true;
    }
    let Some(args) = start.named_child(0).and_then(|c| c.field("arguments")) else {
        return false;
    };
    let mut cursor = args.walk();
    args.named_children(&mut cursor).any(|a| {
        let text = squeeze(&src[a.byte_range()]);
        text == receiver || text.strip_prefix('&') == Some(receiver)
    })
}
