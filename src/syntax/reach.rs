//! Which functions of a package goroutines can run, by name: a function or method is
//! reachable when a `go` statement (or `X.Go(…)`, as `sync.WaitGroup` and `errgroup` spell
//! it) starts it, or when a reachable function or a goroutine literal calls it. Names only,
//! no types: two methods of different types with one name are one node, and calls through
//! function values are not followed.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use tree_sitter::Node;

use super::{Kinds, each_of_kinds, import_names, walk_subtree};
use crate::syntax::NodeKind;

/// The call graph facts of a package, gathered file by file; the reachable set is computed
/// on first use.
#[derive(Debug, Default)]
pub struct GoroutineReach {
    /// Function or method name → the names its body calls.
    calls: HashMap<String, HashSet<String>>,
    /// Names started as goroutines, or called from inside a goroutine literal.
    seeds: HashSet<String>,
    /// Variables declared with `var` at the top level of some file.
    package_vars: HashSet<String>,
    reachable: OnceLock<HashSet<String>>,
    /// Names started directly as goroutines (`go f()`, `X.Go(f)`), literals left out.
    started: HashSet<String>,
    /// Names called from inside goroutine literals.
    literal_callees: HashSet<String>,
    direct: OnceLock<HashSet<String>>,
}

impl GoroutineReach {
    /// Add the facts of one file (its root node and text).
    pub fn add_file(&mut self, root: Node<'_>, src: &str) {
        self.add_file_starting(root, src, true);
    }

    /// [`Self::add_file`], told whether the file may start a goroutine at all (it says `go`
    /// or `Go`); when it cannot, only its call graph and variables are read.
    pub fn add_file_starting(&mut self, root: Node<'_>, src: &str, starts: bool) {
        self.reachable = OnceLock::new();
        self.direct = OnceLock::new();
        let imports = import_names(root, src);
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            match decl.kind_name() {
                "function_declaration" | "method_declaration" => {
                    let (Some(name), Some(body)) = (decl.field("name"), decl.field("body")) else {
                        continue;
                    };
                    let callees = self
                        .calls
                        .entry(src[name.byte_range()].to_owned())
                        .or_default();
                    callees.extend(called_names(body, src, &imports));
                }
                "var_declaration" => walk_subtree(decl, |n| {
                    if n.kind_name() == "var_spec" {
                        self.package_vars.extend(
                            n.children_by_field_name("name", &mut n.walk())
                                .map(|id| src[id.byte_range()].to_owned()),
                        );
                        return false;
                    }
                    true
                }),
                _ => {}
            }
        }
        if !starts {
            return;
        }
        // What the goroutine starts of the file start: seeds of the reachable set, and kept
        // apart (literals' callees, names started directly) for `runs_directly`.
        each_of_kinds(root, &STARTS, |n| {
            if let Some(started) = goroutine_start(n, src) {
                match started.kind_name() {
                    "func_literal" => {
                        if let Some(body) = started.field("body") {
                            let called = called_names(body, src, &imports);
                            self.seeds.extend(called.iter().cloned());
                            self.literal_callees.extend(called);
                        }
                    }
                    _ => {
                        let name = callee(started, src, &imports);
                        self.seeds.extend(name.clone());
                        self.started.extend(name);
                    }
                }
            }
        });
    }

    /// The names of the functions and methods a goroutine runs directly: those started with
    /// `go f()` (or `X.Go(f)`), those a goroutine literal calls, and those a started function
    /// calls. One level, where `reachable` follows calls all the way down.
    pub fn runs_directly(&self, name: &str) -> bool {
        self.direct().contains(name)
    }

    /// The names [`Self::runs_directly`] answers yes for.
    pub fn direct(&self) -> &HashSet<String> {
        self.direct.get_or_init(|| {
            let mut out: HashSet<String> = self.started.clone();
            out.extend(self.literal_callees.iter().cloned());
            for name in &self.started {
                if let Some(callees) = self.calls.get(name) {
                    out.extend(callees.iter().cloned());
                }
            }
            out
        })
    }

    /// The call graph by name: each function or method with the names its bodies call.
    pub fn calls(&self) -> impl Iterator<Item = (&str, &HashSet<String>)> {
        self.calls
            .iter()
            .map(|(name, callees)| (name.as_str(), callees))
    }

    /// The names of the functions and methods goroutines of the package can run.
    pub fn reachable(&self) -> &HashSet<String> {
        self.reachable.get_or_init(|| {
            let mut reached: HashSet<String> = HashSet::new();
            let mut work: Vec<&str> = self.seeds.iter().map(String::as_str).collect();
            while let Some(name) = work.pop() {
                if !reached.insert(name.to_owned()) {
                    continue;
                }
                if let Some(callees) = self.calls.get(name) {
                    work.extend(callees.iter().map(String::as_str));
                }
            }
            reached
        })
    }

    /// Whether goroutines of the package can run the function or method `name`.
    pub fn is_reachable(&self, name: &str) -> bool {
        self.reachable().contains(name)
    }

    /// Whether `name` is declared with `var` at the top level of some file of the package.
    pub fn is_package_var(&self, name: &str) -> bool {
        self.package_vars.contains(name)
    }
}

