//! WaitGroup facts: which names are `sync.WaitGroup`s, known from declarations the package
//! itself contains — `var wg sync.WaitGroup`, `wg := &sync.WaitGroup{}`, `new(sync.WaitGroup)`,
//! parameters and fields typed `sync.WaitGroup` or `*sync.WaitGroup`, each file's `sync`
//! import name resolved — and the functions of the package that take one by value, with
//! what passing `&wg` at every call site takes (GF312 fixes the whole package at once).
//!
//! A name merely called `wg` is no fact: [`Known::Unknown`] leaves it to each rule whether to
//! report with an Unsafe fix or not at all. Local names are resolved through the scopes of
//! the function (parameters, earlier `var` and `:=` in enclosing blocks, statement headers);
//! package-level variables and struct fields by name across the package.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use tree_sitter::Node;

use crate::diagnostic::TextRange;
use crate::fix::Edit;
use crate::package::import_name;
use crate::source::{SourceFile, Word};

use super::{Kinds, MethodCall, each_of_kinds, is_function, squeeze, walk_subtree};
use crate::syntax::NodeKind;

/// How a name holds its WaitGroup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// `sync.WaitGroup`: the WaitGroup itself (copying the name copies the counter).
    Value,
    /// `*sync.WaitGroup`.
    Pointer,
    /// A field name declared one way in one struct and the other way in another.
    Either,
}

impl Holding {
    fn merge(self, other: Holding) -> Holding {
        if self == other { self } else { Holding::Either }
    }
}

/// What the package's declarations say about an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Declared (or built) as a `sync.WaitGroup` or a pointer to one.
    WaitGroup(Holding),
    /// Declared here with another type, or built from another type's literal.
    Other,
    /// Nothing in the package says (a call result, a field of another package's type, …).
    Unknown,
}

impl Known {
    pub fn is_waitgroup(self) -> bool {
        matches!(self, Known::WaitGroup(_))
    }
}

/// A function of the package whose parameter is a `sync.WaitGroup` by value.
#[derive(Debug)]
pub struct ByValueFunction {
    pub file: PathBuf,
    /// The parameter's type, `sync.WaitGroup`.
    pub param_type: TextRange,
    /// The edits that pass a pointer at every call site of the package (each naming its
    /// file); `None` when that cannot be done with confidence: the function is exported (or
    /// declared twice), named other than in calls, its parameter is used other than by
    /// calling its methods, or a call site passes something whose address cannot be taken.
    pub call_edits: Option<Vec<Edit>>,
}

/// The WaitGroup facts of one package.
#[derive(Debug, Default)]
pub struct WaitGroups {
    /// Struct fields typed `sync.WaitGroup` / `*sync.WaitGroup` (embedded: `WaitGroup`), and
    /// keys of composite literals given a new WaitGroup.
    fields: HashMap<String, Holding>,
    /// Package-level variables.
    globals: HashMap<String, Holding>,
    by_value: Vec<ByValueFunction>,
    /// Names of the functions and methods `go` statements of the package start.
    started: HashSet<String>,
}

/// A by-value parameter found while reading the declarations, before the call sites are.
struct Candidate {
    name: String,
    file: usize,
    param_type: TextRange,
    /// Where the function declaration starts, telling declarations apart.
    decl_start: usize,
    /// Position of the parameter among the arguments of a call.
    position: usize,
    /// The declaration allows a fix at all (see [`ByValueFunction::call_edits`]).
    fixable: bool,
}

impl WaitGroups {
    pub fn build(files: &[&SourceFile]) -> Self {
        let (mut facts, candidates) = Self::declarations(files);
        for file in files {
            if file.says(Word::Go) {
                facts.add_started(file);
            }
        }
        if !candidates.is_empty() {
            facts.by_value = resolve_call_sites(candidates, files);
        }
        facts
    }

    /// The names through which a file may use these facts without saying `WaitGroup`: the
    /// WaitGroup fields and package variables (copied, GF312) and the functions taking one
    /// by value (their call sites, which GF312's fix edits). The prefilter parses files
    /// naming them; all are declared in files that say `WaitGroup`, so `files` may be just
    /// those.
    pub fn declared_names(files: &[&SourceFile]) -> Vec<String> {
        let (facts, candidates) = Self::declarations(files);
        facts
            .fields
            .into_keys()
            .chain(facts.globals.into_keys())
            .chain(candidates.into_iter().map(|c| c.name))
            .collect()
    }

