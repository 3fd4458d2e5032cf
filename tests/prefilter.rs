//! The prefilter changes no finding: every fixture gives the same output with it and with
//! `--no-prefilter`, package-wide rules still see the files of a package that never name a
//! lock, and files with neither a trigger nor a link stay unparsed (tests/prefilter_links.rs
//! covers each kind of link).

mod common;

use std::path::Path;

use common::{assert_exit, fixtures, gofix_in, stderr_of, stdout_of, write_tree};

/// `gofix ARGS` in `dir` with the prefilter on, then off: the two outputs (stdout, exit
/// code) for comparison.
fn both_ways(dir: &Path, args: &[&str]) -> [(String, Option<i32>); 2] {
    common::prefilter_both_ways(dir, args).map(|out| (stdout_of(&out), out.status.code()))
}

#[test]
fn every_fixture_gives_the_same_findings_and_fixes_without_the_prefilter() {
    let mut compared = 0;
    let mut with_findings = 0;
    for fixture in fixtures() {
        // The fixture's package alone in a directory of its own, as the harness sees it.
        let tmp = tempfile::tempdir().unwrap();
        for member in &fixture.package {
            let name = member.path.file_name().unwrap();
            std::fs::copy(&member.path, tmp.path().join(name)).unwrap();
        }
        let version = fixture.go_version.map(|v| v.to_string());
        let mut args = vec!["--output-format", "json"];
        if let Some(v) = &version {
            args.extend(["--go-version", v]);
        }
        let [on, off] = both_ways(tmp.path(), &args);
        assert_eq!(on, off, "{}: findings differ", fixture.display);
        if on.0.trim() != "[]" {
            with_findings += 1;
        }
        args[0] = "--dry-run";
        args.remove(1);
        let [on, off] = both_ways(tmp.path(), &args);
        assert_eq!(on, off, "{}: --dry-run differs", fixture.display);
        compared += 1;
    }
    assert!(compared > 100, "only {compared} fixtures");
    assert!(
        with_findings > 50,
        "only {with_findings} fixtures have findings"
    );
}

/// Nesting deeper than gofix analyses, with no word any rule looks for; `type_name` gives the
/// variable a type.
fn too_deep(type_name: &str) -> String {
    format!(
        "package deep\n\nvar x {type_name} = {}1{}\n",
        "(".repeat(1100),
        ")".repeat(1100)
    )
}

#[test]
fn files_without_triggers_or_links_are_not_parsed() {
    let tmp = tempfile::tempdir().unwrap();
    write_tree(tmp.path(), &[("deep/deep.go", too_deep("int"))]);
    // Parsed, the file is too deep to check: an error.
    let out = gofix_in(tmp.path(), &["--no-cache", "--no-prefilter", "deep"]);
    assert_exit(&out, 2, "the file is parsed");
    assert!(
        stderr_of(&out).contains("syntax levels deep"),
        "{}",
        stderr_of(&out)
    );
    // Prefiltered, nothing can fire there: it is never parsed.
    let out = gofix_in(tmp.path(), &["--no-cache", "deep"]);
    assert_exit(&out, 0, "the package is skipped");
    // Beside a file that declares a lock-holding type, it is still left alone...
    write_tree(
        tmp.path(),
        &[(
            "deep/lock.go",
            "package deep\n\nimport \"sync\"\n\ntype Guarded struct {\n\tmu sync.Mutex\n}\n",
        )],
    );
    let out = gofix_in(tmp.path(), &["--no-cache", "deep"]);
    assert_exit(&out, 0, "the deep file holds no trigger and no link");
    // ...until it names that type (it may copy the lock): then it is parsed.
    write_tree(tmp.path(), &[("deep/deep.go", too_deep("Guarded"))]);
    let out = gofix_in(tmp.path(), &["--no-cache", "deep"]);
    assert_exit(&out, 2, "the deep file is linked to the lock type");
    // Only the enabled rules' triggers count.
    let out = gofix_in(tmp.path(), &["--no-cache", "--select", "GF212", "deep"]);
    assert_exit(&out, 0, "no channel in the package");
}

