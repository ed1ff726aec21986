//! `requestBuffer`: whole requests buffered before they go upstream, up to a 32-bit size limit.

use gwapi_model::envoy_gateway::RequestBuffer;

use crate::ir::RequestBuffer as IrRequestBuffer;
use crate::translator::policy::quantity;

/// The IR request buffer of a policy's `requestBuffer`.
pub(crate) fn convert(rb: Option<&RequestBuffer>) -> Result<Option<IrRequestBuffer>, String> {
    let Some(rb) = rb else {
        return Ok(None);
    };
    let text = &rb.limit.0;
    let in_range = quantity::whole(text).is_some_and(|v| u32::try_from(v).is_ok());
    if !in_range {
        return Err(format!(
            "limit value {} is out of range, must be between 0 and {}",
            quantity::canonical(text),
            u32::MAX
        ));
    }
    Ok(Some(IrRequestBuffer {
        limit: text.clone(),
    }))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::RequestBuffer;

    use super::convert;

    #[test]
    fn limit_must_fit_32_bits() {
        let rb: RequestBuffer = serde_norway::from_str("limit: 4Mi").unwrap();
        assert_eq!(convert(Some(&rb)).unwrap().unwrap().limit, "4Mi");
        let rb: RequestBuffer = serde_norway::from_str("limit: 5000Mi").unwrap();
        assert_eq!(
            convert(Some(&rb)).unwrap_err(),
            "limit value 5000Mi is out of range, must be between 0 and 4294967295"
        );
    }
}
