use std::process::ExitCode;

use clap::Parser;

/// mimalloc, which also serves tree-sitter's C allocations (the `override` feature): parsing
/// and dropping syntax trees is mostly small allocations, and the system allocator spent a
/// tenth of a standard-library run consolidating them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = gofix::cli::Cli::parse();
    gofix::interrupt::install();
    ExitCode::from(gofix::run::run(cli))
}
