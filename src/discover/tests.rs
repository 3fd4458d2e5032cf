//! End-to-end tests of `discover` on temporary trees.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// A temporary tree; files are written relative to its root.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        Tree {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn p(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let path = self.p(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
        self
    }

    fn go(&self, rel: &str, package: &str) -> &Self {
        self.write(rel, format!("package {package}\n"))
    }

    fn run(&self, args: &[&str], opts: &DiscoverOptions) -> Discovery {
        let args: Vec<PathBuf> = args.iter().map(|a| self.p(a)).collect();
        discover(&args, opts)
    }

    /// `dir|name: file(t|s)@version …` per package, paths relative to the root, for compact
    /// assertions.
    fn summary(&self, d: &Discovery) -> Vec<String> {
        d.packages
            .iter()
            .map(|pkg| {
                let files: Vec<String> = pkg
                    .files
                    .iter()
                    .map(|f| {
                        let kind = if f.target { "t" } else { "s" };
                        let version = f.go_version.map_or("?".to_string(), |v| v.to_string());
                        format!("{}({kind})@{version}", self.rel(&f.path))
                    })
                    .collect();
                format!("{}|{}: {}", self.rel(&pkg.dir), pkg.name, files.join(" "))
            })
            .collect()
    }

    fn rel(&self, path: &Path) -> String {
        let rel = path.strip_prefix(self.root()).unwrap_or(path);
        let s = rel.display().to_string();
        if s.is_empty() { ".".to_string() } else { s }
    }

    fn errors(&self, d: &Discovery) -> Vec<String> {
        let root = format!("{}/", self.root().display());
        d.errors
            .iter()
            .map(|e| e.to_string().replace(&root, ""))
            .collect()
    }

    /// The version of the single file `rel` after discovering the whole tree.
    fn version_of(&self, rel: &str, opts: &DiscoverOptions) -> Option<GoVersion> {
        let d = self.run(&["."], opts);
        assert!(d.errors.is_empty(), "{:?}", self.errors(&d));
        let want = self.p(rel);
        let file = d
            .packages
            .iter()
            .flat_map(|p| &p.files)
            .find(|f| f.path == want);
        match file {
            Some(f) => f.go_version,
            None => panic!("{rel} not discovered: {:?}", self.summary(&d)),
        }
    }
}

fn v(minor: u32) -> Option<GoVersion> {
    Some(GoVersion { minor })
}

fn no_opts() -> DiscoverOptions {
    DiscoverOptions::default()
}

fn has_go_mod_above(dir: &Path) -> bool {
    dir.ancestors().any(|d| d.join("go.mod").exists())
}

// --- version cascade -------------------------------------------------------------------

#[test]
fn version_from_go_mod_two_levels_up() {
    let t = Tree::new();
    t.write("m/go.mod", "module m\n\ngo 1.20 // old\n")
        .go("m/a/b/x.go", "b");
    assert_eq!(t.version_of("m/a/b/x.go", &no_opts()), v(20));
}

#[test]
fn nearest_go_mod_wins() {
    let t = Tree::new();
    t.write("go.mod", "module outer\ngo 1.19\n")
        .write("inner/go.mod", "module inner\ngo 1.23.2\n")
        .go("x.go", "outer")
        .go("inner/y.go", "inner");
    assert_eq!(t.version_of("x.go", &no_opts()), v(19));
    assert_eq!(t.version_of("inner/y.go", &no_opts()), v(23));
}

#[test]
fn go_mod_without_go_line_means_1_16() {
    let t = Tree::new();
    t.write("go.mod", "module m\n\nrequire golang.org/x/sync v0.7.0\n")
        .go("p/x.go", "p");
    assert_eq!(t.version_of("p/x.go", &no_opts()), v(16));
}

#[test]
fn no_go_mod_means_unknown() {
    let t = Tree::new();
    t.go("p/x.go", "p");
    if has_go_mod_above(t.root()) {
        return; // the temp dir sits inside a module on this machine; nothing to check
    }
    assert_eq!(t.version_of("p/x.go", &no_opts()), None);
}

#[test]
fn go_version_option_replaces_the_base() {
    let t = Tree::new();
    t.write("go.mod", "go 1.20\n").go("x.go", "p");
    let opts = DiscoverOptions {
        go_version: v(22),
        ..no_opts()
    };
    assert_eq!(t.version_of("x.go", &opts), v(22));
}

