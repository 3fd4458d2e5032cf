//! Context facts: the names a file imports `context` and `net/http` under, which
//! `context.Context` values are in scope at a point, and for every cancel function of
//! `context.WithCancel/WithTimeout/WithDeadline` (and their `…Cause` forms) each use of it and
//! whether every path from it to a `return` calls it.
//!
//! Like the lock analysis, the path walk proves and does not guess: a path it cannot follow
//! (a `goto`, a labelled `break`, a loop going round to a cancel declared outside it, branches
//! whose conditions may be correlated) is marked unknown, and no leak is claimed on it.

use tree_sitter::Node;

use super::captures::{is_declaration, shadowed, statement_declares};
use super::flow::{Container, container};
use super::locks::callee_name;
use super::{
    has_results, invoking_statement, is_function, next_statement, started_by_go, statement_call,
    walk_subtree,
};
use crate::package::import_name;
use crate::source::SourceFile;
use crate::syntax::NodeKind;

/// Deeper statement nesting than this is not followed (the path becomes unknown).
const MAX_DEPTH: usize = 200;

/// The functions of package `context` whose second result is a cancel function.
pub const CANCEL_CONSTRUCTORS: &[&str] = &[
    "WithCancel",
    "WithTimeout",
    "WithDeadline",
    "WithCancelCause",
    "WithTimeoutCause",
    "WithDeadlineCause",
];

/// The functions of package `context` that derive a context from a parent (first argument).
const DERIVING: &[&str] = &[
    "WithCancel",
    "WithTimeout",
    "WithDeadline",
    "WithCancelCause",
    "WithTimeoutCause",
    "WithDeadlineCause",
    "WithValue",
    "WithoutCancel",
];

/// The names a file imports the packages contexts come from under (`None`: not imported, or
/// imported with `_` or `.`).
#[derive(Debug, Clone, Default)]
pub struct ContextImports {
    pub context: Option<String>,
    pub http: Option<String>,
    /// `github.com/spf13/cobra`: `cmd.Context()` of a `*cobra.Command` parameter.
    pub cobra: Option<String>,
    /// `golang.org/x/sync/errgroup`: `g, ctx := errgroup.WithContext(parent)`.
    pub errgroup: Option<String>,
}

impl ContextImports {
    pub fn of(file: &SourceFile) -> Self {
        Self {
            context: import_name(file, "context"),
            http: import_name(file, "net/http"),
            cobra: import_name(file, "github.com/spf13/cobra"),
            errgroup: import_name(file, "golang.org/x/sync/errgroup"),
        }
    }
}

/// When `call` is `pkg.F(…)` with `pkg` naming the imported package (not a local variable of
/// that name): `F`.
pub fn package_call<'s>(call: Node<'_>, pkg: &str, src: &'s str) -> Option<&'s str> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let function = call.field("function")?;
    if function.kind_name() != "selector_expression" {
        return None;
    }
    let operand = function.field("operand")?;
    let field = function.field("field")?;
    if operand.kind_name() != "identifier" || &src[operand.byte_range()] != pkg {
        return None;
    }
    let mut root = call;
    while let Some(parent) = root.up() {
        root = parent;
    }
    (!shadowed(operand, pkg, root, src)).then(|| &src[field.byte_range()])
}

/// Whether a type node is `pkg.Name` or `*pkg.Name`.
pub fn is_qualified_type(ty: Node<'_>, pkg: &str, name: &str, pointer: bool, src: &str) -> bool {
    let ty = if pointer {
        match ty.kind_name() {
            "pointer_type" => match ty.named_child(0) {
                Some(inner) => inner,
                None => return false,
            },
            _ => return false,
        }
    } else {
        ty
    };
    ty.kind_name() == "qualified_type"
        && ty
            .field("package")
            .is_some_and(|p| &src[p.byte_range()] == pkg)
        && ty
            .field("name")
            .is_some_and(|n| &src[n.byte_range()] == name)
}

/// Where a context in scope comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextOrigin {
    /// A parameter typed `context.Context`.
    Parameter,
    /// `r.Context()` of an `*http.Request` parameter `r`.
    Request,
    /// `cmd.Context()` of a `*cobra.Command` parameter `cmd`.
    Command,
    /// A variable holding a context derived or fetched in the function: `ctx, cancel :=
    /// context.WithTimeout(…)`, `ctx := r.Context()`, `g, ctx := errgroup.WithContext(…)`.
    Derived,
}

/// A context value in scope at some point.
#[derive(Debug, Clone)]
pub struct ContextVar<'t> {
    /// The variable: `ctx`, or the request `r` for `r.Context()`.
    pub name: String,
    /// The expression that yields the context there: `ctx`, `r.Context()`.
    pub expr: String,
    /// The parameter declaration or statement declaring it.
    pub decl: Node<'t>,
    pub origin: ContextOrigin,
    /// It comes from the caller: a parameter, a request or command, or derived from one. A
    /// context derived from `context.Background()` is in scope but not the caller's.
    pub from_caller: bool,
    /// Declared in an enclosing function: the point is inside a closure.
    pub outer: bool,
}

/// What a declaration binds a name to, before its parents are resolved.
#[derive(Debug, Clone)]
enum Candidate {
    /// Not a context (or a context this module does not recognise): hides outer names.
    Other,
    Parameter,
    Request,
    Command,
    /// A derived context and where its parent comes from.
    Derived(Parent),
    /// `x := r.Context()`: a context only when `r` is a request or command parameter.
    MethodOf(String),
}

#[derive(Debug, Clone)]
enum Parent {
    /// A variable: a context from the caller when that variable is one.
    Name(String),
    /// `r.Context()` / `cmd.Context()` on a variable.
    MethodOf(String),
    /// `context.Background()`, `context.TODO()`, or anything else: not the caller's.
    Fresh,
}

struct Entry<'t> {
    name: String,
    decl: Node<'t>,
    candidate: Candidate,
    outer: bool,
    /// Resolved: a context, and whether it is the caller's.
    context: bool,
    from_caller: bool,
}

/// The contexts in scope at `point`, nearest declaration first (a later or inner declaration
/// hides an earlier or outer one of the same name). Contexts of functions around a goroutine
/// literal are not counted inside it: the goroutine may outlive them on purpose.
pub fn contexts_in_scope<'t>(
    point: Node<'t>,
    imports: &ContextImports,
    src: &str,
) -> Vec<ContextVar<'t>> {
    let mut entries: Vec<Entry<'t>> = Vec::new();
    let mut outer = false;
    let mut child = point;
    let mut cur = point.up();
    while let Some(node) = cur {
        match node.kind_name() {
            "statement_list" | "block" => {
                let mut cursor = node.walk();
                let earlier: Vec<Node<'t>> = node
                    .named_children(&mut cursor)
                    .take_while(|s| s.id() != child.id())
                    .collect();
                for stmt in earlier.into_iter().rev() {
                    declarations(stmt, imports, src, outer, &mut entries);
                }
            }
            "if_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "for_statement" => {
                let init = node.field("initializer").or_else(|| {
                    let mut cursor = node.walk();
                    node.named_children(&mut cursor)
                        .find(|c| c.kind_name() == "for_clause")
                        .and_then(|c| c.field("initializer"))
                });
                if let Some(init) = init
                    && !init.byte_range().contains(&point.start_byte())
                {
                    declarations(init, imports, src, outer, &mut entries);
                }
                let mut cursor = node.walk();
                let range = node
                    .named_children(&mut cursor)
                    .find(|c| c.kind_name() == "range_clause");
                if let Some(range) = range
                    && child.id() != range.id()
                {
                    hide_declared(range, src, outer, &mut entries);
                }
            }
            "function_declaration" | "method_declaration" | "func_literal" => {
                for field in ["parameters", "receiver", "result"] {
                    if let Some(list) = node.field(field) {
                        parameters(
                            list,
                            field == "parameters",
                            imports,
                            src,
                            outer,
                            &mut entries,
                        );
                    }
                }
                if node.kind_name() != "func_literal" || started_by_go(node) {
                    break;
                }
                outer = true;
            }
            _ => {}
        }
        child = node;
        cur = node.up();
    }
    resolve(&mut entries);
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for entry in &entries {
        if seen.contains(&entry.name.as_str()) {
            continue;
        }
        seen.push(&entry.name);
        if !entry.context {
            continue;
        }
        let origin = match entry.candidate {
            Candidate::Parameter => ContextOrigin::Parameter,
            Candidate::Request => ContextOrigin::Request,
            Candidate::Command => ContextOrigin::Command,
            _ => ContextOrigin::Derived,
        };
        let expr = match origin {
            ContextOrigin::Request | ContextOrigin::Command => format!("{}.Context()", entry.name),
            _ => entry.name.clone(),
        };
        out.push(ContextVar {
            name: entry.name.clone(),
            expr,
            decl: entry.decl,
            origin,
            from_caller: entry.from_caller,
            outer: entry.outer,
        });
    }
    out
}

