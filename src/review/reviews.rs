//! The review file's content (`jixiao-review.json`, docs/review-format.md):
//! what a reviewer decided about each workbook of a folder. Pure: parsing,
//! validation and the review total; reading and writing live in `store`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::core::engine::{Derived, ScoreBasis};
use crate::core::model::Workbook;
use crate::core::num::{NumberRules, parse_number};
use crate::core::{Bilingual, Lang};
use crate::i18n::Tr;

/// The `format` value at the top of every review file.
pub const REVIEW_FORMAT: &str = "jixiao-review";
/// The review file version this build writes and reads.
pub const REVIEW_VERSION: u32 = 1;

/// Where a workbook stands in the review.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// 未审
    #[default]
    Unreviewed,
    /// 审核中
    InReview,
    /// 已审
    Reviewed,
    /// 退回
    Returned,
}

impl ReviewStatus {
    pub const ALL: [Self; 4] = [
        Self::Unreviewed,
        Self::InReview,
        Self::Reviewed,
        Self::Returned,
    ];

    /// The status's name in the interface language.
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        let text = match self {
            Self::Unreviewed => Tr("未审", "not reviewed"),
            Self::InReview => Tr("审核中", "in review"),
            Self::Reviewed => Tr("已审", "reviewed"),
            Self::Returned => Tr("退回", "returned"),
        };
        text.get(lang)
    }

    /// The review reached a conclusion: reviewed, or sent back.
    #[must_use]
    pub fn concluded(self) -> bool {
        matches!(self, Self::Reviewed | Self::Returned)
    }

    /// The next status in `ALL`, wrapping: for a key that cycles the status.
    #[must_use]
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// A reviewer's score and comment on one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorReview {
    /// Within 0..=weight, at most 2 places; `None` keeps the computed score.
    #[serde(
        with = "crate::core::num::dec_str_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub score: Option<Decimal>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Why the indicator is sent back (退回原因); empty when it is not questioned.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// The two texts a reviewer writes on an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorNote {
    /// 审核意见
    Comment,
    /// 退回原因
    Reason,
}

impl IndicatorNote {
    fn slot(self, review: &mut IndicatorReview) -> &mut String {
        match self {
            Self::Comment => &mut review.comment,
            Self::Reason => &mut review.reason,
        }
    }
}

impl IndicatorReview {
    fn is_empty(&self) -> bool {
        self.score.is_none() && self.comment.is_empty() && self.reason.is_empty()
    }
}

/// Everything the reviewer recorded about one workbook.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkbookReview {
    /// SHA-256 (hex) of the workbook file when the review was last changed,
    /// so a workbook changed afterwards is noticed.
    pub sha256: String,
    /// The unit and year, for people reading the file; not used as keys.
    pub unit: String,
    pub fiscal_year: Option<u16>,
    pub status: ReviewStatus,
    /// The overall comment (总体审核意见).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Why the workbook is sent back to the unit (退回原因), for the letter.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// By indicator code.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub indicators: BTreeMap<String, IndicatorReview>,
    /// Each round of sending back, oldest first: returned on a date with its
    /// reasons, then resubmitted or accepted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
}

/// What happened in one step of a send-back round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundEvent {
    /// 退回: sent back to the unit.
    Returned,
    /// 重新报送: taken back into review (the unit filed again).
    Resubmitted,
    /// 通过: accepted after the unit's answer.
    Accepted,
}

/// One step of the send-back history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub event: RoundEvent,
    /// `YYYY-MM-DD`, as the run loop's clock gave it; empty when unknown.
    #[serde(default)]
    pub date: String,
    /// The unit's reason when it was sent back.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The indicators' reasons when it was sent back, by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub indicator_reasons: BTreeMap<String, String>,
}

/// The bureau that sends the letters and makes the 汇总表, set once per
/// review folder (`jixiao review --bureau …`, or `B` in the overview).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Bureau {
    /// 发函单位 / 制表单位, e.g. 湛江市霞山区财政局.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The letters' number (文号) pattern: `{year}` (or `{年}`) is the year
    /// of the letter, `{n}` (or `{序号}`) the unit's place in the folder,
    /// e.g. 霞财绩〔{年}〕{序号}号.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// 联系人及电话.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// The date by which a unit sent back files again (重新报送截止日期).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deadline: String,
}

