use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::package::import_name;
use crate::syntax::captures::shadowed;
use crate::syntax::goroutines::is_qualified;
use crate::syntax::reach::is_goroutine_literal;
use crate::syntax::{MethodCall, is_function};

use super::range;
use crate::syntax::NodeKind;

/// The `testing` methods that stop the calling goroutine (`runtime.Goexit`).
const STOPPING: &[&str] = &["Fatal", "Fatalf", "FailNow", "SkipNow", "Skip", "Skipf"];

define_rule! {
    /// ## What it does
    /// Finds `t.Fatal`, `t.Fatalf`, `t.FailNow`, `t.Skip`, `t.Skipf` and `t.SkipNow` (and the
    /// same on a `*testing.B`, `*testing.F` or `testing.TB`) called inside a goroutine that a
    /// test started, where `t` is the test's own parameter: a parameter of a function outside
    /// the goroutine, of the goroutine literal itself (`go func(t *testing.T) {…}(t)`), or of
    /// a function of the package started with `go helper(t)`.
    ///
    /// ## Why is this bad?
    /// These methods stop the test by calling `runtime.Goexit`, which ends only the goroutine
    /// that calls it. From another goroutine the test function goes on as if nothing
    /// happened (it may pass, hang waiting for the goroutine, or panic when it reports after
    /// the test ended), and the goroutine's remaining work is silently skipped. The `testing`
    /// documentation says they must be called from the goroutine running the test.
    ///
    /// ## Example
    /// ```go
    /// func TestFetch(t *testing.T) {
    ///     done := make(chan struct{})
    ///     go func() {
    ///         defer close(done)
    ///         if _, err := fetch(); err != nil {
    ///             t.Fatal(err)
    ///         }
    ///     }()
    ///     <-done
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func TestFetch(t *testing.T) {
    ///     errc := make(chan error, 1)
    ///     go func() {
    ///         _, err := fetch()
    ///         errc <- err
    ///     }()
    ///     if err := <-errc; err != nil {
    ///         t.Fatal(err)
    ///     }
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: `t.Error` plus a `return` keeps the goroutine's failure but not the test's stop;
    /// what the test should do instead is its author's call.
    ///
    /// ## Known problems
    /// Goroutines are `go func(){…}()` literals, `X.Go(func(){…})`, and functions of the
    /// package started by name (a method only when its name is unique in the package);
    /// functions that a goroutine merely calls are not followed, nor `b.RunParallel` bodies.
    /// Calls on a subtest's own `t` inside `t.Run(…, func(t *testing.T) {…})` run on that
    /// subtest's goroutine and are fine. Any function with such a parameter counts as a
    /// test, helpers included.
    ///
    /// ## References
    /// - Checklist item 9, "Avoid Goroutine Leaks"
    /// - <https://pkg.go.dev/testing#T.FailNow>
    /// - go vet `testinggoroutine` (with types; it misses `*testing.F`, `testing.TB` and
    ///   `X.Go(func(){…})` goroutines)
    pub struct TestFatalInGoroutine {
        code: "GF305",
        name: "test-fatal-in-goroutine",
        item: 9,
        severity: High,
        fix: None,
    }
}

pub fn check<'a>(call: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    // Cheap filter: `t.Fatal(…)` and its kin on a plain identifier.
    let Some(m) = MethodCall::of(call) else {
        return;
    };
    let method = &src[m.method.byte_range()];
    if !STOPPING.contains(&method) || m.receiver.kind_name() != "identifier" {
        return;
    }
    let Some(testing) = import_name(checker.file, "testing") else {
        return;
    };
    let t = &src[m.receiver.byte_range()];
    // The function whose parameter `t` is, and whether a goroutine lies between.
    let mut crossed = false;
    let mut cur = call.up();
    let declaring = loop {
        let Some(n) = cur else {
            return;
        };
        if is_function(n.kind_name()) {
            if is_testing_parameter(n, t, &testing, src) {
                break Some(n);
            }
            if declares_parameter(n, t, src) {
                // `t` is something else here.
                break None;
            }
            if n.kind_name() == "func_literal" && is_goroutine_literal(n, src) {
                crossed = true;
            }
        }
        cur = n.up();
    };
    let Some(func) = declaring else {
        return;
    };
    // `go func(t *testing.T) {…}(t)`, or a function of the package that `go helper(t)`
    // starts: the parameter is a test's `t`, the goroutine is not the test's.
    let own_goroutine = match func.kind_name() {
        "func_literal" => is_goroutine_literal(func, src),
        _ => checker.package.goroutine_starts().is_started(func, src),
    };
    if !crossed && !own_goroutine {
        return;
    }
    // A `t := …` between the call and the parameter makes it another `t` (asked last: it
    // walks the function, and most calls are in the test's own goroutine).
    if shadowed(m.receiver, t, func, src) {
        return;
    }
    let advice = if method.starts_with("Skip") {
        "skip from the test's own goroutine".to_owned()
    } else {
        format!("report with `{t}.Error` and return, or hand the error back")
    };
    checker.report(Diagnostic::new(
        &TestFatalInGoroutine::RULE,
        range(call),
        format!(
            "`{t}.{method}` called from a goroutine the test started: it stops only that goroutine, not the test; {advice}"
        ),
    ));
}

/// Whether `func` declares parameter `name` as `*testing.T`, `*testing.B`, `*testing.F` or
/// `testing.TB` (`testing` being the file's name for the package).
fn is_testing_parameter(func: Node<'_>, name: &str, testing: &str, src: &str) -> bool {
    let Some(params) = func.field("parameters") else {
        return false;
    };
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        let mut names = p.walk();
        if !p
            .children_by_field_name("name", &mut names)
            .any(|n| &src[n.byte_range()] == name)
        {
            continue;
        }
        let Some(ty) = p.field("type") else {
            return false;
        };
        return match ty.kind_name() {
            "pointer_type" => ty.named_child(0).is_some_and(|inner| {
                ["T", "B", "F"]
                    .iter()
                    .any(|k| is_qualified(inner, testing, k, src))
            }),
            _ => is_qualified(ty, testing, "TB", src),
        };
    }
    false
}

/// Whether `func` has a parameter (or receiver) called `name`.
fn declares_parameter(func: Node<'_>, name: &str, src: &str) -> bool {
    ["parameters", "receiver"].iter().any(|field| {
        func.field(field).is_some_and(|params| {
            let mut cursor = params.walk();
            params.named_children(&mut cursor).any(|p| {
                let mut names = p.walk();
                p.children_by_field_name("name", &mut names)
                    .any(|n| &src[n.byte_range()] == name)
            })
        })
    })
}
