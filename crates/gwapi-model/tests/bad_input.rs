//! Bad input: every case asserts the exact diagnostic (message and location) and that the valid rest of the
//! input still loads.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;

use gwapi_model::Snapshot;
use gwapi_model::load::{DiagnosticKind, LoadOutput, Loader, LoaderConfig};

const GRANT: &str = "apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: ok
  namespace: ns
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: HTTPRoute
    namespace: apps
  to:
  - group: ''
    kind: Service
";

fn load(text: &str) -> LoadOutput {
    Loader::default().load_str("in.yaml", text)
}

/// The diagnostics as printed, and the names of the objects that loaded.
fn run(text: &str) -> (Vec<String>, Vec<String>) {
    summarize(&load(text))
}

fn summarize(out: &LoadOutput) -> (Vec<String>, Vec<String>) {
    let diagnostics = out.diagnostics.iter().map(ToString::to_string).collect();
    let names = out
        .objects
        .iter()
        .map(|o| o.resource.metadata().name.clone().unwrap_or_default())
        .collect();
    (diagnostics, names)
}

/// `GRANT` followed by `bad` as a second document and `GRANT` renamed `after` as a third.
fn sandwich(bad: &str) -> String {
    format!(
        "{GRANT}---\n{bad}---\n{}",
        GRANT.replace("name: ok", "name: after")
    )
}

fn assert_case(bad: &str, expected: &[&str]) {
    let (diagnostics, names) = run(&sandwich(bad));
    assert_eq!(diagnostics, expected, "diagnostics for {bad:?}");
    assert_eq!(
        names.first().map(String::as_str),
        Some("ok"),
        "the document before still loads"
    );
    assert_eq!(
        names.last().map(String::as_str),
        Some("after"),
        "the document after still loads"
    );
}

#[test]
fn truncated_flow_mapping() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata: {name: x, namespace: ns\n",
        &[
            "in.yaml:18:1: error: document 2: invalid YAML: did not find expected ',' or '}'; the document was skipped",
        ],
    );
}

#[test]
fn tab_indentation() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n",
        &[
            "in.yaml:18:1: error: document 2: invalid YAML: found character that cannot start any token; the document was skipped",
        ],
    );
}

#[test]
fn wrong_type_string_for_integer() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ns}\nspec:\n  ports:\n  - port: eighty\n",
        &[
            "in.yaml:20:5: error: document 2, Service ns/svc: spec.ports[0].port: invalid type: string \"eighty\", expected an integer (32-bit); the object was skipped",
        ],
    );
}

#[test]
fn huge_number() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ns}\nspec:\n  ports:\n  - port: 99999999999999999999\n",
        &[
            "in.yaml:20:11: error: document 2: invalid YAML: spec.ports[0].port: invalid type: integer `99999999999999999999` is too large for any integer type; the document was skipped",
        ],
    );
}

#[test]
fn number_out_of_range() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ns}\nspec:\n  ports:\n  - port: 4294967296\n",
        &[
            "in.yaml:20:5: error: document 2, Service ns/svc: spec.ports[0].port: invalid value: integer `4294967296`, expected an integer (32-bit); the object was skipped",
        ],
    );
}

#[test]
fn unhandled_kind_is_skipped_with_info() {
    assert_case(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ns}\nspec: {replicas: 2}\n",
        &["in.yaml:15:1: info: document 2: skipped: gwapi does not handle Deployment (apps/v1)"],
    );
}

#[test]
fn duplicate_objects_later_wins() {
    let text = format!(
        "{GRANT}---\n{}",
        GRANT.replace("kind: HTTPRoute", "kind: GRPCRoute")
    );
    let (snapshot, diagnostics) = Snapshot::from_load(load(&text));
    let printed: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        printed,
        [
            "in.yaml: warning: document 2, ReferenceGrant ns/ok: duplicate object: also defined in in.yaml document 1; this later definition replaces it"
        ]
    );
    let grant = snapshot.reference_grants().next().unwrap();
    assert_eq!(grant.spec.from[0].kind, "GRPCRoute");
    assert_eq!(snapshot.len(), 1);
}

#[test]
fn invalid_utf8_skips_only_its_document() {
    let mut bytes = sandwich("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ns}\ndata:\n  k: \"caf\u{e9}\"\n")
        .into_bytes();
    let at = bytes.windows(3).position(|w| w == b"caf").unwrap() + 3;
    bytes.splice(at..at + 2, [0xff, 0xfe]);
    let (diagnostics, names) = summarize(&Loader::default().load_bytes("in.yaml", &bytes));
    assert_eq!(
        diagnostics,
        ["in.yaml:19:10: error: document 2: invalid UTF-8; the document was skipped"]
    );
    assert_eq!(names, ["ok", "after"]);
}

#[test]
fn deeply_nested_document() {
    let deep = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm, namespace: ns}}\ndata: {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let (diagnostics, names) = run(&sandwich(&deep));
    assert_eq!(names, ["ok", "after"]);
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0].starts_with("in.yaml:18:")
            && diagnostics[0].contains("recursion limit exceeded"),
        "{diagnostics:?}"
    );
}

