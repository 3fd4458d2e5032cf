//! `--statistics` (how many findings each rule has) and `--show-fixes` (which fixes
//! `--write` applied, per file).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::Rule;
use crate::fix::Applicability;
use crate::registry::by_code;

/// Findings counted per rule.
#[derive(Default)]
pub struct Statistics {
    by_code: BTreeMap<&'static str, Row>,
}

#[derive(Serialize)]
struct Row {
    code: &'static str,
    name: &'static str,
    count: usize,
    /// With a safe fix: `--write` applies it.
    fixable: usize,
    /// With an unsafe fix: only `--unsafe-fixes` applies it.
    unsafe_fixable: usize,
}

impl Statistics {
    pub fn add(&mut self, rule: &'static Rule, applicability: Option<Applicability>) {
        let row = self.by_code.entry(rule.code).or_insert(Row {
            code: rule.code,
            name: rule.name,
            count: 0,
            fixable: 0,
            unsafe_fixable: 0,
        });
        row.count += 1;
        match applicability {
            Some(Applicability::Safe) => row.fixable += 1,
            Some(Applicability::Unsafe) => row.unsafe_fixable += 1,
            _ => {}
        }
    }

    /// Most frequent first; ties in code order.
    fn rows(&self) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.by_code.values().collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
        rows
    }

    /// A table: count, code, name, and how many `--write` (or `--unsafe-fixes`) would fix.
    /// Empty when there are no findings.
    pub fn table(&self) -> String {
        let rows = self.rows();
        if rows.is_empty() {
            return String::new();
        }
        let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
        let mut out = format!(
            "{:>5}  {:<6} {:<name_width$}  fixable\n",
            "count", "code", "name"
        );
        for row in rows {
            let fixable = match (row.fixable, row.unsafe_fixable) {
                (0, 0) => "-".to_owned(),
                (safe, 0) => safe.to_string(),
                (safe, unsafe_) => format!("{safe} (+{unsafe_} unsafe)"),
            };
            let _ = writeln!(
                out,
                "{:>5}  {:<6} {:<name_width$}  {fixable}",
                row.count, row.code, row.name
            );
        }
        out
    }

    /// The same rows as a JSON array (`--output-format json` or `json-lines`).
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(&self.rows()).unwrap_or_default() + "\n"
    }
}

/// `--show-fixes`: the fixes applied (or, under `--dry-run`, that would be), per file.
#[derive(Default)]
pub struct AppliedFixes {
    files: Vec<(String, Vec<(&'static str, usize)>)>,
}

impl AppliedFixes {
    /// The fixes applied to the file shown as `path`, per rule code.
    pub fn add(&mut self, path: &str, fixed: &BTreeMap<&'static str, usize>) {
        let fixed: Vec<(&'static str, usize)> = fixed
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(code, n)| (*code, *n))
            .collect();
        if !fixed.is_empty() {
            self.files.push((path.to_owned(), fixed));
        }
    }

    /// ```text
    /// Fixed 3 findings:
    /// - p/store.go:
    ///     2 × GF101 (lock-without-deferred-unlock)
    ///     1 × GF201 (producer-never-closes)
    /// ```
    pub fn render(&self, dry_run: bool) -> String {
        let total: usize = self
            .files
            .iter()
            .flat_map(|(_, fixed)| fixed.iter().map(|(_, n)| n))
            .sum();
        if total == 0 {
            return if dry_run {
                "No fixes would be applied.\n".to_owned()
            } else {
                "No fixes applied.\n".to_owned()
            };
        }
        let verb = if dry_run { "Would fix" } else { "Fixed" };
        let plural = if total == 1 { "" } else { "s" };
        let mut out = format!("{verb} {total} finding{plural}:\n");
        for (path, fixed) in &self.files {
            let _ = writeln!(out, "- {path}:");
            for (code, n) in fixed {
                let name = by_code(code).map_or("", |e| e.rule.name);
                let _ = writeln!(out, "    {n} × {code} ({name})");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RULES;

    #[test]
    fn counts_sorted_by_frequency() {
        let mut stats = Statistics::default();
        let (a, b) = (RULES[0].rule, RULES[1].rule);
        stats.add(a, None);
        stats.add(b, Some(Applicability::Safe));
        stats.add(b, Some(Applicability::Unsafe));
        let table = stats.table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3, "{table}");
        assert!(lines[1].contains(b.code) && lines[1].ends_with("1 (+1 unsafe)"));
        assert!(lines[2].contains(a.code) && lines[2].ends_with(" -"));
        assert_eq!(Statistics::default().table(), "");
    }

    #[test]
    fn applied_fixes_per_file() {
        let mut fixes = AppliedFixes::default();
        let code = RULES[0].rule.code;
        fixes.add("a.go", &BTreeMap::from([(code, 2)]));
        fixes.add("b.go", &BTreeMap::new());
        let out = fixes.render(false);
        assert!(
            out.starts_with("Fixed 2 findings:\n- a.go:\n    2 × "),
            "{out}"
        );
        assert!(!out.contains("b.go"));
        assert_eq!(
            AppliedFixes::default().render(true),
            "No fixes would be applied.\n"
        );
    }
}
