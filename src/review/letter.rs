//! The send-back letter (退回函): what the bureau sends a unit whose
//! self-evaluation it returns — the unit, the year, both totals, the reasons,
//! each questioned indicator (code, name, weight, the officer's and the
//! reviewer's score, comment and reason) and what to do next. Built once as
//! report [`Block`]s, so Markdown and Word render the same letter. Pure.

use rust_decimal::Decimal;

use super::digest::WorkbookDigest;
use super::reviews::{IndicatorReview, WorkbookReview};
use crate::core::Lang;
use crate::core::num::{fmt_score, round2};
use crate::export::report::Block;
use crate::i18n::Tr;

/// One questioned indicator, in table order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questioned {
    pub code: String,
    pub name: String,
    pub weight: Decimal,
    /// The score the officer's entries give, as displayed.
    pub officer_score: Decimal,
    pub reviewer_score: Option<Decimal>,
    pub comment: String,
    pub reason: String,
}

/// An indicator is questioned when the reviewer gave a reason, a comment,
/// or a score other than the computed one.
fn is_questioned(review: &IndicatorReview, computed: Decimal) -> bool {
    !review.reason.is_empty()
        || !review.comment.is_empty()
        || review.score.is_some_and(|s| s != computed)
}

/// The questioned indicators of a workbook, in the order of its table.
#[must_use]
pub fn questioned(digest: &WorkbookDigest, review: &WorkbookReview) -> Vec<Questioned> {
    digest
        .cells()
        .filter_map(|(ind, result)| {
            let mine = review.indicators.get(&ind.code)?;
            let officer_score = round2(result.score);
            is_questioned(mine, officer_score).then(|| Questioned {
                code: ind.code.clone(),
                name: ind.name.clone(),
                weight: ind.weight,
                officer_score,
                reviewer_score: mine.score,
                comment: mine.comment.clone(),
                reason: mine.reason.clone(),
            })
        })
        .collect()
}

/// Whether there is anything to send: the status is 退回 or a reason was given.
#[must_use]
pub fn has_reasons(review: &WorkbookReview) -> bool {
    review.status == super::ReviewStatus::Returned
        || !review.reason.is_empty()
        || review.indicators.values().any(|r| !r.reason.is_empty())
}

/// The letter as blocks. `sender` signs it (the reviewer, when the review
/// file names one).
#[must_use]
pub fn blocks(
    digest: &WorkbookDigest,
    review: &WorkbookReview,
    sender: &str,
    lang: Lang,
) -> Vec<Block> {
    let unit = &digest.unit;
    let year = digest.year;
    let officer = digest.computed_total;
    let reviewer = round2(digest.review_total(review));
    let reviewer_grade = digest.standing_under(Some(review)).text(lang);
    let note = reported_note(digest.reported_total, officer, lang);
    let (officer_score, officer_grade) = (fmt_score(officer), digest.standing().text(lang));
    let reviewer_score = fmt_score(reviewer);
    let h = |zh: &'static str, en: &'static str| Tr(zh, en).get(lang).to_owned();
    let mut out = vec![
        Block::Title(match lang {
            Lang::Zh => format!("关于退回{unit}{year}年度部门整体支出绩效自评材料的函"),
            Lang::En => {
                format!("Return of the {year} whole-spending performance self-evaluation of {unit}")
            }
        }),
        Block::Paragraph(match lang {
            Lang::Zh => format!("{unit}："),
            Lang::En => format!("To {unit}:"),
        }),
        Block::Paragraph(match lang {
            Lang::Zh => format!(
                "你单位报送的{year}年度部门整体支出绩效自评材料已收悉。经审核，{note}自评得分{officer_score}分（{officer_grade}），审核得分{reviewer_score}分（{reviewer_grade}）。因存在以下问题，现将自评材料退回，请修改后重新报送。"
            ),
            Lang::En => format!(
                "We have received your {year} whole-spending performance self-evaluation. On review, {note}the self-evaluation total is {officer_score} ({officer_grade}) and the review total {reviewer_score} ({reviewer_grade}). For the reasons below it is returned; please correct it and file it again."
            ),
        }),
        heading(&h("一、退回原因", "1. Why it is returned")),
    ];
    let reason = if review.reason.is_empty() {
        h(
            "见下列指标的审核意见。",
            "See the comments on the indicators below.",
        )
    } else {
        review.reason.clone()
    };
    out.push(Block::Paragraph(reason));
    if !review.comment.is_empty() {
        out.push(Block::Paragraph(format!(
            "{}{}",
            h("总体审核意见：", "Overall comment: "),
            review.comment
        )));
    }
    out.push(heading(&h("二、需核实的指标", "2. Indicators in question")));
    out.push(indicator_table(&questioned(digest, review), lang));
    out.push(heading(&h("三、下一步工作", "3. What to do next")));
    out.extend(next_steps(lang).into_iter().map(Block::Paragraph));
    out.push(Block::Paragraph(h("特此函告。", "Yours faithfully.")));
    out.push(Block::Signature {
        unit: sender.to_owned(),
        date: String::new(),
    });
    out
}

/// When the report printed another total than the table gives, say both.
fn reported_note(reported: Option<Decimal>, computed: Decimal, lang: Lang) -> String {
    match reported.map(round2) {
        Some(r) if r != computed => match lang {
            Lang::Zh => format!("报告所列自评得分为{}分，按评分表计算", fmt_score(r)),
            Lang::En => format!(
                "the report states {} while by the scoring table ",
                fmt_score(r)
            ),
        },
        _ => String::new(),
    }
}