/// The names of the functions and methods goroutines can run, over the files of one package
/// (each its root node and text).
pub fn goroutine_reachable<'f>(
    files: impl IntoIterator<Item = (Node<'f>, &'f str)>,
) -> HashSet<String> {
    let mut reach = GoroutineReach::default();
    for (root, src) in files {
        reach.add_file(root, src);
    }
    reach.reachable().clone()
}

/// The node kinds [`goroutine_start`] may answer for.
pub static STARTS: Kinds = Kinds::new(&["go_statement", "call_expression"]);

/// What a goroutine-starting node starts: for `go f(x)` the function expression `f` (an
/// identifier, selector or func literal), for `X.Go(f)` / `X.Go(func() {…})` its argument.
pub fn goroutine_start<'t>(node: Node<'t>, src: &str) -> Option<Node<'t>> {
    match node.kind_name() {
        "go_statement" => {
            let call = node
                .named_child(0)
                .filter(|c| c.kind_name() == "call_expression")?;
            call.field("function")
        }
        "call_expression" if starts_goroutine_by_method(node, src) => {
            let args = node.field("arguments")?;
            if args.named_child_count() != 1 {
                return None;
            }
            let arg = args.named_child(0)?;
            matches!(
                arg.kind_name(),
                "func_literal" | "identifier" | "selector_expression"
            )
            .then_some(arg)
        }
        _ => None,
    }
}

/// Whether a func literal is run as a goroutine: `go func() {…}()` or `X.Go(func() {…})`.
pub fn is_goroutine_literal(lit: Node<'_>, src: &str) -> bool {
    let Some(parent) = lit.up() else {
        return false;
    };
    match parent.kind_name() {
        "call_expression" => super::started_by_go(lit),
        "argument_list" => parent
            .up()
            .is_some_and(|call| goroutine_start(call, src) == Some(lit)),
        _ => false,
    }
}

/// `X.Go(…)`.
fn starts_goroutine_by_method(call: Node<'_>, src: &str) -> bool {
    call.field("function")
        .filter(|f| f.kind_name() == "selector_expression")
        .and_then(|f| f.field("field"))
        .is_some_and(|m| &src[m.byte_range()] == "Go")
}

/// The name a call or goroutine start refers to: `f` for `f`, `m` for `x.m`; `None` for a
/// function of an imported package (`http.Serve`) and for anything else.
fn callee(function: Node<'_>, src: &str, imports: &HashSet<String>) -> Option<String> {
    let name = match function.kind_name() {
        "identifier" => function,
        "selector_expression" => {
            let operand = function.field("operand")?;
            if operand.kind_name() == "identifier" && imports.contains(&src[operand.byte_range()]) {
                return None;
            }
            function.field("field")?
        }
        _ => return None,
    };
    Some(src[name.byte_range()].to_owned())
}

