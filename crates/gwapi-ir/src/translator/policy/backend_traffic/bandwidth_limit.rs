//! `bandwidthLimit`: request and response bandwidth caps, in KiB per second (at least 1 KiB/s).

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::{BandwidthLimitSpec, BandwidthLimitUnit, BandwidthLimitValue};

use crate::ir::{BandwidthLimit, BandwidthLimitTrailers, BandwidthLimitValue as IrValue};
use crate::translator::policy::quantity;

/// The IR bandwidth limits of a policy's `bandwidthLimit`.
pub(crate) fn convert(spec: Option<&BandwidthLimitSpec>) -> Result<Option<BandwidthLimit>, String> {
    let Some(spec) = spec else {
        return Ok(None);
    };
    let request = spec
        .request
        .as_ref()
        .map(|r| kibps("request", &r.limit))
        .transpose()?
        .map(|limit_kibps| IrValue {
            limit_kibps,
            response_trailers: None,
        });
    let response =
        spec.response
            .as_ref()
            .map(|r| {
                Ok::<_, String>(IrValue {
                    limit_kibps: kibps("response", &r.limit)?,
                    response_trailers: r.response_trailers.as_ref().map(|t| {
                        BandwidthLimitTrailers {
                            prefix: t.prefix.clone().unwrap_or_default(),
                        }
                    }),
                })
            })
            .transpose()?;
    Ok(Some(BandwidthLimit { request, response }))
}

/// A limit in whole KiB per second.
fn kibps(direction: &str, limit: &BandwidthLimitValue) -> Result<u64, String> {
    let text = &limit.value.0;
    let bytes = quantity::whole(text)
        .ok_or_else(|| format!("{direction}: invalid bandwidth limit value {text}"))?;
    let seconds: u128 = match &limit.unit {
        BandwidthLimitUnit::Second => 1,
        BandwidthLimitUnit::Minute => 60,
        BandwidthLimitUnit::Hour => 3_600,
        BandwidthLimitUnit::Unknown(u) => {
            return Err(format!("{direction}: invalid bandwidth limit unit {u}"));
        }
    };
    let per_second = bytes / 1024 / seconds;
    if per_second == 0 {
        return Err(format!(
            "{direction}: bandwidth limit of {bytes} bytes per {} is below the minimum of 1 KiB/s",
            limit.unit.as_str()
        ));
    }
    u64::try_from(per_second)
        .map_err(|_| format!("{direction}: bandwidth limit {text} is too large"))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::BandwidthLimitSpec;

    use super::convert;

    fn spec(yaml: &str) -> BandwidthLimitSpec {
        serde_norway::from_str(yaml).unwrap()
    }

    #[test]
    fn limits_in_kibps() {
        let s = spec(
            "request:\n  limit: {value: 10Mi, unit: Second}\nresponse:\n  limit: {value: 100Mi, unit: Minute}\n  \
             responseTrailers: {prefix: x-eg}\n",
        );
        let v = serde_json::to_value(convert(Some(&s)).unwrap().unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"request": {"limitKibps": 10240},
                "response": {"limitKibps": 1706, "responseTrailers": {"prefix": "x-eg"}}})
        );
    }

    #[test]
    fn below_one_kib_per_second_is_invalid() {
        let s = spec("request:\n  limit: {value: '1023', unit: Second}\n");
        assert_eq!(
            convert(Some(&s)).unwrap_err(),
            "request: bandwidth limit of 1023 bytes per Second is below the minimum of 1 KiB/s"
        );
    }
}
