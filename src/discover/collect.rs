//! The bookkeeping of one discovery run: each file read once, named packages completed with
//! their siblings, then everything grouped and sorted.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::go_mod::GoModCache;
use super::header::{self, Header, HeaderError};
use super::{
    DiscoverError, DiscoverOptions, DiscoveredFile, Discovery, GoVersion, PackageFiles, walk,
};

/// Identity of a directory entry: canonical directory and file name. Two spellings of one
/// file (`a.go`, `./a.go`, `/abs/a.go`) share it; a symlink and the file it points to (which
/// the compiler reads as two files) do not.
type FileKey = (PathBuf, OsString);

/// A file that made it in.
struct Entry {
    path: PathBuf,
    target: bool,
    package: String,
    go_version: Option<GoVersion>,
    /// Canonical directory: the package key, so two spellings of a directory are one package.
    dir_key: PathBuf,
}

pub(super) struct Collector<'a> {
    opts: &'a DiscoverOptions,
    /// Every file looked at (kept, skipped as generated, or failed): none is read or
    /// reported twice.
    seen: HashSet<FileKey>,
    files: HashMap<FileKey, Entry>,
    /// Canonical directory of each named file -> (directory to list, package names named
    /// there): the packages whose siblings must be read.
    named: BTreeMap<PathBuf, (PathBuf, BTreeSet<String>)>,
    canonical_dirs: HashMap<PathBuf, PathBuf>,
    go_mods: GoModCache,
    errors: Vec<DiscoverError>,
}

impl<'a> Collector<'a> {
    pub(super) fn new(opts: &'a DiscoverOptions) -> Self {
        Collector {
            opts,
            seen: HashSet::new(),
            files: HashMap::new(),
            named: BTreeMap::new(),
            canonical_dirs: HashMap::new(),
            go_mods: GoModCache::default(),
            errors: Vec::new(),
        }
    }

