//! Comparing workbooks: a matrix of units × indicators (score as a share of
//! the weight) and a side-by-side diff of two workbooks. Pure: plain data
//! for the interface to draw.

use rust_decimal::Decimal;

use super::scan::{Entry, Opened};
use crate::core::engine::{MetricId, MetricStatus, ScoreBasis, Severity};
use crate::core::model::{FieldGroup, FieldId, FieldKind, Workbook};
use crate::core::num::{fmt_percent, fmt_score, round2};
use crate::core::{Bilingual, Lang};

/// How full a matrix cell is, so it reads without colour too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShareBand {
    /// 100 % of the weight.
    Full,
    /// 80 % or more.
    High,
    /// 60 % or more.
    Middle,
    /// Above 0.
    Low,
    /// Nothing scored.
    Zero,
}

impl ShareBand {
    #[must_use]
    pub fn of(share: Decimal) -> Self {
        if share >= Decimal::ONE_HUNDRED {
            Self::Full
        } else if share >= Decimal::from(80) {
            Self::High
        } else if share >= Decimal::from(60) {
            Self::Middle
        } else if share > Decimal::ZERO {
            Self::Low
        } else {
            Self::Zero
        }
    }

    /// A symbol that tells the bands apart in monochrome: ● ◕ ◑ ◔ ○.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Full => "●",
            Self::High => "◕",
            Self::Middle => "◑",
            Self::Low => "◔",
            Self::Zero => "○",
        }
    }
}

/// A column of the matrix: one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixColumn {
    pub code: String,
    pub name: String,
    /// 0 = 一级.
    pub depth: usize,
    /// The weight in the first workbook that has the indicator.
    pub weight: Decimal,
    pub leaf: bool,
}

/// One cell: an indicator's score in one workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixCell {
    /// As displayed: half-up to 2 places.
    pub score: Decimal,
    pub weight: Decimal,
    /// Percent of the weight, 2 places; `None` for a zero weight.
    pub share: Option<Decimal>,
    pub band: ShareBand,
    /// The indicator was not applicable.
    pub not_applicable: bool,
}

/// One row of the matrix: one workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// Index of the overview row / entry.
    pub row: usize,
    pub unit: String,
    pub year: u16,
    /// Aligned with `Matrix::columns`; `None` where the workbook lacks it.
    pub cells: Vec<Option<MatrixCell>>,
}

/// Units × indicators.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matrix {
    pub columns: Vec<MatrixColumn>,
    pub rows: Vec<MatrixRow>,
}

/// Which indicators become columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatrixDepth {
    /// Every indicator, subtotals included.
    All,
    /// Only the indicators that carry a rule.
    #[default]
    Leaves,
    /// Only the top level (一级指标).
    TopLevel,
}

/// The matrix over the entries in `view` (rows that did not open are left out).
#[must_use]
pub fn matrix(entries: &[Entry], view: &[usize], depth: MatrixDepth) -> Matrix {
    let mut columns: Vec<MatrixColumn> = Vec::new();
    let opened: Vec<(usize, &Opened)> = view
        .iter()
        .filter_map(|&i| entries.get(i).and_then(Entry::opened).map(|o| (i, o)))
        .collect();
    for (_, o) in &opened {
        for (d, ind) in o.workbook.table.flatten() {
            let wanted = match depth {
                MatrixDepth::All => true,
                MatrixDepth::Leaves => ind.is_leaf(),
                MatrixDepth::TopLevel => d == 0,
            };
            if wanted && !columns.iter().any(|c| c.code == ind.code) {
                columns.push(MatrixColumn {
                    code: ind.code.clone(),
                    name: ind.name.clone(),
                    depth: d,
                    weight: ind.weight,
                    leaf: ind.is_leaf(),
                });
            }
        }
    }
    let rows = opened
        .iter()
        .map(|(i, o)| MatrixRow {
            row: *i,
            unit: o.workbook.unit.name.clone(),
            year: o.workbook.unit.fiscal_year,
            cells: columns
                .iter()
                .map(|c| {
                    o.derived
                        .scores
                        .indicators
                        .iter()
                        .find(|r| r.code == c.code)
                        .map(|r| {
                            let share = r
                                .score
                                .checked_div(r.weight)
                                .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
                                .map(round2);
                            MatrixCell {
                                score: round2(r.score),
                                weight: r.weight,
                                share,
                                band: share.map_or(ShareBand::Zero, ShareBand::of),
                                not_applicable: r.basis == ScoreBasis::NotApplicable,
                            }
                        })
                })
                .collect(),
        })
        .collect();
    Matrix { columns, rows }
}

