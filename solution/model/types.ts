/**
 * The solution model's types: typed data from which the packer writes every XML file. Logical
 * names come from solution/names.ts; this layer adds display names, descriptions, types, lengths
 * and the components (forms, views, ribbon, app, roles) that reference them.
 */

import type { Chart, Dashboard, ViewCondition, ViewLink } from './dashboardTypes';

export type RequiredLevel = 'none' | 'recommended' | 'required';

/** Dataverse's own user-facing words: a label and a sentence saying what it is for. */
export interface Labelled {
  readonly displayName: string;
  readonly description: string;
}

interface ColumnBase extends Labelled {
  readonly logicalName: string;
  /** Defaults to the logical name; lookups use their navigation property (see names.ts LOOKUPS). */
  readonly schemaName?: string;
  readonly required?: RequiredLevel;
  /** Field-level security: only users with a field security profile can read or write it. */
  readonly secured?: boolean;
}

export interface StringColumn extends ColumnBase {
  readonly type: 'string';
  readonly maxLength: number;
  readonly format?: 'text' | 'url' | 'email';
}
export interface MemoColumn extends ColumnBase {
  readonly type: 'memo';
  readonly maxLength: number;
}
export interface IntegerColumn extends ColumnBase {
  readonly type: 'integer';
  readonly min?: number;
  readonly max?: number;
}
export interface DecimalColumn extends ColumnBase {
  readonly type: 'decimal';
  readonly precision: number;
  readonly min?: number;
  readonly max?: number;
}
export interface MoneyColumn extends ColumnBase {
  readonly type: 'money';
}
export interface DateTimeColumn extends ColumnBase {
  readonly type: 'datetime' | 'dateonly';
}
export interface BooleanColumn extends ColumnBase {
  readonly type: 'boolean';
  readonly trueLabel: string;
  readonly falseLabel: string;
  readonly defaultValue: boolean;
}
export interface ChoiceColumn extends ColumnBase {
  readonly type: 'choice';
  /** The global choice's name (CHOICES in names.ts). */
  readonly choice: string;
  readonly defaultValue?: number;
}
export interface LookupColumn extends ColumnBase {
  readonly type: 'lookup';
  /** Logical name of the table it points at. */
  readonly target: string;
}

export type Column =
  | StringColumn
  | MemoColumn
  | IntegerColumn
  | DecimalColumn
  | MoneyColumn
  | DateTimeColumn
  | BooleanColumn
  | ChoiceColumn
  | LookupColumn;

export interface CustomTable extends Labelled {
  readonly kind: 'custom';
  readonly logicalName: string;
  readonly schemaName: string;
  readonly entitySet: string;
  readonly pluralName: string;
  readonly primaryName: StringColumn;
  readonly columns: readonly Column[];
}

/** A Dynamics table the solution extends (invoice, invoicedetail, product). */
export interface SystemTableExtension {
  readonly kind: 'system';
  readonly logicalName: string;
  readonly schemaName: string;
  readonly displayName: string;
  readonly columns: readonly Column[];
  /** The Microsoft solution that brings the table (an org without it gets a clear import error). */
  readonly solution: string;
}

export type Table = CustomTable | SystemTableExtension;

export interface ChoiceOption {
  readonly value: number;
  readonly label: string;
}
export interface GlobalChoice extends Labelled {
  readonly name: string;
  readonly options: readonly ChoiceOption[];
}

/** A one-to-many relationship, made from a lookup column. */
export interface Relationship {
  readonly name: string;
  readonly referencedTable: string;
  readonly referencingTable: string;
  readonly lookupColumn: string;
  readonly navigationProperty: string;
  readonly cascadeDelete: 'RemoveLink' | 'Restrict' | 'Cascade';
}

export interface AlternateKey {
  readonly table: string;
  readonly name: string;
  readonly displayName: string;
  readonly columns: readonly string[];
}

export type FormCell =
  | { readonly kind: 'field'; readonly column: string; readonly label?: string }
  | {
      readonly kind: 'pcf';
      readonly column: string;
      /** The control's id on the form, the column by default; needed when a column carries two controls. */
      readonly controlId?: string;
      readonly control: string;
      readonly label: string;
      /** Manifest property name -> the column it is bound to (the first is the control's own column). */
      readonly bindings: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'subgrid';
      readonly id: string;
      readonly label: string;
      readonly table: string;
      /** A relationship of the model, or a Dynamics one (SYSTEM_RELATIONSHIPS in known.ts). */
      readonly relationship: string;
      readonly view: string;
    };

export interface FormSection {
  readonly name: string;
  readonly label: string;
  readonly cells: readonly FormCell[];
}
export interface FormTab {
  readonly name: string;
  readonly label: string;
  readonly sections: readonly FormSection[];
  /** A tab of the Dynamics form we extend, reproduced (solution/model/salesForms.ts); ours otherwise. */
  readonly system?: boolean;
}
/** The Dynamics main form a form of ours extends: its id in every org, and where it was read. */
export interface SystemFormRef {
  readonly formId: string;
  readonly source: string;
}
export interface Form {
  readonly table: string;
  /** Unique per table; the GUID is derived from table + name unless the form extends a system form. */
  readonly name: string;
  readonly type: 'main';
  readonly description: string;
  readonly tabs: readonly FormTab[];
  /** Fields in the form header (the system form's own), with their labels. */
  readonly header?: readonly { readonly column: string; readonly label: string }[];
  /**
   * Set when this is a Dynamics form we extend: it ships under the system form's own id, as a
   * diff (our tabs Added) in the managed package and as the full form in the unmanaged one.
   */
  readonly systemForm?: SystemFormRef;
}

