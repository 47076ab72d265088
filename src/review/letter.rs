//! The send-back letter (退回函): what the bureau sends a unit whose
//! self-evaluation it returns — the unit, the year, both totals, the reasons,
//! each questioned indicator (code, name, weight, the officer's and the
//! reviewer's score, comment and reason) and what to do next. Built once as
//! report [`Block`]s, so Markdown and Word render the same letter. Pure.

use rust_decimal::Decimal;

use super::digest::WorkbookDigest;
use super::reviews::{Bureau, IndicatorReview, ReviewStatus, WorkbookReview};
use crate::core::num::{fmt_score, round2};
use crate::core::{Bilingual, Lang};
use crate::export::report::Block;
use crate::i18n::Tr;

/// One questioned indicator, in table order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questioned {
    pub code: String,
    pub name: String,
    pub weight: Decimal,
    /// 自评得分: the score the unit typed, when it typed one.
    pub typed_score: Option<Decimal>,
    /// 计算得分: what jixiao computes from the unit's entries, as displayed.
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
                typed_score: result.typed.map(round2),
                officer_score,
                reviewer_score: mine.score,
                comment: mine.comment.clone(),
                reason: mine.reason.clone(),
            })
        })
        .collect()
}

/// Whether a letter can be written: the status is 退回 and a reason was
/// given (the unit's own, or an indicator's); else why not.
///
/// # Errors
/// The reason in both languages, told before any file name is asked.
pub fn can_write(review: Option<&WorkbookReview>) -> Result<(), Bilingual> {
    let Some(review) = review.filter(|r| r.status == ReviewStatus::Returned) else {
        let status = review.map_or(ReviewStatus::Unreviewed, |r| r.status);
        return Err(Bilingual::new(
            format!(
                "退回函只为状态“退回”的单位出具，此单位为“{}”：先按 b 填写退回原因",
                status.label(Lang::Zh)
            ),
            format!(
                "a letter is written only for a unit sent back; this one is \"{}\": press b to give a reason",
                status.label(Lang::En)
            ),
        ));
    };
    if review.reason.is_empty() && review.indicators.values().all(|r| r.reason.is_empty()) {
        return Err(Bilingual::new(
            "此单位已退回但没有退回原因：先按 b 填写原因（总体或指标）",
            "this unit is sent back without a reason: press b to give one (for the unit or an indicator)",
        ));
    }
    Ok(())
}

/// Who sends the letter and when.
#[derive(Debug, Clone, Default)]
pub struct Sender {
    pub bureau: Bureau,
    /// The letter's date, `YYYY-MM-DD` (empty: a line for the hand).
    pub date: String,
    /// The unit's place in its folder, for the 文号's `{n}`.
    pub number: usize,
}

/// `2026-12-08` → `2026年12月8日` (zh); other text as it is.
#[must_use]
pub fn date_text(date: &str, lang: Lang) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    match (lang, parts.as_slice()) {
        (Lang::Zh, [y, m, d]) if [y, m, d].iter().all(|p| p.parse::<u16>().is_ok()) => format!(
            "{y}年{}月{}日",
            m.trim_start_matches('0'),
            d.trim_start_matches('0')
        ),
        _ => date.to_owned(),
    }
}