    /// The WaitGroups the files declare, and the by-value parameters before their call
    /// sites are resolved.
    fn declarations(files: &[&SourceFile]) -> (Self, Vec<Candidate>) {
        let mut facts = WaitGroups::default();
        let mut candidates: Vec<Candidate> = Vec::new();
        for (i, file) in files.iter().enumerate() {
            // Every WaitGroup this index knows is declared by a file saying `WaitGroup`.
            if !file.says(Word::WaitGroup) {
                continue;
            }
            let Some(sync) = import_name(file, "sync") else {
                continue;
            };
            let src = file.text();
            let root = file.root();
            let main = package_name(root, src) == Some("main");
            static DECLARING: Kinds = Kinds::new(&[
                "field_declaration",
                "keyed_element",
                "var_declaration",
                "function_declaration",
            ]);
            each_of_kinds(root, &DECLARING, |n| match n.kind_name() {
                "field_declaration" => facts.add_field(n, src, &sync),
                "keyed_element" => facts.add_keyed(n, src, &sync),
                "var_declaration" if n.up() == Some(root) => {
                    facts.add_global(n, src, &sync);
                }
                "function_declaration" => {
                    candidates.extend(by_value_params(n, src, &sync, i, main));
                }
                _ => {}
            });
        }
        (facts, candidates)
    }

    /// `go f(…)` and `go x.m(…)`: `f` and `m` run as goroutines.
    fn add_started(&mut self, file: &SourceFile) {
        let src = file.text();
        static GO: Kinds = Kinds::new(&["go_statement"]);
        each_of_kinds(file.root(), &GO, |n| {
            if let Some(f) = n.named_child(0).and_then(|c| c.field("function")) {
                let name = match f.kind_name() {
                    "identifier" => Some(f),
                    "selector_expression" => f.field("field"),
                    _ => None,
                };
                if let Some(name) = name {
                    self.started.insert(src[name.byte_range()].to_owned());
                }
            }
        });
    }

    /// Whether some `go` statement of the package starts a function or method of this
    /// name (names only: methods of two types with one name are not told apart).
    pub fn is_started(&self, name: &str) -> bool {
        self.started.contains(name)
    }

    fn add_field(&mut self, decl: Node<'_>, src: &str, sync: &str) {
        let Some(Known::WaitGroup(h)) = decl
            .field("type")
            .map(|t| classify_type(t, src, Some(sync)))
        else {
            return;
        };
        let mut cursor = decl.walk();
        let mut names: Vec<String> = decl
            .children_by_field_name("name", &mut cursor)
            .map(|n| src[n.byte_range()].to_owned())
            .collect();
        if names.is_empty() {
            names.push("WaitGroup".to_owned()); // embedded
        }
        for name in names {
            self.note_field(name, h);
        }
    }

    /// `Server{wg: &sync.WaitGroup{}}`: the key names a WaitGroup field.
    fn add_keyed(&mut self, keyed: Node<'_>, src: &str, sync: &str) {
        let (Some(key), Some(value)) = (keyed.named_child(0), keyed.named_child(1)) else {
            return;
        };
        let Some(key) = key.named_child(0).filter(|k| k.kind_name() == "identifier") else {
            return;
        };
        let Some(value) = value.named_child(0) else {
            return;
        };
        if let Known::WaitGroup(h) = built(value, src, Some(sync)) {
            self.note_field(src[key.byte_range()].to_owned(), h);
        }
    }

    fn note_field(&mut self, name: String, h: Holding) {
        self.fields
            .entry(name)
            .and_modify(|old| *old = old.merge(h))
            .or_insert(h);
    }

    fn add_global(&mut self, decl: Node<'_>, src: &str, sync: &str) {
        walk_subtree(decl, |n| {
            if n.kind_name() != "var_spec" {
                return true;
            }
            let mut cursor = n.walk();
            let names: Vec<Node<'_>> = n.children_by_field_name("name", &mut cursor).collect();
            for (i, name) in names.iter().enumerate() {
                if let Known::WaitGroup(h) = classify_spec(n, i, names.len(), src, Some(sync)) {
                    self.globals
                        .entry(src[name.byte_range()].to_owned())
                        .and_modify(|old| *old = old.merge(h))
                        .or_insert(h);
                }
            }
            false
        });
    }

    /// What the package says `expr` is. `sync` is the name the expression's file imports
    /// `sync` by.
    pub fn known(&self, expr: Node<'_>, src: &str, sync: Option<&str>) -> Known {
        self.known_at(expr, src, sync, 0)
    }