fn heading(text: &str) -> Block {
    Block::Heading {
        level: 1,
        text: text.to_owned(),
    }
}

fn indicator_table(rows: &[Questioned], lang: Lang) -> Block {
    let h = |zh: &'static str, en: &'static str| Tr(zh, en).get(lang).to_owned();
    // "—" where the reviewer kept the score, unless no row has a review score
    // (then the column is left out).
    let kept = if rows.iter().any(|q| q.reviewer_score.is_some()) {
        "—"
    } else {
        ""
    };
    if rows.is_empty() {
        return Block::Paragraph(h(
            "无单项指标需核实。",
            "No single indicator is in question.",
        ));
    }
    Block::Table {
        header: vec![
            h("编码", "Code"),
            h("指标名称", "Indicator"),
            h("分值", "Weight"),
            h("自评得分", "Officer's score"),
            h("审核得分", "Reviewer's score"),
            h("审核意见", "Comment"),
            h("退回原因", "Reason"),
        ],
        rows: rows
            .iter()
            .map(|q| {
                vec![
                    q.code.clone(),
                    q.name.clone(),
                    fmt_score(q.weight),
                    fmt_score(q.officer_score),
                    q.reviewer_score.map_or_else(|| kept.to_owned(), fmt_score),
                    q.comment.clone(),
                    q.reason.clone(),
                ]
            })
            .collect(),
    }
}

fn next_steps(lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => vec![
            "1．请对照上述退回原因和审核意见逐项核实，补充佐证材料，更正填报数据或评分；".to_owned(),
            "2．修改后重新计算，确认各项得分、总分、等级和检查提示无误，并重新生成自评报告；".to_owned(),
            "3．将修改后的工作簿和自评报告重新报送财政局审核，并说明修改之处。".to_owned(),
        ],
        Lang::En => vec![
            "1) Check each reason and comment above; add the supporting documents and correct the figures or scores.".to_owned(),
            "2) Recompute, make sure the scores, total, grade and warnings are right, and produce the report again.".to_owned(),
            "3) File the corrected workbook and report with the finance bureau again, saying what changed.".to_owned(),
        ],
    }
}

/// Who signs when the review file names no reviewer.
#[must_use]
pub fn default_sender(lang: Lang) -> String {
    Tr("财政局（审核）", "Finance bureau (review)")
        .get(lang)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::model::Workbook;
    use crate::core::sample::sample_workbook;
    use crate::export::markdown;
    use crate::review::Opened;
    use crate::review::digest::Shapes;
    use crate::review::reviews::IndicatorNote;

    fn opened() -> Opened {
        let workbook = sample_workbook();
        let derived = derive(&workbook);
        Opened { workbook, derived }
    }

    /// What the overview keeps of `o`: the letter is built from it.
    fn kept(o: &Opened) -> WorkbookDigest {
        WorkbookDigest::of(&o.workbook, &o.derived, &Shapes::default())
    }

    fn digest_of(workbook: &Workbook) -> WorkbookDigest {
        WorkbookDigest::of(workbook, &derive(workbook), &Shapes::default())
    }

    #[test]
    fn letter_names_unit_year_indicators_scores_and_reasons() {
        let o = opened();
        let mut r = WorkbookReview {
            reason: "政府采购执行率缺少佐证".into(),
            comment: "请补充材料".into(),
            ..WorkbookReview::default()
        };
        r.set_score(&o.workbook, "A1", "3").expect("score");
        r.set_indicator_note(&o.workbook, "D3", IndicatorNote::Reason, "未附工作量统计")
            .expect("reason");
        // A score equal to the computed one alone is not a question.
        r.set_score(&o.workbook, "A2", "5").expect("score");
        let q = questioned(&kept(&o), &r);
        let codes: Vec<&str> = q.iter().map(|q| q.code.as_str()).collect();
        assert_eq!(codes, vec!["A1", "D3"]);
        let md = markdown::render(&blocks(&kept(&o), &r, "霞山区财政局", Lang::Zh), Lang::Zh);
        assert!(md.contains("中共湛江市霞山区委办公室2023年度"), "{md}");
        assert!(
            md.contains("自评得分94分（优），审核得分92分（优）"),
            "{md}"
        );
        assert!(md.contains("| A1 |"), "{md}");
        assert!(md.contains("未附工作量统计"));
        assert!(md.contains("政府采购执行率缺少佐证"));
        assert!(md.contains("总体审核意见：请补充材料"));
        assert!(md.contains("三、下一步工作"));
        assert!(md.contains("霞山区财政局"));
        let en = markdown::render(
            &blocks(&kept(&o), &r, &default_sender(Lang::En), Lang::En),
            Lang::En,
        );
        assert!(en.starts_with("# Return of the 2023"), "{en}");
        assert!(
            en.contains("Reviewer's score") && en.contains("What to do next"),
            "{en}"
        );
        assert!(
            !en.contains('，'),
            "no Chinese punctuation in the English letter: {en}"
        );
    }

    #[test]
    fn a_report_total_other_than_the_tables_is_named() {
        let mut o = opened();
        o.workbook.reported.total_score = Some(Decimal::from(96));
        let r = WorkbookReview {
            reason: "x".into(),
            ..WorkbookReview::default()
        };
        let md = markdown::render(
            &blocks(&digest_of(&o.workbook), &r, "s", Lang::Zh),
            Lang::Zh,
        );
        assert!(
            md.contains("报告所列自评得分为96分，按评分表计算自评得分94分"),
            "{md}"
        );
        assert!(md.contains("无单项指标需核实"), "{md}");
    }
}
