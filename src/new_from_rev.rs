//! `--new-from-rev REV`: which lines of which files are new since a git revision, so a repo
//! can adopt gofix without first fixing (or suppressing) its history.
//!
//! The lines come from `git diff --unified=0 REV`: the working tree against REV, so staged
//! and unstaged changes both count. Choices, in the order people ask about them:
//! - An untracked file (not ignored) is new in every line: it will be committed as a whole.
//!   A file git ignores, or one outside the repository, has no new line: nothing is reported
//!   in it.
//! - A renamed file follows git's rename detection (`-M`): only the lines the rename changed
//!   are new. A file git does not pair with its old name is new in every line.
//! - Where lines were deleted, the line just above the gap counts as changed (deleting the
//!   `defer mu.Unlock()` under a `mu.Lock()` makes that lock's finding new).
//! - A finding is new when a new line lies within its range or, for a finding inside a
//!   function body, anywhere from it to the end of that body: concurrency findings sit at the
//!   lock, the `go` statement or the `make`, while the mistake is often a `return` or a send
//!   added below. Old findings in a function edited above them stay old. The fix goes with
//!   its finding, whatever lines it edits; the lines a fix writes count as new only inside a
//!   new region.
//!
//! Paths from git are relative to the repository root (`git rev-parse --show-toplevel`) and
//! are matched to the files gofix reads by canonical directory, so gofix works from any
//! subdirectory and with any spelling of a path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

use crate::diagnostic::TextRange;
use crate::fix::Edit;
use crate::source::SourceFile;
use crate::syntax::NodeKind;

#[derive(Debug, Error)]
pub enum NewFromRevError {
    #[error(
        "--new-from-rev runs git, which could not be started: {0} (is git installed and on PATH?)"
    )]
    GitMissing(std::io::Error),
    #[error(
        "--new-from-rev compares with a git revision, but {dir} is not inside a git repository ({detail})"
    )]
    NotARepository { dir: String, detail: String },
    #[error(
        "--new-from-rev: `{rev}` is not a commit in this repository (try a branch, a tag, a commit id or HEAD~1)"
    )]
    UnknownRevision { rev: String },
    #[error("--new-from-rev: `git {command}` failed: {detail}")]
    GitFailed { command: String, detail: String },
    #[error(
        "--new-from-rev cannot be used with stdin: the new lines are those of the files on disk"
    )]
    Stdin,
}

/// The changed lines `--new-from-rev REV` asks for (`None` without the flag), seen from the
/// current directory.
pub fn for_args(rev: Option<&str>, stdin: bool) -> Result<Option<ChangedLines>, NewFromRevError> {
    let Some(rev) = rev else {
        return Ok(None);
    };
    if stdin {
        return Err(NewFromRevError::Stdin);
    }
    let cwd = std::env::current_dir().map_err(|e| NewFromRevError::NotARepository {
        dir: ".".to_owned(),
        detail: e.to_string(),
    })?;
    ChangedLines::from_git(rev, &cwd).map(Some)
}

/// The new lines of one file, 1-based and inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// Untracked, added, or a hunk git could not describe line by line: every line is new.
    All,
    Lines(Vec<(usize, usize)>),
}

/// The new lines of every file changed since a revision.
#[derive(Debug, Default)]
pub struct ChangedLines {
    /// Canonical directory joined with the file name -> its new lines. A file that is not
    /// here has none.
    files: HashMap<PathBuf, FileChange>,
}

