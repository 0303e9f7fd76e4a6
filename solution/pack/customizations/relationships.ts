import type { SolutionModel } from '../../model/types';
import { descriptions, displayNames, INTRODUCED_VERSION, labels } from '../labels';
import { tableOf } from '../lookup';
import { el, leaf, type XmlElement } from '../xml';

/** Schema name of a table as exports write it in relationships (Invoice, stl_connection). */
function schemaOf(model: SolutionModel, logicalName: string): string {
  return tableOf(model, logicalName)?.schemaName ?? logicalName;
}

export function relationshipsXml(model: SolutionModel): XmlElement {
  return el(
    'EntityRelationships',
    {},
    [...model.relationships]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((r) =>
        el('EntityRelationship', { Name: r.name }, [
          leaf('EntityRelationshipType', 'OneToMany'),
          leaf('IsCustomizable', 1),
          leaf('IntroducedVersion', INTRODUCED_VERSION),
          leaf('IsHierarchical', 0),
          leaf('ReferencingEntityName', schemaOf(model, r.referencingTable)),
          leaf('ReferencedEntityName', schemaOf(model, r.referencedTable)),
          leaf('CascadeAssign', 'NoCascade'),
          leaf('CascadeDelete', r.cascadeDelete),
          leaf('CascadeReparent', 'NoCascade'),
          leaf('CascadeShare', 'NoCascade'),
          leaf('CascadeUnshare', 'NoCascade'),
          leaf('CascadeRollupView', 'NoCascade'),
          leaf('IsValidForAdvancedFind', 1),
          leaf('ReferencingAttributeName', r.navigationProperty),
          el('RelationshipDescription', {}, [descriptions('')]),
          el('EntityRelationshipRoles', {}, [
            el('EntityRelationshipRole', {}, [
              leaf('NavPaneDisplayOption', 'UseCollectionName'),
              leaf('NavPaneArea', 'Details'),
              leaf('NavPaneOrder', 10000),
              leaf('NavigationPropertyName', r.navigationProperty),
              leaf('RelationshipRoleType', 1),
            ]),
            el('EntityRelationshipRole', {}, [
              leaf('NavigationPropertyName', r.name),
              leaf('RelationshipRoleType', 0),
            ]),
          ]),
        ]),
      ),
  );
}

export function optionSetsXml(model: SolutionModel): XmlElement {
  return el(
    'optionsets',
    {},
    model.choices.map((c) =>
      el('optionset', { Name: c.name, localizedName: c.displayName, description: c.description }, [
        leaf('OptionSetType', 'picklist'),
        leaf('IsGlobal', 1),
        leaf('IntroducedVersion', INTRODUCED_VERSION),
        leaf('IsCustomizable', 1),
        displayNames(c.displayName),
        descriptions(c.description),
        el(
          'options',
          {},
          c.options.map((o) => el('option', { value: o.value }, [labels(o.label)])),
        ),
      ]),
    ),
  );
}
