//! `translate` on generated snapshots: 1 Gateway with 100 / 1,000 HTTPRoutes.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gwapi_ir::{Translator, TranslatorConfig};

fn translate(c: &mut Criterion) {
    let translator = Translator::new(TranslatorConfig::default().gateway_class_name("eg"));
    let mut group = c.benchmark_group("translate");
    for routes in [100, 1_000] {
        let snapshot = gwapi_benches::http_routes_snapshot(routes);
        group.bench_with_input(
            BenchmarkId::new("http_routes", routes),
            &snapshot,
            |b, s| {
                b.iter(|| translator.translate(black_box(s)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, translate);
criterion_main!(benches);
