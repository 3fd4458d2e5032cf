//! The findings cache: a package's check result, stored under `.gofix_cache/` and reused
//! while nothing that could change it has changed.
//!
//! One entry per package, named after a hash of what identifies the package (gofix's
//! version and binary, the effective settings, the directory and package name), so a changed
//! package overwrites its old entry instead of piling up new ones. The entry holds the full
//! key (that identity plus every file's path, target flag, Go version and bytes) and is used
//! only when the key matches. Entries are written to a temporary file in the cache directory
//! and renamed, so readers never see half an entry and no lock file is needed; an entry that
//! cannot be read or decoded is a miss, never an error.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::discover::{DiscoverOptions, PackageFiles};
use crate::fix::engine::FileReport;
use crate::fix::{Applicability, Edit, Fix};
use crate::registry::by_code;

/// The directory name, in the project root.
pub const DIR_NAME: &str = ".gofix_cache";

/// Replaces gofix's version in the key. Meant for tests, which need a "new gofix version"
/// without building one; a user setting it only splits the cache.
pub const VERSION_ENV: &str = "GOFIX_CACHE_VERSION";

/// When set to `1`, the run prints `gofix: cache: H hits, M misses, W written` on stderr.
pub const STATS_ENV: &str = "GOFIX_CACHE_STATS";

/// The cache of one run.
pub struct Cache {
    dir: PathBuf,
    /// Hash of gofix's version, its binary and the effective settings.
    salt: u64,
    /// Set once the directory (and its `.gitignore`) exists; `false` if it cannot be made.
    ready: OnceLock<bool>,
    hits: AtomicUsize,
    misses: AtomicUsize,
    written: AtomicUsize,
}

/// Where a package's entry lives and what it must say to be used.
pub struct Key {
    slot: String,
    full: String,
}

/// A package's check result as stored.
#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    /// The files with something to report, by their index in the package's file list.
    files: Vec<CachedFile>,
}

#[derive(Serialize, Deserialize)]
struct CachedFile {
    index: usize,
    syntax_gap: Option<usize>,
    diagnostics: Vec<CachedDiagnostic>,
}

#[derive(Serialize, Deserialize)]
struct CachedDiagnostic {
    code: String,
    severity: String,
    start: usize,
    end: usize,
    message: String,
    fix: Option<CachedFix>,
}

#[derive(Serialize, Deserialize)]
struct CachedFix {
    title: String,
    applicability: String,
    edits: Vec<CachedEdit>,
}

#[derive(Serialize, Deserialize)]
struct CachedEdit {
    file: Option<PathBuf>,
    start: usize,
    end: usize,
    content: String,
}

/// A cached package result: per file (by index in the package), its findings and syntax gap.
pub struct Hit {
    pub files: Vec<(usize, Option<usize>, Vec<Diagnostic>)>,
}

impl Hit {
    /// Whether a `--write`/`--dry-run` run would apply a fix here: some finding has a fix
    /// the settings allow. If not, the fix loop would stop after checking, with this result.
    pub fn fix_applies(&self, unsafe_fixes: bool) -> bool {
        self.files.iter().flat_map(|f| &f.2).any(|d| {
            d.fix.as_ref().is_some_and(|f| {
                f.applicability == Applicability::Safe
                    || (unsafe_fixes && f.applicability == Applicability::Unsafe)
            })
        })
    }

    /// The files whose text a report needs: those with findings or a syntax gap, and the
    /// other files their fixes edit (renderers show those edits with positions).
    pub fn needed_files(&self, package: &PackageFiles) -> Vec<usize> {
        let mut needed: Vec<usize> = self.files.iter().map(|f| f.0).collect();
        for d in self.files.iter().flat_map(|f| &f.2) {
            for path in d.fix.iter().flat_map(|f| f.other_files()) {
                if let Some(i) = package.files.iter().position(|f| &f.path == path) {
                    needed.push(i);
                }
            }
        }
        needed.sort_unstable();
        needed.dedup();
        needed
    }
}

impl Cache {
    /// The cache in `root`'s `.gofix_cache/` for a run with these settings. Nothing is
    /// created until the first entry is written.
    pub fn new(root: &Path, settings: &Settings, options: &DiscoverOptions) -> Self {
        let mut h = DefaultHasher::new();
        let version =
            std::env::var(VERSION_ENV).unwrap_or_else(|_| env!("CARGO_PKG_VERSION").to_owned());
        version.hash(&mut h);
        binary_stamp().hash(&mut h);
        // Debug covers every field of the settings (rules by code, globs as written), and is
        // deterministic; a field added later is covered without touching this.
        format!("{settings:?}").hash(&mut h);
        format!("{options:?}").hash(&mut h);
        Self {
            dir: root.join(DIR_NAME),
            salt: h.finish(),
            ready: OnceLock::new(),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
        }
    }

    /// The key of `package` whose files (in order) hold `contents`.
    pub fn key(&self, package: &PackageFiles, contents: &[&[u8]]) -> Key {
        let mut h = DefaultHasher::new();
        self.salt.hash(&mut h);
        package.dir.hash(&mut h);
        package.name.hash(&mut h);
        let slot = format!("{:016x}", h.finish());
        package.files.len().hash(&mut h);
        for (file, bytes) in package.files.iter().zip(contents) {
            file.path.hash(&mut h);
            file.target.hash(&mut h);
            file.go_version.map(|v| v.to_string()).hash(&mut h);
            bytes.hash(&mut h);
        }
        Key {
            slot,
            full: format!("{:016x}", h.finish()),
        }
    }