    fn known_at(&self, expr: Node<'_>, src: &str, sync: Option<&str>, depth: usize) -> Known {
        if depth > 8 {
            return Known::Unknown;
        }
        match expr.kind_name() {
            "parenthesized_expression" => match expr.named_child(0) {
                Some(inner) => self.known_at(inner, src, sync, depth + 1),
                None => Known::Unknown,
            },
            "identifier" => {
                let name = &src[expr.byte_range()];
                match declaration_of(expr, name, src) {
                    Some(Decl::Typed(t)) => classify_type(t, src, sync),
                    Some(Decl::Valued(v)) => self.known_at(v, src, sync, depth + 1),
                    Some(Decl::Untyped) => Known::Unknown,
                    None => self
                        .globals
                        .get(name)
                        .map_or(Known::Unknown, |h| Known::WaitGroup(*h)),
                }
            }
            "selector_expression" => expr
                .field("field")
                .and_then(|f| self.fields.get(&src[f.byte_range()]))
                .map_or(Known::Unknown, |h| Known::WaitGroup(*h)),
            "unary_expression" => {
                let (Some(op), Some(operand)) = (expr.child(0), expr.field("operand")) else {
                    return Known::Unknown;
                };
                match (op.kind_name(), self.known_at(operand, src, sync, depth + 1)) {
                    ("*", Known::WaitGroup(Holding::Pointer | Holding::Either)) => {
                        Known::WaitGroup(Holding::Value)
                    }
                    ("&", Known::WaitGroup(Holding::Value)) => Known::WaitGroup(Holding::Pointer),
                    ("&", _) if operand.kind_name() == "composite_literal" => {
                        built(expr, src, sync)
                    }
                    _ => Known::Unknown,
                }
            }
            _ => built(expr, src, sync),
        }
    }

    /// The by-value WaitGroup parameter whose type sits at `param_type` in `file`.
    pub fn by_value_function(
        &self,
        file: &PathBuf,
        param_type: TextRange,
    ) -> Option<&ByValueFunction> {
        self.by_value
            .iter()
            .find(|f| &f.file == file && f.param_type == param_type)
    }
}

/// Where a local name is declared.
#[derive(Debug, Clone, Copy)]
enum Decl<'t> {
    /// With a type: a parameter, `var x T`.
    Typed(Node<'t>),
    /// From one value: `x := v`, `var x = v`.
    Valued(Node<'t>),
    /// Some other way: a range variable, a multi-value call, a type switch alias.
    Untyped,
}

/// The declaration `ident` (named `name`) refers to, searching outward through the blocks
/// and functions around it; `None` when nothing below the package level declares it.
fn declaration_of<'t>(ident: Node<'t>, name: &str, src: &str) -> Option<Decl<'t>> {
    declaration_within(ident, name, src, None)
}

/// Whether `ident` refers to something declared inside `func` (a function literal): one of
/// its parameters, or a local of its body. `Some(true)` for a parameter, `Some(false)` for
/// a local, `None` when it comes from outside.
pub fn declared_in(ident: Node<'_>, func: Node<'_>, src: &str) -> Option<bool> {
    let name = &src[ident.byte_range()];
    declaration_within(ident, name, src, Some(func))?;
    let params = func.field("parameters");
    Some(params.is_some_and(|list| parameter_decl(list, name, src).is_some()))
}

/// [`declaration_of`], looking no further out than `stop` (included).
fn declaration_within<'t>(
    ident: Node<'t>,
    name: &str,
    src: &str,
    stop: Option<Node<'t>>,
) -> Option<Decl<'t>> {
    let mut child = ident;
    let mut cur = ident.up();
    while let Some(node) = cur {
        let found = match node.kind_name() {
            "func_literal" | "function_declaration" | "method_declaration" => {
                ["parameters", "receiver", "result"]
                    .iter()
                    .find_map(|field| {
                        node.field(field)
                            .and_then(|list| parameter_decl(list, name, src))
                    })
            }
            "statement_list" => {
                let mut cursor = node.walk();
                let before: Vec<Node<'t>> = node
                    .named_children(&mut cursor)
                    .take_while(|s| s.id() != child.id())
                    .collect();
                before
                    .iter()
                    .rev()
                    .find_map(|s| statement_decl(*s, name, src))
            }
            "for_statement" => {
                let mut cursor = node.walk();
                let header = node
                    .named_children(&mut cursor)
                    .find(|n| matches!(n.kind_name(), "range_clause" | "for_clause"));
                header
                    .filter(|h| h.id() != child.id())
                    .and_then(|h| match h.kind_name() {
                        "range_clause" => h
                            .field("left")
                            .filter(|_| h.child(1).is_some_and(|op| op.kind_name() == ":="))
                            .filter(|l| names_in(*l, src).contains(&name))
                            .map(|_| Decl::Untyped),
                        _ => h
                            .field("initializer")
                            .and_then(|init| statement_decl(init, name, src)),
                    })
            }
            "if_statement" | "expression_switch_statement" | "type_switch_statement" => {
                let by_init = node
                    .field("initializer")
                    .filter(|init| init.id() != child.id())
                    .and_then(|init| statement_decl(init, name, src));
                let by_alias = node
                    .field("alias")
                    .filter(|a| a.id() != child.id() && names_in(*a, src).contains(&name))
                    .map(|_| Decl::Untyped);
                by_init.or(by_alias)
            }
            "communication_case" => node
                .field("communication")
                .filter(|c| c.id() != child.id() && c.kind_name() == "receive_statement")
                .and_then(|c| c.field("left"))
                .filter(|l| names_in(*l, src).contains(&name))
                .map(|_| Decl::Untyped),
            "source_file" => return None,
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        if stop.is_some_and(|s| s.id() == node.id()) {
            return None;
        }
        child = node;
        cur = node.up();
    }
    None
}

