//! `timeout`: how long Envoy waits on client connections and requests.

use gwapi_model::envoy_gateway::ClientTimeout;

use crate::ir::{ClientTimeout as IrTimeout, HttpClientTimeout, TcpClientTimeout};
use crate::translator::policy::duration::parse;

/// The IR client timeouts of a policy's `timeout`.
pub(crate) fn convert(timeout: Option<&ClientTimeout>) -> Result<Option<IrTimeout>, String> {
    let Some(t) = timeout else {
        return Ok(None);
    };
    let tcp = t
        .tcp
        .as_ref()
        .map(|tcp| {
            Ok::<_, String>(TcpClientTimeout {
                idle_timeout: parse("TCP IdleTimeout", tcp.idle_timeout.as_ref())?,
                connection_inspection_timeout: parse(
                    "TCP ConnectionInspectionTimeout",
                    tcp.connection_inspection_timeout.as_ref(),
                )?,
            })
        })
        .transpose()?;
    let http = t
        .http
        .as_ref()
        .map(|h| {
            Ok::<_, String>(HttpClientTimeout {
                request_received_timeout: parse(
                    "HTTP RequestReceivedTimeout",
                    h.request_received_timeout.as_ref(),
                )?,
                request_headers_received_timeout: parse(
                    "HTTP RequestHeadersReceivedTimeout",
                    h.request_headers_received_timeout.as_ref(),
                )?,
                idle_timeout: parse("HTTP IdleTimeout", h.idle_timeout.as_ref())?,
                stream_idle_timeout: parse(
                    "HTTP StreamIdleTimeout",
                    h.stream_idle_timeout.as_ref(),
                )?,
            })
        })
        .transpose()?;
    Ok(Some(IrTimeout { tcp, http }))
}
