//! The one tree walk per file: visits every node once and hands it to the passes that asked
//! for its kind. Passes never walk the whole tree themselves.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use tree_sitter::Node;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::package::PackageIndex;
use crate::registry::RuleEntry;
use crate::source::SourceFile;
use crate::syntax::NodeKind;
use crate::syntax::{channels, is_function, locks};

/// What a pass sees: the file, the package index, the settings, and shared analyses.
pub struct Checker<'a> {
    pub file: &'a SourceFile,
    pub package: &'a PackageIndex,
    pub settings: &'a Settings,
    diagnostics: Vec<Diagnostic>,
    reported: HashSet<(&'static str, TextRange)>,
    lock_sites: HashMap<usize, Rc<Vec<locks::LockSite<'a>>>>,
    channels: HashMap<usize, Rc<Vec<channels::Channel<'a>>>>,
}

impl<'a> Checker<'a> {
    pub fn text(&self) -> &'a str {
        self.file.text()
    }

    /// The lock sites of a function, computed once and shared by the lock rules.
    pub fn lock_sites(&mut self, func: Node<'a>) -> Rc<Vec<locks::LockSite<'a>>> {
        let text = self.file.text();
        self.lock_sites
            .entry(func.id())
            .or_insert_with(|| Rc::new(locks::lock_sites(func, text)))
            .clone()
    }

    /// The channels a function makes, computed once and shared by the channel rules.
    pub fn channels(&mut self, func: Node<'a>) -> Rc<Vec<channels::Channel<'a>>> {
        let text = self.file.text();
        self.channels
            .entry(func.id())
            .or_insert_with(|| Rc::new(channels::channels(func, text)))
            .clone()
    }

    /// Record a finding (once per rule and range).
    pub fn report(&mut self, diagnostic: Diagnostic) {
        if self
            .reported
            .insert((diagnostic.rule.code, diagnostic.range))
        {
            self.diagnostics.push(diagnostic);
        }
    }
}

/// The result of checking one file.
pub struct FileCheck {
    pub diagnostics: Vec<Diagnostic>,
    /// Where the first piece of syntax gofix could not parse starts; the functions holding
    /// such syntax were skipped.
    pub syntax_gap: Option<usize>,
}

/// Run the enabled passes over one file.
pub fn check_file(
    file: &SourceFile,
    package: &PackageIndex,
    settings: &Settings,
    rules: &[&'static RuleEntry],
) -> FileCheck {
    // The passes wanting each node kind, indexed by kind id.
    let language = file.tree().language();
    let mut by_kind: Vec<Vec<&RuleEntry>> = vec![Vec::new(); language.node_kind_count()];
    for entry in rules {
        for kind in entry.kinds {
            let id = usize::from(language.id_for_node_kind(kind, true));
            if let Some(wanting) = by_kind.get_mut(id) {
                wanting.push(entry);
            }
        }
    }
    let mut checker = Checker {
        file,
        package,
        settings,
        diagnostics: Vec::new(),
        reported: HashSet::new(),
        lock_sites: HashMap::new(),
        channels: HashMap::new(),
    };
    let mut syntax_gap: Option<usize> = None;
    let root = file.root();
    if root.has_error() {
        crate::syntax::walk_subtree(root, |node| {
            // Syntax tree-sitter-go does not understand (an ERROR or MISSING node, or a
            // function holding one) gets no findings: the analysis would be guessing.
            let skip = node.is_error()
                || node.is_missing()
                || (is_function(node.kind_name()) && node.has_error());
            if skip {
                let at = first_error(node).unwrap_or(node.start_byte());
                syntax_gap = Some(syntax_gap.map_or(at, |g| g.min(at)));
                return false;
            }
            for entry in by_kind
                .get(usize::from(node.kind_id()))
                .into_iter()
                .flatten()
            {
                (entry.run)(node, &mut checker);
            }
            true
        });
    } else {
        // Nothing to skip: only the kinds some pass asked for are visited.
        let wanted = |id: u16| by_kind.get(usize::from(id)).is_some_and(|e| !e.is_empty());
        crate::syntax::each_kind_where(root, wanted, |node| {
            for entry in &by_kind[usize::from(node.kind_id())] {
                (entry.run)(node, &mut checker);
            }
        });
    }
    // `//gofix:ignore` and friends: silenced findings go, GF9xx findings come.
    let complete = syntax_gap.is_none();
    let mut diagnostics = crate::suppress::apply(file, checker.diagnostics, rules, complete);
    diagnostics.sort_by_key(|d| (d.range, d.rule.code));
    FileCheck {
        diagnostics,
        syntax_gap,
    }
}

/// The start of the first ERROR or MISSING node at or below `node`.
fn first_error(node: Node<'_>) -> Option<usize> {
    let mut found = None;
    crate::syntax::walk_subtree(node, |n| {
        if found.is_none() && (n.is_error() || n.is_missing()) {
            found = Some(n.start_byte());
        }
        found.is_none() && n.has_error()
    });
    found
}

/// Ranges of the ERROR and MISSING nodes of a tree: no fix may touch them.
pub fn error_ranges(file: &SourceFile) -> Vec<TextRange> {
    let mut ranges = Vec::new();
    crate::syntax::walk_subtree(file.root(), |n| {
        if n.is_error() || n.is_missing() {
            ranges.push(TextRange::new(n.start_byte(), n.end_byte()));
            return false;
        }
        n.has_error()
    });
    ranges
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn check(src: &str) -> FileCheck {
        let file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let settings = Settings::default();
        let index = PackageIndex::build([&file]);
        check_file(&file, &index, &settings, &settings.rules)
    }

    const LEAK: &str = "func leak() error {\n\tmu.Lock()\n\tif x {\n\t\treturn err\n\t}\n\tmu.Unlock()\n\treturn nil\n}\n";

    #[test]
    fn functions_with_unparsed_syntax_are_skipped_and_the_rest_checked() {
        // Go 1.26 `new(expr)` is valid Go that tree-sitter-go 0.25 does not parse.
        let src = format!(
            "package p\n\nfunc modern() {{\n\tp := new(uint64(1))\n\tmu.Lock()\n\tif x {{\n\t\treturn\n\t}}\n\tmu.Unlock()\n\t_ = p\n}}\n\n{LEAK}"
        );
        let result = check(&src);
        assert!(result.syntax_gap.is_some());
        let codes: Vec<_> = result.diagnostics.iter().map(|d| d.rule.code).collect();
        assert_eq!(codes, ["GF102"], "only the parsable function is reported");
        assert!(result.diagnostics[0].range.start > src.find("func leak").unwrap());
    }

    #[test]
    fn clean_file_has_no_gap() {
        let result = check(&format!("package p\n\n{LEAK}"));
        assert!(result.syntax_gap.is_none());
        assert_eq!(result.diagnostics.len(), 1);
    }
}
