//! One loader for every pack an [`Engine`] runs on (装载规则包): the shipped
//! ones embedded in the binary, or files named by the user. Each pack is
//! read with the same size cap and decoding, checked before any evaluation,
//! and its problems reported with the file they came from.

use super::Engine;
use crate::diag::Diagnostic;
use crate::engine::targets::Targets;
use crate::lang::Text;
use crate::policy::{self, pack::PolicyPack, readings::Choices};
use crate::reference::References;
use crate::{criteria, reference};
use std::path::PathBuf;

/// Where each pack comes from: `None` (or an empty list) takes the shipped one.
#[derive(Debug, Clone, Default)]
pub struct PackSources {
    /// Criteria and maturity model (`--criteria`).
    pub criteria: Option<PathBuf>,
    /// Policy packs, evaluated together (`--policy`, repeatable).
    pub policies: Vec<PathBuf>,
    /// Level packs (`--levels`, repeatable); empty takes the shipped ones.
    pub levels: Vec<PathBuf>,
    /// District targets (`--targets`).
    pub targets: Option<PathBuf>,
    /// Reference figures for peer comparison (`--references`).
    pub references: Option<PathBuf>,
    /// Readings chosen with `--reading ID=OPTION`; each must name a reading
    /// of one of the policy packs.
    pub readings: Choices,
}

/// Why the packs could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A file could not be read or decoded (the CLI's exit code 2).
    Read(Diagnostic),
    /// A pack was read but is not valid: its problems, all of them, with the
    /// text they point into (exit code 1).
    Invalid {
        /// The problems.
        diagnostics: Vec<Diagnostic>,
        /// The pack's text, to quote the lines.
        source: String,
    },
    /// A `--reading` names no reading or option of the loaded packs (exit code 2).
    Reading(Text),
}

impl LoadError {
    /// The exit code the CLI has always used for this kind of failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            LoadError::Invalid { .. } => 1,
            LoadError::Read(_) | LoadError::Reading(_) => 2,
        }
    }
}

/// A pack file's text, or the shipped text when no file is given.
fn text_of(path: &Option<PathBuf>, shipped: (&str, &str)) -> Result<(String, String), LoadError> {
    let Some(p) = path else {
        return Ok((shipped.0.to_string(), shipped.1.to_string()));
    };
    let shown = p.display().to_string();
    let text = crate::yaml::read_capped(p, &shown, crate::yaml::MAX_PACK_BYTES)
        .and_then(|b| crate::yaml::decode(&b, &shown))
        .map_err(LoadError::Read)?;
    Ok((text, shown))
}

fn invalid(diagnostics: Vec<Diagnostic>, source: String) -> LoadError {
    LoadError::Invalid {
        diagnostics,
        source,
    }
}

/// A data file (targets, references) read with the common YAML rules.
fn data<T: serde::de::DeserializeOwned>(
    path: &Option<PathBuf>,
    shipped: (&str, &str),
) -> Result<T, LoadError> {
    let (text, shown) = text_of(path, shipped)?;
    crate::yaml::from_str(&text, &shown).map_err(|d| invalid(vec![d], text))
}

/// The policy packs: the files given, or every shipped one (the 2016 notice
/// first; each questionnaire then gets those in force for its data year).
/// Readings apply to the pack that declares them; a reading no pack declares
/// is an error.
fn policies(sources: &PackSources) -> Result<Vec<PolicyPack>, LoadError> {
    let texts: Vec<(String, String)> = if sources.policies.is_empty() {
        policy::SHIPPED_PACKS
            .iter()
            .map(|(t, n)| (t.to_string(), n.to_string()))
            .collect()
    } else {
        let mut v = Vec::with_capacity(sources.policies.len());
        for p in &sources.policies {
            v.push(text_of(&Some(p.clone()), ("", ""))?);
        }
        v
    };
    let mut packs = Vec::with_capacity(texts.len());
    let mut files = Vec::with_capacity(texts.len());
    for (text, shown) in texts {
        packs.push(policy::load_pack(&text, &shown).map_err(|d| invalid(d, text))?);
        files.push(shown);
    }
    policy::check_together(&packs, &files).map_err(|d| invalid(d, String::new()))?;
    for (id, _) in sources.readings.iter() {
        if !packs.iter().any(|p| p.readings.iter().any(|r| r.id == *id)) {
            // The single-pack message names the closest reading id.
            return Err(
                match policy::readings::check_choices(&packs[0], &sources.readings) {
                    Err(m) => LoadError::Reading(m),
                    Ok(()) => LoadError::Reading(Text::new(
                        format!("没有名为 `{id}` 的解读"),
                        format!("no reading `{id}`"),
                    )),
                },
            );
        }
    }
    for pack in &mut packs {
        let mine: Choices = sources
            .readings
            .iter()
            .filter(|(id, _)| pack.readings.iter().any(|r| r.id == **id))
            .map(|(id, o)| (id.clone(), o.clone()))
            .collect();
        if !mine.is_empty() {
            *pack = policy::with_readings(pack, &mine).map_err(LoadError::Reading)?;
        }
    }
    Ok(packs)
}

