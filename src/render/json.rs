//! `--output-format json`: one array of findings.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

#[derive(Serialize)]
pub struct Location {
    pub row: usize,
    pub column: usize,
}

#[derive(Serialize)]
pub struct JsonEdit {
    /// Set when the edit is in another file of the package than the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    pub content: String,
    pub location: Location,
    pub end_location: Location,
}

#[derive(Serialize)]
pub struct JsonFix {
    pub applicability: &'static str,
    pub message: String,
    pub edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub filename: String,
    pub location: Location,
    pub end_location: Location,
    pub fix: Option<JsonFix>,
}

fn location(file: &SourceFile, byte: usize) -> Location {
    let (row, column) = file.location(byte);
    Location { row, column }
}

/// One finding; `sibling` gives the other files of the package, for fixes that edit them.
pub fn diagnostic<'f>(
    path: &str,
    file: &'f SourceFile,
    d: &Diagnostic,
    sibling: impl Fn(&std::path::Path) -> Option<&'f SourceFile>,
) -> JsonDiagnostic {
    JsonDiagnostic {
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        message: d.message.clone(),
        filename: path.to_owned(),
        location: location(file, d.range.start),
        end_location: location(file, d.range.end),
        fix: d.fix.as_ref().map(|f| JsonFix {
            applicability: f.applicability.as_str(),
            message: f.title.clone(),
            edits: f
                .edits
                .iter()
                .map(|e| {
                    let target = e.file.as_deref().and_then(&sibling).unwrap_or(file);
                    JsonEdit {
                        filename: e.file.as_deref().map(crate::render::display_path),
                        content: e.content.clone(),
                        location: location(target, e.range.start),
                        end_location: location(target, e.range.end),
                    }
                })
                .collect(),
        }),
    }
}
