use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::package::import_name;
use crate::syntax::waitgroups::{
    Holding, Known, call_site_edit, classify_type, only_method_receiver, parameter_position,
};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds a `sync.WaitGroup` that is copied: a parameter (of a function, method or
    /// literal) typed `sync.WaitGroup` instead of `*sync.WaitGroup`, so every call passes a
    /// copy, and an assignment or declaration whose value is an existing WaitGroup (`wg2 :=
    /// wg`, `local := s.wg`, `v := *p`).
    ///
    /// ## Why is this bad?
    /// A WaitGroup is a counter the goroutines share. A copy has a counter of its own: the
    /// worker's `Done` lowers the copy's, the caller's `Wait` waits on the original, which
    /// never gets back to zero — the program hangs (or, copied the other way, `Wait` returns
    /// at once). `go vet` (copylocks) reports the copy, but nothing rewrites the call sites.
    ///
    /// ## Example
    /// ```go
    /// func worker(id int, wg sync.WaitGroup) {
    ///     defer wg.Done()
    ///     process(id)
    /// }
    ///
    /// func run() {
    ///     var wg sync.WaitGroup
    ///     for i := 0; i < 4; i++ {
    ///         wg.Add(1)
    ///         go worker(i, wg)
    ///     }
    ///     wg.Wait()
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func worker(id int, wg *sync.WaitGroup) {
    ///     defer wg.Done()
    ///     process(id)
    /// }
    ///
    /// func run() {
    ///     var wg sync.WaitGroup
    ///     for i := 0; i < 4; i++ {
    ///         wg.Add(1)
    ///         go worker(i, &wg)
    ///     }
    ///     wg.Wait()
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the parameter becomes `*sync.WaitGroup` and every call site of the package
    /// passes `&wg` (or `p` for `*p`), across files, all at once. That changes what the
    /// program does — the function now counts on the caller's WaitGroup, which is the point,
    /// but a program that happened to work with the copy behaves differently. Offered only
    /// when every call site is in view and can take an address: no fix for an exported
    /// function outside `package main` (callers elsewhere), a method (calls cannot be told
    /// apart by name), a function used as a value or declared twice, a call that passes a
    /// map element or a call result, or a parameter the body uses other than by calling its
    /// methods. A literal is fixed only where it is called on the spot (`go func(wg
    /// sync.WaitGroup) {…}(wg)`). Copies by assignment get no fix.
    ///
    /// ## Known problems
    /// Copies are recognised only when the copied expression is known to be a WaitGroup
    /// value from declarations in the package; copies made by `return`, `range`, a composite
    /// literal or an argument to a function of another package are not seen. Struct types
    /// holding a WaitGroup copied by value are GF111's.
    ///
    /// ## References
    /// - Checklist item 10, "Use WaitGroup for Goroutine Coordination"
    /// - <https://pkg.go.dev/sync#WaitGroup> ("A WaitGroup must not be copied after first
    ///   use")
    /// - go vet copylocks
    pub struct WaitgroupByValue {
        code: "GF312",
        name: "waitgroup-by-value",
        item: 10,
        severity: Critical,
        fix: Sometimes,
    }
}

pub fn check<'a>(node: Node<'a>, checker: &mut Checker<'a>) {
    match node.kind_name() {
        "function_declaration" | "method_declaration" | "func_literal" => {
            check_parameters(node, checker);
        }
        _ => check_copies(node, checker),
    }
}

fn check_parameters<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    // Cheap filter: a `sync.WaitGroup` parameter needs the `sync` import.
    let Some(sync) = import_name(checker.file, "sync") else {
        return;
    };
    let Some(params) = func.field("parameters") else {
        return;
    };
    let src = checker.text();
    let mut cursor = params.walk();
    for param in params
        .named_children(&mut cursor)
        .filter(|p| p.kind_name() == "parameter_declaration")
    {
        let Some(ty) = param.field("type") else {
            continue;
        };
        if classify_type(ty, src, Some(&sync)) != Known::WaitGroup(Holding::Value) {
            continue;
        }
        let mut names = param.walk();
        let names: Vec<&str> = param
            .children_by_field_name("name", &mut names)
            .map(|n| &src[n.byte_range()])
            .collect();
        let subject = match names.as_slice() {
            [] => "this parameter is a `sync.WaitGroup`".to_owned(),
            [one] => format!("`{one}` is a `sync.WaitGroup`"),
            many => format!("`{}` are `sync.WaitGroup`s", many.join("`, `")),
        };
        let message = format!(
            "{subject} passed by value: `Add` and `Done` on it change a copy the caller's `Wait` never sees"
        );
        let fix = pointer_fix(func, params, param, ty, &names, checker);
        checker.report(Diagnostic::new(&WaitgroupByValue::RULE, range(ty), message).with_fix(fix));
    }
}

