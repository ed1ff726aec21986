//! The asynchronous glue shared by the standalone and Kubernetes modes: the store shared by providers,
//! the debounced translation loop, where xDS goes, and the state the admin server shows.

mod metrics;
mod shared_store;
mod sink;
mod state;
mod translate_loop;

pub use metrics::Metrics;
pub use shared_store::SharedStore;
pub use sink::{SinkStats, XdsSink};
pub use state::ControllerState;
pub use translate_loop::{Observer, TranslateLoop};
