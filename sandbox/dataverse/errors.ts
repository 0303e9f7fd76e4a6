/**
 * Dataverse's error shapes and codes (reference/dataverse-webapi.md §1.5, §1.8, §1.9). Thrown
 * inside the request pipeline and turned into `{"error":{"code","message"}}` at its edge.
 */
export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const CODES = {
  objectDoesNotExist: '0x80040217',
  concurrencyVersionMismatch: '0x80060882',
  duplicateRecord: '0x80040237',
  validation: '0x80044331',
  invalidProperty: '0x80060888',
  badRequest: '0x80048d19',
  invalidStateTransition: '0x80043702',
  requestLimit: '0x80072322',
  concurrencyLimit: '0x80072326',
  unauthorized: '0x80072560',
  notSupported: '0x8006088a',
} as const;

export const errors = {
  notFound: (entity: string, id: string) =>
    new DataverseError(404, CODES.objectDoesNotExist, `${entity} With Id = ${id} Does Not Exist`),
  notFoundByKey: (entity: string, _key: string) =>
    new DataverseError(
      404,
      CODES.objectDoesNotExist,
      `A record with the specified key values does not exist in ${entity} entity`,
    ),
  versionMismatch: () =>
    new DataverseError(
      412,
      CODES.concurrencyVersionMismatch,
      "The version of the existing record doesn't match the RowVersion property provided.",
    ),
  alreadyExists: () =>
    new DataverseError(412, CODES.duplicateRecord, 'A record with matching key values already exists.'),
  validation: (message: string) =>
    new DataverseError(400, CODES.validation, `A validation error occurred.  ${message}`),
  unknownProperty: (property: string, entity: string) =>
    new DataverseError(
      400,
      CODES.invalidProperty,
      `The property '${property}' does not exist on type 'Microsoft.Dynamics.CRM.${entity}'. Make sure to only use property names that are defined by the type.`,
    ),
  badRequest: (message: string) => new DataverseError(400, CODES.badRequest, message),
  resourceNotFound: (segment: string) =>
    new DataverseError(404, '0x8006088a', `Resource not found for the segment '${segment}'.`),
  methodNotAllowed: (method: string) =>
    new DataverseError(
      405,
      CODES.notSupported,
      `The HTTP method '${method}' is not allowed for this resource.`,
    ),
  unauthorized: (reason: string) => new DataverseError(401, CODES.unauthorized, reason),
  requestLimit: (limit: number, windowSeconds: number, retryAfter: number) =>
    new DataverseError(
      429,
      CODES.requestLimit,
      `Number of requests exceeded the limit of ${limit} over time window of ${windowSeconds} seconds.`,
      { 'Retry-After': String(retryAfter) },
    ),
  concurrencyLimit: (limit: number) =>
    new DataverseError(
      429,
      CODES.concurrencyLimit,
      `Number of concurrent requests exceeded the limit of ${limit}.`,
      {
        'Retry-After': '1',
      },
    ),
};