/// The level packs shipped in the binary: (text, name shown in diagnostics).
const SHIPPED_LEVELS: &[(&str, &str)] = &[
    (
        include_str!("../../../levels/miit-sme-digital-2024.yaml"),
        "levels/miit-sme-digital-2024.yaml",
    ),
    (
        include_str!("../../../levels/smart-factory-2025.yaml"),
        "levels/smart-factory-2025.yaml",
    ),
];

/// The level packs: the files given, or every shipped one.
fn levels(sources: &PackSources) -> Result<Vec<crate::levels::LevelPack>, LoadError> {
    let texts: Vec<(String, String)> = if sources.levels.is_empty() {
        SHIPPED_LEVELS
            .iter()
            .map(|(t, n)| (t.to_string(), n.to_string()))
            .collect()
    } else {
        let mut v = Vec::with_capacity(sources.levels.len());
        for p in &sources.levels {
            v.push(text_of(&Some(p.clone()), ("", ""))?);
        }
        v
    };
    texts
        .into_iter()
        .map(|(text, shown)| crate::levels::load_pack(&text, &shown).map_err(|d| invalid(d, text)))
        .collect()
}

impl Engine {
    /// Load every pack from `sources` (shipped ones where none is given) and
    /// check them, alone and together, before any evaluation.
    pub fn load(sources: &PackSources) -> Result<Engine, LoadError> {
        let (text, shown) = text_of(
            &sources.criteria,
            (criteria::DEFAULT_PACK, criteria::DEFAULT_PACK_NAME),
        )?;
        let criteria = criteria::load_pack(&text, &shown).map_err(|d| invalid(d, text))?;
        let mut policies = policies(sources)?.into_iter();
        let Some(policy) = policies.next() else {
            return Err(LoadError::Reading(Text::new(
                "没有政策包",
                "no policy pack",
            )));
        };
        let targets: Targets = data(
            &sources.targets,
            (
                crate::engine::targets::DEFAULT_TARGETS,
                crate::engine::targets::DEFAULT_TARGETS_NAME,
            ),
        )?;
        let references: References = data(
            &sources.references,
            (
                reference::DEFAULT_REFERENCES,
                reference::DEFAULT_REFERENCES_NAME,
            ),
        )?;
        Ok(Engine {
            criteria,
            policy,
            more_policies: policies.collect(),
            by_data_year: sources.policies.is_empty(),
            levels: levels(sources)?,
            targets,
            references,
        })
    }

    /// The policy packs a questionnaire of `data_year` is assessed on: with
    /// packs given (`--policy`), all of them; otherwise the shipped packs in
    /// force for that year (validity by date), in shipped order — the first
    /// (the 2016 notice) alone when none is, so a year before every pack
    /// reads "not in force" as it always has.
    pub fn policies_for(&self, data_year: i32) -> Vec<&PolicyPack> {
        let all = self.policies();
        if !self.by_data_year {
            return all.collect();
        }
        let chosen: Vec<&PolicyPack> = all
            .filter(|p| crate::policy::eval::covers(p, data_year))
            .collect();
        if chosen.is_empty() {
            vec![&self.policy]
        } else {
            chosen
        }
    }

    /// The shipped packs (tested to load; a failure is a build bug).
    pub fn shipped() -> Engine {
        match Engine::load(&PackSources::default()) {
            Ok(e) => e,
            Err(e) => panic!("a shipped pack is invalid: {e:?}"),
        }
    }
}
