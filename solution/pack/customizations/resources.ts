import type { PcfControl, SolutionModel, WebResource } from '../../model/types';
import { braced, componentId } from '../guid';
import { INTRODUCED_VERSION } from '../labels';
import { el, leaf, type XmlElement } from '../xml';

export const WEB_RESOURCE_TYPE: Record<WebResource['type'], number> = {
  html: 1,
  css: 2,
  script: 3,
  png: 5,
  svg: 11,
};

export const webResourceId = (name: string): string => componentId('webresource', name);

/** Platform export naming: the name without `.` and `/`, then the upper-case GUID, no extension. */
export function webResourceZipPath(resource: WebResource): string {
  const id = webResourceId(resource.name).toUpperCase();
  return `WebResources/${resource.name.replace(/[./]/g, '')}${id}`;
}

export const controlFolder = (control: PcfControl): string => `Controls/${control.name}`;

/** The XSD's child order; the `.data.xml` variant of the unpacked layout leaves out FileName. */
export function webResourceXml(resource: WebResource, withFileName = true): XmlElement {
  return el('WebResource', {}, [
    leaf('WebResourceId', braced(webResourceId(resource.name))),
    leaf('Name', resource.name),
    leaf('DisplayName', resource.displayName),
    leaf('Description', resource.description),
    leaf('WebResourceType', WEB_RESOURCE_TYPE[resource.type]),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    leaf('IsEnabledForMobileClient', 0),
    leaf('IsAvailableForMobileOffline', 0),
    leaf('IsCustomizable', 1),
    leaf('CanBeDeleted', 1),
    leaf('IsHidden', 0),
    withFileName ? leaf('FileName', `/${webResourceZipPath(resource)}`) : null,
  ]);
}

export const webResourcesXml = (model: SolutionModel): XmlElement =>
  el(
    'WebResources',
    {},
    model.webResources.map((w) => webResourceXml(w)),
  );

export function customControlXml(control: PcfControl): XmlElement {
  return el('CustomControl', {}, [
    leaf('Name', control.name),
    leaf('FileName', `/${controlFolder(control)}/ControlManifest.xml`),
  ]);
}

export const customControlsXml = (model: SolutionModel): XmlElement =>
  el('CustomControls', {}, model.controls.map(customControlXml));
