//! `path`: path normalization (merging slashes, escaped slashes).

use gwapi_model::envoy_gateway::{PathEscapedSlashAction, PathSettings};

use crate::ir::{EscapedSlashesAction, PathSettings as IrPathSettings};

/// The IR path settings of a policy's `path`, starting from the listener's defaults.
pub(crate) fn convert(
    path: Option<&PathSettings>,
    base: Option<&IrPathSettings>,
) -> Option<IrPathSettings> {
    let p = path?;
    let mut out = base.cloned().unwrap_or(IrPathSettings {
        merge_slashes: true,
        escaped_slashes_action: Some(EscapedSlashesAction::UnescapeAndRedirect),
    });
    if let Some(disable) = p.disable_merge_slashes {
        out.merge_slashes = !disable;
    }
    if let Some(action) = &p.escaped_slashes_action {
        out.escaped_slashes_action = match action {
            PathEscapedSlashAction::KeepUnchanged => Some(EscapedSlashesAction::KeepUnchanged),
            PathEscapedSlashAction::RejectRequest => Some(EscapedSlashesAction::RejectRequest),
            PathEscapedSlashAction::UnescapeAndForward => {
                Some(EscapedSlashesAction::UnescapeAndForward)
            }
            PathEscapedSlashAction::UnescapeAndRedirect => {
                Some(EscapedSlashesAction::UnescapeAndRedirect)
            }
            PathEscapedSlashAction::Unknown(_) => out.escaped_slashes_action,
        };
    }
    Some(out)
}
