//! Bureau screening (批量筛选): thousands of questionnaires at once.
//!
//! Two passes keep memory flat as the number of files grows:
//! 1. Files are screened in parallel (rayon) in fixed-size chunks, in the
//!    sorted order of their paths so results do not depend on the number of
//!    threads. Each worker parses a run of files, then reduces each one to a
//!    [`Brief`] (the assessment's numbers, no texts) and a compact [`Row`],
//!    folded into fixed-size aggregates (targets, budget, top-N rankings,
//!    per-sector histograms for percentiles). When an export is asked for,
//!    the row is also spilled to a temporary file. Nothing per file is held
//!    beyond its chunk.
//! 2. For an export, the spilled rows are read back one at a time, given
//!    their peer percentiles, and streamed out (XLSX in constant-memory mode,
//!    CSV, or JSON).
//!
//! Every input is accounted for: assessed, or listed as rejected with file,
//! line and reason. A bad file never stops the run.

mod dedup;
pub mod export;
pub mod packs;
pub mod tally;
pub mod targets;
pub mod walk;

pub use packs::Packs;

use crate::assess::{Assessment, Brief, Engine};
use crate::criteria::Status;
use crate::diag::{Code, Diagnostic};
use crate::lang::Text;
use crate::money::Range;
use crate::policy::eval::{ByFunder, TrackStatus};
use crate::policy::pack::Funder;
use crate::questionnaire::{ProductionMode, Sector};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

/// Indicators compared with peers, in column order.
pub const PEER_INDICATORS: [&str; 7] = [
    "cnc_ratio",
    "automation_rate",
    "robot_density",
    "equipment_digitization_rate",
    "networking_rate",
    "digital_design_tools",
    "labor_productivity",
];

/// [`PEER_INDICATORS`] as indicator ids, in the same order: a row finds its
/// indicators by id, not by comparing names (a test checks the two agree).
const PEER_IDS: [crate::indicators::IndicatorId; 7] = {
    use crate::indicators::IndicatorId as I;
    [
        I::CncRatio,
        I::AutomationRate,
        I::RobotDensity,
        I::EquipmentDigitizationRate,
        I::NetworkingRate,
        I::DigitalDesignTools,
        I::LaborProductivity,
    ]
};

/// Files assessed per parallel chunk: large enough to keep every core busy,
/// small enough that a chunk's results are a bounded amount of memory.
pub const CHUNK: usize = 2048;

/// How many candidates each ranking keeps.
pub const DEFAULT_TOP: usize = 10;

/// One track of one enterprise, in a row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RowTrack {
    /// Track id; `pack-id/track-id` when several packs are screened
    /// together ([`Packs::track_name`]).
    pub id: String,
    /// Status.
    pub status: TrackStatus,
    /// Amount by funder after the district cap (an eligible track: what is
    /// due, the cap decided on eligible awards only).
    pub by_funder: ByFunder,
    /// An eligible track's district share in the potential totals, when the
    /// cap decided on eligible + candidates cuts it further.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential_district: Option<Range>,
    /// The funder whose share `potential_district` is: the one its pack's
    /// per-enterprise cap limits (区 in the 2016 notice). Set only with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capped_funder: Option<Funder>,
}

impl RowTrack {
    /// Its amount by funder in the potential totals (eligible + candidates).
    fn potential(&self) -> ByFunder {
        let mut by = self.by_funder.clone();
        if let Some(d) = self.potential_district {
            let who = self
                .capped_funder
                .clone()
                .unwrap_or_else(|| Funder::standard("district"));
            by.insert(who, d);
        }
        by
    }
}

/// The compact result of one enterprise.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    /// Input file.
    pub file: String,
    /// Enterprise name.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: Option<String>,
    /// Sector.
    pub sector: Sector,
    /// Discrete or process.
    pub production_mode: ProductionMode,
    /// 规上.
    pub above_designated_size: Option<bool>,
    /// Data year.
    pub data_year: i32,
    /// 工业总产值, 万元.
    pub industrial_output_wan: Option<Decimal>,
    /// Values of [`PEER_INDICATORS`] (ratios 0–1).
    pub indicators: Vec<Option<f64>>,
    /// Estimated maturity level.
    pub level: Option<u8>,
    /// Maturity score.
    pub score: Option<f64>,
    /// 自动化数字化制造企业 criterion.
    pub automated_digital: Status,
    /// 数字化车间 criterion.
    pub digital_workshop: Status,
    /// 智能工厂 criterion.
    pub smart_factory: Status,
    /// Already recognised as a digital workshop.
    pub recognised_digital_workshop: bool,
    /// Already recognised as a smart factory.
    pub recognised_smart_factory: bool,
    /// Eligible support by funder (after the district cap).
    pub eligible: ByFunder,
    /// Eligible + candidate support by funder (after the district cap).
    pub potential: ByFunder,
    /// Tracks that are eligible, candidate or near.
    pub tracks: Vec<RowTrack>,
    /// The district cap binds for this enterprise.
    pub district_cap_binding: bool,
    /// The district-cap figure is missing.
    pub district_cap_missing: bool,
    /// The data year is after the policy pack's horizon: amounts are computed
    /// but rest on a reading [R] (see the assessment's validity note).
    #[serde(default)]
    pub policy_beyond_horizon: bool,
    /// Robots, for the aggregate robot density.
    pub robots: Option<u32>,
    /// Production workers.
    pub workers: Option<u32>,
    /// CNC key equipment.
    pub key_cnc: Option<u32>,
    /// Key equipment.
    pub key_total: Option<u32>,
    /// Plausibility warnings.
    pub warnings: usize,
    /// 数字化水平: the first score sheet (level pack) that applied to the
    /// data year. `None` when none applied (a 2017 file): no column then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_level: Option<RowLevel>,
    /// 智能工厂等级: the first ladder (level pack) that applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smart_factory_level: Option<RowLevel>,
}

/// Where a row stands on one level pack (数字化水平, 智能工厂梯度).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowLevel {
    /// The level pack's id (`miit-sme-digital-2024` …).
    pub pack: String,
    /// Points of a score sheet (of 100); `None` for a ladder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Decimal>,
    /// Level reached: 0 below the first, `None` when data is missing.
    pub level: Option<u8>,
}

impl RowLevel {
    /// The first sheet and the first ladder of a factory's levels.
    fn of(l: &crate::levels::LevelBrief) -> (Option<RowLevel>, Option<RowLevel>) {
        let row = |p: &crate::levels::PackLevel| RowLevel {
            pack: p.pack.clone(),
            score: p.score,
            level: p.level,
        };
        (l.sheets.first().map(row), l.ladders.first().map(row))
    }
}

/// What a row is built from: an assessment's or a brief's numbers.
struct RowParts<'a, T> {
    file: String,
    q: &'a crate::questionnaire::Questionnaire,
    indicators: &'a crate::indicators::Indicators,
    maturity: &'a crate::maturity::Maturity,
    criteria: &'a [crate::criteria::CriterionResult],
    /// Every track: its name in the row ([`Packs::track_name`]), status,
    /// amount by funder, and the capped funder's potential share with that funder.
    tracks: T,
    eligible: &'a ByFunder,
    potential: &'a ByFunder,
    cap_binding: bool,
    cap_missing: bool,
    beyond_horizon: bool,
    warnings: usize,
    levels: Cow<'a, crate::levels::LevelBrief>,
}

/// Whether a cap's funder is district-level money (区级): what the screening's
/// district-cap columns count.
fn is_district(f: &crate::policy::pack::Funder) -> bool {
    f.level() == crate::policy::pack::FunderLevel::District
}

impl Row {
    /// Build the compact row of an assessment.
    pub fn from_assessment(a: &Assessment, q: &crate::questionnaire::Questionnaire) -> Row {
        Row::build(RowParts {
            file: a.input.file.clone(),
            q,
            indicators: &a.indicators,
            maturity: &a.maturity,
            criteria: &a.criteria,
            tracks: a.subsidies.iter().map(|t| {
                let name = match &t.pack {
                    Some(p) if !a.packs.by_data_year => {
                        Cow::Owned(packs::track_name(true, p, &t.id))
                    }
                    _ => Cow::Borrowed(t.id.as_str()),
                };
                let capped = t.district_potential.zip(t.capped_funder.clone());
                (name, t.status, &t.by_funder, capped)
            }),
            eligible: &a.totals.eligible.by_funder,
            potential: &a.totals.potential.by_funder,
            // The district-cap columns count the caps on district-level money, whichever pack sets them.
            cap_binding: a.caps().any(|d| is_district(&d.funder) && d.binding),
            cap_missing: a.caps().any(|d| is_district(&d.funder) && d.cap.is_none()),
            beyond_horizon: a.packs.beyond_horizon,
            warnings: a.warnings.len(),
            levels: Cow::Owned(a.levels.brief()),
        })
    }

    /// Build the row of a brief (the screening path: no assessment, no
    /// texts) on one pack; equal to [`Row::from_assessment`] of the same
    /// questionnaire when the engine holds that pack alone.
    pub fn from_brief(
        b: &Brief,
        q: &crate::questionnaire::Questionnaire,
        pack: &crate::policy::pack::PolicyPack,
        file: String,
        warnings: usize,
    ) -> Row {
        Row::from_brief_packs(b, q, &Packs::new(vec![pack]), file, warnings)
    }