impl ChangedLines {
    /// Asks git, from `cwd`, what changed since `rev`.
    pub fn from_git(rev: &str, cwd: &Path) -> Result<Self, NewFromRevError> {
        let shown_dir = || cwd.display().to_string();
        let toplevel = match git(cwd, &["rev-parse", "--show-toplevel"])? {
            Ok(out) => PathBuf::from(out.trim_end_matches(['\n', '\r'])),
            Err(detail) => {
                return Err(NewFromRevError::NotARepository {
                    dir: shown_dir(),
                    detail,
                });
            }
        };
        // A revision starting with `-` would be read as an option by git.
        if rev.starts_with('-') || rev.is_empty() {
            return Err(NewFromRevError::UnknownRevision {
                rev: rev.to_owned(),
            });
        }
        let spec = format!("{rev}^{{commit}}");
        let commit = match git(&toplevel, &["rev-parse", "--verify", "--quiet", &spec])? {
            Ok(out) => out.trim().to_owned(),
            Err(_) => {
                return Err(NewFromRevError::UnknownRevision {
                    rev: rev.to_owned(),
                });
            }
        };
        let diff_args = [
            "-c",
            "core.quotePath=false",
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-relative",
            "--find-renames",
            "--ignore-submodules",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            &commit,
            "--",
        ];
        let diff = git(&toplevel, &diff_args)?.map_err(|detail| NewFromRevError::GitFailed {
            command: format!("diff {commit}"),
            detail,
        })?;
        let untracked_args = ["ls-files", "-z", "--others", "--exclude-standard"];
        let untracked =
            git(&toplevel, &untracked_args)?.map_err(|detail| NewFromRevError::GitFailed {
                command: untracked_args.join(" "),
                detail,
            })?;
        let root = canonical(&toplevel);
        let mut files: HashMap<PathBuf, FileChange> = parse_diff(&diff)
            .into_iter()
            .map(|(path, change)| (root.join(path), change))
            .collect();
        for path in untracked.split('\0').filter(|p| !p.is_empty()) {
            files.insert(root.join(path), FileChange::All);
        }
        Ok(Self { files })
    }

    /// The changes of the files at the given paths (any spelling, relative to the current
    /// directory), as known some other way than by asking git.
    pub fn from_changes(changes: impl IntoIterator<Item = (PathBuf, FileChange)>) -> Self {
        let files = changes
            .into_iter()
            .filter_map(|(path, change)| Some((key(&path)?, change)))
            .collect();
        Self { files }
    }

    /// The new lines of the file gofix read at `path` (any spelling), if any.
    pub fn change_for(&self, path: &Path) -> Option<&FileChange> {
        self.files.get(&key(path)?)
    }

    /// The new lines of the file at `path` as byte ranges of its `text` (each whole line
    /// with its line break); empty when nothing in it is new.
    pub fn ranges_for(&self, path: &Path, text: &str) -> Vec<TextRange> {
        match self.change_for(path) {
            None => Vec::new(),
            Some(FileChange::All) => vec![TextRange::new(0, text.len())],
            Some(FileChange::Lines(lines)) => line_ranges(text, lines),
        }
    }
}

/// Runs git in `dir`: `Ok(Ok(stdout))`, `Ok(Err(first line of stderr))` when git failed, or
/// an error when git could not be started.
fn git(dir: &Path, args: &[&str]) -> Result<Result<String, String>, NewFromRevError> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(NewFromRevError::GitMissing)?;
    if out.status.success() {
        return Ok(Ok(String::from_utf8_lossy(&out.stdout).into_owned()));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let detail = stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no message")
        .trim()
        .to_owned();
    Ok(Err(detail))
}

/// A file's identity: its canonical directory joined with its name (the file itself may be
/// a symlink, which git tracks as one).
fn key(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(canonical(dir).join(name))
}

/// The directory as the file system resolves it (symlinks followed), so any spelling of it
/// is one key; the absolute path when it cannot be resolved.
fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

/// The text a finding is about, for deciding whether it is new: its own range and, when it
/// starts inside a function body, the rest of that body. A lock taken on an old line leaks
/// through a `return` added below it, and the finding stays at the lock.
pub fn reach(file: &SourceFile, range: TextRange) -> TextRange {
    let Some(mut node) = file
        .root()
        .descendant_for_byte_range(range.start, range.start)
    else {
        return range;
    };
    loop {
        let Some(parent) = node.up() else {
            return range;
        };
        let is_body = matches!(
            parent.kind_name(),
            "function_declaration" | "method_declaration" | "func_literal"
        ) && parent
            .field("body")
            .is_some_and(|body| body.id() == node.id());
        if is_body {
            return TextRange::new(range.start, range.end.max(node.end_byte()));
        }
        node = parent;
    }
}

