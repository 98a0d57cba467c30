// Accounts, workspaces and access in Chromium: an owner signs up, creates a workspace, imports a text through
// the preview, and invites a second person with a single-use link, who joins from another browser; the used link
// is refused to a third, who is then invited by email and declines, then accepts, on their workspaces page, and
// signs out everywhere from their account settings. Also: API tokens, signing out and in, and the sign-in messages. Screenshots to look at.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { goto, launchBrowser, screenshotsDir, viewports } from './browser';

const baseUrl = inject('baseUrl');
const suffix = randomBytes(4).toString('hex');

type Person = { name: string; email: string; password: string };
const person = (name: string): Person => ({
  name: `${name} ${suffix}`,
  email: `${name.toLowerCase()}-${suffix}@example.test`,
  password: `${name.toLowerCase()}-password-${suffix}`,
});

const owner = person('Olivia');
const invitee = person('Bruno');
const latecomer = person('Chen');
const workspaceName = `Reading club ${suffix}`;
const workspaceSlug = `reading-club-${suffix}`;
const documentTitle = 'Why readers disagree';
const importedText = `# ${documentTitle}

Readers of the same essay often disagree about what it claims.[1]

- First, they weigh evidence differently.
- Second, they read different passages closely.

> A crux is a claim on which the disagreement hinges.

The notes below were pasted from another page.[2]
`;

let browser: Browser;
const contexts: BrowserContext[] = [];
let ownerPage: Page;
let latePage: Page;
let invitePath = '';

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

/**
 * A fresh browser (its own cookies). Each one reports its own client address, as the proxy in front of the app
 * would, so sign-in failures in one test never count against another's.
 */
async function openBrowser(viewport: keyof typeof viewports = 'desktop'): Promise<Page> {
  const [a = 0, b = 0, c = 0] = randomBytes(3);
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: viewports[viewport],
    extraHTTPHeaders: { 'x-forwarded-for': `10.${a}.${b}.${(c % 254) + 1}` },
  });
  contexts.push(context);
  return context.newPage();
}

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotsDir, name), fullPage: true });

const mainText = async (page: Page): Promise<string> => (await page.getByRole('main').textContent()) ?? '';

async function fillSignUp(page: Page, who: Person) {
  await page.getByLabel('Name', { exact: true }).fill(who.name);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
}

async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('main').getByRole('alert');
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

