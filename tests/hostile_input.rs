//! Bad input and faults through the `gofix` binary: files that are not Go, not UTF-8, empty,
//! huge or absurdly nested; read-only files and directories; a file saved by an editor while
//! gofix runs; Ctrl-C in the middle of `--write`. Each bad file gets a message naming it,
//! the run exits 2, and every other file is still checked and fixed. Nothing is ever half
//! written.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{assert_exit, gofix_in, stderr_of, write_tree};

/// A lock leaked on an early return: GF102, fixed safely by `--write`.
const LEAKY: &str = "package p

import \"sync\"

type Store struct {
\tmu sync.Mutex
\tn  int
}

func (s *Store) Add(v int) int {
\ts.mu.Lock()
\tif v < 0 {
\t\treturn s.n
\t}
\ts.n += v
\ts.mu.Unlock()
\treturn s.n
}
";

/// `LEAKY` with its lock released by a deferred call: what `--write` makes of it.
fn fixed(source: &str) -> String {
    source
        .replace("\ts.mu.Lock()\n", "\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n")
        .replace("\ts.n += v\n\ts.mu.Unlock()\n", "\ts.n += v\n")
}

fn nested(open: &str, close: &str, depth: usize) -> String {
    format!("{}{}", open.repeat(depth), close.repeat(depth))
}

/// Every kind of hostile file the issue lists, beside one good file in the same package.
fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let mut binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) % 251) as u8)
        .collect();
    binary[0] = 0xff;
    vec![
        ("pkg/a.go", LEAKY.as_bytes().to_vec()),
        ("pkg/empty.go", Vec::new()),
        ("pkg/bom_only.go", b"\xef\xbb\xbf".to_vec()),
        ("pkg/latin1.go", b"package p\n\n// caf\xe9\n".to_vec()),
        ("pkg/binary.go", binary),
        (
            "pkg/nul.go",
            b"package p\n\nfunc f() {\x00\x00\x01 }\n".to_vec(),
        ),
        (
            "pkg/deep_parens.go",
            format!(
                "package p\n\nvar x = {}\n",
                nested("(", ")", 10_000).replace("()", "(1)")
            )
            .into_bytes(),
        ),
        (
            "pkg/deep_blocks.go",
            format!(
                "package p\n\nfunc b() {{\n{}\n}}\n",
                nested("{", "}", 10_000)
            )
            .into_bytes(),
        ),
        (
            "pkg/deep_goroutines.go",
            format!(
                "package p\n\nfunc g(s *Store) {{\n{}\n}}\n",
                nested("go func() {\ns.mu.Lock()\n", "}()\n", 10_000)
            )
            .into_bytes(),
        ),
        (
            "pkg/broken.go",
            b"package p\n\nfunc h( {\n\treturn\n".to_vec(),
        ),
    ]
}

#[test]
fn hostile_files_are_named_exit_2_and_the_good_file_is_still_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    let files = hostile_files();
    write_tree(tmp.path(), &files);

    // Every file parsed: each hostile one is named.
    let check = gofix_in(tmp.path(), &["--no-prefilter", "pkg"]);
    assert_exit(&check, 2, "gofix pkg with hostile files");
    let err = stderr_of(&check);
    assert!(!err.contains("internal error"), "no panic:\n{err}");
    for (name, want) in [
        ("empty.go", "no package clause"),
        ("bom_only.go", "no package clause"),
        ("latin1.go", "not valid UTF-8"),
        ("binary.go", "not valid UTF-8"),
        ("deep_parens.go", "levels deep"),
        ("deep_blocks.go", "levels deep"),
        ("deep_goroutines.go", "levels deep"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(want)),
            "a line names {name} and says `{want}`:\n{err}"
        );
    }
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("GF102"),
        "the good file's finding is still reported"
    );

    // With the prefilter, a file where no rule can fire is never parsed, so its depth is
    // never measured; the ones a rule needs still are, and encodings are always checked.
    let check = gofix_in(tmp.path(), &["pkg"]);
    assert_exit(&check, 2, "gofix pkg with hostile files, prefiltered");
    let err = stderr_of(&check);
    for (name, named) in [
        ("latin1.go", true),
        ("binary.go", true),
        ("deep_goroutines.go", true),
        ("deep_parens.go", false),
        ("deep_blocks.go", false),
    ] {
        assert_eq!(err.contains(name), named, "{name}:\n{err}");
    }

    let write = gofix_in(tmp.path(), &["--write", "pkg"]);
    assert_exit(&write, 2, "gofix --write pkg with hostile files");
    assert_eq!(
        fs::read_to_string(tmp.path().join("pkg/a.go")).unwrap(),
        fixed(LEAKY),
        "the good file is fixed"
    );
    for (name, bytes) in &files[1..] {
        assert_eq!(
            &fs::read(tmp.path().join(name)).unwrap(),
            bytes,
            "{name} is left byte for byte"
        );
    }
}