    /// Build the row of a brief on every pack the brief was computed with
    /// ([`Engine::brief`] joins the tracks of all packs in pack order);
    /// equal to [`Row::from_assessment`] of the same questionnaire.
    pub fn from_brief_packs(
        b: &Brief,
        q: &crate::questionnaire::Questionnaire,
        packs: &Packs,
        file: String,
        warnings: usize,
    ) -> Row {
        let district = || b.policy.caps().filter(|c| is_district(&c.funder));
        Row::build(RowParts {
            file,
            q,
            indicators: &b.indicators,
            maturity: &b.maturity,
            criteria: &b.criteria,
            tracks: packs
                .track_names()
                .iter()
                .zip(&b.policy.tracks)
                .map(|((name, capped), o)| {
                    let potential = o.district_potential.zip(capped.clone());
                    (
                        Cow::Borrowed(name.as_str()),
                        o.status,
                        &o.by_funder,
                        potential,
                    )
                }),
            eligible: &b.policy.eligible_totals.by_funder,
            potential: &b.policy.potential_totals.by_funder,
            cap_binding: district().any(|c| !c.cut.is_empty()),
            cap_missing: district().any(|c| c.cap.is_none()),
            beyond_horizon: b.policy.beyond_horizon,
            warnings,
            levels: Cow::Borrowed(&b.levels),
        })
    }

    fn build<'a>(
        p: RowParts<
            'a,
            impl Iterator<
                Item = (
                    Cow<'a, str>,
                    TrackStatus,
                    &'a ByFunder,
                    Option<(Range, Funder)>,
                ),
            >,
        >,
    ) -> Row {
        let q = p.q;
        let e = &q.enterprise;
        let status = |id: &str| {
            p.criteria
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.status)
                .unwrap_or(Status::Unknown)
        };
        let f64_of = |d: Decimal| -> Option<f64> { d.try_into().ok() };
        let (digital_level, smart_factory_level) = RowLevel::of(&p.levels);
        Row {
            file: p.file,
            name: e.name.clone(),
            credit_code: e.credit_code.clone(),
            sector: e.sector,
            production_mode: e.production_mode,
            above_designated_size: e.above_designated_size,
            data_year: e.data_year,
            industrial_output_wan: e.industrial_output_wan.map(Decimal::from),
            indicators: PEER_IDS
                .iter()
                .map(|id| p.indicators.of(*id).and_then(|i| i.value).and_then(f64_of))
                .collect(),
            level: p.maturity.level,
            score: p.maturity.score.and_then(f64_of),
            automated_digital: status("automated_digital_enterprise"),
            digital_workshop: status("digital_workshop"),
            smart_factory: status("smart_factory"),
            recognised_digital_workshop: q.recognitions.digital_workshop_year.is_some(),
            recognised_smart_factory: q.recognitions.smart_factory_year.is_some(),
            eligible: p.eligible.clone(),
            potential: p.potential.clone(),
            tracks: p
                .tracks
                .filter(|(_, status, _, _)| {
                    matches!(
                        status,
                        TrackStatus::Eligible | TrackStatus::Candidate | TrackStatus::Near
                    )
                })
                .map(|(id, status, by_funder, potential)| RowTrack {
                    id: id.into_owned(),
                    status,
                    by_funder: by_funder.clone(),
                    potential_district: potential.as_ref().map(|(r, _)| *r),
                    capped_funder: potential.map(|(_, f)| f),
                })
                .collect(),
            district_cap_binding: p.cap_binding,
            district_cap_missing: p.cap_missing,
            policy_beyond_horizon: p.beyond_horizon,
            robots: q.robots.industrial_robots,
            workers: e.production_workers,
            key_cnc: q.equipment.key_equipment_cnc,
            key_total: q.equipment.key_equipment_total,
            warnings: p.warnings,
            digital_level,
            smart_factory_level,
        }
    }

    /// Total potential support (max), CNY; `None` when open-ended.
    pub fn potential_max(&self) -> Option<Decimal> {
        self.potential.values().map(|r| r.max).sum()
    }

    /// Give every funder its declaration among `funders`: a row read back
    /// from the spill names its funders by id only, and a funder the packs
    /// declare (中央, level national) must be that funder again.
    fn redeclare(&mut self, funders: &[Funder]) {
        self.eligible = packs::redeclare(&self.eligible, funders);
        self.potential = packs::redeclare(&self.potential, funders);
        for t in &mut self.tracks {
            t.by_funder = packs::redeclare(&t.by_funder, funders);
            if let Some(f) = &t.capped_funder {
                t.capped_funder = Some(packs::redeclared(f, funders));
            }
        }
    }
}

/// A file that could not be used.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rejected {
    /// File.
    pub file: String,
    /// Line of the first error.
    pub line: Option<usize>,
    /// Column of the first error.
    pub column: Option<usize>,
    /// Error code.
    pub code: String,
    /// Field path.
    pub path: Option<String>,
    /// Reason (first error).
    pub reason: Text,
    /// Number of errors in the file.
    pub errors: usize,
}

impl Rejected {
    /// From the diagnostics of a file.
    pub fn from_diags(file: &str, diags: &[Diagnostic]) -> Rejected {
        let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
        let first = errors.first().copied().or(diags.first());
        Rejected {
            file: file.to_string(),
            line: first.and_then(|d| d.line),
            column: first.and_then(|d| d.column),
            code: first.map(|d| d.code.to_string()).unwrap_or_default(),
            path: first.and_then(|d| d.path.clone()),
            reason: first.map(|d| d.message.clone()).unwrap_or_default(),
            errors: errors.len().max(1),
        }
    }
}

/// A ranked candidate.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// File.
    pub file: String,
    /// Name.
    pub name: String,
    /// Sector.
    pub sector: Sector,
    /// Maturity level.
    pub level: Option<u8>,
    /// Maturity score.
    pub score: Option<f64>,
    /// CNC ratio.
    pub cnc_ratio: Option<f64>,
    /// Potential support (max), CNY.
    pub potential_max: Option<Decimal>,
    /// 数字化水平得分 (of 100), when a score sheet applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_score: Option<Decimal>,
    /// 数字化水平等级 (0 below 一级), when a score sheet applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_level: Option<u8>,
}

impl Candidate {
    fn of(r: &Row) -> Candidate {
        let digital = r.digital_level.as_ref();
        Candidate {
            file: r.file.clone(),
            name: r.name.clone(),
            sector: r.sector,
            level: r.level,
            score: r.score,
            cnc_ratio: r.indicators.first().copied().flatten(),
            // Normalised as money is written (`money`'s serialisers): a
            // ranking folded again from spilled rows (duplicates left out)
            // then reads exactly as one folded in pass 1.
            potential_max: r.potential_max().map(|m| m.normalize()),
            digital_score: digital.and_then(|d| d.score),
            digital_level: digital.and_then(|d| d.level),
        }
    }

    /// Ranking order by `by`, then higher CNC ratio, then file name.
    fn better(&self, o: &Candidate, by: RankBy) -> std::cmp::Ordering {
        let n = |c: &Candidate| c.cnc_ratio.unwrap_or(-1.0);
        let first = match by {
            RankBy::Maturity => {
                let s = |c: &Candidate| c.score.unwrap_or(-1.0);
                s(o).total_cmp(&s(self))
            }
            // Exact points: no float ties between 62.5 and 62.50.
            RankBy::DigitalScore => o
                .digital_score
                .cmp(&self.digital_score)
                .then(o.digital_level.cmp(&self.digital_level)),
        };
        first
            .then(n(o).total_cmp(&n(self)))
            .then(self.file.cmp(&o.file))
    }
}

/// What a ranking orders by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RankBy {
    /// Higher estimated-maturity score first (recognition candidates).
    #[default]
    Maturity,
    /// Higher 数字化水平得分 first.
    DigitalScore,
}

/// A bounded ranking: keeps the best `n`.
#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    /// How many to keep.
    #[serde(skip)]
    pub keep: usize,
    /// What it orders by.
    #[serde(skip)]
    pub by: RankBy,
    /// How many qualified in all.
    pub count: usize,
    /// The best, in order.
    pub top: Vec<Candidate>,
}

impl Ranking {
    fn new(keep: usize) -> Ranking {
        Ranking::by(keep, RankBy::Maturity)
    }

    fn by(keep: usize, by: RankBy) -> Ranking {
        Ranking {
            keep,
            by,
            count: 0,
            top: Vec::new(),
        }
    }

    /// Merge another ranking of the same kind (order-independent).
    fn merge(&mut self, o: Ranking) {
        let count = self.count + o.count;
        for c in o.top {
            self.offer(c);
        }
        self.count = count;
    }

    /// No enterprise qualified.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn offer(&mut self, c: Candidate) {
        self.count += 1;
        let pos = self
            .top
            .partition_point(|x| x.better(&c, self.by) == std::cmp::Ordering::Less);
        if pos < self.keep {
            self.top.insert(pos, c);
            self.top.truncate(self.keep);
        }
    }
}

