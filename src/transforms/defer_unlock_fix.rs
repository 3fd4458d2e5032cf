//! The fix GF101 and GF102 share: defer the unlock right after the Lock and delete the
//! explicit unlocks that end the function.

use crate::checker::Checker;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::flow::Tail;
use crate::syntax::locks::{LockSite, ReleaseKind};

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

/// A statement standing alone on its line, maybe followed by a `//` comment.
struct StatementLine {
    /// Start of the line.
    start: usize,
    /// End of the line's content, before the line break.
    content_end: usize,
    /// End of the line, after its line break.
    end: usize,
    has_comment: bool,
}

impl StatementLine {
    fn of(src: &str, stmt_start: usize, stmt_end: usize) -> Option<Self> {
        let start = src[..stmt_start].rfind('\n').map_or(0, |i| i + 1);
        if !src[start..stmt_start]
            .chars()
            .all(|c| c == ' ' || c == '\t')
        {
            return None;
        }
        let end = src[stmt_end..]
            .find('\n')
            .map_or(src.len(), |i| stmt_end + i + 1);
        let mut content_end = end;
        if src[..content_end].ends_with('\n') {
            content_end -= 1;
        }
        if src[..content_end].ends_with('\r') {
            content_end -= 1;
        }
        let rest = src[stmt_end..content_end].trim();
        if !(rest.is_empty() || rest.starts_with("//")) {
            return None;
        }
        Some(Self {
            start,
            content_end,
            end,
            has_comment: !rest.is_empty(),
        })
    }
}

/// Delete a whole line; when that would leave two blank lines in a row, delete one of them
/// too, as gofmt would.
fn delete_line(src: &str, start: usize, end: usize) -> Edit {
    let blank_before = start > 0 && {
        let prev_start = src[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        src[prev_start..start].trim().is_empty()
    };
    let next_end = src[end..].find('\n').map_or(src.len(), |i| end + i + 1);
    let blank_after = next_end > end && src[end..next_end].trim().is_empty();
    if blank_before && blank_after {
        return Edit::deletion(start, next_end);
    }
    Edit::deletion(start, end)
}