describe('accounts, workspaces and invites in the browser', () => {
  it('signs up, creates a workspace and imports a text after previewing it', async () => {
    ownerPage = await openBrowser();
    const page = ownerPage;
    await goto(page, '/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in.png');

    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/sign-up');
    await fillSignUp(page, owner);
    await page.waitForURL(`${baseUrl}/`);
    await page.getByRole('banner').getByText(owner.name).waitFor();

    // The header's workspace menu leads to "New workspace"; the address is suggested from the name.
    await page.getByRole('banner').getByText('Workspaces', { exact: true }).click();
    await page.getByRole('link', { name: '+ New workspace' }).click();
    await page.waitForURL('**/w/new');
    await page.getByLabel('Name', { exact: true }).fill(workspaceName);
    expect(await page.getByLabel('Address', { exact: true }).inputValue()).toBe(workspaceSlug);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL(`**/w/${workspaceSlug}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(workspaceName);
    expect(await page.getByRole('radio', { name: /Private/ }).isChecked()).toBe(true);
    await screenshot(page, 'workspace-settings.png');

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Library' }).click();
    await page.waitForURL(`**/w/${workspaceSlug}`);
    expect(await mainText(page)).toContain('You are an owner');
    expect(await mainText(page)).toContain('No documents yet.');

    await page.getByRole('link', { name: 'Import a text' }).click();
    await page.waitForURL(`**/w/${workspaceSlug}/import`);
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'why-readers-disagree.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(importedText),
    });
    await expect.poll(() => page.getByLabel('Address', { exact: true }).inputValue()).toBe('why-readers-disagree');
    await page.getByLabel('Author (optional)').fill('The reading group');
    await page.getByRole('button', { name: 'Preview' }).click();

    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    const warnings = preview.getByRole('region', { name: /warnings/i });
    expect(await warnings.textContent()).toMatch(/Warnings \(\d+\).*footnote/);
    const previewText = (await preview.textContent()) ?? '';
    expect(previewText).toContain(documentTitle);
    expect(previewText).toMatch(/1 heading.*2 list items.*1 quote/);
    expect(previewText).toContain('Saving creates a new document.');
    await screenshot(page, 'import-preview.png');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(`**/w/${workspaceSlug}/documents/why-readers-disagree`);
    expect(await page.locator('h1').textContent()).toBe(documentTitle);
    expect(await mainText(page)).toContain('The reading group');
  });

  it('invites with a single-use link that a second account joins through from another browser', async () => {
    const page = ownerPage;
    await goto(page, `/w/${workspaceSlug}`);
    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(`**/w/${workspaceSlug}/members`);
    expect(await page.getByRole('list', { name: 'Members' }).textContent()).toContain(owner.email);

    // Defaults: a reviewer, one person, seven days.
    await page.getByRole('button', { name: 'Create invite link' }).click();
    await page.getByText('Invite link created').waitFor();
    const inviteUrl = await page.getByLabel('Invite link', { exact: true }).inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${baseUrl}/invites/[\\w-]{20,}$`));
    expect(await mainText(page)).toContain('this link will not be shown again');
    await page.getByRole('cell', { name: '0 of 1' }).waitFor();
    expect(await page.getByRole('table').textContent()).toContain('Active');
    await screenshot(page, 'members.png');
    invitePath = new URL(inviteUrl).pathname;

    // Someone else, on a phone, without an account yet.
    const guest = await openBrowser('phone');
    await goto(guest, invitePath);
    await guest.getByRole('heading', { name: `Join ${workspaceName}` }).waitFor();
    expect(await mainText(guest)).toContain('as a reviewer');
    await guest.getByRole('link', { name: 'Create an account' }).click();
    await guest.waitForURL('**/sign-up?callbackUrl=*');
    await fillSignUp(guest, invitee);
    await guest.waitForURL(`${baseUrl}${invitePath}`);
    await screenshot(guest, 'invite-phone.png');
    await guest.getByRole('button', { name: `Join ${workspaceName}` }).click();
    await guest.waitForURL(`${baseUrl}/w/${workspaceSlug}`);
    expect(await guest.getByTestId('document-title').allTextContents()).toEqual([documentTitle]);
    expect(await mainText(guest)).toContain('You are a reviewer');
    // The header's workspace menu now names the workspace the guest is in.
    await guest.getByRole('banner').getByText(workspaceName).first().waitFor();
    await screenshot(guest, 'library-member-phone.png');
    expect(await guest.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await guest.getByRole('banner').getByText(workspaceName).first().click();
    await guest.getByRole('link', { name: '+ New workspace' }).waitFor();
    await guest.screenshot({ path: path.join(screenshotsDir, 'workspace-menu-phone.png') });
    await guest.keyboard.press('Escape');
    await guest.getByRole('link', { name: '+ New workspace' }).waitFor({ state: 'hidden' });

    await page.reload();
    expect(await page.getByRole('list', { name: 'Members' }).textContent()).toContain(invitee.name);
    expect(await page.getByRole('table').textContent()).toContain('Used up');
  });

  it('tells a third account that the single-use link has already been used', async () => {
    const late = await openBrowser();
    latePage = late;
    await goto(late, `/sign-up?callbackUrl=${encodeURIComponent(invitePath)}`);
    await fillSignUp(late, latecomer);
    await late.waitForURL(`${baseUrl}${invitePath}`);
    await late.getByRole('heading', { name: 'This invite has already been used' }).waitFor();
    expect(await late.getByRole('button', { name: /^Join/ }).count()).toBe(0);
    expect((await goto(late, `/w/${workspaceSlug}`))?.status()).toBe(404);
  });

  it('invites by email: the person declines on their workspaces page, then accepts a second invitation', async () => {
    const page = ownerPage;
    const inviteByEmail = async (email: string, role: string) => {
      await goto(page, `/w/${workspaceSlug}/members`);
      await page.locator('#add-member-email').fill(email);
      await page.locator('#add-member-role').selectOption(role);
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      await page.getByText(`Invited ${email} as`).waitFor();
    };
    // The owner's answer is the same for an address without an account.
    await inviteByEmail(`nobody-${suffix}@example.test`, 'reviewer');
    await inviteByEmail(latecomer.email, 'reviewer');
    expect(await mainText(page)).toContain('They join once they accept');
    expect(await page.getByRole('list', { name: 'Members' }).textContent()).not.toContain(latecomer.name);

    const late = latePage;
    await goto(late, '/');
    const invitations = late.getByRole('region', { name: 'Invitations' });
    await invitations.waitFor();
    expect(await invitations.textContent()).toContain(`${owner.name} invites you to ${workspaceName} as a reviewer.`);
    await screenshot(late, 'invitations.png');
    await invitations.getByRole('button', { name: `Decline the invitation to ${workspaceName}` }).click();
    await invitations.getByText('Invitation declined.').waitFor();
    expect((await goto(late, `/w/${workspaceSlug}`))?.status()).toBe(404);
    await goto(page, `/w/${workspaceSlug}/members`);
    expect(await page.getByRole('table').textContent()).toContain('Declined');

    await inviteByEmail(latecomer.email, 'observer');
    await goto(late, '/');
    await late.getByRole('region', { name: 'Invitations' }).getByRole('button', { name: `Accept the invitation to ${workspaceName}` }).click();
    const joined = late.getByText(`You joined ${workspaceName}.`);
    await joined.waitFor();
    // The refresh brings the workspace's library; the confirmation stays beside it, with a link there.
    await late.getByRole('heading', { level: 2, name: workspaceName }).waitFor();
    expect(await joined.isVisible()).toBe(true);
    await late.getByRole('region', { name: 'Invitations' }).getByRole('link', { name: 'Open it' }).click();
    await late.waitForURL(`${baseUrl}/w/${workspaceSlug}`);
    await goto(late, `/w/${workspaceSlug}`);
    expect(await mainText(late)).toContain('You are an observer');
    await page.reload();
    expect(await page.getByRole('list', { name: 'Members' }).textContent()).toContain(latecomer.name);
  });

  it('signs out everywhere from the account settings: the other browser is signed out too', async () => {
    const laptop = await openBrowser();
    const phone = await openBrowser('phone');
    for (const browserPage of [laptop, phone]) {
      await goto(browserPage, '/sign-in');
      await fillSignIn(browserPage, latecomer.email, latecomer.password);
      await browserPage.waitForURL(`${baseUrl}/`);
    }
    await goto(laptop, '/settings/account');
    expect(await mainText(laptop)).toContain(latecomer.email);
    await screenshot(laptop, 'account-settings.png');
    await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptop.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await laptop.waitForURL('**/sign-in');
    await goto(phone, '/settings/account');
    await phone.waitForURL('**/sign-in?callbackUrl=*');
  });

  it('creates an API token that is shown once and works until it is revoked', async () => {
    const page = ownerPage;
    await page.getByRole('banner').getByText(owner.name).click();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL('**/settings/tokens');
    await page.getByLabel('Name', { exact: true }).fill('export script');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Token “export script” created').waitFor();
    const token = await page.getByLabel('Your new token').inputValue();
    expect(token).toMatch(/^cmx_/);
    expect(await mainText(page)).toContain('you will not see it again');
    await page.getByRole('cell', { name: 'export script', exact: true }).waitFor();
    await screenshot(page, 'tokens.png');

    const asToken = () => fetch(`${baseUrl}/api/v1/workspaces`, { headers: { authorization: `Bearer ${token}` } });
    const listed = await asToken();
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain(workspaceSlug);

    await page.reload();
    expect(await page.getByText('never', { exact: true }).count()).toBe(1); // expires never; last used is now set
    await page.getByRole('button', { name: 'Revoke token export script' }).click();
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByText(/^Revoked /).waitFor();
    expect((await asToken()).status).toBe(401);
  });

  it('signs out, and signs back in to the page it was sent from', async () => {
    const page = ownerPage;
    await page.getByRole('banner').getByText(owner.name).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    expect((await goto(page, `/w/${workspaceSlug}`))?.status()).toBe(404);

    await goto(page, `/w/${workspaceSlug}/members`);
    await page.waitForURL('**/sign-in?callbackUrl=*');
    await fillSignIn(page, owner.email, 'not-my-password');
    expect(await alertText(page)).toBe('Email or password is incorrect.');
    await fillSignIn(page, owner.email, owner.password);
    await page.waitForURL(`${baseUrl}/w/${workspaceSlug}/members`);
    await page.getByRole('heading', { name: 'Members' }).waitFor();
  });

  it('lets the owner rename a document, archive it and restore it', async () => {
    const page = ownerPage;
    const documentPath = `/w/${workspaceSlug}/documents/why-readers-disagree`;
    await goto(page, documentPath);
    await page.getByText('Edit details').click();
    await screenshot(page, 'document-edit.png');
    await page.getByLabel('Title', { exact: true }).fill('Why careful readers disagree');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Why careful readers disagree');

    await page.getByRole('button', { name: 'Archive this document' }).click();
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.waitForURL(`${baseUrl}/w/${workspaceSlug}`);
    await page.getByRole('heading', { name: 'Archived (1)' }).waitFor();
    expect(await page.getByTestId('document-title').count()).toBe(0);
    await screenshot(page, 'library-owner.png');
    expect((await goto(page, documentPath))?.status()).toBe(404);

    await goto(page, `/w/${workspaceSlug}`);
    await page.getByRole('button', { name: 'Restore Why careful readers disagree' }).click();
    await page.getByTestId('document-title').waitFor();
    expect(await page.getByTestId('document-title').allTextContents()).toEqual(['Why careful readers disagree']);
  });

  it('shows the owner who did what in the audit log', async () => {
    const page = ownerPage;
    await goto(page, `/w/${workspaceSlug}/audit`);
    const log = (await page.getByRole('table').textContent()) ?? '';
    for (const action of ['workspace.created', 'document.imported', 'invite.created', 'invite.accepted', 'document.archived', 'document.restored']) {
      expect(log).toContain(action);
    }
    expect(log).toContain(invitee.name);
    await screenshot(page, 'audit.png');
  });
});

describe('sign-in messages', () => {
  it('says the same thing for an unknown email, then how long to wait after five failures', async () => {
    const page = await openBrowser();
    await goto(page, '/sign-in');
    const email = `nobody-${suffix}@example.test`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      await fillSignIn(page, email, `guess-${attempt}`);
      expect(await alertText(page)).toBe('Email or password is incorrect.');
    }
    await fillSignIn(page, email, 'guess-6');
    await expect.poll(() => alertText(page)).toMatch(/^Too many failed sign-ins\. Try again in 1[45] minutes\.$/);
  });

  it('ignores a callbackUrl that leaves the site', async () => {
    const page = await openBrowser();
    await goto(page, `/sign-up?callbackUrl=${encodeURIComponent('//evil.example/steal')}`);
    await fillSignUp(page, person('Dana'));
    await page.waitForURL(`${baseUrl}/`);
  });
});
