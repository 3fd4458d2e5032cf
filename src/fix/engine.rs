//! The fix loop: check a package, apply every non-overlapping applicable fix, reparse and
//! check again, until nothing applicable is left or the round limit is reached.

use std::collections::BTreeMap;

use crate::checker::{check_file, error_ranges};
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::package::PackageIndex;
use crate::source::SourceFile;

use super::Edit;
use super::apply::choose;

/// Rounds after which the loop gives up and says which rules did not converge.
pub const MAX_ROUNDS: usize = 10;

/// What happened to one file of a package.
pub struct FileReport {
    pub file: SourceFile,
    /// Findings on the final text (after fixes, when fixing).
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied, per rule code.
    pub fixed: BTreeMap<&'static str, usize>,
    /// Start of the first syntax gofix could not parse (its functions were skipped).
    pub syntax_gap: Option<usize>,
    /// A fix round that broke the file's syntax: the file was left unchanged.
    pub broken_fix: Option<Vec<&'static str>>,
    /// Rules whose fixes still applied after the last round.
    pub not_converged: Vec<&'static str>,
}

/// Check (and, when `fix`, fix) the files of one package. Only target files get findings
/// and fixes; the others are read for the package index.
pub fn run_package(files: Vec<SourceFile>, settings: &Settings, fix: bool) -> Vec<FileReport> {
    let mut reports: Vec<FileReport> = files
        .into_iter()
        .map(|file| FileReport {
            file,
            diagnostics: Vec::new(),
            fixed: BTreeMap::new(),
            syntax_gap: None,
            broken_fix: None,
            not_converged: Vec::new(),
        })
        .collect();
    let forbidden: Vec<_> = reports.iter().map(|r| error_ranges(&r.file)).collect();
    for round in 0..=MAX_ROUNDS {
        let index = PackageIndex::build(reports.iter().map(|r| &r.file));
        for report in reports.iter_mut().filter(|r| r.file.target) {
            let check = check_file(&report.file, &index, settings, &settings.rules);
            report.diagnostics = check.diagnostics;
            report.syntax_gap = check.syntax_gap;
        }
        if !fix {
            break;
        }
        let mut applied_any = false;
        for (report, forbidden) in reports.iter_mut().zip(&forbidden) {
            if !report.file.target || report.broken_fix.is_some() {
                continue;
            }
            let chosen = choose(&report.diagnostics, settings.unsafe_fixes, forbidden);
            if chosen.is_empty() {
                continue;
            }
            let codes: Vec<&'static str> = chosen.iter().map(|d| d.rule.code).collect();
            if round == MAX_ROUNDS {
                report.not_converged = codes;
                report.not_converged.dedup();
                continue;
            }
            let mut edits: Vec<Edit> = chosen
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .flat_map(|f| f.edits.iter().cloned())
                .collect();
            edits.sort();
            let errors_before = forbidden.len();
            let broke = match report.file.apply_edits(&edits) {
                Ok(()) => error_ranges(&report.file).len() > errors_before,
                Err(_) => true,
            };
            if broke {
                // Throw the whole file's fixes away: it is left exactly as it was read.
                let _ = report.file.reset();
                report.fixed.clear();
                report.broken_fix = Some(codes);
                applied_any = true;
                continue;
            }
            for code in codes {
                *report.fixed.entry(code).or_default() += 1;
            }
            applied_any = true;
        }
        if !applied_any {
            break;
        }
    }
    reports
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use tree_sitter::Node;

    use super::*;
    use crate::checker::Checker;
    use crate::diagnostic::{FixAvailability, Rule, Severity};
    use crate::fix::{Applicability, Edit, Fix};
    use crate::registry::RuleEntry;

    static TEST_RULE: Rule = Rule {
        code: "GF999",
        name: "test-rule",
        checklist_item: 3,
        severity: Severity::Low,
        fix: FixAvailability::Always,
        doc: "",
    };

    /// Offers to delete the opening brace of every function body: a fix that breaks syntax.
    fn breaker<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
        let Some(body) = func.child_by_field_name("body") else {
            return;
        };
        let fix = Fix::new(
            "break it",
            Applicability::Safe,
            vec![Edit::deletion(body.start_byte(), body.start_byte() + 1)],
        );
        checker.report(
            Diagnostic::new(&TEST_RULE, crate::transforms::range(func), "x").with_fix(Some(fix)),
        );
    }

    /// Always offers to add another comment line: never converges.
    fn grower<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
        let fix = Fix::new(
            "grow",
            Applicability::Safe,
            vec![Edit::insertion(func.start_byte(), "// more\n")],
        );
        checker.report(
            Diagnostic::new(&TEST_RULE, crate::transforms::range(func), "x").with_fix(Some(fix)),
        );
    }

    static BREAKER: RuleEntry = RuleEntry {
        rule: &TEST_RULE,
        kinds: &["function_declaration"],
        run: breaker,
    };
    static GROWER: RuleEntry = RuleEntry {
        rule: &TEST_RULE,
        kinds: &["function_declaration"],
        run: grower,
    };

    fn run_with(entry: &'static RuleEntry, src: &str) -> FileReport {
        let file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let settings = Settings {
            rules: vec![entry],
            ..Settings::default()
        };
        run_package(vec![file], &settings, true).pop().unwrap()
    }

    #[test]
    fn a_round_that_breaks_syntax_is_thrown_away() {
        let src = "package p\n\nfunc f() {\n}\n";
        let report = run_with(&BREAKER, src);
        assert_eq!(report.broken_fix, Some(vec!["GF999"]));
        assert!(!report.file.is_changed());
        assert_eq!(report.file.text(), src);
    }

    #[test]
    fn fixes_that_never_settle_are_named_after_the_last_round() {
        let report = run_with(&GROWER, "package p\n\nfunc f() {\n}\n");
        assert_eq!(report.not_converged, vec!["GF999"]);
        assert_eq!(report.file.text().matches("// more").count(), MAX_ROUNDS);
    }

    #[test]
    fn check_mode_changes_nothing() {
        let src = "package p\n\nfunc f() {\n}\n";
        let file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let settings = Settings {
            rules: vec![&BREAKER],
            ..Settings::default()
        };
        let report = run_package(vec![file], &settings, false).pop().unwrap();
        assert_eq!(report.diagnostics.len(), 1);
        assert!(!report.file.is_changed());
    }
}
