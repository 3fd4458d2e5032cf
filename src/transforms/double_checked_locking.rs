use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::discover::GoVersion;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::reach::is_goroutine_literal;
use crate::syntax::{MethodCall, is_function, squeeze, statement_call, statements, walk_subtree};

use super::lines::StatementLine;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds double-checked locking, `if v == nil { mu.Lock(); if v == nil { v = … };
    /// mu.Unlock() }` (and the flag form `if !c.ready { … c.ready = true … }`), and the
    /// unsynchronised check-then-set `if !done { done = true; … }` of a package-level variable
    /// in code that goroutines run.
    ///
    /// ## Why is this bad?
    /// The outer check reads the variable without the lock while another goroutine writes it
    /// under the lock: a data race. The Go memory model gives no guarantee that a reader which
    /// sees the pointer set also sees the fields written before it, so it can use a half-built
    /// value. The check-then-set without any lock is worse: two goroutines can both see the
    /// flag unset and both run the "one-time" work. `sync.Once` does the same job correctly,
    /// and `sync.OnceValue`/`sync.OnceFunc` (Go 1.21+) more briefly.
    ///
    /// ## Example
    /// ```go
    /// func (c *Client) conn() *Conn {
    ///     if c.c == nil {
    ///         c.mu.Lock()
    ///         defer c.mu.Unlock()
    ///         if c.c == nil {
    ///             c.c = dial()
    ///         }
    ///     }
    ///     return c.c
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (c *Client) conn() *Conn {
    ///     c.once.Do(func() {
    ///         c.c = dial()
    ///     })
    ///     return c.c
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Display only: the suggestion needs a `sync.Once` field or variable named `once` that it
    /// does not declare, and `sync.Once` never retries, where a mutex and flag can retry after
    /// a failed initialisation. It is not shown when the guarded block returns or jumps out,
    /// holds other statements than the lock, the unlock and the inner check, or is not laid out
    /// one statement per line.
    ///
    /// ## Known problems
    /// Names only, no types: an atomic read through a plain-looking field is not recognised
    /// (`atomic.Pointer.Load()` calls are, and stay silent). The check-then-set is reported
    /// only for package-level variables in functions a `go` statement (or `X.Go(…)`) of the
    /// package reaches by name; functions run as goroutines by other packages, or through
    /// function values, are not seen. The early-return form (`if v != nil { return v }` before
    /// the lock) and per-key caches (`if m[k] == nil`) are not reported. Code in a function
    /// named `…Locked`, or after a `Lock()` (or the runtime's `lock(&l)`) earlier in an
    /// enclosing block, is taken to hold the lock.
    ///
    /// ## References
    /// - Checklist item 8, "Use sync.Once for One-Time Initialization"
    /// - <https://pkg.go.dev/sync#Once>
    /// - <https://pkg.go.dev/sync#OnceValue>
    /// - <https://go.dev/ref/mem> ("Incorrect synchronization")
    pub struct DoubleCheckedLocking {
        code: "GF130",
        name: "double-checked-locking",
        item: 8,
        severity: Medium,
        fix: DisplayOnly,
    }
}

/// Go 1.21: `sync.OnceFunc`, `sync.OnceValue` and `sync.OnceValues`.
const ONCE_FUNCS: GoVersion = GoVersion { minor: 21 };

pub fn check<'a>(if_stmt: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // Cheap filters first: the condition tests a plain variable or field for nil or false,
    // and the `if` has one of the two shapes.
    let Some(test) = Test::of(if_stmt, src) else {
        return;
    };
    let root = root_identifier(test.subject);
    let double_check = DoubleCheck::of(if_stmt, &test, src);
    if double_check.is_none() && !sets_package_flag(if_stmt, &test, root, checker) {
        return;
    }
    // Code that holds a lock, runs inside `once.Do`, or sits in a `…Locked` helper is
    // synchronised already.
    if synchronised(if_stmt, src) {
        return;
    }
    // A local variable is not shared (unless captured, which names alone cannot tell); a
    // field of a local or parameter may be, but not a package flag shadowed by a local.
    let local_root = declared_locally(root, if_stmt, src);
    match double_check {
        Some(dcl) => {
            if !(local_root && test.subject.kind_name() == "identifier") {
                report_double_check(if_stmt, &test, &dcl, checker);
            }
        }
        None => {
            if !local_root {
                report_check_then_set(if_stmt, &test, checker);
            }
        }
    }
}

