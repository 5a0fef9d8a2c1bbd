import { profileCapabilities, type ProfileCapabilities } from '../utils/profile-capabilities';
import { clientPlatform, sdkVersion } from '../../../utils/version';

/** What this client supports on 个人资料 (see utils/profile-capabilities.ts). */
export function clientCapabilities(): ProfileCapabilities {
  return profileCapabilities(
    sdkVersion(),
    clientPlatform(),
    (schema) => wx.canIUse(schema),
    typeof wx.getUserProfile === 'function',
  );
}
