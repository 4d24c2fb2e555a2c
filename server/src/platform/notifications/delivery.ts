// The outbox delivery worker: sends due e-mails through SMTP with retries and exponential backoff; a
// permanent SMTP rejection or running out of attempts marks the e-mail failed, which ops see on the mailbox
// page. Claims are leased, so two workers never send the same e-mail at once and a crash mid-send only
// delays it until the lease ends (at-least-once: an e-mail sent just before a crash may go out twice).

import type { AppDeps } from '../http/context.ts';
import * as repo from './delivery-repo.ts';
import { MailDeliveryError, type Mailer } from './mailer.ts';

/** Waits before attempts 2, 3, …: 1 min, 5 min, 30 min, 2 h, 6 h; then the e-mail has failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];
const LEASE_MS = 5 * 60_000;

export type DeliveryReport = { sent: number; retried: number; failed: number };

export async function deliverDueEmails(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger'>,
  mailer: Mailer,
  options: { batchSize?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const now = deps.clock.now();
  const ids = await repo.listDueEmailIds(deps.db, now.toISOString(), options.batchSize ?? 50);
  for (const id of ids) {
    const leaseUntil = new Date(deps.clock.now().getTime() + LEASE_MS).toISOString();
    if (!(await repo.claimEmail(deps.db, id, deps.clock.now().toISOString(), leaseUntil))) continue;
    const email = await repo.findEmailForDelivery(deps.db, id);
    try {
      await mailer.send({
        from: deps.config.mailFrom,
        to: email.to_address,
        subject: email.subject,
        // The link-bearing copy when there is one (sign-in, invitation); it is cleared once sent.
        text: email.private_text_body ?? email.text_body,
        html: email.private_html_body ?? email.html_body,
        messageId: `<${email.id}@renewal-portal>`,
      });
      await repo.markSent(deps.db, id, deps.clock.now().toISOString());
      report.sent++;
    } catch (err) {
      const isPermanent = err instanceof MailDeliveryError && err.isPermanent;
      const delay = RETRY_DELAYS_MS[email.attempts];
      const retryAt =
        !isPermanent && delay !== undefined
          ? new Date(deps.clock.now().getTime() + delay).toISOString()
          : null;
      const message = err instanceof Error ? err.message : String(err);
      await repo.markAttemptFailed(deps.db, id, { error: message, retryAtIso: retryAt });
      if (retryAt) report.retried++;
      else report.failed++;
      deps.logger.warn(
        { emailId: id, attempt: email.attempts + 1, isPermanent, retryAt, err: message },
        'e-mail delivery failed',
      );
    }
  }
  return report;
}
