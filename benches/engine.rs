//! Engine benchmarks (criterion): parsing, full assessment and assessment
//! alone, over a fixed set of 200 generated questionnaires
//! (`zhizao::sample`, seed 2016, no invalid files). Throughput is in files.
//!
//! Run: `cargo bench --bench engine -- --warm-up-time 1 --measurement-time 5`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use zhizao::assess::{Engine, InputInfo};
use zhizao::input::{from_bytes, Loaded};

const FILES: usize = 200;
const SEED: u64 = 2016;

fn corpus() -> Vec<(String, Vec<u8>)> {
    (0..FILES)
        .map(|i| {
            let (name, text) = zhizao::sample::sample(SEED, i, 0.0);
            (name, text.into_bytes())
        })
        .collect()
}

fn parse(files: &[(String, Vec<u8>)]) -> Vec<Loaded> {
    files
        .iter()
        .map(|(name, bytes)| match from_bytes(bytes, name) {
            Ok(l) => l,
            Err((d, _)) => panic!("{name}: generated sample does not parse: {d:?}"),
        })
        .collect()
}

fn engine(c: &mut Criterion) {
    let files = corpus();
    let total_bytes: usize = files.iter().map(|f| f.1.len()).sum();
    eprintln!(
        "corpus: {FILES} files, {total_bytes} bytes ({} bytes/file on average)",
        total_bytes / FILES
    );
    let loaded = parse(&files);
    let engine = Engine::default();

    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(FILES as u64));

    g.bench_function("parse_only", |b| {
        b.iter(|| {
            for (name, bytes) in &files {
                let l = from_bytes(black_box(bytes), name);
                black_box(l.is_ok());
            }
        })
    });

    g.bench_function("parse_and_assess", |b| {
        b.iter(|| {
            for (name, bytes) in &files {
                if let Ok(l) = from_bytes(black_box(bytes), name) {
                    let a = engine.assess(
                        &l.questionnaire,
                        InputInfo {
                            file: name.clone(),
                            sha256: l.sha256,
                        },
                        l.warnings,
                    );
                    black_box(a);
                }
            }
        })
    });

    g.bench_function("assess_only", |b| {
        b.iter(|| {
            for (l, (name, _)) in loaded.iter().zip(&files) {
                let a = engine.assess(
                    black_box(&l.questionnaire),
                    InputInfo {
                        file: name.clone(),
                        sha256: l.sha256.clone(),
                    },
                    l.warnings.clone(),
                );
                black_box(a);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
