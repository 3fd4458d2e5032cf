//! Lock regions: for every `X.Lock()`/`X.RLock()` statement of a function, where the lock is
//! released on each path and which paths leave the function with it still held.
//!
//! The analysis follows structured control flow forward from the Lock until, on each path,
//! the first release of the same receiver, an exit (`return`, `panic`, the end of the body),
//! or something it cannot follow. It proves; it does not guess: a path it cannot follow makes
//! the site `unknown`, which the rules read as "report nothing that needs this path".

use tree_sitter::Node;

use super::flow::{Container, Tail, container, tail};
use super::{MethodCall, has_results, is_function, squeeze, statement_call, walk_subtree};
use crate::syntax::NodeKind;

/// Deeper statement nesting than this is not followed (and the site becomes `unknown`): the
/// walk recurses over statements, and generated code can nest thousands deep.
const MAX_DEPTH: usize = 200;

/// One `X.Lock()` or `X.RLock()` statement and what follows it.
#[derive(Debug)]
pub struct LockSite<'t> {
    pub stmt: Node<'t>,
    pub call: MethodCall<'t>,
    /// The receiver with whitespace removed: releases are matched on it.
    pub receiver: String,
    /// `RLock` rather than `Lock`.
    pub read: bool,
    /// The Lock sits inside a loop body of its own function.
    pub in_loop: bool,
    pub releases: Vec<Release<'t>>,
    pub leaks: Vec<Leak<'t>>,
    /// Some path could not be followed.
    pub unknown: bool,
    /// A `defer` of something else runs while the lock is held: a deferred unlock would then
    /// run before that call instead of after it.
    pub defers_while_held: bool,
}

impl LockSite<'_> {
    /// The method that releases this lock.
    pub fn unlock_method(&self) -> &'static str {
        if self.read { "RUnlock" } else { "Unlock" }
    }

    /// Every path releases explicitly and the function ends right after each release: the
    /// shape in which a deferred unlock behaves the same.
    pub fn releases_only_at_exit(&self) -> bool {
        !self.releases.is_empty()
            && self
                .releases
                .iter()
                .all(|r| matches!(r.kind, ReleaseKind::Explicit(t) if t.ends_function()))
    }
}

/// The first release of the lock on some path.
#[derive(Debug, Clone, Copy)]
pub struct Release<'t> {
    pub stmt: Node<'t>,
    /// The method name node (`Unlock`/`RUnlock`); `None` for a release inside a deferred closure.
    pub method: Option<Node<'t>>,
    pub kind: ReleaseKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseKind {
    /// `X.Unlock()` as a statement, with what runs after it.
    Explicit(Tail),
    /// `defer X.Unlock()`.
    Deferred,
    /// `defer func() { … X.Unlock() … }()`.
    DeferredClosure,
}

/// A path that leaves the function with the lock held.
#[derive(Debug, Clone, Copy)]
pub struct Leak<'t> {
    /// The `return` or `panic` statement; `None` when the path runs off the end of the body.
    pub exit: Option<Node<'t>>,
}

/// All lock sites of one function body, closures excluded (they are functions of their own).
pub fn lock_sites<'t>(func: Node<'t>, src: &str) -> Vec<LockSite<'t>> {
    let Some(body) = func.field("body") else {
        return Vec::new();
    };
    // Every lock call says `Lock`: a body that does not is not walked.
    if !super::mentions(body, src, "Lock") {
        return Vec::new();
    }
    let mut sites = Vec::new();
    walk_subtree(body, |n| {
        if n.kind_name() == "expression_statement"
            && let Some(call) = lock_call(n, src)
        {
            sites.push(analyse(n, call, src, func));
        }
        !is_function(n.kind_name())
    });
    sites
}

