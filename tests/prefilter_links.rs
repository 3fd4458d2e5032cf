//! Findings that need a file with no trigger word survive the prefilter.
//!
//! The prefilter is moving from "parse a package when any of its files holds a trigger" to
//! "parse a file when it holds a trigger, or when package-wide facts link it to a parsed
//! file" (lock-holding types, lock field names, functions goroutines start or reach,
//! package-level variables, functions taking a WaitGroup by value or returning channels,
//! methods called in critical sections). A link the per-file decision misses drops a file
//! silently: its own findings vanish, a finding elsewhere that needs its facts vanishes, or
//! a veto it holds (GF110's `&c.mu`) is lost and a wrong fix appears. Each test below
//! builds one such package, where a *plain* file (checked by [`assert_plain`]: none of the
//! planned trigger words outside comments and strings) holds the finding or the fact, and
//! runs gofix with and without `--no-prefilter`: the outputs must match, and the expected
//! finding (or its absence, for vetoes) must be there, so that losing it either way fails.
//! Every go.mod says `go 1.24`, so the pre-1.22 loop rule adds no `defer` trigger.

mod common;

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

use common::{stderr_of, stdout_of, write_tree};

const GO_MOD: &str = "module example.com/p\n\ngo 1.24\n";

/// Identifiers and keywords that make a file non-plain: the planned per-file triggers.
const TRIGGER_WORDS: &[&str] = &[
    "Lock",
    "RLock",
    "Unlock",
    "RUnlock",
    "TryLock",
    "TryRLock",
    "Mutex",
    "RWMutex",
    "WaitGroup",
    "Once",
    "Cond",
    "chan",
    "go",
    "Go",
    "After",
    "Tick",
];

/// Import strings that make a file non-plain.
const TRIGGER_IMPORTS: &[&str] = &["\"sync/atomic\"", "\"net/http\"", "\"context\""];

/// The identifiers of Go source outside comments, string and rune literals.
fn code_identifiers(src: &str) -> Vec<&str> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &src[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if matches!(bytes[i], b'"' | b'\'' | b'`') {
            let quote = bytes[i];
            i += 1;
            while i < bytes.len() && bytes[i] != quote {
                i += if quote != b'`' && bytes[i] == b'\\' {
                    2
                } else {
                    1
                };
            }
            i += 1;
        } else if bytes[i].is_ascii_alphabetic() || bytes[i] == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push(&src[start..i]);
        } else {
            i += 1;
        }
    }
    out
}

/// Why `src` is not plain, or `None` when it is.
fn not_plain(src: &str) -> Option<String> {
    if let Some(word) = code_identifiers(src)
        .into_iter()
        .find(|w| TRIGGER_WORDS.contains(w))
    {
        return Some(format!("it says `{word}`"));
    }
    if src.contains("gofix") {
        return Some("it says `gofix`".to_owned());
    }
    TRIGGER_IMPORTS
        .iter()
        .find(|i| src.contains(*i))
        .map(|i| format!("it imports {i}"))
}

/// The test's point rests on the file holding no trigger: a later edit of its source that
/// adds one would make the test pass for the wrong reason.
#[track_caller]
fn assert_plain(name: &str, src: &str) {
    if let Some(why) = not_plain(src) {
        panic!("{name} is meant to be plain, but {why}:\n{src}");
    }
}

/// A Go package in a temporary directory, with its go.mod.
struct Package {
    dir: TempDir,
}

