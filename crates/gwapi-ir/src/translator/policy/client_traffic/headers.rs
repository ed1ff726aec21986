//! `headers`: header handling on client requests (Envoy headers, underscores, request IDs, rate limit
//! headers, `X-Forwarded-Client-Cert`, early/late header mutations, the request header size limit) and
//! `headers.host`.

use gwapi_model::envoy_gateway::{
    HeaderSettings, RequestIdAction as Rid, WithUnderscoresAction as Underscores, XfccCertData,
    XfccForwardMode,
};

use super::{header_limit, header_mutation};
use crate::ir::{
    HeaderSettings as IrHeaders, HostSettings, RequestIdAction, WithUnderscoresAction,
    XForwardedClientCert, XfccCertData as IrCertData, XfccForwardMode as IrMode,
};

/// The request ID action of `requestID`, else of the deprecated `preserveXRequestID`.
fn request_id(h: &HeaderSettings) -> Option<RequestIdAction> {
    match &h.request_id {
        Some(Rid::PreserveOrGenerate) => Some(RequestIdAction::PreserveOrGenerate),
        Some(Rid::Preserve) => Some(RequestIdAction::Preserve),
        Some(Rid::Generate) => Some(RequestIdAction::Generate),
        Some(Rid::Disable) => Some(RequestIdAction::Disable),
        Some(Rid::Unknown(_)) => None,
        None => {
            (h.preserve_x_request_id == Some(true)).then_some(RequestIdAction::PreserveOrGenerate)
        }
    }
}

/// The IR `X-Forwarded-Client-Cert` handling: the mode (default `Sanitize`), with the certificate
/// details only for the modes that add them.
fn xfcc(h: &HeaderSettings) -> Option<XForwardedClientCert> {
    let x = h.x_forwarded_client_cert.as_ref()?;
    let mode = match &x.mode {
        None | Some(XfccForwardMode::Sanitize) => IrMode::Sanitize,
        Some(XfccForwardMode::ForwardOnly) => IrMode::ForwardOnly,
        Some(XfccForwardMode::AppendForward) => IrMode::AppendForward,
        Some(XfccForwardMode::SanitizeSet) => IrMode::SanitizeSet,
        Some(XfccForwardMode::AlwaysForwardOnly) => IrMode::AlwaysForwardOnly,
        Some(XfccForwardMode::Unknown(_)) => return None,
    };
    let adds_details = matches!(mode, IrMode::AppendForward | IrMode::SanitizeSet);
    let cert_details_to_add = if adds_details {
        x.cert_details_to_add
            .iter()
            .filter_map(|d| match d {
                XfccCertData::Subject => Some(IrCertData::Subject),
                XfccCertData::Cert => Some(IrCertData::Cert),
                XfccCertData::Chain => Some(IrCertData::Chain),
                XfccCertData::Dns => Some(IrCertData::Dns),
                XfccCertData::Uri => Some(IrCertData::Uri),
                XfccCertData::Unknown(_) => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(XForwardedClientCert {
        mode: Some(mode),
        cert_details_to_add,
    })
}

/// The IR header settings of a policy's `headers` (underscores default to `RejectRequest`), and the
/// problems of its invalid parts (which are left out).
pub(crate) fn convert(headers: Option<&HeaderSettings>) -> (Option<IrHeaders>, Vec<String>) {
    let Some(h) = headers else {
        return (None, Vec::new());
    };
    let with_underscores_action = Some(match &h.with_underscores_action {
        Some(Underscores::Allow) => WithUnderscoresAction::Allow,
        Some(Underscores::DropHeader) => WithUnderscoresAction::DropHeader,
        _ => WithUnderscoresAction::RejectRequest,
    });
    let (early, mut errors) =
        header_mutation::convert("EarlyRequestHeaders", h.early_request_headers.as_ref());
    let (late, late_errors) =
        header_mutation::convert("LateResponseHeaders", h.late_response_headers.as_ref());
    errors.extend(late_errors);
    let max_request_headers_kb = match header_limit::convert(h.max_request_header_limit.as_ref()) {
        Ok(kb) => kb,
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let out = IrHeaders {
        enable_envoy_headers: h.enable_envoy_headers == Some(true),
        with_underscores_action,
        request_id: request_id(h),
        x_forwarded_client_cert: xfcc(h),
        disable_rate_limit_headers: h.disable_rate_limit_headers == Some(true),
        max_request_headers_kb,
        early_add_request_headers: early.add,
        early_remove_request_headers: early.remove,
        early_remove_request_headers_on_match: early.remove_on_match,
        late_add_response_headers: late.add,
        late_remove_response_headers: late.remove,
        late_remove_response_headers_on_match: late.remove_on_match,
    };
    (Some(out), errors)
}

/// The IR host settings of a policy's `headers.host`.
pub(crate) fn host(headers: Option<&HeaderSettings>) -> Option<HostSettings> {
    headers?.host.as_ref().map(|h| HostSettings {
        strip_trailing_host_dot: h.strip_trailing_host_dot == Some(true),
    })
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::{
        HeaderSettings, XForwardedClientCert, XfccCertData, XfccForwardMode,
    };

    use super::convert;
    use crate::ir::{RequestIdAction, XfccForwardMode as IrMode};

    #[test]
    fn xfcc_details_only_for_modes_that_add_them() {
        let mut h = HeaderSettings {
            x_forwarded_client_cert: Some(XForwardedClientCert {
                mode: Some(XfccForwardMode::ForwardOnly),
                cert_details_to_add: vec![XfccCertData::Cert],
            }),
            preserve_x_request_id: Some(true),
            ..HeaderSettings::default()
        };
        let (ir, errors) = convert(Some(&h));
        let ir = ir.unwrap();
        assert!(errors.is_empty());
        let x = ir.x_forwarded_client_cert.unwrap();
        assert_eq!(x.mode, Some(IrMode::ForwardOnly));
        assert!(x.cert_details_to_add.is_empty());
        assert_eq!(ir.request_id, Some(RequestIdAction::PreserveOrGenerate));
        if let Some(x) = h.x_forwarded_client_cert.as_mut() {
            x.mode = Some(XfccForwardMode::SanitizeSet);
        }
        let x = convert(Some(&h))
            .0
            .unwrap()
            .x_forwarded_client_cert
            .unwrap();
        assert_eq!(x.cert_details_to_add.len(), 1);
    }
}
