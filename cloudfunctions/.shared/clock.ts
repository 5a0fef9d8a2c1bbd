/**
 * The functions' clock (ms since the epoch). Production reads Date.now; tests point it at
 * the local runtime's clock (`setClock(() => t.now())`), so a function's own time maths
 * (rate-limit windows, expiry checks) and the runtime's serverDate and stand-ins agree.
 */
let clock: () => number = Date.now;

export function now(): number {
  return clock();
}

/** Tests only: replace the clock; no argument restores Date.now. */
export function setClock(next?: () => number): void {
  clock = next ?? Date.now;
}