impl Package {
    /// Writes `files`; those named in `plain` must be plain.
    #[track_caller]
    fn new(files: &[(&str, &str)], plain: &[&str]) -> Self {
        for name in plain {
            let (_, src) = files
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("no file {name}"));
            assert_plain(name, src);
        }
        let dir = TempDir::new().unwrap();
        write_tree(dir.path(), &[("go.mod", GO_MOD)]);
        write_tree(dir.path(), files);
        Self { dir }
    }

    /// The findings (`--output-format json`) of checking `target`, the same both ways.
    #[track_caller]
    fn findings(&self, target: &str) -> Vec<Value> {
        let out = same_both_ways(self.dir.path(), &["--output-format", "json", target]);
        match serde_json::from_str::<Value>(&out) {
            Ok(Value::Array(findings)) => findings,
            other => panic!("not a JSON array: {other:?}\n{out}"),
        }
    }

    /// [`expect`] the finding when checking the package, and when checking `file` alone
    /// (its siblings read as context).
    #[track_caller]
    fn expect_for_package_and_file(&self, code: &str, file: &str, row: u64) {
        for target in [".", file] {
            expect(&self.findings(target), code, file, row);
        }
    }

    /// The `--dry-run` diff of the package, the same both ways.
    #[track_caller]
    fn dry_run(&self, extra: &[&str]) -> String {
        let mut args = vec!["--dry-run"];
        args.extend_from_slice(extra);
        same_both_ways(self.dir.path(), &args)
    }
}

/// `gofix ARGS` in `dir` with the prefilter on, then off: the two outputs (stdout, exit
/// code) for comparison.
fn both_ways(dir: &Path, args: &[&str]) -> [(String, Option<i32>); 2] {
    common::prefilter_both_ways(dir, args).map(|out| {
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "gofix {args:?} failed:\n{}",
            stderr_of(&out)
        );
        (stdout_of(&out), out.status.code())
    })
}

/// The output of `gofix ARGS`, after checking the prefilter changes neither it nor the
/// exit code.
#[track_caller]
fn same_both_ways(dir: &Path, args: &[&str]) -> String {
    let [on, off] = both_ways(dir, args);
    assert_eq!(
        on, off,
        "gofix {args:?}: with the prefilter (left) and without (right) differ"
    );
    on.0
}

/// Whether a finding is `code` in `file` at line `row`.
fn is(finding: &Value, code: &str, file: &str, row: u64) -> bool {
    finding["code"] == code && finding["filename"] == file && finding["location"]["row"] == row
}

/// The finding `code` in `file` at line `row`, a copy.
#[track_caller]
fn expect(findings: &[Value], code: &str, file: &str, row: u64) -> Value {
    findings
        .iter()
        .find(|f| is(f, code, file, row))
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "no {code} at {file}:{row} in\n{}",
                serde_json::to_string_pretty(findings).unwrap()
            )
        })
}

/// No finding `code` anywhere.
#[track_caller]
fn expect_none(findings: &[Value], code: &str) {
    let found: Vec<&Value> = findings.iter().filter(|f| f["code"] == code).collect();
    assert!(found.is_empty(), "unexpected {code}: {found:#?}");
}

/// The guard itself can fail: words in comments and strings pass, code and imports do not.
#[test]
fn the_plainness_guard_sees_triggers_only_in_code() {
    assert_eq!(
        not_plain("package p\n\n// go on, Lock it\nvar s = \"go chan\"\n"),
        None
    );
    assert_eq!(
        not_plain("package p\n\nimport \"sync\"\n\nvar m sync.Map\n"),
        None
    );
    assert!(not_plain("package p\n\nfunc f() { go g() }\n").is_some());
    assert!(not_plain("package p\n\nvar mu sync.Mutex\n").is_some());
    assert!(not_plain("package p\n\nfunc f(c chan int) {}\n").is_some());
    assert!(not_plain("package p\n\nimport \"context\"\n").is_some());
    assert!(not_plain("package p\n\n// gofix reads this\n").is_some());
}

/// Case 1: the field is guarded in a.go; the unguarded read is in b.go, which never names
/// a lock. (Exported methods: an unexported one that nothing calls counts as only called
/// under the lock, and is not reported.)
#[test]
fn gf120_reports_an_unguarded_read_in_a_file_that_never_names_the_lock() {
    let a = r#"package p

import "sync"

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}
"#;
    let b = r#"package p

func (c *counter) Peek() int {
	return c.n
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    pkg.expect_for_package_and_file("GF120", "b.go", 4);
}

/// Case 2: a.go alone would earn GF110 with a Safe fix (its one section only reads), but
/// b.go hands `&c.mu` to a function taking `*sync.Mutex`, or copies the mutex: the upgrade
/// would not compile, so the rule says nothing.
#[test]
fn gf110_is_vetoed_by_a_plain_file_that_hands_the_mutex_around() {
    let a = r#"package p

import "sync"

type cache struct {
	mu    sync.Mutex
	items map[string]int
}

func (c *cache) get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[k]
}

