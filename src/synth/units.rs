//! Plausible budget units of 湛江市霞山区: departments, 街道办事处, their
//! service centres, institutions and schools. About 250 names, so 1,000
//! generated files over four years need not repeat a unit and year.

use crate::text::chinese_number;

/// What kind of unit, which decides its size, sections and workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// 区委办、区政府办 and similar offices (the seed's kind).
    Office,
    /// A 局, 委员会 or mass organisation.
    Department,
    /// A 街道办事处.
    Street,
    /// A public institution (事业单位) or service centre.
    Institution,
    /// A school or kindergarten.
    School,
}

/// A unit with its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitProfile {
    pub name: String,
    pub kind: UnitKind,
    /// The supervising department, for institutions and schools.
    pub supervisor: String,
}

const PREFIX: &str = "湛江市霞山区";

const OFFICES: &[&str] = &[
    "中共湛江市霞山区委办公室",
    "湛江市霞山区人民政府办公室",
    "湛江市霞山区人大常委会办公室",
    "中国人民政治协商会议湛江市霞山区委员会办公室",
    "中共湛江市霞山区纪律检查委员会",
    "中共湛江市霞山区委组织部",
    "中共湛江市霞山区委宣传部",
    "中共湛江市霞山区委统一战线工作部",
    "中共湛江市霞山区委政法委员会",
    "中共湛江市霞山区委机构编制委员会办公室",
    "中共湛江市霞山区委党校",
];

const DEPARTMENTS: &[&str] = &[
    "发展和改革局",
    "教育局",
    "科学技术和工业信息化局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "水务局",
    "商务局",
    "文化广电旅游体育局",
    "卫生健康局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "统计局",
    "医疗保障局",
    "信访局",
    "城市管理和综合执法局",
    "政务服务数据管理局",
    "机关事务管理局",
    "总工会",
    "妇女联合会",
    "残疾人联合会",
    "工商业联合会",
    "科学技术协会",
    "红十字会",
];

const DEPARTMENTS_CITY_BRANCH: &[&str] = &[
    "湛江市公安局霞山分局",
    "湛江市自然资源局霞山分局",
    "湛江市生态环境局霞山分局",
    "湛江市市场监督管理局霞山分局",
    "共青团湛江市霞山区委员会",
];

const STREETS: &[&str] = &[
    "解放", "爱国", "工农", "友谊", "新兴", "海滨", "建设", "东新", "新园", "海头", "乐华", "泉庄",
];

const STREET_CENTRES: &[&str] = &["综合服务中心", "退役军人服务站", "社区卫生服务中心"];

const INSTITUTIONS: &[(&str, &str)] = &[
    ("财政局", "财政国库支付中心"),
    ("财政局", "财政投资评审中心"),
    ("教育局", "教师发展中心"),
    ("教育局", "学生资助管理中心"),
    ("卫生健康局", "疾病预防控制中心"),
    ("卫生健康局", "妇幼保健院"),
    ("卫生健康局", "人民医院"),
    ("民政局", "社会福利院"),
    ("民政局", "殡仪服务中心"),
    ("人力资源和社会保障局", "公共就业服务中心"),
    ("人力资源和社会保障局", "劳动人事争议仲裁院"),
    ("住房和城乡建设局", "建设工程质量安全监督站"),
    ("城市管理和综合执法局", "环境卫生管理所"),
    ("城市管理和综合执法局", "园林绿化管理所"),
    ("文化广电旅游体育局", "文化馆"),
    ("文化广电旅游体育局", "图书馆"),
    ("文化广电旅游体育局", "博物馆"),
    ("农业农村局", "农业技术推广中心"),
    ("水务局", "水利工程管理所"),
    ("应急管理局", "应急救援指挥中心"),
    ("政务服务数据管理局", "政务服务中心"),
    ("中共湛江市霞山区委宣传部", "融媒体中心"),
    ("中共湛江市霞山区委办公室", "档案馆"),
    ("退役军人事务局", "退役军人服务中心"),
    ("医疗保障局", "医疗保障事业管理中心"),
];

/// Every unit of the pool, in a fixed order.
#[must_use]
pub fn unit_pool() -> Vec<UnitProfile> {
    let mut pool = Vec::with_capacity(260);
    let plain = |name: String, kind| UnitProfile {
        name,
        kind,
        supervisor: String::new(),
    };
    for name in OFFICES {
        pool.push(plain((*name).to_owned(), UnitKind::Office));
    }
    for name in DEPARTMENTS {
        pool.push(plain(format!("{PREFIX}{name}"), UnitKind::Department));
    }
    for name in DEPARTMENTS_CITY_BRANCH {
        pool.push(plain((*name).to_owned(), UnitKind::Department));
    }
    for street in STREETS {
        pool.push(plain(
            format!("{PREFIX}{street}街道办事处"),
            UnitKind::Street,
        ));
    }
    for street in STREETS {
        for centre in STREET_CENTRES {
            pool.push(UnitProfile {
                name: format!("{PREFIX}{street}街道{centre}"),
                kind: UnitKind::Institution,
                supervisor: format!("{PREFIX}{street}街道办事处"),
            });
        }
    }
    for (parent, name) in INSTITUTIONS {
        let supervisor = if parent.starts_with("中共") {
            (*parent).to_owned()
        } else {
            format!("{PREFIX}{parent}")
        };
        pool.push(UnitProfile {
            name: format!("{PREFIX}{name}"),
            kind: UnitKind::Institution,
            supervisor,
        });
    }
    let education = format!("{PREFIX}教育局");
    let schools = (1..=80)
        .map(|n| format!("湛江市第{}小学", chinese_number(n)))
        .chain((1..=30).map(|n| format!("湛江市霞山区第{}中学", chinese_number(n))))
        .chain((1..=25).map(|n| format!("湛江市霞山区第{}幼儿园", chinese_number(n))));
    for name in schools {
        pool.push(UnitProfile {
            name,
            kind: UnitKind::School,
            supervisor: education.clone(),
        });
    }
    pool
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_is_large_and_unique() {
        let pool = unit_pool();
        assert!(pool.len() >= 250, "{}", pool.len());
        let mut names: Vec<_> = pool.iter().map(|u| u.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), pool.len());
        assert!(names.contains(&"湛江市霞山区解放街道办事处"));
    }
}
