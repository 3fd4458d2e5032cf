//! The part of a Go file before its `package` clause: the package name, the generated-code
//! marker and the `//go:build` line.
//!
//! A small lexical scan is enough (and much cheaper than parsing): Go allows only comments
//! and white space before the clause, and both the generated marker and the build line count
//! only there.

/// What the header scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    /// The identifier after `package`.
    pub package: String,
    /// A `// Code generated … DO NOT EDIT.` line precedes the clause.
    pub generated: bool,
    /// The expression of the first `//go:build` line before the clause (text after the
    /// directive, trimmed).
    pub go_build: Option<String>,
}

/// Why a file has no usable header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderError {
    NotUtf8,
    NoPackageClause,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// White space as the Go spec defines it (no form feed, no Unicode spaces).
const GO_SPACE: [char; 4] = [' ', '\t', '\r', '\n'];

/// Scans the bytes of a Go file. A leading UTF-8 BOM is skipped (Go accepts one there).
pub(crate) fn scan(bytes: &[u8]) -> Result<Header, HeaderError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| HeaderError::NotUtf8)?;
    let mut generated = false;
    let mut go_build = None;
    let mut pos = 0;
    // True while only white space has been seen since the last newline: a `//go:build`
    // directive must start its line.
    let mut at_line_start = true;
    loop {
        let rest = &text[pos..];
        let Some(c) = rest.chars().next() else {
            return Err(HeaderError::NoPackageClause);
        };
        if c == '\n' {
            at_line_start = true;
            pos += 1;
        } else if matches!(c, ' ' | '\t' | '\r') {
            pos += 1;
        } else if let Some(comment) = rest.strip_prefix("//") {
            let body = comment.split('\n').next().unwrap_or("");
            let line = body.strip_suffix('\r').unwrap_or(body);
            generated |= is_generated_marker(&rest[..2 + line.len()]);
            if at_line_start && go_build.is_none() {
                go_build = build_expression(line);
            }
            pos += 2 + body.len();
        } else if let Some(comment) = rest.strip_prefix("/*") {
            let end = comment.find("*/").ok_or(HeaderError::NoPackageClause)?;
            let body = &comment[..end];
            // Go's `ast.IsGenerated` also accepts the marker on a line inside a block comment.
            generated |= body
                .split('\n')
                .any(|l| is_generated_marker(l.strip_suffix('\r').unwrap_or(l)));
            at_line_start = false;
            pos += 2 + end + 2;
        } else {
            let package = package_clause(rest).ok_or(HeaderError::NoPackageClause)?;
            return Ok(Header {
                package,
                generated,
                go_build,
            });
        }
    }
}

/// Go's convention for generated files: a line matching `^// Code generated .* DO NOT EDIT\.$`.
fn is_generated_marker(line: &str) -> bool {
    line.strip_prefix("// Code generated ")
        .is_some_and(|rest| rest.ends_with(" DO NOT EDIT."))
}

/// The expression of a `//go:build` directive; `comment` is the text after `//`. Like Go's
/// `constraint.IsGoBuild`, the directive must be followed by white space (or nothing).
fn build_expression(comment: &str) -> Option<String> {
    let after = comment.strip_prefix("go:build")?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some(after.trim().to_string())
}

/// The package name when `rest` starts with the keyword `package`, an identifier following
/// after white space and comments.
fn package_clause(rest: &str) -> Option<String> {
    let after = rest.strip_prefix("package")?;
    if after.chars().next().is_some_and(is_ident_char) {
        return None; // `packagefoo` is an identifier, not the keyword
    }
    let name_start = skip_space_and_comments(after)?;
    let name: String = name_start
        .chars()
        .take_while(|&c| is_ident_char(c))
        .collect();
    let first = name.chars().next()?;
    if first.is_numeric() {
        return None;
    }
    Some(name)
}

/// Skips white space and comments; `None` on an unterminated block comment.
fn skip_space_and_comments(mut s: &str) -> Option<&str> {
    loop {
        let trimmed = s.trim_start_matches(GO_SPACE);
        if let Some(c) = trimmed.strip_prefix("//") {
            s = c.find('\n').map_or("", |i| &c[i..]);
        } else if let Some(c) = trimmed.strip_prefix("/*") {
            s = &c[c.find("*/")? + 2..];
        } else {
            return Some(trimmed);
        }
    }
}

/// Go identifier characters: letters (including `_`) and digits, Unicode included.
fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(src: &str) -> Header {
        match scan(src.as_bytes()) {
            Ok(h) => h,
            Err(e) => panic!("{e:?} for {src:?}"),
        }
    }

    #[test]
    fn finds_the_package_after_comments_and_space() {
        let h = header("// Copyright\n\n/* block\n package nope */\n\npackage foo // c\n");
        assert_eq!(h.package, "foo");
        assert!(!h.generated);
        assert_eq!(h.go_build, None);
        assert_eq!(header("package /* x */\n\tbar\n").package, "bar");
        assert_eq!(header("package héllo\n").package, "héllo");
        assert_eq!(header("\u{feff}package withbom\n").package, "withbom");
        assert_eq!(header("package foo_test\n").package, "foo_test");
    }

    #[test]
    fn generated_marker_counts_only_before_the_clause() {
        assert!(header("// Code generated by stringer; DO NOT EDIT.\n\npackage p\n").generated);
        assert!(header("// Code generated x DO NOT EDIT.\r\npackage p\r\n").generated);
        assert!(header("/*\n// Code generated x DO NOT EDIT.\n*/\npackage p\n").generated);
        assert!(!header("package p\n\n// Code generated by stringer; DO NOT EDIT.\n").generated);
        // Near misses of the exact convention.
        assert!(!header("// Code generated by x; DO NOT EDIT\npackage p\n").generated);
        assert!(!header("//Code generated by x DO NOT EDIT.\npackage p\n").generated);
        assert!(!header("// Code generated DO NOT EDIT.\npackage p\n").generated);
    }

    #[test]
    fn build_line_before_the_clause_only() {
        let h = header("//go:build linux && go1.23\n\npackage p\n");
        assert_eq!(h.go_build.as_deref(), Some("linux && go1.23"));
        let h = header("// +build linux\n//go:build\tgo1.22 \r\npackage p\n");
        assert_eq!(h.go_build.as_deref(), Some("go1.22"));
        assert_eq!(header("package p\n//go:build go1.23\n").go_build, None);
        assert_eq!(header("//go:builder go1.23\npackage p\n").go_build, None);
        assert_eq!(header("// go:build go1.23\npackage p\n").go_build, None);
        assert_eq!(
            header("/* x */ //go:build go1.23\npackage p\n").go_build,
            None
        );
        // The first directive wins (a second one is a vet error anyway).
        let h = header("//go:build go1.21\n//go:build go1.23\npackage p\n");
        assert_eq!(h.go_build.as_deref(), Some("go1.21"));
    }

    #[test]
    fn rejects_files_without_a_clause() {
        for src in [
            "",
            "// only a comment\n",
            "/* unterminated\npackage p\n",
            "func main() {}\n",
            "packagefoo\n",
            "package\n",
            "package 9lives\n",
            "package /* unterminated",
        ] {
            assert_eq!(
                scan(src.as_bytes()),
                Err(HeaderError::NoPackageClause),
                "{src:?}"
            );
        }
    }

    #[test]
    fn rejects_non_utf8() {
        assert_eq!(scan(b"package p\n// caf\xe9\n"), Err(HeaderError::NotUtf8));
    }
}