#[test]
fn fifty_megabyte_document_is_refused() {
    let big = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: big, namespace: ns}}\ndata:\n  blob: \"{}\"\n",
        "x".repeat(50 * 1024 * 1024)
    );
    let (diagnostics, names) = run(&sandwich(&big));
    assert_eq!(
        diagnostics,
        [
            "in.yaml:14:1: error: document 2: document is 52428889 bytes, more than the limit of 8388608 bytes; it was skipped"
        ]
    );
    assert_eq!(names, ["ok", "after"]);
}

#[test]
fn larger_limit_accepts_big_documents() {
    let big = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: big, namespace: ns}}\ndata:\n  blob: \"{}\"\n",
        "x".repeat(9 * 1024 * 1024)
    );
    let loader = Loader::new(LoaderConfig::default().max_document_bytes(16 * 1024 * 1024));
    let out = loader.load_str("in.yaml", &big);
    assert!(out.diagnostics.is_empty());
    assert_eq!(out.objects.len(), 1);
}

#[test]
fn top_level_list_is_not_an_object() {
    assert_case(
        "- a\n- b\n",
        &[
            "in.yaml:15:1: error: document 2: not a Kubernetes object: expected a mapping with apiVersion, kind and metadata",
        ],
    );
}

#[test]
fn scalar_document_is_not_an_object() {
    assert_case(
        "just a string\n",
        &[
            "in.yaml:15:1: error: document 2: not a Kubernetes object: expected a mapping with apiVersion, kind and metadata",
        ],
    );
}

#[test]
fn missing_kind() {
    assert_case(
        "apiVersion: v1\nmetadata: {name: x}\n",
        &["in.yaml:15:1: error: document 2: not a Kubernetes object: `kind` is missing"],
    );
}

#[test]
fn kind_with_wrong_group() {
    assert_case(
        "apiVersion: example.com/v1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ns}\n",
        &[
            "in.yaml:15:1: error: document 2: apiVersion \"example.com/v1\" is not a version of ReferenceGrant (group \"gateway.networking.k8s.io\"); the object was skipped",
        ],
    );
}

#[test]
fn missing_name() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata:\n  namespace: ns\n",
        &[
            "in.yaml:17:1: error: document 2: Service: metadata.name is required; the object was skipped",
        ],
    );
}

#[test]
fn metadata_not_a_mapping() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata: 5\n",
        &[
            "in.yaml:17:1: error: document 2: Service: metadata.name is required; the object was skipped",
        ],
    );
}

#[test]
fn misspelled_top_level_field_leaves_an_empty_spec() {
    assert_case(
        "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ns}\nspek:\n  from: []\n",
        &[
            "in.yaml:18:1: warning: document 2, ReferenceGrant ns/g: spek: unknown field `spek`, ignored (did you mean `spec`?)",
        ],
    );
}

#[test]
fn field_in_another_case_is_read_with_a_warning() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ns}\nspec:\n  clusterIp: 10.0.0.1\n",
        &[
            "in.yaml:19:3: warning: document 2, Service ns/svc: spec.clusterIp: field `clusterIp` read as `clusterIP`: field names are case-sensitive in Kubernetes",
        ],
    );
}

#[test]
fn misspelled_nested_field() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ns}\nspec:\n  clustrIP: 10.0.0.1\n",
        &[
            "in.yaml:19:3: warning: document 2, Service ns/svc: spec.clustrIP: unknown field `clustrIP`, ignored (did you mean `clusterIP`?)",
        ],
    );
}

#[test]
fn unknown_field_without_suggestion() {
    assert_case(
        "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ns}\nspec:\n  from: []\n  zzz: 1\n",
        &[
            "in.yaml:20:3: warning: document 2, ReferenceGrant ns/g: spec.zzz: unknown field `zzz`, ignored",
        ],
    );
}

#[test]
fn list_kind_with_one_bad_item() {
    let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a, namespace: ns}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b, namespace: ns}\n  spec: {ports: [{port: x}]}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: c, namespace: ns}\n";
    let (diagnostics, names) = run(text);
    assert_eq!(
        diagnostics,
        [
            "in.yaml:10:19: error: document 1, Service ns/b: spec.ports[0].port: invalid type: string \"x\", expected an integer (32-bit); the object was skipped"
        ]
    );
    assert_eq!(names, ["a", "c"]);
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let text = "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: &meta {name: g, namespace: ns}\nspec:\n  from:\n  - &route {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}\n  - <<: *route\n    kind: GRPCRoute\n  to: [{group: '', kind: Service}]\n";
    let out = load(text);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let (snapshot, _) = Snapshot::from_load(out);
    let grant = snapshot.reference_grants().next().unwrap();
    assert_eq!(grant.spec.from[1].kind, "GRPCRoute");
    assert_eq!(grant.spec.from[1].namespace, "apps");
}

#[test]
fn alias_bomb_is_refused() {
    let mut bomb = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ns}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        writeln!(
            bomb,
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]"
        )
        .unwrap();
    }
    let (diagnostics, names) = run(&sandwich(&bomb));
    assert_eq!(names, ["ok", "after"]);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0].contains("repetition limit exceeded"),
        "{diagnostics:?}"
    );
}

