//! Splits a multi-document YAML stream into documents, kubectl style, so that a syntax error in one
//! document does not hide the others.

/// One document of a YAML stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk<'a> {
    /// The document's text, including its `---` line when it has one.
    pub text: &'a str,
    /// The 1-based line of the file where `text` starts.
    pub first_line: usize,
    /// The 1-based index of the document in the file.
    pub document: usize,
}

/// Whether `line` separates documents: `---` alone, or followed by white space or a comment.
fn is_separator(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '#']))
}

/// Splits `text` at document separators. Chunks that hold only comments and blank lines are dropped, but
/// still count in document numbering only when they are between two separators (as kubectl counts them).
pub(crate) fn split_documents(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut start_line = 1;
    let mut offset = 0;
    for (line_no, line) in (1..).zip(text.split_inclusive('\n')) {
        if is_separator(line.trim_end_matches('\n')) && offset > start {
            push_chunk(
                &mut chunks,
                text.get(start..offset).unwrap_or_default(),
                start_line,
            );
            start = offset;
            start_line = line_no;
        }
        offset += line.len();
    }
    push_chunk(
        &mut chunks,
        text.get(start..).unwrap_or_default(),
        start_line,
    );
    chunks
}

fn push_chunk<'a>(chunks: &mut Vec<Chunk<'a>>, text: &'a str, first_line: usize) {
    let has_content = text.lines().any(|l| {
        let t = l.trim();
        !(t.is_empty() || t.starts_with('#') || is_separator(t) || t == "...")
    });
    if has_content {
        let document = chunks.len() + 1;
        chunks.push(Chunk {
            text,
            first_line,
            document,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_separators_only() {
        let text = "# head\na: 1\n---\nb: |\n  ---x\n--- # c\nc: 3\n---\n";
        let chunks = split_documents(text);
        let firsts: Vec<_> = chunks.iter().map(|c| (c.first_line, c.document)).collect();
        assert_eq!(firsts, vec![(1, 1), (3, 2), (6, 3)]);
        assert!(chunks[1].text.contains("---x"));
    }

    #[test]
    fn leading_separator_and_empty_input() {
        assert_eq!(split_documents("---\na: 1\n").len(), 1);
        assert!(split_documents("").is_empty());
        assert!(split_documents("---\n# nothing\n---\n").is_empty());
    }
}
