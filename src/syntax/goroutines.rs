//! Goroutine facts: which function bodies run as goroutines (a literal started by `go
//! func(){…}()` or `X.Go(func(){…})`, or a function or method of the package started by
//! `go f(…)` / `go x.m(…)`), whether a loop can be left, whether it waits for a cancellation
//! signal, and which `context.Context` is in scope.
//!
//! Functions started by name are found the other way round: the package index records the
//! names `go` statements start ([`GoroutineStarts`]), and a function declaration is a
//! goroutine body when its name is among them. The finding then lands in the function's own
//! file, whichever file of the package the `go` statement is in.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::captures::{shadowed, statement_declares};
use super::reach::{STARTS, goroutine_start, is_goroutine_literal};
use super::{each_of_kinds, import_names, is_function, statements, walk_subtree};
use crate::syntax::NodeKind;

/// The names of the package's functions and methods that `go` statements (or `X.Go(f)`)
/// start, gathered file by file.
#[derive(Debug, Default)]
pub struct GoroutineStarts {
    /// `go f(…)`, `X.Go(f)`: `f` is not a local variable or parameter.
    functions: HashSet<String>,
    /// `go x.m(…)`, `X.Go(x.m)`: `x` is not an imported package.
    methods: HashSet<String>,
    /// How many methods of each name the package declares (on any type).
    method_decls: HashMap<String, usize>,
}

impl GoroutineStarts {
    /// The names `go` statements start: the file declaring one may be a goroutine body
    /// without a `go` of its own, so the prefilter parses files naming them.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.functions
            .iter()
            .chain(&self.methods)
            .map(String::as_str)
    }

    /// Add the facts of one file (its root node and text).
    pub fn add_file(&mut self, root: Node<'_>, src: &str) {
        self.add_file_starting(root, src, true);
    }

    /// [`Self::add_file`], told whether the file may start a goroutine at all (it says `go`
    /// or `Go`); when it cannot, only its method declarations are counted.
    pub fn add_file_starting(&mut self, root: Node<'_>, src: &str, starts: bool) {
        let imports = import_names(root, src);
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            if decl.kind_name() == "method_declaration"
                && let Some(name) = decl.field("name")
            {
                *self
                    .method_decls
                    .entry(src[name.byte_range()].to_owned())
                    .or_default() += 1;
            }
        }
        if !starts {
            return;
        }
        each_of_kinds(root, &STARTS, |n| {
            let Some(started) = goroutine_start(n, src) else {
                return;
            };
            match started.kind_name() {
                "identifier" => {
                    let name = &src[started.byte_range()];
                    if !shadowed(started, name, root, src) {
                        self.functions.insert(name.to_owned());
                    }
                }
                "selector_expression" => {
                    let operand = started.field("operand");
                    let imported = operand.is_some_and(|o| {
                        o.kind_name() == "identifier" && imports.contains(&src[o.byte_range()])
                    });
                    if !imported && let Some(field) = started.field("field") {
                        self.methods.insert(src[field.byte_range()].to_owned());
                    }
                }
                _ => {}
            }
        });
    }

    /// Whether a function or method declaration of the package is started as a goroutine
    /// somewhere in it. A method counts only when no other method of the package has its
    /// name (names only, no types: `go x.run()` could be any type's `run`).
    pub fn is_started(&self, decl: Node<'_>, src: &str) -> bool {
        let Some(name) = decl.field("name") else {
            return false;
        };
        let name = &src[name.byte_range()];
        match decl.kind_name() {
            "function_declaration" => self.functions.contains(name),
            "method_declaration" => {
                self.methods.contains(name) && self.method_decls.get(name) == Some(&1)
            }
            _ => false,
        }
    }
}

/// The body of `func` when it runs as a goroutine: a goroutine literal, or a declaration
/// the package starts by name.
pub fn goroutine_body<'t>(func: Node<'t>, src: &str, starts: &GoroutineStarts) -> Option<Node<'t>> {
    let runs = match func.kind_name() {
        "func_literal" => is_goroutine_literal(func, src),
        "function_declaration" | "method_declaration" => starts.is_started(func, src),
        _ => false,
    };
    runs.then(|| func.field("body")).flatten()
}