/** Saved query types Dataverse uses: 0 public, 2 associated, 4 quick find, 64 lookup. */
export type ViewType = 'public' | 'associated' | 'quickfind' | 'lookup';
export interface View {
  /** A custom table, or a system table the solution adds a view to. */
  readonly table: string;
  readonly name: string;
  readonly type: ViewType;
  readonly isDefault: boolean;
  readonly columns: readonly string[];
  readonly sortBy: string;
  readonly descending?: boolean;
  readonly activeOnly: boolean;
  /** Quick find: the columns searched. */
  readonly findColumns?: readonly string[];
  /** Conditions beyond statecode, all of which must hold. */
  readonly conditions?: readonly ViewCondition[];
  /** Rows of another table that must exist (an inner link-entity that only filters). */
  readonly link?: ViewLink;
}

export type RibbonParameter = 'PrimaryControl' | 'SelectedControl' | 'SelectedControlSelectedItemIds';

/** When a command is enabled; Unified Interface hides a command whose rules say no. */
export type RibbonEnableRule =
  | { readonly kind: 'notCreateForm' }
  | { readonly kind: 'selectionAtLeastOne' }
  | {
      readonly kind: 'custom';
      /** Unique per table; part of the rule id. */
      readonly name: string;
      readonly library: string;
      readonly functionName: string;
      readonly parameters: readonly RibbonParameter[];
    };

export interface RibbonButton {
  readonly id: string;
  readonly table: string;
  readonly location: 'form' | 'grid';
  readonly label: string;
  readonly tooltip: string;
  readonly library: string;
  readonly functionName: string;
  readonly parameters: readonly RibbonParameter[];
  readonly icon: string;
  /** All must hold. */
  readonly enableRules: readonly RibbonEnableRule[];
  readonly sequence: number;
}

export interface WebResource {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly type: 'html' | 'css' | 'script' | 'svg' | 'png';
  /** Where the file comes from, relative to the artifacts directory or the repo. */
  readonly source: { readonly from: 'artifacts' | 'repo'; readonly path: string };
}

export interface PcfControl {
  readonly name: string;
  readonly displayName: string;
  /** Folder with ControlManifest.xml and bundle.js, relative to the artifacts directory. */
  readonly artifactsPath: string;
}

export type PrivilegeLevel = 'Basic' | 'Local' | 'Deep' | 'Global';
export type Privilege = 'Create' | 'Read' | 'Write' | 'Delete' | 'Append' | 'AppendTo' | 'Assign' | 'Share';
export interface RolePrivilegeGrant {
  readonly table: string;
  readonly privileges: readonly Privilege[];
  readonly level: PrivilegeLevel;
}
export interface SecurityRole {
  readonly name: string;
  readonly description: string;
  readonly grants: readonly RolePrivilegeGrant[];
}

export interface FieldSecurityProfile {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly permissions: readonly {
    readonly table: string;
    readonly column: string;
    readonly read: boolean;
    readonly update: boolean;
    readonly create: boolean;
  }[];
}

export interface EnvironmentVariable extends Labelled {
  readonly schemaName: string;
  readonly type: 'String';
  readonly required: boolean;
}

export interface ServiceEndpoint {
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly authType: 'HttpHeader';
}

export interface ProcessingStep {
  readonly name: string;
  readonly description: string;
  readonly message: 'Create' | 'Update';
  readonly table: string;
  readonly mode: 'async' | 'sync';
  readonly stage: 'postOperation';
  readonly endpoint: string;
}

export interface AppModule extends Labelled {
  readonly uniqueName: string;
  /** Its components: these tables, with their forms and views of the package. */
  readonly tables: readonly string[];
  /** Path of the SiteMap XML source, relative to the repo. */
  readonly siteMapSource: string;
  readonly roles: readonly string[];
  /** Dashboards (by name) the app shows; their charts come with them. */
  readonly dashboards?: readonly string[];
}

/**
 * A first-party app the solution adds components to (Sales Hub): shipped under its own unique
 * name with only our components, marked Added in the managed package. Its SiteMap is not ours to
 * ship (that stays a configure step, docs/sales-hub.md).
 */
export interface AppModuleExtension extends Labelled {
  readonly uniqueName: string;
  readonly tables: readonly string[];
  /** Dashboards (by name) added to the app; their charts come with them. */
  readonly dashboards?: readonly string[];
  /** Where the unique name was confirmed. */
  readonly source: string;
  /** The solution the app comes with, for MissingDependencies. */
  readonly solution: string;
}

export interface Publisher {
  readonly uniqueName: string;
  readonly displayName: string;
  readonly description: string;
  readonly prefix: string;
  readonly optionValuePrefix: number;
}

export interface SolutionModel {
  readonly uniqueName: string;
  readonly displayName: string;
  readonly description: string;
  readonly version: string;
  readonly publisher: Publisher;
  readonly tables: readonly Table[];
  readonly choices: readonly GlobalChoice[];
  readonly relationships: readonly Relationship[];
  readonly alternateKeys: readonly AlternateKey[];
  readonly forms: readonly Form[];
  readonly views: readonly View[];
  readonly ribbon: readonly RibbonButton[];
  readonly webResources: readonly WebResource[];
  readonly controls: readonly PcfControl[];
  readonly roles: readonly SecurityRole[];
  readonly fieldSecurityProfiles: readonly FieldSecurityProfile[];
  readonly environmentVariables: readonly EnvironmentVariable[];
  readonly serviceEndpoints: readonly ServiceEndpoint[];
  readonly steps: readonly ProcessingStep[];
  readonly appModules: readonly AppModule[];
  readonly charts: readonly Chart[];
  readonly dashboards: readonly Dashboard[];
  readonly appModuleExtensions: readonly AppModuleExtension[];
}
