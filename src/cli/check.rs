//! `jixiao check FILE [--json]`: every derived figure, score, total, grade and warning.

use std::fmt::Write as _;
use std::path::Path;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::core::engine::measure::LeafMeasure;
use crate::core::engine::spec::Measured;
use crate::core::engine::{Derived, MetricId, MetricStatus, derive_with_evidence};
use crate::core::format::load;
use crate::core::model::{Basis, Workbook};
use crate::core::num::{fmt_percent, fmt_score, round2_fixed};
use crate::core::{Bilingual, Lang};
use crate::i18n::Tr;
use crate::text::{pad_left, pad_right};

/// Version of the `--json` document; bumped only when keys change meaning.
pub const CHECK_JSON_VERSION: u32 = 1;

/// Reads and derives a workbook file, or says why it cannot.
///
/// # Errors
/// The message names the file, line, column and what was expected.
pub fn open(path: &Path) -> Result<(Workbook, Derived), Bilingual> {
    let name = path.display().to_string();
    let text = crate::store::read_text(path).map_err(|e| e.describe_plain())?;
    let loaded = load(&text).map_err(|e| e.describe(&name))?;
    // The listed evidence files are looked at beside the workbook.
    let facts = crate::store::evidence::facts(path, &loaded.workbook);
    let derived = derive_with_evidence(&loaded.workbook, &facts);
    Ok((loaded.workbook, derived))
}

/// The `--json` document as text. JSON already escapes C0 controls; DEL and
/// C1 controls are escaped too, so the output is safe on a terminal.
#[must_use]
pub fn to_json_text(doc: &Value) -> String {
    let text = serde_json::to_string_pretty(doc).unwrap_or_default();
    if !text.chars().any(char::is_control) {
        return text;
    }
    text.chars()
        .map(|c| match c {
            '\u{7f}'..='\u{9f}' => format!("\\u{:04x}", u32::from(c)),
            _ => c.to_string(),
        })
        .collect()
}

/// Derived texts quote the workbook's names: shown on one line, escaped.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape_controls(text, false)
}

