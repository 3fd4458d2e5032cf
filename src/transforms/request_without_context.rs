use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::package::import_name;
use crate::syntax::contexts::{
    ContextImports, contexts_in_scope, inside_defer, is_qualified_type, package_call, preferred,
    shown_contexts,
};
use crate::syntax::{is_function, walk_subtree};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds HTTP requests made without a context in a function that has one in scope (a
    /// `context.Context` parameter, a context derived with `context.With…`, `r.Context()` of
    /// an `*http.Request` parameter, `cmd.Context()` of a cobra command): `http.NewRequest(…)`
    /// whose request never gets a context (`req.WithContext(ctx)` afterwards is fine), and
    /// `http.Get/Head/Post/PostForm(…)` or the `*http.Client` methods of the same names.
    ///
    /// ## Why is this bad?
    /// Such a request cannot be cancelled: when the caller gives up (the client went away,
    /// the deadline passed, the program is shutting down) it keeps running until the server
    /// answers or the client's own timeout fires, holding a connection and a goroutine.
    ///
    /// ## Example
    /// ```go
    /// func fetch(ctx context.Context, url string) (*http.Response, error) {
    ///     req, err := http.NewRequest("GET", url, nil)
    ///     if err != nil {
    ///         return nil, err
    ///     }
    ///     return http.DefaultClient.Do(req)
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func fetch(ctx context.Context, url string) (*http.Response, error) {
    ///     req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
    ///     if err != nil {
    ///         return nil, err
    ///     }
    ///     return http.DefaultClient.Do(req)
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// `http.NewRequest(…)` becomes `http.NewRequestWithContext(ctx, …)` with the nearest
    /// context in scope. Unsafe: the request becomes cancellable, which is the point but
    /// changes behaviour (a request that used to finish after its caller's context was done
    /// now fails with `context.Canceled`). No fix when two context parameters compete.
    /// `http.Get` and the other shortcuts are reported without a fix: they have to be
    /// rewritten into a request and a `Do` call.
    ///
    /// ## Known problems
    /// A request that gets its context in another function (the caller calls
    /// `req.WithContext`) is reported. Calls inside a `defer`, and contexts of the function
    /// around a `go func(){…}()` literal, are not considered: a deferred or detached request
    /// may be meant to outlive the context. A `Get` method is only taken for
    /// `*http.Client`'s when the receiver is `http.DefaultClient` or declared with that type
    /// (or built with `&http.Client{…}`) in the same file.
    ///
    /// ## References
    /// - Checklist item 7, "Use Context for Cancellation"
    /// - <https://pkg.go.dev/net/http#NewRequestWithContext>
    /// - golangci-lint `noctx` (needs type information)
    pub struct RequestWithoutContext {
        code: "GF401",
        name: "request-without-context",
        item: 7,
        severity: High,
        fix: Sometimes,
    }
}

/// The request shortcuts and how many arguments they take.
const SHORTCUTS: &[(&str, usize)] = &[("Get", 1), ("Head", 1), ("Post", 3), ("PostForm", 2)];

pub fn check<'a>(call: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // Cheap filters first: the method name, then the import.
    let Some(function) = call
        .field("function")
        .filter(|f| f.kind_name() == "selector_expression")
    else {
        return;
    };
    let (Some(operand), Some(field), Some(args)) = (
        function.field("operand"),
        function.field("field"),
        call.field("arguments"),
    ) else {
        return;
    };
    let method = &src[field.byte_range()];
    let arity = SHORTCUTS
        .iter()
        .find(|(m, _)| *m == method)
        .map(|(_, n)| *n);
    if method != "NewRequest" && arity.is_none() {
        return;
    }
    let Some(http) = import_name(checker.file, "net/http") else {
        return;
    };
    let package_function = package_call(call, &http, src) == Some(method);
    let client_method = !package_function
        && arity == Some(args.named_child_count())
        && is_http_client(operand, &http, src);
    if !package_function && !client_method {
        return;
    }
    // A deferred request may be meant to run after the context is done.
    if inside_defer(call) {
        return;
    }
    let imports = ContextImports::of(checker.file);
    let contexts = contexts_in_scope(call, &imports, src);
    if contexts.is_empty() {
        return;
    }
    let (shown, verb) = shown_contexts(&contexts);
    if method == "NewRequest" {
        // `req = req.WithContext(ctx)` later gives the request its context.
        if gets_context_later(call, src) {
            return;
        }
        let message = format!(
            "`{http}.NewRequest` makes a request that ignores {shown}: it cannot be cancelled"
        );
        let fix = preferred(&contexts)
            .and_then(|ctx| with_context_fix(checker, field, args, &http, &ctx.expr));
        checker.report(
            Diagnostic::new(&RequestWithoutContext::RULE, range(call), message).with_fix(fix),
        );
        return;
    }
    let callee = if package_function {
        format!("{http}.{method}")
    } else {
        format!(
            "{}.{method}",
            crate::syntax::squeeze(&src[operand.byte_range()])
        )
    };
    let message = format!(
        "`{callee}` cannot be cancelled, though {shown} {verb} in scope: build the request with `{http}.NewRequestWithContext` and send it with `Do`"
    );
    checker.report(Diagnostic::new(
        &RequestWithoutContext::RULE,
        range(call),
        message,
    ));
}

