//! What the loader (and the lint pass) report: a severity, a message and exactly where.

use std::fmt;

use super::field_path::FieldPath;
use super::position::Position;
use crate::resource::ObjectKey;

/// How serious a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was skipped on purpose (a kind gwapi does not handle).
    Info,
    /// The object loaded, but something in it was not understood (an unknown field or value) or is
    /// likely a mistake.
    Warning,
    /// The object (or document) could not be loaded.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// What kind of problem a [`Diagnostic`] reports, for callers that filter or count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// The bytes are not valid UTF-8.
    Encoding,
    /// The text is not valid YAML.
    Syntax,
    /// The document is too large.
    TooLarge,
    /// The document is not a Kubernetes object (no `apiVersion`/`kind`, not a mapping).
    NotAnObject,
    /// The object's kind is not one gwapi handles; it was skipped.
    UnhandledKind,
    /// A field has the wrong type or an invalid value; the object was not loaded.
    InvalidField,
    /// A field is not part of the schema; it was ignored.
    UnknownField,
    /// A value is not one of the known ones; it was kept as written.
    UnknownValue,
    /// A field was accepted the way Envoy Gateway's loader accepts it (a field name in another case, a number
    /// or boolean where a string belongs), though the Kubernetes API server would refuse it.
    Lenient,
    /// The same object appears twice; the later one wins.
    Duplicate,
    /// The value is valid YAML but breaks a rule of the API (found by the lint pass).
    Lint,
}

/// Where a diagnostic points.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file (or source name) the input came from.
    pub source: String,
    /// The 1-based index of the document in the file (0 when not known).
    pub document: usize,
    /// Line and column, when known.
    pub position: Option<Position>,
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Where it is.
    pub location: Location,
    /// How serious it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub kind: DiagnosticKind,
    /// The object it is about, when known.
    pub object: Option<ObjectKey>,
    /// The field it is about, relative to the object, when known.
    pub field: Option<FieldPath>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when gwapi can tell ("did you mean ...").
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic without object, field or hint.
    #[must_use]
    pub fn new(
        location: Location,
        severity: Severity,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Self {
        Self {
            location,
            severity,
            kind,
            object: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.location;
        f.write_str(&l.source)?;
        if let Some(p) = l.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": {}: ", self.severity)?;
        if l.document > 0 {
            write!(f, "document {}", l.document)?;
            if self.object.is_some() {
                f.write_str(", ")?;
            } else {
                f.write_str(": ")?;
            }
        }
        if let Some(object) = &self.object {
            write!(f, "{object}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}
