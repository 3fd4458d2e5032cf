//! `gofix.toml`: finding the configuration file, reading and validating it, and merging it
//! with the command line into the settings of a run.
//!
//! The file is the nearest `gofix.toml` or `.gofix.toml` at or above the current directory,
//! or the one `--config` names; `--isolated` reads none. Every key is optional:
//!
//! ```toml
//! select = ["GF1", "GF2"]          # codes, code prefixes or rule names, as --select takes
//! ignore = ["GF212"]
//! unsafe-fixes = false
//! exclude = ["gen", "internal/legacy/**"]
//! include-generated = false
//! go-version = "1.21"
//! allow-straight-line = false
//! rwmutex-min-ratio = 1.0
//! max-channel-buffer = 10000
//!
//! [per-file-ignores]
//! "*_test.go" = ["GF305"]
//! ```
//!
//! A flag given on the command line wins over the file. `--select` replaces the file's
//! `select` and `ignore` (as in ruff: the command line chose the rules), while `--ignore`
//! alone adds to the file's `ignore`.
//!
//! Globs (`exclude`, `per-file-ignores`) are matched against paths relative to the
//! configuration file's directory: a pattern without `/` matches any one component (a file
//! or directory name anywhere), a pattern with `/` is anchored at that directory and also
//! matches everything below a directory it matches. `*` never crosses `/`; `**` does.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use toml::Spanned;

use crate::cli::CheckArgs;
use crate::config::{
    DEFAULT_MAX_CHANNEL_BUFFER, DEFAULT_RWMUTEX_MIN_RATIO, SelectorError, Settings, select_rules,
};
use crate::discover::{DiscoverOptions, GoVersion, PackageFiles};

/// The names gofix looks for, in each directory from the current one upwards.
pub const FILE_NAMES: [&str; 2] = ["gofix.toml", ".gofix.toml"];

/// The keys a configuration file may hold, in documentation order.
const KEYS: [&str; 10] = [
    "select",
    "ignore",
    "unsafe-fixes",
    "exclude",
    "per-file-ignores",
    "include-generated",
    "go-version",
    "allow-straight-line",
    "rwmutex-min-ratio",
    "max-channel-buffer",
];

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {err}")]
    Unreadable { path: String, err: io::Error },
    #[error("cannot tell the current directory: {0}")]
    NoCurrentDir(io::Error),
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("both gofix.toml and .gofix.toml are in {dir}: keep one")]
    Ambiguous { dir: String },
    #[error(transparent)]
    Selector(#[from] SelectorError),
}

/// The file as written; every key optional, spans kept for error messages.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFile {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    unsafe_fixes: Option<bool>,
    exclude: Option<Vec<Spanned<String>>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    include_generated: Option<bool>,
    go_version: Option<Spanned<String>>,
    allow_straight_line: Option<bool>,
    rwmutex_min_ratio: Option<Spanned<f64>>,
    max_channel_buffer: Option<u64>,
}

/// A configuration file, read and validated.
#[derive(Debug, Default)]
pub struct FileConfig {
    /// As shown in messages: as given to `--config`, or absolute when found by searching.
    pub path: String,
    /// The directory globs are relative to (absolute, lexically normalised).
    pub root: PathBuf,
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    unsafe_fixes: Option<bool>,
    exclude: Vec<Pattern>,
    per_file_ignores: Vec<(Pattern, Vec<&'static str>)>,
    include_generated: Option<bool>,
    go_version: Option<GoVersion>,
    allow_straight_line: Option<bool>,
    rwmutex_min_ratio: Option<f64>,
    max_channel_buffer: Option<u64>,
}

/// Where the settings came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--isolated`: no file read.
    Isolated,
    /// No file at or above this directory.
    NotFound(PathBuf),
    /// This file (as shown in messages).
    File(String),
}

/// The merged settings of a run: the file's, overridden by the command line.
#[derive(Debug)]
pub struct Configuration {
    pub source: Source,
    pub settings: Settings,
    pub discover: DiscoverOptions,
    exclude: PathGlobs,
}

