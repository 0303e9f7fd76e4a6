import { ALTERNATE_KEYS, CHOICES, COLUMNS, LOOKUPS, PUBLISHER, TABLES } from '../names';

describe('solution names', () => {
  it('prefixes every custom table and column with the publisher prefix', () => {
    for (const t of Object.values(TABLES))
      expect(t.logicalName.startsWith(`${PUBLISHER.prefix}_`)).toBe(true);
    for (const cols of Object.values(COLUMNS))
      for (const c of Object.values(cols)) expect(c).toMatch(/^stl_[a-z0-9]+$/);
  });

  it('gives every choice value the publisher option value prefix', () => {
    for (const c of Object.values(CHOICES))
      for (const v of Object.values(c.values))
        expect(String(v).startsWith(String(PUBLISHER.optionValuePrefix))).toBe(true);
  });

  it('names each lookup relationship once', () => {
    const names = LOOKUPS.map((l) => l.relationship);
    expect(new Set(names).size).toBe(names.length);
  });

  it('builds alternate keys only from columns that exist', () => {
    const all = new Set(Object.values(COLUMNS).flatMap((c) => Object.values(c)));
    for (const k of ALTERNATE_KEYS) for (const c of k.columns) expect(all.has(c)).toBe(true);
  });
});
