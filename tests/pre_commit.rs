//! The hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit framework on a temporary
//! Go repository.
//!
//! pre-commit clones the hooks repository at a commit and builds it with `cargo install`, so
//! the test first commits the working tree's sources (`Cargo.toml`, `Cargo.lock`, `src/`, the
//! hooks file) into a throwaway repository under `target/pre-commit-test/`, with a fixed author
//! and date: unchanged sources give the same commit, and pre-commit reuses the environment it
//! built for it (`PRE_COMMIT_HOME` is kept there too, one per commit). The first run builds
//! gofix in release mode (about two minutes on two cores; `CARGO_TARGET_DIR` is kept as well,
//! so a changed source rebuilds only gofix itself, in about 25 s); later runs take seconds.
//!
//! Skipped, saying so, when `pre-commit` is not on PATH; `GOFIX_REQUIRE_GO=1` (set by CI,
//! which installs it) makes that a failure.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{FIXED, LEAKY, copy_tree, in_package, root};

mod common;

/// git with no user or system configuration, and a fixed identity and date.
fn git(dir: &Path, args: &[&str]) -> Output {
    common::git_command(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", "2000-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2000-01-01T00:00:00Z")
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Commit what `cargo install --path .` and pre-commit need from the working tree into a
/// repository `work/hooks-<commit>`; returns its path and the commit. The same sources give
/// the same commit (fixed author and date), so a run reuses the repository and the hook
/// environment pre-commit built for it; concurrent runs never touch each other's.
fn commit_hooks_repo(work: &Path) -> (PathBuf, String) {
    std::fs::create_dir_all(work).unwrap();
    let staging = tempfile::tempdir_in(work).unwrap();
    let dir = staging.path();
    for file in ["Cargo.toml", "Cargo.lock", ".pre-commit-hooks.yaml"] {
        std::fs::copy(root().join(file), dir.join(file)).unwrap();
    }
    copy_tree(&root().join("src"), &dir.join("src"));
    git_ok(dir, &["init", "--quiet"]);
    git_ok(dir, &["add", "--all"]);
    git_ok(
        dir,
        &["commit", "--quiet", "--no-verify", "-m", "gofix hooks"],
    );
    let rev = git_ok(dir, &["rev-parse", "HEAD"]);
    let kept = work.join(format!("hooks-{}", &rev[..12]));
    if !kept.exists() {
        // Losing a race to a run with the same sources leaves its repository, equal to ours.
        let _ = std::fs::rename(staging.keep(), &kept);
    }
    (kept, rev)
}

/// Drops the hooks repositories and pre-commit stores of other commits that no run has used
/// for an hour (each run touches a `last-used` file in the ones it uses).
fn prune(work: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(work) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.ends_with(keep);
        let kind = name.starts_with("hooks-") || name.starts_with("home-");
        let recent = |path: &Path| {
            std::fs::metadata(path)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().unwrap_or_default().as_secs() < 3600)
        };
        let recent = recent(&entry.path()) || recent(&entry.path().join("last-used"));
        if kind && !ours && !recent {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Runs `pre-commit ARGS` in `repo`, with the kept store and cargo target directory.
struct PreCommit {
    home: PathBuf,
    cargo_target: PathBuf,
}

impl PreCommit {
    fn run(&self, repo: &Path, args: &[&str]) -> (bool, String) {
        let out = Command::new("pre-commit")
            .current_dir(repo)
            .args(args)
            .env("PRE_COMMIT_HOME", &self.home)
            .env("PRE_COMMIT_COLOR", "never")
            .env("CARGO_TARGET_DIR", &self.cargo_target)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("pre-commit runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }
}

/// The hooks repository for the working tree's sources, pre-commit set up to use the kept
/// store and cargo target directory, and the `.pre-commit-config.yaml` naming both hooks.
fn set_up() -> (PreCommit, String) {
    let work = root().join("target/pre-commit-test");
    let (hooks_repo, rev) = commit_hooks_repo(&work);
    let home = work.join(format!("home-{}", &rev[..12]));
    std::fs::create_dir_all(&home).unwrap();
    for dir in [&hooks_repo, &home] {
        std::fs::write(dir.join("last-used"), "").unwrap();
    }
    prune(&work, &rev[..12]);
    let pre_commit = PreCommit {
        home,
        cargo_target: work.join("cargo-target"),
    };
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: gofix\n      - id: gofix-check\n",
        hooks_repo.display()
    );
    (pre_commit, config)
}

#[test]
fn pre_commit_hooks_fix_then_pass() {
    if !common::require_tool("pre_commit_hooks_fix_then_pass", "pre-commit") {
        return;
    }
    let (pre_commit, config) = set_up();

    let repo = tempfile::tempdir().unwrap();
    let repo = repo.path();
    git_ok(repo, &["init", "--quiet"]);
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    let (leaky, fixed) = (in_package(LEAKY, "store"), in_package(FIXED, "store"));
    std::fs::write(repo.join("store.go"), &leaky).unwrap();
    std::fs::write(repo.join("README.txt"), "not Go\n").unwrap();
    git_ok(repo, &["add", "--all"]);

    // gofix-check reports the finding, fails, and changes nothing.
    let started = std::time::Instant::now();
    let (ok, out) = pre_commit.run(repo, &["run", "gofix-check"]);
    let _ = writeln!(
        std::io::stderr(),
        "pre_commit_hooks_fix_then_pass: first pre-commit run (builds the hooks on a cold cache) took {:.1?}",
        started.elapsed()
    );
    assert!(!ok, "gofix-check passed on a leaked lock:\n{out}");
    assert!(out.contains("store.go:17:2: GF102"), "{out}");
    assert!(!out.contains("files were modified"), "{out}");
    assert_eq!(
        std::fs::read_to_string(repo.join("store.go")).unwrap(),
        leaky
    );

    // gofix fixes the file and fails the run, as pre-commit does when a hook changed a file.
    let (ok, out) = pre_commit.run(repo, &["run", "gofix"]);
    assert!(!ok, "gofix passed although it changed a file:\n{out}");
    assert!(out.contains("files were modified by this hook"), "{out}");
    assert_eq!(
        std::fs::read_to_string(repo.join("store.go")).unwrap(),
        fixed
    );

    // With the fix staged, both hooks pass.
    git_ok(repo, &["add", "--update"]);
    let (ok, out) = pre_commit.run(repo, &["run"]);
    assert!(ok, "the second run failed:\n{out}");
    assert_eq!(out.matches("Passed").count(), 2, "{out}");

    // The same through `git commit` with the installed hook: refused and fixed, then accepted.
    git_ok(
        repo,
        &["commit", "--quiet", "--no-verify", "-m", "fixed store"],
    );
    let (ok, out) = pre_commit.run(repo, &["install"]);
    assert!(ok, "{out}");
    let cache = repo.join("cache");
    std::fs::create_dir(&cache).unwrap();
    let in_cache = |text: &str| in_package(text, "cache");
    std::fs::write(cache.join("cache.go"), in_cache(LEAKY)).unwrap();
    git_ok(repo, &["add", "--all"]);
    let commit = |repo: &Path| {
        common::git_command(repo)
            .args(["commit", "--quiet", "-m", "add cache"])
            .env("PRE_COMMIT_HOME", &pre_commit.home)
            .env("PRE_COMMIT_COLOR", "never")
            .env("CARGO_TARGET_DIR", &pre_commit.cargo_target)
            .output()
            .expect("git commit runs")
    };
    let refused = commit(repo);
    assert!(
        !refused.status.success(),
        "the commit of a leaked lock went through:\n{}",
        String::from_utf8_lossy(&refused.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(cache.join("cache.go")).unwrap(),
        in_cache(FIXED)
    );
    git_ok(repo, &["add", "--update"]);
    let accepted = commit(repo);
    assert!(
        accepted.status.success(),
        "the fixed commit was refused:\n{}{}",
        String::from_utf8_lossy(&accepted.stdout),
        String::from_utf8_lossy(&accepted.stderr)
    );
    assert_eq!(
        git_ok(repo, &["log", "--format=%s"]),
        "add cache\nfixed store"
    );
    assert_eq!(git_ok(repo, &["status", "--porcelain"]), "");
}

/// `LEAKY` in package `package`, with its type renamed to `name`.
fn leaky_in(package: &str, name: &str) -> String {
    renamed(LEAKY, package, name)
}

/// `text` (`LEAKY` or `FIXED`) in package `package`, its type and error named after `name`.
fn renamed(text: &str, package: &str, name: &str) -> String {
    in_package(text, package)
        .replace("Store", name)
        .replace("errClosed", &format!("err{name}"))
}

/// pre-commit hands gofix the files of three packages in one call (the hooks are
/// `require_serial`): gofix reads each file's package, reports on the files named only (not
/// on their committed siblings, which have findings of their own), and fixes only them.
#[test]
fn pre_commit_passes_files_of_three_packages_in_one_call() {
    if !common::require_tool(
        "pre_commit_passes_files_of_three_packages_in_one_call",
        "pre-commit",
    ) {
        return;
    }
    let (pre_commit, config) = set_up();
    let repo = tempfile::tempdir().unwrap();
    let repo = repo.path();
    git_ok(repo, &["init", "--quiet"]);
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    let siblings = ["a/old.go", "b/old.go", "c/deep/old.go"];
    let named = ["a/x.go", "b/y.go", "c/deep/z.go"];
    for (i, (old, new)) in siblings.iter().zip(named).enumerate() {
        let package = ["a", "b", "deep"][i];
        std::fs::create_dir_all(repo.join(old).parent().unwrap()).unwrap();
        std::fs::write(repo.join(old), leaky_in(package, "Old")).unwrap();
        std::fs::write(repo.join(new), leaky_in(package, "New")).unwrap();
    }
    git_ok(repo, &["add", "--all"]);

    let mut args = vec!["run", "gofix-check", "--files"];
    args.extend(named);
    let (ok, out) = pre_commit.run(repo, &args);
    assert!(!ok, "gofix-check passed on three leaked locks:\n{out}");
    let findings: Vec<&str> = out.lines().filter(|l| l.contains(": GF")).collect();
    assert_eq!(
        findings
            .iter()
            .map(|l| l.split(':').next().unwrap())
            .collect::<Vec<_>>(),
        named,
        "{out}"
    );
    assert!(findings.iter().all(|l| l.contains(":17:2: GF102")), "{out}");
    // One gofix process: one summary line.
    let summaries = out
        .lines()
        .filter(|l| l.ends_with("fixable with --write."))
        .count();
    assert_eq!(summaries, 1, "{out}");
    assert!(out.contains("3 findings, 3 fixable with --write."), "{out}");

    let mut args = vec!["run", "gofix", "--files"];
    args.extend(named);
    let (ok, out) = pre_commit.run(repo, &args);
    assert!(!ok, "gofix changed files, so the hook fails:\n{out}");
    assert!(
        out.contains("Fixed 3 findings in 3 files; 0 findings remaining."),
        "{out}"
    );
    for (i, (old, new)) in siblings.iter().zip(named).enumerate() {
        let package = ["a", "b", "deep"][i];
        assert_eq!(
            std::fs::read_to_string(repo.join(new)).unwrap(),
            renamed(FIXED, package, "New")
        );
        assert_eq!(
            std::fs::read_to_string(repo.join(old)).unwrap(),
            leaky_in(package, "Old"),
            "{old} was not named"
        );
    }
}
