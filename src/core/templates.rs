//! Built-in scoring-table templates to start a workbook from. Each is a
//! `jixiao-table` file under `assets/tables/`, labelled with its source and
//! `verified: false` until the bureau's own table replaces it.

use serde::Deserialize;

use super::model::ScoringTable;

/// A scoring table built into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// The tree rebuilt from the seed report (Guangdong district style), placeholder weights.
    Seed,
    /// The national common framework 财预〔2013〕53号 附件2 with published weights where known.
    National,
}

impl Template {
    pub const ALL: [Self; 2] = [Self::Seed, Self::National];
    /// What `jixiao new` uses when no `--table` is given.
    pub const DEFAULT: Self = Self::Seed;

    /// The name accepted by `--table`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Seed => "seed",
            Self::National => "national",
        }
    }

    /// The template for a `--table` value, if it names one.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }

    fn json(self) -> &'static str {
        match self {
            Self::Seed => include_str!("../../assets/tables/seed.json"),
            Self::National => include_str!("../../assets/tables/national.json"),
        }
    }

    /// The template's table, with no entries.
    ///
    /// # Panics
    /// Never in a tested build: `tests::every_template_loads` parses each one.
    #[must_use]
    #[allow(clippy::expect_used)]
    pub fn table(self) -> ScoringTable {
        #[derive(Deserialize)]
        struct TableFile {
            table: ScoringTable,
        }
        serde_json::from_str::<TableFile>(self.json())
            .expect("built-in table templates are valid table files")
            .table
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::core::model::{Indicator, IndicatorEntry};

    fn check_sums(node: &Indicator) {
        if node.is_leaf() {
            assert!(
                node.rule.is_some(),
                "{} is a leaf without a rule",
                node.code
            );
            assert_eq!(
                node.entry,
                IndicatorEntry::default(),
                "{} has an entry",
                node.code
            );
            return;
        }
        let children: Decimal = node.children.iter().map(|c| c.weight).sum();
        assert_eq!(
            children, node.weight,
            "{}: children do not add up",
            node.code
        );
        node.children.iter().for_each(check_sums);
    }

    #[test]
    fn every_template_loads_unverified_with_a_source_and_weights_summing_to_100() {
        for template in Template::ALL {
            let table = template.table();
            assert!(!table.verified, "{}", template.key());
            assert!(!table.source.is_empty(), "{}", template.key());
            assert!(!table.note.is_empty(), "{}", template.key());
            let total: Decimal = table.indicators.iter().map(|i| i.weight).sum();
            assert_eq!(total, Decimal::ONE_HUNDRED, "{}", template.key());
            table.indicators.iter().for_each(check_sums);
        }
    }

    #[test]
    fn national_template_cites_the_framework_and_a_published_table() {
        let table = Template::National.table();
        assert!(table.name.contains("财预〔2013〕53号"));
        assert!(table.source.contains("财预〔2013〕53号"));
        assert!(table.source.contains("https://"));
        let tops: Vec<&str> = table.indicators.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(tops, ["投入", "过程", "产出", "效果"]);
    }

    #[test]
    fn seed_template_has_the_seed_tree() {
        let seed = Template::Seed.table();
        let sample = crate::core::sample::sample_workbook().table;
        let codes = |t: &ScoringTable| -> Vec<String> {
            t.flatten().iter().map(|(_, i)| i.code.clone()).collect()
        };
        assert_eq!(codes(&seed), codes(&sample));
    }

    #[test]
    fn keys_round_trip() {
        for template in Template::ALL {
            assert_eq!(Template::from_key(template.key()), Some(template));
        }
        assert_eq!(Template::from_key("nope"), None);
    }
}
