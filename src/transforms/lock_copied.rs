use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::lock_types::HeldLock;

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds value receivers and by-value parameters of a struct type declared in the package
    /// that holds a `sync.Mutex`, `sync.RWMutex`, `sync.WaitGroup`, `sync.Once` or `sync.Cond`:
    /// as a field (named or embedded), or through a field (or an array) of another struct type
    /// of the package that holds one.
    ///
    /// ## Why is this bad?
    /// Passing such a value copies the lock with it. A method with a value receiver locks its
    /// own copy, so two goroutines calling it are not excluded from each other, and whatever
    /// it writes under that lock is lost with the copy. A copied `WaitGroup` counts and waits
    /// on its own counter; a copied `Once` runs again. A lock copied while held stays locked
    /// in the copy.
    ///
    /// ## Example
    /// ```go
    /// type Counter struct {
    ///     mu sync.Mutex
    ///     n  int
    /// }
    ///
    /// func (c Counter) Inc() {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     c.n++
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (c *Counter) Inc() {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     c.n++
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// The receiver fix (`func (c Counter)` → `func (c *Counter)`) is unsafe: it changes the
    /// method set, so a `Counter` value no longer satisfies an interface through this method,
    /// and calls on values that are not addressable (a map element, a function result) stop
    /// compiling. The method also starts to write to the caller's value instead of a copy.
    /// Parameters get no fix: every call site would need an `&`.
    ///
    /// ## Known problems
    /// Only struct types declared at the top level of the package are followed: a by-value
    /// `sync.Mutex` parameter, a struct of another package that holds a lock, `sync.Map`,
    /// `sync.Pool`, the `atomic` types and non-struct types (`type Locks [4]sync.Mutex`) are
    /// not reported (go vet's copylocks reports them). Copies made by assignment, `range`, a
    /// composite literal, a variadic argument or a `return` are not seen. When files for
    /// different build targets declare the same type name, the type holds a lock if any
    /// declaration does.
    ///
    /// ## References
    /// - Checklist item 1, "Protect Shared State with Mutex"
    /// - <https://pkg.go.dev/sync#Mutex> ("A Mutex must not be copied after first use")
    /// - go vet copylocks
    pub struct LockCopied {
        code: "GF111",
        name: "lock-copied",
        item: 1,
        severity: Critical,
        fix: Sometimes,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    if func.kind_name() == "method_declaration"
        && let Some(receiver) = func.field("receiver")
    {
        check_parameters(func, receiver, true, checker);
    }
    if let Some(parameters) = func.field("parameters") {
        check_parameters(func, parameters, false, checker);
    }
}

fn check_parameters<'a>(func: Node<'a>, list: Node<'a>, receiver: bool, checker: &mut Checker<'a>) {
    let src = checker.text();
    let mut cursor = list.walk();
    // Variadic parameters are slices: the copy happens at the call site, unseen here.
    for param in list
        .named_children(&mut cursor)
        .filter(|p| p.kind_name() == "parameter_declaration")
    {
        // A package type named by value: `T` or `T[Args]`, not `*T`.
        let Some((ty, name)) = param.field("type").and_then(|t| by_value_type(t, src)) else {
            continue;
        };
        // A struct of this package that holds a lock.
        let Some(held) = checker.package.held_lock(name) else {
            continue;
        };
        // Not a type parameter or a local type that happens to share the name.
        if is_shadowed(func, name, src) {
            continue;
        }
        // The type as written, on one line: `Cache[K, V]`.
        let shown = src[ty.byte_range()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let diagnostic = if receiver {
            receiver_diagnostic(ty, &shown, name, held)
        } else {
            let message = format!(
                "{}, and this parameter copies it: pass a `*{shown}`",
                holds(name, held)
            );
            Diagnostic::new(&LockCopied::RULE, range(ty), message)
        };
        checker.report(diagnostic);
    }
}

/// `shown` is the receiver type as written (`Cache[K, V]`), `name` the type's name.
fn receiver_diagnostic(ty: Node<'_>, shown: &str, name: &str, held: &HeldLock) -> Diagnostic {
    let message = format!(
        "{}, and this value receiver copies it: the method uses a copy, not the caller's",
        holds(name, held)
    );
    let fix = Fix::new(
        format!("Use a pointer receiver `*{shown}`"),
        Applicability::Unsafe,
        vec![Edit::insertion(ty.start_byte(), "*")],
    );
    Diagnostic::new(&LockCopied::RULE, range(ty), message).with_fix(Some(fix))
}

/// "`Counter` holds a sync.Mutex (field `mu`)".
fn holds(name: &str, held: &HeldLock) -> String {
    format!(
        "`{name}` holds a sync.{} (field `{}`)",
        held.kind, held.path
    )
}

/// The type node and name of a parameter typed `T` or `T[Args]` (parentheses looked through).
fn by_value_type<'a>(mut ty: Node<'a>, src: &'a str) -> Option<(Node<'a>, &'a str)> {
    while ty.kind_name() == "parenthesized_type" {
        ty = ty.named_child(0)?;
    }
    let ident = match ty.kind_name() {
        "type_identifier" => ty,
        "generic_type" => ty
            .field("type")
            .filter(|t| t.kind_name() == "type_identifier")?,
        _ => return None,
    };
    Some((ty, &src[ident.byte_range()]))
}

/// Whether `name`, seen in the signature of `func`, names something other than the package
/// type: a type parameter of `func` or of an enclosing function (or of the receiver's type,
/// `func (b Box[T]) …`), or a type declared locally in an enclosing block.
fn is_shadowed(func: Node<'_>, name: &str, src: &str) -> bool {
    let declares = |n: Node<'_>| &src[n.byte_range()] == name;
    let mut cur = Some(func);
    while let Some(n) = cur {
        match n.kind_name() {
            "function_declaration" => {
                if let Some(list) = n.field("type_parameters") {
                    let mut c = list.walk();
                    for decl in list.named_children(&mut c) {
                        let mut names = decl.walk();
                        if decl
                            .children_by_field_name("name", &mut names)
                            .any(declares)
                        {
                            return true;
                        }
                    }
                }
            }
            "method_declaration" => {
                // `func (b Box[K, V])`: K and V are the receiver's type parameters.
                let args = n
                    .field("receiver")
                    .and_then(|r| r.named_child(0))
                    .and_then(|p| p.field("type"))
                    .map(|t| match t.kind_name() {
                        "pointer_type" => t.named_child(0).unwrap_or(t),
                        _ => t,
                    })
                    .filter(|t| t.kind_name() == "generic_type")
                    .and_then(|t| t.field("type_arguments"));
                if let Some(args) = args {
                    let mut c = args.walk();
                    for elem in args.named_children(&mut c) {
                        if elem.named_child(0).is_some_and(declares) {
                            return true;
                        }
                    }
                }
            }
            "statement_list" => {
                let mut c = n.walk();
                for stmt in n.named_children(&mut c) {
                    if stmt.kind_name() != "type_declaration" {
                        continue;
                    }
                    let mut specs = stmt.walk();
                    if stmt
                        .named_children(&mut specs)
                        .filter_map(|s| s.field("name"))
                        .any(declares)
                    {
                        return true;
                    }
                }
            }
            _ => {}
        }
        cur = n.up();
    }
    false
}
