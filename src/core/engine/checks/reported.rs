//! What the report prints against what jixiao computes. A printed rate is
//! compared like with like: on the basis the report names, else as the
//! bureau's table measures it, else as the metric is defined.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{Concern, Ctx, Sink, WarningCode};
use crate::core::Bilingual;
use crate::core::engine::basis;
use crate::core::engine::metrics::{MetricId, compute_spec};
use crate::core::engine::spec::Spec;
use crate::core::model::Basis;
use crate::core::num::{fmt_percent, fmt_score, round2};

/// What a printed rate is compared with: the rate shown and how it is named.
struct Counterpart {
    shown: Option<Decimal>,
    label: Bilingual,
}

/// The metric taken on `basis` (its own basis: the registry's figure).
fn on_basis(ctx: &Ctx<'_>, id: MetricId, basis: Basis) -> Counterpart {
    let def = id.def();
    let label = Bilingual::new(
        format!("{}（以{}为准）", def.label_zh, basis.label_zh()),
        format!("{} (on {})", def.label_en, basis.label_en()),
    );
    let shown = match basis::option(id, basis) {
        Some(option) => {
            let spec = Spec {
                inputs: Cow::Borrowed(option.inputs),
                ..Spec::of(def)
            };
            compute_spec(ctx.wb, &spec).display
        }
        None => ctx.metric(id).and_then(|m| m.display),
    };
    Counterpart { shown, label }
}

/// A printed rate of `id`: on the basis the report names; else as the first
/// leaf of the table that takes it on another basis; else as defined.
fn counterpart(ctx: &Ctx<'_>, id: MetricId) -> Option<Counterpart> {
    if let Some(&basis) = ctx.wb.reported.bases.get(&id) {
        return Some(on_basis(ctx, id, basis));
    }
    let by_table = ctx.scores.indicators.iter().find_map(|r| {
        let own = r.measure.as_ref()?;
        (own.metric == Some(id) && own.basis.is_some()).then(|| Counterpart {
            shown: own.measured.display,
            label: Bilingual::new(
                format!("{}（{} 评分表口径）", own.label.zh, r.code),
                format!("{} ({}, as the table defines it)", own.label.en, r.code),
            ),
        })
    });
    by_table.or_else(|| {
        let m = ctx.metric(id)?;
        Some(Counterpart {
            shown: m.display,
            label: Bilingual::new(id.label_zh(), id.label_en()),
        })
    })
}

/// A rate printed for a leaf: as that leaf measures it.
fn leaf_counterpart(ctx: &Ctx<'_>, code: &str) -> Option<Counterpart> {
    let flat = ctx.wb.table.flatten();
    let (index, r) = ctx
        .scores
        .indicators
        .iter()
        .enumerate()
        .find(|(_, r)| r.code == code)?;
    let name = flat.get(index).map_or("", |(_, node)| node.name.as_str());
    if let Some(own) = &r.measure {
        return Some(Counterpart {
            shown: own.measured.display,
            label: Bilingual::new(
                format!("{code} {name}（{}）", own.formula.zh),
                format!("{code} {name} ({})", own.formula.en),
            ),
        });
    }
    let id = r.metric?;
    Some(Counterpart {
        shown: ctx.metric(id).and_then(|m| m.display),
        label: Bilingual::new(
            format!("{code} {name}（{}）", id.label_zh()),
            format!("{code} {name} ({})", id.label_en()),
        ),
    })
}

fn differs(out: &mut Sink, printed: Decimal, found: Counterpart, concerns: Vec<Concern>) {
    let Some(shown) = found.shown else {
        return;
    };
    if round2(printed) == shown {
        return;
    }
    let label = found.label;
    out.push(
        WarningCode::ReportedDiffers,
        format!(
            "{}：报告写 {}，按数据计算为 {}",
            label.zh,
            fmt_percent(printed),
            fmt_percent(shown)
        ),
        format!(
            "{}: the report prints {}, the data give {}",
            label.en,
            fmt_percent(printed),
            fmt_percent(shown)
        ),
        concerns,
    );
}

/// Each printed rate against the computed one on the same basis.
pub fn rates(ctx: &Ctx<'_>, out: &mut Sink) {
    for (id, printed) in &ctx.wb.reported.rates {
        if let Some(found) = counterpart(ctx, *id) {
            let concerns = vec![Concern::Metric { metric: *id }, Concern::Reported];
            differs(out, *printed, found, concerns);
        }
    }
    for (code, printed) in &ctx.wb.reported.leaf_rates {
        if let Some(found) = leaf_counterpart(ctx, code) {
            let concerns = vec![Concern::Indicator { code: code.clone() }, Concern::Reported];
            differs(out, *printed, found, concerns);
        }
    }
}

/// The printed total against the table's.
pub fn total(ctx: &Ctx<'_>, out: &mut Sink) {
    let shown_total = round2(ctx.scores.total);
    if let Some(printed) = ctx.wb.reported.total_score
        && round2(printed) != shown_total
    {
        out.push(
            WarningCode::ReportedDiffers,
            format!(
                "报告自评得分 {} 分，按评分表计算为 {} 分",
                fmt_score(printed),
                fmt_score(shown_total)
            ),
            format!(
                "The report's total is {}, the scoring table gives {}",
                fmt_score(printed),
                fmt_score(shown_total)
            ),
            vec![Concern::Reported],
        );
    }
}

/// The printed grade against the score's.
pub fn grade(ctx: &Ctx<'_>, out: &mut Sink) {
    if let Some(printed) = &ctx.wb.reported.grade
        && printed != ctx.grade.label_zh()
        && !printed.eq_ignore_ascii_case(ctx.grade.label_en())
    {
        out.push(
            WarningCode::ReportedDiffers,
            format!(
                "报告自评等级为“{printed}”，按得分应为“{}”",
                ctx.grade.label_zh()
            ),
            format!(
                "The report's grade is \"{printed}\", the score gives \"{}\"",
                ctx.grade.label_en()
            ),
            vec![Concern::Reported],
        );
    }
}
