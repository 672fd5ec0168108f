/** The password of `admin` in the e2e server (DUTO_ADMIN_PASSWORD); global-setup.ts logs in with it. */
export const E2E_ADMIN_PASSWORD = 'duto-e2e-admin-password';
