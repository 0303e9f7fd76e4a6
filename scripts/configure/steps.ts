/** What one configure step did, for the report printed at the end. */
export interface StepResult {
  readonly step: string;
  readonly changed: boolean;
  readonly detail: string;
}

export class ConfigureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigureError';
  }
}
