//! `--explain-version`: the language version gofix gives each named file, and why.
//!
//! Whether a file is Go 1.21 or 1.22 decides the loop-variable rules (GF320, GF321), and the
//! answer hides in a go.mod some directories up, a `//go:build` line or a `--go-version`.
//! The explanation is built from the [`VersionReason`] that discovery itself computes (same
//! function, same go.mod lookup), so it cannot drift from what the rules were given.

use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::collect::{canonical_dir, read_header};
use super::go_mod::{GoDirective, GoModCache, VersionBase, VersionReason};
use super::{DiscoverError, GoVersion, walk};

/// What `--explain-version` has to say about the files it was given.
#[derive(Debug, Default)]
pub struct VersionReport {
    /// The explanations for stdout, one block per file in argument order.
    pub text: String,
    /// One message per file that could not be read or whose go.mod `go` line cannot be used
    /// (that file is still explained, with an unknown base), each naming the file.
    pub errors: Vec<String>,
}

/// Explains the language version of each file in `paths`, as discovery gives it with
/// `go_version` (`--go-version`) as the base override.
/// `override_from` names where `go_version` came from (`--go-version`, or `go-version in
/// gofix.toml`), for the explanation.
pub fn explain_versions(
    paths: &[PathBuf],
    go_version: Option<GoVersion>,
    override_from: &str,
) -> VersionReport {
    let mut go_mods = GoModCache::default();
    let mut report = VersionReport::default();
    for arg in paths {
        match explain_file(arg, go_version, override_from, &mut go_mods) {
            Ok(explanation) => {
                report.text.push_str(&explanation.to_string());
                report.errors.extend(explanation.problem());
            }
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    report
}

/// One file's version and its reasons, with paths spelled for the user.
#[derive(Debug)]
struct Explanation {
    /// The file as the user named it, without `.` components.
    path: PathBuf,
    /// Where an overriding version came from.
    override_from: String,
    /// The go.mod path in a `GoMod` base is spelled from `path` (see [`spell_go_mod`]).
    reason: VersionReason,
}

fn explain_file(
    arg: &Path,
    go_version: Option<GoVersion>,
    override_from: &str,
    go_mods: &mut GoModCache,
) -> Result<Explanation, DiscoverError> {
    let path = walk::normalize(arg);
    let header = read_header(&path)?;
    let dir = walk::parent_dir(&path);
    let dir_key = canonical_dir(&dir);
    // The cache reports a bad go.mod once per run, for discovery; here every file under it
    // gets its own message from its reason (`Explanation::problem`), so those are not needed.
    let mut once_per_go_mod = Vec::new();
    let mut reason = go_mods.file_version(
        go_version,
        &dir_key,
        header.go_build.as_deref(),
        &mut once_per_go_mod,
    );
    if let VersionBase::GoMod { path: go_mod, .. } = &mut reason.base {
        *go_mod = spell_go_mod(&dir, &dir_key, go_mod);
    }
    Ok(Explanation {
        path,
        override_from: override_from.to_owned(),
        reason,
    })
}

/// The go.mod at `found` (canonical) as reached from `dir`, the file's directory spelled as
/// the user reached it (`dir_key` is its canonical form): `go.mod`, `../go.mod`, or absolute
/// when `dir` is. Falls back to `found` when a symlink on the way makes the spelled path lead
/// elsewhere.
fn spell_go_mod(dir: &Path, dir_key: &Path, found: &Path) -> PathBuf {
    let Some(root) = found.parent() else {
        return found.to_path_buf();
    };
    let Some(levels) = dir_key.ancestors().position(|a| a == root) else {
        return found.to_path_buf();
    };
    let mut spelled = if dir == Path::new(".") {
        PathBuf::new()
    } else {
        dir.to_path_buf()
    };
    for _ in 0..levels {
        match spelled.components().next_back() {
            Some(Component::Normal(_)) => {
                spelled.pop();
            }
            None | Some(Component::ParentDir) => spelled.push(".."),
            Some(Component::RootDir | Component::Prefix(_) | Component::CurDir) => {
                return found.to_path_buf();
            }
        }
    }
    let spelled_dir = if spelled.as_os_str().is_empty() {
        Path::new(".")
    } else {
        spelled.as_path()
    };
    if fs::canonicalize(spelled_dir).is_ok_and(|d| d == root) {
        spelled.join("go.mod")
    } else {
        found.to_path_buf()
    }
}

impl Explanation {
    /// The error for a go.mod whose `go` line cannot be used, naming the file it was asked for.
    fn problem(&self) -> Option<String> {
        let VersionBase::GoMod {
            path: go_mod,
            directive,
        } = &self.reason.base
        else {
            return None;
        };
        let file = self.path.display();
        match directive {
            GoDirective::Invalid(line) => {
                let bad = DiscoverError::BadGoDirective {
                    path: go_mod.clone(),
                    line: line.clone(),
                };
                Some(format!("{file}: {bad}"))
            }
            GoDirective::Unreadable(err) => {
                Some(format!("{file}: {}: cannot read: {err}", go_mod.display()))
            }
            GoDirective::Version(_) | GoDirective::Absent => None,
        }
    }
}

/// `go1.22`, or `unknown`.
fn shown(version: Option<GoVersion>) -> String {
    version.map_or_else(|| "unknown".to_string(), |v| format!("go{v}"))
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = &self.reason;
        writeln!(f, "{}: {}", self.path.display(), shown(reason.version()))?;
        let base = shown(reason.base.version());
        match &reason.base {
            VersionBase::Override(_) => {
                let from = &self.override_from;
                writeln!(f, "  base: {base} from {from} (go.mod is not read)")?;
            }
            VersionBase::GoMod { path, directive } => {
                let go_mod = path.display();
                match directive {
                    GoDirective::Version(_) => {
                        writeln!(f, "  base: {base} from the go line of {go_mod}")?;
                    }
                    GoDirective::Absent => writeln!(
                        f,
                        "  base: {base} because {go_mod} has no go line (the go command then assumes go1.16)"
                    )?,
                    GoDirective::Invalid(line) => writeln!(
                        f,
                        "  base: unknown: the go line `{line}` of {go_mod} cannot be read; write it as `go 1.N` or pass --go-version"
                    )?,
                    GoDirective::Unreadable(err) => {
                        writeln!(f, "  base: unknown: {go_mod} cannot be read: {err}")?;
                    }
                }
            }
            VersionBase::NoGoMod => writeln!(
                f,
                "  base: unknown: no go.mod above this file; pass --go-version to set it (loop rules stay low-confidence)"
            )?,
        }
        if let Some(line) = &reason.build_line {
            let directive = format!("//go:build {}", line.expr);
            let directive = directive.trim_end();
            match line.implied {
                Some(minor) => writeln!(
                    f,
                    "  {directive} implies go1.{minor}: the file is {} (a build line sets max(implied, 1.21))",
                    shown(reason.version())
                )?,
                None => writeln!(f, "  {directive} sets no version: the base stands")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary tree with canonical paths, so spelled go.mod paths compare exactly.
    struct Tree {
        _dir: tempfile::TempDir,
        root: PathBuf,
    }

    impl Tree {
        fn new() -> Tree {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().canonicalize().unwrap();
            Tree { _dir: dir, root }
        }

        fn write(&self, rel: &str, content: &str) -> &Self {
            let path = self.root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, content).unwrap();
            self
        }

        /// The explanation of `rel`, with the tree's root shown as `ROOT`.
        fn explain(&self, rel: &str, go_version: Option<GoVersion>) -> (String, Vec<String>) {
            let report = explain_versions(&[self.root.join(rel)], go_version, "--go-version");
            let root = self.root.display().to_string();
            let errors = report.errors.iter().map(|e| e.replace(&root, "ROOT"));
            (report.text.replace(&root, "ROOT"), errors.collect())
        }
    }

    fn v(minor: u32) -> Option<GoVersion> {
        Some(GoVersion { minor })
    }

    fn has_go_mod_above(dir: &Path) -> bool {
        dir.ancestors().any(|d| d.join("go.mod").exists())
    }

    #[test]
    fn go_line_of_the_nearest_go_mod() {
        let t = Tree::new();
        t.write("go.mod", "module m\n\ngo 1.22\n")
            .write("pkg/new.go", "package pkg\n");
        let (text, errors) = t.explain("pkg/new.go", None);
        assert_eq!(
            text,
            "ROOT/pkg/new.go: go1.22\n  base: go1.22 from the go line of ROOT/go.mod\n"
        );
        assert!(errors.is_empty());
    }

    #[test]
    fn go_mod_without_go_line_is_1_16() {
        let t = Tree::new();
        t.write("go.mod", "module m\n").write("a.go", "package p\n");
        let (text, _) = t.explain("a.go", None);
        assert_eq!(
            text,
            "ROOT/a.go: go1.16\n  base: go1.16 because ROOT/go.mod has no go line (the go command then assumes go1.16)\n"
        );
    }

    #[test]
    fn no_go_mod_is_unknown_unless_overridden() {
        let t = Tree::new();
        if has_go_mod_above(&t.root) {
            eprintln!("skipped: a go.mod above the temporary directory");
            return;
        }
        t.write("lonely.go", "package main\n");
        let (text, errors) = t.explain("lonely.go", None);
        assert_eq!(
            text,
            "ROOT/lonely.go: unknown\n  base: unknown: no go.mod above this file; pass --go-version to set it (loop rules stay low-confidence)\n"
        );
        assert!(errors.is_empty());
        let (text, _) = t.explain("lonely.go", v(21));
        assert_eq!(
            text,
            "ROOT/lonely.go: go1.21\n  base: go1.21 from --go-version (go.mod is not read)\n"
        );
    }

    #[test]
    fn override_replaces_go_mod_and_the_build_line_still_applies() {
        let t = Tree::new();
        t.write("go.mod", "go 1.20\n")
            .write("a.go", "//go:build go1.23\n\npackage p\n");
        let (text, _) = t.explain("a.go", v(22));
        assert_eq!(
            text,
            "ROOT/a.go: go1.23\n  base: go1.22 from --go-version (go.mod is not read)\n  //go:build go1.23 implies go1.23: the file is go1.23 (a build line sets max(implied, 1.21))\n"
        );
    }

    #[test]
    fn build_line_sets_at_least_1_21() {
        let t = Tree::new();
        t.write("go.mod", "go 1.22\n")
            .write("old.go", "//go:build go1.18 && linux\n\npackage p\n");
        let (text, _) = t.explain("old.go", None);
        assert_eq!(
            text,
            "ROOT/old.go: go1.21\n  base: go1.22 from the go line of ROOT/go.mod\n  //go:build go1.18 && linux implies go1.18: the file is go1.21 (a build line sets max(implied, 1.21))\n"
        );
    }

    #[test]
    fn build_line_without_a_version_leaves_the_base() {
        let t = Tree::new();
        t.write("go.mod", "go 1.22\n")
            .write("a.go", "//go:build linux || !go1.21\n\npackage p\n");
        let (text, _) = t.explain("a.go", None);
        assert_eq!(
            text,
            "ROOT/a.go: go1.22\n  base: go1.22 from the go line of ROOT/go.mod\n  //go:build linux || !go1.21 sets no version: the base stands\n"
        );
    }

    #[test]
    fn bad_go_line_is_explained_and_reported_for_every_file() {
        let t = Tree::new();
        t.write("go.mod", "go one.two\n")
            .write("a.go", "package p\n")
            .write("b.go", "package p\n");
        let report = explain_versions(
            &[t.root.join("a.go"), t.root.join("b.go")],
            None,
            "--go-version",
        );
        let root = t.root.display();
        assert!(report.text.contains(&format!(
            "{root}/a.go: unknown\n  base: unknown: the go line `go one.two` of {root}/go.mod cannot be read"
        )));
        assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
        assert_eq!(
            report.errors[1],
            format!(
                "{root}/b.go: {root}/go.mod: cannot read the go directive `go one.two`; write it as `go 1.N` (or pass --go-version)"
            )
        );
    }

    #[test]
    fn unreadable_file_is_an_error_and_the_others_are_explained() {
        let t = Tree::new();
        t.write("go.mod", "go 1.22\n").write("a.go", "package p\n");
        let report = explain_versions(
            &[t.root.join("missing.go"), t.root.join("a.go")],
            None,
            "--go-version",
        );
        assert_eq!(report.errors.len(), 1);
        assert!(
            report.errors[0].starts_with(&format!(
                "{}: cannot read:",
                t.root.join("missing.go").display()
            )),
            "{:?}",
            report.errors
        );
        assert!(report.text.contains("a.go: go1.22\n"), "{}", report.text);
    }

    #[test]
    fn go_mod_is_spelled_from_the_files_directory() {
        let t = Tree::new();
        t.write("go.mod", "go 1.22\n")
            .write("a/b/c.go", "package b\n");
        let found = t.root.join("go.mod");
        let deep = t.root.join("a/b");
        // Absolute spellings stay absolute; `..` steps are added once the spelling runs out.
        assert_eq!(spell_go_mod(&deep, &deep, &found), found);
        assert_eq!(spell_go_mod(&t.root, &t.root, &found), found);
        // A spelling that does not lead to the go.mod's directory falls back to its real path.
        assert_eq!(spell_go_mod(Path::new("x/y"), &deep, &found), found);
    }

    #[cfg(unix)]
    #[test]
    fn go_mod_behind_a_symlinked_directory_is_shown_by_its_real_path() {
        let t = Tree::new();
        t.write("real/go.mod", "go 1.22\n")
            .write("real/pkg/a.go", "package pkg\n");
        fs::create_dir(t.root.join("links")).unwrap();
        std::os::unix::fs::symlink(t.root.join("real/pkg"), t.root.join("links/pkg")).unwrap();
        let dir = t.root.join("links/pkg");
        let found = t.root.join("real/go.mod");
        // Lexically `links/go.mod`, which is not the go.mod the toolchain (and gofix) uses.
        assert_eq!(spell_go_mod(&dir, &canonical_dir(&dir), &found), found);
        let (text, _) = t.explain("links/pkg/a.go", None);
        assert!(
            text.contains("from the go line of ROOT/real/go.mod"),
            "{text}"
        );
    }
}
