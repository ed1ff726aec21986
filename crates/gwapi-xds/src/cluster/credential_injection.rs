//! Credential injection on a backend (HTTPRoute `credentialInjection` backend filter): an upstream HTTP
//! filter of the backend's cluster that adds the credential, read from an SDS generic secret, to each
//! request.

use envoy_types::pb::envoy::config::core::v3::TypedExtensionConfig;
use envoy_types::pb::envoy::extensions::filters::http::credential_injector::v3::CredentialInjector;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpFilter, http_filter::ConfigType,
};
use envoy_types::pb::envoy::extensions::http::injected_credentials::generic::v3::Generic;
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::{
    GenericSecret, SdsSecretConfig, Secret, secret,
};
use gwapi_ir::ir::{CredentialInjection, DestinationSetting};

use crate::any::pack;
use crate::config_source::ads;

/// The credential injections of the backends in `settings`.
pub(crate) fn of(settings: &[DestinationSetting]) -> impl Iterator<Item = &CredentialInjection> {
    settings
        .iter()
        .filter_map(|s| s.filters.as_ref())
        .filter_map(|f| f.credential_injection.as_ref())
}

fn secret_name(injection: &CredentialInjection) -> String {
    format!("credential_injector/credential/{}", injection.name)
}

/// The upstream filter injecting the credential.
pub(crate) fn filter(injection: &CredentialInjection) -> HttpFilter {
    let generic = Generic {
        credential: Some(SdsSecretConfig {
            name: secret_name(injection),
            sds_config: Some(ads(true)),
        }),
        header: injection.header.clone().unwrap_or_default(),
        ..Generic::default()
    };
    let config = CredentialInjector {
        overwrite: injection.overwrite.unwrap_or_default(),
        credential: Some(TypedExtensionConfig {
            name: "envoy.http.injected_credentials.generic".to_owned(),
            typed_config: Some(pack(&generic)),
        }),
        ..CredentialInjector::default()
    };
    HttpFilter {
        name: format!("envoy.filters.http.credential_injector/{}", injection.name),
        config_type: Some(ConfigType::TypedConfig(pack(&config))),
        ..HttpFilter::default()
    }
}

/// The secret holding the credential.
pub(crate) fn credential_secret(injection: &CredentialInjection) -> Secret {
    Secret {
        name: secret_name(injection),
        r#type: Some(secret::Type::GenericSecret(GenericSecret {
            secret: Some(crate::listener::tls::inline_blob(&injection.credential)),
            ..GenericSecret::default()
        })),
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;

    #[test]
    fn the_filter_reads_the_credential_from_its_secret() {
        let injection: CredentialInjection = serde_json::from_value(serde_json::json!({
            "name": "httproutefilter/ns/f", "header": "X-Key", "credential": "aGk="
        }))
        .unwrap();
        let json = crate::render::to_json(&filter(&injection)).unwrap();
        assert_eq!(
            json["name"],
            "envoy.filters.http.credential_injector/httproutefilter/ns/f"
        );
        let generic = &json["typedConfig"]["credential"]["typedConfig"];
        assert_eq!(generic["header"], "X-Key");
        assert_eq!(
            generic["credential"]["name"],
            "credential_injector/credential/httproutefilter/ns/f"
        );
        let secret = crate::render::to_json(&credential_secret(&injection)).unwrap();
        assert_eq!(secret["genericSecret"]["secret"]["inlineBytes"], "aGk=");
    }
}