/// One compared line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// Stable identifier: `field:income_budget_total`, `indicator:A3.1`, …
    pub key: String,
    pub label: Bilingual,
    /// The value as shown; empty when the side lacks it.
    pub left: String,
    pub right: String,
    /// Right − left, where both are numbers.
    pub delta: Option<Decimal>,
    pub differs: bool,
}

/// A titled group of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSection {
    pub title: Bilingual,
    pub lines: Vec<DiffLine>,
}

/// Two workbooks side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub left_title: String,
    pub right_title: String,
    pub sections: Vec<DiffSection>,
}

impl Diff {
    /// How many lines differ.
    #[must_use]
    pub fn differences(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.lines)
            .filter(|l| l.differs)
            .count()
    }
}

fn line(
    key: String,
    label: Bilingual,
    left: String,
    right: String,
    delta: Option<Decimal>,
) -> DiffLine {
    let differs = left != right;
    DiffLine {
        key,
        label,
        left,
        right,
        delta: delta.filter(|_| differs),
        differs,
    }
}

fn numeric(
    key: String,
    label: Bilingual,
    left: Option<Decimal>,
    right: Option<Decimal>,
    show: impl Fn(Decimal) -> String,
) -> DiffLine {
    let text = |v: Option<Decimal>| v.map(&show).unwrap_or_default();
    let delta = left.zip(right).map(|(l, r)| r - l);
    line(key, label, text(left), text(right), delta)
}

fn title(wb: &Workbook) -> String {
    format!("{} {}", wb.unit.name, wb.unit.fiscal_year)
}

fn unit_section(a: &Workbook, b: &Workbook) -> DiffSection {
    let text = |key: &str, zh: &str, en: &str, l: String, r: String| {
        line(format!("unit:{key}"), Bilingual::new(zh, en), l, r, None)
    };
    let entities = |w: &Workbook| {
        w.unit
            .accounting_entities
            .map(|c| c.0.to_string())
            .unwrap_or_default()
    };
    DiffSection {
        title: Bilingual::new("单位", "Unit"),
        lines: vec![
            text(
                "name",
                "单位名称",
                "Unit",
                a.unit.name.clone(),
                b.unit.name.clone(),
            ),
            numeric(
                "unit:fiscal_year".into(),
                Bilingual::new("年度", "Fiscal year"),
                Some(Decimal::from(a.unit.fiscal_year)),
                Some(Decimal::from(b.unit.fiscal_year)),
                |v| v.to_string(),
            ),
            text(
                "supervising_dept",
                "主管部门",
                "Supervising department",
                a.unit.supervising_dept.clone(),
                b.unit.supervising_dept.clone(),
            ),
            text(
                "notice_ref",
                "通知文号",
                "Notice",
                a.unit.notice_ref.clone(),
                b.unit.notice_ref.clone(),
            ),
            text(
                "sections",
                "内设机构",
                "Sections",
                a.unit.sections.join("、"),
                b.unit.sections.join("、"),
            ),
            text(
                "accounting_entities",
                "独立核算机构数",
                "Accounting entities",
                entities(a),
                entities(b),
            ),
            text(
                "table",
                "评分表",
                "Scoring table",
                a.table.name.clone(),
                b.table.name.clone(),
            ),
        ],
    }
}

fn totals_section(a: &Opened, b: &Opened, lang: Lang) -> DiffSection {
    let (wa, wb) = (&a.workbook, &b.workbook);
    let mut lines = vec![
        numeric(
            "total:computed".into(),
            Bilingual::new("计算得分", "Computed total"),
            Some(a.derived.total_display()),
            Some(b.derived.total_display()),
            fmt_score,
        ),
        line(
            "total:grade".into(),
            Bilingual::new("等级", "Grade"),
            a.derived.grade.label(lang).to_owned(),
            b.derived.grade.label(lang).to_owned(),
            None,
        ),
        numeric(
            "total:reported".into(),
            Bilingual::new("自评得分（报告）", "Self-reported total"),
            wa.reported.total_score,
            wb.reported.total_score,
            fmt_score,
        ),
        line(
            "total:reported_grade".into(),
            Bilingual::new("自评等级（报告）", "Self-reported grade"),
            wa.reported.grade.clone().unwrap_or_default(),
            wb.reported.grade.clone().unwrap_or_default(),
            None,
        ),
    ];
    for id in MetricId::ALL {
        let (l, r) = (wa.reported.rates.get(&id), wb.reported.rates.get(&id));
        if l.is_some() || r.is_some() {
            lines.push(numeric(
                format!("reported:{}", id.key()),
                Bilingual::new(
                    format!("报告所写{}", id.label_zh()),
                    format!("Printed {}", id.label_en()),
                ),
                l.copied(),
                r.copied(),
                fmt_percent,
            ));
        }
    }
    for severity in Severity::ALL {
        lines.push(numeric(
            format!("warnings:{}", severity.label_en()),
            Bilingual::new(
                format!("{}警告", severity.label_zh()),
                format!("{} warnings", severity.label_en()),
            ),
            Some(Decimal::from(a.derived.count(severity))),
            Some(Decimal::from(b.derived.count(severity))),
            |v| v.to_string(),
        ));
    }
    DiffSection {
        title: Bilingual::new("总分与等级", "Total and grade"),
        lines,
    }
}

