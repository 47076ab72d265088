//! 佐证材料: a scored leaf the table asks evidence for lists a file, and each
//! listed file is still there and unchanged since it was listed. What a file
//! holds now comes from the store as data (`Ctx::evidence`); when nobody
//! looked, the file checks say nothing.

use super::{Concern, Ctx, Leaf, Sink, Warning, WarningCode, about, warn};
use crate::core::engine::scoring::ScoreBasis;
use crate::core::model::FileFact;
use crate::core::model::evidence::{Owner, listed};

/// A scored leaf whose standard asks for 佐证材料 and that lists no file.
pub fn evidence_missing(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let ind = leaf.ind;
    let scored = !matches!(
        leaf.result.basis,
        ScoreBasis::Missing | ScoreBasis::NotApplicable
    );
    if !scored || !ind.asks_for_evidence() || !ind.entry.evidence_files.is_empty() {
        return None;
    }
    let (zh, en) = about(
        ind,
        "评分标准要求佐证材料，但未列出佐证文件",
        "the standard asks for supporting evidence, but no evidence file is listed",
    );
    Some(warn(
        WarningCode::EvidenceMissing,
        zh,
        en,
        vec![Concern::Indicator {
            code: ind.code.clone(),
        }],
    ))
}

fn concerns(owner: &Owner<'_>) -> Vec<Concern> {
    match owner {
        Owner::Indicator { code, .. } => vec![Concern::Indicator {
            code: (*code).to_owned(),
        }],
        Owner::Project { .. } => Vec::new(),
    }
}

/// Listed files that are gone or cannot be read.
pub fn files_missing(ctx: &Ctx<'_>, sink: &mut Sink) {
    for item in listed(ctx.wb) {
        let (path, label) = (&item.file.path, item.owner.label());
        let (zh, en) = match ctx.evidence.get(path) {
            Some(FileFact::Missing) => (
                format!("{label}：佐证文件“{path}”不存在"),
                format!("{label}: evidence file \"{path}\" does not exist"),
            ),
            Some(FileFact::Unreadable { reason }) => (
                format!("{label}：佐证文件“{path}”无法读取（{reason}）"),
                format!("{label}: evidence file \"{path}\" cannot be read ({reason})"),
            ),
            _ => continue,
        };
        sink.push(
            WarningCode::EvidenceFileMissing,
            zh,
            en,
            concerns(&item.owner),
        );
    }
}

/// Listed files whose bytes differ from those hashed when they were listed.
pub fn files_changed(ctx: &Ctx<'_>, sink: &mut Sink) {
    for item in listed(ctx.wb) {
        let Some(FileFact::Present { sha256 }) = ctx.evidence.get(&item.file.path) else {
            continue;
        };
        if sha256.eq_ignore_ascii_case(&item.file.sha256) {
            continue;
        }
        let (path, label) = (&item.file.path, item.owner.label());
        sink.push(
            WarningCode::EvidenceFileChanged,
            format!("{label}：佐证文件“{path}”在列入清单后已被修改，请核对后重新列入"),
            format!("{label}: evidence file \"{path}\" changed after it was listed; check it and list it again"),
            concerns(&item.owner),
        );
    }
}
