use std::collections::HashSet;

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::package::import_name;
use crate::syntax::channels::goroutine_literal;
use crate::syntax::reach::goroutine_start;
use crate::syntax::waitgroups::{Known, calls_method, declared_in, root_identifier};
use crate::syntax::{
    MethodCall, enclosing_function, is_function, squeeze, statement_call, statements, walk_subtree,
};

use super::lines::{StatementLine, delete_lines};
use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `wg.Add(…)` inside the goroutine it counts — `go func() { …; wg.Add(1); defer
    /// wg.Done(); … }()` — anywhere among the goroutine's statements before its first
    /// blocking operation (a channel operation, `select`, `Wait`, `Lock`, `Sleep`) or loop,
    /// not only as its first statement, and moves it to the line before the `go` statement.
    ///
    /// ## Why is this bad?
    /// Nothing says when a new goroutine starts running. The goroutine that calls
    /// `wg.Wait()` can get there before this one has called `Add`: the counter is still zero,
    /// `Wait` returns at once, and the work it was meant to wait for is still running (or
    /// not started). The program reads half-filled results, or exits before the work is done,
    /// now and then. `Add` must happen before the `go` statement.
    ///
    /// ## Example
    /// ```go
    /// for _, u := range urls {
    ///     go func() {
    ///         log.Printf("fetching %s", u)
    ///         wg.Add(1)
    ///         defer wg.Done()
    ///         fetch(u)
    ///     }()
    /// }
    /// wg.Wait()
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// for _, u := range urls {
    ///     wg.Add(1)
    ///     go func() {
    ///         log.Printf("fetching %s", u)
    ///         defer wg.Done()
    ///         fetch(u)
    ///     }()
    /// }
    /// wg.Wait()
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the WaitGroup is declared as a `sync.WaitGroup` in the package and the
    /// argument is a constant, a variable or `len(x)`: nothing before the `Add` in the
    /// goroutine can leave it, block, or change what the `Add` reads, so the goroutine
    /// reaches its `Done` exactly as before, and the counter only goes up earlier — which is
    /// the point. A trailing comment moves with the statement. Unsafe when the receiver is
    /// only guessed to be a WaitGroup (from `Add`, `Done` and `Wait` being called on it), when
    /// the argument calls a function (it now runs in the starting goroutine), or when a
    /// comment line above the `Add` would stay behind. No fix when something before the
    /// `Add` can return, when the `Add` reads a variable the goroutine sets or a parameter of
    /// the literal, or when the statements share a line.
    ///
    /// ## Known problems
    /// Only goroutine literals are looked into, and only their top-level statements: an
    /// `Add` inside an `if` or a nested block is conditional and is left alone. A goroutine
    /// that starts goroutines of its own (`go` or `X.Go` inside) is presumed to count its
    /// children and is not reported. Calls are not known to block unless they are `Wait`,
    /// `Lock`, `RLock` or `Sleep`.
    ///
    /// ## References
    /// - Checklist item 10, "Use WaitGroup for Goroutine Coordination"
    /// - <https://pkg.go.dev/sync#WaitGroup.Add> ("calls with a positive delta … must happen
    ///   before a Wait")
    /// - go vet `waitgroup` and staticcheck SA2000 (which only see the first statement)
    pub struct WaitgroupAddInGoroutine {
        code: "GF310",
        name: "waitgroup-add-in-goroutine",
        item: 10,
        severity: High,
        fix: Sometimes,
    }
}

pub fn check<'a>(go: Node<'a>, checker: &mut Checker<'a>) {
    // `go func() {…}()`: a named function's body is out of view here.
    let Some(lit) = goroutine_literal(go) else {
        return;
    };
    let Some(body) = lit.field("body") else {
        return;
    };
    let src = checker.text();
    // Cheap filter: no `.Add(` in the goroutine at all.
    if !src[body.byte_range()].contains(".Add(") {
        return;
    }
    // A goroutine that starts goroutines of its own counts its children where it is.
    if starts_goroutines(body, src) {
        return;
    }
    let stmts = statements(body);
    for (i, &stmt) in stmts.iter().enumerate() {
        if let Some(add) = add_call(stmt, src) {
            check_add(go, lit, &stmts[..i], stmt, add, checker);
        }
        // Past a blocking operation or a loop, an `Add` may count work the goroutine
        // received or waited for: it is not the goroutine counting itself.
        if blocks_or_loops(stmt, src) {
            return;
        }
    }
}

/// `X.Add(n)` as a statement, with one argument that is not a negative constant.
fn add_call<'a>(stmt: Node<'a>, src: &str) -> Option<MethodCall<'a>> {
    if stmt.kind_name() != "expression_statement" {
        return None;
    }
    let call = MethodCall::of(statement_call(stmt)?)?;
    if &src[call.method.byte_range()] != "Add" || call.arguments.named_child_count() != 1 {
        return None;
    }
    let arg = call.arguments.named_child(0)?;
    let negative = arg.kind_name() == "unary_expression" && src[arg.byte_range()].starts_with('-');
    (!negative).then_some(call)
}

