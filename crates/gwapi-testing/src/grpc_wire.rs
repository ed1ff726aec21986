//! The parts of gRPC over HTTP/2 that the echo backend and the client share: status codes (with Go's names,
//! as the conformance suite writes them), the HTTP-status fallback, and length-prefixed message framing.

/// A gRPC status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GrpcCode {
    /// 0.
    Ok,
    /// 1.
    Cancelled,
    /// 2.
    Unknown,
    /// 3.
    InvalidArgument,
    /// 4.
    DeadlineExceeded,
    /// 5.
    NotFound,
    /// 6.
    AlreadyExists,
    /// 7.
    PermissionDenied,
    /// 8.
    ResourceExhausted,
    /// 9.
    FailedPrecondition,
    /// 10.
    Aborted,
    /// 11.
    OutOfRange,
    /// 12.
    Unimplemented,
    /// 13.
    Internal,
    /// 14.
    Unavailable,
    /// 15.
    DataLoss,
    /// 16.
    Unauthenticated,
}

/// Every code, in numeric order, with Go's `codes.Code.String()` name.
const CODES: [(GrpcCode, &str); 17] = [
    (GrpcCode::Ok, "OK"),
    (GrpcCode::Cancelled, "Canceled"),
    (GrpcCode::Unknown, "Unknown"),
    (GrpcCode::InvalidArgument, "InvalidArgument"),
    (GrpcCode::DeadlineExceeded, "DeadlineExceeded"),
    (GrpcCode::NotFound, "NotFound"),
    (GrpcCode::AlreadyExists, "AlreadyExists"),
    (GrpcCode::PermissionDenied, "PermissionDenied"),
    (GrpcCode::ResourceExhausted, "ResourceExhausted"),
    (GrpcCode::FailedPrecondition, "FailedPrecondition"),
    (GrpcCode::Aborted, "Aborted"),
    (GrpcCode::OutOfRange, "OutOfRange"),
    (GrpcCode::Unimplemented, "Unimplemented"),
    (GrpcCode::Internal, "Internal"),
    (GrpcCode::Unavailable, "Unavailable"),
    (GrpcCode::DataLoss, "DataLoss"),
    (GrpcCode::Unauthenticated, "Unauthenticated"),
];

impl GrpcCode {
    /// The code of a `grpc-status` value; out-of-range values are `Unknown`, as gRPC libraries treat them.
    ///
    /// ```
    /// use gwapi_testing::grpc_wire::GrpcCode;
    /// assert_eq!(GrpcCode::from_number(12), GrpcCode::Unimplemented);
    /// assert_eq!(GrpcCode::from_number(99), GrpcCode::Unknown);
    /// ```
    #[must_use]
    pub fn from_number(number: i64) -> Self {
        usize::try_from(number)
            .ok()
            .and_then(|i| CODES.get(i))
            .map_or(Self::Unknown, |(code, _)| *code)
    }

    /// The numeric value (`grpc-status`).
    #[must_use]
    pub fn number(self) -> u8 {
        CODES
            .iter()
            .position(|(code, _)| *code == self)
            .and_then(|i| u8::try_from(i).ok())
            .unwrap_or(2)
    }

    /// Go's name of the code (`OK`, `Unimplemented`, ...).
    #[must_use]
    pub fn name(self) -> &'static str {
        CODES
            .iter()
            .find(|(code, _)| *code == self)
            .map_or("Unknown", |(_, name)| name)
    }

    /// The code named `name` (Go's names; case-insensitive, `Cancelled` accepted too).
    ///
    /// ```
    /// use gwapi_testing::grpc_wire::GrpcCode;
    /// assert_eq!(GrpcCode::from_name("Unimplemented"), Some(GrpcCode::Unimplemented));
    /// assert_eq!(GrpcCode::from_name("OK"), Some(GrpcCode::Ok));
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("Cancelled") {
            return Some(Self::Cancelled);
        }
        CODES
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|(code, _)| *code)
    }

    /// The code a client derives from an HTTP status that carries no `grpc-status` (gRPC's "HTTP to gRPC
    /// status code mapping").
    ///
    /// ```
    /// use gwapi_testing::grpc_wire::GrpcCode;
    /// assert_eq!(GrpcCode::from_http_status(404), GrpcCode::Unimplemented);
    /// assert_eq!(GrpcCode::from_http_status(503), GrpcCode::Unavailable);
    /// ```
    #[must_use]
    pub fn from_http_status(status: u16) -> Self {
        match status {
            400 => Self::Internal,
            401 => Self::Unauthenticated,
            403 => Self::PermissionDenied,
            404 => Self::Unimplemented,
            429 | 502..=504 => Self::Unavailable,
            _ => Self::Unknown,
        }
    }
}

impl std::fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One length-prefixed, uncompressed gRPC message: flag 0, the length (big endian), the bytes.
///
/// ```
/// let framed = gwapi_testing::grpc_wire::frame(b"ab");
/// assert_eq!(framed, [0, 0, 0, 0, 2, b'a', b'b']);
/// assert_eq!(gwapi_testing::grpc_wire::unframe(&framed), Ok(vec![b"ab".to_vec()]));
/// ```
#[must_use]
pub fn frame(message: &[u8]) -> Vec<u8> {
    let length = u32::try_from(message.len()).unwrap_or(u32::MAX);
    let mut framed = Vec::with_capacity(message.len() + 5);
    framed.push(0);
    framed.extend_from_slice(&length.to_be_bytes());
    framed.extend_from_slice(message);
    framed
}

/// The messages of a gRPC body.
///
/// # Errors
/// When a message is compressed (nothing negotiates compression here) or the body ends inside a message.
pub fn unframe(mut body: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut messages = Vec::new();
    while !body.is_empty() {
        let Some((header, rest)) = body.split_first_chunk::<5>() else {
            return Err("the body ends inside a message header".to_owned());
        };
        let [flag, length @ ..] = *header;
        if flag != 0 {
            return Err(format!("compressed message (flag {flag})"));
        }
        let length = usize::try_from(u32::from_be_bytes(length)).unwrap_or(usize::MAX);
        let Some((message, rest)) = rest.split_at_checked(length) else {
            return Err(format!("the body ends inside a message of {length} bytes"));
        };
        messages.push(message.to_vec());
        body = rest;
    }
    Ok(messages)
}