/// The context a fix should use: the nearest one in scope, unless the nearest two are
/// parameters of one function (`func(a, b context.Context)`): which one is meant is a guess.
pub fn preferred<'a, 't>(contexts: &'a [ContextVar<'t>]) -> Option<&'a ContextVar<'t>> {
    let first = contexts.first()?;
    if let Some(second) = contexts.get(1)
        && first.origin != ContextOrigin::Derived
        && second.origin != ContextOrigin::Derived
        && first.decl.up() == second.decl.up()
    {
        return None;
    }
    Some(first)
}

/// How a message names the context to use: the preferred one, or the competing ones; and
/// the verb that agrees with it ("is", "are").
pub fn shown_contexts(contexts: &[ContextVar<'_>]) -> (String, &'static str) {
    match preferred(contexts) {
        Some(ctx) => (format!("`{}`", ctx.expr), "is"),
        None => {
            let mut names: Vec<String> = contexts
                .iter()
                .take(2)
                .map(|c| format!("`{}`", c.expr))
                .collect();
            names.reverse();
            (names.join(" and "), "are")
        }
    }
}

/// Decide which entries are contexts and which come from the caller, outermost first (an
/// entry's parent is declared after it in the list).
fn resolve(entries: &mut [Entry<'_>]) {
    for i in (0..entries.len()).rev() {
        let lookup = |name: &str, entries: &[Entry<'_>]| -> Option<(bool, bool, bool)> {
            entries[i + 1..].iter().find(|e| e.name == name).map(|e| {
                let provider = matches!(e.candidate, Candidate::Request | Candidate::Command);
                (e.context, e.from_caller, provider)
            })
        };
        let (context, from_caller) = match &entries[i].candidate {
            Candidate::Other => (false, false),
            Candidate::Parameter | Candidate::Request | Candidate::Command => (true, true),
            Candidate::Derived(Parent::Name(p)) => match lookup(p, entries) {
                Some((true, caller, _)) => (true, caller),
                _ => (true, false),
            },
            Candidate::Derived(Parent::MethodOf(r)) => (
                true,
                lookup(r, entries).is_some_and(|(_, _, provider)| provider),
            ),
            Candidate::Derived(Parent::Fresh) => (true, false),
            Candidate::MethodOf(r) => match lookup(r, entries) {
                Some((_, _, true)) => (true, true),
                _ => (false, false),
            },
        };
        entries[i].context = context;
        entries[i].from_caller = from_caller;
    }
}

fn push<'t>(
    entries: &mut Vec<Entry<'t>>,
    name: &str,
    decl: Node<'t>,
    candidate: Candidate,
    outer: bool,
) {
    if name == "_" {
        return;
    }
    entries.push(Entry {
        name: name.to_owned(),
        decl,
        candidate,
        outer,
        context: false,
        from_caller: false,
    });
}

/// The parameters of a list: context parameters, request and command parameters, and every
/// other name (which hides an outer one).
fn parameters<'t>(
    list: Node<'t>,
    typed: bool,
    imports: &ContextImports,
    src: &str,
    outer: bool,
    entries: &mut Vec<Entry<'t>>,
) {
    let mut cursor = list.walk();
    let params: Vec<Node<'t>> = list.named_children(&mut cursor).collect();
    // Nearest first: the last parameter is pushed first, so that `resolve` sees them in
    // declaration order from the end.
    for param in params.into_iter().rev() {
        let ty = param.field("type");
        let candidate = match ty {
            Some(ty) if typed && param.kind_name() == "parameter_declaration" => {
                let is = |pkg: &Option<String>, name: &str, pointer: bool| {
                    pkg.as_deref()
                        .is_some_and(|p| is_qualified_type(ty, p, name, pointer, src))
                };
                if is(&imports.context, "Context", false) {
                    Candidate::Parameter
                } else if is(&imports.http, "Request", true) {
                    Candidate::Request
                } else if is(&imports.cobra, "Command", true) {
                    Candidate::Command
                } else {
                    Candidate::Other
                }
            }
            _ => Candidate::Other,
        };
        let mut cursor = param.walk();
        let names: Vec<Node<'t>> = param.children_by_field_name("name", &mut cursor).collect();
        for name in names.into_iter().rev() {
            push(
                entries,
                &src[name.byte_range()],
                param,
                candidate.clone(),
                outer,
            );
        }
    }
}

/// The names a statement declares, contexts recognised (pushed last name first).
fn declarations<'t>(
    stmt: Node<'t>,
    imports: &ContextImports,
    src: &str,
    outer: bool,
    entries: &mut Vec<Entry<'t>>,
) {
    match stmt.kind_name() {
        "short_var_declaration" => {
            let (Some(left), Some(right)) = (stmt.field("left"), stmt.field("right")) else {
                return;
            };
            let names = named_children(left);
            let values = named_children(right);
            bind(stmt, &names, &values, imports, src, outer, entries);
        }
        "var_declaration" => {
            let mut specs = Vec::new();
            walk_subtree(stmt, |n| {
                if n.kind_name() == "var_spec" {
                    specs.push(n);
                    return false;
                }
                true
            });
            for spec in specs.into_iter().rev() {
                let mut cursor = spec.walk();
                let names: Vec<Node<'t>> =
                    spec.children_by_field_name("name", &mut cursor).collect();
                let values = spec.field("value").map(named_children).unwrap_or_default();
                bind(stmt, &names, &values, imports, src, outer, entries);
            }
        }
        "labeled_statement" => {
            if let Some(inner) = stmt.named_child(1) {
                declarations(inner, imports, src, outer, entries);
            }
        }
        "const_declaration" | "type_declaration" => hide_declared(stmt, src, outer, entries),
        _ => {}
    }
}

/// Record the names `names` take from `values` in a declaration.
fn bind<'t>(
    stmt: Node<'t>,
    names: &[Node<'t>],
    values: &[Node<'t>],
    imports: &ContextImports,
    src: &str,
    outer: bool,
    entries: &mut Vec<Entry<'t>>,
) {
    for (i, name) in names.iter().enumerate().rev() {
        let candidate = if values.len() == names.len() {
            single_value(values[i], imports, src)
        } else if values.len() == 1 {
            multi_value(values[0], i, imports, src)
        } else {
            Candidate::Other
        };
        push(entries, &src[name.byte_range()], stmt, candidate, outer);
    }
}

/// What `x := value` makes `x`.
fn single_value(value: Node<'_>, imports: &ContextImports, src: &str) -> Candidate {
    if let Some(ctx) = &imports.context
        && let Some(f) = package_call(value, ctx, src)
        && DERIVING.contains(&f)
    {
        return Candidate::Derived(parent_of(value, imports, src));
    }
    match context_method_receiver(value, src) {
        Some(r) => Candidate::MethodOf(r),
        None => Candidate::Other,
    }
}

/// What the `index`-th result of a multi-valued call makes its variable.
fn multi_value(value: Node<'_>, index: usize, imports: &ContextImports, src: &str) -> Candidate {
    if index == 0
        && let Some(ctx) = &imports.context
        && package_call(value, ctx, src).is_some_and(|f| DERIVING.contains(&f))
    {
        return Candidate::Derived(parent_of(value, imports, src));
    }
    if index == 1
        && let Some(eg) = &imports.errgroup
        && package_call(value, eg, src) == Some("WithContext")
    {
        return Candidate::Derived(parent_of(value, imports, src));
    }
    Candidate::Other
}

/// Where the parent (first argument) of a deriving call comes from.
fn parent_of(call: Node<'_>, imports: &ContextImports, src: &str) -> Parent {
    let Some(arg) = call
        .field("arguments")
        .and_then(|a| named_children(a).into_iter().next())
    else {
        return Parent::Fresh;
    };
    if arg.kind_name() == "identifier" {
        return Parent::Name(src[arg.byte_range()].to_owned());
    }
    if let Some(r) = context_method_receiver(arg, src) {
        return Parent::MethodOf(r);
    }
    let _ = imports;
    Parent::Fresh
}

/// `r` for `r.Context()`.
fn context_method_receiver(call: Node<'_>, src: &str) -> Option<String> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let function = call.field("function")?;
    let args = call.field("arguments")?;
    if function.kind_name() != "selector_expression" || args.named_child_count() != 0 {
        return None;
    }
    let operand = function.field("operand")?;
    let field = function.field("field")?;
    (operand.kind_name() == "identifier" && &src[field.byte_range()] == "Context")
        .then(|| src[operand.byte_range()].to_owned())
}

/// Every identifier a declaration-like node declares, as plain names that hide outer ones.
fn hide_declared<'t>(node: Node<'t>, src: &str, outer: bool, entries: &mut Vec<Entry<'t>>) {
    let mut names = Vec::new();
    walk_subtree(node, |n| {
        if n.kind_name() == "identifier" && is_declaration(n) {
            names.push(n);
        }
        if matches!(n.kind_name(), "const_spec" | "type_spec")
            && let Some(name) = n.field("name")
        {
            names.push(name);
        }
        !is_function(n.kind_name())
    });
    for name in names.into_iter().rev() {
        push(
            entries,
            &src[name.byte_range()],
            node,
            Candidate::Other,
            outer,
        );
    }
}

fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind_name() != "comment")
        .collect()
}

/// Whether `node` sits in a `defer` statement of its function or of a function around it
/// (a deferred closure's body included).
pub fn inside_defer(node: Node<'_>) -> bool {
    inside_statement(node, "defer_statement")
}

/// Whether `node` sits in a `go` statement (its call, arguments or literal).
pub fn inside_go(node: Node<'_>) -> bool {
    inside_statement(node, "go_statement")
}

/// Whether a statement of `kind` encloses `node` within its function declaration.
fn inside_statement(node: Node<'_>, kind: &str) -> bool {
    let mut cur = node.up();
    while let Some(n) = cur {
        if n.kind_name() == kind {
            return true;
        }
        if matches!(n.kind_name(), "function_declaration" | "method_declaration") {
            return false;
        }
        cur = n.up();
    }
    false
}

// ---------------------------------------------------------------------------------------
// Cancel functions.

/// How a cancel binding is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingForm {
    /// `ctx, cancel := context.WithCancel(…)`
    Define,
    /// `ctx, cancel = context.WithCancel(…)`
    Assign,
    /// `var ctx, cancel = context.WithCancel(…)`
    Var,
}

/// One `ctx, cancel := context.WithX(…)` statement.
#[derive(Debug, Clone, Copy)]
pub struct CancelBinding<'t> {
    /// The statement (for `var`, the whole `var_declaration`).
    pub stmt: Node<'t>,
    /// The `context.WithX(…)` call.
    pub call: Node<'t>,
    /// `WithTimeout`, `WithCancelCause`, …
    pub constructor: &'static str,
    /// The first target (the context): an identifier, `_`, or a field or index expression.
    pub ctx: Node<'t>,
    /// The second target (the cancel function).
    pub cancel: Node<'t>,
    pub form: BindingForm,
}

impl<'t> CancelBinding<'t> {
    /// `_` takes the cancel function.
    pub fn discarded(&self, src: &str) -> bool {
        self.cancel.kind_name() == "identifier" && &src[self.cancel.byte_range()] == "_"
    }

    /// The cancel variable's name, when it is a plain variable.
    pub fn cancel_name<'s>(&self, src: &'s str) -> Option<&'s str> {
        (self.cancel.kind_name() == "identifier" && !self.discarded(src))
            .then(|| &src[self.cancel.byte_range()])
    }

    /// The cancel function takes a cause (`WithCancelCause`): `cancel(nil)` calls it.
    pub fn takes_cause(&self) -> bool {
        self.constructor == "WithCancelCause"
    }
}

/// The cancel bindings of a function body (its closures' bindings belong to them).
pub fn cancel_bindings<'t>(func: Node<'t>, context: &str, src: &str) -> Vec<CancelBinding<'t>> {
    let Some(body) = func.field("body") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk_subtree(body, |n| {
        if is_function(n.kind_name()) {
            return false;
        }
        let found = match n.kind_name() {
            "short_var_declaration" => binding_of(n, n, BindingForm::Define, context, src),
            "assignment_statement" => {
                let plain = n.field("operator").is_none_or(|op| op.kind_name() == "=")
                    && n.children(&mut n.walk()).any(|c| c.kind_name() == "=");
                if plain {
                    binding_of(n, n, BindingForm::Assign, context, src)
                } else {
                    None
                }
            }
            "var_spec" => {
                let stmt = ancestor_statement(n);
                stmt.and_then(|s| binding_of(n, s, BindingForm::Var, context, src))
            }
            _ => None,
        };
        out.extend(found);
        true
    });
    out
}

/// The `var_declaration` holding a `var_spec`.
fn ancestor_statement(spec: Node<'_>) -> Option<Node<'_>> {
    let mut cur = spec.up();
    while let Some(n) = cur {
        if n.kind_name() == "var_declaration" {
            return Some(n);
        }
        cur = n.up();
    }
    None
}

fn binding_of<'t>(
    node: Node<'t>,
    stmt: Node<'t>,
    form: BindingForm,
    context: &str,
    src: &str,
) -> Option<CancelBinding<'t>> {
    let (targets, values) = if form == BindingForm::Var {
        let mut cursor = node.walk();
        let names: Vec<Node<'t>> = node.children_by_field_name("name", &mut cursor).collect();
        (names, named_children(node.field("value")?))
    } else {
        (
            named_children(node.field("left")?),
            named_children(node.field("right")?),
        )
    };
    if targets.len() != 2 || values.len() != 1 {
        return None;
    }
    let call = values[0];
    let name = package_call(call, context, src)?;
    let constructor = *CANCEL_CONSTRUCTORS.iter().find(|c| **c == name)?;
    Some(CancelBinding {
        stmt,
        call,
        constructor,
        ctx: targets[0],
        cancel: targets[1],
        form,
    })
}

/// How a cancel variable is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelUseKind {
    /// `cancel()`, `cancel(err)`, `go cancel()`.
    Call,
    /// `defer cancel()`.
    Deferred,
    /// A call inside `defer func() { … }()`.
    DeferredClosure,
    /// `_ = cancel`: silences the compiler (and vet), cancels nothing.
    Blank,
    /// Assigned again (`…, cancel = …`, or `:=` in its own block).
    Overwrite,
    /// `cancel != nil`, `cancel == nil`.
    Compared,
    /// Inside another function literal: it may run anywhere, any time.
    Closure,
    /// Returned, stored, passed, sent or aliased.
    Escape,
}

#[derive(Debug, Clone, Copy)]
pub struct CancelUse<'t> {
    pub node: Node<'t>,
    pub kind: CancelUseKind,
}

/// A named cancel variable and every use of it after its binding.
#[derive(Debug, Clone)]
pub struct CancelVar<'t> {
    pub binding: CancelBinding<'t>,
    pub name: String,
    /// The statement list the variable is declared in.
    pub scope: Node<'t>,
    /// In source order.
    pub uses: Vec<CancelUse<'t>>,
}

impl<'t> CancelVar<'t> {
    /// The variable of a binding whose cancel is a plain, named variable declared in this
    /// function; `None` for `_`, fields, parameters, results, package variables and
    /// variables of an enclosing function, and bindings in an `if`/`for`/`switch` header.
    pub fn of(binding: CancelBinding<'t>, func: Node<'t>, src: &str) -> Option<Self> {
        let name = binding.cancel_name(src)?.to_owned();
        let scope = declaring_scope(&binding, &name, func, src)?;
        let uses = cancel_uses(&binding, &name, scope, func, src);
        Some(Self {
            binding,
            name,
            scope,
            uses,
        })
    }

    pub fn has(&self, kind: CancelUseKind) -> bool {
        self.uses.iter().any(|u| u.kind == kind)
    }

    /// Returned, stored, passed, aliased or captured by a closure (other than a deferred
    /// one): someone else may call it, so no path of this function has to.
    pub fn escapes(&self) -> bool {
        self.has(CancelUseKind::Escape) || self.has(CancelUseKind::Closure)
    }

    /// Called (or deferred) somewhere after its binding.
    pub fn is_called(&self) -> bool {
        self.uses.iter().any(|u| u.kind.is_call())
    }
}

impl CancelUseKind {
    pub fn is_call(self) -> bool {
        matches!(
            self,
            CancelUseKind::Call | CancelUseKind::Deferred | CancelUseKind::DeferredClosure
        )
    }
}