#[test]
fn go_version_option_then_build_line() {
    let t = Tree::new();
    t.write("go.mod", "go 1.20\n")
        .write("x.go", "//go:build go1.23\n\npackage p\n");
    let opts = DiscoverOptions {
        go_version: v(22),
        ..no_opts()
    };
    assert_eq!(t.version_of("x.go", &opts), v(23));
}

/// The version of a file with build line `line` in a module at `base`.
fn with_build_line(base: &str, line: &str) -> Option<GoVersion> {
    let t = Tree::new();
    t.write("go.mod", format!("module m\ngo {base}\n"))
        .write("x.go", format!("{line}\n\npackage p\n"));
    t.version_of("x.go", &no_opts())
}

#[test]
fn build_line_adjusts_the_base() {
    // Raises.
    assert_eq!(with_build_line("1.20", "//go:build go1.23"), v(23));
    // Lowers, but never below 1.21.
    assert_eq!(with_build_line("1.22", "//go:build go1.18"), v(21));
    assert_eq!(with_build_line("1.24", "//go:build go1.22"), v(22));
    // Implies nothing: the base stays.
    assert_eq!(with_build_line("1.20", "//go:build linux"), v(20));
    assert_eq!(with_build_line("1.20", "//go:build !go1.22"), v(20));
    assert_eq!(with_build_line("1.20", "//go:build go1.22 || linux"), v(20));
    assert_eq!(with_build_line("1.20", "//go:build go1.22 &&"), v(20));
    // Or: the smaller of two minimums; grouping.
    assert_eq!(
        with_build_line("1.24", "//go:build go1.21 || go1.22"),
        v(21)
    );
    assert_eq!(
        with_build_line("1.20", "//go:build (linux && go1.23) || go1.24"),
        v(23)
    );
    // `// +build` lines are not version lines.
    assert_eq!(with_build_line("1.20", "// +build go1.23"), v(20));
}

#[test]
fn build_line_after_package_clause_is_ignored() {
    let t = Tree::new();
    t.write("go.mod", "go 1.20\n")
        .write("x.go", "package p\n\n//go:build go1.23\n");
    assert_eq!(t.version_of("x.go", &no_opts()), v(20));
}

#[test]
fn build_line_applies_without_go_mod() {
    let t = Tree::new();
    t.write("x.go", "//go:build go1.23\n\npackage p\n")
        .write("y.go", "//go:build go1.18\n\npackage p\n");
    assert_eq!(t.version_of("x.go", &no_opts()), v(23));
    assert_eq!(t.version_of("y.go", &no_opts()), v(21));
}

#[test]
fn bad_go_directive_is_reported_and_version_unknown() {
    let t = Tree::new();
    t.write("go.mod", "module m\ngo one.twenty\n")
        .go("a.go", "p")
        .go("b.go", "p");
    let d = t.run(&["."], &no_opts());
    // Reported once, by its canonical (absolute) path.
    assert_eq!(d.errors.len(), 1, "{:?}", t.errors(&d));
    let go_mod = t.root().canonicalize().unwrap().join("go.mod");
    assert_eq!(d.errors[0].path(), go_mod);
    assert_eq!(
        d.errors[0].to_string(),
        format!(
            "{}: cannot read the go directive `go one.twenty`; write it as `go 1.N` (or pass --go-version)",
            go_mod.display()
        )
    );
    assert_eq!(t.summary(&d), vec![".|p: a.go(t)@? b.go(t)@?"]);
}

// --- generated files -------------------------------------------------------------------

#[test]
fn generated_marker_only_counts_before_the_package_clause() {
    let t = Tree::new();
    t.write("go.mod", "go 1.22\n")
        .write(
            "gen.go",
            "// Code generated by stringer; DO NOT EDIT.\n\npackage p\n",
        )
        .write(
            "late.go",
            "package p\n\n// Code generated by stringer; DO NOT EDIT.\n",
        );
    let d = t.run(&["."], &no_opts());
    assert_eq!(t.summary(&d), vec![".|p: late.go(t)@1.22"]);

    let all = DiscoverOptions {
        include_generated: true,
        ..no_opts()
    };
    let d = t.run(&["."], &all);
    assert_eq!(t.summary(&d), vec![".|p: gen.go(t)@1.22 late.go(t)@1.22"]);
}

