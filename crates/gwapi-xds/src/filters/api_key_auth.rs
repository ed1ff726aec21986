//! `envoy.filters.http.api_key_auth`: API key authentication (SecurityPolicy `apiKeyAuth`). The listener
//! gets one disabled filter, each protected route its keys, key sources and forwarding.

use envoy_types::pb::envoy::extensions::filters::http::api_key_auth::v3::{
    ApiKeyAuth, ApiKeyAuthPerRoute, Credential, Forwarding, KeySource,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{ApiKeyAuth as IrApiKeyAuth, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;

/// The filter name, also the key of its per-route configuration.
const NAME: &str = "envoy.filters.http.api_key_auth";

fn api_key_auth(route: &HttpRoute) -> Option<&IrApiKeyAuth> {
    route.security.as_ref()?.api_key_auth.as_ref()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The keys, key sources and forwarding of `auth`.
fn parts(auth: &IrApiKeyAuth) -> (Vec<Credential>, Vec<KeySource>, Option<Forwarding>) {
    let credentials = auth
        .credentials
        .iter()
        .map(|c| Credential {
            key: text(&c.key.bytes),
            client: text(&c.client.bytes),
        })
        .collect();
    let mut sources = Vec::new();
    for from in &auth.extract_from {
        sources.extend(from.headers.iter().map(|h| KeySource {
            header: h.clone(),
            ..KeySource::default()
        }));
        sources.extend(from.params.iter().map(|q| KeySource {
            query: q.clone(),
            ..KeySource::default()
        }));
        sources.extend(from.cookies.iter().map(|c| KeySource {
            cookie: c.clone(),
            ..KeySource::default()
        }));
    }
    let forwarding =
        (auth.forward_client_id_header.is_some() || auth.sanitize).then(|| Forwarding {
            header: auth.forward_client_id_header.clone().unwrap_or_default(),
            hide_credentials: auth.sanitize,
        });
    (credentials, sources, forwarding)
}

/// The API key authentication filter.
pub(crate) struct ApiKeyAuthFilter;

impl HttpFilterBuilder for ApiKeyAuthFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        let Some(auth) = listener.routes.iter().find_map(api_key_auth) else {
            return Ok(None);
        };
        let (credentials, key_sources, forwarding) = parts(auth);
        let config = ApiKeyAuth {
            credentials,
            key_sources,
            forwarding,
        };
        Ok(Some(filter(NAME, pack(&config), true)))
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        api_key_auth(route).map_or_else(Vec::new, |auth| {
            let (credentials, key_sources, forwarding) = parts(auth);
            let config = ApiKeyAuthPerRoute {
                credentials,
                key_sources,
                forwarding,
                ..ApiKeyAuthPerRoute::default()
            };
            vec![(NAME.to_owned(), pack(&config))]
        })
    }
}
