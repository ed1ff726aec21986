//! `translate` on generated snapshots: 1 Gateway with 100 / 1,000 / 10,000 HTTPRoutes, and the reference's
//! large scenario (500 HTTPRoutes, 250 GRPCRoutes, 100 UDPRoutes, 500 policies of each kind) and 1,000
//! HTTPRoutes with 500 policies of each kind, each loaded from YAML (measured) then translated (measured).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gwapi_benches::large::{Scale, manifest};
use gwapi_ir::{Translator, TranslatorConfig};
use gwapi_model::builders::snapshot_in_order;
use gwapi_model::load::{Loader, LoaderConfig};

fn translate(c: &mut Criterion) {
    let translator = Translator::new(TranslatorConfig::default().gateway_class_name("eg"));
    let mut group = c.benchmark_group("translate");
    group.sample_size(10);
    for routes in [100, 1_000, 10_000] {
        let snapshot = gwapi_benches::http_routes_snapshot(routes);
        group.bench_with_input(
            BenchmarkId::new("http_routes", routes),
            &snapshot,
            |b, s| {
                b.iter(|| translator.translate(black_box(s)));
            },
        );
    }
    let loader = Loader::new(LoaderConfig::default());
    for (name, scale) in [("large", Scale::LARGE), ("policies", Scale::POLICIES)] {
        let text = manifest(scale);
        group.bench_with_input(BenchmarkId::new("load", name), &text, |b, text| {
            b.iter(|| loader.load_str("bench.yaml", black_box(text)));
        });
        let snapshot = snapshot_in_order(loader.load_str("bench.yaml", &text).into_resources());
        group.bench_with_input(BenchmarkId::new("scenario", name), &snapshot, |b, s| {
            b.iter(|| translator.translate(black_box(s)));
        });
    }
    group.finish();
}

criterion_group!(benches, translate);
criterion_main!(benches);
