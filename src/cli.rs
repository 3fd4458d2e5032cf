//! The command line, as clap derives it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::discover::GoVersion;

/// Find and fix the Go concurrency mistakes of review checklists.
#[derive(Debug, Parser)]
#[command(name = "gofix", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report findings (the default when no subcommand is given).
    Check(CheckArgs),
    /// List every rule: code, name, checklist item, severity, fix.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        output_format: RulesFormat,
    },
    /// Print one rule's documentation.
    Rule {
        /// A rule code such as GF101.
        code: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files or directories to check (default: the current directory); `-` reads stdin.
    pub paths: Vec<PathBuf>,
    /// Print the fixes as a unified diff instead of writing them; exit 1 if a file would change.
    #[arg(long, conflicts_with = "write")]
    pub dry_run: bool,
    /// Apply the fixes in place, then list the findings that remain.
    #[arg(long)]
    pub write: bool,
    /// Also apply fixes that may change behaviour.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Only these rules: codes (GF101), prefixes (GF1) or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Leave out these rules: codes, prefixes or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The Go language version to assume instead of go.mod's (e.g. 1.21).
    #[arg(long, value_parser = parse_go_version)]
    pub go_version: Option<GoVersion>,
    /// Exit 0 even when findings remain.
    #[arg(long)]
    pub exit_zero: bool,
    /// Also check files marked `// Code generated … DO NOT EDIT.`
    #[arg(long)]
    pub include_generated: bool,
    /// GF101: leave straight-line critical sections (no branch, loop or call) alone.
    #[arg(long)]
    pub allow_straight_line: bool,

    /// GF212: report constant channel buffers of this many elements or more.
    #[arg(long, value_name = "N", default_value_t = crate::config::DEFAULT_MAX_CHANNEL_BUFFER)]
    pub max_channel_buffer: u64,
    /// GF110: upgrade a mutex when its read-only sections are at least this many times its
    /// writing ones.
    #[arg(long, value_name = "RATIO", default_value_t = crate::config::DEFAULT_RWMUTEX_MIN_RATIO)]
    pub rwmutex_min_ratio: f64,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The path of the file read from stdin (for messages and its go.mod).
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output_format: OutputFormat,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Print the Go language version of each file in PATHS and why (go.mod, build line,
    /// --go-version), instead of checking.
    #[arg(long, requires = "paths", conflicts_with_all = ["write", "dry_run"])]
    pub explain_version: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

fn parse_go_version(s: &str) -> Result<GoVersion, String> {
    GoVersion::parse(s).ok_or_else(|| format!("`{s}` is not a Go version; write it as 1.21"))
}
