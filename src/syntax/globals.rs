//! Package-level variables and the goroutines that touch them (GF304): which variables are
//! plain data rather than a lock, an atomic, another `sync` value or a channel; where the
//! package writes them; whether a statement runs in a goroutine; whether a lock is held there;
//! and which variable a loop polls in its condition.
//!
//! Names only, no types: a variable's kind comes from its declared type or its initialiser,
//! and when neither tells, from its name (`mu`, `fooLock`, `once`). Variables are
//! package-wide (declared in `a.go`, written in `b.go`), so the index is built over every
//! file of the package at once.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use tree_sitter::Node;

use crate::package::import_name;
use crate::source::SourceFile;

use super::captures::shadowed;
use super::reach::{GoroutineReach, goroutine_start, is_goroutine_literal};
use super::{Kinds, MethodCall, each_of_kinds, squeeze, statement_call, walk_subtree};
use crate::syntax::NodeKind;

/// Where a statement runs, as far as goroutines go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// Inside a goroutine literal: `go func() {…}()` or `g.Go(func() {…})`.
    GoroutineLiteral,
    /// Inside a closure passed to `X.Do(…)` (`sync.Once`): synchronised by the `Once`.
    OnceDo,
    /// In the body of a declared function or method (outside any goroutine literal).
    Declared { name: String, method: bool },
    /// Outside any function: a package-level initialiser.
    TopLevel,
}

impl Context {
    /// Whether a goroutine runs this code: a goroutine literal, or a function or method that
    /// a goroutine starts or that a goroutine calls directly (one level). Calls are matched
    /// by name, so a name that several types of the package declare (`Run`, `init`) is not
    /// trusted to mean this one.
    pub fn in_goroutine(&self, reach: &GoroutineReach, globals: &Globals) -> bool {
        match self {
            Context::GoroutineLiteral => true,
            Context::Declared { name, method } => {
                (*method || (name != "init" && name != "main"))
                    && globals.declared_once(name)
                    && reach.runs_directly(name)
            }
            Context::OnceDo | Context::TopLevel => false,
        }
    }
}

/// One assignment, `op=`, `++` or `--` of a package-level variable.
#[derive(Debug, Clone)]
pub struct WriteSite {
    pub file: PathBuf,
    /// The byte range of the innermost function (declaration or literal) holding the write.
    pub function: (usize, usize),
    pub context: Context,
    /// No goroutine of this function can race with it yet: the write is in `init`, in
    /// `main` before its first goroutine starts, or before a goroutine start in its own
    /// function.
    pub before_goroutines: bool,
}

/// The package-level variables of a package and where they are written.
#[derive(Debug, Default)]
pub struct Globals {
    /// Variable name → plain data (`true`) or a lock, atomic, `sync` value or channel.
    vars: HashMap<String, bool>,
    writes: HashMap<String, Vec<WriteSite>>,
    /// Function or method name → who declares it: `""` for a function, the receiver's type
    /// name for a method.
    owners: HashMap<String, HashSet<String>>,
}

impl Globals {
    pub fn build(files: &[&SourceFile]) -> Self {
        let mut globals = Globals::default();
        for file in files {
            globals.add_declarations(file);
        }
        for file in files {
            globals.add_writes(file);
        }
        globals
    }

    /// Whether `name` is a package-level variable holding plain data: not a lock, an atomic,
    /// another `sync` value or a channel (by its type, its initialiser, or failing both its
    /// name). A name declared twice (in files for different platforms) must be plain in both.
    pub fn is_plain(&self, name: &str) -> bool {
        self.vars.get(name).copied().unwrap_or(false)
    }

    /// Whether `name` is declared with `var` at the top level of some file of the package.
    pub fn is_var(&self, name: &str) -> bool {
        self.vars.contains_key(name)
    }

    /// Whether one function, or the methods of one type, carry this name in the package (a
    /// function repeated in files for different platforms counts once).
    pub fn declared_once(&self, name: &str) -> bool {
        self.owners.get(name).is_none_or(|o| o.len() <= 1)
    }

    /// The writes of package-level variable `name`, in every file.
    pub fn writes(&self, name: &str) -> &[WriteSite] {
        self.writes.get(name).map_or(&[], Vec::as_slice)
    }