fn field_sections(a: &Workbook, b: &Workbook) -> Vec<DiffSection> {
    FieldGroup::ALL
        .iter()
        .map(|&group| DiffSection {
            title: Bilingual::new(group.label_zh(), group.label_en()),
            lines: FieldId::ALL
                .iter()
                .filter(|f| f.group() == group)
                .map(|&f| {
                    let show = move |v: Decimal| match f.kind() {
                        FieldKind::Count => v.to_string(),
                        FieldKind::Percent => format!("{v}%"),
                        FieldKind::Money | FieldKind::SignedMoney => v.to_string(),
                    };
                    numeric(
                        format!("field:{}", f.key()),
                        Bilingual::new(f.label_zh(), f.label_en()),
                        f.get(a),
                        f.get(b),
                        show,
                    )
                })
                .collect(),
        })
        .collect()
}

fn metric_text(o: &Opened, id: MetricId, lang: Lang) -> (String, Option<Decimal>) {
    match o.derived.metric(id) {
        Some(m) => match (m.display, &m.status) {
            (Some(v), _) if id.is_percent() => (fmt_percent(v), Some(v)),
            (Some(v), _) => (v.to_string(), Some(v)),
            (None, MetricStatus::MissingInput { .. }) => (
                match lang {
                    Lang::Zh => "缺数据".to_owned(),
                    Lang::En => "missing".to_owned(),
                },
                None,
            ),
            (None, _) => ("n/a".to_owned(), None),
        },
        None => (String::new(), None),
    }
}

fn metrics_section(a: &Opened, b: &Opened, lang: Lang) -> DiffSection {
    DiffSection {
        title: Bilingual::new("比率", "Ratios"),
        lines: MetricId::ALL
            .iter()
            .map(|&id| {
                let (lt, lv) = metric_text(a, id, lang);
                let (rt, rv) = metric_text(b, id, lang);
                line(
                    format!("metric:{}", id.key()),
                    Bilingual::new(
                        format!("{} {}", id.formula_no(), id.label_zh()),
                        format!("{} {}", id.formula_no(), id.label_en()),
                    ),
                    lt,
                    rt,
                    lv.zip(rv).map(|(l, r)| r - l),
                )
            })
            .collect(),
    }
}

/// "4 / 5（较好）": score, weight and the level chosen, if any.
fn indicator_text(o: &Opened, code: &str) -> (String, Option<Decimal>) {
    let flat = o.workbook.table.flatten();
    let Some(pos) = flat.iter().position(|(_, i)| i.code == code) else {
        return (String::new(), None);
    };
    let Some(result) = o.derived.scores.indicators.get(pos) else {
        return (String::new(), None);
    };
    let choice = flat[pos]
        .1
        .entry
        .choice
        .as_deref()
        .map(|c| format!("（{c}）"))
        .unwrap_or_default();
    (
        format!(
            "{} / {}{choice}",
            fmt_score(result.score),
            fmt_score(result.weight)
        ),
        Some(round2(result.score)),
    )
}

fn indicator_section(a: &Opened, b: &Opened) -> DiffSection {
    let mut codes: Vec<(String, String, usize)> = Vec::new();
    for o in [a, b] {
        for (depth, ind) in o.workbook.table.flatten() {
            if !codes.iter().any(|(c, _, _)| *c == ind.code) {
                codes.push((ind.code.clone(), ind.name.clone(), depth));
            }
        }
    }
    DiffSection {
        title: Bilingual::new("指标得分", "Indicator scores"),
        lines: codes
            .into_iter()
            .map(|(code, name, depth)| {
                let (lt, lv) = indicator_text(a, &code);
                let (rt, rv) = indicator_text(b, &code);
                let indent = "  ".repeat(depth);
                line(
                    format!("indicator:{code}"),
                    Bilingual::new(
                        format!("{indent}{code} {name}"),
                        format!("{indent}{code} {name}"),
                    ),
                    lt,
                    rt,
                    lv.zip(rv).map(|(l, r)| r - l),
                )
            })
            .collect(),
    }
}

