//! Helpers the integration tests share: fixture discovery, running the engine on one file,
//! and finding the Go toolchain.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use gofix::config::Settings;
use gofix::discover::{DiscoverOptions, GoVersion, discover};
use gofix::fix::engine::{FileReport, run_package};
use gofix::source::SourceFile;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One fixture file.
pub struct Fixture {
    /// The rule folder: `GF320`.
    pub rule: String,
    /// The path below `transforms/`, as diagnostics show it: `GF320/go121/capture.go`.
    pub display: String,
    /// The snapshot name: `GF320__go121__capture`.
    pub snapshot: String,
    /// The file's stem: `capture`.
    pub stem: String,
    pub path: PathBuf,
    /// The Go version discovery gives the file: from the go.mod of its case folder, or from
    /// a `go-version` file there (standing for `--go-version`); `None` for flat fixtures.
    pub go_version: Option<GoVersion>,
    /// Every file of the fixture's package, itself included, in path order: a case folder's
    /// package, or the flat fixture alone. Package-wide rules see them all.
    pub package: Vec<PackageMember>,
}

/// One file of a fixture's package.
#[derive(Clone)]
pub struct PackageMember {
    pub path: PathBuf,
    pub display: String,
    pub go_version: Option<GoVersion>,
}

/// Every fixture, sorted: `transforms/<CODE>/*.go`, and the `.go` files of case folders
/// `transforms/<CODE>/<case>/` (small modules with their own go.mod).
pub fn fixtures() -> Vec<Fixture> {
    let transforms = root().join("transforms");
    let mut out = Vec::new();
    for dir in sorted_entries(&transforms)
        .into_iter()
        .filter(|p| p.is_dir())
    {
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        collect_fixtures(&rule, &transforms, &dir, &mut out);
    }
    out
}

fn collect_fixtures(rule: &str, transforms: &Path, dir: &Path, out: &mut Vec<Fixture>) {
    let options = DiscoverOptions {
        include_generated: false,
        go_version: std::fs::read_to_string(dir.join("go-version"))
            .ok()
            .map(|v| GoVersion::parse(v.trim()).expect("go-version holds a version like 1.21")),
    };
    let packages: Vec<Vec<(PathBuf, Option<GoVersion>)>> =
        if dir.join("go.mod").exists() || options.go_version.is_some() {
            let found = discover(&[dir.to_path_buf()], &options);
            assert!(
                found.errors.is_empty(),
                "{}: {:?}",
                dir.display(),
                found.errors
            );
            found
                .packages
                .into_iter()
                .map(|p| {
                    p.files
                        .into_iter()
                        .map(|f| (f.path, f.go_version))
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        };
    let display_of = |path: &Path| {
        let relative = path.strip_prefix(transforms).unwrap().with_extension("");
        relative.to_string_lossy().replace('\\', "/")
    };
    for path in sorted_entries(dir) {
        if path.is_dir() {
            collect_fixtures(rule, transforms, &path, out);
            continue;
        }
        if path.extension().is_none_or(|x| x != "go") {
            continue;
        }
        let relative = display_of(&path);
        let members: Vec<PackageMember> = match packages
            .iter()
            .find(|files| files.iter().any(|(p, _)| *p == path))
        {
            Some(files) => files
                .iter()
                .filter(|(p, _)| p.parent() == path.parent())
                .map(|(p, v)| PackageMember {
                    path: p.clone(),
                    display: format!("{}.go", display_of(p)),
                    go_version: *v,
                })
                .collect(),
            None => vec![PackageMember {
                path: path.clone(),
                display: format!("{relative}.go"),
                go_version: None,
            }],
        };
        out.push(Fixture {
            rule: rule.to_owned(),
            display: format!("{relative}.go"),
            snapshot: relative.replace('/', "__"),
            stem: path.file_stem().unwrap().to_string_lossy().into_owned(),
            go_version: members
                .iter()
                .find(|m| m.path == path)
                .and_then(|m| m.go_version),
            package: members,
            path,
        });
    }
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries
}

/// Run gofix on a fixture's package, the fixture's own text being `text` and the other
/// files as on disk; the fixture's report.
pub fn run_fixture(fixture: &Fixture, text: &[u8], fix: bool, unsafe_fixes: bool) -> FileReport {
    let texts: Vec<Vec<u8>> = fixture
        .package
        .iter()
        .map(|m| {
            if m.path == fixture.path {
                text.to_vec()
            } else {
                std::fs::read(&m.path).unwrap()
            }
        })
        .collect();
    let own = fixture
        .package
        .iter()
        .position(|m| m.path == fixture.path)
        .expect("a fixture is in its own package");
    run_fixture_package(fixture, &texts, fix, unsafe_fixes).swap_remove(own)
}

/// Run gofix on a fixture's package with the given texts (in `fixture.package` order); every
/// file is a target, so package-wide fixes can reach them all.
pub fn run_fixture_package(
    fixture: &Fixture,
    texts: &[Vec<u8>],
    fix: bool,
    unsafe_fixes: bool,
) -> Vec<FileReport> {
    let files = fixture
        .package
        .iter()
        .zip(texts)
        .map(|(m, text)| {
            SourceFile::new(PathBuf::from(&m.display), text.clone(), m.go_version, true)
                .unwrap_or_else(|e| panic!("{}: {e}", m.path.display()))
        })
        .collect();
    let settings = Settings {
        unsafe_fixes,
        ..Settings::default()
    };
    run_package(files, &settings, fix)
}

/// Run gofix on one file as a package of its own.
pub fn run_file(
    path: &Path,
    display: &str,
    text: &[u8],
    go_version: Option<GoVersion>,
    fix: bool,
    unsafe_fixes: bool,
) -> FileReport {
    let file = SourceFile::new(PathBuf::from(display), text.to_vec(), go_version, true)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let settings = Settings {
        unsafe_fixes,
        ..Settings::default()
    };
    run_package(vec![file], &settings, fix)
        .pop()
        .expect("one report per file")
}

/// `gofmt`'s path, or `None` (then the test says it skipped, or fails when
/// `GOFIX_REQUIRE_GO=1`).
pub fn gofmt() -> Option<PathBuf> {
    let goroot = go_output(&["env", "GOROOT"])?;
    let gofmt = Path::new(goroot.trim()).join("bin").join("gofmt");
    gofmt.exists().then_some(gofmt)
}

pub fn go_output(args: &[&str]) -> Option<String> {
    let out = Command::new("go").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Go is required (`GOFIX_REQUIRE_GO=1`, as `.ci/run` sets) or optional.
pub fn require_go(test: &str) -> bool {
    gofmt().is_some() || missing(test, "Go")
}

/// Whether `program --version` runs (git, pre-commit); if not, as [`require_go`].
pub fn require_tool(test: &str, program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    found || missing(test, program)
}

/// A tool the test needs is missing: a failure under `GOFIX_REQUIRE_GO=1` (CI installs
/// every tool the tests use), else one SKIPPED line and `false`.
fn missing(test: &str, what: &str) -> bool {
    if std::env::var("GOFIX_REQUIRE_GO").is_ok_and(|v| v == "1") {
        panic!(
            "{test}: {what} not found on PATH, and GOFIX_REQUIRE_GO=1 makes that a failure \
             (.ci/run installs it)"
        );
    }
    // Written to the process's stderr directly, past the test harness's capture, so the
    // skip shows in a plain `cargo test` run.
    let _ = writeln!(
        std::io::stderr(),
        "{test}: SKIPPED: {what} not found on PATH (set GOFIX_REQUIRE_GO=1 to make this a failure)"
    );
    false
}

/// The gofix binary, ready for arguments.
pub fn gofix_command() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("gofix").expect("the gofix binary is built")
}

/// The gofix binary as a plain `std::process::Command` run in `dir`, for tests that spawn it
/// and act on the tree or the process while it runs.
pub fn gofix_command_std(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gofix"));
    command.current_dir(dir);
    command
}

/// Runs the gofix binary in `dir` with relative arguments, as a user would.
pub fn gofix_in(dir: &Path, args: &[&str]) -> std::process::Output {
    gofix_command()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("gofix runs")
}

/// The exit code, with both streams in the panic message when it is not `want`.
#[track_caller]
pub fn assert_exit(out: &std::process::Output, want: i32, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(want),
        "{what}: exit code\n--- stdout:\n{}\n--- stderr:\n{}",
        stdout_of(out),
        stderr_of(out)
    );
}

/// Write `files` (path relative to `root`, contents) below `root`, making directories.
pub fn write_tree<C: AsRef<[u8]>>(root: &Path, files: &[(&str, C)]) {
    for (rel, contents) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
    }
}

