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
    // No leaf has that much room: say so, never an empty list.
    if g.leaves.is_empty() {
        return if raise {
            Bilingual::new(
                format!(
                    "没有一项指标还有 {points} 分的增分余地，单项增分升不到{}",
                    g.to.label_zh()
                ),
                format!(
                    "no indicator has {points} points of room: no single score reaches {}",
                    g.to.label_en()
                ),
            )
        } else {
            Bilingual::new(
                format!(
                    "没有一项指标的得分超过 {points} 分，单项减分不会降为{}",
                    g.to.label_zh()
                ),
                format!(
                    "no single score is above {points}: losing one cannot drop to {}",
                    g.to.label_en()
                ),
            )
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::Grade;

    #[test]
    fn no_leaf_with_room_is_said_not_listed_empty() {
        let g = GradeMove {
            to: Grade::Excellent,
            points: rust_decimal::Decimal::from(6),
            inclusive: true,
            leaves: Vec::new(),
        };
        for raise in [true, false] {
            let text = grade_text(&g, raise);
            assert!(
                !text.zh.contains("：）") && !text.zh.contains("（）"),
                "{}",
                text.zh
            );
            assert!(
                !text.en.contains("()") && !text.en.contains(": )"),
                "{}",
                text.en
            );
            assert!(text.zh.contains('6'), "{}", text.zh);
        }
        let listed = GradeMove {
            leaves: vec!["A1".to_owned()],
            ..g
        };
        assert!(grade_text(&listed, true).zh.contains("可增分的指标：A1"));
    }
}