func guard(m *sync.Mutex, f func()) {
	m.Lock()
	defer m.Unlock()
	f()
}
"#;
    // Without b.go the upgrade is offered: the veto below is b.go's doing.
    let alone = Package::new(&[("a.go", a)], &[]);
    let upgrade = expect(&alone.findings("."), "GF110", "a.go", 6);
    assert_eq!(upgrade["fix"]["applicability"], "safe", "{upgrade:#}");
    let passes = r#"package p

func (c *cache) reset() {
	guard(&c.mu, func() { c.items = nil })
}
"#;
    let copies = r#"package p

func (c *cache) snapshot() cache {
	return cache{mu: c.mu, items: c.items}
}
"#;
    for b in [passes, copies] {
        let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
        expect_none(&pkg.findings("."), "GF110");
        assert_eq!(pkg.dry_run(&[]), "", "no fix at all:\n{b}");
    }
}

/// Not in the brief's list, the reverse of case 2: the read-only section calls a method
/// declared in a plain file, and only that method's body proves the section read-only.
#[test]
fn gf110_needs_the_read_only_helper_of_a_plain_file() {
    let a = r#"package p

import "sync"

type cache struct {
	mu    sync.Mutex
	items map[string]int
}

func (c *cache) get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lookup(k)
}
"#;
    let b = r#"package p

func (c *cache) lookup(k string) int {
	return c.items[k]
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    let upgrade = expect(&pkg.findings("."), "GF110", "a.go", 6);
    assert_eq!(upgrade["fix"]["applicability"], "safe", "{upgrade:#}");
    let diff = pkg.dry_run(&[]);
    assert!(diff.contains("+\tc.mu.RLock()"), "{diff}");
}

/// Case 3: the mutex is in a.go's type, the type holding it in plain b.go, and the copy in
/// plain c.go, two hops from any lock.
#[test]
fn gf111_follows_a_mutex_through_a_plain_outer_type_to_a_plain_copy() {
    let a = r#"package p

import "sync"

type inner struct {
	mu sync.Mutex
	n  int
}
"#;
    let b = r#"package p

type outer struct {
	in   inner
	name string
}
"#;
    let c = r#"package p

func use(o outer) string {
	return o.name
}

func (o outer) label() string {
	return "outer " + o.name
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b), ("c.go", c)], &["b.go", "c.go"]);
    for target in [".", "c.go"] {
        let found = pkg.findings(target);
        expect(&found, "GF111", "c.go", 3);
        expect(&found, "GF111", "c.go", 7);
    }
    // The value receiver's Unsafe fix edits c.go.
    let diff = pkg.dry_run(&["--unsafe-fixes"]);
    assert!(diff.contains("+func (o *outer) label() string {"), "{diff}");
}

/// Case 4: Put holds `s.mu` and calls helper, in plain b.go, which calls size, which takes
/// `s.mu` again. The finding is at a.go's call; only b.go links it to the second lock.
#[test]
fn gf107_sees_a_reentry_through_a_method_of_a_plain_file() {
    let a = r#"package p

import "sync"

type store struct {
	mu   sync.Mutex
	data map[string]int
}

func (s *store) Put(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = v
	s.helper()
}

func (s *store) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.data)
}
"#;
    let b = r#"package p

import "fmt"

func (s *store) helper() {
	fmt.Println("entries:", s.size())
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    expect(&pkg.findings("."), "GF107", "a.go", 14);
}

