import type { PermissionRow } from '../utils/permissions';

/** 设置's shape. */
export interface SettingsData {
  permissions: PermissionRow[];
  permissionsLoaded: boolean;
  permissionsError: string;
  version: string;
  sdkVersion: string;
}