#[test]
fn skipped_packages_still_report_encoding_errors() {
    let tmp = tempfile::tempdir().unwrap();
    write_tree(
        tmp.path(),
        &[("p/latin1.go", b"package p\n\n// caf\xe9\n".as_slice())],
    );
    for extra in [None, Some("--no-prefilter")] {
        let mut args = vec!["--no-cache", "p"];
        args.extend(extra);
        let out = gofix_in(tmp.path(), &args);
        assert_exit(&out, 2, "a non-UTF-8 file");
        assert!(
            stderr_of(&out).contains("not valid UTF-8"),
            "{}",
            stderr_of(&out)
        );
    }
}

#[test]
fn lock_fields_are_judged_in_files_that_never_say_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let counter = common::root().join("transforms/GF120/counter");
    for name in ["counter.go", "report.go", "go.mod"] {
        std::fs::copy(counter.join(name), tmp.path().join(name)).unwrap();
    }
    let report = std::fs::read_to_string(tmp.path().join("report.go")).unwrap();
    assert!(!report.contains("Lock") && !report.contains("sync"));
    let args = ["--select", "GF120", "--output-format", "concise"];
    // The package, and report.go named alone (counter.go is read as its sibling).
    for target in [".", "report.go"] {
        let mut a = args.to_vec();
        a.push(target);
        let [on, off] = both_ways(tmp.path(), &a);
        assert_eq!(on, off, "{target}");
        let found = on.0.lines().filter(|l| l.starts_with("report.go:")).count();
        assert_eq!(found, 7, "{target}: {}", on.0);
    }
}

#[test]
fn a_package_parses_its_trigger_files_and_the_files_linked_to_them() {
    let tmp = tempfile::tempdir().unwrap();
    write_tree(
        tmp.path(),
        &[
            ("go.mod", "module m\n\ngo 1.24\n"),
            (
                "p/counter.go",
                "package p\n\nimport \"sync\"\n\ntype Counter struct {\n\tmu sync.Mutex\n\tn  int\n}\n",
            ),
            // A method of the lock-holding type: linked by the type's name.
            (
                "p/peek.go",
                "package p\n\nfunc (c *Counter) Peek() int {\n\treturn c.n\n}\n",
            ),
            // Nothing any rule or link reaches.
            (
                "p/util.go",
                "package p\n\nfunc double(x int) int {\n\treturn 2 * x\n}\n",
            ),
        ],
    );
    assert_eq!(file_counts(tmp.path(), "p"), [3, 1, 2]);
}

/// The prefilter's file counts for `gofix TARGET` in `dir`: seen, with triggers, parsed.
fn file_counts(dir: &std::path::Path, target: &str) -> Vec<usize> {
    let out = common::gofix_command()
        .current_dir(dir)
        .env("GOFIX_PREFILTER_STATS", "1")
        .args(["--no-cache", "--isolated", "-q", target])
        .output()
        .unwrap();
    common::stats_counts(&stderr_of(&out), "gofix: prefilter: ")
}

/// A function goroutines reach two calls down is parsed only when it may lead to GF130's
/// check-then-set: a statement assigning `true` to something rooted at a package variable.
#[test]
fn a_deeply_reached_function_is_parsed_only_on_a_path_to_a_check_then_set() {
    let tmp = tempfile::tempdir().unwrap();
    let start = "package p\n\nfunc Start() {\n\tgo run()\n}\n\nfunc run() {\n\tloop()\n}\n";
    let direct = "package p\n\nfunc loop() {\n\tstep()\n}\n";
    write_tree(
        tmp.path(),
        &[
            ("go.mod", "module m\n\ngo 1.24\n"),
            ("p/a.go", start),
            ("p/b.go", direct),
            // Reached, but sets no package variable: no finding can need it.
            (
                "p/c.go",
                "package p\n\nvar armed bool\n\nfunc step() {\n\tok := true\n\tprintln(ok)\n}\n",
            ),
        ],
    );
    assert_eq!(file_counts(tmp.path(), "p"), [3, 1, 2]);
    // The same function setting the package flag is parsed.
    std::fs::write(
        tmp.path().join("p/c.go"),
        "package p\n\nvar armed bool\n\nfunc step() {\n\tarmed = true\n}\n",
    )
    .unwrap();
    assert_eq!(file_counts(tmp.path(), "p"), [3, 1, 3]);
}
