//! The human-readable finding lines and the summary.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Applicability;
use crate::source::SourceFile;

/// ANSI styling, only when asked for (a terminal and no `NO_COLOR`).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// `text` in the SGR colour `code` (`"1;31"`), or as it is without colour.
    pub fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// `path:row:col: CODE [severity] message`, with `[*]` for a fix `--write` applies and
/// `[*unsafe]` for one that needs `--unsafe-fixes`.
pub fn finding_line(path: &str, file: &SourceFile, d: &Diagnostic, style: Style) -> String {
    let (row, col) = file.location(d.range.start);
    let severity = d.severity;
    let severity_code = severity_color(severity);
    let mut line = format!(
        "{}:{row}:{col}: {} {} {}",
        style.paint("1", path),
        style.paint("1;31", d.rule.code),
        style.paint(severity_code, &format!("[{}]", severity.as_str())),
        d.message
    );
    match d.fix.as_ref().map(|f| f.applicability) {
        Some(Applicability::Safe) => line.push_str(" [*]"),
        Some(Applicability::Unsafe) => line.push_str(" [*unsafe]"),
        _ => {}
    }
    line
}

/// The SGR colour of a severity: red, yellow or cyan.
pub fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "31",
        Severity::Medium => "33",
        Severity::Low => "36",
    }
}

/// Counts behind the closing summary.
#[derive(Debug, Default)]
pub struct Totals {
    pub findings: usize,
    pub safe_fixable: usize,
    pub unsafe_fixable: usize,
    pub fixed: usize,
    pub files_changed: usize,
    pub syntax_gaps: usize,
    pub errors: usize,
}

/// The summary line(s) for stderr.
pub fn summary(totals: &Totals, mode: crate::run::Mode) -> String {
    use crate::run::Mode;
    let mut out = String::new();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match mode {
        Mode::Check => {
            let _ = write!(out, "{}", plural(totals.findings, "finding"));
            if totals.safe_fixable > 0 {
                let _ = write!(out, ", {} fixable with --write", totals.safe_fixable);
            }
            if totals.unsafe_fixable > 0 {
                let _ = write!(out, "; {} more with --unsafe-fixes", totals.unsafe_fixable);
            }
        }
        Mode::DryRun | Mode::Write => {
            let verb = if mode == Mode::Write {
                "Fixed"
            } else {
                "Would fix"
            };
            let _ = write!(
                out,
                "{verb} {} in {}; {} remaining",
                plural(totals.fixed, "finding"),
                plural(totals.files_changed, "file"),
                plural(totals.findings, "finding")
            );
            if totals.unsafe_fixable > 0 {
                let _ = write!(
                    out,
                    " ({} fixable with --unsafe-fixes)",
                    totals.unsafe_fixable
                );
            }
        }
    }
    out.push('.');
    if totals.syntax_gaps > 0 {
        let _ = write!(
            out,
            "\n{} with syntax gofix does not understand (the functions holding it were skipped).",
            plural(totals.syntax_gaps, "file")
        );
    }
    if totals.errors > 0 {
        let _ = write!(out, "\n{} (see above).", plural(totals.errors, "error"));
    }
    out
}
