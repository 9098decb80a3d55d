import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { ADMIN_PASSWORD } from './e2e/credentials';
import { smtpSinkPort } from './e2e/smtp-sink';

/**
 * Browser tests against the real server (built by `npm run test:e2e`) on a fresh data directory,
 * with Debian's chromium. The admin account is created with ADMIN_PASSWORD at first start.
 */
const port = Number(process.env.E2E_PORT ?? 8181);
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'orms-e2e-'));
process.env.E2E_DATA_DIR = dataDir; // the config is evaluated again in the worker: keep one directory

export default defineConfig({
  testDir: 'e2e',
  // An SMTP server for the e2e server's email (e2e/smtp-sink.ts); the server retries until it is up.
  globalSetup: './e2e/smtp-sink.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    locale: 'en-GB',
    timezoneId: 'Europe/Zurich',
    viewport: { width: 1400, height: 900 },
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: 'node dist/src/cli/main.js serve',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      ORMS_DATA_DIR: dataDir,
      ORMS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ORMS_SMTP_URL: `smtp://127.0.0.1:${smtpSinkPort(port)}?tls=off`,
      ORMS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
  },
});
