import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the module at `url` (a sibling module's URL from import.meta.url). Built,
 * the module is JavaScript; under the tests the sources are TypeScript, so the thread first
 * registers tsx, which the tests run on, to load them.
 */
export function startThread(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData });
}

/** The URL of a sibling module of `from` (an import.meta.url), with the extension `from` has. */
export function siblingModule(from: string, name: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}
