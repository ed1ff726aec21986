//! The subcommands.

pub mod crds;
pub mod lint;
pub mod render;
pub mod run;
pub mod standalone;
pub mod translate;