/// Before: `http.NewRequest("GET", url, nil)`
/// After:  `http.NewRequestWithContext(ctx, "GET", url, nil)`
fn with_context_fix(
    checker: &Checker<'_>,
    field: Node<'_>,
    args: Node<'_>,
    http: &str,
    ctx: &str,
) -> Option<Fix> {
    let src = checker.text();
    let mut cursor = args.walk();
    let first = args
        .named_children(&mut cursor)
        .find(|a| a.kind_name() != "comment")?;
    let open = args.start_byte() + 1;
    // An argument list broken after `(` keeps one argument per line.
    let insertion = if src[open..first.start_byte()].contains('\n') {
        let indent = checker.file.indentation(first.start_byte());
        Edit::insertion(first.start_byte(), format!("{ctx},\n{indent}"))
    } else {
        Edit::insertion(open, format!("{ctx}, "))
    };
    Some(Fix::new(
        format!("Use `{http}.NewRequestWithContext({ctx}, …)`"),
        Applicability::Unsafe,
        vec![
            Edit::replacement(
                field.start_byte(),
                field.end_byte(),
                "NewRequestWithContext",
            ),
            insertion,
        ],
    ))
}

/// Whether the request `call` makes is given a context later in its function:
/// `req.WithContext(ctx)` or `req.Clone(ctx)` on the variable it is assigned to.
fn gets_context_later(call: Node<'_>, src: &str) -> bool {
    let Some(name) = assigned_to(call, src) else {
        return false;
    };
    // The outermost function: a closure may build the request for its parent.
    let mut func = None;
    let mut cur = call.up();
    while let Some(n) = cur {
        if is_function(n.kind_name()) {
            func = Some(n);
        }
        cur = n.up();
    }
    let Some(func) = func else {
        return false;
    };
    let mut found = false;
    walk_subtree(func, |n| {
        if n.kind_name() == "call_expression"
            && n.start_byte() > call.end_byte()
            && let Some(f) = n
                .field("function")
                .filter(|f| f.kind_name() == "selector_expression")
            && f.field("operand")
                .is_some_and(|o| o.kind_name() == "identifier" && &src[o.byte_range()] == name)
            && f.field("field")
                .is_some_and(|m| matches!(&src[m.byte_range()], "WithContext" | "Clone"))
        {
            found = true;
        }
        !found
    });
    found
}

/// The variable a call's result is assigned or declared to (the first target).
fn assigned_to<'s>(call: Node<'_>, src: &'s str) -> Option<&'s str> {
    let list = call.up().filter(|p| p.kind_name() == "expression_list")?;
    let stmt = list.up()?;
    let target = match stmt.kind_name() {
        "short_var_declaration" | "assignment_statement" => {
            if stmt.field("right") != Some(list) {
                return None;
            }
            stmt.field("left")?.named_child(0)?
        }
        "var_spec" => stmt.field("name")?,
        _ => return None,
    };
    (target.kind_name() == "identifier").then(|| &src[target.byte_range()])
}

/// Whether a receiver is an `*http.Client` the file shows: `http.DefaultClient`, a variable
/// or parameter declared with that type or built with `&http.Client{…}`, or a field of that
/// type in a struct of this file.
fn is_http_client(receiver: Node<'_>, http: &str, src: &str) -> bool {
    match receiver.kind_name() {
        "selector_expression" => {
            let (Some(operand), Some(field)) = (receiver.field("operand"), receiver.field("field"))
            else {
                return false;
            };
            let field = &src[field.byte_range()];
            if operand.kind_name() == "identifier" && &src[operand.byte_range()] == http {
                return field == "DefaultClient";
            }
            client_field(receiver, field, http, src)
        }
        "identifier" => client_variable(receiver, &src[receiver.byte_range()], http, src),
        _ => false,
    }
}

