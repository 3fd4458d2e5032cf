//! The fixture harness: every `transforms/<CODE>/*.go` file (and every file of a case
//! folder `transforms/<CODE>/<case>/`, a module with its own go.mod) is checked against its
//! `// want "CODE"` comments, then snapshotted with its findings and the diff of its fixed
//! point (safe fixes, and unsafe ones when they differ).

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use gofix::fix::Applicability;
use gofix::render::diff::unified;
use gofix::render::text::{Style, finding_line};
use gofix::source::SourceFile;

/// Codes wanted per 1-based line, from `// want "GF101" "GF102"` comments.
fn wants(text: &str) -> BTreeMap<usize, Vec<String>> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find("// want ") else {
            continue;
        };
        let codes: Vec<String> = line[at + 8..]
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        assert!(!codes.is_empty(), "line {}: `// want` without codes", i + 1);
        out.insert(i + 1, codes);
    }
    out
}

#[test]
fn fixtures_match_wants_and_snapshots() {
    let fixtures = common::fixtures();
    assert!(!fixtures.is_empty(), "no fixtures found");
    let mut failures = Vec::new();
    let mut snapshots = Vec::new();
    for fixture in &fixtures {
        let display = &fixture.display;
        let path = &fixture.path;
        let text = std::fs::read(path).unwrap();
        let source = String::from_utf8(text.clone()).unwrap();

        // 1. Findings against wants.
        let checked = common::run_fixture(fixture, &text, false, false);
        assert!(
            checked.syntax_gap.is_none(),
            "{display}: fixture does not parse cleanly"
        );
        let mut found: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for d in &checked.diagnostics {
            let line = checked.file.location(d.range.start).0;
            found.entry(line).or_default().push(d.rule.code.to_owned());
        }
        let mut wanted = wants(&source);
        for codes in wanted.values_mut().chain(found.values_mut()) {
            codes.sort();
        }
        for (line, codes) in &found {
            if wanted.get(line) != Some(codes) {
                failures.push(format!(
                    "{display}:{line}: found {codes:?}, want {:?}",
                    wanted.get(line)
                ));
            }
        }
        for (line, codes) in &wanted {
            if !found.contains_key(line) {
                failures.push(format!("{display}:{line}: want {codes:?}, found nothing"));
            }
        }

        // 2. The fixed points, which must parse and be stable.
        let texts: Vec<Vec<u8>> = fixture
            .package
            .iter()
            .map(|m| std::fs::read(&m.path).unwrap())
            .collect();
        let own = fixture
            .package
            .iter()
            .position(|m| m.path == *path)
            .unwrap();
        let safe = common::run_fixture_package(fixture, &texts, true, false);
        let unsafe_ = common::run_fixture_package(fixture, &texts, true, true);
        for (label, reports) in [("safe", &safe), ("unsafe", &unsafe_)] {
            let report = &reports[own];
            if report.broken_fix.is_some() || !report.not_converged.is_empty() {
                failures.push(format!(
                    "{display}: {label} fixes broke syntax or did not converge"
                ));
            }
            let fixed: Vec<Vec<u8>> = reports.iter().map(|r| r.file.contents()).collect();
            let again = common::run_fixture_package(fixture, &fixed, true, label == "unsafe");
            if again.iter().any(|r| r.file.is_changed()) {
                failures.push(format!("{display}: {label} fixes are not idempotent"));
            }
        }
        let (safe, unsafe_) = (&safe[own], &unsafe_[own]);

        // 3. The snapshot: findings, then the diffs.
        let mut snap = String::from("---- findings ----\n");
        for d in &checked.diagnostics {
            snap.push_str(&finding_line(
                display,
                &checked.file,
                d,
                Style { color: false },
            ));
            snap.push('\n');
            if let Some(fix) = &d.fix {
                let _ = writeln!(
                    snap,
                    "    fix ({}): {}",
                    fix.applicability.as_str(),
                    fix.title
                );
                if fix.applicability == Applicability::DisplayOnly {
                    // Never applied, so shown here as the file would read with it.
                    let mut shown =
                        SourceFile::new(path.clone(), text.clone(), fixture.go_version, true)
                            .expect("fixture parses");
                    shown
                        .apply_edits(&fix.edits)
                        .expect("display-only fix applies");
                    if shown.tree().root_node().has_error() {
                        failures.push(format!("{display}: display-only fix breaks syntax"));
                    }
                    snap.push_str(&unified(display, &text, &shown.contents()));
                }
            }
        }
        let safe_diff = unified(display, &text, &safe.file.contents());
        let unsafe_diff = unified(display, &text, &unsafe_.file.contents());
        let _ = write!(snap, "---- --write ----\n{safe_diff}");
        if unsafe_diff != safe_diff {
            let _ = write!(snap, "---- --write --unsafe-fixes ----\n{unsafe_diff}");
        }
        snapshots.push((fixture.snapshot.clone(), snap));
    }
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
    for (name, snap) in snapshots {
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => true,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, snap);
        });
    }
}