/// `if v == nil`, `if nil == v`, `if !v`, `if v == false` on an identifier or field chain.
struct Test<'t> {
    condition: Node<'t>,
    subject: Node<'t>,
    /// The subject as written, whitespace removed.
    text: String,
    /// A boolean flag rather than a nil check.
    flag: bool,
}

impl<'t> Test<'t> {
    fn of(if_stmt: Node<'t>, src: &str) -> Option<Self> {
        if if_stmt.field("initializer").is_some() {
            return None;
        }
        let condition = if_stmt.field("condition")?;
        let (subject, flag) = match condition.kind_name() {
            "unary_expression" => {
                let op = condition.field("operator")?;
                if &src[op.byte_range()] != "!" {
                    return None;
                }
                (condition.field("operand")?, true)
            }
            "binary_expression" => {
                let op = condition.field("operator")?;
                if &src[op.byte_range()] != "==" {
                    return None;
                }
                let left = condition.field("left")?;
                let right = condition.field("right")?;
                match (left.kind_name(), right.kind_name()) {
                    (_, "nil") => (left, false),
                    ("nil", _) => (right, false),
                    (_, "false") => (left, true),
                    ("false", _) => (right, true),
                    _ => return None,
                }
            }
            _ => return None,
        };
        if !is_plain(subject) {
            return None;
        }
        Some(Self {
            condition,
            subject,
            text: squeeze(&src[subject.byte_range()]),
            flag,
        })
    }
}

/// An identifier, or a selector chain on one (`c.cfg.ready`).
fn is_plain(mut node: Node<'_>) -> bool {
    loop {
        match node.kind_name() {
            "identifier" => return true,
            "selector_expression" => match node.field("operand") {
                Some(operand) => node = operand,
                None => return false,
            },
            _ => return false,
        }
    }
}

/// `c` for `c.cfg.ready`, `done` for `done`.
fn root_identifier(mut node: Node<'_>) -> Node<'_> {
    while node.kind_name() == "selector_expression" {
        match node.field("operand") {
            Some(operand) => node = operand,
            None => break,
        }
    }
    node
}

/// The outer `if` holds `M.Lock()`, then (before any `M.Unlock()`) an inner `if` with the
/// same condition whose body assigns the subject.
struct DoubleCheck<'t> {
    lock_receiver: String,
    inner: Node<'t>,
    /// The outer body holds nothing but the Lock, a (deferred) Unlock and the inner `if`.
    only_locking: bool,
}

impl<'t> DoubleCheck<'t> {
    fn of(outer: Node<'t>, test: &Test<'t>, src: &str) -> Option<Self> {
        let body = outer.field("consequence")?;
        let stmts = statements(body);
        let lock_at = stmts
            .iter()
            .position(|s| lock_method(*s, src).is_some_and(|(_, m)| m == "Lock"))?;
        let (receiver, _) = lock_method(stmts[lock_at], src)?;
        let condition = squeeze(&src[test.condition.byte_range()]);
        let mut inner = None;
        for stmt in &stmts[lock_at + 1..] {
            if releases(*stmt, &receiver, src, false) {
                break;
            }
            if stmt.kind_name() == "if_statement"
                && stmt.field("initializer").is_none()
                && stmt
                    .field("condition")
                    .is_some_and(|c| squeeze(&src[c.byte_range()]) == condition)
                && stmt
                    .field("consequence")
                    .is_some_and(|b| assigns(b, &test.text, src))
            {
                inner = Some(*stmt);
                break;
            }
        }
        let inner = inner?;
        let only_locking = stmts
            .iter()
            .all(|s| *s == stmts[lock_at] || *s == inner || releases(*s, &receiver, src, true));
        Some(Self {
            lock_receiver: receiver,
            inner,
            only_locking,
        })
    }
}

