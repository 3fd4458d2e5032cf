//! The fix loop: check a package, apply every non-overlapping applicable fix, reparse and
//! check again, until nothing applicable is left or the round limit is reached.

use std::collections::BTreeMap;

use crate::checker::{check_file, error_ranges};
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::package::PackageIndex;
use crate::source::SourceFile;

use super::Edit;
use super::apply::{FileFindings, choose};

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
    // How many ERROR/MISSING nodes each file had as read: a round adding one broke it.
    let errors_as_read: Vec<usize> = reports
        .iter()
        .map(|r| error_ranges(&r.file).len())
        .collect();
    for round in 0..=MAX_ROUNDS {
        let forbidden: Vec<_> = reports.iter().map(|r| error_ranges(&r.file)).collect();
        let index = PackageIndex::build(reports.iter().map(|r| &r.file));
        for report in reports.iter_mut().filter(|r| r.file.target) {
            let mut check = check_file(&report.file, &index, settings, &settings.rules);
            // `per-file-ignores`: dropped before anything counts, prints or fixes them.
            check
                .diagnostics
                .retain(|d| !settings.ignored(&report.file.path, d.rule.code));
            report.diagnostics = check.diagnostics;
            report.syntax_gap = check.syntax_gap;
        }
        if !fix {
            break;
        }
        let chosen = {
            let findings: Vec<FileFindings<'_>> = reports
                .iter()
                .zip(&forbidden)
                .map(|(r, forbidden)| FileFindings {
                    path: &r.file.path,
                    target: r.file.target && r.broken_fix.is_none(),
                    diagnostics: &r.diagnostics,
                    forbidden,
                })
                .collect();
            choose(&findings, settings.unsafe_fixes)
                .into_iter()
                .map(|c| (c.file, c.diagnostic.rule.code, c.edits))
                .collect::<Vec<_>>()
        };
        if chosen.is_empty() {
            break;
        }
        if round == MAX_ROUNDS {
            for (file, code, _) in &chosen {
                let pending = &mut reports[*file].not_converged;
                if !pending.contains(code) {
                    pending.push(code);
                }
            }
            break;
        }
        apply_round(&mut reports, &errors_as_read, chosen);
    }
    reports
}

/// A fix chosen for a round: the file whose finding it fixes, its rule, its edits by file.
type RoundFix = (usize, &'static str, Vec<(usize, Edit)>);

/// Apply one round's fixes. A file whose syntax breaks is reset to the text it was read
/// with, and so is every file a fix of this round shared with it: a package-wide fix lands
/// whole or not at all.
fn apply_round(reports: &mut [FileReport], errors_as_read: &[usize], chosen: Vec<RoundFix>) {
    let mut edits: Vec<Vec<Edit>> = vec![Vec::new(); reports.len()];
    let mut codes: Vec<Vec<&'static str>> = vec![Vec::new(); reports.len()];
    // Files that must share one fate: joined by a fix editing several of them.
    let mut group: Vec<usize> = (0..reports.len()).collect();
    for (file, code, fix_edits) in &chosen {
        codes[*file].push(code);
        for (at, edit) in fix_edits {
            edits[*at].push(edit.clone());
            let (a, b) = (root(&group, *file), root(&group, *at));
            group[a] = b;
        }
    }
    let mut broken = vec![false; reports.len()];
    for (i, report) in reports.iter_mut().enumerate() {
        if edits[i].is_empty() {
            continue;
        }
        edits[i].sort();
        broken[i] = match report.file.apply_edits(&edits[i]) {
            Ok(()) => error_ranges(&report.file).len() > errors_as_read[i],
            Err(_) => true,
        };
    }
    for i in 0..reports.len() {
        let group_broken = (0..reports.len())
            .any(|j| broken[j] && root(&group, j) == root(&group, i) && !edits[j].is_empty());
        if group_broken && !edits[i].is_empty() {
            // Left exactly as it was read.
            let report = &mut reports[i];
            let _ = report.file.reset();
            report.fixed.clear();
            let mut why = codes[i].clone();
            if why.is_empty() {
                why = chosen
                    .iter()
                    .filter(|(_, _, e)| e.iter().any(|(at, _)| *at == i))
                    .map(|(_, code, _)| *code)
                    .collect();
            }
            report.broken_fix = Some(why);
            continue;
        }
        for code in &codes[i] {
            *reports[i].fixed.entry(code).or_default() += 1;
        }
    }
}

/// The representative of `i`'s group.
fn root(group: &[usize], mut i: usize) -> usize {
    while group[i] != i {
        i = group[i];
    }
    i
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

    /// In a.go, offers one fix that edits a.go harmlessly and deletes b.go's opening brace.
    fn cross_breaker<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
        if !checker.file.path.ends_with("a.go") {
            return;
        }
        let fix = Fix::new(
            "break b.go",
            Applicability::Safe,
            vec![
                Edit::insertion(func.start_byte(), "// touched\n"),
                Edit::deletion(20, 21).in_file(PathBuf::from("b.go")),
            ],
        );
        checker.report(
            Diagnostic::new(&TEST_RULE, crate::transforms::range(func), "x").with_fix(Some(fix)),
        );
    }

    static CROSS_BREAKER: RuleEntry = RuleEntry {
        rule: &TEST_RULE,
        kinds: &["function_declaration"],
        run: cross_breaker,
    };

    #[test]
    fn a_package_wide_fix_breaking_one_file_leaves_every_file_it_touched_as_read() {
        let src = "package p\n\nfunc f() {\n}\n";
        let file = |name: &str| {
            SourceFile::new(PathBuf::from(name), src.as_bytes().to_vec(), None, true).unwrap()
        };
        let settings = Settings {
            rules: vec![&CROSS_BREAKER],
            ..Settings::default()
        };
        let reports = run_package(vec![file("a.go"), file("b.go")], &settings, true);
        for report in &reports {
            assert!(!report.file.is_changed(), "{}", report.file.path.display());
            assert_eq!(report.broken_fix, Some(vec!["GF999"]));
        }
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
