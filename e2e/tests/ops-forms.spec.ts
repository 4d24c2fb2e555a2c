// Issue 13 item 6 (decisions 021, 026): ops create an account, edit it with a reason, add a contract, cancel it
// after confirming, and find each action with its reason in the audit log; at 1280 and 375 px, checked by axe.

import { expect, test, USERS } from '../fixtures/test.ts';

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 375, height: 740 },
]) {
  test(`ops create and edit an account and a contract, cancel it, and audit each (${viewport.width} px)`, async ({
    page,
    signIn,
    expectNoA11yViolations,
  }) => {
    const id = `PW-${viewport.width}`;
    const name = `Playwright Widgets ${viewport.width}`;
    await page.setViewportSize(viewport);
    await signIn(USERS.ops);
    await page.goto('/ops/accounts');
    await page.getByRole('button', { name: 'New account' }).click();
    const newAccount = page.getByRole('form', { name: 'New account' });
    await expect(newAccount).toBeVisible();
    await expectNoA11yViolations();

    // Nothing filled in: the errors stand beside their fields and the first one has the focus.
    await newAccount.getByRole('button', { name: 'Create account' }).click();
    await expect(newAccount.getByRole('textbox', { name: 'External id' })).toBeFocused();
    await expect(newAccount.getByText('Nothing was saved: check the fields marked.')).toBeVisible();
    await expect(newAccount.getByRole('textbox', { name: /^Reason/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    await newAccount.getByRole('textbox', { name: 'External id' }).fill(id);
    await newAccount.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await newAccount.getByRole('textbox', { name: /^Billing e-mail/ }).fill('ap@widgets.example');
    // Pounds: the sample catalog has no list price in GBP, so its contracts need a negotiated price.
    await newAccount.getByRole('combobox', { name: 'Currency' }).selectOption('GBP');
    await newAccount.getByRole('textbox', { name: /^Reason/ }).fill('Signed by sales today');
    await newAccount.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();

    // Edit it with a reason.
    await page.getByRole('button', { name: 'Edit account' }).click();
    const editAccount = page.getByRole('form', { name: 'Edit account' });
    await expect(editAccount.getByRole('textbox', { name: 'External id' })).toHaveValue(id);
    await editAccount.getByRole('textbox', { name: 'Name', exact: true }).fill(`${name} Ltd`);
    await editAccount.getByRole('textbox', { name: /^Reason/ }).fill('Legal name on the signed order');
    await editAccount.getByRole('button', { name: 'Save account' }).click();
    await expect(editAccount.getByText('The account is saved.')).toBeVisible();
    await expect(page.getByRole('heading', { name: `${name} Ltd` })).toBeVisible();
    await editAccount.getByRole('button', { name: 'Close' }).click();

    // A contract; the server's refusal (no list price in GBP) shows beside the price field.
    await page.getByRole('button', { name: 'New contract' }).click();
    const contract = page.getByRole('form', { name: 'New contract' });
    await contract.getByRole('textbox', { name: 'External id' }).fill(`${id}-C1`);
    await contract.getByRole('combobox', { name: 'Plan' }).selectOption('professional');
    await contract.getByRole('spinbutton', { name: 'Seats' }).fill('12');
    await contract.getByLabel('Term start').fill('2026-12-01');
    await contract.getByLabel('Term end').fill('2027-12-01');
    await contract.getByRole('textbox', { name: /^Reason/ }).fill('Order form 4711');
    await contract.getByRole('button', { name: 'Create contract' }).click();
    const price = contract.getByRole('textbox', { name: /^Price per seat per year \(GBP\)/ });
    await expect(price).toBeFocused();
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(contract.getByText(/has no list price in GBP/).first()).toBeVisible();
    await expectNoA11yViolations();
    await price.fill('450.00');
    await contract.getByRole('button', { name: 'Create contract' }).click();
    await expect(contract.getByText('The contract is created.')).toBeVisible();
    await contract.getByRole('button', { name: 'Close' }).click();
    const subscriptions = page.getByRole('region', { name: 'Subscriptions of the account' });
    await expect(subscriptions.getByRole('rowheader', { name: 'Professional' })).toBeVisible();

    // Cancel it: a confirmation that asks why.
    await subscriptions.getByRole('button', { name: 'Cancel contract' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expectNoA11yViolations();
    await dialog.getByRole('button', { name: 'Cancel contract' }).click();
    await expect(dialog.getByText('Say why (at least 3 characters).')).toBeVisible();
    await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Customer withdrew the order');
    await dialog.getByRole('button', { name: 'Cancel contract' }).click();
    await expect(page.getByText('The contract is cancelled.')).toBeVisible();
    await expect(subscriptions.getByText('Cancelled')).toBeVisible();

    // Each action is in the audit log with its reason.
    await page.goto(`/ops/audit?actor=${encodeURIComponent(USERS.ops)}`);
    for (const reason of [
      'Signed by sales today',
      'Legal name on the signed order',
      'Order form 4711',
      'Customer withdrew the order',
    ]) {
      await expect(page.getByText(reason).first()).toBeVisible();
    }
    await expectNoA11yViolations();
  });
}
