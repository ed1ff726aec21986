//! Just enough DER to check client CA bundles: the validity period and common name of an X.509
//! certificate and the next update of a CRL, with times written the way Go prints them.

/// One DER element: its tag and contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Element<'a> {
    /// The tag byte.
    pub tag: u8,
    /// The contents.
    pub body: &'a [u8],
}

const SEQUENCE: u8 = 0x30;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
/// The OID of the common name attribute (2.5.4.3), without tag and length.
const COMMON_NAME: [u8; 3] = [0x55, 0x04, 0x03];

/// The first element of `input` and what follows it.
fn read(input: &[u8]) -> Option<(Element<'_>, &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let (bytes, rest) = rest.split_at(n);
        let len = bytes
            .iter()
            .fold(0_usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, rest)
    };
    if rest.len() < len {
        return None;
    }
    let (body, rest) = rest.split_at(len);
    Some((Element { tag, body }, rest))
}

/// The elements inside a constructed element's contents.
fn children(mut body: &[u8]) -> Vec<Element<'_>> {
    let mut out = Vec::new();
    while let Some((e, rest)) = read(body) {
        out.push(e);
        body = rest;
    }
    out
}

/// The contents of the SEQUENCE that `der` holds (the outer element must span all of `der`).
fn sequence(der: &[u8]) -> Option<Vec<Element<'_>>> {
    let (e, rest) = read(der)?;
    (e.tag == SEQUENCE && rest.is_empty()).then(|| children(e.body))
}

/// A DER UTCTime or GeneralizedTime as seconds since the Unix epoch.
fn time(e: &Element<'_>) -> Option<i64> {
    let text = std::str::from_utf8(e.body).ok()?.strip_suffix('Z')?;
    let (year, rest) = match e.tag {
        UTC_TIME => {
            let yy: i64 = text.get(..2)?.parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, text.get(2..)?)
        }
        GENERALIZED_TIME => (text.get(..4)?.parse().ok()?, text.get(4..)?),
        _ => return None,
    };
    let field = |i: usize| -> Option<i64> { rest.get(i..i + 2)?.parse().ok() };
    let (month, day, hour, minute, second) =
        (field(0)?, field(2)?, field(4)?, field(6)?, field(8)?);
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A time as Go's `time.Time.String()` writes a UTC time (`2006-01-02 15:04:05 +0000 UTC`).
pub(crate) fn go_time(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} +0000 UTC",
        secs / 3_600,
        secs % 3_600 / 60,
        secs % 60
    )
}

/// What a client CA check needs of a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Certificate {
    /// The subject's common name (empty when it has none).
    pub common_name: String,
    /// The start of the validity period (seconds since the epoch).
    pub not_before: i64,
    /// The end of the validity period (seconds since the epoch).
    pub not_after: i64,
}

/// Reads an X.509 certificate; `None` when it is not one.
pub(crate) fn certificate(der: &[u8]) -> Option<Certificate> {
    let outer = sequence(der)?;
    let tbs = outer.first().filter(|e| e.tag == SEQUENCE)?;
    let fields = children(tbs.body);
    // version [0] is optional; then serial, signature, issuer, validity, subject.
    let skip = usize::from(fields.first()?.tag == 0xA0);
    let validity = fields.get(skip + 3).filter(|e| e.tag == SEQUENCE)?;
    let subject = fields.get(skip + 4).filter(|e| e.tag == SEQUENCE)?;
    let period = children(validity.body);
    Some(Certificate {
        common_name: common_name(subject.body).unwrap_or_default(),
        not_before: time(period.first()?)?,
        not_after: time(period.get(1)?)?,
    })
}

/// The first common name of a Name's RDN sequence.
fn common_name(rdns: &[u8]) -> Option<String> {
    children(rdns)
        .iter()
        .flat_map(|set| children(set.body))
        .find_map(|attribute| {
            let parts = children(attribute.body);
            let oid = parts.first()?;
            let value = parts.get(1)?;
            (oid.tag == 0x06 && oid.body == COMMON_NAME)
                .then(|| String::from_utf8_lossy(value.body).into_owned())
        })
}

/// The next update of a CRL (`None` when the CRL has none), or `Err` when it is not a CRL.
pub(crate) fn crl_next_update(der: &[u8]) -> Result<Option<i64>, ()> {
    let outer = sequence(der).ok_or(())?;
    let tbs = outer.first().filter(|e| e.tag == SEQUENCE).ok_or(())?;
    let fields = children(tbs.body);
    // version INTEGER is optional; then signature, issuer, thisUpdate, nextUpdate (optional).
    let skip = usize::from(fields.first().ok_or(())?.tag == 0x02);
    let this_update = fields.get(skip + 2).ok_or(())?;
    time(this_update).ok_or(())?;
    Ok(fields.get(skip + 3).and_then(time))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::{Element, GENERALIZED_TIME, UTC_TIME, certificate, crl_next_update, go_time, time};

    #[test]
    fn times_read_and_print_like_go() {
        let utc = Element {
            tag: UTC_TIME,
            body: b"200101150001Z",
        };
        let seconds = time(&utc).unwrap();
        assert_eq!(go_time(seconds), "2020-01-01 15:00:01 +0000 UTC");
        let generalized = Element {
            tag: GENERALIZED_TIME,
            body: b"20050206120000Z",
        };
        assert_eq!(
            go_time(time(&generalized).unwrap()),
            "2005-02-06 12:00:00 +0000 UTC"
        );
        assert_eq!(go_time(0), "1970-01-01 00:00:00 +0000 UTC");
    }

    #[test]
    fn garbage_and_truncated_input_is_rejected_without_panicking() {
        // SEQUENCE { SEQUENCE { INTEGER 1, SEQUENCE {}, SEQUENCE {}, SEQUENCE { UTCTime, UTCTime },
        // SEQUENCE {} } }
        let mut tbs = vec![0x02, 0x01, 0x01, 0x30, 0x00, 0x30, 0x00, 0x30, 0x1e];
        for t in [b"200101150001Z", b"300101150001Z"] {
            tbs.extend([UTC_TIME, 13]);
            tbs.extend_from_slice(t);
        }
        tbs.extend([0x30, 0x00]);
        let mut der = vec![
            0x30,
            u8::try_from(tbs.len() + 2).unwrap(),
            0x30,
            u8::try_from(tbs.len()).unwrap(),
        ];
        der.extend(&tbs);
        let cert = certificate(&der).unwrap();
        assert_eq!(go_time(cert.not_after), "2030-01-01 15:00:01 +0000 UTC");
        assert!(cert.common_name.is_empty());
        for end in 0..der.len() {
            assert!(certificate(&der[..end]).is_none());
            let _ = crl_next_update(&der[..end]);
        }
        assert!(certificate(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_none());
    }
}
