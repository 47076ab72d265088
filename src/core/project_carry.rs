//! Last year's project forms for a new year: recurring projects keep their
//! identity, scoring table and grid (direction, unit, weight, and the
//! targets, for the officer to confirm); the year's money, actuals, scores,
//! reasons and conclusions start empty.

use super::model::{FundRow, ProjectForm, ProjectIndicator};

/// The forms carried to next year, and the JSON paths each cleared.
#[must_use]
pub fn carry_projects(last: &[ProjectForm]) -> (Vec<ProjectForm>, Vec<String>) {
    let mut cleared = Vec::new();
    let carried = last
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.illustrative)
        .map(|(i, p)| {
            let held = |what: &str, empty: bool| (!empty).then(|| format!("projects[{i}].{what}"));
            cleared.extend(
                [
                    held(
                        "funds",
                        p.funds.iter().all(|r| *r == FundRow::empty(r.source)),
                    ),
                    held("printed_rate", p.printed_rate.is_none()),
                    held(
                        "printed_execution_score",
                        p.printed_execution_score.is_none(),
                    ),
                    held("printed_total", p.printed_total.is_none()),
                    held("execution_reason", p.execution_reason.is_empty()),
                    held("goal_achieved", p.goal_achieved.is_empty()),
                    held(
                        "indicators[].actual",
                        p.indicators.iter().all(|x| x.actual.is_empty()),
                    ),
                    held(
                        "indicators[].officer_score",
                        p.indicators.iter().all(|x| x.officer_score.is_none()),
                    ),
                    held(
                        "indicators[].reason",
                        p.indicators.iter().all(|x| x.reason.is_empty()),
                    ),
                    held("conclusion", p.conclusion.is_empty()),
                    held("problems", p.problems.is_empty()),
                    held("improvements", p.improvements.is_empty()),
                ]
                .into_iter()
                .flatten(),
            );
            ProjectForm {
                funds: p.funds.iter().map(|r| FundRow::empty(r.source)).collect(),
                printed_rate: None,
                printed_execution_score: None,
                printed_total: None,
                execution_reason: String::new(),
                goal_achieved: String::new(),
                indicators: p.indicators.iter().map(carry_indicator).collect(),
                conclusion: String::new(),
                problems: String::new(),
                improvements: String::new(),
                ..p.clone()
            }
        })
        .collect();
    (carried, cleared)
}

fn carry_indicator(last: &ProjectIndicator) -> ProjectIndicator {
    ProjectIndicator {
        actual: String::new(),
        officer_score: None,
        reason: String::new(),
        achievement: None,
        ..last.clone()
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::core::model::{FormLayout, FundSource};

    #[test]
    fn identity_grid_and_targets_stay_the_year_goes() {
        let mut p = ProjectForm::new("农村公路养护", FormLayout::National);
        p.code = "44080321R000000000123".to_owned();
        p.key = true;
        p.goal = "养护50公里".to_owned();
        p.goal_achieved = "养护45公里".to_owned();
        p.fund_mut(FundSource::Total).executed = Some(Decimal::from(193));
        p.indicators.push(ProjectIndicator {
            level1: "产出指标".to_owned(),
            name: "养护里程".to_owned(),
            target: "≥50公里".to_owned(),
            actual: "45公里".to_owned(),
            unit: "公里".to_owned(),
            weight: Decimal::from(30),
            officer_score: Some(Decimal::from(27)),
            reason: "资金拨付滞后".to_owned(),
            ..ProjectIndicator::default()
        });
        let mut sample = ProjectForm::new("示例", FormLayout::National);
        sample.illustrative = true;
        let (carried, cleared) = carry_projects(&[p, sample]);
        assert_eq!(
            carried.len(),
            1,
            "the sample's illustrative project stays behind"
        );
        let c = &carried[0];
        assert_eq!(
            (c.name.as_str(), c.code.as_str(), c.key),
            ("农村公路养护", "44080321R000000000123", true)
        );
        assert_eq!(c.goal, "养护50公里");
        assert!(c.goal_achieved.is_empty());
        assert_eq!(c.fund(FundSource::Total).and_then(|r| r.executed), None);
        let ind = &c.indicators[0];
        assert_eq!(
            (ind.target.as_str(), ind.unit.as_str(), ind.weight),
            ("≥50公里", "公里", Decimal::from(30))
        );
        assert!(ind.actual.is_empty() && ind.officer_score.is_none() && ind.reason.is_empty());
        assert!(
            cleared.contains(&"projects[0].indicators[].actual".to_owned()),
            "{cleared:?}"
        );
        assert!(
            cleared.contains(&"projects[0].funds".to_owned()),
            "{cleared:?}"
        );
    }
}
