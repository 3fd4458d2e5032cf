//! The fix loop: check a package, apply every non-overlapping applicable fix, reparse and
//! check again, until nothing applicable is left or the round limit is reached.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use crate::checker::{check_file, error_ranges};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::new_from_rev::{ChangedLines, reach, remap, touches};
use crate::package::PackageIndex;
use crate::render::display_path;
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
    run_package_in(files, settings, fix, None)
}

/// [`run_package`], keeping only the findings on lines `changed` since a revision
/// (`--new-from-rev`) when given. The filter runs in every round, so an old finding's fix is
/// never applied, while a new finding's fix is applied whatever lines it edits.
pub fn run_package_in(
    files: Vec<SourceFile>,
    settings: &Settings,
    fix: bool,
    changed: Option<&ChangedLines>,
) -> Vec<FileReport> {
    run_package_with(files, None, settings, fix, changed)
}

/// [`run_package_in`], with the package index over `files` when the caller has built it
/// already (the prefilter's file selection does), so the first round need not.
pub fn run_package_with(
    files: Vec<SourceFile>,
    mut index: Option<PackageIndex>,
    settings: &Settings,
    fix: bool,
    changed: Option<&ChangedLines>,
) -> Vec<FileReport> {
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
    // `--new-from-rev`: each target file's new lines as byte ranges of its current text.
    let new_as_read: Vec<Option<Vec<TextRange>>> = reports
        .iter()
        .map(|r| {
            let changed = changed.filter(|_| r.file.target)?;
            Some(changed.ranges_for(&r.file.path, r.file.text()))
        })
        .collect();
    let mut new_lines = new_as_read.clone();
    for round in 0..=MAX_ROUNDS {
        let forbidden: Vec<_> = reports.iter().map(|r| error_ranges(&r.file)).collect();
        let index = index
            .take()
            .unwrap_or_else(|| PackageIndex::build(reports.iter().map(|r| &r.file)));
        for (report, new) in reports.iter_mut().zip(&new_lines) {
            if !report.file.target {
                continue;
            }
            let mut check = check_file(&report.file, &index, settings, &settings.rules);
            // `per-file-ignores`: dropped before anything counts, prints or fixes them.
            check
                .diagnostics
                .retain(|d| !settings.ignored(&report.file.path, d.rule.code));
            if let Some(new) = new {
                check
                    .diagnostics
                    .retain(|d| touches(new, reach(&report.file, d.range)));
            }
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
        let applied = apply_round(&mut reports, &errors_as_read, chosen);
        for ((applied, new), as_read) in applied.iter().zip(&mut new_lines).zip(&new_as_read) {
            match (applied, new.as_mut()) {
                (Applied::Edited(edits), Some(new)) => *new = remap(new, edits),
                (Applied::Reset, Some(new)) => {
                    if let Some(as_read) = as_read {
                        new.clone_from(as_read);
                    }
                }
                _ => {}
            }
        }
    }
    withhold_fixes_beyond_targets(&mut reports);
    reports
}

/// A fix that would also edit a file that is not a target (a sibling read only for context,
/// when files were named) cannot be applied in this run. Its finding stays, without the fix,
/// and says which files the fix needs, so nobody counts on `--write` to apply it.
fn withhold_fixes_beyond_targets(reports: &mut [FileReport]) {
    let targets: HashSet<PathBuf> = reports
        .iter()
        .filter(|r| r.file.target)
        .map(|r| r.file.path.clone())
        .collect();
    for report in reports.iter_mut().filter(|r| r.file.target) {
        let dir = report.file.path.parent().map(display_path);
        for d in &mut report.diagnostics {
            let Some(fix) = &d.fix else {
                continue;
            };
            let missing: Vec<String> = fix
                .other_files()
                .into_iter()
                .filter(|f| !targets.contains(*f))
                .map(|f| format!("`{}`", display_path(f)))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let dir = match dir.as_deref() {
                None | Some("") => ".",
                Some(dir) => dir,
            };
            let which = if missing.len() == 1 {
                "it was"
            } else {
                "they were"
            };
            d.message = format!(
                "{} (fix withheld: it also edits {}, and {which} not named; run gofix on the package directory `{dir}` to apply it)",
                d.message,
                join_names(&missing)
            );
            d.fix = None;
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A fix chosen for a round: the file whose finding it fixes, its rule, its edits by file.
type RoundFix = (usize, &'static str, Vec<(usize, Edit)>);

/// What a round did to one file.
enum Applied {
    Untouched,
    /// These edits (sorted) were applied.
    Edited(Vec<Edit>),
    /// Back to the text it was read with: the round broke it or a file it shares a fix with.
    Reset,
}

/// Apply one round's fixes. A file whose syntax breaks is reset to the text it was read
/// with, and so is every file a fix of this round shared with it: a package-wide fix lands
/// whole or not at all.
fn apply_round(
    reports: &mut [FileReport],
    errors_as_read: &[usize],
    chosen: Vec<RoundFix>,
) -> Vec<Applied> {
    let mut edits: Vec<Vec<Edit>> = vec![Vec::new(); reports.len()];
    let mut codes: Vec<Vec<&'static str>> = vec![Vec::new(); reports.len()];
    // Files that must share one fate: joined by a fix editing several of them.
    let mut group: Vec<usize> = (0..reports.len()).collect();
    for (file, code, fix_edits) in &chosen {
        codes[*file].push(code);
        for (at, edit) in fix_edits {
            // Which file an edit is for is `at` from here on; an edit still naming its file
            // would sort apart from the others and be applied out of position order.
            let mut edit = edit.clone();
            edit.file = None;
            edits[*at].push(edit);
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
    let mut applied = Vec::with_capacity(reports.len());
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
            applied.push(Applied::Reset);
            continue;
        }
        for code in &codes[i] {
            *reports[i].fixed.entry(code).or_default() += 1;
        }
        applied.push(if edits[i].is_empty() {
            Applied::Untouched
        } else {
            Applied::Edited(edits[i].clone())
        });
    }
    applied
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
    use crate::syntax::NodeKind;

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
        let Some(body) = func.field("body") else {
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
        triggers: &[],
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
        triggers: &[],
        run: breaker,
    };
    static GROWER: RuleEntry = RuleEntry {
        rule: &TEST_RULE,
        kinds: &["function_declaration"],
        triggers: &[],
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

    /// In a.go: a fix that also inserts at the top of b.go (an edit naming b.go); in b.go: a
    /// fix appending to b.go itself (an edit naming no file). Each fires once.
    fn top_and_tail<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
        let edits = if checker.file.path.ends_with("a.go") {
            if checker.text().starts_with("// a done") {
                return;
            }
            vec![
                Edit::insertion(0, "// a done\n"),
                Edit::insertion(0, "// from a\n").in_file(PathBuf::from("b.go")),
            ]
        } else {
            if checker.text().contains("// own") {
                return;
            }
            vec![Edit::insertion(checker.text().len(), "\n// own\n")]
        };
        let fix = Fix::new("mark", Applicability::Safe, edits);
        checker.report(
            Diagnostic::new(&TEST_RULE, crate::transforms::range(func), "x").with_fix(Some(fix)),
        );
    }

    static TOP_AND_TAIL: RuleEntry = RuleEntry {
        rule: &TEST_RULE,
        kinds: &["function_declaration"],
        triggers: &[],
        run: top_and_tail,
    };

    /// Regression (net/http, GF110 + GF101): edits of one file from a fix elsewhere (naming
    /// the file) and from its own fixes (naming none) are applied in position order.
    #[test]
    fn edits_for_one_file_from_several_fixes_apply_in_position_order() {
        let src = "package p\n\nfunc f() {\n}\n";
        let file = |name: &str| {
            SourceFile::new(PathBuf::from(name), src.as_bytes().to_vec(), None, true).unwrap()
        };
        let settings = Settings {
            rules: vec![&TOP_AND_TAIL],
            ..Settings::default()
        };
        let reports = run_package(vec![file("a.go"), file("b.go")], &settings, true);
        assert_eq!(reports[1].broken_fix, None);
        assert_eq!(
            reports[1].file.text(),
            format!("// from a\n{src}\n// own\n")
        );
    }

    /// In a.go, offers a fix that marks a.go and b.go with a comment: a package-wide fix.
    fn cross_marker<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
        if !checker.file.path.ends_with("a.go") || checker.text().starts_with("// marked") {
            return;
        }
        let fix = Fix::new(
            "mark both",
            Applicability::Safe,
            vec![
                Edit::insertion(0, "// marked\n"),
                Edit::insertion(0, "// marked\n").in_file(PathBuf::from("b.go")),
            ],
        );
        checker.report(
            Diagnostic::new(&TEST_RULE, crate::transforms::range(func), "x").with_fix(Some(fix)),
        );
    }

    static CROSS_MARKER: RuleEntry = RuleEntry {
        rule: &TEST_RULE,
        kinds: &["function_declaration"],
        triggers: &[],
        run: cross_marker,
    };

    #[test]
    fn a_fix_reaching_a_file_that_was_not_named_is_withheld_and_names_it() {
        let src = "package p\n\nfunc f() {\n}\n";
        let file = |name: &str, target: bool| {
            SourceFile::new(PathBuf::from(name), src.as_bytes().to_vec(), None, target).unwrap()
        };
        let settings = Settings {
            rules: vec![&CROSS_MARKER],
            ..Settings::default()
        };
        for fix in [false, true] {
            let reports = run_package(
                vec![file("a.go", true), file("b.go", false)],
                &settings,
                fix,
            );
            assert!(reports.iter().all(|r| !r.file.is_changed()));
            let d = &reports[0].diagnostics;
            assert_eq!(d.len(), 1);
            assert!(d[0].fix.is_none(), "no fix to count or apply");
            assert_eq!(
                d[0].message,
                "x (fix withheld: it also edits `b.go`, and it was not named; run gofix on the package directory `.` to apply it)"
            );
        }
        // Both named: applied to both.
        let reports = run_package(
            vec![file("a.go", true), file("b.go", true)],
            &settings,
            true,
        );
        assert!(
            reports
                .iter()
                .all(|r| r.file.text().starts_with("// marked\n"))
        );
        assert!(reports[0].diagnostics.is_empty());
    }

    /// Offers to put `// ok` above every function that lacks it.
    fn marker<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
        if checker.text()[..func.start_byte()].ends_with("// ok\n") {
            return;
        }
        let fix = Fix::new(
            "mark",
            Applicability::Safe,
            vec![Edit::insertion(func.start_byte(), "// ok\n")],
        );
        checker.report(
            Diagnostic::new(&TEST_RULE, crate::transforms::range(func), "x").with_fix(Some(fix)),
        );
    }

    static MARKER: RuleEntry = RuleEntry {
        rule: &TEST_RULE,
        kinds: &["function_declaration"],
        triggers: &[],
        run: marker,
    };

    #[test]
    fn only_findings_on_new_lines_count_and_only_their_fixes_apply() {
        use crate::new_from_rev::{ChangedLines, FileChange};
        let src = "package p\n\nfunc f() {}\n\nfunc g() {}\n\nfunc h() {}\n";
        let settings = Settings {
            rules: vec![&MARKER],
            ..Settings::default()
        };
        let path = PathBuf::from("new_lines_test.go");
        // Line 5 (g) is new.
        let changed = ChangedLines::from_changes([(path.clone(), FileChange::Lines(vec![(5, 5)]))]);
        let file = || SourceFile::new(path.clone(), src.as_bytes().to_vec(), None, true).unwrap();
        let report = run_package_in(vec![file()], &settings, false, Some(&changed))
            .pop()
            .unwrap();
        let rows: Vec<usize> = report
            .diagnostics
            .iter()
            .map(|d| report.file.location(d.range.start).0)
            .collect();
        assert_eq!(rows, [5]);
        let report = run_package_in(vec![file()], &settings, true, Some(&changed))
            .pop()
            .unwrap();
        assert_eq!(
            report.file.text(),
            "package p\n\nfunc f() {}\n\n// ok\nfunc g() {}\n\nfunc h() {}\n"
        );
        assert!(report.diagnostics.is_empty(), "f and h are old");
        // Nothing new in the file: nothing at all.
        let none = ChangedLines::from_changes([]);
        let report = run_package_in(vec![file()], &settings, true, Some(&none))
            .pop()
            .unwrap();
        assert!(report.diagnostics.is_empty() && !report.file.is_changed());
        // No filter: every function.
        let report = run_package_in(vec![file()], &settings, false, None)
            .pop()
            .unwrap();
        assert_eq!(report.diagnostics.len(), 3);
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
