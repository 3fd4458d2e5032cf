//! What a stretch of code does to shared state: the read-only test behind the RWMutex
//! upgrade (GF110).
//!
//! A critical section is read-only only when nothing in it can change what the lock guards:
//! no assignment or `++`/`--` except to locals declared inside it, no `delete`, `append`,
//! `close`, `copy`, `clear`, channel send, `&` of anything but a local, no `go`, `defer` or
//! closure, and no call other than `len`/`cap`/conversions and friends, calls on locals
//! declared inside, and calls of the receiver's own methods (which the package index then
//! proves read-only in turn). Anything unclear counts as a write.

use std::collections::HashSet;

use tree_sitter::Node;

use super::walk_subtree;
use crate::syntax::NodeKind;

/// What one stretch of code does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// It may change shared state (or does something this analysis does not follow).
    pub writes: bool,
    /// Methods called on the receiver (`r.load(k)`): read-only only if they are.
    pub receiver_calls: Vec<String>,
    /// Where each of `receiver_calls` is (the call expression's byte range).
    pub receiver_call_at: Vec<std::ops::Range<usize>>,
    /// Receivers of `Lock`/`RLock` calls in it (`r.mu`), whitespace removed.
    pub locks: Vec<String>,
    /// Where each of `locks` is.
    pub lock_at: Vec<std::ops::Range<usize>>,
    /// Receivers of `Unlock`/`RUnlock` calls in it, with where each call starts.
    pub unlocks: Vec<(String, usize)>,
    /// The receiver variable itself is assigned (`c = c.parent`): its locks are not the
    /// receiver's any more.
    pub receiver_reassigned: bool,
}

/// Builtins that read and allocate but write nothing shared, and the predeclared types whose
/// conversions look like calls.
const PURE_BUILTINS: &[&str] = &[
    "len",
    "cap",
    "make",
    "new",
    "min",
    "max",
    "complex",
    "real",
    "imag",
    "string",
    "bool",
    "byte",
    "rune",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "error",
    "any",
];

/// Builtins that write through their arguments.
const WRITING_BUILTINS: &[&str] = &["delete", "append", "close", "copy", "clear", "panic"];

/// The effects of the code of `body` lying in `from..to`, leaving out the subtrees starting
/// at the offsets in `skip` (the lock's own release statements). `receiver` is the method's
/// receiver name, when it is a method.
pub fn effects(
    body: Node<'_>,
    from: usize,
    to: usize,
    receiver: Option<&str>,
    skip: &[usize],
    src: &str,
) -> Effects {
    let inside = |n: Node<'_>| n.start_byte() >= from && n.end_byte() <= to;
    let mut locals = locals_declared(body, &inside, src);
    locals.insert("_");
    let mut out = Effects::default();
    walk_subtree(body, |n| {
        if skip.contains(&n.start_byte()) {
            return false;
        }
        if n.end_byte() <= from || n.start_byte() >= to {
            return false;
        }
        if !inside(n) {
            return true; // an enclosing node: look inside it
        }
        match n.kind_name() {
            // Code that runs elsewhere or later: a write as far as this section goes, and
            // not followed further (its calls do not run under this lock, or not now).
            "func_literal" | "go_statement" | "defer_statement" => {
                out.writes = true;
                return false;
            }
            "send_statement" => out.writes = true,
            "assignment_statement" => {
                if let Some(left) = n.field("left") {
                    let mut cursor = left.walk();
                    out.receiver_reassigned |= left
                        .named_children(&mut cursor)
                        .any(|t| Some(&src[t.byte_range()]) == receiver);
                    let mut cursor = left.walk();
                    let all_local = left.named_children(&mut cursor).all(|t| {
                        t.kind_name() == "identifier" && locals.contains(&src[t.byte_range()])
                    });
                    out.writes |= !all_local;
                }
            }
            "inc_statement" | "dec_statement" => {
                let local = n.named_child(0).is_some_and(|t| {
                    t.kind_name() == "identifier" && locals.contains(&src[t.byte_range()])
                });
                out.writes |= !local;
            }
            "unary_expression" if n.child(0).is_some_and(|op| op.kind_name() == "&") => {
                let local = n.field("operand").is_some_and(|t| {
                    t.kind_name() == "identifier" && locals.contains(&src[t.byte_range()])
                });
                out.writes |= !local;
            }
            "call_expression" => call_effects(n, receiver, &locals, src, &mut out),
            _ => {}
        }
        // Keep walking after a write: the calls further on still matter (GF107).
        true
    });
    out
}

