//! [`XdsServer`]: the gRPC server that serves a [`SnapshotCache`] over ADS.

use std::future::Future;
use std::time::Duration;

use envoy_types::pb::envoy::service::discovery::v3::aggregated_discovery_service_server::{
    AggregatedDiscoveryService, AggregatedDiscoveryServiceServer,
};
use envoy_types::pb::envoy::service::discovery::v3::{
    DeltaDiscoveryRequest, DeltaDiscoveryResponse, DiscoveryRequest, DiscoveryResponse,
};
use tokio::sync::{mpsc, watch};
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::server::TcpIncoming;
use tonic::{Request, Response, Status, Streaming};

use super::cache::SnapshotCache;
use super::delta::DeltaStream;
use super::error::ServerError;
use super::sotw::SotwStream;
use super::stream::{self, Protocol, StreamContext};

/// How many responses a stream may queue before it waits for the proxy to read.
const STREAM_BUFFER: usize = 16;

/// The ADS server: state of the world and delta, over plaintext HTTP/2 or (feature `tls`) mutual TLS.
///
/// ```no_run
/// # async fn run() -> Result<(), gwapi_xds::server::ServerError> {
/// use gwapi_xds::server::{SnapshotCache, XdsServer};
/// let cache = SnapshotCache::new();
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:18000").await?;
/// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
/// let server = tokio::spawn(
///     XdsServer::new(cache.clone())
///         .keepalive(std::time::Duration::from_secs(30))
///         .serve(listener, async { let _ = stopped.await; }),
/// );
/// // ... cache.set(key, resources) whenever a translation changes ...
/// let _ = stop.send(());
/// # let _ = server.await;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct XdsServer {
    cache: SnapshotCache,
    keepalive: Option<Duration>,
    keepalive_timeout: Option<Duration>,
    max_connection_age: Option<Duration>,
    #[cfg(feature = "tls")]
    tls: Option<super::tls::XdsTls>,
}

impl XdsServer {
    /// A server of `cache`, with HTTP/2 keepalive off and no maximum connection age.
    pub fn new(cache: SnapshotCache) -> Self {
        Self {
            cache,
            keepalive: None,
            keepalive_timeout: None,
            max_connection_age: None,
            #[cfg(feature = "tls")]
            tls: None,
        }
    }

    /// Serves over mutual TLS: proxies must present a client certificate that `tls`'s CA signed
    /// (feature `tls`).
    #[cfg(feature = "tls")]
    pub fn tls(mut self, tls: super::tls::XdsTls) -> Self {
        self.tls = Some(tls);
        self
    }

    /// Sends an HTTP/2 PING on every connection at this interval, and closes connections whose proxy does not
    /// answer within the keepalive timeout (20 seconds unless set).
    pub fn keepalive(mut self, interval: Duration) -> Self {
        self.keepalive = Some(interval);
        self
    }

    /// How long to wait for the answer to a keepalive PING.
    pub fn keepalive_timeout(mut self, timeout: Duration) -> Self {
        self.keepalive_timeout = Some(timeout);
        self
    }

    /// Ends each stream and connection after this long, so that proxies reconnect (and spread across
    /// replicas); a proxy keeps its configuration while it reconnects.
    pub fn max_connection_age(mut self, age: Duration) -> Self {
        self.max_connection_age = Some(age);
        self
    }

    /// Serves ADS (state of the world and delta) on the listener until `shutdown` resolves; then ends every
    /// stream and returns once the connections are closed.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send,
    ) -> Result<(), ServerError> {
        let (stop, stopped) = watch::channel(false);
        let service = AdsService {
            context: StreamContext {
                cache: self.cache,
                shutdown: stopped,
                max_age: self.max_connection_age,
            },
        };
        let mut server = tonic::transport::Server::builder()
            .http2_keepalive_interval(self.keepalive)
            .http2_keepalive_timeout(self.keepalive_timeout);
        #[cfg(feature = "tls")]
        if let Some(tls) = &self.tls {
            server = server.tls_config(tls.server_config())?;
        }
        if let Some(age) = self.max_connection_age {
            // Streams end at `age` themselves; the grace lets their last responses drain.
            server = server
                .max_connection_age(age)
                .max_connection_age_grace(Duration::from_secs(5));
        }
        if let Ok(address) = listener.local_addr() {
            tracing::info!(%address, "xDS server listening");
        }
        let signal = async move {
            shutdown.await;
            tracing::info!("xDS server shutting down");
            stop.send_replace(true);
        };
        server
            .serve_with_incoming_shutdown(
                AggregatedDiscoveryServiceServer::new(service),
                TcpIncoming::from(listener),
                signal,
            )
            .await?;
        Ok(())
    }
}

/// The tonic service: one task per stream.
struct AdsService {
    context: StreamContext,
}

impl AdsService {
    fn spawn<P: Protocol>(
        &self,
        protocol: P,
        inbound: Streaming<P::Request>,
    ) -> ReceiverStream<Result<P::Response, Status>>
    where
        Streaming<P::Request>: Send,
    {
        let (outbound, responses) = mpsc::channel(STREAM_BUFFER);
        tokio::spawn(stream::run(
            self.context.clone(),
            protocol,
            inbound,
            outbound,
        ));
        ReceiverStream::new(responses)
    }
}

#[tonic::async_trait]
impl AggregatedDiscoveryService for AdsService {
    type StreamAggregatedResourcesStream = ReceiverStream<Result<DiscoveryResponse, Status>>;
    type DeltaAggregatedResourcesStream = ReceiverStream<Result<DeltaDiscoveryResponse, Status>>;

    async fn stream_aggregated_resources(
        &self,
        request: Request<Streaming<DiscoveryRequest>>,
    ) -> Result<Response<Self::StreamAggregatedResourcesStream>, Status> {
        Ok(Response::new(
            self.spawn(SotwStream::default(), request.into_inner()),
        ))
    }

    async fn delta_aggregated_resources(
        &self,
        request: Request<Streaming<DeltaDiscoveryRequest>>,
    ) -> Result<Response<Self::DeltaAggregatedResourcesStream>, Status> {
        Ok(Response::new(
            self.spawn(DeltaStream::default(), request.into_inner()),
        ))
    }
}