impl Bureau {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// The 文号 of a letter from the pattern; empty without a pattern.
    #[must_use]
    pub fn letter_number(&self, year: &str, n: usize) -> String {
        let n = n.to_string();
        self.number
            .replace("{year}", year)
            .replace("{年}", year)
            .replace("{n}", &n)
            .replace("{序号}", &n)
    }
}

impl WorkbookReview {
    /// True when nothing was recorded: such entries are not written.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.status == ReviewStatus::Unreviewed
            && self.comment.is_empty()
            && self.reason.is_empty()
            && self.rounds.is_empty()
            && self.indicators.values().all(IndicatorReview::is_empty)
    }

    /// Moves to `status` on `date`, keeping the send-back history: entering
    /// 退回 opens a round with the current reasons; leaving it closes the
    /// round (accepted, or resubmitted) and clears the reasons, which the
    /// round keeps, so a later letter states only the reasons of its own round.
    pub fn change_status(&mut self, status: ReviewStatus, date: &str) {
        let was = self.status;
        self.status = status;
        if was == status {
            return;
        }
        if status == ReviewStatus::Returned {
            self.rounds.push(Round {
                event: RoundEvent::Returned,
                date: date.to_owned(),
                reason: self.reason.clone(),
                indicator_reasons: self.indicator_reasons(),
            });
        } else if was == ReviewStatus::Returned {
            let event = if status == ReviewStatus::Reviewed {
                RoundEvent::Accepted
            } else {
                RoundEvent::Resubmitted
            };
            self.rounds.push(Round {
                event,
                date: date.to_owned(),
                reason: String::new(),
                indicator_reasons: BTreeMap::new(),
            });
            self.reason.clear();
            for r in self.indicators.values_mut() {
                r.reason.clear();
            }
            self.prune();
        }
    }

    /// Keeps the open round's reasons equal to the current ones (a reason
    /// typed after the status became 退回).
    pub fn sync_round(&mut self) {
        let reasons = self.indicator_reasons();
        if self.status != ReviewStatus::Returned {
            return;
        }
        if let Some(round) = self
            .rounds
            .last_mut()
            .filter(|r| r.event == RoundEvent::Returned)
        {
            self.reason.clone_into(&mut round.reason);
            round.indicator_reasons = reasons;
        }
    }

    fn indicator_reasons(&self) -> BTreeMap<String, String> {
        self.indicators
            .iter()
            .filter(|(_, r)| !r.reason.is_empty())
            .map(|(c, r)| (c.clone(), r.reason.clone()))
            .collect()
    }

    /// The date the unit was last sent back, when recorded.
    #[must_use]
    pub fn returned_on(&self) -> Option<&str> {
        self.rounds
            .iter()
            .rev()
            .find(|r| r.event == RoundEvent::Returned)
            .map(|r| r.date.as_str())
            .filter(|d| !d.is_empty())
    }

    /// True when any indicator carries a review score.
    #[must_use]
    pub fn has_scores(&self) -> bool {
        self.indicators.values().any(|r| r.score.is_some())
    }

    /// The workbook changed after the review was recorded.
    #[must_use]
    pub fn is_stale(&self, current_sha256: Option<&str>) -> bool {
        !self.sha256.is_empty() && current_sha256.is_some_and(|h| h != self.sha256)
    }

    /// Notes the workbook content and identity the review now refers to.
    pub fn touch(&mut self, sha256: &str, workbook: &Workbook) {
        self.touch_identity(sha256, &workbook.unit.name, workbook.unit.fiscal_year);
    }

    /// `touch` from the figures an overview keeps (no workbook at hand).
    pub fn touch_identity(&mut self, sha256: &str, unit: &str, fiscal_year: u16) {
        sha256.clone_into(&mut self.sha256);
        unit.clone_into(&mut self.unit);
        self.fiscal_year = Some(fiscal_year);
    }

    /// Sets (or, with empty text, clears) the review score of leaf `code`.
    /// The text is typed input: `4.5`, `４．５`; at most 2 places, 0..=weight.
    ///
    /// # Errors
    /// Says why in both languages: unknown code, not a leaf, not a number, out of range.
    pub fn set_score(
        &mut self,
        workbook: &impl IndicatorTable,
        code: &str,
        text: &str,
    ) -> Result<Option<Decimal>, Bilingual> {
        let weight = leaf_weight(workbook, code)?;
        let score = if text.trim().is_empty() {
            None
        } else {
            let rules = NumberRules {
                max_places: 2,
                allow_negative: false,
                max: Some(weight),
            };
            let value = parse_number(text, rules).map_err(|e| {
                Bilingual::new(
                    format!("{code} 审核得分：{}", e.zh()),
                    format!("{code} review score: {}", e.en()),
                )
            })?;
            Some(value)
        };
        let entry = self.indicators.entry(code.to_owned()).or_default();
        entry.score = score;
        self.prune();
        Ok(score)
    }

    /// Sets the comment or the send-back reason on indicator `code` (any
    /// indicator of the table).
    ///
    /// # Errors
    /// When the workbook has no indicator `code`.
    pub fn set_indicator_note(
        &mut self,
        workbook: &impl IndicatorTable,
        code: &str,
        note: IndicatorNote,
        text: &str,
    ) -> Result<(), Bilingual> {
        if workbook.indicator(code).is_none() {
            return Err(unknown_code(code));
        }
        let review = self.indicators.entry(code.to_owned()).or_default();
        text.trim_end().clone_into(note.slot(review));
        self.prune();
        Ok(())
    }

    fn prune(&mut self) {
        self.indicators.retain(|_, r| !r.is_empty());
    }
}