    fn path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.json", key.slot))
    }

    /// The stored result for `key`, or `None` when there is none, it is stale, or it
    /// cannot be read. The caller says with [`Cache::record`] whether it used it.
    pub fn get(&self, key: &Key) -> Option<Hit> {
        self.read(key)
    }

    /// Count a package answered by the cache (`true`) or computed (`false`).
    pub fn record(&self, hit: bool) {
        let counter = if hit { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn read(&self, key: &Key) -> Option<Hit> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        if entry.key != key.full {
            return None;
        }
        let files = entry
            .files
            .into_iter()
            .map(|f| {
                let diagnostics = f
                    .diagnostics
                    .into_iter()
                    .map(CachedDiagnostic::restore)
                    .collect::<Option<Vec<_>>>()?;
                Some((f.index, f.syntax_gap, diagnostics))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Hit { files })
    }

    /// Store the check result of `package` under `key`. The reports cover the files that
    /// were parsed, which with the prefilter are not all of the package's: each is stored by
    /// its index in the package's file list. A failure to write only costs the next run a
    /// recomputation.
    pub fn put(&self, key: &Key, package: &PackageFiles, reports: &[FileReport]) {
        let Some(files) = reports
            .iter()
            .filter(|r| !r.diagnostics.is_empty() || r.syntax_gap.is_some())
            .map(|r| {
                let index = package.files.iter().position(|f| f.path == r.file.path)?;
                Some(CachedFile {
                    index,
                    syntax_gap: r.syntax_gap,
                    diagnostics: r.diagnostics.iter().map(CachedDiagnostic::of).collect(),
                })
            })
            .collect::<Option<Vec<_>>>()
        else {
            return;
        };
        if !*self.ready.get_or_init(|| self.make_dir()) {
            return;
        }
        let entry = Entry {
            key: key.full.clone(),
            files,
        };
        let Ok(json) = serde_json::to_vec(&entry) else {
            return;
        };
        let written = tempfile::NamedTempFile::new_in(&self.dir)
            .and_then(|mut tmp| {
                tmp.write_all(&json)?;
                Ok(tmp)
            })
            .and_then(|tmp| tmp.persist(self.path(key)).map_err(|e| e.error));
        if written.is_ok() {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Creates the directory with a `.gitignore` ignoring everything in it (so the cache
    /// never shows up in `git status`, wherever the project root is).
    fn make_dir(&self) -> bool {
        if self.dir.is_dir() {
            return true;
        }
        if std::fs::create_dir_all(&self.dir).is_err() {
            return false;
        }
        let _ = std::fs::write(
            self.dir.join(".gitignore"),
            "# Created by gofix: its findings cache.\n*\n",
        );
        true
    }

    /// `hits, misses, written` so far.
    pub fn stats(&self) -> (usize, usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
            self.written.load(Ordering::Relaxed),
        )
    }
}

/// Size and modification time of the running binary: a rebuilt gofix (whose rules may have
/// changed without a version bump) gets a new key, for the cost of one `stat`.
fn binary_stamp() -> Option<(u64, u128)> {
    let meta = std::env::current_exe().ok()?.metadata().ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_nanos()))
}

/// The project root the cache lives in: the directory of the configuration file read, else
/// the current directory.
pub fn root(config_file: Option<&Path>) -> PathBuf {
    config_file
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn severity(s: &str) -> Option<Severity> {
    [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ]
    .into_iter()
    .find(|v| v.as_str() == s)
}

fn applicability(s: &str) -> Option<Applicability> {
    [
        Applicability::DisplayOnly,
        Applicability::Unsafe,
        Applicability::Safe,
    ]
    .into_iter()
    .find(|v| v.as_str() == s)
}

impl CachedDiagnostic {
    fn of(d: &Diagnostic) -> Self {
        Self {
            code: d.rule.code.to_owned(),
            severity: d.severity.as_str().to_owned(),
            start: d.range.start,
            end: d.range.end,
            message: d.message.clone(),
            fix: d.fix.as_ref().map(|f| CachedFix {
                title: f.title.clone(),
                applicability: f.applicability.as_str().to_owned(),
                edits: f
                    .edits
                    .iter()
                    .map(|e| CachedEdit {
                        file: e.file.clone(),
                        start: e.range.start,
                        end: e.range.end,
                        content: e.content.clone(),
                    })
                    .collect(),
            }),
        }
    }

    /// The diagnostic again; `None` if the entry names a rule or value this gofix lacks.
    fn restore(self) -> Option<Diagnostic> {
        if self.start > self.end {
            return None;
        }
        let rule = by_code(&self.code)?.rule;
        let fix = match self.fix {
            None => None,
            Some(f) => {
                let edits = f
                    .edits
                    .into_iter()
                    .map(|e| {
                        (e.start <= e.end).then(|| Edit {
                            file: e.file,
                            range: TextRange::new(e.start, e.end),
                            content: e.content,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(Fix::new(f.title, applicability(&f.applicability)?, edits))
            }
        };
        Some(Diagnostic {
            rule,
            severity: severity(&self.severity)?,
            range: TextRange::new(self.start, self.end),
            message: self.message,
            fix,
        })
    }
}