/// Read the configuration the command line asks for (the nearest file, `--config FILE`, or
/// none with `--isolated`) and merge the command line's flags over it.
pub fn resolve(args: &CheckArgs) -> Result<Configuration, ConfigError> {
    let cwd = std::env::current_dir().map_err(ConfigError::NoCurrentDir)?;
    let (file, source) = if args.isolated {
        (None, Source::Isolated)
    } else if let Some(path) = &args.config {
        let file = load(&absolute(&cwd, path), path.display().to_string())?;
        let source = Source::File(file.path.clone());
        (Some(file), source)
    } else {
        match find(&cwd)? {
            Some(path) => {
                let file = load(&path, path.display().to_string())?;
                let source = Source::File(file.path.clone());
                (Some(file), source)
            }
            None => (None, Source::NotFound(cwd.clone())),
        }
    };
    merge(file.unwrap_or_default(), args, cwd, source)
}

/// The nearest configuration file at or above `dir`.
pub fn find(dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
    for ancestor in dir.ancestors() {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|name| ancestor.join(name))
            .filter(|p| p.is_file())
            .collect();
        match found.as_slice() {
            [] => {}
            [one] => return Ok(Some(one.clone())),
            _ => {
                return Err(ConfigError::Ambiguous {
                    dir: ancestor.display().to_string(),
                });
            }
        }
    }
    Ok(None)
}

/// Read and validate one configuration file; `shown` names it in messages.
pub fn load(path: &Path, shown: String) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|err| ConfigError::Unreadable {
        path: shown.clone(),
        err,
    })?;
    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
    parse(&text, shown, root)
}

/// Validate the text of a configuration file found in directory `root`.
fn parse(text: &str, path: String, root: PathBuf) -> Result<FileConfig, ConfigError> {
    let at = |span: std::ops::Range<usize>, message: String| {
        let (line, column) = line_column(text, span.start);
        ConfigError::Invalid {
            path: path.clone(),
            line,
            column,
            message,
        }
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        at(span.clone(), describe(text, &e, span))
    })?;
    let selectors = |key: &str, list: Option<Vec<Spanned<String>>>| {
        let mut out = Vec::new();
        for s in list.unwrap_or_default() {
            codes(s.get_ref()).map_err(|e| at(s.span(), format!("`{key}`: {e}")))?;
            out.push(s.into_inner());
        }
        Ok::<_, ConfigError>(out)
    };
    let select = raw
        .select
        .is_some()
        .then(|| selectors("select", raw.select))
        .transpose()?;
    let ignore = selectors("ignore", raw.ignore)?;
    let mut exclude = Vec::new();
    for glob in raw.exclude.unwrap_or_default() {
        exclude.push(
            Pattern::new(glob.get_ref()).map_err(|e| at(glob.span(), format!("`exclude`: {e}")))?,
        );
    }
    let mut per_file_ignores = Vec::new();
    for (glob, list) in raw.per_file_ignores.unwrap_or_default() {
        let pattern = Pattern::new(glob.get_ref())
            .map_err(|e| at(glob.span(), format!("`per-file-ignores`: {e}")))?;
        let mut all = Vec::new();
        for s in list {
            let found = codes(s.get_ref()).map_err(|e| {
                at(
                    s.span(),
                    format!("`per-file-ignores` of `{}`: {e}", glob.get_ref()),
                )
            })?;
            for code in found {
                if !all.contains(&code) {
                    all.push(code);
                }
            }
        }
        per_file_ignores.push((pattern, all));
    }
    let go_version = match raw.go_version {
        None => None,
        Some(v) => Some(GoVersion::parse(v.get_ref()).ok_or_else(|| {
            at(
                v.span(),
                format!(
                    "`go-version`: `{}` is not a Go version; write it as \"1.21\"",
                    v.get_ref()
                ),
            )
        })?),
    };
    let rwmutex_min_ratio = match raw.rwmutex_min_ratio {
        Some(r) if !r.get_ref().is_finite() || *r.get_ref() < 0.0 => {
            return Err(at(
                r.span(),
                format!(
                    "`rwmutex-min-ratio`: {} is not a ratio; use a number ≥ 0 such as 2.0",
                    r.get_ref()
                ),
            ));
        }
        r => r.map(Spanned::into_inner),
    };
    Ok(FileConfig {
        path,
        root,
        select,
        ignore,
        unsafe_fixes: raw.unsafe_fixes,
        exclude,
        per_file_ignores,
        include_generated: raw.include_generated,
        go_version,
        allow_straight_line: raw.allow_straight_line,
        rwmutex_min_ratio,
        max_channel_buffer: raw.max_channel_buffer,
    })
}

/// The rule codes one selector stands for, or why it stands for none.
fn codes(selector: &str) -> Result<Vec<&'static str>, String> {
    select_rules(&[selector.to_owned()], &[])
        .map(|rules| rules.iter().map(|e| e.rule.code).collect())
        .map_err(|_| {
            format!(
                "unknown rule selector `{selector}`: use a code (GF101), a code prefix (GF1) or a rule name (lock-held-on-return); `gofix rules` lists them"
            )
        })
}

