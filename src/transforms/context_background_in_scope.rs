use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::package::import_name;
use crate::syntax::contexts::{
    CANCEL_CONSTRUCTORS, ContextImports, ContextVar, contexts_in_scope, inside_defer, inside_go,
    package_call, preferred, shown_contexts,
};
use crate::syntax::{is_function, walk_subtree};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `context.Background()` and `context.TODO()` in a function that already has a
    /// context from its caller in scope: a `context.Context` parameter, `r.Context()` of an
    /// `*http.Request` parameter, `cmd.Context()` of a cobra command, or a context derived
    /// from one of them.
    ///
    /// ## Why is this bad?
    /// A fresh root context drops the caller's cancellation, deadline and values: when the
    /// client disconnects or the request times out, the work started from `Background()`
    /// carries on, and a shutdown cannot stop it.
    ///
    /// ## Example
    /// ```go
    /// func (s *Store) Load(ctx context.Context, id string) (*Item, error) {
    ///     ctx2, cancel := context.WithTimeout(context.Background(), time.Second)
    ///     defer cancel()
    ///     return s.db.Get(ctx2, id)
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (s *Store) Load(ctx context.Context, id string) (*Item, error) {
    ///     ctx2, cancel := context.WithTimeout(ctx, time.Second)
    ///     defer cancel()
    ///     return s.db.Get(ctx2, id)
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: replacing the call with the context in scope (the nearest one that comes from
    /// the caller) makes the work stop when the caller's context is done, which is the point
    /// but changes behaviour. No fix when two context parameters compete.
    ///
    /// ## Known problems
    /// Code that must outlive the caller's context on purpose is left alone when the intent
    /// shows: inside a `defer` or a `go` statement; after `<-ctx.Done()` (or in a
    /// `case <-ctx.Done():`), where the context is already cancelled; when the fresh context
    /// is the parent of a `WithTimeout`/`WithDeadline` in a function named like a shutdown
    /// (`Shutdown`, `Stop`, `Close`, `cleanup`, …) or whose result goes to such a call
    /// (`srv.Shutdown(shutdownCtx)`); and when the context is stored in a field or struct
    /// literal, outliving the call by design. Elsewhere, `context.WithoutCancel(ctx)` (Go
    /// 1.21) says "keep the values, drop the cancellation" explicitly.
    ///
    /// ## References
    /// - Checklist item 7, "Use Context for Cancellation"
    /// - <https://pkg.go.dev/context#Background>
    /// - <https://pkg.go.dev/context#WithoutCancel>
    /// - golangci-lint `contextcheck` (needs type information)
    pub struct ContextBackgroundInScope {
        code: "GF403",
        name: "context-background-in-scope",
        item: 7,
        severity: Medium,
        fix: Sometimes,
    }
}

/// Words that name a shutdown path.
const SHUTDOWN_WORDS: &[&str] = &[
    "shutdown",
    "stop",
    "close",
    "cleanup",
    "teardown",
    "drain",
    "terminate",
    "graceful",
    "exit",
    "quit",
    "finish",
    "release",
    "dispose",
    "halt",
];

pub fn check<'a>(call: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // Cheap filters first: the function name, then the import.
    let Some(field) = call
        .field("function")
        .filter(|f| f.kind_name() == "selector_expression")
        .and_then(|f| f.field("field"))
    else {
        return;
    };
    let name = &src[field.byte_range()];
    if name != "Background" && name != "TODO" {
        return;
    }
    let Some(context) = import_name(checker.file, "context") else {
        return;
    };
    if package_call(call, &context, src) != Some(name) {
        return;
    }
    // Deferred and detached work may outlive the caller's context on purpose.
    if inside_defer(call) || inside_go(call) {
        return;
    }
    let imports = ContextImports::of(checker.file);
    let contexts: Vec<ContextVar<'a>> = contexts_in_scope(call, &imports, src)
        .into_iter()
        .filter(|c| c.from_caller)
        .collect();
    if contexts.is_empty() || outlives_on_purpose(call, &context, src) {
        return;
    }
    // `if ctx == nil { ctx = context.Background() }`: a default for a missing context.
    if replaces_missing(call, &contexts, src) {
        return;
    }
    // A comment right above says why the caller's context is not used.
    if explained_by_comment(call, src) {
        return;
    }
    let (shown, verb) = shown_contexts(&contexts);
    let message = format!(
        "`{context}.{name}()` starts a fresh context though {shown} {verb} in scope: the caller's cancellation and deadline are lost"
    );
    let fix = preferred(&contexts).map(|ctx| {
        Fix::new(
            format!("Use `{}`", ctx.expr),
            Applicability::Unsafe,
            vec![Edit::replacement(
                call.start_byte(),
                call.end_byte(),
                ctx.expr.clone(),
            )],
        )
    });
    checker.report(
        Diagnostic::new(&ContextBackgroundInScope::RULE, range(call), message).with_fix(fix),
    );
}

