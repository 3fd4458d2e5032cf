//! A parsed file's nodes laid out once in pre-order, so the many subtree walks the passes
//! make read an array instead of stepping a tree cursor.
//!
//! The package facts and the rules walk each parsed file some fifty times between them (over
//! the standard library, about 86,000 walks visiting 40 million nodes). Each step of a
//! tree-sitter cursor re-derives where the node sits among hidden nodes, and those steps were
//! a third of a run. Here the file is walked with a cursor once, when it is parsed; every
//! later [`walk_subtree`](super::walk_subtree) of one of its nodes finds the node in the table
//! and goes through the slice that holds its subtree. The table also keeps each node's kind
//! id, which lets [`each_of_kinds`](super::each_of_kinds) pass over the nodes a walk does not
//! want without reading them, and its parent, which [`NodeKind::up`](super::NodeKind::up)
//! answers with instead of tree-sitter's descent from the root.
//!
//! Walks receive only a node, not the file it came from, so the tables sit in a registry
//! keyed by the tree they describe. An [`IndexedTree`] owns its tree and its registry entry
//! together and removes the entry before the tree is freed, so an entry never outlives its
//! tree and a later tree at the same address can never be read with a stale table. A tree
//! without an entry (a copy, a test's tree) is walked with a cursor, which visits the same
//! nodes in the same order.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock, Weak};

use tree_sitter::{Node, Tree, ffi};

/// A syntax tree whose nodes are listed in the registry while it lives.
pub struct IndexedTree {
    tree: Tree,
    key: usize,
}

/// The visible nodes of one tree, in the order a cursor walk enters them.
struct Preorder {
    nodes: Vec<ffi::TSNode>,
    /// Each node's kind id, so walks that want a few kinds skip the others without
    /// reading the nodes.
    kinds: Vec<u16>,
    /// For each node, the index just past its subtree: where a walk goes when it does not
    /// descend.
    ends: Vec<u32>,
    /// For each node, its parent's index (`NO_PARENT` for the root): tree-sitter finds a
    /// parent by descending from the root again, at a cost growing with the depth.
    parents: Vec<u32>,
}

const NO_PARENT: u32 = u32::MAX;

// SAFETY: the raw nodes point into a tree that the registry entry's `IndexedTree` owns and
// never mutates; they are only turned back into `Node`s borrowing that tree.
unsafe impl Send for Preorder {}
unsafe impl Sync for Preorder {}

type Registry = RwLock<HashMap<usize, Arc<Preorder>, foldhash::fast::RandomState>>;

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::default);

impl IndexedTree {
    /// List the tree's nodes and register them. Also returns how deep the tree nests,
    /// counted in nodes from the root, which the same walk measures for free.
    pub fn new(tree: Tree) -> (Self, usize) {
        let (preorder, depth) = Preorder::of(&tree);
        let key = tree_key(tree.root_node());
        REGISTRY
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(key, Arc::new(preorder));
        (Self { tree, key }, depth)
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }
}

impl Drop for IndexedTree {
    fn drop(&mut self) {
        REGISTRY
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(&self.key);
    }
}

impl Preorder {
    fn of(tree: &Tree) -> (Self, usize) {
        // Sized once: growing tables of a large file touched fresh memory at every doubling.
        let count = tree.root_node().descendant_count();
        let mut nodes = Vec::with_capacity(count);
        let mut kinds = Vec::with_capacity(count);
        let mut ends = Vec::with_capacity(count);
        let mut parents = Vec::with_capacity(count);
        // Indices of the nodes whose subtree is still open, innermost last.
        let mut open: Vec<usize> = Vec::new();
        let mut deepest = 0;
        let mut cursor = tree.walk();
        loop {
            let node = cursor.node();
            kinds.push(node.kind_id());
            nodes.push(node.into_raw());
            ends.push(0);
            parents.push(open.last().map_or(NO_PARENT, |&p| to_u32(p)));
            open.push(nodes.len() - 1);
            deepest = deepest.max(open.len() - 1);
            if cursor.goto_first_child() {
                continue;
            }
            loop {
                let closed = open.pop().expect("the node just entered is open");
                ends[closed] = to_u32(nodes.len());
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    debug_assert!(open.is_empty());
                    let table = Self {
                        nodes,
                        kinds,
                        ends,
                        parents,
                    };
                    return (table, deepest);
                }
            }
        }
    }

    /// Where `node` sits in the table. Pre-order lists nodes by start byte, outer nodes
    /// before the inner ones starting at the same byte.
    fn position(&self, node: Node<'_>) -> Option<usize> {
        let start = node.start_byte();
        let first = self
            .nodes
            .partition_point(|n| (n.context[0] as usize) < start);
        let id = node.id();
        (first..self.nodes.len())
            .take_while(|&i| self.nodes[i].context[0] as usize == start)
            .find(|&i| self.nodes[i].id as usize == id)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a file gofix parses has fewer than 4 billion nodes")
}

