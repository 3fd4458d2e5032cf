//! The passes, one per mistake. Each file holds the violation struct (whose doc comment is the
//! rule's documentation), its metadata, and the pass function the registry dispatches to.

/// Declare a rule: the doc comment becomes both the struct's rustdoc and the text
/// `gofix rule CODE` prints, so the two cannot drift apart.
macro_rules! define_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            item: $item:literal,
            severity: $severity:ident,
            fix: $fix:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const RULE: $crate::diagnostic::Rule = $crate::diagnostic::Rule {
                code: $code,
                name: $kebab,
                checklist_item: $item,
                severity: $crate::diagnostic::Severity::$severity,
                fix: $crate::diagnostic::FixAvailability::$fix,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

mod defer_unlock_fix;

pub mod defer_unlock_in_loop;
pub mod deferred_lock;
pub mod empty_critical_section;
pub mod lock_held_on_return;
pub mod lock_without_deferred_unlock;
pub mod mismatched_unlock;

/// Node kinds of function bodies, for passes that work per function.
pub const FUNCTION_KINDS: &[&str] = &["function_declaration", "method_declaration", "func_literal"];

use tree_sitter::Node;

use crate::diagnostic::TextRange;

/// The byte range of a node.
pub(crate) fn range(node: Node<'_>) -> TextRange {
    TextRange::new(node.start_byte(), node.end_byte())
}
