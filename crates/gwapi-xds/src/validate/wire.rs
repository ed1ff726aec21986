//! Just enough of the protobuf wire format to read a message's fields where they lie in its encoding:
//! the checker visits the encoded bytes instead of decoding them into a dynamic message.

/// One occurrence of a field in an encoding: its value as written.
#[derive(Clone, Copy, Debug)]
pub(super) enum Occurrence<'a> {
    /// Wire type 0.
    Varint(u64),
    /// Wire type 1.
    Fixed64(u64),
    /// Wire type 2: a string, bytes, a message, or packed scalars.
    Len(&'a [u8]),
    /// Wire type 5.
    Fixed32(u32),
}

impl<'a> Occurrence<'a> {
    /// The bytes of a length-delimited value.
    pub(super) fn bytes(self) -> Option<&'a [u8]> {
        match self {
            Self::Len(bytes) => Some(bytes),
            _ => None,
        }
    }
}

/// Reads the fields of one encoded message, in the order they are written.
pub(super) struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        let Some((value, rest)) = self.rest.split_at_checked(len) else {
            return Err(decode_error("buffer underflow"));
        };
        self.rest = rest;
        Ok(value)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let Some((&byte, rest)) = self.rest.split_first() else {
                return Err(decode_error("buffer underflow"));
            };
            self.rest = rest;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(decode_error("invalid varint"))
    }

    /// The next field: its number and value; `None` at the end of the message.
    pub(super) fn next_field(&mut self) -> Result<Option<(u64, Occurrence<'a>)>, String> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let key = self.varint()?;
        let number = key >> 3;
        if number == 0 {
            return Err(decode_error("invalid field number"));
        }
        let value = match key & 7 {
            0 => Occurrence::Varint(self.varint()?),
            1 => {
                let bytes = self.take(8)?;
                Occurrence::Fixed64(u64::from_le_bytes(bytes.try_into().unwrap_or_default()))
            }
            2 => {
                let len =
                    usize::try_from(self.varint()?).map_err(|_| decode_error("invalid length"))?;
                Occurrence::Len(self.take(len)?)
            }
            5 => {
                let bytes = self.take(4)?;
                Occurrence::Fixed32(u32::from_le_bytes(bytes.try_into().unwrap_or_default()))
            }
            other => return Err(decode_error(&format!("unsupported wire type {other}"))),
        };
        Ok(Some((number, value)))
    }
}

/// The number of varints in packed bytes.
pub(super) fn packed_varints(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b & 0x80 == 0).count()
}

/// The message of a decoding problem, as prost words it.
pub(super) fn decode_error(description: &str) -> String {
    format!("failed to decode Protobuf message: {description}")
}

#[cfg(test)]
mod tests {
    use prost::Message;

    use super::{Fields, Occurrence, packed_varints};

    #[derive(Clone, PartialEq, Message)]
    struct Sample {
        #[prost(uint32, tag = "1")]
        a: u32,
        #[prost(string, tag = "2")]
        b: String,
        #[prost(double, tag = "3")]
        c: f64,
        #[prost(fixed32, tag = "300")]
        d: u32,
        #[prost(int32, repeated, tag = "4")]
        e: Vec<i32>,
    }

    #[test]
    fn fields_are_read_in_encoding_order() {
        let sample = Sample {
            a: 300,
            b: "x".to_owned(),
            c: 1.5,
            d: 7,
            e: vec![1, 200, 3],
        };
        let bytes = sample.encode_to_vec();
        let mut fields = Fields::new(&bytes);
        let mut seen = Vec::new();
        while let Some((number, value)) = fields.next_field().unwrap() {
            seen.push(match value {
                Occurrence::Varint(v) => format!("{number}:{v}"),
                Occurrence::Fixed64(v) => format!("{number}:{}", f64::from_bits(v)),
                Occurrence::Len(b) if number == 4 => format!("{number}:{}", packed_varints(b)),
                Occurrence::Len(b) => format!("{number}:{}", String::from_utf8_lossy(b)),
                Occurrence::Fixed32(v) => format!("{number}:{v}"),
            });
        }
        assert_eq!(seen, ["1:300", "2:x", "3:1.5", "4:3", "300:7"]);
    }

    #[test]
    fn a_truncated_message_is_an_error() {
        let bytes = Sample {
            b: "hello".to_owned(),
            ..Sample::default()
        }
        .encode_to_vec();
        let mut fields = Fields::new(bytes.get(..4).unwrap());
        assert!(fields.next_field().is_err());
    }
}