/// Case 5: a.go starts `worker`; its endless loop is in plain b.go.
#[test]
fn gf301_reports_the_endless_loop_of_a_plain_function_started_elsewhere() {
    let a = r#"package p

func Start() {
	go worker()
}
"#;
    let b = r#"package p

import (
	"fmt"
	"time"
)

func worker() {
	for {
		fmt.Println("tick")
		time.Sleep(time.Second)
	}
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    pkg.expect_for_package_and_file("GF301", "b.go", 9);
}

/// Not in the brief's list: a method started by name counts only when it is the only method
/// of that name in the package, so a plain file declaring another `run` keeps GF301 silent.
#[test]
fn gf301_is_vetoed_by_a_same_named_method_in_a_plain_file() {
    let a = r#"package p

func (s *srv) Start() {
	go s.run()
}
"#;
    let b = r#"package p

import "time"

type srv struct{ n int }

func (s *srv) run() {
	for {
		s.n++
		time.Sleep(time.Second)
	}
}
"#;
    let c = r#"package p

type client struct{}

func (c *client) run() {}
"#;
    // Without c.go, `run` is reported: the silence below is c.go's doing.
    let alone = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    expect(&alone.findings("."), "GF301", "b.go", 8);
    let pkg = Package::new(&[("a.go", a), ("b.go", b), ("c.go", c)], &["b.go", "c.go"]);
    for target in [".", "b.go"] {
        expect_none(&pkg.findings(target), "GF301");
    }
}

/// Case 6: the goroutine's body, the function it calls, and the variable that function
/// writes are three plain files.
#[test]
fn gf304_follows_a_goroutine_through_plain_files_to_a_plain_global() {
    let a = r#"package p

func Start() {
	go worker()
}
"#;
    let b = r#"package p

func worker() {
	helper()
}
"#;
    let c = r#"package p

func helper() {
	count++
}
"#;
    let d = r#"package p

var count int
"#;
    let files = [("a.go", a), ("b.go", b), ("c.go", c), ("d.go", d)];
    let pkg = Package::new(&files, &["b.go", "c.go", "d.go"]);
    pkg.expect_for_package_and_file("GF304", "c.go", 4);
    // Without d.go, `count` is not known to be package-level: d.go is a fact, not filler.
    let undeclared = Package::new(&files[..3], &[]);
    expect_none(&undeclared.findings("."), "GF304");
}

/// Case 7: a goroutine in a.go writes `stop`, declared in plain c.go; plain b.go polls it.
#[test]
fn gf304_reports_a_plain_file_polling_a_global_a_goroutine_writes() {
    let a = r#"package p

import "time"

func Stop() {
	go func() {
		time.Sleep(time.Second)
		stop = true
	}()
}
"#;
    let b = r#"package p

func Spin() int {
	n := 0
	for !stop {
		n++
	}
	return n
}
"#;
    let c = r#"package p

var stop bool
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b), ("c.go", c)], &["b.go", "c.go"]);
    let found = pkg.findings(".");
    expect(&found, "GF304", "a.go", 8);
    expect(&found, "GF304", "b.go", 5);
    expect(&pkg.findings("b.go"), "GF304", "b.go", 5);
}

/// Case 8: the test starts `helper`; its `t.Fatal` is in plain b_test.go.
#[test]
fn gf305_reports_a_fatal_in_a_plain_test_helper_run_as_a_goroutine() {
    let a = r#"package p

import (
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	go helper(t)
	time.Sleep(10 * time.Millisecond)
}
"#;
    let b = r#"package p

import "testing"

func helper(t *testing.T) {
	if 1+1 != 2 {
		t.Fatal("arithmetic is broken")
	}
}
"#;
    let pkg = Package::new(&[("a_test.go", a), ("b_test.go", b)], &["b_test.go"]);
    pkg.expect_for_package_and_file("GF305", "b_test.go", 7);
}

