//! Turns a scoring standard as a bureau writes it (domain.md §4B) into a rule.
//! What it cannot read with confidence stays a manual rule; the wording is
//! always kept in `Indicator::standard` by the caller.

use rust_decimal::Decimal;

use super::accounting::unaccounted;
use super::formula_text::{Read, basis_named, formula_in, without_formula};
use super::phrases::{
    Bound, clause_bound, clause_points, clauses, normalise, number_after_any, number_at,
    number_before_any,
};
use crate::core::Bilingual;
use crate::core::engine::MetricId;
use crate::core::engine::measure::formula_words;
use crate::core::engine::metrics::METRICS;
use crate::core::engine::rule_text::describe_rule;
use crate::core::model::{
    Band, BandOp, Category, CategorySource, ChecklistMode, Level, Limits, NotApplicableMode, Rule,
    RuleKind, TableFormula, Upper,
};

/// What the recogniser made of a standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    pub rule: Rule,
    /// True when a rule shape was read; false for the manual fallback.
    pub recognised: bool,
    /// Something the officer should know (assumptions, why it stayed manual).
    pub note: Option<Bilingual>,
}

/// The known ratio the texts name: the indicator's name first, then the standard,
/// then the definition. Within a text the longest of the registry's import
/// words wins ("结转结余变动率" over "结转结余率"), ties in registry order.
#[must_use]
pub fn metric_named(texts: &[&str]) -> Option<MetricId> {
    texts.iter().find_map(|text| {
        let plain = normalise(text);
        let mut best: Option<(usize, MetricId)> = None;
        for def in &METRICS {
            for word in def.import_words {
                let longer = best.is_none_or(|(len, _)| word.chars().count() > len);
                if longer && plain.contains(word) {
                    best = Some((word.chars().count(), def.id));
                }
            }
        }
        best.map(|(_, id)| id)
    })
}

/// Wordings that take a not-applicable indicator's weight out of the total.
const RESCALE_WORDS: &[&str] = &[
    "剔除",
    "不计入",
    "折算",
    "分配至其他",
    "分配到其他",
    "按比例分配",
    "权重调整至",
];

/// Recognises the rule of one indicator. A computed rule is kept only when
/// it uses every number and condition of the wording; otherwise the rule is
/// manual and the note names what was not understood.
#[must_use]
pub fn recognise(name: &str, standard: &str, definition: &str, weight: Decimal) -> Recognised {
    let found = recognise_shape(name, standard, definition, weight);
    let left = unaccounted(&without_formula(standard), &found.rule.kind, weight);
    if left.is_empty() {
        return found;
    }
    let parts = left.join("、");
    Recognised {
        rule: Rule::new(None, RuleKind::Manual),
        recognised: false,
        note: Some(Bilingual::new(
            format!(
                "评分标准中“{parts}”未能对应到计分规则（读作：{}），为免算错按手工打分（原文保留）",
                describe_rule(&found.rule.kind, weight).zh
            ),
            format!(
                "“{parts}” in the standard is not used by the rule read ({}); scored by hand so nothing is scored wrong (wording kept)",
                describe_rule(&found.rule.kind, weight).en
            ),
        )),
    }
}

/// A standard that only says when the item does not apply: full marks, or
/// the weight taken out when it says so.
fn not_applicable_rule(text: &str) -> Recognised {
    let mode = if RESCALE_WORDS.iter().any(|w| text.contains(w)) {
        NotApplicableMode::Rescale
    } else {
        NotApplicableMode::FullMarks
    };
    Recognised {
        rule: Rule::new(None, RuleKind::NotApplicable { mode }),
        recognised: true,
        note: Some(match mode {
            NotApplicableMode::FullMarks => Bilingual::new(
                "按不适用、得满分处理；若本单位适用此项，请改为其他评分方式",
                "treated as not applicable with full marks; change it if the item applies",
            ),
            NotApplicableMode::Rescale => Bilingual::new(
                "按不适用、剔除权重处理；若本单位适用此项，请改为其他评分方式",
                "treated as not applicable, weight removed; change it if the item applies",
            ),
        }),
    }
}

