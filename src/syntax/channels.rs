//! Channel facts: for each channel a function makes, every use of it, which goroutine or
//! closure each use belongs to, and whether the channel leaves the function's sight.
//!
//! The channel rules only act on channels whose whole life they can see. Anything they cannot
//! classify (passed to a call, stored, reassigned, used by a closure that is not a goroutine
//! started here) counts as an escape, and an escaped channel gets no finding from the rules
//! that need the whole picture.

use tree_sitter::Node;

use super::captures::{is_declaration, shadowed, statement_declares};
use super::{invoked_literal, invoking_statement, is_function, statements, walk_subtree};
use crate::syntax::NodeKind;

/// A channel made in a function by `ch := make(chan T[, n])`, `var ch = make(…)`, or
/// `ch = make(…)` after a `var ch chan T` in the same function.
#[derive(Debug, Clone)]
pub struct Channel<'t> {
    pub name: String,
    /// The `make(…)` call.
    pub make: Node<'t>,
    /// The buffer size argument, when there is one.
    pub size: Option<Node<'t>>,
    /// The block the variable lives in: a goroutine started in a loop inside it is one of
    /// several goroutines sharing this channel.
    pub scope: Node<'t>,
    /// Every use in the function, in source order.
    pub uses: Vec<Use<'t>>,
}

/// One use of a channel.
#[derive(Debug, Clone, Copy)]
pub struct Use<'t> {
    /// The identifier.
    pub node: Node<'t>,
    pub kind: UseKind,
    pub owner: Owner<'t>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseKind {
    /// `ch <- v`
    Send,
    /// `<-ch`, in any statement or `select` case.
    Receive,
    /// `for v := range ch`
    Range,
    /// `close(ch)`
    Close,
    /// `len(ch)`, `cap(ch)`, `ch == nil`: says nothing about who sends or closes.
    Neutral,
    /// `return ch`
    Returned,
    /// `ch = …` or `ch, err := …` in its own block: from here on it may be another channel.
    Reassigned,
    /// Anything else: passed, stored, aliased.
    Escape,
}

/// Which code a use runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'t> {
    /// The function itself.
    Function,
    /// A `go func(){…}()` written in the function; the `go_statement`.
    Goroutine(Node<'t>),
    /// Any other function literal: it may run anywhere, any number of times.
    Closure(Node<'t>),
}

impl<'t> Channel<'t> {
    pub fn uses_of(&self, kind: UseKind) -> impl Iterator<Item = &Use<'t>> {
        self.uses.iter().filter(move |u| u.kind == kind)
    }

    pub fn has(&self, kind: UseKind) -> bool {
        self.uses_of(kind).next().is_some()
    }

    /// Passed, stored or reassigned, or used by a closure that is not a goroutine started
    /// here (closes aside: who closes is what the close rules ask).
    pub fn escapes(&self) -> bool {
        self.uses.iter().any(|u| {
            matches!(u.kind, UseKind::Escape | UseKind::Reassigned)
                || (matches!(u.owner, Owner::Closure(_)) && u.kind != UseKind::Close)
        })
    }

    /// The goroutines started here that send on the channel, each once, in source order.
    pub fn sending_goroutines(&self) -> Vec<Node<'t>> {
        let mut out: Vec<Node<'t>> = Vec::new();
        for u in self.uses_of(UseKind::Send) {
            if let Owner::Goroutine(g) = u.owner
                && !out.iter().any(|o| o.id() == g.id())
            {
                out.push(g);
            }
        }
        out
    }

    /// `make(chan T)` or `make(chan T, 0)`.
    pub fn unbuffered(&self, src: &str) -> bool {
        self.size.is_none_or(|s| src[s.byte_range()].trim() == "0")
    }
}

