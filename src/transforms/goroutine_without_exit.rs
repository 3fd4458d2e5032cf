use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::fix::{Applicability, Edit, Fix};
use crate::package::import_name;
use crate::syntax::NodeKind;
use crate::syntax::goroutines::{context_in_scope, endless_loops, goroutine_body};
use crate::syntax::statements;

define_rule! {
    /// ## What it does
    /// Finds a goroutine — a `go func(){…}()` literal, or a function or method of the
    /// package started with `go f(…)` — whose body runs an unconditional `for { … }` that
    /// nothing can end: no `return`, no `break` out of that loop (labels resolved; a plain
    /// `break` in a `select` or `switch` only ends that statement), no `goto`, no receive from
    /// a `ctx.Done()` or quit/stop channel, no call that ends the goroutine or the process
    /// (`panic`, `os.Exit`, `runtime.Goexit`, `log.Fatal`). A `for v := range ch` loop ends
    /// when the channel is closed and is not reported.
    ///
    /// ## Why is this bad?
    /// A goroutine that cannot be told to stop lives as long as the process: everything it
    /// references stays reachable, and each call of the function that starts it leaks one
    /// more. Tests that start it leave it running behind them, and a graceful shutdown cannot
    /// wait for it.
    ///
    /// ## Example
    /// ```go
    /// func (w *Worker) Start(ctx context.Context) {
    ///     go func() {
    ///         for {
    ///             select {
    ///             case job := <-w.jobs:
    ///                 w.handle(job)
    ///             }
    ///         }
    ///     }()
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (w *Worker) Start(ctx context.Context) {
    ///     go func() {
    ///         for {
    ///             select {
    ///             case <-ctx.Done():
    ///                 return
    ///             case job := <-w.jobs:
    ///                 w.handle(job)
    ///             }
    ///         }
    ///     }()
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: how a goroutine should learn that it is no longer wanted is a design
    /// decision. When the loop is a `for { select { … } }` and a `context.Context` is in scope
    /// (a parameter of that type, or a variable named `ctx`), a display-only suggestion adds
    /// `case <-ctx.Done(): return` to the `select`.
    ///
    /// ## Known problems
    /// Only loops among the top-level statements of the goroutine body are considered. A
    /// receive from a channel whose name announces the end (`quit`, `stop`, `done`,
    /// `closing`, `shutdown`, …) counts as a way out, whatever the case then does. Functions
    /// started by name are matched by name only: a method counts when it is the only method
    /// of that name in the package. Goroutines that are meant to live as long as the process
    /// (a signal handler in `main`) are reported too; suppress them with `//gofix:ignore`.
    ///
    /// ## References
    /// - Checklist item 9, "Avoid Goroutine Leaks"
    /// - <https://go.dev/blog/pipelines> (explicit cancellation)
    /// - <https://pkg.go.dev/context>
    pub struct GoroutineWithoutExit {
        code: "GF301",
        name: "goroutine-without-exit",
        item: 9,
        severity: High,
        fix: DisplayOnly,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // Cheap filter and the body: only functions that run as goroutines.
    let Some(body) = goroutine_body(func, src, checker.package.goroutine_starts()) else {
        return;
    };
    let loops = endless_loops(body, src);
    if loops.is_empty() {
        return;
    }
    let who = match func.kind_name() {
        "func_literal" => "this goroutine".to_owned(),
        _ => {
            let name = func
                .field("name")
                .map_or("this function", |n| &src[n.byte_range()]);
            format!("`{name}` runs as a goroutine and")
        }
    };
    let context = import_name(checker.file, "context");
    for loop_ in loops {
        let message = format!(
            "{who} never exits: this `for` loop has no `return`, no `break` out of it, and no `ctx.Done()` or quit-channel case"
        );
        let fix = done_case_suggestion(loop_, func, context.as_deref(), checker);
        // The `for` keyword: the loop itself can be long.
        let at = TextRange::new(loop_.start_byte(), loop_.start_byte() + "for".len());
        checker.report(Diagnostic::new(&GoroutineWithoutExit::RULE, at, message).with_fix(fix));
    }
}

/// For `for { select { … } }` with a context in scope: a `case <-ctx.Done(): return` before
/// the first case, laid out as gofmt would.
fn done_case_suggestion(
    loop_: Node<'_>,
    func: Node<'_>,
    context: Option<&str>,
    checker: &Checker<'_>,
) -> Option<Fix> {
    let src = checker.text();
    let body = loop_.field("body")?;
    let [select] = statements(body)[..] else {
        return None;
    };
    if select.kind_name() != "select_statement" {
        return None;
    }
    let ctx = context_in_scope(loop_, context, src)?;
    // `return` must compile: no results, or exactly one `error`.
    let ret = match func.field("result") {
        None => "return".to_owned(),
        Some(r) if &src[r.byte_range()] == "error" => format!("return {ctx}.Err()"),
        Some(_) => return None,
    };
    let first_case = {
        let mut cursor = select.walk();
        select
            .named_children(&mut cursor)
            .find(|c| matches!(c.kind_name(), "communication_case" | "default_case"))?
    };
    let line_start = src[..first_case.start_byte()]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = &src[line_start..first_case.start_byte()];
    if !indent.chars().all(|c| c == '\t' || c == ' ') {
        return None;
    }
    Some(Fix::new(
        format!("Add a `case <-{ctx}.Done(): {ret}` to the `select`"),
        Applicability::DisplayOnly,
        vec![Edit::insertion(
            line_start,
            format!("{indent}case <-{ctx}.Done():\n{indent}\t{ret}\n"),
        )],
    ))
}
