//! Runnable examples of gwapi: see the `[[example]]` entries of this package and the README.

#![forbid(unsafe_code)]