/// The channels `func` makes itself (not those its nested function literals make), with
/// their uses anywhere inside it.
pub fn channels<'t>(func: Node<'t>, src: &str) -> Vec<Channel<'t>> {
    let Some(body) = func.field("body") else {
        return Vec::new();
    };
    // Every channel made here says `make(chan`: a body without `chan` is not walked.
    if !super::mentions(body, src, "chan") {
        return Vec::new();
    }
    let mut found: Vec<(String, Node<'t>, Node<'t>)> = Vec::new();
    walk_subtree(body, |n| {
        if is_function(n.kind_name()) {
            return false;
        }
        if let Some((name, make, scope)) = made_channel(n, src) {
            found.push((name, make, scope));
        }
        true
    });
    let mut out = Vec::new();
    for (name, make, scope) in &found {
        // A name made twice is two channels sharing one variable: too clever to follow.
        if found.iter().filter(|(n, ..)| n == name).count() > 1 {
            continue;
        }
        let size = make.field("arguments").and_then(|args| args.named_child(1));
        out.push(Channel {
            name: name.clone(),
            make: *make,
            size,
            scope: *scope,
            uses: uses(name, *make, *scope, func, src),
        });
    }
    out
}

/// When `node` is a statement making a channel: its name, the `make` call, and the block the
/// variable lives in.
fn made_channel<'t>(node: Node<'t>, src: &str) -> Option<(String, Node<'t>, Node<'t>)> {
    let (left, right) = match node.kind_name() {
        "short_var_declaration" | "assignment_statement" => {
            (node.field("left")?, node.field("right")?)
        }
        "var_spec" => (node, node.field("value")?),
        _ => return None,
    };
    let targets: Vec<Node<'t>> = if node.kind_name() == "var_spec" {
        let mut cursor = left.walk();
        left.children_by_field_name("name", &mut cursor).collect()
    } else {
        let mut cursor = left.walk();
        left.named_children(&mut cursor).collect()
    };
    let mut cursor = right.walk();
    let values: Vec<Node<'t>> = right.named_children(&mut cursor).collect();
    if targets.len() != 1 || values.len() != 1 || targets[0].kind_name() != "identifier" {
        return None;
    }
    let make = values[0];
    if !is_channel_make(make, src) {
        return None;
    }
    let name = src[targets[0].byte_range()].to_owned();
    let scope = if node.kind_name() == "assignment_statement" {
        if node.child(1).is_some_and(|op| op.kind_name() != "=") {
            return None;
        }
        declaring_block(node, &name, src)?
    } else {
        enclosing_block(node)?
    };
    Some((name, make, scope))
}

/// `make(chan T, …)`.
fn is_channel_make(call: Node<'_>, src: &str) -> bool {
    call.kind_name() == "call_expression"
        && call
            .field("function")
            .is_some_and(|f| &src[f.byte_range()] == "make")
        && call
            .field("arguments")
            .and_then(|a| a.named_child(0))
            .is_some_and(|t| t.kind_name() == "channel_type")
}

/// The statement list a statement sits in.
fn enclosing_block(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        if matches!(n.kind_name(), "statement_list" | "block") {
            return Some(n);
        }
        cur = n.up();
    }
    None
}

/// For `ch = make(…)`: the block of the `var ch …` declaration before it in the same
/// function, if there is one.
fn declaring_block<'t>(assign: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut child = assign;
    let mut cur = assign.up();
    while let Some(n) = cur {
        if is_function(n.kind_name()) {
            return None;
        }
        if n.kind_name() == "statement_list" {
            let mut cursor = n.walk();
            let declares = n
                .named_children(&mut cursor)
                .take_while(|s| s.id() != child.id())
                .any(|s| s.kind_name() == "var_declaration" && statement_declares(s, name, src));
            if declares {
                return Some(n);
            }
        }
        child = n;
        cur = n.up();
    }
    None
}