/// Sort one call: a pure builtin, a lock call, a call of the receiver's method, a call on a
/// local, or (anything else) a possible write.
fn call_effects(
    call: Node<'_>,
    receiver: Option<&str>,
    locals: &HashSet<&str>,
    src: &str,
    out: &mut Effects,
) {
    let Some(callee) = call.field("function") else {
        out.writes = true;
        return;
    };
    match callee.kind_name() {
        "identifier" => {
            let name = &src[callee.byte_range()];
            if WRITING_BUILTINS.contains(&name) || !PURE_BUILTINS.contains(&name) {
                out.writes = true;
            }
        }
        "selector_expression" => {
            let (Some(operand), Some(method)) = (callee.field("operand"), callee.field("field"))
            else {
                out.writes = true;
                return;
            };
            let method = &src[method.byte_range()];
            let no_args = call
                .field("arguments")
                .is_some_and(|a| a.named_child_count() == 0);
            if no_args && matches!(method, "Lock" | "RLock" | "Unlock" | "RUnlock") {
                let on = super::squeeze(&src[operand.byte_range()]);
                if matches!(method, "Lock" | "RLock") {
                    out.locks.push(on);
                    out.lock_at.push(call.byte_range());
                } else {
                    out.unlocks.push((on, call.start_byte()));
                }
                return;
            }
            let operand_text = &src[operand.byte_range()];
            if operand.kind_name() == "identifier" && Some(operand_text) == receiver {
                out.receiver_calls.push(method.to_owned());
                out.receiver_call_at.push(call.byte_range());
            } else if operand.kind_name() == "identifier" && locals.contains(operand_text) {
                // A call on a value obtained inside the section.
            } else {
                out.writes = true;
            }
        }
        "parenthesized_expression" | "array_type" | "slice_type" | "map_type" => {
            // A conversion to a composite type.
        }
        _ => out.writes = true,
    }
}

/// The names declared by `:=`, `var` and `range … :=` in the part of `body` that `inside`
/// accepts.
fn locals_declared<'s>(
    body: Node<'_>,
    inside: &dyn Fn(Node<'_>) -> bool,
    src: &'s str,
) -> HashSet<&'s str> {
    let mut names = HashSet::new();
    walk_subtree(body, |n| {
        if !inside(n) {
            return true;
        }
        let declared: Option<Node<'_>> = match n.kind_name() {
            "short_var_declaration" => n.field("left"),
            "range_clause" | "receive_statement" if declares(n) => n.field("left"),
            _ => None,
        };
        if let Some(list) = declared {
            let mut cursor = list.walk();
            names.extend(
                list.named_children(&mut cursor)
                    .filter(|t| t.kind_name() == "identifier")
                    .map(|t| &src[t.byte_range()]),
            );
        }
        if n.kind_name() == "var_spec" {
            let mut cursor = n.walk();
            names.extend(
                n.children_by_field_name("name", &mut cursor)
                    .map(|t| &src[t.byte_range()]),
            );
        }
        true
    });
    names
}

/// `range`/receive with `:=`.
fn declares(node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor).any(|c| c.kind_name() == ":=")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::parse;
    use super::*;

    /// Effects of the statements between `// from` and `// to` in method `f` of receiver `c`.
    fn section(body: &str) -> Effects {
        let src = format!(
            "package p\n\nfunc (c *C) f() {{\n\tc.mu.Lock() // from\n{body}\tc.mu.Unlock() // to\n}}\n"
        );
        let tree = parse(&src);
        let func = tree.root_node().named_child(1).unwrap();
        let from = src.find("// from").unwrap();
        let to = src.find("\tc.mu.Unlock() // to").unwrap();
        effects(func.field("body").unwrap(), from, to, Some("c"), &[], &src)
    }

    #[test]
    fn reads_into_locals_are_read_only() {
        let e = section(
            "\tv, ok := c.m[k]\n\tn := len(c.m)\n\tvar out []string\n\tfor k := range c.m {\n\t\tout = append(out, k)\n\t}\n",
        );
        // `append` is a writing builtin: even onto a local it counts as a write.
        assert!(e.writes);
        let e = section(
            "\tv, ok := c.m[k]\n\tn := len(c.m) + int(c.size)\n\tif !ok {\n\t\tv = 0\n\t}\n\t_, _ = v, n\n",
        );
        assert!(!e.writes, "{e:?}");
    }

    #[test]
    fn every_kind_of_write_is_seen() {
        for body in [
            "\tc.n++\n",
            "\tc.m[k] = v\n",
            "\tdelete(c.m, k)\n",
            "\tclose(c.done)\n",
            "\tc.ch <- 1\n",
            "\tp := &c.n\n",
            "\tp := c.procs[k]\n\tp.Status = 1\n",
            "\tn = len(c.m)\n",
            "\tfmt.Println(c.m)\n",
            "\tgo c.run()\n",
            "\tc.field.Reset()\n",
        ] {
            assert!(section(body).writes, "{body}");
        }
    }

    #[test]
    fn receiver_calls_and_relocks_are_collected() {
        let e = section("\tv := c.load(k)\n\tc.mu.Lock()\n\t_ = v\n");
        assert!(!e.writes);
        assert_eq!(e.receiver_calls, ["load"]);
        assert_eq!(e.locks, ["c.mu"]);
    }

    #[test]
    fn calls_on_locals_declared_inside_are_reads() {
        let e = section("\tp := c.procs[k]\n\ts := p.String()\n\t_ = s\n");
        assert!(!e.writes, "{e:?}");
    }
}
