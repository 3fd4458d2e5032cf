//! `gofix completions SHELL`: the shell completion script, generated from the clap command.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The completion script for `shell`, for the binary named `gofix`.
pub fn script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gofix", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