/// Case 9: the WaitGroup field and the `go s.worker()` are in a.go; the worker's trailing
/// `Done`, skipped by an early return, in plain b.go. (No fix here: the rule offers none
/// when the WaitGroup is reached through the receiver; the next test covers the fix.)
#[test]
fn gf311_reports_a_trailing_done_in_a_plain_method_started_elsewhere() {
    let a = r#"package p

import "sync"

type S struct {
	wg   sync.WaitGroup
	jobs []string
	seen int
}

func (s *S) Run() {
	s.wg.Add(1)
	go s.worker()
	s.wg.Wait()
}
"#;
    let b = r#"package p

func (s *S) worker() {
	if len(s.jobs) == 0 {
		return
	}
	s.seen = len(s.jobs)
	s.wg.Done()
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    pkg.expect_for_package_and_file("GF311", "b.go", 8);
}

/// Case 9, with a package-level WaitGroup: the Safe fix moves b.go's `Done` into a defer.
#[test]
fn gf311_fixes_a_trailing_done_in_a_plain_function_started_elsewhere() {
    let a = r#"package p

import "sync"

var wg sync.WaitGroup

func Run(jobs []string) {
	wg.Add(1)
	go worker(jobs)
	wg.Wait()
}
"#;
    let b = r#"package p

import "fmt"

func worker(jobs []string) {
	if len(jobs) == 0 {
		return
	}
	fmt.Println(jobs)
	wg.Done()
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    let done = expect(&pkg.findings("."), "GF311", "b.go", 10);
    assert_eq!(done["fix"]["applicability"], "safe", "{done:#}");
    let diff = pkg.dry_run(&[]);
    assert!(
        diff.contains("+++ b/b.go") && diff.contains("+\tdefer wg.Done()"),
        "{diff}"
    );
}

/// Case 10: `wait` takes the WaitGroup by value in a.go; its caller is plain b.go, whose
/// call site the fix must edit too.
#[test]
fn gf312_fix_reaches_the_call_site_in_a_plain_file() {
    let a = r#"package p

import "sync"

type S struct {
	wg sync.WaitGroup
}

func wait(wg sync.WaitGroup) {
	wg.Wait()
}
"#;
    let b = r#"package p

func (s *S) Close() {
	wait(s.wg)
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    let by_value = expect(&pkg.findings("."), "GF312", "a.go", 9);
    let edits = by_value["fix"]["edits"]
        .as_array()
        .expect("a fix with edits");
    assert!(
        edits.iter().any(|e| e["filename"] == "b.go"),
        "{by_value:#}"
    );
    let diff = pkg.dry_run(&["--unsafe-fixes"]);
    assert!(diff.contains("+\twait(&s.wg)"), "{diff}");
}

/// Case 11: gen's channel is never closed, which matters only because plain b.go ranges
/// over its result.
#[test]
fn gf201_needs_the_range_over_the_result_in_a_plain_file() {
    let a = r#"package p

func gen() <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
	return ch
}
"#;
    let b = r#"package p

func Sum() int {
	total := 0
	for v := range gen() {
		total += v
	}
	return total
}
"#;
    // Without b.go nobody ranges over the channel: the finding is b.go's doing.
    let alone = Package::new(&[("a.go", a)], &[]);
    expect_none(&alone.findings("."), "GF201");
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    expect(&pkg.findings("."), "GF201", "a.go", 5);
    let diff = pkg.dry_run(&[]);
    assert!(diff.contains("+\t\tdefer close(ch)"), "{diff}");
}

/// Case 12 (the brief's "GF902"; unused suppressions are GF903): a package whose only
/// trigger is a `//nolint:gofix` that silences nothing. Today's prefilter looks for
/// `gofix:` and skips the package, losing the finding; the planned `gofix` trigger keeps it.
#[test]
fn gf903_reports_an_unused_nolint_gofix_in_a_package_without_other_triggers() {
    let a = r#"package p

func Answer() int {
	return 42 //nolint:gofix // kept from an old lock
}
"#;
    let b = r#"package p

func Double() int {
	return 2 * Answer()
}
"#;
    // Its directive is a.go's only trigger.
    assert_plain("a.go without its directive", &a.replace("gofix", "golint"));
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    pkg.expect_for_package_and_file("GF903", "a.go", 4);
    let diff = pkg.dry_run(&[]);
    assert!(diff.contains("+\treturn 42\n"), "{diff}");
}

/// Case 13: `go s.run()` in a.go; run, in plain b.go, writes `hits`, declared in plain c.go.
#[test]
fn gf304_follows_a_started_method_into_a_plain_file() {
    let a = r#"package p

type srv struct {
	addr string
}

func (s *srv) Start() {
	go s.run()
}
"#;
    let b = r#"package p

func (s *srv) run() {
	hits++
}
"#;
    let c = r#"package p

var hits int
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b), ("c.go", c)], &["b.go", "c.go"]);
    pkg.expect_for_package_and_file("GF304", "b.go", 4);
}

