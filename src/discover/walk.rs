//! Which `.go` files a directory holds: the recursive walk of a named directory, and the flat
//! listing of a named file's directory for its package siblings.

use std::fs;
use std::path::{Component, Path, PathBuf};

use ignore::WalkBuilder;

use super::DiscoverError;

/// `path` without `.` components, so `./x/y.go` and `x/y.go` are the same spelling; an empty
/// result is `.`.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let out: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// The directory to list or canonicalise for a file path: its parent, `.` for a bare name.
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Directories a walk does not enter: the go command ignores `vendor` (other people's code),
/// `testdata`, and names starting with `.` or `_`.
fn is_skipped_dir(name: &str) -> bool {
    name == "vendor" || name == "testdata" || name.starts_with('.') || name.starts_with('_')
}

/// A file a walk or sibling listing takes: `*.go`, but not `.x.go` / `_x.go`, which the go
/// command leaves out of every package.
fn is_go_file_name(name: &str) -> bool {
    name.ends_with(".go") && !name.starts_with('.') && !name.starts_with('_')
}

/// Where a symlink (or any path) points, for deciding whether it is a file to read.
enum Target {
    File,
    Other,
}

fn follow(path: &Path) -> std::io::Result<Target> {
    let meta = fs::metadata(path)?;
    Ok(if meta.is_file() {
        Target::File
    } else {
        Target::Other
    })
}

/// The `.go` files under `root`, honouring `.gitignore` (also outside a git repository) and
/// skipping the directories `is_skipped_dir` names, except `root` itself: naming it is asking
/// for it. Symlinked directories are not entered (as `./...` does not); a symlinked `.go`
/// file is taken when it points at a file, and reported when it dangles.
pub(crate) fn walk_dir(root: &Path, errors: &mut Vec<DiscoverError>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !is_dir || !entry.file_name().to_str().is_some_and(is_skipped_dir)
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(walk_error(root, err));
                continue;
            }
        };
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if entry.depth() == 0 || file_type.is_dir() {
            continue;
        }
        if !entry.file_name().to_str().is_some_and(is_go_file_name) {
            continue;
        }
        let path = normalize(entry.path());
        if file_type.is_symlink() {
            match follow(&path) {
                Ok(Target::File) => {}
                Ok(Target::Other) => continue,
                Err(err) => {
                    errors.push(DiscoverError::Unreadable { path, err });
                    continue;
                }
            }
        } else if !file_type.is_file() {
            continue;
        }
        files.push(path);
    }
    files
}

/// Turns a walker error into one naming the innermost path it carries.
fn walk_error(root: &Path, err: ignore::Error) -> DiscoverError {
    let message = err.to_string();
    let mut path = root.to_path_buf();
    let mut cur = &err;
    loop {
        match cur {
            ignore::Error::WithPath { path: p, err } => {
                path = normalize(p);
                cur = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                cur = err;
            }
            _ => break,
        }
    }
    // The message already starts with the path when one is attached; keep only the cause.
    let prefix = format!("{}: ", path.display());
    let message = message
        .strip_prefix(&prefix)
        .map_or(message.clone(), str::to_string);
    DiscoverError::Walk { path, message }
}

/// The `.go` files directly in `dir` (spelled as the user reached it; `.` for the current
/// directory), regular or symlinked to a file. The listing ignores `.gitignore`: the compiler
/// reads ignored files of a package all the same, and siblings are context, not targets.
pub(crate) fn list_go_files(dir: &Path, errors: &mut Vec<DiscoverError>) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(DiscoverError::Unreadable {
                path: dir.to_path_buf(),
                err,
            });
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(DiscoverError::Unreadable {
                    path: dir.to_path_buf(),
                    err,
                });
                continue;
            }
        };
        if !entry.file_name().to_str().is_some_and(is_go_file_name) {
            continue;
        }
        let path = normalize(&entry.path());
        match follow(&path) {
            Ok(Target::File) => files.push(path),
            Ok(Target::Other) => {}
            Err(err) => errors.push(DiscoverError::Unreadable { path, err }),
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_dot_components() {
        assert_eq!(normalize(Path::new("./x/y.go")), PathBuf::from("x/y.go"));
        assert_eq!(normalize(Path::new("x/./y.go")), PathBuf::from("x/y.go"));
        assert_eq!(normalize(Path::new(".")), PathBuf::from("."));
        assert_eq!(normalize(Path::new("./")), PathBuf::from("."));
        assert_eq!(normalize(Path::new("../a.go")), PathBuf::from("../a.go"));
        assert_eq!(parent_dir(Path::new("a.go")), PathBuf::from("."));
        assert_eq!(parent_dir(Path::new("p/a.go")), PathBuf::from("p"));
    }

    #[test]
    fn skip_rules() {
        for skipped in ["vendor", "testdata", ".git", ".hidden", "_old"] {
            assert!(is_skipped_dir(skipped), "{skipped}");
        }
        for kept in ["pkg", "vendors", "my_testdata", "internal"] {
            assert!(!is_skipped_dir(kept), "{kept}");
        }
        assert!(is_go_file_name("a.go"));
        assert!(is_go_file_name("a_test.go"));
        assert!(!is_go_file_name("_a.go"));
        assert!(!is_go_file_name(".a.go"));
        assert!(!is_go_file_name("a.go.orig"));
    }
}
