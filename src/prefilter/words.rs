//! The words of a Go file as the prefilter sees them, found by a small lexer instead of a
//! parse: identifiers and keywords outside comments and strings, short string literals
//! (import paths), and the names top-level `var` and `func` declarations introduce.
//!
//! A raw byte search for `chan` or `go ` hits most of a large tree (`changed`, comments,
//! `go.mod` paths); lexing first tells the keyword from the text, which is what lets the
//! prefilter skip three files in four of the standard library. The lexer never fails: on
//! text it does not understand it just moves on, and a mistake can only make a set larger
//! (a false word costs a parse) as long as it never drops a real identifier.

use std::collections::HashSet;

use foldhash::fast::FixedState;

/// A set of words borrowed from a file's bytes.
pub type WordSet<'a> = HashSet<&'a [u8], FixedState>;

/// String literals longer than this are not import paths and are not kept.
const MAX_STRING: usize = 64;

/// What the lexer found in one file.
#[derive(Debug, Default)]
pub struct FileWords<'a> {
    /// Identifiers and keywords outside comments and string literals.
    pub idents: WordSet<'a>,
    /// The contents of string literals of at most `MAX_STRING` bytes (quotes dropped).
    pub strings: WordSet<'a>,
    /// Names declared by `var` at the top level (`var x`, `var a, b = …`, `var ( … )`); it
    /// may hold a few extra words from continued lines, never misses one.
    pub top_vars: Vec<&'a [u8]>,
    /// Names of top-level functions and methods (`func f`, `func (r *T) m`).
    pub top_funcs: Vec<&'a [u8]>,
    /// Some statement is a self-copy `v := v` or `k, v := k, v` (GF321's shape), however
    /// it is spread over lines and comments.
    pub self_copy: bool,
    /// The identifiers a `for` loop may poll (`for !v {`, `for ; v; {`): each identifier
    /// that makes up, with `(`, `!` and `)`, a whole piece of text between a `for`, a `;`
    /// or a line break and a `{`, a `;` or a line break. A few other words come along.
    pub polls: WordSet<'a>,
}

impl<'a> FileWords<'a> {
    /// Lex `src`.
    pub fn of(src: &'a [u8]) -> Self {
        let mut words = FileWords::default();
        // Two readings of the declarations, both kept: by bracket depth alone, and trusting
        // a `var` or `func` at a line start whatever the depth (in unbalanced text the parser
        // recovers there). A name either reading finds counts: a name missed would be a
        // link lost, a name too many only costs a parse.
        let mut decls = TopDecls::default();
        let mut lenient = TopDecls {
            lenient: true,
            ..TopDecls::default()
        };
        let mut lexer = Lexer::new(src);
        let mut copies = SelfCopies::default();
        let mut polls = Polls::default();
        while let Some((token, newline_before)) = lexer.next() {
            polls.feed(token, newline_before, &mut words.polls);
            let line_start = lexer.token_starts_line();
            let define = token == Token::Punct(b':') && src.get(lexer.start + 1) == Some(&b'=');
            copies.feed(token, newline_before, define);
            match token {
                Token::Ident(word) => {
                    words.idents.insert(word);
                }
                Token::Str(text) if text.len() <= MAX_STRING => {
                    words.strings.insert(text);
                }
                _ => {}
            }
            decls.feed(token, newline_before, line_start, &mut words);
            lenient.feed(token, newline_before, line_start, &mut words);
        }
        words.self_copy = copies.finish();
        polls.finish(&mut words.polls);
        dedup_in_order(&mut words.top_vars);
        dedup_in_order(&mut words.top_funcs);
        words
    }

    /// Whether the file holds identifier or keyword `word`.
    pub fn has_word(&self, word: &str) -> bool {
        self.idents.contains(word.as_bytes())
    }

    /// Whether the file holds a string literal exactly `text` (an import path).
    pub fn has_string(&self, text: &str) -> bool {
        self.strings.contains(text.as_bytes())
    }
}

/// One top-level function or method as the lexer sees it: its name, every identifier from
/// its `func` to the next top-level declaration (its body's calls among them), and the
/// identifiers of the statements that assign `true` with a plain `=` (`done = true`, the set
/// of GF130's check-then-set), read from the statement's start to the `=`.
#[derive(Debug)]
pub struct FuncWords<'a> {
    pub name: &'a [u8],
    pub idents: WordSet<'a>,
    pub sets_true: Vec<&'a [u8]>,
}