/// Every use of `name` inside `scope` that refers to the channel made by `make`.
fn uses<'t>(
    name: &str,
    make: Node<'t>,
    scope: Node<'t>,
    func: Node<'t>,
    src: &str,
) -> Vec<Use<'t>> {
    let made_into = make_target(make);
    let mut out = Vec::new();
    walk_subtree(scope, |n| {
        if n.kind_name() != "identifier" || &src[n.byte_range()] != name {
            return true;
        }
        if made_into.is_some_and(|t| t.id() == n.id()) {
            return true;
        }
        if is_declaration(n) {
            // `ch, err := f()` in the channel's own block assigns to it; anywhere else it
            // declares a new variable, and the uses below see that one (shadowed).
            let decl = n.up().and_then(|list| list.up());
            if decl.is_some_and(|d| {
                d.kind_name() == "short_var_declaration"
                    && d.up().is_some_and(|b| b.id() == scope.id())
            }) {
                out.push(Use {
                    node: n,
                    kind: UseKind::Reassigned,
                    owner: owner(n, func),
                });
            }
            return true;
        }
        if shadowed(n, name, scope, src) {
            return true;
        }
        out.push(Use {
            node: n,
            kind: classify(n, src),
            owner: owner(n, func),
        });
        true
    });
    out
}

