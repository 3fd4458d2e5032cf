use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Fix};
use crate::syntax::channels::{Channel, Owner, UseKind, goroutine_literal, in_loop_below};
use crate::syntax::statements;

use super::lines::insert_at_block_start;
use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds a channel made in a function, sent to by exactly one goroutine started there,
    /// closed nowhere, and ranged over: by the function itself, or by a caller in the package
    /// when the function returns it.
    ///
    /// ## Why is this bad?
    /// `for v := range ch` ends only when the channel is closed. If the one producer never
    /// closes it, the consumer waits forever once the values run out: a deadlock, or a
    /// goroutine leak when other goroutines keep the program alive.
    ///
    /// ## Example
    /// ```go
    /// func gen(n int) <-chan int {
    ///     ch := make(chan int)
    ///     go func() {
    ///         for i := 0; i < n; i++ {
    ///             ch <- i
    ///         }
    ///     }()
    ///     return ch
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func gen(n int) <-chan int {
    ///     ch := make(chan int)
    ///     go func() {
    ///         defer close(ch)
    ///         for i := 0; i < n; i++ {
    ///             ch <- i
    ///         }
    ///     }()
    ///     return ch
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: `defer close(ch)` as the first statement of the producer runs after its last
    /// send, on every path out of it, and only the ranging consumer notices (its loop ends).
    ///
    /// ## Known problems
    /// Silent whenever the channel's life is not all in view: several producers (or one
    /// started in a loop), sends from a closure nested in the producer, a channel passed to a
    /// function or stored, a result read by a single receive rather than ranged over.
    ///
    /// ## References
    /// - Checklist item 6, "Close Channels from Producer Side"
    /// - <https://go.dev/ref/spec#For_range>
    pub struct ProducerNeverCloses {
        code: "GF201",
        name: "producer-never-closes",
        item: 6,
        severity: Critical,
        fix: Sometimes,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let channels = checker.channels(func);
    for ch in channels.iter() {
        let Some(producer) = single_producer(ch) else {
            continue;
        };
        let ranged_here = ch
            .uses_of(UseKind::Range)
            .any(|u| u.owner == Owner::Function);
        let ranged_by_callers = ch.has(UseKind::Returned)
            && function_name(func, checker.text())
                .is_some_and(|name| checker.package.result_is_ranged(name));
        if !(ranged_here || ranged_by_callers) {
            continue;
        }
        let name = &ch.name;
        let consumer = if ranged_here {
            "it is ranged over below"
        } else {
            "callers range over it"
        };
        let message = format!(
            "this goroutine is the only one sending on `{name}` but never closes it, and {consumer}: the range never ends"
        );
        let fix = close_fix(producer, name, checker);
        checker.report(
            Diagnostic::new(&ProducerNeverCloses::RULE, range(producer), message).with_fix(fix),
        );
    }
}

/// The one `go` statement whose literal makes every send on `ch`, when the channel is never
/// closed and never leaves the function other than by `return`.
fn single_producer<'a>(ch: &Channel<'a>) -> Option<Node<'a>> {
    if ch.has(UseKind::Close) || ch.escapes() {
        return None;
    }
    let [producer] = ch.sending_goroutines()[..] else {
        return None;
    };
    let all_sends_there = ch
        .uses_of(UseKind::Send)
        .all(|u| u.owner == Owner::Goroutine(producer));
    (all_sends_there && !in_loop_below(producer, ch.scope)).then_some(producer)
}

/// The declared name of a function or method; `None` for a literal.
fn function_name<'s>(func: Node<'_>, src: &'s str) -> Option<&'s str> {
    matches!(
        func.kind_name(),
        "function_declaration" | "method_declaration"
    )
    .then(|| func.field("name"))
    .flatten()
    .map(|n| &src[n.byte_range()])
}

/// `defer close(ch)` as the first statement of the producer's body.
fn close_fix(producer: Node<'_>, name: &str, checker: &Checker<'_>) -> Option<Fix> {
    let src = checker.text();
    let body = goroutine_literal(producer)?.field("body")?;
    let first = *statements(body).first()?;
    let indent = checker.file.indentation(first.start_byte());
    let edit = insert_at_block_start(
        src,
        body.start_byte(),
        format!("{indent}defer close({name})\n"),
    )?;
    Some(Fix::new(
        format!("Close `{name}` when the producer returns"),
        Applicability::Safe,
        vec![edit],
    ))
}
