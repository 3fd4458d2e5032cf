//! What people expect of a command-line tool: shell completions, `--version`, a progress bar
//! only on a terminal (never in CI, never with `--quiet`), colour only on a terminal and never
//! with `NO_COLOR`, and `--quiet` keeping the findings.
//!
//! The terminal cases run gofix under util-linux `script`, which gives it a pseudo-terminal;
//! they are skipped, saying so, where `script` is missing.

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use gofix::render::progress::MIN_PACKAGES;

const LEAKY: &str = "package p

import \"sync\"

type S struct {
\tmu sync.Mutex
\tn  int
}

func (s *S) Inc(stop bool) {
\ts.mu.Lock()
\tif stop {
\t\treturn
\t}
\ts.n++
\ts.mu.Unlock()
}
";

fn gofix() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("gofix").unwrap();
    cmd.env_remove("CI").env_remove("NO_COLOR");
    cmd
}

/// A tree of `n` packages, one leaked lock in each.
fn tree(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let pkg = dir.path().join(format!("p{i:02}"));
        std::fs::create_dir(&pkg).unwrap();
        std::fs::write(pkg.join("s.go"), LEAKY).unwrap();
    }
    dir
}

/// The summary's count, as it starts.
fn findings(n: usize) -> String {
    format!("{n} findings")
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef gofix"),
        ("fish", "complete -c gofix"),
    ] {
        let out = gofix().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains(marker),
            "{shell}: no `{marker}` in\n{script}"
        );
        assert!(
            script.contains("unsafe-fixes"),
            "{shell}: no flags in\n{script}"
        );
    }
    let out = gofix().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn version_is_the_crate_version() {
    let out = gofix().arg("--version").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("gofix {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn piped_stderr_gets_no_progress_bar() {
    let dir = tree(MIN_PACKAGES + 4);
    let out = gofix().current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stdout.matches("GF102").count(),
        MIN_PACKAGES + 4,
        "{stdout}"
    );
    assert!(!stderr.contains('\r'), "{stderr:?}");
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
    assert!(!stderr.contains("checking ["), "{stderr:?}");
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
    assert!(stderr.contains(&findings(MIN_PACKAGES + 4)), "{stderr:?}");
}

#[test]
fn quiet_keeps_findings_and_drops_the_summary() {
    let dir = tree(2);
    let out = gofix().current_dir(dir.path()).arg("-q").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.matches("GF102").count(), 2, "{stdout}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");

    let out = gofix()
        .current_dir(dir.path())
        .args(["--write", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

/// Runs gofix on a pseudo-terminal (stdout and stderr both), returning what it printed, or
/// `None` when util-linux `script` is missing.
fn on_terminal(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Option<String> {
    let probe = Command::new("script").arg("--version").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        let _ = writeln!(
            std::io::stderr(),
            "niceties: SKIPPED a terminal case: util-linux `script` not found"
        );
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("gofix");
    let mut line = format!("'{}'", bin.display());
    for arg in args {
        line.push_str(&format!(" '{arg}'"));
    }
    let mut cmd = Command::new("script");
    cmd.current_dir(dir)
        .args(["--quiet", "--return", "--command", &line, "/dev/null"])
        .env_remove("CI")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn progress_bar_only_on_a_terminal_outside_ci_without_quiet() {
    let dir = tree(MIN_PACKAGES + 4);
    let Some(shown) = on_terminal(dir.path(), &[], &[]) else {
        return;
    };
    assert!(shown.contains("checking ["), "{shown:?}");
    assert!(shown.contains(&findings(MIN_PACKAGES + 4)), "{shown:?}");

    let ci = on_terminal(dir.path(), &[], &[("CI", "true")]).unwrap();
    assert!(!ci.contains("checking ["), "{ci:?}");
    assert!(ci.contains(&findings(MIN_PACKAGES + 4)), "{ci:?}");

    let quiet = on_terminal(dir.path(), &["--quiet"], &[]).unwrap();
    assert!(!quiet.contains("checking ["), "{quiet:?}");
    assert!(!quiet.contains("findings"), "{quiet:?}");
    assert_eq!(
        quiet.matches("GF102").count(),
        MIN_PACKAGES + 4,
        "{quiet:?}"
    );

    // A short run draws no bar.
    let small = tree(2);
    let few = on_terminal(small.path(), &[], &[]).unwrap();
    assert!(!few.contains("checking ["), "{few:?}");
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let dir = tree(1);
    let Some(coloured) = on_terminal(dir.path(), &["--quiet"], &[]) else {
        return;
    };
    assert!(coloured.contains("\x1b["), "{coloured:?}");
    let plain = on_terminal(dir.path(), &["--quiet"], &[("NO_COLOR", "1")]).unwrap();
    assert!(plain.contains("GF102"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
}
