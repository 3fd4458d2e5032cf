use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::lock_index::{LockField, Section};

use super::range;
use crate::syntax::NodeKind;

define_rule! {
    /// ## What it does
    /// Finds an unexported `sync.Mutex` field whose critical sections, across every file of
    /// the package, only read at least as often as they write, and upgrades it: the field
    /// becomes a `sync.RWMutex` and the read-only sections take `RLock`/`RUnlock`. Also finds
    /// a `sync.RWMutex` that is only ever `Lock`ed although some sections only read.
    ///
    /// ## Why is this bad?
    /// With a plain mutex every reader waits for every other reader. A read-mostly structure
    /// (a cache, a registry, a config) serialises all its readers for nothing.
    ///
    /// ## Example
    /// ```go
    /// type Cache struct {
    ///     mu    sync.Mutex
    ///     items map[string]int
    /// }
    ///
    /// func (c *Cache) Get(k string) (int, bool) {
    ///     c.mu.Lock()
    ///     defer c.mu.Unlock()
    ///     v, ok := c.items[k]
    ///     return v, ok
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// type Cache struct {
    ///     mu    sync.RWMutex
    ///     items map[string]int
    /// }
    ///
    /// func (c *Cache) Get(k string) (int, bool) {
    ///     c.mu.RLock()
    ///     defer c.mu.RUnlock()
    ///     v, ok := c.items[k]
    ///     return v, ok
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Safe, and only offered when all of this holds: the field is unexported and not
    /// embedded; it is used only through `Lock`/`Unlock`/`TryLock` calls (never `&c.mu`,
    /// passed or copied); every section being downgraded declares locals but assigns,
    /// increments, deletes, appends, closes, sends or takes the address of nothing else, and
    /// calls only `len`, `cap`, conversions, methods of locals it obtained, and methods of the
    /// type proven read-only; and none of them takes the same lock again (an `RLock` taken
    /// twice deadlocks once a writer waits). The edits span every file of the package and
    /// apply together or not at all. Writers are left alone.
    ///
    /// ## Known problems
    /// Sections are matched to the field through the method's receiver (`c.mu` in a method of
    /// `*Cache` whose receiver is `c`); lock calls elsewhere count as writers. A reader only
    /// pays off under contention; `--rwmutex-min-ratio` raises the bar.
    ///
    /// ## References
    /// - Checklist item 2, "Use RWMutex for Read-Heavy Workloads"
    /// - <https://pkg.go.dev/sync#RWMutex>
    pub struct MutexCouldBeRwmutex {
        code: "GF110",
        name: "mutex-could-be-rwmutex",
        item: 2,
        severity: Medium,
        fix: Sometimes,
    }
}

pub fn check<'a>(decl: Node<'a>, checker: &mut Checker<'a>) {
    let locks = checker.package.locks();
    let here = crate::diagnostic::TextRange::new(decl.start_byte(), decl.end_byte());
    let fields: Vec<&LockField> = locks
        .fields
        .iter()
        .filter(|f| f.file == checker.file.path && f.decl == here)
        .collect();
    for field in fields {
        // Exported, embedded or handled other than by its methods: the upgrade could break
        // code gofix cannot see, so say nothing.
        if field.embedded || field.other_uses || is_exported(&field.name) {
            continue;
        }
        if field.sections.iter().any(|s| !s.well_formed || s.reenters) {
            continue;
        }
        let readers: Vec<&Section> = field
            .sections
            .iter()
            .filter(|s| s.read_only && !s.read_lock)
            .collect();
        let writers =
            field.sections.iter().filter(|s| !s.read_only).count() + field.foreign_sections;
        let ratio = checker.settings.rwmutex_min_ratio;
        #[allow(clippy::cast_precision_loss)]
        let enough = !readers.is_empty() && readers.len() as f64 >= ratio * writers as f64;
        if !enough {
            continue;
        }
        if field.rw && field.sections.iter().any(|s| s.read_lock) {
            continue;
        }
        let name = &field.name;
        let ty = &field.type_name;
        let message = if field.rw {
            format!(
                "`{ty}.{name}` is a sync.RWMutex that is only ever Locked, yet {} only read",
                sections(readers.len(), "of its sections", "of its sections")
            )
        } else {
            format!(
                "`{ty}.{name}` guards {} and {}: a sync.RWMutex lets the readers run together",
                sections(readers.len(), "read-only section", "read-only sections"),
                sections(writers, "writing one", "writing ones")
            )
        };
        let fix = upgrade(field, &readers, checker);
        checker.report(
            Diagnostic::new(&MutexCouldBeRwmutex::RULE, range(decl), message).with_fix(fix),
        );
    }
}

