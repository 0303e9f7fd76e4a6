import type { EnvironmentVariable } from '../model/types';
import { INTRODUCED_VERSION, LANGUAGE } from './labels';
import { el, leaf, serialize } from './xml';

/** Dataverse's environment variable types: 100000000 String. */
const TYPE = { String: 100000000 } as const;

export const environmentVariablePath = (v: EnvironmentVariable): string =>
  `environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`;

/** Shaped like microsoft/coe-starter-kit's exported environmentvariabledefinition.xml files. */
export function environmentVariableXml(v: EnvironmentVariable): string {
  const localized = (name: string, text: string) =>
    el(name, { default: text }, [el('label', { description: text, languagecode: LANGUAGE })]);
  return serialize(
    el('environmentvariabledefinition', { schemaname: v.schemaName }, [
      localized('description', v.description),
      localized('displayname', v.displayName),
      leaf('introducedversion', INTRODUCED_VERSION),
      leaf('iscustomizable', 1),
      leaf('isrequired', v.required ? 1 : 0),
      leaf('secretstore', 0),
      leaf('type', TYPE[v.type]),
    ]),
  );
}