/// The declaration of `name` in a parameter list.
fn parameter_decl<'t>(list: Node<'t>, name: &str, src: &str) -> Option<Decl<'t>> {
    let mut cursor = list.walk();
    let params: Vec<Node<'t>> = list.named_children(&mut cursor).collect();
    params.into_iter().find_map(|p| {
        let mut names = p.walk();
        let declares = p
            .children_by_field_name("name", &mut names)
            .any(|id| &src[id.byte_range()] == name);
        if !declares {
            return None;
        }
        match (p.kind_name(), p.field("type")) {
            ("parameter_declaration", Some(t)) => Some(Decl::Typed(t)),
            _ => Some(Decl::Untyped),
        }
    })
}

/// The declaration of `name` a statement makes in the scope it sits in.
fn statement_decl<'t>(stmt: Node<'t>, name: &str, src: &str) -> Option<Decl<'t>> {
    match stmt.kind_name() {
        "short_var_declaration" => {
            let left = stmt.field("left")?;
            let names = names_in(left, src);
            let at = names.iter().position(|n| *n == name)?;
            let values = stmt.field("right").map(expressions).unwrap_or_default();
            Some(if values.len() == names.len() {
                Decl::Valued(values[at])
            } else {
                Decl::Untyped
            })
        }
        "var_declaration" => {
            let mut found = None;
            walk_subtree(stmt, |n| {
                if found.is_some() {
                    return false;
                }
                if n.kind_name() != "var_spec" {
                    return true;
                }
                let mut cursor = n.walk();
                let names: Vec<Node<'t>> = n.children_by_field_name("name", &mut cursor).collect();
                if let Some(at) = names.iter().position(|id| &src[id.byte_range()] == name) {
                    found = Some(spec_decl(n, at, names.len()));
                }
                false
            });
            found
        }
        "const_declaration" => statement_declares_const(stmt, name, src).then_some(Decl::Untyped),
        "labeled_statement" => stmt
            .named_child(1)
            .and_then(|inner| statement_decl(inner, name, src)),
        _ => None,
    }
}

fn statement_declares_const(stmt: Node<'_>, name: &str, src: &str) -> bool {
    let mut found = false;
    walk_subtree(stmt, |n| {
        if n.kind_name() == "const_spec" {
            let mut cursor = n.walk();
            found |= n
                .children_by_field_name("name", &mut cursor)
                .any(|id| &src[id.byte_range()] == name);
            return false;
        }
        !found
    });
    found
}

/// The declaration of the `at`-th of `count` names of a `var_spec`.
fn spec_decl(spec: Node<'_>, at: usize, count: usize) -> Decl<'_> {
    if let Some(t) = spec.field("type") {
        return Decl::Typed(t);
    }
    let values = spec.field("value").map(expressions).unwrap_or_default();
    if values.len() == count {
        Decl::Valued(values[at])
    } else {
        Decl::Untyped
    }
}

/// What the `at`-th of `count` names of a `var_spec` holds, from its type or value alone.
fn classify_spec(spec: Node<'_>, at: usize, count: usize, src: &str, sync: Option<&str>) -> Known {
    match spec_decl(spec, at, count) {
        Decl::Typed(t) => classify_type(t, src, sync),
        Decl::Valued(v) => built(v, src, sync),
        Decl::Untyped => Known::Unknown,
    }
}

/// `sync.WaitGroup` → Value, `*sync.WaitGroup` → Pointer, any other type → Other.
pub fn classify_type(ty: Node<'_>, src: &str, sync: Option<&str>) -> Known {
    match ty.kind_name() {
        "parenthesized_type" => ty
            .named_child(0)
            .map_or(Known::Unknown, |t| classify_type(t, src, sync)),
        "pointer_type" => match ty.named_child(0).map(|t| classify_type(t, src, sync)) {
            Some(Known::WaitGroup(Holding::Value)) => Known::WaitGroup(Holding::Pointer),
            _ => Known::Other,
        },
        "qualified_type" if is_waitgroup_type(ty, src, sync) => Known::WaitGroup(Holding::Value),
        _ => Known::Other,
    }
}

/// `sync.WaitGroup` (as a type, or as the selector `new(sync.WaitGroup)` may parse to).
fn is_waitgroup_type(node: Node<'_>, src: &str, sync: Option<&str>) -> bool {
    let Some(sync) = sync else {
        return false;
    };
    matches!(node.kind_name(), "qualified_type" | "selector_expression")
        && squeeze(&src[node.byte_range()]) == format!("{sync}.WaitGroup")
}

/// What a value expression builds: `sync.WaitGroup{}`, `&sync.WaitGroup{}`,
/// `new(sync.WaitGroup)`; another type's literal, `&T{}` or `new(T)` is Other.
fn built(expr: Node<'_>, src: &str, sync: Option<&str>) -> Known {
    match expr.kind_name() {
        "composite_literal" => {
            if expr
                .field("type")
                .is_some_and(|t| is_waitgroup_type(t, src, sync))
            {
                Known::WaitGroup(Holding::Value)
            } else {
                Known::Other
            }
        }
        "unary_expression" => {
            let is_address = expr.child(0).is_some_and(|op| op.kind_name() == "&");
            match expr.field("operand") {
                Some(inner) if is_address && inner.kind_name() == "composite_literal" => {
                    match built(inner, src, sync) {
                        Known::WaitGroup(_) => Known::WaitGroup(Holding::Pointer),
                        other => other,
                    }
                }
                _ => Known::Unknown,
            }
        }
        "call_expression" => {
            let is_new = expr
                .field("function")
                .is_some_and(|f| f.kind_name() == "identifier" && &src[f.byte_range()] == "new");
            let arg = expr.field("arguments").and_then(|a| a.named_child(0));
            match (is_new, arg) {
                (true, Some(a)) if is_waitgroup_type(a, src, sync) => {
                    Known::WaitGroup(Holding::Pointer)
                }
                (true, Some(_)) => Known::Other,
                _ => Known::Unknown,
            }
        }
        "func_literal"
        | "int_literal"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "float_literal"
        | "true"
        | "false"
        | "nil" => Known::Other,
        _ => Known::Unknown,
    }
}

/// The expressions of an expression list.
fn expressions(list: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect()
}

/// The identifiers directly in an expression list.
fn names_in<'s>(list: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|n| n.kind_name() == "identifier")
        .map(|n| &src[n.byte_range()])
        .collect()
}

