//! Package-wide lock facts: the struct types of a package that hold a `sync.Mutex` or
//! `sync.RWMutex` field, every critical section of every such field across all files, which
//! sections only read, and which fields are touched outside the lock that guards them
//! elsewhere. GF110 (the RWMutex upgrade) and GF120 read their answers from here, because no
//! single file can give them: the struct is declared in one file and its methods live in
//! others.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use tree_sitter::Node;

use crate::diagnostic::TextRange;
use crate::package::import_name;
use crate::source::SourceFile;
use crate::syntax::NodeKind;
use crate::syntax::locks::{LockSite, ReleaseKind, lock_sites};
use crate::syntax::sections::{Effects, effects};
use crate::syntax::{Kinds, MethodCall, each_of_kinds, is_function, squeeze, walk_subtree};

/// A lock field of a struct type declared in the package.
#[derive(Debug, Clone)]
pub struct LockField {
    pub type_name: String,
    /// The field name; for an embedded lock, the type's name (`Mutex`).
    pub name: String,
    pub rw: bool,
    pub embedded: bool,
    pub file: PathBuf,
    /// The whole `field_declaration`.
    pub decl: TextRange,
    /// `Mutex` in `sync.Mutex`: what the upgrade rewrites.
    pub type_ident: TextRange,
    /// Sections in methods of the type, on the method's receiver.
    pub sections: Vec<Section>,
    /// Lock calls on `x.<name>` anywhere else: unattributed, so counted as writers.
    pub foreign_sections: usize,
    /// `&x.mu`, `x.mu` passed or copied, anything but `Lock`/`Unlock`/`TryLock`-style calls.
    pub other_uses: bool,
}

/// One `Lock`/`RLock` … release in a method.
#[derive(Debug, Clone)]
pub struct Section {
    pub file: PathBuf,
    pub method: String,
    pub read_lock: bool,
    /// The `Lock` method name of the lock call.
    pub lock_method: TextRange,
    /// The method names of the releases; `None` when one sits in a deferred closure.
    pub release_methods: Option<Vec<TextRange>>,
    /// Every path releases it, with the matching method.
    pub well_formed: bool,
    /// Only reads, calling only read-only methods of the type.
    pub read_only: bool,
    /// Takes the same lock again (directly or through a method of the type).
    pub reenters: bool,
    /// The calls that take it again while it is surely still held (before any explicit
    /// release in the source), with what they call: GF107's findings.
    pub reentries: Vec<(TextRange, String)>,
    /// The code under the lock, as byte offsets in `file`.
    pub region: (usize, usize),
}

/// A field touched without the lock that guards it in another method (GF120).
#[derive(Debug, Clone)]
pub struct UnguardedAccess {
    pub file: PathBuf,
    pub range: TextRange,
    pub message: String,
}

/// The lock facts of one package.
#[derive(Debug, Default)]
pub struct LockIndex {
    pub fields: Vec<LockField>,
    pub unguarded: Vec<UnguardedAccess>,
    /// (field, section) of the sections that take their lock again: few, so GF107 looks only
    /// at these instead of every section once per method.
    pub reentrant: Vec<(usize, usize)>,
}

/// A method of a package type, with what its whole body does.
struct Method<'t> {
    file: usize,
    name: String,
    type_name: String,
    receiver: Option<String>,
    node: Node<'t>,
    effects: Effects,
    /// The body unlocks something (`x.Unlock()`, `defer x.RUnlock()`, `return x.Unlock`).
    releases: bool,
}

impl LockIndex {
    pub fn build(files: &[&SourceFile]) -> Self {
        let mut fields = Vec::new();
        let mut field_names: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for file in files {
            let Some(sync) = import_name(file, "sync") else {
                continue;
            };
            collect_types(file, &sync, &mut fields, &mut field_names);
        }
        if fields.is_empty() {
            return Self::default();
        }
        let lock_types: HashSet<&str> = fields.iter().map(|f| f.type_name.as_str()).collect();
        let methods = collect_methods(files, &lock_types);
        let pure = pure_methods(&methods);
        let facts = PackageFacts::gather(files, &methods, &fields);
        let mut index = LockIndex {
            fields,
            ..Self::default()
        };
        for field in &mut index.fields {
            find_sections(field, files, &facts, &methods, &pure);
            field.other_uses = field.embedded || facts.odd_selectors.contains(&field.name);
        }
        index.unguarded = unguarded_accesses(&index.fields, &field_names, files, &methods, &facts);
        for (f, field) in index.fields.iter().enumerate() {
            for (at, section) in field.sections.iter().enumerate() {
                if !section.reentries.is_empty() {
                    index.reentrant.push((f, at));
                }
            }
        }
        index
    }
}

