//! The language version of a file (RULES.md "Version facts"): a base from `--go-version` or
//! the `go` line of the nearest `go.mod`, then the `//go:build` line. Discovery and
//! `--explain-version` both get it from [`GoModCache::file_version`], so the explanation a
//! user reads is the very reasoning the rules were given.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{DiscoverError, GoVersion, build_constraint};

/// What the `go` directive of one go.mod says, as far as the file could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GoDirective {
    /// `go 1.N[.P]`.
    Version(GoVersion),
    /// No `go` line: the go command then assumes Go 1.16.
    Absent,
    /// A `go` line whose version cannot be read (the line, trimmed of its comment).
    Invalid(String),
    /// The go.mod exists but could not be read (the I/O error's message); never returned by
    /// [`go_directive`], which sees only text.
    Unreadable(String),
}

impl GoDirective {
    /// The base version this directive gives; `None` when it cannot be used.
    fn version(&self) -> Option<GoVersion> {
        match self {
            GoDirective::Version(v) => Some(*v),
            GoDirective::Absent => Some(NO_GO_LINE),
            GoDirective::Invalid(_) | GoDirective::Unreadable(_) => None,
        }
    }
}

/// The language version the go command assumes for a go.mod without a `go` line.
const NO_GO_LINE: GoVersion = GoVersion { minor: 16 };

/// Where a file's base version (before its build line) comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VersionBase {
    /// `--go-version`: no go.mod is consulted.
    Override(GoVersion),
    /// The nearest go.mod above the file, at `path`, and its `go` line.
    GoMod {
        path: PathBuf,
        directive: GoDirective,
    },
    /// No go.mod up to the filesystem root: the toolchain decides, so the version is unknown.
    NoGoMod,
}

impl VersionBase {
    pub(crate) fn version(&self) -> Option<GoVersion> {
        match self {
            VersionBase::Override(v) => Some(*v),
            VersionBase::GoMod { directive, .. } => directive.version(),
            VersionBase::NoGoMod => None,
        }
    }
}

/// A file's `//go:build` line, as far as the version is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BuildLine {
    /// The expression after `//go:build`, trimmed.
    pub expr: String,
    /// The minimum minor version the expression implies; `None` when it implies none (or is
    /// malformed), and then the line leaves the base alone.
    pub implied: Option<u32>,
}

/// A file's language version together with why it is that version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionReason {
    pub base: VersionBase,
    pub build_line: Option<BuildLine>,
}

impl VersionReason {
    /// The version: `max(implied, 1.21)` when the build line implies a minimum (the toolchains
    /// that honour such a line are 1.21 or newer), else the base's.
    pub(crate) fn version(&self) -> Option<GoVersion> {
        match self.build_line.as_ref().and_then(|line| line.implied) {
            Some(minor) => Some(GoVersion { minor }.max(GoVersion::BUILD_LINE_FLOOR)),
            None => self.base.version(),
        }
    }
}

/// Finds the `go` directive of a go.mod text. Only a top-level `go 1.N[.P]` line counts, with
/// an optional trailing `// comment`; everything else (module, toolchain, require blocks,
/// comments) is ignored. The first `go` line wins (the go command rejects a second one).
pub(crate) fn go_directive(go_mod: &str) -> GoDirective {
    let mut in_block = false;
    for raw in go_mod.lines() {
        let line = raw.split("//").next().unwrap_or("").trim();
        if in_block {
            in_block = line != ")";
            continue;
        }
        if line.ends_with('(') {
            in_block = true; // `require (` … `)`: nothing in there is a go directive
            continue;
        }
        let mut words = line.split_whitespace();
        if words.next() != Some("go") {
            continue;
        }
        return match (words.next().and_then(GoVersion::parse_bare), words.next()) {
            (Some(v), None) => GoDirective::Version(v),
            _ => GoDirective::Invalid(line.to_string()),
        };
    }
    GoDirective::Absent
}

