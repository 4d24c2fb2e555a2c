import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../platform/notifications/mailer.ts';
import { type CaughtMail, formatMail, startMailCatcher } from './mail-catcher.ts';

describe('pnpm mail:catch', () => {
  const caught: CaughtMail[] = [];
  let catcher: Awaited<ReturnType<typeof startMailCatcher>>;

  beforeAll(async () => {
    catcher = await startMailCatcher(0, (mail) => caught.push(mail));
  });
  afterAll(async () => {
    await catcher.close();
  });

  it('prints what the portal sends over SMTP: recipient, subject (Chinese too) and the link in the text', async () => {
    const mailer = createSmtpMailer(`smtp://localhost:${catcher.port}`);
    const link = `http://localhost:3000/invitations/accept?token=${'x'.repeat(90)}`;
    await mailer.send({
      from: 'Renewal portal <portal@vendor.example>',
      to: 'hank@globex.example',
      subject: '邀请您加入 Globex Corporation',
      text: `Join Globex Corporation\n\nChoose a password: ${link}\n`,
      html: `<p>Choose a password: <a href="${link}">accept</a></p>`,
      messageId: '<inv-1@vendor.example>',
    });
    mailer.close();

    expect(caught).toHaveLength(1);
    const printed = formatMail(caught[0] as CaughtMail, new Date('2027-01-05T09:00:00Z'));
    expect(printed).toContain(
      '2027-01-05T09:00:00.000Z to hank@globex.example: 邀请您加入 Globex Corporation',
    );
    expect(printed).toContain(`  Choose a password: ${link}`);
  });
});