/// The statement list declaring the cancel variable of `binding`.
fn declaring_scope<'t>(
    binding: &CancelBinding<'t>,
    name: &str,
    func: Node<'t>,
    src: &str,
) -> Option<Node<'t>> {
    // `if ctx, cancel := …; cond {`: the variable lives in the `if`.
    if binding.form == BindingForm::Define
        && let Some(if_stmt) = binding.stmt.up().filter(|p| {
            p.kind_name() == "if_statement" && p.field("initializer") == Some(binding.stmt)
        })
    {
        return Some(if_stmt);
    }
    let list = binding
        .stmt
        .up()
        .filter(|p| p.kind_name() == "statement_list")?;
    if binding.form != BindingForm::Assign {
        return Some(list);
    }
    let mut child = binding.stmt;
    let mut cur = Some(list);
    while let Some(node) = cur {
        match node.kind_name() {
            "statement_list" => {
                let mut cursor = node.walk();
                let declared = node
                    .named_children(&mut cursor)
                    .take_while(|s| s.id() != child.id())
                    .any(|s| statement_declares(s, name, src));
                if declared {
                    return Some(node);
                }
            }
            "if_statement" | "expression_switch_statement" | "type_switch_statement"
                if node
                    .field("initializer")
                    .is_some_and(|i| i.id() != child.id() && statement_declares(i, name, src)) =>
            {
                return None;
            }
            kind if is_function(kind) => return None,
            _ => {}
        }
        if node.id() == func.id() {
            return None;
        }
        child = node;
        cur = node.up();
    }
    None
}

/// Every use of the cancel variable after its binding, inside its scope.
fn cancel_uses<'t>(
    binding: &CancelBinding<'t>,
    name: &str,
    scope: Node<'t>,
    func: Node<'t>,
    src: &str,
) -> Vec<CancelUse<'t>> {
    let mut out = Vec::new();
    walk_subtree(scope, |n| {
        // Before the binding, or the binding itself.
        if n.end_byte() <= binding.stmt.end_byte() {
            return false;
        }
        if n.kind_name() == "identifier"
            && &src[n.byte_range()] == name
            && n.start_byte() >= binding.stmt.end_byte()
            && !shadowed(n, name, scope, src)
            && let Some(kind) = classify_use(n, scope, func, src)
        {
            out.push(CancelUse { node: n, kind });
        }
        true
    });
    out
}

/// What one occurrence of the cancel variable does; `None` when it declares a new variable
/// of the same name.
fn classify_use<'t>(
    ident: Node<'t>,
    scope: Node<'t>,
    func: Node<'t>,
    src: &str,
) -> Option<CancelUseKind> {
    let parent = ident.up()?;
    // Declarations of a new variable of the same name.
    if matches!(
        parent.kind_name(),
        "parameter_declaration" | "variadic_parameter_declaration" | "var_spec" | "const_spec"
    ) {
        return None;
    }
    if parent.kind_name() == "expression_list"
        && let Some(stmt) = parent.up()
        && stmt.field("left").is_some_and(|l| l.id() == parent.id())
    {
        return match stmt.kind_name() {
            "short_var_declaration" => stmt
                .up()
                .is_some_and(|p| p.id() == scope.id())
                .then_some(CancelUseKind::Overwrite),
            "assignment_statement" => Some(CancelUseKind::Overwrite),
            _ if is_declaration(ident) => None,
            _ => Some(CancelUseKind::Overwrite),
        };
    }
    // Inside a function literal of `func`?
    let mut cur = ident.up();
    let mut literal = None;
    while let Some(n) = cur {
        if n.id() == func.id() {
            break;
        }
        if n.kind_name() == "func_literal" {
            literal = Some(n);
            break;
        }
        cur = n.up();
    }
    let is_callee = parent.kind_name() == "call_expression"
        && parent
            .field("function")
            .is_some_and(|f| f.id() == ident.id());
    if let Some(literal) = literal {
        return Some(
            if is_callee
                && invoking_statement(literal).is_some_and(|s| s.kind_name() == "defer_statement")
            {
                CancelUseKind::DeferredClosure
            } else {
                CancelUseKind::Closure
            },
        );
    }
    if is_callee {
        let deferred = parent
            .up()
            .is_some_and(|g| g.kind_name() == "defer_statement");
        return Some(if deferred {
            CancelUseKind::Deferred
        } else {
            CancelUseKind::Call
        });
    }
    if parent.kind_name() == "expression_list"
        && let Some(assign) = parent
            .up()
            .filter(|a| a.kind_name() == "assignment_statement")
        && assign.field("right").is_some_and(|r| r.id() == parent.id())
        && let Some(left) = assign.field("left")
    {
        let index = named_children(parent)
            .iter()
            .position(|v| v.id() == ident.id());
        let target = index.and_then(|i| named_children(left).get(i).copied());
        if target.is_some_and(|t| &src[t.byte_range()] == "_") {
            return Some(CancelUseKind::Blank);
        }
    }
    if parent.kind_name() == "binary_expression"
        && parent
            .field("operator")
            .is_some_and(|op| matches!(&src[op.byte_range()], "==" | "!="))
    {
        let other = if parent.field("left").is_some_and(|l| l.id() == ident.id()) {
            parent.field("right")
        } else {
            parent.field("left")
        };
        if other.is_some_and(|o| o.kind_name() == "nil") {
            return Some(CancelUseKind::Compared);
        }
    }
    Some(CancelUseKind::Escape)
}

// ---------------------------------------------------------------------------------------
// Paths from a binding.

/// How a path leaves a cancel function uncalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeakKind {
    /// A `return` runs (`at` is the return statement).
    Return,
    /// The body ends (`at` is the function).
    FunctionEnd,
    /// The loop holding the binding goes round and binds a new cancel (`at` is the loop).
    LoopBack,
    /// The variable's block ends or is left (`at` is the block).
    ScopeEnd,
    /// The variable is assigned again (`at` is the assignment).
    Overwritten,
}

#[derive(Debug, Clone, Copy)]
pub struct CancelLeak<'t> {
    pub kind: LeakKind,
    pub at: Node<'t>,
}

/// The outcome of following every path from a binding.
#[derive(Debug, Default)]
pub struct CancelPaths<'t> {
    /// Paths proven to leave the cancel function uncalled, in the order they were found.
    pub leaks: Vec<CancelLeak<'t>>,
    /// Some path could not be followed.
    pub unknown: bool,
}

/// Follow every path from the binding of `var` to the end of its function or scope.
pub fn cancel_paths<'t>(var: &CancelVar<'t>, func: Node<'t>, src: &str) -> CancelPaths<'t> {
    let mut walker = PathWalker {
        src,
        var,
        func,
        out: CancelPaths::default(),
        targets: Vec::new(),
        escaping_break: None,
        escaping_continue: None,
        depth: 0,
    };
    walker.run_from(var.binding.stmt);
    walker.out
}

#[derive(Debug, Clone, Copy, Default)]
struct PathState {
    /// The path skipped a branch that called the cancel function and carried on: the
    /// conditions may be correlated, so a leak on it is no proof.
    tainted: bool,
}

fn merge(a: Option<PathState>, b: Option<PathState>) -> Option<PathState> {
    match (a, b) {
        (Some(x), Some(y)) => Some(PathState {
            tainted: x.tainted || y.tainted,
        }),
        (x, None) => x,
        (None, y) => y,
    }
}

struct Target {
    is_loop: bool,
    breaks: Option<PathState>,
    continues: Option<PathState>,
}

struct PathWalker<'s, 'v, 't> {
    src: &'s str,
    var: &'v CancelVar<'t>,
    func: Node<'t>,
    out: CancelPaths<'t>,
    targets: Vec<Target>,
    escaping_break: Option<PathState>,
    escaping_continue: Option<PathState>,
    depth: usize,
}

