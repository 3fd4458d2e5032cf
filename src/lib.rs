//! gofix: finds the Go concurrency mistakes teams put on review checklists, and fixes them.
//!
//! Data flow: [`discover`] finds packages, [`run`] checks each package in parallel through
//! the [`fix::engine`] loop (which calls [`checker::check_file`] to dispatch syntax nodes to
//! the passes in [`transforms`]), and [`render`] prints the results.

#[macro_use]
pub mod transforms;

pub mod add_ignore;
pub mod cache;
pub mod checker;
pub mod cli;
pub mod config;
pub mod config_file;
pub mod diagnostic;
pub mod discover;
pub mod fix;
pub mod interrupt;
pub mod lock_index;
pub mod new_from_rev;
pub mod package;
pub mod prefilter;
pub mod registry;
pub mod render;
pub mod run;
pub mod selection;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod write;
