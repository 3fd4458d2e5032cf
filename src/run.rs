//! One run of gofix: discover, check or fix every package in parallel, then print and write.

use std::collections::HashSet;
use std::io::{IsTerminal, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::{Cache, Hit};
use crate::cli::{CheckArgs, Cli, ColorChoice, Command, RulesFormat};
use crate::config::Settings;
use crate::config_file;
use crate::discover::{
    DiscoverOptions, DiscoveredFile, GoVersion, PackageFiles, discover, explain_versions,
};
use crate::fix::Applicability;
use crate::fix::engine::{FileReport, run_package_with};
use crate::new_from_rev::ChangedLines;
use crate::prefilter::Prefilter;
use crate::registry::{RULES, by_code};
use crate::render::output::{Findings, resolve_format};
use crate::render::progress::Progress;
use crate::render::statistics::AppliedFixes;
use crate::render::text::{Style, Totals, summary};
use crate::render::{diff, display_path, rules};
use crate::selection;
use crate::source::SourceFile;
use crate::write::{WriteError, write_atomically};

/// Nothing found, nothing would change.
pub const EXIT_CLEAN: u8 = 0;
/// Findings remain, or a file would change under `--dry-run`.
pub const EXIT_FINDINGS: u8 = 1;
/// gofix itself failed somewhere (the rest of the run still happened).
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    DryRun,
    Write,
}

/// Run the command line and return the process exit status.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Some(Command::Rules { output_format }) => {
            let all: Vec<_> = RULES.iter().map(|e| e.rule).collect();
            let out = match output_format {
                RulesFormat::Text => rules::table(&all),
                RulesFormat::Json => rules::json(&all),
            };
            print_stdout(&out);
            EXIT_CLEAN
        }
        Some(Command::Rule { code }) => match by_code(&code) {
            Some(entry) => {
                print_stdout(&rules::documentation(entry.rule));
                EXIT_CLEAN
            }
            None => {
                eprintln!("gofix: error: no rule `{code}`; `gofix rules` lists them");
                EXIT_ERROR
            }
        },
        Some(Command::Completions { shell }) => {
            print_stdout(&crate::render::completions::script(shell));
            EXIT_CLEAN
        }
        Some(Command::Config(args)) => match config_file::resolve(&args) {
            Ok(config) => {
                print_stdout(&config.to_toml());
                EXIT_CLEAN
            }
            Err(e) => {
                eprintln!("gofix: error: {e}");
                EXIT_ERROR
            }
        },
        Some(Command::Check(args)) => check(&args),
        None => check(&cli.check),
    }
}