fn check_add<'a>(
    go: Node<'a>,
    lit: Node<'a>,
    before: &[Node<'a>],
    stmt: Node<'a>,
    add: MethodCall<'a>,
    checker: &mut Checker<'a>,
) {
    let src = checker.text();
    let Some(body) = lit.field("body") else {
        return;
    };
    let receiver = squeeze(&src[add.receiver.byte_range()]);
    // A WaitGroup declared inside the goroutine is its own business.
    let Some(root) = root_identifier(add.receiver) else {
        return;
    };
    let root_is_param = match declared_in(root, lit, src) {
        Some(true) => true,
        Some(false) => return,
        None => false,
    };
    // The goroutine counts itself: it calls `Done` on the same WaitGroup.
    if !calls_method(body, &receiver, "Done", src) {
        return;
    }
    let sync = import_name(checker.file, "sync");
    let known = checker
        .package
        .waitgroups()
        .known(add.receiver, src, sync.as_deref());
    let guessed = match known {
        Known::WaitGroup(_) => false,
        Known::Other => return,
        // Not declared in view: only when the starting function waits on it too.
        Known::Unknown => {
            let waits = enclosing_function(go)
                .is_some_and(|outer| calls_method(outer, &receiver, "Wait", src));
            if !waits {
                return;
            }
            true
        }
    };
    let shown = &src[add.call.byte_range()];
    let message = format!(
        "`{shown}` runs inside the goroutine it counts: `{receiver}.Wait()` can return before it does"
    );
    let fix = (!root_is_param)
        .then(|| hoist_fix(go, lit, before, stmt, add, guessed, checker))
        .flatten();
    checker.report(
        Diagnostic::new(&WaitgroupAddInGoroutine::RULE, range(add.call), message).with_fix(fix),
    );
}