/// `1 read-only section`, `2 read-only sections`.
fn sections(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// The package-wide edits: the field's type, then `Lock`→`RLock` and `Unlock`→`RUnlock` in
/// each read-only section, wherever it is.
fn upgrade(field: &LockField, readers: &[&Section], checker: &Checker<'_>) -> Option<Fix> {
    let here = &checker.file.path;
    let place = |edit: Edit, file: &std::path::PathBuf| {
        if file == here {
            edit
        } else {
            edit.in_file(file.clone())
        }
    };
    let mut edits = Vec::new();
    if !field.rw {
        edits.push(Edit::replacement(
            field.type_ident.start,
            field.type_ident.end,
            "RWMutex",
        ));
        edits.extend(keep_comments_aligned(checker, field.decl.start, 2)?);
    }
    for section in readers {
        edits.push(place(
            Edit::replacement(section.lock_method.start, section.lock_method.end, "RLock"),
            &section.file,
        ));
        for release in section.release_methods.as_ref()? {
            edits.push(place(
                Edit::replacement(release.start, release.end, "RUnlock"),
                &section.file,
            ));
        }
    }
    let title = if field.rw {
        format!("Take `{}` with RLock in the read-only sections", field.name)
    } else {
        format!(
            "Make `{}` a sync.RWMutex and RLock it in the read-only sections",
            field.name
        )
    };
    Some(Fix::new(title, Applicability::Safe, edits))
}

/// A field line and its trailing comment, in a run of such lines.
struct CommentedField {
    /// Where the field's text ends (its type).
    text_end: usize,
    comment_start: usize,
    line_start: usize,
}

/// Edits that keep trailing comments aligned as gofmt aligns them once the type of the field
/// declared at `decl_start` grows by `grow` characters. gofmt lines up the comments of a run
/// of consecutive commented field lines one space after the longest; `None` when the run
/// holds a line too irregular to realign with confidence.
fn keep_comments_aligned(
    checker: &Checker<'_>,
    decl_start: usize,
    grow: usize,
) -> Option<Vec<Edit>> {
    let src = checker.text();
    let decl = checker
        .file
        .root()
        .descendant_for_byte_range(decl_start, decl_start)?;
    let decl = std::iter::successors(Some(decl), |n| n.up())
        .find(|n| n.kind_name() == "field_declaration" && n.start_byte() == decl_start)?;
    let list = decl.up()?;
    let mut cursor = list.walk();
    let children: Vec<Node<'_>> = list.named_children(&mut cursor).collect();
    let at = children.iter().position(|c| c.id() == decl.id())?;
    let commented = |i: usize| -> Option<Option<CommentedField>> {
        let field = children.get(i)?;
        if field.kind_name() != "field_declaration" {
            return Some(None);
        }
        let Some(comment) = children.get(i + 1).filter(|c| {
            c.kind_name() == "comment" && c.start_position().row == field.end_position().row
        }) else {
            return Some(None);
        };
        let gap = &src[field.end_byte()..comment.start_byte()];
        if !gap.chars().all(|c| c == ' ') || field.start_position().row != field.end_position().row
        {
            return None;
        }
        let line_start = src[..field.start_byte()].rfind('\n').map_or(0, |i| i + 1);
        Some(Some(CommentedField {
            text_end: field.end_byte(),
            comment_start: comment.start_byte(),
            line_start,
        }))
    };
    let Some(own) = commented(at)? else {
        return Some(Vec::new()); // no comment of its own: nothing to line up
    };
    // The field lines before and after, each on the next row and with its own comment.
    let fields: Vec<usize> = (0..children.len())
        .filter(|&i| children[i].kind_name() == "field_declaration")
        .collect();
    let me = fields.iter().position(|&i| i == at)?;
    let mut run = vec![own];
    let mut row = decl.start_position().row;
    for &i in fields[..me].iter().rev() {
        if children[i].end_position().row + 1 != row {
            break;
        }
        match commented(i)? {
            Some(f) => run.insert(0, f),
            None => break,
        }
        row = children[i].start_position().row;
    }
    let mut row = decl.end_position().row;
    for &i in &fields[me + 1..] {
        if children[i].start_position().row != row + 1 {
            break;
        }
        match commented(i)? {
            Some(f) => run.push(f),
            None => break,
        }
        row = children[i].end_position().row;
    }
    let col = |line_start: usize, at: usize| src[line_start..at].chars().count();
    let column = col(run[0].line_start, run[0].comment_start);
    if run
        .iter()
        .any(|f| col(f.line_start, f.comment_start) != column)
    {
        return None; // not gofmt-aligned to begin with
    }
    let grown = |f: &CommentedField| {
        col(f.line_start, f.text_end)
            + if f.text_end == decl.end_byte() {
                grow
            } else {
                0
            }
    };
    let new_column = run.iter().map(|f| grown(f) + 1).max()?.max(column);
    let mut edits = Vec::new();
    for f in &run {
        let padding = new_column - grown(f);
        if padding != f.comment_start - f.text_end {
            edits.push(Edit::replacement(
                f.text_end,
                f.comment_start,
                " ".repeat(padding),
            ));
        }
    }
    Some(edits)
}