fn recognise_shape(name: &str, standard: &str, definition: &str, weight: Decimal) -> Recognised {
    let text = normalise(standard);
    let metric = metric_named(&[name, standard, definition]);
    let manual = |note: Bilingual| Recognised {
        rule: Rule::new(None, RuleKind::Manual),
        recognised: false,
        note: Some(note),
    };
    if text.is_empty() {
        return manual(Bilingual::new(
            "没有评分标准，按手工打分",
            "no scoring standard; scored by hand",
        ));
    }
    let shape = per_point(&text)
        .or_else(|| proportional(&text))
        .or_else(|| categorical_stock(&text, metric, weight))
        .or_else(|| bands(&text, weight))
        .or_else(|| checklist(&text, weight))
        .or_else(|| levels(&text, weight));
    // "未开展的不得分" is a failing condition, not a case where the item does
    // not apply: a clause that scores 0 (or deducts) is never read as 不适用.
    let failing = failing_clause(&text, weight);
    let not_applicable = clauses(&text).into_iter().any(|c| {
        NOT_APPLICABLE_WORDS.iter().any(|w| c.contains(w)) && Some(c) != failing.map(|f| f.0)
    }) || RESCALE_WORDS.iter().any(|w| text.contains(w));
    let Some(kind) = shape else {
        if not_applicable {
            return not_applicable_rule(&text);
        }
        if let Some((clause, word)) = failing {
            return met_or_not(standard, clause, word, weight);
        }
        return manual(Bilingual::new(
            "未能识别评分标准，按手工打分（原文保留）",
            "scoring standard not recognised; scored by hand (wording kept)",
        ));
    };
    let needs_metric = matches!(
        kind,
        RuleKind::Threshold { .. }
            | RuleKind::Step { .. }
            | RuleKind::Bands { .. }
            | RuleKind::Proportional { .. }
            | RuleKind::Categorical {
                source: CategorySource::Metric,
                ..
            }
    );
    let percent_metric = metric.filter(|m| m.is_percent());
    let metric_for_rule = match kind {
        RuleKind::Categorical { .. } => metric,
        _ => percent_metric,
    };
    if needs_metric && metric_for_rule.is_none() {
        return match formula_in(&[name, standard, definition]) {
            Read::Formula(formula) if !matches!(kind, RuleKind::Categorical { .. }) => {
                table_formula_rule(formula, kind)
            }
            Read::Refused(why) => manual(why),
            Read::Formula(_) | Read::None => manual(Bilingual::new(
                "识别出计分方式，但未能确定对应的比率（如差异率、支出完成率），按手工打分",
                "the rule shape was read but no known ratio is named; scored by hand",
            )),
        };
    }
    let basis = metric_for_rule
        .filter(|_| needs_metric)
        .and_then(|m| basis_named(&[name, standard, definition], m));
    let note = not_applicable.then(|| {
        Bilingual::new(
            "评分标准含“不适用”情形，按所识别的计分方式处理；不适用时请调整",
            "the standard mentions a not-applicable case; the recognised rule is used",
        )
    });
    let mut rule = Rule::new(if needs_metric { metric_for_rule } else { None }, kind);
    rule.basis = basis;
    let note = note.or_else(|| {
        basis.map(|b| {
            Bilingual::new(
                format!("按评分标准以{}为准计算", b.label_zh()),
                format!("computed on {}, as the standard says", b.label_en()),
            )
        })
    });
    Recognised {
        rule,
        recognised: true,
        note,
    }
}

/// Words that say an item does not occur (不适用) — unless the same clause
/// scores it 0, when they name a failure ("未开展的不得分").
const NOT_APPLICABLE_WORDS: &[&str] = &["不适用", "无此项", "不涉及", "未发生", "未开展", "未涉及"];

/// The clause that scores 0 (or deducts) when something was not done, and
/// the word that says so: ("未开展的不得分", "未开展").
fn failing_clause(text: &str, weight: Decimal) -> Option<(&str, &'static str)> {
    const NOT_DONE: &[&str] = &[
        "未开展",
        "未建立",
        "未制定",
        "未执行",
        "未公开",
        "未按",
        "未完成",
        "未落实",
        "未发生",
        "未涉及",
        "不涉及",
        "没有",
        "无",
    ];
    clauses(text).into_iter().find_map(|c| {
        let scores_nothing = clause_points(c, weight) == Some(Decimal::ZERO) || c.contains('扣');
        let word = NOT_DONE.iter().find(|w| c.contains(*w))?;
        scores_nothing.then_some((c, *word))
    })
}

