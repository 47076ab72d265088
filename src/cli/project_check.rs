//! The project forms in `jixiao check`: `projects[]` of the `--json`
//! document (a contract, docs/format.md) and the plain text section.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::core::Lang;
use crate::core::engine::project::{ProjectDerived, ProjectWarning, ProjectsDerived};
use crate::core::model::{FundSource, ProjectForm, Workbook};
use crate::core::num::{fmt_percent, fmt_score, round2, round2_fixed};
use crate::i18n::Tr;
use crate::text::{pad_left, pad_right};

/// A rate or score as a decimal string with 2 places ("96.50").
fn fixed(v: Option<Decimal>) -> Value {
    v.map_or(Value::Null, |d| Value::String(round2_fixed(d).to_string()))
}

fn plain(v: Option<Decimal>) -> Value {
    v.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn warning_json(w: &ProjectWarning, p: &ProjectForm) -> Value {
    json!({
        "code": w.code.key(),
        "severity": w.severity,
        "message": {"zh": w.message.zh, "en": w.message.en},
        "text": w.message.zh,
        "indicator": w.indicator.and_then(|i| p.indicators.get(i)).map(|ind| ind.name.clone()),
    })
}

fn one(p: &ProjectForm, d: &ProjectDerived) -> Value {
    let indicators: Vec<Value> = p
        .indicators
        .iter()
        .zip(&d.indicators)
        .map(|(ind, s)| {
            json!({
                "level1": ind.level1,
                "level2": ind.level2,
                "name": ind.name,
                "direction": s.direction.map(crate::core::model::Direction::symbol),
                "target": ind.target,
                "actual": ind.actual,
                "unit": ind.unit,
                "weight": ind.weight.to_string(),
                "score": fixed(s.score),
                "computed_score": fixed(s.computed),
                "officer_score": plain(ind.officer_score),
                "score_source": s.source,
                "ratio": fixed(s.ratio),
                "not_applicable": ind.not_applicable,
                "working": {"zh": s.working.zh, "en": s.working.en},
                "reason": ind.reason,
            })
        })
        .collect();
    let funds: Vec<Value> = p
        .funds
        .iter()
        .map(|r| {
            json!({
                "source": r.source,
                "label_zh": r.source.label_zh(p.layout),
                "initial": plain(r.initial),
                "full_year": plain(r.full_year),
                "executed": plain(r.executed),
            })
        })
        .collect();
    json!({
        "name": p.name,
        "code": if p.code.is_empty() { Value::Null } else { Value::String(p.code.clone()) },
        "key": p.key,
        "layout": p.layout,
        "supervising_dept": p.supervising_dept,
        "implementing_unit": p.implementing_unit,
        "funds": funds,
        "execution_rate": fixed(d.execution_rate),
        "execution_score": fixed(d.execution_score),
        "execution_weight": p.scoring.execution_weight.to_string(),
        "indicator_total": fixed(Some(d.indicator_total)),
        "rescale": d.rescale.to_string(),
        "cap": fixed(d.cap),
        "total": fixed(Some(d.total)),
        "max_total": d.max_total.to_string(),
        "grade": {
            "code": d.grade,
            "label_zh": d.grade.label_zh(),
            "label_en": d.grade.label_en(),
            "text_zh": d.grade.label_zh(),
            "text_en": d.grade.label_en(),
        },
        "scoring": {"name": p.scoring.name, "verified": p.scoring.verified, "source": p.scoring.source},
        "indicators": indicators,
        "warnings": d.warnings.iter().map(|w| warning_json(w, p)).collect::<Vec<_>>(),
    })
}

/// `projects[]` of the `--json` document.
#[must_use]
pub fn to_json(wb: &Workbook, d: &ProjectsDerived) -> Value {
    Value::Array(
        wb.projects
            .iter()
            .zip(&d.projects)
            .map(|(p, pd)| one(p, pd))
            .collect(),
    )
}

/// The checks between the projects and the department (`project_warnings[]`).
#[must_use]
pub fn department_json(d: &ProjectsDerived) -> Value {
    Value::Array(
        d.warnings
            .iter()
            .map(|w| {
                json!({
                    "code": w.code.key(),
                    "severity": w.severity,
                    "message": {"zh": w.message.zh, "en": w.message.en},
                    "text": w.message.zh,
                })
            })
            .collect(),
    )
}

/// The plain `check` section: one block per project.
#[must_use]
pub fn to_text(wb: &Workbook, d: &ProjectsDerived, lang: Lang) -> String {
    let mut out = String::new();
    if wb.projects.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\n{} ({})",
        Tr("【项目支出绩效自评】", "[Project self-evaluations]").get(lang),
        wb.projects.len()
    );
    for (p, pd) in wb.projects.iter().zip(&d.projects) {
        let rate = pd
            .execution_rate
            .map_or_else(|| "—".to_owned(), |r| fmt_percent(round2(r)));
        let code = if p.code.is_empty() {
            String::new()
        } else {
            format!(" [{}]", p.code)
        };
        let key = if p.key {
            Tr(" 重点项目", " key project").get(lang)
        } else {
            ""
        };
        let _ = writeln!(out, "  {}{code}{key}", p.name);
        let budget = p.fund(FundSource::Total);
        let _ = writeln!(
            out,
            "    {} {} / {} = {rate}  {} {} / {}",
            Tr("执行数/预算数", "executed/budget").get(lang),
            budget
                .and_then(|r| r.executed)
                .map_or_else(|| "—".to_owned(), |v| v.to_string()),
            budget
                .and_then(|r| r.full_year)
                .map_or_else(|| "—".to_owned(), |v| v.to_string()),
            Tr("得分", "score").get(lang),
            pd.execution_score.map_or_else(|| "—".to_owned(), fmt_score),
            fmt_score(p.scoring.execution_weight),
        );
        for (ind, s) in p.indicators.iter().zip(&pd.indicators) {
            let score = s.score.map_or_else(|| "—".to_owned(), fmt_score);
            let _ = writeln!(
                out,
                "    {} {} / {}  {}",
                pad_right(&ind.name, 30),
                pad_left(&score, 6),
                pad_right(&fmt_score(ind.weight), 3),
                s.working.get(lang)
            );
        }
        let cap = pd.cap.map_or_else(String::new, |c| match lang {
            Lang::Zh => format!("（封顶 {}）", fmt_score(c)),
            Lang::En => format!(" (capped at {})", fmt_score(c)),
        });
        let _ = writeln!(
            out,
            "    {}: {} / {}{cap}   {}: {}",
            Tr("总分", "Total").get(lang),
            fmt_score(pd.total),
            fmt_score(pd.max_total),
            Tr("等级", "Grade").get(lang),
            pd.grade.label(lang)
        );
        for w in &pd.warnings {
            let _ = writeln!(
                out,
                "    [{}] {}  ({})",
                pad_right(crate::i18n::severity(w.severity).get(lang), 6),
                w.message.get(lang),
                w.code.key()
            );
        }
    }
    for w in &d.warnings {
        let _ = writeln!(
            out,
            "  [{}] {}  ({})",
            pad_right(crate::i18n::severity(w.severity).get(lang), 6),
            w.message.get(lang),
            w.code.key()
        );
    }
    out
}
