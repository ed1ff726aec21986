//! The L4 `requests` cases (`tcp`, `udp`, `tls`; corpus README, "More conventions"), run as upstream's
//! `tcp`, `udp`, `tls` and `weight` helpers do: each case is polled until it holds (three times in a row
//! for the consistency checks), a weighted case compares the backends' shares with the tolerance, and
//! every loop is bounded in count and time.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use gwapi_model::resource::Resource;
use serde::Deserialize;
use serde_json::Value;
use tokio::runtime::Runtime;

use super::consistency::{Probe, eventually};
use super::dataplane::REQUIRED_CONSECUTIVE_SUCCESSES;
use super::l4_client::{self, Dial, TlsClient};
use super::l4_tls;
use super::l4_weights::{self, Sampler, Weighted};
use super::tcp_echo::{self, Test};
use super::udp_echo::UdpAnswer;
use super::world::World;
use super::{dns_message, l4_client::udp_exchange};

/// The time one exchange may take (upstream's UDP samples wait 2 s).
pub const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(2);

/// One L4 case.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct L4Case {
    #[serde(default)]
    tcp: Option<TcpProbe>,
    #[serde(default)]
    udp: Option<UdpProbe>,
    #[serde(default)]
    tls: Option<TlsProbe>,
    #[serde(default)]
    expect: Expect,
    #[serde(default)]
    expect_failure: Option<String>,
    #[serde(default)]
    samples: Option<usize>,
    #[serde(default)]
    weights: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    tolerance: Option<f64>,
    #[serde(default)]
    requests: Option<usize>,
    #[serde(default)]
    concurrency: Option<usize>,
    #[serde(default)]
    max_attempts: Option<usize>,
}

