//! `gofix --explain-version FILE...` on temporary trees: the version of each file and the
//! reasons printed, `--go-version` honoured, and exit 2 for a file that cannot be read while
//! the other files are still explained.

mod common;

use std::fs;
use std::path::Path;

use tempfile::TempDir;

fn write(root: &Path, rel: &str, content: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

/// A temporary directory with no go.mod above it, or `None` (the test then skips, saying so):
/// "no go.mod" cannot be tested below one.
fn tree_without_go_mod() -> Option<TempDir> {
    let tmp = tempfile::tempdir().unwrap();
    if tmp.path().ancestors().any(|d| d.join("go.mod").exists()) {
        eprintln!("skipped: a go.mod above {}", tmp.path().display());
        return None;
    }
    Some(tmp)
}

#[test]
fn go_mod_go_line_and_a_build_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "go.mod", "module example.com/m\n\ngo 1.22\n");
    write(root, "pkg/old.go", "//go:build go1.21\n\npackage pkg\n");
    write(root, "pkg/new.go", "package pkg\n");
    let out = common::gofix_in(root, &["--explain-version", "./pkg/old.go", "pkg/new.go"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr_of(&out));
    assert_eq!(
        common::stdout_of(&out),
        "pkg/old.go: go1.21
  base: go1.22 from the go line of go.mod
  //go:build go1.21 implies go1.21: the file is go1.21 (a build line sets max(implied, 1.21))
pkg/new.go: go1.22
  base: go1.22 from the go line of go.mod
"
    );
    assert_eq!(common::stderr_of(&out), "");
}

#[test]
fn go_mod_path_is_spelled_from_the_argument() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "m/go.mod", "module m\ngo 1.23\n");
    write(root, "m/a/b/x.go", "package b\n");
    let out = common::gofix_in(&root.join("m/a"), &["--explain-version", "b/x.go"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr_of(&out));
    assert_eq!(
        common::stdout_of(&out),
        "b/x.go: go1.23\n  base: go1.23 from the go line of ../go.mod\n"
    );
}

#[test]
fn go_mod_without_a_go_line_is_1_16() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "go.mod",
        "module m\n\nrequire golang.org/x/sync v0.7.0\n",
    );
    write(root, "a.go", "package p\n");
    let out = common::gofix_in(root, &["--explain-version", "a.go"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr_of(&out));
    assert_eq!(
        common::stdout_of(&out),
        "a.go: go1.16\n  base: go1.16 because go.mod has no go line (the go command then assumes go1.16)\n"
    );
}

#[test]
fn no_go_mod_is_unknown_and_go_version_sets_the_base() {
    let Some(tmp) = tree_without_go_mod() else {
        return;
    };
    let root = tmp.path();
    write(root, "lonely.go", "package main\n");
    let out = common::gofix_in(root, &["--explain-version", "lonely.go"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr_of(&out));
    assert_eq!(
        common::stdout_of(&out),
        "lonely.go: unknown\n  base: unknown: no go.mod above this file; pass --go-version to set it (loop rules stay low-confidence)\n"
    );

    let out = common::gofix_in(
        root,
        &["--explain-version", "--go-version", "1.21", "lonely.go"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr_of(&out));
    assert_eq!(
        common::stdout_of(&out),
        "lonely.go: go1.21\n  base: go1.21 from --go-version (go.mod is not read)\n"
    );
}

#[test]
fn build_line_without_a_version_is_shown_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "go.mod", "module m\ngo 1.20\n");
    write(root, "linux.go", "//go:build linux\n\npackage p\n");
    let out = common::gofix_in(root, &["--explain-version", "linux.go"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr_of(&out));
    assert_eq!(
        common::stdout_of(&out),
        "linux.go: go1.20
  base: go1.20 from the go line of go.mod
  //go:build linux sets no version: the base stands
"
    );
}

#[test]
fn missing_file_exits_2_naming_it_and_the_other_file_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "go.mod", "module m\ngo 1.22\n");
    write(root, "a.go", "package p\n");
    let out = common::gofix_in(root, &["--explain-version", "missing.go", "a.go"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        common::stdout_of(&out),
        "a.go: go1.22\n  base: go1.22 from the go line of go.mod\n"
    );
    let err = common::stderr_of(&out);
    assert!(
        err.starts_with("gofix: error: missing.go: cannot read:"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn invalid_go_line_exits_2_naming_the_file_and_its_go_mod() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "go.mod", "module m\ngo one.two\n");
    write(root, "a.go", "package p\n");
    let out = common::gofix_in(root, &["--explain-version", "a.go"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stdout_of(&out).starts_with("a.go: unknown\n"),
        "{}",
        common::stdout_of(&out)
    );
    assert_eq!(
        common::stderr_of(&out),
        "gofix: error: a.go: go.mod: cannot read the go directive `go one.two`; write it as `go 1.N` (or pass --go-version)\n"
    );
}

#[test]
fn conflicts_with_write_and_needs_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "a.go", "package p\n");
    for args in [
        &["--explain-version", "--write", "a.go"][..],
        &["--explain-version", "--dry-run", "a.go"],
        &["--explain-version"],
    ] {
        let out = common::gofix_in(root, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(common::stdout_of(&out), "", "{args:?}");
    }
}
