//! `headers`: header handling on client requests (Envoy headers, underscores, request IDs, rate limit
//! headers) and `headers.host`. Early/late header mutations are not translated yet.

use gwapi_model::envoy_gateway::{
    HeaderSettings, RequestIdAction as Rid, WithUnderscoresAction as Underscores,
};

use crate::ir::{
    HeaderSettings as IrHeaders, HostSettings, RequestIdAction, WithUnderscoresAction,
};

/// The IR header settings of a policy's `headers` (underscores default to `RejectRequest`).
pub(crate) fn convert(headers: Option<&HeaderSettings>) -> Option<IrHeaders> {
    let h = headers?;
    let with_underscores_action = Some(match &h.with_underscores_action {
        Some(Underscores::Allow) => WithUnderscoresAction::Allow,
        Some(Underscores::DropHeader) => WithUnderscoresAction::DropHeader,
        _ => WithUnderscoresAction::RejectRequest,
    });
    let request_id = match &h.request_id {
        Some(Rid::PreserveOrGenerate) => Some(RequestIdAction::PreserveOrGenerate),
        Some(Rid::Preserve) => Some(RequestIdAction::Preserve),
        Some(Rid::Generate) => Some(RequestIdAction::Generate),
        Some(Rid::Disable) => Some(RequestIdAction::Disable),
        Some(Rid::Unknown(_)) => None,
        None => h.preserve_x_request_id.map(|p| {
            if p {
                RequestIdAction::Preserve
            } else {
                RequestIdAction::Generate
            }
        }),
    };
    Some(IrHeaders {
        enable_envoy_headers: h.enable_envoy_headers == Some(true),
        with_underscores_action,
        request_id,
        disable_rate_limit_headers: h.disable_rate_limit_headers == Some(true),
        ..IrHeaders::default()
    })
}

/// The IR host settings of a policy's `headers.host`.
pub(crate) fn host(headers: Option<&HeaderSettings>) -> Option<HostSettings> {
    headers?.host.as_ref().map(|h| HostSettings {
        strip_trailing_host_dot: h.strip_trailing_host_dot == Some(true),
    })
}