fn client_type(ty: Node<'_>, http: &str, src: &str) -> bool {
    is_qualified_type(ty, http, "Client", true, src)
        || is_qualified_type(ty, http, "Client", false, src)
}

/// `&http.Client{…}`, `http.Client{…}` or `http.DefaultClient`.
fn client_value(value: Node<'_>, http: &str, src: &str) -> bool {
    let literal = if value.kind_name() == "unary_expression" {
        value.field("operand")
    } else {
        Some(value)
    };
    let Some(literal) = literal else {
        return false;
    };
    match literal.kind_name() {
        "composite_literal" => literal
            .field("type")
            .is_some_and(|t| client_type(t, http, src)),
        "selector_expression" => {
            crate::syntax::squeeze(&src[literal.byte_range()]) == format!("{http}.DefaultClient")
        }
        _ => false,
    }
}

/// A struct field named `name` of type `*http.Client` in the file.
fn client_field(node: Node<'_>, name: &str, http: &str, src: &str) -> bool {
    let mut root = node;
    while let Some(p) = root.up() {
        root = p;
    }
    let mut found = false;
    walk_subtree(root, |n| {
        if n.kind_name() == "field_declaration"
            && n.field("type").is_some_and(|t| client_type(t, http, src))
            && n.children_by_field_name("name", &mut n.walk())
                .any(|f| &src[f.byte_range()] == name)
        {
            found = true;
        }
        !found && !is_function(n.kind_name())
    });
    found
}

/// The nearest declaration of variable `name` visible at `node` makes it an `*http.Client`.
fn client_variable(node: Node<'_>, name: &str, http: &str, src: &str) -> bool {
    let mut child = node;
    let mut cur = node.up();
    while let Some(n) = cur {
        let scope_items: Vec<Node<'_>> = match n.kind_name() {
            "statement_list" | "source_file" => {
                let mut cursor = n.walk();
                n.named_children(&mut cursor)
                    .take_while(|s| s.id() != child.id() || n.kind_name() == "source_file")
                    .collect()
            }
            kind if is_function(kind) => {
                let mut items = Vec::new();
                for field in ["parameters", "receiver"] {
                    if let Some(list) = n.field(field) {
                        let mut cursor = list.walk();
                        items.extend(list.named_children(&mut cursor));
                    }
                }
                items
            }
            _ => Vec::new(),
        };
        for item in scope_items.into_iter().rev() {
            if let Some(is_client) = declares_client(item, name, http, src) {
                return is_client;
            }
        }
        child = n;
        cur = n.up();
    }
    false
}

/// When `item` declares `name`: whether as an `*http.Client`.
fn declares_client(item: Node<'_>, name: &str, http: &str, src: &str) -> Option<bool> {
    match item.kind_name() {
        "parameter_declaration" => {
            let mut cursor = item.walk();
            let declares = item
                .children_by_field_name("name", &mut cursor)
                .any(|n| &src[n.byte_range()] == name);
            declares.then(|| {
                item.field("type")
                    .is_some_and(|t| client_type(t, http, src))
            })
        }
        "short_var_declaration" => {
            let left = item.field("left")?;
            let right = item.field("right")?;
            let mut cursor = left.walk();
            let index = left
                .named_children(&mut cursor)
                .position(|n| &src[n.byte_range()] == name)?;
            Some(
                right
                    .named_child(index)
                    .is_some_and(|v| client_value(v, http, src)),
            )
        }
        "var_declaration" => {
            let mut result = None;
            walk_subtree(item, |n| {
                if n.kind_name() == "var_spec" && result.is_none() {
                    let mut cursor = n.walk();
                    let index = n
                        .children_by_field_name("name", &mut cursor)
                        .position(|id| &src[id.byte_range()] == name);
                    if let Some(index) = index {
                        let typed = n.field("type").is_some_and(|t| client_type(t, http, src));
                        let valued = n
                            .field("value")
                            .and_then(|v| v.named_child(index))
                            .is_some_and(|v| client_value(v, http, src));
                        result = Some(typed || valued);
                    }
                    return false;
                }
                result.is_none()
            });
            result
        }
        _ => None,
    }
}
