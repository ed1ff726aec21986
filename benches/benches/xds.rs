//! IR -> xDS on generated IR (1 Gateway with 1,000 / 10,000 HTTPRoutes): the translation alone, the bare
//! protobuf encoding of its output (the floor no translator can beat), translation + encoding, and the whole
//! path from the snapshot to encoded resources.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gwapi_ir::{Translator, TranslatorConfig};
use gwapi_xds::{XdsConfig, XdsTranslator};

fn xds(c: &mut Criterion) {
    let xds_translator = XdsTranslator::new(XdsConfig::default());
    let translator = Translator::new(TranslatorConfig::default().gateway_class_name("eg"));
    let mut group = c.benchmark_group("xds");
    group.sample_size(10);
    for routes in [1_000, 10_000] {
        let snapshot = gwapi_benches::http_routes_snapshot(routes);
        let ir = gwapi_benches::http_routes_ir(routes);
        let resources = xds_translator.translate(&ir).unwrap_or_default();
        group.bench_with_input(BenchmarkId::new("ir_to_xds", routes), &ir, |b, ir| {
            b.iter(|| xds_translator.translate(black_box(ir)));
        });
        group.bench_with_input(BenchmarkId::new("encode", routes), &resources, |b, r| {
            b.iter(|| gwapi_benches::encode(black_box(r)));
        });
        group.bench_with_input(
            BenchmarkId::new("ir_to_xds_encoded", routes),
            &ir,
            |b, ir| {
                b.iter(|| {
                    let r = xds_translator.translate(black_box(ir)).unwrap_or_default();
                    gwapi_benches::encode(&r)
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("snapshot_to_encoded", routes),
            &snapshot,
            |b, s| {
                b.iter(|| {
                    let t = translator.translate(black_box(s));
                    t.xds
                        .values()
                        .map(|ir| {
                            let r = xds_translator.translate(ir).unwrap_or_default();
                            gwapi_benches::encode(&r)
                        })
                        .sum::<usize>()
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, xds);
criterion_main!(benches);
