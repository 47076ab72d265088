//! The report's narrative sections: every part of the report (一 to 四) the
//! officer writes, in the report's order, each one multi-line free text. The
//! report-text pane, the reader and the comparison read this list.

use super::Narrative;
use crate::core::Tr;
use crate::core::text_slots::text_slots;

/// A narrative section of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Section {
    Functions,
    AnnualWork,
    PerformanceGoals,
    TeamDuties,
    Process,
    Submission,
    Problems,
    Improvements,
    Other,
}

impl Section {
    /// In the order the report prints them.
    pub const ALL: [Self; 9] = [
        Self::Functions,
        Self::AnnualWork,
        Self::PerformanceGoals,
        Self::TeamDuties,
        Self::Process,
        Self::Submission,
        Self::Problems,
        Self::Improvements,
        Self::Other,
    ];

    /// The section's heading, with the report chapter it belongs to.
    #[must_use]
    pub fn title(self) -> Tr {
        match self {
            Self::Functions => Tr("一、部门职能", "1. Functions of the department"),
            Self::AnnualWork => Tr("一、年度主要工作", "1. Main work of the year"),
            Self::PerformanceGoals => Tr("一、绩效目标", "1. Performance goals"),
            Self::TeamDuties => Tr("二、工作组分工", "2. Duties of the team"),
            Self::Process => Tr("二、评价过程", "2. How the evaluation was done"),
            Self::Submission => Tr("二、报送与公开", "2. Submission and disclosure"),
            Self::Problems => Tr("三、存在问题", "3. Problems found"),
            Self::Improvements => Tr("四、改进措施", "4. Improvements"),
            Self::Other => Tr("四、其他需说明的事项", "4. Other matters"),
        }
    }

    text_slots! { Narrative:
        Functions => functions,
        AnnualWork => annual_work,
        PerformanceGoals => performance_goals,
        TeamDuties => team_duties,
        Process => process,
        Submission => submission,
        Problems => problems,
        Improvements => improvements,
        Other => other,
    }

    /// Stores the text exactly as typed (only trailing blank lines go).
    pub fn set(self, narrative: &mut Narrative, text: &str) {
        let slot = self.slot(narrative);
        text.trim_end_matches(['\n', '\r']).clone_into(slot);
    }

    #[must_use]
    pub fn at(index: usize) -> Option<Self> {
        Self::ALL.get(index).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_reads_back_what_was_set() {
        let mut narrative = Narrative::default();
        for (i, section) in Section::ALL.iter().enumerate() {
            section.set(&mut narrative, &format!("第{i}段\n第二行\n\n"));
        }
        for (i, section) in Section::ALL.iter().enumerate() {
            assert_eq!(section.get(&narrative), format!("第{i}段\n第二行"));
        }
    }
}
