use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::syntax::channels::{Owner, UseKind, statement_of};
use crate::syntax::{MethodCall, is_function, previous_statement, statement_call};

use super::range;
use crate::syntax::NodeKind;

/// Whether a `X.Wait()` statement comes before `stmt` in its block or an enclosing one.
fn waits_before(stmt: Node<'_>, src: &str) -> bool {
    let mut cur = Some(stmt);
    while let Some(s) = cur {
        let mut prev = previous_statement(s);
        while let Some(p) = prev {
            let waits = statement_call(p)
                .and_then(MethodCall::of)
                .is_some_and(|c| &src[c.method.byte_range()] == "Wait" && c.has_no_arguments());
            if waits {
                return true;
            }
            prev = previous_statement(p);
        }
        cur = s
            .up()
            .and_then(statement_of)
            .filter(|p| !is_function(p.kind_name()));
    }
    false
}

define_rule! {
    /// ## What it does
    /// Finds `close(ch)` in code that only receives from `ch` (the function, or a goroutine
    /// it starts) while a goroutine started in the same function sends on it.
    ///
    /// ## Why is this bad?
    /// A send on a closed channel panics. The receiver cannot know that the sender has sent
    /// its last value, so closing from the receiving side races with the next send. The
    /// producer is the one that knows when it is done.
    ///
    /// ## Example
    /// ```go
    /// go func() {
    ///     for _, j := range jobs {
    ///         results <- run(j)
    ///     }
    /// }()
    /// first := <-results
    /// close(results) // the producer's next send panics
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// go func() {
    ///     defer close(results)
    ///     for _, j := range jobs {
    ///         results <- run(j)
    ///     }
    /// }()
    /// ```
    ///
    /// ## Fix safety
    /// No fix: moving the close to the producer changes who decides when the stream ends,
    /// and the receiver may have closed to stop the producer (which needs a context or a
    /// done channel instead).
    ///
    /// ## Known problems
    /// Only channels made in the function are followed, and only sends by goroutines it
    /// starts in place.
    ///
    /// ## References
    /// - Checklist item 6, "Close Channels from Producer Side"
    /// - <https://go.dev/ref/spec#Close>
    pub struct ReceiverClosesChannel {
        code: "GF202",
        name: "receiver-closes-channel",
        item: 6,
        severity: Critical,
        fix: None,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let channels = checker.channels(func);
    let src = checker.text();
    for ch in channels.iter() {
        if ch.has(UseKind::Reassigned) {
            continue;
        }
        for close in ch.uses_of(UseKind::Close) {
            let here = close.owner;
            let owned = |kinds: &[UseKind]| {
                ch.uses
                    .iter()
                    .any(|u| u.owner == here && kinds.contains(&u.kind))
            };
            let sender_elsewhere = ch
                .uses_of(UseKind::Send)
                .any(|u| matches!(u.owner, Owner::Goroutine(_)) && u.owner != here);
            if !(owned(&[UseKind::Receive, UseKind::Range])
                && !owned(&[UseKind::Send])
                && sender_elsewhere)
            {
                continue;
            }
            let Some(stmt) = statement_of(close.node) else {
                continue;
            };
            // `wg.Wait(); close(ch)`: every sender is done, the textbook way to close.
            if waits_before(stmt, src) {
                continue;
            }
            let name = &ch.name;
            let who = match here {
                Owner::Function => "this function",
                _ => "this goroutine",
            };
            let message = format!(
                "`{name}` is closed by its receiver while a goroutine sends on it: {who} only receives, and a send after the close panics"
            );
            checker.report(Diagnostic::new(
                &ReceiverClosesChannel::RULE,
                range(stmt),
                message,
            ));
        }
    }
}
