use std::process::ExitCode;

use clap::Parser;

/// mimalloc, which also serves tree-sitter's C allocations (the `override` feature): parsing
/// and dropping syntax trees is mostly small allocations, and the system allocator spent a
/// tenth of a standard-library run consolidating them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e` of mimalloc v3's
/// `mimalloc.h`, which libmimalloc-sys builds): how long freed memory waits before it goes
/// back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Keep freed memory instead of returning it after 10 ms: a run parses and drops
    // thousands of trees, and the kernel zeroing the pages it hands back each time was 6%
    // of a standard-library run. The price is a few tens of MB more at the peak.
    // SAFETY: a plain option setter, called before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let cli = gofix::cli::Cli::parse();
    gofix::interrupt::install();
    ExitCode::from(gofix::run::run(cli))
}
