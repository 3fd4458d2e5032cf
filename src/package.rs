//! A package: the files of one directory that share a package clause, and the facts about
//! them that passes share (the package index).

use std::collections::HashSet;
use std::path::PathBuf;

use tree_sitter::Node;

use crate::lock_index::LockIndex;
use crate::source::{SourceFile, Word};
use crate::syntax::NodeKind;
use crate::syntax::globals::Globals;
use crate::syntax::goroutines::GoroutineStarts;
use crate::syntax::lock_types::{HeldLock, LockTypes};
use crate::syntax::reach::GoroutineReach;
use crate::syntax::waitgroups::WaitGroups;
use crate::syntax::{Kinds, each_of_kinds, mentions, walk_subtree};

/// The files of one package, each parsed.
pub struct Package {
    pub dir: PathBuf,
    pub name: String,
    pub files: Vec<SourceFile>,
}

/// Facts drawn from every file of a package, rebuilt after each fix round.
#[derive(Debug, Default)]
pub struct PackageIndex {
    /// Names (fields, variables, parameters) declared as `sync.RWMutex` or `*sync.RWMutex`.
    rwmutex_names: HashSet<String>,
    /// Functions whose result some code of the package ranges over (`for v := range gen()`,
    /// or `c := gen()` then `for v := range c` in one function): their channels need a close.
    ranged_results: HashSet<String>,
    /// The facts gathered file by file.
    linking: LinkingFacts,
    /// Package-level variables: their kinds and where they are written.
    globals: Globals,
    /// Lock fields of the package's types, their critical sections, unguarded accesses.
    locks: LockIndex,
    /// Names known to be `sync.WaitGroup`s, and functions taking one by value.
    waitgroups: WaitGroups,
}

/// The package facts gathered file by file, a file at a time: the prefilter's file
/// selection (`crate::selection`) grows them as it parses linked files and follows their
/// links, and hands them to the index when the selection is complete.
#[derive(Debug, Default)]
pub struct LinkingFacts {
    /// Struct types that hold a `sync` lock by value, directly or through their fields.
    pub lock_types: LockTypes,
    /// Which functions goroutines can run, and the package-level variables.
    pub goroutines: GoroutineReach,
    /// The functions and methods `go` statements start by name.
    pub goroutine_starts: GoroutineStarts,
    /// Functions and methods that may return a channel they make: a file ranging over what
    /// one returns decides GF201.
    pub chan_results: HashSet<String>,
}

impl LinkingFacts {
    /// Add the facts of one file; `goroutines` says whether some file of the package starts
    /// a goroutine (without one, nothing runs as a goroutine and the goroutine facts stay
    /// empty).
    pub fn add_file(&mut self, file: &SourceFile, position: usize, goroutines: bool) {
        self.lock_types.add_file(file, position);
        if goroutines {
            let starts = file.says(Word::Go);
            self.goroutines
                .add_file_starting(file.root(), file.text(), starts);
            self.goroutine_starts
                .add_file_starting(file.root(), file.text(), starts);
        }
        if file.says(Word::Chan) {
            collect_chan_results(file, &mut self.chan_results);
        }
    }
}

/// Whether some file of a package says `go` or `Go`: only then can anything run as a
/// goroutine.
pub fn starts_goroutines(files: &[&SourceFile]) -> bool {
    files.iter().any(|f| f.says(Word::Go))
}

impl PackageIndex {
    pub fn build<'f>(files: impl IntoIterator<Item = &'f SourceFile>) -> Self {
        let files: Vec<&SourceFile> = files.into_iter().collect();
        let goroutines = starts_goroutines(&files);
        let mut linking = LinkingFacts::default();
        for (position, file) in files.iter().enumerate() {
            linking.add_file(file, position, goroutines);
        }
        Self::build_with(files, linking)
    }

    /// The index over `files`, whose file-by-file facts are gathered already.
    pub fn build_with(files: Vec<&SourceFile>, linking: LinkingFacts) -> Self {
        // Package-level variables matter only to code goroutines run (GF304), and ranged
        // results only to functions that may return a channel they make (GF201).
        let globals = if starts_goroutines(&files) {
            Globals::build(&files)
        } else {
            Globals::default()
        };
        let ranged: Vec<String> = linking.chan_results.iter().cloned().collect();
        let mut index = PackageIndex {
            locks: LockIndex::build(&files),
            waitgroups: WaitGroups::build(&files),
            globals,
            linking,
            ..PackageIndex::default()
        };
        for file in files {
            // `for v := range gen()` names `gen`.
            if ranged
                .iter()
                .any(|name| file.text().contains(name.as_str()))
            {
                collect_ranged_results(file, &mut index.ranged_results);
            }
            // `sync.RWMutex` says `RWMutex`.
            if !file.says(Word::RWMutex) {
                continue;
            }
            let Some(sync) = import_name(file, "sync") else {
                continue;
            };
            let src = file.text();
            walk_subtree(file.root(), |n| {
                if n.kind_name() == "qualified_type"
                    && n.field("package").map(|p| &src[p.byte_range()]) == Some(&sync)
                    && n.field("name").map(|p| &src[p.byte_range()]) == Some("RWMutex")
                {
                    index.rwmutex_names.extend(declared_names(n, src));
                }
                true
            });
        }
        index
    }

    /// Which functions and methods goroutines of the package can run (by name), and which
    /// variables are declared at package level.
    pub fn goroutines(&self) -> &GoroutineReach {
        &self.linking.goroutines
    }

    /// The package-level variables, their kinds and their writes.
    pub fn globals(&self) -> &Globals {
        &self.globals
    }

    /// The functions and methods of the package that `go` statements start by name.
    pub fn goroutine_starts(&self) -> &GoroutineStarts {
        &self.linking.goroutine_starts
    }

    /// WaitGroup facts: which names are `sync.WaitGroup`s, by-value parameters and their
    /// call sites.
    pub fn waitgroups(&self) -> &WaitGroups {
        &self.waitgroups
    }

    /// Lock fields, their sections across the package, and unguarded field accesses.
    pub fn locks(&self) -> &LockIndex {
        &self.locks
    }

    /// Whether some code of the package ranges over what function `name` returns.
    pub fn result_is_ranged(&self, name: &str) -> bool {
        self.ranged_results.contains(name)
    }

    /// The lock a struct type of this package holds by value (directly, or through fields of
    /// package struct types or arrays of them), or `None`.
    pub fn held_lock(&self, type_name: &str) -> Option<&HeldLock> {
        self.linking.lock_types.held(type_name)
    }

    /// Whether a struct type of this package holds a `sync` lock by value.
    pub fn holds_lock(&self, type_name: &str) -> bool {
        self.held_lock(type_name).is_some()
    }

    /// Whether `name` is declared in this package as a `sync.RWMutex` (by value or pointer).
    pub fn is_rwmutex(&self, name: &str) -> bool {
        self.rwmutex_names.contains(name)
    }
}

