/** Property names exactly as ControlManifest.Input.xml declares them. */
export const enum InputProperties {
  SyncStatus = 'syncStatus',
}

/**
 * Keys of strings/XeroPanel.1033.resx. A type, not an enum: pcf-scripts emits a const enum as an
 * object, and this control's bundle has no room for one (it carries the relay's mapper).
 */
export type StringKey =
  | 'Panel_Title'
  | 'Panel_Loading'
  | 'Status_NotSynced'
  | 'Status_Queued'
  | 'Status_Synced'
  | 'Status_Failed'
  | 'Status_OutOfDate'
  | 'Status_Unknown'
  | 'Caption_XeroNumber'
  | 'Caption_XeroStatus'
  | 'Caption_AmountPaid'
  | 'Caption_AmountDue'
  | 'Caption_NotInXero'
  | 'Link_OpenInXero'
  | 'Link_OnlineInvoice'
  | 'Link_Help'
  | 'Button_Sync'
  | 'Button_Retry'
  | 'Button_SyncRunning'
  | 'Notice_Unsaved'
  | 'Preflight_Heading'
  | 'Preflight_Clean'
  | 'Preflight_Blocked'
  | 'Preflight_Fix'
  | 'Preflight_ContactLinked'
  | 'Preflight_ContactAtSync'
  | 'Totals_Dynamics'
  | 'Totals_Xero'
  | 'Totals_Difference'
  | 'History_Heading'
  | 'History_Empty'
  | 'History_Queued'
  | 'History_InProgress'
  | 'History_Succeeded'
  | 'History_Failed'
  | 'History_Skipped'
  | 'History_NeedsReview'
  | 'Error_LoadFailed'
  | 'Error_SyncFailed';
