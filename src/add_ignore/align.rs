//! gofmt's column alignment of struct fields, so that a directive line inserted between two
//! fields can re-pad the fields on both sides as gofmt would.
//!
//! gofmt aligns the names, types, tags and trailing comments of consecutive one-line fields
//! in columns (go/printer writes each field as tab-separated cells and text/tabwriter pads
//! them); a comment on a line of its own ends such a block, so the fields above and below a
//! new directive line are aligned separately. This module models exactly that much: the
//! cells go/printer makes of a field, and tabwriter's column blocks with padding 1 and empty
//! soft columns discarded. It checks the model first: when re-rendering the block as it
//! stands does not give back the text of the file, it declines and the caller places the
//! directive another way.

use tree_sitter::Node;

use crate::fix::Edit;
use crate::source::SourceFile;
use crate::syntax::NodeKind;

/// One cell of a line: its text and whether a hard tab ends it (a tab before a comment that
/// follows a tag); soft (vertical tab) cells that are all empty in a block take no room.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    hard: bool,
}

/// A one-line field as go/printer writes it.
#[derive(Debug)]
struct Line {
    row: usize,
    /// Where the first cell starts and the last one ends in the file.
    start: usize,
    end: usize,
    cells: Vec<Cell>,
}

/// The edits that re-pad the fields of the struct body `list` once a comment line is put
/// before each of the fields starting on `rows`; `None` when the block is not one this model
/// reproduces (then nothing should be re-padded).
pub(super) fn realign(file: &SourceFile, list: Node<'_>, rows: &[usize]) -> Option<Vec<Edit>> {
    let sections = sections(file, list)?;
    let mut edits = Vec::new();
    for section in sections {
        if !section.iter().any(|l| rows.contains(&l.row)) {
            continue;
        }
        // The model must give back the block as it stands.
        let current = render(&section);
        let text = file.text();
        if section
            .iter()
            .zip(&current)
            .any(|(line, rendered)| text[line.start..line.end] != *rendered)
        {
            return None;
        }
        // Split before every field that gets a directive line.
        let mut parts: Vec<Vec<&Line>> = vec![Vec::new()];
        for line in &section {
            if rows.contains(&line.row) && !parts.last().is_some_and(Vec::is_empty) {
                parts.push(Vec::new());
            }
            if let Some(part) = parts.last_mut() {
                part.push(line);
            }
        }
        for part in parts {
            let owned: Vec<Line> = part
                .iter()
                .map(|l| Line {
                    row: l.row,
                    start: l.start,
                    end: l.end,
                    cells: l.cells.clone(),
                })
                .collect();
            for (line, rendered) in owned.iter().zip(render(&owned)) {
                if text[line.start..line.end] != rendered {
                    edits.push(Edit::replacement(line.start, line.end, rendered));
                }
            }
        }
    }
    Some(edits)
}

/// The blocks of consecutive one-line fields of a struct body (each line's cells), or `None`
/// when the body holds something the model leaves alone: two fields on one line, or a field
/// spanning lines next to another field.
fn sections(file: &SourceFile, list: Node<'_>) -> Option<Vec<Vec<Line>>> {
    let text = file.text();
    let mut cursor = list.walk();
    let children: Vec<Node<'_>> = list.named_children(&mut cursor).collect();
    let mut sections: Vec<Vec<Line>> = Vec::new();
    let mut previous_row: Option<usize> = None;
    let mut i = 0;
    while i < children.len() {
        let node = children[i];
        i += 1;
        if node.kind_name() != "field_declaration" {
            // A comment on a line of its own, or anything else: a block ends.
            previous_row = None;
            continue;
        }
        let row = node.start_position().row;
        if node.end_position().row != row {
            // A field spanning lines: go/printer's sections around it are left alone.
            let adjacent = previous_row.is_some_and(|p| p + 1 == row)
                || children
                    .get(i)
                    .is_some_and(|n| n.start_position().row == node.end_position().row + 1);
            if adjacent {
                return None;
            }
            previous_row = None;
            continue;
        }
        if previous_row == Some(row) {
            return None;
        }
        let mut cells = field_cells(node, text)?;
        let mut end = node.end_byte();
        // A comment after the field on its line is the last cell.
        if let Some(comment) = children
            .get(i)
            .filter(|n| n.kind_name() == "comment" && n.start_position().row == row)
        {
            i += 1;
            if comment.end_position().row != row {
                return None;
            }
            let last = cells.len() - 1;
            let has_tag = node.field("tag").is_some();
            let named = node.field("name").is_some();
            if has_tag {
                // After a tag, go/printer separates the comment with a hard tab.
                cells[last].hard = true;
            } else if !named {
                // An embedded field: two soft tabs, an empty cell between.
                cells.push(Cell {
                    text: String::new(),
                    hard: false,
                });
            }
            cells.push(Cell {
                text: text[comment.start_byte()..comment.end_byte()].to_owned(),
                hard: false,
            });
            end = comment.end_byte();
        }
        let line = Line {
            row,
            start: node.start_byte(),
            end,
            cells,
        };
        match sections.last_mut() {
            Some(section) if previous_row.is_some_and(|p| p + 1 == row) => section.push(line),
            _ => sections.push(vec![line]),
        }
        previous_row = Some(row);
    }
    Some(sections)
}

