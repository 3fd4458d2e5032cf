//! Fixes: what a diagnostic proposes, and the machinery that applies fixes to files.

pub mod apply;
pub mod engine;

use std::path::PathBuf;

use crate::diagnostic::TextRange;

/// How far a fix can be trusted (see DESIGN.md "The contracts").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown as a suggestion, never applied.
    DisplayOnly,
    /// Probably right but changes behaviour or rests on a guess: only with `--unsafe-fixes`.
    Unsafe,
    /// Removes the mistake and cannot change what correct code does: applied by `--write`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the bytes of `range` with `content` (an insertion when the range is empty).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edit {
    /// Another file of the same package (a package-wide fix such as the RWMutex upgrade);
    /// `None` for the file the diagnostic is in.
    pub file: Option<PathBuf>,
    pub range: TextRange,
    pub content: String,
}

impl Edit {
    pub fn insertion(at: usize, content: impl Into<String>) -> Self {
        Self::replacement(at, at, content)
    }

    pub fn deletion(start: usize, end: usize) -> Self {
        Self::replacement(start, end, "")
    }

    pub fn replacement(start: usize, end: usize, content: impl Into<String>) -> Self {
        Self {
            file: None,
            range: TextRange::new(start, end),
            content: content.into(),
        }
    }

    /// The same edit, made in another file of the package.
    pub fn in_file(mut self, path: PathBuf) -> Self {
        self.file = Some(path);
        self
    }

    /// Overlapping ranges, or two edits starting at the same offset (their order would be
    /// arbitrary). Only meaningful for edits of one file.
    pub fn conflicts(&self, other: &Edit) -> bool {
        self.range.overlaps(other.range) || self.range.start == other.range.start
    }
}

/// A set of edits that applies whole or not at all.
#[derive(Debug, Clone)]
pub struct Fix {
    /// Imperative phrase: "Defer `mu.Unlock()` right after `mu.Lock()`".
    pub title: String,
    pub applicability: Applicability,
    /// Sorted by position, non-overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(
        title: impl Into<String>,
        applicability: Applicability,
        mut edits: Vec<Edit>,
    ) -> Self {
        edits.sort();
        Self {
            title: title.into(),
            applicability,
            edits,
        }
    }

    /// The smallest range covering every edit in the diagnostic's own file.
    pub fn span(&self) -> Option<TextRange> {
        let own = || self.edits.iter().filter(|e| e.file.is_none());
        let start = own().map(|e| e.range.start).min()?;
        let end = own().map(|e| e.range.end).max()?;
        Some(TextRange::new(start, end))
    }

    /// The other files this fix edits.
    pub fn other_files(&self) -> Vec<&PathBuf> {
        let mut files: Vec<&PathBuf> = self.edits.iter().filter_map(|e| e.file.as_ref()).collect();
        files.sort();
        files.dedup();
        files
    }
}
