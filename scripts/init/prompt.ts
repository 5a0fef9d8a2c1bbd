/** Questions in the terminal for `npm run init` when a flag is missing. */
import { createInterface } from 'node:readline/promises';

export type Ask = (question: string) => Promise<string>;

export function terminalAsk(): Ask {
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
}
