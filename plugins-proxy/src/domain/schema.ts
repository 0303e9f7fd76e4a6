/**
 * A small validator for the snapshot's JSON: rows are checked in place and returned as they are, so a
 * 200-line invoice is validated without copying it; only a default filled in makes a copy.
 */

export type Path = readonly (string | number)[];

/** The first place the JSON fails, and why. */
export class SchemaIssue {
  constructor(
    readonly path: Path,
    readonly message: string,
  ) {}
}

export interface Schema<T> {
  /** The value, with defaults filled in; throws a SchemaIssue. */
  parse(value: unknown): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type Optional<S extends Shape> = {
  [K in keyof S]: undefined extends Infer<S[K]> ? K : never;
}[keyof S];
type ShapeValue<S extends Shape> = { [K in Exclude<keyof S, Optional<S>>]: Infer<S[K]> } & {
  [K in Optional<S>]?: Infer<S[K]>;
};
/** A row: the shape's columns checked, every other column kept as it came. */
export type LooseObject<S extends Shape> = ShapeValue<S> & { [column: string]: unknown };

function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function invalid(expected: string, value: unknown): SchemaIssue {
  return new SchemaIssue([], `Invalid input: expected ${expected}, received ${received(value)}`);
}

function within(key: string | number, error: unknown): unknown {
  return error instanceof SchemaIssue ? new SchemaIssue([key, ...error.path], error.message) : error;
}

export function string(
  rules: { minLength?: number; pattern?: RegExp; message?: string } = {},
): Schema<string> {
  return {
    parse(value) {
      if (typeof value !== 'string') throw invalid('string', value);
      if (rules.minLength !== undefined && value.length < rules.minLength)
        throw new SchemaIssue([], `Too small: expected string to have >=${rules.minLength} characters`);
      if (rules.pattern && !rules.pattern.test(value))
        throw new SchemaIssue([], rules.message ?? `Invalid string: must match pattern ${rules.pattern}`);
      return value;
    },
  };
}

export function number(): Schema<number> {
  return {
    parse(value) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid('number', value);
      return value;
    },
  };
}

export function int(): Schema<number> {
  return {
    parse(value) {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid('int', value);
      return value;
    },
  };
}

export function boolean(): Schema<boolean> {
  return {
    parse(value) {
      if (typeof value !== 'boolean') throw invalid('boolean', value);
      return value;
    },
  };
}

export function literal<T extends string>(expected: T): Schema<T> {
  return {
    parse(value) {
      if (value !== expected) throw new SchemaIssue([], `Invalid input: expected "${expected}"`);
      return value as T;
    },
  };
}

export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return { parse: (value) => (value === null ? null : schema.parse(value)) };
}

export function nullish<T>(schema: Schema<T>): Schema<T | null | undefined> {
  return { parse: (value) => (value === null || value === undefined ? value : schema.parse(value)) };
}

/** A missing value (undefined) becomes `fallback`. */
export function withDefault<T>(schema: Schema<T>, fallback: T): Schema<T> {
  return { parse: (value) => (value === undefined ? fallback : schema.parse(value)) };
}

export function array<T>(item: Schema<T>): Schema<T[]> {
  return {
    parse(value) {
      if (!Array.isArray(value)) throw invalid('array', value);
      let out: unknown[] = value;
      for (let i = 0; i < value.length; i++) {
        let parsed: unknown;
        try {
          parsed = item.parse(value[i]);
        } catch (error) {
          throw within(i, error);
        }
        if (parsed !== value[i]) {
          if (out === value) out = value.slice();
          out[i] = parsed;
        }
      }
      return out as T[];
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function looseObject<S extends Shape>(shape: S): Schema<LooseObject<S>> {
  const keys = Object.keys(shape);
  const schemas = keys.map((key) => shape[key]);
  return {
    parse(value) {
      if (!isRecord(value)) throw invalid('object', value);
      let out = value;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const given = value[key];
        let parsed: unknown;
        try {
          parsed = schemas[i].parse(given);
        } catch (error) {
          throw within(key, error);
        }
        if (parsed !== given) {
          if (out === value) out = { ...value };
          out[key] = parsed;
        }
      }
      return out as LooseObject<S>;
    },
  };
}

/** One of several row shapes, chosen by the value of `key` (each option's name is that value). */
export function discriminatedUnion<K extends string, O extends Record<string, Schema<Record<K, string>>>>(
  key: K,
  options: O,
): Schema<Infer<O[keyof O]>> {
  const expected = Object.keys(options)
    .map((v) => `"${v}"`)
    .join(' or ');
  return {
    parse(value) {
      if (!isRecord(value)) throw invalid('object', value);
      const tag = value[key];
      const option =
        typeof tag === 'string' && Object.prototype.hasOwnProperty.call(options, tag)
          ? options[tag]
          : undefined;
      if (!option) throw new SchemaIssue([key], `Invalid input: expected ${expected}`);
      return option.parse(value) as Infer<O[keyof O]>;
    },
  };
}
