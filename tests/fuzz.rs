//! Fuzzing the fix engine: real fixture files, mutated (lines and tokens deleted, duplicated
//! and swapped, constructs the rules look for inserted, CRLF, BOM, no final newline), are run
//! through the engine with fixes on, safe only and unsafe too. Every case must hold:
//!
//! a) no panic;
//! b) an input without syntax errors gives an output without syntax errors;
//! c) a second fix pass over the output changes nothing;
//! d) the `--dry-run` diff of one run, applied to the input, gives exactly what a second,
//!    independent `--write` run produces;
//! e) an all-CRLF input stays all-CRLF, an input without CR gets none, no CR is doubled, a
//!    BOM stays;
//! f) the prefilter changes nothing: parsing only the files it selects gives the same
//!    findings and the same fixed files as parsing all of them.
//!
//! A failure prints the input proptest shrank it to (fewest mutations), then the same with lines
//! cut out while it fails the same way, as Rust string literals ready to become regression
//! cases. The run is deterministic: `GOFIX_FUZZ_CASES` (default 150) sets how many inputs,
//! `GOFIX_FUZZ_SEED` (a number, or `random`) the seed, `GOFIX_FUZZ_MAX_MUTATIONS` (default 7)
//! how far inputs stray from the fixtures. A long run:
//! `GOFIX_FUZZ_CASES=20000 GOFIX_FUZZ_SEED=random cargo test --release --test fuzz -- --nocapture`.

mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use gofix::config::Settings;
use gofix::discover::DiscoveredFile;
use gofix::fix::engine::{FileReport, run_package, run_package_with};
use gofix::prefilter::Prefilter;
use gofix::render::diff::unified;
use gofix::source::SourceFile;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};

use common::{Fixture, fixtures};

/// Inputs a plain `cargo test` tries: enough to exercise every kind of mutation, small enough
/// for a debug build on two cores (10 to 20 s, depending on the load).
const DEFAULT_CASES: u32 = 150;

/// Mutations per input at most (`GOFIX_FUZZ_MAX_MUTATIONS`): few keep most inputs close to
/// real code, so fixes still apply; more wreck them further.
const DEFAULT_MAX_MUTATIONS: usize = 7;

/// The seed of a plain `cargo test`: fixed, so CI sees the same inputs every time.
const DEFAULT_SEED: u64 = 0x6f_f1c5;

/// A case running longer than this is reported with its input and the process aborts: a
/// hang would otherwise stall the suite without saying which input.
const DEFAULT_CASE_TIMEOUT_SECS: u64 = 120;

/// Text inserted at the start of a line (indented like it): the shapes the rules look for,
/// suppressions, unbalanced braces and non-ASCII text.
const SNIPPETS: &[&str] = &[
    "mu.Lock()",
    "mu.Unlock()",
    "defer mu.Unlock()",
    "mu.RLock()",
    "defer mu.RUnlock()",
    "s.mu.Lock()\ns.n++\ns.mu.Unlock()",
    "var mu sync.Mutex",
    "var rw sync.RWMutex",
    "m := *s",
    "go func() {\n\twork()\n}()",
    "go func() { use(v) }()",
    "go func() {\n\tdefer wg.Done()\n\tch <- compute()\n}()",
    "var wg sync.WaitGroup",
    "wg.Add(1)",
    "wg.Done()",
    "defer wg.Done()",
    "wg.Wait()",
    "ch := make(chan int)",
    "ch := make(chan int, 100000)",
    "done := make(chan struct{})",
    "close(ch)",
    "ch <- 1",
    "<-ch",
    "for v := range ch {\n\t_ = v\n}",
    "for _, v := range xs { go func() { use(v) }() }",
    "for _, v := range xs {\n\tv := v\n\tgo func() {\n\t\tuse(v)\n\t}()\n}",
    "for i := 0; i < n; i++ {\n\tmu.Lock()\n\tdefer mu.Unlock()\n}",
    "ctx, cancel := context.WithCancel(ctx)",
    "ctx, cancel := context.WithTimeout(context.Background(), time.Second)",
    "defer cancel()",
    "ctx := context.Background()",
    "req, _ := http.NewRequest(\"GET\", url, nil)",
    "select {\ncase <-ctx.Done():\n\treturn\ncase <-time.After(time.Second):\n}",
    "tick := time.Tick(time.Second)",
    "t.Fatal(\"boom\")",
    "n = atomic.AddInt64(&n, 1)",
    "counter++",
    "return",
    "if err != nil {\n\treturn err\n}",
    "}",
    "{",
    "func (s *S) M() {\n\ts.mu.Lock()\n\ts.n++\n\ts.mu.Unlock()\n}",
    "//gofix:ignore GF101",
    "//gofix:ignore GF101 held on purpose",
    "//gofix:ignore GF999 no such rule",
    "//gofix:file-ignore GF102 reason",
    "//nolint",
    "// é 😀 \u{301}",
    "s := \"é€😀\"",
    "x := `raw\nstring`",
    "/* open comment",
    "",
];