/// Before:
/// ```go
/// func worker(wg sync.WaitGroup) { defer wg.Done() }   // a.go
/// go worker(wg)                                        // b.go
/// ```
/// After:
/// ```go
/// func worker(wg *sync.WaitGroup) { defer wg.Done() }
/// go worker(&wg)
/// ```
fn pointer_fix(
    func: Node<'_>,
    params: Node<'_>,
    param: Node<'_>,
    ty: Node<'_>,
    names: &[&str],
    checker: &Checker<'_>,
) -> Option<Fix> {
    let here = &checker.file.path;
    let call_edits: Vec<Edit> = match func.kind_name() {
        "function_declaration" => {
            let facts = checker.package.waitgroups();
            let function = facts.by_value_function(here, range(ty))?;
            function
                .call_edits
                .as_ref()?
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    if e.file.as_ref() == Some(here) {
                        e.file = None;
                    }
                    e
                })
                .collect()
        }
        // A literal called on the spot: its one call site is right there.
        "func_literal" => {
            if names.len() > 1 {
                return None;
            }
            let src = checker.text();
            let body = func.field("body")?;
            if let Some(name) = names.first()
                && !only_method_receiver(body, name, src)
            {
                return None;
            }
            let call = func.up().filter(|c| {
                c.kind_name() == "call_expression" && c.field("function") == Some(func)
            })?;
            vec![call_site_edit(call, parameter_position(params, param))?]
        }
        // Calls of a method cannot be told apart from calls of another type's method.
        _ => return None,
    };
    let mut edits = vec![Edit::insertion(ty.start_byte(), "*")];
    edits.extend(call_edits);
    let title = if edits.len() > 1 {
        "Take a `*sync.WaitGroup` and pass `&wg` at every call"
    } else {
        "Take a `*sync.WaitGroup`"
    };
    Some(Fix::new(title, Applicability::Unsafe, edits))
}

/// `wg2 := wg`, `var local = s.wg`, `v = *p`: a WaitGroup value copied into another name.
fn check_copies<'a>(stmt: Node<'a>, checker: &mut Checker<'a>) {
    let (left, right): (Vec<Node<'a>>, Vec<Node<'a>>) = match stmt.kind_name() {
        "short_var_declaration" => (list(stmt.field("left")), list(stmt.field("right"))),
        "assignment_statement" => {
            // `x = y` only: `+=` and friends do not apply to WaitGroups.
            let plain = stmt
                .field("operator")
                .is_some_and(|op| op.kind_name() == "=");
            if !plain {
                return;
            }
            (list(stmt.field("left")), list(stmt.field("right")))
        }
        "var_spec" => {
            let mut cursor = stmt.walk();
            let names = stmt.children_by_field_name("name", &mut cursor).collect();
            (names, list(stmt.field("value")))
        }
        _ => return,
    };
    if left.len() != right.len() {
        return;
    }
    let src = checker.text();
    let sync = import_name(checker.file, "sync");
    for (target, value) in left.iter().zip(&right) {
        if &src[target.byte_range()] == "_" {
            continue;
        }
        // An existing WaitGroup, not a new one (`sync.WaitGroup{}`).
        let existing = match value.kind_name() {
            "identifier" | "selector_expression" | "parenthesized_expression" => true,
            "unary_expression" => value.child(0).is_some_and(|op| op.kind_name() == "*"),
            _ => false,
        };
        if !existing {
            continue;
        }
        let known = checker
            .package
            .waitgroups()
            .known(*value, src, sync.as_deref());
        if known != Known::WaitGroup(Holding::Value) {
            continue;
        }
        let shown = &src[value.byte_range()];
        let message = format!(
            "this copies the `sync.WaitGroup` `{shown}`: the copy has a counter of its own, so `Add`, `Done` and `Wait` on it never meet the original's"
        );
        checker.report(Diagnostic::new(
            &WaitgroupByValue::RULE,
            range(*value),
            message,
        ));
    }
}

/// The expressions of an expression list.
fn list(node: Option<Node<'_>>) -> Vec<Node<'_>> {
    let Some(node) = node else {
        return Vec::new();
    };
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect()
}
