import { respond, wxFail, type CallbackErrorSink, type WxError } from './async';

/**
 * The privacy authorization state machine of base library >= 2.32.3, as documented for
 * wx.onNeedPrivacyAuthorization / wx.requirePrivacyAuthorize / wx.getPrivacySetting:
 *
 * - A privacy API (or component) used before the user agreed stays pending and the ONE
 *   registered listener is called as `listener(resolve, { referrer })`. Registering again
 *   replaces the listener. Every pending call gets its own listener call and its own
 *   `resolve`, and only the call behind that `resolve` continues (WeChat's official demo
 *   keeps every `resolve` in a Set and resolves them all).
 * - `resolve({ event: 'exposureAuthorization' })` reports that the popup was shown.
 * - `resolve({ event: 'agree', buttonId })` is honoured only if the user really tapped the
 *   `<button open-type="agreePrivacyAuthorization" id="{buttonId}">` (the base library checks
 *   it). Tests play that native tap with `userTapsAgree(buttonId)`, which by itself records
 *   the agreement in WeChat. An agree without such a tap is recorded in `errors` and the
 *   call stays pending.
 * - `resolve({ event: 'disagree' })` fails the call with
 *   `<api>:fail privacy permission is not authorized` (errno 104). Nothing is remembered:
 *   the next privacy call asks again.
 * - No listener registered: WeChat shows its own system popup. The fake answers it with
 *   `systemPopupAnswer` ('disagree' by default, so tests that forget a listener see the
 *   refusal path); 'agree' records the agreement.
 * - The agreement is WeChat's state: it survives `restartApp()`; the listener, pending
 *   calls and recorded taps do not.
 * - Below 2.32.3 there is no privacy check at all (and the four APIs are absent).
 *
 * getPrivacySetting, requirePrivacyAuthorize and openPrivacyContract are documented as
 * NOT supporting the Promise style: called without callbacks they return undefined.
 */

export type PrivacyEvent = 'exposureAuthorization' | 'agree' | 'disagree';

export interface PrivacyResolveOption {
  event: PrivacyEvent;
  buttonId?: string;
}

export interface PrivacyEventInfo {
  referrer: string;
}

/** The real listener signature (miniprogram-api-typings 5.x has it wrong). */
export type NeedPrivacyAuthorizationListener = (
  resolve: (option: PrivacyResolveOption) => void,
  eventInfo: PrivacyEventInfo,
) => void;

export const PRIVACY_NOT_AUTHORIZED = 'privacy permission is not authorized';
export const PRIVACY_ERRNO = 104;
export const DEFAULT_PRIVACY_CONTRACT_NAME = '《小程序隐私保护指引》';

export type PrivacyOutcome = 'allowed' | 'refused';

export interface PrivacyRequestRecord {
  referrer: string;
  /** How it was decided: already agreed, the app's listener, WeChat's popup, or no check. */
  via: 'agreed' | 'listener' | 'system-popup' | 'unsupported';
  outcome?: PrivacyOutcome;
}

/** Test-facing view of the privacy state (`fake.privacy`). */
export interface FakePrivacy {
  /** Whether the user agreed to the privacy guide (WeChat state: survives restarts). */
  agreed: boolean;
  privacyContractName: string;
  /** How the user answers WeChat's own popup when the app registered no listener. */
  systemPopupAnswer: 'agree' | 'disagree';
  readonly contractOpened: number;
  /** `resolve({ event: 'exposureAuthorization' })` calls. */
  readonly exposures: number;
  /** Times WeChat's own popup was shown (no listener registered). */
  readonly systemPopups: number;
  /** Misuse the real base library would reject (agree without a tap, bad events...). */
  readonly errors: string[];
  /** Every privacy check, in order. */
  readonly requests: readonly PrivacyRequestRecord[];
  /** Calls currently waiting for the user. */
  readonly pending: readonly PrivacyEventInfo[];
  readonly hasListener: boolean;
  readonly tappedButtons: readonly string[];
  /** The native tap on `<button open-type="agreePrivacyAuthorization" id={buttonId}>`. */
  userTapsAgree(buttonId: string): void;
  /** Plays "the user touched a privacy component" (chooseAvatar button, nickname input...). */
  touch(referrer: string): Promise<void>;
  /** Forgets the agreement, taps, pending calls, counters and errors (keeps the listener). */
  reset(): void;
}

interface PendingRequest {
  session: number;
  record: PrivacyRequestRecord;
  settled: boolean;
  allow: () => void;
  refuse: (error: WxError) => void;
}

export class PrivacyMachine implements FakePrivacy {
  agreed: boolean;
  privacyContractName: string;
  systemPopupAnswer: 'agree' | 'disagree' = 'disagree';
  contractOpened = 0;
  exposures = 0;
  systemPopups = 0;
  readonly errors: string[] = [];
  readonly requests: PrivacyRequestRecord[] = [];

  private session = 0;
  private listener: NeedPrivacyAuthorizationListener | undefined;
  private pendingRequests: PendingRequest[] = [];
  private readonly taps = new Set<string>();

  constructor(
    private readonly sink: CallbackErrorSink,
    /** Whether the running base library has the privacy mechanism (>= 2.32.3). */
    private readonly supported: () => boolean,
    options: { agreed?: boolean; privacyContractName?: string } = {},
  ) {
    this.agreed = options.agreed ?? false;
    this.privacyContractName = options.privacyContractName ?? DEFAULT_PRIVACY_CONTRACT_NAME;
  }

