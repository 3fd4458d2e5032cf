//! The base language version of a directory: the `go` line of the nearest `go.mod` above it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{DiscoverError, GoVersion};

/// What the `go` directive of one go.mod says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GoDirective {
    /// `go 1.N[.P]`.
    Version(GoVersion),
    /// No `go` line: the go command then assumes Go 1.16.
    Absent,
    /// A `go` line whose version cannot be read (the line, trimmed of its comment).
    Invalid(String),
}

/// The language version the go command assumes for a go.mod without a `go` line.
const NO_GO_LINE: GoVersion = GoVersion { minor: 16 };

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
    by_dir: HashMap<PathBuf, Option<GoVersion>>,
}

impl GoModCache {
    /// The base version for files in `dir` (an absolute, canonical directory): the `go` line
    /// of the nearest go.mod walking up to the filesystem root, 1.16 if it has none, `None`
    /// when there is no go.mod (the toolchain decides) or it cannot be used (reported in
    /// `errors`).
    pub(crate) fn base_version(
        &mut self,
        dir: &Path,
        errors: &mut Vec<DiscoverError>,
    ) -> Option<GoVersion> {
        let mut visited = Vec::new();
        let mut current = Some(dir);
        let found = loop {
            let Some(d) = current else { break None };
            if let Some(&cached) = self.by_dir.get(d) {
                break cached;
            }
            visited.push(d.to_path_buf());
            let go_mod = d.join("go.mod");
            if go_mod.is_file() {
                break read_go_mod(&go_mod, errors);
            }
            current = d.parent();
        };
        for d in visited {
            self.by_dir.insert(d, found);
        }
        found
    }
}

fn read_go_mod(path: &Path, errors: &mut Vec<DiscoverError>) -> Option<GoVersion> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            errors.push(DiscoverError::Unreadable {
                path: path.to_path_buf(),
                err,
            });
            return None;
        }
    };
    // The directive itself is ASCII; stray bytes elsewhere (a comment) must not hide it.
    match go_directive(&String::from_utf8_lossy(&bytes)) {
        GoDirective::Version(v) => Some(v),
        GoDirective::Absent => Some(NO_GO_LINE),
        GoDirective::Invalid(line) => {
            errors.push(DiscoverError::BadGoDirective {
                path: path.to_path_buf(),
                line,
            });
            None
        }
    }
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
        let mut cache = GoModCache::default();
        let mut errors = Vec::new();
        assert_eq!(
            cache.base_version(&deep, &mut errors),
            Some(GoVersion { minor: 19 })
        );
        assert!(cache.by_dir.contains_key(&root.join("a/b")));
        // Now answered from the cache even after the file changes.
        std::fs::write(root.join("a/go.mod"), "go x\n").unwrap();
        assert_eq!(
            cache.base_version(&root.join("a/b"), &mut errors),
            Some(GoVersion { minor: 19 })
        );
        assert!(errors.is_empty());

        let mut fresh = GoModCache::default();
        assert_eq!(fresh.base_version(&deep, &mut errors), None);
        assert_eq!(fresh.base_version(&root.join("a/b"), &mut errors), None);
        assert_eq!(errors.len(), 1, "{errors:?}");
    }
}