/// "每年至少开展一次资产盘点，未开展的不得分": the officer says whether it was
/// done (full marks) or not (0); no choice yet is no score, never full marks.
fn met_or_not(standard: &str, failing: &str, word: &str, weight: Decimal) -> Recognised {
    // The requirement as the bureau wrote it (normalising would turn 至少 into 「-少」).
    let requirement = standard
        .split(['，', ',', '；', ';', '。', '\n'])
        .map(str::trim)
        .find(|c| !c.is_empty() && !c.contains(word))
        .unwrap_or("已达到要求");
    let categories = vec![
        Category {
            key: "met".into(),
            label: requirement.to_owned(),
            points: weight,
        },
        Category {
            key: "not_met".into(),
            label: word.to_owned(),
            points: Decimal::ZERO,
        },
    ];
    Recognised {
        rule: Rule::new(
            None,
            RuleKind::Categorical {
                source: CategorySource::Officer,
                categories,
            },
        ),
        recognised: true,
        note: Some(Bilingual::new(
            format!("“{failing}”是不得分的情形，不是不适用：请选择是否达到，未选择前不计分"),
            format!(
                "“{failing}” scores 0 when not done; it is not a not-applicable case: choose whether it was met (no score until chosen)"
            ),
        )),
    }
}

/// A rule measuring the ratio the table writes out itself.
fn table_formula_rule(formula: TableFormula, kind: RuleKind) -> Recognised {
    let words = formula_words(&formula);
    Recognised {
        rule: Rule {
            metric: None,
            basis: None,
            formula: Some(formula),
            kind,
        },
        recognised: true,
        note: Some(Bilingual::new(
            format!("按评分表所写公式计算：{}", words.zh),
            format!("computed by the table's own formula: {}", words.en),
        )),
    }
}

const ABOVE_WORDS: &[&str] = &[
    "每超过",
    "每超出",
    "每超",
    "每高于",
    "每增加",
    "每增长",
    "每上升",
    "每多",
];
const BELOW_WORDS: &[&str] = &[
    "每低于",
    "每少于",
    "每降低",
    "每下降",
    "每减少",
    "每低",
    "每少",
    "每差",
];

/// "每超过N个百分点扣Y分" after one of `words`: (N, Y).
fn per_point_numbers(text: &str, words: &[&str]) -> Option<(Decimal, Decimal)> {
    for word in words {
        for (pos, _) in text.match_indices(word) {
            let mut rest = &text[pos + word.len()..];
            let mut points = Decimal::ONE;
            if let Some((n, used)) = number_at(rest) {
                points = n;
                rest = &rest[used..];
            }
            rest = rest.strip_prefix('个').unwrap_or(rest);
            let Some(after) = ["百分点", "%", "点"]
                .iter()
                .find_map(|unit| rest.strip_prefix(unit))
            else {
                continue;
            };
            // "扣" within a few characters ("，扣", "的扣", "则扣").
            let Some(k) = after.char_indices().take(6).find(|(_, c)| *c == '扣') else {
                continue;
            };
            let tail = &after[k.0 + '扣'.len_utf8()..];
            if let Some((deduct, used)) = number_at(tail)
                && tail[used..].starts_with('分')
                && !points.is_zero()
            {
                return Some((points, deduct));
            }
        }
    }
    None
}

/// The optional limits of a threshold: "最多扣N分", "N%以上不得分", "±N%".
fn limits(text: &str, above_is_bad: bool) -> Limits {
    let max_deduct = number_after_any(
        text,
        &[
            "最多扣",
            "最高扣",
            "扣分不超过",
            "扣分最多",
            "最多扣除",
            "累计扣",
        ],
    );
    let tails: &[&str] = if above_is_bad {
        &["(含)以上不得分", "以上不得分", "以上的不得分", "以上得0分"]
    } else {
        &["(含)以下不得分", "以下不得分", "以下的不得分", "以下得0分"]
    };
    let zero_beyond = number_before_any(text, tails);
    Limits {
        max_deduct,
        zero_beyond,
        symmetric: text.contains('±'),
    }
}