  get pending(): PrivacyEventInfo[] {
    return this.pendingRequests.map((request) => ({ referrer: request.record.referrer }));
  }

  get hasListener(): boolean {
    return this.listener !== undefined;
  }

  get tappedButtons(): string[] {
    return [...this.taps];
  }

  userTapsAgree(buttonId: string): void {
    this.taps.add(buttonId);
    this.agreed = true;
  }

  touch(referrer: string): Promise<void> {
    return this.check(referrer);
  }

  reset(): void {
    this.agreed = false;
    this.taps.clear();
    this.pendingRequests = [];
    this.contractOpened = 0;
    this.exposures = 0;
    this.systemPopups = 0;
    this.errors.length = 0;
    this.requests.length = 0;
  }

  /** An app restart: drops the listener, pending calls and taps; keeps the agreement. */
  restart(): void {
    this.session += 1;
    this.listener = undefined;
    this.pendingRequests = [];
    this.taps.clear();
  }

  /**
   * The check every privacy API and component goes through. Resolves when the call may
   * proceed, rejects with `{ errMsg: '<referrer>:fail privacy permission is not authorized', errno: 104 }`.
   */
  check(referrer: string): Promise<void> {
    if (!this.supported()) {
      this.requests.push({ referrer, via: 'unsupported', outcome: 'allowed' });
      return Promise.resolve();
    }
    if (this.agreed) {
      this.requests.push({ referrer, via: 'agreed', outcome: 'allowed' });
      return Promise.resolve();
    }
    const listener = this.listener;
    const record: PrivacyRequestRecord = { referrer, via: listener ? 'listener' : 'system-popup' };
    this.requests.push(record);
    return new Promise<void>((allow, refuse) => {
      const request: PendingRequest = { session: this.session, record, settled: false, allow, refuse };
      this.pendingRequests.push(request);
      if (listener) {
        try {
          listener((option) => this.handleResolve(request, option), { referrer });
        } catch (error) {
          this.sink.callbackErrors.push(error);
          console.error('[fake wx] onNeedPrivacyAuthorization listener threw', error);
        }
      } else {
        this.systemPopups += 1;
        void Promise.resolve().then(() => {
          if (this.systemPopupAnswer === 'agree') this.agreed = true;
          this.settle(request, this.systemPopupAnswer === 'agree');
        });
      }
    });
  }

  private handleResolve(request: PendingRequest, option: unknown): void {
    if (request.session !== this.session) return; // The app that asked is gone.
    const { event, buttonId } = (typeof option === 'object' && option !== null ? option : {}) as {
      event?: unknown;
      buttonId?: unknown;
    };
    const referrer = request.record.referrer;
    if (event === 'exposureAuthorization') {
      this.exposures += 1;
      return;
    }
    if (event !== 'agree' && event !== 'disagree') {
      this.errors.push(`resolve() for "${referrer}" called with an unknown event: ${JSON.stringify(option)}`);
      return;
    }
    if (request.settled) {
      this.errors.push(
        `resolve({ event: '${event}' }) for "${referrer}" called after the call was already decided`,
      );
      return;
    }
    if (event === 'disagree') {
      this.settle(request, false);
      return;
    }
    if (typeof buttonId !== 'string' || buttonId === '') {
      this.errors.push(`resolve({ event: 'agree' }) for "${referrer}" without a buttonId: not granted`);
      return;
    }
    if (!this.taps.has(buttonId)) {
      this.errors.push(
        `resolve({ event: 'agree', buttonId: '${buttonId}' }) for "${referrer}" but no agreePrivacyAuthorization ` +
          `button with that id was tapped: not granted`,
      );
      return;
    }
    this.agreed = true;
    this.settle(request, true);
  }

  private settle(request: PendingRequest, allowed: boolean): void {
    if (request.settled) return;
    request.settled = true;
    request.record.outcome = allowed ? 'allowed' : 'refused';
    this.pendingRequests = this.pendingRequests.filter((candidate) => candidate !== request);
    if (allowed) request.allow();
    else {
      request.refuse({
        errMsg: `${request.record.referrer}:fail ${PRIVACY_NOT_AUTHORIZED}`,
        errno: PRIVACY_ERRNO,
      });
    }
  }

  /** The four wx APIs (present only from 2.32.3; the caller hides them below). */
  api(): Record<string, (...args: never[]) => unknown> {
    return {
      getPrivacySetting: (options?: unknown) =>
        respond(
          this.sink,
          'getPrivacySetting',
          options,
          () => ({
            needAuthorization: !this.agreed,
            privacyContractName: this.privacyContractName,
          }),
          { promise: false },
        ),
      onNeedPrivacyAuthorization: (listener?: unknown) => {
        if (typeof listener !== 'function') {
          throw wxFail('onNeedPrivacyAuthorization:fail parameter error: listener should be Function');
        }
        this.listener = listener as NeedPrivacyAuthorizationListener;
      },
      requirePrivacyAuthorize: (options?: unknown) =>
        respond(
          this.sink,
          'requirePrivacyAuthorize',
          options,
          // The referrer WeChat reports for this call is not documented; the API name is used.
          () => this.check('requirePrivacyAuthorize').then(() => ({})),
          { promise: false },
        ),
      openPrivacyContract: (options?: unknown) =>
        respond(
          this.sink,
          'openPrivacyContract',
          options,
          () => {
            this.contractOpened += 1;
            return {};
          },
          { promise: false },
        ),
    };
  }
}
