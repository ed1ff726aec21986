//! Where each field of a YAML document is: maps field paths to line and column, so that diagnostics found
//! on typed data can point at the text. Built only when a document has something to report.

use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser};

use super::field_path::FieldPath;

/// A position in a file: 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

/// The positions of every key and list item of one YAML document.
#[derive(Debug, Default)]
pub(crate) struct PositionIndex {
    positions: BTreeMap<FieldPath, Position>,
}

enum Frame {
    Map {
        path: FieldPath,
        key: Option<String>,
    },
    Seq {
        path: FieldPath,
        next: usize,
    },
    /// A complex (non-scalar) mapping key: its contents have no field path.
    Opaque,
}

impl PositionIndex {
    /// Indexes `text`, whose first line is line `first_line` of the file. Parsing stops at the first syntax
    /// error; what was indexed until then stays usable.
    pub(crate) fn build(text: &str, first_line: usize) -> Self {
        let mut index = Self::default();
        let mut stack: Vec<Frame> = Vec::new();
        let offset = first_line.saturating_sub(1);
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let position = Position {
                line: span.start.line() + offset,
                column: span.start.col() + 1,
            };
            match event {
                Event::Scalar(value, ..) => {
                    index.node(&mut stack, position, Some(value.as_ref()));
                }
                Event::Alias(_) => {
                    index.node(&mut stack, position, None);
                }
                Event::MappingStart(..) => {
                    let path = index.node(&mut stack, position, None);
                    stack.push(match path {
                        Some(path) => Frame::Map { path, key: None },
                        None => Frame::Opaque,
                    });
                }
                Event::SequenceStart(..) => {
                    let path = index.node(&mut stack, position, None);
                    stack.push(match path {
                        Some(path) => Frame::Seq { path, next: 0 },
                        None => Frame::Opaque,
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        index
    }

    /// Records a node and returns its path (or `None` when it is a mapping key or inside one).
    fn node(
        &mut self,
        stack: &mut [Frame],
        position: Position,
        scalar: Option<&str>,
    ) -> Option<FieldPath> {
        let Some(top) = stack.last_mut() else {
            self.positions.entry(FieldPath::root()).or_insert(position);
            return Some(FieldPath::root());
        };
        match top {
            Frame::Opaque => None,
            Frame::Seq { path, next } => {
                let item = path.clone().index(*next);
                *next += 1;
                self.positions.entry(item.clone()).or_insert(position);
                Some(item)
            }
            Frame::Map { path, key } => {
                if let Some(k) = key.take() {
                    return Some(path.clone().key(k));
                }
                // A key: remember it; a non-scalar key makes the value unaddressable.
                let k = scalar.unwrap_or_default().to_owned();
                self.positions
                    .entry(path.clone().key(k.clone()))
                    .or_insert(position);
                *key = Some(k);
                None
            }
        }
    }

    /// The position of `path`, or of its closest indexed ancestor.
    pub(crate) fn find(&self, path: &FieldPath) -> Option<Position> {
        let mut current = Some(path.clone());
        while let Some(p) = current {
            if let Some(position) = self.positions.get(&p) {
                return Some(*position);
            }
            current = p.parent();
        }
        None
    }

    /// The keys of the mapping at `path`, in document order of first appearance is not kept: sorted.
    #[cfg(test)]
    pub(crate) fn keys_under(&self, path: &FieldPath) -> Vec<String> {
        self.positions
            .keys()
            .filter(|p| p.0.len() == path.0.len() + 1 && p.0.starts_with(&path.0))
            .filter_map(|p| match p.0.last() {
                Some(super::field_path::Segment::Key(k)) => Some(k.clone()),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_keys_and_items() {
        let text = "a: 1\nspec:\n  rules:\n  - name: x\n    port: 80\n  - name: y\n";
        let index = PositionIndex::build(text, 10);
        let p = |path: FieldPath| index.find(&path).map(|p| (p.line, p.column));
        assert_eq!(p(FieldPath::root().key("a")), Some((10, 1)));
        assert_eq!(
            p(FieldPath::root().key("spec").key("rules").index(1)),
            Some((15, 5))
        );
        assert_eq!(
            p(FieldPath::root()
                .key("spec")
                .key("rules")
                .index(0)
                .key("port")),
            Some((14, 5))
        );
        // Missing paths fall back to the closest ancestor.
        assert_eq!(
            p(FieldPath::root()
                .key("spec")
                .key("rules")
                .index(0)
                .key("nope")),
            Some((13, 5))
        );
        assert_eq!(index.keys_under(&FieldPath::root()), vec!["a", "spec"]);
    }
}
