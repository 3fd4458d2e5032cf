//! End-to-end tests of the `gofix` binary on temporary trees: exit codes, the output formats,
//! `--dry-run` (including `git apply` of its diff), `--write` (permissions, idempotence, line
//! endings, BOM, missing final newline), bad files, stdin, rule docs, syntax gofix cannot parse,
//! named files and determinism across thread counts.
//!
//! None of these tests needs Go. The `git apply` tests need `git` and skip, saying so, without it.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

use common::{
    FIXED, LEAKY, assert_exit as assert_code, gofix_command as gofix, gofix_in as run,
    stderr_of as stderr, stdout_of as stdout, write_tree as write_files,
};

/// A second file of package `p` with its own leaked lock (GF102 at 11:2).
const LEAKY_B: &str = "package p

import \"sync\"

type Counter struct {
\tmu sync.Mutex
\tn  int
}

func (c *Counter) Inc(limit int) bool {
\tc.mu.Lock()
\tif c.n >= limit {
\t\treturn false
\t}
\tc.n++
\tc.mu.Unlock()
\treturn true
}
";

/// An empty critical section: GF103, which has no fix, so it survives `--write`.
const EMPTY_SECTION: &str = "package p

import \"sync\"

type Gate struct {
\tmu sync.Mutex
}

func (g *Gate) Wait() {
\tg.mu.Lock()
\tg.mu.Unlock()
}
";

const GF102_LINE: &str = "pkg/a.go:17:2: GF102 [critical] ";

/// A temporary directory holding `files` (path relative to the root, bytes).
fn tree(files: &[(&str, &[u8])]) -> TempDir {
    let tmp = TempDir::new().expect("temp dir");
    write_files(tmp.path(), files);
    tmp
}

fn read(path: impl AsRef<Path>) -> Vec<u8> {
    fs::read(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

#[track_caller]
fn assert_text(got: &[u8], want: &[u8], what: &str) {
    assert!(
        got == want,
        "{what}\n--- got:\n{}\n--- want:\n{}",
        String::from_utf8_lossy(got),
        String::from_utf8_lossy(want)
    );
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the text"))
        + 1
}

// ---------------------------------------------------------------------------------------------
// 1. Exit codes, the finding line, rule selection
// ---------------------------------------------------------------------------------------------

#[test]
fn clean_tree_exits_0_and_says_0_findings() {
    let tmp = tree(&[("pkg/a.go", FIXED.as_bytes())]);
    let out = run(tmp.path(), &["."]);
    assert_code(&out, 0, "gofix . on a clean tree");
    assert_eq!(stdout(&out), "", "no finding lines on a clean tree");
    assert!(
        stderr(&out).contains("0 findings"),
        "stderr should say `0 findings`, got:\n{}",
        stderr(&out)
    );
}

#[test]
fn finding_exits_1_with_the_finding_line_relative_to_the_argument() {
    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);
    for arg in [".", "pkg"] {
        let out = run(tmp.path(), &[arg]);
        assert_code(&out, 1, &format!("gofix {arg}"));
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "gofix {arg}: one finding line, got:\n{text}"
        );
        assert!(
            lines[0].starts_with(GF102_LINE),
            "gofix {arg}: expected a line starting with {GF102_LINE:?}, got {:?}",
            lines[0]
        );
        assert!(
            lines[0].contains("s.mu.Lock()"),
            "the message names the lock: {:?}",
            lines[0]
        );
    }
}

#[test]
fn exit_zero_turns_findings_into_exit_0_but_still_prints_them() {
    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);
    let out = run(tmp.path(), &["--exit-zero", "."]);
    assert_code(&out, 0, "gofix --exit-zero .");
    assert!(
        stdout(&out).starts_with(GF102_LINE),
        "the finding is still printed, got:\n{}",
        stdout(&out)
    );
}

