//! The `shutdown-manager` sidecar: it keeps the pod alive while Envoy drains (`envoy-gateway envoy shutdown`
//! as the pre-stop hook) and tells Envoy when to stop accepting connections.

use k8s_openapi::api::core::v1::{Container, ExecAction, Lifecycle, LifecycleHandler};

use crate::container::{
    SHUTDOWN_MANAGER_PORT, container_security_context, default_env, probe, requests,
};
use crate::drain::{Drain, go_duration};
use crate::fleet::Fleet;

/// The `shutdown-manager` container.
pub(crate) fn shutdown_manager_container(fleet: &Fleet<'_>) -> Container {
    let drain = Drain::of(fleet);
    let mut args = vec!["envoy".to_owned(), "shutdown-manager".to_owned()];
    let mut pre_stop = vec![
        "envoy-gateway".to_owned(),
        "envoy".to_owned(),
        "shutdown".to_owned(),
    ];
    if drain.explicit_timeout {
        args.push(format!(
            "--ready-timeout={}",
            go_duration(drain.ready_timeout())
        ));
        pre_stop.push(format!("--drain-timeout={}", go_duration(drain.timeout)));
    }
    if let Some(min) = drain.min_duration {
        pre_stop.push(format!("--min-drain-duration={}", go_duration(min)));
    }
    Container {
        name: "shutdown-manager".to_owned(),
        image: Some(fleet.config.shutdown_manager_image.clone()),
        image_pull_policy: Some("IfNotPresent".to_owned()),
        command: Some(vec!["envoy-gateway".to_owned()]),
        args: Some(args),
        env: Some(default_env()),
        resources: Some(requests("10m", "32Mi")),
        security_context: Some(container_security_context(fleet)),
        lifecycle: Some(Lifecycle {
            pre_stop: Some(LifecycleHandler {
                exec: Some(ExecAction {
                    command: Some(pre_stop),
                }),
                ..LifecycleHandler::default()
            }),
            ..Lifecycle::default()
        }),
        liveness_probe: Some(probe("/healthz", SHUTDOWN_MANAGER_PORT, 3, 10)),
        readiness_probe: Some(probe("/healthz", SHUTDOWN_MANAGER_PORT, 3, 10)),
        startup_probe: Some(probe("/healthz", SHUTDOWN_MANAGER_PORT, 30, 10)),
        termination_message_path: Some("/dev/termination-log".to_owned()),
        termination_message_policy: Some("File".to_owned()),
        ..Container::default()
    }
}
