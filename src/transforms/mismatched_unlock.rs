use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};

use super::range;

define_rule! {
    /// ## What it does
    /// Finds a `sync.RWMutex` read lock (`RLock`) released with `Unlock`, or a write lock
    /// (`Lock`) released with `RUnlock`.
    ///
    /// ## Why is this bad?
    /// `Unlock` of a read-locked `RWMutex` and `RUnlock` of a write-locked one are fatal
    /// runtime errors ("sync: Unlock of unlocked RWMutex"), which `recover` cannot catch.
    ///
    /// ## Example
    /// ```go
    /// c.mu.RLock()
    /// defer c.mu.Unlock()
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// c.mu.RLock()
    /// defer c.mu.RUnlock()
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the lock's name is declared in the package as a `sync.RWMutex`, where the
    /// mismatch always crashes. Unsafe otherwise: the type is then a guess.
    ///
    /// ## Known problems
    /// The pairing follows each path from the lock to its first release; a release in
    /// another function is not seen.
    ///
    /// ## References
    /// - Checklist item 2, "Use RWMutex When Reads Dominate"
    /// - <https://pkg.go.dev/sync#RWMutex>
    pub struct MismatchedUnlock {
        code: "GF106",
        name: "mismatched-unlock",
        item: 2,
        severity: Critical,
        fix: Always,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let sites = checker.lock_sites(func);
    let src = checker.text();
    for site in sites.iter() {
        let expected = site.unlock_method();
        let lock = if site.read { "RLock" } else { "Lock" };
        let shown = &src[site.call.receiver.byte_range()];
        let name = site.receiver.rsplit('.').next().unwrap_or(&site.receiver);
        let applicability = if checker.package.is_rwmutex(name) {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        for release in &site.releases {
            let Some(method) = release.method else {
                continue;
            };
            let used = &src[method.byte_range()];
            if used == expected {
                continue;
            }
            let line = checker.file.location(site.stmt.start_byte()).0;
            let message = format!(
                "`{shown}.{lock}()` on line {line} is released with `{used}`; use `{expected}`"
            );
            let fix = Fix::new(
                format!("Use `{shown}.{expected}()`"),
                applicability,
                vec![Edit::replacement(
                    method.start_byte(),
                    method.end_byte(),
                    expected,
                )],
            );
            checker.report(
                Diagnostic::new(&MismatchedUnlock::RULE, range(release.stmt), message)
                    .with_fix(Some(fix)),
            );
        }
    }
}
