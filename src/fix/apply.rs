//! Choosing which fixes of a round to apply.

use crate::diagnostic::{Diagnostic, TextRange};

use super::{Applicability, Fix};

/// Whether `--write` applies this fix (with `--unsafe-fixes` when `unsafe_fixes`).
pub fn is_applicable(fix: &Fix, unsafe_fixes: bool) -> bool {
    match fix.applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

/// The fixes to apply in one round: applicable ones, none touching syntax gofix could not
/// parse (`forbidden`), none conflicting with a fix chosen before it. Diagnostics are taken in
/// position order, so the result does not depend on the order passes ran in.
pub fn choose<'d>(
    diagnostics: &'d [Diagnostic],
    unsafe_fixes: bool,
    forbidden: &[TextRange],
) -> Vec<&'d Diagnostic> {
    let mut candidates: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| is_applicable(f, unsafe_fixes))
        })
        .collect();
    candidates.sort_by_key(|d| (d.fix.as_ref().and_then(Fix::span), d.rule.code));
    let mut chosen: Vec<&Diagnostic> = Vec::new();
    for diagnostic in candidates {
        let Some(fix) = &diagnostic.fix else { continue };
        let touches_error = fix.edits.iter().any(|e| {
            forbidden
                .iter()
                .any(|r| e.range.overlaps(*r) || r.overlaps(e.range))
        });
        let conflicts = chosen
            .iter()
            .any(|c| c.fix.as_ref().is_some_and(|cf| cf.conflicts_with(fix)));
        if !touches_error && !conflicts {
            chosen.push(diagnostic);
        }
    }
    chosen
}
