//! `clientIPDetection`: where the client address comes from (X-Forwarded-For, a custom header, the
//! connection).

use gwapi_model::envoy_gateway::ClientIpDetectionSettings;

use crate::ir::{
    ClientIpDetection, CustomHeaderIpDetection, DirectSourceIp, XForwardedForSettings,
};

/// The IR client IP detection of a policy's `clientIPDetection`.
pub(crate) fn convert(settings: Option<&ClientIpDetectionSettings>) -> Option<ClientIpDetection> {
    settings.map(|s| ClientIpDetection {
        x_forwarded_for: s.x_forwarded_for.as_ref().map(|x| XForwardedForSettings {
            num_trusted_hops: x.num_trusted_hops.and_then(|n| u32::try_from(n).ok()),
            trusted_cidrs: x.trusted_cidrs.clone(),
        }),
        custom_header: s.custom_header.as_ref().map(|c| CustomHeaderIpDetection {
            name: c.name.clone(),
            fail_closed: c.fail_closed,
        }),
        direct_source_ip: s.direct_source_ip.as_ref().map(|_| DirectSourceIp {}),
    })
}