#[test]
fn gf130_needs_the_plain_declaration_a_checked_flag_is_rooted_at() {
    let a = r#"package p

func Start() {
	go run()
}
"#;
    // `cfg` is only written through a field here: the file declaring it must still be
    // parsed, or nothing says it is package-level.
    let b = r#"package p

func run() {
	if !cfg.done {
		cfg.done = true
		setup()
	}
}

func setup() {}
"#;
    let c = r#"package p

type config struct{ done bool }

var cfg config
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b), ("c.go", c)], &["b.go", "c.go"]);
    pkg.expect_for_package_and_file("GF130", "b.go", 4);
}

#[test]
fn gf120_judges_a_method_by_its_call_site_in_a_plain_file() {
    // `Peek` reads `c.n` unlocked; its one call in a.go holds the lock, which would clear
    // it. The call in b.go does not, and b.go names neither the type nor the lock.
    let a = r#"package p

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return c.Peek()
}

func (c *Counter) Peek() int {
	return c.n
}
"#;
    let b = r#"package p

type peeker interface{ Peek() int }

func report(p peeker) int {
	return p.Peek()
}
"#;
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    pkg.expect_for_package_and_file("GF120", "a.go", 18);
}

// Found by an adversarial hunt for differences with `--no-prefilter`.

/// A self-copy spread over a line break after `:=` (gofmt keeps it) or around a comment is
/// still GF321's, and the file holds no other trigger.
#[test]
fn gf321_sees_a_self_copy_across_a_line_break_or_around_a_comment() {
    for copy in ["v :=\n\t\t\tv", "v /* copy */ := v"] {
        let a = format!(
            "package p\n\nfunc Sum(xs []int) int {{\n\tt := 0\n\tfor _, v := range xs {{\n\t\t{copy}\n\t\tt += v\n\t}}\n\treturn t\n}}\n"
        );
        let pkg = Package::new(&[("a.go", &a)], &[]);
        pkg.expect_for_package_and_file("GF321", "a.go", 6);
        let diff = pkg.dry_run(&[]);
        assert!(diff.contains("-\t\tv"), "the copy is deleted:\n{diff}");
    }
}

/// A `func` literal starting a line inside an unformatted `var ( … )` group: the group's
/// later names (`count`) are still package variables.
#[test]
fn gf304_needs_a_var_declared_after_a_line_start_func_in_a_var_group() {
    let a = "package p\n\nfunc Start() {\n\tgo run()\n}\n\nfunc run() {\n\tcount++\n}\n";
    let b = "package p\n\nvar (\n\th = \nfunc() {}\n\tcount int\n)\n";
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    pkg.expect_for_package_and_file("GF304", "a.go", 8);
}

/// `T` is declared twice, for two build targets, holding a lock at the same depth by two
/// paths: the package's first file decides which, not the order the prefilter linked the
/// files in (z_other.go is tied a round before a_linux.go).
#[test]
fn gf111_names_the_same_lock_whatever_order_files_are_linked_in() {
    let k = "package p\n\nimport \"sync\"\n\ntype inner struct {\n\tmu sync.Mutex\n}\n\ntype other struct {\n\twg sync.WaitGroup\n}\n";
    let m = "package p\n\ntype mid struct {\n\tin inner\n}\n";
    let a = "//go:build linux\n\npackage p\n\ntype T struct {\n\tx mid\n}\n";
    let z = "//go:build !linux\n\npackage p\n\ntype T struct {\n\ty mid2\n}\n\ntype mid2 struct {\n\tot other\n}\n";
    let c = "package p\n\nfunc use(t T) {}\n";
    let pkg = Package::new(
        &[
            ("k.go", k),
            ("m.go", m),
            ("a_linux.go", a),
            ("z_other.go", z),
            ("c.go", c),
        ],
        &["m.go", "a_linux.go", "z_other.go", "c.go"],
    );
    for target in [".", "c.go"] {
        let found = pkg.findings(target);
        let copy = expect(&found, "GF111", "c.go", 3);
        assert!(
            copy["message"]
                .as_str()
                .is_some_and(|m| m.contains("`x.in.mu`")),
            "{copy:#}"
        );
    }
}

