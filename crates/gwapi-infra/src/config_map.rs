//! The `ConfigMap` with the SDS files through which Envoy loads its xDS client certificate, the CA that
//! signs the xDS server's certificate, and (in gateway-namespace mode) its service account token.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ConfigMap;
use serde_json::json;

use crate::fleet::Fleet;
use crate::labels::standard_meta;

/// The type URL of an SDS secret.
const SECRET_TYPE: &str = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret";

/// The `ConfigMap`.
pub(crate) fn config_map(fleet: &Fleet<'_>) -> ConfigMap {
    let mut data = BTreeMap::new();
    data.insert(
        "xds-certificate.json".to_owned(),
        sds(&json!({
            "@type": SECRET_TYPE,
            "name": "xds_certificate",
            "tls_certificate": {
                "certificate_chain": {"filename": "/certs/tls.crt"},
                "private_key": {"filename": "/certs/tls.key"},
            },
        })),
    );
    data.insert(
        "xds-trusted-ca.json".to_owned(),
        sds(&json!({
            "@type": SECRET_TYPE,
            "name": "xds_trusted_ca",
            "validation_context": {
                "trusted_ca": {"filename": "/certs/ca.crt"},
                "match_typed_subject_alt_names": [{
                    "san_type": "DNS",
                    "matcher": {"exact": fleet.config.controller_service},
                }],
            },
        })),
    );
    if fleet.config.gateway_namespace_mode {
        data.insert(
            "xds_service_account_token.json".to_owned(),
            sds(&json!({
                "@type": SECRET_TYPE,
                "name": "jwt-sa-bearer",
                "generic_secret": {"secret": {"filename": "/var/run/secrets/token/sa-token"}},
            })),
        );
    }
    ConfigMap {
        metadata: standard_meta(fleet, &fleet.names.config_map),
        data: Some(data),
        ..ConfigMap::default()
    }
}

/// An SDS file with one resource, as compact JSON.
fn sds(resource: &serde_json::Value) -> String {
    json!({"resources": [resource]}).to_string()
}