/// The called function's name in `gen(…)` or `x.gen(…)`.
fn callee_name<'s>(call: Node<'_>, src: &'s str) -> Option<&'s str> {
    let f = call.field("function")?;
    let name = match f.kind_name() {
        "identifier" => f,
        "selector_expression" => f.field("field")?,
        _ => return None,
    };
    Some(&src[name.byte_range()])
}

/// Adds to `out` the functions whose results are ranged over in `file`.
fn collect_ranged_results(file: &SourceFile, out: &mut HashSet<String>) {
    let src = file.text();
    static RANGES: Kinds = Kinds::new(&["range_clause"]);
    each_of_kinds(file.root(), &RANGES, |n| {
        let Some(right) = n.field("right") else {
            return;
        };
        match right.kind_name() {
            "call_expression" => {
                out.extend(callee_name(right, src).map(str::to_owned));
            }
            "identifier" => {
                // `c := gen(…)` earlier in the same function.
                let name = &src[right.byte_range()];
                let func = crate::syntax::enclosing_function(n);
                if let Some(body) = func.and_then(|f| f.field("body")) {
                    static DECLARATIONS: Kinds = Kinds::new(&["short_var_declaration"]);
                    each_of_kinds(body, &DECLARATIONS, |d| {
                        if d.start_byte() < n.start_byte()
                            && let (Some(l), Some(r)) = (d.field("left"), d.field("right"))
                            && l.named_child_count() == 1
                            && l.named_child(0)
                                .is_some_and(|id| &src[id.byte_range()] == name)
                            && let Some(call) = r
                                .named_child(0)
                                .filter(|c| c.kind_name() == "call_expression")
                        {
                            out.extend(callee_name(call, src).map(str::to_owned));
                        }
                    });
                }
            }
            _ => {}
        }
    });
}

/// Adds to `out` the top-level functions and methods of `file` that may return a channel they
/// make: they have a result, and it or their body says `chan` (a named result type may hide
/// the channel, the `make(chan …)` cannot).
fn collect_chan_results(file: &SourceFile, out: &mut HashSet<String>) {
    let src = file.text();
    let root = file.root();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor) {
        if matches!(
            decl.kind_name(),
            "function_declaration" | "method_declaration"
        ) && let Some(result) = decl.field("result")
            && (mentions(result, src, "chan")
                || decl.field("body").is_some_and(|b| mentions(b, src, "chan")))
            && let Some(name) = decl.field("name")
        {
            out.insert(src[name.byte_range()].to_owned());
        }
    }
}

/// The names a type node declares: the field, variable or parameter names it types.
fn declared_names(type_node: Node<'_>, src: &str) -> Vec<String> {
    let mut decl = type_node.up();
    while let Some(d) = decl.filter(|d| d.kind_name() == "pointer_type") {
        decl = d.up();
    }
    let Some(decl) = decl else {
        return Vec::new();
    };
    match decl.kind_name() {
        "field_declaration" | "var_spec" | "parameter_declaration" => decl
            .children_by_field_name("name", &mut decl.walk())
            .map(|n| src[n.byte_range()].to_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// The name a file refers to an imported package by (`sync`, or its alias). `None` when the
/// file does not import it or imports it with `_` or `.`.
pub fn import_name(file: &SourceFile, path: &str) -> Option<String> {
    file.import_name(path).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(src: &str) -> SourceFile {
        SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap()
    }

    #[test]
    fn rwmutex_fields_vars_and_params() {
        let f = file(
            "package p\n\nimport s \"sync\"\n\ntype C struct {\n\tmu  s.RWMutex\n\tm2  *s.RWMutex\n\tplain s.Mutex\n}\n\nvar global s.RWMutex\n\nfunc f(l *s.RWMutex) {}\n",
        );
        let index = PackageIndex::build([&f]);
        for name in ["mu", "m2", "global", "l"] {
            assert!(index.is_rwmutex(name), "{name}");
        }
        assert!(!index.is_rwmutex("plain"));
    }

    #[test]
    fn import_names() {
        let f = file("package p\n\nimport (\n\t\"sync\"\n\tctx \"context\"\n\t_ \"net/http\"\n)\n");
        assert_eq!(import_name(&f, "sync").as_deref(), Some("sync"));
        assert_eq!(import_name(&f, "context").as_deref(), Some("ctx"));
        assert_eq!(import_name(&f, "net/http"), None);
        assert_eq!(import_name(&f, "os"), None);
    }
}
