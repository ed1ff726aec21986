//! Client-facing HTTP settings of an HTTP connection manager: HTTP/1 options, header handling, request IDs,
//! and client certificate forwarding.

use envoy_types::pb::envoy::config::core::v3::{
    Http1ProtocolOptions, TypedExtensionConfig,
    http_protocol_options::HeadersWithUnderscoresAction,
    http1_protocol_options::{HeaderKeyFormat, header_key_format::HeaderFormat},
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpConnectionManager,
    http_connection_manager::{ForwardClientCertDetails, SetCurrentClientCertDetails},
};
use envoy_types::pb::envoy::extensions::http::header_formatters::preserve_case::v3::PreserveCaseFormatterConfig;
use gwapi_ir::ir::{
    HttpListener, RequestIdAction, WithUnderscoresAction, XfccCertData, XfccForwardMode,
};

use crate::any::pack;
use crate::route::matching::string_matcher;
use crate::wkt::{boolean, uint32};

/// The HTTP/1 protocol options of `ir`, if it sets any.
pub(crate) fn http1(ir: &HttpListener) -> Option<Http1ProtocolOptions> {
    let h = ir.http1.as_ref()?;
    let mut options = Http1ProtocolOptions {
        enable_trailers: h.enable_trailers,
        ignore_http_11_upgrade: h
            .ignored_upgrade_types
            .iter()
            .filter_map(string_matcher)
            .collect(),
        ..Http1ProtocolOptions::default()
    };
    if h.preserve_header_case {
        options.header_key_format = Some(HeaderKeyFormat {
            header_format: Some(HeaderFormat::StatefulFormatter(TypedExtensionConfig {
                name: "preserve_case".to_owned(),
                typed_config: Some(pack(&PreserveCaseFormatterConfig::default())),
            })),
        });
    }
    if let Some(http10) = &h.http10 {
        options.accept_http_10 = true;
        options.default_host_for_http_10 = http10.default_host.clone().unwrap_or_default();
    }
    (options != Http1ProtocolOptions::default()).then_some(options)
}

/// The action on header names with underscores (reject by default).
pub(crate) fn underscores(ir: &HttpListener) -> HeadersWithUnderscoresAction {
    match ir.headers.as_ref().and_then(|h| h.with_underscores_action) {
        Some(WithUnderscoresAction::Allow) => HeadersWithUnderscoresAction::Allow,
        Some(WithUnderscoresAction::DropHeader) => HeadersWithUnderscoresAction::DropHeader,
        Some(WithUnderscoresAction::RejectRequest) | None => {
            HeadersWithUnderscoresAction::RejectRequest
        }
    }
}

/// Applies the header settings of `ir` (request IDs, early header changes, header size, client
/// certificate forwarding).
pub(crate) fn apply_headers(hcm: &mut HttpConnectionManager, ir: &HttpListener) {
    hcm.request_id_extension = super::request_id::extension(ir.request_id);
    hcm.early_header_mutation_extensions = super::early_headers::extensions(ir.headers.as_ref());
    let Some(headers) = &ir.headers else {
        return;
    };
    match headers.request_id {
        Some(RequestIdAction::PreserveOrGenerate) => {
            hcm.generate_request_id = Some(boolean(true));
            hcm.preserve_external_request_id = true;
        }
        Some(RequestIdAction::Preserve) => {
            hcm.generate_request_id = Some(boolean(false));
            hcm.preserve_external_request_id = true;
        }
        Some(RequestIdAction::Generate) => hcm.generate_request_id = Some(boolean(true)),
        Some(RequestIdAction::Disable) => hcm.generate_request_id = Some(boolean(false)),
        None => {}
    }
    hcm.max_request_headers_kb = headers.max_request_headers_kb.map(uint32);
    if let Some(xfcc) = &headers.x_forwarded_client_cert {
        let mode = match xfcc.mode {
            Some(XfccForwardMode::ForwardOnly) => ForwardClientCertDetails::ForwardOnly,
            Some(XfccForwardMode::AppendForward) => ForwardClientCertDetails::AppendForward,
            Some(XfccForwardMode::SanitizeSet) => ForwardClientCertDetails::SanitizeSet,
            Some(XfccForwardMode::AlwaysForwardOnly) => ForwardClientCertDetails::AlwaysForwardOnly,
            Some(XfccForwardMode::Sanitize) | None => ForwardClientCertDetails::Sanitize,
        };
        hcm.forward_client_cert_details = mode.into();
        if matches!(
            mode,
            ForwardClientCertDetails::AppendForward | ForwardClientCertDetails::SanitizeSet
        ) && !xfcc.cert_details_to_add.is_empty()
        {
            let has = |d: XfccCertData| xfcc.cert_details_to_add.contains(&d);
            hcm.set_current_client_cert_details = Some(SetCurrentClientCertDetails {
                subject: has(XfccCertData::Subject).then(|| boolean(true)),
                cert: has(XfccCertData::Cert),
                chain: has(XfccCertData::Chain),
                dns: has(XfccCertData::Dns),
                uri: has(XfccCertData::Uri),
                ..SetCurrentClientCertDetails::default()
            });
        }
    }
}

/// Applies the per-connection limits of `ir`'s connection settings (lifetime of connections and streams,
/// requests per connection) to the connection manager's common HTTP options.
pub(crate) fn apply_connection_limits(hcm: &mut HttpConnectionManager, ir: &HttpListener) {
    let Some(limit) = ir.connection.as_ref().and_then(|c| c.limit.as_ref()) else {
        return;
    };
    let options = hcm.common_http_protocol_options.get_or_insert_default();
    if let Some(d) = &limit.max_connection_duration {
        options.max_connection_duration = Some(crate::wkt::duration(d));
    }
    if let Some(n) = limit.max_requests_per_connection {
        options.max_requests_per_connection = Some(uint32(n));
    }
    if let Some(d) = &limit.max_stream_duration {
        options.max_stream_duration = Some(crate::wkt::duration(d));
    }
}

/// The HTTP/1 options upstream connections inherit from `ir` (trailers, header case, HTTP/1.0).
pub(crate) fn upstream_http1(ir: &HttpListener) -> Option<Http1ProtocolOptions> {
    let options = Http1ProtocolOptions {
        ignore_http_11_upgrade: Vec::new(),
        ..http1(ir)?
    };
    (options != Http1ProtocolOptions::default()).then_some(options)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn connection_limits_reach_common_options() {
        let ir: HttpListener = serde_json::from_str(
            r#"{"name": "l", "connection": {"limit": {"maxConnectionDuration": "60s",
                "maxRequestsPerConnection": 5, "maxStreamDuration": "2s"}}}"#,
        )
        .unwrap();
        let mut hcm = HttpConnectionManager::default();
        apply_connection_limits(&mut hcm, &ir);
        let options = hcm.common_http_protocol_options.unwrap();
        assert_eq!(options.max_connection_duration.unwrap().seconds, 60);
        assert_eq!(options.max_requests_per_connection, Some(uint32(5)));
        assert_eq!(options.max_stream_duration.unwrap().seconds, 2);
    }

    #[test]
    fn no_limit_no_change() {
        let mut hcm = HttpConnectionManager::default();
        apply_connection_limits(&mut hcm, &HttpListener::default());
        assert!(hcm.common_http_protocol_options.is_none());
    }
}