/// A position in a list of any length: taken modulo the length, so it shrinks towards the
/// first element.
type Pos = usize;

/// The element `pos` picks of `len` (> 0).
fn at(pos: Pos, len: usize) -> usize {
    pos % len
}

/// One change to a file.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Pos),
    DuplicateLine(Pos),
    SwapLines(Pos, Pos),
    DeleteToken(Pos),
    DuplicateToken(Pos),
    SwapTokens(Pos, Pos),
    /// A snippet of [`SNIPPETS`] before a line (or at the end).
    Insert(Pos, Pos),
    /// One line's `\n` becomes `\r\n`: a file of mixed line endings.
    CrlfLine(Pos),
    /// One line's `\n` becomes a lone `\r`, which Go reads as white space.
    LoneCr(Pos),
    /// A comment of multi-byte characters before a token, so edits later on its line sit at
    /// byte offsets that are not character offsets.
    Wide(Pos),
    /// One line's leading tabs become four spaces each.
    Spaces(Pos),
}

/// A generated input: a fixture, its mutations, then whole-file changes.
#[derive(Debug, Clone)]
struct Case {
    fixture: Pos,
    mutations: Vec<Mutation>,
    crlf: bool,
    bom: bool,
    no_final_newline: bool,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<Pos>;
    prop_oneof![
        2 => index().prop_map(Mutation::DeleteLine),
        2 => index().prop_map(Mutation::DuplicateLine),
        2 => (index(), index()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => index().prop_map(Mutation::DeleteToken),
        2 => index().prop_map(Mutation::DuplicateToken),
        2 => (index(), index()).prop_map(|(a, b)| Mutation::SwapTokens(a, b)),
        6 => (index(), index()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        1 => index().prop_map(Mutation::CrlfLine),
        1 => index().prop_map(Mutation::LoneCr),
        1 => index().prop_map(Mutation::Wide),
        1 => index().prop_map(Mutation::Spaces),
    ]
}

fn case(max_mutations: usize) -> impl Strategy<Value = Case> {
    (
        any::<Pos>(),
        prop::collection::vec(mutation(), 0..=max_mutations),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(fixture, mutations, crlf, bom, no_final_newline)| Case {
            fixture,
            mutations,
            crlf,
            bom,
            no_final_newline,
        })
}

/// Fixtures and their texts, read once.
fn seeds() -> &'static [(Fixture, String)] {
    static SEEDS: OnceLock<Vec<(Fixture, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        fixtures()
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f.path)
                    .unwrap_or_else(|e| panic!("{}: {e}", f.path.display()));
                (f, text)
            })
            .collect()
    })
}

/// Byte ranges of the tokens of `text`: runs of letters, digits and `_`, and single other
/// characters; white space separates them and is no token.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let is_word = c.is_alphanumeric() || c == '_';
        if !is_word && let Some(start) = word.take() {
            out.push((start, i));
        }
        if is_word {
            word.get_or_insert(i);
        } else if !c.is_whitespace() {
            out.push((i, i + c.len_utf8()));
        }
    }
    if let Some(start) = word {
        out.push((start, text.len()));
    }
    out
}

/// The line's content and its terminator (`\n`, `\r\n` or nothing).
fn split_terminator(line: &str) -> (&str, &str) {
    if let Some(body) = line.strip_suffix("\r\n") {
        (body, "\r\n")
    } else if let Some(body) = line.strip_suffix('\n') {
        (body, "\n")
    } else {
        (line, "")
    }
}

