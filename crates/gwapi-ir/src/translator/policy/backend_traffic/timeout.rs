//! `timeout`: TCP connect and HTTP idle/lifetime/request timeouts towards backends.

use gwapi_model::envoy_gateway::Timeout;

use crate::ir::{HttpTimeout, TcpTimeout, Timeout as IrTimeout};
use crate::translator::policy::duration::parse;

/// The IR timeouts of a policy's `timeout`.
pub(crate) fn convert(timeout: Option<&Timeout>) -> Result<Option<IrTimeout>, String> {
    let Some(t) = timeout else {
        return Ok(None);
    };
    let tcp = t
        .tcp
        .as_ref()
        .map(|tcp| {
            Ok::<_, String>(TcpTimeout {
                connect_timeout: parse("ConnectTimeout", tcp.connect_timeout.as_ref())?,
            })
        })
        .transpose()?;
    let http = t
        .http
        .as_ref()
        .map(|h| {
            Ok::<_, String>(HttpTimeout {
                request_timeout: parse("RequestTimeout", h.request_timeout.as_ref())?,
                connection_idle_timeout: parse(
                    "ConnectionIdleTimeout",
                    h.connection_idle_timeout.as_ref(),
                )?,
                max_connection_duration: parse(
                    "MaxConnectionDuration",
                    h.max_connection_duration.as_ref(),
                )?,
                max_stream_duration: parse("MaxStreamDuration", h.max_stream_duration.as_ref())?,
                stream_idle_timeout: parse("StreamIdleTimeout", h.stream_idle_timeout.as_ref())?,
            })
        })
        .transpose()?;
    Ok(Some(IrTimeout { tcp, http }))
}
