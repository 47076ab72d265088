//! What the report prints against what jixiao computes.

use super::{Concern, Ctx, Sink, WarningCode};
use crate::core::num::{fmt_percent, fmt_score, round2};

/// Each printed rate against the computed one.
pub fn rates(ctx: &Ctx<'_>, out: &mut Sink) {
    for (id, printed) in &ctx.wb.reported.rates {
        let Some(m) = ctx.metric(*id) else {
            continue;
        };
        if let Some(shown) = m.display
            && round2(*printed) != shown
        {
            out.push(
                WarningCode::ReportedDiffers,
                format!(
                    "{}：报告写 {}，按数据计算为 {}",
                    id.label_zh(),
                    fmt_percent(*printed),
                    fmt_percent(shown)
                ),
                format!(
                    "{}: the report prints {}, the data give {}",
                    id.label_en(),
                    fmt_percent(*printed),
                    fmt_percent(shown)
                ),
                vec![Concern::Metric { metric: *id }, Concern::Reported],
            );
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