fn workload_value(wb: &Workbook, group: &str, item: &str) -> (String, Option<Decimal>) {
    wb.workload
        .iter()
        .filter(|g| g.name == group)
        .flat_map(|g| &g.items)
        .find(|i| i.name == item)
        .map_or((String::new(), None), |i| {
            let about = if i.lower_bound { "余" } else { "" };
            (format!("{}{about}{}", i.value, i.unit), Some(i.value))
        })
}

fn workload_section(a: &Workbook, b: &Workbook) -> DiffSection {
    let mut keys: Vec<(String, String)> = Vec::new();
    for wb in [a, b] {
        for g in &wb.workload {
            for i in &g.items {
                let key = (g.name.clone(), i.name.clone());
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    DiffSection {
        title: Bilingual::new("工作量", "Workload"),
        lines: keys
            .into_iter()
            .map(|(group, item)| {
                let (lt, lv) = workload_value(a, &group, &item);
                let (rt, rv) = workload_value(b, &group, &item);
                line(
                    format!("workload:{group}/{item}"),
                    Bilingual::new(format!("{group}：{item}"), format!("{group}: {item}")),
                    lt,
                    rt,
                    lv.zip(rv).map(|(l, r)| r - l),
                )
            })
            .collect(),
    }
}

/// Every field, metric, indicator score and workload item of two workbooks.
#[must_use]
pub fn diff(left: &Opened, right: &Opened, lang: Lang) -> Diff {
    let (a, b) = (&left.workbook, &right.workbook);
    let mut sections = vec![unit_section(a, b), totals_section(left, right, lang)];
    sections.extend(field_sections(a, b));
    sections.push(metrics_section(left, right, lang));
    sections.push(indicator_section(left, right));
    sections.push(workload_section(a, b));
    Diff {
        left_title: title(a),
        right_title: title(b),
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

    fn opened(wb: Workbook) -> Opened {
        let derived = derive(&wb);
        Opened {
            workbook: wb,
            derived,
        }
    }

    #[test]
    fn identical_workbooks_have_no_differences() {
        let a = opened(sample_workbook());
        let d = diff(&a, &a.clone(), Lang::Zh);
        assert_eq!(d.differences(), 0);
        assert!(d.sections.iter().map(|s| s.lines.len()).sum::<usize>() > 80);
    }

    #[test]
    fn differences_are_marked_with_deltas() {
        let a = opened(sample_workbook());
        let mut wb = sample_workbook();
        wb.unit.fiscal_year = 2024;
        FieldId::ActualExpenditure.set(&mut wb, Some(Decimal::new(50000, 2)));
        wb.workload[0].items[1].value = Decimal::from(110);
        if let Some(d3) = wb.table.indicators[3].children.get_mut(2) {
            d3.entry.choice = Some("一般".into());
        }
        let b = opened(wb);
        let d = diff(&a, &b, Lang::Zh);
        let find = |key: &str| {
            d.sections
                .iter()
                .flat_map(|s| &s.lines)
                .find(|l| l.key == key)
                .cloned()
                .expect(key)
        };
        let spent = find("field:actual_expenditure");
        assert!(spent.differs);
        assert_eq!(
            (spent.left.as_str(), spent.right.as_str()),
            ("588.55", "500.00")
        );
        assert_eq!(spent.delta, Some(Decimal::new(-8855, 2)));
        assert!(find("metric:expenditure_completion_rate").differs);
        let d3 = find("indicator:D3");
        assert_eq!(
            (d3.left.as_str(), d3.right.as_str()),
            ("4 / 5（较好）", "3 / 5（一般）")
        );
        assert_eq!(d3.delta, Some(Decimal::from(-1)));
        assert_eq!(
            find("workload:办文办会/起草印发区委重要文件").delta,
            Some(Decimal::from(7))
        );
        assert!(!find("field:income_budget_total").differs);
        assert_eq!(find("field:income_budget_total").delta, None);
        assert_eq!(d.right_title, "中共湛江市霞山区委办公室 2024");
    }

    #[test]
    fn bands_read_without_colour() {
        assert_eq!(ShareBand::of(Decimal::ONE_HUNDRED).symbol(), "●");
        assert_eq!(ShareBand::of(Decimal::from(80)), ShareBand::High);
        assert_eq!(ShareBand::of(Decimal::from(60)), ShareBand::Middle);
        assert_eq!(ShareBand::of(Decimal::ONE), ShareBand::Low);
        assert_eq!(ShareBand::of(Decimal::ZERO).symbol(), "○");
    }
}