/// The name of a file's package clause.
fn package_name<'s>(root: Node<'_>, src: &'s str) -> Option<&'s str> {
    let mut cursor = root.walk();
    let clause = root
        .named_children(&mut cursor)
        .find(|n| n.kind_name() == "package_clause")?;
    let name = clause.named_child(0)?;
    Some(&src[name.byte_range()])
}

/// The by-value WaitGroup parameters of a function declaration.
fn by_value_params(
    func: Node<'_>,
    src: &str,
    sync: &str,
    file: usize,
    main: bool,
) -> Vec<Candidate> {
    let (Some(name), Some(params)) = (func.field("name"), func.field("parameters")) else {
        return Vec::new();
    };
    let name = &src[name.byte_range()];
    let exported = name.chars().next().is_some_and(char::is_uppercase);
    let body = func.field("body");
    let mut out = Vec::new();
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let mut names = param.walk();
        let param_names: Vec<Node<'_>> = param.children_by_field_name("name", &mut names).collect();
        if param.kind_name() == "parameter_declaration"
            && let Some(ty) = param.field("type")
            && classify_type(ty, src, Some(sync)) == Known::WaitGroup(Holding::Value)
        {
            let used_as_receiver_only = match (param_names.first(), body) {
                (Some(p), Some(body)) => only_method_receiver(body, &src[p.byte_range()], src),
                _ => true,
            };
            out.push(Candidate {
                name: name.to_owned(),
                file,
                param_type: TextRange::new(ty.start_byte(), ty.end_byte()),
                decl_start: func.start_byte(),
                position: parameter_position(params, param),
                fixable: (!exported || main) && param_names.len() <= 1 && used_as_receiver_only,
            });
        }
    }
    out
}

/// Whether every use of `name` below `body` calls a method on it (`wg.Done()`): then it can
/// become a pointer without another change. A shadowing declaration counts as another use.
pub fn only_method_receiver(body: Node<'_>, name: &str, src: &str) -> bool {
    if name == "_" {
        return true;
    }
    let mut ok = true;
    walk_subtree(body, |n| {
        if !ok {
            return false;
        }
        if n.kind_name() == "identifier" && &src[n.byte_range()] == name {
            ok = n
                .up()
                .filter(|p| p.kind_name() == "selector_expression" && p.field("operand") == Some(n))
                .and_then(|sel| sel.up())
                .and_then(MethodCall::of)
                .is_some_and(|call| call.receiver == n);
        }
        ok
    });
    ok
}

