//! Facts benchmark (criterion): `facts::build` alone over the engine
//! benchmark's corpus (200 generated questionnaires, seed 2016), the stages
//! before it computed once outside the loop.
//!
//! Run: `cargo bench --bench facts -- --warm-up-time 1 --measurement-time 5`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

const FILES: usize = 200;
const SEED: u64 = 2016;

fn facts(c: &mut Criterion) {
    let pack = zhizao::criteria::default_pack();
    let inputs: Vec<_> = (0..FILES)
        .map(|i| {
            let (name, text) = zhizao::sample::sample(SEED, i, 0.0);
            let q = match zhizao::input::from_bytes(text.as_bytes(), &name) {
                Ok(l) => l.questionnaire,
                Err((d, _)) => panic!("{name}: generated sample does not parse: {d:?}"),
            };
            let ind = zhizao::indicators::compute(&q);
            let m = zhizao::maturity::estimate(&pack.maturity, &q, &ind);
            let crit = zhizao::criteria::evaluate(&pack, &q, &ind, &m);
            (q, ind, crit, m)
        })
        .collect();
    let mut g = c.benchmark_group("facts");
    g.throughput(Throughput::Elements(FILES as u64));
    g.bench_function("build", |b| {
        b.iter(|| {
            for (q, ind, crit, m) in &inputs {
                black_box(zhizao::facts::build(black_box(q), ind, crit, m));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, facts);
criterion_main!(benches);
