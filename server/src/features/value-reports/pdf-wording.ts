// The words of the value report's PDF in English and Simplified Chinese: titles, the headline, chart and
// table labels, the built-in metrics and modules, and the highlights as sentences from their numbers.

import type { DocumentLocale } from '../../platform/documents/locale.ts';

type Sentences = {
  automations: (count: string, pct: string | null, direction: 1 | -1 | 0) => string;
  automationsHours: (hours: string) => string;
  seatUtilisation: (average: string, seats: string, pct: string, peak: string) => string;
  seatUtilisationCompare: (previous: string) => string;
  roi: (value: string, ratio: string) => string;
  moduleAdoption: (adopted: string, total: string) => string;
  moduleAdoptionList: (modules: string) => string;
  support: (count: string) => string;
  supportHours: (hours: string) => string;
  records: (count: string, pct: string | null, direction: 1 | -1 | 0) => string;
};

export type ReportWords = {
  title: string;
  subject: (label: string) => string;
  plan: (plan: string, seats: string) => string;
  period: (start: string, end: string) => string;
  periodInProgress: (start: string, end: string, until: string, covered: number, total: number) => string;
  comparedWith: (days: number, start: string, end: string) => string;
  noComparison: string;
  noData: string;
  headline: {
    seatUtilisation: string;
    automations: string;
    hoursSaved: string;
    modules: string;
    roi: string;
  };
  modulesValue: (adopted: number, total: number) => string;
  ratio: (ratio: string) => string;
  highlightsTitle: string;
  charts: {
    activeUsers: string;
    average: string;
    peak: string;
    seats: string;
    automations: string;
    tickets: string;
    opened: string;
    resolved: string;
    modules: string;
    adoption: string;
  };
  totalsTitle: string;
  totals: { metric: string; value: string; previous: string; change: string };
  aggregation: Record<'sum' | 'average' | 'peak' | 'last', string>;
  change: { none: string; na: string };
  roiTitle: string;
  roi: {
    estimatedValue: string;
    priceForPeriod: string;
    pricePaid: string;
    ratio: string;
    hoursSaved: string;
    assumptions: string;
    hourlyCost: (cost: string) => string;
    perMetric: (units: string, metric: string, minutes: string) => string;
    basisContract: string;
    basisCurrent: string;
  };
  metrics: Record<string, string>;
  modules: Record<string, string>;
  highlights: Sentences;
  generated: (date: string) => string;
};

const direction = (pct: string | null, d: 1 | -1 | 0) => (pct === null ? 0 : d);

