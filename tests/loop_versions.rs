//! The loop-variable rules follow each file's Go version: the same source is a GF320 bug
//! (with a fix) in a go 1.21 module and nothing in a go 1.22 one, where a leftover copy is
//! GF321 instead; `//go:build` lines lower and raise the version per file.

mod common;

use std::fs;
use std::path::Path;

const CAPTURE: &str = "package p\n\nfunc start(items []string, out chan<- string) {\n\tfor _, it := range items {\n\t\tgo func() {\n\t\t\tout <- it\n\t\t}()\n\t}\n}\n";

const COPY: &str = "package p\n\nfunc start(items []string, out chan<- string) {\n\tfor _, it := range items {\n\t\tit := it\n\t\tgo func() {\n\t\t\tout <- it\n\t\t}()\n\t}\n}\n";

fn module(root: &Path, name: &str, go: &str, files: &[(&str, &str)]) {
    let dir = root.join(name);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("go.mod"), format!("module {name}\n\ngo {go}\n")).unwrap();
    for (file, text) in files {
        fs::write(dir.join(file), text).unwrap();
    }
}

#[test]
fn same_source_fires_and_is_fixed_at_121_and_is_silent_at_122() {
    let tmp = tempfile::tempdir().unwrap();
    module(tmp.path(), "old", "1.21", &[("p.go", CAPTURE)]);
    module(tmp.path(), "new", "1.22", &[("p.go", CAPTURE)]);

    let out = common::gofix_in(tmp.path(), &["old", "new"]);
    let found = common::stdout_of(&out);
    assert!(
        found.contains("old/p.go:6:11: GF320 [critical]") && found.contains("[*]"),
        "{found}"
    );
    assert!(!found.contains("new/p.go"), "{found}");

    common::gofix_in(tmp.path(), &["--write", "old", "new"]);
    let fixed = fs::read_to_string(tmp.path().join("old/p.go")).unwrap();
    assert_eq!(
        fixed,
        CAPTURE.replace("range items {\n", "range items {\n\t\tit := it\n")
    );
    let untouched = fs::read_to_string(tmp.path().join("new/p.go")).unwrap();
    assert_eq!(untouched, CAPTURE);
}

#[test]
fn a_copy_is_needed_at_121_and_redundant_at_122() {
    let tmp = tempfile::tempdir().unwrap();
    module(tmp.path(), "old", "1.21", &[("p.go", COPY)]);
    module(tmp.path(), "new", "1.22", &[("p.go", COPY)]);

    let out = common::gofix_in(tmp.path(), &["--write", "old", "new"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stdout_of(&out));
    assert_eq!(
        fs::read_to_string(tmp.path().join("old/p.go")).unwrap(),
        COPY
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("new/p.go")).unwrap(),
        CAPTURE
    );
}

#[test]
fn build_lines_lower_and_raise_the_version_per_file() {
    let tmp = tempfile::tempdir().unwrap();
    let lowered = format!("//go:build go1.21\n\n{CAPTURE}");
    let raised = format!("//go:build go1.22\n\n{CAPTURE}");
    module(
        tmp.path(),
        "new",
        "1.22",
        &[("lowered.go", &lowered), ("plain.go", CAPTURE)],
    );
    module(
        tmp.path(),
        "old",
        "1.21",
        &[("raised.go", &raised), ("plain.go", CAPTURE)],
    );

    let found = common::stdout_of(&common::gofix_in(tmp.path(), &["new", "old"]));
    let files: Vec<&str> = found
        .lines()
        .filter(|l| l.contains("GF320"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(files, ["new/lowered.go", "old/plain.go"], "{found}");
}

#[test]
fn a_three_clause_loop_that_skips_with_increment_gets_no_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let skip = "package p\n\nfunc f(n int, out chan<- int) {\n\tfor i := 0; i < n; i++ {\n\t\tif i%2 == 0 {\n\t\t\ti++\n\t\t}\n\t\tgo func() {\n\t\t\tout <- i\n\t\t}()\n\t}\n}\n";
    module(tmp.path(), "old", "1.21", &[("p.go", skip)]);

    let found = common::stdout_of(&common::gofix_in(tmp.path(), &["old"]));
    assert!(found.contains("GF320"), "{found}");
    assert!(!found.contains("[*]"), "no fix may be offered: {found}");
    common::gofix_in(tmp.path(), &["--write", "--unsafe-fixes", "old"]);
    assert_eq!(
        fs::read_to_string(tmp.path().join("old/p.go")).unwrap(),
        skip
    );
}
