//! Loop variables and the closures that capture them.
//!
//! Before Go 1.22 a `for` loop has one variable for all its iterations, so a closure that runs
//! after the iteration that created it (a goroutine, a deferred call, an errgroup task, a
//! parallel subtest) sees whatever the loop last stored there. This module answers, for one
//! loop: which variables it declares, which such closures reference them (anywhere in the
//! body, not only in its last statement), and whether the body writes to them.

use tree_sitter::Node;

use super::{root_of, statements, walk_subtree};
use crate::syntax::NodeKind;

/// A `for` loop that declares its own variables with `:=`.
#[derive(Debug, Clone)]
pub struct LoopVars<'t> {
    pub for_stmt: Node<'t>,
    pub body: Node<'t>,
    /// The declaring identifiers, in header order (`k`, `v` of `for k, v := range m`); `_`
    /// is left out.
    pub vars: Vec<Node<'t>>,
    /// `for i := 0; i < n; i++` rather than `for … := range …`.
    pub three_clause: bool,
}

impl<'t> LoopVars<'t> {
    /// The loop's variables, or `None` for loops that declare none (`for x = range`,
    /// `for cond`, `for range ch`, `for {}`).
    pub fn of(for_stmt: Node<'t>, src: &str) -> Option<Self> {
        let body = for_stmt.field("body")?;
        let mut cursor = for_stmt.walk();
        let header = for_stmt
            .named_children(&mut cursor)
            .find(|n| matches!(n.kind_name(), "range_clause" | "for_clause"))?;
        let (left, three_clause) = if header.kind_name() == "range_clause" {
            if !declares_with_colon_equals(header) {
                return None;
            }
            (header.field("left")?, false)
        } else {
            let init = header.field("initializer")?;
            if init.kind_name() != "short_var_declaration" {
                return None;
            }
            (init.field("left")?, true)
        };
        let mut cursor = left.walk();
        let vars: Vec<_> = left
            .named_children(&mut cursor)
            .filter(|n| n.kind_name() == "identifier" && &src[n.byte_range()] != "_")
            .collect();
        (!vars.is_empty()).then_some(Self {
            for_stmt,
            body,
            vars,
            three_clause,
        })
    }

    pub fn names<'s>(&self, src: &'s str) -> Vec<&'s str> {
        self.vars.iter().map(|v| &src[v.byte_range()]).collect()
    }
}

/// Whether a `range_clause` or `receive_statement` declares (`:=`) rather than assigns (`=`).
fn declares_with_colon_equals(node: Node<'_>) -> bool {
    let mut cursor = node.walk();

    node.children(&mut cursor).any(|c| c.kind_name() == ":=")
}

/// How a closure comes to run after its iteration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LateRun {
    /// `go func(){…}()`
    Goroutine,
    /// `defer func(){…}()`
    Deferred,
    /// `g.Go(func() error {…})`: errgroup, `sync.WaitGroup.Go` and their kin.
    GroupTask,
    /// `t.Run(name, func(t *testing.T){ t.Parallel(); … })`
    ParallelSubtest,
}

impl LateRun {
    pub fn describe(self) -> &'static str {
        match self {
            LateRun::Goroutine => "a goroutine",
            LateRun::Deferred => "a deferred closure",
            LateRun::GroupTask => "a `Go` task",
            LateRun::ParallelSubtest => "a parallel subtest",
        }
    }
}

/// One reference to a loop variable from inside a closure that runs later.
#[derive(Debug, Clone, Copy)]
pub struct Capture<'t> {
    /// Index into [`LoopVars::vars`].
    pub var: usize,
    /// The identifier inside the closure.
    pub reference: Node<'t>,
    pub how: LateRun,
}

