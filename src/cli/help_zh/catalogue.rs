//! The Chinese help texts (中文帮助文本), one entry per command of
//! [`crate::cli::args::Cli`]. Terms as in the notice and docs/guide.zh.md:
//! 问卷, 扶持项, 政策包, 条款, 参考标准, 成熟度, 申报表, 筛查.

use super::{ArgZh, CmdZh};

const POLICY_ARG: ArgZh = ArgZh {
    id: "policy",
    help: "政策包文件，可重复（默认：内置的 2016 年鲤城区政策包）",
    long: "政策包文件，可重复（默认：内置的 2016 年鲤城区政策包）。\n\n\
政策包在加载时校验；`zhizao policy check 文件` 可列出一个政策包的全部问题（编写方法见 docs/policy-authoring.md）。\
给出多个政策包（如市级和区级通知）时一并评估：各自的有效期、出资方和上限各自适用，合计按出资方相加。\
示例：`--policy my-pack.yaml`。",
    values: &[],
};

const CRITERIA_ARG: ArgZh = ArgZh {
    id: "criteria",
    help: "参考标准包文件（参考标准和成熟度模型），代替内置的参考标准包",
    long: "参考标准包文件（参考标准和成熟度模型），代替内置的参考标准包。\n\n\
数字化车间、智能工厂参考标准和成熟度等级，写法同 criteria/licheng-2016.yaml。\
示例：`--criteria my-criteria.yaml`。",
    values: &[],
};

const TARGETS_ARG: ArgZh = ArgZh {
    id: "targets",
    help: "区级目标文件，代替内置的目标",
    long: "区级目标文件，代替内置的目标。\n\n\
筛查看板和报告对照的目标，写法同 policies/licheng-2016-targets.yaml。示例：`--targets targets-2017.yaml`。",
    values: &[],
};

const LEVELS_ARG: ArgZh = ArgZh {
    id: "levels",
    help: "等级评测包文件（评测表或梯度），代替内置的等级评测包，可重复",
    long: "等级评测包文件（评测表或梯度），代替内置的等级评测包，可重复。\n\n\
2024 年版中小企业数字化水平评测、智能工厂梯度培育等级，写法同 levels/*.yaml（见 docs/levels.md）。\
每个包只用于其适用的数据年度。示例：`--levels my-sheet.yaml`。",
    values: &[],
};

const REFERENCES_ARG: ArgZh = ArgZh {
    id: "references",
    help: "参考数据文件（同行对比），代替内置的参考数据",
    long: "参考数据文件（同行对比），代替内置的参考数据。\n\n\
各项指标对比的参考数值，写法同 benchmarks/reference.yaml。示例：`--references peers.yaml`。",
    values: &[],
};

const FORMAT_VALUES: &[(&str, &str)] = &[
    ("terminal", "终端表格，供人阅读"),
    (
        "json",
        "一个 JSON 对象，供程序读取（见 docs/json-output.md）",
    ),
    (
        "markdown",
        "Markdown 报告，含差距分析和升级路线图（见 docs/reports.md）",
    ),
    (
        "html",
        "单个自包含的 HTML 文件，含图表，可打印为 A4（见 docs/reports.md）",
    ),
    (
        "docx",
        "Word 文档（DOCX），含标题、表格和图表，可在 Word 或 WPS 中继续编辑；须配合 `-o`",
    ),
];

const FILE_FORMAT_VALUES: &[(&str, &str)] = &[
    ("yaml", "YAML 问卷"),
    ("xlsx", "Excel 工作簿（.xlsx 申报表）"),
];

