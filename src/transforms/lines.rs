//! Whole-line edits: fixes that delete a statement take its line with it, and leave the
//! blank lines as gofmt would.

use crate::fix::Edit;

/// A statement standing alone on its line, maybe followed by a `//` comment.
pub(crate) struct StatementLine {
    /// Start of the line.
    pub start: usize,
    /// End of the line's content, before the line break.
    pub content_end: usize,
    /// End of the line, after its line break.
    pub end: usize,
    pub has_comment: bool,
}

impl StatementLine {
    pub fn of(src: &str, stmt_start: usize, stmt_end: usize) -> Option<Self> {
        let start = src[..stmt_start].rfind('\n').map_or(0, |i| i + 1);
        if !src[start..stmt_start]
            .chars()
            .all(|c| c == ' ' || c == '\t')
        {
            return None;
        }
        let end = src[stmt_end..]
            .find('\n')
            .map_or(src.len(), |i| stmt_end + i + 1);
        let mut content_end = end;
        if src[..content_end].ends_with('\n') {
            content_end -= 1;
        }
        if src[..content_end].ends_with('\r') {
            content_end -= 1;
        }
        let rest = src[stmt_end..content_end].trim();
        if !(rest.is_empty() || rest.starts_with("//")) {
            return None;
        }
        Some(Self {
            start,
            content_end,
            end,
            has_comment: !rest.is_empty(),
        })
    }
}

/// Delete a whole line; when that would leave two blank lines in a row, delete one of them
/// too, as gofmt would.
pub(crate) fn delete_line(src: &str, start: usize, end: usize) -> Edit {
    let blank_before = start > 0 && {
        let prev_start = src[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        src[prev_start..start].trim().is_empty()
    };
    let next_end = src[end..].find('\n').map_or(src.len(), |i| end + i + 1);
    let blank_after = next_end > end && src[end..next_end].trim().is_empty();
    if blank_before && blank_after {
        return Edit::deletion(start, next_end);
    }
    Edit::deletion(start, end)
}

/// Delete the lines of a run of statements (sorted, one per line). Adjacent lines go in one
/// edit, and a run that starts a block takes a following blank line with it, so the block
/// does not open on an empty line.
pub(crate) fn delete_lines(src: &str, lines: &[StatementLine]) -> Vec<Edit> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for line in lines {
        match spans.last_mut() {
            Some(last) if last.1 == line.start => last.1 = line.end,
            _ => spans.push((line.start, line.end)),
        }
    }
    spans
        .into_iter()
        .map(|(start, end)| {
            let opens_block = src[..start].trim_end().ends_with('{');
            let next_end = src[end..].find('\n').map_or(src.len(), |i| end + i + 1);
            if opens_block && next_end > end && src[end..next_end].trim().is_empty() {
                Edit::deletion(start, next_end)
            } else {
                delete_line(src, start, end)
            }
        })
        .collect()
}

/// Insert `lines` (each ending in `\n`, already indented) as the first lines of a block
/// whose `{` ends its line (a `//` comment may follow it); `None` for a block written on one
/// line.
pub(crate) fn insert_at_block_start(src: &str, block_start: usize, lines: String) -> Option<Edit> {
    let line_end = block_start + src[block_start..].find('\n')?;
    let rest = src[block_start + 1..line_end].trim();
    if !(rest.is_empty() || rest.starts_with("//")) {
        return None;
    }
    Some(Edit::insertion(line_end + 1, lines))
}
