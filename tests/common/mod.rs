//! Helpers the integration tests share: fixture discovery, running the engine on one file,
//! and finding the Go toolchain.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use gofix::config::Settings;
use gofix::fix::engine::{FileReport, run_package};
use gofix::source::SourceFile;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every fixture: (rule folder name, file stem, path), sorted.
pub fn fixtures() -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(root().join("transforms"))
        .expect("transforms/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "go"))
            .collect();
        files.sort();
        for file in files {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((rule.clone(), stem, file));
        }
    }
    out
}

/// Run gofix on one file as a package of its own.
pub fn run_file(
    path: &Path,
    display: &str,
    text: &[u8],
    fix: bool,
    unsafe_fixes: bool,
) -> FileReport {
    let file = SourceFile::new(PathBuf::from(display), text.to_vec(), None, true)
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
    if gofmt().is_some() {
        return true;
    }
    if std::env::var("GOFIX_REQUIRE_GO").is_ok_and(|v| v == "1") {
        panic!("{test}: Go not found on PATH, and GOFIX_REQUIRE_GO=1 makes that a failure");
    }
    // Written to the process's stderr directly, past the test harness's capture, so the
    // skip shows in a plain `cargo test` run.
    let _ = writeln!(
        std::io::stderr(),
        "{test}: SKIPPED: Go not found on PATH (set GOFIX_REQUIRE_GO=1 to make this a failure)"
    );
    false
}