impl<'t> PathWalker<'_, '_, 't> {
    fn run_from(&mut self, binding: Node<'t>) {
        if self.var.scope.kind_name() == "if_statement" {
            self.run_if_initializer(self.var.scope);
            return;
        }
        let mut cur = binding;
        let mut falls = Some(PathState::default());
        loop {
            if let Some(state) = falls {
                falls = self.run_list(following(cur), state);
            }
            let brk = self.escaping_break.take();
            let cont = self.escaping_continue.take();
            if falls.is_none() && brk.is_none() && cont.is_none() {
                return;
            }
            // Leaving the variable's own block: nothing can call it any more.
            let leaving_scope = cur.up().is_some_and(|p| p.id() == self.var.scope.id());
            let scope_block = self.var.scope.up().unwrap_or(self.var.scope);
            match container(cur) {
                Some(Container::FunctionBody(_)) => {
                    if let Some(state) = falls {
                        if has_results(self.func) {
                            self.out.unknown = true;
                        } else {
                            self.leave(LeakKind::FunctionEnd, self.func, state);
                        }
                    }
                    if brk.is_some() || cont.is_some() {
                        self.out.unknown = true;
                    }
                    return;
                }
                Some(Container::LoopBody(for_stmt)) => {
                    if leaving_scope {
                        for state in [falls, cont].into_iter().flatten() {
                            self.leave(LeakKind::LoopBack, for_stmt, state);
                        }
                        if let Some(state) = brk {
                            self.leave(LeakKind::ScopeEnd, scope_block, state);
                        }
                        return;
                    }
                    // Going round runs the binding again, after statements that may call
                    // the cancel function first: not followed.
                    if falls.is_some() || cont.is_some() {
                        self.out.unknown = true;
                    }
                    falls = brk;
                    cur = for_stmt;
                }
                Some(Container::Case(construct)) => {
                    if leaving_scope {
                        for state in [falls, brk, cont].into_iter().flatten() {
                            self.leave(LeakKind::ScopeEnd, scope_block, state);
                        }
                        return;
                    }
                    falls = merge(falls, brk);
                    self.escaping_continue = cont;
                    cur = construct;
                }
                Some(Container::Transparent(construct)) => {
                    if leaving_scope {
                        for state in [falls, brk, cont].into_iter().flatten() {
                            self.leave(LeakKind::ScopeEnd, scope_block, state);
                        }
                        return;
                    }
                    self.escaping_break = brk;
                    self.escaping_continue = cont;
                    cur = construct;
                }
                None => {
                    self.out.unknown = true;
                    return;
                }
            }
        }
    }

    /// The binding is the initializer of `if_stmt`: follow its condition and branches; the
    /// variable is gone after the `if`.
    fn run_if_initializer(&mut self, if_stmt: Node<'t>) {
        let state = PathState::default();
        if let Some(cond) = if_stmt.field("condition")
            && self.header_settles(cond)
        {
            return;
        }
        let Some(consequence) = if_stmt.field("consequence") else {
            self.out.unknown = true;
            return;
        };
        let then_out = self.run_block(consequence, state);
        let else_out = match if_stmt.field("alternative") {
            Some(alt) if alt.kind_name() == "block" => self.run_block(alt, state),
            Some(alt) => self.run_statement(alt, state),
            None => Some(state),
        };
        let brk = self.escaping_break.take();
        let cont = self.escaping_continue.take();
        for out in [then_out, else_out, brk, cont].into_iter().flatten() {
            self.leave(LeakKind::ScopeEnd, if_stmt, out);
        }
    }

    /// A path leaves the cancel function uncalled (a proof only on an untainted path).
    fn leave(&mut self, kind: LeakKind, at: Node<'t>, state: PathState) {
        if state.tainted {
            self.out.unknown = true;
        } else {
            self.out.leaks.push(CancelLeak { kind, at });
        }
    }

    /// Whether a use of one of `kinds` lies inside `node`.
    fn uses_in(&self, node: Node<'t>, pred: impl Fn(CancelUseKind) -> bool) -> bool {
        self.var.uses.iter().any(|u| {
            pred(u.kind)
                && u.node.start_byte() >= node.start_byte()
                && u.node.end_byte() <= node.end_byte()
        })
    }

    fn calls_in(&self, node: Node<'t>) -> bool {
        self.uses_in(node, CancelUseKind::is_call)
    }

    fn run_list(
        &mut self,
        stmts: impl IntoIterator<Item = Node<'t>>,
        mut state: PathState,
    ) -> Option<PathState> {
        for stmt in stmts {
            state = self.run_statement(stmt, state)?;
        }
        Some(state)
    }

    fn run_block(&mut self, block: Node<'t>, state: PathState) -> Option<PathState> {
        self.run_list(super::statements(block), state)
    }

    fn run_statement(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        if self.depth > MAX_DEPTH {
            self.out.unknown = true;
            return None;
        }
        self.depth += 1;
        let out = self.run_statement_inner(stmt, state);
        self.depth -= 1;
        out
    }

    fn run_statement_inner(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        match stmt.kind_name() {
            "return_statement" => {
                if !self.calls_in(stmt) {
                    self.leave(LeakKind::Return, stmt, state);
                }
                None
            }
            "if_statement" => self.run_if(stmt, state),
            "block" => self.run_block(stmt, state),
            "for_statement" => self.run_for(stmt, state),
            "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
                self.run_switch(stmt, state)
            }
            "labeled_statement" => {
                let inner = stmt
                    .named_children(&mut stmt.walk())
                    .find(|c| c.kind_name() != "label_name")?;
                self.run_statement(inner, state)
            }
            "break_statement" => {
                if stmt.named_child_count() > 0 {
                    self.out.unknown = true;
                } else if let Some(target) = self.targets.last_mut() {
                    target.breaks = merge(target.breaks, Some(state));
                } else {
                    self.escaping_break = merge(self.escaping_break, Some(state));
                }
                None
            }
            "continue_statement" => {
                if stmt.named_child_count() > 0 {
                    self.out.unknown = true;
                } else if let Some(target) = self.targets.iter_mut().rev().find(|t| t.is_loop) {
                    target.continues = merge(target.continues, Some(state));
                } else {
                    self.escaping_continue = merge(self.escaping_continue, Some(state));
                }
                None
            }
            "goto_statement" | "fallthrough_statement" => {
                self.out.unknown = true;
                None
            }
            _ => {
                if self.calls_in(stmt) {
                    return None;
                }
                if self.uses_in(stmt, |k| k == CancelUseKind::Overwrite) {
                    self.leave(LeakKind::Overwritten, stmt, state);
                    return None;
                }
                if stmt.kind_name() == "expression_statement"
                    && let Some(call) = statement_call(stmt)
                    && callee_name(call, self.src).is_some_and(ends_path)
                {
                    return None;
                }
                Some(state)
            }
        }
    }

    /// A header expression that calls or overwrites the cancel function: the path is
    /// satisfied, or (overwrite) not followed.
    fn header_settles(&mut self, header: Node<'t>) -> bool {
        if self.calls_in(header) || self.uses_in(header, |k| k == CancelUseKind::Overwrite) {
            if !self.calls_in(header) {
                self.out.unknown = true;
            }
            return true;
        }
        false
    }

    fn run_if(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        for field in ["initializer", "condition"] {
            if let Some(header) = stmt.field(field)
                && self.header_settles(header)
            {
                return None;
            }
        }
        let consequence = stmt.field("consequence")?;
        let alternative = stmt.field("alternative");
        let then_out = self.run_block(consequence, state);
        let else_out = match alternative {
            Some(alt) if alt.kind_name() == "block" => self.run_block(alt, state),
            Some(alt) => self.run_statement(alt, state),
            None => Some(state),
        };
        let then_calls = self.calls_and_continues(consequence);
        let else_calls = alternative.is_some_and(|a| self.calls_and_continues(a));
        let mut out = merge(then_out, else_out)?;
        out.tainted |= then_calls != else_calls;
        Some(out)
    }

    fn run_for(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        let mut cursor = stmt.walk();
        let header = stmt
            .named_children(&mut cursor)
            .find(|c| c.kind_name() != "block" && c.kind_name() != "comment");
        if let Some(header) = header
            && self.header_settles(header)
        {
            return None;
        }
        let body = stmt.field("body")?;
        self.targets.push(Target {
            is_loop: true,
            breaks: None,
            continues: None,
        });
        let end_of_body = self.run_block(body, state);
        let target = self.targets.pop()?;
        // A `for` with no condition, clause or range only ends through `break`.
        let exits_normally = if header.is_none() {
            None
        } else {
            merge(Some(state), merge(end_of_body, target.continues))
        };
        merge(exits_normally, target.breaks)
    }

    fn run_switch(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        let mut cursor = stmt.walk();
        let children: Vec<Node<'t>> = stmt.named_children(&mut cursor).collect();
        let mut out = None;
        let mut has_default = false;
        let mut calling_cases = 0;
        let mut cases = 0;
        self.targets.push(Target {
            is_loop: false,
            breaks: None,
            continues: None,
        });
        for child in children {
            match child.kind_name() {
                "expression_case" | "type_case" | "communication_case" | "default_case" => {
                    has_default |= child.kind_name() == "default_case";
                    cases += 1;
                    if self.calls_and_continues(child) {
                        calling_cases += 1;
                    }
                    if let Some(comm) = child.field("communication")
                        && self.header_settles(comm)
                    {
                        continue;
                    }
                    let stmts = super::statements(child);
                    out = merge(out, self.run_list(stmts, state));
                }
                "comment" => {}
                _ => {
                    if self.header_settles(child) {
                        self.targets.pop();
                        return None;
                    }
                }
            }
        }
        let target = self.targets.pop()?;
        let skips = !has_default && stmt.kind_name() != "select_statement";
        if skips {
            out = merge(out, Some(state));
        }
        let mut out = merge(out, target.breaks)?;
        if calling_cases > 0 && (calling_cases < cases || skips) {
            out.tainted = true;
        }
        Some(out)
    }

    /// A branch that calls the cancel function and then carries on past its end.
    fn calls_and_continues(&self, branch: Node<'t>) -> bool {
        let ends_in_jump = super::statements(branch).last().is_some_and(|last| {
            matches!(
                last.kind_name(),
                "return_statement" | "break_statement" | "continue_statement" | "goto_statement"
            ) || statement_call(*last)
                .and_then(|c| callee_name(c, self.src))
                .is_some_and(ends_path)
        });
        !ends_in_jump && self.calls_in(branch)
    }
}

