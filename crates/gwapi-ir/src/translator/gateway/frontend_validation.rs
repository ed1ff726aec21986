//! Client certificate validation of a Gateway's HTTPS listeners (`spec.tls.frontend`, Gateway API
//! `GatewayFrontendClientCertificateValidation`): the `perPort` entry of the listener's port, else the
//! `default`, names the trusted CA bundles. A reference that cannot be used sets the listener's
//! `ResolvedRefs: False` (`InvalidCACertificateRef`, `InvalidCACertificateKind` or `RefNotPermitted`); when
//! none can, the listener is refused (`Accepted: False`, `NoValidCACertificate`). `AllowInsecureFallback`
//! lets clients without a valid certificate in and is reported on the Gateway
//! (`InsecureFrontendValidationMode`).

use gwapi_model::Condition;
use gwapi_model::gateway_api::{
    FrontendTlsValidation, FrontendValidationMode, Gateway, ObjectReference, ProtocolType,
};

use super::listener::GATEWAY_API_GROUP;
use super::{ListenerCtx, pem, x509};
use crate::ir::{Blob, TlsCaCertificate, TlsConfig};
use crate::translator::conditions::{failed, listener as listener_msg, ok, set_condition, types};
use crate::translator::context::Context;
use crate::translator::reference_grant::RefSide;

/// The key of a ConfigMap (or Secret) that holds the CA bundle.
const CA_KEY: &str = "ca.crt";
/// The Gateway condition type reporting an insecure fallback mode.
pub(crate) const INSECURE_MODE: &str = "InsecureFrontendValidationMode";

/// The client validation of one HTTPS listener.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FrontendValidation {
    /// The name of the CA bundle: `gateway/<ns>/<gateway>/<default|port>/ca.crt`, as Envoy Gateway names it.
    pub name: String,
    /// The trusted CA certificates, PEM.
    pub ca_bundle: Vec<u8>,
    /// Whether clients without a valid certificate are let in (`AllowInsecureFallback`).
    pub insecure_fallback: bool,
}

impl FrontendValidation {
    /// Sets the validation on a listener's TLS configuration.
    pub(crate) fn apply(&self, tls: &mut TlsConfig) {
        tls.ca_certificate = Some(TlsCaCertificate {
            name: self.name.clone(),
            certificate: Blob::new(self.ca_bundle.clone()),
            sds: None,
        });
        tls.client_validation_enabled = true;
        tls.require_client_certificate = !self.insecure_fallback;
        tls.accept_untrusted = self.insecure_fallback;
    }
}

/// Why one CA reference cannot be used.
struct RefError {
    reason: &'static str,
    message: String,
}

/// The validation settings that apply to listeners on `port` (its `perPort` entry, else the default),
/// with the name of that entry (the port, or `default`).
fn settings_for(gateway: &Gateway, port: i32) -> Option<(&FrontendTlsValidation, String)> {
    let frontend = gateway.spec.tls.as_ref()?.frontend.as_ref()?;
    match frontend.per_port.iter().find(|p| p.port == port) {
        Some(per_port) => Some((per_port.tls.validation.as_ref()?, port.to_string())),
        None => Some((frontend.default.validation.as_ref()?, "default".to_owned())),
    }
}

/// Resolves the client validation of `out` (an HTTPS listener of `gateway` itself), setting its conditions
/// when CA references cannot be used.
pub(super) fn validate(ctx: &Context<'_>, gateway: &Gateway, out: &mut ListenerCtx<'_>) {
    if out.listener.protocol != ProtocolType::Https || out.owner.set.is_some() {
        return;
    }
    let Some((settings, entry)) = settings_for(gateway, out.listener.port) else {
        return;
    };
    let namespace = gateway.metadata.namespace.as_deref().unwrap_or_default();
    let gateway_name = gateway.metadata.name.as_deref().unwrap_or_default();
    let mut bundle: Vec<pem::PemBlock> = Vec::new();
    let mut errors: Vec<RefError> = Vec::new();
    for (i, r) in settings.ca_certificate_refs.iter().enumerate() {
        match ca_certificates(ctx, namespace, r) {
            Ok(blocks) => {
                for block in blocks {
                    if !bundle.contains(&block) {
                        bundle.push(block);
                    }
                }
            }
            Err(e) => errors.push(RefError {
                reason: e.reason,
                message: format!("caCertificateRefs {i}: {}", e.message),
            }),
        }
    }
    if let Some(first) = errors.first() {
        let joined = errors
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        add_condition(
            &mut out.conditions,
            failed(
                types::RESOLVED_REFS,
                first.reason,
                format!("Invalid CA certificate references: {joined}."),
            ),
        );
        // Some usable references keep the listener accepted, but it is not programmed.
        let accepted = if bundle.is_empty() {
            failed(
                types::ACCEPTED,
                "NoValidCACertificate",
                "None of the CA certificate references of the client certificate validation is \
                 valid.",
            )
        } else {
            ok(types::ACCEPTED, "Accepted", listener_msg::ACCEPTED)
        };
        add_condition(&mut out.conditions, accepted);
        return;
    }
    if bundle.is_empty() {
        return;
    }
    out.client_validation = Some(FrontendValidation {
        name: format!("gateway/{namespace}/{gateway_name}/{entry}/{CA_KEY}"),
        ca_bundle: pem::encode(&bundle),
        insecure_fallback: settings.mode == Some(FrontendValidationMode::AllowInsecureFallback),
    });
}