/// Per-track totals for the budget forecast.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TrackBudget {
    /// Enterprises eligible.
    pub eligible: usize,
    /// Enterprises that are candidates.
    pub candidate: usize,
    /// Enterprises near.
    pub near: usize,
    /// Support to eligible enterprises, by funder (district cap applied per enterprise).
    pub eligible_by_funder: ByFunder,
    /// Support to eligible and candidate enterprises, by funder.
    pub potential_by_funder: ByFunder,
}

fn add_to(map: &mut ByFunder, other: &ByFunder) {
    for (f, r) in other {
        let e = map.entry(f.clone()).or_insert(Range::ZERO);
        *e = e.plus(*r);
    }
}

/// Per-sector aggregates.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SectorAgg {
    /// Enterprises assessed.
    pub enterprises: usize,
    /// Of which 规上.
    pub above_designated_size: usize,
    /// 规上 enterprises meeting the automated/digital criterion.
    pub automated_digital_above: usize,
    /// Digital-workshop criteria met (or recognised).
    pub digital_workshop_level: usize,
    /// Industrial output, 万元.
    pub output_wan: Decimal,
    /// 规上 enterprises by 数字化水平等级 (those a score sheet applied to).
    #[serde(skip_serializing_if = "LevelTally::is_empty")]
    pub digital_levels_above: LevelTally,
}

/// Enterprises by level (0 = below the first level … 4), and those a level
/// pack applied to whose level could not be decided (data missing).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LevelTally {
    /// Count at each level 0–4.
    pub by_level: [usize; 5],
    /// Level pack applied, level unknown.
    pub unknown: usize,
}

impl LevelTally {
    /// No enterprise counted.
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// Every enterprise counted (known level or not).
    pub fn total(&self) -> usize {
        self.by_level.iter().sum::<usize>() + self.unknown
    }

    /// Enterprises at `min` or above.
    pub fn at_least(&self, min: u8) -> usize {
        self.by_level.iter().skip(usize::from(min)).sum()
    }

    fn add(&mut self, level: Option<u8>) {
        match level {
            Some(l) => self.by_level[usize::from(l.min(4))] += 1,
            None => self.unknown += 1,
        }
    }

    fn merge(&mut self, o: &LevelTally) {
        for (a, b) in self.by_level.iter_mut().zip(o.by_level) {
            *a += b;
        }
        self.unknown += o.unknown;
    }
}

/// Everything pass 1 learns, in bounded memory.
#[derive(Debug, Clone, Serialize)]
pub struct Aggregates {
    /// Files found.
    pub files: usize,
    /// Assessed.
    pub assessed: usize,
    /// Rejected.
    pub rejected: usize,
    /// By sector.
    pub sectors: BTreeMap<Sector, SectorAgg>,
    /// Σ robots of 规上 discrete firms.
    pub robots: u64,
    /// Σ production workers of those firms.
    pub workers: u64,
    /// Σ CNC key equipment of those firms.
    pub key_cnc: u64,
    /// Σ key equipment of those firms.
    pub key_total: u64,
    /// Recognised digital workshops.
    pub digital_workshops_recognised: usize,
    /// Recognised smart factories.
    pub smart_factories_recognised: usize,
    /// Candidates for digital-workshop recognition (criteria met, not recognised).
    pub digital_workshop_candidates: Ranking,
    /// Candidates for smart-factory recognition.
    pub smart_factory_candidates: Ranking,
    /// Demonstration-project candidates per sector (digital-workshop level or better).
    pub demonstration: BTreeMap<Sector, Ranking>,
    /// Budget per track, in pack order, by the tracks' names in rows
    /// ([`Packs::track_name`]: `pack-id/track-id` with several packs).
    pub budget: Vec<(String, TrackBudget)>,
    /// Enterprises whose district cap binds.
    pub district_cap_binding: usize,
    /// Enterprises without the district-cap figure.
    pub district_cap_missing: usize,
    /// Enterprises whose data year is after the policy pack's horizon (解读
    /// `validity-horizon`): computed as usual, and said so in every output.
    pub beyond_horizon: usize,
    /// Totals over all enterprises: eligible support by funder.
    pub eligible_by_funder: ByFunder,
    /// Eligible + candidate support by funder.
    pub potential_by_funder: ByFunder,
    /// Files not counted because another file of the same enterprise
    /// (credit code) and data year was kept ([`Screened::duplicates`]).
    #[serde(skip_serializing_if = "is_zero")]
    pub duplicates: usize,
    /// Support by data year. A budget is for one year: when a batch mixes
    /// data years the totals above add different years, and these say how
    /// much of them belongs to each. Left out of JSON for a one-year batch.
    #[serde(skip_serializing_if = "one_year")]
    pub by_year: BTreeMap<i32, YearBudget>,
    /// Enterprises a score sheet (数字化水平) applied to; 0 keeps its
    /// columns and dashboard line out of every output.
    #[serde(skip_serializing_if = "is_zero")]
    pub digital_assessed: usize,
    /// Enterprises a ladder (智能工厂梯度) applied to.
    #[serde(skip_serializing_if = "is_zero")]
    pub smart_factory_assessed: usize,
    /// Every enterprise by 智能工厂等级 (a ladder applied).
    #[serde(skip_serializing_if = "LevelTally::is_empty")]
    pub smart_factory_levels: LevelTally,
    /// Enterprises ranked by 数字化水平得分.
    #[serde(skip_serializing_if = "Ranking::is_empty")]
    pub digital_ranking: Ranking,
}

/// Which level columns a screening's exports carry: only those of a level
/// pack that applied to some row, so a batch of 2017 files exports exactly
/// the columns it always did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LevelColumns {
    /// 数字化水平得分, 数字化水平等级.
    pub digital: bool,
    /// 智能工厂等级.
    pub smart_factory: bool,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn one_year(m: &BTreeMap<i32, YearBudget>) -> bool {
    m.len() <= 1
}

/// Enterprises and support of one data year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct YearBudget {
    /// Enterprises assessed with this data year.
    pub enterprises: usize,
    /// Eligible support by funder.
    pub eligible_by_funder: ByFunder,
    /// Eligible + candidate support by funder.
    pub potential_by_funder: ByFunder,
}

impl Aggregates {
    fn new(packs: &Packs, top: usize) -> Aggregates {
        let zero = || -> ByFunder {
            packs
                .funders()
                .iter()
                .map(|f| (f.clone(), Range::ZERO))
                .collect()
        };
        Aggregates {
            files: 0,
            assessed: 0,
            rejected: 0,
            sectors: BTreeMap::new(),
            robots: 0,
            workers: 0,
            key_cnc: 0,
            key_total: 0,
            digital_workshops_recognised: 0,
            smart_factories_recognised: 0,
            digital_workshop_candidates: Ranking::new(top),
            smart_factory_candidates: Ranking::new(top),
            demonstration: BTreeMap::new(),
            budget: packs
                .tracks()
                .map(|(name, _, _)| (name, TrackBudget::default()))
                .collect(),
            district_cap_binding: 0,
            district_cap_missing: 0,
            beyond_horizon: 0,
            eligible_by_funder: zero(),
            potential_by_funder: zero(),
            duplicates: 0,
            by_year: BTreeMap::new(),
            digital_assessed: 0,
            smart_factory_assessed: 0,
            smart_factory_levels: LevelTally::default(),
            digital_ranking: Ranking::by(top, RankBy::DigitalScore),
        }
    }

    /// The level columns of the exports.
    pub fn level_columns(&self) -> LevelColumns {
        LevelColumns {
            digital: self.digital_assessed > 0,
            smart_factory: self.smart_factory_assessed > 0,
        }
    }

    /// Merge the aggregates of another part of the batch. Every field is a
    /// sum, an exact decimal sum or an order-independent ranking, so the
    /// result does not depend on how the batch was split between threads.
    fn merge(&mut self, o: Aggregates) {
        self.assessed += o.assessed;
        for (k, v) in o.sectors {
            let s = self.sectors.entry(k).or_default();
            s.enterprises += v.enterprises;
            s.above_designated_size += v.above_designated_size;
            s.automated_digital_above += v.automated_digital_above;
            s.digital_workshop_level += v.digital_workshop_level;
            s.output_wan += v.output_wan;
            s.digital_levels_above.merge(&v.digital_levels_above);
        }
        self.digital_assessed += o.digital_assessed;
        self.smart_factory_assessed += o.smart_factory_assessed;
        self.smart_factory_levels.merge(&o.smart_factory_levels);
        self.digital_ranking.merge(o.digital_ranking);
        self.robots += o.robots;
        self.workers += o.workers;
        self.key_cnc += o.key_cnc;
        self.key_total += o.key_total;
        self.digital_workshops_recognised += o.digital_workshops_recognised;
        self.smart_factories_recognised += o.smart_factories_recognised;
        self.digital_workshop_candidates
            .merge(o.digital_workshop_candidates);
        self.smart_factory_candidates
            .merge(o.smart_factory_candidates);
        for (k, r) in o.demonstration {
            match self.demonstration.get_mut(&k) {
                Some(mine) => mine.merge(r),
                None => {
                    self.demonstration.insert(k, r);
                }
            }
        }
        for ((_, mine), (_, theirs)) in self.budget.iter_mut().zip(o.budget) {
            mine.eligible += theirs.eligible;
            mine.candidate += theirs.candidate;
            mine.near += theirs.near;
            add_to(&mut mine.eligible_by_funder, &theirs.eligible_by_funder);
            add_to(&mut mine.potential_by_funder, &theirs.potential_by_funder);
        }
        self.district_cap_binding += o.district_cap_binding;
        self.district_cap_missing += o.district_cap_missing;
        self.beyond_horizon += o.beyond_horizon;
        add_to(&mut self.eligible_by_funder, &o.eligible_by_funder);
        add_to(&mut self.potential_by_funder, &o.potential_by_funder);
        for (y, b) in o.by_year {
            let mine = self.by_year.entry(y).or_default();
            mine.enterprises += b.enterprises;
            add_to(&mut mine.eligible_by_funder, &b.eligible_by_funder);
            add_to(&mut mine.potential_by_funder, &b.potential_by_funder);
        }
    }

