//! What an editor edits, in the officer's words ("D3 目标完成情况 · 扣分原因"),
//! for the recovery file's draft and its offer: never the workbench's own
//! names for it (`OfficerScore(3)`).

use super::edit::EditTarget;
use super::identity::MemberColumn;
use super::printed::{self, Printed};
use super::structure::StructTarget;
use crate::core::Bilingual;
use crate::core::model::Workbook;

fn pair(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
    Bilingual::new(zh, en)
}

/// "D3 目标完成情况" for the indicator at a flatten index.
fn indicator(wb: &Workbook, index: usize) -> String {
    wb.table
        .flatten()
        .get(index)
        .map(|(_, ind)| format!("{} {}", ind.code, ind.name))
        .unwrap_or_default()
}

/// "办文办会：起草文件" for a workload item.
fn item(wb: &Workbook, group: usize, at: usize, sep: &str) -> String {
    let Some(g) = wb.workload.get(group) else {
        return String::new();
    };
    match g.items.get(at) {
        Some(i) => format!("{}{sep}{}", g.name, i.name),
        None => g.name.clone(),
    }
}

/// The thing edited and which of its texts: `"{what} · {aspect}"`.
fn of(what: &str, aspect: (&str, &str)) -> Bilingual {
    pair(
        format!("{what} · {}", aspect.0),
        format!("{what} · {}", aspect.1),
    )
}

fn structure(wb: &Workbook, target: StructTarget) -> Bilingual {
    match target {
        StructTarget::GroupName(g) => {
            let name = wb
                .workload
                .get(g)
                .map(|g| g.name.clone())
                .unwrap_or_default();
            of(&name, ("工作量分组名称", "workload group name"))
        }
        StructTarget::ItemName(g, i) => of(&item(wb, g, i, "："), ("事项名称", "item name")),
        StructTarget::ItemUnit(g, i) => of(&item(wb, g, i, "："), ("计量单位", "unit word")),
        StructTarget::PartName(g, i, _) => of(&item(wb, g, i, "："), ("分项名称", "part name")),
        StructTarget::IndicatorName(i) => of(&indicator(wb, i), ("指标名称", "indicator name")),
        StructTarget::IndicatorWeight(i) => of(&indicator(wb, i), ("分值", "weight")),
        StructTarget::VerifiedBy => pair("评分表核对人", "Who verified the table"),
    }
}

fn printed_label(target: Printed) -> Bilingual {
    match target {
        Printed::Total => pair(printed::TOTAL.0, printed::TOTAL.1),
        Printed::Grade => pair(printed::GRADE.0, printed::GRADE.1),
        Printed::Rate(m) => pair(
            format!("报告所写{}", m.label_zh()),
            format!("Printed {}", m.label_en()),
        ),
    }
}

/// What `target` edits, named as the panes name it.
#[must_use]
pub fn target_label(wb: &Workbook, target: EditTarget) -> Bilingual {
    let tr = |t: crate::i18n::Tr| pair(t.0, t.1);
    match target {
        EditTarget::Field(f) => pair(f.label_zh(), f.label_en()),
        EditTarget::OfficerScore(i) => of(&indicator(wb, i), ("自评分", "officer's score")),
        EditTarget::Reason(i) => of(&indicator(wb, i), ("扣分原因", "deduction reason")),
        EditTarget::Evidence(i) => of(&indicator(wb, i), ("佐证材料", "evidence")),
        EditTarget::ReviewerScore(i) => of(&indicator(wb, i), ("审核得分", "reviewer's score")),
        EditTarget::ReviewerComment(i) => of(&indicator(wb, i), ("审核意见", "reviewer's comment")),
        EditTarget::WorkloadValue(g, i) => of(&item(wb, g, i, "："), ("本年数", "this year")),
        EditTarget::WorkloadTarget(g, i) => of(&item(wb, g, i, "："), ("目标数", "target")),
        EditTarget::WorkloadLastYear(g, i) => of(&item(wb, g, i, "："), ("上年数", "last year")),
        EditTarget::PartValue(g, i, p) => {
            let part = wb
                .workload
                .get(g)
                .and_then(|g| g.items.get(i))
                .and_then(|i| i.parts.get(p))
                .map(|p| p.name.clone())
                .unwrap_or_default();
            of(
                &format!("{}：{part}", item(wb, g, i, "：")),
                ("数值", "value"),
            )
        }
        EditTarget::Structure(s) => structure(wb, s),
        EditTarget::Unit(f) => tr(f.label()),
        EditTarget::Section(i) => pair(
            format!("内设机构 {}", i + 1),
            format!("Internal section {}", i + 1),
        ),
        EditTarget::Member(m, column) => {
            let (zh, en) = match column {
                MemberColumn::Name => ("姓名", "name"),
                MemberColumn::Post => ("职务", "post"),
                MemberColumn::Role => ("分工", "role"),
            };
            let n = m + 1;
            pair(
                format!("评价工作组成员 {n} · {zh}"),
                format!("Team member {n} · {en}"),
            )
        }
        EditTarget::Narrative(s) => tr(s.title()),
        EditTarget::Printed(p) => printed_label(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;

    #[test]
    fn targets_are_named_in_words_not_debug_text() {
        let wb = sample_workbook();
        let d3 = wb
            .table
            .flatten()
            .iter()
            .position(|(_, i)| i.code == "D3")
            .expect("D3");
        let reason = target_label(&wb, EditTarget::Reason(d3));
        assert!(
            reason.zh.starts_with("D3 ") && reason.zh.ends_with("扣分原因"),
            "{}",
            reason.zh
        );
        let score = target_label(&wb, EditTarget::OfficerScore(d3));
        assert!(!score.en.contains("OfficerScore"), "{}", score.en);
        assert!(score.en.ends_with("officer's score"), "{}", score.en);
    }
}