/// Adds `condition` unless the listener already has one of its type (the first problem found is kept).
fn add_condition(conditions: &mut Vec<Condition>, condition: Condition) {
    if !conditions.iter().any(|c| c.type_ == condition.type_) {
        set_condition(conditions, condition);
    }
}

/// The CA certificates `r` (from a Gateway in `namespace`) names.
fn ca_certificates(
    ctx: &Context<'_>,
    namespace: &str,
    r: &ObjectReference,
) -> Result<Vec<pem::PemBlock>, RefError> {
    let kind = r.kind.as_str();
    if !r.group.is_empty() || !matches!(kind, "ConfigMap" | "Secret") {
        return Err(RefError {
            reason: "InvalidCACertificateKind",
            message: format!(
                "unsupported kind {}{kind}, only ConfigMap and Secret are supported",
                if r.group.is_empty() {
                    String::new()
                } else {
                    format!("{}/", r.group)
                }
            ),
        });
    }
    let target = r.namespace.as_deref().unwrap_or(namespace);
    let from = RefSide {
        group: GATEWAY_API_GROUP,
        kind: "Gateway",
        namespace,
    };
    let to = RefSide {
        group: "",
        kind,
        namespace: target,
    };
    if !ctx.permitted(from, to, &r.name) {
        return Err(RefError {
            reason: "RefNotPermitted",
            message: format!(
                "reference to {kind} {target}/{} not permitted by any ReferenceGrant",
                r.name
            ),
        });
    }
    let invalid = |message: String| RefError {
        reason: "InvalidCACertificateRef",
        message,
    };
    let data = match kind {
        "ConfigMap" => ctx
            .snapshot
            .config_maps()
            .find(|c| {
                c.metadata.namespace.as_deref() == Some(target)
                    && c.metadata.name.as_deref() == Some(r.name.as_str())
            })
            .ok_or_else(|| invalid(format!("ConfigMap {target}/{} does not exist", r.name)))?
            .data
            .as_ref()
            .and_then(|d| d.get(CA_KEY))
            .map(|v| v.as_bytes().to_vec()),
        _ => ctx
            .idx
            .secrets
            .get(&(target.to_owned(), r.name.clone()))
            .ok_or_else(|| invalid(format!("Secret {target}/{} does not exist", r.name)))?
            .data
            .as_ref()
            .and_then(|d| d.get(CA_KEY))
            .map(|v| v.0.clone()),
    };
    let data =
        data.ok_or_else(|| invalid(format!("{kind} {target}/{} has no {CA_KEY}", r.name)))?;
    let blocks: Vec<pem::PemBlock> = pem::blocks(&data)
        .into_iter()
        .filter(|b| b.label == "CERTIFICATE" && x509::base64(&b.body).is_some())
        .collect();
    if blocks.is_empty() {
        return Err(invalid(format!(
            "{kind} {target}/{} holds no PEM certificate in {CA_KEY}",
            r.name
        )));
    }
    Ok(blocks)
}

