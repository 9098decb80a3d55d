// Builds the server (tsc) and the web app (vite) when their output is missing or older than the sources.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const newest = (dir) => {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
};
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

const serverOut = 'dist/src/cli/main.js';
if (mtime(serverOut) < Math.max(newest('src'), newest('bench'), mtime('package.json'), mtime('tsconfig.json'))) {
  console.error('Building server…');
  execSync('npx tsc -p tsconfig.json', { stdio: 'inherit' });
}
if (fs.existsSync('web/index.html') && mtime('web/dist/index.html') < Math.max(newest('web/src'), mtime('web/index.html'), newest('src/domain'))) {
  console.error('Building web app…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
