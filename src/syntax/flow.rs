//! Where control goes after a statement, for structured Go code.
//!
//! Go has no implicit fall-through between `case` clauses, so after the last statement of a
//! branch control continues after the enclosing `if`/`switch`/`select`, loops back at the end
//! of a `for` body, and leaves the function at the end of its body.

use tree_sitter::Node;

use super::{is_function, next_statement, walk_subtree};
use crate::syntax::NodeKind;

/// What runs after a statement that completes normally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Successor<'t> {
    /// This statement runs next.
    Statement(Node<'t>),
    /// The function returns (its body ends).
    FunctionEnd,
    /// The enclosing `for` loop starts its next iteration (or exits).
    LoopBack(Node<'t>),
    /// Something this module does not follow.
    Unknown,
}

/// The construct whose statement list holds `stmt`, seen from inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container<'t> {
    /// The body of this function declaration or literal.
    FunctionBody(Node<'t>),
    /// The body of this `for` statement.
    LoopBody(Node<'t>),
    /// A clause of this `switch`/`select` statement.
    Case(Node<'t>),
    /// A branch of an `if`, a bare block or a labelled statement: control continues after
    /// this statement.
    Transparent(Node<'t>),
}

/// The construct directly holding `stmt` (a statement in a statement list, or an `if` in an
/// `else` position).
pub fn container(stmt: Node<'_>) -> Option<Container<'_>> {
    let parent = stmt.up()?;
    match parent.kind_name() {
        "statement_list" => {
            let owner = parent.up()?;
            match owner.kind_name() {
                "block" => block_container(owner),
                "expression_case" | "default_case" | "type_case" | "communication_case" => {
                    Some(Container::Case(owner.up()?))
                }
                _ => None,
            }
        }
        // `else if`: the inner `if` is the alternative of the outer one.
        "if_statement" => Some(Container::Transparent(parent)),
        "labeled_statement" => Some(Container::Transparent(parent)),
        _ => None,
    }
}

fn block_container(block: Node<'_>) -> Option<Container<'_>> {
    let owner = block.up()?;
    match owner.kind_name() {
        kind if is_function(kind) => Some(Container::FunctionBody(owner)),
        "for_statement" => Some(Container::LoopBody(owner)),
        "if_statement" => Some(Container::Transparent(owner)),
        // A bare block used as a statement.
        "statement_list" => Some(Container::Transparent(block)),
        _ => None,
    }
}

/// What runs after `stmt` completes normally.
pub fn successor(stmt: Node<'_>) -> Successor<'_> {
    let mut cur = stmt;
    loop {
        if let Some(next) = next_statement(cur) {
            return Successor::Statement(next);
        }
        match container(cur) {
            Some(Container::FunctionBody(_)) => return Successor::FunctionEnd,
            Some(Container::LoopBody(for_stmt)) => return Successor::LoopBack(for_stmt),
            Some(Container::Case(construct)) | Some(Container::Transparent(construct)) => {
                cur = construct;
            }
            None => return Successor::Unknown,
        }
    }
}

/// What happens after a statement, in the terms lock and WaitGroup fixes care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tail {
    /// Nothing runs: the function ends.
    FunctionEnd,
    /// A `return` runs next; `calls` says whether its expressions may call something.
    Return { calls: bool },
    /// Any other statement runs next (or the loop goes round again).
    Other,
}

impl Tail {
    /// The function ends right after, without evaluating any call.
    pub fn ends_function(self) -> bool {
        matches!(self, Tail::FunctionEnd | Tail::Return { .. })
    }
}

/// Classify what follows `stmt`.
pub fn tail(stmt: Node<'_>) -> Tail {
    match successor(stmt) {
        Successor::FunctionEnd => Tail::FunctionEnd,
        Successor::Statement(next) if next.kind_name() == "return_statement" => Tail::Return {
            calls: contains_call(next),
        },
        _ => Tail::Other,
    }
}

/// Whether a node's subtree holds a call (conversions such as `int64(x)` count: without
/// types they look the same).
pub fn contains_call(node: Node<'_>) -> bool {
    let mut found = false;
    super::walk_subtree(node, |n| {
        if n.kind_name() == "call_expression" {
            found = true;
        }
        // A closure literal is not called by being returned.
        !found && n.kind_name() != "func_literal"
    });
    found
}

/// Whether `block` holds a statement that leaves it other than by falling off its end: a
/// `return`, `goto`, `fallthrough`, labelled `break`/`continue`, or an unlabelled one aimed at
/// a loop (or switch/select) outside it. Closures inside are not looked into. A rule that
/// wants to move `block` into a function literal asks this first: those statements would
/// change meaning or stop compiling there.
pub fn jumps_out_of(block: Node<'_>) -> bool {
    let mut found = false;
    walk_subtree(block, |n| {
        if found || is_function(n.kind_name()) {
            return false;
        }
        match n.kind_name() {
            "return_statement" | "goto_statement" | "fallthrough_statement" => found = true,
            "break_statement" | "continue_statement" => {
                found = n.named_child_count() > 0 || !owned_inside(n, block);
            }
            _ => {}
        }
        !found
    });
    found
}

/// Whether an unlabelled `break`/`continue` belongs to a loop (or, for `break`, a switch or
/// select) nested inside `block`.
fn owned_inside(jump: Node<'_>, block: Node<'_>) -> bool {
    let is_break = jump.kind_name() == "break_statement";
    let mut cur = jump.up();
    while let Some(n) = cur {
        if n.id() == block.id() {
            return false;
        }
        match n.kind_name() {
            "for_statement" => return true,
            "expression_switch_statement" | "type_switch_statement" | "select_statement"
                if is_break =>
            {
                return true;
            }
            _ => {}
        }
        cur = n.up();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{find, parse};
    use super::*;

    fn tail_of(src: &str, stmt_prefix: &str) -> Tail {
        let tree = parse(src);
        tail(find(
            tree.root_node(),
            src,
            "expression_statement",
            stmt_prefix,
        ))
    }

    #[test]
    fn end_of_body_ends_the_function() {
        let src = "package p\nfunc f() {\n\ta()\n\tb()\n}\n";
        assert_eq!(tail_of(src, "b()"), Tail::FunctionEnd);
        assert_eq!(tail_of(src, "a()"), Tail::Other);
    }

    #[test]
    fn branch_at_end_of_function_ends_it() {
        let src = "package p\nfunc f() {\n\tif x {\n\t\ta()\n\t} else if y {\n\t\tb()\n\t}\n}\n";
        assert_eq!(tail_of(src, "a()"), Tail::FunctionEnd);
        assert_eq!(tail_of(src, "b()"), Tail::FunctionEnd);
    }

    #[test]
    fn return_after_with_and_without_calls() {
        let src = "package p\nfunc f() int {\n\tif x {\n\t\ta()\n\t\treturn 1\n\t}\n\tb()\n\treturn g()\n}\n";
        assert_eq!(tail_of(src, "a()"), Tail::Return { calls: false });
        assert_eq!(tail_of(src, "b()"), Tail::Return { calls: true });
    }

    #[test]
    fn loop_body_end_loops_back() {
        let src = "package p\nfunc f() {\n\tfor {\n\t\ta()\n\t}\n}\n";
        assert_eq!(tail_of(src, "a()"), Tail::Other);
        let tree = parse(src);
        let a = find(tree.root_node(), src, "expression_statement", "a()");
        assert!(matches!(successor(a), Successor::LoopBack(_)));
    }

    #[test]
    fn case_end_continues_after_switch() {
        let src = "package p\nfunc f() {\n\tswitch x {\n\tcase 1:\n\t\ta()\n\t}\n\tb()\n}\n";
        let tree = parse(src);
        let a = find(tree.root_node(), src, "expression_statement", "a()");
        let b = find(tree.root_node(), src, "expression_statement", "b()");
        assert_eq!(successor(a), Successor::Statement(b));
    }

    #[test]
    fn closure_body_end_is_the_closure_end() {
        let src = "package p\nfunc f() {\n\tgo func() {\n\t\ta()\n\t}()\n\tb()\n}\n";
        assert_eq!(tail_of(src, "a()"), Tail::FunctionEnd);
    }

    #[test]
    fn jumps_out_of_sees_returns_and_jumps_aimed_outside() {
        let src = concat!(
            "package p\n\nfunc f() {\n",
            "\tfor {\n\t\tfor {\n\t\t\tbreak\n\t\t}\n\t\tswitch {\n\t\tdefault:\n\t\t\tbreak\n\t\t}\n\t\tgo func() { return }()\n\t}\n",
            "\tfor {\n\t\tcontinue\n\t}\n",
            "\tfor {\n\t\tif x {\n\t\t\treturn\n\t\t}\n\t}\n",
            "}\n"
        );
        let tree = parse(src);
        let bodies: Vec<_> = {
            let mut out = Vec::new();
            walk_subtree(tree.root_node(), |n| {
                if n.kind_name() == "for_statement"
                    && n.up().is_some_and(|p| p.kind_name() == "statement_list")
                    && n.up().and_then(|p| p.up()).is_some_and(|b| {
                        b.up()
                            .is_some_and(|f| f.kind_name() == "function_declaration")
                    })
                {
                    out.push(n.field("body").unwrap());
                }
                true
            });
            out
        };
        let jumps: Vec<bool> = bodies.iter().map(|b| jumps_out_of(*b)).collect();
        assert_eq!(jumps, [false, true, true]);
    }
}