/// Threshold ("≤X%得满分，每超过1个百分点扣Y分") and step ("每低N个百分点扣Y分").
fn per_point(text: &str) -> Option<RuleKind> {
    if let Some((points, deduct)) = per_point_numbers(text, ABOVE_WORDS) {
        let threshold = number_after_any(
            text,
            &[
                "±",
                "≤",
                "<",
                "=",
                "小于等于",
                "不超过",
                "不高于",
                "不大于",
                "控制在",
                "小于",
            ],
        )
        .or_else(|| number_before_any(text, &["(含)以下", "以下", "以内"]))?;
        return Some(RuleKind::Threshold {
            threshold,
            deduct_per_point: deduct / points,
            above_is_bad: true,
            limits: limits(text, true),
        });
    }
    if let Some((step, deduct)) = per_point_numbers(text, BELOW_WORDS) {
        let full_at = number_after_any(text, &["≥", "达到", "不低于", "大于等于", "="])
            .or_else(|| number_before_any(text, &["(含)以上", "及以上", "以上", "得满分"]))
            .unwrap_or(Decimal::ONE_HUNDRED);
        let started_step_counts = text.contains("不足") && text.contains("按");
        return Some(RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        });
    }
    None
}

/// "得分=执行率×分值", "按执行率×权重计分", "按比例得分".
fn proportional(text: &str) -> Option<RuleKind> {
    const WEIGHT_WORDS: &[&str] = &[
        "分值",
        "权重",
        "满分",
        "标准分",
        "指标分",
        "该项分",
        "本项分",
        "该指标",
    ];
    let times_weight = text.match_indices(['×']).any(|(pos, _)| {
        let after = &text[pos + '×'.len_utf8()..];
        let before = &text[..pos];
        WEIGHT_WORDS.iter().any(|w| after.starts_with(w))
            || WEIGHT_WORDS.iter().any(|w| before.ends_with(w))
            || number_at(after).is_some_and(|(_, used)| after[used..].starts_with('分'))
    }) || text.contains("乘以分值")
        || text.contains("乘以权重");
    let by_ratio = text.contains("按比例得分") || text.contains("按比例计分");
    // "≥90%得满分，低于90%的按比例得分": the full-marks rate is the floor of the ratio.
    let full_at = by_ratio
        .then(|| {
            number_after_any(text, &["低于", "未达到", "不足", "<"])
                .or_else(|| number_after_any(text, &["≥", "达到", "不低于"]))
        })
        .flatten();
    (times_weight || by_ratio).then(|| RuleKind::Proportional {
        cap: Decimal::ONE_HUNDRED,
        round_to_whole: text.contains("取整"),
        full_at,
    })
}

/// "≥95%得5分；90%(含)-95%得4分；80%≤x<90%得3分；其余不得分", in either order.
fn bands(text: &str, weight: Decimal) -> Option<RuleKind> {
    let mut read: Vec<(Bound, Decimal)> = Vec::new();
    let mut otherwise = None;
    // "差异率>10%的,该项不得分": a condition whose points follow after a comma.
    let mut pending: Option<Bound> = None;
    for clause in clauses(text) {
        let Some(points) = clause_points(clause, weight) else {
            pending = clause_bound(clause);
            continue;
        };
        match clause_bound(clause).or_else(|| pending.take()) {
            Some(bound) => read.push((bound, points)),
            None if ["其余", "其他", "否则", "以外"]
                .iter()
                .any(|w| clause.contains(w)) =>
            {
                otherwise = Some(points);
            }
            None => {}
        }
    }
    if read.len() < 2 && !(read.len() == 1 && otherwise.is_some()) {
        return None;
    }
    // A range "a-b" with no (含) includes its lower end in a falling table
    // (≥95, 90–95, …) and its upper end in a rising one (≤5, 5–10, …); the
    // single comparisons say which (the one with the larger points decides).
    let best_single = read
        .iter()
        .filter_map(|(b, p)| match b {
            Bound::Single(op, _) if *op != BandOp::Eq => Some((*op, *p)),
            _ => None,
        })
        .max_by_key(|(_, p)| *p);
    let rising = best_single.is_some_and(|(op, _)| matches!(op, BandOp::Le | BandOp::Lt));
    let mut bands: Vec<Band> = read
        .into_iter()
        .map(|(bound, points)| band_of(bound, points, rising))
        .collect();
    yield_shared_ends(&mut bands);
    order_bands(&mut bands);
    Some(RuleKind::Bands {
        bands,
        otherwise: otherwise.unwrap_or(Decimal::ZERO),
    })
}