/// `for { … }` or `for init; ; post { … }`: a loop with no condition and no range.
pub fn is_unconditional(for_stmt: Node<'_>) -> bool {
    if for_stmt.kind_name() != "for_statement" {
        return false;
    }
    let body = for_stmt.field("body");
    let mut cursor = for_stmt.walk();
    for child in for_stmt.named_children(&mut cursor) {
        if Some(child) == body || child.kind_name() == "comment" {
            continue;
        }
        match child.kind_name() {
            "for_clause" if child.field("condition").is_none() => {}
            _ => return false,
        }
    }
    true
}

/// `for { … }` or `for cond { … }`: a loop that is not counting or ranging over anything,
/// so it goes round for as long as events come (no `range`, no init or post statement).
pub fn is_event_loop(for_stmt: Node<'_>) -> bool {
    if for_stmt.kind_name() != "for_statement" {
        return false;
    }
    let body = for_stmt.field("body");
    let mut cursor = for_stmt.walk();
    for_stmt.named_children(&mut cursor).all(|child| {
        Some(child) == body
            || match child.kind_name() {
                "range_clause" => false,
                "for_clause" => {
                    child.field("initializer").is_none() && child.field("update").is_none()
                }
                _ => true,
            }
    })
}

/// The unconditional loops among the top-level statements of a goroutine body that nothing
/// inside can leave ([`leaves_loop`]) and that wait for no cancellation
/// ([`waits_for_cancellation`]).
pub fn endless_loops<'t>(body: Node<'t>, src: &str) -> Vec<Node<'t>> {
    statements(body)
        .into_iter()
        .filter_map(unlabeled)
        .filter(|s| is_unconditional(*s))
        .filter(|loop_| {
            let Some(loop_body) = loop_.field("body") else {
                return false;
            };
            !leaves_loop(*loop_, loop_body, src) && !waits_for_cancellation(loop_body, src)
        })
        .collect()
}

/// The statement a label stands for (`L: for {…}` → the `for`), or the statement itself.
fn unlabeled(stmt: Node<'_>) -> Option<Node<'_>> {
    if stmt.kind_name() != "labeled_statement" {
        return Some(stmt);
    }
    let mut cursor = stmt.walk();
    stmt.named_children(&mut cursor)
        .find(|c| !matches!(c.kind_name(), "label_name" | "comment"))
}

/// Whether something inside `region` (part of `loop`'s body) takes control out of `loop`:
/// a `return`, a `goto`, a `break` whose target is `loop` or a statement around it (labels
/// resolved; an unlabeled `break` in a `select` or `switch` only ends that), a `continue`
/// of an outer loop, or a call that ends the goroutine or the process (`panic`, `os.Exit`,
/// `runtime.Goexit`, `log.Fatal` and the like). Nested function literals do not count.
pub fn leaves_loop(loop_: Node<'_>, region: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(region, |n| {
        if found || n.kind_name() == "func_literal" {
            return false;
        }
        found = match n.kind_name() {
            "return_statement" | "goto_statement" => true,
            "break_statement" => jump_leaves(n, loop_, src, true),
            "continue_statement" => jump_leaves(n, loop_, src, false),
            "call_expression" => is_exit_call(n, src),
            _ => false,
        };
        !found
    });
    found
}

