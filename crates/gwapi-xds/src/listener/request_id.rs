//! The request ID extension of an HTTP connection manager: whether the UUID in `x-request-id` carries the
//! trace reason and drives trace sampling (ClientTrafficPolicy `headers.requestID` extension settings).

use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::RequestIdExtension;
use envoy_types::pb::envoy::extensions::request_id::uuid::v3::UuidRequestIdConfig;
use gwapi_ir::ir::RequestIdExtension as IrRequestId;

use crate::any::pack;
use crate::wkt::boolean;

/// The request ID extension for `setting`; none for Envoy's default (pack and sample).
pub(crate) fn extension(setting: Option<IrRequestId>) -> Option<RequestIdExtension> {
    let (pack_reason, sample) = match setting? {
        IrRequestId::PackAndSample => return None,
        IrRequestId::Pack => (true, false),
        IrRequestId::Sample => (false, true),
        IrRequestId::Disable => (false, false),
    };
    let config = UuidRequestIdConfig {
        pack_trace_reason: Some(boolean(pack_reason)),
        use_request_id_for_trace_sampling: Some(boolean(sample)),
    };
    Some(RequestIdExtension {
        typed_config: Some(pack(&config)),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn decode(setting: IrRequestId) -> UuidRequestIdConfig {
        let ext = extension(Some(setting)).unwrap();
        prost::Message::decode(ext.typed_config.unwrap().value.as_slice()).unwrap()
    }

    #[test]
    fn each_setting() {
        assert!(extension(None).is_none());
        assert!(extension(Some(IrRequestId::PackAndSample)).is_none());
        let pack = decode(IrRequestId::Pack);
        assert_eq!(pack.pack_trace_reason, Some(boolean(true)));
        assert_eq!(pack.use_request_id_for_trace_sampling, Some(boolean(false)));
        let sample = decode(IrRequestId::Sample);
        assert_eq!(sample.pack_trace_reason, Some(boolean(false)));
        assert_eq!(
            sample.use_request_id_for_trace_sampling,
            Some(boolean(true))
        );
        let off = decode(IrRequestId::Disable);
        assert_eq!(off.pack_trace_reason, Some(boolean(false)));
        assert_eq!(off.use_request_id_for_trace_sampling, Some(boolean(false)));
    }
}
