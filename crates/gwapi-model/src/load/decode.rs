//! Decodes one object of a known kind from a YAML value into its typed form, reporting invalid fields,
//! unknown fields and unknown enum values with their paths and positions.

use std::cell::OnceCell;

use serde::de::DeserializeOwned;
use serde_norway::Value;

use super::diagnostic::{Diagnostic, DiagnosticKind, Location, Severity};
use super::field_path::FieldPath;
use super::position::PositionIndex;
use super::{repair, suggest, validate};
use crate::resource::{ObjectKey, Resource, ResourceKind, decode_kind};
use crate::string_enum::{
    UNKNOWN_VALUE_PREFIX, UnknownValueMode, take_last_unknown_value, with_unknown_value_mode,
};

/// The document an object comes from, for diagnostics.
pub(crate) struct DocumentSource<'a> {
    /// File and document index.
    pub location: Location,
    /// The document's text.
    pub text: &'a str,
    /// The line of the file where `text` starts.
    pub first_line: usize,
    index: OnceCell<PositionIndex>,
}

impl<'a> DocumentSource<'a> {
    pub(crate) fn new(location: Location, text: &'a str, first_line: usize) -> Self {
        Self {
            location,
            text,
            first_line,
            index: OnceCell::new(),
        }
    }

    /// The location of `path` (relative to the document root).
    pub(crate) fn locate(&self, path: &FieldPath) -> Location {
        let index = self
            .index
            .get_or_init(|| PositionIndex::build(self.text, self.first_line));
        Location {
            position: index.find(path),
            ..self.location.clone()
        }
    }

    /// A diagnostic about the field `path` of the document.
    pub(crate) fn diagnostic(
        &self,
        path: &FieldPath,
        severity: Severity,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(self.locate(path), severity, kind, message)
    }
}

/// Decodes objects into the concrete type of their kind; implemented by the loader's decoder so that
/// [`decode_kind`] can dispatch on the kind without knowing about diagnostics.
pub(crate) trait DecodeKind {
    /// Decodes into `T`, or returns `None` after reporting why it could not.
    fn decode<T>(self) -> Option<T>
    where
        T: DeserializeOwned + schemars::JsonSchema + kube::Resource<DynamicType = ()>;
}

