//! Which struct types of a package hold a `sync` lock by value: a `sync.Mutex`, `RWMutex`,
//! `WaitGroup`, `Once` or `Cond` field (named or embedded), or a field whose type is another
//! struct type of the package that holds one, or an array of either. Pointers, slices, maps,
//! channels, functions and interfaces do not hold what they point to.
//!
//! Types are package-wide (declared in `a.go`, used in `b.go`), so the files are fed in one by
//! one ([`LockTypes::add_file`]) and the transitive closure is computed once, on the first
//! question. Only top-level declarations count; the `sync` import name is resolved per file.

use std::collections::HashMap;
use std::sync::OnceLock;

use tree_sitter::Node;

use crate::package::import_name;
use crate::source::SourceFile;

use super::walk_subtree;
use crate::syntax::NodeKind;

/// The `sync` types that must not be copied once used.
pub const LOCK_TYPES: &[&str] = &["Mutex", "RWMutex", "WaitGroup", "Once", "Cond"];

/// What a struct type holds: the `sync` type and the field path that leads to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldLock {
    /// `Mutex`, `RWMutex`, `WaitGroup`, `Once` or `Cond`.
    pub kind: &'static str,
    /// Field names from the type down to the lock: `mu`, `inner.mu`, `Mutex` (embedded),
    /// `shards[i].mu` (an array).
    pub path: String,
}

/// Something a field of a struct holds by value that may be a lock.
#[derive(Debug)]
enum Held {
    /// A `sync` lock type itself.
    Sync(&'static str),
    /// A type of this package, which may hold one.
    Type(String),
}

/// A candidate: the field path to it and what sits there.
#[derive(Debug)]
struct Source {
    path: String,
    held: Held,
}

/// A top-level struct-like type declaration: a struct type, or a defined type or alias of a
/// package type (`type B A`, `type B = A[int]`), with its by-value candidates in source order.
#[derive(Debug)]
struct TypeDecl {
    /// The position of its file in the package: a type declared twice (in files for
    /// different platforms) resolves as declared in the first, whatever order the files
    /// were added in.
    position: usize,
    name: String,
    sources: Vec<Source>,
}

/// The lock-holding struct types of one package.
#[derive(Debug, Default)]
pub struct LockTypes {
    decls: Vec<TypeDecl>,
    resolved: OnceLock<HashMap<String, HeldLock>>,
}

impl LockTypes {
    /// Record the top-level type declarations of one file, the `position`-th of its package.
    pub fn add_file(&mut self, file: &SourceFile, position: usize) {
        let src = file.text();
        let sync = import_name(file, "sync");
        let root = file.root();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            if decl.kind_name() != "type_declaration" {
                continue;
            }
            let mut specs = decl.walk();
            for spec in decl.named_children(&mut specs) {
                if let Some(d) = type_decl(spec, src, sync.as_deref(), position) {
                    self.decls.push(d);
                }
            }
        }
        self.resolved = OnceLock::new();
    }

    /// The lock struct type `name` holds by value, if it holds one.
    pub fn held(&self, name: &str) -> Option<&HeldLock> {
        self.resolved().get(name)
    }

    /// The names of the struct types holding a lock. A file naming one may declare a type
    /// holding it in turn, or copy it (GF111), so the prefilter parses such files too.
    pub fn holders(&self) -> impl Iterator<Item = &str> {
        self.resolved().keys().map(String::as_str)
    }

    fn resolved(&self) -> &HashMap<String, HeldLock> {
        self.resolved.get_or_init(|| resolve(&self.decls))
    }
}

/// The struct types of the package made of `files` that hold a lock by value, each with the
/// first lock found (the shallowest, then the first in source order).
pub fn lock_holding_types<'f>(
    files: impl IntoIterator<Item = &'f SourceFile>,
) -> HashMap<String, HeldLock> {
    let mut types = LockTypes::default();
    for (position, file) in files.into_iter().enumerate() {
        types.add_file(file, position);
    }
    resolve(&types.decls)
}

