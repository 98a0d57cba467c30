'use client';
// Signs out through next-auth (it posts with the CSRF token) and returns to the home page.
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { menuItemStyles } from './header-menu';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={menuItemStyles}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: '/' });
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