/// Whether a `break` (or `continue`) inside `loop_` jumps out of it.
fn jump_leaves(jump: Node<'_>, loop_: Node<'_>, src: &str, is_break: bool) -> bool {
    let label = {
        let mut cursor = jump.walk();
        jump.named_children(&mut cursor)
            .find(|c| c.kind_name() == "label_name")
            .map(|l| &src[l.byte_range()])
    };
    let mut passed_loop = false;
    let mut cur = jump.up();
    while let Some(n) = cur {
        if is_function(n.kind_name()) {
            return false;
        }
        match label {
            None => {
                if n.id() == loop_.id() {
                    // The innermost breakable statement is the loop itself.
                    return is_break;
                }
                let binds = if is_break {
                    matches!(
                        n.kind_name(),
                        "for_statement"
                            | "select_statement"
                            | "expression_switch_statement"
                            | "type_switch_statement"
                    )
                } else {
                    n.kind_name() == "for_statement"
                };
                if binds {
                    return false;
                }
            }
            Some(label) => {
                if n.id() == loop_.id() {
                    passed_loop = true;
                }
                if n.kind_name() == "labeled_statement"
                    && n.field("label")
                        .is_some_and(|l| &src[l.byte_range()] == label)
                {
                    let target = unlabeled(n);
                    let is_loop = target.is_some_and(|t| t.id() == loop_.id());
                    // `break L` leaves when L is the loop or around it; `continue L` only
                    // when L is a loop around it.
                    return if is_break {
                        passed_loop
                    } else {
                        passed_loop && !is_loop
                    };
                }
            }
        }
        cur = n.up();
    }
    false
}

/// A call that never returns to the loop: `panic(…)`, `os.Exit`, `runtime.Goexit`,
/// `log.Fatal*`, `log.Panic*`, `t.FailNow` (any receiver: loggers have them too).
pub fn is_exit_call(call: Node<'_>, src: &str) -> bool {
    let Some(function) = call.field("function") else {
        return false;
    };
    match function.kind_name() {
        "identifier" => &src[function.byte_range()] == "panic",
        "selector_expression" => function.field("field").is_some_and(|f| {
            matches!(
                &src[f.byte_range()],
                "Exit"
                    | "Goexit"
                    | "Fatal"
                    | "Fatalf"
                    | "Fatalln"
                    | "Panic"
                    | "Panicf"
                    | "Panicln"
                    | "FailNow"
            )
        }),
        _ => false,
    }
}

/// Whether `region` (outside nested function literals) receives from a cancellation
/// channel: `<-ctx.Done()`, or a channel (or a method returning one) whose name says it
/// signals the end (`quit`, `stop`, `done`, `closing`, `shutdown`, …). A `select` case
/// with nothing in it (`case <-done:` then round the loop again) is not a way out.
pub fn waits_for_cancellation(region: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(region, |n| {
        if found || n.kind_name() == "func_literal" {
            return false;
        }
        found = n.kind_name() == "unary_expression"
            && n.field("operator").is_some_and(|op| op.kind_name() == "<-")
            && n.field("operand")
                .is_some_and(|ch| is_cancellation_channel(ch, src))
            && !in_empty_case(n);
        !found
    });
    found
}

/// Whether a receive is the communication of a `select` case with no statements.
fn in_empty_case(receive: Node<'_>) -> bool {
    let Some(stmt) = receive
        .up()
        .filter(|s| s.kind_name() == "receive_statement")
    else {
        return false;
    };
    stmt.up().is_some_and(|case| {
        case.kind_name() == "communication_case"
            && case
                .field("communication")
                .is_some_and(|c| c.id() == stmt.id())
            && statements(case).is_empty()
    })
}

/// Substrings of channel names that announce the end of something.
const CANCELLATION_WORDS: &[&str] = &[
    "done", "quit", "stop", "clos", "exit", "shutdown", "cancel", "dying", "die", "kill",
    "terminat", "abort", "finish", "halt",
];

/// `ctx.Done()`, `s.closing`, `stopCh`, `t.Dying()`: a channel named for cancellation.
fn is_cancellation_channel(expr: Node<'_>, src: &str) -> bool {
    let name = match expr.kind_name() {
        "parenthesized_expression" => {
            return expr
                .named_child(0)
                .is_some_and(|inner| is_cancellation_channel(inner, src));
        }
        "identifier" => Some(expr),
        "selector_expression" => expr.field("field"),
        "call_expression" => expr.field("function").and_then(|f| match f.kind_name() {
            "identifier" => Some(f),
            "selector_expression" => f.field("field"),
            _ => None,
        }),
        _ => None,
    };
    name.is_some_and(|n| {
        let lower = src[n.byte_range()].to_ascii_lowercase();
        CANCELLATION_WORDS.iter().any(|w| lower.contains(w))
    })
}

