use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::channels::{
    Channel, Owner, UseKind, goroutine_literal, in_loop_below, statement_of,
};
use crate::syntax::{MethodCall, statement_call, statements, walk_subtree};

use super::lines::{StatementLine, delete_lines};
use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `close(ch)` in more than one goroutine started by the same function, or in a
    /// goroutine started in a loop (one close per iteration).
    ///
    /// ## Why is this bad?
    /// Closing a closed channel panics. With several producers each closing, the second one
    /// to finish crashes the program, and the first one's close makes every later send panic
    /// too.
    ///
    /// ## Example
    /// ```go
    /// for _, src := range sources {
    ///     wg.Add(1)
    ///     go func(src Source) {
    ///         defer wg.Done()
    ///         defer close(out)
    ///         src.Emit(out)
    ///     }(src)
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// for _, src := range sources {
    ///     wg.Add(1)
    ///     go func(src Source) {
    ///         defer wg.Done()
    ///         src.Emit(out)
    ///     }(src)
    /// }
    /// go func() {
    ///     wg.Wait()
    ///     close(out)
    /// }()
    /// ```
    ///
    /// ## Fix safety
    /// Display only: closing once after `wg.Wait()` is the usual cure, but only when the
    /// WaitGroup counts exactly the producers, which gofix cannot prove. The suggestion is
    /// shown when a WaitGroup is in sight (`X.Done()` in the producers or `X.Wait()` after
    /// them).
    ///
    /// ## Known problems
    /// Closes guarded by a `sync.Once` (inside `once.Do(func(){…})`) are not counted.
    ///
    /// ## References
    /// - Checklist item 6, "Close Channels from Producer Side"
    /// - <https://go.dev/ref/spec#Close>
    pub struct ChannelClosedByMany {
        code: "GF203",
        name: "channel-closed-by-many",
        item: 6,
        severity: Critical,
        fix: DisplayOnly,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let channels = checker.channels(func);
    let src = checker.text();
    for ch in channels.iter() {
        if ch.has(UseKind::Reassigned) {
            continue;
        }
        let closes: Vec<(Node<'a>, Node<'a>)> = ch
            .uses_of(UseKind::Close)
            .filter(|u| !counted_down(u.node, src))
            .filter_map(|u| match u.owner {
                Owner::Goroutine(go) => Some((go, statement_of(u.node)?)),
                _ => None,
            })
            .collect();
        let mut closers: Vec<Node<'a>> = Vec::new();
        for (go, _) in &closes {
            if !closers.iter().any(|c| c.id() == go.id()) {
                closers.push(*go);
            }
        }
        // A closer started by another closer may run on a path the other has left (`close;
        // return` before the `go`): which of them closes is a question of paths.
        let nested = closers.iter().any(|outer| {
            closers
                .iter()
                .any(|inner| inner.id() != outer.id() && contains(*outer, *inner))
        });
        if nested {
            continue;
        }
        let looped = closers.iter().any(|g| in_loop_below(*g, ch.scope));
        if closers.len() < 2 && !looped {
            continue;
        }
        let name = &ch.name;
        let why = if closers.len() >= 2 {
            format!("{} goroutines close `{name}`", closers.len())
        } else {
            "the goroutine closing it is started in a loop".to_owned()
        };
        let message =
            format!("`{name}` may be closed more than once ({why}); the second close panics");
        let fix = close_once_fix(ch, func, &closes, checker);
        for (_, stmt) in &closes {
            checker.report(
                Diagnostic::new(&ChannelClosedByMany::RULE, range(*stmt), message.clone())
                    .with_fix(fix.clone()),
            );
        }
    }
}

fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// `if atomic.AddInt32(&n, -1) == 0 { close(ch) }`: the last of several goroutines closes,
/// decided by a counter; that is closing once.
fn counted_down(close: Node<'_>, src: &str) -> bool {
    let mut cur = close.up();
    while let Some(n) = cur {
        if crate::syntax::is_function(n.kind_name()) {
            return false;
        }
        if n.kind_name() == "if_statement"
            && n.field("condition").is_some_and(|c| {
                let text = &src[c.byte_range()];
                text.contains("atomic.") || text.contains(".Add(")
            })
        {
            return true;
        }
        cur = n.up();
    }
    false
}

/// Delete the closes and close once after the WaitGroup in sight is done.
fn close_once_fix(
    ch: &Channel<'_>,
    func: Node<'_>,
    closes: &[(Node<'_>, Node<'_>)],
    checker: &Checker<'_>,
) -> Option<Fix> {
    let src = checker.text();
    let lines: Option<Vec<StatementLine>> = closes
        .iter()
        .map(|(_, stmt)| StatementLine::of(src, stmt.start_byte(), stmt.end_byte()))
        .collect();
    let mut edits = delete_lines(src, &lines?);
    let last_go = closes
        .iter()
        .map(|(go, _)| *go)
        .max_by_key(|g| g.start_byte())?;
    let body = func.field("body")?;
    let top = statements(body)
        .into_iter()
        .find(|s| s.byte_range().contains(&last_go.start_byte()))?;
    let name = &ch.name;
    let indent = checker.file.indentation(top.start_byte());
    let wait = statements(body)
        .into_iter()
        .find(|s| s.start_byte() > top.start_byte() && method_call(*s, "Wait", src).is_some());
    let insert = match wait {
        Some(wait) => {
            let line = StatementLine::of(src, wait.start_byte(), wait.end_byte())?;
            Edit::insertion(line.end, format!("{indent}close({name})\n"))
        }
        None => {
            let wg = closes
                .iter()
                .find_map(|(go, _)| waitgroup_done_in(*go, src))?;
            let line = StatementLine::of(src, top.start_byte(), top.end_byte())?;
            Edit::insertion(
                line.end,
                format!(
                    "{indent}go func() {{\n{indent}\t{wg}.Wait()\n{indent}\tclose({name})\n{indent}}}()\n"
                ),
            )
        }
    };
    edits.push(insert);
    Some(Fix::new(
        format!("Close `{name}` once, after every producer is done"),
        Applicability::DisplayOnly,
        edits,
    ))
}

/// The receiver text of a `X.method()` statement.
fn method_call<'s>(stmt: Node<'_>, method: &str, src: &'s str) -> Option<&'s str> {
    let call = statement_call(stmt).and_then(MethodCall::of)?;
    (&src[call.method.byte_range()] == method && call.has_no_arguments())
        .then(|| &src[call.receiver.byte_range()])
}

/// The WaitGroup a goroutine marks done: `X` of a `X.Done()` or `defer X.Done()` in it.
fn waitgroup_done_in<'s>(go: Node<'_>, src: &'s str) -> Option<&'s str> {
    let body = goroutine_literal(go)?.field("body")?;
    let mut found = None;
    walk_subtree(body, |n| {
        if found.is_none()
            && matches!(n.kind_name(), "expression_statement" | "defer_statement")
            && let Some(x) = method_call(n, "Done", src)
        {
            found = Some(x);
        }
        found.is_none()
    });
    found
}
