'use client';
// "Continue with GitHub/Google", shown only for the providers the server has credentials for.
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { buttonStyles } from '@/app/_components/form-controls';

export function OAuthButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="mt-6">
      <p className="text-center text-xs font-medium tracking-wide text-stone-500 uppercase">or</p>
      <div className="mt-3 space-y-2">
        {providers.map((p) => (
          <button
            key={p.id}
            type="button"
            className={`w-full ${buttonStyles.secondary}`}
            disabled={pending !== null}
            onClick={() => {
              setPending(p.id);
              void signIn(p.id, { callbackUrl });
            }}
          >
            {pending === p.id ? `Opening ${p.name}…` : `Continue with ${p.name}`}
          </button>
        ))}
      </div>
    </div>
  );
}
