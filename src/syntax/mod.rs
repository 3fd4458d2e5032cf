//! Shared syntax questions the passes ask: where statements sit, which call a statement makes,
//! where control goes next, and how locks are taken and released. Each answer lives here once.

pub mod captures;
pub mod channels;
pub mod contexts;
pub mod flow;
pub mod globals;
pub mod goroutines;
pub mod lock_types;
pub mod locks;
pub mod preorder;
pub mod reach;
pub mod sections;
pub mod waitgroups;

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

/// Node kinds that start a new function body: a closure's statements belong to the closure.
pub fn is_function(kind: &str) -> bool {
    matches!(
        kind,
        "function_declaration" | "method_declaration" | "func_literal"
    )
}

/// The statements of a block, a statement list or a case clause, comments left out.
pub fn statements(node: Node<'_>) -> Vec<Node<'_>> {
    let list = if node.kind_name() == "statement_list" {
        Some(node)
    } else {
        let mut cursor = node.walk();
        node.named_children(&mut cursor)
            .find(|c| c.kind_name() == "statement_list")
    };
    let Some(list) = list else {
        return Vec::new();
    };
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|c| c.kind_name() != "comment")
        .collect()
}

/// The statement after `stmt` in its statement list, comments skipped.
pub fn next_statement(stmt: Node<'_>) -> Option<Node<'_>> {
    if stmt.up()?.kind_name() != "statement_list" {
        return None;
    }
    let mut next = stmt.next_named_sibling();
    while let Some(n) = next {
        if n.kind_name() != "comment" {
            return Some(n);
        }
        next = n.next_named_sibling();
    }
    None
}

/// The statement before `stmt` in its statement list, comments skipped.
pub fn previous_statement(stmt: Node<'_>) -> Option<Node<'_>> {
    if stmt.up()?.kind_name() != "statement_list" {
        return None;
    }
    let mut prev = stmt.prev_named_sibling();
    while let Some(n) = prev {
        if n.kind_name() != "comment" {
            return Some(n);
        }
        prev = n.prev_named_sibling();
    }
    None
}

/// `recv.method(args)`: a call through a selector.
#[derive(Debug, Clone, Copy)]
pub struct MethodCall<'t> {
    pub call: Node<'t>,
    pub receiver: Node<'t>,
    /// The `field_identifier` naming the method.
    pub method: Node<'t>,
    pub arguments: Node<'t>,
}

impl<'t> MethodCall<'t> {
    pub fn of(call: Node<'t>) -> Option<Self> {
        if call.kind_name() != "call_expression" {
            return None;
        }
        let function = call.field("function")?;
        if function.kind_name() != "selector_expression" {
            return None;
        }
        Some(Self {
            call,
            receiver: function.field("operand")?,
            method: function.field("field")?,
            arguments: call.field("arguments")?,
        })
    }

    /// The method name of a call `x.m(…)`, without reading the rest of the call: a cheap
    /// filter before [`Self::of`].
    pub fn name_of(call: Node<'t>) -> Option<Node<'t>> {
        if call.kind_name() != "call_expression" {
            return None;
        }
        call.field("function")
            .filter(|f| f.kind_name() == "selector_expression")?
            .field("field")
    }

    pub fn has_no_arguments(&self) -> bool {
        self.arguments.named_child_count() == 0
    }
}

/// The `go` or `defer` statement that calls `literal` in place (`go func(){…}()`,
/// `defer func(){…}()`), if any: the one question every goroutine and defer rule asks of a
/// function literal.
pub fn invoking_statement(literal: Node<'_>) -> Option<Node<'_>> {
    let call = literal.up().filter(|c| {
        c.kind_name() == "call_expression"
            && c.field("function").is_some_and(|f| f.id() == literal.id())
    })?;
    call.up()
        .filter(|s| matches!(s.kind_name(), "go_statement" | "defer_statement"))
}

/// Whether `go func(){…}()` starts `literal` as a goroutine.
pub fn started_by_go(literal: Node<'_>) -> bool {
    invoking_statement(literal).is_some_and(|s| s.kind_name() == "go_statement")
}

/// The function literal a `go func(){…}()` or `defer func(){…}()` statement calls in place.
pub fn invoked_literal(stmt: Node<'_>) -> Option<Node<'_>> {
    stmt.named_child(0)?
        .field("function")
        .filter(|f| f.kind_name() == "func_literal")
}

/// The call an expression statement or a `defer`/`go` statement makes.
pub fn statement_call(stmt: Node<'_>) -> Option<Node<'_>> {
    match stmt.kind_name() {
        "expression_statement" | "defer_statement" | "go_statement" => {
            let expr = stmt.named_child(0)?;
            (expr.kind_name() == "call_expression").then_some(expr)
        }
        _ => None,
    }
}

/// Source text with all whitespace removed, so `c.mu` and `c .mu` compare equal.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The nearest enclosing function (declaration, method or literal) of a node.
pub fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        if is_function(n.kind_name()) {
            return Some(n);
        }
        cur = n.up();
    }
    None
}

/// Whether a function declaration or literal declares results (then control cannot fall off
/// its end in valid Go).
pub fn has_results(func: Node<'_>) -> bool {
    func.field("result").is_some()
}

/// The names a file refers to its imports by (alias, or the last path element).
pub fn import_names(root: Node<'_>, src: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor) {
        if decl.kind_name() != "import_declaration" {
            continue;
        }
        walk_subtree(decl, |n| {
            if n.kind_name() != "import_spec" {
                return true;
            }
            match n.field("name") {
                Some(alias) if alias.kind_name() == "package_identifier" => {
                    out.insert(src[alias.byte_range()].to_owned());
                }
                Some(_) => {}
                None => {
                    if let Some(p) = n.field("path") {
                        let path = src[p.byte_range()].trim_matches(['"', '`']);
                        out.extend(path.rsplit('/').next().map(str::to_owned));
                    }
                }
            }
            false
        });
    }
    out
}

/// The variable at the root of `v.f[i].g`, through selectors, indexes and parentheses.
pub fn root_of(mut expr: Node<'_>) -> Node<'_> {
    loop {
        let next = match expr.kind_name() {
            "selector_expression" => expr.field("operand"),
            "index_expression" | "slice_expression" => expr.field("operand"),
            "parenthesized_expression" => expr.named_child(0),
            _ => None,
        };
        match next {
            Some(n) => expr = n,
            None => return expr,
        }
    }
}

/// Whether the text under `node` holds `word`, a cheap test before walking it. A node may end
/// past the text (on the line break the parser is given after a file without one); then
/// the answer is yes, which only costs the walk.
pub fn mentions(node: Node<'_>, src: &str, word: &str) -> bool {
    src.get(node.byte_range())
        .is_none_or(|text| text.contains(word))
}

/// A node's kind as a `&'static str`, looked up by its kind id: tree-sitter's own
/// `Node::kind` measures and validates the C string on every call, and kinds are compared
/// in every walk.
pub trait NodeKind<'t> {
    fn kind_name(&self) -> &'static str;
    /// The child in field `name`, as `child_by_field_name` gives it, with the field's id
    /// looked up in a table: tree-sitter finds it by comparing the name with every field
    /// name of the grammar, on each of several hundred call sites.
    fn field(&self, name: &str) -> Option<Node<'t>>;
    /// The parent, as `parent` gives it, read from the file's node table when it has one:
    /// tree-sitter finds a parent by descending from the root again.
    fn up(&self) -> Option<Node<'t>>;
}

impl<'t> NodeKind<'t> for Node<'t> {
    fn up(&self) -> Option<Node<'t>> {
        preorder::parent(*self).unwrap_or_else(|| self.parent())
    }

    fn field(&self, name: &str) -> Option<Node<'t>> {
        static FIELDS: std::sync::OnceLock<HashMap<&'static str, u16>> = std::sync::OnceLock::new();
        let fields = FIELDS.get_or_init(|| {
            let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
            (1..=language.field_count())
                .filter_map(|id| {
                    let id = u16::try_from(id).ok()?;
                    Some((language.field_name_for_id(id)?, id))
                })
                .collect()
        });
        match fields.get(name) {
            Some(&id) => self.child_by_field_id(id),
            None => self.child_by_field_name(name),
        }
    }

    fn kind_name(&self) -> &'static str {
        static KINDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        let kinds = KINDS.get_or_init(|| {
            let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
            (0..language.node_kind_count())
                .map(|id| {
                    u16::try_from(id)
                        .ok()
                        .and_then(|id| language.node_kind_for_id(id))
                        .unwrap_or("")
                })
                .collect()
        });
        kinds
            .get(usize::from(self.kind_id()))
            .copied()
            .unwrap_or_else(|| self.kind())
    }
}