/// Whether a finding's `range` touches one of the `new` byte ranges. An empty range counts
/// as the byte it starts at.
pub fn touches(new: &[TextRange], range: TextRange) -> bool {
    let end = range.end.max(range.start + 1);
    new.iter().any(|r| range.start < r.end && r.start < end)
}

/// `new` byte ranges of a text, moved through `edits` (sorted, non-overlapping) made to it.
/// A range grows over what an edit inserts at its ends and shrinks with what one deletes;
/// an edit straddling a range's end keeps its replacement inside. Text edited outside every
/// range stays old.
pub fn remap(new: &[TextRange], edits: &[Edit]) -> Vec<TextRange> {
    let mut out: Vec<TextRange> = new
        .iter()
        .map(|r| {
            let start = map_position(r.start, edits, false);
            let end = map_position(r.end, edits, true).max(start);
            TextRange::new(start, end)
        })
        .filter(|r| r.start < r.end)
        .collect();
    out.sort();
    // Ranges that now touch become one.
    let mut merged: Vec<TextRange> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Where byte `p` of the old text lands in the new one. Text an edit inserts exactly at `p`
/// is taken inside the range: before it for a range's end (`end`), after it for a start.
fn map_position(p: usize, edits: &[Edit], end: bool) -> usize {
    let mut shift: isize = 0;
    for edit in edits {
        let (a, b) = (edit.range.start, edit.range.end);
        let grown = edit.content.len() as isize - (b - a) as isize;
        if b < p || (b == p && a < b) {
            // Wholly before `p`.
            shift += grown;
        } else if a == p && b == p {
            // An insertion at `p`: inside the range on either side.
            let at = (p as isize + shift) as usize;
            return if end { at + edit.content.len() } else { at };
        } else if a < p {
            // `p` is inside the replaced text: the replacement stays in the range.
            let at = (a as isize + shift) as usize;
            return if end { at + edit.content.len() } else { at };
        } else {
            break;
        }
    }
    (p as isize + shift) as usize
}

/// Byte ranges of the 1-based inclusive `lines` of `text`, each with its line break.
fn line_ranges(text: &str, lines: &[(usize, usize)]) -> Vec<TextRange> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let start_of = |line: usize| starts.get(line - 1).copied().unwrap_or(text.len());
    let mut out: Vec<TextRange> = lines
        .iter()
        .filter(|(from, to)| *from >= 1 && from <= to)
        .map(|&(from, to)| TextRange::new(start_of(from), start_of(to + 1)))
        .filter(|r| r.start < r.end)
        .collect();
    out.sort();
    out
}

/// The new lines per file of a `git diff --unified=0` (paths relative to the repository
/// root, without the `b/` prefix). Deleted files are left out; a file whose hunks cannot be
/// read line by line (a combined diff during a merge) is new in every line.
pub fn parse_diff(diff: &str) -> Vec<(PathBuf, FileChange)> {
    let mut out: Vec<(PathBuf, FileChange)> = Vec::new();
    let mut current: Option<(PathBuf, FileChange)> = None;
    // Body lines still to skip in the current hunk: old ones, new ones.
    let mut body = (0usize, 0usize);
    for line in diff.lines() {
        if body.0 + body.1 > 0 {
            match line.as_bytes().first() {
                Some(b'-') => body.0 = body.0.saturating_sub(1),
                Some(b'+') => body.1 = body.1.saturating_sub(1),
                // `\ No newline at end of file` belongs to the hunk but counts nothing.
                Some(b'\\') => {}
                _ => body = (0, 0),
            }
            if body.0 + body.1 > 0 || matches!(line.as_bytes().first(), Some(b'-' | b'+')) {
                continue;
            }
        }
        if line.starts_with("diff ") {
            out.extend(current.take());
            body = (0, 0);
        } else if let Some(name) = line.strip_prefix("+++ ") {
            current = file_name(name).map(|p| (p, FileChange::Lines(Vec::new())));
        } else if line.starts_with("@@@") {
            // Combined diff: more than one parent; take the whole file as new.
            if let Some((_, change)) = current.as_mut() {
                *change = FileChange::All;
            }
        } else if let Some(hunk) = parse_hunk_header(line) {
            body = (hunk.old_count, hunk.new_count);
            if let Some((_, FileChange::Lines(lines))) = current.as_mut() {
                if hunk.new_count > 0 {
                    lines.push((hunk.new_start, hunk.new_start + hunk.new_count - 1));
                } else {
                    // Lines deleted after line `new_start`: that line counts as changed
                    // (a `defer mu.Unlock()` deleted under an old `mu.Lock()`).
                    let above = hunk.new_start.max(1);
                    lines.push((above, above));
                }
            }
        }
    }
    out.extend(current);
    out.retain(|(_, change)| !matches!(change, FileChange::Lines(l) if l.is_empty()));
    out
}

