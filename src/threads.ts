import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the module at `url` (a sibling module's URL from import.meta.url). Built,
 * the module is JavaScript; under the tests the sources are TypeScript, so the thread first
 * registers tsx, which the tests run on, to load them.
 */
export function startThread(url: URL, workerData: unknown): Worker {
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData })
    : new Worker(url, { workerData });
  // A thread that fails says so and ends; it does not take the process with it.
  worker.on('error', (e) => console.error(`thread ${url.pathname.split('/').pop()}: ${e.message}`));
  return worker;
}

/** Asks a thread of startThread() to finish ('stop' message) and resolves when it has. */
export function stopThread(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return Promise.resolve(); // already ended
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.postMessage('stop');
  });
}

/** The URL of a sibling module of `from` (an import.meta.url), with the extension `from` has. */
export function siblingModule(from: string, name: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}