/// A message for a TOML error: what is wrong, and under which key.
fn describe(text: &str, error: &toml::de::Error, span: std::ops::Range<usize>) -> String {
    let message = error.message();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let hint = closest_key(key).map_or_else(String::new, |k| format!("; did you mean `{k}`?"));
        return format!(
            "unknown key `{key}`{hint} (gofix.toml keys: {})",
            KEYS.join(", ")
        );
    }
    // A well-formed document with a value of the wrong type: name the key holding it.
    match toml::from_str::<BTreeMap<Spanned<String>, Spanned<toml::Value>>>(text) {
        Err(_) => format!("TOML syntax error: {message}"),
        Ok(top) => {
            let key = top
                .iter()
                .find(|(_, v)| v.span().contains(&span.start))
                .or_else(|| {
                    top.iter()
                        .filter(|(k, _)| k.span().start <= span.start)
                        .max_by_key(|(k, _)| k.span().start)
                })
                .map(|(k, _)| k.get_ref().clone());
            match key {
                Some(key) => format!("`{key}`: {message}"),
                None => message.to_owned(),
            }
        }
    }
}

/// The known key nearest to a misspelt one, if it is near enough to be the intended one.
fn closest_key(key: &str) -> Option<&'static str> {
    let normalised = key.replace('_', "-").to_ascii_lowercase();
    KEYS.iter()
        .map(|k| (edit_distance(&normalised, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Merge the file with the command line: a flag given wins.
fn merge(
    file: FileConfig,
    args: &CheckArgs,
    cwd: PathBuf,
    source: Source,
) -> Result<Configuration, ConfigError> {
    let rules = if args.select.is_empty() {
        let ignore: Vec<String> = file.ignore.iter().chain(&args.ignore).cloned().collect();
        select_rules(file.select.as_deref().unwrap_or_default(), &ignore)?
    } else {
        select_rules(&args.select, &args.ignore)?
    };
    let unsafe_fixes = if args.unsafe_fixes {
        Some(true)
    } else if args.no_unsafe_fixes {
        Some(false)
    } else {
        None
    };
    let anchor = Anchor {
        root: file.root.clone(),
        cwd,
    };
    // Over the defaults, so a setting added later (not from gofix.toml) keeps its default.
    #[allow(clippy::needless_update)]
    let settings = Settings {
        rules,
        unsafe_fixes: unsafe_fixes.or(file.unsafe_fixes).unwrap_or(false),
        allow_straight_line: args.allow_straight_line || file.allow_straight_line.unwrap_or(false),
        max_channel_buffer: args
            .max_channel_buffer
            .or(file.max_channel_buffer)
            .unwrap_or(DEFAULT_MAX_CHANNEL_BUFFER),
        rwmutex_min_ratio: args
            .rwmutex_min_ratio
            .or(file.rwmutex_min_ratio)
            .unwrap_or(DEFAULT_RWMUTEX_MIN_RATIO),
        per_file_ignores: PerFileIgnores {
            anchor: anchor.clone(),
            entries: file.per_file_ignores,
        },
        ..Settings::default()
    };
    let discover = DiscoverOptions {
        include_generated: args.include_generated || file.include_generated.unwrap_or(false),
        go_version: args.go_version.or(file.go_version),
    };
    Ok(Configuration {
        source,
        settings,
        discover,
        exclude: PathGlobs {
            anchor,
            patterns: file.exclude,
        },
    })
}

impl Configuration {
    /// Whether `exclude` leaves this file out (a path as discovery spells it).
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.matches(path)
    }

    /// Apply `exclude` to discovered packages: excluded files are neither checked nor fixed,
    /// but stay in their package as context for package-wide rules; a package left without
    /// a file to check is dropped.
    pub fn exclude(&self, packages: Vec<PackageFiles>) -> Vec<PackageFiles> {
        if self.exclude.patterns.is_empty() {
            return packages;
        }
        packages
            .into_iter()
            .filter_map(|mut package| {
                for file in &mut package.files {
                    if file.target && self.is_excluded(&file.path) {
                        file.target = false;
                    }
                }
                package.files.iter().any(|f| f.target).then_some(package)
            })
            .collect()
    }

    /// The merged settings as a TOML document `gofix --config` reads back, with a comment
    /// naming where they came from (`gofix config`).
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        match &self.source {
            Source::File(path) => {
                let _ = writeln!(
                    out,
                    "# Settings from {path}, with the command line's flags applied."
                );
            }
            Source::NotFound(dir) => {
                let _ = writeln!(
                    out,
                    "# No gofix.toml or .gofix.toml at or above {}: defaults and the command line's flags.",
                    dir.display()
                );
            }
            Source::Isolated => {
                let _ = writeln!(
                    out,
                    "# --isolated: no configuration file read; defaults and the command line's flags."
                );
            }
        }
        if self.discover.go_version.is_none() {
            let _ = writeln!(
                out,
                "# go-version is unset: each file's version comes from its go.mod and //go:build line."
            );
        }
        let shown = Shown {
            select: self.settings.rules.iter().map(|e| e.rule.code).collect(),
            unsafe_fixes: self.settings.unsafe_fixes,
            exclude: self
                .exclude
                .patterns
                .iter()
                .map(|p| p.text.as_str())
                .collect(),
            include_generated: self.discover.include_generated,
            go_version: self.discover.go_version.map(|v| v.to_string()),
            allow_straight_line: self.settings.allow_straight_line,
            rwmutex_min_ratio: self.settings.rwmutex_min_ratio,
            max_channel_buffer: self.settings.max_channel_buffer,
            per_file_ignores: self
                .settings
                .per_file_ignores
                .entries
                .iter()
                .map(|(p, codes)| (p.text.as_str(), codes.clone()))
                .collect(),
        };
        match toml::to_string(&shown) {
            Ok(text) => out.push_str(&text),
            Err(e) => {
                let _ = writeln!(out, "# cannot print the settings: {e}");
            }
        }
        out
    }
}

/// What `gofix config` prints.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Shown<'a> {
    select: Vec<&'static str>,
    unsafe_fixes: bool,
    exclude: Vec<&'a str>,
    include_generated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    go_version: Option<String>,
    allow_straight_line: bool,
    rwmutex_min_ratio: f64,
    max_channel_buffer: u64,
    per_file_ignores: BTreeMap<&'a str, Vec<&'static str>>,
}

