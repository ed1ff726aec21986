//! Socket options of listeners: TCP keepalive towards clients.

use envoy_types::pb::envoy::config::core::v3::{SocketOption, socket_option};
use gwapi_ir::ir::TcpKeepalive;

/// `SOL_SOCKET`.
const SOL_SOCKET: i64 = 1;
/// `SO_KEEPALIVE`.
const SO_KEEPALIVE: i64 = 9;
/// `IPPROTO_TCP`.
const IPPROTO_TCP: i64 = 6;
/// `TCP_KEEPIDLE`.
const TCP_KEEPIDLE: i64 = 4;
/// `TCP_KEEPINTVL`.
const TCP_KEEPINTVL: i64 = 5;
/// `TCP_KEEPCNT`.
const TCP_KEEPCNT: i64 = 6;

fn option(description: &str, level: i64, name: i64, value: i64) -> SocketOption {
    SocketOption {
        description: description.to_owned(),
        level,
        name,
        value: Some(socket_option::Value::IntValue(value)),
        ..SocketOption::default()
    }
}

/// The socket options that turn on TCP keepalive with `keepalive`'s probes, idle time and interval.
pub(crate) fn keepalive(keepalive: &TcpKeepalive) -> Vec<SocketOption> {
    let mut options = vec![option(
        "socket option to enable tcp keep alive",
        SOL_SOCKET,
        SO_KEEPALIVE,
        1,
    )];
    if let Some(probes) = keepalive.probes {
        options.push(option(
            "socket option for keep alive probes",
            IPPROTO_TCP,
            TCP_KEEPCNT,
            i64::from(probes),
        ));
    }
    if let Some(idle) = keepalive.idle_time {
        options.push(option(
            "socket option for keep alive idle time",
            IPPROTO_TCP,
            TCP_KEEPIDLE,
            i64::from(idle),
        ));
    }
    if let Some(interval) = keepalive.interval {
        options.push(option(
            "socket option for keep alive interval",
            IPPROTO_TCP,
            TCP_KEEPINTVL,
            i64::from(interval),
        ));
    }
    options
}
