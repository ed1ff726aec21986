//! Multi-document Kubernetes manifests: documents, `List` kinds, and the per-object path shared with the
//! corpus map format.

use serde_norway::Value;

use super::decode::{DocumentSource, ObjectDecoder};
use super::diagnostic::{Diagnostic, DiagnosticKind, Location, Severity};
use super::field_path::FieldPath;
use super::position::Position;
use super::split::{Chunk, split_documents};
use super::{LoadOutput, LoadedObject, LoaderConfig};
use crate::resource::{ObjectKey, ResourceKind};

/// Loads raw bytes: invalid UTF-8 makes only the documents that contain it fail.
pub(crate) fn load_bytes(config: &LoaderConfig, source: &str, bytes: &[u8]) -> LoadOutput {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return load_stream(config, source, text);
    }
    let mut text = String::with_capacity(bytes.len());
    let mut bad_offsets = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad_offsets.push(text.len());
            text.push('\u{FFFD}');
        }
    }
    let mut out = LoadOutput::default();
    let mut clean = String::with_capacity(text.len());
    // Blank out the documents that hold invalid bytes (keeping their lines, so positions stay right).
    let mut offset = 0;
    for chunk in split_documents(&text) {
        let start = chunk.text.as_ptr() as usize - text.as_ptr() as usize;
        clean.push_str(text.get(offset..start).unwrap_or_default());
        let end = start + chunk.text.len();
        if let Some(bad) = bad_offsets
            .iter()
            .copied()
            .find(|b| (start..end).contains(b))
        {
            let before = text.get(..bad).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let location = Location {
                source: source.to_owned(),
                document: chunk.document,
                position: Some(Position { line, column }),
            };
            out.diagnostics.push(Diagnostic::new(
                location,
                Severity::Error,
                DiagnosticKind::Encoding,
                "invalid UTF-8; the document was skipped",
            ));
            clean.extend(
                chunk
                    .text
                    .split_inclusive('\n')
                    .map(|l| if l.ends_with('\n') { "#\n" } else { "#" }),
            );
        } else {
            clean.push_str(chunk.text);
        }
        offset = end;
    }
    clean.push_str(text.get(offset..).unwrap_or_default());
    out.extend(load_stream(config, source, &clean));
    out
}

/// Loads a multi-document YAML stream.
pub(crate) fn load_stream(config: &LoaderConfig, source: &str, text: &str) -> LoadOutput {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = LoadOutput::default();
    for chunk in split_documents(text) {
        let location = Location {
            source: source.to_owned(),
            document: chunk.document,
            position: None,
        };
        let Some(value) = parse_document(config, &location, &chunk, &mut out.diagnostics) else {
            continue;
        };
        if value.is_null() {
            continue;
        }
        let document = DocumentSource::new(location, chunk.text, chunk.first_line);
        load_value(config, &document, FieldPath::root(), value, None, &mut out);
    }
    out
}

/// Parses one document into a YAML value, reporting size and syntax errors.
pub(crate) fn parse_document(
    config: &LoaderConfig,
    location: &Location,
    chunk: &Chunk<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Value> {
    let at = |line: usize, column: usize| Location {
        position: Some(Position { line, column }),
        ..location.clone()
    };
    if chunk.text.len() > config.max_document_bytes {
        diagnostics.push(Diagnostic::new(
            at(chunk.first_line, 1),
            Severity::Error,
            DiagnosticKind::TooLarge,
            format!(
                "document is {} bytes, more than the limit of {} bytes; it was skipped",
                chunk.text.len(),
                config.max_document_bytes
            ),
        ));
        return None;
    }
    match serde_norway::from_str::<Value>(chunk.text) {
        Ok(mut value) => {
            if let Err(e) = value.apply_merge() {
                diagnostics.push(Diagnostic::new(
                    at(chunk.first_line, 1),
                    Severity::Error,
                    DiagnosticKind::Syntax,
                    format!("invalid merge key (<<): {e}"),
                ));
                return None;
            }
            Some(value)
        }
        Err(e) => {
            let (line, column) = e.location().map_or((chunk.first_line, 1), |l| {
                (l.line() + chunk.first_line - 1, l.column())
            });
            let message = e.to_string();
            // serde_norway appends " at line L column C" with chunk-relative numbers: drop it.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .replace(
                    " as u128, expected any YAML value",
                    " is too large for any integer type",
                );
            diagnostics.push(Diagnostic::new(
                at(line, column),
                Severity::Error,
                DiagnosticKind::Syntax,
                format!("invalid YAML: {message}; the document was skipped"),
            ));
            None
        }
    }
}

fn str_field<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str)
}

/// Why an object was not loaded: where, how serious, what kind of problem, and the message.
type Problem = (FieldPath, Severity, DiagnosticKind, String);

