//! The Go toolchain as an oracle: fixed fixtures stay gofmt-clean, whole programs still pass
//! `go vet`, and program fixtures show what the fix does when run (see [`ProgramKind`]).
//! Skipped (saying so) without Go; `GOFIX_REQUIRE_GO=1` makes a missing Go a failure. One
//! test needs no Go: every rule that can make a Safe fix has a program fixture.

mod common;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use gofix::diagnostic::Severity;

fn run(cmd: &mut Command) -> Output {
    cmd.env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "")
        .output()
        .expect("command runs")
}

/// A throwaway module holding one `main.go`, at the fixture's Go version (1.21 when the
/// fixture has none: the oldest language version whose loop semantics the rules care about).
fn module_with(text: &[u8], fixture: &common::Fixture) -> tempfile::TempDir {
    module_at(text, fixture.go_version.map_or(21, |v| v.minor))
}

/// A throwaway module holding one `main.go`, at Go `1.<minor>`.
fn module_at(text: &[u8], minor: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
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

/// What a program fixture proves, told by its stem. Each is a whole `package main`, the only
/// `.go` file of its package (the oracle builds that one file, at the fixture's Go version),
/// in the folder of the rule whose Safe fix it exercises:
///
/// - `program`: misbehaves before the fix (exits non-zero, or hangs past the deadline) and
///   exits 0 after it. For fixes that repair a bug: deadlock, leak, lost signal, wrong output.
/// - `program_race`: the same, built with `-race`, for bugs whose only reliable symptom is a
///   race report (the detector exits 66). Skipped, saying so, where `-race` cannot build.
/// - `program_neutral`: exits 0 with the same stdout before and after the fix, which must
///   change the text. For cleanups (a redundant copy, an unused suppression) whose fix must
///   not change behaviour; near misses in it make the output depend on what the fix leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProgramKind {
    Misbehaves { race: bool },
    Neutral,
}

impl ProgramKind {
    /// `None` for a stem that does not start with `program`; `Some(Err)` for one that does
    /// but names no kind (a typo would otherwise drop the fixture from the oracle silently).
    fn of(stem: &str) -> Option<Result<Self, String>> {
        Some(Ok(match stem {
            "program" => Self::Misbehaves { race: false },
            "program_race" => Self::Misbehaves { race: true },
            "program_neutral" => Self::Neutral,
            other if other.starts_with("program") => {
                return Some(Err(format!(
                    "`{other}`: a program fixture is named program, program_race or program_neutral"
                )));
            }
            _ => return None,
        }))
    }
}