fn unknown_code(code: &str) -> Bilingual {
    Bilingual::new(
        format!("评分表中没有指标 {code}"),
        format!("the scoring table has no indicator {code}"),
    )
}

/// A scoring table as review entries are checked against it: a workbook,
/// or the shape an overview keeps of one.
pub trait IndicatorTable {
    /// Whether indicator `code` is a leaf, and its weight; `None` when the
    /// table has no such indicator.
    fn indicator(&self, code: &str) -> Option<(bool, Decimal)>;
}

impl IndicatorTable for Workbook {
    fn indicator(&self, code: &str) -> Option<(bool, Decimal)> {
        self.table
            .flatten()
            .iter()
            .find(|(_, i)| i.code == code)
            .map(|(_, i)| (i.is_leaf(), i.weight))
    }
}

/// The weight of leaf `code`, or why it cannot carry a score.
fn leaf_weight(workbook: &impl IndicatorTable, code: &str) -> Result<Decimal, Bilingual> {
    let Some((leaf, weight)) = workbook.indicator(code) else {
        return Err(unknown_code(code));
    };
    if !leaf {
        return Err(Bilingual::new(
            format!("{code} 为汇总指标，得分由下级指标合计，请对下级指标评分"),
            format!("{code} is a subtotal; score its sub-indicators instead"),
        ));
    }
    Ok(weight)
}

/// The total with the reviewer's scores in place of the computed ones,
/// rescaled the way the engine rescales (not-applicable weight taken out).
#[must_use]
pub fn review_total(derived: &Derived, review: &WorkbookReview) -> Decimal {
    let scores = &derived.scores;
    let lines = scores.indicators.iter().map(|r| ScoreLine {
        code: &r.code,
        basis: r.basis,
        counted: !r.counted_weight.is_zero(),
        weight: r.weight,
        score: r.score,
    });
    review_total_of(
        lines,
        scores.raw_total,
        scores.max_total,
        scores.removed_weight,
        review,
    )
}

/// One indicator's computed score, as `review_total_of` reads it.
#[derive(Debug, Clone, Copy)]
pub struct ScoreLine<'a> {
    pub code: &'a str,
    pub basis: ScoreBasis,
    /// The weight still counts (not taken out as not applicable).
    pub counted: bool,
    pub weight: Decimal,
    /// Unrounded.
    pub score: Decimal,
}