/// `X.Lock()` or `X.RLock()` as a statement: the receiver (whitespace removed) and method.
/// The runtime's `lock(&X)` counts as `X.Lock()`.
fn lock_method<'s>(stmt: Node<'_>, src: &'s str) -> Option<(String, &'s str)> {
    if stmt.kind_name() != "expression_statement" {
        return None;
    }
    if let Some(receiver) = runtime_lock_call(stmt, "lock", src) {
        return Some((receiver, "Lock"));
    }
    let call = MethodCall::of(statement_call(stmt)?)?;
    let method = &src[call.method.byte_range()];
    (call.has_no_arguments() && matches!(method, "Lock" | "RLock"))
        .then(|| (squeeze(&src[call.receiver.byte_range()]), method))
}

/// `name(&X)` as a statement (the runtime's `lock`/`unlock`): `X`, whitespace removed.
fn runtime_lock_call(stmt: Node<'_>, name: &str, src: &str) -> Option<String> {
    let call = statement_call(stmt)?;
    let function = call.field("function")?;
    let args = call.field("arguments")?;
    if function.kind_name() != "identifier" || &src[function.byte_range()] != name {
        return None;
    }
    let arg = args
        .named_child(0)
        .filter(|_| args.named_child_count() == 1)?;
    squeeze(&src[arg.byte_range()])
        .strip_prefix('&')
        .map(str::to_owned)
}

/// `receiver.Unlock()` (or `RUnlock`) as a statement; with `deferred`, also as a `defer`.
/// The runtime's `unlock(&receiver)` counts too.
fn releases(stmt: Node<'_>, receiver: &str, src: &str, deferred: bool) -> bool {
    if !(stmt.kind_name() == "expression_statement"
        || deferred && stmt.kind_name() == "defer_statement")
    {
        return false;
    }
    if runtime_lock_call(stmt, "unlock", src).is_some_and(|r| r == receiver) {
        return true;
    }
    statement_call(stmt)
        .and_then(MethodCall::of)
        .is_some_and(|call| {
            call.has_no_arguments()
                && matches!(&src[call.method.byte_range()], "Unlock" | "RUnlock")
                && squeeze(&src[call.receiver.byte_range()]) == receiver
        })
}

/// Whether a block assigns `subject` (`subject = …`, `subject, err = …`), closures excluded.
fn assigns(block: Node<'_>, subject: &str, src: &str) -> bool {
    let mut found = false;
    walk_subtree(block, |n| {
        if n.kind_name() == "assignment_statement"
            && n.field("operator")
                .is_some_and(|op| &src[op.byte_range()] == "=")
            && let Some(left) = n.field("left")
        {
            found |= left
                .named_children(&mut left.walk())
                .any(|e| squeeze(&src[e.byte_range()]) == subject);
        }
        !found && !is_function(n.kind_name())
    });
    found
}

/// Whether the code at `stmt` runs synchronised: after an unreleased `Lock()`/`RLock()`
/// earlier in an enclosing block of its function, inside a literal passed to `X.Do` or
/// `sync.OnceFunc`/`OnceValue`/`OnceValues`, or in a function named `…Locked`.
fn synchronised(stmt: Node<'_>, src: &str) -> bool {
    let mut in_own_function = true;
    let mut cur = stmt;
    while let Some(parent) = cur.up() {
        if in_own_function && parent.kind_name() == "statement_list" && lock_held_before(cur, src) {
            return true;
        }
        match parent.kind_name() {
            "func_literal" => {
                if runs_once(parent, src) {
                    return true;
                }
                in_own_function = false;
            }
            "function_declaration" | "method_declaration" => {
                return parent
                    .field("name")
                    .is_some_and(|n| src[n.byte_range()].to_ascii_lowercase().ends_with("locked"));
            }
            _ => {}
        }
        cur = parent;
    }
    false
}

/// Whether a statement list locks something before `stmt` and does not unlock it again.
fn lock_held_before(stmt: Node<'_>, src: &str) -> bool {
    let mut held: Vec<String> = Vec::new();
    let mut prev = stmt.prev_named_sibling();
    let mut before = Vec::new();
    while let Some(p) = prev {
        before.push(p);
        prev = p.prev_named_sibling();
    }
    for s in before.into_iter().rev() {
        if let Some((receiver, _)) = lock_method(s, src) {
            held.push(receiver);
        } else if let Some(i) = held.iter().position(|r| releases(s, r, src, false)) {
            held.remove(i);
        }
    }
    !held.is_empty()
}