/// Memoised nearest-go.mod lookups, keyed by canonical directory, so a tree of many packages
/// reads each go.mod once and stats each directory once.
#[derive(Debug, Default)]
pub(crate) struct GoModCache {
    by_dir: HashMap<PathBuf, VersionBase>,
}

impl GoModCache {
    /// The language version of a file in `dir` (an absolute, canonical directory) whose
    /// `//go:build` expression is `go_build`, with its reasons: the base is `go_version`
    /// (`--go-version`) when given, else the nearest go.mod's.
    pub(crate) fn file_version(
        &mut self,
        go_version: Option<GoVersion>,
        dir: &Path,
        go_build: Option<&str>,
        errors: &mut Vec<DiscoverError>,
    ) -> VersionReason {
        let base = match go_version {
            Some(v) => VersionBase::Override(v),
            None => self.nearest(dir, errors),
        };
        let build_line = go_build.map(|expr| BuildLine {
            expr: expr.to_string(),
            implied: build_constraint::implied_minimum(expr),
        });
        VersionReason { base, build_line }
    }

    /// The nearest go.mod walking up from `dir` to the filesystem root and its `go` line.
    /// A go.mod that cannot be used is reported in `errors` the first time it is read only.
    fn nearest(&mut self, dir: &Path, errors: &mut Vec<DiscoverError>) -> VersionBase {
        let mut visited = Vec::new();
        let mut current = Some(dir);
        let found = loop {
            let Some(d) = current else {
                break VersionBase::NoGoMod;
            };
            if let Some(cached) = self.by_dir.get(d) {
                break cached.clone();
            }
            visited.push(d.to_path_buf());
            let go_mod = d.join("go.mod");
            if go_mod.is_file() {
                let directive = read_go_mod(&go_mod, errors);
                break VersionBase::GoMod {
                    path: go_mod,
                    directive,
                };
            }
            current = d.parent();
        };
        for d in visited {
            self.by_dir.insert(d, found.clone());
        }
        found
    }
}