export const REPORT_WORDS: Record<DocumentLocale, ReportWords> = {
  en: {
    title: 'Value report',
    subject: (label) => `Value report: ${label}`,
    plan: (plan, seats) => `${plan} · ${seats} seats`,
    period: (start, end) => `${start} – ${end}`,
    periodInProgress: (start, end, until, covered, total) =>
      `${start} – ${end} · data to ${until} (${covered} of ${total} days)`,
    comparedWith: (days, start, end) =>
      `Changes compare with the same ${days} days of the term before (${start} – ${end}).`,
    noComparison: 'There is no earlier term to compare with.',
    noData: 'No usage has been recorded for this term yet.',
    headline: {
      seatUtilisation: 'Seat utilisation (average)',
      automations: 'Automations run',
      hoursSaved: 'Hours saved (estimate)',
      modules: 'Core modules adopted',
      roi: 'Value to price (estimate)',
    },
    modulesValue: (adopted, total) => `${adopted} of ${total}`,
    ratio: (ratio) => `${ratio}×`,
    highlightsTitle: 'Highlights',
    charts: {
      activeUsers: 'Active users per month',
      average: 'Daily average',
      peak: 'Peak',
      seats: 'Seats',
      automations: 'Automations run per month',
      tickets: 'Support tickets per month',
      opened: 'Opened',
      resolved: 'Resolved',
      modules: 'Core module adoption (% of active users)',
      adoption: 'Adoption',
    },
    totalsTitle: 'All metrics',
    totals: { metric: 'Metric', value: 'This term', previous: 'Same days, term before', change: 'Change' },
    aggregation: { sum: 'total', average: 'daily average', peak: 'highest day', last: 'latest' },
    change: { none: 'no change', na: '—' },
    roiTitle: 'Return on investment (estimate)',
    roi: {
      estimatedValue: 'Estimated value of time saved',
      priceForPeriod: 'Price of the period covered',
      pricePaid: 'Price of the term',
      ratio: 'Value to price',
      hoursSaved: 'Hours saved',
      assumptions: 'Assumptions',
      hourlyCost: (cost) => `An hour of your team's time is valued at ${cost}.`,
      perMetric: (units, metric, minutes) => `Each of ${units} "${metric}" saves about ${minutes} minutes.`,
      basisContract:
        "The price is this term's contract: seats × price per seat per year, pro-rated to the days covered.",
      basisCurrent:
        "A past term's price is estimated from the current contract (seats × price per seat per year).",
    },
    metrics: {
      active_users: 'Active users',
      module_workflows: 'Workflows users',
      module_reports: 'Reports users',
      module_automations: 'Automations users',
      module_integrations: 'Integrations users',
      module_audit: 'Audit users',
      module_sso: 'Single sign-on users',
      records_managed: 'Records managed',
      automations_run: 'Automations run',
      tickets_opened: 'Support tickets opened',
      tickets_resolved: 'Support tickets resolved',
      median_resolution_hours: 'Median resolution time (hours)',
    },
    modules: {
      workflows: 'Workflows',
      reports: 'Reports',
      automations: 'Automations',
      integrations: 'Integrations',
      audit: 'Audit',
      sso: 'Single sign-on',
    },
    highlights: {
      automations: (count, pct, d) =>
        direction(pct, d) > 0
          ? `Your team ran ${count} automations, ${pct} % more than in the same days of the term before.`
          : direction(pct, d) < 0
            ? `Your team ran ${count} automations, ${pct} % fewer than in the same days of the term before.`
            : `Your team ran ${count} automations.`,
      automationsHours: (hours) => `That is about ${hours} hours of manual work saved.`,
      seatUtilisation: (average, seats, pct, peak) =>
        `On average ${average} of your ${seats} seats were in use each day (${pct} %); the peak was ${peak}.`,
      seatUtilisationCompare: (previous) => `In the same days of the term before it was ${previous} %.`,
      roi: (value, ratio) =>
        `The time saved is worth about ${value}: ${ratio} times the subscription's price for the period.`,
      moduleAdoption: (adopted, total) => `Your team uses ${adopted} of your plan's ${total} core modules.`,
      moduleAdoptionList: (modules) => `In use: ${modules}.`,
      support: (count) => `${count} support tickets were resolved.`,
      supportHours: (hours) => `The median time to resolve a ticket was ${hours} hours.`,
      records: (count, pct, d) =>
        direction(pct, d) > 0
          ? `You manage ${count} records in the product, ${pct} % more than a year ago.`
          : direction(pct, d) < 0
            ? `You manage ${count} records in the product, ${pct} % fewer than a year ago.`
            : `You manage ${count} records in the product.`,
    },
    generated: (date) => `Made on ${date} from the usage your product reported.`,
  },
  'zh-CN': {
    title: '价值报告',
    subject: (label) => `价值报告：${label}`,
    plan: (plan, seats) => `${plan} · ${seats} 个席位`,
    period: (start, end) => `${start} – ${end}`,
    periodInProgress: (start, end, until, covered, total) =>
      `${start} – ${end} · 数据截至 ${until}（${total} 天中的 ${covered} 天）`,
    comparedWith: (days, start, end) => `变化与上一期限的相同 ${days} 天（${start} – ${end}）相比。`,
    noComparison: '没有可比较的更早期限。',
    noData: '本期限尚未记录任何使用数据。',
    headline: {
      seatUtilisation: '席位使用率（平均）',
      automations: '自动化运行次数',
      hoursSaved: '节省的小时数（估算）',
      modules: '已采用的核心模块',
      roi: '价值与价格之比（估算）',
    },
    modulesValue: (adopted, total) => `${total} 个中的 ${adopted} 个`,
    ratio: (ratio) => `${ratio} 倍`,
    highlightsTitle: '要点',
    charts: {
      activeUsers: '每月活跃用户',
      average: '日均',
      peak: '峰值',
      seats: '席位',
      automations: '每月自动化运行次数',
      tickets: '每月支持工单',
      opened: '新建',
      resolved: '已解决',
      modules: '核心模块采用情况（占活跃用户的 %）',
      adoption: '采用率',
    },
    totalsTitle: '全部指标',
    totals: { metric: '指标', value: '本期限', previous: '上一期限同期', change: '变化' },
    aggregation: { sum: '合计', average: '日均', peak: '最高日', last: '最新' },
    change: { none: '无变化', na: '—' },
    roiTitle: '投资回报（估算）',
    roi: {
      estimatedValue: '节省时间的估算价值',
      priceForPeriod: '所涵盖期间的价格',
      pricePaid: '本期限价格',
      ratio: '价值与价格之比',
      hoursSaved: '节省的小时数',
      assumptions: '假设',
      hourlyCost: (cost) => `您团队每小时的时间按 ${cost} 计算。`,
      perMetric: (units, metric, minutes) => `${units} 次“${metric}”中的每一次约节省 ${minutes} 分钟。`,
      basisContract: '价格为本期限的合同价：席位数 × 每席位每年价格，按所涵盖天数折算。',
      basisCurrent: '过去期限的价格按当前合同估算（席位数 × 每席位每年价格）。',
    },
    metrics: {
      active_users: '活跃用户',
      module_workflows: '工作流用户',
      module_reports: '报表用户',
      module_automations: '自动化用户',
      module_integrations: '集成用户',
      module_audit: '审计用户',
      module_sso: '单点登录用户',
      records_managed: '管理的记录',
      automations_run: '自动化运行次数',
      tickets_opened: '新建支持工单',
      tickets_resolved: '已解决支持工单',
      median_resolution_hours: '解决时间中位数（小时）',
    },
    modules: {
      workflows: '工作流',
      reports: '报表',
      automations: '自动化',
      integrations: '集成',
      audit: '审计',
      sso: '单点登录',
    },
    highlights: {
      automations: (count, pct, d) =>
        direction(pct, d) > 0
          ? `您的团队运行了 ${count} 次自动化，比上一期限的同期多 ${pct} %。`
          : direction(pct, d) < 0
            ? `您的团队运行了 ${count} 次自动化，比上一期限的同期少 ${pct} %。`
            : `您的团队运行了 ${count} 次自动化。`,
      automationsHours: (hours) => `相当于节省了约 ${hours} 小时的手工工作。`,
      seatUtilisation: (average, seats, pct, peak) =>
        `平均每天有 ${average} 个席位在使用（共 ${seats} 个，${pct} %）；峰值为 ${peak} 个。`,
      seatUtilisationCompare: (previous) => `上一期限的同期为 ${previous} %。`,
      roi: (value, ratio) => `节省的时间价值约 ${value}：是该期间订阅费用的 ${ratio} 倍。`,
      moduleAdoption: (adopted, total) => `您的团队使用了套餐 ${total} 个核心模块中的 ${adopted} 个。`,
      moduleAdoptionList: (modules) => `正在使用：${modules}。`,
      support: (count) => `共解决了 ${count} 个支持工单。`,
      supportHours: (hours) => `解决一个工单的中位时间为 ${hours} 小时。`,
      records: (count, pct, d) =>
        direction(pct, d) > 0
          ? `您目前管理 ${count} 条记录，比一年前多 ${pct} %。`
          : direction(pct, d) < 0
            ? `您目前管理 ${count} 条记录，比一年前少 ${pct} %。`
            : `您目前在产品中管理 ${count} 条记录。`,
    },
    generated: (date) => `根据您的产品上报的使用数据生成于 ${date}。`,
  },
};
