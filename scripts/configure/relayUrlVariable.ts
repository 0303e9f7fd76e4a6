/**
 * The stl_RelayUrl environment variable's value in this org: the solution ships the definition,
 * each environment sets its own value row (created once, then updated only when it differs).
 */
import type { DataverseClient } from '../../plugins-proxy/src/adapters/dataverse/client';
import { eq } from '../../plugins-proxy/src/adapters/dataverse/odata';
import { COMPONENTS, ENVIRONMENT_VARIABLE_TABLES } from '../../solution/names';
import { ConfigureError, type StepResult } from './steps';

type Row = Record<string, unknown>;
const DEF = ENVIRONMENT_VARIABLE_TABLES.definition;
const VAL = ENVIRONMENT_VARIABLE_TABLES.value;
const DEF_ID = `${DEF.logicalName}id`;
const STEP = `Environment variable ${COMPONENTS.relayUrlVariable}`;

export async function setRelayUrl(client: DataverseClient, relayUrl: string): Promise<StepResult> {
  const [definition] = await client.query<Row>(DEF.entitySet, {
    select: [DEF_ID, DEF.schemaName],
    filter: eq(DEF.schemaName, COMPONENTS.relayUrlVariable),
    expand: [{ navigation: DEF.values, select: [VAL.primaryId, VAL.value] }],
  });
  if (!definition)
    throw new ConfigureError(
      `${STEP}: this org has no definition; import the Stellarise Connector solution first.`,
    );
  const [current] = Array.isArray(definition[DEF.values]) ? (definition[DEF.values] as Row[]) : [];
  if (current && current[VAL.value] === relayUrl)
    return { step: STEP, changed: false, detail: `already ${relayUrl}` };
  if (current) {
    await client.update(`${VAL.entitySet}(${String(current[VAL.primaryId])})`, { [VAL.value]: relayUrl });
    return { step: STEP, changed: true, detail: `changed from ${String(current[VAL.value])} to ${relayUrl}` };
  }
  await client.create(VAL.entitySet, {
    [VAL.schemaName]: COMPONENTS.relayUrlVariable,
    [VAL.value]: relayUrl,
    [`${VAL.definition}@odata.bind`]: `/${DEF.entitySet}(${String(definition[DEF_ID])})`,
  });
  return { step: STEP, changed: true, detail: `set to ${relayUrl}` };
}
