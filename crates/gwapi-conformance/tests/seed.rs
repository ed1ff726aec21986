//! Every YAML block of the users' own description (`../shared/seed/ARCHITECTURE.md`) loads, and where a block
//! departs from the real schema the loader says so precisely, with the correct spelling.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_conformance::corpus_dir;
use gwapi_model::load::{Loader, Severity};

/// The fenced YAML blocks of a Markdown text, with the line each starts on.
fn yaml_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, l) if l.starts_with("```yaml") => current = Some((i + 2, String::new())),
            (Some(_), l) if l.starts_with("```") => blocks.extend(current.take()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// Each block's diagnostics, as printed, under the block's name.
fn seed_diagnostics() -> Vec<(String, Vec<String>, usize)> {
    let seed = corpus_dir().unwrap().join("../seed/ARCHITECTURE.md");
    let markdown = std::fs::read_to_string(&seed).unwrap();
    yaml_blocks(&markdown)
        .into_iter()
        .map(|(line, text)| {
            let name = format!("seed@{line}");
            let out = Loader::default().load_str(&name, &text);
            let printed = out
                .diagnostics
                .iter()
                .filter(|d| d.severity > Severity::Info)
                .map(ToString::to_string)
                .collect();
            (name, printed, out.objects.len())
        })
        .collect()
}

#[test]
fn seed_blocks_load_with_precise_diagnostics() {
    let actual = seed_diagnostics();
    for (name, diagnostics, objects) in &actual {
        eprintln!("{name}: {objects} objects");
        for d in diagnostics {
            eprintln!("  {d}");
        }
    }
    let expected: Vec<(&str, Vec<&str>, usize)> = vec![
        (
            "seed@115",
            vec![
                "seed@115:12:5: warning: document 1, EnvoyGateway envoy-gateway-system/envoy-gateway: provider.kubernetes.envoyDeployment: unknown field `envoyDeployment`, ignored (`envoyDeployment` is a field of EnvoyProxy (`spec.provider.kubernetes.envoyDeployment`), not of this kind)",
                "seed@115:28:5: warning: document 1, EnvoyGateway envoy-gateway-system/envoy-gateway: provider.kubernetes.envoyService: unknown field `envoyService`, ignored (`envoyService` is a field of EnvoyProxy (`spec.provider.kubernetes.envoyService`), not of this kind)",
            ],
            1,
        ),
        ("seed@244", vec![], 1),
        ("seed@267", vec![], 1),
        ("seed@330", vec![], 1),
        (
            "seed@388",
            vec![
                "seed@388:17:13: warning: document 1, GRPCRoute argocd/argocd-grpc: spec.rules[0].matches[0].method.service: \"*\" is not a gRPC service name (dot-separated identifiers) (omit `service` to match every service)",
                "seed@388:18:13: warning: document 1, GRPCRoute argocd/argocd-grpc: spec.rules[0].matches[0].method.method: \"*\" is not a gRPC method name (letters, digits and `_`) (omit `method` to match every method)",
            ],
            1,
        ),
        (
            "seed@453",
            vec![
                "seed@453:36:5: warning: document 1, ClientTrafficPolicy argocd/argocd-client: spec.tls.minVersion: unknown value \"TLSv1_2\" for TlsVersion, kept as written; expected one of: Auto, 1.0, 1.1, 1.2, 1.3 (did you mean \"1.2\"?)",
            ],
            1,
        ),
        (
            "seed@499",
            vec![
                "seed@499:42:5: warning: document 1, BackendTrafficPolicy argocd/argocd-backend: spec.circuitBreaker.maxRequests: unknown field `maxRequests`, ignored (did you mean `maxParallelRequests`?)",
                "seed@499:43:5: warning: document 1, BackendTrafficPolicy argocd/argocd-backend: spec.circuitBreaker.maxRetries: unknown field `maxRetries`, ignored (did you mean `maxParallelRetries`?)",
                "seed@499:58:13: error: document 1, BackendTrafficPolicy argocd/argocd-backend: spec.healthCheck.active.http.expectedStatuses[0]: invalid type: map, expected an integer (32-bit); the object was skipped (`expectedStatuses` is a list of integers, not of mappings)",
            ],
            0,
        ),
        (
            "seed@569",
            vec![
                "seed@569:30:3: warning: document 1, SecurityPolicy argocd/argocd-security: spec.rateLimit: unknown field `rateLimit`, ignored (`rateLimit` is a field of BackendTrafficPolicy (`spec.rateLimit`), not of this kind)",
            ],
            1,
        ),
        // A Helm values file, not a manifest.
        (
            "seed@713",
            vec!["seed@713:2:1: error: document 1: not a Kubernetes object: `kind` is missing"],
            0,
        ),
        ("seed@748", vec![], 1),
        // RBAC objects: skipped with an informational diagnostic only.
        ("seed@875", vec![], 0),
    ];
    let actual_view: Vec<(&str, Vec<&str>, usize)> = actual
        .iter()
        .map(|(n, d, o)| (n.as_str(), d.iter().map(String::as_str).collect(), *o))
        .collect();
    assert_eq!(actual_view, expected);
}