fn read_go_mod(path: &Path, errors: &mut Vec<DiscoverError>) -> GoDirective {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            let message = err.to_string();
            errors.push(DiscoverError::Unreadable {
                path: path.to_path_buf(),
                err,
            });
            return GoDirective::Unreadable(message);
        }
    };
    // The directive itself is ASCII; stray bytes elsewhere (a comment) must not hide it.
    let directive = go_directive(&String::from_utf8_lossy(&bytes));
    if let GoDirective::Invalid(line) = &directive {
        errors.push(DiscoverError::BadGoDirective {
            path: path.to_path_buf(),
            line: line.clone(),
        });
    }
    directive
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u32) -> GoDirective {
        GoDirective::Version(GoVersion { minor })
    }

    #[test]
    fn reads_the_go_line() {
        assert_eq!(go_directive("module m\n\ngo 1.22\n"), v(22));
        assert_eq!(go_directive("module m\ngo 1.21.3 // pinned\n"), v(21));
        assert_eq!(go_directive("module m\r\n\tgo\t1.20\r\n"), v(20));
        assert_eq!(go_directive("go 1.21rc1\n"), v(21));
    }

    #[test]
    fn ignores_everything_else() {
        let text = "// go 1.10\nmodule m\n\ntoolchain go1.23.1\n\nrequire (\n\tgo 1.9\n\tgolang.org/x/sync v0.7.0\n)\n\ngo 1.22\n";
        assert_eq!(go_directive(text), v(22));
        assert_eq!(
            go_directive("module m\nrequire x v1.0.0\n"),
            GoDirective::Absent
        );
        assert_eq!(go_directive(""), GoDirective::Absent);
        assert_eq!(go_directive("module go\n"), GoDirective::Absent);
    }

    #[test]
    fn flags_unreadable_versions() {
        assert_eq!(
            go_directive("go one.two\n"),
            GoDirective::Invalid("go one.two".into())
        );
        assert_eq!(go_directive("go\n"), GoDirective::Invalid("go".into()));
        assert_eq!(
            go_directive("go 1.22 1.23\n"),
            GoDirective::Invalid("go 1.22 1.23".into())
        );
    }

    #[test]
    fn cache_walks_up_once_and_reports_bad_go_mod_once() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        let deep = root.join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.join("a/go.mod"), "module m\ngo 1.19\n").unwrap();
        let found = VersionBase::GoMod {
            path: root.join("a/go.mod"),
            directive: v(19),
        };
        let mut cache = GoModCache::default();
        let mut errors = Vec::new();
        assert_eq!(cache.nearest(&deep, &mut errors), found);
        assert!(cache.by_dir.contains_key(&root.join("a/b")));
        // Now answered from the cache even after the file changes.
        std::fs::write(root.join("a/go.mod"), "go x\n").unwrap();
        assert_eq!(cache.nearest(&root.join("a/b"), &mut errors), found);
        assert!(errors.is_empty());

        let mut fresh = GoModCache::default();
        assert_eq!(fresh.nearest(&deep, &mut errors).version(), None);
        assert_eq!(
            fresh.nearest(&root.join("a/b"), &mut errors).version(),
            None
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    fn reason(base: VersionBase, build: Option<(&str, Option<u32>)>) -> VersionReason {
        VersionReason {
            base,
            build_line: build.map(|(expr, implied)| BuildLine {
                expr: expr.to_string(),
                implied,
            }),
        }
    }

    fn go_mod(directive: GoDirective) -> VersionBase {
        VersionBase::GoMod {
            path: PathBuf::from("/m/go.mod"),
            directive,
        }
    }

    #[test]
    fn base_versions() {
        let version = |base| reason(base, None).version();
        assert_eq!(
            version(VersionBase::Override(GoVersion { minor: 20 })),
            Some(GoVersion { minor: 20 })
        );
        assert_eq!(version(go_mod(v(22))), Some(GoVersion { minor: 22 }));
        assert_eq!(version(go_mod(GoDirective::Absent)), Some(NO_GO_LINE));
        assert_eq!(version(go_mod(GoDirective::Invalid("go x".into()))), None);
        assert_eq!(
            version(go_mod(GoDirective::Unreadable("denied".into()))),
            None
        );
        assert_eq!(version(VersionBase::NoGoMod), None);
    }

    #[test]
    fn build_line_sets_max_of_implied_and_1_21_or_leaves_the_base() {
        let base = || go_mod(v(22));
        let version = |r: VersionReason| r.version().map(|v| v.minor);
        assert_eq!(
            version(reason(base(), Some(("go1.18", Some(18))))),
            Some(21)
        );
        assert_eq!(
            version(reason(base(), Some(("go1.21", Some(21))))),
            Some(21)
        );
        assert_eq!(
            version(reason(base(), Some(("go1.23", Some(23))))),
            Some(23)
        );
        assert_eq!(version(reason(base(), Some(("linux", None)))), Some(22));
        assert_eq!(
            version(reason(VersionBase::NoGoMod, Some(("go1.20", Some(20))))),
            Some(21)
        );
        let overridden = VersionBase::Override(GoVersion { minor: 25 });
        assert_eq!(
            version(reason(overridden, Some(("go1.22", Some(22))))),
            Some(22)
        );
    }

    #[test]
    fn file_version_reads_the_build_line_and_skips_go_mod_under_an_override() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::write(root.join("go.mod"), "go bad\n").unwrap();
        let mut cache = GoModCache::default();
        let mut errors = Vec::new();
        let over = Some(GoVersion { minor: 20 });
        let r = cache.file_version(over, &root, Some("go1.22 && linux"), &mut errors);
        assert_eq!(
            r,
            reason(
                VersionBase::Override(GoVersion { minor: 20 }),
                Some(("go1.22 && linux", Some(22)))
            )
        );
        assert!(errors.is_empty(), "the override means go.mod is not read");
        let r = cache.file_version(None, &root, Some("linux"), &mut errors);
        let bad = VersionBase::GoMod {
            path: root.join("go.mod"),
            directive: GoDirective::Invalid("go bad".into()),
        };
        assert_eq!(r, reason(bad, Some(("linux", None))));
        assert_eq!(errors.len(), 1);
    }
}
