//! The progress bar on stderr while many packages are checked, on a terminal only.

use std::ffi::OsStr;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs over fewer packages than this mostly finish within a second: too soon for a bar to
/// help.
pub const MIN_PACKAGES: usize = 100;

/// A bar counting finished packages, or nothing when it is not wanted.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar over `packages` packages when it is wanted: see [`wanted`].
    pub fn start(packages: usize, quiet: bool) -> Self {
        let ci = std::env::var_os("CI");
        if !wanted(
            packages,
            quiet,
            std::io::stderr().is_terminal(),
            ci.as_deref(),
        ) {
            return Self(None);
        }
        let bar =
            ProgressBar::with_draw_target(Some(packages as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("checking [{bar:30}] {pos}/{len} packages ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Self(Some(bar))
    }

    /// One more package done. Callable from any worker thread.
    pub fn package_done(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Erase the bar, before the findings and the summary are printed.
    pub fn finish(self) {
        if let Some(bar) = self.0 {
            bar.finish_and_clear();
        }
    }
}

/// A bar is drawn for a run over at least [`MIN_PACKAGES`] packages, with stderr a terminal,
/// outside CI (`CI` set to anything but empty, `0` or `false`), and without `--quiet`.
pub fn wanted(packages: usize, quiet: bool, stderr_is_terminal: bool, ci: Option<&OsStr>) -> bool {
    let in_ci = ci.is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
    packages >= MIN_PACKAGES && !quiet && stderr_is_terminal && !in_ci
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_only_for_long_runs_on_a_terminal_outside_ci_without_quiet() {
        let many = MIN_PACKAGES;
        assert!(wanted(many, false, true, None));
        assert!(wanted(many, false, true, Some(OsStr::new("false"))));
        assert!(wanted(many, false, true, Some(OsStr::new(""))));
        assert!(!wanted(many - 1, false, true, None));
        assert!(!wanted(many, true, true, None));
        assert!(!wanted(many, false, false, None));
        assert!(!wanted(many, false, true, Some(OsStr::new("true"))));
        assert!(!wanted(many, false, true, Some(OsStr::new("1"))));
    }
}