/// Before:
/// ```go
/// go func() {
///     prepare()
///     wg.Add(1) // one per worker
///     defer wg.Done()
/// ```
/// After:
/// ```go
/// wg.Add(1) // one per worker
/// go func() {
///     prepare()
///     defer wg.Done()
/// ```
fn hoist_fix(
    go: Node<'_>,
    lit: Node<'_>,
    before: &[Node<'_>],
    stmt: Node<'_>,
    add: MethodCall<'_>,
    guessed: bool,
    checker: &Checker<'_>,
) -> Option<Fix> {
    let src = checker.text();
    // Something before it may leave the goroutine: the hoisted `Add` would never be
    // matched by a `Done`, and `Wait` would hang.
    if before.iter().any(|s| can_exit(*s, src)) {
        return None;
    }
    // The `Add` must read the same values before the `go` statement.
    let set = names_set(before, lit, src);
    let mut reads_set = false;
    walk_subtree(stmt, |n| {
        if n.kind_name() == "identifier" && set.contains(&src[n.byte_range()]) {
            reads_set = true;
        }
        !reads_set
    });
    if reads_set {
        return None;
    }
    // Both statements start their own lines; the `Add` is one line.
    if stmt.start_position().row != stmt.end_position().row {
        return None;
    }
    let line = StatementLine::of(src, stmt.start_byte(), stmt.end_byte())?;
    let go_line = checker.file.line_range(go.start_byte()).start;
    if !src[go_line..go.start_byte()]
        .chars()
        .all(|c| c == ' ' || c == '\t')
    {
        return None;
    }
    let indent = checker.file.indentation(go.start_byte());
    let comment = src[stmt.end_byte()..line.content_end].trim();
    let add_text = &src[stmt.byte_range()];
    let moved = if comment.is_empty() {
        format!("{indent}{add_text}\n")
    } else if ends_in_comment(src, go_line) || (go_line > 0 && ends_in_comment(src, go_line - 1)) {
        // gofmt would line the trailing comments of neighbouring lines up: give the comment
        // a line of its own instead.
        format!("{indent}{comment}\n{indent}{add_text}\n")
    } else {
        format!("{indent}{add_text} {comment}\n")
    };
    let arg = add.arguments.named_child(0)?;
    let plain_argument = is_plain(arg, src);
    let applicability = if guessed || !plain_argument || comment_above(src, line.start, lit) {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mut edits = vec![Edit::insertion(go_line, moved)];
    edits.extend(delete_lines(src, &[line]));
    Some(Fix::new(
        format!(
            "Move `{}` before the `go` statement",
            &src[add.call.byte_range()]
        ),
        applicability,
        edits,
    ))
}

/// Whether the line holding `byte` has code followed by a `//` comment (or looks like it:
/// a `//` inside a string counts too, which only costs the comment its place on the line).
pub(crate) fn ends_in_comment(src: &str, byte: usize) -> bool {
    let start = src[..byte].rfind('\n').map_or(0, |i| i + 1);
    let end = src[byte..].find('\n').map_or(src.len(), |i| byte + i);
    let line = src[start..end].trim_start();
    !line.starts_with("//") && line.contains("//")
}

/// A constant, a variable, a field, or `len`/`cap` of one: reading it earlier, in the
/// starting goroutine, does nothing else.
fn is_plain(arg: Node<'_>, src: &str) -> bool {
    match arg.kind_name() {
        "int_literal" | "identifier" | "selector_expression" => true,
        "parenthesized_expression" => arg.named_child(0).is_some_and(|a| is_plain(a, src)),
        "call_expression" => {
            let builtin = arg
                .field("function")
                .is_some_and(|f| matches!(&src[f.byte_range()], "len" | "cap"));
            let args = arg.field("arguments");
            builtin
                && args.is_some_and(|a| {
                    a.named_child_count() == 1 && a.named_child(0).is_some_and(|x| is_plain(x, src))
                })
        }
        _ => false,
    }
}

/// Whether the line before `line_start` is a comment line inside the function literal or
/// block starting at `lit`: it may describe the statement there, and would stay behind.
pub(crate) fn comment_above(src: &str, line_start: usize, lit: Node<'_>) -> bool {
    if line_start == 0 {
        return false;
    }
    let prev_start = src[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
    prev_start > lit.start_byte() && src[prev_start..line_start].trim_start().starts_with("//")
}

/// Names the statements before the `Add` declare, assign or take the address of, and the
/// literal's parameters.
fn names_set<'s>(before: &[Node<'_>], lit: Node<'_>, src: &'s str) -> HashSet<&'s str> {
    let mut set = HashSet::new();
    if let Some(params) = lit.field("parameters") {
        walk_subtree(params, |n| {
            if n.kind_name() == "identifier" {
                set.insert(&src[n.byte_range()]);
            }
            true
        });
    }
    for stmt in before {
        walk_subtree(*stmt, |n| {
            let targets = match n.kind_name() {
                "short_var_declaration" | "assignment_statement" | "range_clause" => {
                    n.field("left")
                }
                "inc_statement" | "dec_statement" => n.named_child(0),
                "unary_expression" if n.child(0).is_some_and(|op| op.kind_name() == "&") => {
                    n.field("operand")
                }
                _ => None,
            };
            if let Some(t) = targets {
                let mut cursor = t.walk();
                for c in t.named_children(&mut cursor).chain(std::iter::once(t)) {
                    if let Some(root) = root_identifier(c) {
                        set.insert(&src[root.byte_range()]);
                    }
                }
            }
            if matches!(n.kind_name(), "var_spec" | "const_spec") {
                let mut names = n.walk();
                for id in n.children_by_field_name("name", &mut names) {
                    set.insert(&src[id.byte_range()]);
                }
            }
            true
        });
    }
    set
}

/// Whether the goroutine starts goroutines of its own (`go …` or `X.Go(…)`).
fn starts_goroutines(body: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(body, |n| {
        found |= goroutine_start(n, src).is_some();
        !found
    });
    found
}

/// Whether running `stmt` can block or loops: a channel operation, a `select`, a loop, or a
/// call of `Wait`, `Lock`, `RLock` or `Sleep`. Closures are not run by being written.
fn blocks_or_loops(stmt: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(stmt, |n| {
        if found || n.kind_name() == "func_literal" {
            return false;
        }
        found = match n.kind_name() {
            "for_statement" | "select_statement" | "send_statement" | "receive_statement" => true,
            "unary_expression" => n.child(0).is_some_and(|op| op.kind_name() == "<-"),
            "call_expression" => n
                .field("function")
                .filter(|f| f.kind_name() == "selector_expression")
                .and_then(|f| f.field("field"))
                .is_some_and(|m| {
                    matches!(&src[m.byte_range()], "Wait" | "Lock" | "RLock" | "Sleep")
                }),
            _ => false,
        };
        !found
    });
    found
}

/// Whether `stmt` can leave the goroutine: a `return`, `goto`, `panic`, or
/// `runtime.Goexit()`.
fn can_exit(stmt: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(stmt, |n| {
        if found || is_function(n.kind_name()) {
            return false;
        }
        found = match n.kind_name() {
            "return_statement" | "goto_statement" => true,
            "call_expression" => n.field("function").is_some_and(|f| {
                matches!(
                    squeeze(&src[f.byte_range()]).as_str(),
                    "panic" | "runtime.Goexit"
                )
            }),
            _ => false,
        };
        !found
    });
    found
}