impl L4Case {
    /// The weighted-distribution parameters, when the case is one (upstream's defaults otherwise).
    fn weighted(&self) -> Option<Weighted> {
        Some(Weighted {
            weights: self.weights.clone()?,
            tolerance: self.tolerance.unwrap_or(0.05),
            requests: self.requests.unwrap_or(500),
            concurrency: self.concurrency.unwrap_or(10).max(1),
            max_attempts: self.max_attempts.unwrap_or(10),
        })
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TcpProbe {
    port: u16,
    #[serde(default)]
    tls: bool,
    #[serde(default)]
    sni: Option<String>,
    #[serde(default)]
    ca_certificate_from_config_map: Option<ConfigMapKey>,
    #[serde(default)]
    mode: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
struct ConfigMapKey {
    namespace: String,
    name: String,
    key: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UdpProbe {
    port: u16,
    #[serde(default)]
    payload: Option<String>,
    #[serde(default)]
    dns: Option<DnsQuestion>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DnsQuestion {
    question: String,
    #[serde(rename = "type")]
    type_: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TlsProbe {
    port: u16,
    sni: String,
}

/// What must come back; an absent field is not checked.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Expect {
    backend: Option<String>,
    namespace: Option<String>,
    service: Option<String>,
    #[serde(rename = "backendIsTLS")]
    backend_is_tls: Option<bool>,
    backend_server_name: Option<String>,
    #[serde(default)]
    any_response: bool,
    #[serde(default)]
    any_pod: bool,
    #[serde(default)]
    connected: bool,
}

/// The case keys of L4 steps.
const L4_KEYS: &[&str] = &["tcp", "udp", "tls"];

/// Whether `block` holds L4 cases.
pub fn is_l4(block: &Value) -> bool {
    cases(block).any(|c| L4_KEYS.iter().any(|k| c.get(k).is_some()))
}

fn cases(block: &Value) -> impl Iterator<Item = &Value> {
    block
        .get("cases")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// Why an L4 block cannot run, if it cannot.
pub fn unsupported(block: &Value) -> Option<String> {
    for case in cases(block) {
        let case: L4Case = match serde_json::from_value(case.clone()) {
            Ok(c) => c,
            Err(e) => return Some(format!("L4 case not run: {e}")),
        };
        if let Err(e) = Plan::of(&case) {
            return Some(e);
        }
    }
    None
}

/// What a case does.
enum Plan {
    /// echo-basic's TCP protocol, three times in a row.
    TcpValid,
    /// Poll until a TCP connection opens.
    TcpConnect,
    /// Poll until one `TEST` exchange names a pod.
    TcpAnyPod,
    /// Three TLS dials in a row end with EOF or a reset.
    TlsRejected,
    /// Poll until a datagram (or DNS query) gets any answer.
    UdpAnyResponse,
    /// Three datagrams in a row get the expected echo.
    UdpValid,
    /// Poll until a round of `n` datagrams all get an answer, each from the expected backend.
    UdpRounds(usize),
    /// A weighted distribution.
    Weighted(Weighted),
}

impl Plan {
    fn of(case: &L4Case) -> Result<Self, String> {
        let e = &case.expect;
        let mode = case.tcp.as_ref().and_then(|t| t.mode.as_deref());
        let weighted = case.weighted();
        Ok(match (&case.tcp, &case.udp, &case.tls) {
            (Some(_), None, None) if case.expect_failure.is_none() => match (mode, weighted) {
                (Some("echoSendOnce"), Some(w)) => Self::Weighted(w),
                (None, None) => Self::TcpValid,
                (Some("connect"), None) if e.connected => Self::TcpConnect,
                (Some("echoSendOnce"), None) if e.any_pod => Self::TcpAnyPod,
                _ => return Err(format!("tcp mode {mode:?} with {e:?} is not run yet")),
            },
            (None, Some(_), None) if case.expect_failure.is_none() => {
                match (weighted, case.samples) {
                    (Some(w), None) => Self::Weighted(w),
                    (None, Some(n)) if e.backend.is_some() => Self::UdpRounds(n),
                    (None, None) if e.any_response => Self::UdpAnyResponse,
                    (None, None) if e.service.is_some() || e.namespace.is_some() => Self::UdpValid,
                    _ => return Err(format!("udp case with {e:?} is not run yet")),
                }
            }
            (None, None, Some(_))
                if case.expect_failure.as_deref() == Some("connectionRejected") =>
            {
                Self::TlsRejected
            }
            _ => return Err("this combination of L4 keys is not run yet".to_owned()),
        })
    }
}

/// Runs an L4 block against `world`'s Gateway addresses.
///
/// # Errors
/// The first case that does not hold, with the last difference seen.
pub fn run(runtime: &Runtime, world: &World, block: &Value) -> Result<(), String> {
    let gateway = block.get("gateway").cloned().unwrap_or_default();
    let field = |k: &str| gateway.get(k).and_then(Value::as_str).unwrap_or_default();
    let (namespace, name) = (field("namespace"), field("name"));
    let ip: Ipv4Addr = world
        .gateway_addresses()
        .get(&(namespace.to_owned(), name.to_owned()))
        .and_then(|a| a.parse().ok())
        .ok_or_else(|| format!("no Gateway {namespace}/{name}"))?;
    for (i, value) in cases(block).enumerate() {
        let case: L4Case =
            serde_json::from_value(value.clone()).map_err(|e| format!("case {i}: {e}"))?;
        let plan = Plan::of(&case)?;
        run_case(runtime, world, ip, &case, &plan).map_err(|e| format!("L4 case {i}: {e}"))?;
    }
    Ok(())
}

fn run_case(
    runtime: &Runtime,
    world: &World,
    ip: Ipv4Addr,
    case: &L4Case,
    plan: &Plan,
) -> Result<(), String> {
    let port = case
        .tcp
        .as_ref()
        .map(|t| t.port)
        .or(case.udp.as_ref().map(|u| u.port))
        .or(case.tls.as_ref().map(|t| t.port))
        .unwrap_or_default();
    let target = SocketAddr::from((ip, port));
    let e = &case.expect;
    match plan {
        Plan::TcpValid => {
            let tls = tcp_tls(world, case.tcp.as_ref())?;
            eventually(REQUIRED_CONSECUTIVE_SUCCESSES, || {
                let replies = runtime.block_on(l4_client::tcp_session(
                    target,
                    tls.as_ref(),
                    &[tcp_echo::PING.0, tcp_echo::IS_TLS, tcp_echo::TEST],
                    EXCHANGE_TIMEOUT,
                ))?;
                check_tcp(e, &replies).map_err(Probe::Missed)
            })
        }
        Plan::TcpConnect => eventually(1, || {
            Ok(runtime.block_on(l4_client::connect(target, EXCHANGE_TIMEOUT))?)
        }),
        Plan::TcpAnyPod => eventually(1, || {
            let pod = runtime.block_on(Sampler::Tcp(target).once())?;
            if pod.is_empty() {
                return Err(Probe::Missed("the answer names no pod".to_owned()));
            }
            Ok(())
        }),
        Plan::TlsRejected => {
            let probe = case.tls.as_ref().ok_or("no tls block")?;
            let config = l4_tls::client_trusting_anything().map_err(|e| format!("{e:#}"))?;
            let sni = l4_tls::server_name(&probe.sni).map_err(|e| format!("{e:#}"))?;
            eventually(REQUIRED_CONSECUTIVE_SUCCESSES, || {
                let dial =
                    l4_client::tls_dial(target, config.clone(), sni.clone(), EXCHANGE_TIMEOUT);
                match runtime.block_on(dial) {
                    Dial::Rejected => Ok(()),
                    Dial::Completed => Err(Probe::Missed("the TLS handshake completed".to_owned())),
                    Dial::Other(why) => Err(Probe::Missed(why)),
                }
            })
        }
        Plan::UdpAnyResponse => {
            let (payload, dns_id) = udp_payload(case)?;
            eventually(1, || {
                let answer = runtime.block_on(udp_exchange(target, &payload, EXCHANGE_TIMEOUT))?;
                match dns_id {
                    Some(id) if !dns_message::is_response_to(&answer, id) => {
                        Err(Probe::Missed("the answer is not a DNS response".to_owned()))
                    }
                    _ => Ok(()),
                }
            })
        }
        Plan::UdpValid => {
            let (payload, _) = udp_payload(case)?;
            eventually(REQUIRED_CONSECUTIVE_SUCCESSES, || {
                let answer = runtime.block_on(udp_exchange(target, &payload, EXCHANGE_TIMEOUT))?;
                check_udp(e, &answer).map_err(Probe::Missed)
            })
        }
        Plan::UdpRounds(n) => {
            let (payload, _) = udp_payload(case)?;
            let sampler = Sampler::Udp(target, payload);
            let expected = e.backend.clone().unwrap_or_default();
            eventually(1, || {
                for _ in 0..*n {
                    let pod = runtime.block_on(sampler.once())?;
                    let backend = l4_weights::backend_of(&pod);
                    if backend != expected {
                        return Err(Probe::Fatal(format!(
                            "pod {pod} (backend {backend}) answered, expected {expected}"
                        )));
                    }
                }
                Ok(())
            })
        }
        Plan::Weighted(weighted) => {
            let sampler = match &case.udp {
                Some(_) => Sampler::Udp(target, udp_payload(case)?.0),
                None => Sampler::Tcp(target),
            };
            l4_weights::check(runtime, &sampler, weighted)
        }
    }
}

/// The TLS side of a `tcp` probe: the CA from the named ConfigMap key (or any certificate when no CA
/// is named) and the SNI.
fn tcp_tls(world: &World, probe: Option<&TcpProbe>) -> Result<Option<TlsClient>, String> {
    let Some(probe) = probe.filter(|p| p.tls) else {
        return Ok(None);
    };
    let config = match &probe.ca_certificate_from_config_map {
        Some(key) => {
            let Some(Resource::ConfigMap(map)) = world.find("ConfigMap", &key.namespace, &key.name)
            else {
                return Err(format!("no ConfigMap {}/{}", key.namespace, key.name));
            };
            let ca = map
                .data
                .as_ref()
                .and_then(|d| d.get(&key.key))
                .ok_or_else(|| format!("ConfigMap {} has no {}", key.name, key.key))?;
            l4_tls::client_trusting(ca.as_bytes())
        }
        None => l4_tls::client_trusting_anything(),
    }
    .map_err(|e| format!("{e:#}"))?;
    let sni = l4_tls::server_name(probe.sni.as_deref().unwrap_or("localhost"))
        .map_err(|e| format!("{e:#}"))?;
    Ok(Some(TlsClient { config, sni }))
}

/// Upstream's checks of a `PING`, `IS_TLS`, `TEST` session.
fn check_tcp(e: &Expect, replies: &[String]) -> Result<(), String> {
    let [pong, is_tls, test] = replies else {
        return Err(format!("expected 3 answers, got {replies:?}"));
    };
    if pong != tcp_echo::PING.1 {
        return Err(format!("expected {}, got {pong:?}", tcp_echo::PING.1));
    }
    if let Some(expected) = e.backend_is_tls
        && *is_tls != expected.to_string()
    {
        return Err(format!(
            "expected the backend to see TLS {expected}, it says {is_tls:?}"
        ));
    }
    let test: Test = serde_json::from_str(test).map_err(|err| format!("{err}: {test:?}"))?;
    if let Some(namespace) = &e.namespace
        && *namespace != test.namespace
    {
        return Err(format!(
            "expected namespace {namespace:?}, backend is in {:?}",
            test.namespace
        ));
    }
    if let Some(backend) = &e.backend
        && !test.pod.starts_with(&format!("{backend}-"))
    {
        return Err(format!("expected a pod of {backend}, got {:?}", test.pod));
    }
    if let Some(name) = &e.backend_server_name
        && *name != test.server_name
    {
        return Err(format!(
            "expected the backend to see SNI {name:?}, it saw {:?}",
            test.server_name
        ));
    }
    Ok(())
}

/// Upstream's checks of a UDP echo answer.
fn check_udp(e: &Expect, answer: &[u8]) -> Result<(), String> {
    let got: UdpAnswer = serde_json::from_slice(answer)
        .map_err(|err| format!("{err}: {:?}", String::from_utf8_lossy(answer)))?;
    if let Some(service) = &e.service
        && *service != got.service
    {
        return Err(format!(
            "expected service {service:?}, got {:?}",
            got.service
        ));
    }
    if let Some(namespace) = &e.namespace
        && *namespace != got.namespace
    {
        return Err(format!(
            "expected namespace {namespace:?}, got {:?}",
            got.namespace
        ));
    }
    Ok(())
}

/// The datagram a `udp` probe sends, and the id of its DNS query when it is one.
fn udp_payload(case: &L4Case) -> Result<(Vec<u8>, Option<u16>), String> {
    let probe = case.udp.as_ref().ok_or("no udp block")?;
    if let Some(dns) = &probe.dns {
        let qtype = dns_message::record_type(&dns.type_)
            .ok_or_else(|| format!("unknown DNS type {}", dns.type_))?;
        let id = 0x4741; // any id: one query per socket
        return Ok((dns_message::query(id, &dns.question, qtype)?, Some(id)));
    }
    Ok((probe.payload.clone().unwrap_or_default().into_bytes(), None))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;

    fn block(cases: &str) -> Value {
        let cases: Value = serde_norway::from_str(cases).unwrap();
        serde_json::json!({"gateway": {"namespace": "ns", "name": "gw"}, "cases": cases})
    }

    #[test]
    fn l4_blocks_are_told_apart_and_read() {
        assert!(!is_l4(&block("[{request: {path: /}}]")));
        let tcp = block(
            "[{tcp: {port: 9300}, expect: {backend: b, namespace: ns, backendIsTLS: false}},
              {tcp: {port: 9300, mode: connect}, expect: {connected: true}},
              {tcp: {port: 9300, mode: echoSendOnce}, weights: {a: 0.7, b: 0.3}, tolerance: 0.05}]",
        );
        assert!(is_l4(&tcp));
        assert_eq!(unsupported(&tcp), None);
        let udp = block(
            "[{udp: {port: 53, dns: {question: a.b., type: A}}, expect: {anyResponse: true}},
              {udp: {port: 1, payload: x}, samples: 20, expect: {backend: b}},
              {tls: {port: 443, sni: example.com}, expectFailure: connectionRejected}]",
        );
        assert_eq!(unsupported(&udp), None);
    }

    #[test]
    fn what_the_harness_cannot_run_stays_skipped_with_the_reason() {
        let unknown = block("[{tcp: {port: 1}, expect: {backendColour: red}}]");
        assert!(unsupported(&unknown).unwrap().contains("backendColour"));
        let mode = block("[{tcp: {port: 1, mode: telnet}, expect: {}}]");
        assert!(unsupported(&mode).unwrap().contains("telnet"));
        let failure = block("[{tls: {port: 1, sni: a}, expectFailure: requestError}]");
        assert!(unsupported(&failure).is_some());
    }
}