/// A copy of `wb` whose texts show control characters (line breaks too) as
/// escapes, for printing: a name cannot forge a line of the report.
#[must_use]
pub fn printable_workbook(wb: &Workbook) -> Workbook {
    fn escape_all(value: &mut Value) {
        match value {
            Value::String(s) => {
                if let std::borrow::Cow::Owned(escaped) = crate::text::escape_controls(s, false) {
                    *s = escaped;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(escape_all),
            Value::Object(map) => map.values_mut().for_each(escape_all),
            _ => {}
        }
    }
    let Ok(mut value) = serde_json::to_value(wb) else {
        return wb.clone();
    };
    escape_all(&mut value);
    serde_json::from_value(value).unwrap_or_else(|_| wb.clone())
}

fn dec(v: Option<Decimal>) -> Value {
    v.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn bi(b: &Bilingual) -> Value {
    json!({"zh": b.zh, "en": b.en})
}

/// A computed formula's value, status, working and inputs.
fn measured_json(m: &Measured) -> Value {
    json!({
        "value": dec(m.value),
        "display": dec(m.display),
        "status": match m.status {
            MetricStatus::Ok => "ok",
            MetricStatus::MissingInput { .. } => "missing_input",
            MetricStatus::ZeroDenominator => "zero_denominator",
            MetricStatus::Overflow => "overflow",
        },
        "expression": m.expression.as_ref().map_or(Value::Null, bi),
        "inputs": m.inputs.iter().map(|(f, v)| json!({
            "field": f.key(), "label_zh": f.label_zh(), "label_en": f.label_en(), "value": dec(*v)
        })).collect::<Vec<_>>(),
    })
}

/// A leaf's own measure: its metric on another basis, or the table's formula.
fn measure_json(m: &LeafMeasure) -> Value {
    let mut v = measured_json(&m.measured);
    v["metric"] = json!(m.metric.map(MetricId::key));
    v["budget_basis"] = json!(m.basis.map(Basis::key));
    v["label"] = bi(&m.label);
    v["formula"] = bi(&m.formula);
    v
}

/// The stable `--json` document (documented in docs/format.md).
#[must_use]
pub fn to_json(file: &str, wb: &Workbook, d: &Derived) -> Value {
    let flat = wb.table.flatten();
    let metrics: Vec<Value> = d
        .metrics
        .iter()
        .map(|m| {
            let mut v = measured_json(&m.measured);
            v["id"] = json!(m.id.key());
            v["formula_no"] = json!(m.id.formula_no());
            v["label_zh"] = json!(m.id.label_zh());
            v["label_en"] = json!(m.id.label_en());
            v["formula"] = bi(&m.id.formula());
            v["class"] = json!(m.class);
            v
        })
        .collect();
    let indicators: Vec<Value> = flat
        .iter()
        .zip(&d.scores.indicators)
        .map(|((depth, ind), r)| {
            json!({
                "code": ind.code,
                "name": ind.name,
                "level": depth + 1,
                "weight": ind.weight.to_string(),
                "counted_weight": r.counted_weight.to_string(),
                "score": r.score.to_string(),
                "score_display": fmt_score(r.score),
                "lost": r.lost.to_string(),
                "basis": r.basis,
                "metric": r.metric.map(MetricId::key),
                "budget_basis": ind.rule.as_ref().and_then(|rule| rule.basis).map(Basis::key),
                "measure": r.measure.as_deref().map_or(Value::Null, measure_json),
                "metric_value": dec(r.metric_value),
                "value_source": r.value_source,
                "rule": bi(&r.rule),
                "working": bi(&r.working),
                "officer_score": dec(ind.entry.officer_score),
                "officer_differs": r.officer_differs,
                "capped": r.capped,
                "deduction_reason": ind.entry.deduction_reason,
                "reviewer_score": dec(ind.entry.reviewer_score),
            })
        })
        .collect();
    let workload: Vec<Value> = wb
        .workload
        .iter()
        .zip(&d.workload)
        .map(|(g, s)| {
            json!({
                "group": g.name,
                "totals": s.totals.iter().map(|(u, t, lb)| json!({"unit": u, "total": t.to_string(), "lower_bound": lb})).collect::<Vec<_>>(),
                "items": g.items.iter().zip(&s.items).map(|(it, st)| json!({
                    "name": it.name, "unit": it.unit, "value": it.value.to_string(), "lower_bound": it.lower_bound,
                    "parts_sum": dec(st.parts_sum), "parts_sum_lower_bound": st.parts_sum_is_lower_bound,
                    "parts_consistent": st.parts_consistent,
                    "completion": dec(st.completion.map(round2_fixed)), "change": dec(st.change.map(round2_fixed)),
                    "per_capita": dec(st.per_capita.map(round2_fixed)), "share": dec(st.share.map(round2_fixed)),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let warnings: Vec<Value> = d
        .warnings
        .iter()
        .map(|w| json!({"code": w.code, "severity": w.severity, "message": bi(&w.message), "concerns": w.concerns}))
        .collect();
    json!({
        "jixiao_check": CHECK_JSON_VERSION,
        "file": file,
        "unit": {"name": wb.unit.name, "fiscal_year": wb.unit.fiscal_year},
        "table": {"name": wb.table.name, "verified": wb.table.verified},
        "total": {
            "value": d.scores.total.to_string(),
            "display": fmt_score(d.scores.total),
            "max": d.scores.max_total.to_string(),
            "removed_weight": d.scores.removed_weight.to_string(),
        },
        "grade": {
            "code": d.grade,
            "label_zh": d.grade.label_zh(),
            "label_en": d.grade.label_en(),
            // While leaves are unscored the grade is provisional: the text and
            // the header say 未评定, and so does `text_zh`/`text_en` here.
            "graded": crate::core::newbook::is_graded(&d.scores),
            "text_zh": crate::core::newbook::grade_text(d, Lang::Zh),
            "text_en": crate::core::newbook::grade_text(d, Lang::En),
        },
        "metrics": metrics,
        "figures": figures_json(wb),
        "indicators": indicators,
        "workload": workload,
        "warnings": warnings,
        "evidence_files": evidence_json(wb),
        "projects": super::project_check::to_json(wb, &d.projects),
        "project_warnings": super::project_check::department_json(&d.projects),
        "what_if": super::what_if::to_json(&crate::core::engine::what_if::what_if(wb, d)),
    })
}

/// The 佐证材料清单: every listed file with the indicator it backs.
fn evidence_json(wb: &Workbook) -> Value {
    use crate::core::model::evidence::{Owner, listed};
    let rows: Vec<Value> = listed(wb)
        .iter()
        .map(|item| {
            let (code, project, indicator) = match item.owner {
                Owner::Indicator { code, name } => (Some(code), None, name),
                Owner::Project { project, indicator } => (None, Some(project), indicator),
            };
            json!({
                "indicator_code": code,
                "project": project,
                "indicator": indicator,
                "path": item.file.path,
                "title": item.file.title,
                "pages": item.file.pages,
                "sha256": item.file.sha256,
            })
        })
        .collect();
    Value::Array(rows)
}

/// Every figure of the basic data that has a value, given or derived, with
/// where it comes from: `given`, `sum_of_parts` (a total not given, the sum
/// of the parts that are) or `taken_from` (年度实际支出 not given is 支出决算合计).
fn figures_json(wb: &Workbook) -> Vec<Value> {
    use crate::core::model::FieldId;
    use crate::core::model::totals::{self, Source};
    FieldId::ALL
        .iter()
        .filter_map(|&field| {
            let (value, source) = totals::resolve(field, wb)?;
            let (source, from): (&str, Vec<&str>) = match source {
                Source::Given => ("given", Vec::new()),
                Source::SumOfParts => (
                    "sum_of_parts",
                    totals::parts_of(field)
                        .unwrap_or_default()
                        .iter()
                        .filter(|p| totals::value(**p, wb).is_some())
                        .map(|p| p.key())
                        .collect(),
                ),
                Source::TakenFrom(other) => ("taken_from", vec![other.key()]),
            };
            Some(json!({
                "field": field.key(),
                "label_zh": field.label_zh(),
                "label_en": field.label_en(),
                "group": field.group(),
                "kind": field.kind(),
                "value": value.to_string(),
                "source": source,
                "from": from,
            }))
        })
        .collect()
}

/// The report for a person: aligned columns, labels in the interface language.
#[must_use]
pub fn to_text(file: &str, wb: &Workbook, d: &Derived, lang: Lang) -> String {
    let mut out = String::new();
    write_heading(&mut out, file, wb, d, lang);
    write_ratios(&mut out, d, lang);
    write_scores(&mut out, wb, d, lang);
    write_workload(&mut out, wb, d, lang);
    out.push_str(&super::project_check::to_text(wb, &d.projects, lang));
    write_checks(&mut out, d, lang);
    let what_if = crate::core::engine::what_if::what_if(wb, d);
    out.push_str(&super::what_if::to_text(&what_if, lang));
    out
}

/// Unit, year, file, total and grade; a warning when the table is unverified.
fn write_heading(out: &mut String, file: &str, wb: &Workbook, d: &Derived, lang: Lang) {
    let _ = writeln!(
        out,
        "{}  {} {}",
        wb.unit.name,
        wb.unit.fiscal_year,
        Tr("年度", "").get(lang)
    );
    let _ = writeln!(out, "{}: {}", Tr("文件", "File").get(lang), one_line(file));
    let _ = writeln!(
        out,
        "{}: {} / {}   {}: {}",
        Tr("总分", "Total").get(lang),
        fmt_score(d.scores.total),
        fmt_score(d.scores.max_total),
        Tr("等级", "Grade").get(lang),
        crate::core::newbook::grade_text(d, lang)
    );
    if !wb.table.verified {
        let unverified = Tr(
            "⚠ 评分表未经核实（占位权重）",
            "⚠ scoring table unverified (placeholder weights)",
        );
        let _ = writeln!(out, "{}", unverified.get(lang));
    }
}

/// One line per ratio: formula number, label, value and the written arithmetic.
fn write_ratios(out: &mut String, d: &Derived, lang: Lang) {
    let _ = writeln!(out, "\n{}", Tr("【比率】", "[Ratios]").get(lang));
    for m in &d.metrics {
        let value = match (&m.status, m.display) {
            (_, Some(v)) if m.id.is_percent() => fmt_percent(v),
            (_, Some(v)) => format!("{v}"),
            (MetricStatus::ZeroDenominator, _) => "n/a (÷0)".to_owned(),
            (MetricStatus::Overflow, _) => "n/a".to_owned(),
            _ => Tr("缺数据", "missing").get(lang).to_owned(),
        };
        let expr = m
            .expression
            .as_ref()
            .map(|e| e.get(lang).to_owned())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {} {}  {}",
            pad_right(m.id.formula_no(), 3),
            pad_right(m.id.label(lang), 36),
            pad_left(&value, 10),
            one_line(&expr)
        );
    }
}

/// The indicator tree, indented by depth, with score, weight and working.
fn write_scores(out: &mut String, wb: &Workbook, d: &Derived, lang: Lang) {
    let _ = writeln!(
        out,
        "\n{}",
        Tr("【指标得分】", "[Indicator scores]").get(lang)
    );
    for ((depth, ind), r) in wb.table.flatten().iter().zip(&d.scores.indicators) {
        let indent = "  ".repeat(*depth);
        let label = format!("{indent}{} {}", ind.code, ind.name);
        let _ = writeln!(
            out,
            "  {} {} / {}  {}",
            pad_right(&label, 44),
            pad_left(&fmt_score(r.score), 6),
            pad_right(&fmt_score(ind.weight), 3),
            one_line(r.working.get(lang))
        );
    }
}

/// Each workload group and its items, with the parts' sum and completion.
fn write_workload(out: &mut String, wb: &Workbook, d: &Derived, lang: Lang) {
    let _ = writeln!(out, "\n{}", Tr("【工作量】", "[Workload]").get(lang));
    for (g, s) in wb.workload.iter().zip(&d.workload) {
        let _ = writeln!(out, "  {}", g.name);
        for (it, st) in g.items.iter().zip(&s.items) {
            let value = format!(
                "{}{}{}",
                it.value,
                if it.lower_bound { "余" } else { "" },
                it.unit
            );
            let mut extra = String::new();
            if let Some(sum) = st.parts_sum {
                let mark = if st.parts_consistent { "✔" } else { "✘" };
                let parts = Tr("分项合计 ", "parts ").get(lang);
                let _ = write!(extra, " {parts}{sum} {mark}");
            }
            if let Some(c) = st.completion {
                let done = Tr("完成 ", "done ").get(lang);
                let _ = write!(extra, " {done}{}", fmt_percent(c));
            }
            let _ = writeln!(
                out,
                "    {} {}{extra}",
                pad_right(&it.name, 40),
                pad_left(&value, 12)
            );
        }
    }
}

/// The warnings with their severity and code.
fn write_checks(out: &mut String, d: &Derived, lang: Lang) {
    let _ = writeln!(
        out,
        "\n{} ({})",
        Tr("【检查】", "[Checks]").get(lang),
        d.warnings.len()
    );
    for w in &d.warnings {
        let _ = writeln!(
            out,
            "  [{}] {}  {}",
            pad_right(crate::i18n::severity(w.severity).get(lang), 6),
            one_line(w.message.get(lang)),
            format_args!("({})", w.code.key())
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::core::engine::derive;
    use crate::core::newbook::blank_workbook;
    use crate::core::templates::Template;

    #[test]
    fn json_says_a_workbook_with_unscored_leaves_is_not_graded_yet() {
        let wb = blank_workbook("某县教育局", 2024, Template::National.table());
        let d = derive(&wb);
        let doc = super::to_json("edu.json", &wb, &d);
        assert_eq!(doc["grade"]["graded"], false);
        let text = doc["grade"]["text_zh"].as_str().expect("text");
        assert!(text.starts_with("未评定（"), "{text}");
        // The band stays what the provisional total falls in.
        assert_eq!(doc["grade"]["code"], "poor");
    }
}
