//! Synthetic questionnaires (合成问卷样本) for bureau-screening tests and benchmarks.
//!
//! [`sample`] turns a `(seed, index)` pair into one questionnaire file: a
//! fictitious Licheng factory with plausible, mutually consistent figures.
//! The generator covers the five policy sectors (textile/footwear/apparel
//! most often, as in Licheng), small non-规上 firms to large groups, discrete
//! and process plants, three maturity profiles (far behind / digital-workshop
//! level / smart-factory level) and the facts the subsidy tracks look at
//! (local 数控一代 purchases in every unit band, online brands around the
//! 3,000万 line, recognitions, patents, standards, listings, logistics
//! ratings, technology centres…).
//!
//! **Determinism.** Every file depends only on `(seed, index, invalid_share)`:
//! a small self-contained PRNG (splitmix64) is seeded from the seed, the index
//! and a stream number, and the generator uses integer arithmetic (plus exact
//! f64 division by 10 for percentages), so the text is byte-identical whatever
//! the thread count, the file count or the platform. Whether a file is
//! invalid is decided by its own stream, so raising `invalid_share` only turns
//! more files invalid; the valid ones do not change.
//!
//! **Invalid files.** A share of files is broken on purpose, the way real
//! submissions break: a YAML syntax error, a misspelt field name, `85%` in a
//! number field, a consistency error (a part larger than its whole…), an
//! empty file, a file that is not YAML at all, a credit code with a wrong
//! check character, an unknown enum value, a missing required field. Each
//! fails [`crate::input::from_bytes`] with at least one error.

use crate::money::Wan;
use crate::questionnaire::Questionnaire;
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;

mod breakage;
mod emit;
mod factory;

use breakage::{
    bad_credit_code, break_consistency, break_field_name, break_number, break_required,
    break_syntax, break_value, not_yaml, Invalid,
};
use emit::{emit, header, Style};
use factory::{factory, Meta};

/// Options of [`write_samples`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleOptions {
    /// How many files to write (indices `0..count`).
    pub count: usize,
    /// Seed: the same seed always gives the same files.
    pub seed: u64,
    /// Share of deliberately invalid files, 0.0–1.0.
    pub invalid_share: f64,
}

/// File name and text of sample `index`.
///
/// `invalid_share` outside 0.0–1.0 is clamped (NaN counts as 0).
pub fn sample(seed: u64, index: usize, invalid_share: f64) -> (String, String) {
    let s = generate(seed, index, invalid_share);
    (s.file_name, s.text)
}

