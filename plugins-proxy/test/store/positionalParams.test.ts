/** The PostgreSQL dialect's rewrite of the store's `:name` parameters into pg's `$1`, `$2`…. */
import { toPositional } from '../../src/adapters/store/postgresStore';

describe('named parameters for PostgreSQL', () => {
  it('numbers each name once, in order of first use, and lists its values', () => {
    expect(
      toPositional('VALUES (:org, :id, :now, :now) WHERE x = :org', { org: 'o', id: 'i', now: 5 }),
    ).toEqual({
      text: 'VALUES ($1, $2, $3, $3) WHERE x = $1',
      values: ['o', 'i', 5],
    });
  });

  it('leaves casts and values the statement does not use alone', () => {
    expect(toPositional('SELECT :a::text, 1::bigint', { a: 'x', unused: 1 })).toEqual({
      text: 'SELECT $1::text, 1::bigint',
      values: ['x'],
    });
  });

  it('passes null values through', () => {
    expect(toPositional('SELECT :a', { a: null }).values).toEqual([null]);
  });

  it('refuses a statement whose parameter has no value', () => {
    expect(() => toPositional('SELECT :missing', {})).toThrow(':missing');
  });
});
