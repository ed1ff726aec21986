//! The few DNS messages (RFC 1035) the UDP steps exchange: a query for one name, and the answer the
//! suite's CoreDNS stand-in gives (the question back, with an A record of the client's address when
//! the client is on IPv4).

use std::net::IpAddr;

/// The header length.
const HEADER: usize = 12;
/// Record type A.
const TYPE_A: u16 = 1;
/// Class IN.
const CLASS_IN: u16 = 1;

/// A query (recursion desired) with id `id` for `name` (dotted, a final dot optional) of type `qtype`.
///
/// # Errors
/// When a label is empty or longer than 63 bytes.
pub fn query(id: u16, name: &str, qtype: u16) -> Result<Vec<u8>, String> {
    let mut message = Vec::with_capacity(HEADER + name.len() + 6);
    message.extend_from_slice(&id.to_be_bytes());
    message.extend_from_slice(&0x0100u16.to_be_bytes()); // RD
    message.extend_from_slice(&1u16.to_be_bytes()); // QDCOUNT
    message.extend_from_slice(&[0; 6]); // AN, NS, AR counts
    for label in name.trim_end_matches('.').split('.') {
        let len = u8::try_from(label.len())
            .ok()
            .filter(|l| (1..=63).contains(l))
            .ok_or_else(|| format!("bad DNS name {name:?}"))?;
        message.push(len);
        message.extend_from_slice(label.as_bytes());
    }
    message.push(0);
    message.extend_from_slice(&qtype.to_be_bytes());
    message.extend_from_slice(&CLASS_IN.to_be_bytes());
    Ok(message)
}

/// The number of a record type name (`A`, `AAAA`, `TXT`, `SRV`, ...).
pub fn record_type(name: &str) -> Option<u16> {
    Some(match name.to_ascii_uppercase().as_str() {
        "A" => TYPE_A,
        "NS" => 2,
        "CNAME" => 5,
        "SOA" => 6,
        "PTR" => 12,
        "MX" => 15,
        "TXT" => 16,
        "AAAA" => 28,
        "SRV" => 33,
        "ANY" => 255,
        _ => return None,
    })
}

/// Whether `message` is a response to the query with id `id`.
pub fn is_response_to(message: &[u8], id: u16) -> bool {
    matches!(message, [hi, lo, flags, ..] if u16::from_be_bytes([*hi, *lo]) == id && flags & 0x80 != 0)
}

/// The answer to `query` from a client at `client`: the question back with, for a client on IPv4,
/// an A record of its address; `None` for something that is not a one-question query.
pub fn answer(query: &[u8], client: IpAddr) -> Option<Vec<u8>> {
    let header = query.get(..HEADER)?;
    let flags = u16::from_be_bytes([*header.get(2)?, *header.get(3)?]);
    let questions = u16::from_be_bytes([*header.get(4)?, *header.get(5)?]);
    if flags & 0x8000 != 0 || questions != 1 {
        return None;
    }
    let question_end = question_end(query)?;
    let question = query.get(HEADER..question_end)?;
    let mut message = Vec::with_capacity(question_end + 16);
    message.extend_from_slice(header.get(..2)?); // id
    // QR, the query's opcode and RD, RA; RCODE 0.
    let reply_flags = 0x8080 | (flags & 0x7900);
    message.extend_from_slice(&reply_flags.to_be_bytes());
    message.extend_from_slice(&1u16.to_be_bytes());
    let IpAddr::V4(v4) = client else {
        message.extend_from_slice(&[0; 6]);
        message.extend_from_slice(question);
        return Some(message);
    };
    message.extend_from_slice(&1u16.to_be_bytes()); // ANCOUNT
    message.extend_from_slice(&[0; 4]);
    message.extend_from_slice(question);
    message.extend_from_slice(&0xC00Cu16.to_be_bytes()); // the question's name
    message.extend_from_slice(&TYPE_A.to_be_bytes());
    message.extend_from_slice(&CLASS_IN.to_be_bytes());
    message.extend_from_slice(&0u32.to_be_bytes()); // TTL
    message.extend_from_slice(&4u16.to_be_bytes());
    message.extend_from_slice(&v4.octets());
    Some(message)
}

/// Where the first question (uncompressed name, type, class) ends.
fn question_end(message: &[u8]) -> Option<usize> {
    let mut at = HEADER;
    loop {
        let len = usize::from(*message.get(at)?);
        if len == 0 {
            break;
        }
        if len > 63 {
            return None;
        }
        at += 1 + len;
    }
    let end = at + 1 + 4;
    (end <= message.len()).then_some(end)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn the_answer_repeats_the_question_and_gives_the_client_address() {
        let q = query(0xBEEF, "foo.bar.com.", TYPE_A).unwrap();
        let a = answer(&q, "127.0.0.9".parse().unwrap()).unwrap();
        assert!(is_response_to(&a, 0xBEEF));
        assert!(!is_response_to(&a, 0xBEEE));
        assert!(!is_response_to(&q, 0xBEEF));
        assert_eq!(&a[12..q.len()], &q[12..]);
        assert_eq!(&a[a.len() - 4..], &[127, 0, 0, 9]);
        assert_eq!(u16::from_be_bytes([a[6], a[7]]), 1);
    }

    #[test]
    fn what_is_not_a_query_gets_no_answer() {
        assert!(answer(&[1, 2, 3], "127.0.0.1".parse().unwrap()).is_none());
        let q = query(1, "a.b", TYPE_A).unwrap();
        assert!(answer(&q[..q.len() - 1], "127.0.0.1".parse().unwrap()).is_none());
        assert!(query(1, "a..b", TYPE_A).is_err());
        assert_eq!(record_type("aaaa"), Some(28));
    }
}