/// Every command's Chinese; `missing` in the parent module checks that
/// nothing of the clap tree is left out.
pub const CATALOGUE: &[CmdZh] = &[
    CmdZh {
        path: "",
        about: "zhizao（智造）：评估工厂的智能制造水平，并判断可申请 2016 年鲤城区政策的哪些扶持项。",
        long: "zhizao（智造）：评估工厂的智能制造水平，并判断可申请 2016 年鲤城区政策的哪些扶持项。\n\n\
顾问为每家工厂填写一份 YAML 问卷（`zhizao init`），校验（`zhizao validate`）后评估（`zhizao assess`）：\
数控化率、机器人密度等指标，数字化车间和智能工厂参考标准的达标情况，按 GB/T 39116 估算的成熟度等级，\
以及 2016 年鲤城区通知中每个扶持项的适用情况、精确金额和省、市、区三级分担。\
每个数字都能追溯到问卷字段、计算公式和政策条款。\n\n\
使用指南：docs/guide.zh.md（英文版 docs/guide.en.md）。运行 `zhizao <命令> --help` 查看各命令的详细说明和示例。",
        after: "示例：
  zhizao init --sector textile_footwear_apparel -o my-factory.yaml
  zhizao validate my-factory.yaml
  zhizao assess questionnaires/examples/electronics-smart-factory.yaml
  zhizao assess my-factory.yaml --explain --lang en
  zhizao assess my-factory.yaml --format json > report.json
  zhizao assess my-factory.yaml --format html -o report.html
  zhizao compare factory-2016.yaml factory-2017.yaml
  zhizao screen submissions/ -o screening.xlsx
  zhizao policy list
  zhizao policy test policies/tests
  zhizao schema questionnaire > questionnaire.schema.json
  zhizao completions bash > ~/.local/share/bash-completion/completions/zhizao
  zhizao man | man -l -

退出码：0 成功；1 输入无效或政策测试未通过；2 用法错误或读写错误。",
        args: &[ArgZh {
            id: "lang",
            help: "报告、提示和错误信息的语言：zh（简体中文）或 en（英文）",
            long: "报告、提示和错误信息的语言：zh（简体中文）或 en（英文）。\n\n\
默认依次看 LC_ALL、LC_MESSAGES、LANG 中第一个指明语言的变量，再看系统语言；\
是中文，或都未指明语言（未设置、C、POSIX）时用中文。\
可写在命令之前或之后，例如 `zhizao --lang en assess f.yaml` 或 `zhizao assess f.yaml --lang en`。",
            values: &[("zh", "简体中文"), ("en", "英文")],
        }],
    },
    CmdZh {
        path: "assess",
        about: "评估一份问卷：指标、参考标准、估算成熟度和扶持项。",
        long: "评估一份问卷：指标、参考标准、估算成熟度和扶持项。\n\n\
读取一份 YAML 问卷（`-` 表示从标准输入读取），先按 `validate` 的规则校验\
（问卷无效时列出全部问题，退出码为 1），再输出报告：各项指标；参考标准的达标与未达标项，\
附差距和升级路径；估算的成熟度等级；以及每个扶持项——适用、候选（须先认定或申报）或不适用——\
及其金额和出资方。每个数字都能追溯到问卷字段、计算公式和政策条款；\
加 `--explain` 可逐条列出每项条件的实际值和要求值。",
        after: "示例：
  zhizao assess questionnaires/examples/autoparts-digital-workshop.yaml --explain
  zhizao assess my-factory.yaml --lang en
  zhizao assess my-factory.yaml --format json -o report.json
  cat my-factory.yaml | zhizao assess -",
        args: &[
            ArgZh {
                id: "file",
                help: "问卷文件（YAML，或只有一行的 .xlsx 申报表），`-` 表示从标准输入读取",
                long: "问卷文件（YAML，或只有一行的 .xlsx 申报表），`-` 表示从标准输入读取。\n\n\
可用 `zhizao init` 生成空白问卷；各字段的含义见 docs/questionnaire.md。示例：`my-factory.yaml`。",
                values: &[],
            },
            ArgZh {
                id: "format",
                help: "输出格式",
                long: "输出格式。\n\n\
`terminal` 输出供人阅读的表格（仅在终端上着色；设置 NO_COLOR 可关闭颜色）；\
`json` 输出一个供程序读取的对象，说明见 docs/json-output.md；\
`markdown`、`html` 和 `docx` 是报告（见 docs/reports.md）。\
不指定时按 `-o` 文件的扩展名（.json、.md、.html、.docx）决定，否则为 `terminal`。\
示例：`--format json`。",
                values: FORMAT_VALUES,
            },
            ArgZh {
                id: "explain",
                help: "逐条列出每个扶持项的每项条件，含实际值和要求值",
                long: "逐条列出每个扶持项的每项条件，含实际值和要求值。\n\n\
不加时，报告只列出各扶持项的结论和金额；加上后，每项条件标为满足、不满足或未知，\
并给出问卷中的数值、门槛值和通知中的条款。示例：`--explain`。",
                values: &[],
            },
            ArgZh {
                id: "output",
                help: "写入此文件（原子写入），不输出到标准输出",
                long: "写入此文件（原子写入），不输出到标准输出。\n\n\
文件要么完整写入，要么不写（先写临时文件再改名替换），读者不会看到写了一半的报告。\
已有的同名文件会被替换。示例：`-o report.json`。",
                values: &[],
            },
            POLICY_ARG,
            CRITERIA_ARG,
            TARGETS_ARG,
            REFERENCES_ARG,
            LEVELS_ARG,
            ArgZh {
                id: "set",
                help: "假设分析：改写问卷中的一个值，写作 `路径=值`，可重复",
                long: "假设分析：改写问卷中的一个值，写作 `路径=值`，可重复。\n\n\
路径按层级用点号连接，列表元素用下标（如 `projects.demo_lines[0].investment_wan`）；\
值按 YAML 书写（`42`、`true`、`null`、`[erp, mes, plm]`）。改写后的问卷与文件一样要经过校验，\
报告会列出每个被改写的值。路径或值有误时退出码为 2。\
示例：`--set equipment.key_equipment_cnc=130`。",
                values: &[],
            },
            ArgZh {
                id: "reading",
                help: "对有歧义的条款采用另一种解读，写作 `解读编号=选项`，可重复",
                long: "对有歧义的条款采用另一种解读，写作 `解读编号=选项`，可重复。\n\n\
政策包记录了它对通知中每处歧义所采用的解读（`zhizao policy test` 会列出）；\
此参数改选另一种，便于主管部门对照两种结果。\
示例：`--reading district-cap-trigger=every-enterprise`。",
                values: &[],
            },
            ArgZh {
                id: "profile",
                help: "顾问信息文件（YAML），用于报告封面和审计信息",
                long: "顾问信息文件（YAML），用于报告封面和审计信息。\n\n\
字段：`firm`（咨询机构）、`consultant`（顾问）、`client_contact`（客户联系人）、`visit_date`（走访日期）、\
`logo`（PNG 图片，路径相对于该文件）、`confidentiality`（保密声明）、`sign_off`（签字确认）；\
详见 docs/reports.md。示例：`--profile consultant.yaml`。",
                values: &[],
            },
            ArgZh {
                id: "date",
                help: "报告日期，格式为 YYYY-MM-DD；默认为本地时区的今天",
                long: "报告日期，格式为 YYYY-MM-DD；默认为本地时区的今天。\n\n示例：`--date 2017-03-20`。",
                values: &[],
            },
        ],
    },
    CmdZh {
        path: "compare",
        about: "对比同一工厂的两份问卷：升级前后的变化。",
        long: "对比同一工厂的两份问卷：升级前后的变化。\n\n\
分别评估两份问卷，列出变化之处：指标、参考标准检查项、估算成熟度等级、扶持项，以及各出资方的扶持金额。\
输出格式与 `assess` 相同：terminal、json、markdown、html。",
        after: "示例：
  zhizao compare factory-2016.yaml factory-2017.yaml
  zhizao compare before.yaml after.yaml --format html -o compare.html --lang en",
        args: &[
            ArgZh {
                id: "before",
                help: "变化前的问卷（YAML）",
                long: "变化前的问卷（YAML）。\n\n\
通常是较早数据年度的问卷，或升级前的状态。示例：`factory-2016.yaml`。",
                values: &[],
            },
            ArgZh {
                id: "after",
                help: "变化后的问卷（YAML）",
                long: "变化后的问卷（YAML）。\n\n\
同一工厂较晚的数据，或计划达到的状态。示例：`factory-2017.yaml`。",
                values: &[],
            },
            ArgZh {
                id: "format",
                help: "输出格式",
                long: "输出格式。\n\n\
`terminal`、`json`、`markdown` 或 `html`（单个自包含文件）。示例：`--format markdown`。",
                values: FORMAT_VALUES,
            },
            ArgZh {
                id: "output",
                help: "写入此文件（原子写入），不输出到标准输出",
                long: "写入此文件（原子写入），不输出到标准输出。\n\n\
文件要么完整写入，要么不写。示例：`-o compare.html`。",
                values: &[],
            },
            POLICY_ARG,
            CRITERIA_ARG,
            TARGETS_ARG,
            REFERENCES_ARG,
            LEVELS_ARG,
        ],
    },
    CmdZh {
        path: "validate",
        about: "校验问卷：语法、类型、取值范围、前后一致性、统一社会信用代码校验位。",
        long: "校验问卷：语法、类型、取值范围、前后一致性、统一社会信用代码校验位。\n\n\
一次列出文件中的全部问题，每个问题注明文件、行、列、字段路径，显示出错的行并用 ^ 标出位置，\
附修改提示（如字段名拼错时给出最接近的字段名）。警告（数值不太合理）不会使文件无效。\
退出码：全部有效为 0，有无效文件为 1，有文件无法读取为 2。",
        after: "示例：
  zhizao validate my-factory.yaml
  zhizao validate questionnaires/examples/*.yaml --lang en",
        args: &[ArgZh {
            id: "files",
            help: "问卷文件（YAML 或 .xlsx 工作簿），`-` 表示从标准输入读取",
            long: "问卷文件（YAML 或 .xlsx 工作簿），`-` 表示从标准输入读取。\n\n\
每个文件单独校验，分别报告有效或无效；一个文件出错不影响其他文件。\
工作簿的每一行单独报告，写作 `file.xlsx!申报表!A6`，错误定位到单元格。\
示例：`a.yaml b.yaml 申报表.xlsx`。",
            values: &[],
        }],
    },
    CmdZh {
        path: "init",
        about: "生成一份带注释的空白问卷，供填写。",
        long: "生成一份带注释的空白问卷，供填写。\n\n\
每个字段都附有输出语言（`--lang`）的注释，说明含义、单位并举例；未知的值保留为 `null`。\
第一行告诉编辑器 JSON Schema 的位置（见 `zhizao schema`）。\
填好后，用 `zhizao validate` 校验。",
        after: "示例：
  zhizao init -o questionnaires/my-factory.yaml
  zhizao init --sector electronics_it --lang en -o factory.yaml",
        args: &[
            ArgZh {
                id: "sector",
                help: "预先填入的所属产业",
                long: "预先填入的所属产业。\n\n\
填入 `enterprise.sector`；不指定时模板中为 `other`。可选产业即通知所列产业\
（见 docs/questionnaire.md 第 3 节）。示例：`--sector machinery_auto_parts`。",
                values: &[
                    ("textile_footwear_apparel", "纺织鞋服"),
                    ("electronics_it", "电子信息"),
                    ("machinery_auto_parts", "机械汽配"),
                    ("paper_product_equipment", "纸制品装备"),
                    ("other", "其他"),
                ],
            },
            ArgZh {
                id: "output",
                help: "写入此文件，不输出到标准输出（不覆盖已有文件）",
                long: "写入此文件，不输出到标准输出（不覆盖已有文件）。\n\n\
已有的文件绝不会被替换，再次运行 `init` 也不会冲掉已填好的问卷。示例：`-o my-factory.yaml`。",
                values: &[],
            },
            ArgZh {
                id: "format",
                help: "模板格式：`yaml`（默认）或 `xlsx`（Excel 申报表）",
                long: "模板格式：`yaml`（默认）或 `xlsx`（Excel 申报表）。\n\n\
工作簿每家企业占一行（标签、单位、说明和下拉列表使用 `--lang` 指定的语言），须配合 `-o`。\
见 docs/guide.zh.md 中面向主管部门的一节。示例：`--format xlsx -o 申报表.xlsx`。",
                values: FILE_FORMAT_VALUES,
            },
        ],
    },
    CmdZh {
        path: "convert",
        about: "在 YAML 问卷与工作簿行之间转换格式。",
        long: "在 YAML 问卷与工作簿行之间转换格式。\n\n\
多个 YAML 文件转为一个 .xlsx 工作簿（每个文件一行）；或一个 .xlsx 工作簿转为某文件夹中的 YAML 文件\
（`<工作簿>-row<N>.yaml`），工作簿只有一行时也可转为一个 .yaml 文件。\
有效问卷的转换是精确的：转过去再转回来，得到的问卷完全相同。\
无效的输入会连同错误一起列出，不予转换（退出码为 1）。从不覆盖已有文件。",
        after: "示例：
  zhizao convert a.yaml b.yaml -o 汇总表.xlsx
  zhizao convert 汇总表.xlsx -o questionnaires/",
        args: &[
            ArgZh {
                id: "inputs",
                help: "YAML 问卷，或一个 .xlsx 工作簿",
                long: "YAML 问卷，或一个 .xlsx 工作簿。\n\n\
每个 YAML 文件成为一行；工作簿中每个已填写的行成为一个 YAML 文件。\
示例：`a.yaml b.yaml` 或 `汇总表.xlsx`。",
                values: &[],
            },
            ArgZh {
                id: "output",
                help: "一个 .xlsx 文件（由 YAML 转换时），或一个文件夹或 .yaml 文件（由工作簿转换时）",
                long: "一个 .xlsx 文件（由 YAML 转换时），或一个文件夹或 .yaml 文件（由工作簿转换时）。\n\n\
扩展名决定转换方向；已有的文件绝不会被替换。示例：`-o 汇总表.xlsx` 或 `-o questionnaires/`。",
                values: &[],
            },
        ],
    },
    CmdZh {
        path: "policy",
        about: "查看和测试政策包。",
        long: "查看和测试政策包。\n\n\
内置政策包对 2016 年鲤城区通知作了编码：每个扶持项的条款、条件、金额、出资方和上限。\
以下子命令可列出和查看扶持项、运行按通知手算的测试用例、列出政策包可引用的事实，以及检查政策包文件。",
        after: "示例：
  zhizao policy list
  zhizao policy show local-cnc-purchase
  zhizao policy test policies/tests",
        args: &[],
    },
    CmdZh {
        path: "policy list",
        about: "扶持项一览：编号、条款、名称、类别、出资方、前提条件。",
        long: "扶持项一览：编号、条款、名称、类别、出资方、前提条件。\n\n\
政策包中每个扶持项一行，按通知中的顺序排列。用编号运行 `zhizao policy show` 查看详情。",
        after: "示例：
  zhizao policy list
  zhizao policy list --lang en --policy my-pack.yaml",
        args: &[POLICY_ARG, CRITERIA_ARG, TARGETS_ARG, REFERENCES_ARG, LEVELS_ARG],
    },
    CmdZh {
        path: "policy show",
        about: "一个扶持项的详情：条件、金额、出资方和条款解读。",
        long: "一个扶持项的详情：条件、金额、出资方和条款解读。\n\n\
按政策包中的写法显示该扶持项，包括我们对有歧义条款的解读。编号拼错时提示最接近的编号。",
        after: "示例：zhizao policy show local-cnc-purchase",
        args: &[
            ArgZh {
                id: "id",
                help: "扶持项编号，如 local-cnc-purchase（见 `zhizao policy list`）",
                long: "扶持项编号，如 local-cnc-purchase（见 `zhizao policy list`）。\n\n\
示例：`smart-factory-award`。",
                values: &[],
            },
            POLICY_ARG,
            CRITERIA_ARG,
            TARGETS_ARG,
            REFERENCES_ARG,
            LEVELS_ARG,
        ],
    },
    CmdZh {
        path: "policy test",
        about: "运行政策测试用例（YAML），报告通过与否并列出差异。",
        long: "运行政策测试用例（YAML），报告通过与否并列出差异。\n\n\
每个用例是一份问卷（或对基准问卷的改动），附按通知手算的结论和金额；\
程序结果与之不符时用例失败，差异指出不符之处。有用例失败时退出码为 1。\
见 docs/policy-authoring.md。",
        after: "示例：
  zhizao policy test policies/tests
  zhizao policy test policies/tests/district-cap.yaml --policy my-pack.yaml",
        args: &[
            ArgZh {
                id: "paths",
                help: "测试文件或文件夹（默认：policies/tests）",
                long: "测试文件或文件夹（默认：policies/tests）。\n\n\
在文件夹中查找 `*.yaml`。示例：`policies/tests`。",
                values: &[],
            },
            POLICY_ARG,
            CRITERIA_ARG,
            TARGETS_ARG,
            REFERENCES_ARG,
            LEVELS_ARG,
        ],
    },
    CmdZh {
        path: "policy facts",
        about: "列出政策包的条件和金额可引用的事实。",
        long: "列出政策包的条件和金额可引用的事实。\n\n\
每个事实一行：名称、类型（`bool` 布尔、`number` 数值、`money` 金额、`id` 编号、`tally` 计数、`items` 清单）\
及其来源的问卷字段或指标。编写政策包时使用。",
        after: "示例：zhizao policy facts | grep ecommerce",
        args: &[],
    },
    CmdZh {
        path: "policy check",
        about: "检查政策包文件，列出加载时的全部错误。",
        long: "检查政策包文件，列出加载时的全部错误。\n\n\
未知的键、未知的事实、与事实类型不符的比较、合计不为 100% 的分担比例、缺少条款、\
档次区间重叠以及错误的日期——每个错误都注明文件、行和字段路径。\
政策包有效时退出码为 0，无效时为 1。",
        after: "示例：zhizao policy check policies/licheng-2016.yaml",
        args: &[ArgZh {
            id: "file",
            help: "政策包文件（YAML）",
            long: "政策包文件（YAML）。\n\n示例：`policies/licheng-2016.yaml`。",
            values: &[],
        }],
    },
    CmdZh {
        path: "sample",
        about: "生成逼真的模拟问卷，用于演示、测试和性能基准。",
        long: "生成逼真的模拟问卷，用于演示、测试和性能基准。\n\n\
同一个 --seed 总是生成相同的文件，与 --count 无关：第 i 个文件只取决于（种子，i）。\
--invalid-share 使该比例的文件以各种真实的方式无效\
（语法错误、字段名拼错、数值字段写成 \"85%\"、前后矛盾、空文件和非 YAML 文件）。",
        after: "示例：zhizao sample --count 1000 --seed 7 --out /tmp/batch --invalid-share 0.05",
        args: &[
            ArgZh {
                id: "count",
                help: "生成的文件数",
                long: "生成的文件数。\n\n\
文件依次命名为 sample-000000.yaml、sample-000001.yaml……示例：`--count 200`。",
                values: &[],
            },
            ArgZh {
                id: "seed",
                help: "随机种子",
                long: "随机种子。\n\n\
相同的种子生成相同的文件；第 i 个文件只取决于种子和 i，\
因此增大 --count 只会增加文件，不会改变前面的文件。示例：`--seed 7`。",
                values: &[],
            },
            ArgZh {
                id: "out",
                help: "输出文件夹（不存在时自动创建）",
                long: "输出文件夹（不存在时自动创建）。\n\n示例：`--out demo/`。",
                values: &[],
            },
            ArgZh {
                id: "invalid_share",
                help: "无效文件的比例，0 到 1",
                long: "无效文件的比例，0 到 1。\n\n\
该比例的文件会像真实申报材料那样出错，可用来试用 `validate` 和 `screen` 的拒收清单。\
示例：`--invalid-share 0.05`。",
                values: &[],
            },
            ArgZh {
                id: "format",
                help: "`yaml`（每份问卷一个文件，写入 --out 文件夹）或 `xlsx`（同样的问卷写成一个工作簿，每份一行，写到 --out）",
                long: "`yaml`（每份问卷一个文件，写入 --out 文件夹）或 `xlsx`（同样的问卷写成一个工作簿，每份一行，写到 --out）。\n\n\
示例：`--format xlsx --out batch.xlsx`。",
                values: FILE_FORMAT_VALUES,
            },
        ],
    },
    CmdZh {
        path: "screen",
        about: "批量筛查问卷：候选企业排名、区级目标、按出资方的预算测算。",
        long: "批量筛查问卷：候选企业排名、区级目标、按出资方的预算测算。\n\n\
路径可以是文件或文件夹（递归查找 *.yaml、*.yml 和 *.xlsx 工作簿，工作簿每行为一家企业）。\
所有 CPU 核心并行评估；每份输入都有交代——或完成评估，或列入拒收清单并注明文件、行和原因，\
或作为重复提交列出（同一企业同一数据年度只计一次：计最近修改的那份）。\
终端显示汇总；`-o` 把完整结果写成 XLSX（每张工作表为一个 Excel 表格：汇总、看板、企业、扶持项、预算、目标、\
拒收、接近达标）、CSV（带 BOM 的 UTF-8，每家企业一行）或 JSON，由扩展名决定。\
有文件被拒收时退出码为 1（加 --allow-rejected 则为 0），用法或输出错误时为 2。",
        after: "示例：
  zhizao screen submissions/ -o screening.xlsx
  zhizao screen a.yaml b.yaml --jobs 2 --lang en
  zhizao screen submissions/ -o all.csv --allow-rejected",
        args: &[
            ArgZh {
                id: "paths",
                help: "问卷文件或文件夹",
                long: "问卷文件或文件夹。\n\n\
在文件夹中递归查找 *.yaml、*.yml 和 *.xlsx；其他文件只计数，不处理。示例：`submissions/2017`。",
                values: &[],
            },
            ArgZh {
                id: "output",
                help: "把完整结果写入此文件（.xlsx、.csv 或 .json），原子写入",
                long: "把完整结果写入此文件（.xlsx、.csv 或 .json），原子写入。\n\n\
扩展名决定格式：.xlsx 含汇总、看板（图表）、企业、扶持项、预算、目标、拒收和接近达标等工作表\
（加 --previous 时另有变化表），每张都是 Excel 表格，金额以万元计并有合计；\
.csv 每家企业或每个被拒收的文件一行（带 BOM 的 UTF-8，便于 Excel 打开）；.json 包含全部内容。\
示例：`-o screening-2017.xlsx`。",
                values: &[],
            },
            ArgZh {
                id: "jobs",
                help: "工作线程数（默认：全部 CPU 核心）",
                long: "工作线程数（默认：全部 CPU 核心）。\n\n\
线程少一些，机器可以腾出来做别的事；线程数不影响结果。示例：`--jobs 2`。",
                values: &[],
            },
            ArgZh {
                id: "allow_rejected",
                help: "即使有文件被拒收，退出码也为 0（被拒收的文件仍会列出）",
                long: "即使有文件被拒收，退出码也为 0（被拒收的文件仍会列出）。\n\n\
适用于希望继续处理可评估工厂的脚本。示例：`--allow-rejected`。",
                values: &[],
            },
            ArgZh {
                id: "top",
                help: "每个排名显示的候选企业数",
                long: "每个排名显示的候选企业数。\n\n\
用于终端汇总和汇总工作表；企业工作表总是列出全部企业。示例：`--top 20`。",
                values: &[],
            },
            POLICY_ARG,
            CRITERIA_ARG,
            TARGETS_ARG,
            REFERENCES_ARG,
            LEVELS_ARG,
            ArgZh {
                id: "follow_links",
                help: "跟随指向所给文件夹之外的符号链接",
                long: "跟随指向所给文件夹之外的符号链接。\n\n\
默认只在所给文件夹之内跟随链接，指向 `/` 的链接不会让一次筛查读遍整台机器；未跟随的链接在汇总中计数。\
同一文件经不同路径到达，无论如何只筛查一次。示例：`--follow-links`。",
                values: &[],
            },
            ArgZh {
                id: "parse_only",
                help: "性能基准：只读取和解析文件，然后报告数量",
                long: "性能基准：只读取和解析文件，然后报告数量。",
                values: &[],
            },
            ArgZh {
                id: "reports",
                help: "同时把每家已评估企业的报告写入此文件夹",
                long: "同时把每家已评估企业的报告写入此文件夹。\n\n\
报告与 `assess --format html` 相同，按统一社会信用代码和企业名称命名\
（`91350502…-泉州市某某鞋业.html`）；.xlsx 结果中每家企业都链接到其报告。\
示例：`--reports reports/2017`。",
                values: &[],
            },
            ArgZh {
                id: "format",
                help: "--reports 报告文件的格式",
                long: "--reports 报告文件的格式。\n\n示例：`--format html`。",
                values: &[
                    ("html", "自包含的 HTML，与 `assess --format html` 相同"),
                    ("docx", "Word 文档，与 `assess` 的 DOCX 报告相同"),
                ],
            },
            ArgZh {
                id: "previous",
                help: "与上一次筛查结果（其 .json 或 .xlsx 输出）对比：每家企业（按统一社会信用代码匹配）和全区的变化",
                long: "与上一次筛查结果（其 .json 或 .xlsx 输出）对比：每家企业（按统一社会信用代码匹配）和全区的变化。\n\n\
.json 输出是精确记录；.xlsx 输出从其企业工作表读回。示例：`--previous screening-2016.json`。",
                values: &[],
            },
        ],
    },
    CmdZh {
        path: "schema",
        about: "输出问卷或政策包的 JSON Schema（JSON 模式）。",
        long: "输出问卷或政策包的 JSON Schema（JSON 模式）。\n\n\
模式由加载程序读取所用的同一套类型生成，因此支持 JSON Schema 的编辑器\
（装有 YAML 扩展的 VS Code，或任何使用 yaml-language-server 的编辑器）在输入时即可补全字段名、\
悬停显示每个字段的中英文说明，并标出拼错的字段或错误的类型。\
`zhizao init` 生成的模板第一行指向 `../docs/schema/questionnaire.schema.json`；\
把模式保存到该位置，或把这一行改为你保存的位置。字段之间的一致性仍只由 `zhizao validate` 检查。",
        after: "示例：
  zhizao schema questionnaire > questionnaire.schema.json
  zhizao schema policy -o docs/schema/policy.schema.json",
        args: &[
            ArgZh {
                id: "which",
                help: "哪一种模式：questionnaire（问卷）或 policy（政策包）",
                long: "哪一种模式：questionnaire（问卷）或 policy（政策包）。\n\n\
内容与本版本的 docs/schema/questionnaire.schema.json 和 docs/schema/policy.schema.json 相同。\
示例：`policy`。",
                values: &[
                    (
                        "questionnaire",
                        "问卷，即 docs/schema/questionnaire.schema.json",
                    ),
                    ("policy", "政策包，即 docs/schema/policy.schema.json"),
                ],
            },
            ArgZh {
                id: "output",
                help: "写入此文件（原子写入），不输出到标准输出",
                long: "写入此文件（原子写入），不输出到标准输出。\n\n\
已有的同名文件会被替换。示例：`-o questionnaire.schema.json`。",
                values: &[],
            },
        ],
    },
    CmdZh {
        path: "serve",
        about: "以网页表单和 HTTP 接口提供问卷（本地网页表单）。",
        long: "以网页表单和 HTTP 接口提供问卷（本地网页表单）。\n\n\
企业在浏览器中填写表单（空白开始、从 `zhizao init` 的模板开始，或上传 YAML / Excel 问卷），\
每个字段旁显示与 `zhizao validate` 相同的诊断信息；评估后报告直接显示在页面中，\
可下载 HTML、DOCX、JSON 报告以及 YAML 和 Excel 申报表格式的问卷，并可做假设分析对比。\
程序可调用 `POST /api/assess`（见 docs/serve.md）。\
默认只监听本机；按 Ctrl-C 停止。",
        after: "示例：
  zhizao serve
  zhizao serve --addr 127.0.0.1:9000 --lang en",
        args: &[
            ArgZh {
                id: "addr",
                help: "监听的地址和端口（默认：仅本机，端口 8080）",
                long: "监听的地址和端口（默认：仅本机，端口 8080）。\n\n\
端口为 0 时使用任一空闲端口（启动时打印实际地址）。\
127.0.0.1 或 ::1 以外的地址会让网络上的其他人也能访问表单，启动时打印警告。\
示例：`--addr 127.0.0.1:9000`。",
                values: &[],
            },
            POLICY_ARG,
            CRITERIA_ARG,
            TARGETS_ARG,
            REFERENCES_ARG,
            LEVELS_ARG,
        ],
    },
    CmdZh {
        path: "completions",
        about: "输出 bash、zsh、fish 或 PowerShell 的命令补全脚本。",
        long: "输出 bash、zsh、fish 或 PowerShell 的命令补全脚本。\n\n\
脚本可补全命令、参数及其固定取值（产业、格式、语言、模式）；文件参数按文件名补全。\
把脚本保存到 shell 加载补全脚本的位置，见下面的示例。",
        after: "示例：
  bash:       zhizao completions bash > ~/.local/share/bash-completion/completions/zhizao
  zsh:        zhizao completions zsh > ~/.zfunc/_zhizao   （须在 compinit 之前设置 fpath+=~/.zfunc）
  fish:       zhizao completions fish > ~/.config/fish/completions/zhizao.fish
  PowerShell: zhizao completions powershell >> $PROFILE",
        args: &[ArgZh {
            id: "shell",
            help: "shell 类型：bash、zsh、fish 或 powershell（也支持 elvish）",
            long: "shell 类型：bash、zsh、fish 或 powershell（也支持 elvish）。\n\n\
脚本输出到标准输出。示例：`bash`。",
            values: &[],
        }],
    },
    CmdZh {
        path: "man",
        about: "输出 roff 格式的手册页，供 `man` 阅读。",
        long: "输出 roff 格式的手册页，供 `man` 阅读。\n\n\
不指定命令时输出 `zhizao` 本身的手册页；指定命令（如 `assess`）时输出该命令的手册页。",
        after: "示例：
  zhizao man | man -l -
  zhizao man > ~/.local/share/man/man1/zhizao.1
  zhizao man assess > ~/.local/share/man/man1/zhizao-assess.1",
        args: &[ArgZh {
            id: "command",
            help: "要输出手册页的命令（默认：zhizao 本身）",
            long: "要输出手册页的命令（默认：zhizao 本身）。\n\n\
可选 `zhizao --help` 列出的任一命令。示例：`assess`。",
            values: &[],
        }],
    },
];
