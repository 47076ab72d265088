//! The appended tables (基础数据, 工作量统计) and the warnings for the author.

use super::super::rows::{
    basic_rows, count_text, field_unit, metric_status_text, opt_text, workload_rows,
};
use super::{Report, full_width_parens};
use crate::core::Lang;

impl Report<'_> {
    pub(super) fn appendix_tables(&mut self) {
        self.basic_data_table();
        self.workload_table();
        self.evidence_table();
    }

    /// 附表3 附件清单: every listed evidence file, by indicator; left out when
    /// none is listed. The short hash ties each line to the file as listed.
    fn evidence_table(&mut self) {
        let listed = crate::core::model::evidence::listed(self.wb);
        if listed.is_empty() {
            return;
        }
        self.heading(2, self.t("附表3 附件清单", "Table 3. List of attachments"));
        let rows: Vec<Vec<String>> = listed
            .iter()
            .enumerate()
            .map(|(i, item)| {
                vec![
                    (i + 1).to_string(),
                    item.owner.label(),
                    item.file.title.clone(),
                    item.file.path.clone(),
                    item.file.pages.clone(),
                    item.file.sha256.chars().take(8).collect(),
                ]
            })
            .collect();
        let header = [
            self.t("序号", "No."),
            self.t("指标", "Indicator"),
            self.t("材料名称", "Title"),
            self.t("文件", "File"),
            self.t("页数", "Pages"),
            self.t("校验码", "Checksum"),
        ];
        self.table(&header, &rows);
        let note = self.t(
            "注：文件路径相对于自评工作簿所在文件夹；校验码为文件列入清单时 SHA-256 的前 8 位。",
            "File paths are relative to the workbook's folder; the checksum is the first 8 digits of the file's SHA-256 when it was listed.",
        );
        self.para(note);
    }

    /// 附表1: every given field, then every metric with its formula.
    fn basic_data_table(&mut self) {
        self.heading(2, self.t("附表1 基础数据", "Table 1. Basic data"));
        let mut rows: Vec<Vec<String>> = basic_rows(self.wb)
            .into_iter()
            .filter(|r| r.value.is_some())
            .map(|r| {
                vec![
                    r.field.label(self.lang).to_owned(),
                    opt_text(r.value),
                    field_unit(r.field, self.lang).to_owned(),
                    String::new(),
                ]
            })
            .collect();
        rows.extend(self.d.metrics.iter().map(|m| self.metric_row(m)));
        let header = [
            self.t("项目", "Item"),
            self.t("数值", "Value"),
            self.t("单位", "Unit"),
            self.t("计算式", "Formula"),
        ];
        self.table(&header, &rows);
    }

    /// A metric as a row of 附表1: label, value, unit, the written arithmetic.
    fn metric_row(&self, m: &crate::core::engine::Metric) -> Vec<String> {
        let value = m.display.map_or_else(
            || metric_status_text(&m.status, self.lang).to_owned(),
            |v| {
                if m.id.is_percent() {
                    format!("{v:.2}")
                } else {
                    v.to_string()
                }
            },
        );
        let unit = if m.id.is_percent() {
            "%"
        } else {
            self.t("万元", "10k yuan")
        };
        let formula = m.expression.as_ref().map_or_else(
            || m.id.formula().get(self.lang).to_owned(),
            |e| match self.lang {
                Lang::Zh => full_width_parens(&e.zh),
                Lang::En => e.en.clone(),
            },
        );
        vec![
            m.id.label(self.lang).to_owned(),
            value,
            unit.to_owned(),
            formula,
        ]
    }

    /// 附表2: the workload items and parts, with a note on 余 and per capita.
    fn workload_table(&mut self) {
        self.heading(2, self.t("附表2 工作量统计", "Table 2. Workload"));
        let rows: Vec<Vec<String>> = workload_rows(self.wb, self.d)
            .into_iter()
            .map(|r| {
                let item = match r.part_name() {
                    Some(part) => format!("{}{part}", self.t("　其中：", "  of which: ")),
                    None => r.item.name.clone(),
                };
                let parts_sum = r.stats().and_then(|s| {
                    let mut t = count_text(s.parts_sum?, s.parts_sum_is_lower_bound);
                    if !s.parts_consistent {
                        t.push_str(self.t("（与总数不符）", " (does not match)"));
                    }
                    Some(t)
                });
                let (value, lower_bound) = r.count();
                let mut row = vec![
                    if r.part_name().is_some() {
                        String::new()
                    } else {
                        r.group.name.clone()
                    },
                    item,
                    count_text(value, lower_bound),
                    r.item.unit.clone(),
                    parts_sum.unwrap_or_default(),
                ];
                row.extend(r.figure_texts());
                row
            })
            .collect();
        let header = [
            self.t("类别", "Group"),
            self.t("事项", "Item"),
            self.t("数量", "Count"),
            self.t("单位", "Unit"),
            self.t("分项合计", "Parts sum"),
            self.t("目标", "Target"),
            self.t("完成率（%）", "Done (%)"),
            self.t("上年", "Last year"),
            self.t("变动率（%）", "Change (%)"),
            self.t("人均", "Per capita"),
        ];
        if rows.is_empty() {
            let none = self.t("（未填写）", "(not filled in)");
            self.para(none);
        } else {
            self.table(&header, &rows);
            let note = match (self.lang, self.d.in_service_headcount) {
                (Lang::Zh, Some(h)) => {
                    format!("注：带“余”的数为下限，不作精确数相加；人均按在职人数{h}人计算。")
                }
                (Lang::Zh, None) => "注：带“余”的数为下限，不作精确数相加。".to_owned(),
                (Lang::En, Some(h)) => format!(
                    "Counts marked 余 are lower bounds and are not added as exact; per capita uses {h} staff in service."
                ),
                (Lang::En, None) => {
                    "Counts marked 余 are lower bounds and are not added as exact.".to_owned()
                }
            };
            self.para(&note);
        }
    }

    pub(super) fn appendix_warnings(&mut self) {
        self.heading(
            2,
            self.t(
                "附录 检查提示（供撰写人核对，提交前请删除）",
                "Appendix. Checks for the author (remove before filing)",
            ),
        );
        if self.d.warnings.is_empty() {
            let none = self.t("jixiao未发现问题。", "jixiao found nothing to check.");
            self.para(none);
            return;
        }
        let lead = match self.lang {
            Lang::Zh => format!(
                "jixiao检查发现以下{}项，请核对后再定稿：",
                self.d.warnings.len()
            ),
            Lang::En => format!(
                "jixiao found the following {} points to check before filing:",
                self.d.warnings.len()
            ),
        };
        self.para(&lead);
        let items: Vec<String> = self
            .d
            .warnings
            .iter()
            .map(|w| {
                let severity = match self.lang {
                    Lang::Zh => format!("【{}】", w.severity.label_zh()),
                    Lang::En => format!("[{}] ", w.severity.label_en()),
                };
                format!("{severity}{}", w.message.get(self.lang))
            })
            .collect();
        self.bullets(items);
    }
}