/// The transitive closure, one nesting level per round: a round only reads what earlier
/// rounds found, so the answer does not depend on declaration order, and every round adds a
/// type or ends the loop.
fn resolve(decls: &[TypeDecl]) -> HashMap<String, HeldLock> {
    let mut decls: Vec<&TypeDecl> = decls.iter().collect();
    decls.sort_by_key(|d| d.position);
    let mut known: HashMap<String, HeldLock> = HashMap::new();
    loop {
        let mut found = Vec::new();
        for decl in &decls {
            if known.contains_key(&decl.name) {
                continue;
            }
            let held = decl.sources.iter().find_map(|s| match &s.held {
                Held::Sync(kind) => Some(HeldLock {
                    kind,
                    path: s.path.clone(),
                }),
                Held::Type(name) => known.get(name).map(|inner| HeldLock {
                    kind: inner.kind,
                    path: join(&s.path, &inner.path),
                }),
            });
            if let Some(held) = held {
                found.push((decl.name.clone(), held));
            }
        }
        if found.is_empty() {
            return known;
        }
        for (name, held) in found {
            known.entry(name).or_insert(held);
        }
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ => format!("{a}.{b}"),
    }
}

/// The declaration a `type_spec` or `type_alias` makes, when its type is struct-like.
fn type_decl(spec: Node<'_>, src: &str, sync: Option<&str>, position: usize) -> Option<TypeDecl> {
    if !matches!(spec.kind_name(), "type_spec" | "type_alias") {
        return None;
    }
    let name = src[spec.field("name")?.byte_range()].to_owned();
    let params = type_parameter_names(spec, src);
    let mut ty = spec.field("type")?;
    while ty.kind_name() == "parenthesized_type" {
        ty = ty.named_child(0)?;
    }
    let sources = match ty.kind_name() {
        "struct_type" => by_value_sources(ty, src, sync, &params),
        // `type B A`, `type B = A`, `type B A[T]`: B is a struct if A is.
        "type_identifier" | "generic_type" => {
            let base = base_type_name(ty, src)?;
            if params.contains(&base) {
                return None;
            }
            vec![Source {
                path: String::new(),
                held: Held::Type(base.to_owned()),
            }]
        }
        _ => return None,
    };
    Some(TypeDecl {
        position,
        name,
        sources,
    })
}

/// The name of a package type `T` or `T[Args]`.
fn base_type_name<'s>(ty: Node<'_>, src: &'s str) -> Option<&'s str> {
    let ident = match ty.kind_name() {
        "type_identifier" => ty,
        "generic_type" => ty
            .field("type")
            .filter(|t| t.kind_name() == "type_identifier")?,
        _ => return None,
    };
    Some(&src[ident.byte_range()])
}

/// The type parameter names a generic type declares.
fn type_parameter_names<'s>(spec: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let mut names = Vec::new();
    if let Some(list) = spec.field("type_parameters") {
        let mut cursor = list.walk();
        for decl in list.named_children(&mut cursor) {
            let mut c = decl.walk();
            names.extend(
                decl.children_by_field_name("name", &mut c)
                    .map(|n| &src[n.byte_range()]),
            );
        }
    }
    names
}

/// What a struct type holds by value, in source order: `sync` lock types and package type
/// names, reached through fields, embedded fields, arrays and anonymous structs, but not
/// through pointers, slices, maps, channels, functions, interfaces or type arguments.
fn by_value_sources(ty: Node<'_>, src: &str, sync: Option<&str>, params: &[&str]) -> Vec<Source> {
    let mut sources = Vec::new();
    walk_subtree(ty, |n| {
        match n.kind_name() {
            "pointer_type" | "slice_type" | "map_type" | "channel_type" | "function_type"
            | "interface_type" | "type_arguments" => false,
            // An embedded `*T`.
            "field_declaration" => !is_embedded_pointer(n),
            "qualified_type" => {
                let package = n.field("package").map(|p| &src[p.byte_range()]);
                let name = n.field("name").map(|p| &src[p.byte_range()]);
                if package.is_some()
                    && package == sync
                    && let Some(kind) = LOCK_TYPES.iter().find(|k| Some(**k) == name)
                {
                    sources.push(Source {
                        path: field_path(n, ty, src),
                        held: Held::Sync(kind),
                    });
                }
                false
            }
            "type_identifier" => {
                let name = &src[n.byte_range()];
                if !params.contains(&name) {
                    sources.push(Source {
                        path: field_path(n, ty, src),
                        held: Held::Type(name.to_owned()),
                    });
                }
                false
            }
            // The length of `[N]T` is an expression, not a held value.
            _ => !is_array_length(n),
        }
    });
    sources
}

