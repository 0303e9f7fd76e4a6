import { parseXeroDate, toOrgDate } from '../../src/domain';

describe('parseXeroDate', () => {
  it.each([
    ['2009-03-29', '2009-03-29'],
    ['2016-12-16T00:00:00', '2016-12-16'],
    ['2020-01-08T17:26:30.5778680', '2020-01-08T17:26:30.577Z'],
    ['/Date(1481846400000+0000)/', '2016-12-16'],
    ['/Date(1573755038314)/', '2019-11-14T18:10:38.314Z'],
    ['/Date(1573755038314+1300)/', '2019-11-14T18:10:38.314Z'],
    ['/Date(-80006400000+0000)/', '1967-06-20'],
    ['2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'],
    ['2020-02-06T12:17:43.202-08:00', '2020-02-06T20:17:43.202Z'],
  ])('reads %p as %p', (value, expected) => {
    expect(parseXeroDate(value)).toBe(expected);
  });

  it('reads a JS Date at midnight UTC as a calendar date', () => {
    expect(parseXeroDate(new Date(Date.UTC(2024, 4, 10)))).toBe('2024-05-10');
  });

  it.each([null, undefined, '', 'yesterday', '2024-02-30', {}, Number.NaN])('gives null for %p', (value) => {
    expect(parseXeroDate(value)).toBeNull();
  });
});

describe('toOrgDate', () => {
  it('gives null for an unparseable value', () => {
    expect(toOrgDate('not a date', 'UTC')).toBeNull();
  });
});
