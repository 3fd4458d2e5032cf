//! One Go file: its bytes as read, the rope buffer fixes are applied to, the text snapshot the
//! passes read, and its syntax tree.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::OnceLock;

use ropey::Rope;
use thiserror::Error;
use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

use crate::diagnostic::TextRange;
use crate::discover::GoVersion;
use crate::fix::Edit;
use crate::syntax::NodeKind;
use crate::syntax::preorder::IndexedTree;

const BOM: &str = "\u{feff}";

/// Why a file could not be turned into a [`SourceFile`].
#[derive(Debug, Error)]
pub enum SourceError {
    #[error("not valid UTF-8 at byte {0}; gofix reads only UTF-8 Go source (re-encode the file)")]
    NotUtf8(usize),
    #[error("tree-sitter gave up parsing the file")]
    ParseFailed,
    #[error(
        "nests {depth} syntax levels deep; gofix checks files up to {MAX_DEPTH} levels and left this one unchecked"
    )]
    TooDeep { depth: usize },
}

/// The deepest syntax tree gofix analyses. Analyses climb from a node to its parents, and
/// tree-sitter's `parent()` costs the node's depth, so a machine-made file nested thousands of
/// levels deep would take minutes. Hand-written Go stays far below: the deepest file of Go
/// 1.27.3's standard library nests 172 levels, and a file at this limit is checked in well
/// under a second.
pub const MAX_DEPTH: usize = 1000;

/// The line ending a file uses, so inserted lines match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    /// The first line break decides, as editors do.
    fn detect(text: &str) -> Self {
        match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => LineEnding::CrLf,
            _ => LineEnding::Lf,
        }
    }
}

/// A parsed Go file. Byte offsets everywhere refer to `text()` (the file without its BOM).
pub struct SourceFile {
    pub path: PathBuf,
    pub go_version: Option<GoVersion>,
    /// Findings and fixes are wanted here (false for siblings read only for package context).
    pub target: bool,
    original: Vec<u8>,
    bom: bool,
    line_ending: LineEnding,
    rope: Rope,
    text: String,
    tree: IndexedTree,
    /// The imports, read from the tree on first use: every pass asks for some import name,
    /// and the import block is the same for all of them.
    imports: OnceLock<Vec<Import>>,
    /// Which words of [`Word`] the text says, lexed on first use.
    words: OnceLock<u8>,
}

/// One import spec: its path and the name the file uses for it (`None` for `_` and `.`).
#[derive(Debug)]
struct Import {
    path: String,
    name: Option<String>,
}

/// Words whose absence spares a package fact its walk of a file.
#[derive(Clone, Copy)]
pub enum Word {
    /// `go` or `Go`: a goroutine start (`go f()`, `wg.Go(f)`).
    Go,
    /// `chan`.
    Chan,
    /// `WaitGroup`.
    WaitGroup,
    /// `RWMutex`.
    RWMutex,
}

impl Word {
    const SPELLINGS: [(&str, u8); 5] = [
        ("go", 1),
        ("Go", 1),
        ("chan", 2),
        ("WaitGroup", 4),
        ("RWMutex", 8),
    ];

    fn bit(self) -> u8 {
        match self {
            Word::Go => 1,
            Word::Chan => 2,
            Word::WaitGroup => 4,
            Word::RWMutex => 8,
        }
    }
}

impl SourceFile {
    pub fn new(
        path: PathBuf,
        bytes: Vec<u8>,
        go_version: Option<GoVersion>,
        target: bool,
    ) -> Result<Self, SourceError> {
        let mut file = Self::unparsed(path, bytes, go_version, target)?;
        let (tree, depth) = parse_indexed(&file.rope)?;
        if depth > MAX_DEPTH {
            return Err(SourceError::TooDeep { depth });
        }
        file.tree = tree;
        Ok(file)
    }

    /// The file with an empty syntax tree: the text, positions and bytes that rendering and
    /// writing need, for a file whose findings are already known (a cache hit).
    pub fn unparsed(
        path: PathBuf,
        bytes: Vec<u8>,
        go_version: Option<GoVersion>,
        target: bool,
    ) -> Result<Self, SourceError> {
        let (bom, text) = decode(&bytes)?;
        let line_ending = LineEnding::detect(&text);
        let rope = Rope::from_str(&text);
        Ok(Self {
            path,
            go_version,
            target,
            original: bytes,
            bom,
            line_ending,
            rope,
            text,
            tree: empty_tree()?,
            imports: OnceLock::new(),
            words: OnceLock::new(),
        })
    }