/// The top-level functions and methods of `src`; `None` when its brackets do not balance,
/// where the extent of a function cannot be trusted. A function type or a `func` literal at
/// the top level may come out as a function too, which only adds words.
pub fn functions(src: &[u8]) -> Option<Vec<FuncWords<'_>>> {
    /// Where the lexer is relative to the declarations.
    enum Place {
        /// Between declarations, or in one that is not a function.
        Outside,
        /// Just after a top-level `func`, or after its receiver: the name comes next.
        Name,
        /// In the receiver `(r *T)`.
        Receiver,
        /// In the function whose name was read last.
        Inside,
    }
    let mut lexer = Lexer::new(src);
    let mut funcs: Vec<FuncWords<'_>> = Vec::new();
    let mut place = Place::Outside;
    let mut depth: i32 = 0;
    let mut after_assign = false;
    // The identifiers since the statement began (a line break, `;`, `{` or `}`).
    let mut statement: Vec<&[u8]> = Vec::new();
    // The last token, and where it ended: `=` right after `:`, `=`, `!`, `<`, `>` or an
    // arithmetic operator is part of `:=`, `==`, `+=`… and assigns nothing plainly.
    let mut previous: Option<(Token<'_>, usize)> = None;
    while let Some((token, newline)) = lexer.next() {
        let glued = previous.take().is_some_and(|(p, end)| {
            end == lexer.start
                && matches!(
                    p,
                    Token::Punct(
                        b':' | b'='
                            | b'!'
                            | b'<'
                            | b'>'
                            | b'+'
                            | b'-'
                            | b'*'
                            | b'/'
                            | b'%'
                            | b'&'
                            | b'|'
                            | b'^'
                    )
                )
        });
        previous = Some((token, lexer.at));
        let top = depth == 0;
        match token {
            Token::Punct(b'(' | b'[' | b'{') => depth += 1,
            Token::Punct(b')' | b']' | b'}') => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return None;
        }
        if let Token::Ident(word) = token
            && top
            && matches!(word, b"func" | b"var" | b"const" | b"type" | b"import")
        {
            place = if word == b"func" {
                Place::Name
            } else {
                Place::Outside
            };
            continue;
        }
        place = match place {
            Place::Name => match token {
                Token::Ident(name) => {
                    funcs.push(FuncWords {
                        name,
                        idents: WordSet::default(),
                        sets_true: Vec::new(),
                    });
                    after_assign = false;
                    statement.clear();
                    Place::Inside
                }
                Token::Punct(b'(') => Place::Receiver,
                _ => Place::Outside,
            },
            Place::Receiver if depth == 0 => Place::Name,
            Place::Inside => {
                let func = funcs.last_mut().expect("a function is being read");
                // A line break ends a statement, except after its `=` (`done =` / `true`).
                if newline && !after_assign {
                    statement.clear();
                }
                match token {
                    Token::Ident(b"true") if after_assign => {
                        func.sets_true.extend(statement.iter().copied());
                    }
                    Token::Ident(word) => statement.push(word),
                    Token::Punct(b';' | b'{' | b'}') => statement.clear(),
                    _ => {}
                }
                if let Token::Ident(word) = token {
                    func.idents.insert(word);
                }
                after_assign = token == Token::Punct(b'=') && !glued;
                Place::Inside
            }
            other => other,
        };
    }
    (depth == 0).then_some(funcs)
}

/// The bits of the `spellings` (word, bit) that `src` holds as identifiers or keywords, or'd
/// together: a cheaper question than [`FileWords::of`] when only a few words matter.
pub fn spelled(src: &[u8], spellings: &[(&str, u8)]) -> u8 {
    let mut mask = 0;
    let mut lexer = Lexer::new(src);
    while let Some((token, _)) = lexer.next() {
        if let Token::Ident(word) = token {
            for (spelling, bit) in spellings {
                if word == spelling.as_bytes() {
                    mask |= bit;
                }
            }
        }
    }
    mask
}

/// Follows the token stream for a self-copy: an identifier list, `:=`, the same list, and the
/// end of the statement (a line break, `;`, `}` or the end of the file).
#[derive(Default)]
struct SelfCopies<'a> {
    /// The identifier list just read (`a, b`), empty when the last tokens were none.
    run: Vec<&'a [u8]>,
    /// The list ends with a comma: an identifier, even on the next line, continues it.
    after_comma: bool,
    /// `:` of a `:=` after a list: the `=` comes next.
    defining: Option<Vec<&'a [u8]>>,
    /// After `:=`: the left list, how many of its names the right side repeated, and
    /// whether a comma came last.
    right: Option<(Vec<&'a [u8]>, usize, bool)>,
    found: bool,
}