/// The ranges of a hunk header `@@ -a[,b] +c[,d] @@`: a count left out is 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hunk {
    pub old_start: usize,
    pub old_count: usize,
    pub new_start: usize,
    pub new_count: usize,
}

pub fn parse_hunk_header(line: &str) -> Option<Hunk> {
    let rest = line.strip_prefix("@@ -")?;
    let (ranges, _) = rest.split_once(" @@")?;
    let (old, new) = ranges.split_once(" +")?;
    let range = |s: &str| -> Option<(usize, usize)> {
        match s.split_once(',') {
            Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
            None => Some((s.parse().ok()?, 1)),
        }
    };
    let (old_start, old_count) = range(old)?;
    let (new_start, new_count) = range(new)?;
    Some(Hunk {
        old_start,
        old_count,
        new_start,
        new_count,
    })
}

/// The path of a `+++` line: `b/dir/x.go` or `"b/we\tird.go"`; `None` for `/dev/null`.
fn file_name(name: &str) -> Option<PathBuf> {
    // git ends the name with a tab when it holds a space.
    let name = name.strip_suffix('\t').unwrap_or(name);
    if name == "/dev/null" {
        return None;
    }
    let name = if name.starts_with('"') {
        unquote(name)?
    } else {
        name.to_owned()
    };
    name.strip_prefix("b/").map(PathBuf::from)
}