/// Turns the paths of a run into paths relative to the configuration file's directory.
#[derive(Debug, Clone, Default)]
struct Anchor {
    root: PathBuf,
    cwd: PathBuf,
}

impl Anchor {
    /// `path` relative to the root, if it lies below it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        absolute(&self.cwd, path)
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }
}

/// One glob of `exclude` or `per-file-ignores`.
#[derive(Debug, Clone)]
struct Pattern {
    /// As written.
    text: String,
    matcher: GlobMatcher,
    /// Holds a `/`: matched against the relative path and its ancestors, not single names.
    anchored: bool,
}

impl Pattern {
    fn new(text: &str) -> Result<Pattern, String> {
        let trimmed = text.trim_end_matches('/');
        let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
        let anchored = trimmed.contains('/');
        let trimmed = trimmed.trim_start_matches('/');
        if trimmed.is_empty() {
            return Err(format!(
                "`{text}` matches nothing; write a glob such as \"gen/**\""
            ));
        }
        let glob = GlobBuilder::new(trimmed)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("`{text}` is not a glob: {}", e.kind()))?;
        Ok(Pattern {
            text: text.to_owned(),
            matcher: glob.compile_matcher(),
            anchored,
        })
    }

    /// Whether the pattern matches a path relative to the configuration's directory.
    fn matches(&self, relative: &Path) -> bool {
        if self.anchored {
            relative
                .ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .any(|a| self.matcher.is_match(a))
        } else {
            relative
                .components()
                .any(|c| self.matcher.is_match(Path::new(c.as_os_str())))
        }
    }
}

/// `exclude`: globs relative to the configuration file's directory.
#[derive(Debug, Clone, Default)]
struct PathGlobs {
    anchor: Anchor,
    patterns: Vec<Pattern>,
}

impl PathGlobs {
    fn matches(&self, path: &Path) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        self.anchor
            .relative(path)
            .is_some_and(|rel| self.patterns.iter().any(|p| p.matches(&rel)))
    }
}

