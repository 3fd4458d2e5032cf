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
mod lines;

pub mod atomic_assigned_back;
pub mod cancel_not_called;
pub mod channel_closed_by_many;
pub mod context_background_in_scope;
pub mod defer_unlock_in_loop;
pub mod deferred_lock;
pub mod double_checked_locking;
pub mod empty_critical_section;
pub mod field_accessed_without_lock;
pub mod global_written_in_goroutine;
pub mod goroutine_without_exit;
pub mod lock_copied;
pub mod lock_held_on_return;
pub mod lock_reentry;
pub mod lock_without_deferred_unlock;
pub mod loop_variable_captured;
pub mod mismatched_unlock;
pub mod mutex_could_be_rwmutex;
pub mod oversized_channel_buffer;
pub mod producer_never_closes;
pub mod receiver_closes_channel;
pub mod redundant_loop_variable_copy;
pub mod request_without_context;
pub mod suppression_without_reason;
pub mod test_fatal_in_goroutine;
pub mod time_after_in_loop;
pub mod time_tick_leak;
pub mod unbuffered_result_leak;
pub mod unbuffered_signal_channel;
pub mod unknown_code_in_suppression;
pub mod unused_suppression;
pub mod waitgroup_add_in_goroutine;
pub mod waitgroup_by_value;
pub mod waitgroup_done_not_deferred;
pub mod waitgroup_wait_in_loop;

/// Node kinds of function bodies, for passes that work per function.
pub const FUNCTION_KINDS: &[&str] = &["function_declaration", "method_declaration", "func_literal"];

use tree_sitter::Node;

use crate::diagnostic::TextRange;
use crate::syntax::NodeKind;

/// The byte range of a node.
pub(crate) fn range(node: Node<'_>) -> TextRange {
    TextRange::new(node.start_byte(), node.end_byte())
}

/// The edit that turns `make(chan T)` or `make(chan T, 0)` into `make(chan T, 1)`.
pub(crate) fn buffer_one_fix(
    ch: &crate::syntax::channels::Channel<'_>,
) -> Option<crate::fix::Edit> {
    use crate::fix::Edit;
    match ch.size {
        Some(size) => Some(Edit::replacement(size.start_byte(), size.end_byte(), "1")),
        None => {
            let args = ch.make.field("arguments")?;
            let elem = args.named_child(0)?;
            // Right after the channel type, before any trailing comma and the `)`.
            Some(Edit::insertion(elem.end_byte(), ", 1"))
        }
    }
}
