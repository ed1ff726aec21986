//! The reference's "large" scenario as a manifest: HTTP, gRPC and UDP routes over several Gateways, with
//! policies of every kind attached to Gateways and routes.

use std::fmt::Write as _;

/// The sizes of a generated scenario.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    /// HTTPRoutes.
    pub http_routes: usize,
    /// GRPCRoutes.
    pub grpc_routes: usize,
    /// UDPRoutes.
    pub udp_routes: usize,
    /// Policies of each kind (ClientTrafficPolicy, BackendTrafficPolicy, SecurityPolicy,
    /// EnvoyExtensionPolicy).
    pub policies: usize,
}

impl Scale {
    /// The reference's large scenario: 500 HTTPRoutes, 250 GRPCRoutes, 100 UDPRoutes, 500 of each policy.
    pub const LARGE: Self = Self {
        http_routes: 500,
        grpc_routes: 250,
        udp_routes: 100,
        policies: 500,
    };

    /// 1,000 HTTPRoutes and 500 policies of each kind.
    pub const POLICIES: Self = Self {
        http_routes: 1_000,
        grpc_routes: 0,
        udp_routes: 0,
        policies: 500,
    };
}

/// Gateways of the scenario; routes and policies are spread over them.
const GATEWAYS: usize = 10;

/// A multi-document manifest of the scenario at `scale`.
#[must_use]
pub fn manifest(scale: Scale) -> String {
    let mut out = String::new();
    out.push_str(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: eg}\n\
         spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}\n",
    );
    for namespace in std::iter::once("infra".to_owned()).chain((0..10).map(|i| format!("team-{i}")))
    {
        let _ = write!(
            out,
            "---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: {namespace}}}\n"
        );
    }
    for g in 0..GATEWAYS {
        let _ = write!(
            out,
            "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n\
             metadata: {{namespace: infra, name: gw-{g}}}\nspec:\n  gatewayClassName: eg\n  listeners:\n\
             \x20 - {{name: http, protocol: HTTP, port: 80, allowedRoutes: {{namespaces: {{from: All}}}}}}\n\
             \x20 - {{name: udp, protocol: UDP, port: 5300, allowedRoutes: {{namespaces: {{from: All}}}}}}\n"
        );
    }
    for i in 0..scale.http_routes {
        let _ = write!(
            out,
            "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n\
             metadata: {{namespace: {ns}, name: http-{i}}}\nspec:\n\
             \x20 parentRefs: [{{namespace: infra, name: gw-{g}}}]\n\
             \x20 hostnames: [app-{i}.example.com, api-{i}.example.com]\n  rules:\n\
             \x20 - matches: [{{path: {{type: PathPrefix, value: /api}}, headers: [{{name: x-version, value: v2}}]}}]\n\
             \x20   backendRefs: [{{name: svc-{i}, port: 8080}}]\n\
             \x20 - backendRefs: [{{name: svc-{i}, port: 8080}}]\n",
            ns = namespace(i),
            g = i % GATEWAYS
        );
        service(&mut out, &namespace(i), &format!("svc-{i}"), 8080, "TCP");
    }
    for i in 0..scale.grpc_routes {
        let _ = write!(
            out,
            "---\napiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\n\
             metadata: {{namespace: {ns}, name: grpc-{i}}}\nspec:\n\
             \x20 parentRefs: [{{namespace: infra, name: gw-{g}}}]\n\
             \x20 hostnames: [grpc-{i}.example.com]\n  rules:\n\
             \x20 - matches: [{{method: {{service: pkg.Service{i}, method: Get}}}}]\n\
             \x20   backendRefs: [{{name: grpc-svc-{i}, port: 9000}}]\n",
            ns = namespace(i),
            g = i % GATEWAYS
        );
        service(
            &mut out,
            &namespace(i),
            &format!("grpc-svc-{i}"),
            9000,
            "TCP",
        );
    }
    for i in 0..scale.udp_routes {
        let _ = write!(
            out,
            "---\napiVersion: gateway.networking.k8s.io/v1alpha2\nkind: UDPRoute\n\
             metadata: {{namespace: {ns}, name: udp-{i}}}\nspec:\n\
             \x20 parentRefs: [{{namespace: infra, name: gw-{g}, sectionName: udp}}]\n\
             \x20 rules: [{{backendRefs: [{{name: dns-{i}, port: 53}}]}}]\n",
            ns = namespace(i),
            g = i % GATEWAYS
        );
        service(&mut out, &namespace(i), &format!("dns-{i}"), 53, "UDP");
    }
    policies(&mut out, scale);
    out
}

fn namespace(i: usize) -> String {
    format!("team-{}", i % 10)
}

fn service(out: &mut String, namespace: &str, name: &str, port: u16, protocol: &str) {
    let _ = write!(
        out,
        "---\napiVersion: v1\nkind: Service\nmetadata: {{namespace: {namespace}, name: {name}}}\n\
         spec: {{clusterIP: 10.0.0.1, ports: [{{name: p, port: {port}, protocol: {protocol}}}]}}\n"
    );
}

/// The policies: ClientTrafficPolicies on the Gateways (the younger ones conflict), the others on
/// HTTPRoutes (wrapping around when there are more policies than routes).
fn policies(out: &mut String, scale: Scale) {
    for p in 0..scale.policies {
        let _ = write!(
            out,
            "---\napiVersion: gateway.envoyproxy.io/v1alpha1\nkind: ClientTrafficPolicy\n\
             metadata: {{namespace: infra, name: ctp-{p}}}\nspec:\n\
             \x20 targetRefs: [{{group: gateway.networking.k8s.io, kind: Gateway, name: gw-{g}}}]\n\
             \x20 timeout: {{http: {{requestReceivedTimeout: 5s, idleTimeout: 30s}}}}\n\
             \x20 headers: {{preserveXRequestID: true}}\n",
            g = p % GATEWAYS
        );
        if scale.http_routes == 0 {
            continue;
        }
        let r = p % scale.http_routes;
        let target = format!(
            "  targetRefs: [{{group: gateway.networking.k8s.io, kind: HTTPRoute, name: http-{r}}}]\n"
        );
        let ns = namespace(r);
        let _ = write!(
            out,
            "---\napiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\n\
             metadata: {{namespace: {ns}, name: btp-{p}}}\nspec:\n{target}\
             \x20 retry: {{numRetries: 3, retryOn: {{triggers: [connect-failure]}}}}\n\
             \x20 timeout: {{http: {{requestTimeout: 10s}}}}\n\
             \x20 loadBalancer: {{type: LeastRequest}}\n\
             \x20 circuitBreaker: {{maxConnections: 2048}}\n"
        );
        let _ = write!(
            out,
            "---\napiVersion: gateway.envoyproxy.io/v1alpha1\nkind: SecurityPolicy\n\
             metadata: {{namespace: {ns}, name: sp-{p}}}\nspec:\n{target}\
             \x20 cors: {{allowOrigins: ['https://*.example.com'], allowMethods: [GET, POST]}}\n\
             \x20 authorization: {{defaultAction: Deny, rules: [{{action: Allow, principal: {{clientCIDRs: [10.0.0.0/8]}}}}]}}\n"
        );
        let _ = write!(
            out,
            "---\napiVersion: gateway.envoyproxy.io/v1alpha1\nkind: EnvoyExtensionPolicy\n\
             metadata: {{namespace: {ns}, name: eep-{p}}}\nspec:\n{target}\
             \x20 lua: [{{type: Inline, inline: \"function envoy_on_request(h) end\"}}]\n"
        );
    }
}
