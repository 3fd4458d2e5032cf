use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::discover::GoVersion;
use crate::package::import_name;
use crate::syntax::MethodCall;
use crate::syntax::goroutines::leaves_loop;

use super::range;
use crate::syntax::NodeKind;

/// Go 1.23: the garbage collector recovers unreferenced tickers that were never stopped.
const TICKERS_COLLECTED: GoVersion = GoVersion { minor: 23 };

define_rule! {
    /// ## What it does
    /// Finds `time.Tick(d)` in a file whose Go version is below 1.23, outside `package main`
    /// and outside tests.
    ///
    /// ## Why is this bad?
    /// `time.Tick` returns only the channel of a ticker nobody can stop. Before Go 1.23 the
    /// garbage collector never recovers a ticker that was not stopped: once the loop reading
    /// it ends, the ticker keeps firing into a channel nobody reads, for the life of the
    /// process, and every call of the function adds one more. A library cannot know how long
    /// its callers live.
    ///
    /// ## Example
    /// ```go
    /// func (p *Poller) Run(ctx context.Context) {
    ///     tick := time.Tick(p.every)
    ///     for {
    ///         select {
    ///         case <-ctx.Done():
    ///             return
    ///         case <-tick:
    ///             p.poll()
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (p *Poller) Run(ctx context.Context) {
    ///     ticker := time.NewTicker(p.every)
    ///     defer ticker.Stop()
    ///     for {
    ///         select {
    ///         case <-ctx.Done():
    ///             return
    ///         case <-ticker.C:
    ///             p.poll()
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the ticker needs a name, a `Stop` and `.C` at every use of the channel, which
    /// may be far from the call.
    ///
    /// ## Known problems
    /// Silent when the file's Go version is unknown (no go.mod and no `--go-version`), in
    /// `package main` and `_test.go` files (they live as long as the process or the test),
    /// at package level and in `init` (one ticker for the life of the program), and for
    /// `for range time.Tick(d)` loops that nothing can leave. From Go 1.23 on, unstopped
    /// tickers are collected; note that the main module's `go` line, not the file's, decides
    /// that at run time.
    ///
    /// ## References
    /// - Checklist item 9, "Avoid Goroutine Leaks"
    /// - <https://pkg.go.dev/time#Tick>
    /// - <https://go.dev/doc/go1.23#timer-changes>
    /// - staticcheck SA1015 (`time.Tick` in a function that is not endless)
    pub struct TimeTickLeak {
        code: "GF303",
        name: "time-tick-leak",
        item: 9,
        severity: Medium,
        fix: None,
    }
}

pub fn check<'a>(call: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // Cheap filter: `X.Tick(…)` where `X` is the file's name for `time`.
    let Some(m) = MethodCall::of(call) else {
        return;
    };
    if &src[m.method.byte_range()] != "Tick" || m.receiver.kind_name() != "identifier" {
        return;
    }
    // Only files known to be older than Go 1.23.
    let Some(version) = checker.file.go_version.filter(|v| *v < TICKERS_COLLECTED) else {
        return;
    };
    // Tests and programs live no longer than the ticker matters.
    if checker.file.path.to_string_lossy().ends_with("_test.go")
        || package_name(checker.file.root(), src) == Some("main")
    {
        return;
    }
    let Some(time) = import_name(checker.file, "time") else {
        return;
    };
    if src[m.receiver.byte_range()] != time {
        return;
    }
    // A package-level or `init` ticker is one for the life of the program.
    let Some(func) = outermost_function(call) else {
        return;
    };
    if func.kind_name() == "function_declaration"
        && func
            .field("name")
            .is_some_and(|n| &src[n.byte_range()] == "init")
    {
        return;
    }
    // `for range time.Tick(d)` that nothing leaves needs its ticker for good.
    if let Some(loop_) = ranged_by(call)
        && let Some(body) = loop_.field("body")
        && !leaves_loop(loop_, body, src)
    {
        return;
    }
    checker.report(Diagnostic::new(
        &TimeTickLeak::RULE,
        range(call),
        format!(
            "`{time}.Tick` leaks its ticker: before Go 1.23 (this file is go1.{}) an unstopped ticker is never collected; use `{time}.NewTicker` and `Stop` it",
            version.minor
        ),
    ));
}

/// The name in the file's `package` clause.
fn package_name<'s>(root: Node<'_>, src: &'s str) -> Option<&'s str> {
    let mut cursor = root.walk();
    let clause = root
        .named_children(&mut cursor)
        .find(|c| c.kind_name() == "package_clause")?;
    let mut cursor = clause.walk();
    let name = clause
        .named_children(&mut cursor)
        .find(|c| c.kind_name() == "package_identifier")?;
    Some(&src[name.byte_range()])
}

/// The top-level function or method declaration around `node`, if any.
fn outermost_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        if matches!(n.kind_name(), "function_declaration" | "method_declaration") {
            return Some(n);
        }
        cur = n.up();
    }
    None
}

/// The `for` loop whose `range` clause is `call`.
fn ranged_by(call: Node<'_>) -> Option<Node<'_>> {
    let clause = call.up().filter(|c| {
        c.kind_name() == "range_clause" && c.field("right").is_some_and(|r| r.id() == call.id())
    })?;
    clause.up().filter(|f| f.kind_name() == "for_statement")
}
