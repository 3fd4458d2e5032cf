//! Suppression directives end to end, through the `gofix` binary on temporary trees:
//! `//gofix:ignore` silences exactly its finding, an unused one is reported (GF903) and
//! removed by `--write`, a silenced finding's fix is never applied, and `--select` narrows
//! what counts as unused. With Go present, every GF903 deletion leaves gofmt-clean files.

mod common;

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

/// Two straight-line sections, each a GF101 finding with a Safe fix; the first is silenced,
/// and a third directive silences nothing.
const SOURCE: &str = "package p

import \"sync\"

type Counter struct {
\tmu sync.Mutex
\tn  map[string]int
}

func (c *Counter) Inc(k string) {
\tc.mu.Lock() //gofix:ignore GF101 measured: the defer shows up in the profile
\tc.n[k]++
\tc.mu.Unlock()
}

func (c *Counter) Dec(k string) {
\tc.mu.Lock()
\tc.n[k]--
\tc.mu.Unlock()
}

func (c *Counter) Get(k string) int {
\t//gofix:ignore GF102 left over from an old version
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\treturn c.n[k]
}
";

fn tree(source: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("go.mod"),
        "module example.com/p\n\ngo 1.22\n",
    )
    .unwrap();
    fs::write(dir.path().join("p.go"), source).unwrap();
    dir
}

/// `(code, row)` of every finding, from `--output-format json`.
fn findings(dir: &Path, extra: &[&str]) -> Vec<(String, u64)> {
    let mut args = vec!["--output-format", "json", "--exit-zero"];
    args.extend_from_slice(extra);
    args.push("p.go");
    let out = common::gofix_in(dir, &args);
    assert!(out.status.success(), "{}", common::stderr_of(&out));
    let rows: Value = serde_json::from_str(&common::stdout_of(&out)).unwrap_or_else(|e| {
        panic!("{e}: {}", common::stdout_of(&out));
    });
    rows.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["location"]["row"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(c, r)| (c.to_string(), *r)).collect()
}

#[test]
fn an_ignore_silences_exactly_its_finding_and_an_unused_one_is_reported() {
    let dir = tree(SOURCE);
    // Inc's GF101 (line 11) is silenced, Dec's (line 17) is not; Get's directive is unused.
    assert_eq!(
        findings(dir.path(), &[]),
        pairs(&[("GF101", 17), ("GF903", 23)])
    );
    // Without the directive, Inc's finding is there: the silence was the directive's doing.
    let bare = SOURCE.replace(
        " //gofix:ignore GF101 measured: the defer shows up in the profile",
        "",
    );
    let dir = tree(&bare);
    assert_eq!(
        findings(dir.path(), &[]),
        pairs(&[("GF101", 11), ("GF101", 17), ("GF903", 23)])
    );
}