    fn fold(&mut self, r: &Row, top: usize) {
        self.assessed += 1;
        let s = self.sectors.entry(r.sector).or_default();
        s.enterprises += 1;
        let above = r.above_designated_size == Some(true);
        if above {
            s.above_designated_size += 1;
            if r.automated_digital == Status::Met {
                s.automated_digital_above += 1;
            }
        }
        s.output_wan += r.industrial_output_wan.unwrap_or_default();
        if let Some(d) = &r.digital_level {
            if above {
                s.digital_levels_above.add(d.level);
            }
            self.digital_assessed += 1;
            if d.score.is_some() {
                self.digital_ranking.offer(Candidate::of(r));
            }
        }
        if let Some(f) = &r.smart_factory_level {
            self.smart_factory_assessed += 1;
            self.smart_factory_levels.add(f.level);
        }
        let dw_level = r.digital_workshop == Status::Met || r.recognised_digital_workshop;
        if dw_level {
            s.digital_workshop_level += 1;
        }
        // District aggregates count key 规上 discrete firms, as the targets do (二(一)).
        if above && r.production_mode == ProductionMode::Discrete {
            if let (Some(rb), Some(w)) = (r.robots, r.workers) {
                self.robots += u64::from(rb);
                self.workers += u64::from(w);
            }
            if let (Some(c), Some(t)) = (r.key_cnc, r.key_total) {
                self.key_cnc += u64::from(c);
                self.key_total += u64::from(t);
            }
        }
        if r.recognised_digital_workshop {
            self.digital_workshops_recognised += 1;
        } else if r.digital_workshop == Status::Met {
            self.digital_workshop_candidates.offer(Candidate::of(r));
        }
        if r.recognised_smart_factory {
            self.smart_factories_recognised += 1;
        } else if r.smart_factory == Status::Met {
            self.smart_factory_candidates.offer(Candidate::of(r));
        }
        if dw_level || r.smart_factory == Status::Met {
            self.demonstration
                .entry(r.sector)
                .or_insert_with(|| Ranking::new(top))
                .offer(Candidate::of(r));
        }
        for t in &r.tracks {
            if let Some((_, b)) = self.budget.iter_mut().find(|(id, _)| *id == t.id) {
                match t.status {
                    TrackStatus::Eligible => {
                        b.eligible += 1;
                        add_to(&mut b.eligible_by_funder, &t.by_funder);
                        add_to(&mut b.potential_by_funder, &t.potential());
                    }
                    TrackStatus::Candidate => {
                        b.candidate += 1;
                        add_to(&mut b.potential_by_funder, &t.by_funder);
                    }
                    TrackStatus::Near => b.near += 1,
                    _ => {}
                }
            }
        }
        if r.district_cap_binding {
            self.district_cap_binding += 1;
        }
        if r.policy_beyond_horizon {
            self.beyond_horizon += 1;
        }
        if r.district_cap_missing {
            self.district_cap_missing += 1;
        }
        add_to(&mut self.eligible_by_funder, &r.eligible);
        add_to(&mut self.potential_by_funder, &r.potential);
        let y = self.by_year.entry(r.data_year).or_default();
        y.enterprises += 1;
        add_to(&mut y.eligible_by_funder, &r.eligible);
        add_to(&mut y.potential_by_funder, &r.potential);
    }
}

/// Histogram bins per indicator: ratios get 2,001 bins of 0.05 percentage
/// points; open-ended figures (robot density, labour productivity) get
/// log-spaced bins about 0.5% wide.
const BINS: usize = 4096;

fn bin(indicator: usize, x: f64) -> usize {
    let b = match PEER_INDICATORS[indicator] {
        "robot_density" | "labor_productivity" => (x.max(0.0).ln_1p() * 200.0).floor(),
        _ => (x.clamp(0.0, 1.0) * 2000.0).round(),
    };
    (b.max(0.0) as usize).min(BINS - 1)
}

fn bin_value(indicator: usize, b: usize) -> f64 {
    match PEER_INDICATORS[indicator] {
        "robot_density" | "labor_productivity" => ((b as f64 + 0.5) / 200.0).exp_m1(),
        _ => b as f64 / 2000.0,
    }
}

/// Per-sector histograms of each peer indicator, for percentiles in
/// constant memory: the size does not grow with the number of files.
#[derive(Debug, Default)]
pub struct Peers {
    values: BTreeMap<Sector, Vec<Vec<u32>>>,
    /// Running totals of `values` (`[b]` = firms in the bins below `b`, the
    /// last entry all of them), made on the first lookup once the histograms
    /// are final: a percentile is then two reads, not a sum over 4,096 bins
    /// for every value of every exported row.
    totals: std::sync::OnceLock<BTreeMap<Sector, Vec<Vec<u64>>>>,
}

/// Histogram increments gathered by a worker, applied by the collector (a
/// few bytes per value instead of a private copy of every histogram).
#[derive(Debug, Default)]
struct PeerIncrements(Vec<(Sector, u8, u16)>);

impl PeerIncrements {
    fn add(&mut self, r: &Row) {
        for (i, x) in r.indicators.iter().enumerate() {
            if let Some(x) = x.filter(|x| x.is_finite()) {
                self.0.push((r.sector, i as u8, bin(i, x) as u16));
            }
        }
    }
}

impl Peers {
    fn apply(&mut self, inc: &PeerIncrements) {
        // Totals made before this are out of date.
        self.totals.take();
        for (sector, i, b) in &inc.0 {
            let v = self
                .values
                .entry(*sector)
                .or_insert_with(|| vec![vec![0u32; BINS]; PEER_INDICATORS.len()]);
            v[usize::from(*i)][usize::from(*b)] += 1;
        }
    }

    /// Percentile rank (0–100) of a value among its sector's peers: the
    /// share below it plus half the share in its bin (mid-rank), so the
    /// median firm is at 50 whatever the ties. Values within one bin count
    /// as equal (0.05 percentage points for ratios, ~0.5% for densities).
    pub fn percentile(&self, sector: Sector, indicator: usize, x: f64) -> Option<f64> {
        let totals = self.totals.get_or_init(|| self.running_totals());
        let below = totals.get(&sector)?.get(indicator)?;
        let n = below[BINS];
        if n == 0 || !x.is_finite() {
            return None;
        }
        let b = bin(indicator, x);
        let rank = below[b] as f64 + (below[b + 1] - below[b]) as f64 / 2.0;
        Some((rank / n as f64 * 100.0 * 10.0).round() / 10.0)
    }

    /// Each histogram as running totals, one entry longer than it.
    fn running_totals(&self) -> BTreeMap<Sector, Vec<Vec<u64>>> {
        let totals = |col: &Vec<u32>| {
            let mut sum = 0u64;
            let mut out = Vec::with_capacity(BINS + 1);
            out.push(0);
            out.extend(col.iter().map(|c| {
                sum += u64::from(*c);
                sum
            }));
            out
        };
        self.values
            .iter()
            .map(|(s, cols)| (*s, cols.iter().map(totals).collect()))
            .collect()
    }

    /// Lower quartile, median and upper quartile of each indicator per
    /// sector (to the bin), `None` where no firm gave the figure.
    pub fn quartiles(&self) -> BTreeMap<Sector, Vec<Option<[f64; 3]>>> {
        self.values
            .iter()
            .map(|(s, cols)| {
                let q = cols
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let n: u64 = c.iter().map(|x| u64::from(*x)).sum();
                        if n == 0 {
                            return None;
                        }
                        let at = |p: f64| {
                            let target = (p * n as f64).ceil().max(1.0) as u64;
                            let mut seen = 0u64;
                            for (b, k) in c.iter().enumerate() {
                                seen += u64::from(*k);
                                if seen >= target {
                                    return bin_value(i, b);
                                }
                            }
                            bin_value(i, BINS - 1)
                        };
                        Some([at(0.25), at(0.5), at(0.75)])
                    })
                    .collect();
                (*s, q)
            })
            .collect()
    }
}

/// Options of a screening run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads (0 = all cores).
    pub jobs: usize,
    /// Show a progress bar.
    pub progress: bool,
    /// Candidates kept per ranking.
    pub top: usize,
    /// Keep every enterprise's row for an export ([`Screened::rows`]).
    /// Without an export nobody reads them, so they are not written.
    pub keep_rows: bool,
    /// Follow symbolic links that lead out of the given folders
    /// (by default they are counted and skipped).
    pub follow_links: bool,
}

