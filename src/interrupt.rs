//! Ctrl-C. While gofix is only reading and analysing, it stops at once: nothing has been
//! written and no temporary file exists. Once it writes, the file being written is finished
//! (its temporary file renamed over the old one) and the files after it are left as they
//! are, so every file is either old or new and no temporary file stays behind.

use std::sync::atomic::{AtomicU8, Ordering};

const ANALYSING: u8 = 0;
const WRITING: u8 = 1;
const INTERRUPTED: u8 = 2;

/// The exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

static STATE: AtomicU8 = AtomicU8::new(ANALYSING);

/// Take over Ctrl-C for this process. Call once, before any work.
pub fn install() {
    // Failing to install (another handler is set) keeps the default: die at once, which is
    // still safe while nothing is written.
    let _ = ctrlc::set_handler(|| {
        if STATE
            .compare_exchange(ANALYSING, INTERRUPTED, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            eprintln!("gofix: interrupted; no file was changed");
            std::process::exit(EXIT_INTERRUPTED.into());
        }
        STATE.store(INTERRUPTED, Ordering::SeqCst);
    });
}

/// From here on, Ctrl-C lets the current file finish instead of stopping the process.
pub fn begin_writing() {
    let _ = STATE.compare_exchange(ANALYSING, WRITING, Ordering::SeqCst, Ordering::SeqCst);
}

/// Ctrl-C arrived after writing began: write nothing more.
pub fn interrupted() -> bool {
    STATE.load(Ordering::SeqCst) == INTERRUPTED
}