#[test]
fn bad_flag_exits_2() {
    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);
    let out = run(tmp.path(), &["--no-such-flag", "."]);
    assert_code(&out, 2, "gofix --no-such-flag .");
    assert!(
        stderr(&out).contains("--no-such-flag"),
        "stderr names the flag, got:\n{}",
        stderr(&out)
    );
}

#[test]
fn unknown_selector_exits_2_naming_it() {
    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);
    for flag in ["--select", "--ignore"] {
        let out = run(tmp.path(), &[flag, "GF999", "."]);
        assert_code(&out, 2, &format!("gofix {flag} GF999 ."));
        assert!(
            stderr(&out).contains("GF999"),
            "{flag} GF999: stderr should name GF999, got:\n{}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "{flag} GF999: no findings printed");
    }
}

#[test]
fn ignore_silences_a_rule_and_select_by_prefix_keeps_it() {
    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);

    for ignore in ["GF102", "lock-held-on-return", "GF1"] {
        let out = run(tmp.path(), &["--ignore", ignore, "."]);
        assert_code(&out, 0, &format!("gofix --ignore {ignore} ."));
        assert_eq!(stdout(&out), "", "--ignore {ignore} prints nothing");
    }

    for select in ["GF1", "GF102", "lock-held-on-return", "GF101,GF102"] {
        let out = run(tmp.path(), &["--select", select, "."]);
        assert_code(&out, 1, &format!("gofix --select {select} ."));
        assert!(
            stdout(&out).starts_with(GF102_LINE),
            "--select {select} keeps GF102, got:\n{}",
            stdout(&out)
        );
    }

    // Selecting only another rule leaves GF102 out.
    let out = run(tmp.path(), &["--select", "GF103", "."]);
    assert_code(&out, 0, "gofix --select GF103 .");
    assert_eq!(stdout(&out), "");
}

// ---------------------------------------------------------------------------------------------
// 2. --dry-run
// ---------------------------------------------------------------------------------------------

#[test]
fn dry_run_prints_a_diff_exits_1_and_writes_nothing() {
    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);
    let path = tmp.path().join("pkg/a.go");
    let out = run(tmp.path(), &["--dry-run", "."]);
    assert_code(&out, 1, "gofix --dry-run . (a file would change)");
    let diff = stdout(&out);
    let lines: Vec<&str> = diff.lines().collect();
    assert!(
        lines.contains(&"--- a/pkg/a.go") && lines.contains(&"+++ b/pkg/a.go"),
        "diff headers, got:\n{diff}"
    );
    assert!(
        lines.contains(&"+\tdefer s.mu.Unlock()"),
        "the diff adds the defer, got:\n{diff}"
    );
    assert!(
        lines.contains(&"-\ts.mu.Unlock()"),
        "the diff deletes the manual unlock, got:\n{diff}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("@@ ")),
        "a hunk header, got:\n{diff}"
    );
    assert_text(&read(&path), LEAKY.as_bytes(), "--dry-run must not write");
}

#[test]
fn dry_run_with_nothing_to_change_exits_0_and_prints_no_diff() {
    let tmp = tree(&[("pkg/a.go", FIXED.as_bytes())]);
    let out = run(tmp.path(), &["--dry-run", "."]);
    assert_code(&out, 0, "gofix --dry-run . (nothing would change)");
    assert!(
        !stdout(&out).contains("--- a/"),
        "no diff expected, got:\n{}",
        stdout(&out)
    );
    assert_text(
        &read(tmp.path().join("pkg/a.go")),
        FIXED.as_bytes(),
        "unchanged",
    );
}

