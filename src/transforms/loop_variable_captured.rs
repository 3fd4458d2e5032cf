use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::GoVersion;
use crate::fix::{Applicability, Fix};
use crate::syntax::captures::{LoopVars, body_writes, captures, statement_declares};
use crate::syntax::statements;

use super::lines::insert_at_block_start;
use super::range;

define_rule! {
    /// ## What it does
    /// In files whose Go language version is below 1.22, finds loop variables used inside a
    /// closure that runs after its iteration: `go func(){…}()`, `defer func(){…}()`, a task
    /// passed to `g.Go(…)` (errgroup, `sync.WaitGroup.Go`), or a subtest body that calls
    /// `t.Parallel()`. It looks at the whole loop body, not only its last statement.
    ///
    /// ## Why is this bad?
    /// Before Go 1.22 a loop has one variable for all iterations. The closure reads it when it
    /// runs, by which time the loop has usually moved on: every goroutine sees the last item,
    /// or a mix. go vet's `loopclosure` only checks the last statement of the loop body.
    ///
    /// ## Example
    /// ```go
    /// for _, item := range items {
    ///     go func() {
    ///         process(item)
    ///     }()
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// for _, item := range items {
    ///     item := item
    ///     go func() {
    ///         process(item)
    ///     }()
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the copy `item := item` as the first statement of the loop body gives each
    /// iteration its own variable, which is exactly Go 1.22's semantics. It is not offered
    /// when the body assigns to the variable, increments it or takes its address (a 3-clause
    /// loop that skips with `i++` would stop skipping), nor when the body declares the name
    /// again at its top level (`v := transform(v)` would stop compiling). The copy is preferred to passing the
    /// variable as an argument (`go func(item Item){…}(item)`) because it works for every
    /// kind of closure (`defer`, `g.Go`, `t.Run` take no arguments), needs no type, and is
    /// what `go fix` removes again once the module moves to Go 1.22.
    ///
    /// ## Known problems
    /// When the file's Go version is unknown (no go.mod above it and no `--go-version`), the
    /// finding is reported at low severity without a fix: at Go 1.22 or later it is no bug.
    /// Run `gofix --explain-version FILE` to see which version a file gets and why.
    ///
    /// ## References
    /// - Checklist item 10, "pass item to avoid closure capture"
    /// - <https://go.dev/blog/loopvar-preview>
    /// - go vet `loopclosure`
    pub struct LoopVariableCaptured {
        code: "GF320",
        name: "loop-variable-captured",
        item: 10,
        severity: Critical,
        fix: Sometimes,
    }
}

pub fn check<'a>(for_stmt: Node<'a>, checker: &mut Checker<'a>) {
    let version = checker.file.go_version;
    if version.is_some_and(|v| v >= GoVersion::PER_ITERATION_LOOPS) {
        return;
    }
    let src = checker.text();
    let Some(lv) = LoopVars::of(for_stmt, src) else {
        return;
    };
    let found = captures(&lv, src);
    let Some(first) = found.first() else {
        return;
    };
    // The captured variables, in header order.
    let mut vars: Vec<usize> = found.iter().map(|c| c.var).collect();
    vars.sort_unstable();
    vars.dedup();
    let names: Vec<String> = vars
        .iter()
        .map(|&v| format!("`{}`", &src[lv.vars[v].byte_range()]))
        .collect();
    let (what, is) = if names.len() == 1 {
        (format!("loop variable {}", names[0]), "is")
    } else {
        (format!("loop variables {}", names.join(", ")), "are")
    };
    let mut diagnostic = Diagnostic::new(
        &LoopVariableCaptured::RULE,
        range(first.reference),
        match version {
            Some(v) => format!(
                "{what} captured by {} {is} shared by all iterations at go{v}",
                first.how.describe()
            ),
            None => format!(
                "{what} captured by {}: shared by all iterations if this file's Go version is below 1.22, and it is unknown (no go.mod; set --go-version)",
                first.how.describe()
            ),
        },
    );
    if version.is_none() {
        diagnostic = diagnostic.with_severity(Severity::Low);
    } else if let Some(fix) = copy_fix(&lv, &vars, checker) {
        diagnostic = diagnostic.with_fix(Some(fix));
    }
    checker.report(diagnostic);
}

/// `v := v` lines for `vars` at the top of the loop body, or `None` when a copy would change
/// what the loop does, or the body does not start on its own line.
fn copy_fix(lv: &LoopVars<'_>, vars: &[usize], checker: &Checker<'_>) -> Option<Fix> {
    let src = checker.text();
    if vars.iter().any(|&v| body_writes(lv, v, src)) {
        return None;
    }
    // `v := transform(v)` at the top of the body would no longer compile after `v := v`.
    let redeclared = statements(lv.body).iter().any(|stmt| {
        vars.iter()
            .any(|&v| statement_declares(*stmt, &src[lv.vars[v].byte_range()], src))
    });
    if redeclared {
        return None;
    }
    let indent = format!("{}\t", checker.file.indentation(lv.for_stmt.start_byte()));
    let copies: String = vars
        .iter()
        .map(|&v| {
            let name = &src[lv.vars[v].byte_range()];
            format!("{indent}{name} := {name}\n")
        })
        .collect();
    let title = if vars.len() == 1 {
        "Copy the loop variable at the top of the loop body"
    } else {
        "Copy the loop variables at the top of the loop body"
    };
    let edit = insert_at_block_start(src, lv.body.start_byte(), copies)?;
    Some(Fix::new(title, Applicability::Safe, vec![edit]))
}