fn apply_mutation(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let toks = tokens(text);
    let splice = |range: (usize, usize), with: &str| {
        format!("{}{with}{}", &text[..range.0], &text[range.1..])
    };
    match mutation {
        Mutation::DeleteLine(i) if !lines.is_empty() => {
            lines.remove(at(*i, lines.len()));
        }
        Mutation::DuplicateLine(i) if !lines.is_empty() => {
            let line = at(*i, lines.len());
            let mut copy = lines[line].clone();
            if !copy.ends_with('\n') {
                // The last line without its newline: the copy goes on a line of its own.
                lines[line].push('\n');
                copy = copy.trim_end_matches('\r').to_owned();
            }
            lines.insert(line + 1, copy);
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            let (a, b) = (at(*a, lines.len()), at(*b, lines.len()));
            // Terminators stay in place, so a missing final newline stays missing.
            let (body_a, end_a) = split_terminator(&lines[a]);
            let (body_b, end_b) = split_terminator(&lines[b]);
            let (new_a, new_b) = (format!("{body_b}{end_a}"), format!("{body_a}{end_b}"));
            lines[a] = new_a;
            lines[b] = new_b;
        }
        Mutation::DeleteToken(i) if !toks.is_empty() => {
            return splice(toks[at(*i, toks.len())], "");
        }
        Mutation::DuplicateToken(i) if !toks.is_empty() => {
            let (start, end) = toks[at(*i, toks.len())];
            return splice((end, end), &format!(" {}", &text[start..end]));
        }
        Mutation::SwapTokens(a, b) if toks.len() >= 2 => {
            let (a, b) = (at(*a, toks.len()), at(*b, toks.len()));
            if a == b {
                return text.to_owned();
            }
            let (first, second) = (toks[a.min(b)], toks[a.max(b)]);
            return format!(
                "{}{}{}{}{}",
                &text[..first.0],
                &text[second.0..second.1],
                &text[first.1..second.0],
                &text[first.0..first.1],
                &text[second.1..]
            );
        }
        Mutation::Insert(before, snippet) => {
            let before = at(*before, lines.len() + 1);
            let indent: String = lines
                .get(before)
                .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
                .unwrap_or_default();
            let snippet = SNIPPETS[at(*snippet, SNIPPETS.len())];
            let mut block: String = snippet
                .split('\n')
                .map(|l| format!("{indent}{l}\n"))
                .collect();
            if before == lines.len()
                && let Some(last) = lines.last_mut()
                && !last.ends_with('\n')
            {
                // Appended after a last line without newline: that line gets one, and the
                // file still ends without one.
                last.push('\n');
                block.pop();
            }
            lines.insert(before, block);
        }
        Mutation::CrlfLine(i) if !lines.is_empty() => {
            let n = lines.len();
            let line = &mut lines[at(*i, n)];
            if line.ends_with('\n') && !line.ends_with("\r\n") {
                line.insert(line.len() - 1, '\r');
            }
        }
        Mutation::Wide(i) if !toks.is_empty() => {
            let (start, _) = toks[at(*i, toks.len())];
            return splice((start, start), "/*é😀\u{301}*/");
        }
        Mutation::Spaces(i) if !lines.is_empty() => {
            let n = lines.len();
            let line = &mut lines[at(*i, n)];
            let tabs = line.len() - line.trim_start_matches('\t').len();
            line.replace_range(..tabs, &"    ".repeat(tabs));
        }
        Mutation::LoneCr(i) if !lines.is_empty() => {
            let n = lines.len();
            let line = &mut lines[at(*i, n)];
            if line.ends_with('\n') && !line.ends_with("\r\n") {
                line.pop();
                line.push('\r');
            }
        }
        _ => {}
    }
    lines.concat()
}

/// The text of a case: the fixture, mutated, then made CRLF, given a BOM or cut short of its
/// final newline as the case says.
fn input_of(case: &Case) -> (&'static Fixture, String) {
    let seeds = seeds();
    let (fixture, text) = &seeds[at(case.fixture, seeds.len())];
    let mut text = text.clone();
    for m in &case.mutations {
        text = apply_mutation(&text, m);
    }
    if case.crlf {
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let mut previous = '\0';
        for c in text.chars() {
            if c == '\n' && previous != '\r' {
                out.push('\r');
            }
            out.push(c);
            previous = c;
        }
        text = out;
    }
    if case.no_final_newline {
        text.truncate(text.trim_end_matches(['\r', '\n']).len());
    }
    if case.bom && !text.starts_with('\u{feff}') {
        text.insert(0, '\u{feff}');
    }
    (fixture, text)
}

/// Every file of the fixture's package, the fixture's own text replaced by `own`.
fn package_texts(fixture: &Fixture, own: &str) -> Vec<Vec<u8>> {
    fixture
        .package
        .iter()
        .map(|m| {
            if m.path == fixture.path {
                own.as_bytes().to_vec()
            } else {
                std::fs::read(&m.path).unwrap_or_else(|e| panic!("{}: {e}", m.path.display()))
            }
        })
        .collect()
}

/// One fixing run over the package, every file a target, as `gofix --write`/`--dry-run`
/// would do it. `None` when a file cannot be read as a source file at all (the CLI reports
/// that and skips the package).
fn run(fixture: &Fixture, texts: &[Vec<u8>], unsafe_fixes: bool) -> Option<Vec<FileReport>> {
    let mut files = Vec::new();
    for (m, text) in fixture.package.iter().zip(texts) {
        let file = SourceFile::new(PathBuf::from(&m.display), text.clone(), m.go_version, true);
        files.push(file.ok()?);
    }
    let settings = Settings {
        unsafe_fixes,
        ..Settings::default()
    };
    Some(run_package(files, &settings, true))
}