/// What the whole package says, gathered in one walk per file: every lock site with the
/// method it is in, the field names used other than by lock calls, and the call sites of
/// every method name.
struct PackageFacts<'t> {
    sites: Vec<(usize, Node<'t>, LockSite<'t>, Option<usize>)>,
    odd_selectors: HashSet<String>,
    /// Names used as `x.name` but not called there: method values (`c.handshakeFn =
    /// c.serverHandshake`) run who knows where, so their methods are not judged.
    method_values: HashSet<String>,
    /// Method name → (file, offset) of each call.
    calls: HashMap<String, Vec<(usize, usize)>>,
    /// (file, byte range) of every constructor-like function (`New…`, `new…`, `init`).
    constructors: Vec<(usize, std::ops::Range<usize>)>,
}

impl<'t> PackageFacts<'t> {
    fn gather(files: &[&'t SourceFile], methods: &[Method<'t>], fields: &[LockField]) -> Self {
        // Selectors and calls are asked about by lock field and method name only: other
        // names are not kept (most selectors of a package are neither).
        let relevant: HashSet<&str> = methods
            .iter()
            .map(|m| m.name.as_str())
            .chain(fields.iter().map(|f| f.name.as_str()))
            .collect();
        let mut facts = PackageFacts {
            sites: Vec::new(),
            odd_selectors: HashSet::new(),
            method_values: HashSet::new(),
            calls: HashMap::new(),
            constructors: Vec::new(),
        };
        let method_index: HashMap<(usize, usize), usize> = methods
            .iter()
            .enumerate()
            .map(|(index, m)| ((m.file, m.node.id()), index))
            .collect();
        for (i, file) in files.iter().enumerate() {
            let src = file.text();
            // The method declaration the walk is inside, with where it ends: methods are
            // top-level, so the walk's order tells which one a function belongs to without
            // climbing parents (each `parent()` costs the node's depth).
            let mut current_method: Option<(usize, Option<usize>)> = None;
            static GATHERED: Kinds = Kinds::new(&[
                "function_declaration",
                "method_declaration",
                "func_literal",
                "selector_expression",
                "call_expression",
            ]);
            each_of_kinds(file.root(), &GATHERED, |n| {
                if n.kind_name() == "method_declaration" {
                    let index = method_index.get(&(i, n.id())).copied();
                    current_method = Some((n.end_byte(), index));
                }
                if is_function(n.kind_name()) {
                    let method = current_method
                        .filter(|&(end, _)| n.start_byte() < end)
                        .and_then(|(_, index)| index);
                    for site in lock_sites(n, src) {
                        facts.sites.push((i, n, site, method));
                    }
                }
                if n.kind_name() == "selector_expression"
                    && let Some(field) = n.field("field")
                    && relevant.contains(&src[field.byte_range()])
                {
                    let name = &src[field.byte_range()];
                    if !is_lock_call_operand(n, src) {
                        facts.odd_selectors.insert(name.to_owned());
                    }
                    let called = n.up().is_some_and(|p| {
                        p.kind_name() == "call_expression"
                            && p.field("function").is_some_and(|f| f.id() == n.id())
                    });
                    if !called {
                        facts.method_values.insert(name.to_owned());
                    }
                }
                // The method's name first: most calls of a package name no lock method.
                if let Some(method) = MethodCall::name_of(n)
                    && relevant.contains(&src[method.byte_range()])
                    && MethodCall::of(n).is_some()
                {
                    facts
                        .calls
                        .entry(src[method.byte_range()].to_owned())
                        .or_default()
                        .push((i, n.start_byte()));
                }
                if n.kind_name() == "function_declaration" && is_constructor(n, src) {
                    facts.constructors.push((i, n.byte_range()));
                }
            });
        }
        facts
    }
}

/// The lock fields of `file`'s struct types, as (type name, field name): another file naming
/// the type (its methods), the field, or a method of the type may use the lock (GF110),
/// touch a field it guards or call a method outside it (GF120). The prefilter parses the
/// files naming them.
pub fn lock_field_names(file: &SourceFile) -> Vec<(String, String)> {
    let Some(sync) = import_name(file, "sync") else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    collect_types(file, &sync, &mut fields, &mut HashMap::new());
    fields.into_iter().map(|f| (f.type_name, f.name)).collect()
}