    /// Whether the text holds `word` as an identifier or keyword (not in a comment or a
    /// string).
    pub fn says(&self, word: Word) -> bool {
        let mask = *self.words.get_or_init(|| {
            crate::prefilter::words::spelled(self.text.as_bytes(), &Word::SPELLINGS)
        });
        mask & word.bit() != 0
    }

    /// Tell the file which words it says, when its text was lexed already (the prefilter
    /// lexes every file it reads): `says` then need not lex it again.
    pub fn learn_words(&self, says: impl Fn(&str) -> bool) {
        let mask = Word::SPELLINGS
            .iter()
            .filter(|(spelling, _)| says(spelling))
            .fold(0, |mask, (_, bit)| mask | bit);
        let _ = self.words.set(mask);
    }

    /// The name the file refers to an imported package by (`sync`, or its alias). `None`
    /// when the file does not import it, or imports it with `_` or `.`.
    pub fn import_name(&self, path: &str) -> Option<&str> {
        self.imports
            .get_or_init(|| read_imports(self.root(), &self.text))
            .iter()
            .rev()
            .find(|i| i.path == path)
            .and_then(|i| i.name.as_deref())
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tree(&self) -> &Tree {
        self.tree.tree()
    }

    pub fn root(&self) -> Node<'_> {
        self.tree.tree().root_node()
    }

    /// The bytes as they were read from disk.
    pub fn original(&self) -> &[u8] {
        &self.original
    }

    /// The current text as it would be written: BOM restored.
    pub fn contents(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + 3);
        if self.bom {
            out.extend_from_slice(BOM.as_bytes());
        }
        out.extend_from_slice(self.text.as_bytes());
        out
    }

    pub fn is_changed(&self) -> bool {
        self.contents() != self.original
    }

    /// 1-based row and column (in characters) of a byte offset.
    pub fn location(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.rope.len_bytes());
        let line = self.rope.byte_to_line(byte);
        let col = self.rope.byte_to_char(byte) - self.rope.line_to_char(line);
        (line + 1, col + 1)
    }

    /// The text of a node.
    pub fn node_text(&self, node: Node<'_>) -> &str {
        &self.text[node.byte_range()]
    }

    /// Byte range of the whole line holding `byte`, including its line break.
    pub fn line_range(&self, byte: usize) -> TextRange {
        let start = self.text[..byte].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[byte..]
            .find('\n')
            .map_or(self.text.len(), |i| byte + i + 1);
        TextRange::new(start, end)
    }

    /// The leading whitespace of the line holding `byte`.
    pub fn indentation(&self, byte: usize) -> &str {
        let line = self.line_range(byte);
        let text = &self.text[line.start..line.end];
        let width = text.len() - text.trim_start_matches([' ', '\t']).len();
        &text[..width]
    }

    /// Apply non-overlapping edits (sorted by position) to the rope buffer and reparse.
    /// Line breaks in inserted text follow the file's own line ending.
    ///
    /// The reparse is incremental: the old tree, told where the text changed, lends the
    /// parser every subtree the edits left alone, so a fix round re-reads a few statements
    /// rather than the file. Only when the text did not end in a line break before or after
    /// (the parser then reads one more byte than the text has) is it parsed afresh.
    pub fn apply_edits(&mut self, edits: &[Edit]) -> Result<(), SourceError> {
        let mut rope = self.rope.clone();
        let mut old = self.tree.tree().clone();
        for edit in edits.iter().rev() {
            let start = rope.byte_to_char(edit.range.start);
            let end = rope.byte_to_char(edit.range.end);
            rope.remove(start..end);
            let content = match self.line_ending {
                LineEnding::Lf => std::borrow::Cow::Borrowed(edit.content.as_str()),
                LineEnding::CrLf => std::borrow::Cow::Owned(edit.content.replace('\n', "\r\n")),
            };
            rope.insert(start, &content);
            // Later edits come first, so the text before this one is still as read.
            let start_position = point_at(&self.text, edit.range.start);
            old.edit(&InputEdit {
                start_byte: edit.range.start,
                old_end_byte: edit.range.end,
                new_end_byte: edit.range.start + content.len(),
                start_position,
                old_end_position: point_at(&self.text, edit.range.end),
                new_end_position: point_after(start_position, &content),
            });
        }
        let ends_in_newline = |rope: &Rope| {
            let len = rope.len_bytes();
            len > 0 && rope.byte(len - 1) == b'\n'
        };
        let reuse = ends_in_newline(&self.rope) && ends_in_newline(&rope);
        let tree = parse_with(&rope, reuse.then_some(&old)).ok_or(SourceError::ParseFailed)?;
        let (tree, _) = IndexedTree::new(tree);
        self.text = rope.to_string();
        self.rope = rope;
        self.tree = tree;
        self.imports = OnceLock::new();
        self.words = OnceLock::new();
        Ok(())
    }

    /// Let go of the syntax tree once the file has been checked and fixed: the text, the
    /// rope and the original bytes are all that rendering and writing need, and a run over a
    /// large tree keeps every package's files until it prints (trees are several times the
    /// size of the text).
    pub fn release_tree(&mut self) {
        if let Ok(empty) = empty_tree() {
            self.tree = empty;
        }
    }

    /// Go back to the text as it was read (used when a fix round broke the syntax).
    pub fn reset(&mut self) -> Result<(), SourceError> {
        let (_, text) = decode(&self.original)?;
        let rope = Rope::from_str(&text);
        self.tree = parse_indexed(&rope)?.0;
        self.text = text;
        self.rope = rope;
        self.imports = OnceLock::new();
        self.words = OnceLock::new();
        Ok(())
    }
}