#[test]
fn empty_and_comment_only_inputs() {
    assert_eq!(run(""), (vec![], vec![]));
    assert_eq!(
        run("# nothing here\n\n---\n# still nothing\n"),
        (vec![], vec![])
    );
}

#[test]
fn document_end_markers() {
    let text = format!(
        "{GRANT}...\n---\n{}...\n",
        GRANT.replace("name: ok", "name: two")
    );
    let (diagnostics, names) = run(&text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(names, ["ok", "two"]);
}

#[test]
fn byte_order_mark() {
    let (diagnostics, names) = run(&format!("\u{feff}{GRANT}"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(names, ["ok"]);
}

#[test]
fn duplicate_mapping_keys() {
    assert_case(
        "apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ns}\nmetadata: {name: other}\n",
        &[
            "in.yaml:15:1: error: document 2: invalid YAML: duplicate entry with key \"metadata\"; the document was skipped",
        ],
    );
}

#[test]
fn null_for_required_field() {
    assert_case(
        "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ns}\nspec:\n  to:\n  - kind: null\n",
        &[
            "in.yaml:20:5: error: document 2, ReferenceGrant ns/g: spec.to[0].kind: invalid type: unit value, expected a string; the object was skipped",
        ],
    );
}

#[test]
fn boolean_for_string() {
    assert_case(
        "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ns}\nspec:\n  to:\n  - kind: true\n",
        &[
            "in.yaml:20:5: warning: document 2, ReferenceGrant ns/g: spec.to[0].kind: true read as the string \"true\": quote it, a string is expected here",
        ],
    );
}

#[test]
fn list_for_mapping() {
    assert_case(
        "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ns}\nspec: []\n",
        &[
            "in.yaml:18:1: error: document 2, ReferenceGrant ns/g: spec: invalid type: sequence, expected a mapping (ReferenceGrantSpec); the object was skipped",
        ],
    );
}

#[test]
fn crlf_line_endings() {
    let text = sandwich(
        "apiVersion: v1\r\nkind: Service\r\nmetadata: {name: svc, namespace: ns}\r\nspec:\r\n  clusterIp: x\r\n",
    );
    let (diagnostics, names) = run(&text);
    assert_eq!(names, ["ok", "svc", "after"]);
    assert_eq!(
        diagnostics,
        [
            "in.yaml:19:3: warning: document 2, Service ns/svc: spec.clusterIp: field `clusterIp` read as `clusterIP`: field names are case-sensitive in Kubernetes"
        ]
    );
}

#[test]
fn api_version_of_wrong_type() {
    assert_case(
        "apiVersion: 5\nkind: Deployment\nmetadata: {name: d}\n",
        &["in.yaml:15:1: info: document 2: skipped: gwapi does not handle Deployment"],
    );
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0u16..4096)
        .map(|i| u8::try_from((u32::from(i) * 7919 + 13) % 251).unwrap())
        .collect();
    let out = Loader::default().load_bytes("garbage.bin", &garbage);
    assert!(out.objects.is_empty());
    assert!(!out.diagnostics.is_empty());
    assert!(
        out.diagnostics
            .iter()
            .all(|d| d.location.source == "garbage.bin")
    );
}

#[test]
fn several_unknown_fields_are_all_reported() {
    assert_case(
        "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ns}\nspec:\n  frm: []\n  to:\n  - {group: '', kind: Service, nam: x}\n",
        &[
            "in.yaml:19:3: warning: document 2, ReferenceGrant ns/g: spec.frm: unknown field `frm`, ignored (did you mean `from`?)",
            "in.yaml:21:32: warning: document 2, ReferenceGrant ns/g: spec.to[0].nam: unknown field `nam`, ignored (did you mean `name`?)",
        ],
    );
}

#[test]
fn kind_given_as_number() {
    assert_case(
        "apiVersion: v1\nkind: 7\nmetadata: {name: x}\n",
        &["in.yaml:15:1: error: document 2: not a Kubernetes object: `kind` is missing"],
    );
}

#[test]
fn namespace_defaults_for_namespaced_kinds_only() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n";
    let out = load(text);
    assert!(out.diagnostics.is_empty());
    assert_eq!(
        out.objects[0].resource.metadata().namespace.as_deref(),
        Some("default")
    );
    assert_eq!(out.objects[1].resource.metadata().namespace, None);
    let out = Loader::new(LoaderConfig::default().default_namespace(Some("envoy-gateway-system")))
        .load_str("x", text);
    assert_eq!(
        out.objects[0].resource.metadata().namespace.as_deref(),
        Some("envoy-gateway-system")
    );
}

#[test]
fn diagnostic_kinds_are_classified() {
    let out = load(&sandwich(
        "apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ns}\nspec:\n  clusterIp: x\n  ports: [{port: x}]\n",
    ));
    let kinds: Vec<DiagnosticKind> = out.diagnostics.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [DiagnosticKind::Lenient, DiagnosticKind::InvalidField]
    );
}