impl<'a> SelfCopies<'a> {
    /// Take the next token; `define` says it is the `:` of a `:=`.
    fn feed(&mut self, token: Token<'a>, newline_before: bool, define: bool) {
        if let Some((left, matched, comma)) = self.right.as_mut() {
            let complete = *matched == left.len() && !*comma;
            if complete && (newline_before || matches!(token, Token::Punct(b';' | b'}'))) {
                self.found = true;
            } else {
                match token {
                    Token::Ident(w)
                        if (*matched == 0 || *comma) && left.get(*matched) == Some(&w) =>
                    {
                        *matched += 1;
                        *comma = false;
                        return;
                    }
                    Token::Punct(b',') if *matched > 0 && !*comma && *matched < left.len() => {
                        *comma = true;
                        return;
                    }
                    _ => {}
                }
            }
            self.right = None;
        }
        if let Some(left) = self.defining.take()
            && token == Token::Punct(b'=')
        {
            self.right = Some((left, 0, false));
            return;
        }
        if newline_before && !self.after_comma {
            self.run.clear();
        }
        match token {
            Token::Ident(w) => {
                if !self.after_comma {
                    self.run.clear();
                }
                self.run.push(w);
                self.after_comma = false;
            }
            Token::Punct(b',') if !self.run.is_empty() && !self.after_comma => {
                self.after_comma = true;
            }
            Token::Punct(b':') if define && !self.run.is_empty() && !self.after_comma => {
                self.defining = Some(std::mem::take(&mut self.run));
            }
            _ => {
                self.run.clear();
                self.after_comma = false;
            }
        }
    }

    /// Whether a self-copy was seen, the end of the file ending the last statement.
    fn finish(self) -> bool {
        self.found
            || self
                .right
                .is_some_and(|(left, matched, comma)| matched == left.len() && !comma)
    }
}

/// Follows the token stream for the identifiers a loop condition may poll: the condition of
/// `for !v {`, `for (v) {` and `for init; !v; post {` is a piece of text made of one
/// identifier with `(`, `!` and `)` around it, starting after `for` or `;` (or a line break,
/// should the code break lines there) and ending before `{` or `;` (or a line break).
#[derive(Default)]
enum Polls<'a> {
    #[default]
    Elsewhere,
    /// Where a condition may start: only `(` and `!` have come since.
    Start,
    /// After the condition's identifier, and any `)`.
    After(&'a [u8]),
}

impl<'a> Polls<'a> {
    fn feed(&mut self, token: Token<'a>, newline_before: bool, out: &mut WordSet<'a>) {
        if let Polls::After(name) = *self {
            if newline_before || matches!(token, Token::Punct(b'{' | b';')) {
                out.insert(name);
            } else if token == Token::Punct(b')') {
                return;
            }
        }
        let starting = newline_before || matches!(self, Polls::Start);
        *self = Polls::Elsewhere;
        if starting {
            match token {
                Token::Punct(b'(' | b'!') => {
                    *self = Polls::Start;
                    return;
                }
                Token::Ident(name) if name != b"for" => {
                    *self = Polls::After(name);
                    return;
                }
                _ => {}
            }
        }
        if matches!(token, Token::Ident(b"for") | Token::Punct(b';')) {
            *self = Polls::Start;
        }
    }

    /// The end of the file ends a condition too.
    fn finish(self, out: &mut WordSet<'a>) {
        if let Polls::After(name) = self {
            out.insert(name);
        }
    }
}

/// Drop repeated names (both readings of the declarations find most), first ones kept.
fn dedup_in_order(names: &mut Vec<&[u8]>) {
    let mut seen: WordSet<'_> = WordSet::default();
    names.retain(|n| seen.insert(n));
}

