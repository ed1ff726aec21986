//! The subcommands.

pub mod crds;
pub mod lint;