/// The edit that passes a pointer instead of the WaitGroup `arg`: `wg` → `&wg`, `s.wg` →
/// `&s.wg`, `*p` → `p`; `None` when the address of `arg` cannot be taken with confidence (a
/// map element, a call result).
pub fn address_edit(arg: Node<'_>) -> Option<Edit> {
    match arg.kind_name() {
        "identifier" | "composite_literal" | "parenthesized_expression" => {
            Some(Edit::insertion(arg.start_byte(), "&"))
        }
        "selector_expression" => {
            let mut cur = arg;
            while cur.kind_name() == "selector_expression" {
                cur = cur.field("operand")?;
            }
            (cur.kind_name() == "identifier").then(|| Edit::insertion(arg.start_byte(), "&"))
        }
        "unary_expression" => {
            let op = arg.child(0).filter(|op| op.kind_name() == "*")?;
            let operand = arg.field("operand")?;
            Some(Edit::deletion(op.start_byte(), operand.start_byte()))
        }
        _ => None,
    }
}

/// The position a parameter declaration's (first) name takes among the arguments of a call.
pub fn parameter_position(params: Node<'_>, decl: Node<'_>) -> usize {
    let mut position = 0;
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        if param.id() == decl.id() {
            break;
        }
        if matches!(
            param.kind_name(),
            "parameter_declaration" | "variadic_parameter_declaration"
        ) {
            let mut names = param.walk();
            position += param
                .children_by_field_name("name", &mut names)
                .count()
                .max(1);
        }
    }
    position
}

/// The edit passing a pointer at argument `position` of `call`; `None` when the call
/// spreads a slice (`f(xs...)`), has too few arguments, or the argument's address cannot
/// be taken.
pub fn call_site_edit(call: Node<'_>, position: usize) -> Option<Edit> {
    let arguments = call.field("arguments")?;
    let mut cursor = arguments.walk();
    if arguments
        .children(&mut cursor)
        .any(|t| t.kind_name() == "...")
    {
        return None;
    }
    let args = expressions(arguments);
    address_edit(*args.get(position)?)
}

/// Find every call site of every candidate across the package and turn the fixable ones
/// into edits.
fn resolve_call_sites(candidates: Vec<Candidate>, files: &[&SourceFile]) -> Vec<ByValueFunction> {
    // Each function name, with how often it is declared among the candidates' functions.
    let mut declared: HashMap<&str, usize> = HashMap::new();
    for c in &candidates {
        *declared.entry(c.name.as_str()).or_default() += 1;
    }
    let mut sites: HashMap<&str, Vec<(usize, Node<'_>)>> = HashMap::new();
    let mut other_use: HashMap<&str, bool> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        let src = file.text();
        walk_subtree(file.root(), |n| {
            if n.kind_name() != "identifier" {
                return true;
            }
            let Some(name) = declared
                .keys()
                .find(|k| **k == &src[n.byte_range()])
                .copied()
            else {
                return true;
            };
            let parent = n.up();
            let is_call = parent.is_some_and(|p| {
                p.kind_name() == "call_expression" && p.field("function") == Some(n)
            });
            let is_declaration = parent.is_some_and(|p| {
                p.kind_name() == "function_declaration" && p.field("name") == Some(n)
            });
            if is_call {
                sites
                    .entry(name)
                    .or_default()
                    .push((i, parent.unwrap_or(n)));
            } else if !is_declaration {
                other_use.insert(name, true);
            }
            true
        });
    }
    let mut out = Vec::new();
    for c in &candidates {
        let mut edits = Some(Vec::new());
        // Declared once (several declarations are for different build targets: a call may
        // mean either), never used as a value.
        let clean = c.fixable
            && declared_functions(&candidates, &c.name) == 1
            && !other_use.get(c.name.as_str()).copied().unwrap_or(false);
        if !clean {
            edits = None;
        }
        for (file, call) in sites.get(c.name.as_str()).into_iter().flatten() {
            let Some(list) = edits.as_mut() else {
                break;
            };
            match call_site_edit(*call, c.position) {
                Some(edit) => list.push(edit.in_file(files[*file].path.clone())),
                None => edits = None,
            }
        }
        out.push(ByValueFunction {
            file: files[c.file].path.clone(),
            param_type: c.param_type,
            call_edits: edits,
        });
    }
    out
}

