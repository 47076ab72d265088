//! The what-if in words, zh and en: one line per input move and per grade
//! move, as `check` prints them and the detail panel shows them.

use super::what_if::{GradeMove, InputMove};
use crate::core::Bilingual;
use crate::core::num::{fmt_percent, fmt_score};

/// "财政拨款收入决算数 588.55 → 695.18：比率 5.00%，得分 5".
#[must_use]
pub fn move_text(m: &InputMove) -> Bilingual {
    let rate = m.rate_shown.map_or_else(|| "n/a".to_owned(), fmt_percent);
    let score = fmt_score(m.score_after);
    Bilingual::new(
        format!(
            "{} {} → {}：比率 {rate}，得分 {score}",
            m.field.label_zh(),
            m.current,
            m.target
        ),
        format!(
            "{} {} → {}: rate {rate}, score {score}",
            m.field.label_en(),
            m.current,
            m.target
        ),
    )
}

/// What one score must gain (`raise`) or lose to move the grade, and where.
#[must_use]
pub fn grade_text(g: &GradeMove, raise: bool) -> Bilingual {
    let points = g.points.normalize().to_string();
    let leaves = g.leaves.join(", ");
    if raise {
        Bilingual::new(
            format!(
                "任一项得分增加至少 {points} 分可升为{}（可增分的指标：{leaves}）",
                g.to.label_zh()
            ),
            format!(
                "one score up by at least {points} reaches {} (room in: {leaves})",
                g.to.label_en()
            ),
        )
    } else {
        Bilingual::new(
            format!(
                "任一项得分减少超过 {points} 分将降为{}（{leaves}）",
                g.to.label_zh()
            ),
            format!(
                "one score down by more than {points} drops to {} ({leaves})",
                g.to.label_en()
            ),
        )
    }
}
