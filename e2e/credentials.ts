/** The admin password the e2e server is started with (playwright.config.ts). */
export const ADMIN_PASSWORD = 'E2e-admin-password-1';
