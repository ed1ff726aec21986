//! Rules of the API that the schema types cannot express and that an API server would enforce (patterns,
//! one-of constraints), checked after decoding so that files applied without an API server get the same
//! feedback. Each finding names the field and, where it can, the fix.

use super::field_path::FieldPath;
use crate::gateway_api::{GrpcMethodMatchType, GrpcRoute};
use crate::resource::Resource;

/// One broken rule: where, what, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    pub field: FieldPath,
    pub message: String,
    pub hint: Option<String>,
}

/// Every broken rule of `resource`.
pub(crate) fn validate(resource: &Resource) -> Vec<Finding> {
    match resource {
        Resource::GrpcRoute(route) => grpc_route(route),
        _ => Vec::new(),
    }
}

/// `[A-Za-z_][A-Za-z_0-9]*`: a gRPC method name, or one segment of a service name.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A fully-qualified gRPC service name: dot-separated identifiers, with an optional leading dot.
fn is_service_name(s: &str) -> bool {
    let s = s.strip_prefix('.').unwrap_or(s);
    !s.is_empty() && s.split('.').all(is_identifier)
}

fn grpc_route(route: &GrpcRoute) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (r, rule) in route.spec.rules.iter().enumerate() {
        for (m, matched) in rule.matches.iter().enumerate() {
            let Some(method_match) = &matched.method else {
                continue;
            };
            if !matches!(method_match.type_, None | Some(GrpcMethodMatchType::Exact)) {
                continue;
            }
            let at = |field: &str| {
                FieldPath::root()
                    .key("spec")
                    .key("rules")
                    .index(r)
                    .key("matches")
                    .index(m)
                    .key("method")
                    .key(field)
            };
            if let Some(service) = &method_match.service
                && !is_service_name(service)
            {
                findings.push(Finding {
                    field: at("service"),
                    message: format!(
                        "{service:?} is not a gRPC service name (dot-separated identifiers)"
                    ),
                    hint: (service == "*")
                        .then(|| "omit `service` to match every service".to_owned()),
                });
            }
            if let Some(method) = &method_match.method
                && !is_identifier(method)
            {
                findings.push(Finding {
                    field: at("method"),
                    message: format!(
                        "{method:?} is not a gRPC method name (letters, digits and `_`)"
                    ),
                    hint: (method == "*").then(|| "omit `method` to match every method".to_owned()),
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_names() {
        assert!(is_identifier("Echo"));
        assert!(is_identifier("_x1"));
        assert!(!is_identifier("*"));
        assert!(!is_identifier("1a"));
        assert!(is_service_name("grpc.health.v1.Health"));
        assert!(is_service_name(".pkg.Svc"));
        assert!(!is_service_name("pkg..Svc"));
        assert!(!is_service_name("*"));
    }
}