/// The fixing run as the CLI does it with the prefilter on: only the selected files are
/// parsed. Each file's findings (code, range, message) and its contents afterwards, in
/// package order; a file left unparsed has no findings and its text as read.
fn run_prefiltered(
    fixture: &Fixture,
    texts: &[Vec<u8>],
    unsafe_fixes: bool,
) -> Vec<(Vec<String>, Vec<u8>)> {
    let settings = Settings {
        unsafe_fixes,
        ..Settings::default()
    };
    let found: Vec<DiscoveredFile> = fixture
        .package
        .iter()
        .map(|m| DiscoveredFile {
            path: PathBuf::from(&m.display),
            target: true,
            go_version: m.go_version,
        })
        .collect();
    let read: Vec<(&DiscoveredFile, Vec<u8>)> = found.iter().zip(texts.iter().cloned()).collect();
    let prefilter = Prefilter::new(&settings.rules);
    let mut errors = Vec::new();
    let reports = match gofix::selection::select(&read, &prefilter, &mut errors) {
        Some(selection) => run_package_with(
            selection.files,
            Some(selection.index),
            &settings,
            true,
            None,
        ),
        None => Vec::new(),
    };
    found
        .iter()
        .zip(texts)
        .map(
            |(f, text)| match reports.iter().find(|r| r.file.path == f.path) {
                Some(r) => (findings_of(r), r.file.contents()),
                None => (Vec::new(), text.clone()),
            },
        )
        .collect()
}

/// A report's findings, comparable across runs.
fn findings_of(report: &FileReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?} {}", d.rule.code, d.range, d.message))
        .collect()
}

/// The dry-run `diff` applies to `original` and gives exactly `written`.
fn check_diff(original: &str, diff: &str, written: &[u8]) -> Result<(), String> {
    match apply_unified(original, diff) {
        Ok(patched) if patched.as_bytes() == written => Ok(()),
        Ok(patched) => Err(format!(
            "the dry-run diff applied gives something else than --write:\n\
             diff:\n{diff}\npatched vs written:\n{}",
            unified("x.go", patched.as_bytes(), written)
        )),
        Err(e) => Err(format!(
            "the dry-run diff does not apply: {e}\ndiff:\n{diff}"
        )),
    }
}

/// The text as gofix parses it has no ERROR or MISSING node.
fn parses_cleanly(text: &[u8]) -> bool {
    SourceFile::new(PathBuf::from("x.go"), text.to_vec(), None, true)
        .is_ok_and(|f| !f.root().has_error())
}

/// Every `\n` of `text` comes right after a `\r`.
fn all_crlf(text: &[u8]) -> bool {
    text.iter()
        .enumerate()
        .all(|(i, b)| *b != b'\n' || (i > 0 && text[i - 1] == b'\r'))
}

