//! The Go toolchain as an oracle: fixed fixtures stay gofmt-clean, whole programs still pass
//! `go vet`, and `program.go` fixtures misbehave before the fix and run cleanly after it.
//! Skipped (saying so) without Go; `GOFIX_REQUIRE_GO=1` makes a missing Go a failure.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

fn run(cmd: &mut Command) -> Output {
    cmd.env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "")
        .output()
        .expect("command runs")
}

/// A throwaway module holding one `main.go`, at the fixture's Go version (1.21 when the
/// fixture has none: the oldest language version whose loop semantics the rules care about).
fn module_with(text: &[u8], fixture: &common::Fixture) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let minor = fixture.go_version.map_or(21, |v| v.minor);
    std::fs::write(dir.path().join("main.go"), text).unwrap();
    std::fs::write(
        dir.path().join("go.mod"),
        format!("module fixture\n\ngo 1.{minor}\n"),
    )
    .unwrap();
    dir
}

fn is_program(text: &str) -> bool {
    text.lines().any(|l| l == "package main") && text.contains("\nfunc main() {")
}

#[test]
fn fixed_fixtures_stay_gofmt_clean_and_vet_clean() {
    if !common::require_go("fixed_fixtures_stay_gofmt_clean_and_vet_clean") {
        return;
    }
    let gofmt = common::gofmt().unwrap();
    let mut failures = Vec::new();
    for fixture in common::fixtures() {
        let display = &fixture.display;
        let text = std::fs::read(&fixture.path).unwrap();
        for unsafe_fixes in [false, true] {
            let fixed = common::run_fixture(&fixture, &text, true, unsafe_fixes)
                .file
                .contents();
            let dir = module_with(&fixed, &fixture);
            let listed = run(Command::new(&gofmt)
                .arg("-l")
                .arg(dir.path().join("main.go")));
            if !listed.stdout.is_empty() || !listed.status.success() {
                failures.push(format!(
                    "{display} (unsafe={unsafe_fixes}): not gofmt-clean after fixing"
                ));
            }
            if is_program(&String::from_utf8_lossy(&fixed)) {
                let vet = run(Command::new("go")
                    .arg("vet")
                    .arg(".")
                    .current_dir(dir.path()));
                if !vet.status.success() {
                    failures.push(format!(
                        "{display} (unsafe={unsafe_fixes}): go vet fails after fixing:\n{}",
                        String::from_utf8_lossy(&vet.stderr)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Build and run a program with a deadline; `None` when it did not finish in time.
fn build_and_run(dir: &Path) -> Option<Output> {
    let build = run(Command::new("go")
        .args(["build", "-o", "prog", "."])
        .current_dir(dir));
    assert!(
        build.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&build.stderr)
    );
    let mut child = Command::new(dir.join("prog"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::time::Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn programs_misbehave_before_the_fix_and_not_after() {
    if !common::require_go("programs_misbehave_before_the_fix_and_not_after") {
        return;
    }
    let mut ran = 0;
    let mut failures = Vec::new();
    for fixture in common::fixtures() {
        if fixture.stem != "program" {
            continue;
        }
        let display = &fixture.display;
        let text = std::fs::read(&fixture.path).unwrap();
        let before = module_with(&text, &fixture);
        match build_and_run(before.path()) {
            Some(out) if out.status.success() => {
                failures.push(format!(
                    "{display}: runs cleanly before the fix; it should show the bug"
                ));
            }
            _ => {}
        }
        let fixed = common::run_fixture(&fixture, &text, true, false)
            .file
            .contents();
        assert_ne!(fixed, text, "{display}: --write changed nothing");
        let after = module_with(&fixed, &fixture);
        match build_and_run(after.path()) {
            Some(out) if out.status.success() => {}
            Some(out) => failures.push(format!(
                "{display}: fails after the fix:\n{}",
                String::from_utf8_lossy(&out.stderr)
            )),
            None => failures.push(format!("{display}: still hangs after the fix")),
        }
        ran += 1;
    }
    assert!(ran > 0, "no program.go fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Case folders are whole packages (a package-wide fix such as GF110 edits several of their
/// files): fixed together, they must still vet and build.
#[test]
fn fixed_case_folders_still_vet_and_build() {
    if !common::require_go("fixed_case_folders_still_vet_and_build") {
        return;
    }
    let mut failures = Vec::new();
    let mut seen: Vec<std::path::PathBuf> = Vec::new();
    for fixture in common::fixtures() {
        let Some(folder) = fixture.path.parent().map(Path::to_path_buf) else {
            continue;
        };
        if !folder.join("go.mod").exists() || seen.contains(&folder) || fixture.package.len() < 2 {
            continue;
        }
        seen.push(folder.clone());
        let texts: Vec<Vec<u8>> = fixture
            .package
            .iter()
            .map(|m| std::fs::read(&m.path).unwrap())
            .collect();
        let fixed: Vec<Vec<u8>> = common::run_fixture_package(&fixture, &texts, true, false)
            .iter()
            .map(|r| r.file.contents())
            .collect();
        let write_module = |contents: &[Vec<u8>]| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::copy(folder.join("go.mod"), dir.path().join("go.mod")).unwrap();
            for (member, text) in fixture.package.iter().zip(contents) {
                std::fs::write(dir.path().join(member.path.file_name().unwrap()), text).unwrap();
            }
            dir
        };
        let (before, after) = (write_module(&texts), write_module(&fixed));
        let build = run(Command::new("go")
            .args(["build", "./..."])
            .current_dir(after.path()));
        if !build.status.success() {
            failures.push(format!(
                "{}: go build fails after fixing:\n{}",
                folder.display(),
                String::from_utf8_lossy(&build.stderr)
            ));
        }
        // Fixtures keep some bugs on purpose (near misses, findings without a fix), which vet
        // may report too; what the fix must not do is add a vet complaint.
        let complaints = |dir: &Path| -> Vec<String> {
            let out = run(Command::new("go").args(["vet", "./..."]).current_dir(dir));
            let mut lines: Vec<String> = String::from_utf8_lossy(&out.stderr)
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| {
                    // `file.go:12:3: message` → `file.go: message`: fixes move lines.
                    let mut parts = l.splitn(4, ':');
                    let file = parts.next().unwrap_or_default().to_owned();
                    let message = parts.last().unwrap_or_default().trim().to_owned();
                    format!("{file}: {message}")
                })
                .collect();
            lines.sort();
            lines
        };
        let (old, new) = (complaints(before.path()), complaints(after.path()));
        let added: Vec<&String> = new.iter().filter(|l| !old.contains(l)).collect();
        if !added.is_empty() {
            failures.push(format!(
                "{}: go vet complains after fixing: {added:?}",
                folder.display()
            ));
        }
    }
    assert!(!seen.is_empty(), "no multi-file case folders found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