/// A set of node kinds, named as in the grammar, whose ids are looked up once.
pub struct Kinds {
    names: &'static [&'static str],
    ids: std::sync::OnceLock<Vec<u16>>,
}

impl Kinds {
    pub const fn new(names: &'static [&'static str]) -> Self {
        Kinds {
            names,
            ids: std::sync::OnceLock::new(),
        }
    }

    /// Every kind id whose name is one of the names (the grammar gives some names several
    /// ids), so matching an id is matching `kind_name()`.
    fn ids(&self) -> &[u16] {
        self.ids.get_or_init(|| {
            let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
            (0..language.node_kind_count())
                .filter_map(|id| u16::try_from(id).ok())
                .filter(|&id| {
                    language
                        .node_kind_for_id(id)
                        .is_some_and(|name| self.names.contains(&name))
                })
                .collect()
        })
    }
}

/// Call `visit` on every node of `root`'s subtree (`root` included) of one of `kinds`, in
/// order. The same nodes as a [`walk_subtree`] that always descends and acts on those
/// kinds only, but a parsed file's walk skips the other nodes without reading them.
pub fn each_of_kinds<'t>(root: Node<'t>, kinds: &Kinds, mut visit: impl FnMut(Node<'t>)) {
    let ids = kinds.ids();
    each_kind_where(root, |id| ids.contains(&id), &mut visit);
}

