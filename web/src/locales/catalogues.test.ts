// Every catalogue, both languages: the same keys, one Chinese word for "renew" (续订, not 续约 or 续费), and
// no developer notes (such as "DESIGN.md") in anything the user reads.

import { describe, expect, it } from 'vitest';

const files = import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });

/** Leaf keys, with plural suffixes folded (Chinese has only `_other`). */
function keys(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    return typeof value === 'object' && value !== null ? keys(value, `${path}.`) : [path];
  });
}

function leaves(resource: object): string[] {
  return Object.values(resource).flatMap((value) =>
    typeof value === 'object' && value !== null ? leaves(value) : [String(value)],
  );
}

const pairs = Object.keys(files)
  .filter((file) => /(?:^\.\/|\.)en\.json$/.test(file))
  .map((en) => [en, en.replace(/en\.json$/, 'zh-CN.json')] as const);

describe('translation catalogues', () => {
  it('come in pairs', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(9);
    for (const [, zh] of pairs) expect(files[zh], zh).toBeDefined();
  });

  it.each(pairs)('%s and its Chinese twin have the same keys', (en, zh) => {
    expect([...new Set(keys(files[zh] ?? {}))].sort()).toEqual([...new Set(keys(files[en] ?? {}))].sort());
  });

  it.each(pairs)('%s: Chinese says 续订 for "renew", never 续约 or 续费', (_en, zh) => {
    const offending = leaves(files[zh] ?? {}).filter((text) => /续约|(?<!手)续费/.test(text));
    expect(offending).toEqual([]);
  });

  it('never mention design documents', () => {
    const offending = Object.values(files)
      .flatMap((resource) => leaves(resource))
      .filter((text) => /DESIGN\.md/i.test(text));
    expect(offending).toEqual([]);
  });
});