/// Outcome of pass 1 and the spill to read in pass 2.
pub struct Screened {
    /// Aggregates.
    pub agg: Aggregates,
    /// Peer distributions.
    pub peers: Peers,
    /// Rejected files, in path order.
    pub rejected: Vec<Rejected>,
    /// Notes on things skipped while walking (symlink loops, non-YAML
    /// files), duplicates and a batch that mixes data years, in both
    /// languages.
    pub notes: Vec<Text>,
    /// Submissions not counted, in path order: another file of the same
    /// enterprise and data year was counted instead.
    pub duplicates: Vec<Duplicate>,
    /// The money columns: every funder of the packs screened against, in
    /// report order ([`Packs::funders`]).
    pub funders: Vec<Funder>,
    spill: Option<std::sync::Arc<std::fs::File>>,
    /// Threads of the run (`--jobs`), also used to read the rows back.
    jobs: usize,
    /// What the results workbook needs up front, gathered in pass 1
    /// ([`screen_for_workbook`]).
    tally: Option<tally::WorkbookTally>,
}

/// Reads a shared file from its start with its own position, so each call
/// of [`Screened::rows`] reads all rows whatever other readers do.
struct ReadFrom {
    file: std::sync::Arc<std::fs::File>,
    pos: u64,
}

impl std::io::Read for ReadFrom {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(self.file.as_ref(), buf, self.pos)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(self.file.as_ref(), buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// Spilled rows decoded together, in parallel, while reading them back.
const ROWS_BATCH: usize = 256;

/// A row read back, with its peer percentiles.
type RowBack = std::io::Result<(Row, Vec<Option<f64>>)>;

impl Screened {
    /// The workbook's sizes, totals and near-miss shortlists, when pass 1
    /// gathered them ([`screen_for_workbook`]).
    pub fn workbook_tally(&self) -> Option<&tally::WorkbookTally> {
        self.tally.as_ref()
    }

    /// Threads of the run (`--jobs`; 0 is every core): the results workbook
    /// writes its two big sheets on two threads unless this is 1.
    pub fn jobs(&self) -> usize {
        self.jobs
    }

    /// Stream the rows back, in path order, with their peer percentiles.
    ///
    /// The histograms are final by now, so rows are independent: each batch
    /// of [`ROWS_BATCH`] lines is decoded on the run's threads and handed on
    /// in order, and the writer (one thread: a sheet is written in order)
    /// only formats.
    pub fn rows(&self) -> std::io::Result<impl Iterator<Item = RowBack> + '_> {
        let spill = self.spill.as_ref().ok_or_else(|| {
            std::io::Error::other(
                "rows were not kept: screen with `keep_rows: true` to export them",
            )
        })?;
        let f = ReadFrom {
            file: spill.clone(),
            pos: 0,
        };
        let pool = pool(self.jobs)?;
        let mut lines = BufReader::new(f).lines();
        let batches = std::iter::from_fn(move || {
            let batch: Vec<_> = lines.by_ref().take(ROWS_BATCH).collect();
            if batch.is_empty() {
                return None;
            }
            let decode = |line: std::io::Result<String>| self.row_back(&line?);
            Some(pool.install(|| batch.into_par_iter().map(decode).collect::<Vec<_>>()))
        });
        Ok(batches.flatten())
    }

    /// One spilled line as a row with its percentiles.
    fn row_back(&self, line: &str) -> RowBack {
        let mut row: Row = serde_json::from_str(line).map_err(std::io::Error::other)?;
        row.redeclare(&self.funders);
        let pct = row
            .indicators
            .iter()
            .enumerate()
            .map(|(i, v)| v.and_then(|x| self.peers.percentile(row.sector, i, x)))
            .collect();
        Ok((row, pct))
    }
}

/// What a worker returns for a run of consecutive files: their aggregates,
/// histogram increments, spill lines in order, and rejections. Rows are
/// folded and dropped on the thread that built them, so no allocation
/// crosses threads except these few buffers (cross-thread frees contend in
/// the allocator and serialised the workers).
struct Part {
    agg: Aggregates,
    peers: PeerIncrements,
    lines: Vec<u8>,
    rejected: Vec<Rejected>,
    keys: Vec<dedup::Seen>,
    tally: Option<tally::WorkbookTally>,
}

/// Files per worker run inside a chunk.
const RUN: usize = 64;

type Parsed = (String, Result<crate::input::Loaded, Rejected>);

/// A parsed questionnaire with where it was found.
type Found = (dedup::Origin, Parsed);

fn parse(path: &std::path::Path) -> Parsed {
    let shown = path.display().to_string();
    let bytes = match crate::yaml::read_capped(path, &shown, crate::yaml::MAX_QUESTIONNAIRE_BYTES) {
        Ok(b) => b,
        Err(d) => {
            let r = Rejected::from_diags(&shown, &[d]);
            return (shown, Err(r));
        }
    };
    let r = crate::input::load(&bytes, &shown, false)
        .map_err(|(diags, _)| Rejected::from_diags(&shown, &diags));
    (shown, r)
}

/// A YAML file is one questionnaire; a workbook (.xlsx) one per row.
fn parse_any(path: &std::path::Path) -> Vec<Parsed> {
    match crate::workbook::read::is_workbook(path) {
        true => crate::workbook::read::screen_rows(path),
        false => vec![parse(path)],
    }
}

impl Part {
    /// Assess one parsed file and fold it in; its row goes to the spill
    /// buffer only when rows are kept.
    fn add(&mut self, engine: &Engine, packs: &Packs, found: Found, opts: &Options) {
        let (origin, (shown, r)) = found;
        let l = match r {
            Ok(l) => l,
            Err(r) => return self.rejected.push(r),
        };
        let b = engine.brief(&l.questionnaire);
        let row = Row::from_brief_packs(&b, &l.questionnaire, packs, shown, l.warnings.len());
        drop(b);
        if let Some(code) = &row.credit_code {
            self.keys
                .push(dedup::Seen::new(code, row.data_year, origin));
        }
        if opts.keep_rows {
            // A Row is plain data, so this does not fail; if it ever did, the
            // file is listed as rejected (and not counted) instead of going
            // missing from the export.
            let mark = self.lines.len();
            if let Err(e) = serde_json::to_writer(&mut self.lines, &row) {
                self.lines.truncate(mark);
                let why = format!("{e}");
                return self.rejected.push(Rejected {
                    file: row.file,
                    line: None,
                    column: None,
                    code: Code::Internal.as_str().into(),
                    path: None,
                    reason: Text::new(
                        format!("无法写出结果行: {why}"),
                        format!("cannot write its row: {why}"),
                    ),
                    errors: 1,
                });
            }
            self.lines.push(b'\n');
        }
        self.fold(&row, packs, opts.top);
    }

    /// An empty part: what a worker folds its rows into.
    fn new(packs: &Packs, top: usize, tally_keep: Option<usize>) -> Part {
        Part {
            agg: Aggregates::new(packs, top),
            peers: PeerIncrements::default(),
            lines: Vec::new(),
            rejected: Vec::new(),
            keys: Vec::new(),
            tally: tally_keep.map(tally::WorkbookTally::new),
        }
    }

    /// Count one assessed row: the one fold of pass 1 and of `refold`, so
    /// a batch folded again from the spill adds up exactly as pass 1 did.
    fn fold(&mut self, row: &Row, packs: &Packs, top: usize) {
        self.agg.fold(row, top);
        self.peers.add(row);
        if let Some(t) = self.tally.as_mut() {
            t.add(row, packs.funders());
        }
    }
}

fn progress_bar(n: usize, on: bool) -> indicatif::ProgressBar {
    if !on {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, {eta})",
    ) {
        pb.set_style(style);
    }
    pb
}

/// Most worker threads per core `--jobs` may ask for. Screening is mostly
/// CPU work, so more threads than cores only add memory and switching;
/// a few per core still cover files waiting on a slow disk. Without a
/// bound, `--jobs 100000` started thousands of threads.
pub const JOBS_PER_CORE_MAX: usize = 4;

/// `jobs` within `1..=`[`JOBS_PER_CORE_MAX`] × cores (0 stays 0: all cores),
/// and the limit when it had to be cut.
pub fn clamp_jobs(jobs: usize) -> (usize, Option<usize>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = cores.saturating_mul(JOBS_PER_CORE_MAX);
    if jobs > max {
        (max, Some(max))
    } else {
        (jobs, None)
    }
}

/// A pool of `jobs` threads (0: one per core).
pub(crate) fn pool(jobs: usize) -> std::io::Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if jobs > 0 {
        b = b.num_threads(jobs);
    }
    b.build().map_err(std::io::Error::other)
}

/// Pass 1: walk, assess in parallel, aggregate, spill. When two files are
/// of one enterprise (credit code) and one data year, only one is counted
/// (see [`pick_duplicates`]): the others' rows are then left out and the
/// rest folded again from the spill (`refold`), without parsing again.
pub fn screen(engine: &Engine, paths: &[PathBuf], opts: &Options) -> std::io::Result<Screened> {
    screen_with(engine, paths, opts, None)
}

