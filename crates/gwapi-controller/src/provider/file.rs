//! [`FileProvider`]: a directory of YAML manifests, rescanned on demand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use gwapi_model::core::Namespace;
use gwapi_model::load::{Diagnostic, Loader, Severity};
use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::pipeline::Store;

/// What one file last yielded.
#[derive(Debug)]
struct FileState {
    stamp: (Option<SystemTime>, u64),
    objects: BTreeMap<ObjectKey, Resource>,
}

/// What one [`FileProvider::scan`] found.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Scan {
    /// The files read again (new or changed), and those that disappeared.
    pub files: Vec<PathBuf>,
    /// The warnings and errors of the files read again.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the store changed.
    pub changed: bool,
}

/// Watches a directory of manifests (`.yaml`, `.yml`, `.json`, recursively; hidden files are skipped) by
/// rescanning it: files whose modification time or size changed are loaded again, and the store gets the
/// difference.
///
/// A file with errors keeps its last good objects: its valid objects are updated, but the objects it no
/// longer yields stay as they were until the file loads cleanly again, so a typo never takes a route down.
/// A new file with errors contributes its valid objects.
///
/// Like Envoy Gateway's file provider, every namespace that an object lives in exists: a `Namespace` is
/// added for it (labelled `kubernetes.io/metadata.name`, as the API server does) unless a file defines it.
#[derive(Debug)]
pub struct FileProvider {
    dir: PathBuf,
    loader: Loader,
    files: BTreeMap<PathBuf, FileState>,
    desired: BTreeMap<ObjectKey, Resource>,
}

impl FileProvider {
    /// A provider for `dir`, which has not read anything yet.
    pub fn new(dir: impl Into<PathBuf>, loader: Loader) -> Self {
        Self {
            dir: dir.into(),
            loader,
            files: BTreeMap::new(),
            desired: BTreeMap::new(),
        }
    }

    /// The directory watched.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Rescans the directory and applies what changed to `store`: [`FileProvider::reload`] then
    /// [`FileProvider::sync`].
    ///
    /// # Errors
    /// When the directory cannot be read (a file that cannot be read is a diagnostic).
    pub fn scan(&mut self, store: &mut Store) -> std::io::Result<Scan> {
        let mut scan = self.reload()?;
        if !scan.files.is_empty() {
            scan.changed = self.sync(store);
        }
        Ok(scan)
    }

    /// Rescans the directory and reloads the new and changed files, without touching any store (so that a
    /// shared store is not locked during the I/O).
    ///
    /// # Errors
    /// When the directory cannot be read (a file that cannot be read is a diagnostic).
    pub fn reload(&mut self) -> std::io::Result<Scan> {
        let mut scan = Scan::default();
        let mut present = Vec::new();
        collect_files(&self.dir, &mut present)?;
        present.sort();
        let gone: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|f| present.binary_search(f).is_err())
            .cloned()
            .collect();
        for file in gone {
            self.files.remove(&file);
            scan.files.push(file);
        }
        for file in present {
            let stamp = stamp(&file);
            if self.files.get(&file).is_some_and(|s| s.stamp == stamp) {
                continue;
            }
            let (objects, diagnostics) = self.load(&file);
            scan.diagnostics.extend(diagnostics);
            self.files
                .insert(file.clone(), FileState { stamp, objects });
            scan.files.push(file);
        }
        Ok(scan)
    }

    /// Loads one file: its objects (the last good ones kept when it has errors) and diagnostics.
    fn load(&self, file: &Path) -> (BTreeMap<ObjectKey, Resource>, Vec<Diagnostic>) {
        let previous = self.files.get(file).map(|s| &s.objects);
        let output = match self.loader.load_path(file) {
            Ok(output) => output,
            Err(e) => {
                let location = gwapi_model::load::Location {
                    source: file.display().to_string(),
                    document: 0,
                    position: None,
                };
                let d = Diagnostic::new(
                    location,
                    Severity::Error,
                    gwapi_model::load::DiagnosticKind::Syntax,
                    format!("cannot read the file: {e}"),
                );
                return (previous.cloned().unwrap_or_default(), vec![d]);
            }
        };
        let has_errors = output.has_errors();
        let diagnostics: Vec<Diagnostic> = output
            .diagnostics
            .iter()
            .filter(|d| d.severity > Severity::Info)
            .cloned()
            .collect();
        let mut objects: BTreeMap<ObjectKey, Resource> = match previous {
            Some(previous) if has_errors => previous.clone(),
            _ => BTreeMap::new(),
        };
        for object in output.objects {
            objects.insert(ObjectKey::of(&object.resource), object.resource);
        }
        (objects, diagnostics)
    }

    /// Applies the union of every file's objects (a later file wins a duplicate) to `store`; returns
    /// whether the store changed.
    pub fn sync(&mut self, store: &mut Store) -> bool {
        let mut desired = BTreeMap::new();
        for state in self.files.values() {
            for (key, resource) in &state.objects {
                desired.insert(key.clone(), resource.clone());
            }
        }
        add_implicit_namespaces(&mut desired);
        let mut changed = false;
        for key in self.desired.keys() {
            if !desired.contains_key(key) {
                changed |= store.delete_key(key);
            }
        }
        for resource in desired.values() {
            changed |= store.apply(resource.clone());
        }
        self.desired = desired;
        changed
    }
}

/// Adds a `Namespace` for each namespace used by an object and not defined.
fn add_implicit_namespaces(objects: &mut BTreeMap<ObjectKey, Resource>) {
    let used: std::collections::BTreeSet<String> = objects
        .keys()
        .filter(|k| !k.namespace.is_empty())
        .map(|k| k.namespace.clone())
        .collect();
    for name in used {
        let key = ObjectKey {
            kind: ResourceKind::Namespace,
            namespace: String::new(),
            name: name.clone(),
        };
        objects.entry(key).or_insert_with(|| {
            let labels = [("kubernetes.io/metadata.name".to_owned(), name.clone())].into();
            Resource::from(Namespace {
                metadata: ObjectMeta {
                    name: Some(name),
                    labels: Some(labels),
                    ..ObjectMeta::default()
                },
                ..Namespace::default()
            })
        });
    }
}

fn stamp(file: &Path) -> (Option<SystemTime>, u64) {
    std::fs::metadata(file).map_or((None, 0), |m| (m.modified().ok(), m.len()))
}

/// The manifest files under `dir`, recursively, skipping hidden entries.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_files(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
        {
            out.push(path);
        }
    }
    Ok(())
}