/// The names called anywhere below `body`, closures included.
fn called_names(body: Node<'_>, src: &str, imports: &HashSet<String>) -> HashSet<String> {
    let mut out = HashSet::new();
    static CALLS: Kinds = Kinds::new(&["call_expression"]);
    each_of_kinds(body, &CALLS, |n| {
        if let Some(f) = n.field("function") {
            out.extend(callee(f, src, imports));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{find, parse};
    use super::*;

    fn reachable(files: &[&str]) -> Vec<String> {
        let trees: Vec<_> = files.iter().map(|src| parse(src)).collect();
        let set = goroutine_reachable(
            trees
                .iter()
                .zip(files)
                .map(|(t, src)| (t.root_node(), *src)),
        );
        let mut names: Vec<String> = set.into_iter().collect();
        names.sort();
        names
    }

    #[test]
    fn go_statements_seed_functions_and_methods() {
        let src = "package p\n\nfunc main() {\n\tgo worker(1)\n\tgo s.serve()\n\tsetup()\n}\n\nfunc worker(n int) {}\nfunc (s *S) serve() {}\nfunc setup() {}\n";
        assert_eq!(reachable(&[src]), ["serve", "worker"]);
    }

    #[test]
    fn calls_are_followed_transitively_across_files() {
        let a = "package p\n\nfunc start() {\n\tgo loop()\n}\n\nfunc loop() {\n\tstep()\n}\n";
        let b = "package p\n\nfunc step() {\n\tx.flush()\n}\n\nfunc (x *X) flush() {}\n\nfunc unrelated() {\n\tstep()\n}\n";
        assert_eq!(reachable(&[a, b]), ["flush", "loop", "step"]);
    }

    #[test]
    fn goroutine_literals_seed_what_they_call_but_not_their_arguments() {
        let src = "package p\n\nfunc f() {\n\tgo func(n int) {\n\t\thandle(n)\n\t\tdefer func() { cleanup() }()\n\t}(count())\n}\n";
        assert_eq!(reachable(&[src]), ["cleanup", "handle"]);
    }

    #[test]
    fn group_go_methods_start_goroutines() {
        let src = "package p\n\nfunc f() {\n\twg.Go(func() {\n\t\tfetch()\n\t})\n\tg.Go(run)\n\tm.Do(once)\n}\n";
        assert_eq!(reachable(&[src]), ["fetch", "run"]);
    }

    #[test]
    fn imported_functions_are_not_package_functions() {
        let src = "package p\n\nimport (\n\t\"net/http\"\n\tstrs \"strings\"\n)\n\nfunc f() {\n\tgo http.Serve(l, nil)\n\tgo func() {\n\t\tstrs.Split(a, b)\n\t\tc.Split()\n\t}()\n}\n\nfunc Serve() {}\nfunc Split() {}\n";
        assert_eq!(reachable(&[src]), ["Split"]);
    }

    #[test]
    fn only_main_or_init_callers_are_not_reachable() {
        let src = "package p\n\nfunc init() {\n\tsetup()\n}\n\nfunc main() {\n\tsetup()\n\tgo func() {}()\n}\n\nfunc setup() {}\n";
        assert!(reachable(&[src]).is_empty());
    }

    #[test]
    fn package_vars_and_goroutine_literals() {
        let src = "package p\n\nvar (\n\tdone bool\n\ta, b int\n)\n\nvar c = 1\n\nfunc f() {\n\tvar local bool\n\tgo func() {}()\n\tdefer func() {}()\n\twg.Go(func() {})\n}\n";
        let tree = parse(src);
        let mut reach = GoroutineReach::default();
        reach.add_file(tree.root_node(), src);
        for name in ["done", "a", "b", "c"] {
            assert!(reach.is_package_var(name), "{name}");
        }
        assert!(!reach.is_package_var("local"));
        let first = find(tree.root_node(), src, "func_literal", "func() {}");
        assert!(is_goroutine_literal(first, src));
        let mut lits = Vec::new();
        walk_subtree(tree.root_node(), |n| {
            if n.kind_name() == "func_literal" {
                lits.push(is_goroutine_literal(n, src));
            }
            true
        });
        assert_eq!(lits, [true, false, true]);
    }

    #[test]
    fn direct_runs_stop_after_one_call() {
        let src = "package p\n\nfunc f() {\n\tgo worker()\n\tgo func() {\n\t\thelper()\n\t}()\n\tsetup()\n}\n\nfunc worker() {\n\tstep()\n}\n\nfunc step() {\n\tdeeper()\n}\n\nfunc helper() {\n\tdeepest()\n}\n";
        let tree = parse(src);
        let mut reach = GoroutineReach::default();
        reach.add_file(tree.root_node(), src);
        for name in ["worker", "step", "helper"] {
            assert!(reach.runs_directly(name), "{name}");
        }
        for name in ["deeper", "deepest", "setup", "f"] {
            assert!(!reach.runs_directly(name), "{name}");
        }
        assert!(reach.is_reachable("deeper") && reach.is_reachable("deepest"));
    }

    #[test]
    fn adding_a_file_recomputes_the_set() {
        let a = "package p\n\nfunc f() {\n\tgo g()\n}\n";
        let b = "package p\n\nfunc g() {\n\th()\n}\n";
        let (ta, tb) = (parse(a), parse(b));
        let mut reach = GoroutineReach::default();
        reach.add_file(ta.root_node(), a);
        assert!(reach.is_reachable("g") && !reach.is_reachable("h"));
        reach.add_file(tb.root_node(), b);
        assert!(reach.is_reachable("h"));
    }
}