fn tree_key(node: Node<'_>) -> usize {
    node.into_raw().tree as usize
}

/// Call `enter` on `root` and its descendants in pre-order, skipping the subtree of a node
/// for which it returns false. `None` when `root`'s tree has no table, to be walked with a
/// cursor instead.
pub(super) fn walk<'t>(root: Node<'t>, enter: &mut impl FnMut(Node<'t>) -> bool) -> Option<()> {
    let (table, first) = located(root)?;
    let end = table.ends[first] as usize;
    let mut i = first;
    while i < end {
        // SAFETY: the table lists nodes of `root`'s tree, which is registered, so it is alive
        // and owned by an `IndexedTree`; `root` borrows that tree for 't, and so may the node.
        let node = unsafe { Node::from_raw(table.nodes[i]) };
        i = if enter(node) {
            i + 1
        } else {
            table.ends[i] as usize
        };
    }
    Some(())
}

/// Call `visit` on each node of `root`'s subtree (`root` included) whose kind id is
/// `wanted`, in pre-order. `None` when `root`'s tree has no table.
pub(super) fn each_kind<'t>(
    root: Node<'t>,
    wanted: impl Fn(u16) -> bool,
    visit: &mut impl FnMut(Node<'t>),
) -> Option<()> {
    let (table, first) = located(root)?;
    let end = table.ends[first] as usize;
    for i in first..end {
        if wanted(table.kinds[i]) {
            // SAFETY: as in `walk`.
            visit(unsafe { Node::from_raw(table.nodes[i]) });
        }
    }
    Some(())
}

/// The parent of `node`, as `Node::parent` gives it. `None` when the tree has no table.
pub(super) fn parent<'t>(node: Node<'t>) -> Option<Option<Node<'t>>> {
    let (table, at) = located(node)?;
    let parent = table.parents[at];
    // SAFETY: as in `walk`.
    Some((parent != NO_PARENT).then(|| unsafe { Node::from_raw(table.nodes[parent as usize]) }))
}

