//! 佐证材料清单: the files that back an indicator's score, listed by the
//! officer. Plain data: the file's hash is taken by the store when the file is
//! listed, and what the file holds now reaches the checks as `EvidenceFacts`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Indicator;

/// One listed file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EvidenceFile {
    /// Where the file is, relative to the workbook's folder, with `/` between
    /// folders (the same text on every system).
    pub path: String,
    /// What the file is (标题), as printed in the report's 附件清单.
    pub title: String,
    /// 页数 or page range as written (`12`, `3–5`); empty when not given.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pages: String,
    /// SHA-256 of the file's bytes when it was listed, lowercase hex.
    pub sha256: String,
}

/// What a listed file holds now, as the store found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFact {
    /// The file is there; the SHA-256 of its bytes now.
    Present { sha256: String },
    /// No file at that path.
    Missing,
    /// There, but it could not be read (the reason, for the message).
    Unreadable { reason: String },
}

/// Every listed path the store looked at, by its `EvidenceFile::path`.
/// Empty when nobody looked (a workbook read from text alone): then only the
/// checks that need no file run.
pub type EvidenceFacts = BTreeMap<String, FileFact>;

/// Words of a 评分标准 or 指标解释 that ask for supporting material.
pub const ASKS_FOR_EVIDENCE: &[&str] = &["佐证", "证明材料", "附件"];

impl Indicator {
    /// Whether the table asks for evidence on this indicator: its own flag
    /// (`evidence_required`) where the table sets one, else its standard or
    /// definition names supporting material (佐证, 证明材料, 附件).
    #[must_use]
    pub fn asks_for_evidence(&self) -> bool {
        self.evidence_required.unwrap_or_else(|| {
            ASKS_FOR_EVIDENCE
                .iter()
                .any(|w| self.standard.contains(w) || self.definition.contains(w))
        })
    }
}

/// Every listed file of a workbook (department indicators first, in table
/// order, then each project's), with where it is listed.
#[must_use]
pub fn listed(wb: &super::Workbook) -> Vec<Listed<'_>> {
    let mut out = Vec::new();
    for (_, ind) in wb.table.flatten() {
        for file in &ind.entry.evidence_files {
            out.push(Listed {
                owner: Owner::Indicator {
                    code: &ind.code,
                    name: &ind.name,
                },
                file,
            });
        }
    }
    for project in &wb.projects {
        for ind in &project.indicators {
            for file in &ind.evidence_files {
                out.push(Listed {
                    owner: Owner::Project {
                        project: &project.name,
                        indicator: &ind.name,
                    },
                    file,
                });
            }
        }
    }
    out
}

/// One listed file and the indicator it backs.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    pub owner: Owner<'a>,
    pub file: &'a EvidenceFile,
}

/// The indicator a file is listed under.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Indicator {
        code: &'a str,
        name: &'a str,
    },
    Project {
        project: &'a str,
        indicator: &'a str,
    },
}

impl Owner<'_> {
    /// How the report and the checks name it: `B1 预算编制` or `项目名 · 指标`.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::Indicator { code, name } => [*code, " ", *name].concat(),
            Self::Project { project, indicator } => [*project, " · ", *indicator].concat(),
        }
    }
}

/// Whether `path` may be listed: relative, no `..`, no drive or root, not empty.
/// The store reads only such paths, so a workbook cannot point it elsewhere.
#[must_use]
pub fn path_is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.starts_with('\\')
        && !path.contains(':')
        && path
            .split(['/', '\\'])
            .all(|part| !part.is_empty() && part != "..")
}

/// Where a listed path is, beside the workbook at `workbook` (path arithmetic
/// only); `None` for a path that would leave the workbook's folder.
#[must_use]
pub fn resolve_beside(workbook: &std::path::Path, relative: &str) -> Option<std::path::PathBuf> {
    if !path_is_inside(relative) {
        return None;
    }
    let base = match workbook.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    Some(base.join(relative.replace('\\', "/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_below_the_workbook_are_listed() {
        assert!(path_is_inside("佐证/采购台账.pdf"));
        assert!(path_is_inside("a.pdf"));
        for bad in [
            "",
            "/etc/passwd",
            "../x.pdf",
            "a/../../b",
            "C:\\x.pdf",
            "\\\\srv\\x",
            "a//b",
        ] {
            assert!(!path_is_inside(bad), "{bad}");
        }
    }

    #[test]
    fn the_standard_or_the_flag_asks_for_evidence() {
        let mut ind = Indicator {
            standard: "按时完成自评报告及提供相关佐证材料。".into(),
            ..Indicator::default()
        };
        assert!(ind.asks_for_evidence());
        ind.evidence_required = Some(false);
        assert!(!ind.asks_for_evidence());
        ind.standard = "各项工作按时完成。".into();
        ind.evidence_required = None;
        assert!(!ind.asks_for_evidence());
        ind.evidence_required = Some(true);
        assert!(ind.asks_for_evidence());
    }
}
