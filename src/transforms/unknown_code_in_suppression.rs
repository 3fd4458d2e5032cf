use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::suppress::{Directive, Entry, Problem, meta_rule};

define_rule! {
    /// ## What it does
    /// Finds a suppression directive that cannot mean what it says: a code, prefix or rule
    /// name that names no rule (`//gofix:ignore GF1O1 reason`), a directive gofix does not
    /// know (`//gofix:ignroe`), `//gofix:ignore` with no code at all, and `// gofix:ignore`
    /// written with a space, which Go does not read as a directive.
    ///
    /// ## Why is this bad?
    /// The directive silences nothing, so the finding it was written for is still reported,
    /// or, when the typo sits next to a correct code, a reader believes two rules are
    /// silenced when only one is. A misspelt suppression is also never reported as unused.
    ///
    /// ## Example
    /// ```go
    /// mu.Lock() //gofix:ignore GF1O1 the caller unlocks
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// mu.Lock() //gofix:ignore GF101 the caller unlocks
    /// ```
    ///
    /// ## Fix safety
    /// No fix: gofix cannot tell which rule was meant.
    ///
    /// ## Known problems
    /// Codes are checked against this version's rules: a directive written for a rule added
    /// in a later version of gofix is reported as unknown by an older one.
    ///
    /// ## References
    /// - A meta rule: it checks gofix's own suppression directives, not a checklist item
    /// - `gofix rules` lists every code and name
    pub struct UnknownCodeInSuppression {
        code: "GF902",
        name: "unknown-code-in-suppression",
        item: 0,
        severity: Medium,
        fix: None,
    }
}

/// Never called by the tree walk (registered with no node kinds): the suppression step in
/// `src/suppress.rs` reports this rule.
pub fn check<'a>(_node: Node<'a>, _checker: &mut Checker<'a>) {}

/// An entry of the list that names no rule.
pub(crate) fn unknown(entry: &Entry) -> Diagnostic {
    Diagnostic::new(
        meta_rule("GF902"),
        entry.range,
        format!(
            "`{}` names no rule; use a code (`GF101`), a prefix (`GF1`) or a rule name, as `gofix rules` lists them",
            entry.text
        ),
    )
}

/// A directive that looks like gofix's but is not one.
pub(crate) fn malformed(directive: &Directive, problem: &Problem) -> Diagnostic {
    let message = match problem {
        Problem::UnknownVerb(verb) => format!(
            "Unknown directive `//gofix:{verb}`; gofix knows `//gofix:ignore` and `//gofix:file-ignore`"
        ),
        Problem::Spaced(spelling) => format!(
            "Not a directive: write `{spelling}` with no space after `//`, as Go directives are written"
        ),
        Problem::NoCodes(spelling) => {
            format!("`{spelling}` names no rule; write the codes first: `{spelling} GF101 reason`")
        }
        Problem::Misplaced => format!("`{}` is misplaced", directive.spelling()),
    };
    Diagnostic::new(meta_rule("GF902"), directive.comment, message)
}