/// [`screen`] for a results workbook: pass 1 also gathers what the workbook
/// needs before its first row ([`Screened::workbook_tally`]; near-miss
/// shortlists of three times `opts.top`), so the export reads the rows once.
pub fn screen_for_workbook(
    engine: &Engine,
    paths: &[PathBuf],
    opts: &Options,
) -> std::io::Result<Screened> {
    screen_with(engine, paths, opts, Some(3 * opts.top))
}

fn screen_with(
    engine: &Engine,
    paths: &[PathBuf],
    opts: &Options,
    tally_keep: Option<usize>,
) -> std::io::Result<Screened> {
    let walked = walk::walk_with(paths, opts.follow_links);
    // Pass 1 spills every row, export or not: duplicates are known only
    // once every file is read, and folding the kept rows again from the
    // spill costs a row's decoding (≈ 3 % of parsing its file), where a
    // second pass parsed the whole batch again (docs/performance.md).
    let spilled = Options {
        keep_rows: true,
        ..opts.clone()
    };
    let mut p = pass(engine, &walked.files, &spilled, tally_keep)?;
    let duplicates = dedup::pick(std::mem::take(&mut p.keys), &walked.files);
    if !duplicates.is_empty() {
        let skip = duplicates.iter().map(|d| d.file.clone()).collect();
        p = refold(engine, p, opts, &skip, tally_keep)?;
    }
    if !opts.keep_rows {
        p.spill = None;
    }
    // Every file found (and every further row of a workbook, counted by the
    // pass) is assessed, rejected or a duplicate.
    let mut agg = p.agg;
    agg.files += walked.files.len() + walked.rejected.len();
    let mut rejected = walked.rejected;
    rejected.extend(p.rejected);
    rejected.sort_by(|a, b| a.file.cmp(&b.file));
    agg.rejected = rejected.len();
    agg.duplicates = duplicates.len();
    let mut notes = walked.notes;
    notes.extend(duplicate_notes(&duplicates));
    if agg.by_year.len() > 1 {
        let years = |unit: &str, sep: &str| -> String {
            let each = agg.by_year.iter();
            let each = each.map(|(y, b)| format!("{y} ({}{unit})", b.enterprises));
            each.collect::<Vec<_>>().join(sep)
        };
        notes.push(Text::new(
            format!(
                "本批数据年度不一: {}; 预算合计把不同年度相加 (分年度数字见 JSON 导出的 summary.by_year)",
                years("家", "、")
            ),
            format!(
                "the batch mixes data years {}: budget totals add different years (per year in the JSON export, summary.by_year)",
                years("", ", ")
            ),
        ));
    }
    Ok(Screened {
        agg,
        peers: p.peers,
        rejected,
        notes,
        duplicates,
        funders: Packs::of(engine).funders().to_vec(),
        spill: p.spill,
        jobs: opts.jobs,
        tally: p.tally,
    })
}

/// A submission not counted: another file of the same enterprise and data
/// year was kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    /// The file not counted.
    pub file: String,
    /// The file counted instead.
    pub kept: String,
    /// 统一社会信用代码 both files give.
    pub credit_code: String,
    /// Data year both files give.
    pub data_year: i32,
}

/// Who a file says it is, for de-duplication: credit code (upper case),
/// data year, last modification time, path.
type Key = (String, i32, Option<std::time::SystemTime>, String);

/// The files to leave out so that each enterprise (credit code) counts once
/// per data year. Rule (docs/questionnaire.md): the most recently modified
/// file is kept — a resubmission replaces the earlier one; on equal times
/// the first path in sorted order. Files without a credit code cannot be
/// matched and are all counted.
pub fn pick_duplicates(mut keys: Vec<Key>) -> Vec<Duplicate> {
    // Best first within a group: newest, then first path.
    keys.sort_by(|a, b| {
        (&a.0, a.1)
            .cmp(&(&b.0, b.1))
            .then(b.2.cmp(&a.2))
            .then(a.3.cmp(&b.3))
    });
    let mut out = Vec::new();
    for group in keys.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
        let kept = &group[0];
        for k in &group[1..] {
            out.push(Duplicate {
                file: k.3.clone(),
                kept: kept.3.clone(),
                credit_code: k.0.clone(),
                data_year: k.1,
            });
        }
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// One note per duplicate for the summary (the export lists them all).
fn duplicate_notes(d: &[Duplicate]) -> Vec<Text> {
    const SHOWN: usize = 20;
    let mut out: Vec<Text> = d
        .iter()
        .take(SHOWN)
        .map(|x| {
            Text::new(
                format!(
                    "{}: 与 {} 为同一企业 ({}) 同一数据年度 ({}), 不计入, 只计入后者 (修改时间最近的一份)",
                    x.file, x.kept, x.credit_code, x.data_year
                ),
                format!(
                    "{}: same enterprise ({}) and data year {} as {}, which is counted instead (the most recently modified)",
                    x.file, x.credit_code, x.data_year, x.kept
                ),
            )
        })
        .collect();
    if d.len() > SHOWN {
        let more = d.len() - SHOWN;
        out.push(Text::new(
            format!("另有 {more} 份重复提交未计入"),
            format!("{more} more duplicate submissions not counted"),
        ));
    }
    out
}

/// What one pass over the files gives.
struct Pass {
    agg: Aggregates,
    peers: Peers,
    rejected: Vec<Rejected>,
    spill: Option<std::sync::Arc<std::fs::File>>,
    keys: Vec<dedup::Seen>,
    tally: Option<tally::WorkbookTally>,
}

fn pass(
    engine: &Engine,
    files: &walk::PathList,
    opts: &Options,
    tally_keep: Option<usize>,
) -> std::io::Result<Pass> {
    let packs = &Packs::of(engine);
    let mut agg = Aggregates::new(packs, opts.top);
    let mut peers = Peers::default();
    let mut rejected = Vec::new();
    let mut keys = Vec::new();
    let mut tally = tally_keep.map(tally::WorkbookTally::new);
    // Unnamed (unlinked as soon as it is made): a killed run leaves no spool behind.
    let spill = match opts.keep_rows {
        true => Some(std::sync::Arc::new(tempfile::tempfile()?)),
        false => None,
    };
    let mut out = spill.as_ref().map(|f| BufWriter::new(f.as_ref()));
    let pb = progress_bar(files.len(), opts.progress);
    let pool = pool(opts.jobs)?;
    // Pipeline: a producer thread assesses chunk n+1 on the pool while this
    // thread folds and spills chunk n, so no core waits for the fold. The
    // channel holds one chunk, which bounds memory.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Part>>(1);
    std::thread::scope(|sc| -> std::io::Result<()> {
        let pool = &pool;
        let pb = &pb;
        sc.spawn(move || {
            let n = files.len();
            for start in (0..n).step_by(CHUNK) {
                let end = (start + CHUNK).min(n);
                let parts: Vec<Part> = pool.install(|| {
                    (start..end)
                        .step_by(RUN)
                        .collect::<Vec<_>>()
                        .into_par_iter()
                        .flat_map(|from| {
                            let to = (from + RUN).min(end);
                            let parsed: Vec<Found> = (from..to)
                                .flat_map(|i| {
                                    let rows = parse_any(&files.get(i)).into_iter().enumerate();
                                    rows.map(move |(row, p)| (dedup::Origin::new(i, row), p))
                                })
                                .collect();
                            // A workbook is one file of many rows: extra entries, in runs of RUN.
                            let extra = parsed.len().saturating_sub(to - from);
                            let mut runs: Vec<(usize, Vec<Found>)> = Vec::new();
                            let mut it = parsed.into_iter().peekable();
                            while it.peek().is_some() {
                                runs.push((0, it.by_ref().take(RUN).collect()));
                            }
                            if let Some(first) = runs.first_mut() {
                                first.0 = extra;
                            }
                            runs.into_par_iter()
                        })
                        .map(|(extra, parsed)| {
                            let mut part = Part::new(packs, opts.top, tally_keep);
                            part.agg.files = extra;
                            for p in parsed {
                                part.add(engine, packs, p, opts);
                                pb.inc(1);
                            }
                            part
                        })
                        .collect()
                });
                if tx.send(parts).is_err() {
                    break;
                }
            }
        });
        for parts in rx {
            for p in parts {
                agg.files += p.agg.files;
                agg.merge(p.agg);
                peers.apply(&p.peers);
                if let Some(out) = out.as_mut() {
                    out.write_all(&p.lines)?;
                }
                rejected.extend(p.rejected);
                keys.extend(p.keys);
                if let (Some(t), Some(pt)) = (tally.as_mut(), p.tally) {
                    t.merge(pt);
                }
            }
        }
        Ok(())
    })?;
    if let Some(out) = out.as_mut() {
        out.flush()?;
    }
    drop(out);
    pb.finish_and_clear();
    Ok(Pass {
        agg,
        peers,
        rejected,
        spill,
        keys,
        tally,
    })
}

/// Bytes of the spill `refold` reads at a time (about 500 rows) and splits
/// between the threads at line ends: a block's rows are decoded and folded
/// where they are split off, so this thread only reads, merges and writes.
const REFOLD_BLOCK: usize = 1 << 20;

/// Pieces each thread gets of a block: more than one, so a thread that
/// draws heavy rows does not keep the other waiting at the block's end;
/// few, as each piece costs a merge of the aggregates on this thread.
const PIECES_PER_THREAD: usize = 2;

/// Pass 1's result without the rows of `skip` (the duplicates left out):
/// every aggregate, histogram and tally folded again from the spilled rows
/// that are kept, by the same folds as pass 1, and, for an export, those
/// rows spilled anew in the same (path) order. Rejections and the count of workbook
/// rows carry over: a duplicate is an assessed row, never a rejection.
fn refold(
    engine: &Engine,
    first: Pass,
    opts: &Options,
    skip: &HashSet<String>,
    tally_keep: Option<usize>,
) -> std::io::Result<Pass> {
    refold_in_blocks(engine, first, opts, skip, tally_keep, REFOLD_BLOCK)
}

/// [`refold`] reading `block` bytes at a time (the tests use small blocks,
/// so that blocks and pieces end everywhere in a line and a line can be
/// longer than a block).
fn refold_in_blocks(
    engine: &Engine,
    first: Pass,
    opts: &Options,
    skip: &HashSet<String>,
    tally_keep: Option<usize>,
    block: usize,
) -> std::io::Result<Pass> {
    let packs = &Packs::of(engine);
    let spill = first
        .spill
        .ok_or_else(|| std::io::Error::other("pass 1 kept no rows to fold again"))?;
    let mut agg = Aggregates::new(packs, opts.top);
    agg.files = first.agg.files;
    let mut peers = Peers::default();
    let mut tally = tally_keep.map(tally::WorkbookTally::new);
    // The kept rows are spilled anew only for an export; a summary needs
    // none of them once folded.
    let kept = match opts.keep_rows {
        true => Some(std::sync::Arc::new(tempfile::tempfile()?)),
        false => None,
    };
    let mut out = kept.as_ref().map(|f| BufWriter::new(f.as_ref()));
    let pool = pool(opts.jobs)?;
    let pieces = pool.current_num_threads().max(1) * PIECES_PER_THREAD;
    // One piece of a block: its rows decoded, the duplicates' left out, the
    // rest folded into a part of its own and, for an export, copied in order.
    let fold_piece = |bytes: &[u8]| -> std::io::Result<Part> {
        let mut part = Part::new(packs, opts.top, tally_keep);
        // UTF-8 checked once for the piece: serde_json then reads each line
        // as a `str`, where from bytes it checked every string on its own
        // (+0.7 % of a whole screening's instructions, callgrind).
        let text = std::str::from_utf8(bytes).map_err(std::io::Error::other)?;
        for line in text.split('\n').filter(|l| !l.is_empty()) {
            let mut row: Row = serde_json::from_str(line).map_err(std::io::Error::other)?;
            if skip.contains(&row.file) {
                continue;
            }
            row.redeclare(packs.funders());
            part.fold(&row, packs, opts.top);
            if opts.keep_rows {
                part.lines.extend_from_slice(line.as_bytes());
                part.lines.push(b'\n');
            }
        }
        Ok(part)
    };
    let mut from = ReadFrom {
        file: spill,
        pos: 0,
    };
    // `buf[..filled]`: read and not folded yet, from the start of a line.
    // Zeroed once and read into in place (`read_to_end` zeroed every block
    // again on this thread).
    let mut buf = vec![0u8; block.max(1)];
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            // One line longer than the buffer: make room to read on.
            buf.resize(2 * buf.len(), 0);
        }
        let read = match std::io::Read::read(&mut from, &mut buf[filled..]) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            r => r?,
        };
        filled += read;
        let at_end = read == 0;
        // Whole lines only; the rest waits for the next block (a spill
        // always ends in a line end, but a last line without one is a line).
        let whole = match at_end {
            true => filled,
            false => match memchr::memrchr(b'\n', &buf[..filled]) {
                Some(i) => i + 1,
                None => continue,
            },
        };
        let bytes = &buf[..whole];
        let parts: Vec<std::io::Result<Part>> = pool.install(|| {
            cut_at_lines(bytes, pieces)
                .into_par_iter()
                .map(fold_piece)
                .collect()
        });
        // In the order of the spill: the merges give the same aggregates in
        // any order, but the export's rows keep the path order.
        for part in parts {
            let part = part?;
            agg.merge(part.agg);
            peers.apply(&part.peers);
            if let (Some(t), Some(pt)) = (tally.as_mut(), part.tally) {
                t.merge(pt);
            }
            if let Some(out) = out.as_mut() {
                out.write_all(&part.lines)?;
            }
        }
        buf.copy_within(whole..filled, 0);
        filled -= whole;
        if at_end {
            break;
        }
    }
    if let Some(out) = out.as_mut() {
        out.flush()?;
    }
    drop(out);
    Ok(Pass {
        agg,
        peers,
        rejected: first.rejected,
        spill: kept,
        keys: Vec::new(),
        tally,
    })
}

