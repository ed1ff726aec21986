//! The `ServiceAccount` of the proxies (no token is mounted automatically).

use k8s_openapi::api::core::v1::ServiceAccount;

use crate::fleet::Fleet;
use crate::labels::standard_meta;

/// The `ServiceAccount`.
pub(crate) fn service_account(fleet: &Fleet<'_>) -> ServiceAccount {
    ServiceAccount {
        metadata: standard_meta(fleet, &fleet.names.service_account),
        automount_service_account_token: Some(false),
        ..ServiceAccount::default()
    }
}