/// A C-style quoted path as git writes it: `\t`, `\n`, `\"`, `\\` and octal bytes.
fn unquote(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes();
    while let Some(c) = chars.next() {
        if c != b'\\' {
            bytes.push(c);
            continue;
        }
        let escaped = chars.next()?;
        let byte = match escaped {
            b'a' => 7,
            b'b' => 8,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 11,
            b'f' => 12,
            b'r' => b'\r',
            b'0'..=b'7' => {
                let mut value = u32::from(escaped - b'0');
                for _ in 0..2 {
                    let digit = chars.next().filter(u8::is_ascii_digit)?;
                    value = value * 8 + u32::from(digit - b'0');
                }
                u8::try_from(value).ok()?
            }
            other => other,
        };
        bytes.push(byte);
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hunk(line: &str) -> (usize, usize, usize, usize) {
        let h = parse_hunk_header(line).unwrap();
        (h.old_start, h.old_count, h.new_start, h.new_count)
    }

    #[test]
    fn hunk_headers() {
        assert_eq!(hunk("@@ -3,2 +3,4 @@ func f() {"), (3, 2, 3, 4));
        // A count of one is left out.
        assert_eq!(hunk("@@ -7 +7 @@"), (7, 1, 7, 1));
        // Pure insertion after line 3, pure deletion of lines 9-10.
        assert_eq!(hunk("@@ -3,0 +4,2 @@"), (3, 0, 4, 2));
        assert_eq!(hunk("@@ -9,2 +8,0 @@ type T struct"), (9, 2, 8, 0));
        // A new file.
        assert_eq!(hunk("@@ -0,0 +1,12 @@"), (0, 0, 1, 12));
        for bad in [
            "@@ -a,1 +1 @@",
            "@@ +1 @@",
            "+++ b/x.go",
            "@@ -1 +1",
            "@@@ -1 -1 +1 @@@",
        ] {
            assert!(parse_hunk_header(bad).is_none(), "{bad}");
        }
    }

    const DIFF: &str = "\
diff --git a/a/x.go b/a/x.go
index 1111111..2222222 100644
--- a/a/x.go
+++ b/a/x.go
@@ -3,0 +4,2 @@ import \"sync\"
+var a = 1
+++x
@@ -9 +11 @@ func f() {
-\told()
+\tnew()
@@ -20,3 +22,0 @@ func g() {
-\t1
-\t2
-\t3
diff --git a/gone.go b/gone.go
deleted file mode 100644
index 3333333..0000000
--- a/gone.go
+++ /dev/null
@@ -1,2 +0,0 @@
-package gone
-
diff --git a/new.go b/new.go
new file mode 100644
index 0000000..4444444
--- /dev/null
+++ b/new.go
@@ -0,0 +1,3 @@
+package p
+
+var b = 2
\\ No newline at end of file
diff --git a/old.go b/moved.go
similarity index 100%
rename from old.go
rename to moved.go
diff --git a/only_deleted.go b/only_deleted.go
index 5555555..6666666 100644
--- a/only_deleted.go
+++ b/only_deleted.go
@@ -4 +3,0 @@ package p
-var c = 3
diff --git \"a/we\\tird name.go\" \"b/we\\tird name.go\"
index 7777777..8888888 100644
--- \"a/we\\tird name.go\"\t
+++ \"b/we\\tird name.go\"\t
@@ -1 +1 @@
-package a
+package b
diff --git a/caf\\303\\251.go b/caf\\303\\251.go
--- \"a/caf\\303\\251.go\"
+++ \"b/caf\\303\\251.go\"
@@ -2,0 +3 @@
+var d = 4
";

    #[test]
    fn diff_of_edited_new_deleted_renamed_and_quoted_files() {
        let got = parse_diff(DIFF);
        let want = vec![
            (
                PathBuf::from("a/x.go"),
                FileChange::Lines(vec![(4, 5), (11, 11), (22, 22)]),
            ),
            (PathBuf::from("new.go"), FileChange::Lines(vec![(1, 3)])),
            // Only a deletion: the line above the gap.
            (
                PathBuf::from("only_deleted.go"),
                FileChange::Lines(vec![(3, 3)]),
            ),
            (
                PathBuf::from("we\tird name.go"),
                FileChange::Lines(vec![(1, 1)]),
            ),
            (PathBuf::from("café.go"), FileChange::Lines(vec![(3, 3)])),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_body_line_that_looks_like_a_header_is_body() {
        // `+++x` above is an added line, not a file header: a/x.go keeps its name.
        let diff = "diff --git a/p.go b/p.go\n--- a/p.go\n+++ b/p.go\n@@ -1,0 +2,2 @@\n+++ b/other.go\n+@@ -1 +1 @@\n";
        assert_eq!(
            parse_diff(diff),
            vec![(PathBuf::from("p.go"), FileChange::Lines(vec![(2, 3)]))]
        );
    }

    #[test]
    fn a_combined_diff_takes_the_whole_file() {
        let diff = "diff --cc p.go\nindex 1,2..3\n--- a/p.go\n+++ b/p.go\n@@@ -1,1 -1,1 +1,2 @@@\n- a\n -b\n++c\n";
        assert_eq!(
            parse_diff(diff),
            vec![(PathBuf::from("p.go"), FileChange::All)]
        );
    }

    #[test]
    fn lines_become_byte_ranges_with_their_line_break() {
        let text = "l1\nl2\r\nl3\nl4";
        let r = line_ranges(text, &[(2, 3), (4, 4), (9, 9)]);
        assert_eq!(r, vec![TextRange::new(3, 10), TextRange::new(10, 12)]);
        assert_eq!(&text[3..10], "l2\r\nl3\n");
    }

    #[test]
    fn a_finding_touches_a_range_it_overlaps() {
        let new = [TextRange::new(10, 20)];
        assert!(touches(&new, TextRange::new(5, 11)));
        assert!(touches(&new, TextRange::new(19, 30)));
        assert!(touches(&new, TextRange::new(12, 12)), "empty inside");
        assert!(
            !touches(&new, TextRange::new(5, 10)),
            "ends where it starts"
        );
        assert!(!touches(&new, TextRange::new(20, 25)));
        assert!(!touches(&[], TextRange::new(0, 100)));
    }

    #[test]
    fn ranges_follow_the_edits_of_a_fix() {
        let new = [TextRange::new(10, 20)];
        // Before the range: it moves.
        let e = [Edit::insertion(2, "abc")];
        assert_eq!(remap(&new, &e), [TextRange::new(13, 23)]);
        // Inserted at its end (a line added after a new line): inside.
        let e = [Edit::insertion(20, "defer\n")];
        assert_eq!(remap(&new, &e), [TextRange::new(10, 26)]);
        // Inserted at its start: inside too.
        let e = [Edit::insertion(10, "xy")];
        assert_eq!(remap(&new, &e), [TextRange::new(10, 22)]);
        // Deleted after it (an old line): the range stays, the old text shrinks.
        let e = [Edit::deletion(25, 30)];
        assert_eq!(remap(&new, &e), [TextRange::new(10, 20)]);
        // Deleted inside: it shrinks.
        let e = [Edit::deletion(12, 15)];
        assert_eq!(remap(&new, &e), [TextRange::new(10, 17)]);
        // An edit straddling its end keeps its replacement inside.
        let e = [Edit::replacement(18, 25, "Q")];
        assert_eq!(remap(&new, &e), [TextRange::new(10, 19)]);
        // Deleted whole: gone.
        let e = [Edit::deletion(5, 25)];
        assert!(remap(&new, &e).is_empty());
        // Two ranges joined by an insertion between them.
        let two = [TextRange::new(0, 5), TextRange::new(5, 9)];
        assert_eq!(
            remap(&two, &[Edit::insertion(5, "zz")]),
            [TextRange::new(0, 11)]
        );
    }

    #[test]
    fn a_finding_in_a_function_body_reaches_to_its_end() {
        let src = "package p\n\nfunc (t T) f(x bool) {\n\tmu.Lock()\n\tgo func() {\n\t\tch <- 1\n\t}()\n\tif x {\n\t\treturn\n\t}\n}\n\nvar y = 1\n";
        let file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let at = |needle: &str| {
            let start = src.find(needle).unwrap();
            TextRange::new(start, start + needle.len())
        };
        let body_end = src.find("}\n\nvar").unwrap() + 1;
        assert_eq!(
            reach(&file, at("mu.Lock()")),
            TextRange::new(at("mu.Lock()").start, body_end)
        );
        // In a func literal: to the end of the literal's body.
        let literal_end = src.find("}()").unwrap() + 1;
        assert_eq!(
            reach(&file, at("ch <- 1")),
            TextRange::new(at("ch <- 1").start, literal_end)
        );
        // The receiver and a top-level declaration: their own range.
        assert_eq!(reach(&file, at("t T")), at("t T"));
        assert_eq!(reach(&file, at("y = 1")), at("y = 1"));
    }

    #[test]
    fn quoted_paths() {
        assert_eq!(unquote(r#""a\"b\\c\tq""#).as_deref(), Some("a\"b\\c\tq"));
        assert_eq!(unquote(r#""\303\251""#).as_deref(), Some("é"));
        assert_eq!(unquote(r#""\3""#), None);
        assert_eq!(file_name("/dev/null"), None);
        assert_eq!(file_name("b/x y.go\t"), Some(PathBuf::from("x y.go")));
    }
}
