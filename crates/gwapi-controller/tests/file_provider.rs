#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The file provider: rescans feed the store with the difference; files with errors keep their last good
//! objects.

use std::path::PathBuf;

use gwapi_controller::pipeline::Store;
use gwapi_controller::provider::FileProvider;
use gwapi_model::load::Loader;
use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gwapi-file-provider-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn route_yaml(name: &str, prefix: &str) -> String {
    format!(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: {name}\n  namespace: default\nspec:\n  parentRefs: [{{name: gw}}]\n  rules:\n  - matches: [{{path: {{type: PathPrefix, value: '{prefix}'}}}}]\n    backendRefs: [{{name: echo, port: 8080}}]\n"
    )
}

fn key(name: &str) -> ObjectKey {
    ObjectKey {
        kind: ResourceKind::HttpRoute,
        namespace: "default".to_owned(),
        name: name.to_owned(),
    }
}

fn prefix_of(store: &Store, name: &str) -> String {
    let Some(Resource::HttpRoute(route)) = store.get(&key(name)) else {
        panic!("no route {name}");
    };
    let path = route.spec.rules[0].matches[0].path.as_ref().unwrap();
    path.value.clone().unwrap()
}

#[test]
fn edits_additions_and_removals_reach_the_store() {
    let dir = temp_dir("edits");
    std::fs::write(dir.join("a.yaml"), route_yaml("a", "/a")).unwrap();
    std::fs::write(dir.join(".hidden.yaml"), route_yaml("hidden", "/")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a manifest").unwrap();
    let mut provider = FileProvider::new(&dir, Loader::default());
    let mut store = Store::new();

    let scan = provider.scan(&mut store).unwrap();
    assert!(scan.changed && scan.diagnostics.is_empty());
    assert_eq!(
        store.len(),
        2,
        "the route, and its namespace made implicitly"
    );
    let namespace = ObjectKey {
        kind: ResourceKind::Namespace,
        namespace: String::new(),
        name: "default".to_owned(),
    };
    assert!(store.get(&namespace).is_some());

    let scan = provider.scan(&mut store).unwrap();
    assert!(!scan.changed && scan.files.is_empty(), "nothing changed");

    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/b.yaml"), route_yaml("b", "/b")).unwrap();
    std::fs::write(dir.join("a.yaml"), route_yaml("a", "/a2/longer")).unwrap();
    assert!(provider.scan(&mut store).unwrap().changed);
    assert_eq!(prefix_of(&store, "a"), "/a2/longer");
    assert_eq!(prefix_of(&store, "b"), "/b");

    std::fs::remove_file(dir.join("a.yaml")).unwrap();
    assert!(provider.scan(&mut store).unwrap().changed);
    assert!(store.get(&key("a")).is_none());
    assert_eq!(store.len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_broken_file_keeps_its_last_good_objects() {
    let dir = temp_dir("broken");
    let two = format!("{}---\n{}", route_yaml("a", "/a"), route_yaml("b", "/b"));
    std::fs::write(dir.join("routes.yaml"), &two).unwrap();
    let mut provider = FileProvider::new(&dir, Loader::default());
    let mut store = Store::new();
    provider.scan(&mut store).unwrap();
    assert_eq!(store.len(), 3);

    // `b` becomes undecodable (a list where an object is expected), `a` changes validly.
    let broken = format!(
        "{}---\n{}",
        route_yaml("a", "/a-new"),
        route_yaml("b", "/b").replace("rules:", "rules: 7\n  oops:")
    );
    std::fs::write(dir.join("routes.yaml"), broken).unwrap();
    let scan = provider.scan(&mut store).unwrap();
    assert!(!scan.diagnostics.is_empty(), "the error is reported");
    assert_eq!(
        prefix_of(&store, "a"),
        "/a-new",
        "the valid rest is updated"
    );
    assert_eq!(
        prefix_of(&store, "b"),
        "/b",
        "the broken object keeps its last good version"
    );

    // Fixed: the file's content is taken as it is again.
    std::fs::write(dir.join("routes.yaml"), route_yaml("a", "/a")).unwrap();
    let scan = provider.scan(&mut store).unwrap();
    assert!(scan.diagnostics.is_empty());
    assert!(store.get(&key("b")).is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}
