//! `--output-format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff.
//!
//! `::error file=p/a.go,line=17,col=2,endLine=17,endColumn=13,title=GF102 (lock-held-on-return)::message`

use std::fmt::Write as _;

use crate::diagnostic::Severity;
use crate::render::output::Finding;

pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let d = &f.json;
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            level(f.severity),
            property(&d.filename),
            d.location.row,
            d.location.column,
            d.end_location.row,
            d.end_location.column,
            property(&format!("{} ({})", d.code, d.name)),
            data(&d.message),
        );
    }
    out
}

/// Critical and high findings fail the check visibly; medium ones warn; low ones inform.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "notice",
    }
}

/// A command's message: `%`, CR and LF escaped, as the runner's parser expects.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which would end the value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(
            data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::High), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Low), "notice");
    }
}