/// `gofix ARGS --no-cache --isolated -q` in `dir` with the prefilter on, then off
/// (`--no-prefilter`): the two runs' outputs, for tests that the prefilter changes nothing.
pub fn prefilter_both_ways(dir: &Path, args: &[&str]) -> [std::process::Output; 2] {
    let mut with = args.to_vec();
    with.extend(["--no-cache", "--isolated", "-q"]);
    let mut without = with.clone();
    without.push("--no-prefilter");
    [with, without].map(|a| gofix_in(dir, &a))
}

/// `git` in `dir` with no user or system configuration and a fixed identity, so that tests
/// behave the same on every machine.
pub fn git_command(dir: &Path) -> Command {
    let mut git = Command::new("git");
    git.current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "gofix test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "gofix test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com");
    git
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A lock leaked on an early return, in `package p`: GF102 at 17:2, fixed safely by
/// `--write`. The CLI tests' standard sample; `in_package` renames its package.
pub const LEAKY: &str = "package p

import (
\t\"errors\"
\t\"sync\"
)

var errClosed = errors.New(\"closed\")

type Store struct {
\tmu     sync.Mutex
\tm      map[string]int
\tclosed bool
}

func (s *Store) Put(k string, v int) error {
\ts.mu.Lock()
\tif s.closed {
\t\treturn errClosed
\t}
\ts.m[k] = v
\ts.mu.Unlock()
\treturn nil
}
";

/// `LEAKY` after `--write`.
pub const FIXED: &str = "package p

import (
\t\"errors\"
\t\"sync\"
)

var errClosed = errors.New(\"closed\")

type Store struct {
\tmu     sync.Mutex
\tm      map[string]int
\tclosed bool
}

func (s *Store) Put(k string, v int) error {
\ts.mu.Lock()
\tdefer s.mu.Unlock()
\tif s.closed {
\t\treturn errClosed
\t}
\ts.m[k] = v
\treturn nil
}
";

/// `text` (`LEAKY` or `FIXED`) declared in package `name` instead of `p`.
pub fn in_package(text: &str, name: &str) -> String {
    text.replacen("package p\n", &format!("package {name}\n"), 1)
}

/// The counts of a statistics line gofix prints on stderr (`gofix: cache: 2 hits, 0 misses,
/// 0 written` under `prefix` `gofix: cache: `): the number opening each comma-separated part.
#[track_caller]
pub fn stats_counts(stderr: &str, prefix: &str) -> Vec<usize> {
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` statistics in {stderr}"));
    line.split(", ")
        .map(|part| part.split(' ').next().unwrap().parse().unwrap())
        .collect()
}

/// Copy the directory tree `from` to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
