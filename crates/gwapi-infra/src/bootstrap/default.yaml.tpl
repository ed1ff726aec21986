admin:
  access_log:
  - name: envoy.access_loggers.file
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog
      path: /dev/null
  address:
    socket_address:
      address: {{admin_address}}
      port_value: {{admin_port}}
cluster_manager:
  local_cluster_name: {{service_cluster}}
node:
  locality:
    zone: $(ENVOY_SERVICE_ZONE)
deferredStatOptions:
  enableDeferredCreationStats: true
stats_config:
  use_all_default_tags: true
  stats_tags:
  - regex: \.zone(\.(([^\.]+)\.))
    tag_name: from_zone
  - regex: \.zone\.[^\.]+\.(([^\.]+)\.)
    tag_name: to_zone
  - regex: "^cluster(\\..+\\.(.+))\\.total_match_count$"
    tag_name: socket_match_name
  - regex: "circuit_breakers\\.((.+?)\\.).+"
    tag_name: priority
layered_runtime:
  layers:
  - name: global_config
    static_layer:
      re2.max_program_size.error_level: 4294967295
      re2.max_program_size.warn_level: 1000
dynamic_resources:
  ads_config:
    api_type: DELTA_GRPC
    transport_api_version: V3
    grpc_services:
    - envoy_grpc:
        cluster_name: xds_cluster
    set_node_on_first_message_only: true
  lds_config:
    ads: {}
    initial_fetch_timeout: 0s
    resource_api_version: V3
  cds_config:
    ads: {}
    initial_fetch_timeout: 0s
    resource_api_version: V3
static_resources:
{{#if prometheus}}
  listeners:
  - name: envoy-gateway-proxy-stats-{{stats_address}}-{{stats_port}}
    address:
      socket_address:
        address: '{{stats_address}}'
        port_value: {{stats_port}}
        protocol: TCP
{{#if ipv4_compat}}
        ipv4_compat: true
{{/if}}
    bypass_overload_manager: true
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: eg-stats-http
          normalize_path: true
          route_config:
            name: local_route
            virtual_hosts:
            - name: prometheus_stats
              domains:
              - "*"
              routes:
              - match:
                  path: /stats/prometheus
                  headers:
                  - name: ":method"
                    string_match:
                      exact: GET
                route:
                  cluster: prometheus_stats
          http_filters:
          - name: envoy.filters.http.router
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
{{/if}}
  clusters:
{{#if prometheus}}
  - name: prometheus_stats
    connect_timeout: 0.250s
    type: STATIC
    lb_policy: ROUND_ROBIN
    load_assignment:
      cluster_name: prometheus_stats
      endpoints:
      - lb_endpoints:
        - endpoint:
            address:
              socket_address:
                address: {{admin_address}}
                port_value: {{admin_port}}
{{/if}}
  - connect_timeout: 10s
    eds_cluster_config:
      eds_config:
        ads: {}
        resource_api_version: 'V3'
      service_name: {{service_cluster}}
    load_balancing_policy:
      policies:
      - typed_extension_config:
          name: 'envoy.load_balancing_policies.least_request'
          typed_config:
            '@type': 'type.googleapis.com/envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest'
            locality_lb_config:
              zone_aware_lb_config:
                min_cluster_size: '1'
    name: {{service_cluster}}
    type: EDS
  - connect_timeout: 10s
    load_assignment:
      cluster_name: xds_cluster
      endpoints:
      - load_balancing_weight: 1
        lb_endpoints:
        - load_balancing_weight: 1
          endpoint:
            address:
              socket_address:
                address: {{xds_address}}
                port_value: {{xds_port}}
    typed_extension_protocol_options:
      envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
        "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions"
        explicit_http_config:
          http2_protocol_options:
            connection_keepalive:
              interval: 30s
              timeout: 5s
{{#if sa_token}}
        http_filters:
        - name: envoy.filters.http.credential_injector
          typed_config:
            "@type": type.googleapis.com/envoy.extensions.filters.http.credential_injector.v3.CredentialInjector
            credential:
              name: envoy.http.injected_credentials.generic
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.http.injected_credentials.generic.v3.Generic
                credential:
                  name: jwt-sa-bearer
                  sds_config:
                    path_config_source:
                      path: /sds/xds_service_account_token.json
                    resource_api_version: V3
            overwrite: true
        - name: envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec
          typed_config:
            "@type": type.googleapis.com/envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec
{{/if}}
    name: xds_cluster
    type: STRICT_DNS
    transport_socket:
      name: envoy.transport_sockets.tls
      typed_config:
        "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
        common_tls_context:
          tls_params:
            tls_maximum_protocol_version: TLSv1_3
{{#if client_certificate}}
          tls_certificate_sds_secret_configs:
          - name: xds_certificate
            sds_config:
              path_config_source:
                path: /sds/xds-certificate.json
              resource_api_version: V3
{{/if}}
          validation_context_sds_secret_config:
            name: xds_trusted_ca
            sds_config:
              path_config_source:
                path: /sds/xds-trusted-ca.json
              resource_api_version: V3
overload_manager:
  refresh_interval: 0.25s
  resource_monitors:
  - name: "envoy.resource_monitors.global_downstream_max_connections"
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig
      max_active_downstream_connections: {{max_connections}}
{{#if fixed_heap}}
  - name: "envoy.resource_monitors.fixed_heap"
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.resource_monitors.fixed_heap.v3.FixedHeapConfig
      max_heap_size_bytes: {{max_heap_size_bytes}}
  actions:
  - name: "envoy.overload_actions.shrink_heap"
    triggers:
    - name: "envoy.resource_monitors.fixed_heap"
      threshold:
        value: 0.95
  - name: "envoy.overload_actions.stop_accepting_requests"
    triggers:
    - name: "envoy.resource_monitors.fixed_heap"
      threshold:
        value: 0.98
{{/if}}