/// The import specs of a file, in order. Imports come before every other declaration, so
/// the top level is read only up to the first one that is not an import.
fn read_imports(root: Node<'_>, src: &str) -> Vec<Import> {
    let mut imports = Vec::new();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor) {
        match decl.kind_name() {
            "import_declaration" => {}
            "package_clause" | "comment" => continue,
            _ => break,
        }
        crate::syntax::walk_subtree(decl, |n| {
            if n.kind_name() != "import_spec" {
                return true;
            }
            if let Some(p) = n.field("path") {
                let path = src[p.byte_range()].trim_matches(['"', '`']).to_owned();
                let name = match n.field("name") {
                    Some(alias) if alias.kind_name() == "package_identifier" => {
                        Some(src[alias.byte_range()].to_owned())
                    }
                    Some(_) => None,
                    None => path.rsplit('/').next().map(str::to_owned),
                };
                imports.push(Import { path, name });
            }
            false
        });
    }
    imports
}

/// Whether the bytes start with a BOM, and the UTF-8 text after it.
fn decode(bytes: &[u8]) -> Result<(bool, String), SourceError> {
    let decoded = std::str::from_utf8(bytes).map_err(|e| SourceError::NotUtf8(e.valid_up_to()))?;
    Ok(match decoded.strip_prefix(BOM) {
        Some(text) => (true, text.to_owned()),
        None => (false, decoded.to_owned()),
    })
}

/// The tree of an empty file: what a file holds when its real tree is not needed.
fn empty_tree() -> Result<IndexedTree, SourceError> {
    Ok(parse_indexed(&Rope::new())?.0)
}

/// Parse the text and list the tree's nodes; also how deep the tree nests.
fn parse_indexed(rope: &Rope) -> Result<(IndexedTree, usize), SourceError> {
    Ok(IndexedTree::new(
        parse(rope).ok_or(SourceError::ParseFailed)?,
    ))
}

thread_local! {
    /// One parser per thread: creating one is cheap but not free, and parsers are not `Sync`.
    static PARSER: RefCell<Parser> = RefCell::new(new_parser());
}

fn new_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_go::LANGUAGE.into())
        .expect("the bundled tree-sitter-go grammar matches the tree-sitter version");
    parser
}

/// Parse the rope chunk by chunk. A file without a final newline gets one appended for the
/// parser only: tree-sitter-go otherwise reports a MISSING node at the end of valid code.
fn parse(rope: &Rope) -> Option<Tree> {
    parse_with(rope, None)
}

/// [`parse`], reusing the subtrees of `old` (already told of the edits) that still fit.
fn parse_with(rope: &Rope, old: Option<&Tree>) -> Option<Tree> {
    let len = rope.len_bytes();
    let needs_newline = len > 0 && rope.byte(len - 1) != b'\n';
    PARSER.with(|parser| {
        parser.borrow_mut().parse_with_options(
            &mut |byte: usize, _| -> &[u8] {
                if byte < len {
                    let (chunk, chunk_start, _, _) = rope.chunk_at_byte(byte);
                    &chunk.as_bytes()[byte - chunk_start..]
                } else if byte == len && needs_newline {
                    b"\n"
                } else {
                    b""
                }
            },
            old,
            None,
        )
    })
}

/// The row and byte column of `byte` in `text`, counting lines as tree-sitter does (by
/// `\n` alone).
fn point_at(text: &str, byte: usize) -> Point {
    let before = &text.as_bytes()[..byte];
    let row = memchr::memchr_iter(b'\n', before).count();
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    Point::new(row, byte - line_start)
}

