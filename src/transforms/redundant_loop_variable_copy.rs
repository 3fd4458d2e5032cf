use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::discover::GoVersion;
use crate::fix::{Applicability, Fix};
use crate::syntax::captures::{LoopVars, leading_self_copies};

use super::lines::{StatementLine, delete_lines};
use super::range;

define_rule! {
    /// ## What it does
    /// In files at Go 1.22 or later, finds `v := v` and `k, v := k, v` copies of a range
    /// loop's own variables at the start of its body.
    ///
    /// ## Why is this bad?
    /// Since Go 1.22 every iteration has its own loop variables, so the copy that used to stop
    /// closures from sharing one variable does nothing. It is noise that makes readers wonder
    /// what it protects against.
    ///
    /// ## Example
    /// ```go
    /// for _, item := range items {
    ///     item := item
    ///     go process(&item)
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// for _, item := range items {
    ///     go process(&item)
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the copies' lines are deleted, with any comment at their end (such a comment
    /// explains the copy: `tt := tt // capture range variable`). No fix when a copy shares
    /// its line with other code.
    ///
    /// ## Known problems
    /// Only the leading run of copies is reported, and never in 3-clause loops: there a copy
    /// still differs from the loop variable when the body changes it, since the loop's own
    /// variable is what the post statement increments.
    ///
    /// ## References
    /// - Checklist item 10, "pass item to avoid closure capture"
    /// - <https://go.dev/ref/spec#For_clause>
    /// - `go fix`'s `forvar` modernizer
    pub struct RedundantLoopVariableCopy {
        code: "GF321",
        name: "redundant-loop-variable-copy",
        item: 10,
        severity: Low,
        fix: Sometimes,
    }
}

pub fn check<'a>(for_stmt: Node<'a>, checker: &mut Checker<'a>) {
    if checker
        .file
        .go_version
        .is_none_or(|v| v < GoVersion::PER_ITERATION_LOOPS)
    {
        return;
    }
    let src = checker.text();
    let Some(lv) = LoopVars::of(for_stmt, src).filter(|lv| !lv.three_clause) else {
        return;
    };
    let copies = leading_self_copies(&lv, src);
    let Some(first) = copies.first() else {
        return;
    };
    let shown = squeeze_copy(&src[first.byte_range()]);
    let message = if copies.len() == 1 {
        let what = if shown.contains(',') {
            "variables"
        } else {
            "variable"
        };
        format!("`{shown}` copies the loop {what}; since Go 1.22 each iteration has its own")
    } else {
        let more = copies.len() - 1;
        let noun = if more == 1 { "copy" } else { "copies" };
        format!(
            "`{shown}` and {more} more {noun} of loop variables; since Go 1.22 each iteration has its own"
        )
    };
    let lines: Option<Vec<StatementLine>> = copies
        .iter()
        .map(|c| StatementLine::of(src, c.start_byte(), c.end_byte()))
        .collect();
    let fix = lines.map(|lines| {
        let title = if lines.len() == 1 {
            "Delete the redundant copy"
        } else {
            "Delete the redundant copies"
        };
        Fix::new(title, Applicability::Safe, delete_lines(src, &lines))
    });
    checker.report(
        Diagnostic::new(&RedundantLoopVariableCopy::RULE, range(*first), message).with_fix(fix),
    );
}

/// A copy statement on one line, spaces normalised, for the message.
fn squeeze_copy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
