//! `faultInjection`: delays and aborts injected into a share of the requests.

use gwapi_model::envoy_gateway::FaultInjection;

use crate::ir::{
    AbortStatus, FaultInjection as IrFaultInjection, FaultInjectionAbort, FaultInjectionDelay,
    Percent,
};
use crate::translator::policy::duration::parse;

/// A percentage as written (`0.1` stays `0.1`, not the nearest `f64` of the `f32`).
fn percent(p: Option<f32>) -> Option<Percent> {
    p.and_then(|p| p.to_string().parse::<f64>().ok())
        .map(Percent)
}

/// The IR fault injection of a policy's `faultInjection`.
pub(crate) fn convert(fi: Option<&FaultInjection>) -> Result<Option<IrFaultInjection>, String> {
    let Some(fi) = fi else {
        return Ok(None);
    };
    let delay = fi
        .delay
        .as_ref()
        .map(|d| {
            Ok::<_, String>(FaultInjectionDelay {
                fixed_delay: parse("FixedDelay", Some(&d.fixed_delay))?,
                percentage: percent(d.percentage),
            })
        })
        .transpose()?;
    let abort = fi.abort.as_ref().map(|a| FaultInjectionAbort {
        status: match (a.http_status, a.grpc_status) {
            (Some(code), _) => u32::try_from(code).ok().map(AbortStatus::Http),
            (None, Some(code)) => u32::try_from(code).ok().map(AbortStatus::Grpc),
            (None, None) => None,
        },
        percentage: percent(a.percentage),
    });
    Ok(Some(IrFaultInjection { delay, abort }))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::FaultInjection;

    use super::convert;

    #[test]
    fn delay_and_abort() {
        let fi: FaultInjection = serde_norway::from_str(
            "delay: {fixedDelay: 5400ms, percentage: 80}\nabort: {httpStatus: 503, percentage: 0.1}\n",
        )
        .unwrap();
        let v = serde_json::to_value(convert(Some(&fi)).unwrap().unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"delay": {"fixedDelay": "5.4s", "percentage": 80},
                "abort": {"httpStatus": 503, "percentage": 0.1}})
        );
    }
}
