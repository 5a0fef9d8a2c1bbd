import { CloudSdkError, ErrCode } from './errors';
import type { Invocation } from './invocation-context';

/**
 * Every I/O step a running function makes through wx-server-sdk (a database operation, a
 * storage call, an OpenAPI call) goes through `runIoStep`, which
 * - refuses the step once the invocation has ended (finished, failed or timed out): the
 *   platform freezes the instance then, so nothing it does later may land;
 * - calls the runtime's I/O hook (LocalCloud.setIoHook) before and after the step, so tests
 *   can inject faults and latency.
 * Operations on `LocalCloud.database` / `LocalCloud.storage` (test set-up) are not steps.
 */
export interface IoStep {
  kind: 'database' | 'storage' | 'openapi';
  /**
   * database: 'get' | 'count' | 'add' | 'set' | 'update' | 'remove';
   * storage: 'uploadFile' | 'downloadFile' | 'getTempFileURL' | 'deleteFile';
   * openapi: the API name, e.g. 'security.msgSecCheck'.
   */
  operation: string;
  /** Database steps: the collection. */
  collection?: string;
  /** The function making the step. */
  functionName: string;
  /**
   * before: awaited before the step runs; throwing (or rejecting) fails the step with that
   * error and the step does not happen. after: awaited after the step succeeded; throwing
   * fails the step with that error although its effect stays ("the write landed but the
   * reply was lost"). A promise that resolves later adds latency.
   */
  phase: 'before' | 'after';
}

export type IoHook = (step: IoStep) => void | Promise<void>;

/** A step as the caller describes it; the function name and phase are added here. */
export type IoStepInfo = Pick<IoStep, 'kind' | 'operation' | 'collection'>;

function describeStep(step: IoStepInfo): string {
  return step.collection
    ? `${step.kind} ${step.operation} on ${step.collection}`
    : `${step.kind} ${step.operation}`;
}

/** Rejects `what` (e.g. "storage uploadFile") when the invocation is over. */
export function assertInvocationRunning(invocation: Invocation, what: string): void {
  if (!invocation.ended) return;
  const timedOut = invocation.ended === 'timed out';
  throw new CloudSdkError(
    timedOut ? ErrCode.FUNCTION_TIMEOUT : ErrCode.FUNCTION_EXECUTE_FAIL,
    `${what} refused: the invocation of "${invocation.functionName}" has ` +
      `${timedOut ? 'timed out' : 'already ended'} (the platform freezes the instance, so this step never runs)`,
  );
}

/** Runs one I/O step of `invocation`: hook before, the step, hook after (see IoStep). */
export async function runIoStep<T>(
  invocation: Invocation,
  step: IoStepInfo,
  perform: () => T | Promise<T>,
): Promise<T> {
  const what = describeStep(step);
  assertInvocationRunning(invocation, what);
  const hook = invocation.runtime.ioHook;
  const described: Omit<IoStep, 'phase'> = {
    kind: step.kind,
    operation: step.operation,
    ...(step.collection === undefined ? {} : { collection: step.collection }),
    functionName: invocation.functionName,
  };
  if (hook) {
    await hook({ ...described, phase: 'before' });
    assertInvocationRunning(invocation, what);
  }
  const result = await perform();
  if (hook) await hook({ ...described, phase: 'after' });
  assertInvocationRunning(invocation, what);
  return result;
}
