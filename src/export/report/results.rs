//! Sections 三 (result, score table, indicator-by-indicator analysis, problems,
//! improvements) and 四.

use std::fmt::Write as _;

use super::super::rows::metric_status_text;
use super::sentence::scoring_sentence;
use super::{Report, full_width_parens};
use crate::core::Lang;
use crate::core::engine::measure::LeafMeasure;
use crate::core::engine::{Metric, MetricId, MetricStatus};
use crate::core::model::{Indicator, RuleKind};
use crate::core::num::fmt_score;
use crate::i18n::Tr;
use rust_decimal::Decimal;

impl Report<'_> {
    pub(super) fn results(&mut self) {
        self.heading(
            2,
            self.t("三、绩效自评情况", "3. Results of the self-evaluation"),
        );
        self.heading(3, self.t("（一）自评结果", "3.1 Result"));
        let total = fmt_score(self.d.scores.total);
        let max = fmt_score(self.d.scores.max_total);
        let grade = crate::core::newbook::grade_text(self.d, self.lang);
        let sentence = match self.lang {
            Lang::Zh => format!(
                "对照整体绩效自评指标评分表自评得分{total}分（满分{max}分），自评等级为{grade}。"
            ),
            Lang::En => format!(
                "Against the scoring table the self-assessed score is {total} out of {max}; grade: {grade}."
            ),
        };
        self.para(&sentence);
        self.score_table();
        self.heading(
            3,
            self.t(
                "（二）部门整体支出绩效指标分析",
                "3.2 Indicator-by-indicator analysis",
            ),
        );
        let lead = self.t(
            "对照《整体绩效自评指标评分表》逐项分析各指标完成情况。",
            "Each indicator of the scoring table in turn:",
        );
        self.para(lead);
        self.analysis();
        let narrative = &self.wb.narrative;
        self.text_sections(&[
            (
                Tr(
                    "（三）部门整体支出绩效管理存在问题",
                    "3.3 Problems in performance management",
                ),
                &narrative.problems,
            ),
            (
                Tr("（四）改进措施", "3.4 Improvements"),
                &narrative.improvements,
            ),
        ]);
    }

    /// The analysis, item by item, following the table's tree.
    fn analysis(&mut self) {
        let indicators = self.wb.table.indicators.clone();
        let workload_at = indicators.iter().rposition(|i| {
            ["效益", "效能", "效果", "产出", "履职"]
                .iter()
                .any(|w| i.name.contains(w))
        });
        let mut flat_index = 0;
        for (i, top) in indicators.iter().enumerate() {
            let heading = format!("{}.{}{}", i + 1, top.name, self.points(flat_index));
            self.heading(4, &heading);
            flat_index += 1;
            if top.is_leaf() {
                self.leaf(top, flat_index - 1, None);
            }
            for (j, child) in top.children.iter().enumerate() {
                let lead = match self.lang {
                    Lang::Zh => format!("（{}）", j + 1),
                    Lang::En => format!("({}) ", j + 1),
                };
                if child.is_leaf() {
                    self.leaf(child, flat_index, Some(&lead));
                    flat_index += 1;
                } else {
                    let line = format!("{lead}{}{}", child.name, self.points(flat_index));
                    self.strong(&line);
                    flat_index += 1;
                    let mut stack: Vec<&Indicator> = child.children.iter().rev().collect();
                    while let Some(node) = stack.pop() {
                        if node.is_leaf() {
                            self.leaf(node, flat_index, None);
                        } else {
                            let line = format!("{}{}", node.name, self.points(flat_index));
                            self.strong(&line);
                            stack.extend(node.children.iter().rev());
                        }
                        flat_index += 1;
                    }
                }
            }
            if workload_at == Some(i) && !self.wb.workload.is_empty() {
                let lead = self.t("年度重点工作完成情况如下：", "Work done during the year:");
                self.para(lead);
                self.workload_text();
            }
        }
        if workload_at.is_none() && !self.wb.workload.is_empty() {
            let heading = format!(
                "{}.{}",
                indicators.len() + 1,
                self.t("年度重点工作完成情况", "Work done during the year")
            );
            self.heading(4, &heading);
            self.workload_text();
        }
        self.other_metrics();
    }

    /// "（分值5分，得分5分）" for the indicator at a flattened index.
    fn points(&self, index: usize) -> String {
        let Some(result) = self.d.scores.indicators.get(index) else {
            return String::new();
        };
        match self.lang {
            Lang::Zh => format!(
                "（分值{}分，得分{}分）",
                fmt_score(result.weight),
                fmt_score(result.score)
            ),
            Lang::En => format!(
                " ({} of {} points)",
                fmt_score(result.score),
                fmt_score(result.weight)
            ),
        }
    }

    fn leaf(&mut self, node: &Indicator, index: usize, lead: Option<&str>) {
        let mut text = format!("{}{}{}", lead.unwrap_or(""), node.name, self.points(index));
        text.push_str(self.t("。", ". "));
        // The officer's own analysis of the indicator comes first, as the seed writes it.
        let analysis = node.entry.analysis.trim();
        if !analysis.is_empty() {
            text.push_str(analysis);
            if !analysis.ends_with(['。', '.', '；', '！']) {
                text.push_str(self.t("。", ". "));
            }
        }
        let metric = node.rule.as_ref().and_then(|r| r.metric);
        let own = self
            .d
            .scores
            .indicators
            .get(index)
            .and_then(|r| r.measure.as_deref());
        if let Some(own) = own {
            text.push_str(&self.measure_sentence(own, node));
        } else if let Some(id) = metric {
            text.push_str(&self.metric_sentence(id, Some(node)));
        }
        if let Some(result) = self.d.scores.indicators.get(index) {
            let metric_label = match own {
                Some(own) => Some(own.label.get(self.lang).to_owned()),
                None => metric.map(|id| id.label(self.lang).to_string()),
            };
            text.push_str(&scoring_sentence(
                node,
                result,
                metric_label.as_deref(),
                self.lang,
            ));
        }
        if self.lang == Lang::En {
            text = text.replace("  ", " ");
        }
        self.para(text.trim());
        // Evidence is labelled as such, apart from the analysis.
        let evidence = node.entry.evidence.trim();
        if !evidence.is_empty() {
            let label = self.t("佐证材料：", "Evidence: ");
            self.para(&format!("{label}{evidence}"));
        }
    }

    fn metric(&self, id: MetricId) -> Option<&Metric> {
        self.d.metric(id)
    }

    /// The inputs and the arithmetic of a ratio, as the seed writes them.
    fn metric_sentence(&self, id: MetricId, node: Option<&Indicator>) -> String {
        let Some(m) = self.metric(id) else {
            return String::new();
        };
        let year = self.wb.unit.fiscal_year;
        let label = id.label(self.lang);
        let inputs: Vec<String> = m
            .inputs
            .iter()
            .filter_map(|&(f, v)| Some(self.labelled((f.label_zh(), f.label_en()), f, v?)))
            .collect();
        match (&m.status, &m.expression) {
            (MetricStatus::Ok, Some(expr)) => {
                let mut s = String::new();
                let compare = node
                    .map(|n| self.compare_with_rule(m.display, n))
                    .unwrap_or_default();
                let absolute = id
                    .shows_absolute()
                    .then(|| self.t("取小数点后两位绝对值", "absolute value, 2 places"));
                let notes: Vec<&str> = absolute
                    .into_iter()
                    .chain(Some(compare.as_str()).filter(|c| !c.is_empty()))
                    .collect();
                // The notes after the arithmetic, in brackets, none when there are none.
                let bracket = |open: &str, separator: &str, close: &str| {
                    if notes.is_empty() {
                        String::new()
                    } else {
                        format!("{open}{}{close}", notes.join(separator))
                    }
                };
                match self.lang {
                    Lang::Zh => {
                        let _ = write!(s, "{year}年");
                        if !inputs.is_empty() {
                            let _ = write!(s, "{}，", inputs.join("，"));
                        }
                        let expr = full_width_parens(&expr.zh);
                        let joiner = if id == MetricId::TreasuryCarryoverStockEfficiency {
                            "：本年较上年"
                        } else {
                            "="
                        };
                        let _ = write!(s, "{label}{joiner}{expr}");
                        s.push_str(&bracket("（", "，", "）"));
                        s.push('。');
                    }
                    Lang::En => {
                        if !inputs.is_empty() {
                            let _ = write!(s, "{}; ", inputs.join(", "));
                        }
                        let _ = write!(s, "{label} = {}", expr.en);
                        s.push_str(&bracket(" (", "; ", ")"));
                        s.push_str(". ");
                    }
                }
                s
            }
            _ => {
                if let Some(reported) = self.wb.reported.rates.get(&id) {
                    return match self.lang {
                        Lang::Zh => format!("{label}为{reported}%。"),
                        Lang::En => format!("{label}: {reported}% (as reported). "),
                    };
                }
                let why = metric_status_text(&m.status, self.lang);
                match self.lang {
                    Lang::Zh => format!("{label}：{why}。"),
                    Lang::En => format!("{label}: {why}. "),
                }
            }
        }
    }

    /// A leaf's own measure (another basis, the table's formula): its formula,
    /// its inputs and its arithmetic, as `metric_sentence` writes a ratio.
    fn measure_sentence(&self, own: &LeafMeasure, node: &Indicator) -> String {
        let label = own.label.get(self.lang);
        let m = &own.measured;
        let Some(expr) = m
            .expression
            .as_ref()
            .filter(|_| m.status == MetricStatus::Ok)
        else {
            let why = metric_status_text(&m.status, self.lang);
            return match self.lang {
                Lang::Zh => format!("{label}（{}）：{why}。", own.formula.zh),
                Lang::En => format!("{label} ({}): {why}. ", own.formula.en),
            };
        };
        let compare = self.compare_with_rule(m.display, node);
        match self.lang {
            Lang::Zh => {
                let tail = if compare.is_empty() {
                    String::new()
                } else {
                    format!("（{compare}）")
                };
                format!(
                    "{}年{label}按{}计算：{}{tail}。",
                    self.wb.unit.fiscal_year,
                    own.formula.zh,
                    full_width_parens(&expr.zh)
                )
            }
            Lang::En => {
                let tail = if compare.is_empty() {
                    String::new()
                } else {
                    format!(" ({compare})")
                };
                format!("{label}, {}: {}{tail}. ", own.formula.en, expr.en)
            }
        }
    }

    /// "小于10%" for a rate scored by a threshold, as the seed writes it in brackets.
    fn compare_with_rule(&self, display: Option<Decimal>, node: &Indicator) -> String {
        let Some(value) = display else {
            return String::new();
        };
        let Some(RuleKind::Threshold { threshold, .. }) = node.rule.as_ref().map(|r| &r.kind)
        else {
            return String::new();
        };
        let t = threshold.normalize();
        let word = match (self.lang, value.cmp(threshold)) {
            (Lang::Zh, std::cmp::Ordering::Less) => "小于",
            (Lang::Zh, std::cmp::Ordering::Equal) => "等于",
            (Lang::Zh, std::cmp::Ordering::Greater) => "超过",
            (Lang::En, std::cmp::Ordering::Less) => "below",
            (Lang::En, std::cmp::Ordering::Equal) => "equal to",
            (Lang::En, std::cmp::Ordering::Greater) => "above",
        };
        match self.lang {
            Lang::Zh => format!("{word}{t}%"),
            Lang::En => format!("{word} {t}%"),
        }
    }

    /// Ratios the engine computed that no indicator of the table uses.
    fn other_metrics(&mut self) {
        let used: Vec<MetricId> = self
            .wb
            .table
            .flatten()
            .iter()
            .filter_map(|(_, i)| i.rule.as_ref().and_then(|r| r.metric))
            .collect();
        let extra: Vec<MetricId> = self
            .d
            .metrics
            .iter()
            .filter(|m| m.status == MetricStatus::Ok && !used.contains(&m.id))
            .map(|m| m.id)
            .collect();
        if extra.is_empty() {
            return;
        }
        let lead = self.t(
            "其他共性指标（评分表未列，供参考）：",
            "Other common ratios (not in the scoring table, for reference):",
        );
        self.para(lead);
        let items: Vec<String> = extra
            .into_iter()
            .map(|id| self.metric_sentence(id, None).trim().to_owned())
            .collect();
        self.bullets(items);
    }

    pub(super) fn other(&mut self) {
        self.heading(2, self.t("四、其他自评情况", "4. Other matters"));
        let other = self.wb.narrative.other.clone();
        if other.trim().is_empty() {
            let none = self.t("无。", "None.");
            self.para(none);
        } else {
            self.free_text(&other);
        }
    }
}