/// The program fixtures of one kind.
fn programs(want: impl Fn(ProgramKind) -> bool) -> Vec<common::Fixture> {
    common::fixtures()
        .into_iter()
        .filter(|f| matches!(ProgramKind::of(&f.stem), Some(Ok(kind)) if want(kind)))
        .collect()
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

/// Build a program, with `-race` when asked. `Ok(false)` when `-race` was asked for and
/// cannot build even an empty program here (no cgo, or a platform without the detector).
fn build(dir: &Path, race: bool) -> Result<bool, String> {
    let mut cmd = Command::new("go");
    cmd.arg("build");
    if race {
        cmd.arg("-race");
    }
    let out = run(cmd.args(["-o", "prog", "."]).current_dir(dir));
    if out.status.success() {
        return Ok(true);
    }
    let error = String::from_utf8_lossy(&out.stderr).into_owned();
    if race && !race_detector_builds() {
        return Ok(false);
    }
    Err(error)
}

/// Whether `go build -race` builds an empty program.
fn race_detector_builds() -> bool {
    let dir = module_at(b"package main\n\nfunc main() {}\n", 21);
    run(Command::new("go")
        .args(["build", "-race", "-o", "prog", "."])
        .current_dir(dir.path()))
    .status
    .success()
}

/// Run a built program with a deadline; `None` when it did not finish in time.
fn run_with_deadline(dir: &Path) -> Option<Output> {
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

/// One program fixture's text as read and as `--write` (Safe fixes only) leaves it.
fn before_and_after(fixture: &common::Fixture) -> (Vec<u8>, Vec<u8>) {
    let text = std::fs::read(&fixture.path).unwrap();
    let fixed = common::run_fixture(fixture, &text, true, false)
        .file
        .contents();
    assert_ne!(fixed, text, "{}: --write changed nothing", fixture.display);
    (text, fixed)
}

#[test]
fn programs_misbehave_before_the_fix_and_not_after() {
    if !common::require_go("programs_misbehave_before_the_fix_and_not_after") {
        return;
    }
    let mut ran = 0;
    let mut failures = Vec::new();
    for fixture in programs(|k| matches!(k, ProgramKind::Misbehaves { .. })) {
        let display = &fixture.display;
        let race =
            ProgramKind::of(&fixture.stem) == Some(Ok(ProgramKind::Misbehaves { race: true }));
        let (text, fixed) = before_and_after(&fixture);
        let before = module_with(&text, &fixture);
        match build(before.path(), race) {
            Ok(true) => {}
            Ok(false) => {
                // Past the harness's capture, like common::require_go's notice.
                let _ = writeln!(
                    std::io::stderr(),
                    "{display}: SKIPPED: `go build -race` does not work here"
                );
                continue;
            }
            Err(e) => panic!("{display}: build failed before the fix: {e}"),
        }
        if let Some(out) = run_with_deadline(before.path())
            && out.status.success()
        {
            failures.push(format!(
                "{display}: runs cleanly before the fix; it should show the bug"
            ));
        }
        let after = module_with(&fixed, &fixture);
        if let Err(e) = build(after.path(), race) {
            panic!("{display}: build failed after the fix: {e}");
        }
        match run_with_deadline(after.path()) {
            Some(out) if out.status.success() => {}
            Some(out) => failures.push(format!(
                "{display}: fails after the fix:\n{}",
                String::from_utf8_lossy(&out.stderr)
            )),
            None => failures.push(format!("{display}: still hangs after the fix")),
        }
        ran += 1;
    }
    assert!(ran > 0, "no program fixtures ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A cleanup's Safe fix must not change what the program does: the same exit (0) and the
/// same output before and after it.
#[test]
fn neutral_programs_behave_the_same_before_and_after_the_fix() {
    if !common::require_go("neutral_programs_behave_the_same_before_and_after_the_fix") {
        return;
    }
    let neutral = programs(|k| k == ProgramKind::Neutral);
    assert!(!neutral.is_empty(), "no program_neutral fixtures found");
    let mut failures = Vec::new();
    for fixture in &neutral {
        let display = &fixture.display;
        let (text, fixed) = before_and_after(fixture);
        let mut outputs = Vec::new();
        for (when, contents) in [("before", &text), ("after", &fixed)] {
            let dir = module_with(contents, fixture);
            if let Err(e) = build(dir.path(), false) {
                panic!("{display}: build failed {when} the fix: {e}");
            }
            match run_with_deadline(dir.path()) {
                Some(out) if out.status.success() => outputs.push(out.stdout),
                Some(out) => failures.push(format!(
                    "{display}: fails {when} the fix:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                )),
                None => failures.push(format!("{display}: hangs {when} the fix")),
            }
        }
        if let [before, after] = &outputs[..]
            && before != after
        {
            failures.push(format!(
                "{display}: the fix changed the output:\n--- before:\n{}--- after:\n{}",
                String::from_utf8_lossy(before),
                String::from_utf8_lossy(after)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The words of a rule's "## Fix safety" section.
fn fix_safety_words(doc: &str) -> Vec<&str> {
    let Some(at) = doc.find("## Fix safety") else {
        return Vec::new();
    };
    let section = &doc[at + "## Fix safety".len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Needs no Go. Which rules can make a Safe fix comes from two real sources, so that
/// neither can go stale unnoticed: each rule's "## Fix safety" documentation (what
/// `gofix rule CODE` prints) naming the Safe applicability, and the fixtures (the codes
/// `--write` fixes in them, without unsafe fixes). The two must agree, and every such rule
/// needs a program fixture in its folder that itself gets a Safe fix of the rule (else it
/// proves nothing). A neutral program only shows that the fix changes nothing, so it stands
/// only for a Low-severity rule (a cleanup); a rule that reports a bug needs a program that
/// shows the bug.
#[test]
fn every_rule_with_a_safe_fix_has_a_program() {
    use std::collections::{BTreeMap, BTreeSet};

    let documented: BTreeSet<&str> = gofix::registry::RULES
        .iter()
        .filter(|e| fix_safety_words(e.rule.doc).contains(&"Safe"))
        .map(|e| e.rule.code)
        .collect();
    let fixtures = common::fixtures();
    let mut fixed_in_fixtures: BTreeSet<&str> = BTreeSet::new();
    for fixture in &fixtures {
        let texts: Vec<Vec<u8>> = fixture
            .package
            .iter()
            .map(|m| std::fs::read(&m.path).unwrap())
            .collect();
        for report in common::run_fixture_package(fixture, &texts, true, false) {
            fixed_in_fixtures.extend(report.fixed.keys().copied());
        }
    }
    let mut failures = Vec::new();
    if documented != fixed_in_fixtures {
        failures.push(format!(
            "the rule docs and the fixtures disagree on which rules make Safe fixes:\n  docs say Safe: {documented:?}\n  fixtures fixed: {fixed_in_fixtures:?}"
        ));
    }

    // Each rule's programs, checked as they are collected.
    let mut programs: BTreeMap<&str, Vec<ProgramKind>> = BTreeMap::new();
    for fixture in &fixtures {
        let kind = match ProgramKind::of(&fixture.stem) {
            None => continue,
            Some(Err(e)) => {
                failures.push(format!("{}: {e}", fixture.display));
                continue;
            }
            Some(Ok(kind)) => kind,
        };
        let display = &fixture.display;
        let text = std::fs::read_to_string(&fixture.path).unwrap();
        if !is_program(&text) {
            failures.push(format!(
                "{display}: not a whole program (package main, func main)"
            ));
        }
        if fixture.package.len() != 1 {
            failures.push(format!(
                "{display}: the oracle builds this file alone, but its package has {} files",
                fixture.package.len()
            ));
        }
        let report = common::run_fixture(fixture, text.as_bytes(), true, false);
        if !report.fixed.contains_key(fixture.rule.as_str()) {
            failures.push(format!(
                "{display}: --write makes no {} fix here, so running it proves nothing about that fix",
                fixture.rule
            ));
        }
        let Some(entry) = gofix::registry::by_code(&fixture.rule) else {
            failures.push(format!("{display}: {} is no rule", fixture.rule));
            continue;
        };
        programs.entry(entry.rule.code).or_default().push(kind);
    }
    for code in documented.union(&fixed_in_fixtures) {
        let rule = gofix::registry::by_code(code).unwrap().rule;
        let kinds = programs.get(code).map(Vec::as_slice).unwrap_or_default();
        let shows_a_bug = kinds
            .iter()
            .any(|k| matches!(k, ProgramKind::Misbehaves { .. }));
        if kinds.is_empty() {
            failures.push(format!(
                "{code} makes Safe fixes but has no program fixture (transforms/{code}/program.go, program_race.go or program_neutral.go)"
            ));
        } else if !shows_a_bug && rule.severity != Severity::Low {
            failures.push(format!(
                "{code} is a {} finding, not a cleanup: it needs a program.go or program_race.go that misbehaves before the fix, not only a neutral one",
                rule.severity.as_str()
            ));
        }
    }
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