/// [`each_of_kinds`] for a test on kind ids.
pub fn each_kind_where<'t>(
    root: Node<'t>,
    wanted: impl Fn(u16) -> bool,
    mut visit: impl FnMut(Node<'t>),
) {
    if preorder::each_kind(root, &wanted, &mut visit).is_some() {
        return;
    }
    walk_subtree(root, |n| {
        if wanted(n.kind_id()) {
            visit(n);
        }
        true
    });
}

/// Visit every node below `root` in order, without recursion. `enter` returns whether to
/// descend into the node's children.
pub fn walk_subtree<'t>(root: Node<'t>, mut enter: impl FnMut(Node<'t>) -> bool) {
    if preorder::walk(root, &mut enter).is_some() {
        return;
    }
    let mut cursor = root.walk();
    if !enter(root) || !cursor.goto_first_child() {
        return;
    }
    loop {
        if enter(cursor.node()) && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() || cursor.node() == root {
                return;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use tree_sitter::{Node, Parser, Tree};

    use super::NodeKind;

    pub fn parse(src: &str) -> Tree {
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_go::LANGUAGE.into())
            .unwrap();
        parser.parse(src, None).unwrap()
    }

    /// The first node of `kind` whose text starts with `prefix`.
    pub fn find<'t>(root: Node<'t>, src: &str, kind: &str, prefix: &str) -> Node<'t> {
        let mut found = None;
        super::walk_subtree(root, |n| {
            if found.is_none() && n.kind_name() == kind && src[n.byte_range()].starts_with(prefix) {
                found = Some(n);
            }
            found.is_none()
        });
        found.unwrap_or_else(|| panic!("no {kind} starting with {prefix:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{find, parse};
    use super::*;

    #[test]
    fn statements_skip_comments() {
        let src = "package p\nfunc f() {\n\ta()\n\t// c\n\tb()\n}\n";
        let tree = parse(src);
        let body = find(tree.root_node(), src, "block", "{");
        let stmts = statements(body);
        assert_eq!(stmts.len(), 2);
        assert_eq!(next_statement(stmts[0]), Some(stmts[1]));
        assert_eq!(previous_statement(stmts[1]), Some(stmts[0]));
        assert_eq!(next_statement(stmts[1]), None);
    }

    #[test]
    fn method_call_parts() {
        let src = "package p\nfunc f() { c.mu.Lock() }\n";
        let tree = parse(src);
        let call = find(tree.root_node(), src, "call_expression", "c.mu");
        let m = MethodCall::of(call).unwrap();
        assert_eq!(&src[m.receiver.byte_range()], "c.mu");
        assert_eq!(&src[m.method.byte_range()], "Lock");
        assert!(m.has_no_arguments());
    }

    #[test]
    fn walk_subtree_stays_inside_root() {
        let src = "package p\nfunc f() { a() }\nfunc g() { b() }\n";
        let tree = parse(src);
        let f = find(tree.root_node(), src, "function_declaration", "func f");
        let mut calls = Vec::new();
        walk_subtree(f, |n| {
            if n.kind_name() == "call_expression" {
                calls.push(src[n.byte_range()].to_owned());
            }
            true
        });
        assert_eq!(calls, ["a()"]);
    }
}
