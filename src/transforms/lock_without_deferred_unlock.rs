use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::syntax::locks::{LockSite, is_release_method, method_on};
use crate::syntax::{next_statement, statement_call};

use super::defer_unlock_fix::defer_unlock_fix;
use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `X.Lock()` (or `X.RLock()`) whose unlock is written out by hand on every path,
    /// each time as the last thing the function does, instead of being deferred.
    ///
    /// ## Why is this bad?
    /// Every new `return` added to the function later must remember the unlock, and a panic
    /// between the Lock and the unlock leaves the mutex locked forever: the next `Lock`
    /// deadlocks. `defer X.Unlock()` right after the Lock releases it on every path.
    ///
    /// ## Example
    /// ```go
    /// func (c *Cache) Get(k string) (V, error) {
    ///     c.mu.Lock()
    ///     v, ok := c.m[k]
    ///     if !ok {
    ///         c.mu.Unlock()
    ///         return V{}, errMissing
    ///     }
    ///     c.mu.Unlock()
    ///     return v, nil
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// func (c *Cache) Get(k string) (V, error) {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     v, ok := c.m[k]
    ///     if !ok {
    ///         return V{}, errMissing
    ///     }
    ///     return v, nil
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Safe when nothing but `return` statements that evaluate no calls runs after each
    /// unlock: the deferred unlock then runs at the same point. Unsafe when such a `return`
    /// calls something (`return c.load()`), because the call would then run under the lock;
    /// when another `defer` is registered while the lock is held (that deferred call would
    /// then run before the unlock, under the lock); or when a deleted unlock line carries a
    /// comment.
    ///
    /// ## Known problems
    /// Work after an unlock (the early-release shape, where later code may take the same lock
    /// again) is never reported. Locks handed to or released by another function are not
    /// followed. The option `allow-straight-line` exempts sections with no branch, loop or
    /// call, as CockroachDB's `deferunlock` lint does.
    ///
    /// ## References
    /// - Checklist item 3, "Always Defer Mutex Unlock"
    /// - <https://pkg.go.dev/sync#Mutex>
    pub struct LockWithoutDeferredUnlock {
        code: "GF101",
        name: "lock-without-deferred-unlock",
        item: 3,
        severity: Critical,
        fix: Sometimes,
    }
}

pub fn check<'a>(func: Node<'a>, checker: &mut Checker<'a>) {
    let sites = checker.lock_sites(func);
    for site in sites.iter() {
        // A path the analysis could not follow, or one that leaks (GF102's): no proof here.
        if site.unknown || !site.leaks.is_empty() {
            continue;
        }
        // Work after an unlock, a deferred unlock already, or no unlock in this function.
        if !site.releases_only_at_exit() {
            continue;
        }
        // `mu.Lock(); mu.Unlock()` is an empty section, GF103's.
        if is_empty_section(site, checker.text()) {
            continue;
        }
        if checker.settings.allow_straight_line && is_straight_line(site, checker.text()) {
            continue;
        }
        let src = checker.text();
        let receiver = &src[site.call.receiver.byte_range()];
        let unlock = site.unlock_method();
        let message = format!(
            "`{receiver}.{unlock}()` is written out on every path instead of being deferred"
        );
        let fix = defer_unlock_fix(checker, site);
        checker.report(
            Diagnostic::new(&LockWithoutDeferredUnlock::RULE, range(site.stmt), message)
                .with_fix(fix),
        );
    }
}

/// The Lock is directly followed by its unlock.
pub(crate) fn is_empty_section(site: &LockSite<'_>, src: &str) -> bool {
    next_statement(site.stmt)
        .filter(|next| next.kind_name() == "expression_statement")
        .and_then(statement_call)
        .and_then(|call| method_on(call, &site.receiver, src))
        .is_some_and(is_release_method)
}

/// A section with a single release, reached by straight-line code: no branch, loop or call
/// other than builtins between the Lock and the unlock.
fn is_straight_line(site: &LockSite<'_>, src: &str) -> bool {
    let [release] = site.releases.as_slice() else {
        return false;
    };
    if release.stmt.up() != site.stmt.up() {
        return false;
    }
    let mut next = next_statement(site.stmt);
    while let Some(stmt) = next.filter(|s| *s != release.stmt) {
        let mut simple = matches!(
            stmt.kind_name(),
            "expression_statement"
                | "assignment_statement"
                | "short_var_declaration"
                | "inc_statement"
                | "dec_statement"
                | "var_declaration"
        );
        crate::syntax::walk_subtree(stmt, |n| {
            if n.kind_name() == "call_expression" {
                let builtin = n.field("function").is_some_and(|f| {
                    matches!(
                        &src[f.byte_range()],
                        "append" | "len" | "cap" | "delete" | "copy" | "min" | "max" | "clear"
                    )
                });
                simple &= builtin;
            }
            simple && n.kind_name() != "func_literal"
        });
        if !simple {
            return false;
        }
        next = next_statement(stmt);
    }
    next.is_some()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::checker::check_file;
    use crate::config::Settings;
    use crate::package::PackageIndex;
    use crate::source::SourceFile;

    fn gf101_lines(src: &str, allow_straight_line: bool) -> Vec<usize> {
        let file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let settings = Settings {
            allow_straight_line,
            ..Settings::default()
        };
        let index = PackageIndex::build([&file]);
        check_file(&file, &index, &settings, &settings.rules)
            .diagnostics
            .iter()
            .filter(|d| d.rule.code == "GF101")
            .map(|d| file.location(d.range.start).0)
            .collect()
    }

    const SRC: &str = "package p

func (s *S) add(v int) {
	s.mu.Lock()
	s.x = append(s.x, v)
	s.mu.Unlock()
}

func (s *S) addChecked(v int) {
	s.mu.Lock()
	if v > 0 {
		s.x = append(s.x, v)
	}
	s.mu.Unlock()
}

func (s *S) addLogged(v int) {
	s.mu.Lock()
	s.x = append(s.x, s.log(v))
	s.mu.Unlock()
}
";

    #[test]
    fn straight_line_sections_are_reported_by_default() {
        assert_eq!(gf101_lines(SRC, false), [4, 10, 18]);
    }

    #[test]
    fn allow_straight_line_exempts_only_branch_and_call_free_sections() {
        assert_eq!(gf101_lines(SRC, true), [10, 18]);
    }
}