/// `X.Lock()` or `X.RLock()` as a statement.
fn lock_call<'t>(stmt: Node<'t>, src: &str) -> Option<MethodCall<'t>> {
    let call = MethodCall::of(statement_call(stmt)?)?;
    let method = &src[call.method.byte_range()];
    (call.has_no_arguments() && (method == "Lock" || method == "RLock")).then_some(call)
}

/// If `call` is `receiver.M()` with no arguments, the method name.
pub fn method_on<'s>(call: Node<'_>, receiver: &str, src: &'s str) -> Option<&'s str> {
    let m = MethodCall::of(call)?;
    (m.has_no_arguments() && squeeze(&src[m.receiver.byte_range()]) == receiver)
        .then(|| &src[m.method.byte_range()])
}

pub fn is_release_method(method: &str) -> bool {
    method == "Unlock" || method == "RUnlock"
}

pub fn is_acquire_method(method: &str) -> bool {
    method == "Lock" || method == "RLock"
}

fn analyse<'t>(stmt: Node<'t>, call: MethodCall<'t>, src: &str, func: Node<'t>) -> LockSite<'t> {
    let receiver = squeeze(&src[call.receiver.byte_range()]);
    let mut walker = Walker {
        src,
        root: root_identifier(&receiver).to_owned(),
        receiver: receiver.clone(),
        func,
        releases: Vec::new(),
        leaks: Vec::new(),
        unknown: false,
        targets: Vec::new(),
        escaping_break: None,
        escaping_continue: false,
        defers_while_held: false,
        depth: 0,
    };
    walker.run_from(stmt);
    LockSite {
        stmt,
        read: &src[call.method.byte_range()] == "RLock",
        call,
        receiver,
        in_loop: inside_loop(stmt, func),
        releases: walker.releases,
        leaks: walker.leaks,
        unknown: walker.unknown,
        defers_while_held: walker.defers_while_held,
    }
}

/// `c` for `c.mu`, `s` for `s.state.mu`, `mu` for `mu`.
fn root_identifier(receiver: &str) -> &str {
    let end = receiver
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(receiver.len());
    &receiver[..end]
}

/// Whether `node` sits in a `for` body of `func` (not counting loops outside a closure).
pub fn inside_loop(node: Node<'_>, func: Node<'_>) -> bool {
    let mut cur = node.up();
    while let Some(n) = cur {
        if n == func || is_function(n.kind_name()) {
            return false;
        }
        if n.kind_name() == "for_statement" {
            return true;
        }
        cur = n.up();
    }
    false
}

/// What a path carries while the lock is held.
#[derive(Debug, Clone, Copy, Default)]
struct PathState {
    /// The path skipped a branch that released the lock and carried on: the branches may be
    /// correlated (`if x { mu.Lock() }` … `if x { mu.Unlock() }`), so a leak on it is no proof.
    tainted: bool,
}