/// A func literal handed to `X.Do(…)` or `sync.OnceFunc`/`OnceValue`/`OnceValues`.
fn runs_once(lit: Node<'_>, src: &str) -> bool {
    let Some(call) = lit
        .up()
        .filter(|p| p.kind_name() == "argument_list")
        .and_then(|a| a.up())
    else {
        return false;
    };
    let Some(function) = call.field("function") else {
        return false;
    };
    let name = match function.kind_name() {
        "selector_expression" => function.field("field"),
        "identifier" => Some(function),
        _ => None,
    };
    name.is_some_and(|n| {
        matches!(
            &src[n.byte_range()],
            "Do" | "OnceFunc" | "OnceValue" | "OnceValues"
        )
    })
}

/// Whether `name` (an identifier node) is declared in the function around `at`, or in a
/// function enclosing that one: then it is a local, not package state.
fn declared_locally(name: Node<'_>, at: Node<'_>, src: &str) -> bool {
    if name.kind_name() != "identifier" {
        return false;
    }
    let name = &src[name.byte_range()];
    // The outermost function: closures see its locals too.
    let mut outermost = None;
    let mut cur = at.up();
    while let Some(n) = cur {
        if is_function(n.kind_name()) {
            outermost = Some(n);
        }
        cur = n.up();
    }
    let Some(func) = outermost else {
        return false;
    };
    let mut found = false;
    walk_subtree(func, |n| {
        let binds: Vec<Node<'_>> = match n.kind_name() {
            "parameter_declaration"
            | "variadic_parameter_declaration"
            | "var_spec"
            | "const_spec" => n.children_by_field_name("name", &mut n.walk()).collect(),
            "short_var_declaration" | "range_clause" | "receive_statement" => n
                .field("left")
                .map(|l| l.named_children(&mut l.walk()).collect())
                .unwrap_or_default(),
            "type_switch_statement" => n
                .field("alias")
                .map(|l| l.named_children(&mut l.walk()).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        found |= binds
            .iter()
            .any(|b| b.kind_name() == "identifier" && &src[b.byte_range()] == name);
        !found
    });
    found
}

fn report_double_check<'a>(
    outer: Node<'a>,
    test: &Test<'a>,
    dcl: &DoubleCheck<'a>,
    checker: &mut Checker<'a>,
) {
    let src = checker.text();
    let subject = &src[test.subject.byte_range()];
    let message = format!(
        "Double-checked locking: `{subject}` is read without `{}` held while another goroutine may write it under the lock",
        dcl.lock_receiver
    );
    let fix = dcl
        .only_locking
        .then(|| double_check_fix(outer, test, dcl, checker))
        .flatten();
    checker.report(
        Diagnostic::new(&DoubleCheckedLocking::RULE, header(outer, test), message).with_fix(fix),
    );
}

/// Where the finding points: `if <condition>`.
fn header(if_stmt: Node<'_>, test: &Test<'_>) -> TextRange {
    TextRange::new(if_stmt.start_byte(), test.condition.end_byte())
}

/// The `once` to use: `c.once` next to a field `c.v`, `once` for a variable.
fn once_name(test: &Test<'_>, src: &str) -> (String, &'static str) {
    match test.subject.field("operand") {
        Some(operand) if test.subject.kind_name() == "selector_expression" => (
            format!("{}.once", squeeze(&src[operand.byte_range()])),
            "field",
        ),
        _ => ("once".to_owned(), "variable"),
    }
}

