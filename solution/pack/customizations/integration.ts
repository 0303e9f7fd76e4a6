import type { SolutionModel } from '../../model/types';
import { braced, componentId } from '../guid';
import { INTRODUCED_VERSION } from '../labels';
import { el, leaf, type XmlElement } from '../xml';

export const serviceEndpointId = (name: string): string => componentId('serviceendpoint', name);
export const stepId = (name: string): string => componentId('step', name);

/**
 * The platform's sdkmessage ids are the same in every org. [belief: well-known values, not
 * re-checked against an org here]
 */
export const SDK_MESSAGE_IDS = {
  Create: '9ebdbb1b-ea3e-db11-86a7-000a3a5473e8',
  Update: '20bebb1b-ea3e-db11-86a7-000a3a5473e8',
} as const;
/** Object type code of serviceendpoint, the event handler's table. [belief] */
const SERVICE_ENDPOINT_TYPE_CODE = 4618;
const AUTH_TYPE = { HttpHeader: 5 } as const;
const STAGE = { postOperation: 40 } as const;

export function serviceEndpointsXml(model: SolutionModel): XmlElement {
  return el(
    'ServiceEndpoints',
    {},
    model.serviceEndpoints.map((s) =>
      el('ServiceEndpoint', { ServiceEndpointId: braced(serviceEndpointId(s.name)), Name: s.name }, [
        leaf('ConnectionMode', 1),
        leaf('Contract', 8),
        leaf('Description', s.description),
        leaf('UserClaim', 1),
        leaf('IsCustomizable', 1),
        leaf('AuthType', AUTH_TYPE[s.authType]),
        leaf('MessageFormat', 2),
        leaf('NamespaceFormat', 2),
        leaf('Url', s.url),
      ]),
    ),
  );
}

export function stepsXml(model: SolutionModel): XmlElement {
  return el(
    'SdkMessageProcessingSteps',
    {},
    model.steps.map((s) =>
      el('SdkMessageProcessingStep', { SdkMessageProcessingStepId: braced(stepId(s.name)), Name: s.name }, [
        leaf('PrimaryEntity', s.table),
        leaf('AsyncAutoDelete', 1),
        leaf('Description', s.description),
        leaf('InvocationSource', 0),
        leaf('Mode', s.mode === 'async' ? 1 : 0),
        leaf('Rank', 1),
        leaf('SdkMessageId', braced(SDK_MESSAGE_IDS[s.message])),
        leaf('EventHandler', braced(serviceEndpointId(s.endpoint))),
        leaf('EventHandlerTypeCode', SERVICE_ENDPOINT_TYPE_CODE),
        leaf('Stage', STAGE[s.stage]),
        leaf('IsCustomizable', 1),
        leaf('IsHidden', 0),
        leaf('SupportedDeployment', 0),
        leaf('IntroducedVersion', INTRODUCED_VERSION),
      ]),
    ),
  );
}
