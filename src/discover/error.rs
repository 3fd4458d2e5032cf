//! Per-path discovery problems. Each is reported and the run goes on with the other files.

use std::path::{Path, PathBuf};

/// A problem with one path; the message names it and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// A path given on the command line does not exist.
    #[error("{}: no such file or directory", path.display())]
    NotFound { path: PathBuf },
    /// The file (or directory) exists but could not be read, e.g. a dangling symlink or
    /// missing permission.
    #[error("{}: cannot read: {err}", path.display())]
    Unreadable { path: PathBuf, err: std::io::Error },
    /// The directory walk failed below a named directory.
    #[error("{}: cannot walk directory: {message}", path.display())]
    Walk { path: PathBuf, message: String },
    /// Not UTF-8: tree-sitter byte offsets and the rewrite would be meaningless.
    #[error(
        "{}: not valid UTF-8; gofix reads only UTF-8 Go source (re-encode the file)",
        path.display()
    )]
    NotUtf8 { path: PathBuf },
    /// No `package` clause: either not Go, or broken before its first declaration.
    #[error("{}: no package clause found; is it a Go file?", path.display())]
    NoPackageClause { path: PathBuf },
    /// A go.mod whose `go` line the go command would reject; files below it get an unknown
    /// version.
    #[error(
        "{}: cannot read the go directive `{line}`; write it as `go 1.N` (or pass --go-version)",
        path.display()
    )]
    BadGoDirective { path: PathBuf, line: String },
}

impl DiscoverError {
    /// The path the problem is about (for sorting and for renderers that group by file).
    pub fn path(&self) -> &Path {
        match self {
            DiscoverError::NotFound { path }
            | DiscoverError::Unreadable { path, .. }
            | DiscoverError::Walk { path, .. }
            | DiscoverError::NotUtf8 { path }
            | DiscoverError::NoPackageClause { path }
            | DiscoverError::BadGoDirective { path, .. } => path,
        }
    }
}