/// The call stands in for a context in scope that is missing: it is assigned to that
/// variable (`ctx = context.Background()`), or sits in an `if ctx == nil` branch.
fn replaces_missing(call: Node<'_>, contexts: &[ContextVar<'_>], src: &str) -> bool {
    let is_context = |n: Node<'_>| {
        n.kind_name() == "identifier" && contexts.iter().any(|c| c.name == src[n.byte_range()])
    };
    if let Some(list) = call.up().filter(|p| p.kind_name() == "expression_list")
        && let Some(assign) = list
            .up()
            .filter(|a| a.kind_name() == "assignment_statement")
        && assign.field("right") == Some(list)
        && let Some(left) = assign.field("left")
    {
        let mut cursor = list.walk();
        let index = list
            .named_children(&mut cursor)
            .position(|v| v.id() == call.id());
        if index
            .and_then(|i| left.named_child(i))
            .is_some_and(is_context)
        {
            return true;
        }
    }
    let mut child = call;
    let mut cur = call.up();
    while let Some(n) = cur {
        if is_function(n.kind_name()) {
            return false;
        }
        if n.kind_name() == "if_statement"
            && n.field("consequence").is_some_and(|c| c.id() == child.id())
            && let Some(cond) = n.field("condition")
            && cond.kind_name() == "binary_expression"
            && cond
                .field("operator")
                .is_some_and(|op| &src[op.byte_range()] == "==")
        {
            let (l, r) = (cond.field("left"), cond.field("right"));
            let nil_check = |a: Option<Node<'_>>, b: Option<Node<'_>>| {
                a.is_some_and(is_context) && b.is_some_and(|b| b.kind_name() == "nil")
            };
            if nil_check(l, r) || nil_check(r, l) {
                return true;
            }
        }
        child = n;
        cur = n.up();
    }
    false
}

/// The comment lines right above the statement holding the call talk about the context or
/// its cancellation: the fresh context is a decision someone wrote down.
fn explained_by_comment(call: Node<'_>, src: &str) -> bool {
    let Some(stmt) = crate::syntax::channels::statement_of(call) else {
        return false;
    };
    let talks_about_context = |comment: Node<'_>| {
        let text = src[comment.byte_range()].to_ascii_lowercase();
        text.contains("context") || text.contains("cancel")
    };
    // A comment at the end of the statement's own line.
    if let Some(trailing) = stmt.next_sibling().filter(|n| n.kind_name() == "comment")
        && !src[stmt.end_byte()..trailing.start_byte()].contains('\n')
        && talks_about_context(trailing)
    {
        return true;
    }
    // A comment that opens a block sits before its statement list.
    let mut prev = stmt.prev_sibling().or_else(|| {
        stmt.up()
            .filter(|p| p.kind_name() == "statement_list")
            .and_then(|list| list.prev_sibling())
    });
    let mut line_above = src[..stmt.start_byte()].rfind('\n');
    while let Some(comment) = prev.filter(|p| p.kind_name() == "comment") {
        // Only a comment block that ends on the line right above.
        let Some(above) = line_above else {
            return false;
        };
        if comment.end_byte() < src[..above].rfind('\n').unwrap_or(0) {
            return false;
        }
        if talks_about_context(comment) {
            return true;
        }
        line_above = src[..comment.start_byte()].rfind('\n');
        prev = comment.prev_sibling();
    }
    false
}

/// Whether the code shows that this fresh context is meant to outlive the caller's.
fn outlives_on_purpose(call: Node<'_>, context: &str, src: &str) -> bool {
    if after_done(call, src) || stored(call) {
        return true;
    }
    // The parent of a `context.WithX(…)`.
    let Some(derive) = call
        .up()
        .filter(|a| a.kind_name() == "argument_list" && a.named_child(0) == Some(call))
        .and_then(|a| a.up())
    else {
        return false;
    };
    let Some(constructor) = package_call(derive, context, src) else {
        return false;
    };
    if !CANCEL_CONSTRUCTORS.contains(&constructor) && constructor != "WithValue" {
        return false;
    }
    if stored(derive) || assigned_to_field(derive) {
        return true;
    }
    let timed = constructor.starts_with("WithTimeout") || constructor.starts_with("WithDeadline");
    timed && (in_shutdown_function(call, src) || feeds_shutdown_call(derive, src))
}

/// An element of a composite literal (`&Server{ctx: context.Background()}`) or the value
/// assigned to a field.
fn stored(expr: Node<'_>) -> bool {
    let Some(parent) = expr.up() else {
        return false;
    };
    match parent.kind_name() {
        "literal_element" | "keyed_element" => true,
        "expression_list" => assigned_to_field(expr),
        _ => false,
    }
}

