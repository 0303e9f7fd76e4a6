import type { SecurityRole, SolutionModel } from '../../model/types';
import { braced, componentId } from '../guid';
import { INTRODUCED_VERSION } from '../labels';
import { tableOf } from '../lookup';
import { el, leaf, type XmlElement } from '../xml';

export const roleId = (name: string): string => componentId('role', name);
export const fieldSecurityProfileId = (name: string): string => componentId('fieldsecurityprofile', name);

/** Privilege names are `prv<Privilege><EntitySchemaName>`, e.g. prvReadInvoice, prvCreatestl_synchistory. */
export function privilegeNames(model: SolutionModel, role: SecurityRole): { name: string; level: string }[] {
  const byName = new Map<string, string>();
  for (const grant of role.grants) {
    const schema = tableOf(model, grant.table)?.schemaName ?? grant.table;
    for (const p of grant.privileges) {
      const name = `prv${p}${schema}`;
      const order = ['Basic', 'Local', 'Deep', 'Global'];
      const existing = byName.get(name);
      if (!existing || order.indexOf(grant.level) > order.indexOf(existing)) byName.set(name, grant.level);
    }
  }
  return [...byName.entries()]
    .map(([name, level]) => ({ name, level }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function rolesXml(model: SolutionModel): XmlElement {
  return el(
    'Roles',
    {},
    model.roles.map((role) =>
      el('Role', { id: braced(roleId(role.name)), name: role.name }, [
        leaf('IsCustomizable', 1),
        leaf('IntroducedVersion', INTRODUCED_VERSION),
        el(
          'RolePrivileges',
          {},
          privilegeNames(model, role).map((p) => el('RolePrivilege', p)),
        ),
      ]),
    ),
  );
}

export function fieldSecurityProfilesXml(model: SolutionModel): XmlElement {
  return el(
    'FieldSecurityProfiles',
    {},
    model.fieldSecurityProfiles.map((p) =>
      el(
        'FieldSecurityProfile',
        {
          name: p.name,
          description: p.description,
          fieldsecurityprofileid: braced(fieldSecurityProfileId(p.name)),
        },
        [
          el(
            'FieldPermissions',
            {},
            p.permissions.map((f) =>
              el('FieldPermission', {}, [
                leaf('EntityName', f.table),
                leaf('AttributeName', f.column),
                // 4 = Allowed, 0 = Not allowed (fieldpermission.canread etc.)
                leaf('CanRead', f.read ? 4 : 0),
                leaf('CanUpdate', f.update ? 4 : 0),
                leaf('CanCreate', f.create ? 4 : 0),
              ]),
            ),
          ),
        ],
      ),
    ),
  );
}