fn band_of(bound: Bound, points: Decimal, rising: bool) -> Band {
    match bound {
        Bound::Single(op, v) => Band::new(op, v, points),
        Bound::Interval(lo_op, lo, hi_op, hi) => Band {
            upper: Some(Upper {
                op: hi_op,
                bound: hi,
            }),
            ..Band::new(lo_op, lo, points)
        },
        Bound::Range(lo, lo_in, hi, hi_in) => {
            let lo_in = lo_in.unwrap_or(!rising || hi_in == Some(false));
            let hi_in = hi_in.unwrap_or(rising && !lo_in);
            Band {
                upper: Some(Upper {
                    op: if hi_in { BandOp::Le } else { BandOp::Lt },
                    bound: hi,
                }),
                ..Band::new(if lo_in { BandOp::Ge } else { BandOp::Gt }, lo, points)
            }
        }
    }
}

/// "85%以下不得分；85%-90%得60%": a one-sided band leaves the rate it shares
/// with an interval's included end to the interval (85 scores 60 %).
fn yield_shared_ends(bands: &mut [Band]) {
    let ends: Vec<(BandOp, Decimal)> = bands
        .iter()
        .filter_map(|b| b.upper.map(|u| [(b.op, b.bound), (u.op, u.bound)]))
        .flatten()
        .collect();
    for band in bands.iter_mut().filter(|b| b.upper.is_none()) {
        let shared = |op: BandOp| ends.contains(&(op, band.bound));
        band.op = match band.op {
            BandOp::Le if shared(BandOp::Ge) => BandOp::Lt,
            BandOp::Ge if shared(BandOp::Le) => BandOp::Gt,
            op => op,
        };
    }
}

/// Whether first-match in the written order already reads as the table means:
/// no one-sided band hides a later one (≥90 before ≥95, ≤10 before ≤5, any before =).
fn written_in_order(bands: &[Band]) -> bool {
    let singles: Vec<&Band> = bands.iter().filter(|b| b.upper.is_none()).collect();
    singles.iter().enumerate().all(|(i, a)| {
        singles[i + 1..].iter().all(|b| match (a.op, b.op) {
            (_, BandOp::Eq) => a.op == BandOp::Eq,
            (BandOp::Ge | BandOp::Gt, BandOp::Ge | BandOp::Gt) => a.bound >= b.bound,
            (BandOp::Le | BandOp::Lt, BandOp::Le | BandOp::Lt) => a.bound <= b.bound,
            _ => true,
        })
    })
}

/// First match wins, so the written order must not matter: equalities and
/// intervals first, then "≥" bands from the highest bound down and "≤" bands
/// from the lowest up.
fn order_bands(bands: &mut [Band]) {
    if written_in_order(bands) {
        return;
    }
    bands.sort_by(|a, b| {
        let rank = |band: &Band| match (band.upper, band.op) {
            (_, BandOp::Eq) => 0,
            (Some(_), _) => 1,
            (None, BandOp::Ge | BandOp::Gt) => 2,
            (None, BandOp::Le | BandOp::Lt) => 3,
        };
        rank(a).cmp(&rank(b)).then_with(|| match rank(a) {
            2 => b.bound.cmp(&a.bound),
            3 => a.bound.cmp(&b.bound),
            _ => std::cmp::Ordering::Equal,
        })
    });
}

/// The treasury stock rule: "为0得4分；下降得3分；持平得2分；上升不得分".
fn categorical_stock(text: &str, metric: Option<MetricId>, weight: Decimal) -> Option<RuleKind> {
    const KINDS: &[(&str, &str, &[&str])] = &[
        ("zero", "存量资金为0", &["为0", "为零", "无存量"]),
        ("decreased", "较上年下降", &["下降", "减少"]),
        ("unchanged", "与上年持平", &["持平", "不变", "相同"]),
        ("increased", "较上年上升", &["上升", "增加", "增长"]),
    ];
    if metric != Some(MetricId::TreasuryCarryoverStockEfficiency) {
        return None;
    }
    let mut categories: Vec<Category> = Vec::new();
    for clause in clauses(text) {
        let Some(points) = clause_points(clause, weight) else {
            continue;
        };
        if let Some((key, label, _)) = KINDS
            .iter()
            .find(|(_, _, words)| words.iter().any(|w| clause.contains(w)))
            && !categories.iter().any(|c| c.key == *key)
        {
            categories.push(Category {
                key: (*key).to_owned(),
                label: (*label).to_owned(),
                points,
            });
        }
    }
    (categories.len() >= 2).then_some(RuleKind::Categorical {
        source: CategorySource::Metric,
        categories,
    })
}

