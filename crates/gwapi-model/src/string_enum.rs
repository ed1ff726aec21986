//! Closed value sets with an escape hatch.
//!
//! Kubernetes enums are strings on the wire. gwapi models each one as a Rust enum whose last variant,
//! `Unknown(String)`, keeps a value this version does not know exactly as written, so that the translator
//! can report it in a status and the loader can point at it, instead of losing the object.

use std::cell::Cell;

/// How the deserializer of every [`string_enum!`](macro@crate::string_enum) type treats a value it does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnknownValueMode {
    /// Keep unknown values as `Unknown(..)` and count them.
    Collect,
    /// Keep unknown values, but fail on the unknown value with this index (0-based, in document order),
    /// so that a path-tracking deserializer can say where it is.
    FailAt(usize),
}

/// An unknown value met by a deserializer in `FailAt` mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnknownValue {
    /// The Rust name of the value set.
    pub type_name: &'static str,
    /// The value as written.
    pub value: String,
    /// The values the set knows.
    pub known: &'static [&'static str],
}

thread_local! {
    static MODE: Cell<UnknownValueMode> = const { Cell::new(UnknownValueMode::Collect) };
    static LAST: std::cell::RefCell<Option<UnknownValue>> = const { std::cell::RefCell::new(None) };
    static SEEN: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` with unknown enum values handled according to `mode`, and returns its result together with the
/// number of unknown values seen.
pub(crate) fn with_unknown_value_mode<T>(
    mode: UnknownValueMode,
    f: impl FnOnce() -> T,
) -> (T, usize) {
    let previous_mode = MODE.with(|m| m.replace(mode));
    let previous_seen = SEEN.with(|s| s.replace(0));
    let out = f();
    let seen = SEEN.with(|s| s.replace(previous_seen));
    MODE.with(|m| m.set(previous_mode));
    (out, seen)
}

/// Called by generated deserializers when a value is not one of the known ones. Returns `Err(message)` when
/// the current mode asks to fail on this occurrence.
#[doc(hidden)]
pub fn note_unknown_value(
    type_name: &'static str,
    value: &str,
    known: &'static [&'static str],
) -> Result<(), String> {
    let index = SEEN.with(|s| {
        let i = s.get();
        s.set(i + 1);
        i
    });
    match MODE.with(Cell::get) {
        UnknownValueMode::FailAt(n) if n == index => {
            LAST.with(|l| {
                *l.borrow_mut() = Some(UnknownValue {
                    type_name,
                    value: value.to_owned(),
                    known,
                });
            });
            Err(format!(
                "unknown {type_name} value {value:?}, expected one of: {}",
                known.join(", ")
            ))
        }
        _ => Ok(()),
    }
}

/// Takes the unknown value that the last `FailAt` deserialization failed on.
pub(crate) fn take_last_unknown_value() -> Option<UnknownValue> {
    LAST.with(|l| l.borrow_mut().take())
}

/// Marker prefix of the error message produced by [`note_unknown_value`] in `FailAt` mode.
pub(crate) const UNKNOWN_VALUE_PREFIX: &str = "unknown ";

/// The known wire values of a [`string_enum!`](macro@crate::string_enum) type, for diagnostics and "did you mean" hints.
pub trait KnownValues {
    /// The Kubernetes name of the value set (the Rust type name).
    const TYPE_NAME: &'static str;
    /// Every value this version knows, as written on the wire.
    const KNOWN: &'static [&'static str];
    /// The value as written on the wire (for `Unknown`, exactly as it was read).
    fn as_str(&self) -> &str;
    /// Whether this is one of the known values.
    fn is_known(&self) -> bool;
}

/// Defines a string enum with an `Unknown(String)` escape hatch.
///
/// ```
/// gwapi_model::string_enum! {
///     /// A colour.
///     pub enum Colour {
///         /// Red.
///         Red = "red",
///         /// Green.
///         Green = "green",
///     }
/// }
/// use gwapi_model::KnownValues;
/// let c: Colour = serde_json::from_str("\"red\"").unwrap();
/// assert_eq!(c, Colour::Red);
/// let u: Colour = serde_json::from_str("\"blue\"").unwrap();
/// assert_eq!(u, Colour::Unknown("blue".into()));
/// assert!(!u.is_known());
/// assert_eq!(serde_json::to_string(&u).unwrap(), "\"blue\"");
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of gwapi does not know, kept exactly as written.
            Unknown(::std::string::String),
        }

        impl $crate::KnownValues for $name {
            const TYPE_NAME: &'static str = stringify!($name);
            const KNOWN: &'static [&'static str] = &[$($wire),+];
            fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(s) => s.as_str(),
                }
            }
            fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::KnownValues::as_str(self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(match s {
                    $( $wire => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                })
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str($crate::KnownValues::as_str(self))
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(d)?;
                let value: Self = match s.parse() {
                    Ok(v) => v,
                    Err(never) => match never {},
                };
                if let Self::Unknown(raw) = &value {
                    $crate::string_enum::note_unknown_value(
                        stringify!($name),
                        raw,
                        <Self as $crate::KnownValues>::KNOWN,
                    )
                    .map_err(<D::Error as $crate::__private::serde::de::Error>::custom)?;
                }
                Ok(value)
            }
        }

        impl $crate::__private::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut $crate::__private::schemars::SchemaGenerator) -> $crate::__private::schemars::Schema {
                $crate::__private::schemars::json_schema!({
                    "type": "string",
                    "enum": [$($wire),+]
                })
            }
            fn inline_schema() -> bool {
                true
            }
        }
    };
}