/// Every unshadowed reference to `lv`'s variables from a late-running closure in its body,
/// in source order.
pub fn captures<'t>(lv: &LoopVars<'t>, src: &str) -> Vec<Capture<'t>> {
    let names = lv.names(src);
    let mut out: Vec<Capture<'t>> = Vec::new();
    walk_subtree(lv.body, |node| {
        let Some(late) = late_closure(node, lv.body, src) else {
            return true;
        };
        let Some(body) = late.closure.field("body") else {
            return true;
        };
        walk_subtree(body, |n| {
            if n.kind_name() != "identifier"
                || n.start_byte() < late.from
                || is_declaration(n)
                || is_literal_key(n)
            {
                return true;
            }
            let name = &src[n.byte_range()];
            if let Some(var) = names.iter().position(|v| *v == name)
                && !shadowed(n, name, lv.for_stmt, src)
                && !out.iter().any(|c| c.reference.id() == n.id())
            {
                out.push(Capture {
                    var,
                    reference: n,
                    how: late.how,
                });
            }
            true
        });
        // Closures nested in this one are covered by its walk.
        false
    });
    out.sort_by_key(|c| c.reference.start_byte());
    out
}

/// A closure that runs after the iteration that created it.
struct LateClosure<'t> {
    closure: Node<'t>,
    how: LateRun,
    /// References before this byte still run during the iteration: the part of a subtest
    /// before its `t.Parallel()` call.
    from: usize,
}