/// The identifier a `make` is assigned to.
fn make_target(make: Node<'_>) -> Option<Node<'_>> {
    let values = make.up()?;
    let stmt = values.up()?;
    match stmt.kind_name() {
        "var_spec" => stmt.field("name"),
        _ => stmt.field("left")?.named_child(0),
    }
}

fn classify(ident: Node<'_>, src: &str) -> UseKind {
    let Some(parent) = ident.up() else {
        return UseKind::Escape;
    };
    let is = |field: &str| parent.field(field).is_some_and(|c| c.id() == ident.id());
    match parent.kind_name() {
        "send_statement" if is("channel") => UseKind::Send,
        "unary_expression"
            if is("operand") && parent.child(0).is_some_and(|op| op.kind_name() == "<-") =>
        {
            UseKind::Receive
        }
        "range_clause" if is("right") => UseKind::Range,
        "binary_expression"
            if parent
                .field("operator")
                .is_some_and(|op| matches!(op.kind_name(), "==" | "!=")) =>
        {
            UseKind::Neutral
        }
        "argument_list" => {
            let callee = parent
                .up()
                .and_then(|call| call.field("function"))
                .map(|f| &src[f.byte_range()]);
            match callee {
                Some("close") if parent.named_child_count() == 1 => UseKind::Close,
                Some("len" | "cap") => UseKind::Neutral,
                _ => UseKind::Escape,
            }
        }
        "expression_list"
            if parent
                .up()
                .is_some_and(|p| p.kind_name() == "return_statement") =>
        {
            UseKind::Returned
        }
        "expression_list"
            if parent.up().is_some_and(|p| {
                p.kind_name() == "assignment_statement"
                    && p.field("left").is_some_and(|l| l.id() == parent.id())
            }) =>
        {
            UseKind::Reassigned
        }
        _ => UseKind::Escape,
    }
}

/// The innermost function literal around `node` inside `func`, as an owner.
pub fn owner<'t>(node: Node<'t>, func: Node<'t>) -> Owner<'t> {
    let mut cur = node.up();
    while let Some(n) = cur {
        if n.id() == func.id() {
            return Owner::Function;
        }
        if n.kind_name() == "func_literal" {
            return match invoking_statement(n).filter(|s| s.kind_name() == "go_statement") {
                Some(go) => Owner::Goroutine(go),
                None => Owner::Closure(n),
            };
        }
        cur = n.up();
    }
    Owner::Function
}

/// The function literal a `go func(){…}()` statement starts.
pub fn goroutine_literal(go: Node<'_>) -> Option<Node<'_>> {
    invoked_literal(go)
}

/// Whether `node` sits in a `for` loop inside `func` (a goroutine started there runs once
/// per iteration).
pub fn in_loop(node: Node<'_>, func: Node<'_>) -> bool {
    let mut cur = node.up();
    while let Some(n) = cur {
        if n.id() == func.id() || is_function(n.kind_name()) {
            return false;
        }
        if n.kind_name() == "for_statement" {
            return true;
        }
        cur = n.up();
    }
    false
}

/// Whether `node` sits in a `for` loop below `within` (exclusive).
pub fn in_loop_below(node: Node<'_>, within: Node<'_>) -> bool {
    let mut cur = node.up();
    while let Some(n) = cur {
        if n.id() == within.id() {
            return false;
        }
        if n.kind_name() == "for_statement" {
            return true;
        }
        cur = n.up();
    }
    false
}

/// The statement a node belongs to: its nearest ancestor sitting directly in a statement
/// list (or a case clause).
pub fn statement_of(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = Some(node);
    while let Some(n) = cur {
        if n.up()
            .is_some_and(|p| matches!(p.kind_name(), "statement_list" | "block"))
        {
            return Some(n);
        }
        cur = n.up();
    }
    None
}

/// Whether a receive can be skipped: it is one case of a `select` that also has a `default`,
/// a `ctx.Done()`, a `time.After(…)`, or a timer or ticker `.C` case. In a loop, such a case
/// only gives up when it leaves the loop (`return`, a labelled `break`, `goto`); otherwise
/// the loop comes back to the receive.
pub fn receive_can_give_up(receive: Node<'_>, func: Node<'_>, src: &str) -> bool {
    let Some(case) = enclosing_kind(receive, "communication_case") else {
        return false;
    };
    let Some(select) = case.up() else {
        return false;
    };
    let looped = in_loop(select, func);
    let mut cursor = select.walk();

    select.named_children(&mut cursor).any(|c| {
        c.id() != case.id()
            && (c.kind_name() == "default_case"
                || c.field("communication")
                    .is_some_and(|comm| is_give_up_channel(comm, src)))
            && (!looped || leaves_loop(c))
    })
}

/// Whether a `select` case holds a `return`, `goto` or labelled `break`.
fn leaves_loop(case: Node<'_>) -> bool {
    let mut found = false;
    walk_subtree(case, |n| {
        if is_function(n.kind_name()) {
            return false;
        }
        found |= matches!(n.kind_name(), "return_statement" | "goto_statement")
            || (n.kind_name() == "break_statement" && n.named_child_count() > 0);
        !found
    });
    found
}

/// A `select` case over `ctx.Done()`, `time.After(…)` or `t.C`: a way to stop waiting.
fn is_give_up_channel(comm: Node<'_>, src: &str) -> bool {
    let text = &src[comm.byte_range()];
    text.contains(".Done()") || text.contains("time.After(") || text.trim_end().ends_with(".C")
}

/// Whether a send statement sits in a `select` that has a `default` or `ctx.Done()` case:
/// it cannot block forever.
pub fn send_can_give_up(send: Node<'_>, src: &str) -> bool {
    let Some(case) = send.up().filter(|p| p.kind_name() == "communication_case") else {
        return false;
    };
    let Some(select) = case.up() else {
        return false;
    };
    let mut cursor = select.walk();

    select.named_children(&mut cursor).any(|c| {
        c.id() != case.id()
            && (c.kind_name() == "default_case"
                || c.field("communication")
                    .is_some_and(|comm| is_give_up_channel(comm, src)))
    })
}

/// The nearest ancestor of `kind`, without leaving the function.
fn enclosing_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        if n.kind_name() == kind {
            return Some(n);
        }
        if is_function(n.kind_name()) {
            return None;
        }
        cur = n.up();
    }
    None
}

/// Whether a `return` of `func` itself lies between `after` and `before` in the source: a
/// path that leaves before the receive (`return <-ch` is the receive, not a way around it).
pub fn returns_between(func: Node<'_>, after: usize, before: usize) -> bool {
    let Some(body) = func.field("body") else {
        return false;
    };
    let mut found = false;
    walk_subtree(body, |n| {
        if found || is_function(n.kind_name()) {
            return false;
        }
        if n.kind_name() == "return_statement" && n.start_byte() > after && n.end_byte() <= before {
            found = true;
        }
        !found
    });
    found
}

