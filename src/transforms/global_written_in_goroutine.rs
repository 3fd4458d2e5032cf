use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::package::import_name;
use crate::syntax::captures::shadowed;
use crate::syntax::globals::{
    Context, context_of, lock_held, locks_or_waits, polled_variable, writes_name,
    written_identifiers,
};
use crate::syntax::{enclosing_function, squeeze};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds a package-level variable written with no lock held inside a goroutine: in the
    /// body of a goroutine literal, in a function of the package started with `go f()`, or
    /// in a function of the package either of those calls directly. Also finds a loop that
    /// polls a package-level variable in its condition (`for !stop {…}`) while other code
    /// writes it, a goroutine being on one side.
    ///
    /// ## Why is this bad?
    /// A plain variable shared by goroutines without synchronisation is a data race: writes
    /// can be lost or seen half-done, and the compiler may hoist a read out of a loop, so a
    /// `for !stop {}` loop can spin forever after `stop` was set. `go test -race` finds it
    /// only when a test happens to run both sides at once.
    ///
    /// ## Example
    /// ```go
    /// var stop bool
    ///
    /// func main() {
    ///     go func() {
    ///         time.Sleep(time.Second)
    ///         stop = true
    ///     }()
    ///     for !stop {
    ///         work()
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// var stop atomic.Bool
    ///
    /// func main() {
    ///     go func() {
    ///         time.Sleep(time.Second)
    ///         stop.Store(true)
    ///     }()
    ///     for !stop.Load() {
    ///         work()
    ///     }
    /// }
    /// ```
    /// (or a channel closed to signal, or a `context.Context` cancelled).
    ///
    /// ## Fix safety
    /// No fix: whether a channel, a `context`, an atomic or a lock fits depends on what the
    /// variable is for.
    ///
    /// ## Known problems
    /// Without types, a variable's kind comes from its declared type or initialiser, and when
    /// neither says, from its name (`mu`, `cacheLock`, `once` are taken for `sync` values).
    /// A lock counts as held only when an enclosing block of the same function takes it
    /// (`X.Lock()`, the runtime's `lock(&l)` or `semacquire(&s)`) before the write and has
    /// not released it; a lock the caller holds is not seen, except that functions named
    /// `…Locked` are taken to be called with it. Writes ordered by other means (a channel
    /// close or receive, `wg.Wait()`, a single-threaded platform) are still reported.
    /// Functions are matched by name, one call level deep, and a name that several types of
    /// the package declare (`Run`, `init`) is not followed.
    ///
    /// Left out on purpose: the check-then-set `if !v { v = true }` (GF130's finding),
    /// variables named `…sink`/`…Sink` (benchmark sinks, written only to keep a value alive),
    /// and parts of variables (`m[k] = v`, `s.f = v`): only whole variables are considered.
    ///
    /// ## References
    /// - Checklist item 4, "Use Channels for Goroutine Communication" (fail: goroutines share
    ///   state through global variables without proper sync)
    /// - <https://go.dev/ref/mem>
    /// - <https://pkg.go.dev/sync/atomic#Bool>
    pub struct GlobalWrittenInGoroutine {
        code: "GF304",
        name: "global-written-in-goroutine",
        item: 4,
        severity: High,
        fix: None,
    }
}

pub fn check<'a>(node: Node<'a>, checker: &mut Checker<'a>) {
    match node.kind_name() {
        "for_statement" => check_poll(node, checker),
        _ => check_write(node, checker),
    }
}

/// `v = …`, `v op= …`, `v++`, `v--` on a package-level variable in a goroutine.
fn check_write<'a>(stmt: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    let globals = checker.package.globals();
    // Cheap filter first: a plain package-level variable written as a whole.
    let targets: Vec<Node<'a>> = written_identifiers(stmt)
        .into_iter()
        .filter(|t| globals.is_plain(&src[t.byte_range()]) && !is_sink(&src[t.byte_range()]))
        .collect();
    if targets.is_empty() {
        return;
    }
    // Run by a goroutine, and not inside code the caller locks for it.
    let context = context_of(stmt, src);
    if !context.in_goroutine(checker.package.goroutines(), globals) {
        return;
    }
    if let Context::Declared { name, .. } = &context
        && (name.ends_with("Locked") || name.ends_with("locked"))
    {
        return;
    }
    if lock_held(stmt, src) {
        return;
    }
    let root = checker.file.root();
    for target in targets {
        let name = &src[target.byte_range()];
        // A local of the same name, `v = atomic.AddT(&v, d)` (GF306's finding), or the
        // check-then-set `if !v { v = true }` (GF130's).
        if shadowed(target, name, root, src)
            || assigns_atomic_result(stmt, name, checker)
            || check_then_set(stmt, name, src)
        {
            continue;
        }
        let message = format!(
            "Package-level `{name}` is written in a goroutine with no lock held: use a channel, `context`, or `atomic.Bool`/`atomic.Int64` instead"
        );
        checker.report(Diagnostic::new(
            &GlobalWrittenInGoroutine::RULE,
            range(target),
            message,
        ));
    }
}

