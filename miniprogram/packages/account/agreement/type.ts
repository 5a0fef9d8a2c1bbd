import type { LegalDoc } from '../data/legal';

/** 用户协议 / 隐私保护指引 (local copies)'s shape. */
export interface AgreementData {
  doc: LegalDoc;
}