/// The cells go/printer makes of a field: names, type, and an empty cell before a tag; an
/// embedded field is its type and tag.
fn field_cells(field: Node<'_>, text: &str) -> Option<Vec<Cell>> {
    let cell = |from: usize, to: usize| Cell {
        text: text[from..to].to_owned(),
        hard: false,
    };
    let ty = field.field("type")?;
    let tag = field.field("tag");
    let mut cursor = field.walk();
    let names: Vec<Node<'_>> = field.children_by_field_name("name", &mut cursor).collect();
    let mut cells = Vec::new();
    match (names.first(), names.last()) {
        (Some(first), Some(last)) => {
            cells.push(cell(first.start_byte(), last.end_byte()));
            cells.push(cell(ty.start_byte(), ty.end_byte()));
            if tag.is_some() {
                cells.push(cell(0, 0));
            }
        }
        // Embedded: `*T` starts before the type node.
        _ => cells.push(cell(field.start_byte(), ty.end_byte())),
    }
    if let Some(tag) = tag {
        cells.push(cell(tag.start_byte(), tag.end_byte()));
    }
    // The field must be exactly its cells separated by blanks (nothing else on the line).
    Some(cells)
}

/// The lines of one block as text/tabwriter pads them: in every column, a run of lines that
/// have a cell there (one that is not their last) is as wide as its widest cell plus one,
/// or takes no room when all its cells are empty and soft.
fn render(lines: &[Line]) -> Vec<String> {
    let columns = lines.iter().map(|l| l.cells.len()).max().unwrap_or(0);
    let mut widths: Vec<Vec<usize>> = lines.iter().map(|l| vec![0; l.cells.len()]).collect();
    for column in 0..columns {
        let mut at = 0;
        while at < lines.len() {
            if column + 1 >= lines[at].cells.len() {
                at += 1;
                continue;
            }
            let run_end = (at..lines.len())
                .find(|&i| column + 1 >= lines[i].cells.len())
                .unwrap_or(lines.len());
            let run = &lines[at..run_end];
            let cells = run.iter().map(|l| &l.cells[column]);
            let mut width = cells
                .clone()
                .map(|c| c.text.chars().count() + 1)
                .max()
                .unwrap_or(0);
            if cells.clone().all(|c| c.text.is_empty() && !c.hard) {
                width = 0;
            }
            for w in &mut widths[at..run_end] {
                w[column] = width;
            }
            at = run_end;
        }
    }
    lines
        .iter()
        .zip(&widths)
        .map(|(line, widths)| {
            let mut out = String::new();
            let last = line.cells.len() - 1;
            for (i, cell) in line.cells.iter().enumerate() {
                out.push_str(&cell.text);
                if i < last {
                    let pad = widths[i].saturating_sub(cell.text.chars().count());
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn list_of(file: &SourceFile) -> Node<'_> {
        let mut found = None;
        crate::syntax::walk_subtree(file.root(), |n| {
            if found.is_none() && n.kind_name() == "field_declaration_list" {
                found = Some(n);
            }
            found.is_none()
        });
        found.unwrap()
    }

    /// `src` with a directive line before 0-based `row` and the fields re-padded.
    fn split(src: &str, row: usize) -> Option<String> {
        let mut file =
            SourceFile::new(PathBuf::from("x.go"), src.as_bytes().to_vec(), None, true).unwrap();
        let mut edits = realign(&file, list_of(&file), &[row])?;
        let start: usize = src.split_inclusive('\n').take(row).map(str::len).sum();
        edits.push(Edit::insertion(start, "\t//gofix:ignore GF110 x\n"));
        edits.sort();
        file.apply_edits(&edits).unwrap();
        Some(file.text().to_owned())
    }

    #[test]
    fn the_fields_above_and_below_are_aligned_separately() {
        let src = "package p\n\ntype T struct {\n\tname   string         // the name\n\tmu     sync.Mutex     // guards\n\tclosed bool           // set by Close\n\thits   map[string]int // per key\n}\n";
        let want = "package p\n\ntype T struct {\n\tname string // the name\n\t//gofix:ignore GF110 x\n\tmu     sync.Mutex     // guards\n\tclosed bool           // set by Close\n\thits   map[string]int // per key\n}\n";
        assert_eq!(split(src, 4).as_deref(), Some(want));
        // The last field: the ones above keep a shared alignment.
        let got = split(src, 6).unwrap();
        assert!(
            got.contains("\tclosed bool       // set by Close\n\t//gofix:ignore GF110 x\n\thits map[string]int // per key\n"),
            "{got}"
        );
    }

    #[test]
    fn tags_embedded_fields_and_comment_columns() {
        // As gofmt writes it: an embedded field without a comment ends the column runs.
        let src = "package p\n\ntype T struct {\n\tsync.Mutex        // embedded\n\tName       string `json:\"name\"` // tagged\n\tn          int\n\tmu         sync.Mutex // guards\n\tp          *int       `x:\"y\"`\n\t*Embedded\n\tq int // q\n}\n";
        // Checked with gofmt: the fields above keep their alignment, the ones below close up.
        let want = "package p\n\ntype T struct {\n\tsync.Mutex        // embedded\n\tName       string `json:\"name\"` // tagged\n\tn          int\n\t//gofix:ignore GF110 x\n\tmu sync.Mutex // guards\n\tp  *int       `x:\"y\"`\n\t*Embedded\n\tq int // q\n}\n";
        assert_eq!(split(src, 6).as_deref(), Some(want));
    }

    #[test]
    fn a_block_the_model_does_not_reproduce_is_left_alone() {
        // Not gofmt's alignment: the model declines rather than guess.
        let src = "package p\n\ntype T struct {\n\tname string\n\tmu      sync.Mutex\n}\n";
        assert!(split(src, 4).is_none());
        // A field spanning lines next to the one that gets the directive.
        let src =
            "package p\n\ntype T struct {\n\tin struct {\n\t\tx int\n\t}\n\tmu sync.Mutex\n}\n";
        assert!(split(src, 6).is_none());
    }
}