/// `review_total` over any score sheet: the lines, the raw (leaf) total,
/// the maximum and the weight taken out.
pub fn review_total_of<'a>(
    lines: impl Iterator<Item = ScoreLine<'a>>,
    raw_total: Decimal,
    max_total: Decimal,
    removed_weight: Decimal,
    review: &WorkbookReview,
) -> Decimal {
    let mut raw = raw_total;
    for line in lines {
        if line.basis == ScoreBasis::Subtotal || !line.counted {
            continue;
        }
        if let Some(score) = review.indicators.get(line.code).and_then(|r| r.score) {
            raw += score.max(Decimal::ZERO).min(line.weight) - line.score;
        }
    }
    let remaining = max_total - removed_weight;
    if removed_weight.is_zero() {
        raw
    } else if remaining > Decimal::ZERO {
        raw.checked_mul(max_total)
            .and_then(|v| v.checked_div(remaining))
            .unwrap_or(Decimal::ZERO)
    } else {
        Decimal::ZERO
    }
}

/// One folder's review file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewFile {
    pub format: String,
    pub version: u32,
    /// Who reviewed, when the reviewer chose to say.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    /// The bureau that signs the letters and the 汇总表.
    #[serde(default, skip_serializing_if = "Bureau::is_empty")]
    pub bureau: Bureau,
    /// By workbook file name (no folder).
    #[serde(default)]
    pub workbooks: BTreeMap<String, WorkbookReview>,
}

impl Default for ReviewFile {
    fn default() -> Self {
        Self {
            format: REVIEW_FORMAT.to_owned(),
            version: REVIEW_VERSION,
            reviewer: String::new(),
            bureau: Bureau::default(),
            workbooks: BTreeMap::new(),
        }
    }
}

impl ReviewFile {
    /// Pretty JSON with a trailing newline; empty reviews are left out.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut kept = self.clone();
        kept.workbooks.retain(|_, r| !r.is_empty());
        let mut text = serde_json::to_string_pretty(&kept).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Parses a review file's text.
    ///
    /// # Errors
    /// Names the file, line and column, or says it is not a review file or too new.
    pub fn parse(text: &str, file: &str) -> Result<Self, Bilingual> {
        // A key twice (two entries for one workbook or indicator) is refused
        // with its line and column, not read as the last one silently.
        serde_json::from_str::<UniqueKeys>(text).map_err(|e| syntax(file, &e))?;
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax(file, &e))?;
        match value.get("format").and_then(serde_json::Value::as_str) {
            Some(REVIEW_FORMAT) => {}
            _ => {
                return Err(Bilingual::new(
                    format!("{file}：不是 jixiao 审核文件（缺少 \"format\": \"{REVIEW_FORMAT}\"）"),
                    format!(
                        "{file}: not a jixiao review file (no \"format\": \"{REVIEW_FORMAT}\")"
                    ),
                ));
            }
        }
        if let Some(v) = value.get("version").and_then(serde_json::Value::as_u64)
            && v > u64::from(REVIEW_VERSION)
        {
            return Err(Bilingual::new(
                format!(
                    "{file}：由较新版本的 jixiao 写入（审核文件版本 {v}，本程序最高支持 {REVIEW_VERSION}）"
                ),
                format!(
                    "{file}: written by a newer jixiao (review file version {v}; this build reads up to {REVIEW_VERSION})"
                ),
            ));
        }
        serde_json::from_str(text).map_err(|e| syntax(file, &e))
    }
}

/// Any JSON whose objects hold each key once (checked while reading, so the
/// error carries the duplicate's line and column).
struct UniqueKeys;

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueKeysVisitor)
    }
}

struct UniqueKeysVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueKeysVisitor {
    type Value = UniqueKeys;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key \"{key}\"")));
            }
            map.next_value::<UniqueKeys>()?;
            seen.insert(key);
        }
        Ok(UniqueKeys)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueKeys, A::Error> {
        while seq.next_element::<UniqueKeys>()?.is_some() {}
        Ok(UniqueKeys)
    }

    fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
}

