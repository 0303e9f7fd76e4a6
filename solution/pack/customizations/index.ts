import type { SolutionModel } from '../../model/types';
import { LANGUAGE } from '../labels';
import { el, leaf, serialize, type XmlElement } from '../xml';
import { appModuleSiteMapsXml, appModulesXml, type SiteMapSources } from './app';
import { dashboardsXml } from './dashboards';
import { entitiesXml } from './entities';
import { serviceEndpointsXml, stepsXml } from './integration';
import { optionSetsXml, relationshipsXml } from './relationships';
import { customControlsXml, webResourcesXml } from './resources';
import { fieldSecurityProfilesXml, rolesXml } from './security';

/** customizations.xml, top-level sections in the XSD's order (reference §1.5), empty ones as exports write them. */
export function customizationsElement(
  model: SolutionModel,
  siteMaps: SiteMapSources,
  managed = false,
): XmlElement {
  return el('ImportExportXml', { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' }, [
    entitiesXml(model, managed),
    rolesXml(model),
    el('Workflows'),
    fieldSecurityProfilesXml(model),
    el('Templates'),
    el('EntityMaps'),
    relationshipsXml(model),
    el('OrganizationSettings'),
    optionSetsXml(model),
    dashboardsXml(model),
    webResourcesXml(model),
    customControlsXml(model),
    el('SolutionPluginAssemblies'),
    stepsXml(model),
    serviceEndpointsXml(model),
    appModuleSiteMapsXml(model, siteMaps),
    appModulesXml(model, managed),
    el('EntityDataProviders'),
    el('Languages', {}, [leaf('Language', LANGUAGE)]),
  ]);
}

/** The managed package ships the forms and apps it extends as diffs (our parts Added); see forms.ts. */
export function customizationsXml(model: SolutionModel, siteMaps: SiteMapSources, managed = false): string {
  return serialize(customizationsElement(model, siteMaps, managed));
}
