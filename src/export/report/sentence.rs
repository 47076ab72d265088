//! One sentence per indicator: the figure, the standard it is held to, the
//! score, and the reason for any point lost, as a report writes it
//! ("按评分标准，自评为“较好”，按分值的80%计，得4分，扣1分。"), never the
//! engine's working ("评为“较好”（80%）×5=4"). Markdown and Word share it.

use rust_decimal::Decimal;

use crate::core::Lang;
use crate::core::engine::{IndicatorResult, ScoreBasis};
use crate::core::model::{ChecklistMode, Indicator, NotApplicableMode, RuleKind};
use crate::core::num::{fmt_percent, fmt_score};

/// How the indicator was scored, in one or two sentences ending with 。 (or ". ").
#[must_use]
pub fn scoring_sentence(
    node: &Indicator,
    result: &IndicatorResult,
    metric_label: Option<&str>,
    lang: Lang,
) -> String {
    let quoted = quoted_standard(node);
    let outcome = outcome(node, result, metric_label, lang, quoted.is_some());
    let reason = reason(node, result, lang);
    // The bureau's own words, never jixiao's reading of them.
    let lead = match (quoted, lang) {
        (None, _) => String::new(),
        (Some(q), Lang::Zh) => format!("评分标准：{q}。"),
        (Some(q), Lang::En) => format!("Standard: {q}. "),
    };
    match lang {
        Lang::Zh => format!("{lead}{outcome}。{reason}"),
        Lang::En => format!("{lead}{outcome}. {reason}"),
    }
}

/// The 评分标准 as the bureau wrote it (its closing stop left to the sentence).
fn quoted_standard(node: &Indicator) -> Option<&str> {
    let text = node
        .standard
        .trim()
        .trim_end_matches(['。', '.', '；', ';']);
    (!text.is_empty()).then_some(text)
}

/// "得满分5分" or "得4分，扣1分".
fn points(result: &IndicatorResult, lang: Lang) -> String {
    let score = fmt_score(result.score);
    let lost = fmt_score(result.lost);
    // A loss that rounds to 0 (5.9988 of 6) is neither full marks nor "扣0分".
    let shown_loss = lost != "0";
    match (lang, result.lost > Decimal::ZERO, shown_loss) {
        (Lang::Zh, false, _) => format!("得满分{score}分"),
        (Lang::Zh, true, true) => format!("得{score}分，扣{lost}分"),
        (Lang::Zh, true, false) => format!("得{score}分"),
        (Lang::En, false, _) => format!("full marks, {score} points"),
        (Lang::En, true, true) => format!("{score} points, {lost} lost"),
        (Lang::En, true, false) => format!("{score} points"),
    }
}