/// A generated file of several megabytes, full of findings, is processed: findings reported,
/// every fix applied, nothing else changed. (The 50 MB case is measured in release builds,
/// outside the tests; this size keeps the debug-build test short.)
#[test]
fn a_large_generated_file_is_processed() {
    let mut source = String::from(
        "package p\n\nimport \"sync\"\n\ntype S struct {\n\tmu sync.Mutex\n\tn  int\n}\n",
    );
    let mut want = source.clone();
    let methods = 4_000;
    for i in 0..methods {
        let method = format!(
            "\nfunc (s *S) m{i}(x int) int {{\n\ts.mu.Lock()\n\tif x > {i} {{\n\t\treturn x\n\t}}\n\ts.n += x\n\ts.mu.Unlock()\n\treturn s.n\n}}\n"
        );
        want.push_str(
            &method
                .replace("\ts.mu.Lock()\n", "\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n")
                .replace("\ts.n += x\n\ts.mu.Unlock()\n", "\ts.n += x\n"),
        );
        source.push_str(&method);
    }
    let tmp = tempfile::tempdir().unwrap();
    write_tree(tmp.path(), &[("big/big.go", &source)]);
    let check = gofix_in(tmp.path(), &["--output-format", "json", "big"]);
    assert_exit(&check, 1, "gofix on a large file");
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(findings.len(), methods, "one GF102 per method");
    let write = gofix_in(tmp.path(), &["--write", "big"]);
    assert_exit(&write, 0, "gofix --write on a large file");
    assert!(
        fs::read_to_string(tmp.path().join("big/big.go")).unwrap() == want,
        "every method fixed, nothing else changed"
    );
}

#[cfg(unix)]
#[test]
fn read_only_files_and_directories_are_reported_and_the_rest_is_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    write_tree(
        tmp.path(),
        &[
            ("ok/a.go", LEAKY),
            ("ro_file/a.go", LEAKY),
            ("ro_dir/a.go", LEAKY),
        ],
    );
    let set_mode = |path: &Path, mode| {
        fs::set_permissions(tmp.path().join(path), fs::Permissions::from_mode(mode)).unwrap();
    };
    set_mode(Path::new("ro_file/a.go"), 0o444);
    set_mode(Path::new("ro_dir"), 0o555);

    let out = gofix_in(tmp.path(), &["--write", "."]);
    set_mode(Path::new("ro_dir"), 0o755);
    assert_exit(&out, 2, "gofix --write with read-only files");
    let err = stderr_of(&out);
    assert!(
        err.contains("ro_file/a.go: read-only"),
        "the read-only file is named:\n{err}"
    );
    assert!(
        err.contains("ro_dir/a.go: its directory is read-only"),
        "the read-only directory is named:\n{err}"
    );
    let read = |p: &str| fs::read_to_string(tmp.path().join(p)).unwrap();
    assert_eq!(read("ok/a.go"), fixed(LEAKY), "the writable file is fixed");
    assert_eq!(
        read("ro_file/a.go"),
        LEAKY,
        "the read-only file is untouched"
    );
    assert_eq!(
        read("ro_dir/a.go"),
        LEAKY,
        "the file in the read-only directory too"
    );
    assert_no_temp_files(tmp.path());
}

fn assert_no_temp_files(root: &Path) {
    for entry in ignore::WalkBuilder::new(root).hidden(false).build() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        assert!(
            !(name.starts_with(".gofix-") && name.ends_with(".tmp")),
            "temp file left behind: {}",
            entry.path().display()
        );
    }
}

/// A tree big enough that `--write` takes a while: many packages, each with fixable files.
/// Returns each file's path and text.
fn many_fixable_packages(root: &Path, packages: usize, files: usize) -> Vec<(String, String)> {
    let mut written = Vec::new();
    for p in 0..packages {
        for f in 0..files {
            let name = format!("p{p}/f{f}.go");
            let source = LEAKY
                .replace("Store", &format!("Store{f}"))
                .replace("package p", &format!("package p{p}"));
            write_tree(root, &[(name.as_str(), &source)]);
            written.push((name, source));
        }
    }
    written
}

