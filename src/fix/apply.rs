//! Choosing which fixes of a round to apply, across the files of a package.

use std::path::Path;

use crate::diagnostic::{Diagnostic, TextRange};

use super::{Applicability, Edit, Fix};

/// Whether `--write` applies this fix (with `--unsafe-fixes` when `unsafe_fixes`).
pub fn is_applicable(fix: &Fix, unsafe_fixes: bool) -> bool {
    match fix.applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

/// What choosing needs to know about one file of the package.
pub struct FileFindings<'d> {
    pub path: &'d Path,
    /// Fixes may edit this file (it was named, or found by walking).
    pub target: bool,
    pub diagnostics: &'d [Diagnostic],
    /// Syntax gofix could not parse: no fix may touch it.
    pub forbidden: &'d [TextRange],
}

/// A fix chosen for this round.
pub struct Chosen<'d> {
    pub diagnostic: &'d Diagnostic,
    /// The file whose finding it fixes (an index into the files given to [`choose`]).
    pub file: usize,
    /// Every edit, with the index of the file it applies to.
    pub edits: Vec<(usize, Edit)>,
}

/// The fixes to apply in one round: applicable ones whose every edit lands in a target file
/// of the package, touches no syntax gofix could not parse, and conflicts with no fix chosen
/// before it. Candidates are taken in (file, position, code) order, so the result does not
/// depend on the order passes ran in. A fix spanning files is chosen whole or not at all.
pub fn choose<'d>(files: &[FileFindings<'d>], unsafe_fixes: bool) -> Vec<Chosen<'d>> {
    let mut candidates: Vec<Chosen<'d>> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        if !file.target {
            continue;
        }
        for diagnostic in file.diagnostics {
            let Some(fix) = diagnostic
                .fix
                .as_ref()
                .filter(|f| is_applicable(f, unsafe_fixes))
            else {
                continue;
            };
            let edits: Option<Vec<(usize, Edit)>> = fix
                .edits
                .iter()
                .map(|e| {
                    let at = match &e.file {
                        None => index,
                        Some(path) => files.iter().position(|f| f.path == path)?,
                    };
                    files[at].target.then(|| (at, e.clone()))
                })
                .collect();
            if let Some(edits) = edits {
                candidates.push(Chosen {
                    diagnostic,
                    file: index,
                    edits,
                });
            }
        }
    }
    candidates.sort_by_key(|c| {
        (
            c.file,
            c.diagnostic.fix.as_ref().and_then(Fix::span),
            c.diagnostic.rule.code,
        )
    });
    let mut taken: Vec<Vec<Edit>> = vec![Vec::new(); files.len()];
    let mut chosen = Vec::new();
    for candidate in candidates {
        let blocked = candidate.edits.iter().any(|(at, edit)| {
            files[*at]
                .forbidden
                .iter()
                .any(|r| edit.range.overlaps(*r) || r.overlaps(edit.range))
                || taken[*at].iter().any(|t| t.conflicts(edit))
        });
        if blocked {
            continue;
        }
        for (at, edit) in &candidate.edits {
            taken[*at].push(edit.clone());
        }
        chosen.push(candidate);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::diagnostic::{FixAvailability, Rule, Severity};

    static RULE: Rule = Rule {
        code: "GF999",
        name: "test-rule",
        checklist_item: 1,
        severity: Severity::Low,
        fix: FixAvailability::Always,
        doc: "",
    };

    fn finding(edits: Vec<Edit>) -> Diagnostic {
        Diagnostic::new(&RULE, TextRange::new(0, 1), "x").with_fix(Some(Fix::new(
            "fix",
            Applicability::Safe,
            edits,
        )))
    }

    /// A finding in a.go whose fix also edits bytes 10..12 of b.go.
    fn spanning(b: &std::path::Path) -> Vec<Diagnostic> {
        vec![finding(vec![
            Edit::replacement(0, 3, "x"),
            Edit::replacement(10, 12, "y").in_file(b.to_path_buf()),
        ])]
    }

    fn file<'d>(
        path: &'d std::path::Path,
        target: bool,
        diagnostics: &'d [Diagnostic],
        forbidden: &'d [TextRange],
    ) -> FileFindings<'d> {
        FileFindings {
            path,
            target,
            diagnostics,
            forbidden,
        }
    }

    #[test]
    fn a_fix_spanning_files_is_taken_whole_or_not_at_all() {
        let a = PathBuf::from("a.go");
        let b = PathBuf::from("b.go");
        let in_a = spanning(&b);
        // b's own fix overlaps the edit the package-wide fix makes there: it loses.
        let in_b = vec![finding(vec![Edit::replacement(11, 13, "z")])];
        let files = [file(&a, true, &in_a, &[]), file(&b, true, &in_b, &[])];
        let chosen = choose(&files, false);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].file, 0);
        let at: Vec<usize> = chosen[0].edits.iter().map(|(f, _)| *f).collect();
        assert_eq!(at, [0, 1]);
    }

    #[test]
    fn a_fix_reaching_a_file_that_is_not_a_target_is_not_applied() {
        let a = PathBuf::from("a.go");
        let b = PathBuf::from("b.go");
        let in_a = spanning(&b);
        let files = [file(&a, true, &in_a, &[]), file(&b, false, &[], &[])];
        assert!(choose(&files, false).is_empty());
    }

    #[test]
    fn a_fix_touching_unparsed_syntax_elsewhere_is_not_applied() {
        let a = PathBuf::from("a.go");
        let b = PathBuf::from("b.go");
        let in_a = spanning(&b);
        let forbidden = [TextRange::new(5, 20)];
        let files = [file(&a, true, &in_a, &[]), file(&b, true, &[], &forbidden)];
        assert!(choose(&files, false).is_empty());
    }
}
