//! Everything gofix prints. Results go to stdout; summaries and warnings to stderr.

pub mod completions;
pub mod diff;
pub mod full;
pub mod github;
pub mod json;
pub mod json_lines;
pub mod output;
pub mod progress;
pub mod rule_docs;
pub mod rules;
pub mod sarif;
pub mod statistics;
pub mod text;

use std::path::Path;

/// A path as people should see it: relative to the current directory when it lies below it,
/// otherwise as given. Always with `/` separators.
pub fn display_path(path: &Path) -> String {
    let shown = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let s = shown.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}
