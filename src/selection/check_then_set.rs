//! Which functions that goroutines reach deeper than one call matter: only those on a call
//! path to a possible check-then-set.
//!
//! The full reach of goroutines (not just the functions they start or call directly) serves
//! one question: GF130 reports the check-then-set `if !done { done = true }` only in code a
//! goroutine runs. A function deep in that reach matters when its body may hold such a
//! check-then-set, or when it calls, through any chain, a function that may. Its body may
//! when one of its statements assigns `true` with a plain `=` and names a package-level
//! variable before the `=` (GF130 reports only flags rooted at one). Other reached functions
//! change no finding, and their files need not be parsed for it.
//!
//! The call graph is read exactly from the parsed files and from the lexer in the others:
//! every identifier of an unparsed function counts as a call, which only adds paths. So
//! when a function on a real path from a goroutine to a check-then-set is reached, it is
//! found useful and its file parsed, and its own calls then become exact: the reach the
//! check-then-set sees is the one parsing every file gives.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crate::prefilter::words::{FileWords, FuncWords, functions};
use crate::syntax::reach::GoroutineReach;

/// The files' functions, lexed when first asked for.
pub struct CheckThenSetPaths<'w> {
    sources: Vec<&'w [u8]>,
    functions: Vec<OnceCell<Option<Vec<FuncWords<'w>>>>>,
}

impl<'w> CheckThenSetPaths<'w> {
    pub fn new(sources: Vec<&'w [u8]>) -> Self {
        let functions = sources.iter().map(|_| OnceCell::new()).collect();
        CheckThenSetPaths { sources, functions }
    }

    fn functions(&self, file: usize) -> Option<&[FuncWords<'w>]> {
        self.functions[file]
            .get_or_init(|| functions(self.sources[file]))
            .as_deref()
    }

    /// The names of the functions that may hold a check-then-set or call, through any
    /// chain, one that may. `parsed` tells which files `reach` read exactly; the lexer
    /// stands in for the others. A name the lexer cannot place in its file's functions (the
    /// file's brackets do not balance, or its declarations were read differently) counts as
    /// useful: its calls are unknown.
    pub fn useful(
        &self,
        words: &[FileWords<'w>],
        parsed: &[bool],
        reach: &GoroutineReach,
        package_vars: &HashSet<&'w [u8]>,
    ) -> HashSet<Vec<u8>> {
        let mut useful: HashSet<Vec<u8>> = HashSet::new();
        // Callee name → the names calling it.
        let mut callers: HashMap<&[u8], Vec<&[u8]>> = HashMap::new();
        for (name, callees) in reach.calls() {
            for callee in callees {
                callers
                    .entry(callee.as_bytes())
                    .or_default()
                    .push(name.as_bytes());
            }
        }
        for (file, w) in words.iter().enumerate() {
            let lexed = self.functions(file).unwrap_or_default();
            for f in lexed {
                if f.sets_true.iter().any(|root| package_vars.contains(root)) {
                    useful.insert(f.name.to_vec());
                }
                if !parsed[file] {
                    for &callee in &f.idents {
                        callers.entry(callee).or_default().push(f.name);
                    }
                }
            }
            for &name in &w.top_funcs {
                if !lexed.iter().any(|f| f.name == name) {
                    useful.insert(name.to_vec());
                }
            }
        }
        let mut work: Vec<Vec<u8>> = useful.iter().cloned().collect();
        while let Some(name) = work.pop() {
            for &caller in callers.get(name.as_slice()).into_iter().flatten() {
                if useful.insert(caller.to_vec()) {
                    work.push(caller.to_vec());
                }
            }
        }
        useful
    }
}
