//! Writing fixed files without ever losing what the user wrote.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum WriteError {
    #[error("{path}: changed on disk since gofix read it; not overwritten (run gofix again)")]
    ChangedSinceRead { path: PathBuf },
    #[error("{path}: read-only; not changed (make it writable to let gofix fix it)")]
    ReadOnly { path: PathBuf },
    #[error(
        "{path}: its directory is read-only; not changed (make the directory writable to let gofix fix it)"
    )]
    ReadOnlyDirectory { path: PathBuf },
    #[error("{path}: not changed: gofix was interrupted (Ctrl-C)")]
    Interrupted { path: PathBuf },
    #[error("{path}: cannot write: {source} (check the file's and directory's permissions)")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Replace the file at `path` with `contents`, but only if it still holds `original`.
///
/// The new text goes to a temporary file in the same directory, gets the old file's
/// permissions, and is renamed over it: a reader sees the old file or the new one, never
/// half of one. A symlink is followed: its target is written and the link kept. A read-only
/// file is refused (a rename would replace it regardless of its permissions). The file is
/// compared with `original` again right before the rename, after the slow part, so an
/// editor's save during the run is kept rather than overwritten, and the refusal says so.
pub fn write_atomically(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let changed = || WriteError::ChangedSinceRead {
        path: path.to_owned(),
    };
    if crate::interrupt::interrupted() {
        return Err(WriteError::Interrupted {
            path: path.to_owned(),
        });
    }
    let target = fs::canonicalize(path).map_err(io)?;
    let permissions = fs::metadata(&target).map_err(io)?.permissions();
    if permissions.readonly() {
        return Err(WriteError::ReadOnly {
            path: path.to_owned(),
        });
    }
    if fs::read(&target).map_err(io)? != original {
        return Err(changed());
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    // The temporary file and the rename need the directory; honour its mode bits even for
    // a user (root) the system would let through.
    if fs::metadata(dir).map_err(io)?.permissions().readonly() {
        return Err(WriteError::ReadOnlyDirectory {
            path: path.to_owned(),
        });
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".gofix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(contents).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    fs::set_permissions(temp.path(), permissions).map_err(io)?;
    // Dropping `temp` on any early return below deletes it.
    if fs::read(&target).map_err(io)? != original {
        return Err(changed());
    }
    temp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn refuses_a_file_changed_since_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        fs::write(&path, "edited by the user").unwrap();
        let err = write_atomically(&path, b"old", b"new").unwrap_err();
        assert!(matches!(err, WriteError::ChangedSinceRead { .. }));
        assert_eq!(fs::read(&path).unwrap(), b"edited by the user");
    }

    #[test]
    fn refuses_a_read_only_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        fs::write(&path, "old").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        let err = write_atomically(&path, b"old", b"new").unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly { .. }), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file");
    }

    #[test]
    fn symlink_target_is_written_and_link_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.go");
        let link = dir.path().join("link.go");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"old", b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }
}
