/** Component type numbers (reference §2.4; 80 AppModule as exports use it). */
export const COMPONENT_TYPE = {
  entity: 1,
  attribute: 2,
  optionSet: 9,
  role: 20,
  savedQuery: 26,
  savedQueryVisualization: 59,
  systemForm: 60,
  webResource: 61,
  siteMap: 62,
  customControl: 66,
  fieldSecurityProfile: 70,
  appModule: 80,
  step: 92,
  serviceEndpoint: 95,
  environmentVariable: 380,
} as const;