#[track_caller]
fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "core.autocrlf=false", "-c", "core.safecrlf=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `files` in a committed git repo and in a plain copy; `gofix --dry-run .` in the repo piped to
/// `git apply` must give the same bytes as `gofix --write .` in the copy, for every file.
fn check_dry_run_applies_like_write(files: &[(&str, &[u8])]) {
    let repo = TempDir::new().unwrap();
    let copy = TempDir::new().unwrap();
    let scratch = TempDir::new().unwrap();
    write_files(repo.path(), files);
    write_files(copy.path(), files);

    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(
        repo.path(),
        &[
            "-c",
            "user.email=t@t",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
            "commit",
            "-q",
            "-m",
            "init",
        ],
    );

    let dry = run(repo.path(), &["--dry-run", "."]);
    assert_code(&dry, 1, "gofix --dry-run . (files would change)");
    let patch = scratch.path().join("dry-run.patch");
    fs::write(&patch, &dry.stdout).unwrap();
    git(repo.path(), &["apply", "--check", patch.to_str().unwrap()]);
    git(repo.path(), &["apply", patch.to_str().unwrap()]);

    let write = run(copy.path(), &["--write", "."]);
    assert!(
        matches!(write.status.code(), Some(0 | 1)),
        "gofix --write . failed:\n{}",
        stderr(&write)
    );

    for (rel, original) in files {
        let applied = read(repo.path().join(rel));
        let written = read(copy.path().join(rel));
        assert_text(
            &applied,
            &written,
            &format!("{rel}: `git apply` of the dry-run diff vs `--write`"),
        );
        if *original == FIXED.as_bytes() {
            assert_text(&written, original, &format!("{rel}: a clean file stays"));
        }
    }
}

#[test]
fn dry_run_diff_applies_with_git_apply_like_write() {
    if !common::require_tool("dry_run_diff_applies_with_git_apply_like_write", "git") {
        return;
    }
    check_dry_run_applies_like_write(&[
        ("pkg/a.go", LEAKY.as_bytes()),
        ("pkg/b.go", LEAKY_B.as_bytes()),
        ("clean/a.go", FIXED.as_bytes()),
        ("other/deep/c.go", LEAKY.as_bytes()),
    ]);
}

#[test]
fn dry_run_diff_applies_with_git_apply_without_final_newline() {
    if !common::require_tool(
        "dry_run_diff_applies_with_git_apply_without_final_newline",
        "git",
    ) {
        return;
    }
    let no_newline = LEAKY.strip_suffix('\n').unwrap();
    check_dry_run_applies_like_write(&[("pkg/a.go", no_newline.as_bytes())]);
}

#[test]
fn dry_run_diff_applies_with_git_apply_crlf() {
    if !common::require_tool("dry_run_diff_applies_with_git_apply_crlf", "git") {
        return;
    }
    let crlf = LEAKY.replace('\n', "\r\n");
    check_dry_run_applies_like_write(&[("pkg/a.go", crlf.as_bytes())]);
}

// ---------------------------------------------------------------------------------------------
// 3. --write
// ---------------------------------------------------------------------------------------------

#[test]
fn write_fixes_in_place_is_idempotent_and_leaves_a_clean_tree() {
    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);
    let path = tmp.path().join("pkg/a.go");

    let out = run(tmp.path(), &["--write", "."]);
    assert_code(&out, 0, "gofix --write . (everything fixed)");
    assert_eq!(stdout(&out), "", "no finding remains to be listed");
    assert_text(&read(&path), FIXED.as_bytes(), "after --write");

    let again = run(tmp.path(), &["--write", "."]);
    assert_code(&again, 0, "second gofix --write .");
    assert_text(
        &read(&path),
        FIXED.as_bytes(),
        "second --write changes nothing",
    );

    let check = run(tmp.path(), &["."]);
    assert_code(&check, 0, "gofix . after --write");
    assert_eq!(stdout(&check), "");
}

#[cfg(unix)]
#[test]
fn write_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);
    let path = tmp.path().join("pkg/a.go");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();

    let out = run(tmp.path(), &["--write", "."]);
    assert_code(&out, 0, "gofix --write .");
    assert_text(&read(&path), FIXED.as_bytes(), "after --write");
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "mode after --write is {mode:o}, want 640");
}

