use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Fix};
use crate::package::import_name;
use crate::syntax::captures::shadowed;
use crate::syntax::channels::UseKind;

use super::buffer_one_fix;
use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `signal.Notify(c, …)` (package `os/signal`) where `c` was made unbuffered in the
    /// same function.
    ///
    /// ## Why is this bad?
    /// `signal.Notify` never blocks: when the channel is not ready to receive at the moment
    /// the signal arrives, the signal is dropped. With an unbuffered channel, a Ctrl-C that
    /// comes while the program is busy elsewhere is lost. go vet's `sigchanyzer` reports the
    /// same mistake.
    ///
    /// ## Example
    /// ```go
    /// c := make(chan os.Signal)
    /// signal.Notify(c, os.Interrupt)
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// c := make(chan os.Signal, 1)
    /// signal.Notify(c, os.Interrupt)
    /// ```
    ///
    /// ## Fix safety
    /// Safe: a buffer of one keeps the signal until it is received, and changes nothing else.
    ///
    /// ## Known problems
    /// Only channels made in the same function are seen.
    ///
    /// ## References
    /// - Checklist item 5, "Buffer Channels Appropriately"
    /// - <https://pkg.go.dev/os/signal#Notify>
    pub struct UnbufferedSignalChannel {
        code: "GF211",
        name: "unbuffered-signal-channel",
        item: 5,
        severity: Medium,
        fix: Always,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let Some(signal) = import_name(checker.file, "os/signal") else {
        return;
    };
    let src = checker.text();
    let channels = checker.channels(func);
    for ch in channels.iter() {
        if !ch.unbuffered(src) {
            continue;
        }
        let notified = ch
            .uses_of(UseKind::Escape)
            .any(|u| is_notify_argument(u.node, &signal, func, src));
        if !notified {
            continue;
        }
        let name = &ch.name;
        let message = format!(
            "`{name}` is unbuffered, and signal.Notify drops a signal that arrives while nobody is receiving"
        );
        let fix = buffer_one_fix(ch)
            .map(|edit| Fix::new("Buffer the signal channel", Applicability::Safe, vec![edit]));
        checker.report(
            Diagnostic::new(&UnbufferedSignalChannel::RULE, range(ch.make), message).with_fix(fix),
        );
    }
}

/// Whether `ident` is the first argument of `<signal>.Notify(…)`, with `signal` the import
/// name of os/signal and not a local variable of that name.
fn is_notify_argument(ident: Node<'_>, signal: &str, func: Node<'_>, src: &str) -> bool {
    let Some(args) = ident.up().filter(|a| a.kind_name() == "argument_list") else {
        return false;
    };
    if args
        .named_child(0)
        .is_none_or(|first| first.id() != ident.id())
    {
        return false;
    }
    let Some(callee) = args.up().and_then(|c| c.field("function")) else {
        return false;
    };
    let (Some(pkg), Some(method)) = (callee.field("operand"), callee.field("field")) else {
        return false;
    };
    let outside = func.up().unwrap_or(func);
    pkg.kind_name() == "identifier"
        && &src[pkg.byte_range()] == signal
        && &src[method.byte_range()] == "Notify"
        && !shadowed(pkg, signal, outside, src)
}