/// `per-file-ignores`: for files matching a glob, the codes whose findings are dropped.
#[derive(Debug, Clone, Default)]
pub struct PerFileIgnores {
    anchor: Anchor,
    entries: Vec<(Pattern, Vec<&'static str>)>,
}

impl PerFileIgnores {
    /// Whether findings of `code` in `path` (as discovery spells it) are dropped.
    pub fn ignores(&self, path: &Path, code: &str) -> bool {
        if !self.entries.iter().any(|(_, codes)| codes.contains(&code)) {
            return false;
        }
        let Some(relative) = self.anchor.relative(path) else {
            return false;
        };
        self.entries
            .iter()
            .any(|(pattern, codes)| codes.contains(&code) && pattern.matches(&relative))
    }
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<FileConfig, ConfigError> {
        parse(text, "gofix.toml".to_owned(), PathBuf::from("/proj"))
    }

    fn error(text: &str) -> String {
        parsed(text).unwrap_err().to_string()
    }

    fn pattern(text: &str) -> Pattern {
        Pattern::new(text).unwrap()
    }

    #[test]
    fn every_key_is_read() {
        let file = parsed(
            "select = [\"GF1\"]\nignore = [\"lock-reentry\"]\nunsafe-fixes = true\nexclude = [\"gen\"]\ninclude-generated = true\ngo-version = \"1.21\"\nallow-straight-line = true\nrwmutex-min-ratio = 2\nmax-channel-buffer = 64\n\n[per-file-ignores]\n\"*_test.go\" = [\"GF305\", \"GF3\"]\n",
        )
        .unwrap();
        assert_eq!(file.select, Some(vec!["GF1".to_owned()]));
        assert_eq!(file.ignore, ["lock-reentry"]);
        assert_eq!(file.unsafe_fixes, Some(true));
        assert_eq!(file.exclude[0].text, "gen");
        assert_eq!(file.include_generated, Some(true));
        assert_eq!(file.go_version, GoVersion::parse("1.21"));
        assert_eq!(file.allow_straight_line, Some(true));
        assert_eq!(file.rwmutex_min_ratio, Some(2.0));
        assert_eq!(file.max_channel_buffer, Some(64));
        let (glob, codes) = &file.per_file_ignores[0];
        assert_eq!(glob.text, "*_test.go");
        assert_eq!(
            codes[0], "GF305",
            "codes as given first, prefixes expanded after"
        );
        assert!(codes.iter().all(|c| c.starts_with("GF3")));
        assert_eq!(codes.iter().filter(|c| **c == "GF305").count(), 1);
    }

    #[test]
    fn an_empty_file_changes_nothing() {
        let file = parsed("# nothing yet\n").unwrap();
        assert!(file.select.is_none() && file.exclude.is_empty());
    }