#[test]
fn write_lists_the_findings_that_remain_and_exits_1() {
    let tmp = tree(&[
        ("pkg/a.go", LEAKY.as_bytes()),
        ("pkg/gate.go", EMPTY_SECTION.as_bytes()),
    ]);
    let gf103_line = line_of(EMPTY_SECTION, "g.mu.Lock()");

    let out = run(tmp.path(), &["--write", "."]);
    assert_code(&out, 1, "gofix --write . (GF103 remains)");
    let text = stdout(&out);
    assert!(
        text.contains(&format!("pkg/gate.go:{gf103_line}:2: GF103 [medium] ")),
        "the remaining GF103 is listed, got:\n{text}"
    );
    assert!(
        !text.contains("GF102"),
        "the fixed GF102 is no longer listed, got:\n{text}"
    );
    assert_text(
        &read(tmp.path().join("pkg/a.go")),
        FIXED.as_bytes(),
        "a.go fixed",
    );
    assert_text(
        &read(tmp.path().join("pkg/gate.go")),
        EMPTY_SECTION.as_bytes(),
        "gate.go (no fix) untouched",
    );

    let again = run(tmp.path(), &["--write", "."]);
    assert_code(&again, 1, "second gofix --write .");
    assert_eq!(stdout(&again), text, "the same findings remain");
    assert_text(
        &read(tmp.path().join("pkg/a.go")),
        FIXED.as_bytes(),
        "second --write changes nothing",
    );
}

// ---------------------------------------------------------------------------------------------
// 4. JSON
// ---------------------------------------------------------------------------------------------

fn json_position(v: &Value, what: &str) -> (usize, usize) {
    let row = v["row"].as_u64();
    let column = v["column"].as_u64();
    match (row, column) {
        (Some(r), Some(c)) if r >= 1 && c >= 1 => (r as usize, c as usize),
        _ => panic!("{what}: expected {{row, column}} (1-based), got {v}"),
    }
}

/// Byte offset of 1-based (row, column) in ASCII `text`.
fn offset(text: &str, (row, column): (usize, usize)) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(row - 1).map(str::len).sum();
    line_start + column - 1
}

#[test]
fn json_output_describes_the_finding_and_its_fix() {
    let tmp = tree(&[("pkg/a.go", LEAKY.as_bytes())]);
    let out = run(tmp.path(), &["--output-format", "json", "."]);
    assert_code(&out, 1, "gofix --output-format json .");
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{}", stdout(&out)));
    let items = json.as_array().expect("a JSON array");
    assert_eq!(items.len(), 1, "one finding, got {json:#}");
    let d = &items[0];

    assert_eq!(d["code"], "GF102");
    assert_eq!(d["name"], "lock-held-on-return");
    assert_eq!(d["severity"], "critical");
    assert!(
        d["message"].as_str().is_some_and(|m| !m.is_empty()),
        "message: {d:#}"
    );
    assert_eq!(d["filename"], "pkg/a.go");
    assert_eq!(json_position(&d["location"], "location"), (17, 2));
    let end = json_position(&d["end_location"], "end_location");
    assert!(end >= (17, 2), "end_location {end:?} is after location");

    let fix = &d["fix"];
    assert!(fix.is_object(), "GF102 here has a fix: {d:#}");
    assert_eq!(fix["applicability"], "safe");
    assert!(
        fix["message"].as_str().is_some_and(|m| !m.is_empty()),
        "fix message: {fix:#}"
    );
    let edits = fix["edits"].as_array().expect("edits is an array");
    assert!(!edits.is_empty(), "the fix has edits");

    // Applying the edits (back to front) to the source gives what --write writes.
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let content = e["content"]
                .as_str()
                .unwrap_or_else(|| panic!("edit content is a string: {e}"));
            let start = offset(LEAKY, json_position(&e["location"], "edit location"));
            let end = offset(
                LEAKY,
                json_position(&e["end_location"], "edit end_location"),
            );
            assert!(start <= end, "edit range is ordered: {e}");
            (start, end, content.to_owned())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut fixed = LEAKY.to_owned();
    for (start, end, content) in spans {
        fixed.replace_range(start..end, &content);
    }
    assert_text(
        fixed.as_bytes(),
        FIXED.as_bytes(),
        "the JSON edits applied to the source",
    );
}

