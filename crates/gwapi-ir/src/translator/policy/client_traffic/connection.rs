//! `connection`: connection limits, buffer limits and accepts per socket event on client connections.

use gwapi_model::envoy_gateway::ClientConnection;

use crate::ir::{ClientConnection as IrConnection, ConnectionLimit};
use crate::translator::policy::duration::parse;
use crate::translator::policy::quantity;

/// The IR connection settings of a policy's `connection` (the buffer limit must fit 32 bits).
pub(crate) fn convert(
    connection: Option<&ClientConnection>,
) -> Result<Option<IrConnection>, String> {
    let Some(c) = connection else {
        return Ok(None);
    };
    let limit = c
        .connection_limit
        .as_ref()
        .map(|l| {
            Ok::<_, String>(ConnectionLimit {
                value: l.value.and_then(|v| u64::try_from(v).ok()),
                close_delay: parse("CloseDelay", l.close_delay.as_ref())?,
                max_connection_duration: parse(
                    "MaxConnectionDuration",
                    l.max_connection_duration.as_ref(),
                )?,
                max_requests_per_connection: l
                    .max_requests_per_connection
                    .and_then(|v| u32::try_from(v).ok()),
                max_stream_duration: parse("MaxStreamDuration", l.max_stream_duration.as_ref())?,
            })
        })
        .transpose()?;
    let buffer_limit = c
        .buffer_limit
        .as_ref()
        .map(|q| {
            let value = quantity::whole(&q.0)
                .ok_or_else(|| format!("invalid BufferLimit value {}", q.0))?;
            u32::try_from(value)
                .map(u64::from)
                .map_err(|_| format!("BufferLimit value {} is out of range", q.0))
        })
        .transpose()?;
    Ok(Some(IrConnection {
        limit,
        buffer_limit,
        max_accept_per_socket_event: c
            .max_accept_per_socket_event
            .and_then(|v| u32::try_from(v).ok()),
    }))
}