/// The statements after `stmt` in its statement list.
fn following(stmt: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut next = next_statement(stmt);
    while let Some(n) = next {
        out.push(n);
        next = next_statement(n);
    }
    out
}

/// Calls after which the path does not reach a `return`: a panic (deferred calls still run)
/// or the end of the goroutine or process.
fn ends_path(name: &str) -> bool {
    matches!(
        name,
        "panic"
            | "os.Exit"
            | "log.Fatal"
            | "log.Fatalf"
            | "log.Fatalln"
            | "log.Panic"
            | "log.Panicf"
            | "log.Panicln"
            | "runtime.Goexit"
    ) || name.rsplit_once('.').is_some_and(|(recv, m)| {
        matches!(recv, "t" | "b" | "f" | "tb")
            && matches!(
                m,
                "Fatal" | "Fatalf" | "FailNow" | "Skip" | "Skipf" | "SkipNow"
            )
    })
}

// ---------------------------------------------------------------------------------------
// Whether a context outlives its function.

/// Whether the context of `binding`, or something built from it, may be used after the
/// function returns: stored in a field, map, slice or package variable, sent on a channel,
/// used by a goroutine or a closure other than a deferred one, or returned (directly, or —
/// when the function's results are not plain data — inside a value made from it).
/// Cancelling it when the function returns would then change what that later use sees.
pub fn context_escapes(binding: &CancelBinding<'_>, func: Node<'_>, src: &str) -> bool {
    let ctx = binding.ctx;
    if ctx.kind_name() != "identifier" {
        return true;
    }
    let name = &src[ctx.byte_range()];
    if name == "_" {
        return false;
    }
    let Some(body) = func.field("body") else {
        return false;
    };
    let plain = results_are_plain(func, src);
    let after = binding.stmt.end_byte();
    let mut tainted: Vec<String> = vec![name.to_owned()];
    let mut escapes = false;
    walk_subtree(body, |n| {
        if escapes || n.end_byte() <= after {
            return false;
        }
        match n.kind_name() {
            "short_var_declaration" | "assignment_statement" => {
                if let (Some(left), Some(right)) = (n.field("left"), n.field("right"))
                    && mentions_any(right, &tainted, src)
                {
                    for target in named_children(left) {
                        let text = &src[target.byte_range()];
                        match target.kind_name() {
                            "identifier" if !is_error_or_flag(text) => {
                                if !tainted.iter().any(|t| t == text) {
                                    tainted.push(text.to_owned());
                                }
                            }
                            "identifier" => {}
                            _ => escapes = true,
                        }
                    }
                }
            }
            "var_spec" => {
                if let Some(value) = n.field("value")
                    && mentions_any(value, &tainted, src)
                {
                    let mut cursor = n.walk();
                    for target in n.children_by_field_name("name", &mut cursor) {
                        let text = &src[target.byte_range()];
                        if !is_error_or_flag(text) {
                            tainted.push(text.to_owned());
                        }
                    }
                }
            }
            "identifier" if tainted.iter().any(|t| t == &src[n.byte_range()]) => {
                if is_declaration(n) || is_assignment_target(n) {
                    return true;
                }
                escapes |= use_escapes(n, func, plain, src);
            }
            _ => {}
        }
        !escapes
    });
    escapes
}

/// `err`, `readErr`, `ok`: results that carry no context.
fn is_error_or_flag(name: &str) -> bool {
    name == "_" || name == "ok" || name == "err" || name.ends_with("Err") || name.ends_with("err")
}

fn mentions_any(node: Node<'_>, names: &[String], src: &str) -> bool {
    let mut found = false;
    walk_subtree(node, |n| {
        if n.kind_name() == "identifier" && names.iter().any(|t| t == &src[n.byte_range()]) {
            found = true;
        }
        !found
    });
    found
}

/// The identifier is a target of `=` (not a use of its value).
fn is_assignment_target(ident: Node<'_>) -> bool {
    ident
        .up()
        .filter(|p| p.kind_name() == "expression_list")
        .and_then(|list| {
            let stmt = list.up()?;
            Some(
                stmt.kind_name() == "assignment_statement"
                    && stmt.field("left").is_some_and(|l| l.id() == list.id()),
            )
        })
        .unwrap_or(false)
}

/// Whether one use of a context-carrying variable lets it outlive the function.
fn use_escapes(ident: Node<'_>, func: Node<'_>, plain_results: bool, src: &str) -> bool {
    let mut cur = ident.up();
    while let Some(n) = cur {
        if n.id() == func.id() {
            return false;
        }
        match n.kind_name() {
            "go_statement" => return true,
            "send_statement" => {
                // Sent as is, or inside a value whose channel may carry more than plain data.
                let direct = n.field("value").is_some_and(|v| v.id() == ident.id());
                return direct || !sends_plain_data(n, src);
            }
            "func_literal" => {
                // A deferred or immediately called closure runs before the function returns.
                let called_here = n.up().is_some_and(|c| {
                    c.kind_name() == "call_expression"
                        && c.field("function").is_some_and(|f| f.id() == n.id())
                });
                if !called_here || started_by_go(n) {
                    return true;
                }
            }
            "return_statement" => {
                // `return ctx.Err()` hands back an error, not the context.
                let queried = ident.up().is_some_and(|sel| {
                    sel.kind_name() == "selector_expression"
                        && sel.field("field").is_some_and(|f| {
                            matches!(f.utf8_text(src.as_bytes()), Ok("Err" | "Deadline"))
                        })
                });
                if queried {
                    return false;
                }
                // Returned as is, or inside a value the caller gets.
                let direct = ident
                    .up()
                    .is_some_and(|p| p.kind_name() == "expression_list" && p.up() == Some(n));
                return direct || !plain_results;
            }
            _ => {}
        }
        cur = n.up();
    }
    false
}

/// Whether the channel of a send statement is declared, as a parameter or with
/// `make(chan T…)` in the function, with a plain element type (`chan error`).
fn sends_plain_data(send: Node<'_>, src: &str) -> bool {
    let Some(channel) = send
        .field("channel")
        .filter(|c| c.kind_name() == "identifier")
    else {
        return false;
    };
    let name = &src[channel.byte_range()];
    let element_plain = |ty: Node<'_>| {
        ty.kind_name() == "channel_type" && ty.field("value").is_some_and(|v| plain_type(v, src))
    };
    let mut child = send;
    let mut cur = send.up();
    while let Some(node) = cur {
        match node.kind_name() {
            "statement_list" => {
                let mut cursor = node.walk();
                let earlier: Vec<Node<'_>> = node
                    .named_children(&mut cursor)
                    .take_while(|s| s.id() != child.id())
                    .collect();
                for stmt in earlier.into_iter().rev() {
                    if stmt.kind_name() != "short_var_declaration" {
                        if statement_declares(stmt, name, src) {
                            return false;
                        }
                        continue;
                    }
                    let (Some(left), Some(right)) = (stmt.field("left"), stmt.field("right"))
                    else {
                        continue;
                    };
                    let targets = named_children(left);
                    let Some(i) = targets.iter().position(|t| &src[t.byte_range()] == name) else {
                        continue;
                    };
                    let made = named_children(right).get(i).copied().filter(|v| {
                        v.kind_name() == "call_expression"
                            && v.field("function")
                                .is_some_and(|f| &src[f.byte_range()] == "make")
                    });
                    return made
                        .and_then(|m| m.field("arguments"))
                        .and_then(|a| a.named_child(0))
                        .is_some_and(element_plain);
                }
            }
            kind if is_function(kind) => {
                if let Some(params) = node.field("parameters") {
                    for param in named_children(params) {
                        let mut cursor = param.walk();
                        if param
                            .children_by_field_name("name", &mut cursor)
                            .any(|n| &src[n.byte_range()] == name)
                        {
                            return param.field("type").is_some_and(element_plain);
                        }
                    }
                }
            }
            _ => {}
        }
        child = node;
        cur = node.up();
    }
    false
}

