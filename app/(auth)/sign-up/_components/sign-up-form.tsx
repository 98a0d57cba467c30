'use client';
// POST /api/v1/users, then sign in with the same email and password, then go on. When the server mails (202), the
// emailed link finishes the sign-up instead: the form says so.
import { useState, type FormEvent } from 'react';
import { signInWithCredentials } from '../../_components/credentials-sign-in';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, TextField, buttonStyles, fieldErrors } from '@/app/_components/form-controls';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARACTERS, passwordLengthProblems } from '@/lib/users/schemas';

const shownFields = ['name', 'email', 'password'];

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // the length is checked here as it is typed (once the field was left, or a submit tried); the common-password
  // list on the server, whose answer shows under the field while the password is the one it judged
  const [passwordTouched, setPasswordTouched] = useState(false);
  const [submittedPassword, setSubmittedPassword] = useState<string | null>(null);
  const [signInProblem, setSignInProblem] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const [checkEmail, setCheckEmail] = useState<string | null>(null);
  const api = useApiCall();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSignInProblem(null);
    setPasswordTouched(true);
    if (passwordLengthProblems(password).length > 0) return;
    setSubmittedPassword(password);
    const created = await api.run<{ message?: string }>('/api/v1/users', { method: 'POST', body: { name, email, password } });
    if (!created.ok) return;
    if (created.status === 202) {
      setCheckEmail(created.data.message ?? 'Check your email to finish signing up.');
      return;
    }
    setSigningIn(true);
    const signedIn = await signInWithCredentials({ email, password, callbackUrl });
    if (signedIn.ok) {
      window.location.assign(callbackUrl);
      return;
    }
    setSigningIn(false);
    setSignInProblem(`Your account was created, but signing in did not work: ${signedIn.message} Use "Sign in" below.`);
  }

  const busy = api.pending || signingIn;
  if (checkEmail) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {checkEmail}
      </p>
    );
  }
  const localPasswordProblems = passwordTouched ? passwordLengthProblems(password) : [];
  const passwordErrors = localPasswordProblems.length > 0 ? localPasswordProblems : password === submittedPassword ? fieldErrors(api.error, 'password') : undefined;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
      <FormError error={api.error} shownFields={shownFields} />
      {signInProblem && (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {signInProblem}
        </p>
      )}
      <TextField
        id="sign-up-name"
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={fieldErrors(api.error, 'name')}
      />
      <TextField
        id="sign-up-email"
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={fieldErrors(api.error, 'email')}
      />
      <TextField
        id="sign-up-password"
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_CHARACTERS} characters and at most ${PASSWORD_MAX_BYTES} bytes; not a common password.`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        onBlur={() => setPasswordTouched(password !== '')}
        errors={passwordErrors}
      />
      <button type="submit" className={`w-full ${buttonStyles.primary}`} disabled={busy}>
        {signingIn ? 'Signing in…' : api.pending ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
