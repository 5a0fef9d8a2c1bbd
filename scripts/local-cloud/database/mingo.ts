import path from 'path';

/**
 * mingo, always through its CommonJS build. Its package `exports` send the "default"
 * condition to the ES module build, which jest's jsdom environment picks (and cannot run
 * untransformed); requiring the CJS entry by path works in node, tsx and every jest
 * environment.
 */
type Mingo = typeof import('mingo');

function loadMingo(): Mingo {
  // `require` is typed by the mini-program typings here; at run time it is Node's.
  const packageDir = path.dirname((require as unknown as NodeJS.Require).resolve('mingo/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(packageDir, 'cjs', 'index.js')) as Mingo;
}

export const mingo: Mingo = loadMingo();
