//! The fix GF101 and GF102 share: defer the unlock right after the Lock and delete the
//! explicit unlocks that end the function.

use crate::checker::Checker;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::flow::Tail;
use crate::syntax::locks::{LockSite, ReleaseKind};

use super::lines::{StatementLine, delete_line};
use super::range;

/// Before:
/// ```go
/// mu.Lock()
/// if err != nil {
///     mu.Unlock()
///     return err
/// }
/// mu.Unlock()
/// ```
/// After:
/// ```go
/// mu.Lock()
/// defer mu.Unlock()
/// if err != nil {
///     return err
/// }
/// ```
/// `None` when the shape does not allow it: a lock inside a loop (the defer would pile up),
/// a release that is not the last thing the function does, or statements sharing a line.
pub(crate) fn defer_unlock_fix(checker: &Checker<'_>, site: &LockSite<'_>) -> Option<Fix> {
    if site.in_loop || site.unknown || !site.releases_only_at_exit() {
        return None;
    }
    let file = checker.file;
    let src = checker.text();
    let receiver = &src[site.call.receiver.byte_range()];
    if receiver.contains('\n') {
        return None;
    }
    let lock = range(site.stmt);
    let lock_line = StatementLine::of(src, lock.start, lock.end)?;
    let indent = file.indentation(lock.start);
    let unlock = site.unlock_method();
    // A call deferred while the lock is held would run before the deferred unlock, under
    // the lock, instead of after the explicit one.
    let mut applicability = if site.defers_while_held {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mut edits = vec![Edit::insertion(
        lock_line.content_end,
        format!("\n{indent}defer {receiver}.{unlock}()"),
    )];
    for release in &site.releases {
        let ReleaseKind::Explicit(tail) = release.kind else {
            return None;
        };
        // `mu.Unlock(); return f()` would run `f` under the lock once the unlock is deferred.
        if tail == (Tail::Return { calls: true }) {
            applicability = Applicability::Unsafe;
        }
        let stmt = range(release.stmt);
        let line = StatementLine::of(src, stmt.start, stmt.end)?;
        if line.has_comment {
            applicability = Applicability::Unsafe;
        }
        edits.push(delete_line(src, line.start, line.end));
    }
    let fix = Fix::new(
        format!(
            "Defer `{receiver}.{unlock}()` right after `{receiver}.{}()`",
            if site.read { "RLock" } else { "Lock" }
        ),
        applicability,
        edits,
    );
    let overlapping = fix
        .edits
        .windows(2)
        .any(|w| w[0].range.end > w[1].range.start);
    (!overlapping).then_some(fix)
}
