//! The Go language version of a file, as far as gofix cares about it.

use std::fmt;

/// A Go language version `1.minor` (patch ignored: language semantics change only with minor).
///
/// Only Go 1 exists as a language; the minor number is what decides, for instance, whether
/// `for` loop variables are per-iteration (1.22) or whether `time.Tick` tickers are collected
/// (1.23).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoVersion {
    /// The `N` of `1.N`.
    pub minor: u32,
}

impl GoVersion {
    /// Go 1.21: the first toolchain that honours a `//go:build go1.N` line as the file's
    /// language version, so such a line never yields anything older than this.
    pub(crate) const BUILD_LINE_FLOOR: GoVersion = GoVersion { minor: 21 };

    /// Go 1.22: from here on each iteration of a `for` loop has its own loop variables.
    pub const PER_ITERATION_LOOPS: GoVersion = GoVersion { minor: 22 };

    /// Parses a version as users and go.mod files write it: `1.22`, `1.22.3`, `go1.22`,
    /// `1.21rc1`, `1.21beta2` (surrounding whitespace allowed). Anything else, including
    /// `2.0`, leading zeros (`1.021`) and trailing junk, is `None`: a version we cannot read
    /// must not silently pick loop semantics.
    pub fn parse(s: &str) -> Option<GoVersion> {
        let s = s.trim();
        Self::parse_bare(s.strip_prefix("go").unwrap_or(s))
    }

    /// Parses `1.N[.P | rcN | betaN]` with no `go` prefix (the form a go.mod `go` line uses).
    pub(crate) fn parse_bare(s: &str) -> Option<GoVersion> {
        let rest = s.strip_prefix("1.")?;
        let digits_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (minor, suffix) = rest.split_at(digits_end);
        if !is_plain_number(minor) {
            return None;
        }
        let suffix_ok = suffix.is_empty()
            || suffix.strip_prefix('.').is_some_and(is_plain_number)
            || suffix.strip_prefix("rc").is_some_and(is_plain_number)
            || suffix.strip_prefix("beta").is_some_and(is_plain_number);
        if !suffix_ok {
            return None;
        }
        minor.parse().ok().map(|minor| GoVersion { minor })
    }
}

/// A non-empty run of ASCII digits without a leading zero (Go rejects `1.021`).
fn is_plain_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u32) -> Option<GoVersion> {
        Some(GoVersion { minor })
    }

    #[test]
    fn accepts_the_usual_spellings() {
        assert_eq!(GoVersion::parse("1.22"), v(22));
        assert_eq!(GoVersion::parse("1.22.3"), v(22));
        assert_eq!(GoVersion::parse("go1.22"), v(22));
        assert_eq!(GoVersion::parse("1.21rc1"), v(21));
        assert_eq!(GoVersion::parse("1.21beta2"), v(21));
        assert_eq!(GoVersion::parse(" 1.20\n"), v(20));
        assert_eq!(GoVersion::parse("1.0"), v(0));
    }

    #[test]
    fn rejects_junk() {
        for junk in [
            "",
            "1",
            "1.",
            "2.0",
            "1.x",
            "1.22.",
            "1.22.3.4",
            "1.22rc",
            "1.22-rc1",
            "1.021",
            "go",
            "gogo1.22",
            "1.22 1",
            "v1.22",
            "1.99999999999",
        ] {
            assert_eq!(GoVersion::parse(junk), None, "{junk:?}");
        }
        assert_eq!(GoVersion::parse_bare("go1.22"), None);
    }

    #[test]
    fn displays_as_one_dot_minor_and_orders_by_minor() {
        assert_eq!(GoVersion { minor: 22 }.to_string(), "1.22");
        assert!(GoVersion { minor: 9 } < GoVersion { minor: 10 });
    }
}
