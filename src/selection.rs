//! Which files of a package are parsed: the ones the prefilter wants, and then the ones the
//! package facts link to them, until no more are linked.
//!
//! A rule fires in a file that holds one of its trigger words, or in a file the package
//! facts reach from one: the method of a lock-holding type in a file that never says `Lock`
//! (GF120), the function a `go` statement elsewhere starts (GF301), the caller that ranges
//! over a returned channel (GF201), the file writing a package variable a goroutine polls
//! (GF304). `Links` gathers those ties from each parsed file as it comes (the
//! file-by-file facts of [`LinkingFacts`], lock fields, WaitGroup names, written package
//! variables); a file naming a linked name, or declaring a function goroutines start or
//! reach, is parsed too, and so on until nothing new is tied. The index is then built once
//! over the parsed files, reusing the file-by-file facts.
//!
//! The ties are names, read by a lexer (`prefilter::words`), so they err on the side of
//! parsing: a local variable that shares a package variable's name ties its file too. The
//! stdlib oracle and the fuzz test check that the findings and fixes are those of parsing
//! every file.

mod check_then_set;

use std::collections::HashSet;

use crate::discover::DiscoveredFile;
use crate::lock_index::lock_field_names;
use crate::package::{LinkingFacts, PackageIndex};
use crate::prefilter::words::FileWords;
use crate::prefilter::{Counts, Prefilter};
use crate::source::{SourceError, SourceFile};
use crate::syntax::NodeKind;
use crate::syntax::globals::{receiver_type, written_and_polled};
use crate::syntax::waitgroups::WaitGroups;
use check_then_set::CheckThenSetPaths;

/// The files of a package worth parsing, parsed, with the index built over them.
pub struct Selection {
    /// In the package's order.
    pub files: Vec<SourceFile>,
    pub index: PackageIndex,
}

/// A file as read, waiting for the selection to want it.
pub type ReadFile<'p> = (&'p DiscoveredFile, Vec<u8>);

