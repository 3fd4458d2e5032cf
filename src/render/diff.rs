//! Unified diffs that `git apply` accepts.

use similar::TextDiff;

/// The diff from `old` to `new` with `a/PATH` and `b/PATH` headers; empty when equal.
pub fn unified(path: &str, old: &[u8], new: &[u8]) -> String {
    if old == new {
        return String::new();
    }
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let diff = TextDiff::from_lines(old.as_ref(), new.as_ref());
    // `a//abs/path` would not apply; `a/abs/path` does, from the root.
    let path = path.trim_start_matches('/');
    diff.unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_hunks() {
        let d = unified("p/x.go", b"a\nb\nc\n", b"a\nB\nc\n");
        assert!(d.starts_with("--- a/p/x.go\n+++ b/p/x.go\n@@ -1,3 +1,3 @@\n"));
        assert!(d.contains("-b\n+B\n"));
        assert_eq!(unified("x", b"same", b"same"), "");
    }

    #[test]
    fn missing_final_newline_is_marked() {
        let d = unified("x.go", b"a\nb", b"a\nc");
        assert!(d.contains("\\ No newline at end of file"), "{d}");
    }
}
