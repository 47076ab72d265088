//! Rules and their arithmetic in words. Built by appending pieces rather than
//! with `format!`: `derive` writes one of these per indicator on every edit,
//! and this is where most of its time went.

use rust_decimal::Decimal;

use crate::core::Bilingual;
use crate::core::model::{ChecklistMode, NotApplicableMode, RuleKind};
use crate::core::num::{push_decimal, push_percent, push_score};

/// A text built piece by piece.
#[derive(Default)]
pub struct Text(String);

impl Text {
    #[must_use]
    pub fn new() -> Self {
        Self(String::with_capacity(96))
    }

    /// Appends plain text.
    #[must_use]
    pub fn s(mut self, piece: &str) -> Self {
        self.0.push_str(piece);
        self
    }

    /// Appends a score as `fmt_score` writes it.
    #[must_use]
    pub fn score(mut self, value: Decimal) -> Self {
        push_score(&mut self.0, value);
        self
    }

    /// Appends a rate as `fmt_percent` writes it.
    #[must_use]
    pub fn pct(mut self, value: Decimal) -> Self {
        push_percent(&mut self.0, value);
        self
    }

    /// Appends a number exactly as stored.
    #[must_use]
    pub fn num(mut self, value: Decimal) -> Self {
        push_decimal(&mut self.0, value);
        self
    }

    /// Appends a whole count.
    #[must_use]
    pub fn count(self, n: usize) -> Self {
        self.num(Decimal::from(n))
    }

    #[must_use]
    pub fn done(self) -> String {
        self.0
    }
}

/// The rule in words, for the detail panel and the report.
#[must_use]
#[allow(clippy::too_many_lines)]
pub fn describe_rule(kind: &RuleKind, weight: Decimal) -> Bilingual {
    match kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
        } => {
            let (side, zh_dir, en_dir) = if *above_is_bad {
                ("≤", "超过", "above")
            } else {
                ("≥", "低于", "below")
            };
            Bilingual::new(
                Text::new()
                    .s(side)
                    .pct(*threshold)
                    .s("得满分")
                    .score(weight)
                    .s("分，每")
                    .s(zh_dir)
                    .s("1个百分点扣")
                    .score(*deduct_per_point)
                    .s("分，扣完为止")
                    .done(),
                Text::new()
                    .s(side)
                    .s(" ")
                    .pct(*threshold)
                    .s(": full ")
                    .score(weight)
                    .s("; −")
                    .score(*deduct_per_point)
                    .s(" per point ")
                    .s(en_dir)
                    .s("; floor 0")
                    .done(),
            )
        }
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => {
            let (zh_tail, en_tail) = if *started_step_counts {
                ("（不足一档按一档计）", " (a started step counts)")
            } else {
                ("（不足一档不扣）", " (complete steps only)")
            };
            Bilingual::new(
                Text::new()
                    .s("达到")
                    .pct(*full_at)
                    .s("得满分")
                    .score(weight)
                    .s("分，每低")
                    .score(*step)
                    .s("个百分点扣")
                    .score(*deduct)
                    .s("分")
                    .s(zh_tail)
                    .s("，扣完为止")
                    .done(),
                Text::new()
                    .pct(*full_at)
                    .s(": full ")
                    .score(weight)
                    .s("; −")
                    .score(*deduct)
                    .s(" per ")
                    .score(*step)
                    .s(" points short")
                    .s(en_tail)
                    .s("; floor 0")
                    .done(),
            )
        }
        RuleKind::Bands { bands, otherwise } => {
            let mut zh = Text::new();
            let mut en = Text::new();
            for (i, band) in bands.iter().enumerate() {
                if i > 0 {
                    zh = zh.s("；");
                    en = en.s("; ");
                }
                zh = zh
                    .s(band.op.symbol())
                    .pct(band.bound)
                    .s("得")
                    .score(band.points)
                    .s("分");
                en = en
                    .s(band.op.symbol())
                    .s(" ")
                    .pct(band.bound)
                    .s(" → ")
                    .score(band.points);
            }
            if !bands.is_empty() {
                zh = zh.s("；");
                en = en.s("; ");
            }
            Bilingual::new(
                zh.s("其余得").score(*otherwise).s("分").done(),
                en.s("otherwise ").score(*otherwise).done(),
            )
        }
        RuleKind::Proportional {
            cap,
            round_to_whole,
        } => {
            let (zh_tail, en_tail) = if *round_to_whole {
                ("，得分取整", ", rounded to whole points")
            } else {
                ("", "")
            };
            Bilingual::new(
                Text::new()
                    .s("得分=比率×")
                    .score(weight)
                    .s("分（比率最高按")
                    .pct(*cap)
                    .s("计")
                    .s(zh_tail)
                    .s("）")
                    .done(),
                Text::new()
                    .s("score = rate × ")
                    .score(weight)
                    .s(" (rate capped at ")
                    .pct(*cap)
                    .s(en_tail)
                    .s(")")
                    .done(),
            )
        }
        RuleKind::Categorical { categories, .. } => {
            let mut zh = Text::new();
            let mut en = Text::new();
            for (i, category) in categories.iter().enumerate() {
                if i > 0 {
                    zh = zh.s("；");
                    en = en.s("; ");
                }
                zh = zh.s(&category.label).s("得").score(category.points).s("分");
                en = en.s(&category.label).s(" → ").score(category.points);
            }
            Bilingual::new(zh.done(), en.done())
        }
        RuleKind::Checklist {
            items,
            points,
            mode,
        } => match mode {
            ChecklistMode::Deduct => Bilingual::new(
                Text::new()
                    .count(items.len())
                    .s(" 项要求，每项不达标扣")
                    .score(*points)
                    .s("分，扣完为止")
                    .done(),
                Text::new()
                    .count(items.len())
                    .s(" criteria; −")
                    .score(*points)
                    .s(" per failed one; floor 0")
                    .done(),
            ),
            ChecklistMode::Award => Bilingual::new(
                Text::new()
                    .count(items.len())
                    .s(" 项要求，每达到一项得")
                    .score(*points)
                    .s("分")
                    .done(),
                Text::new()
                    .count(items.len())
                    .s(" criteria; ")
                    .score(*points)
                    .s(" per criterion met")
                    .done(),
            ),
        },
        RuleKind::Levels { levels } => {
            let mut zh = Text::new();
            let mut en = Text::new();
            for (i, level) in levels.iter().enumerate() {
                if i > 0 {
                    zh = zh.s("/");
                    en = en.s(" / ");
                }
                let percent = level.percent.normalize();
                zh = zh.s(&level.label).num(percent).s("%");
                en = en.s(&level.label).s(" ").num(percent).s("%");
            }
            Bilingual::new(zh.done(), en.done())
        }
        RuleKind::Manual => Bilingual::new(
            Text::new().s("自评打分，满分").score(weight).s("分").done(),
            Text::new()
                .s("scored by the officer, out of ")
                .score(weight)
                .done(),
        ),
        RuleKind::NotApplicable { mode } => match mode {
            NotApplicableMode::FullMarks => {
                Bilingual::new("不适用，按满分计", "not applicable: full marks")
            }
            NotApplicableMode::Rescale => Bilingual::new(
                "不适用，剔除权重后折算总分",
                "not applicable: weight removed, total rescaled",
            ),
        },
    }
}