// Found by a second adversarial hunt.

/// A top-level function type with no result (`type F func()`) leaves the declaration lexer
/// waiting for a function name: an indented `var` on the next line (valid Go, unformatted)
/// was taken for that name, and `count` was never known as a package variable.
#[test]
fn gf304_needs_an_indented_var_after_a_func_type() {
    let a = "package p\n\nfunc Start() {\n\tgo run()\n}\n\nfunc run() {\n\tcount++\n}\n";
    let b = "package p\n\ntype F func()\n\tvar count int\n";
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    pkg.expect_for_package_and_file("GF304", "a.go", 8);
}

/// The same swallowed name, for an indented `func` after a function type: `worker`, which
/// a.go starts, was not seen as declared in b.go, so b.go was never linked.
#[test]
fn gf301_needs_an_indented_func_after_a_func_type() {
    let a = "package p\n\nfunc Start() {\n\tgo worker()\n}\n";
    let b = "package p\n\nimport \"time\"\n\ntype F func()\n\tfunc worker() {\n\tfor {\n\t\ttime.Sleep(time.Second)\n\t}\n}\n";
    let pkg = Package::new(&[("a.go", a), ("b.go", b)], &["b.go"]);
    pkg.expect_for_package_and_file("GF301", "b.go", 7);
}

/// A written variable ties only the files declaring it or polling it; a polled one ties
/// every file naming it. Here a goroutine in a.go polls `stop` in a `for` clause, and plain
/// b.go writes it: the writer elsewhere is what makes the poll a finding.
#[test]
fn gf304_needs_the_plain_writer_of_a_global_a_goroutine_polls() {
    let a = "package p\n\nfunc Watch() {\n\tgo func() {\n\t\tfor i := 0; !stop; i++ {\n\t\t}\n\t}()\n}\n";
    let b = "package p\n\nfunc Halt() {\n\tstop = true\n}\n";
    let c = "package p\n\nvar stop bool\n";
    let pkg = Package::new(&[("a.go", a), ("b.go", b), ("c.go", c)], &["b.go", "c.go"]);
    pkg.expect_for_package_and_file("GF304", "a.go", 5);
}

/// The poll of a written global in a plain file, in a `for` clause.
#[test]
fn gf304_reports_a_plain_poll_in_a_for_clause() {
    let a = "package p\n\nfunc Stop() {\n\tgo func() {\n\t\tstop = true\n\t}()\n}\n";
    let b = "package p\n\nfunc Spin() {\n\tfor n := 0; !stop; n++ {\n\t}\n}\n";
    let c = "package p\n\nvar stop bool\n";
    let pkg = Package::new(&[("a.go", a), ("b.go", b), ("c.go", c)], &["b.go", "c.go"]);
    let found = pkg.findings(".");
    expect(&found, "GF304", "a.go", 5);
    expect(&found, "GF304", "b.go", 4);
}

/// GF130's check-then-set two calls below what a goroutine starts: `step` (plain b.go) is
/// reached, not run directly, and is parsed only because it leads to `arm`, whose statement
/// `armed = true` names a package variable.
#[test]
fn gf130_follows_a_deep_call_chain_through_plain_files_to_a_check_then_set() {
    let a = "package p\n\nfunc Start() {\n\tgo run()\n}\n\nfunc run() {\n\tloop()\n}\n";
    let b = "package p\n\nfunc loop() {\n\tstep()\n}\n\nfunc step() {\n\tarm()\n}\n";
    let c = "package p\n\nfunc arm() {\n\tif !armed {\n\t\tarmed = true\n\t\tprintln(\"armed\")\n\t}\n}\n";
    let d = "package p\n\nvar armed bool\n";
    let pkg = Package::new(
        &[("a.go", a), ("b.go", b), ("c.go", c), ("d.go", d)],
        &["b.go", "c.go", "d.go"],
    );
    pkg.expect_for_package_and_file("GF130", "c.go", 4);
}