/// Loads one object (or the items of a `List`) found at `prefix` of a document. `expected` is the kind the
/// surrounding format implies (the corpus map's key), used when the object does not say its own.
pub(crate) fn load_value(
    config: &LoaderConfig,
    document: &DocumentSource<'_>,
    prefix: FieldPath,
    mut value: Value,
    expected: Option<ResourceKind>,
    out: &mut LoadOutput,
) {
    let result = kind_name(&value, expected).and_then(|(api_version, kind_name)| {
        if kind_name.ends_with("List")
            && let Some(Value::Sequence(items)) = value.get_mut("items")
        {
            for (i, item) in std::mem::take(items).into_iter().enumerate() {
                let path = prefix.clone().key("items").index(i);
                load_value(config, document, path, item, expected, out);
            }
            return Ok(None);
        }
        let kind = resolve_kind(&api_version, &kind_name, expected)?;
        let key = object_key(config, kind, &mut value)?;
        Ok(Some(key))
    });
    match result {
        Ok(Some(key)) => {
            let kind = key.kind;
            // Objects carry their file and document; field positions are looked up only for diagnostics.
            let location = document.location.clone();
            let decoder = ObjectDecoder {
                source: document,
                prefix,
                value,
                key,
                diagnostics: &mut out.diagnostics,
            };
            if let Some(resource) = decoder.decode_as(kind) {
                out.objects.push(LoadedObject { resource, location });
            }
        }
        Ok(None) => {}
        Err((path, severity, kind, message)) => {
            let path = prefix.join(&path);
            out.diagnostics
                .push(document.diagnostic(&path, severity, kind, message));
        }
    }
}

/// The object's `apiVersion` and kind name.
fn kind_name(value: &Value, expected: Option<ResourceKind>) -> Result<(String, String), Problem> {
    let not_an_object = |message: &str| {
        let message = format!("not a Kubernetes object: {message}");
        (
            FieldPath::root(),
            Severity::Error,
            DiagnosticKind::NotAnObject,
            message,
        )
    };
    if !value.is_mapping() {
        return Err(not_an_object(
            "expected a mapping with apiVersion, kind and metadata",
        ));
    }
    let api_version = str_field(value, "apiVersion")
        .unwrap_or_default()
        .to_owned();
    let kind_name = str_field(value, "kind")
        .map(str::to_owned)
        .or_else(|| expected.map(|k| k.kind().to_owned()))
        .ok_or_else(|| not_an_object("`kind` is missing"))?;
    Ok((api_version, kind_name))
}

/// The kind gwapi reads for `apiVersion`/`kind`.
fn resolve_kind(
    api_version: &str,
    kind_name: &str,
    expected: Option<ResourceKind>,
) -> Result<ResourceKind, Problem> {
    let group = api_version.split_once('/').map_or("", |(g, _)| g);
    if let Some(kind) = ResourceKind::from_group_kind(group, kind_name)
        .or_else(|| expected.filter(|k| k.kind() == kind_name))
    {
        return Ok(kind);
    }
    if let Some(known) = ResourceKind::from_kind(kind_name) {
        let message = format!(
            "apiVersion {api_version:?} is not a version of {kind_name} (group {:?}); the object was skipped",
            known.group()
        );
        return Err((
            FieldPath::root().key("apiVersion"),
            Severity::Error,
            DiagnosticKind::InvalidField,
            message,
        ));
    }
    let shown = if api_version.is_empty() {
        kind_name.to_owned()
    } else {
        format!("{kind_name} ({api_version})")
    };
    let message = format!("skipped: gwapi does not handle {shown}");
    Err((
        FieldPath::root(),
        Severity::Info,
        DiagnosticKind::UnhandledKind,
        message,
    ))
}

/// The object's key; gives namespaced objects without a namespace the configured default.
fn object_key(
    config: &LoaderConfig,
    kind: ResourceKind,
    value: &mut Value,
) -> Result<ObjectKey, Problem> {
    // Go decodes a missing `spec` as an empty one; so does gwapi, for kinds that require it.
    if value.get("spec").is_none()
        && let Value::Mapping(map) = &mut *value
        && kind
            .json_schema()
            .get("required")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|r| r.iter().any(|f| f == "spec"))
    {
        map.insert("spec".into(), Value::Mapping(serde_norway::Mapping::new()));
    }
    let meta = value.get("metadata");
    let mut name = meta
        .and_then(|m| str_field(m, "name"))
        .unwrap_or_default()
        .to_owned();
    if name.is_empty() && kind == ResourceKind::EnvoyGateway {
        // The controller's configuration file is one per controller and has no metadata.
        "envoy-gateway".clone_into(&mut name);
    }
    if name.is_empty() {
        let message = format!("{kind}: metadata.name is required; the object was skipped");
        return Err((
            FieldPath::root().key("metadata"),
            Severity::Error,
            DiagnosticKind::InvalidField,
            message,
        ));
    }
    let mut namespace = meta
        .and_then(|m| str_field(m, "namespace"))
        .map(str::to_owned);
    if kind.namespaced()
        && namespace.is_none()
        && let Some(default) = &config.default_namespace
    {
        if let Some(Value::Mapping(meta)) = value.get_mut("metadata") {
            meta.insert("namespace".into(), default.clone().into());
        }
        namespace = Some(default.clone());
    }
    Ok(ObjectKey {
        kind,
        namespace: namespace.unwrap_or_default(),
        name,
    })
}
