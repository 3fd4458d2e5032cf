//! `--output-format json-lines`: one JSON object per finding and line, with the fields of
//! `--output-format json`, so tools can stream them.

use crate::render::output::Finding;

pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        // Serialising plain strings and numbers cannot fail.
        out.push_str(&serde_json::to_string(&finding.json).unwrap_or_default());
        out.push('\n');
    }
    out
}