/// An editor saves files while `gofix --write` runs. Whatever the timing — saved before
/// gofix read it, between its read and its write, or after — the editor's text is what is
/// left: gofix fixes the saved text only if it read it (and then the saved text is clean),
/// and it refuses to overwrite a file that changed after it read it.
#[test]
fn files_saved_during_the_run_keep_the_editors_text() {
    let tmp = tempfile::tempdir().unwrap();
    let files = many_fixable_packages(tmp.path(), 40, 10);
    // Clean code: nothing for gofix to fix, so any gofix write would be a loss.
    let saved = |name: &str| {
        let package = &name[..name.find('/').unwrap()];
        format!("package {package}\n\n// saved by the editor: {name}\n")
    };
    let child = common::gofix_command_std(tmp.path())
        .args(["--write", "."])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let edited: Vec<&String> = files.iter().step_by(3).map(|(name, _)| name).collect();
    for name in &edited {
        fs::write(tmp.path().join(name), saved(name)).unwrap();
        std::thread::sleep(Duration::from_micros(300));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "gofix exits normally:\n{err}"
    );
    for name in edited {
        assert_eq!(
            fs::read_to_string(tmp.path().join(name)).unwrap(),
            saved(name),
            "{name} keeps the editor's text\n{err}"
        );
    }
    for line in err.lines().filter(|l| l.starts_with("gofix: error:")) {
        assert!(
            line.contains("changed on disk since gofix read it"),
            "the only errors are refusals: {line}"
        );
    }
    assert_no_temp_files(tmp.path());
}

/// Ctrl-C at various moments of `--write`: while gofix is still analysing (it stops at
/// once, nothing written), and as soon as the first fixed file appears (it finishes the file
/// it is writing and leaves the rest). Every file is either as it was or fully fixed, and no
/// temporary file is left.
#[cfg(unix)]
#[test]
fn ctrl_c_during_write_leaves_every_file_old_or_new() {
    for moment in ["at start", "while analysing", "once writing"] {
        let tmp = tempfile::tempdir().unwrap();
        let files = many_fixable_packages(tmp.path(), 30, 10);
        let mut child = common::gofix_command_std(tmp.path())
            .args(["--write", "."])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        match moment {
            "at start" => {}
            "while analysing" => std::thread::sleep(Duration::from_millis(100)),
            _ => {
                // Poll for the first file gofix writes, then interrupt at once.
                let deadline = std::time::Instant::now() + Duration::from_secs(120);
                while files.iter().all(|(name, original)| {
                    fs::read_to_string(tmp.path().join(name)).is_ok_and(|t| &t == original)
                }) && std::time::Instant::now() < deadline
                    && child.try_wait().unwrap().is_none()
                {
                    std::thread::sleep(Duration::from_micros(200));
                }
            }
        }
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        // No code: the signal came before gofix took over Ctrl-C, while it was starting.
        assert!(
            matches!(out.status.code(), Some(0 | 130) | None),
            "{moment}: exit 0 (done first) or 130 (interrupted), got {:?}:\n{err}",
            out.status.code()
        );
        let mut written = 0;
        for (name, original) in &files {
            let text = fs::read_to_string(tmp.path().join(name)).unwrap();
            if text == fixed(original) {
                written += 1;
            } else {
                assert_eq!(&text, original, "{moment}: {name} is old or new");
            }
        }
        if out.status.code() == Some(0) {
            assert_eq!(written, files.len(), "a finished run wrote every file");
        }
        if moment == "while analysing" && out.status.code() == Some(130) && written == 0 {
            assert!(err.contains("no file was changed"), "{err}");
        }
        eprintln!(
            "Ctrl-C {moment}: exit {:?}, {written} of {} files written",
            out.status.code(),
            files.len()
        );
        assert_no_temp_files(tmp.path());
    }
}

/// A file indented with spaces (not gofmt's tabs) gets its inserted lines indented the same
/// way: a fix never mixes styles within a file.
#[test]
fn inserted_lines_follow_the_files_own_indentation() {
    let spaces = LEAKY.replace('\t', "    ");
    let tmp = tempfile::tempdir().unwrap();
    write_tree(tmp.path(), &[("pkg/a.go", &spaces)]);
    let out = gofix_in(tmp.path(), &["--write", "pkg"]);
    assert_exit(&out, 0, "gofix --write on a space-indented file");
    assert_eq!(
        fs::read_to_string(tmp.path().join("pkg/a.go")).unwrap(),
        fixed(LEAKY).replace('\t', "    ")
    );
}
