//! The minimum Go version a `//go:build` expression implies.
//!
//! Go 1.21+ takes a file's language version from its build line: a file that only builds
//! with `go1.23` is compiled with 1.23 semantics. Only that version matters to us, so the
//! expression is reduced straight to "implied minimum minor, if any" while parsing, with an
//! explicit operator stack (shunting-yard) so a deeply parenthesised line cannot overflow the
//! call stack.

/// The expression is not a valid build constraint; it implies nothing.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Malformed;

/// The minimum minor version `expr` (the text after `//go:build`) implies, or `None` when it
/// implies none or is malformed.
pub(crate) fn implied_minimum(expr: &str) -> Option<u32> {
    parse(expr).ok().flatten()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Not,
    And,
    Or,
    Open,
}

/// The implication of one sub-expression: `Some(minor)` when it needs `go1.minor`.
type Implied = Option<u32>;

/// Parses `expr` (grammar: `||` below `&&` below `!`, parentheses, tags) and folds it into
/// its implied minimum as it goes.
pub(crate) fn parse(expr: &str) -> Result<Implied, Malformed> {
    let mut values: Vec<Implied> = Vec::new();
    let mut ops: Vec<Op> = Vec::new();
    // True when the next token must start an operand (tag, `!` or `(`).
    let mut want_operand = true;
    let mut rest = expr;
    loop {
        rest = rest.trim_start_matches([' ', '\t']);
        let Some(c) = rest.chars().next() else { break };
        if want_operand {
            match c {
                '!' => ops.push(Op::Not),
                '(' => ops.push(Op::Open),
                _ => {
                    let len = rest.find(|c: char| !is_tag_char(c)).unwrap_or(rest.len());
                    if len == 0 {
                        return Err(Malformed);
                    }
                    values.push(tag_implies(&rest[..len]));
                    rest = &rest[len..];
                    close_operand(&mut ops, &mut values)?;
                    want_operand = false;
                    continue;
                }
            }
            rest = &rest[1..];
            continue;
        }
        let (op, len) = if rest.starts_with("&&") {
            (Op::And, 2)
        } else if rest.starts_with("||") {
            (Op::Or, 2)
        } else if c == ')' {
            (Op::Open, 1)
        } else {
            return Err(Malformed);
        };
        rest = &rest[len..];
        if op == Op::Open {
            // `)`: fold back to the matching `(`, then the group is one operand.
            loop {
                match ops.pop() {
                    Some(Op::Open) => break,
                    Some(op) => apply(op, &mut values)?,
                    None => return Err(Malformed),
                }
            }
            close_operand(&mut ops, &mut values)?;
            continue;
        }
        // Binary operator, left-associative: fold pending operators that bind at least as
        // tightly before pushing it.
        while let Some(&top) = ops.last() {
            if top == Op::Open || precedence(top) < precedence(op) {
                break;
            }
            ops.pop();
            apply(top, &mut values)?;
        }
        ops.push(op);
        want_operand = true;
    }
    if want_operand {
        return Err(Malformed); // empty expression or dangling operator
    }
    while let Some(op) = ops.pop() {
        if op == Op::Open {
            return Err(Malformed);
        }
        apply(op, &mut values)?;
    }
    match values.as_slice() {
        [one] => Ok(*one),
        _ => Err(Malformed),
    }
}

/// Applies the `!`s written just before an operand that is now complete (prefix `!` binds
/// tighter than anything).
fn close_operand(ops: &mut Vec<Op>, values: &mut Vec<Implied>) -> Result<(), Malformed> {
    while ops.last() == Some(&Op::Not) {
        ops.pop();
        apply(Op::Not, values)?;
    }
    Ok(())
}

fn precedence(op: Op) -> u8 {
    match op {
        Op::Or => 1,
        Op::And => 2,
        Op::Not => 3,
        Op::Open => 0,
    }
}

fn apply(op: Op, values: &mut Vec<Implied>) -> Result<(), Malformed> {
    let right = values.pop().ok_or(Malformed)?;
    let folded = match op {
        // `!go1.22` only says "older than 1.22": no minimum.
        Op::Not => None,
        Op::And => {
            let left = values.pop().ok_or(Malformed)?;
            // Both sides must hold, so the stricter minimum wins; a side without one adds
            // nothing.
            match (left, right) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            }
        }
        Op::Or => {
            let left = values.pop().ok_or(Malformed)?;
            // Either side may hold, so only a minimum both sides share is implied.
            match (left, right) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            }
        }
        Op::Open => return Err(Malformed),
    };
    values.push(folded);
    Ok(())
}

/// Characters of a build tag, as Go's `go/build/constraint` lexes them.
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// `go1.N` implies N; every other tag (including `go1.21rc1` or `go1.21.3`) implies nothing.
fn tag_implies(tag: &str) -> Implied {
    let minor = tag.strip_prefix("go1.")?;
    if minor.is_empty() || !minor.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    minor.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_tags() {
        assert_eq!(parse("go1.23"), Ok(Some(23)));
        assert_eq!(parse("linux"), Ok(None));
        assert_eq!(parse("go1.21rc1"), Ok(None));
        assert_eq!(parse("go1.21.3"), Ok(None));
        assert_eq!(parse("ignore"), Ok(None));
    }

    #[test]
    fn negation_implies_nothing() {
        assert_eq!(parse("!go1.22"), Ok(None));
        assert_eq!(parse("!!go1.22"), Ok(None));
        assert_eq!(parse("!(go1.22 && linux)"), Ok(None));
    }

    #[test]
    fn and_takes_the_max_and_ignores_sides_without_a_version() {
        assert_eq!(parse("go1.21 && go1.23"), Ok(Some(23)));
        assert_eq!(parse("linux && go1.22"), Ok(Some(22)));
        assert_eq!(parse("linux && amd64"), Ok(None));
    }

    #[test]
    fn or_takes_the_min_only_when_both_sides_have_one() {
        assert_eq!(parse("go1.21 || go1.22"), Ok(Some(21)));
        assert_eq!(parse("go1.22 || linux"), Ok(None));
        assert_eq!(parse("(linux && go1.23) || go1.24"), Ok(Some(23)));
    }

    #[test]
    fn precedence_is_not_over_and_over_or() {
        // go1.20 || (go1.22 && go1.24): min(20, 24)
        assert_eq!(parse("go1.20 || go1.22 && go1.24"), Ok(Some(20)));
        // (go1.22 && go1.24) || go1.20
        assert_eq!(parse("go1.22 && go1.24 || go1.20"), Ok(Some(20)));
        // (!go1.25) && go1.22
        assert_eq!(parse("!go1.25 && go1.22"), Ok(Some(22)));
        assert_eq!(parse("(go1.20 || go1.22) && go1.21"), Ok(Some(21)));
    }

    #[test]
    fn malformed_expressions_imply_nothing() {
        for bad in [
            "",
            "&&",
            "go1.22 &&",
            "go1.22 & linux",
            "(go1.22",
            "go1.22)",
            "go1.22 linux",
            "()",
            "go1.22 // comment",
            "!",
            "a || || b",
            "go1.22 !",
        ] {
            assert_eq!(parse(bad), Err(Malformed), "{bad:?}");
            assert_eq!(implied_minimum(bad), None);
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let expr = format!("{}go1.23{}", "(".repeat(depth), ")".repeat(depth));
        assert_eq!(parse(&expr), Ok(Some(23)));
        let nots = format!("{}go1.23", "!".repeat(depth));
        assert_eq!(parse(&nots), Ok(None));
    }
}
