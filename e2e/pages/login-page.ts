import { expect, type Page } from '@playwright/test';

/** The login page, which any address shows to a browser without a session. */
export class LoginPage {
  constructor(readonly page: Page) {}

  /** Opens `path` logged out, logs in on the page that takes over, and lands where it was going. */
  async logIn(username: string, password: string, path = '/'): Promise<void> {
    await this.page.goto(path);
    const form = this.page.getByTestId('login-form');
    await expect(form).toBeVisible();
    await this.submit(username, password);
    await expect(this.page.getByTestId('current-user')).toHaveText(username);
    await expect(form).toHaveCount(0);
  }

  /** Fills in the login form shown now and sends it, whether or not the server takes the password. */
  async submit(username: string, password: string): Promise<void> {
    const form = this.page.getByTestId('login-form');
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Log in' }).click();
  }
}