// Before:                              After (display only):
//     if c.v == nil {                      c.once.Do(func() {
//         c.mu.Lock()                          c.v = build()
//         defer c.mu.Unlock()              })
//         if c.v == nil {
//             c.v = build()
//         }
//     }
fn double_check_fix<'a>(
    outer: Node<'a>,
    test: &Test<'a>,
    dcl: &DoubleCheck<'a>,
    checker: &Checker<'a>,
) -> Option<Fix> {
    let src = checker.text();
    if outer.field("alternative").is_some() || dcl.inner.field("alternative").is_some() {
        return None;
    }
    let block = dcl.inner.field("consequence")?;
    let indent = starts_line(outer, src)?;
    // The flag the `if` tested goes with it: `sync.Once` keeps that state.
    let drop: Vec<StatementLine> = if test.flag {
        flag_sets(block, &test.text, src)?
    } else {
        Vec::new()
    };
    let lines = block_lines(block, src, &drop, Some(&format!("{indent}\t\t")))?;
    let (once, holder) = once_name(test, src);
    let subject = &src[test.subject.byte_range()];
    let declare = format!("declare a `sync.Once` {holder} named `once`");
    let title = match (test.flag, modern(checker)) {
        (false, false) => format!("Initialise `{subject}` in `{once}.Do` ({declare})"),
        (false, true) => format!(
            "Use `sync.OnceValue` (Go 1.21+) or initialise `{subject}` in `{once}.Do` ({declare})"
        ),
        (true, false) => format!("Run the initialisation in `{once}.Do` ({declare})"),
        (true, true) => format!(
            "Use `sync.OnceFunc` (Go 1.21+) or run the initialisation in `{once}.Do` ({declare})"
        ),
    };
    Some(Fix::new(
        title,
        Applicability::DisplayOnly,
        vec![Edit::replacement(
            outer.start_byte(),
            outer.end_byte(),
            format!("{once}.Do(func() {{\n{lines}{indent}}})"),
        )],
    ))
}

/// The file's Go version has `sync.OnceFunc` and `sync.OnceValue`.
fn modern(checker: &Checker<'_>) -> bool {
    checker.file.go_version.is_some_and(|v| v >= ONCE_FUNCS)
}

/// `if !done { …; done = true; … }` on a flag rooted at a package-level variable.
fn sets_package_flag(
    if_stmt: Node<'_>,
    test: &Test<'_>,
    root: Node<'_>,
    checker: &Checker<'_>,
) -> bool {
    let src = checker.text();
    test.flag
        && checker
            .package
            .goroutines()
            .is_package_var(&src[root.byte_range()])
        && if_stmt.field("consequence").is_some_and(|block| {
            statements(block)
                .iter()
                .any(|s| sets_true(*s, &test.text, src))
        })
}

/// Report the package-level check-then-set when a goroutine runs it: it sits in a goroutine
/// literal, or in a function that a goroutine of the package reaches.
fn report_check_then_set<'a>(if_stmt: Node<'a>, test: &Test<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    let reach = checker.package.goroutines();
    if !goroutine_runs(if_stmt, src, |name| reach.is_reachable(name)) {
        return;
    }
    let subject = &src[test.subject.byte_range()];
    let message = format!(
        "Unsynchronised check-then-set of package-level `{subject}` in code goroutines run: two of them can both see it unset"
    );
    let fix = check_then_set_fix(if_stmt, test, checker);
    checker.report(
        Diagnostic::new(&DoubleCheckedLocking::RULE, header(if_stmt, test), message).with_fix(fix),
    );
}

/// `subject = true` as a statement.
fn sets_true(stmt: Node<'_>, subject: &str, src: &str) -> bool {
    if stmt.kind_name() != "assignment_statement" {
        return false;
    }
    let one = |field: &str| {
        stmt.field(field)
            .filter(|l| l.named_child_count() == 1)
            .and_then(|l| l.named_child(0))
    };
    stmt.field("operator")
        .is_some_and(|op| &src[op.byte_range()] == "=")
        && one("left").is_some_and(|l| squeeze(&src[l.byte_range()]) == subject)
        && one("right").is_some_and(|r| r.kind_name() == "true")
}

/// Whether a goroutine runs `node`: an enclosing func literal is started as one, or the
/// enclosing declared function is `reachable`.
fn goroutine_runs(node: Node<'_>, src: &str, reachable: impl Fn(&str) -> bool) -> bool {
    let mut cur = node.up();
    while let Some(n) = cur {
        match n.kind_name() {
            "func_literal" if is_goroutine_literal(n, src) => return true,
            "function_declaration" | "method_declaration" => {
                return n
                    .field("name")
                    .is_some_and(|name| reachable(&src[name.byte_range()]));
            }
            _ => {}
        }
        cur = n.up();
    }
    false
}