/// `bytes` (whole lines) in at most `n` pieces of about equal size, each
/// ending at a line end, in order.
fn cut_at_lines(bytes: &[u8], n: usize) -> Vec<&[u8]> {
    let n = n.max(1);
    let mut pieces = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..=n {
        if start >= bytes.len() {
            break;
        }
        let aim = (bytes.len() * k / n).max(start);
        let end = match k == n {
            true => bytes.len(),
            // Move on to the end of the line the even cut falls in.
            false => memchr::memchr(b'\n', &bytes[aim..]).map_or(bytes.len(), |i| aim + i + 1),
        };
        pieces.push(&bytes[start..end]);
        start = end;
    }
    pieces
}

/// Parse-only baseline (for benchmarks): walk, read and parse into the
/// questionnaire struct in parallel, nothing else. Returns (parsed, failed).
pub fn parse_only(paths: &[PathBuf], jobs: usize) -> std::io::Result<(usize, usize)> {
    each_file(paths, jobs, |p, shown| {
        crate::yaml::read_capped(p, shown, crate::yaml::MAX_QUESTIONNAIRE_BYTES)
            .and_then(|b| crate::yaml::decode(&b, shown))
            .and_then(|t| crate::yaml::from_str::<crate::questionnaire::Questionnaire>(&t, shown))
            .is_ok()
    })
}

/// The read floor (for benchmarks, issue 18): the same walk, capped read
/// and thread pool as a screening, and nothing else, so a screening's time
/// can be set against it in the same run. Returns (read, failed).
pub fn read_floor(paths: &[PathBuf], jobs: usize) -> std::io::Result<(usize, usize)> {
    each_file(paths, jobs, |p, shown| {
        crate::yaml::read_capped(p, shown, crate::yaml::MAX_QUESTIONNAIRE_BYTES).is_ok()
    })
}

/// Runs `ok` on every file a screening would read, on `jobs` threads:
/// (files it passed, files it failed or the walk rejected).
fn each_file(
    paths: &[PathBuf],
    jobs: usize,
    ok: impl Fn(&std::path::Path, &str) -> bool + Sync,
) -> std::io::Result<(usize, usize)> {
    let walked = walk::walk(paths);
    let pool = pool(jobs)?;
    let passed = pool.install(|| {
        (0..walked.files.len())
            .into_par_iter()
            .filter(|&i| {
                let p = walked.files.get(i);
                ok(&p, &p.display().to_string())
            })
            .count()
    });
    Ok((passed, walked.files.len() - passed + walked.rejected.len()))
}

