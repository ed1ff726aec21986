//! ServiceImport (multicluster.x-k8s.io).
//!
//! (Being written: owned by the Gateway API types helper.)