/// One token of interest; punctuation comes as single bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token<'a> {
    Ident(&'a [u8]),
    Str(&'a [u8]),
    /// A number or rune literal: only its place in the token stream matters.
    Literal,
    Punct(u8),
}

struct Lexer<'a> {
    src: &'a [u8],
    at: usize,
    /// Where the last token started.
    start: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `src`, past a byte-order mark (no part of the first word).
    fn new(src: &'a [u8]) -> Self {
        let bom = if src.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        Lexer {
            src,
            at: bom,
            start: bom,
        }
    }

    /// The next token and whether a line break (in white space or a comment) precedes it.
    fn next(&mut self) -> Option<(Token<'a>, bool)> {
        let src = self.src;
        let mut newline = false;
        loop {
            let b = *src.get(self.at)?;
            match b {
                b'\n' => {
                    newline = true;
                    self.at += 1;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'/' if src.get(self.at + 1) == Some(&b'/') => {
                    self.at =
                        memchr::memchr(b'\n', &src[self.at..]).map_or(src.len(), |i| self.at + i);
                }
                // An unterminated `/*` hides nothing: the parser recovers after it, so the
                // words behind it must count (it lexes as punctuation below).
                b'/' if src.get(self.at + 1) == Some(&b'*')
                    && let Some(end) = memchr::memmem::find(&src[self.at + 2..], b"*/") =>
                {
                    let body = &src[self.at + 2..self.at + 2 + end];
                    newline |= memchr::memchr(b'\n', body).is_some();
                    self.at += 2 + end + 2;
                }
                _ => break,
            }
        }
        let start = self.at;
        self.start = start;
        let b = src[start];
        let token = if is_word_byte(b) && !b.is_ascii_digit() {
            self.at = self.skip_while(start, is_word_byte);
            Token::Ident(&src[start..self.at])
        } else if b.is_ascii_digit()
            || (b == b'.' && src.get(start + 1).is_some_and(u8::is_ascii_digit))
        {
            self.at = self.skip_while(start + 1, |c| is_word_byte(c) || c == b'.');
            Token::Literal
        } else if b == b'"' || b == b'\'' {
            self.at = self.quoted(start + 1, b);
            let end = self.at.saturating_sub(1).max(start + 1);
            if b == b'"' {
                Token::Str(&src[start + 1..end])
            } else {
                Token::Literal
            }
        } else if b == b'`'
            && let Some(len) = memchr::memchr(b'`', &src[start + 1..])
        {
            // Unterminated, it is punctuation like an unterminated `/*`.
            self.at = start + 2 + len;
            Token::Str(&src[start + 1..start + 1 + len])
        } else {
            self.at += 1;
            Token::Punct(b)
        };
        Some((token, newline))
    }

    /// Whether the last token starts a line (column 0).
    fn token_starts_line(&self) -> bool {
        self.start == 0 || self.src[self.start - 1] == b'\n'
    }

    fn skip_while(&self, mut at: usize, keep: impl Fn(u8) -> bool) -> usize {
        while self.src.get(at).is_some_and(|&c| keep(c)) {
            at += 1;
        }
        at
    }

    /// Just past the closing `quote` of a literal whose body starts at `at` (escapes
    /// honoured); an unterminated literal ends at its line's end.
    fn quoted(&self, mut at: usize, quote: u8) -> usize {
        while let Some(&c) = self.src.get(at) {
            match c {
                b'\\' => at += 2,
                b'\n' => return at,
                _ if c == quote => return at + 1,
                _ => at += 1,
            }
        }
        self.src.len()
    }
}

/// Follows the token stream to collect the names of top-level `var` and `func` declarations.
#[derive(Default)]
struct TopDecls {
    /// A `var` or `func` at a line start is top-level whatever the depth.
    lenient: bool,
    /// Bracket depth: `(`, `[`, `{` open, their twins close.
    depth: i32,
    state: VarState,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum VarState {
    #[default]
    Outside,
    /// Just after a top-level `var`.
    AfterVar,
    /// Inside `var ( … )`, at the start of a spec.
    GroupSpec,
    /// In a spec's name list, just after a name; `grouped` tells where the spec lives.
    AfterName { grouped: bool },
    /// In a spec's name list, just after a comma.
    AfterComma { grouped: bool },
    /// In the rest of a spec (type, initialiser), skipped.
    Rest { grouped: bool },
    /// Just after a top-level `func`.
    AfterFunc,
    /// Inside a method's receiver list.
    Receiver,
    /// Just after a method's receiver list.
    AfterReceiver,
}

impl TopDecls {
    /// Take the next token; `line_start` says it starts a line. A `var` or `func` counts as
    /// top-level at bracket depth 0, or, when lenient, at the start of a line.
    fn feed<'a>(
        &mut self,
        token: Token<'a>,
        newline_before: bool,
        line_start: bool,
        words: &mut FileWords<'a>,
    ) {
        use VarState::*;
        let out = &mut words.top_vars;
        // A line break ends a spec (Go inserts a semicolon) except after a comma.
        if newline_before {
            self.state = match self.state {
                AfterName { grouped: true } | Rest { grouped: true } => GroupSpec,
                AfterName { grouped: false } | Rest { grouped: false } => Outside,
                // A declaration's name is on its `func` line: this was a function type
                // (`type F func()`).
                AfterFunc | AfterReceiver => Outside,
                other => other,
            };
        }
        let depth_before = self.depth;
        if let Token::Punct(p) = token {
            match p {
                b'(' | b'[' | b'{' => self.depth += 1,
                b')' | b']' | b'}' => self.depth = (self.depth - 1).max(0),
                _ => {}
            }
        }
        self.state = match (self.state, token) {
            (Outside, Token::Ident(b"var")) if depth_before == 0 => AfterVar,
            (Outside, Token::Ident(b"func")) if depth_before == 0 => AfterFunc,
            (_, Token::Ident(b"var")) if self.lenient && line_start => {
                self.depth = 0;
                AfterVar
            }
            (_, Token::Ident(b"func")) if self.lenient && line_start => {
                self.depth = 0;
                AfterFunc
            }
            (Outside, _) => Outside,
            (AfterFunc, Token::Punct(b'(')) => Receiver,
            (AfterFunc | AfterReceiver, Token::Ident(b"var")) => AfterVar,
            (AfterFunc | AfterReceiver, Token::Ident(b"func")) => AfterFunc,
            (AfterFunc | AfterReceiver, Token::Ident(name)) => {
                words.top_funcs.push(name);
                Outside
            }
            (AfterFunc | AfterReceiver, _) => Outside,
            (Receiver, Token::Punct(b')')) if self.depth == 0 => AfterReceiver,
            (Receiver, _) => Receiver,
            (AfterVar, Token::Punct(b'(')) => GroupSpec,
            (AfterVar, Token::Ident(name)) => {
                out.push(name);
                AfterName { grouped: false }
            }
            (AfterVar, _) => Outside,
            // The group closes.
            (_, Token::Punct(b')')) if self.depth == 0 => Outside,
            (GroupSpec, Token::Ident(name)) if depth_before == 1 => {
                out.push(name);
                AfterName { grouped: true }
            }
            (GroupSpec, Token::Punct(b';')) => GroupSpec,
            (GroupSpec, _) => Rest { grouped: true },
            (AfterName { grouped }, Token::Punct(b',')) => AfterComma { grouped },
            (AfterName { grouped }, Token::Punct(b';'))
            | (Rest { grouped }, Token::Punct(b';'))
                if self.depth == i32::from(grouped) =>
            {
                if grouped {
                    GroupSpec
                } else {
                    Outside
                }
            }
            (AfterName { grouped }, _) => Rest { grouped },
            (AfterComma { grouped }, Token::Ident(name)) => {
                out.push(name);
                AfterName { grouped }
            }
            (AfterComma { grouped }, _) => Rest { grouped },
            (Rest { grouped }, _) => Rest { grouped },
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(src: &str) -> Vec<String> {
        let mut v: Vec<String> = FileWords::of(src.as_bytes())
            .idents
            .iter()
            .map(|w| String::from_utf8_lossy(w).into_owned())
            .collect();
        v.sort();
        v
    }

    fn top_vars(src: &str) -> Vec<String> {
        FileWords::of(src.as_bytes())
            .top_vars
            .iter()
            .map(|w| String::from_utf8_lossy(w).into_owned())
            .collect()
    }

    fn polls(src: &str) -> Vec<String> {
        let mut v: Vec<String> = FileWords::of(src.as_bytes())
            .polls
            .iter()
            .map(|w| String::from_utf8_lossy(w).into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn polled_identifiers_are_the_loop_conditions_of_one_identifier() {
        for (src, polled) in [
            ("for !stop {", "stop"),
            ("for ready {", "ready"),
            ("for (!(done)) {", "done"),
            ("for i := 0; !quit; i++ {", "quit"),
            ("for i := []int{1}; !late; {", "late"),
            ("for ; on /* c */ ; {", "on"),
            ("for i := 0\n\t!split; i++ {", "split"),
            ("for\n!down {", "down"),
            ("for !eof", "eof"),
        ] {
            let src = format!("package p\n\nfunc f() {{\n\t{src}\n\t}}\n}}\n");
            assert!(
                polls(&src).contains(&polled.to_owned()),
                "{src}: {:?}",
                polls(&src)
            );
        }
        // Writes, calls and other conditions are not polls.
        let src = "package p\n\nfunc f() {\n\tn = 1\n\tm++\n\tfor k < n {\n\t}\n\tfor !g() {\n\t}\n\tfor _, x := range xs {\n\t}\n}\n";
        let found = polls(src);
        for word in ["n", "m", "k", "g", "x", "xs"] {
            assert!(!found.contains(&word.to_owned()), "{word}: {found:?}");
        }
    }

    #[test]
    fn functions_hold_the_words_up_to_the_next_declaration() {
        let src = b"package p\n\nfunc (s *S[K]) run(x struct{ a int }) {\n\tgo work()\n\tdone = /* c */ true\n}\n\nvar v = func() { hidden() }\n\nfunc work() bool {\n\tok := true\n\treturn ok == true\n}\n\ntype F func() int\n";
        let funcs = functions(src).expect("balanced");
        let names: Vec<&[u8]> = funcs.iter().map(|f| f.name).collect();
        assert_eq!(names, [&b"run"[..], b"work", b"int"]);
        let run = &funcs[0];
        assert!(run.idents.contains(&b"work"[..]));
        assert_eq!(run.sets_true, [&b"done"[..]]);
        assert!(
            !run.idents.contains(&b"hidden"[..]),
            "a var's literal is no function's"
        );
        let work = &funcs[1];
        assert!(work.idents.contains(&b"ok"[..]));
        assert!(work.sets_true.is_empty(), "`:=` and `==` set nothing");
        let split = functions(
            b"package p\nfunc f() {\n\tif !ready {\n\t\tcfg.ready =\n\t\t\ttrue\n\t}\n}\n",
        );
        assert_eq!(split.unwrap()[0].sets_true, [&b"cfg"[..], b"ready"]);
        assert!(functions(b"package p\nfunc f() { }}\n").is_none());
        assert!(functions(b"package p\nfunc f() {\n").is_none());
    }

    #[test]
    fn comments_strings_and_runes_hold_no_words() {
        let src = "package p // go chan\n/* Lock\n*/ var s = \"chan go\" + `Mutex\n` + string('\\'') // x\nfunc f() { go g() }\n";
        assert_eq!(
            idents(src),
            ["f", "func", "g", "go", "p", "package", "s", "string", "var"]
        );
    }

    #[test]
    fn words_are_whole_identifiers() {
        let w = FileWords::of(b"package p\nvar changed, RLocker, goLock = 1, 2, 3\n");
        for part in ["chan", "go", "Lock", "RLock"] {
            assert!(!w.has_word(part), "{part}");
        }
        let w = FileWords::of("package p\nvar \u{e9}_Lock = x.Lock\n".as_bytes());
        assert!(w.has_word("Lock"), "after a dot");
        assert!(
            !w.has_word("_Lock"),
            "a non-ASCII letter belongs to the identifier"
        );
    }

    #[test]
    fn numbers_are_not_words() {
        assert_eq!(
            idents("package p\nvar x = 0x1Fe5 + 1e9 + .5i\n"),
            ["p", "package", "var", "x"]
        );
    }

    #[test]
    fn import_paths_are_strings() {
        let w = FileWords::of(b"package p\n\nimport (\n\tctx \"context\"\n\t`sync/atomic`\n)\n");
        assert!(w.has_string("context") && w.has_string("sync/atomic"));
        assert!(!w.has_word("context"));
        assert!(w.has_word("ctx"));
    }

    #[test]
    fn unterminated_literals_and_comments_end_the_lexing_quietly() {
        for src in [
            "package p\nvar s = \"abc",
            "package p /* x",
            "package p\nvar r = '\\",
            "x = `abc",
        ] {
            let _ = FileWords::of(src.as_bytes());
        }
        // An unterminated interpreted string ends at its line.
        assert!(FileWords::of(b"var s = \"abc\ngo f()\n").has_word("go"));
        // The parser recovers after an unterminated comment or raw string: the words behind
        // them count.
        assert!(FileWords::of(b"/* open\nfunc f() { go g() }\n").has_word("go"));
        assert!(FileWords::of(b"var s = `open\nfunc f() { go g() }\n").has_word("go"));
    }

    #[test]
    fn top_level_var_names_in_every_form() {
        let src = "package p\n\nvar single int\nvar a, b = 1, 2\nvar (\n\tg1 = f(x, y)\n\tg2, g3 string\n\n\t// c\n\tg4 = map[string]int{\n\t\t\"k\": 1,\n\t}\n\tg5, // c\n\t\tg6 int\n); var z = 1\n\nfunc f() {\n\tvar local int\n\tx := func() { var inner int }\n}\n\ntype T struct{ v int }\n\nvar last = T{v: 1}\n";
        assert_eq!(
            top_vars(src),
            [
                "single", "a", "b", "g1", "g2", "g3", "g4", "g5", "g6", "z", "last"
            ]
        );
    }

    #[test]
    fn top_vars_survive_semicolons_and_one_line_groups() {
        assert_eq!(
            top_vars("package p; var x int; var (y int; z = 2); func f() {}"),
            ["x", "y", "z"]
        );
    }

    #[test]
    fn declarations_at_a_line_start_count_in_unbalanced_text() {
        let words = FileWords::of(b"}\nfunc (p *P) poll() {}\n{\nvar lost int\nfunc found() {\n");
        let funcs: Vec<&[u8]> = words.top_funcs.clone();
        assert_eq!(funcs, [b"poll".as_slice(), b"found".as_slice()]);
        assert_eq!(words.top_vars, [b"lost".as_slice()]);
    }

    #[test]
    fn self_copies_are_seen_in_every_spelling() {
        for src in [
            "for _, v := range xs {\n\tv := v\n}",
            "for k, v := range m {\n\t\tk, v := k, v\n}",
            "for k,v := range m { k,v:=k,v; use(k) }",
            "for _, v := range xs {\n\tv := v // copy\n}",
            "for _, v := range xs { v := v }",
            "for a, b := range m {\n\ta,\n\t\tb := a,\n\t\tb\n}",
            "for _, v := range xs {\n\tv :=\n\t\tv\n\tuse(v)\n}",
            "for _, v := range xs {\n\tv /* copy */ := /* of */ v\n}",
            "v := v",
        ] {
            assert!(FileWords::of(src.as_bytes()).self_copy, "{src:?}");
        }
        for src in [
            "x := y\n",
            "for i := 0; i < n; i++ {\n\tj := i\n}",
            "v := w\nvv := v\n",
            "k, v := v, k\n",
            "package p\n",
            "break\nv := breakv\n",
            "for _, v := range xs {\n\tv := v.Clone()\n}",
            "for _, b := range bs {\n\tb := b[1:]\n}",
            "a, b := a\n",
            "v := \"v\"\n",
            "v := v, w\n",
        ] {
            assert!(!FileWords::of(src.as_bytes()).self_copy, "{src:?}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_no_part_of_a_word() {
        let words = FileWords::of("\u{feff}func f() { go g() }\n".as_bytes());
        assert_eq!(words.top_funcs, [b"f".as_slice()]);
    }

    #[test]
    fn a_function_type_is_no_declaration() {
        let words = FileWords::of(
            b"package p\n\ntype F func()\n\tvar count int\ntype G func(); func worker() {}\n\tfunc (s *S) run() {}\n",
        );
        assert_eq!(words.top_vars, [b"count".as_slice()]);
        assert_eq!(words.top_funcs, [b"worker".as_slice(), b"run".as_slice()]);
    }

    #[test]
    fn a_var_group_survives_a_func_literal_at_a_line_start() {
        let words = FileWords::of(b"package p\n\nvar (\n\th = \nfunc() {}\n\tcount int\n)\n");
        assert!(
            words.top_vars.contains(&b"count".as_slice()),
            "{:?}",
            words.top_vars
        );
        assert!(words.top_vars.contains(&b"h".as_slice()));
    }

    #[test]
    fn top_level_function_and_method_names() {
        let src = "package p\n\nfunc f() {}\nfunc (s *S[K]) m(x int) { func() {}() }\nfunc (S) n() {}\nfunc g[T any](t T) {\n\tfunc inner() {}\n}\nvar h = func() {}\n";
        let words = FileWords::of(src.as_bytes());
        let funcs: Vec<&str> = words
            .top_funcs
            .iter()
            .map(|w| std::str::from_utf8(w).unwrap())
            .collect();
        assert_eq!(funcs, ["f", "m", "n", "g"]);
    }
}
