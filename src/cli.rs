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
    /// Print the merged settings (gofix.toml and flags) as TOML, naming the file read.
    Config(CheckArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
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
    #[arg(long, overrides_with = "no_unsafe_fixes")]
    pub unsafe_fixes: bool,
    /// Apply safe fixes only, whatever gofix.toml's `unsafe-fixes` says.
    #[arg(long, overrides_with = "unsafe_fixes")]
    pub no_unsafe_fixes: bool,
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
    /// Print the findings only: no summary, no progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Also check files marked `// Code generated … DO NOT EDIT.`
    #[arg(long)]
    pub include_generated: bool,
    /// GF101: leave straight-line critical sections (no branch, loop or call) alone.
    #[arg(long)]
    pub allow_straight_line: bool,

    /// GF212: report constant channel buffers of this many elements or more [default: 10000].
    #[arg(long, value_name = "N")]
    pub max_channel_buffer: Option<u64>,
    /// GF110: upgrade a mutex when its read-only sections are at least this many times its
    /// writing ones [default: 1].
    #[arg(long, value_name = "RATIO")]
    pub rwmutex_min_ratio: Option<f64>,
    /// Read this configuration file instead of the nearest gofix.toml or .gofix.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Read no configuration file: defaults and command-line flags only.
    #[arg(long)]
    pub isolated: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The path of the file read from stdin (for messages and its go.mod).
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// How to print findings (default: `full` on a terminal, else `concise`).
    #[arg(long, value_enum)]
    pub output_format: Option<OutputFormat>,
    /// Print how many findings each rule has (and how many are fixable) instead of the
    /// findings.
    #[arg(long, conflicts_with = "dry_run")]
    pub statistics: bool,
    /// With --write (or --dry-run): list per file, on stderr, the fixes applied, by code.
    #[arg(long)]
    pub show_fixes: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Print the Go language version of each file in PATHS and why (go.mod, build line,
    /// --go-version), instead of checking.
    #[arg(long, requires = "paths", conflicts_with_all = ["write", "dry_run"])]
    pub explain_version: bool,
    /// Report (and with --write or --dry-run fix) only findings on lines added or changed
    /// since the git revision REV (`git diff REV`: staged and unstaged changes alike; untracked
    /// files are new in every line), or inside a function below such a line. Works from any
    /// subdirectory of the repository.
    #[arg(long, value_name = "REV", conflicts_with = "explain_version")]
    pub new_from_rev: Option<String>,
    /// Neither read nor write the findings cache (`.gofix_cache/` in the directory of
    /// gofix.toml, else the current directory).
    #[arg(long)]
    pub no_cache: bool,
    /// Parse every package, even those where no enabled rule can fire (for checking that
    /// the prefilter changes no finding).
    #[arg(long, hide = true)]
    pub no_prefilter: bool,
    /// Silence every current finding in PATHS with a `//gofix:ignore CODES TODO: reason` line
    /// above it (existing directives for the line are extended), then print how many were
    /// added. Running it again adds nothing.
    #[arg(long, conflicts_with_all = ["write", "dry_run", "statistics", "explain_version"])]
    pub add_ignore: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Each finding with its source line, a caret under the range and the fix title.
    Full,
    /// One line per finding (`text` is an alias).
    #[value(alias = "text")]
    Concise,
    /// One JSON array of findings.
    Json,
    /// One JSON object per line, with the fields of `json`.
    JsonLines,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

fn parse_go_version(s: &str) -> Result<GoVersion, String> {
    GoVersion::parse(s).ok_or_else(|| format!("`{s}` is not a Go version; write it as 1.21"))
}
