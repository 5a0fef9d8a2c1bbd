/** The app's clock. Tests replace it to move time (session expiry) without waiting. */
let source: () => number = () => Date.now();

export function now(): number {
  return source();
}

export function setClock(next?: () => number): void {
  source = next ?? (() => Date.now());
}