/// Apply a unified diff to `original` the way `patch`/`git apply` read one: lines end at
/// `\n` only, hunks must match exactly at the line numbers they name (no fuzz, no offset),
/// and `\ No newline at end of file` takes the newline off the line before it.
fn apply_unified(original: &str, diff: &str) -> Result<String, String> {
    if diff.is_empty() {
        return Ok(original.to_owned());
    }
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let mut lines = diff.split_inclusive('\n').peekable();
    for prefix in ["--- ", "+++ "] {
        match lines.next() {
            Some(l) if l.starts_with(prefix) => {}
            other => return Err(format!("expected a `{prefix}` header, got {other:?}")),
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut cursor = 0;
    while let Some(header) = lines.next() {
        let (old_start, old_count, new_start, new_count) = hunk_header(header)?;
        let mut removed: Vec<String> = Vec::new();
        let mut added: Vec<String> = Vec::new();
        // Which side(s) the previous body line went to, for a `\` marker.
        let mut last: Option<(bool, bool)> = None;
        while let Some(line) = lines.next_if(|l| !l.starts_with("@@")) {
            if !line.ends_with('\n') {
                return Err(format!("diff line without newline: {line:?}"));
            }
            let (tag, body) = line.split_at(1);
            match tag {
                " " => {
                    removed.push(body.to_owned());
                    added.push(body.to_owned());
                    last = Some((true, true));
                }
                "-" => {
                    removed.push(body.to_owned());
                    last = Some((true, false));
                }
                "+" => {
                    added.push(body.to_owned());
                    last = Some((false, true));
                }
                "\\" => {
                    let Some((on_old, on_new)) = last.take() else {
                        return Err("`\\` marker not after a diff line".into());
                    };
                    for (on, side) in [(on_old, &mut removed), (on_new, &mut added)] {
                        if on && let Some(l) = side.last_mut() {
                            l.pop();
                        }
                    }
                }
                _ => return Err(format!("not a hunk line: {line:?}")),
            }
        }
        if removed.len() != old_count || added.len() != new_count {
            return Err(format!(
                "hunk {header:?} has {} old and {} new lines",
                removed.len(),
                added.len()
            ));
        }
        let at = if old_count == 0 {
            old_start
        } else {
            old_start.checked_sub(1).ok_or("old start 0")?
        };
        if at < cursor || at + old_count > old.len() {
            return Err(format!("hunk {header:?} out of order or past the end"));
        }
        out.extend(old[cursor..at].iter().map(|s| (*s).to_owned()));
        if old[at..at + old_count] != removed[..] {
            return Err(format!(
                "hunk {header:?} does not match the file: expected {:?}, file has {:?}",
                removed,
                &old[at..at + old_count]
            ));
        }
        let want_new = if new_count == 0 {
            new_start
        } else {
            new_start.saturating_sub(1)
        };
        if out.len() != want_new {
            return Err(format!(
                "hunk {header:?} lands at new line {} instead",
                out.len() + 1
            ));
        }
        out.extend(added);
        cursor = at + old_count;
    }
    out.extend(old[cursor..].iter().map(|s| (*s).to_owned()));
    Ok(out.concat())
}

/// `@@ -a[,b] +c[,d] @@`: (a, b, c, d), counts defaulting to 1.
fn hunk_header(line: &str) -> Result<(usize, usize, usize, usize), String> {
    let bad = || format!("bad hunk header {line:?}");
    let rest = line.strip_prefix("@@ -").ok_or_else(bad)?;
    let (ranges, _) = rest.split_once(" @@").ok_or_else(bad)?;
    let (old, new) = ranges.split_once(" +").ok_or_else(bad)?;
    let range = |r: &str| -> Result<(usize, usize), String> {
        let (start, count) = r.split_once(',').unwrap_or((r, "1"));
        Ok((
            start.parse().map_err(|_| bad())?,
            count.parse().map_err(|_| bad())?,
        ))
    };
    let (a, b) = range(old)?;
    let (c, d) = range(new)?;
    Ok((a, b, c, d))
}

/// Figures of a run, printed at its end.
#[derive(Default)]
struct Stats {
    cases: usize,
    clean_inputs: usize,
    unreadable: usize,
    changed: [usize; 2],
    fixes: [usize; 2],
    /// Rule codes whose fixes would have broken a file that parsed cleanly (the engine threw
    /// the round away), with the first such input of each.
    broken_on_clean: BTreeMap<String, String>,
    /// Fixes applied per rule, both settings: which fixes the run exercised.
    fixed_by_rule: BTreeMap<&'static str, usize>,
    slowest: Duration,
}

/// The input a case is working on, for the watchdog to print.
static CURRENT: Mutex<Option<(Instant, String)>> = Mutex::new(None);

fn start_watchdog(limit: Duration) {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((since, input)) = current.as_ref()
                    && since.elapsed() > limit
                {
                    eprintln!(
                        "fuzz: a case ran longer than {limit:?} (a hang?); input:\n{input:?}"
                    );
                    std::process::abort();
                }
            }
        });
    });
}

/// A property that did not hold, and the whole report of it.
#[derive(Debug)]
struct Failure {
    /// `a)` to `e)`, for the minimizer to keep to the same failure.
    property: String,
    message: String,
}

fn fail(what: &str, fixture: &Fixture, unsafe_fixes: bool, input: &str) -> Failure {
    Failure {
        property: what.chars().take(2).collect(),
        message: format!(
            "{what}\n  fixture: {} (unsafe fixes: {unsafe_fixes})\n  input as a Rust string:\n{input:?}\n",
            fixture.display
        ),
    }
}