/// Where text `inserted` at `start` ends.
fn point_after(start: Point, inserted: &str) -> Point {
    let bytes = inserted.as_bytes();
    match memchr::memrchr(b'\n', bytes) {
        Some(last) => Point::new(
            start.row + memchr::memchr_iter(b'\n', bytes).count(),
            bytes.len() - last - 1,
        ),
        None => Point::new(start.row, start.column + bytes.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(PathBuf::from("x.go"), text.as_bytes().to_vec(), None, true).unwrap()
    }

    #[test]
    fn missing_final_newline_parses_cleanly() {
        let f = file("package p\n\nfunc f() {}");
        assert!(!f.root().has_error());
        assert_eq!(f.contents(), b"package p\n\nfunc f() {}");
    }

    #[test]
    fn bom_is_kept_out_of_the_text_and_restored() {
        let f = file("\u{feff}package p\n");
        assert_eq!(f.text(), "package p\n");
        assert!(!f.root().has_error());
        assert!(f.contents().starts_with(BOM.as_bytes()));
        assert!(!f.is_changed());
    }

    #[test]
    fn crlf_insertions_use_crlf() {
        let mut f = file("package p\r\n\r\nfunc f() {\r\n}\r\n");
        let at = f.text().find("{\r\n").unwrap() + 1;
        f.apply_edits(&[Edit::insertion(at, "\n\tx := 1\n\t_ = x")])
            .unwrap();
        assert_eq!(
            f.text(),
            "package p\r\n\r\nfunc f() {\r\n\tx := 1\r\n\t_ = x\r\n}\r\n"
        );
    }

    /// The incremental reparse gives the tree a fresh parse gives, positions included.
    #[test]
    fn edits_reparse_to_the_tree_of_a_fresh_parse() {
        let sources = [
            "package p\n\nimport \"sync\"\n\nvar mu sync.Mutex\n\nfunc f(x bool) {\n\tmu.Lock()\n\tif x {\n\t\treturn\n\t}\n\tmu.Unlock()\n}\n",
            "package p\r\n\r\nfunc f(xs []int) {\r\n\tfor _, x := range xs {\r\n\t\tgo func() { println(x) }()\r\n\t}\r\n}\r\n",
            "package p\n\nfunc f() { g() }",
        ];
        for src in sources {
            let lock = src.find("mu.Lock()").map(|i| i + "mu.Lock()".len());
            let unlock = src.find("\tmu.Unlock()\n");
            let edits = match (lock, unlock) {
                (Some(lock), Some(unlock)) => vec![
                    Edit::insertion(lock, "\n\tdefer mu.Unlock()"),
                    Edit::deletion(unlock, unlock + "\tmu.Unlock()\n".len()),
                ],
                _ => {
                    let body = src.find('{').unwrap() + 1;
                    let call = src.find("g()").unwrap_or(body);
                    let mut edits = vec![Edit::insertion(body, "\n\tx := 1\n\t_ = x")];
                    if call != body {
                        edits.push(Edit::replacement(call, call + 3, "h(1, 2)"));
                    }
                    edits
                }
            };
            let mut edited = file(src);
            edited.apply_edits(&edits).unwrap();
            let fresh = file(edited.text());
            assert_eq!(edited.root().to_sexp(), fresh.root().to_sexp(), "{src}");
            let mut spans = Vec::new();
            let mut fresh_spans = Vec::new();
            crate::syntax::walk_subtree(edited.root(), |n| {
                spans.push((n.byte_range(), n.start_position(), n.end_position()));
                true
            });
            crate::syntax::walk_subtree(fresh.root(), |n| {
                fresh_spans.push((n.byte_range(), n.start_position(), n.end_position()));
                true
            });
            assert_eq!(spans, fresh_spans, "{src}");
        }
    }

    #[test]
    fn locations_are_one_based_chars() {
        let f = file("package p\n\nvar s = \"é\"; var t = 1\n");
        let at = f.text().find("var t").unwrap();
        assert_eq!(f.location(at), (3, 14));
    }

    #[test]
    fn nesting_beyond_the_limit_is_refused_with_its_depth() {
        let shallow = parse_indexed(&Rope::from_str("package p\n\nfunc f() { g(1) }\n"));
        assert_eq!(shallow.unwrap().1, 7);
        let deep = format!(
            "package p\n\nvar x = {}1{}\n",
            "(".repeat(2000),
            ")".repeat(2000)
        );
        let err = SourceFile::new(PathBuf::from("x.go"), deep.into_bytes(), None, true);
        assert!(matches!(err, Err(SourceError::TooDeep { depth }) if depth > MAX_DEPTH));
    }

    #[test]
    fn non_utf8_is_an_error() {
        let err = SourceFile::new(PathBuf::from("x.go"), vec![b'p', 0xff], None, true);
        assert!(matches!(err, Err(SourceError::NotUtf8(1))));
    }
}