    fn add_declarations(&mut self, file: &SourceFile) {
        let src = file.text();
        let root = file.root();
        let sync = import_name(file, "sync");
        let atomic = import_name(file, "sync/atomic");
        let packages: Vec<&str> = [sync.as_deref(), atomic.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            if matches!(
                decl.kind_name(),
                "function_declaration" | "method_declaration"
            ) && let Some(name) = decl.field("name")
            {
                self.owners
                    .entry(src[name.byte_range()].to_owned())
                    .or_default()
                    .insert(receiver_type(decl, src));
            }
            if decl.kind_name() != "var_declaration" {
                continue;
            }
            walk_subtree(decl, |n| {
                if n.kind_name() != "var_spec" {
                    return true;
                }
                let names: Vec<Node<'_>> =
                    n.children_by_field_name("name", &mut n.walk()).collect();
                let values: Vec<Node<'_>> = n
                    .field("value")
                    .map(|v| v.named_children(&mut v.walk()).collect())
                    .unwrap_or_default();
                let declared = n.field("type");
                for (i, id) in names.iter().enumerate() {
                    let name = &src[id.byte_range()];
                    if name == "_" {
                        continue;
                    }
                    let value = (values.len() == names.len()).then(|| values[i]);
                    let plain = match declared {
                        Some(t) => !is_sync_type(&src[t.byte_range()], &packages),
                        None => match value.map(|v| value_kind(v, src, &packages)) {
                            Some(Kind::Sync) => false,
                            Some(Kind::Plain) => true,
                            Some(Kind::Unknown) | None => !looks_like_sync(name),
                        },
                    };
                    let entry = self.vars.entry(name.to_owned()).or_insert(true);
                    *entry &= plain;
                }
                false
            });
        }
    }

    fn add_writes(&mut self, file: &SourceFile) {
        let src = file.text();
        let root = file.root();
        each_of_kinds(root, &WRITES, |n| {
            for target in written_identifiers(n) {
                let name = &src[target.byte_range()];
                if !self.vars.contains_key(name) || shadowed(target, name, root, src) {
                    continue;
                }
                let Some(function) = super::enclosing_function(n) else {
                    continue;
                };
                let context = context_of(n, src);
                let site = WriteSite {
                    file: file.path.clone(),
                    function: (function.start_byte(), function.end_byte()),
                    before_goroutines: before_goroutines(n, function, &context, src),
                    context,
                };
                self.writes.entry(name.to_owned()).or_default().push(site);
            }
        });
    }
}

/// Adds to `written` the identifiers `file` writes and the variables at the root of what it
/// writes (`cfg` in `cfg.done = true`, `m` in `m[k] = v`), and to `polled` those it polls in
/// a loop condition. Where one is a package-level variable, the prefilter parses what the
/// analyses need besides: for a written one, the files declaring it (whether it is one, and
/// plain: GF304, GF130's flag rooted at one) and the files that may poll it (GF304 reports
/// a poll of a variable written elsewhere); for a polled one, every file naming it, since
/// any may write it.
pub fn written_and_polled<'s>(
    file: &'s SourceFile,
    written: &mut HashSet<&'s str>,
    polled: &mut HashSet<&'s str>,
) {
    let src = file.text();
    static WRITTEN_OR_POLLED: Kinds = Kinds::new(&[
        "for_statement",
        "assignment_statement",
        "inc_statement",
        "dec_statement",
    ]);
    each_of_kinds(file.root(), &WRITTEN_OR_POLLED, |n| {
        let (targets, out): (Vec<Node<'_>>, &mut HashSet<&'s str>) = match n.kind_name() {
            "for_statement" => (polled_variable(n).into_iter().collect(), &mut *polled),
            "assignment_statement" => (
                n.field("left")
                    .map(|l| l.named_children(&mut l.walk()).collect())
                    .unwrap_or_default(),
                &mut *written,
            ),
            _ => (n.named_child(0).into_iter().collect(), &mut *written),
        };
        out.extend(
            targets
                .into_iter()
                .map(super::root_of)
                .filter(|t| t.kind_name() == "identifier")
                .map(|t| &src[t.byte_range()]),
        );
    });
}

/// The type name of a method's receiver (`T` for `(t *T)` or `(t T[K])`); `""` for a function.
pub fn receiver_type(decl: Node<'_>, src: &str) -> String {
    let Some(receiver) = decl.field("receiver") else {
        return String::new();
    };
    let Some(t) = receiver
        .named_children(&mut receiver.walk())
        .find(|p| p.kind_name() == "parameter_declaration")
        .and_then(|p| p.field("type"))
    else {
        return String::new();
    };
    let text = squeeze(&src[t.byte_range()]);
    let text = text.trim_start_matches(['*', '(']);
    text.split(['[', ')']).next().unwrap_or("").to_owned()
}