/// Cut lines out of a failing input for as long as it fails the same property (or `budget`
/// runs out): proptest shrinks the mutations, not the fixture text under them.
fn minimize(fixture: &Fixture, input: &str, property: &str, budget: Duration) -> String {
    let started = Instant::now();
    let fails = |text: &str| {
        check_input(fixture, text, &mut Stats::default()).is_err_and(|f| f.property == property)
    };
    let mut lines: Vec<&str> = input.split_inclusive('\n').collect();
    let mut chunk = lines.len().div_ceil(2).max(1);
    loop {
        let mut progress = false;
        let mut i = 0;
        while i < lines.len() {
            if started.elapsed() > budget {
                return lines.concat();
            }
            let end = (i + chunk).min(lines.len());
            let candidate = [&lines[..i], &lines[end..]].concat();
            if fails(&candidate.concat()) {
                lines = candidate;
                progress = true;
            } else {
                i += chunk;
            }
        }
        if !progress {
            if chunk == 1 {
                return lines.concat();
            }
            chunk = chunk.div_ceil(2);
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Properties a) to e) for one input, both with and without unsafe fixes.
fn check_input(fixture: &Fixture, input: &str, stats: &mut Stats) -> Result<(), Failure> {
    let texts = package_texts(fixture, input);
    stats.cases += 1;
    if parses_cleanly(input.as_bytes()) {
        stats.clean_inputs += 1;
    }
    let package_clean = texts.iter().all(|t| parses_cleanly(t));
    for (u, unsafe_fixes) in [false, true].into_iter().enumerate() {
        let fail = |what: String| fail(&what, fixture, unsafe_fixes, input);
        let guarded = |texts: &[Vec<u8>]| {
            catch_unwind(AssertUnwindSafe(|| run(fixture, texts, unsafe_fixes)))
                .map_err(|p| fail(format!("a) panic: {}", panic_message(p.as_ref()))))
        };
        // a) The `--dry-run` and the `--write` run, as two invocations would do them.
        let Some(dry) = guarded(&texts)? else {
            stats.unreadable += 1;
            return Ok(());
        };
        let write = guarded(&texts)?.ok_or_else(|| fail("the second run failed to read".into()))?;
        let outputs: Vec<Vec<u8>> = write.iter().map(|r| r.file.contents()).collect();
        for (i, (original, out)) in texts.iter().zip(&outputs).enumerate() {
            let path = &fixture.package[i].display;
            // b) No new syntax errors.
            if parses_cleanly(original) && !parses_cleanly(out) {
                return Err(fail(format!(
                    "b) {path}: parsed cleanly, the fixed output does not:\n{}",
                    unified(path, original, out)
                )));
            }
            // A round thrown away resets every file a package-wide fix touched; it says
            // something about a rule only when none of them had syntax errors.
            if package_clean && let Some(codes) = &write[i].broken_fix {
                stats
                    .broken_on_clean
                    .entry(codes.join(","))
                    .or_insert_with(|| format!("{path}: {input:?}"));
            }
            // d) The dry run's diff gives the written file.
            let original_text = std::str::from_utf8(original).expect("inputs are UTF-8");
            let diff = unified(path, original, &dry[i].file.contents());
            check_diff(original_text, &diff, out).map_err(|e| fail(format!("d) {path}: {e}")))?;
            // e) Line endings and BOM.
            if original.contains(&b'\n') && all_crlf(original) && !all_crlf(out) {
                return Err(fail(format!(
                    "e) {path}: a CRLF file got LF line endings:\n{}",
                    unified(path, original, out)
                )));
            }
            if !original.contains(&b'\r') && out.contains(&b'\r') {
                return Err(fail(format!("e) {path}: an LF file got a CR")));
            }
            // Text a fix copies from a CRLF file must not get a second CR.
            let doubled = |t: &[u8]| t.windows(2).any(|w| w == b"\r\r");
            if !doubled(original) && doubled(out) {
                return Err(fail(format!(
                    "e) {path}: the fix doubled a CR:\n{}",
                    unified(path, original, out)
                )));
            }
            let bom = |t: &[u8]| t.starts_with("\u{feff}".as_bytes());
            if bom(original) != bom(out) {
                return Err(fail(format!(
                    "e) {path}: BOM {} by the fix",
                    if bom(original) { "lost" } else { "added" }
                )));
            }
            if out != original {
                stats.changed[u] += 1;
            }
            stats.fixes[u] += write[i].fixed.values().sum::<usize>();
            for (code, n) in &write[i].fixed {
                *stats.fixed_by_rule.entry(code).or_default() += n;
            }
        }
        // f) The prefilter's selection gives the same findings and files.
        let prefiltered = catch_unwind(AssertUnwindSafe(|| {
            run_prefiltered(fixture, &texts, unsafe_fixes)
        }))
        .map_err(|p| fail(format!("f) panic: {}", panic_message(p.as_ref()))))?;
        for (i, (report, (findings, contents))) in write.iter().zip(&prefiltered).enumerate() {
            let path = &fixture.package[i].display;
            if findings_of(report) != *findings || report.file.contents() != *contents {
                return Err(fail(format!(
                    "f) {path}: with the prefilter {findings:?}, without {:?}; contents {}",
                    findings_of(report),
                    if report.file.contents() == *contents {
                        "equal"
                    } else {
                        "differ"
                    }
                )));
            }
        }
        // c) A second pass over the output changes nothing.
        let again = guarded(&outputs)?
            .ok_or_else(|| fail("c) the fixed output cannot be read back".into()))?;
        for (i, (report, out)) in again.iter().zip(&outputs).enumerate() {
            let second = report.file.contents();
            if second != *out {
                let path = &fixture.package[i].display;
                return Err(fail(format!(
                    "c) {path}: a second fix pass changed the output ({:?} fixed again):\n{}",
                    report.fixed,
                    unified(path, out, &second)
                )));
            }
        }
    }
    Ok(())
}

fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number")),
    )
}

