import { observable } from 'mobx-miniprogram';

export const DEFAULT_CONTRACT_NAME = '《小程序隐私保护指引》';

/**
 * What the privacy popup shows: the name of the app's privacy guide, as WeChat reports it
 * (ui/privacy-requests.ts reads it and answers WeChat's privacy requests).
 */
export const privacyStore = observable({
  contractName: DEFAULT_CONTRACT_NAME,

  applySetting(contractName: string): void {
    this.contractName = contractName || DEFAULT_CONTRACT_NAME;
  },
});