/// When `node` (inside the loop body `body`) starts a closure that runs after the current
/// iteration: that closure, how, and from where on.
fn late_closure<'t>(node: Node<'t>, body: Node<'t>, src: &str) -> Option<LateClosure<'t>> {
    let late = |closure: Node<'t>, how| LateClosure {
        closure,
        how,
        from: closure.start_byte(),
    };
    match node.kind_name() {
        "go_statement" | "defer_statement" => {
            // A `defer` inside a closure runs when that closure returns, which for one called
            // within the iteration (a plain `t.Run`, `func(){…}()`) is before it ends.
            if node.kind_name() == "defer_statement" && inside_closure(node, body) {
                return None;
            }
            let func = super::invoked_literal(node)?;
            let how = if node.kind_name() == "go_statement" {
                LateRun::Goroutine
            } else {
                LateRun::Deferred
            };
            Some(late(func, how))
        }
        "call_expression" => {
            let callee = node.field("function")?;
            if callee.kind_name() != "selector_expression" {
                return None;
            }
            let method = &src[callee.field("field")?.byte_range()];
            let args = node.field("arguments")?;
            let mut cursor = args.walk();
            let args: Vec<_> = args.named_children(&mut cursor).collect();
            match (method, args.as_slice()) {
                ("Go" | "TryGo", [func]) if func.kind_name() == "func_literal" => {
                    Some(late(*func, LateRun::GroupTask))
                }
                ("Run", [_, func]) if func.kind_name() == "func_literal" => {
                    let from = parallel_call_end(*func, src)?;
                    Some(LateClosure {
                        closure: *func,
                        how: LateRun::ParallelSubtest,
                        from,
                    })
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a function literal lies between `node` and the loop body `body`.
fn inside_closure(node: Node<'_>, body: Node<'_>) -> bool {
    let mut cur = node.up();
    while let Some(n) = cur {
        if n.id() == body.id() {
            return false;
        }
        if n.kind_name() == "func_literal" {
            return true;
        }
        cur = n.up();
    }
    false
}

/// Where the `t.Parallel()` statement of a subtest body ends (`t` its first parameter); the
/// subtest runs on after the iteration only from there.
fn parallel_call_end(func: Node<'_>, src: &str) -> Option<usize> {
    let param = func.field("parameters")?.named_child(0)?.field("name")?;
    let t = &src[param.byte_range()];
    let body = func.field("body")?;
    statements(body)
        .into_iter()
        .find(|stmt| {
            super::statement_call(*stmt)
                .and_then(super::MethodCall::of)
                .is_some_and(|call| {
                    &src[call.receiver.byte_range()] == t
                        && &src[call.method.byte_range()] == "Parallel"
                        && call.has_no_arguments()
                })
        })
        .map(|stmt| stmt.end_byte())
}

/// Whether an identifier is the name being declared rather than a use.
pub(crate) fn is_declaration(ident: Node<'_>) -> bool {
    let Some(parent) = ident.up() else {
        return false;
    };
    match parent.kind_name() {
        "parameter_declaration" | "variadic_parameter_declaration" | "var_spec" | "const_spec" => {
            parent
                .field("name")
                .is_some_and(|_| is_named_field(parent, ident, "name"))
        }
        "expression_list" => parent.up().is_some_and(|decl| {
            let left = decl.field("left");
            let declares = match decl.kind_name() {
                "short_var_declaration" => true,
                "range_clause" | "receive_statement" => declares_with_colon_equals(decl),
                _ => false,
            };
            declares && left.is_some_and(|l| l.id() == parent.id())
        }),
        _ => false,
    }
}

/// Whether `child` is one of `parent`'s children under `field`.
fn is_named_field(parent: Node<'_>, child: Node<'_>, field: &str) -> bool {
    let mut cursor = parent.walk();

    parent
        .children_by_field_name(field, &mut cursor)
        .any(|c| c.id() == child.id())
}

/// `T{v: 1}`: the key of a keyed element names a field, not a variable. (In a map literal
/// it could be a variable; treating it as none only loses a finding, never adds one.)
fn is_literal_key(ident: Node<'_>) -> bool {
    ident
        .up()
        .filter(|p| p.kind_name() == "literal_element")
        .and_then(|element| {
            let keyed = element.up().filter(|k| k.kind_name() == "keyed_element")?;
            Some(is_named_field(keyed, element, "key"))
        })
        .unwrap_or(false)
}

/// Whether `name` at `ident` refers to something declared between it and `stop` (the loop
/// that declared the variable): a closure parameter, an earlier `:=`/`var` in an enclosing
/// block, or the header of an inner `for`, `if`, `switch` or `select` case.
pub fn shadowed(ident: Node<'_>, name: &str, stop: Node<'_>, src: &str) -> bool {
    let mut child = ident;
    let mut cur = ident.up();
    while let Some(node) = cur {
        if node.id() == stop.id() {
            return false;
        }
        let hides = match node.kind_name() {
            "func_literal" | "function_declaration" | "method_declaration" => {
                ["parameters", "result", "receiver"].iter().any(|field| {
                    node.field(field)
                        .is_some_and(|params| list_declares(params, name, src))
                })
            }
            "statement_list" | "block" => {
                let mut cursor = node.walk();

                node.named_children(&mut cursor)
                    .take_while(|s| s.id() != child.id())
                    .any(|s| statement_declares(s, name, src))
            }
            "for_statement" => {
                let mut cursor = node.walk();
                let header = node
                    .named_children(&mut cursor)
                    .find(|n| matches!(n.kind_name(), "range_clause" | "for_clause"));
                header.is_some_and(|h| {
                    match h.kind_name() {
                        // The range expression is evaluated outside the new variables' scope.
                        "range_clause" => {
                            child.id() != h.id()
                                && declares_with_colon_equals(h)
                                && h.field("left")
                                    .is_some_and(|l| names_in(l, src).contains(&name))
                        }
                        _ => h.field("initializer").is_some_and(|init| {
                            statement_declares(init, name, src)
                                && !init.byte_range().contains(&ident.start_byte())
                        }),
                    }
                })
            }
            "if_statement" | "expression_switch_statement" | "type_switch_statement" => {
                let by_init = node.field("initializer").is_some_and(|init| {
                    init.id() != child.id() && statement_declares(init, name, src)
                });
                let by_alias = node.field("alias").is_some_and(|alias| {
                    alias.id() != child.id() && names_in(alias, src).contains(&name)
                });
                by_init || by_alias
            }
            "communication_case" => node.field("communication").is_some_and(|c| {
                c.id() != child.id()
                    && c.kind_name() == "receive_statement"
                    && declares_with_colon_equals(c)
                    && c.field("left")
                        .is_some_and(|l| names_in(l, src).contains(&name))
            }),
            _ => false,
        };
        if hides {
            return true;
        }
        child = node;
        cur = node.up();
    }
    false
}

/// Whether a statement declares `name` in the scope it sits in.
pub fn statement_declares(stmt: Node<'_>, name: &str, src: &str) -> bool {
    match stmt.kind_name() {
        "short_var_declaration" => stmt
            .field("left")
            .is_some_and(|l| names_in(l, src).contains(&name)),
        "var_declaration" | "const_declaration" => {
            let mut found = false;
            walk_subtree(stmt, |n| {
                if matches!(n.kind_name(), "var_spec" | "const_spec") {
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
        "labeled_statement" => stmt
            .named_child(1)
            .is_some_and(|inner| statement_declares(inner, name, src)),
        _ => false,
    }
}

/// Whether a parameter list declares `name`.
fn list_declares(params: Node<'_>, name: &str, src: &str) -> bool {
    let mut cursor = params.walk();

    params.named_children(&mut cursor).any(|p| {
        let mut cursor = p.walk();

        p.children_by_field_name("name", &mut cursor)
            .any(|id| &src[id.byte_range()] == name)
    })
}

/// The identifiers directly in an expression list.
fn names_in<'s>(list: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let mut cursor = list.walk();

    list.named_children(&mut cursor)
        .filter(|n| n.kind_name() == "identifier")
        .map(|n| &src[n.byte_range()])
        .collect()
}

/// Whether the loop writes to variable `var` of `lv` anywhere in its body, closures
/// included: `v = …`, `v op= …`, `v++`, `v--`, or takes its address (`&v`, `&v.f`, `&v[i]`).
/// A `v := v` copy at the top of such a body would change what the loop does.
pub fn body_writes(lv: &LoopVars<'_>, var: usize, src: &str) -> bool {
    let name = &src[lv.vars[var].byte_range()];
    let mut writes = false;
    walk_subtree(lv.body, |n| {
        if writes {
            return false;
        }
        let target = match n.kind_name() {
            "assignment_statement" => n.field("left").map(|l| {
                let mut cursor = l.walk();
                let targets: Vec<_> = l.named_children(&mut cursor).collect();
                targets
            }),
            "inc_statement" | "dec_statement" => n.named_child(0).map(|t| vec![t]),
            "unary_expression" if n.child(0).is_some_and(|op| op.kind_name() == "&") => {
                n.field("operand").map(|t| vec![root_of(t)])
            }
            _ => None,
        };
        for t in target.into_iter().flatten() {
            if t.kind_name() == "identifier"
                && &src[t.byte_range()] == name
                && !shadowed(t, name, lv.for_stmt, src)
            {
                writes = true;
            }
        }
        !writes
    });
    writes
}

/// The copies `v := v` / `k, v := k, v` of `lv`'s own variables at the start of its body:
/// the statements before the first one that is anything else.
pub fn leading_self_copies<'t>(lv: &LoopVars<'t>, src: &str) -> Vec<Node<'t>> {
    let names = lv.names(src);
    statements(lv.body)
        .into_iter()
        .take_while(|stmt| is_self_copy(*stmt, &names, src))
        .collect()
}

/// `a, b := a, b` where every name is one of `names`.
fn is_self_copy(stmt: Node<'_>, names: &[&str], src: &str) -> bool {
    if stmt.kind_name() != "short_var_declaration" {
        return false;
    }
    let (Some(left), Some(right)) = (stmt.field("left"), stmt.field("right")) else {
        return false;
    };
    let (l, r) = (names_in(left, src), names_in(right, src));
    l.len() == left.named_child_count()
        && r.len() == right.named_child_count()
        && l == r
        && l.iter().all(|n| names.contains(n))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{find, parse};
    use super::*;

    fn loop_in<'t>(tree: &'t tree_sitter::Tree, src: &str, prefix: &str) -> LoopVars<'t> {
        LoopVars::of(find(tree.root_node(), src, "for_statement", prefix), src).unwrap()
    }

    fn captured(src: &str, prefix: &str) -> Vec<(String, usize)> {
        let tree = parse(src);
        let lv = loop_in(&tree, src, prefix);
        captures(&lv, src)
            .iter()
            .map(|c| {
                let row = c.reference.start_position().row + 1;
                (src[c.reference.byte_range()].to_owned(), row)
            })
            .collect()
    }

    fn wrap(body: &str) -> String {
        format!("package p\n\nfunc f() {{\n{body}}}\n")
    }

    #[test]
    fn loop_variables_of_each_header() {
        let src = wrap(
            "\tfor k, v := range m {}\n\tfor i, j := 0, 1; i < j; i++ {}\n\tfor _, v := range xs {}\n\tfor x = range xs {}\n\tfor range xs {}\n\tfor cond {}\n",
        );
        let tree = parse(&src);
        let lv = loop_in(&tree, &src, "for k");
        assert_eq!(lv.names(&src), ["k", "v"]);
        assert!(!lv.three_clause);
        let lv = loop_in(&tree, &src, "for i");
        assert_eq!(lv.names(&src), ["i", "j"]);
        assert!(lv.three_clause);
        assert_eq!(loop_in(&tree, &src, "for _, v").names(&src), ["v"]);
        for prefix in ["for x = range", "for range", "for cond"] {
            let node = find(tree.root_node(), &src, "for_statement", prefix);
            assert!(LoopVars::of(node, &src).is_none(), "{prefix}");
        }
    }

    #[test]
    fn every_kind_of_late_closure_anywhere_in_the_body() {
        let src = wrap(concat!(
            "\tfor i, v := range xs {\n",
            "\t\tgo func() { use(v) }()\n",
            "\t\tif i > 0 {\n",
            "\t\t\tdefer func() { use(i) }()\n",
            "\t\t}\n",
            "\t\tg.Go(func() error { return use(v) })\n",
            "\t\tt.Run(\"x\", func(t *testing.T) {\n",
            "\t\t\tt.Parallel()\n",
            "\t\t\tuse(v)\n",
            "\t\t})\n",
            "\t\tlast()\n",
            "\t}\n",
        ));
        assert_eq!(
            captured(&src, "for i"),
            [
                ("v".into(), 5),
                ("i".into(), 7),
                ("v".into(), 9),
                ("v".into(), 12)
            ]
        );
    }

    #[test]
    fn only_what_runs_late_is_captured() {
        let src = wrap(concat!(
            "\tfor _, v := range xs {\n",
            "\t\tt.Run(\"x\", func(t *testing.T) {\n",
            "\t\t\tdefer func() { use(v) }()\n",
            "\t\t})\n",
            "\t\tt.Run(\"y\", func(t *testing.T) {\n",
            "\t\t\tif v == nil {\n",
            "\t\t\t\tt.Skip()\n",
            "\t\t\t}\n",
            "\t\t\tt.Parallel()\n",
            "\t\t\tuse(v)\n",
            "\t\t})\n",
            "\t}\n",
        ));
        assert_eq!(captured(&src, "for _"), [("v".into(), 13)]);
    }

    #[test]
    fn closures_that_run_now_are_not_captures() {
        let src = wrap(concat!(
            "\tfor _, v := range xs {\n",
            "\t\tfunc() { use(v) }()\n",
            "\t\tf := func() { use(v) }\n",
            "\t\tt.Run(\"x\", func(t *testing.T) { use(v) })\n",
            "\t\tsort.Slice(xs, func(a, b int) bool { return v > 0 })\n",
            "\t}\n",
        ));
        assert!(captured(&src, "for _").is_empty());
    }

    #[test]
    fn shadowing_hides_the_loop_variable() {
        let src = wrap(concat!(
            "\tfor _, v := range xs {\n",
            "\t\tgo func(v int) { use(v) }(v)\n",
            "\t\tgo func() {\n",
            "\t\t\tv := 1\n",
            "\t\t\tuse(v)\n",
            "\t\t}()\n",
            "\t\tgo func() {\n",
            "\t\t\tfor _, v := range ys {\n",
            "\t\t\t\tuse(v)\n",
            "\t\t\t}\n",
            "\t\t\tif v := g(); v > 0 {\n",
            "\t\t\t\tuse(v)\n",
            "\t\t\t}\n",
            "\t\t\tselect {\n",
            "\t\t\tcase v := <-ch:\n",
            "\t\t\t\tuse(v)\n",
            "\t\t\t}\n",
            "\t\t\tuse(T{v: 1})\n",
            "\t\t}()\n",
            "\t}\n",
        ));
        assert!(captured(&src, "for _").is_empty());
    }

    #[test]
    fn a_copy_before_the_closure_shadows_but_a_copy_inside_reads_the_variable() {
        let src = wrap(concat!(
            "\tfor _, v := range xs {\n",
            "\t\tgo func() {\n",
            "\t\t\tv := v\n",
            "\t\t\tuse(v)\n",
            "\t\t}()\n",
            "\t}\n",
            "\tfor _, w := range xs {\n",
            "\t\tw := w\n",
            "\t\tgo func() { use(w) }()\n",
            "\t}\n",
        ));
        assert_eq!(captured(&src, "for _, v"), [("v".into(), 6)]);
        assert!(captured(&src, "for _, w").is_empty());
    }

    #[test]
    fn inner_loop_closures_capture_the_outer_variable_unless_redeclared() {
        let src = wrap(concat!(
            "\tfor _, a := range as {\n",
            "\t\tfor _, b := range bs {\n",
            "\t\t\tgo func() { use(a, b) }()\n",
            "\t\t}\n",
            "\t\tfor _, a := range bs {\n",
            "\t\t\tgo func() { use(a) }()\n",
            "\t\t}\n",
            "\t}\n",
        ));
        assert_eq!(captured(&src, "for _, a := range as"), [("a".into(), 6)]);
        assert_eq!(captured(&src, "for _, b"), [("b".into(), 6)]);
    }

    #[test]
    fn writes_and_address_taking_are_seen() {
        let src = wrap(concat!(
            "\tfor i := 0; i < n; i++ {\n",
            "\t\tif skip(i) {\n",
            "\t\t\ti++\n",
            "\t\t}\n",
            "\t}\n",
            "\tfor _, v := range xs {\n",
            "\t\tp := &v.f\n",
            "\t}\n",
            "\tfor _, w := range xs {\n",
            "\t\tw.f = 1\n",
            "\t\tfunc(w int) { w = 2 }(1)\n",
            "\t}\n",
        ));
        let tree = parse(&src);
        assert!(body_writes(&loop_in(&tree, &src, "for i"), 0, &src));
        assert!(body_writes(&loop_in(&tree, &src, "for _, v"), 0, &src));
        assert!(!body_writes(&loop_in(&tree, &src, "for _, w"), 0, &src));
    }

    #[test]
    fn leading_self_copies_stop_at_the_first_other_statement() {
        let src = wrap(concat!(
            "\tfor k, v := range m {\n",
            "\t\tk, v := k, v\n",
            "\t\t// a comment\n",
            "\t\tv := v\n",
            "\t\tuse(k)\n",
            "\t\tk := k\n",
            "\t}\n",
            "\tfor _, v := range xs {\n",
            "\t\tv := v.Clone()\n",
            "\t}\n",
        ));
        let tree = parse(&src);
        let copies = leading_self_copies(&loop_in(&tree, &src, "for k"), &src);
        assert_eq!(copies.len(), 2);
        assert!(leading_self_copies(&loop_in(&tree, &src, "for _, v"), &src).is_empty());
    }
}