#[test]
fn write_leaves_the_silenced_finding_alone_and_removes_the_unused_directive() {
    let dir = tree(SOURCE);
    let out = common::gofix_in(dir.path(), &["--write", "p.go"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr_of(&out));
    let fixed = fs::read_to_string(dir.path().join("p.go")).unwrap();
    // Inc keeps its hand-written unlock and its directive.
    assert!(fixed.contains(
        "\tc.mu.Lock() //gofix:ignore GF101 measured: the defer shows up in the profile\n\tc.n[k]++\n\tc.mu.Unlock()\n"
    ));
    // Dec is fixed.
    assert!(fixed.contains("\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\tc.n[k]--\n}"));
    // Get's unused directive is gone, line and all.
    assert!(!fixed.contains("left over"));
    assert!(fixed.contains("func (c *Counter) Get(k string) int {\n\tc.mu.Lock()\n"));
    // A second run changes nothing and finds nothing.
    let again = common::gofix_in(dir.path(), &["--write", "p.go"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(fs::read_to_string(dir.path().join("p.go")).unwrap(), fixed);
}

#[test]
fn unused_is_judged_only_for_the_selected_rules() {
    let dir = tree(SOURCE);
    // GF102 did not run, so Get's directive is not called unused.
    assert_eq!(
        findings(dir.path(), &["--select", "GF101,GF9"]),
        pairs(&[("GF101", 17)])
    );
    // Meta rules follow --select and --ignore like any rule.
    assert_eq!(
        findings(dir.path(), &["--select", "GF1"]),
        pairs(&[("GF101", 17)])
    );
    assert_eq!(
        findings(dir.path(), &["--ignore", "GF903"]),
        pairs(&[("GF101", 17)])
    );
}

#[test]
fn nolint_is_honoured_as_golangci_lint_reads_it() {
    let source = SOURCE
        .replace(
            "//gofix:ignore GF101 measured: the defer shows up in the profile",
            "//nolint:errcheck,gofix // measured",
        )
        .replace("func (c *Counter) Dec", "//nolint\nfunc (c *Counter) Dec");
    let dir = tree(&source);
    // Inc's line by `//nolint:…gofix`, all of Dec by the bare `//nolint` above it.
    assert_eq!(findings(dir.path(), &[]), pairs(&[("GF903", 24)]));
}

#[test]
fn meta_findings_for_a_missing_reason_and_an_unknown_code() {
    let source = SOURCE
        .replace(
            "//gofix:ignore GF101 measured: the defer shows up in the profile",
            "//gofix:ignore GF101,GF1O1",
        )
        .replace("\t//gofix:ignore GF102 left over from an old version\n", "");
    let dir = tree(&source);
    assert_eq!(
        findings(dir.path(), &[]),
        pairs(&[("GF901", 11), ("GF902", 11), ("GF101", 17)])
    );
}

/// Sources with one unused directive each, placed where deleting it could upset gofmt.
const LAYOUTS: &[&str] = &[
    // The file's first line, before a blank line.
    "//gofix:file-ignore GF2 none left\n\npackage p\n\nvar x = 1\n",
    // Right above the package clause.
    "//gofix:file-ignore GF2 none left\npackage p\n\nvar x = 1\n",
    // Inside the package doc comment, after gofmt's empty `//` line.
    "// Package p is small.\n//\n//gofix:file-ignore GF2 none left\npackage p\n\nvar x = 1\n",
    // The last line of the file, after a blank line.
    "package p\n\nvar x = 1\n\n//gofix:ignore GF101 none left\n",
    // Between blank lines.
    "package p\n\nfunc f() {\n\tg()\n\n\t//gofix:ignore GF101 none left\n\n\tg()\n}\n\nfunc g() {}\n",
    // First and last in a block.
    "package p\n\nfunc f() {\n\t//gofix:ignore GF101 none left\n\tg()\n\t//gofix:ignore GF102 none left\n}\n\nfunc g() {}\n",
    // A trailing directive in an aligned block with no comment on its neighbours.
    "package p\n\nvar (\n\ta      = 1\n\tbbbbbb = 2 //gofix:ignore GF304 none left\n\tc      = 3\n)\n",
    // A trailing directive among aligned comments: reported, not deleted.
    "package p\n\nvar (\n\ta      = 1 // one\n\tbbbbbb = 2 //gofix:ignore GF304 none left\n\tc      = 3 // three\n)\n",
    // A list of codes, none used.
    "package p\n\nvar x = 1 //gofix:ignore GF304, GF101 none left\n",
    // `gofix` of a `//nolint` list: only it goes.
    "package p\n\nvar y = 2 //nolint:errcheck, gofix // errcheck's\n",
    // After a block comment on its own line.
    "package p\n\nfunc f() {\n\t/* keep */ //gofix:ignore GF101 none left\n\tg()\n}\n\nfunc g() {}\n",
];

#[test]
fn deleting_unused_directives_leaves_files_gofmt_clean() {
    if !common::require_go("deleting_unused_directives_leaves_files_gofmt_clean") {
        return;
    }
    let gofmt = common::gofmt().unwrap();
    for (i, source) in LAYOUTS.iter().enumerate() {
        let dir = tree(source);
        let path = dir.path().join("p.go");
        let before = std::process::Command::new(&gofmt)
            .arg("-l")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            before.stdout.is_empty(),
            "layout {i} is not gofmt-clean to begin with"
        );
        let out = common::gofix_in(dir.path(), &["--write", "p.go"]);
        let fixed = fs::read_to_string(&path).unwrap();
        let after = std::process::Command::new(&gofmt)
            .arg("-d")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            after.stdout.is_empty(),
            "layout {i}: not gofmt-clean after --write:\n{}\n{fixed}",
            String::from_utf8_lossy(&after.stdout)
        );
        let aligned = source.contains("// three");
        assert_eq!(
            fixed.contains("none left"),
            aligned,
            "layout {i}: {}\n{fixed}",
            common::stderr_of(&out)
        );
    }
}
