//! The findings cache: what invalidates an entry, that a hit prints what a miss prints, that
//! a corrupt entry is a miss and that `--no-cache` leaves nothing behind.

mod common;

use std::path::Path;

use common::{
    assert_exit, copy_tree, gofix_command, stats_counts, stderr_of, stdout_of, write_tree,
};

/// GF103 (an empty critical section): a finding with no fix.
const LOCKED: &str = "package p\n\nimport \"sync\"\n\nvar mu sync.Mutex\nvar n int\n\nfunc F() {\n\tmu.Lock()\n\tmu.Unlock()\n}\n";

/// GF320 at go 1.21, with a safe fix.
const LOOP: &str = "package q\n\nfunc F(xs []int) {\n\tfor _, x := range xs {\n\t\tgo func() {\n\t\t\tprintln(x)\n\t\t}()\n\t}\n}\n";

/// `gofix ARGS` in `dir` with the cache statistics on: (stdout, exit code, (hits, misses,
/// written)).
fn run(dir: &Path, args: &[&str], version: &str) -> (String, Option<i32>, (usize, usize, usize)) {
    let out = gofix_command()
        .current_dir(dir)
        .env("GOFIX_CACHE_STATS", "1")
        .env("GOFIX_CACHE_VERSION", version)
        .args(["--output-format", "json", "--isolated"])
        .args(args)
        .output()
        .unwrap();
    let n = stats_counts(&stderr_of(&out), "gofix: cache: ");
    (stdout_of(&out), out.status.code(), (n[0], n[1], n[2]))
}

fn tree() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write_tree(
        tmp.path(),
        &[
            ("go.mod", "module m\n\ngo 1.21\n"),
            ("p/p.go", LOCKED),
            ("q/q.go", LOOP),
        ],
    );
    tmp
}

#[test]
fn a_hit_prints_what_a_miss_printed_and_changes_invalidate() {
    let tmp = tree();
    let dir = tmp.path();
    let (cold, code, stats) = run(dir, &[], "1");
    assert_eq!(stats, (0, 2, 2));
    assert_exit_code(code, 1);
    assert!(cold.contains("GF103") && cold.contains("GF320"), "{cold}");
    let gitignore = std::fs::read_to_string(dir.join(".gofix_cache/.gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "*"));
    let (warm, code, stats) = run(dir, &[], "1");
    assert_eq!(stats, (2, 0, 0));
    assert_exit_code(code, 1);
    assert_eq!(warm, cold);

    // A changed file: its package only.
    let changed = LOCKED.replace("Lock()\n", "Lock()\n\tn++\n");
    std::fs::write(dir.join("p/p.go"), changed).unwrap();
    let (out, _, stats) = run(dir, &[], "1");
    assert_eq!(stats, (1, 1, 1));
    assert!(!out.contains("GF103") && out.contains("GF101"), "{out}");
    assert!(out.contains("GF320"), "{out}");

    // A changed setting: every package. (q holds no lock, but the cache is asked before
    // the prefilter lexes anything, so a warm run reads and hashes only.)
    let (out, _, stats) = run(dir, &["--select", "GF1"], "1");
    assert_eq!(stats, (0, 2, 2));
    assert!(!out.contains("GF320") && out.contains("GF101"), "{out}");
    let (_, _, stats) = run(dir, &["--select", "GF1"], "1");
    assert_eq!(stats, (2, 0, 0));

    // go.mod's version: the loop capture is no bug at 1.22.
    std::fs::write(dir.join("go.mod"), "module m\n\ngo 1.22\n").unwrap();
    let (out, code, stats) = run(dir, &[], "1");
    assert_eq!(stats, (0, 2, 2), "every file has a new version");
    assert!(!out.contains("GF320") && out.contains("GF101"), "{out}");
    assert_exit_code(code, 1);

    // Another gofix version: every package.
    let (_, _, stats) = run(dir, &[], "2");
    assert_eq!(stats, (0, 2, 2));
}

fn assert_exit_code(code: Option<i32>, want: i32) {
    assert_eq!(code, Some(want));
}

#[test]
fn a_corrupt_entry_is_a_miss() {
    let tmp = tree();
    let dir = tmp.path();
    let (cold, _, _) = run(dir, &[], "1");
    for entry in std::fs::read_dir(dir.join(".gofix_cache")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::write(&path, b"{ not json").unwrap();
        }
    }
    let (out, code, stats) = run(dir, &[], "1");
    assert_eq!(stats, (0, 2, 2));
    assert_exit_code(code, 1);
    assert_eq!(out, cold);
    let (_, _, stats) = run(dir, &[], "1");
    assert_eq!(stats, (2, 0, 0));
}

#[test]
fn no_cache_writes_nothing() {
    let tmp = tree();
    let out = gofix_command()
        .current_dir(tmp.path())
        .args(["--no-cache", "--isolated"])
        .output()
        .unwrap();
    assert_exit(&out, 1, "findings");
    assert!(!tmp.path().join(".gofix_cache").exists());
}

#[test]
fn fix_runs_recompute_only_what_a_fix_would_change() {
    let tmp = tree();
    let dir = tmp.path();
    run(dir, &[], "1");
    // GF320 at go 1.21 has a safe fix (`x := x`); p's GF103 has none.
    let (_, _, stats) = run(dir, &["--write"], "1");
    assert_eq!(stats.0, 1, "p is answered by the cache");
    let fixed = std::fs::read_to_string(dir.join("q/q.go")).unwrap();
    assert!(fixed.contains("x := x"), "{fixed}");
    // The fixed file is a new key; the next check computes and stores it.
    let (out, _, stats) = run(dir, &[], "1");
    assert_eq!(stats, (1, 1, 1));
    assert!(!out.contains("GF320"), "{out}");
}

/// Regression: with the prefilter, a package's reports cover only the files it parsed, and
/// the cache stored each finding by its report's position instead of its file's. Here the
/// prefilter skips `a.go`, so the warm run printed `b.go`'s finding on `a.go`.
#[test]
fn a_hit_names_the_file_of_a_package_the_prefilter_thinned() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_tree(
        dir,
        &[
            ("go.mod", "module m\n\ngo 1.21\n"),
            ("p/a.go", "package p\n\nfunc A() int { return 1 }\n"),
            ("p/b.go", LOCKED),
        ],
    );
    let (cold, _, stats) = run(dir, &[], "1");
    assert_eq!(stats, (0, 1, 1));
    assert!(
        cold.contains("p/b.go") && !cold.contains("p/a.go"),
        "{cold}"
    );
    let (warm, _, stats) = run(dir, &[], "1");
    assert_eq!(stats, (1, 0, 0));
    assert_eq!(warm, cold);
}

/// Every fixture package answered from the cache prints what computing it printed.
#[test]
fn a_warm_run_over_the_fixtures_prints_what_the_cold_run_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_tree(&common::root().join("transforms"), &dir.join("transforms"));
    let (cold, _, (hits, misses, _)) = run(dir, &[], "1");
    assert_eq!(hits, 0);
    assert!(misses > 30, "{misses} packages");
    let (warm, _, stats) = run(dir, &[], "1");
    assert_eq!(stats, (misses, 0, 0));
    assert_eq!(warm, cold);
}