/// The letter as blocks, sent by `sender.bureau` (财政局 when not set).
#[must_use]
pub fn blocks(
    digest: &WorkbookDigest,
    review: &WorkbookReview,
    sender: &Sender,
    lang: Lang,
) -> Vec<Block> {
    let unit = &digest.unit;
    let year = digest.year;
    let officer = digest.computed_total;
    let reviewer = round2(digest.review_total(review));
    let officer_standing = digest.standing();
    let reviewer_standing = digest.standing_under(Some(review));
    let note = reported_note(digest.reported_total, officer, lang);
    let officer_score = format!(
        "{}{}",
        fmt_score(officer),
        officer_standing.total_mark(lang)
    );
    let officer_grade = officer_standing.text(lang);
    let reviewer_score = format!(
        "{}{}",
        fmt_score(reviewer),
        reviewer_standing.total_mark(lang)
    );
    let reviewer_grade = reviewer_standing.text(lang);
    let h = |zh: &'static str, en: &'static str| Tr(zh, en).get(lang).to_owned();
    let bureau = if sender.bureau.name.trim().is_empty() {
        default_sender(lang)
    } else {
        sender.bureau.name.clone()
    };
    let letter_year = sender.date.get(..4).unwrap_or_default();
    let number = sender.bureau.letter_number(letter_year, sender.number);
    let mut out = vec![Block::Title(match lang {
        Lang::Zh => format!("关于退回{unit}{year}年度部门整体支出绩效自评材料的函"),
        Lang::En => {
            format!("Return of the {year} whole-spending performance self-evaluation of {unit}")
        }
    })];
    if !number.trim().is_empty() {
        out.push(Block::Paragraph(number));
    }
    out.push(Block::Paragraph(match lang {
        Lang::Zh => format!("{unit}："),
        Lang::En => format!("To {unit}:"),
    }));
    out.push(Block::Paragraph(match lang {
        Lang::Zh => format!(
            "你单位报送的{year}年度部门整体支出绩效自评材料已收悉。经审核，{note}按评分表计算得分{officer_score}分（{officer_grade}），审核得分{reviewer_score}分（{reviewer_grade}）。因存在以下问题，现将自评材料退回，请修改后重新报送。"
        ),
        Lang::En => format!(
            "We have received your {year} whole-spending performance self-evaluation. On review, {note}the score computed by the scoring table is {officer_score} ({officer_grade}) and the review score {reviewer_score} ({reviewer_grade}). For the reasons below it is returned; please correct it and file it again."
        ),
    }));
    out.push(heading(&h("一、退回原因", "1. Why it is returned")));
    let reason = if review.reason.is_empty() {
        h(
            "见下列指标的退回原因和审核意见。",
            "See the reasons and comments on the indicators below.",
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
    let rows = questioned(digest, review);
    out.push(indicator_table(&rows, lang));
    if !rows.is_empty() {
        out.push(Block::Paragraph(h(
            "注：自评得分为你单位填报的得分；计算得分为按评分表和你单位填报数据计算的得分；审核得分为本局审核确定的得分，“未调整”表示审核得分与计算得分相同。",
            "Note: the self-score is the score your unit typed; the computed score is what the scoring table gives from your figures; the review score is the bureau's, \"unchanged\" where it equals the computed score.",
        )));
    }
    out.push(heading(&h("三、下一步工作", "3. What to do next")));
    out.extend(
        next_steps(&sender.bureau.deadline, lang)
            .into_iter()
            .map(Block::Paragraph),
    );
    if !sender.bureau.contact.trim().is_empty() {
        out.push(Block::Paragraph(format!(
            "{}{}",
            h("联系人及电话：", "Contact: "),
            sender.bureau.contact
        )));
    }
    out.push(Block::Paragraph(h("特此函告。", "Yours faithfully.")));
    out.push(Block::Signature {
        unit: bureau,
        date: date_text(&sender.date, lang),
    });
    out
}

/// When the report printed another total than the table gives, say both.
fn reported_note(reported: Option<Decimal>, computed: Decimal, lang: Lang) -> String {
    match reported.map(round2) {
        Some(r) if r != computed => match lang {
            Lang::Zh => format!("报告所列自评得分为{}分，", fmt_score(r)),
            Lang::En => format!("the report states {}, while ", fmt_score(r)),
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
    if rows.is_empty() {
        return Block::Paragraph(h(
            "无单项指标需核实。",
            "No single indicator is in question.",
        ));
    }
    // Said in words where the reviewer kept the computed score: a bare "—"
    // read as "no score" to a unit.
    let kept = h("未调整", "unchanged");
    let not_typed = h("未填", "none");
    Block::Table {
        header: vec![
            h("编码", "Code"),
            h("指标名称", "Indicator"),
            h("分值", "Weight"),
            h("自评得分", "Self-score"),
            h("计算得分", "Computed"),
            h("审核得分", "Review score"),
            h("退回原因及审核意见", "Reason and comment"),
        ],
        rows: rows
            .iter()
            .map(|q| {
                vec![
                    q.code.clone(),
                    q.name.clone(),
                    fmt_score(q.weight),
                    q.typed_score.map_or_else(|| not_typed.clone(), fmt_score),
                    fmt_score(q.officer_score),
                    q.reviewer_score.map_or_else(|| kept.clone(), fmt_score),
                    [q.reason.as_str(), q.comment.as_str()]
                        .iter()
                        .filter(|t| !t.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(h("；", "; ").as_str()),
                ]
            })
            .collect(),
    }
}

fn next_steps(deadline: &str, lang: Lang) -> Vec<String> {
    let by = date_text(deadline.trim(), lang);
    let file_again = match (lang, by.is_empty()) {
        (Lang::Zh, false) => {
            format!("3．请于{by}前将修改后的工作簿和自评报告重新报送本局审核，并说明修改之处。")
        }
        (Lang::Zh, true) => {
            "3．将修改后的工作簿和自评报告重新报送本局审核，并说明修改之处。".to_owned()
        }
        (Lang::En, false) => format!(
            "3) File the corrected workbook and report with the bureau again by {by}, saying what changed."
        ),
        (Lang::En, true) => {
            "3) File the corrected workbook and report with the bureau again, saying what changed."
                .to_owned()
        }
    };
    match lang {
        Lang::Zh => vec![
            "1．请对照上述退回原因和审核意见逐项核实，补充佐证材料，更正填报数据或评分；".to_owned(),
            "2．修改后重新计算，确认各项得分、总分、等级和检查提示无误，并重新生成自评报告；".to_owned(),
            file_again,
        ],
        Lang::En => vec![
            "1) Check each reason and comment above; add the supporting documents and correct the figures or scores.".to_owned(),
            "2) Recompute, make sure the scores, total, grade and warnings are right, and produce the report again.".to_owned(),
            file_again,
        ],
    }
}

/// Who signs when the review folder names no bureau.
#[must_use]
pub fn default_sender(lang: Lang) -> String {
    Tr("财政局", "Finance bureau").get(lang).to_owned()
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
        let sender = Sender {
            bureau: Bureau {
                name: "霞山区财政局".into(),
                number: "霞财绩〔{year}〕{n}号".into(),
                contact: "张三 0759-1234567".into(),
                deadline: "2026-12-31".into(),
            },
            date: "2026-12-08".into(),
            number: 7,
        };
        let md = markdown::render(&blocks(&kept(&o), &r, &sender, Lang::Zh), Lang::Zh);
        assert!(md.contains("霞财绩〔2026〕7号"), "{md}");
        assert!(md.contains("请于2026年12月31日前"), "{md}");
        assert!(md.contains("联系人及电话：张三 0759-1234567"), "{md}");
        assert!(md.contains("2026年12月8日"), "{md}");
        assert!(md.contains("| 自评得分 | 计算得分 | 审核得分 |"), "{md}");
        assert!(md.contains("中共湛江市霞山区委办公室2023年度"), "{md}");
        assert!(
            md.contains("按评分表计算得分94分（优），审核得分92分（优）"),
            "{md}"
        );
        assert!(md.contains("| A1 |"), "{md}");
        assert!(md.contains("未附工作量统计"));
        assert!(md.contains("政府采购执行率缺少佐证"));
        assert!(md.contains("总体审核意见：请补充材料"));
        assert!(md.contains("三、下一步工作"));
        assert!(md.contains("霞山区财政局"));
        let en = markdown::render(
            &blocks(&kept(&o), &r, &Sender::default(), Lang::En),
            Lang::En,
        );
        assert!(en.starts_with("# Return of the 2023"), "{en}");
        assert!(
            en.contains("Review score") && en.contains("What to do next"),
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
            &blocks(&digest_of(&o.workbook), &r, &Sender::default(), Lang::Zh),
            Lang::Zh,
        );
        assert!(
            md.contains("报告所列自评得分为96分，按评分表计算得分94分"),
            "{md}"
        );
        assert!(md.contains("无单项指标需核实"), "{md}");
    }
}
