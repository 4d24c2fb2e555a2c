import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MailboxMessage } from '@/features/mailbox/components/mailbox-message';
import { fetchReplies, renderWithApp } from '@/test/render';

const email = {
  id: 'eml_1',
  to: 'alex@northwind.example',
  template: 'auto_renew_notice_advance',
  locale: 'en',
  subject: 'Sales workspace renews automatically on January 26, 2027: $20,520.00',
  status: 'captured',
  attempts: 0,
  lastError: null,
  createdAt: '2026-12-27T03:00:00.000Z',
  sentAt: null,
  text: 'On January 26, 2027 we will charge $20,520.00.',
  html: '<!doctype html><html><head><title>x</title></head><body><p>On January 26</p><script>alert(1)</script></body></html>',
};

describe('MailboxMessage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the HTML in a sandboxed frame that runs no script and opens links in a new tab', async () => {
    vi.stubGlobal('fetch', fetchReplies({ status: 200, body: { email } }));
    renderWithApp(<MailboxMessage id="eml_1" />);
    const frame = (await screen.findByTitle('The e-mail as its recipient sees it')) as HTMLIFrameElement;
    const sandbox = frame.getAttribute('sandbox') ?? '';
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    expect(frame.getAttribute('srcdoc')).toContain('<head><base target="_blank"><title>');
    expect(screen.getByRole('heading', { level: 2, name: email.subject })).toBeTruthy();
  });
});