fn is_embedded_pointer(field: Node<'_>) -> bool {
    field.field("name").is_none()
        && (0..field.child_count()).any(|i| field.child(i).is_some_and(|c| c.kind_name() == "*"))
}

fn is_array_length(n: Node<'_>) -> bool {
    n.up()
        .is_some_and(|p| p.kind_name() == "array_type" && p.field("length") == Some(n))
}

/// The field names from `root` down to `node`, dot-separated.
fn field_path(node: Node<'_>, root: Node<'_>, src: &str) -> String {
    let mut names: Vec<String> = Vec::new();
    // `[i]` for each array between the lock and the field that holds it: `shards[i].mu`.
    let mut indexes = String::new();
    let mut cur = node.up();
    while let Some(n) = cur {
        match n.kind_name() {
            "array_type" => indexes.push_str("[i]"),
            "field_declaration" => {
                names.extend(field_label(n, src).map(|l| format!("{l}{indexes}")));
                indexes.clear();
            }
            _ => {}
        }
        if n == root {
            break;
        }
        cur = n.up();
    }
    names.reverse();
    names.join(".")
}

/// A field's name: its first declared name, or for an embedded field the type's name.
fn field_label<'s>(field: Node<'_>, src: &'s str) -> Option<&'s str> {
    if let Some(name) = field.field("name") {
        return Some(&src[name.byte_range()]);
    }
    let mut ty = field.field("type")?;
    if ty.kind_name() == "generic_type" {
        ty = ty.field("type")?;
    }
    if ty.kind_name() == "qualified_type" {
        ty = ty.field("name")?;
    }
    Some(&src[ty.byte_range()])
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn file(src: &str) -> SourceFile {
        SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap()
    }

    fn held(srcs: &[&str]) -> Vec<(String, &'static str, String)> {
        let files: Vec<_> = srcs.iter().map(|s| file(s)).collect();
        let mut out: Vec<_> = lock_holding_types(&files)
            .into_iter()
            .map(|(name, h)| (name, h.kind, h.path))
            .collect();
        out.sort();
        out
    }

    fn entry(name: &str, kind: &'static str, path: &str) -> (String, &'static str, String) {
        (name.to_owned(), kind, path.to_owned())
    }

    #[test]
    fn direct_field_and_every_lock_type() {
        let got = held(&[
            "package p\n\nimport \"sync\"\n\ntype A struct {\n\tn  int\n\tmu sync.Mutex\n}\n\ntype B struct{ rw sync.RWMutex }\n\ntype C struct{ wg sync.WaitGroup }\n\ntype D struct{ once sync.Once }\n\ntype E struct{ c sync.Cond }\n\ntype F struct{ m sync.Map }\n",
        ]);
        assert_eq!(
            got,
            [
                entry("A", "Mutex", "mu"),
                entry("B", "RWMutex", "rw"),
                entry("C", "WaitGroup", "wg"),
                entry("D", "Once", "once"),
                entry("E", "Cond", "c"),
            ]
        );
    }

    #[test]
    fn embedded_lock() {
        let got = held(&[
            "package p\n\nimport \"sync\"\n\ntype A struct {\n\tsync.Mutex\n\tn int\n}\n\ntype B struct {\n\t*sync.Mutex\n}\n",
        ]);
        assert_eq!(got, [entry("A", "Mutex", "Mutex")]);
    }

    #[test]
    fn transitive_through_package_types_and_files() {
        let got = held(&[
            "package p\n\nimport \"sync\"\n\ntype inner struct{ mu sync.Mutex }\n",
            "package p\n\ntype Outer struct {\n\tname string\n\tin   inner\n}\n\ntype Embeds struct {\n\tOuter\n}\n\ntype Defined Outer\n\ntype Alias = Embeds\n\ntype Generic[T any] struct {\n\tv  T\n\tin inner\n}\n\ntype Inst = Generic[int]\n",
        ]);
        assert_eq!(
            got,
            [
                entry("Alias", "Mutex", "Outer.in.mu"),
                entry("Defined", "Mutex", "in.mu"),
                entry("Embeds", "Mutex", "Outer.in.mu"),
                entry("Generic", "Mutex", "in.mu"),
                entry("Inst", "Mutex", "in.mu"),
                entry("Outer", "Mutex", "in.mu"),
                entry("inner", "Mutex", "mu"),
            ]
        );
    }

    #[test]
    fn arrays_and_anonymous_structs_hold() {
        let got = held(&[
            "package p\n\nimport \"sync\"\n\ntype shard struct{ mu sync.RWMutex }\n\ntype Table struct {\n\tshards [16]shard\n}\n\ntype Grid struct {\n\tcells [2][3]sync.Mutex\n}\n\ntype Anon struct {\n\tstate struct {\n\t\tsync.Mutex\n\t\tn int\n\t}\n}\n",
        ]);
        assert_eq!(
            got,
            [
                entry("Anon", "Mutex", "state.Mutex"),
                entry("Grid", "Mutex", "cells[i][i]"),
                entry("Table", "RWMutex", "shards[i].mu"),
                entry("shard", "RWMutex", "mu"),
            ]
        );
    }

    #[test]
    fn pointers_slices_maps_channels_and_atomics_do_not_hold() {
        let got = held(&[
            "package p\n\nimport (\n\t\"sync\"\n\t\"sync/atomic\"\n)\n\ntype inner struct{ mu sync.Mutex }\n\ntype P struct {\n\tmu   *sync.Mutex\n\tin   *inner\n\tall  []inner\n\tbyID map[int]inner\n\tch   chan inner\n\tf    func(inner)\n\tn    atomic.Int64\n\tbox  Box[inner]\n\t*inner\n}\n\ntype Box[T any] struct{ v *T }\n\ntype Arr [4]inner\n\ntype Ptr *inner\n",
        ]);
        assert_eq!(got, [entry("inner", "Mutex", "mu")]);
    }

    #[test]
    fn sync_import_name_is_resolved_per_file() {
        let got = held(&[
            "package p\n\nimport s \"sync\"\n\ntype A struct{ mu s.Mutex }\n",
            // Not the `sync` package here: `s` is something else in this file.
            "package p\n\nimport s \"example.com/sync\"\n\ntype B struct{ mu s.Mutex }\n",
            // No import of sync at all.
            "package p\n\ntype C struct{ mu sync.Mutex }\n",
        ]);
        assert_eq!(got, [entry("A", "Mutex", "mu")]);
    }

    #[test]
    fn type_parameters_shadow_package_types() {
        let got = held(&[
            "package p\n\nimport \"sync\"\n\ntype T struct{ mu sync.Mutex }\n\ntype Box[T any] struct{ v T }\n\ntype Wrap[T any] T\n",
        ]);
        assert_eq!(got, [entry("T", "Mutex", "mu")]);
    }

    #[test]
    fn index_answers_lazily_after_every_file() {
        let mut types = LockTypes::default();
        types.add_file(&file("package p\n\ntype Outer struct{ in inner }\n"), 1);
        assert!(types.held("Outer").is_none());
        types.add_file(
            &file("package p\n\nimport \"sync\"\n\ntype inner struct{ wg sync.WaitGroup }\n"),
            0,
        );
        assert_eq!(types.held("Outer").map(|h| h.path.as_str()), Some("in.wg"));
    }

    #[test]
    fn a_type_declared_twice_resolves_as_in_the_first_file_of_the_package() {
        let sync = "package p\n\nimport \"sync\"\n\n";
        let mutex = file(&format!("{sync}type T struct{{ mu sync.Mutex }}\n"));
        let group = file(&format!("{sync}type T struct{{ wg sync.WaitGroup }}\n"));
        // Added in either order, the package's first file decides.
        for first_added in [true, false] {
            let mut types = LockTypes::default();
            if first_added {
                types.add_file(&mutex, 0);
                types.add_file(&group, 1);
            } else {
                types.add_file(&group, 1);
                types.add_file(&mutex, 0);
            }
            assert_eq!(types.held("T").map(|h| h.kind), Some("Mutex"));
        }
    }
}
