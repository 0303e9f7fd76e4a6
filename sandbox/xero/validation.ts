// Request-body checks against the components of Xero's official OpenAPI document (when a path to it
// is given), as reference/xero-api.md §2 recommends: Ajv (strict: false) resolves the spec's
// circular $refs. Errors are split into whole-body problems and per-element problems so that a batch
// can report each element's ValidationErrors. Xero's business rules live in rules/ and domain/.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import yaml from 'js-yaml';

export interface SchemaReport {
  bodyErrors: string[];
  elementErrors: Map<number, string[]>;
}

export interface SchemaValidator {
  check(schemaName: string, body: unknown, collection?: string): SchemaReport;
}

const cache = new Map<string, Ajv>();

function ajvFor(specPath: string): Ajv {
  const cached = cache.get(specPath);
  if (cached) return cached;
  const doc = yaml.load(fs.readFileSync(specPath, 'utf8')) as { components: unknown };
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'xero', components: doc.components });
  cache.set(specPath, ajv);
  return ajv;
}

const noChecks: SchemaValidator = { check: () => ({ bodyErrors: [], elementErrors: new Map() }) };

export function createSchemaValidator(specPath: string | undefined): SchemaValidator {
  if (!specPath) return noChecks;
  const ajv = ajvFor(specPath);
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (name: string) => {
    let validate = compiled.get(name);
    if (!validate) {
      validate = ajv.getSchema(`xero#/components/schemas/${name}`);
      if (!validate) throw new Error(`The Xero spec has no schema named ${name}`);
      compiled.set(name, validate);
    }
    return validate;
  };
  return {
    check(schemaName, body, collection) {
      const report: SchemaReport = { bodyErrors: [], elementErrors: new Map() };
      const validate = validatorFor(schemaName);
      if (validate(body)) return report;
      for (const error of validate.errors ?? []) {
        const message = `${error.instancePath || '/'} ${error.message ?? 'is not valid'}`.trim();
        const element = collection ? new RegExp(`^/${collection}/(\\d+)`).exec(error.instancePath) : null;
        if (element) {
          const index = Number(element[1]);
          report.elementErrors.set(index, [...(report.elementErrors.get(index) ?? []), message]);
        } else report.bodyErrors.push(message);
      }
      return report;
    },
  };
}
