//! Which Go files to read, grouped into packages, each with its language version.
//!
//! The unit of work downstream is a package (one directory, one `package` name), because
//! package-wide rules need every file of it. So a named file brings its package siblings
//! along as read-only context, and every file carries the Go version that decides loop
//! semantics (see RULES.md, "Version facts").

mod build_constraint;
mod collect;
mod error;
mod explain;
mod go_mod;
mod go_version;
mod header;
mod walk;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use error::DiscoverError;
pub use explain::{VersionReport, explain_versions};
pub use go_version::GoVersion;

/// What the user asked for beyond the paths.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Also take files marked `// Code generated … DO NOT EDIT.` (skipped by default: fixes
    /// there would be overwritten by the next generation).
    pub include_generated: bool,
    /// `--go-version`: replaces the go.mod-derived base version of every file (a `//go:build`
    /// line still adjusts it afterwards).
    pub go_version: Option<GoVersion>,
}

/// One Go file to read.
#[derive(Debug, Clone)]
pub struct DiscoveredFile {
    /// As reached from the user's argument (relative if the argument was relative), without
    /// `.` components: `pkg/a.go`, not `./pkg/a.go`. Diagnostics print it as is.
    pub path: PathBuf,
    /// Findings and fixes are wanted in this file; `false` for a sibling read only so that
    /// package-wide rules see the whole package.
    pub target: bool,
    /// The file's language version; `None` when unknown (no go.mod and no version in a
    /// `//go:build` line), so version-dependent rules stay cautious.
    pub go_version: Option<GoVersion>,
}

/// The files of one package: one directory, one package name.
#[derive(Debug, Clone)]
pub struct PackageFiles {
    /// The directory, spelled like the files' paths (`.` for the current directory).
    pub dir: PathBuf,
    /// The name in the package clause; `foo_test` external test packages are their own.
    pub name: String,
    /// Sorted by path.
    pub files: Vec<DiscoveredFile>,
}

/// The result of [`discover`]. Problems with single paths do not stop the run.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Sorted by `(dir, name)`, so output never depends on walk order.
    pub packages: Vec<PackageFiles>,
    /// Per-path problems, sorted by path; the caller reports them and exits with an error.
    pub errors: Vec<DiscoverError>,
}

/// Finds the Go files under `paths` (files or directories; the caller passes `.` when the
/// user named none) and groups them into packages.
///
/// Directories are walked honouring `.gitignore`, skipping `vendor`, `testdata`, `.*` and
/// `_*` directories below the named one, and generated files unless
/// `opts.include_generated`. Every file found is a target. A named file is always a target,
/// wherever it lives, and pulls in the other files of its package as non-targets.
pub fn discover(paths: &[PathBuf], opts: &DiscoverOptions) -> Discovery {
    let mut collector = collect::Collector::new(opts);
    for path in paths {
        collector.add_argument(path);
    }
    collector.add_siblings();
    collector.finish()
}
