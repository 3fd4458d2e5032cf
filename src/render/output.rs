//! The findings of one run, collected as they come and printed in the chosen
//! `--output-format` (or as `--statistics`) at the end.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::OutputFormat;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::fix::Applicability;
use crate::render::json::{self, JsonDiagnostic};
use crate::render::statistics::Statistics;
use crate::render::text::{Style, finding_line};
use crate::render::{full, github, json_lines, sarif};
use crate::source::SourceFile;

/// One finding with everything the machine-readable formats need, detached from its file.
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// The applicability of the finding's fix, if it has one.
    pub applicability: Option<Applicability>,
    /// Positions, message and fix edits, as `--output-format json` prints them.
    pub json: JsonDiagnostic,
}

/// `--output-format` as given, or `full` when stdout is a terminal and `concise` otherwise.
pub fn resolve_format(format: Option<OutputFormat>) -> OutputFormat {
    format.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            OutputFormat::Full
        } else {
            OutputFormat::Concise
        }
    })
}

/// The findings of a run, in the order they were reported.
pub struct Findings {
    format: OutputFormat,
    statistics: bool,
    style: Style,
    /// The human formats, rendered as the findings come (they need the file's text).
    text: String,
    /// The machine formats, rendered at the end (SARIF and JSON are one document).
    rows: Vec<Finding>,
    counts: Statistics,
}

impl Findings {
    pub fn new(format: OutputFormat, statistics: bool, style: Style) -> Self {
        Self {
            format,
            statistics,
            style,
            text: String::new(),
            rows: Vec::new(),
            counts: Statistics::default(),
        }
    }

    /// Add one finding of `file`, shown as `path`; `sibling` gives the other files of the
    /// package, for fixes that edit them.
    pub fn push<'f>(
        &mut self,
        path: &str,
        file: &'f SourceFile,
        d: &Diagnostic,
        sibling: impl Fn(&Path) -> Option<&'f SourceFile>,
    ) {
        let applicability = d.fix.as_ref().map(|f| f.applicability);
        self.counts.add(d.rule, applicability);
        if self.statistics {
            return;
        }
        match self.format {
            OutputFormat::Concise => {
                self.text.push_str(&finding_line(path, file, d, self.style));
                self.text.push('\n');
            }
            OutputFormat::Full => {
                if !self.text.is_empty() {
                    self.text.push('\n');
                }
                self.text
                    .push_str(&full::finding(path, file, d, self.style));
            }
            OutputFormat::Json
            | OutputFormat::JsonLines
            | OutputFormat::Github
            | OutputFormat::Sarif => self.rows.push(Finding {
                rule: d.rule,
                severity: d.severity,
                applicability,
                json: json::diagnostic(path, file, d, sibling),
            }),
        }
    }

    /// Everything to print for the findings (possibly nothing).
    pub fn render(self) -> String {
        if self.statistics {
            return match self.format {
                OutputFormat::Json | OutputFormat::JsonLines => self.counts.json(),
                _ => self.counts.table(),
            };
        }
        match self.format {
            OutputFormat::Full | OutputFormat::Concise => self.text,
            OutputFormat::Json => {
                let rows: Vec<&JsonDiagnostic> = self.rows.iter().map(|f| &f.json).collect();
                serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
            }
            OutputFormat::JsonLines => json_lines::render(&self.rows),
            OutputFormat::Github => github::render(&self.rows),
            OutputFormat::Sarif => sarif::render(&self.rows),
        }
    }
}