/// Struct types with lock fields, and every type's fields (name, type text) for GF120.
fn collect_types(
    file: &SourceFile,
    sync: &str,
    fields: &mut Vec<LockField>,
    field_names: &mut HashMap<String, Vec<(String, String)>>,
) {
    let src = file.text();
    walk_subtree(file.root(), |n| {
        if is_function(n.kind_name()) {
            return false;
        }
        if n.kind_name() != "type_spec" {
            return true;
        }
        let (Some(name), Some(ty)) = (n.field("name"), n.field("type")) else {
            return false;
        };
        if ty.kind_name() != "struct_type" {
            return false;
        }
        let type_name = src[name.byte_range()].to_owned();
        walk_subtree(ty, |d| {
            if d.kind_name() != "field_declaration" {
                return d.kind_name() != "struct_type" || d.id() == ty.id();
            }
            let Some(field_type) = d.field("type") else {
                return false;
            };
            let type_text = squeeze(&src[field_type.byte_range()]);
            let mut cursor = d.walk();
            let names: Vec<String> = d
                .children_by_field_name("name", &mut cursor)
                .map(|id| src[id.byte_range()].to_owned())
                .collect();
            for field in &names {
                field_names
                    .entry(type_name.clone())
                    .or_default()
                    .push((field.clone(), type_text.clone()));
            }
            let lock = if type_text == format!("{sync}.Mutex") {
                Some(false)
            } else if type_text == format!("{sync}.RWMutex") {
                Some(true)
            } else {
                None
            };
            let (Some(rw), Some(ident)) = (lock, field_type.field("name")) else {
                return false;
            };
            let embedded = names.is_empty();
            let shown = if embedded {
                vec![src[ident.byte_range()].to_owned()]
            } else {
                names
            };
            for name in shown {
                fields.push(LockField {
                    type_name: type_name.clone(),
                    name,
                    rw,
                    embedded,
                    file: file.path.clone(),
                    decl: TextRange::new(d.start_byte(), d.end_byte()),
                    type_ident: TextRange::new(ident.start_byte(), ident.end_byte()),
                    sections: Vec::new(),
                    foreign_sections: 0,
                    other_uses: false,
                });
            }
            false
        });
        false
    });
}

/// The methods of the lock-holding types, with the effects of their whole bodies.
fn collect_methods<'t>(files: &[&'t SourceFile], types: &HashSet<&str>) -> Vec<Method<'t>> {
    let mut out = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let src = file.text();
        let root = file.root();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            if decl.kind_name() != "method_declaration" || decl.has_error() {
                continue;
            }
            let Some((receiver, type_name)) = receiver_of(decl, src) else {
                continue;
            };
            if !types.contains(type_name.as_str()) {
                continue;
            }
            let Some(body) = decl.field("body") else {
                continue;
            };
            let effects = effects(
                body,
                body.start_byte(),
                body.end_byte(),
                receiver.as_deref(),
                &[],
                src,
            );
            let text = &src[body.byte_range()];
            out.push(Method {
                releases: text.contains(".Unlock") || text.contains(".RUnlock"),
                file: i,
                name: src[decl.field("name").map_or(0..0, |n| n.byte_range())].to_owned(),
                type_name,
                receiver,
                node: decl,
                effects,
            });
        }
    }
    out
}

/// A method's receiver name (if named) and type name (`T` of `*T`, `T[K]`).
fn receiver_of(method: Node<'_>, src: &str) -> Option<(Option<String>, String)> {
    let param = method.field("receiver")?.named_child(0)?;
    let name = param.field("name").map(|n| src[n.byte_range()].to_owned());
    let mut ty = param.field("type")?;
    while matches!(ty.kind_name(), "pointer_type" | "parenthesized_type") {
        ty = ty.named_child(0)?;
    }
    if ty.kind_name() == "generic_type" {
        ty = ty.field("type")?;
    }
    (ty.kind_name() == "type_identifier").then(|| (name, src[ty.byte_range()].to_owned()))
}