fn merge(a: Option<PathState>, b: Option<PathState>) -> Option<PathState> {
    match (a, b) {
        (Some(x), Some(y)) => Some(PathState {
            tainted: x.tainted || y.tainted,
        }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Where `break` and `continue` inside the walked region go.
struct Target {
    is_loop: bool,
    breaks: Option<PathState>,
    continues: Option<PathState>,
}

struct Walker<'s, 't> {
    src: &'s str,
    receiver: String,
    root: String,
    func: Node<'t>,
    releases: Vec<Release<'t>>,
    leaks: Vec<Leak<'t>>,
    unknown: bool,
    targets: Vec<Target>,
    /// Paths that left the walked region by an unlabelled `break`/`continue`.
    escaping_break: Option<PathState>,
    escaping_continue: bool,
    defers_while_held: bool,
    depth: usize,
}

impl<'t> Walker<'_, 't> {
    /// Follow the paths from the Lock statement: the rest of its statement list, then outward
    /// through the enclosing constructs until every path has ended.
    fn run_from(&mut self, lock: Node<'t>) {
        let mut cur = lock;
        let mut falls = Some(PathState::default());
        loop {
            if let Some(state) = falls {
                falls = self.run_list(following(cur), state);
            }
            let pending_break = self.escaping_break.take();
            let pending_continue = std::mem::take(&mut self.escaping_continue);
            if falls.is_none() && pending_break.is_none() && !pending_continue {
                return;
            }
            match container(cur) {
                Some(Container::FunctionBody(_)) => {
                    if let Some(state) = falls {
                        self.leave_function(None, state);
                    }
                    return;
                }
                Some(Container::LoopBody(for_stmt)) => {
                    // Going round again would take the lock a second time: not followed.
                    if falls.is_some() || pending_continue {
                        self.unknown = true;
                    }
                    falls = pending_break;
                    cur = for_stmt;
                }
                Some(Container::Case(construct)) => {
                    falls = merge(falls, pending_break);
                    self.escaping_continue = pending_continue;
                    cur = construct;
                }
                Some(Container::Transparent(construct)) => {
                    self.escaping_break = pending_break;
                    self.escaping_continue = pending_continue;
                    cur = construct;
                }
                None => {
                    self.unknown = true;
                    return;
                }
            }
        }
    }

    /// A path reached a `return` (`exit`) or the end of the body with the lock held.
    fn leave_function(&mut self, exit: Option<Node<'t>>, state: PathState) {
        let falls_off_end = exit.is_none() && has_results(self.func);
        if state.tainted || falls_off_end {
            self.unknown = true;
        } else {
            self.leaks.push(Leak { exit });
        }
    }

    fn run_list(
        &mut self,
        stmts: impl IntoIterator<Item = Node<'t>>,
        mut state: PathState,
    ) -> Option<PathState> {
        for stmt in stmts {
            state = self.run_statement(stmt, state)?;
        }
        Some(state)
    }

    fn run_block(&mut self, block: Node<'t>, state: PathState) -> Option<PathState> {
        self.run_list(super::statements(block), state)
    }

    /// Run one statement with the lock held; `None` when no path continues after it.
    fn run_statement(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        if self.depth > MAX_DEPTH {
            self.unknown = true;
            return None;
        }
        self.depth += 1;
        let out = self.run_statement_inner(stmt, state);
        self.depth -= 1;
        out
    }

    fn run_statement_inner(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        match stmt.kind_name() {
            "expression_statement" => self.run_expression_statement(stmt, state),
            "defer_statement" => self.run_defer(stmt, state),
            "return_statement" => {
                if self.may_release(stmt) {
                    self.unknown = true;
                } else {
                    self.leave_function(Some(stmt), state);
                }
                None
            }
            "if_statement" => self.run_if(stmt, state),
            "block" => self.run_block(stmt, state),
            "for_statement" => self.run_for(stmt, state),
            "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
                self.run_switch(stmt, state)
            }
            "labeled_statement" => {
                let inner = stmt
                    .named_children(&mut stmt.walk())
                    .find(|c| c.kind_name() != "label_name")?;
                self.run_statement(inner, state)
            }
            "break_statement" => {
                if stmt.named_child_count() > 0 {
                    // `break L`: not followed.
                    self.unknown = true;
                } else if let Some(target) = self.targets.last_mut() {
                    target.breaks = merge(target.breaks, Some(state));
                } else {
                    self.escaping_break = merge(self.escaping_break, Some(state));
                }
                None
            }
            "continue_statement" => {
                if stmt.named_child_count() > 0 {
                    self.unknown = true;
                } else if let Some(target) = self.targets.iter_mut().rev().find(|t| t.is_loop) {
                    target.continues = merge(target.continues, Some(state));
                } else {
                    self.escaping_continue = true;
                }
                None
            }
            "goto_statement" | "fallthrough_statement" => {
                self.unknown = true;
                None
            }
            _ => {
                if self.may_release(stmt) || self.rebinds_root(stmt) {
                    self.unknown = true;
                    return None;
                }
                Some(state)
            }
        }
    }

    fn run_expression_statement(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        if let Some(call) = statement_call(stmt) {
            if let Some(method) = method_on(call, &self.receiver, self.src) {
                if is_release_method(method) {
                    self.releases.push(Release {
                        stmt,
                        method: MethodCall::of(call).map(|m| m.method),
                        kind: ReleaseKind::Explicit(tail(stmt)),
                    });
                    return None;
                }
                if is_acquire_method(method) {
                    // Locked twice on one path: a different bug, not followed.
                    self.unknown = true;
                    return None;
                }
            }
            match callee_name(call, self.src) {
                Some("panic" | "log.Panic" | "log.Panicf" | "log.Panicln") => {
                    self.leave_function(Some(stmt), state);
                    return None;
                }
                Some(name) if ends_process(name) => return None,
                _ => {}
            }
        }
        if self.may_release(stmt) {
            self.unknown = true;
            return None;
        }
        Some(state)
    }

    fn run_defer(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        let call = statement_call(stmt);
        if let Some(method) = call.and_then(|c| method_on(c, &self.receiver, self.src)) {
            if is_release_method(method) {
                self.releases.push(Release {
                    stmt,
                    method: call.and_then(MethodCall::of).map(|m| m.method),
                    kind: ReleaseKind::Deferred,
                });
            } else {
                // `defer X.Lock()` is GF104's to report; the path is not followed further.
                self.unknown = true;
            }
            return None;
        }
        if self.releases_receiver(stmt) {
            self.releases.push(Release {
                stmt,
                method: None,
                kind: ReleaseKind::DeferredClosure,
            });
            return None;
        }
        if self.may_release(stmt) {
            self.unknown = true;
            return None;
        }
        self.defers_while_held = true;
        Some(state)
    }

    fn run_if(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        for field in ["initializer", "condition"] {
            if let Some(header) = stmt.field(field)
                && (self.may_release(header) || self.rebinds_root(header))
            {
                self.unknown = true;
                return None;
            }
        }
        let consequence = stmt.field("consequence")?;
        let alternative = stmt.field("alternative");
        let then_out = self.run_block(consequence, state);
        let else_out = match alternative {
            Some(alt) if alt.kind_name() == "block" => self.run_block(alt, state),
            Some(alt) => self.run_statement(alt, state),
            None => Some(state),
        };
        let then_continues = self.releases_and_continues(consequence);
        let else_continues = alternative.is_some_and(|a| self.releases_and_continues(a));
        let mut out = merge(then_out, else_out)?;
        out.tainted |= then_continues != else_continues;
        Some(out)
    }

    fn run_for(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        let mut cursor = stmt.walk();
        let header = stmt
            .named_children(&mut cursor)
            .find(|c| c.kind_name() != "block" && c.kind_name() != "comment");
        if let Some(header) = header
            && (self.may_release(header) || self.rebinds_root(header))
        {
            self.unknown = true;
            return None;
        }
        let body = stmt.field("body")?;
        self.targets.push(Target {
            is_loop: true,
            breaks: None,
            continues: None,
        });
        let end_of_body = self.run_block(body, state);
        let target = self.targets.pop()?;
        // A `for` with no condition, clause or range only ends through `break`.
        let exits_normally = if header.is_none() {
            None
        } else {
            merge(Some(state), merge(end_of_body, target.continues))
        };
        merge(exits_normally, target.breaks)
    }

    fn run_switch(&mut self, stmt: Node<'t>, state: PathState) -> Option<PathState> {
        let mut cursor = stmt.walk();
        let children: Vec<Node<'t>> = stmt.named_children(&mut cursor).collect();
        let mut out = None;
        let mut has_default = false;
        self.targets.push(Target {
            is_loop: false,
            breaks: None,
            continues: None,
        });
        for child in children {
            match child.kind_name() {
                "expression_case" | "type_case" | "communication_case" | "default_case" => {
                    has_default |= child.kind_name() == "default_case";
                    if let Some(comm) = child.field("communication")
                        && self.may_release(comm)
                    {
                        self.unknown = true;
                        continue;
                    }
                    out = merge(out, self.run_list(super::statements(child), state));
                }
                "comment" => {}
                _ => {
                    if self.may_release(child) || self.rebinds_root(child) {
                        self.unknown = true;
                        self.targets.pop();
                        return None;
                    }
                }
            }
        }
        let target = self.targets.pop()?;
        // A switch with no matching case runs none; a select always runs one.
        if !has_default && stmt.kind_name() != "select_statement" {
            out = merge(out, Some(state));
        }
        merge(out, target.breaks)
    }

    /// A statement that might release the lock in a way this analysis does not follow: it
    /// mentions a name containing "unlock" (a helper such as `c.unlockAndNotify()`, a method
    /// value `c.mu.Unlock`, a closure that unlocks) or hands the lock itself to a call.
    fn may_release(&self, node: Node<'t>) -> bool {
        let mut found = false;
        walk_subtree(node, |n| {
            match n.kind_name() {
                "identifier" | "field_identifier" => {
                    found |= self.src[n.byte_range()]
                        .to_ascii_lowercase()
                        .contains("unlock");
                }
                "argument_list" => {
                    let mut cursor = n.walk();
                    found |= n.named_children(&mut cursor).any(|arg| {
                        let text = squeeze(&self.src[arg.byte_range()]);
                        text == self.receiver
                            || text.strip_prefix('&') == Some(self.receiver.as_str())
                    });
                }
                _ => {}
            }
            !found
        });
        found
    }

    /// An assignment or declaration that rebinds the receiver's root variable, after which
    /// `X` no longer names the same lock.
    fn rebinds_root(&self, node: Node<'t>) -> bool {
        let mut names = Vec::new();
        match node.kind_name() {
            "assignment_statement" | "short_var_declaration" => {
                if let Some(left) = node.field("left") {
                    names.extend(left.named_children(&mut left.walk()));
                }
            }
            "var_declaration" => walk_subtree(node, |n| {
                if n.kind_name() == "var_spec" {
                    names.extend(n.children_by_field_name("name", &mut n.walk()));
                }
                true
            }),
            _ => return false,
        }
        names
            .iter()
            .any(|n| n.kind_name() == "identifier" && self.src[n.byte_range()] == *self.root)
    }

    /// A branch that releases the lock and then carries on past its end (rather than
    /// returning, breaking or continuing): taking the other branch skips that release.
    fn releases_and_continues(&self, branch: Node<'t>) -> bool {
        let ends_in_jump = super::statements(branch).last().is_some_and(|last| {
            matches!(
                last.kind_name(),
                "return_statement" | "break_statement" | "continue_statement" | "goto_statement"
            ) || statement_call(*last)
                .and_then(|c| callee_name(c, self.src))
                .is_some_and(|name| name == "panic")
        });
        if ends_in_jump {
            return false;
        }
        let mut found = false;
        walk_subtree(branch, |n| {
            if n.kind_name() == "expression_statement"
                && let Some(call) = statement_call(n)
                && method_on(call, &self.receiver, self.src).is_some_and(is_release_method)
            {
                found = true;
            }
            !found && !is_function(n.kind_name())
        });
        found
    }

    /// A deferred statement whose closure releases the lock.
    fn releases_receiver(&self, stmt: Node<'t>) -> bool {
        let mut found = false;
        walk_subtree(stmt, |n| {
            if n.kind_name() == "call_expression"
                && method_on(n, &self.receiver, self.src).is_some_and(is_release_method)
            {
                found = true;
            }
            !found
        });
        found
    }
}

/// The statements after `stmt` in its statement list.
fn following(stmt: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut next = super::next_statement(stmt);
    while let Some(n) = next {
        out.push(n);
        next = super::next_statement(n);
    }
    out
}

/// `f`, `pkg.F` or `x.y.M` for a call's function, when it is a plain name or selector chain.
pub fn callee_name<'s>(call: Node<'_>, src: &'s str) -> Option<&'s str> {
    let function = call.field("function")?;
    matches!(function.kind_name(), "identifier" | "selector_expression")
        .then(|| &src[function.byte_range()])
}

/// Calls after which the goroutine or process does not go on: no leak is reported there.
fn ends_process(name: &str) -> bool {
    matches!(
        name,
        "os.Exit" | "log.Fatal" | "log.Fatalf" | "log.Fatalln" | "runtime.Goexit"
    ) || name.rsplit_once('.').is_some_and(|(recv, m)| {
        (recv == "t" || recv == "b" || recv == "f" || recv == "tb")
            && matches!(
                m,
                "Fatal" | "Fatalf" | "FailNow" | "Skip" | "Skipf" | "SkipNow"
            )
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{find, parse};
    use super::*;

    fn sites(src: &str) -> (tree_sitter::Tree, String) {
        (parse(src), src.to_owned())
    }

    fn with_site(body: &str, check: impl FnOnce(&LockSite<'_>, &str)) {
        let src = format!("package p\n\nfunc (c *C) f() error {{\n{body}\n}}\n");
        let (tree, src) = sites(&src);
        let func = find(tree.root_node(), &src, "method_declaration", "func");
        let all = lock_sites(func, &src);
        assert_eq!(all.len(), 1, "expected one lock site");
        check(&all[0], &src);
    }

    #[test]
    fn early_return_leaks() {
        with_site(
            "\tc.mu.Lock()\n\tif c.closed {\n\t\treturn errClosed\n\t}\n\tc.n++\n\tc.mu.Unlock()\n\treturn nil",
            |site, src| {
                assert!(!site.unknown);
                assert_eq!(site.leaks.len(), 1);
                let exit = site.leaks[0].exit.unwrap();
                assert_eq!(&src[exit.byte_range()], "return errClosed");
                assert_eq!(site.releases.len(), 1);
                assert_eq!(
                    site.releases[0].kind,
                    ReleaseKind::Explicit(Tail::Return { calls: false })
                );
            },
        );
    }

    #[test]
    fn unlock_on_every_return() {
        with_site(
            "\tc.mu.Lock()\n\tif c.closed {\n\t\tc.mu.Unlock()\n\t\treturn errClosed\n\t}\n\tc.n++\n\tc.mu.Unlock()\n\treturn nil",
            |site, _| {
                assert!(!site.unknown);
                assert!(site.leaks.is_empty());
                assert!(site.releases_only_at_exit());
                assert_eq!(site.releases.len(), 2);
            },
        );
    }

    #[test]
    fn work_after_unlock_is_not_trailing() {
        with_site(
            "\tc.mu.RLock()\n\tn := len(c.m)\n\tc.mu.RUnlock()\n\tc.stop(n)\n\treturn nil",
            |site, _| {
                assert!(site.read);
                assert!(site.leaks.is_empty());
                assert!(!site.releases_only_at_exit());
            },
        );
    }

    #[test]
    fn deferred_release() {
        with_site(
            "\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\treturn nil",
            |site, _| {
                assert_eq!(site.releases[0].kind, ReleaseKind::Deferred);
                assert!(site.leaks.is_empty());
            },
        );
        with_site(
            "\tc.mu.Lock()\n\tdefer func() {\n\t\tc.mu.Unlock()\n\t}()\n\treturn nil",
            |site, _| assert_eq!(site.releases[0].kind, ReleaseKind::DeferredClosure),
        );
    }

    #[test]
    fn correlated_conditions_are_not_a_proof() {
        with_site(
            "\tif x {\n\t\tc.mu.Lock()\n\t}\n\tc.n++\n\tif x {\n\t\tc.mu.Unlock()\n\t}\n\treturn nil",
            |site, _| {
                assert!(site.leaks.is_empty());
                assert!(site.unknown);
            },
        );
    }

    #[test]
    fn helper_that_unlocks_stops_the_path() {
        with_site(
            "\tc.mu.Lock()\n\tif x {\n\t\tc.unlockAndNotify()\n\t\treturn nil\n\t}\n\tc.mu.Unlock()\n\treturn nil",
            |site, _| {
                assert!(site.leaks.is_empty());
                assert!(site.unknown);
            },
        );
    }

    #[test]
    fn loop_pair_goes_round() {
        with_site(
            "\tfor _, k := range ks {\n\t\tc.mu.Lock()\n\t\tc.m[k]++\n\t\tc.mu.Unlock()\n\t}\n\treturn nil",
            |site, _| {
                assert!(site.in_loop);
                assert_eq!(site.releases[0].kind, ReleaseKind::Explicit(Tail::Other));
            },
        );
    }

    #[test]
    fn break_out_of_loop_while_held_then_return_leaks() {
        with_site(
            "\tfor {\n\t\tc.mu.Lock()\n\t\tif c.done {\n\t\t\tbreak\n\t\t}\n\t\tc.mu.Unlock()\n\t}\n\treturn nil",
            |site, _| {
                assert_eq!(site.leaks.len(), 1);
                // Going round again with the lock released is fine; the unlock is not trailing.
                assert_eq!(site.releases[0].kind, ReleaseKind::Explicit(Tail::Other));
            },
        );
    }

    #[test]
    fn switch_case_leak_and_release() {
        with_site(
            "\tc.mu.Lock()\n\tswitch c.state {\n\tcase 1:\n\t\treturn errBusy\n\tcase 2:\n\t\tc.mu.Unlock()\n\t\treturn nil\n\t}\n\tc.mu.Unlock()\n\treturn nil",
            |site, _| {
                assert_eq!(site.leaks.len(), 1);
                assert_eq!(site.releases.len(), 2);
            },
        );
    }

    #[test]
    fn lock_in_closure_belongs_to_closure() {
        let src =
            "package p\n\nfunc f() {\n\tgo func() {\n\t\tmu.Lock()\n\t\tmu.Unlock()\n\t}()\n}\n";
        let tree = parse(src);
        let outer = find(tree.root_node(), src, "function_declaration", "func f");
        assert!(lock_sites(outer, src).is_empty());
        let inner = find(tree.root_node(), src, "func_literal", "func()");
        let sites = lock_sites(inner, src);
        assert_eq!(sites.len(), 1);
        assert_eq!(
            sites[0].releases[0].kind,
            ReleaseKind::Explicit(Tail::FunctionEnd)
        );
    }

    #[test]
    fn panic_with_lock_held_leaks() {
        with_site(
            "\tc.mu.Lock()\n\tif c.n < 0 {\n\t\tpanic(\"negative\")\n\t}\n\tc.mu.Unlock()\n\treturn nil",
            |site, src| {
                let exit = site.leaks[0].exit.unwrap();
                assert!(src[exit.byte_range()].starts_with("panic"));
            },
        );
    }

    #[test]
    fn fatal_ends_the_path_silently() {
        with_site(
            "\tc.mu.Lock()\n\tif c.n < 0 {\n\t\tlog.Fatal(\"negative\")\n\t}\n\tc.mu.Unlock()\n\treturn nil",
            |site, _| assert!(site.leaks.is_empty() && !site.unknown),
        );
    }

    #[test]
    fn rebinding_the_root_is_not_followed() {
        with_site(
            "\tc.mu.Lock()\n\tc = other\n\tc.mu.Unlock()\n\treturn nil",
            |site, _| assert!(site.unknown),
        );
    }
}
