/// <reference types="xrm" />

/** Ribbon actions pass the form context (PrimaryControl); form events pass an execution context. Accept both. */
export type FormOrEventContext = Xrm.FormContext | Xrm.Events.EventContext;

export function toFormContext(control: FormOrEventContext): Xrm.FormContext {
  return 'getFormContext' in control ? control.getFormContext() : control;
}