/// The methods (as `Type.name`) that write nothing, take no lock, and call only methods that
/// do the same: found by striking out, until nothing changes, every method that writes or
/// calls one struck out.
fn pure_methods(methods: &[Method<'_>]) -> HashSet<String> {
    let key = |m: &Method<'_>| format!("{}.{}", m.type_name, m.name);
    let mut pure: HashSet<String> = methods
        .iter()
        .filter(|m| !m.effects.writes && m.effects.locks.is_empty())
        .map(key)
        .collect();
    loop {
        let before = pure.len();
        for m in methods {
            let calls_impure = m
                .effects
                .receiver_calls
                .iter()
                .any(|c| !pure.contains(&format!("{}.{c}", m.type_name)));
            if calls_impure {
                pure.remove(&key(m));
            }
        }
        if pure.len() == before {
            return pure;
        }
    }
}

/// Whether method `name` of `type_name` takes the lock `field` (through `r.field.Lock()` or a
/// method of the type it calls), following calls at most once each.
fn takes_lock(type_name: &str, name: &str, field: &str, methods: &[Method<'_>]) -> bool {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut todo = vec![name.to_owned()];
    while let Some(current) = todo.pop() {
        let Some(m) = methods
            .iter()
            .find(|m| m.type_name == type_name && m.name == current)
        else {
            continue;
        };
        if !seen.insert(m.name.as_str()) {
            continue;
        }
        let receiver = m.receiver.as_deref().unwrap_or("");
        // `…Locked` methods expect the lock held; a method that moves its receiver to
        // another value, or unlocks before it locks, juggles the caller's lock rather than
        // taking it a second time.
        let juggles = m.name.ends_with("Locked")
            || m.name.ends_with("locked")
            || m.effects.receiver_reassigned;
        let first_lock = m
            .effects
            .locks
            .iter()
            .zip(&m.effects.lock_at)
            .filter(|(l, _)| holds(l, receiver, field))
            .map(|(_, at)| at.start)
            .min();
        let unlocks_first = m
            .effects
            .unlocks
            .iter()
            .any(|(l, at)| holds(l, receiver, field) && first_lock.is_some_and(|f| *at < f));
        if juggles || unlocks_first {
            continue;
        }
        if first_lock.is_some() {
            return true;
        }
        todo.extend(m.effects.receiver_calls.iter().cloned());
    }
    false
}

/// Whether the lock receiver text `lock` (`c.mu`, or `c` for an embedded lock) is `field` of
/// `receiver`.
fn holds(lock: &str, receiver: &str, field: &str) -> bool {
    lock == format!("{receiver}.{field}")
        || (lock == receiver && matches!(field, "Mutex" | "RWMutex"))
}

/// Fill `field.sections` from every method of its type (closures inside them included), and
/// count lock calls on the same field name elsewhere.
fn find_sections(
    field: &mut LockField,
    files: &[&SourceFile],
    facts: &PackageFacts<'_>,
    methods: &[Method<'_>],
    pure: &HashSet<String>,
) {
    for (i, func, site, method) in &facts.sites {
        let method = method.map(|m| &methods[m]);
        let receiver = method.and_then(|m| m.receiver.as_deref());
        let ours = method.is_some_and(|m| m.type_name == field.type_name)
            && receiver.is_some_and(|r| holds(&site.receiver, r, &field.name));
        let (Some(method), Some(receiver), true) = (method, receiver, ours) else {
            // `x.mu` locked where `x` is no method receiver: maybe this field, so count it
            // as a writer. A receiver of another type's method is that type's business.
            let on_other_receiver =
                receiver.is_some_and(|r| site.receiver.starts_with(&format!("{r}.")));
            if !on_other_receiver && site.receiver.ends_with(&format!(".{}", field.name)) {
                field.foreign_sections += 1;
            }
            continue;
        };
        let file = files[*i];
        let found = section(
            site,
            *func,
            method,
            receiver,
            field,
            file.text(),
            file,
            methods,
            pure,
        );
        field.sections.push(found);
    }
}

#[allow(clippy::too_many_arguments)]
fn section(
    site: &crate::syntax::locks::LockSite<'_>,
    func: Node<'_>,
    method: &Method<'_>,
    receiver: &str,
    field: &LockField,
    src: &str,
    file: &SourceFile,
    methods: &[Method<'_>],
    pure: &HashSet<String>,
) -> Section {
    let matching = site.unlock_method();
    let well_formed = !site.unknown
        && site.leaks.is_empty()
        && !site.releases.is_empty()
        && site
            .releases
            .iter()
            .all(|r| r.method.is_none_or(|m| &src[m.byte_range()] == matching));
    let release_methods: Option<Vec<TextRange>> = site
        .releases
        .iter()
        .map(|r| {
            r.method
                .map(|m| TextRange::new(m.start_byte(), m.end_byte()))
        })
        .collect();
    let body = func.field("body").unwrap_or(func);
    let deferred = site
        .releases
        .iter()
        .any(|r| matches!(r.kind, ReleaseKind::Deferred | ReleaseKind::DeferredClosure));
    let from = site.stmt.end_byte();
    let to = if deferred {
        body.end_byte()
    } else {
        site.releases
            .iter()
            .map(|r| r.stmt.start_byte())
            .max()
            .unwrap_or(from)
    };
    let skip: Vec<usize> = site.releases.iter().map(|r| r.stmt.start_byte()).collect();
    let e = effects(body, from, to, Some(receiver), &skip, src);
    let empty = !has_statements(body, from, to, &skip);
    let reenters = e.locks.iter().any(|l| holds(l, receiver, &field.name))
        || e.receiver_calls
            .iter()
            .any(|c| takes_lock(&field.type_name, c, &field.name, methods));
    // An empty section is a barrier (wait for the writers), not a reader.
    // Before any explicit release in the text, the lock is held on every path that gets
    // there; later calls may sit after an early unlock on another path.
    let first_release = site
        .releases
        .iter()
        .filter(|r| matches!(r.kind, ReleaseKind::Explicit(_)))
        .map(|r| r.stmt.start_byte())
        .chain(
            e.unlocks
                .iter()
                .filter(|(l, _)| *l == site.receiver)
                .map(|(_, at)| *at),
        )
        .min()
        .unwrap_or(usize::MAX)
        // Beyond the block holding the Lock, the path may be another one (the block may
        // have returned): only the rest of that block is sure to hold it.
        .min(site.stmt.up().map_or(usize::MAX, |b| b.end_byte()));
    let mut reentries = Vec::new();
    for (lock, at) in e.locks.iter().zip(&e.lock_at) {
        if holds(lock, receiver, &field.name) && at.start < first_release {
            reentries.push((
                TextRange::new(at.start, at.end),
                format!("`{lock}` is locked again"),
            ));
        }
    }
    for (call, at) in e.receiver_calls.iter().zip(&e.receiver_call_at) {
        if at.start < first_release && takes_lock(&field.type_name, call, &field.name, methods) {
            reentries.push((
                TextRange::new(at.start, at.end),
                format!("`{receiver}.{call}()` locks `{}` again", site.receiver),
            ));
        }
    }
    let read_only = !empty
        && !e.writes
        && e.locks.is_empty()
        && e.receiver_calls
            .iter()
            .all(|c| pure.contains(&format!("{}.{c}", field.type_name)));
    Section {
        file: file.path.clone(),
        method: method.name.clone(),
        read_lock: site.read,
        lock_method: TextRange::new(site.call.method.start_byte(), site.call.method.end_byte()),
        release_methods,
        well_formed,
        read_only,
        reenters,
        reentries,
        region: (from, to),
    }
}

/// Whether `body` has a statement in `from..to` other than those starting at `skip`.
fn has_statements(body: Node<'_>, from: usize, to: usize, skip: &[usize]) -> bool {
    let mut found = false;
    walk_subtree(body, |n| {
        if found || n.end_byte() <= from || n.start_byte() >= to {
            return false;
        }
        let in_list = n
            .up()
            .is_some_and(|p| matches!(p.kind_name(), "statement_list" | "block"));
        if in_list
            && n.kind_name() != "comment"
            && n.start_byte() >= from
            && n.end_byte() <= to
            && !skip.contains(&n.start_byte())
        {
            found = true;
        }
        !found
    });
    found
}

/// `x.mu` in `x.mu.Lock()` (or another mutex method called with no arguments).
fn is_lock_call_operand(selector: Node<'_>, src: &str) -> bool {
    selector
        .up()
        .filter(|p| p.kind_name() == "selector_expression")
        .and_then(|p| p.up())
        .and_then(MethodCall::of)
        .is_some_and(|call| {
            call.receiver.id() == selector.id()
                && call.has_no_arguments()
                && matches!(
                    &src[call.method.byte_range()],
                    "Lock" | "Unlock" | "RLock" | "RUnlock" | "TryLock" | "TryRLock"
                )
        })
}

/// One `r.f` access in a method.
struct Access {
    field: String,
    method: usize,
    range: TextRange,
    write: bool,
    locked: bool,
}

/// GF120: per lock field, the fields it guards somewhere and the methods touching them
/// without it.
fn unguarded_accesses(
    fields: &[LockField],
    field_names: &HashMap<String, Vec<(String, String)>>,
    files: &[&SourceFile],
    methods: &[Method<'_>],
    facts: &PackageFacts<'_>,
) -> Vec<UnguardedAccess> {
    let mut out = Vec::new();
    // Where each method holds a lock of its receiver (`None`: cannot be followed).
    // Each method's lock sites, gathered once: a package of many methods must not scan
    // every site once per method.
    let mut sites_of: Vec<Vec<usize>> = vec![Vec::new(); methods.len()];
    for (at, (_, _, _, method)) in facts.sites.iter().enumerate() {
        if let Some(method) = method {
            sites_of[*method].push(at);
        }
    }
    let held: Vec<Option<Vec<(usize, usize)>>> = methods
        .iter()
        .zip(&sites_of)
        .map(|(m, own)| {
            let receiver = m.receiver.as_deref()?;
            let sites = own.iter().map(|&at| {
                let (_, func, site, _) = &facts.sites[at];
                (*func, site)
            });
            held_regions(m, receiver, sites, files[m.file].text(), methods)
        })
        .collect();
    let exempt = exempt_methods(methods, files, facts, &held);
    for lock in fields {
        let Some(all_fields) = field_names.get(&lock.type_name) else {
            continue;
        };
        let candidates: HashSet<&str> = all_fields
            .iter()
            .filter(|(name, ty)| {
                // Exported fields are API: often set before the value is shared (a Config).
                name != &lock.name
                    && !is_concurrency_safe(ty)
                    && !name.starts_with(|c: char| c.is_uppercase())
            })
            .map(|(name, _)| name.as_str())
            .collect();
        let accesses = field_accesses(lock, &candidates, files, methods, &held);
        let mut reported: HashSet<(String, usize)> = HashSet::new();
        for a in accesses.iter().filter(|a| !a.locked && !exempt[a.method]) {
            let guarded_in = accesses
                .iter()
                .find(|b| b.field == a.field && b.locked && b.method != a.method);
            let written = accesses
                .iter()
                .any(|b| b.field == a.field && b.write && !exempt[b.method]);
            let (Some(guarded), true) = (guarded_in, written) else {
                continue;
            };
            if !reported.insert((a.field.clone(), a.method)) {
                continue;
            }
            let m = &methods[a.method];
            let g = &methods[guarded.method];
            let receiver = m.receiver.as_deref().unwrap_or("_");
            let lock_shown = if lock.embedded {
                receiver.to_owned()
            } else {
                format!("{receiver}.{}", lock.name)
            };
            let (row, _) = files[g.file].location(guarded.range.start);
            let verb = if a.write { "written" } else { "read" };
            out.push(UnguardedAccess {
                file: files[m.file].path.clone(),
                range: a.range,
                message: format!(
                    "`{receiver}.{}` is {verb} without holding `{lock_shown}`, which guards it in {} ({}:{row})",
                    a.field,
                    g.name,
                    crate::render::display_path(&files[g.file].path),
                ),
            });
        }
    }
    out
}

/// Field types that are safe, or meant, to use without the mutex.
fn is_concurrency_safe(type_text: &str) -> bool {
    let t = type_text.trim_start_matches('*');
    t.starts_with("atomic.")
        || t.starts_with("sync.")
        || t.contains("Mutex")
        || t.starts_with("chan")
        || t.starts_with("<-chan")
}

/// Every `r.f` access to a candidate field in the methods of `lock`'s type, with whether it
/// lies in one of the lock's sections.
fn field_accesses(
    lock: &LockField,
    candidates: &HashSet<&str>,
    files: &[&SourceFile],
    methods: &[Method<'_>],
    held: &[Option<Vec<(usize, usize)>>],
) -> Vec<Access> {
    let mut out = Vec::new();
    for (i, m) in methods.iter().enumerate() {
        if m.type_name != lock.type_name {
            continue;
        }
        let Some(receiver) = m.receiver.as_deref() else {
            continue;
        };
        let file = files[m.file];
        let src = file.text();
        // A method whose locking gofix cannot follow is taken to hold the lock throughout.
        let whole = vec![(m.node.start_byte(), m.node.end_byte())];
        let sections = held[i].as_ref().unwrap_or(&whole);
        walk_subtree(m.node, |n| {
            if n.kind_name() != "selector_expression" {
                return true;
            }
            let (Some(operand), Some(field)) = (n.field("operand"), n.field("field")) else {
                return true;
            };
            let name = &src[field.byte_range()];
            if operand.kind_name() != "identifier"
                || &src[operand.byte_range()] != receiver
                || !candidates.contains(name)
            {
                return true;
            }
            if passed_to_receiver_method(n, receiver, src) {
                // `p.closeWithError(&p.err, …)`: the method it is handed to does the access,
                // under whatever lock it takes.
                return true;
            }
            let at = n.start_byte();
            out.push(Access {
                field: name.to_owned(),
                method: i,
                range: TextRange::new(n.start_byte(), n.end_byte()),
                write: is_written(n),
                locked: sections.iter().any(|(from, to)| at >= *from && at < *to),
            });
            true
        });
    }
    out
}

/// Where method `m` holds some lock of its receiver, as far as GF120 is concerned: from each
/// `r.x.Lock()`/`r.Lock()` (in closures inside `m` too) to its last explicit release, or to
/// the end of the method when the release is deferred, missing or unclear. `None` when the
/// method's locking cannot be followed: it releases a lock it did not take (a helper took
/// it), tries a lock (`TryLock`), or calls a method of the type that returns with a lock
/// held.
fn held_regions<'s, 't: 's>(
    m: &Method<'_>,
    receiver: &str,
    sites: impl Iterator<Item = (Node<'t>, &'s LockSite<'t>)>,
    src: &str,
    methods: &[Method<'_>],
) -> Option<Vec<(usize, usize)>> {
    let ours = |lock: &str| lock == receiver || lock.starts_with(&format!("{receiver}."));
    let end = m.node.end_byte();
    let mut regions = Vec::new();
    // Where the function holding each of our lock sites starts: a release met before any
    // of them releases a lock this method did not take.
    let mut lock_functions = Vec::new();
    for (func, site) in sites.filter(|(_, s)| ours(&s.receiver)) {
        lock_functions.push(func.start_byte());
        let explicit = !site.unknown
            && site.leaks.is_empty()
            && !site.releases.is_empty()
            && site
                .releases
                .iter()
                .all(|r| matches!(r.kind, ReleaseKind::Explicit(_)));
        let to = if explicit {
            site.releases
                .iter()
                .map(|r| r.stmt.start_byte())
                .max()
                .unwrap_or(end)
        } else {
            end
        };
        regions.push((site.stmt.end_byte(), to));
    }
    let mut unclear = false;
    walk_subtree(m.node, |func| {
        // `withLock(dc, func() { … })`: the closure runs under a lock a helper takes;
        // `once.Do(func() { … })` runs once, synchronised by the Once.
        if func.kind_name() == "call_expression"
            && func.field("function").is_some_and(|f| {
                let callee = &src[f.byte_range()];
                callee.to_ascii_lowercase().contains("lock") || callee.ends_with(".Do")
            })
            && let Some(args) = func.field("arguments")
        {
            let mut cursor = args.walk();
            for arg in args.named_children(&mut cursor) {
                if arg.kind_name() == "func_literal" {
                    regions.push((arg.start_byte(), arg.end_byte()));
                }
            }
        }
        if let Some(call) = MethodCall::of(func) {
            let method = &src[call.method.byte_range()];
            let on = squeeze(&src[call.receiver.byte_range()]);
            unclear |= ours(&on) && matches!(method, "TryLock" | "TryRLock");
            unclear |= on == receiver && leaves_locked(&m.type_name, method, methods);
        }
        if func.kind_name() == "selector_expression"
            && func
                .field("field")
                .is_some_and(|f| matches!(&src[f.byte_range()], "Unlock" | "RUnlock"))
            && func
                .field("operand")
                .is_some_and(|o| ours(&squeeze(&src[o.byte_range()])))
        {
            // A release: fine after a Lock here; a sign of a lock taken elsewhere without.
            unclear |= !lock_functions.iter().any(|&f| f <= func.start_byte());
        }
        true
    });
    (!unclear).then_some(regions)
}

/// Whether method `name` of the type returns with a lock of its receiver still held (a
/// `lock()` helper).
fn leaves_locked(type_name: &str, name: &str, methods: &[Method<'_>]) -> bool {
    methods
        .iter()
        .filter(|m| m.type_name == type_name && m.name == name)
        .any(|m| {
            let receiver = m.receiver.as_deref().unwrap_or("");
            !m.effects.locks.is_empty()
                && m.effects.locks.iter().all(|l| l.starts_with(receiver))
                && !m.releases
        })
}

/// `&r.f` as an argument of a call of one of `r`'s own methods.
fn passed_to_receiver_method(selector: Node<'_>, receiver: &str, src: &str) -> bool {
    selector
        .up()
        .filter(|p| p.kind_name() == "unary_expression")
        .and_then(|u| u.up())
        .filter(|a| a.kind_name() == "argument_list")
        .and_then(|a| a.up())
        .and_then(MethodCall::of)
        .is_some_and(|call| &src[call.receiver.byte_range()] == receiver)
}

/// `r.f = …`, `r.f[k] = …`, `r.f++`, `&r.f`: the field itself or an element of it changes.
/// Writes deeper down (`r.f[i].g = …`) change what the field points to, not the field.
fn is_written(selector: Node<'_>) -> bool {
    let mut node = selector;
    if let Some(index) = node.up().filter(|p| {
        p.kind_name() == "index_expression"
            && p.field("operand").is_some_and(|o| o.id() == node.id())
    }) {
        node = index;
    }
    let Some(parent) = node.up() else {
        return false;
    };
    match parent.kind_name() {
        "expression_list" => parent.up().is_some_and(|a| {
            a.kind_name() == "assignment_statement"
                && a.field("left").is_some_and(|l| l.id() == parent.id())
        }),
        "inc_statement" | "dec_statement" => true,
        "unary_expression" => parent.child(0).is_some_and(|op| op.kind_name() == "&"),
        _ => false,
    }
}

/// Methods that run before the value is shared or with a lock already held: `init…` and
/// `new…` names, `…Locked` names, and methods whose every call site is in a constructor,
/// under a lock of the calling method's receiver, or in a method that is itself exempt
/// (followed until nothing changes: `DecodeValue` locks, then calls `decodeValue`, which
/// calls `decodeStruct`…).
fn exempt_methods(
    methods: &[Method<'_>],
    files: &[&SourceFile],
    facts: &PackageFacts<'_>,
    held: &[Option<Vec<(usize, usize)>>],
) -> Vec<bool> {
    let by_name = |m: &Method<'_>| {
        let name = m.name.as_str();
        let lower = name.to_ascii_lowercase();
        lower.starts_with("init")
            || lower.starts_with("new")
            || name.ends_with("Locked")
            || name.ends_with("locked")
    };
    let mut exempt: Vec<bool> = methods
        .iter()
        .map(|m| {
            by_name(m)
                || facts.method_values.contains(&m.name)
                || doc_says_lock_held(m, files[m.file].text())
        })
        .collect();
    // Each call site: in a constructor, or the method around it and whether a lock is held
    // there.
    let sites: Vec<Vec<(bool, Option<usize>, bool)>> = methods
        .iter()
        .map(|m| {
            facts
                .calls
                .get(&m.name)
                .map(|calls| {
                    calls
                        .iter()
                        .map(|&(file, at)| {
                            // Tests call internals from one goroutine: like a constructor.
                            let in_constructor =
                                files[file].path.to_string_lossy().ends_with("_test.go")
                                    || facts
                                        .constructors
                                        .iter()
                                        .any(|(f, range)| *f == file && range.contains(&at));
                            let caller = methods
                                .iter()
                                .position(|c| c.file == file && c.node.byte_range().contains(&at));
                            let locked = caller.is_some_and(|c| {
                                held[c].as_ref().is_none_or(|regions| {
                                    regions.iter().any(|(from, to)| at >= *from && at < *to)
                                })
                            });
                            (in_constructor, caller, locked)
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    loop {
        let mut changed = false;
        for (i, calls) in sites.iter().enumerate() {
            // An unexported method is only reached from inside the package: judge it by its
            // call sites, and give it the benefit of the doubt where a caller is not a
            // method of a lock-holding type (its locking is not followed). An exported one
            // may be called from anywhere.
            let unexported = !methods[i].name.starts_with(|c: char| c.is_uppercase());
            if exempt[i] || (calls.is_empty() && !unexported) {
                continue;
            }
            let covered = calls.iter().all(|(in_constructor, caller, locked)| {
                *in_constructor
                    || *locked
                    || caller.is_some_and(|c| exempt[c] && c != i)
                    || (unexported && caller.is_none())
            });
            if covered {
                exempt[i] = true;
                changed = true;
            }
        }
        if !changed {
            return exempt;
        }
    }
}

/// Whether the comment right above a method says its caller holds the lock ("must be called
/// with w.mu held", "c.mu must be locked").
fn doc_says_lock_held(method: &Method<'_>, src: &str) -> bool {
    let mut doc = String::new();
    let mut row = method.node.start_position().row;
    let mut cur = method.node.prev_sibling();
    while let Some(c) =
        cur.filter(|c| c.kind_name() == "comment" && c.end_position().row + 1 == row)
    {
        doc.push(' ');
        doc.push_str(&src[c.byte_range()].to_ascii_lowercase());
        row = c.start_position().row;
        cur = c.prev_sibling();
    }
    let words: Vec<&str> = doc
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.contains(&"held")
        || words.contains(&"holding")
        || words.contains(&"locked")
        || words.windows(2).any(|w| w == ["must", "hold"])
}

/// A function (not a method) named `New…`/`new…`/`init`: it builds the value before anyone
/// else can see it.
fn is_constructor(func: Node<'_>, src: &str) -> bool {
    func.field("name").is_some_and(|id| {
        let name = &src[id.byte_range()];
        name.starts_with("New") || name.starts_with("new") || name == "init"
    })
}