thread_local! {
    /// The table this thread read last, by tree: a package's files are walked by one thread,
    /// over and over, and the registry's lock is shared by all threads.
    static LAST: std::cell::RefCell<Option<(usize, Weak<Preorder>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The table of `node`'s tree, and where `node` sits in it.
fn located(node: Node<'_>) -> Option<(Arc<Preorder>, usize)> {
    let table = table_of(node)?;
    let at = table.position(node)?;
    Some((table, at))
}

fn table_of(node: Node<'_>) -> Option<Arc<Preorder>> {
    let key = tree_key(node);
    // A tree's table lives (in the registry) exactly as long as the tree: a remembered table
    // that can still be upgraded belongs to a tree that is alive, so to this one.
    let remembered = LAST.with_borrow(|last| {
        last.as_ref()
            .filter(|(k, _)| *k == key)
            .and_then(|(_, table)| table.upgrade())
    });
    if remembered.is_some() {
        return remembered;
    }
    let table = REGISTRY
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(&key)
        .cloned()?;
    LAST.set(Some((key, Arc::downgrade(&table))));
    Some(table)
}

/// Whether `node`'s tree has a table.
#[cfg(test)]
fn listed(node: Node<'_>) -> bool {
    REGISTRY
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .contains_key(&tree_key(node))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use tree_sitter::Node;

    use crate::source::SourceFile;
    use crate::syntax::{Kinds, NodeKind, each_of_kinds, walk_subtree};

    const SRC: &str = "package p\n\nimport \"sync\"\n\nvar mu sync.Mutex\n\nfunc f(xs []int) (n int) {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tfor _, x := range xs {\n\t\tgo func() { n += x }()\n\t}\n\treturn\n}\n\ntype T struct{ a, b int }\n";

    /// Every node a walk from `root` enters, not descending into function literals or
    /// blocks after the first.
    fn visits(root: Node<'_>) -> Vec<(&'static str, std::ops::Range<usize>)> {
        let mut seen = Vec::new();
        let mut blocks = 0;
        walk_subtree(root, |n| {
            seen.push((n.kind_name(), n.byte_range()));
            if n.kind_name() == "block" {
                blocks += 1;
            }
            n.kind_name() != "func_literal" && !(n.kind_name() == "block" && blocks > 1)
        });
        seen
    }

    #[test]
    fn the_table_walks_every_subtree_as_a_cursor_does() {
        let file = SourceFile::new(PathBuf::from("p.go"), SRC.into(), None, true).unwrap();
        // A copy of the tree is not registered, so its walks use a cursor.
        let copy = file.tree().clone();
        assert!(super::listed(file.root()) && !super::listed(copy.root_node()));
        let mut roots = Vec::new();
        let mut copies = Vec::new();
        walk_subtree(file.root(), |n| {
            roots.push(n);
            true
        });
        walk_subtree(copy.root_node(), |n| {
            copies.push(n);
            true
        });
        assert_eq!(roots.len(), copies.len());
        assert!(roots.len() > 100, "{} nodes", roots.len());
        for (table, cursor) in roots.into_iter().zip(copies) {
            assert_eq!(visits(table), visits(cursor));
        }
    }

    #[test]
    fn kind_walks_of_the_table_find_what_a_cursor_finds() {
        static WANTED: Kinds = Kinds::new(&["call_expression", "identifier", "block", "{"]);
        let file = SourceFile::new(PathBuf::from("p.go"), SRC.into(), None, true).unwrap();
        let copy = file.tree().clone();
        let found = |root: Node<'_>| {
            let mut out = Vec::new();
            each_of_kinds(root, &WANTED, |n| out.push((n.kind_name(), n.byte_range())));
            out
        };
        let mut pairs = Vec::new();
        walk_subtree(file.root(), |n| {
            pairs.push(n);
            true
        });
        let mut copies = Vec::new();
        walk_subtree(copy.root_node(), |n| {
            copies.push(n);
            true
        });
        for (table, cursor) in pairs.into_iter().zip(copies) {
            assert_eq!(found(table), found(cursor));
        }
        let all = found(file.root());
        assert_eq!(all.iter().filter(|(k, _)| *k == "block").count(), 3);
        assert!(all.iter().any(|(k, _)| *k == "{"));
    }

    #[test]
    fn parents_from_the_table_are_the_parents_tree_sitter_gives() {
        let file = SourceFile::new(PathBuf::from("p.go"), SRC.into(), None, true).unwrap();
        let mut checked = 0;
        walk_subtree(file.root(), |n| {
            let from_table = super::parent(n).expect("the file's tree has a table");
            assert_eq!(from_table, n.parent(), "{n:?}");
            assert_eq!(n.up(), n.parent());
            checked += 1;
            true
        });
        assert!(checked > 100);
    }

    #[test]
    fn a_replaced_or_dropped_tree_leaves_the_registry() {
        // Other tests' trees may take a freed tree's address, so an entry is told by the
        // table it holds, which is kept alive here.
        let entry = |key| super::REGISTRY.read().unwrap().get(&key).cloned();
        let gone =
            |key, table: &Arc<super::Preorder>| entry(key).is_none_or(|t| !Arc::ptr_eq(&t, table));
        let mut file = SourceFile::new(PathBuf::from("p.go"), SRC.into(), None, true).unwrap();
        let first = super::tree_key(file.root());
        let table = entry(first).expect("a parsed file's tree is registered");
        file.release_tree();
        assert!(gone(first, &table));
        let second = super::tree_key(file.root());
        let table = entry(second).expect("the empty tree is registered");
        drop(file);
        assert!(gone(second, &table));
    }
}