/// The Gateway's `InsecureFrontendValidationMode` condition, when some of its client validations let
/// clients without a valid certificate in.
pub(super) fn insecure_mode_condition(gateway: &Gateway) -> Option<Condition> {
    let frontend = gateway.spec.tls.as_ref()?.frontend.as_ref()?;
    let insecure = std::iter::once(&frontend.default)
        .chain(frontend.per_port.iter().map(|p| &p.tls))
        .filter_map(|t| t.validation.as_ref())
        .any(|v| v.mode == Some(FrontendValidationMode::AllowInsecureFallback));
    insecure.then(|| {
        ok(
            INSECURE_MODE,
            "ConfigurationChanged",
            "Client certificate validation lets clients without a valid certificate connect \
             (AllowInsecureFallback).",
        )
    })
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use gwapi_model::builders::snapshot_in_order;
    use gwapi_model::gateway_api::ListenerStatus;
    use gwapi_model::load::Loader;
    use gwapi_model::resource::{ObjectKey, ResourceKind};

    use crate::ir::TlsConfig;
    use crate::translator::{ObjectStatus, Translation, Translator, TranslatorConfig};

    /// A PEM certificate block (its body only has to be base64 here).
    const PEM: &str = "-----BEGIN CERTIFICATE-----\\nTUlJQg==\\n-----END CERTIFICATE-----\\n";

    /// A class, a serving Secret, a CA ConfigMap, one in another namespace, and a Gateway with an HTTPS
    /// listener on 443, one on 8443, and an HTTP one on 80, validating clients with `frontend`.
    fn world(frontend: &str) -> String {
        format!(
            r#"
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {{name: eg}}
spec: {{controllerName: gateway.envoyproxy.io/gatewayclass-controller}}
---
apiVersion: v1
kind: Secret
metadata: {{namespace: infra, name: cert}}
type: kubernetes.io/tls
data:
  # The same certificate block and a private key block, base64.
  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tClRVbEpRZz09Ci0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tClRVbEpRZz09Ci0tLS0tRU5EIFBSSVZBVEUgS0VZLS0tLS0K
---
apiVersion: v1
kind: ConfigMap
metadata: {{namespace: infra, name: ca}}
data: {{ca.crt: "{PEM}"}}
---
apiVersion: v1
kind: ConfigMap
metadata: {{namespace: other, name: ca}}
data: {{ca.crt: "{PEM}"}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {{namespace: infra, name: gw}}
spec:
  gatewayClassName: eg
  tls:
    frontend: {frontend}
  listeners:
  - {{name: https, protocol: HTTPS, port: 443, tls: {{certificateRefs: [{{name: cert}}]}}}}
  - {{name: alt, protocol: HTTPS, port: 8443, hostname: alt.example, tls: {{certificateRefs: [{{name: cert}}]}}}}
  - {{name: http, protocol: HTTP, port: 80}}
"#
        )
    }

    fn translate(text: &str) -> Translation {
        let loaded = Loader::default().load_str("test.yaml", text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let config = TranslatorConfig::default().gateway_class_name("eg");
        Translator::new(config).translate(&snapshot_in_order(loaded.into_resources()))
    }

    fn gateway_status(t: &Translation) -> gwapi_model::gateway_api::GatewayStatus {
        let key = ObjectKey {
            kind: ResourceKind::Gateway,
            namespace: "infra".to_owned(),
            name: "gw".to_owned(),
        };
        match t.statuses.get(&key) {
            Some(ObjectStatus::Gateway(g)) => g.clone(),
            other => panic!("no Gateway status: {other:?}"),
        }
    }

    fn listener(t: &Translation, name: &str) -> ListenerStatus {
        gateway_status(t)
            .listeners
            .into_iter()
            .find(|l| l.name == name)
            .unwrap()
    }

    fn conditions(l: &ListenerStatus) -> Vec<(String, String, String)> {
        let mut out: Vec<_> = l
            .conditions
            .iter()
            .map(|c| (c.type_.clone(), format!("{:?}", c.status), c.reason.clone()))
            .collect();
        out.sort();
        out
    }

    fn tls(t: &Translation, listener: &str) -> Option<TlsConfig> {
        t.xds["infra/gw"]
            .http
            .iter()
            .find(|l| l.name == format!("infra/gw/{listener}"))
            .and_then(|l| l.tls.clone())
    }

    #[test]
    fn the_default_validation_requires_a_certificate_from_the_ca() {
        let t = translate(&world(
            "{default: {validation: {caCertificateRefs: [{group: '', kind: ConfigMap, name: ca}]}}}",
        ));
        for name in ["https", "alt"] {
            let tls = tls(&t, name).unwrap();
            let ca = tls.ca_certificate.unwrap();
            assert_eq!(ca.name, "gateway/infra/gw/default/ca.crt");
            assert!(String::from_utf8_lossy(&ca.certificate.bytes).contains("TUlJQg=="));
            assert!(tls.client_validation_enabled && tls.require_client_certificate);
            assert!(!tls.accept_untrusted);
        }
        assert!(t.xds["infra/gw"].http.iter().any(|l| l.tls.is_none()));
        assert!(
            gateway_status(&t)
                .conditions
                .iter()
                .all(|c| c.type_ != super::INSECURE_MODE)
        );
    }

    #[test]
    fn a_port_setting_overrides_the_default_and_insecure_fallback_is_reported() {
        let t = translate(&world(
            "{default: {validation: {caCertificateRefs: [{group: '', kind: ConfigMap, name: ca}]}}, \
             perPort: [{port: 8443, tls: {validation: {mode: AllowInsecureFallback, \
             caCertificateRefs: [{group: '', kind: ConfigMap, name: ca}]}}}]}",
        ));
        let alt = tls(&t, "alt").unwrap();
        assert!(alt.accept_untrusted && !alt.require_client_certificate);
        assert_eq!(
            alt.ca_certificate.unwrap().name,
            "gateway/infra/gw/8443/ca.crt"
        );
        assert!(tls(&t, "https").unwrap().require_client_certificate);
        let status = gateway_status(&t);
        let insecure = status
            .conditions
            .iter()
            .find(|c| c.type_ == super::INSECURE_MODE)
            .unwrap();
        assert_eq!(
            (format!("{:?}", insecure.status), insecure.reason.as_str()),
            ("True".to_owned(), "ConfigurationChanged")
        );
    }

    #[test]
    fn unusable_references_refuse_the_https_listeners_of_their_port() {
        let t = translate(&world(
            "{default: {validation: {caCertificateRefs: [{group: '', kind: ConfigMap, name: missing}]}}, \
             perPort: [{port: 8443, tls: {validation: {caCertificateRefs: \
             [{group: '', kind: Service, name: ca}]}}}]}",
        ));
        let refused = |reason: &str| {
            vec![
                (
                    "Accepted".to_owned(),
                    "False".to_owned(),
                    "NoValidCACertificate".to_owned(),
                ),
                (
                    "Programmed".to_owned(),
                    "False".to_owned(),
                    "Invalid".to_owned(),
                ),
                (
                    "ResolvedRefs".to_owned(),
                    "False".to_owned(),
                    reason.to_owned(),
                ),
            ]
        };
        assert_eq!(
            conditions(&listener(&t, "https")),
            refused("InvalidCACertificateRef")
        );
        assert_eq!(
            conditions(&listener(&t, "alt")),
            refused("InvalidCACertificateKind")
        );
        // The HTTP listener is not concerned and still serves.
        assert!(
            listener(&t, "http")
                .conditions
                .iter()
                .all(|c| format!("{:?}", c.status) == "True")
        );
        assert!(tls(&t, "https").is_none());
    }

    #[test]
    fn a_reference_to_another_namespace_needs_a_grant() {
        let refs = "{default: {validation: {caCertificateRefs: \
                    [{group: '', kind: ConfigMap, name: ca, namespace: other}]}}}";
        let t = translate(&world(refs));
        let resolved = listener(&t, "https")
            .conditions
            .into_iter()
            .find(|c| c.type_ == "ResolvedRefs")
            .unwrap();
        assert_eq!(resolved.reason, "RefNotPermitted");
        let grant = "
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {namespace: other, name: grant}
spec:
  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: infra}]
  to: [{group: '', kind: ConfigMap}]
";
        let t = translate(&(world(refs) + grant));
        assert!(tls(&t, "https").unwrap().ca_certificate.is_some());
    }

    #[test]
    fn some_unusable_references_keep_the_listener_accepted_but_not_programmed() {
        let t = translate(&world(
            "{default: {validation: {caCertificateRefs: [{group: '', kind: ConfigMap, name: ca}, \
             {group: '', kind: ConfigMap, name: missing}]}}}",
        ));
        assert_eq!(
            conditions(&listener(&t, "https")),
            vec![
                (
                    "Accepted".to_owned(),
                    "True".to_owned(),
                    "Accepted".to_owned()
                ),
                (
                    "Programmed".to_owned(),
                    "False".to_owned(),
                    "Invalid".to_owned()
                ),
                (
                    "ResolvedRefs".to_owned(),
                    "False".to_owned(),
                    "InvalidCACertificateRef".to_owned()
                ),
            ]
        );
    }
}