fn print_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`gofix rules | head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
}

/// What one package's task produced.
struct PackageOutcome {
    reports: Vec<FileReport>,
    /// Messages naming a path: unreadable files, internal errors.
    errors: Vec<String>,
}

fn check(args: &CheckArgs) -> u8 {
    // gofix.toml merged with the flags: the rules, the fix level, the discovery options.
    let config = match config_file::resolve(args) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("gofix: error: {e}");
            return EXIT_ERROR;
        }
    };
    if args.explain_version {
        // Say where an overriding version came from: the flag, or the configuration file.
        let from = match (&args.go_version, &config.source) {
            (None, config_file::Source::File(path)) => format!("go-version in {path}"),
            _ => "--go-version".to_owned(),
        };
        return explain_version(args, config.discover.go_version, &from);
    }
    let (settings, options) = (config.settings.clone(), config.discover.clone());
    let mode = if args.write {
        Mode::Write
    } else if args.dry_run {
        Mode::DryRun
    } else {
        Mode::Check
    };
    let mut errors: Vec<String> = Vec::new();
    let stdin_mode = args.paths.len() == 1 && args.paths[0] == Path::new("-");
    // `--new-from-rev`: which lines count, asked of git before anything is read.
    let changed = match crate::new_from_rev::for_args(args.new_from_rev.as_deref(), stdin_mode) {
        Ok(changed) => changed,
        Err(e) => {
            eprintln!("gofix: error: {e}");
            return EXIT_ERROR;
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("gofix: error: cannot start worker threads: {e}");
            return EXIT_ERROR;
        }
    };
    let (packages, stdin_text) = if stdin_mode {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("gofix: error: cannot read stdin: {e}");
            return EXIT_ERROR;
        }
        (
            stdin_package(args.stdin_filename.as_deref(), &options),
            Some(bytes),
        )
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        // Discovery reads every file's header, on the same threads as the rest.
        let discovery = pool.install(|| discover(&paths, &options));
        errors.extend(discovery.errors.iter().map(|e| e.to_string()));
        (config.exclude(discovery.packages), None)
    };

    // The prefilter and the cache stay off for stdin (the file is echoed by `--write`
    // whatever it holds) and the cache for `--new-from-rev` (its line sets are not in the
    // key).
    let prefilter = (!args.no_prefilter && !stdin_mode).then(|| Prefilter::new(&settings.rules));
    let cache = (!args.no_cache && !stdin_mode && changed.is_none()).then(|| {
        let config_file = match &config.source {
            config_file::Source::File(path) => Some(Path::new(path.as_str())),
            _ => None,
        };
        Cache::new(&crate::cache::root(config_file), &settings, &options)
    });
    let speedups = Speedups {
        prefilter: prefilter.as_ref(),
        cache: cache.as_ref(),
    };
    let progress = Progress::start(packages.len(), args.quiet);
    let outcomes: Vec<PackageOutcome> = pool.install(|| {
        packages
            .par_iter()
            .map(|p| {
                process_package(
                    p,
                    &settings,
                    mode,
                    stdin_text.as_deref(),
                    changed.as_ref(),
                    &speedups,
                )
            })
            .inspect(|_| progress.package_done())
            .collect()
    });
    progress.finish();
    if let Some(cache) = &cache
        && std::env::var(crate::cache::STATS_ENV).is_ok_and(|v| v == "1")
    {
        let (hits, misses, written) = cache.stats();
        eprintln!("gofix: cache: {hits} hits, {misses} misses, {written} written");
    }
    if let Some(prefilter) = &prefilter
        && std::env::var(crate::prefilter::STATS_ENV).is_ok_and(|v| v == "1")
    {
        eprintln!("gofix: prefilter: {}", prefilter.summary());
    }
    if args.add_ignore {
        errors.extend(outcomes.iter().flat_map(|o| o.errors.iter().cloned()));
        return add_ignore(
            outcomes.iter().flat_map(|o| &o.reports),
            errors,
            args,
            stdin_mode,
        );
    }

    let style = Style {
        color: use_color(args.color),
    };
    let mut totals = Totals::default();
    let mut stdout = String::new();
    let mut findings = Findings::new(resolve_format(args.output_format), args.statistics, style);
    let mut applied = AppliedFixes::default();
    // Files a Ctrl-C kept from being written (see `interrupt`).
    let mut left_unwritten = 0;
    if mode == Mode::Write {
        crate::interrupt::begin_writing();
    }
    for outcome in &outcomes {
        errors.extend(outcome.errors.iter().cloned());
        for report in outcome.reports.iter().filter(|r| r.file.target) {
            let path = if stdin_mode && args.stdin_filename.is_none() {
                "-".to_owned()
            } else {
                display_path(&report.file.path)
            };
            if let Some(gap) = report.syntax_gap {
                let (row, col) = report.file.location(gap);
                eprintln!(
                    "{path}:{row}:{col}: syntax gofix does not understand; the enclosing function is skipped"
                );
                totals.syntax_gaps += 1;
            }
            if let Some(codes) = &report.broken_fix {
                errors.push(format!(
                    "{path}: fixes by {} would break this file's syntax; it was left unchanged (please report this)",
                    codes.join(", ")
                ));
            }
            if !report.not_converged.is_empty() {
                eprintln!(
                    "{path}: warning: fixes by {} were still applying after {} rounds",
                    report.not_converged.join(", "),
                    crate::fix::engine::MAX_ROUNDS
                );
            }
            let changed = report.file.is_changed();
            totals.fixed += report.fixed.values().sum::<usize>();
            applied.add(&path, &report.fixed);
            if changed {
                totals.files_changed += 1;
            }
            match mode {
                Mode::DryRun if changed => {
                    stdout.push_str(&diff::unified(
                        &path,
                        report.file.original(),
                        &report.file.contents(),
                    ));
                }
                // A stdin filter always echoes the file, fixed or not, so editors can
                // replace their buffer with whatever comes back.
                Mode::Write if stdin_mode => {
                    print_stdout(&String::from_utf8_lossy(&report.file.contents()));
                }
                Mode::Write if changed => {
                    match write_atomically(
                        &report.file.path,
                        report.file.original(),
                        &report.file.contents(),
                    ) {
                        Ok(()) => {}
                        Err(WriteError::Interrupted { .. }) => left_unwritten += 1,
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                _ => {}
            }
            for d in &report.diagnostics {
                totals.findings += 1;
                match d.fix.as_ref().map(|f| f.applicability) {
                    Some(Applicability::Safe) => totals.safe_fixable += 1,
                    Some(Applicability::Unsafe) => totals.unsafe_fixable += 1,
                    _ => {}
                }
                if mode == Mode::DryRun {
                    continue;
                }
                let sibling = |p: &Path| {
                    outcome
                        .reports
                        .iter()
                        .find(|r| r.file.path == p)
                        .map(|r| &r.file)
                };
                findings.push(&path, &report.file, d, sibling);
            }
        }
    }
    if mode != Mode::DryRun {
        let rendered = findings.render();
        if stdin_mode && mode == Mode::Write {
            // stdout carries the fixed source; findings must not be mixed into it.
            eprint!("{rendered}");
        } else {
            stdout.push_str(&rendered);
        }
    }
    if args.show_fixes && mode != Mode::Check {
        eprint!("{}", applied.render(mode == Mode::DryRun));
    }
    print_stdout(&stdout);
    for error in &errors {
        eprintln!("gofix: error: {error}");
    }
    totals.errors = errors.len();
    if !args.quiet {
        eprintln!("{}", summary(&totals, mode));
    }

    if left_unwritten > 0 {
        eprintln!(
            "gofix: interrupted; {left_unwritten} more file(s) would have been fixed and were left as they were"
        );
        return crate::interrupt::EXIT_INTERRUPTED;
    }
    if !errors.is_empty() {
        EXIT_ERROR
    } else if args.exit_zero {
        EXIT_CLEAN
    } else if mode == Mode::DryRun {
        if totals.files_changed > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    } else if totals.findings > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// `--add-ignore`: directives for the findings of a check run, written in place; exit 2 if
/// anything failed (the other files are still annotated).
fn add_ignore<'a>(
    reports: impl Iterator<Item = &'a FileReport>,
    mut errors: Vec<String>,
    args: &CheckArgs,
    stdin_mode: bool,
) -> u8 {
    if stdin_mode {
        eprintln!("gofix: error: --add-ignore writes files in place; it cannot annotate stdin");
        return EXIT_ERROR;
    }
    let added = crate::add_ignore::add_ignores(reports);
    errors.extend(added.errors.iter().cloned());
    for error in &errors {
        eprintln!("gofix: error: {error}");
    }
    if !args.quiet {
        eprintln!("{}", added.summary());
    }
    if errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// `--explain-version`: each file's language version and why; exit 2 if any file could not
/// be explained fully (the others still are).
fn explain_version(args: &CheckArgs, go_version: Option<GoVersion>, from: &str) -> u8 {
    let report = explain_versions(&args.paths, go_version, from);
    print_stdout(&report.text);
    for error in &report.errors {
        eprintln!("gofix: error: {error}");
    }
    if report.errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// The package of a file read from stdin: the package of `--stdin-filename` when it exists
/// on disk (its siblings give context, its go.mod the version), else the file alone.
fn stdin_package(filename: Option<&Path>, options: &DiscoverOptions) -> Vec<PackageFiles> {
    if let Some(name) = filename
        && name.is_file()
    {
        let found = discover(&[name.to_path_buf()], options);
        if !found.packages.is_empty() {
            return found.packages;
        }
    }
    let path = filename.map_or_else(|| PathBuf::from("-"), Path::to_path_buf);
    vec![PackageFiles {
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        name: String::new(),
        files: vec![DiscoveredFile {
            path,
            target: true,
            go_version: options.go_version,
        }],
    }]
}

/// Read, check and maybe fix one package. A panic is caught and reported for the package,
/// so the other packages still get their results.
fn process_package(
    package: &PackageFiles,
    settings: &Settings,
    mode: Mode,
    stdin_text: Option<&[u8]>,
    changed: Option<&ChangedLines>,
    speedups: &Speedups<'_>,
) -> PackageOutcome {
    let mut errors = Vec::new();
    let mut read: Vec<(&DiscoveredFile, Vec<u8>)> = Vec::new();
    for found in &package.files {
        let bytes = match (stdin_text, found.target) {
            (Some(text), true) => Ok(text.to_vec()),
            _ => std::fs::read(&found.path),
        };
        match bytes {
            Ok(bytes) => read.push((found, bytes)),
            Err(e) => errors.push(format!("{}: cannot read: {e}", display_path(&found.path))),
        }
    }
    // Every file was read: the cache may answer for the package (a fix run only when no fix
    // would apply, so the answer is the check result).
    let cached = speedups.cache.filter(|_| errors.is_empty()).map(|cache| {
        let contents: Vec<&[u8]> = read.iter().map(|(_, b)| b.as_slice()).collect();
        (cache, cache.key(package, &contents))
    });
    if let Some((cache, key)) = &cached
        && let Some(hit) = cache.get(key)
        && (mode == Mode::Check || !hit.fix_applies(settings.unsafe_fixes))
        && let Some(reports) = reports_from_cache(hit, package, &mut read)
    {
        cache.record(true);
        return PackageOutcome { reports, errors };
    }
    if let Some((cache, _)) = &cached {
        cache.record(false);
    }
    let fix = mode != Mode::Check;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // The files no enabled rule can reach stay unparsed; with no prefilter, all are
        // parsed. Encoding errors are reported either way.
        let (files, index) = match speedups.prefilter {
            Some(prefilter) => {
                let mut failed = Vec::new();
                let selection = selection::select(&read, prefilter, &mut failed);
                for (i, e) in failed {
                    errors.push(format!("{}: {e}", display_path(&read[i].0.path)));
                }
                match selection {
                    Some(s) => (s.files, Some(s.index)),
                    None => (Vec::new(), None),
                }
            }
            None => {
                let mut files = Vec::new();
                for (found, bytes) in read {
                    match SourceFile::new(found.path.clone(), bytes, found.go_version, found.target)
                    {
                        Ok(file) => files.push(file),
                        Err(e) => errors.push(format!("{}: {e}", display_path(&found.path))),
                    }
                }
                (files, None)
            }
        };
        run_package_with(files, index, settings, fix, changed)
    }));
    match outcome {
        Ok(mut reports) => {
            // Only a check result is stored: a fix run that changed nothing gave one.
            if let Some((cache, key)) = &cached
                && errors.is_empty()
                && reports.iter().all(|r| {
                    !r.file.is_changed() && r.broken_fix.is_none() && r.not_converged.is_empty()
                })
            {
                cache.put(key, package, &reports);
            }
            for report in &mut reports {
                report.file.release_tree();
            }
            // A stdin filter echoes its file whatever it holds.
            if stdin_text.is_none() {
                keep_reported(&mut reports);
            }
            PackageOutcome { reports, errors }
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            errors.push(format!(
                "{}: internal error while checking this package: {what} (please report this; its files were left unchanged)",
                display_path(&package.dir)
            ));
            PackageOutcome {
                reports: Vec::new(),
                errors,
            }
        }
    }
}

/// What may spare a package its parse: the prefilter and the findings cache, each off when
/// its flag says so or the run cannot use it.
struct Speedups<'a> {
    prefilter: Option<&'a Prefilter>,
    cache: Option<&'a Cache>,
}

/// Drop the reports with nothing to print or write: no finding, no syntax gap, no change,
/// no trouble, and no fix of another report editing their file. A run holds every package's
/// reports until it prints, and most files of a large tree have nothing to say.
fn keep_reported(reports: &mut Vec<FileReport>) {
    let edited: HashSet<PathBuf> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .flat_map(|d| d.fix.iter().flat_map(|f| f.other_files()))
        .cloned()
        .collect();
    reports.retain(|r| {
        !r.diagnostics.is_empty()
            || r.syntax_gap.is_some()
            || !r.fixed.is_empty()
            || r.broken_fix.is_some()
            || !r.not_converged.is_empty()
            || r.file.is_changed()
            || edited.contains(&r.file.path)
    });
}

/// The reports of a cache hit: the files with findings (and the files their fixes edit) are
/// made `SourceFile`s again for the renderers; the others report nothing. `None` if a file
/// cannot be rebuilt (then the package is checked as if there were no entry).
fn reports_from_cache(
    hit: Hit,
    package: &PackageFiles,
    read: &mut [(&DiscoveredFile, Vec<u8>)],
) -> Option<Vec<FileReport>> {
    let needed = hit.needed_files(package);
    let mut found: std::collections::HashMap<usize, _> = hit
        .files
        .into_iter()
        .map(|(i, gap, d)| (i, (gap, d)))
        .collect();
    let mut reports = Vec::with_capacity(needed.len());
    for index in needed {
        let (info, bytes) = read.get_mut(index)?;
        // Checked before the bytes are taken, so a refusal leaves `read` whole for the check.
        std::str::from_utf8(bytes).ok()?;
        let file = SourceFile::unparsed(
            info.path.clone(),
            std::mem::take(bytes),
            info.go_version,
            info.target,
        )
        .ok()?;
        let (syntax_gap, diagnostics) = found.remove(&index).unwrap_or_default();
        let report = FileReport {
            file,
            diagnostics,
            fixed: std::collections::BTreeMap::new(),
            syntax_gap,
            broken_fix: None,
            not_converged: Vec::new(),
        };
        reports.push(report);
    }
    Some(reports)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