fn outcome(
    node: &Indicator,
    result: &IndicatorResult,
    metric_label: Option<&str>,
    lang: Lang,
    quoted: bool,
) -> String {
    let weight = fmt_score(result.weight);
    let zh = lang == Lang::Zh;
    match result.basis {
        ScoreBasis::NotApplicable => {
            let rescaled = matches!(
                node.rule.as_ref().map(|r| &r.kind),
                Some(RuleKind::NotApplicable {
                    mode: NotApplicableMode::Rescale
                })
            );
            return match (zh, rescaled) {
                (true, false) => format!("本项不适用，按满分{weight}分计"),
                (true, true) => "本项不适用，不计分值，总分按其余指标折算".to_owned(),
                (false, false) => format!("Not applicable: counted at full marks, {weight} points"),
                (false, true) => {
                    "Not applicable: left out, the total rescaled over the rest".to_owned()
                }
            };
        }
        ScoreBasis::Missing => {
            return if zh {
                "尚未评分，暂计0分".to_owned()
            } else {
                "Not scored yet: 0 points for now".to_owned()
            };
        }
        ScoreBasis::Officer => {
            let score = points(result, lang);
            return if zh {
                format!("按评分标准自评，{score}")
            } else {
                format!("Scored by the officer against the standard: {score}")
            };
        }
        ScoreBasis::Computed | ScoreBasis::Subtotal => {}
    }
    let score = points(result, lang);
    let Some(rule) = node.rule.as_ref() else {
        return score;
    };
    match &rule.kind {
        RuleKind::Levels { levels } => {
            let choice = node.entry.choice.as_deref().unwrap_or_default();
            let percent = levels
                .iter()
                .find(|l| l.label == choice)
                .map(|l| l.percent.normalize().to_string());
            match (zh, result.lost > Decimal::ZERO, percent) {
                (true, true, Some(p)) => {
                    format!("按评分标准，自评为“{choice}”，按分值的{p}%计，{score}")
                }
                (true, _, _) => format!("按评分标准，自评为“{choice}”，{score}"),
                (false, _, _) => format!("Rated “{choice}” against the standard: {score}"),
            }
        }
        RuleKind::Checklist { items, mode, .. } => checklist(node, items, *mode, &score, lang),
        RuleKind::Categorical { categories, .. } => {
            let label = categories
                .iter()
                .find(|c| c.points == result.score)
                .map(|c| c.label.as_str())
                .unwrap_or_default();
            if zh {
                format!("属“{label}”一档，{score}")
            } else {
                format!("Falls under “{label}”: {score}")
            }
        }
        RuleKind::Manual => {
            if zh {
                format!("按评分标准自评，{score}")
            } else {
                format!("Scored against the standard: {score}")
            }
        }
        RuleKind::NotApplicable { .. } => score,
        RuleKind::Threshold { .. }
        | RuleKind::Step { .. }
        | RuleKind::Bands { .. }
        | RuleKind::Proportional { .. } => measured(result, metric_label, &score, lang, quoted),
    }
}

/// A measured rule: the standard (unless the bureau's words are quoted
/// before), the figure, the score.
fn measured(
    result: &IndicatorResult,
    metric_label: Option<&str>,
    score: &str,
    lang: Lang,
    quoted: bool,
) -> String {
    let zh = lang == Lang::Zh;
    let standard = result.rule.get(lang);
    let figure = match (result.metric_value, metric_label) {
        (Some(v), Some(label)) => Some((label, fmt_percent(v))),
        _ => None,
    };
    match (zh, figure) {
        (true, Some((label, v))) if quoted => format!("{label}为{v}，{score}"),
        (true, None) if quoted => format!("按评分标准，{score}"),
        (false, Some((label, v))) if quoted => format!("{label} is {v}: {score}"),
        (false, None) if quoted => format!("Against the standard: {score}"),
        (true, Some((label, v))) => {
            format!("评分标准：{standard}。{label}为{v}，{score}")
        }
        (true, None) => format!("评分标准：{standard}。{score}"),
        (false, Some((label, v))) => {
            format!("Standard: {standard}; {label} is {v}: {score}")
        }
        (false, None) => format!("Standard: {standard}: {score}"),
    }
}

/// "3项要求均已达到" or "3项要求中有1项未达到（…）".
fn checklist(
    node: &Indicator,
    items: &[String],
    mode: ChecklistMode,
    score: &str,
    lang: Lang,
) -> String {
    let failed: Vec<&str> = node
        .entry
        .failed_items
        .iter()
        .filter_map(|&i| items.get(i).map(String::as_str))
        .collect();
    let total = items.len();
    let zh = lang == Lang::Zh;
    match (zh, failed.is_empty(), mode) {
        (true, true, _) => format!("对照评分标准的{total}项要求，均已达到，{score}"),
        (true, false, ChecklistMode::Deduct) => format!(
            "对照评分标准的{total}项要求，有{}项未达到（{}），{score}",
            failed.len(),
            failed.join("；")
        ),
        (true, false, ChecklistMode::Award) => format!(
            "对照评分标准的{total}项，有{}项未达到（{}），{score}",
            failed.len(),
            failed.join("；")
        ),
        (false, true, _) => format!("All {total} requirements of the standard are met: {score}"),
        (false, false, _) => format!(
            "{} of the {total} requirements are not met ({}): {score}",
            failed.len(),
            failed.join("; ")
        ),
    }
}

