//! What the report prints (报告所写): the self score, the grade and the
//! printed rates, compared by the checks with what jixiao computes. Empty in
//! a new workbook; one action fills them from the computed values.

use rust_decimal::Decimal;

use crate::core::Bilingual;
use crate::core::engine::{Derived, MetricId};
use crate::core::model::Workbook;
use crate::core::num::{NumberRules, parse_number};
use crate::i18n::Tr;

/// One printed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Printed {
    Total,
    Grade,
    Rate(MetricId),
}

pub const HEADING: Tr = Tr(
    "报告所写数字（P 按计算值填写）",
    "Printed figures (P fills them)",
);
pub const TOTAL: Tr = Tr("报告自评得分", "Printed self score");
pub const GRADE: Tr = Tr("报告自评等级", "Printed grade");

const RULES: NumberRules = NumberRules {
    max_places: 2,
    allow_negative: true,
    max: None,
};

/// Every printed figure: total, grade, then each rate.
#[must_use]
pub fn all() -> Vec<Printed> {
    let rates = MetricId::ALL
        .iter()
        .filter(|m| m.is_percent())
        .map(|&m| Printed::Rate(m));
    [Printed::Total, Printed::Grade]
        .into_iter()
        .chain(rates)
        .collect()
}

/// The figure as stored, as text ("" when the report prints nothing).
#[must_use]
pub fn get(wb: &Workbook, printed: Printed) -> String {
    let r = &wb.reported;
    match printed {
        Printed::Total => r.total_score.map(|d| d.to_string()).unwrap_or_default(),
        Printed::Grade => r.grade.clone().unwrap_or_default(),
        Printed::Rate(m) => r
            .rates
            .get(&m)
            .map(std::string::ToString::to_string)
            .unwrap_or_default(),
    }
}

/// Stores typed text; empty text means the report prints nothing there.
///
/// # Errors
/// The text is not a number (for the score and the rates).
pub fn set(wb: &mut Workbook, printed: Printed, text: &str) -> Result<(), Bilingual> {
    let text = text.trim();
    let number = || -> Result<Option<Decimal>, Bilingual> {
        if text.is_empty() {
            return Ok(None);
        }
        parse_number(text.trim_end_matches(['%', '％']), RULES)
            .map(Some)
            .map_err(|e| Bilingual::new(e.zh(), e.en()))
    };
    let r = &mut wb.reported;
    match printed {
        Printed::Total => r.total_score = number()?,
        Printed::Grade => r.grade = (!text.is_empty()).then(|| text.to_owned()),
        Printed::Rate(m) => match number()? {
            Some(v) => {
                r.rates.insert(m, v);
            }
            None => {
                r.rates.remove(&m);
            }
        },
    }
    Ok(())
}

/// Fills every printed figure from the computed ones. A rate that cannot be
/// computed keeps what the report prints (rules may score on it), and the
/// score and grade are those of the workbook with the filled rates.
pub fn fill_from_computed(wb: &mut Workbook, derived: &Derived) {
    for &m in MetricId::ALL.iter().filter(|m| m.is_percent()) {
        if let Some(v) = derived.metric(m).and_then(|x| x.display) {
            wb.reported.rates.insert(m, v);
        }
    }
    let after = crate::core::engine::derive(wb);
    wb.reported.total_score = Some(after.total_display());
    wb.reported.grade = Some(after.grade.label_zh().to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::{WarningCode, derive};
    use crate::core::newbook::blank_workbook;
    use crate::core::sample::sample_workbook;
    use crate::core::templates::Template;

    #[test]
    fn a_new_workbook_prints_nothing_and_filling_clears_the_printed_warnings() {
        let blank = blank_workbook("某单位", 2024, Template::Seed.table());
        assert!(all().iter().all(|&p| get(&blank, p).is_empty()));
        let mut wb = sample_workbook();
        let differs = |wb: &Workbook| {
            derive(wb)
                .warnings
                .iter()
                .filter(|w| w.code == WarningCode::ReportedDiffers)
                .count()
        };
        assert_eq!(differs(&wb), 0, "the sample prints what it computes");
        set(&mut wb, Printed::Total, "90").expect("typed");
        set(
            &mut wb,
            Printed::Rate(MetricId::AppropriationIncomeVarianceRate),
            "5",
        )
        .expect("rate");
        assert_eq!(differs(&wb), 2);
        let derived = derive(&wb);
        fill_from_computed(&mut wb, &derived);
        let left: Vec<String> = derive(&wb)
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::ReportedDiffers)
            .map(|w| w.message.zh.clone())
            .collect();
        assert!(left.is_empty(), "{left:?}");
        set(&mut wb, Printed::Total, "").expect("clear");
        assert_eq!(wb.reported.total_score, None);
        set(
            &mut wb,
            Printed::Rate(MetricId::AppropriationIncomeVarianceRate),
            "19.58%",
        )
        .expect("rate");
        assert!(set(&mut wb, Printed::Total, "九十").is_err());
    }
}
