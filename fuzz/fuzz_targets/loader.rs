//! Fuzzes the YAML loader with arbitrary bytes: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let out = gwapi_model::load::Loader::default().load_bytes("fuzz.yaml", data);
    let _ = gwapi_model::Snapshot::from_load(out);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = gwapi_model::load::Loader::default().load_corpus_map("fuzz.yaml", text);
    }
});