/// "每发现一项扣Y分" (deduct) or "每达到一项得Y分" (award).
fn checklist(text: &str, weight: Decimal) -> Option<RuleKind> {
    const ITEM_WORDS: [char; 5] = ['项', '处', '次', '个', '条'];
    let mut found: Option<(Decimal, ChecklistMode)> = None;
    let mut starts: Vec<usize> = ["每", "缺", "少", "有", "发现"]
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(pos, _)| pos))
        .collect();
    starts.sort_unstable();
    for pos in starts {
        let window: String = text[pos..].chars().take(20).collect();
        if window.contains("百分点") || window.contains('%') {
            continue;
        }
        let Some(item_at) = window
            .char_indices()
            .take(8)
            .find(|(_, c)| ITEM_WORDS.contains(c))
        else {
            continue;
        };
        // The item word must follow "每" or a count ("一项", "1处").
        let lead = &window[..item_at.0];
        let counted = lead.starts_with('每')
            || lead.ends_with('一')
            || lead.ends_with('1')
            || lead.ends_with("每一");
        if !counted {
            continue;
        }
        let tail = &window[item_at.0..];
        for (key, mode) in [('扣', ChecklistMode::Deduct), ('得', ChecklistMode::Award)] {
            if let Some((k, _)) = tail.char_indices().find(|(_, c)| *c == key) {
                let after = &tail[k + key.len_utf8()..];
                if let Some((points, used)) = number_at(after)
                    && after[used..].starts_with('分')
                    && points > Decimal::ZERO
                {
                    found = Some((points, mode));
                    break;
                }
            }
        }
        if found.is_some() {
            break;
        }
    }
    let (points, mode) = found?;
    // "5项要求，每项不达标扣1分" (as jixiao writes a checklist) says how many.
    let stated = number_before_any(text, &["项要求", "项指标", "项内容"]);
    let count = stated
        .unwrap_or_else(|| (weight / points).ceil())
        .clamp(Decimal::ONE, Decimal::from(20));
    let count = u32::try_from(count).unwrap_or(1);
    let items = (1..=count)
        .map(|i| match mode {
            ChecklistMode::Deduct => format!("问题{i}"),
            ChecklistMode::Award => format!("要求{i}"),
        })
        .collect();
    Some(RuleKind::Checklist {
        items,
        points,
        mode,
    })
}

/// 好/较好/一般/差 (or 优/良/中/差), with each level's points or percent where given.
fn levels(text: &str, weight: Decimal) -> Option<RuleKind> {
    let labels: &[&str] = if text.contains("优秀") && text.contains("良好") {
        &[
            "优秀",
            "良好",
            "中等",
            "一般",
            "合格",
            "较差",
            "不合格",
            "差",
        ]
    } else if text.contains("较好") && text.contains("一般") {
        &["好", "较好", "一般", "较差", "差"]
    } else if text.contains('优') && text.contains('良') && text.contains('中') {
        &["优", "良", "中", "差"]
    } else {
        return None;
    };
    let mut found: Vec<(usize, Level, bool)> = Vec::new();
    for label in labels {
        let Some((pos, value)) = level_value(text, label, weight) else {
            continue;
        };
        found.push((
            pos,
            Level {
                label: (*label).to_owned(),
                percent: value.unwrap_or_default(),
            },
            value.is_some(),
        ));
    }
    found.sort_by_key(|(pos, _, _)| *pos);
    if found.len() >= 2 && found.iter().all(|(_, _, given)| *given) {
        return Some(RuleKind::Levels {
            levels: found.into_iter().map(|(_, l, _)| l).collect(),
        });
    }
    let defaults: Vec<Level> = if labels[0] == "优" || labels[0] == "优秀" {
        let named: &[(&str, i32)] = if labels[0] == "优" {
            &[("优", 100), ("良", 80), ("中", 60), ("差", 0)]
        } else {
            &[("优秀", 100), ("良好", 80), ("一般", 60), ("较差", 0)]
        };
        named
            .iter()
            .copied()
            .map(|(label, percent)| Level {
                label: label.to_owned(),
                percent: Decimal::from(percent),
            })
            .collect()
    } else {
        crate::core::model::table::default_levels()
    };
    Some(RuleKind::Levels { levels: defaults })
}