/// Parse the files of a package `prefilter` wants and those linked to them; `None` when it
/// wants none (nothing can fire in the package). Files that cannot be parsed, and unparsed
/// files that are not UTF-8, go to `errors` (their position in `read`, the message), as a
/// parse of every file would report them.
pub fn select(
    read: &[ReadFile<'_>],
    prefilter: &Prefilter,
    errors: &mut Vec<(usize, String)>,
) -> Option<Selection> {
    let words: Vec<FileWords<'_>> = read.iter().map(|(_, b)| FileWords::of(b)).collect();
    let mut wanted: Vec<bool> = read
        .iter()
        .zip(&words)
        .map(|((found, bytes), w)| prefilter.wants(bytes, w, found.go_version))
        .collect();
    let count = |pick: &[bool]| {
        read.iter()
            .zip(pick)
            .filter(|(_, p)| **p)
            .fold((0, 0), |(n, b), ((_, bytes), _)| (n + 1, b + bytes.len()))
    };
    let mut counts = Counts {
        seen: count(&vec![true; read.len()]),
        triggered: count(&wanted),
        parsed: (0, 0),
    };
    if !wanted.contains(&true) {
        prefilter.record(counts);
        report_encodings(read, &vec![false; read.len()], errors);
        return None;
    }
    let mut links = Links::new(&words, read.iter().map(|(_, b)| b.as_slice()).collect());
    let mut parsed: Vec<Option<SourceFile>> = (0..read.len()).map(|_| None).collect();
    let mut tried = vec![false; read.len()];
    loop {
        // The files parsed in this round.
        let mut fresh = Vec::new();
        for i in 0..read.len() {
            if !wanted[i] || tried[i] {
                continue;
            }
            tried[i] = true;
            let (found, bytes) = &read[i];
            match SourceFile::new(
                found.path.clone(),
                bytes.clone(),
                found.go_version,
                found.target,
            ) {
                Ok(file) => {
                    file.learn_words(|w| words[i].has_word(w));
                    links.add_file(&file, i);
                    parsed[i] = Some(file);
                    fresh.push(i);
                }
                Err(e) => errors.push((i, e.to_string())),
            }
        }
        // WaitGroups are declared in files saying `WaitGroup`, each file's independently.
        let waitgroups: Vec<&SourceFile> = fresh
            .iter()
            .filter(|&&i| words[i].has_word("WaitGroup"))
            .filter_map(|&i| parsed[i].as_ref())
            .collect();
        if !waitgroups.is_empty() {
            links.add_waitgroups(&waitgroups);
        }
        let linked = links.linked_files(&words, &tried);
        if linked.is_empty() {
            break;
        }
        for i in linked {
            wanted[i] = true;
        }
    }
    counts.parsed = count(&tried);
    prefilter.record(counts);
    report_encodings(read, &tried, errors);
    let files: Vec<SourceFile> = parsed.into_iter().flatten().collect();
    let index = PackageIndex::build_with(files.iter().collect(), links.facts);
    Some(Selection { files, index })
}

/// Encoding errors of the files not parsed: a parse would have reported them.
fn report_encodings(read: &[ReadFile<'_>], tried: &[bool], errors: &mut Vec<(usize, String)>) {
    for (i, (_, bytes)) in read.iter().enumerate() {
        if !tried[i]
            && let Err(e) = std::str::from_utf8(bytes)
        {
            errors.push((i, SourceError::NotUtf8(e.valid_up_to()).to_string()));
        }
    }
}

/// What ties unparsed files to the parsed ones, grown a parsed file at a time.
struct Links<'w> {
    facts: LinkingFacts,
    /// Lock types and fields, WaitGroup names, polled package-level variables: a file
    /// naming one is needed.
    named: HashSet<String>,
    /// Package-level variables written: a file declaring one, or that may poll one, is
    /// needed.
    written: HashSet<&'w [u8]>,
    /// The types with a lock field.
    lock_types: HashSet<String>,
    /// The methods the parsed files declare, as (receiver type, name): those of a lock type
    /// are linked, since GF120 judges a method by its call sites.
    methods: Vec<(String, String)>,
    /// The names top-level `var` declarations introduce, in any file of the package.
    package_vars: HashSet<&'w [u8]>,
    /// Some file starts a goroutine: package-level variables matter (GF304, GF130).
    goroutines: bool,
    /// Which functions deep in the goroutines' reach lead to a check-then-set.
    paths: CheckThenSetPaths<'w>,
}

impl<'w> Links<'w> {
    fn new(words: &[FileWords<'w>], sources: Vec<&'w [u8]>) -> Self {
        Links {
            paths: CheckThenSetPaths::new(sources),
            facts: LinkingFacts::default(),
            named: HashSet::new(),
            written: HashSet::new(),
            lock_types: HashSet::new(),
            methods: Vec::new(),
            // `var _ = …` declares nothing anyone can write.
            package_vars: words
                .iter()
                .flat_map(|w| w.top_vars.iter().copied())
                .filter(|v| *v != b"_")
                .collect(),
            goroutines: words.iter().any(|w| w.has_word("go") || w.has_word("Go")),
        }
    }

    /// Take the facts of a parsed file, the `position`-th of the package.
    fn add_file(&mut self, file: &SourceFile, position: usize) {
        self.facts.add_file(file, position, self.goroutines);
        for (type_name, field) in lock_field_names(file) {
            self.named.insert(field);
            self.named.insert(type_name.clone());
            self.lock_types.insert(type_name);
        }
        let src = file.text();
        let root = file.root();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            if decl.kind_name() == "method_declaration"
                && let Some(name) = decl.field("name")
            {
                let name = src[name.byte_range()].to_owned();
                self.methods.push((receiver_type(decl, src), name));
            }
        }
        if self.goroutines {
            let (mut written, mut polled) = (HashSet::new(), HashSet::new());
            written_and_polled(file, &mut written, &mut polled);
            let package_vars = &self.package_vars;
            self.written.extend(
                written
                    .into_iter()
                    .filter_map(|name| package_vars.get(name.as_bytes()).copied()),
            );
            self.named.extend(
                polled
                    .into_iter()
                    .filter(|name| package_vars.contains(name.as_bytes()))
                    .map(str::to_owned),
            );
        }
    }

    /// The WaitGroup fields, variables and by-value functions `files` declare.
    fn add_waitgroups(&mut self, files: &[&SourceFile]) {
        self.named.extend(WaitGroups::declared_names(files));
    }

    /// The files not yet tried that name a linked name, or declare a function goroutines
    /// start or reach.
    fn linked_files(&self, words: &[FileWords<'w>], tried: &[bool]) -> Vec<usize> {
        let named: Vec<&str> = self
            .named
            .iter()
            .map(String::as_str)
            .chain(self.facts.lock_types.holders())
            .chain(self.facts.chan_results.iter().map(String::as_str))
            .chain(
                self.methods
                    .iter()
                    .filter(|(receiver, _)| self.lock_types.contains(receiver))
                    .map(|(_, name)| name.as_str()),
            )
            .collect();
        // Functions goroutines start or run directly: their bodies count for GF304, GF301…
        let reach = &self.facts.goroutines;
        let direct: HashSet<&[u8]> = reach
            .direct()
            .iter()
            .map(String::as_str)
            .chain(self.facts.goroutine_starts.names())
            .map(str::as_bytes)
            .collect();
        // …those reached deeper only on a path to a check-then-set (GF130).
        let reachable: HashSet<&[u8]> = reach.reachable().iter().map(String::as_bytes).collect();
        let deeper = |f: &[u8]| reachable.contains(f) && !direct.contains(f);
        let pending =
            (0..words.len()).any(|i| !tried[i] && words[i].top_funcs.iter().any(|f| deeper(f)));
        let useful = if pending {
            self.paths.useful(words, tried, reach, &self.package_vars)
        } else {
            HashSet::new()
        };
        (0..words.len())
            .filter(|&i| !tried[i])
            .filter(|&i| {
                let w = &words[i];
                named.iter().any(|n| w.idents.contains(n.as_bytes()))
                    || w.top_vars.iter().any(|v| self.written.contains(v))
                    || w.polls.iter().any(|p| self.written.contains(p))
                    || w.top_funcs
                        .iter()
                        .any(|&f| direct.contains(f) || (deeper(f) && useful.contains(f)))
            })
            .collect()
    }
}