/// What an initialiser says about a variable's kind.
enum Kind {
    Sync,
    Plain,
    Unknown,
}

/// A type that is a `sync` or `sync/atomic` type (or a pointer to one), or a channel.
fn is_sync_type(text: &str, packages: &[&str]) -> bool {
    let t = squeeze(text);
    let t = t.trim_start_matches('*');
    t.starts_with("chan") || t.starts_with("<-chan") || from_packages(t, packages)
}

/// `sync.X…` or `atomic.X…`, with the file's import names.
fn from_packages(text: &str, packages: &[&str]) -> bool {
    packages.iter().any(|p| {
        text.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// The kind an initialiser gives: `make(chan T)`, `sync.Mutex{}`, `&sync.RWMutex{}`,
/// `new(atomic.Int64)` and `sync.NewCond(…)` are `sync`; literals are plain; a call of
/// anything else tells nothing.
fn value_kind(value: Node<'_>, src: &str, packages: &[&str]) -> Kind {
    let text = squeeze(&src[value.byte_range()]);
    let text = text.trim_start_matches('&');
    if text.starts_with("make(chan") || text.starts_with("make(<-chan") {
        return Kind::Sync;
    }
    let inner = text.strip_prefix("new(").unwrap_or(text);
    if from_packages(inner, packages) {
        return Kind::Sync;
    }
    match value.kind_name() {
        "int_literal"
        | "float_literal"
        | "imaginary_literal"
        | "rune_literal"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "true"
        | "false"
        | "func_literal"
        | "binary_expression" => Kind::Plain,
        "composite_literal" => Kind::Plain,
        "unary_expression"
            if value
                .named_child(0)
                .is_some_and(|o| o.kind_name() == "composite_literal") =>
        {
            Kind::Plain
        }
        _ => Kind::Unknown,
    }
}

/// A name that clearly holds a lock, a `sync.Once`, a `WaitGroup` or a `Cond`: `mu`,
/// `lock`, `once`, `wg`, `cond`, or a name whose last word is one (`cacheMu`, `initOnce`,
/// `globalWG`, `state_lock`).
pub fn looks_like_sync(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "mu",
        "mutex",
        "rwmutex",
        "lock",
        "rwlock",
        "once",
        "wg",
        "waitgroup",
        "cond",
    ];
    let word = name.rsplit('_').next().unwrap_or(name);
    let bytes = word.as_bytes();
    // The last camel-case word starts at a capital that follows a non-capital.
    let start = (1..bytes.len())
        .rev()
        .find(|&i| bytes[i].is_ascii_uppercase() && !bytes[i - 1].is_ascii_uppercase())
        .unwrap_or(0);
    [word, &word[start..]]
        .iter()
        .any(|w| WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// The identifiers a statement writes as a whole: the bare-identifier targets of an
/// assignment (`=` or `op=`, never `:=`), `++` or `--`.
/// The statements [`written_identifiers`] finds writes in.
static WRITES: Kinds = Kinds::new(&["assignment_statement", "inc_statement", "dec_statement"]);

pub fn written_identifiers(stmt: Node<'_>) -> Vec<Node<'_>> {
    let targets: Vec<Node<'_>> = match stmt.kind_name() {
        "assignment_statement" => stmt
            .field("left")
            .map(|l| l.named_children(&mut l.walk()).collect())
            .unwrap_or_default(),
        "inc_statement" | "dec_statement" => stmt.named_child(0).into_iter().collect(),
        _ => Vec::new(),
    };
    targets
        .into_iter()
        .map(strip_parens)
        .filter(|t| t.kind_name() == "identifier")
        .collect()
}

fn strip_parens(mut node: Node<'_>) -> Node<'_> {
    while node.kind_name() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// Where `node` runs: in a goroutine literal, in a `Once.Do` closure, in a declared function,
/// or at the top level. The nearest of these enclosing it decides; other closures (called,
/// deferred, passed on) are looked through.
pub fn context_of(node: Node<'_>, src: &str) -> Context {
    let mut cur = node.up();
    while let Some(n) = cur {
        match n.kind_name() {
            "func_literal" if is_goroutine_literal(n, src) => return Context::GoroutineLiteral,
            "func_literal" if passed_to_do(n, src) => return Context::OnceDo,
            "function_declaration" | "method_declaration" => {
                let name = n.field("name").map_or("", |id| &src[id.byte_range()]);
                return Context::Declared {
                    name: name.to_owned(),
                    method: n.kind_name() == "method_declaration",
                };
            }
            _ => {}
        }
        cur = n.up();
    }
    Context::TopLevel
}

/// `X.Do(func() {…})`: the closure `sync.Once` runs once, synchronised.
fn passed_to_do(lit: Node<'_>, src: &str) -> bool {
    lit.up()
        .filter(|p| p.kind_name() == "argument_list")
        .and_then(|args| args.up())
        .and_then(MethodCall::of)
        .is_some_and(|call| &src[call.method.byte_range()] == "Do")
}

/// Whether no goroutine can race with a write yet: it is in `init`, in `main` before the
/// first goroutine start there, or before a goroutine start in its own function.
fn before_goroutines(node: Node<'_>, function: Node<'_>, context: &Context, src: &str) -> bool {
    match context {
        Context::Declared {
            name,
            method: false,
        } if name == "init" => return true,
        Context::Declared {
            name,
            method: false,
        } if name == "main" => {
            return first_goroutine_start(function, src).is_none_or(|at| node.start_byte() < at);
        }
        _ => {}
    }
    first_goroutine_start(function, src).is_some_and(|at| node.start_byte() < at)
}

/// Where the first `go` statement (or `X.Go(…)` call) of a function starts.
fn first_goroutine_start(function: Node<'_>, src: &str) -> Option<usize> {
    let body = function.field("body")?;
    let mut found = None;
    walk_subtree(body, |n| {
        if found.is_none() && goroutine_start(n, src).is_some() {
            found = Some(n.start_byte());
        }
        found.is_none()
    });
    found
}

/// A call statement that takes a lock: `X.Lock()`, `X.RLock()`, or the runtime's
/// `lock(&l)` and `semacquire(&s)`; with the key its release must match.
fn lock_action(stmt: Node<'_>, src: &str) -> Option<(bool, String)> {
    let call = statement_call(stmt).filter(|_| stmt.kind_name() == "expression_statement")?;
    let (name, key) = match MethodCall::of(call) {
        Some(m) => (
            &src[m.method.byte_range()],
            squeeze(&src[m.receiver.byte_range()]),
        ),
        None => {
            let f = call.field("function")?;
            let args = call.field("arguments")?;
            (&src[f.byte_range()], squeeze(&src[args.byte_range()]))
        }
    };
    match name {
        "Lock" | "RLock" | "lock" | "semacquire" => Some((true, key)),
        "Unlock" | "RUnlock" | "unlock" | "semrelease" => Some((false, key)),
        _ => None,
    }
}

/// Whether a lock is held where `node` runs: an enclosing statement list takes a lock
/// (`X.Lock()`, `X.RLock()`) before it and does not release it (`X.Unlock()`) in between.
/// Enclosing closures are looked through; the walk stops at the declared function.
pub fn lock_held(node: Node<'_>, src: &str) -> bool {
    let mut child = node;
    let mut cur = node.up();
    while let Some(n) = cur {
        if matches!(n.kind_name(), "function_declaration" | "method_declaration") {
            return false;
        }
        if n.kind_name() == "statement_list" {
            let before: Vec<Node<'_>> = n
                .named_children(&mut n.walk())
                .take_while(|s| s.id() != child.id())
                .collect();
            let mut released: Vec<String> = Vec::new();
            for stmt in before.iter().rev() {
                match lock_action(*stmt, src) {
                    Some((false, key)) => released.push(key),
                    Some((true, key)) if !released.contains(&key) => return true,
                    _ => {}
                }
            }
        }
        child = n;
        cur = n.up();
    }
    false
}

/// The variable a `for` loop polls: `for !v {…}`, `for v {…}`, `for ; !v; {…}` (parentheses
/// allowed), as its identifier node.
pub fn polled_variable(for_stmt: Node<'_>) -> Option<Node<'_>> {
    let body = for_stmt.field("body")?;
    let header = for_stmt
        .named_children(&mut for_stmt.walk())
        .find(|c| c.id() != body.id() && c.kind_name() != "comment")?;
    let condition = match header.kind_name() {
        "range_clause" => return None,
        "for_clause" => header.field("condition")?,
        _ => header,
    };
    let mut expr = strip_parens(condition);
    if expr.kind_name() == "unary_expression"
        && expr
            .field("operator")
            .is_some_and(|op| op.kind_name() == "!")
    {
        expr = strip_parens(expr.field("operand")?);
    }
    (expr.kind_name() == "identifier").then_some(expr)
}

/// Whether the subtree writes variable `name` (closures included), `:=` aside.
pub fn writes_name(node: Node<'_>, name: &str, src: &str) -> bool {
    let mut found = false;
    walk_subtree(node, |n| {
        found |= written_identifiers(n)
            .iter()
            .any(|t| &src[t.byte_range()] == name);
        !found
    });
    found
}

/// Whether the subtree takes or waits on a lock: `X.Lock()`, `X.RLock()`, `lock(&l)`, or
/// `X.Wait()` (a `sync.Cond` loop re-checks its condition with the lock held).
pub fn locks_or_waits(node: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(node, |n| {
        if n.kind_name() == "call_expression"
            && let Some(f) = n.field("function")
        {
            let name = match f.kind_name() {
                "selector_expression" => f.field("field"),
                "identifier" => Some(f),
                _ => None,
            };
            found |= name.is_some_and(|id| {
                matches!(&src[id.byte_range()], "Lock" | "RLock" | "lock" | "Wait")
            });
        }
        !found
    });
    found
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{find, parse};
    use super::*;

    fn file(src: &str, name: &str) -> SourceFile {
        SourceFile::new(PathBuf::from(name), src.as_bytes().to_vec(), None, true).unwrap()
    }

    #[test]
    fn plain_variables_by_type_initialiser_and_name() {
        let a = file(
            "package p\n\nimport (\n\tat \"sync/atomic\"\n\t\"sync\"\n)\n\nvar (\n\tcount int\n\tdone  bool\n\tmu    sync.Mutex\n\trw    *sync.RWMutex\n\tn     at.Int64\n\tp     at.Pointer[int]\n\tch    chan int\n\tout   <-chan int\n)\n\nvar ready = false\nvar c2 = make(chan struct{})\nvar m2 = &sync.Mutex{}\nvar once = newOnce()\nvar cacheMu = lockFor(\"x\")\nvar block = build()\nvar a, b = pair()\nvar total, hits = 0, 1\n",
            "a.go",
        );
        let globals = Globals::build(&[&a]);
        for name in ["count", "done", "ready", "block", "a", "b", "total", "hits"] {
            assert!(globals.is_plain(name), "{name}");
        }
        for name in [
            "mu", "rw", "n", "p", "ch", "out", "c2", "m2", "once", "cacheMu",
        ] {
            assert!(!globals.is_plain(name), "{name}");
            assert!(globals.is_var(name), "{name}");
        }
        assert!(!globals.is_var("sync"));
    }

    #[test]
    fn names_several_types_declare_are_not_trusted() {
        let a = file(
            "package p\n\nfunc helper() {}\n\nfunc (t *T) Run() {}\n\nfunc (b *B) Run() {}\n\nfunc (m *M[K]) only() {}\n\nfunc (m M[K]) alone() {}\n",
            "a.go",
        );
        let b = file(
            "package p\n\nfunc helper() {}\n\nfunc (t T) alone() {}\n",
            "b.go",
        );
        let globals = Globals::build(&[&a, &b]);
        assert!(globals.declared_once("helper"), "one function in two files");
        assert!(globals.declared_once("only"));
        assert!(globals.declared_once("undeclared"));
        assert!(!globals.declared_once("Run"));
        assert!(!globals.declared_once("alone"));
    }

    #[test]
    fn sync_looking_names() {
        for name in [
            "mu",
            "lock",
            "once",
            "wg",
            "cacheMu",
            "initOnce",
            "globalWG",
            "stateLock",
        ] {
            assert!(looks_like_sync(name), "{name}");
        }
        for name in [
            "block", "emu", "menu", "count", "clock", "ready", "unlocked",
        ] {
            assert!(!looks_like_sync(name), "{name}");
        }
    }

    #[test]
    fn writes_across_files_skip_locals_and_note_init_and_main() {
        let a = file(
            "package main\n\nvar stop bool\nvar n int\n\nfunc init() {\n\tstop = false\n}\n\nfunc main() {\n\tn = 1\n\tgo worker()\n\tstop = true\n}\n",
            "a.go",
        );
        let b = file(
            "package main\n\nfunc worker() {\n\tn++\n\tstop := true\n\tstop = false\n\t_ = stop\n\tgo func() {\n\t\tn += 2\n\t}()\n}\n",
            "b.go",
        );
        let globals = Globals::build(&[&a, &b]);
        let stops: Vec<bool> = globals
            .writes("stop")
            .iter()
            .map(|w| w.before_goroutines)
            .collect();
        assert_eq!(stops, [true, false], "init, then main after `go`");
        let ns: Vec<(bool, Context)> = globals
            .writes("n")
            .iter()
            .map(|w| (w.before_goroutines, w.context.clone()))
            .collect();
        let worker = Context::Declared {
            name: "worker".to_owned(),
            method: false,
        };
        assert_eq!(
            ns,
            [
                (
                    true,
                    Context::Declared {
                        name: "main".to_owned(),
                        method: false
                    }
                ),
                (true, worker),
                (false, Context::GoroutineLiteral),
            ]
        );
        assert_eq!(globals.writes("n")[1].file, PathBuf::from("b.go"));
    }

    #[test]
    fn contexts() {
        let src = "package p\n\nfunc f() {\n\tgo func() {\n\t\tdefer func() { a = 1 }()\n\t}()\n\tonce.Do(func() { b = 1 })\n\tc = 1\n}\n\nfunc (s *S) m() { d = 1 }\n\nvar e = func() int { f = 1; return 0 }()\n";
        let tree = parse(src);
        let root = tree.root_node();
        let at = |prefix: &str| context_of(find(root, src, "assignment_statement", prefix), src);
        assert_eq!(at("a ="), Context::GoroutineLiteral);
        assert_eq!(at("b ="), Context::OnceDo);
        assert_eq!(
            at("c ="),
            Context::Declared {
                name: "f".to_owned(),
                method: false
            }
        );
        assert_eq!(
            at("d ="),
            Context::Declared {
                name: "m".to_owned(),
                method: true
            }
        );
        assert_eq!(at("f ="), Context::TopLevel);
    }

    #[test]
    fn locks_held_before_a_statement() {
        let src = "package p\n\nfunc f() {\n\tmu.Lock()\n\ta = 1\n\tmu.Unlock()\n\tb = 1\n\ts.mu.RLock()\n\tdefer s.mu.RUnlock()\n\tif x {\n\t\tfunc() {\n\t\t\tc = 1\n\t\t}()\n\t}\n}\n\nfunc g() {\n\tlock(&sched.lock)\n\td = 1\n\tunlock(&sched.lock)\n\te = 1\n\tother.Unlock()\n\tf = 1\n}\n\nfunc h() {\n\tsemacquire(&work.sema)\n\tg = 1\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        let held = |prefix: &str| lock_held(find(root, src, "assignment_statement", prefix), src);
        assert!(held("g ="));
        assert!(held("a ="));
        assert!(!held("b ="));
        assert!(held("c ="));
        assert!(held("d ="));
        assert!(!held("e ="));
        assert!(!held("f ="));
    }

    #[test]
    fn polled_variables() {
        let src = "package p\n\nfunc f() {\n\tfor !stop {\n\t}\n\tfor (ready) {\n\t}\n\tfor ; !(done); {\n\t}\n\tfor i < n {\n\t}\n\tfor range ch {\n\t}\n\tfor {\n\t}\n}\n";
        let tree = parse(src);
        let mut polled = Vec::new();
        walk_subtree(tree.root_node(), |n| {
            if n.kind_name() == "for_statement" {
                polled.push(polled_variable(n).map(|id| &src[id.byte_range()]));
            }
            true
        });
        assert_eq!(
            polled,
            [Some("stop"), Some("ready"), Some("done"), None, None, None]
        );
    }

    #[test]
    fn writes_and_lock_calls_in_a_subtree() {
        let src = "package p\n\nfunc f() {\n\tfor !done {\n\t\tdone = step()\n\t}\n\tfor !ready {\n\t\tcond.Wait()\n\t}\n\tfor !stop {\n\t\tn++\n\t}\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        let first = find(root, src, "for_statement", "for !done");
        let second = find(root, src, "for_statement", "for !ready");
        let third = find(root, src, "for_statement", "for !stop");
        assert!(writes_name(first, "done", src));
        assert!(!writes_name(third, "stop", src));
        assert!(writes_name(third, "n", src));
        assert!(locks_or_waits(second, src));
        assert!(!locks_or_waits(third, src));
    }
}