/// Whether every result type of a function is plain data that cannot hold a context or a
/// resource bound to one: `error`, `bool`, strings, numbers, `[]byte`, `time.Duration`, … (no
/// results at all counts too).
pub fn results_are_plain(func: Node<'_>, src: &str) -> bool {
    let Some(result) = func.field("result") else {
        return true;
    };
    let types: Vec<Node<'_>> = if result.kind_name() == "parameter_list" {
        named_children(result)
            .into_iter()
            .filter_map(|p| p.field("type"))
            .collect()
    } else {
        vec![result]
    };
    types.into_iter().all(|t| plain_type(t, src))
}

fn plain_type(ty: Node<'_>, src: &str) -> bool {
    match ty.kind_name() {
        "type_identifier" => matches!(
            &src[ty.byte_range()],
            "error"
                | "bool"
                | "string"
                | "byte"
                | "rune"
                | "int"
                | "int8"
                | "int16"
                | "int32"
                | "int64"
                | "uint"
                | "uint8"
                | "uint16"
                | "uint32"
                | "uint64"
                | "uintptr"
                | "float32"
                | "float64"
                | "complex64"
                | "complex128"
        ),
        "qualified_type" => matches!(
            super::squeeze(&src[ty.byte_range()]).as_str(),
            "time.Duration" | "time.Time" | "json.RawMessage"
        ),
        "slice_type" | "array_type" => ty.field("element").is_some_and(|e| plain_type(e, src)),
        "map_type" => {
            ty.field("key").is_some_and(|k| plain_type(k, src))
                && ty.field("value").is_some_and(|v| plain_type(v, src))
        }
        "parenthesized_type" => ty.named_child(0).is_some_and(|t| plain_type(t, src)),
        _ => false,
    }
}

