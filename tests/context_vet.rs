//! go vet's `lostcancel` as an oracle for GF402: once gofix has fixed a GF402 fixture (unsafe
//! fixes included), vet has nothing left to say about lost cancel functions, except where gofix
//! still reports the leak itself (a loop, where no `defer` may go) or where the fixture marks
//! a deliberate difference with a `// vet-lostcancel` comment (branches on correlated
//! conditions, which gofix does not claim). It also checks the other direction: gofix finds
//! leaks vet misses (`_ = cancel`, an overwritten cancel function).
//! Skipped (saying so) without Go; `GOFIX_REQUIRE_GO=1` makes a missing Go a failure.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

/// One `lostcancel` complaint: the line it is on, and the line of the cancel variable it
/// is about when it names one ("… the cancel var defined on line 12").
#[derive(Debug)]
struct Complaint {
    line: usize,
    defined_on: Option<usize>,
    text: String,
}

/// Run `go vet -lostcancel` on one file as a module of its own.
fn lostcancel(text: &[u8], go_minor: u32) -> Result<Vec<Complaint>, String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fixture.go"), text).unwrap();
    std::fs::write(
        dir.path().join("go.mod"),
        format!("module fixture\n\ngo 1.{go_minor}\n"),
    )
    .unwrap();
    let out = Command::new("go")
        .args(["vet", "-lostcancel", "."])
        .current_dir(dir.path())
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "")
        .output()
        .expect("go vet runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut complaints = Vec::new();
    for line in stderr.lines().filter(|l| !l.starts_with('#')) {
        let is_lostcancel = line.contains("cancel function") || line.contains("cancel var");
        if !is_lostcancel {
            return Err(format!("go vet could not check the file: {stderr}"));
        }
        let mut parts = line.splitn(4, ':');
        let _file = parts.next();
        let at: usize = parts
            .next()
            .and_then(|l| l.trim().parse().ok())
            .ok_or_else(|| format!("unexpected vet line {line:?}"))?;
        let defined_on = line
            .rsplit_once("defined on line ")
            .and_then(|(_, n)| n.trim().parse().ok());
        complaints.push(Complaint {
            line: at,
            defined_on,
            text: line.to_owned(),
        });
    }
    if complaints.is_empty() && !out.status.success() {
        return Err(format!("go vet failed: {stderr}"));
    }
    Ok(complaints)
}

/// The lines of the GF402 findings gofix reports on `text`, with their messages.
fn gf402_findings(fixture: &common::Fixture, text: &[u8]) -> Vec<(usize, String)> {
    let report = common::run_fixture(fixture, text, false, false);
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "GF402")
        .map(|d| (report.file.location(d.range.start).0, d.message.clone()))
        .collect()
}

/// Lines carrying a `// vet-lostcancel` comment: vet complains there and gofix, on purpose,
/// does not.
fn marked_lines(text: &[u8]) -> BTreeSet<usize> {
    String::from_utf8_lossy(text)
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("// vet-lostcancel"))
        .map(|(i, _)| i + 1)
        .collect()
}

#[test]
fn lostcancel_is_quiet_on_fixed_gf402_fixtures() {
    if !common::require_go("lostcancel_is_quiet_on_fixed_gf402_fixtures") {
        return;
    }
    let fixtures: Vec<common::Fixture> = common::fixtures()
        .into_iter()
        .filter(|f| f.rule == "GF402")
        .collect();
    assert!(!fixtures.is_empty(), "no GF402 fixtures");
    let mut failures = Vec::new();
    let mut fixed_and_quiet = 0;
    let mut missed_by_vet = Vec::new();
    for fixture in &fixtures {
        let display = &fixture.display;
        let minor = fixture.go_version.map_or(21, |v| v.minor);
        let text = std::fs::read(&fixture.path).unwrap();

        // Before: which of gofix's findings vet sees too.
        let before = match lostcancel(&text, minor) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{display}: {e}"));
                continue;
            }
        };
        for (line, message) in gf402_findings(fixture, &text) {
            let vet_sees = before
                .iter()
                .any(|c| c.line == line || c.defined_on == Some(line));
            if !vet_sees {
                missed_by_vet.push(format!("{display}:{line}: {message}"));
            }
        }

        // After: every fix applied, vet must be quiet but for what gofix still reports.
        let fixed = common::run_fixture(fixture, &text, true, true)
            .file
            .contents();
        let remaining: BTreeSet<usize> = gf402_findings(fixture, &fixed)
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        let marked = marked_lines(&fixed);
        let after = match lostcancel(&fixed, minor) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{display} (fixed): {e}"));
                continue;
            }
        };
        for complaint in &after {
            let explained = [Some(complaint.line), complaint.defined_on]
                .into_iter()
                .flatten()
                .any(|l| remaining.contains(&l) || marked.contains(&l));
            if !explained {
                failures.push(format!(
                    "{display}: after the fix go vet still says: {}",
                    complaint.text
                ));
            }
        }
        if fixed != text && remaining.is_empty() && marked.is_empty() && after.is_empty() {
            fixed_and_quiet += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        fixed_and_quiet > 0,
        "no GF402 fixture is fixed completely with go vet quiet afterwards"
    );
    // The leaks vet does not see: `_ = cancel`, and a cancel function assigned again.
    for kind in ["only \"used\" by `_ = ", "is assigned again on line"] {
        assert!(
            missed_by_vet.iter().any(|m| m.contains(kind)),
            "expected a GF402 finding go vet misses ({kind}); vet missed only: {missed_by_vet:#?}"
        );
    }
}
