use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::suppress::{Directive, DirectiveKind, meta_rule};

define_rule! {
    /// ## What it does
    /// Finds a suppression directive that gives no reason: `//gofix:ignore GF101` or
    /// `//gofix:file-ignore GF1` with nothing after the codes, or `//nolint:gofix` without a
    /// `// reason` after the list. A bare `//nolint` (or one naming other linters only) is
    /// golangci-lint's business and is not reported.
    ///
    /// ## Why is this bad?
    /// A silenced finding is a decision someone made about a concurrency bug: that the lock
    /// is released by the caller, that the goroutine lives as long as the process. Without
    /// the reason, the next reader cannot tell a considered exception from a finding that was
    /// silenced to get a commit through, and nobody can check whether the reason still holds
    /// after the code changes.
    ///
    /// ## Example
    /// ```go
    /// mu.Lock() //gofix:ignore GF101
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// mu.Lock() //gofix:ignore GF101 unlocked by release(), which every caller defers
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only a person knows the reason.
    ///
    /// ## Known problems
    /// Any text counts as a reason; gofix does not judge whether it explains anything.
    ///
    /// ## References
    /// - A meta rule: it checks gofix's own suppression directives, not a checklist item
    /// - golangci-lint's `nolintlint` `require-explanation`:
    ///   <https://golangci-lint.run/docs/linters/configuration/#nolintlint>
    pub struct SuppressionWithoutReason {
        code: "GF901",
        name: "suppression-without-reason",
        item: 0,
        severity: Low,
        fix: None,
    }
}

/// Never called by the tree walk (registered with no node kinds): the suppression step in
/// `src/suppress.rs` reports this rule.
pub fn check<'a>(_node: Node<'a>, _checker: &mut Checker<'a>) {}

/// The finding for a directive without a reason.
pub(crate) fn diagnostic(directive: &Directive) -> Diagnostic {
    let example = match directive.kind {
        DirectiveKind::Nolint => "`//nolint:gofix // why`".to_owned(),
        _ => {
            let codes: Vec<&str> = directive.entries.iter().map(|e| e.text.as_str()).collect();
            format!("`{} {} why`", directive.spelling(), codes.join(","))
        }
    };
    Diagnostic::new(
        meta_rule("GF901"),
        directive.comment,
        format!(
            "`{}` gives no reason; say why the finding is accepted: {example}",
            directive.spelling()
        ),
    )
}
