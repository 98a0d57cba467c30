'use client';
// Email and password; one generic message for a wrong email or password, and the wait after too many failures.
import { useState, type FormEvent } from 'react';
import { signInWithCredentials } from '../../_components/credentials-sign-in';
import { TextField, buttonStyles } from '@/app/_components/form-controls';

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setPending(true);
    setError(null);
    const result = await signInWithCredentials({ email: email.trim(), password, callbackUrl });
    if (result.ok) {
      // A full page load, so the header and every server component see the new session.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setPassword('');
    setError(result.message);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
      {error && (
        <p id="sign-in-error" role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
          {error}
        </p>
      )}
      <TextField
        id="sign-in-email"
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        id="sign-in-password"
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className={`w-full ${buttonStyles.primary}`} disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