    /// One command-line path: a directory is walked, a file taken as is.
    pub(super) fn add_argument(&mut self, arg: &Path) {
        let path = walk::normalize(arg);
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let files = walk::walk_dir(&path, &mut self.errors);
                // Reading the headers is most of discovery's time: they are read in
                // parallel, then taken in the walk's order.
                let headers: Vec<_> = files.par_iter().map(|f| read_header(f)).collect();
                for (file, header) in files.iter().zip(headers) {
                    self.add_target(file, false, || header);
                }
            }
            Ok(meta) if meta.is_file() => self.add_target(&path, true, || read_header(&path)),
            Ok(_) => self.errors.push(DiscoverError::Unreadable {
                path,
                err: io::Error::other("not a regular file or directory"),
            }),
            // A dangling symlink exists but cannot be followed: "cannot read", not "missing".
            Err(err) if err.kind() == io::ErrorKind::NotFound && !is_symlink(&path) => {
                self.errors.push(DiscoverError::NotFound { path });
            }
            Err(err) => self.errors.push(DiscoverError::Unreadable { path, err }),
        }
    }

    /// A file the user asked for, named (`named`) or found in a named directory.
    fn add_target(
        &mut self,
        path: &Path,
        named: bool,
        header: impl FnOnce() -> Result<Header, DiscoverError>,
    ) {
        let key = self.key(path);
        if let Some(entry) = self.files.get_mut(&key) {
            // Reached again: it is a target now, whichever way it came first.
            entry.target = true;
            if path < entry.path.as_path() {
                entry.path = path.to_path_buf();
            }
            if named {
                let package = entry.package.clone();
                self.note_named(path, key.0, package);
            }
            return;
        }
        if !self.seen.insert(key.clone()) {
            return;
        }
        let header = match header() {
            Ok(header) => header,
            Err(e) => {
                self.errors.push(e);
                return;
            }
        };
        if header.generated && !self.opts.include_generated {
            return;
        }
        if named {
            self.note_named(path, key.0.clone(), header.package.clone());
        }
        self.insert(key, path, header, true);
    }

    fn note_named(&mut self, path: &Path, dir_key: PathBuf, package: String) {
        let dir = walk::parent_dir(path);
        let slot = self
            .named
            .entry(dir_key)
            .or_insert_with(|| (dir.clone(), BTreeSet::new()));
        // Several spellings of one directory: list the smallest, whatever the argument order.
        if dir < slot.0 {
            slot.0 = dir;
        }
        slot.1.insert(package);
    }

    /// Reads, as non-targets, the other files of every named file's package (same directory,
    /// same package name), so package-wide rules see the whole package.
    pub(super) fn add_siblings(&mut self) {
        let named = std::mem::take(&mut self.named);
        for (dir_key, (dir, packages)) in named {
            for path in walk::list_go_files(&dir, &mut self.errors) {
                let name = path.file_name().unwrap_or_default().to_os_string();
                let key = (dir_key.clone(), name);
                if !self.seen.insert(key.clone()) {
                    continue;
                }
                let Some(header) = self.read_header(&path) else {
                    continue;
                };
                let skip_generated = header.generated && !self.opts.include_generated;
                if skip_generated || !packages.contains(&header.package) {
                    continue;
                }
                self.insert(key, &path, header, false);
            }
        }
    }

    fn insert(&mut self, key: FileKey, path: &Path, header: Header, target: bool) {
        let go_version = self
            .go_mods
            .file_version(
                self.opts.go_version,
                &key.0,
                header.go_build.as_deref(),
                &mut self.errors,
            )
            .version();
        let entry = Entry {
            path: path.to_path_buf(),
            target,
            package: header.package,
            go_version,
            dir_key: key.0.clone(),
        };
        self.files.insert(key, entry);
    }

    /// The header of `path`; a problem becomes an error.
    fn read_header(&mut self, path: &Path) -> Option<Header> {
        read_header(path).map_err(|e| self.errors.push(e)).ok()
    }

    fn key(&mut self, path: &Path) -> FileKey {
        let dir = walk::parent_dir(path);
        let canonical = self
            .canonical_dirs
            .entry(dir)
            .or_insert_with_key(|d| canonical_dir(d))
            .clone();
        let name = path.file_name().unwrap_or(path.as_os_str()).to_os_string();
        (canonical, name)
    }

    /// Groups the files into packages and sorts everything.
    pub(super) fn finish(mut self) -> Discovery {
        let mut groups: BTreeMap<(PathBuf, String), Vec<DiscoveredFile>> = BTreeMap::new();
        for entry in self.files.into_values() {
            groups
                .entry((entry.dir_key, entry.package))
                .or_default()
                .push(DiscoveredFile {
                    path: entry.path,
                    target: entry.target,
                    go_version: entry.go_version,
                });
        }
        let mut packages: Vec<PackageFiles> = groups
            .into_iter()
            .map(|((_, name), mut files)| {
                files.sort_by(|a, b| a.path.cmp(&b.path));
                let dir = files
                    .first()
                    .map_or_else(PathBuf::new, |f| walk::parent_dir(&f.path));
                PackageFiles { dir, name, files }
            })
            .collect();
        packages.sort_by(|a, b| (&a.dir, &a.name).cmp(&(&b.dir, &b.name)));
        self.errors.sort_by(|a, b| a.path().cmp(b.path()));
        Discovery {
            packages,
            errors: self.errors,
        }
    }
}

/// The header of the Go file at `path`. The bytes are dropped on return: the engine reads the
/// file again when it needs the text.
pub(super) fn read_header(path: &Path) -> Result<Header, DiscoverError> {
    let bytes = fs::read(path).map_err(|err| DiscoverError::Unreadable {
        path: path.to_path_buf(),
        err,
    })?;
    header::scan(&bytes).map_err(|e| {
        let path = path.to_path_buf();
        match e {
            HeaderError::NotUtf8 => DiscoverError::NotUtf8 { path },
            HeaderError::NoPackageClause => DiscoverError::NoPackageClause { path },
        }
    })
}

/// The directory whose go.mod and package a file in `dir` belongs to, whatever spelling
/// reached it; the absolute path when it cannot be resolved (it is then only a key).
pub(super) fn canonical_dir(dir: &Path) -> PathBuf {
    fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}