/// Whether `func` is `main` of package `main` (the process exit releases everything).
pub fn is_main_main(func: Node<'_>, src: &str) -> bool {
    if func.kind_name() != "function_declaration"
        || func
            .field("name")
            .is_none_or(|n| &src[n.byte_range()] != "main")
    {
        return false;
    }
    let mut root = func;
    while let Some(p) = root.up() {
        root = p;
    }
    let mut cursor = root.walk();
    root.named_children(&mut cursor)
        .find(|c| c.kind_name() == "package_clause")
        .and_then(|c| c.named_child(0))
        .is_some_and(|p| &src[p.byte_range()] == "main")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::test_support::find;
    use super::*;

    fn file(src: &str) -> SourceFile {
        SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap()
    }

    const IMPORTS: &str =
        "package p\n\nimport (\n\tstdctx \"context\"\n\t\"net/http\"\n\t\"time\"\n)\n\n";

    fn scope_at(body: &str, marker: &str) -> Vec<(String, String, ContextOrigin, bool, bool)> {
        let src = format!("{IMPORTS}{body}");
        let f = file(&src);
        let imports = ContextImports::of(&f);
        let point = find(f.root(), &src, "call_expression", marker);
        contexts_in_scope(point, &imports, &src)
            .into_iter()
            .map(|c| (c.name, c.expr, c.origin, c.from_caller, c.outer))
            .collect()
    }

    #[test]
    fn import_names_follow_aliases() {
        let f = file(&format!("{IMPORTS}var _ = time.Now\n"));
        let imports = ContextImports::of(&f);
        assert_eq!(imports.context.as_deref(), Some("stdctx"));
        assert_eq!(imports.http.as_deref(), Some("http"));
        assert_eq!(imports.cobra, None);
    }

    #[test]
    fn parameters_requests_and_derived_contexts() {
        let body = "func f(ctx stdctx.Context, r *http.Request, n int) {\n\tsub, cancel := stdctx.WithTimeout(ctx, time.Second)\n\tdefer cancel()\n\treq := r.Context()\n\tmark()\n}\n";
        let got = scope_at(body, "mark");
        let names: Vec<&str> = got.iter().map(|c| c.0.as_str()).collect();
        // Parameters count from the last one.
        assert_eq!(names, ["req", "sub", "r", "ctx"]);
        assert_eq!(got[0].2, ContextOrigin::Derived);
        assert!(got[0].3, "r.Context() comes from the caller");
        assert!(got[1].3, "derived from the ctx parameter");
        assert_eq!(got[3].2, ContextOrigin::Parameter);
        assert_eq!(got[2].1, "r.Context()");
        assert_eq!(got[2].2, ContextOrigin::Request);
    }

    #[test]
    fn plain_context_package_name_is_not_enough() {
        // `context.Context` is not the context type here: the file imports it as `stdctx`.
        let body = "func f(ctx context.Context) {\n\tmark()\n}\n";
        assert!(scope_at(body, "mark").is_empty());
    }

    #[test]
    fn background_derived_context_is_not_the_callers() {
        let body = "func f() {\n\tctx, cancel := stdctx.WithTimeout(stdctx.Background(), time.Second)\n\tdefer cancel()\n\tmark()\n}\n";
        let got = scope_at(body, "mark");
        assert_eq!(got.len(), 1);
        assert!(!got[0].3);
    }

    #[test]
    fn later_declarations_are_not_in_scope_and_inner_ones_hide_outer() {
        let body = "func f(ctx stdctx.Context) {\n\tmark()\n\tsub, cancel := stdctx.WithCancel(ctx)\n\tdefer cancel()\n\t_ = sub\n\t{\n\t\tctx := 3\n\t\tinner(ctx)\n\t}\n}\n";
        let got = scope_at(body, "mark");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "ctx");
        assert!(scope_at(body, "inner").iter().all(|c| c.0 != "ctx"));
    }

    #[test]
    fn closures_see_outer_contexts_but_goroutines_do_not() {
        let body = "func f(ctx stdctx.Context) {\n\tg := func() {\n\t\tinClosure()\n\t}\n\tg()\n\tgo func() {\n\t\tinGoroutine()\n\t}()\n}\n";
        let got = scope_at(body, "inClosure");
        assert_eq!(got.len(), 1);
        assert!(got[0].4, "declared outside the closure");
        assert!(scope_at(body, "inGoroutine").is_empty());
    }

    #[test]
    fn handler_literal_request() {
        let body = "var h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\tmark()\n})\n";
        let got = scope_at(body, "mark");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, "r.Context()");
    }

    #[test]
    fn context_method_of_unknown_receiver_is_not_a_context() {
        let body = "func f(c *gin.Context) {\n\tctx := c.Context()\n\tmark(ctx)\n}\n";
        assert!(scope_at(body, "mark").is_empty());
    }

    #[test]
    fn cobra_command_context() {
        let src = "package p\n\nimport (\n\t\"context\"\n\n\t\"github.com/spf13/cobra\"\n)\n\nfunc run(cmd *cobra.Command, args []string) {\n\tmark()\n}\n\nvar _ context.Context\n";
        let f = file(src);
        let imports = ContextImports::of(&f);
        let point = find(f.root(), src, "call_expression", "mark");
        let got = contexts_in_scope(point, &imports, src);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].expr, "cmd.Context()");
        assert_eq!(got[0].origin, ContextOrigin::Command);
    }

    /// One cancel variable: its name, its uses, the leaks found, and whether some path was
    /// not followed.
    type Facts = (String, Vec<CancelUseKind>, Vec<LeakKind>, bool);

    /// The cancel variables of function `f` with their uses, and the leaks found.
    fn cancel_facts(body: &str) -> (String, Vec<Facts>) {
        let src = format!("{IMPORTS}{body}");
        let f = file(&src);
        let func = find(f.root(), &src, "function_declaration", "func f");
        let mut out = Vec::new();
        for binding in cancel_bindings(func, "stdctx", &src) {
            let Some(var) = CancelVar::of(binding, func, &src) else {
                out.push(("<none>".to_owned(), Vec::new(), Vec::new(), false));
                continue;
            };
            let paths = cancel_paths(&var, func, &src);
            out.push((
                var.name.clone(),
                var.uses.iter().map(|u| u.kind).collect(),
                paths.leaks.iter().map(|l| l.kind).collect(),
                paths.unknown,
            ));
        }
        (src, out)
    }

    #[test]
    fn bindings_of_every_constructor_and_form() {
        let body = "func f(ctx stdctx.Context) {\n\ta, c1 := stdctx.WithCancel(ctx)\n\tvar b, c2 = stdctx.WithDeadline(a, time.Now())\n\tvar c3 stdctx.CancelCauseFunc\n\tb, c3 = stdctx.WithCancelCause(b)\n\t_, _ = stdctx.WithTimeoutCause(b, time.Second, nil)\n\tdefer c1()\n\tdefer c2()\n\tdefer c3(nil)\n}\n";
        let src = format!("{IMPORTS}{body}");
        let f = file(&src);
        let func = find(f.root(), &src, "function_declaration", "func f");
        let bindings = cancel_bindings(func, "stdctx", &src);
        let got: Vec<(&str, BindingForm, bool)> = bindings
            .iter()
            .map(|b| (b.constructor, b.form, b.discarded(&src)))
            .collect();
        assert_eq!(
            got,
            [
                ("WithCancel", BindingForm::Define, false),
                ("WithDeadline", BindingForm::Var, false),
                ("WithCancelCause", BindingForm::Assign, false),
                ("WithTimeoutCause", BindingForm::Assign, true),
            ]
        );
        assert!(bindings[2].takes_cause());
        for b in &bindings[..3] {
            let var = CancelVar::of(*b, func, &src).unwrap();
            assert_eq!(var.uses.len(), 1);
            assert_eq!(var.uses[0].kind, CancelUseKind::Deferred);
            let paths = cancel_paths(&var, func, &src);
            assert!(paths.leaks.is_empty() && !paths.unknown);
        }
    }

    #[test]
    fn early_return_leaks_and_defer_covers_every_path() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) error {\n\tctx, cancel := stdctx.WithTimeout(ctx, time.Second)\n\tif ctx.Err() != nil {\n\t\treturn ctx.Err()\n\t}\n\tcancel()\n\treturn nil\n}\n",
        );
        assert_eq!(got[0].1, [CancelUseKind::Call]);
        assert_eq!(got[0].2, [LeakKind::Return]);
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) error {\n\tctx, cancel := stdctx.WithTimeout(ctx, time.Second)\n\tdefer cancel()\n\tif ctx.Err() != nil {\n\t\treturn ctx.Err()\n\t}\n\treturn nil\n}\n",
        );
        assert!(got[0].2.is_empty());
    }

    #[test]
    fn blank_use_and_overwrite() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) {\n\tctx, cancel := stdctx.WithTimeout(ctx, time.Second)\n\t_ = cancel\n\t_ = ctx\n}\n",
        );
        assert_eq!(got[0].1, [CancelUseKind::Blank]);
        assert_eq!(got[0].2, [LeakKind::FunctionEnd]);
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) {\n\tctx, cancel := stdctx.WithTimeout(ctx, time.Second)\n\tctx, cancel = stdctx.WithTimeout(ctx, 2*time.Second)\n\tdefer cancel()\n\t_ = ctx\n}\n",
        );
        assert_eq!(
            got[0].1,
            [CancelUseKind::Overwrite, CancelUseKind::Deferred]
        );
        assert_eq!(got[0].2, [LeakKind::Overwritten]);
        // The second binding is deferred: fine.
        assert!(got[1].2.is_empty());
    }

    #[test]
    fn escapes_and_closures() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) (stdctx.Context, stdctx.CancelFunc) {\n\tctx, cancel := stdctx.WithCancel(ctx)\n\treturn ctx, cancel\n}\n",
        );
        assert_eq!(got[0].1, [CancelUseKind::Escape]);
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) {\n\tctx, cancel := stdctx.WithCancel(ctx)\n\tdefer func() {\n\t\tcancel()\n\t}()\n\tgo func() {\n\t\tcancel()\n\t}()\n\tif cancel != nil {\n\t}\n\t_ = ctx\n}\n",
        );
        assert_eq!(
            got[0].1,
            [
                CancelUseKind::DeferredClosure,
                CancelUseKind::Closure,
                CancelUseKind::Compared
            ]
        );
    }

    #[test]
    fn loop_binding_leaks_when_the_loop_goes_round() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context, n int) {\n\tfor i := 0; i < n; i++ {\n\t\tc, cancel := stdctx.WithTimeout(ctx, time.Second)\n\t\tif c.Err() != nil {\n\t\t\tcontinue\n\t\t}\n\t\tcancel()\n\t}\n}\n",
        );
        assert_eq!(got[0].2, [LeakKind::LoopBack]);
    }

    #[test]
    fn correlated_branches_are_not_a_proof() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context, d time.Duration) {\n\tvar cancel stdctx.CancelFunc\n\tif d > 0 {\n\t\tctx, cancel = stdctx.WithTimeout(ctx, d)\n\t}\n\twork(ctx)\n\tif d > 0 {\n\t\tcancel()\n\t}\n}\n",
        );
        assert!(got[0].2.is_empty());
        assert!(got[0].3);
    }

    #[test]
    fn assigned_cancel_declared_outside_is_followed_out_of_its_block() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context, d time.Duration) {\n\tcancel := func() {}\n\tif d > 0 {\n\t\tctx, cancel = stdctx.WithTimeout(ctx, d)\n\t}\n\tdefer cancel()\n\twork(ctx)\n}\n",
        );
        assert!(got[0].2.is_empty() && !got[0].3);
    }

    #[test]
    fn package_variable_or_parameter_cancel_is_not_followed() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) {\n\tctx, stop = stdctx.WithCancel(ctx)\n\t_ = ctx\n}\n",
        );
        assert_eq!(got[0].0, "<none>");
    }

    #[test]
    fn if_initializer_binding_lives_in_the_if() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) error {\n\tif c, cancel := stdctx.WithCancel(ctx); c != nil {\n\t\tdefer cancel()\n\t\treturn c.Err()\n\t}\n\treturn nil\n}\n",
        );
        assert_eq!(got[0].1, [CancelUseKind::Deferred]);
        assert_eq!(got[0].2, [LeakKind::ScopeEnd]);
    }

    #[test]
    fn panic_and_fatal_end_paths_silently() {
        let (_, got) = cancel_facts(
            "func f(ctx stdctx.Context) {\n\tctx, cancel := stdctx.WithCancel(ctx)\n\tif ctx == nil {\n\t\tpanic(\"nil\")\n\t}\n\tcancel()\n}\n",
        );
        assert!(got[0].2.is_empty() && !got[0].3);
    }

    #[test]
    fn context_escape_rules() {
        let escapes = |body: &str| {
            let src = format!("{IMPORTS}{body}");
            let f = file(&src);
            let func = find(f.root(), &src, "function_declaration", "func f");
            let b = cancel_bindings(func, "stdctx", &src)[0];
            context_escapes(&b, func, &src)
        };
        // Passed to calls, results plain: no escape.
        assert!(!escapes(
            "func f(ctx stdctx.Context) error {\n\tctx, _ = stdctx.WithTimeout(ctx, time.Second)\n\treturn work(ctx)\n}\n"
        ));
        // Returned.
        assert!(escapes(
            "func f(ctx stdctx.Context) stdctx.Context {\n\tctx, _ = stdctx.WithTimeout(ctx, time.Second)\n\treturn ctx\n}\n"
        ));
        // A response made with it is returned.
        assert!(escapes(
            "func f(ctx stdctx.Context, u string) (*http.Response, error) {\n\tctx, _ = stdctx.WithTimeout(ctx, time.Second)\n\treq, err := http.NewRequestWithContext(ctx, \"GET\", u, nil)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn http.DefaultClient.Do(req)\n}\n"
        ));
        // Used by a goroutine.
        assert!(escapes(
            "func f(ctx stdctx.Context) {\n\tctx, _ = stdctx.WithCancel(ctx)\n\tgo work(ctx)\n}\n"
        ));
        // Stored in a field.
        assert!(escapes(
            "func f(s *S, ctx stdctx.Context) {\n\tctx, _ = stdctx.WithCancel(ctx)\n\ts.ctx = ctx\n}\n"
        ));
    }

    #[test]
    fn main_main_is_recognised() {
        let src = "package main\n\nfunc main() {}\n\nfunc other() {}\n";
        let f = file(src);
        let main = find(f.root(), src, "function_declaration", "func main");
        let other = find(f.root(), src, "function_declaration", "func other");
        assert!(is_main_main(main, src));
        assert!(!is_main_main(other, src));
    }
}
