//! Loading resources from YAML: Kubernetes manifests (multi-document, kubectl style, `List` kinds) and the
//! corpus' map format, with diagnostics that say file, document, line, column, object and field.
//!
//! Bad input never stops a load: an object that cannot be decoded is reported and skipped, the rest of the
//! input still loads. Nothing here panics, whatever the bytes.
//!
//! ```
//! use gwapi_model::load::{Loader, Severity};
//! let yaml = "\
//! apiVersion: gateway.networking.k8s.io/v1beta1
//! kind: ReferenceGrant
//! metadata: {name: allow, namespace: backends}
//! spec:
//!   from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]
//!   to: [{group: '', kind: Service}]
//!   colour: blue
//! ";
//! let out = Loader::default().load_str("grants.yaml", yaml);
//! assert_eq!(out.objects.len(), 1);
//! let d = &out.diagnostics[0];
//! assert_eq!(d.severity, Severity::Warning);
//! assert_eq!(
//!     d.to_string(),
//!     "grants.yaml:7:3: warning: document 1, ReferenceGrant backends/allow: spec.colour: unknown field `colour`, ignored"
//! );
//! ```

mod corpus_map;
mod decode;
mod diagnostic;
mod field_path;
mod manifest;
mod position;
mod repair;
mod split;
mod suggest;
mod validate;

pub use corpus_map::CorpusMap;
pub(crate) use decode::DecodeKind;
pub use diagnostic::{Diagnostic, DiagnosticKind, Location, Severity};
pub use field_path::{FieldPath, Segment};
pub use position::Position;
pub(crate) use suggest::schema_of;

use std::path::{Path, PathBuf};

use crate::resource::Resource;
use crate::{Error, Result};

/// Options of a [`Loader`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct LoaderConfig {
    /// The namespace given to namespaced objects that have none (kubectl's is `default`).
    pub default_namespace: Option<String>,
    /// The largest document accepted, in bytes. The Kubernetes API server refuses objects above ~3 MiB.
    pub max_document_bytes: usize,
}

impl Default for LoaderConfig {
    fn default() -> Self {
        Self {
            default_namespace: Some("default".to_owned()),
            max_document_bytes: 8 * 1024 * 1024,
        }
    }
}

impl LoaderConfig {
    /// Sets the namespace given to namespaced objects without one (`None`: leave it unset).
    pub fn default_namespace(mut self, namespace: Option<&str>) -> Self {
        self.default_namespace = namespace.map(str::to_owned);
        self
    }

    /// Sets the largest document accepted, in bytes.
    pub fn max_document_bytes(mut self, bytes: usize) -> Self {
        self.max_document_bytes = bytes;
        self
    }
}

/// One loaded object and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedObject {
    /// The object.
    pub resource: Resource,
    /// Where it was read.
    pub location: Location,
}

/// What a load produced: the objects, in input order, and every diagnostic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadOutput {
    /// The objects that loaded, in the order they appear in the input.
    pub objects: Vec<LoadedObject>,
    /// Everything worth telling about the input.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadOutput {
    /// Whether any diagnostic is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Appends another output.
    pub fn extend(&mut self, other: LoadOutput) {
        self.objects.extend(other.objects);
        self.diagnostics.extend(other.diagnostics);
    }

    /// The objects, without their locations.
    pub fn into_resources(self) -> Vec<Resource> {
        self.objects.into_iter().map(|o| o.resource).collect()
    }
}

/// Loads Kubernetes YAML into typed objects.
#[derive(Clone, Debug, Default)]
pub struct Loader {
    config: LoaderConfig,
}

impl Loader {
    /// A loader with the given options.
    pub fn new(config: LoaderConfig) -> Self {
        Self { config }
    }

    /// The loader's options.
    pub fn config(&self) -> &LoaderConfig {
        &self.config
    }

    /// Loads a multi-document manifest. `source` names it in diagnostics.
    pub fn load_str(&self, source: &str, text: &str) -> LoadOutput {
        manifest::load_stream(&self.config, source, text)
    }

    /// Loads a manifest from raw bytes; invalid UTF-8 is reported with its position and only the
    /// documents that contain it are skipped.
    pub fn load_bytes(&self, source: &str, bytes: &[u8]) -> LoadOutput {
        manifest::load_bytes(&self.config, source, bytes)
    }

    /// Loads a file, or every `.yaml`/`.yml`/`.json` file below a directory (in name order).
    pub fn load_path(&self, path: &Path) -> Result<LoadOutput> {
        let mut out = LoadOutput::default();
        for file in manifest_files(path)? {
            let bytes = std::fs::read(&file).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            out.extend(self.load_bytes(&file.display().to_string(), &bytes));
        }
        Ok(out)
    }

    /// Loads a file in the corpus' map format (`httpRoutes: [...]`, `gateways: [...]`, ...).
    pub fn load_corpus_map(&self, source: &str, text: &str) -> CorpusMap {
        corpus_map::load(&self.config, source, text)
    }
}

/// The manifest files at `path`: the file itself, or the YAML/JSON files below a directory, sorted.
fn manifest_files(path: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut pending = vec![path.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let p = entry.path();
            if p.is_dir() {
                pending.push(p);
            } else if p
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}