/// `for !v {…}` on a package-level variable that other code writes.
fn check_poll<'a>(for_stmt: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    let globals = checker.package.globals();
    let Some(var) = polled_variable(for_stmt) else {
        return;
    };
    let name = &src[var.byte_range()];
    if !globals.is_plain(name) || shadowed(var, name, checker.file.root(), src) {
        return;
    }
    // The loop changes the variable itself (plain loop control), or reads it under a lock
    // (a `sync.Cond` wait loop, an unlock-sleep-lock loop).
    if writes_name(for_stmt, name, src) || locks_or_waits(for_stmt, src) || lock_held(for_stmt, src)
    {
        return;
    }
    let Some(function) = enclosing_function(for_stmt) else {
        return;
    };
    let here = (function.start_byte(), function.end_byte());
    let reach = checker.package.goroutines();
    // Writes in other functions, once goroutines may be running.
    let others: Vec<_> = globals
        .writes(name)
        .iter()
        .filter(|w| !(w.before_goroutines || (w.file == checker.file.path && w.function == here)))
        .collect();
    if others.is_empty() {
        return;
    }
    // A goroutine on one side at least: the poller or some writer.
    let concurrent = context_of(for_stmt, src).in_goroutine(reach, globals)
        || others
            .iter()
            .any(|w| w.context.in_goroutine(reach, globals));
    if !concurrent {
        return;
    }
    let message = format!(
        "Package-level `{name}` is polled in a loop condition while another goroutine writes it: the loop may never see the change; use a channel, `context`, or `atomic.Bool` instead"
    );
    checker.report(Diagnostic::new(
        &GlobalWrittenInGoroutine::RULE,
        range(var),
        message,
    ));
}

/// A benchmark sink (`sink`, `memSink`): written only to keep the compiler from optimising a
/// value away, never read for its value.
fn is_sink(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("sink")
}

/// `v = true` as a statement of the block of `if !v {…}` (or `if v == false {…}`): the
/// check-then-set GF130 reports.
fn check_then_set(stmt: Node<'_>, name: &str, src: &str) -> bool {
    let sets_true = stmt.kind_name() == "assignment_statement"
        && stmt
            .field("operator")
            .is_some_and(|op| &src[op.byte_range()] == "=")
        && stmt.field("right").is_some_and(|r| {
            r.named_child_count() == 1 && r.named_child(0).is_some_and(|v| v.kind_name() == "true")
        })
        && stmt
            .field("left")
            .is_some_and(|l| l.named_child_count() == 1);
    let Some(if_stmt) = stmt
        .up()
        .filter(|l| l.kind_name() == "statement_list")
        .and_then(|l| l.up())
        .filter(|b| b.kind_name() == "block")
        .and_then(|b| b.up())
        .filter(|i| i.kind_name() == "if_statement" && i.field("initializer").is_none())
    else {
        return false;
    };
    let Some(condition) = if_stmt.field("condition") else {
        return false;
    };
    let in_consequence = if_stmt
        .field("consequence")
        .is_some_and(|c| c.byte_range().contains(&stmt.start_byte()));
    let condition = squeeze(&src[condition.byte_range()]);
    sets_true
        && in_consequence
        && [
            format!("!{name}"),
            format!("{name}==false"),
            format!("false=={name}"),
        ]
        .contains(&condition)
}

/// `v = atomic.AddT(&v, …)` and friends: the write-back GF306 reports.
fn assigns_atomic_result(stmt: Node<'_>, name: &str, checker: &Checker<'_>) -> bool {
    let src = checker.text();
    let Some(call) = stmt
        .field("right")
        .and_then(|r| r.named_child(0))
        .filter(|c| c.kind_name() == "call_expression")
    else {
        return false;
    };
    let Some(operand) = call
        .field("function")
        .filter(|f| f.kind_name() == "selector_expression")
        .and_then(|f| f.field("operand"))
    else {
        return false;
    };
    let Some(atomic) = import_name(checker.file, "sync/atomic") else {
        return false;
    };
    src[operand.byte_range()] == atomic
        && call
            .field("arguments")
            .and_then(|a| a.named_child(0))
            .is_some_and(|arg| squeeze(&src[arg.byte_range()]) == format!("&{name}"))
}