#[test]
fn mutated_fixtures_keep_the_fix_properties() {
    let cases: u32 = env_number("GOFIX_FUZZ_CASES").unwrap_or(DEFAULT_CASES);
    let seed = match std::env::var("GOFIX_FUZZ_SEED").as_deref() {
        Ok("random") => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(DEFAULT_SEED, |d| d.as_nanos() as u64),
        _ => env_number("GOFIX_FUZZ_SEED").unwrap_or(DEFAULT_SEED),
    };
    let max_mutations = env_number("GOFIX_FUZZ_MAX_MUTATIONS").unwrap_or(DEFAULT_MAX_MUTATIONS);
    let timeout = env_number("GOFIX_FUZZ_CASE_TIMEOUT_SECS").unwrap_or(DEFAULT_CASE_TIMEOUT_SECS);
    assert!(!seeds().is_empty(), "no fixtures to mutate");
    start_watchdog(Duration::from_secs(timeout));
    let config = Config {
        cases,
        // Failures are kept as regression tests in this file, not in a file beside it.
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let stats = RefCell::new(Stats::default());
    let started = Instant::now();
    let result = TestRunner::new(config).run(&case(max_mutations), |case| {
        let (fixture, input) = input_of(&case);
        *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), input.clone()));
        let t = Instant::now();
        let outcome = check_input(fixture, &input, &mut stats.borrow_mut())
            .map_err(|f| TestCaseError::fail(f.message));
        let mut stats = stats.borrow_mut();
        stats.slowest = stats.slowest.max(t.elapsed());
        *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = None;
        outcome
    });
    let stats = stats.into_inner();
    eprintln!(
        "fuzz: seed {seed}, {} inputs checked (shrinking included) in {:.1?}, slowest {:.1?}; \
         {} parsed cleanly, {} unreadable; files changed safe/unsafe {:?}, fixes applied {:?}",
        stats.cases,
        started.elapsed(),
        stats.slowest,
        stats.clean_inputs,
        stats.unreadable,
        stats.changed,
        stats.fixes,
    );
    eprintln!("fuzz: fixes applied per rule: {:?}", stats.fixed_by_rule);
    for (codes, input) in &stats.broken_on_clean {
        eprintln!(
            "fuzz: fixes by {codes} would have broken a package whose files all parsed cleanly (round thrown away): {input}"
        );
    }
    if let Err(e) = result {
        let mut report = format!("seed {seed}: {e}");
        if let TestError::Fail(_, case) = &e {
            let (fixture, input) = input_of(case);
            if let Err(failure) = check_input(fixture, &input, &mut Stats::default()) {
                let budget =
                    Duration::from_secs(env_number("GOFIX_FUZZ_MINIMIZE_SECS").unwrap_or(60));
                let small = minimize(fixture, &input, &failure.property, budget);
                if let Err(failure) = check_input(fixture, &small, &mut Stats::default()) {
                    report.push_str(&format!(
                        "\n\nWith lines cut out while it fails the same way:\n{}",
                        failure.message
                    ));
                }
            }
        }
        panic!("{report}");
    }
}

