// The report's charts as SVG, drawn on the server with a chart grammar (Vega-Lite compiled to Vega,
// rendered by a headless vega.View with renderer 'none', which needs no canvas): the PDF embeds the
// SVG as vector graphics and the console page inlines it (docs/decisions/0055).
// Vega is loaded by the first chart, not at start (decision 0077).
import type { TopLevelSpec } from 'vega-lite';
import { REPORT_OUTCOMES, SATISFACTION_SCORES, type PeriodicReport } from './report-model.js';
import { figureLines } from './report-figures.js';

export interface ReportChart {
  title: string;
  svg: string;
}

const FONT = 'Roboto';
const COLOR = '#1f5f99';
const WIDTH = 380;

interface Datum {
  label: string;
  value: number;
  series?: string;
}

function barSpec(data: Datum[], axisTitle: string): TopLevelSpec {
  const grouped = data.some((d) => d.series !== undefined);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: { step: grouped ? 12 : 18 },
    data: { values: data },
    mark: { type: 'bar', ...(grouped ? {} : { color: COLOR }) },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
      x: { field: 'value', type: 'quantitative', title: axisTitle, axis: { tickMinStep: 1, format: 'd' } },
      ...(grouped
        ? {
            yOffset: { field: 'series', sort: null },
            color: {
              field: 'series',
              sort: null,
              title: null,
              scale: { range: [COLOR, '#9ab8d6'] },
              legend: { orient: 'bottom' },
            },
          }
        : {}),
    },
    config: { font: FONT, view: { stroke: null }, axis: { labelFontSize: 10, titleFontSize: 10 } },
  };
}

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The charts of a report, in the order the PDF and the console page show them. */
export async function renderReportCharts(report: PeriodicReport): Promise<ReportChart[]> {
  const lines = figureLines(report.totals);
  const previous = new Map(figureLines(report.previousTotals).map((l) => [l.key, l.value ?? 0]));
  const pick = (section: string): Datum[] =>
    lines.filter((l) => l.section === section).map((l) => ({ label: l.label, value: l.value ?? 0 }));
  const trendKeys = [
    'received.total',
    'handling.resolved',
    'handling.resolved_on_time',
    'handling.open_overdue',
    'conduct.praise',
    'conduct.upheld',
  ];
  const trend: Datum[] = lines
    .filter((l) => trendKeys.includes(l.key))
    .flatMap((l) => [
      { label: l.label, value: l.value ?? 0, series: report.period.label },
      { label: l.label, value: previous.get(l.key) ?? 0, series: report.previousPeriod.label },
    ]);
  const units: Datum[] = report.organizations.flatMap((o) =>
    o.units.flatMap((u) => {
      const name = report.organizations.length > 1 ? `${o.code} · ${u.unitName}` : u.unitName;
      return [
        { label: name, value: u.counts.received, series: 'Tiếp nhận' },
        { label: name, value: u.counts.resolved, series: 'Đã giải quyết' },
      ];
    }),
  );
  const outcomes: Datum[] = REPORT_OUTCOMES.map((o) => ({
    label: o.label,
    value: report.totals.outcomes[o.key],
  }));
  const satisfaction: Datum[] = SATISFACTION_SCORES.map((s) => ({
    label: `${s} điểm`,
    value: report.totals.satisfaction.byScore[`${s}`],
  }));
  const specs: [string, TopLevelSpec][] = [
    ['Hồ sơ tiếp nhận theo kênh', barSpec(pick('channel'), 'Số hồ sơ')],
    ['Hồ sơ tiếp nhận theo loại', barSpec(pick('kind'), 'Số hồ sơ')],
    ['Tình hình giải quyết', barSpec(pick('handling'), 'Số hồ sơ')],
    ['Kết quả giải quyết', barSpec(outcomes, 'Số hồ sơ')],
    ['Mức độ hài lòng', barSpec(satisfaction, 'Số lượt đánh giá')],
    ['So sánh với kỳ trước', barSpec(trend, 'Số hồ sơ')],
    ...(units.length
      ? [['Tiếp nhận và giải quyết theo khoa, phòng', barSpec(units, 'Số hồ sơ')] as [string, TopLevelSpec]]
      : []),
  ];
  return Promise.all(specs.map(async ([title, spec]) => ({ title, svg: await toSvg(spec) })));
}