fn syntax(file: &str, e: &serde_json::Error) -> Bilingual {
    let (line, column) = (e.line(), e.column());
    let what = e.to_string();
    let what = what.split(" at line").next().unwrap_or_default();
    Bilingual::new(
        format!("{file}：第 {line} 行第 {column} 列有误：{what}"),
        format!("{file}: line {line}, column {column}: {what}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;
    use rust_decimal_macros::dec;

    #[test]
    fn scores_are_checked_against_the_weight() {
        let wb = sample_workbook();
        let mut r = WorkbookReview::default();
        assert_eq!(r.set_score(&wb, "A1", "4.5"), Ok(Some(dec!(4.5))));
        assert_eq!(r.set_score(&wb, "D3", "３"), Ok(Some(dec!(3))));
        let too_high = r.set_score(&wb, "A1", "5.5").expect_err("above weight");
        assert!(too_high.zh.contains("不能超过 5"), "{}", too_high.zh);
        assert!(r.set_score(&wb, "A1", "-1").is_err());
        assert!(r.set_score(&wb, "A1", "4.555").is_err());
        let subtotal = r.set_score(&wb, "A", "20").expect_err("subtotal");
        assert!(subtotal.en.contains("subtotal"));
        assert!(r.set_score(&wb, "Z9", "1").is_err());
        assert_eq!(r.indicators["A1"].score, Some(dec!(4.5)));
        assert_eq!(r.set_score(&wb, "A1", " "), Ok(None));
        assert!(
            !r.indicators.contains_key("A1"),
            "cleared entries are pruned"
        );
    }

    #[test]
    fn review_total_replaces_computed_scores() {
        let wb = sample_workbook();
        let d = derive(&wb);
        let mut r = WorkbookReview::default();
        assert_eq!(review_total(&d, &r), d.scores.total);
        r.set_score(&wb, "A1", "3").expect("ok");
        r.set_score(&wb, "D3", "5").expect("ok");
        // 94 − 2 (A1: 5 → 3) + 1 (D3: 4 → 5).
        assert_eq!(review_total(&d, &r), dec!(93));
    }

    #[test]
    fn file_round_trips_and_refuses_strangers() {
        let wb = sample_workbook();
        let mut file = ReviewFile::default();
        let mut r = WorkbookReview {
            status: ReviewStatus::Returned,
            comment: "请补充佐证材料".into(),
            ..WorkbookReview::default()
        };
        r.touch("abc", &wb);
        r.set_score(&wb, "B2.5", "4.25").expect("ok");
        r.set_indicator_note(&wb, "B2.5", IndicatorNote::Comment, "采购数据未填")
            .expect("ok");
        file.workbooks.insert("a.json".into(), r);
        file.workbooks
            .insert("empty.json".into(), WorkbookReview::default());
        let text = file.to_json();
        let back = ReviewFile::parse(&text, "r.json").expect("parse");
        assert_eq!(back.workbooks.len(), 1, "empty reviews are not written");
        assert_eq!(back.workbooks["a.json"], file.workbooks["a.json"]);
        assert!(text.contains("\"score\": \"4.25\""), "{text}");
        assert!(text.contains("\"status\": \"returned\""));
        assert!(ReviewFile::parse("{\"format\":\"jixiao-workbook\"}", "x").is_err());
        let newer = ReviewFile::parse("{\"format\":\"jixiao-review\",\"version\":9}", "x")
            .expect_err("newer");
        assert!(newer.zh.contains("较新版本"));
        let broken = ReviewFile::parse("{\n\"format\": \"jixiao-review\",\n oops", "r.json")
            .expect_err("syntax");
        assert!(broken.en.starts_with("r.json: line 3"), "{}", broken.en);
    }

    #[test]
    fn status_cycles_and_stale_is_noticed() {
        assert_eq!(ReviewStatus::Returned.next(), ReviewStatus::Unreviewed);
        assert_eq!(ReviewStatus::Unreviewed.next(), ReviewStatus::InReview);
        let r = WorkbookReview {
            sha256: "aa".into(),
            ..WorkbookReview::default()
        };
        assert!(r.is_stale(Some("bb")));
        assert!(!r.is_stale(Some("aa")));
        assert!(!WorkbookReview::default().is_stale(Some("bb")));
    }
}
