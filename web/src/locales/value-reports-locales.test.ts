import { describe, expect, it } from 'vitest';
import pipelineEn from '@/locales/pipeline.en.json';
import pipelineZh from '@/locales/pipeline.zh-CN.json';
import retentionEn from '@/locales/retention.en.json';
import retentionZh from '@/locales/retention.zh-CN.json';
import valueReportsEn from '@/locales/value-reports.en.json';
import valueReportsZh from '@/locales/value-reports.zh-CN.json';

/** Leaf keys, with plural suffixes folded (Chinese has only `_other`). */
function keys(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    return typeof value === 'object' && value !== null ? keys(value, `${path}.`) : [path];
  });
}

describe('value-report and pipeline translations', () => {
  it.each([
    ['valueReports', valueReportsEn, valueReportsZh],
    ['pipeline', pipelineEn, pipelineZh],
    ['retention', retentionEn, retentionZh],
  ])('%s has the same keys in English and Simplified Chinese', (_name, en, zh) => {
    expect([...new Set(keys(zh))].sort()).toEqual([...new Set(keys(en))].sort());
  });
});