/// Decodes one object found at `prefix` in a document.
pub(crate) struct ObjectDecoder<'a, 'b> {
    pub source: &'a DocumentSource<'b>,
    /// Where the object is inside the document (`items[2]`, `httpRoutes[0]`, or the root).
    pub prefix: FieldPath,
    pub value: Value,
    pub key: ObjectKey,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl ObjectDecoder<'_, '_> {
    /// Decodes the object as `kind` and checks the API's rules on it.
    pub(crate) fn decode_as(self, kind: ResourceKind) -> Option<Resource> {
        let ObjectDecoder {
            source,
            prefix,
            value,
            key,
            diagnostics,
        } = self;
        let decoder = ObjectDecoder {
            source,
            prefix: prefix.clone(),
            value,
            key: key.clone(),
            diagnostics: &mut *diagnostics,
        };
        let resource = decode_kind(kind, decoder)?;
        for finding in validate::validate(&resource) {
            let path = prefix.clone().join(&finding.field);
            let mut d = source.diagnostic(
                &path,
                Severity::Warning,
                DiagnosticKind::Lint,
                finding.message,
            );
            d.object = Some(key.clone());
            d.field = Some(finding.field);
            d.hint = finding.hint;
            diagnostics.push(d);
        }
        Some(resource)
    }

    fn report(
        &mut self,
        field: FieldPath,
        severity: Severity,
        kind: DiagnosticKind,
        message: String,
    ) {
        let mut diagnostic =
            self.source
                .diagnostic(&self.prefix.clone().join(&field), severity, kind, message);
        diagnostic.object = Some(self.key.clone());
        diagnostic.field = (!field.is_root()).then_some(field);
        self.diagnostics.push(diagnostic);
    }

    fn report_with_hint(
        &mut self,
        field: FieldPath,
        kind: DiagnosticKind,
        message: String,
        hint: Option<String>,
    ) {
        self.report(field, Severity::Warning, kind, message);
        if let Some(d) = self.diagnostics.last_mut() {
            d.hint = hint;
        }
    }
}

/// Deserializes `value` as `T`, tracking the path of an error and collecting ignored (unknown) fields.
fn deserialize_tracked<T: DeserializeOwned>(
    value: &Value,
    ignored: &mut Vec<FieldPath>,
) -> Result<T, (FieldPath, String)> {
    let mut on_ignored =
        |path: serde_ignored::Path<'_>| ignored.push(FieldPath::from_ignored(&path));
    let de = serde_ignored::Deserializer::new(value, &mut on_ignored);
    serde_path_to_error::deserialize(de).map_err(|e| {
        (
            FieldPath::from_tracked(e.path()),
            e.into_inner().to_string(),
        )
    })
}

/// The most repairs one object gets before its problems are reported as they are.
const MAX_REPAIRS: usize = 16;

/// The most unknown fields of one object that get a "did you mean" hint (hints search schemas).
const MAX_HINTS: usize = 16;

impl ObjectDecoder<'_, '_> {
    /// Decodes `T`, repairing what Envoy Gateway's loader accepts (Go's `encoding/json` matches field
    /// names case-insensitively; its YAML reader turns numbers and booleans into strings where a string
    /// belongs), and reporting each repair. Returns the result, the unknown fields and the number of
    /// unknown enum values.
    #[allow(clippy::type_complexity)]
    fn decode_leniently<T>(&mut self) -> (Result<T, (FieldPath, String)>, Vec<FieldPath>, usize)
    where
        T: DeserializeOwned + schemars::JsonSchema,
    {
        let mut repairs = 0;
        loop {
            let mut ignored = Vec::new();
            let (result, unknown_values) =
                with_unknown_value_mode(UnknownValueMode::Collect, || {
                    deserialize_tracked::<T>(&self.value, &mut ignored)
                });
            if repairs < MAX_REPAIRS {
                if let Some((path, proper)) = ignored.iter().find_map(|p| {
                    suggest::case_insensitive_field(self.key.kind, p)
                        .map(|proper| (p.clone(), proper))
                }) && repair::rename_key(&mut self.value, &path, &proper)
                {
                    let message = format!(
                        "field `{}` read as `{proper}`: field names are case-sensitive in Kubernetes",
                        path.last_key().unwrap_or_default()
                    );
                    self.report(path, Severity::Warning, DiagnosticKind::Lenient, message);
                    repairs += 1;
                    continue;
                }
                if let Err((path, message)) = &result
                    && message.ends_with("expected a string")
                    && let Some(text) = repair::scalar_to_string(&mut self.value, path)
                {
                    let message = format!(
                        "{text} read as the string {text:?}: quote it, a string is expected here"
                    );
                    self.report(
                        path.clone(),
                        Severity::Warning,
                        DiagnosticKind::Lenient,
                        message,
                    );
                    repairs += 1;
                    continue;
                }
            }
            return (result, ignored, unknown_values);
        }
    }
}

impl DecodeKind for ObjectDecoder<'_, '_> {
    fn decode<T>(mut self) -> Option<T>
    where
        T: DeserializeOwned + schemars::JsonSchema + kube::Resource<DynamicType = ()>,
    {
        // Every apiVersion of a kind decodes the same way: normalize it (and the kind) to the canonical
        // values, which k8s-openapi's types insist on.
        if let Value::Mapping(map) = &mut self.value {
            map.insert("apiVersion".into(), T::api_version(&()).into_owned().into());
            map.insert("kind".into(), T::kind(&()).into_owned().into());
        }
        let (result, ignored, unknown_values) = self.decode_leniently::<T>();
        let kind = self.key.kind;
        let mut hinted = 0;
        for path in ignored {
            if path.0.len() == 1 && matches!(path.last_key(), Some("apiVersion" | "kind")) {
                continue;
            }
            let field = path.last_key().unwrap_or_default().to_owned();
            let hint = if hinted < MAX_HINTS {
                suggest::unknown_field(kind, &path)
            } else {
                None
            };
            hinted += 1;
            let message = format!("unknown field `{field}`, ignored");
            self.report_with_hint(path, DiagnosticKind::UnknownField, message, hint);
        }
        let object = match result {
            Ok(object) => object,
            Err((path, message)) => {
                let hint = suggest::invalid_value(&path, &message);
                let message = format!(
                    "{}; the object was skipped",
                    suggest::explain_invalid(&message)
                );
                self.report(path, Severity::Error, DiagnosticKind::InvalidField, message);
                if let Some(d) = self.diagnostics.last_mut() {
                    d.hint = hint;
                }
                return None;
            }
        };
        for n in 0..unknown_values {
            let (result, _) = with_unknown_value_mode(UnknownValueMode::FailAt(n), || {
                deserialize_tracked::<T>(&self.value, &mut Vec::new())
            });
            if let Err((path, message)) = result
                && message.starts_with(UNKNOWN_VALUE_PREFIX)
                && let Some(unknown) = take_last_unknown_value()
            {
                let hint = suggest::unknown_value(&unknown.value, unknown.known);
                let message = format!(
                    "unknown value {:?} for {}, kept as written; expected one of: {}",
                    unknown.value,
                    unknown.type_name,
                    unknown.known.join(", ")
                );
                self.report_with_hint(path, DiagnosticKind::UnknownValue, message, hint);
            }
        }
        Some(object)
    }
}