#[test]
fn json_fix_is_null_or_well_formed_for_every_finding() {
    let tmp = tree(&[
        ("pkg/a.go", LEAKY.as_bytes()),
        ("pkg/gate.go", EMPTY_SECTION.as_bytes()),
    ]);
    let out = run(tmp.path(), &["--output-format", "json", "."]);
    assert_code(&out, 1, "gofix --output-format json .");
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{}", stdout(&out)));
    let items = json.as_array().expect("a JSON array");
    assert_eq!(items.len(), 2, "GF102 and GF103, got {json:#}");
    for d in items {
        for key in [
            "code",
            "name",
            "severity",
            "message",
            "filename",
            "location",
            "end_location",
            "fix",
        ] {
            assert!(d.get(key).is_some(), "key {key} missing in {d:#}");
        }
        json_position(&d["location"], "location");
        json_position(&d["end_location"], "end_location");
        let fix = &d["fix"];
        if fix.is_null() {
            continue;
        }
        assert!(
            matches!(
                fix["applicability"].as_str(),
                Some("safe" | "unsafe" | "display-only")
            ),
            "applicability: {fix:#}"
        );
        assert!(fix["message"].is_string(), "fix message: {fix:#}");
        for e in fix["edits"].as_array().expect("edits array") {
            assert!(e["content"].is_string(), "edit content: {e}");
            json_position(&e["location"], "edit location");
            json_position(&e["end_location"], "edit end_location");
        }
    }
    let gf103 = items
        .iter()
        .find(|d| d["code"] == "GF103")
        .expect("a GF103 finding");
    assert!(gf103["fix"].is_null(), "GF103 has no fix: {gf103:#}");
    assert_eq!(gf103["filename"], "pkg/gate.go");
    assert_eq!(gf103["severity"], "medium");
}

#[test]
fn json_on_a_clean_tree_is_an_empty_array() {
    let tmp = tree(&[("pkg/a.go", FIXED.as_bytes())]);
    let out = run(tmp.path(), &["--output-format", "json", "."]);
    assert_code(&out, 0, "gofix --output-format json . (clean)");
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{}", stdout(&out)));
    assert_eq!(json, Value::Array(vec![]));
}

// ---------------------------------------------------------------------------------------------
// 5. Bad files
// ---------------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn bad_files_are_reported_and_skipped_and_the_rest_is_fixed() {
    let tmp = tree(&[
        ("pkg/a.go", LEAKY.as_bytes()),
        ("pkg/bad.go", b"package p\n\xff\xfe\n"),
    ]);
    std::os::unix::fs::symlink(
        tmp.path().join("pkg/nowhere.go"),
        tmp.path().join("pkg/gone.go"),
    )
    .unwrap();

    let out = run(tmp.path(), &["--write", "."]);
    assert_code(&out, 2, "gofix --write . with bad files");
    let err = stderr(&out);
    assert!(err.contains("bad.go"), "stderr names bad.go, got:\n{err}");
    assert!(err.contains("gone.go"), "stderr names gone.go, got:\n{err}");
    assert_text(
        &read(tmp.path().join("pkg/a.go")),
        FIXED.as_bytes(),
        "the good file is still fixed",
    );
    assert_text(
        &read(tmp.path().join("pkg/bad.go")),
        b"package p\n\xff\xfe\n",
        "the non-UTF-8 file is left alone",
    );
}

