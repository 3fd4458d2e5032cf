use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::package::import_name;
use crate::syntax::captures::statement_declares;
use crate::syntax::contexts::{
    BindingForm, CancelBinding, CancelUseKind, CancelVar, LeakKind, cancel_bindings, cancel_paths,
    context_escapes, is_main_main,
};
use crate::syntax::locks::inside_loop;
use crate::syntax::walk_subtree;

use super::lines::{StatementLine, delete_line};
use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds the cancel function of `context.WithCancel`, `WithTimeout`, `WithDeadline` (and
    /// their `…Cause` forms) that is not called: discarded with `_`, only "used" by
    /// `_ = cancel`, assigned again before it was called, or not called on some path to a
    /// `return` (a deferred call counts on every path after it). `main.main` is left alone:
    /// the process exit releases everything.
    ///
    /// ## Why is this bad?
    /// A derived context holds resources (a timer, a place in its parent's list of children)
    /// until it is cancelled. Without the call they live until the parent is cancelled or the
    /// deadline passes: in a server, that is a leak per request. go vet's `lostcancel` reports
    /// some of these but never fixes them, is silenced by `_ = cancel`, and does not see a
    /// cancel function overwritten by a second `WithTimeout`.
    ///
    /// ## Example
    /// ```go
    /// func fetch(ctx context.Context, url string) error {
    ///     ctx, _ = context.WithTimeout(ctx, 2*time.Second)
    ///     return get(ctx, url)
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func fetch(ctx context.Context, url string) error {
    ///     ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
    ///     defer cancel()
    ///     return get(ctx, url)
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The fix binds a discarded cancel function to `cancel` (or a fresh name when `cancel`
    /// is taken in the function) and inserts `defer cancel()` on the line after the call;
    /// for a cancel function that is bound already it only inserts the `defer` (calling a
    /// cancel function twice is harmless, so explicit calls stay). It is Safe when nothing
    /// can use the context after the function returns: it is not returned, stored in a field,
    /// map, slice or package variable, sent on a channel, used by a goroutine or by a closure
    /// that may run later, and — unless every result of the function is plain data such as
    /// `error`, `string` or `[]byte` — no value made from it (a request, a response, rows) is
    /// returned. Then cancelling at return only releases what nobody uses. Otherwise the fix
    /// is Unsafe: a response body read by the caller, or a goroutine still running, would
    /// see its context cancelled. There is no fix inside a loop (deferred cancels pile up
    /// until the function returns) nor for a call that shares its line.
    ///
    /// ## Known problems
    /// A cancel function that is returned, stored, passed to a call, or captured by a closure
    /// other than a deferred one is someone else's to call: not reported. Paths the analysis
    /// cannot follow (`goto`, labelled jumps, branches on conditions that may be correlated
    /// such as `if d > 0 { cancel() }`) are not reported either. A binding in an `if` header
    /// is reported without a fix. Passing the context to a call counts as ordinary use, so a
    /// callee that hands it to a goroutine of its own is not seen: the Safe fix would then
    /// cancel that goroutine's context when the function returns.
    ///
    /// ## References
    /// - Checklist item 7, "Use Context for Cancellation"
    /// - <https://pkg.go.dev/context#WithCancel>
    /// - go vet `lostcancel`
    pub struct CancelNotCalled {
        code: "GF402",
        name: "cancel-not-called",
        item: 7,
        severity: High,
        fix: Sometimes,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // Cheap filters first: a file that never derives a context has nothing to cancel.
    if !src[func.byte_range()].contains(".With") {
        return;
    }
    let Some(context) = import_name(checker.file, "context") else {
        return;
    };
    // The process exit cancels everything `main.main` made.
    if is_main_main(func, src) {
        return;
    }
    for binding in cancel_bindings(func, &context, src) {
        if let Some(diagnostic) = finding(checker, func, &context, binding) {
            checker.report(diagnostic);
        }
    }
}

fn finding<'a>(
    checker: &Checker<'a>,
    func: Node<'a>,
    context: &str,
    binding: CancelBinding<'a>,
) -> Option<Diagnostic> {
    let src = checker.text();
    let constructor = format!("{context}.{}", binding.constructor);
    let line_of = |n: Node<'_>| checker.file.location(n.start_byte()).0;
    if binding.discarded(src) {
        let when = if binding.constructor.starts_with("WithCancel") {
            "when its parent is cancelled"
        } else {
            "when its deadline passes or its parent is cancelled"
        };
        let message = format!(
            "The cancel function of `{constructor}` is discarded: the context is released only {when}"
        );
        let fix = bind_and_defer(checker, func, context, &binding);
        return Some(
            Diagnostic::new(&CancelNotCalled::RULE, range(binding.cancel), message).with_fix(fix),
        );
    }
    let var = CancelVar::of(binding, func, src)?;
    // Returned, stored, passed or captured: someone else calls it.
    if var.escapes() {
        return None;
    }
    let name = &var.name;
    let message = if !var.is_called() && var.has(CancelUseKind::Blank) {
        format!(
            "`{name}` is only \"used\" by `_ = {name}`: the context of `{constructor}` is never cancelled"
        )
    } else {
        let paths = cancel_paths(&var, func, src);
        let leak = paths
            .leaks
            .iter()
            .find(|l| l.kind == LeakKind::Overwritten)
            .or(paths.leaks.first())?;
        let line = line_of(leak.at);
        match leak.kind {
            LeakKind::Overwritten => format!(
                "`{name}` is assigned again on line {line} before it is called: the context of this `{constructor}` is never cancelled"
            ),
            LeakKind::Return => {
                format!("`{name}` is not called on the path to the `return` on line {line}")
            }
            LeakKind::FunctionEnd => {
                format!("`{name}` is not called on the path to the end of the function")
            }
            LeakKind::LoopBack => format!(
                "`{name}` is not called before the loop on line {line} goes round: every iteration leaks a context"
            ),
            LeakKind::ScopeEnd => {
                let end = checker
                    .file
                    .location(leak.at.end_byte().saturating_sub(1))
                    .0;
                format!("`{name}` is not called before its block ends on line {end}")
            }
        }
    };
    let fix = defer_fix(
        checker,
        func,
        &binding,
        &constructor,
        name,
        blank_deletions(checker, &var),
    );
    Some(Diagnostic::new(&CancelNotCalled::RULE, range(binding.cancel), message).with_fix(fix))
}

/// The lines holding nothing but `_ = cancel`, deleted once the cancel function is deferred.
fn blank_deletions(checker: &Checker<'_>, var: &CancelVar<'_>) -> Vec<Edit> {
    let src = checker.text();
    let mut edits = Vec::new();
    for use_ in var.uses.iter().filter(|u| u.kind == CancelUseKind::Blank) {
        let Some(stmt) = use_
            .node
            .up()
            .and_then(|list| list.up())
            .filter(|s| s.kind_name() == "assignment_statement")
        else {
            continue;
        };
        if crate::syntax::squeeze(&src[stmt.byte_range()]) != format!("_={}", var.name) {
            continue;
        }
        if let Some(line) = StatementLine::of(src, stmt.start_byte(), stmt.end_byte())
            && !line.has_comment
        {
            edits.push(delete_line(src, line.start, line.end));
        }
    }
    edits
}

/// Before:
/// ```go
/// ctx, cancel := context.WithTimeout(ctx, d)
/// if err != nil {
///     return err
/// }
/// cancel()
/// ```
/// After:
/// ```go
/// ctx, cancel := context.WithTimeout(ctx, d)
/// defer cancel()
/// if err != nil {
///     return err
/// }
/// cancel()
/// ```
fn defer_fix(
    checker: &Checker<'_>,
    func: Node<'_>,
    binding: &CancelBinding<'_>,
    constructor: &str,
    name: &str,
    mut edits: Vec<Edit>,
) -> Option<Fix> {
    edits.push(defer_edit(checker, func, binding, name)?);
    let applicability = applicability(checker, func, binding);
    let fix = Fix::new(
        format!("Defer `{name}()` right after `{constructor}`"),
        applicability,
        edits,
    );
    no_overlap(fix)
}

/// Before:
/// ```go
/// ctx, _ := context.WithTimeout(ctx, d)
/// ```
/// After:
/// ```go
/// ctx, cancel := context.WithTimeout(ctx, d)
/// defer cancel()
/// ```
/// With `ctx, _ = …` the statement becomes `ctx, cancel := …` when `ctx` is declared in the
/// same block (or is a parameter and the statement is at the top of the body); otherwise
/// `var cancel context.CancelFunc` goes on the line before.
fn bind_and_defer(
    checker: &Checker<'_>,
    func: Node<'_>,
    context: &str,
    binding: &CancelBinding<'_>,
) -> Option<Fix> {
    let src = checker.text();
    let name = fresh_name(func, src);
    let mut edits = vec![defer_edit(checker, func, binding, &name)?];
    edits.push(Edit::replacement(
        binding.cancel.start_byte(),
        binding.cancel.end_byte(),
        name.clone(),
    ));
    if binding.form == BindingForm::Assign {
        if can_define(binding, func, src) {
            let mut cursor = binding.stmt.walk();
            let op = binding
                .stmt
                .children(&mut cursor)
                .find(|c| c.kind_name() == "=")?;
            edits.push(Edit::replacement(op.start_byte(), op.end_byte(), ":="));
        } else {
            let func_type = if binding.takes_cause() {
                "CancelCauseFunc"
            } else {
                "CancelFunc"
            };
            let indent = checker.file.indentation(binding.stmt.start_byte());
            edits.push(Edit::insertion(
                binding.stmt.start_byte(),
                format!("var {name} {context}.{func_type}\n{indent}"),
            ));
        }
    }
    let fix = Fix::new(
        format!("Bind the cancel function to `{name}` and defer `{name}()`"),
        applicability(checker, func, binding),
        edits,
    );
    no_overlap(fix)
}

/// `defer cancel()` on the line after the binding, with its indentation.
fn defer_edit(
    checker: &Checker<'_>,
    func: Node<'_>,
    binding: &CancelBinding<'_>,
    name: &str,
) -> Option<Edit> {
    // Never in a loop: deferred cancels pile up until the function returns.
    if inside_loop(binding.stmt, func) {
        return None;
    }
    if binding
        .stmt
        .up()
        .is_none_or(|p| p.kind_name() != "statement_list")
    {
        return None;
    }
    let src = checker.text();
    let stmt = range(binding.stmt);
    let line = StatementLine::of(src, stmt.start, stmt.end)?;
    let indent = checker.file.indentation(stmt.start);
    let args = if binding.takes_cause() { "nil" } else { "" };
    Some(Edit::insertion(
        line.content_end,
        format!("\n{indent}defer {name}({args})"),
    ))
}

/// Safe unless something may use the context after the function returns.
fn applicability(
    checker: &Checker<'_>,
    func: Node<'_>,
    binding: &CancelBinding<'_>,
) -> Applicability {
    if context_escapes(binding, func, checker.text()) {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

fn no_overlap(fix: Fix) -> Option<Fix> {
    let overlapping = fix
        .edits
        .windows(2)
        .any(|w| w[0].range.end > w[1].range.start || w[0].range.start == w[1].range.start);
    (!overlapping).then_some(fix)
}

/// `cancel`, or `cancel2`, `cancel3`… when the name already appears in the function.
fn fresh_name(func: Node<'_>, src: &str) -> String {
    let mut used = Vec::new();
    walk_subtree(func, |n| {
        if n.kind_name() == "identifier" {
            let text = &src[n.byte_range()];
            if text.starts_with("cancel") {
                used.push(text);
            }
        }
        true
    });
    let mut candidate = "cancel".to_owned();
    let mut i = 2;
    while used.contains(&candidate.as_str()) {
        candidate = format!("cancel{i}");
        i += 1;
    }
    candidate
}

/// Whether `ctx, _ = …` can become `ctx, cancel := …` without declaring a new `ctx`: the
/// context target is declared earlier in the same block, or is a parameter (or named
/// result) and the statement sits at the top level of the body.
fn can_define(binding: &CancelBinding<'_>, func: Node<'_>, src: &str) -> bool {
    if binding.ctx.kind_name() != "identifier" {
        return false;
    }
    let name = &src[binding.ctx.byte_range()];
    if name == "_" {
        return true;
    }
    let Some(list) = binding
        .stmt
        .up()
        .filter(|p| p.kind_name() == "statement_list")
    else {
        return false;
    };
    let mut cursor = list.walk();
    let declared_here = list
        .named_children(&mut cursor)
        .take_while(|s| s.id() != binding.stmt.id())
        .any(|s| statement_declares(s, name, src));
    if declared_here {
        return true;
    }
    let at_top = list.up().and_then(|block| block.up()) == Some(func);
    at_top
        && ["parameters", "result", "receiver"].iter().any(|field| {
            func.field(field).is_some_and(|params| {
                let mut found = false;
                walk_subtree(params, |n| {
                    if n.kind_name() == "identifier"
                        && n.up()
                            .is_some_and(|p| p.kind_name() == "parameter_declaration")
                        && &src[n.byte_range()] == name
                    {
                        found = true;
                    }
                    !found
                });
                found
            })
        })
}