/// `s.ctx = expr`, `s.ctx, s.cancel = context.WithCancel(…)`.
fn assigned_to_field(expr: Node<'_>) -> bool {
    let Some(list) = expr.up().filter(|p| p.kind_name() == "expression_list") else {
        return false;
    };
    let Some(stmt) = list
        .up()
        .filter(|s| s.kind_name() == "assignment_statement")
    else {
        return false;
    };
    if stmt.field("right") != Some(list) {
        return false;
    }
    let Some(left) = stmt.field("left") else {
        return false;
    };
    let mut cursor = left.walk();
    left.named_children(&mut cursor)
        .any(|t| matches!(t.kind_name(), "selector_expression" | "index_expression"))
}

/// An enclosing function (declaration, or a literal assigned to a variable) whose name says
/// it shuts something down.
fn in_shutdown_function(node: Node<'_>, src: &str) -> bool {
    let mut cur = node.up();
    while let Some(n) = cur {
        if matches!(n.kind_name(), "function_declaration" | "method_declaration")
            && let Some(name) = n.field("name")
            && is_shutdown_name(&src[name.byte_range()])
        {
            return true;
        }
        cur = n.up();
    }
    false
}

fn is_shutdown_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SHUTDOWN_WORDS.iter().any(|w| lower.contains(w))
}

/// The context `derive` makes is passed to `X.Shutdown(…)`, `X.Stop(…)` or the like.
fn feeds_shutdown_call(derive: Node<'_>, src: &str) -> bool {
    let Some(list) = derive.up().filter(|p| p.kind_name() == "expression_list") else {
        return false;
    };
    let Some(stmt) = list.up() else {
        return false;
    };
    let Some(target) = stmt
        .field("left")
        .and_then(|l| l.named_child(0))
        .filter(|t| t.kind_name() == "identifier")
    else {
        return false;
    };
    let name = &src[target.byte_range()];
    let Some(scope) = stmt.up() else {
        return false;
    };
    let mut found = false;
    walk_subtree(scope, |n| {
        if n.kind_name() == "call_expression"
            && n.start_byte() > stmt.end_byte()
            && let Some(function) = n.field("function")
            && let Some(args) = n.field("arguments")
        {
            let callee = match function.kind_name() {
                "selector_expression" => function.field("field"),
                "identifier" => Some(function),
                _ => None,
            };
            let mut cursor = args.walk();
            let passes = args
                .named_children(&mut cursor)
                .any(|a| a.kind_name() == "identifier" && &src[a.byte_range()] == name);
            if passes && callee.is_some_and(|c| is_shutdown_name(&src[c.byte_range()])) {
                found = true;
            }
        }
        !found
    });
    found
}

/// The call runs once a context is done: after a statement that waits for `<-X.Done()`, in
/// a `case <-X.Done():`, or in an `if X.Err() != nil` branch.
fn after_done(call: Node<'_>, src: &str) -> bool {
    let mut child = call;
    let mut cur = call.up();
    while let Some(n) = cur {
        match n.kind_name() {
            "statement_list" => {
                let mut cursor = n.walk();
                let waited = n
                    .named_children(&mut cursor)
                    .take_while(|s| s.id() != child.id())
                    .any(|s| waits_for_done(s, src));
                if waited {
                    return true;
                }
            }
            "communication_case"
                if n.field("communication")
                    .is_some_and(|c| waits_for_done(c, src)) =>
            {
                return true;
            }
            "if_statement" => {
                let in_branch = n.field("consequence").is_some_and(|c| c.id() == child.id());
                if in_branch && n.field("condition").is_some_and(|c| checks_err(c, src)) {
                    return true;
                }
            }
            kind if is_function(kind) => return false,
            _ => {}
        }
        child = n;
        cur = n.up();
    }
    false
}

/// A receive from `X.Done()` somewhere in `node` (closures aside).
fn waits_for_done(node: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(node, |n| {
        if n.kind_name() == "unary_expression"
            && n.child(0).is_some_and(|op| op.kind_name() == "<-")
            && n.field("operand")
                .is_some_and(|o| is_method_call(o, "Done", src))
        {
            found = true;
        }
        !found && !is_function(n.kind_name())
    });
    found
}

/// `X.Err() != nil` in a condition.
fn checks_err(cond: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(cond, |n| {
        if is_method_call(n, "Err", src) {
            found = true;
        }
        !found
    });
    found
}

fn is_method_call(node: Node<'_>, method: &str, src: &str) -> bool {
    node.kind_name() == "call_expression"
        && node
            .field("arguments")
            .is_some_and(|a| a.named_child_count() == 0)
        && node
            .field("function")
            .filter(|f| f.kind_name() == "selector_expression")
            .and_then(|f| f.field("field"))
            .is_some_and(|f| &src[f.byte_range()] == method)
}
