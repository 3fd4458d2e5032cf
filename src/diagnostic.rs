//! The data model every pass produces and every renderer consumes.
//!
//! Nothing here knows about tree-sitter, clap or ropey: positions are byte offsets into the
//! text of the file as it was when the diagnostic was made.

use crate::fix::Fix;

/// How bad a mistake is, taken from the checklist item the rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// Whether a rule can offer a fix at all, for `gofix rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    DisplayOnly,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::DisplayOnly => "suggestion",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

/// A rule's metadata: stable code, kebab-case name, checklist item, severity and documentation.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub checklist_item: u8,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// Markdown, taken from the doc comment of the rule's violation struct.
    pub doc: &'static str,
}

/// A byte range `start..end` in a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }

    pub fn overlaps(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One finding: which rule, where, what, and at most one fix.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    /// The rule's severity, unless this finding is less certain (GF320 with an unknown
    /// Go version is reported low).
    pub severity: Severity,
    pub range: TextRange,
    pub message: String,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            range,
            message: message.into(),
            fix: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
}