#[test]
fn named_generated_file_is_skipped_unless_asked() {
    let t = Tree::new();
    t.write("go.mod", "go 1.22\n")
        .write(
            "gen.go",
            "// Code generated by x. DO NOT EDIT.\npackage p\n",
        )
        .go("a.go", "p");
    let d = t.run(&["gen.go"], &no_opts());
    assert!(d.packages.is_empty() && d.errors.is_empty(), "{d:?}");
    let all = DiscoverOptions {
        include_generated: true,
        ..no_opts()
    };
    let d = t.run(&["gen.go"], &all);
    assert_eq!(t.summary(&d), vec![".|p: a.go(s)@1.22 gen.go(t)@1.22"]);
}

// --- walking ---------------------------------------------------------------------------

#[test]
fn walk_skips_vendor_testdata_dot_and_underscore_dirs() {
    let t = Tree::new();
    t.write("go.mod", "go 1.22\n")
        .go("a.go", "root")
        .go("pkg/b.go", "pkg")
        .go("vendor/v/v.go", "v")
        .go("testdata/td.go", "td")
        .go("pkg/testdata/td.go", "td")
        .go(".hidden/h.go", "h")
        .go("_old/o.go", "o")
        .go("pkg/_skip.go", "pkg")
        .go("pkg/.skip.go", "pkg")
        .write("pkg/notes.txt", "package nope\n");
    let d = t.run(&["."], &no_opts());
    assert!(d.errors.is_empty(), "{:?}", t.errors(&d));
    assert_eq!(
        t.summary(&d),
        vec![".|root: a.go(t)@1.22", "pkg|pkg: pkg/b.go(t)@1.22"]
    );
}

#[test]
fn named_directory_is_never_filtered_itself() {
    let t = Tree::new();
    t.go("vendor/v/v.go", "v")
        .go("vendor/v/vendor/w/w.go", "w")
        .go(".tools/t.go", "tools")
        .go("_old/o.go", "o");
    let d = t.run(&["vendor", ".tools", "_old"], &no_opts());
    assert_eq!(
        t.summary(&d),
        vec![
            ".tools|tools: .tools/t.go(t)@?",
            "_old|o: _old/o.go(t)@?",
            "vendor/v|v: vendor/v/v.go(t)@?",
        ]
    );
}

#[test]
fn named_file_is_a_target_anywhere() {
    let t = Tree::new();
    t.go("vendor/v/v.go", "v").go("testdata/td.go", "td");
    let d = t.run(&["vendor/v/v.go", "testdata/td.go"], &no_opts());
    assert_eq!(
        t.summary(&d),
        vec![
            "testdata|td: testdata/td.go(t)@?",
            "vendor/v|v: vendor/v/v.go(t)@?",
        ]
    );
}

#[test]
fn walk_respects_gitignore_outside_a_repository() {
    let t = Tree::new();
    t.write(".gitignore", "ignored/\nskip.go\n")
        .go("a.go", "p")
        .go("skip.go", "p")
        .go("ignored/i.go", "i");
    let d = t.run(&["."], &no_opts());
    assert_eq!(t.summary(&d), vec![".|p: a.go(t)@?"]);
    // Named explicitly, an ignored file is still taken.
    let d = t.run(&["ignored/i.go"], &no_opts());
    assert_eq!(t.summary(&d), vec!["ignored|i: ignored/i.go(t)@?"]);
}

#[cfg(unix)]
#[test]
fn symlinks_inside_a_walk() {
    use std::os::unix::fs::symlink;
    let t = Tree::new();
    t.go("real/r.go", "p").go("pkg/a.go", "p");
    symlink(t.p("real/r.go"), t.p("pkg/link.go")).unwrap();
    symlink(t.p("missing.go"), t.p("pkg/dangling.go")).unwrap();
    symlink(t.p("real"), t.p("pkg/dir.go")).unwrap();
    symlink(t.p("real"), t.p("pkg/sub")).unwrap();
    let d = t.run(&["pkg"], &no_opts());
    assert_eq!(t.summary(&d), vec!["pkg|p: pkg/a.go(t)@? pkg/link.go(t)@?"]);
    assert_eq!(t.errors(&d).len(), 1);
    assert!(
        t.errors(&d)[0].starts_with("pkg/dangling.go: cannot read: "),
        "{:?}",
        t.errors(&d)
    );
}