#[cfg(test)]
mod level_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(file: &str, score: f64) -> Candidate {
        Candidate {
            file: file.into(),
            name: file.into(),
            sector: Sector::Other,
            level: None,
            score: Some(score),
            cnc_ratio: None,
            potential_max: None,
            digital_score: None,
            digital_level: None,
        }
    }

    #[test]
    fn peer_ids_are_the_peer_indicators() {
        let names: Vec<&str> = PEER_IDS.iter().map(|i| i.as_str()).collect();
        assert_eq!(names, PEER_INDICATORS);
    }

    #[test]
    fn ranking_keeps_the_best_in_order_whatever_the_arrival_order() {
        let mut a = Ranking::new(2);
        let mut b = Ranking::new(2);
        for (f, s) in [("a", 1.0), ("b", 3.0), ("c", 2.0), ("d", 3.0)] {
            a.offer(cand(f, s));
        }
        for (f, s) in [("d", 3.0), ("c", 2.0), ("b", 3.0), ("a", 1.0)] {
            b.offer(cand(f, s));
        }
        let names = |r: &Ranking| r.top.iter().map(|c| c.file.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), vec!["b", "d"]);
        assert_eq!(names(&a), names(&b));
        assert_eq!(a.count, 4);
    }

    #[test]
    fn one_file_per_enterprise_and_data_year_the_newest_kept() {
        use std::time::{Duration, SystemTime};
        let t = |s: u64| Some(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        let k = |code: &str, y: i32, m, f: &str| (code.to_string(), y, m, f.to_string());
        let d = pick_duplicates(vec![
            k("A", 2017, t(10), "a/old.yaml"),
            k("A", 2017, t(20), "b/new.yaml"),
            // Another data year of the same enterprise is another submission.
            k("A", 2016, t(5), "c/2016.yaml"),
            // Equal times: the first path in sorted order is kept.
            k("B", 2017, t(7), "y.yaml"),
            k("B", 2017, t(7), "x.yaml"),
            k("C", 2017, None, "only.yaml"),
        ]);
        let got: Vec<_> = d
            .iter()
            .map(|x| (x.file.as_str(), x.kept.as_str()))
            .collect();
        assert_eq!(got, [("a/old.yaml", "b/new.yaml"), ("y.yaml", "x.yaml")]);
    }

    #[test]
    fn mid_rank_percentiles() {
        let mut p = Peers::default();
        let col: &mut Vec<u32> = &mut p
            .values
            .entry(Sector::Other)
            .or_insert_with(|| vec![vec![0; BINS]; PEER_INDICATORS.len()])[0];
        for x in [0.1, 0.2, 0.2, 0.3] {
            col[bin(0, x)] += 1;
        }
        // CNC ratios 10%, 20%, 20%, 30%: below 20% one firm, at it two → (1 + 1) / 4 = 50%.
        assert_eq!(p.percentile(Sector::Other, 0, 0.2), Some(50.0));
        assert_eq!(p.percentile(Sector::Other, 0, 0.3), Some(87.5));
        assert_eq!(p.percentile(Sector::Other, 0, 0.05), Some(0.0));
        assert_eq!(p.percentile(Sector::ElectronicsIt, 0, 0.1), None);
        let q = p.quartiles();
        assert_eq!(q[&Sector::Other][0], Some([0.1, 0.2, 0.2]));
        // A firm added after a lookup counts in the next one: four of five below 30%, one at it.
        let mut inc = PeerIncrements::default();
        inc.0.push((Sector::Other, 0, bin(0, 0.25) as u16));
        p.apply(&inc);
        assert_eq!(p.percentile(Sector::Other, 0, 0.3), Some(90.0));
    }

    /// Rows read back in parallel batches come in path order with the same
    /// values and percentiles whatever the number of threads; 600 files
    /// (a share invalid) cross two batch boundaries.
    #[test]
    fn rows_read_back_the_same_with_one_or_two_threads() {
        let t = tempfile::tempdir().unwrap();
        for i in 0..600 {
            let (name, text) = crate::sample::sample(2016, i, 0.1);
            std::fs::write(t.path().join(name), text).unwrap();
        }
        let engine = Engine::default();
        let rows = |jobs| {
            let opts = Options {
                jobs,
                progress: false,
                top: 10,
                keep_rows: true,
                follow_links: false,
            };
            let s = screen(&engine, &[t.path().to_path_buf()], &opts).unwrap();
            let rows: Vec<_> = s
                .rows()
                .unwrap()
                .map(|r| format!("{:?}", r.unwrap()))
                .collect();
            (rows, s.rejected.len())
        };
        let (one, rejected) = rows(1);
        assert!(rejected > 0 && one.len() + rejected == 600 && one.len() > 2 * ROWS_BATCH);
        assert!(
            one.windows(2).all(|w| w[0] < w[1]),
            "rows out of path order"
        );
        assert_eq!(one, rows(2).0);
    }

    /// A batch with duplicates: folding the kept rows again from pass 1's
    /// spill gives what a second full pass without the duplicates gives —
    /// aggregates, histograms, workbook tally, rejections and the spilled
    /// rows byte for byte — with one thread and with two.
    #[test]
    fn refolding_the_kept_rows_equals_a_second_pass() {
        use std::time::{Duration, SystemTime};
        let t = tempfile::tempdir().unwrap();
        for i in 0..400 {
            let (name, text) = crate::sample::sample(2016, i, 0.1);
            std::fs::write(t.path().join(&name), &text).unwrap();
            // Every 13th file submitted again under another name; the copy is
            // the newer one for odd i, so either side of a pair is left out.
            if i % 13 == 0 {
                let copy = t.path().join(format!("again-{name}"));
                std::fs::write(&copy, &text).unwrap();
                let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000 + (i % 2) as u64 * 2);
                let orig = SystemTime::UNIX_EPOCH + Duration::from_secs(1_001);
                let set = |p: &std::path::Path, at| {
                    std::fs::File::options()
                        .write(true)
                        .open(p)
                        .unwrap()
                        .set_modified(at)
                        .unwrap()
                };
                set(&copy, when);
                set(&t.path().join(&name), orig);
            }
        }
        let engine = Engine::default();
        let files = walk::walk_with(&[t.path().to_path_buf()], false).files;
        let spilled = |p: &Pass| {
            let mut s = String::new();
            let f = ReadFrom {
                file: p.spill.clone().unwrap(),
                pos: 0,
            };
            std::io::Read::read_to_string(&mut BufReader::new(f), &mut s).unwrap();
            s
        };
        let seen = |p: &Pass| {
            (
                serde_json::to_string(&p.agg).unwrap(),
                format!("{:?}", p.peers.values),
                format!("{:?}", p.rejected),
                // The shortlists as read (trimmed lazily: their raw length
                // depends on the order rows came in).
                p.tally.clone().map(|mut t| {
                    t.shortlist = t.shortlists();
                    t
                }),
                spilled(p),
            )
        };
        let opts = |jobs, keep_rows| Options {
            jobs,
            progress: false,
            top: 5,
            keep_rows,
            follow_links: false,
        };
        // Pass 1 over every file, then the refold without the duplicates:
        // with 1 and 2 threads and an export, with 2 threads and none; and
        // in small blocks (the rows are ~1.5 KB): 1,000 bytes, shorter than
        // any line, and 7,000, cut in the middle of lines, with 2 and 3
        // threads, so that pieces folded on different threads and merged
        // must still add up, keep the rankings' ties and write the rows in
        // path order.
        let cases = [
            (1, true, REFOLD_BLOCK),
            (2, true, REFOLD_BLOCK),
            (2, false, REFOLD_BLOCK),
            (2, true, 1_000),
            (2, true, 7_000),
            (3, true, 7_000),
        ];
        let mut skip = HashSet::new();
        let mut refolded = Vec::new();
        for (jobs, keep_rows, block) in cases {
            let mut first = pass(&engine, &files, &opts(jobs, true), Some(15)).unwrap();
            let duplicates = dedup::pick(std::mem::take(&mut first.keys), &files);
            assert!(duplicates.len() >= 20, "{} duplicates", duplicates.len());
            assert!(duplicates.iter().any(|d| d.file.contains("again-")));
            assert!(duplicates.iter().any(|d| !d.file.contains("again-")));
            skip = duplicates.iter().map(|d| d.file.clone()).collect();
            let o = opts(jobs, keep_rows);
            refolded.push(refold_in_blocks(&engine, first, &o, &skip, Some(15), block).unwrap());
        }
        // The reference: the duplicates taken out of the folder (renamed to
        // a name the walk ignores), the rest screened in a pass of its own.
        for f in &skip {
            std::fs::rename(f, format!("{f}.left-out")).unwrap();
        }
        let kept = walk::walk_with(&[t.path().to_path_buf()], false).files;
        assert_eq!(kept.len() + skip.len(), files.len());
        for ((jobs, keep_rows, block), r) in cases.into_iter().zip(&refolded) {
            let second = pass(&engine, &kept, &opts(jobs, keep_rows), Some(15)).unwrap();
            let json = |p: &Pass| serde_json::to_string(&p.agg).unwrap();
            assert_eq!(
                json(r),
                json(&second),
                "aggregates, {jobs} threads, {block} B"
            );
            if !keep_rows {
                // Without an export the kept rows are not written again.
                assert!(r.spill.is_none());
                continue;
            }
            let (a, b) = (seen(r), seen(&second));
            assert!(!b.4.is_empty() && !b.2.is_empty());
            assert_eq!(a.1, b.1, "histograms, {jobs} threads, {block} B");
            assert_eq!(a.2, b.2, "rejections");
            assert_eq!(a.3, b.3, "workbook tally, {jobs} threads, {block} B");
            assert_eq!(a.4, b.4, "spilled rows, {jobs} threads, {block} B");
        }
    }

    #[test]
    fn a_block_is_cut_into_whole_lines_in_order() {
        let text = b"a\nbb\n\nccc\ndddd\ne\n";
        for n in 1..=12 {
            let pieces = cut_at_lines(text, n);
            assert!(!pieces.is_empty() && pieces.len() <= n, "{n}: {pieces:?}");
            assert!(pieces.iter().all(|p| p.ends_with(b"\n")), "{n}: {pieces:?}");
            assert_eq!(pieces.concat(), text.to_vec(), "{n} pieces");
        }
        assert!(cut_at_lines(b"", 4).is_empty());
        // A last line without its end stays whole, in the last piece.
        assert_eq!(cut_at_lines(b"x\nyz", 3), vec![&b"x\n"[..], &b"yz"[..]]);
    }

    #[test]
    fn density_bins_are_fine_enough_to_order_real_figures() {
        // Robot densities 100 and 101 per 10,000 fall in different bins (~0.5% wide).
        let i = PEER_INDICATORS
            .iter()
            .position(|x| *x == "robot_density")
            .unwrap();
        assert!(bin(i, 100.0) < bin(i, 101.0));
        assert!(bin(i, 0.0) == 0 && bin(i, 1e12) == BINS - 1);
    }
}
