//! A side-by-side diff of two workbooks (two units, one unit in two years,
//! or the saved file and a recovery): every field, metric, indicator score,
//! workload item and typed text, with the differences marked. Pure.

use rust_decimal::Decimal;

use super::Opened;
use super::lines::{Diff, DiffLine, DiffSection, line, numeric};
use super::texts::{indicator_text_sections, narrative_section, team_section};
use crate::core::engine::{MetricId, MetricStatus, Severity};
use crate::core::model::{FieldGroup, FieldId, FieldKind, UnitField, Workbook};
use crate::core::num::{fmt_percent, fmt_score, round2};
use crate::core::{Bilingual, Lang, Tr};

fn title(wb: &Workbook) -> String {
    format!("{} {}", wb.unit.name, wb.unit.fiscal_year)
}

/// A field of the unit outside the registry of its one-line texts: key,
/// label, value.
type UnitText = (&'static str, Tr, fn(&Workbook) -> String);

/// The unit's lists and counts after its one-line texts (`UnitField`).
const UNIT_TEXTS: [UnitText; 3] = [
    ("sections", Tr("内设机构", "Sections"), |w| {
        w.unit.sections.join("、")
    }),
    (
        "accounting_entities",
        Tr("独立核算机构数", "Accounting entities"),
        accounting_entities,
    ),
    ("table", Tr("评分表", "Scoring table"), |w| {
        w.table.name.clone()
    }),
];

fn accounting_entities(w: &Workbook) -> String {
    w.unit
        .accounting_entities
        .map(|c| c.0.to_string())
        .unwrap_or_default()
}

fn unit_section(a: &Workbook, b: &Workbook) -> DiffSection {
    let text = |key: &str, label: Tr, value: &dyn Fn(&Workbook) -> String| {
        let label = Bilingual::new(label.0, label.1);
        line(format!("unit:{key}"), label, value(a), value(b), None)
    };
    let mut lines: Vec<DiffLine> = UnitField::ALL
        .iter()
        .map(|&f| match f {
            UnitField::Year => numeric(
                format!("unit:{}", f.key()),
                Bilingual::new(f.label().0, f.label().1),
                Some(Decimal::from(a.unit.fiscal_year)),
                Some(Decimal::from(b.unit.fiscal_year)),
                |v| v.to_string(),
            ),
            _ => text(f.key(), f.label(), &|w| f.get(w)),
        })
        .collect();
    lines.extend(
        UNIT_TEXTS
            .iter()
            .map(|&(key, label, value)| text(key, label, &value)),
    );
    DiffSection {
        title: Bilingual::new("单位", "Unit"),
        lines,
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

/// Every field, metric, indicator score, workload item and typed text of
/// two workbooks.
#[must_use]
pub fn diff(left: &Opened, right: &Opened, lang: Lang) -> Diff {
    let (a, b) = (&left.workbook, &right.workbook);
    let mut sections = vec![unit_section(a, b), totals_section(left, right, lang)];
    sections.extend(field_sections(a, b));
    sections.push(metrics_section(left, right, lang));
    sections.push(indicator_section(left, right));
    sections.push(workload_section(a, b));
    sections.push(narrative_section(a, b));
    sections.push(team_section(a, b));
    sections.extend(indicator_text_sections(a, b));
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
    fn every_typed_text_is_compared() {
        let a = opened(sample_workbook());
        let mut wb = sample_workbook();
        wb.unit.code = "440803001".into();
        wb.unit.contact = "陈老师 0759-1234567".into();
        wb.unit.report_date = "2025年3月1日".into();
        wb.narrative.problems.push_str("台账尚不完整。");
        wb.narrative.team.push(crate::core::model::TeamMember {
            name: "林晓".into(),
            post: "局长".into(),
            role: "组长".into(),
        });
        let flat_codes: Vec<String> = wb
            .table
            .flatten()
            .iter()
            .map(|(_, i)| i.code.clone())
            .collect();
        let d3 = flat_codes.iter().position(|c| c == "D3").expect("D3");
        let entry = &mut wb.table.nth_mut(d3).expect("D3").entry;
        entry.deduction_reason = "目标基本达成".into();
        entry.evidence = "佐证：二〇二四年度督查台账（新）".into();
        wb.table.indicators[0].name.push_str("（改）");
        wb.table.indicators[0].children.pop();
        let b = opened(wb);
        let d = diff(&a, &b, Lang::Zh);
        let differing: Vec<&str> = d
            .sections
            .iter()
            .flat_map(|s| &s.lines)
            .filter(|l| l.differs)
            .map(|l| l.key.as_str())
            .collect();
        for key in [
            "unit:code",
            "unit:contact",
            "unit:report_date",
            "narrative:problems",
            "reason:D3",
            "evidence:D3",
        ] {
            assert!(differing.contains(&key), "{key} in {differing:?}");
        }
        let team = differing.iter().filter(|k| k.starts_with("team:")).count();
        assert!(team >= 1, "{differing:?}");
        let structure = differing
            .iter()
            .filter(|k| k.starts_with("structure:"))
            .count();
        assert!(structure >= 2, "renamed and removed: {differing:?}");
        let problems = d
            .sections
            .iter()
            .flat_map(|s| &s.lines)
            .find(|l| l.key == "narrative:problems")
            .expect("problems");
        assert!(
            problems.right.contains("台账尚不完整"),
            "{}",
            problems.right
        );
        assert!(!problems.right.contains('\n'));
    }
}