#[cfg(unix)]
#[test]
fn named_symlinked_directory_is_walked() {
    let t = Tree::new();
    t.go("real/a.go", "p");
    std::os::unix::fs::symlink(t.p("real"), t.p("alias")).unwrap();
    let d = t.run(&["alias"], &no_opts());
    assert_eq!(t.summary(&d), vec!["alias|p: alias/a.go(t)@?"]);
    // Both spellings of one directory: one package, each file once.
    let d = t.run(&["alias", "real"], &no_opts());
    assert_eq!(t.summary(&d), vec!["alias|p: alias/a.go(t)@?"]);
}

// --- named files and packages ----------------------------------------------------------

#[test]
fn named_file_pulls_in_its_package_as_non_targets() {
    let t = Tree::new();
    t.write("go.mod", "go 1.21\n")
        .go("p/a.go", "p")
        .go("p/b.go", "p")
        .go("p/c_test.go", "p")
        .go("p/ext_test.go", "p_test")
        .write(
            "p/gen.go",
            "// Code generated by x. DO NOT EDIT.\npackage p\n",
        )
        .go("p/sub/s.go", "p")
        .go("p/_ignored.go", "p");
    let d = t.run(&["p/a.go"], &no_opts());
    assert!(d.errors.is_empty(), "{:?}", t.errors(&d));
    assert_eq!(
        t.summary(&d),
        vec!["p|p: p/a.go(t)@1.21 p/b.go(s)@1.21 p/c_test.go(s)@1.21"]
    );
}

#[test]
fn sibling_named_too_stays_a_target_and_files_appear_once() {
    let t = Tree::new();
    t.go("p/a.go", "p").go("p/b.go", "p").go("p/c.go", "p");
    let p = t.p("p");
    let dotted = p.join(".").join("b.go"); // another spelling of p/b.go
    let args = vec![p.join("a.go"), dotted, p.join("b.go"), p.join("a.go")];
    let d = discover(&args, &no_opts());
    assert_eq!(
        t.summary(&d),
        vec!["p|p: p/a.go(t)@? p/b.go(t)@? p/c.go(s)@?"]
    );
}

#[test]
fn named_file_and_its_directory() {
    let t = Tree::new();
    t.go("p/a.go", "p").go("p/b.go", "p");
    for args in [["p/a.go", "p"], ["p", "p/a.go"]] {
        let d = t.run(&args, &no_opts());
        assert_eq!(t.summary(&d), vec!["p|p: p/a.go(t)@? p/b.go(t)@?"]);
    }
}

#[test]
fn external_test_package_is_its_own_package() {
    let t = Tree::new();
    t.go("p/a.go", "foo")
        .go("p/a_test.go", "foo")
        .go("p/x_test.go", "foo_test");
    let d = t.run(&["p"], &no_opts());
    assert_eq!(
        t.summary(&d),
        vec![
            "p|foo: p/a.go(t)@? p/a_test.go(t)@?",
            "p|foo_test: p/x_test.go(t)@?",
        ]
    );
    // Naming the external test file pulls in only its own package.
    let d = t.run(&["p/x_test.go"], &no_opts());
    assert_eq!(t.summary(&d), vec!["p|foo_test: p/x_test.go(t)@?"]);
}

#[test]
fn build_ignore_files_are_ordinary() {
    let t = Tree::new();
    t.write("gen_tool.go", "//go:build ignore\n\npackage main\n")
        .go("a.go", "p");
    let d = t.run(&["."], &no_opts());
    assert_eq!(
        t.summary(&d),
        vec![".|main: gen_tool.go(t)@?", ".|p: a.go(t)@?"]
    );
}

#[test]
fn paths_keep_the_argument_spelling_without_dot_components() {
    let t = Tree::new();
    t.go("x/y.go", "y");
    let arg = t.root().join(".").join("x").join(".").join("y.go");
    let d = discover(&[arg], &no_opts());
    assert_eq!(d.packages.len(), 1);
    assert_eq!(d.packages[0].files[0].path, t.p("x/y.go"));
    assert_eq!(d.packages[0].dir, t.p("x"));
}

// --- errors ----------------------------------------------------------------------------