/// Where `label` stands as a level word, and its percent of the weight if stated.
fn level_value(text: &str, label: &str, weight: Decimal) -> Option<(usize, Option<Decimal>)> {
    let mut first = None;
    for (pos, _) in text.match_indices(label) {
        let before = text[..pos].chars().next_back();
        let after = text[pos + label.len()..].chars().next();
        // "好" inside "较好"/"良好", "差" inside "差异"/"较差" are other words.
        let inside_other = matches!(before, Some('较' | '良' | '友' | '完' | '美'))
            || (label == "差" && matches!(after, Some('异' | '额' | '距')))
            || (label == "中" && matches!(after, Some('央' | '共' | '期')))
            || (label == "合格" && before == Some('不'));
        if inside_other {
            continue;
        }
        first.get_or_insert(pos);
        let mut rest = &text[pos + label.len()..];
        for lead in ["的", "等级", "档", ":", "(", "为", "得", "计"] {
            rest = rest.strip_prefix(lead).unwrap_or(rest);
        }
        if rest.starts_with("满分") {
            return Some((pos, Some(Decimal::ONE_HUNDRED)));
        }
        if rest.starts_with("不得分") || rest.starts_with("不计分") {
            return Some((pos, Some(Decimal::ZERO)));
        }
        if let Some((value, used)) = number_at(rest) {
            let unit = &rest[used..];
            if unit.starts_with('%') {
                return Some((pos, Some(value)));
            }
            if unit.starts_with('分') && weight > Decimal::ZERO {
                return Some((pos, Some(value * Decimal::ONE_HUNDRED / weight)));
            }
        }
    }
    first.map(|pos| (pos, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn kind(name: &str, standard: &str, weight: Decimal) -> (Option<MetricId>, RuleKind) {
        let r = recognise(name, standard, "", weight);
        (r.rule.metric, r.rule.kind)
    }

    #[test]
    fn thresholds_and_steps() {
        // (name, standard, weight, the ratio read, the rule read)
        let above = |threshold, deduct_per_point| RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad: true,
            limits: Default::default(),
        };
        let below = |full_at, step, deduct, started_step_counts| RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        };
        let cases = [
            (
                "财政拨款收入预决算差异率",
                "差异率≤5%得满分，每超过1个百分点扣0.5分，扣完为止（取小数点后两位绝对值）。",
                dec!(5),
                MetricId::AppropriationIncomeVarianceRate,
                above(dec!(5), dec!(0.5)),
            ),
            (
                "在职人员控制率",
                "在职人员控制率小于等于100%得满分；每超过2个百分点扣1分，扣完为止",
                dec!(5),
                MetricId::StaffingControlRate,
                above(dec!(100), dec!(0.5)),
            ),
            (
                "支出完成率",
                "支出完成率100%得满分，每低5个百分点扣2分，扣完为止。",
                dec!(6),
                MetricId::ExpenditureCompletionRate,
                below(dec!(100), dec!(5), dec!(2), false),
            ),
            (
                "预算执行率",
                "执行率达到95%得满分，每少1个百分点扣0.2分，不足1个百分点的按1个百分点计算",
                dec!(4),
                MetricId::ExpenditureCompletionRate,
                below(dec!(95), dec!(1), dec!(0.2), true),
            ),
        ];
        for (name, standard, weight, metric, rule) in cases {
            assert_eq!(kind(name, standard, weight), (Some(metric), rule), "{name}");
        }
    }

    #[test]
    fn proportional_and_bands() {
        let (metric, rule) = kind("政府采购执行率", "得分=政府采购执行率×6分。", dec!(6));
        assert_eq!(metric, Some(MetricId::ProcurementExecutionRate));
        assert!(matches!(rule, RuleKind::Proportional { .. }));
        let (_, rule) = kind("预算执行", "按预算执行率*分值计分", dec!(6));
        assert!(matches!(rule, RuleKind::Proportional { .. }));
        let (metric, rule) = kind(
            "固定资产利用率",
            "≥95%得5分；≥90%得4分；≥80%得3分；其余不得分。",
            dec!(5),
        );
        assert_eq!(metric, Some(MetricId::FixedAssetUtilizationRate));
        let RuleKind::Bands { bands, otherwise } = rule else {
            panic!("bands expected, got {rule:?}");
        };
        assert_eq!(bands.len(), 3);
        assert_eq!(
            bands[1],
            Band {
                op: BandOp::Ge,
                bound: dec!(90),
                points: dec!(4),
                upper: None,
            }
        );
        assert_eq!(otherwise, dec!(0));
        // A formula with ×100% is not a proportional rule.
        let (_, rule) = kind(
            "预算调整率",
            "预算调整率=调整数/预算数×100%；≤10%得3分；10%-20%得2分；高于20%不得分",
            dec!(3),
        );
        let RuleKind::Bands { bands, .. } = rule else {
            panic!("bands expected, got {rule:?}");
        };
        // The range of a rising table is read as (10, 20]: both ends kept.
        assert_eq!(
            bands[1],
            Band {
                upper: Some(Upper {
                    op: BandOp::Le,
                    bound: dec!(20)
                }),
                ..Band::new(BandOp::Gt, dec!(10), dec!(2))
            }
        );
    }

    #[test]
    fn levels_with_and_without_points() {
        let (_, rule) = kind(
            "目标完整性",
            "根据完整程度评价为好、较好、一般、差。",
            dec!(3),
        );
        assert_eq!(
            rule,
            RuleKind::Levels {
                levels: crate::core::model::table::default_levels()
            }
        );
        let (_, rule) = kind("效果", "好得5分；较好得4分；一般得2分；差得0分", dec!(5));
        let RuleKind::Levels { levels } = rule else {
            panic!("levels expected");
        };
        let percents: Vec<_> = levels.iter().map(|l| l.percent.normalize()).collect();
        assert_eq!(percents, vec![dec!(100), dec!(80), dec!(40), dec!(0)]);
    }

    #[test]
    fn checklists_not_applicable_and_categories() {
        let (_, rule) = kind(
            "资金使用合规性",
            "资金使用合规，每发现一项违规扣1分，扣完为止",
            dec!(3),
        );
        let RuleKind::Checklist {
            items,
            points,
            mode,
        } = rule
        else {
            panic!("checklist expected");
        };
        assert_eq!(
            (items.len(), points, mode),
            (3, dec!(1), ChecklistMode::Deduct)
        );
        let (_, rule) = kind(
            "信息公开",
            "预算、决算按要求公开，每缺一项扣2.5分。",
            dec!(5),
        );
        assert!(matches!(rule, RuleKind::Checklist { .. }));
        let (_, rule) = kind(
            "资金下达合法性",
            "转移支付资金按规定及时下达；无下级单位的不适用。",
            dec!(4),
        );
        assert_eq!(
            rule,
            RuleKind::NotApplicable {
                mode: NotApplicableMode::FullMarks
            }
        );
        let (metric, rule) = kind(
            "国库集中支付结转结余存量资金效率性",
            "存量资金为0得4分；较上年下降得3分；持平得2分；上升不得分。",
            dec!(4),
        );
        assert_eq!(metric, Some(MetricId::TreasuryCarryoverStockEfficiency));
        let RuleKind::Categorical { categories, .. } = rule else {
            panic!("categorical expected");
        };
        assert_eq!(categories.len(), 4);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_wording(
            standard in "[0-9０-９.%％≤≥<>=得扣分每超过低于少个百分点项处一二好较般差优良中不适用满分×*；;，,、()（）含以上下内-]{0,40}",
            any in "\\PC{0,40}",
            weight in 0u32..20,
        ) {
            let w = Decimal::from(weight);
            for text in [&standard, &any] {
                let r = recognise("指标", text, "", w);
                if let RuleKind::Checklist { items, .. } = &r.rule.kind {
                    proptest::prop_assert!(!items.is_empty() && items.len() <= 20);
                }
            }
        }
    }

    #[test]
    fn unreadable_or_unnamed_stays_manual_with_reason() {
        // (name, standard, weight, what the note says)
        let cases = [
            (
                "履职效能",
                "结合年度重点工作完成情况综合评定。",
                dec!(10),
                "未能识别",
            ),
            // A shape without a known ratio cannot be computed.
            (
                "社会满意度",
                "满意度≥90%得满分，每低1个百分点扣0.5分",
                dec!(5),
                "未能确定对应的比率",
            ),
        ];
        for (name, standard, weight, reason) in cases {
            let r = recognise(name, standard, "", weight);
            assert_eq!(r.rule.kind, RuleKind::Manual, "{name}");
            assert!(!r.recognised, "{name}");
            let note = r.note.expect("note").zh;
            assert!(note.contains(reason), "{name}: {note}");
        }
    }
}
