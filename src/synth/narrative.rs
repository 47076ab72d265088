//! Sections, evaluation team and report text for a generated unit.

use super::rng::Rng;
use super::units::UnitKind;
use crate::core::model::{Narrative, TeamMember};

const SURNAMES: &[&str] = &[
    "陈", "李", "黄", "张", "梁", "林", "吴", "王", "刘", "莫", "庞", "冯", "杨", "何", "邓", "谢",
    "许", "钟", "蔡", "洪",
];

const GIVEN: &[&str] = &[
    "志强", "丽红", "海燕", "建华", "晓敏", "伟明", "秀琼", "国栋", "婷婷", "家豪", "少雄", "美玲",
    "俊杰", "惠珍", "文辉", "雪梅", "振宇", "春兰", "东蕾", "小萍",
];

const PROBLEMS: &[&str] = &[
    "对部门整体支出绩效管理认识不够到位，预决算绩效管理观念有待进一步增强。",
    "部分项目绩效目标设置不够细化、量化，绩效指标与工作任务的关联性不强。",
    "预算执行进度前慢后快，年中支出进度未达到序时进度要求。",
    "资产管理基础工作较薄弱，固定资产台账更新不够及时。",
    "政府采购计划编制不够精准，部分采购项目未按计划实施。",
];

const IMPROVEMENTS: &[&str] = &[
    "进一步完善绩效评价工作制度，规范绩效管理流程，使其制度化、标准化。",
    "细化预算编制，加强预算执行监控，按序时进度推进支出。",
    "加强资产管理，定期盘点，确保账实相符。",
    "提高财务人员业务水平，完善报账程序，提高资金使用效率。",
    "强化绩效目标管理，做到绩效目标可衡量、可考核。",
];

/// The internal sections of a unit of `kind`.
#[must_use]
pub fn sections(rng: &mut Rng, kind: UnitKind, seed: &[String]) -> Vec<String> {
    let pool: &[&str] = match kind {
        UnitKind::Office => return seed.to_vec(),
        UnitKind::Department => &[
            "办公室",
            "财务股",
            "政策法规股",
            "业务一股",
            "业务二股",
            "监督检查股",
            "人事股",
        ],
        UnitKind::Street => &[
            "党政综合办公室",
            "党建工作办公室",
            "社会事务办公室",
            "平安建设办公室",
            "经济发展办公室",
            "城市管理办公室",
            "综合行政执法队",
        ],
        UnitKind::Institution => &["办公室", "业务部", "财务室", "综合部"],
        UnitKind::School => &["校长室", "教务处", "德育处", "总务处", "安全办"],
    };
    let keep = rng.range(3, i64::try_from(pool.len()).unwrap_or(3));
    pool.iter()
        .take(usize::try_from(keep).unwrap_or(3))
        .map(|s| (*s).to_owned())
        .collect()
}

fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

/// The report text for `unit` in `year`.
#[must_use]
pub fn narrative(rng: &mut Rng, unit: &str, kind: UnitKind, year: u16) -> Narrative {
    let duty = match kind {
        UnitKind::Office | UnitKind::Department => {
            "负责本部门职能范围内的政策落实、行政管理和公共服务工作"
        }
        UnitKind::Street => "负责辖区党的建设、社区治理、民生服务、平安建设和城市管理工作",
        UnitKind::Institution => "承担主管部门交办的公益服务和业务保障工作",
        UnitKind::School => "承担义务教育阶段（或学前）教育教学、德育和校园安全工作",
    };
    let leader = person(rng);
    let deputy = person(rng);
    let contact = person(rng);
    let mut team = vec![
        TeamMember {
            name: leader,
            post: "主要负责人".to_owned(),
            role: "组长".to_owned(),
        },
        TeamMember {
            name: deputy,
            post: "分管财务负责人".to_owned(),
            role: "副组长".to_owned(),
        },
    ];
    for _ in 0..rng.range(1, 3) {
        team.push(TeamMember {
            name: person(rng),
            post: "各股室负责人".to_owned(),
            role: "成员".to_owned(),
        });
    }
    team.push(TeamMember {
        name: contact.clone(),
        post: "财务人员".to_owned(),
        role: "成员、联络人".to_owned(),
    });
    let problems = (0..rng.range(1, 2))
        .map(|_| (*rng.pick(PROBLEMS)).to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    let improvements = (0..rng.range(2, 3))
        .enumerate()
        .map(|(i, _)| format!("（{}）{}", i + 1, rng.pick(IMPROVEMENTS)))
        .collect::<Vec<_>>()
        .join("\n");
    Narrative {
        functions: format!("{unit}{duty}。"),
        annual_work: format!(
            "{year}年，{unit}围绕年度工作计划，统筹推进各项重点工作，完成年度目标任务。"
        ),
        performance_goals: format!(
            "保障{unit}正常运转，按时完成{year}年度重点工作任务，提高财政资金使用效益。"
        ),
        team,
        team_duties: format!(
            "自评工作领导小组办公室设在财务室，联络人为{contact}同志，负责组织开展整体支出绩效自评工作，按时报送自评材料。"
        ),
        process: format!(
            "1.准备工作。成立自评工作领导小组，部署自评工作。\n2.组织实施。填写整体绩效自评基础数据表和指标评分表，核实{year}年度预算执行情况。\n3.分析评价。对{year}年度整体支出情况逐项评分，形成自评报告并报送区财政局。"
        ),
        submission: format!(
            "{year}年度我单位真实、客观填报整体绩效基础数据表、整体绩效自评指标评分表，并对报送材料的真实性、完整性负责。"
        ),
        problems,
        improvements,
        other: "无。".to_owned(),
    }
}