// Before:                              After (display only):
//     if !done {                           once.Do(func() {
//         done = true                          register()
//         register()                       })
//     }
fn check_then_set_fix(if_stmt: Node<'_>, test: &Test<'_>, checker: &Checker<'_>) -> Option<Fix> {
    let src = checker.text();
    if if_stmt.field("alternative").is_some() {
        return None;
    }
    let block = if_stmt.field("consequence")?;
    let indent = starts_line(if_stmt, src)?;
    let drop = flag_sets(block, &test.text, src)?;
    let lines = block_lines(block, src, &drop, None)?;
    let flag = &src[test.subject.byte_range()];
    let declare = "declare a package-level `sync.Once` named `once`";
    let title = if modern(checker) {
        format!(
            "Use `sync.OnceFunc` (Go 1.21+) or run the block in `once.Do` instead of testing `{flag}` ({declare})"
        )
    } else {
        format!("Run the block in `once.Do` instead of testing `{flag}` ({declare})")
    };
    Some(Fix::new(
        title,
        Applicability::DisplayOnly,
        vec![Edit::replacement(
            if_stmt.start_byte(),
            if_stmt.end_byte(),
            format!("once.Do(func() {{\n{lines}{indent}}})"),
        )],
    ))
}

/// The indentation before `node` when it starts its line.
fn starts_line<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    let start = src[..node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    let indent = &src[start..node.start_byte()];
    indent
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(indent)
}

/// The lines of the direct `flag = true` statements of a block, each alone on its line.
fn flag_sets(block: Node<'_>, flag: &str, src: &str) -> Option<Vec<StatementLine>> {
    statements(block)
        .into_iter()
        .filter(|s| sets_true(*s, flag, src))
        .map(|s| StatementLine::of(src, s.start_byte(), s.end_byte()))
        .collect()
}

/// The lines inside a block laid out over several lines (`{` ends its line but for a `//`
/// comment, `}` starts its own), without the lines in `drop` and the blank lines at either
/// end. With `outdent`, every non-blank line must start with it and loses one tab. `None` when the layout is not that,
/// when nothing is left, or when the block returns or jumps out of itself (which would mean
/// something else inside a function literal).
fn block_lines(
    block: Node<'_>,
    src: &str,
    drop: &[StatementLine],
    outdent: Option<&str>,
) -> Option<String> {
    if crate::syntax::flow::jumps_out_of(block) {
        return None;
    }
    let open = block.start_byte();
    let open_end = open + src[open..].find('\n')?;
    // A comment after the `{` goes with the replaced header line.
    let after_open = src[open + 1..open_end].trim();
    if !(after_open.is_empty() || after_open.starts_with("//")) {
        return None;
    }
    let close = block.end_byte().checked_sub(1)?;
    let close_start = src[..close].rfind('\n')? + 1;
    if !src[close_start..close].trim().is_empty() || close_start <= open_end {
        return None;
    }
    if outdent.is_some() && has_multiline_raw_string(block, src) {
        return None;
    }
    let mut kept: Vec<String> = Vec::new();
    let mut at = open_end + 1;
    while at < close_start {
        let end = at
            + src[at..close_start]
                .find('\n')
                .map_or(close_start - at, |i| i + 1);
        let line = &src[at..end];
        let dropped = drop.iter().any(|d| d.start == at);
        at = end;
        if dropped {
            continue;
        }
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            kept.push(String::new());
            continue;
        }
        match outdent {
            Some(prefix) => {
                let rest = content.strip_prefix(prefix)?;
                kept.push(format!("{}{rest}", &prefix[..prefix.len() - 1]));
            }
            None => kept.push(content.to_owned()),
        }
    }
    while kept.first().is_some_and(String::is_empty) {
        kept.remove(0);
    }
    while kept.last().is_some_and(String::is_empty) {
        kept.pop();
    }
    if kept.is_empty() {
        return None;
    }
    Some(kept.iter().map(|l| format!("{l}\n")).collect())
}

/// A raw string literal spanning lines: re-indenting would change its value.
fn has_multiline_raw_string(block: Node<'_>, src: &str) -> bool {
    let mut found = false;
    walk_subtree(block, |n| {
        found |= n.kind_name() == "raw_string_literal" && src[n.byte_range()].contains('\n');
        !found
    });
    found
}
