/** Property names exactly as ControlManifest.Input.xml declares them. */
export const enum InputProperties {
  SyncStatus = 'syncStatus',
  XeroNumber = 'xeroNumber',
  LastSyncedOn = 'lastSyncedOn',
}

/** Keys of strings/XeroStatus.1033.resx that the control shows. */
export const enum StringKeys {
  StatusNotSynced = 'Status_NotSynced',
  StatusQueued = 'Status_Queued',
  StatusSynced = 'Status_Synced',
  StatusFailed = 'Status_Failed',
  StatusOutOfDate = 'Status_OutOfDate',
  StatusUnknown = 'Status_Unknown',
  CaptionXeroNumber = 'Caption_XeroNumber',
  CaptionLastSynced = 'Caption_LastSynced',
  CaptionNeverSynced = 'Caption_NeverSynced',
}
