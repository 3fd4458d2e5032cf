use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Fix};
use crate::syntax::NodeKind;
use crate::syntax::channels::{
    Owner, UseKind, goroutine_literal, in_loop_below, receive_can_give_up, returns_between,
    send_can_give_up,
};

use super::buffer_one_fix;
use super::range;

define_rule! {
    /// ## What it does
    /// Finds an unbuffered channel made in a function, sent to exactly once by one goroutine
    /// started there, whose receiver can stop waiting first: the receive is one case of a
    /// `select` with `ctx.Done()`, `time.After`, a timer or a `default`, or the function can
    /// `return` between starting the goroutine and receiving.
    ///
    /// ## Why is this bad?
    /// A send on an unbuffered channel waits for a receiver. When the receiver has given up
    /// (timed out, been cancelled, returned early), nobody will ever receive: the goroutine
    /// blocks forever and everything it references stays alive. One leak per timeout adds up
    /// in a server.
    ///
    /// ## Example
    /// ```go
    /// ch := make(chan result)
    /// go func() { ch <- fetch() }()
    /// select {
    /// case r := <-ch:
    ///     return r, nil
    /// case <-ctx.Done():
    ///     return result{}, ctx.Err()
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// ch := make(chan result, 1)
    /// ```
    ///
    /// ## Fix safety
    /// Safe: with room for its one value, the send completes whether or not anyone receives,
    /// and a receiver that does wait gets the same value.
    ///
    /// ## Known problems
    /// Only a single send is considered; a goroutine that sends in a loop needs a way to stop
    /// (a `select` on `ctx.Done()`), which is not a buffer-size question.
    ///
    /// ## References
    /// - Checklist item 5, "Buffer Channels Appropriately"
    /// - <https://go.dev/ref/spec#Send_statements>
    pub struct UnbufferedResultLeak {
        code: "GF210",
        name: "unbuffered-result-leak",
        item: 5,
        severity: High,
        fix: Always,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    let channels = checker.channels(func);
    for ch in channels.iter() {
        if !ch.unbuffered(src) || ch.escapes() || ch.has(UseKind::Range) || ch.has(UseKind::Close) {
            continue;
        }
        let sends: Vec<_> = ch.uses_of(UseKind::Send).collect();
        let [send] = sends[..] else {
            continue;
        };
        let Owner::Goroutine(go) = send.owner else {
            continue;
        };
        let Some(literal) = goroutine_literal(go) else {
            continue;
        };
        let Some(send_stmt) = send.node.up() else {
            continue;
        };
        if in_loop_below(go, ch.scope)
            || in_loop_below(send.node, literal)
            || send_can_give_up(send_stmt, src)
        {
            continue;
        }
        // One receive, by the function itself, which it may skip: a second receive (say, in
        // the timeout case) would still collect the value.
        let receives: Vec<_> = ch.uses_of(UseKind::Receive).collect();
        let [receive] = receives[..] else {
            continue;
        };
        if receive.owner != Owner::Function {
            continue;
        }
        let gives_up = receive
            .node
            .up()
            .is_some_and(|recv| receive_can_give_up(recv, func, src))
            || returns_between(func, go.end_byte(), receive.node.start_byte());
        if !gives_up {
            continue;
        }
        let name = &ch.name;
        let message = format!(
            "the goroutine's one send on unbuffered `{name}` blocks forever if the receiver gives up first"
        );
        let fix = buffer_one_fix(ch).map(|edit| {
            Fix::new(
                "Give the channel room for its one value",
                Applicability::Safe,
                vec![edit],
            )
        });
        checker.report(
            Diagnostic::new(&UnbufferedResultLeak::RULE, range(ch.make), message).with_fix(fix),
        );
    }
}
