use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = gofix::cli::Cli::parse();
    gofix::interrupt::install();
    ExitCode::from(gofix::run::run(cli))
}