#[cfg(unix)]
#[test]
fn bad_files_in_check_mode_exit_2_and_the_findings_are_still_printed() {
    let tmp = tree(&[
        ("pkg/a.go", LEAKY.as_bytes()),
        ("pkg/bad.go", b"package p\n\xff\xfe\n"),
    ]);
    std::os::unix::fs::symlink(
        tmp.path().join("pkg/nowhere.go"),
        tmp.path().join("pkg/gone.go"),
    )
    .unwrap();

    let out = run(tmp.path(), &["."]);
    assert_code(&out, 2, "gofix . with bad files");
    assert!(
        stdout(&out).starts_with(GF102_LINE),
        "a.go's finding is printed, got:\n{}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("bad.go"), "stderr names bad.go, got:\n{err}");
    assert!(err.contains("gone.go"), "stderr names gone.go, got:\n{err}");
}

// ---------------------------------------------------------------------------------------------
// 6. stdin
// ---------------------------------------------------------------------------------------------

#[test]
fn stdin_check_reports_with_the_stdin_filename() {
    let tmp = TempDir::new().unwrap();
    let out = gofix()
        .current_dir(tmp.path())
        .args(["-", "--stdin-filename", "x.go"])
        .write_stdin(LEAKY)
        .output()
        .unwrap();
    assert_code(&out, 1, "gofix - --stdin-filename x.go");
    let text = stdout(&out);
    assert!(
        text.starts_with("x.go:17:2: GF102 [critical] "),
        "finding reported as x.go, got:\n{text}"
    );
    assert_eq!(text.lines().count(), 1, "one finding, got:\n{text}");
}

#[test]
fn stdin_write_prints_the_fixed_source() {
    let tmp = TempDir::new().unwrap();
    let out = gofix()
        .current_dir(tmp.path())
        .args(["-", "--stdin-filename", "x.go", "--write"])
        .write_stdin(LEAKY)
        .output()
        .unwrap();
    assert_code(&out, 0, "gofix - --stdin-filename x.go --write");
    assert_text(&out.stdout, FIXED.as_bytes(), "stdout of --write on stdin");
    assert!(
        !tmp.path().join("x.go").exists(),
        "--write on stdin must not create x.go"
    );
}

#[test]
fn stdin_write_of_clean_source_echoes_it() {
    let tmp = TempDir::new().unwrap();
    let out = gofix()
        .current_dir(tmp.path())
        .args(["-", "--stdin-filename", "x.go", "--write"])
        .write_stdin(FIXED)
        .output()
        .unwrap();
    assert_code(&out, 0, "gofix - --stdin-filename x.go --write (clean)");
    assert_text(
        &out.stdout,
        FIXED.as_bytes(),
        "clean source comes back as is",
    );
}

#[test]
fn stdin_write_with_only_unfixable_findings_echoes_the_source() {
    let tmp = TempDir::new().unwrap();
    let out = gofix()
        .current_dir(tmp.path())
        .args(["-", "--stdin-filename", "x.go", "--write"])
        .write_stdin(EMPTY_SECTION)
        .output()
        .unwrap();
    assert_code(
        &out,
        1,
        "gofix - --stdin-filename x.go --write (GF103 remains)",
    );
    assert_text(
        &out.stdout,
        EMPTY_SECTION.as_bytes(),
        "source with nothing to fix comes back as is",
    );
    let line = line_of(EMPTY_SECTION, "g.mu.Lock()");
    assert!(
        stderr(&out).contains(&format!("x.go:{line}:2: GF103 [medium] ")),
        "the remaining finding goes to stderr, got:\n{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// 7–8. Line endings, missing final newline, BOM
// ---------------------------------------------------------------------------------------------

#[test]
fn write_keeps_crlf_line_endings() {
    let crlf = LEAKY.replace('\n', "\r\n");
    let tmp = tree(&[("pkg/a.go", crlf.as_bytes())]);

    let check = run(tmp.path(), &["."]);
    assert_code(&check, 1, "gofix . on a CRLF file");
    assert!(
        stdout(&check).starts_with(GF102_LINE),
        "same position as with LF, got:\n{}",
        stdout(&check)
    );

    let out = run(tmp.path(), &["--write", "."]);
    assert_code(&out, 0, "gofix --write . on a CRLF file");
    let got = read(tmp.path().join("pkg/a.go"));
    let bare_lf = got
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' && (i == 0 || got[i - 1] != b'\r'))
        .count();
    assert_eq!(
        bare_lf,
        0,
        "no bare \\n after --write, got:\n{:?}",
        String::from_utf8_lossy(&got)
    );
    assert_text(
        &got,
        FIXED.replace('\n', "\r\n").as_bytes(),
        "CRLF file after --write",
    );
}

#[test]
fn write_keeps_a_missing_final_newline() {
    let src = LEAKY.strip_suffix('\n').unwrap();
    let want = FIXED.strip_suffix('\n').unwrap();
    let tmp = tree(&[("pkg/a.go", src.as_bytes())]);
    let out = run(tmp.path(), &["--write", "."]);
    assert_code(&out, 0, "gofix --write . on a file without final newline");
    assert_text(
        &read(tmp.path().join("pkg/a.go")),
        want.as_bytes(),
        "no final newline kept",
    );
}

#[test]
fn write_keeps_a_bom() {
    let src = format!("\u{feff}{LEAKY}");
    let want = format!("\u{feff}{FIXED}");
    let tmp = tree(&[("pkg/a.go", src.as_bytes())]);

    let check = run(tmp.path(), &["."]);
    assert_code(&check, 1, "gofix . on a file with a BOM");
    assert!(
        stdout(&check).starts_with(GF102_LINE),
        "the BOM does not shift positions, got:\n{}",
        stdout(&check)
    );

    let out = run(tmp.path(), &["--write", "."]);
    assert_code(&out, 0, "gofix --write . on a file with a BOM");
    assert_text(
        &read(tmp.path().join("pkg/a.go")),
        want.as_bytes(),
        "BOM kept",
    );
}

// ---------------------------------------------------------------------------------------------
// 9. Rule catalogue and docs
// ---------------------------------------------------------------------------------------------

#[test]
fn rules_lists_every_code_once() {
    let out = gofix().arg("rules").output().unwrap();
    assert_code(&out, 0, "gofix rules");
    let text = stdout(&out);
    for n in 101..=106 {
        let code = format!("GF{n}");
        assert_eq!(
            text.matches(&code).count(),
            1,
            "{code} appears once in `gofix rules`:\n{text}"
        );
    }
    assert!(
        text.contains("lock-held-on-return"),
        "names are listed:\n{text}"
    );
}

#[test]
fn rule_prints_docs_and_unknown_rule_exits_2() {
    let out = gofix().args(["rule", "GF101"]).output().unwrap();
    assert_code(&out, 0, "gofix rule GF101");
    let text = stdout(&out);
    assert!(text.contains("GF101"), "doc names its code:\n{text}");
    assert!(
        text.contains("## What it does"),
        "doc has `## What it does`:\n{text}"
    );

    let out = gofix().args(["rule", "GF999"]).output().unwrap();
    assert_code(&out, 2, "gofix rule GF999");
    assert!(
        stderr(&out).contains("GF999"),
        "stderr names GF999:\n{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// 10. Syntax tree-sitter-go cannot parse
// ---------------------------------------------------------------------------------------------

#[test]
fn unparsable_function_is_skipped_and_the_rest_still_checked() {
    // `new(expr)` is Go 1.26; tree-sitter-go 0.25 does not parse it.
    let src = format!(
        "{LEAKY}
func counter() *uint64 {{
\tx := new(uint64(1))
\treturn x
}}
"
    );
    let tmp = tree(&[
        ("pkg/go.mod", b"module example.com/p\n\ngo 1.26\n"),
        ("pkg/a.go", src.as_bytes()),
    ]);
    let out = run(tmp.path(), &["."]);
    assert_code(&out, 1, "gofix . with Go 1.26 syntax");
    assert!(
        stdout(&out).starts_with(GF102_LINE),
        "the other function's finding is reported, got:\n{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("syntax gofix does not understand"),
        "stderr warns, got:\n{}",
        stderr(&out)
    );

    // The same with --write: the leak is fixed, the unparsable function kept as it was.
    let out = run(tmp.path(), &["--write", "."]);
    let got = String::from_utf8(read(tmp.path().join("pkg/a.go"))).unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "gofix --write . with Go 1.26 syntax is not an error:\n{}",
        stderr(&out)
    );
    assert!(got.starts_with(FIXED), "the leak is fixed, got:\n{got}");
    assert!(
        got.contains("\tx := new(uint64(1))\n"),
        "the unparsable function is kept, got:\n{got}"
    );
}

// ---------------------------------------------------------------------------------------------
// 11. Named files
// ---------------------------------------------------------------------------------------------

#[test]
fn named_file_limits_findings_to_it() {
    let tmp = tree(&[
        ("pkg/a.go", LEAKY.as_bytes()),
        ("pkg/b.go", LEAKY_B.as_bytes()),
    ]);

    // Sanity: the directory reports both.
    let all = run(tmp.path(), &["pkg"]);
    assert_code(&all, 1, "gofix pkg");
    assert!(
        stdout(&all).contains("pkg/b.go:"),
        "b.go has a finding of its own, got:\n{}",
        stdout(&all)
    );

    let out = run(tmp.path(), &["pkg/a.go"]);
    assert_code(&out, 1, "gofix pkg/a.go");
    let text = stdout(&out);
    assert!(text.starts_with(GF102_LINE), "a.go's finding, got:\n{text}");
    assert!(!text.contains("b.go"), "no b.go finding, got:\n{text}");
    assert_eq!(text.lines().count(), 1, "only a.go's finding, got:\n{text}");

    // --write on a named file leaves the sibling alone.
    let out = run(tmp.path(), &["--write", "pkg/a.go"]);
    assert_code(&out, 0, "gofix --write pkg/a.go");
    assert_text(
        &read(tmp.path().join("pkg/a.go")),
        FIXED.as_bytes(),
        "a.go fixed",
    );
    assert_text(
        &read(tmp.path().join("pkg/b.go")),
        LEAKY_B.as_bytes(),
        "b.go untouched",
    );
}

// ---------------------------------------------------------------------------------------------
// 12. Determinism
// ---------------------------------------------------------------------------------------------

#[test]
fn output_is_identical_for_any_thread_count() {
    let tmp = TempDir::new().unwrap();
    for i in 0..20 {
        let dir = format!("pkg{i:02}");
        write_files(
            tmp.path(),
            &[
                (
                    &format!("{dir}/a.go"),
                    LEAKY
                        .replace("package p", &format!("package p{i}"))
                        .as_bytes(),
                ),
                (
                    &format!("{dir}/b.go"),
                    LEAKY_B
                        .replace("package p", &format!("package p{i}"))
                        .as_bytes(),
                ),
                (
                    &format!("{dir}/gate.go"),
                    EMPTY_SECTION
                        .replace("package p", &format!("package p{i}"))
                        .as_bytes(),
                ),
            ],
        );
    }

    for mode in [
        &[][..],
        &["--dry-run"][..],
        &["--output-format", "json"][..],
    ] {
        let outputs: Vec<Output> = ["1", "2", "8"]
            .iter()
            .map(|j| {
                let mut args = vec!["-j", j];
                args.extend_from_slice(mode);
                args.push(".");
                run(tmp.path(), &args)
            })
            .collect();
        let first = &outputs[0];
        assert_code(first, 1, &format!("gofix -j 1 {mode:?} ."));
        if mode.is_empty() {
            assert_eq!(
                stdout(first).lines().count(),
                60,
                "20 packages × 3 findings, got:\n{}",
                stdout(first)
            );
        }
        for (j, out) in ["2", "8"].iter().zip(&outputs[1..]) {
            assert_code(out, 1, &format!("gofix -j {j} {mode:?} ."));
            assert_text(
                &out.stdout,
                &first.stdout,
                &format!("stdout of -j {j} vs -j 1 for {mode:?}"),
            );
        }
    }
    // Nothing was written by any of these runs.
    assert_text(
        &read(tmp.path().join("pkg00/a.go")),
        LEAKY.replace("package p", "package p0").as_bytes(),
        "check runs write nothing",
    );
}