#[test]
fn per_file_errors_do_not_stop_the_run() {
    let t = Tree::new();
    t.go("p/a.go", "p")
        .write("p/latin1.go", b"package p\n// caf\xe9\n".as_slice())
        .write("p/empty.go", "// nothing here\n")
        .write("p/bom.go", b"\xEF\xBB\xBFpackage p\n".as_slice());
    let d = t.run(&["p", "missing", "p/nope.go"], &no_opts());
    assert_eq!(t.summary(&d), vec!["p|p: p/a.go(t)@? p/bom.go(t)@?"]);
    assert_eq!(
        t.errors(&d),
        vec![
            "missing: no such file or directory",
            "p/empty.go: no package clause found; is it a Go file?",
            "p/latin1.go: not valid UTF-8; gofix reads only UTF-8 Go source (re-encode the file)",
            "p/nope.go: no such file or directory",
        ]
    );
    for e in &d.errors {
        assert!(e.path().starts_with(t.root()), "{:?}", e.path());
    }
}

#[cfg(unix)]
#[test]
fn named_dangling_symlink_cannot_be_read() {
    let t = Tree::new();
    std::os::unix::fs::symlink(t.p("gone.go"), t.p("link.go")).unwrap();
    let d = t.run(&["link.go"], &no_opts());
    let errors = t.errors(&d);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("link.go: cannot read: "),
        "{errors:?}"
    );
}

#[test]
fn a_broken_file_is_reported_once() {
    let t = Tree::new();
    t.write("p/bad.go", "not go\n").go("p/a.go", "p");
    let d = t.run(&["p/bad.go", "p", "p/a.go", "p/bad.go"], &no_opts());
    assert_eq!(t.errors(&d).len(), 1, "{:?}", t.errors(&d));
}

// --- determinism -----------------------------------------------------------------------

#[test]
fn output_does_not_depend_on_argument_or_creation_order() {
    let names = ["zeta", "alpha", "mid", "beta", "omega"];
    let build = |order: &[&str]| {
        let t = Tree::new();
        for n in order {
            t.go(&format!("{n}/z.go"), n)
                .go(&format!("{n}/a.go"), n)
                .go(&format!("{n}/m_test.go"), &format!("{n}_test"));
        }
        t
    };
    let t1 = build(&names);
    let mut reversed = names;
    reversed.reverse();
    let t2 = build(&reversed);
    let d1 = t1.run(
        &["zeta", "alpha/a.go", "mid", "beta/z.go", "omega"],
        &no_opts(),
    );
    let d2 = t2.run(
        &["omega", "beta/z.go", "mid", "alpha/a.go", "zeta"],
        &no_opts(),
    );
    assert_eq!(t1.summary(&d1), t2.summary(&d2));
    let dirs: Vec<String> = t1.summary(&d1).iter().map(|s| s[..5].to_string()).collect();
    assert_eq!(
        dirs,
        [
            "alpha", "beta|", "mid|m", "mid|m", "omega", "omega", "zeta|", "zeta|"
        ]
    );
}

#[test]
fn relative_arguments_give_relative_paths() {
    // Under the working directory (the crate root under `cargo test`), hidden so that
    // other walks of the crate skip it.
    let tmp = tempfile::Builder::new()
        .prefix(".discover-test-")
        .tempdir_in(".")
        .unwrap();
    let name = tmp
        .path()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    fs::create_dir_all(tmp.path().join("p")).unwrap();
    fs::write(tmp.path().join("p/a.go"), "package p\n").unwrap();
    fs::write(tmp.path().join("p/b.go"), "package p\n").unwrap();
    let rel = PathBuf::from(&name);
    let d = discover(&[PathBuf::from(".").join(&rel).join("p")], &no_opts());
    assert_eq!(d.packages.len(), 1);
    assert_eq!(d.packages[0].dir, rel.join("p"));
    let paths: Vec<&Path> = d.packages[0]
        .files
        .iter()
        .map(|f| f.path.as_path())
        .collect();
    assert_eq!(paths, [rel.join("p/a.go"), rel.join("p/b.go")]);

    let d = discover(&[rel.join(".").join("p/./a.go")], &no_opts());
    let files: Vec<(&Path, bool)> = d.packages[0]
        .files
        .iter()
        .map(|f| (f.path.as_path(), f.target))
        .collect();
    assert_eq!(
        files,
        [
            (rel.join("p/a.go").as_path(), true),
            (rel.join("p/b.go").as_path(), false)
        ]
    );
}
