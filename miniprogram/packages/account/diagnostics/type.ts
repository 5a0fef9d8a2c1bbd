import type { PingResult } from '../services/ping';

/** 服务连通性's shape. */
export interface DiagnosticsData {
  transport: string;
  transportHint: string;
  pinging: boolean;
  pingResult: PingResult | null;
  /** The openid the server saw, masked: a screen (or a screenshot) must not show it whole. */
  openidMasked: string;
  pingError: string;
}
