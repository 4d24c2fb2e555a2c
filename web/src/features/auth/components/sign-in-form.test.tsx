import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { fetchReplies, renderWithApp } from '@/test/render';

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('checks the fields before sending anything', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderWithApp(<SignInForm />, { path: '/sign-in' });
    fillAndSubmit('not-an-email', '');
    expect(await screen.findByText('Enter a valid e-mail address')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says a wrong pair is not right, and shows the rate limit', async () => {
    vi.stubGlobal(
      'fetch',
      fetchReplies(
        {
          status: 401,
          body: { error: { code: 'invalid_credentials', message: 'The e-mail or password is not right.' } },
        },
        { status: 429, body: { error: { code: 'rate_limited', message: 'Too many attempts.' } } },
      ),
    );
    renderWithApp(<SignInForm />, { path: '/sign-in' });
    fillAndSubmit('alex@northwind.example', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toBe('The e-mail or password is not right.');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByText(/Too many attempts/)).textContent).toBe(
      'Too many attempts. Try again in a few minutes.',
    );
  });

  it('confirms a sign-in link was requested without saying whether the address is known', async () => {
    vi.stubGlobal('fetch', fetchReplies({ status: 202, body: { status: 'sent_if_known' } }));
    renderWithApp(<SignInForm />, { path: '/sign-in' });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'someone@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'E-mail me a sign-in link' }));
    expect(await screen.findByText(/If the address is known, a link is on its way/)).toBeTruthy();
  });
});