/// The first statement of a block, for inserting before it.
pub fn first_statement(block: Node<'_>) -> Option<Node<'_>> {
    statements(block).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{find, parse};
    use super::*;

    fn facts(src: &str) -> Vec<(String, Vec<(UseKind, &'static str)>)> {
        let tree = parse(src);
        let func = find(tree.root_node(), src, "function_declaration", "func f");
        channels(func, src)
            .into_iter()
            .map(|c| {
                let uses = c
                    .uses
                    .iter()
                    .map(|u| {
                        let owner = match u.owner {
                            Owner::Function => "func",
                            Owner::Goroutine(_) => "go",
                            Owner::Closure(_) => "closure",
                        };
                        (u.kind, owner)
                    })
                    .collect();
                (c.name, uses)
            })
            .collect()
    }

    fn wrap(body: &str) -> String {
        format!("package p\n\nfunc f() {{\n{body}}}\n")
    }

    #[test]
    fn uses_are_classified_with_their_owner() {
        let src = wrap(concat!(
            "\tch := make(chan int)\n",
            "\tgo func() {\n",
            "\t\tch <- 1\n",
            "\t\tclose(ch)\n",
            "\t}()\n",
            "\tfor v := range ch {\n",
            "\t\t_ = v\n",
            "\t}\n",
            "\tv, ok := <-ch\n",
            "\tselect {\n",
            "\tcase x := <-ch:\n",
            "\t\t_ = x\n",
            "\t}\n",
            "\t_ = len(ch)\n",
            "\tfn := func() { ch <- 2 }\n",
            "\tconsume(ch)\n",
            "\treturn ch\n",
        ));
        use UseKind::*;
        assert_eq!(
            facts(&src),
            [(
                "ch".to_owned(),
                vec![
                    (Send, "go"),
                    (Close, "go"),
                    (Range, "func"),
                    (Receive, "func"),
                    (Receive, "func"),
                    (Neutral, "func"),
                    (Send, "closure"),
                    (Escape, "func"),
                    (Returned, "func"),
                ]
            )]
        );
    }

    #[test]
    fn every_way_of_making_a_channel() {
        let src = wrap(concat!(
            "\ta := make(chan int, 4)\n",
            "\tvar b = make(chan string)\n",
            "\tvar c chan error\n",
            "\tc = make(chan error)\n",
            "\td := make([]int, 3)\n",
            "\te, g := make(chan int), 1\n",
            "\tgo func() { h := make(chan int); _ = h }()\n",
            "\t_, _, _, _, _ = a, b, c, d, e\n",
        ));
        let names: Vec<_> = facts(&src).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn shadowed_names_are_not_uses() {
        let src = wrap(concat!(
            "\tch := make(chan int)\n",
            "\tgo func(ch chan int) { ch <- 1 }(make(chan int))\n",
            "\tif ch := other(); ch != nil {\n",
            "\t\tclose(ch)\n",
            "\t}\n",
            "\t<-ch\n",
        ));
        assert_eq!(
            facts(&src),
            [("ch".to_owned(), vec![(UseKind::Receive, "func")])]
        );
    }

    #[test]
    fn give_up_receives_and_sends() {
        let src = wrap(concat!(
            "\tselect {\n",
            "\tcase v := <-a:\n",
            "\t\t_ = v\n",
            "\tcase <-ctx.Done():\n",
            "\t}\n",
            "\tselect {\n",
            "\tcase <-b:\n",
            "\tcase <-time.After(time.Second):\n",
            "\t}\n",
            "\tselect {\n",
            "\tcase <-c:\n",
            "\tcase <-d:\n",
            "\t}\n",
            "\tselect {\n",
            "\tcase e <- 1:\n",
            "\tdefault:\n",
            "\t}\n",
        ));
        let tree = parse(&src);
        let root = tree.root_node();
        let recv = |name: &str| {
            let id = find(root, &src, "unary_expression", &format!("<-{name}"));
            receive_can_give_up(id, root, &src)
        };
        assert!(recv("a"));
        assert!(recv("b"));
        assert!(!recv("c"));
        let send = find(root, &src, "send_statement", "e <- 1");
        assert!(send_can_give_up(send, &src));
    }
}