/// The officer's reason for lost points; without one, the working that lost them.
fn reason(node: &Indicator, result: &IndicatorResult, lang: Lang) -> String {
    if result.lost <= Decimal::ZERO || fmt_score(result.lost) == "0" {
        return String::new();
    }
    let typed = node.entry.deduction_reason.trim();
    let why = if typed.is_empty() {
        result
            .working
            .get(lang)
            .replace(" 个", "个")
            .replace("  ", " ")
    } else {
        typed.to_owned()
    };
    let closed = why.ends_with(['。', '.', '；', '！']);
    match (lang, closed) {
        (Lang::Zh, true) => format!("扣分原因：{why}"),
        (Lang::Zh, false) => format!("扣分原因：{why}。"),
        (Lang::En, true) => format!("Reason for lost points: {why}"),
        (Lang::En, false) => format!("Reason for lost points: {why}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

    fn sentence_for(code: &str) -> String {
        let (wb, d) = crate::export::sample_derived();
        let flat = wb.table.flatten();
        let at = flat
            .iter()
            .position(|(_, i)| i.code == code)
            .expect("code in sample");
        let node = flat[at].1;
        let label = node
            .rule
            .as_ref()
            .and_then(|r| r.metric)
            .map(|m| m.label(Lang::Zh));
        scoring_sentence(node, &d.scores.indicators[at], label, Lang::Zh)
    }

    #[test]
    fn a_level_reads_as_a_sentence() {
        assert_eq!(
            sentence_for("A1"),
            "评分标准：预算编制符合方针政策和工作要求及单位职责；资金在不同项目、用途之间合理分配；预算分配不固化。按评分标准，自评为“好”，得满分5分。"
        );
        let d3 = sentence_for("D3");
        assert!(
            d3.contains("。按评分标准，自评为“较好”，按分值的80%计，得4分，扣1分。扣分原因："),
            "{d3}"
        );
        assert!(!d3.contains("×5=4"));
    }

    #[test]
    fn a_threshold_names_the_standard_the_figure_and_the_reason() {
        let s = sentence_for("A3.1");
        // The bureau's words, verbatim, not jixiao's reading (≤5.00%得满分5分…).
        assert!(
            s.starts_with("评分标准：差异率≤5%得满分，每超过1个百分点扣0.5分，扣完为止（取小数点后两位绝对值）。"),
            "{s}"
        );
        assert!(!s.contains("≤5.00%"), "{s}");
        assert!(
            s.contains("财政拨款收入预决算差异率为19.58%，得0分，扣5分。"),
            "{s}"
        );
        assert!(s.contains("扣分原因："), "{s}");
        let full = sentence_for("B2.1");
        assert!(full.ends_with("支出完成率为100.00%，得满分6分。"), "{full}");
        assert!(!full.contains("得满分 6"));
    }

    #[test]
    fn a_loss_that_rounds_to_nothing_is_not_written_as_zero() {
        let mut wb = sample_workbook();
        let at = wb
            .table
            .flatten()
            .iter()
            .position(|(_, i)| i.code == "B2.5")
            .expect("B2.5");
        crate::core::model::FieldId::ProcurementActual
            .set(&mut wb, Some(rust_decimal_macros::dec!(46.05)));
        crate::core::model::FieldId::ProcurementBudget
            .set(&mut wb, Some(rust_decimal_macros::dec!(46.06)));
        let d = derive(&wb);
        let node = wb.table.flatten()[at].1;
        let s = scoring_sentence(
            node,
            &d.scores.indicators[at],
            Some("政府采购执行率"),
            Lang::Zh,
        );
        assert!(s.ends_with("政府采购执行率为99.98%，得6分。"), "{s}");
    }

    #[test]
    fn checklist_and_not_applicable() {
        assert_eq!(
            sentence_for("B1"),
            "评分标准：内部控制和财务管理制度健全、合法合规完整；每缺一项扣2分，扣完为止。对照评分标准的3项要求，均已达到，得满分5分。"
        );
        assert_eq!(
            sentence_for("B2.4"),
            "评分标准：转移支付资金按规定及时下达下级单位；无下级单位的不适用。本项不适用，按满分4分计。"
        );
    }
}