    #[test]
    fn a_misspelt_key_is_named_with_its_line_and_a_suggestion() {
        let message = error("unsafe-fixes = true\nselct = [\"GF1\"]\n");
        assert!(
            message.starts_with("gofix.toml:2:1: unknown key `selct`; did you mean `select`?"),
            "{message}"
        );
        assert!(error("max_channel_buffer = 3\n").contains("did you mean `max-channel-buffer`?"));
        assert!(!error("colour = true\n").contains("did you mean"));
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key_and_line() {
        let message = error("select = [\"GF1\"]\nunsafe-fixes = \"yes\"\n");
        assert!(
            message.starts_with("gofix.toml:2:16: `unsafe-fixes`: invalid type"),
            "{message}"
        );
        let message = error("select = [\n  \"GF1\",\n  3,\n]\n");
        assert!(
            message.starts_with("gofix.toml:3:3: `select`:"),
            "{message}"
        );
        let message = error("[per-file-ignores]\n\"a.go\" = \"GF101\"\n");
        assert!(
            message.starts_with("gofix.toml:2:10: `per-file-ignores`:"),
            "{message}"
        );
        assert!(error("max-channel-buffer = -1\n").contains("`max-channel-buffer`"));
        assert!(
            error("go-version = 1.21\n").starts_with("gofix.toml:1:14: `go-version`: invalid type")
        );
    }

    #[test]
    fn bad_values_are_errors_with_their_line() {
        let cases = [
            (
                "ignore = [\"GF999\"]\n",
                "gofix.toml:1:11: `ignore`: unknown rule selector `GF999`",
            ),
            (
                "go-version = \"2.0\"\n",
                "gofix.toml:1:14: `go-version`: `2.0` is not a Go version",
            ),
            (
                "rwmutex-min-ratio = -1.5\n",
                "gofix.toml:1:21: `rwmutex-min-ratio`: -1.5 is not a ratio",
            ),
            (
                "exclude = [\"a/[b\"]\n",
                "gofix.toml:1:12: `exclude`: `a/[b` is not a glob",
            ),
            (
                "\n[per-file-ignores]\n\"x.go\" = [\"nope\"]\n",
                "gofix.toml:3:11: `per-file-ignores` of `x.go`: unknown rule selector `nope`",
            ),
        ];
        for (text, want) in cases {
            let message = error(text);
            assert!(message.starts_with(want), "{text:?}: {message}");
        }
    }

    #[test]
    fn a_syntax_error_says_so_with_its_line() {
        let message = error("select = [\"GF1\"]\nignore = [\n");
        assert!(message.starts_with("gofix.toml:2:"), "{message}");
        assert!(message.contains("TOML syntax error"), "{message}");
        assert!(error("a = = 1\n").contains("TOML syntax error"));
    }

    #[test]
    fn names_match_any_component_and_paths_are_anchored() {
        let rel = |s: &str| PathBuf::from(s);
        assert!(pattern("gen").matches(&rel("a/gen/x.go")));
        assert!(pattern("*_test.go").matches(&rel("a/b/x_test.go")));
        assert!(!pattern("*_test.go").matches(&rel("a/b/x.go")));
        assert!(pattern("a/gen").matches(&rel("a/gen/x.go")));
        assert!(!pattern("a/gen").matches(&rel("b/a/gen/x.go")));
        assert!(pattern("/a").matches(&rel("a/x.go")));
        assert!(pattern("gen/").matches(&rel("x/gen/y.go")));
        assert!(pattern("a/*.go").matches(&rel("a/x.go")));
        assert!(
            !pattern("a/*.go").matches(&rel("a/b/x.go")),
            "`*` stays in one directory"
        );
        assert!(pattern("a/**/*.go").matches(&rel("a/b/c/x.go")));
        assert!(pattern("./a/x.go").matches(&rel("a/x.go")));
        assert!(Pattern::new("/").is_err());
    }

    #[test]
    fn paths_are_made_relative_to_the_configuration_directory() {
        let anchor = Anchor {
            root: PathBuf::from("/proj"),
            cwd: PathBuf::from("/proj/sub"),
        };
        assert_eq!(
            anchor.relative(Path::new("x.go")),
            Some(PathBuf::from("sub/x.go"))
        );
        assert_eq!(
            anchor.relative(Path::new("../a/./x.go")),
            Some(PathBuf::from("a/x.go"))
        );
        assert_eq!(
            anchor.relative(Path::new("/proj/b.go")),
            Some(PathBuf::from("b.go"))
        );
        assert_eq!(anchor.relative(Path::new("/elsewhere/b.go")), None);
        assert_eq!(anchor.relative(Path::new("../../x.go")), None);
    }

    #[test]
    fn per_file_ignores_drop_only_their_codes_in_their_files() {
        let file =
            parsed("[per-file-ignores]\n\"*_test.go\" = [\"GF305\"]\n\"legacy/**\" = [\"GF1\"]\n")
                .unwrap();
        let ignores = PerFileIgnores {
            anchor: Anchor {
                root: PathBuf::from("/proj"),
                cwd: PathBuf::from("/proj"),
            },
            entries: file.per_file_ignores,
        };
        assert!(ignores.ignores(Path::new("pkg/a_test.go"), "GF305"));
        assert!(!ignores.ignores(Path::new("pkg/a_test.go"), "GF301"));
        assert!(!ignores.ignores(Path::new("pkg/a.go"), "GF305"));
        assert!(ignores.ignores(Path::new("legacy/x/y.go"), "GF101"));
        assert!(!ignores.ignores(Path::new("legacy/x/y.go"), "GF201"));
        assert!(!ignores.ignores(Path::new("/other/legacy/y.go"), "GF101"));
        assert!(!PerFileIgnores::default().ignores(Path::new("a.go"), "GF101"));
    }

    #[test]
    fn both_file_names_in_one_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(find(&sub).unwrap(), None);
        std::fs::write(dir.path().join(".gofix.toml"), "").unwrap();
        assert_eq!(find(&sub).unwrap(), Some(dir.path().join(".gofix.toml")));
        std::fs::write(dir.path().join("a/gofix.toml"), "").unwrap();
        assert_eq!(find(&sub).unwrap(), Some(dir.path().join("a/gofix.toml")));
        std::fs::write(dir.path().join("a/.gofix.toml"), "").unwrap();
        assert!(matches!(find(&sub), Err(ConfigError::Ambiguous { .. })));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("é = 1\nx", 8), (2, 2));
    }
}