#[test]
fn mutations_do_what_they_say() {
    let text = "a := b(c)\nd\ne";
    let m = |m: Mutation| apply_mutation(text, &m);
    assert_eq!(
        tokens(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect::<Vec<_>>(),
        ["a", ":", "=", "b", "(", "c", ")", "d", "e"]
    );
    assert_eq!(m(Mutation::DeleteLine(0)), "d\ne");
    // Positions wrap around: 5 of 3 lines is the third.
    assert_eq!(m(Mutation::DuplicateLine(5)), "a := b(c)\nd\ne\ne");
    assert_eq!(m(Mutation::SwapLines(0, 2)), "e\nd\na := b(c)");
    assert_eq!(m(Mutation::DeleteToken(1)), "a = b(c)\nd\ne");
    assert_eq!(m(Mutation::DuplicateToken(3)), "a := b b(c)\nd\ne");
    assert_eq!(m(Mutation::SwapTokens(8, 0)), "e := b(c)\nd\na");
    assert_eq!(m(Mutation::SwapTokens(2, 11)), text, "a token with itself");
    assert_eq!(m(Mutation::CrlfLine(1)), "a := b(c)\nd\r\ne");
    assert_eq!(m(Mutation::LoneCr(0)), "a := b(c)\rd\ne");
    assert_eq!(m(Mutation::Wide(3)), "a := /*é😀\u{301}*/b(c)\nd\ne");
    assert_eq!(
        apply_mutation("x\n\t\ty\n", &Mutation::Spaces(1)),
        "x\n        y\n"
    );
    // Inserted after the last line, which has no newline: the file still ends without one.
    assert_eq!(m(Mutation::Insert(3, 0)), "a := b(c)\nd\ne\nmu.Lock()");
    // Indented like the line it goes before, every line of it.
    assert_eq!(
        apply_mutation("{\n\tx\n}\n", &Mutation::Insert(1, 5)),
        "{\n\ts.mu.Lock()\n\ts.n++\n\ts.mu.Unlock()\n\tx\n}\n"
    );
    let case = Case {
        fixture: 0,
        mutations: vec![],
        crlf: true,
        bom: true,
        no_final_newline: true,
    };
    let (_, input) = input_of(&case);
    assert!(input.starts_with('\u{feff}') && !input.ends_with('\n'));
    assert!(all_crlf(input.as_bytes()) && input.contains("\r\n"));
}

#[test]
fn the_patch_applier_applies_real_diffs() {
    let cases: &[(&str, &str)] = &[
        ("a\nb\nc\n", "a\nB\nc\n"),
        ("a\nb", "a\nc"),
        ("a\nb", "a\nb\n"),
        ("a\nb\n", "a\nb"),
        ("", "x\n"),
        ("x\n", ""),
        ("a\r\nb\r\n", "a\r\nx\r\nb\r\n"),
        (
            "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
            "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n",
        ),
    ];
    for (old, new) in cases {
        let diff = unified("x.go", old.as_bytes(), new.as_bytes());
        assert_eq!(
            apply_unified(old, &diff).as_deref(),
            Ok(*new),
            "{old:?} -> {new:?}\n{diff}"
        );
    }
}

#[test]
fn the_patch_applier_rejects_corrupted_diffs() {
    let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    let diff = unified("x.go", old.as_bytes(), new.as_bytes());
    assert_eq!(apply_unified(old, &diff).as_deref(), Ok(new));
    // A context line that is not in the file.
    let wrong_context = diff.replacen(" 3\n", " three\n", 1);
    assert!(
        apply_unified(old, &wrong_context).is_err(),
        "{wrong_context}"
    );
    // The hunk one line off.
    let shifted = diff.replacen("@@ -2,7", "@@ -3,7", 1);
    assert_ne!(shifted, diff);
    assert!(apply_unified(old, &shifted).is_err(), "{shifted}");
    // A removed line the file does not have.
    let wrong_removal = diff.replacen("-5\n", "-50\n", 1);
    assert!(apply_unified(old, &wrong_removal).is_err());
    // A line dropped from the hunk.
    let dropped = diff.replacen("+five\n", "", 1);
    assert!(apply_unified(old, &dropped).is_err());
    // The new text changed: applies, but not to what was written.
    let other = diff.replacen("+five\n", "+FIVE\n", 1);
    assert_ne!(apply_unified(old, &other).as_deref(), Ok(new));
    // Without the marker, the missing final newline is not reproduced.
    let diff = unified("x.go", b"a\nb", b"a\nc");
    let unmarked = diff.replace("\\ No newline at end of file\n", "");
    assert_ne!(apply_unified("a\nb", &unmarked).as_deref(), Ok("a\nc"));
    assert_eq!(apply_unified("a\nb", &diff).as_deref(), Ok("a\nc"));
    // The `\r` of a CRLF line matters.
    let diff = unified("x.go", b"a\r\nb\r\n", b"a\r\nc\r\n");
    assert!(apply_unified("a\nb\n", &diff).is_err());
}

/// Regression (found by fuzzing): a lone `\r` (Go white space) was a line break to the
/// differ but not to `git apply` or `patch`, so hunk headers counted one line too many and
/// `git apply` called the `--dry-run` diff "corrupt patch".
#[test]
fn lone_cr_diff_applies() {
    let original = "package p\n\r// c\nfunc f() {\n\tx := 1\n}\n";
    let written = "package p\n\r// c\nfunc f() {\n\tx := 2\n}\n";
    let diff = unified("x.go", original.as_bytes(), written.as_bytes());
    check_diff(original, &diff, written.as_bytes()).unwrap();
}
