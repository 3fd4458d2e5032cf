use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds `make(chan T, N)` whose buffer is a constant expression of literals (`1 << 20`,
    /// `100_000`, `64 * 1024`) at or above `--max-channel-buffer` (default 10 000).
    ///
    /// ## Why is this bad?
    /// A huge buffer is usually a way of not deciding what happens when the consumer falls
    /// behind: the memory is reserved up front (N times the element size), latency grows
    /// with the queue, and the deadlock it was meant to avoid comes back, only later and
    /// under load.
    ///
    /// ## Example
    /// ```go
    /// events := make(chan Event, 1_000_000)
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// events := make(chan Event, 128) // and decide what to do when it is full
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the right size, and the policy when the buffer fills, are design decisions.
    ///
    /// ## Known problems
    /// Sizes given by named constants or variables are not evaluated.
    ///
    /// ## References
    /// - Checklist item 5, "Buffer Channels Appropriately"
    pub struct OversizedChannelBuffer {
        code: "GF212",
        name: "oversized-channel-buffer",
        item: 5,
        severity: Low,
        fix: None,
    }
}

pub fn check<'a>(call: Node<'a>, checker: &mut Checker<'a>) {
    let src = checker.text();
    if call
        .field("function")
        .is_none_or(|f| &src[f.byte_range()] != "make")
    {
        return;
    }
    let Some(args) = call.field("arguments") else {
        return;
    };
    if args
        .named_child(0)
        .is_none_or(|t| t.kind_name() != "channel_type")
    {
        return;
    }
    let Some(size) = args.named_child(1).and_then(|n| constant_value(n, src)) else {
        return;
    };
    let bound = checker.settings.max_channel_buffer;
    if size < i128::from(bound) {
        return;
    }
    let message = format!(
        "a channel buffer of {size} elements (the bound is {bound}, see --max-channel-buffer)"
    );
    checker.report(Diagnostic::new(
        &OversizedChannelBuffer::RULE,
        range(call),
        message,
    ));
}

/// The value of an integer constant expression built from literals, or `None` (a name, a
/// call, an overflow, a division by zero).
fn constant_value(node: Node<'_>, src: &str) -> Option<i128> {
    match node.kind_name() {
        "int_literal" => int_literal(&src[node.byte_range()]),
        "parenthesized_expression" => constant_value(node.named_child(0)?, src),
        "unary_expression" => {
            let value = constant_value(node.field("operand")?, src)?;
            match node.child(0)?.kind_name() {
                "-" => value.checked_neg(),
                "+" => Some(value),
                _ => None,
            }
        }
        "binary_expression" => {
            let l = constant_value(node.field("left")?, src)?;
            let r = constant_value(node.field("right")?, src)?;
            match node.field("operator")?.kind_name() {
                "+" => l.checked_add(r),
                "-" => l.checked_sub(r),
                "*" => l.checked_mul(r),
                "/" => l.checked_div(r),
                "<<" => u32::try_from(r)
                    .ok()
                    .filter(|s| *s < 64)
                    .and_then(|s| l.checked_shl(s)),
                ">>" => u32::try_from(r).ok().filter(|s| *s < 128).map(|s| l >> s),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A Go integer literal: decimal, `0x`, `0o`/`0` octal, `0b`, with `_` separators.
fn int_literal(text: &str) -> Option<i128> {
    let digits = text.replace('_', "");
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = if let Some(hex) = lower.strip_prefix("0x") {
        (16, hex.to_owned())
    } else if let Some(bin) = lower.strip_prefix("0b") {
        (2, bin.to_owned())
    } else if let Some(oct) = lower.strip_prefix("0o") {
        (8, oct.to_owned())
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_owned())
    } else {
        (10, lower)
    };
    i128::from_str_radix(&body, radix).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::test_support::{find, parse};

    fn value(expr: &str) -> Option<i128> {
        let src = format!("package p\n\nvar x = {expr}\n");
        let tree = parse(&src);
        let spec = find(tree.root_node(), &src, "var_spec", "x");
        let node = spec.field("value")?.named_child(0)?;
        constant_value(node, &src)
    }

    #[test]
    fn evaluates_constant_expressions_of_literals() {
        assert_eq!(value("10_000"), Some(10_000));
        assert_eq!(value("1 << 20"), Some(1 << 20));
        assert_eq!(value("64 * 1024"), Some(65_536));
        assert_eq!(value("(2 + 3) * 1000"), Some(5000));
        assert_eq!(value("0x10"), Some(16));
        assert_eq!(value("0o17"), Some(15));
        assert_eq!(value("017"), Some(15));
        assert_eq!(value("0b101"), Some(5));
        assert_eq!(value("size"), None);
        assert_eq!(value("1 << 200"), None);
        assert_eq!(value("1 / 0"), None);
    }
}