/// The `context.Context` in scope at `node`: a parameter of an enclosing function typed
/// `<context>.Context` (`context` being the file's name for the package), or a variable named
/// `ctx` declared earlier in an enclosing block. `None` when a parameter named `ctx` has
/// another type, or nothing is found.
pub fn context_in_scope(node: Node<'_>, context: Option<&str>, src: &str) -> Option<String> {
    let mut child = node;
    let mut cur = node.up();
    while let Some(n) = cur {
        match n.kind_name() {
            "statement_list" | "block" => {
                let mut cursor = n.walk();
                if n.named_children(&mut cursor)
                    .take_while(|s| s.id() != child.id())
                    .any(|s| statement_declares(s, "ctx", src))
                {
                    return Some("ctx".to_owned());
                }
            }
            kind if is_function(kind) => {
                if let Some(params) = n.field("parameters") {
                    let mut cursor = params.walk();
                    for p in params.named_children(&mut cursor) {
                        let is_context = context.is_some_and(|pkg| {
                            p.field("type")
                                .is_some_and(|t| is_qualified(t, pkg, "Context", src))
                        });
                        let mut names = p.walk();
                        for name in p.children_by_field_name("name", &mut names) {
                            let name = &src[name.byte_range()];
                            if is_context && name != "_" {
                                return Some(name.to_owned());
                            }
                            if name == "ctx" {
                                return None;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        child = n;
        cur = n.up();
    }
    None
}

/// Whether a type node is `pkg.name`.
pub fn is_qualified(ty: Node<'_>, pkg: &str, name: &str, src: &str) -> bool {
    ty.kind_name() == "qualified_type"
        && ty
            .field("package")
            .is_some_and(|p| &src[p.byte_range()] == pkg)
        && ty
            .field("name")
            .is_some_and(|n| &src[n.byte_range()] == name)
}

/// The innermost `for` loop around `node` in its own function.
pub fn enclosing_loop(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        if is_function(n.kind_name()) {
            return None;
        }
        if n.kind_name() == "for_statement" {
            return Some(n);
        }
        cur = n.up();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{find, parse};
    use super::*;

    fn wrap(body: &str) -> String {
        format!("package p\n\nfunc f() {{\n\tgo func() {{\n{body}\t}}()\n}}\n")
    }

    /// The text of the first line of each endless loop in the goroutine literal of `body`.
    fn endless(body: &str) -> Vec<String> {
        let src = wrap(body);
        let tree = parse(&src);
        let lit = find(tree.root_node(), &src, "func_literal", "func()");
        let starts = GoroutineStarts::default();
        let body = goroutine_body(lit, &src, &starts).expect("a goroutine literal");
        endless_loops(body, &src)
            .into_iter()
            .map(|l| src[l.byte_range()].lines().next().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn a_loop_with_no_way_out_is_endless() {
        assert_eq!(
            endless("\t\tfor {\n\t\t\twork()\n\t\t}\n"),
            ["for {"],
            "plain loop"
        );
        assert_eq!(
            endless("\t\tfor i := 0; ; i++ {\n\t\t\twork(i)\n\t\t}\n"),
            ["for i := 0; ; i++ {"]
        );
        // A `break` in a `select` or `switch` ends only that statement.
        assert_eq!(
            endless(concat!(
                "\t\tfor {\n",
                "\t\t\tselect {\n",
                "\t\t\tcase v := <-in:\n",
                "\t\t\t\t_ = v\n",
                "\t\t\t\tbreak\n",
                "\t\t\t}\n",
                "\t\t\tswitch {\n",
                "\t\t\tcase x:\n",
                "\t\t\t\tbreak\n",
                "\t\t\t}\n",
                "\t\t}\n",
            )),
            ["for {"]
        );
        // A `break` of an inner loop, and a `return` in a nested closure, stay inside.
        assert_eq!(
            endless(concat!(
                "\t\tfor {\n",
                "\t\t\tfor {\n",
                "\t\t\t\tbreak\n",
                "\t\t\t}\n",
                "\t\t\tdefer func() { return }()\n",
                "\t\t}\n",
            )),
            ["for {"]
        );
    }

    #[test]
    fn ways_out_of_a_loop() {
        for body in [
            "\t\tfor {\n\t\t\tif x {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n",
            "\t\tfor {\n\t\t\tif x {\n\t\t\t\tbreak\n\t\t\t}\n\t\t}\n",
            "\t\tfor {\n\t\t\tv, ok := <-in\n\t\t\tif !ok {\n\t\t\t\tbreak\n\t\t\t}\n\t\t\t_ = v\n\t\t}\n",
            "\tloop:\n\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-in:\n\t\t\t\tbreak loop\n\t\t\t}\n\t\t}\n",
            "\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-ctx.Done():\n\t\t\t\tlog(x)\n\t\t\t}\n\t\t}\n",
            "\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-s.quit:\n\t\t\t\tlog(x)\n\t\t\tcase v := <-stopCh:\n\t\t\t\tlog(v)\n\t\t\t}\n\t\t}\n",
            "\t\tfor {\n\t\t\tif err != nil {\n\t\t\t\tlog.Fatal(err)\n\t\t\t}\n\t\t}\n",
            "\t\tfor {\n\t\t\tpanic(x)\n\t\t}\n",
            "\t\tfor {\n\t\t\tos.Exit(1)\n\t\t}\n",
            "\t\tfor {\n\t\t\tgoto out\n\t\t}\n\tout:\n",
            "\t\tfor x {\n\t\t}\n",
            "\t\tfor v := range ch {\n\t\t\t_ = v\n\t\t}\n",
            "\t\tfor i := 0; i < 3; i++ {\n\t\t}\n",
        ] {
            assert!(endless(body).is_empty(), "{body}");
        }
    }

    #[test]
    fn an_empty_cancellation_case_is_no_way_out() {
        assert_eq!(
            endless(concat!(
                "\t\tfor {\n",
                "\t\t\twork()\n",
                "\t\t\tselect {\n",
                "\t\t\tcase <-done:\n",
                "\t\t\tdefault:\n",
                "\t\t\t}\n",
                "\t\t}\n",
            )),
            ["for {"]
        );
        // A plain receive, or a case that does something, still counts.
        assert!(endless("\t\tfor {\n\t\t\t<-stop\n\t\t\twork()\n\t\t}\n").is_empty());
        assert!(
            endless(
                "\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-done:\n\t\t\t\tcleanup()\n\t\t\t}\n\t\t}\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn labelled_jumps_are_resolved() {
        // `break inner` ends the inner loop only; `continue outer` of the loop itself stays.
        assert_eq!(
            endless(concat!(
                "\touter:\n",
                "\t\tfor {\n",
                "\t\tinner:\n",
                "\t\t\tfor {\n",
                "\t\t\t\tbreak inner\n",
                "\t\t\t}\n",
                "\t\t\tcontinue outer\n",
                "\t\t}\n",
            )),
            ["for {"]
        );
        let src = wrap(concat!(
            "\touter:\n",
            "\t\tfor {\n",
            "\t\t\tfor {\n",
            "\t\t\t\tcontinue outer\n",
            "\t\t\t}\n",
            "\t\t}\n",
        ));
        let tree = parse(&src);
        let root = tree.root_node();
        let outer = find(root, &src, "for_statement", "for {\n\t\t\tfor");
        let inner = find(root, &src, "for_statement", "for {\n\t\t\t\tcontinue");
        let inner_body = inner.field("body").unwrap();
        assert!(
            leaves_loop(inner, inner_body, &src),
            "continue outer leaves inner"
        );
        assert!(!leaves_loop(outer, outer.field("body").unwrap(), &src));
    }

    #[test]
    fn started_functions_and_methods() {
        let src = concat!(
            "package p\n\n",
            "import \"net/http\"\n\n",
            "func main() {\n",
            "\tgo serve()\n",
            "\tgo s.loop()\n",
            "\tgo http.ListenAndServe(addr, nil)\n",
            "\tgo a.dup()\n",
            "\tf := work\n",
            "\tgo f()\n",
            "\twg.Go(drain)\n",
            "}\n\n",
            "func serve()               {}\n",
            "func (s *S) loop()         {}\n",
            "func ListenAndServe()      {}\n",
            "func (a *A) dup()          {}\n",
            "func (b *B) dup()          {}\n",
            "func f()                   {}\n",
            "func drain()               {}\n",
            "func idle()                {}\n",
        );
        let tree = parse(src);
        let root = tree.root_node();
        let mut starts = GoroutineStarts::default();
        starts.add_file(root, src);
        let started: Vec<&str> = {
            let mut cursor = root.walk();
            root.named_children(&mut cursor)
                .filter(|d| starts.is_started(*d, src))
                .map(|d| &src[d.field("name").unwrap().byte_range()])
                .collect()
        };
        assert_eq!(started, ["serve", "loop", "drain"]);
    }

    #[test]
    fn event_loops() {
        let src = "package p\n\nfunc f() {\n\tfor {\n\t}\n\tfor !done {\n\t}\n\tfor ; ; {\n\t}\n\tfor i := 0; i < 3; i++ {\n\t}\n\tfor range xs {\n\t}\n\tfor ; i < 3; i++ {\n\t}\n}\n";
        let tree = parse(src);
        let mut kinds = Vec::new();
        walk_subtree(tree.root_node(), |n| {
            if n.kind_name() == "for_statement" {
                kinds.push((is_event_loop(n), is_unconditional(n)));
            }
            true
        });
        assert_eq!(
            kinds,
            [
                (true, true),
                (true, false),
                (true, true),
                (false, false),
                (false, false),
                (false, false)
            ]
        );
    }

    #[test]
    fn goroutine_literals() {
        let src = "package p\n\nfunc f() {\n\tgo func() {}()\n\tdefer func() {}()\n\tg.Go(func() error { return nil })\n}\n";
        let tree = parse(src);
        let starts = GoroutineStarts::default();
        let mut runs = Vec::new();
        walk_subtree(tree.root_node(), |n| {
            if n.kind_name() == "func_literal" {
                runs.push(goroutine_body(n, src, &starts).is_some());
            }
            true
        });
        assert_eq!(runs, [true, false, true]);
    }

    #[test]
    fn contexts_in_scope() {
        let src = concat!(
            "package p\n\n",
            "import c \"context\"\n\n",
            "func a(parent c.Context) {\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n}\n\n",
            "func b() {\n\tctx, cancel := c.WithCancel(c.Background())\n\tdefer cancel()\n\tfor {\n\t}\n}\n\n",
            "func d(ctx *gin.Context) {\n\tfor {\n\t}\n}\n\n",
            "func e() {\n\tif x {\n\t\tctx := c.TODO()\n\t\t_ = ctx\n\t}\n\tfor {\n\t}\n}\n",
        );
        let tree = parse(src);
        let mut found = Vec::new();
        walk_subtree(tree.root_node(), |n| {
            if n.kind_name() == "for_statement" {
                found.push(context_in_scope(n, Some("c"), src));
            }
            true
        });
        assert_eq!(
            found,
            [
                Some("parent".to_owned()),
                Some("ctx".to_owned()),
                None,
                None
            ]
        );
    }

    #[test]
    fn enclosing_loops_stop_at_functions() {
        let src = "package p\n\nfunc f() {\n\tfor {\n\t\tgo func() {\n\t\t\tselect {}\n\t\t}()\n\t\tselect {}\n\t}\n}\n";
        let tree = parse(src);
        let mut loops = Vec::new();
        walk_subtree(tree.root_node(), |n| {
            if n.kind_name() == "select_statement" {
                loops.push(enclosing_loop(n).is_some());
            }
            true
        });
        assert_eq!(loops, [false, true]);
    }
}
