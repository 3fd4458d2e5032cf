//! Fixes: what a diagnostic proposes, and the machinery that applies fixes to files.

pub mod apply;
pub mod engine;

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
    pub range: TextRange,
    pub content: String,
}

impl Edit {
    pub fn insertion(at: usize, content: impl Into<String>) -> Self {
        Self {
            range: TextRange::new(at, at),
            content: content.into(),
        }
    }

    pub fn deletion(start: usize, end: usize) -> Self {
        Self {
            range: TextRange::new(start, end),
            content: String::new(),
        }
    }

    pub fn replacement(start: usize, end: usize, content: impl Into<String>) -> Self {
        Self {
            range: TextRange::new(start, end),
            content: content.into(),
        }
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

    /// The smallest range covering every edit.
    pub fn span(&self) -> Option<TextRange> {
        let start = self.edits.iter().map(|e| e.range.start).min()?;
        let end = self.edits.iter().map(|e| e.range.end).max()?;
        Some(TextRange::new(start, end))
    }

    /// Whether any edit of `self` touches an edit of `other`: overlapping ranges, or two
    /// edits starting at the same offset (their order would be arbitrary).
    pub fn conflicts_with(&self, other: &Fix) -> bool {
        self.edits.iter().any(|a| {
            other
                .edits
                .iter()
                .any(|b| a.range.overlaps(b.range) || a.range.start == b.range.start)
        })
    }
}