/// Write `count` files into `dir` (created if missing), in parallel with rayon; returns how many were invalid.
///
/// An `invalid_share` outside 0.0–1.0 (or NaN) is an `InvalidInput` error.
pub fn write_samples(dir: &Path, opts: &SampleOptions) -> std::io::Result<usize> {
    let share = opts.invalid_share;
    if !(0.0..=1.0).contains(&share) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("invalid share {share} is not between 0 and 1"),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
    (0..opts.count)
        .into_par_iter()
        .map(|i| {
            let s = generate(opts.seed, i, share);
            let path = dir.join(&s.file_name);
            std::fs::write(&path, s.text.as_bytes()).map_err(|e| with_path(e, &path))?;
            Ok(usize::from(s.invalid.is_some()))
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

fn with_path(e: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// PRNG

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// splitmix64, one independent stream per (seed, index, stream).
#[derive(Debug, Clone)]
struct Rng(u64);

/// Stream deciding whether a file is invalid.
const STREAM_DECIDE: u64 = 1;
/// Stream generating the factory.
const STREAM_CONTENT: u64 = 2;
/// Stream choosing how an invalid file is broken.
const STREAM_BREAK: u64 = 3;

impl Rng {
    fn new(seed: u64, index: usize, stream: u64) -> Rng {
        let a = mix(seed ^ stream.wrapping_mul(GOLDEN));
        Rng(mix(a ^ mix((index as u64).wrapping_add(GOLDEN))))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`; 0 gives 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below(hi - lo + 1)
        }
    }

    /// Uniform in `lo..=hi`, signed.
    fn irange(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo + 1) as u64) as i64
        }
    }

    /// True with probability `permille`/1000.
    fn chance(&mut self, permille: u64) -> bool {
        self.below(1000) < permille
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }

    fn weighted<T: Copy>(&mut self, xs: &[(T, u64)]) -> T {
        let total: u64 = xs.iter().map(|x| x.1).sum();
        let mut r = self.below(total);
        for (x, w) in xs {
            if r < *w {
                return *x;
            }
            r -= w;
        }
        xs[xs.len() - 1].0
    }

    /// `x × permille / 1000`, rounded, with the permille drawn from `lo..=hi`.
    fn share_of(&mut self, x: u64, lo: u64, hi: u64) -> u64 {
        part(x, self.range(lo, hi))
    }
}

/// `x × permille / 1000`, rounded half up.
fn part(x: u64, permille: u64) -> u64 {
    (x * permille + 500) / 1000
}

/// Money from tenths of 万元.
fn wan(tenths: u64) -> Decimal {
    Decimal::new(tenths as i64, 1).normalize()
}

/// [`wan`] as a questionnaire amount (generated figures are far inside its bound).
fn wan_t(tenths: u64) -> Wan {
    Wan::clamped(wan(tenths))
}

/// A whole number as a questionnaire amount.
fn wan_n(n: impl Into<Decimal>) -> Wan {
    Wan::clamped(n.into())
}

/// A percentage from tenths of a percent.
fn pct(tenths: i64) -> f64 {
    tenths as f64 / 10.0
}

// ---------------------------------------------------------------------------
// Generation

/// One generated sample.
#[derive(Debug, Clone)]
struct Sample {
    file_name: String,
    text: String,
    /// How it was broken, when it was.
    invalid: Option<Invalid>,
    /// The valid questionnaire (before any breakage); read by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    questionnaire: Questionnaire,
    /// What the generator chose; read by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    meta: Meta,
}

fn generate(seed: u64, index: usize, invalid_share: f64) -> Sample {
    let share = if invalid_share.is_nan() {
        0.0
    } else {
        invalid_share.clamp(0.0, 1.0)
    };
    let broken = Rng::new(seed, index, STREAM_DECIDE).unit() < share;
    let mut rng = Rng::new(seed, index, STREAM_CONTENT);
    let (q, meta) = factory(&mut rng);
    let style = Style {
        full: rng.chance(450),
        comments: rng.chance(500),
        flow_ratings: rng.chance(700),
        block_pairs: rng.chance(500),
    };
    let file_name = format!("sample-{index:06}.yaml");
    let head = header(seed, index, &q, &meta);
    if !broken {
        let text = emit(&q, &meta, style, &head);
        return Sample {
            file_name,
            text,
            invalid: None,
            questionnaire: q,
            meta,
        };
    }
    let mut br = Rng::new(seed, index, STREAM_BREAK);
    let kind = br.weighted(&Invalid::WEIGHTS);
    let text = broken_text(kind, &q, &meta, style, head, &mut br);
    Sample {
        file_name,
        text,
        invalid: Some(kind),
        questionnaire: q,
        meta,
    }
}

/// The text of a file broken in way `kind`, with a note in its header.
fn broken_text(
    kind: Invalid,
    q: &Questionnaire,
    meta: &Meta,
    style: Style,
    mut head: Vec<String>,
    br: &mut Rng,
) -> String {
    let mut note = |what: &str| {
        head.push(format!(
            "# 注意: 本样本故意无效, 用于测试 / NOTE: deliberately invalid, for testing ({what})"
        ));
    };
    match kind {
        Invalid::Empty => br
            .weighted(&[
                ("", 50),
                ("\n\n", 20),
                ("# 智能制造评估问卷\n# (未填写)\n", 30),
            ])
            .to_string(),
        Invalid::NotYaml => not_yaml(q, br),
        Invalid::Consistency => {
            let mut bad = q.clone();
            let what = break_consistency(&mut bad, br);
            note(what);
            emit(&bad, meta, style, &head)
        }
        Invalid::CreditCode => {
            let mut bad = q.clone();
            let (code, what) = bad_credit_code(q.enterprise.credit_code.as_deref(), br);
            bad.enterprise.credit_code = Some(code);
            note(what);
            emit(&bad, meta, style, &head)
        }
        Invalid::Syntax
        | Invalid::Typo
        | Invalid::UnitInNumber
        | Invalid::UnknownValue
        | Invalid::MissingRequired => {
            note(match kind {
                Invalid::Syntax => "YAML syntax",
                Invalid::Typo => "field name",
                Invalid::UnitInNumber => "unit in a number",
                Invalid::UnknownValue => "value not in the list",
                _ => "required field missing",
            });
            let text = emit(q, meta, style, &head);
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            match kind {
                Invalid::Syntax => break_syntax(&mut lines, br),
                Invalid::Typo => break_field_name(&mut lines, br),
                Invalid::UnitInNumber => break_number(&mut lines, br),
                Invalid::UnknownValue => break_value(&mut lines, br),
                _ => break_required(&mut lines, br),
            }
            let mut text = lines.join("\n");
            text.push('\n');
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Engine, InputInfo};
    use crate::criteria::Status;
    use crate::diag::Code;
    use crate::policy::eval::TrackStatus;
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    fn load(s: &Sample) -> Result<crate::input::Loaded, Vec<crate::diag::Diagnostic>> {
        crate::input::from_bytes(s.text.as_bytes(), &s.file_name).map_err(|e| e.0)
    }

    #[test]
    fn same_seed_and_index_give_the_same_bytes() {
        for i in 0..200 {
            assert_eq!(sample(42, i, 0.3), sample(42, i, 0.3));
        }
        assert_ne!(sample(42, 0, 0.0).1, sample(43, 0, 0.0).1);
        assert_ne!(sample(42, 0, 0.0).1, sample(42, 1, 0.0).1);
        assert_eq!(sample(42, 7, 0.0).0, "sample-000007.yaml");
    }

    #[test]
    fn files_do_not_depend_on_count_or_threads() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let opts = |count| SampleOptions {
            count,
            seed: 9,
            invalid_share: 0.25,
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let four = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let na = one.install(|| write_samples(a.path(), &opts(40))).unwrap();
        let nb = four
            .install(|| write_samples(&b.path().join("new/dir"), &opts(60)))
            .unwrap();
        let mut invalid_first_40 = 0;
        for i in 0..40 {
            let name = format!("sample-{i:06}.yaml");
            let x = std::fs::read(a.path().join(&name)).unwrap();
            let y = std::fs::read(b.path().join("new/dir").join(&name)).unwrap();
            assert_eq!(x, y, "{name}");
            assert_eq!(x, sample(9, i, 0.25).1.into_bytes());
            invalid_first_40 += usize::from(generate(9, i, 0.25).invalid.is_some());
        }
        assert_eq!(na, invalid_first_40);
        assert!(nb >= na);
        assert_eq!(std::fs::read_dir(a.path()).unwrap().count(), 40);
        assert!(write_samples(
            a.path(),
            &SampleOptions {
                count: 1,
                seed: 0,
                invalid_share: 1.5
            }
        )
        .is_err());
    }

    #[test]
    fn raising_the_invalid_share_leaves_valid_files_alone() {
        for i in 0..300 {
            let lo = generate(5, i, 0.1);
            let hi = generate(5, i, 0.6);
            if lo.invalid.is_some() {
                assert!(hi.invalid.is_some(), "{i}");
            }
            if hi.invalid.is_none() {
                assert_eq!(lo.text, hi.text, "{i}");
            }
            assert_eq!(lo.questionnaire, hi.questionnaire);
        }
    }

    /// Valid samples parse without errors, read back to the generated
    /// questionnaire exactly, carry a valid credit code and assess.
    #[test]
    fn valid_samples_pass_and_read_back_identically() {
        let engine = Engine::default();
        let mut warnings = 0;
        for i in 0..500 {
            let s = generate(2017, i, 0.0);
            assert!(s.invalid.is_none());
            let loaded = match load(&s) {
                Ok(l) => l,
                Err(d) => panic!("{}: {:#?}\n{}", s.file_name, d, s.text),
            };
            assert_eq!(
                loaded.questionnaire, s.questionnaire,
                "{}\n{}",
                s.file_name, s.text
            );
            warnings += usize::from(!loaded.warnings.is_empty());
            let e = &loaded.questionnaire.enterprise;
            if let Some(code) = &e.credit_code {
                assert!(code.starts_with("91350502"), "{code}");
                assert!(crate::validate::check_credit_code(code).is_ok(), "{code}");
            }
            if let (Some(rev), Some(flag)) = (e.main_revenue_wan, e.above_designated_size) {
                assert_eq!(flag, rev.get() >= Decimal::from(2000), "{}", s.file_name);
            }
            let a = engine.assess(
                &loaded.questionnaire,
                InputInfo {
                    file: s.file_name.clone(),
                    sha256: loaded.sha256.clone(),
                },
                loaded.warnings,
            );
            assert_eq!(a.subsidies.len(), engine.policy.tracks.len());
        }
        assert!(warnings <= 5, "{warnings} of 500 samples have warnings");
    }

    #[test]
    fn the_invalid_share_is_respected_and_every_invalid_file_fails() {
        let n = 2000;
        let mut kinds: HashMap<Invalid, usize> = HashMap::new();
        let mut invalid = 0;
        for i in 0..n {
            let s = generate(77, i, 0.2);
            match s.invalid {
                Some(kind) => {
                    invalid += 1;
                    *kinds.entry(kind).or_default() += 1;
                    let errs = match load(&s) {
                        Ok(_) => panic!("{} ({kind:?}) passed:\n{}", s.file_name, s.text),
                        Err(d) => d,
                    };
                    assert!(errs.iter().any(|d| d.is_error()), "{}", s.file_name);
                }
                None => assert!(load(&s).is_ok(), "{}\n{}", s.file_name, s.text),
            }
        }
        let share = invalid as f64 / n as f64;
        assert!((0.17..=0.23).contains(&share), "{share}");
        for (kind, _) in Invalid::WEIGHTS {
            assert!(
                kinds.get(&kind).copied().unwrap_or(0) > 0,
                "{kind:?} never drawn"
            );
        }
        assert!((0..100).all(|i| generate(1, i, 0.0).invalid.is_none()));
        assert!((0..100).all(|i| generate(1, i, 1.0).invalid.is_some()));
        assert!((0..100).all(|i| generate(1, i, f64::NAN).invalid.is_none()));
    }

    /// Every way of breaking a file, on many files: each one must fail.
    #[test]
    fn every_breakage_fails_on_many_files() {
        let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
        for i in 0..3000 {
            let s = generate(3, i, 1.0);
            match load(&s) {
                Ok(_) => panic!("{} ({:?}) passed:\n{}", s.file_name, s.invalid, s.text),
                Err(d) => {
                    for x in d.iter().filter(|d| d.is_error()) {
                        *by_code.entry(x.code.as_str()).or_default() += 1;
                    }
                }
            }
        }
        // Syntax, unknown fields, types, consistency, ranges and credit codes all show up.
        for code in [
            Code::FieldUnknown,
            Code::Consistency,
            Code::Range,
            Code::CreditCode,
        ] {
            assert!(
                by_code.contains_key(code.as_str()),
                "{code} missing: {by_code:?}"
            );
        }
        assert!(by_code.len() >= 8, "{by_code:?}");
    }

    #[test]
    fn samples_are_varied() {
        let engine = Engine::default();
        let mut sectors: BTreeMap<&str, usize> = BTreeMap::new();
        let mut modes = BTreeSet::new();
        let mut sizes = BTreeSet::new();
        let mut profiles = BTreeSet::new();
        let mut styles = BTreeSet::new();
        // local-cnc-purchase status per unit band.
        let mut cnc: BTreeSet<(&str, String)> = BTreeSet::new();
        let mut criteria: BTreeSet<(String, String)> = BTreeSet::new();
        let mut levels = BTreeSet::new();
        let mut tracks_eligible: BTreeSet<String> = BTreeSet::new();
        let mut online_near_line = 0;
        let mut online_over_line = 0;
        let n = 1000;
        for i in 0..n {
            let s = generate(11, i, 0.0);
            let q = &s.questionnaire;
            *sectors.entry(q.enterprise.sector.id()).or_default() += 1;
            modes.insert(format!("{:?}", q.enterprise.production_mode));
            sizes.insert(format!("{:?}", s.meta.size));
            profiles.insert(format!("{:?}", s.meta.profile));
            styles.insert(s.text.contains(": null"));
            if let Some(o) = q.ecommerce.online_sales_wan.map(Decimal::from) {
                if q.ecommerce.original_online_brand == Some(true) {
                    if o > Decimal::from(3000) {
                        online_over_line += 1;
                    } else if o >= Decimal::from(2500) {
                        online_near_line += 1;
                    }
                }
            }
            let a = engine.assess(
                q,
                InputInfo {
                    file: s.file_name.clone(),
                    sha256: String::new(),
                },
                vec![],
            );
            if let Some(l) = a.maturity.level {
                levels.insert(l);
            }
            for c in &a.criteria {
                criteria.insert((c.id.clone(), format!("{:?}", c.status)));
            }
            for t in &a.subsidies {
                if t.status == TrackStatus::Eligible {
                    tracks_eligible.insert(t.id.clone());
                }
                if t.id == "local-cnc-purchase" {
                    let band = match q.purchases.cnc_generation_units {
                        None | Some(0) => "none",
                        Some(1..=10) => "1-10",
                        Some(11..=50) => "11-50",
                        Some(51..=100) => "51-100",
                        Some(_) => ">100",
                    };
                    cnc.insert((band, format!("{:?}", t.status)));
                }
            }
        }
        assert_eq!(sectors.len(), 5, "{sectors:?}");
        let textile = sectors["textile_footwear_apparel"];
        assert!(sectors.values().all(|&c| c <= textile), "{sectors:?}");
        assert!(textile * 100 / n >= 35, "{sectors:?}");
        assert_eq!(modes.len(), 2);
        assert_eq!(sizes.len(), 3);
        assert_eq!(profiles.len(), 3);
        assert_eq!(styles.len(), 2);
        for band in ["1-10", "11-50", "51-100"] {
            assert!(
                cnc.contains(&(band, "Eligible".to_string())),
                "{band}: {cnc:?}"
            );
        }
        assert!(
            cnc.contains(&(">100", "NotEligible".to_string())),
            "{cnc:?}"
        );
        for c in [
            "automated_digital_enterprise",
            "digital_workshop",
            "smart_factory",
        ] {
            for st in [Status::Met, Status::NotMet] {
                assert!(
                    criteria.contains(&(c.to_string(), format!("{st:?}"))),
                    "{c} never {st:?}: {criteria:?}"
                );
            }
        }
        assert!(levels.len() >= 4, "{levels:?}");
        assert!(online_near_line > 5 && online_over_line > 5);
        for t in [
            "local-cnc-purchase",
            "online-brand-award",
            "tech-center-award",
            "patent-award",
            "standard-award",
            "brand-award",
            "listing-award",
            "logistics-rating",
        ] {
            assert!(
                tracks_eligible.contains(t),
                "{t} never eligible: {tracks_eligible:?}"
            );
        }
    }
}