/// How many function declarations named `name` hold a by-value parameter.
fn declared_functions(candidates: &[Candidate], name: &str) -> usize {
    let mut seen: Vec<(usize, usize)> = candidates
        .iter()
        .filter(|c| c.name == name)
        .map(|c| (c.file, c.decl_start))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// Whether some call below `scope` calls `method` on a receiver written `receiver`
/// (whitespace ignored), closures included.
pub fn calls_method(scope: Node<'_>, receiver: &str, method: &str, src: &str) -> bool {
    method_calls(scope, receiver, method, src) > 0
}

/// How many calls below `scope` call `method` on a receiver written `receiver` (whitespace
/// ignored), closures included.
pub fn method_calls(scope: Node<'_>, receiver: &str, method: &str, src: &str) -> usize {
    let mut count = 0;
    walk_subtree(scope, |n| {
        if let Some(call) = MethodCall::of(n)
            && &src[call.method.byte_range()] == method
            && squeeze(&src[call.receiver.byte_range()]) == receiver
        {
            count += 1;
        }
        true
    });
    count
}

/// The variable at the root of `s.wg` or `(*p)`: through selectors, parentheses and `*`.
pub fn root_identifier(mut expr: Node<'_>) -> Option<Node<'_>> {
    loop {
        expr = match expr.kind_name() {
            "identifier" => return Some(expr),
            "selector_expression" => expr.field("operand")?,
            "parenthesized_expression" => expr.named_child(0)?,
            "unary_expression" => expr.field("operand")?,
            _ => return None,
        };
    }
}

/// Whether a node sits inside a function literal or declaration below `within` (its
/// statements run some other time, or in some other goroutine).
pub fn in_nested_function(node: Node<'_>, within: Node<'_>) -> bool {
    let mut cur = node.up();
    while let Some(n) = cur {
        if n.id() == within.id() {
            return false;
        }
        if is_function(n.kind_name()) {
            return true;
        }
        cur = n.up();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::test_support::find;
    use super::*;

    fn file(name: &str, src: &str) -> SourceFile {
        SourceFile::new(PathBuf::from(name), src.as_bytes().to_vec(), None, true).unwrap()
    }

    /// What the package says about the receiver of the call starting with `call`.
    fn known_receiver(facts: &WaitGroups, f: &SourceFile, call: &str) -> Known {
        let src = f.text();
        let node = find(f.root(), src, "call_expression", call);
        let receiver = MethodCall::of(node).unwrap().receiver;
        facts.known(receiver, src, import_name(f, "sync").as_deref())
    }

    const DECLS: &str = "package p

import s \"sync\"

type Server struct {
\twg    s.WaitGroup
\tpeers *s.WaitGroup
\tcount int
}

var global s.WaitGroup

func f(param *s.WaitGroup, srv *Server, other *Group) {
\tvar local s.WaitGroup
\tbuilt := &s.WaitGroup{}
\tfresh := new(s.WaitGroup)
\tcopied := local
\tpointed := &local
\tnamed := other.group
\twg := newGroup()
\tlocal.Add(1)
\tbuilt.Add(1)
\tfresh.Add(1)
\tcopied.Add(1)
\tpointed.Add(1)
\tparam.Add(1)
\tglobal.Add(1)
\tsrv.wg.Add(1)
\tsrv.peers.Add(1)
\tnamed.Add(1)
\twg.Add(1)
\tother.Add(1)
\t(*param).Add(1)
}
";

    #[test]
    fn declarations_make_names_known() {
        let f = file("a.go", DECLS);
        let facts = WaitGroups::build(&[&f]);
        let value = Known::WaitGroup(Holding::Value);
        let pointer = Known::WaitGroup(Holding::Pointer);
        for (call, want) in [
            ("local.Add", value),
            ("built.Add", pointer),
            ("fresh.Add", pointer),
            ("copied.Add", value),
            ("pointed.Add", pointer),
            ("param.Add", pointer),
            ("global.Add", value),
            ("srv.wg.Add", value),
            ("srv.peers.Add", pointer),
            ("(*param).Add", value),
        ] {
            assert_eq!(known_receiver(&facts, &f, call), want, "{call}");
        }
        // Called `wg` but built by a function: no fact. Declared with another type: Other.
        assert_eq!(known_receiver(&facts, &f, "wg.Add"), Known::Unknown);
        assert_eq!(known_receiver(&facts, &f, "named.Add"), Known::Unknown);
        assert_eq!(known_receiver(&facts, &f, "other.Add"), Known::Other);
    }

    #[test]
    fn the_sync_import_name_is_resolved_per_file() {
        // `sync` here is not the standard package: this file imports it as `s`.
        let f = file(
            "a.go",
            "package p\n\nimport s \"sync\"\n\nfunc f() {\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n}\n",
        );
        let facts = WaitGroups::build(&[&f]);
        assert_eq!(known_receiver(&facts, &f, "wg.Add"), Known::Other);
        // No `sync` import at all: nothing is known.
        let g = file(
            "b.go",
            "package p\n\nfunc g() {\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n}\n",
        );
        let facts = WaitGroups::build(&[&g]);
        assert_eq!(known_receiver(&facts, &g, "wg.Add"), Known::Other);
    }

    #[test]
    fn fields_and_globals_are_package_wide() {
        let types = file(
            "types.go",
            "package p\n\nimport \"sync\"\n\ntype Pool struct {\n\tsync.WaitGroup\n\tworkers *sync.WaitGroup\n}\n\nvar (\n\tdone = &sync.WaitGroup{}\n)\n",
        );
        let user = file(
            "use.go",
            "package p\n\nfunc (p *Pool) run() {\n\tp.workers.Add(1)\n\tp.WaitGroup.Add(1)\n\tdone.Add(1)\n\tp.other.Add(1)\n}\n",
        );
        let facts = WaitGroups::build(&[&types, &user]);
        let pointer = Known::WaitGroup(Holding::Pointer);
        assert_eq!(known_receiver(&facts, &user, "p.workers.Add"), pointer);
        assert_eq!(known_receiver(&facts, &user, "done.Add"), pointer);
        assert_eq!(
            known_receiver(&facts, &user, "p.WaitGroup.Add"),
            Known::WaitGroup(Holding::Value)
        );
        assert_eq!(known_receiver(&facts, &user, "p.other.Add"), Known::Unknown);
    }

    #[test]
    fn inner_scopes_shadow_outer_declarations() {
        let f = file(
            "a.go",
            "package p\n\nimport \"sync\"\n\nvar wg sync.WaitGroup\n\nfunc f(xs []int) {\n\tfor _, wg := range xs {\n\t\twg.Add(1)\n\t}\n\tgo func(wg *Counter) {\n\t\twg.Done()\n\t}(nil)\n\twg.Wait()\n}\n",
        );
        let facts = WaitGroups::build(&[&f]);
        assert_eq!(known_receiver(&facts, &f, "wg.Add"), Known::Unknown);
        assert_eq!(known_receiver(&facts, &f, "wg.Done"), Known::Other);
        assert_eq!(
            known_receiver(&facts, &f, "wg.Wait"),
            Known::WaitGroup(Holding::Value)
        );
    }

    #[test]
    fn by_value_parameters_and_their_call_sites() {
        let decl = file(
            "work.go",
            "package p\n\nimport \"sync\"\n\nfunc work(id int, wg sync.WaitGroup) {\n\tdefer wg.Done()\n}\n\nfunc Exported(wg sync.WaitGroup) {\n\twg.Done()\n}\n\nfunc passOn(wg sync.WaitGroup) {\n\twork(1, wg)\n}\n",
        );
        let calls = file(
            "main.go",
            "package p\n\nimport \"sync\"\n\nfunc run(p *sync.WaitGroup) {\n\tvar wg sync.WaitGroup\n\tgo work(1, wg)\n\twork(2, *p)\n}\n",
        );
        let facts = WaitGroups::build(&[&decl, &calls]);
        let src = decl.text();
        let param = |prefix: &str| {
            let t = find(decl.root(), src, "parameter_declaration", prefix)
                .field("type")
                .unwrap();
            TextRange::new(t.start_byte(), t.end_byte())
        };
        let work = facts
            .by_value_function(&decl.path, param("wg sync"))
            .unwrap();
        let edits = work.call_edits.as_ref().expect("work can be fixed");
        // `work(1, wg)` in passOn, `go work(1, wg)` and `work(2, *p)` in main.go.
        assert_eq!(edits.len(), 3);
        let in_main: Vec<&Edit> = edits
            .iter()
            .filter(|e| e.file.as_deref() == Some(calls.path.as_path()))
            .collect();
        assert_eq!(in_main.len(), 2);
        assert_eq!(in_main[0].content, "&");
        assert_eq!(
            &calls.text()[in_main[1].range.start..in_main[1].range.end],
            "*"
        );
        // Exported: callers outside the package cannot be fixed. Passed on: the body needs
        // more than the signature changed.
        let mut others: Vec<&ByValueFunction> = facts
            .by_value
            .iter()
            .filter(|f| f.param_type != work.param_type)
            .collect();
        others.sort_by_key(|f| f.param_type);
        assert_eq!(others.len(), 2);
        assert!(others.iter().all(|f| f.call_edits.is_none()));
        assert!(facts.is_started("work"));
        assert!(!facts.is_started("run"));
    }

    #[test]
    fn a_call_site_without_an_address_blocks_the_fix() {
        let f = file(
            "a.go",
            "package p\n\nimport \"sync\"\n\nfunc work(wg sync.WaitGroup) {\n\twg.Done()\n}\n\nfunc run(m map[string]sync.WaitGroup, f func(sync.WaitGroup)) {\n\twork(m[\"a\"])\n}\n\nfunc use() {\n\trun(nil, work)\n}\n",
        );
        let facts = WaitGroups::build(&[&f]);
        assert_eq!(facts.by_value.len(), 1);
        assert!(facts.by_value[0].call_edits.is_none());
    }

    #[test]
    fn method_receivers_only() {
        let src = "package p\nfunc f(wg sync.WaitGroup) {\n\twg.Add(1)\n\tdefer wg.Done()\n}\nfunc g(wg sync.WaitGroup) {\n\th(wg)\n}\n";
        let tree = super::super::test_support::parse(src);
        let f = find(tree.root_node(), src, "block", "{\n\twg.Add");
        let g = find(tree.root_node(), src, "block", "{\n\th(");
        assert!(only_method_receiver(f, "wg", src));
        assert!(!only_method_receiver(g, "wg", src));
    }
}
